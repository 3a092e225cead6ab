/* custody-media-page.h
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "custody-page.h"

G_BEGIN_DECLS

#define CUSTODY_TYPE_MEDIA_PAGE (custody_media_page_get_type ())
G_DECLARE_FINAL_TYPE (CustodyMediaPage, custody_media_page, CUSTODY, MEDIA_PAGE, CustodyPage)

G_END_DECLS
