/* test-ui-compliance.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Compliance view on a real store, read the way a user reads it: the
 * rows the matrix shows, the text and icon of each cell, the banner. The
 * store, made with the store API, holds three jobs:
 *
 *   alpha    compliant now; its tape left the library for the vault 3 h
 *            ago, so 4 h ago it failed 1-offsite and 1-offline
 *   bravo    a violation now: its NAS copy's run failed 2 h ago; 4 h ago
 *            it passed 0-errors
 *   charlie  a violation (no copies), added 1 h ago: not there 4 h ago
 */
#include "config.h"

#include <glib/gstdio.h>
#include <adwaita.h>
#include <gdk/x11/gdkx.h>

#include "custody-as-of-button.h"
#include "custody-compliance-page.h"
#include "custody-job-detail.h"
#include "custody-job-item.h"
#include "custody-job-row.h"
#include "custody-jobs-page.h"
#include "custody-session.h"
#include "custody-store-test-utils.h"
#include "custody-store.h"
#include "custody-time.h"
#include "custody-ui-test-utils.h"
#include "custody-window.h"

#define HOUR ((gint64) 3600)
#define DAY  (24 * HOUR)
#define TIMEOUT_S 20

enum { CELL_JOB, CELL_STATUS, CELL_RULE };

/* The fixture's store and window: data of g_test_add. */
enum { FIXTURE_WIDE, FIXTURE_EMPTY, FIXTURE_NARROW };

typedef struct
{
  char                  *dir;
  char                  *db_path;
  gint64                 now;
  CustodySession        *session;
  GtkWindow             *window;
  CustodyCompliancePage *page;
} Fixture;

/*
 * Making the store
 */

static void
make_store (Fixture *f)
{
  g_autoptr(CustodyStore) store = NULL;
  g_autoptr(CustodyMedium) medium = custody_medium_new ();
  g_autoptr(CustodyMovement) move = custody_movement_new ();
  g_autoptr(GError) error = NULL;
  const char *volsers[] = { "A00001L8", NULL };
  gint64 now = f->now;

  store = custody_store_open (f->db_path, CUSTODY_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);

  /* Everything but charlie exists since ten days ago. */
  custody_store_set_clock (store, now - 10 * DAY);
  custody_test_add_location (store, "Library", CUSTODY_LOCATION_LIBRARY);
  custody_test_add_location (store, "Vault", CUSTODY_LOCATION_OFFSITE_VAULT);
  custody_test_add_location (store, "NAS", CUSTODY_LOCATION_ONSITE_REPO);
  custody_test_add_location (store, "Cloud", CUSTODY_LOCATION_OFFSITE_REPO);

  medium->volser = g_strdup (volsers[0]);
  medium->type = g_strdup ("LTO-8");
  medium->status = CUSTODY_MEDIUM_IN_USE;
  custody_store_add_medium (store, medium, "Library", &error);
  g_assert_no_error (error);

  custody_test_add_job_full (store, "alpha", NULL, 72, 30);
  custody_test_add_copy (store, "alpha", "nas", CUSTODY_MEDIA_TYPE_DISK, "NAS", FALSE);
  custody_test_add_copy (store, "alpha", "tape", CUSTODY_MEDIA_TYPE_TAPE, NULL, FALSE);
  custody_test_add_job_full (store, "bravo", NULL, 72, 30);
  custody_test_add_copy (store, "bravo", "nas", CUSTODY_MEDIA_TYPE_DISK, "NAS", FALSE);
  custody_test_add_copy (store, "bravo", "cloud", CUSTODY_MEDIA_TYPE_OBJECT_STORAGE, "Cloud",
                         TRUE);

  /* Runs and checks are dated by themselves. */
  custody_store_set_clock (store, CUSTODY_TIME_NONE);
  custody_test_record_run (store, "alpha", "nas", CUSTODY_RUN_SUCCESS, now - 31 * HOUR,
                           now - 30 * HOUR, NULL);
  custody_test_record_run (store, "alpha", "nas", CUSTODY_RUN_SUCCESS, now - 2 * HOUR,
                           now - 1 * HOUR, NULL);
  custody_test_record_run (store, "alpha", "tape", CUSTODY_RUN_SUCCESS, now - 21 * HOUR,
                           now - 20 * HOUR, volsers[0]);
  custody_test_add_verification (store, "alpha", "nas", now - 3 * DAY);
  custody_test_add_verification (store, "alpha", "tape", now - 3 * DAY);

  custody_test_record_run (store, "bravo", "nas", CUSTODY_RUN_SUCCESS, now - 31 * HOUR,
                           now - 30 * HOUR, NULL);
  custody_test_record_run (store, "bravo", "nas", CUSTODY_RUN_FAILED, now - 3 * HOUR,
                           now - 2 * HOUR, NULL);
  custody_test_record_run (store, "bravo", "cloud", CUSTODY_RUN_SUCCESS, now - 6 * HOUR,
                           now - 5 * HOUR, NULL);
  custody_test_add_verification (store, "bravo", "nas", now - 3 * DAY);
  custody_test_add_verification (store, "bravo", "cloud", now - 3 * DAY);

  /* The tape leaves the library 3 h ago. */
  move->to = g_strdup ("Vault");
  move->at = now - 3 * HOUR;
  move->by = g_strdup ("test");
  custody_store_move_media (store, volsers, move, TRUE, &error);
  g_assert_no_error (error);

  custody_store_set_clock (store, now - 1 * HOUR);
  custody_test_add_job_full (store, "charlie", NULL, 72, 30);
}

