/* test-cli-desk.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The tape desk's commands, driven as a script would: the built
 * custodyctl (CUSTODYCTL) on a real store of its own, judged by exit
 * codes, output, the store file and the PDFs it writes, read back with
 * poppler and, for labels, with a barcode reader (zbarimg).
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <poppler.h>
#include <string.h>

#include "custody-pdf-test-utils.h"
#include "custody-test-utils.h"

#define SETUP "2026-11-01T00:00:00Z"
#define NOW   "2026-11-20T09:00:00Z"

#define EXIT_OK        0
#define EXIT_VIOLATION 1
#define EXIT_USAGE     2

typedef struct
{
  char  *dir;
  char  *db;
  char **env;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("custody-cli-desk-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = g_build_filename (f->dir, "custody.db", NULL);
  f->env = g_get_environ ();
  f->env = g_environ_setenv (f->env, "CUSTODY_DB", f->db, TRUE);
  f->env = g_environ_setenv (f->env, "TZ", "UTC", TRUE);
  f->env = g_environ_setenv (f->env, "LC_ALL", "C.UTF-8", TRUE);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  custody_test_remove_tmpdir (f->dir);
  g_free (f->dir);
  g_free (f->db);
  g_strfreev (f->env);
}

/* Runs a program in the fixture's folder; returns its exit status. */
static int
run_program (Fixture             *f,
             const char * const  *argv,
             const char          *stdin_text,
             char               **out,
             char               **err)
{
  int status = custody_test_spawn (f->dir, f->env, argv, stdin_text, out, err);

  g_assert_cmpint (status, >=, 0);
  return status;
}

static int
ctl_v (Fixture     *f,
       const char  *stdin_text,
       char       **out,
       char       **err,
       va_list      ap)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();

  g_ptr_array_add (argv, (gpointer) g_getenv ("CUSTODYCTL"));
  for (const char *arg = va_arg (ap, const char *); arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  g_ptr_array_add (argv, NULL);
  g_assert_nonnull (g_ptr_array_index (argv, 0));

  return run_program (f, (const char * const *) argv->pdata, stdin_text, out, err);
}

static int
ctl (Fixture     *f,
     const char  *stdin_text,
     char       **out,
     char       **err,
     ...) G_GNUC_NULL_TERMINATED;

static int
ctl (Fixture     *f,
     const char  *stdin_text,
     char       **out,
     char       **err,
     ...)
{
  va_list ap;
  int status;

  va_start (ap, err);
  status = ctl_v (f, stdin_text, out, err, ap);
  va_end (ap);
  return status;
}

/* A command that must succeed without a word on stderr. */
static void
ok (Fixture *f,
    ...) G_GNUC_NULL_TERMINATED;

static void
ok (Fixture *f,
    ...)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  va_list ap;

  va_start (ap, f);
  g_assert_cmpint (ctl_v (f, NULL, &out, &err, ap), ==, EXIT_OK);
  va_end (ap);
  g_assert_cmpstr (err, ==, "");
}

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

/* custodyctl --json ARGS... with @stdin_text, which must exit with @status. */
static JsonNode *
json_of (Fixture    *f,
         int         status,
         const char *stdin_text,
         ...) G_GNUC_NULL_TERMINATED;

