/* custody-snapshot.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custody-snapshot"

#include "config.h"

#include "custody-snapshot.h"

/* While building, the facts' pointers to their children hold indexes into
 * the child arrays (which may still move); sealing turns them into
 * pointers once every array has its final address. */
struct _CustodySnapshot
{
  gatomicrefcount  ref_count;
  gint64           at;
  gboolean         sealed;
  GStringChunk    *strings;
  GArray          *jobs;           /* CustodyJobFacts */
  GArray          *copies;         /* CustodyCopyFacts */
  GArray          *runs;           /* CustodyRunFact */
  GArray          *volumes;        /* CustodyVolumeFact */
  GArray          *verifications;  /* CustodyVerificationFact */
};

G_DEFINE_BOXED_TYPE (CustodySnapshot, custody_snapshot, custody_snapshot_ref,
                     custody_snapshot_unref)

static const char *
intern (CustodySnapshot *self,
        const char      *str)
{
  return str != NULL ? g_string_chunk_insert_const (self->strings, str) : NULL;
}

#define LAST(array, Type) (&g_array_index ((array), Type, (array)->len - 1))
#define AS_INDEX(ptr) GPOINTER_TO_UINT (ptr)

CustodySnapshot *
custody_snapshot_new (gint64 at)
{
  CustodySnapshot *self = g_new0 (CustodySnapshot, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->at = at;
  self->strings = g_string_chunk_new (64 * 1024);
  self->jobs = g_array_new (FALSE, TRUE, sizeof (CustodyJobFacts));
  self->copies = g_array_new (FALSE, TRUE, sizeof (CustodyCopyFacts));
  self->runs = g_array_new (FALSE, TRUE, sizeof (CustodyRunFact));
  self->volumes = g_array_new (FALSE, TRUE, sizeof (CustodyVolumeFact));
  self->verifications = g_array_new (FALSE, TRUE, sizeof (CustodyVerificationFact));

  return self;
}

CustodySnapshot *
custody_snapshot_ref (CustodySnapshot *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
custody_snapshot_unref (CustodySnapshot *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_string_chunk_free (self->strings);
  g_array_unref (self->jobs);
  g_array_unref (self->copies);
  g_array_unref (self->runs);
  g_array_unref (self->volumes);
  g_array_unref (self->verifications);
  g_free (self);
}

void
custody_snapshot_add_job (CustodySnapshot *self,
                          const char      *name,
                          gint64           rpo_hours,
                          gint64           verify_days)
{
  CustodyJobFacts job = { 0, };

  g_return_if_fail (self != NULL && !self->sealed);

  job.name = intern (self, name);
  job.rpo_hours = rpo_hours;
  job.verify_days = verify_days;
  job.copies = GUINT_TO_POINTER (self->copies->len);
  g_array_append_val (self->jobs, job);
}

void
custody_snapshot_add_copy (CustodySnapshot     *self,
                           const char          *name,
                           CustodyMediaType     media_type,
                           const char          *location,
                           CustodyLocationKind  location_kind,
                           gboolean             immutable,
                           gboolean             air_gapped)
{
  CustodyCopyFacts copy = { 0, };

  g_return_if_fail (self != NULL && !self->sealed && self->jobs->len > 0);

  copy.name = intern (self, name);
  copy.media_type = media_type;
  copy.location = intern (self, location);
  copy.location_kind = location != NULL ? location_kind : CUSTODY_LOCATION_NONE;
  copy.immutable = immutable;
  copy.air_gapped = air_gapped;
  copy.runs = GUINT_TO_POINTER (self->runs->len);
  copy.verifications = GUINT_TO_POINTER (self->verifications->len);
  g_array_append_val (self->copies, copy);
  LAST (self->jobs, CustodyJobFacts)->n_copies++;
}

void
custody_snapshot_add_run (CustodySnapshot  *self,
                          gint64            started,
                          gint64            finished,
                          CustodyRunStatus  status)
{
  CustodyRunFact run = { 0, };

  g_return_if_fail (self != NULL && !self->sealed && self->copies->len > 0);

  run.started = started;
  run.finished = finished;
  run.status = status;
  run.volumes = GUINT_TO_POINTER (self->volumes->len);
  g_array_append_val (self->runs, run);
  LAST (self->copies, CustodyCopyFacts)->n_runs++;
}

void
custody_snapshot_add_volume (CustodySnapshot     *self,
                             const char          *volser,
                             const char          *location,
                             CustodyLocationKind  location_kind,
                             gboolean             worm)
{
  CustodyVolumeFact vol = { 0, };

  g_return_if_fail (self != NULL && !self->sealed && self->runs->len > 0);

  vol.volser = intern (self, volser);
  vol.location = intern (self, location);
  vol.location_kind = location != NULL ? location_kind : CUSTODY_LOCATION_NONE;
  vol.worm = worm;
  g_array_append_val (self->volumes, vol);
  LAST (self->runs, CustodyRunFact)->n_volumes++;
}

/* The volume added last no longer holds its restore point: it was retired
 * or returned to scratch after the run wrote it. */
void
custody_snapshot_release_volume (CustodySnapshot *self)
{
  g_return_if_fail (self != NULL && !self->sealed && self->volumes->len > 0);

  LAST (self->volumes, CustodyVolumeFact)->released = TRUE;
}

void
custody_snapshot_add_verification (CustodySnapshot *self,
                                   gint64           at,
                                   gboolean         passed,
                                   gint64           errors)
{
  CustodyVerificationFact v = { at, passed, errors };

  g_return_if_fail (self != NULL && !self->sealed && self->copies->len > 0);

  g_array_append_val (self->verifications, v);
  LAST (self->copies, CustodyCopyFacts)->n_verifications++;
}

void
custody_snapshot_seal (CustodySnapshot *self)
{
  g_return_if_fail (self != NULL);

  if (self->sealed)
    return;

  for (guint i = 0; i < self->jobs->len; i++)
    {
      CustodyJobFacts *job = &g_array_index (self->jobs, CustodyJobFacts, i);
      job->copies = &g_array_index (self->copies, CustodyCopyFacts, AS_INDEX (job->copies));
    }

  for (guint i = 0; i < self->copies->len; i++)
    {
      CustodyCopyFacts *copy = &g_array_index (self->copies, CustodyCopyFacts, i);
      copy->runs = &g_array_index (self->runs, CustodyRunFact, AS_INDEX (copy->runs));
      copy->verifications = &g_array_index (self->verifications, CustodyVerificationFact,
                                            AS_INDEX (copy->verifications));
    }

  for (guint i = 0; i < self->runs->len; i++)
    {
      CustodyRunFact *run = &g_array_index (self->runs, CustodyRunFact, i);
      run->volumes = &g_array_index (self->volumes, CustodyVolumeFact, AS_INDEX (run->volumes));
    }

  self->sealed = TRUE;
}

const CustodyJobFacts *
custody_snapshot_get_job (CustodySnapshot *self,
                          guint            position)
{
  g_return_val_if_fail (self != NULL && self->sealed, NULL);
  g_return_val_if_fail (position < self->jobs->len, NULL);

  return &g_array_index (self->jobs, CustodyJobFacts, position);
}

/**
 * custody_snapshot_evaluate:
 *
 * Returns: (transfer full) (element-type CustodyVerdict): one verdict per
 *   job, in the order the jobs were added
 */
GPtrArray *
custody_snapshot_evaluate (CustodySnapshot     *self,
                           const CustodyPolicy *policy)
{
  GPtrArray *verdicts;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (policy != NULL, NULL);

  custody_snapshot_seal (self);

  verdicts = g_ptr_array_new_full (self->jobs->len, (GDestroyNotify) custody_verdict_unref);
  for (guint i = 0; i < self->jobs->len; i++)
    g_ptr_array_add (verdicts,
                     custody_compliance_evaluate (&g_array_index (self->jobs, CustodyJobFacts, i),
                                                  policy, self->at));

  return verdicts;
}
