/* test-cli-safety.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What custodyctl writes besides the store, from the outside: no output
 * option ever lands on the store, its -wal/-shm/-journal or a backup
 * (nor through a link to one); outputs are replaced whole; backups are
 * rotated among their own only, never collide, leave no debris, are
 * private to the store's owner; and restore refuses a candidate that
 * db check would not pass.
 */
#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>
#include <utime.h>

#include "custody-ctl-test-utils.h"

#define SETUP "2026-11-01T00:00:00Z"

static void
set_up (CtlFixture    *f,
        gconstpointer  data)
{
  g_autofree char *scan = NULL;

  ctl_fixture_set_up (f, data);
  ctl_ok (f, "--at", SETUP, "location", "add", "Vault", "--kind", "offsite-vault", NULL);
  ctl_ok (f, "--at", SETUP, "job", "add", "payroll", NULL);
  ctl_ok (f, "--at", SETUP, "copy", "add", "payroll", "nas", "--media-type", "disk", NULL);
  scan = ctl_fixture_write (f, "scan.txt", "A00001L9\n", -1);
}

static guint
count_names (const char *dir,
             const char *prefix,
             const char *suffix)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_prefix (name, prefix) && g_str_has_suffix (name, suffix))
      n++;
  return n;
}

static char *
backup_path (CtlFixture  *f,
             const char  *dir)
{
  g_autoptr(JsonNode) backup = NULL;

  if (dir != NULL)
    backup = ctl_json (f, 0, "db", "backup", "--dir", dir, "--keep", "100", NULL);
  else
    backup = ctl_json (f, 0, "db", "backup", NULL);
  return g_strdup (json_object_get_string_member (json_node_get_object (backup), "backup"));
}

/*
 * Outputs
 */

/* Every output option, with OUT where the file goes. */
static const char * const output_commands[][9] = {
  { "report", "compliance", "--output", "OUT", NULL },
  { "report", "audit", "--output", "OUT", NULL },
  { "report", "media", "--output", "OUT", NULL },
  { "report", "summary", "--output", "OUT", NULL },
  { "export", "--output", "OUT", NULL },
  { "media", "labels", "A00001L9", "--output", "OUT", NULL },
  { "media", "handoff", "send-offsite", "--output", "OUT", NULL },
  { "media", "reconcile", "--location", "Vault", "scan.txt", "--certificate", "OUT", NULL },
};

static void
assert_every_output_refused (CtlFixture *f,
                             const char *target,
                             const char *message)
{
  for (guint i = 0; i < G_N_ELEMENTS (output_commands); i++)
    {
      const char *args[12] = { NULL, };
      g_autoptr(GPtrArray) argv = g_ptr_array_new ();
      g_autofree char *hash = custody_test_file_sha256 (f->db);
      g_autofree char *after = NULL;
      g_autofree char *out = NULL, *err = NULL;
      int status;

      g_ptr_array_add (argv, (gpointer) g_getenv ("CUSTODYCTL"));
      g_ptr_array_add (argv, (gpointer) "--db");
      g_ptr_array_add (argv, f->db);
      for (guint j = 0; output_commands[i][j] != NULL; j++)
        g_ptr_array_add (argv, (gpointer) (g_str_equal (output_commands[i][j], "OUT")
                                           ? target : output_commands[i][j]));
      g_ptr_array_add (argv, NULL);
      memcpy (args, argv->pdata, argv->len * sizeof (gpointer));

      status = ctl_spawn (f, args, NULL, &out, &err);
      g_test_message ("%s %s -> %d %s", output_commands[i][0], output_commands[i][1], status, err);
      g_assert_cmpint (status, ==, CTL_EXIT_USAGE);
      g_assert_nonnull (strstr (err, message));
      g_assert_cmpstr (out, ==, "");

      /* Not one byte of the store changed, and no temporary is left. */
      after = custody_test_file_sha256 (f->db);
      g_assert_cmpstr (after, ==, hash);
      g_assert_cmpuint (count_names (f->dir, ".custody-output-", ".tmp"), ==, 0);
    }

  /* ...and it still opens with its data. */
  g_assert_cmpint (ctl_query_int (f, "SELECT count(*) FROM jobs"), ==, 1);
  g_assert_cmpint (ctl_query_int (f, "SELECT count(*) FROM reconciliations"), ==, 0);
  ctl_ok (f, "db", "check", NULL);
}

