/* fuzz-bareos-volumes.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Bareos' volume listings read on their own, no store: JSON (.api 2) or
 * the text tables of api mode 0. Inputs the store refuses before reading
 * (a NUL, bad UTF-8) are skipped, as it does.
 */
#include "config.h"

#include "custody-bareos.h"
#include "custody-text.h"
#include "fuzz-common.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  CustodyToolText text = { size > 0 ? (const char *) data : "", size, utc, FALSE, NULL };
  g_autoptr(GArray) volumes = custody_bareos_volumes_new ();

  if (size > 0 && !custody_text_validate (text.data, size, NULL))
    return 0;

  custody_bareos_read_volumes (&text, volumes, NULL);
  return 0;
}
