/* test-store.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The store keeps two caches so that a check over a million runs stays
 * fast: each copy's latest facts (copy_state) and each job's last status
 * (job_state). A stale cache would tell an auditor a job is compliant when
 * it is not, so every way of writing facts is held against the others on
 * real SQLite files: one bulk import, imports in shuffled pieces, runs
 * recorded one by one, and the uncached path that reads the history
 * itself. Job statuses from the cache must match a fresh evaluation after
 * every kind of change.
 */
#include "config.h"

#include <gio/gio.h>
#include <locale.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "custody-json.h"
#include "custody-store.h"
#include "custody-store-private.h"
#include "custody-test-utils.h"
#include "custody-time.h"

#define NOW       ((gint64) 1795140000)    /* 2026-11-20T02:00:00Z */
#define N_JOBS    30
#define N_VOLUMES 24
#define DAY       ((gint64) 86400)

static const char *copy_names[] = { "nas", "cloud", "tape" };

typedef struct
{
  guint             job;
  guint             copy;
  gint64            started;
  gint64            finished;  /* CUSTODY_TIME_NONE while running */
  CustodyRunStatus  status;
  char             *volumes;   /* ';'-separated, for tapes */
  char             *run_id;    /* NULL: none */
} Run;

typedef struct
{
  char   *dir;
  GArray *runs;
} Fixture;

static void
run_clear (gpointer data)
{
  Run *run = data;

  g_free (run->volumes);
  g_free (run->run_id);
}

static char *
job_name (guint job)
{
  return g_strdup_printf ("job-%02u", job);
}

static char *
volser (guint i)
{
  return g_strdup_printf ("T%05uL9", i);
}

/* Ten days of runs of every copy, a few a day, in a mix a real site sees:
 * mostly successes, some warnings and failures, runs still going, runs
 * with and without run ids. Deterministic, so failures reproduce. */
static GArray *
make_runs (guint32 seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  GArray *runs = g_array_new (FALSE, TRUE, sizeof (Run));

  g_array_set_clear_func (runs, run_clear);
  for (guint j = 0; j < N_JOBS; j++)
    for (guint c = 0; c < G_N_ELEMENTS (copy_names); c++)
      {
        gint64 t = NOW - 10 * DAY + g_rand_int_range (rand, 0, 6 * 3600);

        while (t < NOW - 600)
          {
            Run run = { j, c, t, t + g_rand_int_range (rand, 60, 3 * 3600), CUSTODY_RUN_SUCCESS,
                        NULL, NULL };
            guint dice = g_rand_int_range (rand, 0, 100);

            if (dice < 2 || run.finished > NOW)
              {
                run.status = CUSTODY_RUN_RUNNING;
                run.finished = CUSTODY_TIME_NONE;
              }
            else if (dice < 10)
              run.status = CUSTODY_RUN_FAILED;
            else if (dice < 16)
              run.status = CUSTODY_RUN_WARNING;
            if (g_rand_boolean (rand))
              run.run_id = g_strdup_printf ("%u-%u-%" G_GINT64_FORMAT, j, c, t);
            if (c == 2)
              {
                guint v = g_rand_int_range (rand, 0, N_VOLUMES);
                g_autofree char *first = volser (v);
                g_autofree char *second = volser ((v + 1) % N_VOLUMES);

                run.volumes = g_rand_boolean (rand) ? g_strdup (first)
                                                    : g_strconcat (first, ";", second, NULL);
              }
            g_array_append_val (runs, run);
            t += g_rand_int_range (rand, 4 * 3600, 30 * 3600);
          }
      }

  return runs;
}

static void
shuffle (GArray  *runs,
         guint32  seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);

  for (guint i = runs->len - 1; i > 0; i--)
    {
      guint k = g_rand_int_range (rand, 0, i + 1);
      Run tmp = g_array_index (runs, Run, i);

      g_array_index (runs, Run, i) = g_array_index (runs, Run, k);
      g_array_index (runs, Run, k) = tmp;
    }
}

static char *
runs_as_csv (const Run *runs,
             guint      n)
{
  GString *csv = g_string_new (CUSTODY_TEST_EXECUTIONS_HEADER);

  for (guint i = 0; i < n; i++)
    {
      const Run *run = &runs[i];
      g_autofree char *job = job_name (run->job);
      g_autofree char *started = custody_time_format (run->started);
      g_autofree char *finished = custody_time_format (run->finished);

      g_string_append_printf (csv, "%s,%s,%s,%s,%s,1000,10,%s,%s,\n", job, copy_names[run->copy],
                              started, finished != NULL ? finished : "",
                              custody_run_status_to_string (run->status),
                              run->volumes != NULL ? run->volumes : "",
                              run->run_id != NULL ? run->run_id : "");
    }

  return g_string_free (csv, FALSE);
}

static void
import_text (CustodyStore *store,
             const char   *kind,
             const char   *text)
{
  g_autoptr(GInputStream) input = g_memory_input_stream_new_from_data (text, -1, NULL);
  g_autoptr(GError) error = NULL;
  CustodyImportStats stats;

  g_assert_true (custody_store_import_csv (store, kind, input, &stats, NULL, &error));
  g_assert_no_error (error);
}

static void
import_runs (CustodyStore *store,
             const Run    *runs,
             guint         n)
{
  g_autofree char *csv = runs_as_csv (runs, n);

  import_text (store, "executions", csv);
}

static void
record_runs (CustodyStore *store,
             const Run    *runs,
             guint         n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CustodyExecution) e = custody_execution_new ();
      g_autoptr(GError) error = NULL;

      e->job = job_name (runs[i].job);
      e->copy = g_strdup (copy_names[runs[i].copy]);
      e->started = runs[i].started;
      e->finished = runs[i].finished;
      e->status = runs[i].status;
      e->run_id = g_strdup (runs[i].run_id);
      if (runs[i].volumes != NULL)
        {
          g_strfreev (e->volumes);
          e->volumes = g_strsplit (runs[i].volumes, ";", -1);
        }
      g_assert_true (custody_store_record_execution (store, e, NULL, &error));
      g_assert_no_error (error);
    }
}

static void
add_verification (CustodyStore *store,
                  guint         job,
                  guint         copy,
                  gint64        at,
                  gboolean      passed,
                  gint64        errors)
{
  g_autoptr(CustodyVerification) v = custody_verification_new ();
  g_autoptr(GError) error = NULL;

  v->job = job_name (job);
  v->copy = g_strdup (copy_names[copy]);
  v->at = at;
  v->passed = passed;
  v->errors = errors;
  g_assert_true (custody_store_add_verification (store, v, &error));
  g_assert_no_error (error);
}

