/* custody-scan-window.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custody-scan-window"

#include "config.h"

#include <glib/gi18n.h>

#include "custody-handoff-sheet.h"
#include "custody-print.h"
#include "custody-scan-window.h"
#include "custody-time.h"

/* A scan session at the desk. A USB scanner types a label and Enter; each
 * scan moves its volume at once, one after the other in a worker thread,
 * while the entry takes the next: it is never made insensitive and is
 * emptied as soon as Enter is read, so nothing typed is lost at scanner
 * speed. Unknown and unexpected scans are flagged and the session goes
 * on; the last scan can be taken back; finishing shows what was expected
 * and not scanned. */

typedef enum
{
  OP_SCAN,
  OP_UNDO,
} OpKind;

typedef struct
{
  OpKind   kind;
  guint    serial;
  gboolean confirm;
} Op;

/* A scan's row in the list, and the parts of it that change. */
typedef struct
{
  GtkWidget *row;
  GtkWidget *icon;
  GtkWidget *confirm;   /* "Move Anyway", once refused */
} ScanRow;

/* What a row's "Move Anyway" button confirms. */
typedef struct
{
  CustodyScanWindow *self;
  guint              serial;
} Confirm;

struct _CustodyScanWindow
{
  AdwWindow            parent_instance;

  AdwWindowTitle      *window_title;
  GtkWidget           *undo_button;
  GtkWidget           *finish_button;
  GtkStack            *stack;
  AdwComboRow         *to_row;
  AdwComboRow         *expect_row;
  AdwEntryRow         *courier_row;
  AdwEntryRow         *container_row;
  AdwEntryRow         *seal_row;
  GtkEntry            *scan_entry;
  GtkWidget           *last_box;
  GtkImage            *last_icon;
  GtkLabel            *last_volser;
  GtkLabel            *last_status;
  GtkLabel            *counts_label;
  GtkWidget           *progress_box;
  GtkProgressBar      *progress_bar;
  GtkLabel            *missing_label;
  GtkListBox          *scans_list;
  GtkLabel            *summary_title;
  AdwPreferencesGroup *missing_group;
  AdwPreferencesGroup *problems_group;

  CustodySession      *session;
  CustodyDesk         *desk;
  GStrv                locations;
  CustodyLocationKind *kinds;
  CustodyScanSession  *scans;
  CustodyMovement     *template;
  GQueue               queue;          /* Op, to run one at a time */
  GHashTable          *rows;           /* serial -> ScanRow */
  GHashTable          *undoing;        /* serials taken back or about to be */
  GCancellable        *cancellable;
  guint                busy : 1;
  guint                finishing : 1;
};

G_DEFINE_FINAL_TYPE (CustodyScanWindow, custody_scan_window, ADW_TYPE_WINDOW)

static const int expect_lists[] = { -1, CUSTODY_DESK_SEND_OFFSITE, CUSTODY_DESK_RECALL };

static void process_next (CustodyScanWindow *self);

/*
 * Feedback
 */

static const char *
outcome_icon (CustodyScanOutcome outcome)
{
  switch (outcome)
    {
    case CUSTODY_SCAN_MOVED:
      return "emblem-ok-symbolic";
    case CUSTODY_SCAN_UNEXPECTED:
    case CUSTODY_SCAN_DUPLICATE:
      return "dialog-warning-symbolic";
    case CUSTODY_SCAN_UNKNOWN:
    case CUSTODY_SCAN_REFUSED:
    case CUSTODY_SCAN_FAILED:
      return "dialog-error-symbolic";
    case CUSTODY_SCAN_PENDING:
    case CUSTODY_N_SCAN_OUTCOMES:
    default:
      return "content-loading-symbolic";
    }
}

static const char *
outcome_class (CustodyScanOutcome outcome)
{
  switch (outcome)
    {
    case CUSTODY_SCAN_MOVED:
      return "success";
    case CUSTODY_SCAN_UNEXPECTED:
    case CUSTODY_SCAN_DUPLICATE:
      return "warning";
    case CUSTODY_SCAN_UNKNOWN:
    case CUSTODY_SCAN_REFUSED:
    case CUSTODY_SCAN_FAILED:
      return "error";
    case CUSTODY_SCAN_PENDING:
    case CUSTODY_N_SCAN_OUTCOMES:
    default:
      return NULL;
    }
}

