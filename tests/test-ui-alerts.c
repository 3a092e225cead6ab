/* test-ui-alerts.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Alerts view, the preferences and the automatic backups, each on a
 * real store in a temporary folder. The views are driven through their
 * widgets, as a user would, and checked by what they show and by what
 * the store holds afterwards.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "custody-alert-row.h"
#include "custody-alerts-page.h"
#include "custody-auto-backup.h"
#include "custody-preferences-window.h"
#include "custody-session.h"
#include "custody-store-test-utils.h"
#include "custody-store.h"
#include "custody-time.h"
#include "custody-ui-test-utils.h"

#define TIMEOUT_MS 20000
#define PRODUCTION_ROW "_Production Counts as a Copy"

typedef struct
{
  char           *dir;
  char           *db_path;
  CustodyStore   *store;     /* the test's own connection */
  CustodySession *session;
} Fixture;

/*
 * Helpers
 */

typedef gboolean (*Condition) (gpointer data);

/* Runs the main loop until @condition holds; FALSE after a timeout. */
static gboolean
wait_until_quiet (Condition condition,
                  gpointer  data)
{
  gint64 deadline = g_get_monotonic_time () + TIMEOUT_MS * 1000;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (2000);
    }
  return TRUE;
}

static void
wait_until (Condition   condition,
            gpointer    data,
            const char *what)
{
  if (!wait_until_quiet (condition, data))
    g_error ("Timed out waiting for %s", what);
}

/* Runs the main loop for a while, for things that must NOT happen. */
static void
run_for (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (2000);
}

/* The widgets of @type that are on screen. */
static GPtrArray *
find_mapped (GtkWidget *root,
             GType      type)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new ();
  GPtrArray *mapped = g_ptr_array_new ();

  custody_test_collect (root, type, all);
  for (guint i = 0; i < all->len; i++)
    if (gtk_widget_get_mapped (g_ptr_array_index (all, i)))
      g_ptr_array_add (mapped, g_ptr_array_index (all, i));
  return mapped;
}

/* Every text on screen under @root, one per line. */
static char *
visible_text (GtkWidget *root)
{
  g_autoptr(GPtrArray) labels = find_mapped (root, GTK_TYPE_LABEL);
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < labels->len; i++)
    g_string_append_printf (text, "%s\n", gtk_label_get_text (g_ptr_array_index (labels, i)));
  return g_string_free (text, FALSE);
}

static guint
count_text (GtkWidget  *root,
            const char *needle)
{
  g_autofree char *text = visible_text (root);
  guint n = 0;

  for (const char *p = strstr (text, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

/* A click: a button's "activate" presses it for a moment first. */
static void
click (gpointer button)
{
  g_assert_true (GTK_IS_BUTTON (button));
  g_signal_emit_by_name (button, "clicked");
}

static GtkWidget *
find_button_by_label (GtkWidget  *root,
                      const char *label)
{
  g_autoptr(GPtrArray) buttons = find_mapped (root, GTK_TYPE_BUTTON);

  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_button_get_label (g_ptr_array_index (buttons, i)), label) == 0)
      return g_ptr_array_index (buttons, i);
  return NULL;
}

static GtkWidget *
find_check_button_by_label (GtkWidget  *root,
                            const char *label)
{
  g_autoptr(GPtrArray) buttons = find_mapped (root, GTK_TYPE_CHECK_BUTTON);

  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_check_button_get_label (g_ptr_array_index (buttons, i)), label) == 0)
      return g_ptr_array_index (buttons, i);
  return NULL;
}

/* The alert rows on screen, top to bottom. */
static GPtrArray *
alert_rows (GtkWidget *root)
{
  g_autoptr(GPtrArray) rows = find_mapped (root, CUSTODY_TYPE_ALERT_ROW);
  GPtrArray *with_alert = g_ptr_array_new ();

  for (guint i = 0; i < rows->len; i++)
    if (custody_alert_row_get_alert (g_ptr_array_index (rows, i)) != NULL)
      g_ptr_array_add (with_alert, g_ptr_array_index (rows, i));
  return with_alert;
}

static char *
expected_acknowledger (void)
{
  const char *real_name = g_get_real_name ();

  if (real_name == NULL || real_name[0] == '\0' || g_str_equal (real_name, "Unknown"))
    return g_strdup (g_get_user_name ());
  return g_strdup (real_name);
}

