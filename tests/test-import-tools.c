/* test-import-tools.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * restic and borg for real: repositories in a temporary directory, real
 * backups through the wrapper scripts of data/examples (one of them
 * failing or interrupted), a real check of a healthy repository and of
 * one damaged on purpose, their output imported by the built custodyctl,
 * and the runs, verifications and compliance verdict that follow.
 * Skipped, saying so, only when the tool is not installed.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>

#include "custody-ctl-test-utils.h"

#define DATA_FILES 5
#define DATA_FILE_SIZE 20000

static gboolean
have_tool (const char *tool,
           const char *package)
{
  g_autofree char *path = g_find_program_in_path (tool);

  if (path == NULL)
    {
      g_autofree char *message = g_strdup_printf ("%s is not installed (Debian package %s): "
                                                  "the real-tool tests need it", tool, package);
      g_test_skip (message);
      return FALSE;
    }
  return TRUE;
}

static char *
example (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "..", "data", "examples", name, NULL);
}

/* Files of random bytes (nothing to deduplicate): the data to back up. */
static gint64
make_data (CtlFixture *f,
           const char *dir_name,
           guint       files,
           gsize       size)
{
  g_autofree char *dir = ctl_fixture_path (f, dir_name);
  g_autoptr(GRand) rand = g_rand_new_with_seed (files * 7919 + size);
  g_autofree guint8 *bytes = g_malloc (size);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  for (guint i = 0; i < files; i++)
    {
      g_autofree char *name = g_strdup_printf ("file-%u.bin", i);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autoptr(GError) error = NULL;

      for (gsize j = 0; j + 4 <= size; j += 4)
        {
          guint32 word = g_rand_int (rand);
          memcpy (bytes + j, &word, 4);
        }
      g_file_set_contents (path, (const char *) bytes, (gssize) size, &error);
      g_assert_no_error (error);
    }
  return (gint64) files * (gint64) size;
}

/* Runs a program, or fails the test if it does not exit with @status. */
static char *
tool (CtlFixture         *f,
      int                 status,
      const char * const *argv)
{
  g_autofree char *out = NULL, *err = NULL;
  int got = ctl_spawn (f, argv, NULL, &out, &err);

  if (got != status)
    g_test_message ("%s exited with %d:\n%s%s", argv[0], got, out, err);
  g_assert_cmpint (got, ==, status);
  return g_steal_pointer (&out);
}

/* Runs a program and saves what it printed (both streams) for import. */
static int
tool_to_file (CtlFixture         *f,
              const char * const *argv,
              const char         *file,
              gboolean            with_stderr)
{
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *all = NULL;
  g_autofree char *path = NULL;
  int status = ctl_spawn (f, argv, NULL, &out, &err);

  all = g_strconcat (out, with_stderr ? err : "", NULL);
  path = ctl_fixture_write (f, file, all, -1);
  return status;
}

/* Overwrites bytes in the middle of the largest file under @dir. */
static void
damage_largest_file (const char *dir)
{
  g_autoptr(GPtrArray) stack = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *largest = NULL;
  goffset largest_size = 0;
  FILE *file;

  g_ptr_array_add (stack, g_strdup (dir));
  while (stack->len > 0)
    {
      g_autofree char *path = g_ptr_array_steal_index (stack, stack->len - 1);
      GDir *d = g_dir_open (path, 0, NULL);
      const char *name;

      if (d == NULL)
        continue;
      while ((name = g_dir_read_name (d)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          GStatBuf st;

          if (g_stat (child, &st) != 0)
            continue;
          if (S_ISDIR (st.st_mode))
            g_ptr_array_add (stack, g_steal_pointer (&child));
          else if (st.st_size > largest_size)
            {
              largest_size = st.st_size;
              g_free (largest);
              largest = g_steal_pointer (&child);
            }
        }
      g_dir_close (d);
    }

  g_assert_nonnull (largest);
  g_assert_cmpint (largest_size, >, 1000);
  /* Repositories write their files read-only. */
  g_assert_cmpint (g_chmod (largest, 0600), ==, 0);
  file = g_fopen (largest, "r+b");
  g_assert_nonnull (file);
  g_assert_cmpint (fseek (file, (long) (largest_size / 2), SEEK_SET), ==, 0);
  g_assert_cmpint (fwrite ("DAMAGED-ON-PURPOSE", 1, 18, file), ==, 18);
  fclose (file);
}

static JsonObject *
newest_run (JsonNode   *history,
            const char *copy)
{
  JsonArray *runs = json_node_get_array (history);

  for (guint i = 0; i < json_array_get_length (runs); i++)
    {
      JsonObject *run = json_array_get_object_element (runs, i);

      if (g_str_equal (json_object_get_string_member (run, "copy"), copy))
        return run;
    }
  g_assert_not_reached ();
}

static gint64
parse_time (const char *text)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (text, NULL);

  g_assert_nonnull (dt);
  return g_date_time_to_unix (dt);
}

