/* custody-alerts-page.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custody-alerts-page"

#include "config.h"

#include <glib/gi18n.h>

#include "custody-alert-row.h"
#include "custody-alerts-page.h"
#include "custody-time.h"

/* The alerts the engine raised, the gravest first and the newest first
 * within a severity (the store's order): one per cause, kept in the
 * store. The list can be narrowed to one severity and widened to resolved
 * alerts (read from the store on demand). In selection mode, alerts are
 * picked with check buttons and acknowledged together; each row also has
 * its own Acknowledge button. Acknowledging asks for an optional note;
 * who acknowledged, when and why are recorded in the store, and the toast
 * that says so can undo it. Activating an alert opens its job. */

struct _CustodyAlertsPage
{
  CustodyPage          parent_instance;

  /* Template */
  AdwWindowTitle      *window_title;
  GtkDropDown         *severity_dropdown;
  GtkStack            *stack;
  GtkListView         *list_view;
  AdwStatusPage       *status_page;
  GtkWidget           *show_all_button;
  GtkButton           *select_button;

  CustodySession      *session;          /* the session whose signals we follow */
  gulong               reloaded_id;
  GListStore          *resolved;         /* every alert, when show-resolved is on */
  GtkCustomFilter     *filter;
  GtkFilterListModel  *filtered;
  GtkMultiSelection   *selection;
  GHashTable          *selected_ids;     /* gint64 ids: selections survive reloads */
  guint                resolved_generation;
  int                  severity_filter;  /* -1: all */
  guint                selection_mode : 1;
  guint                show_resolved : 1;
  guint                resolved_loaded : 1;
  guint                restoring : 1;
  guint                busy : 1;
};

G_DEFINE_FINAL_TYPE (CustodyAlertsPage, custody_alerts_page, CUSTODY_TYPE_PAGE)

enum { PROP_0, PROP_SEVERITY_FILTER, PROP_SELECTION_MODE, PROP_SHOW_RESOLVED, N_PROPS };
static GParamSpec *properties[N_PROPS];

/* The dropdown's entries, in order. */
static const int dropdown_severities[] = {
  -1, CUSTODY_SEVERITY_CRITICAL, CUSTODY_SEVERITY_WARNING, CUSTODY_SEVERITY_INFO,
};

#define SELECT_ALL "alerts.select-all"

static void update_state (CustodyAlertsPage *self);

/*
 * Helpers
 */

/* Who acknowledges: the real name, or the login when there is none. */
static char *
dup_acknowledger (void)
{
  const char *real_name = g_get_real_name ();

  /* GLib says "Unknown" when the password database has no name. */
  if (real_name == NULL || real_name[0] == '\0' || g_str_equal (real_name, "Unknown"))
    return g_strdup (g_get_user_name ());
  return g_strdup (real_name);
}

static guint
count_selected (CustodyAlertsPage *self)
{
  GtkSelectionModel *model = GTK_SELECTION_MODEL (self->selection);
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (model);

  return (guint) gtk_bitset_get_size (selected);
}

static void
unselect_all_quietly (CustodyAlertsPage *self)
{
  self->restoring = TRUE;
  gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
  self->restoring = FALSE;
}

/* The alerts, only while the page is on screen: a hidden list would pay
 * for every reload of thousands of them for nothing. */
static GListModel *
source_model (CustodyAlertsPage *self)
{
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    return NULL;
  if (self->show_resolved && self->resolved_loaded)
    return G_LIST_MODEL (self->resolved);
  if (self->session != NULL)
    return custody_session_get_alerts (self->session);
  return NULL;
}

static void
update_source (CustodyAlertsPage *self)
{
  GListModel *model = source_model (self);

  if (gtk_filter_list_model_get_model (self->filtered) != model)
    gtk_filter_list_model_set_model (self->filtered, model);
  update_state (self);
}

