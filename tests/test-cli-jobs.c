/* test-cli-jobs.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * custodyctl from the outside (custody-cli-test-utils.h).
 * Jobs, copies, runs and checks: job, copy, record, verify and check, as JSON and as text.
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
 * JSON shapes
 */

static void
test_job_list_and_show_json (CtlFixture    *f,
                             gconstpointer  data)
{
  g_autoptr(JsonNode) list = NULL;
  g_autoptr(JsonNode) show = NULL;
  g_autoptr(JsonNode) copies = NULL;
  JsonObject *payroll, *mail, *job, *nas, *tape;

  cli_build_compliant_store (f);
  cli_add_violating_job (f);

  list = cli_json (f, EXIT_OK, "--at", NOW, "job", "list", NULL);
  g_assert_cmpint (json_array_get_length (cli_array_of (list)), ==, 2);
  payroll = cli_find_by (cli_array_of (list), "name", "payroll");
  g_assert_cmpstr (cli_str_member (payroll, "source"), ==, "db1:/srv/payroll");
  g_assert_cmpstr (cli_str_member (payroll, "owner"), ==, "ann");
  g_assert_cmpint (cli_int_member (payroll, "rpo_hours"), ==, 24);
  g_assert_cmpint (cli_int_member (payroll, "verify_days"), ==, 30);
  g_assert_cmpstr (cli_str_member (payroll, "status"), ==, "compliant");
  mail = cli_find_by (cli_array_of (list), "name", "mail");
  g_assert_cmpstr (cli_str_member (mail, "status"), ==, "violation");
  g_assert_cmpstr (cli_str_member (mail, "source"), ==, "");

  show = cli_json (f, EXIT_OK, "--at", NOW, "job", "show", "payroll", NULL);
  job = cli_object_of (show);
  g_assert_cmpstr (cli_str_member (job, "name"), ==, "payroll");
  g_assert_cmpstr (cli_str_member (job, "owner"), ==, "ann");
  g_assert_cmpint (cli_int_member (job, "rpo_hours"), ==, 24);
  g_assert_cmpstr (cli_str_member (job, "status"), ==, "compliant");
  g_assert_cmpint (json_array_get_length (cli_array_member (job, "copies")), ==, 2);
  nas = cli_find_by (cli_array_member (job, "copies"), "name", "nas");
  g_assert_cmpstr (cli_str_member (nas, "media_type"), ==, "disk");
  g_assert_cmpstr (cli_str_member (nas, "location"), ==, "NAS");
  g_assert_false (cli_bool_member (nas, "immutable"));
  g_assert_false (cli_bool_member (nas, "air_gapped"));
  tape = cli_find_by (cli_array_member (job, "copies"), "name", "tape");
  g_assert_cmpstr (cli_str_member (tape, "media_type"), ==, "tape");
  g_assert_true (cli_str_member (tape, "location") == NULL);

  /* copy add / copy list speak the same shape. */
  g_free (cli_ok (f, "--at", NOW, "location", "add", "Cloud", "--kind", "offsite-repo", NULL));
  g_free (cli_ok (f, "--at", NOW, "copy", "add", "mail", "cloud", "--media-type", "object-storage",
                  "--location", "Cloud", "--immutable", "--air-gapped", NULL));
  copies = cli_json (f, EXIT_OK, "--at", NOW, "copy", "list", "mail", NULL);
  g_assert_cmpint (json_array_get_length (cli_array_of (copies)), ==, 2);
  g_assert_true (cli_bool_member (cli_find_by (cli_array_of (copies), "name", "cloud"),
                                  "immutable"));
  g_assert_true (cli_bool_member (cli_find_by (cli_array_of (copies), "name", "cloud"),
                                  "air_gapped"));
  g_assert_cmpstr (cli_str_member (cli_find_by (cli_array_of (copies), "name", "cloud"),
                                   "location"), ==,
                   "Cloud");
}

