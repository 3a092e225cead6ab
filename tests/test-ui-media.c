/* test-ui-media.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Media view and the scan window on real stores, driven as the
 * operator drives them: a barcode scanner typing labels and Enter (real
 * X key events from xdotool, at scanner speed), the scan window's
 * buttons, the inventory's search and filters, the Overview's desk rows.
 * Judged by what the window shows and what the store holds afterwards.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtkunixprint.h>
#include <poppler.h>

#include "custody-media-page.h"
#include "custody-medium-detail.h"
#include "custody-medium-row.h"
#include "custody-overview-page.h"
#include "custody-desk-list-window.h"
#include "custody-scan-window.h"
#include "custody-session.h"
#include "custody-store.h"
#include "custody-time.h"
#include "custody-ui-test-utils.h"
#include "custody-window.h"

#define N_SCANNED 120

typedef CustodyTestWindowFixture Fixture;

/*
 * The store
 */

static void
make_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CustodyStore) store = custody_store_open (path, CUSTODY_STORE_OPEN_CREATE, &error);
  g_autoptr(CustodyPool) pool = custody_pool_new ("Weekly");
  g_autoptr(CustodyMedium) template = custody_medium_new ();
  g_autoptr(CustodyMedium) vaulted = custody_medium_new ();
  g_autoptr(CustodyJob) job = custody_job_new ();
  gint64 now = custody_time_now ();
  const char *copies[] = { "nas", "tape" };

  g_assert_no_error (error);
  custody_store_set_clock (store, now - 3 * 86400);
  g_assert_true (custody_store_add_location (store, "Library", CUSTODY_LOCATION_LIBRARY, &error));
  g_assert_true (custody_store_add_location (store, "NAS", CUSTODY_LOCATION_ONSITE_REPO, &error));
  g_assert_true (custody_store_add_location (store, "Truck", CUSTODY_LOCATION_TRANSIT, &error));
  g_assert_true (custody_store_add_location (store, "Vault", CUSTODY_LOCATION_OFFSITE_VAULT,
                                             &error));

  /* Tapes leave the day they are written. */
  custody_rotation_policy_init (&pool->policy, CUSTODY_ROTATION_GFS);
  pool->policy.offsite_after_days = 0;
  g_assert_true (custody_store_add_pool (store, pool, &error));
  template->type = g_strdup ("LTO-9");
  template->pool = g_strdup ("Weekly");
  g_assert_true (custody_store_add_media_range (store, "A00001L9", "A00120L9", template, "Library",
                                                NULL, &error));
  vaulted->volser = g_strdup ("A00200L9");
  vaulted->type = g_strdup ("LTO-9");
  g_assert_true (custody_store_add_medium (store, vaulted, "Vault", &error));
  g_assert_no_error (error);

  /* payroll's only offsite copy is on A00200L9, in the vault; mail's
   * A00003L9 was written this morning and goes off site today. */
  job->name = g_strdup ("payroll");
  job->rpo_hours = 24 * 7;
  g_assert_true (custody_store_add_job (store, job, &error));
  for (guint i = 0; i < G_N_ELEMENTS (copies); i++)
    {
      g_autoptr(CustodyCopy) copy = custody_copy_new ();
      g_autoptr(CustodyExecution) e = custody_execution_new ();
      g_autoptr(CustodyVerification) v = custody_verification_new ();
      const char *on_tape[] = { "A00200L9", NULL };

      copy->job = g_strdup ("payroll");
      copy->name = g_strdup (copies[i]);
      copy->media_type = i == 0 ? CUSTODY_MEDIA_TYPE_DISK : CUSTODY_MEDIA_TYPE_TAPE;
      copy->location = i == 0 ? g_strdup ("NAS") : NULL;
      g_assert_true (custody_store_add_copy (store, copy, &error));

      e->job = g_strdup ("payroll");
      e->copy = g_strdup (copies[i]);
      e->status = CUSTODY_RUN_SUCCESS;
      e->started = now - 2 * 86400;
      e->finished = now - 2 * 86400 + 3600;
      if (i == 1)
        {
          g_strfreev (e->volumes);
          e->volumes = g_strdupv ((char **) on_tape);
        }
      custody_store_set_clock (store, now);
      g_assert_true (custody_store_record_execution (store, e, NULL, &error));
      v->job = g_strdup ("payroll");
      v->copy = g_strdup (copies[i]);
      v->passed = TRUE;
      v->at = now - 86400;
      g_assert_true (custody_store_add_verification (store, v, &error));
      g_assert_no_error (error);
    }
  {
    g_autoptr(CustodyJob) mail = custody_job_new ();
    g_autoptr(CustodyCopy) copy = custody_copy_new ();
    g_autoptr(CustodyExecution) e = custody_execution_new ();
    const char *written[] = { "A00003L9", NULL };
    g_autoptr(GDateTime) local_now = g_date_time_new_now_local ();
    g_autoptr(GDateTime) midnight = g_date_time_new_local (g_date_time_get_year (local_now),
                                                           g_date_time_get_month (local_now),
                                                           g_date_time_get_day_of_month (local_now),
                                                           0, 0, 0);

    mail->name = g_strdup ("mail");
    g_assert_true (custody_store_add_job (store, mail, &error));
    copy->job = g_strdup ("mail");
    copy->name = g_strdup ("tape");
    copy->media_type = CUSTODY_MEDIA_TYPE_TAPE;
    g_assert_true (custody_store_add_copy (store, copy, &error));
    e->job = g_strdup ("mail");
    e->copy = g_strdup ("tape");
    e->status = CUSTODY_RUN_SUCCESS;
    /* Written since midnight: today's date, whatever the hour now. */
    e->started = MAX (g_date_time_to_unix (midnight), now - 3600);
    e->finished = e->started + 1;
    e->run_id = g_strdup ("this-morning");
    g_strfreev (e->volumes);
    e->volumes = g_strdupv ((char **) written);
    g_assert_true (custody_store_record_execution (store, e, NULL, &error));
    g_assert_no_error (error);
  }
}

