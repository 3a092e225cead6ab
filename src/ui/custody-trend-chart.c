/* custody-trend-chart.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custody-trend-chart"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "custody-time.h"
#include "custody-trend-chart.h"
#include "custody-ui-utils.h"

/* A chart of values over time, drawn with cairo in a snapshot, in the
 * theme's colours: a legend, a value axis with round ticks, dated ticks,
 * lines with their points, or runs as points coloured and shaped by how
 * they ended. It reads its data lazily: in a worker thread, through the
 * session, when it is mapped; again when the store changes; never while
 * it is hidden. Screen readers get the data's description. */
struct _CustodyTrendChart
{
  GtkWidget             parent_instance;

  CustodyTrendData     *data;
  char                 *title;
  CustodySession       *session;
  CustodyTrendLoadFunc  load;
  char                 *job;
  gulong                reloaded_id;
  GCancellable         *cancellable;   /* of the read in flight, if any */
  gint64                read_version;  /* the store's data version and time of the */
  gint64                read_at;       /* latest read, or of the one in flight */
  double                plot_left;     /* where the last drawing put the plot */
  double                plot_right;
  guint                 dirty : 1;
  guint                 again : 1;     /* the store changed during the read */
  guint                 failed : 1;
};

G_DEFINE_FINAL_TYPE (CustodyTrendChart, custody_trend_chart, GTK_TYPE_WIDGET)

enum { PROP_0, PROP_TITLE, N_PROPS };
static GParamSpec *properties[N_PROPS];

enum { LOADED, N_SIGNALS };
static guint signals[N_SIGNALS];

#define CHART_HEIGHT 180
#define EMPTY_HEIGHT 64
#define DAY          (24 * 3600)

/*
 * Data
 */

CustodyTrendData *
custody_trend_data_new (CustodyTrendUnit unit,
                        gint64           from,
                        gint64           to,
                        guint            n_points,
                        guint            n_series,
                        gboolean         with_status)
{
  CustodyTrendData *data = g_new0 (CustodyTrendData, 1);

  g_return_val_if_fail (n_series <= CUSTODY_TREND_MAX_SERIES, NULL);

  data->unit = unit;
  data->from = from;
  data->to = to;
  data->n_points = n_points;
  data->n_series = n_series;
  data->times = g_new0 (gint64, MAX (n_points, 1));
  for (guint s = 0; s < n_series; s++)
    {
      data->values[s] = g_new (double, MAX (n_points, 1));
      for (guint i = 0; i < n_points; i++)
        data->values[s][i] = NAN;
    }
  if (with_status)
    data->status = g_new0 (CustodyRunStatus, MAX (n_points, 1));

  return data;
}

void
custody_trend_data_free (CustodyTrendData *data)
{
  if (data == NULL)
    return;

  g_free (data->times);
  for (guint s = 0; s < CUSTODY_TREND_MAX_SERIES; s++)
    {
      g_free (data->values[s]);
      g_free (data->labels[s]);
    }
  g_free (data->status);
  g_free (data->description);
  g_free (data->empty_text);
  g_free (data);
}

/* How many points have a value in the first series. */
guint
custody_trend_data_count (const CustodyTrendData *data)
{
  guint n = 0;

  if (data == NULL || data->n_series == 0)
    return 0;
  for (guint i = 0; i < data->n_points; i++)
    if (!isnan (data->values[0][i]))
      n++;
  return n;
}

/*
 * Axes
 */

