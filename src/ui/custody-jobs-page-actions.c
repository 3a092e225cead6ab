/* custody-jobs-page-actions.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custody-jobs-page"

#include "config.h"

#include <glib/gi18n.h>

#include "custody-copy-editor.h"
#include "custody-delete-copy-dialog.h"
#include "custody-job-editor.h"
#include "custody-jobs-page-private.h"
#include "custody-ui-utils.h"
#include "custody-verification-editor.h"

#define SETTINGS_ID "io.github.custody.Custody"

/* The jobs page's actions: the editors that add and change jobs, copies
 * and verifications, deleting with Undo, and the writes they end in. The
 * editors stay open until their write went through; the page keeps a
 * list of them, and closes them when it goes. */

static CustodyJobItem *
selected_item (CustodyJobsPage *self)
{
  return custody_job_detail_get_item (self->detail);
}

typedef struct
{
  char                *name;
  CustodyJob          *job;
  CustodyCopy         *copy;
  CustodyVerification *verification;
} WriteData;

static void
write_data_free (gpointer data)
{
  WriteData *w = data;

  g_free (w->name);
  g_clear_object (&w->job);
  g_clear_object (&w->copy);
  g_clear_object (&w->verification);
  g_free (w);
}

static gboolean
write_job (CustodyStore  *store,
           gpointer       data,
           GError       **error)
{
  WriteData *w = data;

  if (w->name == NULL)
    return custody_store_add_job (store, w->job, error);
  return custody_store_update_job (store, w->name, w->job, error);
}

static gboolean
write_copy (CustodyStore  *store,
            gpointer       data,
            GError       **error)
{
  WriteData *w = data;

  if (w->name == NULL)
    return custody_store_add_copy (store, w->copy, error);
  return custody_store_update_copy (store, w->copy->job, w->name, w->copy, error);
}

static gboolean
write_verification (CustodyStore  *store,
                    gpointer       data,
                    GError       **error)
{
  WriteData *w = data;

  return custody_store_add_verification (store, w->verification, error);
}

static gboolean
remove_job (CustodyStore  *store,
            gpointer       data,
            GError       **error)
{
  WriteData *w = data;

  return custody_store_remove_job (store, w->name, error);
}

static gboolean
remove_copy (CustodyStore  *store,
             gpointer       data,
             GError       **error)
{
  WriteData *w = data;

  return custody_store_remove_copy (store, w->copy->job, w->name, error);
}


/* An editor waiting for its write, and the page it writes for: the page
 * may go first (it closes its editors then), the editor stays until the
 * write is done. */
typedef struct
{
  GWeakRef   page;
  GtkWindow *editor;
} EditorWrite;

static void
editor_write_free (EditorWrite *ew)
{
  g_weak_ref_clear (&ew->page);
  g_object_unref (ew->editor);
  g_free (ew);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EditorWrite, editor_write_free)

static EditorWrite *
editor_write_new (CustodyJobsPage *self,
                  gpointer         editor)
{
  EditorWrite *ew = g_new0 (EditorWrite, 1);

  g_weak_ref_init (&ew->page, self);
  ew->editor = g_object_ref (editor);
  return ew;
}

/* The editors stay open until the write went through: a name already
 * taken is shown in the editor, not lost. */
static void
editor_write_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(EditorWrite) ew = user_data;
  g_autoptr(CustodyJobsPage) self = g_weak_ref_get (&ew->page);
  g_autoptr(GError) error = NULL;
  GtkWindow *editor = ew->editor;

  if (!custody_session_write_finish (CUSTODY_SESSION (source), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      if (CUSTODY_IS_JOB_EDITOR (editor))
        {
          custody_job_editor_show_error (CUSTODY_JOB_EDITOR (editor), error->message);
          custody_job_editor_set_busy (CUSTODY_JOB_EDITOR (editor), FALSE);
        }
      else if (CUSTODY_IS_COPY_EDITOR (editor))
        {
          custody_copy_editor_show_error (CUSTODY_COPY_EDITOR (editor), error->message);
          custody_copy_editor_set_busy (CUSTODY_COPY_EDITOR (editor), FALSE);
        }
      else
        {
          CustodyVerificationEditor *verification = CUSTODY_VERIFICATION_EDITOR (editor);

          custody_verification_editor_show_error (verification, error->message);
          custody_verification_editor_set_busy (verification, FALSE);
        }
      return;
    }

  /* A page that closed its editors is going: it says nothing more. */
  if (self != NULL && g_ptr_array_find (self->editors, editor, NULL)
      && CUSTODY_IS_JOB_EDITOR (editor))
    {
      CustodyJobEditor *job_editor = CUSTODY_JOB_EDITOR (editor);
      g_autoptr(CustodyJob) job = custody_job_editor_dup_job (job_editor);
      g_autofree char *text = NULL;

      g_free (self->pending_select);
      self->pending_select = g_strdup (job->name);
      text = g_strdup_printf (custody_job_editor_get_original_name (job_editor) != NULL
                                ? _("Job “%s” saved") : _("Job “%s” added"), job->name);
      custody_page_toast (CUSTODY_PAGE (self), adw_toast_new (text));
    }
  gtk_window_destroy (editor);
}

