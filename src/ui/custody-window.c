/* custody-window.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custody-window"

#include "config.h"

#include <glib/gi18n.h>

#include "custody-alerts-page.h"
#include "custody-as-of-button.h"
#include "custody-auto-backup.h"
#include "custody-compliance-page.h"
#include "custody-import-dialog.h"
#include "custody-jobs-page.h"
#include "custody-media-page.h"
#include "custody-overview-page.h"
#include "custody-reports-page.h"
#include "custody-restore-dialog.h"
#include "custody-session.h"
#include "custody-time.h"
#include "custody-ui-utils.h"
#include "custody-window.h"

#define SETTINGS_ID "io.github.custody.Custody"
#define MAX_RECENT_STORES 10

struct _CustodyWindow
{
  AdwApplicationWindow  parent_instance;

  AdwToastOverlay      *toast_overlay;
  AdwLeaflet           *leaflet;
  GtkWidget            *sidebar_box;
  GtkListBox           *sidebar;
  GtkStack             *stack;
  AdwStatusPage        *error_page;
  CustodyPage          *overview_page;
  CustodyPage          *jobs_page;
  CustodyPage          *media_page;
  CustodyPage          *compliance_page;
  CustodyPage          *alerts_page;
  CustodyPage          *reports_page;
  GtkMenuButton        *menu_button;
  GMenu                *store_section;  /* of the primary menu */
  GMenu                *recent_menu;    /* its "Open Recent" submenu */

  GSettings            *settings;
  CustodySession       *session;
  CustodyAutoBackup    *auto_backup;
  GtkLabel             *badges[6];
  char                 *db_path;
  gboolean              read_only_told;  /* for the store open now */
  gboolean              recent_told;     /* the store open now is in recent-stores */
  gboolean              recent_shown;    /* store_section has the submenu */
};

G_DEFINE_FINAL_TYPE (CustodyWindow, custody_window, ADW_TYPE_APPLICATION_WINDOW)

enum { PROP_0, PROP_DB_PATH, N_PROPS };
static GParamSpec *properties[N_PROPS];

static const struct
{
  const char *name;
  const char *icon;
  const char *label;
} views[] = {
  { "overview", "view-grid-symbolic", N_("Overview") },
  { "jobs", "drive-multidisk-symbolic", N_("Jobs") },
  { "media", "media-tape-symbolic", N_("Media") },
  { "compliance", "emblem-ok-symbolic", N_("Compliance") },
  { "alerts", "dialog-warning-symbolic", N_("Alerts") },
  { "reports", "x-office-document-symbolic", N_("Reports") },
};

enum { VIEW_OVERVIEW, VIEW_JOBS, VIEW_MEDIA, VIEW_COMPLIANCE, VIEW_ALERTS, VIEW_REPORTS };

static CustodyPage *
page_for_view (CustodyWindow *self,
               guint          view)
{
  CustodyPage *pages[] = {
    self->overview_page, self->jobs_page, self->media_page,
    self->compliance_page, self->alerts_page, self->reports_page,
  };

  return view < G_N_ELEMENTS (pages) ? pages[view] : NULL;
}

static int
view_index (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    if (g_strcmp0 (views[i].name, name) == 0)
      return (int) i;
  return -1;
}

static CustodyPage *
visible_page (CustodyWindow *self)
{
  GtkWidget *child = gtk_stack_get_visible_child (self->stack);

  return CUSTODY_IS_PAGE (child) ? CUSTODY_PAGE (child) : NULL;
}

/*
 * Navigation
 */

/**
 * custody_window_show_view:
 * @view: "overview", "jobs", "media", "compliance", "alerts" or "reports"
 *
 * Shows a view, and the content rather than the sidebar when folded.
 */
