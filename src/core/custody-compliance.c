/* custody-compliance.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custody-compliance"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "custody-compliance.h"
#include "custody-time.h"

#include <math.h>

#define HOUR 3600
#define DAY  86400

G_DEFINE_BOXED_TYPE (CustodyVerdict, custody_verdict, custody_verdict_ref, custody_verdict_unref)

/*
 * Helpers
 */

static char *
describe_hours (gint64 hours)
{
  if (hours >= 48 && hours % 24 == 0)
    return custody_duration_describe (hours * HOUR);

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%lld hour",
                                       "%lld hours", hours), (long long) hours);
}

static char *
describe_days (gint64 days)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%lld day",
                                       "%lld days", days), (long long) days);
}

static const char *
add_reason (GPtrArray  *reasons,
            const char *format,
            ...) G_GNUC_PRINTF (2, 3);

static const char *
add_reason (GPtrArray  *reasons,
            const char *format,
            ...)
{
  va_list args;
  char *reason;

  va_start (args, format);
  reason = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (reasons, reason);

  return reason;
}

static const CustodyRunFact *
latest_run (const CustodyCopyFacts *copy,
            gint64                  now,
            gboolean                successes_only,
            gboolean                warning_counts)
{
  const CustodyRunFact *best = NULL;

  for (guint i = 0; i < copy->n_runs; i++)
    {
      const CustodyRunFact *run = &copy->runs[i];

      if (run->status == CUSTODY_RUN_RUNNING || run->finished == CUSTODY_TIME_NONE ||
          run->finished > now)
        continue;

      if (successes_only &&
          !(run->status == CUSTODY_RUN_SUCCESS ||
            (warning_counts && run->status == CUSTODY_RUN_WARNING)))
        continue;

      /* Runs the tool dates to the same second cannot be told apart:
       * a failure among them wins, as for verifications. */
      if (best == NULL || run->finished > best->finished ||
          (run->finished == best->finished &&
           (run->started > best->started ||
            (run->started == best->started && run->status == CUSTODY_RUN_FAILED))))
        best = run;
    }

  return best;
}

static const CustodyVerificationFact *
latest_verification (const CustodyCopyFacts *copy,
                     gint64                  now)
{
  const CustodyVerificationFact *best = NULL;

  for (guint i = 0; i < copy->n_verifications; i++)
    {
      const CustodyVerificationFact *v = &copy->verifications[i];

      if (v->at > now)
        continue;
      /* On a tie, a failure wins: a test that failed is not cancelled by
       * another recorded in the same second. */
      if (best == NULL || v->at > best->at || (v->at == best->at && !v->passed))
        best = v;
    }

  return best;
}

static const char *
location_kind_key (CustodyLocationKind kind)
{
  /* The key in English, as scripts read it in check's reasons; the
   * kind's name in a translation. */
  if (kind == CUSTODY_LOCATION_NONE)
    /* Translators: a copy's location kind when it has no location */
    return C_("location kind", "none");
  return custody_location_kind_get_text_label (kind);
}

/* Where a copy on removable media is: every volume of its latest restore
 * point decides. */
