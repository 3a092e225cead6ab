/* custody-store-jobs.c
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

#define JOB_COLUMNS "j.id, j.name, j.source, j.owner, j.rpo_hours, j.verify_days, j.tags," \
                    " j.created_at"
/* Every job that exists at the store's clock, by name. */
#define LIST_JOBS_SQL "SELECT " JOB_COLUMNS " FROM jobs j WHERE j.created_at <= ? ORDER BY j.name"
#define COPY_COLUMNS \
  "c.id, c.job_id, j.name, c.name, c.media_type, l.name, l.kind, c.immutable, c.air_gapped," \
  " c.retention_days, c.created_at"

static CustodyJob *
job_from_row (sqlite3_stmt *stmt)
{
  CustodyJob *job = custody_job_new ();

  job->id = sqlite3_column_int64 (stmt, 0);
  g_free (job->name);
  job->name = g_strdup (custody_sql_text (stmt, 1));
  g_free (job->source);
  job->source = g_strdup (custody_sql_text (stmt, 2));
  g_free (job->owner);
  job->owner = g_strdup (custody_sql_text (stmt, 3));
  job->rpo_hours = sqlite3_column_int64 (stmt, 4);
  job->verify_days = sqlite3_column_int64 (stmt, 5);
  g_free (job->tags);
  job->tags = g_strdup (custody_sql_text (stmt, 6));
  job->created_at = sqlite3_column_int64 (stmt, 7);

  return job;
}

static CustodyCopy *
copy_from_row (sqlite3_stmt *stmt)
{
  CustodyCopy *copy = custody_copy_new ();

  copy->id = sqlite3_column_int64 (stmt, 0);
  copy->job_id = sqlite3_column_int64 (stmt, 1);
  copy->job = g_strdup (custody_sql_text (stmt, 2));
  copy->name = g_strdup (custody_sql_text (stmt, 3));
  custody_media_type_from_string (custody_sql_text (stmt, 4), &copy->media_type);
  copy->location = custody_sql_dup_or_null (stmt, 5);
  if (copy->location != NULL)
    custody_location_kind_from_string (custody_sql_text (stmt, 6), &copy->location_kind);
  copy->immutable = sqlite3_column_int (stmt, 7);
  copy->air_gapped = sqlite3_column_int (stmt, 8);
  copy->retention_days = sqlite3_column_int64 (stmt, 9);
  copy->created_at = sqlite3_column_int64 (stmt, 10);

  return copy;
}

/* @old_name: what the job is called now, or %NULL for a new job */
static gboolean
validate_job (CustodyJob  *job,
              const char  *old_name,
              GError     **error)
{
  if (job->name == NULL || job->name[0] == '\0')
    {
      g_set_error (error, CUSTODY_STORE_ERROR, CUSTODY_STORE_ERROR_INVALID,
                   _("a job needs a name"));
      return FALSE;
    }
  if (!custody_store_check_name (job->name, g_strcmp0 (job->name, old_name) != 0, error) ||
      !custody_store_check_text (job->source, error) ||
      !custody_store_check_text (job->owner, error) ||
      !custody_store_check_text (job->tags, error))
    return FALSE;
  if (job->rpo_hours <= 0 || job->rpo_hours > 24 * 3660)
    {
      g_set_error (error, CUSTODY_STORE_ERROR, CUSTODY_STORE_ERROR_INVALID,
                   _("the RPO of job '%s' must be from 1 to 87840 hours, not %lld"),
                   job->name, (long long) job->rpo_hours);
      return FALSE;
    }
  if (job->verify_days <= 0 || job->verify_days > 3660)
    {
      g_set_error (error, CUSTODY_STORE_ERROR, CUSTODY_STORE_ERROR_INVALID,
                   _("the verification window of job '%s' must be from 1 to 3660 days, not %lld"),
                   job->name, (long long) job->verify_days);
      return FALSE;
    }
  return TRUE;
}

