/* test-formats-borg.c: borg's outputs read without a store
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "custody-borg.h"
#include "custody-formats-test-utils.h"
#include "custody-time.h"

#define ID_A "5c8cba5279364c3191282201948f79d72bd3e49d56eecbcc5b509347216d8dc7"
#define ID_B "ff35a419b8838f815de56a161daf536ec9d7757de2bc8b6bedf2c2c318b55866"

/* Reads @data as borg prints it with --json, as the import does: the
 * repository first, then the archives; NULL and *error on failure. */
static GArray *
read_archives (const char  *data,
               gsize        length,
               int          exit_code,
               const char  *glob,
               char       **repository_id,
               guint       *left_out,
               GError     **error)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  CustodyToolText text = { data, length, utc, FALSE, NULL };
  g_autoptr(CustodyJsonDoc) doc = NULL;
  g_autoptr(GArray) archives = custody_borg_archives_new ();
  g_autofree char *repository = NULL;

  doc = custody_tool_text_parse_json (&text, CUSTODY_JSON_PARSE_MANY, error);
  if (doc == NULL)
    return NULL;
  if (!custody_borg_read_repository (&text, doc, exit_code, &repository, error))
    return NULL;
  *left_out = 0;
  if (!custody_borg_read_archives (&text, doc, exit_code, glob, archives, left_out, error))
    return NULL;
  if (repository_id != NULL)
    *repository_id = g_steal_pointer (&repository);
  return g_steal_pointer (&archives);
}

static void
test_list (void)
{
  gsize length;
  g_autofree char *data = custody_test_fixture ("import", "borg-1.2-list.json", &length);
  g_autofree char *repository_id = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) archives = NULL;
  const CustodyBorgArchive *first;
  guint left_out;

  archives = read_archives (data, length, -1, NULL, &repository_id, &left_out, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (archives->len, ==, 2);
  g_assert_cmpuint (left_out, ==, 0);
  g_assert_nonnull (repository_id);
  g_assert_cmpuint (strlen (repository_id), ==, 64);

  first = &g_array_index (archives, CustodyBorgArchive, 0);
  g_assert_cmpstr (first->id, ==, ID_A);
  g_assert_cmpstr (first->name, ==, "ws-01-2026-11-24T22:00");
  g_assert_cmpstr (first->message, ==, "ws-01-2026-11-24T22:00");
  g_assert_cmpuint (first->index, ==, 1);
  /* borg 1.x writes local times without an offset: read in the text's zone. */
  custody_test_assert_time (first->started, "2026-11-25T09:10:07Z");
  /* A list says neither when a run ended nor how it went, nor its size. */
  g_assert_false (first->finish_known);
  g_assert_cmpint (first->finished, ==, first->started);
  g_assert_false (first->status_known);
  g_assert_cmpint (first->status, ==, CUSTODY_RUN_SUCCESS);
  g_assert_cmpint (first->bytes, ==, -1);
  g_assert_cmpint (first->files, ==, -1);
  g_assert_cmpstr (g_array_index (archives, CustodyBorgArchive, 1).id, ==, ID_B);
}

