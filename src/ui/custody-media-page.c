/* custody-media-page.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custody-media-page"

#include "config.h"

#include <glib/gi18n.h>

#include "custody-as-of-banner.h"
#include "custody-as-of-button.h"
#include "custody-filter-drop-down.h"
#include "custody-media-page-private.h"
#include "custody-medium-row.h"
#include "custody-time.h"
#include "custody-ui-utils.h"

G_DEFINE_FINAL_TYPE (CustodyMediaPage, custody_media_page, CUSTODY_TYPE_PAGE)

/* Volumes entering the inventory per main-loop iteration. */
#define SPLICE_CHUNK   2000

static void load (CustodyMediaPage *self);

/*
 * Filtering
 */

static const char *
selected_string (GtkDropDown *drop_down)
{
  guint position = gtk_drop_down_get_selected (drop_down);
  GtkStringObject *item;

  /* The first item is "all". */
  if (position == 0 || position == GTK_INVALID_LIST_POSITION)
    return NULL;
  item = gtk_drop_down_get_selected_item (drop_down);
  return item != NULL ? gtk_string_object_get_string (item) : NULL;
}

static gboolean
contains_folded (const char *haystack,
                 const char *needle)
{
  g_autofree char *folded = NULL;

  if (haystack == NULL)
    return FALSE;
  folded = g_utf8_casefold (haystack, -1);
  return strstr (folded, needle) != NULL;
}

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  CustodyMediaPage *self = user_data;
  CustodyMedium *m = item;
  const char *location = selected_string (self->location_filter);
  const char *pool = selected_string (self->pool_filter);
  guint status = gtk_drop_down_get_selected (self->status_filter);

  if (location != NULL && g_strcmp0 (m->location, location) != 0)
    return FALSE;
  if (pool != NULL && g_strcmp0 (m->pool, pool) != 0)
    return FALSE;
  if (status > 0 && status != GTK_INVALID_LIST_POSITION && (guint) m->status != status - 1)
    return FALSE;

  if (self->needle == NULL || self->needle[0] == '\0')
    return TRUE;
  return contains_folded (m->volser, self->needle) || contains_folded (m->pool, self->needle) ||
         contains_folded (m->location, self->needle) || contains_folded (m->type, self->needle) ||
         contains_folded (m->container, self->needle);
}

static void
update_list_state (CustodyMediaPage *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
  guint total = g_list_model_get_n_items (G_LIST_MODEL (self->media));
  g_autofree char *subtitle = NULL;

  if (!self->loaded)
    gtk_stack_set_visible_child_name (self->list_stack, "loading");
  else if (total == 0)
    gtk_stack_set_visible_child_name (self->list_stack, "empty");
  else if (shown == 0)
    gtk_stack_set_visible_child_name (self->list_stack, "no-results");
  else
    gtk_stack_set_visible_child_name (self->list_stack, "list");

  if (shown != total)
    subtitle = g_strdup_printf (_("%u of %u"), shown, total);
  else if (total > 0)
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u volume", "%u volumes", total),
                                total);
  adw_view_switcher_title_set_subtitle (self->switcher_title, subtitle);
}

static void
refilter (CustodyMediaPage *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_list_state (self);
}

/*
 * Selection
 */

static gint64
as_of (CustodyMediaPage *self)
{
  CustodySession *session = custody_page_get_session (CUSTODY_PAGE (self));

  return session != NULL ? custody_session_get_as_of (session) : CUSTODY_TIME_NONE;
}

/* Whether the page shows a moment in the past: then nothing moves. */
gboolean
custody_media_page_get_past (CustodyMediaPage *self)
{
  return as_of (self) != CUSTODY_TIME_NONE;
}

/* Returns: (nullable) (transfer none): the desk's lists at the moment shown */
CustodyDesk *
custody_media_page_get_desk (CustodyMediaPage *self)
{
  CustodySession *session = custody_page_get_session (CUSTODY_PAGE (self));

  if (session == NULL)
    return NULL;
  return custody_media_page_get_past (self) ? custody_session_get_past_desk (session)
                                            : custody_session_get_desk (session);
}

