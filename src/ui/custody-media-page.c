/* custody-media-page.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custody-media-page"

#include "config.h"

#include <glib/gi18n.h>

#include "custody-handoff-sheet.h"
#include "custody-labels.h"
#include "custody-media-page.h"
#include "custody-medium-detail.h"
#include "custody-medium-row.h"
#include "custody-print.h"
#include "custody-reconciliation-certificate.h"
#include "custody-time.h"
#include "custody-ui-utils.h"
#include "custody-volser.h"

/* The tape desk: the inventory of every volume, searchable and filtered
 * by location, pool and status, beside the detail of one; and Today, the
 * day's lists (send off site, recall, expiring, overdue) with the scan
 * sessions and hand-off sheets that work them off. The inventory is read
 * in a worker when the page is shown, and again only when the store
 * changed. */
struct _CustodyMediaPage
{
  CustodyPage          parent_instance;

  GtkSpinner          *loading_spinner;
  AdwLeaflet          *leaflet;
  GtkWidget           *list_pane;
  AdwViewSwitcherTitle *switcher_title;
  GtkToggleButton     *search_button;
  GtkSearchBar        *search_bar;
  GtkSearchEntry      *search_entry;
  GtkDropDown         *location_filter;
  GtkDropDown         *pool_filter;
  GtkDropDown         *status_filter;
  AdwViewStack        *view_stack;
  GtkStack            *list_stack;
  GtkListView         *list_view;
  AdwViewStackPage    *today_page;
  GtkWidget           *today_box;
  GtkLabel            *today_headline;
  CustodyMediumDetail *detail;

  GListStore          *media;          /* CustodyMedium, by volser */
  GtkCustomFilter     *filter;
  GtkFilterListModel  *filter_model;
  GtkSingleSelection  *selection;
  GPtrArray           *locations;      /* CustodyLocation */
  GPtrArray           *pools;          /* CustodyPool */
  GtkStringList       *location_names;
  GtkStringList       *pool_names;

  AdwPreferencesGroup *desk_groups[CUSTODY_N_DESK_LISTS];
  GPtrArray           *desk_rows;      /* (group, row) pairs */

  GPtrArray           *splicing;       /* CustodyMedium entering the list */
  guint                spliced;
  guint                splice_source;

  char                *needle;
  char                *pending_select;
  gint64               loaded_version;
  guint                loading : 1;
  guint                loaded : 1;
  guint                today_stale : 1;   /* Today's rows wait for the page to show */
  guint                reload_again : 1;
};

G_DEFINE_FINAL_TYPE (CustodyMediaPage, custody_media_page, CUSTODY_TYPE_PAGE)

/* The most rows a list of Today shows: each is a widget, and a few
 * hundred took the main loop 40 ms to build at every reload. */
#define TODAY_MAX_ROWS 12
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
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u volume", "%u volumes", total), total);
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

static void
show_detail (CustodyMediaPage *self,
             CustodyMedium    *medium)
{
  custody_medium_detail_set_medium (self->detail, medium);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "media.move", medium != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "media.edit", medium != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "media.release", medium != NULL);
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
  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->detail));
}

static void
on_selection_changed_cb (CustodyMediaPage *self)
{
  CustodyMedium *m = gtk_single_selection_get_selected_item (self->selection);

  if (m != NULL && !adw_leaflet_get_folded (self->leaflet))
    show_detail (self, m);
}

static void
on_detail_back_cb (CustodyMediaPage *self)
{
  adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
}

static void
on_leaflet_folded_cb (CustodyMediaPage *self)
{
  custody_medium_detail_set_show_back (self->detail, adw_leaflet_get_folded (self->leaflet));
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
      adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->detail));
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
 * Today
 */

static void
clear_desk_rows (CustodyMediaPage *self)
{
  for (guint i = 0; i + 1 < self->desk_rows->len; i += 2)
    adw_preferences_group_remove (g_ptr_array_index (self->desk_rows, i),
                                  g_ptr_array_index (self->desk_rows, i + 1));
  g_ptr_array_set_size (self->desk_rows, 0);
}

static void
add_desk_row (CustodyMediaPage    *self,
              AdwPreferencesGroup *group,
              GtkWidget           *row)
{
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->desk_rows, group);
  g_ptr_array_add (self->desk_rows, row);
}

static const char *
desk_icon (CustodyDeskList list)
{
  switch (list)
    {
    case CUSTODY_DESK_SEND_OFFSITE:
      return "mail-send-symbolic";
    case CUSTODY_DESK_RECALL:
      return "mail-send-receive-symbolic";
    case CUSTODY_DESK_EXPIRING:
      return "alarm-symbolic";
    case CUSTODY_DESK_OVERDUE:
    case CUSTODY_N_DESK_LISTS:
    default:
      return "task-past-due-symbolic";
    }
}