static char *
outcome_text (CustodyScanWindow      *self,
              const CustodyScanEntry *entry)
{
  switch (entry->outcome)
    {
    case CUSTODY_SCAN_MOVED:
      return g_strdup_printf (_("Moved to %s"), self->template->to);
    case CUSTODY_SCAN_UNEXPECTED:
      return g_strdup_printf (_("Moved to %s, but it is not on the list"), self->template->to);
    case CUSTODY_SCAN_UNKNOWN:
      return g_strdup (entry->volser == NULL ? _("Not a volume label: nothing moved")
                                             : _("Unknown volume: nothing moved"));
    case CUSTODY_SCAN_DUPLICATE:
      return g_strdup (_("Scanned already in this session"));
    case CUSTODY_SCAN_REFUSED:
      return g_strdup_printf (_("Not moved: it would break %s"), entry->message);
    case CUSTODY_SCAN_FAILED:
      return g_strdup_printf (_("Not moved: %s"), entry->message);
    case CUSTODY_SCAN_PENDING:
    case CUSTODY_N_SCAN_OUTCOMES:
    default:
      return g_strdup (_("Moving…"));
    }
}

static void
set_state_class (GtkWidget  *widget,
                 const char *css_class)
{
  static const char *classes[] = { "success", "warning", "error" };

  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (widget, classes[i]);
  if (css_class != NULL)
    gtk_widget_add_css_class (widget, css_class);
}

/* The most volumes "Still missing" names; the summary lists them all. */
#define MISSING_NAMED 24

/* How far the session is through its list, and what is still to find: live, so
 * that the operator sees "14 of 28" and which tapes to look for. */
static void
update_progress (CustodyScanWindow *self)
{
  g_auto(GStrv) missing = NULL;
  g_autoptr(GString) text = NULL;
  g_autofree char *fraction = NULL;
  guint scanned, expected, n_missing;

  custody_scan_session_get_progress (self->scans, &scanned, &expected);
  gtk_widget_set_visible (self->progress_box, expected > 0);
  if (expected == 0)
    return;

  /* Translators: a scan session's progress through its list, e.g. "14 of 28 scanned" */
  fraction = g_strdup_printf (_("%u of %u scanned"), scanned, expected);
  gtk_progress_bar_set_text (self->progress_bar, fraction);
  gtk_progress_bar_set_fraction (self->progress_bar, (double) scanned / expected);

  if (scanned == expected)
    {
      gtk_label_set_label (self->missing_label, _("Every volume on the list is scanned."));
      return;
    }

  missing = custody_scan_session_dup_not_scanned (self->scans);
  n_missing = g_strv_length (missing);
  text = g_string_new (NULL);
  for (guint i = 0; i < MIN (n_missing, MISSING_NAMED); i++)
    g_string_append_printf (text, "%s%s", i > 0 ? "  " : "", missing[i]);
  if (n_missing > MISSING_NAMED)
    {
      g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "and %u more",
                                                            "and %u more",
                                                            n_missing - MISSING_NAMED),
                                               n_missing - MISSING_NAMED);
      g_string_append_printf (text, "  %s", more);
    }
  {
    /* Translators: then the labels of the volumes on the list not scanned yet */
    g_autofree char *label = g_strdup_printf (_("Still missing: %s"), text->str);

    gtk_label_set_label (self->missing_label, label);
  }
}

static void
update_counts (CustodyScanWindow *self)
{
  g_autofree char *text = NULL;

  /* Translators: the counts of a scan session */
  text = g_strdup_printf (_("%u moved · %u not on the list · %u unknown · %u scanned twice · "
                            "%u not moved"),
                          custody_scan_session_count (self->scans, CUSTODY_SCAN_MOVED),
                          custody_scan_session_count (self->scans, CUSTODY_SCAN_UNEXPECTED),
                          custody_scan_session_count (self->scans, CUSTODY_SCAN_UNKNOWN),
                          custody_scan_session_count (self->scans, CUSTODY_SCAN_DUPLICATE),
                          custody_scan_session_count (self->scans, CUSTODY_SCAN_REFUSED) +
                          custody_scan_session_count (self->scans, CUSTODY_SCAN_FAILED));
  gtk_label_set_label (self->counts_label, text);
  update_progress (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "scan.undo",
                                 custody_scan_session_get_n_entries (self->scans) >
                                 g_hash_table_size (self->undoing));
}

