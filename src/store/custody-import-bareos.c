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
 * what it prints is read by custody-bareos.c and custody-bareos-jobs.c),
 * written to the store:
 *
 *  - jobs (`list jobs`, `llist jobs`): each Bareos job name is a Custody
 *    job, the pool it wrote to the copy. Backups and copies are runs keyed
 *    by JobId; verify jobs are verifications; restores, admin jobs and the
 *    like are skipped. Volumes come from `llist jobmedia` in the same
 *    input: a run's restore point.
 *  - volumes (`list volumes`: an object of pools; `llist volumes all`,
 *    `llist media`: a list; or the text table of api mode 0) become media
 *    in their pools; a volume's InChanger flag moves it into the library
 *    or out to the shelf when Custody has it elsewhere.
 *
 * The whole input is read first; only what it names that the store does
 * not know (a volume, a job or copy without --create) fails here. */

/*
 * Jobs
 */

/* JobId -> volume ids, from the jobmedia rows: each volume must be known. */
static gboolean
find_job_media (CustodyImportContext  *ctx,
                GArray                *rows,
                GHashTable            *media,
                GError               **error)
{
  g_autoptr(GHashTable) volume_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                            g_free);

  for (guint i = 0; i < rows->len; i++)
    {
      const CustodyBareosJobMedia *row = &g_array_index (rows, CustodyBareosJobMedia, i);
      GArray *ids;
      gint64 *known, id;
      gboolean listed = FALSE;

      known = g_hash_table_lookup (volume_ids, row->volser);
      if (known != NULL)
        id = *known;
      else
        {
          g_autoptr(GError) local_error = NULL;

          id = custody_store_find_medium_id (ctx->store, row->volser, &local_error);
          if (id == 0)
            {
              g_autofree char *what = g_strdup_printf (_("jobmedia row %u"), row->index);
              return custody_tool_text_fail_at (&ctx->text, row->offset, error,
                                                _("%s: unknown volume '%s' (import Bareos' "
                                                  "volumes first: custodyctl import "
                                                  "bareos-volumes)"), what, row->volser);
            }
          g_hash_table_insert (volume_ids, g_strdup (row->volser), g_memdup2 (&id, sizeof id));
        }

      ids = g_hash_table_lookup (media, &row->jobid);
      if (ids == NULL)
        {
          ids = g_array_new (FALSE, FALSE, sizeof (gint64));
          g_hash_table_insert (media, g_memdup2 (&row->jobid, sizeof row->jobid), ids);
        }
      /* One row per file range: a volume is listed once per run. */
      for (guint j = 0; j < ids->len && !listed; j++)
        listed = g_array_index (ids, gint64, j) == id;
      if (!listed)
        g_array_append_val (ids, id);
    }

  return TRUE;
}

/* What --create makes a pool's copy: disk when its volumes are Bareos
 * "File" volumes (imported with bareos-volumes), else tape. */
static CustodyMediaType
pool_media_type (CustodyImportContext *ctx,
                 const char           *pool)
{
  sqlite3_stmt *stmt = custody_store_prepare (ctx->store,
                                              "SELECT m.type FROM media m"
                                              " JOIN pools p ON p.id = m.pool_id"
                                              " WHERE p.name = ? LIMIT 1", NULL);
  CustodyMediaType type = CUSTODY_MEDIA_TYPE_TAPE;

  if (stmt == NULL)
    return type;
  sqlite3_bind_text (stmt, 1, pool, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW &&
      g_ascii_strcasecmp (custody_sql_text (stmt, 0), "File") == 0)
    type = CUSTODY_MEDIA_TYPE_DISK;
  sqlite3_reset (stmt);
  return type;
}

