/* custody-report-trend.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custody-report"

#include "config.h"

#include <math.h>
#include <string.h>

#include "custody-report-trend.h"
#include "custody-store-reports.h"
#include "custody-store-trends.h"
#include "custody-time.h"

static double
share (gint64 part,
       gint64 whole)
{
  return whole > 0 ? (double) part / (double) whole : NAN;
}

/**
 * custody_report_trend_new:
 * @n_points: at least 2
 *
 * A trend of @n_points evenly spaced moments from @from to @to, none judged yet.
 */
CustodyReportTrend *
custody_report_trend_new (gint64 from,
                          gint64 to,
                          guint  n_points)
{
  CustodyReportTrend *trend;

  g_return_val_if_fail (n_points >= 2, NULL);

  trend = g_new0 (CustodyReportTrend, 1);
  trend->n_points = n_points;
  trend->times = g_new (gint64, n_points);
  trend->compliant = g_new (double, n_points);
  trend->clean = g_new (double, n_points);
  trend->judged = g_new0 (guint, n_points);
  trend->history_start = CUSTODY_TIME_NONE;
  trend->step = 1;
  for (guint i = 0; i < n_points; i++)
    {
      trend->times[i] = from + (to - from) * (gint64) i / (gint64) (n_points - 1);
      trend->compliant[i] = trend->clean[i] = NAN;
    }

  return trend;
}

void
custody_report_trend_free (CustodyReportTrend *trend)
{
  if (trend == NULL)
    return;

  g_free (trend->times);
  g_free (trend->compliant);
  g_free (trend->clean);
  g_free (trend->judged);
  g_clear_pointer (&trend->verdicts, g_ptr_array_unref);
  g_free (trend);
}

/**
 * custody_report_trend_replay:
 * @jobs: (nullable): only these jobs, or %NULL for all (then inside the
 *   caller's read transaction, if any)
 * @history_start: the first moment with history: no point before it is
 *   judged, except the last; %G_MAXINT64 when there is none
 * @copies: how many copies a replay judges, for the budget
 * @progress: (nullable): called after each replay, with the share done
 *
 * Replays the engine at the trend's points: at every point for a store of
 * a few thousand copies; for a larger one at every second, third… point
 * (a step that divides the period, so the last point is always judged),
 * so that the judged copies stay within %CUSTODY_REPORT_TREND_BUDGET.
 */
gboolean
custody_report_trend_replay (CustodyReportTrend          *trend,
                             CustodyStore                *store,
                             const char * const          *jobs,
                             gint64                       history_start,
                             gint64                       copies,
                             GCancellable                *cancellable,
                             CustodyReportTrendProgress   progress,
                             gpointer                     user_data,
                             GError                     **error)
{
  guint n = trend->n_points;
  guint step = n - 1;
  guint n_evaluations, done = 0;

  g_return_val_if_fail (trend != NULL, FALSE);
  g_return_val_if_fail (CUSTODY_IS_STORE (store), FALSE);

  trend->history_start = history_start == G_MAXINT64 ? CUSTODY_TIME_NONE : history_start;
  copies = MAX (copies, 1);
  for (guint k = 1; k < n; k++)
    if ((n - 1) % k == 0 && (gint64) ((n - 1) / k + 1) * copies <= CUSTODY_REPORT_TREND_BUDGET)
      {
        step = k;
        break;
      }
#define JUDGED_AT(i) ((i) % step == 0 && ((i) + 1 == n || trend->times[i] >= history_start))
  trend->step = step;
  n_evaluations = 0;
  for (guint i = 0; i < n; i++)
    if (JUDGED_AT (i))
      n_evaluations++;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GPtrArray) verdicts = NULL;
      guint by_status[CUSTODY_N_STATUSES] = { 0, };

      trend->compliant[i] = trend->clean[i] = NAN;
      trend->judged[i] = 0;
      if (!JUDGED_AT (i))
        continue;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      if (jobs == NULL)
        verdicts = custody_store_report_verdicts (store, trend->times[i], NULL, error);
      else
        verdicts = custody_store_evaluate_at (store, jobs, trend->times[i], error);
      if (verdicts == NULL)
        return FALSE;
      for (guint k = 0; k < verdicts->len; k++)
        by_status[((CustodyVerdict *) g_ptr_array_index (verdicts, k))->status]++;

      trend->compliant[i] = share (by_status[CUSTODY_STATUS_COMPLIANT]
                                   + by_status[CUSTODY_STATUS_AT_RISK], verdicts->len);
      trend->clean[i] = share (by_status[CUSTODY_STATUS_COMPLIANT], verdicts->len);
      trend->judged[i] = verdicts->len;
      if (i + 1 == n)
        {
          memcpy (trend->by_status, by_status, sizeof by_status);
          g_clear_pointer (&trend->verdicts, g_ptr_array_unref);
          trend->verdicts = g_steal_pointer (&verdicts);
        }
      if (progress != NULL)
        progress ((double) ++done / n_evaluations, user_data);
    }
#undef JUDGED_AT

  return TRUE;
}

/**
 * custody_report_trend_compute:
 * @jobs: (nullable): only these jobs, or %NULL for all
 *
 * The trend over (@from, @to], its history starting as the executive
 * summary's does: at the first run, or at the first verification once there
 * is one, whichever comes later.
 *
 * Returns: (transfer full): the trend, or %NULL with @error set
 */
CustodyReportTrend *
custody_report_trend_compute (CustodyStore                *store,
                              const char * const          *jobs,
                              gint64                       from,
                              gint64                       to,
                              guint                        n_points,
                              GCancellable                *cancellable,
                              CustodyReportTrendProgress   progress,
                              gpointer                     user_data,
                              GError                     **error)
{
  g_autoptr(CustodyReportTrend) trend = NULL;
  CustodyReportHistory history;
  gint64 start;

  g_return_val_if_fail (CUSTODY_IS_STORE (store), NULL);
  g_return_val_if_fail (n_points >= 2, NULL);

  if (!custody_store_report_history (store, jobs, to, &history, error))
    return NULL;

  start = history.first_run != CUSTODY_TIME_NONE ? history.first_run : G_MAXINT64;
  if (history.first_verification != CUSTODY_TIME_NONE)
    start = MAX (start, history.first_verification);

  trend = custody_report_trend_new (from, to, n_points);
  if (!custody_report_trend_replay (trend, store, jobs, start, history.copies, cancellable,
                                    progress, user_data, error))
    return NULL;

  return g_steal_pointer (&trend);
}

/* How many points were judged. */
guint
custody_report_trend_count (const CustodyReportTrend *trend)
{
  guint n = 0;

  g_return_val_if_fail (trend != NULL, 0);

  for (guint i = 0; i < trend->n_points; i++)
    if (trend->judged[i] > 0)
      n++;
  return n;
}
