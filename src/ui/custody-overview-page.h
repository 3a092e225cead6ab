/* custody-overview-page.h
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "custody-page.h"

G_BEGIN_DECLS

#define CUSTODY_TYPE_OVERVIEW_PAGE (custody_overview_page_get_type ())
G_DECLARE_FINAL_TYPE (CustodyOverviewPage, custody_overview_page, CUSTODY, OVERVIEW_PAGE,
                      CustodyPage)

G_END_DECLS
