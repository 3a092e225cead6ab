/* custody-jobs-page.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custody-jobs-page"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "custody-copy-editor.h"
#include "custody-job-detail.h"
#include "custody-job-editor.h"
#include "custody-job-item.h"
#include "custody-job-row.h"
#include "custody-jobs-page.h"
#include "custody-ui-utils.h"
#include "custody-verification-editor.h"

#define SETTINGS_ID "io.github.custody.Custody"

/* The jobs: a searchable, sortable list beside the detail of the selected
 * one, with the actions that change them. Deleting applies at once in the
 * list and reaches the store only when its Undo toast goes away. */
struct _CustodyJobsPage
{
  CustodyPage          parent_instance;

  GtkSpinner          *loading_spinner;
  AdwLeaflet          *leaflet;
  GtkWidget           *list_pane;
  AdwWindowTitle      *list_title;
  GtkToggleButton     *search_button;
  GtkSearchBar        *search_bar;
  GtkSearchEntry      *search_entry;
  GtkStack            *list_stack;
  GtkListView         *list_view;
  CustodyJobDetail    *detail;

  GtkCustomFilter     *filter;
  GtkFilterListModel  *filter_model;
  GtkCustomSorter     *sorter;
  GtkSortListModel    *sort_model;
  GtkSingleSelection  *selection;
  GSettings           *settings;

  char                *needle;        /* case-folded search text */
  int                  status_filter; /* a CustodyStatus, or -1 for all */
  char                *sort_key;
  char                *pending_select;

  CustodyJobItem      *pending_delete;
  AdwToast            *undo_toast;
};

G_DEFINE_FINAL_TYPE (CustodyJobsPage, custody_jobs_page, CUSTODY_TYPE_PAGE)

/* The filter and the sort are properties so that the menu's radio items
 * follow them (gtk_widget_class_install_property_action). */
enum { PROP_0, PROP_STATUS_FILTER, PROP_SORT_KEY, N_PROPS };
static GParamSpec *properties[N_PROPS];

static const char *
status_filter_key (CustodyJobsPage *self)
{
  return self->status_filter < 0 ? "all" : custody_status_to_string (self->status_filter);
}

/*
 * Filtering and sorting
 */

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  CustodyJobsPage *self = user_data;
  CustodyJobItem *job = item;

  if (custody_job_item_get_hidden (job))
    return FALSE;
  if (self->status_filter >= 0 && (int) custody_job_item_get_status (job) != self->status_filter)
    return FALSE;
  return custody_job_item_matches (job, self->needle);
}

static int
sort_func (gconstpointer a,
           gconstpointer b,
           gpointer      user_data)
{
  CustodyJobsPage *self = user_data;
  CustodyJob *ja = custody_job_item_get_job ((CustodyJobItem *) a);
  CustodyJob *jb = custody_job_item_get_job ((CustodyJobItem *) b);
  int cmp = 0;

  if (g_strcmp0 (self->sort_key, "status") == 0)
    /* Worst first. */
    cmp = (int) custody_job_item_get_status ((CustodyJobItem *) b) -
          (int) custody_job_item_get_status ((CustodyJobItem *) a);
  else if (g_strcmp0 (self->sort_key, "owner") == 0)
    cmp = g_utf8_collate (ja->owner, jb->owner);

  return cmp != 0 ? cmp : g_strcmp0 (ja->name, jb->name);
}

static void
update_list_state (CustodyJobsPage *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
  CustodySession *session = custody_page_get_session (CUSTODY_PAGE (self));
  guint total = session != NULL ? g_list_model_get_n_items (custody_session_get_jobs (session)) : 0;
  g_autofree char *subtitle = NULL;

  if (session == NULL || !custody_session_get_loaded (session))
    gtk_stack_set_visible_child_name (self->list_stack, "loading");
  else if (total == 0)
    gtk_stack_set_visible_child_name (self->list_stack, "empty");
  else if (shown == 0)
    gtk_stack_set_visible_child_name (self->list_stack, "no-results");
  else
    gtk_stack_set_visible_child_name (self->list_stack, "list");

  if (shown != total)
    subtitle = g_strdup_printf (_("%u of %u"), shown, total);
  adw_window_title_set_subtitle (self->list_title, subtitle);
}

