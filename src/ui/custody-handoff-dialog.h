/* custody-handoff-dialog.h
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "custody-desk.h"
#include "custody-handoff-sheet.h"

G_BEGIN_DECLS

#define CUSTODY_TYPE_HANDOFF_DIALOG (custody_handoff_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CustodyHandoffDialog, custody_handoff_dialog, CUSTODY, HANDOFF_DIALOG,
                      AdwMessageDialog)

CustodyHandoffDialog *custody_handoff_dialog_new       (GtkWidget            *parent,
                                                       CustodyDeskList       list);
CustodyHandoffSheet  *custody_handoff_dialog_dup_sheet (CustodyHandoffDialog *self,
                                                       CustodyDesk          *desk);

G_END_DECLS
