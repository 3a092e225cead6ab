/* custody-execution-model.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custody-execution-model"

#include "config.h"

#include "custody-execution-model.h"
#include "custody-records.h"

/* A job's run history as a list model that reads the store a page at a
 * time, in worker threads, only for the rows a view asks for: a million
 * runs cost a count and the pages on screen. Until its page arrives, a
 * row gets an empty placeholder (id 0), replaced by items-changed. */

#define PAGE_SIZE 200
#define MAX_PAGES 64

struct _CustodyExecutionModel
{
  GObject         parent_instance;

  CustodySession *session;
  char           *job;
  guint           n_items;
  GHashTable     *pages;       /* page number -> GPtrArray of CustodyExecution */
  GHashTable     *loading;     /* page numbers being read */
  GQueue          recent;      /* page numbers, most recently used first */
  GCancellable   *cancellable;
  guint           generation;  /* bumped by refresh: late pages are dropped */
  guint           counted : 1;
};

static void custody_execution_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CustodyExecutionModel, custody_execution_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      custody_execution_model_list_model_init))

typedef struct
{
  char  *job;
  guint  page;
  guint  generation;
} PageRequest;

static void
page_request_free (gpointer data)
{
  PageRequest *r = data;

  g_free (r->job);
  g_free (r);
}

static gpointer
read_page (CustodyStore  *store,
           gpointer       data,
           GError       **error)
{
  PageRequest *r = data;

  return custody_store_list_executions (store, r->job, r->page * PAGE_SIZE, PAGE_SIZE, error);
}

static void
touch_page (CustodyExecutionModel *self,
            guint                  page)
{
  GList *link = g_queue_find (&self->recent, GUINT_TO_POINTER (page));

  if (link != NULL)
    g_queue_delete_link (&self->recent, link);
  g_queue_push_head (&self->recent, GUINT_TO_POINTER (page));

  /* Forget the least recently seen pages: views hold their own rows. */
  while (g_queue_get_length (&self->recent) > MAX_PAGES)
    g_hash_table_remove (self->pages, g_queue_pop_tail (&self->recent));
}

typedef struct
{
  CustodyExecutionModel *self;
  guint                  page;
  guint                  generation;
} PageCallbackData;

static void
page_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  PageCallbackData *d = user_data;
  g_autoptr(CustodyExecutionModel) self = d->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) runs = custody_session_read_finish (CUSTODY_SESSION (source), result,
                                                           &error);
  guint page = d->page, generation = d->generation, first, n;

  g_free (d);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || generation != self->generation)
    return;

  g_hash_table_remove (self->loading, GUINT_TO_POINTER (page));

  if (runs == NULL)
    {
      g_warning ("Cannot read runs of %s: %s", self->job, error->message);
      return;
    }

  g_hash_table_insert (self->pages, GUINT_TO_POINTER (page), g_ptr_array_ref (runs));
  touch_page (self, page);

  first = page * PAGE_SIZE;
  if (first >= self->n_items)
    return;
  n = MIN (PAGE_SIZE, self->n_items - first);
  g_list_model_items_changed (G_LIST_MODEL (self), first, n, n);
}

static void
request_page (CustodyExecutionModel *self,
              guint                  page)
{
  PageRequest *r;
  PageCallbackData *d;

  if (g_hash_table_contains (self->loading, GUINT_TO_POINTER (page)))
    return;
  g_hash_table_add (self->loading, GUINT_TO_POINTER (page));

  r = g_new0 (PageRequest, 1);
  r->job = g_strdup (self->job);
  r->page = page;
  d = g_new0 (PageCallbackData, 1);
  d->self = g_object_ref (self);
  d->page = page;
  d->generation = self->generation;

  custody_session_read_async (self->session, read_page, r, page_request_free,
                              (GDestroyNotify) g_ptr_array_unref, self->cancellable, page_cb, d);
}

/*
 * GListModel
 */

static GType
custody_execution_model_get_item_type (GListModel *model)
{
  return CUSTODY_TYPE_EXECUTION;
}