/*
 * Reading the screen
 */

static void
collect_cells (GtkWidget *widget,
               GPtrArray *cells)
{
  if (gtk_widget_has_css_class (widget, "compliance-cell") && gtk_widget_get_mapped (widget))
    {
      g_ptr_array_add (cells, widget);
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_cells (child, cells);
}

/* The @n-th widget of @type under @widget, depth first. */
static GtkWidget *
find_widget (GtkWidget *widget,
             GType      type,
             guint      n)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  custody_test_collect (widget, type, found);
  g_assert_cmpint (found->len, >, n);
  return g_ptr_array_index (found, n);
}

/* The row a cell is in: the list's child it is under. Wide, a row's
 * cells are in its columns; narrow, they are stacked in its first. */
static GtkWidget *
cell_row (GtkWidget *cell)
{
  GtkWidget *row = cell;

  while (row != NULL && !GTK_IS_LIST_VIEW (gtk_widget_get_parent (row)))
    row = gtk_widget_get_parent (row);
  return row;
}

/* The cells of one row, in column order, found by the row's job name. */
static GPtrArray *
row_cells (Fixture    *f,
           const char *job)
{
  g_autoptr(GPtrArray) cells = g_ptr_array_new ();

  collect_cells (GTK_WIDGET (f->page), cells);

  for (guint i = 0; i < cells->len; i++)
    {
      GtkWidget *cell = g_ptr_array_index (cells, i);
      GtkWidget *row = cell_row (cell);
      GPtrArray *found;

      if (!GTK_IS_LABEL (cell) || g_strcmp0 (gtk_label_get_text (GTK_LABEL (cell)), job) != 0)
        continue;

      found = g_ptr_array_new ();
      for (guint j = 0; j < cells->len; j++)
        {
          GtkWidget *other = g_ptr_array_index (cells, j);
          if (cell_row (other) == row)
            g_ptr_array_add (found, other);
        }
      return found;
    }

  return NULL;
}

static gboolean
has_row (Fixture    *f,
         const char *job)
{
  g_autoptr(GPtrArray) cells = row_cells (f, job);

  return cells != NULL;
}

static const char *
cell_text (GtkWidget *cell)
{
  if (GTK_IS_LABEL (cell))
    return gtk_label_get_text (GTK_LABEL (cell));
  return gtk_label_get_text (GTK_LABEL (gtk_widget_get_last_child (cell)));
}

static const char *
cell_icon (GtkWidget *cell)
{
  return gtk_image_get_icon_name (GTK_IMAGE (gtk_widget_get_first_child (cell)));
}

/* Pass or fail as shown: the icon and the style class agree. */
static gboolean
rule_passes (Fixture     *f,
             const char  *job,
             CustodyRule  rule)
{
  g_autoptr(GPtrArray) cells = row_cells (f, job);
  GtkWidget *cell;
  gboolean pass;

  g_assert_nonnull (cells);
  g_assert_cmpint (cells->len, ==, CELL_RULE + CUSTODY_N_RULES);
  cell = g_ptr_array_index (cells, CELL_RULE + rule);

  pass = g_str_equal (cell_icon (cell), "emblem-ok-symbolic");
  g_assert_true (pass || g_str_equal (cell_icon (cell), "dialog-error-symbolic"));
  g_assert_true (gtk_widget_has_css_class (cell, pass ? "success" : "error"));
  g_assert_false (gtk_widget_has_css_class (cell, pass ? "error" : "success"));

  return pass;
}

