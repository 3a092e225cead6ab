/* custody-jobs-page.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custody-jobs-page"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "custody-as-of-banner.h"
#include "custody-as-of-button.h"
#include "custody-job-row.h"
#include "custody-jobs-page-private.h"
#include "custody-time.h"
#include "custody-ui-utils.h"

G_DEFINE_FINAL_TYPE (CustodyJobsPage, custody_jobs_page, CUSTODY_TYPE_PAGE)

/* The filter and the sort are properties so that the menu's radio items
 * follow them (gtk_widget_class_install_property_action). */
enum { PROP_0, PROP_STATUS_FILTER, PROP_SORT_KEY, N_PROPS };
static GParamSpec *properties[N_PROPS];

static const char *
status_filter_key (CustodyJobsPage *self)
{
  return self->status_filter < 0 ? "all" : custody_status_to_string (self->status_filter);
}

/*
 * Filtering and sorting
 */

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  CustodyJobsPage *self = user_data;
  CustodyJobItem *job = item;

  if (custody_job_item_get_hidden (job))
    return FALSE;
  if (self->status_filter >= 0 && (int) custody_job_item_get_status (job) != self->status_filter)
    return FALSE;
  return custody_job_item_matches (job, self->needle);
}

static int
sort_func (gconstpointer a,
           gconstpointer b,
           gpointer      user_data)
{
  CustodyJobsPage *self = user_data;
  CustodyJob *ja = custody_job_item_get_job ((CustodyJobItem *) a);
  CustodyJob *jb = custody_job_item_get_job ((CustodyJobItem *) b);
  int cmp = 0;

  if (g_strcmp0 (self->sort_key, "status") == 0)
    /* Worst first. */
    cmp = (int) custody_job_item_get_status ((CustodyJobItem *) b) -
          (int) custody_job_item_get_status ((CustodyJobItem *) a);
  else if (g_strcmp0 (self->sort_key, "owner") == 0)
    cmp = g_utf8_collate (ja->owner, jb->owner);

  return cmp != 0 ? cmp : g_strcmp0 (ja->name, jb->name);
}

/* A store without jobs has one empty state, the list's, over the whole
 * page: not "No Job Selected" beside "No Jobs Yet". */
static void
set_store_empty (CustodyJobsPage *self,
                 gboolean         empty)
{
  gtk_widget_set_visible (self->separator, !empty);
  gtk_widget_set_visible (GTK_WIDGET (self->detail), !empty);
  gtk_widget_set_hexpand (self->list_pane, empty);
}

static void
update_list_state (CustodyJobsPage *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
  CustodySession *session = custody_page_get_session (CUSTODY_PAGE (self));
  GListModel *jobs = session != NULL ? custody_jobs_page_get_jobs (self) : NULL;
  guint total = jobs != NULL ? g_list_model_get_n_items (jobs) : 0;
  gboolean loaded = session != NULL && custody_session_get_loaded (session);
  g_autofree char *subtitle = NULL;

  set_store_empty (self, loaded && total == 0 && !custody_session_get_past_loading (session));
  if (!loaded || (total == 0 && custody_session_get_past_loading (session)))
    gtk_stack_set_visible_child_name (self->list_stack, "loading");
  else if (total == 0)
    gtk_stack_set_visible_child_name (self->list_stack, "empty");
  else if (shown == 0)
    gtk_stack_set_visible_child_name (self->list_stack, "no-results");
  else
    gtk_stack_set_visible_child_name (self->list_stack, "list");

  if (shown != total)
    subtitle = g_strdup_printf (_("%u of %u"), shown, total);
  adw_window_title_set_subtitle (self->list_title, subtitle);
}

static void
refilter_with (CustodyJobsPage  *self,
               GtkFilterChange   change)
{
  gtk_filter_changed (GTK_FILTER (self->filter), change);
  update_list_state (self);
}

void
custody_jobs_page_refilter (CustodyJobsPage *self)
{
  refilter_with (self, GTK_FILTER_CHANGE_DIFFERENT);
}

/* Whether the page shows a moment in the past (the session's as-of). */
gboolean
custody_jobs_page_get_past (CustodyJobsPage *self)
{
  CustodySession *session = custody_page_get_session (CUSTODY_PAGE (self));

  return session != NULL && custody_session_get_as_of (session) != CUSTODY_TIME_NONE;
}

