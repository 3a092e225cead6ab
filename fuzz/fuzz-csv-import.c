/* fuzz-csv-import.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `import jobs`, `import media` and `import executions` (the first byte
 * says which) on a store of their own: the rows' values, times, booleans
 * and volume lists, read and written or refused whole.
 */
#include "config.h"

#include <gio/gio.h>

#include "fuzz-common.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const char *kinds[] = { "jobs", "media", "executions" };
  g_autoptr(GInputStream) input = NULL;
  g_autoptr(GError) error = NULL;
  CustodyImportStats stats = { 0, };

  if (size < 1)
    return 0;
  input = g_memory_input_stream_new_from_data (data + 1, size - 1, NULL);
  custody_store_import_csv (fuzz_get_store (), kinds[data[0] % G_N_ELEMENTS (kinds)], input, &stats,
                            NULL, &error);
  return 0;
}
