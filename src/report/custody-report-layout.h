/* custody-report-layout.h
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <gio/gio.h>
#include <pango/pangocairo.h>

G_BEGIN_DECLS

/* The paginated layout every report is written with. A report is a
 * function (CustodyReportBuildFunc) that adds blocks in order: sections,
 * paragraphs, key figures, tables, charts. The layout runs it twice: the
 * first run only measures, so that the second, which draws, knows the
 * number of pages for "page X of Y". Both runs must add the same blocks.
 *
 * Pages get a header (title, period) and a footer (generated at and by,
 * page X of Y); tables repeat their header row on every page they cross
 * and wrap long cells; sections become the PDF's outline. Text is laid out
 * by Pango (any script: Japanese included); short plain ASCII cells take a
 * fast path with the same font and metrics, which keeps a report of
 * hundreds of thousands of rows within seconds. */

typedef enum
{
  CUSTODY_REPORT_TONE_NORMAL,
  CUSTODY_REPORT_TONE_MUTED,
  CUSTODY_REPORT_TONE_GOOD,
  CUSTODY_REPORT_TONE_WARNING,
  CUSTODY_REPORT_TONE_BAD,
  CUSTODY_REPORT_TONE_STRONG,
  CUSTODY_REPORT_N_TONES
} CustodyReportTone;

typedef enum
{
  CUSTODY_REPORT_ALIGN_START,
  CUSTODY_REPORT_ALIGN_END,
  CUSTODY_REPORT_ALIGN_CENTER,
} CustodyReportAlign;

typedef enum
{
  CUSTODY_REPORT_STYLE_BODY,
  CUSTODY_REPORT_STYLE_TABLE,
  CUSTODY_REPORT_STYLE_TABLE_BOLD,
  CUSTODY_REPORT_STYLE_SMALL,
  CUSTODY_REPORT_STYLE_SMALL_BOLD,
  CUSTODY_REPORT_STYLE_HEADING,
  CUSTODY_REPORT_STYLE_SUBHEADING,
  CUSTODY_REPORT_STYLE_TITLE,
  CUSTODY_REPORT_STYLE_FIGURE,
  CUSTODY_REPORT_N_STYLES
} CustodyReportStyle;

typedef enum
{
  CUSTODY_REPORT_TABLE_DEFAULT   = 0,
  CUSTODY_REPORT_TABLE_NO_HEADER = 1 << 0,   /* label / value lists */
  CUSTODY_REPORT_TABLE_NO_STRIPES = 1 << 1,
} CustodyReportTableFlags;

typedef struct
{
  const char         *title;
  double              weight;   /* share of the width left by sized columns */
  CustodyReportAlign  align;
  const char         *sample;   /* if set, the column is as wide as this text */
} CustodyReportColumn;

/* Samples for columns of times, dates and volsers. */
#define CUSTODY_REPORT_SAMPLE_TIME   "2026-12-28 23:59"
#define CUSTODY_REPORT_SAMPLE_DATE   "2026-12-28"
#define CUSTODY_REPORT_SAMPLE_VOLSER "W00000LW"


typedef struct
{
  const char        *value;
  const char        *label;
  CustodyReportTone  tone;
} CustodyReportFigure;

/* The page sizes, in points. */
typedef enum
{
  CUSTODY_REPORT_PAPER_A4,
  CUSTODY_REPORT_PAPER_LETTER,
} CustodyReportPaper;

typedef struct _CustodyReportLayout CustodyReportLayout;

typedef gboolean (*CustodyReportBuildFunc) (CustodyReportLayout  *layout,
                                            gpointer              data,
                                            GError              **error);
/* Draws inside the box; text through custody_report_layout_draw_text(). */
typedef void     (*CustodyReportDrawFunc)  (CustodyReportLayout  *layout,
                                            cairo_t              *cr,
                                            double                x,
                                            double                y,
                                            double                width,
                                            double                height,
                                            gpointer              data);
/* @fraction from 0 to 1; called from the thread that runs the layout. */
typedef void     (*CustodyReportProgressFunc) (double             fraction,
                                               gpointer           user_data);

#define CUSTODY_TYPE_REPORT_LAYOUT (custody_report_layout_get_type ())
G_DECLARE_FINAL_TYPE (CustodyReportLayout, custody_report_layout, CUSTODY, REPORT_LAYOUT, GObject)

