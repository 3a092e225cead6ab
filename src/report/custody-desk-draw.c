/* custody-desk-draw.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custody-desk-draw"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "custody-desk-draw.h"

/* A layout for text measured in millimetres: the page is drawn scaled, so
 * metrics are neither hinted nor rounded to whole units (that would
 * space letters apart). */
PangoLayout *
custody_desk_create_layout (cairo_t  *cr,
                            double    size_mm,
                            gboolean  bold)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoContext *context = pango_layout_get_context (layout);
  PangoFontDescription *font = pango_font_description_from_string (bold ? "Sans Bold" : "Sans");
  cairo_font_options_t *options = cairo_font_options_create ();

  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
  pango_context_set_round_glyph_positions (context, FALSE);
  pango_layout_context_changed (layout);

  pango_font_description_set_absolute_size (font, size_mm * PANGO_SCALE);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);

  return layout;
}

/* Returns the height drawn, in millimetres. */
double
custody_desk_draw_text (cairo_t        *cr,
                        double          x,
                        double          y,
                        double          width,
                        double          size_mm,
                        gboolean        bold,
                        PangoAlignment  align,
                        const char     *text)
{
  g_autoptr(PangoLayout) layout = custody_desk_create_layout (cr, size_mm, bold);
  int w, h;

  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (layout, align);
  pango_layout_set_text (layout, text != NULL ? text : "", -1);

  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
  pango_layout_get_size (layout, &w, &h);
  return h / (double) PANGO_SCALE;
}

/* One line of text, cut with an ellipsis if it is too long. */
void
custody_desk_draw_cell (cairo_t    *cr,
                        double      x,
                        double      y,
                        double      width,
                        double      size_mm,
                        gboolean    bold,
                        const char *text)
{
  g_autoptr(PangoLayout) layout = custody_desk_create_layout (cr, size_mm, bold);

  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_text (layout, text != NULL ? text : "", -1);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

void
custody_desk_draw_rule (cairo_t *cr,
                        double   x,
                        double   y,
                        double   width,
                        double   line_width)
{
  cairo_set_line_width (cr, line_width);
  cairo_move_to (cr, x, y);
  cairo_line_to (cr, x + width, y);
  cairo_stroke (cr);
}

void
custody_desk_draw_header (cairo_t    *cr,
                          const char *title,
                          const char *subtitle)
{
  double x = CUSTODY_PAGE_MARGIN_MM;
  double w = CUSTODY_A4_WIDTH_MM - 2 * CUSTODY_PAGE_MARGIN_MM;

  cairo_set_source_rgb (cr, 0.35, 0.35, 0.35);
  custody_desk_draw_text (cr, x, 12, w, 3.0, FALSE, PANGO_ALIGN_LEFT, "Custody");
  cairo_set_source_rgb (cr, 0, 0, 0);
  custody_desk_draw_text (cr, x, 17, w, 7.0, TRUE, PANGO_ALIGN_LEFT, title);
  if (subtitle != NULL)
    custody_desk_draw_text (cr, x, 27, w, 3.6, FALSE, PANGO_ALIGN_LEFT, subtitle);
  custody_desk_draw_rule (cr, x, 33, w, 0.4);
}

void
custody_desk_draw_footer (cairo_t    *cr,
                          guint       page,
                          guint       n_pages,
                          const char *note)
{
  g_autofree char *text = NULL;
  double x = CUSTODY_PAGE_MARGIN_MM;
  double w = CUSTODY_A4_WIDTH_MM - 2 * CUSTODY_PAGE_MARGIN_MM;

  /* Translators: "Page 1 of 2" at the foot of a printed page */
  text = g_strdup_printf (_("Page %u of %u"), page + 1, n_pages);
  cairo_set_source_rgb (cr, 0.35, 0.35, 0.35);
  custody_desk_draw_rule (cr, x, CUSTODY_A4_HEIGHT_MM - 14, w, 0.2);
  if (note != NULL)
    custody_desk_draw_text (cr, x, CUSTODY_A4_HEIGHT_MM - 12, w * 0.7, 2.8, FALSE, PANGO_ALIGN_LEFT,
                            note);
  custody_desk_draw_text (cr, x, CUSTODY_A4_HEIGHT_MM - 12, w, 2.8, FALSE, PANGO_ALIGN_RIGHT, text);
  cairo_set_source_rgb (cr, 0, 0, 0);
}

/* A label over a line to write on, with @value on it if known. */
void
custody_desk_draw_field (cairo_t    *cr,
                         double      x,
                         double      y,
                         double      width,
                         const char *label,
                         const char *value)
{
  cairo_set_source_rgb (cr, 0.35, 0.35, 0.35);
  custody_desk_draw_text (cr, x, y, width, 2.8, FALSE, PANGO_ALIGN_LEFT, label);
  cairo_set_source_rgb (cr, 0, 0, 0);
  if (value != NULL && value[0] != '\0')
    custody_desk_draw_text (cr, x, y + 3.6, width, 4.2, TRUE, PANGO_ALIGN_LEFT, value);
  custody_desk_draw_rule (cr, x, y + 9.5, width, 0.25);
}