/* The 0-errors rule of a job, with its reasons joined. */
static gboolean
errors_rule (CtlFixture  *f,
             const char  *job,
             char       **reasons)
{
  g_autoptr(JsonNode) check = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  JsonObject *j, *rule;
  JsonArray *list;
  g_autofree char *out = NULL;
  int status;

  status = ctl_run (f, NULL, &out, NULL, "--json", "check", job, NULL);
  g_assert_true (status == 0 || status == 1);
  check = json_from_string (out, NULL);
  g_assert_nonnull (check);
  j = ctl_check_job (check, job);
  rule = ctl_find_by (json_object_get_array_member (j, "rules"), "rule", "0-errors");
  list = json_object_get_array_member (rule, "reasons");
  for (guint i = 0; i < json_array_get_length (list); i++)
    g_string_append_printf (text, "%s\n", json_array_get_string_element (list, i));
  *reasons = g_strdup (text->str);
  return json_object_get_boolean_member (rule, "pass");
}

static void
set_up (CtlFixture    *f,
        gconstpointer  data)
{
  g_autofree char *restic_repo = NULL, *borg_repo = NULL, *cache = NULL, *borg_base = NULL;

  ctl_fixture_set_up (f, data);
  restic_repo = ctl_fixture_path (f, "restic-repo");
  borg_repo = ctl_fixture_path (f, "borg-repo");
  cache = ctl_fixture_path (f, "restic-cache");
  borg_base = ctl_fixture_path (f, "borg-base");

  /* Nothing prompts: passwords, paths and answers come from here. */
  ctl_fixture_setenv (f, "RESTIC_REPOSITORY", restic_repo);
  ctl_fixture_setenv (f, "RESTIC_PASSWORD", "correct horse battery staple");
  ctl_fixture_setenv (f, "RESTIC_CACHE_DIR", cache);
  ctl_fixture_setenv (f, "RESTIC_PROGRESS_FPS", "0.1");
  ctl_fixture_setenv (f, "BORG_REPO", borg_repo);
  ctl_fixture_setenv (f, "BORG_PASSPHRASE", "correct horse battery staple");
  ctl_fixture_setenv (f, "BORG_BASE_DIR", borg_base);
  ctl_fixture_setenv (f, "BORG_UNKNOWN_UNENCRYPTED_REPO_ACCESS_IS_OK", "no");
  ctl_fixture_setenv (f, "BORG_RELOCATED_REPO_ACCESS_IS_OK", "no");
  ctl_fixture_setenv (f, "BORG_CHECK_I_KNOW_WHAT_I_AM_DOING", "NO");
  ctl_fixture_setenv (f, "BORG_DELETE_I_KNOW_WHAT_I_AM_DOING", "NO");
  /* The wrappers call this custodyctl on this store. */
  ctl_fixture_setenv (f, "CUSTODYCTL", g_getenv ("CUSTODYCTL"));
  ctl_fixture_setenv (f, "CUSTODY_DB", f->db);

  ctl_ok (f, "job", "add", "files", "--rpo-hours", "24", NULL);
}

/*
 * restic
 */

