/* fuzz-import.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One tool's output (FUZZ_FORMAT, set by the build) imported into a store
 * of its own, as `custodyctl import` does with --create: Bareos jobs. The
 * readers are fuzzed on their own too (fuzz-bareos-jobs.c, fuzz-restic.c,
 * fuzz-borg.c, fuzz-bareos-volumes.c); this one reaches what the store
 * does with what they read. The format detection that guesses a dropped
 * file's tool runs on every input too.
 */
#include "config.h"

#include "fuzz-common.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GError) error = NULL;
  CustodyImportOptions options;
  CustodyImportResult result;
  CustodyImportFormat detected;

  custody_import_detect ((const char *) data, size, &detected);

  custody_import_options_init (&options);
  options.job = "fuzz";
  options.copy = "repo";
  options.create = TRUE;
  options.time_zone = "UTC";
  options.library = "Library";
  options.shelf = "Shelf";
  custody_store_import (fuzz_get_store (), FUZZ_FORMAT, bytes, &options, &result, NULL, &error);
  custody_import_result_clear (&result);
  return 0;
}