static void
show_last (CustodyScanWindow *self,
           const char        *title,
           const char        *status,
           const char        *icon,
           const char        *css_class)
{
  gtk_label_set_label (self->last_volser, title);
  gtk_label_set_label (self->last_status, status);
  gtk_image_set_from_icon_name (self->last_icon, icon);
  set_state_class (self->last_box, css_class);
}

static void on_confirm_clicked_cb (GtkButton *button,
                                   Confirm   *confirm);

/* A scan's row, made or brought up to date. */
static void
update_row (CustodyScanWindow      *self,
            const CustodyScanEntry *entry)
{
  ScanRow *scan_row = g_hash_table_lookup (self->rows, GUINT_TO_POINTER (entry->serial));
  g_autofree char *status = outcome_text (self, entry);
  g_autofree char *title = g_markup_escape_text (entry->volser != NULL ? entry->volser
                                                                       : entry->text, -1);

  if (scan_row == NULL)
    {
      scan_row = g_new0 (ScanRow, 1);
      scan_row->row = adw_action_row_new ();
      scan_row->icon = gtk_image_new ();
      gtk_widget_set_valign (scan_row->icon, GTK_ALIGN_CENTER);
      adw_action_row_add_prefix (ADW_ACTION_ROW (scan_row->row), scan_row->icon);
      gtk_widget_add_css_class (scan_row->row, "scan-row");
      gtk_list_box_prepend (self->scans_list, scan_row->row);
      g_hash_table_insert (self->rows, GUINT_TO_POINTER (entry->serial), scan_row);
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (scan_row->row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (scan_row->row), status);
  gtk_image_set_from_icon_name (GTK_IMAGE (scan_row->icon), outcome_icon (entry->outcome));
  set_state_class (scan_row->icon, outcome_class (entry->outcome));

  if (entry->outcome == CUSTODY_SCAN_REFUSED && scan_row->confirm == NULL)
    {
      Confirm *confirm = g_new0 (Confirm, 1);

      confirm->self = self;
      confirm->serial = entry->serial;
      scan_row->confirm = gtk_button_new_with_mnemonic (_("_Move Anyway"));
      gtk_widget_set_valign (scan_row->confirm, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (scan_row->confirm, "destructive-action");
      g_signal_connect_data (scan_row->confirm, "clicked", G_CALLBACK (on_confirm_clicked_cb),
                             confirm, (GClosureNotify) g_free, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (scan_row->row), scan_row->confirm);
    }
}

/* What the operator sees and hears after a scan is judged. */
static void
announce (CustodyScanWindow      *self,
          const CustodyScanEntry *entry)
{
  g_autofree char *status = outcome_text (self, entry);

  update_row (self, entry);
  show_last (self, entry->volser != NULL ? entry->volser : entry->text, status,
             outcome_icon (entry->outcome), outcome_class (entry->outcome));
  update_counts (self);

  if (entry->outcome != CUSTODY_SCAN_MOVED && entry->outcome != CUSTODY_SCAN_PENDING)
    gtk_widget_error_bell (GTK_WIDGET (self));
}

/*
 * The queue of writes
 */

typedef struct
{
  CustodyStore    *store;
  CustodyMovement *template;
  char            *volser;
  gboolean         confirm;
  gint64           undo;          /* a movement to take back, or 0 */
  guint            serial;
  OpKind           kind;
  gint64           movement_id;
  GPtrArray       *broken;
} Work;

static void
work_free (gpointer data)
{
  Work *w = data;

  g_clear_object (&w->store);
  g_clear_object (&w->template);
  g_free (w->volser);
  g_clear_pointer (&w->broken, g_ptr_array_unref);
  g_free (w);
}

static void
work_worker (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Work *w = task_data;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (w->undo > 0)
    ok = custody_store_undo_movement (w->store, w->undo, &error);
  else
    ok = custody_store_scan_volume (w->store, w->volser, w->template, w->confirm, &w->movement_id,
                                    &w->broken, &error);

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static char *
join_broken (GPtrArray *broken)
{
  g_autoptr(GString) s = g_string_new (NULL);

  for (guint i = 0; broken != NULL && i < broken->len; i++)
    g_string_append_printf (s, "%s%s", i > 0 ? ", " : "",
                            (const char *) g_ptr_array_index (broken, i));
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static void
finish_undo (CustodyScanWindow *self,
             guint              serial)
{
  g_autoptr(CustodyScanEntry) entry = custody_scan_session_take (self->scans, serial);
  ScanRow *scan_row = g_hash_table_lookup (self->rows, GUINT_TO_POINTER (serial));
  g_autofree char *status = NULL;

  if (scan_row != NULL)
    {
      gtk_list_box_remove (self->scans_list, scan_row->row);
      g_hash_table_remove (self->rows, GUINT_TO_POINTER (serial));
    }
  g_hash_table_remove (self->undoing, GUINT_TO_POINTER (serial));
  if (entry == NULL)
    return;

  status = entry->movement_id > 0 ? g_strdup_printf (_("Taken back: it is where it was before"))
                                  : g_strdup (_("Taken out of the session"));
  show_last (self, entry->volser != NULL ? entry->volser : entry->text, status,
             "edit-undo-symbolic", NULL);
  update_counts (self);
}

static void
work_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(CustodyScanWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  Work *w = g_task_get_task_data (G_TASK (result));
  gboolean ok = g_task_propagate_boolean (G_TASK (result), &error);
  const CustodyScanEntry *entry;

  self->busy = FALSE;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (w->kind == OP_UNDO)
    {
      if (ok)
        finish_undo (self, w->serial);
      else
        {
          g_hash_table_remove (self->undoing, GUINT_TO_POINTER (w->serial));
          show_last (self, w->volser, error->message, "dialog-error-symbolic", "error");
          gtk_widget_error_bell (GTK_WIDGET (self));
          update_counts (self);
        }
    }
  else
    {
      if (ok)
        entry = custody_scan_session_resolve (self->scans, w->serial, CUSTODY_SCAN_MOVED,
                                              w->movement_id, NULL);
      else if (g_error_matches (error, CUSTODY_STORE_ERROR, CUSTODY_STORE_ERROR_REFUSED))
        {
          g_autofree char *jobs = join_broken (w->broken);
          entry = custody_scan_session_resolve (self->scans, w->serial, CUSTODY_SCAN_REFUSED, 0,
                                                jobs);
        }
      else if (g_error_matches (error, CUSTODY_STORE_ERROR, CUSTODY_STORE_ERROR_NOT_FOUND))
        entry = custody_scan_session_resolve (self->scans, w->serial, CUSTODY_SCAN_UNKNOWN, 0,
                                              NULL);
      else
        entry = custody_scan_session_resolve (self->scans, w->serial, CUSTODY_SCAN_FAILED, 0,
                                              error->message);
      if (entry != NULL)
        announce (self, entry);
    }

  process_next (self);
}

static void show_summary (CustodyScanWindow *self);

/* Starts the next write; one at a time, in scan order. */
static void
process_next (CustodyScanWindow *self)
{
  g_autoptr(GTask) task = NULL;
  Op *op;
  Work *w;

  while (!self->busy && (op = g_queue_pop_head (&self->queue)) != NULL)
    {
      const CustodyScanEntry *entry = custody_scan_session_find (self->scans, op->serial);
      OpKind kind = op->kind;
      gboolean confirm = op->confirm;

      g_free (op);
      if (entry == NULL)
        continue;

      if (kind == OP_UNDO && entry->movement_id == 0)
        {
          /* Nothing was moved: it only leaves the session. */
          finish_undo (self, entry->serial);
          continue;
        }
      if (kind == OP_SCAN && entry->outcome != CUSTODY_SCAN_PENDING)
        continue;

      w = g_new0 (Work, 1);
      w->store = g_object_ref (custody_session_get_store (self->session));
      w->template = g_object_ref (self->template);
      w->volser = g_strdup (entry->volser);
      w->serial = entry->serial;
      w->kind = kind;
      w->confirm = confirm;
      w->undo = kind == OP_UNDO ? entry->movement_id : 0;

      self->busy = TRUE;
      task = g_task_new (self, self->cancellable, work_cb, g_object_ref (self));
      g_task_set_source_tag (task, process_next);
      g_task_set_task_data (task, w, work_free);
      g_task_run_in_thread (task, work_worker);
      return;
    }

  if (!self->busy && self->finishing)
    show_summary (self);
}

static void
queue_op (CustodyScanWindow *self,
          OpKind             kind,
          guint              serial,
          gboolean           confirm)
{
  Op *op = g_new0 (Op, 1);

  op->kind = kind;
  op->serial = serial;
  op->confirm = confirm;
  g_queue_push_tail (&self->queue, op);
  process_next (self);
}

/* One scan: judged at once, moved in turn. */
static void
scan (CustodyScanWindow *self,
      const char        *text,
      gboolean           confirm)
{
  const CustodyScanEntry *entry = custody_scan_session_add (self->scans, text);

  announce (self, entry);
  if (entry->outcome == CUSTODY_SCAN_PENDING)
    queue_op (self, OP_SCAN, entry->serial, confirm);
}

/*
 * Callbacks
 */

static void
on_scan_activate_cb (CustodyScanWindow *self)
{
  g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->scan_entry)));

  /* Emptied before anything else, so that the next label typed lands in
   * an empty entry. */
  gtk_editable_set_text (GTK_EDITABLE (self->scan_entry), "");
  g_strstrip (text);
  if (text[0] == '\0' || self->finishing)
    return;
  scan (self, text, FALSE);
}

static void
on_confirm_clicked_cb (GtkButton *button,
                       Confirm   *confirm)
{
  CustodyScanWindow *self = confirm->self;
  guint serial = confirm->serial;
  g_autoptr(CustodyScanEntry) entry = custody_scan_session_take (self->scans, serial);
  ScanRow *scan_row = g_hash_table_lookup (self->rows, GUINT_TO_POINTER (serial));

  if (entry == NULL)
    return;
  /* The row goes, and the button with it: nothing of @confirm is read
   * after this. */
  if (scan_row != NULL)
    {
      gtk_list_box_remove (self->scans_list, scan_row->row);
      g_hash_table_remove (self->rows, GUINT_TO_POINTER (serial));
    }
  /* Scanned again, confirmed: the audit trail says so. */
  scan (self, entry->volser, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->scan_entry));
}