static void
test_restic_backups_checks_and_compliance (CtlFixture    *f,
                                           gconstpointer  data)
{
  const char *init[] = { "restic", "init", NULL };
  const char *check_data[] = { "restic", "check", "--read-data", NULL };
  g_autofree char *wrapper = example ("custody-restic-backup");
  g_autofree char *reasons = NULL;
  g_autofree char *damaged = NULL;
  g_autofree char *repo = NULL;
  g_autoptr(JsonNode) h1 = NULL, h2 = NULL, h3 = NULL, h4 = NULL;
  JsonObject *run;
  gint64 size, before, after;
  int status;

  if (!have_tool ("restic", "restic"))
    return;

  g_free (tool (f, 0, init));
  size = make_data (f, "data", DATA_FILES, DATA_FILE_SIZE);
  ctl_ok (f, "copy", "add", "files", "restic", "--media-type", "disk", NULL);

  /* 1. A clean backup. */
  before = g_get_real_time () / G_USEC_PER_SEC;
  {
    const char *argv[] = { wrapper, "files", "restic", "data", NULL };
    g_free (tool (f, 0, argv));
  }
  after = g_get_real_time () / G_USEC_PER_SEC;
  h1 = ctl_json (f, 0, "history", "files", NULL);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (h1)), ==, 1);
  run = newest_run (h1, "restic");
  g_assert_cmpstr (json_object_get_string_member (run, "status"), ==, "success");
  g_assert_cmpint (json_object_get_int_member (run, "bytes"), ==, size);
  g_assert_cmpint (json_object_get_int_member (run, "files"), ==, DATA_FILES);
  g_assert_cmpint (strlen (json_object_get_string_member (run, "run_id")), ==, 64);
  g_assert_true (g_str_has_suffix (json_object_get_string_member (run, "message"), "/data"));
  g_assert_cmpint (parse_time (json_object_get_string_member (run, "started")), >=, before - 1);
  g_assert_cmpint (parse_time (json_object_get_string_member (run, "started")), <=, after + 1);
  /* No check yet: the copy is an error until one passes. */
  g_assert_false (errors_rule (f, "files", &reasons));
  g_assert_nonnull (strstr (reasons, "'restic': never verified"));

  /* 2. A source file that cannot be read: exit code 3, a snapshot, a
   * warning. /proc/self/mem fails to read for root too. */
  {
    const char *argv[] = { wrapper, "files", "restic", "data", "/proc/self/mem", NULL };
    g_free (tool (f, 3, argv));
  }
  h2 = ctl_json (f, 0, "history", "files", NULL);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (h2)), ==, 2);
  run = newest_run (h2, "restic");
  g_assert_cmpstr (json_object_get_string_member (run, "status"), ==, "warning");
  g_assert_cmpstr (json_object_get_string_member (run, "message"), ==,
                   "some source files could not be read");

  /* 3. A backup that fails (the wrong password): no snapshot, a failed run,
   * and the copy has an error now. */
  ctl_fixture_setenv (f, "RESTIC_PASSWORD", "wrong");
  {
    const char *argv[] = { wrapper, "files", "restic", "data", NULL };
    g_free (tool (f, 1, argv));
  }
  ctl_fixture_setenv (f, "RESTIC_PASSWORD", "correct horse battery staple");
  h3 = ctl_json (f, 0, "history", "files", NULL);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (h3)), ==, 3);
  run = newest_run (h3, "restic");
  g_assert_cmpstr (json_object_get_string_member (run, "status"), ==, "failed");
  g_assert_cmpstr (json_object_get_string_member (run, "message"), ==,
                   "restic backup exited with 1");
  g_clear_pointer (&reasons, g_free);
  g_assert_false (errors_rule (f, "files", &reasons));
  g_assert_nonnull (strstr (reasons, "'restic': latest run failed"));

  /* 4. A clean backup with a check: the error is gone, and the copy has
   * a passed verification. Re-importing the whole list changes nothing.
   * Times are whole seconds, and runs of one second cannot be told apart (a
   * failure among them wins): the failed run ended within this second, so
   * this one starts in the next, as any real backup does. */
  g_usleep (G_USEC_PER_SEC + 100000);
  ctl_fixture_setenv (f, "CUSTODY_RESTIC_CHECK", "1");
  {
    const char *argv[] = { wrapper, "files", "restic", "data", NULL };
    g_free (tool (f, 0, argv));
  }
  ctl_fixture_setenv (f, "CUSTODY_RESTIC_CHECK", "0");
  h4 = ctl_json (f, 0, "history", "files", NULL);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (h4)), ==, 4);
  g_assert_cmpint (ctl_query_int (f, "SELECT count(*) FROM verifications WHERE result = 'passed'"
                                     " AND kind = 'checksum' AND errors = 0 AND by = "
                                     "'restic'"), ==, 1);
  g_clear_pointer (&reasons, g_free);
  if (!errors_rule (f, "files", &reasons))
    g_error ("0 errors fails after a clean backup with a check: %s", reasons);
  {
    const char *snapshots[] = { "restic", "snapshots", "--json", NULL };
    g_autofree char *list = tool (f, 0, snapshots);
    g_autofree char *path = ctl_fixture_write (f, "snapshots.json", list, -1);
    g_autoptr(JsonNode) again = ctl_json (f, 0, "import", "restic", "--job", "files", "--copy",
                                          "restic", path, NULL);

    g_assert_cmpint (json_object_get_int_member (json_node_get_object (again), "unchanged"), ==, 3);
    g_assert_cmpint (json_object_get_int_member (json_node_get_object (again), "added"), ==, 0);
    g_assert_cmpint (json_object_get_int_member (json_node_get_object (again), "updated"), ==, 0);
  }

  /* 4b. The repository is shared: another host backs up, and this host
   * backs up another job's files. The wrapper files neither under this
   * job, only its own new snapshot. */
  make_data (f, "other", 2, 1024);
  {
    const char *other_host[] = { "restic", "backup", "--host", "web-02", "data", NULL };
    const char *other_path[] = { "restic", "backup", "other", NULL };
    const char *argv[] = { wrapper, "files", "restic", "data", NULL };
    g_autoptr(JsonNode) h5 = NULL;

    g_free (tool (f, 0, other_host));
    g_free (tool (f, 0, other_path));
    g_free (tool (f, 0, argv));
    h5 = ctl_json (f, 0, "history", "files", NULL);
    g_assert_cmpuint (json_array_get_length (json_node_get_array (h5)), ==, 5);
    g_assert_cmpint (ctl_query_int (f,
                                    "SELECT count(*) FROM executions WHERE message LIKE 'web-02:%'"
                                       " OR message LIKE '%/other'"), ==, 0);
  }

  /* 5. A pack file damaged on purpose: restic check --read-data finds it,
   * and the failed verification is an error of the copy. */
  repo = ctl_fixture_path (f, "restic-repo/data");
  damage_largest_file (repo);
  status = tool_to_file (f, check_data, "check-damaged.txt", TRUE);
  g_assert_cmpint (status, ==, 1);
  damaged = ctl_fixture_path (f, "check-damaged.txt");
  {
    g_autofree char *code = g_strdup_printf ("%d", status);
    g_autoptr(JsonNode) result = ctl_json (f, 0, "import", "restic-check", "--job", "files",
                                           "--copy", "restic", "--exit-code", code, damaged, NULL);

    g_assert_cmpint (json_object_get_int_member (json_node_get_object (result), "added"), ==, 1);
  }
  g_assert_cmpint (ctl_query_int (f, "SELECT count(*) FROM verifications WHERE result = 'failed'"
                                     " AND errors >= 1 AND note LIKE '%Pack ID does not match%'"),
                   ==, 1);
  g_clear_pointer (&reasons, g_free);
  g_assert_false (errors_rule (f, "files", &reasons));
  g_assert_nonnull (strstr (reasons, "'restic': latest verification failed"));
}