static void
test_job_add_defaults_and_rm_removes_everything_of_the_job (CtlFixture    *f,
                                                            gconstpointer  data)
{
  g_autoptr(JsonNode) added = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *store;

  cli_build_compliant_store (f);
  cli_add_violating_job (f);

  added = cli_json (f, EXIT_OK, "--at", NOW, "job", "add", "crm", NULL);
  g_assert_cmpint (cli_int_member (cli_object_of (added), "rpo_hours"), ==, 24);
  g_assert_cmpint (cli_int_member (cli_object_of (added), "verify_days"), ==, 30);

  g_free (cli_ok (f, "job", "rm", "payroll", NULL));
  cli_fails (f, EXIT_USAGE, "unknown job 'payroll'", "job", "show", "payroll", NULL);

  root = cli_export_store (f);
  store = cli_object_of (root);
  g_assert_cmpint (json_array_get_length (cli_array_member (store, "jobs")), ==, 2);
  g_assert_cmpint (json_array_get_length (cli_array_member (store, "copies")), ==, 1);
  g_assert_cmpint (json_array_get_length (cli_array_member (store, "executions")), ==, 1);
  g_assert_cmpint (json_array_get_length (cli_array_member (store, "verifications")), ==, 1);
  g_assert_cmpstr (cli_str_member (cli_element (cli_array_member (store, "executions"), 0), "job"),
                   ==, "mail");
  /* The volumes stay: they are the desk's, not the job's. */
  g_assert_cmpint (json_array_get_length (cli_array_member (store, "media")), ==, 2);
  g_assert_cmpint (cli_run (f, NULL, NULL, NULL, "db", "check", NULL), ==, EXIT_OK);
}

static void
test_check_json_shape (CtlFixture    *f,
                       gconstpointer  data)
{
  static const char * const rule_names[] = { "3-copies", "2-media", "1-offsite", "1-offline",
                                             "0-errors" };
  static const gint64 payroll_have[] = { 3, 2, 1, 1, 0 };
  static const gint64 mail_have[] = { 2, 1, 0, 0, 0 };
  static const gint64 need[] = { 3, 2, 1, 1, 0 };
  g_autoptr(JsonNode) check = NULL;
  JsonObject *root, *summary, *payroll, *mail, *tape, *nas;
  JsonArray *jobs, *rules, *copies;

  cli_build_compliant_store (f);
  cli_add_violating_job (f);

  check = cli_json (f, EXIT_VIOLATION, "--at", NOW, "check", NULL);
  root = cli_object_of (check);
  g_assert_cmpint (json_object_get_size (root), ==, 4);
  g_assert_cmpstr (cli_str_member (root, "version"), ==, PACKAGE_VERSION);
  g_assert_cmpstr (cli_str_member (root, "evaluated_at"), ==, NOW);
  summary = cli_object_of (cli_member (root, "summary"));
  g_assert_cmpint (cli_int_member (summary, "jobs"), ==, 2);
  g_assert_cmpint (cli_int_member (summary, "compliant"), ==, 1);
  g_assert_cmpint (cli_int_member (summary, "at_risk"), ==, 0);
  g_assert_cmpint (cli_int_member (summary, "violation"), ==, 1);

  jobs = cli_array_member (root, "jobs");
  g_assert_cmpint (json_array_get_length (jobs), ==, 2);
  mail = cli_element (jobs, 0);
  payroll = cli_element (jobs, 1);
  g_assert_cmpstr (cli_str_member (mail, "job"), ==, "mail");
  g_assert_cmpstr (cli_str_member (mail, "status"), ==, "violation");
  g_assert_cmpstr (cli_str_member (payroll, "job"), ==, "payroll");
  g_assert_cmpstr (cli_str_member (payroll, "status"), ==, "compliant");

  /* Five rules, always in this order, with have/need/pass as cli.md says. */
  for (guint j = 0; j < 2; j++)
    {
      JsonObject *verdict = j == 0 ? payroll : mail;
      const gint64 *have = j == 0 ? payroll_have : mail_have;

      rules = cli_array_member (verdict, "rules");
      g_assert_cmpint (json_array_get_length (rules), ==, 5);
      for (guint r = 0; r < 5; r++)
        {
          JsonObject *rule = cli_element (rules, r);
          gboolean pass = r == 4 ? have[r] <= need[r] : have[r] >= need[r];

          g_assert_cmpstr (cli_str_member (rule, "rule"), ==, rule_names[r]);
          g_assert_cmpint (cli_int_member (rule, "have"), ==, have[r]);
          g_assert_cmpint (cli_int_member (rule, "need"), ==, need[r]);
          g_assert_cmpint (cli_bool_member (rule, "pass"), ==, pass);
          /* A failed rule says why; a passed one may be silent. */
          if (!pass)
            g_assert_cmpint (json_array_get_length (cli_array_member (rule, "reasons")), >, 0);
          else
            cli_array_member (rule, "reasons");
        }
    }
  g_assert_true (cli_strings_contain (cli_array_member (cli_rule_of (mail, "1-offsite"), "reasons"),
                                      "off-site"));

  copies = cli_array_member (payroll, "copies");
  g_assert_cmpint (json_array_get_length (copies), ==, 2);
  nas = cli_find_by (copies, "copy", "nas");
  g_assert_cmpstr (cli_str_member (nas, "media_type"), ==, "disk");
  g_assert_true (cli_bool_member (nas, "valid"));
  g_assert_false (cli_bool_member (nas, "offsite"));
  g_assert_false (cli_bool_member (nas, "offline"));
  g_assert_false (cli_bool_member (nas, "immutable"));
  g_assert_cmpstr (cli_str_member (nas, "last_success"), ==, RUN_END);
  g_assert_true (cli_strings_contain (cli_array_member (nas, "reasons"), "'NAS' (onsite-repo)"));
  tape = cli_find_by (copies, "copy", "tape");
  g_assert_cmpstr (cli_str_member (tape, "media_type"), ==, "tape");
  g_assert_true (cli_bool_member (tape, "valid"));
  g_assert_true (cli_bool_member (tape, "offsite"));
  g_assert_true (cli_bool_member (tape, "offline"));
  g_assert_false (cli_bool_member (tape, "immutable"));
  g_assert_cmpstr (cli_str_member (tape, "last_success"), ==, RUN_END);
  cli_array_member (tape, "reasons");
}