static CustodyMedium *
medium_in_store (Fixture    *f,
                 const char *volser,
                 guint      *n_movements)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CustodyStore) store = custody_store_open (f->db, CUSTODY_STORE_OPEN_DEFAULT, &error);
  g_autoptr(GPtrArray) movements = NULL;
  CustodyMedium *m;

  g_assert_no_error (error);
  m = custody_store_get_medium (store, volser, &error);
  g_assert_no_error (error);
  movements = custody_store_list_movements (store, volser, &error);
  g_assert_no_error (error);
  if (n_movements != NULL)
    *n_movements = movements->len;
  return m;
}

/*
 * The window
 */

static CustodyMediaPage *
media_page (Fixture *f)
{
  return CUSTODY_MEDIA_PAGE (custody_window_get_page (f->window, "media"));
}

static gboolean
inventory_loaded (gpointer data)
{
  return custody_media_page_get_n_shown (data) == N_SCANNED + 1;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = custody_test_make_tmpdir ();
  f->db = g_build_filename (f->dir, "custody.db", NULL);
  make_store (f->db);

  f->window = custody_test_open_window (f->db, 1280, 800, 250, 10000);
  custody_window_show_view (f->window, "media");
  g_assert_true (custody_test_wait_for (inventory_loaded, media_page (f), 10000));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  custody_test_window_fixture_clear (f, CUSTODY_TYPE_SCAN_WINDOW, 100);
}

/* Opens a scan session into @to, expecting @expect, through its window. */
static CustodyScanWindow *
start_scanning (Fixture    *f,
                const char *to,
                int         expect)
{
  CustodyScanWindow *window = custody_media_page_open_scan (media_page (f), expect);
  GtkWidget *to_row, *start;
  GListModel *names;
  gpointer selected;
  guint n;

  g_assert_nonnull (window);
  to_row = custody_test_find (GTK_WIDGET (window), ADW_TYPE_COMBO_ROW, "_To");
  g_assert_nonnull (to_row);
  names = adw_combo_row_get_model (ADW_COMBO_ROW (to_row));
  n = g_list_model_get_n_items (names);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkStringObject) name = g_list_model_get_item (names, i);
      if (g_str_equal (gtk_string_object_get_string (name), to))
        adw_combo_row_set_selected (ADW_COMBO_ROW (to_row), i);
    }
  selected = adw_combo_row_get_selected_item (ADW_COMBO_ROW (to_row));
  g_assert_cmpstr (gtk_string_object_get_string (selected), ==, to);
  gtk_editable_set_text (GTK_EDITABLE (custody_test_find (GTK_WIDGET (window), ADW_TYPE_ENTRY_ROW,
                                                          "C_ourier")),
                         "Bob");
  gtk_editable_set_text (GTK_EDITABLE (custody_test_find (GTK_WIDGET (window), ADW_TYPE_ENTRY_ROW,
                                                          "_Case")),
                         "CASE-7");
  gtk_editable_set_text (GTK_EDITABLE (custody_test_find (GTK_WIDGET (window), ADW_TYPE_ENTRY_ROW,
                                                          "Se_al")),
                         "S-1234");

  start = custody_test_find (GTK_WIDGET (window), GTK_TYPE_BUTTON, "_Start Scanning");
  g_assert_nonnull (start);
  g_signal_emit_by_name (start, "clicked");
  custody_test_iterate (50);
  g_assert_nonnull (custody_scan_window_get_scans (window));
  return window;
}

static GtkWidget *
scan_entry (CustodyScanWindow *window)
{
  return custody_test_find (GTK_WIDGET (window), GTK_TYPE_ENTRY, NULL);
}

/* What a scanner does, without X: the label, then Enter. */
static void
scan (CustodyScanWindow *window,
      const char        *label)
{
  GtkWidget *entry = scan_entry (window);

  gtk_editable_set_text (GTK_EDITABLE (entry), label);
  g_signal_emit_by_name (entry, "activate");
}

static gboolean
all_written (gpointer data)
{
  return custody_scan_window_get_n_queued (data) == 0;
}

/*
 * Tests
 */

typedef struct
{
  CustodyScanWindow *window;
  gint64             first_us;
  gint64             last_us;
  guint              seen;
} Watch;

static gboolean
watch_cb (gpointer data)
{
  Watch *w = data;
  guint n = custody_scan_session_get_n_entries (custody_scan_window_get_scans (w->window));

  if (n > 0 && w->first_us == 0)
    w->first_us = g_get_monotonic_time ();
  if (n > w->seen)
    {
      w->seen = n;
      w->last_us = g_get_monotonic_time ();
    }
  return G_SOURCE_CONTINUE;
}

/* The window has the keyboard, and the entry has the window's focus
 * (its text part, inside it). */
static gboolean
is_active (gpointer data)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (data));
  GtkWidget *entry = scan_entry (data);

  return gtk_window_is_active (data) && focus != NULL &&
         (focus == entry || gtk_widget_is_ancestor (focus, entry));
}

static void
process_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  *(gboolean *) data = TRUE;
}

static gboolean
all_scanned (gpointer data)
{
  Watch *w = data;
  return w->seen >= N_SCANNED && custody_scan_window_get_n_queued (w->window) == 0;
}

/* A USB scanner types each label and Enter, 120 of them, faster than 20
 * a second: every one is moved, none twice, none lost. The keys are real
 * X events (XTEST), as a scanner's are. */
