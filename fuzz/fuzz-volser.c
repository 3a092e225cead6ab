/* fuzz-volser.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Volume serials as scanned or typed: one normalized, and a range
 * FIRST-LAST (split at the first newline) expanded.
 */
#include "config.h"

#include <string.h>

#include "custody-volser.h"
#include "fuzz-common.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = fuzz_dup_text (data, size);
  g_autofree char *volser = custody_volser_normalize (text, NULL);
  char *newline = strchr (text, '\n');

  if (volser != NULL)
    g_free (custody_volser_media_type (volser));
  if (newline != NULL)
    {
      g_auto(GStrv) range = NULL;

      *newline = '\0';
      range = custody_volser_range (text, newline + 1, 1000, NULL);
    }
  return 0;
}
