/* test-compliance.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The 3-2-1-1-0 engine, one named situation per case. Each case is a few
 * lines of facts relative to "now", and what an auditor expects:
 *
 *   job rpo=24 verify=30             the job (defaults 24 h, 30 days)
 *   policy production=false warning=false fraction=0.1 verify-days=7
 *   copy NAME TYPE [LOCATION-KIND] [immutable] [air-gapped]
 *   run STATUS FINISHED-AGO [VOLSER@KIND[+worm]]...   e.g. run success 3h A1@offsite-vault
 *   verify passed|failed AGO [errors=N]
 *
 * and the expectation: "status=violation 3-copies=fail:2 1-offsite=fail"
 * (a rule, pass or fail, and optionally its "have"), plus an optional
 * substring that one of the reasons must contain.
 */
#include "config.h"

#include <glib.h>

#include "custody-compliance.h"
#include "custody-snapshot.h"
#include "custody-time.h"

#define NOW ((gint64) 1795600000)   /* 2026-11-25T08:26:40Z */

typedef struct
{
  const char *path;
  const char *facts;
  const char *expect;
  const char *reason;   /* NULL: no check */
} Case;

static const Case cases[] = {
  /* The healthy baseline every other case bends. */
  { "/compliance/three-copies-two-media-vault-tape-all-verified",
    "copy nas disk onsite-repo\n run success 2h\n verify passed 3d\n"
    "copy tape tape\n run success 4h T1@offsite-vault\n verify passed 3d\n",
    "status=compliant 3-copies=pass:3 2-media=pass:2 1-offsite=pass:1 1-offline=pass:1 "
    "0-errors=pass:0",
    NULL },
  { "/compliance/empty-job-has-only-production",
    "",
    "status=violation 3-copies=fail:1 2-media=fail:0 1-offsite=fail:0 1-offline=fail:0 "
    "0-errors=pass:0",
    "the job has no backup copies" },
  { "/compliance/production-not-counted-needs-three-backups",
    "policy production=false\n"
    "copy nas disk onsite-repo\n run success 2h\n verify passed 3d\n"
    "copy tape tape\n run success 4h T1@offsite-vault\n verify passed 3d\n",
    "status=violation 3-copies=fail:2",
    "production not counted" },
  { "/compliance/production-counted-by-default",
    "copy a disk onsite-repo\n run success 2h\n verify passed 1d\n"
    "copy b object-storage offsite-repo immutable\n run success 2h\n verify passed 1d\n",
    "status=compliant 3-copies=pass:3", NULL },

  /* Freshness: the RPO window. */
  { "/compliance/rpo-boundary-exactly-24h-is-fresh",
    "copy nas disk onsite-repo\n run success 24h\n verify passed 1d\n"
    "copy cloud object-storage offsite-repo immutable\n run success 1h\n verify passed 1d\n",
    "3-copies=pass:3", NULL },
  { "/compliance/rpo-boundary-one-second-late-is-stale",
    "copy nas disk onsite-repo\n run success 86401s\n verify passed 1d\n"
    "copy cloud object-storage offsite-repo immutable\n run success 1h\n verify passed 1d\n",
    "status=violation 3-copies=fail:2", "'nas': last success 24 hours ago, RPO 24 hours" },
  { "/compliance/stale-weekly-tape-named-in-reason",
    "job rpo=168\n"
    "copy nas disk onsite-repo\n run success 2h\n verify passed 1d\n"
    "copy tape-weekly tape\n run success 9d T1@offsite-vault\n verify passed 1d\n",
    "status=violation 3-copies=fail:2 1-offsite=fail:0 1-offline=fail:0",
    "'tape-weekly': last success 9 days ago, RPO 7 days" },
  { "/compliance/stale-copy-counts-for-no-rule",
    "copy nas disk onsite-repo\n run success 2h\n verify passed 1d\n"
    "copy cloud object-storage offsite-repo immutable\n run success 3d\n verify passed 1d\n",
    "2-media=fail:1 1-offsite=fail:0 1-offline=fail:0",
    "'cloud' is off-site but not valid" },
  { "/compliance/never-run-copy-is-not-valid",
    "copy nas disk onsite-repo\n run success 2h\n verify passed 1d\n"
    "copy cloud object-storage offsite-repo immutable\n",
    "status=violation 3-copies=fail:2", "'cloud': no successful run" },
  { "/compliance/future-run-is-ignored",
    "copy nas disk onsite-repo\n run success -2h\n",
    "3-copies=fail:1 0-errors=pass:0", "'nas': no successful run" },

  /* Failed and running executions. */
  { "/compliance/failed-latest-run-with-older-good-one-is-valid-but-an-error",
    "copy nas disk onsite-repo\n run success 20h\n run failed 2h\n verify passed 1d\n"
    "copy cloud object-storage offsite-repo immutable\n run success 2h\n verify passed 1d\n",
    "status=violation 3-copies=pass:3 0-errors=fail:1", "'nas': latest run failed" },
  { "/compliance/failed-run-then-success-is-no-error",
    "copy nas disk onsite-repo\n run failed 5h\n run success 2h\n verify passed 1d\n"
    "copy cloud object-storage offsite-repo immutable\n run success 2h\n verify passed 1d\n",
    "status=compliant 0-errors=pass:0", NULL },
  { "/compliance/failed-run-dated-to-the-same-second-as-a-success-is-the-latest",
    "copy nas disk onsite-repo\n run success 2h\n run failed 2h\n verify passed 1d\n"
    "copy cloud object-storage offsite-repo immutable\n run success 2h\n verify passed 1d\n",
    "status=violation 0-errors=fail:1", "'nas': latest run failed" },
  { "/compliance/failed-run-dated-like-a-success-listed-after-it-is-the-latest",
    "copy nas disk onsite-repo\n run failed 2h\n run success 2h\n verify passed 1d\n"
    "copy cloud object-storage offsite-repo immutable\n run success 2h\n verify passed 1d\n",
    "status=violation 0-errors=fail:1", "'nas': latest run failed" },
  { "/compliance/only-failed-runs-is-an-error-and-no-copy",
    "copy nas disk onsite-repo\n run failed 2h\n"
    "copy cloud object-storage offsite-repo immutable\n run success 2h\n verify passed 1d\n",
    "3-copies=fail:2 0-errors=fail:1", "'nas': latest run failed" },
  { "/compliance/running-execution-is-ignored-until-finished",
    "copy nas disk onsite-repo\n run success 3h\n run running 1h\n verify passed 1d\n"
    "copy cloud object-storage offsite-repo immutable\n run success 2h\n verify passed 1d\n",
    "status=compliant 3-copies=pass:3 0-errors=pass:0", NULL },
  { "/compliance/only-running-execution-is-no-copy",
    "copy nas disk onsite-repo\n run running 1h\n",
    "3-copies=fail:1 0-errors=pass:0", "'nas': no successful run" },
  { "/compliance/warning-counts-as-success-by-default",
    "copy nas disk onsite-repo\n run warning 2h\n verify passed 1d\n"
    "copy cloud object-storage offsite-repo immutable\n run success 2h\n verify passed 1d\n",
    "status=compliant 3-copies=pass:3", NULL },
  { "/compliance/warning-does-not-count-when-policy-says-so",
    "policy warning=false\n"
    "copy nas disk onsite-repo\n run warning 2h\n verify passed 1d\n"
    "copy cloud object-storage offsite-repo immutable\n run success 2h\n verify passed 1d\n",
    "status=violation 3-copies=fail:2 0-errors=pass:0", "'nas': no successful run" },
  { "/compliance/older-success-behind-newer-warning-when-warnings-do-not-count",
    "policy warning=false\n"
    "copy nas disk onsite-repo\n run success 10h\n run warning 2h\n verify passed 1d\n"
    "copy cloud object-storage offsite-repo immutable\n run success 2h\n verify passed 1d\n",
    "status=compliant 3-copies=pass:3", NULL },

  /* Media types. */
  { "/compliance/two-disk-copies-are-one-media-type",
    "copy nas disk onsite-repo\n run success 2h\n verify passed 1d\n"
    "copy nas2 disk offsite-repo air-gapped\n run success 2h\n verify passed 1d\n",
    "status=violation 2-media=fail:1", "every valid copy is on disk" },
  { "/compliance/stale-second-media-type-does-not-count",
    "copy nas disk onsite-repo\n run success 2h\n verify passed 1d\n"
    "copy usb removable-disk\n run success 5d U1@offsite-vault\n verify passed 1d\n"
    "copy nas2 disk offsite-repo immutable\n run success 2h\n verify passed 1d\n",
    "status=violation 2-media=fail:1", NULL },

  /* Where media are: every volume of the latest restore point decides. */
  { "/compliance/restore-point-on-three-tapes-one-still-in-library",
    "copy nas disk onsite-repo\n run success 2h\n verify passed 1d\n"
    "copy tape tape\n run success 3h T1@offsite-vault T2@offsite-vault T3@library\n"
    " verify passed 1d\n",
    "status=violation 1-offsite=fail:0 1-offline=fail:0",
    "'tape': volume T3 is in 'library' (library)" },
  { "/compliance/restore-point-on-three-tapes-all-in-vault",
    "copy nas disk onsite-repo\n run success 2h\n verify passed 1d\n"
    "copy tape tape\n run success 3h T1@offsite-vault T2@offsite-vault T3@offsite-vault\n"
    " verify passed 1d\n",
    "status=compliant 1-offsite=pass:1 1-offline=pass:1", NULL },
  { "/compliance/tape-in-transit-is-offline-not-offsite",
    "copy nas disk onsite-repo\n run success 2h\n verify passed 1d\n"
    "copy tape tape\n run success 3h T1@transit\n verify passed 1d\n",
    "status=violation 1-offsite=fail:0 1-offline=pass:1",
    "'tape': volume T1 is in 'transit' (transit)" },
  { "/compliance/tape-in-library-is-neither-offline-nor-offsite",
    "copy nas disk onsite-repo\n run success 2h\n verify passed 1d\n"
    "copy tape tape\n run success 3h T1@library\n verify passed 1d\n",
    "1-offsite=fail:0 1-offline=fail:0", NULL },
  { "/compliance/tape-on-onsite-shelf-is-offline-not-offsite",
    "copy nas disk onsite-repo\n run success 2h\n verify passed 1d\n"
    "copy tape tape\n run success 3h T1@onsite-shelf\n verify passed 1d\n",
    "1-offsite=fail:0 1-offline=pass:1", NULL },
  { "/compliance/older-restore-point-in-vault-does-not-help-newer-one-in-library",
    "copy nas disk onsite-repo\n run success 2h\n verify passed 1d\n"
    "copy tape tape\n run success 30h T0@offsite-vault\n run success 3h T1@library\n"
    " verify passed 1d\n",
    "job rpo=48\n1-offsite=fail:0 1-offline=fail:0", NULL },
  { "/compliance/failed-run-on-a-library-tape-leaves-vault-restore-point",
    "copy nas disk onsite-repo\n run success 2h\n verify passed 1d\n"
    "copy tape tape\n run success 20h T0@offsite-vault\n run failed 3h\n verify passed 1d\n",
    "3-copies=pass:3 1-offsite=pass:1 1-offline=pass:1 0-errors=fail:1", NULL },
  { "/compliance/destroyed-volume-makes-no-copy",
    "copy nas disk onsite-repo\n run success 2h\n verify passed 1d\n"
    "copy tape tape\n run success 3h T1@offsite-vault T2@destroyed\n verify passed 1d\n",
    "status=violation 3-copies=fail:2 1-offsite=fail:0", "'tape': volume T2 is destroyed" },
  { "/compliance/volume-without-location-is-not-offsite",
    "copy nas disk onsite-repo\n run success 2h\n verify passed 1d\n"
    "copy tape tape\n run success 3h T1@none\n verify passed 1d\n",
    "1-offsite=fail:0 1-offline=fail:0", "volume T1 has no recorded location" },
  { "/compliance/worm-tape-in-library-is-immutable",
    "copy nas disk onsite-repo\n run success 2h\n verify passed 1d\n"
    "copy tape tape\n run success 3h W1@library+worm\n verify passed 1d\n"
    "copy cloud object-storage offsite-repo\n run success 2h\n verify passed 1d\n",
    "status=compliant 1-offline=pass:1", NULL },
  { "/compliance/restore-point-half-on-worm-is-not-immutable",
    "copy nas disk onsite-repo\n run success 2h\n verify passed 1d\n"
    "copy tape tape\n run success 3h W1@library+worm T2@library\n verify passed 1d\n"
    "copy cloud object-storage offsite-repo\n run success 2h\n verify passed 1d\n",
    "1-offline=fail:0", NULL },
  { "/compliance/air-gapped-flag-does-not-take-a-tape-out-of-the-library",
    "copy nas disk onsite-repo\n run success 2h\n verify passed 1d\n"
    "copy tape tape air-gapped\n run success 3h T1@library\n verify passed 1d\n",
    "1-offline=fail:0", NULL },
  { "/compliance/media-copy-without-volumes-falls-back-to-its-location",
    "copy nas disk onsite-repo\n run success 2h\n verify passed 1d\n"
    "copy rdx removable-disk offsite-vault\n run success 3h\n verify passed 1d\n",
    "status=compliant 1-offsite=pass:1 1-offline=pass:1", NULL },
  { "/compliance/media-copy-without-volumes-or-location-is-onsite",
    "copy nas disk onsite-repo\n run success 2h\n verify passed 1d\n"
    "copy rdx removable-disk\n run success 3h\n verify passed 1d\n",
    "1-offsite=fail:0 1-offline=fail:0", "no volumes recorded for the latest restore point" },

  /* Repositories. */
  { "/compliance/immutable-object-storage-offsite-is-offsite-and-offline",
    "copy nas disk onsite-repo\n run success 2h\n verify passed 1d\n"
    "copy cloud object-storage offsite-repo immutable\n run success 2h\n verify passed 1d\n",
    "status=compliant 1-offsite=pass:1 1-offline=pass:1", NULL },
  { "/compliance/mutable-object-storage-is-online",
    "copy nas disk onsite-repo\n run success 2h\n verify passed 1d\n"
    "copy cloud object-storage offsite-repo\n run success 2h\n verify passed 1d\n",
    "status=violation 1-offsite=pass:1 1-offline=fail:0",
    "'cloud': online repository, neither immutable nor air-gapped" },
  { "/compliance/air-gapped-disk-repository-is-offline",
    "copy nas disk onsite-repo\n run success 2h\n verify passed 1d\n"
    "copy vault-nas disk offsite-repo air-gapped\n run success 2h\n verify passed 1d\n"
    "copy cloud object-storage offsite-repo\n run success 2h\n verify passed 1d\n",
    "status=compliant 1-offline=pass:1", NULL },
  { "/compliance/repository-without-location-is-onsite",
    "copy nas disk onsite-repo\n run success 2h\n verify passed 1d\n"
    "copy cloud object-storage immutable\n run success 2h\n verify passed 1d\n",
    "1-offsite=fail:0 1-offline=pass:1", "'cloud': no location recorded: counted as on-site" },
  { "/compliance/repository-at-destroyed-location-is-no-copy",
    "copy nas disk onsite-repo\n run success 2h\n verify passed 1d\n"
    "copy cloud object-storage destroyed immutable\n run success 2h\n verify passed 1d\n",
    "3-copies=fail:2", "is destroyed" },

  /* Verifications. */
  { "/compliance/never-verified-valid-copy-is-an-error",
    "copy nas disk onsite-repo\n run success 2h\n"
    "copy cloud object-storage offsite-repo immutable\n run success 2h\n verify passed 1d\n",
    "status=violation 0-errors=fail:1", "'nas': never verified (window 30 days)" },
  { "/compliance/verification-window-boundary-30-days-is-inside",
    "copy nas disk onsite-repo\n run success 2h\n verify passed 30d\n"
    "copy cloud object-storage offsite-repo immutable\n run success 2h\n verify passed 1d\n",
    "0-errors=pass:0 status=at-risk", NULL },
  { "/compliance/verification-one-second-past-window-is-overdue",
    "copy nas disk onsite-repo\n run success 2h\n verify passed 2592001s\n"
    "copy cloud object-storage offsite-repo immutable\n run success 2h\n verify passed 1d\n",
    "0-errors=fail:1", "'nas': last verification 30 days ago, window 30 days" },
  { "/compliance/verification-with-errors",
    "copy nas disk onsite-repo\n run success 2h\n verify passed 1d errors=3\n"
    "copy cloud object-storage offsite-repo immutable\n run success 2h\n verify passed 1d\n",
    "status=violation 0-errors=fail:1", "'nas': latest verification found 3 errors" },
  { "/compliance/failed-verification-after-a-passed-one",
    "copy nas disk onsite-repo\n run success 2h\n verify passed 5d\n verify failed 1d\n"
    "copy cloud object-storage offsite-repo immutable\n run success 2h\n verify passed 1d\n",
    "0-errors=fail:1", "'nas': latest verification failed" },
  { "/compliance/passed-verification-after-a-failed-one",
    "copy nas disk onsite-repo\n run success 2h\n verify failed 5d\n verify passed 1d\n"
    "copy cloud object-storage offsite-repo immutable\n run success 2h\n verify passed 1d\n",
    "status=compliant 0-errors=pass:0", NULL },
  { "/compliance/stale-copy-needs-no-verification",
    "copy nas disk onsite-repo\n run success 2h\n verify passed 1d\n"
    "copy old disk onsite-repo\n run success 9d\n"
    "copy cloud object-storage offsite-repo immutable\n run success 2h\n verify passed 1d\n",
    "status=compliant 0-errors=pass:0", NULL },
  { "/compliance/errors-add-up-across-copies",
    "copy nas disk onsite-repo\n run success 20h\n run failed 1h\n"
    "copy cloud object-storage offsite-repo immutable\n run success 2h\n verify failed 1d\n",
    "0-errors=fail:3", NULL },
  { "/compliance/future-verification-is-ignored",
    "copy nas disk onsite-repo\n run success 2h\n verify passed -1d\n"
    "copy cloud object-storage offsite-repo immutable\n run success 2h\n verify passed 1d\n",
    "0-errors=fail:1", "'nas': never verified" },

  /* At risk: passes now, fails soon. */
  { "/compliance/at-risk-less-than-a-tenth-of-rpo-left",
    "copy nas disk onsite-repo\n run success 22h\n verify passed 1d\n"
    "copy cloud object-storage offsite-repo immutable\n run success 2h\n verify passed 1d\n",
    "status=at-risk 3-copies=pass:3", "'nas': valid for another 2 hours only" },
  { "/compliance/not-at-risk-with-exactly-a-tenth-left",
    "job rpo=10\n"
    "copy nas disk onsite-repo\n run success 9h\n verify passed 1d\n"
    "copy cloud object-storage offsite-repo immutable\n run success 2h\n verify passed 1d\n",
    "status=compliant", NULL },
  { "/compliance/at-risk-verification-expires-within-7-days",
    "copy nas disk onsite-repo\n run success 2h\n verify passed 25d\n"
    "copy cloud object-storage offsite-repo immutable\n run success 2h\n verify passed 1d\n",
    "status=at-risk 0-errors=pass:0", "'nas': its verification expires in 5 days" },
  { "/compliance/at-risk-threshold-follows-policy",
    "policy verify-days=3\n"
    "copy nas disk onsite-repo\n run success 2h\n verify passed 25d\n"
    "copy cloud object-storage offsite-repo immutable\n run success 2h\n verify passed 1d\n",
    "status=compliant", NULL },
  { "/compliance/violation-wins-over-at-risk",
    "copy nas disk onsite-repo\n run success 22h\n"
    "copy cloud object-storage offsite-repo immutable\n run success 2h\n verify passed 1d\n",
    "status=violation 0-errors=fail:1", NULL },
};

