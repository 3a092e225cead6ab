/* test-cli-store.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * custodyctl from the outside (custody-cli-test-utils.h).
 * Opening the store (--db, CUSTODY_DB, the default one), stores that are missing, corrupt,
 * locked, read-only or from a newer version, usage errors and their exit codes, names,
 * and --at.
 */
#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "custody-cli-test-utils.h"

/*
 * Store: where it is, and what happens when it is not a good one
 */

static void
test_init_creates_the_store_and_keeps_it (CtlFixture    *f,
                                          gconstpointer  data)
{
  g_autoptr(JsonNode) again = NULL;
  g_autofree char *out = NULL;

  out = cli_ok (f, "init", NULL);
  g_assert_nonnull (strstr (out, f->db));
  g_assert_true (g_file_test (f->db, G_FILE_TEST_IS_REGULAR));

  g_free (cli_ok (f, "job", "add", "payroll", NULL));
  again = cli_json (f, EXIT_OK, "init", NULL);
  g_assert_false (cli_bool_member (cli_object_of (again), "created"));
  g_assert_cmpstr (cli_str_member (cli_object_of (again), "path"), ==, f->db);
  g_assert_cmpint (cli_export_count (f, "jobs"), ==, 1);
}

static void
test_db_option_wins_over_custody_db (CtlFixture    *f,
                                     gconstpointer  data)
{
  g_autofree char *env_db = ctl_fixture_path (f, "from-env.db");

  f->env = g_environ_setenv (f->env, "CUSTODY_DB", env_db, TRUE);
  g_free (cli_ok (f, "init", NULL));

  g_assert_true (g_file_test (f->db, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (env_db, G_FILE_TEST_EXISTS));
}

static void
test_custody_db_is_used_without_db_option (CtlFixture    *f,
                                           gconstpointer  data)
{
  static const char * const init[] = { "init", NULL };
  static const char * const add[] = { "job", "add", "payroll", NULL };
  static const char * const list[] = { "--json", "job", "list", NULL };
  g_autofree char *out = NULL;
  g_autoptr(JsonNode) jobs = NULL;

  f->env = g_environ_setenv (f->env, "CUSTODY_DB", f->db, TRUE);
  g_assert_cmpint (cli_run_argv (f, init, NULL, NULL, NULL), ==, EXIT_OK);
  g_assert_cmpint (cli_run_argv (f, add, NULL, NULL, NULL), ==, EXIT_OK);
  g_assert_cmpint (cli_run_argv (f, list, NULL, &out, NULL), ==, EXIT_OK);

  jobs = cli_parse_json (out);
  g_assert_cmpint (json_array_get_length (cli_array_of (jobs)), ==, 1);
  g_assert_cmpstr (cli_str_member (cli_element (cli_array_of (jobs), 0), "name"), ==, "payroll");
  g_assert_true (g_file_test (f->db, G_FILE_TEST_IS_REGULAR));
}

static void
test_default_store_is_under_xdg_data_home (CtlFixture    *f,
                                           gconstpointer  data)
{
  static const char * const init[] = { "init", NULL };
  g_autofree char *xdg = ctl_fixture_path (f, "xdg");
  g_autofree char *expected = g_build_filename (xdg, "custody", "custody.db", NULL);

  f->env = g_environ_unsetenv (f->env, "CUSTODY_DB");
  f->env = g_environ_setenv (f->env, "XDG_DATA_HOME", xdg, TRUE);
  g_assert_cmpint (cli_run_argv (f, init, NULL, NULL, NULL), ==, EXIT_OK);
  g_assert_true (g_file_test (expected, G_FILE_TEST_IS_REGULAR));
}

static void
test_missing_store_exits_3_except_init_and_demo (CtlFixture    *f,
                                                 gconstpointer  data)
{
  static const char * const commands[][8] = {
    { "job", "list", NULL },
    { "job", "add", "payroll", NULL },
    { "job", "show", "payroll", NULL },
    { "location", "add", "Vault", "--kind", "offsite-vault", NULL },
    { "location", "list", NULL },
    { "copy", "list", "payroll", NULL },
    { "media", "list", NULL },
    { "policy", "show", NULL },
    { "policy", "set", "warning-counts", "false", NULL },
    { "check", NULL },
    { "export", NULL },
    { "db", "check", NULL },
    { "db", "backup", NULL },
    { "import", "jobs", "-", NULL },
  };
  g_autofree char *message = g_strdup_printf ("no store at '%s'", f->db);
  g_autofree char *env_db = ctl_fixture_path (f, "env.db");
  g_autofree char *env_message = g_strdup_printf ("no store at '%s'", env_db);
  g_autoptr(GString) input = g_string_new ("job,copy\n");

  /* More input than a pipe holds: custodyctl stops at the missing store
   * without reading it, which must not fail the test's own writing. */
  while (input->len < 256 * 1024)
    g_string_append (input, "payroll,nas\n");

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autoptr(GPtrArray) args = g_ptr_array_new ();

      g_ptr_array_add (args, (gpointer) "--db");
      g_ptr_array_add (args, f->db);
      for (guint j = 0; commands[i][j] != NULL; j++)
        g_ptr_array_add (args, (gpointer) commands[i][j]);
      g_ptr_array_add (args, NULL);

      cli_assert_fails_argv (f, EXIT_STORE, message, (const char * const *) args->pdata,
                         input->str);
      g_assert_false (g_file_test (f->db, G_FILE_TEST_EXISTS));
    }

  /* Through $CUSTODY_DB too. */
  {
    static const char * const list[] = { "job", "list", NULL };

    f->env = g_environ_setenv (f->env, "CUSTODY_DB", env_db, TRUE);
    cli_assert_fails_argv (f, EXIT_STORE, env_message, list, NULL);
    g_assert_false (g_file_test (env_db, G_FILE_TEST_EXISTS));
  }

  /* demo creates it. */
  g_free (cli_ok (f, "demo", "--jobs", "2", NULL));
  g_assert_cmpint (cli_export_count (f, "jobs"), ==, 2);
}

static void
assert_refused_everywhere (CtlFixture *f,
                           const char *message)
{
  g_autofree char *before = custody_test_file_sha256 (f->db);
  g_autofree char *after = NULL;

  cli_fails (f, EXIT_STORE, message, "job", "list", NULL);
  cli_fails (f, EXIT_STORE, message, "check", NULL);
  cli_fails (f, EXIT_STORE, message, "job", "add", "intruder", NULL);
  cli_fails (f, EXIT_STORE, message, "location", "add", "Attic", "--kind", "onsite-shelf", NULL);
  cli_fails (f, EXIT_STORE, message, "export", NULL);
  cli_fails (f, EXIT_STORE, message, "db", "check", NULL);
  cli_fails (f, EXIT_STORE, message, "init", NULL);
  cli_fails (f, EXIT_STORE, message, "demo", "--jobs", "1", NULL);

  after = custody_test_file_sha256 (f->db);
  g_assert_cmpstr (after, ==, before);
}

