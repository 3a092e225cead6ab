/* test-ui-trends.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Trends in the app, on a real store: a job's page charts its runs and its
 * compliance over the last 90 days, the Overview the team's compliance, with
 * the same figures as the executive summary's trend (custody_report_trend_*);
 * a job without runs shows the empty state; the charts read only when they
 * show, and again when the store changes. With CUSTODY_TEST_SCREENSHOTS=DIR
 * it saves the job page and the overview, light and dark, wide and narrow
 * (CUSTODY_LOCALEDIR=_build/po LANGUAGE=ja for Japanese).
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "custody-job-detail.h"
#include "custody-report-trend.h"
#include "custody-store.h"
#include "custody-time.h"
#include "custody-trend-chart.h"
#include "custody-trend-loaders.h"
#include "custody-store-test-utils.h"
#include "custody-ui-test-utils.h"
#include "custody-window.h"

#define DAY (24 * 3600)
#define RUN_DAYS 30

typedef struct
{
  char          *dir;
  char          *db;
  gint64         now;
  CustodyWindow *window;
} Fixture;

/*
 * The store
 */

static void
record (CustodyStore     *store,
        const char       *job,
        const char       *copy,
        gint64            started,
        gint64            seconds,
        CustodyRunStatus  status)
{
  g_autoptr(CustodyExecution) e = custody_execution_new ();
  g_autoptr(GError) error = NULL;

  e->job = g_strdup (job);
  e->copy = g_strdup (copy);
  e->started = started;
  e->finished = started + seconds;
  e->status = status;
  e->bytes = status == CUSTODY_RUN_FAILED ? -1 : 2000000000 + (started / DAY % 7) * 100000000;
  g_assert_true (custody_store_record_execution (store, e, NULL, &error));
  g_assert_no_error (error);
}

static void
verify (CustodyStore *store,
        const char   *job,
        const char   *copy,
        gint64        at)
{
  g_autoptr(CustodyVerification) v = custody_verification_new ();
  g_autoptr(GError) error = NULL;

  v->job = g_strdup (job);
  v->copy = g_strdup (copy);
  v->kind = CUSTODY_VERIFY_RESTORE_TEST;
  v->at = at;
  v->passed = TRUE;
  g_assert_true (custody_store_add_verification (store, v, &error));
  g_assert_no_error (error);
}

/* payroll-db: a NAS and an immutable cloud copy, a run a night on each for
 * the last RUN_DAYS days (one failed, one with warnings), verified 20 days
 * ago; archive: made 60 days ago, never run. */
