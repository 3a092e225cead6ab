/* custody-report-audit.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custody-report"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "custody-report-private.h"
#include "custody-time.h"

/* The audit report: what happened in a period. Runs and verifications per
 * job (a year of runs is a million rows: they are counted, per job, and
 * every failure is listed), the alerts and who acknowledged them, every
 * movement of every volume (the chain of custody), and the audit trail
 * with a statement whether its hash chain verifies. The long lists are
 * walked from the store row by row, once per layout run. */

typedef struct
{
  CustodyReportCounts  counts;
  CustodyReportChain   chain;
  GArray              *activity;   /* CustodyReportJobActivity, strings in @strings */
  GStringChunk        *strings;
} Audit;

static void
audit_free (gpointer data)
{
  Audit *a = data;

  custody_report_chain_clear (&a->chain);
  g_clear_pointer (&a->activity, g_array_unref);
  g_clear_pointer (&a->strings, g_string_chunk_free);
  g_free (a);
}

static gboolean
keep_activity_cb (gconstpointer row,
                  gpointer      user_data)
{
  Audit *a = user_data;
  CustodyReportJobActivity copy = *(const CustodyReportJobActivity *) row;

  copy.job = g_string_chunk_insert_const (a->strings, copy.job);
  copy.owner = g_string_chunk_insert_const (a->strings, copy.owner);
  g_array_append_val (a->activity, copy);
  return TRUE;
}

gboolean
custody_report_audit_prepare (CustodyReportContext  *ctx,
                              GError               **error)
{
  Audit *a = g_new0 (Audit, 1);

  ctx->data = a;
  ctx->data_free = audit_free;
  a->activity = g_array_new (FALSE, FALSE, sizeof (CustodyReportJobActivity));
  a->strings = g_string_chunk_new (64 * 1024);

  if (!custody_store_report_counts (ctx->store, ctx->from, ctx->to, &a->counts, error) ||
      !custody_store_report_chain (ctx->store, &a->chain, error) ||
      !custody_store_report_job_activity (ctx->store, ctx->from, ctx->to, keep_activity_cb, a,
                                          error))
    return FALSE;

  /* The totals of runs and verifications are those of the jobs. */
  for (guint i = 0; i < a->activity->len; i++)
    {
      const CustodyReportJobActivity *r = &g_array_index (a->activity, CustodyReportJobActivity, i);

      a->counts.runs[CUSTODY_RUN_SUCCESS] += r->succeeded;
      a->counts.runs[CUSTODY_RUN_WARNING] += r->warnings;
      a->counts.runs[CUSTODY_RUN_FAILED] += r->failed;
      a->counts.bytes += r->bytes;
      a->counts.tests += r->tests;
      a->counts.tests_failed += r->tests_failed;
    }
  return TRUE;
}

/*
 * Helpers
 */

typedef struct
{
  CustodyReportLayout *layout;
  guint                rows;
} Walk;

static gint64
total_runs (const CustodyReportCounts *counts)
{
  return counts->runs[CUSTODY_RUN_SUCCESS] + counts->runs[CUSTODY_RUN_WARNING] +
         counts->runs[CUSTODY_RUN_FAILED];
}

static char *
chain_statement (const CustodyReportChain *chain,
                 CustodyReportTone        *tone)
{
  char n[CUSTODY_REPORT_BUF], head[CUSTODY_REPORT_BUF], first[CUSTODY_REPORT_BUF];

  if (chain->entries == 0)
    {
      *tone = CUSTODY_REPORT_TONE_MUTED;
      return g_strdup (_("The audit trail is empty."));
    }

  if (chain->first_broken == 0)
    {
      *tone = CUSTODY_REPORT_TONE_GOOD;
      return g_strdup_printf (_("The audit trail's hash chain verifies: all %s entries are in "
                                "order and each carries the SHA-256 of the one before, so none was "
                                "changed or removed after it was written. "
                                "Its head is entry %s, hash %s."),
                              custody_report_count (chain->entries, n),
                              custody_report_count (chain->head_id, head), chain->head_hash);
    }

  *tone = CUSTODY_REPORT_TONE_BAD;
  return g_strdup_printf (_("The audit trail's hash chain does NOT verify: entry %s is broken "
                            "(%s). The history from that entry on cannot be trusted; restore a "
                            "backup of the store and investigate."),
                          custody_report_count (chain->first_broken, first), chain->problem);
}

