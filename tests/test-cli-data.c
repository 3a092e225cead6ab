/* test-cli-data.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * custodyctl from the outside (custody-cli-test-utils.h).
 * Data in and out: import of CSV, export, the policy, db backup, restore and check, and
 * the demo store.
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

static void
test_policy_show_and_set (CtlFixture    *f,
                          gconstpointer  data)
{
  g_autoptr(JsonNode) policy = NULL;
  g_autoptr(JsonNode) changed = NULL;
  g_autoptr(JsonNode) check = NULL;
  JsonObject *p;

  cli_build_compliant_store (f);

  policy = cli_json (f, EXIT_OK, "policy", "show", NULL);
  p = cli_object_of (policy);
  g_assert_true (cli_bool_member (p, "production-counts"));
  g_assert_true (cli_bool_member (p, "warning-counts"));
  g_assert_true (ABS (json_object_get_double_member (p, "at-risk-rpo-fraction") - 0.10) < 1e-9);
  g_assert_cmpint (cli_int_member (p, "at-risk-verify-days"), ==, 7);

  /* Without production, payroll has two copies of three. */
  changed = cli_json (f, EXIT_OK, "policy", "set", "production-counts", "false", NULL);
  g_assert_false (cli_bool_member (cli_object_of (changed), "production-counts"));
  g_free (cli_ok (f, "policy", "set", "at-risk-verify-days", "10", NULL));
  g_free (cli_ok (f, "policy", "set", "at-risk-rpo-fraction", "0.25", NULL));
  g_clear_pointer (&policy, json_node_unref);
  policy = cli_json (f, EXIT_OK, "policy", "show", NULL);
  p = cli_object_of (policy);
  g_assert_false (cli_bool_member (p, "production-counts"));
  g_assert_cmpint (cli_int_member (p, "at-risk-verify-days"), ==, 10);
  g_assert_true (ABS (json_object_get_double_member (p, "at-risk-rpo-fraction") - 0.25) < 1e-9);

  check = cli_json (f, EXIT_VIOLATION, "--at", NOW, "check", NULL);
  g_assert_false (cli_bool_member (cli_rule_of (cli_verdict_of (check, "payroll"), "3-copies"),
                                   "pass"));
  g_assert_cmpint (cli_int_member (cli_rule_of (cli_verdict_of (check, "payroll"), "3-copies"),
                                   "have"), ==, 2);

  cli_fails (f, EXIT_USAGE, "must be a fraction from 0 to below 1, not '1.5'",
             "policy", "set", "at-risk-rpo-fraction", "1.5", NULL);
}

/*
 * Imports
 */

#define JOBS_HEADER \
  "job,source,owner,rpo_hours,verify_days,copy,media_type,location,immutable,air_gapped\n"
#define EXECUTIONS_HEADER CUSTODY_TEST_EXECUTIONS_HEADER

static JsonObject *
import_stats (JsonNode *node,
              gint64    added,
              gint64    updated,
              gint64    unchanged)
{
  JsonObject *stats = cli_object_of (node);

  g_assert_cmpint (cli_int_member (stats, "added"), ==, added);
  g_assert_cmpint (cli_int_member (stats, "updated"), ==, updated);
  g_assert_cmpint (cli_int_member (stats, "unchanged"), ==, unchanged);
  return stats;
}

static void
test_import_jobs_columns_in_any_order_and_defaults (CtlFixture    *f,
                                                    gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(JsonNode) stats = NULL;
  g_autoptr(JsonNode) payroll = NULL;
  g_autoptr(JsonNode) mail = NULL;
  JsonObject *cloud;

  cli_build_compliant_store (f);
  g_free (cli_ok (f, "--at", SETUP, "location", "add", "Cloud", "--kind", "offsite-repo", NULL));

  /* Columns shuffled, some left out, empty cells: the defaults. */
  path = ctl_fixture_write (f, "jobs.csv",
                            "media_type,copy,job,air_gapped,location,immutable,rpo_hours,owner\n"
                            "object-storage,cloud,payroll,,Cloud,true,,ann\n"
                            "disk,nas,mail,false,NAS,,48,\n"
                            "tape,tape,mail,true,,false,48,\n", -1);
  stats = cli_json (f, EXIT_OK, "--at", SETUP, "import", "jobs", path, NULL);
  import_stats (stats, 3, 0, 0);

  payroll = cli_json (f, EXIT_OK, "--at", NOW, "job", "show", "payroll", NULL);
  g_assert_cmpint (cli_int_member (cli_object_of (payroll), "rpo_hours"), ==, 24);
  g_assert_cmpint (cli_int_member (cli_object_of (payroll), "verify_days"), ==, 30);
  g_assert_cmpstr (cli_str_member (cli_object_of (payroll), "owner"), ==, "ann");
  cloud = cli_find_by (cli_array_member (cli_object_of (payroll), "copies"), "name", "cloud");
  g_assert_cmpstr (cli_str_member (cloud, "media_type"), ==, "object-storage");
  g_assert_cmpstr (cli_str_member (cloud, "location"), ==, "Cloud");
  g_assert_true (cli_bool_member (cloud, "immutable"));
  g_assert_false (cli_bool_member (cloud, "air_gapped"));

  mail = cli_json (f, EXIT_OK, "--at", NOW, "job", "show", "mail", NULL);
  g_assert_cmpint (cli_int_member (cli_object_of (mail), "rpo_hours"), ==, 48);
  g_assert_cmpint (cli_int_member (cli_object_of (mail), "verify_days"), ==, 30);
  g_assert_cmpstr (cli_str_member (cli_object_of (mail), "source"), ==, "");
  g_assert_true (cli_bool_member (cli_find_by (cli_array_member (cli_object_of (mail), "copies"),
                                               "name", "tape"),
                                  "air_gapped"));
  g_assert_true (cli_str_member (cli_find_by (cli_array_member (cli_object_of (mail), "copies"),
                                              "name", "tape"),
                                 "location") == NULL);
}