void
custody_window_show_view (CustodyWindow *self,
                          const char    *view)
{
  int index = view_index (view);
  GtkListBoxRow *row;

  g_return_if_fail (CUSTODY_IS_WINDOW (self));

  if (index < 0)
    return;

  gtk_stack_set_visible_child_name (self->stack, view);
  row = gtk_list_box_get_row_at_index (self->sidebar, index);
  if (gtk_list_box_get_selected_row (self->sidebar) != row)
    gtk_list_box_select_row (self->sidebar, row);
  g_settings_set_string (self->settings, "last-view", view);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

/* Returns: (transfer none): the page of a view, to drive it */
CustodyPage *
custody_window_get_page (CustodyWindow *self,
                         const char    *view)
{
  g_return_val_if_fail (CUSTODY_IS_WINDOW (self), NULL);

  return page_for_view (self, (guint) view_index (view));
}

void
custody_window_add_toast (CustodyWindow *self,
                          AdwToast      *toast)
{
  g_return_if_fail (CUSTODY_IS_WINDOW (self));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* Returns: (transfer none) */
CustodySession *
custody_window_get_session (CustodyWindow *self)
{
  g_return_val_if_fail (CUSTODY_IS_WINDOW (self), NULL);

  return self->session;
}

/*
 * Callbacks
 */

static void
on_sidebar_row_activated_cb (CustodyWindow *self,
                             GtkListBoxRow *row)
{
  int index = gtk_list_box_row_get_index (row);

  if (index >= 0 && (guint) index < G_N_ELEMENTS (views))
    custody_window_show_view (self, views[index].name);
}

static void
on_leaflet_folded_cb (CustodyWindow *self)
{
  gboolean folded = adw_leaflet_get_folded (self->leaflet);

  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    custody_page_set_folded (page_for_view (self, i), folded);

  /* Unfolded, the sidebar shows which view is open; folded, it is a list
   * to pick from. */
  gtk_list_box_set_selection_mode (self->sidebar,
                                   folded ? GTK_SELECTION_NONE : GTK_SELECTION_BROWSE);
  if (!folded)
    {
      int index = view_index (gtk_stack_get_visible_child_name (self->stack));
      if (index >= 0)
        gtk_list_box_select_row (self->sidebar,
                                 gtk_list_box_get_row_at_index (self->sidebar, index));
    }
}

static void
update_badges (CustodyWindow *self)
{
  GListModel *jobs = custody_session_get_jobs (self->session);
  GListModel *alerts = custody_session_get_alerts (self->session);
  guint n_alerts = 0;
  g_autofree char *jobs_text = g_strdup_printf ("%u", g_list_model_get_n_items (jobs));
  g_autofree char *alerts_text = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (alerts); i++)
    {
      g_autoptr(CustodyAlert) alert = g_list_model_get_item (alerts, i);
      n_alerts += alert->acknowledged_by == NULL ? 1 : 0;
    }
  alerts_text = g_strdup_printf ("%u", n_alerts);

  gtk_label_set_label (self->badges[VIEW_JOBS], jobs_text);
  gtk_label_set_label (self->badges[VIEW_ALERTS], alerts_text);
  gtk_widget_set_visible (GTK_WIDGET (self->badges[VIEW_ALERTS]), n_alerts > 0);

  /* The desk: what is to move today. */
  {
    CustodyDesk *desk = custody_session_get_desk (self->session);
    guint n = desk != NULL ? desk->lists[CUSTODY_DESK_SEND_OFFSITE]->len +
                             desk->lists[CUSTODY_DESK_RECALL]->len +
                             desk->lists[CUSTODY_DESK_OVERDUE]->len : 0;
    g_autofree char *media_text = g_strdup_printf ("%u", n);

    gtk_label_set_label (self->badges[VIEW_MEDIA], media_text);
    gtk_widget_set_visible (GTK_WIDGET (self->badges[VIEW_MEDIA]), n > 0);
  }
}

/*
 * Recent stores
 */

/* The recent stores that are still there, the most recent first. */
static GStrv
dup_recent_stores (CustodyWindow *self)
{
  g_auto(GStrv) paths = g_settings_get_strv (self->settings, "recent-stores");
  g_autoptr(GStrvBuilder) kept = g_strv_builder_new ();

  for (guint i = 0; paths[i] != NULL; i++)
    if (g_file_test (paths[i], G_FILE_TEST_IS_REGULAR))
      g_strv_builder_add (kept, paths[i]);
  return g_strv_builder_end (kept);
}

/* A menu label says its underscores, not a mnemonic. */
static char *
escape_underscores (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, "_", -1);

  return g_strjoinv ("__", parts);
}

