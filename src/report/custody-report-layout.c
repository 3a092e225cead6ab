/* custody-report-layout.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custody-report"

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>

#include "custody-report-layout.h"
#include "custody-report-private.h"

#define POINTS_PER_MM   (72.0 / 25.4)
#define CELL_PAD_X      3.0
#define CELL_PAD_Y      2.0
#define MAX_CELL_LINES  40
#define RUN_CACHE_LIMIT 4096
#define CHECK_EVERY     128
#define MEASURE_SHARE   0.3    /* of the progress, for the measuring run */

typedef enum
{
  TARGET_NONE,        /* measuring: nothing is drawn */
  TARGET_PDF,
  TARGET_RECORDING,   /* one recording surface per page, for printing */
} Target;

/* The part of a run set in one font: its glyphs, clusters and text follow
 * those of the segments before it. */
typedef struct
{
  guint slot;          /* the font, in CustodyReportLayout.fonts */
  int   n_glyphs;
  int   n_clusters;
  int   text_start;
  int   text_length;
} Segment;

/* A shaped line of text, cached by its text: its glyphs, font by font
 * (Latin in the Latin font, Japanese in the CJK one), positioned from the
 * line's start on its baseline, with the clusters that tie them to the
 * text (so that the PDF's text is the text, not a guess from glyphs: a
 * CJK font draws 子 and ⼦ with one glyph). */
typedef struct
{
  char                 *text;
  int                   length;
  cairo_glyph_t        *glyphs;
  int                   n_glyphs;
  cairo_text_cluster_t *clusters;
  int                   n_clusters;
  Segment              *segments;
  guint                 n_segments;
  double                width;
} Run;

/* The glyphs of one font and colour waiting to be drawn, with their text. */
typedef struct
{
  GArray  *glyphs;     /* cairo_glyph_t */
  GArray  *clusters;   /* cairo_text_cluster_t */
  GString *text;
} Batch;

typedef struct
{
  PangoFontDescription *desc;
  PangoLayout          *layout;     /* for text off the fast path */
  PangoFont            *font;       /* the font Pango takes for Latin text */
  cairo_scaled_font_t  *scaled;
  guint                 slot;       /* of scaled, in CustodyReportLayout.fonts */
  double                baseline;   /* from the top of a line */
  double                line_height;
  gboolean              ascii;      /* the fast path is usable */
  unsigned long         glyph[95];  /* ' ' to '~' */
  double                advance[95];
  GHashTable           *runs;       /* char * -> Run * */
} Style;

typedef enum
{
  CELL_ASCII,
  CELL_ASCII_WRAPPED,   /* plain ASCII broken into lines by the fast path */
  CELL_RUN,
  CELL_LAYOUT,
} CellKind;

/* One line of a wrapped ASCII cell. */
typedef struct
{
  guint  start;
  guint  length;
  double width;
} Line;

typedef struct
{
  CustodyReportColumn     *columns;
  guint                    n_columns;
  CustodyReportTableFlags  flags;
  double                  *x;          /* of each column's text */
  double                  *width;      /* of each column's text */
  PangoLayout            **layouts;    /* per column, for wrapped cells */
  GArray                 **lines;      /* per column: Line, for CELL_ASCII_WRAPPED */
  CellKind                *kinds;
  const Run              **runs;
  double                  *widths;
  guint                    rows;
  double                   header_height;
} Table;

struct _CustodyReportLayout
{
  GObject                    parent_instance;

  /* Page */
  double                     page_width;
  double                     page_height;
  double                     left;
  double                     right;
  double                     top;
  double                     bottom;

  /* Header, footer, metadata */
  char                      *title;
  char                      *period;
  char                      *footer;
  char                      *author;
  char                      *subject;
  char                      *keywords;
  gint64                     created;
  char                      *language;

  /* Text */
  PangoFontMap              *font_map;
  PangoContext              *context;
  Style                      styles[CUSTODY_REPORT_N_STYLES];
  GPtrArray                 *fonts;         /* cairo_scaled_font_t, by slot */
  GPtrArray                 *batches;       /* Batch, by slot * N_TONES + tone */
  GArray                    *stripes;       /* cairo_rectangle_t, to fill at the end of the page */
  guint                      unknown_glyphs;

  /* The run in progress */
  Target                     target;
  gboolean                   drawing;
  cairo_surface_t           *pdf;
  cairo_t                   *cr;
  GPtrArray                 *recorded;
  guint                      page;          /* 0: none started */
  guint                      n_pages;       /* measured by the first run */
  double                     y;
  gboolean                   page_empty;
  int                        outline_section;
  char                      *section;
  char                      *subsection;
  Table                     *table;

  /* Progress and failure */
  CustodyReportProgressFunc  progress;
  gpointer                   progress_data;
  GCancellable              *cancellable;
  guint64                    work;
  guint64                    work_done;
  double                     reported;
  guint                      since_check;
  gint64                     started;
  GError                    *error;
  GOutputStream             *output;
};

G_DEFINE_FINAL_TYPE (CustodyReportLayout, custody_report_layout, G_TYPE_OBJECT)

static const struct
{
  const char *weight;
  double      size;
} style_fonts[CUSTODY_REPORT_N_STYLES] = {
  [CUSTODY_REPORT_STYLE_BODY] = { "", 9.0 },
  [CUSTODY_REPORT_STYLE_TABLE] = { "", 7.5 },
  [CUSTODY_REPORT_STYLE_TABLE_BOLD] = { "Bold", 7.5 },
  [CUSTODY_REPORT_STYLE_SMALL] = { "", 7.0 },
  [CUSTODY_REPORT_STYLE_SMALL_BOLD] = { "Bold", 7.0 },
  [CUSTODY_REPORT_STYLE_HEADING] = { "Bold", 13.0 },
  [CUSTODY_REPORT_STYLE_SUBHEADING] = { "Bold", 10.0 },
  [CUSTODY_REPORT_STYLE_TITLE] = { "Bold", 20.0 },
  [CUSTODY_REPORT_STYLE_FIGURE] = { "Bold", 17.0 },
};

/* Print-friendly colours that keep their meaning in grey too. */
static const double tone_colors[CUSTODY_REPORT_N_TONES][3] = {
  [CUSTODY_REPORT_TONE_NORMAL] = { 0.10, 0.10, 0.10 },
  [CUSTODY_REPORT_TONE_MUTED] = { 0.40, 0.40, 0.40 },
  [CUSTODY_REPORT_TONE_GOOD] = { 0.10, 0.46, 0.20 },
  [CUSTODY_REPORT_TONE_WARNING] = { 0.66, 0.38, 0.00 },
  [CUSTODY_REPORT_TONE_BAD] = { 0.75, 0.09, 0.13 },
  [CUSTODY_REPORT_TONE_STRONG] = { 0.00, 0.00, 0.00 },
};

static void run_free (gpointer data);

/*
 * Failure and progress
 */

gboolean
custody_report_layout_failed (CustodyReportLayout *self)
{
  return self->error != NULL;
}

static void
check_cancelled (CustodyReportLayout *self)
{
  if (self->error == NULL && self->cancellable != NULL)
    g_cancellable_set_error_if_cancelled (self->cancellable, &self->error);
}

static void
report_progress (CustodyReportLayout *self,
                 gboolean             force)
{
  double done, fraction;

  if (self->progress == NULL)
    return;

  done = self->work > 0 ? MIN (1.0, (double) self->work_done / (double) self->work) : 0.0;
  fraction = self->drawing ? MEASURE_SHARE + (1.0 - MEASURE_SHARE) * done : MEASURE_SHARE * done;
  if (!force && fraction - self->reported < 0.005)
    return;

  self->reported = fraction;
  self->progress (fraction, self->progress_data);
}

void
custody_report_layout_set_work (CustodyReportLayout *self,
                                guint64              units)
{
  self->work = units;
}

void
custody_report_layout_add_work_done (CustodyReportLayout *self,
                                     guint64              units)
{
  self->work_done += units;
  if (++self->since_check >= CHECK_EVERY)
    {
      self->since_check = 0;
      check_cancelled (self);
    }
  report_progress (self, FALSE);
}

/*
 * Text
 */

static void
run_free (gpointer data)
{
  Run *run = data;

  g_free (run->text);
  g_free (run->clusters);
  g_free (run->glyphs);
  g_free (run->segments);
  g_free (run);
}

static const char *
family_for_language (const char *language)
{
  /* Latin text is set in Cantarell, a simple (non-CID) font: cairo writes
   * its glyphs as single bytes, which makes long tables about 40% cheaper
   * to write than with the CID-keyed CJK fonts. Everything Cantarell lacks
   * falls through, character by character, to a CJK face for the language;
   * without Cantarell, that face draws everything.
   *
   * Japanese is set in IPAex Gothic, a TrueType font, before Noto Sans CJK
   * JP: cairo 1.16 subsets Noto's CFF outlines but keeps the subroutines of
   * every font dictionary it touches, so that a page of kanji embeds about
   * 900 kB of Noto against 35 kB of IPAex Gothic. Noto stays the fallback
   * where IPAex Gothic is not installed. */
  if (language != NULL)
    {
      if (g_str_has_prefix (language, "ko"))
        return "Cantarell, Noto Sans CJK KR";
      if (g_str_has_prefix (language, "zh_TW") || g_str_has_prefix (language, "zh_HK"))
        return "Cantarell, Noto Sans CJK TC";
      if (g_str_has_prefix (language, "zh"))
        return "Cantarell, Noto Sans CJK SC";
    }
  return "Cantarell, IPAexGothic, Noto Sans CJK JP";
}