static JsonNode *
json_of (Fixture    *f,
         int         status,
         const char *stdin_text,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  va_list ap;

  g_ptr_array_add (argv, (gpointer) g_getenv ("CUSTODYCTL"));
  g_ptr_array_add (argv, (gpointer) "--json");
  va_start (ap, stdin_text);
  for (const char *arg = va_arg (ap, const char *); arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  g_assert_cmpint (run_program (f, (const char * const *) argv->pdata, stdin_text, &out, &err), ==,
                   status);
  g_assert_cmpstr (err, ==, "");
  return parse_json (out);
}

/* A command that must fail with @status, name @message on stderr, print
 * nothing on stdout and leave the store file as it was. */
static void
fails (Fixture    *f,
       int         status,
       const char *message,
       const char *stdin_text,
       ...) G_GNUC_NULL_TERMINATED;

static void
fails (Fixture    *f,
       int         status,
       const char *message,
       const char *stdin_text,
       ...)
{
  g_autofree char *before = custody_test_file_sha256 (f->db);
  g_autofree char *after = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  va_list ap;

  va_start (ap, stdin_text);
  g_assert_cmpint (ctl_v (f, stdin_text, &out, &err, ap), ==, status);
  va_end (ap);
  if (strstr (err, message) == NULL)
    g_test_message ("stderr: %s", err);
  g_assert_true (g_str_has_prefix (err, "custodyctl: error: "));
  g_assert_nonnull (strstr (err, message));
  g_assert_cmpstr (out, ==, "");
  after = custody_test_file_sha256 (f->db);
  g_assert_cmpstr (after, ==, before);
}

static JsonArray *
array_member (JsonNode   *node,
              const char *member)
{
  g_assert_true (json_object_has_member (json_node_get_object (node), member));
  return json_object_get_array_member (json_node_get_object (node), member);
}

/* The strings of an array, space-separated: "A B C". */
static char *
strings_of (JsonArray *array)
{
  g_autoptr(GString) s = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      const char *text = JSON_NODE_HOLDS_OBJECT (node)
        ? json_object_get_string_member (json_node_get_object (node), "volser")
        : json_node_get_string (node);
      g_string_append_printf (s, "%s%s", i > 0 ? " " : "", text);
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static void
assert_list (JsonNode   *node,
             const char *member,
             const char *expected)
{
  g_autofree char *got = strings_of (array_member (node, member));

  g_assert_cmpstr (got, ==, expected);
}

static gboolean
rule_passes (Fixture    *f,
             const char *when,
             const char *rule)
{
  g_autoptr(JsonNode) check = NULL;
  g_autofree char *out = NULL;
  JsonArray *rules;
  int status;

  status = ctl (f, NULL, &out, NULL, "--json", "--at", when, "check", NULL);
  g_assert_true (status == EXIT_OK || status == EXIT_VIOLATION);
  check = parse_json (out);
  rules = json_object_get_array_member (
    json_array_get_object_element (array_member (check, "jobs"), 0), "rules");
  for (guint i = 0; i < json_array_get_length (rules); i++)
    {
      JsonObject *r = json_array_get_object_element (rules, i);
      if (g_str_equal (json_object_get_string_member (r, "rule"), rule))
        return json_object_get_boolean_member (r, "pass");
    }
  g_assert_not_reached ();
  return FALSE;
}

static char *
last_audit_action (Fixture   *f,
                   char     **after)
{
  g_autoptr(JsonNode) root = json_of (f, EXIT_OK, NULL, "export", NULL);
  JsonArray *audit = array_member (root, "audit");
  JsonObject *last = json_array_get_object_element (audit, json_array_get_length (audit) - 1);

  if (after != NULL)
    *after = g_strdup (json_object_get_string_member (last, "after"));
  return g_strdup (json_object_get_string_member (last, "action"));
}

/* A site: a library, a courier, a vault; a GFS pool of 120 LTO-9 tapes
 * in the library; payroll's NAS and tape copies, written last night to
 * A00001L9 and verified. */
static void
build_site (Fixture *f)
{
  ok (f, "init", NULL);
  ok (f, "--at", SETUP, "location", "add", "Library", "--kind", "library", NULL);
  ok (f, "--at", SETUP, "location", "add", "Truck", "--kind", "transit", NULL);
  ok (f, "--at", SETUP, "location", "add", "Vault", "--kind", "offsite-vault", NULL);
  ok (f, "--at", SETUP, "location", "add", "NAS", "--kind", "onsite-repo", NULL);
  ok (f, "--at", SETUP, "pool", "add", "Weekly", "--scheme", "gfs", "--daily", "14", "--weekly",
      "2", "--recall-days", "7", "--media-type", "LTO-9", NULL);
  ok (f, "--at", SETUP, "media", "add", "--range", "A00001L9-A00120L9", "--type", "LTO-9", "--pool",
      "Weekly", "--location", "Library", NULL);
  ok (f, "--at", SETUP, "job", "add", "payroll", "--rpo-hours", "168", NULL);
  ok (f, "--at", SETUP, "copy", "add", "payroll", "nas", "--media-type", "disk", "--location",
      "NAS", NULL);
  ok (f, "--at", SETUP, "copy", "add", "payroll", "tape", "--media-type", "tape", NULL);
  ok (f, "record", "payroll", "nas", "--status", "success", "--started", "2026-11-19T22:00:00Z",
      "--finished", "2026-11-19T23:00:00Z", NULL);
  ok (f, "record", "payroll", "tape", "--status", "success", "--started", "2026-11-19T22:00:00Z",
      "--finished", "2026-11-19T23:00:00Z", "--volumes", "A00001L9", NULL);
  ok (f, "verify", "payroll", "nas", "--result", "passed", "--at", "2026-11-19T23:30:00Z", NULL);
  ok (f, "verify", "payroll", "tape", "--result", "passed", "--at", "2026-11-19T23:30:00Z", NULL);
}

/*
 * Tests
 */

static void
test_add_range_and_pools (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(JsonNode) media = NULL;
  g_autoptr(JsonNode) pools = NULL;
  g_autoptr(JsonNode) cycle = NULL;
  JsonObject *weekly, *rotation, *last;

  build_site (f);
  media = json_of (f, EXIT_OK, NULL, "media", "list", "--pool", "Weekly", NULL);
  g_assert_cmpint (json_array_get_length (json_node_get_array (media)), ==, 120);
  last = json_array_get_object_element (json_node_get_array (media), 119);
  g_assert_cmpstr (json_object_get_string_member (last, "volser"), ==, "A00120L9");

  /* A range that overlaps adds nothing. */
  fails (f, EXIT_USAGE, "volume 'A00110L9' already exists", NULL, "media", "add", "--range",
         "A00110L9-A00130L9", "--type", "LTO-9", NULL);
  fails (f, EXIT_USAGE, "do not make a range", NULL, "media", "add", "--range", "A00001L9-B00005L9",
         "--type", "LTO-9", NULL);

  cycle = json_of (f, EXIT_OK, NULL, "pool", "add", "Monthly", "--scheme", "cycle", "--weeks", "4",
                   "--offsite-after", "never", NULL);
  pools = json_of (f, EXIT_OK, NULL, "pool", "list", NULL);
  g_assert_cmpint (json_array_get_length (json_node_get_array (pools)), ==, 2);
  weekly = json_array_get_object_element (json_node_get_array (pools), 1);
  g_assert_cmpstr (json_object_get_string_member (weekly, "name"), ==, "Weekly");
  g_assert_cmpstr (json_object_get_string_member (weekly, "scheme"), ==, "gfs");
  g_assert_cmpint (json_object_get_int_member (weekly, "volumes"), ==, 120);
  rotation = json_object_get_object_member (weekly, "rotation");
  g_assert_cmpint (json_object_get_int_member (rotation, "daily"), ==, 14);
  g_assert_cmpint (json_object_get_int_member (rotation, "weekly"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (rotation, "recall_days"), ==, 7);
  g_assert_cmpstr (json_object_get_string_member (rotation, "full_day"), ==, "friday");
  rotation = json_object_get_object_member (json_array_get_object_element (
                                              json_node_get_array (pools), 0), "rotation");
  g_assert_true (json_object_get_null_member (rotation, "offsite_after_days"));

  fails (f, EXIT_USAGE, "--scheme: 'tower' is not one of", NULL, "pool", "add", "X", "--scheme",
         "tower", NULL);
  fails (f, EXIT_USAGE, "pool 'Weekly' already exists", NULL, "pool", "add", "Weekly", "--scheme",
         "gfs", NULL);
  fails (f, EXIT_USAGE, "at least one week", NULL, "pool", "edit", "Monthly", "--weeks", "0", NULL);
}

static void
test_today_lists (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(JsonNode) today = NULL;
  g_autoptr(JsonNode) tomorrow = NULL;
  g_autoptr(JsonNode) later = NULL;
  JsonObject *item;

  build_site (f);
  /* A tape written on Tuesday and never sent, one already in the vault
   * whose retention ends soon. */
  ok (f, "record", "payroll", "tape", "--status", "success", "--started", "2026-11-17T22:00:00Z",
      "--finished", "2026-11-17T23:00:00Z", "--volumes", "A00002L9", NULL);
  ok (f, "record", "payroll", "tape", "--status", "success", "--started", "2026-11-10T22:00:00Z",
      "--finished", "2026-11-10T23:00:00Z", "--volumes", "A00003L9", NULL);
  ok (f, "--at", "2026-11-11T09:00:00Z", "media", "move", "A00003L9", "--to", "Vault", NULL);

  today = json_of (f, EXIT_OK, NULL, "--at", NOW, "media", "today", NULL);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (today), "date"), ==,
                   "2026-11-20");
  assert_list (today, "send_offsite", "A00001L9");
  assert_list (today, "recall", "A00003L9");     /* ends the 24th, recalled from the 17th */
  assert_list (today, "expiring", "");
  assert_list (today, "overdue", "A00002L9");
  item = json_array_get_object_element (array_member (today, "send_offsite"), 0);
  g_assert_nonnull (strstr (json_object_get_string_member (item, "reason"), "2026-11-19"));
  g_assert_cmpstr (json_object_get_string_member (item, "location"), ==, "Library");
  item = json_array_get_object_element (array_member (today, "overdue"), 0);
  g_assert_nonnull (strstr (json_object_get_string_member (item, "reason"), "2026-11-18"));

  /* Tomorrow what was not sent is overdue too. */
  tomorrow = json_of (f, EXIT_OK, NULL, "--at", "2026-11-21T09:00:00Z", "media", "today", NULL);
  assert_list (tomorrow, "send_offsite", "");
  assert_list (tomorrow, "overdue", "A00002L9 A00001L9");

  /* After its retention the vault tape is overdue for recall. */
  later = json_of (f, EXIT_OK, NULL, "--at", "2026-11-25T09:00:00Z", "media", "today", NULL);
  g_assert_nonnull (strstr (strings_of (array_member (later, "overdue")), "A00003L9"));
}

static void
test_scan_flips_compliance (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(JsonNode) scan = NULL;
  g_autoptr(JsonNode) show = NULL;
  JsonArray *movements;
  JsonObject *last;

  build_site (f);
  g_assert_false (rule_passes (f, NOW, "1-offline"));
  g_assert_false (rule_passes (f, NOW, "1-offsite"));

  /* Library -> Transit: offline at once, not yet offsite. */
  scan = json_of (f, EXIT_OK, "A00001L9\n", "--at", "2026-11-20T10:00:00Z", "media", "scan", "--to",
                  "Truck", "--courier", "Bob", "--container", "CASE-7", "--seal", "S-1234", NULL);
  assert_list (scan, "moved", "A00001L9");
  g_assert_true (rule_passes (f, "2026-11-20T10:00:00Z", "1-offline"));
  g_assert_false (rule_passes (f, "2026-11-20T10:00:00Z", "1-offsite"));

  /* Transit -> Vault: offsite too. */
  g_clear_pointer (&scan, json_node_unref);
  scan = json_of (f, EXIT_OK, "A00001L9\r\n", "--at", "2026-11-20T14:00:00Z", "media", "scan",
                  "--to", "Vault", NULL);
  g_assert_true (rule_passes (f, "2026-11-20T14:00:00Z", "1-offline"));
  g_assert_true (rule_passes (f, "2026-11-20T14:00:00Z", "1-offsite"));
  /* ... and the past stays as it was. */
  g_assert_false (rule_passes (f, "2026-11-20T09:59:00Z", "1-offline"));

  /* The movement carries the courier, case and seal. */
  show = json_of (f, EXIT_OK, NULL, "media", "show", "A00001L9", NULL);
  movements = array_member (show, "movements");
  g_assert_cmpint (json_array_get_length (movements), ==, 3);
  last = json_array_get_object_element (movements, 1);
  g_assert_cmpstr (json_object_get_string_member (last, "to"), ==, "Truck");
  g_assert_cmpstr (json_object_get_string_member (last, "courier"), ==, "Bob");
  g_assert_cmpstr (json_object_get_string_member (last, "container"), ==, "CASE-7");
  g_assert_cmpstr (json_object_get_string_member (last, "seal"), ==, "S-1234");
}

static void
test_scan_report (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(JsonNode) scan = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *action = NULL;

  build_site (f);
  ok (f, "record", "payroll", "tape", "--status", "success", "--started", "2026-11-19T20:00:00Z",
      "--finished", "2026-11-19T21:00:00Z", "--volumes", "A00004L9", "--run-id", "other", NULL);

  /* Today's send list is A00001L9 and A00004L9. A duplicate, an unknown
   * volume, a label that is no label, and one not on the list. */
  scan = json_of (f, EXIT_OK, "A00001L9\na00001l9\nNOPE99L9\nA0?0\nA00009L9\n\n",
                  "--at", NOW, "media", "scan", "--to", "Truck", "--expect", "today-offsite", NULL);
  assert_list (scan, "moved", "A00001L9 A00009L9");
  assert_list (scan, "unexpected", "A00009L9");
  assert_list (scan, "duplicate", "A00001L9");
  assert_list (scan, "unknown", "NOPE99L9 A0?0");
  assert_list (scan, "expected_not_scanned", "A00004L9");
  action = last_audit_action (f, NULL);
  g_assert_cmpstr (action, ==, "media.scan");

  /* In words, for people. */
  g_assert_cmpint (ctl (f, "A00004L9\nA00004L9\n", &out, &err, "--at", NOW, "media", "scan", "--to",
                        "Truck", NULL), ==, EXIT_OK);
  g_assert_cmpstr (err, ==, "");
  g_assert_nonnull (strstr (out, "Moved:"));
  g_assert_nonnull (strstr (out, "Scanned twice:"));

  fails (f, EXIT_USAGE, "unknown location 'Attic'", "A00005L9\n", "--at", NOW, "media", "scan",
         "--to", "Attic", NULL);
  fails (f, EXIT_USAGE, "media scan needs --to", "A00005L9\n", "media", "scan", NULL);
  fails (f, EXIT_USAGE, "--expect: 'tomorrow'", "A00005L9\n", "media", "scan", "--to", "Truck",
         "--expect", "tomorrow", NULL);
}

/* The volume holds payroll's only offsite and offline restore point: a
 * move, a scan, a retirement or a return to scratch is refused with exit
 * 2 naming the job and --confirm, and recorded with the confirmation. */
static void
test_last_copy_guard (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *action = NULL;
  g_autofree char *after = NULL;

  build_site (f);
  ok (f, "--at", "2026-11-20T08:00:00Z", "media", "move", "A00001L9", "--to", "Vault", NULL);
  g_assert_true (rule_passes (f, NOW, "1-offsite"));

  fails (f, EXIT_USAGE, "payroll (1-offsite, 1-offline)", "A00001L9\n", "--at", NOW, "media",
         "scan", "--to", "Library", NULL);
  fails (f, EXIT_USAGE, "--confirm", "A00001L9\nA00002L9\n", "--at", NOW, "media", "scan", "--to",
         "Library", NULL);
  fails (f, EXIT_USAGE, "payroll", NULL, "--at", NOW, "media", "retire", "A00001L9", NULL);
  fails (f, EXIT_USAGE, "--confirm", NULL, "--at", NOW, "media", "scratch", "A00001L9", NULL);
  fails (f, EXIT_USAGE, "payroll", NULL, "--at", NOW, "media", "edit", "A00001L9", "--status",
         "retired", NULL);
  g_assert_true (rule_passes (f, NOW, "1-offsite"));

  /* Unused volumes are nobody's business. */
  ok (f, "--at", NOW, "media", "retire", "A00100L9", NULL);

  /* Confirmed: done, and the audit trail names what it broke. */
  g_assert_cmpint (ctl (f, "A00001L9\n", NULL, NULL, "--at", "2026-11-20T12:00:00Z", "media",
                        "scan", "--to", "Library", "--confirm", NULL), ==, EXIT_OK);
  action = last_audit_action (f, &after);
  g_assert_cmpstr (action, ==, "media.scan-confirmed");
  g_assert_nonnull (strstr (after, "payroll (1-offsite, 1-offline)"));
  g_assert_false (rule_passes (f, "2026-11-20T12:00:00Z", "1-offsite"));

  ok (f, "--at", "2026-11-20T13:00:00Z", "media", "move", "A00001L9", "--to", "Vault", NULL);
  ok (f, "--at", "2026-11-20T14:00:00Z", "media", "retire", "A00001L9", "--confirm", NULL);
  g_free (action);
  g_free (after);
  action = last_audit_action (f, &after);
  g_assert_cmpstr (action, ==, "media.retire-confirmed");
  g_assert_nonnull (strstr (after, "payroll"));
  g_assert_false (rule_passes (f, "2026-11-20T14:00:00Z", "1-offsite"));
  g_assert_true (rule_passes (f, "2026-11-20T13:30:00Z", "1-offsite"));
}

static char **
zbar_decode (Fixture    *f,
             const char *png)
{
  const char *argv[] = { "zbarimg", "--quiet", "--raw", png, NULL };
  g_autofree char *out = NULL;

  g_assert_cmpint (run_program (f, argv, NULL, &out, NULL), ==, 0);
  return g_strsplit (g_strstrip (out), "\n", -1);
}

/* Every label decodes, exactly once: rendered at 300 dpi as a printer
 * would, read by a barcode reader. */
static void
test_labels_decode (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(JsonNode) result = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *pdf = g_build_filename (f->dir, "labels.pdf", NULL);
  g_autofree char *single = g_build_filename (f->dir, "single.pdf", NULL);
  g_autofree char *uri = NULL;
  g_autoptr(GObject) document = NULL;   /* PopplerDocument: no autoptr in poppler 22 */
  g_autoptr(GError) error = NULL;
  double width, height;

  if (g_find_program_in_path ("zbarimg") == NULL || g_find_program_in_path ("pdftoppm") == NULL)
    {
      g_test_skip ("zbarimg or pdftoppm is missing (zbar-tools, poppler-utils)");
      return;
    }

  ok (f, "init", NULL);

  /* Labels come before the tapes: any range prints. 45 labels: two sheets. */
  result = json_of (f, EXIT_OK, NULL, "media", "labels", "--range", "A00001L9-A00045L9", "--output",
                    pdf, NULL);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (result), "labels"), ==, 45);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (result), "pages"), ==, 2);

  {
    const char *argv[] = { "pdftoppm", "-r", "300", "-gray", "-png", pdf, "sheet", NULL };
    g_assert_cmpint (run_program (f, argv, NULL, NULL, NULL), ==, 0);
  }
  for (guint page = 1; page <= 2; page++)
    {
      g_autofree char *png = g_strdup_printf ("%s/sheet-%u.png", f->dir, page);
      g_auto(GStrv) codes = zbar_decode (f, png);

      for (guint i = 0; codes[i] != NULL; i++)
        {
          if (codes[i][0] == '\0')
            continue;
          /* None twice, none that was not printed. */
          g_assert_false (g_hash_table_contains (seen, codes[i]));
          g_hash_table_add (seen, g_strdup (codes[i]));
        }
    }
  g_assert_cmpint (g_hash_table_size (seen), ==, 45);
  for (guint n = 1; n <= 45; n++)
    {
      g_autofree char *volser = g_strdup_printf ("A%05uL9", n);
      if (!g_hash_table_contains (seen, volser))
        g_error ("label %s was not read back", volser);
    }

  /* One label a page, for a label printer: the label's own size. */
  g_hash_table_remove_all (seen);
  ok (f, "media", "labels", "B00007L8", "cln001cu", "--layout", "label", "--output", single, NULL);
  uri = g_filename_to_uri (single, NULL, NULL);
  document = G_OBJECT (poppler_document_new_from_file (uri, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (poppler_document_get_n_pages (POPPLER_DOCUMENT (document)), ==, 2);
  {
    g_autoptr(GObject) page = G_OBJECT (poppler_document_get_page (POPPLER_DOCUMENT (document), 0));
    poppler_page_get_size (POPPLER_PAGE (page), &width, &height);
    g_assert_cmpfloat (ABS (width - 79.0 * 72 / 25.4), <, 0.1);
    g_assert_cmpfloat (ABS (height - 17.0 * 72 / 25.4), <, 0.1);
  }
  {
    const char *argv[] = { "pdftoppm", "-r", "600", "-gray", "-png", single, "single", NULL };
    g_autofree char *png1 = g_strdup_printf ("%s/single-1.png", f->dir);
    g_autofree char *png2 = g_strdup_printf ("%s/single-2.png", f->dir);
    g_auto(GStrv) first = NULL;
    g_auto(GStrv) second = NULL;

    g_assert_cmpint (run_program (f, argv, NULL, NULL, NULL), ==, 0);
    first = zbar_decode (f, png1);
    second = zbar_decode (f, png2);
    g_assert_cmpstr (first[0], ==, "B00007L8");
    g_assert_null (first[1]);
    g_assert_cmpstr (second[0], ==, "CLN001CU");
  }

  fails (f, EXIT_USAGE, "does not fit an LTO label", NULL, "media", "labels", "ABCDEFGHIJ",
         "--output", single, NULL);
  fails (f, EXIT_USAGE, "--layout: 'roll'", NULL, "media", "labels", "A00001L9", "--layout", "roll",
         "--output", single, NULL);
}

/* The PDF at @path is one page that says each of @says (NULL-terminated);
 * returns its text. */
static char *
assert_one_page_saying (const char         *path,
                        const char * const *says)
{
  int pages;
  char *text = custody_test_pdf_text (path, &pages, NULL);

  g_assert_cmpint (pages, ==, 1);
  for (guint i = 0; says[i] != NULL; i++)
    {
      g_test_message ("the PDF says '%s'", says[i]);
      g_assert_nonnull (strstr (text, says[i]));
    }
  return text;
}

static void
test_handoff_sheet (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *pdf = g_build_filename (f->dir, "handoff.pdf", NULL);
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) result = NULL;

  build_site (f);
  ok (f, "record", "payroll", "tape", "--status", "success", "--started", "2026-11-19T20:00:00Z",
      "--finished", "2026-11-19T21:00:00Z", "--volumes", "A00004L9", "--run-id", "other", NULL);

  result = json_of (f, EXIT_OK, NULL, "--at", NOW, "media", "handoff", "send-offsite", "--courier",
                    "Iron Mountain", "--container", "CASE-12", "--seal", "S-99871", "--output", pdf,
                    NULL);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (result), "volumes"), ==, 2);

  text = assert_one_page_saying (pdf, (const char * const[]) {
                                   "Send Off Site", "2026-11-20", "A00001L9", "A00004L9",
                                   "Iron Mountain", "CASE-12", "S-99871", "2 volumes",
                                   "Handed over by (operator)", "Received by (courier)",
                                   "Signature", NULL });
  /* Only today's list. */
  g_assert_null (strstr (text, "A00002L9"));

  fails (f, EXIT_USAGE, "send-offsite or recall", NULL, "media", "handoff", "tomorrow", "--output",
         pdf, NULL);
}