static void
update_recent_menu (CustodyWindow *self)
{
  g_auto(GStrv) paths = dup_recent_stores (self);
  g_autofree char *current = NULL;
  guint n = 0;

  if (self->db_path != NULL)
    current = g_canonicalize_filename (self->db_path, NULL);
  g_menu_remove_all (self->recent_menu);
  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_autofree char *name = NULL;
      g_autofree char *dir = NULL;
      g_autofree char *display = NULL;
      g_autofree char *label = NULL;
      g_autoptr(GMenuItem) item = NULL;

      if (g_strcmp0 (paths[i], current) == 0)
        continue;
      name = g_path_get_basename (paths[i]);
      dir = g_path_get_dirname (paths[i]);
      /* Translators: a recent store in the main menu: its file name,
       * then its folder */
      display = g_strdup_printf (C_("recent store", "%s (%s)"), name, dir);
      label = escape_underscores (display);
      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target_value (item, "win.open-recent",
                                               g_variant_new_string (paths[i]));
      g_menu_append_item (self->recent_menu, item);
      n++;
    }

  /* After "Open Store…", only when there is something to offer. */
  if (self->recent_shown && n == 0)
    {
      g_menu_remove (self->store_section, 1);
      self->recent_shown = FALSE;
    }
  else if (!self->recent_shown && n > 0)
    {
      g_menu_insert_submenu (self->store_section, 1, _("Open _Recent"),
                             G_MENU_MODEL (self->recent_menu));
      self->recent_shown = TRUE;
    }
}

/* Puts @path first in recent-stores: no twice, none gone, at most ten. */
static void
remember_store (CustodyWindow *self,
                const char    *path)
{
  g_auto(GStrv) paths = dup_recent_stores (self);
  g_autoptr(GStrvBuilder) recent = g_strv_builder_new ();
  g_auto(GStrv) result = NULL;
  guint n = 1;

  g_strv_builder_add (recent, path);
  for (guint i = 0; paths[i] != NULL && n < MAX_RECENT_STORES; i++)
    if (g_strcmp0 (paths[i], path) != 0)
      {
        g_strv_builder_add (recent, paths[i]);
        n++;
      }
  result = g_strv_builder_end (recent);
  g_settings_set_strv (self->settings, "recent-stores", (const char * const *) result);
}

static void
on_recent_stores_changed_cb (CustodyWindow *self)
{
  update_recent_menu (self);
}

/* A store the user may read but not write opens read-only: say so once,
 * in the title and in a toast that stays, rather than let every edit fail. */
static void
tell_if_read_only (CustodyWindow  *self,
                   CustodySession *session)
{
  CustodyStore *store = custody_session_get_store (session);
  g_autofree char *basename = NULL;
  g_autofree char *title = NULL;
  AdwToast *toast;

  if (self->read_only_told || store == NULL || !custody_store_get_read_only (store))
    return;
  self->read_only_told = TRUE;

  basename = g_path_get_basename (self->db_path);
  /* Translators: the window title for a store opened read-only */
  title = g_strdup_printf (_("Custody — %s (read-only)"), basename);
  gtk_window_set_title (GTK_WINDOW (self), title);

  toast = adw_toast_new (_("This store is read-only for you: you can look at everything, "
                           "but not change it"));
  adw_toast_set_timeout (toast, 0);
  custody_window_add_toast (self, toast);
}

static void
on_session_reloaded_cb (CustodyWindow  *self,
                        CustodySession *session)
{
  update_badges (self);
  tell_if_read_only (self, session);

  /* Once it opened: a store that fails to open is not offered again. */
  if (!self->recent_told)
    {
      g_autofree char *path = g_canonicalize_filename (self->db_path, NULL);

      self->recent_told = TRUE;
      remember_store (self, path);
    }
}

