/* test-ui-jobs.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The jobs page's dialogs on a real store, answered as a user would:
 * deleting a copy asks first, and the editors go with the window.
 */
#include "config.h"

#include "custody-copy-editor.h"
#include "custody-job-editor.h"
#include "custody-jobs-page.h"
#include "custody-session.h"
#include "custody-store.h"
#include "custody-ui-test-utils.h"
#include "custody-window.h"

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
  g_assert_true (custody_store_add_location (store, "NAS", CUSTODY_LOCATION_ONSITE_REPO,
                                             &error));
  job->name = g_strdup ("mail");
  g_assert_true (custody_store_add_job (store, job, &error));
  g_assert_no_error (error);
  add_copy (store, "mail", "nas");
  add_copy (store, "mail", "usb");
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
open_on_mail (Fixture *f)
{
  CustodyJobsPage *page;

  f->window = custody_window_new (NULL, f->db);
  gtk_window_present (GTK_WINDOW (f->window));
  g_assert_true (custody_test_wait_for (session_loaded, f->window, 10000));
  custody_window_show_view (f->window, "jobs");
  page = CUSTODY_JOBS_PAGE (custody_window_get_page (f->window, "jobs"));
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

  return g_test_run ();
}
