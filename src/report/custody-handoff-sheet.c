/* custody-handoff-sheet.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custody-handoff-sheet"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "custody-desk-draw.h"
#include "custody-handoff-sheet.h"
#include "custody-time.h"

typedef struct
{
  char *volser;
  char *type;
  char *pool;
  char *location;
  char *note;
} Row;

struct _CustodyHandoffSheet
{
  GObject  parent_instance;

  char    *title;
  gint64   day;
  char    *courier;
  char    *container;
  char    *seal;
  GArray  *rows;
};

static void custody_handoff_sheet_printable_init (CustodyPrintableInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CustodyHandoffSheet, custody_handoff_sheet, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (CUSTODY_TYPE_PRINTABLE,
                                                      custody_handoff_sheet_printable_init))

/* Fixed metrics, in millimetres, so that pages are known before drawing. */
#define TABLE_TOP_FIRST  78.0
#define TABLE_TOP_NEXT   42.0
#define ROW_HEIGHT       7.0
#define TABLE_BOTTOM     (CUSTODY_A4_HEIGHT_MM - 20.0)
#define SIGNATURES       62.0   /* the signature block's height */

static guint
rows_on_page (gboolean first)
{
  return (guint) ((TABLE_BOTTOM - (first ? TABLE_TOP_FIRST : TABLE_TOP_NEXT)) / ROW_HEIGHT) - 1;
}

/* Which rows a page holds; the last page keeps room for signatures. */
static guint
n_pages (CustodyHandoffSheet *self,
         guint               *first_rows,
         guint               *next_rows)
{
  guint n = self->rows->len, pages = 1, left;
  guint signature_rows = (guint) (SIGNATURES / ROW_HEIGHT) + 1;

  *first_rows = rows_on_page (TRUE);
  *next_rows = rows_on_page (FALSE);

  if (n + signature_rows <= *first_rows)
    return 1;
  left = n > *first_rows ? n - *first_rows : 0;
  while (left + signature_rows > *next_rows)
    {
      pages++;
      left = left > *next_rows ? left - *next_rows : 0;
    }
  return pages + 1;
}

static void
draw_table_row (cairo_t    *cr,
                double      y,
                gboolean    header,
                const char *cells[6])
{
  static const double widths[] = { 10, 30, 22, 30, 36, 46 };
  double x = CUSTODY_PAGE_MARGIN_MM;

  for (guint i = 0; i < G_N_ELEMENTS (widths); i++)
    {
      custody_desk_draw_cell (cr, x + 1, y + 1.8, widths[i] - 2,
                              header ? 3.0 : (i == 5 ? 2.8 : 3.4), header || i == 1, cells[i]);
      x += widths[i];
    }
  cairo_set_source_rgb (cr, 0.6, 0.6, 0.6);
  custody_desk_draw_rule (cr, CUSTODY_PAGE_MARGIN_MM, y + ROW_HEIGHT,
                          CUSTODY_A4_WIDTH_MM - 2 * CUSTODY_PAGE_MARGIN_MM, header ? 0.4 : 0.15);
  cairo_set_source_rgb (cr, 0, 0, 0);
}

static void
draw_signature (cairo_t    *cr,
                double      x,
                double      y,
                double      w,
                const char *who)
{
  custody_desk_draw_text (cr, x, y, w, 3.6, TRUE, PANGO_ALIGN_LEFT, who);
  custody_desk_draw_field (cr, x, y + 7, w, _("Name"), NULL);
  custody_desk_draw_field (cr, x, y + 21, w, _("Signature"), NULL);
  custody_desk_draw_field (cr, x, y + 35, w, _("Date and time"), NULL);
}

/*
 * CustodyPrintable
 */

static const char *
custody_handoff_sheet_get_title (CustodyPrintable *printable)
{
  return CUSTODY_HANDOFF_SHEET (printable)->title;
}

static guint
custody_handoff_sheet_get_n_pages (CustodyPrintable *printable)
{
  guint first, next;

  return n_pages (CUSTODY_HANDOFF_SHEET (printable), &first, &next);
}

static void
custody_handoff_sheet_get_page_size (CustodyPrintable *printable,
                                     double           *width,
                                     double           *height)
{
  *width = CUSTODY_A4_WIDTH_MM * CUSTODY_MM;
  *height = CUSTODY_A4_HEIGHT_MM * CUSTODY_MM;
}