/*
 * Sections
 */

static void
summary (CustodyReportLayout *layout,
         CustodyReportContext *ctx,
         Audit               *a)
{
  const CustodyReportCounts *c = &a->counts;
  gint64 runs = total_runs (c);
  char b[8][CUSTODY_REPORT_BUF];
  CustodyReportTone chain_tone;
  g_autofree char *chain = chain_statement (&a->chain, &chain_tone);
  g_autofree char *written = custody_report_bytes (c->bytes);
  CustodyReportFigure figures[] = {
    { custody_report_count (runs, b[0]), _("Backup runs"), CUSTODY_REPORT_TONE_STRONG },
    { runs > 0 ? custody_report_percent ((double) (runs - c->runs[CUSTODY_RUN_FAILED]) / runs, b[1])
               : "\xe2\x80\x94",
      _("Succeeded"), CUSTODY_REPORT_TONE_GOOD },
    { custody_report_count (c->runs[CUSTODY_RUN_FAILED], b[2]), _("Failed runs"),
      c->runs[CUSTODY_RUN_FAILED] > 0 ? CUSTODY_REPORT_TONE_BAD : CUSTODY_REPORT_TONE_MUTED },
    { custody_report_count (c->tests, b[3]), _("Verifications"), CUSTODY_REPORT_TONE_STRONG },
    { custody_report_count (c->tests_failed, b[4]), _("Failed verifications"),
      c->tests_failed > 0 ? CUSTODY_REPORT_TONE_BAD : CUSTODY_REPORT_TONE_MUTED },
    { custody_report_count (c->alerts_raised, b[5]), _("Alerts raised"),
      c->alerts_raised > 0 ? CUSTODY_REPORT_TONE_WARNING : CUSTODY_REPORT_TONE_MUTED },
    { custody_report_count (c->movements, b[6]), _("Media movements"), CUSTODY_REPORT_TONE_STRONG },
    { custody_report_count (c->audit_entries, b[7]), _("Audit entries"),
      CUSTODY_REPORT_TONE_STRONG },
  };
  char f[8][CUSTODY_REPORT_BUF];
  const char * const rows[][2] = {
    { _("Jobs"), custody_report_count (c->jobs, f[0]) },
    { _("Copies"), custody_report_count (c->copies, f[1]) },
    { _("Volumes"), custody_report_count (c->volumes, f[2]) },
    { _("Runs with warnings"), custody_report_count (c->runs[CUSTODY_RUN_WARNING], f[3]) },
    { _("Data written by good runs"), written },
    { _("Alerts resolved"), custody_report_count (c->alerts_resolved, f[4]) },
    { _("Alerts acknowledged"), custody_report_count (c->acknowledgements, f[5]) },
  };

  custody_report_layout_section (layout, _("Summary"));
  custody_report_layout_figures (layout, figures, G_N_ELEMENTS (figures));
  custody_report_layout_paragraph (layout, chain_tone, chain);
  custody_report_layout_facts (layout, rows, G_N_ELEMENTS (rows));
}

