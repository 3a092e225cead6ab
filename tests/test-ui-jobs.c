/* test-ui-jobs.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The jobs page's dialogs on a real store, answered as a user would:
 * deleting a copy asks first, and the editors go with the window; Undo
 * brings the deleted job back selected, a job opens at its top, and an
 * empty store shows one empty state.
 */
#include "config.h"

#include "custody-copy-editor.h"
#include "custody-job-detail.h"
#include "custody-job-editor.h"
#include "custody-job-item.h"
#include "custody-job-row.h"
#include "custody-jobs-page.h"
#include "custody-session.h"
#include "custody-store.h"
#include "custody-store-test-utils.h"
#include "custody-ui-test-utils.h"
#include "custody-window.h"

/* The fixture's data: a window width, or this for a store without jobs. */
#define EMPTY_STORE -1

typedef struct
{
  char          *dir;
  char          *db;
  CustodyWindow *window;
} Fixture;

static void
add_copy (CustodyStore *store,
          const char   *job,
          const char   *name)
{
  g_autoptr(CustodyCopy) copy = custody_copy_new ();
  g_autoptr(GError) error = NULL;

  copy->job = g_strdup (job);
  copy->name = g_strdup (name);
  copy->media_type = CUSTODY_MEDIA_TYPE_DISK;
  copy->location = g_strdup ("NAS");
  g_assert_true (custody_store_add_copy (store, copy, &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CustodyStore) store = NULL;
  g_autoptr(CustodyJob) job = custody_job_new ();

  f->dir = custody_test_make_tmpdir ();
  f->db = g_build_filename (f->dir, "custody.db", NULL);
  store = custody_store_open (f->db, CUSTODY_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  if (GPOINTER_TO_INT (data) == EMPTY_STORE)
    return;
  g_assert_true (custody_store_add_location (store, "NAS", CUSTODY_LOCATION_ONSITE_REPO,
                                             &error));
  job->name = g_strdup ("mail");
  g_assert_true (custody_store_add_job (store, job, &error));
  g_assert_no_error (error);
  add_copy (store, "mail", "nas");
  add_copy (store, "mail", "usb");
  /* Another job, before "mail" in the list. */
  custody_test_add_job (store, "crm");
  add_copy (store, "crm", "nas");
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

static gboolean
session_loaded (gpointer data)
{
  CustodySession *session = custody_window_get_session (data);
  return session != NULL && custody_session_get_loaded (session);
}

static CustodyJobsPage *
open_jobs (Fixture *f,
           int      width)
{
  f->window = custody_window_new (NULL, f->db);
  if (width > 0)
    gtk_window_set_default_size (GTK_WINDOW (f->window), width, 700);
  gtk_window_present (GTK_WINDOW (f->window));
  g_assert_true (custody_test_wait_for (session_loaded, f->window, 10000));
  custody_window_show_view (f->window, "jobs");
  custody_test_iterate (50);
  return CUSTODY_JOBS_PAGE (custody_window_get_page (f->window, "jobs"));
}

static CustodyJobsPage *
open_on_mail (Fixture *f)
{
  CustodyJobsPage *page = open_jobs (f, 0);

  custody_jobs_page_select_job (page, "mail");
  custody_test_iterate (50);
  return page;
}

static gboolean
store_has_copy (Fixture    *f,
                const char *name)
{
  g_autoptr(CustodyStore) store = custody_store_open (f->db, CUSTODY_STORE_OPEN_DEFAULT, NULL);
  g_autoptr(GPtrArray) copies = store != NULL ? custody_store_list_copies (store, "mail", NULL)
                                              : NULL;

  for (guint i = 0; copies != NULL && i < copies->len; i++)
    if (g_str_equal (((CustodyCopy *) g_ptr_array_index (copies, i))->name, name))
      return TRUE;
  return FALSE;
}

static gboolean
nas_gone (gpointer data)
{
  return !store_has_copy (data, "nas");
}

static gboolean
toplevel_shown (gpointer data)
{
  return custody_test_find_toplevel (GPOINTER_TO_SIZE (data)) != NULL;
}

static AdwMessageDialog *
ask_to_delete_nas (CustodyJobsPage *page)
{
  AdwMessageDialog *dialog;

  gtk_widget_activate_action (GTK_WIDGET (page), "jobs.delete-copy", "s", "nas");
  g_assert_true (custody_test_wait_for (toplevel_shown,
                                        GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG), 2000));
  dialog = ADW_MESSAGE_DIALOG (custody_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Delete Copy “nas”?");
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==,
                   "Its runs and verifications are deleted with it. "
                   "The backups themselves are not touched.");
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "cancel");
  g_assert_true (adw_message_dialog_get_response_appearance (dialog, "delete") ==
                 ADW_RESPONSE_DESTRUCTIVE);
  return dialog;
}

static void
test_deletes_a_copy_after_asking (Fixture       *f,
                                  gconstpointer  data)
{
  CustodyJobsPage *page = open_on_mail (f);
  AdwMessageDialog *dialog;

  /* Cancelled: nothing is deleted. */
  dialog = ask_to_delete_nas (page);
  adw_message_dialog_response (dialog, "cancel");
  custody_test_iterate (300);
  g_assert_true (store_has_copy (f, "nas"));

  /* Confirmed: that copy goes, the other stays. */
  dialog = ask_to_delete_nas (page);
  adw_message_dialog_response (dialog, "delete");
  g_assert_true (custody_test_wait_for (nas_gone, f, 5000));
  g_assert_true (store_has_copy (f, "usb"));
}

static void
test_editors_go_with_the_window (Fixture       *f,
                                 gconstpointer  data)
{
  CustodyJobsPage *page = open_on_mail (f);

  gtk_widget_activate_action (GTK_WIDGET (page), "jobs.edit", NULL);
  gtk_widget_activate_action (GTK_WIDGET (page), "jobs.edit-copy", "s", "usb");
  g_assert_true (custody_test_wait_for (toplevel_shown,
                                        GSIZE_TO_POINTER (CUSTODY_TYPE_JOB_EDITOR), 2000));
  g_assert_true (custody_test_wait_for (toplevel_shown,
                                        GSIZE_TO_POINTER (CUSTODY_TYPE_COPY_EDITOR), 2000));

  gtk_window_destroy (GTK_WINDOW (f->window));
  f->window = NULL;
  custody_test_iterate (100);
  g_assert_null (custody_test_find_toplevel (CUSTODY_TYPE_JOB_EDITOR));
  g_assert_null (custody_test_find_toplevel (CUSTODY_TYPE_COPY_EDITOR));
}

static CustodyJobDetail *
detail_of (CustodyJobsPage *page)
{
  return CUSTODY_JOB_DETAIL (custody_test_find (GTK_WIDGET (page), CUSTODY_TYPE_JOB_DETAIL,
                                                NULL));
}

static const char *
shown_job (CustodyJobsPage *page)
{
  CustodyJobItem *item = custody_job_detail_get_item (detail_of (page));

  return item != NULL ? custody_job_item_get_name (item) : NULL;
}

/* The job the list has selected, by its row: NULL for none. The list is
 * the page's list view that selects (the run history only shows). */
static const char *
selected_job (CustodyJobsPage *page)
{
  g_autoptr(GPtrArray) lists = g_ptr_array_new ();

  custody_test_collect (GTK_WIDGET (page), GTK_TYPE_LIST_VIEW, lists);
  for (guint i = 0; i < lists->len; i++)
    {
      GtkSelectionModel *model = gtk_list_view_get_model (g_ptr_array_index (lists, i));
      GObject *item;

      if (!GTK_IS_SINGLE_SELECTION (model))
        continue;
      item = gtk_single_selection_get_selected_item (GTK_SINGLE_SELECTION (model));
      return item != NULL ? custody_job_item_get_name (CUSTODY_JOB_ITEM (item)) : NULL;
    }
  g_assert_not_reached ();
  return NULL;
}

static gboolean
shows_two_jobs (gpointer page)
{
  return custody_jobs_page_get_n_shown (page) == 2;
}

static void
delete_and_undo (Fixture         *f,
                 CustodyJobsPage *page)
{
  GtkWidget *undo;

  gtk_widget_activate_action (GTK_WIDGET (page), "jobs.delete", NULL);
  custody_test_iterate (100);
  g_assert_cmpuint (custody_jobs_page_get_n_shown (page), ==, 1);
  g_assert_null (shown_job (page));
  undo = custody_test_find (GTK_WIDGET (f->window), GTK_TYPE_BUTTON, "_Undo");
  g_assert_nonnull (undo);
  gtk_widget_activate (undo);
  g_assert_true (custody_test_wait_for (shows_two_jobs, page, 2000));
}

/* Undo brings the job back as it was: selected in the list and shown,
 * beside the list or, folded, on its own. */
static void
test_undo_selects_the_restored_job (Fixture       *f,
                                    gconstpointer  data)
{
  CustodyJobsPage *page = open_jobs (f, GPOINTER_TO_INT (data));
  AdwLeaflet *leaflet;

  custody_jobs_page_select_job (page, "mail");
  custody_test_iterate (100);
  leaflet = ADW_LEAFLET (custody_test_find (GTK_WIDGET (page), ADW_TYPE_LEAFLET, NULL));
  g_assert_cmpint (adw_leaflet_get_folded (leaflet), ==, GPOINTER_TO_INT (data) < 600);

  delete_and_undo (f, page);
  g_assert_cmpstr (selected_job (page), ==, "mail");
  g_assert_cmpstr (shown_job (page), ==, "mail");
  g_assert_true (adw_leaflet_get_visible_child (leaflet) == GTK_WIDGET (detail_of (page)));
}

static GtkAdjustment *
detail_scroll (CustodyJobsPage *page)
{
  GtkWidget *rules = custody_test_find (GTK_WIDGET (detail_of (page)),
                                        ADW_TYPE_PREFERENCES_GROUP, NULL);
  GtkWidget *scrolled = gtk_widget_get_ancestor (rules, GTK_TYPE_SCROLLED_WINDOW);

  return gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
}

/* A job scrolled down to its details, then another opened: the other
 * starts at its top, folded or not. */
static void
test_opened_job_starts_at_the_top (Fixture       *f,
                                   gconstpointer  data)
{
  CustodyJobsPage *page = open_jobs (f, GPOINTER_TO_INT (data));
  GtkAdjustment *adj;

  custody_jobs_page_select_job (page, "mail");
  custody_test_iterate (300);
  adj = detail_scroll (page);
  g_assert_cmpfloat (gtk_adjustment_get_upper (adj) - gtk_adjustment_get_page_size (adj), >,
                     100);
  gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj));
  custody_test_iterate (100);
  g_assert_cmpfloat (gtk_adjustment_get_value (adj), >, 100);

  custody_jobs_page_select_job (page, "crm");
  custody_test_iterate (300);
  g_assert_cmpstr (shown_job (page), ==, "crm");
  g_assert_cmpfloat (gtk_adjustment_get_value (adj), ==, 0);
}