static void
judge_volumes (const CustodyCopyFacts *copy,
               const CustodyRunFact   *restore_point,
               CustodyCopyVerdict     *out,
               gboolean               *destroyed)
{
  gboolean all_offsite = TRUE;
  gboolean all_offline = TRUE;
  gboolean all_worm = TRUE;

  *destroyed = FALSE;

  if (restore_point->n_volumes == 0)
    {
      /* Nothing says which volumes hold it: fall back to the copy's own
       * location, and say so. */
      if (copy->location != NULL)
        {
          const char *r = add_reason (out->reasons,
                                      _("no volumes recorded for the latest restore point; using "
                                        "the copy's location '%s' (%s)"),
                                      copy->location, location_kind_key (copy->location_kind));
          out->offsite = custody_location_kind_is_offsite (copy->location_kind);
          out->offline = custody_location_kind_is_offline (copy->location_kind);
          if (!out->offsite)
            g_ptr_array_add (out->why_not_offsite, (gpointer) r);
          if (!out->offline)
            g_ptr_array_add (out->why_not_offline, (gpointer) r);
          *destroyed = copy->location_kind == CUSTODY_LOCATION_DESTROYED;
          if (*destroyed)
            out->why_invalid = r;
        }
      else
        {
          const char *r = add_reason (out->reasons,
                                      _("no volumes recorded for the latest restore point: counted "
                                        "as on-site and online"));
          g_ptr_array_add (out->why_not_offsite, (gpointer) r);
          g_ptr_array_add (out->why_not_offline, (gpointer) r);
        }
      out->immutable = copy->immutable;
      return;
    }

  for (guint i = 0; i < restore_point->n_volumes; i++)
    {
      const CustodyVolumeFact *vol = &restore_point->volumes[i];
      gboolean offsite = custody_location_kind_is_offsite (vol->location_kind);
      gboolean offline = custody_location_kind_is_offline (vol->location_kind);

      all_worm &= vol->worm;

      if (vol->location_kind == CUSTODY_LOCATION_DESTROYED)
        {
          const char *r = add_reason (out->reasons, _("volume %s is destroyed"), vol->volser);

          if (!*destroyed)
            out->why_invalid = r;
          *destroyed = TRUE;
          all_offsite = all_offline = FALSE;
          continue;
        }

      if (vol->released)
        {
          const char *r = add_reason (out->reasons,
                                      _("volume %s was retired or returned to scratch"),
                                      vol->volser);

          if (!*destroyed)
            out->why_invalid = r;
          *destroyed = TRUE;
          all_offsite = all_offline = FALSE;
          continue;
        }

      if (vol->location == NULL)
        {
          const char *r = add_reason (out->reasons, _("volume %s has no recorded location"),
                                      vol->volser);
          g_ptr_array_add (out->why_not_offsite, (gpointer) r);
          g_ptr_array_add (out->why_not_offline, (gpointer) r);
          all_offsite = all_offline = FALSE;
          continue;
        }

      if (!offsite || !offline)
        {
          const char *r = add_reason (out->reasons, _("volume %s is in '%s' (%s)"),
                                      vol->volser, vol->location,
                                      location_kind_key (vol->location_kind));
          if (!offsite)
            g_ptr_array_add (out->why_not_offsite, (gpointer) r);
          if (!offline)
            g_ptr_array_add (out->why_not_offline, (gpointer) r);
        }

      all_offsite &= offsite;
      all_offline &= offline;
    }

  out->offsite = all_offsite;
  out->offline = all_offline;
  out->immutable = copy->immutable || all_worm;
}

/* Where a copy on a repository is: its own location, and offline only if
 * it cannot be changed or reached. */
static void
judge_repository (const CustodyCopyFacts *copy,
                  CustodyCopyVerdict     *out,
                  gboolean               *destroyed)
{
  *destroyed = copy->location_kind == CUSTODY_LOCATION_DESTROYED && copy->location != NULL;

  if (copy->location == NULL)
    {
      g_ptr_array_add (out->why_not_offsite,
                       (gpointer) add_reason (out->reasons,
                                              _("no location recorded: counted as on-site")));
      out->offsite = FALSE;
    }
  else
    {
      out->offsite = custody_location_kind_is_offsite (copy->location_kind);
      if (*destroyed)
        out->why_invalid = add_reason (out->reasons, _("its location '%s' is destroyed"),
                                       copy->location);
      else if (!out->offsite)
        g_ptr_array_add (out->why_not_offsite,
                         (gpointer) add_reason (out->reasons, _("repository is in '%s' (%s)"),
                                                copy->location,
                                                location_kind_key (copy->location_kind)));
    }

  out->immutable = copy->immutable;
  out->offline = copy->air_gapped;
  if (!copy->immutable && !copy->air_gapped)
    g_ptr_array_add (out->why_not_offline,
                     (gpointer) add_reason (out->reasons,
                                            _("online repository, "
                                              "neither immutable nor air-gapped")));
}