static void
backups_by_job (CustodyReportLayout *layout,
                Audit               *a)
{
  const CustodyReportColumn columns[] = {
    { _("Job"), 3, CUSTODY_REPORT_ALIGN_START },
    { _("Runs"), 1, CUSTODY_REPORT_ALIGN_END },
    { _("Succeeded"), 1.2, CUSTODY_REPORT_ALIGN_END },
    { _("Warnings"), 1.1, CUSTODY_REPORT_ALIGN_END },
    { _("Failed"), 1, CUSTODY_REPORT_ALIGN_END },
    { _("Success rate"), 1.2, CUSTODY_REPORT_ALIGN_END },
    { _("Data written"), 1.3, CUSTODY_REPORT_ALIGN_END },
    { _("Last success"), 2, CUSTODY_REPORT_ALIGN_START, CUSTODY_REPORT_SAMPLE_TIME },
  };

  custody_report_layout_section (layout, _("Backups by Job"));
  custody_report_layout_paragraph (layout, CUSTODY_REPORT_TONE_MUTED,
                                   _("The runs of each job that finished in the period, into all "
                                     "of its copies. "
                                     "A job with no run in the period is shown too."));
  custody_report_layout_begin_table (layout, columns, G_N_ELEMENTS (columns), 0);
  for (guint i = 0; i < a->activity->len; i++)
    {
      const CustodyReportJobActivity *r = &g_array_index (a->activity, CustodyReportJobActivity, i);
      char b[6][CUSTODY_REPORT_BUF];
      g_autofree char *bytes = custody_report_bytes (r->bytes);
      const char *cells[] = {
        r->job, custody_report_count (r->runs, b[0]), custody_report_count (r->succeeded, b[1]),
        custody_report_count (r->warnings, b[2]), custody_report_count (r->failed, b[3]),
        r->runs > 0 ? custody_report_percent ((double) (r->runs - r->failed) / r->runs, b[4])
                    : "\xe2\x80\x94",
        bytes,
        r->last_success != CUSTODY_TIME_NONE ? custody_report_time (r->last_success, b[5])
                                             : _("None in the period"),
      };
      const CustodyReportTone tones[] = {
        CUSTODY_REPORT_TONE_NORMAL, CUSTODY_REPORT_TONE_NORMAL, CUSTODY_REPORT_TONE_NORMAL,
        r->warnings > 0 ? CUSTODY_REPORT_TONE_WARNING : CUSTODY_REPORT_TONE_MUTED,
        r->failed > 0 ? CUSTODY_REPORT_TONE_BAD : CUSTODY_REPORT_TONE_MUTED,
        r->failed > 0 ? CUSTODY_REPORT_TONE_BAD : CUSTODY_REPORT_TONE_GOOD,
        CUSTODY_REPORT_TONE_NORMAL,
        r->last_success != CUSTODY_TIME_NONE ? CUSTODY_REPORT_TONE_NORMAL : CUSTODY_REPORT_TONE_BAD,
      };

      if (!custody_report_layout_row (layout, cells, tones))
        break;
    }
  custody_report_layout_end_table (layout);
}

static gboolean
failed_run_cb (gconstpointer row,
               gpointer      user_data)
{
  const CustodyReportRun *r = row;
  Walk *w = user_data;
  char started[CUSTODY_REPORT_BUF], finished[CUSTODY_REPORT_BUF];
  const char *cells[] = {
    custody_report_time (r->finished, finished), r->job, r->copy,
    custody_report_time (r->started, started), r->message,
  };
  static const CustodyReportTone tones[] = {
    CUSTODY_REPORT_TONE_NORMAL, CUSTODY_REPORT_TONE_STRONG, CUSTODY_REPORT_TONE_NORMAL,
    CUSTODY_REPORT_TONE_MUTED, CUSTODY_REPORT_TONE_BAD,
  };

  w->rows++;
  return custody_report_layout_row (w->layout, cells, tones);
}