/*
 * The little language of the cases
 */

typedef struct
{
  CustodySnapshot *snapshot;
  CustodyPolicy    policy;
  gint64           rpo_hours;
  gint64           verify_days;
  gboolean         job_added;
  GPtrArray       *lines;
} Builder;

static gint64
parse_ago (const char *text)
{
  char *end = NULL;
  gint64 n = g_ascii_strtoll (text, &end, 10);

  g_assert_true (end != text);
  switch (*end)
    {
    case 's':
      return n;
    case 'm':
      return n * 60;
    case 'h':
      return n * 3600;
    case 'd':
      return n * 86400;
    default:
      g_error ("bad duration '%s'", text);
    }
}

static void
ensure_job (Builder *b)
{
  if (!b->job_added)
    {
      custody_snapshot_add_job (b->snapshot, "job", b->rpo_hours, b->verify_days);
      b->job_added = TRUE;
    }
}

static void
parse_line (Builder    *b,
            const char *line)
{
  g_auto(GStrv) w = g_strsplit_set (g_strstrip ((char *) line), " ", -1);

  if (w[0] == NULL || w[0][0] == '\0')
    return;

  if (g_str_equal (w[0], "job"))
    {
      g_assert_false (b->job_added);
      for (guint i = 1; w[i] != NULL; i++)
        {
          if (g_str_has_prefix (w[i], "rpo="))
            b->rpo_hours = g_ascii_strtoll (w[i] + 4, NULL, 10);
          else if (g_str_has_prefix (w[i], "verify="))
            b->verify_days = g_ascii_strtoll (w[i] + 7, NULL, 10);
        }
    }
  else if (g_str_equal (w[0], "policy"))
    {
      for (guint i = 1; w[i] != NULL; i++)
        {
          if (g_str_equal (w[i], "production=false"))
            b->policy.production_counts = FALSE;
          else if (g_str_equal (w[i], "warning=false"))
            b->policy.warning_counts = FALSE;
          else if (g_str_has_prefix (w[i], "verify-days="))
            b->policy.at_risk_verify_days = (int) g_ascii_strtoll (w[i] + 12, NULL, 10);
          else
            g_error ("bad policy '%s'", w[i]);
        }
    }
  else if (g_str_equal (w[0], "copy"))
    {
      CustodyMediaType type;
      CustodyLocationKind kind = CUSTODY_LOCATION_NONE;
      gboolean immutable = FALSE, air_gapped = FALSE;

      ensure_job (b);
      g_assert_true (custody_media_type_from_string (w[2], &type));
      for (guint i = 3; w[i] != NULL; i++)
        {
          if (g_str_equal (w[i], "immutable"))
            immutable = TRUE;
          else if (g_str_equal (w[i], "air-gapped"))
            air_gapped = TRUE;
          else
            g_assert_true (custody_location_kind_from_string (w[i], &kind));
        }
      custody_snapshot_add_copy (b->snapshot, w[1], type,
                                 kind != CUSTODY_LOCATION_NONE ? w[3] : NULL, kind,
                                 immutable, air_gapped);
    }
  else if (g_str_equal (w[0], "run"))
    {
      CustodyRunStatus status;
      gint64 finished;

      g_assert_true (custody_run_status_from_string (w[1], &status));
      finished = NOW - parse_ago (w[2]);
      custody_snapshot_add_run (b->snapshot, finished - 3600,
                                status == CUSTODY_RUN_RUNNING ? CUSTODY_TIME_NONE : finished,
                                status);
      for (guint i = 3; w[i] != NULL; i++)
        {
          g_auto(GStrv) vol = g_strsplit_set (w[i], "@+", -1);
          CustodyLocationKind kind = CUSTODY_LOCATION_NONE;
          gboolean worm = vol[2] != NULL && g_str_equal (vol[2], "worm");

          if (!g_str_equal (vol[1], "none"))
            g_assert_true (custody_location_kind_from_string (vol[1], &kind));
          custody_snapshot_add_volume (b->snapshot, vol[0],
                                       kind != CUSTODY_LOCATION_NONE ? vol[1] : NULL, kind, worm);
        }
    }
  else if (g_str_equal (w[0], "verify"))
    {
      gint64 errors = 0;

      if (w[3] != NULL && g_str_has_prefix (w[3], "errors="))
        errors = g_ascii_strtoll (w[3] + 7, NULL, 10);
      custody_snapshot_add_verification (b->snapshot, NOW - parse_ago (w[2]),
                                         g_str_equal (w[1], "passed"), errors);
    }
  else
    g_error ("bad line '%s'", line);
}

