/* custody-test-utils.h
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Runs a program (argv[0] found in PATH) in @dir and @env with @stdin_text
 * (NULL: nothing) as its input; returns its exit status, or -1 if it did
 * not exit (a crash, a fatal warning). */
int         custody_test_spawn       (const char         *dir,
                                      char              **env,
                                      const char * const *argv,
                                      const char         *stdin_text,
                                      char              **out,
                                      char              **err);

G_END_DECLS
