/* test-import.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `custodyctl import` of restic, borg and Bareos output, from the outside:
 * every real sample in tests/fixtures/import imports, or is refused with
 * the message a user needs; each importer refuses truncated documents,
 * wrong types, numbers too large, unknown statuses and duplicate ids,
 * naming the place and writing nothing; and what an import records is
 * what the compliance check then sees.
 */
#include "config.h"

#include <string.h>

#include "custody-ctl-test-utils.h"

/* Everything is set up before the runs the tests import, so that
 * `check --at` sees it. */
#define SETUP "2026-11-01T00:00:00Z"

#define SNAP_A "aaaaaaaa00000000000000000000000000000000000000000000000000000001"
#define SNAP_B "bbbbbbbb00000000000000000000000000000000000000000000000000000002"
#define ARCH_A "a1a1a1a100000000000000000000000000000000000000000000000000000001"
#define ARCH_B "b2b2b2b200000000000000000000000000000000000000000000000000000002"

static gint64
member_int (JsonNode   *node,
            const char *member)
{
  return json_object_get_int_member (json_node_get_object (node), member);
}

/*
 * Every sample
 */

typedef struct
{
  const char *file;
  const char *args[6];      /* after "import" and before the file */
  const char *error;        /* NULL: it imports */
  gint64      added;
  const char *fact;         /* SQL whose answer is @value after the import */
  gint64      value;
} Sample;

static const Sample samples[] = {
  { "restic-0.14-snapshots.json", { "restic", "--job", "ws", "--copy", "nas" }, NULL, 2,
    "SELECT count(*) FROM executions WHERE status = 'success' AND bytes IS NULL"
    " AND finished = started AND message = 'ws-01: /srv/projects'", 2 },
  { "restic-0.19-snapshots.json", { "restic", "--job", "ws", "--copy", "nas" }, NULL, 2,
    "SELECT bytes + (finished - started) FROM executions WHERE run_id LIKE 'bcd441d2%'",
    200038893 + 1 },
  { "restic-0.18.1-cat-snapshot.json", { "restic", "--job", "ws", "--copy", "nas" },
    "line 1, column 1: snapshot 1 has no \"id\": 'restic cat snapshot' prints none; import "
    "'restic snapshots --json' instead", 0, NULL, 0 },
  { "restic-0.9-snapshots-json-element.json", { "restic", "--job", "ws", "--copy", "nas" }, NULL, 1,
    "SELECT started FROM executions", 1542204991 },
  { "restic-0.9.6-backup-summary.json", { "restic", "--job", "ws", "--copy", "nas" },
    "this restic prints no times in its backup summary: import 'restic snapshots --json' first, "
    "then this output (snapshot 43deae25 is not recorded in this copy)", 0, NULL, 0 },
  { "restic-0.19-backup-json.jsonl", { "restic", "--job", "ws", "--copy", "nas" }, NULL, 1,
    "SELECT count(*) FROM executions WHERE status = 'success' AND files = 4004", 1 },
  { "restic-0.14-check-ok.txt", { "restic-check", "--job", "ws", "--copy", "nas" }, NULL, 1,
    "SELECT count(*) FROM verifications WHERE kind = 'checksum' AND result = 'passed'"
    " AND errors = 0 AND by = 'restic'", 1 },
  { "restic-0.19-check-json.jsonl", { "restic-check", "--job", "ws", "--copy", "nas" }, NULL, 1,
    "SELECT count(*) FROM verifications WHERE result = 'passed' AND errors = 0", 1 },
  /* Several hosts in one repository: the filters are tested below. */
  { "restic-0.14-snapshots-shared.json", { "restic", "--job", "ws", "--copy", "nas" }, NULL, 6,
    "SELECT count(*) FROM executions WHERE message LIKE 'ws-01: %'", 3 },
  { "borg-1.2-list-shared.json", { "borg", "--job", "ws", "--copy", "nas" }, NULL, 5,
    "SELECT count(*) FROM executions WHERE message LIKE 'ws-01-2026-%'", 2 },
  { "borg-1.2-list.json", { "borg", "--job", "ws", "--copy", "nas" }, NULL, 2,
    "SELECT started FROM executions WHERE run_id LIKE '5c8cba52%'", 1795597807 },
  { "borg-1.2-info-archive.json", { "borg", "--job", "ws", "--copy", "nas" }, NULL, 1,
    "SELECT bytes * 10 + files FROM executions", 200017 * 10 + 4 },
  { "borg-1.2-info-repo.json", { "borg", "--job", "ws", "--copy", "nas" },
    "line 1, column 1: this describes the repository but lists no archives ('borg info --json "
    "REPO'): import 'borg list --json' instead", 0, NULL, 0 },
  { "borg1-info-last1.json", { "borg", "--job", "ws", "--copy", "nas" }, NULL, 1,
    "SELECT bytes FROM executions", 2400471280 },
  { "borg1-info-repo.json", { "borg", "--job", "ws", "--copy", "nas" },
    "this describes the repository but lists no archives", 0, NULL, 0 },
  { "borg1-list-json-lines.jsonl", { "borg", "--job", "ws", "--copy", "nas" },
    "this lists the files inside an archive ('borg list --json-lines ARCHIVE'): import the list "
    "of archives, 'borg list --json'", 0, NULL, 0 },
  { "borg1-list-last1.json", { "borg", "--job", "ws", "--copy", "nas" }, NULL, 1,
    "SELECT count(*) FROM executions WHERE message = 'host-system-backup-2017-02-27'", 1 },
  { "borg2-info-last1.json", { "borg", "--job", "ws", "--copy", "nas" }, NULL, 1,
    "SELECT files FROM executions", 53669 },
  { "borg-1.2-check-ok.txt", { "borg-check", "--job", "ws", "--copy", "nas" }, NULL, 1,
    "SELECT count(*) FROM verifications WHERE result = 'passed' AND by = 'borg'", 1 },
  { "bareos-api2-error.json", { "bareos-jobs" },
    "line 1, column 1: bconsole answered with an error: ON or OFF keyword missing.", 0, NULL, 0 },
  { "bareos-api2-list-jobs.json", { "bareos-jobs", "--create" },
    "line 6, column 5: job 1 (JobId 1) names no pool, the copy it wrote to ('list jobs' leaves it "
    "out): import 'llist jobs', or name the copy with --copy", 0, NULL, 0 },
  { "bareos-api2-list-jobs.json", { "bareos-jobs", "--create", "--copy", "Full" }, NULL, 2,
    "SELECT count(*) FROM copies c JOIN jobs j ON j.id = c.job_id"
    " WHERE j.name = 'BackupClient1' AND c.name = 'Full' AND c.media_type = 'tape'", 1 },
  { "bareos-api2-llist-jobs.json", { "bareos-jobs" },
    "line 6, column 5: job 1 (JobId 1): unknown job 'BackupClient1' (add it with 'custodyctl job "
    "add', or import with --create)", 0, NULL, 0 },
  { "bareos-api2-llist-jobs.json", { "bareos-jobs", "--create" }, NULL, 2,
    "SELECT count(*) FROM executions e JOIN copies c ON c.id = e.copy_id"
    " WHERE c.name IN ('Full', 'Incremental') AND e.status = 'success'", 2 },
  { "bareos-list-volumes-docs.txt", { "bareos-volumes" }, NULL, 1,
    "SELECT retention_until FROM media WHERE volser = 'FULL-0001' AND bytes_written = 38600329"
    " AND type = 'File' AND status = 'in-use'", 1501250447 },
  { "bareos-list-volumes-issue2694.txt", { "bareos-volumes" },
    "line 10: this row has 9 of the table's 14 columns: the listing is cut short or damaged",
    0, NULL, 0 },
  { "bareos-media-vault-joblog.txt", { "bareos-volumes" },
    "no table of volumes here: give bconsole's 'list volumes'", 0, NULL, 0 },
};