static void
style_init (Style        *s,
            PangoContext *context,
            const char   *family,
            const char   *weight,
            double        size)
{
  g_autofree char *desc = g_strdup_printf ("%s, sans-serif %s %.1f", family, weight, size);
  g_autofree char *ascii = g_malloc (96);
  cairo_glyph_t *glyphs = NULL;
  int n_glyphs = 0;
  PangoLayoutLine *line;
  PangoRectangle logical;

  s->desc = pango_font_description_from_string (desc);
  s->layout = pango_layout_new (context);
  s->runs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, run_free);
  pango_layout_set_font_description (s->layout, s->desc);

  pango_layout_set_text (s->layout, "Ag", -1);
  s->baseline = pango_units_to_double (pango_layout_get_baseline (s->layout));
  pango_layout_get_extents (s->layout, NULL, &logical);
  s->line_height = pango_units_to_double (logical.height);

  line = pango_layout_get_line_readonly (s->layout, 0);
  if (line == NULL || line->runs == NULL)
    return;
  s->font = g_object_ref (((PangoGlyphItem *) line->runs->data)->item->analysis.font);
  s->scaled =
    cairo_scaled_font_reference (pango_cairo_font_get_scaled_font (PANGO_CAIRO_FONT (s->font)));
  if (s->scaled == NULL || cairo_scaled_font_status (s->scaled) != CAIRO_STATUS_SUCCESS)
    return;

  for (int i = 0; i < 95; i++)
    ascii[i] = (char) (' ' + i);
  ascii[95] = '\0';

  if (cairo_scaled_font_text_to_glyphs (s->scaled, 0, 0, ascii, 95, &glyphs, &n_glyphs,
                                        NULL, NULL, NULL) != CAIRO_STATUS_SUCCESS || n_glyphs != 95)
    {
      cairo_glyph_free (glyphs);
      return;
    }

  s->ascii = TRUE;
  for (int i = 0; i < 95; i++)
    {
      cairo_text_extents_t extents;
      cairo_glyph_t one = { glyphs[i].index, 0, 0 };

      /* No glyph for a letter: leave everything to Pango's fallback. */
      if (glyphs[i].index == 0)
        s->ascii = FALSE;
      cairo_scaled_font_glyph_extents (s->scaled, &one, 1, &extents);
      s->glyph[i] = glyphs[i].index;
      s->advance[i] = extents.x_advance;
    }
  cairo_glyph_free (glyphs);
}

static void
style_clear (Style *s)
{
  g_clear_pointer (&s->desc, pango_font_description_free);
  g_clear_object (&s->layout);
  g_clear_object (&s->font);
  g_clear_pointer (&s->scaled, cairo_scaled_font_destroy);
  g_clear_pointer (&s->runs, g_hash_table_unref);
}

static gboolean
is_plain_ascii (const char *text,
                gsize      *length)
{
  const char *p;

  for (p = text; *p != '\0'; p++)
    if ((guchar) *p < ' ' || (guchar) *p > '~')
      return FALSE;
  *length = p - text;
  return TRUE;
}

/* How far down to move @layout so that its first baseline is the style's:
 * text in another font (Japanese in the CJK face) sits on the line of the
 * Latin text beside it. */
static double
baseline_shift (const Style *s,
                PangoLayout *layout)
{
  return s->baseline - pango_units_to_double (pango_layout_get_baseline (layout));
}

/* The slot of @font's cairo font in self->fonts, added if new. FALSE for
 * a font cairo cannot draw. */
static gboolean
font_slot (CustodyReportLayout *self,
           PangoFont           *font,
           guint               *slot)
{
  cairo_scaled_font_t *scaled;

  if (font == NULL || !PANGO_IS_CAIRO_FONT (font))
    return FALSE;
  scaled = pango_cairo_font_get_scaled_font (PANGO_CAIRO_FONT (font));
  if (scaled == NULL || cairo_scaled_font_status (scaled) != CAIRO_STATUS_SUCCESS)
    return FALSE;
  for (guint i = 0; i < self->fonts->len; i++)
    if (g_ptr_array_index (self->fonts, i) == scaled)
      {
        *slot = i;
        return TRUE;
      }
  g_ptr_array_add (self->fonts, cairo_scaled_font_reference (scaled));
  *slot = self->fonts->len - 1;
  return TRUE;
}

/* Shapes @text with Pango; caches it if it is one line in the style's own
 * font. Returns NULL for text that needs Pango to draw it. */
static const Run *
style_run (CustodyReportLayout *self,
           Style               *s,
           const char          *text)
{
  Run *run;
  PangoLayoutLine *line;
  PangoRectangle logical;
  GArray *glyphs, *clusters, *segments;
  double x = 0;
  int unknown;

  if (g_hash_table_lookup_extended (s->runs, text, NULL, (gpointer *) &run))
    return run;

  pango_layout_set_width (s->layout, -1);
  pango_layout_set_text (s->layout, text, -1);
  unknown = pango_layout_get_unknown_glyphs_count (s->layout);
  self->unknown_glyphs += unknown;
  if (unknown > 0 || pango_layout_get_line_count (s->layout) != 1 || s->scaled == NULL)
    return NULL;

  line = pango_layout_get_line_readonly (s->layout, 0);
  glyphs = g_array_new (FALSE, FALSE, sizeof (cairo_glyph_t));
  clusters = g_array_new (FALSE, FALSE, sizeof (cairo_text_cluster_t));
  segments = g_array_new (FALSE, FALSE, sizeof (Segment));
  for (GSList *l = line->runs; l != NULL; l = l->next)
    {
      PangoGlyphItem *item = l->data;
      PangoGlyphItemIter iter;
      gboolean more;
      Segment segment = { 0, 0, 0, item->item->offset, item->item->length };
      gboolean known = font_slot (self, item->item->analysis.font, &segment.slot);

      /* Left to right, in fonts cairo can draw: anything else is Pango's. */
      if (!known || item->item->analysis.level % 2 != 0)
        {
          g_array_unref (glyphs);
          g_array_unref (clusters);
          g_array_unref (segments);
          return NULL;
        }

      for (more = pango_glyph_item_iter_init_start (&iter, item, text); more;
           more = pango_glyph_item_iter_next_cluster (&iter))
        {
          cairo_text_cluster_t cluster = { iter.end_index - iter.start_index, 0 };

          for (int i = iter.start_glyph; i < iter.end_glyph; i++)
            {
              PangoGlyphInfo *info = &item->glyphs->glyphs[i];

              if (info->glyph != PANGO_GLYPH_EMPTY)
                {
                  cairo_glyph_t g = {
                    info->glyph,
                    x + pango_units_to_double (info->geometry.x_offset),
                    pango_units_to_double (info->geometry.y_offset),
                  };
                  g_array_append_val (glyphs, g);
                  cluster.num_glyphs++;
                  segment.n_glyphs++;
                }
              x += pango_units_to_double (info->geometry.width);
            }
          g_array_append_val (clusters, cluster);
          segment.n_clusters++;
        }

      /* Items in one font one after the other: one segment. */
      if (segments->len > 0)
        {
          Segment *last = &g_array_index (segments, Segment, segments->len - 1);

          if (last->slot == segment.slot &&
              last->text_start + last->text_length == segment.text_start)
            {
              last->n_glyphs += segment.n_glyphs;
              last->n_clusters += segment.n_clusters;
              last->text_length += segment.text_length;
              continue;
            }
        }
      g_array_append_val (segments, segment);
    }

  pango_layout_get_extents (s->layout, NULL, &logical);
  run = g_new0 (Run, 1);
  run->text = g_strdup (text);
  run->length = strlen (text);
  run->n_glyphs = glyphs->len;
  run->glyphs = (cairo_glyph_t *) g_array_free (glyphs, FALSE);
  run->n_clusters = clusters->len;
  run->clusters = (cairo_text_cluster_t *) g_array_free (clusters, FALSE);
  run->n_segments = segments->len;
  run->segments = (Segment *) g_array_free (segments, FALSE);
  run->width = pango_units_to_double (logical.width);

  if (g_hash_table_size (s->runs) >= RUN_CACHE_LIMIT)
    g_hash_table_remove_all (s->runs);
  g_hash_table_insert (s->runs, g_strdup (text), run);

  return run;
}

static double
ascii_width (Style      *s,
             const char *text,
             gsize       length)
{
  double width = 0;

  for (gsize i = 0; i < length; i++)
    width += s->advance[(guchar) text[i] - ' '];
  return width;
}

/* Measures one line of @text: the fast path, a cached run, or (returning
 * CELL_LAYOUT) Pango, with the text left in the style's layout. */
static CellKind
style_measure (CustodyReportLayout  *self,
               Style                *s,
               const char           *text,
               const Run           **run,
               double               *width)
{
  gsize length;

  *run = NULL;
  if (s->ascii && is_plain_ascii (text, &length))
    {
      *width = ascii_width (s, text, length);
      return CELL_ASCII;
    }

  *run = style_run (self, s, text);
  if (*run != NULL)
    {
      *width = (*run)->width;
      return CELL_RUN;
    }

  {
    PangoRectangle logical;

    pango_layout_get_extents (s->layout, NULL, &logical);
    *width = pango_units_to_double (logical.width);
  }
  return CELL_LAYOUT;
}

