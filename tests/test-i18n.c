/* test-i18n.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Japanese translation as a user meets it: the built custodyctl (the
 * CUSTODYCTL environment variable) runs with LANGUAGE=ja and the build
 * tree's message catalogs (CUSTODY_LOCALEDIR), on a real demo store.
 * Help and errors come out in Japanese, tables stay aligned in a terminal
 * although Japanese characters take two cells, and --json output stays
 * byte for byte what an English caller gets.
 */
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

/* Replays the store at a fixed moment, so that both runs compared below
 * see the same state whatever the time of day. */
#define AT "2026-11-25T09:00:00Z"

typedef struct
{
  char *dir;
  char *db;
} Fixture;

typedef struct
{
  int   status;
  char *out;
  char *err;
} Result;

static void
result_clear (Result *r)
{
  g_clear_pointer (&r->out, g_free);
  g_clear_pointer (&r->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Result, result_clear)

/* Runs custodyctl with @args in Japanese (@japanese) or in plain C, and
 * captures everything it prints, so that none of it reaches the TAP stream. */
static void
run (Fixture            *f,
     gboolean            japanese,
     Result             *r,
     const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *ctl = g_getenv ("CUSTODYCTL");
  const char *localedir = g_getenv ("CUSTODY_LOCALEDIR");

  g_assert_nonnull (ctl);
  g_assert_nonnull (localedir);

  g_ptr_array_add (argv, (gpointer) ctl);
  g_ptr_array_add (argv, (gpointer) "--db");
  g_ptr_array_add (argv, f->db);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  /* C.UTF-8 needs no generated locale, and glibc honours LANGUAGE with it. */
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_setenv (launcher, "CUSTODY_LOCALEDIR", localedir, TRUE);
  if (japanese)
    g_subprocess_launcher_setenv (launcher, "LANGUAGE", "ja", TRUE);
  else
    g_subprocess_launcher_unsetenv (launcher, "LANGUAGE");

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &r->out, &r->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  r->status = g_subprocess_get_exit_status (process);
}

#define RUN(f, japanese, r, ...) \
  run ((f), (japanese), (r), (const char * const []) { __VA_ARGS__, NULL })

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_auto(Result) r = { 0 };
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("custody-i18n-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = g_build_filename (f->dir, "custody.db", NULL);

  RUN (f, FALSE, &r, "--at", AT, "demo", "--jobs", "6", "--executions", "300");
  g_assert_cmpstr (r.err, ==, "");
  g_assert_cmpint (r.status, ==, 0);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  const char *suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strconcat (f->db, suffixes[i], NULL);
      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->db);
  g_free (f->dir);
}

/* The cells a terminal gives @text (two for a wide character). */
static glong
display_width (const char *text,
               const char *end)
{
  glong width = 0;

  for (const char *p = text; p < end; p = g_utf8_next_char (p))
    width += g_unichar_iswide (g_utf8_get_char (p)) ? 2 : 1;
  return width;
}

/* Asserts @actual == @expected, naming the first line that differs
 * rather than printing two whole documents. */
static void
assert_same_text (const char *actual,
                  const char *expected)
{
  g_auto(GStrv) a = g_strsplit (actual, "\n", -1);
  g_auto(GStrv) e = g_strsplit (expected, "\n", -1);

  guint i;

  for (i = 0; a[i] != NULL && e[i] != NULL; i++)
    g_assert_cmpstr (a[i], ==, e[i]);
  /* One ran out: the other's next line shows what is extra. */
  g_assert_cmpstr (a[i], ==, e[i]);
}

/*
 * Tests
 */

static void
test_help_is_japanese (Fixture       *f,
                       gconstpointer  data)
{
  g_auto(Result) r = { 0 };
  g_auto(Result) sub = { 0 };

  RUN (f, TRUE, &r, "--help");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "用法: custodyctl [--db パス]"));
  g_assert_nonnull (strstr (r.out, "ジョブを 3-2-1-1-0 ルールでチェックする"));
  /* Command names stay what the user types. */
  g_assert_nonnull (strstr (r.out, "  media move "));

  /* A command's own options, through GOptionContext's translation domain. */
  RUN (f, TRUE, &sub, "media", "move", "--help");
  g_assert_cmpint (sub.status, ==, 0);
  g_assert_nonnull (strstr (sub.out, "ケースの封印番号"));
  g_assert_nonnull (strstr (sub.out, "--courier=名前"));
}