static void
test_garbage_file_is_refused_as_corrupt (CtlFixture    *f,
                                         gconstpointer  data)
{
  g_autofree guint8 *garbage = g_malloc (64 * 1024);
  g_autofree char *path = NULL;
  g_autofree char *message = g_strdup_printf ("the store '%s' is corrupt", f->db);

  cli_fill_garbage (garbage, 64 * 1024, 1);
  path = ctl_fixture_write (f, "custody.db", (const char *) garbage, 64 * 1024);

  assert_refused_everywhere (f, message);
}

static void
test_store_with_overwritten_pages_is_reported_corrupt (CtlFixture    *f,
                                                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *message = g_strdup_printf ("the store '%s' is corrupt", f->db);
  g_autofree char *message_line = g_strdup_printf ("custodyctl: error: %s", message);
  g_autofree char *new_json = ctl_fixture_path (f, "new.json");
  g_autofree char *old_json = ctl_fixture_write (f, "old.json", "{\"exported\": \"yesterday\"}\n",
                                                 -1);
  g_autofree char *old = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize len = 0;

  g_free (cli_ok (f, "--at", NOW, "demo", "--jobs", "30", NULL));
  g_assert_cmpint (cli_run (f, NULL, NULL, NULL, "db", "check", NULL), ==, EXIT_OK);

  /* 16 KiB of garbage in the middle of the file, as a bad sector would. */
  g_file_get_contents (f->db, &contents, &len, &error);
  g_assert_no_error (error);
  g_assert_cmpint (len, >, 1024 * 1024);
  cli_fill_garbage ((guint8 *) contents + len / 2, 16 * 1024, 2);
  g_file_set_contents (f->db, contents, (gssize) len, &error);
  g_assert_no_error (error);

  /* What reads everything finds it, says so, and changes nothing. */
  cli_fails (f, EXIT_STORE, message, "db", "check", NULL);
  cli_fails (f, EXIT_STORE, message, "--json", "db", "check", NULL);
  cli_fails (f, EXIT_STORE, message, "export", "--output", "new.json", NULL);
  cli_fails (f, EXIT_STORE, message, "export", "--output", "old.json", NULL);

  /* An export to a file is all or nothing: no half file, old one kept. */
  g_assert_false (g_file_test (new_json, G_FILE_TEST_EXISTS));
  g_file_get_contents (old_json, &old, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (old, ==, "{\"exported\": \"yesterday\"}\n");

  /* On standard output a script has the exit status to go by. */
  before = custody_test_file_sha256 (f->db);
  g_assert_cmpint (cli_run (f, NULL, &out, &err, "export", NULL), ==, EXIT_STORE);
  g_assert_true (g_str_has_prefix (err, message_line));
  after = custody_test_file_sha256 (f->db);
  g_assert_cmpstr (after, ==, before);
}

static void
test_other_sqlite_database_is_refused (CtlFixture    *f,
                                       gconstpointer  data)
{
  g_autofree char *message = g_strdup_printf ("'%s' is an SQLite database but not a Custody store",
                                              f->db);

  custody_test_exec_sql (f->db, "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT);"
                   "INSERT INTO customers (name) VALUES ('Ann'), ('Bob');");

  assert_refused_everywhere (f, message);
}

static void
test_store_from_a_newer_version_is_refused (CtlFixture    *f,
                                            gconstpointer  data)
{
  g_autofree char *message = g_strdup_printf ("the store '%s' was made by a newer version "
                                              "of Custody",
                                              f->db);

  cli_build_compliant_store (f);
  custody_test_exec_sql (f->db, "PRAGMA user_version = 99");

  assert_refused_everywhere (f, message);
}

static void
test_locked_store_exits_3_after_the_busy_timeout (CtlFixture    *f,
                                                  gconstpointer  data)
{
  g_autofree char *message = g_strdup_printf ("the store '%s' is locked by another program", f->db);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(JsonNode) jobs = NULL;
  g_autoptr(JsonNode) medium = NULL;
  sqlite3 *db = NULL;
  gint64 started;

  cli_build_compliant_store (f);
  before = custody_test_file_sha256 (f->db);

  /* Another program holds the store for writing. */
  g_assert_cmpint (sqlite3_open (f->db, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "BEGIN EXCLUSIVE", NULL, NULL, NULL), ==, SQLITE_OK);
  f->hands_off = TRUE;

  f->env = g_environ_setenv (f->env, "CUSTODY_BUSY_TIMEOUT_MS", "200", TRUE);
  started = g_get_monotonic_time ();
  cli_fails (f, EXIT_STORE, message, "job", "add", "mail", NULL);
  cli_fails (f, EXIT_STORE, message, "--at", NOW, "media", "move", "A00002L9", "--to", "Vault",
             NULL);
  cli_fails_stdin (f, "job\nmail\n", EXIT_STORE, message, "import", "jobs", "-", NULL);
  /* It waited for the busy timeout it was given, not the default 5 s. */
  g_assert_cmpint (g_get_monotonic_time () - started, <, 3 * G_USEC_PER_SEC);
  cli_fails (f, EXIT_STORE, "waited 0.2 s", "job", "add", "mail", NULL);

  g_assert_cmpint (sqlite3_exec (db, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
  f->hands_off = FALSE;

  after = custody_test_file_sha256 (f->db);
  g_assert_cmpstr (after, ==, before);
  jobs = cli_json (f, EXIT_OK, "--at", NOW, "job", "list", NULL);
  g_assert_cmpint (json_array_get_length (cli_array_of (jobs)), ==, 1);
  medium = cli_json (f, EXIT_OK, "--at", NOW, "media", "show", "A00002L9", NULL);
  g_assert_cmpstr (cli_str_member (cli_object_of (medium), "location"), ==, "Library");
}

static void
test_read_only_store_refuses_writes (CtlFixture    *f,
                                     gconstpointer  data)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *setpriv = NULL;

  cli_build_compliant_store (f);
  before = custody_test_file_sha256 (f->db);

  g_assert_cmpint (g_chmod (f->dir, 0755), ==, 0);
  g_assert_cmpint (g_chmod (f->db, 0444), ==, 0);
  if (geteuid () == 0)
    {
      /* root writes whatever the permissions say: run as nobody. */
      setpriv = g_find_program_in_path ("setpriv");
      if (setpriv == NULL)
        {
          g_test_skip ("running as root and setpriv is missing: cannot make the store read-only");
          return;
        }
      f->as_nobody = TRUE;
    }

  cli_fails (f, EXIT_STORE, "read-only", "job", "add", "mail", NULL);
  cli_fails (f, EXIT_STORE, "read-only", "--at", NOW, "media", "move", "A00002L9", "--to", "Vault",
             NULL);
  cli_fails (f, EXIT_STORE, "read-only", "policy", "set", "warning-counts", "false", NULL);
  cli_fails_stdin (f, "job\nmail\n", EXIT_STORE, "read-only", "import", "jobs", "-", NULL);

  f->as_nobody = FALSE;
  after = custody_test_file_sha256 (f->db);
  g_assert_cmpstr (after, ==, before);
}

/*
 * Usage errors and the promise that failures write nothing
 */

static void
test_usage_errors_exit_2 (CtlFixture    *f,
                          gconstpointer  data)
{
  static const char * const no_command[] = { NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  cli_build_compliant_store (f);

  cli_fails (f, EXIT_USAGE, "unknown command 'frobnicate'", "frobnicate", NULL);
  cli_fails (f, EXIT_USAGE, "unknown option '--frob'", "--frob", "job", "list", NULL);
  cli_fails (f, EXIT_USAGE, "'job' needs a subcommand", "job", NULL);
  cli_fails (f, EXIT_USAGE, "missing the job's name", "job", "add", NULL);
  cli_fails (f, EXIT_USAGE, "unexpected argument 'extra'", "job", "add", "a", "extra", NULL);
  cli_fails (f, EXIT_USAGE, "--no-such", "job", "list", "--no-such", NULL);
  cli_fails (f, EXIT_USAGE, "rpo-hours", "job", "add", "a", "--rpo-hours", "soon", NULL);
  cli_fails (f, EXIT_USAGE, "'yesterday' is not a time", "--at", "yesterday", "job", "list", NULL);
  cli_fails (f, EXIT_USAGE, "'next week' is not a time", "record", "payroll", "nas", "--status",
             "success", "--started", "next week", "--finished", RUN_END, NULL);
  cli_fails (f, EXIT_USAGE, "location add needs --kind", "location", "add", "Attic", NULL);
  cli_fails (f, EXIT_USAGE, "media move needs --to", "media", "move", "A00001L9", NULL);

  /* No command at all: the help, and an error for the script. */
  g_assert_cmpint (cli_run_argv (f, no_command, NULL, &out, &err), ==, EXIT_USAGE);
  g_assert_true (g_str_has_prefix (err, "custodyctl: error: "));
}

static void
test_failing_commands_write_nothing (CtlFixture    *f,
                                     gconstpointer  data)
{
  static const struct
  {
    int         status;
    const char *message;
    const char *args[16];
  } cases[] = {
    { 2, "job 'payroll' already exists", { "job", "add", "payroll", NULL } },
    { 2, "--rpo-hours must be a positive number", { "job", "add", "x", "--rpo-hours", "0", NULL } },
    { 2, "unknown job 'payrol'", { "job", "show", "payrol", NULL } },
    { 2, "unknown job 'payrol'", { "job", "rm", "payrol", NULL } },
    { 2, "unknown job 'payrol'", { "copy", "list", "payrol", NULL } },
    { 2, "unknown job 'payrol'", { "copy", "add", "payrol", "x", "--media-type", "disk", NULL } },
    { 2, "job 'payroll' already has a copy 'nas'",
      { "copy", "add", "payroll", "nas", "--media-type", "disk", NULL } },
    { 2, "media type 'floppy' is not one of disk, object-storage, tape, removable-disk, optical",
      { "copy", "add", "payroll", "x", "--media-type", "floppy", NULL } },
    { 2, "unknown location 'Attic'",
      { "copy", "add", "payroll", "x", "--media-type", "disk", "--location", "Attic", NULL } },
    { 2, "location 'Vault' already exists", { "location", "add", "Vault", "--kind",
                                              "offsite-vault", NULL } },
    { 2,
      "kind 'attic' is not one of library, onsite-repo, onsite-shelf, transit, offsite-vault, "
      "offsite-repo, destroyed",
      { "location", "add", "Attic", "--kind", "attic", NULL } },
    { 2, "status 'ok' is not one of success, warning, failed, running",
      { "record", "payroll", "nas", "--status", "ok", "--started", RUN_START, "--finished",
        RUN_END, NULL } },
    { 2, "a success run needs a finish time (only running may omit it)",
      { "record", "payroll", "nas", "--status", "success", "--started", RUN_START, NULL } },
    { 2, "the run finished (2026-11-19T22:00:00Z) before it started (2026-11-19T23:00:00Z)",
      { "record", "payroll", "nas", "--status", "success", "--started", RUN_END, "--finished",
        RUN_START,
        NULL } },
    { 2, "unknown volume 'NOPE01'",
      { "record", "payroll", "tape", "--status", "success", "--started", NOW, "--finished", NOW,
        "--volumes", "A00001L9,NOPE01", NULL } },
    { 2, "job 'payroll' has no copy 'cloud'",
      { "record", "payroll", "cloud", "--status", "failed", "--started", NOW, "--finished", NOW,
        NULL } },
    { 2, "unknown job 'payrol'",
      { "record", "payrol", "nas", "--status", "failed", "--started", NOW, "--finished", NOW,
        NULL } },
    { 2, "result 'maybe' is not one of passed, failed",
      { "verify", "payroll", "nas", "--result", "maybe", NULL } },
    { 2, "kind 'smell' is not one of restore-test, checksum, boot-test",
      { "verify", "payroll", "nas", "--result", "passed", "--kind", "smell", NULL } },
    { 2, "job 'payroll' has no copy 'cloud'", { "verify", "payroll", "cloud", "--result", "passed",
                                                NULL } },
    { 2, "volume 'A00001L9' already exists", { "media", "add", "A00001L9", "--type", "LTO-9",
                                               NULL } },
    { 2, "is not a volume label", { "media", "add", "A0 01?", "--type", "LTO-9", NULL } },
    { 2, "media add needs --type", { "media", "add", "B00001L9", NULL } },
    { 2, "unknown location 'Attic'",
      { "media", "add", "B00001L9", "--type", "LTO-9", "--location", "Attic", NULL } },
    { 2, "unknown location 'Attic'", { "media", "move", "A00002L9", "--to", "Attic", NULL } },
    { 2, "unknown volume 'NOPE01'", { "media", "move", "A00002L9", "NOPE01", "--to", "Library",
                                      NULL } },
    { 2, "unknown volume 'NOPE01'", { "media", "show", "NOPE01", NULL } },
    { 2, "unknown location 'Attic'", { "media", "list", "--location", "Attic", NULL } },
    { 2, "policy 'production-counts' must be true or false, not 'maybe'",
      { "policy", "set", "production-counts", "maybe", NULL } },
    { 2, "unknown policy 'colour'", { "policy", "set", "colour", "blue", NULL } },
    { 2, "unknown job 'payrol'", { "check", "payrol", NULL } },
    { 2, "no-such.csv", { "import", "jobs", "no-such.csv", NULL } },
    { 2, "no backup at 'no-such.db'", { "db", "restore", "no-such.db", NULL } },
    { 2, "is not empty: the demo only fills an empty store", { "demo", NULL } },
    { 2, "line 3: media_type 'floppy' is not one of",
      { "import", "jobs", "-", NULL } },
  };
  g_autofree char *export_before = NULL;
  g_autofree char *export_after = NULL;
  gint64 audit_before;

  cli_build_compliant_store (f);
  audit_before = cli_audit_entries (f);
  export_before = cli_export_text (f);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) args = g_ptr_array_new ();

      g_test_message ("case %u: %s", i, cases[i].message);
      g_ptr_array_add (args, (gpointer) "--db");
      g_ptr_array_add (args, f->db);
      /* With --json too, a failure prints nothing on stdout. */
      if (i % 2 == 1)
        g_ptr_array_add (args, (gpointer) "--json");
      g_ptr_array_add (args, (gpointer) "--at");
      g_ptr_array_add (args, (gpointer) NOW);
      for (guint j = 0; cases[i].args[j] != NULL; j++)
        g_ptr_array_add (args, (gpointer) cases[i].args[j]);
      g_ptr_array_add (args, NULL);

      cli_assert_fails_argv (f, cases[i].status, cases[i].message,
                             (const char * const *) args->pdata,
                         "job,copy,media_type\nnew-job,new-copy,disk\nnew-job,other,floppy\n");
    }

  g_assert_cmpint (cli_audit_entries (f), ==, audit_before);
  export_after = cli_export_text (f);
  g_assert_cmpstr (export_after, ==, export_before);
}

/*
 * Time
 */

static char *
created_at_for (CtlFixture *f,
                const char *name,
                const char *at)
{
  g_autoptr(JsonNode) location = cli_json (f, EXIT_OK, "--at", at, "location", "add", name,
                                           "--kind", "onsite-shelf", NULL);

  return g_strdup (cli_str_member (cli_object_of (location), "created_at"));
}

static void
test_time_formats_are_read_and_written_as_utc (CtlFixture    *f,
                                               gconstpointer  data)
{
  static const struct
  {
    const char *tz;
    const char *given;
    const char *utc;
  } cases[] = {
    { "UTC", "2026-11-20T02:00:00Z", "2026-11-20T02:00:00Z" },
    { "UTC", "2026-11-20T03:30:00+01:30", "2026-11-20T02:00:00Z" },
    { "UTC", "2026-11-19T21:00:00-05:00", "2026-11-20T02:00:00Z" },
    { "UTC", "2026-11-20 02:00", "2026-11-20T02:00:00Z" },
    { "UTC", "2026-11-20 02:00:07", "2026-11-20T02:00:07Z" },
    { "UTC", "2026-11-20", "2026-11-20T00:00:00Z" },
    /* Local forms are local: in Tokyo (UTC+9, no DST) they are 9 hours ahead. */
    { "JST-9", "2026-11-20 11:00", "2026-11-20T02:00:00Z" },
    { "JST-9", "2026-11-20 11:00:07", "2026-11-20T02:00:07Z" },
    { "JST-9", "2026-11-20", "2026-11-19T15:00:00Z" },
    /* ...and an explicit zone is not. */
    { "JST-9", "2026-11-20T02:00:00Z", "2026-11-20T02:00:00Z" },
  };
  static const char *bad[] = {
    "20/11/2026", "2026-13-01", "2026-11-31", "2026-11-20 25:00", "tomorrow", "",
  };

  g_free (cli_ok (f, "init", NULL));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("Shelf %u", i);
      g_autofree char *utc = NULL;

      f->env = g_environ_setenv (f->env, "TZ", cases[i].tz, TRUE);
      utc = created_at_for (f, name, cases[i].given);
      g_test_message ("TZ=%s %s", cases[i].tz, cases[i].given);
      g_assert_cmpstr (utc, ==, cases[i].utc);
    }

  f->env = g_environ_setenv (f->env, "TZ", "UTC", TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *message = g_strdup_printf ("'%s' is not a time", bad[i]);

      cli_fails (f, EXIT_USAGE, message, "--at", bad[i], "location", "add", "Late",
                 "--kind", "transit", NULL);
    }

  /* Command times take the same forms, and come back in UTC. */
  g_free (cli_ok (f, "job", "add", "payroll", NULL));
  g_free (cli_ok (f, "copy", "add", "payroll", "nas", "--media-type", "disk", NULL));
  f->env = g_environ_setenv (f->env, "TZ", "JST-9", TRUE);
  {
    g_autoptr(JsonNode) run = cli_json (f, EXIT_OK, "record", "payroll", "nas", "--status",
                                        "success",
                                        "--started", "2026-11-20 10:00",
                                        "--finished", "2026-11-20T02:30:00+01:00", NULL);

    g_assert_cmpstr (cli_str_member (cli_object_of (run), "started"), ==, "2026-11-20T01:00:00Z");
    g_assert_cmpstr (cli_str_member (cli_object_of (run), "finished"), ==, "2026-11-20T01:30:00Z");
  }
}

