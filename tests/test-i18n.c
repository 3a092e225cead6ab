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

/* The time zone of the Japanese runs, when a test sets one. */
static const char *japanese_zone;

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
  if (japanese && japanese_zone != NULL)
    g_subprocess_launcher_setenv (launcher, "TZ", japanese_zone, TRUE);

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
  /* The prefix speaks the reader's language too; scripts read errors
   * with --json (test_json_stays_english) or in English. */
  g_assert_cmpstr (unknown_job.err, ==, "custodyctl: エラー: 不明なジョブ「payrol」\n");

  RUN (f, TRUE, &unknown_command, "frobnicate");
  g_assert_cmpint (unknown_command.status, ==, 2);
  g_assert_cmpstr (unknown_command.err, ==,
                   "custodyctl: エラー: 不明なコマンド「frobnicate」（「custodyctl --help」を参照）\n");

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


/* Adds to @names the words of the names in @json: what the user typed
 * (jobs, owners, sources, volumes, pools, locations) may be English. */
static void
add_names (GHashTable *names,
           const char *json)
{
  g_autoptr(GRegex) member = g_regex_new ("\"(name|owner|source|volser|pool|location|job|copy)\""
                                          " ?: \"([^\"]*)\"", 0, 0, NULL);
  g_autoptr(GRegex) word = g_regex_new ("[A-Za-z][A-Za-z0-9]*", 0, 0, NULL);
  g_autoptr(GMatchInfo) m = NULL;

  g_regex_match (member, json, 0, &m);
  while (g_match_info_matches (m))
    {
      g_autofree char *value = g_match_info_fetch (m, 2);
      g_autoptr(GMatchInfo) w = NULL;

      g_regex_match (word, value, 0, &w);
      while (g_match_info_matches (w))
        {
          g_hash_table_add (names, g_match_info_fetch (w, 0));
          g_match_info_next (w, NULL);
        }
      g_match_info_next (m, NULL);
    }
}

/* Fails on the first English word of @text that is not in @names nor a
 * key or an abbreviation Japanese writes in Latin letters too. */
static void
assert_no_english (const char *text,
                   GHashTable *names)
{
  const char *keys[] = { "RPO", "VOLSER", "ID", "JST", "UTC", "LTO", NULL };
  g_autoptr(GRegex) word = g_regex_new ("[A-Za-z][A-Za-z0-9]*", 0, 0, NULL);
  g_autoptr(GMatchInfo) w = NULL;

  g_regex_match (word, text, 0, &w);
  while (g_match_info_matches (w))
    {
      g_autofree char *found = g_match_info_fetch (w, 0);

      if (!g_hash_table_contains (names, found) && !g_strv_contains (keys, found))
        g_error ("English word '%s' in Japanese output:\n%s", found, text);
      g_match_info_next (w, NULL);
    }
}

static void
test_daily_commands_are_japanese (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char *commands[][3] = { { "check", "--verbose", NULL }, { "job", "list", NULL },
                                { "media", "today", NULL } };
  g_auto(Result) check = { 0 };
  g_auto(Result) today = { 0 };
  g_auto(Result) export = { 0 };

  RUN (f, FALSE, &export, "--json", "--at", AT, "export");
  g_assert_cmpint (export.status, ==, 0);
  add_names (names, export.out);

  japanese_zone = "Asia/Tokyo";
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_auto(Result) r = { 0 };

      RUN (f, TRUE, &r, "--at", AT, commands[i][0], commands[i][1]);
      g_assert_cmpstr (r.err, ==, "");
      assert_no_english (r.out, names);
    }

  /* Times are local, in Japanese order, and the zone is named: 09:00 UTC
   * is 18:00 in Tokyo. */
  RUN (f, TRUE, &check, "--at", AT, "check");
  g_assert_nonnull (strstr (check.out, "（2026年11月25日 18:00 JST 時点）"));
  g_assert_null (strstr (check.out, "Z）"));
  RUN (f, TRUE, &today, "--at", AT, "media", "today");
  g_assert_true (g_str_has_prefix (today.out, "2026年11月25日のテープ窓口"));
  japanese_zone = NULL;
}

/* The rules of check line up although their Japanese names take two
 * cells a character. */
static void
test_check_lines_up (Fixture       *f,
                     gconstpointer  data)
{
  g_auto(Result) r = { 0 };
  g_auto(GStrv) lines = NULL;
  glong result_column = -1;
  guint n_rules = 0;

  RUN (f, TRUE, &r, "--at", AT, "check", "--verbose");
  lines = g_strsplit (r.out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *result = strstr (lines[i], "適合");

      if (!g_str_has_prefix (lines[i], "  ") || lines[i][2] == ' ' || result == NULL)
        continue;
      if (result - lines[i] >= 3 && strncmp (result - 3, "不", 3) == 0)
        result -= 3;
      if (result_column < 0)
        result_column = display_width (lines[i], result);
      g_assert_cmpint (display_width (lines[i], result), ==, result_column);
      n_rules++;
    }
  g_assert_cmpuint (n_rules, ==, 6 * 5);
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
  ADD ("daily-commands-are-japanese", test_daily_commands_are_japanese);
  ADD ("check-lines-up", test_check_lines_up);

#undef ADD

  return g_test_run ();
}