/* The empty states, the title and which actions make sense now. */
static void
update_state (CustodyAlertsPage *self)
{
  GListModel *source = gtk_filter_list_model_get_model (self->filtered);
  guint n_source = source != NULL ? g_list_model_get_n_items (source) : 0;
  guint n_visible = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  guint n_selected = count_selected (self);
  gboolean all_selected;

  if (n_visible > 0)
    gtk_stack_set_visible_child_name (self->stack, "list");
  else
    {
      if (n_source == 0)
        {
          adw_status_page_set_icon_name (self->status_page, "emblem-ok-symbolic");
          adw_status_page_set_title (self->status_page, _("No Alerts"));
          adw_status_page_set_description (self->status_page,
                                           _("Everything the engine checks is fine"));
        }
      else
        {
          adw_status_page_set_icon_name (self->status_page, "edit-find-symbolic");
          adw_status_page_set_title (self->status_page, _("No Matching Alerts"));
          adw_status_page_set_description (self->status_page,
                                           _("No alert has this severity"));
        }
      gtk_widget_set_visible (self->show_all_button, n_source > 0);
      gtk_stack_set_visible_child_name (self->stack, "empty");
    }

  if (self->selection_mode)
    {
      g_autofree char *text = NULL;

      if (n_selected == 0)
        text = g_strdup (_("Select Alerts"));
      else
        text = g_strdup_printf (ngettext ("%u Selected", "%u Selected", n_selected), n_selected);
      adw_window_title_set_subtitle (self->window_title, text);
    }
  else
    adw_window_title_set_subtitle (self->window_title, NULL);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "alerts.acknowledge",
                                 !self->busy && n_selected > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "alerts.acknowledge-one", !self->busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "alerts.select-all", n_visible > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "alerts.select-none", n_selected > 0);

  /* One button, not two side by side, so that the bar fits a phone's
   * width beside Acknowledge: Select All, and Select None once every
   * alert shown is selected. */
  all_selected = n_visible > 0 && n_selected == n_visible;
  gtk_button_set_label (self->select_button, all_selected ? _("Select _None")
                                                          : _("Select A_ll"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->select_button),
                                  all_selected ? "alerts.select-none" : "alerts.select-all");
}

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  CustodyAlertsPage *self = user_data;
  CustodyAlert *alert = item;

  return self->severity_filter < 0 || (int) alert->severity == self->severity_filter;
}

/*
 * Reading resolved alerts
 */

typedef struct
{
  CustodyAlertsPage *self;
  guint              generation;
} ResolvedRead;

static gpointer
list_all_alerts_read (CustodyStore  *store,
                      gpointer       data,
                      GError       **error)
{
  return custody_store_list_alerts (store, TRUE, error);
}

static void
list_all_alerts_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  ResolvedRead *read = user_data;
  g_autoptr(CustodyAlertsPage) self = read->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) alerts = NULL;
  guint generation = read->generation;

  g_free (read);
  alerts = custody_session_read_finish (CUSTODY_SESSION (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  /* A newer read is on its way, or resolved alerts are no longer shown. */
  if (generation != self->resolved_generation || !self->show_resolved)
    return;

  if (alerts == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Cannot read resolved alerts: %s"),
                                               error->message);
      custody_page_toast (CUSTODY_PAGE (self), adw_toast_new (text));
      return;
    }

  g_list_store_splice (self->resolved, 0, g_list_model_get_n_items (G_LIST_MODEL (self->resolved)),
                       alerts->pdata, alerts->len);
  self->resolved_loaded = TRUE;
  update_source (self);
}

static void
reload_resolved (CustodyAlertsPage *self)
{
  ResolvedRead *read;

  if (self->session == NULL || !self->show_resolved)
    return;

  read = g_new0 (ResolvedRead, 1);
  read->self = g_object_ref (self);
  read->generation = ++self->resolved_generation;
  custody_session_read_async (self->session, list_all_alerts_read, NULL, NULL,
                              (GDestroyNotify) g_ptr_array_unref,
                              custody_page_get_cancellable (CUSTODY_PAGE (self)),
                              list_all_alerts_cb, read);
}

