/* custody-alert-row.h
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "custody-records.h"

G_BEGIN_DECLS

#define CUSTODY_TYPE_ALERT_ROW (custody_alert_row_get_type ())
G_DECLARE_FINAL_TYPE (CustodyAlertRow, custody_alert_row, CUSTODY, ALERT_ROW, AdwBin)

GtkWidget    *custody_alert_row_new                (void);
CustodyAlert *custody_alert_row_get_alert          (CustodyAlertRow *self);
void          custody_alert_row_set_alert          (CustodyAlertRow *self,
                                                    CustodyAlert    *alert,
                                                    gint64           now);
void          custody_alert_row_set_selection_mode (CustodyAlertRow *self,
                                                    gboolean         selection_mode);
gboolean      custody_alert_row_get_selected       (CustodyAlertRow *self);
void          custody_alert_row_set_selected       (CustodyAlertRow *self,
                                                    gboolean         selected);

G_END_DECLS
