/* custody-trend-loaders.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custody-trend-chart"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "custody-report-trend.h"
#include "custody-time.h"
#include "custody-trend-loaders.h"

#define MAX_RUNS 5000
#define DAY      (24 * 3600)

typedef enum { DURATION, BYTES } Measure;

static char *
short_date (gint64 t)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (t);

  /* Translators: a date in a sentence about a chart, in g_date_time_format()'s syntax */
  return dt != NULL ? g_date_time_format (dt, C_("trend date", "%b %-d")) : g_strdup ("");
}

/* The job's runs that ended in the last days, oldest first. */
static CustodyTrendData *
load_runs (CustodyStore  *store,
           const char    *job,
           gint64         at,
           Measure        measure,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(GPtrArray) kept = g_ptr_array_new ();
  gint64 from = at - CUSTODY_TREND_DAYS * DAY;
  guint counts[CUSTODY_N_RUN_STATUSES] = { 0, };
  CustodyTrendData *d;
  double largest = 0;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  runs = custody_store_list_executions (store, job, 0, MAX_RUNS, error);
  if (runs == NULL)
    return NULL;

  for (guint i = runs->len; i > 0; i--)
    {
      CustodyExecution *e = g_ptr_array_index (runs, i - 1);

      if (e->finished == CUSTODY_TIME_NONE || e->finished <= from || e->finished > at)
        continue;
      if (measure == BYTES && (e->bytes < 0 || e->status == CUSTODY_RUN_FAILED))
        continue;
      g_ptr_array_add (kept, e);
    }

  d = custody_trend_data_new (measure == BYTES ? CUSTODY_TREND_UNIT_BYTES
                                               : CUSTODY_TREND_UNIT_DURATION,
                              from, at, kept->len, 1, TRUE);
  d->labels[0] = g_strdup (measure == BYTES ? _("Data written") : _("Duration"));
  for (guint i = 0; i < kept->len; i++)
    {
      CustodyExecution *e = g_ptr_array_index (kept, i);

      d->times[i] = e->finished;
      d->values[0][i] = measure == BYTES ? (double) e->bytes
                                         : (double) MAX (e->finished - e->started, 0);
      d->status[i] = e->status;
      counts[e->status]++;
      largest = MAX (largest, d->values[0][i]);
    }

  if (measure == BYTES)
    {
      d->empty_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                    "No run wrote data in the last %d day",
                                                    "No run wrote data in the last %d days",
                                                    CUSTODY_TREND_DAYS), CUSTODY_TREND_DAYS);
      if (kept->len > 0)
        {
          g_autofree char *latest = g_format_size ((guint64) d->values[0][kept->len - 1]);
          g_autofree char *most = g_format_size ((guint64) largest);
          g_autofree char *first = NULL;

          first = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "%u run wrote data in the last %d days.",
                                                "%u runs wrote data in the last %d days.",
                                                kept->len),
                                   kept->len, CUSTODY_TREND_DAYS);
          /* Translators: "12 runs wrote data in the last 90 days. The latest wrote 2.1 GB,
           * the most 2.4 GB." */
          d->description = g_strdup_printf (_("%s The latest wrote %s, the most %s."),
                                            first, latest, most);
        }
    }
  else
    {
      d->empty_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                    "No runs in the last %d day",
                                                    "No runs in the last %d days",
                                                    CUSTODY_TREND_DAYS), CUSTODY_TREND_DAYS);
      if (kept->len > 0)
        {
          CustodyExecution *last = g_ptr_array_index (kept, kept->len - 1);
          g_autofree char *took = custody_duration_describe ((gint64) d->values[0][kept->len - 1]);
          g_autofree char *first = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                 "%u run in the last %d days:",
                                                                 "%u runs in the last %d days:",
                                                                 kept->len),
                                                    kept->len, CUSTODY_TREND_DAYS);

          /* Translators: "40 runs in the last 90 days: 37 succeeded, 2 with warnings,
           * 1 failed. The latest (Success) took 12 minutes." */
          d->description = g_strdup_printf (_("%s %u succeeded, %u with warnings, %u failed. "
                                              "The latest (%s) took %s."),
                                            first, counts[CUSTODY_RUN_SUCCESS],
                                            counts[CUSTODY_RUN_WARNING],
                                            counts[CUSTODY_RUN_FAILED],
                                            custody_run_status_get_label (last->status), took);
        }
    }

  return d;
}

