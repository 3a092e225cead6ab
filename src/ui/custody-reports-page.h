/* custody-reports-page.h
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "custody-page.h"

G_BEGIN_DECLS

#define CUSTODY_TYPE_REPORTS_PAGE (custody_reports_page_get_type ())
G_DECLARE_FINAL_TYPE (CustodyReportsPage, custody_reports_page, CUSTODY, REPORTS_PAGE, CustodyPage)

G_END_DECLS
