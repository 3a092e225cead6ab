/* custody-printable.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custody-printable"

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "custody-printable.h"

#include "custody-output.h"

G_DEFINE_INTERFACE (CustodyPrintable, custody_printable, G_TYPE_OBJECT)

static void
custody_printable_default_init (CustodyPrintableInterface *iface)
{
}

const char *
custody_printable_get_title (CustodyPrintable *self)
{
  g_return_val_if_fail (CUSTODY_IS_PRINTABLE (self), NULL);

  return CUSTODY_PRINTABLE_GET_IFACE (self)->get_title (self);
}

guint
custody_printable_get_n_pages (CustodyPrintable *self)
{
  g_return_val_if_fail (CUSTODY_IS_PRINTABLE (self), 0);

  return CUSTODY_PRINTABLE_GET_IFACE (self)->get_n_pages (self);
}

/* In points. */
void
custody_printable_get_page_size (CustodyPrintable *self,
                                 double           *width,
                                 double           *height)
{
  g_return_if_fail (CUSTODY_IS_PRINTABLE (self));

  CUSTODY_PRINTABLE_GET_IFACE (self)->get_page_size (self, width, height);
}

void
custody_printable_draw_page (CustodyPrintable *self,
                             cairo_t          *cr,
                             guint             page)
{
  g_return_if_fail (CUSTODY_IS_PRINTABLE (self));
  g_return_if_fail (page < custody_printable_get_n_pages (self));

  cairo_save (cr);
  CUSTODY_PRINTABLE_GET_IFACE (self)->draw_page (self, cr, page);
  cairo_restore (cr);
}

typedef struct
{
  GOutputStream *stream;
  GError        *error;
} PdfSink;

static cairo_status_t
write_cb (void                *closure,
          const unsigned char *data,
          unsigned int         length)
{
  PdfSink *sink = closure;

  if (sink->error != NULL ||
      !g_output_stream_write_all (sink->stream, data, length, NULL, NULL, &sink->error))
    return CAIRO_STATUS_WRITE_ERROR;
  return CAIRO_STATUS_SUCCESS;
}

/**
 * custody_printable_write_pdf:
 * @path: the file to write; replaced only once the whole PDF is written
 * @store_path: (nullable): the store in use, which @path must not be
 *
 * Writes every page to a PDF file, through #CustodyOutput: never over the
 * store or a backup, never through a symbolic link.
 */
gboolean
custody_printable_write_pdf (CustodyPrintable  *self,
                             const char        *path,
                             const char        *store_path,
                             GError           **error)
{
  g_autoptr(CustodyOutput) output = NULL;
  PdfSink sink = { NULL, NULL };
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  double width, height;
  guint n;

  g_return_val_if_fail (CUSTODY_IS_PRINTABLE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  output = custody_output_new (path, store_path, error);
  if (output == NULL)
    return FALSE;
  sink.stream = custody_output_get_stream (output);

  n = custody_printable_get_n_pages (self);
  custody_printable_get_page_size (self, &width, &height);

  surface = cairo_pdf_surface_create_for_stream (write_cb, &sink, width, height);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE,
                                  custody_printable_get_title (self));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Custody " PACKAGE_VERSION);
  cr = cairo_create (surface);

  for (guint i = 0; i < n; i++)
    {
      custody_printable_get_page_size (self, &width, &height);
      cairo_pdf_surface_set_size (surface, width, height);
      custody_printable_draw_page (self, cr, i);
      cairo_show_page (cr);
    }

  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (sink.error != NULL)
    {
      g_propagate_prefixed_error (error, sink.error, _("cannot write '%s': "), path);
      return FALSE;
    }
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("cannot write '%s': %s"), path,
                   cairo_status_to_string (status));
      return FALSE;
    }

  return custody_output_commit (output, error);
}
