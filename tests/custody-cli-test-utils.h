/* custody-cli-test-utils.h
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The command-line contract of docs/cli.md (the test-cli-* files), checked
 * from the outside: custodyctl on a real store of each test's own, seen
 * only as a script sees it: exit codes, stdout, stderr and the store file.
 * Every failing command is also checked to leave the store file exactly
 * as it was.
 */
#pragma once

#include "custody-ctl-test-utils.h"

G_BEGIN_DECLS

/* A fixed week, so that nothing depends on the day the tests run: the
 * store is set up on SETUP, the backups run the evening before NOW. */
#define SETUP      "2026-11-01T00:00:00Z"
#define RUN_START  "2026-11-19T22:00:00Z"
#define RUN_END    "2026-11-19T23:00:00Z"
#define VERIFIED   "2026-11-19T23:30:00Z"
#define IN_TRUCK   "2026-11-20T06:00:00Z"
#define IN_VAULT   "2026-11-20T08:00:00Z"
#define NOW        "2026-11-20T09:00:00Z"

#define EXIT_OK        0
#define EXIT_VIOLATION 1
#define EXIT_USAGE     2
#define EXIT_STORE     3

/* A fixture without a store: custodyctl's own init makes it. */
void        cli_fixture_set_up        (CtlFixture         *f,
                                       gconstpointer       data);
/* g_test_run (), then the shared compliant store is removed. */
int         cli_test_run              (void);

/* Each test under /cli/, with a fixture of its own. */
#define CLI_TEST_ADD(path, func) \
  g_test_add ("/cli/" path, CtlFixture, NULL, cli_fixture_set_up, func, ctl_fixture_tear_down)

/* Deterministic garbage. */
void        cli_fill_garbage          (guint8             *data,
                                       gsize               len,
                                       guint32             seed);

/* Running custodyctl: with @args (what follows "custodyctl"), as uid
 * 65534 for f->as_nobody; the exit status, or -1 if it did not exit. */
const char *cli_custodyctl_path       (void);
int         cli_run_argv              (CtlFixture         *f,
                                       const char * const *args,
                                       const char         *stdin_text,
                                       char              **out,
                                       char              **err);
/* custodyctl --db STORE ARGS... */
int         cli_run                   (CtlFixture         *f,
                                       const char         *stdin_text,
                                       char              **out,
                                       char              **err,
                                       ...) G_GNUC_NULL_TERMINATED;
/* Runs a command that must succeed quietly; returns its stdout. */
char       *cli_ok                    (CtlFixture         *f,
                                       ...) G_GNUC_NULL_TERMINATED;
/* custodyctl --db STORE --json ARGS..., which must exit with @status,
 * say nothing on stderr and print one JSON document. */
JsonNode   *cli_json                  (CtlFixture         *f,
                                       int                 status,
                                       ...) G_GNUC_NULL_TERMINATED;
/* A command that must fail with @status, say so on stderr as
 * "custodyctl: error: ..." (or a JSON error with --json) with @message in
 * it, print nothing on stdout, and leave the store file exactly as it was
 * (or absent if it was). */
void        cli_assert_fails_argv     (CtlFixture         *f,
                                       int                 status,
                                       const char         *message,
                                       const char * const *args,
                                       const char         *stdin_text);
void        cli_fails                 (CtlFixture         *f,
                                       int                 status,
                                       const char         *message,
                                       ...) G_GNUC_NULL_TERMINATED;
/* The same with standard input. */
void        cli_fails_stdin           (CtlFixture         *f,
                                       const char         *stdin_text,
                                       int                 status,
                                       const char         *message,
                                       ...) G_GNUC_NULL_TERMINATED;

/* JSON, asserting its shape. */
JsonNode   *cli_parse_json            (const char         *text);
JsonObject *cli_object_of             (JsonNode           *node);
JsonArray  *cli_array_of              (JsonNode           *node);
JsonNode   *cli_member                (JsonObject         *object,
                                       const char         *name);
/* A string member, or NULL for a JSON null. */
const char *cli_str_member            (JsonObject         *object,
                                       const char         *name);
gint64      cli_int_member            (JsonObject         *object,
                                       const char         *name);
gboolean    cli_bool_member           (JsonObject         *object,
                                       const char         *name);
JsonArray  *cli_array_member          (JsonObject         *object,
                                       const char         *name);
JsonObject *cli_element               (JsonArray          *array,
                                       guint               index);
/* The object of @array whose @key member is @value: there must be one. */
JsonObject *cli_find_by               (JsonArray          *array,
                                       const char         *key,
                                       const char         *value);
void        cli_assert_strings        (JsonArray          *array,
                                       const char * const *expected);
/* Any string in @array containing @needle. */
gboolean    cli_strings_contain       (JsonArray          *array,
                                       const char         *needle);

/* What is in the store, as custodyctl reports it. */
gint64      cli_audit_entries         (CtlFixture         *f);
JsonNode   *cli_export_store          (CtlFixture         *f);
guint       cli_export_count          (CtlFixture         *f,
                                       const char         *table);
/* The export without its own date: equal strings, equal stores. */
char       *cli_export_text           (CtlFixture         *f);
/* One check verdict as JSON, and one rule of it. */
JsonObject *cli_verdict_of            (JsonNode           *check,
                                       const char         *job);
JsonObject *cli_rule_of               (JsonObject         *verdict,
                                       const char         *rule);

/* Locations, and one job "payroll" that meets 3-2-1-1-0 at NOW: a copy on
 * the NAS and a tape that went to the vault through the courier's truck,
 * both backed up the evening before and verified. Made once, copied into
 * each test's directory. */
void        cli_build_compliant_store (CtlFixture         *f);
/* Adds "mail", which has a single copy and so is in violation. */
void        cli_add_violating_job     (CtlFixture         *f);

G_END_DECLS