static void
fill_store (Fixture *f)
{
  g_autoptr(CustodyStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = custody_store_open (f->db, CUSTODY_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  custody_store_set_clock (store, f->now - 60 * DAY);
  custody_test_add_location (store, "Server room NAS", CUSTODY_LOCATION_ONSITE_REPO);
  custody_test_add_location (store, "Cloud eu-west", CUSTODY_LOCATION_OFFSITE_REPO);
  custody_test_add_job_full (store, "payroll-db", NULL, 48, 30);
  custody_test_add_copy (store, "payroll-db", "nas", CUSTODY_MEDIA_TYPE_DISK, "Server room NAS",
                         FALSE);
  custody_test_add_copy (store, "payroll-db", "cloud", CUSTODY_MEDIA_TYPE_OBJECT_STORAGE,
                         "Cloud eu-west", TRUE);
  custody_test_add_job_full (store, "archive", NULL, 48, 30);
  for (int day = RUN_DAYS; day >= 1; day--)
    {
      gint64 night = f->now - day * DAY;

      custody_store_set_clock (store, night + 3 * 3600);
      record (store, "payroll-db", "nas", night, 3600 + day * 60,
              day == 12 ? CUSTODY_RUN_FAILED : CUSTODY_RUN_SUCCESS);
      record (store, "payroll-db", "cloud", night + 600, 5400,
              day == 5 ? CUSTODY_RUN_WARNING : CUSTODY_RUN_SUCCESS);
    }
  custody_store_set_clock (store, f->now - 20 * DAY);
  verify (store, "payroll-db", "nas", f->now - 20 * DAY);
  verify (store, "payroll-db", "cloud", f->now - 20 * DAY);
}

/*
 * Helpers
 */

static gboolean
session_loaded (gpointer data)
{
  CustodySession *session = custody_window_get_session (data);

  return session != NULL && custody_session_get_loaded (session);
}

static void
open_window (Fixture *f,
             int      width)
{
  f->window = custody_window_new (NULL, f->db);
  gtk_window_set_default_size (GTK_WINDOW (f->window), width, 900);
  gtk_window_present (GTK_WINDOW (f->window));
  g_assert_true (custody_test_wait_for (session_loaded, f->window, 10000));
  custody_test_iterate (50);
}

static void
collect_charts (GtkWidget *root,
                GPtrArray *charts)
{
  if (CUSTODY_IS_TREND_CHART (root))
    g_ptr_array_add (charts, root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_charts (child, charts);
}

/* The charts of a page, in their order: the job page's compliance, duration
 * and data written; the overview's one. */
static CustodyTrendChart *
chart_of (Fixture    *f,
          const char *view,
          guint       index)
{
  g_autoptr(GPtrArray) charts = g_ptr_array_new ();

  collect_charts (GTK_WIDGET (custody_window_get_page (f->window, view)), charts);
  g_assert_cmpuint (charts->len, >, index);
  return g_ptr_array_index (charts, index);
}

static gboolean
chart_loaded (gpointer data)
{
  return custody_trend_chart_get_loaded (data);
}

static void
count_cb (guint *count)
{
  (*count)++;
}

static gboolean
chart_unmapped (gpointer data)
{
  return !gtk_widget_get_mapped (data);
}

static void
wait_loaded (CustodyTrendChart *chart)
{
  g_assert_true (custody_test_wait_for (chart_loaded, chart, 20000));
}

static void
open_job (Fixture    *f,
          const char *job)
{
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.open-job", "s", job);
  custody_test_iterate (50);
}

/* The same trend, computed as the executive summary computes it. */
static CustodyReportTrend *
expected_trend (Fixture    *f,
                const char *job)
{
  g_autoptr(CustodyStore) store = NULL;
  g_autoptr(GError) error = NULL;
  const char *jobs[] = { job, NULL };
  gint64 at = custody_session_get_evaluated_at (custody_window_get_session (f->window));
  CustodyReportTrend *trend;

  store = custody_store_open (f->db, 0, &error);
  g_assert_no_error (error);
  trend = custody_report_trend_compute (store, job != NULL ? jobs : NULL,
                                        at - CUSTODY_TREND_DAYS * DAY, at,
                                        CUSTODY_TREND_POINTS, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return trend;
}

/* What a screen reader gets: the chart's title and its summary. */
static void
assert_accessible (CustodyTrendChart *chart,
                   const char        *label,
                   const char        *description)
{
  g_autofree char *wrong_label = NULL;
  g_autofree char *wrong_description = NULL;

  g_assert_true (gtk_test_accessible_has_role (GTK_ACCESSIBLE (chart), GTK_ACCESSIBLE_ROLE_IMG));
  wrong_label = gtk_test_accessible_check_property (GTK_ACCESSIBLE (chart),
                                                    GTK_ACCESSIBLE_PROPERTY_LABEL, label);
  g_assert_null (wrong_label);
  wrong_description = gtk_test_accessible_check_property (GTK_ACCESSIBLE (chart),
                                                          GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                                          description);
  g_assert_null (wrong_description);
}

static void
assert_same_figures (const CustodyTrendData   *d,
                     const CustodyReportTrend *trend)
{
  g_assert_cmpuint (d->n_points, ==, trend->n_points);
  g_assert_cmpuint (custody_trend_data_count (d), ==, custody_report_trend_count (trend));
  for (guint i = 0; i < d->n_points; i++)
    {
      g_assert_cmpint (d->times[i], ==, trend->times[i]);
      g_assert_true (isnan (d->values[0][i]) == isnan (trend->compliant[i]));
      g_assert_true (isnan (d->values[1][i]) == isnan (trend->clean[i]));
      if (!isnan (d->values[0][i]))
        g_assert_cmpfloat (d->values[0][i], ==, trend->compliant[i]);
      if (!isnan (d->values[1][i]))
        g_assert_cmpfloat (d->values[1][i], ==, trend->clean[i]);
    }
}

/* Scrolls @chart's scrolled window to show its group at the top. */
static void
scroll_to (GtkWidget *chart)
{
  GtkWidget *widget = gtk_widget_get_ancestor (chart, ADW_TYPE_PREFERENCES_GROUP);
  GtkWidget *scrolled = gtk_widget_get_ancestor (chart, GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget *child;
  graphene_point_t p;

  g_assert_nonnull (scrolled);
  child = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled));
  /* Twice: the first may land before the page has its full height. */
  for (int i = 0; i < 2; i++)
    {
      GtkAdjustment *adjustment =
        gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));

      custody_test_iterate (200);
      if (gtk_widget_compute_point (widget, child, &GRAPHENE_POINT_INIT (0, 0), &p))
        gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + p.y - 12);
    }
  custody_test_iterate (100);
}