static void
test_scanner_speed (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GSubprocess) xdotool = NULL;
  g_autoptr(GPtrArray) argv = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) moved = NULL;
  CustodyScanSession *scans;
  Watch watch = { 0, };
  gboolean typed = FALSE;
  guint tick;
  double rate;

  if (g_find_program_in_path ("xdotool") == NULL)
    {
      g_test_skip ("xdotool is missing");
      return;
    }

  watch.window = start_scanning (f, "Truck", -1);
  scans = custody_scan_window_get_scans (watch.window);
  /* Without a window manager, give the scan window the X input focus
   * the way one would; GTK then focuses its entry. */
  {
    g_autoptr(GSubprocess) focus = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                                     G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                                                     "xdotool", "search", "--sync", "--name",
                                                     "^Scan Session$", "windowfocus", "--sync",
                                                     NULL);
    g_assert_no_error (error);
    g_subprocess_wait (focus, NULL, NULL);
  }
  gtk_widget_grab_focus (scan_entry (watch.window));
  g_assert_true (custody_test_wait_for (is_active, watch.window, 5000));

  /* One xdotool: each label, then the Return key, as a scanner sends it.
   * 9 keys a label, 3 ms apart: about 35 labels a second. */
  argv = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (argv, g_strdup ("xdotool"));
  for (guint n = 1; n <= N_SCANNED; n++)
    {
      g_ptr_array_add (argv, g_strdup ("type"));
      g_ptr_array_add (argv, g_strdup ("--delay"));
      g_ptr_array_add (argv, g_strdup ("3"));
      g_ptr_array_add (argv, g_strdup ("--args"));   /* the label alone, then the next command */
      g_ptr_array_add (argv, g_strdup ("1"));
      g_ptr_array_add (argv, g_strdup_printf ("A%05uL9", n));
      g_ptr_array_add (argv, g_strdup ("key"));
      g_ptr_array_add (argv, g_strdup ("--delay"));
      g_ptr_array_add (argv, g_strdup ("3"));
      g_ptr_array_add (argv, g_strdup ("Return"));
    }
  g_ptr_array_add (argv, NULL);

  tick = g_timeout_add (1, watch_cb, &watch);
  xdotool = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                               G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                               &error);
  g_assert_no_error (error);
  g_subprocess_wait_async (xdotool, NULL, process_done_cb, &typed);
  g_assert_true (custody_test_wait_for (custody_test_flag_set, &typed, 60000));
  g_assert_true (g_subprocess_get_if_exited (xdotool));
  g_assert_cmpint (g_subprocess_get_exit_status (xdotool), ==, 0);
  if (!custody_test_wait_for (all_scanned, &watch, 30000))
    {
      for (guint i = 0; i < custody_scan_session_get_n_entries (scans); i++)
        g_test_message ("scanned '%s'", custody_scan_session_get_entry (scans, i)->text);
      g_test_message ("entry: '%s'",
                      gtk_editable_get_text (GTK_EDITABLE (scan_entry (watch.window))));
      g_test_message ("%u of %u scanned, %u to write", watch.seen, N_SCANNED,
                      custody_scan_window_get_n_queued (watch.window));
      g_assert_not_reached ();
    }
  g_source_remove (tick);

  rate = (N_SCANNED - 1) / ((watch.last_us - watch.first_us) / 1e6);
  g_test_message ("%u labels typed at %.1f labels a second", watch.seen, rate);
  g_assert_cmpfloat (rate, >=, 20.0);

  /* Every label once, in order, each moved. */
  g_assert_cmpint (custody_scan_session_get_n_entries (scans), ==, N_SCANNED);
  g_assert_cmpint (custody_scan_session_count (scans, CUSTODY_SCAN_MOVED), ==, N_SCANNED);
  g_assert_cmpint (custody_scan_session_count (scans, CUSTODY_SCAN_DUPLICATE), ==, 0);
  g_assert_cmpint (custody_scan_session_count (scans, CUSTODY_SCAN_UNKNOWN), ==, 0);
  moved = custody_scan_session_dup_volsers (scans, CUSTODY_SCAN_MOVED);
  for (guint n = 1; n <= N_SCANNED; n++)
    {
      g_autofree char *volser = g_strdup_printf ("A%05uL9", n);
      g_assert_cmpstr (moved[n - 1], ==, volser);
    }

  /* The store: each in the truck, by exactly one movement, with the case. */
  {
    g_autoptr(CustodyStore) store = custody_store_open (f->db, CUSTODY_STORE_OPEN_DEFAULT, &error);

    g_assert_no_error (error);
    for (guint n = 1; n <= N_SCANNED; n++)
      {
        g_autofree char *volser = g_strdup_printf ("A%05uL9", n);
        g_autoptr(CustodyMedium) m = custody_store_get_medium (store, volser, &error);
        g_autoptr(GPtrArray) movements = custody_store_list_movements (store, volser, &error);

        g_assert_no_error (error);
        g_assert_cmpstr (m->location, ==, "Truck");
        g_assert_cmpstr (m->container, ==, "CASE-7");
        g_assert_cmpint (movements->len, ==, 2);   /* added to the library, scanned */
        g_assert_cmpstr (((CustodyMovement *) g_ptr_array_index (movements, 1))->seal, ==,
                         "S-1234");
      }
  }
}

static GtkWidget *
find_row (GtkWidget  *root,
          const char *title)
{
  return custody_test_find (root, ADW_TYPE_ACTION_ROW, title);
}

