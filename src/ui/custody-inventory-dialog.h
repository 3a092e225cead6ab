/* custody-inventory-dialog.h
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>


G_BEGIN_DECLS

#define CUSTODY_TYPE_INVENTORY_DIALOG (custody_inventory_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CustodyInventoryDialog, custody_inventory_dialog, CUSTODY, INVENTORY_DIALOG,
                      AdwMessageDialog)

CustodyInventoryDialog *custody_inventory_dialog_new         (GtkWidget              *parent,
                                                             const char * const     *libraries);
const char             *custody_inventory_dialog_get_library (CustodyInventoryDialog *self);

G_END_DECLS
