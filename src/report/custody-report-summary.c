/* custody-report-summary.c
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
#include "custody-report-trend.h"
#include "custody-time.h"

/* The executive summary: key figures and three trends over the period,
 * drawn as charts: the share of compliant jobs (the engine replayed at
 * evenly spaced moments), the share of successful runs in each interval,
 * and the data stored (the newest restore point of every copy, summed).
 * Then the jobs that need attention now. */

#define N_POINTS      13
#define MAX_ATTENTION 20
#define CHART_HEIGHT  175

typedef struct
{
  gint64 finished;
  gint64 bytes;
} Slot;

typedef struct
{
  gint64               times[N_POINTS];
  double               compliant[N_POINTS];   /* compliant or at risk */
  double               clean[N_POINTS];       /* compliant, not at risk */
  double               succeeded[N_POINTS];   /* in the interval ending there */
  double               no_warning[N_POINTS];
  double               stored[N_POINTS];
  gint64               runs[N_POINTS][CUSTODY_N_RUN_STATUSES];
  GHashTable          *slots;                 /* copy id -> Slot[N_POINTS] */
  GPtrArray           *verdicts;              /* at the end */
  gint64               first_run;             /* the first run's end */
  gint64               history_start;         /* see custody_report_summary_prepare() */
  guint                by_status[CUSTODY_N_STATUSES];
  CustodyReportCounts  counts;
} Summary;

static void
summary_free (gpointer data)
{
  Summary *s = data;

  g_clear_pointer (&s->slots, g_hash_table_unref);
  g_clear_pointer (&s->verdicts, g_ptr_array_unref);
  g_free (s);
}