static void
test_import_header_is_required (CtlFixture    *f,
                                gconstpointer  data)
{
  gint64 audit_before;

  cli_build_compliant_store (f);
  audit_before = cli_audit_entries (f);

  cli_fails_stdin (f, "", EXIT_USAGE, "the file is empty: it needs a header line", "import",
                   "jobs", "-",
                   NULL);
  cli_fails_stdin (f, "\n\n", EXIT_USAGE, "the file is empty", "import", "media", "-", NULL);
  /* A file that starts with data: its first line is read as the header. */
  cli_fails_stdin (f, "payroll,nas,disk\n", EXIT_USAGE, "line 1: unknown column 'payroll'",
                   "import", "jobs", "-", NULL);
  cli_fails_stdin (f, "copy,media_type\nnas,disk\n", EXIT_USAGE,
                   "line 1: the header has no column 'job'",
                   "import", "jobs", "-", NULL);
  cli_fails_stdin (f, "volser,pool\nA00009L9,weekly\n", EXIT_USAGE,
                   "line 1: the header has no column 'type'",
                   "import", "media", "-", NULL);
  cli_fails_stdin (f, "job,copy,started,finished\npayroll,nas," NOW "," NOW "\n", EXIT_USAGE,
                   "line 1: the header has no column 'status'", "import", "executions", "-", NULL);

  /* Refused whole: nothing was written. */
  g_assert_cmpint (cli_audit_entries (f), ==, audit_before);
}

static void
test_import_unknown_column_is_an_error (CtlFixture    *f,
                                        gconstpointer  data)
{
  gint64 audit_before;

  cli_build_compliant_store (f);
  audit_before = cli_audit_entries (f);

  cli_fails_stdin (f, "job,copy,colour\nmail,nas,blue\n", EXIT_USAGE,
                   "line 1: unknown column 'colour' (the columns are job, source, owner,"
                   " rpo_hours, "
                   "verify_days, copy, media_type, location, immutable, air_gapped)",
                   "import", "jobs", "-", NULL);
  cli_fails_stdin (f, "volser,type,barcode\nA00009L9,LTO-9,x\n", EXIT_USAGE,
                   "line 1: unknown column 'barcode'",
                   "import", "media", "-", NULL);
  cli_fails_stdin (f, "job,job\nmail,mail\n", EXIT_USAGE, "line 1: column 'job' appears twice",
                   "import", "jobs", "-", NULL);
  cli_fails_stdin (f, "job,copy\nmail,nas,disk\n", EXIT_USAGE,
                   "line 2: 3 fields, but the header has 2",
                   "import", "jobs", "-", NULL);

  /* Refused whole: nothing was written. */
  g_assert_cmpint (cli_audit_entries (f), ==, audit_before);
}

static void
test_import_rfc4180_quoting (CtlFixture    *f,
                             gconstpointer  data)
{
  g_autoptr(JsonNode) stats = NULL;
  g_autoptr(JsonNode) history = NULL;
  g_autoptr(JsonNode) job = NULL;
  JsonObject *run;

  cli_build_compliant_store (f);

  /* A spreadsheet's export: BOM, CRLF, quotes everywhere, a message with
   * commas, doubled quotes and a line break. */
  g_free (cli_ok (f, "--at", SETUP, "job", "add", "crm, EU", NULL));
  g_free (cli_ok (f, "--at", SETUP, "copy", "add", "crm, EU", "nas", "--media-type", "disk", NULL));
  {
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;

    g_assert_cmpint (cli_run (f,
                              "\xEF\xBB\xBF\"job\",\"copy\",\"started\",\"finished\","
                              "\"status\",\"message\"\r\n"
                              "\"crm, EU\",\"nas\",\"" RUN_START "\",\"" RUN_END "\",\"warning\","
                              "\"skipped \"\"C:\\pagefile.sys\"\", locked\r\nsee log\"\r\n",
                              &out, &err, "--json", "import", "executions", "-", NULL), ==,
                              EXIT_OK);
    g_assert_cmpstr (err, ==, "");
    stats = cli_parse_json (out);
    import_stats (stats, 1, 0, 0);
  }

  history = cli_json (f, EXIT_OK, "--at", NOW, "history", "crm, EU", NULL);
  g_assert_cmpint (json_array_get_length (cli_array_of (history)), ==, 1);
  run = cli_element (cli_array_of (history), 0);
  g_assert_cmpstr (cli_str_member (run, "status"), ==, "warning");
  g_assert_cmpstr (cli_str_member (run, "message"), ==,
                   "skipped \"C:\\pagefile.sys\", locked\r\nsee log");
  g_assert_cmpstr (cli_str_member (run, "finished"), ==, RUN_END);

  job = cli_json (f, EXIT_OK, "--at", NOW, "job", "show", "crm, EU", NULL);
  g_assert_cmpstr (cli_str_member (cli_object_of (job), "name"), ==, "crm, EU");

  cli_fails_stdin (f, "job,copy,started,finished,status,message\n"
                      "payroll,nas," RUN_START "," RUN_END ",success,\"never closed\n",
                   EXIT_USAGE, "line 2: a quoted field is not closed", "import", "executions", "-",
                   NULL);
  cli_fails_stdin (f, "job,copy,started,finished,status,message\n"
                      "payroll,nas," RUN_START "," RUN_END ",success,caf\xE9\n",
                   EXIT_USAGE, "line 2: the text is not valid UTF-8", "import", "executions", "-",
                   NULL);
}

