/* custody-reconciliation-certificate.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custody-reconciliation-certificate"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "custody-desk-draw.h"
#include "custody-reconciliation-certificate.h"
#include "custody-time.h"

struct _CustodyReconciliationCertificate
{
  GObject                 parent_instance;

  CustodyReconciliation  *r;
  GArray                 *lines;   /* Line: the flowing content, paginated */
  guint                   n_pages;
};

static void custody_reconciliation_certificate_printable_init (CustodyPrintableInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CustodyReconciliationCertificate, custody_reconciliation_certificate,
                               G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (
                                 CUSTODY_TYPE_PRINTABLE,
                                 custody_reconciliation_certificate_printable_init))

/* The content flows as lines of fixed height, so that pages are known
 * before drawing: a heading, or up to COLUMNS volumes. */
#define COLUMNS        6
#define LINE_HEIGHT    6.5
#define FIRST_TOP      104.0
#define NEXT_TOP       40.0
#define BOTTOM         (CUSTODY_A4_HEIGHT_MM - 20.0)
#define SIGNATURE      34.0

typedef struct
{
  guint         page;
  double        y;
  const char   *heading;      /* or NULL for volumes */
  char * const *volumes;      /* borrowed from the reconciliation */
  guint         n_volumes;
} Line;

static void
paginate (CustodyReconciliationCertificate *self)
{
  struct
  {
    const char *heading;
    GStrv       volumes;
  } sections[] = {
    { N_("Missing: expected here, not found"), self->r->missing },
    { N_("Surplus: found here, expected elsewhere or unknown"), self->r->surplus },
    { N_("Present: expected here and found"), self->r->present },
  };
  guint page = 0;
  double y = FIRST_TOP;

  g_array_set_size (self->lines, 0);

  for (guint s = 0; s < G_N_ELEMENTS (sections); s++)
    {
      guint n = g_strv_length (sections[s].volumes);
      Line heading = { 0, };

      if (n == 0)
        continue;
      /* A heading is not left alone at a page's foot. */
      if (y + 2 * LINE_HEIGHT > BOTTOM)
        {
          page++;
          y = NEXT_TOP;
        }
      heading.page = page;
      heading.y = y + 2;
      heading.heading = sections[s].heading;
      g_array_append_val (self->lines, heading);
      y += LINE_HEIGHT + 2;

      for (guint i = 0; i < n; i += COLUMNS)
        {
          Line line = { 0, };

          if (y + LINE_HEIGHT > BOTTOM)
            {
              page++;
              y = NEXT_TOP;
            }
          line.page = page;
          line.y = y;
          line.volumes = sections[s].volumes + i;
          line.n_volumes = MIN (COLUMNS, n - i);
          g_array_append_val (self->lines, line);
          y += LINE_HEIGHT;
        }
    }

  if (y + SIGNATURE + 6 > BOTTOM)
    page++;
  self->n_pages = page + 1;
}

/*
 * CustodyPrintable
 */

static const char *
custody_reconciliation_certificate_get_title (CustodyPrintable *printable)
{
  return _("Reconciliation Certificate");
}

static guint
custody_reconciliation_certificate_get_n_pages (CustodyPrintable *printable)
{
  return CUSTODY_RECONCILIATION_CERTIFICATE (printable)->n_pages;
}

static void
custody_reconciliation_certificate_get_page_size (CustodyPrintable *printable,
                                                  double           *width,
                                                  double           *height)
{
  *width = CUSTODY_A4_WIDTH_MM * CUSTODY_MM;
  *height = CUSTODY_A4_HEIGHT_MM * CUSTODY_MM;
}

static void
draw_summary (CustodyReconciliationCertificate *self,
              cairo_t                          *cr)
{
  CustodyReconciliation *r = self->r;
  g_autofree char *when = custody_time_format_local (r->at);
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, r->id);
  g_autofree char *statement = NULL;
  double x = CUSTODY_PAGE_MARGIN_MM;
  double w = CUSTODY_A4_WIDTH_MM - 2 * CUSTODY_PAGE_MARGIN_MM;
  double quarter = (w - 12) / 4;
  struct
  {
    const char *label;
    guint       count;
  } figures[] = {
    { N_("Present"), g_strv_length (r->present) },
    { N_("Missing"), g_strv_length (r->missing) },
    { N_("Surplus"), g_strv_length (r->surplus) },
    { N_("Scans read"), (guint) r->scans },
  };

  custody_desk_draw_field (cr, x, 38, w - 90, _("Location"), r->location);
  custody_desk_draw_field (cr, x + w - 86, 38, 56, _("Date"), when);
  custody_desk_draw_field (cr, x + w - 26, 38, 26, _("Number"), number);

  for (guint i = 0; i < G_N_ELEMENTS (figures); i++)
    {
      g_autofree char *count = g_strdup_printf ("%u", figures[i].count);
      double fx = x + i * (quarter + 4);

      cairo_set_source_rgb (cr, i == 1 && figures[i].count > 0 ? 0.75 : 0, 0, 0);
      custody_desk_draw_text (cr, fx, 54, quarter, 9.0, TRUE, PANGO_ALIGN_LEFT, count);
      cairo_set_source_rgb (cr, 0, 0, 0);
      custody_desk_draw_text (cr, fx, 66, quarter, 3.2, FALSE, PANGO_ALIGN_LEFT,
                              _(figures[i].label));
    }

  if (g_strv_length (r->missing) == 0)
    statement = g_strdup_printf (_("Every volume the records place at %s was found there. "
                                   "Checked by %s."),
                                 r->location, r->by);
  else
    statement = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "%u volume the records place at %s was not found "
                                              "there; an alert stays open until it is. "
                                              "Checked by %s.",
                                              "%u volumes the records place at %s were not found "
                                              "there; an alert stays open for each until it is. "
                                              "Checked by %s.",
                                              g_strv_length (r->missing)),
                                 g_strv_length (r->missing), r->location, r->by);
  custody_desk_draw_text (cr, x, 74, w, 3.4, FALSE, PANGO_ALIGN_LEFT, statement);
  if (r->duplicates[0] != NULL)
    {
      g_autofree char *list = g_strjoinv (", ", r->duplicates);
      g_autofree char *text = g_strdup_printf (_("Scanned more than once: %s"), list);
      custody_desk_draw_text (cr, x, 84, w, 3.0, FALSE, PANGO_ALIGN_LEFT, text);
    }
  if (r->note[0] != '\0')
    custody_desk_draw_text (cr, x, 91, w, 3.0, FALSE, PANGO_ALIGN_LEFT, r->note);
}

