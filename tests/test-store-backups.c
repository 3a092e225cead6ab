/* test-store-backups.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Choosing one of the store's own backups and going back to it, as the app's
 * "Restore from Backup" does: the generations are listed newest first with their
 * time and what they hold, a stranger's file is never listed, and restoring keeps
 * the store as it was as one more backup first.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "custody-store.h"
#include "custody-store-test-utils.h"
#include "custody-test-utils.h"

typedef struct
{
  char         *dir;
  char         *path;
  char         *backups;
  CustodyStore *store;
} Fixture;

static guint
count_jobs (CustodyStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) jobs = custody_store_list_jobs (store, FALSE, &error);

  g_assert_no_error (error);
  return jobs->len;
}

static guint
count_files (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

static char *
back_up (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  char *path = custody_store_backup (f->store, NULL, 10, &error);

  g_assert_no_error (error);
  g_assert_nonnull (path);
  return path;
}

static GPtrArray *
list_backups (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *backups = custody_store_list_backups (f->store, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (backups);
  return backups;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = custody_test_make_tmpdir ();
  f->path = g_build_filename (f->dir, "custody.db", NULL);
  f->backups = g_build_filename (f->dir, "backups", NULL);
  f->store = custody_store_open (f->path, CUSTODY_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  custody_test_remove_tmpdir (f->dir);
  g_free (f->dir);
  g_free (f->path);
  g_free (f->backups);
}

static void
test_no_backups_yet (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) backups = list_backups (f);

  g_assert_cmpuint (backups->len, ==, 0);
}

static void
test_listed_newest_first_with_contents (Fixture       *f,
                                        gconstpointer  data)
{
  g_autoptr(GPtrArray) backups = NULL;
  g_autofree char *older = NULL;
  g_autofree char *newer = NULL;
  g_autofree char *stranger = NULL;
  g_autoptr(GError) error = NULL;
  CustodyBackupInfo *first, *second;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  custody_test_add_job (f->store, "payroll");
  older = back_up (f);
  custody_test_add_job (f->store, "mail");
  newer = back_up (f);

  /* Named like a generation of this store, but not a store at all. */
  stranger = g_build_filename (f->backups, "custody-00000000-20261120T090000Z-123456.db",
                               NULL);
  g_assert_true (g_file_set_contents (stranger, "not a store", -1, &error));

  backups = list_backups (f);
  g_assert_cmpuint (backups->len, ==, 2);
  first = g_ptr_array_index (backups, 0);
  second = g_ptr_array_index (backups, 1);
  g_assert_cmpstr (first->path, ==, newer);
  g_assert_cmpstr (second->path, ==, older);
  g_assert_true (first->readable);
  g_assert_cmpint (first->jobs, ==, 2);
  g_assert_cmpint (second->jobs, ==, 1);
  g_assert_cmpint (first->runs, ==, 0);
  g_assert_cmpint (first->media, ==, 0);
  g_assert_cmpint (first->size, >, 0);
  g_assert_cmpint (first->taken_at, >=, second->taken_at);
  g_assert_cmpint (ABS (first->taken_at - now), <, 120);
}

static void
test_restore_keeps_the_current_store (Fixture       *f,
                                      gconstpointer  data)
{
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *older = NULL;
  g_autofree char *kept = NULL;
  CustodyBackupInfo *newest;

  custody_test_add_job (f->store, "payroll");
  older = back_up (f);
  custody_test_add_job (f->store, "mail");
  custody_test_add_job (f->store, "erp");
  g_assert_cmpuint (count_jobs (f->store), ==, 3);

  g_assert_true (custody_store_restore_keeping (f->store, older, NULL, &kept, &error));
  g_assert_no_error (error);

  /* The store is the backup's; what it was is the newest generation. */
  g_assert_cmpuint (count_jobs (f->store), ==, 1);
  g_assert_true (g_file_test (older, G_FILE_TEST_IS_REGULAR));
  backups = list_backups (f);
  g_assert_cmpuint (backups->len, ==, 2);
  newest = g_ptr_array_index (backups, 0);
  g_assert_cmpstr (newest->path, ==, kept);
  g_assert_cmpint (newest->jobs, ==, 3);
}

static void
test_restore_of_the_oldest_when_full (Fixture       *f,
                                      gconstpointer  data)
{
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *oldest = NULL;
  g_autofree char *kept = NULL;

  /* As many generations as the automatic backup keeps: the backup made before
   * restoring must not prune the one being restored. */
  custody_test_add_job (f->store, "payroll");
  oldest = custody_store_backup (f->store, NULL, 2, &error);
  g_assert_no_error (error);
  custody_test_add_job (f->store, "mail");
  g_free (custody_store_backup (f->store, NULL, 2, &error));
  g_assert_no_error (error);

  g_assert_true (custody_store_restore_keeping (f->store, oldest, NULL, &kept, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_jobs (f->store), ==, 1);
  backups = list_backups (f);
  g_assert_cmpuint (backups->len, ==, 3);
}

static void
test_damaged_backup_changes_nothing (Fixture       *f,
                                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *kept = NULL;

  custody_test_add_job (f->store, "payroll");
  backup = back_up (f);
  custody_test_add_job (f->store, "mail");

  /* Cut in half: not a whole store any more. */
  g_assert_cmpint (truncate (backup, 4096), ==, 0);

  g_assert_false (custody_store_restore_keeping (f->store, backup, NULL, &kept, &error));
  g_assert_error (error, CUSTODY_STORE_ERROR, CUSTODY_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "the store was not touched"));
  g_assert_null (kept);
  g_assert_cmpuint (count_jobs (f->store), ==, 2);

  /* And no backup of the current store was made for nothing. */
  g_assert_cmpuint (count_files (f->backups), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/store/backups/none-yet", test_no_backups_yet);
  ADD ("/store/backups/newest-first-with-contents", test_listed_newest_first_with_contents);
  ADD ("/store/backups/restore-keeps-the-current-store", test_restore_keeps_the_current_store);
  ADD ("/store/backups/restore-the-oldest-when-full", test_restore_of_the_oldest_when_full);
  ADD ("/store/backups/damaged-backup-changes-nothing", test_damaged_backup_changes_nothing);

  return g_test_run ();
}