static void
test_scan_flags_and_undo (Fixture       *f,
                          gconstpointer  data)
{
  CustodyScanWindow *window = start_scanning (f, "Truck", CUSTODY_DESK_SEND_OFFSITE);
  CustodyScanSession *scans = custody_scan_window_get_scans (window);
  g_autoptr(CustodyMedium) m = NULL;
  GtkWidget *row, *anyway;
  guint movements;

  scan (window, "A00001L9");
  scan (window, "a00001l9");       /* the same, typed by hand */
  scan (window, "NOPE99L9");       /* unknown */
  scan (window, "A0?0");           /* not a label */
  scan (window, "A00002L9");
  scan (window, "A00200L9");       /* payroll's only offsite copy */
  g_assert_true (custody_test_wait_for (all_written, window, 10000));

  g_assert_cmpint (custody_scan_session_count (scans, CUSTODY_SCAN_UNEXPECTED), ==, 2);
  g_assert_cmpint (custody_scan_session_count (scans, CUSTODY_SCAN_DUPLICATE), ==, 1);
  g_assert_cmpint (custody_scan_session_count (scans, CUSTODY_SCAN_UNKNOWN), ==, 2);
  g_assert_cmpint (custody_scan_session_count (scans, CUSTODY_SCAN_REFUSED), ==, 1);

  /* Each is flagged on screen, and the session went on. */
  row = find_row (GTK_WIDGET (window), "NOPE99L9");
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                   "Unknown volume: nothing moved");
  row = find_row (GTK_WIDGET (window), "A00200L9");
  g_assert_nonnull (row);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)),
                            "payroll (1-offsite"));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (custody_test_find (GTK_WIDGET (window),
                                                                      GTK_TYPE_LABEL,
                                                                    "A00200L9"))), ==, "A00200L9");
  m = medium_in_store (f, "A00200L9", &movements);
  g_assert_cmpstr (m->location, ==, "Vault");
  g_clear_object (&m);

  /* Moved anyway, confirmed: recorded so. */
  anyway = custody_test_find (row, GTK_TYPE_BUTTON, "_Move Anyway");
  g_assert_nonnull (anyway);
  g_signal_emit_by_name (anyway, "clicked");
  g_assert_true (custody_test_wait_for (all_written, window, 10000));
  m = medium_in_store (f, "A00200L9", &movements);
  g_assert_cmpstr (m->location, ==, "Truck");
  g_clear_object (&m);

  /* Undo takes the last scan back: A00200L9 returns to the vault. */
  gtk_widget_activate_action (GTK_WIDGET (window), "scan.undo", NULL);
  g_assert_true (custody_test_wait_for (all_written, window, 10000));
  m = medium_in_store (f, "A00200L9", &movements);
  g_assert_cmpstr (m->location, ==, "Vault");
  g_assert_cmpint (movements, ==, 3);
  g_clear_object (&m);
  g_assert_null (find_row (GTK_WIDGET (window), "A00200L9"));

  /* Ctrl+Z again: A00002L9 back in the library, and no longer counted. */
  gtk_widget_activate_action (GTK_WIDGET (window), "scan.undo", NULL);
  g_assert_true (custody_test_wait_for (all_written, window, 10000));
  m = medium_in_store (f, "A00002L9", &movements);
  g_assert_cmpstr (m->location, ==, "Library");
  g_clear_object (&m);
  g_assert_cmpint (custody_scan_session_count (scans, CUSTODY_SCAN_UNEXPECTED), ==, 1);

  /* Finishing shows what was expected and not scanned: today's A00003L9. */
  gtk_widget_activate_action (GTK_WIDGET (window), "scan.finish", NULL);
  g_assert_true (custody_test_wait_for (all_written, window, 10000));
  custody_test_iterate (100);
  g_assert_nonnull (find_row (GTK_WIDGET (window), "A00003L9"));
  g_assert_true (gtk_widget_get_mapped (find_row (GTK_WIDGET (window), "A00003L9")));
}

static const char *
progress_text (CustodyScanWindow *window)
{
  GtkWidget *bar = custody_test_find (GTK_WIDGET (window), GTK_TYPE_PROGRESS_BAR, NULL);

  g_assert_true (gtk_widget_get_visible (gtk_widget_get_parent (bar)));
  return gtk_progress_bar_get_text (GTK_PROGRESS_BAR (bar));
}

static const char *
missing_text (CustodyScanWindow *window)
{
  GtkWidget *bar = custody_test_find (GTK_WIDGET (window), GTK_TYPE_PROGRESS_BAR, NULL);

  return gtk_label_get_label (GTK_LABEL (gtk_widget_get_next_sibling (bar)));
}

/* Against a list, the session says how far it is and what is still to find, at
 * every scan, before it is finished. */
static void
test_scan_progress_is_live (Fixture       *f,
                            gconstpointer  data)
{
  CustodyScanWindow *window = start_scanning (f, "Truck", CUSTODY_DESK_SEND_OFFSITE);
  CustodyScanSession *scans = custody_scan_window_get_scans (window);
  AdwWindowTitle *title;
  guint scanned, expected;

  /* Its title says where to, in words, and who carries it. */
  title = ADW_WINDOW_TITLE (custody_test_find (GTK_WIDGET (window), ADW_TYPE_WINDOW_TITLE, NULL));
  g_assert_cmpstr (adw_window_title_get_title (title), ==, "To Truck (In transit)");
  g_assert_cmpstr (adw_window_title_get_subtitle (title), ==,
                   "Carried by Bob · Case CASE-7 · Seal S-1234");

  /* Today's list to send off site is A00003L9. */
  custody_scan_session_get_progress (scans, &scanned, &expected);
  g_assert_cmpuint (expected, ==, 1);
  g_assert_cmpstr (progress_text (window), ==, "0 of 1 scanned");
  g_assert_nonnull (strstr (missing_text (window), "A00003L9"));

  scan (window, "A00001L9");       /* not on the list: no progress */
  g_assert_true (custody_test_wait_for (all_written, window, 10000));
  g_assert_cmpstr (progress_text (window), ==, "0 of 1 scanned");
  custody_test_save_screenshot (GTK_WIDGET (window), "scan-progress.png");

  scan (window, "A00003L9");
  g_assert_true (custody_test_wait_for (all_written, window, 10000));
  g_assert_cmpstr (progress_text (window), ==, "1 of 1 scanned");
  g_assert_cmpstr (missing_text (window), ==, "Every volume on the list is scanned.");

  /* Taken back, it is missing again. */
  gtk_widget_activate_action (GTK_WIDGET (window), "scan.undo", NULL);
  g_assert_true (custody_test_wait_for (all_written, window, 10000));
  g_assert_cmpstr (progress_text (window), ==, "0 of 1 scanned");
  g_assert_nonnull (strstr (missing_text (window), "A00003L9"));
}

