/* custody-medium-detail.h
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "custody-session.h"

G_BEGIN_DECLS

#define CUSTODY_TYPE_MEDIUM_DETAIL (custody_medium_detail_get_type ())
G_DECLARE_FINAL_TYPE (CustodyMediumDetail, custody_medium_detail, CUSTODY, MEDIUM_DETAIL, AdwBin)

void           custody_medium_detail_set_session   (CustodyMediumDetail *self,
                                                    CustodySession      *session);
void           custody_medium_detail_set_medium    (CustodyMediumDetail *self,
                                                    CustodyMedium       *medium);
CustodyMedium *custody_medium_detail_get_medium    (CustodyMediumDetail *self);
void           custody_medium_detail_set_show_back (CustodyMediumDetail *self,
                                                    gboolean             show_back);

G_END_DECLS
