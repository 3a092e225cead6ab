/* test-cli-media.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * custodyctl from the outside (custody-cli-test-utils.h).
 * Media and locations: media, location and moves that would break compliance.
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
test_location_list_json (CtlFixture    *f,
                         gconstpointer  data)
{
  static const char *kinds[][2] = {
    { "Library", "library" }, { "NAS", "onsite-repo" }, { "Shelf", "onsite-shelf" },
    { "Truck", "transit" }, { "Vault", "offsite-vault" }, { "Cloud", "offsite-repo" },
    { "Shredder", "destroyed" },
  };
  g_autoptr(JsonNode) list = NULL;
  g_autofree char *text = NULL;

  g_free (cli_ok (f, "init", NULL));
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    g_free (cli_ok (f, "location", "add", kinds[i][0], "--kind", kinds[i][1], NULL));

  list = cli_json (f, EXIT_OK, "location", "list", NULL);
  g_assert_cmpint (json_array_get_length (cli_array_of (list)), ==, G_N_ELEMENTS (kinds));
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    g_assert_cmpstr (cli_str_member (cli_find_by (cli_array_of (list), "name", kinds[i][0]),
                                     "kind"), ==,
                     kinds[i][1]);

  /* The text form is a table a person can read. */
  text = cli_ok (f, "location", "list", NULL);
  g_assert_true (g_str_has_prefix (text, "NAME"));
  g_assert_nonnull (strstr (text, "Shredder  destroyed\n"));
}

static void
test_media_list_and_show_json_movements_oldest_first (CtlFixture    *f,
                                                      gconstpointer  data)
{
  g_autoptr(JsonNode) list = NULL;
  g_autoptr(JsonNode) weekly = NULL;
  g_autoptr(JsonNode) in_vault = NULL;
  g_autoptr(JsonNode) show = NULL;
  JsonObject *a1, *medium;
  JsonArray *movements;

  cli_build_compliant_store (f);
  g_free (cli_ok (f, "--at", SETUP, "media", "add", "R00001", "--type", "RDX", "--pool", "offsite",
                  "--retention-until", "2027-01-31", "--worm", NULL));
  /* A hand-off typed in late: recorded after the vault, dated before it. */
  g_free (cli_ok (f, "--at", "2026-11-20T07:00:00Z", "media", "move", "A00001L9", "--to", "Truck",
                  "--courier", "Eve", "--note", "second courier", NULL));

  list = cli_json (f, EXIT_OK, "--at", NOW, "media", "list", NULL);
  g_assert_cmpint (json_array_get_length (cli_array_of (list)), ==, 3);
  a1 = cli_find_by (cli_array_of (list), "volser", "A00001L9");
  g_assert_cmpstr (cli_str_member (a1, "type"), ==, "LTO-9");
  g_assert_cmpstr (cli_str_member (a1, "pool"), ==, "weekly");
  g_assert_cmpstr (cli_str_member (a1, "status"), ==, "in-use");
  g_assert_cmpstr (cli_str_member (a1, "location"), ==, "Vault");
  g_assert_true (cli_str_member (a1, "retention_until") == NULL);
  g_assert_false (cli_bool_member (a1, "worm"));
  g_assert_cmpstr (cli_str_member (cli_find_by (cli_array_of (list), "volser", "A00002L9"),
                                   "status"), ==,
                   "scratch");
  medium = cli_find_by (cli_array_of (list), "volser", "R00001");
  g_assert_cmpstr (cli_str_member (medium, "retention_until"), ==, "2027-01-31T00:00:00Z");
  g_assert_true (cli_bool_member (medium, "worm"));
  g_assert_true (cli_str_member (medium, "location") == NULL);

  weekly = cli_json (f, EXIT_OK, "--at", NOW, "media", "list", "--pool", "weekly", NULL);
  g_assert_cmpint (json_array_get_length (cli_array_of (weekly)), ==, 2);
  in_vault = cli_json (f, EXIT_OK, "--at", NOW, "media", "list", "--location", "Vault", NULL);
  g_assert_cmpint (json_array_get_length (cli_array_of (in_vault)), ==, 1);
  g_assert_cmpstr (cli_str_member (cli_element (cli_array_of (in_vault), 0), "volser"), ==,
                   "A00001L9");

  /* Lower case, as a hand types it, finds the same volume. */
  show = cli_json (f, EXIT_OK, "--at", NOW, "media", "show", "a00001l9", NULL);
  medium = cli_object_of (show);
  g_assert_cmpstr (cli_str_member (medium, "volser"), ==, "A00001L9");
  g_assert_cmpstr (cli_str_member (medium, "location"), ==, "Vault");
  movements = cli_array_member (medium, "movements");
  g_assert_cmpint (json_array_get_length (movements), ==, 4);
  g_assert_cmpstr (cli_str_member (cli_element (movements, 0), "at"), ==, SETUP);
  g_assert_true (cli_str_member (cli_element (movements, 0), "from") == NULL);
  g_assert_cmpstr (cli_str_member (cli_element (movements, 0), "to"), ==, "Library");
  g_assert_cmpstr (cli_str_member (cli_element (movements, 1), "at"), ==, IN_TRUCK);
  g_assert_cmpstr (cli_str_member (cli_element (movements, 1), "from"), ==, "Library");
  g_assert_cmpstr (cli_str_member (cli_element (movements, 1), "to"), ==, "Truck");
  g_assert_cmpstr (cli_str_member (cli_element (movements, 1), "courier"), ==, "Bob");
  g_assert_cmpstr (cli_str_member (cli_element (movements, 1), "container"), ==, "C7");
  g_assert_cmpstr (cli_str_member (cli_element (movements, 1), "seal"), ==, "S123");
  g_assert_nonnull (cli_str_member (cli_element (movements, 1), "by"));
  g_assert_cmpstr (cli_str_member (cli_element (movements, 2), "at"), ==, "2026-11-20T07:00:00Z");
  g_assert_cmpstr (cli_str_member (cli_element (movements, 2), "courier"), ==, "Eve");
  g_assert_cmpstr (cli_str_member (cli_element (movements, 2), "note"), ==, "second courier");
  g_assert_cmpstr (cli_str_member (cli_element (movements, 3), "at"), ==, IN_VAULT);
  g_assert_cmpstr (cli_str_member (cli_element (movements, 3), "to"), ==, "Vault");
  g_assert_cmpstr (cli_str_member (cli_element (movements, 3), "note"), ==, "received");
}