static void
move_volumes (CustodyStore *store,
              guint         first,
              guint         last,
              const char   *to,
              gint64        at)
{
  g_autoptr(GPtrArray) volsers = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(CustodyMovement) template = custody_movement_new ();
  g_autoptr(GError) error = NULL;

  for (guint i = first; i <= last; i++)
    g_ptr_array_add (volsers, volser (i));
  g_ptr_array_add (volsers, NULL);
  template->to = g_strdup (to);
  template->at = at;
  g_assert_true (custody_store_move_media (store, (const char * const *) volsers->pdata, template,
                                           TRUE, &error));
  g_assert_no_error (error);
}

/* Locations, jobs with a disk, an object-storage and a tape copy, and
 * tapes in the library, some of which went to the vault. */
static CustodyStore *
new_store (Fixture    *f,
           const char *name)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(CustodyStore) store = NULL;
  g_autoptr(GString) jobs = g_string_new ("job,rpo_hours,verify_days,copy,media_type,location,"
                                          "immutable\n");
  g_autoptr(GString) media = g_string_new ("volser,type,pool,location\n");
  g_autoptr(GError) error = NULL;
  static const struct { const char *name; CustodyLocationKind kind; } locations[] = {
    { "Library", CUSTODY_LOCATION_LIBRARY },
    { "NAS", CUSTODY_LOCATION_ONSITE_REPO },
    { "S3", CUSTODY_LOCATION_OFFSITE_REPO },
    { "Vault", CUSTODY_LOCATION_OFFSITE_VAULT },
    { "Shredder", CUSTODY_LOCATION_DESTROYED },
  };
  static const gint64 rpos[] = { 24, 48, 12, 168 };

  store = custody_store_open (path, CUSTODY_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  custody_store_set_clock (store, NOW - 30 * DAY);

  for (guint i = 0; i < G_N_ELEMENTS (locations); i++)
    {
      g_assert_true (custody_store_add_location (store, locations[i].name, locations[i].kind,
                                                 &error));
      g_assert_no_error (error);
    }
  for (guint j = 0; j < N_JOBS; j++)
    {
      g_autofree char *job = job_name (j);
      gint64 rpo = rpos[j % G_N_ELEMENTS (rpos)];
      int verify_days = j % 3 == 0 ? 7 : 30;

      g_string_append_printf (jobs, "%s,%" G_GINT64_FORMAT ",%d,nas,disk,NAS,false\n", job, rpo,
                              verify_days);
      g_string_append_printf (jobs, "%s,%" G_GINT64_FORMAT ",%d,cloud,object-storage,S3,%s\n",
                              job, rpo, verify_days, j % 2 == 0 ? "true" : "false");
      g_string_append_printf (jobs, "%s,%" G_GINT64_FORMAT ",%d,tape,tape,,false\n", job, rpo,
                              verify_days);
    }
  for (guint i = 0; i < N_VOLUMES; i++)
    {
      g_autofree char *v = volser (i);

      g_string_append_printf (media, "%s,LTO-9,weekly,Library\n", v);
    }
  import_text (store, "jobs", jobs->str);
  import_text (store, "media", media->str);
  custody_store_set_clock (store, NOW);

  return g_steal_pointer (&store);
}

/* What happened after the runs, the same in every store: restore tests,
 * tapes shipped and one destroyed. */
static void
add_later_facts (CustodyStore *store)
{
  for (guint j = 0; j < N_JOBS; j++)
    for (guint c = 0; c < G_N_ELEMENTS (copy_names); c++)
      if ((j + c) % 4 != 0)
        add_verification (store, j, c, NOW - (gint64) ((j * 7 + c) % 12) * DAY, (j + c) % 9 != 0,
                          (j + c) % 13 == 0 ? 2 : 0);

  move_volumes (store, 0, 11, "Vault", NOW - 3600);
  move_volumes (store, 5, 5, "Shredder", NOW - 1800);
}

/* Every job's full check, as `check --json` prints it. */
static char *
checks_text (CustodyStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) verdicts = custody_store_evaluate (store, NULL, &error);
  GString *text = g_string_new (NULL);

  g_assert_no_error (error);
  g_assert_cmpuint (verdicts->len, ==, N_JOBS);
  for (guint i = 0; i < verdicts->len; i++)
    custody_json_append_verdict (text, g_ptr_array_index (verdicts, i), 0);

  return g_string_free (text, FALSE);
}

/* The statuses the job list shows, from the cache where it is fresh. */
static char *
listed_statuses (CustodyStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CustodyJobStatuses) statuses = custody_store_list_jobs_with_status (store, &error);
  GString *text = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < statuses->jobs->len; i++)
    {
      const CustodyJobStatus *job = &g_array_index (statuses->jobs, CustodyJobStatus, i);

      g_assert_cmpint (job->status, >=, 0);
      g_string_append_printf (text, "%s %s\n", job->name, custody_status_to_string (job->status));
    }

  return g_string_free (text, FALSE);
}

static char *
evaluated_statuses (CustodyStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) verdicts = custody_store_evaluate (store, NULL, &error);
  GString *text = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < verdicts->len; i++)
    {
      CustodyVerdict *v = g_ptr_array_index (verdicts, i);

      g_string_append_printf (text, "%s %s\n", v->job, custody_status_to_string (v->status));
    }

  return g_string_free (text, FALSE);
}

static guint
count_status (const char *statuses,
              const char *status)
{
  g_auto(GStrv) lines = g_strsplit (statuses, "\n", -1);
  guint n = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    n += g_str_has_suffix (lines[i], status);

  return n;
}

static void
assert_list_matches_evaluation (CustodyStore *store)
{
  /* Twice: once filling the cache, once reading it. */
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *listed = listed_statuses (store);
      g_autofree char *evaluated = evaluated_statuses (store);

      g_assert_cmpstr (listed, ==, evaluated);
    }
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("custody-test-store-XXXXXX", &error);
  g_assert_no_error (error);
  f->runs = make_runs (GPOINTER_TO_UINT (data) + 7);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
  g_array_unref (f->runs);
}