static void
batch_free (Batch *batch)
{
  if (batch == NULL)
    return;
  g_array_unref (batch->glyphs);
  g_array_unref (batch->clusters);
  g_string_free (batch->text, TRUE);
  g_free (batch);
}

static Batch *
batch_for (CustodyReportLayout *self,
           guint                slot,
           CustodyReportTone    tone)
{
  guint index = slot * CUSTODY_REPORT_N_TONES + tone;
  Batch *batch;

  if (index >= self->batches->len)
    g_ptr_array_set_size (self->batches, index + 1);
  batch = g_ptr_array_index (self->batches, index);
  if (batch == NULL)
    {
      batch = g_new0 (Batch, 1);
      batch->glyphs = g_array_sized_new (FALSE, FALSE, sizeof (cairo_glyph_t), 1024);
      batch->clusters = g_array_sized_new (FALSE, FALSE, sizeof (cairo_text_cluster_t), 1024);
      batch->text = g_string_sized_new (1024);
      g_ptr_array_index (self->batches, index) = batch;
    }
  return batch;
}

/* Plain ASCII: a glyph and a cluster per character, spaces included, so
 * that the PDF's text reads as written. */
static void
batch_ascii_n (CustodyReportLayout *self,
               CustodyReportStyle   style,
               CustodyReportTone    tone,
               const char          *text,
               gsize                length,
               double               x,
               double               baseline)
{
  Style *s = &self->styles[style];
  Batch *batch = batch_for (self, s->slot, tone);
  guint start = batch->glyphs->len;
  static const cairo_text_cluster_t one = { 1, 1 };

  g_array_set_size (batch->glyphs, start + length);
  for (gsize k = 0; k < length; k++)
    {
      int i = (guchar) text[k] - ' ';
      cairo_glyph_t *g = &g_array_index (batch->glyphs, cairo_glyph_t, start + k);

      g->index = s->glyph[i];
      g->x = x;
      g->y = baseline;
      x += s->advance[i];
      g_array_append_val (batch->clusters, one);
    }
  g_string_append_len (batch->text, text, length);
}

static void
batch_ascii (CustodyReportLayout *self,
             CustodyReportStyle   style,
             CustodyReportTone    tone,
             const char          *text,
             double               x,
             double               baseline)
{
  batch_ascii_n (self, style, tone, text, strlen (text), x, baseline);
}

/* An invisible space after a text, so that the PDF's text keeps it apart
 * from the next in reading order: the boxes of key figures. (Poppler's
 * selection text still joins the cells of what it takes for a table.) */
static void
batch_separator (CustodyReportLayout *self,
                 CustodyReportStyle   style,
                 double               x,
                 double               baseline)
{
  batch_ascii_n (self, style, CUSTODY_REPORT_TONE_NORMAL, " ", 1, x, baseline);
}

static void
batch_run (CustodyReportLayout *self,
           CustodyReportTone    tone,
           const Run           *run,
           double               x,
           double               baseline)
{
  const cairo_glyph_t *glyphs = run->glyphs;
  const cairo_text_cluster_t *clusters = run->clusters;

  for (guint k = 0; k < run->n_segments; k++)
    {
      const Segment *segment = &run->segments[k];
      Batch *batch = batch_for (self, segment->slot, tone);
      guint start = batch->glyphs->len;

      g_array_set_size (batch->glyphs, start + segment->n_glyphs);
      for (int i = 0; i < segment->n_glyphs; i++)
        {
          cairo_glyph_t *g = &g_array_index (batch->glyphs, cairo_glyph_t, start + i);

          g->index = glyphs[i].index;
          g->x = x + glyphs[i].x;
          g->y = baseline + glyphs[i].y;
        }
      g_array_append_vals (batch->clusters, clusters, segment->n_clusters);
      g_string_append_len (batch->text, run->text + segment->text_start, segment->text_length);
      glyphs += segment->n_glyphs;
      clusters += segment->n_clusters;
    }
}

/* Draws the glyphs gathered since the last flush: one call per font and
 * colour, which is what keeps big tables fast in cairo's PDF backend. */
static void
flush_stripes (CustodyReportLayout *self,
               cairo_t             *cr)
{
  if (self->stripes->len > 0)
    {
      cairo_save (cr);
      cairo_set_source_rgb (cr, 0.955, 0.955, 0.955);
      for (guint i = 0; i < self->stripes->len; i++)
        {
          const cairo_rectangle_t *r = &g_array_index (self->stripes, cairo_rectangle_t, i);
          cairo_rectangle (cr, r->x, r->y, r->width, r->height);
        }
      cairo_fill (cr);
      cairo_restore (cr);
      g_array_set_size (self->stripes, 0);
    }
}

static void
flush_batches (CustodyReportLayout *self,
               cairo_t             *cr)
{
  flush_stripes (self, cr);
  for (guint i = 0; i < self->batches->len; i++)
    {
      Batch *batch = g_ptr_array_index (self->batches, i);

      if (batch == NULL || batch->text->len == 0)
        continue;
      if (batch->glyphs->len > 0)
        {
          custody_report_layout_set_tone (self, cr, i % CUSTODY_REPORT_N_TONES);
          cairo_set_scaled_font (cr, g_ptr_array_index (self->fonts, i / CUSTODY_REPORT_N_TONES));
          cairo_show_text_glyphs (cr, batch->text->str, (int) batch->text->len,
                                  (cairo_glyph_t *) batch->glyphs->data, (int) batch->glyphs->len,
                                  (cairo_text_cluster_t *) batch->clusters->data,
                                  (int) batch->clusters->len, 0);
        }
      g_array_set_size (batch->glyphs, 0);
      g_array_set_size (batch->clusters, 0);
      g_string_truncate (batch->text, 0);
    }
}

void
custody_report_layout_set_tone (CustodyReportLayout *self,
                                cairo_t             *cr,
                                CustodyReportTone    tone)
{
  cairo_set_source_rgb (cr, tone_colors[tone][0], tone_colors[tone][1], tone_colors[tone][2]);
}

double
custody_report_layout_line_height (CustodyReportLayout *self,
                                   CustodyReportStyle   style)
{
  return self->styles[style].line_height;
}

double
custody_report_layout_text_width (CustodyReportLayout *self,
                                  CustodyReportStyle   style,
                                  const char          *text)
{
  const Run *run;
  double width;

  style_measure (self, &self->styles[style], text, &run, &width);
  return width;
}

/**
 * custody_report_layout_draw_text:
 * @y: the top of the line
 * @align: how @x anchors the text: its start, end or centre
 *
 * Draws one line of text, for draw functions (charts).
 */
void
custody_report_layout_draw_text (CustodyReportLayout *self,
                                 cairo_t             *cr,
                                 CustodyReportStyle   style,
                                 CustodyReportTone    tone,
                                 const char          *text,
                                 double               x,
                                 double               y,
                                 CustodyReportAlign   align)
{
  Style *s = &self->styles[style];
  const Run *run;
  double width;
  CellKind kind = style_measure (self, s, text, &run, &width);

  if (align == CUSTODY_REPORT_ALIGN_END)
    x -= width;
  else if (align == CUSTODY_REPORT_ALIGN_CENTER)
    x -= width / 2;

  switch (kind)
    {
    case CELL_ASCII:
      batch_ascii (self, style, tone, text, x, y + s->baseline);
      flush_batches (self, cr);
      break;
    case CELL_RUN:
      batch_run (self, tone, run, x, y + s->baseline);
      flush_batches (self, cr);
      break;
    case CELL_ASCII_WRAPPED:
    case CELL_LAYOUT:
    default:
      flush_batches (self, cr);
      custody_report_layout_set_tone (self, cr, tone);
      cairo_move_to (cr, x, y + baseline_shift (s, s->layout));
      pango_cairo_show_layout (cr, s->layout);
      break;
    }
}

/*
 * Pages
 */

static void
draw_rule (cairo_t *cr,
           double   x1,
           double   x2,
           double   y,
           double   width,
           double   grey)
{
  cairo_set_source_rgb (cr, grey, grey, grey);
  cairo_set_line_width (cr, width);
  cairo_move_to (cr, x1, y);
  cairo_line_to (cr, x2, y);
  cairo_stroke (cr);
}

static void
draw_header (CustodyReportLayout *self)
{
  cairo_t *cr = self->cr;
  double y = self->top - 26;

  if (self->title != NULL)
    custody_report_layout_draw_text (self, cr, CUSTODY_REPORT_STYLE_SMALL_BOLD,
                                     CUSTODY_REPORT_TONE_NORMAL, self->title, self->left, y,
                                     CUSTODY_REPORT_ALIGN_START);
  if (self->period != NULL)
    custody_report_layout_draw_text (self, cr, CUSTODY_REPORT_STYLE_SMALL,
                                     CUSTODY_REPORT_TONE_MUTED, self->period,
                                     self->page_width - self->right, y, CUSTODY_REPORT_ALIGN_END);
  draw_rule (cr, self->left, self->page_width - self->right, self->top - 12, 0.5, 0.55);
}

