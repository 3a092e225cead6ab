/* custody-job-item.h
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "custody-records.h"

G_BEGIN_DECLS

#define CUSTODY_TYPE_JOB_ITEM (custody_job_item_get_type ())
G_DECLARE_FINAL_TYPE (CustodyJobItem, custody_job_item, CUSTODY, JOB_ITEM, GObject)

CustodyJobItem *custody_job_item_new          (CustodyJob     *job);
CustodyJob     *custody_job_item_get_job      (CustodyJobItem *self);
void            custody_job_item_set_job      (CustodyJobItem *self,
                                               CustodyJob     *job);
const char     *custody_job_item_get_name     (CustodyJobItem *self);
CustodyStatus   custody_job_item_get_status   (CustodyJobItem *self);
CustodyVerdict *custody_job_item_get_verdict  (CustodyJobItem *self);
gboolean        custody_job_item_matches      (CustodyJobItem *self,
                                               const char     *folded_needle);
gboolean        custody_job_item_get_hidden   (CustodyJobItem *self);
void            custody_job_item_set_hidden   (CustodyJobItem *self,
                                               gboolean        hidden);

G_END_DECLS
