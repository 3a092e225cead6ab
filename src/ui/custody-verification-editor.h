/* custody-verification-editor.h
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "custody-records.h"

G_BEGIN_DECLS

#define CUSTODY_TYPE_VERIFICATION_EDITOR (custody_verification_editor_get_type ())
G_DECLARE_FINAL_TYPE (CustodyVerificationEditor, custody_verification_editor, CUSTODY,
                      VERIFICATION_EDITOR, AdwWindow)

CustodyVerificationEditor *custody_verification_editor_new      (GtkWindow                 *parent,
                                                                 const char                *job,
                                                                 const char * const        *copies,
                                                                 const char                *copy);
CustodyVerification       *custody_verification_editor_dup_verification
                                                                (CustodyVerificationEditor *self);
void                       custody_verification_editor_set_busy (CustodyVerificationEditor *self,
                                                                 gboolean                   busy);
void                       custody_verification_editor_show_error
                                                               (CustodyVerificationEditor *self,
                                                                const char                *message);

G_END_DECLS
