/* test-formats-bareos.c: Bareos' outputs read without a store: volumes and jobs
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "custody-bareos.h"
#include "custody-formats-test-utils.h"
#include "custody-time.h"

/* Reads @data as volume listings; NULL and *error on failure. */
static GArray *
read_volumes (const char  *data,
              gsize        length,
              GError     **error)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  CustodyToolText text = { data, length, utc, FALSE, NULL };
  g_autoptr(GArray) volumes = custody_bareos_volumes_new ();

  if (!custody_bareos_read_volumes (&text, volumes, error))
    return NULL;
  return g_steal_pointer (&volumes);
}

/* The text tables of api mode 0: the same volume listed twice in one
 * session (list, update, list) is read as listed last. */
static void
test_volumes_text (void)
{
  gsize length;
  g_autofree char *data = custody_test_fixture ("import", "bareos-list-volumes-docs.txt", &length);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) volumes = NULL;
  const CustodyBareosVolume *v;

  volumes = read_volumes (data, length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (volumes->len, ==, 1);
  v = &g_array_index (volumes, CustodyBareosVolume, 0);
  g_assert_cmpstr (v->volser, ==, "FULL-0001");
  g_assert_cmpstr (v->pool, ==, "Full");
  g_assert_cmpstr (v->type, ==, "File");
  g_assert_cmpstr (v->volstatus, ==, "Append");
  g_assert_cmpint (v->status, ==, CUSTODY_MEDIUM_IN_USE);
  g_assert_cmpstr (v->storage, ==, "File");
  g_assert_cmpint (v->bytes, ==, 38600329);
  g_assert_cmpint (v->retention_s, ==, 31536000);
  custody_test_assert_time (v->last_written, "2016-07-28T14:00:47Z");
  g_assert_cmpint (v->retention_until, ==, v->last_written + 31536000);
  g_assert_cmpint (v->in_changer, ==, 0);
  g_assert_cmpint (v->slot, ==, 0);
  g_assert_cmpuint (v->line, >, 0);
  g_assert_cmpuint (v->listing, ==, 3);   /* after "*list", "*update", "*list" */
}

