/* custody-bareos.h
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "custody-tool-text.h"
#include "custody-types.h"

G_BEGIN_DECLS

/* What Bareos' bconsole prints, read into plain values: its JSON-RPC
 * answers (.api 2), its lists of jobs and its volume listings, in JSON or
 * as text tables.
 * Errors name the line (and column) of what is wrong
 * (%CUSTODY_PARSE_ERROR). */

typedef struct
{
  char                *volser;        /* normalized */
  char                *pool;          /* NULL: not said */
  char                *type;          /* Bareos' MediaType: "LTO-8", "File" */
  char                *volstatus;     /* as Bareos says it */
  CustodyMediumStatus  status;
  char                *storage;       /* NULL: not said */
  gint64               bytes;         /* -1: not said */
  gint64               retention_s;   /* -1: not said */
  gint64               retention_until;   /* CUSTODY_TIME_NONE: none */
  gint64               last_written;  /* CUSTODY_TIME_NONE: never */
  gint64               errors;        /* -1: not said */
  gint64               mounts;        /* -1: not said */
  gint64               slot;          /* -1: not said */
  int                  in_changer;    /* -1: not said */
  gsize                offset;        /* JSON input: where the volume is */
  guint                line;          /* text input: its line, else 0 */
  guint                listing;       /* which listing of the input it is in */
} CustodyBareosVolume;

/* Each answer is an object, none an error: "bconsole answered with an
 * error: ..." names the first. */
gboolean         custody_bareos_check_answers (CustodyToolText  *text,
                                               CustodyJsonDoc   *doc,
                                               GError          **error);
/* What a command returned: the "result" of a JSON-RPC answer, or a bare
 * result object; 0 for neither. */
CustodyJsonNode  custody_bareos_result        (CustodyJsonDoc   *doc,
                                               CustodyJsonNode   root);

/* The volumes of `list volumes`, `llist volumes all`, `llist media` (JSON
 * mode) or the text tables of api mode 0, into @volumes (of
 * CustodyBareosVolume; it clears them). A volume listed again later in
 * the input (a session that lists, updates and lists again) is read as
 * listed last. */
GArray          *custody_bareos_volumes_new   (void);
gboolean         custody_bareos_read_volumes  (CustodyToolText  *text,
                                               GArray           *volumes,
                                               GError          **error);
/* An error naming where @volume is in the input: its line in a text
 * table, its line and column in JSON. */
gboolean         custody_bareos_volume_fail   (CustodyToolText            *text,
                                               const CustodyBareosVolume  *volume,
                                               GError                    **error,
                                               const char                 *format,
                                               ...) G_GNUC_PRINTF (4, 5);

/* Jobs, from `list jobs` or `llist jobs` (JSON mode), with the volumes
 * `llist jobmedia` in the same input says each wrote to. */
typedef enum
{
  CUSTODY_BAREOS_JOB_SKIPPED,        /* a restore, an admin job...: only counted */
  CUSTODY_BAREOS_JOB_RUN,            /* a backup or a copy: a run of its copy */
  CUSTODY_BAREOS_JOB_VERIFICATION,   /* a verify job, or one that found differences */
} CustodyBareosJobKind;

typedef struct
{
  CustodyBareosJobKind  kind;
  gint64                jobid;
  char                  type;           /* Bareos' job type: 'B', 'C', 'V', 'R'... */
  guint                 index;          /* in the order listed, from 1 */
  gsize                 offset;         /* where the job is in the input */
  /* Not read for skipped jobs: */
  char                 *name;           /* Bareos' job name: Custody's job */
  char                 *pool;           /* the copy; NULL: not said ('list jobs') */
  char                 *status;         /* jobstatus, a letter */
  gint64                prior_jobid;    /* verify jobs: the job verified; 0: not said */
  gboolean              running;        /* not over yet */
  gint64                started;
  /* Runs: CUSTODY_TIME_NONE while running, else the end (the start when
   * not said). Verifications: when it ended, or started. */
  gint64                finished;
  gboolean              finish_known;
  CustodyRunStatus      run_status;     /* runs */
  gint64                bytes;          /* runs; -1: not said */
  gint64                files;          /* runs; -1: not said */
  gboolean              passed;         /* verifications */
  gint64                errors;         /* verifications: at least 1 when it failed */
  gint64                duration_s;     /* verifications; -1: not known */
  char                 *message;        /* a run's message, a verification's note */
} CustodyBareosJob;

/* One row of `llist jobmedia`: a volume a job wrote to. */
typedef struct
{
  gint64                jobid;
  char                 *volser;         /* normalized */
  guint                 index;          /* in the order listed, from 1 */
  gsize                 offset;
} CustodyBareosJobMedia;

typedef struct
{
  GArray               *jobs;           /* of CustodyBareosJob */
  GArray               *media;          /* of CustodyBareosJobMedia */
} CustodyBareosJobs;

/* Reads the whole input into @jobs (which it clears first), or fails on
 * the first record that is wrong, in the order of the input. A JobId
 * listed twice is an error. */
gboolean         custody_bareos_read_jobs     (CustodyToolText    *text,
                                               CustodyBareosJobs  *jobs,
                                               GError            **error);
void             custody_bareos_jobs_clear    (CustodyBareosJobs  *jobs);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CustodyBareosJobs, custody_bareos_jobs_clear)

G_END_DECLS
