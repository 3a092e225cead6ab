/* concurrency.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Writers and readers on one store at once, as cron jobs and desks do:
 *
 *   concurrency CUSTODYCTL [--seconds N] [--writers N] [--readers N]
 *
 * Each writer runs `custodyctl record` of a job of its own, one after the other, for
 * the whole time; each reader runs `custodyctl check --json` and `job list --json` in
 * turn; one more thread starts `custodyctl --version` five times a second, for scale.
 * Every command is a real process on one store with the default 5 s busy timeout, and
 * a write's latency is its process's wall time, start-up included.
 *
 * The harness is C rather than a script so that it adds next to nothing of its own to
 * what it measures: each thread starts its process with posix_spawn() and waits for
 * it, and no descriptor of one thread reaches another thread's process (a shared pipe
 * would make one write wait for another's exit).
 *
 * Targets (issue 12): no failed write, p99 under 100 ms with 4 writers and 2 readers
 * for 60 s. Exits 0 whether or not they are met; 2 when the benchmark cannot run.
 */

#include <errno.h>
#include <math.h>
#include <fcntl.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

typedef struct
{
  const char *ctl;
  const char *db;
  gint64      deadline;       /* monotonic µs */
  GMutex      lock;
  GArray     *write_ms;       /* double */
  GArray     *startup_ms;     /* double */
  GPtrArray  *failures;       /* char *, the failed writes' stderr */
  guint       reads;
} Bench;

typedef struct
{
  Bench *bench;
  guint  index;
} Worker;

G_GNUC_NORETURN G_GNUC_PRINTF (1, 2) static void
die (const char *format,
     ...)
{
  va_list args;

  va_start (args, format);
  fputs ("bench/concurrency: error: ", stderr);
  vfprintf (stderr, format, args);
  fputc ('\n', stderr);
  va_end (args);
  exit (2);
}

/* Runs argv with stdout on /dev/null and stderr in @err_fd (rewound and truncated
 * first); returns the wall time in ms and sets @status to the exit code, or -1. */
static double
run_timed (char *const argv[],
           int         err_fd,
           int        *status)
{
  posix_spawn_file_actions_t actions;
  gint64 started;
  pid_t pid;
  int wstatus;
  int rc;

  if (ftruncate (err_fd, 0) != 0 || lseek (err_fd, 0, SEEK_SET) != 0)
    die ("cannot reset a stderr file: %s", g_strerror (errno));

  posix_spawn_file_actions_init (&actions);
  posix_spawn_file_actions_addopen (&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_adddup2 (&actions, err_fd, STDERR_FILENO);

  started = g_get_monotonic_time ();
  rc = posix_spawn (&pid, argv[0], &actions, NULL, argv, environ);
  posix_spawn_file_actions_destroy (&actions);
  if (rc != 0)
    die ("cannot start %s: %s", argv[0], g_strerror (rc));
  while (waitpid (pid, &wstatus, 0) < 0)
    if (errno != EINTR)
      die ("waitpid: %s", g_strerror (errno));

  *status = WIFEXITED (wstatus) ? WEXITSTATUS (wstatus) : -1;
  return (g_get_monotonic_time () - started) / 1000.0;
}

/* A temporary file for one thread's children's stderr, closed on exec so that no
 * other thread's process inherits it. */
static int
open_stderr_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  int fd;

  fd = g_file_open_tmp ("custody-concurrency-XXXXXX.err", &path, &error);
  if (fd < 0)
    die ("%s", error->message);
  g_unlink (path);
  if (fcntl (fd, F_SETFD, FD_CLOEXEC) != 0)
    die ("fcntl: %s", g_strerror (errno));
  return fd;
}

static char *
read_back (int fd)
{
  char buffer[512];
  ssize_t n;

  n = pread (fd, buffer, sizeof buffer - 1, 0);
  buffer[MAX (n, 0)] = '\0';
  return g_strstrip (g_strdup (buffer));
}

static void
run_or_die (Bench      *b,
            const char *first,
            ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  const char *word;
  va_list args;
  int err_fd = open_stderr_file ();
  int status;

  g_ptr_array_add (argv, (char *) b->ctl);
  g_ptr_array_add (argv, (char *) "--db");
  g_ptr_array_add (argv, (char *) b->db);
  va_start (args, first);
  for (word = first; word != NULL; word = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) word);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  run_timed ((char *const *) argv->pdata, err_fd, &status);
  if (status != 0)
    {
      g_autofree char *message = read_back (err_fd);
      die ("custodyctl %s: %s", first, message);
    }
  close (err_fd);
}

static gpointer
writer_thread (gpointer data)
{
  Worker *w = data;
  Bench *b = w->bench;
  g_autofree char *job = g_strdup_printf ("job-%u", w->index);
  int err_fd = open_stderr_file ();

  for (guint n = 1; g_get_monotonic_time () < b->deadline; n++)
    {
      g_autofree char *run_id = g_strdup_printf ("w%u-%u", w->index, n);
      char *argv[] = {
        (char *) b->ctl, (char *) "--db", (char *) b->db, (char *) "record", job,
        (char *) "nas", (char *) "--status", (char *) "success",
        (char *) "--started", (char *) "2026-11-19T22:00:00Z",
        (char *) "--finished", (char *) "2026-11-19T23:00:00Z",
        (char *) "--run-id", run_id, NULL
      };
      int status;
      double ms = run_timed (argv, err_fd, &status);

      g_mutex_lock (&b->lock);
      if (status == 0)
        g_array_append_val (b->write_ms, ms);
      else
        g_ptr_array_add (b->failures, read_back (err_fd));
      g_mutex_unlock (&b->lock);
    }

  close (err_fd);
  return NULL;
}