static void
update_today (CustodyMediaPage *self)
{
  CustodySession *session = custody_page_get_session (CUSTODY_PAGE (self));
  CustodyDesk *desk = session != NULL ? custody_session_get_desk (session) : NULL;
  g_autofree char *date = NULL;
  g_autofree char *headline = NULL;
  guint to_move;

  if (desk == NULL)
    {
      clear_desk_rows (self);
      gtk_label_set_label (self->today_headline, _("Reading the Store…"));
      return;
    }

  adw_view_stack_page_set_needs_attention (self->today_page, desk->lists[CUSTODY_DESK_OVERDUE]->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "media.handoff", TRUE);

  /* The rows are widgets, rebuilt at every reload of the store: they are
   * built when the Today page is shown, not while the inventory is. */
  self->today_stale = g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "today") != 0;
  if (self->today_stale)
    return;

  clear_desk_rows (self);
  date = custody_time_format_date (desk->day);
  to_move = desk->lists[CUSTODY_DESK_SEND_OFFSITE]->len + desk->lists[CUSTODY_DESK_RECALL]->len;
  if (desk->lists[CUSTODY_DESK_OVERDUE]->len > 0)
    headline = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s: %u volume is overdue",
                                             "%s: %u volumes are overdue",
                                             desk->lists[CUSTODY_DESK_OVERDUE]->len),
                                date, desk->lists[CUSTODY_DESK_OVERDUE]->len);
  else if (to_move > 0)
    headline = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s: %u volume to move",
                                             "%s: %u volumes to move", to_move), date, to_move);
  else
    headline = g_strdup_printf (_("%s: nothing to move today"), date);
  gtk_label_set_label (self->today_headline, headline);

  for (guint l = 0; l < CUSTODY_N_DESK_LISTS; l++)
    {
      GPtrArray *list = desk->lists[l];

      /* A big site's lists run into thousands: the first ones are shown,
       * the scan session and the hand-off sheet take them all. */
      for (guint i = 0; i < MIN (list->len, TODAY_MAX_ROWS); i++)
        {
          CustodyDeskItem *item = g_ptr_array_index (list, i);
          GtkWidget *row = adw_action_row_new ();
          g_autofree char *title = NULL;
          g_autofree char *reason = g_markup_escape_text (item->reason, -1);

          title = item->location != NULL ? g_strdup_printf ("%s · %s", item->volser, item->location)
                                         : g_strdup (item->volser);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), reason);
          /* One line each: wrapped labels are measured again and again,
           * and a few hundred of them held the main loop 200 ms. */
          adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 1);
          adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 1);
          gtk_widget_set_tooltip_text (row, item->reason);
          adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name (desk_icon (l)));
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
          gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "media.open-volume");
          gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", item->volser);
          add_desk_row (self, self->desk_groups[l], row);
        }
      if (list->len == 0)
        {
          GtkWidget *row = adw_action_row_new ();

          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Nothing today"));
          gtk_widget_add_css_class (row, "dim-label");
          add_desk_row (self, self->desk_groups[l], row);
        }
      else if (list->len > TODAY_MAX_ROWS)
        {
          GtkWidget *row = adw_action_row_new ();
          g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "And %u more",
                                                                "And %u more", list->len - TODAY_MAX_ROWS),
                                                   list->len - TODAY_MAX_ROWS);

          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), more);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                       _("A scan session expects them all; the hand-off sheet lists them all."));
          gtk_widget_add_css_class (row, "dim-label");
          add_desk_row (self, self->desk_groups[l], row);
        }
    }

  /* The overdue go first: they are late already. */
  gtk_box_reorder_child_after (GTK_BOX (self->today_box), GTK_WIDGET (self->desk_groups[CUSTODY_DESK_OVERDUE]),
                               desk->lists[CUSTODY_DESK_OVERDUE]->len > 0 ? GTK_WIDGET (self->today_headline)
                                                                          : GTK_WIDGET (self->desk_groups[CUSTODY_DESK_EXPIRING]));
}

/*
 * Loading
 */

typedef struct
{
  gint64     version;
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
  gint64 known = *(gint64 *) data;

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
    inv->media = custody_store_list_media (store, NULL, NULL, error);
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

  if (inv == NULL || inv->unchanged)
    {
      if (inv == NULL)
        {
          g_autofree char *text = g_strdup_printf (_("Cannot read the volumes: %s"), error->message);
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
  known = g_new (gint64, 1);
  *known = self->loaded_version;
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
      update_today (self);
      load (self);
    }
}

static void
custody_media_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (custody_media_page_parent_class)->map (widget);
  update_today (CUSTODY_MEDIA_PAGE (widget));
  load (CUSTODY_MEDIA_PAGE (widget));
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
    g_signal_connect_object (session, "reloaded", G_CALLBACK (on_session_reloaded_cb), self,
                             G_CONNECT_SWAPPED);
  update_list_state (self);
  update_today (self);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    load (self);
}

/*
 * Forms
 */

static void
toast_error (CustodyMediaPage *self,
             const char       *what,
             const GError     *error)
{
  g_autofree char *text = g_strdup_printf ("%s: %s", what, error->message);
  AdwToast *toast = adw_toast_new (text);

  adw_toast_set_timeout (toast, 0);
  custody_page_toast (CUSTODY_PAGE (self), toast);
}

static GtkWidget *
form_list (void)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  return list;
}

static GtkWidget *
form_entry (GtkWidget  *list,
            const char *title,
            const char *text)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  if (text != NULL)
    gtk_editable_set_text (GTK_EDITABLE (row), text);
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  return row;
}

static GtkWidget *
form_combo (GtkWidget          *list,
            const char         *title,
            const char * const *names,
            const char         *selected)
{
  GtkWidget *row = adw_combo_row_new ();
  g_autoptr(GtkStringList) model = gtk_string_list_new (names);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
  for (guint i = 0; selected != NULL && names[i] != NULL; i++)
    if (g_str_equal (names[i], selected))
      adw_combo_row_set_selected (ADW_COMBO_ROW (row), i);
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  return row;
}

static const char *
combo_string (GtkWidget *row)
{
  GtkStringObject *item = adw_combo_row_get_selected_item (ADW_COMBO_ROW (row));

  return item != NULL ? gtk_string_object_get_string (item) : NULL;
}

static char *
entry_text (GtkWidget *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

/* The names, with @none first if given. */
static GStrv
names_of (GPtrArray  *objects,
          gboolean    pools,
          const char *none,
          gboolean    libraries_only)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (none != NULL)
    g_strv_builder_add (builder, none);
  for (guint i = 0; objects != NULL && i < objects->len; i++)
    {
      if (pools)
        g_strv_builder_add (builder, ((CustodyPool *) g_ptr_array_index (objects, i))->name);
      else if (!libraries_only ||
               ((CustodyLocation *) g_ptr_array_index (objects, i))->kind == CUSTODY_LOCATION_LIBRARY)
        g_strv_builder_add (builder, ((CustodyLocation *) g_ptr_array_index (objects, i))->name);
    }
  return g_strv_builder_end (builder);
}