/*
 * Actions
 */

static void
start_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  CustodyScanWindow *self = CUSTODY_SCAN_WINDOW (widget);
  guint to = adw_combo_row_get_selected (self->to_row);
  guint expect = adw_combo_row_get_selected (self->expect_row);
  g_auto(GStrv) expected = NULL;
  g_autoptr(GString) subtitle = g_string_new (NULL);
  const char *courier = gtk_editable_get_text (GTK_EDITABLE (self->courier_row));
  const char *container = gtk_editable_get_text (GTK_EDITABLE (self->container_row));
  const char *seal = gtk_editable_get_text (GTK_EDITABLE (self->seal_row));
  g_autofree char *title = NULL;

  if (self->locations[0] == NULL || to >= g_strv_length (self->locations))
    return;

  g_clear_object (&self->template);
  self->template = custody_movement_new ();
  self->template->to = g_strdup (self->locations[to]);
  self->template->courier = g_strstrip (g_strdup (courier));
  self->template->container = g_strstrip (g_strdup (container));
  self->template->seal = g_strstrip (g_strdup (seal));

  if (expect < G_N_ELEMENTS (expect_lists) && expect_lists[expect] >= 0 && self->desk != NULL)
    expected = custody_desk_dup_expected (self->desk, expect_lists[expect]);
  g_clear_object (&self->scans);
  self->scans = custody_scan_session_new ((const char * const *) expected);

  /* Translators: where a scan session moves volumes, and what kind of place it is,
   * e.g. "To Iron vault (Off-site vault)" */
  title = g_strdup_printf (_("To %s (%s)"), self->template->to,
                           custody_location_kind_get_label (self->kinds[to]));
  adw_window_title_set_title (self->window_title, title);
  /* Translators: the parts of a scan session's subtitle, e.g.
   * "Carried by Iron Couriers · Case CASE-7 · Seal S-1234" */
  if (self->template->courier[0] != '\0')
    g_string_append_printf (subtitle, _("Carried by %s"), self->template->courier);
  if (self->template->container[0] != '\0')
    {
      g_string_append (subtitle, subtitle->len > 0 ? " · " : "");
      g_string_append_printf (subtitle, _("Case %s"), self->template->container);
    }
  if (self->template->seal[0] != '\0')
    {
      g_string_append (subtitle, subtitle->len > 0 ? " · " : "");
      g_string_append_printf (subtitle, _("Seal %s"), self->template->seal);
    }
  adw_window_title_set_subtitle (self->window_title, subtitle->str);

  if (expected != NULL)
    {
      guint n = g_strv_length (expected);
      g_autofree char *status =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u volume is expected. Scan the first.",
                                      "%u volumes are expected. Scan the first.", n), n);
      gtk_label_set_label (self->last_status, status);
    }

  gtk_stack_set_visible_child_name (self->stack, "scanning");
  gtk_widget_set_visible (self->undo_button, TRUE);
  gtk_widget_set_visible (self->finish_button, TRUE);
  gtk_widget_action_set_enabled (widget, "scan.start", FALSE);
  gtk_widget_action_set_enabled (widget, "scan.finish", TRUE);
  update_counts (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->scan_entry));
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CustodyScanWindow *self = CUSTODY_SCAN_WINDOW (widget);

  if (self->scans == NULL || self->finishing)
    return;

  /* The latest scan not already being taken back. */
  for (guint i = custody_scan_session_get_n_entries (self->scans); i > 0; i--)
    {
      const CustodyScanEntry *entry = custody_scan_session_get_entry (self->scans, i - 1);

      if (g_hash_table_contains (self->undoing, GUINT_TO_POINTER (entry->serial)))
        continue;
      g_hash_table_add (self->undoing, GUINT_TO_POINTER (entry->serial));
      update_counts (self);
      queue_op (self, OP_UNDO, entry->serial, FALSE);
      break;
    }
  gtk_widget_grab_focus (GTK_WIDGET (self->scan_entry));
}