static void
judge_copy (const CustodyJobFacts  *job,
            const CustodyCopyFacts *copy,
            const CustodyPolicy    *policy,
            gint64                  now,
            CustodyCopyVerdict     *out)
{
  const CustodyRunFact *success = latest_run (copy, now, TRUE, policy->warning_counts);
  const CustodyRunFact *last = latest_run (copy, now, FALSE, FALSE);
  gint64 rpo = job->rpo_hours * HOUR;
  gboolean destroyed = FALSE;

  out->name = g_strdup (copy->name);
  out->media_type = copy->media_type;
  out->reasons = g_ptr_array_new_with_free_func (g_free);
  out->why_not_offsite = g_ptr_array_new ();
  out->why_not_offline = g_ptr_array_new ();
  out->why_errors = g_ptr_array_new ();
  out->last_success = success != NULL ? success->finished : CUSTODY_TIME_NONE;
  out->valid_until = CUSTODY_TIME_NONE;
  out->latest_run_failed = last != NULL && last->status == CUSTODY_RUN_FAILED;
  out->verification = CUSTODY_VERIFICATION_NOT_NEEDED;

  if (success == NULL)
    {
      out->why_invalid = add_reason (out->reasons, _("no successful run"));
      out->immutable = copy->immutable;
      return;
    }

  if (custody_media_type_is_removable (copy->media_type))
    judge_volumes (copy, success, out, &destroyed);
  else
    judge_repository (copy, out, &destroyed);

  if (destroyed)
    {
      out->valid = FALSE;
    }
  else if (now - success->finished > rpo)
    {
      g_autofree char *ago = custody_duration_describe (now - success->finished);
      g_autofree char *rpo_text = describe_hours (job->rpo_hours);

      out->valid = FALSE;
      /* Translators: "last success 9 days ago, RPO 7 days" */
      out->why_invalid = add_reason (out->reasons, _("last success %s ago, RPO %s"),
                                     ago, rpo_text);
    }
  else
    {
      out->valid = TRUE;
      out->valid_until = success->finished + rpo;
    }

  out->offline = out->offline || out->immutable;
}

static void
judge_errors (const CustodyJobFacts  *job,
              const CustodyCopyFacts *copy,
              gint64                  now,
              CustodyCopyVerdict     *cv,
              CustodyRuleVerdict     *rule,
              GPtrArray              *risks,
              const CustodyPolicy    *policy)
{
  const CustodyVerificationFact *v;
  gint64 window = job->verify_days * DAY;

  if (cv->latest_run_failed)
    {
      const CustodyRunFact *last = latest_run (copy, now, FALSE, FALSE);
      g_autofree char *when = custody_time_format_text (last->finished);

      rule->have++;
      g_ptr_array_add (cv->why_errors,
                       (gpointer) add_reason (rule->reasons,
                                              _("'%s': latest run failed (finished %s)"),
                                              copy->name, when));
    }

  if (!cv->valid)
    return;

  v = latest_verification (copy, now);
  if (v == NULL || now - v->at > window)
    {
      g_autofree char *days = describe_days (job->verify_days);

      cv->verification = CUSTODY_VERIFICATION_MISSING;
      rule->have++;
      if (v == NULL)
        g_ptr_array_add (cv->why_errors,
                         (gpointer) add_reason (rule->reasons,
                                                _("'%s': never verified (window %s)"),
                                                copy->name, days));
      else
        {
          g_autofree char *ago = custody_duration_describe (now - v->at);
          g_ptr_array_add (cv->why_errors,
                           (gpointer) add_reason (rule->reasons,
                                                  _("'%s': last verification %s ago, window %s"),
                                                  copy->name, ago, days));
        }
    }
  else if (!v->passed)
    {
      g_autofree char *when = custody_time_format_text (v->at);

      cv->verification = CUSTODY_VERIFICATION_FAILED;
      rule->have++;
      g_ptr_array_add (cv->why_errors,
                       (gpointer) add_reason (rule->reasons,
                                              _("'%s': latest verification failed (%s)"),
                                              copy->name, when));
    }
  else if (v->errors > 0)
    {
      const char *why;

      cv->verification = CUSTODY_VERIFICATION_HAS_ERRORS;
      rule->have++;
      why = add_reason (rule->reasons,
                        g_dngettext (GETTEXT_PACKAGE,
                                     "'%s': latest verification found %lld error",
                                     "'%s': latest verification found %lld errors",
                                     v->errors),
                        copy->name, (long long) v->errors);
      g_ptr_array_add (cv->why_errors, (gpointer) why);
    }
  else
    {
      gint64 expires = v->at + window;

      cv->verification = CUSTODY_VERIFICATION_OK;
      if (expires - now < (gint64) policy->at_risk_verify_days * DAY)
        {
          g_autofree char *left = custody_duration_describe (expires - now);
          add_reason (risks, _("'%s': its verification expires in %s"), copy->name, left);
        }
    }
}