static void
show_detail (CustodyMediaPage *self,
             CustodyMedium    *medium)
{
  gboolean now = !custody_media_page_get_past (self);

  custody_medium_detail_set_medium (self->detail, medium);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "media.add", now);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "media.scan", now);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "media.reconcile", now);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "media.import-inventory", now);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "media.move", medium != NULL && now);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "media.edit", medium != NULL && now);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "media.release", medium != NULL && now);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "media.print-label", medium != NULL);
}

static CustodyMedium *
find_medium (CustodyMediaPage *self,
             const char       *volser,
             guint            *position)
{
  GListModel *model = G_LIST_MODEL (self->filter_model);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CustodyMedium) m = g_list_model_get_item (model, i);

      if (g_str_equal (m->volser, volser))
        {
          *position = i;
          return g_steal_pointer (&m);
        }
    }
  return NULL;
}

static gboolean
select_volser (CustodyMediaPage *self,
               const char       *volser)
{
  g_autoptr(CustodyMedium) m = NULL;
  guint position = 0;

  m = find_medium (self, volser, &position);
  if (m == NULL)
    return FALSE;

  gtk_single_selection_set_selected (self->selection, position);
  show_detail (self, m);
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
  return TRUE;
}

static void
on_list_activate_cb (CustodyMediaPage *self,
                     guint             position)
{
  g_autoptr(CustodyMedium) m = g_list_model_get_item (G_LIST_MODEL (self->filter_model), position);

  if (m == NULL)
    return;
  show_detail (self, m);
  custody_page_show_detail (CUSTODY_PAGE (self));
}

/* One click opens the volume under the pointer. Not the list's own
 * single-click activation: with it, the list selects the row under the
 * pointer as it passes, and the detail followed the pointer. Seen before
 * the row's own handling (capture), which then selects the same row. */
static void
on_list_released_cb (CustodyMediaPage *self,
                     int               n_press,
                     double            x,
                     double            y)
{
  GtkWidget *picked = gtk_widget_pick (GTK_WIDGET (self->list_view), x, y, GTK_PICK_DEFAULT);
  GtkWidget *row = picked != NULL ? gtk_widget_get_ancestor (picked, CUSTODY_TYPE_MEDIUM_ROW)
                                  : NULL;
  CustodyMedium *m = row != NULL ? custody_medium_row_get_medium (CUSTODY_MEDIUM_ROW (row)) : NULL;

  if (n_press == 1 && m != NULL && select_volser (self, m->volser))
    custody_page_show_detail (CUSTODY_PAGE (self));
}

static void
on_selection_changed_cb (CustodyMediaPage *self)
{
  CustodyMedium *m = gtk_single_selection_get_selected_item (self->selection);

  if (m != NULL && !custody_page_get_list_folded (CUSTODY_PAGE (self)))
    show_detail (self, m);
}

/*
 * Search and filters
 */

static void
on_search_changed_cb (CustodyMediaPage *self)
{
  g_free (self->needle);
  self->needle = g_utf8_casefold (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), -1);
  refilter (self);
}

static void
on_search_activate_cb (CustodyMediaPage *self)
{
  g_autoptr(CustodyMedium) m = g_list_model_get_item (G_LIST_MODEL (self->filter_model), 0);

  /* Enter opens the first match: a scanned label finds its volume. */
  if (m != NULL)
    {
      gtk_single_selection_set_selected (self->selection, 0);
      show_detail (self, m);
      custody_page_show_detail (CUSTODY_PAGE (self));
    }
}

static void
on_search_stop_cb (CustodyMediaPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_toggle_button_set_active (self->search_button, FALSE);
}

static void
on_filter_changed_cb (CustodyMediaPage *self)
{
  refilter (self);
}