static char *
format_value (CustodyTrendUnit unit,
              double           value)
{
  switch (unit)
    {
    case CUSTODY_TREND_UNIT_BYTES:
      return value <= 0 ? g_strdup ("0") : g_format_size ((guint64) value);
    case CUSTODY_TREND_UNIT_DURATION:
      if (value <= 0)
        return g_strdup ("0");
      if (value < 60)
        /* Translators: a short duration on a chart's axis, in seconds */
        return g_strdup_printf (_("%.0f s"), value);
      if (value < 3600)
        /* Translators: a short duration on a chart's axis, in minutes */
        return g_strdup_printf (_("%.0f min"), value / 60);
      if (value < 2 * 86400)
        /* Translators: a short duration on a chart's axis, in hours: "1.5 h" */
        return g_strdup_printf (_("%g h"), value / 3600);
      /* Translators: a short duration on a chart's axis, in days: "2 d" */
      return g_strdup_printf (_("%g d"), value / 86400);
    case CUSTODY_TREND_UNIT_PERCENT:
    default:
      return g_strdup_printf ("%.0f%%", value * 100);
    }
}

/* A round step that gives about four ticks up to @max. */
static double
nice_step (CustodyTrendUnit unit,
           double           max)
{
  static const double durations[] = {
    1, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400,
    172800, 604800,
  };
  double raw = max / 4, magnitude, f;

  if (unit == CUSTODY_TREND_UNIT_PERCENT)
    return 0.25;
  if (raw <= 0)
    return 1;
  if (unit == CUSTODY_TREND_UNIT_DURATION)
    {
      for (guint i = 0; i < G_N_ELEMENTS (durations); i++)
        if (durations[i] >= raw)
          return durations[i];
      return ceil (raw / 604800) * 604800;
    }
  magnitude = pow (10, floor (log10 (raw)));
  f = raw / magnitude;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * magnitude;
}

static char *
tick_date (gint64 t)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (t);

  /* Translators: a date under a chart's time axis, in g_date_time_format()'s
   * syntax: "Nov 8" */
  return dt != NULL ? g_date_time_format (dt, C_("chart date", "%b %-d")) : g_strdup ("");
}

/* The local midnight at or before @t. */
static gint64
day_start (gint64 t)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (t);
  g_autoptr(GDateTime) midnight = NULL;

  if (dt == NULL)
    return t;
  midnight = g_date_time_new_local (g_date_time_get_year (dt), g_date_time_get_month (dt),
                                    g_date_time_get_day_of_month (dt), 0, 0, 0);
  return midnight != NULL ? g_date_time_to_unix (midnight) : t;
}

/*
 * Drawing
 */

static void
lookup_color (GtkWidget  *widget,
              const char *name,
              GdkRGBA    *color,
              const GdkRGBA *fallback)
{
  if (!gtk_style_context_lookup_color (gtk_widget_get_style_context (widget), name, color))
    *color = *fallback;
}

static void
set_color (cairo_t       *cr,
           const GdkRGBA *color,
           double         alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * alpha);
}

static PangoLayout *
small_layout (GtkWidget  *widget,
              const char *text)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, text);
  g_autoptr(PangoAttrList) attrs = pango_attr_list_new ();

  pango_attr_list_insert (attrs, pango_attr_scale_new (0.83));
  pango_layout_set_attributes (layout, attrs);
  return layout;
}

static double
text_width (GtkWidget  *widget,
            const char *text)
{
  g_autoptr(PangoLayout) layout = small_layout (widget, text);
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  return w;
}

/* Draws @text with its top at @y: @align 0 starts at @x, 0.5 centres, 1 ends there. */
static double
draw_text (GtkWidget  *widget,
           cairo_t    *cr,
           const char *text,
           double      x,
           double      y,
           double      align)
{
  g_autoptr(PangoLayout) layout = small_layout (widget, text);
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_move_to (cr, round (x - w * align), round (y));
  pango_cairo_show_layout (cr, layout);
  return w;
}

