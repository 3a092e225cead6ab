/* custody-medium-editor.h
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "custody-records.h"

G_BEGIN_DECLS

#define CUSTODY_TYPE_MEDIUM_EDITOR (custody_medium_editor_get_type ())
G_DECLARE_FINAL_TYPE (CustodyMediumEditor, custody_medium_editor, CUSTODY, MEDIUM_EDITOR,
                      AdwMessageDialog)

CustodyMediumEditor *custody_medium_editor_new        (GtkWidget            *parent,
                                                      CustodyMedium        *medium,
                                                      GPtrArray            *pools);
CustodyMedium       *custody_medium_editor_dup_medium (CustodyMediumEditor  *self,
                                                      GError              **error);

G_END_DECLS
