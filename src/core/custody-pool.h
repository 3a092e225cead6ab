/* custody-pool.h
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "custody-rotation.h"

G_BEGIN_DECLS

/* A pool of volumes that belong together, and how they rotate. */

#define CUSTODY_TYPE_POOL (custody_pool_get_type ())
G_DECLARE_FINAL_TYPE (CustodyPool, custody_pool, CUSTODY, POOL, GObject)

struct _CustodyPool
{
  GObject                parent_instance;

  gint64                 id;
  char                  *name;
  char                  *media_type;   /* "" when any */
  CustodyRotationPolicy  policy;
  gint64                 n_media;      /* volumes in it, when listed */
  gint64                 created_at;
};

CustodyPool *custody_pool_new (const char *name);

G_END_DECLS
