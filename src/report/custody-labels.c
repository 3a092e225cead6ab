/* custody-labels.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custody-labels"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "custody-desk-draw.h"
#include "custody-labels.h"
#include "custody-time.h"

struct _CustodyLabels
{
  GObject             parent_instance;

  GStrv               volsers;
  CustodyLabelLayout  layout;
};

static void custody_labels_printable_init (CustodyPrintableInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CustodyLabels, custody_labels, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (CUSTODY_TYPE_PRINTABLE,
                                                      custody_labels_printable_init))

/* Code 39: nine elements per character, bar first, three of them wide
 * (ISO/IEC 16388). '*' is the start and stop character. */
static const struct
{
  char        c;
  const char *pattern;
} code39[] = {
  { '0', "nnnwwnwnn" }, { '1', "wnnwnnnnw" }, { '2', "nnwwnnnnw" }, { '3', "wnwwnnnnn" },
  { '4', "nnnwwnnnw" }, { '5', "wnnwwnnnn" }, { '6', "nnwwwnnnn" }, { '7', "nnnwnnwnw" },
  { '8', "wnnwnnwnn" }, { '9', "nnwwnnwnn" }, { 'A', "wnnnnwnnw" }, { 'B', "nnwnnwnnw" },
  { 'C', "wnwnnwnnn" }, { 'D', "nnnnwwnnw" }, { 'E', "wnnnwwnnn" }, { 'F', "nnwnwwnnn" },
  { 'G', "nnnnnwwnw" }, { 'H', "wnnnnwwnn" }, { 'I', "nnwnnwwnn" }, { 'J', "nnnnwwwnn" },
  { 'K', "wnnnnnnww" }, { 'L', "nnwnnnnww" }, { 'M', "wnwnnnnwn" }, { 'N', "nnnnwnnww" },
  { 'O', "wnnnwnnwn" }, { 'P', "nnwnwnnwn" }, { 'Q', "nnnnnnwww" }, { 'R', "wnnnnnwwn" },
  { 'S', "nnwnnnwwn" }, { 'T', "nnnnwnwwn" }, { 'U', "wwnnnnnnw" }, { 'V', "nwwnnnnnw" },
  { 'W', "wwwnnnnnn" }, { 'X', "nwnnwnnnw" }, { 'Y', "wwnnwnnnn" }, { 'Z', "nwwnwnnnn" },
  { '-', "nwnnnnwnw" }, { '.', "wwnnnnwnn" }, { ' ', "nwwnnnwnn" }, { '$', "nwnwnwnnn" },
  { '/', "nwnwnnnwn" }, { '+', "nwnnnwnwn" }, { '%', "nnnwnwnwn" }, { '*', "nwnnwnwnn" },
};

static const char *
pattern_of (char c)
{
  for (guint i = 0; i < G_N_ELEMENTS (code39); i++)
    if (code39[i].c == c)
      return code39[i].pattern;
  return NULL;
}

/**
 * custody_code39_pattern:
 * @text: what to encode, without the start and stop characters
 *
 * The Code 39 symbol of @text as element widths: bars and spaces in turn,
 * bar first, 'n' narrow and 'w' wide, with the start and stop characters
 * and the narrow gap between characters.
 *
 * Returns: (transfer full): the pattern, or %NULL if @text has a
 *   character Code 39 cannot encode
 */
char *
custody_code39_pattern (const char  *text,
                        GError     **error)
{
  g_autoptr(GString) s = g_string_new (NULL);
  g_autofree char *framed = g_strconcat ("*", text, "*", NULL);

  g_return_val_if_fail (text != NULL, NULL);

  for (const char *p = framed; *p != '\0'; p++)
    {
      const char *pattern = pattern_of (*p);

      if (pattern == NULL || (*p == '*' && p != framed && p[1] != '\0'))
        {
          g_set_error (error, CUSTODY_PARSE_ERROR, CUSTODY_PARSE_ERROR_INVALID,
                       _("'%s' cannot be a barcode label: Code 39 has no '%c'"), text, *p);
          return NULL;
        }
      if (p != framed)
        g_string_append_c (s, 'n');   /* the gap between characters, a space */
      g_string_append (s, pattern);
    }

  return g_string_free (g_steal_pointer (&s), FALSE);
}

/* The symbol's width without its quiet zones. */
double
custody_code39_width_mm (const char *text)
{
  g_autofree char *pattern = custody_code39_pattern (text, NULL);
  double width = 0;

  for (const char *p = pattern; p != NULL && *p != '\0'; p++)
    width += *p == 'w' ? CUSTODY_CODE39_NARROW_MM * CUSTODY_CODE39_RATIO : CUSTODY_CODE39_NARROW_MM;
  return width;
}