static void
count_copies (CustodyRuleVerdict       *rule,
              const CustodyJobFacts    *job,
              const CustodyCopyVerdict *copies,
              const CustodyPolicy      *policy)
{
  rule->need = 3;
  rule->have = policy->production_counts ? 1 : 0;

  for (guint i = 0; i < job->n_copies; i++)
    rule->have += copies[i].valid ? 1 : 0;

  rule->pass = rule->have >= rule->need;
  if (rule->pass)
    return;

  if (policy->production_counts)
    add_reason (rule->reasons,
                _("%lld of 3 copies, production included"), (long long) rule->have);
  else
    add_reason (rule->reasons,
                _("%lld of 3 copies, production not counted"),
                (long long) rule->have);

  if (job->n_copies == 0)
    add_reason (rule->reasons, _("the job has no backup copies"));

  for (guint i = 0; i < job->n_copies; i++)
    {
      if (!copies[i].valid)
        add_reason (rule->reasons, "'%s': %s", copies[i].name, copies[i].why_invalid);
    }
}

static void
count_media (CustodyRuleVerdict       *rule,
             const CustodyJobFacts    *job,
             const CustodyCopyVerdict *copies)
{
  gboolean seen[CUSTODY_N_MEDIA_TYPES] = { FALSE, };

  rule->need = 2;
  rule->have = 0;

  for (guint i = 0; i < job->n_copies; i++)
    {
      if (copies[i].valid && !seen[copies[i].media_type])
        {
          seen[copies[i].media_type] = TRUE;
          rule->have++;
        }
    }

  rule->pass = rule->have >= rule->need;
  if (rule->pass)
    return;

  if (rule->have == 0)
    add_reason (rule->reasons, _("no valid copy"));
  else
    for (guint t = 0; t < CUSTODY_N_MEDIA_TYPES; t++)
      if (seen[t])
        add_reason (rule->reasons, _("every valid copy is on %s"),
                    custody_media_type_to_string (t));
}

typedef enum { WHERE_OFFSITE, WHERE_OFFLINE } Where;

static void
count_where (CustodyRuleVerdict       *rule,
             const CustodyJobFacts    *job,
             const CustodyCopyVerdict *copies,
             Where                     where)
{
  rule->need = 1;
  rule->have = 0;

  for (guint i = 0; i < job->n_copies; i++)
    {
      gboolean here = where == WHERE_OFFSITE ? copies[i].offsite : copies[i].offline;
      if (copies[i].valid && here)
        rule->have++;
    }

  rule->pass = rule->have >= rule->need;
  if (rule->pass)
    return;

  if (where == WHERE_OFFSITE)
    add_reason (rule->reasons, _("no valid copy is off-site"));
  else
    add_reason (rule->reasons, _("no valid copy is offline, air-gapped or immutable"));

  for (guint i = 0; i < job->n_copies; i++)
    {
      const CustodyCopyVerdict *cv = &copies[i];
      gboolean here = where == WHERE_OFFSITE ? cv->offsite : cv->offline;

      if (here && !cv->valid)
        add_reason (rule->reasons,
                    where == WHERE_OFFSITE ? _("'%s' is off-site but not valid: %s")
                                           : _("'%s' is offline but not valid: %s"),
                    cv->name, cv->why_invalid);
      else if (cv->valid && !here)
        {
          GPtrArray *why = where == WHERE_OFFSITE ? cv->why_not_offsite : cv->why_not_offline;

          for (guint r = 0; r < why->len; r++)
            add_reason (rule->reasons, "'%s': %s", cv->name,
                        (const char *) g_ptr_array_index (why, r));
        }
    }
}

static void
earliest_after (gint64 *until,
                gint64  now,
                gint64  moment)
{
  if (moment > now && moment < *until)
    *until = moment;
}

/* The first moment after @now at which the passing of time alone could
 * change the verdict: a copy going stale or at risk, a verification
 * expiring or about to. Until then, the verdict can be kept. */
static gint64
stable_until (const CustodyJobFacts  *job,
              const CustodyVerdict   *verdict,
              const CustodyPolicy    *policy,
              gint64                  now)
{
  gint64 until = G_MAXINT64;
  gint64 rpo = job->rpo_hours * HOUR;
  gint64 window = job->verify_days * DAY;

  for (guint i = 0; i < verdict->n_copies; i++)
    {
      const CustodyCopyVerdict *cv = &verdict->copies[i];
      const CustodyVerificationFact *v;

      if (!cv->valid)
        continue;

      earliest_after (&until, now, cv->valid_until + 1);
      earliest_after (&until, now,
                      (gint64) floor ((double) cv->valid_until -
                                      policy->at_risk_rpo_fraction * rpo) + 1);

      v = latest_verification (&job->copies[i], now);
      if (v != NULL)
        {
          earliest_after (&until, now, v->at + window + 1);
          earliest_after (&until, now,
                          v->at + window - (gint64) policy->at_risk_verify_days * DAY + 1);
        }
    }

  return until;
}

