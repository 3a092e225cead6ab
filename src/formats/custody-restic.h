/* custody-restic.h
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "custody-tool-text.h"
#include "custody-types.h"

G_BEGIN_DECLS

/* What restic prints (doc/075_scripting.rst), read into plain values:
 * its snapshot list, its backup output and its check. Errors name the
 * line and column of what is wrong (%CUSTODY_PARSE_ERROR). */

typedef enum
{
  CUSTODY_RESTIC_UNKNOWN,
  CUSTODY_RESTIC_SNAPSHOT_LIST,    /* restic snapshots --json */
  CUSTODY_RESTIC_BACKUP,           /* restic backup --json */
  CUSTODY_RESTIC_SNAPSHOT,         /* one snapshot of the list */
} CustodyResticKind;

/* Which snapshots to keep, as restic's own --host, --path and --tag
 * choose them (NULL: all). */
typedef struct
{
  const char * const *hosts;
  const char * const *paths;
  const char * const *tags;
} CustodyResticFilter;

typedef struct
{
  char     *id;              /* 64 hexadecimal digits */
  char     *source;          /* "ws-01: /srv/projects, /etc" */
  gint64    started;
  gint64    finished;        /* the start when the summary does not say */
  gboolean  finish_known;    /* summary.backup_end (restic >= 0.17) */
  gint64    bytes;           /* -1: not said */
  gint64    files;           /* -1: not said */
  guint     index;           /* in the list, from 1 */
} CustodyResticSnapshot;

typedef struct
{
  char             *snapshot_id;    /* 8 to 64 digits: short before restic 0.15 */
  gint64            started;        /* CUSTODY_TIME_NONE: not said (restic < 0.17) */
  gint64            finished;       /* CUSTODY_TIME_NONE: not said */
  gint64            bytes;          /* -1: not said */
  gint64            files;          /* -1: not said */
  CustodyRunStatus  status;
  char             *message;        /* NULL for a clean run */
  gsize             summary_offset;
} CustodyResticBackup;

typedef struct
{
  gboolean  passed;
  gint64    errors;
  char     *note;                   /* "restic check: ..." */
  char     *digest;                 /* SHA-256 of the output read, without "rc=N" */
} CustodyResticCheck;

CustodyResticKind custody_restic_detect          (CustodyJsonDoc             *doc);

/* The snapshots of a list (grouped or not) or a single snapshot, in the
 * order printed, into @snapshots (of CustodyResticSnapshot; it clears
 * them). @left_out counts those @filter leaves out. */
GArray           *custody_restic_snapshots_new   (void);
gboolean          custody_restic_read_snapshots  (CustodyToolText            *text,
                                                  CustodyJsonDoc             *doc,
                                                  const CustodyResticFilter  *filter,
                                                  GArray                     *snapshots,
                                                  guint                      *left_out,
                                                  GError                    **error);

/* @exit_code: restic's, -1 when not given. */
gboolean          custody_restic_read_backup     (CustodyToolText            *text,
                                                  CustodyJsonDoc             *doc,
                                                  int                         exit_code,
                                                  CustodyResticBackup        *backup,
                                                  GError                    **error);
void              custody_restic_backup_clear    (CustodyResticBackup        *backup);

/* Text (0.14-0.16) or JSON lines (>= 0.17), ending in "rc=N" or with
 * @exit_code given (-1: not given). */
gboolean          custody_restic_read_check      (CustodyToolText            *text,
                                                  int                         exit_code,
                                                  CustodyResticCheck         *check,
                                                  GError                    **error);
void              custody_restic_check_clear     (CustodyResticCheck         *check);

/* An error at @offset when @finished is before @started. */
gboolean          custody_restic_check_order     (CustodyToolText            *text,
                                                  gsize                       offset,
                                                  const char                 *what,
                                                  gint64                      started,
                                                  gint64                      finished,
                                                  GError                    **error);
gboolean          custody_restic_is_id           (const char                 *id,
                                                  gsize                       min_length);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CustodyResticBackup, custody_restic_backup_clear)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CustodyResticCheck, custody_restic_check_clear)

G_END_DECLS