static gboolean
object_gone (gpointer data)
{
  return *(gpointer *) data == NULL;
}

/* Drops the last reference and waits for the object to go: work in
 * flight holds it until its callback runs. */
static void
unref_and_wait (gpointer object)
{
  gpointer weak = object;

  g_object_add_weak_pointer (G_OBJECT (object), &weak);
  g_object_unref (object);
  wait_until (object_gone, &weak, "an object to be finalized");
}

/*
 * Fixture: a store with a job in violation (no copies at all) and a job
 * whose latest run failed (raising a violation, a failed run and a
 * missing verification), and a session on it.
 */

static gboolean
session_loaded (gpointer data)
{
  return custody_session_get_loaded (data);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 now = custody_time_now ();

  /* The lock test wants a refused write fast; read when a store opens. */
  if (data != NULL)
    g_setenv ("CUSTODY_BUSY_TIMEOUT_MS", data, TRUE);

  f->dir = g_dir_make_tmp ("custody-test-ui-XXXXXX", &error);
  g_assert_no_error (error);
  f->db_path = g_build_filename (f->dir, "custody.db", NULL);
  f->store = custody_store_open (f->db_path, CUSTODY_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);

  custody_test_add_job (f->store, "empty");
  custody_test_add_job (f->store, "erp");
  custody_test_add_disk_copy (f->store, "erp", "nas");
  custody_test_record_run (f->store, "erp", "nas", CUSTODY_RUN_FAILED, now - 3600 - 600,
                           now - 3600, NULL);

  f->session = custody_session_new (f->db_path);
  custody_session_set_poll_interval (f->session, 100);
  custody_session_open (f->session);
  wait_until (session_loaded, f->session, "the session to load");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  unref_and_wait (g_steal_pointer (&f->session));
  g_clear_object (&f->store);
  custody_test_remove_tmpdir (f->dir);
  g_free (f->db_path);
  g_free (f->dir);
}

/*
 * The Alerts view
 */

typedef struct
{
  GtkWidget *window;
  GtkWidget *page;
  guint      rows;
} RowsWait;

static gboolean
rows_shown (gpointer data)
{
  RowsWait *wait = data;
  g_autoptr(GPtrArray) rows = alert_rows (wait->page);

  return rows->len == wait->rows;
}

static void
wait_for_rows (GtkWidget *page,
               guint      n)
{
  RowsWait wait = { NULL, page, n };

  if (!wait_until_quiet (rows_shown, &wait))
    {
      g_autoptr(GPtrArray) rows = alert_rows (page);
      g_autofree char *text = visible_text (page);

      g_error ("Timed out waiting for %u alert rows; %u on screen, showing:\n%s",
               n, rows->len, text);
    }
}

typedef struct
{
  GtkWidget  *root;
  const char *text;
  guint       count;
} TextWait;

static gboolean
text_shown (gpointer data)
{
  TextWait *wait = data;

  return count_text (wait->root, wait->text) == wait->count;
}

static void
wait_for_text (GtkWidget  *root,
               const char *text,
               guint       count)
{
  TextWait wait = { root, text, count };
  g_autofree char *what = g_strdup_printf ("“%s” %u times", text, count);

  if (!wait_until_quiet (text_shown, &wait))
    {
      g_autofree char *shown = visible_text (root);

      g_error ("Timed out waiting for %s; %u times, showing:\n%s",
               what, count_text (root, text), shown);
    }
}

static void
on_open_job_cb (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  char **opened = user_data;

  g_free (*opened);
  *opened = g_variant_dup_string (parameter, NULL);
}

static const char *
row_severity_icon (CustodyAlertRow *row)
{
  g_autoptr(GPtrArray) images = find_mapped (GTK_WIDGET (row), GTK_TYPE_IMAGE);

  for (guint i = 0; i < images->len; i++)
    {
      const char *name = gtk_image_get_icon_name (g_ptr_array_index (images, i));
      if (name != NULL && g_str_has_prefix (name, "dialog-"))
        return name;
    }
  return NULL;
}

