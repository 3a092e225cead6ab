/* custody-store-reports.h
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "custody-store.h"

G_BEGIN_DECLS

/* What the reports read. A report reads the store twice (once to count
 * its pages, once to draw them), so the reads happen inside one read
 * transaction (custody_store_begin_read) and see the same data both
 * times, whatever other programs write meanwhile. Long lists are walked
 * row by row: a row passed to a CustodyStoreRowFunc lives only for the
 * call, and nothing holds a year of history in memory.
 *
 * Periods are (from, to]: what is dated after @from and not after @to. */

/* Returns FALSE to stop the walk early (the walk then returns TRUE). */
typedef gboolean (*CustodyStoreRowFunc) (gconstpointer  row,
                                         gpointer       user_data);

/* Per job, over a period: its runs by status and its verifications. */
typedef struct
{
  const char *job;
  const char *owner;
  gint64      runs;
  gint64      succeeded;
  gint64      warnings;
  gint64      failed;
  gint64      bytes;          /* written by good runs */
  gint64      last_success;   /* CUSTODY_TIME_NONE: none in the period */
  gint64      tests;
  gint64      tests_failed;   /* failed, or passed with errors */
  gint64      last_test;      /* CUSTODY_TIME_NONE: none in the period */
} CustodyReportJobActivity;

typedef struct
{
  gint64            started;
  gint64            finished;
  const char       *job;
  const char       *copy;
  CustodyRunStatus  status;
  const char       *message;
} CustodyReportRun;

typedef struct
{
  gint64             at;
  const char        *job;
  const char        *copy;
  CustodyVerifyKind  kind;
  gboolean           passed;
  gint64             errors;
  const char        *by;
  const char        *note;
} CustodyReportTest;

typedef struct
{
  gint64      at;
  const char *volser;
  const char *from;        /* NULL: first recorded place */
  const char *to;
  const char *by;
  const char *courier;
  const char *container;
  const char *seal;
  const char *note;
} CustodyReportMovement;

typedef struct
{
  gint64      id;
  gint64      at;            /* when it was written (the real clock) */
  gint64      business_at;   /* when it happened (--at) */
  const char *actor;
  const char *action;
  const char *entity;
} CustodyReportAuditEntry;

typedef struct
{
  gint64           raised_at;
  gint64           resolved_at;       /* CUSTODY_TIME_NONE: open */
  const char      *kind;
  CustodySeverity  severity;
  const char      *subject;
  const char      *message;
  const char      *acknowledged_by;   /* NULL: not acknowledged */
  gint64           acknowledged_at;
} CustodyReportAlert;

/* A volume as it was at a moment. */
typedef struct
{
  const char          *volser;
  const char          *type;
  const char          *pool;            /* NULL: none */
  CustodyMediumStatus  status;
  const char          *location;        /* NULL: never moved */
  CustodyLocationKind  location_kind;
  gint64               since;           /* of its latest movement */
  const char          *container;       /* NULL: none */
  gint64               retention_until;
  gint64               last_written;
  gint64               bytes_written;
  gint64               capacity_bytes;
  gboolean             worm;
} CustodyReportVolume;

/* One finished run, as small as the charts need it. */
typedef struct
{
  gint64            copy_id;
  gint64            finished;
  CustodyRunStatus  status;
  gint64            bytes;     /* -1: unknown */
} CustodyReportRunFact;

/* What happened in a period, counted. */
typedef struct
{
  gint64 runs[CUSTODY_N_RUN_STATUSES];
  gint64 bytes;                 /* written by good runs */
  gint64 tests;
  gint64 tests_failed;
  gint64 alerts_raised;
  gint64 alerts_resolved;
  gint64 acknowledgements;
  gint64 movements;
  gint64 audit_entries;
  gint64 jobs;                  /* that existed at the end */
  gint64 copies;
  gint64 volumes;
  gint64 first_verification;    /* of all time; CUSTODY_TIME_NONE: none yet */
} CustodyReportCounts;

/* The audit trail's hash chain, walked whole. */
typedef struct
{
  gint64  entries;
  gint64  first_broken;   /* 0: the chain verifies */
  char   *problem;        /* NULL when it verifies */
  gint64  head_id;
  char   *head_hash;      /* NULL for an empty trail */
} CustodyReportChain;

gboolean   custody_store_begin_read            (CustodyStore              *self,
                                                GError                   **error);
void       custody_store_end_read              (CustodyStore              *self);

GPtrArray *custody_store_report_verdicts       (CustodyStore              *self,
                                                gint64                     at,
                                                CustodyPolicy             *policy,
                                                GError                   **error);
gboolean   custody_store_report_counts         (CustodyStore              *self,
                                                gint64                     from,
                                                gint64                     to,
                                                CustodyReportCounts       *counts,
                                                GError                   **error);
gboolean   custody_store_report_run_counts     (CustodyStore              *self,
                                                gint64                     from,
                                                gint64                     to,
                                                CustodyReportCounts       *counts,
                                                GError                   **error);
gboolean   custody_store_report_chain          (CustodyStore              *self,
                                                CustodyReportChain        *chain,
                                                GError                   **error);
void       custody_report_chain_clear          (CustodyReportChain        *chain);

gboolean   custody_store_report_job_activity   (CustodyStore              *self,
                                                gint64                     from,
                                                gint64                     to,
                                                CustodyStoreRowFunc        func,
                                                gpointer                   user_data,
                                                GError                   **error);
gboolean   custody_store_report_failed_runs    (CustodyStore              *self,
                                                gint64                     from,
                                                gint64                     to,
                                                CustodyStoreRowFunc        func,
                                                gpointer                   user_data,
                                                GError                   **error);
gboolean   custody_store_report_failed_tests   (CustodyStore              *self,
                                                gint64                     from,
                                                gint64                     to,
                                                CustodyStoreRowFunc        func,
                                                gpointer                   user_data,
                                                GError                   **error);
gboolean   custody_store_report_alerts         (CustodyStore              *self,
                                                gint64                     from,
                                                gint64                     to,
                                                CustodyStoreRowFunc        func,
                                                gpointer                   user_data,
                                                GError                   **error);
gboolean   custody_store_report_acknowledgements (CustodyStore            *self,
                                                gint64                     from,
                                                gint64                     to,
                                                CustodyStoreRowFunc        func,
                                                gpointer                   user_data,
                                                GError                   **error);
gboolean   custody_store_report_movements      (CustodyStore              *self,
                                                gint64                     from,
                                                gint64                     to,
                                                CustodyStoreRowFunc        func,
                                                gpointer                   user_data,
                                                GError                   **error);
gboolean   custody_store_report_audit_entries  (CustodyStore              *self,
                                                gint64                     from,
                                                gint64                     to,
                                                CustodyStoreRowFunc        func,
                                                gpointer                   user_data,
                                                GError                   **error);
gboolean   custody_store_report_volumes        (CustodyStore              *self,
                                                gint64                     at,
                                                CustodyStoreRowFunc        func,
                                                gpointer                   user_data,
                                                GError                   **error);
gboolean   custody_store_report_run_facts      (CustodyStore              *self,
                                                gint64                     to,
                                                CustodyStoreRowFunc        func,
                                                gpointer                   user_data,
                                                GError                   **error);

G_END_DECLS