static void
collect_mnemonics (GtkWidget  *widget,
                   GHashTable *seen,
                   GString    *clashes)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (GTK_IS_LABEL (widget) && gtk_label_get_use_underline (GTK_LABEL (widget)))
    {
      guint key = gdk_keyval_to_lower (gtk_label_get_mnemonic_keyval (GTK_LABEL (widget)));
      const char *text = gtk_label_get_label (GTK_LABEL (widget));
      const char *other = g_hash_table_lookup (seen, GUINT_TO_POINTER (key));

      /* An entry row shows its title twice (empty and filled): one field. */
      if (key != GDK_KEY_VoidSymbol && other != NULL && !g_str_equal (other, text))
        g_string_append_printf (clashes, "%s and %s; ", other, text);
      else if (key != GDK_KEY_VoidSymbol)
        g_hash_table_insert (seen, GUINT_TO_POINTER (key), (gpointer) text);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_mnemonics (child, seen, clashes);
}

static gboolean
session_started (gpointer data)
{
  return custody_scan_window_get_scans (data) != NULL;
}

/* The operator's way in: no two fields answer the same Alt key, and Enter in a
 * field starts the session. */
static void
test_scan_session_starts_from_the_keyboard (Fixture       *f,
                                            gconstpointer  data)
{
  CustodyScanWindow *window = custody_media_page_open_scan (media_page (f),
                                                            CUSTODY_DESK_SEND_OFFSITE);
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  g_autoptr(GString) clashes = g_string_new (NULL);
  GtkWidget *seal, *text;

  custody_test_iterate (100);
  collect_mnemonics (GTK_WIDGET (window), seen, clashes);
  g_assert_cmpstr (clashes->str, ==, "");
  g_assert_cmpuint (g_hash_table_size (seen), >=, 6);

  seal = custody_test_find (GTK_WIDGET (window), ADW_TYPE_ENTRY_ROW, "Se_al");
  g_assert_nonnull (seal);
  text = custody_test_find (seal, GTK_TYPE_TEXT, NULL);
  gtk_editable_set_text (GTK_EDITABLE (seal), "S-1234");
  g_signal_emit_by_name (text, "activate");
  /* A button activated from the keyboard shows itself pressed for a moment first. */
  g_assert_true (custody_test_wait_for (session_started, window, 5000));
  g_assert_true (gtk_widget_get_mapped (scan_entry (window)));
}

/* The window's own key binding for @keyval, as GTK would run it. */
static GtkShortcut *
find_binding (GtkWidget *widget,
              guint      keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint k = 0; k < g_list_model_get_n_items (G_LIST_MODEL (controller)); k++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), k);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

          if (GTK_IS_KEYVAL_TRIGGER (trigger) &&
              gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval &&
              gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == 0)
            return g_steal_pointer (&shortcut);
        }
    }
  return NULL;
}

static gboolean
scan_window_shown (gpointer data)
{
  return custody_test_find_toplevel (CUSTODY_TYPE_SCAN_WINDOW) != NULL;
}

/* F8 opens a scan session from any view, not only Media. */
static void
test_f8_scans_from_any_view (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GtkShortcut) f8 = NULL;

  custody_window_show_view (f->window, "jobs");
  custody_test_iterate (50);
  f8 = find_binding (GTK_WIDGET (f->window), GDK_KEY_F8);
  g_assert_nonnull (f8);
  g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (f8), 0,
                                               GTK_WIDGET (f->window),
                                               gtk_shortcut_get_arguments (f8)));
  g_assert_true (custody_test_wait_for (scan_window_shown, NULL, 5000));
}

static gboolean
history_shown (gpointer data)
{
  return custody_test_find (data, ADW_TYPE_ACTION_ROW, "→ Library") != NULL;
}

static void
test_inventory_search_filters_detail (Fixture       *f,
                                      gconstpointer  data)
{
  CustodyMediaPage *page = media_page (f);
  GtkDropDown *location;
  GtkWidget *title;

  custody_media_page_set_search_text (page, "a0011");
  g_assert_cmpint (custody_media_page_get_n_shown (page), ==, 10);
  custody_media_page_set_search_text (page, "");
  g_assert_cmpint (custody_media_page_get_n_shown (page), ==, N_SCANNED + 1);

  location = GTK_DROP_DOWN (custody_test_find (GTK_WIDGET (page), GTK_TYPE_DROP_DOWN, NULL));
  g_assert_nonnull (location);
  for (guint i = 0; i < g_list_model_get_n_items (gtk_drop_down_get_model (location)); i++)
    {
      g_autoptr(GtkStringObject) name = g_list_model_get_item (gtk_drop_down_get_model (location),
                                                               i);
      if (g_str_equal (gtk_string_object_get_string (name), "Vault"))
        gtk_drop_down_set_selected (location, i);
    }
  g_assert_cmpint (custody_media_page_get_n_shown (page), ==, 1);

  /* Selecting a volume shows its detail, the filters reset for it. */
  custody_media_page_select_volume (page, "A00042L9");
  g_assert_cmpint (custody_media_page_get_n_shown (page), ==, N_SCANNED + 1);
  title = custody_test_find (GTK_WIDGET (page), ADW_TYPE_WINDOW_TITLE, NULL);
  g_assert_nonnull (title);
  g_assert_true (custody_test_wait_for (history_shown, page, 5000));
}