static const char * const layouts[] = { "a4", "letter", "label" };

G_STATIC_ASSERT (G_N_ELEMENTS (layouts) == CUSTODY_N_LABEL_LAYOUTS);

gboolean
custody_label_layout_from_string (const char         *str,
                                  CustodyLabelLayout *out)
{
  for (guint i = 0; str != NULL && i < G_N_ELEMENTS (layouts); i++)
    {
      if (g_ascii_strcasecmp (str, layouts[i]) == 0)
        {
          *out = (CustodyLabelLayout) i;
          return TRUE;
        }
    }
  return FALSE;
}

/*
 * Layout
 */

#define SHEET_COLUMNS   2
#define SHEET_ROWS      15
#define SHEET_GAP_MM    4.0

static void
page_size_mm (CustodyLabelLayout  layout,
              double             *width,
              double             *height)
{
  switch (layout)
    {
    case CUSTODY_LABELS_LETTER:
      *width = 215.9;
      *height = 279.4;
      break;
    case CUSTODY_LABELS_SINGLE:
      *width = CUSTODY_LABEL_WIDTH_MM;
      *height = CUSTODY_LABEL_HEIGHT_MM;
      break;
    case CUSTODY_LABELS_A4:
    case CUSTODY_N_LABEL_LAYOUTS:
    default:
      *width = 210.0;
      *height = 297.0;
      break;
    }
}

guint
custody_labels_get_per_page (CustodyLabels *self)
{
  g_return_val_if_fail (CUSTODY_IS_LABELS (self), 1);

  return self->layout == CUSTODY_LABELS_SINGLE ? 1 : SHEET_COLUMNS * SHEET_ROWS;
}