static void
custody_handoff_sheet_draw_page (CustodyPrintable *printable,
                                 cairo_t          *cr,
                                 guint             page)
{
  CustodyHandoffSheet *self = CUSTODY_HANDOFF_SHEET (printable);
  g_autofree char *date = custody_time_format_date (self->day);
  g_autofree char *count = NULL;
  guint first_rows, next_rows, pages, start, end;
  double x = CUSTODY_PAGE_MARGIN_MM;
  double w = CUSTODY_A4_WIDTH_MM - 2 * CUSTODY_PAGE_MARGIN_MM;
  double y;
  const char *header[6] = { "#", _("Volume"), _("Type"), _("Pool"), _("Now at"), _("Why") };

  pages = n_pages (self, &first_rows, &next_rows);
  cairo_scale (cr, CUSTODY_MM, CUSTODY_MM);
  cairo_set_source_rgb (cr, 0, 0, 0);

  custody_desk_draw_header (cr, self->title, date);

  if (page == 0)
    {
      double third = (w - 8) / 3;

      custody_desk_draw_field (cr, x, 38, third, _("Courier"), self->courier);
      custody_desk_draw_field (cr, x + third + 4, 38, third, _("Case"), self->container);
      custody_desk_draw_field (cr, x + 2 * (third + 4), 38, third, _("Seal"), self->seal);
      count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u volume", "%u volumes",
                                            self->rows->len), self->rows->len);
      custody_desk_draw_text (cr, x, 56, w, 4.2, TRUE, PANGO_ALIGN_LEFT, count);
      y = TABLE_TOP_FIRST - ROW_HEIGHT;
      start = 0;
      end = MIN (self->rows->len, first_rows);
    }
  else
    {
      y = TABLE_TOP_NEXT - ROW_HEIGHT;
      start = MIN (self->rows->len, first_rows + (page - 1) * next_rows);
      end = MIN (self->rows->len, start + next_rows);
    }

  if (start < end || page == 0)
    {
      draw_table_row (cr, y, TRUE, header);
      y += ROW_HEIGHT;
    }
  for (guint i = start; i < end; i++)
    {
      Row *row = &g_array_index (self->rows, Row, i);
      g_autofree char *number = g_strdup_printf ("%u", i + 1);
      const char *cells[6] = { number, row->volser, row->type, row->pool, row->location,
                               row->note };

      draw_table_row (cr, y, FALSE, cells);
      y += ROW_HEIGHT;
    }

  if (page + 1 == pages)
    {
      double half = (w - 10) / 2;

      y = MAX (y + 8, TABLE_BOTTOM - SIGNATURES);
      draw_signature (cr, x, y, half, _("Handed over by (operator)"));
      draw_signature (cr, x + half + 10, y, half, _("Received by (courier)"));
    }

  custody_desk_draw_footer (cr, page, pages, self->title);
}

static void
custody_handoff_sheet_printable_init (CustodyPrintableInterface *iface)
{
  iface->get_title = custody_handoff_sheet_get_title;
  iface->get_n_pages = custody_handoff_sheet_get_n_pages;
  iface->get_page_size = custody_handoff_sheet_get_page_size;
  iface->draw_page = custody_handoff_sheet_draw_page;
}

/*
 * GObject
 */

static void
row_clear (gpointer data)
{
  Row *row = data;

  g_free (row->volser);
  g_free (row->type);
  g_free (row->pool);
  g_free (row->location);
  g_free (row->note);
}

static void
custody_handoff_sheet_finalize (GObject *object)
{
  CustodyHandoffSheet *self = (CustodyHandoffSheet *) object;

  g_free (self->title);
  g_free (self->courier);
  g_free (self->container);
  g_free (self->seal);
  g_array_unref (self->rows);

  G_OBJECT_CLASS (custody_handoff_sheet_parent_class)->finalize (object);
}

static void
custody_handoff_sheet_class_init (CustodyHandoffSheetClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = custody_handoff_sheet_finalize;
}

static void
custody_handoff_sheet_init (CustodyHandoffSheet *self)
{
  self->rows = g_array_new (FALSE, TRUE, sizeof (Row));
  g_array_set_clear_func (self->rows, row_clear);
}

/**
 * custody_handoff_sheet_new:
 * @title: "Courier Hand-off: Send Off Site"
 * @day: the day of the hand-off
 */
CustodyHandoffSheet *
custody_handoff_sheet_new (const char *title,
                           gint64      day)
{
  CustodyHandoffSheet *self = g_object_new (CUSTODY_TYPE_HANDOFF_SHEET, NULL);

  self->title = g_strdup (title);
  self->day = day;
  return self;
}

/* What is not known yet is left blank, to be written in by hand. */
void
custody_handoff_sheet_set_courier (CustodyHandoffSheet *self,
                                   const char          *courier,
                                   const char          *container,
                                   const char          *seal)
{
  g_return_if_fail (CUSTODY_IS_HANDOFF_SHEET (self));

  g_free (self->courier);
  self->courier = g_strdup (courier);
  g_free (self->container);
  self->container = g_strdup (container);
  g_free (self->seal);
  self->seal = g_strdup (seal);
}

void
custody_handoff_sheet_add_volume (CustodyHandoffSheet *self,
                                  const char          *volser,
                                  const char          *type,
                                  const char          *pool,
                                  const char          *location,
                                  const char          *note)
{
  Row row;

  g_return_if_fail (CUSTODY_IS_HANDOFF_SHEET (self));
  g_return_if_fail (volser != NULL);

  row.volser = g_strdup (volser);
  row.type = g_strdup (type != NULL ? type : "");
  row.pool = g_strdup (pool != NULL ? pool : "");
  row.location = g_strdup (location != NULL ? location : "");
  row.note = g_strdup (note != NULL ? note : "");
  g_array_append_val (self->rows, row);
}