static void
test_sample (CtlFixture    *f,
             gconstpointer  data)
{
  const Sample *sample = data;
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autofree char *path = custody_test_fixture_path ("import", sample->file);
  g_autoptr(GPtrArray) json_args = NULL;

  g_ptr_array_add (args, (gpointer) "import");
  for (guint i = 0; i < G_N_ELEMENTS (sample->args) && sample->args[i] != NULL; i++)
    g_ptr_array_add (args, (gpointer) sample->args[i]);
  g_ptr_array_add (args, path);

  if (sample->error != NULL)
    {
      g_assert_cmpuint (args->len, <=, 8);
      ctl_assert_fails (f, CTL_EXIT_USAGE, sample->error,
                        args->len > 0 ? g_ptr_array_index (args, 0) : NULL,
                        args->len > 1 ? g_ptr_array_index (args, 1) : NULL,
                        args->len > 2 ? g_ptr_array_index (args, 2) : NULL,
                        args->len > 3 ? g_ptr_array_index (args, 3) : NULL,
                        args->len > 4 ? g_ptr_array_index (args, 4) : NULL,
                        args->len > 5 ? g_ptr_array_index (args, 5) : NULL,
                        args->len > 6 ? g_ptr_array_index (args, 6) : NULL,
                        args->len > 7 ? g_ptr_array_index (args, 7) : NULL,
                        NULL);
      return;
    }

  /* Twice: the second time finds everything already there. */
  for (int pass = 0; pass < 2; pass++)
    {
      g_autoptr(JsonNode) result = NULL;
      gint64 audit = ctl_query_int (f, "SELECT count(*) FROM audit");

      g_assert_cmpuint (args->len, <=, 8);
      result = ctl_json (f, 0,
                         args->len > 0 ? g_ptr_array_index (args, 0) : NULL,
                         args->len > 1 ? g_ptr_array_index (args, 1) : NULL,
                         args->len > 2 ? g_ptr_array_index (args, 2) : NULL,
                         args->len > 3 ? g_ptr_array_index (args, 3) : NULL,
                         args->len > 4 ? g_ptr_array_index (args, 4) : NULL,
                         args->len > 5 ? g_ptr_array_index (args, 5) : NULL,
                         args->len > 6 ? g_ptr_array_index (args, 6) : NULL,
                         args->len > 7 ? g_ptr_array_index (args, 7) : NULL,
                         NULL);
      if (pass == 0)
        {
          g_autofree char *contents = NULL, *digest = NULL, *after = NULL;
          gsize length;

          g_assert_cmpint (member_int (result, "added"), ==, sample->added);
          g_assert_cmpint (member_int (result, "updated"), ==, 0);
          g_assert_cmpint (ctl_query_int (f, "SELECT count(*) FROM audit"), ==, audit + 1);

          /* The audit trail names the output it came from. */
          g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
          digest = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents,
                                                length);
          after = ctl_query_text (f, "SELECT after FROM audit ORDER BY id DESC LIMIT 1");
          g_assert_nonnull (strstr (after, digest));
        }
      else
        {
          g_assert_cmpint (member_int (result, "added"), ==, 0);
          g_assert_cmpint (member_int (result, "updated"), ==, 0);
          g_assert_cmpint (member_int (result, "unchanged"), ==, sample->added);
          g_assert_cmpint (ctl_query_int (f, "SELECT count(*) FROM audit"), ==, audit);
        }
      g_assert_cmpint (ctl_query_int (f, sample->fact), ==, sample->value);
    }
}

/* Every restic, borg and Bareos sample is in the table, and each is the
 * same as the project's shared sample when that is at hand. */
static void
test_every_sample_is_covered (void)
{
  g_autofree char *dir_path = custody_test_fixture_path ("import", "");
  g_autofree char *shared = g_build_filename (g_test_get_dir (G_TEST_DIST), "..", "..", "shared",
                                              "fixtures", "import", NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;
  guint files = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      gboolean covered = FALSE;

      if (g_str_equal (name, "README.md"))
        continue;
      files++;
      for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
        covered |= g_str_equal (samples[i].file, name);
      if (!covered)
        g_test_message ("no test imports %s", name);
      g_assert_true (covered);
    }
  g_assert_cmpuint (files, ==, 25);

  if (g_file_test (shared, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GDir) shared_dir = g_dir_open (shared, 0, NULL);

      while ((name = g_dir_read_name (shared_dir)) != NULL)
        {
          g_autofree char *theirs = NULL, *ours = NULL;
          g_autofree char *theirs_path = g_build_filename (shared, name, NULL);
          g_autofree char *ours_path = custody_test_fixture_path ("import", name);

          if (!g_str_has_prefix (name, "restic") && !g_str_has_prefix (name, "borg") &&
              !g_str_has_prefix (name, "bareos"))
            continue;
          g_assert_true (g_file_get_contents (theirs_path, &theirs, NULL, NULL));
          if (!g_file_get_contents (ours_path, &ours, NULL, NULL))
            g_test_message ("%s is not copied to tests/fixtures/import", name);
          g_assert_cmpstr (ours, ==, theirs);
        }
    }
}

/*
 * Broken input, per importer
 */

typedef struct
{
  const char *input;
  const char *args[6];   /* after the format; NULL-terminated */
  const char *message;
} Broken;

/* The arguments of a case, then the input file. */
#define ARGS(...) { __VA_ARGS__, NULL }

static char *
truncated (const char *name,
           gsize       length)
{
  g_autofree char *path = custody_test_fixture_path ("import", name);
  g_autofree char *text = NULL;
  gsize full;

  g_assert_true (g_file_get_contents (path, &text, &full, NULL));
  g_assert_cmpuint (length, <, full);
  return g_strndup (text, length);
}

/* Asserts that each case fails with its message and leaves the store as
 * it was. */
static void
assert_each_refused (CtlFixture   *f,
                     const char   *format,
                     const char   *first_args[],
                     const Broken *cases,
                     guint         n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *path = ctl_fixture_write (f, "input", cases[i].input, -1);
      g_autoptr(GPtrArray) args = g_ptr_array_new ();
      const char *v[12] = { NULL, };

      g_ptr_array_add (args, (gpointer) "import");
      g_ptr_array_add (args, (gpointer) format);
      for (guint j = 0; first_args[j] != NULL; j++)
        g_ptr_array_add (args, (gpointer) first_args[j]);
      for (guint j = 0; j < G_N_ELEMENTS (cases[i].args) && cases[i].args[j] != NULL; j++)
        g_ptr_array_add (args, (gpointer) cases[i].args[j]);
      g_ptr_array_add (args, path);
      g_assert_cmpuint (args->len, <, G_N_ELEMENTS (v));
      for (guint j = 0; j < args->len; j++)
        v[j] = g_ptr_array_index (args, j);

      g_test_message ("%s case %u: %s", format, i, cases[i].message);
      ctl_assert_fails (f, CTL_EXIT_USAGE, cases[i].message, v[0], v[1], v[2], v[3], v[4], v[5],
                        v[6], v[7], v[8], v[9], v[10], NULL);
    }
}