/* The copy a job is of: its pool (llist jobs), else --copy. */
static gint64
find_job_copy (CustodyImportContext    *ctx,
               const CustodyBareosJob  *job,
               const char              *what,
               GHashTable              *copies,
               GError                 **error)
{
  g_autofree char *key = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *pool = job->pool;
  gpointer found;
  gint64 copy_id;

  if (pool == NULL)
    {
      if (ctx->options->copy == NULL)
        return custody_tool_text_fail_at (&ctx->text, job->offset, error,
                                          _("%s names no pool, the copy it wrote to ('list jobs' "
                                            "leaves it out): import 'llist jobs', or name the "
                                            "copy with --copy"), what);
      pool = ctx->options->copy;
    }

  key = g_strdup_printf ("%s\x1f%s", job->name, pool);
  found = g_hash_table_lookup (copies, key);
  if (found != NULL)
    return *(gint64 *) found;

  copy_id = custody_import_find_copy (ctx, job->name, pool, pool_media_type (ctx, pool),
                                      &local_error);
  if (copy_id == 0)
    return custody_tool_text_fail_at (&ctx->text, job->offset, error, "%s: %s", what,
                                      local_error->message);
  g_hash_table_insert (copies, g_steal_pointer (&key), g_memdup2 (&copy_id, sizeof copy_id));
  return copy_id;
}

static gboolean
apply_job (CustodyImportContext    *ctx,
           const CustodyBareosJob  *job,
           gint64                  *copy_id,
           GHashTable              *by_jobid,
           GHashTable              *media,
           GHashTable              *copies,
           GError                 **error)
{
  g_autofree char *what = g_strdup_printf (_("job %u (JobId %lld)"), job->index,
                                           (long long) job->jobid);
  g_autofree char *run_id = g_strdup_printf ("%" G_GINT64_FORMAT, job->jobid);
  CustodyImportRun run = { 0, };
  GArray *volumes;

  /* The copy: a verify job's is that of the job it verified, when the
   * input says which (priorjobid); else, like any job, its pool. */
  if (job->type == 'V' && job->prior_jobid > 0)
    {
      gint64 *verified = g_hash_table_lookup (by_jobid, &job->prior_jobid);

      if (verified != NULL && *verified > 0)
        *copy_id = *verified;
    }
  if (*copy_id == 0)
    *copy_id = find_job_copy (ctx, job, what, copies, error);
  if (*copy_id == 0)
    return FALSE;

  if (job->kind == CUSTODY_BAREOS_JOB_VERIFICATION)
    {
      g_autoptr(CustodyVerification) v = NULL;
      g_autofree char *source_id = NULL;

      /* A verification counts once it is over. */
      if (job->running)
        {
          ctx->result->skipped++;
          return TRUE;
        }
      v = custody_verification_new ();
      source_id = g_strdup_printf ("bareos:%s", run_id);
      v->kind = CUSTODY_VERIFY_CHECKSUM;
      v->at = job->finished;
      v->passed = job->passed;
      v->errors = job->errors;
      v->duration_s = job->duration_s;
      g_free (v->by);
      v->by = g_strdup ("bareos");
      g_free (v->note);
      v->note = g_strdup (job->message);
      return custody_import_upsert_verification (ctx, *copy_id, v, source_id, error);
    }

  run.copy_id = *copy_id;
  run.run_id = run_id;
  run.started = job->started;
  run.finished = job->finished;
  run.bytes = job->bytes;
  run.files = job->files;
  run.status = job->run_status;
  run.message = job->message;
  run.position = job->index;
  if (!job->running && !job->finish_known)
    run.flags |= CUSTODY_IMPORT_RUN_FINISH_ASSUMED;

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
  g_auto(CustodyBareosJobs) jobs = { 0, };
  g_autoptr(GHashTable) by_jobid = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) media = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                       (GDestroyNotify) g_array_unref);
  g_autoptr(GHashTable) copies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree gint64 *copy_ids = NULL;

  if (!custody_bareos_read_jobs (&ctx->text, &jobs, error))
    return FALSE;

  /* JobId -> the copy its runs went to, once found. */
  copy_ids = g_new0 (gint64, MAX (jobs.jobs->len, 1));
  for (guint i = 0; i < jobs.jobs->len; i++)
    g_hash_table_insert (by_jobid, &g_array_index (jobs.jobs, CustodyBareosJob, i).jobid,
                         &copy_ids[i]);

  if (!find_job_media (ctx, jobs.media, media, error))
    return FALSE;

  /* Backups and copies first, so that a verify job finds their copies. */
  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < jobs.jobs->len; i++)
      {
        const CustodyBareosJob *job = &g_array_index (jobs.jobs, CustodyBareosJob, i);

        if (job->kind == CUSTODY_BAREOS_JOB_SKIPPED)
          {
            if (pass == 0)
              ctx->result->skipped++;
            continue;
          }
        if ((job->type == 'V') != (pass == 1))
          continue;
        if (!apply_job (ctx, job, &copy_ids[i], by_jobid, media, copies, error))
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
  const char *named = kind == CUSTODY_LOCATION_LIBRARY ? ctx->options->library
                                                       : ctx->options->shelf;
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

  stmt = custody_store_prepare (ctx->store,
                                "SELECT id, name FROM locations WHERE kind = ? ORDER BY name",
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
  if (!custody_store_finish_steps (ctx->store, stmt, rc, error))
    return FALSE;

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
                       _("%s: unknown location '%s' (add it, or import with --create)"), option,
                       named);
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
                   _("there is no %s location to move volumes to: add one, or import with "
                     "--create"),
                   custody_location_kind_to_string (kind));
      return 0;
    }

  if (id == 0)
    {
      stmt = custody_store_prepare (ctx->store,
                                    "INSERT INTO locations (name, kind, created_at)"
                                    " VALUES (?, ?, ?)",
                                    error);
      if (stmt == NULL)
        return 0;
      sqlite3_bind_text (stmt, 1, fallback, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, custody_location_kind_to_string (kind), -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 3, custody_store_now (ctx->store));
      if (!custody_store_step_done (ctx->store, stmt, error))
        return FALSE;
      id = sqlite3_last_insert_rowid (custody_store_get_db (ctx->store));
      ctx->changed = TRUE;
      custody_import_note (ctx, _("Added location '%s' (%s)."), fallback,
                           custody_location_kind_to_string (kind));
    }

  g_hash_table_insert (cache, g_steal_pointer (&key), g_memdup2 (&id, sizeof id));
  return id;
}