static void
add_summary_row (AdwPreferencesGroup *group,
                 const char          *title,
                 const char          *subtitle,
                 const char          *icon,
                 const char          *css_class)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *image = gtk_image_new_from_icon_name (icon);
  g_autofree char *escaped = g_markup_escape_text (title, -1);
  g_autofree char *escaped_subtitle = subtitle != NULL ? g_markup_escape_text (subtitle, -1) : NULL;

  gtk_widget_add_css_class (image, css_class);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped_subtitle);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), image);
  adw_preferences_group_add (group, row);
}

static void
show_summary (CustodyScanWindow *self)
{
  g_auto(GStrv) missing = custody_scan_session_dup_not_scanned (self->scans);
  guint moved = custody_scan_session_count (self->scans, CUSTODY_SCAN_MOVED) +
                custody_scan_session_count (self->scans, CUSTODY_SCAN_UNEXPECTED);
  g_autofree char *title = NULL;
  guint problems = 0;

  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u volume moved to %s",
                                        "%u volumes moved to %s", moved),
                          moved, self->template->to);
  gtk_label_set_label (self->summary_title, title);

  for (guint i = 0; missing[i] != NULL; i++)
    {
      CustodyDeskItem *item = self->desk != NULL ? custody_desk_find (self->desk, missing[i])
                                                 : NULL;
      add_summary_row (self->missing_group, missing[i], item != NULL ? item->reason : NULL,
                       "dialog-warning-symbolic", "warning");
    }
  gtk_widget_set_visible (GTK_WIDGET (self->missing_group), missing[0] != NULL);

  for (guint i = 0; i < custody_scan_session_get_n_entries (self->scans); i++)
    {
      const CustodyScanEntry *entry = custody_scan_session_get_entry (self->scans, i);
      g_autofree char *status = NULL;

      if (entry->outcome != CUSTODY_SCAN_UNKNOWN && entry->outcome != CUSTODY_SCAN_REFUSED &&
          entry->outcome != CUSTODY_SCAN_FAILED)
        continue;
      status = outcome_text (self, entry);
      add_summary_row (self->problems_group, entry->volser != NULL ? entry->volser : entry->text,
                       status, outcome_icon (entry->outcome), "error");
      problems++;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->problems_group), problems > 0);

  gtk_widget_set_visible (self->undo_button, FALSE);
  gtk_widget_set_visible (self->finish_button, FALSE);
  gtk_stack_set_visible_child_name (self->stack, "summary");

  /* The views show what moved. */
  custody_session_reload (self->session);
}

