/* custody-job-row.h
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "custody-job-item.h"

G_BEGIN_DECLS

#define CUSTODY_TYPE_JOB_ROW (custody_job_row_get_type ())
G_DECLARE_FINAL_TYPE (CustodyJobRow, custody_job_row, CUSTODY, JOB_ROW, GtkWidget)

GtkWidget      *custody_job_row_new      (void);
CustodyJobItem *custody_job_row_get_item (CustodyJobRow  *self);
void            custody_job_row_set_item (CustodyJobRow  *self,
                                          CustodyJobItem *item);

G_END_DECLS
