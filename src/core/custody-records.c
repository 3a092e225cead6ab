/* custody-records.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custody-records"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "custody-records.h"
#include "custody-time.h"

G_DEFINE_FINAL_TYPE (CustodyJob, custody_job, G_TYPE_OBJECT)
G_DEFINE_FINAL_TYPE (CustodyCopy, custody_copy, G_TYPE_OBJECT)
G_DEFINE_FINAL_TYPE (CustodyExecution, custody_execution, G_TYPE_OBJECT)
G_DEFINE_FINAL_TYPE (CustodyVerification, custody_verification, G_TYPE_OBJECT)
G_DEFINE_FINAL_TYPE (CustodyLocation, custody_location, G_TYPE_OBJECT)
G_DEFINE_FINAL_TYPE (CustodyMedium, custody_medium, G_TYPE_OBJECT)
G_DEFINE_FINAL_TYPE (CustodyMovement, custody_movement, G_TYPE_OBJECT)
G_DEFINE_FINAL_TYPE (CustodyAlert, custody_alert, G_TYPE_OBJECT)

static const char *severities[][2] = {
  { "info", N_("Information") },
  { "warning", N_("Warning") },
  { "critical", N_("Critical") },
};

const char *
custody_severity_to_string (CustodySeverity severity)
{
  g_return_val_if_fail ((guint) severity < G_N_ELEMENTS (severities), NULL);
  return severities[severity][0];
}

const char *
custody_severity_get_label (CustodySeverity severity)
{
  g_return_val_if_fail ((guint) severity < G_N_ELEMENTS (severities), NULL);
  return g_dgettext (GETTEXT_PACKAGE, severities[severity][1]);
}

/* Both the English wording the store keeps and the reader's. */
#define ALERT_TEXT(format) \
  (translated ? g_strdup_printf (_(format), subject, detail) \
              : g_strdup_printf (format, subject, detail))

/* Splits a detail of tab-separated fields into exactly @n of them. */
static gboolean
detail_fields (const char *detail,
               guint       n,
               GStrv      *out)
{
  *out = g_strsplit (detail, "\t", (int) n);
  if (g_strv_length (*out) == n)
    return TRUE;
  g_clear_pointer (out, g_strfreev);
  return FALSE;
}

/* "N\tDUE\tA00001L9, A00002L9…": how many volumes are overdue, since
 * when the oldest, and the first of them. */
static char *
describe_overdue (const char *detail,
                  gboolean    translated)
{
  g_auto(GStrv) f = NULL;
  guint n;

  if (!detail_fields (detail, 3, &f))
    return NULL;
  n = (guint) g_ascii_strtoull (f[0], NULL, 10);
  if (translated)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%u volume is overdue at the desk since %s: %s",
                                         "%u volumes are overdue at the desk, the oldest "
                                         "since %s: %s", n),
                            n, f[1], f[2]);
  return g_strdup_printf (n == 1 ? "%u volume is overdue at the desk since %s: %s"
                                 : "%u volumes are overdue at the desk, the oldest since %s: %s",
                          n, f[1], f[2]);
}

/* "1-offsite, 1-offline" as the rules' names: "1 off-site, 1 offline or
 * immutable", in English for the store or in the reader's language. */
static char *
rule_names (const char *keys,
            gboolean    translated)
{
  g_auto(GStrv) parts = g_strsplit (keys, ", ", -1);
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *name = parts[i];

      for (guint r = 0; r < CUSTODY_N_RULES; r++)
        if (g_str_equal (parts[i], custody_rule_to_string (r)))
          name = translated ? custody_rule_get_label (r) : custody_rule_get_english_label (r);
      if (names->len > 0)
        /* Translators: between two rules' names in a list */
        g_string_append (names, translated ? _(", ") : ", ");
      g_string_append (names, name);
    }

  return g_string_free (g_steal_pointer (&names), FALSE);
}

