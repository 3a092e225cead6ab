/* test-cli-unix.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What custodyctl owes Unix conventions, seen from the outside on real
 * stores: numbers as they were written, a version in its JSON documents,
 * errors as JSON for scripts that asked for JSON, group help, and the
 * completion candidates the shell scripts ask for.
 */
#include "config.h"

#include <string.h>

#include "custody-ctl-test-utils.h"

#define CTL_EXIT_STORE 3

static JsonObject *
object_of (JsonNode *node)
{
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_node_get_object (node);
}

/*
 * Numbers
 */

static void
test_policy_fraction_is_printed_as_set (CtlFixture    *f,
                                        gconstpointer  data)
{
  static const char * const values[] = { "0.1", "0.25", "0.0000001", "0.3333333333333333" };
  static const char * const json_texts[] = { "0.1", "0.25", "1e-07", "0.3333333333333333" };

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autofree char *out = NULL, *err = NULL, *text = NULL;
      g_autofree char *json_line = g_strdup_printf ("\"at-risk-rpo-fraction\" : %s,\n",
                                                    json_texts[i]);
      g_autofree char *text_line = g_strdup_printf ("at-risk-rpo-fraction  %s\n", json_texts[i]);

      ctl_ok (f, "policy", "set", "at-risk-rpo-fraction", values[i], NULL);
      g_assert_cmpint (ctl_run (f, NULL, &out, &err, "--json", "policy", "show", NULL), ==, 0);
      if (strstr (out, json_line) == NULL)
        g_test_message ("policy show --json: %s", out);
      g_assert_nonnull (strstr (out, json_line));
      /* Text as precise as JSON: 0.25 is not rounded to 0.3, nor 0.1 padded to 0.10. */
      g_assert_cmpint (ctl_run (f, NULL, &text, NULL, "policy", "show", NULL), ==, 0);
      g_assert_nonnull (strstr (text, text_line));
    }
}

/*
 * Errors as JSON
 */

/* Runs custodyctl and returns the one JSON line it wrote on stderr. */
static JsonObject *
json_error_of (CtlFixture *f,
               int         status,
               JsonNode  **keep,
               const char * const *args)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL, *err = NULL;
  JsonObject *root, *inner;

  g_assert_cmpint (ctl_spawn (f, args, NULL, &out, &err), ==, status);
  g_assert_cmpstr (out, ==, "");
  g_assert_true (g_utf8_validate (err, -1, NULL));
  g_assert_true (g_str_has_suffix (err, "}\n"));
  g_assert_true (strchr (err, '\n') == err + strlen (err) - 1);  /* one line */
  json_parser_load_from_data (parser, err, -1, &error);
  g_assert_no_error (error);
  *keep = json_node_copy (json_parser_get_root (parser));
  root = object_of (*keep);
  g_assert_cmpstr (json_object_get_string_member (root, "version"), ==, PACKAGE_VERSION);
  inner = json_object_get_object_member (root, "error");
  g_assert_nonnull (inner);
  g_assert_cmpint (json_object_get_int_member (inner, "exit_code"), ==, status);

  return inner;
}

static void
test_errors_are_json_with_json (CtlFixture    *f,
                                gconstpointer  data)
{
  const char *ctl = g_getenv ("CUSTODYCTL");
  g_autofree char *missing = ctl_fixture_path (f, "missing.db");
  const char * const usage_before[] = { ctl, "--db", f->db, "--json", "job", "show", "payrol",
                                        NULL };
  const char * const usage_after[] = { ctl, "--db", f->db, "job", "show", "payrol", "--json",
                                       NULL };
  const char * const bad_name[] = { ctl, "--db", f->db, "--json", "job", "show", "caf\xe9", NULL };
  const char * const bad_option[] = { ctl, "--json", "--db", f->db, "job", "list", "--frob", NULL };
  const char * const store[] = { ctl, "--db", missing, "--json", "job", "list", NULL };
  const char * const text[] = { ctl, "--db", f->db, "job", "show", "payrol", NULL };
  g_autoptr(JsonNode) n1 = NULL, n2 = NULL, n3 = NULL, n4 = NULL, n5 = NULL;
  g_autofree char *out = NULL, *err = NULL;
  JsonObject *e;

  e = json_error_of (f, CTL_EXIT_USAGE, &n1, usage_before);
  g_assert_cmpstr (json_object_get_string_member (e, "message"), ==, "unknown job 'payrol'");
  e = json_error_of (f, CTL_EXIT_USAGE, &n2, usage_after);
  g_assert_cmpstr (json_object_get_string_member (e, "message"), ==, "unknown job 'payrol'");
  /* A name in Latin-1 still gives valid UTF-8. */
  e = json_error_of (f, CTL_EXIT_USAGE, &n3, bad_name);
  g_assert_nonnull (strstr (json_object_get_string_member (e, "message"), "unknown job"));
  e = json_error_of (f, CTL_EXIT_USAGE, &n4, bad_option);
  g_assert_nonnull (strstr (json_object_get_string_member (e, "message"), "--frob"));
  e = json_error_of (f, CTL_EXIT_STORE, &n5, store);
  g_assert_nonnull (strstr (json_object_get_string_member (e, "message"), "missing.db"));

  /* Without --json, the text of cli.md. */
  g_assert_cmpint (ctl_spawn (f, text, NULL, &out, &err), ==, CTL_EXIT_USAGE);
  g_assert_cmpstr (err, ==, "custodyctl: error: unknown job 'payrol'\n");
}

