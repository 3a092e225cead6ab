/* test-cli.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The command-line contract of docs/cli.md, checked from the outside: each
 * test runs the built custodyctl (the CUSTODYCTL environment variable) on a
 * real SQLite store of its own, as a script or a cron job would, and looks
 * only at what such a caller sees: exit codes, stdout, stderr and the store
 * file. Every failing command is also checked to leave the store file
 * exactly as it was.
 */
#include "config.h"

#include <errno.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <signal.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "custody-test-utils.h"

/* A fixed week, so that nothing depends on the day the tests run: the
 * store is set up on SETUP, the backups run the evening before NOW. */
#define SETUP      "2026-11-01T00:00:00Z"
#define RUN_START  "2026-11-19T22:00:00Z"
#define RUN_END    "2026-11-19T23:00:00Z"
#define VERIFIED   "2026-11-19T23:30:00Z"
#define IN_TRUCK   "2026-11-20T06:00:00Z"
#define IN_VAULT   "2026-11-20T08:00:00Z"
#define NOW        "2026-11-20T09:00:00Z"

#define EXIT_OK        0
#define EXIT_VIOLATION 1
#define EXIT_USAGE     2
#define EXIT_STORE     3

typedef struct
{
  char      *dir;
  char      *db;
  char     **env;        /* the environment custodyctl runs in */
  gboolean   as_nobody;  /* run it as uid 65534 (for the read-only store) */
  gboolean   hands_off;  /* do not open the store file: this process holds
                          * an SQLite lock on it, and closing any descriptor
                          * of the file would drop that lock (POSIX) */
} Fixture;

/*
 * Files
 */

static void
remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);

  if (dir != NULL)
    {
      const char *name;

      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          remove_tree (child);
        }
      g_dir_close (dir);
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

static char *
file_sha256 (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize len = 0;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return NULL;
  g_file_get_contents (path, &data, &len, &error);
  g_assert_no_error (error);

  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, len);
}

static char *
fixture_path (Fixture    *f,
              const char *name)
{
  return g_build_filename (f->dir, name, NULL);
}

static char *
write_file (Fixture    *f,
            const char *name,
            const char *contents,
            gssize      len)
{
  g_autoptr(GError) error = NULL;
  char *path = fixture_path (f, name);

  g_file_set_contents (path, contents, len, &error);
  g_assert_no_error (error);
  return path;
}

/* Deterministic garbage. */
static void
fill_garbage (guint8 *data,
              gsize   len,
              guint32 seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);

  for (gsize i = 0; i < len; i++)
    data[i] = (guint8) g_rand_int_range (rand, 0, 256);
}

/*
 * Running custodyctl
 */

static const char *
custodyctl_path (void)
{
  const char *path = g_getenv ("CUSTODYCTL");

  g_assert_nonnull (path);
  return path;
}

/* Runs custodyctl with @args (what follows "custodyctl") and returns its
 * exit status, or -1 if it did not exit (a crash, a fatal warning). */
static int
run_argv (Fixture             *f,
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
  g_ptr_array_add (argv, (gpointer) custodyctl_path ());
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  return custody_test_spawn (f->dir, f->env, (const char * const *) argv->pdata, stdin_text,
                             out, err);
}

static GPtrArray *
collect_args (Fixture     *f,
              gboolean     json,
              const char  *first,
              va_list      ap)
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

/* custodyctl --db STORE ARGS... */
static int
run_ctl (Fixture     *f,
         const char  *stdin_text,
         char       **out,
         char       **err,
         ...) G_GNUC_NULL_TERMINATED;

static int
run_ctl (Fixture     *f,
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

  return run_argv (f, (const char * const *) args->pdata, stdin_text, out, err);
}

/* Runs a command that must succeed quietly; returns its stdout. */
static char *
ctl_ok (Fixture *f,
        ...) G_GNUC_NULL_TERMINATED;

static char *
ctl_ok (Fixture *f,
        ...)
{
  g_autoptr(GPtrArray) args = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  va_list ap;

  va_start (ap, f);
  args = collect_args (f, FALSE, va_arg (ap, const char *), ap);
  va_end (ap);

  g_assert_cmpint (run_argv (f, (const char * const *) args->pdata, NULL, &out, &err), ==, EXIT_OK);
  g_assert_cmpstr (err, ==, "");

  return out;
}

static JsonNode *
parse_json (const char *text)
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
static JsonNode *
ctl_json (Fixture *f,
          int      status,
          ...) G_GNUC_NULL_TERMINATED;

static JsonNode *
ctl_json (Fixture *f,
          int      status,
          ...)
{
  g_autoptr(GPtrArray) args = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  va_list ap;

  va_start (ap, status);
  args = collect_args (f, TRUE, va_arg (ap, const char *), ap);
  va_end (ap);

  g_assert_cmpint (run_argv (f, (const char * const *) args->pdata, NULL, &out, &err), ==, status);
  g_assert_cmpstr (err, ==, "");

  return parse_json (out);
}

/* A command that must fail with @status, say so on stderr as
 * "custodyctl: error: ..." with @message in it, print nothing on stdout,
 * and leave the store file exactly as it was (or absent if it was). */
static void
assert_fails_argv (Fixture             *f,
                   int                  status,
                   const char          *message,
                   const char * const  *args,
                   const char          *stdin_text)
{
  g_autofree char *before = f->hands_off ? NULL : file_sha256 (f->db);
  g_autofree char *after = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_argv (f, args, stdin_text, &out, &err), ==, status);
  g_test_message ("stderr: %s", err);
  if (g_strv_contains (args, "--json"))
    {
      /* {"error": {"message": ..., "exit_code": N}, "version": ...} */
      g_autoptr(JsonNode) doc = parse_json (err);
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
      after = file_sha256 (f->db);
      g_assert_cmpstr (after, ==, before);
    }
}

static void
ctl_fails (Fixture    *f,
           int         status,
           const char *message,
           ...) G_GNUC_NULL_TERMINATED;

static void
ctl_fails (Fixture    *f,
           int         status,
           const char *message,
           ...)
{
  g_autoptr(GPtrArray) args = NULL;
  va_list ap;

  va_start (ap, message);
  args = collect_args (f, FALSE, va_arg (ap, const char *), ap);
  va_end (ap);

  assert_fails_argv (f, status, message, (const char * const *) args->pdata, NULL);
}

/* The same with standard input. */
static void
ctl_fails_stdin (Fixture    *f,
                 const char *stdin_text,
                 int         status,
                 const char *message,
                 ...) G_GNUC_NULL_TERMINATED;

static void
ctl_fails_stdin (Fixture    *f,
                 const char *stdin_text,
                 int         status,
                 const char *message,
                 ...)
{
  g_autoptr(GPtrArray) args = NULL;
  va_list ap;

  va_start (ap, message);
  args = collect_args (f, FALSE, va_arg (ap, const char *), ap);
  va_end (ap);

  assert_fails_argv (f, status, message, (const char * const *) args->pdata, stdin_text);
}

/*
 * JSON
 */

static JsonObject *
object_of (JsonNode *node)
{
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_node_get_object (node);
}

static JsonArray *
array_of (JsonNode *node)
{
  g_assert_true (JSON_NODE_HOLDS_ARRAY (node));
  return json_node_get_array (node);
}

static JsonNode *
member (JsonObject *object,
        const char *name)
{
  if (!json_object_has_member (object, name))
    g_test_message ("no member '%s'", name);
  g_assert_true (json_object_has_member (object, name));
  return json_object_get_member (object, name);
}

/* A string member, or NULL for a JSON null. */
static const char *
str_member (JsonObject *object,
            const char *name)
{
  JsonNode *node = member (object, name);

  if (JSON_NODE_HOLDS_NULL (node))
    return NULL;
  g_assert_true (json_node_get_value_type (node) == G_TYPE_STRING);
  return json_node_get_string (node);
}

static gint64
int_member (JsonObject *object,
            const char *name)
{
  JsonNode *node = member (object, name);

  g_assert_true (json_node_get_value_type (node) == G_TYPE_INT64);
  return json_node_get_int (node);
}

static gboolean
bool_member (JsonObject *object,
             const char *name)
{
  JsonNode *node = member (object, name);

  g_assert_true (json_node_get_value_type (node) == G_TYPE_BOOLEAN);
  return json_node_get_boolean (node);
}

static JsonArray *
array_member (JsonObject *object,
              const char *name)
{
  return array_of (member (object, name));
}

static JsonObject *
element (JsonArray *array,
         guint      index)
{
  g_assert_cmpint (index, <, json_array_get_length (array));
  return object_of (json_array_get_element (array, index));
}

/* The object of @array whose @key member is @value. */
static JsonObject *
find_by (JsonArray  *array,
         const char *key,
         const char *value)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *o = element (array, i);

      if (g_strcmp0 (str_member (o, key), value) == 0)
        return o;
    }
  g_test_message ("no %s '%s'", key, value);
  g_assert_true (FALSE);
  return NULL;
}

static void
assert_strings (JsonArray          *array,
                const char * const *expected)
{
  guint n = g_strv_length ((char **) expected);

  g_assert_cmpint (json_array_get_length (array), ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpstr (json_array_get_string_element (array, i), ==, expected[i]);
}

/* Any string in @array containing @needle. */
static gboolean
strings_contain (JsonArray  *array,
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

static gint64
audit_entries (Fixture *f)
{
  g_autoptr(JsonNode) check = ctl_json (f, EXIT_OK, "db", "check", NULL);

  g_assert_true (bool_member (object_of (check), "ok"));
  return int_member (object_of (check), "audit_entries");
}

static JsonNode *
export_store (Fixture *f)
{
  g_autofree char *out = ctl_ok (f, "export", NULL);

  return parse_json (out);
}

static guint
export_count (Fixture    *f,
              const char *table)
{
  g_autoptr(JsonNode) root = export_store (f);

  return json_array_get_length (array_member (object_of (root), table));
}

/* The export without its own date: equal strings, equal stores. */
static char *
export_text (Fixture *f)
{
  g_autoptr(JsonNode) root = export_store (f);
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_object_remove_member (object_of (root), "exported_at");
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

/* One check verdict as JSON. */
static JsonObject *
verdict_of (JsonNode   *check,
            const char *job)
{
  return find_by (array_member (object_of (check), "jobs"), "job", job);
}

static JsonObject *
rule_of (JsonObject *verdict,
         const char *rule)
{
  return find_by (array_member (verdict, "rules"), "rule", rule);
}

/*
 * Fixture
 */

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("custody-cli-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = g_build_filename (f->dir, "custody.db", NULL);

  /* The test environment's CUSTODY_DB points nowhere on purpose: a test
   * that forgets --db fails instead of touching a real store. */
  f->env = g_get_environ ();
  f->env = g_environ_setenv (f->env, "TZ", "UTC", TRUE);
  f->env = g_environ_setenv (f->env, "LC_ALL", "C.UTF-8", TRUE);
  f->env = g_environ_unsetenv (f->env, "CUSTODY_BUSY_TIMEOUT_MS");
  f->env = g_environ_unsetenv (f->env, "LANGUAGE");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->db);
  g_strfreev (f->env);
}

/*
 * Stores used by many tests
 */

/* Locations, and one job "payroll" that meets 3-2-1-1-0 at NOW: a copy on
 * the NAS and a tape that went to the vault through the courier's truck,
 * both backed up the evening before and verified. */
static void
run_compliant_store_commands (Fixture *f)
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

      g_assert_cmpint (run_argv (f, (const char * const *) args->pdata, NULL, &out, &err), ==,
                       EXIT_OK);
      g_assert_cmpstr (err, ==, "");
    }
}

/* Made once by custodyctl, then copied into each test's directory: every
 * test still has a store of its own. */
static Fixture *compliant_template;

static void
build_compliant_store (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize len = 0;

  if (compliant_template == NULL)
    {
      compliant_template = g_new0 (Fixture, 1);
      fixture_set_up (compliant_template, NULL);
      run_compliant_store_commands (compliant_template);
    }

  g_file_get_contents (compliant_template->db, &contents, &len, &error);
  g_assert_no_error (error);
  g_file_set_contents (f->db, contents, (gssize) len, &error);
  g_assert_no_error (error);
}

/* Adds "mail", which has a single copy and so is in violation. */
static void
add_violating_job (Fixture *f)
{
  g_free (ctl_ok (f, "--at", SETUP, "job", "add", "mail", NULL));
  g_free (ctl_ok (f, "--at", SETUP, "copy", "add", "mail", "nas", "--media-type", "disk",
                  "--location", "NAS", NULL));
  g_free (ctl_ok (f, "record", "mail", "nas", "--status", "success", "--started", RUN_START,
                  "--finished", RUN_END, NULL));
  g_free (ctl_ok (f, "verify", "mail", "nas", "--result", "passed", "--at", VERIFIED, NULL));
}

/*
 * Store: where it is, and what happens when it is not a good one
 */

static void
test_init_creates_the_store_and_keeps_it (Fixture       *f,
                                          gconstpointer  data)
{
  g_autoptr(JsonNode) again = NULL;
  g_autofree char *out = NULL;

  out = ctl_ok (f, "init", NULL);
  g_assert_nonnull (strstr (out, f->db));
  g_assert_true (g_file_test (f->db, G_FILE_TEST_IS_REGULAR));

  g_free (ctl_ok (f, "job", "add", "payroll", NULL));
  again = ctl_json (f, EXIT_OK, "init", NULL);
  g_assert_false (bool_member (object_of (again), "created"));
  g_assert_cmpstr (str_member (object_of (again), "path"), ==, f->db);
  g_assert_cmpint (export_count (f, "jobs"), ==, 1);
}

