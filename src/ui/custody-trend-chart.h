/* custody-trend-chart.h
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "custody-session.h"

G_BEGIN_DECLS

typedef enum
{
  CUSTODY_TREND_UNIT_PERCENT,    /* values are fractions, 0 to 1 */
  CUSTODY_TREND_UNIT_BYTES,
  CUSTODY_TREND_UNIT_DURATION,   /* seconds */
} CustodyTrendUnit;

#define CUSTODY_TREND_MAX_SERIES 2

/* What a chart draws: points in time, with up to two series of values
 * (the first solid, the second dashed) joined by lines, or, with
 * @status, points coloured and shaped by how each run ended. */
typedef struct
{
  CustodyTrendUnit  unit;
  gint64            from;        /* the time axis */
  gint64            to;
  guint             n_points;
  gint64           *times;
  guint             n_series;
  double           *values[CUSTODY_TREND_MAX_SERIES];   /* NAN: no value there */
  char             *labels[CUSTODY_TREND_MAX_SERIES];
  gboolean          sparse;      /* NAN: not measured, lines go through; else a gap */
  CustodyRunStatus *status;      /* NULL: lines; else one per point, no lines */
  char             *description; /* the text alternative */
  char             *empty_text;  /* what shows when no point has a value */
} CustodyTrendData;

CustodyTrendData *custody_trend_data_new  (CustodyTrendUnit  unit,
                                           gint64            from,
                                           gint64            to,
                                           guint             n_points,
                                           guint             n_series,
                                           gboolean          with_status);
void              custody_trend_data_free (CustodyTrendData *data);
guint             custody_trend_data_count (const CustodyTrendData *data);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CustodyTrendData, custody_trend_data_free)

/* Reads a chart's data in a worker thread: @job is the chart's job
 * (NULL for the team), @at the moment the session judged the store at. */
typedef CustodyTrendData *(*CustodyTrendLoadFunc) (CustodyStore  *store,
                                                   const char    *job,
                                                   gint64         at,
                                                   GCancellable  *cancellable,
                                                   GError       **error);

#define CUSTODY_TYPE_TREND_CHART (custody_trend_chart_get_type ())
G_DECLARE_FINAL_TYPE (CustodyTrendChart, custody_trend_chart, CUSTODY, TREND_CHART, GtkWidget)

GtkWidget              *custody_trend_chart_new             (void);
void                    custody_trend_chart_set_source      (CustodyTrendChart    *self,
                                                             CustodySession       *session,
                                                             CustodyTrendLoadFunc  load,
                                                             const char           *job);
void                    custody_trend_chart_set_data        (CustodyTrendChart    *self,
                                                             CustodyTrendData     *data);
const CustodyTrendData *custody_trend_chart_get_data        (CustodyTrendChart    *self);
gboolean                custody_trend_chart_get_loaded      (CustodyTrendChart    *self);
const char             *custody_trend_chart_get_title       (CustodyTrendChart    *self);
void                    custody_trend_chart_set_title       (CustodyTrendChart    *self,
                                                             const char           *title);
const char             *custody_trend_chart_get_description (CustodyTrendChart    *self);

G_END_DECLS
