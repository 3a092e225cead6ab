/* custody-report-compliance.c
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

/* The compliance report: every job against the 3-2-1-1-0 rule at one
 * moment. A summary, the failures per rule, a matrix of every job by
 * rule, the reasons behind every failure, and every copy with the facts
 * the verdict rests on. The verdicts of even 10,000 jobs are small enough
 * to keep; they are evaluated once, then laid out twice. */

typedef struct
{
  GPtrArray     *verdicts;   /* CustodyVerdict, by job name */
  GHashTable    *owners;     /* job name -> owner */
  GPtrArray     *jobs;       /* CustodyJob, for the owners */
  CustodyPolicy  policy;
  guint          by_status[CUSTODY_N_STATUSES];
  guint          failing[CUSTODY_N_RULES];
  guint          reasons;
  guint          copies;
} Compliance;

static void
compliance_free (gpointer data)
{
  Compliance *c = data;

  g_clear_pointer (&c->verdicts, g_ptr_array_unref);
  g_clear_pointer (&c->owners, g_hash_table_unref);
  g_clear_pointer (&c->jobs, g_ptr_array_unref);
  g_free (c);
}

static guint
reason_rows (const CustodyVerdict *v)
{
  guint n = v->risks != NULL ? v->risks->len : 0;

  for (guint r = 0; r < CUSTODY_N_RULES; r++)
    if (!v->rules[r].pass)
      n += MAX (v->rules[r].reasons->len, 1);
  return n;
}

gboolean
custody_report_compliance_prepare (CustodyReportContext  *ctx,
                                   GError               **error)
{
  Compliance *c = g_new0 (Compliance, 1);

  ctx->data = c;
  ctx->data_free = compliance_free;

  c->verdicts = custody_store_report_verdicts (ctx->store, ctx->to, &c->policy, error);
  if (c->verdicts == NULL)
    return FALSE;

  c->jobs = custody_store_list_jobs (ctx->store, FALSE, error);
  if (c->jobs == NULL)
    return FALSE;
  c->owners = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < c->jobs->len; i++)
    {
      CustodyJob *job = g_ptr_array_index (c->jobs, i);
      g_hash_table_insert (c->owners, job->name, job->owner);
    }

  for (guint i = 0; i < c->verdicts->len; i++)
    {
      CustodyVerdict *v = g_ptr_array_index (c->verdicts, i);

      c->by_status[v->status]++;
      for (guint r = 0; r < CUSTODY_N_RULES; r++)
        if (!v->rules[r].pass)
          c->failing[r]++;
      c->reasons += reason_rows (v);
      c->copies += v->n_copies;
    }

  return TRUE;
}

static const char *
rule_meaning (CustodyRule rule)
{
  switch (rule)
    {
    case CUSTODY_RULE_3_COPIES:
      return _("At least three copies of the data");
    case CUSTODY_RULE_2_MEDIA:
      return _("Valid copies on at least two media types");
    case CUSTODY_RULE_1_OFFSITE:
      return _("At least one valid copy off-site");
    case CUSTODY_RULE_1_OFFLINE:
      return _("At least one valid copy offline, air-gapped or immutable");
    case CUSTODY_RULE_0_ERRORS:
      return _("No failed run and every valid copy verified inside its window");
    case CUSTODY_N_RULES:
    default:
      return "";
    }
}

static const char *
verification_label (CustodyVerificationState state)
{
  switch (state)
    {
    case CUSTODY_VERIFICATION_OK:
      return _("Passed");
    case CUSTODY_VERIFICATION_MISSING:
      return _("Overdue");
    case CUSTODY_VERIFICATION_FAILED:
      return _("Failed");
    case CUSTODY_VERIFICATION_HAS_ERRORS:
      return _("Errors found");
    case CUSTODY_VERIFICATION_NOT_NEEDED:
    default:
      return "\xe2\x80\x94";
    }
}