static void
draw_mark (cairo_t          *cr,
           CustodyRunStatus  status,
           double            x,
           double            y)
{
  switch (status)
    {
    case CUSTODY_RUN_FAILED:
      cairo_set_line_width (cr, 2);
      cairo_move_to (cr, x - 3.5, y - 3.5);
      cairo_line_to (cr, x + 3.5, y + 3.5);
      cairo_move_to (cr, x + 3.5, y - 3.5);
      cairo_line_to (cr, x - 3.5, y + 3.5);
      cairo_stroke (cr);
      break;
    case CUSTODY_RUN_WARNING:
      cairo_move_to (cr, x, y - 4.5);
      cairo_line_to (cr, x + 4.5, y + 3.5);
      cairo_line_to (cr, x - 4.5, y + 3.5);
      cairo_close_path (cr);
      cairo_fill (cr);
      break;
    case CUSTODY_RUN_SUCCESS:
    case CUSTODY_RUN_RUNNING:
    case CUSTODY_N_RUN_STATUSES:
    default:
      cairo_new_sub_path (cr);
      cairo_arc (cr, x, y, 3.2, 0, 2 * G_PI);
      cairo_fill (cr);
      break;
    }
}

/* The first series a broad line in the accent colour, the second a thin
 * dashed one over it: both show where they are the same. */
static void
set_series_pen (cairo_t       *cr,
                guint          series,
                const GdkRGBA *accent,
                const GdkRGBA *fg)
{
  if (series == 0)
    {
      set_color (cr, accent, 1);
      cairo_set_line_width (cr, 3);
      cairo_set_dash (cr, NULL, 0, 0);
    }
  else
    {
      set_color (cr, fg, 0.8);
      cairo_set_line_width (cr, 1.5);
      cairo_set_dash (cr, (const double[]) { 4, 3 }, 2, 0);
    }
}

static double
legend_width (CustodyTrendChart *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  const CustodyTrendData *d = self->data;
  double w = 0;

  if (d->status != NULL)
    w = text_width (widget, _("Failed")) + text_width (widget, _("With warnings"))
        + text_width (widget, _("Succeeded")) + 3 * 26;
  else
    for (guint s = 0; s < d->n_series; s++)
      w += text_width (widget, d->labels[s] != NULL ? d->labels[s] : "") + 36;
  return w;
}