static void
test_every_write_path_gives_the_same_checks (Fixture       *f,
                                             gconstpointer  data)
{
  g_autoptr(CustodyStore) bulk = new_store (f, "bulk.db");
  g_autoptr(CustodyStore) pieces = new_store (f, "pieces.db");
  g_autoptr(CustodyStore) one_by_one = new_store (f, "one-by-one.db");
  g_autoptr(CustodyStore) uncached = new_store (f, "uncached.db");
  g_autoptr(GArray) future = g_array_new (FALSE, TRUE, sizeof (Run));
  g_autofree char *expected = NULL;
  guint n = f->runs->len;
  const Run *runs = (const Run *) f->runs->data;

  /* One file, in the order a tool writes it. */
  import_runs (bulk, runs, n);

  /* The same rows shuffled, in three files: later files bring runs
   * older than those already known, and runs that finish ones that were
   * still going. */
  {
    g_autoptr(GArray) copy = g_array_sized_new (FALSE, TRUE, sizeof (Run), n);
    const Run *shuffled;

    g_array_append_vals (copy, runs, n);
    shuffle (copy, GPOINTER_TO_UINT (data));
    shuffled = (const Run *) copy->data;
    import_runs (pieces, shuffled, n / 3);
    import_runs (pieces, shuffled + n / 3, n / 3);
    import_runs (pieces, shuffled + 2 * (n / 3), n - 2 * (n / 3));
    /* Importing a file again changes nothing. */
    import_runs (pieces, shuffled, n / 3);
  }

  /* As `custodyctl record` after each run, newest first. */
  for (guint i = n; i > 0; i--)
    record_runs (one_by_one, &runs[i - 1], 1);

  /* Runs dated after the store's clock take every copy off the cache:
   * the check then reads the history itself. */
  import_runs (uncached, runs, n);
  for (guint j = 0; j < N_JOBS; j++)
    for (guint c = 0; c < G_N_ELEMENTS (copy_names); c++)
      {
        Run run = { j, c, NOW + DAY, NOW + DAY + 60, CUSTODY_RUN_FAILED, NULL, NULL };
        g_array_append_val (future, run);
      }
  import_runs (uncached, (const Run *) future->data, future->len);

  add_later_facts (bulk);
  add_later_facts (pieces);
  add_later_facts (one_by_one);
  add_later_facts (uncached);

  expected = checks_text (uncached);
  {
    g_autofree char *from_bulk = checks_text (bulk);
    g_autofree char *from_pieces = checks_text (pieces);
    g_autofree char *from_one_by_one = checks_text (one_by_one);
    g_autofree char *statuses = evaluated_statuses (bulk);

    g_assert_cmpstr (from_bulk, ==, expected);
    g_assert_cmpstr (from_pieces, ==, expected);
    g_assert_cmpstr (from_one_by_one, ==, expected);

    /* The data is mixed enough to say something: every status occurs. */
    g_assert_cmpuint (count_status (statuses, " compliant"), >, 0);
    g_assert_cmpuint (count_status (statuses, " violation"), >, 0);
  }
  /* Nothing was counted twice. */
  for (guint j = 0; j < N_JOBS; j++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *job = job_name (j);
      gint64 expected_runs = 0;

      for (guint i = 0; i < n; i++)
        expected_runs += runs[i].job == j;
      g_assert_cmpint (custody_store_count_executions (pieces, job, &error), ==, expected_runs);
      g_assert_no_error (error);
    }
}

/* Every run of every job as text: what `job show` and the history views
 * read, ids aside. */
static char *
histories_text (CustodyStore *store)
{
  GString *text = g_string_new (NULL);

  for (guint j = 0; j < N_JOBS; j++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *job = job_name (j);
      g_autoptr(GPtrArray) runs = custody_store_list_executions (store, job, 0, G_MAXUINT, &error);

      g_assert_no_error (error);
      for (guint i = 0; i < runs->len; i++)
        {
          CustodyExecution *e = g_ptr_array_index (runs, i);
          g_autofree char *volumes = g_strjoinv (";", e->volumes);

          g_string_append_printf (text,
                                  "%s %s %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %s %s %s\n",
                                  job, e->copy, e->started, e->finished,
                                  custody_run_status_to_string (e->status), volumes,
                                  e->run_id != NULL ? e->run_id : "-");
        }
    }
  return g_string_free (text, FALSE);
}

/* A file that lists a run twice says what the run became: the second
 * line wins, as if the two had come in two files. Large first imports
 * write runs many to a statement; the repeats, some next to the first
 * line and some far from it, must take the same path to the same end. */