static void
test_volumes_json (void)
{
  const char *data =
    "{\"jsonrpc\": \"2.0\", \"id\": null, \"result\": {\"volumes\": {\"Tape\": [\n"
    "  {\"volumename\": \"a00001l8\", \"mediatype\": \"LTO-8\", \"volstatus\": \"Full\","
    " \"volbytes\": \"12000000000\", \"volretention\": \"86400\", \"inchanger\": \"1\","
    " \"slot\": \"4\", \"lastwritten\": \"2026-11-20 02:00:00\", \"storage\": \"Autochanger\"},\n"
    "  {\"volumename\": \"A00002L8\", \"mediatype\": \"LTO-8\", \"volstatus\": \"Append\","
    " \"inchanger\": \"0\"}]}}}\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) volumes = NULL;
  const CustodyBareosVolume *v;

  volumes = read_volumes (data, strlen (data), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (volumes->len, ==, 2);

  v = &g_array_index (volumes, CustodyBareosVolume, 0);
  g_assert_cmpstr (v->volser, ==, "A00001L8");
  g_assert_cmpstr (v->pool, ==, "Tape");
  g_assert_cmpint (v->status, ==, CUSTODY_MEDIUM_FULL);
  g_assert_cmpint (v->bytes, ==, 12000000000);
  g_assert_cmpint (v->in_changer, ==, 1);
  g_assert_cmpint (v->slot, ==, 4);
  g_assert_cmpstr (v->storage, ==, "Autochanger");
  custody_test_assert_time (v->retention_until, "2026-11-21T02:00:00Z");
  g_assert_cmpuint (v->line, ==, 0);

  /* Labelled, never written: scratch, kept for no time. */
  v = &g_array_index (volumes, CustodyBareosVolume, 1);
  g_assert_cmpint (v->status, ==, CUSTODY_MEDIUM_SCRATCH);
  g_assert_cmpint (v->last_written, ==, CUSTODY_TIME_NONE);
  g_assert_cmpint (v->retention_until, ==, CUSTODY_TIME_NONE);
  g_assert_cmpint (v->bytes, ==, -1);
  g_assert_null (v->storage);
}

static void
test_volumes_errors (void)
{
  static const struct
  {
    const char *fixture;
    const char *text;
    const char *message;
  } cases[] = {
    { "bareos-list-volumes-issue2694.txt", NULL,
      "line 10: this row has 9 of the table's 14 columns: the listing is cut short or damaged" },
    { "bareos-media-vault-joblog.txt", NULL,
      "no table of volumes here: give bconsole's 'list volumes' (JSON mode, or the text table "
      "with a VolumeName column)" },
    { "bareos-api2-error.json", NULL,
      "line 1, column 1: bconsole answered with an error: ON or OFF keyword missing." },
    { NULL, "{\"result\": {\"volumes\": [\n  {\"volumename\": \"A1\", \"mediatype\": \"LTO\","
      " \"volstatus\": \"Lost\"}]}}",
      "line 2, column 3: volume A1: volstatus 'Lost' is not a Bareos volume status (Append, Full, "
      "Used, Archive, Read-Only, Busy, Recycle, Purged, Error, Disabled, Cleaning)" },
    { NULL, "{\"result\": {\"volumes\": [\n  {\"volumename\": \"A1\", \"mediatype\": \"LTO\","
      " \"volstatus\": \"Full\"},\n  {\"volumename\": \"a1\", \"mediatype\": \"LTO\","
      " \"volstatus\": \"Full\"}]}}",
      "line 3, column 3: volume A1 appears twice in one listing" },
    { NULL, "{\"result\": {\"volumes\": [{\"volumename\": \"A1\", \"mediatype\": \"LTO\",\n"
      " \"volstatus\": \"Full\", \"inchanger\": \"2\"}]}}",
      "line 2, column 36: volume 1: inchanger should be 0 or 1" },
    { NULL, "{\"result\": {\"volumes\": 3}}",
      "line 1, column 24: \"volumes\" should be an array or an object of pools, not a number" },
    { NULL, "{\"result\": {}}",
      "line 1, column 1: no volumes here: give bconsole's 'list volumes' or 'llist media'" },
    { NULL, "[1]",
      "line 1, column 1: this is not what bconsole prints in JSON mode (.api 2): expected an "
      "object, found an array" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gsize length = 0;
      g_autofree char *data = cases[i].fixture != NULL
                              ? custody_test_fixture ("import", cases[i].fixture, &length)
                              : g_strdup (cases[i].text);
      g_autoptr(GError) error = NULL;
      g_autoptr(GArray) volumes = NULL;

      if (cases[i].fixture == NULL)
        length = strlen (data);
      volumes = read_volumes (data, length, &error);
      g_assert_null (volumes);
      custody_test_assert_invalid (error, i, cases[i].message);
    }
}

/*
 * Jobs
 */

/* Reads @data as lists of jobs; FALSE and *error on failure. */
static gboolean
read_jobs (const char         *data,
           gsize               length,
           CustodyBareosJobs  *jobs,
           GError            **error)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  CustodyToolText text = { data, length, utc, FALSE, NULL };

  return custody_bareos_read_jobs (&text, jobs, error);
}

static const CustodyBareosJob *
job_at (CustodyBareosJobs *jobs,
        guint              index)
{
  g_assert_cmpuint (index, <, jobs->jobs->len);
  return &g_array_index (jobs->jobs, CustodyBareosJob, index);
}

/* `llist jobs` from Bareos' API documentation: two backups, each in the
 * pool it wrote to. */
static void
test_jobs_llist (void)
{
  gsize length;
  g_autofree char *data = custody_test_fixture ("import", "bareos-api2-llist-jobs.json", &length);
  g_auto(CustodyBareosJobs) jobs = { 0, };
  g_autoptr(GError) error = NULL;
  const CustodyBareosJob *j;

  g_assert_true (read_jobs (data, length, &jobs, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (jobs.jobs->len, ==, 2);
  g_assert_cmpuint (jobs.media->len, ==, 0);

  j = job_at (&jobs, 0);
  g_assert_cmpint (j->kind, ==, CUSTODY_BAREOS_JOB_RUN);
  g_assert_cmpint (j->jobid, ==, 1);
  g_assert_cmpint (j->type, ==, 'B');       /* "Type": keys in any case */
  g_assert_cmpuint (j->index, ==, 1);
  g_assert_cmpstr (j->name, ==, "BackupClient1");
  g_assert_cmpstr (j->pool, ==, "Full");
  g_assert_cmpstr (j->status, ==, "T");
  g_assert_cmpint (j->run_status, ==, CUSTODY_RUN_SUCCESS);
  g_assert_false (j->running);
  custody_test_assert_time (j->started, "2015-06-25T16:51:38Z");
  custody_test_assert_time (j->finished, "2015-06-25T16:51:40Z");
  g_assert_true (j->finish_known);
  g_assert_cmpint (j->files, ==, 18);
  g_assert_cmpint (j->bytes, ==, -1);       /* not in this listing */
  g_assert_cmpstr (j->message, ==, "Bareos JobId 1, Full, jobstatus T");
  /* Where the job starts: the errors about it (and the store's) name it. */
  g_assert_cmpint (data[j->offset], ==, '{');

  j = job_at (&jobs, 1);
  g_assert_cmpint (j->jobid, ==, 2);
  g_assert_cmpstr (j->pool, ==, "Incremental");
  g_assert_cmpint (j->files, ==, 0);
  g_assert_cmpstr (j->message, ==, "Bareos JobId 2, Incremental, jobstatus T");
  g_assert_cmpuint (j->offset, >, job_at (&jobs, 0)->offset);
}

/* `list jobs` names no pool: the store takes --copy, or refuses. */
static void
test_jobs_list (void)
{
  gsize length;
  g_autofree char *data = custody_test_fixture ("import", "bareos-api2-list-jobs.json", &length);
  g_auto(CustodyBareosJobs) jobs = { 0, };
  g_autoptr(GError) error = NULL;
  const CustodyBareosJob *j;

  g_assert_true (read_jobs (data, length, &jobs, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (jobs.jobs->len, ==, 2);
  j = job_at (&jobs, 0);
  g_assert_null (j->pool);
  g_assert_cmpint (j->bytes, ==, 4651943);
  g_assert_false (j->finish_known);          /* no end: the start stands for it */
  g_assert_cmpint (j->finished, ==, j->started);
}

/* Every kind of job, several answers in one session, and the jobmedia
 * rows of the volumes. */
static void
test_jobs_kinds (void)
{
  const char *data =
    "{\"jsonrpc\": \"2.0\", \"id\": null, \"result\": {\"api\": 2}}\n"
    "{\"jsonrpc\": \"2.0\", \"id\": null, \"result\": {\"jobs\": [\n"
    "{\"jobid\": \"7\", \"name\": \"ws\", \"type\": \"B\", \"level\": \"D\", \"jobstatus\": \"W\","
    " \"starttime\": \"2026-11-20 01:00:00\", \"realendtime\": \"2026-11-20 03:00:00\","
    " \"endtime\": \"2026-11-20 02:00:00\", \"jobbytes\": \"1,200\", \"poolname\": \"Weekly\"},\n"
    "{\"jobid\": \"8\", \"name\": \"RestoreFiles\", \"type\": \"R\", \"jobstatus\": \"??\"},\n"
    "{\"jobid\": 9, \"name\": \"ws\", \"type\": \"B\", \"jobstatus\": \"R\","
    " \"schedtime\": \"2026-11-20 05:00:00\", \"poolname\": \"\"},\n"
    "{\"jobid\": \"10\", \"name\": \"ws-verify\", \"type\": \"V\", \"jobstatus\": \"f\","
    " \"joberrors\": \"0\", \"priorjobid\": \"7\", \"starttime\": \"2026-11-20 06:00:00\","
    " \"endtime\": \"2026-11-20 06:30:00\", \"jobbytes\": \"not read\"},\n"
    "{\"jobid\": \"11\", \"name\": \"ws\", \"jobstatus\": \"D\","
    " \"starttime\": \"2026-11-20 07:00:00\", \"poolname\": \"Weekly\"}]}}\n"
    "{\"jsonrpc\": \"2.0\", \"id\": null, \"result\": {\"jobmedia\": [\n"
    "{\"jobid\": \"7\", \"volumename\": \"a00001l8\"},\n"
    "{\"jobid\": \"7\", \"volumename\": \"A00001L8\"}]}}\n";
  g_auto(CustodyBareosJobs) jobs = { 0, };
  g_autoptr(GError) error = NULL;
  const CustodyBareosJob *j;
  const CustodyBareosJobMedia *m;

  g_assert_true (read_jobs (data, strlen (data), &jobs, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (jobs.jobs->len, ==, 5);

  /* The real end wins over the end; a warning is a run with warnings. */
  j = job_at (&jobs, 0);
  g_assert_cmpint (j->kind, ==, CUSTODY_BAREOS_JOB_RUN);
  g_assert_cmpint (j->run_status, ==, CUSTODY_RUN_WARNING);
  custody_test_assert_time (j->finished, "2026-11-20T03:00:00Z");
  g_assert_cmpint (j->bytes, ==, 1200);
  g_assert_cmpstr (j->message, ==, "Bareos JobId 7, Differential, jobstatus W");

  /* A restore: counted, nothing more read (its status is no letter). */
  j = job_at (&jobs, 1);
  g_assert_cmpint (j->kind, ==, CUSTODY_BAREOS_JOB_SKIPPED);
  g_assert_cmpint (j->type, ==, 'R');
  g_assert_null (j->name);

  /* Running: no end; started when scheduled; an empty pool is none. */
  j = job_at (&jobs, 2);
  g_assert_cmpint (j->jobid, ==, 9);
  g_assert_cmpint (j->run_status, ==, CUSTODY_RUN_RUNNING);
  g_assert_true (j->running);
  g_assert_cmpint (j->finished, ==, CUSTODY_TIME_NONE);
  custody_test_assert_time (j->started, "2026-11-20T05:00:00Z");
  g_assert_null (j->pool);
  g_assert_cmpstr (j->message, ==, "Bareos JobId 9, jobstatus R");

  /* A failed verify job: one error at least, its counts not read. */
  j = job_at (&jobs, 3);
  g_assert_cmpint (j->kind, ==, CUSTODY_BAREOS_JOB_VERIFICATION);
  g_assert_cmpint (j->prior_jobid, ==, 7);
  g_assert_false (j->passed);
  g_assert_cmpint (j->errors, ==, 1);
  g_assert_cmpint (j->duration_s, ==, 1800);
  custody_test_assert_time (j->finished, "2026-11-20T06:30:00Z");
  g_assert_cmpstr (j->message, ==, "Bareos JobId 10 ws-verify: jobstatus f");

  /* A backup that found differences (no type: a backup) is a failed
   * verification. */
  j = job_at (&jobs, 4);
  g_assert_cmpint (j->type, ==, 'B');
  g_assert_cmpint (j->kind, ==, CUSTODY_BAREOS_JOB_VERIFICATION);
  g_assert_false (j->passed);
  g_assert_cmpint (j->duration_s, ==, -1);
  g_assert_cmpint (j->finished, ==, j->started);

  /* Each row, normalized; the store makes one volume of the two. */
  g_assert_cmpuint (jobs.media->len, ==, 2);
  m = &g_array_index (jobs.media, CustodyBareosJobMedia, 1);
  g_assert_cmpint (m->jobid, ==, 7);
  g_assert_cmpstr (m->volser, ==, "A00001L8");
  g_assert_cmpuint (m->index, ==, 2);
  g_assert_cmpint (data[m->offset], ==, '{');
}

static char *
nested (guint depth)
{
  GString *s = g_string_new ("{\"result\": {\"jobs\": [");

  for (guint i = 0; i < depth; i++)
    g_string_append_c (s, '[');
  for (guint i = 0; i < depth; i++)
    g_string_append_c (s, ']');
  g_string_append (s, "]}}");
  return g_string_free (s, FALSE);
}

/* The first record that is wrong, by its place in the input, whatever
 * else is wrong after it. */
static void
test_jobs_errors (void)
{
  static const struct
  {
    const char *fixture;
    gsize       cut;       /* > 0: only so many bytes of the fixture */
    const char *text;
    gsize       length;    /* > 0: the text has a NUL */
    const char *message;
  } cases[] = {
    { "bareos-api2-error.json", 0, NULL, 0,
      "line 1, column 1: bconsole answered with an error: ON or OFF keyword missing." },
    { "bareos-api2-llist-jobs.json", 400, NULL, 0,
      "line 18, column 7: the document ends early, inside the string that starts here" },
    { "bareos-api2-list-jobs.json", 5, NULL, 0,
      "line 2, column 1: the document ends early, inside the string that starts here" },
    { "bareos-list-volumes-docs.txt", 0, NULL, 0,
      "line 1, column 1: expected a value, found '*'" },
    { NULL, 0, "{\"result\": {\"jobs\": [{\"jobid\": \"1\", \"name\": \"ws\0\"}]}}", 53,
      "line 1, column 48: a NUL byte" },
    { NULL, 0, "{\"result\": {\"jobs\": [{\"jobid\": \"1\", \"name\": \"w\xff\"}]}}", 0,
      "line 1, column 47: the text is not valid UTF-8" },
    { NULL, 0, "{\"result\": {\"jobs\": [\n{\"jobid\": \"1\", \"type\": \"B\", \"name\": \"ws\","
      " \"jobstatus\": \"Q\"},\n{\"jobid\": \"1\"}]}}", 0,
      "line 2, column 56: job 1 (JobId 1): jobstatus 'Q' is not a Bareos job status (T, W, E, e, "
      "f, A, D, R, C, B, F, S, m, M, s, j, c, d, t, p, a, i, l, L, q)" },
    { NULL, 0, "{\"result\": {\"jobs\": [\n{\"jobid\": \"1\", \"type\": \"R\"},\n"
      "{\"jobid\": \"1\"}]}}", 0,
      "line 3, column 1: job 2: JobId 1 appears twice (also job 1)" },
    { NULL, 0, "{\"result\": {\"jobs\": [{\"jobid\": \"1\", \"type\": \"B\", \"name\": \"ws\","
      " \"jobstatus\": \"T\", \"starttime\": \"2026-11-20 02:00:00\","
      " \"endtime\": \"2026-11-20 01:00:00\"}]}}", 0,
      "line 1, column 22: job 1 (JobId 1): it ends (2026-11-20T01:00:00Z) before it starts "
      "(2026-11-20T02:00:00Z)" },
    { NULL, 0, "{\"result\": {\"jobs\": [{\"jobid\": \"1\", \"name\": \"ws\", \"jobstatus\": "
      "\"T\"}]}}", 0,
      "line 1, column 22: job 1 (JobId 1) has no time: no \"starttime\", \"schedtime\" or "
      "\"endtime\"" },
    { NULL, 0, "{\"result\": {\"jobs\": [], \"jobmedia\": [{\"jobid\": \"1\", \"volumename\": "
      "\"\"}]}}", 0,
      "line 1, column 38: jobmedia row 1: '' is not a volume label" },
    { NULL, 0, "{\"result\": {\"jobs\": [], \"jobmedia\": [{\"jobid\": \"1\"}]}}", 0,
      "line 1, column 38: jobmedia row 1 has no \"volumename\"" },
    { NULL, 0, "{\"result\": {\"jobmedia\": []}}", 0,
      "line 1, column 1: no list of jobs here: give bconsole's 'llist jobs' in JSON mode "
      "(.api 2)" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gsize length = 0;
      g_autofree char *data = NULL;
      g_auto(CustodyBareosJobs) jobs = { 0, };
      g_autoptr(GError) error = NULL;

      if (cases[i].fixture != NULL)
        {
          data = custody_test_fixture ("import", cases[i].fixture, &length);
          if (cases[i].cut > 0)
            length = MIN (length, cases[i].cut);
        }
      else
        {
          length = cases[i].length > 0 ? cases[i].length : strlen (cases[i].text);
          data = g_memdup2 (cases[i].text, length + 1);
        }
      g_assert_false (read_jobs (data, length, &jobs, &error));
      g_test_message ("case %u: %s", i, error->message);
      g_assert_error (error, CUSTODY_PARSE_ERROR, CUSTODY_PARSE_ERROR_INVALID);
      g_assert_true (g_str_has_prefix (error->message, cases[i].message));
    }
}

/* Nesting: as deep as the JSON reader goes is read (and refused as no
 * job), one level more is refused before anything is read. */
static void
test_jobs_nesting (void)
{
  for (guint depth = CUSTODY_JSON_MAX_DEPTH - 3; depth <= CUSTODY_JSON_MAX_DEPTH + 100;
       depth += depth < CUSTODY_JSON_MAX_DEPTH + 2 ? 1 : 50)
    {
      g_autofree char *data = nested (depth);
      g_auto(CustodyBareosJobs) jobs = { 0, };
      g_autoptr(GError) error = NULL;

      /* {, {, [ and the arrays: depth + 3 levels. */
      g_assert_false (read_jobs (data, strlen (data), &jobs, &error));
      g_test_message ("depth %u: %s", depth, error->message);
      g_assert_error (error, CUSTODY_PARSE_ERROR, CUSTODY_PARSE_ERROR_INVALID);
      if (depth + 3 > CUSTODY_JSON_MAX_DEPTH)
        g_assert_nonnull (strstr (error->message, "nested"));
      else
        g_assert_nonnull (strstr (error->message, "job 1 should be an object, not an array"));
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/custody/formats/bareos/volumes-text", test_volumes_text);
  g_test_add_func ("/custody/formats/bareos/volumes-json", test_volumes_json);
  g_test_add_func ("/custody/formats/bareos/volumes-errors", test_volumes_errors);
  g_test_add_func ("/custody/formats/bareos/jobs-llist", test_jobs_llist);
  g_test_add_func ("/custody/formats/bareos/jobs-list", test_jobs_list);
  g_test_add_func ("/custody/formats/bareos/jobs-kinds", test_jobs_kinds);
  g_test_add_func ("/custody/formats/bareos/jobs-errors", test_jobs_errors);
  g_test_add_func ("/custody/formats/bareos/jobs-nesting", test_jobs_nesting);

  return g_test_run ();
}
