/* custody-medium-editor.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custody-medium-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "custody-form.h"
#include "custody-medium-editor.h"
#include "custody-time.h"

/* Edits one volume's type, pool, status, retention and note. */
struct _CustodyMediumEditor
{
  AdwMessageDialog parent_instance;

  AdwEntryRow *type_row;
  AdwComboRow *pool_row;
  AdwComboRow *status_row;
  AdwEntryRow *retention_row;
  AdwEntryRow *note_row;

  CustodyMedium *medium;
};

G_DEFINE_FINAL_TYPE (CustodyMediumEditor, custody_medium_editor, ADW_TYPE_MESSAGE_DIALOG)

static void
custody_medium_editor_dispose (GObject *object)
{
  CustodyMediumEditor *self = (CustodyMediumEditor *) object;

  g_clear_object (&self->medium);
  gtk_widget_dispose_template (GTK_WIDGET (object), CUSTODY_TYPE_MEDIUM_EDITOR);

  G_OBJECT_CLASS (custody_medium_editor_parent_class)->dispose (object);
}

static void
custody_medium_editor_class_init (CustodyMediumEditorClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = custody_medium_editor_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/custody/Custody/ui/"
                                               "custody-medium-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CustodyMediumEditor, type_row);
  gtk_widget_class_bind_template_child (widget_class, CustodyMediumEditor, pool_row);
  gtk_widget_class_bind_template_child (widget_class, CustodyMediumEditor, status_row);
  gtk_widget_class_bind_template_child (widget_class, CustodyMediumEditor, retention_row);
  gtk_widget_class_bind_template_child (widget_class, CustodyMediumEditor, note_row);
}

static void
custody_medium_editor_init (CustodyMediumEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * custody_medium_editor_new:
 * @pools: (element-type CustodyPool): the pools to offer
 */
CustodyMediumEditor *
custody_medium_editor_new (GtkWidget     *parent,
                           CustodyMedium *medium,
                           GPtrArray     *pools)
{
  CustodyMediumEditor *self = custody_form_dialog_new (CUSTODY_TYPE_MEDIUM_EDITOR, parent);
  g_auto(GStrv) pool_names = custody_form_names (pools, CUSTODY_FORM_POOLS, _("None"));
  g_autoptr(GStrvBuilder) statuses = g_strv_builder_new ();
  g_auto(GStrv) status_names = NULL;
  g_autofree char *heading = g_strdup_printf (_("Edit %s"), medium->volser);
  g_autofree char *retention = NULL;

  for (guint i = 0; i < CUSTODY_N_MEDIUM_STATUSES; i++)
    g_strv_builder_add (statuses, custody_medium_status_get_label (i));
  status_names = g_strv_builder_end (statuses);
  if (medium->retention_until != CUSTODY_TIME_NONE)
    retention = custody_time_format_date (medium->retention_until);
  else
    retention = g_strdup ("");

  self->medium = g_object_ref (medium);
  adw_message_dialog_set_heading (ADW_MESSAGE_DIALOG (self), heading);
  if (medium->type != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->type_row), medium->type);
  custody_form_set_names (self->pool_row, (const char * const *) pool_names,
                          medium->pool != NULL ? medium->pool : _("None"));
  custody_form_set_names (self->status_row, (const char * const *) status_names,
                          custody_medium_status_get_label (medium->status));
  gtk_editable_set_text (GTK_EDITABLE (self->retention_row), retention);
  if (medium->note != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->note_row), medium->note);
  return self;
}

/* Returns: (transfer full) (nullable): the volume as the form has it,
 * without its label; %NULL if the retention date is not one */
CustodyMedium *
custody_medium_editor_dup_medium (CustodyMediumEditor  *self,
                                  GError              **error)
{
  g_autoptr(CustodyMedium) m = NULL;
  g_autofree char *retention = NULL;
  guint status;

  g_return_val_if_fail (CUSTODY_IS_MEDIUM_EDITOR (self), NULL);

  m = custody_medium_new ();
  m->type = custody_form_dup_text (self->type_row);
  if (adw_combo_row_get_selected (self->pool_row) > 0)
    m->pool = g_strdup (custody_form_get_choice (self->pool_row));
  status = adw_combo_row_get_selected (self->status_row);
  m->status = status < CUSTODY_N_MEDIUM_STATUSES ? (CustodyMediumStatus) status
                                                 : self->medium->status;
  m->capacity_bytes = self->medium->capacity_bytes;
  m->worm = self->medium->worm;
  g_free (m->note);
  m->note = custody_form_dup_text (self->note_row);
  retention = custody_form_dup_text (self->retention_row);
  if (retention[0] != '\0' && !custody_time_parse (retention, &m->retention_until, error))
    return NULL;
  return g_steal_pointer (&m);
}
