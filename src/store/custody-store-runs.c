/* custody-store-runs.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custody-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "custody-json.h"
#include "custody-store-private.h"
#include "custody-time.h"

static const char * const latest_statuses[] = { "success", "warning", "failed" };

/*
 * Latest facts of a copy
 */

gboolean
custody_store_query_latest (CustodyStore       *self,
                            gint64              copy_id,
                            gint64              upto,
                            CustodyCopyLatest  *latest,
                            GError            **error)
{
  sqlite3_stmt *stmt;
  int rc;

  memset (latest, 0, sizeof *latest);

  /* One backwards seek on executions_latest per status. */
  stmt = custody_store_prepare (self,
                                "SELECT id, started, finished FROM executions"
                                " WHERE copy_id = ? AND status = ? AND finished <= ?"
                                " ORDER BY finished DESC LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (latest_statuses); i++)
    {
      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, copy_id);
      sqlite3_bind_text (stmt, 2, latest_statuses[i], -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 3, upto);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          latest->runs[i].id = sqlite3_column_int64 (stmt, 0);
          latest->runs[i].started = sqlite3_column_int64 (stmt, 1);
          latest->runs[i].finished = sqlite3_column_int64 (stmt, 2);
        }
      else if (rc != SQLITE_DONE)
        {
          sqlite3_reset (stmt);
          return custody_store_fail (self, rc, error);
        }
    }
  sqlite3_reset (stmt);

  /* On a tie, a failure wins, as in the engine: 'failed' sorts before
   * 'passed', so the index (copy_id, at, result) answers without a sort. */
  stmt = custody_store_prepare (self,
                                "SELECT at, result = 'passed', errors FROM verifications"
                                " WHERE copy_id = ? AND at <= ?"
                                " ORDER BY at DESC, result LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, copy_id);
  sqlite3_bind_int64 (stmt, 2, upto);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      latest->verified = TRUE;
      latest->verified_at = sqlite3_column_int64 (stmt, 0);
      latest->verified_passed = sqlite3_column_int (stmt, 1);
      latest->verified_errors = sqlite3_column_int64 (stmt, 2);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return custody_store_fail (self, rc, error);

  return TRUE;
}

static void
bind_run_ref (sqlite3_stmt        *stmt,
              int                  first,
              const CustodyRunRef *ref)
{
  if (ref->id == 0)
    {
      sqlite3_bind_null (stmt, first);
      sqlite3_bind_null (stmt, first + 1);
      sqlite3_bind_null (stmt, first + 2);
      return;
    }
  sqlite3_bind_int64 (stmt, first, ref->id);
  sqlite3_bind_int64 (stmt, first + 1, ref->started);
  sqlite3_bind_int64 (stmt, first + 2, ref->finished);
}

static gboolean
write_copy_state (CustodyStore            *self,
                  gint64                   copy_id,
                  const CustodyCopyLatest *latest,
                  gint64                   newest,
                  GError                 **error)
{
  sqlite3_stmt *stmt;

  stmt = custody_store_prepare (self,
                                "INSERT OR REPLACE INTO copy_state"
                                " (copy_id, success_id, success_started, success_finished,"
                                "  warning_id, warning_started, warning_finished,"
                                "  failed_id, failed_started, failed_finished,"
                                "  verified_at, verified_passed, verified_errors, newest)"
                                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, copy_id);
  for (guint i = 0; i < G_N_ELEMENTS (latest->runs); i++)
    bind_run_ref (stmt, 2 + 3 * i, &latest->runs[i]);
  if (latest->verified)
    {
      sqlite3_bind_int64 (stmt, 11, latest->verified_at);
      sqlite3_bind_int (stmt, 12, latest->verified_passed);
      sqlite3_bind_int64 (stmt, 13, latest->verified_errors);
    }
  sqlite3_bind_int64 (stmt, 14, newest);
  if (!custody_store_step_done (self, stmt, error))
    return FALSE;

  return TRUE;
}

