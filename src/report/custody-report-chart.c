/* custody-report-chart.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custody-report"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "custody-report-chart.h"
#include "custody-report-private.h"

#define TICKS 5

/* 1, 2, 2.5 or 5 times a power of ten, at least @raw. */
static double
nice_step (double raw)
{
  double magnitude, normal;

  if (raw <= 0 || !isfinite (raw))
    return 1;
  magnitude = pow (10, floor (log10 (raw)));
  normal = raw / magnitude;
  if (normal <= 1)
    return magnitude;
  if (normal <= 2)
    return 2 * magnitude;
  if (normal <= 2.5)
    return 2.5 * magnitude;
  if (normal <= 5)
    return 5 * magnitude;
  return 10 * magnitude;
}

char *
custody_report_chart_format (CustodyReportUnit unit,
                             double            value)
{
  static const char * const units[] = { "B", "kB", "MB", "GB", "TB", "PB", "EB" };
  guint u = 0;

  switch (unit)
    {
    case CUSTODY_REPORT_UNIT_PERCENT:
      return g_strdup_printf ("%.0f%%", value * 100);
    case CUSTODY_REPORT_UNIT_BYTES:
      while (fabs (value) >= 1000 && u + 1 < G_N_ELEMENTS (units))
        {
          value /= 1000;
          u++;
        }
      if (value == floor (value))
        return g_strdup_printf ("%.0f %s", value, units[u]);
      return g_strdup_printf ("%.1f %s", value, units[u]);
    case CUSTODY_REPORT_UNIT_COUNT:
    default:
      {
        char buf[CUSTODY_REPORT_BUF];
        return g_strdup (custody_report_count ((gint64) llround (value), buf));
      }
    }
}

/* The value axis: from @floor to @top by @step. Shares run from 0 to
 * 100%, or from a round share below the lowest value when every value is
 * above a half, so that 95% and 99% can be told apart; sizes and counts
 * always start at zero. */
static void
value_range (const CustodyReportChart *chart,
             double                   *floor_value,
             double                   *top,
             double                   *step)
{
  double max = 0, min = G_MAXDOUBLE;

  for (guint s = 0; s < chart->n_series; s++)
    for (guint i = 0; i < chart->n_points; i++)
      if (!isnan (chart->series[s].values[i]))
        {
          max = MAX (max, chart->series[s].values[i]);
          min = MIN (min, chart->series[s].values[i]);
        }

  *floor_value = 0;
  if (chart->unit == CUSTODY_REPORT_UNIT_PERCENT)
    {
      *top = 1.0;
      *step = 0.2;
      if (min != G_MAXDOUBLE && min >= 0.5)
        {
          *floor_value = floor (min * 10 - 0.2) / 10;
          *step = nice_step ((1.0 - *floor_value) / TICKS);
        }
      return;
    }

  if (chart->unit == CUSTODY_REPORT_UNIT_BYTES)
    {
      /* Steps in whole decimal units of the largest value. */
      double unit = 1;

      while (max / unit >= 1000)
        unit *= 1000;
      *step = nice_step (max / unit / TICKS) * unit;
    }
  else
    *step = MAX (1, nice_step (max / TICKS));
  *top = MAX (*step, ceil (max / *step) * *step);
}

/* A tick's date, with the time of day when the chart spans a few days. */
static const char *
tick_label (gint64    t,
            gboolean  with_time,
            char     *buf)
{
  if (!with_time)
    return custody_report_date (t, buf);
  /* "2026-11-19 13:30" without its year: "11-19 13:30" */
  return custody_report_day_time (t, buf);
}

/* The usual mark of a cut axis: the axis interrupted by two short slanted strokes
 * around (@x, @y). */
static void
draw_axis_break (cairo_t *cr,
                 double   x,
                 double   y)
{
  cairo_save (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, x - 5, y - 2, 10, 4);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0.25, 0.25, 0.25);
  cairo_set_line_width (cr, 0.8);
  for (int k = -1; k <= 1; k += 2)
    {
      cairo_move_to (cr, x - 4, y + k * 2 + 1.5);
      cairo_line_to (cr, x + 4, y + k * 2 - 1.5);
    }
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
set_dash (cairo_t  *cr,
          gboolean  dashed)
{
  static const double dash[] = { 4.0, 2.5 };

  cairo_set_dash (cr, dash, dashed ? 2 : 0, 0);
}