static void
test_restic_refuses_broken_input (CtlFixture    *f,
                                  gconstpointer  data)
{
  static const char *target[] = { "--job", "ws", "--copy", "nas", NULL };
  g_autofree char *cut = truncated ("restic-0.14-snapshots.json", 400);
  const Broken cases[] = {
    { cut, { NULL },
      "line 14, column 9: the document ends early, inside the string that starts here" },
    { "[{\"id\": \"" SNAP_A "\", \"time\": \"2026-11-20T01:00:00Z\"},\n {\"id\": \"" SNAP_A "\"",
      { NULL }, "line 2, column 75: the document ends early, "
                "inside the object that opens on line 2, column 2" },
    /* Wrong types */
    { "[{\"id\": \"" SNAP_A "\", \"time\": 12}]", { NULL },
      "line 1, column 85: snapshot 1 (aaaaaaaa): \"time\" should be a time in a string, "
      "not a number (12)" },
    { "[{\"id\": 42, \"time\": \"2026-11-20T01:00:00Z\"}]", { NULL },
      "line 1, column 9: snapshot 1: \"id\" should be a string, not a number (42)" },
    { "[{\"id\": \"" SNAP_A "\", \"time\": \"2026-11-20T01:00:00Z\", \"summary\": []}]", { NULL },
      "snapshot 1 (aaaaaaaa): \"summary\" should be an object, not an array" },
    { "[{\"id\": \"" SNAP_A "\", \"time\": \"2026-11-20T01:00:00Z\", \"paths\": [7]}]", { NULL },
      "snapshot 1 (aaaaaaaa): each path should be a string, not a number" },
    { "[\"" SNAP_A "\"]", { NULL },
      "line 1, column 2: snapshot 1 should be an object, not a string" },
    { "[{\"id\": \"not-hex\", \"time\": \"2026-11-20T01:00:00Z\"}]", { NULL },
      "snapshot 1: \"not-hex\" is not a restic snapshot id (64 hexadecimal digits)" },
    { "[{\"id\": \"" SNAP_A "\", \"time\": \"yesterday\"}]", { NULL },
      "snapshot 1 (aaaaaaaa): \"time\" \"yesterday\" is not a time" },
    { "{\"snapshots\": 1}", { NULL },
      "this is neither restic's snapshot list ('restic snapshots --json') nor its backup output" },
    /* Numbers too large, or below zero */
    { "[{\"id\": \"" SNAP_A "\", \"time\": \"2026-11-20T01:00:00Z\", \"summary\": "
      "{\"total_bytes_processed\": 99999999999999999999}}]", { NULL },
      "snapshot 1 (aaaaaaaa): \"total_bytes_processed\" 99999999999999999999 is not a whole "
      "number from 0 to 9223372036854775807" },
    { "[{\"id\": \"" SNAP_A "\", \"time\": \"2026-11-20T01:00:00Z\", \"summary\": "
      "{\"total_files_processed\": -3}}]", { NULL },
      "\"total_files_processed\" -3 is not a whole number from 0 to 9223372036854775807" },
    { "[{\"id\": \"" SNAP_A "\", \"time\": \"2026-11-20T01:00:00Z\", \"summary\": "
      "{\"total_files_processed\": 1e400}}]", { NULL },
      "\"total_files_processed\" 1e400 is not a whole number" },
    /* Duplicates */
    { "[{\"id\": \"" SNAP_A "\", \"time\": \"2026-11-20T01:00:00Z\"},\n"
      " {\"id\": \"" SNAP_A "\", \"time\": \"2026-11-21T01:00:00Z\"}]", { NULL },
      "line 2, column 2: snapshot 2 (aaaaaaaa) appears twice (also snapshot 1)" },
    { "[{\"id\": \"" SNAP_A "\", \"id\": \"" SNAP_B "\", \"time\": \"2026-11-20T01:00:00Z\"}]",
      { NULL }, "the key \"id\" appears twice in this object" },
    /* What the exit code says */
    { "{\"message_type\":\"status\",\"percent_done\":0.5}\n", ARGS ("--exit-code", "130"),
      "the backup made no snapshot (exit code 130): record the failed run with 'custodyctl record "
      "--status failed'" },
    { "{\"message_type\":\"status\",\"percent_done\":0.5}\n", { NULL },
      "the output ends without its summary: the backup did not finish" },
    { "[]", ARGS ("--exit-code", "3"),
      "--exit-code goes with the output of 'restic backup --json', not with the snapshot list" },
    { "[]", ARGS ("--exit-code", "256"), "--exit-code must be from 0 to 255" },
    { "[{\"id\": \"" SNAP_A "\", \"time\": \"2026-11-20T01:00:00Z\", \"summary\": "
      "{\"backup_start\": \"2026-11-20T02:00:00Z\", \"backup_end\": \"2026-11-20T01:00:00Z\"}}]",
      { NULL }, "snapshot 1 (aaaaaaaa): it ends (2026-11-20T01:00:00Z) before it starts "
                "(2026-11-20T02:00:00Z)" },
  };

  assert_each_refused (f, "restic", target, cases, G_N_ELEMENTS (cases));
}

static void
test_restic_check_refuses_broken_input (CtlFixture    *f,
                                        gconstpointer  data)
{
  static const char *target[] = { "--job", "ws", "--copy", "nas", NULL };
  const Broken cases[] = {
    { "{\"message_type\":\"summary\",\"num_errors\":0", { NULL },
      "line 1, column 41: the document ends early, inside the object that opens on line 1, "
      "column 1" },
    { "{\"message_type\":\"summary\",\"num_errors\":\"none\"}\n", { NULL },
      "line 1, column 40: record 1: \"num_errors\" should be a whole number, "
      "not a string (\"none\")" },
    { "{\"message_type\":\"summary\",\"num_errors\":99999999999999999999}\n", { NULL },
      "record 1: \"num_errors\" 99999999999999999999 is not a whole number from 0 to" },
    { "{\"message_type\":\"summary\"}\n", { NULL },
      "record 1: the summary has no \"num_errors\"" },
    { "{\"num_errors\":0}\n", { NULL }, "line 1, column 1: record 1 has no \"message_type\"" },
    { "[1]\n", { NULL }, "line 1, column 1: record 1 should be an object, not an array" },
    { "load indexes\ncheck all packs\n", { NULL },
      "the output does not say how the check ended: give the exit code of restic check "
      "(--exit-code)" },
    { "no errors were found\nrc=0\n", ARGS ("--exit-code", "1"),
      "line 2, column 1: the output ends with rc=0, but --exit-code says 1" },
    { "", { NULL }, "the output is empty: give the exit code of restic check (--exit-code)" },
  };

  assert_each_refused (f, "restic-check", target, cases, G_N_ELEMENTS (cases));
}

static void
test_borg_refuses_broken_input (CtlFixture    *f,
                                gconstpointer  data)
{
  static const char *target[] = { "--job", "ws", "--copy", "nas", NULL };
  g_autofree char *cut = truncated ("borg-1.2-list.json", 300);
  const Broken cases[] = {
    { cut, { NULL },
      "line 8, column 22: the document ends early, inside the string that starts here" },
    { "{\"archives\": [{\"id\": 5, \"name\": \"a\", \"start\": \"2026-11-20T01:00:00\"}]}",
      { NULL }, "line 1, column 22: archive 1: \"id\" should be a string, not a number (5)" },
    { "{\"archives\": [{\"id\": \"" ARCH_A "\", \"name\": \"a\", \"start\": "
      "\"2026-11-20T01:00:00\","
      " \"stats\": {\"original_size\": 99999999999999999999}}]}", { NULL },
      "archive 1 (a): \"original_size\" 99999999999999999999 is not a whole number from 0 to" },
    { "{\"archives\": [{\"id\": \"" ARCH_A "\", \"name\": \"a\", \"start\": "
      "\"2026-11-20T01:00:00\","
      " \"stats\": {\"nfiles\": 1.5}}]}", { NULL },
      "archive 1 (a): \"nfiles\" 1.5 is not a whole number" },
    { "{\"archives\": [{\"id\": \"" ARCH_A "\", \"name\": \"a\", \"start\": "
      "\"2026-11-20T01:00:00\","
      " \"duration\": \"long\"}]}", { NULL },
      "archive 1 (a): \"duration\" \"long\" is not a number of seconds" },
    { "{\"archives\": {}}", { NULL }, "\"archives\" should be an array, not an object" },
    { "{\"archives\": [{\"id\": \"" ARCH_A "\", \"name\": \"a\", \"start\": \"noon\"}]}", { NULL },
      "archive 1 (a): \"start\" \"noon\" is not a time" },
    { "{\"archives\": [{\"id\": \"" ARCH_A "\", \"name\": \"a\", \"start\": "
      "\"2026-11-20T01:00:00\"},"
      "\n {\"id\": \"" ARCH_A "\", \"name\": \"b\", \"start\": "
      "\"2026-11-21T01:00:00\"}]}", { NULL },
      "line 2, column 2: archive 2 (b): its id appears twice (also archive 1)" },
    { "{\"archives\": [{\"id\": \"" ARCH_A "\", \"start\": \"2026-11-20T01:00:00\"}]}", { NULL },
      "archive 1 has no \"archive\"" },
    { "{\"archives\": []}", ARGS ("--timezone", "Mars/Olympus_Mons"),
      "unknown time zone 'Mars/Olympus_Mons' (use a name such as Europe/Berlin, or UTC)" },
    { "{\"archives\": []}", ARGS ("--exit-code", "1"),
      "--exit-code goes with the output of 'borg create --json', not with a list of archives" },
    { "{\"archives\": []}\n{\"archives\": []}", { NULL },
      "line 2, column 1: more data after the end of the document" },
  };

  assert_each_refused (f, "borg", target, cases, G_N_ELEMENTS (cases));

  /* What was refused was the input: the whole list, for the same copy,
   * imports. */
  {
    g_autofree char *list = custody_test_fixture_path ("import", "borg-1.2-list.json");
    g_autoptr(JsonNode) stats = ctl_json (f, 0, "import", "borg", "--job", "ws", "--copy", "nas",
                                          "--timezone", "UTC", list, NULL);

    g_assert_cmpint (member_int (stats, "added"), >, 0);
  }
}