/*
 * Versions
 */

static void
assert_has_version (JsonNode *node)
{
  JsonObject *o = object_of (node);

  g_assert_true (json_object_has_member (o, "version"));
  g_assert_cmpstr (json_object_get_string_member (o, "version"), ==, PACKAGE_VERSION);
}

static void
test_object_documents_carry_the_version (CtlFixture    *f,
                                         gconstpointer  data)
{
  g_autoptr(JsonNode) version = NULL, job = NULL, list = NULL, policy = NULL, check = NULL;
  g_autoptr(JsonNode) db_check = NULL, location = NULL, import = NULL, medium = NULL;
  g_autofree char *csv = ctl_fixture_write (f, "media.csv", "volser,type\nA00001L9,lto-9\n", -1);
  g_autofree char *text = NULL;

  version = ctl_json (f, 0, "version", NULL);
  assert_has_version (version);
  g_assert_cmpint (json_object_get_int_member (object_of (version), "schema"), >=, 1);
  g_assert_cmpuint (json_object_get_size (object_of (version)), ==, 2);
  g_assert_cmpint (ctl_run (f, NULL, &text, NULL, "version", NULL), ==, 0);
  g_assert_true (g_str_has_prefix (text, "custodyctl " PACKAGE_VERSION "\n"));

  location = ctl_json (f, 0, "location", "add", "Vault", "--kind", "offsite-vault", NULL);
  assert_has_version (location);
  ctl_ok (f, "job", "add", "payroll", NULL);
  job = ctl_json (f, 0, "job", "show", "payroll", NULL);
  assert_has_version (job);
  check = ctl_json (f, 1, "check", NULL);
  assert_has_version (check);
  db_check = ctl_json (f, 0, "db", "check", NULL);
  assert_has_version (db_check);
  import = ctl_json (f, 0, "import", "media", csv, NULL);
  assert_has_version (import);
  medium = ctl_json (f, 0, "media", "show", "A00001L9", NULL);
  assert_has_version (medium);

  /* Lists stay arrays, and the policy a map of its keys only (cli.md). */
  list = ctl_json (f, 0, "job", "list", NULL);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (list));
  policy = ctl_json (f, 0, "policy", "show", NULL);
  g_assert_false (json_object_has_member (object_of (policy), "version"));
}

/*
 * Group help
 */

static void
assert_lists_media_subcommands (const char *text)
{
  static const char * const subcommands[] = { "add", "move", "list", "show", "today", "labels" };

  g_assert_nonnull (strstr (text, "Subcommands:"));
  for (guint i = 0; i < G_N_ELEMENTS (subcommands); i++)
    {
      g_autofree char *line = g_strdup_printf ("\n  %s ", subcommands[i]);

      g_assert_nonnull (strstr (text, line));
    }
  g_assert_nonnull (strstr (text, "Move volumes\n"));
  /* Only the group's own. */
  g_assert_null (strstr (text, "Add a job"));
}

static void
test_group_help_lists_subcommands (CtlFixture    *f,
                                   gconstpointer  data)
{
  g_autofree char *out1 = NULL, *err1 = NULL, *out2 = NULL, *err2 = NULL;
  g_autofree char *out3 = NULL, *err3 = NULL, *out4 = NULL, *err4 = NULL;

  g_assert_cmpint (ctl_run (f, NULL, &out1, &err1, "help", "media", NULL), ==, 0);
  assert_lists_media_subcommands (out1);
  g_assert_cmpstr (err1, ==, "");

  g_assert_cmpint (ctl_run (f, NULL, &out2, &err2, "media", "--help", NULL), ==, 0);
  g_assert_cmpstr (out2, ==, out1);

  /* Alone, an error: what is wrong, first as every error, then the list. */
  g_assert_cmpint (ctl_run (f, NULL, &out3, &err3, "media", NULL), ==, CTL_EXIT_USAGE);
  g_assert_cmpstr (out3, ==, "");
  g_assert_true (g_str_has_prefix (err3, "custodyctl: error: 'media' needs a subcommand "
                                         "(see 'custodyctl --help')\nUsage: "));
  assert_lists_media_subcommands (err3);

  /* A subcommand's own help is unchanged. */
  g_assert_cmpint (ctl_run (f, NULL, &out4, &err4, "help", "media", "move", NULL), ==, 0);
  g_assert_nonnull (strstr (out4, "--to"));
}

