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
