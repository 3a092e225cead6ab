/* custody-desk-list-window.h
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "custody-desk.h"

G_BEGIN_DECLS

#define CUSTODY_TYPE_DESK_LIST_WINDOW (custody_desk_list_window_get_type ())
G_DECLARE_FINAL_TYPE (CustodyDeskListWindow, custody_desk_list_window, CUSTODY, DESK_LIST_WINDOW,
                      AdwWindow)

CustodyDeskListWindow *custody_desk_list_window_new        (GtkWidget             *page,
                                                            CustodyDesk           *desk,
                                                            CustodyDeskList        list);
GListModel            *custody_desk_list_window_get_items  (CustodyDeskListWindow *self);

G_END_DECLS