static void
test_import_booleans_are_true_or_false (CtlFixture    *f,
                                        gconstpointer  data)
{
  g_autoptr(JsonNode) job = NULL;

  cli_build_compliant_store (f);

  cli_fails_stdin (f, "job,copy,media_type,immutable\nmail,cloud,object-storage,yes\n", EXIT_USAGE,
                   "line 2: immutable 'yes' is not true or false", "import", "jobs", "-", NULL);
  cli_fails_stdin (f, "job,copy,media_type,air_gapped\nmail,usb,removable-disk,1\n", EXIT_USAGE,
                   "line 2: air_gapped '1' is not true or false", "import", "jobs", "-", NULL);
  cli_fails_stdin (f, "volser,type,worm\nW00001L9,LTO-9,TRUE\n", EXIT_USAGE,
                   "line 2: worm 'TRUE' is not true or false", "import", "media", "-", NULL);

  g_free (cli_ok (f, "--at", SETUP, "location", "add", "Cloud", "--kind", "offsite-repo", NULL));
  {
    g_autofree char *err = NULL;

    g_assert_cmpint (cli_run (f, "job,copy,media_type,location,immutable,air_gapped\n"
                                 "mail,cloud,object-storage,Cloud,true,false\n",
                              NULL, &err, "--at", SETUP, "import", "jobs", "-", NULL), ==, EXIT_OK);
    g_assert_cmpstr (err, ==, "");
  }
  job = cli_json (f, EXIT_OK, "--at", NOW, "job", "show", "mail", NULL);
  g_assert_true (cli_bool_member (cli_element (cli_array_member (cli_object_of (job), "copies"), 0),
                                  "immutable"));
  g_assert_false (cli_bool_member (cli_element (cli_array_member (cli_object_of (job), "copies"),
                                                0),
                                   "air_gapped"));
}

/* What `import KIND -` refuses: rows after the header, and what it says. */
typedef struct
{
  const char *rows;
  const char *message;
} Refused;

static void
assert_import_refuses (CtlFixture    *f,
                       const char    *kind,
                       const char    *header,
                       const Refused *cases,
                       guint          n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *csv = g_strconcat (header, cases[i].rows, NULL);

      cli_fails_stdin (f, csv, EXIT_USAGE, cases[i].message, "import", kind, "-", NULL);
    }
}

static void
test_import_jobs_rows_of_one_job_must_agree (CtlFixture    *f,
                                             gconstpointer  data)
{
  g_autoptr(JsonNode) stats = NULL;
  g_autofree char *out = NULL;
  static const Refused refused[] = {
    { "mail,mx1,bob,24,30,nas,disk,NAS,false,false\n"
      "crm,crm1,eve,24,30,nas,disk,NAS,false,false\n"
      "mail,mx1,bob,12,30,tape,tape,,false,false\n",
      "line 4: job 'mail' has rpo_hours '12' here but '24' on line 2" },
    { "mail,mx1,bob,24,30,nas,disk,NAS,false,false\n"
      "mail,mx1,carol,24,30,tape,tape,,false,false\n",
      "line 3: job 'mail' has owner 'carol' here but 'bob' on line 2" },
    { "mail,mx1,bob,24,30,nas,disk,NAS,false,false\n"
      "mail,mx1,bob,24,30,nas,tape,,false,false\n",
      "line 3: copy 'nas' of job 'mail' appears twice" },
    { "mail,mx1,bob,0,30,nas,disk,NAS,false,false\n",
      "line 2: rpo_hours '0' is not a whole number of at least 1" },
    { "mail,mx1,bob,24,30,nas,disk,Attic,false,false\n", "line 2: unknown location 'Attic'" },
  };

  cli_build_compliant_store (f);
  assert_import_refuses (f, "jobs", JOBS_HEADER, refused, G_N_ELEMENTS (refused));

  g_assert_cmpint (cli_run (f, JOBS_HEADER
                               "mail,mx1,bob,24,30,nas,disk,NAS,false,false\n"
                               "mail,mx1,bob,24,30,tape,tape,,false,false\n",
                            &out, NULL, "--json", "--at", SETUP, "import", "jobs", "-", NULL), ==,
                            EXIT_OK);
  stats = cli_parse_json (out);
  import_stats (stats, 2, 0, 0);
}

static void
test_import_executions_volumes_are_known_media (CtlFixture    *f,
                                                gconstpointer  data)
{
  g_autoptr(JsonNode) history = NULL;
  g_autofree char *out = NULL;
  static const Refused refused[] = {
    { "payroll,tape,2026-11-20T22:00:00Z,2026-11-20T23:00:00Z,success,,,A00001L9;A00009L9,t2,\n",
      "line 2: unknown volume 'A00009L9'" },
    { "payroll,tape,2026-11-20T22:00:00Z,2026-11-20T23:00:00Z,success,,,A00001L9;a00001l9,t2,\n",
      "line 2: volume 'A00001L9' is listed twice" },
    { "payroll,tape,2026-11-20T22:00:00Z,,success,,,,t2,\n",
      "line 2: a success run needs a finish time" },
    { "payroll,tape,2026-11-20T22:00:00Z,2026-11-20T23:00:00Z,success,-5,,,t2,\n",
      "line 2: bytes '-5' is not a whole number of at least 0" },
    { "payroll,floppy,2026-11-20T22:00:00Z,2026-11-20T23:00:00Z,success,,,,t2,\n",
      "line 2: job 'payroll' has no copy 'floppy'" },
    { "payroll,tape,20.11.2026,2026-11-20T23:00:00Z,success,,,,t2,\n",
      "line 2: started '20.11.2026' is not a time" },
  };

  cli_build_compliant_store (f);
  assert_import_refuses (f, "executions", EXECUTIONS_HEADER, refused, G_N_ELEMENTS (refused));

  g_assert_cmpint (cli_run (f, EXECUTIONS_HEADER
                               "payroll,tape,2026-11-20T22:00:00Z,2026-11-20T23:00:00Z,"
                               "success,5000,7,"
                               "a00002l9; A00001L9,t2,\n",
                            &out, NULL, "import", "executions", "-", NULL), ==, EXIT_OK);
  history = cli_json (f, EXIT_OK, "--at", "2026-11-21", "history", "payroll", "--limit", "1", NULL);
  cli_assert_strings (cli_array_member (cli_element (cli_array_of (history), 0), "volumes"),
                      (const char *[]) { "A00002L9", "A00001L9", NULL });
  g_assert_cmpint (cli_int_member (cli_element (cli_array_of (history), 0), "files"), ==, 7);
}