/* The first point at or after @t. */
static guint
point_for (const Summary *s,
           gint64         t)
{
  guint lo = 0, hi = N_POINTS;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (s->times[mid] < t)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static gboolean
run_fact_cb (gconstpointer row,
             gpointer      user_data)
{
  const CustodyReportRunFact *r = row;
  Summary *s = user_data;
  guint first = point_for (s, r->finished);
  Slot *slots;

  s->first_run = MIN (s->first_run, r->finished);
  if (first >= N_POINTS)
    return TRUE;

  /* Runs per interval (times[i - 1], times[i]]. */
  if (first > 0)
    s->runs[first][r->status]++;

  if (r->status == CUSTODY_RUN_FAILED || r->bytes < 0)
    return TRUE;

  /* The newest good run of the copy at each point from here on. */
  slots = g_hash_table_lookup (s->slots, &r->copy_id);
  if (slots == NULL)
    {
      gint64 *key = g_new (gint64, 1);

      *key = r->copy_id;
      slots = g_new0 (Slot, N_POINTS);
      for (guint i = 0; i < N_POINTS; i++)
        slots[i].finished = CUSTODY_TIME_NONE;
      g_hash_table_insert (s->slots, key, slots);
    }
  for (guint i = first; i < N_POINTS; i++)
    if (r->finished > slots[i].finished)
      {
        slots[i].finished = r->finished;
        slots[i].bytes = r->bytes;
      }

  return TRUE;
}

static double
share (gint64 part,
       gint64 whole)
{
  return whole > 0 ? (double) part / (double) whole : NAN;
}

static void
trend_progress_cb (double   fraction,
                   gpointer user_data)
{
  custody_report_context_progress (user_data, 0.15 + 0.85 * fraction);
}

gboolean
custody_report_summary_prepare (CustodyReportContext  *ctx,
                                GError               **error)
{
  Summary *s = g_new0 (Summary, 1);
  GHashTableIter iter;
  gpointer value;

  ctx->data = s;
  ctx->data_free = summary_free;
  s->slots = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  s->first_run = G_MAXINT64;

  for (guint i = 0; i < N_POINTS; i++)
    s->times[i] = ctx->from + (ctx->to - ctx->from) * (gint64) i / (N_POINTS - 1);

  if (!custody_store_report_counts (ctx->store, ctx->from, ctx->to, &s->counts, error) ||
      !custody_store_report_run_counts (ctx->store, ctx->from, ctx->to, &s->counts, error) ||
      !custody_store_report_run_facts (ctx->store, ctx->to, run_fact_cb, s, error))
    return FALSE;
  custody_report_context_progress (ctx, 0.15);

  for (guint i = 0; i < N_POINTS; i++)
    {
      gint64 good = s->runs[i][CUSTODY_RUN_SUCCESS] + s->runs[i][CUSTODY_RUN_WARNING];
      gint64 all = good + s->runs[i][CUSTODY_RUN_FAILED];

      s->succeeded[i] = i > 0 ? share (good, all) : NAN;
      s->no_warning[i] = i > 0 ? share (s->runs[i][CUSTODY_RUN_SUCCESS], all) : NAN;
    }

  g_hash_table_iter_init (&iter, s->slots);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      const Slot *slots = value;

      for (guint i = 0; i < N_POINTS; i++)
        if (slots[i].finished != CUSTODY_TIME_NONE)
          s->stored[i] += (double) slots[i].bytes;
    }
  g_clear_pointer (&s->slots, g_hash_table_unref);

  /* History starts when the records the engine judges by have begun: the first
   * run, and the first verification once there is one. Before, there is nothing
   * to show: no "0%" or "0 B" that would read as a fall, or make today's share
   * look like a rise. */
  if (s->counts.first_verification != CUSTODY_TIME_NONE)
    s->history_start = MAX (s->first_run, s->counts.first_verification);
  else
    s->history_start = s->first_run;
  for (guint i = 0; i + 1 < N_POINTS && s->times[i] < s->first_run; i++)
    s->stored[i] = NAN;

  /* The engine, replayed at points of the period, within the trend's
   * budget (custody-report-trend.c): the app draws the same trend. */
  {
    g_autoptr(CustodyReportTrend) trend = custody_report_trend_new (ctx->from, ctx->to, N_POINTS);

    if (!custody_report_trend_replay (trend, ctx->store, NULL, s->history_start,
                                      s->counts.copies, ctx->cancellable, trend_progress_cb, ctx,
                                      error))
      return FALSE;
    memcpy (s->compliant, trend->compliant, sizeof s->compliant);
    memcpy (s->clean, trend->clean, sizeof s->clean);
    memcpy (s->by_status, trend->by_status, sizeof s->by_status);
    s->verdicts = g_steal_pointer (&trend->verdicts);
  }

  return TRUE;
}

static CustodyReportTone
rate_tone (double rate)
{
  if (isnan (rate))
    return CUSTODY_REPORT_TONE_MUTED;
  if (rate >= 0.95)
    return CUSTODY_REPORT_TONE_GOOD;
  if (rate >= 0.80)
    return CUSTODY_REPORT_TONE_WARNING;
  return CUSTODY_REPORT_TONE_BAD;
}

static const char *
maybe_percent (double  value,
               char   *buf)
{
  return isnan (value) ? "\xe2\x80\x94" : custody_report_percent (value, buf);
}

