/* custody-import-bareos.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custody-import"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "custody-bareos.h"
#include "custody-import-private.h"
#include "custody-time.h"
#include "custody-volser.h"

/* Bareos, through bconsole's JSON mode (`.api 2`; DeveloperGuide/api.rst;
 * its answers and volume listings are read by custody-bareos.c):
 *
 *  - jobs (`list jobs`, `llist jobs`): each Bareos job name is a Custody
 *    job, the pool it wrote to the copy. Backups and copies are runs keyed
 *    by JobId; verify jobs are verifications; restores, admin jobs and the
 *    like are skipped. Volumes come from `llist jobmedia` in the same
 *    input: a run's restore point.
 *  - volumes (`list volumes`: an object of pools; `llist volumes all`,
 *    `llist media`: a list; or the text table of api mode 0) become media
 *    in their pools; a volume's InChanger flag moves it into the library
 *    or out to the shelf when Custody has it elsewhere. */

/* JobStatus letters (core/src/include/job_status.h). */
typedef enum
{
  OUTCOME_SUCCESS,
  OUTCOME_WARNING,
  OUTCOME_FAILED,
  OUTCOME_DIFFERENCES,
  OUTCOME_RUNNING,
} Outcome;

static const struct
{
  char     letter;
  Outcome  outcome;
} job_statuses[] = {
  { 'T', OUTCOME_SUCCESS },      /* terminated normally */
  { 'W', OUTCOME_WARNING },      /* terminated with warnings */
  { 'E', OUTCOME_FAILED },       /* terminated in error */
  { 'e', OUTCOME_FAILED },       /* non-fatal error */
  { 'f', OUTCOME_FAILED },       /* fatal error */
  { 'A', OUTCOME_FAILED },       /* canceled */
  { 'D', OUTCOME_DIFFERENCES },  /* verify found differences */
  { 'R', OUTCOME_RUNNING },      /* running */
  { 'C', OUTCOME_RUNNING },      /* created, not yet running */
  { 'B', OUTCOME_RUNNING },      /* blocked */
  { 'F', OUTCOME_RUNNING },      /* waiting on the file daemon */
  { 'S', OUTCOME_RUNNING },      /* waiting on the storage daemon */
  { 'm', OUTCOME_RUNNING },      /* waiting for a new volume */
  { 'M', OUTCOME_RUNNING },      /* waiting for a mount */
  { 's', OUTCOME_RUNNING },      /* waiting for storage */
  { 'j', OUTCOME_RUNNING },      /* waiting for a job */
  { 'c', OUTCOME_RUNNING },      /* waiting for the client */
  { 'd', OUTCOME_RUNNING },      /* waiting for the maximum jobs */
  { 't', OUTCOME_RUNNING },      /* waiting for the start time */
  { 'p', OUTCOME_RUNNING },      /* waiting for a higher priority job */
  { 'a', OUTCOME_RUNNING },      /* SD despooling attributes */
  { 'i', OUTCOME_RUNNING },      /* doing batch insert of attributes */
  { 'l', OUTCOME_RUNNING },      /* despooling data */
  { 'L', OUTCOME_RUNNING },      /* committing data */
  { 'q', OUTCOME_RUNNING },      /* queued waiting for a device */
};

#define KNOWN_JOB_STATUSES "T, W, E, e, f, A, D, R, C, B, F, S, m, M, s, j, c, d, t, p, a, i, l, L, q"

/* "4651943" or 4651943: a JobId or a count. */
static gboolean
get_id (CustodyImportContext  *ctx,
        CustodyJsonDoc        *doc,
        CustodyJsonNode        object,
        const char            *member,
        const char            *what,
        gint64                *out,
        GError               **error)
{
  *out = -1;
  if (!custody_import_get_count (ctx, doc, object, member, TRUE, what, out, error))
    return FALSE;
  if (*out < 0)
    return custody_import_fail_at (ctx, custody_json_doc_get_offset (doc, object), error,
                                   _("%s has no \"%s\""), what, member);
  return TRUE;
}

/*
 * Jobs
 */

typedef struct
{
  CustodyJsonNode  node;
  gint64           jobid;
  char             type;
  guint            index;
  gint64           copy_id;   /* for verify jobs: the copy of the job verified */
} JobRow;