static CustodyReportTone
verification_tone (CustodyVerificationState state)
{
  switch (state)
    {
    case CUSTODY_VERIFICATION_OK:
      return CUSTODY_REPORT_TONE_GOOD;
    case CUSTODY_VERIFICATION_MISSING:
    case CUSTODY_VERIFICATION_FAILED:
    case CUSTODY_VERIFICATION_HAS_ERRORS:
      return CUSTODY_REPORT_TONE_BAD;
    case CUSTODY_VERIFICATION_NOT_NEEDED:
    default:
      return CUSTODY_REPORT_TONE_MUTED;
    }
}

static const char *
yes_no (gboolean value)
{
  return value ? _("Yes") : _("No");
}

static void
summary (CustodyReportLayout *layout,
         Compliance          *c)
{
  char jobs[CUSTODY_REPORT_BUF], compliant[CUSTODY_REPORT_BUF], at_risk[CUSTODY_REPORT_BUF];
  char violation[CUSTODY_REPORT_BUF], rate[CUSTODY_REPORT_BUF];
  guint n = c->verdicts->len;
  g_autofree char *rpo = g_strdup_printf ("%.0f%%", c->policy.at_risk_rpo_fraction * 100);
  g_autofree char *days = g_strdup_printf ("%d", c->policy.at_risk_verify_days);
  CustodyReportFigure figures[] = {
    { custody_report_count (n, jobs), _("Jobs"), CUSTODY_REPORT_TONE_STRONG },
    { custody_report_count (c->by_status[CUSTODY_STATUS_COMPLIANT], compliant), _("Compliant"),
      CUSTODY_REPORT_TONE_GOOD },
    { custody_report_count (c->by_status[CUSTODY_STATUS_AT_RISK], at_risk), _("At risk"),
      c->by_status[CUSTODY_STATUS_AT_RISK] > 0 ? CUSTODY_REPORT_TONE_WARNING
      : CUSTODY_REPORT_TONE_MUTED },
    { custody_report_count (c->by_status[CUSTODY_STATUS_VIOLATION], violation), _("In violation"),
      c->by_status[CUSTODY_STATUS_VIOLATION] > 0 ? CUSTODY_REPORT_TONE_BAD
      : CUSTODY_REPORT_TONE_MUTED },
  };
  const char * const rows[][2] = {
    { _("Compliance rate"), n > 0 ? custody_report_percent (
        (double) (c->by_status[CUSTODY_STATUS_COMPLIANT] +
                  c->by_status[CUSTODY_STATUS_AT_RISK]) / n, rate)
      : "\xe2\x80\x94" },
    { _("Production counts as a copy"), yes_no (c->policy.production_counts) },
    { _("A run with warnings counts as a success"), yes_no (c->policy.warning_counts) },
    { _("At risk when less of the RPO is left than"), rpo },
    { _("At risk when a verification expires within (days)"), days },
  };

  custody_report_layout_section (layout, _("Summary"));
  custody_report_layout_figures (layout, figures, G_N_ELEMENTS (figures));
  custody_report_layout_paragraph (layout, CUSTODY_REPORT_TONE_NORMAL,
                                   _("A job is compliant when it keeps three copies of its data, "
                                     "on two media types, one of them off-site and one offline or "
                                     "immutable, with zero errors. Only valid copies count: a copy "
                                     "whose last good run is older than the job's RPO does not. "
                                     "At risk means compliant now, but about to fail."));

  custody_report_layout_facts (layout, rows, G_N_ELEMENTS (rows));
}

