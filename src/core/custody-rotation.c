/* custody-rotation.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custody-rotation"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "custody-rotation.h"
#include "custody-time.h"

static const char * const schemes[][2] = {
  { "none", N_("No rotation") },
  /* Translators: grandfather-father-son, a tape rotation scheme */
  { "gfs", N_("GFS") },
  { "cycle", N_("Weekly cycle") },
};

static const char * const tiers[][2] = {
  { "daily", N_("Daily") },
  { "weekly", N_("Weekly") },
  { "monthly", N_("Monthly") },
  { "yearly", N_("Yearly") },
  { "cycle", N_("Cycle") },
};

G_STATIC_ASSERT (G_N_ELEMENTS (schemes) == CUSTODY_N_ROTATION_SCHEMES);
G_STATIC_ASSERT (G_N_ELEMENTS (tiers) == CUSTODY_N_TIERS);

const char *
custody_rotation_scheme_to_string (CustodyRotationScheme scheme)
{
  g_return_val_if_fail ((guint) scheme < CUSTODY_N_ROTATION_SCHEMES, NULL);
  return schemes[scheme][0];
}

gboolean
custody_rotation_scheme_from_string (const char            *str,
                                     CustodyRotationScheme *out)
{
  for (guint i = 0; str != NULL && i < G_N_ELEMENTS (schemes); i++)
    {
      if (g_str_equal (str, schemes[i][0]))
        {
          *out = (CustodyRotationScheme) i;
          return TRUE;
        }
    }
  return FALSE;
}

const char *
custody_rotation_tier_get_label (CustodyRotationTier tier)
{
  g_return_val_if_fail ((guint) tier < CUSTODY_N_TIERS, NULL);
  return g_dgettext (GETTEXT_PACKAGE, tiers[tier][1]);
}

static const char * const weekdays[] = {
  "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
};

const char *
custody_weekday_to_string (GDateWeekday weekday)
{
  g_return_val_if_fail (g_date_valid_weekday (weekday), NULL);
  return weekdays[weekday - 1];
}

gboolean
custody_weekday_from_string (const char   *str,
                             GDateWeekday *out)
{
  for (guint i = 0; str != NULL && i < G_N_ELEMENTS (weekdays); i++)
    {
      /* "fri" or "friday", in any case */
      if (strlen (str) >= 3 && g_ascii_strncasecmp (str, weekdays[i], strlen (str)) == 0)
        {
          *out = (GDateWeekday) (i + 1);
          return TRUE;
        }
    }
  return FALSE;
}

/**
 * custody_rotation_policy_init:
 *
 * The usual values of a scheme: for GFS a week of dailies, five weekly
 * fulls on Fridays and a year of monthlies; for a cycle, four weeks.
 * Written volumes go off site the day after; they come back from the
 * vault two days before they are reused.
 */
void
custody_rotation_policy_init (CustodyRotationPolicy *policy,
                              CustodyRotationScheme  scheme)
{
  g_return_if_fail (policy != NULL);

  memset (policy, 0, sizeof *policy);
  policy->scheme = scheme;
  policy->keep_daily = 7;
  policy->keep_weekly = 5;
  policy->keep_monthly = 12;
  policy->keep_yearly = 0;
  policy->full_day = G_DATE_FRIDAY;
  policy->cycle_weeks = 4;
  policy->offsite_after_days = scheme == CUSTODY_ROTATION_NONE ? -1 : 1;
  policy->recall_days = 2;
  policy->return_to_scratch = TRUE;
}

