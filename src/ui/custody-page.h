/* custody-page.h
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "custody-session.h"

G_BEGIN_DECLS

#define CUSTODY_TYPE_PAGE (custody_page_get_type ())
G_DECLARE_DERIVABLE_TYPE (CustodyPage, custody_page, CUSTODY, PAGE, AdwBin)

typedef void (*CustodyPageShowBackFunc) (gpointer detail,
                                         gboolean show_back);

/* One view of the window's sidebar. The window hands every page the
 * session and tells it whether the sidebar is folded away (then the page
 * shows a back button). */
struct _CustodyPageClass
{
  AdwBinClass parent_class;

  const char *help_section;   /* the help page F1 opens */

  void      (*session_changed) (CustodyPage *self);
  gboolean  (*search)          (CustodyPage *self);
};

CustodySession *custody_page_get_session       (CustodyPage    *self);
void            custody_page_set_session       (CustodyPage    *self,
                                                CustodySession *session);
gboolean        custody_page_get_folded        (CustodyPage    *self);
void            custody_page_set_folded        (CustodyPage    *self,
                                                gboolean        folded);
void            custody_page_toast_error       (CustodyPage    *self,
                                                const char     *what,
                                                const GError   *error);
void            custody_page_hide_when_folded  (CustodyPage    *self,
                                                GtkWidget      *widget);
GtkSingleSelection *custody_page_new_list_selection (GListModel *model,
                                                     GCallback   changed,
                                                     gpointer    data);
void            custody_page_add_list_click    (GtkListView    *list_view,
                                                GCallback       released,
                                                gpointer        data);
const char     *custody_page_get_help_section  (CustodyPage    *self);
gboolean        custody_page_search            (CustodyPage    *self);
void            custody_page_toast             (CustodyPage    *self,
                                                AdwToast       *toast);
GCancellable   *custody_page_get_cancellable   (CustodyPage    *self);
void            custody_page_set_list_detail   (CustodyPage             *self,
                                                AdwLeaflet              *leaflet,
                                                GtkWidget               *list_pane,
                                                GtkWidget               *detail,
                                                CustodyPageShowBackFunc  show_back);
void            custody_page_show_list         (CustodyPage    *self);
void            custody_page_show_detail       (CustodyPage    *self);
gboolean        custody_page_get_list_folded   (CustodyPage    *self);

G_END_DECLS