static void
key_figures (CustodyReportLayout *layout,
             Summary             *s)
{
  const CustodyReportCounts *c = &s->counts;
  gint64 runs = c->runs[CUSTODY_RUN_SUCCESS] + c->runs[CUSTODY_RUN_WARNING] +
                c->runs[CUSTODY_RUN_FAILED];
  double success = share (runs - c->runs[CUSTODY_RUN_FAILED], runs);
  double now = s->compliant[N_POINTS - 1], then = NAN;
  gint64 then_at = CUSTODY_TIME_NONE;
  double stored = s->stored[N_POINTS - 1], before = NAN;
  char b[8][CUSTODY_REPORT_BUF];
  g_autofree char *stored_text = custody_report_bytes ((gint64) stored);
  g_autofree char *change = NULL;
  g_autofree char *change_label = NULL;
  g_autofree char *growth = NULL;
  g_autofree char *growth_label = NULL;

  /* From the first moment with history: the period's start, or later. */
  for (guint i = 0; i + 1 < N_POINTS && isnan (then); i++)
    if (!isnan (s->compliant[i]))
      {
        then = s->compliant[i];
        then_at = s->times[i];
      }
  if (!isnan (now) && !isnan (then))
    /* Translators: a change in percentage points, e.g. "+3.2 pts" */
    change = g_strdup_printf (_("%+.1f pts"), (now - then) * 100);
  if (then_at != CUSTODY_TIME_NONE && then_at > s->times[0])
    {
      char date[CUSTODY_REPORT_BUF];

      /* Translators: %s is the date the store's history starts */
      change_label = g_strdup_printf (_("Change in compliance since %s, when history starts"),
                                      custody_report_date (then_at, date));
    }
  else
    change_label = g_strdup (_("Change in compliance over the period"));
  if (isnan (s->stored[0]))
    {
      char date[CUSTODY_REPORT_BUF];

      /* Translators: %s is the date the store's history starts */
      gint64 since = MIN (s->first_run, s->times[N_POINTS - 1]);

      growth_label = g_strdup_printf (_("Growth of stored data since %s, when history starts"),
                                      custody_report_date (since, date));
    }
  else
    growth_label = g_strdup (_("Growth of stored data over the period"));
  for (guint i = 0; i + 1 < N_POINTS && isnan (before); i++)
    before = s->stored[i];
  if (before > 0)
    growth = g_strdup_printf ("%+.1f%%", (stored - before) / before * 100);

  {
    CustodyReportFigure figures[] = {
      { maybe_percent (now, b[0]), _("Jobs compliant now"), rate_tone (now) },
      { custody_report_count (s->by_status[CUSTODY_STATUS_VIOLATION], b[1]),
        _("Jobs in violation now"),
        s->by_status[CUSTODY_STATUS_VIOLATION] > 0 ? CUSTODY_REPORT_TONE_BAD
        : CUSTODY_REPORT_TONE_GOOD },
      { change != NULL ? change : "\xe2\x80\x94", change_label,
        change == NULL ? CUSTODY_REPORT_TONE_MUTED
        : now >= then ? CUSTODY_REPORT_TONE_GOOD : CUSTODY_REPORT_TONE_BAD },
      { maybe_percent (success, b[2]), _("Backup runs that succeeded"), rate_tone (success) },
      { custody_report_count (c->runs[CUSTODY_RUN_FAILED], b[3]), _("Failed runs"),
        c->runs[CUSTODY_RUN_FAILED] > 0 ? CUSTODY_REPORT_TONE_BAD : CUSTODY_REPORT_TONE_GOOD },
      { custody_report_count (c->tests, b[4]), _("Verifications"), CUSTODY_REPORT_TONE_STRONG },
      { stored_text, _("Data stored now (newest restore points)"), CUSTODY_REPORT_TONE_STRONG },
      { growth != NULL ? growth : "\xe2\x80\x94", growth_label,
        CUSTODY_REPORT_TONE_STRONG },
    };

    custody_report_layout_section (layout, _("Key Figures"));
    custody_report_layout_figures (layout, figures, G_N_ELEMENTS (figures));
  }
}

