/* test-time.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reading the times people and tools write. Imports read a million of
 * them through a parser of our own, so it is held against GLib's
 * GDateTime on every kind of date: leap days, month ends, offsets, the
 * far past and future. The tests run in Tokyo time (no daylight saving,
 * nine hours ahead) so that local and UTC readings cannot be confused.
 */
#include "config.h"

#include <glib.h>
#include <string.h>

#include "custody-time.h"

static gint64
parse_ok (const char *text)
{
  g_autoptr(GError) error = NULL;
  gint64 t = 0;

  if (!custody_time_parse (text, &t, &error))
    g_error ("'%s' should parse: %s", text, error->message);
  g_assert_no_error (error);

  return t;
}

static void
assert_refused (const char *text)
{
  g_autoptr(GError) error = NULL;
  gint64 t = 42;

  g_assert_false (custody_time_parse (text, &t, &error));
  g_assert_error (error, CUSTODY_PARSE_ERROR, CUSTODY_PARSE_ERROR_INVALID);
  /* The message shows what was typed and what would be understood. */
  g_assert_nonnull (strstr (error->message, "2026-11-20T02:00:00Z"));
  g_assert_cmpint (t, ==, 42);
}

static gint64
reference (const char *text)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (text, utc);

  g_assert_nonnull (dt);
  return g_date_time_to_unix (dt);
}

static void
test_utc_and_offsets (void)
{
  g_assert_cmpint (parse_ok ("1970-01-01T00:00:00Z"), ==, 0);
  g_assert_cmpint (parse_ok ("2026-11-20T02:00:00Z"), ==, 1795140000);
  g_assert_cmpint (parse_ok ("2026-11-20t02:00:00z"), ==, 1795140000);
  g_assert_cmpint (parse_ok ("2026-11-20T11:00:00+09:00"), ==, 1795140000);
  g_assert_cmpint (parse_ok ("2026-11-19T20:30:00-05:30"), ==, 1795140000);
  /* Fractions of a second are dropped, as the store keeps seconds. */
  g_assert_cmpint (parse_ok ("2026-11-20T02:00:00.999Z"), ==, 1795140000);
  g_assert_cmpint (parse_ok ("2026-11-20T02:00:00,5+00:00"), ==, 1795140000);
  /* ISO 8601's basic offsets, as some tools write them. */
  g_assert_cmpint (parse_ok ("2026-11-20T11:00:00+0900"), ==, 1795140000);
  g_assert_cmpint (parse_ok ("2026-11-20T11:00:00+09"), ==, 1795140000);
  /* A leap second is the last second of its minute. */
  g_assert_cmpint (parse_ok ("2026-11-20T01:59:60Z"), ==, 1795140000 - 1);
}

static void
test_agrees_with_gdatetime (void)
{
  static const char *offsets[] = { "Z", "+00:00", "+09:00", "-05:30", "+14:00", "-12:00",
                                   "+05:45" };
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261125);

  /* Every day boundary and month end of the range that matters, and
   * random instants up to the year 9999. */
  for (guint i = 0; i < 20000; i++)
    {
      gint64 t = i < 10000 ? (gint64) 946684800 + (gint64) i * 86399
                           : (gint64) g_rand_double_range (rand, -62135596800.0 + 86400 * 2,
                                                           253402300799.0 - 86400 * 2);
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (t);
      g_autofree char *base = g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:%02d",
                                               g_date_time_get_year (utc),
                                               g_date_time_get_month (utc),
                                               g_date_time_get_day_of_month (utc),
                                               g_date_time_get_hour (utc),
                                               g_date_time_get_minute (utc),
                                               g_date_time_get_second (utc));
      const char *offset = offsets[i % G_N_ELEMENTS (offsets)];
      g_autofree char *text = g_strconcat (base, offset, NULL);

      g_assert_cmpint (parse_ok (text), ==, reference (text));
    }
}

static void
test_leap_days_and_month_ends (void)
{
  g_assert_cmpint (parse_ok ("2024-02-29T12:00:00Z"), ==, reference ("2024-02-29T12:00:00Z"));
  g_assert_cmpint (parse_ok ("2000-02-29T12:00:00Z"), ==, reference ("2000-02-29T12:00:00Z"));
  g_assert_cmpint (parse_ok ("2026-12-31T23:59:59Z") + 1, ==, parse_ok ("2027-01-01T00:00:00Z"));
  g_assert_cmpint (parse_ok ("2026-04-30T00:00:00Z") + 86400, ==,
                   parse_ok ("2026-05-01T00:00:00Z"));

  assert_refused ("2026-02-29T12:00:00Z");
  assert_refused ("2100-02-29T12:00:00Z");
  assert_refused ("2026-04-31T00:00:00Z");
  assert_refused ("2026-02-30");
}

static void
test_local_forms_use_the_local_zone (void)
{
  /* Tokyo is UTC+9 all year. */
  g_assert_cmpint (parse_ok ("2026-11-20 11:00"), ==, parse_ok ("2026-11-20T02:00:00Z"));
  g_assert_cmpint (parse_ok ("2026-11-20 11:00:30"), ==, parse_ok ("2026-11-20T02:00:30Z"));
  g_assert_cmpint (parse_ok ("2026-11-20"), ==, parse_ok ("2026-11-19T15:00:00Z"));
  g_assert_cmpint (parse_ok ("2026-11-20T11:00:00"), ==, parse_ok ("2026-11-20T02:00:00Z"));
}

static void
test_malformed_times_are_refused (void)
{
  static const char *bad[] = {
    "", "yesterday", "2026", "2026-11", "20261120T020000Z", "2026-11-20T02:00Z",
    "2026-13-01T00:00:00Z", "2026-00-10T00:00:00Z", "2026-11-00T00:00:00Z",
    "2026-11-20T24:00:00Z", "2026-11-20T23:60:00Z",
    "2026-11-20T02:00:00.Z", "2026-11-20T02:00:00Z trailing", "0000-01-01T00:00:00Z",
    "2026-W47-5", "2026-324", " 2026-11-20", "2026-11-20 2:00", "-2026-11-20T02:00:00Z",
    "2026-1l-20T02:00:00Z",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    assert_refused (bad[i]);
}

static void
test_format_reads_back (void)
{
  static const gint64 times[] = { 0, 1795140000, 951782400, 4107542399, -86400 };

  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      g_autofree char *text = custody_time_format (times[i]);

      g_assert_true (g_str_has_suffix (text, "Z"));
      g_assert_cmpint (parse_ok (text), ==, times[i]);
    }
  g_assert_null (custody_time_format (CUSTODY_TIME_NONE));

  {
    g_autofree char *local = custody_time_format_local (1795140000);
    g_autofree char *date = custody_time_format_date (1795140000 + 15 * 3600);

    g_assert_cmpstr (local, ==, "2026-11-20 11:00");
    /* 15:00 UTC is already the next day in Tokyo. */
    g_assert_cmpstr (date, ==, "2026-11-21");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "Asia/Tokyo", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/time/utc-and-offsets", test_utc_and_offsets);
  g_test_add_func ("/time/agrees-with-gdatetime", test_agrees_with_gdatetime);
  g_test_add_func ("/time/leap-days-and-month-ends", test_leap_days_and_month_ends);
  g_test_add_func ("/time/local-forms-use-the-local-zone", test_local_forms_use_the_local_zone);
  g_test_add_func ("/time/malformed-times-are-refused", test_malformed_times_are_refused);
  g_test_add_func ("/time/format-reads-back", test_format_reads_back);

  return g_test_run ();
}
