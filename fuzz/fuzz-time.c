/* fuzz-time.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * TIME as --at, --started and the CSV imports read it; what parses
 * formats again.
 */
#include "config.h"

#include "custody-time.h"
#include "fuzz-common.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = fuzz_dup_text (data, size);
  gint64 t;

  if (custody_time_parse (text, &t, NULL))
    {
      g_free (custody_time_format (t));
      g_free (custody_time_format_date (t));
    }
  return 0;
}
