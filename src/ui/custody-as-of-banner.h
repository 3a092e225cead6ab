/* custody-as-of-banner.h
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "custody-session.h"

G_BEGIN_DECLS

#define CUSTODY_TYPE_AS_OF_BANNER (custody_as_of_banner_get_type ())
G_DECLARE_FINAL_TYPE (CustodyAsOfBanner, custody_as_of_banner, CUSTODY, AS_OF_BANNER, AdwBin)

CustodySession *custody_as_of_banner_get_session (CustodyAsOfBanner *self);
void            custody_as_of_banner_set_session (CustodyAsOfBanner *self,
                                                  CustodySession    *session);
const char     *custody_as_of_banner_get_note    (CustodyAsOfBanner *self);
void            custody_as_of_banner_set_note    (CustodyAsOfBanner *self,
                                                  const char        *note);
gboolean        custody_as_of_banner_get_busy    (CustodyAsOfBanner *self);
void            custody_as_of_banner_set_busy    (CustodyAsOfBanner *self,
                                                  gboolean           busy);

G_END_DECLS