gboolean
custody_store_refresh_copy_state (CustodyStore  *self,
                                  gint64         copy_id,
                                  GError       **error)
{
  CustodyCopyLatest latest;
  gint64 newest = G_MININT64;

  if (!custody_store_forget_copy_status (self, copy_id, error) ||
      !custody_store_query_latest (self, copy_id, G_MAXINT64, &latest, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (latest.runs); i++)
    if (latest.runs[i].id != 0)
      newest = MAX (newest, latest.runs[i].finished);
  if (latest.verified)
    newest = MAX (newest, latest.verified_at);

  return write_copy_state (self, copy_id, &latest, newest, error);
}

/**
 * custody_store_merge_copy_state:
 * @added: the latest of each status among runs just added to the copy
 *
 * Brings copy_state up to date after runs were only added, from the
 * state it held and the new runs alone: what a bulk import needs, where
 * reading each copy's history again would cost more than the import.
 */
gboolean
custody_store_merge_copy_state (CustodyStore             *self,
                                gint64                    copy_id,
                                const CustodyCopyLatest  *added,
                                GError                  **error)
{
  CustodyCopyLatest latest;
  sqlite3_stmt *stmt;
  gint64 newest;
  int rc;

  if (!custody_store_forget_copy_status (self, copy_id, error))
    return FALSE;

  memset (&latest, 0, sizeof latest);
  newest = G_MININT64;

  /* No row yet means no run and no verification yet: every write of
   * either keeps the row. */
  stmt = custody_store_prepare (self,
                                "SELECT success_id, success_started, success_finished,"
                                "       warning_id, warning_started, warning_finished,"
                                "       failed_id, failed_started, failed_finished,"
                                "       verified_at, verified_passed, verified_errors, newest"
                                " FROM copy_state WHERE copy_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, copy_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      for (guint i = 0; i < G_N_ELEMENTS (latest.runs); i++)
        if (sqlite3_column_type (stmt, 3 * i) != SQLITE_NULL)
          {
            latest.runs[i].id = sqlite3_column_int64 (stmt, 3 * i);
            latest.runs[i].started = sqlite3_column_int64 (stmt, 3 * i + 1);
            latest.runs[i].finished = sqlite3_column_int64 (stmt, 3 * i + 2);
          }
      latest.verified = sqlite3_column_type (stmt, 9) != SQLITE_NULL;
      latest.verified_at = sqlite3_column_int64 (stmt, 9);
      latest.verified_passed = sqlite3_column_int (stmt, 10);
      latest.verified_errors = sqlite3_column_int64 (stmt, 11);
      newest = sqlite3_column_int64 (stmt, 12);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return custody_store_fail (self, rc, error);

  for (guint i = 0; i < G_N_ELEMENTS (latest.runs); i++)
    {
      const CustodyRunRef *mine = &added->runs[i];

      if (mine->id != 0 && (latest.runs[i].id == 0 || mine->finished >= latest.runs[i].finished))
        latest.runs[i] = *mine;
      if (latest.runs[i].id != 0)
        newest = MAX (newest, latest.runs[i].finished);
    }

  return write_copy_state (self, copy_id, &latest, newest, error);
}

/*
 * Executions
 */

gboolean
custody_store_validate_execution (CustodyExecution  *e,
                                  GError           **error)
{
  if (!custody_store_check_text (e->message, error) || !custody_store_check_text (e->run_id, error))
    return FALSE;
  if (e->started == CUSTODY_TIME_NONE)
    {
      g_set_error (error, CUSTODY_STORE_ERROR, CUSTODY_STORE_ERROR_INVALID,
                   _("a run needs a start time"));
      return FALSE;
    }
  if (e->status == CUSTODY_RUN_RUNNING)
    {
      if (e->finished != CUSTODY_TIME_NONE)
        {
          g_set_error (error, CUSTODY_STORE_ERROR, CUSTODY_STORE_ERROR_INVALID,
                       _("a running run has no finish time"));
          return FALSE;
        }
    }
  else if (e->finished == CUSTODY_TIME_NONE)
    {
      g_set_error (error, CUSTODY_STORE_ERROR, CUSTODY_STORE_ERROR_INVALID,
                   _("a %s run needs a finish time (only running may omit it)"),
                   custody_run_status_to_string (e->status));
      return FALSE;
    }
  else if (e->finished < e->started)
    {
      g_autofree char *s = custody_time_format (e->started);
      g_autofree char *f = custody_time_format (e->finished);

      g_set_error (error, CUSTODY_STORE_ERROR, CUSTODY_STORE_ERROR_INVALID,
                   _("the run finished (%s) before it started (%s)"), f, s);
      return FALSE;
    }
  if (e->bytes < -1 || e->files < -1)
    {
      g_set_error (error, CUSTODY_STORE_ERROR, CUSTODY_STORE_ERROR_INVALID,
                   _("bytes and files cannot be negative"));
      return FALSE;
    }
  if (e->run_id != NULL && e->run_id[0] == '\0')
    g_clear_pointer (&e->run_id, g_free);

  return TRUE;
}

static gboolean
same_volumes (CustodyStore  *self,
              gint64         execution_id,
              GArray        *volume_ids,
              gboolean      *same,
              GError       **error)
{
  sqlite3_stmt *stmt = custody_store_prepare (self,
                                              "SELECT media_id FROM execution_volumes"
                                              " WHERE execution_id = ? ORDER BY position", error);
  guint n = 0;
  int rc;

  if (stmt == NULL)
    return FALSE;

  *same = TRUE;
  sqlite3_bind_int64 (stmt, 1, execution_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (n >= volume_ids->len ||
          g_array_index (volume_ids, gint64, n) != sqlite3_column_int64 (stmt, 0))
        *same = FALSE;
      n++;
    }
  if (!custody_store_finish_steps (self, stmt, rc, error))
    return FALSE;

  if (n != volume_ids->len)
    *same = FALSE;
  return TRUE;
}

/**
 * custody_store_note_written:
 *
 * Notes that a good run wrote to these volumes: the latest write of each,
 * for custody_store_media_mark_written().
 */
void
custody_store_note_written (GHashTable       *written,
                            CustodyRunStatus  status,
                            gint64            finished,
                            const gint64     *media_ids,
                            guint             n_media)
{
  if (status != CUSTODY_RUN_SUCCESS && status != CUSTODY_RUN_WARNING)
    return;

  for (guint i = 0; i < n_media; i++)
    {
      gint64 *latest = g_hash_table_lookup (written, &media_ids[i]);

      if (latest == NULL)
        g_hash_table_insert (written, g_memdup2 (&media_ids[i], sizeof (gint64)),
                             g_memdup2 (&finished, sizeof (gint64)));
      else
        *latest = MAX (*latest, finished);
    }
}

/* A volume written by a good run is no longer scratch: one update per
 * volume, however many runs wrote to it. */
gboolean
custody_store_media_mark_written (CustodyStore  *self,
                                  GHashTable    *written,
                                  GError       **error)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, written);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      sqlite3_stmt *stmt = custody_store_prepare (self,
                                                  "UPDATE media"
                                                  " SET last_written ="
                                                  "       max (coalesce (last_written, 0), ?),"
                                                  "     status = CASE status WHEN 'scratch'"
                                                  "              THEN 'in-use' ELSE status END"
                                                  " WHERE id = ?", error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, *(gint64 *) value);
      sqlite3_bind_int64 (stmt, 2, *(gint64 *) key);
      if (!custody_store_step_done (self, stmt, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
write_volumes (CustodyStore      *self,
               gint64             execution_id,
               gboolean           replace,
               CustodyExecution  *e,
               GArray            *volume_ids,
               GHashTable        *written,
               GError           **error)
{
  sqlite3_stmt *stmt;

  if (replace)
    {
      stmt = custody_store_prepare (self, "DELETE FROM execution_volumes WHERE execution_id = ?",
                                    error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, execution_id);
      if (!custody_store_step_done (self, stmt, error))
        return FALSE;
    }

  for (guint i = 0; i < volume_ids->len; i++)
    {
      stmt = custody_store_prepare (self,
                                    "INSERT INTO execution_volumes (execution_id, position,"
                                    " media_id) VALUES (?, ?, ?)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, execution_id);
      sqlite3_bind_int (stmt, 2, (int) i);
      sqlite3_bind_int64 (stmt, 3, g_array_index (volume_ids, gint64, i));
      if (!custody_store_step_done (self, stmt, error))
        return FALSE;
    }

  custody_store_note_written (written, e->status, e->finished, (const gint64 *) volume_ids->data,
                              volume_ids->len);
  return TRUE;
}

GHashTable *
custody_store_media_written_new (void)
{
  return g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
}

gboolean
custody_store_upsert_execution (CustodyStore         *self,
                                gint64                copy_id,
                                CustodyExecution     *e,
                                GArray               *volume_ids,
                                GHashTable           *written,
                                CustodyUpsertResult  *result,
                                GError              **error)
{
  sqlite3_stmt *stmt;
  gint64 execution_id;
  gboolean same_vols;
  int rc;

  stmt = custody_store_prepare (self,
                                "INSERT OR IGNORE INTO executions"
                                " (copy_id, started, finished, status, bytes, files, run_id,"
                                "  message) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, copy_id);
  sqlite3_bind_int64 (stmt, 2, e->started);
  custody_sql_bind_time (stmt, 3, e->finished);
  sqlite3_bind_text (stmt, 4, custody_run_status_to_string (e->status), -1, SQLITE_STATIC);
  custody_sql_bind_count (stmt, 5, e->bytes);
  custody_sql_bind_count (stmt, 6, e->files);
  custody_sql_bind_text_or_null (stmt, 7, e->run_id);
  sqlite3_bind_text (stmt, 8, e->message, -1, SQLITE_STATIC);
  if (!custody_store_step_done (self, stmt, error))
    return FALSE;

  if (sqlite3_changes (custody_store_get_db (self)) == 1)
    {
      e->id = sqlite3_last_insert_rowid (custody_store_get_db (self));
      *result = CUSTODY_UPSERT_ADDED;
      if (volume_ids->len > 0 && !write_volumes (self, e->id, FALSE, e, volume_ids, written, error))
        return FALSE;
      return TRUE;
    }

  /* Seen before: update what differs, if anything does. */
  stmt = custody_store_prepare (self,
                                "SELECT id, started IS ?2 AND finished IS ?3 AND status IS ?4"
                                " AND bytes IS ?5 AND files IS ?6 AND message IS ?8"
                                " FROM executions"
                                " WHERE copy_id = ?1 AND run_key = coalesce (?7, char (31) || ?2)",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, copy_id);
  sqlite3_bind_int64 (stmt, 2, e->started);
  custody_sql_bind_time (stmt, 3, e->finished);
  sqlite3_bind_text (stmt, 4, custody_run_status_to_string (e->status), -1, SQLITE_STATIC);
  custody_sql_bind_count (stmt, 5, e->bytes);
  custody_sql_bind_count (stmt, 6, e->files);
  custody_sql_bind_text_or_null (stmt, 7, e->run_id);
  sqlite3_bind_text (stmt, 8, e->message, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      return custody_store_fail (self, rc == SQLITE_DONE ? SQLITE_CORRUPT : rc, error);
    }
  execution_id = sqlite3_column_int64 (stmt, 0);
  *result = sqlite3_column_int (stmt, 1) ? CUSTODY_UPSERT_UNCHANGED : CUSTODY_UPSERT_UPDATED;
  sqlite3_reset (stmt);
  e->id = execution_id;

  if (!same_volumes (self, execution_id, volume_ids, &same_vols, error))
    return FALSE;

  if (*result == CUSTODY_UPSERT_UNCHANGED && same_vols)
    return TRUE;

  *result = CUSTODY_UPSERT_UPDATED;
  stmt = custody_store_prepare (self,
                                "UPDATE executions SET started = ?, finished = ?, status = ?,"
                                " bytes = ?, files = ?, message = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, e->started);
  custody_sql_bind_time (stmt, 2, e->finished);
  sqlite3_bind_text (stmt, 3, custody_run_status_to_string (e->status), -1, SQLITE_STATIC);
  custody_sql_bind_count (stmt, 4, e->bytes);
  custody_sql_bind_count (stmt, 5, e->files);
  sqlite3_bind_text (stmt, 6, e->message, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 7, execution_id);
  if (!custody_store_step_done (self, stmt, error))
    return FALSE;

  if (!same_vols && !write_volumes (self, execution_id, TRUE, e, volume_ids, written, error))
    return FALSE;

  return TRUE;
}

static GArray *
resolve_volumes (CustodyStore  *self,
                 char         **volsers,
                 GError       **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; volsers[i] != NULL; i++)
    {
      gint64 id = custody_store_find_medium_id (self, volsers[i], error);

      if (id == 0)
        return NULL;
      for (guint j = 0; j < ids->len; j++)
        if (g_array_index (ids, gint64, j) == id)
          {
            g_set_error (error, CUSTODY_STORE_ERROR, CUSTODY_STORE_ERROR_INVALID,
                         _("volume '%s' is listed twice"), volsers[i]);
            return NULL;
          }
      g_array_append_val (ids, id);
    }

  return g_steal_pointer (&ids);
}

/**
 * custody_store_record_execution:
 * @added: (out) (optional): whether the run was new
 *
 * Records one run of a job into a copy. A run already recorded (same run
 * id, or same start when there is none) is updated, never duplicated.
 */
gboolean
custody_store_record_execution (CustodyStore      *self,
                                CustodyExecution  *e,
                                gboolean          *added,
                                GError           **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(GArray) volume_ids = NULL;
  g_autoptr(GHashTable) written = custody_store_media_written_new ();
  g_autofree char *entity = NULL;
  CustodyUpsertResult result;
  gint64 copy_id;

  g_return_val_if_fail (CUSTODY_IS_STORE (self), FALSE);
  g_return_val_if_fail (CUSTODY_IS_EXECUTION (e), FALSE);

  if (!custody_store_validate_execution (e, error))
    return FALSE;

  locker = g_mutex_locker_new (custody_store_get_mutex (self));

  if (!custody_store_write_begin (self, error))
    return FALSE;

  copy_id = custody_store_find_job_copy_id (self, e->job, e->copy, error);
  if (copy_id == 0)
    goto fail;
  volume_ids = resolve_volumes (self, e->volumes, error);
  if (volume_ids == NULL)
    goto fail;

  if (!custody_store_upsert_execution (self, copy_id, e, volume_ids, written, &result, error) ||
      !custody_store_media_mark_written (self, written, error) ||
      !custody_store_refresh_copy_state (self, copy_id, error))
    goto fail;

  if (added != NULL)
    *added = result == CUSTODY_UPSERT_ADDED;

  if (result == CUSTODY_UPSERT_UNCHANGED)
    {
      custody_store_write_rollback (self);
      return TRUE;
    }

  entity = g_strdup_printf ("execution:%s/%s/%" G_GINT64_FORMAT, e->job, e->copy, e->id);
  return custody_store_write_commit (self,
                                     result == CUSTODY_UPSERT_ADDED ? "execution.add"
                                                                    : "execution.update",
                                     entity, NULL, custody_json_execution (e), error);

fail:
  custody_store_write_rollback (self);
  return FALSE;
}

static GPtrArray *
load_execution_volumes (CustodyStore  *self,
                        gint64         execution_id,
                        GError       **error)
{
  g_autoptr(GPtrArray) volsers = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = custody_store_prepare (self,
                                "SELECT m.volser FROM execution_volumes ev"
                                " JOIN media m ON m.id = ev.media_id"
                                " WHERE ev.execution_id = ? ORDER BY ev.position", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, execution_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (volsers, g_strdup (custody_sql_text (stmt, 0)));
  if (!custody_store_finish_steps (self, stmt, rc, error))
    return NULL;
  g_ptr_array_add (volsers, NULL);

  return g_steal_pointer (&volsers);
}

/**
 * custody_store_execution_from_row:
 *
 * Makes a run of a row of CUSTODY_EXECUTION_COLUMNS_OF: id, job, copy,
 * started, finished, status, bytes, files, run id and message.
 */
CustodyExecution *
custody_store_execution_from_row (sqlite3_stmt *stmt)
{
  CustodyExecution *e = custody_execution_new ();

  e->id = sqlite3_column_int64 (stmt, 0);
  e->job = g_strdup (custody_sql_text (stmt, 1));
  e->copy = g_strdup (custody_sql_text (stmt, 2));
  e->started = sqlite3_column_int64 (stmt, 3);
  e->finished = custody_sql_time (stmt, 4);
  custody_run_status_from_string (custody_sql_text (stmt, 5), &e->status);
  e->bytes = sqlite3_column_type (stmt, 6) == SQLITE_NULL ? -1 : sqlite3_column_int64 (stmt, 6);
  e->files = sqlite3_column_type (stmt, 7) == SQLITE_NULL ? -1 : sqlite3_column_int64 (stmt, 7);
  g_free (e->run_id);
  e->run_id = custody_sql_dup_or_null (stmt, 8);
  g_free (e->message);
  e->message = g_strdup (custody_sql_text (stmt, 9));
  return e;
}

/**
 * custody_store_list_executions:
 * @job: the job
 * @offset: skip this many of the newest
 * @limit: at most this many
 *
 * The job's runs, newest started first, a page at a time: fine with a
 * million of them.
 */
GPtrArray *
custody_store_list_executions (CustodyStore  *self,
                               const char    *job,
                               guint          offset,
                               guint          limit,
                               GError       **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(GPtrArray) runs = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  gint64 job_id;

  g_return_val_if_fail (CUSTODY_IS_STORE (self), NULL);

  locker = g_mutex_locker_new (custody_store_get_mutex (self));

  job_id = custody_store_find_job_id (self, job, error);
  if (job_id == 0)
    return NULL;

  /* Newest first by (started, id): a total order, so pages neither repeat
   * nor skip a run. */
  stmt = custody_store_prepare (self,
                                "SELECT " CUSTODY_EXECUTION_COLUMNS_OF ("?5")
                                " FROM copies c JOIN executions e ON e.copy_id = c.id"
                                " WHERE c.job_id = ?1 AND coalesce (e.finished, e.started) <= ?2"
                                " ORDER BY e.started DESC, e.id DESC LIMIT ?4 OFFSET ?3", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, job_id);
  sqlite3_bind_int64 (stmt, 2, custody_store_now (self));
  sqlite3_bind_int64 (stmt, 3, offset);
  sqlite3_bind_int (stmt, 4, (int) MIN (limit, G_MAXINT));
  sqlite3_bind_text (stmt, 5, job, -1, SQLITE_STATIC);

  if (!custody_store_collect_rows (self, stmt, (CustodyRowReader) custody_store_execution_from_row,
                                   runs, error))
    return NULL;

  for (guint i = 0; i < runs->len; i++)
    {
      CustodyExecution *e = g_ptr_array_index (runs, i);
      GPtrArray *volsers = load_execution_volumes (self, e->id, error);

      if (volsers == NULL)
        return NULL;
      g_strfreev (e->volumes);
      e->volumes = (char **) g_ptr_array_free (volsers, FALSE);
    }

  return g_steal_pointer (&runs);
}

gint64
custody_store_count_executions (CustodyStore  *self,
                                const char    *job,
                                GError       **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;
  gint64 job_id, count = -1;
  int rc;

  g_return_val_if_fail (CUSTODY_IS_STORE (self), -1);

  locker = g_mutex_locker_new (custody_store_get_mutex (self));

  job_id = custody_store_find_job_id (self, job, error);
  if (job_id == 0)
    return -1;

  stmt = custody_store_prepare (self,
                                "SELECT count(*) FROM copies c"
                                " JOIN executions e ON e.copy_id = c.id"
                                " WHERE c.job_id = ? AND coalesce (e.finished, e.started) <= ?",
                                error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, job_id);
  sqlite3_bind_int64 (stmt, 2, custody_store_now (self));
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  else
    custody_store_fail (self, rc, error);
  sqlite3_reset (stmt);

  return count;
}

/**
 * custody_store_list_recent_failures:
 * @limit: at most this many
 *
 * The newest failed runs of every job, newest first.
 */
GPtrArray *
custody_store_list_recent_failures (CustodyStore  *self,
                                    guint          limit,
                                    GError       **error)
{
  return custody_store_list_recent_failures_at (self, limit, CUSTODY_TIME_NONE, error);
}

/* The latest @limit failed runs that had finished at @at (CUSTODY_TIME_NONE:
 * now), newest first. */
GPtrArray *
custody_store_list_recent_failures_at (CustodyStore  *self,
                                       guint          limit,
                                       gint64         at,
                                       GError       **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(GPtrArray) runs = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CUSTODY_IS_STORE (self), NULL);

  locker = g_mutex_locker_new (custody_store_get_mutex (self));

  stmt = custody_store_prepare (self,
                                "SELECT e.id, j.name, c.name, e.started, e.finished, e.message"
                                " FROM executions e JOIN copies c ON c.id = e.copy_id"
                                " JOIN jobs j ON j.id = c.job_id"
                                " WHERE e.status = 'failed' AND e.finished <= ?"
                                " ORDER BY e.finished DESC LIMIT ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, at != CUSTODY_TIME_NONE ? at : custody_store_now (self));
  sqlite3_bind_int (stmt, 2, (int) MIN (limit, G_MAXINT));

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CustodyExecution *e = custody_execution_new ();

      e->id = sqlite3_column_int64 (stmt, 0);
      e->job = g_strdup (custody_sql_text (stmt, 1));
      e->copy = g_strdup (custody_sql_text (stmt, 2));
      e->started = sqlite3_column_int64 (stmt, 3);
      e->finished = sqlite3_column_int64 (stmt, 4);
      e->status = CUSTODY_RUN_FAILED;
      g_free (e->message);
      e->message = g_strdup (custody_sql_text (stmt, 5));
      g_ptr_array_add (runs, e);
    }
  if (!custody_store_finish_steps (self, stmt, rc, error))
    return NULL;

  return g_steal_pointer (&runs);
}

/*
 * Verifications
 */

gboolean
custody_store_add_verification (CustodyStore         *self,
                                CustodyVerification  *v,
                                GError              **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autofree char *entity = NULL;
  sqlite3_stmt *stmt;
  gint64 copy_id;

  g_return_val_if_fail (CUSTODY_IS_STORE (self), FALSE);
  g_return_val_if_fail (CUSTODY_IS_VERIFICATION (v), FALSE);

  if (v->errors < 0)
    {
      g_set_error (error, CUSTODY_STORE_ERROR, CUSTODY_STORE_ERROR_INVALID,
                   _("the error count cannot be negative"));
      return FALSE;
    }
  if (!custody_store_check_name (v->by, FALSE, error) || !custody_store_check_text (v->note, error))
    return FALSE;

  locker = g_mutex_locker_new (custody_store_get_mutex (self));

  if (!custody_store_write_begin (self, error))
    return FALSE;

  copy_id = custody_store_find_job_copy_id (self, v->job, v->copy, error);
  if (copy_id == 0)
    goto fail;

  if (v->at == CUSTODY_TIME_NONE)
    v->at = custody_store_now (self);

  stmt = custody_store_prepare (self,
                                "INSERT INTO verifications (copy_id, kind, at, result, errors,"
                                "                           duration_s, by, note)"
                                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, copy_id);
  sqlite3_bind_text (stmt, 2, custody_verify_kind_to_string (v->kind), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, v->at);
  sqlite3_bind_text (stmt, 4, v->passed ? "passed" : "failed", -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, v->errors);
  custody_sql_bind_count (stmt, 6, v->duration_s);
  sqlite3_bind_text (stmt, 7, v->by, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, v->note, -1, SQLITE_STATIC);
  if (!custody_store_step_done (self, stmt, error))
    goto fail;
  v->id = sqlite3_last_insert_rowid (custody_store_get_db (self));

  if (!custody_store_refresh_copy_state (self, copy_id, error))
    goto fail;

  entity = g_strdup_printf ("verification:%s/%s/%" G_GINT64_FORMAT, v->job, v->copy, v->id);
  return custody_store_write_commit (self, "verification.add", entity, NULL,
                                     custody_json_verification (v), error);

fail:
  custody_store_write_rollback (self);
  return FALSE;
}

GPtrArray *
custody_store_list_verifications (CustodyStore  *self,
                                  const char    *job,
                                  GError       **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  gint64 job_id;
  int rc;

  g_return_val_if_fail (CUSTODY_IS_STORE (self), NULL);

  locker = g_mutex_locker_new (custody_store_get_mutex (self));

  job_id = custody_store_find_job_id (self, job, error);
  if (job_id == 0)
    return NULL;

  stmt = custody_store_prepare (self,
                                "SELECT v.id, c.name, v.kind, v.at, v.result, v.errors,"
                                "       v.duration_s, v.by, v.note"
                                " FROM copies c JOIN verifications v ON v.copy_id = c.id"
                                " WHERE c.job_id = ? AND v.at <= ? ORDER BY v.at DESC, v.id DESC",
                                error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, job_id);
  sqlite3_bind_int64 (stmt, 2, custody_store_now (self));

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CustodyVerification *v = custody_verification_new ();

      v->id = sqlite3_column_int64 (stmt, 0);
      v->job = g_strdup (job);
      v->copy = g_strdup (custody_sql_text (stmt, 1));
      custody_verify_kind_from_string (custody_sql_text (stmt, 2), &v->kind);
      v->at = sqlite3_column_int64 (stmt, 3);
      v->passed = g_str_equal (custody_sql_text (stmt, 4), "passed");
      v->errors = sqlite3_column_int64 (stmt, 5);
      v->duration_s = sqlite3_column_type (stmt, 6) == SQLITE_NULL ? -1
                      : sqlite3_column_int64 (stmt, 6);
      g_free (v->by);
      v->by = g_strdup (custody_sql_text (stmt, 7));
      g_free (v->note);
      v->note = g_strdup (custody_sql_text (stmt, 8));
      g_ptr_array_add (list, v);
    }
  if (!custody_store_finish_steps (self, stmt, rc, error))
    return NULL;

  return g_steal_pointer (&list);
}