static void
test_import_execution_identity_is_run_id_or_started (CtlFixture    *f,
                                                     gconstpointer  data)
{
  g_autoptr(JsonNode) first = NULL;
  g_autoptr(JsonNode) second = NULL;
  g_autoptr(JsonNode) history = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  cli_build_compliant_store (f);

  /* The backup tool reported tape-1 (already recorded) again, now with its
   * size, and two runs without ids. */
  a = ctl_fixture_write (f, "a.csv", EXECUTIONS_HEADER
                         "payroll,tape," RUN_START "," RUN_END ",success,123456,,A00001L9,tape-1,\n"
                         "payroll,nas,2026-11-20T22:00:00Z,,running,,,,,\n"
                         "payroll,nas,2026-11-21T22:00:00Z,2026-11-21T22:30:00Z,success,,,,,\n",
                         -1);
  first = cli_json (f, EXIT_OK, "import", "executions", a, NULL);
  import_stats (first, 2, 1, 0);
  g_assert_cmpint (cli_export_count (f, "executions"), ==, 4);

  /* Later: the running run finished (same job, copy and start), a run id
   * moved to another copy is another run. */
  b = ctl_fixture_write (f, "b.csv", EXECUTIONS_HEADER
                         "payroll,nas,2026-11-20T22:00:00Z,2026-11-20T22:45:00Z,success,,,,,\n"
                         "payroll,nas,2026-11-21T22:00:00Z,2026-11-21T22:30:00Z,success,,,,,\n"
                         "payroll,nas," RUN_START "," RUN_END ",success,,,,tape-1,\n", -1);
  second = cli_json (f, EXIT_OK, "import", "executions", b, NULL);
  import_stats (second, 1, 1, 1);
  g_assert_cmpint (cli_export_count (f, "executions"), ==, 5);

  history = cli_json (f, EXIT_OK, "--at", "2026-11-22", "history", "payroll", NULL);
  g_assert_cmpint (json_array_get_length (cli_array_of (history)), ==, 5);
  g_assert_cmpstr (cli_str_member (cli_element (cli_array_of (history), 1), "status"), ==,
                   "success");
  g_assert_cmpstr (cli_str_member (cli_element (cli_array_of (history), 1), "finished"), ==,
                   "2026-11-20T22:45:00Z");
  g_assert_cmpint (cli_int_member (cli_find_by (cli_array_of (history), "copy", "tape"), "bytes"),
                   ==, 123456);
}

static void
test_import_same_file_twice_changes_nothing (CtlFixture    *f,
                                             gconstpointer  data)
{
  static const struct
  {
    const char *kind;
    const char *csv;
    gint64      rows;
  } imports[] = {
    { "jobs", JOBS_HEADER
      "mail,mx1,bob,24,30,nas,disk,NAS,false,false\n"
      "mail,mx1,bob,24,30,tape,tape,,false,true\n"
      "crm,crm1,eve,12,7,nas,disk,NAS,,\n", 3 },
    { "media", "volser,type,pool,location,retention_until,worm\n"
      "B00001L9,LTO-9,monthly,Library,2027-11-20,false\n"
      "B00002L9,LTO-9,monthly,Vault,,true\n"
      "R00001,RDX,,,,\n", 3 },
    { "executions", EXECUTIONS_HEADER
      "mail,nas," RUN_START "," RUN_END ",success,10,1,,m1,\n"
      "mail,tape," RUN_START "," RUN_END ",warning,10,1,B00001L9;B00002L9,,\"one, two\"\n"
      "crm,nas," RUN_START ",,running,,,,c1,\n", 3 },
  };

  cli_build_compliant_store (f);

  for (guint i = 0; i < G_N_ELEMENTS (imports); i++)
    {
      g_autofree char *name = g_strdup_printf ("%s.csv", imports[i].kind);
      g_autofree char *path = ctl_fixture_write (f, name, imports[i].csv, -1);
      g_autoptr(JsonNode) first = NULL;
      g_autoptr(JsonNode) again = NULL;
      g_autofree char *hash = NULL;
      g_autofree char *hash_again = NULL;
      g_autofree char *text = NULL;

      g_test_message ("import %s", imports[i].kind);
      first = cli_json (f, EXIT_OK, "--at", SETUP, "import", imports[i].kind, path, NULL);
      import_stats (first, imports[i].rows, 0, 0);

      hash = custody_test_file_sha256 (f->db);
      again = cli_json (f, EXIT_OK, "--at", SETUP, "import", imports[i].kind, path, NULL);
      import_stats (again, 0, 0, imports[i].rows);
      hash_again = custody_test_file_sha256 (f->db);
      g_assert_cmpstr (hash_again, ==, hash);

      /* The text form says the same. */
      text = cli_ok (f, "--at", SETUP, "import", imports[i].kind, path, NULL);
      g_assert_cmpstr (text, ==, "Added 0, updated 0, unchanged 3.\n");
    }

  /* The media file's locations were moves. */
  {
    g_autoptr(JsonNode) medium = cli_json (f, EXIT_OK, "--at", NOW, "media", "show", "B00002L9",
                                           NULL);

    g_assert_cmpstr (cli_str_member (cli_object_of (medium), "location"), ==, "Vault");
    g_assert_cmpint (json_array_get_length (cli_array_member (cli_object_of (medium), "movements")),
                     ==, 1);
  }
}