static void
test_at_hides_what_was_added_later (CtlFixture    *f,
                                    gconstpointer  data)
{
  g_autoptr(JsonNode) locations = NULL;
  g_autoptr(JsonNode) jobs = NULL;
  g_autoptr(JsonNode) job = NULL;
  g_autoptr(JsonNode) media = NULL;
  g_autoptr(JsonNode) medium = NULL;
  g_autoptr(JsonNode) check = NULL;

  cli_build_compliant_store (f);
  g_free (cli_ok (f, "--at", "2026-11-21T00:00:00Z", "location", "add", "Cloud", "--kind",
                  "offsite-repo", NULL));
  g_free (cli_ok (f, "--at", "2026-11-21T00:00:00Z", "job", "add", "mail", NULL));
  g_free (cli_ok (f, "--at", "2026-11-21T00:00:00Z", "copy", "add", "payroll", "cloud",
                  "--media-type", "object-storage", "--location", "Cloud", "--immutable", NULL));
  g_free (cli_ok (f, "--at", "2026-11-21T00:00:00Z", "media", "add", "A00003L9", "--type",
                  "LTO-9", NULL));

  /* At NOW, none of it exists yet. */
  locations = cli_json (f, EXIT_OK, "--at", NOW, "location", "list", NULL);
  g_assert_cmpint (json_array_get_length (cli_array_of (locations)), ==, 4);
  jobs = cli_json (f, EXIT_OK, "--at", NOW, "job", "list", NULL);
  g_assert_cmpint (json_array_get_length (cli_array_of (jobs)), ==, 1);
  cli_fails (f, EXIT_USAGE, "unknown job 'mail'", "--at", NOW, "job", "show", "mail", NULL);
  job = cli_json (f, EXIT_OK, "--at", NOW, "job", "show", "payroll", NULL);
  g_assert_cmpint (json_array_get_length (cli_array_member (cli_object_of (job), "copies")), ==, 2);
  media = cli_json (f, EXIT_OK, "--at", NOW, "media", "list", NULL);
  g_assert_cmpint (json_array_get_length (cli_array_of (media)), ==, 2);
  cli_fails (f, EXIT_USAGE, "unknown volume 'A00003L9'", "--at", NOW, "media", "show", "A00003L9",
             NULL);
  check = cli_json (f, EXIT_OK, "--at", NOW, "check", NULL);
  g_assert_cmpint (cli_int_member (cli_object_of (cli_member (cli_object_of (check), "summary")),
                                   "jobs"), ==, 1);
  g_clear_pointer (&check, json_node_unref);

  /* Before SETUP, the store is empty. */
  check = cli_json (f, EXIT_OK, "--at", "2026-10-01", "check", NULL);
  g_assert_cmpint (cli_int_member (cli_object_of (cli_member (cli_object_of (check), "summary")),
                                   "jobs"), ==, 0);
  g_clear_pointer (&locations, json_node_unref);
  locations = cli_json (f, EXIT_OK, "--at", "2026-10-01", "location", "list", NULL);
  g_assert_cmpint (json_array_get_length (cli_array_of (locations)), ==, 0);

  /* Later, all of it. */
  g_clear_pointer (&jobs, json_node_unref);
  jobs = cli_json (f, EXIT_OK, "--at", "2026-11-21T00:00:00Z", "job", "list", NULL);
  g_assert_cmpint (json_array_get_length (cli_array_of (jobs)), ==, 2);
  g_clear_pointer (&job, json_node_unref);
  job = cli_json (f, EXIT_OK, "--at", "2026-11-21T00:00:00Z", "job", "show", "payroll", NULL);
  g_assert_cmpint (json_array_get_length (cli_array_member (cli_object_of (job), "copies")), ==, 3);
  medium = cli_json (f, EXIT_OK, "--at", "2026-11-21T00:00:00Z", "media", "show", "A00003L9", NULL);
  g_assert_cmpstr (cli_str_member (cli_object_of (medium), "volser"), ==, "A00003L9");
}

