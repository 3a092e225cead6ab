/* custody-cli-test-utils.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <string.h>

#include "custody-cli-test-utils.h"

/*
 * Files
 */

/* Deterministic garbage. */
void
cli_fill_garbage (guint8  *data,
                  gsize    len,
                  guint32  seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);

  for (gsize i = 0; i < len; i++)
    data[i] = (guint8) g_rand_int_range (rand, 0, 256);
}

/*
 * Running custodyctl
 */

const char *
cli_custodyctl_path (void)
{
  const char *path = g_getenv ("CUSTODYCTL");

  g_assert_nonnull (path);
  return path;
}

/* Runs custodyctl with @args (what follows "custodyctl") and returns its
 * exit status, or -1 if it did not exit (a crash, a fatal warning). */
int
cli_run_argv (CtlFixture          *f,
              const char * const  *args,
              const char          *stdin_text,
              char               **out,
              char               **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();

  if (f->as_nobody)
    {
      g_ptr_array_add (argv, (gpointer) "setpriv");
      g_ptr_array_add (argv, (gpointer) "--reuid=65534");
      g_ptr_array_add (argv, (gpointer) "--regid=65534");
      g_ptr_array_add (argv, (gpointer) "--clear-groups");
    }
  g_ptr_array_add (argv, (gpointer) cli_custodyctl_path ());
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  return custody_test_spawn (f->dir, f->env, (const char * const *) argv->pdata, stdin_text,
                             out, err);
}

static GPtrArray *
collect_args (CtlFixture *f,
              gboolean    json,
              const char *first,
              va_list     ap)
{
  GPtrArray *args = g_ptr_array_new ();

  g_ptr_array_add (args, (gpointer) "--db");
  g_ptr_array_add (args, f->db);
  if (json)
    g_ptr_array_add (args, (gpointer) "--json");
  for (const char *arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) arg);
  g_ptr_array_add (args, NULL);

  return args;
}

int
cli_run (CtlFixture  *f,
         const char  *stdin_text,
         char       **out,
         char       **err,
         ...)
{
  g_autoptr(GPtrArray) args = NULL;
  va_list ap;

  va_start (ap, err);
  args = collect_args (f, FALSE, va_arg (ap, const char *), ap);
  va_end (ap);

  return cli_run_argv (f, (const char * const *) args->pdata, stdin_text, out, err);
}

char *
cli_ok (CtlFixture *f,
        ...)
{
  g_autoptr(GPtrArray) args = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  va_list ap;

  va_start (ap, f);
  args = collect_args (f, FALSE, va_arg (ap, const char *), ap);
  va_end (ap);

  g_assert_cmpint (cli_run_argv (f, (const char * const *) args->pdata, NULL, &out, &err), ==,
                   EXIT_OK);
  g_assert_cmpstr (err, ==, "");

  return out;
}

JsonNode *
cli_parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (json_parser_get_root (parser));

  return json_node_copy (json_parser_get_root (parser));
}

/* custodyctl --db STORE --json ARGS..., which must exit with @status and
 * print one JSON document. */

JsonNode *
cli_json (CtlFixture *f,
          int         status,
          ...)
{
  g_autoptr(GPtrArray) args = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  va_list ap;

  va_start (ap, status);
  args = collect_args (f, TRUE, va_arg (ap, const char *), ap);
  va_end (ap);

  g_assert_cmpint (cli_run_argv (f, (const char * const *) args->pdata, NULL, &out, &err), ==,
                   status);
  g_assert_cmpstr (err, ==, "");

  return cli_parse_json (out);
}

/* A command that must fail with @status, say so on stderr as
 * "custodyctl: error: ..." with @message in it, print nothing on stdout,
 * and leave the store file exactly as it was (or absent if it was). */
void
cli_assert_fails_argv (CtlFixture         *f,
                       int                 status,
                       const char         *message,
                       const char * const *args,
                       const char         *stdin_text)
{
  g_autofree char *before = f->hands_off ? NULL : custody_test_file_sha256 (f->db);
  g_autofree char *after = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (cli_run_argv (f, args, stdin_text, &out, &err), ==, status);
  g_test_message ("stderr: %s", err);
  if (g_strv_contains (args, "--json"))
    {
      /* {"error": {"message": ..., "exit_code": N}, "version": ...} */
      g_autoptr(JsonNode) doc = cli_parse_json (err);
      JsonObject *error = json_object_get_object_member (json_node_get_object (doc), "error");

      g_assert_nonnull (strstr (json_object_get_string_member (error, "message"), message));
      g_assert_cmpint (json_object_get_int_member (error, "exit_code"), ==, status);
    }
  else
    {
      g_assert_true (g_str_has_prefix (err, "custodyctl: error: "));
      g_assert_nonnull (strstr (err, message));
    }
  g_assert_true (g_str_has_suffix (err, "\n"));
  if (out[0] != '\0')
    g_test_message ("stdout: %.200s", out);
  g_assert_true (out[0] == '\0');

  if (!f->hands_off)
    {
      after = custody_test_file_sha256 (f->db);
      g_assert_cmpstr (after, ==, before);
    }
}

