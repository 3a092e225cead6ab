/* custody-import-private.h
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "custody-store-private.h"
#include "custody-tool-text.h"

G_BEGIN_DECLS

/* What the importers share: the runs they read, written in one pass with
 * the copy_state and job_state bookkeeping every write of executions
 * needs (the CSV import uses it too); verifications keyed by their
 * source; jobs and copies found or, with --create, added; and the errors
 * that name where in the input the problem is. Everything here runs
 * inside the import's transaction, under the store's mutex. */

/*
 * Runs
 */

typedef enum
{
  /* The tool does not say: a stored value wins over this one. */
  CUSTODY_IMPORT_RUN_STATUS_ASSUMED   = 1 << 0,
  CUSTODY_IMPORT_RUN_FINISH_ASSUMED   = 1 << 1,
  CUSTODY_IMPORT_RUN_VOLUMES_UNKNOWN  = 1 << 2,
  CUSTODY_IMPORT_RUN_MESSAGE_ASSUMED  = 1 << 3,   /* a stored message that is not empty wins */
} CustodyImportRunFlags;

typedef struct
{
  gint64                 copy_id;
  gint64                 started;
  gint64                 finished;  /* CUSTODY_TIME_NONE while running */
  gint64                 bytes;     /* -1: unknown (a stored value wins) */
  gint64                 files;     /* -1: unknown (a stored value wins) */
  const char            *run_id;    /* NULL: keyed by its start */
  const char            *message;   /* NULL: unknown (a stored value wins, else "") */
  CustodyRunStatus       status;
  CustodyImportRunFlags  flags;
  guint                  position;  /* for messages: the line or record number */
  guint                  first_volume;
  guint                  n_volumes;
} CustodyImportRun;

typedef struct _CustodyRunBatch CustodyRunBatch;

/* @merge: whether unknown fields keep what is stored (tool output) or
 * clear it (a CSV file says everything). @describe turns a run's position
 * into "line 17" for errors found while writing. */
CustodyRunBatch *custody_run_batch_new      (gboolean                merge,
                                             char                 *(*describe) (guint position));
void             custody_run_batch_free     (CustodyRunBatch        *batch);
/* Copies @run, its strings and its @volume_ids (media ids; may be NULL). */
void             custody_run_batch_add      (CustodyRunBatch        *batch,
                                             const CustodyImportRun *run,
                                             GArray                 *volume_ids);
typedef void   (*CustodyRunBatchProgress)   (guint                   done,
                                             guint                   total,
                                             gpointer                user_data);
gboolean         custody_run_batch_write    (CustodyRunBatch        *batch,
                                             CustodyStore           *store,
                                             CustodyImportStats     *stats,
                                             CustodyRunBatchProgress progress,
                                             gpointer                progress_data,
                                             GCancellable           *cancellable,
                                             GError                **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CustodyRunBatch, custody_run_batch_free)

/* New runs of copies that had none, written many to a statement. */
#define CUSTODY_RUN_BULK_SIZE 64

typedef struct _CustodyRunBulk CustodyRunBulk;

CustodyRunBulk  *custody_run_bulk_new       (CustodyStore           *store,
                                             GHashTable             *written);
void             custody_run_bulk_free      (CustodyRunBulk         *bulk);
gboolean         custody_run_bulk_insert    (CustodyRunBulk         *bulk,
                                             const CustodyImportRun **runs,
                                             const gint64           *volumes,
                                             gint64                 *ids,
                                             GError                **error);
void             custody_run_bulk_claim_id  (CustodyRunBulk         *bulk,
                                             gint64                  id);
gboolean         custody_run_bulk_flush     (CustodyRunBulk         *bulk,
                                             GError                **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CustodyRunBulk, custody_run_bulk_free)

void             custody_import_stats_count (CustodyImportStats     *stats,
                                             CustodyUpsertResult     result);
void             custody_import_stats_add_json (JsonBuilder            *builder,
                                                const CustodyImportStats *stats);

/*
 * One tool import
 */

typedef struct
{
  CustodyStore               *store;
  const CustodyImportOptions *options;
  CustodyImportResult        *result;
  CustodyToolText             text;      /* the input, its time zone */
  CustodyRunBatch            *runs;
  GHashTable                 *touched;   /* copy ids whose verifications changed */
  gboolean                    changed;   /* jobs, copies or bindings were added */
  guint                       left_out;  /* snapshots or archives the filters left out */
} CustodyImportContext;

/* Each tool's reader: parses the whole input, checks it, then queues runs
 * in ctx->runs and writes what else it reads (verifications, media). */
gboolean  custody_import_restic         (CustodyImportContext  *ctx,
                                         GError               **error);
gboolean  custody_import_restic_check   (CustodyImportContext  *ctx,
                                         GError               **error);
gboolean  custody_import_borg           (CustodyImportContext  *ctx,
                                         GError               **error);
gboolean  custody_import_borg_check     (CustodyImportContext  *ctx,
                                         GError               **error);
gboolean  custody_import_bareos_jobs    (CustodyImportContext  *ctx,
                                         GError               **error);
gboolean  custody_import_bareos_volumes (CustodyImportContext  *ctx,
                                         GError               **error);

/* Each reader fails with the errors of formats/ (CUSTODY_PARSE_ERROR,
 * made with custody_tool_text_fail_at () and the like on ctx->text) or
 * of the store; custody_store_import () turns the first kind into
 * CUSTODY_STORE_ERROR_INVALID, as bad input always was to its callers. */
gboolean  custody_import_error_as_invalid (GError             **error);

/* The job and copy runs go to. Unknown ones are an error unless
 * options->create, which adds them (the copy with @media_type, unless
 * options say otherwise). */
gint64    custody_import_find_copy      (CustodyImportContext  *ctx,
                                         const char            *job,
                                         const char            *copy,
                                         CustodyMediaType       media_type,
                                         GError               **error);

/* Adds or updates one verification by its source id (a check already
 * imported is never added twice). */
gboolean  custody_import_upsert_verification (CustodyImportContext *ctx,
                                              gint64                copy_id,
                                              CustodyVerification  *verification,
                                              const char           *source_id,
                                              GError              **error);

/* Records a tool's check of its repository (borg check, restic check) as
 * a checksum verification by @tool of the disk copy the options name, at
 * @at, else when the options say it was checked, else now. The same
 * output (@digest) imported again is the same check. Takes @note. */
gboolean  custody_import_tool_check     (CustodyImportContext  *ctx,
                                         const char            *tool,
                                         gboolean               passed,
                                         gint64                 errors,
                                         gint64                 at,
                                         char                 **note,
                                         const char            *digest,
                                         GError               **error);

/* The volume that holds a tool's repository: options->volume (bound to
 * @repository_id when one is given), else the one bound to it before;
 * 0 when neither is known. */
gboolean  custody_import_find_repository_volume (CustodyImportContext *ctx,
                                                 const char           *repository_id,
                                                 gint64               *volume,
                                                 GError              **error);

void      custody_import_note           (CustodyImportContext  *ctx,
                                         const char            *format,
                                         ...) G_GNUC_PRINTF (2, 3);

G_END_DECLS
