/* custody-store-trends.h
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "custody-store.h"

G_BEGIN_DECLS

/* Where a trend can start: the records the engine judges by. */
typedef struct
{
  gint64 first_run;            /* the first run's end; CUSTODY_TIME_NONE: none */
  gint64 first_verification;   /* of all time; CUSTODY_TIME_NONE: none */
  gint64 copies;               /* that existed at the end */
} CustodyReportHistory;

gboolean custody_store_report_history (CustodyStore          *self,
                                       const char * const    *jobs,
                                       gint64                 to,
                                       CustodyReportHistory  *history,
                                       GError               **error);

G_END_DECLS