static void
test_check_exit_code_follows_violations (CtlFixture    *f,
                                         gconstpointer  data)
{
  g_autoptr(JsonNode) one = NULL;
  g_autofree char *out = NULL;

  cli_build_compliant_store (f);
  g_assert_cmpint (cli_run (f, NULL, &out, NULL, "--at", NOW, "check", NULL), ==, EXIT_OK);
  g_assert_nonnull (strstr (out, "1 jobs: 1 compliant, 0 at risk, 0 in violation (as of " NOW ")"));

  /* At risk is not a violation: a verification that expires in 4 days. */
  g_free (cli_ok (f, "--at", SETUP, "job", "add", "crm", "--verify-days", "30", NULL));
  g_free (cli_ok (f, "--at", SETUP, "copy", "add", "crm", "nas", "--media-type", "disk",
                  "--location", "NAS", NULL));
  g_free (cli_ok (f, "--at", SETUP, "copy", "add", "crm", "cloud", "--media-type", "object-storage",
                  "--location", "Vault", "--immutable", NULL));
  g_free (cli_ok (f, "record", "crm", "nas", "--status", "success", "--started", RUN_START,
                  "--finished", RUN_END, NULL));
  g_free (cli_ok (f, "record", "crm", "cloud", "--status", "warning", "--started", RUN_START,
                  "--finished", RUN_END, "--message", "2 files skipped", NULL));
  g_free (cli_ok (f, "verify", "crm", "nas", "--result", "passed", "--at", "2026-10-25T12:00:00Z",
                  NULL));
  g_free (cli_ok (f, "verify", "crm", "cloud", "--result", "passed", "--at", VERIFIED, NULL));
  one = cli_json (f, EXIT_OK, "--at", NOW, "check", "crm", NULL);
  g_assert_cmpstr (cli_str_member (cli_verdict_of (one, "crm"), "status"), ==, "at-risk");
  /* An immutable repository counts as offline, and says why. */
  {
    JsonObject *cloud = cli_find_by (cli_array_member (cli_verdict_of (one, "crm"), "copies"),
                                     "copy", "cloud");

    g_assert_true (cli_bool_member (cloud, "valid"));
    g_assert_true (cli_bool_member (cloud, "offsite"));
    g_assert_true (cli_bool_member (cloud, "offline"));
    g_assert_true (cli_bool_member (cloud, "immutable"));
  }
  g_assert_cmpint (json_array_get_length (cli_array_member (cli_object_of (one), "jobs")), ==, 1);

  cli_add_violating_job (f);
  g_assert_cmpint (cli_run (f, NULL, NULL, NULL, "--at", NOW, "check", NULL), ==, EXIT_VIOLATION);
  g_assert_cmpint (cli_run (f, NULL, NULL, NULL, "--at", NOW, "check", "payroll", NULL), ==,
                   EXIT_OK);
  g_assert_cmpint (cli_run (f, NULL, NULL, NULL, "--at", NOW, "check", "payroll", "crm", NULL), ==,
                   EXIT_OK);
  g_free (out);
  g_assert_cmpint (cli_run (f, NULL, &out, NULL, "--at", NOW, "check", "mail", NULL), ==,
                   EXIT_VIOLATION);
  g_assert_true (g_str_has_prefix (out, "mail  violation\n"));
  g_assert_cmpint (cli_run (f, NULL, NULL, NULL, "--at", NOW, "check", "payroll", "mail", NULL), ==,
                   EXIT_VIOLATION);
  cli_fails (f, EXIT_USAGE, "unknown job 'payrol'", "--at", NOW, "check", "payroll", "payrol",
             NULL);

  /* A failed verification is an error: 0-errors fails, and so does the job. */
  g_free (cli_ok (f, "verify", "payroll", "tape", "--result", "passed", "--errors", "3",
                  "--at", "2026-11-20T08:30:00Z", NULL));
  g_clear_pointer (&one, json_node_unref);
  one = cli_json (f, EXIT_VIOLATION, "--at", NOW, "check", "payroll", NULL);
  g_assert_false (cli_bool_member (cli_rule_of (cli_verdict_of (one, "payroll"), "0-errors"),
                                   "pass"));
  g_assert_cmpint (cli_int_member (cli_rule_of (cli_verdict_of (one, "payroll"), "0-errors"),
                                   "have"), ==, 1);
}