/* JobId -> volume ids, from `llist jobmedia`. */
static gboolean
read_job_media (CustodyImportContext  *ctx,
                CustodyJsonDoc        *doc,
                GHashTable            *media,
                GError               **error)
{
  g_autoptr(GHashTable) volume_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint r = 0; r < custody_json_doc_get_n_roots (doc); r++)
    {
      CustodyJsonNode result = custody_bareos_result (doc, custody_json_doc_get_root (doc, r));
      CustodyJsonNode list = custody_json_doc_member (doc, result, "jobmedia");
      CustodyJsonNode row;

      if (list == 0)
        continue;
      if (custody_json_doc_kind (doc, list) != CUSTODY_JSON_ARRAY)
        return custody_import_fail_at (ctx, custody_json_doc_get_offset (doc, list), error,
                                       _("\"jobmedia\" should be an array, not %s"),
                                       custody_json_doc_kind_name (doc, list));

      row = custody_json_doc_first (doc, list);
      for (guint i = 0; i < custody_json_doc_get_length (doc, list); i++)
        {
          g_autofree char *what = g_strdup_printf (_("jobmedia row %u"), i + 1);
          g_autofree char *name = NULL, *volser = NULL;
          g_autoptr(GError) local_error = NULL;
          GArray *ids;
          gint64 jobid, *known, id;
          gboolean listed = FALSE;

          if (custody_json_doc_kind (doc, row) != CUSTODY_JSON_OBJECT)
            return custody_import_fail_at (ctx, custody_json_doc_get_offset (doc, row), error,
                                           _("%s should be an object, not %s"), what,
                                           custody_json_doc_kind_name (doc, row));
          if (!get_id (ctx, doc, row, "jobid", what, &jobid, error) ||
              !custody_import_get_string (ctx, doc, row, "volumename", TRUE, what, &name, error))
            return FALSE;

          volser = custody_volser_normalize (name, &local_error);
          if (volser == NULL)
            return custody_import_fail_at (ctx, custody_json_doc_get_offset (doc, row), error,
                                           "%s: %s", what, local_error->message);
          known = g_hash_table_lookup (volume_ids, volser);
          if (known != NULL)
            id = *known;
          else
            {
              id = custody_store_find_medium_id (ctx->store, volser, &local_error);
              if (id == 0)
                return custody_import_fail_at (ctx, custody_json_doc_get_offset (doc, row), error,
                                               _("%s: unknown volume '%s' (import Bareos' volumes "
                                                 "first: custodyctl import bareos-volumes)"),
                                               what, volser);
              g_hash_table_insert (volume_ids, g_strdup (volser), g_memdup2 (&id, sizeof id));
            }

          ids = g_hash_table_lookup (media, &jobid);
          if (ids == NULL)
            {
              ids = g_array_new (FALSE, FALSE, sizeof (gint64));
              g_hash_table_insert (media, g_memdup2 (&jobid, sizeof jobid), ids);
            }
          /* One row per file range: a volume is listed once per run. */
          for (guint j = 0; j < ids->len && !listed; j++)
            listed = g_array_index (ids, gint64, j) == id;
          if (!listed)
            g_array_append_val (ids, id);

          row = custody_json_doc_next (doc, row);
        }
    }

  return TRUE;
}

static const char *
level_name (const char *level)
{
  if (g_strcmp0 (level, "F") == 0)
    return "Full";
  if (g_strcmp0 (level, "I") == 0)
    return "Incremental";
  if (g_strcmp0 (level, "D") == 0)
    return "Differential";
  return level;
}

/* What --create makes a pool's copy: disk when its volumes are Bareos
 * "File" volumes (imported with bareos-volumes), else tape. */
static CustodyMediaType
pool_media_type (CustodyImportContext *ctx,
                 const char           *pool)
{
  sqlite3_stmt *stmt = custody_store_prepare (ctx->store,
                                              "SELECT m.type FROM media m JOIN pools p ON p.id = m.pool_id"
                                              " WHERE p.name = ? LIMIT 1", NULL);
  CustodyMediaType type = CUSTODY_MEDIA_TYPE_TAPE;

  if (stmt == NULL)
    return type;
  sqlite3_bind_text (stmt, 1, pool, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW && g_ascii_strcasecmp (custody_sql_text (stmt, 0), "File") == 0)
    type = CUSTODY_MEDIA_TYPE_DISK;
  sqlite3_reset (stmt);
  return type;
}