static gboolean
any_reason_contains (CustodyVerdict *v,
                     const char     *needle)
{
  for (guint r = 0; r < CUSTODY_N_RULES; r++)
    for (guint i = 0; i < v->rules[r].reasons->len; i++)
      if (strstr (g_ptr_array_index (v->rules[r].reasons, i), needle) != NULL)
        return TRUE;
  for (guint i = 0; i < v->risks->len; i++)
    if (strstr (g_ptr_array_index (v->risks, i), needle) != NULL)
      return TRUE;
  for (guint c = 0; c < v->n_copies; c++)
    for (guint i = 0; i < v->copies[c].reasons->len; i++)
      if (strstr (g_ptr_array_index (v->copies[c].reasons, i), needle) != NULL)
        return TRUE;
  return FALSE;
}

static void
dump_verdict (CustodyVerdict *v)
{
  g_test_message ("status %s", custody_status_to_string (v->status));
  for (guint r = 0; r < CUSTODY_N_RULES; r++)
    {
      g_test_message ("  %s %s %" G_GINT64_FORMAT "/%" G_GINT64_FORMAT, custody_rule_to_string (r),
                      v->rules[r].pass ? "pass" : "fail", v->rules[r].have, v->rules[r].need);
      for (guint i = 0; i < v->rules[r].reasons->len; i++)
        g_test_message ("    %s", (const char *) g_ptr_array_index (v->rules[r].reasons, i));
    }
  for (guint i = 0; i < v->risks->len; i++)
    g_test_message ("  risk: %s", (const char *) g_ptr_array_index (v->risks, i));
}

