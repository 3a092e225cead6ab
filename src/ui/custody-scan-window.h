/* custody-scan-window.h
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "custody-scan-session.h"
#include "custody-session.h"

G_BEGIN_DECLS

#define CUSTODY_TYPE_SCAN_WINDOW (custody_scan_window_get_type ())
G_DECLARE_FINAL_TYPE (CustodyScanWindow, custody_scan_window, CUSTODY, SCAN_WINDOW, AdwWindow)

/* @locations: CustodyLocation; @expect: a CustodyDeskList (send off
 * site or recall), or -1 for none */
CustodyScanWindow  *custody_scan_window_new          (GtkWindow          *parent,
                                                      CustodySession     *session,
                                                      GPtrArray          *locations,
                                                      int                 expect);
CustodyScanSession *custody_scan_window_get_scans    (CustodyScanWindow  *self);
guint               custody_scan_window_get_n_queued (CustodyScanWindow  *self);

G_END_DECLS
