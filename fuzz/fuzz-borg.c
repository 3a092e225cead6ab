/* fuzz-borg.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * borg's readers on their own, no store: with FUZZ_CHECK its check
 * output, else its archive lists and create output, with and without
 * --glob-archives. Inputs the store refuses before reading (a NUL, bad
 * UTF-8) are skipped, as it does.
 */
#include "config.h"

#include "custody-borg.h"
#include "custody-text.h"
#include "fuzz-common.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  CustodyToolText text = { size > 0 ? (const char *) data : "", size, utc, FALSE, NULL };

  if (size > 0 && !custody_text_validate (text.data, size, NULL))
    return 0;

#ifdef FUZZ_CHECK
  {
    g_auto(CustodyBorgCheck) check = { 0, };

    custody_borg_read_check (&text, -1, &check, NULL);
  }
#else
  {
    g_autoptr(CustodyJsonDoc) doc = custody_tool_text_parse_json (&text, CUSTODY_JSON_PARSE_MANY,
                                                                  NULL);
    g_autoptr(GArray) archives = custody_borg_archives_new ();
    g_autofree char *repository_id = NULL;
    guint left_out = 0;

    if (doc == NULL)
      return 0;
    if (!custody_borg_read_repository (&text, doc, -1, &repository_id, NULL))
      return 0;
    custody_borg_read_archives (&text, doc, -1, NULL, archives, &left_out, NULL);
    custody_borg_read_archives (&text, doc, 1, "sh:ws-*", archives, &left_out, NULL);
  }
#endif
  return 0;
}