static void
test_import_dash_reads_standard_input (CtlFixture    *f,
                                       gconstpointer  data)
{
  g_autoptr(JsonNode) stats = NULL;
  g_autoptr(JsonNode) medium = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  cli_build_compliant_store (f);

  g_assert_cmpint (cli_run (f, "volser,type,pool\nC00001L8,LTO-8,daily\n", &out, &err,
                            "--json", "import", "media", "-", NULL), ==, EXIT_OK);
  g_assert_cmpstr (err, ==, "");
  stats = cli_parse_json (out);
  import_stats (stats, 1, 0, 0);
  medium = cli_json (f, EXIT_OK, "media", "show", "C00001L8", NULL);
  g_assert_cmpstr (cli_str_member (cli_object_of (medium), "pool"), ==, "daily");

  /* A file called "-" is standard input, never a file. */
  g_free (ctl_fixture_write (f, "-", "volser,type\nD00001L8,LTO-8\n", -1));
  g_free (out);
  g_assert_cmpint (cli_run (f, "", &out, NULL, "import", "media", "-", NULL), ==, EXIT_USAGE);
}

/* @n runs into payroll's two copies; the row on line @bad_line (the
 * header is line 1) has the status "ok". */
static GString *
runs_csv (guint n,
          guint bad_line)
{
  GString *csv = g_string_new (EXECUTIONS_HEADER);

  for (guint i = 0; i < n; i++)
    {
      guint day = 1 + i % 28, hour = (i / 28) % 24, minute = (i / 672) % 60;

      g_string_append_printf (csv,
                              "payroll,%s,2026-03-%02uT%02u:%02u:00Z,2026-03-%02uT%02u:%02u:30Z,%s,"
                              "%u,%u,,run-%u,\"row %u, fine\"\n",
                              i % 2 == 0 ? "nas" : "tape", day, hour, minute, day, hour, minute,
                              i + 2 == bad_line ? "ok" : "success", i, i % 100, i, i);
    }

  return csv;
}

static void
test_import_one_bad_row_in_100000_adds_nothing (CtlFixture    *f,
                                                gconstpointer  data)
{
  g_autoptr(GString) csv = runs_csv (100000, 73457);
  g_autoptr(GString) fixed = NULL;
  g_autofree char *path = NULL;
  g_autofree char *export_before = NULL;
  g_autofree char *export_after = NULL;
  g_autoptr(JsonNode) stats = NULL;
  gint64 audit_before;

  cli_build_compliant_store (f);
  audit_before = cli_audit_entries (f);
  export_before = cli_export_text (f);

  path = ctl_fixture_write (f, "runs.csv", csv->str, (gssize) csv->len);

  cli_fails (f, EXIT_USAGE,
             "line 73457: status 'ok' is not one of success, warning, failed, running",
             "import", "executions", path, NULL);
  g_assert_cmpint (cli_audit_entries (f), ==, audit_before);
  export_after = cli_export_text (f);
  g_assert_cmpstr (export_after, ==, export_before);

  /* Fixed, the whole file goes in, once. */
  fixed = runs_csv (100000, 0);
  g_free (path);
  path = ctl_fixture_write (f, "runs.csv", fixed->str, (gssize) fixed->len);
  stats = cli_json (f, EXIT_OK, "import", "executions", path, NULL);
  import_stats (stats, 100000, 0, 0);
  g_assert_cmpint (cli_audit_entries (f), ==, audit_before + 1);
}

static void
test_import_error_line_counts_records_spanning_lines (CtlFixture    *f,
                                                      gconstpointer  data)
{
  gint64 audit_before;

  cli_build_compliant_store (f);
  audit_before = cli_audit_entries (f);

  /* The first two rows hold messages of three lines each, then comes a
   * blank line: the bad row is on line 9 of the file. */
  cli_fails_stdin (f, EXECUTIONS_HEADER
                      "payroll,nas,2026-11-20T01:00:00Z,2026-11-20T02:00:00Z,success,,,,,"
                      "\"one\ntwo\nthree\"\n"
                      "payroll,nas,2026-11-20T03:00:00Z,2026-11-20T04:00:00Z,success,,,,,"
                      "\"one\r\ntwo\r\nthree\"\n"
                      "\n"
                      "payroll,nas,2026-11-20T05:00:00Z,2026-11-20T06:00:00Z,finished,,,,,\n",
                   EXIT_USAGE, "line 9: status 'finished' is not one of", "import", "executions",
                   "-", NULL);

  /* Refused whole: nothing was written. */
  g_assert_cmpint (cli_audit_entries (f), ==, audit_before);
}

static void
test_import_killed_midway_leaves_the_store_as_it_was (CtlFixture    *f,
                                                      gconstpointer  data)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) chunk = g_string_new (EXECUTIONS_HEADER);
  g_autofree char *hash_before = NULL;
  g_autofree char *hash_after = NULL;
  g_autofree char *export_before = NULL;
  g_autofree char *export_after = NULL;
  GOutputStream *input;
  gint64 audit_before;
  const guint total = 300000;
  const guint kill_after = 150000;

  cli_build_compliant_store (f);
  audit_before = cli_audit_entries (f);
  export_before = cli_export_text (f);
  hash_before = custody_test_file_sha256 (f->db);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                        G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                        G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_set_environ (launcher, f->env);
  process = g_subprocess_launcher_spawn (launcher, &error, cli_custodyctl_path (), "--db", f->db,
                                         "import", "executions", "-", NULL);
  g_assert_no_error (error);
  input = g_subprocess_get_stdin_pipe (process);

  /* Hand over half of a 300,000-row file. The pipe holds only 64 KiB, so
   * when the writes return custodyctl has taken in over 100,000 rows, and
   * it cannot have finished: the rest of the file is still to come. */
  for (guint i = 0; i < total && i < kill_after; i++)
    {
      g_string_append_printf (chunk,
                              "payroll,nas,2026-06-01T00:00:00Z,2026-06-01T00:30:00Z,success,%u,1,,"
                              "bulk-%u,\n", i, i);
      if (chunk->len > 256 * 1024)
        {
          g_output_stream_write_all (input, chunk->str, chunk->len, NULL, NULL, &error);
          g_assert_no_error (error);
          g_string_truncate (chunk, 0);
        }
    }
  g_output_stream_write_all (input, chunk->str, chunk->len, NULL, NULL, &error);
  g_assert_no_error (error);

  g_subprocess_force_exit (process);
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_signaled (process));
  g_assert_cmpint (g_subprocess_get_term_sig (process), ==, SIGKILL);

  /* Nothing of it is in the store, and the store is whole. */
  g_assert_cmpint (cli_run (f, NULL, NULL, NULL, "db", "check", NULL), ==, EXIT_OK);
  g_assert_cmpint (cli_audit_entries (f), ==, audit_before);
  export_after = cli_export_text (f);
  g_assert_cmpstr (export_after, ==, export_before);
  hash_after = custody_test_file_sha256 (f->db);
  g_assert_cmpstr (hash_after, ==, hash_before);

  /* ...and takes the next write. */
  g_free (cli_ok (f, "--at", NOW, "job", "add", "mail", NULL));
  g_assert_cmpint (cli_audit_entries (f), ==, audit_before + 1);
}