static void
test_run_listed_twice_in_one_file (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(CustodyStore) one_file = new_store (f, "one-file.db");
  g_autoptr(CustodyStore) two_files = new_store (f, "two-files.db");
  g_autoptr(GArray) repeats = g_array_new (FALSE, TRUE, sizeof (Run));
  g_autoptr(GArray) all = g_array_new (FALSE, TRUE, sizeof (Run));
  g_autoptr(GInputStream) input = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *expected_checks = NULL;
  g_autofree char *expected_runs = NULL;
  g_autofree char *checks = NULL;
  g_autofree char *runs_text = NULL;
  const Run *runs = (const Run *) f->runs->data;
  guint n = f->runs->len;
  CustodyImportStats stats;

  /* Every seventh tape run again, with another status and volume; every
   * eleventh disk run again, keyed by its start, with another status. */
  for (guint i = 0; i < n; i++)
    {
      Run again = runs[i];

      if (runs[i].finished == CUSTODY_TIME_NONE)
        continue;
      if (runs[i].copy == 2 && i % 7 == 0)
        {
          again.status = runs[i].status == CUSTODY_RUN_FAILED ? CUSTODY_RUN_WARNING
                                                              : CUSTODY_RUN_FAILED;
          again.volumes = volser ((i * 5) % N_VOLUMES);
        }
      else if (runs[i].copy == 0 && i % 11 == 0 && runs[i].run_id == NULL)
        {
          again.status = runs[i].status == CUSTODY_RUN_WARNING ? CUSTODY_RUN_FAILED
                                                               : CUSTODY_RUN_WARNING;
          again.volumes = NULL;
        }
      else
        continue;
      again.run_id = g_strdup (runs[i].run_id);
      g_array_append_val (repeats, again);
    }
  g_assert_cmpuint (repeats->len, >, 10);
  g_array_set_clear_func (repeats, run_clear);
  g_array_set_clear_func (all, run_clear);

  /* The repeats of the first half right after their runs, the others at
   * the end of the file. */
  for (guint i = 0, r = 0; i < n; i++)
    {
      Run copy = runs[i];

      copy.volumes = g_strdup (runs[i].volumes);
      copy.run_id = g_strdup (runs[i].run_id);
      g_array_append_val (all, copy);
      if (r < repeats->len / 2 && g_array_index (repeats, Run, r).started == runs[i].started &&
          g_array_index (repeats, Run, r).job == runs[i].job &&
          g_array_index (repeats, Run, r).copy == runs[i].copy)
        {
          Run again = g_array_index (repeats, Run, r++);

          again.volumes = g_strdup (again.volumes);
          again.run_id = g_strdup (again.run_id);
          g_array_append_val (all, again);
        }
    }
  for (guint r = repeats->len / 2; r < repeats->len; r++)
    {
      Run again = g_array_index (repeats, Run, r);

      again.volumes = g_strdup (again.volumes);
      again.run_id = g_strdup (again.run_id);
      g_array_append_val (all, again);
    }

  csv = runs_as_csv ((const Run *) all->data, all->len);
  input = g_memory_input_stream_new_from_data (csv, -1, NULL);
  g_assert_true (custody_store_import_csv (one_file, "executions", input, &stats, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.added, ==, n);
  g_assert_cmpuint (stats.updated, ==, repeats->len);
  g_assert_cmpuint (stats.unchanged, ==, 0);

  import_runs (two_files, runs, n);
  import_runs (two_files, (const Run *) repeats->data, repeats->len);

  add_later_facts (one_file);
  add_later_facts (two_files);
  expected_checks = checks_text (two_files);
  expected_runs = histories_text (two_files);
  checks = checks_text (one_file);
  runs_text = histories_text (one_file);
  g_assert_cmpstr (runs_text, ==, expected_runs);
  g_assert_cmpstr (checks, ==, expected_checks);
  g_assert_nonnull (strstr (runs_text, " failed "));
}

static void
test_changed_rows_replace_what_they_said (Fixture       *f,
                                          gconstpointer  data)
{
  g_autoptr(CustodyStore) reimported = new_store (f, "reimported.db");
  g_autoptr(CustodyStore) fresh = new_store (f, "fresh.db");
  g_autoptr(GArray) changed = g_array_sized_new (FALSE, TRUE, sizeof (Run), f->runs->len);
  g_autofree char *before = NULL;
  guint n = f->runs->len;

  import_runs (reimported, (const Run *) f->runs->data, n);
  add_later_facts (reimported);
  before = checks_text (reimported);

  /* A tool corrects its log: every copy's last successful run failed
   * after all. Rows with a run id, or else the same start, are the same
   * runs. */
  g_array_append_vals (changed, f->runs->data, n);
  for (guint i = 0; i < n; i++)
    {
      Run *run = &g_array_index (changed, Run, i);

      run->volumes = g_strdup (run->volumes);
      run->run_id = g_strdup (run->run_id);
      if (run->status != CUSTODY_RUN_RUNNING && (run->job + run->copy) % 2 == 0)
        run->status = CUSTODY_RUN_FAILED;
    }
  g_array_set_clear_func (changed, run_clear);

  import_runs (reimported, (const Run *) changed->data, n);
  import_runs (fresh, (const Run *) changed->data, n);
  add_later_facts (fresh);

  {
    g_autofree char *after = checks_text (reimported);
    g_autofree char *expected = checks_text (fresh);
    g_autofree char *statuses = evaluated_statuses (reimported);

    g_assert_cmpstr (after, !=, before);
    g_assert_cmpstr (after, ==, expected);
    /* job-00 had every run marked failed: it cannot be compliant. */
    g_assert_true (g_str_has_prefix (statuses, "job-00 violation\n"));
    assert_list_matches_evaluation (reimported);
  }
}

static void
set_policy (CustodyStore *store,
            const char   *key,
            const char   *value)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (custody_store_set_policy_value (store, key, value, &error));
  g_assert_no_error (error);
}

static char *
status_of (CustodyStore *store,
           guint         job)
{
  g_autofree char *statuses = listed_statuses (store);
  g_autofree char *name = job_name (job);
  g_auto(GStrv) lines = g_strsplit (statuses, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], name) && lines[i][strlen (name)] == ' ')
      return g_strdup (lines[i] + strlen (name) + 1);

  g_assert_not_reached ();
}

static void
assert_status (CustodyStore *store,
               guint         job,
               const char   *expected)
{
  g_autofree char *status = status_of (store, job);

  g_assert_cmpstr (status, ==, expected);
}