/*
 * Completion
 */

static GStrv
complete (CtlFixture *f,
          const char *first,
          ...) G_GNUC_NULL_TERMINATED;

/* custodyctl --db DB __complete WORDS...: the candidates, which it must
 * print without complaint. */
static GStrv
complete (CtlFixture *f,
          const char *first,
          ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autofree char *out = NULL, *err = NULL;
  va_list ap;

  g_ptr_array_add (args, (gpointer) g_getenv ("CUSTODYCTL"));
  g_ptr_array_add (args, (gpointer) "--db");
  g_ptr_array_add (args, f->db);
  g_ptr_array_add (args, (gpointer) "__complete");
  va_start (ap, first);
  for (const char *a = first; a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) a);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  g_assert_cmpint (ctl_spawn (f, (const char * const *) args->pdata, NULL, &out, &err), ==, 0);
  g_assert_cmpstr (err, ==, "");
  if (g_str_has_suffix (out, "\n"))
    out[strlen (out) - 1] = '\0';

  return out[0] != '\0' ? g_strsplit (out, "\n", -1) : g_new0 (char *, 1);
}

static void
assert_candidates (GStrv       got,
                   const char *expected)
{
  g_autofree char *joined = g_strjoinv (" ", got);

  g_assert_cmpstr (joined, ==, expected);
  g_strfreev (got);
}

static void
test_complete_names_from_the_store (CtlFixture    *f,
                                    gconstpointer  data)
{
  g_autofree char *csv = ctl_fixture_write (f, "media.csv",
                                            "volser,type,pool\nA00001L9,lto-9,\nA00002L9,lto-9,\n"
                                            "B00001L9,lto-9,\n", -1);
  g_autofree char *before = NULL, *after = NULL;

  ctl_ok (f, "location", "add", "Cloud eu-west", "--kind", "offsite-repo", NULL);
  ctl_ok (f, "location", "add", "Vault", "--kind", "offsite-vault", NULL);
  ctl_ok (f, "job", "add", "payroll", NULL);
  ctl_ok (f, "job", "add", "pay-slips", NULL);
  ctl_ok (f, "job", "add", "mail", NULL);
  ctl_ok (f, "copy", "add", "payroll", "nas", "--media-type", "disk", NULL);
  ctl_ok (f, "copy", "add", "payroll", "tape", "--media-type", "tape", NULL);
  ctl_ok (f, "copy", "add", "mail", "cloud", "--media-type", "object-storage", NULL);
  ctl_ok (f, "pool", "add", "Weekly", "--scheme", "none", NULL);
  ctl_ok (f, "import", "media", csv, NULL);
  before = ctl_query_text (f, "SELECT group_concat (name) FROM jobs");

  /* Commands and subcommands; the hidden one is not offered. */
  assert_candidates (complete (f, "jo", NULL), "job");
  assert_candidates (complete (f, "copy", "", NULL), "add list rm");
  assert_candidates (complete (f, "__", NULL), "");
  assert_candidates (complete (f, "help", "med", NULL), "media");

  /* Jobs, and the copies of the job named before. */
  assert_candidates (complete (f, "job", "show", "", NULL), "mail pay-slips payroll");
  assert_candidates (complete (f, "job", "rm", "pay", NULL), "pay-slips payroll");
  assert_candidates (complete (f, "copy", "rm", "payroll", "", NULL), "nas tape");
  assert_candidates (complete (f, "verify", "mail", "", NULL), "cloud");
  assert_candidates (complete (f, "record", "payroll", "--status", "success", "t", NULL), "tape");
  assert_candidates (complete (f, "check", "mail", "pay", NULL), "pay-slips payroll");
  assert_candidates (complete (f, "history", "--limit", "3", "m", NULL), "mail");
  assert_candidates (complete (f, "copy", "rm", "payroll", "nas", "", NULL), "");

  /* Option values: locations, pools, jobs and copies. */
  assert_candidates (complete (f, "media", "move", "A00001L9", "--to", "", NULL),
                     "Cloud eu-west Vault");
  assert_candidates (complete (f, "copy", "add", "mail", "x", "--location", "V", NULL), "Vault");
  assert_candidates (complete (f, "media", "list", "--pool", "", NULL), "Weekly");
  assert_candidates (complete (f, "import", "borg", "--job", "p", NULL), "pay-slips payroll");
  assert_candidates (complete (f, "import", "borg", "--job", "payroll", "--copy", "", NULL),
                     "nas tape");
  /* A report's --to is a time, not a location. */
  assert_candidates (complete (f, "report", "audit", "--to", "", NULL), "");

  /* Volumes. */
  assert_candidates (complete (f, "media", "show", "A", NULL), "A00001L9 A00002L9");
  assert_candidates (complete (f, "media", "move", "A00001L9", "B", NULL), "B00001L9");
  assert_candidates (complete (f, "media", "retire", "", NULL), "A00001L9 A00002L9 B00001L9");

  /* Options, from the commands' own tables, printing commands included. */
  assert_candidates (complete (f, "job", "add", "x", "--rpo", NULL), "--rpo-hours");
  assert_candidates (complete (f, "media", "labels", "--out", NULL), "--output");
  assert_candidates (complete (f, "check", "--", NULL), "--verbose --json --db --at --help");

  /* --db among the words is the store to read. */
  {
    g_autofree char *other = ctl_fixture_path (f, "other.db");
    const char *argv[] = { g_getenv ("CUSTODYCTL"), "init", NULL };

    ctl_fixture_setenv (f, "CUSTODY_DB", other);
    g_assert_cmpint (ctl_spawn (f, argv, NULL, NULL, NULL), ==, 0);
    assert_candidates (complete (f, "--db", other, "job", "show", "", NULL), "");
  }

  after = ctl_query_text (f, "SELECT group_concat (name) FROM jobs");
  g_assert_cmpstr (after, ==, before);
}