/*
 * The store's own safety
 */

static guint
count_backups (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  if (d == NULL)
    return 0;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_assert_false (g_str_has_suffix (name, ".tmp"));
      if (g_str_has_prefix (name, "custody-") && g_str_has_suffix (name, ".db"))
        n++;
    }
  return n;
}

static void
test_backup_keeps_n_generations (CtlFixture    *f,
                                 gconstpointer  data)
{
  g_autofree char *backups = ctl_fixture_path (f, "backups");
  g_autofree char *elsewhere = ctl_fixture_path (f, "elsewhere");
  g_autofree char *newest = NULL;

  cli_build_compliant_store (f);

  for (guint i = 0; i < 3 + 2; i++)
    {
      g_autoptr(JsonNode) backup = cli_json (f, EXIT_OK, "db", "backup", "--keep", "3", NULL);
      const char *path = cli_str_member (cli_object_of (backup), "backup");

      g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
      g_assert_true (g_str_has_prefix (path, backups));
      g_assert_cmpint (count_backups (backups), ==, MIN (i + 1, 3));
      g_free (newest);
      newest = g_strdup (path);
    }
  g_assert_true (g_file_test (newest, G_FILE_TEST_IS_REGULAR));

  /* The default is five; --dir puts them elsewhere. */
  for (guint i = 0; i < 5 + 2; i++)
    g_free (cli_ok (f, "db", "backup", "--dir", elsewhere, NULL));
  g_assert_cmpint (count_backups (elsewhere), ==, 5);
  g_assert_cmpint (count_backups (backups), ==, 3);

  cli_fails (f, EXIT_USAGE, "--keep must be at least 1", "db", "backup", "--keep", "0", NULL);
}

static void
test_restore_brings_back_the_backup (CtlFixture    *f,
                                     gconstpointer  data)
{
  g_autoptr(JsonNode) backup = NULL;
  g_autoptr(JsonNode) jobs = NULL;
  g_autoptr(JsonNode) medium = NULL;
  g_autofree char *path = NULL;
  g_autofree char *export_backed_up = NULL;
  g_autofree char *export_restored = NULL;

  cli_build_compliant_store (f);
  backup = cli_json (f, EXIT_OK, "db", "backup", NULL);
  path = g_strdup (cli_str_member (cli_object_of (backup), "backup"));
  export_backed_up = cli_export_text (f);

  cli_add_violating_job (f);
  g_free (cli_ok (f, "--at", NOW, "media", "move", "A00001L9", "--to", "Library", "--confirm",
                  NULL));
  g_free (cli_ok (f, "policy", "set", "production-counts", "false", NULL));

  g_free (cli_ok (f, "db", "restore", path, NULL));

  jobs = cli_json (f, EXIT_OK, "--at", NOW, "job", "list", NULL);
  g_assert_cmpint (json_array_get_length (cli_array_of (jobs)), ==, 1);
  g_assert_cmpstr (cli_str_member (cli_element (cli_array_of (jobs), 0), "status"), ==,
                   "compliant");
  medium = cli_json (f, EXIT_OK, "--at", NOW, "media", "show", "A00001L9", NULL);
  g_assert_cmpstr (cli_str_member (cli_object_of (medium), "location"), ==, "Vault");

  /* The same store as backed up, plus one audit entry for the restore. */
  {
    g_autoptr(JsonNode) root = cli_export_store (f);
    JsonObject *store = cli_object_of (root);
    JsonArray *audit = cli_array_member (store, "audit");
    JsonObject *last = cli_element (audit, json_array_get_length (audit) - 1);
    g_autoptr(JsonGenerator) generator = json_generator_new ();

    g_assert_cmpstr (cli_str_member (last, "action"), ==, "store.restore");
    json_array_remove_element (audit, json_array_get_length (audit) - 1);
    json_object_remove_member (store, "exported_at");
    json_generator_set_root (generator, root);
    export_restored = json_generator_to_data (generator, NULL);
  }
  g_assert_cmpstr (export_restored, ==, export_backed_up);
  g_assert_cmpint (cli_run (f, NULL, NULL, NULL, "db", "check", NULL), ==, EXIT_OK);
}