static CustodyJob *
load_job (CustodyStore  *self,
          const char    *name,
          GError       **error)
{
  sqlite3_stmt *stmt;
  CustodyJob *job = NULL;
  int rc;

  stmt = custody_store_prepare (self,
                                "SELECT " JOB_COLUMNS " FROM jobs j"
                                " WHERE j.name = ? AND j.created_at <= ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, custody_store_now (self));
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    job = job_from_row (stmt);
  else if (rc == SQLITE_DONE)
    g_set_error (error, CUSTODY_STORE_ERROR, CUSTODY_STORE_ERROR_NOT_FOUND,
                 _("unknown job '%s'"), name);
  else
    custody_store_fail (self, rc, error);
  sqlite3_reset (stmt);

  return job;
}

static GPtrArray *
load_copies (CustodyStore  *self,
             const char    *job,
             GError       **error)
{
  g_autoptr(GPtrArray) copies = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;

  stmt = custody_store_prepare (self,
                                "SELECT " COPY_COLUMNS " FROM copies c"
                                " JOIN jobs j ON j.id = c.job_id"
                                " LEFT JOIN locations l ON l.id = c.location_id"
                                " WHERE j.name = ? AND c.created_at <= ? ORDER BY c.name", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, job, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, custody_store_now (self));

  if (!custody_store_collect_rows (self, stmt, (CustodyRowReader) copy_from_row, copies, error))
    return NULL;

  return g_steal_pointer (&copies);
}

static void
bind_job (sqlite3_stmt *stmt,
          CustodyJob   *job)
{
  sqlite3_bind_text (stmt, 1, job->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, job->source, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, job->owner, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, job->rpo_hours);
  sqlite3_bind_int64 (stmt, 5, job->verify_days);
  sqlite3_bind_text (stmt, 6, job->tags, -1, SQLITE_STATIC);
}

gboolean
custody_store_add_job (CustodyStore  *self,
                       CustodyJob    *job,
                       GError       **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autofree char *entity = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CUSTODY_IS_STORE (self), FALSE);
  g_return_val_if_fail (CUSTODY_IS_JOB (job), FALSE);

  if (!validate_job (job, NULL, error))
    return FALSE;

  locker = g_mutex_locker_new (custody_store_get_mutex (self));

  if (!custody_store_write_begin (self, error))
    return FALSE;

  job->created_at = custody_store_now (self);
  stmt = custody_store_prepare (self,
                                "INSERT INTO jobs (name, source, owner, rpo_hours, verify_days,"
                                "                  tags, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                                error);
  if (stmt == NULL)
    goto fail;
  bind_job (stmt, job);
  sqlite3_bind_int64 (stmt, 7, job->created_at);
  if (!custody_store_step_unique (self, stmt, error,
                                  _("job '%s' already exists"), job->name))
    goto fail;
  job->id = sqlite3_last_insert_rowid (custody_store_get_db (self));

  entity = g_strconcat ("job:", job->name, NULL);
  return custody_store_write_commit (self, "job.add", entity, NULL,
                                     custody_json_job (job, NULL), error);

fail:
  custody_store_write_rollback (self);
  return FALSE;
}

gboolean
custody_store_update_job (CustodyStore  *self,
                          const char    *name,
                          CustodyJob    *job,
                          GError       **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(CustodyJob) before = NULL;
  g_autofree char *entity = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CUSTODY_IS_STORE (self), FALSE);
  g_return_val_if_fail (CUSTODY_IS_JOB (job), FALSE);

  if (!validate_job (job, name, error))
    return FALSE;

  locker = g_mutex_locker_new (custody_store_get_mutex (self));

  if (!custody_store_write_begin (self, error))
    return FALSE;

  before = load_job (self, name, error);
  if (before == NULL)
    goto fail;

  stmt = custody_store_prepare (self,
                                "UPDATE jobs SET name = ?, source = ?, owner = ?, rpo_hours = ?,"
                                " verify_days = ?, tags = ? WHERE id = ?", error);
  if (stmt == NULL)
    goto fail;
  bind_job (stmt, job);
  sqlite3_bind_int64 (stmt, 7, before->id);
  if (!custody_store_step_unique (self, stmt, error,
                                  _("job '%s' already exists"), job->name))
    goto fail;
  job->id = before->id;
  job->created_at = before->created_at;
  if (!custody_store_forget_job_status (self, job->id, error))
    goto fail;

  entity = g_strconcat ("job:", name, NULL);
  return custody_store_write_commit (self, "job.update", entity, custody_json_job (before, NULL),
                                     custody_json_job (job, NULL), error);

fail:
  custody_store_write_rollback (self);
  return FALSE;
}

