/* custody-delete-copy-dialog.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custody-delete-copy-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "custody-delete-copy-dialog.h"
#include "custody-form.h"

/* Asks before a copy of a job is deleted: it takes its run history with
 * it, and that cannot be undone. */
struct _CustodyDeleteCopyDialog
{
  AdwMessageDialog parent_instance;

  char            *job;
  char            *copy;
};

G_DEFINE_FINAL_TYPE (CustodyDeleteCopyDialog, custody_delete_copy_dialog,
                     ADW_TYPE_MESSAGE_DIALOG)

static void
custody_delete_copy_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CUSTODY_TYPE_DELETE_COPY_DIALOG);

  G_OBJECT_CLASS (custody_delete_copy_dialog_parent_class)->dispose (object);
}

static void
custody_delete_copy_dialog_finalize (GObject *object)
{
  CustodyDeleteCopyDialog *self = (CustodyDeleteCopyDialog *) object;

  g_free (self->job);
  g_free (self->copy);

  G_OBJECT_CLASS (custody_delete_copy_dialog_parent_class)->finalize (object);
}

static void
custody_delete_copy_dialog_class_init (CustodyDeleteCopyDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = custody_delete_copy_dialog_dispose;
  object_class->finalize = custody_delete_copy_dialog_finalize;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/custody/Custody/ui/"
                                               "custody-delete-copy-dialog.ui");
}

static void
custody_delete_copy_dialog_init (CustodyDeleteCopyDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Returns: (transfer none): the dialog, over @parent's window */
CustodyDeleteCopyDialog *
custody_delete_copy_dialog_new (GtkWidget  *parent,
                                const char *job,
                                const char *copy)
{
  CustodyDeleteCopyDialog *self = custody_form_dialog_new (CUSTODY_TYPE_DELETE_COPY_DIALOG, parent);
  g_autofree char *heading = g_strdup_printf (_("Delete Copy “%s”?"), copy);

  self->job = g_strdup (job);
  self->copy = g_strdup (copy);
  adw_message_dialog_set_heading (ADW_MESSAGE_DIALOG (self), heading);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self),
                               _("Its runs and verifications are deleted with it. "
                                 "The backups themselves are not touched."));
  return self;
}

/* Returns: the name of the job the copy belongs to */
const char *
custody_delete_copy_dialog_get_job (CustodyDeleteCopyDialog *self)
{
  g_return_val_if_fail (CUSTODY_IS_DELETE_COPY_DIALOG (self), NULL);

  return self->job;
}

/* Returns: the name of the copy to delete */
const char *
custody_delete_copy_dialog_get_copy (CustodyDeleteCopyDialog *self)
{
  g_return_val_if_fail (CUSTODY_IS_DELETE_COPY_DIALOG (self), NULL);

  return self->copy;
}