/* A volume's ?1 to ?9, the same in its comparison, INSERT and UPDATE. */
static void
bind_volume (sqlite3_stmt               *stmt,
             const CustodyBareosVolume  *row,
             gint64                      pool_id,
             CustodyMediumStatus         status,
             gint64                      retention)
{
  sqlite3_bind_text (stmt, 1, row->volser, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, row->type, -1, SQLITE_STATIC);
  custody_sql_bind_id_or_null (stmt, 3, pool_id);
  sqlite3_bind_text (stmt, 4, custody_medium_status_to_string (status), -1, SQLITE_STATIC);
  custody_sql_bind_time (stmt, 5, retention);
  sqlite3_bind_int64 (stmt, 6, row->bytes);
  custody_sql_bind_time (stmt, 7, row->last_written);
  sqlite3_bind_int64 (stmt, 8, row->errors);
  sqlite3_bind_int64 (stmt, 9, row->mounts);
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
  bind_volume (stmt, row, pool_id, status, retention);
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
                                  "INSERT INTO media (volser, type, pool_id, status,"
                                  " retention_until, bytes_written, last_written, errors,"
                                  " mounts, created_at)"
                                  " VALUES (?1, ?2, ?3, ?4, ?5, max (?6, 0), ?7, max (?8, 0),"
                                  " max (?9, 0), ?10)", error);
  else if (result == CUSTODY_UPSERT_UPDATED)
    stmt = custody_store_prepare (store,
                                  "UPDATE media SET type = ?2, pool_id = coalesce (?3, pool_id),"
                                  " status = ?4, retention_until = ?5,"
                                  " bytes_written = CASE WHEN ?6 < 0 THEN bytes_written"
                                  "   ELSE ?6 END,"
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
      bind_volume (stmt, row, pool_id, status, retention);
      if (result == CUSTODY_UPSERT_ADDED)
        sqlite3_bind_int64 (stmt, 10, custody_store_now (store));
      if (!custody_store_step_done (store, stmt, error))
        return FALSE;
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
    return custody_bareos_volume_fail (&ctx->text, row, error, _("volume %s: %s"), row->volser,
                                       local_error->message);

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
    return FALSE;

  for (guint i = 0; i < volumes->len; i++)
    {
      if (!apply_volume (ctx, &g_array_index (volumes, CustodyBareosVolume, i), locations, error))
        return FALSE;
      if (i % 1024 == 1023 && g_cancellable_set_error_if_cancelled (ctx->text.cancellable, error))
        return FALSE;
    }

  return TRUE;
}
