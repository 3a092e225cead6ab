/* faults-utils.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <sqlite3.h>
#include <string.h>

#include "faults-utils.h"

GRand *
faults_rand_new (void)
{
  const char *env = g_getenv ("CUSTODY_FAULTS_SEED");
  guint32 seed;

  if (env != NULL && env[0] != '\0')
    seed = (guint32) g_ascii_strtoull (env, NULL, 10);
  else
    seed = (guint32) (g_get_real_time () ^ getpid ());

  g_test_message ("seed %u (CUSTODY_FAULTS_SEED=%u repeats this run)", seed, seed);
  return g_rand_new_with_seed (seed);
}

gulong
faults_kill_delay (GRand  *rand,
                   double  duration)
{
  return (gulong) g_rand_double_range (rand, 0.0, duration * G_USEC_PER_SEC);
}

/* @stdin_path: a file, or NULL for /dev/null unless @flags asks for a pipe */
static GSubprocess *
spawn_ctl_with (CtlFixture         *f,
                const char         *db,
                const char         *stdin_path,
                GSubprocessFlags    flags,
                const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  GSubprocess *process;

  g_ptr_array_add (argv, (gpointer) g_getenv ("CUSTODYCTL"));
  g_ptr_array_add (argv, (gpointer) "--db");
  g_ptr_array_add (argv, (gpointer) db);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (flags | G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  if (!(flags & G_SUBPROCESS_FLAGS_STDIN_PIPE))
    g_subprocess_launcher_set_stdin_file_path (launcher,
                                               stdin_path != NULL ? stdin_path : "/dev/null");
  g_subprocess_launcher_set_environ (launcher, f->env);
  g_subprocess_launcher_set_cwd (launcher, f->dir);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  return process;
}

/* Writes the input in pieces, a pause between them, as a scanner or a
 * pipeline does; stops when the reader is gone. */
typedef struct
{
  GOutputStream *output;
  const char    *input;
  gsize          length;
  guint          pieces;
  gulong         pause_us;
} Feed;

static gpointer
feed_worker (gpointer data)
{
  Feed *feed = data;
  gsize piece = feed->length / MAX (feed->pieces, 1) + 1;

  for (gsize done = 0; done < feed->length; done += piece)
    {
      if (!g_output_stream_write_all (feed->output, feed->input + done,
                                      MIN (piece, feed->length - done), NULL, NULL, NULL))
        break;
      g_usleep (feed->pause_us);
    }
  g_output_stream_close (feed->output, NULL, NULL);
  return NULL;
}

static char *
read_all (GInputStream *input)
{
  g_autoptr(GString) text = g_string_new (NULL);
  char buffer[4096];
  gssize n;

  while ((n = g_input_stream_read (input, buffer, sizeof buffer, NULL, NULL)) > 0)
    g_string_append_len (text, buffer, n);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Runs custodyctl, fed @feed (NULL: @stdin_path), killed after @delay_us
 * unless that is negative; TRUE if the kill ended it. */
static gboolean
run (CtlFixture         *f,
     const char         *db,
     const char         *stdin_path,
     Feed               *feed,
     gint64              delay_us,
     const char * const *args)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  GThread *feeder = NULL;

  /* A command killed while it is fed must not take the test with it. */
  signal (SIGPIPE, SIG_IGN);

  process = spawn_ctl_with (f, db, stdin_path, feed != NULL ? G_SUBPROCESS_FLAGS_STDIN_PIPE : 0,
                            args);
  if (feed != NULL)
    {
      feed->output = g_subprocess_get_stdin_pipe (process);
      feeder = g_thread_new ("faults-feed", feed_worker, feed);
    }

  if (delay_us >= 0)
    {
      g_usleep ((gulong) delay_us);
      g_subprocess_send_signal (process, SIGKILL);
    }
  /* Not g_subprocess_communicate (): it would close the feeder's pipe. */
  err = read_all (g_subprocess_get_stderr_pipe (process));
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);
  if (feeder != NULL)
    g_thread_join (feeder);

  if (g_subprocess_get_if_signaled (process))
    {
      g_assert_cmpint (delay_us, >=, 0);
      g_assert_cmpint (g_subprocess_get_term_sig (process), ==, SIGKILL);
      return TRUE;
    }
  if (!g_subprocess_get_successful (process))
    g_test_message ("%s %s: %s", args[0], args[1], err);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
  return FALSE;
}

gboolean
faults_run_killed (CtlFixture         *f,
                   const char         *db,
                   const char         *stdin_path,
                   gulong              delay_us,
                   const char * const *args)
{
  return run (f, db, stdin_path, NULL, delay_us, args);
}

double
faults_run_timed (CtlFixture         *f,
                  const char         *db,
                  const char         *stdin_path,
                  const char * const *args)
{
  gint64 start = g_get_monotonic_time ();

  run (f, db, stdin_path, NULL, -1, args);
  return (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
}

gboolean
faults_run_fed_killed (CtlFixture         *f,
                       const char         *db,
                       const char         *input,
                       guint               pieces,
                       gulong              pause_us,
                       gulong              delay_us,
                       const char * const *args)
{
  Feed feed = { NULL, input, strlen (input), pieces, pause_us };

  return run (f, db, NULL, &feed, delay_us, args);
}

double
faults_run_fed_timed (CtlFixture         *f,
                      const char         *db,
                      const char         *input,
                      guint               pieces,
                      gulong              pause_us,
                      const char * const *args)
{
  Feed feed = { NULL, input, strlen (input), pieces, pause_us };
  gint64 start = g_get_monotonic_time ();

  run (f, db, NULL, &feed, -1, args);
  return (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
}

void
faults_assert_store_ok (CtlFixture *f,
                        const char *db)
{
  const char *args[] = { "db", "check", NULL };

  run (f, db, NULL, NULL, -1, args);
}

gint64
faults_query_int (const char *db,
                  const char *sql)
{
  sqlite3 *conn = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_open_v2 (db, &conn, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (conn, 5000);
  g_assert_cmpint (sqlite3_prepare_v2 (conn, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (conn);
  return value;
}

void
faults_remove_store (const char *db)
{
  const char *suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strconcat (db, suffixes[i], NULL);
      g_unlink (path);
    }
}

void
faults_copy_store (const char *from,
                   const char *to)
{
  const char *suffixes[] = { "", "-wal" };

  faults_remove_store (to);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *src = g_strconcat (from, suffixes[i], NULL);
      g_autofree char *dest = g_strconcat (to, suffixes[i], NULL);
      g_autofree char *contents = NULL;
      g_autoptr(GError) error = NULL;
      gsize length;

      if (!g_file_test (src, G_FILE_TEST_EXISTS))
        continue;
      g_file_get_contents (src, &contents, &length, &error);
      g_assert_no_error (error);
      g_file_set_contents (dest, contents, length, &error);
      g_assert_no_error (error);
    }
}
