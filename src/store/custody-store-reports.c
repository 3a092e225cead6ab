/* custody-store-reports.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custody-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "custody-store-private.h"
#include "custody-store-reports.h"
#include "custody-time.h"

/* The reads behind the PDF reports. Each walk holds the store's mutex
 * while it steps, so a CustodyStoreRowFunc must not call back into the
 * store. */

/*
 * Helpers
 */

static const char *
text_or_null (sqlite3_stmt *stmt,
              int           column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}

static gint64
int_or (sqlite3_stmt *stmt,
        int           column,
        gint64        fallback)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return fallback;
  return sqlite3_column_int64 (stmt, column);
}

static void
bind_period (sqlite3_stmt *stmt,
             gint64        from,
             gint64        to)
{
  sqlite3_bind_int64 (stmt, 1, from == CUSTODY_TIME_NONE ? G_MININT64 : from);
  sqlite3_bind_int64 (stmt, 2, to);
}

/* Ends a walk: resets the statement and turns a failed step into an error. */
static gboolean
finish_walk (CustodyStore  *self,
             sqlite3_stmt  *stmt,
             int            rc,
             GError       **error)
{
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return custody_store_fail (self, rc, error);
  return TRUE;
}

/* Fills @row from the statement's current row. Returns what @row borrows
 * that must be freed once the callback has seen it, or %NULL. */
typedef gpointer (*ReportRowReader) (sqlite3_stmt *stmt,
                                     gpointer      row);

/* Runs @sql with ?1 bound to the start of the period @from and ?2 to its
 * end @to (a walk of how things stood at a moment passes the moment as
 * both and reads ?1), reads each row into @row with @read and hands it to
 * @func until @func returns %FALSE. Holds the store's mutex throughout. */
static gboolean
walk_report_rows (CustodyStore         *self,
                  const char           *sql,
                  gint64                from,
                  gint64                to,
                  ReportRowReader       read,
                  gpointer              row,
                  CustodyStoreRowFunc   func,
                  gpointer              user_data,
                  GError              **error)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (custody_store_get_mutex (self));
  sqlite3_stmt *stmt;
  int rc;

  stmt = custody_store_prepare (self, sql, error);
  if (stmt == NULL)
    return FALSE;
  bind_period (stmt, from, to);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree gpointer owned = read (stmt, row);

      if (!func (row, user_data))
        break;
    }

  return finish_walk (self, stmt, rc, error);
}

/*
 * Public API
 */

/**
 * custody_store_begin_read:
 *
 * Starts a read transaction: every read until custody_store_end_read()
 * sees the store as it is now. Writes through this store fail meanwhile,
 * so reports use a connection of their own.
 */
gboolean
custody_store_begin_read (CustodyStore  *self,
                          GError       **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CUSTODY_IS_STORE (self), FALSE);

  {
    STORE_LOCK (self);

    if (!custody_store_exec (self, "BEGIN", error))
      return FALSE;

    /* A deferred transaction takes its snapshot at its first read. */
    stmt = custody_store_prepare (self, "SELECT count(*) FROM meta", error);
    if (stmt == NULL)
      {
        custody_store_write_rollback (self);
        return FALSE;
      }
    rc = sqlite3_step (stmt);
    sqlite3_reset (stmt);
    if (rc != SQLITE_ROW)
      {
        custody_store_fail (self, rc, error);
        custody_store_write_rollback (self);
        return FALSE;
      }
  }

  return TRUE;
}

void
custody_store_end_read (CustodyStore *self)
{
  g_return_if_fail (CUSTODY_IS_STORE (self));

  {
    STORE_LOCK (self);
    custody_store_write_rollback (self);
  }
}

/**
 * custody_store_report_verdicts:
 * @at: the moment to judge
 * @policy: (out) (optional): the policy the verdicts follow
 *
 * Like custody_store_evaluate_at(), but inside the caller's read
 * transaction, if any.
 *
 * Returns: (transfer full) (element-type CustodyVerdict): one verdict per
 *   job that existed at @at, by name
 */
GPtrArray *
custody_store_report_verdicts (CustodyStore   *self,
                               gint64          at,
                               CustodyPolicy  *policy,
                               GError        **error)
{
  g_autoptr(CustodySnapshot) snapshot = NULL;
  CustodyPolicy local;

  g_return_val_if_fail (CUSTODY_IS_STORE (self), NULL);

  if (policy == NULL)
    policy = &local;

  {
    STORE_LOCK (self);

    if (!custody_store_read_policy (self, policy, error))
      return NULL;
    snapshot = custody_store_load_snapshot_locked (self, NULL, at, error);
  }

  if (snapshot == NULL)
    return NULL;

  return custody_snapshot_evaluate (snapshot, policy);
}