static void
test_outputs_refuse_the_store (CtlFixture    *f,
                               gconstpointer  data)
{
  g_autofree char *wal = g_strconcat (f->db, "-wal", NULL);
  g_autofree char *shm = g_strconcat (f->db, "-shm", NULL);
  g_autofree char *journal = g_strconcat (f->db, "-journal", NULL);
  g_autofree char *symlink_path = ctl_fixture_path (f, "report.pdf");
  g_autofree char *hard = ctl_fixture_path (f, "hard.pdf");
  g_autofree char *subdir = ctl_fixture_path (f, "sub");
  g_autofree char *via_dir = NULL;
  g_autofree char *backup = NULL;
  sqlite3 *reader = NULL;

  /* A reader holds the store open, so its -wal and -shm exist: they are
   * recognised by inode. */
  g_assert_cmpint (sqlite3_open (f->db, &reader), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (reader, "SELECT count(*) FROM jobs", NULL, NULL, NULL), ==,
                   SQLITE_OK);
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (shm, G_FILE_TEST_EXISTS));

  assert_every_output_refused (f, "custody.db", "refusing to write over the store");
  assert_every_output_refused (f, f->db, "refusing to write over the store");
  assert_every_output_refused (f, wal, "refusing to write over the store");
  assert_every_output_refused (f, shm, "refusing to write over the store");

  /* One that does not exist (it is made at any moment): by name in the
   * store's directory, reached by any path. */
  assert_every_output_refused (f, journal, "refusing to write over the store");
  g_assert_cmpint (g_mkdir (subdir, 0700), ==, 0);
  via_dir = g_build_filename (subdir, "..", "custody.db-journal", NULL);
  assert_every_output_refused (f, via_dir, "refusing to write over the store");

  /* A symbolic link to it, and a hard link. */
  g_assert_cmpint (symlink ("custody.db", symlink_path), ==, 0);
  assert_every_output_refused (f, symlink_path, "refusing to write over the store");
  g_assert_cmpint (link (f->db, hard), ==, 0);
  assert_every_output_refused (f, hard, "refusing to write over the store");
  g_unlink (hard);

  sqlite3_close (reader);

  /* A backup, and a link to another file. */
  backup = backup_path (f, NULL);
  assert_every_output_refused (f, backup, "it is a database");
  g_unlink (symlink_path);
  ctl_fixture_write (f, "notes.txt", "mine", -1);
  g_assert_cmpint (symlink ("notes.txt", symlink_path), ==, 0);
  assert_every_output_refused (f, symlink_path, "is a symbolic link to 'notes.txt'");
  {
    g_autofree char *notes = ctl_fixture_path (f, "notes.txt");
    g_autofree char *text = NULL;

    g_file_get_contents (notes, &text, NULL, NULL);
    g_assert_cmpstr (text, ==, "mine");
  }
}