static void
on_editor_destroy_cb (CustodyJobsPage *self,
                      GtkWindow       *editor)
{
  g_ptr_array_remove (self->editors, editor);
}

/* Shows @editor, and keeps it in the page's list until it goes. */
static void
present_editor (CustodyJobsPage *self,
                gpointer         editor)
{
  g_ptr_array_add (self->editors, editor);
  g_signal_connect_object (editor, "destroy", G_CALLBACK (on_editor_destroy_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
write_from_editor (CustodyJobsPage         *self,
                   CustodySessionWriteFunc  func,
                   WriteData               *w,
                   gpointer                 editor)
{
  custody_session_write_async (custody_page_get_session (CUSTODY_PAGE (self)), func, w,
                               write_data_free, custody_page_get_cancellable (CUSTODY_PAGE (self)),
                               editor_write_cb, editor_write_new (self, editor));
}

/* Jobs */

static void
on_job_editor_save_cb (CustodyJobEditor *editor,
                       CustodyJobsPage  *self)
{
  WriteData *w = g_new0 (WriteData, 1);

  w->name = g_strdup (custody_job_editor_get_original_name (editor));
  w->job = custody_job_editor_dup_job (editor);
  custody_job_editor_set_busy (editor, TRUE);
  write_from_editor (self, write_job, w, editor);
}

void
custody_jobs_page_open_job_editor (CustodyJobsPage *self,
                                   CustodyJob      *job)
{
  g_autoptr(GSettings) settings = g_settings_new (SETTINGS_ID);
  CustodyJobEditor *editor;

  editor = custody_job_editor_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), job,
                                   g_settings_get_uint (settings, "default-rpo-hours"),
                                   g_settings_get_uint (settings, "default-verify-days"));
  g_signal_connect_object (editor, "save", G_CALLBACK (on_job_editor_save_cb), self, 0);
  present_editor (self, editor);
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  custody_jobs_page_open_job_editor (CUSTODY_JOBS_PAGE (widget), NULL);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CustodyJobsPage *self = CUSTODY_JOBS_PAGE (widget);
  CustodyJobItem *item = selected_item (self);

  if (item != NULL)
    custody_jobs_page_open_job_editor (self, custody_job_item_get_job (item));
}

/* Delete with Undo */

static void
delete_write_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(CustodyJobsPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!custody_session_write_finish (CUSTODY_SESSION (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        custody_page_toast_error (CUSTODY_PAGE (self), _("Cannot delete the job"), error);
      /* It is still there: show it again. */
      custody_session_reload (CUSTODY_SESSION (source));
    }
}

/* The toast went without Undo: now delete for real. */
void
custody_jobs_page_commit_delete (CustodyJobsPage *self)
{
  g_autoptr(CustodyJobItem) item = g_steal_pointer (&self->pending_delete);
  CustodySession *session = custody_page_get_session (CUSTODY_PAGE (self));
  WriteData *w;

  if (item == NULL || session == NULL)
    return;

  w = g_new0 (WriteData, 1);
  w->name = g_strdup (custody_job_item_get_name (item));
  /* Not the page's cancellable: a deletion the user let go through must
   * happen even if the page goes away first. */
  custody_session_write_async (session, remove_job, w, write_data_free, NULL, delete_write_cb,
                               g_object_ref (self));
  custody_job_item_set_hidden (item, FALSE);
}

static void
on_undo_toast_dismissed_cb (CustodyJobsPage *self)
{
  self->undo_toast = NULL;
  custody_jobs_page_commit_delete (self);
}

static void
undo_delete (CustodyJobsPage *self)
{
  g_autoptr(CustodyJobItem) item = g_steal_pointer (&self->pending_delete);

  if (item == NULL)
    return;
  custody_job_item_set_hidden (item, FALSE);
  custody_jobs_page_refilter (self);
  /* Back as it was before the deletion: selected, and shown. */
  if (custody_jobs_page_select_by_name (self, custody_job_item_get_name (item)))
    custody_page_show_detail (CUSTODY_PAGE (self));
  if (self->undo_toast != NULL)
    adw_toast_dismiss (self->undo_toast);
}

static void
on_undo_clicked_cb (CustodyJobsPage *self)
{
  undo_delete (self);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CustodyJobsPage *self = CUSTODY_JOBS_PAGE (widget);
  CustodyJobItem *item = selected_item (self);
  AdwToast *toast;
  g_autofree char *title = NULL;

  if (item == NULL || custody_job_item_get_hidden (item))
    return;

  /* One pending deletion at a time: an earlier one goes through now. */
  if (self->undo_toast != NULL)
    adw_toast_dismiss (self->undo_toast);
  custody_jobs_page_commit_delete (self);

  self->pending_delete = g_object_ref (item);
  custody_job_item_set_hidden (item, TRUE);
  custody_jobs_page_set_detail (self, NULL);
  custody_jobs_page_refilter (self);
  custody_page_show_list (CUSTODY_PAGE (self));

  title = g_strdup_printf (_("Job “%s” deleted"), custody_job_item_get_name (item));
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_undo_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_undo_toast_dismissed_cb), self,
                           G_CONNECT_SWAPPED);
  self->undo_toast = toast;
  custody_page_toast (CUSTODY_PAGE (self), toast);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  undo_delete (CUSTODY_JOBS_PAGE (widget));
}

