/* custody-report-preview.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custody-report-preview"

#include "config.h"

#include <poppler.h>

#include "custody-report-preview.h"

/* The pages of a generated report as pictures, rendered by poppler in
 * worker threads only when a row asks for them (a report can have
 * thousands of pages), kept for the last few pages shown. A page whose row
 * went away before its turn is not rendered at all. */

#define KEEP_TEXTURES 24

struct _CustodyReportPreview
{
  GObject       parent_instance;

  char         *path;
  guint         n_pages;
  double        page_width;
  double        page_height;
  GCancellable *cancellable;

  /* Shared with the workers, under the mutex. */
  GMutex        mutex;
  PopplerDocument *document;
  GHashTable   *wanted;     /* page -> width in pixels */

  /* Main thread only */
  GHashTable   *textures;   /* page -> GdkTexture */
  GQueue        order;      /* pages, least recently rendered first */
  GHashTable   *pending;    /* pages being rendered */
  guint         n_rendered;
};

G_DEFINE_FINAL_TYPE (CustodyReportPreview, custody_report_preview, G_TYPE_OBJECT)

enum { PAGE_RENDERED, N_SIGNALS };
static guint signals[N_SIGNALS];

typedef struct
{
  guint   page;
  int     width;
  int     height;
  int     stride;
  GBytes *pixels;
} Render;

static void
render_free (gpointer data)
{
  Render *r = data;

  g_clear_pointer (&r->pixels, g_bytes_unref);
  g_free (r);
}

/*
 * Workers
 */

static void
render_worker (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  CustodyReportPreview *self = source_object;
  Render *r = task_data;
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  double scale;
  gpointer wanted;

  if (g_task_return_error_if_cancelled (task))
    return;

  g_mutex_lock (&self->mutex);

  /* Scrolled past before its turn came: not worth the time. */
  if (!g_hash_table_lookup_extended (self->wanted, GUINT_TO_POINTER (r->page), NULL, &wanted))
    {
      g_mutex_unlock (&self->mutex);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "not wanted any more");
      return;
    }

  if (self->document == NULL)
    {
      g_autofree char *uri = g_filename_to_uri (self->path, NULL, &error);

      if (uri != NULL)
        self->document = poppler_document_new_from_file (uri, NULL, &error);
      if (self->document == NULL)
        {
          g_mutex_unlock (&self->mutex);
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
    }

  {
    PopplerPage *page = poppler_document_get_page (self->document, (int) r->page);
    double width, height;

    if (page == NULL)
      {
        g_mutex_unlock (&self->mutex);
        g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "no page %u", r->page);
        return;
      }

    poppler_page_get_size (page, &width, &height);
    scale = (double) r->width / width;
    r->height = (int) (height * scale + 0.5);

    surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, r->width, r->height);
    cr = cairo_create (surface);
    cairo_set_source_rgb (cr, 1, 1, 1);
    cairo_paint (cr);
    cairo_scale (cr, scale, scale);
    poppler_page_render (page, cr);
    cairo_destroy (cr);
    g_object_unref (page);
  }

  g_mutex_unlock (&self->mutex);

  cairo_surface_flush (surface);
  r->stride = cairo_image_surface_get_stride (surface);
  r->pixels = g_bytes_new (cairo_image_surface_get_data (surface), (gsize) r->stride * r->height);
  cairo_surface_destroy (surface);

  g_task_return_boolean (task, TRUE);
}

static void
forget_oldest (CustodyReportPreview *self)
{
  while (g_queue_get_length (&self->order) > KEEP_TEXTURES)
    {
      guint page = GPOINTER_TO_UINT (g_queue_pop_head (&self->order));
      g_hash_table_remove (self->textures, GUINT_TO_POINTER (page));
    }
}

static void
render_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  CustodyReportPreview *self = CUSTODY_REPORT_PREVIEW (source);
  Render *r = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  GdkTexture *texture;

  g_hash_table_remove (self->pending, GUINT_TO_POINTER (r->page));

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Cannot show page %u of the report: %s", r->page + 1, error->message);
      return;
    }

  /* cairo's ARGB32 is premultiplied BGRA in memory on little-endian machines. */
  texture = gdk_memory_texture_new (r->width, r->height, GDK_MEMORY_DEFAULT, r->pixels, r->stride);
  g_hash_table_replace (self->textures, GUINT_TO_POINTER (r->page), texture);
  g_queue_remove (&self->order, GUINT_TO_POINTER (r->page));
  g_queue_push_tail (&self->order, GUINT_TO_POINTER (r->page));
  forget_oldest (self);
  self->n_rendered++;

  g_signal_emit (self, signals[PAGE_RENDERED], 0, r->page);
}

/*
 * GObject
 */