static void
on_open_failed_response_cb (AdwMessageDialog *dialog,
                            const char       *response,
                            CustodyWindow    *self)
{
  if (g_str_equal (response, "retry"))
    custody_window_open_store (self, self->db_path);
  else if (g_str_equal (response, "choose"))
    gtk_widget_activate_action (GTK_WIDGET (self), "win.open-store", NULL);
  else if (g_str_equal (response, "demo"))
    gtk_widget_activate_action (GTK_WIDGET (self), "win.open-demo", NULL);
  else
    gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_session_failed_cb (CustodyWindow  *self,
                      const GError   *error,
                      CustodySession *session)
{
  AdwMessageDialog *dialog;
  const char *heading = _("Cannot Open the Store");
  const char *what = "";
  g_autofree char *body = NULL;
  gboolean retry = FALSE;

  if (custody_session_get_loaded (session))
    {
      /* Open before: keep showing what we have, and say why it is old. */
      g_autofree char *text = g_strdup_printf (_("Cannot read the store: %s"), error->message);
      custody_window_add_toast (self, adw_toast_new (text));
      return;
    }

  if (error->domain == CUSTODY_STORE_ERROR)
    {
      switch ((CustodyStoreError) error->code)
        {
        case CUSTODY_STORE_ERROR_SCHEMA_TOO_NEW:
          heading = _("Store Made by a Newer Custody");
          what = _("Update Custody to open it. The store was not changed.");
          break;
        case CUSTODY_STORE_ERROR_CORRUPT:
          heading = _("The Store Is Damaged");
          what = _("Restore a backup of it with “custodyctl db restore”, or open another store. "
                   "The file was not changed.");
          break;
        case CUSTODY_STORE_ERROR_LOCKED:
          heading = _("The Store Is Busy");
          what = _("Another program is writing to it. Try again in a moment.");
          retry = TRUE;
          break;
        case CUSTODY_STORE_ERROR_READ_ONLY:
          what = _("Check that you may write to the file and its folder.");
          retry = TRUE;
          break;
        case CUSTODY_STORE_ERROR_FAILED:
        case CUSTODY_STORE_ERROR_MISSING:
        case CUSTODY_STORE_ERROR_INVALID:
        case CUSTODY_STORE_ERROR_NOT_FOUND:
        case CUSTODY_STORE_ERROR_EXISTS:
        case CUSTODY_STORE_ERROR_REFUSED:
        default:
          retry = TRUE;
          break;
        }
    }

  body = g_strdup_printf ("%s\n\n%s", error->message, what);
  dialog = custody_message_dialog_new (GTK_WIDGET (self), heading, body);
  adw_message_dialog_add_responses (dialog,
                                    "quit", _("_Quit"),
                                    "choose", _("_Open Another Store…"),
                                    NULL);
  if (retry)
    {
      adw_message_dialog_add_response (dialog, "retry", _("_Try Again"));
      adw_message_dialog_set_response_appearance (dialog, "retry", ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (dialog, "retry");
    }
  else
    adw_message_dialog_set_default_response (dialog, "choose");
  adw_message_dialog_set_close_response (dialog, "quit");
  g_signal_connect (dialog, "response", G_CALLBACK (on_open_failed_response_cb), self);

  adw_status_page_set_title (self->error_page, heading);
  adw_status_page_set_description (self->error_page, error->message);
  gtk_stack_set_visible_child_name (self->stack, "error");
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_auto_backup_failed_cb (CustodyWindow     *self,
                          const GError      *error,
                          CustodyAutoBackup *auto_backup)
{
  g_autofree char *text = g_strdup_printf (_("The automatic backup failed: %s"), error->message);

  custody_window_add_toast (self, adw_toast_new (text));
}

/* Opens a store in this window, dropping the one it showed. */
void
custody_window_open_store (CustodyWindow *self,
                           const char    *db_path)
{
  g_autofree char *title = NULL;

  g_return_if_fail (CUSTODY_IS_WINDOW (self));
  g_return_if_fail (db_path != NULL);

  if (self->session != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->session, self);
      g_clear_object (&self->session);
    }

  if (self->db_path != db_path)
    {
      g_free (self->db_path);
      self->db_path = g_strdup (db_path);
    }

  self->session = custody_session_new (self->db_path);
  self->read_only_told = FALSE;
  self->recent_told = FALSE;
  update_recent_menu (self);
  g_signal_connect_object (self->session, "reloaded", G_CALLBACK (on_session_reloaded_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "failed", G_CALLBACK (on_session_failed_cb), self,
                           G_CONNECT_SWAPPED);

  g_clear_object (&self->auto_backup);
  self->auto_backup = custody_auto_backup_new (self->session);
  g_signal_connect_object (self->auto_backup, "failed", G_CALLBACK (on_auto_backup_failed_cb), self,
                           G_CONNECT_SWAPPED);

  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    custody_page_set_session (page_for_view (self, i), self->session);

  /* The views show at once and fill in as the store is read: the first
   * frame is the real window, whatever the store's size. */
  {
    g_autofree char *view = g_settings_get_string (self->settings, "last-view");
    custody_window_show_view (self, view_index (view) >= 0 ? view : "overview");
  }

  {
    g_autofree char *basename = g_path_get_basename (self->db_path);
    title = g_strdup_printf (_("Custody — %s"), basename);
    gtk_window_set_title (GTK_WINDOW (self), title);
  }

  custody_session_open (self->session);
}

/*
 * Actions
 */

static void
show_sidebar_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CustodyWindow *self = CUSTODY_WINDOW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
view_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  custody_window_show_view (CUSTODY_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CustodyWindow *self = CUSTODY_WINDOW (widget);
  CustodyPage *page = visible_page (self);

  /* Ctrl+F searches where it can; elsewhere, it searches the jobs. */
  if (page == NULL || !custody_page_search (page))
    {
      custody_window_show_view (self, "jobs");
      custody_page_search (self->jobs_page);
    }
}

/* Imports a file into this window's store: the dialog asks what the file
 * does not say, then shows the progress and what it did. */
void
custody_window_import_file (CustodyWindow *self,
                            GFile         *file)
{
  CustodyImportDialog *dialog;

  g_return_if_fail (CUSTODY_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->session == NULL)
    return;
  dialog = custody_import_dialog_new (GTK_WINDOW (self), self->session, file);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* A file dropped on the window is imported like one picked with Import…. */
static gboolean
on_drop_cb (GtkDropTarget *target,
            const GValue  *value,
            double         x,
            double         y,
            CustodyWindow *self)
{
  GSList *files;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;
  files = gdk_file_list_get_files (g_value_get_boxed (value));
  if (files == NULL)
    return FALSE;
  /* One at a time: each file asks its own questions. */
  custody_window_import_file (self, files->data);
  g_slist_free (files);
  return TRUE;
}

static void
on_import_response_cb (GtkNativeDialog *chooser,
                       int              response,
                       CustodyWindow   *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      custody_window_import_file (self, file);
    }
  g_object_unref (chooser);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Import"), GTK_WINDOW (widget),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), _("_Cancel"));
  /* Translators: the kinds of file the Import dialog reads */
  gtk_file_filter_set_name (filter, _("restic, borg or Bareos output, or CSV"));
  gtk_file_filter_add_suffix (filter, "json");
  gtk_file_filter_add_suffix (filter, "jsonl");
  gtk_file_filter_add_suffix (filter, "txt");
  gtk_file_filter_add_suffix (filter, "log");
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_mime_type (filter, "application/json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
  g_signal_connect (chooser, "response", G_CALLBACK (on_import_response_cb), widget);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
open_job_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  CustodyWindow *self = CUSTODY_WINDOW (widget);

  custody_window_show_view (self, "jobs");
  custody_jobs_page_select_job (CUSTODY_JOBS_PAGE (self->jobs_page),
                                g_variant_get_string (parameter, NULL));
}

static void
jobs_status_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CustodyWindow *self = CUSTODY_WINDOW (widget);

  custody_window_show_view (self, "jobs");
  custody_jobs_page_set_status_filter (CUSTODY_JOBS_PAGE (self->jobs_page),
                                       g_variant_get_string (parameter, NULL));
}

static void
compliance_filter_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  CustodyWindow *self = CUSTODY_WINDOW (widget);
  const char *filter = g_variant_get_string (parameter, NULL);

  /* A rule from the Overview: the jobs failing it. */
  custody_window_show_view (self, "compliance");
  custody_compliance_page_set_filter (CUSTODY_COMPLIANCE_PAGE (self->compliance_page), filter);
}

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Ctrl+T: the moment every view shows, chosen from the view's own
 * button (Compliance's, for a view without one). */
static void
choose_moment_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CustodyWindow *self = CUSTODY_WINDOW (widget);
  CustodyPage *page = visible_page (self);
  GtkWidget *button = page != NULL ? find_descendant (GTK_WIDGET (page),
                                                      CUSTODY_TYPE_AS_OF_BUTTON) : NULL;

  if (button == NULL || !gtk_widget_is_drawable (button))
    {
      custody_window_show_view (self, "compliance");
      button = find_descendant (GTK_WIDGET (self->compliance_page), CUSTODY_TYPE_AS_OF_BUTTON);
    }
  if (button != NULL)
    custody_as_of_button_popup (CUSTODY_AS_OF_BUTTON (button));
}

/* Alt+Home: every view back to now. */
static void
return_to_now_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CustodyWindow *self = CUSTODY_WINDOW (widget);

  if (self->session != NULL)
    custody_session_set_as_of (self->session, CUSTODY_TIME_NONE);
}

/* F8 from any view: the desk's scanner is always at hand. */
static void
scan_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CustodyWindow *self = CUSTODY_WINDOW (widget);

  custody_media_page_open_scan (CUSTODY_MEDIA_PAGE (self->media_page), -1);
}

