/* custody-media-page-private.h
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "custody-desk.h"
#include "custody-media-page.h"
#include "custody-medium-detail.h"

G_BEGIN_DECLS

/* The tape desk: the inventory of every volume, searchable and filtered
 * by location, pool and status, beside the detail of one; and Today, the
 * day's lists (send off site, recall, expiring, overdue) with the scan
 * sessions and hand-off sheets that work them off. The inventory is read
 * in a worker when the page is shown, and again only when the store
 * changed. */
struct _CustodyMediaPage
{
  CustodyPage          parent_instance;

  GtkWidget           *as_of_button;

  GtkSpinner          *loading_spinner;
  AdwLeaflet          *leaflet;
  GtkWidget           *list_pane;
  AdwViewSwitcherTitle *switcher_title;
  GtkWidget           *add_button;
  GtkMenuButton       *desk_button;
  GMenuModel          *add_menu;
  GMenuModel          *desk_menu;
  GMenu               *narrow_menu;    /* add_menu and desk_menu, in one */
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

void custody_media_page_class_add_actions (CustodyMediaPageClass *klass);
void custody_media_page_init_today        (CustodyMediaPage      *self);
void custody_media_page_update_today      (CustodyMediaPage      *self);
gboolean     custody_media_page_get_past  (CustodyMediaPage      *self);
CustodyDesk *custody_media_page_get_desk  (CustodyMediaPage      *self);

G_END_DECLS