static void
rules (CustodyReportLayout *layout,
       Compliance          *c)
{
  const CustodyReportColumn columns[] = {
    /* As wide as the longest rule, which would wrap in Japanese. */
    { _("Rule"), 2, CUSTODY_REPORT_ALIGN_START, custody_rule_get_label (CUSTODY_RULE_1_OFFLINE) },
    { _("What it asks"), 5, CUSTODY_REPORT_ALIGN_START },
    { _("Jobs failing"), 1.3, CUSTODY_REPORT_ALIGN_END },
    { _("Share of jobs"), 1.3, CUSTODY_REPORT_ALIGN_END },
  };
  guint n = c->verdicts->len;

  custody_report_layout_section (layout, _("Failures by Rule"));
  custody_report_layout_begin_table (layout, columns, G_N_ELEMENTS (columns), 0);
  for (guint r = 0; r < CUSTODY_N_RULES; r++)
    {
      char count[CUSTODY_REPORT_BUF], share[CUSTODY_REPORT_BUF];
      const char *cells[] = {
        custody_rule_get_label (r), rule_meaning (r), custody_report_count (c->failing[r], count),
        n > 0 ? custody_report_percent ((double) c->failing[r] / n, share) : "\xe2\x80\x94",
      };
      CustodyReportTone bad = c->failing[r] > 0 ? CUSTODY_REPORT_TONE_BAD
                              : CUSTODY_REPORT_TONE_GOOD;
      const CustodyReportTone tones[] = {
        CUSTODY_REPORT_TONE_STRONG, CUSTODY_REPORT_TONE_NORMAL, bad, bad,
      };

      custody_report_layout_row (layout, cells, tones);
    }
  custody_report_layout_end_table (layout);
}

static void
rule_cell (const CustodyVerdict *v,
           CustodyRule           rule,
           char                 *buf,
           const char          **cell,
           CustodyReportTone    *tone)
{
  const CustodyRuleVerdict *r = &v->rules[rule];

  if (rule == CUSTODY_RULE_0_ERRORS)
    g_snprintf (buf, CUSTODY_REPORT_BUF, "%" G_GINT64_FORMAT, r->have);
  else
    g_snprintf (buf, CUSTODY_REPORT_BUF, "%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT, r->have,
                r->need);
  *cell = buf;
  *tone = r->pass ? CUSTODY_REPORT_TONE_GOOD : CUSTODY_REPORT_TONE_BAD;
}

static void
matrix (CustodyReportLayout *layout,
        Compliance          *c)
{
  const CustodyReportColumn columns[] = {
    { _("Job"), 2.8, CUSTODY_REPORT_ALIGN_START },
    { _("Owner"), 1.9, CUSTODY_REPORT_ALIGN_START },
    { _("Status"), 1.2, CUSTODY_REPORT_ALIGN_START },
    { custody_rule_get_label (CUSTODY_RULE_3_COPIES), 1.15, CUSTODY_REPORT_ALIGN_CENTER },
    { custody_rule_get_label (CUSTODY_RULE_2_MEDIA), 1.15, CUSTODY_REPORT_ALIGN_CENTER },
    { custody_rule_get_label (CUSTODY_RULE_1_OFFSITE), 1.2, CUSTODY_REPORT_ALIGN_CENTER },
    { custody_rule_get_label (CUSTODY_RULE_1_OFFLINE), 1.6, CUSTODY_REPORT_ALIGN_CENTER },
    { custody_rule_get_label (CUSTODY_RULE_0_ERRORS), 1, CUSTODY_REPORT_ALIGN_CENTER },
  };

  custody_report_layout_section (layout, _("Jobs by Rule"));
  custody_report_layout_paragraph (layout, CUSTODY_REPORT_TONE_MUTED,
                                   _("Each rule shows what the job has against what it needs "
                                     "(copies, media types, off-site and offline copies), and for "
                                     "zero errors the errors found."));
  custody_report_layout_begin_table (layout, columns, G_N_ELEMENTS (columns), 0);
  for (guint i = 0; i < c->verdicts->len; i++)
    {
      CustodyVerdict *v = g_ptr_array_index (c->verdicts, i);
      char bufs[CUSTODY_N_RULES][CUSTODY_REPORT_BUF];
      const char *cells[3 + CUSTODY_N_RULES];
      CustodyReportTone tones[3 + CUSTODY_N_RULES];

      cells[0] = v->job;
      cells[1] = g_hash_table_lookup (c->owners, v->job);
      cells[2] = custody_report_status_label (v->status);
      tones[0] = CUSTODY_REPORT_TONE_NORMAL;
      tones[1] = CUSTODY_REPORT_TONE_MUTED;
      tones[2] = custody_report_status_tone (v->status);
      for (guint r = 0; r < CUSTODY_N_RULES; r++)
        rule_cell (v, r, bufs[r], &cells[3 + r], &tones[3 + r]);

      if (!custody_report_layout_row (layout, cells, tones))
        break;
    }
  custody_report_layout_end_table (layout);
}