static gint64
query_int (const char *path,
           const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

/* The rows top to bottom: the gravest first, then the newest. */
static void
assert_gravest_first (GtkWidget *page)
{
  g_autoptr(GPtrArray) rows = alert_rows (page);

  for (guint i = 1; i < rows->len; i++)
    {
      CustodyAlert *above = custody_alert_row_get_alert (g_ptr_array_index (rows, i - 1));
      CustodyAlert *below = custody_alert_row_get_alert (g_ptr_array_index (rows, i));

      g_assert_cmpint (above->severity, >=, below->severity);
      if (above->severity == below->severity)
        g_assert_cmpint (above->raised_at, >=, below->raised_at);
    }
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (window))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

static gboolean
message_dialog_shown (gpointer data)
{
  return find_message_dialog () != NULL;
}

/* Acknowledging asks for a note: types @note (if any) and presses Enter
 * in it, as a user would, which acknowledges. */
static void
respond_to_note_dialog (const char *heading,
                        const char *note)
{
  AdwMessageDialog *dialog;
  g_autoptr(GPtrArray) entries = NULL;

  wait_until (message_dialog_shown, NULL, "the note dialog");
  dialog = find_message_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, heading);
  entries = find_mapped (GTK_WIDGET (dialog), GTK_TYPE_TEXT);
  g_assert_cmpuint (entries->len, ==, 1);
  if (note != NULL)
    gtk_editable_set_text (GTK_EDITABLE (g_ptr_array_index (entries, 0)), note);
  g_signal_emit_by_name (g_ptr_array_index (entries, 0), "activate");
  g_assert_null (find_message_dialog ());
}

