/* test-ui-as-of.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One moment for the whole window: chosen in one view, every view (Overview,
 * Jobs, Media, Compliance) shows the banner and what the store says of
 * then, and Return to Now brings them all back. The store is a real one: a
 * tape that was in the vault two days ago and is back in the library, so
 * that its job was compliant then and breaks the rule now.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "custody-as-of-banner.h"
#include "custody-as-of-button.h"
#include "custody-compliance-page.h"
#include "custody-job-detail.h"
#include "custody-job-item.h"
#include "custody-jobs-page.h"
#include "custody-media-page.h"
#include "custody-medium-detail.h"
#include "custody-overview-page.h"
#include "custody-store-test-utils.h"
#include "custody-time.h"
#include "custody-ui-test-utils.h"

#define HOUR ((gint64) 3600)
#define DAY  (24 * HOUR)
#define TIMEOUT_MS 20000
#define VOLSER "A00001L8"

typedef struct
{
  char          *dir;
  char          *db;
  gint64         now;
  gint64         then;       /* two days ago: the tape in the vault */
  CustodyWindow *window;
} Fixture;

static void
move_tape (CustodyStore *store,
           const char   *to,
           gint64        at)
{
  const char *volsers[] = { VOLSER, NULL };
  g_autoptr(CustodyMovement) move = custody_movement_new ();
  g_autoptr(GError) error = NULL;

  move->to = g_strdup (to);
  move->at = at;
  move->by = g_strdup ("test");
  custody_store_move_media (store, volsers, move, TRUE, &error);
  g_assert_no_error (error);
}

