/* custody-time.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custody-time"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "custody-time.h"

G_DEFINE_QUARK (custody-parse-error-quark, custody_parse_error)

/* Days from 1970-01-01 to a civil date (Howard Hinnant's algorithm). */
static gint64
days_from_civil (gint64 y,
                 int    m,
                 int    d)
{
  gint64 era, yoe, doy, doe;

  y -= m <= 2;
  era = (y >= 0 ? y : y - 399) / 400;
  yoe = y - era * 400;
  doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

  return era * 146097 + doe - 719468;
}

static int
digits (const char *s,
        int         n)
{
  int value = 0;

  for (int i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (s[i]))
        return -1;
      value = value * 10 + (s[i] - '0');
    }
  return value;
}

/* The common case, read without GDateTime: YYYY-MM-DDTHH:MM:SS, optional
 * fraction, then Z or ±HH:MM. Imports parse a million of these. */
static gboolean
parse_iso_with_zone (const char *str,
                     gint64     *out)
{
  static const int month_days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
  int y, mo, d, h, mi, sec, off = 0;
  const char *p;

  if (strlen (str) < 20 || str[4] != '-' || str[7] != '-' || (str[10] != 'T' && str[10] != 't') ||
      str[13] != ':' || str[16] != ':')
    return FALSE;

  y = digits (str, 4);
  mo = digits (str + 5, 2);
  d = digits (str + 8, 2);
  h = digits (str + 11, 2);
  mi = digits (str + 14, 2);
  sec = digits (str + 17, 2);
  if (y < 1 || mo < 1 || mo > 12 || d < 1 || h < 0 || h > 23 || mi < 0 || mi > 59 || sec < 0 ||
      sec > 59)
    return FALSE;
  if (d > month_days[mo - 1] + (mo == 2 && (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0))))
    return FALSE;

  p = str + 19;
  if (*p == '.' || *p == ',')
    {
      p++;
      if (!g_ascii_isdigit (*p))
        return FALSE;
      while (g_ascii_isdigit (*p))
        p++;
    }

  if ((*p == 'Z' || *p == 'z') && p[1] == '\0')
    off = 0;
  else if ((*p == '+' || *p == '-') && strlen (p) == 6 && p[3] == ':')
    {
      int oh = digits (p + 1, 2), om = digits (p + 4, 2);

      if (oh < 0 || oh > 23 || om < 0 || om > 59)
        return FALSE;
      off = (oh * 3600 + om * 60) * (*p == '-' ? -1 : 1);
    }
  else
    return FALSE;

  *out = days_from_civil (y, mo, d) * 86400 + h * 3600 + mi * 60 + sec - off;
  return TRUE;
}

/* The local zone, looked up once: g_time_zone_new_local () reads the
 * system's zone files each time. */
static GTimeZone *
local_zone (void)
{
  static gsize zone;

  if (g_once_init_enter (&zone))
    g_once_init_leave (&zone, (gsize) g_time_zone_new_local ());
  return (GTimeZone *) zone;
}

static GDateTime *
local_from_unix (gint64 t)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (t);

  return utc != NULL ? g_date_time_to_timezone (utc, local_zone ()) : NULL;
}

static gboolean
parse_local (const char *str,
             gint64     *out)
{
  int y, mo, d, h = 0, mi = 0, n = 0;
  double s = 0;
  g_autoptr(GDateTime) dt = NULL;
  size_t len = strlen (str);

  if (len == 10 && sscanf (str, "%4d-%2d-%2d%n", &y, &mo, &d, &n) == 3 && n == 10)
    ;
  else if ((len == 16 &&
            sscanf (str, "%4d-%2d-%2d %2d:%2d%n", &y, &mo, &d, &h, &mi, &n) == 5 && n == 16) ||
           (len == 19 &&
            sscanf (str, "%4d-%2d-%2d %2d:%2d:%lf%n", &y, &mo, &d, &h, &mi, &s, &n) == 6 &&
            n == 19))
    ;
  else
    return FALSE;

  dt = g_date_time_new (local_zone (), y, mo, d, h, mi, s);
  if (dt == NULL)
    return FALSE;

  *out = g_date_time_to_unix (dt);
  return TRUE;
}

gboolean
custody_time_parse (const char *str,
                    gint64     *out,
                    GError    **error)
{
  g_autoptr(GDateTime) dt = NULL;

  g_return_val_if_fail (out != NULL, FALSE);

  if (str != NULL && str[0] != '\0')
    {
      if (parse_iso_with_zone (str, out) || parse_local (str, out))
        return TRUE;

      /* ISO 8601: with Z or an offset, or without one as local time. Only
       * the calendar-date form: GLib also accepts week and ordinal dates,
       * which nobody types and which would hide typos. */
      if (strlen (str) >= 19 && g_ascii_isdigit (str[0]) && str[4] == '-' && str[7] == '-' &&
          (str[10] == 'T' || str[10] == 't'))
        {
          dt = g_date_time_new_from_iso8601 (str, local_zone ());
          if (dt != NULL)
            {
              *out = g_date_time_to_unix (dt);
              return TRUE;
            }
        }
    }

  g_set_error (error, CUSTODY_PARSE_ERROR, CUSTODY_PARSE_ERROR_INVALID,
               _("'%s' is not a time (use 2026-11-20T02:00:00Z, 2026-11-20 02:00 or 2026-11-20)"),
               str != NULL ? str : "");
  return FALSE;
}