/*
 * borg
 */

/* Starts borg create on data that takes seconds to compress and stops it
 * with SIGINT, as Ctrl+C does: borg writes a checkpoint archive of what it
 * saved so far, which is what an interrupted backup leaves. */
static void
interrupt_borg (CtlFixture *f)
{
  const char *argv[] = { "borg", "create", "--compression", "zstd,22", "--chunker-params",
                         "10,16,14,4095", "::big", "big", NULL };
  g_autofree char *lock = ctl_fixture_path (f, "borg-repo/lock.exclusive");
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) borg = NULL;
  g_autoptr(GError) error = NULL;
  guint waited = 0;

  /* Random bytes compress slowly at zstd level 22: many seconds' work. */
  make_data (f, "big", 4, 24 * 1024 * 1024);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                        G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_set_environ (launcher, f->env);
  g_subprocess_launcher_set_cwd (launcher, f->dir);
  borg = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);

  /* Once it holds the repository's lock, it is writing. */
  while (!g_file_test (lock, G_FILE_TEST_EXISTS) && waited++ < 300)
    g_usleep (100 * 1000);
  g_assert_true (g_file_test (lock, G_FILE_TEST_EXISTS));
  g_usleep (1500 * 1000);

  g_subprocess_send_signal (borg, SIGINT);
  g_subprocess_wait (borg, NULL, &error);
  g_assert_no_error (error);
  /* Interrupted: borg exits with 2. */
  g_assert_true (g_subprocess_get_if_exited (borg));
  g_assert_cmpint (g_subprocess_get_exit_status (borg), ==, 2);
}