/**
 * custody_store_report_counts:
 *
 * Counts what happened in the period, except runs and verifications
 * (custody_store_report_run_counts() adds those; the audit report sums
 * them from custody_store_report_job_activity() instead).
 */
gboolean
custody_store_report_counts (CustodyStore         *self,
                             gint64                from,
                             gint64                to,
                             CustodyReportCounts  *counts,
                             GError              **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CUSTODY_IS_STORE (self), FALSE);
  g_return_val_if_fail (counts != NULL, FALSE);

  memset (counts, 0, sizeof *counts);

  locker = g_mutex_locker_new (custody_store_get_mutex (self));

  stmt = custody_store_prepare (self,
                                "SELECT"
                                " (SELECT count(*) FROM alerts"
                                "   WHERE raised_at > ?1 AND raised_at <= ?2),"
                                " (SELECT count(*) FROM alerts"
                                "   WHERE resolved_at > ?1 AND resolved_at <= ?2),"
                                " (SELECT count(*) FROM alerts"
                                "   WHERE acknowledged_at > ?1 AND acknowledged_at <= ?2),"
                                " (SELECT count(*) FROM movements WHERE at > ?1 AND at <= ?2),"
                                " (SELECT count(*) FROM audit"
                                "   WHERE business_at > ?1 AND business_at <= ?2),"
                                " (SELECT count(*) FROM jobs WHERE created_at <= ?2),"
                                " (SELECT count(*) FROM copies WHERE created_at <= ?2),"
                                " (SELECT count(*) FROM media WHERE created_at <= ?2),"
                                " (SELECT min (at) FROM verifications)", error);
  if (stmt == NULL)
    return FALSE;
  bind_period (stmt, from, to);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      counts->alerts_raised = sqlite3_column_int64 (stmt, 0);
      counts->alerts_resolved = sqlite3_column_int64 (stmt, 1);
      counts->acknowledgements = sqlite3_column_int64 (stmt, 2);
      counts->movements = sqlite3_column_int64 (stmt, 3);
      counts->audit_entries = sqlite3_column_int64 (stmt, 4);
      counts->jobs = sqlite3_column_int64 (stmt, 5);
      counts->copies = sqlite3_column_int64 (stmt, 6);
      counts->volumes = sqlite3_column_int64 (stmt, 7);
      counts->first_verification = sqlite3_column_type (stmt, 8) == SQLITE_NULL
                                   ? CUSTODY_TIME_NONE : sqlite3_column_int64 (stmt, 8);
    }
  return finish_walk (self, stmt, rc, error);
}

/* Adds the runs by status, the bytes good runs wrote and the
 * verifications of the period to @counts. */
gboolean
custody_store_report_run_counts (CustodyStore         *self,
                                 gint64                from,
                                 gint64                to,
                                 CustodyReportCounts  *counts,
                                 GError              **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CUSTODY_IS_STORE (self), FALSE);
  g_return_val_if_fail (counts != NULL, FALSE);

  locker = g_mutex_locker_new (custody_store_get_mutex (self));

  stmt = custody_store_prepare (self,
                                "SELECT status, count(*),"
                                "       total (CASE WHEN status <> 'failed' THEN bytes END)"
                                " FROM executions WHERE finished > ?1 AND finished <= ?2"
                                " GROUP BY status", error);
  if (stmt == NULL)
    return FALSE;
  bind_period (stmt, from, to);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CustodyRunStatus status;

      if (!custody_run_status_from_string (custody_sql_text (stmt, 0), &status))
        continue;
      counts->runs[status] = sqlite3_column_int64 (stmt, 1);
      counts->bytes += (gint64) sqlite3_column_double (stmt, 2);
    }
  if (!finish_walk (self, stmt, rc, error))
    return FALSE;

  stmt = custody_store_prepare (self,
                                "SELECT count(*), total (result = 'failed' OR errors > 0)"
                                " FROM verifications WHERE at > ?1 AND at <= ?2", error);
  if (stmt == NULL)
    return FALSE;
  bind_period (stmt, from, to);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      counts->tests = sqlite3_column_int64 (stmt, 0);
      counts->tests_failed = sqlite3_column_int64 (stmt, 1);
    }
  return finish_walk (self, stmt, rc, error);
}

