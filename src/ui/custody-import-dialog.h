/* custody-import-dialog.h
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "custody-session.h"

G_BEGIN_DECLS

#define CUSTODY_TYPE_IMPORT_DIALOG (custody_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CustodyImportDialog, custody_import_dialog, CUSTODY, IMPORT_DIALOG, AdwWindow)

CustodyImportDialog *custody_import_dialog_new (GtkWindow      *parent,
                                                CustodySession *session,
                                                GFile          *file);

G_END_DECLS
