/* custody-reconcile-dialog.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custody-reconcile-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "custody-form.h"
#include "custody-reconcile-dialog.h"

/* Reconciles a location: the labels scanned there, one a line, to be
 * compared with what the records say is there. */
struct _CustodyReconcileDialog
{
  AdwMessageDialog parent_instance;

  AdwComboRow *location_row;
  GtkTextView *labels_view;
};

G_DEFINE_FINAL_TYPE (CustodyReconcileDialog, custody_reconcile_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
custody_reconcile_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CUSTODY_TYPE_RECONCILE_DIALOG);

  G_OBJECT_CLASS (custody_reconcile_dialog_parent_class)->dispose (object);
}

/* The labels are scanned first: the text takes the focus the dialog
 * gives its first row when shown. */
static void
custody_reconcile_dialog_show (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (custody_reconcile_dialog_parent_class)->show (widget);
  gtk_widget_grab_focus (GTK_WIDGET (CUSTODY_RECONCILE_DIALOG (widget)->labels_view));
}

static void
custody_reconcile_dialog_class_init (CustodyReconcileDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = custody_reconcile_dialog_dispose;
  widget_class->show = custody_reconcile_dialog_show;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/custody/Custody/ui/"
                                               "custody-reconcile-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CustodyReconcileDialog, location_row);
  gtk_widget_class_bind_template_child (widget_class, CustodyReconcileDialog, labels_view);
}

static void
custody_reconcile_dialog_init (CustodyReconcileDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * custody_reconcile_dialog_new:
 * @locations: (element-type CustodyLocation): the places to offer
 */
CustodyReconcileDialog *
custody_reconcile_dialog_new (GtkWidget *parent,
                              GPtrArray *locations)
{
  CustodyReconcileDialog *self = custody_form_dialog_new (CUSTODY_TYPE_RECONCILE_DIALOG, parent);
  g_auto(GStrv) names = custody_form_names (locations, CUSTODY_FORM_LOCATIONS, NULL);

  custody_form_set_names (self->location_row, (const char * const *) names, NULL);
  return self;
}

/* Returns: (nullable): the location chosen */
const char *
custody_reconcile_dialog_get_location (CustodyReconcileDialog *self)
{
  g_return_val_if_fail (CUSTODY_IS_RECONCILE_DIALOG (self), NULL);

  return custody_form_get_choice (self->location_row);
}

/* Returns: (transfer full): the lines typed or scanned */
GStrv
custody_reconcile_dialog_dup_scanned (CustodyReconcileDialog *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  g_return_val_if_fail (CUSTODY_IS_RECONCILE_DIALOG (self), NULL);

  buffer = gtk_text_view_get_buffer (self->labels_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  return g_strsplit (text, "\n", -1);
}
