/* custody-delete-copy-dialog.h
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CUSTODY_TYPE_DELETE_COPY_DIALOG (custody_delete_copy_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CustodyDeleteCopyDialog, custody_delete_copy_dialog, CUSTODY,
                      DELETE_COPY_DIALOG, AdwMessageDialog)

CustodyDeleteCopyDialog *custody_delete_copy_dialog_new      (GtkWidget               *parent,
                                                              const char              *job,
                                                              const char              *copy);
const char              *custody_delete_copy_dialog_get_job  (CustodyDeleteCopyDialog *self);
const char              *custody_delete_copy_dialog_get_copy (CustodyDeleteCopyDialog *self);

G_END_DECLS