static void
fails_va (CtlFixture *f,
          const char *stdin_text,
          int         status,
          const char *message,
          va_list     ap)
{
  const char *first = va_arg (ap, const char *);
  g_autoptr(GPtrArray) args = collect_args (f, FALSE, first, ap);

  cli_assert_fails_argv (f, status, message, (const char * const *) args->pdata, stdin_text);
}

void
cli_fails (CtlFixture *f,
           int         status,
           const char *message,
           ...)
{
  va_list ap;

  va_start (ap, message);
  fails_va (f, NULL, status, message, ap);
  va_end (ap);
}

void
cli_fails_stdin (CtlFixture *f,
                 const char *stdin_text,
                 int         status,
                 const char *message,
                 ...)
{
  va_list ap;

  va_start (ap, message);
  fails_va (f, stdin_text, status, message, ap);
  va_end (ap);
}

/*
 * JSON
 */

JsonObject *
cli_object_of (JsonNode *node)
{
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_node_get_object (node);
}

JsonArray *
cli_array_of (JsonNode *node)
{
  g_assert_true (JSON_NODE_HOLDS_ARRAY (node));
  return json_node_get_array (node);
}

JsonNode *
cli_member (JsonObject *object,
            const char *name)
{
  if (!json_object_has_member (object, name))
    g_test_message ("no member '%s'", name);
  g_assert_true (json_object_has_member (object, name));
  return json_object_get_member (object, name);
}

/* A string member, or NULL for a JSON null. */
const char *
cli_str_member (JsonObject *object,
                const char *name)
{
  JsonNode *node = cli_member (object, name);

  if (JSON_NODE_HOLDS_NULL (node))
    return NULL;
  g_assert_true (json_node_get_value_type (node) == G_TYPE_STRING);
  return json_node_get_string (node);
}

gint64
cli_int_member (JsonObject *object,
                const char *name)
{
  JsonNode *node = cli_member (object, name);

  g_assert_true (json_node_get_value_type (node) == G_TYPE_INT64);
  return json_node_get_int (node);
}

gboolean
cli_bool_member (JsonObject *object,
                 const char *name)
{
  JsonNode *node = cli_member (object, name);

  g_assert_true (json_node_get_value_type (node) == G_TYPE_BOOLEAN);
  return json_node_get_boolean (node);
}

JsonArray *
cli_array_member (JsonObject *object,
                  const char *name)
{
  return cli_array_of (cli_member (object, name));
}

JsonObject *
cli_element (JsonArray *array,
             guint      index)
{
  g_assert_cmpint (index, <, json_array_get_length (array));
  return cli_object_of (json_array_get_element (array, index));
}

/* The object of @array whose @key member is @value. */
JsonObject *
cli_find_by (JsonArray  *array,
             const char *key,
             const char *value)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *o = cli_element (array, i);

      if (g_strcmp0 (cli_str_member (o, key), value) == 0)
        return o;
    }
  g_test_message ("no %s '%s'", key, value);
  g_assert_true (FALSE);
  return NULL;
}

void
cli_assert_strings (JsonArray          *array,
                    const char * const *expected)
{
  guint n = g_strv_length ((char **) expected);

  g_assert_cmpint (json_array_get_length (array), ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpstr (json_array_get_string_element (array, i), ==, expected[i]);
}

/* Any string in @array containing @needle. */
gboolean
cli_strings_contain (JsonArray  *array,
                     const char *needle)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (strstr (json_array_get_string_element (array, i), needle) != NULL)
      return TRUE;
  return FALSE;
}

/*
 * What is in the store, as custodyctl reports it
 */

gint64
cli_audit_entries (CtlFixture *f)
{
  g_autoptr(JsonNode) check = cli_json (f, EXIT_OK, "db", "check", NULL);

  g_assert_true (cli_bool_member (cli_object_of (check), "ok"));
  return cli_int_member (cli_object_of (check), "audit_entries");
}

JsonNode *
cli_export_store (CtlFixture *f)
{
  g_autofree char *out = cli_ok (f, "export", NULL);

  return cli_parse_json (out);
}

guint
cli_export_count (CtlFixture *f,
                  const char *table)
{
  g_autoptr(JsonNode) root = cli_export_store (f);

  return json_array_get_length (cli_array_member (cli_object_of (root), table));
}