static void
test_job_list_statuses_follow_every_change (Fixture       *f,
                                            gconstpointer  data)
{
  g_autoptr(CustodyStore) store = new_store (f, "cache.db");
  g_autoptr(CustodyStore) other = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "cache.db", NULL);
  g_autofree char *first = NULL;

  import_runs (store, (const Run *) f->runs->data, f->runs->len);
  add_later_facts (store);
  assert_list_matches_evaluation (store);

  /* Make job-01 compliant now: fresh runs of every copy, verified. */
  for (guint c = 0; c < G_N_ELEMENTS (copy_names); c++)
    {
      Run run = { 1, c, NOW - 900, NOW - 600, CUSTODY_RUN_SUCCESS,
                  c == 2 ? g_strdup ("T00000L9") : NULL, NULL };

      record_runs (store, &run, 1);
      add_verification (store, 1, c, NOW - 300, TRUE, 0);
      run_clear (&run);
    }
  assert_status (store, 1, "compliant");
  assert_list_matches_evaluation (store);

  /* A failed run is an error. */
  {
    Run run = { 1, 0, NOW - 200, NOW - 100, CUSTODY_RUN_FAILED, NULL, NULL };
    record_runs (store, &run, 1);
  }
  assert_status (store, 1, "violation");
  assert_list_matches_evaluation (store);

  /* A later good run clears it. */
  {
    Run run = { 1, 0, NOW - 90, NOW - 60, CUSTODY_RUN_SUCCESS, NULL, NULL };
    record_runs (store, &run, 1);
  }
  assert_status (store, 1, "compliant");

  /* The only offline copy of job-01 is its tape: back in the library it
   * is online again, and 1-offline fails... */
  move_volumes (store, 0, 0, "Library", NOW - 30);
  assert_status (store, 1, "violation");
  assert_list_matches_evaluation (store);

  /* ...and the vault gives it back. */
  move_volumes (store, 0, 0, "Vault", NOW - 20);
  assert_status (store, 1, "compliant");

  /* Editing a copy: the cloud copy kept on site instead. */
  {
    g_autoptr(GPtrArray) copies = custody_store_list_copies (store, "job-01", &error);
    CustodyCopy *cloud = NULL;

    g_assert_no_error (error);
    for (guint i = 0; i < copies->len; i++)
      if (g_str_equal (((CustodyCopy *) g_ptr_array_index (copies, i))->name, "cloud"))
        cloud = g_ptr_array_index (copies, i);
    g_assert_nonnull (cloud);
    g_free (cloud->location);
    cloud->location = g_strdup ("NAS");
    g_assert_true (custody_store_update_copy (store, "job-01", "cloud", cloud, &error));
    g_assert_no_error (error);
  }
  assert_list_matches_evaluation (store);

  /* Policy changes judge every job again: without the production data
   * counted, jobs with two good copies fall short. */
  first = listed_statuses (store);
  set_policy (store, "production-counts", "false");
  {
    g_autofree char *after = listed_statuses (store);
    g_assert_cmpstr (after, !=, first);
  }
  assert_list_matches_evaluation (store);
  set_policy (store, "warning-counts", "false");
  assert_list_matches_evaluation (store);

  /* Removing a copy leaves two of three. */
  assert_status (store, 1, "compliant");
  g_assert_true (custody_store_remove_copy (store, "job-01", "nas", &error));
  g_assert_no_error (error);
  assert_status (store, 1, "violation");
  assert_list_matches_evaluation (store);

  /* A tighter RPO. */
  {
    g_autoptr(CustodyJob) job = custody_store_get_job (store, "job-02", &error);

    g_assert_no_error (error);
    job->rpo_hours = 1;
    g_assert_true (custody_store_update_job (store, "job-02", job, &error));
    g_assert_no_error (error);
    assert_status (store, 2, "violation");
  }
  assert_list_matches_evaluation (store);

  /* Time passes with nothing written: runs age out of their RPO. */
  for (gint64 later = NOW + 3600; later < NOW + 9 * DAY; later += 17 * 3600)
    {
      custody_store_set_clock (store, later);
      assert_list_matches_evaluation (store);
    }
  {
    g_autofree char *statuses = listed_statuses (store);
    g_assert_cmpuint (count_status (statuses, " violation"), ==, N_JOBS);
  }

  /* Another program writes to the same file. */
  custody_store_set_clock (store, NOW);
  g_free (first);
  first = listed_statuses (store);
  other = custody_store_open (path, CUSTODY_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  custody_store_set_clock (other, NOW);
  {
    Run run = { 3, 1, NOW - 50, NOW - 40, CUSTODY_RUN_FAILED, NULL, NULL };
    record_runs (other, &run, 1);
  }
  assert_status (store, 3, "violation");
  assert_list_matches_evaluation (store);

  /* A removed job leaves the list. */
  g_assert_true (custody_store_remove_job (other, "job-03", &error));
  g_assert_no_error (error);
  {
    g_autofree char *statuses = listed_statuses (store);
    g_assert_null (strstr (statuses, "job-03 "));
  }
}

static gint64
query_int (const char *path,
           const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return value;
}

static void
test_version_1_store_is_upgraded (Fixture       *f,
                                  gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "old.db", NULL);
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;

  {
    g_autoptr(CustodyStore) store = new_store (f, "old.db");

    import_runs (store, (const Run *) f->runs->data, f->runs->len);
    add_later_facts (store);
    expected = checks_text (store);
    g_free (listed_statuses (store));
  }

  /* What a store written by the first release looks like. */
  custody_test_exec_sql (path,
                         "DROP TABLE job_state; DROP INDEX copy_state_newest; "
                         "DROP INDEX copies_created;"
                  " ALTER TABLE alerts DROP COLUMN detail; DROP TABLE media_repositories;"
                  " ALTER TABLE alerts DROP COLUMN acknowledged_note;"
                  " DROP TABLE reconciliation_items; DROP TABLE reconciliations;"
                  " ALTER TABLE media DROP COLUMN released_at; ALTER TABLE media DROP COLUMN slot;"
                  " DROP INDEX movements_log; CREATE INDEX movements_at ON movements (at);"
                  " PRAGMA user_version = 1;");

  {
    g_autoptr(CustodyStore) store = custody_store_open (path, CUSTODY_STORE_OPEN_DEFAULT, &error);
    g_autofree char *checks = NULL;

    g_assert_no_error (error);
    custody_store_set_clock (store, NOW);
    checks = checks_text (store);
    g_assert_cmpstr (checks, ==, expected);
    assert_list_matches_evaluation (store);
  }

  g_assert_cmpint (query_int (path, "PRAGMA user_version"), ==, CUSTODY_STORE_SCHEMA_VERSION);
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM job_state"), ==, N_JOBS);
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM sqlite_schema WHERE name ="
                                    " 'copy_state_newest'"), ==, 1);
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM sqlite_schema WHERE name ="
                                    " 'movements_log'"), ==, 1);
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM sqlite_schema WHERE name ="
                                    " 'movements_at'"), ==, 0);
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM pragma_table_info ('alerts')"
                                    " WHERE name = 'acknowledged_note'"), ==, 1);

  /* A store from a newer release is refused, not damaged. */
  custody_test_exec_sql (path, "PRAGMA user_version = 99;");
  {
    g_autoptr(CustodyStore) store = custody_store_open (path, CUSTODY_STORE_OPEN_DEFAULT, &error);

    g_assert_null (store);
    g_assert_error (error, CUSTODY_STORE_ERROR, CUSTODY_STORE_ERROR_SCHEMA_TOO_NEW);
  }
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM jobs"), ==, N_JOBS);
}