/* Returns: (transfer none) (nullable): the jobs shown, now's or the past's */
GListModel *
custody_jobs_page_get_jobs (CustodyJobsPage *self)
{
  CustodySession *session = custody_page_get_session (CUSTODY_PAGE (self));

  if (session == NULL)
    return NULL;
  return custody_jobs_page_get_past (self) ? custody_session_get_past_jobs (session)
                                           : custody_session_get_jobs (session);
}
/*
 * Selection
 */

void
custody_jobs_page_set_detail (CustodyJobsPage *self,
                              CustodyJobItem  *item)
{
  custody_job_detail_set_item (self->detail, item);
  custody_jobs_page_update_actions (self);
}

gboolean
custody_jobs_page_select_by_name (CustodyJobsPage *self,
                                  const char      *name)
{
  GListModel *model = G_LIST_MODEL (self->filter_model);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CustodyJobItem) item = g_list_model_get_item (model, i);

      if (g_str_equal (custody_job_item_get_name (item), name))
        {
          gtk_single_selection_set_selected (self->selection, i);
          custody_jobs_page_set_detail (self, item);
          gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", i);
          return TRUE;
        }
    }
  return FALSE;
}

static void
show_detail (CustodyJobsPage *self,
             CustodyJobItem  *item)
{
  custody_jobs_page_set_detail (self, item);
  custody_page_show_detail (CUSTODY_PAGE (self));
}

static void
on_list_activate_cb (CustodyJobsPage *self,
                     guint            position)
{
  g_autoptr(CustodyJobItem) item = g_list_model_get_item (G_LIST_MODEL (self->filter_model),
                                                          position);

  if (item == NULL)
    return;
  gtk_single_selection_set_selected (self->selection, position);
  show_detail (self, item);
}

/* One click opens the job under the pointer. Not the list's own
 * single-click activation: with it, the list selects the row under the
 * pointer as it passes, so the highlight, and with the keyboard in the
 * list the job shown, followed the pointer. Seen before the row's own
 * handling (capture), which then selects the same row. */
static void
on_list_released_cb (CustodyJobsPage *self,
                     int              n_press,
                     double           x,
                     double           y)
{
  GtkWidget *picked = gtk_widget_pick (GTK_WIDGET (self->list_view), x, y, GTK_PICK_DEFAULT);
  GtkWidget *row = picked != NULL ? gtk_widget_get_ancestor (picked, CUSTODY_TYPE_JOB_ROW) : NULL;
  CustodyJobItem *item = row != NULL ? custody_job_row_get_item (CUSTODY_JOB_ROW (row)) : NULL;

  if (n_press == 1 && item != NULL &&
      custody_jobs_page_select_by_name (self, custody_job_item_get_name (item)))
    custody_page_show_detail (CUSTODY_PAGE (self));
}

static void
on_selection_changed_cb (CustodyJobsPage *self)
{
  CustodyJobItem *item = gtk_single_selection_get_selected_item (self->selection);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  /* Keyboard moves in the list show the job beside it; folded, the
   * detail opens only on a click or Enter. Only a selection made while the
   * list has the keyboard counts: one made by the program (a job opened
   * from Compliance) has shown its job already. */
  if (item != NULL && !custody_page_get_list_folded (CUSTODY_PAGE (self))
      && focus != NULL && self->list_view != NULL
      && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->list_view)))
    custody_jobs_page_set_detail (self, item);
}

/*
 * Search
 */

static void
on_search_changed_cb (CustodyJobsPage *self)
{
  g_autofree char *old = g_steal_pointer (&self->needle);
  GtkFilterChange change = GTK_FILTER_CHANGE_DIFFERENT;

  self->needle = g_utf8_casefold (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), -1);
  if (g_strcmp0 (old != NULL ? old : "", self->needle) == 0)
    return;

  /* A longer needle only drops jobs, a shorter one only brings some back:
   * the filter then looks at the jobs shown, or the ones hidden, only. */
  if (strstr (self->needle, old != NULL ? old : "") != NULL)
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (old != NULL && strstr (old, self->needle) != NULL)
    change = GTK_FILTER_CHANGE_LESS_STRICT;
  refilter_with (self, change);
}

static void
on_search_activate_cb (CustodyJobsPage *self)
{
  /* Enter opens the first match. */
  g_autoptr(CustodyJobItem) item = g_list_model_get_item (G_LIST_MODEL (self->filter_model), 0);

  if (item != NULL)
    {
      gtk_single_selection_set_selected (self->selection, 0);
      show_detail (self, item);
    }
}

