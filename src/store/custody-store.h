/* custody-store.h
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "custody-compliance.h"
#include "custody-desk.h"
#include "custody-pool.h"
#include "custody-reconciliation.h"
#include "custody-records.h"
#include "custody-snapshot.h"

G_BEGIN_DECLS

#define CUSTODY_STORE_ERROR (custody_store_error_quark ())

typedef enum
{
  /* The store itself: the CLI exits with 3. */
  CUSTODY_STORE_ERROR_FAILED,
  CUSTODY_STORE_ERROR_MISSING,
  CUSTODY_STORE_ERROR_SCHEMA_TOO_NEW,
  CUSTODY_STORE_ERROR_CORRUPT,
  CUSTODY_STORE_ERROR_LOCKED,
  CUSTODY_STORE_ERROR_READ_ONLY,
  /* What was asked of it: the CLI exits with 2. */
  CUSTODY_STORE_ERROR_INVALID,
  CUSTODY_STORE_ERROR_NOT_FOUND,
  CUSTODY_STORE_ERROR_EXISTS,
  CUSTODY_STORE_ERROR_REFUSED,
} CustodyStoreError;

typedef enum
{
  CUSTODY_STORE_OPEN_DEFAULT = 0,
  CUSTODY_STORE_OPEN_CREATE  = 1 << 0,
} CustodyStoreOpenFlags;

/* What an import or a bulk write did. */
typedef struct
{
  guint64 added;
  guint64 updated;
  guint64 unchanged;
} CustodyImportStats;

/* The tools whose output `custodyctl import` reads. */
typedef enum
{
  CUSTODY_IMPORT_RESTIC,          /* restic snapshots --json, restic backup --json */
  CUSTODY_IMPORT_RESTIC_CHECK,    /* restic check: text, or JSON lines (>= 0.17) */
  CUSTODY_IMPORT_BORG,            /* borg list/info/create --json, borg 2 repo-list --json */
  CUSTODY_IMPORT_BORG_CHECK,      /* borg check -v: text, or --log-json lines */
  CUSTODY_IMPORT_BAREOS_JOBS,     /* bconsole .api 2: list jobs, llist jobs, list jobmedia */
  CUSTODY_IMPORT_BAREOS_VOLUMES,  /* bconsole: list volumes, llist media (JSON or text) */
  CUSTODY_N_IMPORT_FORMATS
} CustodyImportFormat;

typedef void (*CustodyImportProgressFunc) (double   fraction,
                                           gpointer user_data);

/* What an import needs besides the tool's output; see
 * custody_import_options_init () for the defaults. */
typedef struct
{
  const char                *job;            /* restic, borg: the job and copy the runs are of */
  const char                *copy;           /* bareos-jobs: the copy of rows without a pool */
  const char                *time_zone;      /* zone of times written without one; NULL: local */
  const char                *volume;         /* restic, borg: the volume holding the repository */
  const char                *repository_id;  /* restic: `restic cat config`'s id */
  const char                *library;        /* bareos-volumes: where volumes in the changer are */
  const char                *shelf;          /* bareos-volumes: where volumes out of it go */
  int                        exit_code;      /* the tool's exit code, -1: not given */
  gint64                     checked_at;     /* checks: when; CUSTODY_TIME_NONE: the store's now */
  gboolean                   create;         /* add unknown jobs and copies */
  int                        media_type;     /* a CustodyMediaType for --create, -1: the tool's */
  /* Which snapshots or archives are this job's, as the tools' own filters
   * choose them (NULL: all). restic: a snapshot of one of @hosts, with
   * all of @paths, and with every tag of one of @tags ("a,b" each). */
  const char * const        *hosts;
  const char * const        *paths;
  const char * const        *tags;
  const char                *glob_archives;  /* borg: archive names matching, "sh:" style */
  CustodyImportProgressFunc  progress;       /* called from the importing thread */
  gpointer                   progress_data;
} CustodyImportOptions;

typedef struct
{
  CustodyImportStats  stats;
  guint64             skipped;             /* records that are no backup run (restores...) */
  char               *time_zone;           /* zone naive times were read in, NULL if none were */
  gboolean            time_zone_is_local;  /* ...taken from this machine */
  GPtrArray          *notes;               /* char *: what else the user should know */
} CustodyImportResult;