static char *
status_text (Fixture    *f,
             const char *job)
{
  g_autoptr(GPtrArray) cells = row_cells (f, job);

  g_assert_nonnull (cells);
  return g_strdup (cell_text (g_ptr_array_index (cells, CELL_STATUS)));
}

static guint
n_rows (Fixture *f)
{
  GtkWidget *view = find_widget (GTK_WIDGET (f->page), GTK_TYPE_COLUMN_VIEW, 0);
  GtkSelectionModel *model = gtk_column_view_get_model (GTK_COLUMN_VIEW (view));

  return g_list_model_get_n_items (G_LIST_MODEL (model));
}

static guint
n_shown_rows (Fixture *f)
{
  g_autoptr(GPtrArray) cells = g_ptr_array_new ();
  guint n = 0;

  collect_cells (GTK_WIDGET (f->page), cells);
  for (guint i = 0; i < cells->len; i++)
    n += GTK_IS_LABEL (g_ptr_array_index (cells, i)) ? 1 : 0;
  return n;
}

static const char *
visible_state (Fixture *f)
{
  g_autoptr(GPtrArray) stacks = g_ptr_array_new ();

  /* The page's own stack, not one inside a widget it uses. */
  custody_test_collect (GTK_WIDGET (f->page), GTK_TYPE_STACK, stacks);
  for (guint i = 0; i < stacks->len; i++)
    {
      GtkStack *stack = g_ptr_array_index (stacks, i);

      if (gtk_stack_get_child_by_name (stack, "matrix") != NULL)
        return gtk_stack_get_visible_child_name (stack);
    }

  g_assert_not_reached ();
}

/* The banner over the matrix (the search bar has a revealer too). */
static GtkWidget *
banner_revealer (Fixture *f)
{
  g_autoptr(GPtrArray) revealers = g_ptr_array_new ();

  custody_test_collect (GTK_WIDGET (f->page), GTK_TYPE_REVEALER, revealers);
  for (guint i = 0; i < revealers->len; i++)
    {
      GtkWidget *child = gtk_revealer_get_child (g_ptr_array_index (revealers, i));

      if (child != NULL && gtk_widget_has_css_class (child, "as-of-banner"))
        return g_ptr_array_index (revealers, i);
    }

  g_assert_not_reached ();
}

/* Iterates the main loop until @cond holds, failing after TIMEOUT_S. */
#define WAIT_FOR(cond) G_STMT_START {                                          \
    gint64 deadline_ = g_get_monotonic_time () + TIMEOUT_S * G_USEC_PER_SEC;   \
    while (!(cond))                                                            \
      {                                                                        \
        if (g_get_monotonic_time () > deadline_)                               \
          g_error ("Timed out waiting for %s", #cond);                         \
        if (!g_main_context_iteration (NULL, FALSE))                           \
          g_usleep (1000);                                                     \
      }                                                                        \
  } G_STMT_END

/* Lets pending layout and redraws happen. */
static void
settle (void)
{
  gint64 until = g_get_monotonic_time () + G_USEC_PER_SEC / 5;

  while (g_get_monotonic_time () < until)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
}

