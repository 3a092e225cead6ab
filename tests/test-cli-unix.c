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
      g_autofree char *json_line = g_strdup_printf ("\"at-risk-rpo-fraction\" : %s,\n", json_texts[i]);
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
  const char * const usage_before[] = { ctl, "--db", f->db, "--json", "job", "show", "payrol", NULL };
  const char * const usage_after[] = { ctl, "--db", f->db, "job", "show", "payrol", "--json", NULL };
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

#undef ADD

  return g_test_run ();
}