/*
 * Acknowledging
 */

typedef struct
{
  GArray *ids;     /* gint64 */
  char   *by;
  char   *note;    /* NULL: none */
  GArray *newly;   /* gint64: set by the worker, what this acknowledged */
  int     count;   /* set by the worker: how many were newly acknowledged */
  guint   undo : 1;  /* take the acknowledgement of @ids back instead */
} AckData;

static void
ack_data_clear (gpointer data)
{
  AckData *ack = data;

  g_clear_pointer (&ack->ids, g_array_unref);
  g_clear_pointer (&ack->by, g_free);
  g_clear_pointer (&ack->note, g_free);
  g_clear_pointer (&ack->newly, g_array_unref);
}

static void
ack_data_release (gpointer data)
{
  g_atomic_rc_box_release_full (data, ack_data_clear);
}

typedef struct
{
  CustodyAlertsPage *self;
  AckData           *ack;
} AckClosure;

static gboolean
acknowledge_write (CustodyStore  *store,
                   gpointer       data,
                   GError       **error)
{
  AckData *ack = data;
  int count;

  if (ack->undo)
    count = custody_store_unacknowledge_alerts (store, ack->ids, error);
  else
    count = custody_store_acknowledge_alerts (store, ack->ids, ack->by, ack->note, ack->newly,
                                              error);

  if (count < 0)
    return FALSE;
  ack->count = count;
  return TRUE;
}

static void write_acknowledgement (CustodyAlertsPage *self,
                                   GArray            *ids,
                                   const char        *note,
                                   gboolean           undo);

static void
on_undo_clicked_cb (CustodyAlertsPage *self,
                    AdwToast          *toast)
{
  GArray *ids = g_object_get_data (G_OBJECT (toast), "acknowledged");

  if (ids != NULL)
    write_acknowledgement (self, ids, NULL, TRUE);
}

static void
acknowledge_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  AckClosure *closure = user_data;
  g_autoptr(CustodyAlertsPage) self = closure->self;
  g_autoptr(GError) error = NULL;
  AckData *ack = closure->ack;
  g_autofree char *text = NULL;

  g_free (closure);

  if (!custody_session_write_finish (CUSTODY_SESSION (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          text = g_strdup_printf (ack->undo ? _("Cannot undo the acknowledgement: %s")
                                            : _("Cannot acknowledge: %s"), error->message);
          custody_page_toast (CUSTODY_PAGE (self), adw_toast_new (text));
          self->busy = FALSE;
          update_state (self);
        }
      ack_data_release (ack);
      return;
    }

  self->busy = FALSE;
  custody_alerts_page_set_selection_mode (self, FALSE);
  update_state (self);

  if (ack->undo)
    {
      text = g_strdup_printf (ngettext ("%d alert no longer acknowledged",
                                        "%d alerts no longer acknowledged", ack->count),
                              ack->count);
      custody_page_toast (CUSTODY_PAGE (self), adw_toast_new (text));
    }
  else if (ack->count == 0)
    custody_page_toast (CUSTODY_PAGE (self), adw_toast_new (_("Already acknowledged")));
  else
    {
      AdwToast *toast;

      text = g_strdup_printf (ngettext ("%d alert acknowledged", "%d alerts acknowledged",
                                        ack->count), ack->count);
      toast = adw_toast_new (text);
      /* Undo takes back what this acknowledged, not what others did. */
      adw_toast_set_button_label (toast, _("_Undo"));
      g_object_set_data_full (G_OBJECT (toast), "acknowledged", g_array_ref (ack->newly),
                              (GDestroyNotify) g_array_unref);
      g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_undo_clicked_cb), self,
                               G_CONNECT_SWAPPED);
      custody_page_toast (CUSTODY_PAGE (self), toast);
    }
  ack_data_release (ack);
}

