/* custody-job-editor.h
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "custody-records.h"

G_BEGIN_DECLS

#define CUSTODY_TYPE_JOB_EDITOR (custody_job_editor_get_type ())
G_DECLARE_FINAL_TYPE (CustodyJobEditor, custody_job_editor, CUSTODY, JOB_EDITOR, AdwWindow)

CustodyJobEditor *custody_job_editor_new       (GtkWindow        *parent,
                                                CustodyJob       *job,
                                                gint64            default_rpo_hours,
                                                gint64            default_verify_days);
CustodyJob       *custody_job_editor_dup_job   (CustodyJobEditor *self);
const char       *custody_job_editor_get_original_name (CustodyJobEditor *self);
void              custody_job_editor_set_busy  (CustodyJobEditor *self,
                                                gboolean          busy);
void              custody_job_editor_show_error (CustodyJobEditor *self,
                                                 const char       *message);

G_END_DECLS
