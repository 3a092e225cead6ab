/* custody-add-media-dialog.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custody-add-media-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "custody-add-media-dialog.h"
#include "custody-form.h"

/* Adds one volume or a range of labels: what is typed, read back by the
 * page when the dialog answers "add". */
struct _CustodyAddMediaDialog
{
  AdwMessageDialog parent_instance;

  AdwEntryRow *first_row;
  AdwEntryRow *last_row;
  AdwEntryRow *type_row;
  AdwComboRow *pool_row;
  AdwComboRow *location_row;
};

G_DEFINE_FINAL_TYPE (CustodyAddMediaDialog, custody_add_media_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
custody_add_media_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CUSTODY_TYPE_ADD_MEDIA_DIALOG);

  G_OBJECT_CLASS (custody_add_media_dialog_parent_class)->dispose (object);
}

static void
custody_add_media_dialog_class_init (CustodyAddMediaDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = custody_add_media_dialog_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/custody/Custody/ui/"
                                               "custody-add-media-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CustodyAddMediaDialog, first_row);
  gtk_widget_class_bind_template_child (widget_class, CustodyAddMediaDialog, last_row);
  gtk_widget_class_bind_template_child (widget_class, CustodyAddMediaDialog, type_row);
  gtk_widget_class_bind_template_child (widget_class, CustodyAddMediaDialog, pool_row);
  gtk_widget_class_bind_template_child (widget_class, CustodyAddMediaDialog, location_row);
}

static void
custody_add_media_dialog_init (CustodyAddMediaDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * custody_add_media_dialog_new:
 * @pools: (element-type CustodyPool): the pools to offer
 * @locations: (element-type CustodyLocation): the places to offer
 */
CustodyAddMediaDialog *
custody_add_media_dialog_new (GtkWidget *parent,
                              GPtrArray *pools,
                              GPtrArray *locations)
{
  CustodyAddMediaDialog *self = custody_form_dialog_new (CUSTODY_TYPE_ADD_MEDIA_DIALOG, parent);
  g_auto(GStrv) pool_names = custody_form_names (pools, CUSTODY_FORM_POOLS, _("None"));
  g_auto(GStrv) location_names = custody_form_names (locations, CUSTODY_FORM_LOCATIONS,
                                                     _("Not recorded"));

  custody_form_set_names (self->pool_row, (const char * const *) pool_names, NULL);
  custody_form_set_names (self->location_row, (const char * const *) location_names, NULL);
  return self;
}

char *
custody_add_media_dialog_dup_first (CustodyAddMediaDialog *self)
{
  g_return_val_if_fail (CUSTODY_IS_ADD_MEDIA_DIALOG (self), NULL);

  return custody_form_dup_text (self->first_row);
}

/* Returns: (transfer full): the last label of the range, "" for one volume */
char *
custody_add_media_dialog_dup_last (CustodyAddMediaDialog *self)
{
  g_return_val_if_fail (CUSTODY_IS_ADD_MEDIA_DIALOG (self), NULL);

  return custody_form_dup_text (self->last_row);
}

/* Returns: (transfer full): the media type, "" to take it from the label */
char *
custody_add_media_dialog_dup_type (CustodyAddMediaDialog *self)
{
  g_return_val_if_fail (CUSTODY_IS_ADD_MEDIA_DIALOG (self), NULL);

  return custody_form_dup_text (self->type_row);
}

/* Returns: (nullable): the pool, %NULL for none */
const char *
custody_add_media_dialog_get_pool (CustodyAddMediaDialog *self)
{
  g_return_val_if_fail (CUSTODY_IS_ADD_MEDIA_DIALOG (self), NULL);

  if (adw_combo_row_get_selected (self->pool_row) == 0)
    return NULL;
  return custody_form_get_choice (self->pool_row);
}

/* Returns: (nullable): where the volumes are, %NULL if not recorded */
const char *
custody_add_media_dialog_get_location (CustodyAddMediaDialog *self)
{
  g_return_val_if_fail (CUSTODY_IS_ADD_MEDIA_DIALOG (self), NULL);

  if (adw_combo_row_get_selected (self->location_row) == 0)
    return NULL;
  return custody_form_get_choice (self->location_row);
}