static void
draw_chart (CustodyTrendChart *self,
            cairo_t           *cr,
            double             width,
            double             height)
{
  GtkWidget *widget = GTK_WIDGET (self);
  const CustodyTrendData *d = self->data;
  static const GdkRGBA blue = { 0.21, 0.52, 0.89, 1 };
  static const GdkRGBA green = { 0.15, 0.64, 0.41, 1 };
  static const GdkRGBA orange = { 0.80, 0.50, 0, 1 };
  static const GdkRGBA red = { 0.88, 0.11, 0.14, 1 };
  GdkRGBA fg, accent, status_colors[CUSTODY_N_RUN_STATUSES];
  g_autoptr(PangoLayout) probe = small_layout (widget, "0");
  int line_h, probe_w;
  double max = 0, step, top_value, left, right, top, bottom, label_w = 0;
  gint64 t0, t1, tick_days;
  gboolean stacked;
  guint legend_lines;

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  lookup_color (widget, "accent_color", &accent, &blue);
  lookup_color (widget, "success_color", &status_colors[CUSTODY_RUN_SUCCESS], &green);
  lookup_color (widget, "warning_color", &status_colors[CUSTODY_RUN_WARNING], &orange);
  lookup_color (widget, "error_color", &status_colors[CUSTODY_RUN_FAILED], &red);
  status_colors[CUSTODY_RUN_RUNNING] = accent;
  pango_layout_get_pixel_size (probe, &probe_w, &line_h);

  if (d == NULL || custody_trend_data_count (d) == 0)
    {
      const char *text = d == NULL ? (self->failed ? _("The history could not be read")
                                                    : _("Reading the history…"))
                                   : d->empty_text != NULL ? d->empty_text
                                                           : _("No history yet");
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, text);
      int w, h;

      pango_layout_set_width (layout, (int) (width - 24) * PANGO_SCALE);
      pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      pango_layout_get_pixel_size (layout, &w, &h);
      set_color (cr, &fg, 0.55);
      cairo_move_to (cr, 12, round ((height - h) / 2));
      pango_cairo_show_layout (cr, layout);
      return;
    }

  /* The value axis: from zero to a round value above the largest. */
  for (guint s = 0; s < d->n_series; s++)
    for (guint i = 0; i < d->n_points; i++)
      if (!isnan (d->values[s][i]))
        max = MAX (max, d->values[s][i]);
  if (d->unit == CUSTODY_TREND_UNIT_PERCENT)
    max = 1;
  step = nice_step (d->unit, max);
  top_value = MAX (step, ceil (max / step - 1e-9) * step);
  for (double v = 0; v <= top_value + step / 2; v += step)
    {
      g_autofree char *label = format_value (d->unit, v);
      label_w = MAX (label_w, text_width (widget, label));
    }

  left = label_w + 8;
  right = width - 8;
  stacked = legend_width (self) > width;
  legend_lines = stacked ? (d->status != NULL ? 3 : d->n_series) : 1;
  top = legend_lines * line_h + 10;
  bottom = height - line_h - 8;
  t0 = d->from;
  t1 = MAX (d->to, d->from + 1);
  if (right - left < 40 || bottom - top < 30)
    return;
  self->plot_left = left;
  self->plot_right = right;

  /* The legend, over the plot, from the right; one entry a line when it
   * does not fit on one. */
  {
    double x = width, y = 0;

    if (d->status != NULL)
      {
        static const CustodyRunStatus order[] = {
          CUSTODY_RUN_FAILED, CUSTODY_RUN_WARNING, CUSTODY_RUN_SUCCESS,
        };

        for (guint k = 0; k < G_N_ELEMENTS (order); k++)
          {
            const char *label = order[k] == CUSTODY_RUN_FAILED ? _("Failed")
                              : order[k] == CUSTODY_RUN_WARNING ? _("With warnings")
                              : _("Succeeded");

            x -= text_width (widget, label);
            set_color (cr, &fg, 0.75);
            draw_text (widget, cr, label, x, y, 0);
            x -= 10;
            set_color (cr, &status_colors[order[k]], 1);
            draw_mark (cr, order[k], x, y + line_h / 2.0);
            x -= 16;
            if (stacked)
              {
                x = width;
                y += line_h;
              }
          }
      }
    else
      for (int s = (int) d->n_series - 1; s >= 0; s--)
        {
          const char *label = d->labels[s] != NULL ? d->labels[s] : "";

          x -= text_width (widget, label);
          set_color (cr, &fg, 0.75);
          draw_text (widget, cr, label, x, y, 0);
          x -= 22;
          set_series_pen (cr, s, &accent, &fg);
          cairo_move_to (cr, x, y + line_h / 2.0);
          cairo_line_to (cr, x + 16, y + line_h / 2.0);
          cairo_stroke (cr);
          cairo_set_dash (cr, NULL, 0, 0);
          x -= 14;
          if (stacked)
            {
              x = width;
              y += line_h;
            }
        }
  }

  /* Grid and value ticks */
  cairo_set_line_width (cr, 1);
  for (double v = 0; v <= top_value + step / 2; v += step)
    {
      double y = round (bottom - (bottom - top) * v / top_value) + 0.5;
      g_autofree char *label = format_value (d->unit, v);

      set_color (cr, &fg, v == 0 ? 0.4 : 0.12);
      cairo_move_to (cr, left, y);
      cairo_line_to (cr, right, y);
      cairo_stroke (cr);
      set_color (cr, &fg, 0.6);
      draw_text (widget, cr, label, left - 6, y - line_h / 2.0, 1);
    }

  /* Dated ticks at midnights, as many days apart as the labels need. */
  {
    static const gint64 steps[] = { 1, 2, 7, 14, 28, 56, 91, 182, 365 };
    g_autofree char *sample = tick_date (t1);
    double room = text_width (widget, sample) + 16;
    double per_day = (right - left) / ((double) (t1 - t0) / DAY);
    double last_end = -G_MAXDOUBLE;

    tick_days = steps[G_N_ELEMENTS (steps) - 1];
    for (guint k = 0; k < G_N_ELEMENTS (steps); k++)
      if (steps[k] * per_day >= room)
        {
          tick_days = steps[k];
          break;
        }

    for (gint64 day = day_start (t1); day >= t0;
         day = day_start (day - (tick_days - 1) * DAY - DAY / 2))
      {
        double x = round (left + (right - left) * (double) (day - t0) / (double) (t1 - t0)) + 0.5;
        g_autofree char *label = tick_date (day);
        double w = text_width (widget, label);

        set_color (cr, &fg, 0.4);
        cairo_move_to (cr, x, bottom);
        cairo_line_to (cr, x, bottom + 4);
        cairo_stroke (cr);
        if (x + w / 2 <= width && x - w / 2 >= 0
            && (last_end == -G_MAXDOUBLE || x + w / 2 < last_end - 8))
          {
            set_color (cr, &fg, 0.6);
            draw_text (widget, cr, label, x, bottom + 5, 0.5);
            last_end = x - w / 2;
          }
      }
  }

  /* The values */
  for (guint s = 0; s < d->n_series; s++)
    {
      gboolean pen_down = FALSE;

      if (d->status == NULL)
        {
          set_series_pen (cr, s, &accent, &fg);
          cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
          for (guint i = 0; i < d->n_points; i++)
            {
              double v = d->values[s][i], x, y;

              if (isnan (v))
                {
                  if (!d->sparse)
                    pen_down = FALSE;
                  continue;
                }
              x = left + (right - left) * (double) (d->times[i] - t0) / (double) (t1 - t0);
              y = bottom - (bottom - top) * CLAMP (v, 0, top_value) / top_value;
              if (pen_down)
                cairo_line_to (cr, x, y);
              else
                cairo_move_to (cr, x, y);
              pen_down = TRUE;
            }
          cairo_stroke (cr);
          cairo_set_dash (cr, NULL, 0, 0);
        }

      for (guint i = 0; i < d->n_points; i++)
        {
          double v = d->values[s][i], x, y;

          if (isnan (v))
            continue;
          x = left + (right - left) * (double) (d->times[i] - t0) / (double) (t1 - t0);
          y = bottom - (bottom - top) * CLAMP (v, 0, top_value) / top_value;
          if (d->status != NULL)
            {
              set_color (cr, &status_colors[d->status[i]], 1);
              draw_mark (cr, d->status[i], x, y);
            }
          else
            {
              if (s == 0)
                set_color (cr, &accent, 1);
              else
                set_color (cr, &fg, 0.8);
              cairo_new_sub_path (cr);
              cairo_arc (cr, x, y, s == 0 ? 3 : 1.5, 0, 2 * G_PI);
              cairo_fill (cr);
            }
        }
    }
}

