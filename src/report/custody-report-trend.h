/* custody-report-trend.h
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "custody-store.h"

G_BEGIN_DECLS

/* The compliance trend: the engine replayed at evenly spaced moments of a
 * period, for all jobs or some. The executive summary charts it and the app
 * draws it, from this one computation, so both show the same figures. */

/* Copies judged for a trend, at most, all points together: keeps the
 * trend of a large store within seconds. */
#define CUSTODY_REPORT_TREND_BUDGET 150000

typedef void (*CustodyReportTrendProgress) (double   fraction,
                                            gpointer user_data);

typedef struct
{
  guint      n_points;
  gint64    *times;           /* from the period's start to its end */
  double    *compliant;       /* share compliant or at risk; NAN: not judged there */
  double    *clean;           /* share compliant, not at risk; NAN: not judged */
  guint     *judged;          /* jobs judged at each point; 0: not judged */
  gint64     history_start;   /* CUSTODY_TIME_NONE: no history at all */
  guint      step;            /* judged at every step-th point (the budget) */
  guint      by_status[CUSTODY_N_STATUSES];   /* at the last point */
  GPtrArray *verdicts;        /* at the last point, by job name */
} CustodyReportTrend;

CustodyReportTrend *custody_report_trend_new     (gint64                       from,
                                                  gint64                       to,
                                                  guint                        n_points);
void                custody_report_trend_free    (CustodyReportTrend          *trend);
gboolean            custody_report_trend_replay  (CustodyReportTrend          *trend,
                                                  CustodyStore                *store,
                                                  const char * const          *jobs,
                                                  gint64                       history_start,
                                                  gint64                       copies,
                                                  GCancellable                *cancellable,
                                                  CustodyReportTrendProgress   progress,
                                                  gpointer                     user_data,
                                                  GError                     **error);
CustodyReportTrend *custody_report_trend_compute (CustodyStore                *store,
                                                  const char * const          *jobs,
                                                  gint64                       from,
                                                  gint64                       to,
                                                  guint                        n_points,
                                                  GCancellable                *cancellable,
                                                  CustodyReportTrendProgress   progress,
                                                  gpointer                     user_data,
                                                  GError                     **error);
guint               custody_report_trend_count   (const CustodyReportTrend    *trend);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CustodyReportTrend, custody_report_trend_free)

G_END_DECLS
