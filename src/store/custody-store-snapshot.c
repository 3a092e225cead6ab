/* custody-store-snapshot.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custody-store"

#include "config.h"

#include "custody-json.h"
#include "custody-store-private.h"
#include "custody-time.h"

typedef struct
{
  char                *name;
  CustodyLocationKind  kind;
} LocationInfo;

static void
location_info_free (gpointer data)
{
  LocationInfo *info = data;

  g_free (info->name);
  g_free (info);
}

static GHashTable *
load_locations (CustodyStore  *self,
                GError       **error)
{
  g_autoptr(GHashTable) locations = g_hash_table_new_full (g_int64_hash, g_int64_equal,
                                                           g_free, location_info_free);
  sqlite3_stmt *stmt = custody_store_prepare (self, "SELECT id, name, kind FROM locations", error);
  int rc;

  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LocationInfo *info = g_new0 (LocationInfo, 1);

      info->name = g_strdup (custody_sql_text (stmt, 1));
      custody_location_kind_from_string (custody_sql_text (stmt, 2), &info->kind);
      g_hash_table_insert (locations, g_memdup2 (&(gint64) { sqlite3_column_int64 (stmt, 0) },
                                                 sizeof (gint64)), info);
    }
  if (!custody_store_finish_steps (self, stmt, rc, error))
    return NULL;

  return g_steal_pointer (&locations);
}

/* The volumes of one restore point, each where it was at @at: the
 * store's one answer to that (CUSTODY_MEDIA_AT_FROM), as the desk, the
 * reports and `media show --at` give it. */
static gboolean
add_volumes (CustodyStore     *self,
             CustodySnapshot  *snapshot,
             gint64            execution_id,
             gint64            finished,
             gint64            at,
             GError          **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = custody_store_prepare (self,
                                "SELECT m.volser, m.worm, l.name, l.kind,"
                                /* retired or back to scratch after this run */
                                "  m.released_at IS NOT NULL AND m.released_at <= ?1"
                                "  AND m.released_at >= ?3"
                                CUSTODY_MEDIA_AT_FROM
                                " JOIN execution_volumes ev ON ev.media_id = m.id"
                                " WHERE ev.execution_id = ?2 ORDER BY ev.position", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, at);
  sqlite3_bind_int64 (stmt, 2, execution_id);
  sqlite3_bind_int64 (stmt, 3, finished);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CustodyLocationKind kind = CUSTODY_LOCATION_NONE;
      const char *location = NULL;

      if (sqlite3_column_type (stmt, 2) != SQLITE_NULL)
        {
          location = custody_sql_text (stmt, 2);
          custody_location_kind_from_string (custody_sql_text (stmt, 3), &kind);
        }

      custody_snapshot_add_volume (snapshot, custody_sql_text (stmt, 0), location, kind,
                                   sqlite3_column_int (stmt, 1));
      if (sqlite3_column_int (stmt, 4))
        custody_snapshot_release_volume (snapshot);
    }
  if (!custody_store_finish_steps (self, stmt, rc, error))
    return FALSE;

  return TRUE;
}

static void
latest_from_row (sqlite3_stmt      *stmt,
                 int                first,
                 CustodyCopyLatest *latest)
{
  memset (latest, 0, sizeof *latest);

  for (guint i = 0; i < G_N_ELEMENTS (latest->runs); i++)
    {
      int col = first + 3 * i;

      if (sqlite3_column_type (stmt, col) == SQLITE_NULL)
        continue;
      latest->runs[i].id = sqlite3_column_int64 (stmt, col);
      latest->runs[i].started = sqlite3_column_int64 (stmt, col + 1);
      latest->runs[i].finished = sqlite3_column_int64 (stmt, col + 2);
    }

  if (sqlite3_column_type (stmt, first + 9) != SQLITE_NULL)
    {
      latest->verified = TRUE;
      latest->verified_at = sqlite3_column_int64 (stmt, first + 9);
      latest->verified_passed = sqlite3_column_int (stmt, first + 10);
      latest->verified_errors = sqlite3_column_int64 (stmt, first + 11);
    }
}