static void
media_today_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CustodyWindow *self = CUSTODY_WINDOW (widget);

  /* A list of the desk, from the Overview: the Today page. */
  custody_window_show_view (self, "media");
  custody_media_page_show_today (CUSTODY_MEDIA_PAGE (self->media_page));
}

static void
open_medium_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CustodyWindow *self = CUSTODY_WINDOW (widget);

  custody_window_show_view (self, "media");
  custody_media_page_select_volume (CUSTODY_MEDIA_PAGE (self->media_page),
                                    g_variant_get_string (parameter, NULL));
}

static void
new_job_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CustodyWindow *self = CUSTODY_WINDOW (widget);

  custody_window_show_view (self, "jobs");
  custody_jobs_page_add_job (CUSTODY_JOBS_PAGE (self->jobs_page));
}

static void
help_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CustodyWindow *self = CUSTODY_WINDOW (widget);
  CustodyPage *page = visible_page (self);

  custody_show_help (widget, page != NULL ? custody_page_get_help_section (page) : "index");
}

static void
on_open_store_response_cb (GtkNativeDialog *chooser,
                           int              response,
                           CustodyWindow   *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);

      if (path != NULL)
        custody_window_open_store (self, path);
    }
  g_object_unref (chooser);
}

static void
open_store_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Open a Store"), GTK_WINDOW (widget),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Custody stores"));
  gtk_file_filter_add_suffix (filter, "db");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect (chooser, "response", G_CALLBACK (on_open_store_response_cb), widget);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
