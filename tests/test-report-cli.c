/* test-report-cli.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `custodyctl report`, run as a script runs it (the built custodyctl, the
 * CUSTODYCTL environment variable) on a demo store of its own: what it
 * writes, what it prints (text and --json), its errors and exit codes,
 * and that a failed report never leaves half a file. One run is in
 * Japanese, under a ja_JP.UTF-8 locale generated into the build tree.
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <poppler.h>

#include "custody-ctl-test-utils.h"
#include "custody-pdf-test-utils.h"

#define AT "2026-11-20T09:00:00Z"

#define EXIT_OK     CTL_EXIT_OK
#define EXIT_USAGE  CTL_EXIT_USAGE
#define EXIT_STORE  3

typedef CtlFixture Fixture;

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

/* Runs custodyctl ARGS... (NULL-terminated) in the fixture's environment. */
#define ctl(run, f, ...) \
  ((run)->status = ctl_run ((f), NULL, &(run)->out, &(run)->err, __VA_ARGS__))

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  ctl_fixture_set_up (f, data);
  ctl_ok (f, "--db", f->db, "--at", AT, "demo", NULL);
}

static JsonObject *
parse_object (const char *text,
              JsonParser *parser)
{
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_node_get_object (json_parser_get_root (parser));
}

/*
 * Tests
 */

static void
test_each_report (Fixture       *f,
                  gconstpointer  data)
{
  static const struct
  {
    const char *kind;
    const char *title;
    const char *in_text;
  } reports[] = {
    { "compliance", "Compliance Report", "payroll-db" },
    { "audit", "Audit Report", "Media Movements" },
    { "media", "Media and Vault Report", "Iron vault" },
    { "summary", "Executive Summary", "Compliance over Time" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (reports); i++)
    {
      g_autofree char *name = g_strconcat (reports[i].kind, ".pdf", NULL);
      g_autofree char *out = ctl_fixture_path (f, name);
      g_autofree char *text = NULL;
      g_autofree char *title = NULL;
      g_autofree char *expected = NULL;
      g_auto(Run) run = { 0, };
      int pages = 0;

      ctl (&run, f, "--db", f->db, "--at", AT, "report", reports[i].kind, "--output", out, NULL);
      g_assert_cmpint (run.status, ==, EXIT_OK);
      g_assert_cmpstr (run.err, ==, "");

      text = custody_test_pdf_text (out, &pages, &title);
      g_assert_cmpint (pages, >, 0);
      g_assert_cmpstr (title, ==, reports[i].title);
      g_assert_nonnull (strstr (text, reports[i].in_text));
      expected = g_strdup_printf ("Wrote the %s (%d page%s, ", reports[i].title, pages,
                                  pages == 1 ? "" : "s");
      g_assert_true (g_str_has_prefix (run.out, expected));
      g_assert_nonnull (strstr (run.out, out));
    }
}

static void
test_json (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *out = ctl_fixture_path (f, "audit.pdf");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *text = NULL;
  g_auto(Run) run = { 0, };
  GStatBuf st;
  JsonObject *o;
  int pages = 0;

  ctl (&run, f, "--db", f->db, "--json", "--at", AT, "report", "audit", "--output", out,
       "--from", "2026-11-01", "--paper", "letter", NULL);
  g_assert_cmpint (run.status, ==, EXIT_OK);

  o = parse_object (run.out, parser);
  text = custody_test_pdf_text (out, &pages, NULL);
  g_assert_cmpstr (json_object_get_string_member (o, "report"), ==, "audit");
  g_assert_cmpstr (json_object_get_string_member (o, "output"), ==, out);
  g_assert_cmpint (json_object_get_int_member (o, "pages"), ==, pages);
  g_assert_cmpint (g_stat (out, &st), ==, 0);
  g_assert_cmpint (json_object_get_int_member (o, "bytes"), ==, st.st_size);
  g_assert_cmpstr (json_object_get_string_member (o, "paper"), ==, "letter");
  g_assert_cmpstr (json_object_get_string_member (o, "from"), ==, "2026-11-01T00:00:00Z");
  g_assert_cmpstr (json_object_get_string_member (o, "to"), ==, AT);
  g_assert_true (json_object_has_member (o, "generated_at"));
  g_assert_nonnull (strstr (text, "Period: 2026-11-01 00:00 to 2026-11-20 09:00"));

  /* A report of a moment has no start; the period defaults to 30 days. */
  {
    g_auto(Run) moment = { 0, };
    g_autoptr(JsonParser) p2 = json_parser_new ();

    ctl (&moment, f, "--db", f->db, "--json", "--at", AT, "report", "compliance", "--output", out,
         NULL);
    g_assert_cmpint (moment.status, ==, EXIT_OK);
    o = parse_object (moment.out, p2);
    g_assert_true (json_node_is_null (json_object_get_member (o, "from")));
    g_assert_cmpstr (json_object_get_string_member (o, "to"), ==, AT);
  }
  {
    g_auto(Run) period = { 0, };
    g_autoptr(JsonParser) p3 = json_parser_new ();

    ctl (&period, f, "--db", f->db, "--json", "report", "audit", "--output", out, "--at", AT, NULL);
    g_assert_cmpint (period.status, ==, EXIT_OK);
    o = parse_object (period.out, p3);
    g_assert_cmpstr (json_object_get_string_member (o, "from"), ==, "2026-10-21T09:00:00Z");
  }
}

/* Usage errors exit 2, name the problem, and leave the output alone. */
static void
test_errors (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *out = ctl_fixture_path (f, "report.pdf");
  g_autofree char *nowhere = ctl_fixture_path (f, "no-such-dir/report.pdf");
  g_autofree char *missing_db = ctl_fixture_path (f, "missing.db");
  g_autofree char *kept = NULL;
  static const char old[] = "the report of last month";
  const struct
  {
    const char *args[8];
    int         status;
    const char *message;
  } cases[] = {
    { { "report", "audit", NULL }, EXIT_USAGE, "report audit needs --output FILE.pdf" },
    { { "report", "audit", "--output", out, "--from", "2026-11-25", NULL }, EXIT_USAGE,
      "the period starts (2026-11-25 00:00) after it ends (2026-11-20 09:00)" },
    { { "report", "compliance", "--output", out, "--from", "2026-11-01", NULL }, EXIT_USAGE,
      "the compliance report shows one moment" },
    { { "report", "audit", "--output", out, "--from", "last tuesday", NULL }, EXIT_USAGE,
      "--from: 'last tuesday' is not a time" },
    { { "report", "media", "--output", out, "--paper", "a3", NULL }, EXIT_USAGE,
      "--paper must be a4 or letter, not 'a3'" },
    { { "report", "summary", "--output", nowhere, NULL }, EXIT_USAGE, "no-such-dir" },
    { { "report", "weekly", "--output", out, NULL }, EXIT_USAGE, "'report' needs a subcommand" },
  };

  g_assert_true (g_file_set_contents (out, old, -1, NULL));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Run) run = { 0, };

      ctl (&run, f, "--db", f->db, "--at", AT, cases[i].args[0], cases[i].args[1],
           cases[i].args[2], cases[i].args[3], cases[i].args[4], cases[i].args[5],
           cases[i].args[6], NULL);
      g_assert_cmpint (run.status, ==, cases[i].status);
      g_assert_true (g_str_has_prefix (run.err, "custodyctl: error: "));
      if (strstr (run.err, cases[i].message) == NULL)
        g_error ("expected '%s' in: %s", cases[i].message, run.err);
      g_assert_cmpstr (run.out, ==, "");
    }

  /* The old file is untouched, and no file appeared elsewhere. */
  g_assert_true (g_file_get_contents (out, &kept, NULL, NULL));
  g_assert_cmpstr (kept, ==, old);
  g_assert_false (g_file_test (nowhere, G_FILE_TEST_EXISTS));

  {
    g_auto(Run) run = { 0, };

    ctl (&run, f, "--db", missing_db, "report", "audit", "--output", out, NULL);
    g_assert_cmpint (run.status, ==, EXIT_STORE);
    g_assert_nonnull (strstr (run.err, "no store at"));
  }
}