static void
test_errors_are_japanese (Fixture       *f,
                          gconstpointer  data)
{
  g_auto(Result) unknown_job = { 0 };
  g_auto(Result) unknown_command = { 0 };
  g_auto(Result) reordered = { 0 };
  g_auto(Result) plural = { 0 };

  RUN (f, TRUE, &unknown_job, "job", "show", "payrol");
  g_assert_cmpint (unknown_job.status, ==, 2);
  g_assert_cmpstr (unknown_job.out, ==, "");
  /* The prefix is what scripts look for: it is not translated. */
  g_assert_cmpstr (unknown_job.err, ==, "custodyctl: error: 不明なジョブ「payrol」\n");

  RUN (f, TRUE, &unknown_command, "frobnicate");
  g_assert_cmpint (unknown_command.status, ==, 2);
  g_assert_cmpstr (unknown_command.err, ==,
                   "custodyctl: error: 不明なコマンド「frobnicate」（「custodyctl --help」を参照）\n");

  /* A message whose arguments Japanese takes in another order (%2$s first). */
  RUN (f, TRUE, &reordered, "--at", AT, "copy", "add", "crm-db", "disc-1", "--media-type",
       "optical");
  g_assert_cmpint (reordered.status, ==, 0);
  g_assert_cmpstr (reordered.out, ==, "ジョブ crm-db にコピー disc-1 を追加しました。\n");

  /* Plural forms: Japanese has one, used for every count. */
  RUN (f, TRUE, &plural, "--at", AT, "media", "move", "A00001L9", "--to", "Iron vault");
  g_assert_cmpint (plural.status, ==, 0);
  g_assert_cmpstr (plural.out, ==, "1 本のボリュームを Iron vault に移動しました。\n");
}

static void
test_tables_line_up (Fixture       *f,
                     gconstpointer  data)
{
  g_auto(Result) r = { 0 };
  g_auto(GStrv) lines = NULL;
  glong second_column = -1;
  guint n_lines = 0;

  RUN (f, TRUE, &r, "--at", AT, "job", "list");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_str_has_prefix (r.out, "名前 "));
  g_assert_nonnull (strstr (r.out, "責任者"));

  /* Job names have no spaces: the second column starts after the first
   * run of spaces, at the same cell on every line, header included. */
  lines = g_strsplit (r.out, "\n", -1);
  for (guint i = 0; lines[i] != NULL && lines[i][0] != '\0'; i++)
    {
      const char *space = strchr (lines[i], ' ');
      const char *cell;
      glong column;

      g_assert_nonnull (space);
      for (cell = space; *cell == ' '; cell++)
        ;
      column = display_width (lines[i], cell);
      if (second_column < 0)
        second_column = column;
      g_assert_cmpint (column, ==, second_column);
      n_lines++;
    }
  g_assert_cmpuint (n_lines, ==, 1 + 6);
}

static void
test_json_stays_english (Fixture       *f,
                         gconstpointer  data)
{
  const char *commands[][4] = {
    { "check", NULL },
    { "job", "show", "crm-db", NULL },
    { "media", "show", "A00001L9", NULL },
    { "job", "show", "payrol", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autoptr(GPtrArray) args = g_ptr_array_new ();
      g_auto(Result) english = { 0 };
      g_auto(Result) japanese = { 0 };

      g_ptr_array_add (args, (gpointer) "--json");
      g_ptr_array_add (args, (gpointer) "--at");
      g_ptr_array_add (args, (gpointer) AT);
      for (guint a = 0; commands[i][a] != NULL; a++)
        g_ptr_array_add (args, (gpointer) commands[i][a]);
      g_ptr_array_add (args, NULL);

      run (f, FALSE, &english, (const char * const *) args->pdata);
      run (f, TRUE, &japanese, (const char * const *) args->pdata);
      g_assert_cmpint (japanese.status, ==, english.status);
      assert_same_text (japanese.out, english.out);
      assert_same_text (japanese.err, english.err);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/i18n/custodyctl/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("help-is-japanese", test_help_is_japanese);
  ADD ("errors-are-japanese", test_errors_are_japanese);
  ADD ("tables-line-up", test_tables_line_up);
  ADD ("json-stays-english", test_json_stays_english);

#undef ADD

  return g_test_run ();
}
