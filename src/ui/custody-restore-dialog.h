/* custody-restore-dialog.h
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "custody-session.h"

G_BEGIN_DECLS

#define CUSTODY_TYPE_RESTORE_DIALOG (custody_restore_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CustodyRestoreDialog, custody_restore_dialog, CUSTODY, RESTORE_DIALOG,
                      AdwMessageDialog)

CustodyRestoreDialog *custody_restore_dialog_new        (GtkWidget            *parent,
                                                       CustodySession       *session);
const char           *custody_restore_dialog_get_path   (CustodyRestoreDialog *self);
char                 *custody_restore_dialog_dup_label  (CustodyRestoreDialog *self);

G_END_DECLS