static void
write_acknowledgement (CustodyAlertsPage *self,
                       GArray            *ids,
                       const char        *note,
                       gboolean           undo)
{
  AckData *ack;
  AckClosure *closure;

  if (self->session == NULL || self->busy || ids->len == 0)
    return;

  ack = g_atomic_rc_box_new0 (AckData);
  ack->ids = g_array_ref (ids);
  ack->by = dup_acknowledger ();
  ack->note = g_strdup (note);
  ack->newly = g_array_new (FALSE, FALSE, sizeof (gint64));
  ack->undo = !!undo;

  closure = g_new0 (AckClosure, 1);
  closure->self = g_object_ref (self);
  closure->ack = g_atomic_rc_box_acquire (ack);

  self->busy = TRUE;
  update_state (self);
  custody_session_write_async (self->session, acknowledge_write, ack, ack_data_release,
                               custody_page_get_cancellable (CUSTODY_PAGE (self)),
                               acknowledge_cb, closure);
}

static void
on_note_dialog_response_cb (AdwMessageDialog  *dialog,
                            const char        *response,
                            CustodyAlertsPage *self)
{
  GArray *ids = g_object_get_data (G_OBJECT (dialog), "ids");
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "note");
  g_autofree char *note = NULL;

  if (!g_str_equal (response, "acknowledge") || ids == NULL)
    return;
  note = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  write_acknowledgement (self, ids, note, FALSE);
}

/* Enter in the note acknowledges, as the default response would. */
static void
on_note_activate_cb (AdwMessageDialog *dialog)
{
  adw_message_dialog_response (dialog, "acknowledge");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* Asks for an optional note: why the alert needs no more attention, for
 * whoever reads it next. Enter acknowledges at once. */
static void
acknowledge_ids (CustodyAlertsPage *self,
                 GArray            *ids)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwMessageDialog *dialog;
  GtkWidget *entry;
  g_autofree char *heading = NULL;

  if (self->session == NULL || self->busy || ids->len == 0)
    return;

  heading = g_strdup_printf (ngettext ("Acknowledge %u Alert?", "Acknowledge %u Alerts?",
                                       ids->len), ids->len);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root)
                                                                             : NULL,
                                                       heading,
                                                       _("It stays in the list, marked with "
                                                         "your name and the note.")));
  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Note (optional)"));
  g_signal_connect_swapped (entry, "activate", G_CALLBACK (on_note_activate_cb), dialog);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Note"), -1);
  adw_message_dialog_set_extra_child (dialog, entry);
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "acknowledge", _("_Acknowledge"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "acknowledge", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "acknowledge");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "ids", g_array_ref (ids),
                          (GDestroyNotify) g_array_unref);
  g_object_set_data (G_OBJECT (dialog), "note", entry);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_note_dialog_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

/*
 * Callbacks
 */

static void
on_selection_changed_cb (CustodyAlertsPage *self,
                         guint              position,
                         guint              n_items)
{
  GtkSelectionModel *model = GTK_SELECTION_MODEL (self->selection);

  if (self->restoring)
    return;

  /* Outside selection mode nothing stays selected: the arrow keys of the
   * list would select otherwise. */
  if (!self->selection_mode)
    {
      if (count_selected (self) > 0)
        unselect_all_quietly (self);
      return;
    }

  for (guint i = position; i < position + n_items; i++)
    {
      g_autoptr(CustodyAlert) alert = g_list_model_get_item (G_LIST_MODEL (model), i);

      if (alert == NULL)
        break;
      if (gtk_selection_model_is_selected (model, i))
        g_hash_table_add (self->selected_ids, g_memdup2 (&alert->id, sizeof alert->id));
      else
        g_hash_table_remove (self->selected_ids, &alert->id);
    }

  update_state (self);
}

/* The session replaces its alerts on every reload, and the filter adds
 * and removes them: select again what was selected. */