/*
 * Runs
 */

static void
test_record_only_running_may_omit_finished (CtlFixture    *f,
                                            gconstpointer  data)
{
  g_autoptr(JsonNode) running = NULL;
  g_autoptr(JsonNode) check = NULL;

  cli_build_compliant_store (f);

  running = cli_json (f, EXIT_OK, "record", "payroll", "nas", "--status", "running",
                      "--started", "2026-11-20T08:00:00Z", NULL);
  g_assert_true (cli_str_member (cli_object_of (running), "finished") == NULL);
  g_assert_cmpstr (cli_str_member (cli_object_of (running), "status"), ==, "running");

  cli_fails (f, EXIT_USAGE, "a running run has no finish time", "record", "payroll", "nas",
             "--status", "running", "--started", NOW, "--finished", NOW, NULL);
  cli_fails (f, EXIT_USAGE, "a warning run needs a finish time", "record", "payroll", "nas",
             "--status", "warning", "--started", NOW, NULL);
  cli_fails (f, EXIT_USAGE, "a failed run needs a finish time", "record", "payroll", "nas",
             "--status", "failed", "--started", NOW, NULL);
  cli_fails (f, EXIT_USAGE, "record needs --started", "record", "payroll", "nas",
             "--status", "running", NULL);

  /* A running run changes nothing until it finishes. */
  check = cli_json (f, EXIT_OK, "--at", NOW, "check", NULL);
  g_assert_cmpstr (cli_str_member (cli_verdict_of (check, "payroll"), "status"), ==, "compliant");
}