void
custody_report_chain_clear (CustodyReportChain *chain)
{
  g_clear_pointer (&chain->problem, g_free);
  g_clear_pointer (&chain->head_hash, g_free);
}

/**
 * custody_store_report_chain:
 * @chain: (out caller-allocates): what was found
 *
 * Walks the audit trail checking each entry's hash and its link to the
 * one before, as custody_store_check() does, without the slower checks of
 * the database file. Returns %FALSE only if the walk could not run.
 */
gboolean
custody_store_report_chain (CustodyStore        *self,
                            CustodyReportChain  *chain,
                            GError             **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autofree char *prev = g_strnfill (64, '0');
  sqlite3_stmt *stmt;
  gint64 expected_id = 1;
  int rc;

  g_return_val_if_fail (CUSTODY_IS_STORE (self), FALSE);
  g_return_val_if_fail (chain != NULL, FALSE);

  memset (chain, 0, sizeof *chain);

  locker = g_mutex_locker_new (custody_store_get_mutex (self));

  stmt = custody_store_prepare (self,
                                "SELECT id, at, business_at, actor, action, entity, before, after,"
                                "       prev_hash, hash FROM audit ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      const char *prev_hash = custody_sql_text (stmt, 8);
      const char *hash = custody_sql_text (stmt, 9);
      g_autofree char *computed = NULL;

      chain->entries++;
      chain->head_id = id;
      g_free (chain->head_hash);
      chain->head_hash = g_strdup (hash);
      if (chain->first_broken != 0)
        continue;

      computed = custody_audit_hash (id, sqlite3_column_int64 (stmt, 1),
                                     sqlite3_column_int64 (stmt, 2),
                                     custody_sql_text (stmt, 3), custody_sql_text (stmt, 4),
                                     custody_sql_text (stmt, 5), text_or_null (stmt, 6),
                                     text_or_null (stmt, 7), prev_hash);

      if (id != expected_id)
        {
          chain->first_broken = id;
          chain->problem = g_strdup_printf (_("entries %lld to %lld are missing"),
                                            (long long) expected_id, (long long) (id - 1));
        }
      else if (!g_str_equal (prev_hash, prev))
        {
          chain->first_broken = id;
          chain->problem = g_strdup (_("it does not link to the entry before it"));
        }
      else if (!g_str_equal (computed, hash))
        {
          chain->first_broken = id;
          chain->problem = g_strdup (_("its content does not match its hash: "
                                       "it was changed after it was written"));
        }

      g_free (prev);
      prev = g_strdup (hash);
      expected_id = id + 1;
    }

  return finish_walk (self, stmt, rc, error);
}

typedef struct
{
  gint64 runs;
  gint64 succeeded;
  gint64 warnings;
  gint64 failed;
  gint64 bytes;
  gint64 last_success;
  gint64 tests;
  gint64 tests_failed;
  gint64 last_test;
} Activity;

/* job id -> Activity, for every job, and copy id -> its job's Activity. */
static gboolean
load_activity_keys (CustodyStore  *self,
                    GHashTable    *jobs,
                    GHashTable    *copies,
                    GError       **error)
{
  sqlite3_stmt *stmt = custody_store_prepare (self, "SELECT id, job_id FROM copies", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 copy_id = sqlite3_column_int64 (stmt, 0);
      gint64 job_id = sqlite3_column_int64 (stmt, 1);
      Activity *a = g_hash_table_lookup (jobs, &job_id);

      if (a == NULL)
        {
          a = g_new0 (Activity, 1);
          a->last_success = CUSTODY_TIME_NONE;
          a->last_test = CUSTODY_TIME_NONE;
          g_hash_table_insert (jobs, g_memdup2 (&job_id, sizeof job_id), a);
        }
      g_hash_table_insert (copies, g_memdup2 (&copy_id, sizeof copy_id), a);
    }
  return finish_walk (self, stmt, rc, error);
}

/**
 * custody_store_report_job_activity:
 *
 * Walks every job that existed at @to, by name, with its runs and
 * verifications in the period (CustodyReportJobActivity rows). A job with
 * none appears too, with zeros: for an auditor that is a finding.
 */