static void
test_alerts_page (Fixture       *f,
                  gconstpointer  data)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *overlay = adw_toast_overlay_new ();
  GtkWidget *page = g_object_new (CUSTODY_TYPE_ALERTS_PAGE, "session", f->session, NULL);
  g_autoptr(GSimpleActionGroup) win_actions = g_simple_action_group_new ();
  g_autoptr(GSimpleAction) open_job = g_simple_action_new ("open-job", G_VARIANT_TYPE_STRING);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) dropdowns = NULL;
  GPtrArray *toggles = NULL;
  g_autoptr(GPtrArray) alerts = NULL;
  g_autoptr(GArray) acknowledged = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  g_autofree char *opened = NULL;
  g_autofree char *who = expected_acknowledger ();
  GtkWidget *button;
  GtkDropDown *dropdown;
  gint64 before = custody_time_now ();
  gpointer weak_page = page;

  /* The window's "open the job" action, to see what activating opens. */
  g_signal_connect (open_job, "activate", G_CALLBACK (on_open_job_cb), &opened);
  g_action_map_add_action (G_ACTION_MAP (win_actions), G_ACTION (open_job));
  gtk_widget_insert_action_group (window, "win", G_ACTION_GROUP (win_actions));

  g_object_add_weak_pointer (G_OBJECT (page), &weak_page);
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), page);
  gtk_window_set_child (GTK_WINDOW (window), overlay);
  gtk_window_set_default_size (GTK_WINDOW (window), 800, 1000);
  gtk_window_present (GTK_WINDOW (window));

  /* Three open alerts: "empty" and "erp" in violation (critical), and
   * erp's failed run (a warning). */
  wait_for_rows (page, 3);
  g_assert_cmpuint (count_text (page, "Critical"), ==, 2);
  g_assert_cmpuint (count_text (page, "Warning"), ==, 1);
  /* The rules by name and why, never their keys. */
  g_assert_cmpuint (count_text (page, "empty breaks 3 copies (1 of 3 copies, production included; "
                                      "the job has no backup copies)"), ==, 1);
  g_assert_cmpuint (count_text (page, "erp breaks 0 errors ('nas': latest run failed"), ==, 1);
  g_assert_cmpuint (count_text (page, "3-copies"), ==, 0);
  g_assert_cmpuint (count_text (page, "0-errors"), ==, 0);
  assert_gravest_first (page);
  g_assert_cmpuint (count_text (page, "Raised just now"), ==, 3);
  g_assert_cmpuint (count_text (page, "Acknowledged by"), ==, 0);

  /* Severity shows as an icon and a word, never colour alone. */
  rows = alert_rows (page);
  for (guint i = 0; i < rows->len; i++)
    {
      CustodyAlert *alert = custody_alert_row_get_alert (g_ptr_array_index (rows, i));
      const char *icon = row_severity_icon (g_ptr_array_index (rows, i));
      g_autofree char *text = visible_text (g_ptr_array_index (rows, i));

      g_assert_nonnull (strstr (text, custody_severity_get_label (alert->severity)));
      g_assert_nonnull (strstr (text, alert->subject));
      g_assert_cmpstr (icon, ==, alert->severity == CUSTODY_SEVERITY_CRITICAL
                                   ? "dialog-error-symbolic" : "dialog-warning-symbolic");
    }
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* Activating a row opens its job. */
  {
    g_autoptr(GPtrArray) views = find_mapped (page, GTK_TYPE_LIST_VIEW);
    g_autoptr(CustodyAlert) first = NULL;
    GtkSelectionModel *model;

    g_assert_cmpuint (views->len, ==, 1);
    model = gtk_list_view_get_model (g_ptr_array_index (views, 0));
    first = g_list_model_get_item (G_LIST_MODEL (model), 0);
    g_signal_emit_by_name (g_ptr_array_index (views, 0), "activate", 0);
    g_assert_cmpstr (opened, ==, first->subject);
  }

  /* Filtering by severity, through the dropdown. */
  dropdowns = find_mapped (page, GTK_TYPE_DROP_DOWN);
  g_assert_cmpuint (dropdowns->len, ==, 1);
  dropdown = g_ptr_array_index (dropdowns, 0);
  gtk_drop_down_set_selected (dropdown, 1);   /* Critical */
  wait_for_rows (page, 2);
  g_assert_cmpuint (count_text (page, "Critical"), ==, 2 + 1);   /* rows and the dropdown */
  g_assert_cmpuint (count_text (page, "Warning"), ==, 0);
  gtk_drop_down_set_selected (dropdown, 2);   /* Warning */
  wait_for_rows (page, 1);
  g_assert_cmpuint (count_text (page, "erp breaks 0 errors ('nas': latest run failed"), ==, 1);
  g_assert_cmpuint (count_text (page, "Critical"), ==, 0);
  g_assert_cmpuint (count_text (page, "3 copies"), ==, 0);
  gtk_drop_down_set_selected (dropdown, 3);   /* Information: none */
  wait_for_text (page, "No Matching Alerts", 1);
  wait_for_rows (page, 0);
  /* The Overview's way in; the dropdown follows. */
  custody_alerts_page_set_severity_filter (CUSTODY_ALERTS_PAGE (page), -1);
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, 0);
  wait_for_rows (page, 3);

  /* Selection mode from the header's Select toggle; two alerts picked
   * with their check buttons, then acknowledged together. */
  toggles = find_mapped (page, GTK_TYPE_TOGGLE_BUTTON);
  button = NULL;
  for (guint i = 0; i < toggles->len; i++)
    if (g_strcmp0 (gtk_widget_get_tooltip_text (g_ptr_array_index (toggles, i)), "Select") == 0)
      button = g_ptr_array_index (toggles, i);
  g_clear_pointer (&toggles, g_ptr_array_unref);
  g_assert_nonnull (button);
  click (button);
  g_assert_true (custody_alerts_page_get_selection_mode (CUSTODY_ALERTS_PAGE (page)));
  wait_for_text (page, "Select Alerts", 1);

  rows = alert_rows (page);
  g_assert_cmpuint (rows->len, ==, 3);
  for (guint i = 0; i < 2; i++)
    {
      CustodyAlertRow *row = g_ptr_array_index (rows, i);
      g_autoptr(GPtrArray) checks = find_mapped (GTK_WIDGET (row), GTK_TYPE_CHECK_BUTTON);

      g_assert_cmpuint (checks->len, ==, 1);
      gtk_check_button_set_active (g_ptr_array_index (checks, 0), TRUE);
      g_array_append_val (acknowledged, custody_alert_row_get_alert (row)->id);
    }
  g_clear_pointer (&rows, g_ptr_array_unref);
  wait_for_text (page, "2 Selected", 1);

  button = find_button_by_label (page, "_Acknowledge");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  click (button);
  respond_to_note_dialog ("Acknowledge 2 Alerts?", NULL);

  /* The rows say who acknowledged, the store has who and when. */
  wait_for_text (page, "Acknowledged by", 2);
  wait_for_text (overlay, "2 alerts acknowledged", 1);
  g_assert_false (custody_alerts_page_get_selection_mode (CUSTODY_ALERTS_PAGE (page)));

  alerts = custody_store_list_alerts (f->store, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (alerts->len, ==, 3);
  for (guint i = 0; i < alerts->len; i++)
    {
      CustodyAlert *alert = g_ptr_array_index (alerts, i);
      gboolean picked = FALSE;

      for (guint j = 0; j < acknowledged->len; j++)
        picked |= g_array_index (acknowledged, gint64, j) == alert->id;
      if (picked)
        {
          g_autofree char *line = g_strdup_printf ("Acknowledged by %s, just now", who);

          g_assert_cmpstr (alert->acknowledged_by, ==, who);
          g_assert_cmpint (alert->acknowledged_at, >=, before);
          g_assert_cmpint (alert->acknowledged_at, <=, custody_time_now ());
          g_assert_cmpuint (count_text (page, line), ==, 2);
        }
      else
        {
          g_assert_null (alert->acknowledged_by);
          g_assert_cmpint (alert->acknowledged_at, ==, CUSTODY_TIME_NONE);
        }
    }
  g_clear_pointer (&alerts, g_ptr_array_unref);

  /* Ctrl+A's action selects every alert, in selection mode; the Select
   * toggle leaves it, selecting nothing. */
  gtk_widget_activate_action (page, "alerts.select-all", NULL);
  g_assert_true (custody_alerts_page_get_selection_mode (CUSTODY_ALERTS_PAGE (page)));
  wait_for_text (page, "3 Selected", 1);
  /* Select All and Select None are one button, to fit a phone's width:
   * with every alert selected, it selects none, and then all again. */
  g_assert_null (custody_test_find (page, GTK_TYPE_BUTTON, "Select A_ll"));
  click (custody_test_find (page, GTK_TYPE_BUTTON, "Select _None"));
  wait_for_text (page, "Select Alerts", 1);
  g_assert_null (custody_test_find (page, GTK_TYPE_BUTTON, "Select _None"));
  click (custody_test_find (page, GTK_TYPE_BUTTON, "Select A_ll"));
  wait_for_text (page, "3 Selected", 1);
  toggles = find_mapped (page, GTK_TYPE_TOGGLE_BUTTON);
  for (guint i = 0; i < toggles->len; i++)
    if (g_strcmp0 (gtk_widget_get_tooltip_text (g_ptr_array_index (toggles, i)), "Select") == 0)
      click (g_ptr_array_index (toggles, i));
  g_clear_pointer (&toggles, g_ptr_array_unref);
  g_assert_false (custody_alerts_page_get_selection_mode (CUSTODY_ALERTS_PAGE (page)));
  wait_for_text (page, "Selected", 0);

  /* One more from its row's own button. */
  rows = alert_rows (page);
  for (guint i = 0; i < rows->len && button != NULL; i++)
    {
      g_autoptr(GPtrArray) buttons = find_mapped (g_ptr_array_index (rows, i), GTK_TYPE_BUTTON);

      for (guint j = 0; j < buttons->len; j++)
        if (g_strcmp0 (gtk_widget_get_tooltip_text (g_ptr_array_index (buttons, j)),
                       "Acknowledge") == 0)
          {
            click (g_ptr_array_index (buttons, j));
            button = NULL;
            break;
          }
    }
  g_clear_pointer (&rows, g_ptr_array_unref);
  g_assert_null (button);
  respond_to_note_dialog ("Acknowledge 1 Alert?", "tape goes out today");
  wait_for_text (page, "Acknowledged by", 3);
  wait_for_text (overlay, "1 alert acknowledged", 1);
  /* The note is shown with who acknowledged. */
  {
    g_autofree char *line = g_strdup_printf ("Acknowledged by %s, just now: “tape goes out today”",
                                             who);
    wait_for_text (page, line, 1);
  }

  /* The toast's Undo takes it back, in the store too, with an entry in
   * the audit trail for each. */
  button = find_button_by_label (overlay, "_Undo");
  g_assert_nonnull (button);
  click (button);
  wait_for_text (overlay, "1 alert no longer acknowledged", 1);
  wait_for_text (page, "Acknowledged by", 2);
  wait_for_text (page, "tape goes out today", 0);
  g_assert_cmpint (query_int (f->db_path, "SELECT count(*) FROM alerts"
                                          " WHERE acknowledged_at IS NOT NULL"), ==, 2);
  g_assert_cmpint (query_int (f->db_path, "SELECT count(*) FROM audit WHERE action ="
                                          " 'alerts.unacknowledge'"), ==, 1);
  g_assert_cmpint (query_int (f->db_path, "SELECT count(*) FROM audit WHERE action ="
                                          " 'alerts.acknowledge'"), ==, 2);

  /* A successful run ends erp's failed-run alert: it leaves the open
   * list (and the now valid copy raises its missing verification), and
   * comes back, resolved, with Show Resolved. */
  {
    gint64 finished = custody_time_now () - 60;

    custody_test_record_run (f->store, "erp", "nas", CUSTODY_RUN_SUCCESS, finished - 600,
                             finished, NULL);
  }
  wait_for_text (page, "'nas': latest run failed", 0);
  wait_for_rows (page, 3);
  /* The open violation says why now; the new warning is the newest, yet
   * below the critical ones. */
  g_assert_cmpuint (count_text (page, "erp breaks 0 errors ('nas': never verified"
                                      " (window 30 days))"), ==, 1);
  g_assert_cmpuint (count_text (page, "'nas': never verified (window 30 days)"), ==, 2);
  assert_gravest_first (page);
  button = find_check_button_by_label (page, "Show _Resolved");
  g_assert_nonnull (button);
  gtk_widget_activate (button);
  wait_for_rows (page, 4);
  g_assert_true (custody_alerts_page_get_show_resolved (CUSTODY_ALERTS_PAGE (page)));
  g_assert_cmpuint (count_text (page, "'nas': latest run failed"), ==, 1);
  g_assert_cmpuint (count_text (page, "Resolved just now"), ==, 1);
  assert_gravest_first (page);

  gtk_window_destroy (GTK_WINDOW (window));
  wait_until (object_gone, &weak_page, "the page to be finalized");
}