/* "LOCATION\tRULES": an observed fact at a location breaks the job's rules. */
static char *
describe_observed_break (const char *job,
                         const char *detail,
                         gboolean    translated)
{
  g_auto(GStrv) f = NULL;
  g_autofree char *names = NULL;
  const char *location, *rules;

  if (!detail_fields (detail, 2, &f))
    return NULL;
  location = f[0];
  rules = names = rule_names (f[1], translated);
  /* Translators: "What was found at “Library” breaks payroll (1 off-site)" */
#define OBSERVED_BREAK N_("What was found at “%s” breaks %s (%s)")
  return translated ? g_strdup_printf (_(OBSERVED_BREAK), location, job, rules)
                    : g_strdup_printf (OBSERVED_BREAK, location, job, rules);
#undef OBSERVED_BREAK
}

/**
 * custody_alert_describe:
 * @kind: an alert kind the engine or the desk raises
 * @subject: the job it is about (the volume for "media-missing")
 * @detail: the failing rules ("violation"), the copy, the location
 *   ("media-missing"), "LOCATION\tRULES" ("observed-break") or
 *   "N\tDUE\tVOLSERS" ("media-overdue")
 * @translated: in the reader's language, else in English (for the store)
 *
 * Returns: (transfer full) (nullable): the alert's message, or %NULL for a
 *   kind that has no wording of its own
 */
char *
custody_alert_describe (const char *kind,
                        const char *subject,
                        const char *detail,
                        gboolean    translated)
{
  g_return_val_if_fail (kind != NULL && subject != NULL && detail != NULL, NULL);

  if (g_str_equal (kind, "violation"))
    {
      g_autofree char *names = rule_names (detail, translated);

      return translated ? g_strdup_printf (_("%s breaks %s"), subject, names)
                        : g_strdup_printf ("%s breaks %s", subject, names);
    }
  if (g_str_equal (kind, "failed-run"))
    return ALERT_TEXT (N_("The latest run of %s into %s failed"));
  if (g_str_equal (kind, "verification-overdue"))
    return ALERT_TEXT (N_("Copy “%2$s” of %1$s has no verification inside its window"));
  if (g_str_equal (kind, "media-missing"))
    return ALERT_TEXT (N_("%s was not found when “%s” was reconciled"));
  if (g_str_equal (kind, "observed-break"))
    return describe_observed_break (subject, detail, translated);
  if (g_str_equal (kind, "media-overdue"))
    return describe_overdue (detail, translated);

  return NULL;
}

/* One failing rule and the engine's reasons: "0 errors ('nas': never
 * verified (window 30 days))". */
static void
append_rule (GString    *text,
             CustodyRule rule,
             GPtrArray  *reasons,
             gboolean    translated)
{
  g_autoptr(GString) why = g_string_new (NULL);

  for (guint i = 0; reasons != NULL && i < reasons->len; i++)
    {
      if (why->len > 0)
        /* Translators: between two reasons a rule fails */
        g_string_append (why, translated ? _("; ") : "; ");
      g_string_append (why, g_ptr_array_index (reasons, i));
    }
  if (text->len > 0)
    g_string_append (text, translated ? _(", ") : ", ");
  if (why->len == 0)
    g_string_append (text, translated ? custody_rule_get_label (rule)
                                      : custody_rule_get_english_label (rule));
  else if (translated)
    /* Translators: a rule and why it fails: "0 errors ('nas': never verified (window 30 days))" */
    g_string_append_printf (text, _("%s (%s)"), custody_rule_get_label (rule), why->str);
  else
    g_string_append_printf (text, "%s (%s)", custody_rule_get_english_label (rule), why->str);
}

/**
 * custody_alert_describe_verdict:
 * @kind: "violation", "failed-run" or "verification-overdue"
 * @verdict: the job's verdict when the alert was raised
 * @copy: (nullable): the copy the alert is about, for a copy's kinds
 * @translated: in the reader's language, else in English (for the store);
 *   the engine words its reasons in the language it ran in, so the caller
 *   evaluates in the same one
 *
 * Words an alert with the rules' names and the engine's own reasons: the
 * rules a violation breaks, or why a copy counts as an error.
 *
 * Returns: (transfer full) (nullable): the message, or %NULL when the
 *   verdict does not show the alert's cause
 */