static AdwMessageDialog *
form_dialog (CustodyMediaPage *self,
             const char       *heading,
             const char       *body,
             GtkWidget        *content)
{
  AdwMessageDialog *dialog = custody_message_dialog_new (GTK_WIDGET (self), heading, body);

  adw_message_dialog_set_extra_child (dialog, content);
  adw_message_dialog_add_response (dialog, "cancel", _("_Cancel"));
  adw_message_dialog_set_close_response (dialog, "cancel");
  return dialog;
}

/* A write's data, and what to say when it is done. */
typedef struct
{
  CustodyMedium   *medium;
  CustodyMovement *movement;
  char            *volser;
  char            *first;
  char            *last;
  char            *location;
  gboolean         confirm;
} Write;

static void
write_free (gpointer data)
{
  Write *w = data;

  g_clear_object (&w->medium);
  g_clear_object (&w->movement);
  g_free (w->volser);
  g_free (w->first);
  g_free (w->last);
  g_free (w->location);
  g_free (w);
}

typedef struct
{
  CustodyMediaPage *page;
  char             *done;      /* the toast when it worked */
  char             *failed;    /* the start of the toast when it did not */
  Write            *retry;     /* the write again, confirmed, if refused */
  CustodySessionWriteFunc func;
} Reply;

static void
reply_free (Reply *r)
{
  g_object_unref (r->page);
  g_free (r->done);
  g_free (r->failed);
  g_clear_pointer (&r->retry, write_free);
  g_free (r);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Reply, reply_free)

static void write_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data);

static void
run_write (CustodyMediaPage        *self,
           CustodySessionWriteFunc  func,
           Write                   *w,
           const char              *done,
           const char              *failed)
{
  Reply *r = g_new0 (Reply, 1);
  Write *copy = g_new0 (Write, 1);

  /* A copy to confirm with, should the guard refuse. */
  copy->medium = w->medium != NULL ? g_object_ref (w->medium) : NULL;
  copy->movement = w->movement != NULL ? g_object_ref (w->movement) : NULL;
  copy->volser = g_strdup (w->volser);
  copy->first = g_strdup (w->first);
  copy->last = g_strdup (w->last);
  copy->location = g_strdup (w->location);
  copy->confirm = TRUE;

  r->page = g_object_ref (self);
  r->done = g_strdup (done);
  r->failed = g_strdup (failed);
  r->retry = copy;
  r->func = func;
  custody_session_write_async (custody_page_get_session (CUSTODY_PAGE (self)), func, w, write_free,
                               custody_page_get_cancellable (CUSTODY_PAGE (self)), write_cb, r);
}

static void
on_confirm_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        Reply            *r)
{
  if (g_str_equal (response, "confirm"))
    {
      /* run_write owns the write from here. */
      run_write (r->page, r->func, g_steal_pointer (&r->retry), r->done, r->failed);
    }
}

