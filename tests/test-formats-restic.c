/* test-formats-restic.c: restic's outputs read without a store
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "custody-restic.h"
#include "custody-formats-test-utils.h"
#include "custody-time.h"

/* Reads @data as a snapshot list; NULL and *error on failure. */
static GArray *
read_snapshots (const char                *data,
                gsize                      length,
                const CustodyResticFilter *filter,
                guint                     *left_out,
                GError                   **error)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  CustodyToolText text = { data, length, utc, FALSE, NULL };
  g_autoptr(CustodyJsonDoc) doc = NULL;
  g_autoptr(GArray) snapshots = custody_restic_snapshots_new ();
  const CustodyResticFilter all = { NULL, };

  doc = custody_tool_text_parse_json (&text, CUSTODY_JSON_PARSE_MANY, error);
  if (doc == NULL)
    return NULL;
  g_assert_cmpint (custody_restic_detect (doc), !=, CUSTODY_RESTIC_UNKNOWN);
  *left_out = 0;
  if (!custody_restic_read_snapshots (&text, doc, filter != NULL ? filter : &all, snapshots,
                                      left_out, error))
    return NULL;
  return g_steal_pointer (&snapshots);
}

/* The snapshots of the fixture @name, which must read; @left_out gets
 * how many @filter (NULL: none) left out. */
static GArray *
snapshots_of (const char                *name,
              const CustodyResticFilter *filter,
              guint                     *left_out)
{
  gsize length;
  g_autofree char *data = custody_test_fixture ("import", name, &length);
  g_autoptr(GError) error = NULL;
  GArray *snapshots = read_snapshots (data, length, filter, left_out, &error);

  g_assert_no_error (error);
  return snapshots;
}

static void
test_snapshot_list (void)
{
  g_autoptr(GArray) snapshots = NULL;
  const CustodyResticSnapshot *first;
  g_autofree char *started = NULL;
  guint left_out;

  snapshots = snapshots_of ("restic-0.14-snapshots.json", NULL, &left_out);
  g_assert_cmpuint (snapshots->len, >=, 2);
  g_assert_cmpuint (left_out, ==, 0);

  first = &g_array_index (snapshots, CustodyResticSnapshot, 0);
  g_assert_cmpstr (first->id, ==,
                   "69a11be751759257f64d75d4d926e882b94ecf5312c33104aea8f50497ddbe2a");
  g_assert_cmpstr (first->source, ==, "ws-01: /srv/projects");
  g_assert_cmpuint (first->index, ==, 1);
  started = custody_time_format (first->started);
  g_assert_cmpstr (started, ==, "2026-11-25T09:09:45Z");
  /* restic 0.14 prints no summary: when it ended and how much it read are not known. */
  g_assert_false (first->finish_known);
  g_assert_cmpint (first->finished, ==, first->started);
  g_assert_cmpint (first->bytes, ==, -1);
  g_assert_cmpint (first->files, ==, -1);
}

static void
test_snapshot_summary (void)
{
  g_autoptr(GArray) snapshots = NULL;
  guint left_out;

  snapshots = snapshots_of ("restic-0.19-snapshots.json", NULL, &left_out);
  g_assert_cmpuint (snapshots->len, >=, 1);
  for (guint i = 0; i < snapshots->len; i++)
    {
      const CustodyResticSnapshot *s = &g_array_index (snapshots, CustodyResticSnapshot, i);

      g_assert_true (s->finish_known);
      g_assert_cmpint (s->finished, >=, s->started);
      g_assert_cmpint (s->bytes, >=, 0);
      g_assert_cmpint (s->files, >=, 0);
    }
}

static void
test_snapshot_filter (void)
{
  const char *hosts[] = { "ws-01", NULL };
  const CustodyResticFilter filter = { hosts, NULL, NULL };
  g_autoptr(GArray) all = NULL, mine = NULL;
  guint left_out;

  all = snapshots_of ("restic-0.14-snapshots-shared.json", NULL, &left_out);
  mine = snapshots_of ("restic-0.14-snapshots-shared.json", &filter, &left_out);
  g_assert_cmpuint (left_out, >, 0);
  g_assert_cmpuint (mine->len + left_out, ==, all->len);
  for (guint i = 0; i < mine->len; i++)
    g_assert_true (g_str_has_prefix (g_array_index (mine, CustodyResticSnapshot, i).source,
                                     "ws-01:"));
}

static void
test_snapshot_errors (void)
{
  static const struct
  {
    const char *text;
    const char *message;
  } cases[] = {
    { "[\n  {\"id\": \"xyz\", \"time\": \"2026-01-01T00:00:00Z\"}\n]",
      "line 2, column 10: snapshot 1: \"xyz\" is not a restic snapshot id (64 hexadecimal "
      "digits)" },
    { "[\n  42\n]", "line 2, column 3: snapshot 1 should be an object, not a number" },
    { "[{\"id\": \"" "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
      "\",\n  \"time\": \"yesterday\"}]",
      "line 2, column 11: snapshot 1 (01234567): \"time\" \"yesterday\" is not a time" },
    { "[{\"tree\": \"ab\", \"time\": \"2026-01-01T00:00:00Z\"}]",
      "line 1, column 2: snapshot 1 has no \"id\": 'restic cat snapshot' prints none; import "
      "'restic snapshots --json' instead" },
    { "[1,",
      "line 1, column 4: the document ends early, inside the array that opens on line 1, "
      "column 1" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GArray) snapshots = NULL;
      guint left_out;

      snapshots = read_snapshots (cases[i].text, strlen (cases[i].text), NULL, &left_out, &error);
      g_assert_null (snapshots);
      custody_test_assert_invalid (error, i, cases[i].message);
    }
}

