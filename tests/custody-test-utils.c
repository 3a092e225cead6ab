/* custody-test-utils.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "custody-test-utils.h"

char *
custody_test_fixture_path (const char *dir,
                           const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", dir, name, NULL);
}

char **
custody_test_environ (void)
{
  char **env = g_get_environ ();

  env = g_environ_setenv (env, "TZ", "UTC", TRUE);
  env = g_environ_setenv (env, "LC_ALL", "C.UTF-8", TRUE);
  env = g_environ_unsetenv (env, "CUSTODY_BUSY_TIMEOUT_MS");
  return g_environ_unsetenv (env, "LANGUAGE");
}

int
custody_test_spawn (const char         *dir,
                    char              **env,
                    const char * const *argv,
                    const char         *stdin_text,
                    char              **out,
                    char              **err)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stdin_path = NULL;
  g_autofree char *stdout_text = NULL;
  g_autofree char *stderr_text = NULL;

  /* The input goes through a file, not a pipe: a program that exits
   * without reading it (a usage error, a missing store) is not a failure
   * of the test's own writing. */
  if (stdin_text != NULL)
    {
      int fd = g_file_open_tmp ("custody-test-stdin-XXXXXX", &stdin_path, &error);

      g_assert_no_error (error);
      g_close (fd, NULL);
      g_file_set_contents (stdin_path, stdin_text, -1, &error);
      g_assert_no_error (error);
    }

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_set_stdin_file_path (launcher,
                                             stdin_path != NULL ? stdin_path : "/dev/null");
  g_subprocess_launcher_set_environ (launcher, env);
  g_subprocess_launcher_set_cwd (launcher, dir);
  process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);

  g_subprocess_communicate_utf8 (process, NULL, NULL, &stdout_text, &stderr_text, &error);
  g_assert_no_error (error);
  if (stdin_path != NULL)
    g_unlink (stdin_path);

  if (g_test_verbose ())
    {
      g_autofree char *line = g_strjoinv (" ", (char **) argv);
      g_test_message ("$ %s\n%s%s", line, stdout_text, stderr_text);
    }

  if (out != NULL)
    *out = g_steal_pointer (&stdout_text);
  if (err != NULL)
    *err = g_steal_pointer (&stderr_text);

  if (!g_subprocess_get_if_exited (process))
    return -1;
  return g_subprocess_get_exit_status (process);
}

char *
custody_test_make_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("custody-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

void
custody_test_remove_tmpdir (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  /* A link is removed, never followed: it may point at the system's. */
  if (g_file_test (path, G_FILE_TEST_IS_SYMLINK) ||
      (dir = g_dir_open (path, 0, NULL)) == NULL)
    {
      g_unlink (path);
      return;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      custody_test_remove_tmpdir (child);
    }
  g_rmdir (path);
}

char *
custody_test_file_sha256 (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize len = 0;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return NULL;
  g_file_get_contents (path, &data, &len, &error);
  g_assert_no_error (error);

  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, len);
}

void
custody_test_exec_sql (const char *path,
                       const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;
  int rc;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  rc = sqlite3_exec (db, sql, NULL, NULL, &message);
  if (rc != SQLITE_OK)
    g_test_message ("%s: %s", sql, message);
  g_assert_cmpint (rc, ==, SQLITE_OK);
  sqlite3_free (message);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

static sqlite3_stmt *
query (const char  *path,
       const char  *sql,
       sqlite3    **db)
{
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  if (sqlite3_prepare_v2 (*db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_test_message ("%s: %s", sql, sqlite3_errmsg (*db));
  g_assert_nonnull (stmt);
  return stmt;
}

gint64
custody_test_query_int (const char *path,
                        const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = query (path, sql, &db);
  gint64 value;

  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

char *
custody_test_query_text (const char *path,
                         const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = query (path, sql, &db);
  char *value = NULL;

  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}