gboolean
custody_store_remove_job (CustodyStore  *self,
                          const char    *name,
                          GError       **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(CustodyJob) before = NULL;
  g_autoptr(GPtrArray) copies = NULL;
  g_autofree char *entity = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CUSTODY_IS_STORE (self), FALSE);

  locker = g_mutex_locker_new (custody_store_get_mutex (self));

  if (!custody_store_write_begin (self, error))
    return FALSE;

  before = load_job (self, name, error);
  if (before == NULL)
    goto fail;
  copies = load_copies (self, name, error);
  if (copies == NULL)
    goto fail;

  /* Its copies, executions, verifications and copy state go with it
   * (ON DELETE CASCADE). */
  stmt = custody_store_prepare (self, "DELETE FROM jobs WHERE id = ?", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, before->id);
  if (!custody_store_step_done (self, stmt, error))
    goto fail;

  entity = g_strconcat ("job:", name, NULL);
  return custody_store_write_commit (self, "job.remove", entity,
                                     custody_json_job (before, copies), NULL, error);

fail:
  custody_store_write_rollback (self);
  return FALSE;
}

static gboolean
attach_verdict (CustodyStore  *self,
                CustodyJob    *job,
                GError       **error);

CustodyJob *
custody_store_get_job (CustodyStore  *self,
                       const char    *name,
                       GError       **error)
{
  g_autoptr(CustodyJob) job = NULL;

  g_return_val_if_fail (CUSTODY_IS_STORE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  {
    STORE_LOCK (self);
    job = load_job (self, name, error);
  }

  if (job == NULL || !attach_verdict (self, job, error))
    return NULL;

  return g_steal_pointer (&job);
}

static gboolean
attach_verdict (CustodyStore  *self,
                CustodyJob    *job,
                GError       **error)
{
  const char *names[] = { job->name, NULL };
  g_autoptr(GPtrArray) verdicts = custody_store_evaluate (self, names, error);

  if (verdicts == NULL)
    return FALSE;
  if (verdicts->len == 1)
    job->verdict = custody_verdict_ref (g_ptr_array_index (verdicts, 0));

  return TRUE;
}

GPtrArray *
custody_store_list_jobs (CustodyStore  *self,
                         gboolean       with_verdicts,
                         GError       **error)
{
  g_autoptr(GPtrArray) jobs = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) verdicts = NULL;
  g_autoptr(GHashTable) by_name = NULL;

  g_return_val_if_fail (CUSTODY_IS_STORE (self), NULL);

  {
    STORE_LOCK (self);
    sqlite3_stmt *stmt = custody_store_prepare (self, LIST_JOBS_SQL, error);
    if (stmt == NULL)
      return NULL;
    sqlite3_bind_int64 (stmt, 1, custody_store_now (self));

    if (!custody_store_collect_rows (self, stmt, (CustodyRowReader) job_from_row, jobs, error))
      return NULL;
  }

  if (!with_verdicts)
    return g_steal_pointer (&jobs);

  verdicts = custody_store_evaluate (self, NULL, error);
  if (verdicts == NULL)
    return NULL;

  by_name = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < verdicts->len; i++)
    {
      CustodyVerdict *v = g_ptr_array_index (verdicts, i);
      g_hash_table_insert (by_name, v->job, v);
    }
  for (guint i = 0; i < jobs->len; i++)
    {
      CustodyJob *job = g_ptr_array_index (jobs, i);
      CustodyVerdict *v = g_hash_table_lookup (by_name, job->name);

      if (v != NULL)
        job->verdict = custody_verdict_ref (v);
    }

  return g_steal_pointer (&jobs);
}