/* With nothing wrong, the view says so. */
static void
test_alerts_page_empty (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("custody-test-ui-XXXXXX", &error);
  g_autofree char *db_path = g_build_filename (dir, "custody.db", NULL);
  g_autoptr(CustodyStore) store = custody_store_open (db_path, CUSTODY_STORE_OPEN_CREATE, &error);
  CustodySession *session = custody_session_new (db_path);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *page = g_object_new (CUSTODY_TYPE_ALERTS_PAGE, "session", session, NULL);

  g_assert_no_error (error);
  custody_session_open (session);
  wait_until (session_loaded, session, "the session to load");

  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_text (page, "No Alerts", 1);
  wait_for_text (page, "Everything the engine checks is fine", 1);
  g_assert_null (find_button_by_label (page, "_Show All Alerts"));

  gtk_window_destroy (GTK_WINDOW (window));
  unref_and_wait (session);
  g_clear_object (&store);
  custody_test_remove_tmpdir (dir);
}

/* A filter chosen before the store is read (the Overview's way in, at
 * start) still tells "nothing of this severity" from "nothing at all". */
static void
test_alerts_page_filter_before_load (Fixture       *f,
                                     gconstpointer  data)
{
  CustodySession *session = custody_session_new (f->db_path);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *page = g_object_new (CUSTODY_TYPE_ALERTS_PAGE, "session", session, NULL);

  custody_alerts_page_set_severity_filter (CUSTODY_ALERTS_PAGE (page), CUSTODY_SEVERITY_INFO);
  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_text (page, "No Alerts", 1);

  custody_session_open (session);
  wait_until (session_loaded, session, "the session to load");
  wait_for_text (page, "No Matching Alerts", 1);
  g_assert_nonnull (find_button_by_label (page, "_Show All Alerts"));
  click (find_button_by_label (page, "_Show All Alerts"));
  wait_for_rows (page, 3);

  /* Without the window's action to open a job, activating does nothing
   * (and warns about nothing: warnings are fatal here). */
  {
    g_autoptr(GPtrArray) views = find_mapped (page, GTK_TYPE_LIST_VIEW);

    g_signal_emit_by_name (g_ptr_array_index (views, 0), "activate", 0);
    run_for (100);
  }

  gtk_window_destroy (GTK_WINDOW (window));
  unref_and_wait (session);
}

