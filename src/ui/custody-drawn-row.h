/* custody-drawn-row.h
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The drawing the list rows of jobs and volumes share: an icon, a bold
 * title over a dim subtitle, and a text at the end, drawn without child
 * widgets so that thousands of rows scroll smoothly. */

PangoLayout *custody_drawn_row_layout_new (GtkWidget      *widget,
                                           gboolean        bold,
                                           gboolean        small);
void         custody_drawn_row_measure    (GtkWidget      *widget,
                                           GtkOrientation  orientation,
                                           int             min_text_width,
                                           int             end_width,
                                           int             natural_extra,
                                           int            *minimum,
                                           int            *natural);
void         custody_drawn_row_get_colors (GtkWidget      *widget,
                                           GdkRGBA        *fg,
                                           GdkRGBA        *dim);
void         custody_drawn_row_snapshot   (GtkWidget      *widget,
                                           GtkSnapshot    *snapshot,
                                           const char     *icon_name,
                                           const GdkRGBA  *icon_color,
                                           PangoLayout    *title,
                                           PangoLayout    *subtitle,
                                           PangoLayout    *end,
                                           int             end_width,
                                           const GdkRGBA  *end_color);

G_END_DECLS