static void
custody_reconciliation_certificate_draw_page (CustodyPrintable *printable,
                                              cairo_t          *cr,
                                              guint             page)
{
  CustodyReconciliationCertificate *self = CUSTODY_RECONCILIATION_CERTIFICATE (printable);
  double x = CUSTODY_PAGE_MARGIN_MM;
  double w = CUSTODY_A4_WIDTH_MM - 2 * CUSTODY_PAGE_MARGIN_MM;
  double column = w / COLUMNS;
  double y = page == 0 ? FIRST_TOP : NEXT_TOP;

  cairo_scale (cr, CUSTODY_MM, CUSTODY_MM);
  cairo_set_source_rgb (cr, 0, 0, 0);
  custody_desk_draw_header (cr, _("Reconciliation Certificate"), self->r->location);
  if (page == 0)
    draw_summary (self, cr);

  for (guint i = 0; i < self->lines->len; i++)
    {
      Line *line = &g_array_index (self->lines, Line, i);

      if (line->page != page)
        continue;
      if (line->heading != NULL)
        {
          custody_desk_draw_text (cr, x, line->y, w, 3.8, TRUE, PANGO_ALIGN_LEFT, _(line->heading));
          cairo_set_source_rgb (cr, 0.6, 0.6, 0.6);
          custody_desk_draw_rule (cr, x, line->y + 6, w, 0.2);
          cairo_set_source_rgb (cr, 0, 0, 0);
        }
      else
        for (guint v = 0; v < line->n_volumes; v++)
          custody_desk_draw_cell (cr, x + v * column, line->y + 1, column - 2, 3.6, FALSE,
                                  line->volumes[v]);
      y = line->y + LINE_HEIGHT;
    }

  if (page + 1 == self->n_pages)
    {
      double half = (w - 10) / 2;

      y = MAX (y + 6, BOTTOM - SIGNATURE);
      custody_desk_draw_text (cr, x, y, w, 3.6, TRUE, PANGO_ALIGN_LEFT, _("Verified by"));
      custody_desk_draw_field (cr, x, y + 7, half, _("Name"), NULL);
      custody_desk_draw_field (cr, x + half + 10, y + 7, half, _("Signature"), NULL);
      custody_desk_draw_field (cr, x, y + 21, half, _("Date and time"), NULL);
    }

  custody_desk_draw_footer (cr, page, self->n_pages, _("Reconciliation Certificate"));
}

static void
custody_reconciliation_certificate_printable_init (CustodyPrintableInterface *iface)
{
  iface->get_title = custody_reconciliation_certificate_get_title;
  iface->get_n_pages = custody_reconciliation_certificate_get_n_pages;
  iface->get_page_size = custody_reconciliation_certificate_get_page_size;
  iface->draw_page = custody_reconciliation_certificate_draw_page;
}

/*
 * GObject
 */

static void
custody_reconciliation_certificate_finalize (GObject *object)
{
  CustodyReconciliationCertificate *self = (CustodyReconciliationCertificate *) object;

  g_clear_object (&self->r);
  g_array_unref (self->lines);

  G_OBJECT_CLASS (custody_reconciliation_certificate_parent_class)->finalize (object);
}

static void
custody_reconciliation_certificate_class_init (CustodyReconciliationCertificateClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = custody_reconciliation_certificate_finalize;
}

static void
custody_reconciliation_certificate_init (CustodyReconciliationCertificate *self)
{
  self->lines = g_array_new (FALSE, TRUE, sizeof (Line));
}

CustodyReconciliationCertificate *
custody_reconciliation_certificate_new (CustodyReconciliation *reconciliation)
{
  CustodyReconciliationCertificate *self;

  g_return_val_if_fail (CUSTODY_IS_RECONCILIATION (reconciliation), NULL);

  self = g_object_new (CUSTODY_TYPE_RECONCILIATION_CERTIFICATE, NULL);
  self->r = g_object_ref (reconciliation);
  paginate (self);
  return self;
}