/*
 * Preferences
 */

static GtkWidget *
find_row_suffix (GtkWidget  *root,
                 const char *title,
                 GType       type)
{
  g_autoptr(GPtrArray) rows = find_mapped (root, ADW_TYPE_ACTION_ROW);

  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (g_ptr_array_index (rows, i)), title) == 0)
      {
        g_autoptr(GPtrArray) found = find_mapped (g_ptr_array_index (rows, i), type);
        return found->len > 0 ? g_ptr_array_index (found, 0) : NULL;
      }
  return NULL;
}

typedef struct
{
  CustodyStore *store;
  gboolean      production_counts;
} PolicyWait;

static gboolean
policy_stored (gpointer data)
{
  PolicyWait *wait = data;
  CustodyPolicy policy;
  g_autoptr(GError) error = NULL;

  g_assert_true (custody_store_get_policy (wait->store, &policy, &error));
  g_assert_no_error (error);
  return policy.production_counts == wait->production_counts;
}

typedef struct
{
  CustodySession *session;
  gboolean        production_counts;
} SessionPolicyWait;

static gboolean
session_policy_is (gpointer data)
{
  SessionPolicyWait *wait = data;

  return custody_session_get_policy (wait->session)->production_counts == wait->production_counts;
}

static void
test_preferences_policy (Fixture       *f,
                         gconstpointer  data)
{
  CustodyPreferencesWindow *prefs = custody_preferences_window_new (NULL, f->session);
  PolicyWait stored = { f->store, FALSE };
  SessionPolicyWait reloaded = { f->session, FALSE };
  GtkWidget *production;
  GtkWidget *threshold;
  CustodyPolicy policy;
  g_autoptr(GError) error = NULL;

  gtk_window_present (GTK_WINDOW (prefs));

  /* It shows the store's policy: the defaults here. */
  production = find_row_suffix (GTK_WIDGET (prefs), PRODUCTION_ROW, GTK_TYPE_SWITCH);
  g_assert_nonnull (production);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (production)));
  threshold = find_row_suffix (GTK_WIDGET (prefs), "At-Risk _Threshold", GTK_TYPE_SPIN_BUTTON);
  g_assert_nonnull (threshold);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (threshold)), ==, 10);

  /* Flipping the switch writes the policy to the store. */
  gtk_widget_activate (production);
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (production)));
  wait_until (policy_stored, &stored, "production-counts=false in the store");
  wait_until (session_policy_is, &reloaded, "the session to reload the policy");
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (production)));

  /* The threshold spin writes a fraction once it settles. */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (threshold), 25);
  run_for (1000);
  g_assert_true (custody_store_get_policy (f->store, &policy, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (policy.at_risk_rpo_fraction, 0.25, 1e-9);
  g_assert_false (policy.production_counts);
  g_assert_true (policy.warning_counts);

  /* Back Up Now makes a generation beside the store and says where. */
  click (find_button_by_label (GTK_WIDGET (prefs), "_Back Up"));
  wait_for_text (GTK_WIDGET (prefs), "Backed up to", 2);   /* the row and a toast */
  {
    g_autofree char *backups = g_build_filename (f->dir, "backups", NULL);
    g_autofree char *latest = custody_auto_backup_find_latest (backups, NULL);
    g_autofree char *line = g_strdup_printf ("Backed up to %s", latest);

    g_assert_nonnull (latest);
    g_assert_cmpuint (count_text (GTK_WIDGET (prefs), line), ==, 2);
  }

  gtk_window_destroy (GTK_WINDOW (prefs));
}

/* A write the store refuses (it is locked) is reported, and the switch
 * goes back to what the store still says. */
static void
test_preferences_locked (Fixture       *f,
                         gconstpointer  data)
{
  CustodyPreferencesWindow *prefs = custody_preferences_window_new (NULL, f->session);
  SessionPolicyWait still = { f->session, TRUE };
  CustodyPolicy policy;
  g_autoptr(GError) error = NULL;
  GtkWidget *production;
  sqlite3 *db = NULL;

  gtk_window_present (GTK_WINDOW (prefs));
  production = find_row_suffix (GTK_WIDGET (prefs), PRODUCTION_ROW, GTK_TYPE_SWITCH);
  g_assert_nonnull (production);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (production)));

  /* Another program holds the write lock. */
  g_assert_cmpint (sqlite3_open (f->db_path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);

  gtk_widget_activate (production);
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (production)));
  wait_for_text (GTK_WIDGET (prefs), "Cannot change the policy", 1);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (production)));
  g_assert_true (session_policy_is (&still));

  sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (db);

  g_assert_true (custody_store_get_policy (f->store, &policy, &error));
  g_assert_no_error (error);
  g_assert_true (policy.production_counts);

  gtk_window_destroy (GTK_WINDOW (prefs));
}

