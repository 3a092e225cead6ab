/* test-cli-alerts.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * custodyctl alert list and alert ack from the outside
 * (custody-cli-test-utils.h), on a store whose alerts the app's engine
 * raised: what they say, their order, acknowledging with a note, all or
 * nothing, and completing their ids.
 */
#include "config.h"

#include <string.h>

#include "custody-cli-test-utils.h"
#include "custody-store.h"
#include "custody-time.h"

/* Two jobs: "empty" with no copies, "erp" whose nas copy's latest run
 * failed; the alerts raised as the app raises them, at @at. */
static void
raise_alerts (CtlFixture *f,
              const char *at)
{
  g_autoptr(CustodyStore) store = NULL;
  g_autoptr(GPtrArray) verdicts = NULL;
  g_autoptr(GError) error = NULL;
  gint64 now;

  g_assert_true (custody_time_parse (at, &now, NULL));
  store = custody_store_open (f->db, CUSTODY_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  custody_store_set_clock (store, now);
  verdicts = custody_store_evaluate (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (custody_store_sync_alerts (store, verdicts, NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
make_store (CtlFixture *f)
{
  g_free (cli_ok (f, "--at", SETUP, "init", NULL));
  g_free (cli_ok (f, "--at", SETUP, "job", "add", "empty", NULL));
  g_free (cli_ok (f, "--at", SETUP, "job", "add", "erp", NULL));
  g_free (cli_ok (f, "--at", SETUP, "copy", "add", "erp", "nas", "--media-type", "disk", NULL));
  g_free (cli_ok (f, "record", "erp", "nas", "--status", "failed", "--started", RUN_START,
                  "--finished", RUN_END, NULL));
  raise_alerts (f, NOW);
}

/* The alert of @kind in @alerts, or NULL. */
static JsonObject *
find_kind (JsonArray  *alerts,
           const char *kind)
{
  for (guint i = 0; i < json_array_get_length (alerts); i++)
    if (g_str_equal (cli_str_member (cli_element (alerts, i), "kind"), kind))
      return cli_element (alerts, i);
  return NULL;
}

static JsonArray *
list_json (CtlFixture  *f,
           JsonNode   **keep,
           gboolean     all)
{
  *keep = all ? cli_json (f, EXIT_OK, "--at", NOW, "alert", "list", "--all", NULL)
              : cli_json (f, EXIT_OK, "--at", NOW, "alert", "list", NULL);
  return cli_array_of (*keep);
}

static void
test_list_says_why_gravest_first (CtlFixture    *f,
                                  gconstpointer  data)
{
  g_autoptr(JsonNode) doc = NULL;
  g_autofree char *text = NULL;
  JsonArray *alerts;
  JsonObject *failed = NULL;

  make_store (f);
  alerts = list_json (f, &doc, FALSE);
  g_assert_cmpuint (json_array_get_length (alerts), ==, 3);

  /* Critical before warning. */
  g_assert_cmpstr (cli_str_member (cli_element (alerts, 0), "severity"), ==, "critical");
  g_assert_cmpstr (cli_str_member (cli_element (alerts, 1), "severity"), ==, "critical");
  g_assert_cmpstr (cli_str_member (cli_element (alerts, 2), "severity"), ==, "warning");

  for (guint i = 0; i < json_array_get_length (alerts); i++)
    {
      JsonObject *a = cli_element (alerts, i);
      const char *message = cli_str_member (a, "message");

      g_assert_cmpint (cli_int_member (a, "id"), >, 0);
      g_assert_cmpstr (cli_str_member (a, "raised_at"), ==, NOW);
      g_assert_true (JSON_NODE_HOLDS_NULL (cli_member (a, "acknowledged_by")));
      g_assert_true (JSON_NODE_HOLDS_NULL (cli_member (a, "acknowledged_note")));
      /* Rules by their names, never their keys. */
      g_assert_null (strstr (message, "3-copies"));
      g_assert_null (strstr (message, "0-errors"));
      g_assert_cmpstr (cli_str_member (a, "job"), ==, cli_str_member (a, "subject"));
      if (g_str_equal (cli_str_member (a, "kind"), "failed-run"))
        failed = a;
    }

  g_assert_nonnull (failed);
  g_assert_cmpstr (cli_str_member (failed, "job"), ==, "erp");
  g_assert_cmpstr (cli_str_member (failed, "message"), ==,
                   "erp breaks 0 errors ('nas': latest run failed"
                   " (finished 2026-11-19T23:00:00Z))");
  g_assert_nonnull (strstr (cli_str_member (cli_find_by (alerts, "subject", "empty"), "message"),
                            "empty breaks 3 copies (1 of 3 copies, production included; "
                            "the job has no backup copies)"));

  /* The text says the same. */
  text = cli_ok (f, "--at", NOW, "alert", "list", NULL);
  g_assert_nonnull (strstr (text, "SEVERITY"));
  g_assert_nonnull (strstr (text, "Critical"));
  g_assert_nonnull (strstr (text, "erp breaks 0 errors ('nas': latest run failed"));
  g_assert_true (strstr (text, "Critical") < strstr (text, "Warning"));
}

static void
test_ack_with_note_all_or_nothing (CtlFixture    *f,
                                   gconstpointer  data)
{
  g_autoptr(JsonNode) doc = NULL;
  g_autoptr(JsonNode) acked = NULL;
  g_autoptr(JsonNode) after = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *text = NULL;
  JsonArray *alerts;
  JsonObject *a;

  make_store (f);
  alerts = list_json (f, &doc, FALSE);
  first = g_strdup_printf ("%" G_GINT64_FORMAT, cli_int_member (cli_element (alerts, 0), "id"));
  second = g_strdup_printf ("%" G_GINT64_FORMAT, cli_int_member (cli_element (alerts, 2), "id"));

  /* An unknown id, or one that is no id, among good ones: nothing written. */
  cli_fails (f, EXIT_USAGE, "unknown alert 4242", "alert", "ack", first, "4242", NULL);
  cli_fails (f, EXIT_USAGE, "'x1' is not an alert id", "alert", "ack", first, "x1", NULL);
  cli_fails (f, EXIT_USAGE, "missing the alerts to acknowledge", "alert", "ack", NULL);
  g_assert_cmpint (ctl_query_int (f, "SELECT count(*) FROM alerts"
                                     " WHERE acknowledged_at IS NOT NULL"), ==, 0);

  /* Two at once, with a note. */
  acked = cli_json (f, EXIT_OK, "--at", NOW, "alert", "ack", first, second,
                    "--note", "tape goes out today", NULL);
  g_assert_cmpuint (json_array_get_length (cli_array_member (cli_object_of (acked),
                                                             "acknowledged")), ==, 2);
  g_assert_cmpint (cli_int_member (cli_object_of (acked), "already"), ==, 0);

  after = cli_json (f, EXIT_OK, "--at", NOW, "alert", "list", NULL);
  a = cli_element (cli_array_of (after), 0);
  g_assert_cmpstr (cli_str_member (a, "acknowledged_note"), ==, "tape goes out today");
  g_assert_cmpstr (cli_str_member (a, "acknowledged_at"), ==, NOW);
  g_assert_false (JSON_NODE_HOLDS_NULL (cli_member (a, "acknowledged_by")));
  g_assert_true (JSON_NODE_HOLDS_NULL (cli_member (cli_element (cli_array_of (after), 1),
                                                   "acknowledged_note")));
  g_assert_cmpint (ctl_query_int (f, "SELECT count(*) FROM audit WHERE action ="
                                     " 'alerts.acknowledge' AND after LIKE '%tape goes out%'"),
                   ==, 1);

  /* Again: already acknowledged, the first note stays. */
  text = cli_ok (f, "alert", "ack", first, "--note", "another", NULL);
  g_assert_nonnull (strstr (text, "Acknowledged 0 alerts."));
  g_assert_nonnull (strstr (text, "1 was acknowledged already."));
  g_assert_cmpint (ctl_query_int (f, "SELECT count(*) FROM alerts"
                                     " WHERE acknowledged_note = 'another'"), ==, 0);
  g_clear_pointer (&text, g_free);

  text = cli_ok (f, "--at", NOW, "alert", "list", NULL);
  g_assert_nonnull (strstr (text, ": tape goes out today"));
}

static void
test_all_lists_resolved_too (CtlFixture    *f,
                             gconstpointer  data)
{
  g_autoptr(JsonNode) open = NULL;
  g_autoptr(JsonNode) all = NULL;

  make_store (f);
  /* A good run ends erp's failed run: resolved at the next sync. */
  g_free (cli_ok (f, "record", "erp", "nas", "--status", "success", "--started", IN_TRUCK,
                  "--finished", IN_VAULT, NULL));
  raise_alerts (f, NOW);

  g_assert_null (find_kind (list_json (f, &open, FALSE), "failed-run"));
  g_assert_nonnull (find_kind (list_json (f, &all, TRUE), "failed-run"));
  g_assert_cmpstr (cli_str_member (find_kind (cli_array_of (all), "failed-run"), "resolved_at"),
                   ==, NOW);
}

static void
test_completes_open_alert_ids (CtlFixture    *f,
                               gconstpointer  data)
{
  g_autoptr(JsonNode) doc = NULL;
  g_autofree char *out = NULL;
  g_autofree char *id = NULL;
  g_autofree char *line = NULL;
  const char *args[] = { cli_custodyctl_path (), "--db", f->db, "__complete", "alert", "ack", "",
                         NULL };

  make_store (f);
  id = g_strdup_printf ("%" G_GINT64_FORMAT,
                        cli_int_member (cli_element (list_json (f, &doc, FALSE), 0), "id"));
  line = g_strdup_printf ("%s\n", id);
  g_assert_cmpint (custody_test_spawn (f->dir, f->env, args, NULL, &out, NULL), ==, 0);
  g_assert_nonnull (strstr (out, line));
  g_clear_pointer (&out, g_free);

  /* An acknowledged alert needs no more. */
  g_free (cli_ok (f, "alert", "ack", id, NULL));
  g_assert_cmpint (custody_test_spawn (f->dir, f->env, args, NULL, &out, NULL), ==, 0);
  g_assert_null (strstr (out, line));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  CLI_TEST_ADD ("alerts/list-says-why-gravest-first", test_list_says_why_gravest_first);
  CLI_TEST_ADD ("alerts/ack-with-note-all-or-nothing", test_ack_with_note_all_or_nothing);
  CLI_TEST_ADD ("alerts/all-lists-resolved-too", test_all_lists_resolved_too);
  CLI_TEST_ADD ("alerts/completes-open-alert-ids", test_completes_open_alert_ids);

  return cli_test_run ();
}