static guint
custody_execution_model_get_n_items (GListModel *model)
{
  return CUSTODY_EXECUTION_MODEL (model)->n_items;
}

static gpointer
custody_execution_model_get_item (GListModel *model,
                                  guint       position)
{
  CustodyExecutionModel *self = CUSTODY_EXECUTION_MODEL (model);
  guint page = position / PAGE_SIZE;
  GPtrArray *runs;

  if (position >= self->n_items)
    return NULL;

  runs = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page));
  if (runs != NULL && position % PAGE_SIZE < runs->len)
    {
      touch_page (self, page);
      return g_object_ref (g_ptr_array_index (runs, position % PAGE_SIZE));
    }

  request_page (self, page);
  return custody_execution_new ();
}

static void
custody_execution_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = custody_execution_model_get_item_type;
  iface->get_n_items = custody_execution_model_get_n_items;
  iface->get_item = custody_execution_model_get_item;
}

/*
 * Counting
 */

static gpointer
count_runs (CustodyStore  *store,
            gpointer       data,
            GError       **error)
{
  gint64 n = custody_store_count_executions (store, data, error);

  return n < 0 ? NULL : g_memdup2 (&n, sizeof n);
}

static void
count_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(CustodyExecutionModel) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree gint64 *n = custody_session_read_finish (CUSTODY_SESSION (source), result, &error);
  guint old = self->n_items;

  if (n == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Cannot count runs of %s: %s", self->job, error->message);
      return;
    }

  self->counted = TRUE;
  self->n_items = (guint) MIN (*n, G_MAXUINT);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, old, self->n_items);
}

/**
 * custody_execution_model_refresh:
 *
 * Reads the count again and forgets the pages read so far: called when the
 * store changed.
 */
void
custody_execution_model_refresh (CustodyExecutionModel *self)
{
  g_return_if_fail (CUSTODY_IS_EXECUTION_MODEL (self));

  self->generation++;
  g_hash_table_remove_all (self->pages);
  g_hash_table_remove_all (self->loading);
  g_queue_clear (&self->recent);

  custody_session_read_async (self->session, count_runs, g_strdup (self->job), g_free, g_free,
                              self->cancellable, count_cb, g_object_ref (self));
}

gboolean
custody_execution_model_get_counted (CustodyExecutionModel *self)
{
  g_return_val_if_fail (CUSTODY_IS_EXECUTION_MODEL (self), FALSE);

  return self->counted;
}

/*
 * GObject
 */

static void
custody_execution_model_dispose (GObject *object)
{
  CustodyExecutionModel *self = (CustodyExecutionModel *) object;

  g_cancellable_cancel (self->cancellable);

  G_OBJECT_CLASS (custody_execution_model_parent_class)->dispose (object);
}

static void
custody_execution_model_finalize (GObject *object)
{
  CustodyExecutionModel *self = (CustodyExecutionModel *) object;

  g_clear_object (&self->session);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->pages, g_hash_table_unref);
  g_clear_pointer (&self->loading, g_hash_table_unref);
  g_queue_clear (&self->recent);
  g_free (self->job);

  G_OBJECT_CLASS (custody_execution_model_parent_class)->finalize (object);
}

static void
custody_execution_model_class_init (CustodyExecutionModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = custody_execution_model_dispose;
  object_class->finalize = custody_execution_model_finalize;
}

static void
custody_execution_model_init (CustodyExecutionModel *self)
{
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  self->loading = g_hash_table_new (NULL, NULL);
  self->cancellable = g_cancellable_new ();
  g_queue_init (&self->recent);
}

CustodyExecutionModel *
custody_execution_model_new (CustodySession *session,
                             const char     *job)
{
  CustodyExecutionModel *self;

  g_return_val_if_fail (CUSTODY_IS_SESSION (session), NULL);
  g_return_val_if_fail (job != NULL, NULL);

  self = g_object_new (CUSTODY_TYPE_EXECUTION_MODEL, NULL);
  self->session = g_object_ref (session);
  self->job = g_strdup (job);
  custody_execution_model_refresh (self);

  return self;
}
