/* custody-media-page.h
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "custody-page.h"
#include "custody-scan-window.h"

G_BEGIN_DECLS

#define CUSTODY_TYPE_MEDIA_PAGE (custody_media_page_get_type ())
G_DECLARE_FINAL_TYPE (CustodyMediaPage, custody_media_page, CUSTODY, MEDIA_PAGE, CustodyPage)

void               custody_media_page_show_today     (CustodyMediaPage *self);
void               custody_media_page_show_inventory (CustodyMediaPage *self);
void               custody_media_page_select_volume  (CustodyMediaPage *self,
                                                      const char       *volser);
CustodyScanWindow *custody_media_page_open_scan      (CustodyMediaPage *self,
                                                      int               expect);
guint              custody_media_page_get_n_shown    (CustodyMediaPage *self);
void               custody_media_page_set_search_text (CustodyMediaPage *self,
                                                      const char       *text);

G_END_DECLS