/*
 * Automatic backups
 */

typedef struct
{
  gboolean  done;
  gboolean  made;
  char     *path;
  GError   *error;
} RunResult;

static void
run_cb (GObject      *source,
        GAsyncResult *result,
        gpointer      user_data)
{
  RunResult *run = user_data;

  run->made = custody_auto_backup_run_finish (CUSTODY_AUTO_BACKUP (source), result, &run->path,
                                              &run->error);
  run->done = TRUE;
}

static gboolean
run_done (gpointer data)
{
  return ((RunResult *) data)->done;
}

static void
run_auto_backup (CustodyAutoBackup *auto_backup,
                 RunResult         *run)
{
  memset (run, 0, sizeof *run);
  custody_auto_backup_run_async (auto_backup, NULL, run_cb, run);
  wait_until (run_done, run, "the automatic backup");
  g_assert_no_error (run->error);
}

static void
test_auto_backup (Fixture       *f,
                  gconstpointer  data)
{
  CustodyAutoBackup *auto_backup = custody_auto_backup_new (f->session);
  g_autoptr(GSettings) settings = g_settings_new ("io.github.custody.Custody");
  g_autofree char *backups = g_build_filename (f->dir, "backups", NULL);
  g_autofree char *latest = NULL;
  RunResult run;
  gint64 modified = 0;

  /* Off: nothing is made. */
  g_settings_set_boolean (settings, "auto-backup", FALSE);
  run_auto_backup (auto_backup, &run);
  g_assert_false (run.made);
  g_assert_null (run.path);
  g_assert_false (g_file_test (backups, G_FILE_TEST_EXISTS));

  /* On, with no backup yet: one is made beside the store. */
  g_settings_set_boolean (settings, "auto-backup", TRUE);
  run_auto_backup (auto_backup, &run);
  g_assert_true (run.made);
  g_assert_nonnull (run.path);
  g_assert_true (g_str_has_prefix (run.path, backups));
  g_assert_true (g_file_test (run.path, G_FILE_TEST_IS_REGULAR));
  latest = custody_auto_backup_find_latest (backups, &modified);
  g_assert_cmpstr (latest, ==, run.path);
  g_assert_cmpint (custody_time_now () - modified, <, 60);
  g_clear_pointer (&run.path, g_free);

  /* Again the same day: the newest is young enough. */
  run_auto_backup (auto_backup, &run);
  g_assert_false (run.made);
  g_assert_null (run.path);

  /* A day later it is due again. */
  {
    g_autoptr(GFile) file = g_file_new_for_path (latest);
    g_autoptr(GError) error = NULL;

    g_assert_true (g_file_set_attribute_uint64 (file, G_FILE_ATTRIBUTE_TIME_MODIFIED,
                                                (guint64) (custody_time_now () - 25 * 3600),
                                                G_FILE_QUERY_INFO_NONE, NULL, &error));
    g_assert_no_error (error);
  }
  run_auto_backup (auto_backup, &run);
  g_assert_true (run.made);
  g_assert_cmpstr (run.path, !=, latest);
  g_clear_pointer (&run.path, g_free);

  g_settings_reset (settings, "auto-backup");
  g_object_unref (auto_backup);
}

int
main (int    argc,
      char **argv)
{
  custody_test_ui_init (&argc, &argv);
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add ("/custody/ui/alerts/list-filter-acknowledge", Fixture, NULL,
              fixture_set_up, test_alerts_page, fixture_tear_down);
  g_test_add_func ("/custody/ui/alerts/empty", test_alerts_page_empty);
  g_test_add ("/custody/ui/alerts/filter-before-load", Fixture, NULL,
              fixture_set_up, test_alerts_page_filter_before_load, fixture_tear_down);
  g_test_add ("/custody/ui/preferences/policy", Fixture, NULL,
              fixture_set_up, test_preferences_policy, fixture_tear_down);
  g_test_add ("/custody/ui/auto-backup", Fixture, NULL,
              fixture_set_up, test_auto_backup, fixture_tear_down);
  /* Last: its short busy timeout stays for the stores opened after it. */
  g_test_add ("/custody/ui/preferences/locked-store-reverts", Fixture, "200",
              fixture_set_up, test_preferences_locked, fixture_tear_down);

  return g_test_run ();
}