/*
 * Fixture
 */

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gboolean empty = GPOINTER_TO_INT (data) == FIXTURE_EMPTY;
  gboolean narrow = GPOINTER_TO_INT (data) == FIXTURE_NARROW;

  f->dir = g_dir_make_tmp ("custody-ui-compliance-XXXXXX", &error);
  g_assert_no_error (error);
  f->db_path = g_build_filename (f->dir, "store.db", NULL);
  f->now = custody_time_now () / 60 * 60;

  if (empty)
    {
      g_autoptr(CustodyStore) store = custody_store_open (f->db_path, CUSTODY_STORE_OPEN_CREATE,
                                                          &error);
      g_assert_no_error (error);
    }
  else
    make_store (f);

  f->session = custody_session_new (f->db_path);
  /* Reloads of its own would only add noise. */
  custody_session_set_poll_interval (f->session, 600 * 1000);
  custody_session_open (f->session);

  f->page = g_object_new (CUSTODY_TYPE_COMPLIANCE_PAGE, NULL);
  custody_page_set_session (CUSTODY_PAGE (f->page), f->session);
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, narrow ? 360 : 1100, 700);
  gtk_window_set_child (f->window, GTK_WIDGET (f->page));
  gtk_window_present (f->window);

  WAIT_FOR (custody_session_get_loaded (f->session));
  settle ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  const char *suffixes[] = { "", "-wal", "-shm" };

  gtk_window_destroy (f->window);
  settle ();
  g_clear_object (&f->session);

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strconcat (f->db_path, suffixes[i], NULL);
      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->db_path);
  g_free (f->dir);
}

/*
 * Tests
 */

static void
test_matrix_now (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *alpha = NULL;
  g_autofree char *bravo = NULL;
  g_autoptr(GPtrArray) bravo_cells = NULL;

  WAIT_FOR (n_shown_rows (f) == 3);
  g_assert_cmpint (n_rows (f), ==, 3);
  g_assert_cmpstr (visible_state (f), ==, "matrix");
  /* Wide, a column each: nothing stacked under the names. */
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->window)), >=, 1000);
  {
    g_autoptr(GPtrArray) cells = row_cells (f, "alpha");
    GtkWidget *name = g_ptr_array_index (cells, CELL_JOB);
    GtkWidget *status = g_ptr_array_index (cells, CELL_STATUS);

    g_assert_cmpint (cells->len, ==, CELL_RULE + CUSTODY_N_RULES);
    g_assert_false (gtk_widget_is_ancestor (status, gtk_widget_get_parent (name)));
  }

  alpha = status_text (f, "alpha");
  bravo = status_text (f, "bravo");
  g_assert_cmpstr (alpha, ==, "Compliant");
  g_assert_cmpstr (bravo, ==, "Violation");

  /* bravo fails zero errors, and says why. */
  g_assert_false (rule_passes (f, "bravo", CUSTODY_RULE_0_ERRORS));
  g_assert_true (rule_passes (f, "bravo", CUSTODY_RULE_3_COPIES));
  bravo_cells = row_cells (f, "bravo");
  g_assert_cmpstr (cell_text (g_ptr_array_index (bravo_cells, CELL_RULE + CUSTODY_RULE_0_ERRORS)),
                   ==, "1");
  g_assert_cmpstr (cell_text (g_ptr_array_index (bravo_cells, CELL_RULE + CUSTODY_RULE_3_COPIES)),
                   ==, "3/3");

  /* alpha's tape is in the vault: off-site and offline. */
  g_assert_true (rule_passes (f, "alpha", CUSTODY_RULE_1_OFFSITE));
  g_assert_true (rule_passes (f, "alpha", CUSTODY_RULE_1_OFFLINE));

  /* charlie has no copies at all. */
  g_assert_false (rule_passes (f, "charlie", CUSTODY_RULE_3_COPIES));
}

/* Whether @widget lies whole within the window and within its column's
 * cell (which clips what overflows it), and is not cut short. */
static gboolean
within_window (Fixture   *f,
               GtkWidget *widget)
{
  graphene_rect_t bounds, cell_bounds;
  GtkWidget *cell = widget;
  int natural;

  while (cell != NULL && !g_str_equal (G_OBJECT_TYPE_NAME (cell), "GtkColumnViewCell") &&
         !g_str_equal (G_OBJECT_TYPE_NAME (cell), "GtkColumnViewCellWidget"))
    cell = gtk_widget_get_parent (cell);
  g_assert_nonnull (cell);

  if (!gtk_widget_get_mapped (widget) ||
      !gtk_widget_compute_bounds (widget, GTK_WIDGET (f->window), &bounds) ||
      !gtk_widget_compute_bounds (cell, GTK_WIDGET (f->window), &cell_bounds) ||
      !graphene_rect_contains_rect (&cell_bounds, &bounds))
    return FALSE;
  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
  return bounds.origin.x >= 0 && bounds.origin.y >= 0 &&
         bounds.origin.x + bounds.size.width <= gtk_widget_get_width (GTK_WIDGET (f->window)) &&
         bounds.origin.y + bounds.size.height <= gtk_widget_get_height (GTK_WIDGET (f->window)) &&
         bounds.size.width >= natural;
}

