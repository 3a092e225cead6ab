/* custody-compliance.h
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "custody-types.h"

G_BEGIN_DECLS

/* The store-wide policy knobs of domain.md. */
typedef struct
{
  gboolean production_counts;
  gboolean warning_counts;
  double   at_risk_rpo_fraction;
  int      at_risk_verify_days;
} CustodyPolicy;

/* The facts the engine judges. They are plain values the caller owns:
 * whatever is dated after "now" is ignored, so a snapshot may hold more
 * than the state at "now" without changing the verdict. */
typedef struct
{
  const char          *volser;
  const char          *location;       /* NULL: no movement recorded */
  CustodyLocationKind  location_kind;
  gboolean             worm;
  gboolean             released;       /* retired or back to scratch since it was written */
} CustodyVolumeFact;

typedef struct
{
  gint64                   started;
  gint64                   finished;   /* CUSTODY_TIME_NONE while running */
  CustodyRunStatus         status;
  guint                    n_volumes;
  const CustodyVolumeFact *volumes;    /* the restore point it wrote */
} CustodyRunFact;

typedef struct
{
  gint64   at;
  gboolean passed;
  gint64   errors;
} CustodyVerificationFact;

typedef struct
{
  const char                    *name;
  CustodyMediaType               media_type;
  const char                    *location;       /* repositories; NULL: none */
  CustodyLocationKind            location_kind;
  gboolean                       immutable;
  gboolean                       air_gapped;
  guint                          n_runs;
  const CustodyRunFact          *runs;
  guint                          n_verifications;
  const CustodyVerificationFact *verifications;
} CustodyCopyFacts;

typedef struct
{
  const char             *name;
  gint64                  rpo_hours;
  gint64                  verify_days;
  guint                   n_copies;
  const CustodyCopyFacts *copies;
} CustodyJobFacts;

typedef enum
{
  CUSTODY_VERIFICATION_OK,
  CUSTODY_VERIFICATION_NOT_NEEDED,   /* the copy is not valid */
  CUSTODY_VERIFICATION_MISSING,      /* none inside the window */
  CUSTODY_VERIFICATION_FAILED,
  CUSTODY_VERIFICATION_HAS_ERRORS,
} CustodyVerificationState;

typedef struct
{
  gboolean   pass;
  gint64     have;
  gint64     need;
  GPtrArray *reasons;   /* char * */
} CustodyRuleVerdict;

typedef struct
{
  char                     *name;
  CustodyMediaType          media_type;
  gboolean                  valid;
  gboolean                  offsite;
  gboolean                  offline;     /* offline, air-gapped or immutable */
  gboolean                  immutable;
  gboolean                  latest_run_failed;
  CustodyVerificationState  verification;
  gint64                    last_success;   /* CUSTODY_TIME_NONE: never */
  gint64                    valid_until;    /* CUSTODY_TIME_NONE: not valid */
  GPtrArray                *reasons;        /* char * */
  const char               *why_invalid;    /* one of @reasons, or NULL */
  GPtrArray                *why_not_offsite;  /* borrowed from @reasons */
  GPtrArray                *why_not_offline;  /* borrowed from @reasons */
  GPtrArray                *why_errors;       /* borrowed from the 0-errors rule's reasons */
} CustodyCopyVerdict;

typedef struct _CustodyVerdict CustodyVerdict;

struct _CustodyVerdict
{
  /*< private >*/
  gatomicrefcount     ref_count;

  /*< public >*/
  char               *job;
  gint64              evaluated_at;
  CustodyStatus       status;
  CustodyRuleVerdict  rules[CUSTODY_N_RULES];
  guint               n_copies;
  CustodyCopyVerdict *copies;
  GPtrArray          *risks;   /* char *: why the job is at risk */
  gint64              stable_until;  /* the verdict holds until then, unless facts change */
};

#define CUSTODY_TYPE_VERDICT (custody_verdict_get_type ())

GType           custody_verdict_get_type       (void) G_GNUC_CONST;
CustodyVerdict *custody_verdict_ref            (CustodyVerdict        *self);
void            custody_verdict_unref          (CustodyVerdict        *self);

void            custody_policy_init_defaults   (CustodyPolicy         *policy);
CustodyVerdict *custody_compliance_evaluate    (const CustodyJobFacts *job,
                                                const CustodyPolicy   *policy,
                                                gint64                 now);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CustodyVerdict, custody_verdict_unref)

G_END_DECLS