/*
 * Loading
 */

typedef struct
{
  CustodyTrendLoadFunc  load;
  char                 *job;
  gint64                at;
  GCancellable         *cancellable;
} Request;

static void
request_free (gpointer data)
{
  Request *r = data;

  g_free (r->job);
  g_clear_object (&r->cancellable);
  g_free (r);
}

static gpointer
load_worker (CustodyStore  *store,
             gpointer       data,
             GError       **error)
{
  Request *r = data;

  return r->load (store, r->job, r->at, r->cancellable, error);
}

static void
update_accessible (CustodyTrendChart *self)
{
  const char *description = custody_trend_chart_get_description (self);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  self->title != NULL ? self->title : "",
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

static void start_load (CustodyTrendChart *self);

static void
load_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(CustodyTrendChart) self = user_data;
  g_autoptr(GError) error = NULL;
  CustodyTrendData *data = custody_session_read_finish (CUSTODY_SESSION (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->cancellable);

  if (data == NULL)
    {
      g_debug ("Cannot read the trend: %s", error->message);
      self->failed = TRUE;
      custody_trend_chart_set_data (self, NULL);
      if (self->again && gtk_widget_get_mapped (GTK_WIDGET (self)))
        start_load (self);
      self->again = FALSE;
      return;
    }
  self->failed = FALSE;
  self->dirty = self->again;
  self->again = FALSE;
  custody_trend_chart_set_data (self, data);
  g_signal_emit (self, signals[LOADED], 0);
  if (self->dirty && gtk_widget_get_mapped (GTK_WIDGET (self)))
    start_load (self);
}

static void
start_load (CustodyTrendChart *self)
{
  Request *r;

  if (self->session == NULL || self->load == NULL || !custody_session_get_loaded (self->session))
    return;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  r = g_new0 (Request, 1);
  r->load = self->load;
  r->job = g_strdup (self->job);
  r->at = custody_session_get_evaluated_at (self->session);
  self->read_at = r->at;
  self->read_version = custody_session_get_data_version (self->session);
  r->cancellable = g_object_ref (self->cancellable);
  custody_session_read_async (self->session, load_worker, r, request_free,
                              (GDestroyNotify) custody_trend_data_free, self->cancellable,
                              load_cb, g_object_ref (self));
}

static void
stop_load (CustodyTrendChart *self)
{
  self->again = FALSE;
  if (self->cancellable == NULL)
    return;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
}

/*
 * Callbacks
 */

/* Days on the chart, not minutes: the reload the session makes every
 * minute moves nothing that shows, and on a large store the trend costs
 * seconds. Any write does. */
#define STALE_AFTER 3600

static void
on_session_reloaded_cb (CustodyTrendChart *self)
{
  if (!self->dirty && !self->failed
      && custody_session_get_data_version (self->session) == self->read_version
      && custody_session_get_evaluated_at (self->session) - self->read_at < STALE_AFTER)
    return;

  self->dirty = TRUE;
  /* A read in flight finishes first, then reads again: on a large store,
   * restarting at each change could show nothing for as long as the store
   * keeps changing. */
  if (self->cancellable != NULL)
    self->again = TRUE;
  else if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    start_load (self);
}

/*
 * GtkWidget
 */

static void
custody_trend_chart_snapshot (GtkWidget   *widget,
                              GtkSnapshot *snapshot)
{
  CustodyTrendChart *self = CUSTODY_TREND_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  draw_chart (self, cr, width, height);
  cairo_destroy (cr);
}

static void
custody_trend_chart_measure (GtkWidget      *widget,
                             GtkOrientation  orientation,
                             int             for_size,
                             int            *minimum,
                             int            *natural,
                             int            *minimum_baseline,
                             int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 200;
      *natural = 480;
    }
  else
    {
      CustodyTrendChart *self = CUSTODY_TREND_CHART (widget);

      /* Nothing to draw: a line of text, not an empty frame. */
      *minimum = *natural = self->data != NULL && custody_trend_data_count (self->data) == 0
                            ? EMPTY_HEIGHT : CHART_HEIGHT;
    }
}