/* The copy a job row is of: its pool (llist jobs), else --copy. */
static gint64
row_copy (CustodyImportContext  *ctx,
          CustodyJsonDoc        *doc,
          CustodyJsonNode        row,
          const char            *what,
          const char            *job,
          GHashTable            *copies,
          GError               **error)
{
  g_autofree char *pool = NULL;
  g_autofree char *key = NULL;
  g_autoptr(GError) local_error = NULL;
  gpointer found;
  gint64 copy_id;

  if (!custody_import_get_string (ctx, doc, row, "poolname", FALSE, what, &pool, error))
    return 0;
  if (pool == NULL || pool[0] == '\0')
    {
      if (ctx->options->copy == NULL)
        {
          custody_import_fail_at (ctx, custody_json_doc_get_offset (doc, row), error,
                                  _("%s names no pool, the copy it wrote to ('list jobs' leaves it "
                                    "out): import 'llist jobs', or name the copy with --copy"), what);
          return 0;
        }
      g_free (pool);
      pool = g_strdup (ctx->options->copy);
    }

  key = g_strdup_printf ("%s\x1f%s", job, pool);
  found = g_hash_table_lookup (copies, key);
  if (found != NULL)
    return *(gint64 *) found;

  copy_id = custody_import_find_copy (ctx, job, pool, pool_media_type (ctx, pool), &local_error);
  if (copy_id == 0)
    {
      custody_import_fail_at (ctx, custody_json_doc_get_offset (doc, row), error, "%s: %s", what,
                              local_error->message);
      return 0;
    }
  g_hash_table_insert (copies, g_steal_pointer (&key), g_memdup2 (&copy_id, sizeof copy_id));
  return copy_id;
}