static void
make_store (Fixture *f)
{
  g_autoptr(CustodyStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gint64 now = f->now;

  store = custody_store_open (f->db, CUSTODY_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);

  custody_store_set_clock (store, now - 10 * DAY);
  custody_test_add_location (store, "Library", CUSTODY_LOCATION_LIBRARY);
  custody_test_add_location (store, "Vault", CUSTODY_LOCATION_OFFSITE_VAULT);
  custody_test_add_location (store, "NAS", CUSTODY_LOCATION_ONSITE_REPO);
  custody_test_add_medium (store, VOLSER, NULL, CUSTODY_MEDIUM_IN_USE, 0, "Library");
  custody_test_add_job_full (store, "alpha", NULL, 24 * 7, 30);
  custody_test_add_copy (store, "alpha", "nas", CUSTODY_MEDIA_TYPE_DISK, "NAS", FALSE);
  custody_test_add_copy (store, "alpha", "tape", CUSTODY_MEDIA_TYPE_TAPE, NULL, FALSE);

  /* Runs, checks and movements are dated by themselves. */
  custody_store_set_clock (store, CUSTODY_TIME_NONE);
  custody_test_record_run (store, "alpha", "nas", CUSTODY_RUN_SUCCESS, now - 4 * DAY,
                           now - 4 * DAY + HOUR, NULL);
  custody_test_record_run (store, "alpha", "tape", CUSTODY_RUN_SUCCESS, now - 4 * DAY,
                           now - 4 * DAY + HOUR, VOLSER);
  custody_test_add_verification (store, "alpha", "nas", now - 4 * DAY + 2 * HOUR);
  custody_test_add_verification (store, "alpha", "tape", now - 4 * DAY + 2 * HOUR);

  /* Off to the vault three days ago, back in the library an hour ago. */
  move_tape (store, "Vault", now - 3 * DAY);
  move_tape (store, "Library", now - 1 * HOUR);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("custody-as-of-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = g_build_filename (f->dir, "custody.db", NULL);
  /* On the minute: the popover chooses minutes. */
  f->now = custody_time_now ();
  f->then = (f->now - 2 * DAY) / 60 * 60;
  make_store (f);
  f->window = custody_test_open_window (f->db, 1200, 800, 0, TIMEOUT_MS);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  CustodyTestWindowFixture w = { f->dir, f->db, f->window };

  custody_test_window_fixture_clear (&w, G_TYPE_INVALID, 200);
}

/*
 * What a user sees
 */

static CustodyPage *
page (Fixture    *f,
      const char *view)
{
  return custody_window_get_page (f->window, view);
}

static CustodySession *
session (Fixture *f)
{
  return custody_window_get_session (f->window);
}

static gboolean
past_read (gpointer data)
{
  Fixture *f = data;

  return !custody_session_get_past_loading (session (f));
}

/* The banner of @view's list (the first one), shown or not. */
static GtkRevealer *
banner_revealer (Fixture    *f,
                 const char *view)
{
  GtkWidget *banner = custody_test_find (GTK_WIDGET (page (f, view)),
                                         CUSTODY_TYPE_AS_OF_BANNER, NULL);

  g_assert_nonnull (banner);
  return GTK_REVEALER (custody_test_find (banner, GTK_TYPE_REVEALER, NULL));
}

static void
assert_banner (Fixture    *f,
               const char *view,
               gboolean    shown)
{
  GtkRevealer *revealer = banner_revealer (f, view);

  g_assert_cmpint (gtk_revealer_get_reveal_child (revealer), ==, shown);
  if (shown)
    {
      g_autofree char *when = custody_time_format_local (f->then);
      g_autofree char *text = g_strdup_printf (_("Showing the state at %s"), when);

      g_assert_nonnull (custody_test_find (GTK_WIDGET (revealer), GTK_TYPE_LABEL, text));
    }
}

static void show (Fixture    *f,
                  const char *view);

/* The Overview's headline, as shown. */
static const char *
overview_headline (Fixture *f)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  show (f, "overview");
  custody_test_collect (GTK_WIDGET (page (f, "overview")), GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    if (gtk_widget_get_mapped (g_ptr_array_index (labels, i)) &&
        gtk_widget_has_css_class (g_ptr_array_index (labels, i), "title-1") &&
        !gtk_widget_has_css_class (g_ptr_array_index (labels, i), "numeric"))
      return gtk_label_get_label (g_ptr_array_index (labels, i));
  return NULL;
}

static const char *
job_status (Fixture *f)
{
  GtkWidget *detail = custody_test_find (GTK_WIDGET (page (f, "jobs")),
                                         CUSTODY_TYPE_JOB_DETAIL, NULL);
  CustodyJobItem *item = custody_job_detail_get_item (CUSTODY_JOB_DETAIL (detail));

  return item != NULL ? custody_status_get_label (custody_job_item_get_status (item)) : NULL;
}

static gboolean
job_shown_as (Fixture       *f,
              CustodyStatus  status)
{
  GtkWidget *detail = custody_test_find (GTK_WIDGET (page (f, "jobs")),
                                         CUSTODY_TYPE_JOB_DETAIL, NULL);

  /* The list's item and the detail's big label agree. */
  return g_strcmp0 (job_status (f), custody_status_get_label (status)) == 0 &&
         custody_test_find (detail, GTK_TYPE_LABEL, custody_status_get_label (status)) != NULL;
}

/* Where the Media view's detail says the tape is. */
static const char *
tape_location (Fixture *f)
{
  GtkWidget *detail = custody_test_find (GTK_WIDGET (page (f, "media")),
                                         CUSTODY_TYPE_MEDIUM_DETAIL, NULL);
  CustodyMedium *medium = custody_medium_detail_get_medium (CUSTODY_MEDIUM_DETAIL (detail));
  GtkWidget *title = custody_test_find (detail, ADW_TYPE_WINDOW_TITLE, NULL);

  if (medium == NULL)
    return NULL;
  g_assert_cmpstr (adw_window_title_get_subtitle (ADW_WINDOW_TITLE (title)), ==,
                   medium->location);
  return medium->location;
}

/* What the Jobs view's list pane shows: "list", "empty", "no-results"… */
static const char *
jobs_list_state (Fixture *f)
{
  g_autoptr(GPtrArray) stacks = g_ptr_array_new ();

  custody_test_collect (GTK_WIDGET (page (f, "jobs")), GTK_TYPE_STACK, stacks);
  for (guint i = 0; i < stacks->len; i++)
    if (gtk_stack_get_child_by_name (g_ptr_array_index (stacks, i), "no-results") != NULL)
      return gtk_stack_get_visible_child_name (g_ptr_array_index (stacks, i));
  g_assert_not_reached ();
}

/* Whether the Reports view's As Of button says @at's day (or Now). */
static gboolean
reports_as_of (Fixture *f,
               gint64   at)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
  g_autofree char *day = at != CUSTODY_TIME_NONE ? custody_time_format_date (at)
                                                 : g_strdup (_("Now"));

  custody_test_collect (GTK_WIDGET (page (f, "reports")), GTK_TYPE_MENU_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_menu_button_get_label (g_ptr_array_index (buttons, i)), day) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
button_enabled (Fixture    *f,
                const char *view,
                const char *action)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  custody_test_collect (GTK_WIDGET (page (f, view)), GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    {
      GtkWidget *button = g_ptr_array_index (buttons, i);

      if (g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), action) == 0)
        return gtk_widget_is_sensitive (button);
    }
  g_error ("No button for %s in %s", action, view);
}