static void
custody_trend_chart_map (GtkWidget *widget)
{
  CustodyTrendChart *self = CUSTODY_TREND_CHART (widget);

  GTK_WIDGET_CLASS (custody_trend_chart_parent_class)->map (widget);
  if (self->dirty)
    start_load (self);
}

static void
custody_trend_chart_unmap (GtkWidget *widget)
{
  CustodyTrendChart *self = CUSTODY_TREND_CHART (widget);

  /* Hidden: what was being read is not needed; read again when shown. */
  if (self->cancellable != NULL)
    {
      stop_load (self);
      self->dirty = TRUE;
    }
  GTK_WIDGET_CLASS (custody_trend_chart_parent_class)->unmap (widget);
}

/* The point under the pointer, written out. */
static gboolean
custody_trend_chart_query_tooltip (GtkWidget  *widget,
                                   int         x,
                                   int         y,
                                   gboolean    keyboard,
                                   GtkTooltip *tooltip)
{
  CustodyTrendChart *self = CUSTODY_TREND_CHART (widget);
  const CustodyTrendData *d = self->data;
  gint64 t0, t1;
  double best = 12;
  guint found = G_MAXUINT;
  g_autoptr(GString) text = NULL;
  g_autofree char *when = NULL;

  if (keyboard || d == NULL || custody_trend_data_count (d) == 0
      || self->plot_right <= self->plot_left)
    return FALSE;

  t0 = d->from;
  t1 = MAX (d->to, d->from + 1);
  for (guint i = 0; i < d->n_points; i++)
    {
      double px;

      if (isnan (d->values[0][i]))
        continue;
      px = self->plot_left + (self->plot_right - self->plot_left)
                             * (double) (d->times[i] - t0) / (double) (t1 - t0);
      if (fabs (px - x) <= best)
        {
          best = fabs (px - x);
          found = i;
        }
    }
  if (found == G_MAXUINT)
    return FALSE;

  when = custody_format_time (d->times[found]);
  text = g_string_new (when);
  if (d->status != NULL)
    {
      g_autofree char *value = d->unit == CUSTODY_TREND_UNIT_BYTES
        ? g_format_size ((guint64) d->values[0][found])
        : custody_duration_describe ((gint64) d->values[0][found]);

      g_string_append_printf (text, "\n%s · %s", custody_run_status_get_label (d->status[found]),
                              value);
    }
  else
    for (guint s = 0; s < d->n_series; s++)
      if (!isnan (d->values[s][found]))
        {
          g_autofree char *value = format_value (d->unit, d->values[s][found]);

          /* Translators: a series of a chart and its value: "Compliant or at risk: 50%" */
          g_string_append_printf (text, _("\n%s: %s"), d->labels[s] != NULL ? d->labels[s] : "",
                                  value);
        }
  gtk_tooltip_set_text (tooltip, text->str);
  return TRUE;
}