static void
test_at_hides_later_runs_verifications_and_movements (CtlFixture    *f,
                                                      gconstpointer  data)
{
  /* The tape's day: backed up 22:00-23:00, verified 23:30, in the truck
   * at 06:00, in the vault at 08:00. */
  static const struct
  {
    const char *at;
    const char *status;
    const char *tape_location;
    gint64      movements;
    gboolean    tape_valid;
    gboolean    offline;
    gboolean    offsite;
    gboolean    verified;
  } moments[] = {
    /* Started but not finished: the run does not count yet. */
    { "2026-11-19T22:30:00Z", "violation", "Library", 1, FALSE, FALSE, FALSE, FALSE },
    /* Finished, not yet verified: the tape is valid but still in the library. */
    { "2026-11-19T23:10:00Z", "violation", "Library", 1, TRUE, FALSE, FALSE, FALSE },
    { "2026-11-20T00:00:00Z", "violation", "Library", 1, TRUE, FALSE, FALSE, TRUE },
    /* With the courier: offline, not yet offsite. */
    { "2026-11-20T07:00:00Z", "violation", "Truck", 2, TRUE, TRUE, FALSE, TRUE },
    { NOW, "compliant", "Vault", 3, TRUE, TRUE, TRUE, TRUE },
  };

  cli_build_compliant_store (f);

  for (guint i = 0; i < G_N_ELEMENTS (moments); i++)
    {
      g_autoptr(JsonNode) check = NULL;
      g_autoptr(JsonNode) medium = NULL;
      JsonObject *verdict, *tape, *errors;

      g_test_message ("at %s", moments[i].at);
      check = cli_json (f, g_str_equal (moments[i].status, "violation") ? EXIT_VIOLATION : EXIT_OK,
                        "--at", moments[i].at, "check", NULL);
      g_assert_cmpstr (cli_str_member (cli_object_of (check), "evaluated_at"), ==, moments[i].at);
      verdict = cli_verdict_of (check, "payroll");
      g_assert_cmpstr (cli_str_member (verdict, "status"), ==, moments[i].status);

      tape = cli_find_by (cli_array_member (verdict, "copies"), "copy", "tape");
      g_assert_cmpint (cli_bool_member (tape, "valid"), ==, moments[i].tape_valid);
      g_assert_cmpint (cli_bool_member (tape, "offline"), ==, moments[i].offline);
      g_assert_cmpint (cli_bool_member (tape, "offsite"), ==, moments[i].offsite);
      g_assert_cmpstr (cli_str_member (tape, "last_success"), ==,
                       moments[i].tape_valid ? RUN_END : NULL);

      /* Valid copies with no verification inside the window are errors. */
      errors = cli_rule_of (verdict, "0-errors");
      g_assert_cmpint (cli_int_member (errors, "have"), ==,
                       moments[i].tape_valid && !moments[i].verified ? 2 : 0);

      medium = cli_json (f, EXIT_OK, "--at", moments[i].at, "media", "show", "A00001L9", NULL);
      g_assert_cmpstr (cli_str_member (cli_object_of (medium), "location"), ==,
                       moments[i].tape_location);
      g_assert_cmpint (json_array_get_length (cli_array_member (cli_object_of (medium),
                                                                "movements")), ==,
                       moments[i].movements);
    }

  /* The media list filters by where a volume was at that moment. */
  {
    g_autoptr(JsonNode) in_truck = cli_json (f, EXIT_OK, "--at", "2026-11-20T07:00:00Z", "media",
                                             "list",
                                             "--location", "Truck", NULL);
    g_autoptr(JsonNode) in_truck_now = cli_json (f, EXIT_OK, "--at", NOW, "media", "list",
                                                 "--location", "Truck", NULL);

    g_assert_cmpint (json_array_get_length (cli_array_of (in_truck)), ==, 1);
    g_assert_cmpint (json_array_get_length (cli_array_of (in_truck_now)), ==, 0);
  }
}