/*
 * Fixture
 */

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = custody_test_make_tmpdir ();
  f->db = g_build_filename (f->dir, "custody.db", NULL);
  f->now = custody_time_now ();
  fill_store (f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->window != NULL)
    gtk_window_destroy (GTK_WINDOW (f->window));
  custody_test_iterate (50);
  custody_test_remove_tmpdir (f->dir);
  g_free (f->dir);
  g_free (f->db);
}

/*
 * Tests
 */

/* A job's page: its runs as points, one per run, and its compliance a
 * point a day from where its history starts, as the summary counts it. */
static void
test_job_trends (Fixture       *f,
                 gconstpointer  data)
{
  CustodyTrendChart *compliance, *duration, *bytes;
  const CustodyTrendData *d;
  g_autoptr(CustodyReportTrend) trend = NULL;

  open_window (f, 1100);
  open_job (f, "payroll-db");
  compliance = chart_of (f, "jobs", 0);
  duration = chart_of (f, "jobs", 1);
  bytes = chart_of (f, "jobs", 2);
  wait_loaded (compliance);
  wait_loaded (duration);
  wait_loaded (bytes);

  /* Every run of the last 90 days, oldest first, coloured by how it ended. */
  d = custody_trend_chart_get_data (duration);
  g_assert_cmpuint (d->n_points, ==, 2 * RUN_DAYS);
  g_assert_cmpuint (custody_trend_data_count (d), ==, 2 * RUN_DAYS);
  g_assert_cmpint (d->unit, ==, CUSTODY_TREND_UNIT_DURATION);
  g_assert_cmpfloat (d->values[0][0], ==, 3600 + RUN_DAYS * 60);
  g_assert_cmpint (d->status[2 * (RUN_DAYS - 12)], ==, CUSTODY_RUN_FAILED);
  for (guint i = 1; i < d->n_points; i++)
    g_assert_cmpint (d->times[i - 1], <=, d->times[i]);
  g_assert_cmpstr (custody_trend_chart_get_description (duration), ==,
                   "60 runs in the last 90 days: 58 succeeded, 1 with warnings, 1 failed. "
                   "The latest (Success) took 90 minutes.");
  assert_accessible (duration, "Run Duration",
                     "60 runs in the last 90 days: 58 succeeded, 1 with warnings, 1 failed. "
                     "The latest (Success) took 90 minutes.");

  /* Data written: the good runs only. */
  d = custody_trend_chart_get_data (bytes);
  g_assert_cmpuint (custody_trend_data_count (d), ==, 2 * RUN_DAYS - 1);
  g_assert_true (g_str_has_prefix (custody_trend_chart_get_description (bytes),
                                   "59 runs wrote data in the last 90 days. The latest wrote "));

  /* Compliance: the summary's figures, from the first verification on. */
  trend = expected_trend (f, "payroll-db");
  d = custody_trend_chart_get_data (compliance);
  assert_same_figures (d, trend);
  g_assert_cmpuint (custody_trend_data_count (d), >=, 20);
  g_assert_cmpuint (custody_trend_data_count (d), <=, 22);
  g_assert_cmpfloat (d->values[0][d->n_points - 1], ==, 1.0);
  {
    guint compliant = 0;
    g_autofree char *expected = NULL;

    /* The night the NAS run failed, the job broke 0 errors. */
    for (guint i = 0; i < trend->n_points; i++)
      if (trend->compliant[i] == 1.0)
        compliant++;
    g_assert_cmpuint (compliant, <, custody_trend_data_count (d));
    expected =
      g_strdup_printf ("Compliant or at risk on %u of the %u days checked; now: %s",
                       compliant, custody_trend_data_count (d),
                       custody_status_get_label (((CustodyVerdict *)
                                                  g_ptr_array_index (trend->verdicts, 0))->status));
    g_assert_cmpstr (custody_trend_chart_get_description (compliance), ==, expected);
  }
}