static void
test_reconcile (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *pdf = g_build_filename (f->dir, "certificate.pdf", NULL);
  g_autofree char *list = g_build_filename (f->dir, "vault.txt", NULL);
  g_autoptr(JsonNode) r = NULL;
  g_autoptr(JsonNode) alerts = NULL;

  build_site (f);
  ok (f, "--at", "2026-11-20T08:00:00Z", "media", "move", "A00001L9", "A00002L9", "A00003L9",
      "--to", "Vault", NULL);
  /* One a line, as a scanner writes them; one twice, one unknown. */
  g_file_set_contents (list, "A00001L9\r\nA00003L9\r\nA00003L9\r\nA00050L9\r\nZZ0001L9\r\n", -1,
                       NULL);

  r = json_of (f, EXIT_OK, NULL, "--at", NOW, "media", "reconcile", "--location", "Vault", list,
               "--certificate", pdf, NULL);
  assert_list (r, "present", "A00001L9 A00003L9");
  assert_list (r, "missing", "A00002L9");
  assert_list (r, "surplus", "A00050L9 ZZ0001L9");
  assert_list (r, "unknown", "ZZ0001L9");
  assert_list (r, "duplicates", "A00003L9");

  g_free (assert_one_page_saying (pdf, (const char * const[]) {
                                    "Reconciliation Certificate", "Vault", "Missing", "A00002L9",
                                    "ZZ0001L9", "Verified by", NULL }));

  /* The store knows: A00050L9 is in the vault now; the mtx output of a
   * library reconciles too. */
  {
    g_autoptr(JsonNode) show = json_of (f, EXIT_OK, NULL, "media", "show", "A00050L9", NULL);
    g_assert_cmpstr (json_object_get_string_member (json_node_get_object (show), "location"), ==,
                     "Vault");
  }
  {
    g_autoptr(JsonNode) library = NULL;
    g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "fixtures", "mtx",
                                                      "mtx-status-loaded1.txt", NULL);
    g_autofree char *mtx = NULL;

    g_file_get_contents (fixture, &mtx, NULL, NULL);
    library = json_of (f, EXIT_OK, mtx, "--at", NOW, "media", "reconcile", "--location", "Library",
                       "-", NULL);
    /* None of the changer's tapes is known; 116 are missing. */
    g_assert_cmpint (json_array_get_length (array_member (library, "surplus")), ==, 8);
    g_assert_cmpint (json_array_get_length (array_member (library, "missing")), ==, 116);
  }

  fails (f, EXIT_USAGE, "unknown location 'Attic'", "A00001L9\n", "media", "reconcile",
         "--location", "Attic", "-", NULL);
  fails (f, EXIT_USAGE, "needs --location", "A00001L9\n", "media", "reconcile", "-", NULL);
}

