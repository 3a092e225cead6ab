/* fuzz-restic.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * restic's readers on their own, no store: with FUZZ_CHECK its check
 * output, else its snapshot list or backup output. Inputs the store
 * refuses before reading (a NUL, bad UTF-8) are skipped, as it does.
 */
#include "config.h"

#include "custody-restic.h"
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
    g_auto(CustodyResticCheck) check = { 0, };

    custody_restic_read_check (&text, -1, &check, NULL);
  }
#else
  {
    g_autoptr(CustodyJsonDoc) doc = custody_tool_text_parse_json (&text, CUSTODY_JSON_PARSE_MANY,
                                                                  NULL);
    g_autoptr(GArray) snapshots = custody_restic_snapshots_new ();
    g_auto(CustodyResticBackup) backup = { 0, };
    const CustodyResticFilter filter = { NULL, };
    guint left_out = 0;

    if (doc == NULL)
      return 0;
    switch (custody_restic_detect (doc))
      {
      case CUSTODY_RESTIC_SNAPSHOT_LIST:
      case CUSTODY_RESTIC_SNAPSHOT:
        custody_restic_read_snapshots (&text, doc, &filter, snapshots, &left_out, NULL);
        break;
      case CUSTODY_RESTIC_BACKUP:
        custody_restic_read_backup (&text, doc, -1, &backup, NULL);
        break;
      case CUSTODY_RESTIC_UNKNOWN:
      default:
        break;
      }
  }
#endif
  return 0;
}