static void
test_db_option_wins_over_custody_db (Fixture       *f,
                                     gconstpointer  data)
{
  g_autofree char *env_db = fixture_path (f, "from-env.db");

  f->env = g_environ_setenv (f->env, "CUSTODY_DB", env_db, TRUE);
  g_free (ctl_ok (f, "init", NULL));

  g_assert_true (g_file_test (f->db, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (env_db, G_FILE_TEST_EXISTS));
}

static void
test_custody_db_is_used_without_db_option (Fixture       *f,
                                           gconstpointer  data)
{
  static const char * const init[] = { "init", NULL };
  static const char * const add[] = { "job", "add", "payroll", NULL };
  static const char * const list[] = { "--json", "job", "list", NULL };
  g_autofree char *out = NULL;
  g_autoptr(JsonNode) jobs = NULL;

  f->env = g_environ_setenv (f->env, "CUSTODY_DB", f->db, TRUE);
  g_assert_cmpint (run_argv (f, init, NULL, NULL, NULL), ==, EXIT_OK);
  g_assert_cmpint (run_argv (f, add, NULL, NULL, NULL), ==, EXIT_OK);
  g_assert_cmpint (run_argv (f, list, NULL, &out, NULL), ==, EXIT_OK);

  jobs = parse_json (out);
  g_assert_cmpint (json_array_get_length (array_of (jobs)), ==, 1);
  g_assert_cmpstr (str_member (element (array_of (jobs), 0), "name"), ==, "payroll");
  g_assert_true (g_file_test (f->db, G_FILE_TEST_IS_REGULAR));
}

static void
test_default_store_is_under_xdg_data_home (Fixture       *f,
                                           gconstpointer  data)
{
  static const char * const init[] = { "init", NULL };
  g_autofree char *xdg = fixture_path (f, "xdg");
  g_autofree char *expected = g_build_filename (xdg, "custody", "custody.db", NULL);

  f->env = g_environ_unsetenv (f->env, "CUSTODY_DB");
  f->env = g_environ_setenv (f->env, "XDG_DATA_HOME", xdg, TRUE);
  g_assert_cmpint (run_argv (f, init, NULL, NULL, NULL), ==, EXIT_OK);
  g_assert_true (g_file_test (expected, G_FILE_TEST_IS_REGULAR));
}

static void
test_missing_store_exits_3_except_init_and_demo (Fixture       *f,
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
  g_autofree char *env_db = fixture_path (f, "env.db");
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

      assert_fails_argv (f, EXIT_STORE, message, (const char * const *) args->pdata,
                         input->str);
      g_assert_false (g_file_test (f->db, G_FILE_TEST_EXISTS));
    }

  /* Through $CUSTODY_DB too. */
  {
    static const char * const list[] = { "job", "list", NULL };

    f->env = g_environ_setenv (f->env, "CUSTODY_DB", env_db, TRUE);
    assert_fails_argv (f, EXIT_STORE, env_message, list, NULL);
    g_assert_false (g_file_test (env_db, G_FILE_TEST_EXISTS));
  }

  /* demo creates it. */
  g_free (ctl_ok (f, "demo", "--jobs", "2", NULL));
  g_assert_cmpint (export_count (f, "jobs"), ==, 2);
}

static void
assert_refused_everywhere (Fixture    *f,
                           const char *message)
{
  g_autofree char *before = file_sha256 (f->db);
  g_autofree char *after = NULL;

  ctl_fails (f, EXIT_STORE, message, "job", "list", NULL);
  ctl_fails (f, EXIT_STORE, message, "check", NULL);
  ctl_fails (f, EXIT_STORE, message, "job", "add", "intruder", NULL);
  ctl_fails (f, EXIT_STORE, message, "location", "add", "Attic", "--kind", "onsite-shelf", NULL);
  ctl_fails (f, EXIT_STORE, message, "export", NULL);
  ctl_fails (f, EXIT_STORE, message, "db", "check", NULL);
  ctl_fails (f, EXIT_STORE, message, "init", NULL);
  ctl_fails (f, EXIT_STORE, message, "demo", "--jobs", "1", NULL);

  after = file_sha256 (f->db);
  g_assert_cmpstr (after, ==, before);
}

static void
test_garbage_file_is_refused_as_corrupt (Fixture       *f,
                                         gconstpointer  data)
{
  g_autofree guint8 *garbage = g_malloc (64 * 1024);
  g_autofree char *path = NULL;
  g_autofree char *message = g_strdup_printf ("the store '%s' is corrupt", f->db);

  fill_garbage (garbage, 64 * 1024, 1);
  path = write_file (f, "custody.db", (const char *) garbage, 64 * 1024);

  assert_refused_everywhere (f, message);
}