/* A job without runs: each chart says so, and nothing is drawn as a value. */
static void
test_job_without_runs (Fixture       *f,
                       gconstpointer  data)
{
  CustodyTrendChart *compliance, *duration, *bytes;

  open_window (f, 1100);
  open_job (f, "archive");
  compliance = chart_of (f, "jobs", 0);
  duration = chart_of (f, "jobs", 1);
  bytes = chart_of (f, "jobs", 2);
  wait_loaded (compliance);
  wait_loaded (duration);
  wait_loaded (bytes);

  g_assert_cmpuint (custody_trend_data_count (custody_trend_chart_get_data (duration)), ==, 0);
  g_assert_cmpuint (custody_trend_data_count (custody_trend_chart_get_data (compliance)), ==, 0);
  g_assert_cmpstr (custody_trend_chart_get_description (duration), ==,
                   "No runs in the last 90 days");
  g_assert_cmpstr (custody_trend_chart_get_description (bytes), ==,
                   "No run wrote data in the last 90 days");
  g_assert_cmpstr (custody_trend_chart_get_description (compliance), ==,
                   "No history yet: the job has no runs to judge");
  assert_accessible (compliance, "Compliance over the Last 90 Days",
                     "No history yet: the job has no runs to judge");
}

/* Another job chosen while the first one's charts are read: the first one's
 * late answers are dropped, not drawn for the second. */
static void
test_job_change_cancels (Fixture       *f,
                         gconstpointer  data)
{
  CustodyTrendChart *duration;

  open_window (f, 1100);
  open_job (f, "payroll-db");
  open_job (f, "archive");
  duration = chart_of (f, "jobs", 1);
  wait_loaded (duration);
  custody_test_iterate (300);
  g_assert_cmpuint (custody_trend_data_count (custody_trend_chart_get_data (duration)), ==, 0);
}

/* The overview fills in with the team's trend; hidden, it does not read when
 * the store changes, and reads again once shown. */
static void
test_overview_trend (Fixture       *f,
                     gconstpointer  data)
{
  CustodyTrendChart *chart;
  g_autoptr(CustodyReportTrend) trend = NULL;
  g_autoptr(CustodyStore) store = NULL;
  g_autoptr(GError) error = NULL;
  const char *description;
  guint loads = 0;

  open_window (f, 1100);
  custody_window_show_view (f->window, "overview");
  chart = chart_of (f, "overview", 0);
  wait_loaded (chart);

  trend = expected_trend (f, NULL);
  assert_same_figures (custody_trend_chart_get_data (chart), trend);
  g_assert_cmpuint (custody_trend_data_count (custody_trend_chart_get_data (chart)), >, 0);
  description = custody_trend_chart_get_description (chart);
  /* payroll-db compliant, archive in violation, from the first verification. */
  g_assert_true (g_str_has_prefix (description, "50% of jobs compliant or at risk now"));
  g_assert_nonnull (strstr (description, "pts since"));

  /* The session's reload each minute, with nothing written, reads nothing. */
  g_signal_connect_swapped (chart, "loaded", G_CALLBACK (count_cb), &loads);
  custody_session_reload (custody_window_get_session (f->window));
  custody_test_iterate (500);
  g_assert_cmpuint (loads, ==, 0);
  g_assert_true (custody_trend_chart_get_loaded (chart));

  /* Hidden: a change in the store leaves it to read when shown. */
  custody_window_show_view (f->window, "jobs");
  g_assert_true (custody_test_wait_for (chart_unmapped, chart, 5000));
  store = custody_store_open (f->db, 0, &error);
  g_assert_no_error (error);
  custody_test_add_job_full (store, "mail-server", NULL, 48, 30);
  custody_session_reload (custody_window_get_session (f->window));
  custody_test_iterate (500);
  g_assert_false (custody_trend_chart_get_loaded (chart));

  custody_window_show_view (f->window, "overview");
  wait_loaded (chart);
  g_assert_cmpuint (loads, ==, 1);
  g_clear_pointer (&trend, custody_report_trend_free);
  trend = expected_trend (f, NULL);
  assert_same_figures (custody_trend_chart_get_data (chart), trend);
}