static void
finish_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CustodyScanWindow *self = CUSTODY_SCAN_WINDOW (widget);

  if (self->scans == NULL || self->finishing)
    return;

  /* What is under way is finished first. */
  self->finishing = TRUE;
  gtk_widget_action_set_enabled (widget, "scan.finish", FALSE);
  gtk_widget_action_set_enabled (widget, "scan.undo", FALSE);
  process_next (self);
}

static void
print_handoff_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CustodyScanWindow *self = CUSTODY_SCAN_WINDOW (widget);
  g_autoptr(CustodyHandoffSheet) sheet = NULL;
  g_autofree char *title = g_strdup_printf (_("Courier Hand-off: to %s"), self->template->to);

  sheet = custody_handoff_sheet_new (title, custody_time_now ());
  custody_handoff_sheet_set_courier (sheet, self->template->courier, self->template->container,
                                     self->template->seal);
  for (guint i = 0; i < custody_scan_session_get_n_entries (self->scans); i++)
    {
      const CustodyScanEntry *entry = custody_scan_session_get_entry (self->scans, i);
      CustodyDeskItem *item;

      if (entry->outcome != CUSTODY_SCAN_MOVED && entry->outcome != CUSTODY_SCAN_UNEXPECTED)
        continue;
      item = self->desk != NULL ? custody_desk_find (self->desk, entry->volser) : NULL;
      custody_handoff_sheet_add_volume (sheet, entry->volser, item != NULL ? item->type : NULL,
                                        item != NULL ? item->pool : NULL, self->template->to,
                                        item != NULL ? item->reason : NULL);
    }
  custody_print_printable (widget, CUSTODY_PRINTABLE (sheet));
}

