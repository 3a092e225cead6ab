/* custody-store.h
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "custody-compliance.h"
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

typedef struct
{
  gint64   first_broken;     /* audit id of the first broken entry, 0 if none */
  char    *problem;          /* what is wrong with it, or NULL */
  gint64   entries;          /* audit entries checked */
  char    *integrity;        /* "ok" or SQLite's report */
} CustodyStoreCheck;

#define CUSTODY_STORE_SCHEMA_VERSION 4

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
GPtrArray           *custody_store_list_jobs_with_status (CustodyStore         *self,
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
GPtrArray           *custody_store_list_movements      (CustodyStore           *self,
                                                        const char             *volser,
                                                        GError                **error);
gboolean             custody_store_move_media          (CustodyStore           *self,
                                                        const char * const     *volsers,
                                                        CustodyMovement        *template,
                                                        gboolean                confirm,
                                                        GError                **error);

/* Compliance */
CustodySnapshot     *custody_store_load_snapshot       (CustodyStore           *self,
                                                        const char * const     *jobs,
                                                        GError                **error);
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
gint                 custody_store_acknowledge_alerts  (CustodyStore           *self,
                                                        GArray                 *ids,
                                                        const char             *by,
                                                        GError                **error);

/* Imports and export */
gboolean             custody_store_import_csv          (CustodyStore           *self,
                                                        const char             *kind,
                                                        GInputStream           *input,
                                                        CustodyImportStats     *stats,
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