static void
test_store_with_overwritten_pages_is_reported_corrupt (Fixture       *f,
                                                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *message = g_strdup_printf ("the store '%s' is corrupt", f->db);
  g_autofree char *message_line = g_strdup_printf ("custodyctl: error: %s", message);
  g_autofree char *new_json = fixture_path (f, "new.json");
  g_autofree char *old_json = write_file (f, "old.json", "{\"exported\": \"yesterday\"}\n", -1);
  g_autofree char *old = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize len = 0;

  g_free (ctl_ok (f, "--at", NOW, "demo", "--jobs", "30", NULL));
  g_assert_cmpint (run_ctl (f, NULL, NULL, NULL, "db", "check", NULL), ==, EXIT_OK);

  /* 16 KiB of garbage in the middle of the file, as a bad sector would. */
  g_file_get_contents (f->db, &contents, &len, &error);
  g_assert_no_error (error);
  g_assert_cmpint (len, >, 1024 * 1024);
  fill_garbage ((guint8 *) contents + len / 2, 16 * 1024, 2);
  g_file_set_contents (f->db, contents, (gssize) len, &error);
  g_assert_no_error (error);

  /* What reads everything finds it, says so, and changes nothing. */
  ctl_fails (f, EXIT_STORE, message, "db", "check", NULL);
  ctl_fails (f, EXIT_STORE, message, "--json", "db", "check", NULL);
  ctl_fails (f, EXIT_STORE, message, "export", "--output", "new.json", NULL);
  ctl_fails (f, EXIT_STORE, message, "export", "--output", "old.json", NULL);

  /* An export to a file is all or nothing: no half file, old one kept. */
  g_assert_false (g_file_test (new_json, G_FILE_TEST_EXISTS));
  g_file_get_contents (old_json, &old, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (old, ==, "{\"exported\": \"yesterday\"}\n");

  /* On standard output a script has the exit status to go by. */
  before = file_sha256 (f->db);
  g_assert_cmpint (run_ctl (f, NULL, &out, &err, "export", NULL), ==, EXIT_STORE);
  g_assert_true (g_str_has_prefix (err, message_line));
  after = file_sha256 (f->db);
  g_assert_cmpstr (after, ==, before);
}

static void
exec_sql (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;
  int rc;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  rc = sqlite3_exec (db, sql, NULL, NULL, &message);
  if (rc != SQLITE_OK)
    g_test_message ("%s: %s", sql, message);
  g_assert_cmpint (rc, ==, SQLITE_OK);
  sqlite3_free (message);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

static void
test_other_sqlite_database_is_refused (Fixture       *f,
                                       gconstpointer  data)
{
  g_autofree char *message = g_strdup_printf ("'%s' is an SQLite database but not a Custody store",
                                              f->db);

  exec_sql (f->db, "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT);"
                   "INSERT INTO customers (name) VALUES ('Ann'), ('Bob');");

  assert_refused_everywhere (f, message);
}

static void
test_store_from_a_newer_version_is_refused (Fixture       *f,
                                            gconstpointer  data)
{
  g_autofree char *message = g_strdup_printf ("the store '%s' was made by a newer version "
                                              "of Custody",
                                              f->db);

  build_compliant_store (f);
  exec_sql (f->db, "PRAGMA user_version = 99");

  assert_refused_everywhere (f, message);
}

static void
test_locked_store_exits_3_after_the_busy_timeout (Fixture       *f,
                                                  gconstpointer  data)
{
  g_autofree char *message = g_strdup_printf ("the store '%s' is locked by another program", f->db);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(JsonNode) jobs = NULL;
  g_autoptr(JsonNode) medium = NULL;
  sqlite3 *db = NULL;
  gint64 started;

  build_compliant_store (f);
  before = file_sha256 (f->db);

  /* Another program holds the store for writing. */
  g_assert_cmpint (sqlite3_open (f->db, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "BEGIN EXCLUSIVE", NULL, NULL, NULL), ==, SQLITE_OK);
  f->hands_off = TRUE;

  f->env = g_environ_setenv (f->env, "CUSTODY_BUSY_TIMEOUT_MS", "200", TRUE);
  started = g_get_monotonic_time ();
  ctl_fails (f, EXIT_STORE, message, "job", "add", "mail", NULL);
  ctl_fails (f, EXIT_STORE, message, "--at", NOW, "media", "move", "A00002L9", "--to", "Vault",
             NULL);
  ctl_fails_stdin (f, "job\nmail\n", EXIT_STORE, message, "import", "jobs", "-", NULL);
  /* It waited for the busy timeout it was given, not the default 5 s. */
  g_assert_cmpint (g_get_monotonic_time () - started, <, 3 * G_USEC_PER_SEC);
  ctl_fails (f, EXIT_STORE, "waited 0.2 s", "job", "add", "mail", NULL);

  g_assert_cmpint (sqlite3_exec (db, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
  f->hands_off = FALSE;

  after = file_sha256 (f->db);
  g_assert_cmpstr (after, ==, before);
  jobs = ctl_json (f, EXIT_OK, "--at", NOW, "job", "list", NULL);
  g_assert_cmpint (json_array_get_length (array_of (jobs)), ==, 1);
  medium = ctl_json (f, EXIT_OK, "--at", NOW, "media", "show", "A00002L9", NULL);
  g_assert_cmpstr (str_member (object_of (medium), "location"), ==, "Library");
}

static void
test_read_only_store_refuses_writes (Fixture       *f,
                                     gconstpointer  data)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *setpriv = NULL;

  build_compliant_store (f);
  before = file_sha256 (f->db);

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

  ctl_fails (f, EXIT_STORE, "read-only", "job", "add", "mail", NULL);
  ctl_fails (f, EXIT_STORE, "read-only", "--at", NOW, "media", "move", "A00002L9", "--to", "Vault",
             NULL);
  ctl_fails (f, EXIT_STORE, "read-only", "policy", "set", "warning-counts", "false", NULL);
  ctl_fails_stdin (f, "job\nmail\n", EXIT_STORE, "read-only", "import", "jobs", "-", NULL);

  f->as_nobody = FALSE;
  after = file_sha256 (f->db);
  g_assert_cmpstr (after, ==, before);
}

/*
 * Usage errors and the promise that failures write nothing
 */

static void
test_usage_errors_exit_2 (Fixture       *f,
                          gconstpointer  data)
{
  static const char * const no_command[] = { NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  build_compliant_store (f);

  ctl_fails (f, EXIT_USAGE, "unknown command 'frobnicate'", "frobnicate", NULL);
  ctl_fails (f, EXIT_USAGE, "unknown option '--frob'", "--frob", "job", "list", NULL);
  ctl_fails (f, EXIT_USAGE, "'job' needs a subcommand", "job", NULL);
  ctl_fails (f, EXIT_USAGE, "missing the job's name", "job", "add", NULL);
  ctl_fails (f, EXIT_USAGE, "unexpected argument 'extra'", "job", "add", "a", "extra", NULL);
  ctl_fails (f, EXIT_USAGE, "--no-such", "job", "list", "--no-such", NULL);
  ctl_fails (f, EXIT_USAGE, "rpo-hours", "job", "add", "a", "--rpo-hours", "soon", NULL);
  ctl_fails (f, EXIT_USAGE, "'yesterday' is not a time", "--at", "yesterday", "job", "list", NULL);
  ctl_fails (f, EXIT_USAGE, "'next week' is not a time", "record", "payroll", "nas", "--status",
             "success", "--started", "next week", "--finished", RUN_END, NULL);
  ctl_fails (f, EXIT_USAGE, "location add needs --kind", "location", "add", "Attic", NULL);
  ctl_fails (f, EXIT_USAGE, "media move needs --to", "media", "move", "A00001L9", NULL);

  /* No command at all: the help, and an error for the script. */
  g_assert_cmpint (run_argv (f, no_command, NULL, &out, &err), ==, EXIT_USAGE);
  g_assert_true (g_str_has_prefix (err, "custodyctl: error: "));
}

static void
test_failing_commands_write_nothing (Fixture       *f,
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

  build_compliant_store (f);
  audit_before = audit_entries (f);
  export_before = export_text (f);

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

      assert_fails_argv (f, cases[i].status, cases[i].message, (const char * const *) args->pdata,
                         "job,copy,media_type\nnew-job,new-copy,disk\nnew-job,other,floppy\n");
    }

  g_assert_cmpint (audit_entries (f), ==, audit_before);
  export_after = export_text (f);
  g_assert_cmpstr (export_after, ==, export_before);
}

/*
 * Time
 */

static char *
created_at_for (Fixture    *f,
                const char *name,
                const char *at)
{
  g_autoptr(JsonNode) location = ctl_json (f, EXIT_OK, "--at", at, "location", "add", name,
                                           "--kind", "onsite-shelf", NULL);

  return g_strdup (str_member (object_of (location), "created_at"));
}

static void
test_time_formats_are_read_and_written_as_utc (Fixture       *f,
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

  g_free (ctl_ok (f, "init", NULL));

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

      ctl_fails (f, EXIT_USAGE, message, "--at", bad[i], "location", "add", "Late",
                 "--kind", "transit", NULL);
    }

  /* Command times take the same forms, and come back in UTC. */
  g_free (ctl_ok (f, "job", "add", "payroll", NULL));
  g_free (ctl_ok (f, "copy", "add", "payroll", "nas", "--media-type", "disk", NULL));
  f->env = g_environ_setenv (f->env, "TZ", "JST-9", TRUE);
  {
    g_autoptr(JsonNode) run = ctl_json (f, EXIT_OK, "record", "payroll", "nas", "--status",
                                        "success",
                                        "--started", "2026-11-20 10:00",
                                        "--finished", "2026-11-20T02:30:00+01:00", NULL);

    g_assert_cmpstr (str_member (object_of (run), "started"), ==, "2026-11-20T01:00:00Z");
    g_assert_cmpstr (str_member (object_of (run), "finished"), ==, "2026-11-20T01:30:00Z");
  }
}

static void
test_at_hides_what_was_added_later (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr(JsonNode) locations = NULL;
  g_autoptr(JsonNode) jobs = NULL;
  g_autoptr(JsonNode) job = NULL;
  g_autoptr(JsonNode) media = NULL;
  g_autoptr(JsonNode) medium = NULL;
  g_autoptr(JsonNode) check = NULL;

  build_compliant_store (f);
  g_free (ctl_ok (f, "--at", "2026-11-21T00:00:00Z", "location", "add", "Cloud", "--kind",
                  "offsite-repo", NULL));
  g_free (ctl_ok (f, "--at", "2026-11-21T00:00:00Z", "job", "add", "mail", NULL));
  g_free (ctl_ok (f, "--at", "2026-11-21T00:00:00Z", "copy", "add", "payroll", "cloud",
                  "--media-type", "object-storage", "--location", "Cloud", "--immutable", NULL));
  g_free (ctl_ok (f, "--at", "2026-11-21T00:00:00Z", "media", "add", "A00003L9", "--type",
                  "LTO-9", NULL));

  /* At NOW, none of it exists yet. */
  locations = ctl_json (f, EXIT_OK, "--at", NOW, "location", "list", NULL);
  g_assert_cmpint (json_array_get_length (array_of (locations)), ==, 4);
  jobs = ctl_json (f, EXIT_OK, "--at", NOW, "job", "list", NULL);
  g_assert_cmpint (json_array_get_length (array_of (jobs)), ==, 1);
  ctl_fails (f, EXIT_USAGE, "unknown job 'mail'", "--at", NOW, "job", "show", "mail", NULL);
  job = ctl_json (f, EXIT_OK, "--at", NOW, "job", "show", "payroll", NULL);
  g_assert_cmpint (json_array_get_length (array_member (object_of (job), "copies")), ==, 2);
  media = ctl_json (f, EXIT_OK, "--at", NOW, "media", "list", NULL);
  g_assert_cmpint (json_array_get_length (array_of (media)), ==, 2);
  ctl_fails (f, EXIT_USAGE, "unknown volume 'A00003L9'", "--at", NOW, "media", "show", "A00003L9",
             NULL);
  check = ctl_json (f, EXIT_OK, "--at", NOW, "check", NULL);
  g_assert_cmpint (int_member (object_of (member (object_of (check), "summary")), "jobs"), ==, 1);
  g_clear_pointer (&check, json_node_unref);

  /* Before SETUP, the store is empty. */
  check = ctl_json (f, EXIT_OK, "--at", "2026-10-01", "check", NULL);
  g_assert_cmpint (int_member (object_of (member (object_of (check), "summary")), "jobs"), ==, 0);
  g_clear_pointer (&locations, json_node_unref);
  locations = ctl_json (f, EXIT_OK, "--at", "2026-10-01", "location", "list", NULL);
  g_assert_cmpint (json_array_get_length (array_of (locations)), ==, 0);

  /* Later, all of it. */
  g_clear_pointer (&jobs, json_node_unref);
  jobs = ctl_json (f, EXIT_OK, "--at", "2026-11-21T00:00:00Z", "job", "list", NULL);
  g_assert_cmpint (json_array_get_length (array_of (jobs)), ==, 2);
  g_clear_pointer (&job, json_node_unref);
  job = ctl_json (f, EXIT_OK, "--at", "2026-11-21T00:00:00Z", "job", "show", "payroll", NULL);
  g_assert_cmpint (json_array_get_length (array_member (object_of (job), "copies")), ==, 3);
  medium = ctl_json (f, EXIT_OK, "--at", "2026-11-21T00:00:00Z", "media", "show", "A00003L9", NULL);
  g_assert_cmpstr (str_member (object_of (medium), "volser"), ==, "A00003L9");
}

static void
test_at_hides_later_runs_verifications_and_movements (Fixture       *f,
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

  build_compliant_store (f);

  for (guint i = 0; i < G_N_ELEMENTS (moments); i++)
    {
      g_autoptr(JsonNode) check = NULL;
      g_autoptr(JsonNode) medium = NULL;
      JsonObject *verdict, *tape, *errors;

      g_test_message ("at %s", moments[i].at);
      check = ctl_json (f, g_str_equal (moments[i].status, "violation") ? EXIT_VIOLATION : EXIT_OK,
                        "--at", moments[i].at, "check", NULL);
      g_assert_cmpstr (str_member (object_of (check), "evaluated_at"), ==, moments[i].at);
      verdict = verdict_of (check, "payroll");
      g_assert_cmpstr (str_member (verdict, "status"), ==, moments[i].status);

      tape = find_by (array_member (verdict, "copies"), "copy", "tape");
      g_assert_cmpint (bool_member (tape, "valid"), ==, moments[i].tape_valid);
      g_assert_cmpint (bool_member (tape, "offline"), ==, moments[i].offline);
      g_assert_cmpint (bool_member (tape, "offsite"), ==, moments[i].offsite);
      g_assert_cmpstr (str_member (tape, "last_success"), ==,
                       moments[i].tape_valid ? RUN_END : NULL);

      /* Valid copies with no verification inside the window are errors. */
      errors = rule_of (verdict, "0-errors");
      g_assert_cmpint (int_member (errors, "have"), ==,
                       moments[i].tape_valid && !moments[i].verified ? 2 : 0);

      medium = ctl_json (f, EXIT_OK, "--at", moments[i].at, "media", "show", "A00001L9", NULL);
      g_assert_cmpstr (str_member (object_of (medium), "location"), ==, moments[i].tape_location);
      g_assert_cmpint (json_array_get_length (array_member (object_of (medium), "movements")), ==,
                       moments[i].movements);
    }

  /* The media list filters by where a volume was at that moment. */
  {
    g_autoptr(JsonNode) in_truck = ctl_json (f, EXIT_OK, "--at", "2026-11-20T07:00:00Z", "media",
                                             "list",
                                             "--location", "Truck", NULL);
    g_autoptr(JsonNode) in_truck_now = ctl_json (f, EXIT_OK, "--at", NOW, "media", "list",
                                                 "--location", "Truck", NULL);

    g_assert_cmpint (json_array_get_length (array_of (in_truck)), ==, 1);
    g_assert_cmpint (json_array_get_length (array_of (in_truck_now)), ==, 0);
  }
}

static void
test_writes_are_dated_at_and_audited_with_the_real_clock (Fixture       *f,
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

  build_compliant_store (f);

  /* A courier hand-off entered the next morning is dated when it happened. */
  g_free (ctl_ok (f, "--at", "2026-11-20T18:45:00Z", "media", "move", "A00002L9", "--to", "Truck",
                  "--courier", "Bob", NULL));
  medium = ctl_json (f, EXIT_OK, "--at", "2026-11-21", "media", "show", "A00002L9", NULL);
  movements = array_member (object_of (medium), "movements");
  g_assert_cmpint (json_array_get_length (movements), ==, 2);
  g_assert_cmpstr (str_member (element (movements, 1), "at"), ==, "2026-11-20T18:45:00Z");
  g_assert_cmpstr (str_member (element (movements, 1), "courier"), ==, "Bob");

  /* verify: --at before the command dates it; its own --at wins. */
  verification = ctl_json (f, EXIT_OK, "--at", "2026-11-20T10:00:00Z", "verify", "payroll", "nas",
                           "--result", "passed", NULL);
  g_assert_cmpstr (str_member (object_of (verification), "at"), ==, "2026-11-20T10:00:00Z");
  own = ctl_json (f, EXIT_OK, "--at", "2026-11-20T10:00:00Z", "verify", "payroll", "nas",
                  "--result", "failed", "--at", "2026-11-20T04:00:00Z", "--kind", "checksum",
                  "--errors", "2", "--duration-s", "95", "--by", "carol", "--note", "bad block",
                  NULL);
  g_assert_cmpstr (str_member (object_of (own), "at"), ==, "2026-11-20T04:00:00Z");
  g_assert_cmpstr (str_member (object_of (own), "result"), ==, "failed");
  g_assert_cmpstr (str_member (object_of (own), "kind"), ==, "checksum");
  g_assert_cmpint (int_member (object_of (own), "errors"), ==, 2);
  g_assert_cmpint (int_member (object_of (own), "duration_s"), ==, 95);
  g_assert_cmpstr (str_member (object_of (own), "by"), ==, "carol");
  g_assert_cmpstr (str_member (object_of (own), "note"), ==, "bad block");

  /* record keeps its own times whatever --at says. */
  run = ctl_json (f, EXIT_OK, "--at", "2026-11-22", "record", "payroll", "nas", "--status",
                  "success",
                  "--started", "2026-11-20T22:00:00Z", "--finished", "2026-11-20T22:40:00Z", NULL);
  g_assert_cmpstr (str_member (object_of (run), "finished"), ==, "2026-11-20T22:40:00Z");

  /* The audit trail keeps both: when it happened, and when it was typed in. */
  root = export_store (f);
  audit = array_member (object_of (root), "audit");
  last = element (audit, json_array_get_length (audit) - 4);
  g_assert_cmpstr (str_member (last, "action"), ==, "media.move");
  g_assert_cmpstr (str_member (last, "business_at"), ==, "2026-11-20T18:45:00Z");
  g_assert_true (g_str_has_prefix (str_member (last, "at"), "20"));
  g_assert_cmpstr (str_member (last, "at"), >=, real_now_text);
}

/*
 * JSON shapes
 */

static void
test_job_list_and_show_json (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(JsonNode) list = NULL;
  g_autoptr(JsonNode) show = NULL;
  g_autoptr(JsonNode) copies = NULL;
  JsonObject *payroll, *mail, *job, *nas, *tape;

  build_compliant_store (f);
  add_violating_job (f);

  list = ctl_json (f, EXIT_OK, "--at", NOW, "job", "list", NULL);
  g_assert_cmpint (json_array_get_length (array_of (list)), ==, 2);
  payroll = find_by (array_of (list), "name", "payroll");
  g_assert_cmpstr (str_member (payroll, "source"), ==, "db1:/srv/payroll");
  g_assert_cmpstr (str_member (payroll, "owner"), ==, "ann");
  g_assert_cmpint (int_member (payroll, "rpo_hours"), ==, 24);
  g_assert_cmpint (int_member (payroll, "verify_days"), ==, 30);
  g_assert_cmpstr (str_member (payroll, "status"), ==, "compliant");
  mail = find_by (array_of (list), "name", "mail");
  g_assert_cmpstr (str_member (mail, "status"), ==, "violation");
  g_assert_cmpstr (str_member (mail, "source"), ==, "");

  show = ctl_json (f, EXIT_OK, "--at", NOW, "job", "show", "payroll", NULL);
  job = object_of (show);
  g_assert_cmpstr (str_member (job, "name"), ==, "payroll");
  g_assert_cmpstr (str_member (job, "owner"), ==, "ann");
  g_assert_cmpint (int_member (job, "rpo_hours"), ==, 24);
  g_assert_cmpstr (str_member (job, "status"), ==, "compliant");
  g_assert_cmpint (json_array_get_length (array_member (job, "copies")), ==, 2);
  nas = find_by (array_member (job, "copies"), "name", "nas");
  g_assert_cmpstr (str_member (nas, "media_type"), ==, "disk");
  g_assert_cmpstr (str_member (nas, "location"), ==, "NAS");
  g_assert_false (bool_member (nas, "immutable"));
  g_assert_false (bool_member (nas, "air_gapped"));
  tape = find_by (array_member (job, "copies"), "name", "tape");
  g_assert_cmpstr (str_member (tape, "media_type"), ==, "tape");
  g_assert_true (str_member (tape, "location") == NULL);

  /* copy add / copy list speak the same shape. */
  g_free (ctl_ok (f, "--at", NOW, "location", "add", "Cloud", "--kind", "offsite-repo", NULL));
  g_free (ctl_ok (f, "--at", NOW, "copy", "add", "mail", "cloud", "--media-type", "object-storage",
                  "--location", "Cloud", "--immutable", "--air-gapped", NULL));
  copies = ctl_json (f, EXIT_OK, "--at", NOW, "copy", "list", "mail", NULL);
  g_assert_cmpint (json_array_get_length (array_of (copies)), ==, 2);
  g_assert_true (bool_member (find_by (array_of (copies), "name", "cloud"), "immutable"));
  g_assert_true (bool_member (find_by (array_of (copies), "name", "cloud"), "air_gapped"));
  g_assert_cmpstr (str_member (find_by (array_of (copies), "name", "cloud"), "location"), ==,
                   "Cloud");
}

static void
test_job_add_defaults_and_rm_removes_everything_of_the_job (Fixture       *f,
                                                            gconstpointer  data)
{
  g_autoptr(JsonNode) added = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *store;

  build_compliant_store (f);
  add_violating_job (f);

  added = ctl_json (f, EXIT_OK, "--at", NOW, "job", "add", "crm", NULL);
  g_assert_cmpint (int_member (object_of (added), "rpo_hours"), ==, 24);
  g_assert_cmpint (int_member (object_of (added), "verify_days"), ==, 30);

  g_free (ctl_ok (f, "job", "rm", "payroll", NULL));
  ctl_fails (f, EXIT_USAGE, "unknown job 'payroll'", "job", "show", "payroll", NULL);

  root = export_store (f);
  store = object_of (root);
  g_assert_cmpint (json_array_get_length (array_member (store, "jobs")), ==, 2);
  g_assert_cmpint (json_array_get_length (array_member (store, "copies")), ==, 1);
  g_assert_cmpint (json_array_get_length (array_member (store, "executions")), ==, 1);
  g_assert_cmpint (json_array_get_length (array_member (store, "verifications")), ==, 1);
  g_assert_cmpstr (str_member (element (array_member (store, "executions"), 0), "job"), ==, "mail");
  /* The volumes stay: they are the desk's, not the job's. */
  g_assert_cmpint (json_array_get_length (array_member (store, "media")), ==, 2);
  g_assert_cmpint (run_ctl (f, NULL, NULL, NULL, "db", "check", NULL), ==, EXIT_OK);
}

static void
test_location_list_json (Fixture       *f,
                         gconstpointer  data)
{
  static const char *kinds[][2] = {
    { "Library", "library" }, { "NAS", "onsite-repo" }, { "Shelf", "onsite-shelf" },
    { "Truck", "transit" }, { "Vault", "offsite-vault" }, { "Cloud", "offsite-repo" },
    { "Shredder", "destroyed" },
  };
  g_autoptr(JsonNode) list = NULL;
  g_autofree char *text = NULL;

  g_free (ctl_ok (f, "init", NULL));
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    g_free (ctl_ok (f, "location", "add", kinds[i][0], "--kind", kinds[i][1], NULL));

  list = ctl_json (f, EXIT_OK, "location", "list", NULL);
  g_assert_cmpint (json_array_get_length (array_of (list)), ==, G_N_ELEMENTS (kinds));
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    g_assert_cmpstr (str_member (find_by (array_of (list), "name", kinds[i][0]), "kind"), ==,
                     kinds[i][1]);

  /* The text form is a table a person can read. */
  text = ctl_ok (f, "location", "list", NULL);
  g_assert_true (g_str_has_prefix (text, "NAME"));
  g_assert_nonnull (strstr (text, "Shredder  destroyed\n"));
}

static void
test_media_list_and_show_json_movements_oldest_first (Fixture       *f,
                                                      gconstpointer  data)
{
  g_autoptr(JsonNode) list = NULL;
  g_autoptr(JsonNode) weekly = NULL;
  g_autoptr(JsonNode) in_vault = NULL;
  g_autoptr(JsonNode) show = NULL;
  JsonObject *a1, *medium;
  JsonArray *movements;

  build_compliant_store (f);
  g_free (ctl_ok (f, "--at", SETUP, "media", "add", "R00001", "--type", "RDX", "--pool", "offsite",
                  "--retention-until", "2027-01-31", "--worm", NULL));
  /* A hand-off typed in late: recorded after the vault, dated before it. */
  g_free (ctl_ok (f, "--at", "2026-11-20T07:00:00Z", "media", "move", "A00001L9", "--to", "Truck",
                  "--courier", "Eve", "--note", "second courier", NULL));

  list = ctl_json (f, EXIT_OK, "--at", NOW, "media", "list", NULL);
  g_assert_cmpint (json_array_get_length (array_of (list)), ==, 3);
  a1 = find_by (array_of (list), "volser", "A00001L9");
  g_assert_cmpstr (str_member (a1, "type"), ==, "LTO-9");
  g_assert_cmpstr (str_member (a1, "pool"), ==, "weekly");
  g_assert_cmpstr (str_member (a1, "status"), ==, "in-use");
  g_assert_cmpstr (str_member (a1, "location"), ==, "Vault");
  g_assert_true (str_member (a1, "retention_until") == NULL);
  g_assert_false (bool_member (a1, "worm"));
  g_assert_cmpstr (str_member (find_by (array_of (list), "volser", "A00002L9"), "status"), ==,
                   "scratch");
  medium = find_by (array_of (list), "volser", "R00001");
  g_assert_cmpstr (str_member (medium, "retention_until"), ==, "2027-01-31T00:00:00Z");
  g_assert_true (bool_member (medium, "worm"));
  g_assert_true (str_member (medium, "location") == NULL);

  weekly = ctl_json (f, EXIT_OK, "--at", NOW, "media", "list", "--pool", "weekly", NULL);
  g_assert_cmpint (json_array_get_length (array_of (weekly)), ==, 2);
  in_vault = ctl_json (f, EXIT_OK, "--at", NOW, "media", "list", "--location", "Vault", NULL);
  g_assert_cmpint (json_array_get_length (array_of (in_vault)), ==, 1);
  g_assert_cmpstr (str_member (element (array_of (in_vault), 0), "volser"), ==, "A00001L9");

  /* Lower case, as a hand types it, finds the same volume. */
  show = ctl_json (f, EXIT_OK, "--at", NOW, "media", "show", "a00001l9", NULL);
  medium = object_of (show);
  g_assert_cmpstr (str_member (medium, "volser"), ==, "A00001L9");
  g_assert_cmpstr (str_member (medium, "location"), ==, "Vault");
  movements = array_member (medium, "movements");
  g_assert_cmpint (json_array_get_length (movements), ==, 4);
  g_assert_cmpstr (str_member (element (movements, 0), "at"), ==, SETUP);
  g_assert_true (str_member (element (movements, 0), "from") == NULL);
  g_assert_cmpstr (str_member (element (movements, 0), "to"), ==, "Library");
  g_assert_cmpstr (str_member (element (movements, 1), "at"), ==, IN_TRUCK);
  g_assert_cmpstr (str_member (element (movements, 1), "from"), ==, "Library");
  g_assert_cmpstr (str_member (element (movements, 1), "to"), ==, "Truck");
  g_assert_cmpstr (str_member (element (movements, 1), "courier"), ==, "Bob");
  g_assert_cmpstr (str_member (element (movements, 1), "container"), ==, "C7");
  g_assert_cmpstr (str_member (element (movements, 1), "seal"), ==, "S123");
  g_assert_nonnull (str_member (element (movements, 1), "by"));
  g_assert_cmpstr (str_member (element (movements, 2), "at"), ==, "2026-11-20T07:00:00Z");
  g_assert_cmpstr (str_member (element (movements, 2), "courier"), ==, "Eve");
  g_assert_cmpstr (str_member (element (movements, 2), "note"), ==, "second courier");
  g_assert_cmpstr (str_member (element (movements, 3), "at"), ==, IN_VAULT);
  g_assert_cmpstr (str_member (element (movements, 3), "to"), ==, "Vault");
  g_assert_cmpstr (str_member (element (movements, 3), "note"), ==, "received");
}

static void
test_policy_show_and_set (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(JsonNode) policy = NULL;
  g_autoptr(JsonNode) changed = NULL;
  g_autoptr(JsonNode) check = NULL;
  JsonObject *p;

  build_compliant_store (f);

  policy = ctl_json (f, EXIT_OK, "policy", "show", NULL);
  p = object_of (policy);
  g_assert_true (bool_member (p, "production-counts"));
  g_assert_true (bool_member (p, "warning-counts"));
  g_assert_true (ABS (json_object_get_double_member (p, "at-risk-rpo-fraction") - 0.10) < 1e-9);
  g_assert_cmpint (int_member (p, "at-risk-verify-days"), ==, 7);

  /* Without production, payroll has two copies of three. */
  changed = ctl_json (f, EXIT_OK, "policy", "set", "production-counts", "false", NULL);
  g_assert_false (bool_member (object_of (changed), "production-counts"));
  g_free (ctl_ok (f, "policy", "set", "at-risk-verify-days", "10", NULL));
  g_free (ctl_ok (f, "policy", "set", "at-risk-rpo-fraction", "0.25", NULL));
  g_clear_pointer (&policy, json_node_unref);
  policy = ctl_json (f, EXIT_OK, "policy", "show", NULL);
  p = object_of (policy);
  g_assert_false (bool_member (p, "production-counts"));
  g_assert_cmpint (int_member (p, "at-risk-verify-days"), ==, 10);
  g_assert_true (ABS (json_object_get_double_member (p, "at-risk-rpo-fraction") - 0.25) < 1e-9);

  check = ctl_json (f, EXIT_VIOLATION, "--at", NOW, "check", NULL);
  g_assert_false (bool_member (rule_of (verdict_of (check, "payroll"), "3-copies"), "pass"));
  g_assert_cmpint (int_member (rule_of (verdict_of (check, "payroll"), "3-copies"), "have"), ==, 2);

  ctl_fails (f, EXIT_USAGE, "must be a fraction from 0 to below 1, not '1.5'",
             "policy", "set", "at-risk-rpo-fraction", "1.5", NULL);
}

static void
test_check_json_shape (Fixture       *f,
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

  build_compliant_store (f);
  add_violating_job (f);

  check = ctl_json (f, EXIT_VIOLATION, "--at", NOW, "check", NULL);
  root = object_of (check);
  g_assert_cmpint (json_object_get_size (root), ==, 4);
  g_assert_cmpstr (str_member (root, "version"), ==, PACKAGE_VERSION);
  g_assert_cmpstr (str_member (root, "evaluated_at"), ==, NOW);
  summary = object_of (member (root, "summary"));
  g_assert_cmpint (int_member (summary, "jobs"), ==, 2);
  g_assert_cmpint (int_member (summary, "compliant"), ==, 1);
  g_assert_cmpint (int_member (summary, "at_risk"), ==, 0);
  g_assert_cmpint (int_member (summary, "violation"), ==, 1);

  jobs = array_member (root, "jobs");
  g_assert_cmpint (json_array_get_length (jobs), ==, 2);
  mail = element (jobs, 0);
  payroll = element (jobs, 1);
  g_assert_cmpstr (str_member (mail, "job"), ==, "mail");
  g_assert_cmpstr (str_member (mail, "status"), ==, "violation");
  g_assert_cmpstr (str_member (payroll, "job"), ==, "payroll");
  g_assert_cmpstr (str_member (payroll, "status"), ==, "compliant");

  /* Five rules, always in this order, with have/need/pass as cli.md says. */
  for (guint j = 0; j < 2; j++)
    {
      JsonObject *verdict = j == 0 ? payroll : mail;
      const gint64 *have = j == 0 ? payroll_have : mail_have;

      rules = array_member (verdict, "rules");
      g_assert_cmpint (json_array_get_length (rules), ==, 5);
      for (guint r = 0; r < 5; r++)
        {
          JsonObject *rule = element (rules, r);
          gboolean pass = r == 4 ? have[r] <= need[r] : have[r] >= need[r];

          g_assert_cmpstr (str_member (rule, "rule"), ==, rule_names[r]);
          g_assert_cmpint (int_member (rule, "have"), ==, have[r]);
          g_assert_cmpint (int_member (rule, "need"), ==, need[r]);
          g_assert_cmpint (bool_member (rule, "pass"), ==, pass);
          /* A failed rule says why; a passed one may be silent. */
          if (!pass)
            g_assert_cmpint (json_array_get_length (array_member (rule, "reasons")), >, 0);
          else
            array_member (rule, "reasons");
        }
    }
  g_assert_true (strings_contain (array_member (rule_of (mail, "1-offsite"), "reasons"),
                                  "off-site"));

  copies = array_member (payroll, "copies");
  g_assert_cmpint (json_array_get_length (copies), ==, 2);
  nas = find_by (copies, "copy", "nas");
  g_assert_cmpstr (str_member (nas, "media_type"), ==, "disk");
  g_assert_true (bool_member (nas, "valid"));
  g_assert_false (bool_member (nas, "offsite"));
  g_assert_false (bool_member (nas, "offline"));
  g_assert_false (bool_member (nas, "immutable"));
  g_assert_cmpstr (str_member (nas, "last_success"), ==, RUN_END);
  g_assert_true (strings_contain (array_member (nas, "reasons"), "'NAS' (onsite-repo)"));
  tape = find_by (copies, "copy", "tape");
  g_assert_cmpstr (str_member (tape, "media_type"), ==, "tape");
  g_assert_true (bool_member (tape, "valid"));
  g_assert_true (bool_member (tape, "offsite"));
  g_assert_true (bool_member (tape, "offline"));
  g_assert_false (bool_member (tape, "immutable"));
  g_assert_cmpstr (str_member (tape, "last_success"), ==, RUN_END);
  array_member (tape, "reasons");
}

static void
test_check_exit_code_follows_violations (Fixture       *f,
                                         gconstpointer  data)
{
  g_autoptr(JsonNode) one = NULL;
  g_autofree char *out = NULL;

  build_compliant_store (f);
  g_assert_cmpint (run_ctl (f, NULL, &out, NULL, "--at", NOW, "check", NULL), ==, EXIT_OK);
  g_assert_nonnull (strstr (out, "1 jobs: 1 compliant, 0 at risk, 0 in violation (as of " NOW ")"));

  /* At risk is not a violation: a verification that expires in 4 days. */
  g_free (ctl_ok (f, "--at", SETUP, "job", "add", "crm", "--verify-days", "30", NULL));
  g_free (ctl_ok (f, "--at", SETUP, "copy", "add", "crm", "nas", "--media-type", "disk",
                  "--location", "NAS", NULL));
  g_free (ctl_ok (f, "--at", SETUP, "copy", "add", "crm", "cloud", "--media-type", "object-storage",
                  "--location", "Vault", "--immutable", NULL));
  g_free (ctl_ok (f, "record", "crm", "nas", "--status", "success", "--started", RUN_START,
                  "--finished", RUN_END, NULL));
  g_free (ctl_ok (f, "record", "crm", "cloud", "--status", "warning", "--started", RUN_START,
                  "--finished", RUN_END, "--message", "2 files skipped", NULL));
  g_free (ctl_ok (f, "verify", "crm", "nas", "--result", "passed", "--at", "2026-10-25T12:00:00Z",
                  NULL));
  g_free (ctl_ok (f, "verify", "crm", "cloud", "--result", "passed", "--at", VERIFIED, NULL));
  one = ctl_json (f, EXIT_OK, "--at", NOW, "check", "crm", NULL);
  g_assert_cmpstr (str_member (verdict_of (one, "crm"), "status"), ==, "at-risk");
  /* An immutable repository counts as offline, and says why. */
  {
    JsonObject *cloud = find_by (array_member (verdict_of (one, "crm"), "copies"), "copy", "cloud");

    g_assert_true (bool_member (cloud, "valid"));
    g_assert_true (bool_member (cloud, "offsite"));
    g_assert_true (bool_member (cloud, "offline"));
    g_assert_true (bool_member (cloud, "immutable"));
  }
  g_assert_cmpint (json_array_get_length (array_member (object_of (one), "jobs")), ==, 1);

  add_violating_job (f);
  g_assert_cmpint (run_ctl (f, NULL, NULL, NULL, "--at", NOW, "check", NULL), ==, EXIT_VIOLATION);
  g_assert_cmpint (run_ctl (f, NULL, NULL, NULL, "--at", NOW, "check", "payroll", NULL), ==,
                   EXIT_OK);
  g_assert_cmpint (run_ctl (f, NULL, NULL, NULL, "--at", NOW, "check", "payroll", "crm", NULL), ==,
                   EXIT_OK);
  g_free (out);
  g_assert_cmpint (run_ctl (f, NULL, &out, NULL, "--at", NOW, "check", "mail", NULL), ==,
                   EXIT_VIOLATION);
  g_assert_true (g_str_has_prefix (out, "mail  violation\n"));
  g_assert_cmpint (run_ctl (f, NULL, NULL, NULL, "--at", NOW, "check", "payroll", "mail", NULL), ==,
                   EXIT_VIOLATION);
  ctl_fails (f, EXIT_USAGE, "unknown job 'payrol'", "--at", NOW, "check", "payroll", "payrol",
             NULL);

  /* A failed verification is an error: 0-errors fails, and so does the job. */
  g_free (ctl_ok (f, "verify", "payroll", "tape", "--result", "passed", "--errors", "3",
                  "--at", "2026-11-20T08:30:00Z", NULL));
  g_clear_pointer (&one, json_node_unref);
  one = ctl_json (f, EXIT_VIOLATION, "--at", NOW, "check", "payroll", NULL);
  g_assert_false (bool_member (rule_of (verdict_of (one, "payroll"), "0-errors"), "pass"));
  g_assert_cmpint (int_member (rule_of (verdict_of (one, "payroll"), "0-errors"), "have"), ==, 1);
}

/*
 * Runs
 */

static void
test_record_only_running_may_omit_finished (Fixture       *f,
                                            gconstpointer  data)
{
  g_autoptr(JsonNode) running = NULL;
  g_autoptr(JsonNode) check = NULL;

  build_compliant_store (f);

  running = ctl_json (f, EXIT_OK, "record", "payroll", "nas", "--status", "running",
                      "--started", "2026-11-20T08:00:00Z", NULL);
  g_assert_true (str_member (object_of (running), "finished") == NULL);
  g_assert_cmpstr (str_member (object_of (running), "status"), ==, "running");

  ctl_fails (f, EXIT_USAGE, "a running run has no finish time", "record", "payroll", "nas",
             "--status", "running", "--started", NOW, "--finished", NOW, NULL);
  ctl_fails (f, EXIT_USAGE, "a warning run needs a finish time", "record", "payroll", "nas",
             "--status", "warning", "--started", NOW, NULL);
  ctl_fails (f, EXIT_USAGE, "a failed run needs a finish time", "record", "payroll", "nas",
             "--status", "failed", "--started", NOW, NULL);
  ctl_fails (f, EXIT_USAGE, "record needs --started", "record", "payroll", "nas",
             "--status", "running", NULL);

  /* A running run changes nothing until it finishes. */
  check = ctl_json (f, EXIT_OK, "--at", NOW, "check", NULL);
  g_assert_cmpstr (str_member (verdict_of (check, "payroll"), "status"), ==, "compliant");
}

static void
test_record_same_run_id_updates_instead_of_duplicating (Fixture       *f,
                                                        gconstpointer  data)
{
  g_autoptr(JsonNode) first = NULL;
  g_autoptr(JsonNode) second = NULL;
  g_autoptr(JsonNode) history = NULL;
  g_autoptr(JsonNode) check = NULL;
  g_autofree char *out = NULL;
  gint64 audit_before;
  JsonObject *run;

  build_compliant_store (f);
  g_assert_cmpint (export_count (f, "executions"), ==, 2);

  first = ctl_json (f, EXIT_OK, "record", "payroll", "tape", "--status", "running",
                    "--started", "2026-11-20T22:00:00Z", "--run-id", "tape-2", NULL);
  g_assert_true (bool_member (object_of (first), "added"));
  second = ctl_json (f, EXIT_OK, "record", "payroll", "tape", "--status", "failed",
                     "--started", "2026-11-20T22:00:00Z", "--finished", "2026-11-20T23:15:00Z",
                     "--volumes", "A00002L9,a00001l9", "--bytes", "1000", "--files", "10",
                     "--message", "drive error", "--run-id", "tape-2", NULL);
  g_assert_false (bool_member (object_of (second), "added"));
  assert_strings (array_member (object_of (second), "volumes"),
                  (const char *[]) { "A00002L9", "A00001L9", NULL });
  g_assert_cmpint (export_count (f, "executions"), ==, 3);

  history = ctl_json (f, EXIT_OK, "--at", "2026-11-21", "history", "payroll", NULL);
  g_assert_cmpint (json_array_get_length (array_of (history)), ==, 3);
  run = element (array_of (history), 0);
  g_assert_cmpstr (str_member (run, "run_id"), ==, "tape-2");
  g_assert_cmpstr (str_member (run, "status"), ==, "failed");
  g_assert_cmpstr (str_member (run, "message"), ==, "drive error");
  g_assert_cmpint (int_member (run, "bytes"), ==, 1000);
  assert_strings (array_member (run, "volumes"), (const char *[]) { "A00002L9", "A00001L9", NULL });

  /* The same run again: nothing to do, nothing written. */
  audit_before = audit_entries (f);
  out = ctl_ok (f, "record", "payroll", "tape", "--status", "failed",
                "--started", "2026-11-20T22:00:00Z", "--finished", "2026-11-20T23:15:00Z",
                "--volumes", "A00002L9,A00001L9", "--bytes", "1000", "--files", "10",
                "--message", "drive error", "--run-id", "tape-2", NULL);
  g_assert_cmpint (audit_entries (f), ==, audit_before);

  /* Without a run id, the start time tells runs apart. */
  g_free (ctl_ok (f, "record", "payroll", "nas", "--status", "running", "--started",
                  "2026-11-20T21:00:00Z",
                  NULL));
  g_free (ctl_ok (f, "record", "payroll", "nas", "--status", "success", "--started",
                  "2026-11-20T21:00:00Z",
                  "--finished", "2026-11-20T21:20:00Z", NULL));
  g_assert_cmpint (export_count (f, "executions"), ==, 4);
  g_free (ctl_ok (f, "record", "payroll", "nas", "--status", "success", "--started",
                  "2026-11-20T21:30:00Z",
                  "--finished", "2026-11-20T21:40:00Z", NULL));
  g_assert_cmpint (export_count (f, "executions"), ==, 5);

  /* The failed tape run is its latest: an error, and not a valid copy
   * any more once the older success is out of its RPO. */
  check = ctl_json (f, EXIT_VIOLATION, "--at", "2026-11-21T01:00:00Z", "check", NULL);
  g_assert_cmpint (int_member (rule_of (verdict_of (check, "payroll"), "0-errors"), "have"), >=, 1);
}

/*
 * Media moves
 */

static void
test_move_that_breaks_compliance_needs_confirm (Fixture       *f,
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

  build_compliant_store (f);
  audit_before = audit_entries (f);

  /* Recalling the only offsite tape breaks payroll's 1-offsite and 1-offline. */
  ctl_fails (f, EXIT_USAGE, "payroll", "--at", NOW, "media", "move", "A00001L9", "--to", "Library",
             NULL);
  ctl_fails (f, EXIT_USAGE, "--confirm", "--at", NOW, "media", "move", "A00001L9", "--to",
             "Library", NULL);
  ctl_fails (f, EXIT_USAGE, "1-offsite", "--at", NOW, "media", "move", "A00002L9", "A00001L9",
             "--to", "Library", NULL);
  g_assert_cmpint (audit_entries (f), ==, audit_before);
  medium = ctl_json (f, EXIT_OK, "--at", NOW, "media", "show", "A00001L9", NULL);
  g_assert_cmpstr (str_member (object_of (medium), "location"), ==, "Vault");
  g_assert_cmpint (json_array_get_length (array_member (object_of (medium), "movements")), ==, 3);

  /* Moving the other, unused tape is no one's business. */
  g_free (ctl_ok (f, "--at", NOW, "media", "move", "A00002L9", "--to", "Vault", NULL));

  /* With --confirm it happens, and the audit trail says it was confirmed. */
  g_assert_cmpint (run_ctl (f, NULL, &out, &err, "--at", NOW, "media", "move", "A00001L9",
                            "--to", "Library", "--confirm", "--note", "restore drill", NULL), ==,
                            EXIT_OK);
  g_assert_cmpstr (err, ==, "");
  g_clear_pointer (&medium, json_node_unref);
  medium = ctl_json (f, EXIT_OK, "--at", NOW, "media", "show", "A00001L9", NULL);
  g_assert_cmpstr (str_member (object_of (medium), "location"), ==, "Library");
  g_assert_cmpint (json_array_get_length (array_member (object_of (medium), "movements")), ==, 4);

  root = export_store (f);
  audit = array_member (object_of (root), "audit");
  last = element (audit, json_array_get_length (audit) - 1);
  g_assert_cmpstr (str_member (last, "action"), ==, "media.move-confirmed");
  g_assert_nonnull (strstr (str_member (last, "after"), "payroll"));

  check = ctl_json (f, EXIT_VIOLATION, "--at", NOW, "check", NULL);
  g_assert_false (bool_member (rule_of (verdict_of (check, "payroll"), "1-offsite"), "pass"));
}

/*
 * Imports
 */

#define JOBS_HEADER \
  "job,source,owner,rpo_hours,verify_days,copy,media_type,location,immutable,air_gapped\n"
#define EXECUTIONS_HEADER "job,copy,started,finished,status,bytes,files,volumes,run_id,message\n"

static JsonObject *
import_stats (JsonNode *node,
              gint64    added,
              gint64    updated,
              gint64    unchanged)
{
  JsonObject *stats = object_of (node);

  g_assert_cmpint (int_member (stats, "added"), ==, added);
  g_assert_cmpint (int_member (stats, "updated"), ==, updated);
  g_assert_cmpint (int_member (stats, "unchanged"), ==, unchanged);
  return stats;
}

static void
test_import_jobs_columns_in_any_order_and_defaults (Fixture       *f,
                                                    gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(JsonNode) stats = NULL;
  g_autoptr(JsonNode) payroll = NULL;
  g_autoptr(JsonNode) mail = NULL;
  JsonObject *cloud;

  build_compliant_store (f);
  g_free (ctl_ok (f, "--at", SETUP, "location", "add", "Cloud", "--kind", "offsite-repo", NULL));

  /* Columns shuffled, some left out, empty cells: the defaults. */
  path = write_file (f, "jobs.csv",
                     "media_type,copy,job,air_gapped,location,immutable,rpo_hours,owner\n"
                     "object-storage,cloud,payroll,,Cloud,true,,ann\n"
                     "disk,nas,mail,false,NAS,,48,\n"
                     "tape,tape,mail,true,,false,48,\n", -1);
  stats = ctl_json (f, EXIT_OK, "--at", SETUP, "import", "jobs", path, NULL);
  import_stats (stats, 3, 0, 0);

  payroll = ctl_json (f, EXIT_OK, "--at", NOW, "job", "show", "payroll", NULL);
  g_assert_cmpint (int_member (object_of (payroll), "rpo_hours"), ==, 24);
  g_assert_cmpint (int_member (object_of (payroll), "verify_days"), ==, 30);
  g_assert_cmpstr (str_member (object_of (payroll), "owner"), ==, "ann");
  cloud = find_by (array_member (object_of (payroll), "copies"), "name", "cloud");
  g_assert_cmpstr (str_member (cloud, "media_type"), ==, "object-storage");
  g_assert_cmpstr (str_member (cloud, "location"), ==, "Cloud");
  g_assert_true (bool_member (cloud, "immutable"));
  g_assert_false (bool_member (cloud, "air_gapped"));

  mail = ctl_json (f, EXIT_OK, "--at", NOW, "job", "show", "mail", NULL);
  g_assert_cmpint (int_member (object_of (mail), "rpo_hours"), ==, 48);
  g_assert_cmpint (int_member (object_of (mail), "verify_days"), ==, 30);
  g_assert_cmpstr (str_member (object_of (mail), "source"), ==, "");
  g_assert_true (bool_member (find_by (array_member (object_of (mail), "copies"), "name", "tape"),
                              "air_gapped"));
  g_assert_true (str_member (find_by (array_member (object_of (mail), "copies"), "name", "tape"),
                             "location") == NULL);
}

static void
test_import_header_is_required (Fixture       *f,
                                gconstpointer  data)
{
  gint64 audit_before;

  build_compliant_store (f);
  audit_before = audit_entries (f);

  ctl_fails_stdin (f, "", EXIT_USAGE, "the file is empty: it needs a header line", "import",
                   "jobs", "-",
                   NULL);
  ctl_fails_stdin (f, "\n\n", EXIT_USAGE, "the file is empty", "import", "media", "-", NULL);
  /* A file that starts with data: its first line is read as the header. */
  ctl_fails_stdin (f, "payroll,nas,disk\n", EXIT_USAGE, "line 1: unknown column 'payroll'",
                   "import", "jobs", "-", NULL);
  ctl_fails_stdin (f, "copy,media_type\nnas,disk\n", EXIT_USAGE,
                   "line 1: the header has no column 'job'",
                   "import", "jobs", "-", NULL);
  ctl_fails_stdin (f, "volser,pool\nA00009L9,weekly\n", EXIT_USAGE,
                   "line 1: the header has no column 'type'",
                   "import", "media", "-", NULL);
  ctl_fails_stdin (f, "job,copy,started,finished\npayroll,nas," NOW "," NOW "\n", EXIT_USAGE,
                   "line 1: the header has no column 'status'", "import", "executions", "-", NULL);

  /* Refused whole: nothing was written. */
  g_assert_cmpint (audit_entries (f), ==, audit_before);
}

static void
test_import_unknown_column_is_an_error (Fixture       *f,
                                        gconstpointer  data)
{
  gint64 audit_before;

  build_compliant_store (f);
  audit_before = audit_entries (f);

  ctl_fails_stdin (f, "job,copy,colour\nmail,nas,blue\n", EXIT_USAGE,
                   "line 1: unknown column 'colour' (the columns are job, source, owner,"
                   " rpo_hours, "
                   "verify_days, copy, media_type, location, immutable, air_gapped)",
                   "import", "jobs", "-", NULL);
  ctl_fails_stdin (f, "volser,type,barcode\nA00009L9,LTO-9,x\n", EXIT_USAGE,
                   "line 1: unknown column 'barcode'",
                   "import", "media", "-", NULL);
  ctl_fails_stdin (f, "job,job\nmail,mail\n", EXIT_USAGE, "line 1: column 'job' appears twice",
                   "import", "jobs", "-", NULL);
  ctl_fails_stdin (f, "job,copy\nmail,nas,disk\n", EXIT_USAGE,
                   "line 2: 3 fields, but the header has 2",
                   "import", "jobs", "-", NULL);

  /* Refused whole: nothing was written. */
  g_assert_cmpint (audit_entries (f), ==, audit_before);
}

static void
test_import_rfc4180_quoting (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(JsonNode) stats = NULL;
  g_autoptr(JsonNode) history = NULL;
  g_autoptr(JsonNode) job = NULL;
  JsonObject *run;

  build_compliant_store (f);

  /* A spreadsheet's export: BOM, CRLF, quotes everywhere, a message with
   * commas, doubled quotes and a line break. */
  g_free (ctl_ok (f, "--at", SETUP, "job", "add", "crm, EU", NULL));
  g_free (ctl_ok (f, "--at", SETUP, "copy", "add", "crm, EU", "nas", "--media-type", "disk", NULL));
  {
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;

    g_assert_cmpint (run_ctl (f,
                              "\xEF\xBB\xBF\"job\",\"copy\",\"started\",\"finished\","
                              "\"status\",\"message\"\r\n"
                              "\"crm, EU\",\"nas\",\"" RUN_START "\",\"" RUN_END "\",\"warning\","
                              "\"skipped \"\"C:\\pagefile.sys\"\", locked\r\nsee log\"\r\n",
                              &out, &err, "--json", "import", "executions", "-", NULL), ==,
                              EXIT_OK);
    g_assert_cmpstr (err, ==, "");
    stats = parse_json (out);
    import_stats (stats, 1, 0, 0);
  }

  history = ctl_json (f, EXIT_OK, "--at", NOW, "history", "crm, EU", NULL);
  g_assert_cmpint (json_array_get_length (array_of (history)), ==, 1);
  run = element (array_of (history), 0);
  g_assert_cmpstr (str_member (run, "status"), ==, "warning");
  g_assert_cmpstr (str_member (run, "message"), ==,
                   "skipped \"C:\\pagefile.sys\", locked\r\nsee log");
  g_assert_cmpstr (str_member (run, "finished"), ==, RUN_END);

  job = ctl_json (f, EXIT_OK, "--at", NOW, "job", "show", "crm, EU", NULL);
  g_assert_cmpstr (str_member (object_of (job), "name"), ==, "crm, EU");

  ctl_fails_stdin (f, "job,copy,started,finished,status,message\n"
                      "payroll,nas," RUN_START "," RUN_END ",success,\"never closed\n",
                   EXIT_USAGE, "line 2: a quoted field is not closed", "import", "executions", "-",
                   NULL);
  ctl_fails_stdin (f, "job,copy,started,finished,status,message\n"
                      "payroll,nas," RUN_START "," RUN_END ",success,caf\xE9\n",
                   EXIT_USAGE, "line 2: the text is not valid UTF-8", "import", "executions", "-",
                   NULL);
}

static void
test_import_booleans_are_true_or_false (Fixture       *f,
                                        gconstpointer  data)
{
  g_autoptr(JsonNode) job = NULL;

  build_compliant_store (f);

  ctl_fails_stdin (f, "job,copy,media_type,immutable\nmail,cloud,object-storage,yes\n", EXIT_USAGE,
                   "line 2: immutable 'yes' is not true or false", "import", "jobs", "-", NULL);
  ctl_fails_stdin (f, "job,copy,media_type,air_gapped\nmail,usb,removable-disk,1\n", EXIT_USAGE,
                   "line 2: air_gapped '1' is not true or false", "import", "jobs", "-", NULL);
  ctl_fails_stdin (f, "volser,type,worm\nW00001L9,LTO-9,TRUE\n", EXIT_USAGE,
                   "line 2: worm 'TRUE' is not true or false", "import", "media", "-", NULL);

  g_free (ctl_ok (f, "--at", SETUP, "location", "add", "Cloud", "--kind", "offsite-repo", NULL));
  {
    g_autofree char *err = NULL;

    g_assert_cmpint (run_ctl (f, "job,copy,media_type,location,immutable,air_gapped\n"
                                 "mail,cloud,object-storage,Cloud,true,false\n",
                              NULL, &err, "--at", SETUP, "import", "jobs", "-", NULL), ==, EXIT_OK);
    g_assert_cmpstr (err, ==, "");
  }
  job = ctl_json (f, EXIT_OK, "--at", NOW, "job", "show", "mail", NULL);
  g_assert_true (bool_member (element (array_member (object_of (job), "copies"), 0), "immutable"));
  g_assert_false (bool_member (element (array_member (object_of (job), "copies"), 0),
                               "air_gapped"));
}

static void
test_import_jobs_rows_of_one_job_must_agree (Fixture       *f,
                                             gconstpointer  data)
{
  g_autoptr(JsonNode) stats = NULL;
  g_autofree char *out = NULL;

  build_compliant_store (f);

  ctl_fails_stdin (f, JOBS_HEADER
                      "mail,mx1,bob,24,30,nas,disk,NAS,false,false\n"
                      "crm,crm1,eve,24,30,nas,disk,NAS,false,false\n"
                      "mail,mx1,bob,12,30,tape,tape,,false,false\n",
                   EXIT_USAGE, "line 4: job 'mail' has rpo_hours '12' here but '24' on line 2",
                   "import", "jobs", "-", NULL);
  ctl_fails_stdin (f, JOBS_HEADER
                      "mail,mx1,bob,24,30,nas,disk,NAS,false,false\n"
                      "mail,mx1,carol,24,30,tape,tape,,false,false\n",
                   EXIT_USAGE, "line 3: job 'mail' has owner 'carol' here but 'bob' on line 2",
                   "import", "jobs", "-", NULL);
  ctl_fails_stdin (f, JOBS_HEADER
                      "mail,mx1,bob,24,30,nas,disk,NAS,false,false\n"
                      "mail,mx1,bob,24,30,nas,tape,,false,false\n",
                   EXIT_USAGE, "line 3: copy 'nas' of job 'mail' appears twice",
                   "import", "jobs", "-", NULL);
  ctl_fails_stdin (f, JOBS_HEADER "mail,mx1,bob,0,30,nas,disk,NAS,false,false\n",
                   EXIT_USAGE, "line 2: rpo_hours '0' is not a whole number of at least 1",
                   "import", "jobs", "-", NULL);
  ctl_fails_stdin (f, JOBS_HEADER "mail,mx1,bob,24,30,nas,disk,Attic,false,false\n",
                   EXIT_USAGE, "line 2: unknown location 'Attic'", "import", "jobs", "-", NULL);

  g_assert_cmpint (run_ctl (f, JOBS_HEADER
                               "mail,mx1,bob,24,30,nas,disk,NAS,false,false\n"
                               "mail,mx1,bob,24,30,tape,tape,,false,false\n",
                            &out, NULL, "--json", "--at", SETUP, "import", "jobs", "-", NULL), ==,
                            EXIT_OK);
  stats = parse_json (out);
  import_stats (stats, 2, 0, 0);
}

static void
test_import_executions_volumes_are_known_media (Fixture       *f,
                                                gconstpointer  data)
{
  g_autoptr(JsonNode) history = NULL;
  g_autofree char *out = NULL;

  build_compliant_store (f);

  ctl_fails_stdin (f, EXECUTIONS_HEADER
                      "payroll,tape,2026-11-20T22:00:00Z,2026-11-20T23:00:00Z,success,,,"
                      "A00001L9;A00009L9,t2,\n",
                   EXIT_USAGE, "line 2: unknown volume 'A00009L9'", "import", "executions", "-",
                   NULL);
  ctl_fails_stdin (f, EXECUTIONS_HEADER
                      "payroll,tape,2026-11-20T22:00:00Z,2026-11-20T23:00:00Z,success,,,"
                      "A00001L9;a00001l9,t2,\n",
                   EXIT_USAGE, "line 2: volume 'A00001L9' is listed twice", "import", "executions",
                   "-", NULL);
  ctl_fails_stdin (f, EXECUTIONS_HEADER
                      "payroll,tape,2026-11-20T22:00:00Z,,success,,,,t2,\n",
                   EXIT_USAGE, "line 2: a success run needs a finish time", "import", "executions",
                   "-", NULL);
  ctl_fails_stdin (f, EXECUTIONS_HEADER
                      "payroll,tape,2026-11-20T22:00:00Z,2026-11-20T23:00:00Z,success,-5,,,t2,\n",
                   EXIT_USAGE, "line 2: bytes '-5' is not a whole number of at least 0", "import",
                   "executions",
                   "-", NULL);
  ctl_fails_stdin (f, EXECUTIONS_HEADER
                      "payroll,floppy,2026-11-20T22:00:00Z,2026-11-20T23:00:00Z,success,,,,t2,\n",
                   EXIT_USAGE, "line 2: job 'payroll' has no copy 'floppy'", "import",
                   "executions", "-", NULL);
  ctl_fails_stdin (f, EXECUTIONS_HEADER
                      "payroll,tape,20.11.2026,2026-11-20T23:00:00Z,success,,,,t2,\n",
                   EXIT_USAGE, "line 2: started '20.11.2026' is not a time", "import",
                   "executions", "-", NULL);

  g_assert_cmpint (run_ctl (f, EXECUTIONS_HEADER
                               "payroll,tape,2026-11-20T22:00:00Z,2026-11-20T23:00:00Z,"
                               "success,5000,7,"
                               "a00002l9; A00001L9,t2,\n",
                            &out, NULL, "import", "executions", "-", NULL), ==, EXIT_OK);
  history = ctl_json (f, EXIT_OK, "--at", "2026-11-21", "history", "payroll", "--limit", "1", NULL);
  assert_strings (array_member (element (array_of (history), 0), "volumes"),
                  (const char *[]) { "A00002L9", "A00001L9", NULL });
  g_assert_cmpint (int_member (element (array_of (history), 0), "files"), ==, 7);
}

static void
test_import_execution_identity_is_run_id_or_started (Fixture       *f,
                                                     gconstpointer  data)
{
  g_autoptr(JsonNode) first = NULL;
  g_autoptr(JsonNode) second = NULL;
  g_autoptr(JsonNode) history = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  build_compliant_store (f);

  /* The backup tool reported tape-1 (already recorded) again, now with its
   * size, and two runs without ids. */
  a = write_file (f, "a.csv", EXECUTIONS_HEADER
                  "payroll,tape," RUN_START "," RUN_END ",success,123456,,A00001L9,tape-1,\n"
                  "payroll,nas,2026-11-20T22:00:00Z,,running,,,,,\n"
                  "payroll,nas,2026-11-21T22:00:00Z,2026-11-21T22:30:00Z,success,,,,,\n", -1);
  first = ctl_json (f, EXIT_OK, "import", "executions", a, NULL);
  import_stats (first, 2, 1, 0);
  g_assert_cmpint (export_count (f, "executions"), ==, 4);

  /* Later: the running run finished (same job, copy and start), a run id
   * moved to another copy is another run. */
  b = write_file (f, "b.csv", EXECUTIONS_HEADER
                  "payroll,nas,2026-11-20T22:00:00Z,2026-11-20T22:45:00Z,success,,,,,\n"
                  "payroll,nas,2026-11-21T22:00:00Z,2026-11-21T22:30:00Z,success,,,,,\n"
                  "payroll,nas," RUN_START "," RUN_END ",success,,,,tape-1,\n", -1);
  second = ctl_json (f, EXIT_OK, "import", "executions", b, NULL);
  import_stats (second, 1, 1, 1);
  g_assert_cmpint (export_count (f, "executions"), ==, 5);

  history = ctl_json (f, EXIT_OK, "--at", "2026-11-22", "history", "payroll", NULL);
  g_assert_cmpint (json_array_get_length (array_of (history)), ==, 5);
  g_assert_cmpstr (str_member (element (array_of (history), 1), "status"), ==, "success");
  g_assert_cmpstr (str_member (element (array_of (history), 1), "finished"), ==,
                   "2026-11-20T22:45:00Z");
  g_assert_cmpint (int_member (find_by (array_of (history), "copy", "tape"), "bytes"), ==, 123456);
}

static void
test_import_same_file_twice_changes_nothing (Fixture       *f,
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

  build_compliant_store (f);

  for (guint i = 0; i < G_N_ELEMENTS (imports); i++)
    {
      g_autofree char *name = g_strdup_printf ("%s.csv", imports[i].kind);
      g_autofree char *path = write_file (f, name, imports[i].csv, -1);
      g_autoptr(JsonNode) first = NULL;
      g_autoptr(JsonNode) again = NULL;
      g_autofree char *hash = NULL;
      g_autofree char *hash_again = NULL;
      g_autofree char *text = NULL;

      g_test_message ("import %s", imports[i].kind);
      first = ctl_json (f, EXIT_OK, "--at", SETUP, "import", imports[i].kind, path, NULL);
      import_stats (first, imports[i].rows, 0, 0);

      hash = file_sha256 (f->db);
      again = ctl_json (f, EXIT_OK, "--at", SETUP, "import", imports[i].kind, path, NULL);
      import_stats (again, 0, 0, imports[i].rows);
      hash_again = file_sha256 (f->db);
      g_assert_cmpstr (hash_again, ==, hash);

      /* The text form says the same. */
      text = ctl_ok (f, "--at", SETUP, "import", imports[i].kind, path, NULL);
      g_assert_cmpstr (text, ==, "Added 0, updated 0, unchanged 3.\n");
    }

  /* The media file's locations were moves. */
  {
    g_autoptr(JsonNode) medium = ctl_json (f, EXIT_OK, "--at", NOW, "media", "show", "B00002L9",
                                           NULL);

    g_assert_cmpstr (str_member (object_of (medium), "location"), ==, "Vault");
    g_assert_cmpint (json_array_get_length (array_member (object_of (medium), "movements")), ==, 1);
  }
}

static void
test_import_dash_reads_standard_input (Fixture       *f,
                                       gconstpointer  data)
{
  g_autoptr(JsonNode) stats = NULL;
  g_autoptr(JsonNode) medium = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  build_compliant_store (f);

  g_assert_cmpint (run_ctl (f, "volser,type,pool\nC00001L8,LTO-8,daily\n", &out, &err,
                            "--json", "import", "media", "-", NULL), ==, EXIT_OK);
  g_assert_cmpstr (err, ==, "");
  stats = parse_json (out);
  import_stats (stats, 1, 0, 0);
  medium = ctl_json (f, EXIT_OK, "media", "show", "C00001L8", NULL);
  g_assert_cmpstr (str_member (object_of (medium), "pool"), ==, "daily");

  /* A file called "-" is standard input, never a file. */
  g_free (write_file (f, "-", "volser,type\nD00001L8,LTO-8\n", -1));
  g_free (out);
  g_assert_cmpint (run_ctl (f, "", &out, NULL, "import", "media", "-", NULL), ==, EXIT_USAGE);
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
test_import_one_bad_row_in_100000_adds_nothing (Fixture       *f,
                                                gconstpointer  data)
{
  g_autoptr(GString) csv = runs_csv (100000, 73457);
  g_autoptr(GString) fixed = NULL;
  g_autofree char *path = NULL;
  g_autofree char *export_before = NULL;
  g_autofree char *export_after = NULL;
  g_autoptr(JsonNode) stats = NULL;
  gint64 audit_before;

  build_compliant_store (f);
  audit_before = audit_entries (f);
  export_before = export_text (f);

  path = write_file (f, "runs.csv", csv->str, (gssize) csv->len);

  ctl_fails (f, EXIT_USAGE,
             "line 73457: status 'ok' is not one of success, warning, failed, running",
             "import", "executions", path, NULL);
  g_assert_cmpint (audit_entries (f), ==, audit_before);
  export_after = export_text (f);
  g_assert_cmpstr (export_after, ==, export_before);

  /* Fixed, the whole file goes in, once. */
  fixed = runs_csv (100000, 0);
  g_free (path);
  path = write_file (f, "runs.csv", fixed->str, (gssize) fixed->len);
  stats = ctl_json (f, EXIT_OK, "import", "executions", path, NULL);
  import_stats (stats, 100000, 0, 0);
  g_assert_cmpint (audit_entries (f), ==, audit_before + 1);
}

static void
test_import_error_line_counts_records_spanning_lines (Fixture       *f,
                                                      gconstpointer  data)
{
  gint64 audit_before;

  build_compliant_store (f);
  audit_before = audit_entries (f);

  /* The first two rows hold messages of three lines each, then comes a
   * blank line: the bad row is on line 9 of the file. */
  ctl_fails_stdin (f, EXECUTIONS_HEADER
                      "payroll,nas,2026-11-20T01:00:00Z,2026-11-20T02:00:00Z,success,,,,,"
                      "\"one\ntwo\nthree\"\n"
                      "payroll,nas,2026-11-20T03:00:00Z,2026-11-20T04:00:00Z,success,,,,,"
                      "\"one\r\ntwo\r\nthree\"\n"
                      "\n"
                      "payroll,nas,2026-11-20T05:00:00Z,2026-11-20T06:00:00Z,finished,,,,,\n",
                   EXIT_USAGE, "line 9: status 'finished' is not one of", "import", "executions",
                   "-", NULL);

  /* Refused whole: nothing was written. */
  g_assert_cmpint (audit_entries (f), ==, audit_before);
}

static void
test_import_killed_midway_leaves_the_store_as_it_was (Fixture       *f,
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

  build_compliant_store (f);
  audit_before = audit_entries (f);
  export_before = export_text (f);
  hash_before = file_sha256 (f->db);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                        G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                        G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_set_environ (launcher, f->env);
  process = g_subprocess_launcher_spawn (launcher, &error, custodyctl_path (), "--db", f->db,
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
  g_assert_cmpint (run_ctl (f, NULL, NULL, NULL, "db", "check", NULL), ==, EXIT_OK);
  g_assert_cmpint (audit_entries (f), ==, audit_before);
  export_after = export_text (f);
  g_assert_cmpstr (export_after, ==, export_before);
  hash_after = file_sha256 (f->db);
  g_assert_cmpstr (hash_after, ==, hash_before);

  /* ...and takes the next write. */
  g_free (ctl_ok (f, "--at", NOW, "job", "add", "mail", NULL));
  g_assert_cmpint (audit_entries (f), ==, audit_before + 1);
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
test_backup_keeps_n_generations (Fixture       *f,
                                 gconstpointer  data)
{
  g_autofree char *backups = fixture_path (f, "backups");
  g_autofree char *elsewhere = fixture_path (f, "elsewhere");
  g_autofree char *newest = NULL;

  build_compliant_store (f);

  for (guint i = 0; i < 3 + 2; i++)
    {
      g_autoptr(JsonNode) backup = ctl_json (f, EXIT_OK, "db", "backup", "--keep", "3", NULL);
      const char *path = str_member (object_of (backup), "backup");

      g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
      g_assert_true (g_str_has_prefix (path, backups));
      g_assert_cmpint (count_backups (backups), ==, MIN (i + 1, 3));
      g_free (newest);
      newest = g_strdup (path);
    }
  g_assert_true (g_file_test (newest, G_FILE_TEST_IS_REGULAR));

  /* The default is five; --dir puts them elsewhere. */
  for (guint i = 0; i < 5 + 2; i++)
    g_free (ctl_ok (f, "db", "backup", "--dir", elsewhere, NULL));
  g_assert_cmpint (count_backups (elsewhere), ==, 5);
  g_assert_cmpint (count_backups (backups), ==, 3);

  ctl_fails (f, EXIT_USAGE, "--keep must be at least 1", "db", "backup", "--keep", "0", NULL);
}

static void
test_restore_brings_back_the_backup (Fixture       *f,
                                     gconstpointer  data)
{
  g_autoptr(JsonNode) backup = NULL;
  g_autoptr(JsonNode) jobs = NULL;
  g_autoptr(JsonNode) medium = NULL;
  g_autofree char *path = NULL;
  g_autofree char *export_backed_up = NULL;
  g_autofree char *export_restored = NULL;

  build_compliant_store (f);
  backup = ctl_json (f, EXIT_OK, "db", "backup", NULL);
  path = g_strdup (str_member (object_of (backup), "backup"));
  export_backed_up = export_text (f);

  add_violating_job (f);
  g_free (ctl_ok (f, "--at", NOW, "media", "move", "A00001L9", "--to", "Library", "--confirm",
                  NULL));
  g_free (ctl_ok (f, "policy", "set", "production-counts", "false", NULL));

  g_free (ctl_ok (f, "db", "restore", path, NULL));

  jobs = ctl_json (f, EXIT_OK, "--at", NOW, "job", "list", NULL);
  g_assert_cmpint (json_array_get_length (array_of (jobs)), ==, 1);
  g_assert_cmpstr (str_member (element (array_of (jobs), 0), "status"), ==, "compliant");
  medium = ctl_json (f, EXIT_OK, "--at", NOW, "media", "show", "A00001L9", NULL);
  g_assert_cmpstr (str_member (object_of (medium), "location"), ==, "Vault");

  /* The same store as backed up, plus one audit entry for the restore. */
  {
    g_autoptr(JsonNode) root = export_store (f);
    JsonObject *store = object_of (root);
    JsonArray *audit = array_member (store, "audit");
    JsonObject *last = element (audit, json_array_get_length (audit) - 1);
    g_autoptr(JsonGenerator) generator = json_generator_new ();

    g_assert_cmpstr (str_member (last, "action"), ==, "store.restore");
    json_array_remove_element (audit, json_array_get_length (audit) - 1);
    json_object_remove_member (store, "exported_at");
    json_generator_set_root (generator, root);
    export_restored = json_generator_to_data (generator, NULL);
  }
  g_assert_cmpstr (export_restored, ==, export_backed_up);
  g_assert_cmpint (run_ctl (f, NULL, NULL, NULL, "db", "check", NULL), ==, EXIT_OK);
}

static void
test_restore_refuses_a_corrupt_backup (Fixture       *f,
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
  build_compliant_store (f);
  for (guint i = 0; i < 40; i++)
    g_string_append_printf (jobs_csv, "job-%02u,a long source text to fill pages\n", i);
  g_assert_cmpint (run_ctl (f, jobs_csv->str, NULL, NULL, "--at", SETUP, "import", "jobs", "-",
                            NULL), ==, EXIT_OK);
  backup = ctl_json (f, EXIT_OK, "db", "backup", NULL);
  g_free (ctl_ok (f, "--at", NOW, "job", "add", "after-the-backup", NULL));
  audit_before = audit_entries (f);

  fill_garbage (garbage, 32 * 1024, 3);
  garbage_path = write_file (f, "garbage.db", (const char *) garbage, 32 * 1024);
  ctl_fails (f, EXIT_USAGE, "garbage.db", "db", "restore", garbage_path, NULL);

  /* A real backup with a damaged page. */
  g_file_get_contents (str_member (object_of (backup), "backup"), &contents, &len, &error);
  g_assert_no_error (error);
  g_assert_cmpint (len, >, 8 * 4096);
  fill_garbage ((guint8 *) contents + 4 * 4096, 4096, 4);
  damaged_path = write_file (f, "damaged.db", contents, (gssize) len);
  ctl_fails (f, EXIT_USAGE, "damaged.db", "db", "restore", damaged_path, NULL);

  /* Some other program's database. */
  foreign_path = fixture_path (f, "foreign.db");
  exec_sql (foreign_path, "CREATE TABLE t (x); INSERT INTO t VALUES (1);");
  ctl_fails (f, EXIT_USAGE, "is not a Custody store", "db", "restore", foreign_path, NULL);

  g_assert_cmpint (audit_entries (f), ==, audit_before);
  g_assert_cmpint (export_count (f, "jobs"), ==, 42);
}

static void
test_db_check_passes_on_a_good_store (Fixture       *f,
                                      gconstpointer  data)
{
  g_autoptr(JsonNode) check = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  JsonObject *o;

  build_compliant_store (f);

  check = ctl_json (f, EXIT_OK, "db", "check", NULL);
  o = object_of (check);
  g_assert_true (bool_member (o, "ok"));
  g_assert_cmpstr (str_member (o, "integrity"), ==, "ok");
  g_assert_cmpint (int_member (o, "audit_entries"), ==, 16);
  g_assert_true (JSON_NODE_HOLDS_NULL (member (o, "first_broken_entry")));

  g_assert_cmpint (run_ctl (f, NULL, &out, &err, "db", "check", NULL), ==, EXIT_OK);
  g_assert_cmpstr (err, ==, "");
  g_assert_nonnull (strstr (out, "16 entries, the hash chain verifies"));
}

static void
test_db_check_finds_a_tampered_audit_entry (Fixture       *f,
                                            gconstpointer  data)
{
  g_autoptr(JsonNode) check = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  sqlite3 *db = NULL;
  JsonObject *o;

  build_compliant_store (f);

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

  g_assert_cmpint (run_ctl (f, NULL, &out, &err, "db", "check", NULL), ==, EXIT_STORE);
  g_assert_true (g_str_has_prefix (err, "custodyctl: error: audit entry 7 is broken"));
  g_assert_nonnull (strstr (err, "changed after it was written"));

  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_ctl (f, NULL, &out, NULL, "--json", "db", "check", NULL), ==, EXIT_STORE);
  check = parse_json (out);
  o = object_of (check);
  g_assert_false (bool_member (o, "ok"));
  g_assert_cmpint (int_member (o, "first_broken_entry"), ==, 7);
  g_assert_cmpint (int_member (o, "audit_entries"), ==, 16);
}

/*
 * Demo and export
 */

static void
test_demo_fills_a_new_store_with_compliant_and_violating_jobs (Fixture       *f,
                                                               gconstpointer  data)
{
  g_autoptr(JsonNode) demo = NULL;
  g_autoptr(JsonNode) check = NULL;
  g_autoptr(JsonNode) again = NULL;
  JsonObject *summary;

  demo = ctl_json (f, EXIT_OK, "--at", NOW, "demo", "--jobs", "12", NULL);
  g_assert_cmpint (int_member (object_of (demo), "jobs"), ==, 12);

  check = ctl_json (f, EXIT_VIOLATION, "--at", NOW, "check", NULL);
  summary = object_of (member (object_of (check), "summary"));
  g_assert_cmpint (int_member (summary, "jobs"), ==, 12);
  g_assert_cmpint (int_member (summary, "compliant"), >, 0);
  g_assert_cmpint (int_member (summary, "violation"), >, 0);
  g_assert_cmpint (int_member (summary, "compliant") + int_member (summary, "at_risk") +
                   int_member (summary, "violation"), ==, 12);
  g_assert_cmpint (run_ctl (f, NULL, NULL, NULL, "db", "check", NULL), ==, EXIT_OK);

  /* The same seed at the same moment gives the same store. */
  {
    Fixture other = { 0, };
    g_autofree char *a = NULL;
    g_autofree char *b = NULL;
    g_autoptr(JsonNode) other_check = NULL;

    fixture_set_up (&other, NULL);
    g_free (ctl_ok (&other, "--at", NOW, "demo", "--jobs", "12", NULL));
    other_check = ctl_json (&other, EXIT_VIOLATION, "--at", NOW, "check", NULL);
    a = json_to_string (check, FALSE);
    b = json_to_string (other_check, FALSE);
    g_assert_cmpstr (a, ==, b);
    fixture_tear_down (&other, NULL);
  }

  ctl_fails (f, EXIT_USAGE, "is not empty", "--at", NOW, "demo", NULL);
  again = ctl_json (f, EXIT_VIOLATION, "--at", NOW, "check", NULL);
  g_assert_cmpint (int_member (object_of (member (object_of (again), "summary")), "jobs"), ==, 12);

  /* --executions is about how many runs there are in all. */
  {
    Fixture other = { 0, };
    guint runs;

    fixture_set_up (&other, NULL);
    g_free (ctl_ok (&other, "--at", NOW, "demo", "--jobs", "4", "--executions", "1200", "--seed",
                    "7",
                    NULL));
    runs = export_count (&other, "executions");
    g_test_message ("%u runs", runs);
    g_assert_cmpint (runs, >=, 600);
    g_assert_cmpint (runs, <=, 2400);
    fixture_tear_down (&other, NULL);
  }
}

static void
test_export_is_one_json_document_of_the_whole_store (Fixture       *f,
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

  build_compliant_store (f);

  root = export_store (f);
  store = object_of (root);
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    array_member (store, tables[i]);
  g_assert_cmpint (json_array_get_length (array_member (store, "locations")), ==, 4);
  g_assert_cmpint (json_array_get_length (array_member (store, "jobs")), ==, 1);
  g_assert_cmpint (json_array_get_length (array_member (store, "copies")), ==, 2);
  g_assert_cmpint (json_array_get_length (array_member (store, "media")), ==, 2);
  g_assert_cmpint (json_array_get_length (array_member (store, "movements")), ==, 4);
  g_assert_cmpint (json_array_get_length (array_member (store, "executions")), ==, 2);
  g_assert_cmpint (json_array_get_length (array_member (store, "verifications")), ==, 2);
  g_assert_cmpint (json_array_get_length (array_member (store, "audit")), ==, 16);
  run = find_by (array_member (store, "executions"), "copy", "tape");
  g_assert_cmpstr (str_member (run, "volumes"), ==, "A00001L9");
  g_assert_cmpstr (str_member (run, "finished"), ==, RUN_END);

  file = fixture_path (f, "export.json");
  g_free (ctl_ok (f, "export", "--output", file, NULL));
  json_parser_load_from_file (parser, file, &error);
  g_assert_no_error (error);
  from_file = json_node_copy (json_parser_get_root (parser));
  g_assert_cmpint (json_array_get_length (array_member (object_of (from_file), "audit")), ==, 16);
}

static void
test_text_output_is_aligned (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;
  const char *column;
  glong status_at;

  build_compliant_store (f);
  add_violating_job (f);
  g_free (ctl_ok (f, "--at", SETUP, "job", "add", "a-much-longer-job-name", "--owner", "ann",
                  NULL));

  out = ctl_ok (f, "--at", NOW, "job", "list", NULL);
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

/* Names in any script, with marks, invisible characters, quotes and
 * backslashes, go through every command that takes one and come back as
 * they went in. json_each () once got them through g_strescape (), which
 * writes non-ASCII as octal: "malformed JSON", exit 3. */
static void
test_names_round_trip (Fixture       *f,
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

  ctl_ok (f, "init", NULL);
  ctl_ok (f, "location", "add", "Home", "--kind", "library", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      const char *n = names[i];
      g_autofree char *volser = g_strdup_printf ("N%05uL9", i);
      g_autoptr(JsonNode) node = NULL;
      JsonObject *o;

      g_test_message ("name %u: %s", i, n);
      g_free (ctl_ok (f, "location", "add", n, "--kind", "offsite-vault", NULL));
      g_free (ctl_ok (f, "pool", "add", n, "--scheme", "none", NULL));
      g_free (ctl_ok (f, "job", "add", n, "--owner", n, "--source", n, NULL));
      g_free (ctl_ok (f, "copy", "add", n, n, "--media-type", "tape", "--location", n, NULL));
      g_free (ctl_ok (f, "media", "add", volser, "--type", "LTO-9", "--pool", n, "--location",
                      "Home", NULL));
      g_free (ctl_ok (f, "media", "move", volser, "--to", n, "--courier", n, "--container", n,
                      "--seal", n, "--note", n, "--confirm", NULL));
      g_free (ctl_ok (f, "record", n, n, "--status", "success", "--started",
                      "2026-11-19T22:00:00Z", "--finished", "2026-11-19T23:00:00Z", "--volumes",
                      volser, "--message", n, NULL));
      g_free (ctl_ok (f, "verify", n, n, "--result", "passed", "--at", "2026-11-19T23:30:00Z",
                      "--by", n, "--note", n, NULL));

      node = ctl_json (f, EXIT_OK, "job", "show", n, NULL);
      o = object_of (node);
      g_assert_cmpstr (str_member (o, "name"), ==, n);
      g_assert_cmpstr (str_member (o, "owner"), ==, n);
      g_assert_cmpstr (str_member (o, "source"), ==, n);
      o = json_array_get_object_element (array_member (o, "copies"), 0);
      g_assert_cmpstr (str_member (o, "name"), ==, n);
      g_assert_cmpstr (str_member (o, "location"), ==, n);
      g_clear_pointer (&node, json_node_unref);

      node = ctl_json (f, EXIT_OK, "copy", "list", n, NULL);
      g_assert_nonnull (find_by (array_of (node), "name", n));
      g_clear_pointer (&node, json_node_unref);

      node = ctl_json (f, EXIT_VIOLATION, "check", n, NULL);
      g_assert_cmpuint (json_array_get_length (array_member (object_of (node), "jobs")), ==, 1);
      g_assert_nonnull (find_by (array_member (object_of (node), "jobs"), "job", n));
      g_clear_pointer (&node, json_node_unref);

      node = ctl_json (f, EXIT_OK, "history", n, NULL);
      g_clear_pointer (&node, json_node_unref);

      node = ctl_json (f, EXIT_OK, "media", "show", volser, NULL);
      o = object_of (node);
      g_assert_cmpstr (str_member (o, "location"), ==, n);
      g_assert_cmpstr (str_member (o, "pool"), ==, n);
      o = json_array_get_object_element (array_member (o, "movements"), 1);
      g_assert_cmpstr (str_member (o, "to"), ==, n);
      g_assert_cmpstr (str_member (o, "courier"), ==, n);
      g_assert_cmpstr (str_member (o, "container"), ==, n);
      g_assert_cmpstr (str_member (o, "seal"), ==, n);
      g_assert_cmpstr (str_member (o, "note"), ==, n);
      g_clear_pointer (&node, json_node_unref);

      node = ctl_json (f, EXIT_OK, "media", "list", "--location", n, "--pool", n, NULL);
      g_assert_nonnull (find_by (array_of (node), "volser", volser));
      g_clear_pointer (&node, json_node_unref);

      node = ctl_json (f, EXIT_OK, "location", "list", NULL);
      g_assert_nonnull (find_by (array_of (node), "name", n));
      g_clear_pointer (&node, json_node_unref);
      node = ctl_json (f, EXIT_OK, "pool", "list", NULL);
      g_assert_nonnull (find_by (array_of (node), "name", n));
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
    g_assert_cmpint (run_argv (f, (const char * const *) args->pdata, NULL, &out, &err), ==,
                     EXIT_VIOLATION);
    g_assert_cmpstr (err, ==, "");
    node = parse_json (out);
    g_assert_cmpuint (json_array_get_length (array_member (object_of (node), "jobs")), ==,
                      G_N_ELEMENTS (names));
  }

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *renamed = g_strconcat (names[i], " ✓", NULL);
      g_autoptr(JsonNode) node = NULL;

      g_free (ctl_ok (f, "job", "edit", names[i], "--name", renamed, NULL));
      node = ctl_json (f, EXIT_OK, "job", "show", renamed, NULL);
      g_assert_cmpstr (str_member (object_of (node), "name"), ==, renamed);
      g_free (ctl_ok (f, "job", "rm", renamed, NULL));
      ctl_fails (f, EXIT_USAGE, "unknown job", "job", "show", renamed, NULL);
    }
}

/* What is not UTF-8, or holds control characters, does not become a
 * name; a new name does not start with '-'; names the store already has
 * are printed with their controls escaped and reached after "--". */
static void
test_names_refused_escaped_and_after_dashes (Fixture       *f,
                                             gconstpointer  data)
{
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *esc_name = "e\x1b[31mred";

  ctl_ok (f, "init", NULL);
  g_free (ctl_ok (f, "location", "add", "Home", "--kind", "library", NULL));
  g_free (ctl_ok (f, "media", "add", "A00001L9", "--type", "LTO-9", "--location", "Home", NULL));
  g_free (ctl_ok (f, "job", "add", "payroll", NULL));

  ctl_fails (f, EXIT_USAGE, "'bad\\xffname' is not valid UTF-8 text", "job", "add", "bad\xffname",
             NULL);
  ctl_fails (f, EXIT_USAGE, "the name 'e\\x1b[31mred' contains the control character U+001B",
             "job", "add", esc_name, NULL);
  ctl_fails (f, EXIT_USAGE, "contains the control character U+0009", "location", "add", "a\tb",
             "--kind", "library", NULL);
  ctl_fails (f, EXIT_USAGE, "contains the control character U+0085", "pool", "add", "next\xc2\x85line",
             "--scheme", "none", NULL);
  ctl_fails (f, EXIT_USAGE, "contains the control character U+007F", "copy", "add", "payroll",
             "del\x7f", "--media-type", "tape", NULL);
  ctl_fails (f, EXIT_USAGE, "contains the control character U+001B", "job", "edit", "payroll",
             "--owner", "\x1b]0;owned\x07", NULL);
  ctl_fails (f, EXIT_USAGE, "contains the control character U+001B", "media", "move", "A00001L9",
             "--to", "Home", "--courier", "Bob\x1b[2J", NULL);
  /* GOption refuses it first, in an option. */
  ctl_fails (f, EXIT_USAGE, "Invalid byte sequence", "media", "move", "A00001L9", "--to", "Home",
             "--note", "\xc3\x28", NULL);
  /* Free text keeps its tabs and line breaks. */
  g_free (ctl_ok (f, "media", "move", "A00001L9", "--to", "Home", "--note", "one\ttwo\nthree",
                  NULL));

  /* "--help" as a name: refused, with why; "--" ends the options. */
  ctl_fails (f, EXIT_USAGE, "the name '--help' starts with '-'", "job", "add", "--", "--help",
             NULL);
  ctl_fails (f, EXIT_USAGE, "the name '-x' starts with '-'", "job", "add", "--", "-x", NULL);
  ctl_fails (f, EXIT_USAGE, "unknown job '--help'", "job", "show", "--", "--help", NULL);

  /* Names an older version let in. */
  exec_sql (f->db, "INSERT INTO jobs (name, source, owner, rpo_hours, verify_days, tags, created_at)"
                   " VALUES ('-old', '', '', 24, 30, '', 0),"
                   "        ('e' || char (27) || '[31mred', char (27) || ']0;title' || char (7), '',"
                   "         24, 30, '', 0)");
  node = ctl_json (f, EXIT_OK, "job", "show", "--", "-old", NULL);
  g_assert_cmpstr (str_member (object_of (node), "name"), ==, "-old");
  g_clear_pointer (&node, json_node_unref);
  g_free (ctl_ok (f, "job", "edit", "--owner", "me", "--", "-old", NULL));
  node = ctl_json (f, EXIT_OK, "job", "show", "--", "-old", NULL);
  g_assert_cmpstr (str_member (object_of (node), "owner"), ==, "me");
  g_clear_pointer (&node, json_node_unref);

  out = ctl_ok (f, "job", "list", NULL);
  g_assert_null (strchr (out, '\x1b'));
  g_assert_null (strchr (out, '\x07'));
  g_assert_nonnull (strstr (out, "e\\x1b[31mred"));
  g_assert_nonnull (strstr (out, "\\x1b]0;title\\x07"));
  g_clear_pointer (&out, g_free);
  out = ctl_ok (f, "job", "show", esc_name, NULL);
  g_assert_null (strchr (out, '\x1b'));
  g_assert_nonnull (strstr (out, "e\\x1b[31mred"));
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_ctl (f, NULL, &out, &err, "check", esc_name, NULL), ==, EXIT_VIOLATION);
  g_assert_null (strchr (out, '\x1b'));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_ctl (f, NULL, &out, &err, "job", "show", "e\x1b[31mredx", NULL), ==,
                   EXIT_USAGE);
  g_assert_null (strchr (err, '\x1b'));
  g_assert_nonnull (strstr (err, "unknown job 'e\\x1b[31mredx'"));

  /* JSON keeps the name as it is, escaped the JSON way. */
  node = ctl_json (f, EXIT_OK, "job", "show", esc_name, NULL);
  g_assert_cmpstr (str_member (object_of (node), "name"), ==, esc_name);
  g_assert_cmpstr (str_member (object_of (node), "source"), ==, "\x1b]0;title\x07");

  g_free (ctl_ok (f, "job", "rm", "--", "-old", NULL));
  ctl_fails (f, EXIT_USAGE, "unknown job '-old'", "job", "show", "--", "-old", NULL);
}

/* The volser error names the character whole, not its first byte. */
static void
test_volser_error_names_whole_characters (Fixture       *f,
                                          gconstpointer  data)
{
  ctl_ok (f, "init", NULL);
  ctl_fails (f, EXIT_USAGE, "'あい' is not a volume label: it contains 'あ'", "media", "add",
             "あい", "--type", "LTO-9", NULL);
  /* 17 characters, 34 bytes: the character is what is wrong, not the length. */
  ctl_fails (f, EXIT_USAGE, "is not a volume label: it contains 'é'", "media", "add",
             "ééééééééééééééééé", "--type", "LTO-9", NULL);
  ctl_fails (f, EXIT_USAGE, "'A00\\x1b' is not a volume label: it contains '\\x1b'", "media", "add",
             "A00\x1b", "--type", "LTO-9", NULL);
  ctl_fails (f, EXIT_USAGE, "is not a volume label: it is not UTF-8 text", "media", "add",
             "A0\xff", "--type", "LTO-9", NULL);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  /* A child that dies while the test writes to it must not kill the test. */
  signal (SIGPIPE, SIG_IGN);

#define ADD(path, func) \
  g_test_add ("/cli/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("store/init-creates-the-store-and-keeps-it", test_init_creates_the_store_and_keeps_it);
  ADD ("names/round-trip-through-every-command", test_names_round_trip);
  ADD ("names/refused-escaped-and-after-dashes", test_names_refused_escaped_and_after_dashes);
  ADD ("names/volser-error-names-whole-characters", test_volser_error_names_whole_characters);
  ADD ("store/db-option-wins-over-custody-db", test_db_option_wins_over_custody_db);
  ADD ("store/custody-db-is-used-without-db-option", test_custody_db_is_used_without_db_option);
  ADD ("store/default-store-is-under-xdg-data-home", test_default_store_is_under_xdg_data_home);
  ADD ("store/missing-store-exits-3-except-init-and-demo",
       test_missing_store_exits_3_except_init_and_demo);
  ADD ("store/garbage-file-is-refused-as-corrupt", test_garbage_file_is_refused_as_corrupt);
  ADD ("store/overwritten-pages-are-reported-corrupt",
       test_store_with_overwritten_pages_is_reported_corrupt);
  ADD ("store/other-sqlite-database-is-refused", test_other_sqlite_database_is_refused);
  ADD ("store/store-from-a-newer-version-is-refused", test_store_from_a_newer_version_is_refused);
  ADD ("store/locked-store-exits-3-after-the-busy-timeout",
       test_locked_store_exits_3_after_the_busy_timeout);
  ADD ("store/read-only-store-refuses-writes", test_read_only_store_refuses_writes);
  ADD ("errors/usage-errors-exit-2", test_usage_errors_exit_2);
  ADD ("errors/failing-commands-write-nothing", test_failing_commands_write_nothing);
  ADD ("time/formats-are-read-and-written-as-utc", test_time_formats_are_read_and_written_as_utc);
  ADD ("time/at-hides-what-was-added-later", test_at_hides_what_was_added_later);
  ADD ("time/at-hides-later-runs-verifications-and-movements",
       test_at_hides_later_runs_verifications_and_movements);
  ADD ("time/writes-are-dated-at-and-audited-with-the-real-clock",
       test_writes_are_dated_at_and_audited_with_the_real_clock);
  ADD ("json/job-list-and-show", test_job_list_and_show_json);
  ADD ("json/location-list", test_location_list_json);
  ADD ("json/media-list-and-show-movements-oldest-first",
       test_media_list_and_show_json_movements_oldest_first);
  ADD ("json/policy-show-and-set", test_policy_show_and_set);
  ADD ("json/check-shape", test_check_json_shape);
  ADD ("text/output-is-aligned", test_text_output_is_aligned);
  ADD ("job/add-defaults-and-rm-removes-everything-of-the-job",
       test_job_add_defaults_and_rm_removes_everything_of_the_job);
  ADD ("check/exit-code-follows-violations", test_check_exit_code_follows_violations);
  ADD ("record/only-running-may-omit-finished", test_record_only_running_may_omit_finished);
  ADD ("record/same-run-id-updates-instead-of-duplicating",
       test_record_same_run_id_updates_instead_of_duplicating);
  ADD ("media/move-that-breaks-compliance-needs-confirm",
       test_move_that_breaks_compliance_needs_confirm);
  ADD ("import/jobs-columns-in-any-order-and-defaults",
       test_import_jobs_columns_in_any_order_and_defaults);
  ADD ("import/header-is-required", test_import_header_is_required);
  ADD ("import/unknown-column-is-an-error", test_import_unknown_column_is_an_error);
  ADD ("import/rfc4180-quoting", test_import_rfc4180_quoting);
  ADD ("import/booleans-are-true-or-false", test_import_booleans_are_true_or_false);
  ADD ("import/jobs-rows-of-one-job-must-agree", test_import_jobs_rows_of_one_job_must_agree);
  ADD ("import/executions-volumes-are-known-media", test_import_executions_volumes_are_known_media);
  ADD ("import/execution-identity-is-run-id-or-started",
       test_import_execution_identity_is_run_id_or_started);
  ADD ("import/same-file-twice-changes-nothing", test_import_same_file_twice_changes_nothing);
  ADD ("import/dash-reads-standard-input", test_import_dash_reads_standard_input);
  ADD ("import/one-bad-row-in-100000-adds-nothing", test_import_one_bad_row_in_100000_adds_nothing);
  ADD ("import/error-line-counts-records-spanning-lines",
       test_import_error_line_counts_records_spanning_lines);
  ADD ("import/killed-midway-leaves-the-store-as-it-was",
       test_import_killed_midway_leaves_the_store_as_it_was);
  ADD ("db/backup-keeps-n-generations", test_backup_keeps_n_generations);
  ADD ("db/restore-brings-back-the-backup", test_restore_brings_back_the_backup);
  ADD ("db/restore-refuses-a-corrupt-backup", test_restore_refuses_a_corrupt_backup);
  ADD ("db/check-passes-on-a-good-store", test_db_check_passes_on_a_good_store);
  ADD ("db/check-finds-a-tampered-audit-entry", test_db_check_finds_a_tampered_audit_entry);
  ADD ("demo/fills-a-new-store-with-compliant-and-violating-jobs",
       test_demo_fills_a_new_store_with_compliant_and_violating_jobs);
  ADD ("export/is-one-json-document-of-the-whole-store",
       test_export_is_one_json_document_of_the_whole_store);

#undef ADD

  status = g_test_run ();

  if (compliant_template != NULL)
    {
      fixture_tear_down (compliant_template, NULL);
      g_free (compliant_template);
    }

  return status;
}
