/* custody-report-format.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custody-report"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <time.h>

#include "custody-report-private.h"
#include "custody-time.h"

/* How reports write times, numbers and sizes. Times are local, to the
 * minute, in ISO order (the title block names the time zone); they are
 * written into the caller's buffer because a report formats hundreds of
 * thousands of them. */

#define NONE_TEXT "\xe2\x80\x94"   /* an em dash */

static gboolean
local_tm (gint64     t,
          struct tm *tm)
{
  time_t tt = (time_t) t;

  return t != CUSTODY_TIME_NONE && localtime_r (&tt, tm) != NULL;
}

/* The language's format, or NULL for ISO order (written by hand: a
 * report formats hundreds of thousands of times). */
static const char *
translated_format (const char *format,
                   const char *english)
{
  return g_str_equal (format, english) ? NULL : format;
}

/* Writes @t in @format (g_date_time_format() notation) into @buf: slower
 * than the hand-written ISO order, and only for a translation's format. */
static gboolean
format_translated (gint64      t,
                   const char *format,
                   char       *buf)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (t);
  g_autoptr(GDateTime) local = utc != NULL ? g_date_time_to_local (utc) : NULL;
  g_autofree char *text = local != NULL ? g_date_time_format (local, format) : NULL;

  if (text == NULL)
    return FALSE;
  g_strlcpy (buf, text, CUSTODY_REPORT_BUF);
  return TRUE;
}

const char *
custody_report_time (gint64  t,
                     char   *buf)
{
  struct tm tm;
  /* Translators: a time in a report, in g_date_time_format() notation, local time
   * (the title block names the zone), e.g. "%Y年%-m月%-d日 %H:%M" */
  const char *format = translated_format (C_("time in a report", "%Y-%m-%d %H:%M"),
                                          "%Y-%m-%d %H:%M");

  if (!local_tm (t, &tm))
    return NONE_TEXT;
  if (format != NULL && format_translated (t, format, buf))
    return buf;
  g_snprintf (buf, CUSTODY_REPORT_BUF, "%04d-%02d-%02d %02d:%02d", tm.tm_year + 1900, tm.tm_mon + 1,
              tm.tm_mday, tm.tm_hour, tm.tm_min);
  return buf;
}

const char *
custody_report_date (gint64  t,
                     char   *buf)
{
  struct tm tm;
  /* Translators: a date in a report, in g_date_time_format() notation, e.g. "%Y年%-m月%-d日" */
  const char *format = translated_format (C_("date in a report", "%Y-%m-%d"), "%Y-%m-%d");

  if (!local_tm (t, &tm))
    return NONE_TEXT;
  if (format != NULL && format_translated (t, format, buf))
    return buf;
  g_snprintf (buf, CUSTODY_REPORT_BUF, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1,
              tm.tm_mday);
  return buf;
}

/* "13:30", under a heading that gives the day. */
const char *
custody_report_time_of_day (gint64  t,
                            char   *buf)
{
  struct tm tm;

  if (!local_tm (t, &tm))
    return NONE_TEXT;
  g_snprintf (buf, CUSTODY_REPORT_BUF, "%02d:%02d", tm.tm_hour, tm.tm_min);
  return buf;
}

/* "11-19 13:30": a time without its year, for a chart's ticks. */
const char *
custody_report_day_time (gint64  t,
                         char   *buf)
{
  struct tm tm;
  /* Translators: a day and time without the year (a chart's ticks), in
   * g_date_time_format() notation, e.g. "%-m月%-d日 %H:%M" */
  const char *format = translated_format (C_("day and time in a report", "%m-%d %H:%M"),
                                          "%m-%d %H:%M");

  if (!local_tm (t, &tm))
    return NONE_TEXT;
  if (format != NULL && format_translated (t, format, buf))
    return buf;
  g_snprintf (buf, CUSTODY_REPORT_BUF, "%02d-%02d %02d:%02d", tm.tm_mon + 1, tm.tm_mday,
              tm.tm_hour, tm.tm_min);
  return buf;
}

/* 1234567 -> "1,234,567" */
const char *
custody_report_count (gint64  n,
                      char   *buf)
{
  char digits[32];
  int len, out = 0;
  guint64 magnitude = n < 0 ? (guint64) (-(n + 1)) + 1 : (guint64) n;

  len = g_snprintf (digits, sizeof digits, "%" G_GUINT64_FORMAT, magnitude);
  if (n < 0)
    buf[out++] = '-';
  for (int i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        buf[out++] = ',';
      buf[out++] = digits[i];
    }
  buf[out] = '\0';
  return buf;
}

/* 0.9734 -> "97.3%"; a share that is not quite all never shows as 100%. */
const char *
custody_report_percent (double  fraction,
                        char   *buf)
{
  double percent = fraction * 100.0;

  if (percent > 99.95 && percent < 100.0)
    percent = 99.9;
  g_snprintf (buf, CUSTODY_REPORT_BUF, "%.1f%%", percent);
  return buf;
}

char *
custody_report_bytes (gint64 bytes)
{
  if (bytes < 0)
    return g_strdup (NONE_TEXT);
  /* GLib words sizes under a kilobyte in its own catalog, which a
   * system may not have in the report's language: "0 bytes". */
  if (bytes < 1000)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u byte", "%u bytes", (gulong) bytes),
                            (guint) bytes);
  return g_format_size ((guint64) bytes);
}

/* "2026-10-26 09:00 – 2026-11-25 09:00" */
char *
custody_report_period (gint64 from,
                       gint64 to)
{
  char a[CUSTODY_REPORT_BUF], b[CUSTODY_REPORT_BUF];

  /* Translators: a report's period, from – to */
  return g_strdup_printf (_("%s \xe2\x80\x93 %s"), custody_report_time (from, a),
                          custody_report_time (to, b));
}

const char *
custody_report_status_label (CustodyStatus status)
{
  return custody_status_get_label (status);
}

CustodyReportTone
custody_report_status_tone (CustodyStatus status)
{
  switch (status)
    {
    case CUSTODY_STATUS_COMPLIANT:
      return CUSTODY_REPORT_TONE_GOOD;
    case CUSTODY_STATUS_AT_RISK:
      return CUSTODY_REPORT_TONE_WARNING;
    case CUSTODY_STATUS_VIOLATION:
      return CUSTODY_REPORT_TONE_BAD;
    case CUSTODY_N_STATUSES:
    default:
      return CUSTODY_REPORT_TONE_NORMAL;
    }
}
