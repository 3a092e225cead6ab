/* fuzz-common.h
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <stddef.h>
#include <stdint.h>

#include "custody-store.h"

G_BEGIN_DECLS

/* libFuzzer's entry point: each target defines it. */
int             LLVMFuzzerTestOneInput   (const uint8_t *data,
                                          size_t         size);

/* The input as a C string, as the readers that take one get it: an
 * embedded NUL ends it. */
char           *fuzz_dup_text            (const uint8_t *data,
                                          size_t         size);
/* One store for the whole run, in a temporary directory removed at exit,
 * for the readers reachable only through an import. */
CustodyStore   *fuzz_get_store           (void);

G_END_DECLS