static gboolean
read_job (CustodyImportContext  *ctx,
          CustodyJsonDoc        *doc,
          JobRow                *job,
          GHashTable            *by_jobid,
          GHashTable            *media,
          GHashTable            *copies,
          GError               **error)
{
  g_autofree char *what = g_strdup_printf (_("job %u (JobId %lld)"), job->index,
                                           (long long) job->jobid);
  g_autofree char *name = NULL, *status = NULL, *level = NULL, *run_id = NULL;
  g_autofree char *message = NULL;
  CustodyJsonNode row = job->node;
  CustodyImportRun run = { 0, };
  gint64 start = CUSTODY_TIME_NONE, end = CUSTODY_TIME_NONE, real_end = CUSTODY_TIME_NONE;
  gint64 scheduled = CUSTODY_TIME_NONE, errors = 0;
  Outcome outcome = OUTCOME_FAILED;
  gboolean known = FALSE;
  GArray *volumes;

  if (!custody_import_get_string (ctx, doc, row, "name", TRUE, what, &name, error) ||
      !custody_import_get_string (ctx, doc, row, "jobstatus", TRUE, what, &status, error) ||
      !custody_import_get_string (ctx, doc, row, "level", FALSE, what, &level, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (job_statuses) && strlen (status) == 1; i++)
    if (job_statuses[i].letter == status[0])
      {
        outcome = job_statuses[i].outcome;
        known = TRUE;
      }
  if (!known)
    {
      CustodyJsonNode node = custody_json_doc_member_nocase (doc, row, "jobstatus");
      return custody_import_fail_at (ctx, custody_json_doc_get_offset (doc, node), error,
                                     _("%s: jobstatus '%s' is not a Bareos job status (%s)"), what,
                                     status, KNOWN_JOB_STATUSES);
    }

  if (!custody_import_get_time (ctx, doc, row, "starttime", FALSE, what, &start, error) ||
      !custody_import_get_time (ctx, doc, row, "endtime", FALSE, what, &end, error) ||
      !custody_import_get_time (ctx, doc, row, "realendtime", FALSE, what, &real_end, error) ||
      !custody_import_get_time (ctx, doc, row, "schedtime", FALSE, what, &scheduled, error))
    return FALSE;
  if (real_end != CUSTODY_TIME_NONE)
    end = real_end;
  if (start == CUSTODY_TIME_NONE)
    start = scheduled != CUSTODY_TIME_NONE ? scheduled : end;
  if (start == CUSTODY_TIME_NONE)
    return custody_import_fail_at (ctx, custody_json_doc_get_offset (doc, row), error,
                                   _("%s has no time: no \"starttime\", \"schedtime\" or \"endtime\""),
                                   what);
  if (!custody_import_get_count (ctx, doc, row, "joberrors", TRUE, what, &errors, error))
    return FALSE;

  /* The copy: a verify job's is that of the job it verified, when the
   * input says which (priorjobid); else, like any job, its pool. */
  if (job->type == 'V')
    {
      gint64 prior = 0;
      JobRow *verified;

      if (!custody_import_get_count (ctx, doc, row, "priorjobid", TRUE, what, &prior, error))
        return FALSE;
      verified = prior > 0 ? g_hash_table_lookup (by_jobid, &prior) : NULL;
      if (verified != NULL && verified->copy_id > 0)
        job->copy_id = verified->copy_id;
    }
  if (job->copy_id == 0)
    job->copy_id = row_copy (ctx, doc, row, what, name, copies, error);
  if (job->copy_id == 0)
    return FALSE;

  run_id = g_strdup_printf ("%" G_GINT64_FORMAT, job->jobid);

  if (job->type == 'V' || outcome == OUTCOME_DIFFERENCES)
    {
      g_autoptr(CustodyVerification) v = custody_verification_new ();
      g_autofree char *source_id = g_strdup_printf ("bareos:%s", run_id);

      /* A verification counts once it is over. */
      if (outcome == OUTCOME_RUNNING)
        {
          ctx->result->skipped++;
          return TRUE;
        }
      v->kind = CUSTODY_VERIFY_CHECKSUM;
      v->at = end != CUSTODY_TIME_NONE ? end : start;
      v->passed = outcome == OUTCOME_SUCCESS || outcome == OUTCOME_WARNING;
      v->errors = v->passed ? 0 : MAX (errors, 1);
      v->duration_s = end != CUSTODY_TIME_NONE && end >= start ? end - start : -1;
      g_free (v->by);
      v->by = g_strdup ("bareos");
      g_free (v->note);
      v->note = g_strdup_printf ("Bareos JobId %s %s: jobstatus %s", run_id, name, status);
      return custody_import_upsert_verification (ctx, job->copy_id, v, source_id, error);
    }

  run.copy_id = job->copy_id;
  run.run_id = run_id;
  run.started = start;
  run.bytes = run.files = -1;
  run.position = job->index;
  switch (outcome)
    {
    case OUTCOME_SUCCESS:
      run.status = CUSTODY_RUN_SUCCESS;
      break;
    case OUTCOME_WARNING:
      run.status = CUSTODY_RUN_WARNING;
      break;
    case OUTCOME_RUNNING:
      run.status = CUSTODY_RUN_RUNNING;
      break;
    case OUTCOME_FAILED:
    case OUTCOME_DIFFERENCES:
    default:
      run.status = CUSTODY_RUN_FAILED;
      break;
    }
  if (run.status == CUSTODY_RUN_RUNNING)
    run.finished = CUSTODY_TIME_NONE;
  else
    {
      run.finished = end != CUSTODY_TIME_NONE ? end : start;
      if (end == CUSTODY_TIME_NONE)
        run.flags |= CUSTODY_IMPORT_RUN_FINISH_ASSUMED;
      if (run.finished < run.started)
        {
          g_autofree char *s = custody_time_format (run.started);
          g_autofree char *f = custody_time_format (run.finished);
          return custody_import_fail_at (ctx, custody_json_doc_get_offset (doc, row), error,
                                         _("%s: it ends (%s) before it starts (%s)"), what, f, s);
        }
    }

  if (!custody_import_get_count (ctx, doc, row, "jobbytes", TRUE, what, &run.bytes, error) ||
      !custody_import_get_count (ctx, doc, row, "jobfiles", TRUE, what, &run.files, error))
    return FALSE;

  message = g_strdup_printf ("Bareos JobId %s%s%s, jobstatus %s", run_id,
                             level != NULL ? ", " : "", level != NULL ? level_name (level) : "",
                             status);
  run.message = message;

  volumes = g_hash_table_lookup (media, &job->jobid);
  if (volumes == NULL)
    run.flags |= CUSTODY_IMPORT_RUN_VOLUMES_UNKNOWN;
  custody_run_batch_add (ctx->runs, &run, volumes);
  return TRUE;
}

gboolean
custody_import_bareos_jobs (CustodyImportContext  *ctx,
                            GError               **error)
{
  g_autoptr(CustodyJsonDoc) doc = NULL;
  g_autoptr(GHashTable) by_jobid = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GHashTable) media = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                       (GDestroyNotify) g_array_unref);
  g_autoptr(GHashTable) copies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GArray) rows = g_array_new (FALSE, TRUE, sizeof (JobRow));
  gboolean any_list = FALSE;

  doc = custody_import_parse_json (ctx, CUSTODY_JSON_PARSE_MANY, error);
  if (doc == NULL)
    return FALSE;
  if (!custody_bareos_check_answers (&ctx->text, doc, error))
    return custody_import_error_as_invalid (error);

  /* Every job first, to find duplicates and what verify jobs verified. */
  for (guint r = 0; r < custody_json_doc_get_n_roots (doc); r++)
    {
      CustodyJsonNode result = custody_bareos_result (doc, custody_json_doc_get_root (doc, r));
      CustodyJsonNode list = custody_json_doc_member (doc, result, "jobs");
      CustodyJsonNode row;

      if (list == 0)
        continue;
      any_list = TRUE;
      if (custody_json_doc_kind (doc, list) != CUSTODY_JSON_ARRAY)
        return custody_import_fail_at (ctx, custody_json_doc_get_offset (doc, list), error,
                                       _("\"jobs\" should be an array, not %s"),
                                       custody_json_doc_kind_name (doc, list));

      row = custody_json_doc_first (doc, list);
      for (guint i = 0; i < custody_json_doc_get_length (doc, list); i++)
        {
          g_autofree char *what = g_strdup_printf (_("job %u"), rows->len + 1);
          g_autofree char *type = NULL;
          JobRow job = { 0, };
          gpointer other;

          if (custody_json_doc_kind (doc, row) != CUSTODY_JSON_OBJECT)
            return custody_import_fail_at (ctx, custody_json_doc_get_offset (doc, row), error,
                                           _("%s should be an object, not %s"), what,
                                           custody_json_doc_kind_name (doc, row));
          if (!get_id (ctx, doc, row, "jobid", what, &job.jobid, error) ||
              !custody_import_get_string (ctx, doc, row, "type", FALSE, what, &type, error))
            return FALSE;
          if (type != NULL && strlen (type) != 1)
            {
              CustodyJsonNode node = custody_json_doc_member_nocase (doc, row, "type");
              return custody_import_fail_at (ctx, custody_json_doc_get_offset (doc, node), error,
                                             _("%s: type '%s' is not a Bareos job type (B, C, V, R...)"),
                                             what, type);
            }
          job.node = row;
          job.type = type != NULL ? type[0] : 'B';
          job.index = rows->len + 1;

          if (g_hash_table_lookup_extended (seen, &job.jobid, NULL, &other))
            return custody_import_fail_at (ctx, custody_json_doc_get_offset (doc, row), error,
                                           _("%s: JobId %lld appears twice (also job %u)"),
                                           what, (long long) job.jobid, GPOINTER_TO_UINT (other));
          g_hash_table_insert (seen, g_memdup2 (&job.jobid, sizeof job.jobid),
                               GUINT_TO_POINTER (job.index));
          g_array_append_val (rows, job);
          row = custody_json_doc_next (doc, row);
        }
    }

  if (!any_list)
    return custody_import_fail_at (ctx, 0, error,
                                   _("no list of jobs here: give bconsole's 'llist jobs' in JSON "
                                     "mode (.api 2)"));

  /* The array grows no more: rows can be found by JobId. */
  for (guint i = 0; i < rows->len; i++)
    {
      JobRow *job = &g_array_index (rows, JobRow, i);
      g_hash_table_insert (by_jobid, &job->jobid, job);
    }

  if (!read_job_media (ctx, doc, media, error))
    return FALSE;

  /* Backups and copies first, so that a verify job finds their copies. */
  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < rows->len; i++)
      {
        JobRow *job = &g_array_index (rows, JobRow, i);
        gboolean verify = job->type == 'V';

        if (job->type != 'B' && job->type != 'C' && !verify)
          {
            if (pass == 0)
              ctx->result->skipped++;
            continue;
          }
        if (verify != (pass == 1))
          continue;
        if (!read_job (ctx, doc, job, by_jobid, media, copies, error))
          return FALSE;
        if (g_cancellable_set_error_if_cancelled (ctx->text.cancellable, error))
          return FALSE;
      }

  return TRUE;
}