static void
test_restore_refuses_a_corrupt_backup (CtlFixture    *f,
                                       gconstpointer  data)
{
  g_autoptr(JsonNode) backup = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree guint8 *garbage = g_malloc (32 * 1024);
  g_autofree char *garbage_path = NULL;
  g_autofree char *damaged_path = NULL;
  g_autofree char *foreign_path = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GString) jobs_csv = g_string_new ("job,source\n");
  gint64 audit_before;
  gsize len = 0;

  /* Enough jobs for a backup of several pages. */
  cli_build_compliant_store (f);
  for (guint i = 0; i < 40; i++)
    g_string_append_printf (jobs_csv, "job-%02u,a long source text to fill pages\n", i);
  g_assert_cmpint (cli_run (f, jobs_csv->str, NULL, NULL, "--at", SETUP, "import", "jobs", "-",
                            NULL), ==, EXIT_OK);
  backup = cli_json (f, EXIT_OK, "db", "backup", NULL);
  g_free (cli_ok (f, "--at", NOW, "job", "add", "after-the-backup", NULL));
  audit_before = cli_audit_entries (f);

  cli_fill_garbage (garbage, 32 * 1024, 3);
  garbage_path = ctl_fixture_write (f, "garbage.db", (const char *) garbage, 32 * 1024);
  cli_fails (f, EXIT_USAGE, "garbage.db", "db", "restore", garbage_path, NULL);

  /* A real backup with a damaged page. */
  g_file_get_contents (cli_str_member (cli_object_of (backup), "backup"), &contents, &len, &error);
  g_assert_no_error (error);
  g_assert_cmpint (len, >, 8 * 4096);
  cli_fill_garbage ((guint8 *) contents + 4 * 4096, 4096, 4);
  damaged_path = ctl_fixture_write (f, "damaged.db", contents, (gssize) len);
  cli_fails (f, EXIT_USAGE, "damaged.db", "db", "restore", damaged_path, NULL);

  /* Some other program's database. */
  foreign_path = ctl_fixture_path (f, "foreign.db");
  custody_test_exec_sql (foreign_path, "CREATE TABLE t (x); INSERT INTO t VALUES (1);");
  cli_fails (f, EXIT_USAGE, "is not a Custody store", "db", "restore", foreign_path, NULL);

  g_assert_cmpint (cli_audit_entries (f), ==, audit_before);
  g_assert_cmpint (cli_export_count (f, "jobs"), ==, 42);
}

static void
test_db_check_passes_on_a_good_store (CtlFixture    *f,
                                      gconstpointer  data)
{
  g_autoptr(JsonNode) check = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  JsonObject *o;

  cli_build_compliant_store (f);

  check = cli_json (f, EXIT_OK, "db", "check", NULL);
  o = cli_object_of (check);
  g_assert_true (cli_bool_member (o, "ok"));
  g_assert_cmpstr (cli_str_member (o, "integrity"), ==, "ok");
  g_assert_cmpint (cli_int_member (o, "audit_entries"), ==, 16);
  g_assert_true (JSON_NODE_HOLDS_NULL (cli_member (o, "first_broken_entry")));

  g_assert_cmpint (cli_run (f, NULL, &out, &err, "db", "check", NULL), ==, EXIT_OK);
  g_assert_cmpstr (err, ==, "");
  g_assert_nonnull (strstr (out, "16 entries, the hash chain verifies"));
}

static void
test_db_check_finds_a_tampered_audit_entry (CtlFixture    *f,
                                            gconstpointer  data)
{
  g_autoptr(JsonNode) check = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  sqlite3 *db = NULL;
  JsonObject *o;

  cli_build_compliant_store (f);

  /* An attacker with the file drops the guard and rewrites history. */
  g_assert_cmpint (sqlite3_open (f->db, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE audit SET actor = 'mallory' WHERE id = 7", NULL, NULL,
                                 NULL),
                   !=, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "DROP TRIGGER audit_no_update", NULL, NULL, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE audit SET actor = 'mallory' WHERE id = 7", NULL, NULL,
                                 NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_changes (db), ==, 1);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);

  g_assert_cmpint (cli_run (f, NULL, &out, &err, "db", "check", NULL), ==, EXIT_STORE);
  g_assert_true (g_str_has_prefix (err, "custodyctl: error: audit entry 7 is broken"));
  g_assert_nonnull (strstr (err, "changed after it was written"));

  g_clear_pointer (&out, g_free);
  g_assert_cmpint (cli_run (f, NULL, &out, NULL, "--json", "db", "check", NULL), ==, EXIT_STORE);
  check = cli_parse_json (out);
  o = cli_object_of (check);
  g_assert_false (cli_bool_member (o, "ok"));
  g_assert_cmpint (cli_int_member (o, "first_broken_entry"), ==, 7);
  g_assert_cmpint (cli_int_member (o, "audit_entries"), ==, 16);
}

/*
 * Demo and export
 */

static void
test_demo_fills_a_new_store_with_compliant_and_violating_jobs (CtlFixture    *f,
                                                               gconstpointer  data)
{
  g_autoptr(JsonNode) demo = NULL;
  g_autoptr(JsonNode) check = NULL;
  g_autoptr(JsonNode) again = NULL;
  JsonObject *summary;

  demo = cli_json (f, EXIT_OK, "--at", NOW, "demo", "--jobs", "12", NULL);
  g_assert_cmpint (cli_int_member (cli_object_of (demo), "jobs"), ==, 12);

  check = cli_json (f, EXIT_VIOLATION, "--at", NOW, "check", NULL);
  summary = cli_object_of (cli_member (cli_object_of (check), "summary"));
  g_assert_cmpint (cli_int_member (summary, "jobs"), ==, 12);
  g_assert_cmpint (cli_int_member (summary, "compliant"), >, 0);
  g_assert_cmpint (cli_int_member (summary, "violation"), >, 0);
  g_assert_cmpint (cli_int_member (summary, "compliant") + cli_int_member (summary, "at_risk") +
                   cli_int_member (summary, "violation"), ==, 12);
  g_assert_cmpint (cli_run (f, NULL, NULL, NULL, "db", "check", NULL), ==, EXIT_OK);

  /* The same seed at the same moment gives the same store. */
  {
    CtlFixture other = { 0, };
    g_autofree char *a = NULL;
    g_autofree char *b = NULL;
    g_autoptr(JsonNode) other_check = NULL;

    cli_fixture_set_up (&other, NULL);
    g_free (cli_ok (&other, "--at", NOW, "demo", "--jobs", "12", NULL));
    other_check = cli_json (&other, EXIT_VIOLATION, "--at", NOW, "check", NULL);
    a = json_to_string (check, FALSE);
    b = json_to_string (other_check, FALSE);
    g_assert_cmpstr (a, ==, b);
    ctl_fixture_tear_down (&other, NULL);
  }

  cli_fails (f, EXIT_USAGE, "is not empty", "--at", NOW, "demo", NULL);
  again = cli_json (f, EXIT_VIOLATION, "--at", NOW, "check", NULL);
  g_assert_cmpint (cli_int_member (cli_object_of (cli_member (cli_object_of (again), "summary")),
                                   "jobs"), ==, 12);

  /* --executions is about how many runs there are in all. */
  {
    CtlFixture other = { 0, };
    guint runs;

    cli_fixture_set_up (&other, NULL);
    g_free (cli_ok (&other, "--at", NOW, "demo", "--jobs", "4", "--executions", "1200", "--seed",
                    "7",
                    NULL));
    runs = cli_export_count (&other, "executions");
    g_test_message ("%u runs", runs);
    g_assert_cmpint (runs, >=, 600);
    g_assert_cmpint (runs, <=, 2400);
    ctl_fixture_tear_down (&other, NULL);
  }
}