static void
test_borg_check_refuses_broken_input (CtlFixture    *f,
                                      gconstpointer  data)
{
  static const char *target[] = { "--job", "ws", "--copy", "nas", NULL };
  const Broken cases[] = {
    { "{\"type\": \"log_message\", \"time\": 1795607853.08, \"message\": \"Index obj",
      { NULL }, "line 1, column 59: the document ends early, inside the string that starts here" },
    { "{\"type\": \"log_message\", \"time\": \"noon\", \"message\": \"x\", \"levelname\": "
      "\"INFO\"}\n",
      { NULL }, "line 1, column 33: record 1: \"time\" \"noon\" is not a Unix time" },
    { "{\"type\": \"log_message\", \"time\": 1e400, \"message\": \"x\"}\n", { NULL },
      "record 1: \"time\" 1e400 is not a Unix time" },
    { "{\"time\": 1795607853.08, \"message\": \"x\"}\n", { NULL }, "record 1 has no \"type\"" },
    { "{\"type\": \"log_message\", \"message\": 12}\n", { NULL },
      "record 1: \"message\" should be a string, not a number (12)" },
    { "Starting repository check\n", { NULL },
      "the output does not say how the check ended: give the exit code of borg check "
      "(--exit-code)" },
  };

  assert_each_refused (f, "borg-check", target, cases, G_N_ELEMENTS (cases));
}

#define JOBS_HEAD "{\"jsonrpc\": \"2.0\", \"id\": null, \"result\": {\"jobs\": ["
#define JOB(id, status) \
  "{\"jobid\": \"" id "\", \"name\": \"ws\", \"type\": \"B\", \"level\": \"F\", \"jobstatus\": \"" \
  status "\", \"starttime\": \"2026-11-20 01:00:00\", \"endtime\": \"2026-11-20 02:00:00\", " \
  "\"poolname\": \"nas\""

static void
test_bareos_jobs_refuse_broken_input (CtlFixture    *f,
                                      gconstpointer  data)
{
  static const char *none[] = { NULL };
  const Broken cases[] = {
    { JOBS_HEAD JOB ("1", "T") "}", { NULL },
      "line 1, column 214: the document ends early, inside the array that opens on line 1, "
      "column 51" },
    { JOBS_HEAD JOB ("1", "Q") "}]}}", { NULL },
      "line 1, column 121: job 1 (JobId 1): jobstatus 'Q' is not a Bareos job status (T, W, E, e, "
      "f, A, D," },
    { JOBS_HEAD JOB ("1", "OK") "}]}}", { NULL },
      "job 1 (JobId 1): jobstatus 'OK' is not a Bareos job status" },
    { JOBS_HEAD JOB ("1", "T") ", \"jobbytes\": \"99999999999999999999\"}]}}", { NULL },
      "job 1 (JobId 1): \"jobbytes\" \"99999999999999999999\" is not a whole number from 0 to "
      "9223372036854775807" },
    { JOBS_HEAD JOB ("1", "T") ", \"jobbytes\": {\"n\": 1}}]}}", { NULL },
      "job 1 (JobId 1): \"jobbytes\" should be a whole number, not an object" },
    { JOBS_HEAD JOB ("1", "T") ", \"jobfiles\": \"-4\"}]}}", { NULL },
      "\"jobfiles\" \"-4\" is not a whole number" },
    { JOBS_HEAD JOB ("1", "T") "}, " JOB ("1", "T") "}]}}", { NULL },
      "job 2: JobId 1 appears twice (also job 1)" },
    { JOBS_HEAD "{\"jobid\": \"x1\", \"name\": \"ws\"}]}}", { NULL },
      "job 1: \"jobid\" \"x1\" is not a whole number" },
    { JOBS_HEAD JOB ("1", "T") ", \"type\": \"Backup\"}]}}", { NULL },
      "the key \"type\" appears twice in this object" },
    { JOBS_HEAD "{\"jobid\": \"1\", \"name\": \"ws\", \"type\": \"Backup\"}]}}", { NULL },
      "job 1: type 'Backup' is not a Bareos job type (B, C, V, R...)" },
    { "{\"jsonrpc\": \"2.0\", \"id\": null, \"result\": {\"jobs\": [{\"jobid\": \"1\", \"name\": "
      "\"ws\", \"type\": \"B\", \"jobstatus\": \"T\", \"poolname\": \"nas\", \"starttime\": "
      "\"2026-13-45 99:00:00\"}]}}", { NULL },
      "job 1 (JobId 1): \"starttime\" \"2026-13-45 99:00:00\" is not a time" },
    { "{\"jsonrpc\": \"2.0\", \"id\": null, \"result\": {\"jobs\": {}}}", { NULL },
      "\"jobs\" should be an array, not an object" },
    { "{\"jsonrpc\": \"2.0\", \"id\": null, \"result\": {\"volumes\": []}}", { NULL },
      "no list of jobs here: give bconsole's 'llist jobs' in JSON mode (.api 2)" },
    { JOBS_HEAD JOB ("1", "T") "}]}}\n{\"jsonrpc\": \"2.0\", \"id\": null, \"result\": "
      "{\"jobmedia\": [{\"jobid\": \"1\", \"volumename\": \"A00042L8\"}]}}", { NULL },
      "jobmedia row 1: unknown volume 'A00042L8' (import Bareos' volumes first: custodyctl import "
      "bareos-volumes)" },
    /* The whole input is read before the store is asked: a job the store
     * does not know is named only when every record reads. */
    { JOBS_HEAD "{\"jobid\": \"1\", \"name\": \"nobody\", \"type\": \"B\", \"jobstatus\": "
      "\"T\", \"starttime\": \"2026-11-20 01:00:00\", \"poolname\": \"nas\"},\n"
      JOB ("2", "Q") "}]}}", { NULL },
      "line 2, column 70: job 2 (JobId 2): jobstatus 'Q' is not a Bareos job status" },
    { JOBS_HEAD JOB ("1", "T") "}]}}\n{\"jsonrpc\": \"2.0\", \"id\": null, \"result\": "
      "{\"jobmedia\": [{\"jobid\": \"1\", \"volumename\": \"A00042L8\"}, \"row\"]}}", { NULL },
      "line 2, column 98: jobmedia row 2 should be an object, not a string" },
  };

  assert_each_refused (f, "bareos-jobs", none, cases, G_N_ELEMENTS (cases));
}

#define VOLUMES_HEAD "{\"jsonrpc\": \"2.0\", \"id\": null, \"result\": {\"volumes\": {\"Weekly\": ["
#define VOLUME(name, status) \
  "{\"mediaid\": \"1\", \"volumename\": \"" name "\", \"volstatus\": \"" status "\", " \
  "\"mediatype\": \"LTO-8\", \"volbytes\": \"1000\", \"inchanger\": \"0\", \"slot\": \"0\", " \
  "\"lastwritten\": \"2026-11-19 23:00:00\", \"volretention\": \"2592000\""

