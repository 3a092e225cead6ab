/* custody-reconciliation.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custody-reconciliation"

#include "config.h"

#include "custody-reconciliation.h"
#include "custody-time.h"

G_DEFINE_FINAL_TYPE (CustodyReconciliation, custody_reconciliation, G_TYPE_OBJECT)

static void
custody_reconciliation_finalize (GObject *object)
{
  CustodyReconciliation *self = (CustodyReconciliation *) object;

  g_free (self->location);
  g_free (self->by);
  g_free (self->note);
  g_free (self->source);
  g_strfreev (self->present);
  g_strfreev (self->missing);
  g_strfreev (self->surplus);
  g_strfreev (self->unknown);
  g_strfreev (self->duplicates);

  G_OBJECT_CLASS (custody_reconciliation_parent_class)->finalize (object);
}

static void
custody_reconciliation_class_init (CustodyReconciliationClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = custody_reconciliation_finalize;
}

static void
custody_reconciliation_init (CustodyReconciliation *self)
{
  self->at = CUSTODY_TIME_NONE;
  self->by = g_strdup ("");
  self->note = g_strdup ("");
  self->source = g_strdup ("scan");
  self->present = g_new0 (char *, 1);
  self->missing = g_new0 (char *, 1);
  self->surplus = g_new0 (char *, 1);
  self->unknown = g_new0 (char *, 1);
  self->duplicates = g_new0 (char *, 1);
}

CustodyReconciliation *
custody_reconciliation_new (void)
{
  return g_object_new (CUSTODY_TYPE_RECONCILIATION, NULL);
}