static void
refilter_with (CustodyJobsPage  *self,
               GtkFilterChange   change)
{
  gtk_filter_changed (GTK_FILTER (self->filter), change);
  update_list_state (self);
}

static void
refilter (CustodyJobsPage *self)
{
  refilter_with (self, GTK_FILTER_CHANGE_DIFFERENT);
}

/*
 * Selection
 */

static CustodyJobItem *
selected_item (CustodyJobsPage *self)
{
  return custody_job_detail_get_item (self->detail);
}

static void update_action_states (CustodyJobsPage *self);

static void
set_detail (CustodyJobsPage *self,
            CustodyJobItem  *item)
{
  custody_job_detail_set_item (self->detail, item);
  update_action_states (self);
}

static gboolean
select_by_name (CustodyJobsPage *self,
                const char      *name)
{
  GListModel *model = G_LIST_MODEL (self->filter_model);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CustodyJobItem) item = g_list_model_get_item (model, i);

      if (g_str_equal (custody_job_item_get_name (item), name))
        {
          gtk_single_selection_set_selected (self->selection, i);
          set_detail (self, item);
          gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", i);
          return TRUE;
        }
    }
  return FALSE;
}

static void
show_detail (CustodyJobsPage *self,
             CustodyJobItem  *item)
{
  set_detail (self, item);
  custody_page_show_detail (CUSTODY_PAGE (self));
}

static void
on_list_activate_cb (CustodyJobsPage *self,
                     guint            position)
{
  g_autoptr(CustodyJobItem) item = g_list_model_get_item (G_LIST_MODEL (self->filter_model), position);

  if (item != NULL)
    show_detail (self, item);
}

static void
on_selection_changed_cb (CustodyJobsPage *self)
{
  CustodyJobItem *item = gtk_single_selection_get_selected_item (self->selection);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  /* Keyboard moves in the list show the job beside it; folded, the
   * detail opens only on activation. The list also selects the row under
   * the pointer (single-click activation hovers): that must not change
   * the job shown, e.g. the one just opened from Compliance, so only a
   * selection made while the list has the keyboard counts. */
  if (item != NULL && !custody_page_get_list_folded (CUSTODY_PAGE (self))
      && focus != NULL && self->list_view != NULL
      && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->list_view)))
    set_detail (self, item);
}

/*
 * Search
 */

static void
on_search_changed_cb (CustodyJobsPage *self)
{
  g_autofree char *old = g_steal_pointer (&self->needle);
  GtkFilterChange change = GTK_FILTER_CHANGE_DIFFERENT;

  self->needle = g_utf8_casefold (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), -1);
  if (g_strcmp0 (old != NULL ? old : "", self->needle) == 0)
    return;

  /* A longer needle only drops jobs, a shorter one only brings some back:
   * the filter then looks at the jobs shown, or the ones hidden, only. */
  if (strstr (self->needle, old != NULL ? old : "") != NULL)
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (old != NULL && strstr (old, self->needle) != NULL)
    change = GTK_FILTER_CHANGE_LESS_STRICT;
  refilter_with (self, change);
}

static void
on_search_activate_cb (CustodyJobsPage *self)
{
  /* Enter opens the first match. */
  g_autoptr(CustodyJobItem) item = g_list_model_get_item (G_LIST_MODEL (self->filter_model), 0);

  if (item != NULL)
    {
      gtk_single_selection_set_selected (self->selection, 0);
      show_detail (self, item);
    }
}

static void
on_search_stop_cb (CustodyJobsPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_toggle_button_set_active (self->search_button, FALSE);
}