static void
test_export_is_one_json_document_of_the_whole_store (CtlFixture    *f,
                                                     gconstpointer  data)
{
  static const char * const tables[] = {
    "locations", "pools", "jobs", "copies", "media", "movements", "executions", "verifications",
    "alerts", "audit",
  };
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) from_file = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *file = NULL;
  JsonObject *store, *run;

  cli_build_compliant_store (f);

  root = cli_export_store (f);
  store = cli_object_of (root);
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    cli_array_member (store, tables[i]);
  g_assert_cmpint (json_array_get_length (cli_array_member (store, "locations")), ==, 4);
  g_assert_cmpint (json_array_get_length (cli_array_member (store, "jobs")), ==, 1);
  g_assert_cmpint (json_array_get_length (cli_array_member (store, "copies")), ==, 2);
  g_assert_cmpint (json_array_get_length (cli_array_member (store, "media")), ==, 2);
  g_assert_cmpint (json_array_get_length (cli_array_member (store, "movements")), ==, 4);
  g_assert_cmpint (json_array_get_length (cli_array_member (store, "executions")), ==, 2);
  g_assert_cmpint (json_array_get_length (cli_array_member (store, "verifications")), ==, 2);
  g_assert_cmpint (json_array_get_length (cli_array_member (store, "audit")), ==, 16);
  run = cli_find_by (cli_array_member (store, "executions"), "copy", "tape");
  g_assert_cmpstr (cli_str_member (run, "volumes"), ==, "A00001L9");
  g_assert_cmpstr (cli_str_member (run, "finished"), ==, RUN_END);

  file = ctl_fixture_path (f, "export.json");
  g_free (cli_ok (f, "export", "--output", file, NULL));
  json_parser_load_from_file (parser, file, &error);
  g_assert_no_error (error);
  from_file = json_node_copy (json_parser_get_root (parser));
  g_assert_cmpint (json_array_get_length (cli_array_member (cli_object_of (from_file), "audit")),
                   ==, 16);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  CLI_TEST_ADD ("json/policy-show-and-set", test_policy_show_and_set);
  CLI_TEST_ADD ("import/jobs-columns-in-any-order-and-defaults",
                test_import_jobs_columns_in_any_order_and_defaults);
  CLI_TEST_ADD ("import/header-is-required", test_import_header_is_required);
  CLI_TEST_ADD ("import/unknown-column-is-an-error", test_import_unknown_column_is_an_error);
  CLI_TEST_ADD ("import/rfc4180-quoting", test_import_rfc4180_quoting);
  CLI_TEST_ADD ("import/booleans-are-true-or-false", test_import_booleans_are_true_or_false);
  CLI_TEST_ADD ("import/jobs-rows-of-one-job-must-agree",
                test_import_jobs_rows_of_one_job_must_agree);
  CLI_TEST_ADD ("import/executions-volumes-are-known-media",
                test_import_executions_volumes_are_known_media);
  CLI_TEST_ADD ("import/execution-identity-is-run-id-or-started",
                test_import_execution_identity_is_run_id_or_started);
  CLI_TEST_ADD ("import/same-file-twice-changes-nothing",
                test_import_same_file_twice_changes_nothing);
  CLI_TEST_ADD ("import/dash-reads-standard-input", test_import_dash_reads_standard_input);
  CLI_TEST_ADD ("import/one-bad-row-in-100000-adds-nothing",
                test_import_one_bad_row_in_100000_adds_nothing);
  CLI_TEST_ADD ("import/error-line-counts-records-spanning-lines",
                test_import_error_line_counts_records_spanning_lines);
  CLI_TEST_ADD ("import/killed-midway-leaves-the-store-as-it-was",
                test_import_killed_midway_leaves_the_store_as_it_was);
  CLI_TEST_ADD ("db/backup-keeps-n-generations", test_backup_keeps_n_generations);
  CLI_TEST_ADD ("db/restore-brings-back-the-backup", test_restore_brings_back_the_backup);
  CLI_TEST_ADD ("db/restore-refuses-a-corrupt-backup", test_restore_refuses_a_corrupt_backup);
  CLI_TEST_ADD ("db/check-passes-on-a-good-store", test_db_check_passes_on_a_good_store);
  CLI_TEST_ADD ("db/check-finds-a-tampered-audit-entry",
                test_db_check_finds_a_tampered_audit_entry);
  CLI_TEST_ADD ("demo/fills-a-new-store-with-compliant-and-violating-jobs",
                test_demo_fills_a_new_store_with_compliant_and_violating_jobs);
  CLI_TEST_ADD ("export/is-one-json-document-of-the-whole-store",
                test_export_is_one_json_document_of_the_whole_store);

  return cli_test_run ();
}