static void
test_alerts_read_in_the_readers_language (Fixture       *f,
                                          gconstpointer  data)
{
  g_autoptr(CustodyStore) store = new_store (f, "alerts.db");
  g_autoptr(GPtrArray) verdicts = NULL;
  g_autoptr(GPtrArray) english = NULL;
  g_autoptr(GPtrArray) japanese = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "alerts.db", NULL);
  const char *localedir = g_getenv ("CUSTODY_LOCALEDIR");
  guint raised = 0;
  CustodyAlert *violation = NULL;

  import_runs (store, (const Run *) f->runs->data, f->runs->len);
  verdicts = custody_store_evaluate (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (custody_store_sync_alerts (store, verdicts, &raised, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (raised, >, 0);

  english = custody_store_list_alerts (store, FALSE, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < english->len && violation == NULL; i++)
    if (g_str_equal (((CustodyAlert *) g_ptr_array_index (english, i))->kind, "violation"))
      violation = g_ptr_array_index (english, i);
  g_assert_nonnull (violation);
  g_assert_true (g_str_has_prefix (violation->message, violation->subject));
  g_assert_nonnull (strstr (violation->message, " breaks "));

  /* Someone reading in Japanese sees the same alert in Japanese. */
  if (localedir == NULL)
    {
      g_test_skip ("CUSTODY_LOCALEDIR is not set: no message catalogs to read");
      return;
    }
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  g_setenv ("LANGUAGE", "ja", TRUE);
  japanese = custody_store_list_alerts (store, FALSE, &error);
  g_setenv ("LANGUAGE", "", TRUE);
  g_assert_no_error (error);
  g_assert_cmpuint (japanese->len, ==, english->len);
  for (guint i = 0; i < japanese->len; i++)
    {
      CustodyAlert *a = g_ptr_array_index (japanese, i);

      if (a->id != violation->id)
        continue;
      g_assert_true (g_str_has_prefix (a->message, violation->subject));
      g_assert_nonnull (strstr (a->message, "違反"));
    }

  /* What the store keeps reads the same for every program: English. */
  {
    g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM alerts WHERE kind = 'violation'"
                                            " AND message LIKE '%% breaks %%'");
    g_assert_cmpint (query_int (path, sql), >, 0);
    g_assert_cmpint (query_int (path, "SELECT count(*) FROM alerts WHERE message LIKE '%違反%'"),
                     ==, 0);
  }

  /* The desk's alerts too, even when the program that raised them ran in
   * Japanese: a reconciliation in Japanese misses a volume. */
  {
    g_autoptr(CustodyMedium) medium = custody_medium_new ();
    g_autoptr(CustodyReconciliation) r = NULL;
    g_autoptr(GPtrArray) read_english = NULL;
    g_autoptr(GPtrArray) read_japanese = NULL;
    const char *nothing[] = { NULL };
    const char *english_text = "VLT001L9 was not found when “Shelf 7” was reconciled";

    g_assert_true (custody_store_add_location (store, "Shelf 7", CUSTODY_LOCATION_OFFSITE_VAULT,
                                               &error));
    medium->volser = g_strdup ("VLT001L9");
    medium->type = g_strdup ("LTO-9");
    g_assert_true (custody_store_add_medium (store, medium, "Shelf 7", &error));
    g_assert_no_error (error);
    g_setenv ("LANGUAGE", "ja", TRUE);
    r = custody_store_reconcile (store, "Shelf 7", nothing, "", "scan", &error);
    g_setenv ("LANGUAGE", "", TRUE);
    g_assert_no_error (error);
    g_assert_nonnull (r);

    read_english = custody_store_list_alerts (store, FALSE, &error);
    g_assert_no_error (error);
    g_setenv ("LANGUAGE", "ja", TRUE);
    read_japanese = custody_store_list_alerts (store, FALSE, &error);
    g_setenv ("LANGUAGE", "", TRUE);
    g_assert_no_error (error);
    for (guint i = 0; i < read_english->len; i++)
      {
        CustodyAlert *e = g_ptr_array_index (read_english, i);
        CustodyAlert *j = g_ptr_array_index (read_japanese, i);

        if (!g_str_equal (e->kind, "media-missing"))
          continue;
        g_assert_cmpstr (e->message, ==, english_text);
        g_assert_cmpstr (j->message, ==, "「Shelf 7」の棚卸しで VLT001L9 が見つかりませんでした");
      }
    g_assert_cmpint (query_int (path, "SELECT count(*) FROM alerts WHERE kind = 'media-missing'"
                                      " AND message = 'VLT001L9 was not found when “Shelf 7” was "
                                      "reconciled'"),
                     ==, 1);
  }
}

/* "Where was this volume at time T" has one answer in the store
 * (CUSTODY_MEDIA_AT_FROM): the restore points the engine judges say what
 * `media show --at` says, before, between and after two movements. */
static void
test_volume_location_between_movements (Fixture       *f,
                                        gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "moves.db", NULL);
  g_autoptr(CustodyStore) store = NULL;
  g_autoptr(CustodyJob) job = custody_job_new ();
  g_autoptr(CustodyCopy) copy = custody_copy_new ();
  g_autoptr(CustodyMedium) medium = custody_medium_new ();
  g_autoptr(CustodyExecution) run = custody_execution_new ();
  g_autoptr(GError) error = NULL;
  const char *volumes[] = { "A00001L9", NULL };
  static const struct
  {
    gint64               at;
    const char          *location;
    CustodyLocationKind  kind;
  } moments[] = {
    { NOW - 9 * DAY + 7200, "Library", CUSTODY_LOCATION_LIBRARY },
    { NOW - 8 * DAY, "Vault", CUSTODY_LOCATION_OFFSITE_VAULT },   /* the movement's moment */
    { NOW - 5 * DAY, "Vault", CUSTODY_LOCATION_OFFSITE_VAULT },   /* between the two */
    { NOW - 1 * DAY, "Library", CUSTODY_LOCATION_LIBRARY },
  };

  store = custody_store_open (path, CUSTODY_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  custody_store_set_clock (store, NOW - 10 * DAY);
  g_assert_true (custody_store_add_location (store, "Library", CUSTODY_LOCATION_LIBRARY, &error));
  g_assert_true (custody_store_add_location (store, "Vault", CUSTODY_LOCATION_OFFSITE_VAULT,
                                             &error));
  job->name = g_strdup ("ws");
  g_assert_true (custody_store_add_job (store, job, &error));
  copy->job = g_strdup ("ws");
  copy->name = g_strdup ("tape");
  copy->media_type = CUSTODY_MEDIA_TYPE_TAPE;
  g_assert_true (custody_store_add_copy (store, copy, &error));
  medium->volser = g_strdup ("A00001L9");
  medium->type = g_strdup ("LTO-9");
  g_assert_true (custody_store_add_medium (store, medium, "Library", &error));
  g_assert_no_error (error);

  run->job = g_strdup ("ws");
  run->copy = g_strdup ("tape");
  run->started = NOW - 9 * DAY;
  run->finished = NOW - 9 * DAY + 3600;
  run->status = CUSTODY_RUN_SUCCESS;
  g_strfreev (run->volumes);
  run->volumes = g_strdupv ((char **) volumes);
  g_assert_true (custody_store_record_execution (store, run, NULL, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(CustodyMovement) move = custody_movement_new ();

      move->to = g_strdup (i == 0 ? "Vault" : "Library");
      move->at = i == 0 ? NOW - 8 * DAY : NOW - 2 * DAY;
      g_assert_true (custody_store_move_media (store, volumes, move, TRUE, &error));
      g_assert_no_error (error);
    }
  custody_store_set_clock (store, NOW);

  for (guint i = 0; i < G_N_ELEMENTS (moments); i++)
    {
      g_autofree char *when = custody_time_format (moments[i].at);
      g_autoptr(CustodyMedium) then = NULL;
      g_autoptr(CustodySnapshot) snapshot = NULL;
      g_autoptr(GPtrArray) verdicts = NULL;
      const CustodyJobFacts *facts;
      const CustodyRunFact *last;
      CustodyVerdict *verdict;

      g_test_message ("at %s", when);
      custody_store_set_clock (store, moments[i].at);
      then = custody_store_get_medium (store, "A00001L9", &error);
      g_assert_no_error (error);
      g_assert_cmpstr (then->location, ==, moments[i].location);
      g_assert_cmpint (then->location_kind, ==, moments[i].kind);

      {
        g_autoptr(GMutexLocker) locker =
          g_mutex_locker_new (custody_store_get_mutex (store));

        snapshot = custody_store_load_snapshot_locked (store, NULL, moments[i].at, &error);
        g_assert_no_error (error);
      }
      facts = custody_snapshot_get_job (snapshot, 0);
      g_assert_cmpuint (facts->n_copies, ==, 1);
      g_assert_cmpuint (facts->copies[0].n_runs, ==, 1);
      last = &facts->copies[0].runs[0];
      g_assert_cmpuint (last->n_volumes, ==, 1);
      g_assert_cmpstr (last->volumes[0].volser, ==, "A00001L9");
      g_assert_cmpstr (last->volumes[0].location, ==, then->location);
      g_assert_cmpint (last->volumes[0].location_kind, ==, then->location_kind);

      /* And what the user reads from it: off site only while in the vault. */
      verdicts = custody_store_evaluate_at (store, NULL, moments[i].at, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (verdicts->len, ==, 1);
      verdict = g_ptr_array_index (verdicts, 0);
      g_assert_cmpuint (verdict->n_copies, ==, 1);
      g_assert_cmpint (verdict->copies[0].offsite, ==,
                       moments[i].kind == CUSTODY_LOCATION_OFFSITE_VAULT);
    }
}

/* GNU gettext keeps what it translated: a change of LANGUAGE must tell
 * it, as its manual says. */
extern int _nl_msg_cat_cntr;

static void
set_language (const char *language)
{
  g_setenv ("LANGUAGE", language, TRUE);
  ++_nl_msg_cat_cntr;
}

/* A job whose one copy was last verified 45 days ago, with a window of
 * 30, in a store of its own: its alerts say so, in the reader's words. */
static CustodyStore *
overdue_store (Fixture    *f,
               const char *name)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(CustodyStore) store = custody_store_open (path, CUSTODY_STORE_OPEN_CREATE, NULL);
  g_autoptr(CustodyJob) job = custody_job_new ();
  g_autoptr(CustodyCopy) copy = custody_copy_new ();
  g_autoptr(CustodyExecution) run = custody_execution_new ();
  g_autoptr(CustodyVerification) check = custody_verification_new ();
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (store);
  custody_store_set_clock (store, NOW - 46 * DAY);
  job->name = g_strdup ("payroll");
  job->rpo_hours = 24;
  job->verify_days = 30;
  g_assert_true (custody_store_add_job (store, job, &error));
  copy->job = g_strdup ("payroll");
  copy->name = g_strdup ("nas");
  copy->media_type = CUSTODY_MEDIA_TYPE_DISK;
  g_assert_true (custody_store_add_copy (store, copy, &error));
  check->job = g_strdup ("payroll");
  check->copy = g_strdup ("nas");
  check->at = NOW - 45 * DAY;
  check->passed = TRUE;
  g_assert_true (custody_store_add_verification (store, check, &error));
  custody_store_set_clock (store, NOW);
  run->job = g_strdup ("payroll");
  run->copy = g_strdup ("nas");
  run->started = NOW - 3600;
  run->finished = NOW - 600;
  run->status = CUSTODY_RUN_SUCCESS;
  g_assert_true (custody_store_record_execution (store, run, NULL, &error));
  g_assert_no_error (error);

  return g_steal_pointer (&store);
}

static CustodyAlert *
find_alert (GPtrArray  *alerts,
            const char *kind)
{
  for (guint i = 0; i < alerts->len; i++)
    if (g_str_equal (((CustodyAlert *) g_ptr_array_index (alerts, i))->kind, kind))
      return g_ptr_array_index (alerts, i);
  return NULL;
}

static void
test_alerts_say_why (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(CustodyStore) store = overdue_store (f, "why.db");
  g_autofree char *path = g_build_filename (f->dir, "why.db", NULL);
  g_autoptr(GPtrArray) verdicts = NULL;
  g_autoptr(GPtrArray) english = NULL;
  g_autoptr(GPtrArray) japanese = NULL;
  g_autoptr(GError) error = NULL;
  const char *localedir = g_getenv ("CUSTODY_LOCALEDIR");
  CustodyAlert *overdue, *violation;

  if (localedir == NULL)
    {
      g_test_skip ("CUSTODY_LOCALEDIR is not set: no message catalogs to read");
      return;
    }
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  /* Raised by a program running in Japanese. */
  set_language ("ja");
  verdicts = custody_store_evaluate (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (custody_store_sync_alerts (store, verdicts, NULL, NULL, &error));
  g_assert_no_error (error);
  japanese = custody_store_list_alerts (store, FALSE, &error);
  set_language ("");
  g_assert_no_error (error);
  english = custody_store_list_alerts (store, FALSE, &error);
  g_assert_no_error (error);

  /* The gravest first. */
  g_assert_cmpuint (english->len, ==, 2);
  g_assert_cmpstr (((CustodyAlert *) g_ptr_array_index (english, 0))->kind, ==, "violation");
  g_assert_cmpstr (((CustodyAlert *) g_ptr_array_index (english, 1))->kind, ==,
                   "verification-overdue");

  /* The rule's name and the engine's reason, not the rule's key. */
  overdue = find_alert (english, "verification-overdue");
  g_assert_cmpstr (overdue->message, ==,
                   "payroll breaks 0 errors ('nas': last verification 45 days ago, "
                   "window 30 days)");
  violation = find_alert (english, "violation");
  g_assert_nonnull (strstr (violation->message, "payroll breaks 3 copies (2 of 3 copies, "
                                                "production included), 2 media types ("));
  g_assert_nonnull (strstr (violation->message, "0 errors ('nas': last verification 45 days"));
  g_assert_null (strstr (violation->message, "3-copies"));
  g_assert_null (strstr (violation->message, "0-errors"));

  /* The store keeps it in English, whoever raised it. */
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM alerts WHERE message ="
                                    " 'payroll breaks 0 errors (''nas'': last verification"
                                    " 45 days ago, window 30 days)'"), ==, 1);

  /* A Japanese reader reads the same reasons in Japanese. */
  overdue = find_alert (japanese, "verification-overdue");
  g_assert_cmpstr (overdue->message, ==,
                   "payroll が エラー 0 件（「nas」: 最終検証は 45 日前、検証の有効期間は 30 日）"
                   " に違反しています");
  violation = find_alert (japanese, "violation");
  g_assert_nonnull (strstr (violation->message, "コピー 3 つ"));
  g_assert_null (strstr (violation->message, "3-copies"));
}

static void
test_alerts_acknowledged_with_a_note_and_undone (Fixture       *f,
                                                 gconstpointer  data)
{
  g_autoptr(CustodyStore) store = overdue_store (f, "ack.db");
  g_autofree char *path = g_build_filename (f->dir, "ack.db", NULL);
  g_autoptr(GPtrArray) verdicts = NULL;
  g_autoptr(GPtrArray) alerts = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) newly = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  gint64 unknown = 999, id;
  int audit_before;

  verdicts = custody_store_evaluate (store, NULL, &error);
  g_assert_true (custody_store_sync_alerts (store, verdicts, NULL, NULL, &error));
  g_assert_no_error (error);
  alerts = custody_store_list_alerts (store, FALSE, &error);
  id = ((CustodyAlert *) g_ptr_array_index (alerts, 0))->id;
  g_clear_pointer (&alerts, g_ptr_array_unref);

  /* An unknown id among known ones writes nothing. */
  audit_before = query_int (path, "SELECT count(*) FROM audit");
  g_array_append_val (ids, id);
  g_array_append_val (ids, unknown);
  g_assert_cmpint (custody_store_acknowledge_alerts (store, ids, "Aiko", "on it", newly, &error),
                   ==, -1);
  g_assert_error (error, CUSTODY_STORE_ERROR, CUSTODY_STORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "999"));
  g_clear_error (&error);
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM alerts"
                                    " WHERE acknowledged_at IS NOT NULL"), ==, 0);
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM audit"), ==, audit_before);
  g_assert_cmpuint (newly->len, ==, 0);

  /* The note is kept with who and when, and read back. */
  g_array_set_size (ids, 1);
  g_assert_cmpint (custody_store_acknowledge_alerts (store, ids, "Aiko", "tape goes out today",
                                                     newly, &error), ==, 1);
  g_assert_no_error (error);
  g_assert_cmpuint (newly->len, ==, 1);
  g_assert_cmpint (g_array_index (newly, gint64, 0), ==, id);
  alerts = custody_store_list_alerts (store, FALSE, &error);
  for (guint i = 0; i < alerts->len; i++)
    {
      CustodyAlert *a = g_ptr_array_index (alerts, i);

      if (a->id != id)
        continue;
      g_assert_cmpstr (a->acknowledged_by, ==, "Aiko");
      g_assert_cmpstr (a->acknowledged_note, ==, "tape goes out today");
      g_assert_cmpint (a->acknowledged_at, ==, NOW);
    }
  g_clear_pointer (&alerts, g_ptr_array_unref);
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM audit WHERE action = 'alerts.acknowledge'"
                                    " AND after LIKE '%tape goes out today%'"), ==, 1);

  /* Undone: not acknowledged any more, and the trail says so. */
  g_assert_cmpint (custody_store_unacknowledge_alerts (store, ids, &error), ==, 1);
  g_assert_no_error (error);
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM alerts WHERE acknowledged_at IS NOT NULL"
                                    " OR acknowledged_by IS NOT NULL"
                                    " OR acknowledged_note IS NOT NULL"), ==, 0);
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM audit WHERE action ="
                                    " 'alerts.unacknowledge' AND before LIKE '%tape goes out%'"),
                   ==, 1);
  /* Nothing left to undo writes nothing. */
  audit_before = query_int (path, "SELECT count(*) FROM audit");
  g_assert_cmpint (custody_store_unacknowledge_alerts (store, ids, &error), ==, 0);
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM audit"), ==, audit_before);
}

