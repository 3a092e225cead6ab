/* test-store-safety.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The store under what real machines do to it: code in the app's process
 * that opens and closes the store's files, writers and readers at once,
 * another user reading it, a full disk. A CustodyStore in this process
 * plays the app; the built custodyctl (CUSTODYCTL) plays everyone else.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include "custody-store-test-utils.h"
#include "custody-store.h"
#include "custody-test-utils.h"

#define EXIT_OK    0
#define EXIT_STORE 3

#define NOBODY 65534

typedef struct
{
  char      *dir;
  char      *db;
  char     **env;
  char      *mount_point;  /* a tmpfs of the test's, unmounted at the end */
  gboolean   as_nobody;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("custody-safety-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = g_build_filename (f->dir, "custody.db", NULL);
  f->env = custody_test_environ ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->mount_point != NULL)
    umount (f->mount_point);
  g_free (f->mount_point);
  custody_test_remove_tmpdir (f->dir);
  g_free (f->dir);
  g_free (f->db);
  g_strfreev (f->env);
}

/* custodyctl --db STORE ARGS..., started. */
static GSubprocess *
spawn_ctl (Fixture             *f,
           const char * const  *args)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  GSubprocess *process;

  if (f->as_nobody)
    {
      g_ptr_array_add (argv, (gpointer) "setpriv");
      g_ptr_array_add (argv, (gpointer) "--reuid=65534");
      g_ptr_array_add (argv, (gpointer) "--regid=65534");
      g_ptr_array_add (argv, (gpointer) "--clear-groups");
    }
  g_ptr_array_add (argv, (gpointer) g_getenv ("CUSTODYCTL"));
  g_ptr_array_add (argv, (gpointer) "--db");
  g_ptr_array_add (argv, f->db);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_set_environ (launcher, f->env);
  g_subprocess_launcher_set_cwd (launcher, "/");
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  return process;
}

static int
finish_ctl (GSubprocess  *process,
            char        **out,
            char        **err)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *stdout_text = NULL;
  g_autofree char *stderr_text = NULL;

  g_subprocess_communicate_utf8 (process, NULL, NULL, &stdout_text, &stderr_text, &error);
  g_assert_no_error (error);
  if (g_test_verbose ())
    g_test_message ("%s%s", stdout_text, stderr_text);
  if (out != NULL)
    *out = g_steal_pointer (&stdout_text);
  if (err != NULL)
    *err = g_steal_pointer (&stderr_text);
  if (!g_subprocess_get_if_exited (process))
    return -1;
  return g_subprocess_get_exit_status (process);
}

/* custodyctl --db STORE ARGS...: its exit status, stdout and stderr. */
G_GNUC_NULL_TERMINATED static int
ctl (Fixture     *f,
     char       **out,
     char       **err,
     const char  *first,
     ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  va_list ap;

  va_start (ap, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  process = spawn_ctl (f, (const char * const *) args->pdata);
  return finish_ctl (process, out, err);
}

#define ctl_ok(f, ...) \
  G_STMT_START { \
    g_autofree char *ok_err = NULL; \
    g_assert_cmpint (ctl (f, NULL, &ok_err, __VA_ARGS__, NULL), ==, EXIT_OK); \
    g_assert_cmpstr (ok_err, ==, ""); \
  } G_STMT_END

static gboolean
store_has_job (CustodyStore *store,
               const char   *name)
{
  g_autoptr(CustodyJob) job = custody_store_get_job (store, name, NULL);

  return job != NULL;
}

/* Whether `custodyctl job list --json` names @name. */
static gboolean
ctl_lists_job (Fixture    *f,
               const char *name)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *quoted = g_strdup_printf ("\"%s\"", name);

  g_assert_cmpint (ctl (f, &out, &err, "job", "list", "--json", NULL), ==, EXIT_OK);
  g_assert_cmpstr (err, ==, "");
  return strstr (out, quoted) != NULL;
}

/* What GIO's content sniffing in a file dialog does to the store's folder. */
static void
open_and_close (const char *path)
{
  char buffer[64];
  int fd = open (path, O_RDONLY | O_CLOEXEC);

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (read (fd, buffer, sizeof buffer), >=, 0);
  g_assert_cmpint (close (fd), ==, 0);
}

static void
sniff_store_files (Fixture *f)
{
  static const char * const suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strconcat (f->db, suffixes[i], NULL);
      open_and_close (path);
    }
}