static gboolean
custody_media_page_search (CustodyPage *page)
{
  CustodyMediaPage *self = CUSTODY_MEDIA_PAGE (page);

  custody_media_page_show_inventory (self);
  gtk_toggle_button_set_active (self->search_button, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  return TRUE;
}

/* Keeps a drop-down's choice by name when its names change. */
static void
set_names (GtkDropDown   *drop_down,
           GtkStringList *list,
           const char    *all,
           GPtrArray     *names)
{
  g_autofree char *chosen = g_strdup (selected_string (drop_down));
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) strv = NULL;

  g_strv_builder_add (builder, all);
  for (guint i = 0; i < names->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (names, i));
  strv = g_strv_builder_end (builder);

  gtk_string_list_splice (list, 0, n, (const char * const *) strv);
  gtk_drop_down_set_selected (drop_down, 0);
  for (guint i = 1; chosen != NULL && strv[i] != NULL; i++)
    if (g_str_equal (strv[i], chosen))
      gtk_drop_down_set_selected (drop_down, i);
}

/*
 * Loading
 */

typedef struct
{
  gint64     version;
  gint64     at;         /* CUSTODY_TIME_NONE: now */
  gboolean   unchanged;
  GPtrArray *media;
  GPtrArray *locations;
  GPtrArray *pools;
} Inventory;

static void
inventory_free (gpointer data)
{
  Inventory *inv = data;

  g_clear_pointer (&inv->media, g_ptr_array_unref);
  g_clear_pointer (&inv->locations, g_ptr_array_unref);
  g_clear_pointer (&inv->pools, g_ptr_array_unref);
  g_free (inv);
}

static gpointer
read_inventory (CustodyStore  *store,
                gpointer       data,
                GError       **error)
{
  Inventory *inv = g_new0 (Inventory, 1);
  gint64 known = ((gint64 *) data)[0];

  inv->at = ((gint64 *) data)[1];
  inv->version = custody_store_get_data_version (store);
  if (inv->version == known)
    {
      inv->unchanged = TRUE;
      return inv;
    }

  inv->locations = custody_store_list_locations (store, error);
  if (inv->locations != NULL)
    inv->pools = custody_store_list_pools (store, error);
  if (inv->pools != NULL)
    inv->media = custody_store_list_media_at (store, NULL, NULL, inv->at, error);
  if (inv->media == NULL)
    {
      inventory_free (inv);
      return NULL;
    }
  return inv;
}

/* The inventory is read in, the volume shown kept as it is now. */
static void
finish_splice (CustodyMediaPage *self)
{
  CustodyMedium *shown = custody_medium_detail_get_medium (self->detail);

  self->splice_source = 0;
  g_clear_pointer (&self->splicing, g_ptr_array_unref);
  self->loaded = TRUE;
  self->loading = FALSE;

  if (self->pending_select != NULL)
    {
      g_autofree char *volser = g_steal_pointer (&self->pending_select);
      select_volser (self, volser);
    }
  else if (shown != NULL)
    {
      g_autofree char *volser = g_strdup (shown->volser);
      guint position;
      g_autoptr(CustodyMedium) fresh = find_medium (self, volser, &position);

      if (fresh != NULL)
        {
          gtk_single_selection_set_selected (self->selection, position);
          show_detail (self, fresh);
        }
    }
  update_list_state (self);

  if (self->reload_again)
    {
      self->reload_again = FALSE;
      load (self);
    }
}

/* Fifty thousand volumes enter the list a chunk per main-loop iteration,
 * each chunk replacing as many old ones, so that no frame waits. */
static gboolean
splice_chunk_cb (gpointer user_data)
{
  CustodyMediaPage *self = user_data;
  guint old = g_list_model_get_n_items (G_LIST_MODEL (self->media));
  guint done = self->spliced;
  guint n = MIN (SPLICE_CHUNK, self->splicing->len - done);
  guint remove = done + n == self->splicing->len ? old - MIN (old, done)
                                                 : MIN (n, old - MIN (old, done));

  g_list_store_splice (self->media, done, remove, self->splicing->pdata + done, n);
  self->spliced += n;
  if (self->spliced < self->splicing->len)
    return G_SOURCE_CONTINUE;

  finish_splice (self);
  return G_SOURCE_REMOVE;
}

