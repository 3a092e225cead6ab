/* custody-input.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custody-input"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "custody-input.h"
#include "custody-text.h"
#include "custody-time.h"

#define CHUNK (64 * 1024)

/**
 * custody_input_read_text:
 * @input: a file, a pipe, standard input
 * @limit: the most bytes it may hold
 *
 * Reads a whole text input into memory, and stops as soon as it holds
 * more than @limit bytes rather than after reading it all: a stream that
 * never ends costs @limit, not the machine. The text is then checked
 * whole (custody_text_validate ()): no NUL, valid UTF-8.
 *
 * Returns: (transfer full) (nullable): the text, its size without the NUL
 *   kept after it for readers that want a C string
 */
GBytes *
custody_input_read_text (GInputStream  *input,
                         gsize          limit,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autoptr(GByteArray) data = g_byte_array_new ();
  gsize length;

  g_return_val_if_fail (G_IS_INPUT_STREAM (input), NULL);

  for (;;)
    {
      gsize room = MIN ((gsize) CHUNK, limit + 1 - data->len);
      gssize n;

      g_byte_array_set_size (data, data->len + room);
      n = g_input_stream_read (input, data->data + data->len - room, room, cancellable, error);
      if (n < 0)
        return NULL;
      g_byte_array_set_size (data, data->len - room + (gsize) n);
      if (n == 0)
        break;
      if (data->len > limit)
        {
          g_autofree char *size = g_format_size_full (limit, G_FORMAT_SIZE_IEC_UNITS);

          g_set_error (error, CUSTODY_PARSE_ERROR, CUSTODY_PARSE_ERROR_INVALID,
                       _("the input is larger than %s"), size);
          return NULL;
        }
    }

  if (!custody_text_validate ((const char *) data->data, data->len, error))
    return NULL;

  length = data->len;
  g_byte_array_append (data, (const guint8 *) "", 1);
  return g_bytes_new_with_free_func (g_byte_array_free (g_steal_pointer (&data), FALSE), length,
                                     g_free, NULL);
}
