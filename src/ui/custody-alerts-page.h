/* custody-alerts-page.h
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "custody-page.h"

G_BEGIN_DECLS

#define CUSTODY_TYPE_ALERTS_PAGE (custody_alerts_page_get_type ())
G_DECLARE_FINAL_TYPE (CustodyAlertsPage, custody_alerts_page, CUSTODY, ALERTS_PAGE, CustodyPage)

G_END_DECLS