open_recent_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CustodyWindow *self = CUSTODY_WINDOW (widget);
  const char *path = g_variant_get_string (parameter, NULL);

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_autofree char *where = g_filename_display_name (path);
      g_autofree char *text = g_strdup_printf (_("%s is gone"), where);

      custody_window_add_toast (self, adw_toast_new (text));
      update_recent_menu (self);
      return;
    }
  custody_window_open_store (self, path);
}

static void
demo_worker (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  const char *path = task_data;
  g_autoptr(CustodyStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) jobs = NULL;

  store = custody_store_open (path, CUSTODY_STORE_OPEN_CREATE, &error);
  if (store != NULL)
    jobs = custody_store_list_jobs (store, FALSE, &error);
  if (jobs != NULL && jobs->len == 0 && !custody_store_fill_demo (store, 22, 0, 42, &error))
    g_clear_pointer (&jobs, g_ptr_array_unref);

  if (jobs == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
demo_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(CustodyWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  GTask *task = G_TASK (result);

  if (!g_task_propagate_boolean (task, &error))
    {
      g_autofree char *text = g_strdup_printf (_("Cannot make the demo store: %s"), error->message);
      custody_window_add_toast (self, adw_toast_new (text));
      return;
    }

  custody_window_open_store (self, g_task_get_task_data (task));

  /* Where it is, so that it can be found, opened again or thrown away. */
  {
    g_autofree char *where = g_filename_display_name (g_task_get_task_data (task));
    g_autofree char *text = g_strdup_printf (_("The demo data is in its own store, %s: yours is "
                                               "not changed"), where);
    AdwToast *toast = adw_toast_new (text);

    adw_toast_set_timeout (toast, 10);
    custody_window_add_toast (self, toast);
  }
}

static void
open_demo_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CustodyWindow *self = CUSTODY_WINDOW (widget);
  g_autoptr(GTask) task = g_task_new (self, NULL, demo_cb, g_object_ref (self));

  /* A separate store, so that trying things out never mixes demo data
   * into real records. */
  g_task_set_task_data (task, g_build_filename (g_get_user_data_dir (), "custody", "demo.db", NULL),
                        g_free);
  g_task_run_in_thread (task, demo_worker);
}

/*
 * Restoring one of the store's own backups
 */

typedef struct
{
  CustodyWindow *window;
  char          *file;
  char          *label;   /* when the backup was taken, as the dialog showed it */
  char          *kept;    /* the backup of the store as it was */
} Restore;

static void
restore_free (Restore *restore)
{
  g_object_unref (restore->window);
  g_free (restore->file);
  g_free (restore->label);
  g_free (restore->kept);
  g_free (restore);
}

static gboolean
restore_write (CustodyStore  *store,
               gpointer       data,
               GError       **error)
{
  Restore *restore = data;

  return custody_store_restore_keeping (store, restore->file, NULL, &restore->kept, error);
}

static void
restore_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Restore *restore = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (custody_session_write_finish (CUSTODY_SESSION (source), result, &error))
    text = g_strdup_printf (_("Restored the backup of %s. The store as it was is kept as a "
                              "backup."), restore->label);
  else
    text = g_strdup_printf (_("Cannot restore the backup: %s"), error->message);
  custody_window_add_toast (restore->window, adw_toast_new (text));
  restore_free (restore);
}