static void
read_inventory_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(CustodyMediaPage) self = user_data;
  g_autoptr(GError) error = NULL;
  Inventory *inv = custody_session_read_finish (CUSTODY_SESSION (source), result, &error);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* Read for a moment no longer shown: read the one shown. */
  if (inv != NULL && inv->at != as_of (self))
    {
      inventory_free (inv);
      self->loading = FALSE;
      self->reload_again = FALSE;
      load (self);
      return;
    }

  if (inv == NULL || inv->unchanged)
    {
      if (inv == NULL)
        {
          g_autofree char *text = g_strdup_printf (_("Cannot read the volumes: %s"),
                                                   error->message);
          custody_page_toast (CUSTODY_PAGE (self), adw_toast_new (text));
        }
      g_clear_pointer (&inv, inventory_free);
      self->loading = FALSE;
      if (self->reload_again)
        {
          self->reload_again = FALSE;
          load (self);
        }
      return;
    }

  self->loaded_version = inv->version;
  g_clear_pointer (&self->locations, g_ptr_array_unref);
  self->locations = g_steal_pointer (&inv->locations);
  g_clear_pointer (&self->pools, g_ptr_array_unref);
  self->pools = g_steal_pointer (&inv->pools);

  for (guint i = 0; i < self->locations->len; i++)
    g_ptr_array_add (names, ((CustodyLocation *) g_ptr_array_index (self->locations, i))->name);
  set_names (self->location_filter, self->location_names, _("Any place"), names);
  g_ptr_array_set_size (names, 0);
  for (guint i = 0; i < self->pools->len; i++)
    g_ptr_array_add (names, ((CustodyPool *) g_ptr_array_index (self->pools, i))->name);
  set_names (self->pool_filter, self->pool_names, _("Any pool"), names);

  /* Still loading until the last chunk is in. */
  self->splicing = g_steal_pointer (&inv->media);
  self->spliced = 0;
  inventory_free (inv);
  if (splice_chunk_cb (self) == G_SOURCE_CONTINUE)
    self->splice_source = custody_add_chunk_source (splice_chunk_cb, self);
}

static void
load (CustodyMediaPage *self)
{
  CustodySession *session = custody_page_get_session (CUSTODY_PAGE (self));
  gint64 *known;

  if (session == NULL || custody_session_get_store (session) == NULL)
    return;
  if (self->loading)
    {
      self->reload_again = TRUE;
      return;
    }

  self->loading = TRUE;
  known = g_new (gint64, 2);
  known[0] = self->loaded_version;
  known[1] = custody_session_get_as_of (session);
  custody_session_read_async (session, read_inventory, known, g_free, inventory_free,
                              custody_page_get_cancellable (CUSTODY_PAGE (self)), read_inventory_cb,
                              g_object_ref (self));
}

