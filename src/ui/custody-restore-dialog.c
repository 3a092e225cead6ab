/* custody-restore-dialog.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custody-restore-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "custody-form.h"
#include "custody-restore-dialog.h"
#include "custody-ui-utils.h"

/* The store's own backups, newest first, each with when it was taken and what it
 * holds, to choose the one to go back to. The caller restores it. */
struct _CustodyRestoreDialog
{
  AdwMessageDialog   parent_instance;

  GtkStack          *stack;
  GtkSpinner        *spinner;
  GtkLabel          *empty_label;
  GtkListBox        *list_box;

  GCancellable      *cancellable;
  GPtrArray         *backups;      /* CustodyBackupInfo */
  CustodyBackupInfo *chosen;
};

G_DEFINE_FINAL_TYPE (CustodyRestoreDialog, custody_restore_dialog, ADW_TYPE_MESSAGE_DIALOG)

static gpointer
list_backups_read (CustodyStore  *store,
                   gpointer       data,
                   GError       **error)
{
  return custody_store_list_backups (store, NULL, error);
}

static char *
describe_contents (const CustodyBackupInfo *info)
{
  g_autofree char *size = g_format_size ((guint64) MAX (info->size, 0));
  g_autofree char *jobs = NULL;
  g_autofree char *runs = NULL;
  g_autofree char *media = NULL;

  if (!info->readable)
    return g_strdup_printf (_("Cannot be read by this version of Custody · %s"), size);

  jobs = g_strdup_printf (ngettext ("%'lld job", "%'lld jobs", (unsigned long) info->jobs),
                          (long long) info->jobs);
  runs = g_strdup_printf (ngettext ("%'lld run", "%'lld runs", (unsigned long) info->runs),
                          (long long) info->runs);
  media = g_strdup_printf (ngettext ("%'lld volume", "%'lld volumes", (unsigned long) info->media),
                           (long long) info->media);
  /* TRANSLATORS: jobs, runs and volumes a backup holds, then its size */
  return g_strdup_printf (_("%s · %s · %s · %s"), jobs, runs, media, size);
}

/* What a row's radio button stands for, handed to its toggled handler. */
typedef struct
{
  CustodyRestoreDialog *dialog;
  CustodyBackupInfo    *backup;   /* owned by the dialog's list */
} RowChoice;

static void
on_row_toggled_cb (GtkCheckButton *check,
                   RowChoice      *choice)
{
  if (!gtk_check_button_get_active (check))
    return;
  choice->dialog->chosen = choice->backup;
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (choice->dialog), "restore", TRUE);
}

static GtkWidget *
make_row (CustodyRestoreDialog *self,
          CustodyBackupInfo    *info,
          GtkCheckButton       *group)
{
  g_autofree char *title = custody_format_time (info->taken_at);
  g_autofree char *subtitle = describe_contents (info);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();
  RowChoice *choice;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_check_button_set_group (GTK_CHECK_BUTTON (check), group);
  choice = g_new0 (RowChoice, 1);
  choice->dialog = self;
  choice->backup = info;
  g_signal_connect_data (check, "toggled", G_CALLBACK (on_row_toggled_cb), choice,
                         (GClosureNotify) g_free, 0);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  gtk_widget_set_sensitive (row, info->readable);
  return row;
}

static void
list_backups_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(CustodyRestoreDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  GPtrArray *backups = custody_session_read_finish (CUSTODY_SESSION (source), result, &error);
  GtkCheckButton *group = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (backups == NULL)
    {
      gtk_label_set_text (self->empty_label, error->message);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  self->backups = backups;
  if (backups->len == 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  for (guint i = 0; i < backups->len; i++)
    {
      GtkWidget *row = make_row (self, g_ptr_array_index (backups, i), group);

      if (group == NULL)
        group = GTK_CHECK_BUTTON (adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row)));
      gtk_list_box_append (self->list_box, row);
    }
  gtk_stack_set_visible_child_name (self->stack, "list");
}

static void
custody_restore_dialog_dispose (GObject *object)
{
  CustodyRestoreDialog *self = (CustodyRestoreDialog *) object;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (object), CUSTODY_TYPE_RESTORE_DIALOG);

  G_OBJECT_CLASS (custody_restore_dialog_parent_class)->dispose (object);
}

static void
custody_restore_dialog_finalize (GObject *object)
{
  CustodyRestoreDialog *self = (CustodyRestoreDialog *) object;

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->backups, g_ptr_array_unref);

  G_OBJECT_CLASS (custody_restore_dialog_parent_class)->finalize (object);
}

static void
custody_restore_dialog_class_init (CustodyRestoreDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = custody_restore_dialog_dispose;
  object_class->finalize = custody_restore_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/custody/Custody/ui/"
                                               "custody-restore-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CustodyRestoreDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, CustodyRestoreDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, CustodyRestoreDialog, empty_label);
  gtk_widget_class_bind_template_child (widget_class, CustodyRestoreDialog, list_box);
}

static void
custody_restore_dialog_init (CustodyRestoreDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  custody_spin_while_mapped (self->spinner);
}

CustodyRestoreDialog *
custody_restore_dialog_new (GtkWidget      *parent,
                            CustodySession *session)
{
  CustodyRestoreDialog *self = custody_form_dialog_new (CUSTODY_TYPE_RESTORE_DIALOG, parent);
  g_autofree char *directory =
    custody_store_dup_backup_directory (custody_session_get_store (session));
  g_autofree char *empty = NULL;

  empty = g_strdup_printf (_("No backups of this store yet. Custody backs it up once a day, "
                             "into %s."), directory);
  gtk_label_set_text (self->empty_label, empty);

  custody_session_read_async (session, list_backups_read, NULL, NULL,
                              (GDestroyNotify) g_ptr_array_unref, self->cancellable,
                              list_backups_cb, g_object_ref (self));
  return self;
}

/* Returns: (nullable): the backup chosen */
const char *
custody_restore_dialog_get_path (CustodyRestoreDialog *self)
{
  g_return_val_if_fail (CUSTODY_IS_RESTORE_DIALOG (self), NULL);

  return self->chosen != NULL ? self->chosen->path : NULL;
}

/* Returns: (transfer full) (nullable): when the chosen backup was taken, as shown */
char *
custody_restore_dialog_dup_label (CustodyRestoreDialog *self)
{
  g_return_val_if_fail (CUSTODY_IS_RESTORE_DIALOG (self), NULL);

  return self->chosen != NULL ? custody_format_time (self->chosen->taken_at) : NULL;
}