static gboolean
failed_runs (CustodyReportLayout   *layout,
             CustodyReportContext  *ctx,
             Audit                 *a,
             GError               **error)
{
  const CustodyReportColumn columns[] = {
    { _("Finished"), 1.7, CUSTODY_REPORT_ALIGN_START, CUSTODY_REPORT_SAMPLE_TIME },
    { _("Job"), 2.5, CUSTODY_REPORT_ALIGN_START },
    { _("Copy"), 1.5, CUSTODY_REPORT_ALIGN_START },
    { _("Started"), 1.7, CUSTODY_REPORT_ALIGN_START, CUSTODY_REPORT_SAMPLE_TIME },
    { _("Message"), 4, CUSTODY_REPORT_ALIGN_START },
  };
  Walk w = { layout, 0 };

  custody_report_layout_section (layout, _("Failed Runs"));
  if (a->counts.runs[CUSTODY_RUN_FAILED] == 0)
    {
      custody_report_layout_paragraph (layout, CUSTODY_REPORT_TONE_GOOD,
                                       _("No run failed in the period."));
      return TRUE;
    }

  custody_report_layout_begin_table (layout, columns, G_N_ELEMENTS (columns), 0);
  if (!custody_store_report_failed_runs (ctx->store, ctx->from, ctx->to, failed_run_cb, &w, error))
    return FALSE;
  custody_report_layout_end_table (layout);
  return TRUE;
}

static void
verifications_by_job (CustodyReportLayout *layout,
                      Audit               *a)
{
  const CustodyReportColumn columns[] = {
    { _("Job"), 3, CUSTODY_REPORT_ALIGN_START },
    { _("Verifications"), 1.4, CUSTODY_REPORT_ALIGN_END },
    { _("Failed or with errors"), 1.6, CUSTODY_REPORT_ALIGN_END },
    { _("Latest"), 2, CUSTODY_REPORT_ALIGN_START, CUSTODY_REPORT_SAMPLE_TIME },
  };

  custody_report_layout_section (layout, _("Verifications by Job"));
  custody_report_layout_paragraph (layout, CUSTODY_REPORT_TONE_MUTED,
                                   _("Restore tests, checksums and boot tests "
                                     "of each job's copies in the period."));
  custody_report_layout_begin_table (layout, columns, G_N_ELEMENTS (columns), 0);
  for (guint i = 0; i < a->activity->len; i++)
    {
      const CustodyReportJobActivity *r = &g_array_index (a->activity, CustodyReportJobActivity, i);
      char b[3][CUSTODY_REPORT_BUF];
      const char *cells[] = {
        r->job, custody_report_count (r->tests, b[0]), custody_report_count (r->tests_failed, b[1]),
        r->last_test != CUSTODY_TIME_NONE ? custody_report_time (r->last_test, b[2])
                                          : _("None in the period"),
      };
      const CustodyReportTone tones[] = {
        CUSTODY_REPORT_TONE_NORMAL,
        r->tests > 0 ? CUSTODY_REPORT_TONE_NORMAL : CUSTODY_REPORT_TONE_WARNING,
        r->tests_failed > 0 ? CUSTODY_REPORT_TONE_BAD : CUSTODY_REPORT_TONE_MUTED,
        r->last_test != CUSTODY_TIME_NONE ? CUSTODY_REPORT_TONE_NORMAL
        : CUSTODY_REPORT_TONE_WARNING,
      };

      if (!custody_report_layout_row (layout, cells, tones))
        break;
    }
  custody_report_layout_end_table (layout);
}

static gboolean
failed_test_cb (gconstpointer row,
                gpointer      user_data)
{
  const CustodyReportTest *t = row;
  Walk *w = user_data;
  char at[CUSTODY_REPORT_BUF], errors[CUSTODY_REPORT_BUF];
  const char *cells[] = {
    custody_report_time (t->at, at), t->job, t->copy, custody_verify_kind_get_label (t->kind),
    t->passed ? _("Passed") : _("Failed"), custody_report_count (t->errors, errors), t->by, t->note,
  };
  const CustodyReportTone tones[] = {
    CUSTODY_REPORT_TONE_NORMAL, CUSTODY_REPORT_TONE_STRONG, CUSTODY_REPORT_TONE_NORMAL,
    CUSTODY_REPORT_TONE_NORMAL, t->passed ? CUSTODY_REPORT_TONE_WARNING : CUSTODY_REPORT_TONE_BAD,
    t->errors > 0 ? CUSTODY_REPORT_TONE_BAD : CUSTODY_REPORT_TONE_MUTED, CUSTODY_REPORT_TONE_NORMAL,
    CUSTODY_REPORT_TONE_MUTED,
  };

  w->rows++;
  return custody_report_layout_row (w->layout, cells, tones);
}