static void
on_selection_items_changed_cb (CustodyAlertsPage *self,
                               guint              position,
                               guint              removed,
                               guint              added)
{
  GtkSelectionModel *model = GTK_SELECTION_MODEL (self->selection);

  if (self->selection_mode && g_hash_table_size (self->selected_ids) > 0)
    {
      self->restoring = TRUE;
      for (guint i = position; i < position + added; i++)
        {
          g_autoptr(CustodyAlert) alert = g_list_model_get_item (G_LIST_MODEL (model), i);

          if (alert != NULL && g_hash_table_contains (self->selected_ids, &alert->id))
            gtk_selection_model_select_item (model, i, FALSE);
        }
      self->restoring = FALSE;
    }

  update_state (self);
}

static void
on_list_view_activate_cb (CustodyAlertsPage *self,
                          guint              position)
{
  GtkSelectionModel *model = GTK_SELECTION_MODEL (self->selection);
  g_autoptr(CustodyAlert) alert = g_list_model_get_item (G_LIST_MODEL (model), position);

  if (alert == NULL)
    return;

  if (self->selection_mode)
    {
      if (gtk_selection_model_is_selected (model, position))
        gtk_selection_model_unselect_item (model, position);
      else
        gtk_selection_model_select_item (model, position, FALSE);
      return;
    }

  /* The window opens what the alert is about: the volume a reconciliation
   * missed, the desk's Today page for overdue moves, else the job. Without
   * those actions nothing happens. */
  if (g_strcmp0 (alert->kind, "media-missing") == 0 && alert->subject != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.open-medium", "s", alert->subject);
  else if (g_strcmp0 (alert->kind, "media-overdue") == 0)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.media-today", NULL);
  else if (alert->subject != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.open-job", "s", alert->subject);
}

static void
on_severity_dropdown_selected_cb (CustodyAlertsPage *self)
{
  guint index = gtk_drop_down_get_selected (self->severity_dropdown);

  if (index < G_N_ELEMENTS (dropdown_severities))
    custody_alerts_page_set_severity_filter (self, dropdown_severities[index]);
}

static void
on_session_reloaded_cb (CustodyAlertsPage *self)
{
  /* A reload that the filter hides entirely changes no visible item, but
   * it can change which empty state is right. */
  update_state (self);
  reload_resolved (self);
}

/* A row, the list item that holds it and the page: what its check
 * button needs to select the item. The handler that holds it goes with
 * the row, or with the page. */
typedef struct
{
  CustodyAlertsPage *self;
  GtkListItem       *item;
} RowLink;

/* The check button of a row was toggled: select its item to match. */
static void
on_row_selected_cb (CustodyAlertRow *row,
                    GParamSpec      *pspec,
                    RowLink         *link)
{
  GtkListItem *item = link->item;
  GtkSelectionModel *model = GTK_SELECTION_MODEL (link->self->selection);
  gboolean selected = custody_alert_row_get_selected (row);
  guint position;

  position = gtk_list_item_get_position (item);
  if (position == GTK_INVALID_LIST_POSITION || selected == gtk_list_item_get_selected (item))
    return;

  if (selected)
    gtk_selection_model_select_item (model, position, FALSE);
  else
    gtk_selection_model_unselect_item (model, position);
}

static void
on_factory_setup_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     CustodyAlertsPage        *self)
{
  GtkWidget *row = custody_alert_row_new ();
  RowLink *link = g_new0 (RowLink, 1);
  GClosure *closure;

  /* Clicks open the alert; only the check buttons and the keyboard
   * select. */
  gtk_list_item_set_selectable (item, FALSE);
  gtk_list_item_set_child (item, row);
  g_object_bind_property (self, "selection-mode", row, "selection-mode", G_BINDING_SYNC_CREATE);
  g_object_bind_property (item, "selected", row, "selected", G_BINDING_SYNC_CREATE);
  link->self = self;
  link->item = item;
  closure = g_cclosure_new (G_CALLBACK (on_row_selected_cb), link, (GClosureNotify) g_free);
  g_object_watch_closure (G_OBJECT (self), closure);
  g_signal_connect_closure (row, "notify::selected", closure, FALSE);
}

static void
on_factory_bind_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    CustodyAlertsPage        *self)
{
  custody_alert_row_set_alert (CUSTODY_ALERT_ROW (gtk_list_item_get_child (item)),
                               gtk_list_item_get_item (item), custody_time_now ());
}

