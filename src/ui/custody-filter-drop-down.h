/* custody-filter-drop-down.h
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A filter's drop-down of strings: the chosen item ellipsized in its button,
 * whole with a check mark in the list. */
void custody_filter_drop_down_init (GtkDropDown *drop_down);

G_END_DECLS
