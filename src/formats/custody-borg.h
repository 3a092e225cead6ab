/* custody-borg.h
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "custody-tool-text.h"
#include "custody-types.h"

G_BEGIN_DECLS

/* What borg prints (docs/internals/frontends.rst), read into plain
 * values: its archive lists (borg 1.x and 2), its create output and its
 * check. Errors name the line and column of what is wrong
 * (%CUSTODY_PARSE_ERROR). */

typedef struct
{
  char             *id;              /* 64 hexadecimal digits */
  char             *name;
  gint64            started;
  gint64            finished;        /* the start when borg does not say */
  gboolean          finish_known;    /* "end" or "duration" */
  gint64            bytes;           /* -1: not said */
  gint64            files;           /* -1: not said */
  CustodyRunStatus  status;
  gboolean          status_known;    /* a checkpoint, or create with its exit code */
  char             *message;         /* the name, or why the run failed */
  guint             index;           /* in the list, from 1 */
} CustodyBorgArchive;

typedef struct
{
  gboolean  passed;
  gint64    errors;
  gint64    at;                      /* --log-json: the last message's time, or CUSTODY_TIME_NONE */
  char     *note;                    /* "borg check: ..." */
  char     *digest;                  /* SHA-256 of the output read, without "rc=N" */
} CustodyBorgCheck;

/* The document's shape and the repository it names (*repository_id NULL
 * when it does not say), before any archive is read. @exit_code: borg
 * create's, -1 when not given. */
gboolean  custody_borg_read_repository (CustodyToolText       *text,
                                        CustodyJsonDoc        *doc,
                                        int                    exit_code,
                                        char                 **repository_id,
                                        GError               **error);

/* The archives of a list or the one borg create made, in the order
 * printed, into @archives (of CustodyBorgArchive; it clears them).
 * @glob_archives: borg's --glob-archives, NULL for all; @left_out counts
 * those it leaves out. */
GArray   *custody_borg_archives_new    (void);
gboolean  custody_borg_read_archives   (CustodyToolText       *text,
                                        CustodyJsonDoc        *doc,
                                        int                    exit_code,
                                        const char            *glob_archives,
                                        GArray                *archives,
                                        guint                 *left_out,
                                        GError               **error);

/* Text or --log-json lines, ending in "rc=N" or with @exit_code given
 * (-1: not given). */
gboolean  custody_borg_read_check      (CustodyToolText       *text,
                                        int                    exit_code,
                                        CustodyBorgCheck      *check,
                                        GError               **error);
void      custody_borg_check_clear     (CustodyBorgCheck      *check);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CustodyBorgCheck, custody_borg_check_clear)

G_END_DECLS
