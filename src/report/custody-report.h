/* custody-report.h
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "custody-report-layout.h"
#include "custody-store.h"

G_BEGIN_DECLS

#define CUSTODY_REPORT_ERROR (custody_report_error_quark ())

typedef enum
{
  CUSTODY_REPORT_ERROR_FAILED,
  CUSTODY_REPORT_ERROR_INVALID,   /* what was asked: a period that ends before it starts */
} CustodyReportError;

typedef enum
{
  CUSTODY_REPORT_COMPLIANCE,
  CUSTODY_REPORT_AUDIT,
  CUSTODY_REPORT_MEDIA,
  CUSTODY_REPORT_SUMMARY,
  CUSTODY_N_REPORT_KINDS
} CustodyReportKind;

#define CUSTODY_TYPE_REPORT (custody_report_get_type ())
G_DECLARE_FINAL_TYPE (CustodyReport, custody_report, CUSTODY, REPORT, GObject)

GQuark              custody_report_error_quark        (void);

const char         *custody_report_kind_to_string     (CustodyReportKind          kind);
gboolean            custody_report_kind_from_string   (const char                *str,
                                                       CustodyReportKind         *out);
const char         *custody_report_kind_get_title     (CustodyReportKind          kind);
const char         *custody_report_kind_get_description (CustodyReportKind        kind);
gboolean            custody_report_kind_has_period    (CustodyReportKind          kind);
gint64              custody_report_kind_default_span  (CustodyReportKind          kind);

CustodyReportPaper  custody_report_paper_for_locale   (void);
const char         *custody_report_paper_to_string    (CustodyReportPaper         paper);
gboolean            custody_report_paper_from_string  (const char                *str,
                                                       CustodyReportPaper        *out);

CustodyReport      *custody_report_new                (CustodyReportKind          kind);
void                custody_report_set_period         (CustodyReport             *self,
                                                       gint64                     from,
                                                       gint64                     to);
void                custody_report_set_paper          (CustodyReport             *self,
                                                       CustodyReportPaper         paper);
void                custody_report_set_author         (CustodyReport             *self,
                                                       const char                *author);
void                custody_report_set_generated_at   (CustodyReport             *self,
                                                       gint64                     at);
gint64              custody_report_get_generated_at   (CustodyReport             *self);
void                custody_report_set_progress_func  (CustodyReport             *self,
                                                       CustodyReportProgressFunc  func,
                                                       gpointer                   user_data);

gboolean            custody_report_write_pdf          (CustodyReport             *self,
                                                       CustodyStore              *store,
                                                       GOutputStream             *output,
                                                       GCancellable              *cancellable,
                                                       GError                   **error);
GPtrArray          *custody_report_record_pages       (CustodyReport             *self,
                                                       CustodyStore              *store,
                                                       GCancellable              *cancellable,
                                                       GError                   **error);
guint               custody_report_get_n_pages        (CustodyReport             *self);
guint               custody_report_get_unknown_glyphs (CustodyReport             *self);
void                custody_report_get_page_size      (CustodyReport             *self,
                                                       double                    *width,
                                                       double                    *height);

G_END_DECLS