/*
 * Media moves
 */

static void
test_move_that_breaks_compliance_needs_confirm (CtlFixture    *f,
                                                gconstpointer  data)
{
  g_autoptr(JsonNode) medium = NULL;
  g_autoptr(JsonNode) check = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  JsonArray *audit;
  JsonObject *last;
  gint64 audit_before;

  cli_build_compliant_store (f);
  audit_before = cli_audit_entries (f);

  /* Recalling the only offsite tape breaks payroll's 1-offsite and 1-offline. */
  cli_fails (f, EXIT_USAGE, "payroll", "--at", NOW, "media", "move", "A00001L9", "--to", "Library",
             NULL);
  cli_fails (f, EXIT_USAGE, "--confirm", "--at", NOW, "media", "move", "A00001L9", "--to",
             "Library", NULL);
  cli_fails (f, EXIT_USAGE, "1-offsite", "--at", NOW, "media", "move", "A00002L9", "A00001L9",
             "--to", "Library", NULL);
  g_assert_cmpint (cli_audit_entries (f), ==, audit_before);

  /* In Japanese the refusal names the rules as the app does, not by their keys. */
  {
    g_autofree char *po = g_test_build_filename (G_TEST_BUILT, "..", "po", NULL);
    g_autofree char *ja_err = NULL;

    ctl_fixture_setenv (f, "CUSTODY_LOCALEDIR", po);
    ctl_fixture_setenv (f, "LANGUAGE", "ja");
    g_assert_cmpint (cli_run (f, NULL, NULL, &ja_err, "--at", NOW, "media", "move", "A00001L9",
                              "--to", "Library", NULL), ==, EXIT_USAGE);
    g_test_message ("%s", ja_err);
    g_assert_nonnull (strstr (ja_err, "payroll（オフサイト 1 つ、オフライン 1 つ"));
    g_assert_null (strstr (ja_err, "1-offsite"));
    ctl_fixture_setenv (f, "LANGUAGE", "");
  }
  medium = cli_json (f, EXIT_OK, "--at", NOW, "media", "show", "A00001L9", NULL);
  g_assert_cmpstr (cli_str_member (cli_object_of (medium), "location"), ==, "Vault");
  g_assert_cmpint (json_array_get_length (cli_array_member (cli_object_of (medium), "movements")),
                   ==, 3);

  /* Moving the other, unused tape is no one's business. */
  g_free (cli_ok (f, "--at", NOW, "media", "move", "A00002L9", "--to", "Vault", NULL));

  /* With --confirm it happens, and the audit trail says it was confirmed. */
  g_assert_cmpint (cli_run (f, NULL, &out, &err, "--at", NOW, "media", "move", "A00001L9",
                            "--to", "Library", "--confirm", "--note", "restore drill", NULL), ==,
                            EXIT_OK);
  g_assert_cmpstr (err, ==, "");
  g_clear_pointer (&medium, json_node_unref);
  medium = cli_json (f, EXIT_OK, "--at", NOW, "media", "show", "A00001L9", NULL);
  g_assert_cmpstr (cli_str_member (cli_object_of (medium), "location"), ==, "Library");
  g_assert_cmpint (json_array_get_length (cli_array_member (cli_object_of (medium), "movements")),
                   ==, 4);

  root = cli_export_store (f);
  audit = cli_array_member (cli_object_of (root), "audit");
  last = cli_element (audit, json_array_get_length (audit) - 1);
  g_assert_cmpstr (cli_str_member (last, "action"), ==, "media.move-confirmed");
  g_assert_nonnull (strstr (cli_str_member (last, "after"), "payroll"));

  check = cli_json (f, EXIT_VIOLATION, "--at", NOW, "check", NULL);
  g_assert_false (cli_bool_member (cli_rule_of (cli_verdict_of (check, "payroll"), "1-offsite"),
                                   "pass"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  CLI_TEST_ADD ("json/location-list", test_location_list_json);
  CLI_TEST_ADD ("json/media-list-and-show-movements-oldest-first",
                test_media_list_and_show_json_movements_oldest_first);
  CLI_TEST_ADD ("media/move-that-breaks-compliance-needs-confirm",
                test_move_that_breaks_compliance_needs_confirm);

  return cli_test_run ();
}