static gboolean
overview_shows_desk (gpointer data)
{
  return custody_test_find (data, ADW_TYPE_ACTION_ROW, "1 volume to send off site") != NULL;
}

static void
test_overview_opens_today (Fixture       *f,
                           gconstpointer  data)
{
  CustodyPage *overview = custody_window_get_page (f->window, "overview");
  GtkWidget *row;

  custody_window_show_view (f->window, "overview");
  g_assert_true (custody_test_wait_for (overview_shows_desk, overview, 5000));
  row = custody_test_find (GTK_WIDGET (overview), ADW_TYPE_ACTION_ROW, "1 volume to send off site");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "A00003L9");

  g_signal_emit_by_name (row, "activate");
  custody_test_iterate (100);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (media_page (f))));
  g_assert_nonnull (custody_test_find (GTK_WIDGET (media_page (f)), GTK_TYPE_LABEL, NULL));
  {
    GtkWidget *today = custody_test_find (GTK_WIDGET (media_page (f)), ADW_TYPE_ACTION_ROW,
                                          "A00003L9 · Library");
    g_assert_nonnull (today);
    g_assert_true (gtk_widget_get_mapped (today));
  }
}

/* Twenty more tapes written this morning: today's list to send off site is 21 long. */
static void
write_twenty_more (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CustodyStore) store = custody_store_open (f->db, CUSTODY_STORE_OPEN_DEFAULT, &error);
  g_autoptr(CustodyExecution) e = custody_execution_new ();
  gint64 now = custody_time_now ();

  g_assert_no_error (error);
  e->job = g_strdup ("mail");
  e->copy = g_strdup ("tape");
  e->status = CUSTODY_RUN_SUCCESS;
  e->started = now - 60;
  e->finished = now - 30;
  e->run_id = g_strdup ("twenty-more");
  g_strfreev (e->volumes);
  e->volumes = g_new0 (char *, 21);
  for (guint i = 0; i < 20; i++)
    e->volumes[i] = g_strdup_printf ("A%05uL9", 101 + i);
  g_assert_true (custody_store_record_execution (store, e, NULL, &error));
  g_assert_no_error (error);
}

typedef struct
{
  Fixture    *f;
  const char *volser;
} Detail;

/* The media page's detail is about that volume. */
static gboolean
detail_shows (gpointer data)
{
  Detail *d = data;
  GtkWidget *title = custody_test_find (GTK_WIDGET (media_page (d->f)), ADW_TYPE_WINDOW_TITLE,
                                        NULL);

  return title != NULL && gtk_widget_get_mapped (title) &&
         g_strcmp0 (adw_window_title_get_title (ADW_WINDOW_TITLE (title)), d->volser) == 0;
}

static gboolean
today_lists_21 (gpointer data)
{
  return custody_test_find (data, ADW_TYPE_ACTION_ROW, "Show All 21 Volumes") != NULL;
}

static gboolean
desk_list_shown (gpointer data)
{
  return custody_test_find_toplevel (CUSTODY_TYPE_DESK_LIST_WINDOW) != NULL;
}

/* A list longer than Today shows opens whole, and a volume of it opens from there. */
static void
test_today_long_list_opens_whole (Fixture       *f,
                                  gconstpointer  data)
{
  CustodyDeskListWindow *list;
  GtkWidget *row, *view;
  GListModel *items;
  g_autoptr(CustodyDeskItem) last = NULL;
  Detail detail;

  write_twenty_more (f);
  custody_session_reload (custody_window_get_session (f->window));
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.media-today", NULL);
  g_assert_true (custody_test_wait_for (today_lists_21, media_page (f), 10000));

  row = custody_test_find (GTK_WIDGET (media_page (f)), ADW_TYPE_ACTION_ROW,
                           "Show All 21 Volumes");
  g_signal_emit_by_name (row, "activate");
  g_assert_true (custody_test_wait_for (desk_list_shown, NULL, 5000));
  list = CUSTODY_DESK_LIST_WINDOW (custody_test_find_toplevel (CUSTODY_TYPE_DESK_LIST_WINDOW));
  items = custody_desk_list_window_get_items (list);
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, 21);
  custody_test_save_screenshot (GTK_WIDGET (list), "desk-list.png");

  /* The last of them, far past the twelve Today shows, opens in Media. */
  last = g_list_model_get_item (items, 20);
  view = custody_test_find (GTK_WIDGET (list), GTK_TYPE_LIST_VIEW, NULL);
  g_signal_emit_by_name (view, "activate", 20);
  detail.f = f;
  detail.volser = last->volser;
  g_assert_true (custody_test_wait_for (detail_shows, &detail, 5000));
  g_assert_null (custody_test_find_toplevel (CUSTODY_TYPE_DESK_LIST_WINDOW));
}

static gboolean
lists_alerts (GtkWidget *widget)
{
  GListModel *model;
  g_autoptr(GObject) first = NULL;

  if (!GTK_IS_LIST_VIEW (widget) || gtk_list_view_get_model (GTK_LIST_VIEW (widget)) == NULL)
    return FALSE;
  model = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (widget)));
  first = g_list_model_get_item (model, 0);
  return first != NULL && CUSTODY_IS_ALERT (first);
}

/* The list of alerts (not a drop-down's list of choices). */
static GtkListView *
find_alert_list (GtkWidget *root)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkListView *found;

      if (lists_alerts (child))
        return GTK_LIST_VIEW (child);
      if ((found = find_alert_list (child)) != NULL)
        return found;
    }
  return NULL;
}

static gboolean
missing_alert_listed (gpointer data)
{
  GtkListView *list = find_alert_list (data);
  GListModel *model = list != NULL ? G_LIST_MODEL (gtk_list_view_get_model (list)) : NULL;

  for (guint i = 0; model != NULL && i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(CustodyAlert) alert = g_list_model_get_item (model, i);

      if (g_strcmp0 (alert->kind, "media-missing") == 0)
        return TRUE;
    }
  return FALSE;
}