static void
on_factory_unbind_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *item,
                      CustodyAlertsPage        *self)
{
  custody_alert_row_set_alert (CUSTODY_ALERT_ROW (gtk_list_item_get_child (item)), NULL, 0);
}

static gboolean
escape_cb (GtkWidget *widget,
           GVariant  *args,
           gpointer   user_data)
{
  CustodyAlertsPage *self = CUSTODY_ALERTS_PAGE (widget);

  if (!self->selection_mode)
    return FALSE;
  custody_alerts_page_set_selection_mode (self, FALSE);
  return TRUE;
}

/*
 * Actions
 */

static void
select_all_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  CustodyAlertsPage *self = CUSTODY_ALERTS_PAGE (widget);

  custody_alerts_page_set_selection_mode (self, TRUE);
  gtk_selection_model_select_all (GTK_SELECTION_MODEL (self->selection));
}

static void
select_none_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CustodyAlertsPage *self = CUSTODY_ALERTS_PAGE (widget);

  gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
}

static void
acknowledge_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CustodyAlertsPage *self = CUSTODY_ALERTS_PAGE (widget);
  GtkSelectionModel *model = GTK_SELECTION_MODEL (self->selection);
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (model);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GtkBitsetIter iter;
  guint position;

  /* Only what the user sees selected: not alerts a filter hides. */
  for (gboolean more = gtk_bitset_iter_init_first (&iter, selected, &position);
       more;
       more = gtk_bitset_iter_next (&iter, &position))
    {
      g_autoptr(CustodyAlert) alert = g_list_model_get_item (G_LIST_MODEL (model), position);

      if (alert != NULL)
        g_array_append_val (ids, alert->id);
    }

  acknowledge_ids (self, ids);
}

static void
acknowledge_one_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 id = g_variant_get_int64 (parameter);

  g_array_append_val (ids, id);
  acknowledge_ids (CUSTODY_ALERTS_PAGE (widget), ids);
}

static void
show_all_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  custody_alerts_page_set_severity_filter (CUSTODY_ALERTS_PAGE (widget), -1);
}

/*
 * CustodyPage
 */

static void
custody_alerts_page_session_changed (CustodyPage *page)
{
  CustodyAlertsPage *self = CUSTODY_ALERTS_PAGE (page);
  CustodySession *session = custody_page_get_session (page);

  if (self->session != NULL)
    g_clear_signal_handler (&self->reloaded_id, self->session);
  g_set_object (&self->session, session);
  if (session != NULL)
    self->reloaded_id = g_signal_connect_object (session, "reloaded",
                                                 G_CALLBACK (on_session_reloaded_cb), self,
                                                 G_CONNECT_SWAPPED);

  /* Nothing of the old store carries over. */
  g_hash_table_remove_all (self->selected_ids);
  custody_alerts_page_set_selection_mode (self, FALSE);
  self->resolved_loaded = FALSE;
  g_list_store_remove_all (self->resolved);
  update_source (self);
  reload_resolved (self);
}

/*
 * GObject
 */

