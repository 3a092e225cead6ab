/* custody-ctl-test-utils.h
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "custody-test-utils.h"

G_BEGIN_DECLS

/* Running the built custodyctl (the CUSTODYCTL environment variable) on a
 * store of its own in a temporary directory, as a script would, for the
 * tests that look at custodyctl from the outside. */

#define CTL_EXIT_OK    0
#define CTL_EXIT_USAGE 2

typedef struct
{
  char       *dir;
  char       *db;
  char      **env;        /* what custodyctl and the tools it is tested with run in */
  gboolean    as_nobody;  /* run it as uid 65534 (for a read-only store) */
  gboolean    hands_off;  /* do not open the store file: this process holds
                           * an SQLite lock on it, and closing any descriptor
                           * of the file would drop that lock (POSIX) */
} CtlFixture;

void        ctl_fixture_set_up       (CtlFixture     *f,
                                      gconstpointer   data);
/* The same, with a job "ws" and its disk copy "nas", added on
 * 2026-11-01: what the importers' tests import into. */
void        ctl_fixture_set_up_ws    (CtlFixture     *f,
                                      gconstpointer   data);
void        ctl_fixture_tear_down    (CtlFixture     *f,
                                      gconstpointer   data);
void        ctl_fixture_setenv       (CtlFixture     *f,
                                      const char     *name,
                                      const char     *value);
char       *ctl_fixture_path         (CtlFixture     *f,
                                      const char     *name);
char       *ctl_fixture_write        (CtlFixture     *f,
                                      const char     *name,
                                      const char     *contents,
                                      gssize          length);

/* Runs a program (argv[0] found in PATH) in the fixture's directory and
 * environment; returns its exit status, or -1 if it did not exit. */
int         ctl_spawn                (CtlFixture         *f,
                                      const char * const *argv,
                                      const char         *stdin_text,
                                      char              **out,
                                      char              **err);
/* custodyctl --db DB ARGS... */
int         ctl_run                  (CtlFixture     *f,
                                      const char     *stdin_text,
                                      char          **out,
                                      char          **err,
                                      const char     *first,
                                      ...) G_GNUC_NULL_TERMINATED;
/* Asserts the exit status and returns what it printed with --json. */
JsonNode   *ctl_json                 (CtlFixture     *f,
                                      int             status,
                                      const char     *first,
                                      ...) G_GNUC_NULL_TERMINATED;
/* Asserts that custodyctl fails with @status, says @message on stderr
 * and leaves the store file as it was. */
void        ctl_assert_fails         (CtlFixture     *f,
                                      int             status,
                                      const char     *message,
                                      const char     *first,
                                      ...) G_GNUC_NULL_TERMINATED;
/* Runs custodyctl and asserts it succeeds. */
void        ctl_ok                   (CtlFixture     *f,
                                      const char     *first,
                                      ...) G_GNUC_NULL_TERMINATED;

gint64      ctl_query_int            (CtlFixture     *f,
                                      const char     *sql);
char       *ctl_query_text           (CtlFixture     *f,
                                      const char     *sql);

JsonObject *ctl_find_by              (JsonArray      *array,
                                      const char     *member,
                                      const char     *value);
JsonObject *ctl_check_job            (JsonNode       *check,
                                      const char     *job);
gboolean    ctl_rule_passes          (JsonObject     *job,
                                      const char     *rule);

G_END_DECLS