static void
draw_footer (CustodyReportLayout *self)
{
  cairo_t *cr = self->cr;
  double y = self->page_height - self->bottom + 14;
  g_autofree char *page = NULL;

  draw_rule (cr, self->left, self->page_width - self->right, y - 4, 0.5, 0.55);
  if (self->footer != NULL)
    custody_report_layout_draw_text (self, cr, CUSTODY_REPORT_STYLE_SMALL,
                                     CUSTODY_REPORT_TONE_MUTED, self->footer, self->left, y,
                                     CUSTODY_REPORT_ALIGN_START);
  /* Translators: the footer of every page of a report */
  page = g_strdup_printf (_("Page %u of %u"), self->page, MAX (self->n_pages, self->page));
  custody_report_layout_draw_text (self, cr, CUSTODY_REPORT_STYLE_SMALL,
                                   CUSTODY_REPORT_TONE_NORMAL, page,
                                   self->page_width - self->right, y, CUSTODY_REPORT_ALIGN_END);
}

static double
body_bottom (CustodyReportLayout *self)
{
  return self->page_height - self->bottom;
}

static void draw_table_header (CustodyReportLayout *self,
                               gboolean             continued);

static void
end_page (CustodyReportLayout *self)
{
  if (self->page == 0)
    return;

  if (self->drawing)
    {
      draw_footer (self);
      flush_batches (self, self->cr);
      if (self->target == TARGET_PDF)
        cairo_show_page (self->cr);
      else
        {
          cairo_surface_t *surface = cairo_surface_reference (cairo_get_target (self->cr));

          g_clear_pointer (&self->cr, cairo_destroy);
          g_ptr_array_add (self->recorded, surface);
        }
    }
}

static void
start_page (CustodyReportLayout *self)
{
  self->page++;
  self->y = self->top;
  self->page_empty = TRUE;

  if (!self->drawing)
    return;

  if (self->target == TARGET_RECORDING)
    {
      cairo_rectangle_t extents = { 0, 0, self->page_width, self->page_height };
      cairo_surface_t *surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA,
                                                                 &extents);

      self->cr = cairo_create (surface);
      cairo_surface_destroy (surface);
    }
  draw_header (self);
}

static void
new_page (CustodyReportLayout *self)
{
  end_page (self);
  start_page (self);
  check_cancelled (self);
}

static void
ensure_page (CustodyReportLayout *self)
{
  if (self->page == 0)
    start_page (self);
}

/* Makes room for @height, on a new page if need be; returns TRUE if it
 * took a new page. */
static gboolean
need (CustodyReportLayout *self,
      double               height)
{
  ensure_page (self);
  if (self->page_empty || self->y + height <= body_bottom (self))
    return FALSE;
  new_page (self);
  return TRUE;
}

static void
add_outline (CustodyReportLayout *self,
             const char          *title,
             int                  level)
{
  g_autofree char *link = NULL;
  int id;

  if (!self->drawing || self->target != TARGET_PDF)
    return;

  link = g_strdup_printf ("page=%u pos=[%.1f %.1f]", self->page, self->left, self->y);
  id = cairo_pdf_surface_add_outline (self->pdf,
                                      level == 0 ? CAIRO_PDF_OUTLINE_ROOT : self->outline_section,
                                      title, link,
                                      level == 0 ? CAIRO_PDF_OUTLINE_FLAG_OPEN : 0);
  if (level == 0)
    self->outline_section = id;
}

/*
 * Blocks
 */

static gboolean
is_katakana (gunichar c)
{
  /* The katakana block with its long vowel mark, but not the middle dot
   * (・), which separates words; the phonetic extensions; half-width forms. */
  return (c >= 0x30a0 && c <= 0x30ff && c != 0x30fb) || (c >= 0x31f0 && c <= 0x31ff) ||
         (c >= 0xff66 && c <= 0xff9f);
}

static void
keep_whole (PangoAttrList **attrs,
            guint           start,
            guint           end)
{
  PangoAttribute *attr = pango_attr_allow_breaks_new (FALSE);

  if (*attrs == NULL)
    *attrs = pango_attr_list_new ();
  attr->start_index = start;
  attr->end_index = end;
  pango_attr_list_insert (*attrs, attr);
}

/* Japanese allows a line break between any two kana, so Pango breaks
 * イミュータブル as イミュータブ|ル. A run of katakana is one loanword,
 * and a number stays with its counter (1 つ, 2 種類): these attributes
 * keep each whole, or NULL when @text has neither. */
static PangoAttrList *
katakana_words (const char *text)
{
  PangoAttrList *attrs = NULL;
  const char *p = text;

  while (*p != '\0')
    {
      const char *start = p;
      guint n = 0;

      while (*p != '\0' && is_katakana (g_utf8_get_char (p)))
        {
          p = g_utf8_next_char (p);
          n++;
        }
      if (n > 1)
        keep_whole (&attrs, start - text, p - text);
      if (p > start)
        continue;

      while (g_ascii_isdigit (*p))
        p++;
      if (p > start && p[0] == ' ' && (guchar) p[1] >= 0x80)
        {
          p = g_utf8_next_char (p + 1);
          keep_whole (&attrs, start - text, p - text);
        }
      else if (p == start)
        p = g_utf8_next_char (p);
    }
  return attrs;
}

/* Lays out wrapped text in @layout at @width; returns its height. Katakana
 * words stay whole unless one is wider than @width by itself. */
static double
wrap_text (PangoLayout *layout,
           const char  *text,
           double       width,
           PangoAlignment alignment)
{
  g_autoptr(PangoAttrList) attrs = NULL;
  PangoRectangle logical;
  int units = pango_units_from_double (width);
  gsize length;

  if (!is_plain_ascii (text, &length))
    attrs = katakana_words (text);
  pango_layout_set_width (layout, units);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (layout, alignment);
  pango_layout_set_text (layout, text, -1);
  pango_layout_set_attributes (layout, attrs);
  pango_layout_get_extents (layout, NULL, &logical);
  if (attrs != NULL && logical.width > units)
    {
      pango_layout_set_attributes (layout, NULL);
      pango_layout_get_extents (layout, NULL, &logical);
    }

  return pango_units_to_double (logical.height);
}

static double
content_width (CustodyReportLayout *self)
{
  return self->page_width - self->left - self->right;
}

/* Draws @layout from @y on, line by line, breaking pages between lines. */
static void
flow_layout (CustodyReportLayout *self,
             Style               *s,
             CustodyReportTone    tone)
{
  PangoLayoutIter *iter = pango_layout_get_iter (s->layout);
  double layout_top = 0;

  do
    {
      PangoRectangle logical;
      double line_top, line_height;
      int baseline;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      baseline = pango_layout_iter_get_baseline (iter);
      line_top = pango_units_to_double (logical.y) - layout_top;
      line_height = pango_units_to_double (logical.height);

      if (need (self, line_top + line_height))
        {
          layout_top = pango_units_to_double (logical.y);
          line_top = 0;
        }

      if (self->drawing)
        {
          flush_batches (self, self->cr);
          custody_report_layout_set_tone (self, self->cr, tone);
          cairo_move_to (self->cr, self->left + pango_units_to_double (logical.x),
                         self->y + line_top + pango_units_to_double (baseline - logical.y));
          pango_cairo_show_layout_line (self->cr, pango_layout_iter_get_line_readonly (iter));
        }
      self->page_empty = FALSE;
      if (!pango_layout_iter_at_last_line (iter))
        continue;
      self->y += line_top + line_height;
    }
  while (pango_layout_iter_next_line (iter));

  pango_layout_iter_free (iter);
}

void
custody_report_layout_title_block (CustodyReportLayout *self,
                                   const char          *title,
                                   const char * const  *lines)
{
  Style *s = &self->styles[CUSTODY_REPORT_STYLE_TITLE];

  if (self->error != NULL)
    return;

  ensure_page (self);
  wrap_text (s->layout, title, content_width (self), PANGO_ALIGN_LEFT);
  flow_layout (self, s, CUSTODY_REPORT_TONE_STRONG);
  self->y += 6;

  for (guint i = 0; lines != NULL && lines[i] != NULL; i++)
    {
      Style *b = &self->styles[CUSTODY_REPORT_STYLE_BODY];

      wrap_text (b->layout, lines[i], content_width (self), PANGO_ALIGN_LEFT);
      flow_layout (self, b, CUSTODY_REPORT_TONE_MUTED);
    }

  if (self->drawing)
    draw_rule (self->cr, self->left, self->page_width - self->right, self->y + 8, 1.2, 0.2);
  self->y += 20;
}

static void
heading (CustodyReportLayout *self,
         CustodyReportStyle   style,
         const char          *title,
         double               above,
         int                  level)
{
  Style *s = &self->styles[style];
  double height;

  check_cancelled (self);
  if (self->error != NULL)
    return;

  ensure_page (self);
  height = wrap_text (s->layout, title, content_width (self), PANGO_ALIGN_LEFT);

  /* A heading keeps a few lines of what follows with it. */
  if (!self->page_empty)
    {
      if (need (self, above + height + 60))
        above = 0;
      self->y += above;
    }

  add_outline (self, title, level);
  flow_layout (self, s, CUSTODY_REPORT_TONE_STRONG);
  self->y += level == 0 ? 6 : 4;
}

void
custody_report_layout_section (CustodyReportLayout *self,
                               const char          *title)
{
  if (self->error != NULL)
    return;

  g_debug ("%s '%s' starts at page %u, %.3f s", self->drawing ? "Drawing" : "Measuring", title,
           self->page, (g_get_monotonic_time () - self->started) / 1e6);
  g_free (self->section);
  self->section = g_strdup (title);
  g_clear_pointer (&self->subsection, g_free);
  heading (self, CUSTODY_REPORT_STYLE_HEADING, title, 16, 0);
}