/* The matrix fills when it is shown. */
static CustodyStatus
compliance_status (Fixture *f)
{
  GtkWidget *view;
  GListModel *model;
  g_autoptr(CustodyJobItem) item = NULL;

  show (f, "compliance");
  view = custody_test_find (GTK_WIDGET (page (f, "compliance")),
                                       GTK_TYPE_COLUMN_VIEW, NULL);
  model = G_LIST_MODEL (gtk_column_view_get_model (GTK_COLUMN_VIEW (view)));
  g_assert_cmpint (g_list_model_get_n_items (model), ==, 1);
  item = g_list_model_get_item (model, 0);
  return custody_job_item_get_status (item);
}

/* Chooses @at in @view's as-of button, as a user does. */
static void
choose_moment (Fixture    *f,
               const char *view,
               gint64      at)
{
  GtkWidget *button = custody_test_find (GTK_WIDGET (page (f, view)),
                                         CUSTODY_TYPE_AS_OF_BUTTON, NULL);
  g_autoptr(GDateTime) moment = g_date_time_new_from_unix_local (at);
  g_autoptr(GPtrArray) spins = g_ptr_array_new ();
  GtkWidget *calendar;

  g_assert_nonnull (button);
  custody_as_of_button_popup (CUSTODY_AS_OF_BUTTON (button));
  custody_test_iterate (50);
  calendar = custody_test_find (button, GTK_TYPE_CALENDAR, NULL);
  custody_test_collect (button, GTK_TYPE_SPIN_BUTTON, spins);
  g_assert_cmpint (spins->len, ==, 2);
  gtk_calendar_select_day (GTK_CALENDAR (calendar), moment);
  gtk_spin_button_set_value (g_ptr_array_index (spins, 0), g_date_time_get_hour (moment));
  gtk_spin_button_set_value (g_ptr_array_index (spins, 1), g_date_time_get_minute (moment));
  g_assert_true (gtk_widget_activate_action (button, "as-of.show", NULL));
}

static void
show (Fixture    *f,
      const char *view)
{
  custody_window_show_view (f->window, view);
  custody_test_iterate (100);
}

static void
wait_for_past (Fixture *f)
{
  g_assert_true (custody_test_wait_for (past_read, f, TIMEOUT_MS));
  custody_test_iterate (200);
}

/* Media reads when it is shown. */
static gboolean
tape_in_vault (gpointer data)
{
  if (!gtk_widget_get_mapped (GTK_WIDGET (page (data, "media"))))
    show (data, "media");
  return g_strcmp0 (tape_location (data), "Vault") == 0;
}

static gboolean
tape_in_library (gpointer data)
{
  if (!gtk_widget_get_mapped (GTK_WIDGET (page (data, "media"))))
    show (data, "media");
  return g_strcmp0 (tape_location (data), "Library") == 0;
}

static gboolean
media_listed (gpointer data)
{
  Fixture *f = data;

  return custody_media_page_get_n_shown (CUSTODY_MEDIA_PAGE (page (f, "media"))) > 0;
}

static void
open_alpha_and_tape (Fixture *f)
{
  show (f, "jobs");
  custody_jobs_page_select_job (CUSTODY_JOBS_PAGE (page (f, "jobs")), "alpha");
  show (f, "media");
  custody_media_page_show_inventory (CUSTODY_MEDIA_PAGE (page (f, "media")));
  g_assert_true (custody_test_wait_for (media_listed, f, TIMEOUT_MS));
  custody_media_page_select_volume (CUSTODY_MEDIA_PAGE (page (f, "media")), VOLSER);
  g_assert_true (custody_test_wait_for (tape_in_library, f, TIMEOUT_MS));
}

/*
 * Tests
 */

