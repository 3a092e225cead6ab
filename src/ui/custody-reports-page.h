/* custody-reports-page.h
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "custody-page.h"
#include "custody-report-preview.h"
#include "custody-report.h"

G_BEGIN_DECLS

#define CUSTODY_TYPE_REPORTS_PAGE (custody_reports_page_get_type ())
G_DECLARE_FINAL_TYPE (CustodyReportsPage, custody_reports_page, CUSTODY, REPORTS_PAGE, CustodyPage)

void                  custody_reports_page_set_kind         (CustodyReportsPage *self,
                                                             CustodyReportKind   kind);
CustodyReportPreview *custody_reports_page_get_preview      (CustodyReportsPage *self);
gboolean              custody_reports_page_get_busy         (CustodyReportsPage *self);
void                  custody_reports_page_save_to          (CustodyReportsPage *self,
                                                             GFile              *file);
void                  custody_reports_page_set_print_export (CustodyReportsPage *self,
                                                             const char         *path);

G_END_DECLS