void
custody_report_layout_subsection (CustodyReportLayout *self,
                                  const char          *title)
{
  if (self->error != NULL)
    return;

  g_free (self->subsection);
  self->subsection = g_strdup (title);
  heading (self, CUSTODY_REPORT_STYLE_SUBHEADING, title, 10, 1);
}

void
custody_report_layout_paragraph (CustodyReportLayout *self,
                                 CustodyReportTone    tone,
                                 const char          *text)
{
  Style *s = &self->styles[CUSTODY_REPORT_STYLE_BODY];

  if (self->error != NULL)
    return;

  ensure_page (self);
  wrap_text (s->layout, text, content_width (self), PANGO_ALIGN_LEFT);
  flow_layout (self, s, tone);
  self->y += 5;
}

/* What follows, @height points of it, goes on one page: a new one if the
 * rest of this one is too short (a heading and its chart). */
void
custody_report_layout_keep_together (CustodyReportLayout *self,
                                     double               height)
{
  if (self->error != NULL)
    return;

  need (self, height);
}

/**
 * custody_report_layout_figures:
 *
 * Key figures in boxes, up to four a row: a large value, a label under it.
 */
void
custody_report_layout_figures (CustodyReportLayout       *self,
                               const CustodyReportFigure *figures,
                               guint                      n_figures)
{
  const guint per_row = 4;
  const double gap = 8, pad = 7;
  Style *value = &self->styles[CUSTODY_REPORT_STYLE_FIGURE];
  Style *label = &self->styles[CUSTODY_REPORT_STYLE_SMALL];
  double box_width;

  if (self->error != NULL || n_figures == 0)
    return;

  ensure_page (self);
  box_width = (content_width (self) - gap * (per_row - 1)) / per_row;

  for (guint first = 0; first < n_figures; first += per_row)
    {
      guint n = MIN (per_row, n_figures - first);
      double label_height = 0, height;

      for (guint i = 0; i < n; i++)
        label_height = MAX (label_height,
                            wrap_text (label->layout, figures[first + i].label,
                                       box_width - 2 * pad, PANGO_ALIGN_LEFT));
      height = pad + value->line_height + 2 + label_height + pad;
      need (self, height + gap);

      if (self->drawing)
        for (guint i = 0; i < n; i++)
          {
            const CustodyReportFigure *f = &figures[first + i];
            double x = self->left + i * (box_width + gap);
            double value_width;

            cairo_set_source_rgb (self->cr, 0.96, 0.96, 0.96);
            cairo_rectangle (self->cr, x, self->y, box_width, height);
            cairo_fill_preserve (self->cr);
            cairo_set_source_rgb (self->cr, 0.80, 0.80, 0.80);
            cairo_set_line_width (self->cr, 0.6);
            cairo_stroke (self->cr);

            value_width = custody_report_layout_text_width (self, CUSTODY_REPORT_STYLE_FIGURE,
                                                            f->value);
            if (value_width > box_width - 2 * pad)
              {
                /* A value too wide for its box ("+81.8 ポイント") is set
                 * smaller, on the same baseline, rather than overflow. */
                double scale = (box_width - 2 * pad) / value_width;

                cairo_save (self->cr);
                cairo_translate (self->cr, x + pad, self->y + pad + value->baseline * (1 - scale));
                cairo_scale (self->cr, scale, scale);
                custody_report_layout_draw_text (self, self->cr, CUSTODY_REPORT_STYLE_FIGURE,
                                                 f->tone,
                                                 f->value, 0, 0, CUSTODY_REPORT_ALIGN_START);
                flush_batches (self, self->cr);
                cairo_restore (self->cr);
                value_width = box_width - 2 * pad;
              }
            else
              custody_report_layout_draw_text (self, self->cr, CUSTODY_REPORT_STYLE_FIGURE, f->tone,
                                               f->value, x + pad, self->y + pad,
                                               CUSTODY_REPORT_ALIGN_START);
            batch_separator (self, CUSTODY_REPORT_STYLE_FIGURE, x + pad + value_width,
                             self->y + pad + value->baseline);
            wrap_text (label->layout, f->label, box_width - 2 * pad, PANGO_ALIGN_LEFT);
            flush_batches (self, self->cr);
            custody_report_layout_set_tone (self, self->cr, CUSTODY_REPORT_TONE_MUTED);
            cairo_move_to (self->cr, x + pad, self->y + pad + value->line_height + 2);
            pango_cairo_show_layout (self->cr, label->layout);
            batch_separator (self, CUSTODY_REPORT_STYLE_SMALL, x + box_width - pad,
                             self->y + pad + value->line_height + 2 + label->baseline);
          }

      self->page_empty = FALSE;
      self->y += height + gap;
    }
  self->y += 4;
}

void
custody_report_layout_chart (CustodyReportLayout   *self,
                             double                 height,
                             CustodyReportDrawFunc  draw,
                             gpointer               data)
{
  if (self->error != NULL)
    return;

  need (self, height);
  if (self->drawing)
    {
      cairo_save (self->cr);
      draw (self, self->cr, self->left, self->y, content_width (self), height, data);
      cairo_restore (self->cr);
    }
  self->page_empty = FALSE;
  self->y += height + 8;
}

/*
 * Tables
 */

static void
table_free (Table *table)
{
  for (guint i = 0; i < table->n_columns; i++)
    {
      g_free ((char *) table->columns[i].title);
      g_clear_object (&table->layouts[i]);
      g_clear_pointer (&table->lines[i], g_array_unref);
    }
  g_free (table->lines);
  g_free (table->columns);
  g_free (table->layouts);
  g_free (table->x);
  g_free (table->width);
  g_free (table->kinds);
  g_free (table->runs);
  g_free (table->widths);
  g_free (table);
}

static PangoAlignment
pango_alignment_for (CustodyReportAlign align)
{
  switch (align)
    {
    case CUSTODY_REPORT_ALIGN_END:
      return PANGO_ALIGN_RIGHT;
    case CUSTODY_REPORT_ALIGN_CENTER:
      return PANGO_ALIGN_CENTER;
    case CUSTODY_REPORT_ALIGN_START:
    default:
      return PANGO_ALIGN_LEFT;
    }
}

static double
aligned_x (const Table *table,
           guint        column,
           double       width)
{
  switch (table->columns[column].align)
    {
    case CUSTODY_REPORT_ALIGN_END:
      return table->x[column] + table->width[column] - width;
    case CUSTODY_REPORT_ALIGN_CENTER:
      return table->x[column] + (table->width[column] - width) / 2;
    case CUSTODY_REPORT_ALIGN_START:
    default:
      return table->x[column];
    }
}

/* Breaks plain ASCII text into lines no wider than @max: at spaces, after
 * hyphens and slashes, or inside a word longer than a line. Pango does the same for any other
 * text; this keeps the common case of long English cells fast. */
static void
wrap_ascii (Style      *s,
            const char *text,
            double      max,
            GArray     *lines)
{
  guint length = strlen (text), pos = 0;

  g_array_set_size (lines, 0);
  while (pos < length && lines->len < MAX_CELL_LINES)
    {
      Line line = { pos, 0, 0 };
      guint end = pos, fit_end = pos;
      double width = 0, fit_width = 0;

      /* Take words while they fit; a space ends a word. */
      while (end < length)
        {
          guint word_end = end;
          double word_width = 0, space_width = 0;

          /* A word ends at a space, or just after a hyphen or a slash. */
          while (word_end < length && text[word_end] != ' ')
            {
              char c = text[word_end++];

              word_width += s->advance[(guchar) c - ' '];
              if ((c == '-' || c == '/') && word_end < length && text[word_end] != ' ')
                break;
            }
          if (width + word_width > max && fit_end > pos)
            break;
          if (width + word_width > max)
            {
              /* A word wider than the line: as many characters as fit. */
              while (end < word_end &&
                     (end == pos || width + s->advance[(guchar) text[end] - ' '] <= max))
                width += s->advance[(guchar) text[end++] - ' '];
              fit_end = end;
              fit_width = width;
              break;
            }
          width += word_width;
          fit_end = word_end;
          fit_width = width;
          end = word_end;
          while (end < length && text[end] == ' ')
            space_width += s->advance[0], end++;
          width += space_width;
        }

      line.length = fit_end - pos;
      line.width = fit_width;
      g_array_append_val (lines, line);

      pos = fit_end;
      while (pos < length && text[pos] == ' ')
        pos++;
    }
}

/* Measures one row; returns its height. The cells stay measured (kinds,
 * runs, widths, column layouts) for draw_cells(). */
