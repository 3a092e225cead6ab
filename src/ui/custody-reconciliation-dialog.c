/* custody-reconciliation-dialog.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custody-reconciliation-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "custody-form.h"
#include "custody-reconciliation-dialog.h"

/* What a reconciliation found, with its certificate to print or save. */
struct _CustodyReconciliationDialog
{
  AdwMessageDialog parent_instance;

  CustodyReconciliation *reconciliation;
};

G_DEFINE_FINAL_TYPE (CustodyReconciliationDialog, custody_reconciliation_dialog,
                     ADW_TYPE_MESSAGE_DIALOG)

static void
custody_reconciliation_dialog_dispose (GObject *object)
{
  CustodyReconciliationDialog *self = (CustodyReconciliationDialog *) object;

  g_clear_object (&self->reconciliation);
  gtk_widget_dispose_template (GTK_WIDGET (object), CUSTODY_TYPE_RECONCILIATION_DIALOG);

  G_OBJECT_CLASS (custody_reconciliation_dialog_parent_class)->dispose (object);
}

static void
custody_reconciliation_dialog_class_init (CustodyReconciliationDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = custody_reconciliation_dialog_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/custody/Custody/ui/"
                                               "custody-reconciliation-dialog.ui");
}

static void
custody_reconciliation_dialog_init (CustodyReconciliationDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

CustodyReconciliationDialog *
custody_reconciliation_dialog_new (GtkWidget             *parent,
                                   CustodyReconciliation *reconciliation)
{
  CustodyReconciliationDialog *self =
    custody_form_dialog_new (CUSTODY_TYPE_RECONCILIATION_DIALOG, parent);
  g_autofree char *heading = g_strdup_printf (_("Reconciliation of %s"), reconciliation->location);
  /* Translators: "12 present, 1 missing, 2 surplus." */
  g_autofree char *body = g_strdup_printf (_("%u present, %u missing, %u surplus. Missing volumes "
                                             "raise an alert until they are found."),
                                           g_strv_length (reconciliation->present),
                                           g_strv_length (reconciliation->missing),
                                           g_strv_length (reconciliation->surplus));

  self->reconciliation = g_object_ref (reconciliation);
  adw_message_dialog_set_heading (ADW_MESSAGE_DIALOG (self), heading);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self), body);
  return self;
}

/* Returns: (transfer none): what was found */
CustodyReconciliation *
custody_reconciliation_dialog_get_reconciliation (CustodyReconciliationDialog *self)
{
  g_return_val_if_fail (CUSTODY_IS_RECONCILIATION_DIALOG (self), NULL);

  return self->reconciliation;
}