static gboolean
detail_shows_vaulted (gpointer data)
{
  GtkWidget *title = custody_test_find (data, ADW_TYPE_WINDOW_TITLE, NULL);

  return title != NULL && gtk_widget_get_mapped (title) &&
         g_strcmp0 (adw_window_title_get_title (ADW_WINDOW_TITLE (title)), "A00200L9") == 0;
}

/* A volume a reconciliation missed raises an alert; activating it opens
 * that volume in the Media view, not a job of that name. */
static void
test_missing_alert_opens_volume (Fixture       *f,
                                 gconstpointer  data)
{
  CustodyPage *alerts = custody_window_get_page (f->window, "alerts");
  const char *scanned[] = { NULL };
  GtkListView *list;
  GListModel *model;

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(CustodyStore) store = custody_store_open (f->db, CUSTODY_STORE_OPEN_DEFAULT, &error);
    g_autoptr(CustodyReconciliation) r = custody_store_reconcile (store, "Vault", scanned, "",
                                                                  "scan", &error);

    g_assert_no_error (error);
    g_assert_nonnull (r);
  }

  custody_window_show_view (f->window, "alerts");
  g_assert_true (custody_test_wait_for (missing_alert_listed, alerts, 5000));
  list = find_alert_list (GTK_WIDGET (alerts));
  model = G_LIST_MODEL (gtk_list_view_get_model (list));
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(CustodyAlert) alert = g_list_model_get_item (model, i);

      if (g_strcmp0 (alert->kind, "media-missing") == 0)
        {
          g_assert_cmpstr (alert->subject, ==, "A00200L9");
          g_signal_emit_by_name (list, "activate", i);
          break;
        }
    }

  custody_test_iterate (100);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (media_page (f))));
  g_assert_true (custody_test_wait_for (detail_shows_vaulted, media_page (f), 5000));
}

/*
 * Printing
 */

typedef struct
{
  const char         *path;
  const char * const *words;
} Printed;

/* The PDF at @path, once GTK has finished it, says every word. */
static gboolean
pdf_says (gpointer data)
{
  Printed *p = data;
  g_autofree char *uri = g_filename_to_uri (p->path, NULL, NULL);
  g_autoptr(GString) text = g_string_new (NULL);
  PopplerDocument *document;
  gboolean says = TRUE;

  if (!g_file_test (p->path, G_FILE_TEST_EXISTS))
    return FALSE;
  document = poppler_document_new_from_file (uri, NULL, NULL);
  if (document == NULL)
    return FALSE;
  for (int i = 0; i < poppler_document_get_n_pages (document); i++)
    {
      PopplerPage *page = poppler_document_get_page (document, i);
      g_autofree char *page_text = poppler_page_get_text (page);

      g_string_append (text, page_text);
      g_object_unref (page);
    }
  g_object_unref (document);
  for (guint i = 0; p->words[i] != NULL; i++)
    says = says && strstr (text->str, p->words[i]) != NULL;
  return says;
}

static gboolean
file_printer_selected (gpointer data)
{
  GtkPrinter *printer = gtk_print_unix_dialog_get_selected_printer (data);

  return printer != NULL && g_str_equal (gtk_printer_get_name (printer), "Print to File");
}

/* Answers the print dialog as a user who picks "Print to File" does. */
static void
print_to_file (const char *path)
{
  g_autoptr(GtkPrintSettings) settings = gtk_print_settings_new ();
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  GtkWindow *dialog;

  g_assert_true (custody_test_wait_for ((CustodyTestCondition) custody_test_find_toplevel,
                                        GSIZE_TO_POINTER (GTK_TYPE_PRINT_UNIX_DIALOG), 10000));
  dialog = custody_test_find_toplevel (GTK_TYPE_PRINT_UNIX_DIALOG);
  gtk_print_settings_set_printer (settings, "Print to File");
  gtk_print_settings_set (settings, GTK_PRINT_SETTINGS_OUTPUT_URI, uri);
  gtk_print_settings_set (settings, GTK_PRINT_SETTINGS_OUTPUT_FILE_FORMAT, "pdf");
  gtk_print_unix_dialog_set_settings (GTK_PRINT_UNIX_DIALOG (dialog), settings);
  g_assert_true (custody_test_wait_for (file_printer_selected, dialog, 10000));
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_OK);
  G_GNUC_END_IGNORE_DEPRECATIONS
}

static void
test_labels_print (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "labels.pdf", NULL);
  const char *words[] = { "A00001L9", "A00003L9", "A00005L9", NULL };
  Printed printed = { path, words };
  GtkWidget *first, *last;
  GtkWindow *dialog;

  /* Print… in the labels dialog, then Print to File in GTK's. */
  gtk_widget_activate_action (GTK_WIDGET (media_page (f)), "media.print-labels", NULL);
  dialog = custody_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  first = custody_test_find (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, "_First Label");
  last = custody_test_find (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, "_Last Label (for a range)");
  gtk_editable_set_text (GTK_EDITABLE (first), "A00001L9");
  gtk_editable_set_text (GTK_EDITABLE (last), "A00005L9");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "print");
  print_to_file (path);

  /* The pages are drawn once the print dialog is answered, long after
   * the labels dialog is gone: they say the labels. */
  g_assert_true (custody_test_wait_for (pdf_says, &printed, 10000));
}

/* With a volume selected, the labels dialog starts from it. */
static void
test_labels_start_from_the_selected_volume (Fixture       *f,
                                            gconstpointer  data)
{
  GtkWidget *first;
  GtkWindow *dialog;

  gtk_widget_activate_action (GTK_WIDGET (media_page (f)), "media.open-volume", "s", "A00003L9");
  custody_test_iterate (50);
  gtk_widget_activate_action (GTK_WIDGET (media_page (f)), "media.print-labels", NULL);
  dialog = custody_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  first = custody_test_find (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, "_First Label");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (first)), ==, "A00003L9");
  gtk_window_destroy (dialog);
}

