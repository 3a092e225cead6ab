/* custody-window.h
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "custody-application.h"

G_BEGIN_DECLS

#define CUSTODY_TYPE_WINDOW (custody_window_get_type ())
G_DECLARE_FINAL_TYPE (CustodyWindow, custody_window, CUSTODY, WINDOW, AdwApplicationWindow)

CustodyWindow *custody_window_new (CustodyApplication *application,
                                   const char         *db_path);

G_END_DECLS
