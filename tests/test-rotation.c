/* test-rotation.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Rotation maths on the calendar, the desk's daily lists for a given
 * date, and the judgement of a scan session. Dates are written out by
 * hand from a calendar, never computed by the code under test.
 */
#include "config.h"

#include <glib.h>
#include <string.h>

#include "custody-desk.h"
#include "custody-formats-test-utils.h"
#include "custody-rotation.h"
#include "custody-scan-session.h"
#include "custody-time.h"

static void
date_of (const char *text,
         GDate      *out)
{
  g_date_clear (out, 1);
  g_date_set_parse (out, text);
  g_assert_true (g_date_valid (out));
}

static char *
expiry_of (const CustodyRotationPolicy *policy,
           const char                  *written)
{
  GDate w, e;

  date_of (written, &w);
  custody_rotation_expiry (policy, &w, &e);
  return custody_date_format (&e);
}

static CustodyRotationTier
tier_of (const CustodyRotationPolicy *policy,
         const char                  *written)
{
  GDate w;

  date_of (written, &w);
  return custody_rotation_tier (policy, &w);
}

/*
 * GFS on the calendar
 */

static void
test_gfs_tiers_across_month_and_year_ends (void)
{
  CustodyRotationPolicy p;

  custody_rotation_policy_init (&p, CUSTODY_ROTATION_GFS);
  p.keep_yearly = 3;

  /* November 2026: Fridays are the 6th, 13th, 20th and 27th. */
  g_assert_cmpint (tier_of (&p, "2026-11-19"), ==, CUSTODY_TIER_DAILY);     /* Thursday */
  g_assert_cmpint (tier_of (&p, "2026-11-20"), ==, CUSTODY_TIER_WEEKLY);
  g_assert_cmpint (tier_of (&p, "2026-11-27"), ==, CUSTODY_TIER_MONTHLY);   /* the last Friday */
  g_assert_cmpint (tier_of (&p, "2026-11-28"), ==, CUSTODY_TIER_DAILY);
  /* January 2026 ends on a Saturday: its last Friday is the 30th. */
  g_assert_cmpint (tier_of (&p, "2026-01-30"), ==, CUSTODY_TIER_MONTHLY);
  g_assert_cmpint (tier_of (&p, "2026-01-23"), ==, CUSTODY_TIER_WEEKLY);
  /* The last Friday of December is the yearly: 25 December 2026, and 31
   * December 2027, which is also the last day of the year. */
  g_assert_cmpint (tier_of (&p, "2026-12-25"), ==, CUSTODY_TIER_YEARLY);
  g_assert_cmpint (tier_of (&p, "2026-12-18"), ==, CUSTODY_TIER_WEEKLY);
  g_assert_cmpint (tier_of (&p, "2027-12-31"), ==, CUSTODY_TIER_YEARLY);
  /* A week before it, a Friday seven days from the month's end, is not. */
  g_assert_cmpint (tier_of (&p, "2027-12-24"), ==, CUSTODY_TIER_WEEKLY);
  g_assert_cmpint (tier_of (&p, "2028-01-07"), ==, CUSTODY_TIER_WEEKLY);

  /* Without yearlies the year's last Friday is a monthly; without
   * monthlies or weeklies a tier falls to the one below. */
  p.keep_yearly = 0;
  g_assert_cmpint (tier_of (&p, "2026-12-25"), ==, CUSTODY_TIER_MONTHLY);
  p.keep_monthly = 0;
  g_assert_cmpint (tier_of (&p, "2026-12-25"), ==, CUSTODY_TIER_WEEKLY);
  p.keep_weekly = 0;
  g_assert_cmpint (tier_of (&p, "2026-12-25"), ==, CUSTODY_TIER_DAILY);

  /* Another weekly day. */
  custody_rotation_policy_init (&p, CUSTODY_ROTATION_GFS);
  p.full_day = G_DATE_SUNDAY;
  g_assert_cmpint (tier_of (&p, "2026-11-20"), ==, CUSTODY_TIER_DAILY);
  g_assert_cmpint (tier_of (&p, "2026-11-22"), ==, CUSTODY_TIER_WEEKLY);
  g_assert_cmpint (tier_of (&p, "2026-11-29"), ==, CUSTODY_TIER_MONTHLY);
}