static void
on_session_reloaded_cb (CustodyMediaPage *self)
{
  /* The page follows the store only while it is seen. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      custody_media_page_update_today (self);
      load (self);
    }
}

static void
custody_media_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (custody_media_page_parent_class)->map (widget);
  custody_media_page_update_today (CUSTODY_MEDIA_PAGE (widget));
  load (CUSTODY_MEDIA_PAGE (widget));
}

/* Another moment: every volume where it was then. */
static void
on_session_as_of_cb (CustodyMediaPage *self)
{
  self->loaded_version = -1;
  show_detail (self, custody_medium_detail_get_medium (self->detail));
  custody_media_page_update_today (self);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    load (self);
}

static void
on_session_past_changed_cb (CustodyMediaPage *self)
{
  custody_media_page_update_today (self);
}

static void
custody_media_page_session_changed (CustodyPage *page)
{
  CustodyMediaPage *self = CUSTODY_MEDIA_PAGE (page);
  CustodySession *session = custody_page_get_session (page);

  g_clear_handle_id (&self->splice_source, g_source_remove);
  g_clear_pointer (&self->splicing, g_ptr_array_unref);
  self->loaded = FALSE;
  self->loading = FALSE;
  self->reload_again = FALSE;
  self->loaded_version = -1;
  g_list_store_remove_all (self->media);
  custody_medium_detail_set_session (self->detail, session);
  show_detail (self, NULL);
  if (session != NULL)
    {
      g_signal_connect_object (session, "reloaded", G_CALLBACK (on_session_reloaded_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "notify::as-of", G_CALLBACK (on_session_as_of_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "past-changed", G_CALLBACK (on_session_past_changed_cb),
                               self, G_CONNECT_SWAPPED);
    }
  update_list_state (self);
  custody_media_page_update_today (self);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    load (self);
}

static void
on_view_changed_cb (CustodyMediaPage *self)
{
  const char *name = adw_view_stack_get_visible_child_name (self->view_stack);

  /* Search and filters are the inventory's. */
  if (g_strcmp0 (name, "today") == 0)
    gtk_toggle_button_set_active (self->search_button, FALSE);
  if (g_strcmp0 (name, "today") == 0 && self->today_stale)
    custody_media_page_update_today (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->search_button), g_strcmp0 (name, "today") != 0);
}

/* At a phone's width the back button to the views takes a place in the
 * header bar: adding volumes joins the desk menu, so that the title keeps
 * its room. */
static void
on_folded_cb (CustodyMediaPage *self)
{
  gboolean folded = custody_page_get_folded (CUSTODY_PAGE (self));

  gtk_widget_set_visible (self->add_button, !folded);
  gtk_menu_button_set_menu_model (self->desk_button,
                                  folded ? G_MENU_MODEL (self->narrow_menu) : self->desk_menu);
}

/*
 * GObject
 */

static void
custody_media_page_dispose (GObject *object)
{
  CustodyMediaPage *self = (CustodyMediaPage *) object;

  g_clear_handle_id (&self->splice_source, g_source_remove);
  g_clear_pointer (&self->splicing, g_ptr_array_unref);
  g_clear_pointer (&self->desk_rows, g_ptr_array_unref);
  /* The template made the bin's child: the bin lets go of it first. */
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), CUSTODY_TYPE_MEDIA_PAGE);
  g_clear_object (&self->selection);
  g_clear_object (&self->location_names);
  g_clear_object (&self->pool_names);
  g_clear_object (&self->narrow_menu);

  G_OBJECT_CLASS (custody_media_page_parent_class)->dispose (object);
}

static void
custody_media_page_finalize (GObject *object)
{
  CustodyMediaPage *self = (CustodyMediaPage *) object;

  g_clear_object (&self->media);
  g_clear_pointer (&self->locations, g_ptr_array_unref);
  g_clear_pointer (&self->pools, g_ptr_array_unref);
  g_free (self->needle);
  g_free (self->pending_select);

  G_OBJECT_CLASS (custody_media_page_parent_class)->finalize (object);
}

