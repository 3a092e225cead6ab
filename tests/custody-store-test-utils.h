/* custody-store-test-utils.h
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Filling a store for a test, through the store's own writes: what the
 * store, report and UI tests share. Each helper asserts that its write
 * succeeds. No GTK: the store tests link it too.
 */
#pragma once

#include "custody-store.h"

G_BEGIN_DECLS

void  custody_test_add_location  (CustodyStore        *store,
                                  const char          *name,
                                  CustodyLocationKind  kind);
/* A job with the defaults of custody_job_new (). */
void  custody_test_add_job       (CustodyStore        *store,
                                  const char          *name);
/* @owner NULL: none. */
void  custody_test_add_job_full  (CustodyStore        *store,
                                  const char          *name,
                                  const char          *owner,
                                  gint64               rpo_hours,
                                  gint64               verify_days);
/* @location NULL: none. */
void  custody_test_add_copy      (CustodyStore        *store,
                                  const char          *job,
                                  const char          *name,
                                  CustodyMediaType     type,
                                  const char          *location,
                                  gboolean             immutable);
/* A disk copy, with no location, not immutable. */
void  custody_test_add_disk_copy (CustodyStore        *store,
                                  const char          *job,
                                  const char          *name);
/* An LTO-9 cartridge; @pool NULL: none. */
void  custody_test_add_medium    (CustodyStore        *store,
                                  const char          *volser,
                                  const char          *pool,
                                  CustodyMediumStatus  status,
                                  gint64               retention_until,
                                  const char          *location);
/* A run with no other field set; @volser NULL: on no volume. */
void  custody_test_record_run    (CustodyStore        *store,
                                  const char          *job,
                                  const char          *copy,
                                  CustodyRunStatus     status,
                                  gint64               started,
                                  gint64               finished,
                                  const char          *volser);

/* A verification that passed, of the kind custody_verification_new () makes. */
void  custody_test_add_verification (CustodyStore     *store,
                                     const char       *job,
                                     const char       *copy,
                                     gint64            at);

/* The name of the first job of the store at @db in violation (there
 * must be one). */
char *custody_test_first_violating_job (const char          *db);

G_END_DECLS
