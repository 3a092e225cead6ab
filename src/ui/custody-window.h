/* custody-window.h
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "custody-application.h"
#include "custody-page.h"
#include "custody-session.h"

G_BEGIN_DECLS

#define CUSTODY_TYPE_WINDOW (custody_window_get_type ())
G_DECLARE_FINAL_TYPE (CustodyWindow, custody_window, CUSTODY, WINDOW, AdwApplicationWindow)

CustodyWindow  *custody_window_new          (CustodyApplication *application,
                                             const char         *db_path);
void            custody_window_open_store   (CustodyWindow      *self,
                                             const char         *db_path);
void            custody_window_show_view    (CustodyWindow      *self,
                                             const char         *view);
CustodyPage    *custody_window_get_page     (CustodyWindow      *self,
                                             const char         *view);
CustodySession *custody_window_get_session  (CustodyWindow      *self);
const char     *custody_window_get_db_path  (CustodyWindow      *self);
void            custody_window_add_toast    (CustodyWindow      *self,
                                             AdwToast           *toast);
void            custody_window_import_file  (CustodyWindow      *self,
                                             GFile              *file);

G_END_DECLS