static void
test_gfs_retention_expiry (void)
{
  CustodyRotationPolicy p;
  struct
  {
    guint       daily, weekly, monthly, yearly;
    const char *written;
    const char *expires;
  } cases[] = {
    /* Dailies across the year end. */
    { 7, 5, 12, 0, "2026-12-28", "2027-01-04" },
    { 7, 5, 12, 0, "2026-12-31", "2027-01-07" },
    /* Weeklies across the year end. */
    { 7, 5, 12, 0, "2026-12-18", "2027-01-22" },
    /* Monthlies count calendar months, clamped to the month's end. */
    { 7, 5, 12, 0, "2026-11-27", "2027-11-27" },
    { 7, 5, 1, 0, "2026-01-30", "2026-02-28" },
    { 7, 5, 1, 0, "2020-01-31", "2020-02-29" },   /* into a leap February */
    { 7, 5, 13, 0, "2026-12-25", "2028-01-25" },  /* the year's last, no yearlies */
    /* Yearlies count calendar years. */
    { 7, 5, 12, 1, "2027-12-31", "2028-12-31" },
    { 7, 5, 12, 7, "2026-12-25", "2033-12-25" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = NULL;

      custody_rotation_policy_init (&p, CUSTODY_ROTATION_GFS);
      p.keep_daily = cases[i].daily;
      p.keep_weekly = cases[i].weekly;
      p.keep_monthly = cases[i].monthly;
      p.keep_yearly = cases[i].yearly;
      got = expiry_of (&p, cases[i].written);
      g_test_message ("written %s, expected %s, got %s", cases[i].written, cases[i].expires, got);
      g_assert_cmpstr (got, ==, cases[i].expires);
    }
}

static void
test_leap_day (void)
{
  CustodyRotationPolicy p;
  g_autofree char *daily = NULL;
  g_autofree char *monthly = NULL;
  g_autofree char *year_of_monthlies = NULL;
  g_autofree char *offsite = NULL;
  GDate w, o;

  custody_rotation_policy_init (&p, CUSTODY_ROTATION_GFS);

  /* A daily written the day before a leap day, kept one day. */
  p.keep_daily = 1;
  daily = expiry_of (&p, "2028-02-28");
  g_assert_cmpstr (daily, ==, "2028-02-29");

  /* 29 February 2036 is the last Friday of its month: a monthly. */
  g_assert_cmpint (tier_of (&p, "2036-02-29"), ==, CUSTODY_TIER_MONTHLY);
  p.keep_monthly = 1;
  monthly = expiry_of (&p, "2036-02-29");
  g_assert_cmpstr (monthly, ==, "2036-03-29");
  /* Twelve months on there is no 29 February. */
  p.keep_monthly = 12;
  year_of_monthlies = expiry_of (&p, "2036-02-29");
  g_assert_cmpstr (year_of_monthlies, ==, "2037-02-28");

  /* It goes off site the next day, 1 March. */
  date_of ("2036-02-29", &w);
  g_assert_true (custody_rotation_offsite_date (&p, &w, &o));
  offsite = custody_date_format (&o);
  g_assert_cmpstr (offsite, ==, "2036-03-01");
}

static void
test_cycle_and_offsite_dates (void)
{
  CustodyRotationPolicy p;
  g_autofree char *cycle = NULL;
  g_autofree char *offsite = NULL;
  g_autofree char *recall = NULL;
  GDate w, o, e, r;

  custody_rotation_policy_init (&p, CUSTODY_ROTATION_CYCLE);
  p.cycle_weeks = 4;
  p.recall_days = 7;
  g_assert_cmpint (tier_of (&p, "2026-11-20"), ==, CUSTODY_TIER_CYCLE);
  cycle = expiry_of (&p, "2026-12-30");
  g_assert_cmpstr (cycle, ==, "2027-01-27");

  /* Off site the day after being written: across the year end. */
  date_of ("2026-12-31", &w);
  g_assert_true (custody_rotation_offsite_date (&p, &w, &o));
  offsite = custody_date_format (&o);
  g_assert_cmpstr (offsite, ==, "2027-01-01");

  /* Back from the vault a week before reuse. */
  date_of ("2027-01-27", &e);
  custody_rotation_recall_date (&p, &e, &r);
  recall = custody_date_format (&r);
  g_assert_cmpstr (recall, ==, "2027-01-20");

  /* A pool that stays on site never goes. */
  p.offsite_after_days = -1;
  g_assert_false (custody_rotation_offsite_date (&p, &w, &o));
  custody_rotation_policy_init (&p, CUSTODY_ROTATION_NONE);
  g_assert_false (custody_rotation_offsite_date (&p, &w, &o));
}

static void
test_policy_validation (void)
{
  CustodyRotationPolicy p;
  g_autoptr(GError) error = NULL;

  custody_rotation_policy_init (&p, CUSTODY_ROTATION_GFS);
  g_assert_true (custody_rotation_policy_validate (&p, NULL));
  p.keep_daily = 0;
  g_assert_false (custody_rotation_policy_validate (&p, &error));
  g_assert_error (error, CUSTODY_PARSE_ERROR, CUSTODY_PARSE_ERROR_INVALID);
  g_clear_error (&error);

  custody_rotation_policy_init (&p, CUSTODY_ROTATION_CYCLE);
  p.cycle_weeks = 0;
  g_assert_false (custody_rotation_policy_validate (&p, &error));
  g_clear_error (&error);

  custody_rotation_policy_init (&p, CUSTODY_ROTATION_GFS);
  p.offsite_after_days = -2;
  g_assert_false (custody_rotation_policy_validate (&p, &error));
}

static void
test_days_in_a_zone (void)
{
  g_autoptr(GTimeZone) tokyo = g_time_zone_new_offset (9 * 3600);
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autofree char *in_tokyo = NULL;
  g_autofree char *in_utc = NULL;
  GDate d;

  /* Half past eleven at night in London is the next morning in Tokyo. */
  custody_date_from_time (custody_test_time ("2026-12-31T23:30:00Z"), tokyo, &d);
  in_tokyo = custody_date_format (&d);
  custody_date_from_time (custody_test_time ("2026-12-31T23:30:00Z"), utc, &d);
  in_utc = custody_date_format (&d);
  g_assert_cmpstr (in_tokyo, ==, "2027-01-01");
  g_assert_cmpstr (in_utc, ==, "2026-12-31");

  date_of ("2027-01-01", &d);
  g_assert_cmpint (custody_date_to_time (&d, tokyo), ==,
                   custody_test_time ("2026-12-31T15:00:00Z"));
}

/*
 * The desk's lists
 */

typedef struct
{
  const char          *volser;
  gboolean             pooled;
  CustodyMediumStatus  status;
  CustodyLocationKind  kind;
  const char          *since;
  const char          *written;
  const char          *retention_until;
} VolumeSpec;

static CustodyDesk *
desk_for (const VolumeSpec            *specs,
          guint                        n,
          const CustodyRotationPolicy *policy,
          const char                  *now,
          GTimeZone                   *zone)
{
  g_autofree CustodyDeskVolume *volumes = g_new0 (CustodyDeskVolume, n);
  static const char *names[] = { "Library", "NAS", "Shelf", "Courier", "Vault", "DR", "Shredder" };

  for (guint i = 0; i < n; i++)
    {
      volumes[i].volser = specs[i].volser;
      volumes[i].type = "LTO-9";
      volumes[i].pool = specs[i].pooled ? "Weekly" : NULL;
      volumes[i].policy = specs[i].pooled ? policy : NULL;
      volumes[i].status = specs[i].status;
      volumes[i].location = names[specs[i].kind];
      volumes[i].location_kind = specs[i].kind;
      volumes[i].location_since = custody_test_time (specs[i].since);
      volumes[i].last_written = specs[i].written != NULL ? custody_test_time (specs[i].written)
                                                         : CUSTODY_TIME_NONE;
      volumes[i].retention_until = specs[i].retention_until != NULL
                                   ? custody_test_time (specs[i].retention_until)
                                   : CUSTODY_TIME_NONE;
    }

  return custody_desk_compute (volumes, n, custody_test_time (now), zone);
}

static char *
list_of (CustodyDesk     *desk,
         CustodyDeskList  list)
{
  g_autoptr(GString) s = g_string_new (NULL);

  for (guint i = 0; i < desk->lists[list]->len; i++)
    {
      CustodyDeskItem *item = g_ptr_array_index (desk->lists[list], i);
      g_string_append_printf (s, "%s%s", i > 0 ? " " : "", item->volser);
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static const char *
reason_of (CustodyDesk *desk,
           const char  *volser)
{
  CustodyDeskItem *item = custody_desk_find (desk, volser);

  g_assert_nonnull (item);
  return item->reason;
}

#define L CUSTODY_LOCATION_LIBRARY
#define V CUSTODY_LOCATION_OFFSITE_VAULT
#define T CUSTODY_LOCATION_TRANSIT
#define S CUSTODY_LOCATION_ONSITE_SHELF

static const VolumeSpec desk_volumes[] = {
  /* Written last night: goes today. */
  { "SEND01L9", TRUE, CUSTODY_MEDIUM_IN_USE, L, "2026-11-01", "2026-11-19T23:00:00Z", NULL },
  /* Written on Tuesday: should have gone on Wednesday. */
  { "LATE01L9", TRUE, CUSTODY_MEDIUM_FULL, S, "2026-11-01", "2026-11-17T23:00:00Z", NULL },
  /* A daily of 10 November, kept 14 days: retention ends the 24th, so it
   * comes back from the vault from the 17th. */
  { "BACK01L9", TRUE, CUSTODY_MEDIUM_FULL, V, "2026-11-12", "2026-11-10T23:00:00Z", NULL },
  /* A weekly of Friday 6 November, kept 2 weeks: ended on the 20th, today. */
  { "BACK02L9", TRUE, CUSTODY_MEDIUM_FULL, V, "2026-11-08", "2026-11-06T23:00:00Z", NULL },
  /* Fresh in the vault: nothing to do. */
  { "SAFE01L9", TRUE, CUSTODY_MEDIUM_FULL, V, "2026-11-20T08:00:00Z", "2026-11-18T23:00:00Z",
    NULL },
  /* With the courier since Tuesday: overdue; since yesterday: fine. */
  { "LOST01L9", TRUE, CUSTODY_MEDIUM_FULL, T, "2026-11-17T06:00:00Z", "2026-11-16T23:00:00Z",
    NULL },
  { "ROAD01L9", TRUE, CUSTODY_MEDIUM_FULL, T, "2026-11-19T06:00:00Z", "2026-11-18T23:00:00Z",
    NULL },
  /* No pool, a retention date set by hand, three days away. */
  { "HAND01L9", FALSE, CUSTODY_MEDIUM_IN_USE, L, "2026-11-01", NULL, "2026-11-23T00:00:00Z" },
  /* No pool, retention over, still in use: back to scratch. */
  { "OVER01L9", FALSE, CUSTODY_MEDIUM_IN_USE, L, "2026-11-01", NULL, "2026-11-10T00:00:00Z" },
  /* Scratch and retired volumes are nobody's business. */
  { "FREE01L9", TRUE, CUSTODY_MEDIUM_SCRATCH, L, "2026-11-01", "2026-11-19T23:00:00Z", NULL },
  { "GONE01L9", TRUE, CUSTODY_MEDIUM_RETIRED, L, "2026-11-01", "2026-11-19T23:00:00Z", NULL },
  /* Written tonight: goes tomorrow. */
  { "LATER1L9", TRUE, CUSTODY_MEDIUM_IN_USE, L, "2026-11-01", "2026-11-20T08:30:00Z", NULL },
};

static void
desk_policy (CustodyRotationPolicy *p)
{
  custody_rotation_policy_init (p, CUSTODY_ROTATION_GFS);
  p->keep_daily = 14;
  p->keep_weekly = 2;
  p->offsite_after_days = 1;
  p->recall_days = 7;
}

static void
test_desk_lists_for_a_date (void)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(CustodyDesk) desk = NULL;
  g_autoptr(CustodyDesk) tomorrow = NULL;
  g_autofree char *send = NULL, *recall = NULL, *expiring = NULL, *overdue = NULL;
  g_autofree char *send2 = NULL, *overdue2 = NULL;
  CustodyRotationPolicy p;

  desk_policy (&p);
  desk = desk_for (desk_volumes, G_N_ELEMENTS (desk_volumes), &p, "2026-11-20T09:00:00Z", utc);

  g_assert_cmpint (desk->day, ==, custody_test_time ("2026-11-20T00:00:00Z"));
  send = list_of (desk, CUSTODY_DESK_SEND_OFFSITE);
  recall = list_of (desk, CUSTODY_DESK_RECALL);
  expiring = list_of (desk, CUSTODY_DESK_EXPIRING);
  overdue = list_of (desk, CUSTODY_DESK_OVERDUE);
  g_assert_cmpstr (send, ==, "SEND01L9");
  g_assert_cmpstr (recall, ==, "BACK01L9");
  /* By due day: the one whose retention ended first. */
  g_assert_cmpstr (expiring, ==, "OVER01L9 HAND01L9");
  g_assert_cmpstr (overdue, ==, "BACK02L9 LATE01L9 LOST01L9");

  /* Each says why, with its dates. */
  g_assert_nonnull (strstr (reason_of (desk, "SEND01L9"), "2026-11-19"));
  g_assert_nonnull (strstr (reason_of (desk, "LATE01L9"), "2026-11-18"));
  g_assert_nonnull (strstr (reason_of (desk, "BACK01L9"), "2026-11-24"));
  g_assert_nonnull (strstr (reason_of (desk, "BACK02L9"), "2026-11-20"));
  g_assert_nonnull (strstr (reason_of (desk, "LOST01L9"), "2026-11-17"));
  g_assert_nonnull (strstr (reason_of (desk, "HAND01L9"), "3 days"));
  g_assert_nonnull (strstr (reason_of (desk, "OVER01L9"), "scratch"));

  /* The last second of the day is still the same day. */
  tomorrow = desk_for (desk_volumes, G_N_ELEMENTS (desk_volumes), &p, "2026-11-20T23:59:59Z", utc);
  send2 = list_of (tomorrow, CUSTODY_DESK_SEND_OFFSITE);
  g_assert_cmpstr (send2, ==, "SEND01L9");
  g_clear_pointer (&tomorrow, custody_desk_unref);

  /* The next day, what was not sent is overdue and tonight's goes. */
  tomorrow = desk_for (desk_volumes, G_N_ELEMENTS (desk_volumes), &p, "2026-11-21T09:00:00Z", utc);
  g_free (send2);
  send2 = list_of (tomorrow, CUSTODY_DESK_SEND_OFFSITE);
  overdue2 = list_of (tomorrow, CUSTODY_DESK_OVERDUE);
  g_assert_cmpstr (send2, ==, "LATER1L9");
  g_assert_cmpstr (overdue2, ==, "BACK02L9 LATE01L9 LOST01L9 SEND01L9 ROAD01L9");
}

static void
test_desk_day_follows_the_zone (void)
{
  g_autoptr(GTimeZone) tokyo = g_time_zone_new_offset (9 * 3600);
  g_autoptr(CustodyDesk) desk = NULL;
  g_autofree char *send = NULL;
  CustodyRotationPolicy p;
  /* Written at 14:30 UTC on the 19th is 23:30 in Tokyo, the 19th; at
   * 15:30 UTC it is already the 20th there. */
  static const VolumeSpec volumes[] = {
    { "TOKYO1L9", TRUE, CUSTODY_MEDIUM_IN_USE, L, "2026-11-01", "2026-11-19T14:30:00Z", NULL },
    { "TOKYO2L9", TRUE, CUSTODY_MEDIUM_IN_USE, L, "2026-11-01", "2026-11-19T15:30:00Z", NULL },
  };

  desk_policy (&p);
  /* 09:00 on the 20th in Tokyo. */
  desk = desk_for (volumes, G_N_ELEMENTS (volumes), &p, "2026-11-20T00:00:00Z", tokyo);
  send = list_of (desk, CUSTODY_DESK_SEND_OFFSITE);
  g_assert_cmpstr (send, ==, "TOKYO1L9");
  g_assert_cmpint (desk->day, ==, custody_test_time ("2026-11-19T15:00:00Z"));
}

static void
test_desk_year_end_gfs (void)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(CustodyDesk) desk = NULL;
  g_autofree char *recall = NULL, *expiring = NULL;
  CustodyRotationPolicy p;
  /* Monthlies of a year kept one month, in the vault in early 2027. */
  static const VolumeSpec volumes[] = {
    /* The November monthly (27th): ends 27 December, recalled from the 20th. */
    { "MON11L9", TRUE, CUSTODY_MEDIUM_FULL, V, "2026-11-29", "2026-11-27T23:00:00Z", NULL },
    /* The December yearly (25th), kept 1 year: ends 25 December 2027. */
    { "YEAR26L9", TRUE, CUSTODY_MEDIUM_FULL, V, "2026-12-27", "2026-12-25T23:00:00Z", NULL },
    /* The weekly of 18 December, kept 2 weeks: ends 1 January 2027. */
    { "WEEK51L9", TRUE, CUSTODY_MEDIUM_FULL, S, "2026-12-19", "2026-12-18T23:00:00Z", NULL },
  };

  custody_rotation_policy_init (&p, CUSTODY_ROTATION_GFS);
  p.keep_weekly = 2;
  p.keep_monthly = 1;
  p.keep_yearly = 1;
  p.offsite_after_days = -1;   /* the shelf copy stays */
  p.recall_days = 7;

  desk = desk_for (volumes, G_N_ELEMENTS (volumes), &p, "2026-12-28T09:00:00Z", utc);
  recall = list_of (desk, CUSTODY_DESK_RECALL);
  expiring = list_of (desk, CUSTODY_DESK_EXPIRING);
  /* The November monthly ended yesterday: overdue, not recall. */
  g_assert_cmpstr (recall, ==, "");
  g_assert_nonnull (strstr (reason_of (desk, "MON11L9"), "2026-12-27"));
  g_assert_true (custody_desk_find (desk, "MON11L9")->list == CUSTODY_DESK_OVERDUE);
  /* The weekly ends on New Year's Day, in four days. */
  g_assert_cmpstr (expiring, ==, "WEEK51L9");
  g_assert_nonnull (strstr (reason_of (desk, "WEEK51L9"), "2027-01-01"));
  g_assert_null (custody_desk_find (desk, "YEAR26L9"));
}

/*
 * Scan sessions
 */

static void
test_scan_session_unknown_duplicate_undo (void)
{
  static const char * const expected[] = { "A00001L9", "A00002L9", "A00003L9", NULL };
  g_autoptr(CustodyScanSession) s = custody_scan_session_new (expected);
  g_autoptr(CustodyScanEntry) undone = NULL;
  g_auto(GStrv) moved = NULL;
  g_auto(GStrv) not_scanned = NULL;
  g_auto(GStrv) unknown = NULL;
  const CustodyScanEntry *e;
  guint first, scanned, n_expected;

  /* A scanner's volser, trailing blanks and all. */
  e = custody_scan_session_add (s, "a00001l9 ");
  g_assert_cmpint (e->outcome, ==, CUSTODY_SCAN_PENDING);
  g_assert_cmpstr (e->volser, ==, "A00001L9");
  first = e->serial;
  e = custody_scan_session_resolve (s, first, CUSTODY_SCAN_MOVED, 11, NULL);
  g_assert_cmpint (e->outcome, ==, CUSTODY_SCAN_MOVED);

  /* Scanned twice: a duplicate, even before the store answered. */
  e = custody_scan_session_add (s, "A00002L9");
  g_assert_cmpint (e->outcome, ==, CUSTODY_SCAN_PENDING);
  e = custody_scan_session_add (s, "A00002L9");
  g_assert_cmpint (e->outcome, ==, CUSTODY_SCAN_DUPLICATE);
  custody_scan_session_resolve (s, e->serial - 1, CUSTODY_SCAN_MOVED, 12, NULL);
  e = custody_scan_session_add (s, "A00001L9");
  g_assert_cmpint (e->outcome, ==, CUSTODY_SCAN_DUPLICATE);

  /* Garbage from the scanner is unknown at once; so is what the store
   * does not know. Neither stops the session. */
  e = custody_scan_session_add (s, "A0?01");
  g_assert_cmpint (e->outcome, ==, CUSTODY_SCAN_UNKNOWN);
  e = custody_scan_session_add (s, "ZZZ999L9");
  custody_scan_session_resolve (s, e->serial, CUSTODY_SCAN_UNKNOWN, 0, NULL);

  /* Not on the list: moved, and said so. */
  e = custody_scan_session_add (s, "B00001L9");
  e = custody_scan_session_resolve (s, e->serial, CUSTODY_SCAN_MOVED, 13, NULL);
  g_assert_cmpint (e->outcome, ==, CUSTODY_SCAN_UNEXPECTED);

  g_assert_cmpint (custody_scan_session_count (s, CUSTODY_SCAN_MOVED), ==, 2);
  g_assert_cmpint (custody_scan_session_count (s, CUSTODY_SCAN_DUPLICATE), ==, 2);
  g_assert_cmpint (custody_scan_session_count (s, CUSTODY_SCAN_UNKNOWN), ==, 2);
  g_assert_cmpint (custody_scan_session_count (s, CUSTODY_SCAN_UNEXPECTED), ==, 1);

  /* Undo takes the last scan back: B00001L9 may be scanned again. */
  undone = custody_scan_session_undo_last (s);
  g_assert_cmpstr (undone->volser, ==, "B00001L9");
  g_assert_cmpint (undone->movement_id, ==, 13);
  e = custody_scan_session_add (s, "B00001L9");
  g_assert_cmpint (e->outcome, ==, CUSTODY_SCAN_PENDING);
  custody_scan_session_resolve (s, e->serial, CUSTODY_SCAN_REFUSED, 0, "payroll (1-offsite)");

  moved = custody_scan_session_dup_volsers (s, CUSTODY_SCAN_MOVED);
  g_assert_cmpint (g_strv_length (moved), ==, 2);
  g_assert_cmpstr (moved[0], ==, "A00001L9");
  g_assert_cmpstr (moved[1], ==, "A00002L9");
  unknown = custody_scan_session_dup_volsers (s, CUSTODY_SCAN_UNKNOWN);
  g_assert_cmpint (g_strv_length (unknown), ==, 2);
  g_assert_cmpstr (unknown[0], ==, "A0?01");
  not_scanned = custody_scan_session_dup_not_scanned (s);
  g_assert_cmpint (g_strv_length (not_scanned), ==, 1);
  g_assert_cmpstr (not_scanned[0], ==, "A00003L9");
  /* Two of the three on the list are scanned; what was not on it does not count. */
  custody_scan_session_get_progress (s, &scanned, &n_expected);
  g_assert_cmpuint (scanned, ==, 2);
  g_assert_cmpuint (n_expected, ==, 3);

  /* Undoing a move puts the volume back on the list of what is missing. */
  while (custody_scan_session_get_n_entries (s) > 1)
    custody_scan_entry_free (custody_scan_session_undo_last (s));
  g_clear_pointer (&not_scanned, g_strfreev);
  not_scanned = custody_scan_session_dup_not_scanned (s);
  g_assert_cmpint (g_strv_length (not_scanned), ==, 2);
  g_assert_cmpstr (not_scanned[0], ==, "A00002L9");
  custody_scan_session_get_progress (s, &scanned, &n_expected);
  g_assert_cmpuint (scanned, ==, 1);
}

static void
test_scan_session_without_a_list_has_no_progress (void)
{
  g_autoptr(CustodyScanSession) s = custody_scan_session_new (NULL);
  guint scanned, n_expected;

  custody_scan_session_add (s, "A00001L9");
  custody_scan_session_get_progress (s, &scanned, &n_expected);
  g_assert_cmpuint (scanned, ==, 0);
  g_assert_cmpuint (n_expected, ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/rotation/gfs-tiers-across-month-and-year-ends",
                   test_gfs_tiers_across_month_and_year_ends);
  g_test_add_func ("/rotation/gfs-retention-expiry", test_gfs_retention_expiry);
  g_test_add_func ("/rotation/leap-day", test_leap_day);
  g_test_add_func ("/rotation/cycle-and-offsite-dates", test_cycle_and_offsite_dates);
  g_test_add_func ("/rotation/policy-validation", test_policy_validation);
  g_test_add_func ("/rotation/days-in-a-zone", test_days_in_a_zone);
  g_test_add_func ("/desk/lists-for-a-date", test_desk_lists_for_a_date);
  g_test_add_func ("/desk/day-follows-the-zone", test_desk_day_follows_the_zone);
  g_test_add_func ("/desk/year-end-gfs", test_desk_year_end_gfs);
  g_test_add_func ("/scan-session/unknown-duplicate-undo",
                   test_scan_session_unknown_duplicate_undo);
  g_test_add_func ("/scan-session/without-a-list-has-no-progress",
                   test_scan_session_without_a_list_has_no_progress);

  return g_test_run ();
}