typedef struct
{
  gint64   first_broken;     /* audit id of the first broken entry, 0 if none */
  char    *problem;          /* what is wrong with it, or NULL */
  gint64   entries;          /* audit entries checked */
  char    *integrity;        /* "ok" or SQLite's report */
} CustodyStoreCheck;

/* One of the store's own backups, as custody_store_list_backups() finds it. */
typedef struct
{
  char     *path;
  gint64    taken_at;         /* Unix seconds, from its name */
  gint64    size;             /* bytes, -1 if unknown */
  gint64    jobs;             /* -1 when it cannot be read */
  gint64    runs;
  gint64    media;
  gboolean  readable;         /* a store of a schema this version reads */
} CustodyBackupInfo;

/* One job as `job list` shows it; its strings belong to the list. */
typedef struct
{
  gint64      id;
  const char *name;
  const char *source;
  const char *owner;
  const char *tags;
  gint64      rpo_hours;
  gint64      verify_days;
  gint64      created_at;
  int         status;        /* a CustodyStatus; -1: it could not be judged */
} CustodyJobStatus;

typedef struct
{
  GArray       *jobs;        /* CustodyJobStatus, by name */
  GStringChunk *text;
} CustodyJobStatuses;

void custody_job_statuses_free (CustodyJobStatuses *statuses);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CustodyJobStatuses, custody_job_statuses_free)

#define CUSTODY_STORE_SCHEMA_VERSION 7

/* The most volumes one range adds or labels. */
#define CUSTODY_STORE_MAX_RANGE 10000

#define CUSTODY_TYPE_STORE (custody_store_get_type ())
G_DECLARE_FINAL_TYPE (CustodyStore, custody_store, CUSTODY, STORE, GObject)

GQuark               custody_store_error_quark         (void);
char                *custody_store_default_path        (void);
const char          *custody_store_sqlite_version      (void);

CustodyStore        *custody_store_open                (const char             *path,
                                                        CustodyStoreOpenFlags   flags,
                                                        GError                **error);
const char          *custody_store_get_path            (CustodyStore           *self);
gboolean             custody_store_get_read_only       (CustodyStore           *self);
void                 custody_store_set_actor           (CustodyStore           *self,
                                                        const char             *actor);
void                 custody_store_set_clock           (CustodyStore           *self,
                                                        gint64                  at);
gint64               custody_store_get_clock           (CustodyStore           *self);
gint64               custody_store_get_data_version    (CustodyStore           *self);

/* Policy */
gboolean             custody_store_get_policy          (CustodyStore           *self,
                                                        CustodyPolicy          *policy,
                                                        GError                **error);
gboolean             custody_store_set_policy_value    (CustodyStore           *self,
                                                        const char             *key,
                                                        const char             *value,
                                                        GError                **error);

/* Locations */
gboolean             custody_store_add_location        (CustodyStore           *self,
                                                        const char             *name,
                                                        CustodyLocationKind     kind,
                                                        GError                **error);
GPtrArray           *custody_store_list_locations      (CustodyStore           *self,
                                                        GError                **error);

/* Jobs and copies */
gboolean             custody_store_add_job             (CustodyStore           *self,
                                                        CustodyJob             *job,
                                                        GError                **error);
gboolean             custody_store_update_job          (CustodyStore           *self,
                                                        const char             *name,
                                                        CustodyJob             *job,
                                                        GError                **error);
gboolean             custody_store_remove_job          (CustodyStore           *self,
                                                        const char             *name,
                                                        GError                **error);
CustodyJobStatuses  *custody_store_list_jobs_with_status (CustodyStore         *self,
                                                        GError                **error);
CustodyJob          *custody_store_get_job             (CustodyStore           *self,
                                                        const char             *name,
                                                        GError                **error);
GPtrArray           *custody_store_list_jobs           (CustodyStore           *self,
                                                        gboolean                with_verdicts,
                                                        GError                **error);
gboolean             custody_store_add_copy            (CustodyStore           *self,
                                                        CustodyCopy            *copy,
                                                        GError                **error);
gboolean             custody_store_update_copy         (CustodyStore           *self,
                                                        const char             *job,
                                                        const char             *name,
                                                        CustodyCopy            *copy,
                                                        GError                **error);
gboolean             custody_store_remove_copy         (CustodyStore           *self,
                                                        const char             *job,
                                                        const char             *name,
                                                        GError                **error);
GPtrArray           *custody_store_list_copies         (CustodyStore           *self,
                                                        const char             *job,
                                                        GError                **error);