/*
 * Public API
 */

CustodyVerdict *
custody_verdict_ref (CustodyVerdict *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
custody_verdict_unref (CustodyVerdict *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  for (guint i = 0; i < CUSTODY_N_RULES; i++)
    g_ptr_array_unref (self->rules[i].reasons);
  for (guint i = 0; i < self->n_copies; i++)
    {
      g_free (self->copies[i].name);
      g_ptr_array_unref (self->copies[i].why_not_offsite);
      g_ptr_array_unref (self->copies[i].why_not_offline);
      g_ptr_array_unref (self->copies[i].why_errors);
      g_ptr_array_unref (self->copies[i].reasons);
    }
  g_free (self->copies);
  g_ptr_array_unref (self->risks);
  g_free (self->job);
  g_free (self);
}

void
custody_policy_init_defaults (CustodyPolicy *policy)
{
  g_return_if_fail (policy != NULL);

  policy->production_counts = TRUE;
  policy->warning_counts = TRUE;
  policy->at_risk_rpo_fraction = 0.10;
  policy->at_risk_verify_days = 7;
}

/**
 * custody_compliance_evaluate:
 * @job: the facts of one job
 * @policy: the store-wide policy
 * @now: the moment of evaluation; later facts are ignored
 *
 * Judges one job against the 3-2-1-1-0 rule. Pure: no I/O, no clock.
 *
 * Returns: (transfer full): the verdict
 */
CustodyVerdict *
custody_compliance_evaluate (const CustodyJobFacts *job,
                             const CustodyPolicy   *policy,
                             gint64                 now)
{
  CustodyVerdict *self;
  gboolean all_pass = TRUE;

  g_return_val_if_fail (job != NULL, NULL);
  g_return_val_if_fail (policy != NULL, NULL);

  self = g_new0 (CustodyVerdict, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->job = g_strdup (job->name);
  self->evaluated_at = now;
  self->n_copies = job->n_copies;
  self->copies = g_new0 (CustodyCopyVerdict, MAX (job->n_copies, 1));
  self->risks = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < CUSTODY_N_RULES; i++)
    self->rules[i].reasons = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < job->n_copies; i++)
    judge_copy (job, &job->copies[i], policy, now, &self->copies[i]);

  count_copies (&self->rules[CUSTODY_RULE_3_COPIES], job, self->copies, policy);
  count_media (&self->rules[CUSTODY_RULE_2_MEDIA], job, self->copies);
  count_where (&self->rules[CUSTODY_RULE_1_OFFSITE], job, self->copies, WHERE_OFFSITE);
  count_where (&self->rules[CUSTODY_RULE_1_OFFLINE], job, self->copies, WHERE_OFFLINE);

  self->rules[CUSTODY_RULE_0_ERRORS].need = 0;
  for (guint i = 0; i < job->n_copies; i++)
    judge_errors (job, &job->copies[i], now, &self->copies[i],
                  &self->rules[CUSTODY_RULE_0_ERRORS], self->risks, policy);
  self->rules[CUSTODY_RULE_0_ERRORS].pass = self->rules[CUSTODY_RULE_0_ERRORS].have == 0;

  for (guint i = 0; i < CUSTODY_N_RULES; i++)
    all_pass &= self->rules[i].pass;

  for (guint i = 0; i < job->n_copies; i++)
    {
      const CustodyCopyVerdict *cv = &self->copies[i];
      gint64 rpo = job->rpo_hours * HOUR;

      if (cv->valid && (double) (cv->valid_until - now) < policy->at_risk_rpo_fraction * rpo)
        {
          g_autofree char *left = custody_duration_describe (cv->valid_until - now);
          add_reason (self->risks, _("'%s': valid for another %s only"), cv->name, left);
        }
    }

  self->stable_until = stable_until (job, self, policy, now);

  if (!all_pass)
    self->status = CUSTODY_STATUS_VIOLATION;
  else if (self->risks->len > 0)
    self->status = CUSTODY_STATUS_AT_RISK;
  else
    self->status = CUSTODY_STATUS_COMPLIANT;

  return self;
}