static void
test_bareos_volumes_refuse_broken_input (CtlFixture    *f,
                                         gconstpointer  data)
{
  static const char *none[] = { NULL };
  const Broken cases[] = {
    { VOLUMES_HEAD VOLUME ("A00001L8", "Full") "}, ", { NULL },
      "line 1, column 269: the document ends early, inside the array that opens on line 1, "
      "column 65" },
    { VOLUMES_HEAD VOLUME ("A00001L8", "Lost") "}]}}}", { NULL },
      "line 1, column 66: volume A00001L8: volstatus 'Lost' is not a Bareos volume status (Append, "
      "Full, Used, Archive, Read-Only, Busy, Recycle, Purged, Error, Disabled, Cleaning)" },
    { VOLUMES_HEAD VOLUME ("A00001L8", "Full") "}, " VOLUME ("a00001l8", "Full") "}]}}}", { NULL },
      "volume A00001L8 appears twice in one listing" },
    { VOLUMES_HEAD VOLUME ("A00001L8", "Full")
      ", \"volerrors\": \"99,999,999,999,999,999,999\"}]}}}",
      { NULL }, "volume 1: \"volerrors\" \"99,999,999,999,999,999,999\" is not a whole number from "
                "0 to" },
    { VOLUMES_HEAD VOLUME ("A00001L8", "Full") ", \"volmounts\": true}]}}}", { NULL },
      "volume 1: \"volmounts\" should be a whole number, not true or false (true)" },
    { "{\"jsonrpc\": \"2.0\", \"id\": null, \"result\": {\"volumes\": {\"Weekly\": "
      "[{\"volumename\": \"A00001L8\", \"volstatus\": \"Full\", \"mediatype\": \"LTO-8\", "
      "\"inchanger\": \"2\"}]}}}",
      { NULL }, "volume 1: inchanger should be 0 or 1" },
    { VOLUMES_HEAD VOLUME ("A0 001?", "Full") "}]}}}", { NULL },
      "'A0 001?' is not a volume label: it contains ' '" },
    { "{\"jsonrpc\": \"2.0\", \"id\": null, \"result\": {\"volumes\": {\"Weekly\": {}}}}", { NULL },
      "pool 'Weekly' should list its volumes in an array, not an object" },
    { "{\"jsonrpc\": \"2.0\", \"id\": null, \"result\": {\"volumes\": 3}}", { NULL },
      "\"volumes\" should be an array or an object of pools, not a number" },
    { "Pool: Weekly\n"
      "+---------+------------+-----------+----------+-----------+-----------+\n"
      "| MediaId | VolumeName | VolStatus | VolBytes | InChanger | MediaType |\n"
      "+---------+------------+-----------+----------+-----------+-----------+\n"
      "| 1       | A00001L8   | Full      | 1,000    | 0         | LTO-8     |\n"
      "| 2       | A00002L8   | Full      | 12x      | 0         | LTO-8     |\n"
      "+---------+------------+-----------+----------+-----------+-----------+\n", { NULL },
      "line 6: VolBytes '12x' is not a whole number from 0 to 9223372036854775807" },
    { "+---------+------------+-----------+\n"
      "| MediaId | VolumeName | VolStatus |\n"
      "+---------+------------+-----------+\n"
      "| 1       | A00001L8   | Full      |\n"
      "+---------+------------+-----------+\n", { NULL },
      "line 4: volume A00001L8 has no media type" },
  };

  assert_each_refused (f, "bareos-volumes", none, cases, G_N_ELEMENTS (cases));
}

/*
 * What imports record
 */

static JsonArray *
history (CtlFixture *f,
         JsonNode  **keep)
{
  *keep = ctl_json (f, 0, "history", "ws", NULL);
  return json_node_get_array (*keep);
}

/* A warning from restic's own output survives the snapshot list, which
 * cannot tell a clean backup from one that skipped files. */
static void
test_restic_warning_survives_the_snapshot_list (CtlFixture    *f,
                                                gconstpointer  data)
{
  g_autofree char *backup = custody_test_fixture_path ("import", "restic-0.19-backup-json.jsonl");
  g_autofree char *snapshots = custody_test_fixture_path ("import", "restic-0.19-snapshots.json");
  g_autoptr(JsonNode) first = NULL, second = NULL, list = NULL;
  JsonObject *run;

  first = ctl_json (f, 0, "import", "restic", "--job", "ws", "--copy", "nas", "--exit-code", "3",
                    backup, NULL);
  g_assert_cmpint (member_int (first, "added"), ==, 1);

  second = ctl_json (f, 0, "import", "restic", "--job", "ws", "--copy", "nas", snapshots, NULL);
  g_assert_cmpint (member_int (second, "added"), ==, 1);
  g_assert_cmpint (member_int (second, "updated"), ==, 0);
  g_assert_cmpint (member_int (second, "unchanged"), ==, 1);

  run = ctl_find_by (history (f, &list), "run_id",
                     "bcd441d2560b76e9508748919f98f08480e6d703b7a297d3ffd7d0a0a80a5fce");
  g_assert_nonnull (run);
  g_assert_cmpstr (json_object_get_string_member (run, "status"), ==, "warning");
  g_assert_cmpstr (json_object_get_string_member (run, "message"), ==,
                   "some source files could not be read");
  g_assert_cmpstr (json_object_get_string_member (run, "started"), ==, "2026-09-14T13:20:42Z");
  g_assert_cmpint (json_object_get_int_member (run, "bytes"), ==, 200038893);
}

/* A first import of many snapshots writes them many to a statement (64
 * at a time, the rest one by one): every snapshot must be there with its
 * own times and sizes, and the same list again changes nothing. */
static void
test_restic_many_snapshots_at_once (CtlFixture    *f,
                                    gconstpointer  data)
{
  const guint n = 150;
  g_autoptr(GString) json = g_string_new ("[");
  g_autoptr(GDateTime) base = g_date_time_new_utc (2026, 9, 1, 0, 0, 0);
  g_autoptr(JsonNode) first = NULL, again = NULL, list = NULL;
  g_autofree char *path = NULL;
  JsonArray *runs;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GDateTime) start = g_date_time_add_hours (base, i * 7);
      g_autoptr(GDateTime) end = g_date_time_add_seconds (start, 60 + i);
      g_autofree char *started = g_date_time_format (start, "%Y-%m-%dT%H:%M:%SZ");
      g_autofree char *ended = g_date_time_format (end, "%Y-%m-%dT%H:%M:%SZ");

      g_string_append_printf (json,
                              "%s{\"time\":\"%s\",\"tree\":\"%064x\",\"paths\":[\"/srv\"],"
                              "\"hostname\":\"ws\",\"username\":\"root\","
                              "\"program_version\":\"restic 0.19.1\",\"summary\":{"
                              "\"backup_start\":\"%s\",\"backup_end\":\"%s\","
                              "\"files_new\":%u,\"files_changed\":0,\"files_unmodified\":0,"
                              "\"dirs_new\":1,\"dirs_changed\":0,\"dirs_unmodified\":0,"
                              "\"data_blobs\":1,\"tree_blobs\":1,\"data_added\":1,"
                              "\"data_added_packed\":1,\"total_files_processed\":%u,"
                              "\"total_bytes_processed\":%u},"
                              "\"id\":\"%064x\",\"short_id\":\"%08x\"}",
                              i == 0 ? "" : ",", started, i + 1, started, ended, 10 + i, 10 + i,
                              1000000 + i, i + 1, i + 1);
    }
  g_string_append_c (json, ']');
  path = ctl_fixture_write (f, "snapshots.json", json->str, -1);

  first = ctl_json (f, 0, "import", "restic", "--job", "ws", "--copy", "nas", path, NULL);
  g_assert_cmpint (member_int (first, "added"), ==, n);

  list = ctl_json (f, 0, "history", "ws", "--limit", "1000", NULL);
  runs = json_node_get_array (list);
  g_assert_cmpuint (json_array_get_length (runs), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("%064x", i + 1);
      g_autoptr(GDateTime) start = g_date_time_add_hours (base, i * 7);
      g_autofree char *started = g_date_time_format (start, "%Y-%m-%dT%H:%M:%SZ");
      JsonObject *run = ctl_find_by (runs, "run_id", id);

      g_assert_nonnull (run);
      g_assert_cmpstr (json_object_get_string_member (run, "started"), ==, started);
      g_assert_cmpstr (json_object_get_string_member (run, "status"), ==, "success");
      g_assert_cmpint (json_object_get_int_member (run, "bytes"), ==, 1000000 + i);
      g_assert_cmpint (json_object_get_int_member (run, "files"), ==, 10 + i);
    }

  again = ctl_json (f, 0, "import", "restic", "--job", "ws", "--copy", "nas", path, NULL);
  g_assert_cmpint (member_int (again, "added"), ==, 0);
  g_assert_cmpint (member_int (again, "updated"), ==, 0);
  g_assert_cmpint (member_int (again, "unchanged"), ==, n);
}

/* borg 1 prints local times without a zone: --timezone says which, else
 * the machine's zone is used, and the result says which it was. */