/* Executions and verifications */
gboolean             custody_store_record_execution    (CustodyStore           *self,
                                                        CustodyExecution       *execution,
                                                        gboolean               *added,
                                                        GError                **error);
GPtrArray           *custody_store_list_executions     (CustodyStore           *self,
                                                        const char             *job,
                                                        guint                   offset,
                                                        guint                   limit,
                                                        GError                **error);
GPtrArray           *custody_store_list_recent_failures (CustodyStore          *self,
                                                        guint                   limit,
                                                        GError                **error);
GPtrArray           *custody_store_list_recent_failures_at (CustodyStore       *self,
                                                        guint                   limit,
                                                        gint64                  at,
                                                        GError                **error);
gint64               custody_store_count_executions    (CustodyStore           *self,
                                                        const char             *job,
                                                        GError                **error);
gboolean             custody_store_add_verification    (CustodyStore           *self,
                                                        CustodyVerification    *verification,
                                                        GError                **error);
GPtrArray           *custody_store_list_verifications  (CustodyStore           *self,
                                                        const char             *job,
                                                        GError                **error);

/* Media */
gboolean             custody_store_add_medium          (CustodyStore           *self,
                                                        CustodyMedium          *medium,
                                                        const char             *location,
                                                        GError                **error);
CustodyMedium       *custody_store_get_medium          (CustodyStore           *self,
                                                        const char             *volser,
                                                        GError                **error);
GPtrArray           *custody_store_list_media          (CustodyStore           *self,
                                                        const char             *location,
                                                        const char             *pool,
                                                        GError                **error);
GPtrArray           *custody_store_list_media_at       (CustodyStore           *self,
                                                        const char             *location,
                                                        const char             *pool,
                                                        gint64                  at,
                                                        GError                **error);
GPtrArray           *custody_store_list_movements      (CustodyStore           *self,
                                                        const char             *volser,
                                                        GError                **error);
gboolean             custody_store_move_media          (CustodyStore           *self,
                                                        const char * const     *volsers,
                                                        CustodyMovement        *template,
                                                        gboolean                confirm,
                                                        GError                **error);

/* The tape desk */
gboolean             custody_store_add_media_range     (CustodyStore           *self,
                                                        const char             *first,
                                                        const char             *last,
                                                        CustodyMedium          *template,
                                                        const char             *location,
                                                        guint                  *added,
                                                        GError                **error);
gboolean             custody_store_update_medium       (CustodyStore           *self,
                                                        const char             *volser,
                                                        CustodyMedium          *changes,
                                                        gboolean                confirm,
                                                        GError                **error);
GPtrArray           *custody_store_list_restore_points (CustodyStore           *self,
                                                        const char             *volser,
                                                        GError                **error);
gboolean             custody_store_scan_volume         (CustodyStore           *self,
                                                        const char             *volser,
                                                        CustodyMovement        *template,
                                                        gboolean                confirm,
                                                        gint64                 *movement_id,
                                                        GPtrArray             **broken,
                                                        GError                **error);
gboolean             custody_store_preview_move        (CustodyStore           *self,
                                                        const char * const     *volsers,
                                                        const char             *to,
                                                        GPtrArray             **broken,
                                                        GError                **error);
gboolean             custody_store_undo_movement       (CustodyStore           *self,
                                                        gint64                  movement_id,
                                                        GError                **error);
gboolean             custody_store_add_pool            (CustodyStore           *self,
                                                        CustodyPool            *pool,
                                                        GError                **error);
gboolean             custody_store_update_pool         (CustodyStore           *self,
                                                        const char             *name,
                                                        CustodyPool            *pool,
                                                        GError                **error);
GPtrArray           *custody_store_list_pools          (CustodyStore           *self,
                                                        GError                **error);
CustodyDesk         *custody_store_get_desk            (CustodyStore           *self,
                                                        GError                **error);
CustodyDesk         *custody_store_get_desk_at         (CustodyStore           *self,
                                                        gint64                  at,
                                                        GError                **error);
gboolean             custody_store_sync_desk_alerts    (CustodyStore           *self,
                                                        CustodyDesk            *desk,
                                                        GPtrArray              *verdicts,
                                                        GError                **error);
CustodyReconciliation *custody_store_reconcile         (CustodyStore           *self,
                                                        const char             *location,
                                                        const char * const     *scanned,
                                                        const char             *note,
                                                        const char             *source,
                                                        GError                **error);
