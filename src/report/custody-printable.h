/* custody-printable.h
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

G_BEGIN_DECLS

/* A document drawn page by page with cairo, in points from the page's
 * top left corner: the same drawing goes to a PDF file and, in the app,
 * to GtkPrintOperation. */

#define CUSTODY_TYPE_PRINTABLE (custody_printable_get_type ())
G_DECLARE_INTERFACE (CustodyPrintable, custody_printable, CUSTODY, PRINTABLE, GObject)

struct _CustodyPrintableInterface
{
  GTypeInterface parent_iface;

  const char *(*get_title)     (CustodyPrintable *self);
  guint       (*get_n_pages)   (CustodyPrintable *self);
  void        (*get_page_size) (CustodyPrintable *self,
                                double           *width,
                                double           *height);
  void        (*draw_page)     (CustodyPrintable *self,
                                cairo_t          *cr,
                                guint             page);
};

#define CUSTODY_MM (72.0 / 25.4)

const char *custody_printable_get_title     (CustodyPrintable  *self);
guint       custody_printable_get_n_pages   (CustodyPrintable  *self);
void        custody_printable_get_page_size (CustodyPrintable  *self,
                                             double            *width,
                                             double            *height);
void        custody_printable_draw_page     (CustodyPrintable  *self,
                                             cairo_t           *cr,
                                             guint              page);
gboolean    custody_printable_write_pdf     (CustodyPrintable  *self,
                                             const char        *path,
                                             const char        *store_path,
                                             GError           **error);

G_END_DECLS
