/* custody-jobs-page.h
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "custody-page.h"

G_BEGIN_DECLS

#define CUSTODY_TYPE_JOBS_PAGE (custody_jobs_page_get_type ())
G_DECLARE_FINAL_TYPE (CustodyJobsPage, custody_jobs_page, CUSTODY, JOBS_PAGE, CustodyPage)

void     custody_jobs_page_select_job        (CustodyJobsPage *self,
                                              const char      *name);
void     custody_jobs_page_set_status_filter (CustodyJobsPage *self,
                                              const char      *status);
void     custody_jobs_page_set_search_text   (CustodyJobsPage *self,
                                              const char      *text);
void     custody_jobs_page_add_job           (CustodyJobsPage *self);
guint    custody_jobs_page_get_n_shown       (CustodyJobsPage *self);

G_END_DECLS