static gboolean
custody_jobs_page_search (CustodyPage *page)
{
  CustodyJobsPage *self = CUSTODY_JOBS_PAGE (page);

  custody_page_show_list (CUSTODY_PAGE (self));
  gtk_toggle_button_set_active (self->search_button, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  return TRUE;
}

/*
 * Session
 */

static void
on_jobs_changed_cb (CustodyJobsPage *self)
{
  update_list_state (self);
}

static void
on_session_reloaded_cb (CustodyJobsPage *self)
{
  CustodyJobItem *item = selected_item (self);

  if (self->pending_select != NULL)
    {
      g_autofree char *name = g_steal_pointer (&self->pending_select);
      if (select_by_name (self, name))
        return;
    }

  /* Keep the shown job selected across reloads that moved it. */
  if (item != NULL)
    {
      if (!custody_job_item_get_hidden (item))
        select_by_name (self, custody_job_item_get_name (item));
    }
  update_list_state (self);
}

static void
custody_jobs_page_session_changed (CustodyPage *page)
{
  CustodyJobsPage *self = CUSTODY_JOBS_PAGE (page);
  CustodySession *session = custody_page_get_session (page);

  custody_job_detail_set_session (self->detail, session);
  gtk_sort_list_model_set_model (self->sort_model,
                                 session != NULL ? custody_session_get_jobs (session) : NULL);
  if (session != NULL)
    {
      g_signal_connect_object (session, "reloaded", G_CALLBACK (on_session_reloaded_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (custody_session_get_jobs (session), "items-changed",
                               G_CALLBACK (on_jobs_changed_cb), self, G_CONNECT_SWAPPED);
    }
  update_list_state (self);
}

/*
 * Writes
 */

static void
toast_error (CustodyJobsPage *self,
             const char      *what,
             const GError    *error)
{
  g_autofree char *text = g_strdup_printf ("%s: %s", what, error->message);
  AdwToast *toast = adw_toast_new (text);

  adw_toast_set_timeout (toast, 0);
  custody_page_toast (CUSTODY_PAGE (self), toast);
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

/* The editors stay open until the write went through: a name already
 * taken is shown in the editor, not lost. */
static void
editor_write_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GtkWindow) editor = user_data;
  g_autoptr(GError) error = NULL;
  CustodyJobsPage *self = g_object_get_data (G_OBJECT (editor), "page");

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
          custody_verification_editor_show_error (CUSTODY_VERIFICATION_EDITOR (editor), error->message);
          custody_verification_editor_set_busy (CUSTODY_VERIFICATION_EDITOR (editor), FALSE);
        }
      return;
    }

  if (self != NULL && CUSTODY_IS_JOB_EDITOR (editor))
    {
      g_autoptr(CustodyJob) job = custody_job_editor_dup_job (CUSTODY_JOB_EDITOR (editor));
      g_autofree char *text = NULL;

      g_free (self->pending_select);
      self->pending_select = g_strdup (job->name);
      text = g_strdup_printf (custody_job_editor_get_original_name (CUSTODY_JOB_EDITOR (editor)) != NULL
                                ? _("Job “%s” saved") : _("Job “%s” added"), job->name);
      custody_page_toast (CUSTODY_PAGE (self), adw_toast_new (text));
    }
  gtk_window_destroy (editor);
}

static void
on_job_editor_save_cb (CustodyJobEditor *editor,
                       CustodyJobsPage  *self)
{
  WriteData *w = g_new0 (WriteData, 1);

  w->name = g_strdup (custody_job_editor_get_original_name (editor));
  w->job = custody_job_editor_dup_job (editor);
  custody_job_editor_set_busy (editor, TRUE);
  custody_session_write_async (custody_page_get_session (CUSTODY_PAGE (self)), write_job, w,
                               write_data_free, custody_page_get_cancellable (CUSTODY_PAGE (self)),
                               editor_write_cb, g_object_ref (editor));
}

