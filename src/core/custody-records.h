/* custody-records.h
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "custody-compliance.h"
#include "custody-types.h"

G_BEGIN_DECLS

/* Plain records of the store's entities. They carry data and no
 * behaviour, so their fields are public: the store fills them, the CLI
 * prints them and list models hold them. Times are Unix seconds, with
 * CUSTODY_TIME_NONE for "not set"; strings are never NULL unless noted. */

#define CUSTODY_TYPE_JOB (custody_job_get_type ())
G_DECLARE_FINAL_TYPE (CustodyJob, custody_job, CUSTODY, JOB, GObject)

struct _CustodyJob
{
  GObject         parent_instance;

  gint64          id;
  char           *name;
  char           *source;
  char           *owner;
  gint64          rpo_hours;
  gint64          verify_days;
  char           *tags;
  gint64          created_at;
  CustodyVerdict *verdict;       /* NULL until evaluated */
  int             status;        /* a CustodyStatus, or -1 when not known */
};

#define CUSTODY_TYPE_COPY (custody_copy_get_type ())
G_DECLARE_FINAL_TYPE (CustodyCopy, custody_copy, CUSTODY, COPY, GObject)

struct _CustodyCopy
{
  GObject              parent_instance;

  gint64               id;
  gint64               job_id;
  char                *job;
  char                *name;
  CustodyMediaType     media_type;
  char                *location;        /* NULL: none */
  CustodyLocationKind  location_kind;
  gboolean             immutable;
  gboolean             air_gapped;
  gint64               retention_days;  /* 0: not set */
  gint64               created_at;
};

#define CUSTODY_TYPE_EXECUTION (custody_execution_get_type ())
G_DECLARE_FINAL_TYPE (CustodyExecution, custody_execution, CUSTODY, EXECUTION, GObject)

struct _CustodyExecution
{
  GObject           parent_instance;

  gint64            id;
  char             *job;
  char             *copy;
  gint64            started;
  gint64            finished;   /* CUSTODY_TIME_NONE while running */
  CustodyRunStatus  status;
  gint64            bytes;      /* -1: unknown */
  gint64            files;      /* -1: unknown */
  char            **volumes;    /* NULL-terminated, never NULL */
  char             *run_id;     /* NULL: none */
  char             *message;
};

#define CUSTODY_TYPE_VERIFICATION (custody_verification_get_type ())
G_DECLARE_FINAL_TYPE (CustodyVerification, custody_verification, CUSTODY, VERIFICATION, GObject)

struct _CustodyVerification
{
  GObject            parent_instance;

  gint64             id;
  char              *job;
  char              *copy;
  CustodyVerifyKind  kind;
  gint64             at;
  gboolean           passed;
  gint64             errors;
  gint64             duration_s;  /* -1: unknown */
  char              *by;
  char              *note;
};

#define CUSTODY_TYPE_LOCATION (custody_location_get_type ())
G_DECLARE_FINAL_TYPE (CustodyLocation, custody_location, CUSTODY, LOCATION, GObject)

struct _CustodyLocation
{
  GObject              parent_instance;

  gint64               id;
  char                *name;
  CustodyLocationKind  kind;
  gint64               created_at;
};

#define CUSTODY_TYPE_MEDIUM (custody_medium_get_type ())
G_DECLARE_FINAL_TYPE (CustodyMedium, custody_medium, CUSTODY, MEDIUM, GObject)

struct _CustodyMedium
{
  GObject              parent_instance;

  gint64               id;
  char                *volser;
  char                *type;
  char                *pool;             /* NULL: none */
  CustodyMediumStatus  status;
  char                *location;         /* NULL: never moved */
  CustodyLocationKind  location_kind;
  gint64               location_since;
  char                *container;        /* of its latest movement; NULL: none */
  gint64               retention_until;
  gint64               capacity_bytes;   /* 0: unknown */
  gint64               bytes_written;
  gint64               mounts;
  gint64               errors;
  gboolean             worm;
  gint64               last_written;
  gint64               created_at;
  char                *note;
  char                *slot;             /* where in its library (mtx); "" when not known */
};

#define CUSTODY_TYPE_MOVEMENT (custody_movement_get_type ())
G_DECLARE_FINAL_TYPE (CustodyMovement, custody_movement, CUSTODY, MOVEMENT, GObject)

struct _CustodyMovement
{
  GObject  parent_instance;

  gint64   id;
  char    *volser;
  char    *from;         /* NULL: first recorded place */
  char    *to;
  gint64   at;
  char    *by;
  char    *courier;
  char    *container;
  char    *seal;
  char    *note;
  char    *source;       /* move, scan, mtx, reconcile, import */
  gint64   recorded_at;
};

#define CUSTODY_TYPE_ALERT (custody_alert_get_type ())
G_DECLARE_FINAL_TYPE (CustodyAlert, custody_alert, CUSTODY, ALERT, GObject)

typedef enum
{
  CUSTODY_SEVERITY_INFO,
  CUSTODY_SEVERITY_WARNING,
  CUSTODY_SEVERITY_CRITICAL,
} CustodySeverity;

struct _CustodyAlert
{
  GObject          parent_instance;

  gint64           id;
  char            *cause;          /* one open alert per cause */
  char            *kind;           /* violation, failed-run, verification-overdue, ... */
  CustodySeverity  severity;
  char            *subject;        /* the job or volume it is about */
  char            *message;
  gint64           raised_at;
  gint64           resolved_at;
  char            *acknowledged_by; /* NULL: not acknowledged */
  gint64           acknowledged_at;
  char            *acknowledged_note; /* NULL: none */
};

const char    *custody_severity_to_string   (CustodySeverity  severity);
gboolean       custody_severity_from_string (const char      *str,
                                             CustodySeverity *out);
const char    *custody_severity_get_label   (CustodySeverity  severity);
char          *custody_alert_describe       (const char      *kind,
                                             const char      *subject,
                                             const char      *detail,
                                             gboolean         translated);
const char    *custody_alert_subject        (const char      *kind,
                                             const char      *subject);
char          *custody_alert_describe_verdict (const char           *kind,
                                               const CustodyVerdict *verdict,
                                               const char           *copy,
                                               gboolean              translated);

CustodyJob          *custody_job_new          (void);
CustodyCopy         *custody_copy_new         (void);
CustodyExecution    *custody_execution_new    (void);
CustodyVerification *custody_verification_new (void);
CustodyLocation     *custody_location_new     (void);
CustodyMedium       *custody_medium_new       (void);
CustodyMovement     *custody_movement_new     (void);
CustodyAlert        *custody_alert_new        (void);

G_END_DECLS