static void
custody_media_page_class_init (CustodyMediaPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  CustodyPageClass *page_class = CUSTODY_PAGE_CLASS (klass);

  object_class->dispose = custody_media_page_dispose;
  object_class->finalize = custody_media_page_finalize;
  widget_class->map = custody_media_page_map;
  page_class->help_section = "media";
  page_class->session_changed = custody_media_page_session_changed;
  page_class->search = custody_media_page_search;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/custody/Custody/ui/"
                                               "custody-media-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CustodyMediaPage, as_of_button);
  gtk_widget_class_bind_template_child (widget_class, CustodyMediaPage, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, CustodyMediaPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, CustodyMediaPage, list_pane);
  gtk_widget_class_bind_template_child (widget_class, CustodyMediaPage, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, CustodyMediaPage, add_button);
  gtk_widget_class_bind_template_child (widget_class, CustodyMediaPage, desk_button);
  gtk_widget_class_bind_template_child (widget_class, CustodyMediaPage, add_menu);
  gtk_widget_class_bind_template_child (widget_class, CustodyMediaPage, desk_menu);
  gtk_widget_class_bind_template_child (widget_class, CustodyMediaPage, search_button);
  gtk_widget_class_bind_template_child (widget_class, CustodyMediaPage, search_bar);
  gtk_widget_class_bind_template_child (widget_class, CustodyMediaPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CustodyMediaPage, location_filter);
  gtk_widget_class_bind_template_child (widget_class, CustodyMediaPage, pool_filter);
  gtk_widget_class_bind_template_child (widget_class, CustodyMediaPage, status_filter);
  gtk_widget_class_bind_template_child (widget_class, CustodyMediaPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, CustodyMediaPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, CustodyMediaPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, CustodyMediaPage, today_page);
  gtk_widget_class_bind_template_child (widget_class, CustodyMediaPage, today_box);
  gtk_widget_class_bind_template_child (widget_class, CustodyMediaPage, today_headline);
  gtk_widget_class_bind_template_child (widget_class, CustodyMediaPage, detail);
  gtk_widget_class_bind_template_callback (widget_class, on_list_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_stop_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_view_changed_cb);

  custody_media_page_class_add_actions (klass);

  g_type_ensure (CUSTODY_TYPE_MEDIUM_DETAIL);
  g_type_ensure (CUSTODY_TYPE_AS_OF_BANNER);
  g_type_ensure (CUSTODY_TYPE_AS_OF_BUTTON);
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  gtk_list_item_set_child (list_item, custody_medium_row_new ());
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             gpointer                  user_data)
{
  custody_medium_row_set_medium (CUSTODY_MEDIUM_ROW (gtk_list_item_get_child (list_item)),
                                 gtk_list_item_get_item (list_item));
}

static void
custody_media_page_init (CustodyMediaPage *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkStringList) statuses = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  /* Narrow, the header has no room for the clock; Compliance sets the moment. */
  custody_page_hide_when_folded (CUSTODY_PAGE (self), self->as_of_button);
  custody_spin_while_mapped (self->loading_spinner);

  self->media = g_list_store_new (CUSTODY_TYPE_MEDIUM);
  self->loaded_version = -1;

  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->filter_model = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->media)),
                                                  GTK_FILTER (self->filter));
  self->selection = custody_page_new_list_selection (G_LIST_MODEL (self->filter_model),
                                                     G_CALLBACK (on_selection_changed_cb), self);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  custody_page_add_list_click (self->list_view, G_CALLBACK (on_list_released_cb), self);

  self->location_names = gtk_string_list_new (NULL);
  gtk_string_list_append (self->location_names, _("Any place"));
  gtk_drop_down_set_model (self->location_filter, G_LIST_MODEL (self->location_names));
  self->pool_names = gtk_string_list_new (NULL);
  gtk_string_list_append (self->pool_names, _("Any pool"));
  gtk_drop_down_set_model (self->pool_filter, G_LIST_MODEL (self->pool_names));
  gtk_string_list_append (statuses, _("Any status"));
  for (guint i = 0; i < CUSTODY_N_MEDIUM_STATUSES; i++)
    gtk_string_list_append (statuses, custody_medium_status_get_label (i));
  gtk_drop_down_set_model (self->status_filter, G_LIST_MODEL (statuses));
  custody_filter_drop_down_init (self->location_filter);
  custody_filter_drop_down_init (self->pool_filter);
  custody_filter_drop_down_init (self->status_filter);

  gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self->list_view));
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));

  custody_media_page_init_today (self);

  self->narrow_menu = g_menu_new ();
  g_menu_append_section (self->narrow_menu, NULL, self->add_menu);
  g_menu_append_section (self->narrow_menu, NULL, self->desk_menu);
  g_signal_connect (self, "notify::folded", G_CALLBACK (on_folded_cb), NULL);
  on_folded_cb (self);

  custody_page_set_list_detail (CUSTODY_PAGE (self), self->leaflet, self->list_pane,
                                GTK_WIDGET (self->detail),
                                (CustodyPageShowBackFunc) custody_medium_detail_set_show_back);
  show_detail (self, NULL);
  update_list_state (self);
  custody_media_page_update_today (self);
}

