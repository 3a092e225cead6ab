/* custody-reconciliation-dialog.h
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "custody-reconciliation.h"

G_BEGIN_DECLS

#define CUSTODY_TYPE_RECONCILIATION_DIALOG (custody_reconciliation_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CustodyReconciliationDialog, custody_reconciliation_dialog, CUSTODY,
                      RECONCILIATION_DIALOG, AdwMessageDialog)

CustodyReconciliationDialog *
custody_reconciliation_dialog_new                (GtkWidget                   *parent,
                                                  CustodyReconciliation       *reconciliation);
CustodyReconciliation *
custody_reconciliation_dialog_get_reconciliation (CustodyReconciliationDialog *self);

G_END_DECLS
