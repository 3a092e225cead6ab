/* custody-labels-dialog.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custody-labels-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "custody-form.h"
#include "custody-labels-dialog.h"
#include "custody-store.h"
#include "custody-volser.h"

/* Barcode labels for one volume or a range of labels, printed or saved
 * as PDF: which ones, and on what. */
struct _CustodyLabelsDialog
{
  AdwMessageDialog parent_instance;

  AdwEntryRow *first_row;
  AdwEntryRow *last_row;
  AdwComboRow *layout_row;
};

G_DEFINE_FINAL_TYPE (CustodyLabelsDialog, custody_labels_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
custody_labels_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CUSTODY_TYPE_LABELS_DIALOG);

  G_OBJECT_CLASS (custody_labels_dialog_parent_class)->dispose (object);
}

static void
custody_labels_dialog_class_init (CustodyLabelsDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = custody_labels_dialog_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/custody/Custody/ui/"
                                               "custody-labels-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CustodyLabelsDialog, first_row);
  gtk_widget_class_bind_template_child (widget_class, CustodyLabelsDialog, last_row);
  gtk_widget_class_bind_template_child (widget_class, CustodyLabelsDialog, layout_row);
}

static void
custody_labels_dialog_init (CustodyLabelsDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* @first: (nullable): the label to begin with */
CustodyLabelsDialog *
custody_labels_dialog_new (GtkWidget  *parent,
                           const char *first)
{
  CustodyLabelsDialog *self = custody_form_dialog_new (CUSTODY_TYPE_LABELS_DIALOG, parent);

  if (first != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->first_row), first);
  return self;
}

/* Returns: (transfer full) (nullable): the labels asked for, %NULL if a
 * label is not one */
CustodyLabels *
custody_labels_dialog_dup_labels (CustodyLabelsDialog  *self,
                                  GError              **error)
{
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  g_auto(GStrv) volsers = NULL;
  guint layout;

  g_return_val_if_fail (CUSTODY_IS_LABELS_DIALOG (self), NULL);

  first = custody_form_dup_text (self->first_row);
  last = custody_form_dup_text (self->last_row);
  layout = adw_combo_row_get_selected (self->layout_row);
  if (last[0] != '\0')
    volsers = custody_volser_range (first, last, CUSTODY_STORE_MAX_RANGE, error);
  else
    {
      char *one = custody_volser_normalize (first, error);

      if (one != NULL)
        {
          volsers = g_new0 (char *, 2);
          volsers[0] = one;
        }
    }
  if (volsers == NULL)
    return NULL;
  return custody_labels_new ((const char * const *) volsers,
                             layout < CUSTODY_N_LABEL_LAYOUTS ? layout : CUSTODY_LABELS_A4, error);
}