/* At 360 pixels, each row stacks its status and rules under the job's
 * name: the names and every verdict are on screen, none scrolled off
 * to the side. */
static void
test_narrow (Fixture       *f,
             gconstpointer  data)
{
  const char *jobs[] = { "alpha", "bravo", "charlie" };
  g_autofree char *bravo = NULL;

  WAIT_FOR (n_shown_rows (f) == 3);
  settle ();
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->window)), <=, 400);

  for (guint j = 0; j < G_N_ELEMENTS (jobs); j++)
    {
      g_autoptr(GPtrArray) cells = row_cells (f, jobs[j]);

      g_assert_nonnull (cells);
      g_assert_cmpint (cells->len, ==, CELL_RULE + CUSTODY_N_RULES);
      for (guint c = 0; c < cells->len; c++)
        {
          GtkWidget *cell = g_ptr_array_index (cells, c);

          if (!within_window (f, cell))
            g_error ("%s: cell %u (%s) is not whole on screen", jobs[j], c, cell_text (cell));
        }
    }

  /* The same verdicts as wide, each with its rule's name. */
  bravo = status_text (f, "bravo");
  g_assert_cmpstr (bravo, ==, "Violation");
  g_assert_false (rule_passes (f, "bravo", CUSTODY_RULE_0_ERRORS));
  g_assert_true (rule_passes (f, "bravo", CUSTODY_RULE_3_COPIES));
  g_assert_false (rule_passes (f, "charlie", CUSTODY_RULE_3_COPIES));
  {
    g_autoptr(GPtrArray) cells = row_cells (f, "bravo");

    g_assert_cmpstr (cell_text (g_ptr_array_index (cells, CELL_RULE + CUSTODY_RULE_3_COPIES)), ==,
                     "3 Copies: 3/3");
  }
}

static void
test_filter (Fixture       *f,
             gconstpointer  data)
{
  GtkDropDown *dropdown;
  GtkEditable *search;

  WAIT_FOR (n_shown_rows (f) == 3);

  /* Violations, as the user picks it. */
  dropdown = GTK_DROP_DOWN (find_widget (GTK_WIDGET (f->page), GTK_TYPE_DROP_DOWN, 0));
  gtk_drop_down_set_selected (dropdown, 1);
  g_assert_cmpstr (custody_compliance_page_get_filter (f->page), ==, "violations");
  WAIT_FOR (n_shown_rows (f) == 2);
  g_assert_cmpint (n_rows (f), ==, 2);
  g_assert_false (has_row (f, "alpha"));
  g_assert_true (has_row (f, "bravo"));

  /* Failing a rule, as the Overview links to it. */
  custody_compliance_page_set_filter (f->page, "0-errors");
  g_assert_cmpint (gtk_drop_down_get_selected (dropdown), ==, 3 + CUSTODY_RULE_0_ERRORS);
  WAIT_FOR (n_shown_rows (f) == 1);
  g_assert_true (has_row (f, "bravo"));

  custody_compliance_page_set_filter (f->page, "at-risk");
  WAIT_FOR (n_rows (f) == 0);
  g_assert_cmpstr (visible_state (f), ==, "no-results");

  /* Search narrows the rows too; nothing found says so. */
  custody_compliance_page_set_filter (f->page, "all");
  WAIT_FOR (n_shown_rows (f) == 3);
  search = GTK_EDITABLE (find_widget (GTK_WIDGET (f->page), GTK_TYPE_SEARCH_ENTRY, 0));
  g_assert_true (custody_page_search (CUSTODY_PAGE (f->page)));
  gtk_editable_set_text (search, "charl");
  WAIT_FOR (n_rows (f) == 1);
  g_assert_true (has_row (f, "charlie"));
  gtk_editable_set_text (search, "no such job");
  WAIT_FOR (n_rows (f) == 0);
  g_assert_cmpstr (visible_state (f), ==, "no-results");

  gtk_widget_activate_action (GTK_WIDGET (f->page), "compliance.show-all", NULL);
  WAIT_FOR (n_rows (f) == 3);
  g_assert_cmpstr (gtk_editable_get_text (search), ==, "");
  g_assert_cmpstr (visible_state (f), ==, "matrix");
}