/* The audit head: it moves with every write to the facts. */
static gboolean
read_head (CustodyStore  *self,
           gint64        *head,
           GError       **error)
{
  sqlite3_stmt *stmt = custody_store_prepare (self, "SELECT coalesce (max (id), 0) FROM audit",
                                              error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  *head = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    return custody_store_fail (self, rc, error);
  return TRUE;
}

/* The statuses kept in job_state that still hold at @now, by job id.
 * None may be used, or kept, while facts are dated after @now: they will
 * change verdicts when their time comes, which happens when the clock is
 * set back to judge the past. */
static GHashTable *
read_kept_statuses (CustodyStore  *self,
                    gint64         now,
                    gboolean      *keepable,
                    GError       **error)
{
  g_autoptr(GHashTable) kept = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  sqlite3_stmt *stmt;
  gboolean future = TRUE;
  int rc;

  stmt = custody_store_prepare (self,
                                "SELECT (SELECT coalesce (max (newest), 0) FROM copy_state) > ?1"
                                "    OR (SELECT coalesce (max (at), 0) FROM movements) > ?1"
                                "    OR (SELECT coalesce (max (created_at), 0) FROM copies) > ?1",
                                error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, now);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    future = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      custody_store_fail (self, rc, error);
      return NULL;
    }
  *keepable = !future;
  if (future)
    return g_steal_pointer (&kept);

  stmt = custody_store_prepare (self,
                                "SELECT job_id, status FROM job_state"
                                " WHERE evaluated_at <= ?1 AND stable_until > ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, now);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      const char *status = custody_sql_text (stmt, 1);
      int value = g_str_equal (status, "violation") ? CUSTODY_STATUS_VIOLATION
                : g_str_equal (status, "at-risk") ? CUSTODY_STATUS_AT_RISK
                : CUSTODY_STATUS_COMPLIANT;

      g_hash_table_insert (kept, g_memdup2 (&id, sizeof id), GINT_TO_POINTER (value + 1));
    }
  if (!custody_store_finish_steps (self, stmt, rc, error))
    return NULL;

  return g_steal_pointer (&kept);
}

/* Keeps fresh statuses for the next reader, if nothing was written since
 * they were judged and no other program is writing now. A cache: it is
 * not audited, and not keeping it only costs time. */
typedef struct
{
  gint64          job_id;
  CustodyVerdict *verdict;
} Judged;