static void
write_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(Reply) r = user_data;
  g_autoptr(GError) error = NULL;

  if (custody_session_write_finish (CUSTODY_SESSION (source), result, &error))
    {
      custody_page_toast (CUSTODY_PAGE (r->page), adw_toast_new (r->done));
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (g_error_matches (error, CUSTODY_STORE_ERROR, CUSTODY_STORE_ERROR_REFUSED) && r->retry != NULL)
    {
      /* The last copy: say which jobs, and let the operator decide. */
      AdwMessageDialog *dialog = custody_message_dialog_new (GTK_WIDGET (r->page),
                                                             _("This Breaks Compliance"),
                                                             error->message);

      adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "confirm", _("Do It _Anyway"),
                                        NULL);
      adw_message_dialog_set_response_appearance (dialog, "confirm", ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_set_default_response (dialog, "cancel");
      adw_message_dialog_set_close_response (dialog, "cancel");
      g_signal_connect_data (dialog, "response", G_CALLBACK (on_confirm_response_cb),
                             g_steal_pointer (&r), (GClosureNotify) reply_free, 0);
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  toast_error (r->page, r->failed, error);
}

static gboolean
write_add (CustodyStore  *store,
           gpointer       data,
           GError       **error)
{
  Write *w = data;

  if (w->last != NULL && w->last[0] != '\0')
    return custody_store_add_media_range (store, w->first, w->last, w->medium, w->location, NULL, error);
  g_free (w->medium->volser);
  w->medium->volser = g_strdup (w->first);
  return custody_store_add_medium (store, w->medium, w->location, error);
}

static gboolean
write_update (CustodyStore  *store,
              gpointer       data,
              GError       **error)
{
  Write *w = data;

  return custody_store_update_medium (store, w->volser, w->medium, w->confirm, error);
}

static gboolean
write_move (CustodyStore  *store,
            gpointer       data,
            GError       **error)
{
  Write *w = data;
  const char *volsers[] = { w->volser, NULL };

  return custody_store_move_media (store, volsers, w->movement, w->confirm, error);
}

/* Add volumes */

static void
on_add_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    CustodyMediaPage *self)
{
  Write *w;
  g_autofree char *type = NULL;
  g_autofree char *done = NULL;
  const char *pool, *location;
  guint n = 1;

  if (!g_str_equal (response, "add"))
    return;

  w = g_new0 (Write, 1);
  w->first = entry_text (g_object_get_data (G_OBJECT (dialog), "first"));
  w->last = entry_text (g_object_get_data (G_OBJECT (dialog), "last"));
  type = entry_text (g_object_get_data (G_OBJECT (dialog), "type"));
  pool = combo_string (g_object_get_data (G_OBJECT (dialog), "pool"));
  location = combo_string (g_object_get_data (G_OBJECT (dialog), "location"));

  if (type[0] == '\0')
    {
      g_free (type);
      type = custody_volser_media_type (w->first);
    }
  w->medium = custody_medium_new ();
  w->medium->type = g_strdup (type != NULL ? type : "");
  if (adw_combo_row_get_selected (g_object_get_data (G_OBJECT (dialog), "pool")) > 0)
    w->medium->pool = g_strdup (pool);
  if (adw_combo_row_get_selected (g_object_get_data (G_OBJECT (dialog), "location")) > 0)
    w->location = g_strdup (location);

  if (w->last[0] != '\0')
    {
      g_auto(GStrv) range = custody_volser_range (w->first, w->last, CUSTODY_STORE_MAX_RANGE, NULL);
      n = range != NULL ? g_strv_length (range) : 0;
    }
  done = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Added %u volume", "Added %u volumes", n), n);
  run_write (self, write_add, w, done, _("Nothing was added"));
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  CustodyMediaPage *self = CUSTODY_MEDIA_PAGE (widget);
  GtkWidget *list = form_list ();
  g_auto(GStrv) pools = names_of (self->pools, TRUE, _("None"), FALSE);
  g_auto(GStrv) locations = names_of (self->locations, FALSE, _("Not recorded"), FALSE);
  AdwMessageDialog *dialog;

  dialog = form_dialog (self, _("Add Volumes"),
                        _("One label, or the first and last of a range such as A00001L9 to A00120L9."),
                        list);
  g_object_set_data (G_OBJECT (dialog), "first", form_entry (list, _("_First Label"), NULL));
  g_object_set_data (G_OBJECT (dialog), "last", form_entry (list, _("_Last Label (for a range)"), NULL));
  g_object_set_data (G_OBJECT (dialog), "type", form_entry (list, _("_Type (LTO-9, RDX…; empty: from the label)"), NULL));
  g_object_set_data (G_OBJECT (dialog), "pool", form_combo (list, _("_Pool"), (const char * const *) pools, NULL));
  g_object_set_data (G_OBJECT (dialog), "location",
                     form_combo (list, _("_Where It Is"), (const char * const *) locations, NULL));
  adw_message_dialog_add_response (dialog, "add", _("_Add"));
  adw_message_dialog_set_response_appearance (dialog, "add", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "add");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_add_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Edit */

static void
on_edit_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     CustodyMediaPage *self)
{
  CustodyMedium *shown = custody_medium_detail_get_medium (self->detail);
  g_autofree char *retention = NULL;
  g_autofree char *done = NULL;
  g_autoptr(GError) error = NULL;
  Write *w;
  guint status;

  if (!g_str_equal (response, "save") || shown == NULL)
    return;

  w = g_new0 (Write, 1);
  w->volser = g_strdup (shown->volser);
  w->medium = custody_medium_new ();
  w->medium->type = entry_text (g_object_get_data (G_OBJECT (dialog), "type"));
  if (adw_combo_row_get_selected (g_object_get_data (G_OBJECT (dialog), "pool")) > 0)
    w->medium->pool = g_strdup (combo_string (g_object_get_data (G_OBJECT (dialog), "pool")));
  status = adw_combo_row_get_selected (g_object_get_data (G_OBJECT (dialog), "status"));
  w->medium->status = status < CUSTODY_N_MEDIUM_STATUSES ? (CustodyMediumStatus) status : shown->status;
  w->medium->capacity_bytes = shown->capacity_bytes;
  w->medium->worm = shown->worm;
  g_free (w->medium->note);
  w->medium->note = entry_text (g_object_get_data (G_OBJECT (dialog), "note"));
  retention = entry_text (g_object_get_data (G_OBJECT (dialog), "retention"));
  if (retention[0] != '\0' && !custody_time_parse (retention, &w->medium->retention_until, &error))
    {
      toast_error (self, _("Not saved"), error);
      write_free (w);
      return;
    }

  done = g_strdup_printf (_("Volume %s saved"), w->volser);
  run_write (self, write_update, w, done, _("Not saved"));
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CustodyMediaPage *self = CUSTODY_MEDIA_PAGE (widget);
  CustodyMedium *m = custody_medium_detail_get_medium (self->detail);
  GtkWidget *list;
  g_auto(GStrv) pools = NULL;
  g_autoptr(GStrvBuilder) statuses = g_strv_builder_new ();
  g_auto(GStrv) status_names = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *retention = NULL;
  AdwMessageDialog *dialog;

  if (m == NULL)
    return;

  for (guint i = 0; i < CUSTODY_N_MEDIUM_STATUSES; i++)
    g_strv_builder_add (statuses, custody_medium_status_get_label (i));
  status_names = g_strv_builder_end (statuses);
  pools = names_of (self->pools, TRUE, _("None"), FALSE);
  retention = m->retention_until != CUSTODY_TIME_NONE ? custody_time_format_date (m->retention_until)
                                                     : g_strdup ("");

  list = form_list ();
  heading = g_strdup_printf (_("Edit %s"), m->volser);
  dialog = form_dialog (self, heading, NULL, list);
  g_object_set_data (G_OBJECT (dialog), "type", form_entry (list, _("_Type"), m->type));
  g_object_set_data (G_OBJECT (dialog), "pool", form_combo (list, _("_Pool"), (const char * const *) pools,
                                                            m->pool != NULL ? m->pool : _("None")));
  g_object_set_data (G_OBJECT (dialog), "status",
                     form_combo (list, _("_Status"), (const char * const *) status_names,
                                 custody_medium_status_get_label (m->status)));
  g_object_set_data (G_OBJECT (dialog), "retention",
                     form_entry (list, _("_Retention Until (YYYY-MM-DD)"), retention));
  g_object_set_data (G_OBJECT (dialog), "note", form_entry (list, _("_Note"), m->note));
  adw_message_dialog_add_response (dialog, "save", _("_Save"));
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_edit_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Retire, return to scratch */

static void
on_release_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        CustodyMediaPage *self)
{
  CustodyMedium *m = custody_medium_detail_get_medium (self->detail);
  CustodyMediumStatus status = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "status"));
  g_autofree char *done = NULL;
  Write *w;

  if (!g_str_equal (response, "release") || m == NULL)
    return;

  w = g_new0 (Write, 1);
  w->volser = g_strdup (m->volser);
  w->medium = custody_medium_new ();
  w->medium->type = g_strdup (m->type);
  w->medium->pool = g_strdup (m->pool);
  w->medium->status = status;
  w->medium->retention_until = status == CUSTODY_MEDIUM_SCRATCH ? CUSTODY_TIME_NONE : m->retention_until;
  w->medium->capacity_bytes = m->capacity_bytes;
  w->medium->worm = m->worm;
  g_free (w->medium->note);
  w->medium->note = g_strdup (m->note);

  done = g_strdup_printf (status == CUSTODY_MEDIUM_RETIRED ? _("Volume %s retired")
                                                          : _("Volume %s is scratch again"),
                          m->volser);
  run_write (self, write_update, w, done, _("Not changed"));
}