char *
custody_alert_describe_verdict (const char           *kind,
                                const CustodyVerdict *verdict,
                                const char           *copy,
                                gboolean              translated)
{
  g_autoptr(GString) rules = g_string_new (NULL);

  g_return_val_if_fail (kind != NULL && verdict != NULL, NULL);

  if (g_str_equal (kind, "violation"))
    {
      for (guint r = 0; r < CUSTODY_N_RULES; r++)
        if (!verdict->rules[r].pass)
          append_rule (rules, r, verdict->rules[r].reasons, translated);
    }
  else if (copy != NULL && (g_str_equal (kind, "failed-run") ||
                            g_str_equal (kind, "verification-overdue")))
    {
      for (guint c = 0; c < verdict->n_copies; c++)
        if (g_str_equal (verdict->copies[c].name, copy) &&
            verdict->copies[c].why_errors->len > 0)
          append_rule (rules, CUSTODY_RULE_0_ERRORS, verdict->copies[c].why_errors, translated);
    }

  if (rules->len == 0)
    return NULL;
  if (translated)
    return g_strdup_printf (_("%s breaks %s"), verdict->job, rules->str);
  return g_strdup_printf ("%s breaks %s", verdict->job, rules->str);
}

/**
 * custody_alert_subject:
 * @kind: the alert's kind
 * @subject: its subject as stored
 *
 * Returns: what the alert is about, for the reader: the desk's own alerts
 *   are stored with an English subject
 */
const char *
custody_alert_subject (const char *kind,
                       const char *subject)
{
  if (g_strcmp0 (kind, "media-overdue") == 0)
    return _("Tape desk");
  return subject;
}

gboolean
custody_severity_from_string (const char      *str,
                              CustodySeverity *out)
{
  for (guint i = 0; str != NULL && i < G_N_ELEMENTS (severities); i++)
    {
      if (g_str_equal (str, severities[i][0]))
        {
          *out = (CustodySeverity) i;
          return TRUE;
        }
    }
  return FALSE;
}

/* Job */

static void
custody_job_finalize (GObject *object)
{
  CustodyJob *self = (CustodyJob *) object;

  g_free (self->name);
  g_free (self->source);
  g_free (self->owner);
  g_free (self->tags);
  g_clear_pointer (&self->verdict, custody_verdict_unref);

  G_OBJECT_CLASS (custody_job_parent_class)->finalize (object);
}

static void
custody_job_class_init (CustodyJobClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = custody_job_finalize;
}

static void
custody_job_init (CustodyJob *self)
{
  self->source = g_strdup ("");
  self->owner = g_strdup ("");
  self->tags = g_strdup ("");
  self->rpo_hours = 24;
  self->verify_days = 30;
  self->created_at = CUSTODY_TIME_NONE;
  self->status = -1;
}

CustodyJob *
custody_job_new (void)
{
  return g_object_new (CUSTODY_TYPE_JOB, NULL);
}

/* Copy */

static void
custody_copy_finalize (GObject *object)
{
  CustodyCopy *self = (CustodyCopy *) object;

  g_free (self->job);
  g_free (self->name);
  g_free (self->location);

  G_OBJECT_CLASS (custody_copy_parent_class)->finalize (object);
}

static void
custody_copy_class_init (CustodyCopyClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = custody_copy_finalize;
}

static void
custody_copy_init (CustodyCopy *self)
{
  self->location_kind = CUSTODY_LOCATION_NONE;
  self->created_at = CUSTODY_TIME_NONE;
}

CustodyCopy *
custody_copy_new (void)
{
  return g_object_new (CUSTODY_TYPE_COPY, NULL);
}

/* Execution */

static void
custody_execution_finalize (GObject *object)
{
  CustodyExecution *self = (CustodyExecution *) object;

  g_free (self->job);
  g_free (self->copy);
  g_strfreev (self->volumes);
  g_free (self->run_id);
  g_free (self->message);

  G_OBJECT_CLASS (custody_execution_parent_class)->finalize (object);
}

static void
custody_execution_class_init (CustodyExecutionClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = custody_execution_finalize;
}

static void
custody_execution_init (CustodyExecution *self)
{
  self->started = CUSTODY_TIME_NONE;
  self->finished = CUSTODY_TIME_NONE;
  self->bytes = -1;
  self->files = -1;
  self->volumes = g_new0 (char *, 1);
  self->message = g_strdup ("");
}

CustodyExecution *
custody_execution_new (void)
{
  return g_object_new (CUSTODY_TYPE_EXECUTION, NULL);
}

/* Verification */