static void
collect_shown_status_pages (GtkWidget *widget,
                            GPtrArray *found)
{
  if (!gtk_widget_get_child_visible (widget) || !gtk_widget_get_visible (widget))
    return;
  if (ADW_IS_STATUS_PAGE (widget))
    g_ptr_array_add (found, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_shown_status_pages (child, found);
}

/* A store without jobs: one empty state says so and offers the ways in,
 * not a second "No Job Selected" beside it. */
static void
test_empty_store_shows_one_empty_state (Fixture       *f,
                                        gconstpointer  data)
{
  CustodyJobsPage *page = open_jobs (f, 1100);
  g_autoptr(GPtrArray) shown = g_ptr_array_new ();
  g_autoptr(CustodyStore) store = NULL;
  g_autoptr(GError) error = NULL;

  custody_test_iterate (200);
  collect_shown_status_pages (GTK_WIDGET (page), shown);
  g_assert_cmpuint (shown->len, ==, 1);
  g_assert_cmpstr (adw_status_page_get_title (g_ptr_array_index (shown, 0)), ==, "No Jobs Yet");
  /* It is the page's whole width, not a column beside an empty half. */
  g_assert_cmpint (gtk_widget_get_width (g_ptr_array_index (shown, 0)), >,
                   gtk_widget_get_width (GTK_WIDGET (page)) - 10);

  /* A job added: the list and the detail beside it come back. */
  store = custody_store_open (f->db, CUSTODY_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  custody_test_add_job (store, "mail");
  custody_session_reload (custody_window_get_session (f->window));
  custody_test_iterate (500);
  g_assert_cmpuint (custody_jobs_page_get_n_shown (page), ==, 1);
  g_ptr_array_set_size (shown, 0);
  collect_shown_status_pages (GTK_WIDGET (page), shown);
  g_assert_cmpuint (shown->len, ==, 1);
  g_assert_cmpstr (adw_status_page_get_title (g_ptr_array_index (shown, 0)), ==,
                   "No Job Selected");
}

/* The list's row that shows the job @name: its GtkListItemWidget. */
static GtkWidget *
job_row (CustodyJobsPage *page,
         const char      *name)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  custody_test_collect (GTK_WIDGET (page), CUSTODY_TYPE_JOB_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    {
      CustodyJobItem *item = custody_job_row_get_item (g_ptr_array_index (rows, i));

      if (item != NULL && g_str_equal (custody_job_item_get_name (item), name))
        return gtk_widget_get_parent (g_ptr_array_index (rows, i));
    }
  return NULL;
}

static gboolean
row_highlighted (GtkWidget *row)
{
  return (gtk_widget_get_state_flags (row) & GTK_STATE_FLAG_SELECTED) != 0;
}

/* The pointer passing over the list leaves the highlight on the job that
 * is open: the highlight says which job the detail shows. */
static void
test_hover_leaves_the_highlight (Fixture       *f,
                                 gconstpointer  data)
{
  CustodyJobsPage *page;

  if (!custody_test_can_xdotool ())
    {
      g_test_skip ("xdotool on X11 is needed to move the pointer");
      return;
    }

  page = open_jobs (f, 1100);
  custody_jobs_page_select_job (page, "mail");
  custody_test_iterate (300);
  g_assert_true (row_highlighted (job_row (page, "mail")));

  /* A click opens the job under the pointer, highlighted. */
  custody_test_pointer_over (job_row (page, "crm"), TRUE);
  g_assert_cmpstr (shown_job (page), ==, "crm");
  g_assert_true (row_highlighted (job_row (page, "crm")));
  g_assert_false (row_highlighted (job_row (page, "mail")));

  /* The keyboard moves the highlight, and the job beside it follows. */
  custody_test_xdotool ((const char *[]) { "key", "Down", NULL });
  g_assert_cmpstr (selected_job (page), ==, "mail");
  g_assert_cmpstr (shown_job (page), ==, "mail");

  /* The pointer passing over the other row leaves both. */
  custody_test_pointer_over (job_row (page, "mail"), FALSE);
  custody_test_pointer_over (job_row (page, "crm"), FALSE);
  g_assert_cmpstr (shown_job (page), ==, "mail");
  g_assert_cmpstr (selected_job (page), ==, "mail");
  g_assert_false (row_highlighted (job_row (page, "crm")));
  g_assert_true (row_highlighted (job_row (page, "mail")));
}

/* Folded, a click on a job opens it in place of the list. */
static void
test_click_opens_the_job_folded (Fixture       *f,
                                 gconstpointer  data)
{
  CustodyJobsPage *page;
  AdwLeaflet *leaflet;

  if (!custody_test_can_xdotool ())
    {
      g_test_skip ("xdotool on X11 is needed to click");
      return;
    }

  page = open_jobs (f, 400);
  leaflet = ADW_LEAFLET (custody_test_find (GTK_WIDGET (page), ADW_TYPE_LEAFLET, NULL));
  g_assert_true (adw_leaflet_get_folded (leaflet));
  custody_test_iterate (300);
  custody_test_pointer_over (job_row (page, "crm"), TRUE);
  g_assert_cmpstr (shown_job (page), ==, "crm");
  g_assert_cmpstr (selected_job (page), ==, "crm");
  g_assert_true (adw_leaflet_get_visible_child (leaflet) == GTK_WIDGET (detail_of (page)));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  custody_test_load_style ();

  g_test_add ("/ui/jobs/deletes-a-copy-after-asking", Fixture, NULL, fixture_set_up,
              test_deletes_a_copy_after_asking, fixture_tear_down);
  g_test_add ("/ui/jobs/editors-go-with-the-window", Fixture, NULL, fixture_set_up,
              test_editors_go_with_the_window, fixture_tear_down);
  g_test_add ("/ui/jobs/undo-selects-the-restored-job/wide", Fixture, GINT_TO_POINTER (1100),
              fixture_set_up, test_undo_selects_the_restored_job, fixture_tear_down);
  g_test_add ("/ui/jobs/undo-selects-the-restored-job/narrow", Fixture, GINT_TO_POINTER (400),
              fixture_set_up, test_undo_selects_the_restored_job, fixture_tear_down);
  g_test_add ("/ui/jobs/opened-job-starts-at-the-top/wide", Fixture, GINT_TO_POINTER (1100),
              fixture_set_up, test_opened_job_starts_at_the_top, fixture_tear_down);
  g_test_add ("/ui/jobs/opened-job-starts-at-the-top/narrow", Fixture, GINT_TO_POINTER (400),
              fixture_set_up, test_opened_job_starts_at_the_top, fixture_tear_down);
  g_test_add ("/ui/jobs/hover-leaves-the-highlight", Fixture, NULL, fixture_set_up,
              test_hover_leaves_the_highlight, fixture_tear_down);
  g_test_add ("/ui/jobs/click-opens-the-job-folded", Fixture, NULL, fixture_set_up,
              test_click_opens_the_job_folded, fixture_tear_down);
  g_test_add ("/ui/jobs/empty-store-shows-one-empty-state", Fixture,
              GINT_TO_POINTER (EMPTY_STORE),
              fixture_set_up, test_empty_store_shows_one_empty_state, fixture_tear_down);

  return g_test_run ();
}
