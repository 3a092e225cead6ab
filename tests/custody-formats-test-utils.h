/* custody-formats-test-utils.h
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the tests of the readers of src/formats share: the fixtures of
 * tests/fixtures, and the checks of what a reader says. No store.
 */
#pragma once

#include <glib.h>

#include "custody-tool-text.h"

G_BEGIN_DECLS

/* The content of tests/fixtures/@dir/@name ("import", "mtx"), asserting
 * that it reads; @length may be NULL. */
char  *custody_test_fixture           (const char   *dir,
                                       const char   *name,
                                       gsize        *length);
/* The time @iso says (ISO 8601, or what custody_time_parse () reads);
 * it must parse. */
gint64 custody_test_time              (const char   *iso);
/* @time, in ISO 8601 UTC, is @expected. */
void   custody_test_assert_time       (gint64        time,
                                       const char   *expected);
/* @error, of case @index of a table (said in the log), is a
 * CUSTODY_PARSE_ERROR_INVALID that says @message. */
void   custody_test_assert_invalid    (const GError *error,
                                       guint         index,
                                       const char   *message);

/* An output a check reader refuses, with the exit code given with it. */
typedef struct
{
  const char *text;
  int         exit_code;
  const char *message;
} CustodyTestRefusal;

/* What restic's and borg's check readers say, alike. */
typedef struct
{
  gboolean    passed;
  gint64      errors;
  gint64      at;          /* CUSTODY_TIME_NONE where the tool says none */
  char       *note;
  char       *digest;
} CustodyTestCheck;

/* Reads @text as a check's output into @check (left to the caller). */
typedef gboolean (*CustodyTestReadCheck) (CustodyToolText   *text,
                                          int                exit_code,
                                          CustodyTestCheck  *check,
                                          GError           **error);

/* @read reads @data (@length) given @exit_code as @expected says, with
 * a SHA-256 of what it read. */
void   custody_test_assert_check      (CustodyTestReadCheck      read,
                                       const char               *data,
                                       gsize                     length,
                                       int                       exit_code,
                                       const CustodyTestCheck   *expected);
/* @read refuses each of @cases (@n of them), saying its message. */
void   custody_test_assert_refusals   (const CustodyTestRefusal *cases,
                                       guint                     n,
                                       CustodyTestReadCheck      read);

G_END_DECLS