static gboolean
failed_tests (CustodyReportLayout   *layout,
              CustodyReportContext  *ctx,
              Audit                 *a,
              GError               **error)
{
  const CustodyReportColumn columns[] = {
    { _("When"), 1.7, CUSTODY_REPORT_ALIGN_START, CUSTODY_REPORT_SAMPLE_TIME },
    { _("Job"), 2.4, CUSTODY_REPORT_ALIGN_START },
    { _("Copy"), 1.4, CUSTODY_REPORT_ALIGN_START },
    { _("Kind"), 1.3, CUSTODY_REPORT_ALIGN_START },
    { _("Result"), 1, CUSTODY_REPORT_ALIGN_START },
    { _("Errors"), 0.8, CUSTODY_REPORT_ALIGN_END },
    { _("By"), 1.5, CUSTODY_REPORT_ALIGN_START },
    { _("Note"), 2.2, CUSTODY_REPORT_ALIGN_START },
  };
  Walk w = { layout, 0 };

  custody_report_layout_section (layout, _("Failed Verifications"));
  if (a->counts.tests_failed == 0)
    {
      custody_report_layout_paragraph (layout, CUSTODY_REPORT_TONE_GOOD,
                                       _("No verification failed or found errors in the period."));
      return TRUE;
    }

  custody_report_layout_begin_table (layout, columns, G_N_ELEMENTS (columns), 0);
  if (!custody_store_report_failed_tests (ctx->store, ctx->from, ctx->to, failed_test_cb, &w,
                                          error))
    return FALSE;
  custody_report_layout_end_table (layout);
  return TRUE;
}

static gboolean
alert_cb (gconstpointer row,
          gpointer      user_data)
{
  const CustodyReportAlert *r = row;
  Walk *w = user_data;
  char raised[CUSTODY_REPORT_BUF], resolved[CUSTODY_REPORT_BUF], acked[CUSTODY_REPORT_BUF];
  g_autofree char *ack = NULL;
  const char *cells[6];
  const CustodyReportTone tones[] = {
    CUSTODY_REPORT_TONE_NORMAL,
    r->resolved_at != CUSTODY_TIME_NONE ? CUSTODY_REPORT_TONE_GOOD : CUSTODY_REPORT_TONE_BAD,
    r->severity == CUSTODY_SEVERITY_CRITICAL ? CUSTODY_REPORT_TONE_BAD
    : r->severity == CUSTODY_SEVERITY_WARNING ? CUSTODY_REPORT_TONE_WARNING
    : CUSTODY_REPORT_TONE_NORMAL,
    CUSTODY_REPORT_TONE_STRONG, CUSTODY_REPORT_TONE_NORMAL,
    r->acknowledged_by != NULL ? CUSTODY_REPORT_TONE_NORMAL : CUSTODY_REPORT_TONE_MUTED,
  };

  if (r->acknowledged_by != NULL)
    /* Translators: who acknowledged an alert, and when */
    ack = g_strdup_printf (C_("acknowledged by, at", "%s, %s"), r->acknowledged_by,
                           custody_report_time (r->acknowledged_at, acked));

  cells[0] = custody_report_time (r->raised_at, raised);
  cells[1] = r->resolved_at != CUSTODY_TIME_NONE ? custody_report_time (r->resolved_at, resolved)
                                                 : _("Open");
  cells[2] = custody_severity_get_label (r->severity);
  cells[3] = r->subject;
  cells[4] = r->message;
  cells[5] = ack != NULL ? ack : _("Not acknowledged");

  w->rows++;
  return custody_report_layout_row (w->layout, cells, tones);
}