static void
test_as_of (Fixture       *f,
            gconstpointer  data)
{
  gint64 then = f->now - 4 * HOUR;
  g_autoptr(GDateTime) moment = g_date_time_new_from_unix_local (then);
  g_autofree char *when = custody_time_format_local (then);
  g_autofree char *expected = g_strdup_printf ("Showing the state at %s", when);
  g_autofree char *bravo = NULL;
  GtkWidget *calendar, *revealer, *banner;
  GtkSpinButton *hour, *minute;
  GtkMenuButton *button;

  WAIT_FOR (n_shown_rows (f) == 3);
  g_assert_true (rule_passes (f, "alpha", CUSTODY_RULE_1_OFFSITE));
  g_assert_false (rule_passes (f, "bravo", CUSTODY_RULE_0_ERRORS));

  /* Pick the moment in the popover, as a user does. */
  button = GTK_MENU_BUTTON (find_widget (GTK_WIDGET (f->page), GTK_TYPE_MENU_BUTTON, 0));
  gtk_menu_button_popup (button);
  settle ();
  calendar = find_widget (GTK_WIDGET (f->page), GTK_TYPE_CALENDAR, 0);
  hour = GTK_SPIN_BUTTON (find_widget (GTK_WIDGET (f->page), GTK_TYPE_SPIN_BUTTON, 0));
  minute = GTK_SPIN_BUTTON (find_widget (GTK_WIDGET (f->page), GTK_TYPE_SPIN_BUTTON, 1));
  gtk_calendar_select_day (GTK_CALENDAR (calendar), moment);
  gtk_spin_button_set_value (hour, g_date_time_get_hour (moment));
  gtk_spin_button_set_value (minute, g_date_time_get_minute (moment));
  gtk_widget_activate_action (find_widget (GTK_WIDGET (f->page), CUSTODY_TYPE_AS_OF_BUTTON, 0),
                              "as-of.show", NULL);

  g_assert_cmpint (custody_compliance_page_get_as_of (f->page), ==, then);
  WAIT_FOR (!custody_compliance_page_get_busy (f->page));
  WAIT_FOR (n_shown_rows (f) == 2);
  settle ();

  /* charlie did not exist yet. */
  g_assert_cmpint (n_rows (f), ==, 2);
  g_assert_false (has_row (f, "charlie"));

  /* The tape was still in the library; bravo's run had not failed. */
  g_assert_false (rule_passes (f, "alpha", CUSTODY_RULE_1_OFFSITE));
  g_assert_false (rule_passes (f, "alpha", CUSTODY_RULE_1_OFFLINE));
  g_assert_true (rule_passes (f, "alpha", CUSTODY_RULE_3_COPIES));
  g_assert_true (rule_passes (f, "bravo", CUSTODY_RULE_0_ERRORS));
  bravo = status_text (f, "bravo");
  g_assert_cmpstr (bravo, !=, "Violation");

  /* The banner says which moment this is. */
  revealer = banner_revealer (f);
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
  banner = find_widget (revealer, GTK_TYPE_LABEL, 0);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (banner)), ==, expected);

  /* A later request wins over an earlier one still running. */
  custody_compliance_page_set_as_of (f->page, f->now - 9 * DAY);
  custody_compliance_page_set_as_of (f->page, then);
  WAIT_FOR (!custody_compliance_page_get_busy (f->page));
  settle ();
  g_assert_cmpint (n_rows (f), ==, 2);
  g_assert_false (rule_passes (f, "alpha", CUSTODY_RULE_1_OFFSITE));

  /* Back to now. */
  gtk_widget_activate_action (GTK_WIDGET (f->page), "compliance.return-to-now", NULL);
  g_assert_cmpint (custody_compliance_page_get_as_of (f->page), ==, CUSTODY_TIME_NONE);
  WAIT_FOR (n_shown_rows (f) == 3);
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
  g_assert_true (rule_passes (f, "alpha", CUSTODY_RULE_1_OFFSITE));
  g_assert_false (rule_passes (f, "bravo", CUSTODY_RULE_0_ERRORS));
}

static void
test_empty (Fixture       *f,
            gconstpointer  data)
{
  g_assert_cmpint (n_rows (f), ==, 0);
  g_assert_cmpstr (visible_state (f), ==, "empty");
}

