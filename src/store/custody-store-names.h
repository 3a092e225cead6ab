/* custody-store-names.h
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  CUSTODY_NAMES_JOBS,
  CUSTODY_NAMES_COPIES,
  CUSTODY_NAMES_LOCATIONS,
  CUSTODY_NAMES_POOLS,
  CUSTODY_NAMES_VOLSERS,
  CUSTODY_NAMES_OPEN_ALERTS,   /* the ids of alerts open and not acknowledged */
} CustodyNames;

GPtrArray *custody_store_peek_names (const char   *path,
                                     CustodyNames  names,
                                     const char   *job,
                                     const char   *prefix);

G_END_DECLS