gboolean
custody_store_report_job_activity (CustodyStore         *self,
                                   gint64                from,
                                   gint64                to,
                                   CustodyStoreRowFunc   func,
                                   gpointer              user_data,
                                   GError              **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(GHashTable) jobs = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autoptr(GHashTable) copies = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CUSTODY_IS_STORE (self), FALSE);

  locker = g_mutex_locker_new (custody_store_get_mutex (self));

  if (!load_activity_keys (self, jobs, copies, error))
    return FALSE;

  /* The runs of a year are a million rows: read in the table's own order
   * and added up here, rather than grouped by a join in SQL. */
  stmt = custody_store_prepare (self,
                                "SELECT copy_id, status, bytes, finished"
                                " FROM executions NOT INDEXED"
                                " WHERE finished > ?1 AND finished <= ?2", error);
  if (stmt == NULL)
    return FALSE;
  bind_period (stmt, from, to);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 copy_id = sqlite3_column_int64 (stmt, 0);
      const char *status = custody_sql_text (stmt, 1);
      Activity *a = g_hash_table_lookup (copies, &copy_id);

      if (a == NULL)
        continue;
      a->runs++;
      if (status[0] == 'f')
        {
          a->failed++;
          continue;
        }
      if (status[0] == 's')
        a->succeeded++;
      else
        a->warnings++;
      a->bytes += int_or (stmt, 2, 0);
      a->last_success = MAX (a->last_success, sqlite3_column_int64 (stmt, 3));
    }
  if (!finish_walk (self, stmt, rc, error))
    return FALSE;

  stmt = custody_store_prepare (self,
                                "SELECT copy_id, result = 'failed' OR errors > 0, at"
                                " FROM verifications NOT INDEXED WHERE at > ?1 AND at <= ?2",
                                error);
  if (stmt == NULL)
    return FALSE;
  bind_period (stmt, from, to);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 copy_id = sqlite3_column_int64 (stmt, 0);
      Activity *a = g_hash_table_lookup (copies, &copy_id);

      if (a == NULL)
        continue;
      a->tests++;
      a->tests_failed += sqlite3_column_int (stmt, 1);
      a->last_test = MAX (a->last_test, sqlite3_column_int64 (stmt, 2));
    }
  if (!finish_walk (self, stmt, rc, error))
    return FALSE;

  stmt = custody_store_prepare (self,
                                "SELECT id, name, owner FROM jobs WHERE created_at <= ?2"
                                " ORDER BY name", error);
  if (stmt == NULL)
    return FALSE;
  bind_period (stmt, from, to);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      static const Activity none = { 0, 0, 0, 0, 0, CUSTODY_TIME_NONE, 0, 0, CUSTODY_TIME_NONE };
      gint64 job_id = sqlite3_column_int64 (stmt, 0);
      const Activity *a = g_hash_table_lookup (jobs, &job_id);
      CustodyReportJobActivity row;

      if (a == NULL)
        a = &none;
      row.job = custody_sql_text (stmt, 1);
      row.owner = custody_sql_text (stmt, 2);
      row.runs = a->runs;
      row.succeeded = a->succeeded;
      row.warnings = a->warnings;
      row.failed = a->failed;
      row.bytes = a->bytes;
      row.last_success = a->last_success;
      row.tests = a->tests;
      row.tests_failed = a->tests_failed;
      row.last_test = a->last_test;
      if (!func (&row, user_data))
        break;
    }

  return finish_walk (self, stmt, rc, error);
}

static gpointer
read_failed_run (sqlite3_stmt *stmt,
                 gpointer      data)
{
  CustodyReportRun *row = data;

  row->started = sqlite3_column_int64 (stmt, 0);
  row->finished = sqlite3_column_int64 (stmt, 1);
  row->job = custody_sql_text (stmt, 2);
  row->copy = custody_sql_text (stmt, 3);
  row->status = CUSTODY_RUN_FAILED;
  row->message = custody_sql_text (stmt, 4);
  return NULL;
}

/* Walks the failed runs of the period (CustodyReportRun), oldest first. */
gboolean
custody_store_report_failed_runs (CustodyStore         *self,
                                  gint64                from,
                                  gint64                to,
                                  CustodyStoreRowFunc   func,
                                  gpointer              user_data,
                                  GError              **error)
{
  CustodyReportRun row;

  g_return_val_if_fail (CUSTODY_IS_STORE (self), FALSE);

  return walk_report_rows (self,
                           "SELECT e.started, e.finished, j.name, c.name, e.message"
                           " FROM executions e JOIN copies c ON c.id = e.copy_id"
                           " JOIN jobs j ON j.id = c.job_id"
                           " WHERE e.status = 'failed'"
                           "   AND e.finished > ?1 AND e.finished <= ?2"
                           " ORDER BY e.finished, e.id",
                           from, to, read_failed_run, &row, func, user_data, error);
}

