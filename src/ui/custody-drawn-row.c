/* custody-drawn-row.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custody-drawn-row"

#include "config.h"

#include "custody-drawn-row.h"
#include "custody-ui-utils.h"

#define PAD_X      6
#define PAD_Y      9
#define ICON_SIZE  16
#define GAP        12
#define LINE_GAP   2

/* Returns: (transfer full): a one-line layout in the widget's font */
PangoLayout *
custody_drawn_row_layout_new (GtkWidget *widget,
                              gboolean   bold,
                              gboolean   small)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, NULL);
  PangoAttrList *attrs = pango_attr_list_new ();

  if (bold)
    pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  if (small)
    pango_attr_list_insert (attrs, pango_attr_scale_new (PANGO_SCALE_SMALL));
  pango_layout_set_attributes (layout, attrs);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_attr_list_unref (attrs);

  return layout;
}

/* Two lines of text tall, from the font's metrics: no text is shaped to
 * measure a row. Wide enough for the icon, @min_text_width of title and
 * the end text. */
void
custody_drawn_row_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             min_text_width,
                           int             end_width,
                           int             natural_extra,
                           int            *minimum,
                           int            *natural)
{
  if (orientation == GTK_ORIENTATION_VERTICAL)
    {
      int text = custody_line_height (widget, 1.0) + LINE_GAP +
                 custody_line_height (widget, PANGO_SCALE_SMALL);

      *minimum = *natural = 2 * PAD_Y + MAX (text, ICON_SIZE);
      return;
    }

  *minimum = 2 * PAD_X + ICON_SIZE + GAP + min_text_width + GAP + end_width;
  *natural = *minimum + natural_extra;
}

/* The text colour, and the dimmer one of subtitles. */
void
custody_drawn_row_get_colors (GtkWidget *widget,
                              GdkRGBA   *fg,
                              GdkRGBA   *dim)
{
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), fg);
  *dim = *fg;
  dim->alpha *= 0.55f;
}

static int
layout_height (PangoLayout *layout)
{
  int height;

  pango_layout_get_pixel_size (layout, NULL, &height);
  return height;
}

/* @end_width: the width @end is given, right-aligned; 0 for its own */
void
custody_drawn_row_snapshot (GtkWidget     *widget,
                            GtkSnapshot   *snapshot,
                            const char    *icon_name,
                            const GdkRGBA *icon_color,
                            PangoLayout   *title,
                            PangoLayout   *subtitle,
                            PangoLayout   *end,
                            int            end_width,
                            const GdkRGBA *end_color)
{
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  int end_height, title_height, sub_height, text_x, text_width, text_y;
  GtkIconTheme *theme;
  GtkIconPaintable *icon;
  GdkRGBA fg, dim;

  custody_drawn_row_get_colors (widget, &fg, &dim);

  theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (widget));
  icon = gtk_icon_theme_lookup_icon (theme, icon_name, NULL, ICON_SIZE,
                                     gtk_widget_get_scale_factor (widget),
                                     gtk_widget_get_direction (widget), 0);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (PAD_X, (height - ICON_SIZE) / 2.0f));
  gtk_symbolic_paintable_snapshot_symbolic (GTK_SYMBOLIC_PAINTABLE (icon), snapshot, ICON_SIZE,
                                            ICON_SIZE, icon_color, 1);
  gtk_snapshot_restore (snapshot);
  g_object_unref (icon);

  if (end_width > 0)
    pango_layout_set_width (end, end_width * PANGO_SCALE);
  pango_layout_get_pixel_size (end, end_width > 0 ? NULL : &end_width, &end_height);
  text_x = PAD_X + ICON_SIZE + GAP;
  text_width = MAX (width - text_x - GAP - end_width - PAD_X, 1);

  pango_layout_set_width (title, text_width * PANGO_SCALE);
  pango_layout_set_width (subtitle, text_width * PANGO_SCALE);
  title_height = layout_height (title);
  sub_height = layout_height (subtitle);
  text_y = (height - title_height - LINE_GAP - sub_height) / 2;

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (text_x, text_y));
  gtk_snapshot_append_layout (snapshot, title, &fg);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (0, title_height + LINE_GAP));
  gtk_snapshot_append_layout (snapshot, subtitle, &dim);
  gtk_snapshot_restore (snapshot);

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (width - PAD_X - end_width,
                                                          (height - end_height) / 2.0f));
  gtk_snapshot_append_layout (snapshot, end, end_color);
  gtk_snapshot_restore (snapshot);
}
