/* custody-reconciliation.h
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* What was physically found at a location against what the store said
 * was there, on one date. */

#define CUSTODY_TYPE_RECONCILIATION (custody_reconciliation_get_type ())
G_DECLARE_FINAL_TYPE (CustodyReconciliation, custody_reconciliation, CUSTODY, RECONCILIATION,
                      GObject)

struct _CustodyReconciliation
{
  GObject    parent_instance;

  gint64     id;
  char      *location;
  gint64     at;
  char      *by;
  char      *note;
  char      *source;      /* scan, mtx */
  GStrv      present;     /* expected there and found */
  GStrv      missing;     /* expected there, not found */
  GStrv      surplus;     /* found there, expected elsewhere or unknown */
  GStrv      unknown;     /* the part of @surplus the store does not know */
  GStrv      duplicates;  /* found more than once */
  gint64     scans;       /* lines read */
};

CustodyReconciliation *custody_reconciliation_new (void);

G_END_DECLS