CustodyTrendData *
custody_trend_load_run_durations (CustodyStore  *store,
                                  const char    *job,
                                  gint64         at,
                                  GCancellable  *cancellable,
                                  GError       **error)
{
  return load_runs (store, job, at, DURATION, cancellable, error);
}

CustodyTrendData *
custody_trend_load_run_bytes (CustodyStore  *store,
                              const char    *job,
                              gint64         at,
                              GCancellable  *cancellable,
                              GError       **error)
{
  return load_runs (store, job, at, BYTES, cancellable, error);
}

/**
 * custody_trend_load_compliance:
 * @job: (nullable): one job, or %NULL for the team
 *
 * The compliance trend of the last days, computed as the executive
 * summary computes it (custody_report_trend_compute()), one point a day
 * within the summary's budget.
 */
CustodyTrendData *
custody_trend_load_compliance (CustodyStore  *store,
                               const char    *job,
                               gint64         at,
                               GCancellable  *cancellable,
                               GError       **error)
{
  const char *jobs[] = { job, NULL };
  gint64 from = at - CUSTODY_TREND_DAYS * DAY;
  g_autoptr(CustodyReportTrend) trend = NULL;
  CustodyTrendData *d;
  guint judged = 0, compliant = 0, first = G_MAXUINT, last = G_MAXUINT;

  gint64 started = g_get_monotonic_time ();

  trend = custody_report_trend_compute (store, job != NULL ? jobs : NULL, from, at,
                                        CUSTODY_TREND_POINTS, cancellable, NULL, NULL, error);
  if (trend == NULL)
    return NULL;
  g_debug ("The compliance trend of %s: %u of %u days judged in %.3f s",
           job != NULL ? job : "the team", custody_report_trend_count (trend), trend->n_points,
           (g_get_monotonic_time () - started) / 1e6);

  d = custody_trend_data_new (CUSTODY_TREND_UNIT_PERCENT, from, at, trend->n_points, 2, FALSE);
  /* Moments the budget skipped are not gaps: the line goes through them.
   * Judged at every moment, a missing value is one (the job did not exist). */
  d->sparse = trend->step > 1;
  d->labels[0] = g_strdup (_("Compliant or at risk"));
  d->labels[1] = g_strdup (_("Compliant, not at risk"));
  for (guint i = 0; i < trend->n_points; i++)
    {
      d->times[i] = trend->times[i];
      /* Without history the summary still judges the last moment; a chart
       * of that one point would only say "no runs" as "0%". */
      if (trend->history_start == CUSTODY_TIME_NONE)
        continue;
      d->values[0][i] = trend->compliant[i];
      d->values[1][i] = trend->clean[i];
      if (isnan (trend->compliant[i]))
        continue;
      judged++;
      if (trend->compliant[i] >= 0.5)
        compliant++;
      if (first == G_MAXUINT)
        first = i;
      last = i;
    }

  if (job != NULL)
    {
      d->empty_text = g_strdup (_("No history yet: the job has no runs to judge"));
      if (judged > 0)
        {
          const char *now = trend->verdicts != NULL && trend->verdicts->len > 0
            ? custody_status_get_label (((CustodyVerdict *) g_ptr_array_index (trend->verdicts,
                                                                                0))->status)
            : "";
          /* Translators: "Compliant or at risk on 80 of the 91 days checked; now: Violation" */
          d->description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                         "Compliant or at risk on %u of the %u "
                                                         "day checked; now: %s",
                                                         "Compliant or at risk on %u of the %u "
                                                         "days checked; now: %s",
                                                         judged),
                                            compliant, judged, now);
        }
    }
  else
    {
      d->empty_text = g_strdup (_("No history yet: no job has runs to judge"));
      if (judged > 0)
        {
          g_autofree char *date = short_date (trend->times[first]);
          double now = trend->compliant[last], then = trend->compliant[first];

          /* Translators: "84% of jobs compliant or at risk now, 70% without risk;
           * +5.0 pts since Sep 9" */
          d->description = g_strdup_printf (_("%.0f%% of jobs compliant or at risk now, "
                                              "%.0f%% without risk; %+.1f pts since %s"),
                                            now * 100, trend->clean[last] * 100,
                                            (now - then) * 100, date);
        }
    }

  return d;
}