static void
keep_statuses (CustodyStore *self,
               GArray       *judged,
               gint64        judged_head,
               gint64        now)
{
  sqlite3 *db = custody_store_get_db (self);
  sqlite3_stmt *stmt;
  gint64 head = -1;

  if (custody_store_get_read_only (self))
    return;

  sqlite3_busy_timeout (db, 0);
  if (sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
    {
      custody_store_restore_busy_timeout (self);
      return;
    }
  custody_store_restore_busy_timeout (self);

  if (!read_head (self, &head, NULL) || head != judged_head)
    {
      custody_store_write_rollback (self);
      return;
    }

  for (guint i = 0; i < judged->len; i++)
    {
      const Judged *j = &g_array_index (judged, Judged, i);

      stmt = custody_store_prepare (self,
                                    "INSERT OR REPLACE INTO job_state (job_id, status,"
                                    " evaluated_at, stable_until) VALUES (?, ?, ?, ?)", NULL);
      if (stmt == NULL)
        break;
      sqlite3_bind_int64 (stmt, 1, j->job_id);
      sqlite3_bind_text (stmt, 2, custody_status_to_string (j->verdict->status), -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 3, now);
      sqlite3_bind_int64 (stmt, 4, j->verdict->stable_until);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        {
          sqlite3_reset (stmt);
          custody_store_write_rollback (self);
          return;
        }
      sqlite3_reset (stmt);
    }

  if (sqlite3_exec (db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
    custody_store_write_rollback (self);
}

void
custody_job_statuses_free (CustodyJobStatuses *statuses)
{
  if (statuses == NULL)
    return;

  g_array_unref (statuses->jobs);
  g_string_chunk_free (statuses->text);
  g_free (statuses);
}

static CustodyJobStatuses *
read_job_statuses (CustodyStore  *self,
                   GError       **error)
{
  g_autoptr(CustodyJobStatuses) statuses = g_new0 (CustodyJobStatuses, 1);
  STORE_LOCK (self);
  sqlite3_stmt *stmt;
  int rc;

  statuses->jobs = g_array_new (FALSE, FALSE, sizeof (CustodyJobStatus));
  statuses->text = g_string_chunk_new (64 * 1024);

  stmt = custody_store_prepare (self, LIST_JOBS_SQL, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, custody_store_now (self));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CustodyJobStatus job = {
        .id = sqlite3_column_int64 (stmt, 0),
        .name = g_string_chunk_insert (statuses->text, custody_sql_text (stmt, 1)),
        .source = g_string_chunk_insert (statuses->text, custody_sql_text (stmt, 2)),
        .owner = g_string_chunk_insert (statuses->text, custody_sql_text (stmt, 3)),
        .rpo_hours = sqlite3_column_int64 (stmt, 4),
        .verify_days = sqlite3_column_int64 (stmt, 5),
        .tags = g_string_chunk_insert (statuses->text, custody_sql_text (stmt, 6)),
        .created_at = sqlite3_column_int64 (stmt, 7),
        .status = -1,
      };

      g_array_append_val (statuses->jobs, job);
    }
  if (!custody_store_finish_steps (self, stmt, rc, error))
    return NULL;

  return g_steal_pointer (&statuses);
}

/**
 * custody_store_list_jobs_with_status:
 *
 * Every job by name with its status only, fast, as `job list` shows them:
 * a status kept in job_state is used while nothing the job depends on has
 * changed and time alone cannot have changed it; the others are judged
 * again, and kept for the next reader.
 */
CustodyJobStatuses *
custody_store_list_jobs_with_status (CustodyStore  *self,
                                     GError       **error)
{
  g_autoptr(CustodyJobStatuses) statuses = NULL;
  g_autoptr(GHashTable) kept = NULL;
  g_autoptr(GPtrArray) stale = NULL;
  g_autoptr(GPtrArray) verdicts = NULL;
  g_autoptr(GHashTable) by_name = NULL;
  g_autoptr(GArray) judged = NULL;
  g_autoptr(GMutexLocker) locker = NULL;
  gint64 now, head_before = 0, head_after = -1;
  gboolean keepable = FALSE;
  GArray *jobs;

  g_return_val_if_fail (CUSTODY_IS_STORE (self), NULL);

  statuses = read_job_statuses (self, error);
  if (statuses == NULL)
    return NULL;
  jobs = statuses->jobs;

  locker = g_mutex_locker_new (custody_store_get_mutex (self));
  now = custody_store_now (self);
  if (!custody_store_exec (self, "BEGIN", error))
    return NULL;
  if (read_head (self, &head_before, error))
    kept = read_kept_statuses (self, now, &keepable, error);
  sqlite3_exec (custody_store_get_db (self), "COMMIT", NULL, NULL, NULL);
  if (kept == NULL)
    return NULL;
  g_clear_pointer (&locker, g_mutex_locker_free);

  stale = g_ptr_array_new ();
  for (guint i = 0; i < jobs->len; i++)
    {
      CustodyJobStatus *job = &g_array_index (jobs, CustodyJobStatus, i);

      job->status = GPOINTER_TO_INT (g_hash_table_lookup (kept, &job->id)) - 1;
      if (job->status < 0)
        g_ptr_array_add (stale, (gpointer) job->name);
    }

  if (stale->len == 0)
    return g_steal_pointer (&statuses);

  /* Judge the others: all of them at once when most are stale. */
  g_ptr_array_add (stale, NULL);
  verdicts = custody_store_evaluate_at (self,
                                        stale->len > jobs->len / 2 ? NULL
                                                                   : (const char * const *)
                                                                     stale->pdata,
                                        now, error);
  if (verdicts == NULL)
    return NULL;

  by_name = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < verdicts->len; i++)
    {
      CustodyVerdict *v = g_ptr_array_index (verdicts, i);
      g_hash_table_insert (by_name, v->job, v);
    }
  judged = g_array_new (FALSE, FALSE, sizeof (Judged));
  for (guint i = 0; i < jobs->len; i++)
    {
      CustodyJobStatus *job = &g_array_index (jobs, CustodyJobStatus, i);
      CustodyVerdict *v;

      if (job->status >= 0)
        continue;
      v = g_hash_table_lookup (by_name, job->name);
      if (v != NULL)
        {
          Judged j = { job->id, v };

          job->status = (int) v->status;
          g_array_append_val (judged, j);
        }
    }

  locker = g_mutex_locker_new (custody_store_get_mutex (self));
  if (keepable && read_head (self, &head_after, NULL) && head_after == head_before)
    keep_statuses (self, judged, head_before, now);

  return g_steal_pointer (&statuses);
}

/* Copies */

/* @old_name: what the copy is called now, or %NULL for a new copy */
static gboolean
validate_copy (CustodyCopy  *copy,
               const char   *old_name,
               GError      **error)
{
  if (copy->name == NULL || copy->name[0] == '\0')
    {
      g_set_error (error, CUSTODY_STORE_ERROR, CUSTODY_STORE_ERROR_INVALID,
                   _("a copy needs a name"));
      return FALSE;
    }
  if (!custody_store_check_name (copy->name, g_strcmp0 (copy->name, old_name) != 0, error))
    return FALSE;
  if ((guint) copy->media_type >= CUSTODY_N_MEDIA_TYPES)
    {
      g_set_error (error, CUSTODY_STORE_ERROR, CUSTODY_STORE_ERROR_INVALID,
                   _("copy '%s' has no valid media type"), copy->name);
      return FALSE;
    }
  if (copy->retention_days < 0)
    {
      g_set_error (error, CUSTODY_STORE_ERROR, CUSTODY_STORE_ERROR_INVALID,
                   _("the retention of copy '%s' cannot be negative"), copy->name);
      return FALSE;
    }
  return TRUE;
}

/* Binds the copy's own columns to parameters 1-6 and fills in the
 * location's kind. */
static gboolean
bind_copy (CustodyStore  *self,
           sqlite3_stmt  *stmt,
           CustodyCopy   *copy,
           GError       **error)
{
  gint64 location_id = 0;

  if (copy->location != NULL && copy->location[0] != '\0')
    {
      location_id = custody_store_find_location_id (self, copy->location, error);
      if (location_id == 0)
        return FALSE;
    }

  sqlite3_bind_text (stmt, 1, copy->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, custody_media_type_to_string (copy->media_type), -1, SQLITE_STATIC);
  custody_sql_bind_id_or_null (stmt, 3, location_id);
  sqlite3_bind_int (stmt, 4, copy->immutable ? 1 : 0);
  sqlite3_bind_int (stmt, 5, copy->air_gapped ? 1 : 0);
  sqlite3_bind_int64 (stmt, 6, copy->retention_days);

  return TRUE;
}

gboolean
custody_store_add_copy (CustodyStore  *self,
                        CustodyCopy   *copy,
                        GError       **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autofree char *entity = NULL;
  sqlite3_stmt *stmt;
  gint64 job_id;

  g_return_val_if_fail (CUSTODY_IS_STORE (self), FALSE);
  g_return_val_if_fail (CUSTODY_IS_COPY (copy), FALSE);
  g_return_val_if_fail (copy->job != NULL, FALSE);

  if (!validate_copy (copy, NULL, error))
    return FALSE;

  locker = g_mutex_locker_new (custody_store_get_mutex (self));

  if (!custody_store_write_begin (self, error))
    return FALSE;

  job_id = custody_store_find_job_id (self, copy->job, error);
  if (job_id == 0)
    goto fail;

  copy->created_at = custody_store_now (self);
  stmt = custody_store_prepare (self,
                                "INSERT INTO copies (name, media_type, location_id, immutable,"
                                "                    air_gapped, retention_days, job_id,"
                                "                    created_at)"
                                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL || !bind_copy (self, stmt, copy, error))
    goto fail;
  sqlite3_bind_int64 (stmt, 7, job_id);
  sqlite3_bind_int64 (stmt, 8, copy->created_at);
  if (!custody_store_step_unique (self, stmt, error,
                                  _("job '%s' already has a copy '%s'"),
                                  copy->job, copy->name))
    goto fail;
  copy->id = sqlite3_last_insert_rowid (custody_store_get_db (self));
  copy->job_id = job_id;
  if (!custody_store_forget_job_status (self, job_id, error))
    goto fail;

  entity = g_strdup_printf ("copy:%s/%s", copy->job, copy->name);
  return custody_store_write_commit (self, "copy.add", entity, NULL,
                                     custody_json_copy (copy), error);

fail:
  custody_store_write_rollback (self);
  return FALSE;
}

static CustodyCopy *
load_copy (CustodyStore  *self,
           const char    *job,
           const char    *name,
           GError       **error)
{
  g_autoptr(GPtrArray) copies = load_copies (self, job, error);

  if (copies == NULL)
    return NULL;

  for (guint i = 0; i < copies->len; i++)
    {
      CustodyCopy *copy = g_ptr_array_index (copies, i);
      if (g_str_equal (copy->name, name))
        return g_object_ref (copy);
    }

  if (custody_store_find_job_id (self, job, error) != 0)
    g_set_error (error, CUSTODY_STORE_ERROR, CUSTODY_STORE_ERROR_NOT_FOUND,
                 _("job '%s' has no copy '%s'"), job, name);
  return NULL;
}

gboolean
custody_store_update_copy (CustodyStore  *self,
                           const char    *job,
                           const char    *name,
                           CustodyCopy   *copy,
                           GError       **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(CustodyCopy) before = NULL;
  g_autofree char *entity = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CUSTODY_IS_STORE (self), FALSE);
  g_return_val_if_fail (CUSTODY_IS_COPY (copy), FALSE);

  if (!validate_copy (copy, name, error))
    return FALSE;

  locker = g_mutex_locker_new (custody_store_get_mutex (self));

  if (!custody_store_write_begin (self, error))
    return FALSE;

  before = load_copy (self, job, name, error);
  if (before == NULL)
    goto fail;

  stmt = custody_store_prepare (self,
                                "UPDATE copies SET name = ?, media_type = ?, location_id = ?,"
                                " immutable = ?, air_gapped = ?, retention_days = ? WHERE id = ?",
                                error);
  if (stmt == NULL || !bind_copy (self, stmt, copy, error))
    goto fail;
  sqlite3_bind_int64 (stmt, 7, before->id);
  if (!custody_store_step_unique (self, stmt, error,
                                  _("job '%s' already has a copy '%s'"), job, copy->name))
    goto fail;
  copy->id = before->id;
  copy->job_id = before->job_id;
  copy->created_at = before->created_at;
  if (!custody_store_forget_job_status (self, copy->job_id, error))
    goto fail;

  entity = g_strdup_printf ("copy:%s/%s", job, name);
  return custody_store_write_commit (self, "copy.update", entity, custody_json_copy (before),
                                     custody_json_copy (copy), error);

fail:
  custody_store_write_rollback (self);
  return FALSE;
}