/* The Jobs list's row of the job @name, under @root. */
static GtkWidget *
find_job_row (GtkWidget  *root,
              const char *name)
{
  if (CUSTODY_IS_JOB_ROW (root) && custody_job_row_get_item (CUSTODY_JOB_ROW (root)) != NULL
      && g_strcmp0 (custody_job_item_get_name (custody_job_row_get_item (CUSTODY_JOB_ROW (root))),
                    name) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_job_row (child, name);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The bounds, in @window's coordinates, of the list row that shows the
 * job @name under @page: a Jobs row, or the Compliance cell's row. */
static gboolean
row_bounds (GtkWidget       *window,
            GtkWidget       *page,
            const char      *name,
            graphene_rect_t *bounds)
{
  GtkWidget *row = find_job_row (page, name);

  if (row == NULL)
    row = custody_test_find (page, GTK_TYPE_LABEL, name);
  while (row != NULL && !g_str_equal (G_OBJECT_TYPE_NAME (row), "GtkListItemWidget")
         && !g_str_equal (G_OBJECT_TYPE_NAME (row), "GtkColumnViewRowWidget"))
    row = gtk_widget_get_parent (row);
  return row != NULL && gtk_widget_get_mapped (row)
         && gtk_widget_compute_bounds (row, window, bounds);
}

static void
on_exited_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  *(gboolean *) data = TRUE;
}

static CustodyJobItem *
shown_job (CustodyWindow *window)
{
  GtkWidget *jobs = GTK_WIDGET (custody_window_get_page (window, "jobs"));
  GtkWidget *detail = custody_test_find (jobs, CUSTODY_TYPE_JOB_DETAIL, NULL);

  return detail != NULL ? custody_job_detail_get_item (CUSTODY_JOB_DETAIL (detail)) : NULL;
}

/* A double-click on a job in Compliance opens that job in Jobs, not the
 * one the second click lands on once the view has switched. */
static void
test_double_click_opens_the_job (Fixture       *f,
                                 gconstpointer  data)
{
  const char *names[] = { "alpha", "bravo", "charlie" };
  graphene_rect_t jobs_rows[G_N_ELEMENTS (names)];
  CustodyWindow *window;
  GtkWidget *jobs, *compliance;
  const char *clicked = NULL, *under = NULL;
  graphene_point_t point = { 0, };
  double dx, dy;
  g_autoptr(GSubprocess) xdotool = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *x = NULL, *y = NULL, *xid = NULL;
  CustodyJobItem *shown;
  gboolean exited = FALSE;

  if (g_find_program_in_path ("xdotool") == NULL
      || !GDK_IS_X11_DISPLAY (gdk_display_get_default ()))
    {
      g_test_skip ("xdotool on X11 is needed for real clicks");
      return;
    }

  window = custody_window_new (NULL, f->db_path);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 700);
  gtk_window_present (GTK_WINDOW (window));
  WAIT_FOR (custody_session_get_loaded (custody_window_get_session (window)));
  jobs = GTK_WIDGET (custody_window_get_page (window, "jobs"));
  compliance = GTK_WIDGET (custody_window_get_page (window, "compliance"));

  /* Where each job's row is in Jobs, then a job whose row in Compliance
   * lies over another job's row there. */
  custody_window_show_view (window, "jobs");
  settle ();
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_assert_true (row_bounds (GTK_WIDGET (window), jobs, names[i], &jobs_rows[i]));
  custody_window_show_view (window, "compliance");
  settle ();
  for (guint i = 0; i < G_N_ELEMENTS (names) && clicked == NULL; i++)
    {
      graphene_rect_t bounds;

      g_assert_true (row_bounds (GTK_WIDGET (window), compliance, names[i], &bounds));
      graphene_rect_get_center (&bounds, &point);
      point.x = bounds.origin.x + 10;
      for (guint j = 0; j < G_N_ELEMENTS (names); j++)
        if (j != i && graphene_rect_contains_point (&jobs_rows[j], &point))
          {
            clicked = names[i];
            under = names[j];
          }
    }
  g_assert_nonnull (clicked);
  g_test_message ("double-clicking %s in Compliance, over %s in Jobs", clicked, under);

  /* Two real clicks, 80 ms apart, at that point of the X window. */
  gtk_native_get_surface_transform (GTK_NATIVE (window), &dx, &dy);
  x = g_strdup_printf ("%d", (int) (point.x + dx));
  y = g_strdup_printf ("%d", (int) (point.y + dy));
  xid = g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (
                                  gtk_native_get_surface (GTK_NATIVE (window))));
  xdotool = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, "xdotool", "mousemove", "--sync",
                              "--window", xid, x, y, "click", "--repeat", "2", "--delay", "80",
                              "1", NULL);
  g_assert_no_error (error);
  g_subprocess_wait_async (xdotool, NULL, on_exited_cb, &exited);
  WAIT_FOR (exited);
  settle ();
  settle ();

  g_assert_true (gtk_widget_get_mapped (jobs));
  shown = shown_job (window);
  g_assert_nonnull (shown);
  g_assert_cmpstr (custody_job_item_get_name (shown), ==, clicked);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
