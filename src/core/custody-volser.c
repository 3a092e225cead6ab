/* custody-volser.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custody-volser"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "custody-text.h"
#include "custody-time.h"
#include "custody-volser.h"

/**
 * custody_volser_normalize:
 * @text: what was typed or scanned
 *
 * Turns a scanned or typed barcode into the form the store keys volumes
 * by: surrounding blanks trimmed, upper case, letters, digits, '-' and '_'
 * only.
 *
 * Returns: (transfer full) (nullable): the volser, or %NULL with @error set
 */
char *
custody_volser_normalize (const char  *text,
                          GError     **error)
{
  g_autofree char *volser = NULL;
  g_autofree char *shown = NULL;
  const char *p;
  gsize len;

  g_return_val_if_fail (text != NULL, NULL);

  volser = g_ascii_strup (text, -1);
  g_strstrip (volser);
  len = strlen (volser);
  shown = custody_text_escape_controls (text);

  /* The first character that is not allowed, whole: a byte of a
   * multibyte one would print as garbage. */
  if (!g_utf8_validate (volser, -1, NULL))
    {
      g_set_error (error, CUSTODY_PARSE_ERROR, CUSTODY_PARSE_ERROR_INVALID,
                   _("'%s' is not a volume label: it is not UTF-8 text"), shown);
      return NULL;
    }
  for (p = volser; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_')
        {
          g_autofree char *one = g_strndup (p, g_utf8_next_char (p) - p);
          g_autofree char *character = custody_text_escape_controls (one);

          g_set_error (error, CUSTODY_PARSE_ERROR, CUSTODY_PARSE_ERROR_INVALID,
                       _("'%s' is not a volume label: it contains '%s'"), shown, character);
          return NULL;
        }
    }

  if (len == 0 || len > CUSTODY_VOLSER_MAX)
    {
      g_set_error (error, CUSTODY_PARSE_ERROR, CUSTODY_PARSE_ERROR_INVALID,
                   _("'%s' is not a volume label (1 to %d letters and digits)"),
                   shown, CUSTODY_VOLSER_MAX);
      return NULL;
    }

  return g_steal_pointer (&volser);
}

/**
 * custody_volser_media_type:
 * @volser: a normalized LTO barcode such as A00012L9
 *
 * The LTO generation its media id names: L1-L9 data cartridges, LT-LZ WORM,
 * M8 for LTO-7 type M.
 *
 * Returns: (transfer full) (nullable): "LTO-9", or %NULL if not an LTO label
 */
char *
custody_volser_media_type (const char *volser)
{
  gsize len = strlen (volser);
  char kind, gen;

  if (len != 8)
    return NULL;

  kind = volser[6];
  gen = volser[7];

  if (kind == 'L' && gen >= '1' && gen <= '9')
    return g_strdup_printf ("LTO-%c", gen);
  if (kind == 'L' && gen >= 'T' && gen <= 'Z')
    return g_strdup_printf ("LTO-%d", 3 + (gen - 'T'));
  if (kind == 'M' && gen == '8')
    return g_strdup ("LTO-7");

  return NULL;
}

static gboolean
split_number (const char *volser,
              gsize      *prefix_len,
              gsize      *digits_len)
{
  gsize len = strlen (volser);
  gsize end = len;
  gsize start;

  /* The counter is the last run of digits before an optional LTO media id. */
  if (len == 8 && g_ascii_isalpha (volser[6]))
    end = 6;

  start = end;
  while (start > 0 && g_ascii_isdigit (volser[start - 1]))
    start--;

  if (start == end)
    return FALSE;

  *prefix_len = start;
  *digits_len = end - start;
  return TRUE;
}

/**
 * custody_volser_range:
 * @first: the first label, such as A00001L9
 * @last: the last label, such as A00120L9
 * @max: the most labels allowed
 *
 * Every label from @first to @last, counting up the digits they differ in.
 *
 * Returns: (transfer full): the labels, or %NULL with @error set
 */
GStrv
custody_volser_range (const char  *first,
                      const char  *last,
                      guint        max,
                      GError     **error)
{
  g_autofree char *a = custody_volser_normalize (first, error);
  g_autofree char *b = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  gsize a_prefix, a_digits, b_prefix, b_digits;
  guint64 from, to;

  if (a == NULL)
    return NULL;
  b = custody_volser_normalize (last, error);
  if (b == NULL)
    return NULL;

  if (strlen (a) != strlen (b) || !split_number (a, &a_prefix, &a_digits) ||
      !split_number (b, &b_prefix, &b_digits) || a_prefix != b_prefix || a_digits != b_digits ||
      strncmp (a, b, a_prefix) != 0 ||
      strcmp (a + a_prefix + a_digits, b + b_prefix + b_digits) != 0)
    {
      g_set_error (error, CUSTODY_PARSE_ERROR, CUSTODY_PARSE_ERROR_INVALID,
                   _("'%s' and '%s' do not make a range: they must differ only in their number"),
                   a, b);
      return NULL;
    }

  from = g_ascii_strtoull (a + a_prefix, NULL, 10);
  to = g_ascii_strtoull (b + b_prefix, NULL, 10);
  if (to < from || to - from >= max)
    {
      g_set_error (error, CUSTODY_PARSE_ERROR, CUSTODY_PARSE_ERROR_INVALID,
                   _("the range %s to %s must count upwards and hold at most %u labels"),
                   a, b, max);
      return NULL;
    }

  builder = g_strv_builder_new ();
  for (guint64 n = from; n <= to; n++)
    {
      g_autofree char *label = g_strdup_printf ("%.*s%0*" G_GUINT64_FORMAT "%s",
                                                (int) a_prefix, a, (int) a_digits, n,
                                                a + a_prefix + a_digits);
      g_strv_builder_add (builder, label);
    }

  return g_strv_builder_end (builder);
}