gboolean
custody_rotation_policy_validate (const CustodyRotationPolicy  *policy,
                                  GError                      **error)
{
  g_return_val_if_fail (policy != NULL, FALSE);

  if (policy->scheme == CUSTODY_ROTATION_GFS && policy->keep_daily == 0)
    {
      g_set_error (error, CUSTODY_PARSE_ERROR, CUSTODY_PARSE_ERROR_INVALID,
                   _("a GFS pool keeps its dailies at least one day"));
      return FALSE;
    }
  if (policy->scheme == CUSTODY_ROTATION_CYCLE && policy->cycle_weeks == 0)
    {
      g_set_error (error, CUSTODY_PARSE_ERROR, CUSTODY_PARSE_ERROR_INVALID,
                   _("a cycle lasts at least one week"));
      return FALSE;
    }
  if (!g_date_valid_weekday (policy->full_day))
    {
      g_set_error (error, CUSTODY_PARSE_ERROR, CUSTODY_PARSE_ERROR_INVALID,
                   _("the day of the weekly full must be a day of the week"));
      return FALSE;
    }
  if (policy->keep_daily > 3660 || policy->keep_weekly > 520 || policy->keep_monthly > 1200 ||
      policy->keep_yearly > 100 || policy->cycle_weeks > 520 || policy->recall_days > 366 ||
      policy->offsite_after_days < -1 || policy->offsite_after_days > 366)
    {
      g_set_error (error, CUSTODY_PARSE_ERROR, CUSTODY_PARSE_ERROR_INVALID,
                   _("a rotation keeps volumes at most 100 years, sends them off site within a "
                     "year and recalls them at most a year early"));
      return FALSE;
    }

  return TRUE;
}

char *
custody_rotation_policy_describe (const CustodyRotationPolicy *policy)
{
  g_autoptr(GString) s = g_string_new (NULL);

  g_return_val_if_fail (policy != NULL, NULL);

  switch (policy->scheme)
    {
    case CUSTODY_ROTATION_GFS:
      /* Translators: how long a GFS pool keeps each generation */
      g_string_append_printf (s, _("GFS: dailies %u d, weeklies %u wk, monthlies %u mo"),
                              policy->keep_daily, policy->keep_weekly, policy->keep_monthly);
      if (policy->keep_yearly > 0)
        g_string_append_printf (s, _(", yearlies %u y"), policy->keep_yearly);
      break;
    case CUSTODY_ROTATION_CYCLE:
      g_string_append_printf (s, g_dngettext (GETTEXT_PACKAGE, "Cycle of %u week",
                                              "Cycle of %u weeks", policy->cycle_weeks),
                              policy->cycle_weeks);
      break;
    case CUSTODY_ROTATION_NONE:
    case CUSTODY_N_ROTATION_SCHEMES:
    default:
      g_string_append (s, _("No rotation"));
      return g_string_free (g_steal_pointer (&s), FALSE);
    }

  if (policy->offsite_after_days < 0)
    g_string_append (s, _("; stays on site"));
  else
    g_string_append_printf (s, g_dngettext (GETTEXT_PACKAGE, "; off site after %d day",
                                            "; off site after %d days", policy->offsite_after_days),
                            policy->offsite_after_days);

  return g_string_free (g_steal_pointer (&s), FALSE);
}

/*
 * Calendar maths
 */

static gboolean
is_last_weekday_of_month (const GDate  *date,
                          GDateWeekday  weekday)
{
  guint8 days = g_date_get_days_in_month (g_date_get_month (date), g_date_get_year (date));

  return g_date_get_weekday (date) == weekday && g_date_get_day (date) + 7 > days;
}

/**
 * custody_rotation_tier:
 * @written: the day a volume was written
 *
 * Which generation a volume written that day belongs to.
 */
CustodyRotationTier
custody_rotation_tier (const CustodyRotationPolicy *policy,
                       const GDate                 *written)
{
  g_return_val_if_fail (policy != NULL, CUSTODY_TIER_DAILY);
  g_return_val_if_fail (g_date_valid (written), CUSTODY_TIER_DAILY);

  if (policy->scheme == CUSTODY_ROTATION_CYCLE)
    return CUSTODY_TIER_CYCLE;
  if (policy->scheme != CUSTODY_ROTATION_GFS || g_date_get_weekday (written) != policy->full_day)
    return CUSTODY_TIER_DAILY;

  if (policy->keep_yearly > 0 && g_date_get_month (written) == G_DATE_DECEMBER &&
      is_last_weekday_of_month (written, policy->full_day))
    return CUSTODY_TIER_YEARLY;
  if (policy->keep_monthly > 0 && is_last_weekday_of_month (written, policy->full_day))
    return CUSTODY_TIER_MONTHLY;
  if (policy->keep_weekly > 0)
    return CUSTODY_TIER_WEEKLY;
  return CUSTODY_TIER_DAILY;
}

