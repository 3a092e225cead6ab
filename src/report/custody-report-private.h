/* custody-report-private.h
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "custody-report.h"
#include "custody-store-reports.h"

G_BEGIN_DECLS

/* What each report's prepare and build functions share. prepare() runs
 * once, inside the report's read transaction, and keeps what is small
 * (verdicts, per-job figures) in @data; build() runs twice (measuring,
 * then drawing) and walks the long lists from the store each time. */
typedef struct
{
  CustodyReport     *report;
  CustodyStore      *store;
  CustodyReportKind  kind;
  gint64             from;          /* CUSTODY_TIME_NONE for reports of a moment */
  gint64             to;            /* the period's end, or the moment */
  gint64             generated_at;
  const char        *author;
  CustodyDesk       *desk;          /* the media report's: its date's lists */
  GCancellable      *cancellable;
  gpointer           data;
  GDestroyNotify     data_free;
} CustodyReportContext;

typedef gboolean (*CustodyReportPrepareFunc) (CustodyReportContext  *ctx,
                                              GError               **error);

gboolean custody_report_compliance_prepare (CustodyReportContext  *ctx,
                                            GError               **error);
gboolean custody_report_compliance_build   (CustodyReportLayout   *layout,
                                            gpointer               ctx,
                                            GError               **error);
gboolean custody_report_audit_prepare      (CustodyReportContext  *ctx,
                                            GError               **error);
gboolean custody_report_audit_build        (CustodyReportLayout   *layout,
                                            gpointer               ctx,
                                            GError               **error);
gboolean custody_report_media_prepare      (CustodyReportContext  *ctx,
                                            GError               **error);
gboolean custody_report_media_build        (CustodyReportLayout   *layout,
                                            gpointer               ctx,
                                            GError               **error);
gboolean custody_report_summary_prepare    (CustodyReportContext  *ctx,
                                            GError               **error);
gboolean custody_report_summary_build      (CustodyReportLayout   *layout,
                                            gpointer               ctx,
                                            GError               **error);

/* Progress of a prepare function, @fraction from 0 to 1. */
void     custody_report_context_progress   (CustodyReportContext  *ctx,
                                            double                 fraction);

/* The title block of a report's first page: title, period, who and when. */
void     custody_report_title_block        (CustodyReportLayout   *layout,
                                            CustodyReportContext  *ctx);

/* Formatting. The buffer forms write into @buf and return it. */
#define CUSTODY_REPORT_BUF 64

const char *custody_report_time      (gint64      t,
                                      char       *buf);
const char *custody_report_date      (gint64      t,
                                      char       *buf);
const char *custody_report_time_of_day (gint64    t,
                                      char       *buf);
const char *custody_report_day_time  (gint64      t,
                                      char       *buf);
const char *custody_report_count     (gint64      n,
                                      char       *buf);
const char *custody_report_percent   (double      fraction,
                                      char       *buf);
char       *custody_report_bytes     (gint64      bytes);
char       *custody_report_period    (gint64      from,
                                      gint64      to);
const char *custody_report_status_label (CustodyStatus status);
CustodyReportTone custody_report_status_tone (CustodyStatus status);

G_END_DECLS