static void
release_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CustodyMediaPage *self = CUSTODY_MEDIA_PAGE (widget);
  CustodyMedium *m = custody_medium_detail_get_medium (self->detail);
  gboolean retire = g_strcmp0 (g_variant_get_string (parameter, NULL), "retired") == 0;
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;

  if (m == NULL)
    return;

  heading = g_strdup_printf (retire ? _("Retire %s?") : _("Return %s to Scratch?"), m->volser);
  dialog = custody_message_dialog_new (widget, heading,
                                       retire ? _("It leaves service. The restore points on it stop counting for their jobs.")
                                              : _("It may be overwritten. The restore points on it stop counting for their jobs."));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"),
                                    "release", retire ? _("_Retire") : _("Return to _Scratch"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "release", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data (G_OBJECT (dialog), "status",
                     GINT_TO_POINTER (retire ? CUSTODY_MEDIUM_RETIRED : CUSTODY_MEDIUM_SCRATCH));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_release_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Move */

static void
on_move_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     CustodyMediaPage *self)
{
  CustodyMedium *m = custody_medium_detail_get_medium (self->detail);
  g_autofree char *done = NULL;
  Write *w;

  if (!g_str_equal (response, "move") || m == NULL)
    return;

  w = g_new0 (Write, 1);
  w->volser = g_strdup (m->volser);
  w->movement = custody_movement_new ();
  w->movement->to = g_strdup (combo_string (g_object_get_data (G_OBJECT (dialog), "to")));
  w->movement->courier = entry_text (g_object_get_data (G_OBJECT (dialog), "courier"));
  w->movement->container = entry_text (g_object_get_data (G_OBJECT (dialog), "container"));
  w->movement->seal = entry_text (g_object_get_data (G_OBJECT (dialog), "seal"));
  w->movement->note = entry_text (g_object_get_data (G_OBJECT (dialog), "note"));
  if (w->movement->to == NULL)
    {
      write_free (w);
      return;
    }

  done = g_strdup_printf (_("%s moved to %s"), w->volser, w->movement->to);
  run_write (self, write_move, w, done, _("Not moved"));
}

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CustodyMediaPage *self = CUSTODY_MEDIA_PAGE (widget);
  CustodyMedium *m = custody_medium_detail_get_medium (self->detail);
  g_auto(GStrv) locations = names_of (self->locations, FALSE, NULL, FALSE);
  g_autofree char *heading = NULL;
  GtkWidget *list;
  AdwMessageDialog *dialog;

  if (m == NULL || locations[0] == NULL)
    return;

  list = form_list ();
  heading = g_strdup_printf (_("Move %s"), m->volser);
  dialog = form_dialog (self, heading,
                        _("A move that leaves a job without its only offsite or offline copy is named before it happens."),
                        list);
  g_object_set_data (G_OBJECT (dialog), "to", form_combo (list, _("_To"), (const char * const *) locations, NULL));
  g_object_set_data (G_OBJECT (dialog), "courier", form_entry (list, _("C_ourier"), NULL));
  g_object_set_data (G_OBJECT (dialog), "container", form_entry (list, _("_Case"), m->container));
  g_object_set_data (G_OBJECT (dialog), "seal", form_entry (list, _("_Seal"), NULL));
  g_object_set_data (G_OBJECT (dialog), "note", form_entry (list, _("_Note"), NULL));
  adw_message_dialog_add_response (dialog, "move", _("_Move"));
  adw_message_dialog_set_response_appearance (dialog, "move", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "move");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_move_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Scan sessions */

static void
scan_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  const char *list = g_variant_get_string (parameter, NULL);
  CustodyDeskList expect;

  custody_media_page_open_scan (CUSTODY_MEDIA_PAGE (widget),
                                custody_desk_list_from_string (list, &expect) ? (int) expect : -1);
}

/* Labels */

static void
on_labels_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       CustodyMediaPage *self)
{
  g_autofree char *first = entry_text (g_object_get_data (G_OBJECT (dialog), "first"));
  g_autofree char *last = entry_text (g_object_get_data (G_OBJECT (dialog), "last"));
  guint layout = adw_combo_row_get_selected (g_object_get_data (G_OBJECT (dialog), "layout"));
  g_autoptr(CustodyLabels) labels = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) volsers = NULL;

  if (!g_str_equal (response, "print") && !g_str_equal (response, "save"))
    return;

  if (last[0] != '\0')
    volsers = custody_volser_range (first, last, CUSTODY_STORE_MAX_RANGE, &error);
  else
    {
      char *one = custody_volser_normalize (first, &error);

      if (one != NULL)
        {
          volsers = g_new0 (char *, 2);
          volsers[0] = one;
        }
    }
  if (volsers != NULL)
    labels = custody_labels_new ((const char * const *) volsers,
                                 layout < CUSTODY_N_LABEL_LAYOUTS ? layout : CUSTODY_LABELS_A4, &error);
  if (labels == NULL)
    {
      toast_error (self, _("No labels"), error);
      return;
    }

  if (g_str_equal (response, "print"))
    custody_print_printable (GTK_WIDGET (self), CUSTODY_PRINTABLE (labels));
  else
    custody_save_printable (CUSTODY_PAGE (self), CUSTODY_PRINTABLE (labels), _("labels.pdf"));
}