static void
open_job_editor (CustodyJobsPage *self,
                 CustodyJob      *job)
{
  g_autoptr(GSettings) settings = g_settings_new (SETTINGS_ID);
  CustodyJobEditor *editor;

  editor = custody_job_editor_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), job,
                                   g_settings_get_uint (settings, "default-rpo-hours"),
                                   g_settings_get_uint (settings, "default-verify-days"));
  g_object_set_data (G_OBJECT (editor), "page", self);
  g_signal_connect_object (editor, "save", G_CALLBACK (on_job_editor_save_cb), self, 0);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  open_job_editor (CUSTODY_JOBS_PAGE (widget), NULL);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CustodyJobsPage *self = CUSTODY_JOBS_PAGE (widget);
  CustodyJobItem *item = selected_item (self);

  if (item != NULL)
    open_job_editor (self, custody_job_item_get_job (item));
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
        toast_error (self, _("Cannot delete the job"), error);
      /* It is still there: show it again. */
      custody_session_reload (CUSTODY_SESSION (source));
    }
}

/* The toast went without Undo: now delete for real. */
static void
commit_pending_delete (CustodyJobsPage *self)
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
  commit_pending_delete (self);
}

static void
undo_delete (CustodyJobsPage *self)
{
  g_autoptr(CustodyJobItem) item = g_steal_pointer (&self->pending_delete);

  if (item == NULL)
    return;
  custody_job_item_set_hidden (item, FALSE);
  refilter (self);
  select_by_name (self, custody_job_item_get_name (item));
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
  commit_pending_delete (self);

  self->pending_delete = g_object_ref (item);
  custody_job_item_set_hidden (item, TRUE);
  set_detail (self, NULL);
  refilter (self);
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

typedef struct
{
  CustodyJobsPage *self;
  char            *job;
  char            *copy;   /* NULL: add one */
} CopyEditRequest;

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
  custody_session_write_async (custody_page_get_session (CUSTODY_PAGE (self)), write_copy, w,
                               write_data_free, custody_page_get_cancellable (CUSTODY_PAGE (self)),
                               editor_write_cb, g_object_ref (editor));
}

static void
copies_for_edit_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data);

static void
locations_for_copy_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  CopyEditRequest *req = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) locations = custody_session_read_finish (CUSTODY_SESSION (source), result, &error);

  if (locations == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast_error (req->self, _("Cannot read the locations"), error);
      g_object_unref (req->self);
      g_free (req->job);
      g_free (req->copy);
      g_free (req);
      return;
    }

  g_object_set_data_full (G_OBJECT (req->self), "locations", g_steal_pointer (&locations),
                          (GDestroyNotify) g_ptr_array_unref);
  custody_session_read_async (CUSTODY_SESSION (source), read_copies, g_strdup (req->job), g_free,
                              (GDestroyNotify) g_ptr_array_unref,
                              custody_page_get_cancellable (CUSTODY_PAGE (req->self)),
                              copies_for_edit_cb, req);
}

static void
copies_for_edit_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  CopyEditRequest *req = user_data;
  g_autoptr(CustodyJobsPage) self = req->self;
  g_autofree char *job = req->job;
  g_autofree char *name = req->copy;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) copies = custody_session_read_finish (CUSTODY_SESSION (source), result, &error);
  CustodyCopy *copy = NULL;
  CustodyCopyEditor *editor;

  g_free (req);

  if (copies == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast_error (self, _("Cannot read the copies"), error);
      return;
    }

  for (guint i = 0; name != NULL && i < copies->len; i++)
    if (g_str_equal (((CustodyCopy *) g_ptr_array_index (copies, i))->name, name))
      copy = g_ptr_array_index (copies, i);

  editor = custody_copy_editor_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), job, copy,
                                    g_object_get_data (G_OBJECT (self), "locations"));
  g_object_set_data (G_OBJECT (editor), "page", self);
  g_signal_connect_object (editor, "save", G_CALLBACK (on_copy_editor_save_cb), self, 0);
  gtk_window_present (GTK_WINDOW (editor));
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
    toast_error (self, _("Cannot delete the copy"), error);
}

