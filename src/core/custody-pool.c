/* custody-pool.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custody-pool"

#include "config.h"

#include "custody-pool.h"

G_DEFINE_FINAL_TYPE (CustodyPool, custody_pool, G_TYPE_OBJECT)

static void
custody_pool_finalize (GObject *object)
{
  CustodyPool *self = (CustodyPool *) object;

  g_free (self->name);
  g_free (self->media_type);

  G_OBJECT_CLASS (custody_pool_parent_class)->finalize (object);
}

static void
custody_pool_class_init (CustodyPoolClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = custody_pool_finalize;
}

static void
custody_pool_init (CustodyPool *self)
{
  self->media_type = g_strdup ("");
  custody_rotation_policy_init (&self->policy, CUSTODY_ROTATION_NONE);
}

CustodyPool *
custody_pool_new (const char *name)
{
  CustodyPool *self = g_object_new (CUSTODY_TYPE_POOL, NULL);

  self->name = g_strdup (name);
  return self;
}