static void
custody_report_preview_dispose (GObject *object)
{
  CustodyReportPreview *self = CUSTODY_REPORT_PREVIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_pointer (&self->textures, g_hash_table_unref);
  g_queue_clear (&self->order);

  G_OBJECT_CLASS (custody_report_preview_parent_class)->dispose (object);
}

static void
custody_report_preview_finalize (GObject *object)
{
  CustodyReportPreview *self = CUSTODY_REPORT_PREVIEW (object);

  g_clear_object (&self->document);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->wanted, g_hash_table_unref);
  g_clear_pointer (&self->pending, g_hash_table_unref);
  g_mutex_clear (&self->mutex);
  g_free (self->path);

  G_OBJECT_CLASS (custody_report_preview_parent_class)->finalize (object);
}

static void
custody_report_preview_class_init (CustodyReportPreviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = custody_report_preview_dispose;
  object_class->finalize = custody_report_preview_finalize;

  signals[PAGE_RENDERED] = g_signal_new ("page-rendered", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
custody_report_preview_init (CustodyReportPreview *self)
{
  g_mutex_init (&self->mutex);
  self->cancellable = g_cancellable_new ();
  self->wanted = g_hash_table_new (NULL, NULL);
  self->pending = g_hash_table_new (NULL, NULL);
  self->textures = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
  g_queue_init (&self->order);
}

/*
 * Public API
 */

/**
 * custody_report_preview_new:
 * @pdf_path: the generated report
 * @page_width: (in points) of every page
 */
CustodyReportPreview *
custody_report_preview_new (const char *pdf_path,
                            guint       n_pages,
                            double      page_width,
                            double      page_height)
{
  CustodyReportPreview *self = g_object_new (CUSTODY_TYPE_REPORT_PREVIEW, NULL);

  self->path = g_strdup (pdf_path);
  self->n_pages = n_pages;
  self->page_width = page_width;
  self->page_height = page_height;
  return self;
}

guint
custody_report_preview_get_n_pages (CustodyReportPreview *self)
{
  g_return_val_if_fail (CUSTODY_IS_REPORT_PREVIEW (self), 0);

  return self->n_pages;
}

void
custody_report_preview_get_page_size (CustodyReportPreview *self,
                                      double               *width,
                                      double               *height)
{
  g_return_if_fail (CUSTODY_IS_REPORT_PREVIEW (self));

  *width = self->page_width;
  *height = self->page_height;
}

/* Returns: (nullable) (transfer none): the page's picture, if rendered */
GdkTexture *
custody_report_preview_get_texture (CustodyReportPreview *self,
                                    guint                 page)
{
  g_return_val_if_fail (CUSTODY_IS_REPORT_PREVIEW (self), NULL);

  if (self->textures == NULL)
    return NULL;
  return g_hash_table_lookup (self->textures, GUINT_TO_POINTER (page));
}

/**
 * custody_report_preview_request:
 * @width_px: how wide the picture should be, in device pixels
 *
 * Asks for a page's picture: "page-rendered" says when it is there (at
 * once if it already is).
 */
void
custody_report_preview_request (CustodyReportPreview *self,
                                guint                 page,
                                int                   width_px)
{
  g_autoptr(GTask) task = NULL;
  GdkTexture *texture;
  Render *r;

  g_return_if_fail (CUSTODY_IS_REPORT_PREVIEW (self));
  g_return_if_fail (page < self->n_pages);

  width_px = CLAMP (width_px, 64, 2400);

  g_mutex_lock (&self->mutex);
  g_hash_table_insert (self->wanted, GUINT_TO_POINTER (page), GINT_TO_POINTER (width_px));
  g_mutex_unlock (&self->mutex);

  texture = custody_report_preview_get_texture (self, page);
  if ((texture != NULL && ABS (gdk_texture_get_width (texture) - width_px) < 16) ||
      g_hash_table_contains (self->pending, GUINT_TO_POINTER (page)))
    return;

  r = g_new0 (Render, 1);
  r->page = page;
  r->width = width_px;
  g_hash_table_add (self->pending, GUINT_TO_POINTER (page));

  task = g_task_new (self, self->cancellable, render_cb, NULL);
  g_task_set_source_tag (task, custody_report_preview_request);
  g_task_set_task_data (task, r, render_free);
  g_task_run_in_thread (task, render_worker);
}

/* The page's row went away: it need not be rendered any more. */
void
custody_report_preview_release (CustodyReportPreview *self,
                                guint                 page)
{
  g_return_if_fail (CUSTODY_IS_REPORT_PREVIEW (self));

  g_mutex_lock (&self->mutex);
  g_hash_table_remove (self->wanted, GUINT_TO_POINTER (page));
  g_mutex_unlock (&self->mutex);
}

/* How many pages were rendered so far (for tests: the preview is lazy). */
guint
custody_report_preview_get_n_rendered (CustodyReportPreview *self)
{
  g_return_val_if_fail (CUSTODY_IS_REPORT_PREVIEW (self), 0);

  return self->n_rendered;
}