collect_text (GtkWidget *widget,
              GString   *out)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget))
    g_string_append_printf (out, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_text (child, out);
}

static char *
shown_text (GtkWidget *root)
{
  GString *text = g_string_new (NULL);

  collect_text (root, text);
  return g_string_free (text, FALSE);
}

/* The icon in front of the row titled @title under @root. */
static const char *
row_icon (GtkWidget  *root,
          const char *title)
{
  GtkWidget *row = custody_test_find (root, ADW_TYPE_EXPANDER_ROW, title);
  GtkWidget *image;

  g_assert_nonnull (row);
  image = custody_test_find (row, GTK_TYPE_IMAGE, NULL);
  g_assert_nonnull (image);
  return gtk_image_get_icon_name (GTK_IMAGE (image));
}

/* A job's page explains its figures: production is listed with the
 * copies it is counted with, and a copy that fails 0 errors is not
 * shown as fine. */
static void
test_job_says_why (Fixture       *f,
                   gconstpointer  data)
{
  CustodyWindow *window = custody_window_new (NULL, f->db_path);
  GtkWidget *detail;
  g_autofree char *text = NULL;

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 1400);
  gtk_window_present (GTK_WINDOW (window));
  WAIT_FOR (custody_session_get_loaded (custody_window_get_session (window)));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-job", "s", "bravo");
  WAIT_FOR (shown_job (window) != NULL);
  settle ();
  detail = custody_test_find (GTK_WIDGET (custody_window_get_page (window, "jobs")),
                              CUSTODY_TYPE_JOB_DETAIL, NULL);
  text = shown_text (detail);
  g_test_message ("%s", text);

  /* 3 = production and the two valid copies listed below it. */
  g_assert_nonnull (strstr (text, "Passes: production + 2 valid copies = 3, needs 3"));
  g_assert_nonnull (strstr (text, "Production data\n"));
  g_assert_nonnull (strstr (text, "Fails: 1 error found"));
  g_assert_null (strstr (text, "has 1, needs 0"));

  /* nas counts, but its latest run failed: not a green check. */
  g_assert_nonnull (strstr (text, "Disk · valid, with errors"));
  g_assert_cmpstr (row_icon (detail, "nas"), ==, "window-close-symbolic");
  g_assert_cmpstr (row_icon (detail, "cloud"), ==, "emblem-ok-symbolic");

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int    argc,
      char **argv)
{
  custody_test_ui_init (&argc, &argv);

  g_test_add ("/custody/ui/compliance/narrow", Fixture, GINT_TO_POINTER (FIXTURE_NARROW),
              fixture_set_up, test_narrow, fixture_tear_down);
  g_test_add ("/custody/ui/compliance/matrix-now", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_matrix_now, fixture_tear_down);
  g_test_add ("/custody/ui/compliance/filter", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_filter, fixture_tear_down);
  g_test_add ("/custody/ui/compliance/as-of", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_as_of, fixture_tear_down);
  g_test_add ("/custody/ui/compliance/empty", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_empty, fixture_tear_down);
  g_test_add ("/custody/ui/compliance/job-says-why", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_job_says_why, fixture_tear_down);
  g_test_add ("/custody/ui/compliance/double-click-opens-the-job", Fixture,
              GINT_TO_POINTER (FALSE), fixture_set_up, test_double_click_opens_the_job,
              fixture_tear_down);

  return g_test_run ();
}
