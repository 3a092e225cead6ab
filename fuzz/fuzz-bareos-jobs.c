/* fuzz-bareos-jobs.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Bareos' lists of jobs and jobmedia rows read on their own, no store
 * (fuzz-import-bareos-jobs takes them on to one). Inputs the store refuses
 * before reading (a NUL, bad UTF-8) are read too: the JSON reader refuses
 * them itself.
 */
#include "config.h"

#include "custody-bareos.h"
#include "fuzz-common.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  CustodyToolText text = { size > 0 ? (const char *) data : "", size, utc, FALSE, NULL };
  g_auto(CustodyBareosJobs) jobs = { 0, };

  if (custody_bareos_read_jobs (&text, &jobs, NULL))
    {
      /* What the store relies on. */
      for (guint i = 0; i < jobs.jobs->len; i++)
        {
          const CustodyBareosJob *job = &g_array_index (jobs.jobs, CustodyBareosJob, i);

          g_assert (job->offset < size);
          g_assert (job->kind == CUSTODY_BAREOS_JOB_SKIPPED ||
                    (job->name != NULL && job->message != NULL));
          g_assert (job->kind != CUSTODY_BAREOS_JOB_RUN || job->running ||
                    job->finished >= job->started);
        }
      for (guint i = 0; i < jobs.media->len; i++)
        g_assert (g_array_index (jobs.media, CustodyBareosJobMedia, i).volser != NULL);
    }
  return 0;
}