static void
on_delete_copy_response_cb (AdwMessageDialog *dialog,
                            const char       *response,
                            CustodyJobsPage  *self)
{
  WriteData *w;

  if (!g_str_equal (response, "delete"))
    return;

  w = g_new0 (WriteData, 1);
  w->copy = custody_copy_new ();
  w->copy->job = g_strdup (g_object_get_data (G_OBJECT (dialog), "job"));
  w->name = g_strdup (g_object_get_data (G_OBJECT (dialog), "copy"));
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
  const char *copy = g_variant_get_string (parameter, NULL);
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;

  if (item == NULL)
    return;

  /* A copy takes its run history with it: that cannot be undone. */
  heading = g_strdup_printf (_("Delete Copy “%s”?"), copy);
  dialog = custody_message_dialog_new (widget, heading,
                                       _("Its runs and verifications are deleted with it. The backups themselves are not touched."));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "delete", _("_Delete"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "job", g_strdup (custody_job_item_get_name (item)), g_free);
  g_object_set_data_full (G_OBJECT (dialog), "copy", g_strdup (copy), g_free);
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
  custody_session_write_async (custody_page_get_session (CUSTODY_PAGE (self)), write_verification, w,
                               write_data_free, custody_page_get_cancellable (CUSTODY_PAGE (self)),
                               editor_write_cb, g_object_ref (editor));
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
  g_object_set_data (G_OBJECT (editor), "page", self);
  g_signal_connect_object (editor, "save", G_CALLBACK (on_verification_editor_save_cb), self, 0);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
update_action_states (CustodyJobsPage *self)
{
  gboolean has_job = selected_item (self) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "jobs.edit", has_job);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "jobs.delete", has_job);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "jobs.add-copy", has_job);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "jobs.verify", has_job);
}

/*
 * GObject
 */

static void
custody_jobs_page_dispose (GObject *object)
{
  CustodyJobsPage *self = (CustodyJobsPage *) object;

  /* A deletion waiting for its toast goes through: the user let it. */
  if (self->undo_toast != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->undo_toast, self);
      self->undo_toast = NULL;
    }
  commit_pending_delete (self);

  /* An editor still waiting for its write goes with the page, while the
   * window it is transient for is still there. */
  {
    g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

    for (GList *l = toplevels; l != NULL; l = l->next)
      if (g_object_get_data (l->data, "page") == self)
        {
          /* Destroying only lets go of it; the write still holds it. */
          g_object_set_data (l->data, "page", NULL);
          gtk_window_set_transient_for (l->data, NULL);
          gtk_window_destroy (l->data);
        }
  }

  /* The template made the bin's child: the bin lets go of it first. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CUSTODY_TYPE_JOBS_PAGE);
  /* The session and its job list can outlive the page (a reload still
   * running when the window closes): nothing of theirs calls back into it. */
  if (custody_page_get_session (CUSTODY_PAGE (self)) != NULL)
    {
      CustodySession *session = custody_page_get_session (CUSTODY_PAGE (self));

      g_signal_handlers_disconnect_by_data (session, self);
      g_signal_handlers_disconnect_by_data (custody_session_get_jobs (session), self);
    }
  /* The selection owns the filter and sort models, the sort model reads
   * the session's jobs: detach it first, then let the chain go. */
  if (self->sort_model != NULL)
    gtk_sort_list_model_set_model (self->sort_model, NULL);
  g_clear_object (&self->selection);
  self->sort_model = NULL;
  self->filter_model = NULL;
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (custody_jobs_page_parent_class)->dispose (object);
}

static void
custody_jobs_page_finalize (GObject *object)
{
  CustodyJobsPage *self = (CustodyJobsPage *) object;

  g_free (self->needle);
  g_free (self->sort_key);
  g_free (self->pending_select);

  G_OBJECT_CLASS (custody_jobs_page_parent_class)->finalize (object);
}