static void
test_import_mtx (Fixture       *f,
                 gconstpointer  data)
{
  static const struct
  {
    const char *file;
    gint64      added, updated, unchanged;
  } steps[] = {
    { "mtx-status-impexp.txt", 12, 0, 0 },
    { "mtx-status-impexp.txt", 0, 0, 12 },     /* the same again changes nothing */
    { "mtx-status-loaded1.txt", 0, 5, 7 },     /* 2 to drive 0; the mail slots emptied */
    { "mtx-status-loadedboth.txt", 0, 3, 5 },  /* 2 back, 3 and 4 to the drives */
    { "mtx-status-real-7slot-lto5.txt", 7, 8, 0 },
  };
  g_autoptr(JsonNode) show = NULL;

  ok (f, "init", NULL);
  ok (f, "--at", SETUP, "location", "add", "Changer", "--kind", "library", NULL);
  ok (f, "--at", SETUP, "location", "add", "Vault", "--kind", "offsite-vault", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "mtx", steps[i].file,
                                                     NULL);
      g_autoptr(JsonNode) stats = json_of (f, EXIT_OK, NULL, "import", "mtx", path, "--library",
                                           "Changer", NULL);
      JsonObject *o = json_node_get_object (stats);

      g_test_message ("%s", steps[i].file);
      g_assert_cmpint (json_object_get_int_member (o, "added"), ==, steps[i].added);
      g_assert_cmpint (json_object_get_int_member (o, "updated"), ==, steps[i].updated);
      g_assert_cmpint (json_object_get_int_member (o, "unchanged"), ==, steps[i].unchanged);
      g_assert_cmpint (json_object_get_int_member (o, "untagged"), ==, 0);
    }

  show = json_of (f, EXIT_OK, NULL, "media", "show", "000004L8", NULL);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (show), "location"), ==,
                   "Changer");
  g_assert_null (json_object_get_string_member (json_node_get_object (show), "slot"));
  g_clear_pointer (&show, json_node_unref);
  show = json_of (f, EXIT_OK, NULL, "media", "show", "A00034L5", NULL);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (show), "slot"), ==,
                   "slot 3");
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (show), "type"), ==,
                   "LTO-5");

  /* A cartridge without a label is counted, not guessed. */
  {
    g_autoptr(JsonNode) stats = json_of (f, EXIT_OK,
                                         "  Storage Changer /dev/sg5:1 Drives, "
                                         "2 Slots ( 0 Import/Export )\n"
                                         "Data Transfer Element 0:Empty\n"
                                         "      Storage Element 1:Full \n"
                                         "      Storage Element 2:Full :VolumeTag=A00008L5\n",
                                         "import", "mtx", "-", "--library", "Changer", NULL);
    g_assert_cmpint (json_object_get_int_member (json_node_get_object (stats), "untagged"), ==, 1);
  }

  fails (f, EXIT_USAGE, "line 3",
         "  Storage Changer /dev/sg5:1 Drives, 2 Slots ( 0 Import/Export )\n"
         "Data Transfer Element 0:Empty\n      Storage Element one:Full\n",
         "import", "mtx", "-", "--library", "Changer", NULL);
  fails (f, EXIT_USAGE, "not the output of mtx status", "A00001L9\n", "import", "mtx", "-",
         "--library", "Changer", NULL);
  fails (f, EXIT_USAGE, "'Vault' is not a library",
         "  Storage Changer /dev/sg5:1 Drives, 2 Slots\n",
         "import", "mtx", "-", "--library", "Vault", NULL);
  fails (f, EXIT_USAGE, "import mtx needs --library", "", "import", "mtx", "-", NULL);
}

