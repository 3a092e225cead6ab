/* custody-release-dialog.h
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "custody-records.h"

G_BEGIN_DECLS

#define CUSTODY_TYPE_RELEASE_DIALOG (custody_release_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CustodyReleaseDialog, custody_release_dialog, CUSTODY, RELEASE_DIALOG,
                      AdwMessageDialog)

CustodyReleaseDialog *custody_release_dialog_new        (GtkWidget            *parent,
                                                       CustodyMedium        *medium,
                                                       CustodyMediumStatus   status);
CustodyMediumStatus   custody_release_dialog_get_status (CustodyReleaseDialog *self);

G_END_DECLS