/*
 * GObject
 */

static gboolean
custody_scan_window_close_request (GtkWindow *window)
{
  CustodyScanWindow *self = CUSTODY_SCAN_WINDOW (window);

  /* Moves under way finish in their threads; the views catch up. */
  if (self->scans != NULL)
    custody_session_reload (self->session);
  return GTK_WINDOW_CLASS (custody_scan_window_parent_class)->close_request (window);
}

static void
custody_scan_window_dispose (GObject *object)
{
  CustodyScanWindow *self = (CustodyScanWindow *) object;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), CUSTODY_TYPE_SCAN_WINDOW);

  G_OBJECT_CLASS (custody_scan_window_parent_class)->dispose (object);
}

static void
custody_scan_window_finalize (GObject *object)
{
  CustodyScanWindow *self = (CustodyScanWindow *) object;

  g_queue_clear_full (&self->queue, g_free);
  g_clear_object (&self->session);
  g_clear_pointer (&self->desk, custody_desk_unref);
  g_strfreev (self->locations);
  g_free (self->kinds);
  g_clear_object (&self->scans);
  g_clear_object (&self->template);
  g_hash_table_unref (self->rows);
  g_hash_table_unref (self->undoing);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (custody_scan_window_parent_class)->finalize (object);
}

static void
custody_scan_window_class_init (CustodyScanWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = custody_scan_window_dispose;
  object_class->finalize = custody_scan_window_finalize;
  window_class->close_request = custody_scan_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/custody/Custody/ui/"
                                               "custody-scan-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CustodyScanWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, CustodyScanWindow, undo_button);
  gtk_widget_class_bind_template_child (widget_class, CustodyScanWindow, finish_button);
  gtk_widget_class_bind_template_child (widget_class, CustodyScanWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, CustodyScanWindow, to_row);
  gtk_widget_class_bind_template_child (widget_class, CustodyScanWindow, expect_row);
  gtk_widget_class_bind_template_child (widget_class, CustodyScanWindow, courier_row);
  gtk_widget_class_bind_template_child (widget_class, CustodyScanWindow, container_row);
  gtk_widget_class_bind_template_child (widget_class, CustodyScanWindow, seal_row);
  gtk_widget_class_bind_template_child (widget_class, CustodyScanWindow, scan_entry);
  gtk_widget_class_bind_template_child (widget_class, CustodyScanWindow, last_box);
  gtk_widget_class_bind_template_child (widget_class, CustodyScanWindow, last_icon);
  gtk_widget_class_bind_template_child (widget_class, CustodyScanWindow, last_volser);
  gtk_widget_class_bind_template_child (widget_class, CustodyScanWindow, last_status);
  gtk_widget_class_bind_template_child (widget_class, CustodyScanWindow, counts_label);
  gtk_widget_class_bind_template_child (widget_class, CustodyScanWindow, progress_box);
  gtk_widget_class_bind_template_child (widget_class, CustodyScanWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, CustodyScanWindow, missing_label);
  gtk_widget_class_bind_template_child (widget_class, CustodyScanWindow, scans_list);
  gtk_widget_class_bind_template_child (widget_class, CustodyScanWindow, summary_title);
  gtk_widget_class_bind_template_child (widget_class, CustodyScanWindow, missing_group);
  gtk_widget_class_bind_template_child (widget_class, CustodyScanWindow, problems_group);
  gtk_widget_class_bind_template_callback (widget_class, on_scan_activate_cb);

  gtk_widget_class_install_action (widget_class, "scan.start", NULL, start_action);
  gtk_widget_class_install_action (widget_class, "scan.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "scan.finish", NULL, finish_action);
  gtk_widget_class_install_action (widget_class, "scan.print-handoff", NULL, print_handoff_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "scan.undo",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
custody_scan_window_init (CustodyScanWindow *self)
{
  g_autoptr(GtkStringList) expects = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  g_queue_init (&self->queue);
  self->rows = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  self->undoing = g_hash_table_new (NULL, NULL);
  self->cancellable = g_cancellable_new ();

  expects = gtk_string_list_new (NULL);
  gtk_string_list_append (expects, _("No list"));
  gtk_string_list_append (expects, _("Today’s send-off-site list"));
  gtk_string_list_append (expects, _("Today’s recall list"));
  adw_combo_row_set_model (self->expect_row, G_LIST_MODEL (expects));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "scan.undo", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "scan.finish", FALSE);
}

/* Where a move of that list goes most often: to the courier first. */
static void
on_expect_changed_cb (CustodyScanWindow *self)
{
  guint expect = adw_combo_row_get_selected (self->expect_row);
  int list = expect < G_N_ELEMENTS (expect_lists) ? expect_lists[expect] : -1;
  CustodyLocationKind preferred[2] = { CUSTODY_LOCATION_LIBRARY, CUSTODY_LOCATION_LIBRARY };

  if (list == CUSTODY_DESK_SEND_OFFSITE)
    {
      preferred[0] = CUSTODY_LOCATION_TRANSIT;
      preferred[1] = CUSTODY_LOCATION_OFFSITE_VAULT;
    }
  else if (list == CUSTODY_DESK_RECALL)
    preferred[0] = CUSTODY_LOCATION_TRANSIT;

  for (guint p = 0; p < G_N_ELEMENTS (preferred); p++)
    for (guint i = 0; self->locations[i] != NULL; i++)
      if (self->kinds[i] == preferred[p])
        {
          adw_combo_row_set_selected (self->to_row, i);
          return;
        }
}

/**
 * custody_scan_window_new:
 * @locations: (element-type CustodyLocation): where volumes can go
 * @expect: the list to expect first (a CustodyDeskList), or -1
 */
CustodyScanWindow *
custody_scan_window_new (GtkWindow      *parent,
                         CustodySession *session,
                         GPtrArray      *locations,
                         int             expect)
{
  CustodyScanWindow *self;
  g_autoptr(GtkStringList) names = NULL;
  CustodyDesk *desk;

  g_return_val_if_fail (CUSTODY_IS_SESSION (session), NULL);
  g_return_val_if_fail (custody_session_get_store (session) != NULL, NULL);
  g_return_val_if_fail (locations != NULL, NULL);

  self = g_object_new (CUSTODY_TYPE_SCAN_WINDOW, "transient-for", parent, NULL);
  self->session = g_object_ref (session);
  self->locations = g_new0 (char *, locations->len + 1);
  self->kinds = g_new0 (CustodyLocationKind, locations->len + 1);
  for (guint i = 0; i < locations->len; i++)
    {
      CustodyLocation *location = g_ptr_array_index (locations, i);

      self->locations[i] = g_strdup (location->name);
      self->kinds[i] = location->kind;
    }
  desk = custody_session_get_desk (session);
  self->desk = desk != NULL ? custody_desk_ref (desk) : NULL;

  names = gtk_string_list_new ((const char * const *) self->locations);
  adw_combo_row_set_model (self->to_row, G_LIST_MODEL (names));
  for (guint i = 0; i < G_N_ELEMENTS (expect_lists); i++)
    if (expect_lists[i] == expect)
      adw_combo_row_set_selected (self->expect_row, i);
  on_expect_changed_cb (self);
  g_signal_connect_object (self->expect_row, "notify::selected", G_CALLBACK (on_expect_changed_cb),
                           self, G_CONNECT_SWAPPED);

  return self;
}

/* Returns: (transfer none) (nullable): the session's scans, once started */
CustodyScanSession *
custody_scan_window_get_scans (CustodyScanWindow *self)
{
  g_return_val_if_fail (CUSTODY_IS_SCAN_WINDOW (self), NULL);

  return self->scans;
}

/* The writes not done yet. */
guint
custody_scan_window_get_n_queued (CustodyScanWindow *self)
{
  g_return_val_if_fail (CUSTODY_IS_SCAN_WINDOW (self), 0);

  return g_queue_get_length (&self->queue) + (self->busy ? 1 : 0);
}