static void
test_borg_times_are_read_in_the_zone_it_says (CtlFixture    *f,
                                              gconstpointer  data)
{
  g_autofree char *list = custody_test_fixture_path ("import", "borg-1.2-list.json");
  g_autoptr(JsonNode) tokyo = NULL, berlin = NULL, runs = NULL;
  JsonObject *run;

  ctl_ok (f, "--at", SETUP, "copy", "add", "ws", "other", "--media-type", "disk", NULL);

  tokyo = ctl_json (f, 0, "import", "borg", "--job", "ws", "--copy", "nas", "--timezone",
                    "Asia/Tokyo", list, NULL);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (tokyo), "time_zone"), ==,
                   "Asia/Tokyo");
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (tokyo), "time_zone_source"),
                   ==, "option");

  ctl_fixture_setenv (f, "TZ", "Europe/Berlin");
  berlin = ctl_json (f, 0, "import", "borg", "--job", "ws", "--copy", "other", list, NULL);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (berlin), "time_zone"), ==,
                   "Europe/Berlin");
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (berlin),
                                                  "time_zone_source"),
                   ==, "machine");

  /* 09:10:07 in Tokyo (UTC+9) and in Berlin (UTC+1 in November). */
  runs = ctl_json (f, 0, "history", "ws", NULL);
  run = ctl_find_by (json_node_get_array (runs), "copy", "nas");
  g_assert_cmpstr (json_object_get_string_member (run, "started"), ==, "2026-11-25T00:10:07Z");
  run = ctl_find_by (json_node_get_array (runs), "copy", "other");
  g_assert_cmpstr (json_object_get_string_member (run, "started"), ==, "2026-11-25T08:10:07Z");

  /* The text output says it too. */
  {
    g_autofree char *out = NULL;

    g_assert_cmpint (ctl_run (f, NULL, &out, NULL, "import", "borg", "--job", "ws", "--copy",
                              "other", list, NULL), ==, 0);
    g_assert_nonnull (strstr (out, "Times without a zone were read in Europe/Berlin, this "
                                   "machine's zone (--timezone changes it)."));
  }
}

/* borg list knows no sizes: importing it after borg info keeps them. */
static void
test_borg_list_after_info_keeps_what_info_said (CtlFixture    *f,
                                                gconstpointer  data)
{
  g_autofree char *info = custody_test_fixture_path ("import", "borg-1.2-info-archive.json");
  g_autofree char *list = custody_test_fixture_path ("import", "borg-1.2-list.json");
  g_autoptr(JsonNode) result = NULL;

  ctl_ok (f, "import", "borg", "--job", "ws", "--copy", "nas", info, NULL);
  result = ctl_json (f, 0, "import", "borg", "--job", "ws", "--copy", "nas", list, NULL);
  g_assert_cmpint (member_int (result, "added"), ==, 1);
  g_assert_cmpint (member_int (result, "unchanged"), ==, 1);
  g_assert_cmpint (ctl_query_int (f, "SELECT bytes FROM executions WHERE run_id LIKE 'ff35a419%'"),
                   ==, 200017);
}

static void
test_unknown_job_needs_create (CtlFixture    *f,
                               gconstpointer  data)
{
  g_autofree char *list = custody_test_fixture_path ("import", "restic-0.14-snapshots.json");
  g_autoptr(JsonNode) result = NULL;
  JsonArray *notes;

  ctl_assert_fails (f, CTL_EXIT_USAGE,
                    "unknown job 'laptop' (add it with 'custodyctl job add', "
                    "or import with --create)",
                    "import", "restic", "--job", "laptop", "--copy", "usb", list, NULL);
  ctl_assert_fails (f, CTL_EXIT_USAGE,
                    "job 'ws' has no copy 'usb' (add it with 'custodyctl copy add', or import with "
                    "--create)", "import", "restic", "--job", "ws", "--copy", "usb", list, NULL);
  ctl_assert_fails (f, CTL_EXIT_USAGE, "import restic needs --job JOB and --copy COPY",
                    "import", "restic", list, NULL);

  result = ctl_json (f, 0, "import", "restic", "--job", "laptop", "--copy", "usb", "--create",
                     "--media-type", "removable-disk", list, NULL);
  notes = json_object_get_array_member (json_node_get_object (result), "notes");
  g_assert_cmpuint (json_array_get_length (notes), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (notes, 0), ==, "Added job 'laptop'.");
  g_assert_cmpstr (json_array_get_string_element (notes, 1), ==,
                   "Added copy 'usb' of job 'laptop' on removable-disk.");
  g_assert_cmpint (ctl_query_int (f, "SELECT count(*) FROM copies WHERE name = 'usb'"
                                     " AND media_type = 'removable-disk'"), ==, 1);
}

/* A rotated disk: the repository's id finds the volume that holds it. */
static void
test_restic_repository_finds_its_volume (CtlFixture    *f,
                                         gconstpointer  data)
{
  g_autofree char *old = custody_test_fixture_path ("import", "restic-0.14-snapshots.json");
  g_autofree char *newer = custody_test_fixture_path ("import", "restic-0.19-snapshots.json");
  const char *repo = "c8a23d1c0c58d1e9f92f3bb7923cae44e949e04eb9184f6bdbc286d105da284c";
  g_autoptr(JsonNode) first = NULL, runs = NULL;
  JsonArray *all;

  ctl_ok (f, "--at", SETUP, "copy", "add", "ws", "usb", "--media-type", "removable-disk", NULL);
  ctl_ok (f, "--at", SETUP, "media", "add", "USB-A", "--type", "USB-HDD", NULL);

  first = ctl_json (f, 0, "import", "restic", "--job", "ws", "--copy", "usb", "--repository-id",
                    repo, "--volume", "usb-a", old, NULL);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (
                     json_node_get_object (first), "notes"), 0), ==,
                   "Repository c8a23d1c is on volume usb-a from now on.");
  ctl_ok (f, "import", "restic", "--job", "ws", "--copy", "usb", "--repository-id", repo, newer,
          NULL);

  runs = ctl_json (f, 0, "history", "ws", NULL);
  all = json_node_get_array (runs);
  g_assert_cmpuint (json_array_get_length (all), ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      JsonArray *volumes = json_object_get_array_member (json_array_get_object_element (all, i),
                                                         "volumes");
      g_assert_cmpuint (json_array_get_length (volumes), ==, 1);
      g_assert_cmpstr (json_array_get_string_element (volumes, 0), ==, "USB-A");
    }

  ctl_assert_fails (f, CTL_EXIT_USAGE, "--repository-id: 'c8a23d1c' is not a restic repository id",
                    "import", "restic", "--job", "ws", "--copy", "usb", "--repository-id",
                    "c8a23d1c", newer, NULL);
}

/* A bconsole session: volumes, then jobs with their JobMedia. Volumes
 * in the changer are in the library; out of it, on the shelf (offline);
 * one the desk sent to the vault stays there. */
