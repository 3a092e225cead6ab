/* custody-as-of-button.h
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "custody-session.h"

G_BEGIN_DECLS

#define CUSTODY_TYPE_AS_OF_BUTTON (custody_as_of_button_get_type ())
G_DECLARE_FINAL_TYPE (CustodyAsOfButton, custody_as_of_button, CUSTODY, AS_OF_BUTTON, AdwBin)

CustodySession *custody_as_of_button_get_session (CustodyAsOfButton *self);
void            custody_as_of_button_set_session (CustodyAsOfButton *self,
                                                  CustodySession    *session);
void            custody_as_of_button_popup       (CustodyAsOfButton *self);

G_END_DECLS