char *
custody_time_format (gint64 t)
{
  g_autoptr(GDateTime) dt = NULL;

  if (t == CUSTODY_TIME_NONE)
    return NULL;

  dt = g_date_time_new_from_unix_utc (t);
  if (dt == NULL)
    return NULL;

  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");
}

char *
custody_time_format_local (gint64 t)
{
  g_autoptr(GDateTime) dt = NULL;

  if (t == CUSTODY_TIME_NONE)
    return NULL;

  dt = local_from_unix (t);
  if (dt == NULL)
    return NULL;

  return g_date_time_format (dt, "%Y-%m-%d %H:%M");
}

char *
custody_time_format_date (gint64 t)
{
  g_autoptr(GDateTime) dt = NULL;

  if (t == CUSTODY_TIME_NONE)
    return NULL;

  dt = local_from_unix (t);
  if (dt == NULL)
    return NULL;

  return g_date_time_format (dt, "%Y-%m-%d");
}

/* How a time reads in what a person reads: a sentence, a table, a
 * report. English keeps ISO 8601 in UTC, which scripts reading the text
 * output rely on (see docs/cli.md); a translation that gives its own
 * format gets it in local time. */
#define TEXT_TIME_FORMAT "%Y-%m-%dT%H:%M:%SZ"

static const char *
text_time_format (void)
{
  /* Translators: how a time reads in messages, tables and reports, in
   * g_date_time_format() notation. Keep it as it is for ISO 8601 in UTC;
   * any other format shows local time, e.g. "%Y年%-m月%-d日 %H:%M". */
  return C_("time in text", "%Y-%m-%dT%H:%M:%SZ");
}

/**
 * custody_time_is_local_text:
 *
 * Returns: whether custody_time_format_text() writes local time (the
 *   language's own format) rather than ISO 8601 in UTC
 */
gboolean
custody_time_is_local_text (void)
{
  return !g_str_equal (text_time_format (), TEXT_TIME_FORMAT);
}

/**
 * custody_time_format_text:
 * @t: a time, or %CUSTODY_TIME_NONE
 *
 * Returns: (transfer full) (nullable): @t as a reader reads it: ISO 8601
 *   in UTC in English and under --json, local time in the translation's
 *   format ("2026年12月7日 19:06") otherwise
 */
char *
custody_time_format_text (gint64 t)
{
  const char *format = text_time_format ();
  g_autoptr(GDateTime) dt = NULL;

  if (g_str_equal (format, TEXT_TIME_FORMAT))
    return custody_time_format (t);
  if (t == CUSTODY_TIME_NONE || (dt = local_from_unix (t)) == NULL)
    return NULL;
  return g_date_time_format (dt, format);
}

/**
 * custody_time_format_text_date:
 * @t: a time, or %CUSTODY_TIME_NONE
 *
 * Returns: (transfer full) (nullable): the local date of @t in the
 *   language's format ("2026-12-07", "2026年12月7日")
 */
char *
custody_time_format_text_date (gint64 t)
{
  g_autoptr(GDateTime) dt = NULL;

  if (t == CUSTODY_TIME_NONE || (dt = local_from_unix (t)) == NULL)
    return NULL;
  /* Translators: how a date reads in messages, tables and reports, in
   * g_date_time_format() notation, e.g. "%Y年%-m月%-d日" */
  return g_date_time_format (dt, C_("date in text", "%Y-%m-%d"));
}

/**
 * custody_time_zone_text:
 * @t: the moment (the offset depends on it)
 *
 * Returns: (transfer full): the zone custody_time_format_text() writes in,
 *   to name once in a document: "UTC", or the local zone's abbreviation
 *   ("JST", "CET") with its offset when the abbreviation is only a number
 */
char *
custody_time_zone_text (gint64 t)
{
  g_autoptr(GDateTime) dt = NULL;
  g_autofree char *abbreviation = NULL;

  if (!custody_time_is_local_text ())
    return g_strdup ("UTC");
  dt = local_from_unix (t != CUSTODY_TIME_NONE ? t : custody_time_now ());
  if (dt == NULL)
    return g_strdup ("UTC");
  abbreviation = g_date_time_format (dt, "%Z");
  if (abbreviation == NULL || abbreviation[0] == '+' || abbreviation[0] == '-' ||
      g_ascii_isdigit (abbreviation[0]))
    return g_date_time_format (dt, "UTC%:z");
  return g_steal_pointer (&abbreviation);
}

gint64
custody_time_now (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

char *
custody_duration_describe (gint64 seconds)
{
  gint64 abs_s = ABS (seconds);

  if (abs_s >= 2 * 86400)
    {
      gint64 days = abs_s / 86400;
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%lld day",
                                           "%lld days", days), (long long) days);
    }
  if (abs_s >= 2 * 3600)
    {
      gint64 hours = abs_s / 3600;
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%lld hour",
                                           "%lld hours", hours), (long long) hours);
    }
  if (abs_s >= 60)
    {
      gint64 minutes = abs_s / 60;
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%lld minute",
                                           "%lld minutes", minutes),
                              (long long) minutes);
    }

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%lld second",
                                       "%lld seconds", abs_s), (long long) abs_s);
}