static double
measure_cells (CustodyReportLayout *self,
               CustodyReportStyle  *styles,
               const char * const  *cells)
{
  Table *table = self->table;
  double height = 0;

  for (guint c = 0; c < table->n_columns; c++)
    {
      Style *s = &self->styles[styles[c]];
      const char *text = cells[c] != NULL ? cells[c] : "";
      double cell_height = s->line_height;

      table->kinds[c] = style_measure (self, s, text, &table->runs[c], &table->widths[c]);
      if (table->kinds[c] == CELL_ASCII && table->widths[c] > table->width[c])
        {
          table->kinds[c] = CELL_ASCII_WRAPPED;
          wrap_ascii (s, text, table->width[c], table->lines[c]);
          cell_height = s->line_height * table->lines[c]->len;
        }
      else if (table->kinds[c] == CELL_LAYOUT || table->widths[c] > table->width[c])
        {
          PangoLayout *layout = table->layouts[c];

          table->kinds[c] = CELL_LAYOUT;
          pango_layout_set_font_description (layout, s->desc);
          pango_layout_set_height (layout, -MAX_CELL_LINES);
          pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
          cell_height = wrap_text (layout, text, table->width[c],
                                   pango_alignment_for (table->columns[c].align));
          cell_height += MAX (0, baseline_shift (s, layout));
          self->unknown_glyphs += pango_layout_get_unknown_glyphs_count (layout);
        }
      height = MAX (height, cell_height);
    }

  return height + 2 * CELL_PAD_Y;
}

static void
draw_cells (CustodyReportLayout      *self,
            const CustodyReportStyle *styles,
            const char * const       *cells,
            const CustodyReportTone  *tones,
            double                    y)
{
  Table *table = self->table;

  for (guint c = 0; c < table->n_columns; c++)
    {
      CustodyReportStyle style = styles[c];
      CustodyReportTone tone = tones != NULL ? tones[c] : CUSTODY_REPORT_TONE_NORMAL;
      const char *text = cells[c] != NULL ? cells[c] : "";
      double baseline = y + CELL_PAD_Y + self->styles[style].baseline;

      switch (table->kinds[c])
        {
        case CELL_ASCII:
          batch_ascii (self, style, tone, text, aligned_x (table, c, table->widths[c]), baseline);
          break;
        case CELL_ASCII_WRAPPED:
          for (guint i = 0; i < table->lines[c]->len; i++)
            {
              const Line *line = &g_array_index (table->lines[c], Line, i);

              batch_ascii_n (self, style, tone, text + line->start, line->length,
                             aligned_x (table, c, line->width),
                             baseline + i * self->styles[style].line_height);
            }
          break;
        case CELL_RUN:
          batch_run (self, tone, table->runs[c], aligned_x (table, c, table->widths[c]),
                     baseline);
          break;
        case CELL_LAYOUT:
        default:
          /* What came before goes first: the page's text stays in reading
           * order for whoever reads it out of the PDF. */
          flush_batches (self, self->cr);
          custody_report_layout_set_tone (self, self->cr, tone);
          cairo_move_to (self->cr, table->x[c],
                         y + CELL_PAD_Y + baseline_shift (&self->styles[style], table->layouts[c]));
          pango_cairo_show_layout (self->cr, table->layouts[c]);
          break;
        }
    }
  /* The glyphs wait for the end of the page: one call per font and colour
   * for a whole page is what keeps cairo's PDF output fast. */
}

static void
draw_table_header (CustodyReportLayout *self,
                   gboolean             continued)
{
  Table *table = self->table;
  g_autofree CustodyReportStyle *styles = NULL;
  g_autofree const char **titles = NULL;
  double height;

  if (table->flags & CUSTODY_REPORT_TABLE_NO_HEADER)
    return;

  if (continued && self->section != NULL)
    {
      g_autofree char *where = self->subsection == NULL ? g_strdup (self->section)
        /* Translators: a section and its part, over a table continued from the page before */
        : g_strdup_printf (C_("section and part", "%s: %s"), self->section, self->subsection);
      /* Translators: over a table that goes on from the page before */
      g_autofree char *text = g_strdup_printf (_("%s (continued)"), where);

      if (self->drawing)
        custody_report_layout_draw_text (self, self->cr, CUSTODY_REPORT_STYLE_SMALL,
                                         CUSTODY_REPORT_TONE_MUTED, text, self->left, self->y,
                                         CUSTODY_REPORT_ALIGN_START);
      self->y += self->styles[CUSTODY_REPORT_STYLE_SMALL].line_height + 3;
    }

  styles = g_new (CustodyReportStyle, table->n_columns);
  titles = g_new (const char *, table->n_columns);
  for (guint c = 0; c < table->n_columns; c++)
    {
      styles[c] = CUSTODY_REPORT_STYLE_TABLE_BOLD;
      titles[c] = table->columns[c].title;
    }

  height = measure_cells (self, styles, titles);
  table->header_height = height;
  if (self->drawing)
    {
      cairo_set_source_rgb (self->cr, 0.88, 0.88, 0.88);
      cairo_rectangle (self->cr, self->left, self->y, content_width (self), height);
      cairo_fill (self->cr);
      draw_cells (self, styles, titles, NULL, self->y);
      draw_rule (self->cr, self->left, self->page_width - self->right, self->y + height, 0.6, 0.4);
    }
  self->y += height;
  self->page_empty = FALSE;
}

/* The widest word of a header, in bold: a header may wrap between
 * words, but "Verification" never becomes "Verificati" and "on". Words
 * end at spaces and punctuation. A short header in Japanese (オフサイト 1 つ)
 * is one word: it would otherwise break anywhere, or leave つ alone. */
#define SHORT_CJK_HEADER 10

static gboolean
is_word_char (gunichar c)
{
  /* Off-site stays whole: breaking after its hyphen helps no one. */
  return c == '-' || (!g_unichar_isspace (c) && !g_unichar_ispunct (c));
}

static double
widest_header_word (CustodyReportLayout *self,
                    const char          *title)
{
  double widest = 0;
  const char *p = title;
  gsize length;
  gboolean cjk;

  if (title != NULL && !is_plain_ascii (title, &length) &&
      g_utf8_strlen (title, -1) <= SHORT_CJK_HEADER)
    return custody_report_layout_text_width (self, CUSTODY_REPORT_STYLE_TABLE_BOLD, title);

  /* A Japanese header breaks at its punctuation only: its spaces stand
   * between a number and its counter, or around a Latin word. */
  cjk = title != NULL && !is_plain_ascii (title, &length);
  while (p != NULL && *p != '\0')
    {
      const char *end = p;

      while (*end != '\0' && (is_word_char (g_utf8_get_char (end)) || (cjk && *end == ' ')))
        end = g_utf8_next_char (end);
      if (end > p)
        {
          g_autofree char *word = g_strndup (p, end - p);

          widest = MAX (widest,
                        custody_report_layout_text_width (self, CUSTODY_REPORT_STYLE_TABLE_BOLD,
                                                          word));
          p = end;
        }
      else
        p = g_utf8_next_char (p);
    }
  return widest;
}

/* Widens the columns too narrow for their header's words, taking the
 * room from the columns that can spare it: not from those as wide as
 * their sample (@sampled), whose every cell would then wrap. */
static void
widen_for_header_words (CustodyReportLayout       *self,
                        const CustodyReportColumn *columns,
                        guint                      n_columns,
                        gboolean                   sampled,
                        double                    *widths)
{
  g_autofree double *least = g_new0 (double, n_columns);
  double missing = 0, spare = 0;

  for (guint c = 0; c < n_columns; c++)
    {
      least[c] = columns[c].title != NULL
                 ? widest_header_word (self, columns[c].title) + 2 * CELL_PAD_X + 1 : 0;
      if (sampled && columns[c].sample != NULL)
        least[c] = MAX (least[c], widths[c]);
      if (widths[c] < least[c])
        missing += least[c] - widths[c];
      else
        spare += widths[c] - least[c];
    }
  if (missing <= 0 || spare <= missing)
    return;

  for (guint c = 0; c < n_columns; c++)
    {
      if (widths[c] < least[c])
        widths[c] = least[c];
      else
        widths[c] -= (widths[c] - least[c]) * missing / spare;
    }
}

/* A column's sample as the report writes it: the samples of times and
 * dates in the language's format (2026年12月28日 23:59 is wider). */
static const char *
sample_text (const char *sample,
             char       *buf)
{
  g_autoptr(GDateTime) latest = g_date_time_new_local (2026, 12, 28, 23, 59, 0);
  gint64 t = latest != NULL ? g_date_time_to_unix (latest) : 0;

  if (g_str_equal (sample, CUSTODY_REPORT_SAMPLE_TIME))
    return custody_report_time (t, buf);
  if (g_str_equal (sample, CUSTODY_REPORT_SAMPLE_DATE))
    return custody_report_date (t, buf);
  return sample;
}