static void
custody_alerts_page_dispose (GObject *object)
{
  CustodyAlertsPage *self = (CustodyAlertsPage *) object;

  if (self->session != NULL)
    g_clear_signal_handler (&self->reloaded_id, self->session);
  g_clear_object (&self->session);
  if (self->list_view != NULL)
    gtk_list_view_set_model (self->list_view, NULL);
  /* The template made the bin's child: the bin lets go of it first. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CUSTODY_TYPE_ALERTS_PAGE);
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  g_clear_object (&self->selection);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_object (&self->resolved);

  G_OBJECT_CLASS (custody_alerts_page_parent_class)->dispose (object);
}

static void
custody_alerts_page_finalize (GObject *object)
{
  CustodyAlertsPage *self = (CustodyAlertsPage *) object;

  g_clear_pointer (&self->selected_ids, g_hash_table_unref);

  G_OBJECT_CLASS (custody_alerts_page_parent_class)->finalize (object);
}

static void
custody_alerts_page_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  CustodyAlertsPage *self = CUSTODY_ALERTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_SEVERITY_FILTER:
      g_value_set_int (value, self->severity_filter);
      break;
    case PROP_SELECTION_MODE:
      g_value_set_boolean (value, self->selection_mode);
      break;
    case PROP_SHOW_RESOLVED:
      g_value_set_boolean (value, self->show_resolved);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
custody_alerts_page_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  CustodyAlertsPage *self = CUSTODY_ALERTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_SEVERITY_FILTER:
      custody_alerts_page_set_severity_filter (self, g_value_get_int (value));
      break;
    case PROP_SELECTION_MODE:
      custody_alerts_page_set_selection_mode (self, g_value_get_boolean (value));
      break;
    case PROP_SHOW_RESOLVED:
      custody_alerts_page_set_show_resolved (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
custody_alerts_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (custody_alerts_page_parent_class)->map (widget);
  update_source (CUSTODY_ALERTS_PAGE (widget));
}

static void
custody_alerts_page_unmap (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (custody_alerts_page_parent_class)->unmap (widget);
  update_source (CUSTODY_ALERTS_PAGE (widget));
}

static void
custody_alerts_page_class_init (CustodyAlertsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  CustodyPageClass *page_class = CUSTODY_PAGE_CLASS (klass);

  object_class->dispose = custody_alerts_page_dispose;
  object_class->finalize = custody_alerts_page_finalize;
  object_class->get_property = custody_alerts_page_get_property;
  object_class->set_property = custody_alerts_page_set_property;
  page_class->help_section = "alerts";
  page_class->session_changed = custody_alerts_page_session_changed;
  widget_class->map = custody_alerts_page_map;
  widget_class->unmap = custody_alerts_page_unmap;

  properties[PROP_SEVERITY_FILTER] =
    g_param_spec_int ("severity-filter", NULL, NULL, -1, CUSTODY_SEVERITY_CRITICAL, -1,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTION_MODE] =
    g_param_spec_boolean ("selection-mode", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_RESOLVED] =
    g_param_spec_boolean ("show-resolved", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/custody/Custody/ui/"
                                               "custody-alerts-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CustodyAlertsPage, window_title);
  gtk_widget_class_bind_template_child (widget_class, CustodyAlertsPage, severity_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CustodyAlertsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, CustodyAlertsPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, CustodyAlertsPage, status_page);
  gtk_widget_class_bind_template_child (widget_class, CustodyAlertsPage, show_all_button);
  gtk_widget_class_bind_template_child (widget_class, CustodyAlertsPage, select_button);
  gtk_widget_class_bind_template_callback (widget_class, on_list_view_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_severity_dropdown_selected_cb);

  gtk_widget_class_install_property_action (widget_class, "alerts.selection-mode",
                                            "selection-mode");
  gtk_widget_class_install_property_action (widget_class, "alerts.show-resolved", "show-resolved");
  gtk_widget_class_install_action (widget_class, "alerts.select-all", NULL, select_all_action);
  gtk_widget_class_install_action (widget_class, "alerts.select-none", NULL, select_none_action);
  gtk_widget_class_install_action (widget_class, "alerts.acknowledge", NULL, acknowledge_action);
  gtk_widget_class_install_action (widget_class, "alerts.acknowledge-one", "x",
                                   acknowledge_one_action);
  gtk_widget_class_install_action (widget_class, "alerts.show-all", NULL, show_all_action);

  gtk_widget_class_add_binding (widget_class, GDK_KEY_Escape, 0, escape_cb, NULL);

  g_type_ensure (CUSTODY_TYPE_ALERT_ROW);
}

static void
custody_alerts_page_init (CustodyAlertsPage *self)
{
  GtkListItemFactory *factory;
  GtkEventController *shortcuts;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->severity_filter = -1;
  self->selected_ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->resolved = g_list_store_new (CUSTODY_TYPE_ALERT);
  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->filtered = gtk_filter_list_model_new (NULL, g_object_ref (GTK_FILTER (self->filter)));
  self->selection = gtk_multi_selection_new (g_object_ref (G_LIST_MODEL (self->filtered)));

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect_object (factory, "setup", G_CALLBACK (on_factory_setup_cb), self, 0);
  g_signal_connect_object (factory, "bind", G_CALLBACK (on_factory_bind_cb), self, 0);
  g_signal_connect_object (factory, "unbind", G_CALLBACK (on_factory_unbind_cb), self, 0);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);

  /* The list view first, so that it has seen new items before we select
   * them again. */
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_object (self->selection, "items-changed",
                           G_CALLBACK (on_selection_items_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->selection, "selection-changed",
                           G_CALLBACK (on_selection_changed_cb), self, G_CONNECT_SWAPPED);

  /* Ctrl+A selects all alerts, before the list's own Ctrl+A does it
   * outside selection mode. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_a,
                                                                                  GDK_CONTROL_MASK),
                                                          gtk_named_action_new (SELECT_ALL)));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);

  update_state (self);
}

/*
 * Public API
 */

/**
 * custody_alerts_page_set_severity_filter:
 * @severity: a #CustodySeverity to show only alerts of that severity, or
 *   -1 to show them all
 */
void
custody_alerts_page_set_severity_filter (CustodyAlertsPage *self,
                                         int                severity)
{
  g_return_if_fail (CUSTODY_IS_ALERTS_PAGE (self));
  g_return_if_fail (severity >= -1 && severity <= CUSTODY_SEVERITY_CRITICAL);

  if (self->severity_filter == severity)
    return;

  self->severity_filter = severity;
  for (guint i = 0; i < G_N_ELEMENTS (dropdown_severities); i++)
    if (dropdown_severities[i] == severity &&
        gtk_drop_down_get_selected (self->severity_dropdown) != i)
      gtk_drop_down_set_selected (self->severity_dropdown, i);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEVERITY_FILTER]);
}