/* A NUL or a byte that is not UTF-8 anywhere in a list refuses all of it,
 * naming the line: before, reconcile read up to the NUL and recorded
 * every volume after it missing. */
static void
test_broken_text_refused (Fixture       *f,
                          gconstpointer  data)
{
  static const struct
  {
    const char *bytes;
    gsize       length;
    const char *message;
  } inputs[] = {
#define BYTES(s) s, sizeof s - 1
    { BYTES ("A00001L9\nA00002L9\n\0A00003L9\n"), "line 3: a NUL byte" },
    { BYTES ("A00001L9\nA00002L9\nA00003L9\n\0"), "line 4: a NUL byte" },
    { BYTES ("A00001L9\r\nA00002\xff" "L9\r\nA00003L9\r\n"),
      "line 2: the text is not valid UTF-8" },
#undef BYTES
  };
  g_autofree char *path = g_build_filename (f->dir, "list.txt", NULL);
  static const char mtx[] =
    "  Storage Changer /dev/sg5:1 Drives, 2 Slots ( 0 Import/Export )\n"
    "Data Transfer Element 0:Empty\n"
    "      Storage Element 1:Full :VolumeTag=A00004L9\n"
    "\0     Storage Element 2:Full :VolumeTag=A00005L9\n";

  build_site (f);
  ok (f, "--at", "2026-11-20T08:00:00Z", "media", "move", "A00001L9", "A00002L9", "A00003L9",
      "--to", "Vault", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autofree char *command = NULL;
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      g_autofree char *before = custody_test_file_sha256 (f->db);
      g_autofree char *after = NULL;
      const char *sh[] = { "sh", "-c", NULL, NULL };
      g_autofree char *line = NULL;

      g_test_message ("input %u", i);
      g_assert_true (g_file_set_contents (path, inputs[i].bytes, (gssize) inputs[i].length, NULL));
      fails (f, EXIT_USAGE, inputs[i].message, NULL, "--at", NOW, "media", "reconcile",
             "--location", "Vault", path, NULL);

      /* Standard input too, and the scan list, which only reads it. */
      command = g_strdup_printf ("\"$CUSTODYCTL\" media reconcile --location Vault - < list.txt && "
                                 "exit 9;"
                                 "\"$CUSTODYCTL\" media scan --to Truck < list.txt");
      sh[2] = command;
      g_assert_cmpint (run_program (f, sh, NULL, &out, &err), ==, EXIT_USAGE);
      g_assert_cmpstr (out, ==, "");
      line = g_strdup_printf ("custodyctl: error: standard input: %s", inputs[i].message);
      g_assert_true (g_str_has_prefix (err, line));
      after = custody_test_file_sha256 (f->db);
      g_assert_cmpstr (after, ==, before);
    }

  /* mtx status with a NUL: before, it read the slots before it and
   * cleared the others' slot assignments. */
  g_assert_true (g_file_set_contents (path, mtx, sizeof mtx - 1, NULL));
  fails (f, EXIT_USAGE, "line 4: a NUL byte", NULL, "import", "mtx", path, "--library", "Library",
         NULL);

  /* A list longer than the limit (16 MiB) is refused once the limit is
   * passed, not after all of it is read. */
  {
    const char *sh[] = { "sh", "-c", "yes A00001L9 | head -c 20000000 |"
                         " \"$CUSTODYCTL\" media scan --to Truck", NULL };
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;

    g_assert_cmpint (run_program (f, sh, NULL, &out, &err), ==, EXIT_USAGE);
    g_assert_cmpstr (out, ==, "");
    g_assert_true (g_str_has_prefix (err, "custodyctl: error: standard input: the input is larger "
                                          "than 16.0\xc2\xa0MiB"));
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/cli-desk/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("add-range-and-pools", test_add_range_and_pools);
  ADD ("today-lists", test_today_lists);
  ADD ("scan-flips-offline-then-offsite", test_scan_flips_compliance);
  ADD ("scan-report-unknown-duplicate-unexpected", test_scan_report);
  ADD ("last-copy-guard", test_last_copy_guard);
  ADD ("labels-decode", test_labels_decode);
  ADD ("handoff-sheet", test_handoff_sheet);
  ADD ("reconcile-and-certificate", test_reconcile);
  ADD ("import-mtx", test_import_mtx);
  ADD ("broken-text-refused", test_broken_text_refused);

  return g_test_run ();
}