/*
 * Public API
 */

void
custody_media_page_show_today (CustodyMediaPage *self)
{
  g_return_if_fail (CUSTODY_IS_MEDIA_PAGE (self));

  adw_view_stack_set_visible_child_name (self->view_stack, "today");
  custody_page_show_list (CUSTODY_PAGE (self));
}

void
custody_media_page_show_inventory (CustodyMediaPage *self)
{
  g_return_if_fail (CUSTODY_IS_MEDIA_PAGE (self));

  adw_view_stack_set_visible_child_name (self->view_stack, "inventory");
  custody_page_show_list (CUSTODY_PAGE (self));
}

/* Shows a volume's detail; if the inventory is not read yet, once it is. */
void
custody_media_page_select_volume (CustodyMediaPage *self,
                                  const char       *volser)
{
  g_return_if_fail (CUSTODY_IS_MEDIA_PAGE (self));
  g_return_if_fail (volser != NULL);

  if ((self->needle != NULL && self->needle[0] != '\0') ||
      gtk_drop_down_get_selected (self->location_filter) > 0 ||
      gtk_drop_down_get_selected (self->pool_filter) > 0 ||
      gtk_drop_down_get_selected (self->status_filter) > 0)
    {
      /* It may be filtered out: show everything. */
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      gtk_drop_down_set_selected (self->location_filter, 0);
      gtk_drop_down_set_selected (self->pool_filter, 0);
      gtk_drop_down_set_selected (self->status_filter, 0);
      on_search_changed_cb (self);
    }

  if (select_volser (self, volser))
    custody_page_show_detail (CUSTODY_PAGE (self));
  else
    {
      g_free (self->pending_select);
      self->pending_select = g_strdup (volser);
    }
}

/**
 * custody_media_page_open_scan:
 * @expect: the list to expect (a CustodyDeskList), or -1
 *
 * Returns: (transfer none) (nullable): the scan window, shown
 */
CustodyScanWindow *
custody_media_page_open_scan (CustodyMediaPage *self,
                              int               expect)
{
  CustodySession *session = custody_page_get_session (CUSTODY_PAGE (self));
  CustodyScanWindow *window;
  GtkRoot *root;

  g_return_val_if_fail (CUSTODY_IS_MEDIA_PAGE (self), NULL);

  if (session == NULL || custody_session_get_store (session) == NULL)
    return NULL;
  if (custody_media_page_get_past (self))
    {
      custody_page_toast (CUSTODY_PAGE (self),
                          adw_toast_new (_("Return to now to scan: a scan moves volumes now")));
      return NULL;
    }
  if (self->locations == NULL || self->locations->len == 0)
    {
      custody_page_toast (CUSTODY_PAGE (self),
                          adw_toast_new (_("Add a location first: a scan moves volumes to one")));
      return NULL;
    }

  root = gtk_widget_get_root (GTK_WIDGET (self));
  window = custody_scan_window_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, session,
                                    self->locations, expect);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

guint
custody_media_page_get_n_shown (CustodyMediaPage *self)
{
  g_return_val_if_fail (CUSTODY_IS_MEDIA_PAGE (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
}

void
custody_media_page_set_search_text (CustodyMediaPage *self,
                                    const char       *text)
{
  g_return_if_fail (CUSTODY_IS_MEDIA_PAGE (self));

  gtk_toggle_button_set_active (self->search_button, text != NULL && text[0] != '\0');
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text != NULL ? text : "");
  on_search_changed_cb (self);
}