void
custody_report_layout_begin_table (CustodyReportLayout       *self,
                                   const CustodyReportColumn *columns,
                                   guint                      n_columns,
                                   CustodyReportTableFlags    flags)
{
  g_autofree double *sized = NULL;
  Table *table;
  double total = 0, fixed = 0, x;
  gboolean sampled = TRUE;

  g_return_if_fail (self->table == NULL);
  g_return_if_fail (n_columns > 0);

  if (self->error != NULL)
    return;

  sized = g_new0 (double, n_columns);
  table = g_new0 (Table, 1);
  table->n_columns = n_columns;
  table->flags = flags;
  table->columns = g_new0 (CustodyReportColumn, n_columns);
  table->layouts = g_new0 (PangoLayout *, n_columns);
  table->lines = g_new0 (GArray *, n_columns);
  table->x = g_new0 (double, n_columns);
  table->width = g_new0 (double, n_columns);
  table->kinds = g_new0 (CellKind, n_columns);
  table->runs = g_new0 (const Run *, n_columns);
  table->widths = g_new0 (double, n_columns);

  /* Columns with a sample take its width (in bold, the widest style of
   * a cell); the others share what is left by weight. */
  for (guint c = 0; c < n_columns; c++)
    {
      if (columns[c].sample != NULL)
        {
          char buf[CUSTODY_REPORT_BUF];

          sized[c] = custody_report_layout_text_width (self, CUSTODY_REPORT_STYLE_TABLE_BOLD,
                                                       sample_text (columns[c].sample, buf))
                     + 2 * CELL_PAD_X + 1;
          fixed += sized[c];
        }
      else
        total += columns[c].weight;
    }
  if (fixed > content_width (self) * 0.8)
    {
      fixed = 0;
      total = 0;
      sampled = FALSE;
      for (guint c = 0; c < n_columns; c++)
        {
          sized[c] = 0;
          total += columns[c].weight;
        }
    }

  for (guint c = 0; c < n_columns; c++)
    if (sized[c] == 0)
      sized[c] = (content_width (self) - fixed) * columns[c].weight / MAX (total, 1e-6);
  widen_for_header_words (self, columns, n_columns, sampled, sized);

  x = self->left;
  for (guint c = 0; c < n_columns; c++)
    {
      double width = sized[c];

      table->columns[c] = columns[c];
      table->columns[c].title = g_strdup (columns[c].title != NULL ? columns[c].title : "");
      table->layouts[c] = pango_layout_new (self->context);
      table->lines[c] = g_array_new (FALSE, FALSE, sizeof (Line));
      table->x[c] = x + CELL_PAD_X;
      table->width[c] = width - 2 * CELL_PAD_X;
      x += width;
    }

  self->table = table;

  /* The header and a row or two stay together. */
  need (self, 4 * (self->styles[CUSTODY_REPORT_STYLE_TABLE].line_height + 2 * CELL_PAD_Y));
  draw_table_header (self, FALSE);
}

/**
 * custody_report_layout_row:
 * @cells: one text per column; %NULL cells are empty
 * @tones: (nullable): one tone per column
 *
 * Adds a row, on a new page (under the repeated header) if it does not fit.
 *
 * Returns: %FALSE once the layout failed or was cancelled: stop adding
 */
gboolean
custody_report_layout_row (CustodyReportLayout     *self,
                           const char * const      *cells,
                           const CustodyReportTone *tones)
{
  Table *table = self->table;
  CustodyReportStyle styles[32];
  double height;

  if (self->error != NULL)
    return FALSE;

  g_return_val_if_fail (table != NULL, FALSE);
  g_return_val_if_fail (table->n_columns <= G_N_ELEMENTS (styles), FALSE);

  for (guint c = 0; c < table->n_columns; c++)
    styles[c] = tones != NULL && tones[c] == CUSTODY_REPORT_TONE_STRONG
                ? CUSTODY_REPORT_STYLE_TABLE_BOLD : CUSTODY_REPORT_STYLE_TABLE;

  height = measure_cells (self, styles, cells);
  if (self->y + height > body_bottom (self) && !self->page_empty)
    {
      new_page (self);
      draw_table_header (self, TRUE);
      /* The header measured its own cells: measure the row again. */
      height = measure_cells (self, styles, cells);
    }

  if (self->drawing)
    {
      /* Stripes are filled once a page, under the text. */
      if (!(table->flags & CUSTODY_REPORT_TABLE_NO_STRIPES) && table->rows % 2 == 1)
        {
          cairo_rectangle_t stripe = { self->left, self->y, content_width (self), height };
          g_array_append_val (self->stripes, stripe);
        }
      /* Text Pango draws goes on the page at once: its stripe first. */
      for (guint c = 0; c < table->n_columns; c++)
        if (table->kinds[c] == CELL_LAYOUT)
          {
            flush_stripes (self, self->cr);
            break;
          }
      draw_cells (self, styles, cells, tones, self->y);
    }

  self->y += height;
  self->page_empty = FALSE;
  table->rows++;
  custody_report_layout_add_work_done (self, 1);

  return self->error == NULL;
}

void
custody_report_layout_end_table (CustodyReportLayout *self)
{
  if (self->table == NULL)
    return;

  if (self->drawing && self->error == NULL &&
      !(self->table->flags & CUSTODY_REPORT_TABLE_NO_HEADER))
    draw_rule (self->cr, self->left, self->page_width - self->right, self->y, 0.6, 0.4);
  g_clear_pointer (&self->table, table_free);
  self->y += 10;
}

/**
 * custody_report_layout_facts:
 * @rows: (array length=n_rows): a label and its value, each
 *
 * A report's facts under its figures: a table of labels and values with no header
 * and no stripes.
 */
void
custody_report_layout_facts (CustodyReportLayout *self,
                             const char * const (*rows)[2],
                             guint                n_rows)
{
  static const CustodyReportColumn columns[] = {
    { NULL, 2, CUSTODY_REPORT_ALIGN_START },
    { NULL, 3, CUSTODY_REPORT_ALIGN_START },
  };

  custody_report_layout_begin_table (self, columns, G_N_ELEMENTS (columns),
                                     CUSTODY_REPORT_TABLE_NO_HEADER |
                                     CUSTODY_REPORT_TABLE_NO_STRIPES);
  for (guint i = 0; i < n_rows; i++)
    custody_report_layout_row (self, rows[i], NULL);
  custody_report_layout_end_table (self);
}

/*
 * Running a report
 */

static void
reset_run (CustodyReportLayout *self)
{
  g_clear_pointer (&self->table, table_free);
  g_clear_pointer (&self->section, g_free);
  g_clear_pointer (&self->subsection, g_free);
  self->page = 0;
  self->y = 0;
  self->page_empty = TRUE;
  self->outline_section = CAIRO_PDF_OUTLINE_ROOT;
  self->work_done = 0;
  self->since_check = 0;
}

static gboolean
run_pass (CustodyReportLayout     *self,
          gboolean                 drawing,
          CustodyReportBuildFunc   build,
          gpointer                 data,
          GError                 **error)
{
  g_autoptr(GError) build_error = NULL;

  reset_run (self);
  self->drawing = drawing;
  self->started = g_get_monotonic_time ();

  /* The build function's own failure (the store's) comes first; else the
   * layout's (cancelled, or the output failed). */
  if (!build (self, data, &build_error) && build_error != NULL)
    {
      g_clear_error (&self->error);
      g_propagate_error (error, g_steal_pointer (&build_error));
      return FALSE;
    }
  if (self->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&self->error));
      return FALSE;
    }

  ensure_page (self);
  g_clear_pointer (&self->table, table_free);
  end_page (self);
  g_debug ("%s %u pages took %.3f s", self->drawing ? "Drawing" : "Measuring", self->page,
           (g_get_monotonic_time () - self->started) / 1e6);
  return TRUE;
}

static gboolean
measure (CustodyReportLayout     *self,
         CustodyReportBuildFunc   build,
         gpointer                 data,
         GError                 **error)
{
  self->target = TARGET_NONE;
  if (!run_pass (self, FALSE, build, data, error))
    return FALSE;
  self->n_pages = self->page;
  return TRUE;
}

static cairo_status_t
write_cb (void                *closure,
          const unsigned char *data,
          unsigned int         length)
{
  CustodyReportLayout *self = closure;

  if (self->error != NULL)
    return CAIRO_STATUS_WRITE_ERROR;
  if (!g_output_stream_write_all (self->output, data, length, NULL, self->cancellable,
                                  &self->error))
    return CAIRO_STATUS_WRITE_ERROR;
  return CAIRO_STATUS_SUCCESS;
}

static void
set_metadata (CustodyReportLayout *self)
{
  g_autoptr(GDateTime) created = g_date_time_new_from_unix_utc (self->created);
  g_autofree char *date = created != NULL ? g_date_time_format (created, "%Y-%m-%dT%H:%M:%SZ")
                          : NULL;

  if (self->title != NULL)
    cairo_pdf_surface_set_metadata (self->pdf, CAIRO_PDF_METADATA_TITLE, self->title);
  if (self->author != NULL)
    cairo_pdf_surface_set_metadata (self->pdf, CAIRO_PDF_METADATA_AUTHOR, self->author);
  if (self->subject != NULL)
    cairo_pdf_surface_set_metadata (self->pdf, CAIRO_PDF_METADATA_SUBJECT, self->subject);
  if (self->keywords != NULL)
    cairo_pdf_surface_set_metadata (self->pdf, CAIRO_PDF_METADATA_KEYWORDS, self->keywords);
  cairo_pdf_surface_set_metadata (self->pdf, CAIRO_PDF_METADATA_CREATOR,
                                  "Custody " PACKAGE_VERSION);
  if (date != NULL)
    {
      cairo_pdf_surface_set_metadata (self->pdf, CAIRO_PDF_METADATA_CREATE_DATE, date);
      cairo_pdf_surface_set_metadata (self->pdf, CAIRO_PDF_METADATA_MOD_DATE, date);
    }
}

/**
 * custody_report_layout_write_pdf:
 * @output: where the PDF goes; left open
 * @build: the report, run twice (see the header)
 *
 * Returns: %FALSE with @error if the report failed, was cancelled, or the
 *   PDF could not be written
 */