static char *
names_as_json (const char * const *jobs)
{
  g_autoptr(GString) s = g_string_new ("[");

  for (guint i = 0; jobs[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (s, ',');
      custody_json_append_string (s, jobs[i]);
    }
  g_string_append_c (s, ']');

  return g_string_free (g_steal_pointer (&s), FALSE);
}

/**
 * custody_store_load_snapshot_locked:
 * @jobs: (nullable): only these jobs, or %NULL for all
 * @at: the moment
 *
 * The facts the engine needs about each job, as they were at @at.
 * copy_state answers for a copy unless one of its facts is dated after
 * that moment; then the history is asked.
 */
CustodySnapshot *
custody_store_load_snapshot_locked (CustodyStore        *self,
                                    const char * const  *jobs,
                                    gint64               at,
                                    GError             **error)
{
  g_autoptr(CustodySnapshot) snapshot = NULL;
  g_autoptr(GHashTable) locations = NULL;
  g_autofree char *filter = NULL;
  sqlite3_stmt *stmt;
  gint64 current_job = -1;
  int rc;

  locations = load_locations (self, error);
  if (locations == NULL)
    return NULL;

  snapshot = custody_snapshot_new (at);
  filter = jobs != NULL ? names_as_json (jobs) : NULL;

  /* Collect the rows first: the slow path and the volumes reuse
   * statements, and a statement must not be reset while stepped. */
  stmt = custody_store_prepare (self,
                                "SELECT j.id, j.name, j.rpo_hours, j.verify_days,"
                                "       c.id, c.name, c.media_type, c.location_id, c.immutable,"
                                "       c.air_gapped, s.newest,"
                                "       s.success_id, s.success_started, s.success_finished,"
                                "       s.warning_id, s.warning_started, s.warning_finished,"
                                "       s.failed_id, s.failed_started, s.failed_finished,"
                                "       s.verified_at, s.verified_passed, s.verified_errors"
                                " FROM jobs j"
                                " LEFT JOIN copies c ON c.job_id = j.id AND c.created_at <= ?1"
                                " LEFT JOIN copy_state s ON s.copy_id = c.id"
                                " WHERE j.created_at <= ?1"
                                "   AND (?2 IS NULL"
                                "        OR j.name IN (SELECT value FROM json_each (?2)))"
                                " ORDER BY j.name, c.name", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, at);
  custody_sql_bind_text_or_null (stmt, 2, filter);

  {
    typedef struct
    {
      gint64             job_id;
      const char        *job_name;
      gint64             rpo_hours;
      gint64             verify_days;
      gint64             copy_id;      /* 0: the job has no copies */
      const char        *copy_name;
      CustodyMediaType   media_type;
      gint64             location_id;
      gboolean           immutable;
      gboolean           air_gapped;
      gboolean           cached;
      CustodyCopyLatest  latest;
    } Row;
    g_autoptr(GArray) rows = g_array_new (FALSE, TRUE, sizeof (Row));
    g_autoptr(GStringChunk) strings = g_string_chunk_new (16 * 1024);

    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        Row row = { 0, };

        row.job_id = sqlite3_column_int64 (stmt, 0);
        row.job_name = g_string_chunk_insert (strings, custody_sql_text (stmt, 1));
        row.rpo_hours = sqlite3_column_int64 (stmt, 2);
        row.verify_days = sqlite3_column_int64 (stmt, 3);
        if (sqlite3_column_type (stmt, 4) != SQLITE_NULL)
          {
            row.copy_id = sqlite3_column_int64 (stmt, 4);
            row.copy_name = g_string_chunk_insert (strings, custody_sql_text (stmt, 5));
            custody_media_type_from_string (custody_sql_text (stmt, 6), &row.media_type);
            row.location_id = sqlite3_column_int64 (stmt, 7);
            row.immutable = sqlite3_column_int (stmt, 8);
            row.air_gapped = sqlite3_column_int (stmt, 9);
            row.cached = sqlite3_column_type (stmt, 10) != SQLITE_NULL &&
                         sqlite3_column_int64 (stmt, 10) <= at;
            if (row.cached)
              latest_from_row (stmt, 11, &row.latest);
          }
        g_array_append_val (rows, row);
      }
    if (!custody_store_finish_steps (self, stmt, rc, error))
      return NULL;

    for (guint i = 0; i < rows->len; i++)
      {
        Row *row = &g_array_index (rows, Row, i);
        LocationInfo *where;

        if (row->job_id != current_job)
          {
            custody_snapshot_add_job (snapshot, row->job_name, row->rpo_hours, row->verify_days);
            current_job = row->job_id;
          }
        if (row->copy_id == 0)
          continue;

        if (!row->cached &&
            !custody_store_query_latest (self, row->copy_id, at, &row->latest, error))
          return NULL;

        where = row->location_id != 0 ? g_hash_table_lookup (locations, &row->location_id) : NULL;
        custody_snapshot_add_copy (snapshot, row->copy_name, row->media_type,
                                   where != NULL ? where->name : NULL,
                                   where != NULL ? where->kind : CUSTODY_LOCATION_NONE,
                                   row->immutable, row->air_gapped);

        for (guint r = 0; r < G_N_ELEMENTS (row->latest.runs); r++)
          {
            static const CustodyRunStatus statuses[] = {
              CUSTODY_RUN_SUCCESS, CUSTODY_RUN_WARNING, CUSTODY_RUN_FAILED,
            };
            const CustodyRunRef *ref = &row->latest.runs[r];

            if (ref->id == 0)
              continue;
            custody_snapshot_add_run (snapshot, ref->started, ref->finished, statuses[r]);
            if (statuses[r] != CUSTODY_RUN_FAILED &&
                custody_media_type_is_removable (row->media_type) &&
                !add_volumes (self, snapshot, ref->id, ref->finished, at, error))
              return NULL;
          }

        if (row->latest.verified)
          custody_snapshot_add_verification (snapshot, row->latest.verified_at,
                                             row->latest.verified_passed,
                                             row->latest.verified_errors);
      }
  }

  custody_snapshot_seal (snapshot);
  return g_steal_pointer (&snapshot);
}