static void
rounded_rectangle (cairo_t *cr,
                   double   x,
                   double   y,
                   double   w,
                   double   h,
                   double   r)
{
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

/* One label, its top left corner at (0, 0), in millimetres. */
static void
draw_label (cairo_t    *cr,
            const char *volser,
            gboolean    outline)
{
  g_autofree char *pattern = custody_code39_pattern (volser, NULL);
  g_autoptr(PangoLayout) layout = custody_desk_create_layout (cr, 3.6, TRUE);
  double code_width = custody_code39_width_mm (volser);
  double x0 = (CUSTODY_LABEL_WIDTH_MM - code_width) / 2;
  double bars_top = CUSTODY_LABEL_HEIGHT_MM - 0.8 - CUSTODY_CODE39_HEIGHT_MM;
  double block, x;
  guint n = strlen (volser);

  g_return_if_fail (pattern != NULL);

  if (outline)
    {
      cairo_set_source_rgb (cr, 0.75, 0.75, 0.75);
      cairo_set_line_width (cr, 0.1);
      rounded_rectangle (cr, 0, 0, CUSTODY_LABEL_WIDTH_MM, CUSTODY_LABEL_HEIGHT_MM, 1.5);
      cairo_stroke (cr);
    }

  /* The bars. */
  cairo_set_source_rgb (cr, 0, 0, 0);
  x = x0;
  for (guint i = 0; pattern[i] != '\0'; i++)
    {
      double w = pattern[i] == 'w' ? CUSTODY_CODE39_NARROW_MM * CUSTODY_CODE39_RATIO
                                   : CUSTODY_CODE39_NARROW_MM;
      if (i % 2 == 0)
        cairo_rectangle (cr, x, bars_top, w, CUSTODY_CODE39_HEIGHT_MM);
      x += w;
    }
  cairo_fill (cr);

  /* The characters above them, one block each; the media id (the last
   * two of an eight-character LTO label) inverted, as on factory labels. */
  block = code_width / MAX (n, 1);
  for (guint i = 0; i < n; i++)
    {
      gboolean media_id = n == CUSTODY_LABEL_MAX_CHARS && i >= 6;
      double bx = x0 + i * block;
      char c[2] = { volser[i], '\0' };
      int tw, th;

      cairo_set_line_width (cr, 0.15);
      cairo_rectangle (cr, bx + 0.2, 0.6, block - 0.4, bars_top - 1.2);
      if (media_id)
        cairo_fill (cr);
      else
        cairo_stroke (cr);

      pango_layout_set_text (layout, c, -1);
      pango_layout_get_size (layout, &tw, &th);
      cairo_move_to (cr, bx + (block - tw / (double) PANGO_SCALE) / 2,
                     0.6 + (bars_top - 1.2 - th / (double) PANGO_SCALE) / 2);
      if (media_id)
        cairo_set_source_rgb (cr, 1, 1, 1);
      pango_cairo_show_layout (cr, layout);
      cairo_set_source_rgb (cr, 0, 0, 0);
    }
}

/*
 * CustodyPrintable
 */

static const char *
custody_labels_get_title (CustodyPrintable *printable)
{
  return _("LTO Labels");
}

static guint
custody_labels_get_n_pages (CustodyPrintable *printable)
{
  CustodyLabels *self = CUSTODY_LABELS (printable);
  guint per_page = custody_labels_get_per_page (self);

  return MAX (1, (g_strv_length (self->volsers) + per_page - 1) / per_page);
}

static void
custody_labels_get_page_size (CustodyPrintable *printable,
                              double           *width,
                              double           *height)
{
  page_size_mm (CUSTODY_LABELS (printable)->layout, width, height);
  *width *= CUSTODY_MM;
  *height *= CUSTODY_MM;
}

static void
custody_labels_draw_page (CustodyPrintable *printable,
                          cairo_t          *cr,
                          guint             page)
{
  CustodyLabels *self = CUSTODY_LABELS (printable);
  guint per_page = custody_labels_get_per_page (self);
  guint n = g_strv_length (self->volsers);
  double page_w, page_h, left, top;

  page_size_mm (self->layout, &page_w, &page_h);
  cairo_scale (cr, CUSTODY_MM, CUSTODY_MM);

  if (self->layout == CUSTODY_LABELS_SINGLE)
    {
      if (page < n)
        draw_label (cr, self->volsers[page], FALSE);
      return;
    }

  left = (page_w - SHEET_COLUMNS * CUSTODY_LABEL_WIDTH_MM - (SHEET_COLUMNS - 1) * SHEET_GAP_MM) / 2;
  top = (page_h - SHEET_ROWS * CUSTODY_LABEL_HEIGHT_MM) / 2;

  /* Down the first column, then the second. */
  for (guint i = 0; i < per_page && page * per_page + i < n; i++)
    {
      guint column = i / SHEET_ROWS, row = i % SHEET_ROWS;

      cairo_save (cr);
      cairo_translate (cr, left + column * (CUSTODY_LABEL_WIDTH_MM + SHEET_GAP_MM),
                       top + row * CUSTODY_LABEL_HEIGHT_MM);
      draw_label (cr, self->volsers[page * per_page + i], TRUE);
      cairo_restore (cr);
    }
}

static void
custody_labels_printable_init (CustodyPrintableInterface *iface)
{
  iface->get_title = custody_labels_get_title;
  iface->get_n_pages = custody_labels_get_n_pages;
  iface->get_page_size = custody_labels_get_page_size;
  iface->draw_page = custody_labels_draw_page;
}

/*
 * GObject
 */

static void
custody_labels_finalize (GObject *object)
{
  CustodyLabels *self = (CustodyLabels *) object;

  g_strfreev (self->volsers);

  G_OBJECT_CLASS (custody_labels_parent_class)->finalize (object);
}

static void
custody_labels_class_init (CustodyLabelsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = custody_labels_finalize;
}

static void
custody_labels_init (CustodyLabels *self)
{
}

/**
 * custody_labels_new:
 * @volsers: the labels, in print order
 *
 * Returns: (transfer full): the labels, or %NULL if one cannot be a
 *   label (a character Code 39 lacks, or too long to fit)
 */
CustodyLabels *
custody_labels_new (const char * const  *volsers,
                    CustodyLabelLayout   layout,
                    GError             **error)
{
  g_autoptr(CustodyLabels) self = g_object_new (CUSTODY_TYPE_LABELS, NULL);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (volsers != NULL, NULL);
  g_return_val_if_fail ((guint) layout < CUSTODY_N_LABEL_LAYOUTS, NULL);

  for (guint i = 0; volsers[i] != NULL; i++)
    {
      g_autofree char *label = g_ascii_strup (volsers[i], -1);
      g_autofree char *pattern = NULL;

      g_strstrip (label);
      if (label[0] == '\0' || strlen (label) > CUSTODY_LABEL_MAX_CHARS)
        {
          g_set_error (error, CUSTODY_PARSE_ERROR, CUSTODY_PARSE_ERROR_INVALID,
                       _("'%s' does not fit an LTO label: 1 to %d characters"), volsers[i],
                       CUSTODY_LABEL_MAX_CHARS);
          return NULL;
        }
      pattern = custody_code39_pattern (label, error);
      if (pattern == NULL)
        return NULL;
      g_strv_builder_add (builder, label);
    }

  self->volsers = g_strv_builder_end (builder);
  self->layout = layout;
  return g_steal_pointer (&self);
}