static gpointer
reader_thread (gpointer data)
{
  Worker *w = data;
  Bench *b = w->bench;
  int err_fd = open_stderr_file ();

  for (guint n = 0; g_get_monotonic_time () < b->deadline; n++)
    {
      char *check[] = { (char *) b->ctl, (char *) "--db", (char *) b->db,
                        (char *) "check", (char *) "--json", NULL };
      char *list[] = { (char *) b->ctl, (char *) "--db", (char *) b->db,
                       (char *) "job", (char *) "list", (char *) "--json", NULL };
      int status;

      run_timed (n % 2 ? list : check, err_fd, &status);
      g_mutex_lock (&b->lock);
      b->reads++;
      g_mutex_unlock (&b->lock);
    }

  close (err_fd);
  return NULL;
}

static gpointer
startup_thread (gpointer data)
{
  Worker *w = data;
  Bench *b = w->bench;
  int err_fd = open_stderr_file ();

  while (g_get_monotonic_time () < b->deadline)
    {
      char *argv[] = { (char *) b->ctl, (char *) "--version", NULL };
      int status;
      double ms = run_timed (argv, err_fd, &status);

      g_mutex_lock (&b->lock);
      g_array_append_val (b->startup_ms, ms);
      g_mutex_unlock (&b->lock);
      g_usleep (200 * 1000);
    }

  close (err_fd);
  return NULL;
}

/* The store's directory holds only what custodyctl made there: no subdirectories. */
static void
remove_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (path, name, NULL);
      g_unlink (file);
    }
  g_rmdir (path);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
percentile (GArray *values,
            double  fraction)
{
  guint i;

  if (values->len == 0)
    return NAN;
  g_array_sort (values, compare_doubles);
  i = MIN (values->len - 1, (guint) (fraction * values->len));
  return g_array_index (values, double, i);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) threads = g_ptr_array_new ();
  g_autofree Worker *workers = NULL;
  g_autofree char *tmp = NULL;
  g_autofree char *db = NULL;
  double seconds = 60.0;
  int writers = 4, readers = 2;
  Bench b = { 0 };
  GOptionEntry entries[] = {
    { "seconds", 0, 0, G_OPTION_ARG_DOUBLE, &seconds, "How long (60)", "N" },
    { "writers", 0, 0, G_OPTION_ARG_INT, &writers, "Writing processes at once (4)", "N" },
    { "readers", 0, 0, G_OPTION_ARG_INT, &readers, "Reading processes at once (2)", "N" },
    { NULL }
  };
  gboolean met;

  context = g_option_context_new ("CUSTODYCTL");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    die ("%s", error->message);
  if (argc != 2 || seconds <= 0 || writers < 1 || readers < 0)
    die ("usage: concurrency CUSTODYCTL [--seconds N>0] [--writers N>0] [--readers N>=0]");
  if (!g_file_test (argv[1], G_FILE_TEST_IS_EXECUTABLE))
    die ("no %s: build it first", argv[1]);

  g_setenv ("TZ", "UTC", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_unsetenv ("CUSTODY_DB");
  g_unsetenv ("CUSTODY_BUSY_TIMEOUT_MS");

  tmp = g_dir_make_tmp ("custody-concurrency-XXXXXX", &error);
  if (tmp == NULL)
    die ("%s", error->message);
  db = g_build_filename (tmp, "custody.db", NULL);

  b.ctl = argv[1];
  b.db = db;
  g_mutex_init (&b.lock);
  b.write_ms = g_array_new (FALSE, FALSE, sizeof (double));
  b.startup_ms = g_array_new (FALSE, FALSE, sizeof (double));
  b.failures = g_ptr_array_new_with_free_func (g_free);

  run_or_die (&b, "init", NULL);
  for (int i = 0; i < writers; i++)
    {
      g_autofree char *job = g_strdup_printf ("job-%d", i);

      run_or_die (&b, "job", "add", job, NULL);
      run_or_die (&b, "copy", "add", job, "nas", "--media-type", "disk", NULL);
    }

  b.deadline = g_get_monotonic_time () + (gint64) (seconds * G_USEC_PER_SEC);
  workers = g_new0 (Worker, writers + readers + 1);
  for (int i = 0; i < writers + readers + 1; i++)
    {
      GThreadFunc func = i < writers ? writer_thread
                         : i < writers + readers ? reader_thread : startup_thread;

      workers[i] = (Worker) { &b, (guint) i };
      g_ptr_array_add (threads, g_thread_new ("bench", func, &workers[i]));
    }
  for (guint i = 0; i < threads->len; i++)
    g_thread_join (g_ptr_array_index (threads, i));

  printf ("%d writers, %d readers, %g s\n", writers, readers, seconds);
  printf ("writes done      %u\n", b.write_ms->len);
  printf ("failed writes    %u\n", b.failures->len);
  printf ("reads done       %u\n", b.reads);
  printf ("write p50        %.1f ms\n", percentile (b.write_ms, 0.50));
  printf ("write p99        %.1f ms\n", percentile (b.write_ms, 0.99));
  printf ("write max        %.1f ms\n", percentile (b.write_ms, 1.0));
  printf ("start-up p50     %.1f ms (custodyctl --version alongside)\n",
          percentile (b.startup_ms, 0.50));
  printf ("start-up p99     %.1f ms\n", percentile (b.startup_ms, 0.99));
  for (guint i = 0; i < MIN (b.failures->len, 5u); i++)
    printf ("  failed: %s\n", (char *) g_ptr_array_index (b.failures, i));
  met = b.failures->len == 0 && percentile (b.write_ms, 0.99) < 100.0;
  printf ("targets (0 failed, p99 < 100 ms): %s\n", met ? "met" : "NOT met");

  remove_dir (tmp);
  return 0;
}