CustodyReportLayout *custody_report_layout_new        (CustodyReportPaper         paper);
void     custody_report_layout_set_header             (CustodyReportLayout       *self,
                                                       const char                *title,
                                                       const char                *period,
                                                       const char                *footer);
void     custody_report_layout_set_metadata           (CustodyReportLayout       *self,
                                                       const char                *author,
                                                       const char                *subject,
                                                       const char                *keywords,
                                                       gint64                     created);
void     custody_report_layout_set_language           (CustodyReportLayout       *self,
                                                       const char                *language);
void     custody_report_layout_set_progress_func      (CustodyReportLayout       *self,
                                                       CustodyReportProgressFunc  func,
                                                       gpointer                   user_data);
void     custody_report_layout_set_cancellable        (CustodyReportLayout       *self,
                                                       GCancellable              *cancellable);

gboolean custody_report_layout_write_pdf              (CustodyReportLayout       *self,
                                                       GOutputStream             *output,
                                                       CustodyReportBuildFunc     build,
                                                       gpointer                   data,
                                                       GError                   **error);
GPtrArray *custody_report_layout_record               (CustodyReportLayout       *self,
                                                       CustodyReportBuildFunc     build,
                                                       gpointer                   data,
                                                       GError                   **error);
guint    custody_report_layout_get_n_pages            (CustodyReportLayout       *self);
guint    custody_report_layout_get_unknown_glyphs     (CustodyReportLayout       *self);
void     custody_report_layout_get_page_size          (CustodyReportLayout       *self,
                                                       double                    *width,
                                                       double                    *height);

/* What a build function calls, in order. */
void     custody_report_layout_set_work               (CustodyReportLayout       *self,
                                                       guint64                    units);
void     custody_report_layout_add_work_done          (CustodyReportLayout       *self,
                                                       guint64                    units);
gboolean custody_report_layout_failed                 (CustodyReportLayout       *self);

void     custody_report_layout_title_block            (CustodyReportLayout       *self,
                                                       const char                *title,
                                                       const char * const        *lines);
void     custody_report_layout_section                (CustodyReportLayout       *self,
                                                       const char                *title);
void     custody_report_layout_subsection             (CustodyReportLayout       *self,
                                                       const char                *title);
void     custody_report_layout_paragraph              (CustodyReportLayout       *self,
                                                       CustodyReportTone          tone,
                                                       const char                *text);
void     custody_report_layout_figures                (CustodyReportLayout       *self,
                                                       const CustodyReportFigure *figures,
                                                       guint                      n_figures);
void     custody_report_layout_keep_together          (CustodyReportLayout       *self,
                                                       double                     height);
void     custody_report_layout_chart                  (CustodyReportLayout       *self,
                                                       double                     height,
                                                       CustodyReportDrawFunc      draw,
                                                       gpointer                   data);

void     custody_report_layout_begin_table            (CustodyReportLayout       *self,
                                                       const CustodyReportColumn *columns,
                                                       guint                      n_columns,
                                                       CustodyReportTableFlags    flags);
gboolean custody_report_layout_row                    (CustodyReportLayout       *self,
                                                       const char * const        *cells,
                                                       const CustodyReportTone   *tones);
void     custody_report_layout_end_table              (CustodyReportLayout       *self);
void     custody_report_layout_facts                  (CustodyReportLayout       *self,
                                                       const char * const       (*rows)[2],
                                                       guint                      n_rows);

/* For draw functions. */
double   custody_report_layout_text_width             (CustodyReportLayout       *self,
                                                       CustodyReportStyle         style,
                                                       const char                *text);
double   custody_report_layout_line_height            (CustodyReportLayout       *self,
                                                       CustodyReportStyle         style);
void     custody_report_layout_draw_text              (CustodyReportLayout       *self,
                                                       cairo_t                   *cr,
                                                       CustodyReportStyle         style,
                                                       CustodyReportTone          tone,
                                                       const char                *text,
                                                       double                     x,
                                                       double                     y,
                                                       CustodyReportAlign         align);
void     custody_report_layout_set_tone               (CustodyReportLayout       *self,
                                                       cairo_t                   *cr,
                                                       CustodyReportTone          tone);

G_END_DECLS
