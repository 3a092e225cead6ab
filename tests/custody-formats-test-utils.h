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

typedef gboolean (*CustodyTestReadCheck) (CustodyToolText  *text,
                                          int               exit_code,
                                          GError          **error);

/* @read refuses each of @cases (@n of them), saying its message. */
void   custody_test_assert_refusals   (const CustodyTestRefusal *cases,
                                       guint                     n,
                                       CustodyTestReadCheck      read);

G_END_DECLS