static void
test_writes_are_dated_at_and_audited_with_the_real_clock (CtlFixture    *f,
                                                          gconstpointer  data)
{
  g_autoptr(JsonNode) medium = NULL;
  g_autoptr(JsonNode) verification = NULL;
  g_autoptr(JsonNode) own = NULL;
  g_autoptr(JsonNode) run = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GDateTime) real_now = g_date_time_new_now_utc ();
  g_autofree char *real_now_text = g_date_time_format (real_now, "%Y-%m-%dT%H:%M");
  JsonArray *movements, *audit;
  JsonObject *last;

  cli_build_compliant_store (f);

  /* A courier hand-off entered the next morning is dated when it happened. */
  g_free (cli_ok (f, "--at", "2026-11-20T18:45:00Z", "media", "move", "A00002L9", "--to", "Truck",
                  "--courier", "Bob", NULL));
  medium = cli_json (f, EXIT_OK, "--at", "2026-11-21", "media", "show", "A00002L9", NULL);
  movements = cli_array_member (cli_object_of (medium), "movements");
  g_assert_cmpint (json_array_get_length (movements), ==, 2);
  g_assert_cmpstr (cli_str_member (cli_element (movements, 1), "at"), ==, "2026-11-20T18:45:00Z");
  g_assert_cmpstr (cli_str_member (cli_element (movements, 1), "courier"), ==, "Bob");

  /* verify: --at before the command dates it; its own --at wins. */
  verification = cli_json (f, EXIT_OK, "--at", "2026-11-20T10:00:00Z", "verify", "payroll", "nas",
                           "--result", "passed", NULL);
  g_assert_cmpstr (cli_str_member (cli_object_of (verification), "at"), ==, "2026-11-20T10:00:00Z");
  own = cli_json (f, EXIT_OK, "--at", "2026-11-20T10:00:00Z", "verify", "payroll", "nas",
                  "--result", "failed", "--at", "2026-11-20T04:00:00Z", "--kind", "checksum",
                  "--errors", "2", "--duration-s", "95", "--by", "carol", "--note", "bad block",
                  NULL);
  g_assert_cmpstr (cli_str_member (cli_object_of (own), "at"), ==, "2026-11-20T04:00:00Z");
  g_assert_cmpstr (cli_str_member (cli_object_of (own), "result"), ==, "failed");
  g_assert_cmpstr (cli_str_member (cli_object_of (own), "kind"), ==, "checksum");
  g_assert_cmpint (cli_int_member (cli_object_of (own), "errors"), ==, 2);
  g_assert_cmpint (cli_int_member (cli_object_of (own), "duration_s"), ==, 95);
  g_assert_cmpstr (cli_str_member (cli_object_of (own), "by"), ==, "carol");
  g_assert_cmpstr (cli_str_member (cli_object_of (own), "note"), ==, "bad block");

  /* record keeps its own times whatever --at says. */
  run = cli_json (f, EXIT_OK, "--at", "2026-11-22", "record", "payroll", "nas", "--status",
                  "success",
                  "--started", "2026-11-20T22:00:00Z", "--finished", "2026-11-20T22:40:00Z", NULL);
  g_assert_cmpstr (cli_str_member (cli_object_of (run), "finished"), ==, "2026-11-20T22:40:00Z");

  /* The audit trail keeps both: when it happened, and when it was typed in. */
  root = cli_export_store (f);
  audit = cli_array_member (cli_object_of (root), "audit");
  last = cli_element (audit, json_array_get_length (audit) - 4);
  g_assert_cmpstr (cli_str_member (last, "action"), ==, "media.move");
  g_assert_cmpstr (cli_str_member (last, "business_at"), ==, "2026-11-20T18:45:00Z");
  g_assert_true (g_str_has_prefix (cli_str_member (last, "at"), "20"));
  g_assert_cmpstr (cli_str_member (last, "at"), >=, real_now_text);
}