int
main (int   argc,
      char *argv[])
{
  /* As the app and custodyctl do: messages in the caller's locale. */
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/store/every-write-path-gives-the-same-checks/1", Fixture, GUINT_TO_POINTER (1),
              fixture_set_up, test_every_write_path_gives_the_same_checks, fixture_tear_down);
  g_test_add ("/store/every-write-path-gives-the-same-checks/2", Fixture, GUINT_TO_POINTER (2),
              fixture_set_up, test_every_write_path_gives_the_same_checks, fixture_tear_down);
  g_test_add ("/store/run-listed-twice-in-one-file", Fixture, GUINT_TO_POINTER (7),
              fixture_set_up, test_run_listed_twice_in_one_file, fixture_tear_down);
  g_test_add ("/store/changed-rows-replace-what-they-said", Fixture, GUINT_TO_POINTER (3),
              fixture_set_up, test_changed_rows_replace_what_they_said, fixture_tear_down);
  g_test_add ("/store/job-list-statuses-follow-every-change", Fixture, GUINT_TO_POINTER (4),
              fixture_set_up, test_job_list_statuses_follow_every_change, fixture_tear_down);
  g_test_add ("/store/alerts-say-why", Fixture, GUINT_TO_POINTER (1),
              fixture_set_up, test_alerts_say_why, fixture_tear_down);
  g_test_add ("/store/alerts-acknowledged-with-a-note-and-undone", Fixture, GUINT_TO_POINTER (1),
              fixture_set_up, test_alerts_acknowledged_with_a_note_and_undone, fixture_tear_down);
  g_test_add ("/store/alerts-read-in-the-readers-language", Fixture, GUINT_TO_POINTER (6),
              fixture_set_up, test_alerts_read_in_the_readers_language, fixture_tear_down);
  g_test_add ("/store/volume-location-between-movements", Fixture, GUINT_TO_POINTER (1),
              fixture_set_up, test_volume_location_between_movements, fixture_tear_down);
  g_test_add ("/store/version-1-store-is-upgraded", Fixture, GUINT_TO_POINTER (5),
              fixture_set_up, test_version_1_store_is_upgraded, fixture_tear_down);

  return g_test_run ();
}
