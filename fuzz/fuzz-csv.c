/* fuzz-csv.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The RFC 4180 reader under every CSV import: each record and field of
 * any input, or an error.
 */
#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "custody-csv.h"
#include "fuzz-common.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GInputStream) input = g_memory_input_stream_new_from_data (data, size, NULL);
  g_autoptr(CustodyCsvReader) reader = custody_csv_reader_new (input);
  g_autoptr(GError) error = NULL;
  gsize total = 0;

  while (custody_csv_reader_next (reader, NULL, &error))
    {
      guint n = custody_csv_reader_get_n_fields (reader);

      for (guint i = 0; i < n; i++)
        {
          g_autofree char *quoted = custody_csv_quote (custody_csv_reader_get_field (reader, i));
          total += strlen (quoted);
        }
      total += custody_csv_reader_get_line (reader);
    }
  (void) total;
  return 0;
}