static void
charts (CustodyReportLayout *layout,
        Summary             *s)
{
  CustodyReportChart compliance = {
    CUSTODY_REPORT_UNIT_PERCENT, N_POINTS, s->times, 2,
    {
      { _("Compliant or at risk"), s->compliant, CUSTODY_REPORT_TONE_GOOD, FALSE, TRUE },
      { _("Compliant, not at risk"), s->clean, CUSTODY_REPORT_TONE_NORMAL, TRUE, TRUE },
    },
    _("Share of jobs"),
  };
  CustodyReportChart success = {
    CUSTODY_REPORT_UNIT_PERCENT, N_POINTS, s->times, 2,
    {
      { _("Succeeded, warnings included"), s->succeeded, CUSTODY_REPORT_TONE_GOOD, FALSE },
      { _("Succeeded without warnings"), s->no_warning, CUSTODY_REPORT_TONE_NORMAL, TRUE },
    },
    _("Share of the runs that finished in each interval"),
  };
  CustodyReportChart stored = {
    CUSTODY_REPORT_UNIT_BYTES, N_POINTS, s->times, 1,
    {
      { _("Newest restore point of every copy"), s->stored, CUSTODY_REPORT_TONE_STRONG, FALSE },
    },
    _("Stored data"),
  };

  /* Each chart with its heading, never apart. */
  custody_report_layout_section (layout, _("Trends"));
  custody_report_layout_keep_together (layout, CHART_HEIGHT + 40);
  custody_report_layout_subsection (layout, _("Compliance over Time"));
  custody_report_layout_chart (layout, CHART_HEIGHT, custody_report_chart_draw, &compliance);
  custody_report_layout_keep_together (layout, CHART_HEIGHT + 40);
  custody_report_layout_subsection (layout, _("Backup Success over Time"));
  custody_report_layout_chart (layout, CHART_HEIGHT, custody_report_chart_draw, &success);
  custody_report_layout_keep_together (layout, CHART_HEIGHT + 40);
  custody_report_layout_subsection (layout, _("Stored Data over Time"));
  custody_report_layout_chart (layout, CHART_HEIGHT, custody_report_chart_draw, &stored);
}

static void
attention (CustodyReportLayout *layout,
           Summary             *s)
{
  const CustodyReportColumn columns[] = {
    { _("Job"), 2.6, CUSTODY_REPORT_ALIGN_START },
    { _("Failing rules"), 2.6, CUSTODY_REPORT_ALIGN_START },
    { _("First reason"), 5, CUSTODY_REPORT_ALIGN_START },
  };
  guint shown = 0, violations = s->by_status[CUSTODY_STATUS_VIOLATION];

  custody_report_layout_section (layout, _("Jobs Needing Attention"));
  if (violations == 0)
    {
      custody_report_layout_paragraph (layout, CUSTODY_REPORT_TONE_GOOD,
                                       _("No job is in violation of the 3-2-1-1-0 rule."));
      return;
    }

  custody_report_layout_begin_table (layout, columns, G_N_ELEMENTS (columns), 0);
  for (guint i = 0; i < s->verdicts->len && shown < MAX_ATTENTION; i++)
    {
      CustodyVerdict *v = g_ptr_array_index (s->verdicts, i);
      g_autoptr(GString) failing = g_string_new (NULL);
      const char *reason = "";

      if (v->status != CUSTODY_STATUS_VIOLATION)
        continue;
      for (guint r = 0; r < CUSTODY_N_RULES; r++)
        if (!v->rules[r].pass)
          {
            g_string_append_printf (failing, "%s%s", failing->len > 0 ? ", " : "",
                                    custody_rule_get_label (r));
            if (reason[0] == '\0' && v->rules[r].reasons->len > 0)
              reason = g_ptr_array_index (v->rules[r].reasons, 0);
          }

      {
        const char *cells[] = { v->job, failing->str, reason };
        static const CustodyReportTone tones[] = {
          CUSTODY_REPORT_TONE_STRONG, CUSTODY_REPORT_TONE_BAD, CUSTODY_REPORT_TONE_NORMAL,
        };
        custody_report_layout_row (layout, cells, tones);
      }
      shown++;
    }
  custody_report_layout_end_table (layout);

  if (violations > shown)
    {
      char more[CUSTODY_REPORT_BUF];
      g_autofree char *text = g_strdup_printf (_("And %s more: the compliance report lists every "
                                                 "job with its reasons."),
                                               custody_report_count (violations - shown, more));

      custody_report_layout_paragraph (layout, CUSTODY_REPORT_TONE_MUTED, text);
    }
}

gboolean
custody_report_summary_build (CustodyReportLayout  *layout,
                              gpointer              data,
                              GError              **error)
{
  CustodyReportContext *ctx = data;
  Summary *s = ctx->data;

  custody_report_layout_set_work (layout, MAX_ATTENTION + 6);
  custody_report_title_block (layout, ctx);
  key_figures (layout, s);
  charts (layout, s);
  attention (layout, s);

  return TRUE;
}
