/* custody-labels-dialog.h
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "custody-labels.h"

G_BEGIN_DECLS

#define CUSTODY_TYPE_LABELS_DIALOG (custody_labels_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CustodyLabelsDialog, custody_labels_dialog, CUSTODY, LABELS_DIALOG,
                      AdwMessageDialog)

CustodyLabelsDialog *custody_labels_dialog_new        (GtkWidget            *parent,
                                                      const char           *first);
CustodyLabels       *custody_labels_dialog_dup_labels (CustodyLabelsDialog  *self,
                                                      GError              **error);

G_END_DECLS