static void
test_handoff_sheet_prints (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "handoff.pdf", NULL);
  const char *words[] = { "Truck", "Bob", "CASE-7", "A00001L9", "A00002L9", NULL };
  Printed printed = { path, words };
  CustodyScanWindow *window = start_scanning (f, "Truck", CUSTODY_DESK_SEND_OFFSITE);

  scan (window, "A00001L9");
  scan (window, "A00002L9");
  g_assert_true (custody_test_wait_for (all_written, window, 10000));

  gtk_widget_activate_action (GTK_WIDGET (window), "scan.print-handoff", NULL);
  print_to_file (path);
  g_assert_true (custody_test_wait_for (pdf_says, &printed, 10000));
}

/* The inventory's row of the volume @volser. */
static GtkWidget *
medium_row (CustodyMediaPage *page,
            const char       *volser)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  custody_test_collect (GTK_WIDGET (page), CUSTODY_TYPE_MEDIUM_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    {
      CustodyMedium *m = custody_medium_row_get_medium (g_ptr_array_index (rows, i));

      if (m != NULL && g_str_equal (m->volser, volser)
          && gtk_widget_get_mapped (g_ptr_array_index (rows, i)))
        return gtk_widget_get_parent (g_ptr_array_index (rows, i));
    }
  return NULL;
}

static const char *
shown_volume (CustodyMediaPage *page)
{
  GtkWidget *detail = custody_test_find (GTK_WIDGET (page), CUSTODY_TYPE_MEDIUM_DETAIL, NULL);
  CustodyMedium *m = custody_medium_detail_get_medium (CUSTODY_MEDIUM_DETAIL (detail));

  return m != NULL ? m->volser : NULL;
}

static gboolean
highlighted (GtkWidget *row)
{
  return (gtk_widget_get_state_flags (row) & GTK_STATE_FLAG_SELECTED) != 0;
}

/* The pointer passing over the inventory leaves the volume shown and its
 * highlight; a click opens the volume under it. */
static void
test_hover_leaves_the_volume (Fixture       *f,
                              gconstpointer  data)
{
  CustodyMediaPage *page = media_page (f);

  if (!custody_test_can_xdotool ())
    {
      g_test_skip ("xdotool on X11 is needed to move the pointer");
      return;
    }

  custody_media_page_select_volume (page, "A00003L9");
  custody_test_iterate (300);
  g_assert_cmpstr (shown_volume (page), ==, "A00003L9");
  custody_test_pointer_over (medium_row (page, "A00003L9"), FALSE);
  custody_test_pointer_over (medium_row (page, "A00001L9"), FALSE);
  g_assert_cmpstr (shown_volume (page), ==, "A00003L9");
  g_assert_true (highlighted (medium_row (page, "A00003L9")));
  g_assert_false (highlighted (medium_row (page, "A00001L9")));

  custody_test_pointer_over (medium_row (page, "A00001L9"), TRUE);
  g_assert_cmpstr (shown_volume (page), ==, "A00001L9");
  g_assert_true (highlighted (medium_row (page, "A00001L9")));
  g_assert_false (highlighted (medium_row (page, "A00003L9")));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* Printing goes to GTK's file printer: no CUPS to wait for. */
  g_object_set (gtk_settings_get_default (), "gtk-print-backends", "file", NULL);

  g_test_add ("/ui/media/scanner-types-120-labels-none-lost-none-twice", Fixture, NULL,
              fixture_set_up, test_scanner_speed, fixture_tear_down);
  g_test_add ("/ui/media/scan-flags-unknown-duplicate-refused-and-undoes", Fixture, NULL,
              fixture_set_up, test_scan_flags_and_undo, fixture_tear_down);
  g_test_add ("/ui/media/scan-progress-is-live", Fixture, NULL, fixture_set_up,
              test_scan_progress_is_live, fixture_tear_down);
  g_test_add ("/ui/media/scan-session-starts-from-the-keyboard", Fixture, NULL, fixture_set_up,
              test_scan_session_starts_from_the_keyboard, fixture_tear_down);
  g_test_add ("/ui/media/f8-scans-from-any-view", Fixture, NULL, fixture_set_up,
              test_f8_scans_from_any_view, fixture_tear_down);
  g_test_add ("/ui/media/labels-start-from-the-selected-volume", Fixture, NULL, fixture_set_up,
              test_labels_start_from_the_selected_volume, fixture_tear_down);
  g_test_add ("/ui/media/today-long-list-opens-whole", Fixture, NULL, fixture_set_up,
              test_today_long_list_opens_whole, fixture_tear_down);
  g_test_add ("/ui/media/hover-leaves-the-volume", Fixture, NULL, fixture_set_up,
              test_hover_leaves_the_volume, fixture_tear_down);
  g_test_add ("/ui/media/inventory-search-filters-detail", Fixture, NULL, fixture_set_up,
              test_inventory_search_filters_detail, fixture_tear_down);
  g_test_add ("/ui/media/overview-opens-today", Fixture, NULL, fixture_set_up,
              test_overview_opens_today, fixture_tear_down);
  g_test_add ("/ui/media/missing-alert-opens-volume", Fixture, NULL, fixture_set_up,
              test_missing_alert_opens_volume, fixture_tear_down);
  g_test_add ("/ui/media/labels-print-their-volsers", Fixture, NULL, fixture_set_up,
              test_labels_print, fixture_tear_down);
  g_test_add ("/ui/media/handoff-sheet-prints-the-scanned-volumes", Fixture, NULL, fixture_set_up,
              test_handoff_sheet_prints, fixture_tear_down);

  return g_test_run ();
}