static void
test_info (void)
{
  static const struct
  {
    const char *fixture;
    gint64      bytes;
    gint64      files;
    const char *started;
    const char *finished;
  } cases[] = {
    /* "end" says when it ended. */
    { "borg-1.2-info-archive.json", 200017, 4, "2026-11-25T09:10:07Z", "2026-11-25T09:10:07Z" },
    { "borg1-info-last1.json", 2400471280, 53669, "2017-02-27T12:27:20Z", "2017-02-27T12:27:20Z" },
    /* borg 2: no *csize, another encryption block, the same archives. */
    { "borg2-info-last1.json", 2400471280, 53669, "2017-02-27T12:27:20Z", "2017-02-27T12:27:20Z" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gsize length;
      g_autofree char *data = custody_test_fixture ("import", cases[i].fixture, &length);
      g_autoptr(GError) error = NULL;
      g_autoptr(GArray) archives = NULL;
      const CustodyBorgArchive *a;
      guint left_out;

      archives = read_archives (data, length, -1, NULL, NULL, &left_out, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (archives->len, ==, 1);
      a = &g_array_index (archives, CustodyBorgArchive, 0);
      g_assert_cmpint (a->bytes, ==, cases[i].bytes);
      g_assert_cmpint (a->files, ==, cases[i].files);
      g_assert_true (a->finish_known);
      custody_test_assert_time (a->started, cases[i].started);
      custody_test_assert_time (a->finished, cases[i].finished);
    }
}

/* --glob-archives: what borg 1.2 listed with the same pattern. */
static void
test_glob_archives (void)
{
  gsize length;
  g_autofree char *data = custody_test_fixture ("import", "borg-1.2-list-shared.json", &length);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) all = NULL, mine = NULL;
  guint left_out;

  all = read_archives (data, length, -1, NULL, NULL, &left_out, &error);
  g_assert_no_error (error);
  mine = read_archives (data, length, -1, "sh:ws-01-**", NULL, &left_out, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mine->len, ==, 2);
  g_assert_cmpuint (mine->len + left_out, ==, all->len);
  for (guint i = 0; i < mine->len; i++)
    g_assert_true (g_str_has_prefix (g_array_index (mine, CustodyBorgArchive, i).name, "ws-01-"));
}

/* borg create --json: one archive, judged by the exit code; the filter
 * does not apply to it. */
static void
test_create (void)
{
  static const struct
  {
    const char       *name;
    int               exit_code;
    CustodyRunStatus  status;
    gboolean          status_known;
    const char       *message;
  } cases[] = {
    { "ws", -1, CUSTODY_RUN_SUCCESS, FALSE, "ws" },
    { "ws", 0, CUSTODY_RUN_SUCCESS, TRUE, "ws" },
    { "ws", 1, CUSTODY_RUN_WARNING, TRUE, "ws: borg create exited with 1" },
    { "ws", 2, CUSTODY_RUN_FAILED, TRUE, "ws: borg create exited with 2" },
    { "ws.checkpoint.2", -1, CUSTODY_RUN_FAILED, TRUE,
      "ws.checkpoint.2: interrupted, borg kept a checkpoint" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *data = g_strdup_printf ("{\"archive\": {\"id\": \"" ID_A "\","
                                               " \"name\": \"%s\","
                                               " \"start\": \"2026-11-25T09:10:07.000000+01:00\","
                                               " \"duration\": 2.5}, \"repository\": null}",
                                               cases[i].name);
      g_autoptr(GError) error = NULL;
      g_autoptr(GArray) archives = NULL;
      const CustodyBorgArchive *a;
      guint left_out;

      archives = read_archives (data, strlen (data), cases[i].exit_code, "other-*", NULL,
                                &left_out, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (archives->len, ==, 1);
      g_assert_cmpuint (left_out, ==, 0);
      a = &g_array_index (archives, CustodyBorgArchive, 0);
      g_assert_cmpint (a->status, ==, cases[i].status);
      g_assert_cmpint (a->status_known, ==, cases[i].status_known);
      g_assert_cmpstr (a->message, ==, cases[i].message);
      custody_test_assert_time (a->started, "2026-11-25T08:10:07Z");
      /* 2.5 s: a run that ended is not made shorter than it was. */
      g_assert_cmpint (a->finished - a->started, ==, 3);
      g_assert_true (a->finish_known);
    }

  /* An offset without fractions of a second is as good. */
  {
    const char *data = "{\"archive\": {\"id\": \"" ID_A "\", \"name\": \"ws\","
                       " \"start\": \"2026-11-25T09:10:07+01:00\", \"duration\": 2.5},"
                       " \"repository\": null}";
    g_autoptr(GError) error = NULL;
    g_autoptr(GArray) archives = NULL;
    guint left_out;

    archives = read_archives (data, strlen (data), 0, "other-*", NULL, &left_out, &error);
    g_assert_no_error (error);
    custody_test_assert_time (g_array_index (archives, CustodyBorgArchive, 0).started,
                              "2026-11-25T08:10:07Z");
  }
}

static void
test_errors (void)
{
  static const struct
  {
    const char *text;
    int         exit_code;
    const char *message;
  } cases[] = {
    { "{\"archives\": [\n  {\"id\": \"abc\", \"name\": \"ws\","
      " \"time\": \"2026-01-01T00:00:00\"}\n]}", -1,
      "line 2, column 10: archive 1: \"abc\" is not a borg archive id (64 hexadecimal digits)" },
    { "{\"archives\": [\n  42]}", -1,
      "line 2, column 3: archive 1 should be an object, not a number" },
    { "{\"archives\": {}}", -1,
      "line 1, column 14: \"archives\" should be an array, not an object" },
    { "{\"archives\": []}\n{}", -1, "line 2, column 1: more data after the end of the document" },
    { "[]", -1,
      "line 1, column 1: this is not what borg prints with --json: an object with \"archives\" "
      "(borg list, borg info) or \"archive\" (borg create)" },
    { "{\"repository\": {\"id\": \"0e85\"}, \"security_dir\": \"/x\", \"archives\": []}", -1,
      "line 1, column 1: this describes the repository but lists no archives ('borg info --json "
      "REPO'): import 'borg list --json' instead" },
    { "{\"path\": \"linux\", \"mode\": \"drwxr-xr-x\"}", -1,
      "line 1, column 1: this lists the files inside an archive ('borg list --json-lines "
      "ARCHIVE'): import the list of archives, 'borg list --json'" },
    { "{\"archives\": []}", 0,
      "--exit-code goes with the output of 'borg create --json', not with a list of archives" },
    { "{\"archives\": [], \"repository\": 7}", -1,
      "line 1, column 32: \"repository\" should be an object, not a number" },
    { "{\"archives\": [\n {\"id\": \"" ID_A "\", \"name\": \"a\","
      " \"time\": \"2026-01-01T00:00:00\"},\n"
      " {\"id\": \"" ID_A "\", \"name\": \"b\", \"time\": \"2026-01-01T00:00:00\"}]}", -1,
      "line 3, column 2: archive 2 (b): its id appears twice (also archive 1)" },
    { "{\"archives\": [{\"id\": \"" ID_A "\", \"name\": \"a\",\n"
      " \"start\": \"2026-01-02T00:00:00\","
      " \"end\": \"2026-01-01T00:00:00\"}]}", -1,
      "line 1, column 15: archive 1 (a): it ends (2026-01-01T00:00:00Z) before it starts "
      "(2026-01-02T00:00:00Z)" },
    { "{\"archives\": [{\"id\": \"" ID_A "\", \"name\": \"a\", \"time\": \"2026-01-01T00:00:00\",\n"
      " \"duration\": -1}]}", -1,
      "line 2, column 14: archive 1 (a): \"duration\" -1 is not a number of seconds" },
    { "{\"archives\": [{\"id\": \"" ID_A "\", \"name\": \"a\", \"time\": \"2026-01-01T00:00:00\",\n"
      " \"stats\": []}]}", -1,
      "line 2, column 11: archive 1 (a): \"stats\" should be an object, not an array" },
    { "{\"archives\": [1,", -1,
      "line 1, column 17: the document ends early, inside the array that opens on line 1, "
      "column 14" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GArray) archives = NULL;
      guint left_out;

      archives = read_archives (cases[i].text, strlen (cases[i].text), cases[i].exit_code, NULL,
                                NULL, &left_out, &error);
      g_assert_null (archives);
      custody_test_assert_invalid (error, i, cases[i].message);
    }
}

static gboolean
read_check (CustodyToolText   *text,
            int                exit_code,
            CustodyTestCheck  *out,
            GError           **error)
{
  g_auto(CustodyBorgCheck) check = { 0, };

  if (!custody_borg_read_check (text, exit_code, &check, error))
    return FALSE;
  out->passed = check.passed;
  out->errors = check.errors;
  out->at = check.at;
  out->note = g_steal_pointer (&check.note);
  out->digest = g_steal_pointer (&check.digest);
  return TRUE;
}

static void
test_check (void)
{
  static const struct
  {
    const char *text;
    int         exit_code;
    gboolean    passed;
    gint64      errors;
    gint64      at;
    const char *note;
  } cases[] = {
    { NULL, -1, TRUE, 0, CUSTODY_TIME_NONE, "borg check: no problems found" },
    /* Without -v, borg check prints nothing when it finds nothing. */
    { "", 0, TRUE, 0, CUSTODY_TIME_NONE, "borg check: no problems found" },
    { "Index object count mismatch.\nrc=1\n", -1, FALSE, 1, CUSTODY_TIME_NONE,
      "borg check: Index object count mismatch. (exit code 1)" },
    /* 1 is a warning: with no problem reported, a pass with a note. */
    { "", 1, TRUE, 0, CUSTODY_TIME_NONE, "borg check: no problems found (exit code 1)" },
    { "{\"type\": \"log_message\", \"time\": 1795000000.5, \"levelname\": \"ERROR\","
      " \"message\": \"Repository has no manifest\"}\n"
      "{\"type\": \"progress_percent\"}\n", 2, FALSE, 1, 1795000000,
      "borg check: Repository has no manifest (exit code 2)" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gsize length;
      g_autofree char *data = cases[i].text != NULL
                              ? g_strdup (cases[i].text)
                              : custody_test_fixture ("import", "borg-1.2-check-ok.txt", &length);
      CustodyTestCheck expected = { cases[i].passed, cases[i].errors, cases[i].at,
                                    (char *) cases[i].note, NULL };

      custody_test_assert_check (read_check, data, strlen (data), cases[i].exit_code, &expected);
    }
}

static void
test_check_errors (void)
{
  static const CustodyTestRefusal cases[] = {
    { "Starting repository check\n", -1,
      "the output does not say how the check ended: give the exit code of borg check "
      "(--exit-code)" },
    { "no problems found\nrc=2\n", 0,
      "line 2, column 1: the output ends with rc=2, but --exit-code says 0" },
    { "{\"type\": \"log_message\", \"message\": \"x\"}\n{\"type\": \"log_message\","
      " \"message\": \"y\", \"time\": \"noon\"}\n", -1,
      "line 2, column 49: record 2: \"time\" \"noon\" is not a Unix time" },
    { "{\"type\": \"log_message\"}\n", 0, "line 1, column 1: record 1 has no \"message\"" },
    { "[1]\n", 0, "line 1, column 1: record 1 should be an object, not an array" },
  };

  custody_test_assert_refusals (cases, G_N_ELEMENTS (cases), read_check);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/custody/formats/borg/list", test_list);
  g_test_add_func ("/custody/formats/borg/info", test_info);
  g_test_add_func ("/custody/formats/borg/glob-archives", test_glob_archives);
  g_test_add_func ("/custody/formats/borg/create", test_create);
  g_test_add_func ("/custody/formats/borg/errors", test_errors);
  g_test_add_func ("/custody/formats/borg/check", test_check);
  g_test_add_func ("/custody/formats/borg/check-errors", test_check_errors);

  return g_test_run ();
}
