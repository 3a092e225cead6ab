/* fuzz-scan-list.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The lists `media scan` and `media reconcile` read: one scan a line,
 * each judged by the scan session (a label or not, scanned twice), or
 * the output of mtx status, which reconcile recognises. custodyctl
 * splits the lines itself (ctl_split_lines, in the CLI); the same split
 * is done here.
 */
#include "config.h"

#include "custody-mtx.h"
#include "custody-scan-session.h"
#include "fuzz-common.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = fuzz_dup_text (data, size);
  g_autoptr(CustodyScanSession) session = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) volsers = NULL;
  const char *expected[] = { "A00001L9", "A00002L9", NULL };

  if (custody_mtx_looks_like (text))
    {
      g_autoptr(CustodyMtxInventory) inventory = custody_mtx_parse (text, -1, NULL);
      return 0;
    }

  session = custody_scan_session_new (size > 0 && data[0] & 1 ? expected : NULL);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_strstrip (lines[i]);
      if (lines[i][0] != '\0')
        custody_scan_session_add (session, lines[i]);
    }
  volsers = custody_scan_session_dup_volsers (session, CUSTODY_SCAN_PENDING);
  g_strfreev (custody_scan_session_dup_not_scanned (session));
  return 0;
}