static void
on_restore_response_cb (CustodyRestoreDialog *dialog,
                        const char           *response,
                        CustodyWindow        *self)
{
  Restore *restore;

  if (!g_str_equal (response, "restore") || custody_restore_dialog_get_path (dialog) == NULL)
    return;

  restore = g_new0 (Restore, 1);
  restore->window = g_object_ref (self);
  restore->file = g_strdup (custody_restore_dialog_get_path (dialog));
  restore->label = custody_restore_dialog_dup_label (dialog);
  custody_session_write_async (self->session, restore_write, restore, NULL, NULL,
                               restore_cb, restore);
}

static void
restore_backup_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  CustodyWindow *self = CUSTODY_WINDOW (widget);
  CustodyRestoreDialog *dialog;

  if (self->session == NULL || custody_session_get_store (self->session) == NULL)
    return;

  dialog = custody_restore_dialog_new (widget, self->session);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_restore_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/*
 * GObject
 */

/* @badge: (out): the row's count, for update_badges() */
static GtkWidget *
make_sidebar_row (guint      index,
                  GtkLabel **badge_out)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *icon = gtk_image_new_from_icon_name (views[index].icon);
  GtkWidget *label = gtk_label_new (_(views[index].label));
  GtkWidget *badge = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (badge, "dim-label");
  gtk_widget_add_css_class (badge, "numeric");
  gtk_widget_set_visible (badge, index == VIEW_JOBS || index == VIEW_ALERTS || index == VIEW_MEDIA);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), badge);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  *badge_out = GTK_LABEL (badge);

  return row;
}

static void
custody_window_constructed (GObject *object)
{
  CustodyWindow *self = (CustodyWindow *) object;

  G_OBJECT_CLASS (custody_window_parent_class)->constructed (object);

  g_settings_bind (self->settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-height", self, "default-height",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);

  if (g_str_has_suffix (APP_ID, ".Devel"))
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");

  on_leaflet_folded_cb (self);
  custody_window_open_store (self, self->db_path);
}

static void
custody_window_dispose (GObject *object)
{
  CustodyWindow *self = (CustodyWindow *) object;

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), CUSTODY_TYPE_WINDOW);
  g_clear_object (&self->auto_backup);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (custody_window_parent_class)->dispose (object);
}

static void
custody_window_finalize (GObject *object)
{
  CustodyWindow *self = (CustodyWindow *) object;

  g_clear_object (&self->settings);
  g_clear_object (&self->recent_menu);
  g_free (self->db_path);

  G_OBJECT_CLASS (custody_window_parent_class)->finalize (object);
}

static void
custody_window_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  CustodyWindow *self = CUSTODY_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DB_PATH:
      g_free (self->db_path);
      self->db_path = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
