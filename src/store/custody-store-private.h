/* custody-store-private.h
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>
#include <sqlite3.h>
#include <sys/types.h>

#include "custody-store.h"

G_BEGIN_DECLS

/* Shared between the files that implement CustodyStore. Every function
 * here expects the caller to hold the store's mutex (STORE_LOCK). */

#define STORE_LOCK(self) \
  G_GNUC_UNUSED g_autoptr(GMutexLocker) G_PASTE (locker, __LINE__) = \
    g_mutex_locker_new (custody_store_get_mutex (self))

void           custody_store_init_locking       (void);

GMutex        *custody_store_get_mutex          (CustodyStore  *self);
sqlite3       *custody_store_get_db             (CustodyStore  *self);
gint64         custody_store_now                (CustodyStore  *self);
const char    *custody_store_get_actor          (CustodyStore  *self);
void           custody_store_restore_busy_timeout (CustodyStore *self);

sqlite3_stmt  *custody_store_prepare            (CustodyStore  *self,
                                                 const char    *sql,
                                                 GError       **error);
gboolean       custody_store_fail               (CustodyStore  *self,
                                                 int            rc,
                                                 GError       **error);
gboolean       custody_store_step_done          (CustodyStore  *self,
                                                 sqlite3_stmt  *stmt,
                                                 GError       **error);
gboolean       custody_store_finish_steps       (CustodyStore  *self,
                                                 sqlite3_stmt  *stmt,
                                                 int            rc,
                                                 GError       **error);
/* Makes an object (or string) of a statement's current row. */
typedef gpointer (*CustodyRowReader) (sqlite3_stmt *stmt);

gboolean       custody_store_collect_rows       (CustodyStore      *self,
                                                 sqlite3_stmt      *stmt,
                                                 CustodyRowReader   read,
                                                 GPtrArray         *list,
                                                 GError           **error);
gboolean       custody_store_step_unique        (CustodyStore  *self,
                                                 sqlite3_stmt  *stmt,
                                                 GError       **error,
                                                 const char    *format,
                                                 ...) G_GNUC_PRINTF (4, 5);
gboolean       custody_store_exec               (CustodyStore  *self,
                                                 const char    *sql,
                                                 GError       **error);

gboolean       custody_store_write_begin        (CustodyStore  *self,
                                                 GError       **error);
gboolean       custody_store_write_begin_bulk   (CustodyStore  *self,
                                                 GError       **error);
gboolean       custody_store_write_commit       (CustodyStore  *self,
                                                 const char    *action,
                                                 const char    *entity,
                                                 JsonNode      *before,
                                                 JsonNode      *after,
                                                 GError       **error);
void           custody_store_write_rollback     (CustodyStore  *self);

gboolean       custody_store_migrate            (CustodyStore  *self,
                                                 sqlite3       *db,
                                                 int            from_version,
                                                 GError       **error);
char          *custody_store_schema_problems    (sqlite3       *db,
                                                 int            version,
                                                 int           *rc);

/* Lookups by name inside a transaction; 0 and a NOT_FOUND error if unknown. */
gint64         custody_store_find_job_id        (CustodyStore  *self,
                                                 const char    *name,
                                                 GError       **error);
gint64         custody_store_find_copy_id       (CustodyStore  *self,
                                                 gint64         job_id,
                                                 const char    *job,
                                                 const char    *name,
                                                 GError       **error);
gint64         custody_store_find_job_copy_id   (CustodyStore  *self,
                                                 const char    *job,
                                                 const char    *copy,
                                                 GError       **error);
gint64         custody_store_find_location_id   (CustodyStore  *self,
                                                 const char    *name,
                                                 GError       **error);
gint64         custody_store_find_medium_id     (CustodyStore  *self,
                                                 const char    *volser,
                                                 GError       **error);
gint64         custody_store_find_pool_id       (CustodyStore  *self,
                                                 const char    *name,
                                                 gboolean       create,
                                                 GError       **error);

/* The latest facts of one copy as the engine reads them: the latest run
 * of each finished status and the latest verification. */
typedef struct
{
  gint64 id;         /* 0: none */
  gint64 started;
  gint64 finished;
} CustodyRunRef;

typedef struct
{
  CustodyRunRef runs[3];   /* success, warning, failed */
  gboolean      verified;
  gint64        verified_at;
  gboolean      verified_passed;
  gint64        verified_errors;
} CustodyCopyLatest;

