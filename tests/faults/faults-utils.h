/* faults-utils.h
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "custody-ctl-test-utils.h"

G_BEGIN_DECLS

/* What the fault tests share: a seeded random source whose seed they
 * print, custodyctl started and killed with SIGKILL at a chosen moment,
 * and the checks every fault must leave true. */

#define FAULTS_MIN_KILLS      50
#define FAULTS_MAX_ATTEMPTS   200

/* Seeded from CUSTODY_FAULTS_SEED when set, else from the clock; the
 * seed is printed so that a failure can be repeated. */
GRand      *faults_rand_new          (void);
/* A delay spread evenly over a command's measured duration. */
gulong      faults_kill_delay        (GRand              *rand,
                                      double              duration);

/* custodyctl --db DB ARGS... with @stdin_path (NULL: /dev/null) as input,
 * killed with SIGKILL after @delay_us; TRUE if the kill ended it, FALSE if
 * it had exited by then (and then it must have succeeded). */
gboolean    faults_run_killed        (CtlFixture         *f,
                                      const char         *db,
                                      const char         *stdin_path,
                                      gulong              delay_us,
                                      const char * const *args);
/* The same, run to its end: asserts it succeeds and returns its
 * duration in seconds. */
double      faults_run_timed         (CtlFixture         *f,
                                      const char         *db,
                                      const char         *stdin_path,
                                      const char * const *args);

/* The same with @input written to its standard input in @pieces, a
 * pause of @pause_us between them. */
gboolean    faults_run_fed_killed    (CtlFixture         *f,
                                      const char         *db,
                                      const char         *input,
                                      guint               pieces,
                                      gulong              pause_us,
                                      gulong              delay_us,
                                      const char * const *args);
double      faults_run_fed_timed     (CtlFixture         *f,
                                      const char         *db,
                                      const char         *input,
                                      guint               pieces,
                                      gulong              pause_us,
                                      const char * const *args);

/* `custodyctl --db DB db check` says the store is whole. */
void        faults_assert_store_ok   (CtlFixture         *f,
                                      const char         *db);
gint64      faults_query_int         (const char         *db,
                                      const char         *sql);
/* Replaces @to (and its -wal and -shm) with a copy of the closed store
 * @from. */
void        faults_copy_store        (const char         *from,
                                      const char         *to);
void        faults_remove_store      (const char         *db);

G_END_DECLS