/*
 * Volumes
 */

/* A location for the volumes in (or out of) the changer: the one named,
 * a library named as the volume's Bareos storage, the only location of
 * that kind, or with --create a new one. */
static gint64
changer_location (CustodyImportContext  *ctx,
                  CustodyLocationKind    kind,
                  const char            *storage,
                  GHashTable            *cache,
                  GError               **error)
{
  const char *named = kind == CUSTODY_LOCATION_LIBRARY ? ctx->options->library : ctx->options->shelf;
  const char *option = kind == CUSTODY_LOCATION_LIBRARY ? "--library" : "--shelf";
  g_autofree char *key = g_strdup_printf ("%d\x1f%s", kind, named != NULL ? named
                                          : storage != NULL ? storage : "");
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  /* Names are data, the same in every language. */
  const char *fallback = kind == CUSTODY_LOCATION_LIBRARY ? "Library" : "Shelf";
  gpointer found = g_hash_table_lookup (cache, key);
  sqlite3_stmt *stmt;
  gint64 id = 0, storage_id = 0;
  int rc;

  if (found != NULL)
    return *(gint64 *) found;

  stmt = custody_store_prepare (ctx->store, "SELECT id, name FROM locations WHERE kind = ? ORDER BY name",
                                error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, custody_location_kind_to_string (kind), -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *name = custody_sql_text (stmt, 1);

      if (named != NULL && g_str_equal (name, named))
        id = sqlite3_column_int64 (stmt, 0);
      if (storage != NULL && g_str_equal (name, storage))
        storage_id = sqlite3_column_int64 (stmt, 0);
      g_ptr_array_add (names, g_strdup (name));
      if (names->len == 1 && named == NULL)
        id = sqlite3_column_int64 (stmt, 0);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return custody_store_fail (ctx->store, rc, error);

  if (named != NULL && id == 0)
    {
      g_autoptr(GError) local_error = NULL;

      if (custody_store_find_location_id (ctx->store, named, &local_error) != 0)
        {
          g_set_error (error, CUSTODY_STORE_ERROR, CUSTODY_STORE_ERROR_INVALID,
                       _("%s: location '%s' is not of kind %s"), option, named,
                       custody_location_kind_to_string (kind));
          return 0;
        }
      if (!ctx->options->create)
        {
          g_set_error (error, CUSTODY_STORE_ERROR, CUSTODY_STORE_ERROR_NOT_FOUND,
                       _("%s: unknown location '%s' (add it, or import with --create)"), option, named);
          return 0;
        }
      fallback = named;
    }
  else if (named == NULL && storage_id != 0)
    id = storage_id;
  else if (named == NULL && names->len > 1)
    {
      g_autofree char *list = NULL;

      g_ptr_array_add (names, NULL);
      list = g_strjoinv (", ", (char **) names->pdata);
      g_set_error (error, CUSTODY_STORE_ERROR, CUSTODY_STORE_ERROR_INVALID,
                   _("which of the %s locations is it (%s)? Name it with %s"),
                   custody_location_kind_to_string (kind), list, option);
      return 0;
    }
  else if (named == NULL && names->len == 0 && !ctx->options->create)
    {
      g_set_error (error, CUSTODY_STORE_ERROR, CUSTODY_STORE_ERROR_NOT_FOUND,
                   _("there is no %s location to move volumes to: add one, or import with --create"),
                   custody_location_kind_to_string (kind));
      return 0;
    }

  if (id == 0)
    {
      stmt = custody_store_prepare (ctx->store,
                                    "INSERT INTO locations (name, kind, created_at) VALUES (?, ?, ?)",
                                    error);
      if (stmt == NULL)
        return 0;
      sqlite3_bind_text (stmt, 1, fallback, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, custody_location_kind_to_string (kind), -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 3, custody_store_now (ctx->store));
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        return custody_store_fail (ctx->store, rc, error);
      id = sqlite3_last_insert_rowid (custody_store_get_db (ctx->store));
      ctx->changed = TRUE;
      custody_import_note (ctx, _("Added location '%s' (%s)."), fallback,
                           custody_location_kind_to_string (kind));
    }

  g_hash_table_insert (cache, g_steal_pointer (&key), g_memdup2 (&id, sizeof id));
  return id;
}

/* An error naming where @row is in the input. */
static gboolean
volume_fail (CustodyImportContext       *ctx,
             const CustodyBareosVolume  *row,
             GError                    **error,
             const char                 *format,
             ...) G_GNUC_PRINTF (4, 5);

static gboolean
volume_fail (CustodyImportContext       *ctx,
             const CustodyBareosVolume  *row,
             GError                    **error,
             const char                 *format,
             ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (row->line > 0)
    return custody_import_fail_line (row->line, error, "%s", message);
  return custody_import_fail_at (ctx, row->offset, error, "%s", message);
}

static gboolean
apply_volume (CustodyImportContext       *ctx,
              const CustodyBareosVolume  *row,
              GHashTable                 *locations,
              GError                    **error)
{
  CustodyStore *store = ctx->store;
  g_autoptr(GError) local_error = NULL;
  CustodyMediumStatus status = row->status;
  CustodyUpsertResult result;
  gint64 pool_id = 0, medium_id = 0, retention = row->retention_until, to = 0;
  CustodyLocationKind where = CUSTODY_LOCATION_NONE;
  gboolean same = FALSE;
  sqlite3_stmt *stmt;
  int rc;

  if (row->pool != NULL)
    {
      pool_id = custody_store_find_pool_id (store, row->pool, TRUE, error);
      if (pool_id == 0)
        return FALSE;
    }

  stmt = custody_store_prepare (store,
                                "SELECT m.id, m.type IS ?2 AND (?3 IS NULL OR m.pool_id IS ?3)"
                                "   AND m.status IS ?4 AND m.retention_until IS ?5"
                                "   AND (?6 < 0 OR m.bytes_written IS ?6) AND m.last_written IS ?7"
                                "   AND (?8 < 0 OR m.errors IS ?8) AND (?9 < 0 OR m.mounts IS ?9),"
                                "   l.kind"
                                " FROM media m LEFT JOIN movements mv ON mv.id = m.movement_id"
                                " LEFT JOIN locations l ON l.id = mv.to_location_id"
                                " WHERE m.volser = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, row->volser, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, row->type, -1, SQLITE_STATIC);
  if (pool_id > 0)
    sqlite3_bind_int64 (stmt, 3, pool_id);
  else
    sqlite3_bind_null (stmt, 3);
  sqlite3_bind_text (stmt, 4, custody_medium_status_to_string (status), -1, SQLITE_STATIC);
  custody_sql_bind_time (stmt, 5, retention);
  sqlite3_bind_int64 (stmt, 6, row->bytes);
  custody_sql_bind_time (stmt, 7, row->last_written);
  sqlite3_bind_int64 (stmt, 8, row->errors);
  sqlite3_bind_int64 (stmt, 9, row->mounts);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      medium_id = sqlite3_column_int64 (stmt, 0);
      same = sqlite3_column_int (stmt, 1);
      if (sqlite3_column_type (stmt, 2) != SQLITE_NULL)
        custody_location_kind_from_string (custody_sql_text (stmt, 2), &where);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return custody_store_fail (store, rc, error);

  result = medium_id == 0 ? CUSTODY_UPSERT_ADDED : same ? CUSTODY_UPSERT_UNCHANGED
                                                        : CUSTODY_UPSERT_UPDATED;
  if (result == CUSTODY_UPSERT_ADDED)
    stmt = custody_store_prepare (store,
                                  "INSERT INTO media (volser, type, pool_id, status, retention_until,"
                                  " bytes_written, last_written, errors, mounts, created_at)"
                                  " VALUES (?1, ?2, ?3, ?4, ?5, max (?6, 0), ?7, max (?8, 0),"
                                  " max (?9, 0), ?10)", error);
  else if (result == CUSTODY_UPSERT_UPDATED)
    stmt = custody_store_prepare (store,
                                  "UPDATE media SET type = ?2, pool_id = coalesce (?3, pool_id),"
                                  " status = ?4, retention_until = ?5,"
                                  " bytes_written = CASE WHEN ?6 < 0 THEN bytes_written ELSE ?6 END,"
                                  " last_written = ?7,"
                                  " errors = CASE WHEN ?8 < 0 THEN errors ELSE ?8 END,"
                                  " mounts = CASE WHEN ?9 < 0 THEN mounts ELSE ?9 END"
                                  " WHERE volser = ?1", error);
  else
    stmt = NULL;

  if (result != CUSTODY_UPSERT_UNCHANGED)
    {
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, row->volser, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, row->type, -1, SQLITE_STATIC);
      if (pool_id > 0)
        sqlite3_bind_int64 (stmt, 3, pool_id);
      else
        sqlite3_bind_null (stmt, 3);
      sqlite3_bind_text (stmt, 4, custody_medium_status_to_string (status), -1, SQLITE_STATIC);
      custody_sql_bind_time (stmt, 5, retention);
      sqlite3_bind_int64 (stmt, 6, row->bytes);
      custody_sql_bind_time (stmt, 7, row->last_written);
      sqlite3_bind_int64 (stmt, 8, row->errors);
      sqlite3_bind_int64 (stmt, 9, row->mounts);
      if (result == CUSTODY_UPSERT_ADDED)
        sqlite3_bind_int64 (stmt, 10, custody_store_now (store));
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        return custody_store_fail (store, rc, error);
      if (result == CUSTODY_UPSERT_ADDED)
        medium_id = sqlite3_last_insert_rowid (custody_store_get_db (store));
      else if (!custody_store_forget_media_status (store, medium_id, error))
        return FALSE;
    }

  /* In the changer means in the library; out of it, not in the library.
   * Only a contradiction moves a volume: one the desk sent to the vault
   * stays there while Bareos says it is out. */
  if (row->in_changer == 1 && where != CUSTODY_LOCATION_LIBRARY)
    to = changer_location (ctx, CUSTODY_LOCATION_LIBRARY, row->storage, locations, &local_error);
  else if (row->in_changer == 0 && where == CUSTODY_LOCATION_LIBRARY)
    to = changer_location (ctx, CUSTODY_LOCATION_ONSITE_SHELF, NULL, locations, &local_error);
  if (local_error != NULL)
    return volume_fail (ctx, row, error, _("volume %s: %s"), row->volser, local_error->message);

  if (to > 0)
    {
      g_autoptr(CustodyMovement) mv = custody_movement_new ();

      mv->source = g_strdup ("import");
      if (row->in_changer == 1 && row->slot > 0)
        mv->note = g_strdup_printf ("Bareos: in the changer, slot %" G_GINT64_FORMAT, row->slot);
      else if (row->in_changer == 1)
        mv->note = g_strdup ("Bareos: in the changer");
      else
        mv->note = g_strdup ("Bareos: out of the changer");
      if (!custody_store_insert_movement (store, medium_id, to, mv, error))
        return FALSE;
      if (result == CUSTODY_UPSERT_UNCHANGED)
        result = CUSTODY_UPSERT_UPDATED;
    }

  custody_import_stats_count (&ctx->result->stats, result);
  return TRUE;
}

gboolean
custody_import_bareos_volumes (CustodyImportContext  *ctx,
                               GError               **error)
{
  g_autoptr(GArray) volumes = custody_bareos_volumes_new ();
  g_autoptr(GHashTable) locations = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  if (!custody_bareos_read_volumes (&ctx->text, volumes, error))
    return custody_import_error_as_invalid (error);

  for (guint i = 0; i < volumes->len; i++)
    {
      if (!apply_volume (ctx, &g_array_index (volumes, CustodyBareosVolume, i), locations, error))
        return FALSE;
      if (i % 1024 == 1023 && g_cancellable_set_error_if_cancelled (ctx->text.cancellable, error))
        return FALSE;
    }

  return TRUE;
}