static void
on_search_stop_cb (CustodyJobsPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_toggle_button_set_active (self->search_button, FALSE);
}

static gboolean
custody_jobs_page_search (CustodyPage *page)
{
  CustodyJobsPage *self = CUSTODY_JOBS_PAGE (page);

  custody_page_show_list (CUSTODY_PAGE (self));
  gtk_toggle_button_set_active (self->search_button, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  return TRUE;
}

/*
 * Session
 */

static void
on_jobs_changed_cb (CustodyJobsPage *self)
{
  update_list_state (self);
}

static void
on_session_reloaded_cb (CustodyJobsPage *self)
{
  CustodyJobItem *item = custody_job_detail_get_item (self->detail);

  if (self->pending_select != NULL)
    {
      g_autofree char *name = g_steal_pointer (&self->pending_select);
      if (custody_jobs_page_select_by_name (self, name))
        return;
    }

  /* Keep the shown job selected across reloads that moved it. */
  if (item != NULL)
    {
      if (!custody_job_item_get_hidden (item))
        custody_jobs_page_select_by_name (self, custody_job_item_get_name (item));
    }
  update_list_state (self);
}

/* The jobs of the moment are in: the shown job again, if it existed. */
static void
on_session_past_changed_cb (CustodyJobsPage *self)
{
  on_session_reloaded_cb (self);
  update_list_state (self);
}

/* At a moment in the past the list shows the jobs of then, with their
 * verdicts of then; the shown job stays shown if it existed. */
static void
on_session_as_of_cb (CustodyJobsPage *self)
{
  CustodySession *session = custody_page_get_session (CUSTODY_PAGE (self));
  CustodyJobItem *item = custody_job_detail_get_item (self->detail);

  if (item != NULL && self->pending_select == NULL)
    self->pending_select = g_strdup (custody_job_item_get_name (item));
  gtk_sort_list_model_set_model (self->sort_model, custody_jobs_page_get_jobs (self));
  custody_jobs_page_update_actions (self);
  if (!custody_session_get_past_loading (session))
    on_session_past_changed_cb (self);
  else
    update_list_state (self);
}

static void
custody_jobs_page_session_changed (CustodyPage *page)
{
  CustodyJobsPage *self = CUSTODY_JOBS_PAGE (page);
  CustodySession *session = custody_page_get_session (page);

  custody_job_detail_set_session (self->detail, session);
  gtk_sort_list_model_set_model (self->sort_model,
                                 session != NULL ? custody_jobs_page_get_jobs (self) : NULL);
  if (session != NULL)
    {
      g_signal_connect_object (session, "reloaded", G_CALLBACK (on_session_reloaded_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (custody_session_get_jobs (session), "items-changed",
                               G_CALLBACK (on_jobs_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "notify::as-of", G_CALLBACK (on_session_as_of_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "past-changed", G_CALLBACK (on_session_past_changed_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (custody_session_get_past_jobs (session), "items-changed",
                               G_CALLBACK (on_jobs_changed_cb), self, G_CONNECT_SWAPPED);
    }
  custody_jobs_page_update_actions (self);
  update_list_state (self);
}

/*
 * GObject
 */

static void
custody_jobs_page_dispose (GObject *object)
{
  CustodyJobsPage *self = (CustodyJobsPage *) object;

  /* A deletion waiting for its toast goes through: the user let it. */
  if (self->undo_toast != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->undo_toast, self);
      self->undo_toast = NULL;
    }
  custody_jobs_page_commit_delete (self);
  custody_jobs_page_close_editors (self);

  /* The template made the bin's child: the bin lets go of it first. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CUSTODY_TYPE_JOBS_PAGE);
  /* The session and its job list can outlive the page (a reload still
   * running when the window closes): nothing of theirs calls back into it. */
  if (custody_page_get_session (CUSTODY_PAGE (self)) != NULL)
    {
      CustodySession *session = custody_page_get_session (CUSTODY_PAGE (self));

      g_signal_handlers_disconnect_by_data (session, self);
      g_signal_handlers_disconnect_by_data (custody_session_get_jobs (session), self);
      g_signal_handlers_disconnect_by_data (custody_session_get_past_jobs (session), self);
    }
  /* The selection owns the filter and sort models, the sort model reads
   * the session's jobs: detach it first, then let the chain go. */
  if (self->sort_model != NULL)
    gtk_sort_list_model_set_model (self->sort_model, NULL);
  g_clear_object (&self->selection);
  self->sort_model = NULL;
  self->filter_model = NULL;
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (custody_jobs_page_parent_class)->dispose (object);
}

static void
custody_jobs_page_finalize (GObject *object)
{
  CustodyJobsPage *self = (CustodyJobsPage *) object;

  g_free (self->needle);
  g_free (self->sort_key);
  g_free (self->pending_select);
  g_ptr_array_unref (self->editors);

  G_OBJECT_CLASS (custody_jobs_page_parent_class)->finalize (object);
}

static void
custody_jobs_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  CustodyJobsPage *self = CUSTODY_JOBS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STATUS_FILTER:
      g_value_set_string (value, status_filter_key (self));
      break;
    case PROP_SORT_KEY:
      g_value_set_string (value, self->sort_key);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
custody_jobs_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  CustodyJobsPage *self = CUSTODY_JOBS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STATUS_FILTER:
      custody_jobs_page_set_status_filter (self, g_value_get_string (value));
      break;
    case PROP_SORT_KEY:
      if (g_strcmp0 (self->sort_key, g_value_get_string (value)) != 0)
        {
          g_free (self->sort_key);
          self->sort_key = g_value_dup_string (value);
          gtk_sorter_changed (GTK_SORTER (self->sorter), GTK_SORTER_CHANGE_DIFFERENT);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
custody_jobs_page_class_init (CustodyJobsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  CustodyPageClass *page_class = CUSTODY_PAGE_CLASS (klass);

  object_class->dispose = custody_jobs_page_dispose;
  object_class->finalize = custody_jobs_page_finalize;
  object_class->get_property = custody_jobs_page_get_property;
  object_class->set_property = custody_jobs_page_set_property;
  page_class->help_section = "jobs";

  properties[PROP_STATUS_FILTER] =
    g_param_spec_string ("status-filter", NULL, NULL, "all",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SORT_KEY] =
    g_param_spec_string ("sort-key", NULL, NULL, "name",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  page_class->session_changed = custody_jobs_page_session_changed;
  page_class->search = custody_jobs_page_search;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/custody/Custody/ui/"
                                               "custody-jobs-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CustodyJobsPage, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, CustodyJobsPage, as_of_button);
  gtk_widget_class_bind_template_child (widget_class, CustodyJobsPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, CustodyJobsPage, list_pane);
  gtk_widget_class_bind_template_child (widget_class, CustodyJobsPage, list_title);
  gtk_widget_class_bind_template_child (widget_class, CustodyJobsPage, search_button);
  gtk_widget_class_bind_template_child (widget_class, CustodyJobsPage, search_bar);
  gtk_widget_class_bind_template_child (widget_class, CustodyJobsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CustodyJobsPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, CustodyJobsPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, CustodyJobsPage, separator);
  gtk_widget_class_bind_template_child (widget_class, CustodyJobsPage, detail);
  gtk_widget_class_bind_template_callback (widget_class, on_list_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_stop_cb);

  custody_jobs_page_class_add_actions (klass);
  gtk_widget_class_install_property_action (widget_class, "jobs.status", "status-filter");
  gtk_widget_class_install_property_action (widget_class, "jobs.sort", "sort-key");


  g_type_ensure (CUSTODY_TYPE_JOB_DETAIL);
  g_type_ensure (CUSTODY_TYPE_AS_OF_BANNER);
  g_type_ensure (CUSTODY_TYPE_AS_OF_BUTTON);
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  gtk_list_item_set_child (list_item, custody_job_row_new ());
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             gpointer                  user_data)
{
  custody_job_row_set_item (CUSTODY_JOB_ROW (gtk_list_item_get_child (list_item)),
                            gtk_list_item_get_item (list_item));
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  custody_job_row_set_item (CUSTODY_JOB_ROW (gtk_list_item_get_child (list_item)), NULL);
}

static void
custody_jobs_page_init (CustodyJobsPage *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  custody_spin_while_mapped (self->loading_spinner);
  /* Narrow, the list's header has no room for the clock: Compliance sets the
   * moment, and this page's banner returns to now. */
  custody_page_hide_when_folded (CUSTODY_PAGE (self), self->as_of_button);

  self->status_filter = -1;
  self->editors = g_ptr_array_new ();
  self->sort_key = g_strdup ("name");

  /* Sorted first, then filtered: a keystroke in the search filters the
   * sorted jobs again (linear) instead of sorting the matches again. The
   * selection owns the chain; the fields below it are borrowed. */
  self->sorter = gtk_custom_sorter_new (sort_func, self, NULL);
  self->sort_model = gtk_sort_list_model_new (NULL, GTK_SORTER (self->sorter));
  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->filter_model = gtk_filter_list_model_new (G_LIST_MODEL (self->sort_model),
                                                  GTK_FILTER (self->filter));
  self->selection = custody_page_new_list_selection (G_LIST_MODEL (self->filter_model),
                                                     G_CALLBACK (on_selection_changed_cb), self);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  custody_page_add_list_click (self->list_view, G_CALLBACK (on_list_released_cb), self);

  gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self));
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));

  custody_page_set_list_detail (CUSTODY_PAGE (self), self->leaflet, self->list_pane,
                                GTK_WIDGET (self->detail),
                                (CustodyPageShowBackFunc) custody_job_detail_set_show_back);
  custody_jobs_page_update_actions (self);
  update_list_state (self);
}

/*
 * Public API
 */

/* Shows a job's detail; if the list is not read yet, once it is. */
void
custody_jobs_page_select_job (CustodyJobsPage *self,
                              const char      *name)
{
  g_return_if_fail (CUSTODY_IS_JOBS_PAGE (self));
  g_return_if_fail (name != NULL);

  if (self->status_filter >= 0 || (self->needle != NULL && self->needle[0] != '\0'))
    {
      /* It may be filtered out: show everything. */
      custody_jobs_page_set_status_filter (self, "all");
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      on_search_changed_cb (self);
    }

  if (custody_jobs_page_select_by_name (self, name))
    custody_page_show_detail (CUSTODY_PAGE (self));
  else
    {
      g_free (self->pending_select);
      self->pending_select = g_strdup (name);
    }
}

/* @status: "all", "violation", "at-risk" or "compliant" */
void
custody_jobs_page_set_status_filter (CustodyJobsPage *self,
                                     const char      *status)
{
  int old;

  g_return_if_fail (CUSTODY_IS_JOBS_PAGE (self));

  old = self->status_filter;
  if (g_strcmp0 (status, "violation") == 0)
    self->status_filter = CUSTODY_STATUS_VIOLATION;
  else if (g_strcmp0 (status, "at-risk") == 0)
    self->status_filter = CUSTODY_STATUS_AT_RISK;
  else if (g_strcmp0 (status, "compliant") == 0)
    self->status_filter = CUSTODY_STATUS_COMPLIANT;
  else
    self->status_filter = -1;

  custody_jobs_page_refilter (self);
  custody_page_show_list (CUSTODY_PAGE (self));
  if (old != self->status_filter)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS_FILTER]);
}

void
custody_jobs_page_set_search_text (CustodyJobsPage *self,
                                   const char      *text)
{
  GtkEditable *entry;
  const char *current;
  gsize current_len;

  g_return_if_fail (CUSTODY_IS_JOBS_PAGE (self));

  if (text == NULL)
    text = "";

  /* First: closing the search bar empties the entry. */
  gtk_toggle_button_set_active (self->search_button, text[0] != '\0');

  entry = GTK_EDITABLE (self->search_entry);
  current = gtk_editable_get_text (entry);
  current_len = strlen (current);

  /* Edited as typing would, at the end: replacing the whole text would
   * empty the entry first, and an empty search entry reports at once. */
  if (g_str_has_prefix (text, current))
    {
      int position = (int) g_utf8_strlen (current, -1);
      gtk_editable_insert_text (entry, text + current_len, -1, &position);
    }
  else if (g_str_has_prefix (current, text))
    gtk_editable_delete_text (entry, (int) g_utf8_strlen (text, -1), -1);
  else
    gtk_editable_set_text (entry, text);

  /* search-changed is delayed for typing; a programmatic search applies now. */
  on_search_changed_cb (self);
}

void
custody_jobs_page_add_job (CustodyJobsPage *self)
{
  g_return_if_fail (CUSTODY_IS_JOBS_PAGE (self));

  custody_jobs_page_open_job_editor (self, NULL);
}

guint
custody_jobs_page_get_n_shown (CustodyJobsPage *self)
{
  g_return_val_if_fail (CUSTODY_IS_JOBS_PAGE (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
}
