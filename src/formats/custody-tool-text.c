/* custody-tool-text.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custody-formats"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "custody-text.h"
#include "custody-time.h"
#include "custody-tool-text.h"

/*
 * Errors that name the place
 */

gboolean
custody_tool_text_fail_at_valist (CustodyToolText  *self,
                                  gsize             offset,
                                  GError          **error,
                                  const char       *format,
                                  va_list           args)
{
  g_autofree char *message = g_strdup_vprintf (format, args);
  guint line, column;

  custody_text_position (self->data, MIN (offset, self->length), &line, &column);
  g_set_error (error, CUSTODY_PARSE_ERROR, CUSTODY_PARSE_ERROR_INVALID,
               _("line %u, column %u: %s"), line, column, message);
  return FALSE;
}

gboolean
custody_tool_text_fail_at (CustodyToolText  *self,
                           gsize             offset,
                           GError          **error,
                           const char       *format,
                           ...)
{
  va_list args;

  va_start (args, format);
  custody_tool_text_fail_at_valist (self, offset, error, format, args);
  va_end (args);
  return FALSE;
}

gboolean
custody_tool_text_fail_line (guint        line,
                             GError     **error,
                             const char  *format,
                             ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, CUSTODY_PARSE_ERROR, CUSTODY_PARSE_ERROR_INVALID,
               _("line %u: %s"), line, message);
  return FALSE;
}

CustodyJsonDoc *
custody_tool_text_parse_json (CustodyToolText        *self,
                              CustodyJsonParseFlags   flags,
                              GError                **error)
{
  return custody_json_doc_parse (self->data, self->length, flags, error);
}

static gboolean
wrong_type (CustodyToolText       *self,
            CustodyJsonDoc        *doc,
            CustodyJsonNode        node,
            const char            *what,
            const char            *member,
            const char            *expected,
            GError               **error)
{
  g_autofree char *text = custody_json_doc_dup_text (doc, node, 40);

  /* Translators: "snapshot 3: "time" should be a string, not a number (12)" */
  return custody_tool_text_fail_at (self, custody_json_doc_get_offset (doc, node), error,
                                    _("%s: \"%s\" should be %s, not %s (%s)"), what, member,
                                    expected, custody_json_doc_kind_name (doc, node), text);
}

static gboolean
missing (CustodyToolText       *self,
         CustodyJsonDoc        *doc,
         CustodyJsonNode        object,
         const char            *what,
         const char            *member,
         GError               **error)
{
  return custody_tool_text_fail_at (self, custody_json_doc_get_offset (doc, object), error,
                                    _("%s has no \"%s\""), what, member);
}

gboolean
custody_tool_text_get_string (CustodyToolText       *self,
                              CustodyJsonDoc        *doc,
                              CustodyJsonNode        object,
                              const char            *member,
                              gboolean               required,
                              const char            *what,
                              char                 **out,
                              GError               **error)
{
  CustodyJsonNode node = custody_json_doc_member_nocase (doc, object, member);

  if (node == 0 || custody_json_doc_kind (doc, node) == CUSTODY_JSON_NULL)
    return required ? missing (self, doc, object, what, member, error) : TRUE;
  if (custody_json_doc_kind (doc, node) != CUSTODY_JSON_STRING)
    return wrong_type (self, doc, node, what, member, _("a string"), error);

  g_free (*out);
  *out = custody_json_doc_dup_string (doc, node);
  return TRUE;
}

/* Digits with optional thousands separators, no sign, fitting in 63 bits. */
gboolean
custody_tool_parse_count (const char *text,
                          gint64     *out)
{
  guint64 value = 0;
  gboolean digits = FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == ',' && digits && g_ascii_isdigit (p[1]))
        continue;
      if (!g_ascii_isdigit (*p))
        return FALSE;
      if (value > ((guint64) G_MAXINT64 - (guint64) (*p - '0')) / 10)
        return FALSE;
      value = value * 10 + (guint64) (*p - '0');
      digits = TRUE;
    }
  if (!digits)
    return FALSE;

  *out = (gint64) value;
  return TRUE;
}

gboolean
custody_tool_text_get_count (CustodyToolText       *self,
                             CustodyJsonDoc        *doc,
                             CustodyJsonNode        object,
                             const char            *member,
                             gboolean               strings,
                             const char            *what,
                             gint64                *out,
                             GError               **error)
{
  CustodyJsonNode node = custody_json_doc_member_nocase (doc, object, member);
  CustodyJsonKind kind;
  g_autofree char *text = NULL;
  gint64 value;

  if (node == 0)
    return TRUE;
  kind = custody_json_doc_kind (doc, node);
  if (kind == CUSTODY_JSON_NULL)
    return TRUE;

  if (kind == CUSTODY_JSON_NUMBER)
    {
      text = custody_json_doc_dup_text (doc, node, 40);
      if (custody_json_doc_get_int (doc, node, &value) && value >= 0)
        {
          *out = value;
          return TRUE;
        }
    }
  else if (kind == CUSTODY_JSON_STRING && strings)
    {
      g_autofree char *s = custody_json_doc_dup_string (doc, node);

      /* Bareos prints an unset count as an empty string. */
      if (s[0] == '\0')
        return TRUE;
      text = custody_json_doc_dup_text (doc, node, 40);
      if (custody_tool_parse_count (s, &value))
        {
          *out = value;
          return TRUE;
        }
    }
  else
    return wrong_type (self, doc, node, what, member, _("a whole number"), error);

  /* Translators: "snapshot 3: "total_bytes_processed" 99999999999999999999 is not a
   * whole number from 0 to 9223372036854775807" */
  return custody_tool_text_fail_at (self, custody_json_doc_get_offset (doc, node), error,
                                    _("%s: \"%s\" %s is not a whole number from 0 to %lld"),
                                    what, member, text, (long long) G_MAXINT64);
}

