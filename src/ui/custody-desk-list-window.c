/* custody-desk-list-window.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custody-desk-list-window"

#include "config.h"

#include <glib/gi18n.h>

#include "custody-desk-list-window.h"
#include "custody-time.h"

/* One of Today's lists whole, however long: the Today page shows its first rows,
 * this shows them all in a list that builds only the rows on screen. Activating one
 * opens the volume in the media page and closes the list. */
struct _CustodyDeskListWindow
{
  AdwWindow       parent_instance;

  AdwWindowTitle *window_title;
  GtkListView    *list_view;

  GListStore     *items;   /* CustodyDeskItem */
  GtkWidget      *page;    /* weak: the media page that opened it */
};

G_DEFINE_FINAL_TYPE (CustodyDeskListWindow, custody_desk_list_window, ADW_TYPE_WINDOW)

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *reason = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (reason), 0);
  gtk_label_set_ellipsize (GTK_LABEL (reason), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (reason, "dim-label");
  gtk_widget_add_css_class (reason, "caption");
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), reason);
  gtk_list_item_set_child (item, box);
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *item)
{
  CustodyDeskItem *desk_item = gtk_list_item_get_item (item);
  GtkWidget *title = gtk_widget_get_first_child (gtk_list_item_get_child (item));
  GtkWidget *reason = gtk_widget_get_next_sibling (title);
  g_autofree char *text = NULL;

  text = desk_item->location != NULL
         ? g_strdup_printf ("%s · %s", desk_item->volser, desk_item->location)
         : g_strdup (desk_item->volser);
  gtk_label_set_label (GTK_LABEL (title), text);
  gtk_label_set_label (GTK_LABEL (reason), desk_item->reason);
  gtk_widget_set_tooltip_text (gtk_list_item_get_child (item), desk_item->reason);
}

static void
on_activate_cb (CustodyDeskListWindow *self,
                guint                  position)
{
  g_autoptr(CustodyDeskItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), position);

  if (item == NULL || self->page == NULL)
    return;
  gtk_widget_activate_action (self->page, "media.open-volume", "s", item->volser);
  gtk_window_close (GTK_WINDOW (self));
}

static void
custody_desk_list_window_dispose (GObject *object)
{
  CustodyDeskListWindow *self = (CustodyDeskListWindow *) object;

  g_clear_weak_pointer (&self->page);
  gtk_widget_dispose_template (GTK_WIDGET (object), CUSTODY_TYPE_DESK_LIST_WINDOW);

  G_OBJECT_CLASS (custody_desk_list_window_parent_class)->dispose (object);
}

static void
custody_desk_list_window_finalize (GObject *object)
{
  CustodyDeskListWindow *self = (CustodyDeskListWindow *) object;

  g_clear_object (&self->items);

  G_OBJECT_CLASS (custody_desk_list_window_parent_class)->finalize (object);
}

static void
custody_desk_list_window_class_init (CustodyDeskListWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = custody_desk_list_window_dispose;
  object_class->finalize = custody_desk_list_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/custody/Custody/ui/"
                                               "custody-desk-list-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CustodyDeskListWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, CustodyDeskListWindow, list_view);
  gtk_widget_class_bind_template_callback (widget_class, on_activate_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
custody_desk_list_window_init (CustodyDeskListWindow *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkSelectionModel *selection;
  GListModel *model;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->items = g_list_store_new (CUSTODY_TYPE_DESK_ITEM);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), NULL);
  /* The selection model takes the reference it is given. */
  model = G_LIST_MODEL (g_object_ref (self->items));
  selection = GTK_SELECTION_MODEL (gtk_no_selection_new (model));
  gtk_list_view_set_model (self->list_view, selection);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (selection);
  g_object_unref (factory);
}

/**
 * custody_desk_list_window_new:
 * @page: the media page, which opens a volume when one is activated
 */
CustodyDeskListWindow *
custody_desk_list_window_new (GtkWidget       *page,
                              CustodyDesk     *desk,
                              CustodyDeskList  list)
{
  GtkRoot *root = gtk_widget_get_root (page);
  CustodyDeskListWindow *self = g_object_new (CUSTODY_TYPE_DESK_LIST_WINDOW,
                                              "transient-for",
                                              GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                              NULL);
  GPtrArray *items = desk->lists[list];
  g_autofree char *subtitle = NULL;
  g_autofree char *date = NULL;

  g_set_weak_pointer (&self->page, page);
  g_list_store_splice (self->items, 0, 0, items->pdata, items->len);

  date = custody_time_format_date (desk->day);
  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %u volume", "%s · %u volumes",
                                           items->len), date, items->len);
  adw_window_title_set_title (self->window_title, custody_desk_list_get_label (list));
  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_window_set_title (GTK_WINDOW (self), custody_desk_list_get_label (list));
  return self;
}

GListModel *
custody_desk_list_window_get_items (CustodyDeskListWindow *self)
{
  g_return_val_if_fail (CUSTODY_IS_DESK_LIST_WINDOW (self), NULL);

  return G_LIST_MODEL (self->items);
}