GPtrArray           *custody_store_list_reconciliations (CustodyStore          *self,
                                                        GError                **error);
CustodyReconciliation *custody_store_get_reconciliation (CustodyStore          *self,
                                                        gint64                  id,
                                                        GError                **error);
gboolean             custody_store_import_mtx          (CustodyStore           *self,
                                                        GInputStream           *input,
                                                        const char             *library,
                                                        CustodyImportStats     *stats,
                                                        guint                  *untagged,
                                                        GCancellable           *cancellable,
                                                        GError                **error);

/* Compliance */
GPtrArray           *custody_store_evaluate            (CustodyStore           *self,
                                                        const char * const     *jobs,
                                                        GError                **error);
GPtrArray           *custody_store_evaluate_at         (CustodyStore           *self,
                                                        const char * const     *jobs,
                                                        gint64                  at,
                                                        GError                **error);

/* Alerts */
gboolean             custody_store_sync_alerts         (CustodyStore           *self,
                                                        GPtrArray              *verdicts,
                                                        guint                  *raised,
                                                        guint                  *resolved,
                                                        GError                **error);
GPtrArray           *custody_store_list_alerts         (CustodyStore           *self,
                                                        gboolean                include_resolved,
                                                        GError                **error);
GPtrArray           *custody_store_list_alerts_judged  (CustodyStore           *self,
                                                        gboolean                include_resolved,
                                                        GPtrArray              *now_verdicts,
                                                        GError                **error);
gint                 custody_store_acknowledge_alerts  (CustodyStore           *self,
                                                        GArray                 *ids,
                                                        const char             *by,
                                                        const char             *note,
                                                        GArray                 *newly,
                                                        GError                **error);
gint                 custody_store_unacknowledge_alerts (CustodyStore          *self,
                                                        GArray                 *ids,
                                                        GError                **error);

/* Imports and export */
gboolean             custody_store_import_csv          (CustodyStore           *self,
                                                        const char             *kind,
                                                        GInputStream           *input,
                                                        CustodyImportStats     *stats,
                                                        GCancellable           *cancellable,
                                                        GError                **error);
void                 custody_import_options_init       (CustodyImportOptions   *options);
void                 custody_import_result_clear       (CustodyImportResult    *result);
const char          *custody_import_format_to_string   (CustodyImportFormat     format);
gboolean             custody_import_format_from_string (const char             *str,
                                                        CustodyImportFormat    *out);
const char          *custody_import_format_get_label   (CustodyImportFormat     format);
gboolean             custody_import_format_needs_copy  (CustodyImportFormat     format);
gboolean             custody_import_format_is_check    (CustodyImportFormat     format);
gboolean             custody_import_detect             (const char             *data,
                                                        gsize                   length,
                                                        CustodyImportFormat    *format);
gboolean             custody_store_import              (CustodyStore           *self,
                                                        CustodyImportFormat     format,
                                                        GBytes                 *data,
                                                        const CustodyImportOptions *options,
                                                        CustodyImportResult    *result,
                                                        GCancellable           *cancellable,
                                                        GError                **error);
gboolean             custody_store_export_json         (CustodyStore           *self,
                                                        GOutputStream          *output,
                                                        GCancellable           *cancellable,
                                                        GError                **error);

/* The store's own safety */
char                *custody_store_backup              (CustodyStore           *self,
                                                        const char             *directory,
                                                        guint                   keep,
                                                        GError                **error);
gboolean             custody_store_restore             (CustodyStore           *self,
                                                        const char             *file,
                                                        GError                **error);
char                *custody_store_dup_backup_directory (CustodyStore          *self);
GPtrArray           *custody_store_list_backups        (CustodyStore           *self,
                                                        const char             *directory,
                                                        GError                **error);
void                 custody_backup_info_free          (CustodyBackupInfo      *info);
gboolean             custody_store_restore_keeping     (CustodyStore           *self,
                                                        const char             *file,
                                                        const char             *directory,
                                                        char                  **kept,
                                                        GError                **error);
gboolean             custody_store_check               (CustodyStore           *self,
                                                        CustodyStoreCheck      *check,
                                                        GError                **error);
void                 custody_store_check_clear         (CustodyStoreCheck      *check);

/* Demo data */
gboolean             custody_store_fill_demo           (CustodyStore           *self,
                                                        guint                   jobs,
                                                        guint64                 executions,
                                                        guint32                 seed,
                                                        GError                **error);

G_END_DECLS