static GTimeZone *
import_zone (CustodyToolText *self)
{
  self->zone_used = TRUE;
  return self->zone;
}

/* YYYY-MM-DD[T ]HH:MM:SS[.ffffff], no offset: a local time in the import's zone. */
static gboolean
parse_naive_time (CustodyToolText      *self,
                  const char           *text,
                  gint64               *out)
{
  g_autoptr(GDateTime) dt = NULL;
  int y, mo, d, h, mi, s, n = 0;
  const char *p;

  if (strlen (text) < 19 || (text[10] != 'T' && text[10] != ' ') ||
      sscanf (text, "%4d-%2d-%2d%*c%2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &s, &n) != 6 || n != 19)
    return FALSE;
  p = text + 19;
  if (*p == '.')
    {
      p++;
      if (!g_ascii_isdigit (*p))
        return FALSE;
      while (g_ascii_isdigit (*p))
        p++;
    }
  if (*p != '\0' || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59)
    return FALSE;

  dt = g_date_time_new (import_zone (self), y, mo, d, h, mi, s);
  if (dt == NULL)
    return FALSE;
  *out = g_date_time_to_unix (dt);
  return TRUE;
}

gboolean
custody_tool_text_parse_time (CustodyToolText      *self,
                              const char           *text,
                              gint64               *out)
{
  gsize len = strlen (text);

  /* With its own offset (restic, borg 2): as written. */
  if (len > 19 && (text[len - 1] == 'Z' || text[len - 1] == 'z' ||
                   (len >= 25 && text[len - 3] == ':' &&
                    (text[len - 6] == '+' || text[len - 6] == '-'))))
    return custody_time_parse (text, out, NULL);

  return parse_naive_time (self, text, out);
}

gboolean
custody_tool_text_get_time (CustodyToolText       *self,
                            CustodyJsonDoc        *doc,
                            CustodyJsonNode        object,
                            const char            *member,
                            gboolean               required,
                            const char            *what,
                            gint64                *out,
                            GError               **error)
{
  CustodyJsonNode node = custody_json_doc_member_nocase (doc, object, member);
  g_autofree char *text = NULL;

  if (node == 0 || custody_json_doc_kind (doc, node) == CUSTODY_JSON_NULL)
    return required ? missing (self, doc, object, what, member, error) : TRUE;
  if (custody_json_doc_kind (doc, node) != CUSTODY_JSON_STRING)
    return wrong_type (self, doc, node, what, member, _("a time in a string"), error);

  text = custody_json_doc_dup_string (doc, node);
  /* Bareos: a job that never started. */
  if (!required && (text[0] == '\0' || g_str_has_prefix (text, "0000-00-00")))
    return TRUE;
  if (!custody_tool_text_parse_time (self, text, out))
    {
      g_autofree char *shown = custody_json_doc_dup_text (doc, node, 60);
      return custody_tool_text_fail_at (self, custody_json_doc_get_offset (doc, node), error,
                                        _("%s: \"%s\" %s is not a time"), what, member, shown);
    }
  return TRUE;
}

/* The fixtures and wrapper scripts end a tool's output with "rc=N". */
gboolean
custody_tool_text_take_exit_code (CustodyToolText  *self,
                                  int               given,
                                  gsize            *length,
                                  int              *exit_code,
                                  GError          **error)
{
  gsize end = *length;
  gsize start;
  gint64 value;
  g_autofree char *line = NULL;

  *exit_code = given;

  while (end > 0 && g_ascii_isspace (self->data[end - 1]))
    end--;
  start = end;
  while (start > 0 && self->data[start - 1] != '\n')
    start--;

  line = g_strndup (self->data + start, end - start);
  if (!g_str_has_prefix (line, "rc=") ||
      !g_ascii_string_to_signed (line + 3, 10, 0, 255, &value, NULL))
    return TRUE;

  if (given >= 0 && given != value)
    return custody_tool_text_fail_at (self, start, error,
                                      _("the output ends with rc=%d, but --exit-code says %d"),
                                      (int) value, given);
  *exit_code = (int) value;
  *length = start;
  return TRUE;
}