gboolean
custody_alerts_page_get_selection_mode (CustodyAlertsPage *self)
{
  g_return_val_if_fail (CUSTODY_IS_ALERTS_PAGE (self), FALSE);

  return self->selection_mode;
}

void
custody_alerts_page_set_selection_mode (CustodyAlertsPage *self,
                                        gboolean           selection_mode)
{
  g_return_if_fail (CUSTODY_IS_ALERTS_PAGE (self));

  selection_mode = !!selection_mode;
  if (self->selection_mode == selection_mode)
    return;

  self->selection_mode = selection_mode;
  if (!selection_mode)
    {
      g_hash_table_remove_all (self->selected_ids);
      unselect_all_quietly (self);
    }
  update_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTION_MODE]);
}

gboolean
custody_alerts_page_get_show_resolved (CustodyAlertsPage *self)
{
  g_return_val_if_fail (CUSTODY_IS_ALERTS_PAGE (self), FALSE);

  return self->show_resolved;
}

/* Shows resolved alerts too, read from the store, or only the open ones
 * the session keeps. */
void
custody_alerts_page_set_show_resolved (CustodyAlertsPage *self,
                                       gboolean           show_resolved)
{
  g_return_if_fail (CUSTODY_IS_ALERTS_PAGE (self));

  show_resolved = !!show_resolved;
  if (self->show_resolved == show_resolved)
    return;

  self->show_resolved = show_resolved;
  if (show_resolved)
    reload_resolved (self);
  else
    {
      /* Drop the copy: it would be stale by the next time. */
      self->resolved_generation++;
      self->resolved_loaded = FALSE;
      update_source (self);
      g_list_store_remove_all (self->resolved);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_RESOLVED]);
}
