/* custody-move-dialog.h
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "custody-records.h"

G_BEGIN_DECLS

#define CUSTODY_TYPE_MOVE_DIALOG (custody_move_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CustodyMoveDialog, custody_move_dialog, CUSTODY, MOVE_DIALOG,
                      AdwMessageDialog)

CustodyMoveDialog *custody_move_dialog_new          (GtkWidget         *parent,
                                                    CustodyMedium     *medium,
                                                    GPtrArray         *locations);
CustodyMovement   *custody_move_dialog_dup_movement (CustodyMoveDialog *self);

G_END_DECLS