static void
test_backup_output (void)
{
  gsize length;
  g_autofree char *data = custody_test_fixture ("import", "restic-0.19-backup-json.jsonl", &length);
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  CustodyToolText text = { data, length, utc, FALSE, NULL };
  g_autoptr(CustodyJsonDoc) doc = NULL;
  g_auto(CustodyResticBackup) backup = { 0, };
  g_autoptr(GError) error = NULL;

  doc = custody_tool_text_parse_json (&text, CUSTODY_JSON_PARSE_MANY, &error);
  g_assert_no_error (error);
  g_assert_cmpint (custody_restic_detect (doc), ==, CUSTODY_RESTIC_BACKUP);
  g_assert_true (custody_restic_read_backup (&text, doc, -1, &backup, &error));
  g_assert_no_error (error);
  g_assert_true (custody_restic_is_id (backup.snapshot_id, 8));
  g_assert_cmpint (backup.started, !=, CUSTODY_TIME_NONE);
  g_assert_cmpint (backup.finished, >=, backup.started);
  g_assert_cmpint (backup.status, ==, CUSTODY_RUN_SUCCESS);
  g_assert_null (backup.message);
  custody_restic_backup_clear (&backup);

  /* Exit code 3: some source files could not be read. */
  g_assert_true (custody_restic_read_backup (&text, doc, 3, &backup, &error));
  g_assert_cmpint (backup.status, ==, CUSTODY_RUN_WARNING);
  g_assert_cmpstr (backup.message, ==, "some source files could not be read");
}

static void
test_backup_without_summary (void)
{
  const char *data = "{\"message_type\":\"status\"}\n";
  CustodyToolText text = { data, strlen (data), NULL, FALSE, NULL };
  g_autoptr(CustodyJsonDoc) doc = custody_tool_text_parse_json (&text, CUSTODY_JSON_PARSE_MANY,
                                                                NULL);
  g_auto(CustodyResticBackup) backup = { 0, };
  g_autoptr(GError) error = NULL;

  g_assert_false (custody_restic_read_backup (&text, doc, -1, &backup, &error));
  g_assert_error (error, CUSTODY_PARSE_ERROR, CUSTODY_PARSE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "line 2, column 1: the output ends without its summary: "
                   "the backup did not finish");
}

static gboolean
read_check (CustodyToolText   *text,
            int                exit_code,
            CustodyTestCheck  *out,
            GError           **error)
{
  g_auto(CustodyResticCheck) check = { 0, };

  if (!custody_restic_read_check (text, exit_code, &check, error))
    return FALSE;
  out->passed = check.passed;
  out->errors = check.errors;
  out->at = CUSTODY_TIME_NONE;
  out->note = g_steal_pointer (&check.note);
  out->digest = g_steal_pointer (&check.digest);
  return TRUE;
}

static void
test_check (void)
{
  static const struct
  {
    const char *fixture;
    gboolean    passed;
    const char *note;
  } cases[] = {
    { "restic-0.14-check-ok.txt", TRUE, "restic check: no errors were found" },
    { "restic-0.19-check-json.jsonl", TRUE, "restic check: 0 errors" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gsize length;
      g_autofree char *data = custody_test_fixture ("import", cases[i].fixture, &length);
      CustodyTestCheck expected = { cases[i].passed, 0, CUSTODY_TIME_NONE,
                                    (char *) cases[i].note, NULL };

      custody_test_assert_check (read_check, data, length, -1, &expected);
    }
}

static void
test_check_errors (void)
{
  static const CustodyTestRefusal cases[] = {
    { "  \n", -1, "the output is empty: give the exit code of restic check (--exit-code)" },
    { "load indexes\n", -1,
      "the output does not say how the check ended: give the exit code of restic check "
      "(--exit-code)" },
    { "no errors were found\nrc=1\n", 0,
      "line 2, column 1: the output ends with rc=1, but --exit-code says 0" },
  };

  custody_test_assert_refusals (cases, G_N_ELEMENTS (cases), read_check);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/custody/formats/restic/snapshot-list", test_snapshot_list);
  g_test_add_func ("/custody/formats/restic/snapshot-summary", test_snapshot_summary);
  g_test_add_func ("/custody/formats/restic/snapshot-filter", test_snapshot_filter);
  g_test_add_func ("/custody/formats/restic/snapshot-errors", test_snapshot_errors);
  g_test_add_func ("/custody/formats/restic/backup-output", test_backup_output);
  g_test_add_func ("/custody/formats/restic/backup-without-summary", test_backup_without_summary);
  g_test_add_func ("/custody/formats/restic/check", test_check);
  g_test_add_func ("/custody/formats/restic/check-errors", test_check_errors);

  return g_test_run ();
}