gboolean       custody_store_query_latest       (CustodyStore      *self,
                                                 gint64             copy_id,
                                                 gint64             upto,
                                                 CustodyCopyLatest *latest,
                                                 GError           **error);
/* Keeps copy_state in step after executions or verifications change. */
gboolean       custody_store_refresh_copy_state (CustodyStore  *self,
                                                 gint64         copy_id,
                                                 GError       **error);
gboolean       custody_store_merge_copy_state   (CustodyStore             *self,
                                                 gint64                    copy_id,
                                                 const CustodyCopyLatest  *added,
                                                 GError                  **error);

/* Adds or updates one execution by its run key, without a transaction of
 * its own; @volume_ids are media ids. */
typedef enum
{
  CUSTODY_UPSERT_ADDED,
  CUSTODY_UPSERT_UPDATED,
  CUSTODY_UPSERT_UNCHANGED,
} CustodyUpsertResult;

gboolean       custody_store_upsert_execution   (CustodyStore        *self,
                                                 gint64               copy_id,
                                                 CustodyExecution    *execution,
                                                 GArray              *volume_ids,
                                                 GHashTable          *written,
                                                 CustodyUpsertResult *result,
                                                 GError             **error);
/* Which media good runs wrote to, and when last: gint64 id -> gint64 time;
 * applied once per volume at the end of a write. */
GHashTable    *custody_store_media_written_new  (void);
void           custody_store_note_written       (GHashTable          *written,
                                                 CustodyRunStatus     status,
                                                 gint64               finished,
                                                 const gint64        *media_ids,
                                                 guint                n_media);
gboolean       custody_store_media_mark_written (CustodyStore        *self,
                                                 GHashTable          *written,
                                                 GError             **error);
gboolean       custody_store_validate_execution (CustodyExecution    *execution,
                                                 GError             **error);

/* Compliance inside a transaction */
gboolean       custody_store_read_policy        (CustodyStore        *self,
                                                 CustodyPolicy       *policy,
                                                 GError             **error);
CustodySnapshot *custody_store_load_snapshot_locked (CustodyStore       *self,
                                                     const char * const *jobs,
                                                     gint64              at,
                                                     GError            **error);
GPtrArray     *custody_store_evaluate_locked    (CustodyStore        *self,
                                                 const char * const  *jobs,
                                                 const CustodyPolicy *policy,
                                                 GError             **error);
GPtrArray     *custody_store_compare_verdicts   (GPtrArray           *before,
                                                 GPtrArray           *after);

/* Files of the store's own: 0600, or 0660 in a folder a group shares. */
gboolean       custody_store_dir_is_shared      (const char    *dir);
mode_t         custody_store_file_mode_in       (const char    *dir);

/* job_state: forgetting the kept status of the jobs whose facts change. */
gboolean       custody_store_forget_job_status  (CustodyStore  *self,
                                                 gint64         job_id,
                                                 GError       **error);
gboolean       custody_store_forget_copy_status (CustodyStore  *self,
                                                 gint64         copy_id,
                                                 GError       **error);
gboolean       custody_store_forget_media_status (CustodyStore *self,
                                                  gint64        medium_id,
                                                  GError      **error);

/* Where each volume was at ?1, the one place that says it: m the volume,
 * p its pool, mv its movement as of ?1 (the latest one, kept by a trigger,
 * when it is not after ?1, else a look back through its history) and l
 * the location that movement took it to. */
#define CUSTODY_MEDIA_AT_FROM \
  " FROM media m" \
  " LEFT JOIN pools p ON p.id = m.pool_id" \
  " LEFT JOIN movements cur ON cur.id = m.movement_id" \
  " LEFT JOIN movements mv ON mv.id = CASE WHEN cur.at <= ?1 THEN cur.id ELSE" \
  "   (SELECT h.id FROM movements h WHERE h.media_id = m.id AND h.at <= ?1" \
  "     ORDER BY h.at DESC, h.id DESC LIMIT 1) END" \
  " LEFT JOIN locations l ON l.id = mv.to_location_id"