static void
print_labels_dialog (CustodyMediaPage *self,
                     const char       *first)
{
  GtkWidget *list = form_list ();
  const char *layouts[] = { N_("A4 sheets of 30"), N_("Letter sheets of 30"), N_("Label printer, one a page"), NULL };
  const char *translated[4] = { _(layouts[0]), _(layouts[1]), _(layouts[2]), NULL };
  AdwMessageDialog *dialog;

  dialog = form_dialog (self, _("Print Labels"),
                        _("LTO barcode labels for one volume or a range of labels, new tapes included."),
                        list);
  g_object_set_data (G_OBJECT (dialog), "first", form_entry (list, _("_First Label"), first));
  g_object_set_data (G_OBJECT (dialog), "last", form_entry (list, _("_Last Label (for a range)"), NULL));
  g_object_set_data (G_OBJECT (dialog), "layout", form_combo (list, _("_Layout"), translated, NULL));
  adw_message_dialog_add_responses (dialog, "save", _("_Save as PDF…"), "print", _("_Print…"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "print", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "print");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_labels_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
print_labels_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  print_labels_dialog (CUSTODY_MEDIA_PAGE (widget), NULL);
}

static void
print_label_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CustodyMediaPage *self = CUSTODY_MEDIA_PAGE (widget);
  CustodyMedium *m = custody_medium_detail_get_medium (self->detail);

  print_labels_dialog (self, m != NULL ? m->volser : NULL);
}

/* Hand-off sheets */

static void
on_handoff_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        CustodyMediaPage *self)
{
  CustodySession *session = custody_page_get_session (CUSTODY_PAGE (self));
  CustodyDesk *desk = session != NULL ? custody_session_get_desk (session) : NULL;
  CustodyDeskList list = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "list"));
  g_autoptr(CustodyHandoffSheet) sheet = NULL;
  g_autofree char *courier = entry_text (g_object_get_data (G_OBJECT (dialog), "courier"));
  g_autofree char *container = entry_text (g_object_get_data (G_OBJECT (dialog), "container"));
  g_autofree char *seal = entry_text (g_object_get_data (G_OBJECT (dialog), "seal"));

  if ((!g_str_equal (response, "print") && !g_str_equal (response, "save")) || desk == NULL)
    return;

  sheet = custody_handoff_sheet_new (list == CUSTODY_DESK_RECALL ? _("Courier Hand-off: Recall from the Vault")
                                                                 : _("Courier Hand-off: Send Off Site"),
                                     desk->day);
  custody_handoff_sheet_set_courier (sheet, courier, container, seal);
  for (guint i = 0; i < desk->lists[list]->len; i++)
    {
      CustodyDeskItem *item = g_ptr_array_index (desk->lists[list], i);
      custody_handoff_sheet_add_volume (sheet, item->volser, item->type, item->pool, item->location,
                                        item->reason);
    }

  if (g_str_equal (response, "print"))
    custody_print_printable (GTK_WIDGET (self), CUSTODY_PRINTABLE (sheet));
  else
    custody_save_printable (CUSTODY_PAGE (self), CUSTODY_PRINTABLE (sheet), _("hand-off.pdf"));
}