static gpointer
read_failed_test (sqlite3_stmt *stmt,
                  gpointer      data)
{
  CustodyReportTest *row = data;

  row->at = sqlite3_column_int64 (stmt, 0);
  row->job = custody_sql_text (stmt, 1);
  row->copy = custody_sql_text (stmt, 2);
  row->kind = CUSTODY_VERIFY_RESTORE_TEST;
  custody_verify_kind_from_string (custody_sql_text (stmt, 3), &row->kind);
  row->passed = sqlite3_column_int (stmt, 4);
  row->errors = sqlite3_column_int64 (stmt, 5);
  row->by = custody_sql_text (stmt, 6);
  row->note = custody_sql_text (stmt, 7);
  return NULL;
}

/* Walks the verifications of the period that failed or found errors
 * (CustodyReportTest), oldest first. */
gboolean
custody_store_report_failed_tests (CustodyStore         *self,
                                   gint64                from,
                                   gint64                to,
                                   CustodyStoreRowFunc   func,
                                   gpointer              user_data,
                                   GError              **error)
{
  CustodyReportTest row;

  g_return_val_if_fail (CUSTODY_IS_STORE (self), FALSE);

  return walk_report_rows (self,
                           "SELECT v.at, j.name, c.name, v.kind, v.result = 'passed',"
                           "       v.errors, v.by, v.note"
                           " FROM verifications v JOIN copies c ON c.id = v.copy_id"
                           " JOIN jobs j ON j.id = c.job_id"
                           " WHERE (v.result = 'failed' OR v.errors > 0)"
                           "   AND v.at > ?1 AND v.at <= ?2"
                           " ORDER BY v.at, v.id",
                           from, to, read_failed_test, &row, func, user_data, error);
}

/* Fills a CustodyReportAlert from a row of the alert walks; returns the
 * message worded in the reader's language, freed after the callback. */
static gpointer
read_alert (sqlite3_stmt *stmt,
            gpointer      data)
{
  CustodyReportAlert *row = data;
  char *message;

  row->raised_at = sqlite3_column_int64 (stmt, 0);
  row->resolved_at = custody_sql_time (stmt, 1);
  row->kind = custody_sql_text (stmt, 2);
  row->severity = CUSTODY_SEVERITY_WARNING;
  custody_severity_from_string (custody_sql_text (stmt, 3), &row->severity);
  row->subject = custody_alert_subject (row->kind, custody_sql_text (stmt, 4));
  row->acknowledged_by = text_or_null (stmt, 6);
  row->acknowledged_at = custody_sql_time (stmt, 7);

  /* Worded for the reader when the alert says what it is about. */
  message = sqlite3_column_type (stmt, 8) != SQLITE_NULL
            ? custody_alert_describe (row->kind, row->subject, custody_sql_text (stmt, 8), TRUE)
            : NULL;
  if (message == NULL)
    message = g_strdup (custody_sql_text (stmt, 5));
  row->message = message;
  return message;
}

/**
 * custody_store_report_alerts:
 *
 * Walks the alerts that were raised or resolved in the period, or were
 * open during it (CustodyReportAlert), by when they were raised. What
 * happened after @to does not show: an alert resolved later is open.
 */
gboolean
custody_store_report_alerts (CustodyStore         *self,
                             gint64                from,
                             gint64                to,
                             CustodyStoreRowFunc   func,
                             gpointer              user_data,
                             GError              **error)
{
  CustodyReportAlert row;

  g_return_val_if_fail (CUSTODY_IS_STORE (self), FALSE);

  return walk_report_rows (self,
                           "SELECT raised_at,"
                           "       CASE WHEN resolved_at <= ?2 THEN resolved_at END,"
                           "       kind, severity, subject, message,"
                           "       CASE WHEN acknowledged_at <= ?2 THEN acknowledged_by END,"
                           "       CASE WHEN acknowledged_at <= ?2 THEN acknowledged_at END,"
                           "       detail"
                           " FROM alerts"
                           " WHERE raised_at <= ?2"
                           "   AND (raised_at > ?1 OR resolved_at IS NULL OR resolved_at > ?1)"
                           " ORDER BY raised_at, id",
                           from, to, read_alert, &row, func, user_data, error);
}

