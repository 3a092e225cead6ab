/* custody-job-detail.h
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "custody-job-item.h"
#include "custody-session.h"

G_BEGIN_DECLS

#define CUSTODY_TYPE_JOB_DETAIL (custody_job_detail_get_type ())
G_DECLARE_FINAL_TYPE (CustodyJobDetail, custody_job_detail, CUSTODY, JOB_DETAIL, AdwBin)

void            custody_job_detail_set_session   (CustodyJobDetail *self,
                                                  CustodySession   *session);
CustodyJobItem *custody_job_detail_get_item      (CustodyJobDetail *self);
void            custody_job_detail_set_item      (CustodyJobDetail *self,
                                                  CustodyJobItem   *item);
void            custody_job_detail_set_show_back (CustodyJobDetail *self,
                                                  gboolean          show_back);
void            custody_job_detail_show_history  (CustodyJobDetail *self);
gboolean        custody_job_detail_go_back       (CustodyJobDetail *self);

G_END_DECLS