static gboolean
alerts (CustodyReportLayout   *layout,
        CustodyReportContext  *ctx,
        GError               **error)
{
  const CustodyReportColumn columns[] = {
    { _("Raised"), 1.7, CUSTODY_REPORT_ALIGN_START, CUSTODY_REPORT_SAMPLE_TIME },
    { _("Resolved"), 1.7, CUSTODY_REPORT_ALIGN_START, CUSTODY_REPORT_SAMPLE_TIME },
    { _("Severity"), 1.1, CUSTODY_REPORT_ALIGN_START },
    { _("Subject"), 2, CUSTODY_REPORT_ALIGN_START },
    { _("Alert"), 3.4, CUSTODY_REPORT_ALIGN_START },
    { _("Acknowledged"), 2.2, CUSTODY_REPORT_ALIGN_START },
  };
  Walk w = { layout, 0 };

  custody_report_layout_section (layout, _("Alerts"));
  custody_report_layout_paragraph (layout, CUSTODY_REPORT_TONE_MUTED,
                                   _("Violations, failed runs and overdue verifications raised as "
                                     "alerts: those raised or resolved in the period, and those "
                                     "open during it."));
  custody_report_layout_begin_table (layout, columns, G_N_ELEMENTS (columns), 0);
  if (!custody_store_report_alerts (ctx->store, ctx->from, ctx->to, alert_cb, &w, error))
    return FALSE;
  if (w.rows == 0)
    {
      const char *cells[] = { _("No alert in the period."), NULL, NULL, NULL, NULL, NULL };
      custody_report_layout_row (layout, cells, NULL);
    }
  custody_report_layout_end_table (layout);
  return TRUE;
}

static gboolean
acknowledgement_cb (gconstpointer row,
                    gpointer      user_data)
{
  const CustodyReportAlert *r = row;
  Walk *w = user_data;
  char acked[CUSTODY_REPORT_BUF], raised[CUSTODY_REPORT_BUF];
  const char *cells[] = {
    custody_report_time (r->acknowledged_at, acked), r->acknowledged_by, r->subject, r->message,
    custody_report_time (r->raised_at, raised),
  };
  static const CustodyReportTone tones[] = {
    CUSTODY_REPORT_TONE_NORMAL, CUSTODY_REPORT_TONE_STRONG, CUSTODY_REPORT_TONE_NORMAL,
    CUSTODY_REPORT_TONE_NORMAL, CUSTODY_REPORT_TONE_MUTED,
  };

  w->rows++;
  return custody_report_layout_row (w->layout, cells, tones);
}

static gboolean
acknowledgements (CustodyReportLayout   *layout,
                  CustodyReportContext  *ctx,
                  Audit                 *a,
                  GError               **error)
{
  const CustodyReportColumn columns[] = {
    { _("Acknowledged"), 1.7, CUSTODY_REPORT_ALIGN_START, CUSTODY_REPORT_SAMPLE_TIME },
    { _("By"), 1.6, CUSTODY_REPORT_ALIGN_START },
    { _("Subject"), 2, CUSTODY_REPORT_ALIGN_START },
    { _("Alert"), 4, CUSTODY_REPORT_ALIGN_START },
    { _("Raised"), 1.7, CUSTODY_REPORT_ALIGN_START, CUSTODY_REPORT_SAMPLE_TIME },
  };
  Walk w = { layout, 0 };

  custody_report_layout_section (layout, _("Acknowledgements"));
  if (a->counts.acknowledgements == 0)
    {
      custody_report_layout_paragraph (layout, CUSTODY_REPORT_TONE_MUTED,
                                       _("Nobody acknowledged an alert in the period."));
      return TRUE;
    }

  custody_report_layout_begin_table (layout, columns, G_N_ELEMENTS (columns), 0);
  if (!custody_store_report_acknowledgements (ctx->store, ctx->from, ctx->to, acknowledgement_cb,
                                              &w, error))
    return FALSE;
  custody_report_layout_end_table (layout);
  return TRUE;
}