static void
custody_trend_chart_css_changed (GtkWidget         *widget,
                                 GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (custody_trend_chart_parent_class)->css_changed (widget, change);
  gtk_widget_queue_draw (widget);
}

/*
 * GObject
 */

static void
custody_trend_chart_dispose (GObject *object)
{
  CustodyTrendChart *self = CUSTODY_TREND_CHART (object);

  stop_load (self);
  if (self->session != NULL)
    g_clear_signal_handler (&self->reloaded_id, self->session);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (custody_trend_chart_parent_class)->dispose (object);
}

static void
custody_trend_chart_finalize (GObject *object)
{
  CustodyTrendChart *self = CUSTODY_TREND_CHART (object);

  g_clear_pointer (&self->data, custody_trend_data_free);
  g_free (self->title);
  g_free (self->job);

  G_OBJECT_CLASS (custody_trend_chart_parent_class)->finalize (object);
}

static void
custody_trend_chart_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  CustodyTrendChart *self = CUSTODY_TREND_CHART (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
custody_trend_chart_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  CustodyTrendChart *self = CUSTODY_TREND_CHART (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      custody_trend_chart_set_title (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
custody_trend_chart_class_init (CustodyTrendChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = custody_trend_chart_dispose;
  object_class->finalize = custody_trend_chart_finalize;
  object_class->get_property = custody_trend_chart_get_property;
  object_class->set_property = custody_trend_chart_set_property;
  widget_class->snapshot = custody_trend_chart_snapshot;
  widget_class->measure = custody_trend_chart_measure;
  widget_class->map = custody_trend_chart_map;
  widget_class->unmap = custody_trend_chart_unmap;
  widget_class->css_changed = custody_trend_chart_css_changed;
  widget_class->query_tooltip = custody_trend_chart_query_tooltip;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[LOADED] = g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_css_name (widget_class, "trendchart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
custody_trend_chart_init (CustodyTrendChart *self)
{
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  update_accessible (self);
}

/*
 * Public API
 */

GtkWidget *
custody_trend_chart_new (void)
{
  return g_object_new (CUSTODY_TYPE_TREND_CHART, NULL);
}

/**
 * custody_trend_chart_set_source:
 * @session: (nullable): where to read from
 * @load: (nullable): the read, run in a worker thread
 * @job: (nullable): the job to pass @load
 *
 * What the chart shows. It reads it when it is mapped, and again each
 * time the session reloads; a read in flight for another source is
 * cancelled.
 */
void
custody_trend_chart_set_source (CustodyTrendChart    *self,
                                CustodySession       *session,
                                CustodyTrendLoadFunc  load,
                                const char           *job)
{
  g_return_if_fail (CUSTODY_IS_TREND_CHART (self));

  if (self->session == session && self->load == load && g_strcmp0 (self->job, job) == 0)
    return;

  stop_load (self);
  if (self->session != session)
    {
      if (self->session != NULL)
        g_clear_signal_handler (&self->reloaded_id, self->session);
      g_set_object (&self->session, session);
      if (session != NULL)
        self->reloaded_id = g_signal_connect_swapped (session, "reloaded",
                                                      G_CALLBACK (on_session_reloaded_cb), self);
    }
  self->load = load;
  g_free (self->job);
  self->job = g_strdup (job);
  self->failed = FALSE;
  self->dirty = TRUE;
  custody_trend_chart_set_data (self, NULL);

  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    start_load (self);
}

/**
 * custody_trend_chart_set_data:
 * @data: (transfer full) (nullable): what to draw; %NULL: nothing yet
 */
void
custody_trend_chart_set_data (CustodyTrendChart *self,
                              CustodyTrendData  *data)
{
  g_return_if_fail (CUSTODY_IS_TREND_CHART (self));

  g_clear_pointer (&self->data, custody_trend_data_free);
  self->data = data;
  update_accessible (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

const CustodyTrendData *
custody_trend_chart_get_data (CustodyTrendChart *self)
{
  g_return_val_if_fail (CUSTODY_IS_TREND_CHART (self), NULL);

  return self->data;
}

/* Whether the data is read and nothing newer is being read. */
gboolean
custody_trend_chart_get_loaded (CustodyTrendChart *self)
{
  g_return_val_if_fail (CUSTODY_IS_TREND_CHART (self), FALSE);

  return self->data != NULL && self->cancellable == NULL && !self->dirty;
}

const char *
custody_trend_chart_get_title (CustodyTrendChart *self)
{
  g_return_val_if_fail (CUSTODY_IS_TREND_CHART (self), NULL);

  return self->title;
}

void
custody_trend_chart_set_title (CustodyTrendChart *self,
                               const char        *title)
{
  g_return_if_fail (CUSTODY_IS_TREND_CHART (self));

  if (g_strcmp0 (self->title, title) == 0)
    return;
  g_free (self->title);
  self->title = g_strdup (title);
  update_accessible (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

/* What screen readers hear: the data's summary, or what the chart is doing. */
const char *
custody_trend_chart_get_description (CustodyTrendChart *self)
{
  g_return_val_if_fail (CUSTODY_IS_TREND_CHART (self), NULL);

  if (self->data == NULL)
    return self->failed ? _("The history could not be read") : _("Reading the history…");
  if (custody_trend_data_count (self->data) == 0)
    return self->data->empty_text != NULL ? self->data->empty_text : _("No history yet");
  return self->data->description != NULL ? self->data->description : "";
}
