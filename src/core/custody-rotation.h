/* custody-rotation.h
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* How the volumes of a pool rotate, and the calendar maths that follow
 * from it. Pure: dates in, dates out. Days are counted in the zone the
 * caller gives (the desk's local time), so "today" is the operator's. */

typedef enum
{
  CUSTODY_ROTATION_NONE,
  CUSTODY_ROTATION_GFS,     /* grandfather-father-son: daily, weekly, monthly, yearly */
  CUSTODY_ROTATION_CYCLE,   /* every volume comes round again after N weeks */
  CUSTODY_N_ROTATION_SCHEMES
} CustodyRotationScheme;

typedef enum
{
  CUSTODY_TIER_DAILY,
  CUSTODY_TIER_WEEKLY,
  CUSTODY_TIER_MONTHLY,
  CUSTODY_TIER_YEARLY,
  CUSTODY_TIER_CYCLE,
  CUSTODY_N_TIERS
} CustodyRotationTier;

typedef struct
{
  CustodyRotationScheme scheme;
  /* GFS: how long each generation is kept. The weekly full is written on
   * @full_day; the last one of a month is the monthly, the last one of
   * December the yearly. A tier kept 0 falls to the tier below. */
  guint                 keep_daily;    /* days */
  guint                 keep_weekly;   /* weeks */
  guint                 keep_monthly;  /* months */
  guint                 keep_yearly;   /* years */
  GDateWeekday          full_day;
  /* CYCLE */
  guint                 cycle_weeks;
  /* Both */
  int                   offsite_after_days;  /* -1: the pool stays on site */
  guint                 recall_days;         /* back from the vault this long before reuse */
  gboolean              return_to_scratch;   /* reused when retention ends */
} CustodyRotationPolicy;

const char *custody_rotation_scheme_to_string   (CustodyRotationScheme         scheme);
gboolean    custody_rotation_scheme_from_string (const char                   *str,
                                                 CustodyRotationScheme        *out);
const char *custody_rotation_tier_get_label     (CustodyRotationTier           tier);

void        custody_rotation_policy_init        (CustodyRotationPolicy        *policy,
                                                 CustodyRotationScheme         scheme);
gboolean    custody_rotation_policy_validate    (const CustodyRotationPolicy  *policy,
                                                 GError                      **error);
char       *custody_rotation_policy_describe    (const CustodyRotationPolicy  *policy);

CustodyRotationTier custody_rotation_tier       (const CustodyRotationPolicy  *policy,
                                                 const GDate                  *written);
void        custody_rotation_expiry             (const CustodyRotationPolicy  *policy,
                                                 const GDate                  *written,
                                                 GDate                        *out);
gboolean    custody_rotation_offsite_date       (const CustodyRotationPolicy  *policy,
                                                 const GDate                  *written,
                                                 GDate                        *out);
void        custody_rotation_recall_date        (const CustodyRotationPolicy  *policy,
                                                 const GDate                  *expiry,
                                                 GDate                        *out);

/* "monday" ... "sunday" */
const char *custody_weekday_to_string           (GDateWeekday                  weekday);
gboolean    custody_weekday_from_string         (const char                   *str,
                                                 GDateWeekday                 *out);

/* Between Unix times and calendar days in @zone. */
void        custody_date_from_time              (gint64                        t,
                                                 GTimeZone                    *zone,
                                                 GDate                        *out);
gint64      custody_date_to_time                (const GDate                  *date,
                                                 GTimeZone                    *zone);
char       *custody_date_format                 (const GDate                  *date);

G_END_DECLS