gboolean
custody_store_remove_copy (CustodyStore  *self,
                           const char    *job,
                           const char    *name,
                           GError       **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(CustodyCopy) before = NULL;
  g_autofree char *entity = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CUSTODY_IS_STORE (self), FALSE);

  locker = g_mutex_locker_new (custody_store_get_mutex (self));

  if (!custody_store_write_begin (self, error))
    return FALSE;

  before = load_copy (self, job, name, error);
  if (before == NULL)
    goto fail;

  if (!custody_store_forget_job_status (self, before->job_id, error))
    goto fail;
  stmt = custody_store_prepare (self, "DELETE FROM copies WHERE id = ?", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, before->id);
  if (!custody_store_step_done (self, stmt, error))
    goto fail;

  entity = g_strdup_printf ("copy:%s/%s", job, name);
  return custody_store_write_commit (self, "copy.remove", entity, custody_json_copy (before),
                                     NULL, error);

fail:
  custody_store_write_rollback (self);
  return FALSE;
}

GPtrArray *
custody_store_list_copies (CustodyStore  *self,
                           const char    *job,
                           GError       **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  GPtrArray *copies;

  g_return_val_if_fail (CUSTODY_IS_STORE (self), NULL);
  g_return_val_if_fail (job != NULL, NULL);

  locker = g_mutex_locker_new (custody_store_get_mutex (self));

  /* Tell "unknown job" from "no copies". */
  if (custody_store_find_job_id (self, job, error) == 0)
    return NULL;

  copies = load_copies (self, job, error);
  return copies;
}