/* Names in any script, with marks, invisible characters, quotes and
 * backslashes, go through every command that takes one and come back as
 * they went in. json_each () once got them through g_strescape (), which
 * writes non-ASCII as octal: "malformed JSON", exit 3. */
static void
test_names_round_trip (CtlFixture    *f,
                       gconstpointer  data)
{
  static const char * const names[] = {
    "名前",
    "バックアップ 月次",
    "💾 backup 🗄️",
    "نسخة احتياطية",
    "גיבוי",
    "e\xcc\x81te\xcc\x81",                /* combining acute accents */
    "\xe2\x80\xae" "evil.exe",             /* U+202E RIGHT-TO-LEFT OVERRIDE */
    "zero\xe2\x80\x8bwidth",               /* U+200B ZERO WIDTH SPACE */
    "say \"hi\" \\ back\\slash 'q'",
    "tab\\t and \\u0041 typed",
  };

  cli_ok (f, "init", NULL);
  cli_ok (f, "location", "add", "Home", "--kind", "library", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      const char *n = names[i];
      g_autofree char *volser = g_strdup_printf ("N%05uL9", i);
      g_autoptr(JsonNode) node = NULL;
      JsonObject *o;

      g_test_message ("name %u: %s", i, n);
      g_free (cli_ok (f, "location", "add", n, "--kind", "offsite-vault", NULL));
      g_free (cli_ok (f, "pool", "add", n, "--scheme", "none", NULL));
      g_free (cli_ok (f, "job", "add", n, "--owner", n, "--source", n, NULL));
      g_free (cli_ok (f, "copy", "add", n, n, "--media-type", "tape", "--location", n, NULL));
      g_free (cli_ok (f, "media", "add", volser, "--type", "LTO-9", "--pool", n, "--location",
                      "Home", NULL));
      g_free (cli_ok (f, "media", "move", volser, "--to", n, "--courier", n, "--container", n,
                      "--seal", n, "--note", n, "--confirm", NULL));
      g_free (cli_ok (f, "record", n, n, "--status", "success", "--started",
                      "2026-11-19T22:00:00Z", "--finished", "2026-11-19T23:00:00Z", "--volumes",
                      volser, "--message", n, NULL));
      g_free (cli_ok (f, "verify", n, n, "--result", "passed", "--at", "2026-11-19T23:30:00Z",
                      "--by", n, "--note", n, NULL));

      node = cli_json (f, EXIT_OK, "job", "show", n, NULL);
      o = cli_object_of (node);
      g_assert_cmpstr (cli_str_member (o, "name"), ==, n);
      g_assert_cmpstr (cli_str_member (o, "owner"), ==, n);
      g_assert_cmpstr (cli_str_member (o, "source"), ==, n);
      o = json_array_get_object_element (cli_array_member (o, "copies"), 0);
      g_assert_cmpstr (cli_str_member (o, "name"), ==, n);
      g_assert_cmpstr (cli_str_member (o, "location"), ==, n);
      g_clear_pointer (&node, json_node_unref);

      node = cli_json (f, EXIT_OK, "copy", "list", n, NULL);
      g_assert_nonnull (cli_find_by (cli_array_of (node), "name", n));
      g_clear_pointer (&node, json_node_unref);

      node = cli_json (f, EXIT_VIOLATION, "check", n, NULL);
      g_assert_cmpuint (json_array_get_length (cli_array_member (cli_object_of (node), "jobs")), ==,
                        1);
      g_assert_nonnull (cli_find_by (cli_array_member (cli_object_of (node), "jobs"), "job", n));
      g_clear_pointer (&node, json_node_unref);

      node = cli_json (f, EXIT_OK, "history", n, NULL);
      g_clear_pointer (&node, json_node_unref);

      node = cli_json (f, EXIT_OK, "media", "show", volser, NULL);
      o = cli_object_of (node);
      g_assert_cmpstr (cli_str_member (o, "location"), ==, n);
      g_assert_cmpstr (cli_str_member (o, "pool"), ==, n);
      o = json_array_get_object_element (cli_array_member (o, "movements"), 1);
      g_assert_cmpstr (cli_str_member (o, "to"), ==, n);
      g_assert_cmpstr (cli_str_member (o, "courier"), ==, n);
      g_assert_cmpstr (cli_str_member (o, "container"), ==, n);
      g_assert_cmpstr (cli_str_member (o, "seal"), ==, n);
      g_assert_cmpstr (cli_str_member (o, "note"), ==, n);
      g_clear_pointer (&node, json_node_unref);

      node = cli_json (f, EXIT_OK, "media", "list", "--location", n, "--pool", n, NULL);
      g_assert_nonnull (cli_find_by (cli_array_of (node), "volser", volser));
      g_clear_pointer (&node, json_node_unref);

      node = cli_json (f, EXIT_OK, "location", "list", NULL);
      g_assert_nonnull (cli_find_by (cli_array_of (node), "name", n));
      g_clear_pointer (&node, json_node_unref);
      node = cli_json (f, EXIT_OK, "pool", "list", NULL);
      g_assert_nonnull (cli_find_by (cli_array_of (node), "name", n));
      g_clear_pointer (&node, json_node_unref);
    }

  /* Every name at once: the check of several jobs and the desk. */
  {
    g_autoptr(GPtrArray) args = g_ptr_array_new ();
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;
    g_autoptr(JsonNode) node = NULL;

    g_ptr_array_add (args, (gpointer) "--db");
    g_ptr_array_add (args, f->db);
    g_ptr_array_add (args, (gpointer) "--json");
    g_ptr_array_add (args, (gpointer) "check");
    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      g_ptr_array_add (args, (gpointer) names[i]);
    g_ptr_array_add (args, NULL);
    g_assert_cmpint (cli_run_argv (f, (const char * const *) args->pdata, NULL, &out, &err), ==,
                     EXIT_VIOLATION);
    g_assert_cmpstr (err, ==, "");
    node = cli_parse_json (out);
    g_assert_cmpuint (json_array_get_length (cli_array_member (cli_object_of (node), "jobs")), ==,
                      G_N_ELEMENTS (names));
  }

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *renamed = g_strconcat (names[i], " ✓", NULL);
      g_autoptr(JsonNode) node = NULL;

      g_free (cli_ok (f, "job", "edit", names[i], "--name", renamed, NULL));
      node = cli_json (f, EXIT_OK, "job", "show", renamed, NULL);
      g_assert_cmpstr (cli_str_member (cli_object_of (node), "name"), ==, renamed);
      g_free (cli_ok (f, "job", "rm", renamed, NULL));
      cli_fails (f, EXIT_USAGE, "unknown job", "job", "show", renamed, NULL);
    }
}

