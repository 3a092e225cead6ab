/* custody-store-test-utils.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "custody-store-test-utils.h"

void
custody_test_add_location (CustodyStore        *store,
                           const char          *name,
                           CustodyLocationKind  kind)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (custody_store_add_location (store, name, kind, &error));
  g_assert_no_error (error);
}

void
custody_test_add_job_full (CustodyStore *store,
                           const char   *name,
                           const char   *owner,
                           gint64        rpo_hours,
                           gint64        verify_days)
{
  g_autoptr(CustodyJob) job = custody_job_new ();
  g_autoptr(GError) error = NULL;

  job->name = g_strdup (name);
  if (owner != NULL)
    {
      g_free (job->owner);
      job->owner = g_strdup (owner);
    }
  job->rpo_hours = rpo_hours;
  job->verify_days = verify_days;
  g_assert_true (custody_store_add_job (store, job, &error));
  g_assert_no_error (error);
}

void
custody_test_add_job (CustodyStore *store,
                      const char   *name)
{
  g_autoptr(CustodyJob) defaults = custody_job_new ();

  custody_test_add_job_full (store, name, NULL, defaults->rpo_hours, defaults->verify_days);
}

void
custody_test_add_copy (CustodyStore     *store,
                       const char       *job,
                       const char       *name,
                       CustodyMediaType  type,
                       const char       *location,
                       gboolean          immutable)
{
  g_autoptr(CustodyCopy) copy = custody_copy_new ();
  g_autoptr(GError) error = NULL;

  copy->job = g_strdup (job);
  copy->name = g_strdup (name);
  copy->media_type = type;
  copy->location = g_strdup (location);
  copy->immutable = immutable;
  g_assert_true (custody_store_add_copy (store, copy, &error));
  g_assert_no_error (error);
}

void
custody_test_add_disk_copy (CustodyStore *store,
                            const char   *job,
                            const char   *name)
{
  custody_test_add_copy (store, job, name, CUSTODY_MEDIA_TYPE_DISK, NULL, FALSE);
}

void
custody_test_add_medium (CustodyStore        *store,
                         const char          *volser,
                         const char          *pool,
                         CustodyMediumStatus  status,
                         gint64               retention_until,
                         const char          *location)
{
  g_autoptr(CustodyMedium) medium = custody_medium_new ();
  g_autoptr(GError) error = NULL;

  medium->volser = g_strdup (volser);
  medium->type = g_strdup ("LTO-9");
  medium->pool = g_strdup (pool);
  medium->status = status;
  medium->retention_until = retention_until;
  g_assert_true (custody_store_add_medium (store, medium, location, &error));
  g_assert_no_error (error);
}

char *
custody_test_first_violating_job (const char *db)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CustodyStore) store = custody_store_open (db, CUSTODY_STORE_OPEN_DEFAULT, &error);
  g_autoptr(CustodyJobStatuses) statuses = NULL;

  g_assert_no_error (error);
  statuses = custody_store_list_jobs_with_status (store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < statuses->jobs->len; i++)
    {
      const CustodyJobStatus *job = &g_array_index (statuses->jobs, CustodyJobStatus, i);

      if (job->status == CUSTODY_STATUS_VIOLATION)
        return g_strdup (job->name);
    }

  g_assert_not_reached ();
}

void
custody_test_record_run (CustodyStore     *store,
                         const char       *job,
                         const char       *copy,
                         CustodyRunStatus  status,
                         gint64            started,
                         gint64            finished,
                         const char       *volser)
{
  g_autoptr(CustodyExecution) e = custody_execution_new ();
  g_autoptr(GError) error = NULL;

  e->job = g_strdup (job);
  e->copy = g_strdup (copy);
  e->status = status;
  e->started = started;
  e->finished = finished;
  if (volser != NULL)
    {
      g_strfreev (e->volumes);
      e->volumes = g_new0 (char *, 2);
      e->volumes[0] = g_strdup (volser);
    }
  g_assert_true (custody_store_record_execution (store, e, NULL, &error));
  g_assert_no_error (error);
}

void
custody_test_add_verification (CustodyStore *store,
                               const char   *job,
                               const char   *copy,
                               gint64        at)
{
  g_autoptr(CustodyVerification) v = custody_verification_new ();
  g_autoptr(GError) error = NULL;

  v->job = g_strdup (job);
  v->copy = g_strdup (copy);
  v->at = at;
  v->passed = TRUE;
  g_assert_true (custody_store_add_verification (store, v, &error));
  g_assert_no_error (error);
}
