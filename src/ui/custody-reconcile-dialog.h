/* custody-reconcile-dialog.h
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>


G_BEGIN_DECLS

#define CUSTODY_TYPE_RECONCILE_DIALOG (custody_reconcile_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CustodyReconcileDialog, custody_reconcile_dialog, CUSTODY, RECONCILE_DIALOG,
                      AdwMessageDialog)

CustodyReconcileDialog *custody_reconcile_dialog_new          (GtkWidget              *parent,
                                                              GPtrArray              *locations);
const char             *custody_reconcile_dialog_get_location (CustodyReconcileDialog *self);
GStrv                   custody_reconcile_dialog_dup_scanned  (CustodyReconcileDialog *self);

G_END_DECLS