/* What is not UTF-8, or holds control characters, does not become a
 * name; a new name does not start with '-'; names the store already has
 * are printed with their controls escaped and reached after "--". */
static void
test_names_refused_escaped_and_after_dashes (CtlFixture    *f,
                                             gconstpointer  data)
{
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *esc_name = "e\x1b[31mred";

  cli_ok (f, "init", NULL);
  g_free (cli_ok (f, "location", "add", "Home", "--kind", "library", NULL));
  g_free (cli_ok (f, "media", "add", "A00001L9", "--type", "LTO-9", "--location", "Home", NULL));
  g_free (cli_ok (f, "job", "add", "payroll", NULL));

  cli_fails (f, EXIT_USAGE, "'bad\\xffname' is not valid UTF-8 text", "job", "add", "bad\xffname",
             NULL);
  cli_fails (f, EXIT_USAGE, "the name 'e\\x1b[31mred' contains the control character U+001B",
             "job", "add", esc_name, NULL);
  cli_fails (f, EXIT_USAGE, "contains the control character U+0009", "location", "add", "a\tb",
             "--kind", "library", NULL);
  cli_fails (f, EXIT_USAGE, "contains the control character U+0085", "pool", "add",
             "next\xc2\x85line", "--scheme", "none", NULL);
  cli_fails (f, EXIT_USAGE, "contains the control character U+007F", "copy", "add", "payroll",
             "del\x7f", "--media-type", "tape", NULL);
  cli_fails (f, EXIT_USAGE, "contains the control character U+001B", "job", "edit", "payroll",
             "--owner", "\x1b]0;owned\x07", NULL);
  cli_fails (f, EXIT_USAGE, "contains the control character U+001B", "media", "move", "A00001L9",
             "--to", "Home", "--courier", "Bob\x1b[2J", NULL);
  /* GOption refuses it first, in an option. */
  cli_fails (f, EXIT_USAGE, "Invalid byte sequence", "media", "move", "A00001L9", "--to", "Home",
             "--note", "\xc3\x28", NULL);
  /* Free text keeps its tabs and line breaks. */
  g_free (cli_ok (f, "media", "move", "A00001L9", "--to", "Home", "--note", "one\ttwo\nthree",
                  NULL));

  /* "--help" as a name: refused, with why; "--" ends the options. */
  cli_fails (f, EXIT_USAGE, "the name '--help' starts with '-'", "job", "add", "--", "--help",
             NULL);
  cli_fails (f, EXIT_USAGE, "the name '-x' starts with '-'", "job", "add", "--", "-x", NULL);
  cli_fails (f, EXIT_USAGE, "unknown job '--help'", "job", "show", "--", "--help", NULL);

  /* Names an older version let in. */
  custody_test_exec_sql (f->db,
                         "INSERT INTO jobs (name, source, owner, rpo_hours, verify_days, tags, "
                         "created_at)"
                   " VALUES ('-old', '', '', 24, 30, '', 0),"
                   "        ('e' || char (27) || '[31mred', char (27) || ']0;title' || char (7), "
                   "'',"
                   "         24, 30, '', 0)");
  node = cli_json (f, EXIT_OK, "job", "show", "--", "-old", NULL);
  g_assert_cmpstr (cli_str_member (cli_object_of (node), "name"), ==, "-old");
  g_clear_pointer (&node, json_node_unref);
  g_free (cli_ok (f, "job", "edit", "--owner", "me", "--", "-old", NULL));
  node = cli_json (f, EXIT_OK, "job", "show", "--", "-old", NULL);
  g_assert_cmpstr (cli_str_member (cli_object_of (node), "owner"), ==, "me");
  g_clear_pointer (&node, json_node_unref);

  out = cli_ok (f, "job", "list", NULL);
  g_assert_null (strchr (out, '\x1b'));
  g_assert_null (strchr (out, '\x07'));
  g_assert_nonnull (strstr (out, "e\\x1b[31mred"));
  g_assert_nonnull (strstr (out, "\\x1b]0;title\\x07"));
  g_clear_pointer (&out, g_free);
  out = cli_ok (f, "job", "show", esc_name, NULL);
  g_assert_null (strchr (out, '\x1b'));
  g_assert_nonnull (strstr (out, "e\\x1b[31mred"));
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (cli_run (f, NULL, &out, &err, "check", esc_name, NULL), ==, EXIT_VIOLATION);
  g_assert_null (strchr (out, '\x1b'));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (cli_run (f, NULL, &out, &err, "job", "show", "e\x1b[31mredx", NULL), ==,
                   EXIT_USAGE);
  g_assert_null (strchr (err, '\x1b'));
  g_assert_nonnull (strstr (err, "unknown job 'e\\x1b[31mredx'"));

  /* JSON keeps the name as it is, escaped the JSON way. */
  node = cli_json (f, EXIT_OK, "job", "show", esc_name, NULL);
  g_assert_cmpstr (cli_str_member (cli_object_of (node), "name"), ==, esc_name);
  g_assert_cmpstr (cli_str_member (cli_object_of (node), "source"), ==, "\x1b]0;title\x07");

  g_free (cli_ok (f, "job", "rm", "--", "-old", NULL));
  cli_fails (f, EXIT_USAGE, "unknown job '-old'", "job", "show", "--", "-old", NULL);
}

