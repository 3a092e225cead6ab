/* custody-store-trends.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custody-store"

#include "config.h"

#include "custody-json.h"
#include "custody-store-private.h"
#include "custody-store-trends.h"
#include "custody-time.h"

static gint64
time_or_none (sqlite3_stmt *stmt,
              int           col)
{
  return sqlite3_column_type (stmt, col) == SQLITE_NULL ? CUSTODY_TIME_NONE
                                                        : sqlite3_column_int64 (stmt, col);
}

/**
 * custody_store_report_history:
 * @jobs: (nullable): only these jobs, or %NULL for all
 * @to: the trend's end
 *
 * When the history of @jobs starts, as the executive summary counts it:
 * the first run that ended by @to and the first verification, and how
 * many copies there were at @to (what a replay of the engine costs).
 * Inside the caller's read transaction, if any.
 */
gboolean
custody_store_report_history (CustodyStore          *self,
                              const char * const    *jobs,
                              gint64                 to,
                              CustodyReportHistory  *history,
                              GError               **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(GString) names = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CUSTODY_IS_STORE (self), FALSE);
  g_return_val_if_fail (history != NULL, FALSE);

  history->first_run = history->first_verification = CUSTODY_TIME_NONE;
  history->copies = 0;

  locker = g_mutex_locker_new (custody_store_get_mutex (self));

  if (jobs == NULL)
    stmt = custody_store_prepare (self,
                                  "SELECT"
                                  " (SELECT min (finished) FROM executions WHERE finished <= ?1),"
                                  " (SELECT min (at) FROM verifications),"
                                  " (SELECT count(*) FROM copies WHERE created_at <= ?1)", error);
  else
    stmt = custody_store_prepare (self,
                                  "WITH c AS (SELECT c.id, c.created_at FROM copies c"
                                  "           JOIN jobs j ON j.id = c.job_id"
                                  "           WHERE j.name IN (SELECT value FROM json_each (?2)))"
                                  "SELECT"
                                  " (SELECT min (e.finished) FROM c"
                                  "   JOIN executions e ON e.copy_id = c.id"
                                  "   WHERE e.finished <= ?1),"
                                  " (SELECT min (v.at) FROM c"
                                  "   JOIN verifications v ON v.copy_id = c.id),"
                                  " (SELECT count(*) FROM c WHERE created_at <= ?1)", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, to);
  if (jobs != NULL)
    {
      names = g_string_new ("[");
      for (guint i = 0; jobs[i] != NULL; i++)
        {
          if (i > 0)
            g_string_append_c (names, ',');
          custody_json_append_string (names, jobs[i]);
        }
      g_string_append_c (names, ']');
      sqlite3_bind_text (stmt, 2, names->str, -1, SQLITE_TRANSIENT);
    }

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      history->first_run = time_or_none (stmt, 0);
      history->first_verification = time_or_none (stmt, 1);
      history->copies = sqlite3_column_int64 (stmt, 2);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    return custody_store_fail (self, rc, error);

  return TRUE;
}