static void
test_japanese (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *out = ctl_fixture_path (f, "compliance-ja.pdf");
  g_autofree char *text = NULL;
  g_autofree char *title = NULL;
  g_auto(Run) run = { 0, };
  int pages = 0;

  if (g_getenv ("CUSTODY_TEST_LOCPATH") == NULL)
    g_error ("No ja_JP.UTF-8 locale was generated: install Debian's 'locales' package "
             "(./dev does), then reconfigure the build");

  ctl_fixture_setenv (f, "LC_ALL", "ja_JP.UTF-8");
  ctl_fixture_setenv (f, "LOCPATH", g_getenv ("CUSTODY_TEST_LOCPATH"));
  f->env = g_environ_unsetenv (f->env, "LANGUAGE");
  ctl (&run, f, "--db", f->db, "--at", AT, "report", "compliance", "--output", out, NULL);
  g_assert_cmpint (run.status, ==, EXIT_OK);

  text = custody_test_pdf_text (out, &pages, &title);
  g_assert_cmpstr (title, ==, "コンプライアンスレポート");
  g_assert_nonnull (strstr (text, "ルール別のジョブ"));
  g_assert_nonnull (strstr (text, "1 / "));
  g_assert_nonnull (strstr (text, "ページ"));
  /* What it says on the terminal is Japanese too. */
  if (strstr (run.out, "に書き出しました") == NULL)
    g_error ("not in Japanese: %s%s", run.out, run.err);

  /* --json stays machine output, in English keys and values. */
  {
    g_auto(Run) json = { 0, };
    g_autoptr(JsonParser) parser = json_parser_new ();
    JsonObject *o;

    ctl (&json, f, "--db", f->db, "--json", "--at", AT, "report", "compliance", "--output", out,
         NULL);
    g_assert_cmpint (json.status, ==, EXIT_OK);
    o = parse_object (json.out, parser);
    g_assert_cmpstr (json_object_get_string_member (o, "report"), ==, "compliance");
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, ctl_fixture_tear_down)

  ADD ("/report-cli/each-report", test_each_report);
  ADD ("/report-cli/json", test_json);
  ADD ("/report-cli/errors", test_errors);
  ADD ("/report-cli/japanese", test_japanese);

  return g_test_run ();
}