static void
test_outputs_replace_whole (CtlFixture    *f,
                            gconstpointer  data)
{
  g_autofree char *pdf = ctl_fixture_path (f, "report.pdf");
  g_autofree char *json = ctl_fixture_path (f, "export.json");
  g_autofree char *text = NULL;
  g_autofree char *old_hash = NULL;
  g_autofree char *hash = NULL;
  struct stat before, after;
  sqlite3 *reader = NULL;
  mode_t old_umask;

  /* New files get 0666 less the umask. */
  old_umask = umask (027);
  ctl_ok (f, "report", "compliance", "--output", "report.pdf", NULL);
  ctl_ok (f, "export", "--output", "export.json", NULL);
  umask (old_umask);
  g_assert_cmpint (g_stat (pdf, &before), ==, 0);
  g_assert_cmpint (before.st_mode & 0777, ==, 0640);
  g_assert_cmpint (g_stat (json, &after), ==, 0);
  g_assert_cmpint (after.st_mode & 0777, ==, 0640);
  g_file_get_contents (pdf, &text, NULL, NULL);
  g_assert_true (g_str_has_prefix (text, "%PDF-"));

  /* A replaced one is a new file under the old name, with the old
   * file's permissions. */
  g_assert_cmpint (g_chmod (pdf, 0600), ==, 0);
  g_assert_cmpint (g_stat (pdf, &before), ==, 0);
  ctl_ok (f, "report", "audit", "--output", "report.pdf", NULL);
  g_assert_cmpint (g_stat (pdf, &after), ==, 0);
  g_assert_cmpint (after.st_ino, !=, before.st_ino);
  g_assert_cmpint (after.st_mode & 0777, ==, 0600);

  /* A write that fails midway (the file size limit, here) leaves the old
   * file whole and no temporary. */
  old_hash = custody_test_file_sha256 (pdf);
  /* A reader keeps the store's -shm at its size: only the output grows. */
  g_assert_cmpint (sqlite3_open (f->db, &reader), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (reader, "SELECT count(*) FROM jobs", NULL, NULL, NULL), ==,
                   SQLITE_OK);
  {
    const char *argv[] = { "sh", "-c", "trap '' XFSZ; ulimit -f 8; exec \"$@\"", "sh",
                           g_getenv ("CUSTODYCTL"), "--db", f->db, "report", "compliance",
                           "--output", "report.pdf", NULL };
    g_autofree char *err = NULL;

    g_assert_cmpint (ctl_spawn (f, argv, NULL, NULL, &err), ==, CTL_EXIT_USAGE);
    g_assert_nonnull (strstr (err, "report.pdf"));
  }
  sqlite3_close (reader);
  hash = custody_test_file_sha256 (pdf);
  g_assert_cmpstr (hash, ==, old_hash);
  g_assert_cmpuint (count_names (f->dir, ".custody-output-", ".tmp"), ==, 0);
}

/*
 * Backups
 */