/* Copies */

/* An editor for a copy, while what it offers is read: the locations,
 * then the job's copies. */
typedef struct
{
  CustodyJobsPage *self;
  char            *job;
  char            *copy;       /* NULL: add one */
  GPtrArray       *locations;  /* CustodyLocation, once read */
} CopyEditRequest;

static void
copy_edit_request_free (CopyEditRequest *req)
{
  g_object_unref (req->self);
  g_free (req->job);
  g_free (req->copy);
  g_clear_pointer (&req->locations, g_ptr_array_unref);
  g_free (req);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CopyEditRequest, copy_edit_request_free)

static gpointer
read_locations (CustodyStore  *store,
                gpointer       data,
                GError       **error)
{
  return custody_store_list_locations (store, error);
}

static gpointer
read_copies (CustodyStore  *store,
             gpointer       data,
             GError       **error)
{
  return custody_store_list_copies (store, data, error);
}

static void
on_copy_editor_save_cb (CustodyCopyEditor *editor,
                        CustodyJobsPage   *self)
{
  WriteData *w = g_new0 (WriteData, 1);

  w->name = g_strdup (custody_copy_editor_get_original_name (editor));
  w->copy = custody_copy_editor_dup_copy (editor);
  custody_copy_editor_set_busy (editor, TRUE);
  write_from_editor (self, write_copy, w, editor);
}

static void
copies_for_edit_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(CopyEditRequest) req = user_data;
  CustodyJobsPage *self = req->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) copies = custody_session_read_finish (CUSTODY_SESSION (source), result,
                                                             &error);
  GtkWindow *root = GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self)));
  CustodyCopy *copy = NULL;
  CustodyCopyEditor *editor;

  if (copies == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        custody_page_toast_error (CUSTODY_PAGE (self), _("Cannot read the copies"), error);
      return;
    }

  for (guint i = 0; req->copy != NULL && i < copies->len; i++)
    if (g_str_equal (((CustodyCopy *) g_ptr_array_index (copies, i))->name, req->copy))
      copy = g_ptr_array_index (copies, i);

  editor = custody_copy_editor_new (root, req->job, copy, req->locations);
  g_signal_connect_object (editor, "save", G_CALLBACK (on_copy_editor_save_cb), self, 0);
  present_editor (self, editor);
}

static void
locations_for_copy_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(CopyEditRequest) req = user_data;
  g_autoptr(GError) error = NULL;
  CustodyJobsPage *self = req->self;
  char *job;

  req->locations = custody_session_read_finish (CUSTODY_SESSION (source), result, &error);
  if (req->locations == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        custody_page_toast_error (CUSTODY_PAGE (self), _("Cannot read the locations"), error);
      return;
    }

  job = g_strdup (req->job);
  custody_session_read_async (CUSTODY_SESSION (source), read_copies, job, g_free,
                              (GDestroyNotify) g_ptr_array_unref,
                              custody_page_get_cancellable (CUSTODY_PAGE (self)),
                              copies_for_edit_cb, g_steal_pointer (&req));
}

static void
open_copy_editor (CustodyJobsPage *self,
                  const char      *copy)
{
  CustodyJobItem *item = selected_item (self);
  CopyEditRequest *req;

  if (item == NULL)
    return;

  req = g_new0 (CopyEditRequest, 1);
  req->self = g_object_ref (self);
  req->job = g_strdup (custody_job_item_get_name (item));
  req->copy = g_strdup (copy);
  custody_session_read_async (custody_page_get_session (CUSTODY_PAGE (self)), read_locations, NULL,
                              NULL, (GDestroyNotify) g_ptr_array_unref,
                              custody_page_get_cancellable (CUSTODY_PAGE (self)),
                              locations_for_copy_cb, req);
}

