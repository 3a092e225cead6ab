/* custody-preferences-window.h
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "custody-session.h"

G_BEGIN_DECLS

#define CUSTODY_TYPE_PREFERENCES_WINDOW (custody_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (CustodyPreferencesWindow, custody_preferences_window, CUSTODY,
                      PREFERENCES_WINDOW, AdwPreferencesWindow)

CustodyPreferencesWindow *custody_preferences_window_new         (GtkWindow      *parent,
                                                                  CustodySession *session);

G_END_DECLS