#define CUSTODY_MEDIA_AT_SELECT \
  "SELECT m.id, m.volser, m.type, p.name, m.status, l.name, l.kind, mv.at," \
  " nullif (mv.container, '')," \
  "       m.retention_until, m.capacity_bytes, m.bytes_written, m.mounts, m.errors, m.worm," \
  "       m.last_written, m.created_at, m.note, m.slot" \
  CUSTODY_MEDIA_AT_FROM

/* What custody_store_execution_from_row() reads, with @job the SQL of
 * the job's name, from executions e and copies c. */
#define CUSTODY_EXECUTION_COLUMNS_OF(job) \
  "e.id, " job ", c.name, e.started, e.finished, e.status, e.bytes, e.files, e.run_id," \
  " e.message"

CustodyMedium *custody_store_medium_from_row    (sqlite3_stmt  *stmt);
CustodyExecution *custody_store_execution_from_row (sqlite3_stmt *stmt);

/* Raises an alert unless one is open for the same cause. */
gboolean       custody_store_raise_alert        (CustodyStore    *self,
                                                 const char      *cause,
                                                 const char      *kind,
                                                 CustodySeverity  severity,
                                                 const char      *subject,
                                                 const char      *detail,
                                                 GError         **error);

/* Observed facts (an mtx inventory, a reconciliation) are recorded
 * whatever they break: what they break raises an alert per job. */
gboolean       custody_store_raise_observed_breaks (CustodyStore *self,
                                                    GPtrArray    *broken,
                                                    const char   *location,
                                                    GError      **error);

/* What text may enter the store (custody-text.h), as store errors. */
gboolean       custody_store_check_name         (const char      *name,
                                                 gboolean         is_new,
                                                 GError         **error);
gboolean       custody_store_check_text         (const char      *text,
                                                 GError         **error);

/* Movements, shared by moves, scans and imports. */
gboolean       custody_store_insert_movement    (CustodyStore    *self,
                                                 gint64           medium_id,
                                                 gint64           to_location_id,
                                                 CustodyMovement *movement,
                                                 GError         **error);

/* The last-copy guard: which rules a change inside a write breaks, for
 * the jobs with restore points on the volumes it touches. */
typedef struct
{
  GPtrArray     *jobs;     /* names, NULL-terminated */
  GPtrArray     *before;   /* CustodyVerdict */
  CustodyPolicy  policy;
} CustodyGuard;

GPtrArray     *custody_store_jobs_on_media      (CustodyStore  *self,
                                                 GArray        *medium_ids,
                                                 GError       **error);
gboolean       custody_store_guard_begin        (CustodyStore  *self,
                                                 GArray        *medium_ids,
                                                 CustodyGuard  *guard,
                                                 GError       **error);
GPtrArray     *custody_store_guard_end          (CustodyStore  *self,
                                                 CustodyGuard  *guard,
                                                 GError       **error);
void           custody_store_guard_clear        (CustodyGuard  *guard);
void           custody_store_set_refusal        (GError       **error,
                                                 const char    *what,
                                                 GPtrArray     *broken);
void           custody_json_add_strings         (JsonBuilder   *builder,
                                                 const char    *member,
                                                 GPtrArray     *strings);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CustodyGuard, custody_store_guard_clear)

/* Audit chain */
char          *custody_audit_hash               (gint64         id,
                                                 gint64         at,
                                                 gint64         business_at,
                                                 const char    *actor,
                                                 const char    *action,
                                                 const char    *entity,
                                                 const char    *before,
                                                 const char    *after,
                                                 const char    *prev_hash);

/* Helpers for column values */
const char    *custody_sql_text                 (sqlite3_stmt  *stmt,
                                                 int            column);
char          *custody_sql_dup_or_null          (sqlite3_stmt  *stmt,
                                                 int            column);
gint64         custody_sql_time                 (sqlite3_stmt  *stmt,
                                                 int            column);
void           custody_sql_bind_time            (sqlite3_stmt  *stmt,
                                                 int            param,
                                                 gint64         t);
void           custody_sql_bind_count           (sqlite3_stmt  *stmt,
                                                 int            param,
                                                 gint64         value);
void           custody_sql_bind_id_or_null      (sqlite3_stmt  *stmt,
                                                 int            param,
                                                 gint64         id);
void           custody_sql_bind_text_or_null    (sqlite3_stmt  *stmt,
                                                 int            param,
                                                 const char    *text);

G_END_DECLS
