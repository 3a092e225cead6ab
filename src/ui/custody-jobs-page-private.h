/* custody-jobs-page-private.h
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "custody-job-detail.h"
#include "custody-job-item.h"
#include "custody-jobs-page.h"

G_BEGIN_DECLS

/* The jobs: a searchable, sortable list beside the detail of the selected
 * one, with the actions that change them. Deleting applies at once in the
 * list and reaches the store only when its Undo toast goes away. */
struct _CustodyJobsPage
{
  CustodyPage          parent_instance;

  GtkSpinner          *loading_spinner;
  AdwLeaflet          *leaflet;
  GtkWidget           *list_pane;
  AdwWindowTitle      *list_title;
  GtkToggleButton     *search_button;
  GtkWidget           *as_of_button;
  GtkSearchBar        *search_bar;
  GtkSearchEntry      *search_entry;
  GtkStack            *list_stack;
  GtkListView         *list_view;
  GtkWidget           *separator;
  CustodyJobDetail    *detail;

  GtkCustomFilter     *filter;
  GtkFilterListModel  *filter_model;
  GtkCustomSorter     *sorter;
  GtkSortListModel    *sort_model;
  GtkSingleSelection  *selection;
  GSettings           *settings;

  char                *needle;        /* case-folded search text */
  int                  status_filter; /* a CustodyStatus, or -1 for all */
  char                *sort_key;
  char                *pending_select;

  CustodyJobItem      *pending_delete;
  AdwToast            *undo_toast;
  GPtrArray           *editors;       /* GtkWindow, open editors (borrowed) */
};

void     custody_jobs_page_class_add_actions (CustodyJobsPageClass *klass);
void     custody_jobs_page_update_actions    (CustodyJobsPage      *self);
void     custody_jobs_page_open_job_editor   (CustodyJobsPage      *self,
                                              CustodyJob           *job);
void     custody_jobs_page_commit_delete     (CustodyJobsPage      *self);
void     custody_jobs_page_close_editors     (CustodyJobsPage      *self);

void     custody_jobs_page_set_detail        (CustodyJobsPage      *self,
                                              CustodyJobItem       *item);
gboolean custody_jobs_page_select_by_name    (CustodyJobsPage      *self,
                                              const char           *name);
void     custody_jobs_page_refilter          (CustodyJobsPage      *self);
GListModel *custody_jobs_page_get_jobs       (CustodyJobsPage      *self);
gboolean custody_jobs_page_get_past          (CustodyJobsPage      *self);

G_END_DECLS