/* The export without its own date: equal strings, equal stores. */
char *
cli_export_text (CtlFixture *f)
{
  g_autoptr(JsonNode) root = cli_export_store (f);
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_object_remove_member (cli_object_of (root), "exported_at");
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

/* One check verdict as JSON. */
JsonObject *
cli_verdict_of (JsonNode   *check,
                const char *job)
{
  return cli_find_by (cli_array_member (cli_object_of (check), "jobs"), "job", job);
}

JsonObject *
cli_rule_of (JsonObject *verdict,
             const char *rule)
{
  return cli_find_by (cli_array_member (verdict, "rules"), "rule", rule);
}

/*
 * Fixture
 */

/* A fixture without a store: custodyctl's own init makes it. */
void
cli_fixture_set_up (CtlFixture    *f,
                    gconstpointer  data)
{
  f->dir = custody_test_make_tmpdir ();
  f->db = g_build_filename (f->dir, "custody.db", NULL);

  /* The test environment's CUSTODY_DB points nowhere on purpose: a test
   * that forgets --db fails instead of touching a real store. */
  f->env = custody_test_environ ();
}

/*
 * Stores used by many tests
 */

/* Locations, and one job "payroll" that meets 3-2-1-1-0 at NOW: a copy on
 * the NAS and a tape that went to the vault through the courier's truck,
 * both backed up the evening before and verified. */
static void
run_compliant_store_commands (CtlFixture *f)
{
  static const char * const commands[][16] = {
    { "--at", SETUP, "init", NULL },
    { "--at", SETUP, "location", "add", "Library", "--kind", "library", NULL },
    { "--at", SETUP, "location", "add", "NAS", "--kind", "onsite-repo", NULL },
    { "--at", SETUP, "location", "add", "Truck", "--kind", "transit", NULL },
    { "--at", SETUP, "location", "add", "Vault", "--kind", "offsite-vault", NULL },
    { "--at", SETUP, "job", "add", "payroll", "--source", "db1:/srv/payroll", "--owner", "ann",
      NULL },
    { "--at", SETUP, "copy", "add", "payroll", "nas", "--media-type", "disk", "--location", "NAS",
      NULL },
    { "--at", SETUP, "copy", "add", "payroll", "tape", "--media-type", "tape", NULL },
    { "--at", SETUP, "media", "add", "A00001L9", "--type", "LTO-9", "--pool", "weekly",
      "--location", "Library", NULL },
    { "--at", SETUP, "media", "add", "A00002L9", "--type", "LTO-9", "--pool", "weekly",
      "--location", "Library", NULL },
    { "record", "payroll", "nas", "--status", "success", "--started", RUN_START,
      "--finished", RUN_END, "--run-id", "nas-1", NULL },
    { "record", "payroll", "tape", "--status", "success", "--started", RUN_START,
      "--finished", RUN_END, "--volumes", "A00001L9", "--run-id", "tape-1", NULL },
    { "verify", "payroll", "nas", "--result", "passed", "--at", VERIFIED, NULL },
    { "verify", "payroll", "tape", "--result", "passed", "--at", VERIFIED, NULL },
    { "--at", IN_TRUCK, "media", "move", "A00001L9", "--to", "Truck", "--courier", "Bob",
      "--container", "C7", "--seal", "S123", NULL },
    { "--at", IN_VAULT, "media", "move", "A00001L9", "--to", "Vault", "--note", "received", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autoptr(GPtrArray) args = g_ptr_array_new ();
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      g_ptr_array_add (args, (gpointer) "--db");
      g_ptr_array_add (args, f->db);
      for (guint j = 0; commands[i][j] != NULL; j++)
        g_ptr_array_add (args, (gpointer) commands[i][j]);
      g_ptr_array_add (args, NULL);

      g_assert_cmpint (cli_run_argv (f, (const char * const *) args->pdata, NULL, &out, &err), ==,
                       EXIT_OK);
      g_assert_cmpstr (err, ==, "");
    }
}

/* Made once by custodyctl, then copied into each test's directory: every
 * test still has a store of its own. */
static CtlFixture *compliant_template;

void
cli_build_compliant_store (CtlFixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize len = 0;

  if (compliant_template == NULL)
    {
      compliant_template = g_new0 (CtlFixture, 1);
      cli_fixture_set_up (compliant_template, NULL);
      run_compliant_store_commands (compliant_template);
    }

  g_file_get_contents (compliant_template->db, &contents, &len, &error);
  g_assert_no_error (error);
  g_file_set_contents (f->db, contents, (gssize) len, &error);
  g_assert_no_error (error);
}

/* Adds "mail", which has a single copy and so is in violation. */
void
cli_add_violating_job (CtlFixture *f)
{
  g_free (cli_ok (f, "--at", SETUP, "job", "add", "mail", NULL));
  g_free (cli_ok (f, "--at", SETUP, "copy", "add", "mail", "nas", "--media-type", "disk",
                  "--location", "NAS", NULL));
  g_free (cli_ok (f, "record", "mail", "nas", "--status", "success", "--started", RUN_START,
                  "--finished", RUN_END, NULL));
  g_free (cli_ok (f, "verify", "mail", "nas", "--result", "passed", "--at", VERIFIED, NULL));
}

int
cli_test_run (void)
{
  int status;

  /* A child that dies while the test writes to it must not kill the test. */
  signal (SIGPIPE, SIG_IGN);

  status = g_test_run ();

  if (compliant_template != NULL)
    {
      ctl_fixture_tear_down (compliant_template, NULL);
      g_free (compliant_template);
    }
  return status;
}
