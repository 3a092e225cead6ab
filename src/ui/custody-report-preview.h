/* custody-report-preview.h
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CUSTODY_TYPE_REPORT_PREVIEW (custody_report_preview_get_type ())
G_DECLARE_FINAL_TYPE (CustodyReportPreview, custody_report_preview, CUSTODY, REPORT_PREVIEW,
                      GObject)

CustodyReportPreview *custody_report_preview_new         (const char           *pdf_path,
                                                          guint                 n_pages,
                                                          double                page_width,
                                                          double                page_height);
guint                 custody_report_preview_get_n_pages (CustodyReportPreview *self);
void                  custody_report_preview_get_page_size (CustodyReportPreview *self,
                                                          double               *width,
                                                          double               *height);
GdkTexture           *custody_report_preview_get_texture (CustodyReportPreview *self,
                                                          guint                 page);
void                  custody_report_preview_request     (CustodyReportPreview *self,
                                                          guint                 page,
                                                          int                   width_px);
void                  custody_report_preview_release     (CustodyReportPreview *self,
                                                          guint                 page);
guint                 custody_report_preview_get_n_rendered (CustodyReportPreview *self);

G_END_DECLS