static gboolean
exists_with_suffix (Fixture    *f,
                    const char *suffix)
{
  g_autofree char *path = g_strconcat (f->db, suffix, NULL);

  return g_file_test (path, G_FILE_TEST_EXISTS);
}

/*
 * Locks: in-process closes do not drop them
 */

static void
test_foreign_close_keeps_the_locks (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr(CustodyStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = custody_store_open (f->db, CUSTODY_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  custody_test_add_job (store, "before-dialog");

  /* A file dialog in the app's process looks at the store's folder. */
  sniff_store_files (f);

  /* custodyctl, from another process, writes and closes: it must see the
   * app's connection and leave the WAL to it. */
  ctl_ok (f, "job", "add", "from-ctl");
  g_assert_true (exists_with_suffix (f, "-wal"));
  g_assert_true (exists_with_suffix (f, "-shm"));

  /* The app writes again: into the WAL everyone shares. */
  custody_test_add_job (store, "after-dialog");
  g_assert_true (store_has_job (store, "from-ctl"));
  g_assert_true (ctl_lists_job (f, "after-dialog"));

  /* After the app quits, a fresh look finds every write. */
  g_clear_object (&store);
  store = custody_store_open (f->db, CUSTODY_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (store_has_job (store, "before-dialog"));
  g_assert_true (store_has_job (store, "from-ctl"));
  g_assert_true (store_has_job (store, "after-dialog"));
}

/* Two connections of one process share its locks on the file, as with
 * classic locks: the one that closes last still folds the WAL back in. */
static void
test_two_connections_in_one_process (Fixture       *f,
                                     gconstpointer  data)
{
  g_autoptr(CustodyStore) first = NULL;
  g_autoptr(CustodyStore) second = NULL;
  g_autoptr(GError) error = NULL;

  first = custody_store_open (f->db, CUSTODY_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  second = custody_store_open (f->db, CUSTODY_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);

  custody_test_add_job (first, "by-first");
  sniff_store_files (f);
  custody_test_add_job (second, "by-second");
  g_assert_true (store_has_job (first, "by-second"));

  /* The first to open closes first; the second writes on. */
  g_clear_object (&first);
  custody_test_add_job (second, "after-first-closed");
  ctl_ok (f, "job", "add", "from-ctl");
  g_assert_true (exists_with_suffix (f, "-wal"));
  g_assert_true (store_has_job (second, "from-ctl"));

  g_clear_object (&second);
  g_assert_false (exists_with_suffix (f, "-wal"));
  g_assert_false (exists_with_suffix (f, "-shm"));

  first = custody_store_open (f->db, CUSTODY_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (store_has_job (first, "by-first"));
  g_assert_true (store_has_job (first, "after-first-closed"));
}

/*
 * Writers wait only for writers
 */

static void
test_writers_do_not_wait_for_a_reader (Fixture       *f,
                                       gconstpointer  data)
{
  GSubprocess *writers[4];
  sqlite3 *reader = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 started;

  ctl_ok (f, "init");
  for (guint i = 0; i < G_N_ELEMENTS (writers); i++)
    {
      g_autofree char *job = g_strdup_printf ("job-%u", i);
      ctl_ok (f, "job", "add", job);
      ctl_ok (f, "copy", "add", job, "nas", "--media-type", "disk");
    }

  /* Another program reads, in one long transaction. */
  g_assert_cmpint (sqlite3_open (f->db, &reader), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (reader, "BEGIN", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (reader, "SELECT count(*) FROM jobs", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);

  started = g_get_monotonic_time ();
  for (guint i = 0; i < G_N_ELEMENTS (writers); i++)
    {
      g_autofree char *job = g_strdup_printf ("job-%u", i);
      const char *args[] = { "record", job, "nas", "--status", "success",
                             "--started", "2026-11-19T22:00:00Z",
                             "--finished", "2026-11-19T23:00:00Z", NULL };

      writers[i] = spawn_ctl (f, args);
    }

  for (guint i = 0; i < G_N_ELEMENTS (writers); i++)
    {
      g_autofree char *err = NULL;

      /* The busy timeout is 5 s: none of them waited for the reader. */
      g_assert_cmpint (finish_ctl (writers[i], NULL, &err), ==, EXIT_OK);
      g_assert_cmpstr (err, ==, "");
      g_assert_cmpint (g_get_monotonic_time () - started, <, 2 * G_USEC_PER_SEC);
      g_object_unref (writers[i]);
    }

  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_exec (reader, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (reader);
}

/*
 * Permissions
 */

static guint
mode_of (const char *path)
{
  struct stat st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mode & 07777;
}

static void
assert_store_files_mode (Fixture *f,
                         guint    mode)
{
  g_autoptr(CustodyStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *wal = g_strconcat (f->db, "-wal", NULL);
  g_autofree char *shm = g_strconcat (f->db, "-shm", NULL);

  g_assert_cmpuint (mode_of (f->db), ==, mode);
  /* Open, the store has its -wal and -shm. */
  store = custody_store_open (f->db, CUSTODY_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  custody_test_add_job (store, "payroll");
  g_assert_cmpuint (mode_of (wal), ==, mode);
  g_assert_cmpuint (mode_of (shm), ==, mode);
}

static void
test_new_store_is_private (Fixture       *f,
                           gconstpointer  data)
{
  mode_t old_umask = umask (022);

  ctl_ok (f, "init");
  umask (old_umask);
  assert_store_files_mode (f, 0600);
}

static void
test_new_store_in_a_shared_folder_is_the_groups (Fixture       *f,
                                                 gconstpointer  data)
{
  g_autofree char *shared = g_build_filename (f->dir, "shared", NULL);
  mode_t old_umask = umask (077);

  g_assert_cmpint (g_mkdir (shared, 0700), ==, 0);
  g_assert_cmpint (g_chmod (shared, 02770), ==, 0);
  g_free (f->db);
  f->db = g_build_filename (shared, "custody.db", NULL);
  ctl_ok (f, "init");
  umask (old_umask);
  assert_store_files_mode (f, 0660);
}

/* Where only root can make another user. */
static gboolean
can_run_as_nobody (void)
{
  g_autofree char *setpriv = NULL;

  if (geteuid () != 0)
    {
      g_test_skip ("needs root, to read the store as another user (nobody)");
      return FALSE;
    }
  setpriv = g_find_program_in_path ("setpriv");
  if (setpriv == NULL)
    {
      g_test_skip ("needs setpriv, to read the store as another user (nobody)");
      return FALSE;
    }
  return TRUE;
}

/* No file in the store's folder belongs to nobody. */
static void
assert_nothing_of_nobody (Fixture *f)
{
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      struct stat st;

      g_assert_cmpint (g_stat (path, &st), ==, 0);
      if (st.st_uid == NOBODY)
        g_error ("%s belongs to the reader", path);
    }
}

static void
assert_reads_as_nobody (Fixture    *f,
                        const char *job)
{
  static const char * const reads[][4] = {
    { "job", "list", "--json", NULL },
    { "check", "--json", NULL },
    { "export", NULL },
    { "db", "check", "--json", NULL },
  };

  f->as_nobody = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (reads); i++)
    {
      g_autoptr(GSubprocess) process = spawn_ctl (f, reads[i]);
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      int status = finish_ctl (process, &out, &err);

      /* check: 1 is a violation, an answer all the same. */
      g_assert_true (status == EXIT_OK || (status == 1 && g_str_equal (reads[i][0], "check")));
      g_assert_cmpstr (err, ==, "");
      json_parser_load_from_data (parser, out, -1, &error);
      g_assert_no_error (error);
      if (i == 0)
        g_assert_nonnull (strstr (out, job));
    }

  {
    g_autofree char *err = NULL;

    g_assert_cmpint (ctl (f, NULL, &err, "job", "add", "by-nobody", NULL), ==, EXIT_STORE);
    g_assert_nonnull (strstr (err, "read-only"));
  }
  f->as_nobody = FALSE;
  assert_nothing_of_nobody (f);
}

static void
test_reader_of_anothers_store_leaves_nothing (Fixture       *f,
                                              gconstpointer  data)
{
  g_autoptr(CustodyStore) store = NULL;
  g_autoptr(GError) error = NULL;

  if (!can_run_as_nobody ())
    return;

  ctl_ok (f, "init");
  ctl_ok (f, "job", "add", "payroll");
  /* Readable by all; the folder writable by all, as /tmp or a shared
   * folder is, where SQLite would make the reader's -wal and -shm. */
  g_assert_cmpint (g_chmod (f->db, 0644), ==, 0);
  g_assert_cmpint (g_chmod (f->dir, 0777), ==, 0);

  /* The owner's app is closed. */
  assert_reads_as_nobody (f, "payroll");

  /* The owner's app is open and has written into its WAL. */
  store = custody_store_open (f->db, CUSTODY_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  custody_test_add_job (store, "in-the-wal");
  assert_reads_as_nobody (f, "in-the-wal");

  /* The owner writes on. */
  custody_test_add_job (store, "after-the-reader");
  g_clear_object (&store);
  ctl_ok (f, "job", "add", "by-owner");
}

/*
 * A full disk
 */

static void
assert_full_disk_refuses_writes_only (Fixture *f)
{
  static const char * const reads[][4] = {
    { "job", "list", "--json", NULL },
    { "check", "--json", NULL },
    { "export", NULL },
    { "db", "check", "--json", NULL },
  };
  g_autofree char *err = NULL;

  g_assert_cmpint (ctl (f, NULL, &err, "record", "payroll", "nas", "--status", "success",
                        "--started", "2026-11-19T22:00:00Z", "--finished",
                        "2026-11-19T23:00:00Z", NULL), ==, EXIT_STORE);
  g_assert_nonnull (strstr (err, f->db));
  g_assert_nonnull (strstr (err, "file system is full"));
  g_clear_pointer (&err, g_free);

  for (guint i = 0; i < G_N_ELEMENTS (reads); i++)
    {
      g_autoptr(GSubprocess) process = spawn_ctl (f, reads[i]);
      int status = finish_ctl (process, NULL, &err);

      g_assert_true (status == EXIT_OK || (status == 1 && g_str_equal (reads[i][0], "check")));
      g_assert_cmpstr (err, ==, "");
      g_clear_pointer (&err, g_free);
    }
}

static void
test_full_disk_names_the_store_and_reads_go_on (Fixture       *f,
                                                gconstpointer  data)
{
  const char *mount_point;
  g_autoptr(CustodyStore) app = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *filler = NULL;
  int fd;

  mount_point = f->mount_point = g_build_filename (f->dir, "small", NULL);
  g_assert_cmpint (g_mkdir (mount_point, 0700), ==, 0);
  if (mount ("custody-test", mount_point, "tmpfs", 0, "size=2m") != 0)
    {
      g_autofree char *message = g_strdup_printf ("cannot mount a small tmpfs here (%s): "
                                                  "the full-disk test needs root in a "
                                                  "namespace that allows mounts",
                                                  g_strerror (errno));
      g_test_skip (message);
      g_clear_pointer (&f->mount_point, g_free);
      return;
    }

  g_free (f->db);
  f->db = g_build_filename (mount_point, "custody.db", NULL);
  ctl_ok (f, "init");
  ctl_ok (f, "job", "add", "payroll");
  ctl_ok (f, "copy", "add", "payroll", "nas", "--media-type", "disk");
  app = custody_store_open (f->db, CUSTODY_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);

  /* Fill the file system to its last byte. */
  filler = g_build_filename (mount_point, "filler", NULL);
  fd = open (filler, O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
  g_assert_cmpint (fd, >=, 0);
  {
    char block[4096] = { 0 };

    while (write (fd, block, sizeof block) > 0)
      ;
    while (write (fd, block, 1) > 0)
      ;
    g_assert_cmpint (errno, ==, ENOSPC);
  }
  close (fd);

  /* The app has the store open: its -wal and -shm exist. */
  assert_full_disk_refuses_writes_only (f);
  g_clear_object (&app);
  /* Nobody has it open: reading it would need a new -shm. */
  assert_full_disk_refuses_writes_only (f);

  /* Space again: writes go on. */
  g_unlink (filler);
  ctl_ok (f, "job", "add", "mail");
  g_assert_true (ctl_lists_job (f, "payroll"));

  g_assert_cmpint (umount (mount_point), ==, 0);
  g_clear_pointer (&f->mount_point, g_free);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/store-safety/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("foreign-close-keeps-the-locks", test_foreign_close_keeps_the_locks);
  ADD ("two-connections-in-one-process", test_two_connections_in_one_process);
  ADD ("writers-do-not-wait-for-a-reader", test_writers_do_not_wait_for_a_reader);
  ADD ("new-store-is-private", test_new_store_is_private);
  ADD ("new-store-in-a-shared-folder-is-the-groups",
       test_new_store_in_a_shared_folder_is_the_groups);
  ADD ("reader-of-anothers-store-leaves-nothing", test_reader_of_anothers_store_leaves_nothing);
  ADD ("full-disk-names-the-store-and-reads-go-on", test_full_disk_names_the_store_and_reads_go_on);

#undef ADD

  return g_test_run ();
}