GPtrArray *
custody_store_evaluate_locked (CustodyStore         *self,
                               const char * const   *jobs,
                               const CustodyPolicy  *policy,
                               GError              **error)
{
  g_autoptr(CustodySnapshot) snapshot =
    custody_store_load_snapshot_locked (self, jobs, custody_store_now (self), error);

  if (snapshot == NULL)
    return NULL;

  return custody_snapshot_evaluate (snapshot, policy);
}

/**
 * custody_store_evaluate_at:
 * @jobs: (nullable): only these jobs, or %NULL for all
 * @at: the moment to judge, whatever the store's clock
 *
 * Returns: (transfer full) (element-type CustodyVerdict): one verdict per
 *   job that existed at @at, by name
 */
GPtrArray *
custody_store_evaluate_at (CustodyStore        *self,
                           const char * const  *jobs,
                           gint64               at,
                           GError             **error)
{
  g_autoptr(CustodySnapshot) snapshot = NULL;
  CustodyPolicy policy;

  g_return_val_if_fail (CUSTODY_IS_STORE (self), NULL);

  {
    STORE_LOCK (self);

    if (!custody_store_exec (self, "BEGIN", error))
      return NULL;
    if (custody_store_read_policy (self, &policy, error))
      snapshot = custody_store_load_snapshot_locked (self, jobs, at, error);
    sqlite3_exec (custody_store_get_db (self), "COMMIT", NULL, NULL, NULL);
  }

  if (snapshot == NULL)
    return NULL;

  /* The engine runs outside the lock: it touches no store. */
  return custody_snapshot_evaluate (snapshot, &policy);
}

/**
 * custody_store_evaluate:
 * @jobs: (nullable): only these jobs, or %NULL for all
 *
 * Returns: (transfer full) (element-type CustodyVerdict): one verdict per
 *   job, by name, at the store's clock
 */
GPtrArray *
custody_store_evaluate (CustodyStore        *self,
                        const char * const  *jobs,
                        GError             **error)
{
  g_return_val_if_fail (CUSTODY_IS_STORE (self), NULL);

  return custody_store_evaluate_at (self, jobs, custody_store_get_clock (self), error);
}
