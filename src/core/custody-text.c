/* custody-text.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custody-core"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "custody-text.h"
#include "custody-time.h"

/* What text may enter the store: whole inputs are UTF-8 without a NUL
 * anywhere, names carry no control characters, and text printed on a
 * terminal cannot drive it. */

static gboolean
is_control (gunichar c)
{
  return c < 0x20 || (c >= 0x7f && c <= 0x9f);
}

/**
 * custody_text_validate:
 * @data: the bytes of a file or of standard input
 * @length: how many there are (a NUL among them is an error, not the end)
 *
 * Checks a whole input before anything is read from it: a NUL byte or
 * invalid UTF-8 anywhere refuses all of it, naming the line.
 */
gboolean
custody_text_validate (const char  *data,
                       gsize        length,
                       GError     **error)
{
  const char *end = NULL;
  guint line = 1;

  if (g_utf8_validate_len (data, length, &end) && memchr (data, '\0', length) == NULL)
    return TRUE;

  /* g_utf8_validate_len () stops at a NUL too. */
  for (const char *p = data; p < end; p++)
    if (*p == '\n')
      line++;
  g_set_error (error, CUSTODY_PARSE_ERROR, CUSTODY_PARSE_ERROR_INVALID,
               *end == '\0' ? _("line %u: a NUL byte: this is not text")
                            : _("line %u: the text is not valid UTF-8"),
               line);
  return FALSE;
}

/**
 * custody_text_check_name:
 * @is_new: a name being given, not one already in the store
 *
 * A name of a job, copy, location, pool, courier, container or seal: UTF-8
 * without control characters. A new one does not start with '-', which
 * commands would read as an option ('--' still reaches an old one).
 */
gboolean
custody_text_check_name (const char  *name,
                         gboolean     is_new,
                         GError     **error)
{
  g_autofree char *shown = NULL;

  if (!g_utf8_validate (name, -1, NULL))
    return custody_text_check_free (name, error);

  for (const char *p = name; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_control (c))
        {
          shown = custody_text_escape_controls (name);
          g_set_error (error, CUSTODY_PARSE_ERROR, CUSTODY_PARSE_ERROR_INVALID,
                       _("the name '%s' contains the control character U+%04X"), shown, c);
          return FALSE;
        }
    }

  if (is_new && name[0] == '-')
    {
      g_set_error (error, CUSTODY_PARSE_ERROR, CUSTODY_PARSE_ERROR_INVALID,
                   _("the name '%s' starts with '-', which commands would read as an option"),
                   name);
      return FALSE;
    }

  return TRUE;
}

/**
 * custody_text_check_free:
 *
 * Free text such as a note or a message: UTF-8, and of the control
 * characters only tab and line breaks.
 */
gboolean
custody_text_check_free (const char  *text,
                         GError     **error)
{
  g_autofree char *shown = NULL;

  if (text == NULL)
    return TRUE;

  if (!g_utf8_validate (text, -1, NULL))
    {
      shown = custody_text_escape_controls (text);
      g_set_error (error, CUSTODY_PARSE_ERROR, CUSTODY_PARSE_ERROR_INVALID,
                   _("'%s' is not valid UTF-8 text"), shown);
      return FALSE;
    }

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_control (c) && c != '\t' && c != '\n' && c != '\r')
        {
          shown = custody_text_escape_controls (text);
          g_set_error (error, CUSTODY_PARSE_ERROR, CUSTODY_PARSE_ERROR_INVALID,
                       _("'%s' contains the control character U+%04X"), shown, c);
          return FALSE;
        }
    }

  return TRUE;
}

/**
 * custody_text_escape_controls:
 *
 * @text for a terminal: control characters (ESC above all) and bytes that
 * are not UTF-8 written as \xNN or \u{NN}, so that a name cannot move the
 * cursor, retitle the window or hide what follows it. Backslashes stay as
 * they are: names rarely hold one that looks like an escape.
 *
 * Returns: (transfer full): the text to print
 */
char *
custody_text_escape_controls (const char *text)
{
  GString *out;
  const char *p = text;

  if (text == NULL)
    return NULL;

  out = g_string_sized_new (strlen (text));
  while (*p != '\0')
    {
      gunichar c = g_utf8_get_char_validated (p, -1);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          g_string_append_printf (out, "\\x%02x", (guchar) *p);
          p++;
          continue;
        }
      if (c < 0x20 || c == 0x7f)
        g_string_append_printf (out, "\\x%02x", c);
      else if (c >= 0x80 && c <= 0x9f)
        g_string_append_printf (out, "\\u{%02x}", c);
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
      p = g_utf8_next_char (p);
    }

  return g_string_free (out, FALSE);
}
