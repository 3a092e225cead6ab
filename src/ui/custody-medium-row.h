/* custody-medium-row.h
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "custody-records.h"

G_BEGIN_DECLS

#define CUSTODY_TYPE_MEDIUM_ROW (custody_medium_row_get_type ())
G_DECLARE_FINAL_TYPE (CustodyMediumRow, custody_medium_row, CUSTODY, MEDIUM_ROW, GtkWidget)

GtkWidget     *custody_medium_row_new        (void);
void           custody_medium_row_set_medium (CustodyMediumRow *self,
                                              CustodyMedium    *medium);
CustodyMedium *custody_medium_row_get_medium (CustodyMediumRow *self);

const char    *custody_location_kind_icon_name (CustodyLocationKind kind);

G_END_DECLS