/**
 * custody_report_chart_draw:
 * @chart: a CustodyReportChart
 *
 * A CustodyReportDrawFunc.
 */
void
custody_report_chart_draw (CustodyReportLayout *layout,
                           cairo_t             *cr,
                           double               x,
                           double               y,
                           double               width,
                           double               height,
                           gpointer             data)
{
  const CustodyReportChart *chart = data;
  double line = custody_report_layout_line_height (layout, CUSTODY_REPORT_STYLE_SMALL);
  double floor_value, top_value, step, label_width = 0, legend_x;
  double left, right, top, bottom, last_label = -G_MAXDOUBLE;
  gint64 t0, t1;
  guint stride;
  gboolean with_time;
  char last_text[CUSTODY_REPORT_BUF] = "";

  if (chart->n_points == 0)
    return;

  value_range (chart, &floor_value, &top_value, &step);
  t0 = chart->times[0];
  t1 = chart->times[chart->n_points - 1];

  for (double v = floor_value; v <= top_value + step / 2; v += step)
    {
      g_autofree char *label = custody_report_chart_format (chart->unit, v);
      label_width = MAX (label_width,
                         custody_report_layout_text_width (layout, CUSTODY_REPORT_STYLE_SMALL,
                                                           label));
    }

  left = x + label_width + 6;
  right = x + width - 46;
  top = y + line + 10;
  bottom = y + height - line - 6;

  /* What the values are, and the legend, over the plot; an axis that does not start
   * at zero says so, in words and with a break in the axis. */
  if (chart->y_title != NULL && floor_value > 0)
    {
      g_autofree char *from = custody_report_chart_format (chart->unit, floor_value);
      /* Translators: a chart's title, then where its value axis starts, e.g.
       * "Share of jobs (axis from 60%)" */
      g_autofree char *title = g_strdup_printf (_("%s (axis from %s)"), chart->y_title, from);

      custody_report_layout_draw_text (layout, cr, CUSTODY_REPORT_STYLE_SMALL_BOLD,
                                       CUSTODY_REPORT_TONE_MUTED, title, x, y,
                                       CUSTODY_REPORT_ALIGN_START);
    }
  else if (chart->y_title != NULL)
    custody_report_layout_draw_text (layout, cr, CUSTODY_REPORT_STYLE_SMALL_BOLD,
                                     CUSTODY_REPORT_TONE_MUTED, chart->y_title, x, y,
                                     CUSTODY_REPORT_ALIGN_START);
  legend_x = x + width;
  for (int s = (int) chart->n_series - 1; s >= 0; s--)
    {
      const CustodyReportSeries *series = &chart->series[s];
      double w = custody_report_layout_text_width (layout, CUSTODY_REPORT_STYLE_SMALL,
                                                   series->label);

      legend_x -= w;
      custody_report_layout_draw_text (layout, cr, CUSTODY_REPORT_STYLE_SMALL,
                                       CUSTODY_REPORT_TONE_NORMAL, series->label, legend_x, y,
                                       CUSTODY_REPORT_ALIGN_START);
      legend_x -= 20;
      custody_report_layout_set_tone (layout, cr, series->tone);
      cairo_set_line_width (cr, 1.6);
      set_dash (cr, series->dashed);
      cairo_move_to (cr, legend_x, y + line / 2);
      cairo_line_to (cr, legend_x + 16, y + line / 2);
      cairo_stroke (cr);
      legend_x -= 12;
    }
  set_dash (cr, FALSE);

  /* Grid and y ticks */
  for (double v = floor_value; v <= top_value + step / 2; v += step)
    {
      double py = bottom - (bottom - top) * (v - floor_value) / (top_value - floor_value);
      g_autofree char *label = custody_report_chart_format (chart->unit, v);

      cairo_set_source_rgb (cr, 0.85, 0.85, 0.85);
      cairo_set_line_width (cr, 0.5);
      cairo_move_to (cr, left, py);
      cairo_line_to (cr, right, py);
      cairo_stroke (cr);
      custody_report_layout_draw_text (layout, cr, CUSTODY_REPORT_STYLE_SMALL,
                                       CUSTODY_REPORT_TONE_MUTED, label, left - 4, py - line / 2,
                                       CUSTODY_REPORT_ALIGN_END);
    }

  /* Axes */
  cairo_set_source_rgb (cr, 0.25, 0.25, 0.25);
  cairo_set_line_width (cr, 0.8);
  cairo_move_to (cr, left, top);
  cairo_line_to (cr, left, bottom);
  cairo_line_to (cr, right, bottom);
  cairo_stroke (cr);
  if (floor_value > 0)
    draw_axis_break (cr, left, bottom - 7);

  /* x ticks: as many dated labels as fit; times of day too over a few days */
  with_time = t1 - t0 < 4 * 24 * 3600;
  {
    char buf[CUSTODY_REPORT_BUF];
    double date_width = custody_report_layout_text_width (layout, CUSTODY_REPORT_STYLE_SMALL,
                                                          tick_label (t1, with_time, buf)) + 8;
    double room = chart->n_points > 1 ? (right - left) / (chart->n_points - 1) : right - left;

    stride = MAX (1, (guint) ceil (date_width / room));
  }
  for (guint i = 0; i < chart->n_points; i++)
    {
      double px = t1 > t0
                  ? left + (right - left) * (double) (chart->times[i] - t0) / (double) (t1 - t0)
                  : left;
      char buf[CUSTODY_REPORT_BUF];

      cairo_set_source_rgb (cr, 0.25, 0.25, 0.25);
      cairo_set_line_width (cr, 0.8);
      cairo_move_to (cr, px, bottom);
      cairo_line_to (cr, px, bottom + 3);
      cairo_stroke (cr);

      /* The last date always shows; others by the stride, without overlap. */
      if ((i % stride == 0 && (chart->n_points - 1 - i) >= stride) || i + 1 == chart->n_points)
        {
          const char *date = tick_label (chart->times[i], with_time, buf);
          double w = custody_report_layout_text_width (layout, CUSTODY_REPORT_STYLE_SMALL, date);

          /* Never the same label twice, never two labels overlapping. */
          if (px - w / 2 > last_label + 4 && !g_str_equal (date, last_text))
            {
              custody_report_layout_draw_text (layout, cr, CUSTODY_REPORT_STYLE_SMALL,
                                               CUSTODY_REPORT_TONE_MUTED, date, px, bottom + 4,
                                               CUSTODY_REPORT_ALIGN_CENTER);
              last_label = px + w / 2;
              g_strlcpy (last_text, date, sizeof last_text);
            }
        }
    }

  /* Series */
  for (guint s = 0; s < chart->n_series; s++)
    {
      const CustodyReportSeries *series = &chart->series[s];
      gboolean pen_down = FALSE;
      double last_x = 0, last_y = 0, last_value = NAN;

      custody_report_layout_set_tone (layout, cr, series->tone);
      cairo_set_line_width (cr, 1.6);
      set_dash (cr, series->dashed);
      for (guint i = 0; i < chart->n_points; i++)
        {
          double v = series->values[i];
          double px, py;

          if (isnan (v))
            {
              if (!series->sparse)
                pen_down = FALSE;
              continue;
            }
          px = t1 > t0
               ? left + (right - left) * (double) (chart->times[i] - t0) / (double) (t1 - t0)
               : left;
          py = bottom - (bottom - top) * (CLAMP (v, floor_value, top_value) - floor_value)
                        / (top_value - floor_value);
          if (pen_down)
            cairo_line_to (cr, px, py);
          else
            cairo_move_to (cr, px, py);
          pen_down = TRUE;
          last_x = px;
          last_y = py;
          last_value = v;
        }
      cairo_stroke (cr);
      set_dash (cr, FALSE);

      for (guint i = 0; i < chart->n_points; i++)
        {
          double v = series->values[i];
          double px, py;

          if (isnan (v))
            continue;
          px = t1 > t0
               ? left + (right - left) * (double) (chart->times[i] - t0) / (double) (t1 - t0)
               : left;
          py = bottom - (bottom - top) * (CLAMP (v, floor_value, top_value) - floor_value)
                        / (top_value - floor_value);
          cairo_new_sub_path (cr);
          cairo_arc (cr, px, py, 1.8, 0, 2 * G_PI);
        }
      cairo_fill (cr);

      if (!isnan (last_value))
        {
          g_autofree char *label = custody_report_chart_format (chart->unit, last_value);

          custody_report_layout_draw_text (layout, cr, CUSTODY_REPORT_STYLE_SMALL_BOLD,
                                           series->tone, label, last_x + 5,
                                           last_y - line / 2 + (s == 0 ? -line / 2 : line / 2),
                                           CUSTODY_REPORT_ALIGN_START);
        }
    }
}
