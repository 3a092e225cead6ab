/* custody-report-chart.h
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "custody-report-layout.h"

G_BEGIN_DECLS

/* A line chart over time, drawn with cairo into a report: a legend, a
 * y axis with round ticks and labelled units, dated x ticks, each series a
 * line with its points marked, and the last value written out. */

typedef enum
{
  CUSTODY_REPORT_UNIT_PERCENT,   /* values are fractions, 0 to 1 */
  CUSTODY_REPORT_UNIT_BYTES,
  CUSTODY_REPORT_UNIT_COUNT,
} CustodyReportUnit;

#define CUSTODY_REPORT_CHART_MAX_SERIES 3

typedef struct
{
  const char        *label;
  const double      *values;   /* n_points of them; NAN: no value */
  CustodyReportTone  tone;
  gboolean           dashed;
  gboolean           sparse;   /* NAN: not measured there, draw through; else a gap */
} CustodyReportSeries;

typedef struct
{
  CustodyReportUnit    unit;
  guint                n_points;
  const gint64        *times;
  guint                n_series;
  CustodyReportSeries  series[CUSTODY_REPORT_CHART_MAX_SERIES];
  const char          *y_title;   /* "Share of jobs", "Stored data" */
} CustodyReportChart;

void custody_report_chart_draw (CustodyReportLayout *layout,
                                cairo_t             *cr,
                                double               x,
                                double               y,
                                double               width,
                                double               height,
                                gpointer             chart);

char *custody_report_chart_format (CustodyReportUnit  unit,
                                   double             value);

G_END_DECLS
