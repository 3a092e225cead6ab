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

G_END_DECLS