static void
handoff_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CustodyMediaPage *self = CUSTODY_MEDIA_PAGE (widget);
  CustodyDeskList list = CUSTODY_DESK_SEND_OFFSITE;
  GtkWidget *form = form_list ();
  AdwMessageDialog *dialog;

  custody_desk_list_from_string (g_variant_get_string (parameter, NULL), &list);
  dialog = form_dialog (self, list == CUSTODY_DESK_RECALL ? _("Hand-off Sheet: Recall")
                                                          : _("Hand-off Sheet: Send Off Site"),
                        _("Today’s list with lines for the operator’s and the courier’s signatures. What is left empty is written in by hand."),
                        form);
  g_object_set_data (G_OBJECT (dialog), "list", GINT_TO_POINTER (list));
  g_object_set_data (G_OBJECT (dialog), "courier", form_entry (form, _("C_ourier"), NULL));
  g_object_set_data (G_OBJECT (dialog), "container", form_entry (form, _("_Case"), NULL));
  g_object_set_data (G_OBJECT (dialog), "seal", form_entry (form, _("_Seal"), NULL));
  adw_message_dialog_add_responses (dialog, "save", _("_Save as PDF…"), "print", _("_Print…"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "print", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "print");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_handoff_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Reconciliation */

typedef struct
{
  char  *location;
  GStrv  scanned;
} ReconcileData;

static void
reconcile_data_free (gpointer data)
{
  ReconcileData *d = data;

  g_free (d->location);
  g_strfreev (d->scanned);
  g_free (d);
}

static gpointer
reconcile_worker (CustodyStore  *store,
                  gpointer       data,
                  GError       **error)
{
  ReconcileData *d = data;

  return custody_store_reconcile (store, d->location, (const char * const *) d->scanned, NULL, "scan",
                                  error);
}

static void
on_certificate_response_cb (AdwMessageDialog      *dialog,
                            const char            *response,
                            CustodyMediaPage      *self)
{
  CustodyReconciliation *r = g_object_get_data (G_OBJECT (dialog), "reconciliation");
  g_autoptr(CustodyReconciliationCertificate) certificate = custody_reconciliation_certificate_new (r);

  if (g_str_equal (response, "print"))
    custody_print_printable (GTK_WIDGET (self), CUSTODY_PRINTABLE (certificate));
  else if (g_str_equal (response, "save"))
    custody_save_printable (CUSTODY_PAGE (self), CUSTODY_PRINTABLE (certificate),
                            _("reconciliation.pdf"));
}

static void
reconcile_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(CustodyMediaPage) self = user_data;
  g_autoptr(CustodyReconciliation) r = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  r = custody_session_read_finish (CUSTODY_SESSION (source), result, &error);
  if (r == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast_error (self, _("Not reconciled"), error);
      return;
    }
  custody_session_reload (CUSTODY_SESSION (source));

  heading = g_strdup_printf (_("Reconciliation of %s"), r->location);
  /* Translators: "12 present, 1 missing, 2 surplus." */
  body = g_strdup_printf (_("%u present, %u missing, %u surplus. Missing volumes raise an alert until they are found."),
                          g_strv_length (r->present), g_strv_length (r->missing), g_strv_length (r->surplus));
  dialog = custody_message_dialog_new (GTK_WIDGET (self), heading, body);
  adw_message_dialog_add_responses (dialog, "close", _("_Close"), "save", _("_Save Certificate…"),
                                    "print", _("_Print Certificate…"), NULL);
  adw_message_dialog_set_default_response (dialog, "close");
  adw_message_dialog_set_close_response (dialog, "close");
  g_object_set_data_full (G_OBJECT (dialog), "reconciliation", g_steal_pointer (&r), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_certificate_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_reconcile_response_cb (AdwMessageDialog *dialog,
                          const char       *response,
                          CustodyMediaPage *self)
{
  GtkTextBuffer *buffer = g_object_get_data (G_OBJECT (dialog), "buffer");
  GtkTextIter start, end;
  g_autofree char *text = NULL;
  ReconcileData *d;

  if (!g_str_equal (response, "reconcile"))
    return;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  d = g_new0 (ReconcileData, 1);
  d->location = g_strdup (combo_string (g_object_get_data (G_OBJECT (dialog), "location")));
  d->scanned = g_strsplit (text, "\n", -1);
  if (d->location == NULL)
    {
      reconcile_data_free (d);
      return;
    }
  custody_session_read_async (custody_page_get_session (CUSTODY_PAGE (self)), reconcile_worker, d,
                              reconcile_data_free, g_object_unref,
                              custody_page_get_cancellable (CUSTODY_PAGE (self)), reconcile_cb,
                              g_object_ref (self));
}

static void
reconcile_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CustodyMediaPage *self = CUSTODY_MEDIA_PAGE (widget);
  g_auto(GStrv) locations = names_of (self->locations, FALSE, NULL, FALSE);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *list = form_list ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *view = gtk_text_view_new ();
  AdwMessageDialog *dialog;

  if (locations[0] == NULL)
    return;

  gtk_text_view_set_monospace (GTK_TEXT_VIEW (view), TRUE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 6);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Labels found, one a line"), -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 160);
  gtk_widget_add_css_class (scrolled, "card");
  gtk_box_append (GTK_BOX (box), list);
  gtk_box_append (GTK_BOX (box), scrolled);

  dialog = form_dialog (self, _("Reconcile a Location"),
                        _("Scan every volume physically there, one a line. What the records say should be there is compared: present, missing, surplus."),
                        box);
  g_object_set_data (G_OBJECT (dialog), "location",
                     form_combo (list, _("_Location"), (const char * const *) locations, NULL));
  g_object_set_data (G_OBJECT (dialog), "buffer", gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)));
  adw_message_dialog_add_response (dialog, "reconcile", _("_Reconcile"));
  adw_message_dialog_set_response_appearance (dialog, "reconcile", ADW_RESPONSE_SUGGESTED);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_reconcile_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (view);
}

/* Library inventory */

typedef struct
{
  GFile *file;
  char  *library;
} InventoryData;

static void
inventory_data_free (gpointer data)
{
  InventoryData *d = data;

  g_clear_object (&d->file);
  g_free (d->library);
  g_free (d);
}

static gpointer
import_inventory_worker (CustodyStore  *store,
                         gpointer       data,
                         GError       **error)
{
  InventoryData *d = data;
  g_autoptr(GFileInputStream) input = g_file_read (d->file, NULL, error);
  CustodyImportStats *stats;

  if (input == NULL)
    return NULL;
  stats = g_new0 (CustodyImportStats, 1);
  if (!custody_store_import_mtx (store, G_INPUT_STREAM (input), d->library, stats, NULL, NULL, error))
    g_clear_pointer (&stats, g_free);
  return stats;
}

static void
import_inventory_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(CustodyMediaPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree CustodyImportStats *stats = custody_session_read_finish (CUSTODY_SESSION (source), result,
                                                                      &error);
  g_autofree char *text = NULL;
  g_autofree char *added = NULL, *updated = NULL, *unchanged = NULL;

  if (stats == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast_error (self, _("Nothing was imported"), error);
      return;
    }
  custody_session_reload (CUSTODY_SESSION (source));
  added = g_strdup_printf ("%" G_GUINT64_FORMAT, stats->added);
  updated = g_strdup_printf ("%" G_GUINT64_FORMAT, stats->updated);
  unchanged = g_strdup_printf ("%" G_GUINT64_FORMAT, stats->unchanged);
  text = g_strdup_printf (_("Library inventory: %s added, %s updated, %s unchanged"), added, updated,
                          unchanged);
  custody_page_toast (CUSTODY_PAGE (self), adw_toast_new (text));
}

static void
on_inventory_file_cb (GtkNativeDialog  *chooser,
                      int               response,
                      CustodyMediaPage *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      InventoryData *d = g_new0 (InventoryData, 1);

      d->file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      d->library = g_strdup (g_object_get_data (G_OBJECT (chooser), "library"));
      custody_session_read_async (custody_page_get_session (CUSTODY_PAGE (self)), import_inventory_worker,
                                  d, inventory_data_free, g_free,
                                  custody_page_get_cancellable (CUSTODY_PAGE (self)), import_inventory_cb,
                                  g_object_ref (self));
    }
  g_object_unref (chooser);
}

