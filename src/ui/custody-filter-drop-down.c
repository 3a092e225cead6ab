/* custody-filter-drop-down.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "custody-filter-drop-down.h"

/* The filters' items: the chosen one ellipsized in its button, so that
 * three filters side by side fit a phone's width whatever a place is
 * called; in the list, whole and with a check mark by the chosen one. */
static void
on_filter_item_selected_cb (GtkListItem *list_item)
{
  GtkWidget *icon = gtk_widget_get_last_child (gtk_list_item_get_child (list_item));

  gtk_widget_set_opacity (icon, gtk_list_item_get_selected (list_item) ? 1.0 : 0.0);
}

static void
setup_filter_item_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *list_item,
                      gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *icon = g_object_new (GTK_TYPE_IMAGE, "icon-name", "object-select-symbolic",
                                  "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION, NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_list_item_set_child (list_item, box);
  g_signal_connect (list_item, "notify::selected", G_CALLBACK (on_filter_item_selected_cb),
                    NULL);
}

static void
bind_filter_item_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *list_item,
                     gpointer                  user_data)
{
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkStringObject *item = gtk_list_item_get_item (list_item);

  gtk_label_set_label (GTK_LABEL (gtk_widget_get_first_child (box)),
                       gtk_string_object_get_string (item));
  /* The button shows what is chosen: no check mark there. */
  gtk_widget_set_visible (gtk_widget_get_last_child (box),
                          gtk_widget_get_ancestor (box, GTK_TYPE_POPOVER) != NULL);
  on_filter_item_selected_cb (list_item);
}

void
custody_filter_drop_down_init (GtkDropDown *drop_down)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_filter_item_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_filter_item_cb), NULL);
  gtk_drop_down_set_factory (drop_down, factory);
}