custody_window_class_init (CustodyWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = custody_window_constructed;
  object_class->dispose = custody_window_dispose;
  object_class->finalize = custody_window_finalize;
  object_class->set_property = custody_window_set_property;

  properties[PROP_DB_PATH] =
    g_param_spec_string ("db-path", NULL, NULL, NULL,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/custody/Custody/ui/custody-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CustodyWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CustodyWindow, store_section);
  gtk_widget_class_bind_template_child (widget_class, CustodyWindow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, CustodyWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, CustodyWindow, sidebar_box);
  gtk_widget_class_bind_template_child (widget_class, CustodyWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, CustodyWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, CustodyWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, CustodyWindow, overview_page);
  gtk_widget_class_bind_template_child (widget_class, CustodyWindow, jobs_page);
  gtk_widget_class_bind_template_child (widget_class, CustodyWindow, media_page);
  gtk_widget_class_bind_template_child (widget_class, CustodyWindow, compliance_page);
  gtk_widget_class_bind_template_child (widget_class, CustodyWindow, alerts_page);
  gtk_widget_class_bind_template_child (widget_class, CustodyWindow, reports_page);
  gtk_widget_class_bind_template_callback (widget_class, on_sidebar_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_leaflet_folded_cb);

  gtk_widget_class_install_action (widget_class, "win.show-sidebar", NULL, show_sidebar_action);
  gtk_widget_class_install_action (widget_class, "win.view", "s", view_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.help", NULL, help_action);
  gtk_widget_class_install_action (widget_class, "win.open-store", NULL, open_store_action);
  gtk_widget_class_install_action (widget_class, "win.open-demo", NULL, open_demo_action);
  gtk_widget_class_install_action (widget_class, "win.restore-backup", NULL,
                                   restore_backup_action);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", open_recent_action);
  gtk_widget_class_install_action (widget_class, "win.open-job", "s", open_job_action);
  gtk_widget_class_install_action (widget_class, "win.jobs-status", "s", jobs_status_action);
  gtk_widget_class_install_action (widget_class, "win.new-job", NULL, new_job_action);
  gtk_widget_class_install_action (widget_class, "win.compliance-filter", "s",
                                   compliance_filter_action);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.media-today", NULL, media_today_action);
  gtk_widget_class_install_action (widget_class, "win.scan", NULL, scan_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F8, 0, "win.scan", NULL);
  gtk_widget_class_install_action (widget_class, "win.open-medium", "s", open_medium_action);
  gtk_widget_class_install_action (widget_class, "win.choose-moment", NULL, choose_moment_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_t, GDK_CONTROL_MASK,
                                       "win.choose-moment", NULL);
  gtk_widget_class_install_action (widget_class, "win.return-to-now", NULL, return_to_now_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Home, GDK_ALT_MASK,
                                       "win.return-to-now", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F1, 0, "win.help", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new-job",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "win.show-sidebar",
                                       NULL);
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, GDK_CONTROL_MASK, "win.view",
                                         "s", views[i].name);

  g_type_ensure (CUSTODY_TYPE_OVERVIEW_PAGE);
  g_type_ensure (CUSTODY_TYPE_JOBS_PAGE);
  g_type_ensure (CUSTODY_TYPE_MEDIA_PAGE);
  g_type_ensure (CUSTODY_TYPE_COMPLIANCE_PAGE);
  g_type_ensure (CUSTODY_TYPE_ALERTS_PAGE);
  g_type_ensure (CUSTODY_TYPE_REPORTS_PAGE);
}

static void
custody_window_init (CustodyWindow *self)
{
  GtkDropTarget *drop;

  gtk_widget_init_template (GTK_WIDGET (self));

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  self->settings = g_settings_new (SETTINGS_ID);
  self->recent_menu = g_menu_new ();
  g_signal_connect_object (self->settings, "changed::recent-stores",
                           G_CALLBACK (on_recent_stores_changed_cb), self, G_CONNECT_SWAPPED);
  /* A store may have gone since: the menu is looked at as it opens. */
  g_signal_connect_object (gtk_menu_button_get_popover (self->menu_button), "show",
                           G_CALLBACK (on_recent_stores_changed_cb), self, G_CONNECT_SWAPPED);

  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      GtkWidget *row = make_sidebar_row (i, &self->badges[i]);

      gtk_list_box_append (self->sidebar, row);
    }
}

CustodyWindow *
custody_window_new (CustodyApplication *application,
                    const char         *db_path)
{
  return g_object_new (CUSTODY_TYPE_WINDOW,
                       "application", application,
                       "db-path", db_path,
                       NULL);
}

/* The store the window shows: the one it opened with, or the one the user
 * opened since. */
const char *
custody_window_get_db_path (CustodyWindow *self)
{
  g_return_val_if_fail (CUSTODY_IS_WINDOW (self), NULL);

  return self->db_path;
}
