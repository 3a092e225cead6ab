/* custody-array-model.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custody-array-model"

#include "config.h"

#include <string.h>

#include "custody-array-model.h"

/* A list model over an array: any item in constant time. GListStore keeps
 * its items in a GSequence, where reaching an item costs a tree walk; the
 * jobs list's sort and filter models reach all 10,000 jobs in sorted, not
 * stored, order on every keystroke. */
struct _CustodyArrayModel
{
  GObject    parent_instance;

  GType      item_type;
  GPtrArray *items;
};

static GType
custody_array_model_get_item_type (GListModel *model)
{
  return CUSTODY_ARRAY_MODEL (model)->item_type;
}

static guint
custody_array_model_get_n_items (GListModel *model)
{
  return CUSTODY_ARRAY_MODEL (model)->items->len;
}

static gpointer
custody_array_model_get_item (GListModel *model,
                              guint       position)
{
  CustodyArrayModel *self = CUSTODY_ARRAY_MODEL (model);

  if (position >= self->items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
custody_array_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = custody_array_model_get_item_type;
  iface->get_n_items = custody_array_model_get_n_items;
  iface->get_item = custody_array_model_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (CustodyArrayModel, custody_array_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      custody_array_model_list_model_init))

static void
custody_array_model_finalize (GObject *object)
{
  CustodyArrayModel *self = CUSTODY_ARRAY_MODEL (object);

  g_ptr_array_unref (self->items);

  G_OBJECT_CLASS (custody_array_model_parent_class)->finalize (object);
}

static void
custody_array_model_class_init (CustodyArrayModelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = custody_array_model_finalize;
}

static void
custody_array_model_init (CustodyArrayModel *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
}

CustodyArrayModel *
custody_array_model_new (GType item_type)
{
  CustodyArrayModel *self;

  g_return_val_if_fail (g_type_is_a (item_type, G_TYPE_OBJECT), NULL);

  self = g_object_new (CUSTODY_TYPE_ARRAY_MODEL, NULL);
  self->item_type = item_type;
  return self;
}

/**
 * custody_array_model_splice:
 * @additions: (array length=n_additions): items to insert, not taken
 *
 * Removes @n_removals items at @position and inserts @additions there, in
 * one change, as g_list_store_splice() does.
 */
void
custody_array_model_splice (CustodyArrayModel *self,
                            guint              position,
                            guint              n_removals,
                            gpointer          *additions,
                            guint              n_additions)
{
  guint tail;

  g_return_if_fail (CUSTODY_IS_ARRAY_MODEL (self));
  g_return_if_fail (position + n_removals <= self->items->len);

  if (n_removals > 0)
    g_ptr_array_remove_range (self->items, position, n_removals);

  tail = self->items->len - position;
  g_ptr_array_set_size (self->items, self->items->len + n_additions);
  memmove (&self->items->pdata[position + n_additions], &self->items->pdata[position],
           tail * sizeof (gpointer));
  for (guint i = 0; i < n_additions; i++)
    {
      g_return_if_fail (G_TYPE_CHECK_INSTANCE_TYPE (additions[i], self->item_type));
      self->items->pdata[position + i] = g_object_ref (additions[i]);
    }

  if (n_removals > 0 || n_additions > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), position, n_removals, n_additions);
}