static void
test_borg_backups_checks_and_compliance (CtlFixture    *f,
                                         gconstpointer  data)
{
  const char *init[] = { "borg", "init", "--encryption", "repokey-blake2", NULL };
  const char *check_damaged[] = { "borg", "check", "--log-json", NULL };
  const char *with_checkpoints[] = { "borg", "list", "--consider-checkpoints", "--json", NULL };
  g_autofree char *wrapper = example ("custody-borg-backup");
  g_autofree char *reasons = NULL;
  g_autofree char *repo = NULL;
  g_autoptr(JsonNode) h1 = NULL, h2 = NULL, listed = NULL;
  JsonObject *run;
  gint64 size, before, after;
  int status;

  if (!have_tool ("borg", "borgbackup"))
    return;

  /* borg writes local times without a zone: let this machine be in
   * Tokyo, and custodyctl must read them there. */
  ctl_fixture_setenv (f, "TZ", "Asia/Tokyo");

  g_free (tool (f, 0, init));
  size = make_data (f, "data", DATA_FILES, DATA_FILE_SIZE);
  ctl_ok (f, "copy", "add", "files", "borg", "--media-type", "disk", NULL);

  /* 1. A clean backup. */
  before = g_get_real_time () / G_USEC_PER_SEC;
  {
    const char *argv[] = { wrapper, "files", "borg", "files-{now}", "data", NULL };
    g_free (tool (f, 0, argv));
  }
  after = g_get_real_time () / G_USEC_PER_SEC;
  h1 = ctl_json (f, 0, "history", "files", NULL);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (h1)), ==, 1);
  run = newest_run (h1, "borg");
  g_assert_cmpstr (json_object_get_string_member (run, "status"), ==, "success");
  /* borg's original size counts its item metadata too. */
  g_assert_cmpint (json_object_get_int_member (run, "bytes"), >=, size);
  g_assert_cmpint (json_object_get_int_member (run, "bytes"), <, size + 4096);
  g_assert_cmpint (json_object_get_int_member (run, "files"), ==, DATA_FILES);
  g_assert_true (g_str_has_prefix (json_object_get_string_member (run, "message"), "files-"));
  /* Right to the second in UTC, though borg said 9 hours later. */
  g_assert_cmpint (parse_time (json_object_get_string_member (run, "started")), >=, before - 1);
  g_assert_cmpint (parse_time (json_object_get_string_member (run, "finished")), <=, after + 1);

  /* 2. An interrupted backup: borg keeps a checkpoint archive, which the
   * list with checkpoints shows and Custody records as a failed run. */
  interrupt_borg (f);
  {
    g_autofree char *out = tool (f, 0, with_checkpoints);
    g_autofree char *path = ctl_fixture_write (f, "list.json", out, -1);

    listed = ctl_json (f, 0, "import", "borg", "--job", "files", "--copy", "borg", path, NULL);
  }
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (listed), "added"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (listed), "unchanged"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (listed), "time_zone"), ==,
                   "Asia/Tokyo");
  h2 = ctl_json (f, 0, "history", "files", NULL);
  run = newest_run (h2, "borg");
  g_assert_cmpstr (json_object_get_string_member (run, "status"), ==, "failed");
  g_assert_cmpstr (json_object_get_string_member (run, "message"), ==,
                   "big.checkpoint: interrupted, borg kept a checkpoint");
  g_assert_false (errors_rule (f, "files", &reasons));
  g_assert_nonnull (strstr (reasons, "'borg': latest run failed"));

  /* 3. A clean backup with a check: no error. */
  ctl_fixture_setenv (f, "CUSTODY_BORG_CHECK", "1");
  {
    const char *argv[] = { wrapper, "files", "borg", "files-{now}-again", "data", NULL };
    g_free (tool (f, 0, argv));
  }
  ctl_fixture_setenv (f, "CUSTODY_BORG_CHECK", "0");
  g_assert_cmpint (ctl_query_int (f, "SELECT count(*) FROM verifications WHERE result = 'passed'"
                                     " AND by = 'borg' AND errors = 0"), ==, 1);
  g_clear_pointer (&reasons, g_free);
  g_assert_true (errors_rule (f, "files", &reasons));

  /* 3b. The repository is shared: another host's archive is not this
   * job's, though the wrapper imports the repository's list now. */
  {
    const char *other_host[] = { "borg", "create", "::web-02-files-1", "data", NULL };
    const char *argv[] = { wrapper, "files", "borg", "files-{now}-third", "data", NULL };

    g_free (tool (f, 0, other_host));
    g_free (tool (f, 0, argv));
    g_assert_cmpint (ctl_query_int (f,
                                    "SELECT count(*) FROM executions WHERE message LIKE "
                                    "'files-%-third'"),
                     ==, 1);
    g_assert_cmpint (ctl_query_int (f,
                                    "SELECT count(*) FROM executions WHERE message LIKE 'web-02%'"),
                     ==, 0);
  }

  /* 4. A segment damaged on purpose: borg check finds it (exit code 1),
   * and the failed verification is an error of the copy. */
  repo = ctl_fixture_path (f, "borg-repo/data");
  damage_largest_file (repo);
  status = tool_to_file (f, check_damaged, "check-damaged.jsonl", TRUE);
  g_assert_cmpint (status, ==, 1);
  {
    g_autofree char *path = ctl_fixture_path (f, "check-damaged.jsonl");
    g_autoptr(JsonNode) result = ctl_json (f, 0, "import", "borg-check", "--job", "files", "--copy",
                                           "borg", "--exit-code", "1", path, NULL);

    g_assert_cmpint (json_object_get_int_member (json_node_get_object (result), "added"), ==, 1);
  }
  g_assert_cmpint (ctl_query_int (f, "SELECT count(*) FROM verifications WHERE result = 'failed'"
                                     " AND errors >= 1 AND by = 'borg'"), ==, 1);
  g_clear_pointer (&reasons, g_free);
  g_assert_false (errors_rule (f, "files", &reasons));
  g_assert_nonnull (strstr (reasons, "'borg': latest verification failed"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  /* A child that dies while the test writes to it must not kill the test. */
  signal (SIGPIPE, SIG_IGN);

  g_test_add ("/import-tools/restic/backups-checks-and-compliance", CtlFixture, NULL, set_up,
              test_restic_backups_checks_and_compliance, ctl_fixture_tear_down);
  g_test_add ("/import-tools/borg/backups-checks-and-compliance", CtlFixture, NULL, set_up,
              test_borg_backups_checks_and_compliance, ctl_fixture_tear_down);

  return g_test_run ();
}