static void
test_complete_every_command_has_options (CtlFixture    *f,
                                         gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;
  guint n = 0;

  g_assert_cmpint (ctl_run (f, NULL, &out, NULL, "--help", NULL), ==, 0);
  lines = g_strsplit (strstr (out, "Commands:\n") + strlen ("Commands:\n"), "\n", -1);
  for (guint i = 0; lines[i] != NULL && g_str_has_prefix (lines[i], "  "); i++)
    {
      g_auto(GStrv) words = g_strsplit_set (g_strstrip (lines[i]), " ", 3);
      g_autofree char *joined = NULL;
      GStrv got;

      /* "job add  Add a job": one word, or two when the second is a
       * subcommand (lower case, not the summary's first word). */
      if (words[1] != NULL && words[1][0] != '\0' && g_ascii_islower (words[1][0]))
        got = complete (f, words[0], words[1], "--", NULL);
      else
        got = complete (f, words[0], "--", NULL);
      joined = g_strjoinv (" ", got);
      g_strfreev (got);
      if (strstr (joined, "--json") == NULL || strstr (joined, "--db") == NULL)
        g_test_message ("%s: %s", lines[i], joined);
      g_assert_nonnull (strstr (joined, "--json"));
      g_assert_nonnull (strstr (joined, "--db"));
      n++;
    }
  g_assert_cmpuint (n, >, 40);
}

static void
test_complete_without_a_store_is_quiet (CtlFixture    *f,
                                        gconstpointer  data)
{
  g_autofree char *missing = ctl_fixture_path (f, "missing.db");
  g_autofree char *garbage = ctl_fixture_write (f, "garbage.db", "not a store", -1);
  const char *ctl = g_getenv ("CUSTODYCTL");
  const char *no_store[] = { ctl, "--db", missing, "__complete", "job", "show", "", NULL };
  const char *not_a_store[] = { ctl, "--db", garbage, "__complete", "media", "show", "", NULL };
  g_autofree char *out1 = NULL, *err1 = NULL, *out2 = NULL, *err2 = NULL;

  g_assert_cmpint (ctl_spawn (f, no_store, NULL, &out1, &err1), ==, 0);
  g_assert_cmpstr (out1, ==, "");
  g_assert_cmpstr (err1, ==, "");
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));

  g_assert_cmpint (ctl_spawn (f, not_a_store, NULL, &out2, &err2), ==, 0);
  g_assert_cmpstr (out2, ==, "");
  g_assert_cmpstr (err2, ==, "");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/cli-unix/" path, CtlFixture, NULL, ctl_fixture_set_up, func, ctl_fixture_tear_down)

  ADD ("numbers/policy-fraction-is-printed-as-set", test_policy_fraction_is_printed_as_set);
  ADD ("errors/json-with-json", test_errors_are_json_with_json);
  ADD ("version/object-documents", test_object_documents_carry_the_version);
  ADD ("help/group-lists-subcommands", test_group_help_lists_subcommands);
  ADD ("complete/names-from-the-store", test_complete_names_from_the_store);
  ADD ("complete/every-command-has-options", test_complete_every_command_has_options);
  ADD ("complete/without-a-store-is-quiet", test_complete_without_a_store_is_quiet);

#undef ADD

  return g_test_run ();
}