static void
custody_verification_finalize (GObject *object)
{
  CustodyVerification *self = (CustodyVerification *) object;

  g_free (self->job);
  g_free (self->copy);
  g_free (self->by);
  g_free (self->note);

  G_OBJECT_CLASS (custody_verification_parent_class)->finalize (object);
}

static void
custody_verification_class_init (CustodyVerificationClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = custody_verification_finalize;
}

static void
custody_verification_init (CustodyVerification *self)
{
  self->kind = CUSTODY_VERIFY_RESTORE_TEST;
  self->at = CUSTODY_TIME_NONE;
  self->duration_s = -1;
  self->by = g_strdup ("");
  self->note = g_strdup ("");
}

CustodyVerification *
custody_verification_new (void)
{
  return g_object_new (CUSTODY_TYPE_VERIFICATION, NULL);
}

/* Location */

static void
custody_location_finalize (GObject *object)
{
  CustodyLocation *self = (CustodyLocation *) object;

  g_free (self->name);

  G_OBJECT_CLASS (custody_location_parent_class)->finalize (object);
}

static void
custody_location_class_init (CustodyLocationClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = custody_location_finalize;
}

static void
custody_location_init (CustodyLocation *self)
{
  self->created_at = CUSTODY_TIME_NONE;
}

CustodyLocation *
custody_location_new (void)
{
  return g_object_new (CUSTODY_TYPE_LOCATION, NULL);
}

/* Medium */

static void
custody_medium_finalize (GObject *object)
{
  CustodyMedium *self = (CustodyMedium *) object;

  g_free (self->volser);
  g_free (self->type);
  g_free (self->pool);
  g_free (self->location);
  g_free (self->container);
  g_free (self->note);
  g_free (self->slot);

  G_OBJECT_CLASS (custody_medium_parent_class)->finalize (object);
}

static void
custody_medium_class_init (CustodyMediumClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = custody_medium_finalize;
}

static void
custody_medium_init (CustodyMedium *self)
{
  self->status = CUSTODY_MEDIUM_SCRATCH;
  self->location_kind = CUSTODY_LOCATION_NONE;
  self->location_since = CUSTODY_TIME_NONE;
  self->retention_until = CUSTODY_TIME_NONE;
  self->last_written = CUSTODY_TIME_NONE;
  self->created_at = CUSTODY_TIME_NONE;
  self->note = g_strdup ("");
  self->slot = g_strdup ("");
}

CustodyMedium *
custody_medium_new (void)
{
  return g_object_new (CUSTODY_TYPE_MEDIUM, NULL);
}

/* Movement */

static void
custody_movement_finalize (GObject *object)
{
  CustodyMovement *self = (CustodyMovement *) object;

  g_free (self->volser);
  g_free (self->from);
  g_free (self->to);
  g_free (self->by);
  g_free (self->courier);
  g_free (self->container);
  g_free (self->seal);
  g_free (self->note);
  g_free (self->source);

  G_OBJECT_CLASS (custody_movement_parent_class)->finalize (object);
}

static void
custody_movement_class_init (CustodyMovementClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = custody_movement_finalize;
}

static void
custody_movement_init (CustodyMovement *self)
{
  self->at = CUSTODY_TIME_NONE;
  self->recorded_at = CUSTODY_TIME_NONE;
}

CustodyMovement *
custody_movement_new (void)
{
  return g_object_new (CUSTODY_TYPE_MOVEMENT, NULL);
}

/* Alert */

static void
custody_alert_finalize (GObject *object)
{
  CustodyAlert *self = (CustodyAlert *) object;

  g_free (self->cause);
  g_free (self->kind);
  g_free (self->subject);
  g_free (self->message);
  g_free (self->acknowledged_by);
  g_free (self->acknowledged_note);

  G_OBJECT_CLASS (custody_alert_parent_class)->finalize (object);
}

static void
custody_alert_class_init (CustodyAlertClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = custody_alert_finalize;
}

static void
custody_alert_init (CustodyAlert *self)
{
  self->raised_at = CUSTODY_TIME_NONE;
  self->resolved_at = CUSTODY_TIME_NONE;
  self->acknowledged_at = CUSTODY_TIME_NONE;
}

CustodyAlert *
custody_alert_new (void)
{
  return g_object_new (CUSTODY_TYPE_ALERT, NULL);
}