/* Walks the alerts acknowledged in the period (CustodyReportAlert), by
 * when they were acknowledged. */
gboolean
custody_store_report_acknowledgements (CustodyStore         *self,
                                       gint64                from,
                                       gint64                to,
                                       CustodyStoreRowFunc   func,
                                       gpointer              user_data,
                                       GError              **error)
{
  CustodyReportAlert row;

  g_return_val_if_fail (CUSTODY_IS_STORE (self), FALSE);

  return walk_report_rows (self,
                           "SELECT raised_at,"
                           "       CASE WHEN resolved_at <= ?2 THEN resolved_at END,"
                           "       kind, severity, subject, message, acknowledged_by,"
                           "       acknowledged_at, detail"
                           " FROM alerts"
                           " WHERE acknowledged_at > ?1 AND acknowledged_at <= ?2"
                           " ORDER BY acknowledged_at, id",
                           from, to, read_alert, &row, func, user_data, error);
}

/* id -> name of a small table, for walks that would otherwise join it on
 * every row. */
static GHashTable *
load_names (CustodyStore  *self,
            const char    *sql,
            GError       **error)
{
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  sqlite3_stmt *stmt = custody_store_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 *id = g_new (gint64, 1);

      *id = sqlite3_column_int64 (stmt, 0);
      g_hash_table_insert (names, id, g_strdup (custody_sql_text (stmt, 1)));
    }
  if (!finish_walk (self, stmt, rc, error))
    return NULL;

  return g_steal_pointer (&names);
}

/* Walks the movements of the period (CustodyReportMovement): the chain of
 * custody, oldest first. */
gboolean
custody_store_report_movements (CustodyStore         *self,
                                gint64                from,
                                gint64                to,
                                CustodyStoreRowFunc   func,
                                gpointer              user_data,
                                GError              **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(GHashTable) volsers = NULL;
  g_autoptr(GHashTable) locations = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CUSTODY_IS_STORE (self), FALSE);

  locker = g_mutex_locker_new (custody_store_get_mutex (self));

  /* Volsers and locations are looked up here rather than joined: on a
   * year of movements the joins cost more than the walk. */
  volsers = load_names (self, "SELECT id, volser FROM media", error);
  if (volsers == NULL)
    return FALSE;
  locations = load_names (self, "SELECT id, name FROM locations", error);
  if (locations == NULL)
    return FALSE;

  stmt = custody_store_prepare (self,
                                "SELECT at, media_id, from_location_id, to_location_id, by,"
                                "       courier, container, seal, note"
                                " FROM movements WHERE at > ?1 AND at <= ?2"
                                " ORDER BY at, id", error);
  if (stmt == NULL)
    return FALSE;
  bind_period (stmt, from, to);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CustodyReportMovement row;
      gint64 media_id = sqlite3_column_int64 (stmt, 1);
      gint64 from_id = sqlite3_column_int64 (stmt, 2);
      gint64 to_id = sqlite3_column_int64 (stmt, 3);

      row.at = sqlite3_column_int64 (stmt, 0);
      row.volser = g_hash_table_lookup (volsers, &media_id);
      row.from = sqlite3_column_type (stmt, 2) != SQLITE_NULL
                 ? g_hash_table_lookup (locations, &from_id)
                                                              : NULL;
      row.to = g_hash_table_lookup (locations, &to_id);
      row.by = custody_sql_text (stmt, 4);
      row.courier = custody_sql_text (stmt, 5);
      row.container = custody_sql_text (stmt, 6);
      row.seal = custody_sql_text (stmt, 7);
      row.note = custody_sql_text (stmt, 8);
      if (row.volser == NULL)
        row.volser = "";
      if (row.to == NULL)
        row.to = "";
      if (!func (&row, user_data))
        break;
    }

  return finish_walk (self, stmt, rc, error);
}

static gpointer
read_audit_entry (sqlite3_stmt *stmt,
                  gpointer      data)
{
  CustodyReportAuditEntry *row = data;

  row->id = sqlite3_column_int64 (stmt, 0);
  row->at = sqlite3_column_int64 (stmt, 1);
  row->business_at = sqlite3_column_int64 (stmt, 2);
  row->actor = custody_sql_text (stmt, 3);
  row->action = custody_sql_text (stmt, 4);
  row->entity = custody_sql_text (stmt, 5);
  return NULL;
}