static void
test_bareos_session_feeds_compliance (CtlFixture    *f,
                                      gconstpointer  data)
{
  const char *volumes_in =
    "{\"jsonrpc\": \"2.0\", \"id\": null, \"result\": {\"volumes\": {\"Weekly\": ["
    "{\"volumename\": \"A00001L8\", \"volstatus\": \"Full\", \"mediatype\": \"LTO-8\","
    " \"volbytes\": \"12,000,000\", \"inchanger\": \"1\", \"slot\": \"3\","
    " \"lastwritten\": \"2026-11-20 03:00:00\", \"volretention\": \"2592000\", \"storage\": "
    "\"Tape\"},"
    "{\"volumename\": \"A00002L8\", \"volstatus\": \"Append\", \"mediatype\": \"LTO-8\","
    " \"volbytes\": \"64512\", \"inchanger\": \"1\", \"slot\": \"4\", \"lastwritten\": \"\","
    " \"volretention\": \"2592000\", \"storage\": \"Tape\"}]}}}";
  const char *jobs =
    "{\"jsonrpc\": \"2.0\", \"id\": null, \"result\": {\"api\": 2}}\n"
    "{\"jsonrpc\": \"2.0\", \"id\": null, \"result\": {\"jobs\": ["
    "{\"jobid\": \"7\", \"job\": \"ws.2026-11-20_01.00.00_07\", \"name\": \"ws\", \"type\": \"B\","
    " \"level\": \"F\", \"jobstatus\": \"T\", \"starttime\": \"2026-11-20 01:00:00\","
    " \"endtime\": \"2026-11-20 03:00:00\", \"jobbytes\": \"12000000\", \"jobfiles\": \"1200\","
    " \"joberrors\": \"0\", \"poolname\": \"Weekly\"},"
    "{\"jobid\": \"8\", \"name\": \"RestoreFiles\", \"type\": \"R\", \"level\": \"F\","
    " \"jobstatus\": \"T\", \"starttime\": \"2026-11-20 04:00:00\", \"poolname\": \"Weekly\"},"
    "{\"jobid\": \"9\", \"name\": \"ws\", \"type\": \"B\", \"level\": \"I\", \"jobstatus\": \"R\","
    " \"starttime\": \"2026-11-20 05:00:00\", \"poolname\": \"Weekly\"}]}}\n"
    "{\"jsonrpc\": \"2.0\", \"id\": null, \"result\": {\"jobmedia\": ["
    "{\"jobmediaid\": \"1\", \"jobid\": \"7\", \"volumename\": \"A00001L8\"},"
    "{\"jobmediaid\": \"2\", \"jobid\": \"7\", \"volumename\": \"A00001L8\"}]}}\n";
  g_autofree char *volumes_out = NULL;
  g_autofree char *vin = ctl_fixture_write (f, "volumes-in.json", volumes_in, -1);
  g_autofree char *jin = ctl_fixture_write (f, "jobs.json", jobs, -1);
  g_autofree char *vout = NULL;
  g_autoptr(JsonNode) v1 = NULL, j1 = NULL, check1 = NULL, check2 = NULL, check3 = NULL;
  g_autoptr(JsonNode) v2 = NULL, v3 = NULL, medium = NULL;
  JsonObject *job, *copy;

  ctl_ok (f, "--at", SETUP, "job", "add", "db", NULL);   /* another job, untouched */
  ctl_ok (f, "--at", SETUP, "location", "add", "Tape", "--kind", "library", NULL);
  ctl_ok (f, "--at", SETUP, "location", "add", "Robot 2", "--kind", "library", NULL);
  ctl_ok (f, "--at", SETUP, "location", "add", "Shelf", "--kind", "onsite-shelf", NULL);
  ctl_ok (f, "--at", SETUP, "location", "add", "Vault", "--kind", "offsite-vault", NULL);
  ctl_ok (f, "--at", SETUP, "copy", "add", "ws", "Weekly", "--media-type", "tape", NULL);
  ctl_ok (f, "record", "ws", "nas", "--status", "success", "--started", "2026-11-20T00:00:00Z",
          "--finished", "2026-11-20T00:30:00Z", NULL);

  v1 = ctl_json (f, 0, "--at", "2026-11-20T06:00:00Z", "import", "bareos-volumes", vin, NULL);
  g_assert_cmpint (member_int (v1, "added"), ==, 2);
  /* Two libraries: the one named as the Bareos storage. */
  g_assert_cmpint (ctl_query_int (f, "SELECT count(*) FROM movements mv JOIN locations l"
                                     " ON l.id = mv.to_location_id WHERE l.name = 'Tape'"
                                     " AND mv.note = 'Bareos: in the changer, slot 3'"), ==, 1);
  g_assert_cmpint (ctl_query_int (f, "SELECT count(*) FROM media WHERE volser = 'A00002L8'"
                                     " AND status = 'scratch'"), ==, 1);
  g_assert_cmpint (ctl_query_int (f, "SELECT count(*) FROM media m JOIN pools p ON p.id = m.pool_id"
                                     " WHERE p.name = 'Weekly'"), ==, 2);

  j1 = ctl_json (f, 0, "--at", "2026-11-20T06:00:00Z", "import", "bareos-jobs", jin, NULL);
  g_assert_cmpint (member_int (j1, "added"), ==, 2);
  g_assert_cmpint (member_int (j1, "skipped"), ==, 1);
  g_assert_cmpint (ctl_query_int (f, "SELECT count(*) FROM executions WHERE run_id = '9'"
                                     " AND status = 'running' AND finished IS NULL"), ==, 1);

  /* In the library: online, so no copy is offline yet. */
  check1 = ctl_json (f, 1, "--at", "2026-11-20T06:00:00Z", "check", "ws", NULL);
  job = ctl_check_job (check1, "ws");
  copy = ctl_find_by (json_object_get_array_member (job, "copies"), "copy", "Weekly");
  g_assert_true (json_object_get_boolean_member (copy, "valid"));
  g_assert_false (json_object_get_boolean_member (copy, "offline"));
  g_assert_false (ctl_rule_passes (job, "1-offline"));

  /* Bareos took it out of the changer: on the shelf, offline. */
  volumes_out = g_strdup (volumes_in);
  *strstr (volumes_out, "\"inchanger\": \"1\"") = '\0';
  vout = g_strconcat (volumes_out, "\"inchanger\": \"0\"",
                      strstr (volumes_in, "\"inchanger\": \"1\"") + strlen ("\"inchanger\": \"1\""),
                      NULL);
  g_free (volumes_out);
  volumes_out = ctl_fixture_write (f, "volumes-out.json", vout, -1);
  v2 = ctl_json (f, 0, "--at", "2026-11-20T07:00:00Z", "import", "bareos-volumes", volumes_out,
                 NULL);
  g_assert_cmpint (member_int (v2, "updated"), ==, 1);
  g_assert_cmpint (member_int (v2, "unchanged"), ==, 1);

  check2 = ctl_json (f, 1, "--at", "2026-11-20T07:00:00Z", "check", "ws", NULL);
  job = ctl_check_job (check2, "ws");
  copy = ctl_find_by (json_object_get_array_member (job, "copies"), "copy", "Weekly");
  g_assert_true (json_object_get_boolean_member (copy, "offline"));
  g_assert_true (ctl_rule_passes (job, "1-offline"));

  /* The desk sends it to the vault; Bareos still says it is out of the
   * changer, which moves nothing. */
  ctl_ok (f, "--at", "2026-11-20T08:00:00Z", "media", "move", "A00001L8", "--to", "Vault", NULL);
  v3 = ctl_json (f, 0, "--at", "2026-11-20T09:00:00Z", "import", "bareos-volumes", volumes_out,
                 NULL);
  g_assert_cmpint (member_int (v3, "unchanged"), ==, 2);
  medium = ctl_json (f, 0, "media", "show", "A00001L8", NULL);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (medium), "location"), ==,
                   "Vault");

  check3 = ctl_json (f, 1, "--at", "2026-11-20T09:00:00Z", "check", "ws", NULL);
  job = ctl_check_job (check3, "ws");
  g_assert_true (ctl_rule_passes (job, "1-offsite"));
}

/* JobStatus D on a verify job: a failed verification of the copy of the
 * job it verified. */
static void
test_bareos_verify_differences_fail_the_copy (CtlFixture    *f,
                                              gconstpointer  data)
{
  const char *jobs =
    "{\"jsonrpc\": \"2.0\", \"id\": null, \"result\": {\"jobs\": ["
    "{\"jobid\": \"20\", \"name\": \"ws\", \"type\": \"B\", \"level\": \"F\", \"jobstatus\": \"T\","
    " \"starttime\": \"2026-11-20 01:00:00\", \"endtime\": \"2026-11-20 02:00:00\","
    " \"poolname\": \"nas\"},"
    "{\"jobid\": \"21\", \"name\": \"VerifyWs\", \"type\": \"V\", \"level\": \"V\","
    " \"jobstatus\": \"D\", \"priorjobid\": \"20\", \"joberrors\": \"3\","
    " \"starttime\": \"2026-11-20 02:30:00\", \"endtime\": \"2026-11-20 02:40:00\","
    " \"poolname\": \"nas\"}]}}";
  g_autofree char *path = ctl_fixture_write (f, "jobs.json", jobs, -1);
  g_autoptr(JsonNode) result = NULL, again = NULL, check = NULL;
  JsonObject *job;

  result = ctl_json (f, 0, "import", "bareos-jobs", path, NULL);
  g_assert_cmpint (member_int (result, "added"), ==, 2);
  g_assert_cmpint (ctl_query_int (f, "SELECT count(*) FROM verifications WHERE result = 'failed'"
                                     " AND errors = 3 AND duration_s = 600 AND source_id = "
                                     "'bareos:21'"),
                   ==, 1);
  again = ctl_json (f, 0, "import", "bareos-jobs", path, NULL);
  g_assert_cmpint (member_int (again, "unchanged"), ==, 2);

  check = ctl_json (f, 1, "--at", "2026-11-20T03:00:00Z", "check", "ws", NULL);
  job = ctl_check_job (check, "ws");
  g_assert_false (ctl_rule_passes (job, "0-errors"));
}