static void
test_every_view_follows (Fixture       *f,
                         gconstpointer  data)
{
  static const char *views[] = { "overview", "jobs", "media", "compliance" };

  open_alpha_and_tape (f);

  /* Now: the tape is in the library, alpha breaks the rule. */
  g_assert_cmpstr (tape_location (f), ==, "Library");
  g_assert_true (job_shown_as (f, CUSTODY_STATUS_VIOLATION));
  g_assert_cmpint (compliance_status (f), ==, CUSTODY_STATUS_VIOLATION);
  g_assert_cmpstr (overview_headline (f), ==, "1 job breaks the rule");
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    assert_banner (f, views[i], FALSE);
  g_assert_true (button_enabled (f, "jobs", "jobs.add"));
  g_assert_true (button_enabled (f, "media", "media.move"));

  /* Two days ago, chosen in the Media view. */
  choose_moment (f, "media", f->then);
  g_assert_cmpint (custody_session_get_as_of (session (f)), ==, f->then);
  wait_for_past (f);
  g_assert_true (custody_test_wait_for (tape_in_vault, f, TIMEOUT_MS));

  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      show (f, views[i]);
      assert_banner (f, views[i], TRUE);
    }
  g_assert_cmpstr (overview_headline (f), ==, "The job is safe");
  g_assert_true (job_shown_as (f, CUSTODY_STATUS_COMPLIANT));
  g_assert_cmpint (custody_jobs_page_get_n_shown (CUSTODY_JOBS_PAGE (page (f, "jobs"))), ==, 1);
  g_assert_cmpstr (jobs_list_state (f), ==, "list");
  g_assert_cmpint (compliance_status (f), ==, CUSTODY_STATUS_COMPLIANT);
  g_assert_cmpint (custody_compliance_page_get_as_of (CUSTODY_COMPLIANCE_PAGE (page (f,
                                                                                "compliance"))),
                   ==, f->then);

  /* Reports make their documents as of the same moment. */
  g_assert_true (reports_as_of (f, f->then));

  /* The past is read, not written. */
  g_assert_false (button_enabled (f, "jobs", "jobs.add"));
  g_assert_false (button_enabled (f, "media", "media.move"));
  g_assert_null (custody_media_page_open_scan (CUSTODY_MEDIA_PAGE (page (f, "media")), -1));

  /* Return to Now, from the Compliance view's banner, brings all back. */
  show (f, "compliance");
  gtk_widget_activate (custody_test_find (GTK_WIDGET (banner_revealer (f, "compliance")),
                                          GTK_TYPE_BUTTON, _("_Return to Now")));
  custody_test_iterate (400);
  g_assert_cmpint (custody_session_get_as_of (session (f)), ==, CUSTODY_TIME_NONE);
  g_assert_true (custody_test_wait_for (tape_in_library, f, TIMEOUT_MS));
  custody_test_iterate (200);
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    assert_banner (f, views[i], FALSE);
  g_assert_cmpstr (overview_headline (f), ==, "1 job breaks the rule");
  g_assert_true (job_shown_as (f, CUSTODY_STATUS_VIOLATION));
  g_assert_cmpint (compliance_status (f), ==, CUSTODY_STATUS_VIOLATION);
  g_assert_true (button_enabled (f, "jobs", "jobs.add"));
  g_assert_true (button_enabled (f, "media", "media.move"));
  g_assert_true (reports_as_of (f, CUSTODY_TIME_NONE));
}

/* A moment chosen while another is still being read wins. */
static void
test_latest_moment_wins (Fixture       *f,
                         gconstpointer  data)
{
  open_alpha_and_tape (f);

  /* Nine days ago the tape was still in the library. */
  custody_session_set_as_of (session (f), f->now - 9 * DAY);
  custody_session_set_as_of (session (f), f->then);
  wait_for_past (f);
  g_assert_true (custody_test_wait_for (tape_in_vault, f, TIMEOUT_MS));
  custody_test_iterate (300);
  g_assert_cmpstr (tape_location (f), ==, "Vault");
  g_assert_true (job_shown_as (f, CUSTODY_STATUS_COMPLIANT));

  /* And the other way round. */
  custody_session_set_as_of (session (f), f->then);
  custody_session_set_as_of (session (f), f->now - 9 * DAY);
  wait_for_past (f);
  g_assert_true (custody_test_wait_for (tape_in_library, f, TIMEOUT_MS));
  g_assert_cmpstr (overview_headline (f), !=, "The job is safe");
}

