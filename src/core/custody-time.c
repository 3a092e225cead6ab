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

  dt = g_date_time_new_local (y, mo, d, h, mi, s);
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
  g_autoptr(GTimeZone) local = NULL;

  g_return_val_if_fail (out != NULL, FALSE);

  if (str != NULL && str[0] != '\0')
    {
      if (parse_local (str, out))
        return TRUE;

      /* ISO 8601: with Z or an offset, or without one as local time. Only
       * the calendar-date form: GLib also accepts week and ordinal dates,
       * which nobody types and which would hide typos. */
      if (strlen (str) >= 19 && g_ascii_isdigit (str[0]) && str[4] == '-' && str[7] == '-' &&
          (str[10] == 'T' || str[10] == 't'))
        {
          local = g_time_zone_new_local ();
          dt = g_date_time_new_from_iso8601 (str, local);
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

  dt = g_date_time_new_from_unix_local (t);
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

  dt = g_date_time_new_from_unix_local (t);
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
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%" G_GINT64_FORMAT " day",
                                           "%" G_GINT64_FORMAT " days", days), days);
    }
  if (abs_s >= 2 * 3600)
    {
      gint64 hours = abs_s / 3600;
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%" G_GINT64_FORMAT " hour",
                                           "%" G_GINT64_FORMAT " hours", hours), hours);
    }
  if (abs_s >= 60)
    {
      gint64 minutes = abs_s / 60;
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%" G_GINT64_FORMAT " minute",
                                           "%" G_GINT64_FORMAT " minutes", minutes), minutes);
    }

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%" G_GINT64_FORMAT " second",
                                       "%" G_GINT64_FORMAT " seconds", abs_s), abs_s);
}
