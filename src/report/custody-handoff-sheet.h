/* custody-handoff-sheet.h
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "custody-printable.h"

G_BEGIN_DECLS

/* The sheet that goes with a case to the courier: the volumes, the case
 * and seal numbers, and lines for the operator's and the courier's
 * signatures. */

#define CUSTODY_TYPE_HANDOFF_SHEET (custody_handoff_sheet_get_type ())
G_DECLARE_FINAL_TYPE (CustodyHandoffSheet, custody_handoff_sheet, CUSTODY, HANDOFF_SHEET, GObject)

CustodyHandoffSheet *custody_handoff_sheet_new         (const char          *title,
                                                        gint64               day);
void                 custody_handoff_sheet_set_courier (CustodyHandoffSheet *self,
                                                        const char          *courier,
                                                        const char          *container,
                                                        const char          *seal);
void                 custody_handoff_sheet_add_volume  (CustodyHandoffSheet *self,
                                                        const char          *volser,
                                                        const char          *type,
                                                        const char          *pool,
                                                        const char          *location,
                                                        const char          *note);

G_END_DECLS
