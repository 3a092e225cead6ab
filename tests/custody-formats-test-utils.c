/* custody-formats-test-utils.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "custody-formats-test-utils.h"
#include "custody-test-utils.h"
#include "custody-time.h"

char *
custody_test_fixture (const char *dir,
                      const char *name,
                      gsize      *length)
{
  g_autofree char *path = custody_test_fixture_path (dir, name);
  g_autoptr(GError) error = NULL;
  char *data = NULL;

  g_file_get_contents (path, &data, length, &error);
  g_assert_no_error (error);
  return data;
}

gint64
custody_test_time (const char *iso)
{
  g_autoptr(GError) error = NULL;
  gint64 value = 0;

  g_assert_true (custody_time_parse (iso, &value, &error));
  g_assert_no_error (error);
  return value;
}

void
custody_test_assert_time (gint64      time,
                          const char *expected)
{
  g_autofree char *text = custody_time_format (time);

  g_assert_cmpstr (text, ==, expected);
}

void
custody_test_assert_invalid (const GError *error,
                             guint         index,
                             const char   *message)
{
  g_test_message ("case %u: %s", index, error != NULL ? error->message : "(no error)");
  g_assert_error (error, CUSTODY_PARSE_ERROR, CUSTODY_PARSE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, message);
}

static void
check_clear (CustodyTestCheck *check)
{
  g_free (check->note);
  g_free (check->digest);
}

void
custody_test_assert_check (CustodyTestReadCheck    read,
                           const char             *data,
                           gsize                   length,
                           int                     exit_code,
                           const CustodyTestCheck *expected)
{
  CustodyToolText text = { data, length, NULL, FALSE, NULL };
  CustodyTestCheck check = { 0, };
  g_autoptr(GError) error = NULL;

  g_assert_true (read (&text, exit_code, &check, &error));
  g_assert_no_error (error);
  g_assert_cmpint (check.passed, ==, expected->passed);
  g_assert_cmpint (check.errors, ==, expected->errors);
  g_assert_cmpint (check.at, ==, expected->at);
  g_assert_cmpstr (check.note, ==, expected->note);
  g_assert_cmpuint (strlen (check.digest), ==, 64);
  check_clear (&check);
}

void
custody_test_assert_refusals (const CustodyTestRefusal *cases,
                              guint                     n,
                              CustodyTestReadCheck      read)
{
  for (guint i = 0; i < n; i++)
    {
      CustodyToolText text = { cases[i].text, strlen (cases[i].text), NULL, FALSE, NULL };
      CustodyTestCheck check = { 0, };
      g_autoptr(GError) error = NULL;

      g_assert_false (read (&text, cases[i].exit_code, &check, &error));
      custody_test_assert_invalid (error, i, cases[i].message);
      check_clear (&check);
    }
}
