/* custody-test-utils.h
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* What every kind of test shares, without GTK or JSON: temporary
 * directories, files, SQLite files and other programs. */

/* Runs a program (argv[0] found in PATH) in @dir and @env with @stdin_text
 * (NULL: nothing) as its input; returns its exit status, or -1 if it did
 * not exit (a crash, a fatal warning). */
int         custody_test_spawn       (const char         *dir,
                                      char              **env,
                                      const char * const *argv,
                                      const char         *stdin_text,
                                      char              **out,
                                      char              **err);

/* This process's environment as the programs a test runs should see it:
 * UTC, C.UTF-8, English, SQLite's default busy timeout. */
char      **custody_test_environ     (void);

/* The header of the CSV files `custodyctl import executions` reads. */
#define CUSTODY_TEST_EXECUTIONS_HEADER \
  "job,copy,started,finished,status,bytes,files,volumes,run_id,message\n"

/* The path of tests/fixtures/@dir/@name. */
char       *custody_test_fixture_path (const char        *dir,
                                       const char        *name);

/* Temporary directories, removed with all they hold. */
char       *custody_test_make_tmpdir   (void);
void        custody_test_remove_tmpdir (const char         *path);

/* A file's SHA-256 in hex, or NULL if there is no such file. */
char       *custody_test_file_sha256   (const char         *path);

/* SQL on the SQLite file at @path, asserting that it runs. */
void        custody_test_exec_sql      (const char         *path,
                                        const char         *sql);
/* The first column of the first row @sql returns (it must return one). */
gint64      custody_test_query_int     (const char         *path,
                                        const char         *sql);
/* The same as text, or NULL for no row or an SQL NULL. */
char       *custody_test_query_text    (const char         *path,
                                        const char         *sql);

G_END_DECLS