static void
test_backup_rotates_only_its_own (CtlFixture    *f,
                                  gconstpointer  data)
{
  g_autofree char *other = ctl_fixture_path (f, "custody-other.db");
  g_autofree char *foreign = ctl_fixture_path (f, "custody-foreign.db");
  g_autofree char *empty = ctl_fixture_path (f, "custody-20200101T000000Z-000000.db");
  g_autofree char *own_old = ctl_fixture_path (f, "custody-20200102T000000Z-000000.db");
  g_autofree char *named_like_one = ctl_fixture_path (f, "custody-20200103T000000Z-000000.db");
  g_autofree char *latest = NULL;
  g_autoptr(GPtrArray) other_backups = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *old_style = NULL;

  /* Another store beside this one, with its backups in the same folder. */
  {
    const char *argv[] = { g_getenv ("CUSTODYCTL"), "--db", other, "init", NULL };
    g_assert_cmpint (ctl_spawn (f, argv, NULL, NULL, NULL), ==, 0);
  }
  for (guint i = 0; i < 2; i++)
    {
      const char *argv[] = { g_getenv ("CUSTODYCTL"), "--db", other, "--json", "db", "backup",
                             "--dir", f->dir, "--keep", "1", NULL };
      g_autofree char *out = NULL;
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonObject *o;

      g_assert_cmpint (ctl_spawn (f, argv, NULL, &out, NULL), ==, 0);
      g_assert_true (json_parser_load_from_data (parser, out, -1, NULL));
      o = json_node_get_object (json_parser_get_root (parser));
      g_ptr_array_add (other_backups, g_strdup (json_object_get_string_member (o, "backup")));
    }
  g_assert_false (g_file_test (g_ptr_array_index (other_backups, 0), G_FILE_TEST_EXISTS));

  /* Files that are not this store's backups, one of them named as the
   * older versions named backups; and one that is, under that name. */
  ctl_fixture_write (f, "custody-foreign.db", "not a database", -1);
  ctl_fixture_write (f, "custody-20200101T000000Z-000000.db", "", 0);
  old_style = backup_path (f, NULL);
  g_assert_cmpint (g_rename (old_style, own_old), ==, 0);

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(JsonNode) backup = ctl_json (f, 0, "db", "backup", "--dir", f->dir, "--keep", "1",
                                             NULL);

      g_free (latest);
      latest = g_strdup (json_object_get_string_member (json_node_get_object (backup), "backup"));
    }

  /* Only this store's older backups went. */
  g_assert_true (g_file_test (latest, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (f->db, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (other, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (g_ptr_array_index (other_backups, 1), G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (foreign, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (empty, G_FILE_TEST_IS_REGULAR));
  g_assert_false (g_file_test (own_old, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_names (f->dir, "custody-", ".db"), ==, 5);
  g_assert_cmpint (ctl_query_int (f, "SELECT count(*) FROM jobs"), ==, 1);

  /* A store named like an old backup in its own backup folder is the
   * store, not a generation. */
  g_assert_cmpint (g_rename (f->db, named_like_one), ==, 0);
  g_free (f->db);
  f->db = g_strdup (named_like_one);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(JsonNode) backup = ctl_json (f, 0, "db", "backup", "--dir", f->dir, "--keep", "1",
                                             NULL);
    }
  g_assert_true (g_file_test (named_like_one, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (ctl_query_int (f, "SELECT count(*) FROM jobs"), ==, 1);
  ctl_ok (f, "db", "check", NULL);
}

static void
test_concurrent_backups_all_succeed (CtlFixture    *f,
                                     gconstpointer  data)
{
  g_autofree char *dir = ctl_fixture_path (f, "pairs");
  g_autoptr(GHashTable) paths = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const guint pairs = 6;

  for (guint i = 0; i < pairs; i++)
    {
      g_autoptr(GSubprocess) a = NULL, b = NULL;
      GSubprocess *both[2];
      g_autoptr(GSubprocessLauncher) launcher = NULL;
      g_autoptr(GError) error = NULL;
      const char *ctl = g_getenv ("CUSTODYCTL");

      launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                            G_SUBPROCESS_FLAGS_STDERR_PIPE);
      g_subprocess_launcher_set_environ (launcher, f->env);
      a = g_subprocess_launcher_spawn (launcher, &error, ctl, "--db", f->db, "--json",
                                       "db", "backup", "--dir", dir, "--keep", "100", NULL);
      g_assert_no_error (error);
      b = g_subprocess_launcher_spawn (launcher, &error, ctl, "--db", f->db, "--json",
                                       "db", "backup", "--dir", dir, "--keep", "100", NULL);
      g_assert_no_error (error);
      both[0] = a;
      both[1] = b;

      for (guint j = 0; j < 2; j++)
        {
          g_autofree char *out = NULL, *err = NULL;
          g_autoptr(JsonParser) parser = json_parser_new ();

          g_subprocess_communicate_utf8 (both[j], NULL, NULL, &out, &err, &error);
          g_assert_no_error (error);
          if (g_subprocess_get_exit_status (both[j]) != 0)
            g_test_message ("pair %u: %s", i, err);
          g_assert_cmpint (g_subprocess_get_exit_status (both[j]), ==, 0);
          g_assert_true (json_parser_load_from_data (parser, out, -1, NULL));
          g_hash_table_add (paths, g_strdup (json_object_get_string_member (
            json_node_get_object (json_parser_get_root (parser)), "backup")));
        }
    }

  /* Distinct files, all there, and nothing else. */
  g_assert_cmpuint (g_hash_table_size (paths), ==, 2 * pairs);
  g_assert_cmpuint (count_names (dir, "custody-", ".db"), ==, 2 * pairs);
  g_assert_cmpuint (count_names (dir, ".custody-backup-", ""), ==, 0);
}

static char *
host_for_names (void)
{
  char *host = g_strdup (g_get_host_name ());

  g_strdelimit (host, "-/", '_');
  return host;
}

static void
test_backup_removes_what_killed_ones_left (CtlFixture    *f,
                                           gconstpointer  data)
{
  g_autofree char *dir = ctl_fixture_path (f, "backups");
  g_autofree char *host = host_for_names ();
  g_autofree char *dead = NULL;
  g_autofree char *dead_journal = NULL;
  g_autofree char *old = NULL;
  g_autofree char *alive = NULL;
  g_autofree char *other_host = NULL;
  g_autofree char *backup = NULL;
  struct utimbuf two_days_ago;
  GPid pid;
  gboolean killed_midway = FALSE;

  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);

  /* A writer that is gone: a process that ran and was reaped. */
  {
    char *argv[] = { (char *) "true", NULL };
    g_autoptr(GError) error = NULL;

    /* Reaped here, not by GLib: a GSubprocess that has already exited
     * may no longer say its pid. */
    g_spawn_async (NULL, argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                   &pid, &error);
    g_assert_no_error (error);
    g_assert_cmpint (waitpid (pid, NULL, 0), ==, pid);
  }
  dead = g_strdup_printf ("%s/.custody-backup-%s-%d-aaaaaa.tmp", dir, host, (int) pid);
  dead_journal = g_strconcat (dead, "-journal", NULL);
  old = g_strdup_printf ("%s/.custody-backup-20260101T000000.tmp", dir);
  /* A writer that is alive (this test), and one on another machine. */
  alive = g_strdup_printf ("%s/.custody-backup-%s-%d-bbbbbb.tmp", dir, host, (int) getpid ());
  other_host = g_strdup_printf ("%s/.custody-backup-elsewhere-%d-cccccc.tmp", dir, (int) pid);
  g_file_set_contents (dead, "x", -1, NULL);
  g_file_set_contents (dead_journal, "x", -1, NULL);
  g_file_set_contents (old, "x", -1, NULL);
  g_file_set_contents (alive, "x", -1, NULL);
  g_file_set_contents (other_host, "x", -1, NULL);
  two_days_ago.actime = two_days_ago.modtime = time (NULL) - 2 * 24 * 60 * 60;
  g_assert_cmpint (g_utime (old, &two_days_ago), ==, 0);

  backup = backup_path (f, NULL);
  g_assert_false (g_file_test (dead, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (dead_journal, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (old, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (alive, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (other_host, G_FILE_TEST_EXISTS));
  g_unlink (alive);
  g_unlink (other_host);

  /* A backup of a large store (the demo's own) really killed midway. */
  g_free (f->db);
  f->db = ctl_fixture_path (f, "large.db");
  ctl_ok (f, "demo", "--executions", "200000", NULL);
  for (guint attempt = 0; attempt < 5 && !killed_midway; attempt++)
    {
      g_autoptr(GSubprocessLauncher) launcher = NULL;
      g_autoptr(GSubprocess) process = NULL;
      g_autoptr(GError) error = NULL;

      launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                            G_SUBPROCESS_FLAGS_STDERR_SILENCE);
      g_subprocess_launcher_set_environ (launcher, f->env);
      process = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("CUSTODYCTL"),
                                             "--db", f->db, "db", "backup", NULL);
      g_assert_no_error (error);
      for (guint i = 0; i < 2000 && count_names (dir, ".custody-backup-", ".tmp") == 0; i++)
        g_usleep (1000);
      g_subprocess_send_signal (process, SIGKILL);
      g_subprocess_wait (process, NULL, NULL);
      killed_midway = g_subprocess_get_if_signaled (process) &&
                      count_names (dir, ".custody-backup-", ".tmp") == 1;
    }
  g_assert_true (killed_midway);

  g_free (backup);
  backup = backup_path (f, NULL);
  g_assert_cmpuint (count_names (dir, ".custody-backup-", ""), ==, 0);
}

static void
test_backups_are_private_to_the_owner (CtlFixture    *f,
                                       gconstpointer  data)
{
  g_autofree char *shared = ctl_fixture_path (f, "shared");
  g_autofree char *dir = ctl_fixture_path (f, "backups");
  g_autofree char *backup = NULL;
  struct stat st;
  mode_t old_umask = umask (022);

  backup = backup_path (f, NULL);
  g_assert_cmpint (g_stat (backup, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 07777, ==, 0600);
  g_assert_cmpint (g_stat (dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 07777, ==, 0700);

  /* A folder shared with a group on purpose. */
  g_assert_cmpint (g_mkdir (shared, 0700), ==, 0);
  g_assert_cmpint (g_chmod (shared, 02770), ==, 0);
  g_free (backup);
  backup = backup_path (f, shared);
  g_assert_cmpint (g_stat (backup, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 07777, ==, 0660);
  umask (old_umask);

  /* Root backing up a user's store leaves it all to the user. */
  if (geteuid () != 0)
    {
      g_test_skip ("the owner's part needs root");
      return;
    }
  {
    const char *argv[] = { "rm", "-rf", dir, NULL };
    g_assert_cmpint (ctl_spawn (f, argv, NULL, NULL, NULL), ==, 0);
  }
  g_assert_cmpint (chown (f->db, 65534, 65534), ==, 0);
  g_free (backup);
  backup = backup_path (f, NULL);
  g_assert_cmpint (g_stat (dir, &st), ==, 0);
  g_assert_cmpint (st.st_uid, ==, 65534);
  g_assert_cmpint (st.st_gid, ==, 65534);
  g_assert_cmpint (g_stat (backup, &st), ==, 0);
  g_assert_cmpint (st.st_uid, ==, 65534);
  g_assert_cmpint (st.st_gid, ==, 65534);
  g_assert_cmpint (st.st_mode & 07777, ==, 0600);
}

/*
 * A store a team shares
 */

/* Accounts every Debian system has (daemon, bin, nobody): GLib looks the
 * user up for the audit trail's actor. The team's group needs no entry. */
#define TEAM_GID  61000
#define MEMBER_A  1
#define MEMBER_B  2
#define OUTSIDER  65534

/* custodyctl --db DB ARGS... as @uid, a member of TEAM_GID or not. */
static int
run_as (CtlFixture  *f,
        uid_t        uid,
        gboolean     member,
        const char  *db,
        char       **err,
        const char  *first,
        ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  va_list args;

  g_ptr_array_add (argv, g_strdup ("setpriv"));
  g_ptr_array_add (argv, g_strdup_printf ("--reuid=%u", (guint) uid));
  g_ptr_array_add (argv, g_strdup_printf ("--regid=%u", (guint) uid));
  g_ptr_array_add (argv, member ? g_strdup_printf ("--groups=%d", TEAM_GID)
                                : g_strdup ("--clear-groups"));
  g_ptr_array_add (argv, g_strdup (g_getenv ("CUSTODYCTL")));
  g_ptr_array_add (argv, g_strdup ("--db"));
  g_ptr_array_add (argv, g_strdup (db));
  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, g_strdup (arg));
  va_end (args);
  g_ptr_array_add (argv, NULL);

  return ctl_spawn (f, (const char * const *) argv->pdata, NULL, NULL, err);
}

/* The layout of README's "A store a team shares": a folder of the group
 * custody, mode 2770; every member reads and writes the store whoever
 * made it or its -wal and -shm; anyone else is told, and changes nothing. */
static void
test_shared_store_two_members (CtlFixture    *f,
                               gconstpointer  data)
{
  g_autofree char *dir = ctl_fixture_path (f, "team");
  g_autofree char *db = g_build_filename (dir, "custody.db", NULL);
  g_autofree char *wal = g_strconcat (db, "-wal", NULL);
  g_autofree char *err = NULL;
  struct stat st;

  if (geteuid () != 0)
    {
      g_test_skip ("two Unix users need root to be played");
      return;
    }

  g_assert_cmpint (g_chmod (f->dir, 0755), ==, 0);
  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  g_assert_cmpint (chown (dir, 0, TEAM_GID), ==, 0);
  g_assert_cmpint (g_chmod (dir, 02770), ==, 0);

  /* Under a umask that would give the world everything. */
  umask (0);
  g_assert_cmpint (run_as (f, MEMBER_A, TRUE, db, NULL, "init", NULL), ==, 0);
  g_assert_cmpint (run_as (f, MEMBER_A, TRUE, db, NULL, "job", "add", "made-by-a", NULL), ==, 0);
  umask (022);
  g_assert_cmpint (g_stat (db, &st), ==, 0);
  g_assert_cmpint (st.st_uid, ==, MEMBER_A);
  g_assert_cmpint (st.st_gid, ==, TEAM_GID);
  g_assert_cmpint (st.st_mode & 0777, ==, 0660);

  g_assert_cmpint (run_as (f, MEMBER_B, TRUE, db, NULL, "job", "add", "made-by-b", NULL), ==, 0);
  g_assert_cmpint (run_as (f, MEMBER_B, TRUE, db, NULL, "copy", "add", "made-by-a", "nas",
                           "--media-type", "disk", NULL), ==, 0);
  if (g_stat (wal, &st) == 0)
    {
      g_assert_cmpint (st.st_gid, ==, TEAM_GID);
      g_assert_cmpint (st.st_mode & 0777, ==, 0660);
    }
  g_assert_cmpint (run_as (f, MEMBER_A, TRUE, db, NULL, "job", "add", "again-by-a", NULL), ==, 0);
  g_assert_cmpint (run_as (f, MEMBER_A, TRUE, db, NULL, "db", "check", NULL), ==, 0);

  g_assert_cmpint (run_as (f, OUTSIDER, FALSE, db, &err, "job", "list", NULL), ==, 3);
  g_assert_nonnull (strstr (err, db));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_as (f, OUTSIDER, FALSE, db, &err, "job", "add", "intruder", NULL), ==, 3);

  g_assert_cmpint (run_as (f, MEMBER_B, TRUE, db, NULL, "job", "show", "again-by-a", NULL), ==, 0);
  {
    sqlite3 *handle = NULL;
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_open_v2 (db, &handle, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_prepare_v2 (handle, "SELECT count(*) FROM jobs", -1, &stmt, NULL),
                     ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 3);
    sqlite3_finalize (stmt);
    sqlite3_close (handle);
  }
}

/*
 * Restore
 */

typedef struct
{
  const char *name;
  const char *sql;       /* run on a copy of a good backup */
  const char *message;
} Tampering;

static const Tampering tamperings[] = {
  { "audit-changed", NULL, "audit entry 1 is broken" },
  { "foreign-keys-broken",
    "PRAGMA foreign_keys = OFF; DELETE FROM jobs;",
    "foreign key broken in copies" },
  { "trigger-dropped", "DROP TRIGGER audit_no_delete;", "trigger audit_no_delete is missing" },
  { "index-dropped", "DROP INDEX audit_at;", "index audit_at is missing" },
  { "trigger-added",
    "CREATE TRIGGER wipe AFTER INSERT ON audit BEGIN DELETE FROM jobs; END;",
    "trigger wipe is not one Custody makes" },
};

static void
test_restore_refuses_what_db_check_would_not_pass (CtlFixture    *f,
                                                   gconstpointer  data)
{
  g_autofree char *good = backup_path (f, NULL);
  g_autofree char *contents = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (good, &contents, &len, NULL));
  ctl_ok (f, "--at", SETUP, "job", "add", "after-the-backup", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (tamperings); i++)
    {
      g_autofree char *name = g_strconcat (tamperings[i].name, ".db", NULL);
      g_autofree char *path = ctl_fixture_write (f, name, contents, (gssize) len);
      g_autofree char *hash = custody_test_file_sha256 (f->db);
      g_autofree char *after = NULL;

      /* The audit trigger is put back with its own text: only the chain
       * shows the change. */
      if (tamperings[i].sql == NULL)
        {
          g_autofree char *sql = NULL;
          sqlite3 *db = NULL;
          sqlite3_stmt *stmt = NULL;

          g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
          g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT sql FROM sqlite_schema"
                                               " WHERE name = 'audit_no_update'",
                                               -1, &stmt, NULL), ==, SQLITE_OK);
          g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
          sql = g_strdup_printf ("DROP TRIGGER audit_no_update;"
                                 "UPDATE audit SET actor = 'mallory' WHERE id = 1;"
                                 "%s;", sqlite3_column_text (stmt, 0));
          sqlite3_finalize (stmt);
          sqlite3_close (db);
          custody_test_exec_sql (path, sql);
        }
      else
        custody_test_exec_sql (path, tamperings[i].sql);

      ctl_assert_fails (f, CTL_EXIT_USAGE, tamperings[i].message, "db", "restore", path, NULL);
      after = custody_test_file_sha256 (f->db);
      g_assert_cmpstr (after, ==, hash);
    }
  g_assert_cmpint (ctl_query_int (f, "SELECT count(*) FROM jobs"), ==, 2);

  /* The good one restores. */
  ctl_ok (f, "db", "restore", good, NULL);
  g_assert_cmpint (ctl_query_int (f, "SELECT count(*) FROM jobs"), ==, 1);
  ctl_ok (f, "db", "check", NULL);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/cli/safety/" path, CtlFixture, NULL, set_up, func, ctl_fixture_tear_down)

  ADD ("outputs/refuse-the-store", test_outputs_refuse_the_store);
  ADD ("outputs/replace-whole", test_outputs_replace_whole);
  ADD ("backup/rotates-only-its-own", test_backup_rotates_only_its_own);
  ADD ("backup/concurrent-backups-all-succeed", test_concurrent_backups_all_succeed);
  ADD ("backup/removes-what-killed-ones-left", test_backup_removes_what_killed_ones_left);
  ADD ("backup/private-to-the-owner", test_backups_are_private_to_the_owner);
  ADD ("shared-store/two-members-and-an-outsider", test_shared_store_two_members);
  ADD ("restore/refuses-what-db-check-would-not-pass",
       test_restore_refuses_what_db_check_would_not_pass);

#undef ADD

  return g_test_run ();
}