/**
 * custody_rotation_expiry:
 * @written: the day a volume was written
 * @out: (out): the day its retention ends, from which it may be reused
 *
 * Months and years count on the calendar: a monthly written on 31 January
 * ends on the last day of February, a yearly written on 29 February ends
 * on 28 February.
 */
void
custody_rotation_expiry (const CustodyRotationPolicy *policy,
                         const GDate                 *written,
                         GDate                       *out)
{
  g_return_if_fail (policy != NULL);
  g_return_if_fail (g_date_valid (written));
  g_return_if_fail (out != NULL);

  *out = *written;

  switch (custody_rotation_tier (policy, written))
    {
    case CUSTODY_TIER_CYCLE:
      g_date_add_days (out, 7 * policy->cycle_weeks);
      break;
    case CUSTODY_TIER_YEARLY:
      g_date_add_years (out, policy->keep_yearly);
      break;
    case CUSTODY_TIER_MONTHLY:
      g_date_add_months (out, policy->keep_monthly);
      break;
    case CUSTODY_TIER_WEEKLY:
      g_date_add_days (out, 7 * policy->keep_weekly);
      break;
    case CUSTODY_TIER_DAILY:
    case CUSTODY_N_TIERS:
    default:
      g_date_add_days (out, policy->keep_daily);
      break;
    }
}

/**
 * custody_rotation_offsite_date:
 * @out: (out): the day a volume written on @written goes off site
 *
 * Returns: %FALSE if the pool's volumes stay on site
 */
gboolean
custody_rotation_offsite_date (const CustodyRotationPolicy *policy,
                               const GDate                 *written,
                               GDate                       *out)
{
  g_return_val_if_fail (policy != NULL, FALSE);
  g_return_val_if_fail (g_date_valid (written), FALSE);

  if (policy->scheme == CUSTODY_ROTATION_NONE || policy->offsite_after_days < 0)
    return FALSE;

  *out = *written;
  g_date_add_days (out, policy->offsite_after_days);
  return TRUE;
}

/* The day a volume should leave the vault to be back for its reuse. */
void
custody_rotation_recall_date (const CustodyRotationPolicy *policy,
                              const GDate                 *expiry,
                              GDate                       *out)
{
  g_return_if_fail (g_date_valid (expiry));

  *out = *expiry;
  g_date_subtract_days (out, policy != NULL ? policy->recall_days : 7);
}

void
custody_date_from_time (gint64     t,
                        GTimeZone *zone,
                        GDate     *out)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (t);
  g_autoptr(GDateTime) local = NULL;

  g_return_if_fail (zone != NULL);
  g_return_if_fail (out != NULL);

  g_date_clear (out, 1);
  if (utc == NULL)
    return;
  local = g_date_time_to_timezone (utc, zone);
  g_date_set_dmy (out, g_date_time_get_day_of_month (local), g_date_time_get_month (local),
                  g_date_time_get_year (local));
}

/* The first second of @date in @zone. */
gint64
custody_date_to_time (const GDate *date,
                      GTimeZone   *zone)
{
  g_autoptr(GDateTime) dt = NULL;

  g_return_val_if_fail (g_date_valid (date), CUSTODY_TIME_NONE);

  dt = g_date_time_new (zone, g_date_get_year (date), g_date_get_month (date),
                        g_date_get_day (date), 0, 0, 0);
  return dt != NULL ? g_date_time_to_unix (dt) : CUSTODY_TIME_NONE;
}

/* 2026-11-20 */
char *
custody_date_format (const GDate *date)
{
  g_autoptr(GDateTime) dt = NULL;
  const char *format;

  g_return_val_if_fail (g_date_valid (date), NULL);

  /* Same translation as custody_time_format_text_date(). */
  format = C_("date in text", "%Y-%m-%d");
  if (g_str_equal (format, "%Y-%m-%d"))
    return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (date), g_date_get_month (date),
                            g_date_get_day (date));
  dt = g_date_time_new_utc (g_date_get_year (date), g_date_get_month (date),
                            g_date_get_day (date), 0, 0, 0);
  return dt != NULL ? g_date_time_format (dt, format) : NULL;
}