/* The volser error names the character whole, not its first byte. */
static void
test_volser_error_names_whole_characters (CtlFixture    *f,
                                          gconstpointer  data)
{
  cli_ok (f, "init", NULL);
  cli_fails (f, EXIT_USAGE, "'あい' is not a volume label: it contains 'あ'", "media", "add",
             "あい", "--type", "LTO-9", NULL);
  /* 17 characters, 34 bytes: the character is what is wrong, not the length. */
  cli_fails (f, EXIT_USAGE, "is not a volume label: it contains 'é'", "media", "add",
             "ééééééééééééééééé", "--type", "LTO-9", NULL);
  cli_fails (f, EXIT_USAGE, "'A00\\x1b' is not a volume label: it contains '\\x1b'", "media", "add",
             "A00\x1b", "--type", "LTO-9", NULL);
  cli_fails (f, EXIT_USAGE, "is not a volume label: it is not UTF-8 text", "media", "add",
             "A0\xff", "--type", "LTO-9", NULL);
  /* Each was refused whole: no volume was added. */
  g_assert_cmpint (ctl_query_int (f, "SELECT count(*) FROM media"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  CLI_TEST_ADD ("store/init-creates-the-store-and-keeps-it",
                test_init_creates_the_store_and_keeps_it);
  CLI_TEST_ADD ("names/round-trip-through-every-command", test_names_round_trip);
  CLI_TEST_ADD ("names/refused-escaped-and-after-dashes",
                test_names_refused_escaped_and_after_dashes);
  CLI_TEST_ADD ("names/volser-error-names-whole-characters",
                test_volser_error_names_whole_characters);
  CLI_TEST_ADD ("store/db-option-wins-over-custody-db", test_db_option_wins_over_custody_db);
  CLI_TEST_ADD ("store/custody-db-is-used-without-db-option",
                test_custody_db_is_used_without_db_option);
  CLI_TEST_ADD ("store/default-store-is-under-xdg-data-home",
                test_default_store_is_under_xdg_data_home);
  CLI_TEST_ADD ("store/missing-store-exits-3-except-init-and-demo",
                test_missing_store_exits_3_except_init_and_demo);
  CLI_TEST_ADD ("store/garbage-file-is-refused-as-corrupt",
                test_garbage_file_is_refused_as_corrupt);
  CLI_TEST_ADD ("store/overwritten-pages-are-reported-corrupt",
                test_store_with_overwritten_pages_is_reported_corrupt);
  CLI_TEST_ADD ("store/other-sqlite-database-is-refused", test_other_sqlite_database_is_refused);
  CLI_TEST_ADD ("store/store-from-a-newer-version-is-refused",
                test_store_from_a_newer_version_is_refused);
  CLI_TEST_ADD ("store/locked-store-exits-3-after-the-busy-timeout",
                test_locked_store_exits_3_after_the_busy_timeout);
  CLI_TEST_ADD ("store/read-only-store-refuses-writes", test_read_only_store_refuses_writes);
  CLI_TEST_ADD ("errors/usage-errors-exit-2", test_usage_errors_exit_2);
  CLI_TEST_ADD ("errors/failing-commands-write-nothing", test_failing_commands_write_nothing);
  CLI_TEST_ADD ("time/formats-are-read-and-written-as-utc",
                test_time_formats_are_read_and_written_as_utc);
  CLI_TEST_ADD ("time/at-hides-what-was-added-later", test_at_hides_what_was_added_later);
  CLI_TEST_ADD ("time/at-hides-later-runs-verifications-and-movements",
                test_at_hides_later_runs_verifications_and_movements);
  CLI_TEST_ADD ("time/writes-are-dated-at-and-audited-with-the-real-clock",
                test_writes_are_dated_at_and_audited_with_the_real_clock);

  return cli_test_run ();
}