static void
custody_jobs_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  CustodyJobsPage *self = CUSTODY_JOBS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STATUS_FILTER:
      g_value_set_string (value, status_filter_key (self));
      break;
    case PROP_SORT_KEY:
      g_value_set_string (value, self->sort_key);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
custody_jobs_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  CustodyJobsPage *self = CUSTODY_JOBS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STATUS_FILTER:
      custody_jobs_page_set_status_filter (self, g_value_get_string (value));
      break;
    case PROP_SORT_KEY:
      if (g_strcmp0 (self->sort_key, g_value_get_string (value)) != 0)
        {
          g_free (self->sort_key);
          self->sort_key = g_value_dup_string (value);
          gtk_sorter_changed (GTK_SORTER (self->sorter), GTK_SORTER_CHANGE_DIFFERENT);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
custody_jobs_page_class_init (CustodyJobsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  CustodyPageClass *page_class = CUSTODY_PAGE_CLASS (klass);

  object_class->dispose = custody_jobs_page_dispose;
  object_class->finalize = custody_jobs_page_finalize;
  object_class->get_property = custody_jobs_page_get_property;
  object_class->set_property = custody_jobs_page_set_property;
  page_class->help_section = "jobs";

  properties[PROP_STATUS_FILTER] =
    g_param_spec_string ("status-filter", NULL, NULL, "all",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SORT_KEY] =
    g_param_spec_string ("sort-key", NULL, NULL, "name",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  page_class->session_changed = custody_jobs_page_session_changed;
  page_class->search = custody_jobs_page_search;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/custody/Custody/ui/custody-jobs-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CustodyJobsPage, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, CustodyJobsPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, CustodyJobsPage, list_pane);
  gtk_widget_class_bind_template_child (widget_class, CustodyJobsPage, list_title);
  gtk_widget_class_bind_template_child (widget_class, CustodyJobsPage, search_button);
  gtk_widget_class_bind_template_child (widget_class, CustodyJobsPage, search_bar);
  gtk_widget_class_bind_template_child (widget_class, CustodyJobsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CustodyJobsPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, CustodyJobsPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, CustodyJobsPage, detail);
  gtk_widget_class_bind_template_callback (widget_class, on_list_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_stop_cb);

  gtk_widget_class_install_action (widget_class, "jobs.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "jobs.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "jobs.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "jobs.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "jobs.add-copy", NULL, add_copy_action);
  gtk_widget_class_install_action (widget_class, "jobs.edit-copy", "s", edit_copy_action);
  gtk_widget_class_install_action (widget_class, "jobs.delete-copy", "s", delete_copy_action);
  gtk_widget_class_install_action (widget_class, "jobs.verify", "s", verify_action);
  gtk_widget_class_install_property_action (widget_class, "jobs.status", "status-filter");
  gtk_widget_class_install_property_action (widget_class, "jobs.sort", "sort-key");

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "jobs.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "jobs.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "jobs.add", NULL);

  g_type_ensure (CUSTODY_TYPE_JOB_DETAIL);
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  gtk_list_item_set_child (list_item, custody_job_row_new ());
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             gpointer                  user_data)
{
  custody_job_row_set_item (CUSTODY_JOB_ROW (gtk_list_item_get_child (list_item)),
                            gtk_list_item_get_item (list_item));
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  custody_job_row_set_item (CUSTODY_JOB_ROW (gtk_list_item_get_child (list_item)), NULL);
}