/* Walks the audit entries dated in the period (CustodyReportAuditEntry). */
gboolean
custody_store_report_audit_entries (CustodyStore         *self,
                                    gint64                from,
                                    gint64                to,
                                    CustodyStoreRowFunc   func,
                                    gpointer              user_data,
                                    GError              **error)
{
  CustodyReportAuditEntry row;

  g_return_val_if_fail (CUSTODY_IS_STORE (self), FALSE);

  return walk_report_rows (self,
                           "SELECT id, at, business_at, actor, action, entity FROM audit"
                           " WHERE business_at > ?1 AND business_at <= ?2"
                           " ORDER BY business_at, id",
                           from, to, read_audit_entry, &row, func, user_data, error);
}

static gpointer
read_volume (sqlite3_stmt *stmt,
             gpointer      data)
{
  CustodyReportVolume *row = data;

  row->volser = custody_sql_text (stmt, 0);
  row->type = custody_sql_text (stmt, 1);
  row->pool = text_or_null (stmt, 2);
  row->status = CUSTODY_MEDIUM_SCRATCH;
  custody_medium_status_from_string (custody_sql_text (stmt, 3), &row->status);
  row->location = text_or_null (stmt, 4);
  row->location_kind = CUSTODY_LOCATION_NONE;
  if (row->location != NULL)
    custody_location_kind_from_string (custody_sql_text (stmt, 5), &row->location_kind);
  row->since = custody_sql_time (stmt, 6);
  row->container = text_or_null (stmt, 7);
  row->retention_until = custody_sql_time (stmt, 8);
  row->last_written = custody_sql_time (stmt, 9);
  row->bytes_written = sqlite3_column_int64 (stmt, 10);
  row->capacity_bytes = sqlite3_column_int64 (stmt, 11);
  row->worm = sqlite3_column_int (stmt, 12);
  return NULL;
}

/**
 * custody_store_report_volumes:
 *
 * Walks every volume that existed at @at where it was then
 * (CustodyReportVolume), by location name (volumes never moved last),
 * then volser.
 */
gboolean
custody_store_report_volumes (CustodyStore         *self,
                              gint64                at,
                              CustodyStoreRowFunc   func,
                              gpointer              user_data,
                              GError              **error)
{
  CustodyReportVolume row;

  g_return_val_if_fail (CUSTODY_IS_STORE (self), FALSE);

  return walk_report_rows (self,
                           "SELECT m.volser, m.type, p.name, m.status, l.name, l.kind, mv.at,"
                           "       nullif (mv.container, ''), m.retention_until,"
                           "       CASE WHEN m.last_written <= ?1 THEN m.last_written END,"
                           "       m.bytes_written, m.capacity_bytes, m.worm"
                           CUSTODY_MEDIA_AT_FROM
                           " WHERE m.created_at <= ?1"
                           " ORDER BY l.name IS NULL, l.name, m.volser",
                           at, at, read_volume, &row, func, user_data, error);
}

static gpointer
read_run_fact (sqlite3_stmt *stmt,
               gpointer      data)
{
  CustodyReportRunFact *row = data;
  const char *status = custody_sql_text (stmt, 2);

  row->copy_id = sqlite3_column_int64 (stmt, 0);
  row->finished = sqlite3_column_int64 (stmt, 1);
  /* Faster than the table lookup, on a million rows. */
  row->status = status[0] == 's' ? CUSTODY_RUN_SUCCESS
              : status[0] == 'w' ? CUSTODY_RUN_WARNING
              : CUSTODY_RUN_FAILED;
  row->bytes = int_or (stmt, 3, -1);
  return NULL;
}

/* Walks every finished run up to @to (CustodyReportRunFact), in no
 * particular order: what the summary's charts count. */
gboolean
custody_store_report_run_facts (CustodyStore         *self,
                                gint64                to,
                                CustodyStoreRowFunc   func,
                                gpointer              user_data,
                                GError              **error)
{
  CustodyReportRunFact row;

  g_return_val_if_fail (CUSTODY_IS_STORE (self), FALSE);

  return walk_report_rows (self,
                           "SELECT copy_id, finished, status, bytes FROM executions"
                           " WHERE finished <= ?1",
                           to, to, read_run_fact, &row, func, user_data, error);
}