/* Ctrl+T opens the view's moment chooser; Alt+Home returns to now. */
static void
test_keyboard (Fixture       *f,
               gconstpointer  data)
{
  GtkWidget *button;
  GtkWidget *popover;

  show (f, "jobs");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.choose-moment", NULL));
  custody_test_iterate (100);
  button = custody_test_find (GTK_WIDGET (page (f, "jobs")), CUSTODY_TYPE_AS_OF_BUTTON, NULL);
  popover = custody_test_find (button, GTK_TYPE_POPOVER, NULL);
  g_assert_true (gtk_widget_get_visible (popover));
  g_assert_true (gtk_widget_has_focus (custody_test_find (popover, GTK_TYPE_CALENDAR, NULL)));
  gtk_popover_popdown (GTK_POPOVER (popover));

  custody_session_set_as_of (session (f), f->then);
  wait_for_past (f);
  assert_banner (f, "jobs", TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.return-to-now", NULL));
  g_assert_cmpint (custody_session_get_as_of (session (f)), ==, CUSTODY_TIME_NONE);
  custody_test_iterate (100);
  assert_banner (f, "jobs", FALSE);
}

/* CUSTODY_TEST_SCREENSHOTS=DIR: each view at the moment, light and dark,
 * wide and narrow, in the language the test runs in. */
static void
test_screenshots (Fixture       *f,
                  gconstpointer  data)
{
  static const char *views[] = { "overview", "jobs", "media", "compliance" };
  static const struct { const char *name; int width, height; } sizes[] = {
    { "wide", 1200, 800 }, { "narrow", 360, 720 },
  };
  AdwStyleManager *style = adw_style_manager_get_default ();
  const char *language = g_getenv ("LANGUAGE");
  const char *suffix = language != NULL && g_str_has_prefix (language, "ja") ? "-ja" : "";

  if (g_getenv ("CUSTODY_TEST_SCREENSHOTS") == NULL)
    {
      g_test_skip ("CUSTODY_TEST_SCREENSHOTS is not set");
      return;
    }

  open_alpha_and_tape (f);
  choose_moment (f, "overview", f->then);
  wait_for_past (f);
  g_assert_true (custody_test_wait_for (tape_in_vault, f, TIMEOUT_MS));

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    for (guint dark = 0; dark < 2; dark++)
      {
        gtk_window_set_default_size (GTK_WINDOW (f->window), sizes[s].width, sizes[s].height);
        adw_style_manager_set_color_scheme (style, dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                                        : ADW_COLOR_SCHEME_FORCE_LIGHT);
        for (guint v = 0; v < G_N_ELEMENTS (views); v++)
          {
            g_autofree char *name = g_strdup_printf ("asof-%s-%s-%s%s.png", views[v],
                                                     sizes[s].name, dark ? "dark" : "light",
                                                     suffix);

            show (f, views[v]);
            /* Narrow, the jobs and media views show the chosen item. */
            if (g_str_equal (views[v], "jobs"))
              custody_jobs_page_select_job (CUSTODY_JOBS_PAGE (page (f, "jobs")), "alpha");
            if (g_str_equal (views[v], "media"))
              custody_media_page_select_volume (CUSTODY_MEDIA_PAGE (page (f, "media")), VOLSER);
            custody_test_iterate (400);
            custody_test_save_screenshot (GTK_WIDGET (f->window), name);
          }
      }
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
}

int
main (int   argc,
      char *argv[])
{
  const char *localedir = g_getenv ("CUSTODY_LOCALEDIR");

  custody_test_ui_init (&argc, &argv);
  /* CUSTODY_LOCALEDIR=_build/po LANGUAGE=ja: the screenshots in Japanese. */
  if (localedir != NULL)
    {
      setlocale (LC_ALL, "");
      bindtextdomain (GETTEXT_PACKAGE, localedir);
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      textdomain (GETTEXT_PACKAGE);
    }

#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/ui/as-of/every-view-follows", test_every_view_follows);
  ADD ("/ui/as-of/latest-moment-wins", test_latest_moment_wins);
  ADD ("/ui/as-of/keyboard", test_keyboard);
  ADD ("/ui/as-of/screenshots", test_screenshots);

  return g_test_run ();
}
