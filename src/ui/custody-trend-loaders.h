/* custody-trend-loaders.h
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "custody-trend-chart.h"

G_BEGIN_DECLS

/* What the trend charts read, in worker threads: a job's runs and its
 * compliance, and the team's compliance, over the last TREND_DAYS days. */

#define CUSTODY_TREND_DAYS   90
#define CUSTODY_TREND_POINTS (CUSTODY_TREND_DAYS + 1)   /* one a day, both ends */

CustodyTrendData *custody_trend_load_run_durations  (CustodyStore  *store,
                                                     const char    *job,
                                                     gint64         at,
                                                     GCancellable  *cancellable,
                                                     GError       **error);
CustodyTrendData *custody_trend_load_run_bytes      (CustodyStore  *store,
                                                     const char    *job,
                                                     gint64         at,
                                                     GCancellable  *cancellable,
                                                     GError       **error);
CustodyTrendData *custody_trend_load_compliance     (CustodyStore  *store,
                                                     const char    *job,
                                                     gint64         at,
                                                     GCancellable  *cancellable,
                                                     GError       **error);

G_END_DECLS