static void
add_copy_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  open_copy_editor (CUSTODY_JOBS_PAGE (widget), NULL);
}

static void
edit_copy_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  open_copy_editor (CUSTODY_JOBS_PAGE (widget), g_variant_get_string (parameter, NULL));
}

static void
delete_copy_write_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(CustodyJobsPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!custody_session_write_finish (CUSTODY_SESSION (source), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    custody_page_toast_error (CUSTODY_PAGE (self), _("Cannot delete the copy"), error);
}

static void
on_delete_copy_response_cb (CustodyDeleteCopyDialog *dialog,
                            const char              *response,
                            CustodyJobsPage         *self)
{
  WriteData *w;

  if (!g_str_equal (response, "delete"))
    return;

  w = g_new0 (WriteData, 1);
  w->copy = custody_copy_new ();
  w->copy->job = g_strdup (custody_delete_copy_dialog_get_job (dialog));
  w->name = g_strdup (custody_delete_copy_dialog_get_copy (dialog));
  custody_session_write_async (custody_page_get_session (CUSTODY_PAGE (self)), remove_copy, w,
                               write_data_free, NULL, delete_copy_write_cb, g_object_ref (self));
}

static void
delete_copy_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CustodyJobsPage *self = CUSTODY_JOBS_PAGE (widget);
  CustodyJobItem *item = selected_item (self);
  CustodyDeleteCopyDialog *dialog;

  if (item == NULL)
    return;

  /* A copy takes its run history with it: that cannot be undone. */
  dialog = custody_delete_copy_dialog_new (widget, custody_job_item_get_name (item),
                                           g_variant_get_string (parameter, NULL));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_copy_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Verifications */

static void
on_verification_editor_save_cb (CustodyVerificationEditor *editor,
                                CustodyJobsPage           *self)
{
  WriteData *w = g_new0 (WriteData, 1);

  w->verification = custody_verification_editor_dup_verification (editor);
  custody_verification_editor_set_busy (editor, TRUE);
  write_from_editor (self, write_verification, w, editor);
}

static void
verify_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CustodyJobsPage *self = CUSTODY_JOBS_PAGE (widget);
  CustodyJobItem *item = selected_item (self);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) copies = NULL;
  CustodyVerdict *v;
  const char *copy = g_variant_get_string (parameter, NULL);
  CustodyVerificationEditor *editor;

  if (item == NULL)
    return;

  v = custody_job_item_get_verdict (item);
  for (guint i = 0; v != NULL && i < v->n_copies; i++)
    g_strv_builder_add (builder, v->copies[i].name);
  copies = g_strv_builder_end (builder);

  if (copies[0] == NULL)
    {
      custody_page_toast (CUSTODY_PAGE (self),
                          adw_toast_new (_("Add a copy first: a verification tests one copy")));
      return;
    }

  editor = custody_verification_editor_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                            custody_job_item_get_name (item),
                                            (const char * const *) copies,
                                            copy[0] != '\0' ? copy : NULL);
  g_signal_connect_object (editor, "save", G_CALLBACK (on_verification_editor_save_cb), self, 0);
  present_editor (self, editor);
}

/*
 * Shared with the page
 */

void
custody_jobs_page_update_actions (CustodyJobsPage *self)
{
  /* The past is read, not written: no edits while it shows. */
  gboolean now = !custody_jobs_page_get_past (self);
  gboolean has_job = selected_item (self) != NULL && now;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "jobs.add", now);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "jobs.edit", has_job);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "jobs.delete", has_job);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "jobs.add-copy", has_job);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "jobs.edit-copy", now);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "jobs.delete-copy", now);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "jobs.verify", has_job);
}

/* An editor still waiting for its write goes with the page, while the
 * window it is transient for is still there. */
void
custody_jobs_page_close_editors (CustodyJobsPage *self)
{
  while (self->editors->len > 0)
    {
      GtkWindow *editor = g_ptr_array_steal_index (self->editors, self->editors->len - 1);

      /* Destroying only lets go of it; the write still holds it. */
      g_signal_handlers_disconnect_by_data (editor, self);
      gtk_window_set_transient_for (editor, NULL);
      gtk_window_destroy (editor);
    }
}

void
custody_jobs_page_class_add_actions (CustodyJobsPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "jobs.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "jobs.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "jobs.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "jobs.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "jobs.add-copy", NULL, add_copy_action);
  gtk_widget_class_install_action (widget_class, "jobs.edit-copy", "s", edit_copy_action);
  gtk_widget_class_install_action (widget_class, "jobs.delete-copy", "s", delete_copy_action);
  gtk_widget_class_install_action (widget_class, "jobs.verify", "s", verify_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "jobs.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "jobs.undo",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "jobs.add",
                                       NULL);
}
