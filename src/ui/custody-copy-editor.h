/* custody-copy-editor.h
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "custody-records.h"

G_BEGIN_DECLS

#define CUSTODY_TYPE_COPY_EDITOR (custody_copy_editor_get_type ())
G_DECLARE_FINAL_TYPE (CustodyCopyEditor, custody_copy_editor, CUSTODY, COPY_EDITOR, AdwWindow)

CustodyCopyEditor *custody_copy_editor_new         (GtkWindow         *parent,
                                                    const char        *job,
                                                    CustodyCopy       *copy,
                                                    GPtrArray         *locations);
CustodyCopy       *custody_copy_editor_dup_copy    (CustodyCopyEditor *self);
const char        *custody_copy_editor_get_original_name (CustodyCopyEditor *self);
void               custody_copy_editor_set_busy    (CustodyCopyEditor *self,
                                                    gboolean           busy);
void               custody_copy_editor_show_error  (CustodyCopyEditor *self,
                                                    const char        *message);

G_END_DECLS