/* A borg archive an interrupted backup left is a failed run. */
static void
test_borg_checkpoint_is_a_failed_run (CtlFixture    *f,
                                      gconstpointer  data)
{
  const char *list =
    "{\"archives\": [{\"id\": \"" ARCH_A "\", \"name\": \"ws-monday\", \"start\": "
    "\"2026-11-19T22:00:00\","
    " \"time\": \"2026-11-19T22:00:00\"}, {\"id\": \"" ARCH_B "\", \"name\": "
    "\"ws-tuesday.checkpoint\","
    " \"start\": \"2026-11-20T22:00:00\", \"time\": \"2026-11-20T22:00:00\"}],"
    " \"repository\": {\"id\": \"" SNAP_A "\"}}";
  g_autofree char *path = ctl_fixture_write (f, "list.json", list, -1);
  g_autoptr(JsonNode) check = NULL;
  g_autoptr(JsonNode) runs = NULL;
  JsonObject *run;

  ctl_ok (f, "import", "borg", "--job", "ws", "--copy", "nas", path, NULL);
  runs = ctl_json (f, 0, "history", "ws", NULL);
  run = ctl_find_by (json_node_get_array (runs), "run_id", ARCH_B);
  g_assert_cmpstr (json_object_get_string_member (run, "status"), ==, "failed");
  g_assert_cmpstr (json_object_get_string_member (run, "message"), ==,
                   "ws-tuesday.checkpoint: interrupted, borg kept a checkpoint");

  check = ctl_json (f, 1, "--at", "2026-11-21T00:00:00Z", "check", "ws", NULL);
  g_assert_false (ctl_rule_passes (ctl_check_job (check, "ws"), "0-errors"));
}

/* Imports @path with @tool into a new copy c@i of ws, with the options
 * @args (6, NULL after the last), and checks the runs it chose: their
 * @column, sorted, one space between, is @expected. */
static void
assert_import_chooses (CtlFixture         *f,
                       guint               i,
                       const char         *tool,
                       const char         *path,
                       const char * const *args,
                       const char         *column,
                       const char         *expected)
{
  g_autofree char *copy = g_strdup_printf ("c%u", i);
  g_autofree char *sql = g_strdup_printf ("SELECT coalesce (group_concat (x, ' '), '') FROM"
                                          " (SELECT %s AS x FROM executions e"
                                          "  JOIN copies c ON c.id = e.copy_id"
                                          "  WHERE c.name = '%s' ORDER BY 1)", column, copy);
  g_autofree char *got = NULL;

  ctl_ok (f, "copy", "add", "ws", copy, "--media-type", "disk", NULL);
  ctl_ok (f, "import", tool, "--job", "ws", "--copy", copy, path, args[0], args[1], args[2],
          args[3], args[4], args[5], NULL);
  got = ctl_query_text (f, sql);
  g_test_message ("case %u (%s): %s", i, args[0] != NULL ? args[1] : "all", got);
  g_assert_cmpstr (got, ==, expected);
}

/* A repository that several hosts share: restic's own filters, with its
 * own meaning, choose this job's snapshots. The expected sets are what
 * restic 0.14 itself answered for 'restic snapshots --json' with the same
 * filters on the repository the fixture comes from. */
static void
test_restic_filters_choose_snapshots (CtlFixture    *f,
                                      gconstpointer  data)
{
  static const struct
  {
    const char *args[6];
    const char *expected;
  } cases[] = {
    { { NULL }, "15412b12 1c72e81f 3d4eb704 8fba2c78 c8c7f562 d94de1fa" },
    { { "--host", "ws-01" }, "3d4eb704 8fba2c78 c8c7f562" },
    { { "--host", "ws-02", "--host", "db-01" }, "15412b12 1c72e81f d94de1fa" },
    { { "--path", "/srv/projects" }, "1c72e81f 3d4eb704 c8c7f562" },
    /* Repeated, a snapshot must have all the paths. */
    { { "--path", "/srv/projects", "--path", "/etc" }, "c8c7f562" },
    /* One --tag a,b: both; repeated: either list. */
    { { "--tag", "daily,projects" }, "c8c7f562" },
    { { "--tag", "daily,projects", "--tag", "weekly" }, "15412b12 8fba2c78 c8c7f562" },
    { { "--host", "ws-01", "--tag", "daily" }, "3d4eb704 c8c7f562" },
    { { "--host", "ws-03" }, "" },
  };
  g_autofree char *path = custody_test_fixture_path ("import", "restic-0.14-snapshots-shared.json");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    assert_import_chooses (f, i, "restic", path, cases[i].args, "substr (e.run_id, 1, 8)",
                           cases[i].expected);

  ctl_assert_fails (f, CTL_EXIT_USAGE, "--host, --path and --tag choose restic snapshots", "import",
                    "borg", "--job", "ws", "--copy", "nas", "--host", "ws-01", path, NULL);
}

/* borg's --glob-archives: shell-style, on the whole archive name. What
 * borg 1.2 listed with the same patterns on the fixture's repository. */
static void
test_borg_glob_archives_chooses_archives (CtlFixture    *f,
                                          gconstpointer  data)
{
  static const struct
  {
    const char *glob;
    const char *expected;
  } cases[] = {
    { "ws-01-*", "ws-01-2026-11-24T22:00 ws-01-2026-11-25T22:00" },
    /* borg 2 writes the style: sh: is the only one there is here. */
    { "sh:ws-01-*", "ws-01-2026-11-24T22:00 ws-01-2026-11-25T22:00" },
    { "*-2026-11-25T*", "db-01-2026-11-25T23:00 ws-01-2026-11-25T22:00 ws-010-2026-11-25T22:10" },
    { "ws-0?-*", "ws-01-2026-11-24T22:00 ws-01-2026-11-25T22:00 ws-02-2026-11-24T22:05" },
    { "db-01-*", "db-01-2026-11-25T23:00" },
    { "*", "db-01-2026-11-25T23:00 ws-01-2026-11-24T22:00 ws-01-2026-11-25T22:00 "
           "ws-010-2026-11-25T22:10 ws-02-2026-11-24T22:05" },
  };
  g_autofree char *path = custody_test_fixture_path ("import", "borg-1.2-list-shared.json");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *args[6] = { "--glob-archives", cases[i].glob, NULL };

      assert_import_chooses (f, i, "borg", path, args, "e.message", cases[i].expected);
    }

  ctl_assert_fails (f, CTL_EXIT_USAGE, "only shell-style patterns", "import", "borg", "--job", "ws",
                    "--copy", "nas", "--glob-archives", "re:^ws", path, NULL);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/import/" path, CtlFixture, NULL, ctl_fixture_set_up_ws, func, \
              ctl_fixture_tear_down)

  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      g_autofree char *path = g_strdup_printf ("/import/samples/%s%s", samples[i].file,
                                               samples[i].error != NULL ? "/is-refused" : "");
      gboolean twice = i > 0 && g_str_equal (samples[i - 1].file, samples[i].file);

      if (twice)
        {
          g_free (path);
          path = g_strdup_printf ("/import/samples/%s/%s", samples[i].file,
                                  samples[i].error != NULL ? "is-refused" : "with-options");
        }
      g_test_add (path, CtlFixture, &samples[i], ctl_fixture_set_up_ws, test_sample,
                  ctl_fixture_tear_down);
    }
  g_test_add_func ("/import/samples/every-one-is-covered", test_every_sample_is_covered);

  ADD ("restic/refuses-broken-input", test_restic_refuses_broken_input);
  ADD ("restic-check/refuses-broken-input", test_restic_check_refuses_broken_input);
  ADD ("borg/refuses-broken-input", test_borg_refuses_broken_input);
  ADD ("borg-check/refuses-broken-input", test_borg_check_refuses_broken_input);
  ADD ("bareos-jobs/refuses-broken-input", test_bareos_jobs_refuse_broken_input);
  ADD ("bareos-volumes/refuses-broken-input", test_bareos_volumes_refuse_broken_input);

  ADD ("restic/warning-survives-the-snapshot-list", test_restic_warning_survives_the_snapshot_list);
  ADD ("restic/repository-finds-its-volume", test_restic_repository_finds_its_volume);
  ADD ("restic/many-snapshots-at-once", test_restic_many_snapshots_at_once);
  ADD ("restic/filters-choose-snapshots", test_restic_filters_choose_snapshots);
  ADD ("borg/glob-archives-chooses-archives", test_borg_glob_archives_chooses_archives);
  ADD ("borg/times-are-read-in-the-zone-it-says", test_borg_times_are_read_in_the_zone_it_says);
  ADD ("borg/list-after-info-keeps-what-info-said", test_borg_list_after_info_keeps_what_info_said);
  ADD ("borg/checkpoint-is-a-failed-run", test_borg_checkpoint_is_a_failed_run);
  ADD ("bareos/session-feeds-compliance", test_bareos_session_feeds_compliance);
  ADD ("bareos/verify-differences-fail-the-copy", test_bareos_verify_differences_fail_the_copy);
  ADD ("common/unknown-job-needs-create", test_unknown_job_needs_create);

#undef ADD

  return g_test_run ();
}
