/* test-ui-backups.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Restore from Backup, as a user does it from the primary menu on a real store:
 * the store's backups listed newest first with their time and what they hold,
 * Restore enabled only once one is chosen, the store going back to it with what
 * it was kept as one more backup, and a toast saying so. With
 * CUSTODY_TEST_SCREENSHOTS=DIR it saves what the dialog looks like.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "custody-restore-dialog.h"
#include "custody-store.h"
#include "custody-store-test-utils.h"
#include "custody-ui-test-utils.h"
#include "custody-window.h"

typedef struct
{
  char          *dir;
  char          *db;
  CustodyWindow *window;
} Fixture;

static void
open_window (Fixture *f)
{
  f->window = custody_test_open_window (f->db, 0, 0, 0, 10000);
  custody_test_iterate (50);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = custody_test_make_tmpdir ();
  f->db = g_build_filename (f->dir, "custody.db", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  GtkWindow *dialog = custody_test_find_toplevel (CUSTODY_TYPE_RESTORE_DIALOG);

  if (dialog != NULL)
    gtk_window_destroy (dialog);
  if (f->window != NULL)
    gtk_window_destroy (GTK_WINDOW (f->window));
  custody_test_iterate (50);
  custody_test_remove_tmpdir (f->dir);
  g_free (f->dir);
  g_free (f->db);
}

/* A store with two backups: one job at the first, two at the second, three now. */
static void
make_store_with_backups (Fixture *f)
{
  g_autoptr(CustodyStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = custody_store_open (f->db, CUSTODY_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  custody_test_add_job (store, "payroll");
  g_free (custody_store_backup (store, NULL, 5, &error));
  g_assert_no_error (error);
  custody_test_add_job (store, "mail");
  g_free (custody_store_backup (store, NULL, 5, &error));
  g_assert_no_error (error);
  custody_test_add_job (store, "erp");
}

static gboolean
dialog_shows (gpointer data)
{
  GtkWindow *dialog = custody_test_find_toplevel (CUSTODY_TYPE_RESTORE_DIALOG);
  GtkWidget *stack;

  if (dialog == NULL)
    return FALSE;
  stack = custody_test_find (GTK_WIDGET (dialog), GTK_TYPE_STACK, NULL);
  return g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (stack)), data) == 0;
}

static CustodyRestoreDialog *
open_dialog (Fixture    *f,
             const char *page)
{
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.restore-backup", NULL);
  g_assert_true (custody_test_wait_for (dialog_shows, (gpointer) page, 10000));
  return CUSTODY_RESTORE_DIALOG (custody_test_find_toplevel (CUSTODY_TYPE_RESTORE_DIALOG));
}

static GPtrArray *
rows_of (CustodyRestoreDialog *dialog)
{
  GtkWidget *list = custody_test_find (GTK_WIDGET (dialog), GTK_TYPE_LIST_BOX, NULL);
  GPtrArray *rows = g_ptr_array_new ();

  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (ADW_IS_ACTION_ROW (row))
      g_ptr_array_add (rows, row);
  return rows;
}

static guint
jobs_in_window (Fixture *f)
{
  CustodySession *session = custody_window_get_session (f->window);

  return g_list_model_get_n_items (custody_session_get_jobs (session));
}

static gboolean
has_jobs (gpointer data)
{
  Fixture *f = data;

  return jobs_in_window (f) == 1;
}

static void
test_lists_newest_first_and_restores (Fixture       *f,
                                      gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(CustodyStore) store = NULL;
  g_autoptr(GError) error = NULL;
  CustodyRestoreDialog *dialog;
  GtkWidget *check;
  CustodyBackupInfo *newest;
  /* In the language the test runs in (English, or Japanese for screenshots). */
  g_autofree char *two_jobs = g_strdup_printf (ngettext ("%'lld job", "%'lld jobs", 2), 2LL);
  g_autofree char *one_job = g_strdup_printf (ngettext ("%'lld job", "%'lld jobs", 1), 1LL);

  make_store_with_backups (f);
  open_window (f);
  g_assert_cmpuint (jobs_in_window (f), ==, 3);

  dialog = open_dialog (f, "list");
  rows = rows_of (dialog);
  g_assert_cmpuint (rows->len, ==, 2);
  /* Newest first, each with what it holds. */
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (g_ptr_array_index (rows, 0)),
                                   two_jobs));
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (g_ptr_array_index (rows, 1)),
                                   one_job));
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog),
                                                           "restore"));

  /* Choosing the older one enables Restore. */
  check = adw_action_row_get_activatable_widget (g_ptr_array_index (rows, 1));
  gtk_widget_activate (check);
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog),
                                                          "restore"));
  custody_test_save_screenshot (GTK_WIDGET (dialog), "restore-backup.png");

  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "restore");
  g_assert_true (custody_test_wait_for (has_jobs, f, 10000));

  /* The store as it was is the newest backup now. */
  store = custody_store_open (f->db, CUSTODY_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  backups = custody_store_list_backups (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (backups->len, ==, 3);
  newest = g_ptr_array_index (backups, 0);
  g_assert_cmpint (newest->jobs, ==, 3);
}

static void
test_cancel_changes_nothing (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = NULL;
  CustodyRestoreDialog *dialog;

  make_store_with_backups (f);
  open_window (f);
  dialog = open_dialog (f, "list");
  rows = rows_of (dialog);
  gtk_widget_activate (adw_action_row_get_activatable_widget (g_ptr_array_index (rows, 1)));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  custody_test_iterate (500);
  g_assert_cmpuint (jobs_in_window (f), ==, 3);
}

static void
test_no_backups_yet_says_where_they_go (Fixture       *f,
                                        gconstpointer  data)
{
  g_autoptr(CustodyStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *backups = g_build_filename (f->dir, "backups", NULL);
  CustodyRestoreDialog *dialog;
  GtkWidget *stack;
  GtkWidget *label;

  store = custody_store_open (f->db, CUSTODY_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_clear_object (&store);
  open_window (f);

  dialog = open_dialog (f, "empty");
  stack = custody_test_find (GTK_WIDGET (dialog), GTK_TYPE_STACK, NULL);
  label = gtk_stack_get_child_by_name (GTK_STACK (stack), "empty");
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (label)), backups));
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog),
                                                           "restore"));
  custody_test_save_screenshot (GTK_WIDGET (dialog), "restore-backup-empty.png");
}

int
main (int   argc,
      char *argv[])
{
  const char *localedir = g_getenv ("CUSTODY_LOCALEDIR");

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

  ADD ("/ui/backups/newest-first-and-restores", test_lists_newest_first_and_restores);
  ADD ("/ui/backups/cancel-changes-nothing", test_cancel_changes_nothing);
  ADD ("/ui/backups/none-yet-says-where-they-go", test_no_backups_yet_says_where_they_go);

  return g_test_run ();
}