static void
test_record_same_run_id_updates_instead_of_duplicating (CtlFixture    *f,
                                                        gconstpointer  data)
{
  g_autoptr(JsonNode) first = NULL;
  g_autoptr(JsonNode) second = NULL;
  g_autoptr(JsonNode) history = NULL;
  g_autoptr(JsonNode) check = NULL;
  g_autofree char *out = NULL;
  gint64 audit_before;
  JsonObject *run;

  cli_build_compliant_store (f);
  g_assert_cmpint (cli_export_count (f, "executions"), ==, 2);

  first = cli_json (f, EXIT_OK, "record", "payroll", "tape", "--status", "running",
                    "--started", "2026-11-20T22:00:00Z", "--run-id", "tape-2", NULL);
  g_assert_true (cli_bool_member (cli_object_of (first), "added"));
  second = cli_json (f, EXIT_OK, "record", "payroll", "tape", "--status", "failed",
                     "--started", "2026-11-20T22:00:00Z", "--finished", "2026-11-20T23:15:00Z",
                     "--volumes", "A00002L9,a00001l9", "--bytes", "1000", "--files", "10",
                     "--message", "drive error", "--run-id", "tape-2", NULL);
  g_assert_false (cli_bool_member (cli_object_of (second), "added"));
  cli_assert_strings (cli_array_member (cli_object_of (second), "volumes"),
                      (const char *[]) { "A00002L9", "A00001L9", NULL });
  g_assert_cmpint (cli_export_count (f, "executions"), ==, 3);

  history = cli_json (f, EXIT_OK, "--at", "2026-11-21", "history", "payroll", NULL);
  g_assert_cmpint (json_array_get_length (cli_array_of (history)), ==, 3);
  run = cli_element (cli_array_of (history), 0);
  g_assert_cmpstr (cli_str_member (run, "run_id"), ==, "tape-2");
  g_assert_cmpstr (cli_str_member (run, "status"), ==, "failed");
  g_assert_cmpstr (cli_str_member (run, "message"), ==, "drive error");
  g_assert_cmpint (cli_int_member (run, "bytes"), ==, 1000);
  cli_assert_strings (cli_array_member (run, "volumes"),
                      (const char *[]) { "A00002L9", "A00001L9", NULL });

  /* The same run again: nothing to do, nothing written. */
  audit_before = cli_audit_entries (f);
  out = cli_ok (f, "record", "payroll", "tape", "--status", "failed",
                "--started", "2026-11-20T22:00:00Z", "--finished", "2026-11-20T23:15:00Z",
                "--volumes", "A00002L9,A00001L9", "--bytes", "1000", "--files", "10",
                "--message", "drive error", "--run-id", "tape-2", NULL);
  g_assert_cmpint (cli_audit_entries (f), ==, audit_before);

  /* Without a run id, the start time tells runs apart. */
  g_free (cli_ok (f, "record", "payroll", "nas", "--status", "running", "--started",
                  "2026-11-20T21:00:00Z",
                  NULL));
  g_free (cli_ok (f, "record", "payroll", "nas", "--status", "success", "--started",
                  "2026-11-20T21:00:00Z",
                  "--finished", "2026-11-20T21:20:00Z", NULL));
  g_assert_cmpint (cli_export_count (f, "executions"), ==, 4);
  g_free (cli_ok (f, "record", "payroll", "nas", "--status", "success", "--started",
                  "2026-11-20T21:30:00Z",
                  "--finished", "2026-11-20T21:40:00Z", NULL));
  g_assert_cmpint (cli_export_count (f, "executions"), ==, 5);

  /* The failed tape run is its latest: an error, and not a valid copy
   * any more once the older success is out of its RPO. */
  check = cli_json (f, EXIT_VIOLATION, "--at", "2026-11-21T01:00:00Z", "check", NULL);
  g_assert_cmpint (cli_int_member (cli_rule_of (cli_verdict_of (check, "payroll"), "0-errors"),
                                   "have"), >=, 1);
}

static void
test_text_output_is_aligned (CtlFixture    *f,
                             gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;
  const char *column;
  glong status_at;

  cli_build_compliant_store (f);
  cli_add_violating_job (f);
  g_free (cli_ok (f, "--at", SETUP, "job", "add", "a-much-longer-job-name", "--owner", "ann",
                  NULL));

  out = cli_ok (f, "--at", NOW, "job", "list", NULL);
  lines = g_strsplit (out, "\n", -1);
  g_assert_cmpint (g_strv_length (lines), ==, 5);
  column = strstr (lines[0], "STATUS");
  g_assert_nonnull (column);
  status_at = column - lines[0];
  g_assert_true (g_str_has_prefix (lines[1] + status_at, "violation "));
  g_assert_true (g_str_has_prefix (lines[2] + status_at, "violation "));
  g_assert_true (g_str_has_prefix (lines[3] + status_at, "compliant "));
  g_assert_cmpstr (lines[4], ==, "");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  CLI_TEST_ADD ("json/job-list-and-show", test_job_list_and_show_json);
  CLI_TEST_ADD ("json/check-shape", test_check_json_shape);
  CLI_TEST_ADD ("text/output-is-aligned", test_text_output_is_aligned);
  CLI_TEST_ADD ("job/add-defaults-and-rm-removes-everything-of-the-job",
                test_job_add_defaults_and_rm_removes_everything_of_the_job);
  CLI_TEST_ADD ("check/exit-code-follows-violations", test_check_exit_code_follows_violations);
  CLI_TEST_ADD ("record/only-running-may-omit-finished",
                test_record_only_running_may_omit_finished);
  CLI_TEST_ADD ("record/same-run-id-updates-instead-of-duplicating",
                test_record_same_run_id_updates_instead_of_duplicating);

  return cli_test_run ();
}