static void
reasons (CustodyReportLayout *layout,
         Compliance          *c)
{
  const CustodyReportColumn columns[] = {
    { _("Job"), 2.6, CUSTODY_REPORT_ALIGN_START },
    { _("Rule"), 2, CUSTODY_REPORT_ALIGN_START, custody_rule_get_label (CUSTODY_RULE_1_OFFLINE) },
    { _("Reason"), 6, CUSTODY_REPORT_ALIGN_START },
  };
  guint n_problems = c->by_status[CUSTODY_STATUS_VIOLATION] + c->by_status[CUSTODY_STATUS_AT_RISK];

  custody_report_layout_section (layout, _("Reasons"));
  if (n_problems == 0)
    {
      custody_report_layout_paragraph (layout, CUSTODY_REPORT_TONE_GOOD,
                                       _("Every job is compliant, and none is at risk."));
      return;
    }

  custody_report_layout_paragraph (layout, CUSTODY_REPORT_TONE_MUTED,
                                   _("Why each job in violation or at risk is so, rule by rule."));
  custody_report_layout_begin_table (layout, columns, G_N_ELEMENTS (columns), 0);
  for (guint i = 0; i < c->verdicts->len && !custody_report_layout_failed (layout); i++)
    {
      CustodyVerdict *v = g_ptr_array_index (c->verdicts, i);
      gboolean first = TRUE;

      if (v->status == CUSTODY_STATUS_COMPLIANT)
        continue;

      for (guint r = 0; r < CUSTODY_N_RULES; r++)
        {
          const CustodyRuleVerdict *rule = &v->rules[r];

          if (rule->pass)
            continue;
          for (guint k = 0; k < MAX (rule->reasons->len, 1); k++)
            {
              const char *cells[] = {
                first ? v->job : "", k == 0 ? custody_rule_get_label (r) : "",
                k < rule->reasons->len ? g_ptr_array_index (rule->reasons, k) : "",
              };
              const CustodyReportTone tones[] = {
                CUSTODY_REPORT_TONE_STRONG, CUSTODY_REPORT_TONE_BAD, CUSTODY_REPORT_TONE_NORMAL,
              };

              custody_report_layout_row (layout, cells, tones);
              first = FALSE;
            }
        }

      for (guint k = 0; v->risks != NULL && k < v->risks->len; k++)
        {
          const char *cells[] = {
            first ? v->job : "", k == 0 ? custody_status_get_label (CUSTODY_STATUS_AT_RISK) : "",
            g_ptr_array_index (v->risks, k),
          };
          const CustodyReportTone tones[] = {
            CUSTODY_REPORT_TONE_STRONG, CUSTODY_REPORT_TONE_WARNING, CUSTODY_REPORT_TONE_NORMAL,
          };

          custody_report_layout_row (layout, cells, tones);
          first = FALSE;
        }
    }
  custody_report_layout_end_table (layout);
}