typedef struct
{
  CustodyReportLayout *layout;
  char                 day[CUSTODY_REPORT_BUF];
  gboolean             started;
} Movements;

static const CustodyReportColumn movement_columns[] = {
  { N_("Time"), 0, CUSTODY_REPORT_ALIGN_START, "23:59" },
  { N_("Volume"), 0, CUSTODY_REPORT_ALIGN_START, CUSTODY_REPORT_SAMPLE_VOLSER },
  { N_("From"), 1.5, CUSTODY_REPORT_ALIGN_START },
  { N_("To"), 1.5, CUSTODY_REPORT_ALIGN_START },
  { N_("By"), 1.7, CUSTODY_REPORT_ALIGN_START },
  { N_("Courier"), 1.6, CUSTODY_REPORT_ALIGN_START },
  { N_("Case"), 1.05, CUSTODY_REPORT_ALIGN_START },
  { N_("Seal"), 1.2, CUSTODY_REPORT_ALIGN_START },
  { N_("Note"), 1.9, CUSTODY_REPORT_ALIGN_START },
};

/* The chain of custody reads as a log, a day at a time: a heading per
 * day (in the outline too), then that day's movements by time. */
static gboolean
movement_cb (gconstpointer row,
             gpointer      user_data)
{
  const CustodyReportMovement *m = row;
  Movements *w = user_data;
  char at[CUSTODY_REPORT_BUF], day[CUSTODY_REPORT_BUF];
  const char *cells[] = {
    custody_report_time_of_day (m->at, at), m->volser,
    m->from != NULL ? m->from : "\xe2\x80\x94", m->to,
    m->by, m->courier, m->container, m->seal, m->note,
  };
  static const CustodyReportTone tones[] = {
    CUSTODY_REPORT_TONE_NORMAL, CUSTODY_REPORT_TONE_STRONG, CUSTODY_REPORT_TONE_NORMAL,
    CUSTODY_REPORT_TONE_NORMAL, CUSTODY_REPORT_TONE_NORMAL, CUSTODY_REPORT_TONE_NORMAL,
    CUSTODY_REPORT_TONE_NORMAL, CUSTODY_REPORT_TONE_NORMAL, CUSTODY_REPORT_TONE_MUTED,
  };

  custody_report_date (m->at, day);
  if (!w->started || !g_str_equal (day, w->day))
    {
      CustodyReportColumn columns[G_N_ELEMENTS (movement_columns)];

      if (w->started)
        custody_report_layout_end_table (w->layout);
      w->started = TRUE;
      g_strlcpy (w->day, day, sizeof w->day);
      custody_report_layout_subsection (w->layout, day);

      for (guint c = 0; c < G_N_ELEMENTS (movement_columns); c++)
        {
          columns[c] = movement_columns[c];
          columns[c].title = g_dgettext (GETTEXT_PACKAGE, movement_columns[c].title);
        }
      custody_report_layout_begin_table (w->layout, columns, G_N_ELEMENTS (columns), 0);
    }

  return custody_report_layout_row (w->layout, cells, tones);
}

static gboolean
movements (CustodyReportLayout   *layout,
           CustodyReportContext  *ctx,
           Audit                 *a,
           GError               **error)
{
  Movements w = { layout, "", FALSE };
  gboolean ok;

  custody_report_layout_section (layout, _("Media Movements"));
  if (a->counts.movements == 0)
    {
      custody_report_layout_paragraph (layout, CUSTODY_REPORT_TONE_MUTED,
                                       _("No volume moved in the period."));
      return TRUE;
    }

  custody_report_layout_paragraph (layout, CUSTODY_REPORT_TONE_MUTED,
                                   _("The chain of custody: every movement of every volume in the "
                                     "period, day by day in the order they happened, with who "
                                     "handed it over, the courier, the case and its seal."));
  ok = custody_store_report_movements (ctx->store, ctx->from, ctx->to, movement_cb, &w, error);
  custody_report_layout_end_table (layout);
  return ok;
}

