/* custody-form.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custody-form"

#include "config.h"

#include "custody-form.h"
#include "custody-pool.h"
#include "custody-records.h"

/* The names of pools or locations (libraries only if asked), with @none
 * first if given. */
GStrv
custody_form_names (GPtrArray        *objects,
                    CustodyFormNames  kind,
                    const char       *none)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (none != NULL)
    g_strv_builder_add (builder, none);
  for (guint i = 0; objects != NULL && i < objects->len; i++)
    {
      CustodyLocation *location = g_ptr_array_index (objects, i);

      if (kind == CUSTODY_FORM_POOLS)
        g_strv_builder_add (builder, ((CustodyPool *) g_ptr_array_index (objects, i))->name);
      else if (kind == CUSTODY_FORM_LOCATIONS || location->kind == CUSTODY_LOCATION_LIBRARY)
        g_strv_builder_add (builder, location->name);
    }
  return g_strv_builder_end (builder);
}

/* Offers @names, @selected chosen if it is one of them. */
void
custody_form_set_names (AdwComboRow        *row,
                        const char * const *names,
                        const char         *selected)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (names);

  adw_combo_row_set_model (row, G_LIST_MODEL (model));
  for (guint i = 0; selected != NULL && names[i] != NULL; i++)
    if (g_str_equal (names[i], selected))
      adw_combo_row_set_selected (row, i);
}

const char *
custody_form_get_choice (AdwComboRow *row)
{
  GtkStringObject *item = adw_combo_row_get_selected_item (row);

  return item != NULL ? gtk_string_object_get_string (item) : NULL;
}

/* Returns: (transfer full): the row's text without surrounding spaces */
char *
custody_form_dup_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

/* Returns: (transfer none): a new dialog of @type over @parent's window */
gpointer
custody_form_dialog_new (GType      type,
                         GtkWidget *parent)
{
  GtkRoot *root = gtk_widget_get_root (parent);

  GtkWindow *window = GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;

  return g_object_new (type, "transient-for", window, NULL);
}