static void
on_inventory_response_cb (AdwMessageDialog *dialog,
                          const char       *response,
                          CustodyMediaPage *self)
{
  GtkFileChooserNative *chooser;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (!g_str_equal (response, "choose"))
    return;

  chooser = gtk_file_chooser_native_new (_("Library Inventory (mtx status)"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), _("_Cancel"));
  g_object_set_data_full (G_OBJECT (chooser), "library",
                          g_strdup (combo_string (g_object_get_data (G_OBJECT (dialog), "library"))),
                          g_free);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_inventory_file_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
import_inventory_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  CustodyMediaPage *self = CUSTODY_MEDIA_PAGE (widget);
  g_auto(GStrv) libraries = names_of (self->locations, FALSE, NULL, TRUE);
  GtkWidget *list = form_list ();
  AdwMessageDialog *dialog;

  if (libraries[0] == NULL)
    {
      custody_page_toast (CUSTODY_PAGE (self),
                          adw_toast_new (_("Add a location of kind library first: an inventory describes one")));
      return;
    }

  dialog = form_dialog (self, _("Import Library Inventory"),
                        _("Save the output of “mtx -f /dev/sgN status” to a file. Every tagged cartridge in it is recorded as in the library, in its slot or drive; new labels are added."),
                        list);
  g_object_set_data (G_OBJECT (dialog), "library",
                     form_combo (list, _("_Library"), (const char * const *) libraries, NULL));
  adw_message_dialog_add_response (dialog, "choose", _("_Choose File…"));
  adw_message_dialog_set_response_appearance (dialog, "choose", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "choose");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_inventory_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Navigation */

static void
open_volume_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  custody_media_page_select_volume (CUSTODY_MEDIA_PAGE (widget), g_variant_get_string (parameter, NULL));
}

static void
on_view_changed_cb (CustodyMediaPage *self)
{
  const char *name = adw_view_stack_get_visible_child_name (self->view_stack);

  /* Search and filters are the inventory's. */
  if (g_strcmp0 (name, "today") == 0)
    gtk_toggle_button_set_active (self->search_button, FALSE);
  if (g_strcmp0 (name, "today") == 0 && self->today_stale)
    update_today (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->search_button), g_strcmp0 (name, "today") != 0);
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
                                               "/io/github/custody/Custody/ui/custody-media-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CustodyMediaPage, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, CustodyMediaPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, CustodyMediaPage, list_pane);
  gtk_widget_class_bind_template_child (widget_class, CustodyMediaPage, switcher_title);
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
  gtk_widget_class_bind_template_callback (widget_class, on_detail_back_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_leaflet_folded_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_stop_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_view_changed_cb);

  gtk_widget_class_install_action (widget_class, "media.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "media.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "media.move", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "media.release", "s", release_action);
  gtk_widget_class_install_action (widget_class, "media.scan", "s", scan_action);
  gtk_widget_class_install_action (widget_class, "media.print-labels", NULL, print_labels_action);
  gtk_widget_class_install_action (widget_class, "media.print-label", NULL, print_label_action);
  gtk_widget_class_install_action (widget_class, "media.handoff", "s", handoff_action);
  gtk_widget_class_install_action (widget_class, "media.reconcile", NULL, reconcile_action);
  gtk_widget_class_install_action (widget_class, "media.import-inventory", NULL, import_inventory_action);
  gtk_widget_class_install_action (widget_class, "media.open-volume", "s", open_volume_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "media.add", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "media.print-labels",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F8, 0, "media.scan", "s", "none");

  g_type_ensure (CUSTODY_TYPE_MEDIUM_DETAIL);
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

static GtkWidget *
desk_group_button (const char *icon,
                   const char *tooltip,
                   const char *action,
                   const char *target)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", target);
  return button;
}

static void
custody_media_page_init (CustodyMediaPage *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkStringList) statuses = gtk_string_list_new (NULL);
  static const char *descriptions[CUSTODY_N_DESK_LISTS] = {
    N_("Written and due at the vault: case them for the courier."),
    N_("Their retention ends soon: the courier brings them back for reuse."),
    N_("Retention ends within a week, or has ended: return them to scratch."),
    N_("Should have moved and have not."),
  };

  gtk_widget_init_template (GTK_WIDGET (self));
  custody_spin_while_mapped (self->loading_spinner);

  self->media = g_list_store_new (CUSTODY_TYPE_MEDIUM);
  self->desk_rows = g_ptr_array_new ();
  self->loaded_version = -1;

  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->filter_model = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->media)),
                                                  GTK_FILTER (self->filter));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (self->filter_model));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_swapped (self->selection, "notify::selected-item", G_CALLBACK (on_selection_changed_cb),
                            self);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

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

  gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self->list_view));
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));

  for (guint l = 0; l < CUSTODY_N_DESK_LISTS; l++)
    {
      GtkWidget *group = adw_preferences_group_new ();
      GtkWidget *suffix = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), custody_desk_list_get_label (l));
      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), _(descriptions[l]));
      if (l == CUSTODY_DESK_SEND_OFFSITE || l == CUSTODY_DESK_RECALL)
        {
          gtk_box_append (GTK_BOX (suffix), desk_group_button ("document-print-symbolic",
                                                               _("Hand-off Sheet…"), "media.handoff",
                                                               custody_desk_list_to_string (l)));
          gtk_box_append (GTK_BOX (suffix), desk_group_button ("scanner-symbolic", _("Scan These…"),
                                                               "media.scan",
                                                               custody_desk_list_to_string (l)));
          adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), suffix);
        }
      gtk_box_append (GTK_BOX (self->today_box), group);
      self->desk_groups[l] = ADW_PREFERENCES_GROUP (group);
    }

  on_leaflet_folded_cb (self);
  show_detail (self, NULL);
  update_list_state (self);
  update_today (self);
}

/*
 * Public API
 */

void
custody_media_page_show_today (CustodyMediaPage *self)
{
  g_return_if_fail (CUSTODY_IS_MEDIA_PAGE (self));

  adw_view_stack_set_visible_child_name (self->view_stack, "today");
  adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
}

void
custody_media_page_show_inventory (CustodyMediaPage *self)
{
  g_return_if_fail (CUSTODY_IS_MEDIA_PAGE (self));

  adw_view_stack_set_visible_child_name (self->view_stack, "inventory");
  adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
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
    adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->detail));
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
