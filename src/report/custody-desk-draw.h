/* custody-desk-draw.h
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib.h>
#include <pango/pangocairo.h>

G_BEGIN_DECLS

/* What the desk's A4 documents (hand-off sheets, certificates) share:
 * text and rules in millimetres from the page's top left corner. */

#define CUSTODY_A4_WIDTH_MM   210.0
#define CUSTODY_A4_HEIGHT_MM  297.0
#define CUSTODY_PAGE_MARGIN_MM 18.0

PangoLayout *custody_desk_create_layout (cairo_t  *cr,
                                        double    size_mm,
                                        gboolean  bold);
double custody_desk_draw_text   (cairo_t        *cr,
                                 double          x,
                                 double          y,
                                 double          width,
                                 double          size_mm,
                                 gboolean        bold,
                                 PangoAlignment  align,
                                 const char     *text);
void   custody_desk_draw_cell   (cairo_t        *cr,
                                 double          x,
                                 double          y,
                                 double          width,
                                 double          size_mm,
                                 gboolean        bold,
                                 const char     *text);
void   custody_desk_draw_rule   (cairo_t        *cr,
                                 double          x,
                                 double          y,
                                 double          width,
                                 double          line_width);
void   custody_desk_draw_header (cairo_t        *cr,
                                 const char     *title,
                                 const char     *subtitle);
void   custody_desk_draw_footer (cairo_t        *cr,
                                 guint           page,
                                 guint           n_pages,
                                 const char     *note);
void   custody_desk_draw_field  (cairo_t        *cr,
                                 double          x,
                                 double          y,
                                 double          width,
                                 const char     *label,
                                 const char     *value);

G_END_DECLS