static char *
join_reasons (GPtrArray *reasons)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < reasons->len; i++)
    {
      if (i > 0)
        /* Translators: between two reasons a rule fails */
        g_string_append (text, _("; "));
      g_string_append (text, g_ptr_array_index (reasons, i));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
copies (CustodyReportLayout *layout,
        Compliance          *c)
{
  /* The yes-or-no columns are as wide as the longer answer (or header). */
  const char *answer = custody_report_layout_text_width (layout, CUSTODY_REPORT_STYLE_TABLE_BOLD,
                                                         yes_no (TRUE))
    > custody_report_layout_text_width (layout, CUSTODY_REPORT_STYLE_TABLE_BOLD, yes_no (FALSE))
    ? yes_no (TRUE) : yes_no (FALSE);
  const CustodyReportColumn columns[] = {
    { _("Job"), 2, CUSTODY_REPORT_ALIGN_START },
    { _("Copy"), 1.6, CUSTODY_REPORT_ALIGN_START },
    { _("Media"), 1.95, CUSTODY_REPORT_ALIGN_START },
    { _("Valid"), 0.85, CUSTODY_REPORT_ALIGN_CENTER, answer },
    /* Translators: a column: whether a copy is off-site */
    { _("Off-site"), 0.95, CUSTODY_REPORT_ALIGN_CENTER, answer },
    /* Translators: a column: whether a copy is offline, air-gapped or immutable */
    { _("Offline"), 0.95, CUSTODY_REPORT_ALIGN_CENTER, answer },
    { _("Last success"), 1, CUSTODY_REPORT_ALIGN_START, CUSTODY_REPORT_SAMPLE_TIME },
    { _("Verification"), 1.2, CUSTODY_REPORT_ALIGN_START },
    { _("Notes"), 4, CUSTODY_REPORT_ALIGN_START },
  };

  custody_report_layout_section (layout, _("Copies"));
  custody_report_layout_paragraph (layout, CUSTODY_REPORT_TONE_MUTED,
                                   _("Every copy of every job with the facts its job's verdict "
                                     "rests on: whether it is valid, where it is, its last good "
                                     "run and its latest verification."));
  custody_report_layout_begin_table (layout, columns, G_N_ELEMENTS (columns), 0);
  for (guint i = 0; i < c->verdicts->len && !custody_report_layout_failed (layout); i++)
    {
      CustodyVerdict *v = g_ptr_array_index (c->verdicts, i);

      if (v->n_copies == 0)
        {
          const char *cells[G_N_ELEMENTS (columns)] = { v->job, NULL, NULL, NULL, NULL, NULL, NULL,
                                                        NULL, _("The job has no backup copies.") };
          CustodyReportTone tones[G_N_ELEMENTS (columns)] = { CUSTODY_REPORT_TONE_STRONG, };

          tones[8] = CUSTODY_REPORT_TONE_BAD;
          custody_report_layout_row (layout, cells, tones);
          continue;
        }

      for (guint k = 0; k < v->n_copies; k++)
        {
          const CustodyCopyVerdict *cv = &v->copies[k];
          char last[CUSTODY_REPORT_BUF];
          g_autofree char *notes = join_reasons (cv->reasons);
          const char *cells[] = {
            k == 0 ? v->job : "", cv->name, custody_media_type_get_label (cv->media_type),
            yes_no (cv->valid), yes_no (cv->offsite), yes_no (cv->offline),
            custody_report_time (cv->last_success, last), verification_label (cv->verification),
            notes,
          };
          const CustodyReportTone tones[] = {
            CUSTODY_REPORT_TONE_STRONG, CUSTODY_REPORT_TONE_NORMAL, CUSTODY_REPORT_TONE_NORMAL,
            cv->valid ? CUSTODY_REPORT_TONE_GOOD : CUSTODY_REPORT_TONE_BAD,
            cv->offsite ? CUSTODY_REPORT_TONE_GOOD : CUSTODY_REPORT_TONE_MUTED,
            cv->offline ? CUSTODY_REPORT_TONE_GOOD : CUSTODY_REPORT_TONE_MUTED,
            cv->latest_run_failed ? CUSTODY_REPORT_TONE_BAD : CUSTODY_REPORT_TONE_NORMAL,
            verification_tone (cv->verification), CUSTODY_REPORT_TONE_MUTED,
          };

          if (!custody_report_layout_row (layout, cells, tones))
            break;
        }
    }
  custody_report_layout_end_table (layout);
}

gboolean
custody_report_compliance_build (CustodyReportLayout  *layout,
                                 gpointer              data,
                                 GError              **error)
{
  CustodyReportContext *ctx = data;
  Compliance *c = ctx->data;

  custody_report_layout_set_work (layout, 5 + c->verdicts->len + c->reasons + c->copies);
  custody_report_title_block (layout, ctx);
  summary (layout, c);
  rules (layout, c);
  matrix (layout, c);
  reasons (layout, c);
  copies (layout, c);

  return TRUE;
}
