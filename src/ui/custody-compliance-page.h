/* custody-compliance-page.h
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "custody-page.h"

G_BEGIN_DECLS

#define CUSTODY_TYPE_COMPLIANCE_PAGE (custody_compliance_page_get_type ())
G_DECLARE_FINAL_TYPE (CustodyCompliancePage, custody_compliance_page, CUSTODY, COMPLIANCE_PAGE, CustodyPage)

G_END_DECLS
