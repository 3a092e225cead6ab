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
G_DECLARE_FINAL_TYPE (CustodyCompliancePage, custody_compliance_page, CUSTODY, COMPLIANCE_PAGE,
                      CustodyPage)

const char *custody_compliance_page_get_filter  (CustodyCompliancePage *self);
void        custody_compliance_page_set_filter  (CustodyCompliancePage *self,
                                                 const char            *filter);
gint64      custody_compliance_page_get_as_of   (CustodyCompliancePage *self);
void        custody_compliance_page_set_as_of   (CustodyCompliancePage *self,
                                                 gint64                 at);
gboolean    custody_compliance_page_get_busy    (CustodyCompliancePage *self);

G_END_DECLS