gboolean
custody_report_layout_write_pdf (CustodyReportLayout     *self,
                                 GOutputStream           *output,
                                 CustodyReportBuildFunc   build,
                                 gpointer                 data,
                                 GError                 **error)
{
  gboolean ok;
  cairo_status_t status;

  g_return_val_if_fail (CUSTODY_IS_REPORT_LAYOUT (self), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (output), FALSE);

  if (!measure (self, build, data, error))
    return FALSE;

  /* cairo writes in small pieces: gather them. */
  self->output = g_buffered_output_stream_new_sized (output, 256 * 1024);
  g_filter_output_stream_set_close_base_stream (G_FILTER_OUTPUT_STREAM (self->output), FALSE);
  self->target = TARGET_PDF;
  self->pdf = cairo_pdf_surface_create_for_stream (write_cb, self, self->page_width,
                                                   self->page_height);
  cairo_pdf_surface_restrict_to_version (self->pdf, CAIRO_PDF_VERSION_1_5);
  set_metadata (self);
  self->cr = cairo_create (self->pdf);

  ok = run_pass (self, TRUE, build, data, error);

  g_clear_pointer (&self->cr, cairo_destroy);
  cairo_surface_finish (self->pdf);
  status = cairo_surface_status (self->pdf);
  g_clear_pointer (&self->pdf, cairo_surface_destroy);
  if (ok && status == CAIRO_STATUS_SUCCESS && self->error == NULL)
    g_output_stream_flush (self->output, self->cancellable, &self->error);
  g_clear_object (&self->output);

  if (!ok)
    return FALSE;
  if (self->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&self->error));
      return FALSE;
    }
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s", cairo_status_to_string (status));
      return FALSE;
    }
  if (self->page != self->n_pages)
    {
      /* The two runs differ: a report bug, not the user's. */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "the report laid out %u pages, then drew %u", self->n_pages, self->page);
      return FALSE;
    }

  report_progress (self, TRUE);
  return TRUE;
}

/**
 * custody_report_layout_record:
 *
 * Runs the report into one cairo recording surface per page, with the
 * same drawing as the PDF: what printing replays.
 *
 * Returns: (transfer full) (element-type cairo_surface_t): the pages
 */
GPtrArray *
custody_report_layout_record (CustodyReportLayout     *self,
                              CustodyReportBuildFunc   build,
                              gpointer                 data,
                              GError                 **error)
{
  g_autoptr(GPtrArray) pages = NULL;

  g_return_val_if_fail (CUSTODY_IS_REPORT_LAYOUT (self), NULL);

  if (!measure (self, build, data, error))
    return NULL;

  pages = g_ptr_array_new_with_free_func ((GDestroyNotify) cairo_surface_destroy);
  self->recorded = pages;
  self->target = TARGET_RECORDING;

  if (!run_pass (self, TRUE, build, data, error))
    {
      g_clear_pointer (&self->cr, cairo_destroy);
      self->recorded = NULL;
      return NULL;
    }
  self->recorded = NULL;
  report_progress (self, TRUE);

  return g_steal_pointer (&pages);
}

guint
custody_report_layout_get_n_pages (CustodyReportLayout *self)
{
  g_return_val_if_fail (CUSTODY_IS_REPORT_LAYOUT (self), 0);

  return self->n_pages;
}

/* Glyphs the fonts could not draw (tofu): 0 in a good report. */
guint
custody_report_layout_get_unknown_glyphs (CustodyReportLayout *self)
{
  g_return_val_if_fail (CUSTODY_IS_REPORT_LAYOUT (self), 0);

  return self->unknown_glyphs;
}

void
custody_report_layout_get_page_size (CustodyReportLayout *self,
                                     double              *width,
                                     double              *height)
{
  g_return_if_fail (CUSTODY_IS_REPORT_LAYOUT (self));

  *width = self->page_width;
  *height = self->page_height;
}

/*
 * GObject
 */

static void
custody_report_layout_finalize (GObject *object)
{
  CustodyReportLayout *self = (CustodyReportLayout *) object;

  g_clear_pointer (&self->table, table_free);
  for (guint s = 0; s < CUSTODY_REPORT_N_STYLES; s++)
    style_clear (&self->styles[s]);
  g_clear_pointer (&self->batches, g_ptr_array_unref);
  g_clear_pointer (&self->fonts, g_ptr_array_unref);
  g_clear_pointer (&self->stripes, g_array_unref);
  g_clear_object (&self->context);
  g_clear_object (&self->font_map);
  g_clear_object (&self->cancellable);
  g_clear_error (&self->error);
  g_free (self->title);
  g_free (self->period);
  g_free (self->footer);
  g_free (self->author);
  g_free (self->subject);
  g_free (self->keywords);
  g_free (self->language);
  g_free (self->section);
  g_free (self->subsection);

  G_OBJECT_CLASS (custody_report_layout_parent_class)->finalize (object);
}

static void
custody_report_layout_class_init (CustodyReportLayoutClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = custody_report_layout_finalize;
}

static void
custody_report_layout_init (CustodyReportLayout *self)
{
  self->stripes = g_array_new (FALSE, FALSE, sizeof (cairo_rectangle_t));
  self->fonts = g_ptr_array_new_with_free_func ((GDestroyNotify) cairo_scaled_font_destroy);
  self->batches = g_ptr_array_new_with_free_func ((GDestroyNotify) batch_free);
  self->outline_section = CAIRO_PDF_OUTLINE_ROOT;
}

static void
load_styles (CustodyReportLayout *self)
{
  cairo_font_options_t *options = cairo_font_options_create ();
  const char *family = family_for_language (self->language);

  for (guint s = 0; s < CUSTODY_REPORT_N_STYLES; s++)
    style_clear (&self->styles[s]);
  g_ptr_array_set_size (self->batches, 0);
  g_ptr_array_set_size (self->fonts, 0);
  g_clear_object (&self->context);

  /* Vector output: no hinting, so that what is measured is what prints. */
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_antialias (options, CAIRO_ANTIALIAS_GRAY);

  self->context = pango_font_map_create_context (self->font_map);
  pango_cairo_context_set_resolution (self->context, 72.0);
  pango_cairo_context_set_font_options (self->context, options);
  pango_context_set_round_glyph_positions (self->context, FALSE);
  if (self->language != NULL)
    pango_context_set_language (self->context, pango_language_from_string (self->language));
  cairo_font_options_destroy (options);

  for (guint s = 0; s < CUSTODY_REPORT_N_STYLES; s++)
    {
      Style *style = &self->styles[s];

      style_init (style, self->context, family, style_fonts[s].weight, style_fonts[s].size);
      /* Without a font of its own, a style has no fast path nor runs. */
      if (style->scaled != NULL && !font_slot (self, style->font, &style->slot))
        style->ascii = FALSE;
    }
}

/*
 * Public API
 */

/**
 * custody_report_layout_new:
 * @paper: the page size
 *
 * Returns: (transfer full): a layout with its own font map, so that it can
 *   run in any one thread
 */
CustodyReportLayout *
custody_report_layout_new (CustodyReportPaper paper)
{
  CustodyReportLayout *self = g_object_new (CUSTODY_TYPE_REPORT_LAYOUT, NULL);

  if (paper == CUSTODY_REPORT_PAPER_LETTER)
    {
      self->page_width = 8.5 * 72;
      self->page_height = 11 * 72;
    }
  else
    {
      self->page_width = 210 * POINTS_PER_MM;
      self->page_height = 297 * POINTS_PER_MM;
    }
  self->left = self->right = 16 * POINTS_PER_MM;
  self->top = 22 * POINTS_PER_MM;
  self->bottom = 18 * POINTS_PER_MM;

  self->font_map = pango_cairo_font_map_new ();
  load_styles (self);

  return self;
}

void
custody_report_layout_set_header (CustodyReportLayout *self,
                                  const char          *title,
                                  const char          *period,
                                  const char          *footer)
{
  g_return_if_fail (CUSTODY_IS_REPORT_LAYOUT (self));

  g_free (self->title);
  self->title = g_strdup (title);
  g_free (self->period);
  self->period = g_strdup (period);
  g_free (self->footer);
  self->footer = g_strdup (footer);
}

void
custody_report_layout_set_metadata (CustodyReportLayout *self,
                                    const char          *author,
                                    const char          *subject,
                                    const char          *keywords,
                                    gint64               created)
{
  g_return_if_fail (CUSTODY_IS_REPORT_LAYOUT (self));

  g_free (self->author);
  self->author = g_strdup (author);
  g_free (self->subject);
  self->subject = g_strdup (subject);
  g_free (self->keywords);
  self->keywords = g_strdup (keywords);
  self->created = created;
}

/* The language of the text ("ja", "en"): it picks the glyphs of CJK text. */
void
custody_report_layout_set_language (CustodyReportLayout *self,
                                    const char          *language)
{
  g_return_if_fail (CUSTODY_IS_REPORT_LAYOUT (self));

  if (g_strcmp0 (self->language, language) == 0)
    return;
  g_free (self->language);
  self->language = g_strdup (language);
  load_styles (self);
}

void
custody_report_layout_set_progress_func (CustodyReportLayout       *self,
                                         CustodyReportProgressFunc  func,
                                         gpointer                   user_data)
{
  g_return_if_fail (CUSTODY_IS_REPORT_LAYOUT (self));

  self->progress = func;
  self->progress_data = user_data;
}

void
custody_report_layout_set_cancellable (CustodyReportLayout *self,
                                       GCancellable        *cancellable)
{
  g_return_if_fail (CUSTODY_IS_REPORT_LAYOUT (self));

  g_set_object (&self->cancellable, cancellable);
}