static void
custody_jobs_page_init (CustodyJobsPage *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  custody_spin_while_mapped (self->loading_spinner);

  self->status_filter = -1;
  self->sort_key = g_strdup ("name");

  /* Sorted first, then filtered: a keystroke in the search filters the
   * sorted jobs again (linear) instead of sorting the matches again. The
   * selection owns the chain; the fields below it are borrowed. */
  self->sorter = gtk_custom_sorter_new (sort_func, self, NULL);
  self->sort_model = gtk_sort_list_model_new (NULL, GTK_SORTER (self->sorter));
  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->filter_model = gtk_filter_list_model_new (G_LIST_MODEL (self->sort_model),
                                                  GTK_FILTER (self->filter));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (self->filter_model));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_swapped (self->selection, "notify::selected-item",
                            G_CALLBACK (on_selection_changed_cb), self);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self));
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));

  custody_page_set_list_detail (CUSTODY_PAGE (self), self->leaflet, self->list_pane,
                                GTK_WIDGET (self->detail),
                                (CustodyPageShowBackFunc) custody_job_detail_set_show_back);
  update_action_states (self);
  update_list_state (self);
}

/*
 * Public API
 */

/* Shows a job's detail; if the list is not read yet, once it is. */
void
custody_jobs_page_select_job (CustodyJobsPage *self,
                              const char      *name)
{
  g_return_if_fail (CUSTODY_IS_JOBS_PAGE (self));
  g_return_if_fail (name != NULL);

  if (self->status_filter >= 0 || (self->needle != NULL && self->needle[0] != '\0'))
    {
      /* It may be filtered out: show everything. */
      custody_jobs_page_set_status_filter (self, "all");
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      on_search_changed_cb (self);
    }

  if (select_by_name (self, name))
    custody_page_show_detail (CUSTODY_PAGE (self));
  else
    {
      g_free (self->pending_select);
      self->pending_select = g_strdup (name);
    }
}

/* @status: "all", "violation", "at-risk" or "compliant" */
void
custody_jobs_page_set_status_filter (CustodyJobsPage *self,
                                     const char      *status)
{
  int old;

  g_return_if_fail (CUSTODY_IS_JOBS_PAGE (self));

  old = self->status_filter;
  if (g_strcmp0 (status, "violation") == 0)
    self->status_filter = CUSTODY_STATUS_VIOLATION;
  else if (g_strcmp0 (status, "at-risk") == 0)
    self->status_filter = CUSTODY_STATUS_AT_RISK;
  else if (g_strcmp0 (status, "compliant") == 0)
    self->status_filter = CUSTODY_STATUS_COMPLIANT;
  else
    self->status_filter = -1;

  refilter (self);
  custody_page_show_list (CUSTODY_PAGE (self));
  if (old != self->status_filter)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS_FILTER]);
}

void
custody_jobs_page_set_search_text (CustodyJobsPage *self,
                                   const char      *text)
{
  GtkEditable *entry;
  const char *current;
  gsize current_len;

  g_return_if_fail (CUSTODY_IS_JOBS_PAGE (self));

  if (text == NULL)
    text = "";

  /* First: closing the search bar empties the entry. */
  gtk_toggle_button_set_active (self->search_button, text[0] != '\0');

  entry = GTK_EDITABLE (self->search_entry);
  current = gtk_editable_get_text (entry);
  current_len = strlen (current);

  /* Edited as typing would, at the end: replacing the whole text would
   * empty the entry first, and an empty search entry reports at once. */
  if (g_str_has_prefix (text, current))
    {
      int position = (int) g_utf8_strlen (current, -1);
      gtk_editable_insert_text (entry, text + current_len, -1, &position);
    }
  else if (g_str_has_prefix (current, text))
    gtk_editable_delete_text (entry, (int) g_utf8_strlen (text, -1), -1);
  else
    gtk_editable_set_text (entry, text);

  /* search-changed is delayed for typing; a programmatic search applies now. */
  on_search_changed_cb (self);
}

void
custody_jobs_page_add_job (CustodyJobsPage *self)
{
  g_return_if_fail (CUSTODY_IS_JOBS_PAGE (self));

  open_job_editor (self, NULL);
}

guint
custody_jobs_page_get_n_shown (CustodyJobsPage *self)
{
  g_return_val_if_fail (CUSTODY_IS_JOBS_PAGE (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
}