/* With CUSTODY_TEST_SCREENSHOTS=DIR: the job page and the overview, light
 * and dark, wide and narrow. */
static void
test_screenshots (Fixture       *f,
                  gconstpointer  data)
{
  static const int widths[] = { 1100, 360 };
  const char *lang = g_getenv ("CUSTODY_LOCALEDIR") != NULL ? "ja" : "en";

  if (g_getenv ("CUSTODY_TEST_SCREENSHOTS") == NULL)
    {
      g_test_skip ("CUSTODY_TEST_SCREENSHOTS is not set");
      return;
    }

  for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
    for (int dark = 0; dark <= 1; dark++)
      {
        g_autofree char *job_name = NULL;
        g_autofree char *overview_name = NULL;
        g_autofree char *empty_name = NULL;
        CustodyTrendChart *chart;

        adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                            dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                                 : ADW_COLOR_SCHEME_FORCE_LIGHT);
        open_window (f, widths[w]);
        open_job (f, "payroll-db");
        chart = chart_of (f, "jobs", 0);
        wait_loaded (chart);
        wait_loaded (chart_of (f, "jobs", 2));
        scroll_to (GTK_WIDGET (chart));
        job_name = g_strdup_printf ("job-%s-%s-%d.png", lang, dark ? "dark" : "light", widths[w]);
        custody_test_save_screenshot (GTK_WIDGET (f->window), job_name);

        /* The empty state of a job without runs. */
        open_job (f, "archive");
        chart = chart_of (f, "jobs", 1);
        wait_loaded (chart);
        scroll_to (GTK_WIDGET (chart));
        empty_name = g_strdup_printf ("job-empty-%s-%s-%d.png", lang, dark ? "dark" : "light",
                                      widths[w]);
        custody_test_save_screenshot (GTK_WIDGET (f->window), empty_name);

        custody_window_show_view (f->window, "overview");
        chart = chart_of (f, "overview", 0);
        wait_loaded (chart);
        scroll_to (GTK_WIDGET (chart));
        overview_name = g_strdup_printf ("overview-%s-%s-%d.png", lang, dark ? "dark" : "light",
                                         widths[w]);
        custody_test_save_screenshot (GTK_WIDGET (f->window), overview_name);

        gtk_window_destroy (GTK_WINDOW (f->window));
        f->window = NULL;
        custody_test_iterate (50);
      }
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_DEFAULT);
}

int
main (int   argc,
      char *argv[])
{
  const char *localedir = g_getenv ("CUSTODY_LOCALEDIR");

  /* GTK's test accessibility backend: what a screen reader would be told
   * can be read back. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* CUSTODY_LOCALEDIR=_build/po LANGUAGE=ja: the screenshots in Japanese (gtk_test_init
   * chose a locale of its own). */
  if (localedir != NULL)
    {
      setlocale (LC_ALL, "");
      bindtextdomain (GETTEXT_PACKAGE, localedir);
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      textdomain (GETTEXT_PACKAGE);
    }
  custody_test_load_style ();

#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  if (localedir == NULL)
    {
      ADD ("/ui/trends/job-runs-and-compliance", test_job_trends);
      ADD ("/ui/trends/job-without-runs", test_job_without_runs);
      ADD ("/ui/trends/job-change-cancels", test_job_change_cancels);
      ADD ("/ui/trends/overview-fills-in-lazily", test_overview_trend);
    }
  ADD ("/ui/trends/screenshots", test_screenshots);

  return g_test_run ();
}