static gboolean
audit_entry_cb (gconstpointer row,
                gpointer      user_data)
{
  const CustodyReportAuditEntry *e = row;
  Walk *w = user_data;
  char id[CUSTODY_REPORT_BUF], dated[CUSTODY_REPORT_BUF], recorded[CUSTODY_REPORT_BUF];
  const char *cells[] = {
    custody_report_count (e->id, id), custody_report_time (e->business_at, dated),
    /* A write dated other than when it was recorded (--at) shows both. */
    e->at / 60 != e->business_at / 60 ? custody_report_time (e->at, recorded) : "",
    e->actor, e->action, e->entity,
  };
  static const CustodyReportTone tones[] = {
    CUSTODY_REPORT_TONE_MUTED, CUSTODY_REPORT_TONE_NORMAL, CUSTODY_REPORT_TONE_WARNING,
    CUSTODY_REPORT_TONE_NORMAL, CUSTODY_REPORT_TONE_STRONG, CUSTODY_REPORT_TONE_NORMAL,
  };

  w->rows++;
  return custody_report_layout_row (w->layout, cells, tones);
}

static gboolean
audit_trail (CustodyReportLayout   *layout,
             CustodyReportContext  *ctx,
             Audit                 *a,
             GError               **error)
{
  const CustodyReportColumn columns[] = {
    { _("Entry"), 0.9, CUSTODY_REPORT_ALIGN_END, "000,000" },
    { _("Dated"), 1.7, CUSTODY_REPORT_ALIGN_START, CUSTODY_REPORT_SAMPLE_TIME },
    { _("Recorded"), 1.7, CUSTODY_REPORT_ALIGN_START, CUSTODY_REPORT_SAMPLE_TIME },
    { _("Actor"), 1.4, CUSTODY_REPORT_ALIGN_START },
    { _("Action"), 1.6, CUSTODY_REPORT_ALIGN_START },
    { _("What"), 3.6, CUSTODY_REPORT_ALIGN_START },
  };
  Walk w = { layout, 0 };
  CustodyReportTone tone;
  g_autofree char *chain = chain_statement (&a->chain, &tone);

  custody_report_layout_section (layout, _("Audit Trail"));
  custody_report_layout_paragraph (layout, tone, chain);
  if (a->counts.audit_entries == 0)
    {
      custody_report_layout_paragraph (layout, CUSTODY_REPORT_TONE_MUTED,
                                       _("Nothing was written to the store in the period."));
      return TRUE;
    }

  custody_report_layout_paragraph (layout, CUSTODY_REPORT_TONE_MUTED,
                                   _("Every change to the store dated in the period. Recorded "
                                     "shows when a change was entered, where that differs from "
                                     "when it happened."));
  custody_report_layout_begin_table (layout, columns, G_N_ELEMENTS (columns), 0);
  if (!custody_store_report_audit_entries (ctx->store, ctx->from, ctx->to, audit_entry_cb, &w,
                                           error))
    return FALSE;
  custody_report_layout_end_table (layout);
  return TRUE;
}

gboolean
custody_report_audit_build (CustodyReportLayout  *layout,
                            gpointer              data,
                            GError              **error)
{
  CustodyReportContext *ctx = data;
  Audit *a = ctx->data;
  const CustodyReportCounts *c = &a->counts;

  custody_report_layout_set_work (layout, 2 * a->activity->len + c->runs[CUSTODY_RUN_FAILED] +
                                  c->tests_failed + c->alerts_raised + c->acknowledgements +
                                  c->movements + c->audit_entries + 20);
  custody_report_title_block (layout, ctx);
  summary (layout, ctx, a);
  backups_by_job (layout, a);

  return failed_runs (layout, ctx, a, error) &&
         (verifications_by_job (layout, a), TRUE) &&
         failed_tests (layout, ctx, a, error) &&
         alerts (layout, ctx, error) &&
         acknowledgements (layout, ctx, a, error) &&
         movements (layout, ctx, a, error) &&
         audit_trail (layout, ctx, a, error);
}