static void
test_case (gconstpointer data)
{
  const Case *c = data;
  g_autoptr(CustodySnapshot) snapshot = custody_snapshot_new (NOW);
  g_autoptr(CustodyVerdict) verdict = NULL;
  g_auto(GStrv) lines = g_strsplit (c->facts, "\n", -1);
  g_auto(GStrv) expects = NULL;
  Builder b = { snapshot, { 0, }, 24, 30, FALSE, NULL };
  g_autofree char *expect_text = g_strdup (c->expect);
  char *newline;

  custody_policy_init_defaults (&b.policy);

  /* An expectation may start with a "job ..." line of its own. */
  newline = strchr (expect_text, '\n');
  if (newline != NULL)
    {
      *newline = '\0';
      parse_line (&b, expect_text);
      expects = g_strsplit (newline + 1, " ", -1);
    }
  else
    expects = g_strsplit (expect_text, " ", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    parse_line (&b, lines[i]);
  ensure_job (&b);
  custody_snapshot_seal (snapshot);

  verdict = custody_compliance_evaluate (custody_snapshot_get_job (snapshot, 0), &b.policy, NOW);
  dump_verdict (verdict);

  for (guint i = 0; expects[i] != NULL; i++)
    {
      g_auto(GStrv) kv = g_strsplit (expects[i], "=", 2);

      if (g_str_equal (kv[0], "status"))
        g_assert_cmpstr (custody_status_to_string (verdict->status), ==, kv[1]);
      else
        {
          g_auto(GStrv) pass_have = g_strsplit (kv[1], ":", 2);
          gboolean found = FALSE;

          for (guint r = 0; r < CUSTODY_N_RULES; r++)
            {
              if (!g_str_equal (custody_rule_to_string (r), kv[0]))
                continue;
              found = TRUE;
              g_assert_cmpstr (verdict->rules[r].pass ? "pass" : "fail", ==, pass_have[0]);
              if (pass_have[1] != NULL)
                g_assert_cmpint (verdict->rules[r].have, ==,
                                 g_ascii_strtoll (pass_have[1], NULL, 10));
            }
          g_assert_true (found);
        }
    }

  if (c->reason != NULL)
    {
      if (!any_reason_contains (verdict, c->reason))
        g_test_message ("no reason contains \"%s\"", c->reason);
      g_assert_true (any_reason_contains (verdict, c->reason));
    }

  /* Time alone changes nothing before stable_until: the verdict a second
   * before it is the verdict now. */
  g_assert_cmpint (verdict->stable_until, >, NOW);
  if (verdict->stable_until != G_MAXINT64)
    {
      g_autoptr(CustodyVerdict) later =
        custody_compliance_evaluate (custody_snapshot_get_job (snapshot, 0), &b.policy,
                                     verdict->stable_until - 1);

      g_assert_cmpint (later->status, ==, verdict->status);
      for (guint r = 0; r < CUSTODY_N_RULES; r++)
        {
          g_assert_cmpint (later->rules[r].pass, ==, verdict->rules[r].pass);
          g_assert_cmpint (later->rules[r].have, ==, verdict->rules[r].have);
        }
    }

  /* A failing rule always says why; a passing one never needs to. */
  for (guint r = 0; r < CUSTODY_N_RULES; r++)
    {
      if (!verdict->rules[r].pass)
        g_assert_cmpuint (verdict->rules[r].reasons->len, >, 0);
      else
        g_assert_cmpuint (verdict->rules[r].reasons->len, ==, 0);
    }
}

/* The verdict of a snapshot does not depend on facts dated after "now":
 * replaying at a past moment equals evaluating the past. */
static void
test_time_travel_ignores_later_facts (void)
{
  g_autoptr(CustodySnapshot) full = custody_snapshot_new (NOW - 3 * 86400);
  g_autoptr(CustodySnapshot) past = custody_snapshot_new (NOW - 3 * 86400);
  g_autoptr(GPtrArray) a = NULL;
  g_autoptr(GPtrArray) b = NULL;
  CustodyPolicy policy;
  CustodyVerdict *va, *vb;

  custody_policy_init_defaults (&policy);

  for (guint i = 0; i < 2; i++)
    {
      CustodySnapshot *s = i == 0 ? full : past;

      custody_snapshot_add_job (s, "job", 24, 30);
      custody_snapshot_add_copy (s, "nas", CUSTODY_MEDIA_TYPE_DISK, "NAS",
                                 CUSTODY_LOCATION_ONSITE_REPO, FALSE, FALSE);
      custody_snapshot_add_run (s, NOW - 4 * 86400, NOW - 4 * 86400 + 60, CUSTODY_RUN_FAILED);
      custody_snapshot_add_verification (s, NOW - 10 * 86400, TRUE, 0);
      if (i == 0)
        {
          /* Later than the moment judged: must change nothing. */
          custody_snapshot_add_run (s, NOW - 86400, NOW - 86400 + 60, CUSTODY_RUN_SUCCESS);
          custody_snapshot_add_verification (s, NOW - 3600, FALSE, 7);
        }
    }

  a = custody_snapshot_evaluate (full, &policy);
  b = custody_snapshot_evaluate (past, &policy);
  va = g_ptr_array_index (a, 0);
  vb = g_ptr_array_index (b, 0);

  g_assert_cmpint (va->status, ==, vb->status);
  for (guint r = 0; r < CUSTODY_N_RULES; r++)
    {
      g_assert_cmpint (va->rules[r].pass, ==, vb->rules[r].pass);
      g_assert_cmpint (va->rules[r].have, ==, vb->rules[r].have);
    }
  g_assert_cmpint (va->rules[CUSTODY_RULE_0_ERRORS].have, ==, 1);
  g_assert_false (va->copies[0].valid);
}

/* Copies report what each rule saw, for the app's detail pane. */
static void
test_copy_verdicts_describe_each_copy (void)
{
  g_autoptr(CustodySnapshot) s = custody_snapshot_new (NOW);
  g_autoptr(GPtrArray) verdicts = NULL;
  CustodyVerdict *v;
  CustodyPolicy policy;

  custody_policy_init_defaults (&policy);
  custody_snapshot_add_job (s, "job", 24, 30);
  custody_snapshot_add_copy (s, "tape", CUSTODY_MEDIA_TYPE_TAPE, NULL, CUSTODY_LOCATION_NONE, FALSE,
                             FALSE);
  custody_snapshot_add_run (s, NOW - 7200, NOW - 3600, CUSTODY_RUN_SUCCESS);
  custody_snapshot_add_volume (s, "A00001L9", "Courier", CUSTODY_LOCATION_TRANSIT, FALSE);

  verdicts = custody_snapshot_evaluate (s, &policy);
  v = g_ptr_array_index (verdicts, 0);

  g_assert_cmpuint (v->n_copies, ==, 1);
  g_assert_true (v->copies[0].valid);
  g_assert_false (v->copies[0].offsite);
  g_assert_true (v->copies[0].offline);
  g_assert_false (v->copies[0].immutable);
  g_assert_cmpint (v->copies[0].last_success, ==, NOW - 3600);
  g_assert_cmpint (v->copies[0].valid_until, ==, NOW - 3600 + 24 * 3600);
  g_assert_cmpint (v->copies[0].verification, ==, CUSTODY_VERIFICATION_MISSING);
  /* The copy is at risk 10% of its RPO before it goes stale. */
  g_assert_cmpint (v->stable_until, ==, NOW - 3600 + (gint64) (24 * 3600 * 0.9) + 1);
  g_assert_cmpstr (g_ptr_array_index (v->copies[0].reasons, 0), ==,
                   "volume A00001L9 is in 'Courier' (transit)");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_test_add_data_func (cases[i].path, &cases[i], test_case);

  g_test_add_func ("/compliance/time-travel-ignores-later-facts",
                   test_time_travel_ignores_later_facts);
  g_test_add_func ("/compliance/copy-verdicts-describe-each-copy",
                   test_copy_verdicts_describe_each_copy);

  return g_test_run ();
}
