/* custody-import-dialog.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custody-import-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "custody-import-dialog.h"
#include "custody-import.h"
#include "custody-job-item.h"
#include "custody-time.h"
#include "custody-ui-utils.h"

/* Imports one file: reads it and tells what it is, asks what the tool's
 * output does not say (the job and copy of restic and borg runs, a check's
 * exit code, the time zone of borg's and Bareos' times), then imports it
 * in a worker thread with a progress bar, a Cancel that leaves the store
 * as it was, and what the import did. */
struct _CustodyImportDialog
{
  AdwWindow             parent_instance;

  GtkSpinner           *loading_spinner;
  AdwWindowTitle       *window_title;
  GtkWidget            *cancel_button;
  GtkWidget            *import_button;
  GtkStack             *stack;
  AdwPreferencesGroup  *kind_group;
  GtkLabel             *error_label;
  GtkWidget            *target_group;
  AdwComboRow          *job_row;
  AdwComboRow          *copy_row;
  GtkWidget            *options_group;
  AdwEntryRow          *zone_row;
  AdwEntryRow          *exit_row;
  GtkWidget            *create_row;
  GtkSwitch            *create_switch;
  GtkProgressBar       *progress_bar;
  AdwStatusPage        *done_page;

  CustodySession       *session;
  CustodyImportSource  *source;
  GtkStringList        *jobs;
  GtkStringList        *copies;
  GCancellable         *cancellable;     /* reading the file, listing copies */
  GCancellable         *import_cancellable;
  guint                 copies_serial;   /* the latest listing asked for */
  gboolean              importing;
};

G_DEFINE_FINAL_TYPE (CustodyImportDialog, custody_import_dialog, ADW_TYPE_WINDOW)

static gboolean
needs_copy (CustodyImportDialog *self)
{
  CustodyImportFormat format;

  return self->source != NULL && custody_import_source_get_format (self->source, &format) &&
         custody_import_format_needs_copy (format);
}

static const char *
selected_string (AdwComboRow *row)
{
  GObject *item = adw_combo_row_get_selected_item (row);

  return item != NULL ? gtk_string_object_get_string (GTK_STRING_OBJECT (item)) : NULL;
}

/* The exit code typed, -1 for none; FALSE if it is not one. */
static gboolean
typed_exit_code (CustodyImportDialog *self,
                 int                 *code)
{
  g_autofree char *text =
    g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->exit_row))));
  gint64 value;

  *code = -1;
  if (!gtk_widget_get_visible (GTK_WIDGET (self->exit_row)) || text[0] == '\0')
    return TRUE;
  if (!g_ascii_string_to_signed (text, 10, 0, 255, &value, NULL))
    return FALSE;
  *code = (int) value;
  return TRUE;
}

static void
update_import_button (CustodyImportDialog *self)
{
  int code;
  gboolean ready = self->source != NULL && !self->importing &&
                   g_str_equal (gtk_stack_get_visible_child_name (self->stack), "options");

  if (needs_copy (self))
    ready = ready && selected_string (self->job_row) != NULL &&
            selected_string (self->copy_row) != NULL;
  ready = ready && typed_exit_code (self, &code);

  gtk_widget_set_sensitive (self->import_button, ready);
}

static void
show_error (CustodyImportDialog *self,
            const char          *message)
{
  gtk_label_set_text (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
show_done (CustodyImportDialog *self,
           const char          *icon,
           const char          *title,
           const char          *description)
{
  adw_status_page_set_icon_name (self->done_page, icon);
  adw_status_page_set_title (self->done_page, title);
  adw_status_page_set_description (self->done_page, description);
  gtk_stack_set_visible_child_name (self->stack, "done");
  gtk_widget_set_visible (self->import_button, FALSE);
  gtk_button_set_label (GTK_BUTTON (self->cancel_button), _("_Close"));
  gtk_widget_grab_focus (self->cancel_button);
}

/*
 * Callbacks
 */

static gpointer
list_copies_worker (CustodyStore  *store,
                    gpointer       data,
                    GError       **error)
{
  return custody_store_list_copies (store, data, error);
}

typedef struct
{
  CustodyImportDialog *self;
  guint                serial;
} CopiesRequest;

static void
list_copies_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autofree CopiesRequest *request = user_data;
  g_autoptr(CustodyImportDialog) self = request->self;
  g_autoptr(GPtrArray) copies = NULL;
  g_autoptr(GError) error = NULL;

  copies = custody_session_read_finish (CUSTODY_SESSION (source), result, &error);
  /* Only the listing for the job chosen last counts. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      request->serial != self->copies_serial)
    return;
  if (copies == NULL)
    {
      show_error (self, error->message);
      return;
    }

  gtk_string_list_splice (self->copies, 0, g_list_model_get_n_items (G_LIST_MODEL (self->copies)),
                          NULL);
  for (guint i = 0; i < copies->len; i++)
    gtk_string_list_append (self->copies, ((CustodyCopy *) g_ptr_array_index (copies, i))->name);
  adw_combo_row_set_selected (self->copy_row, 0);
  update_import_button (self);
}

static void
on_job_selected_cb (CustodyImportDialog *self)
{
  const char *job = selected_string (self->job_row);
  CopiesRequest *request;

  gtk_string_list_splice (self->copies, 0, g_list_model_get_n_items (G_LIST_MODEL (self->copies)),
                          NULL);
  update_import_button (self);
  if (job == NULL || self->session == NULL)
    return;

  request = g_new0 (CopiesRequest, 1);
  request->self = g_object_ref (self);
  request->serial = ++self->copies_serial;
  custody_session_read_async (self->session, list_copies_worker, g_strdup (job), g_free,
                              (GDestroyNotify) g_ptr_array_unref, self->cancellable,
                              list_copies_cb, request);
}

static void
on_options_changed_cb (CustodyImportDialog *self)
{
  update_import_button (self);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_utf8_collate (*(const char * const *) a, *(const char * const *) b);
}

static void
fill_jobs (CustodyImportDialog *self)
{
  GListModel *jobs = custody_session_get_jobs (self->session);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  for (guint i = 0; jobs != NULL && i < g_list_model_get_n_items (jobs); i++)
    {
      g_autoptr(CustodyJobItem) item = g_list_model_get_item (jobs, i);
      g_ptr_array_add (names, (gpointer) custody_job_item_get_name (item));
    }
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  gtk_string_list_splice (self->jobs, 0, g_list_model_get_n_items (G_LIST_MODEL (self->jobs)),
                          (const char * const *) names->pdata);

  if (names->len == 1)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->target_group),
                                           _("There is no job yet: add the job and its copy in "
                                             "the Jobs view first."));
  else
    on_job_selected_cb (self);
}

static void
load_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(CustodyImportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;
  g_autofree char *size = NULL;
  CustodyImportFormat format;
  gboolean tool;

  self->source = custody_import_source_load_finish (result, &error);
  if (self->source == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_done (self, "dialog-error-symbolic", _("Nothing Was Imported"), error->message);
      return;
    }

  tool = custody_import_source_get_format (self->source, &format);
  size = g_format_size (custody_import_source_get_size (self->source));
  adw_preferences_group_set_title (self->kind_group,
                                   custody_import_source_get_label (self->source));
  /* Translators: "backup.json, 12.3 MB" */
  description = g_strdup_printf (_("%s, %s"), custody_import_source_get_name (self->source), size);
  adw_preferences_group_set_description (self->kind_group, description);

  gtk_widget_set_visible (self->target_group, needs_copy (self));
  gtk_widget_set_visible (GTK_WIDGET (self->zone_row),
                          tool && (format == CUSTODY_IMPORT_BORG ||
                                   format == CUSTODY_IMPORT_BAREOS_JOBS ||
                                   format == CUSTODY_IMPORT_BAREOS_VOLUMES));
  gtk_widget_set_visible (GTK_WIDGET (self->exit_row),
                          tool && custody_import_format_is_check (format));
  gtk_widget_set_visible (self->create_row, tool && format == CUSTODY_IMPORT_BAREOS_JOBS);
  gtk_widget_set_visible (self->options_group,
                          gtk_widget_get_visible (GTK_WIDGET (self->zone_row)) ||
                          gtk_widget_get_visible (GTK_WIDGET (self->exit_row)) ||
                          gtk_widget_get_visible (self->create_row));

  gtk_stack_set_visible_child_name (self->stack, "options");
  if (needs_copy (self))
    fill_jobs (self);
  update_import_button (self);
  gtk_widget_grab_focus (self->import_button);
}

static void
import_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(CustodyImportDialog) self = user_data;
  g_autoptr(CustodyImportResult) outcome = NULL;
  g_autoptr(GError) error = NULL;

  self->importing = FALSE;
  g_clear_object (&self->import_cancellable);
  outcome = custody_import_run_finish (CUSTODY_SESSION (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    show_done (self, "process-stop-symbolic", _("Import Cancelled"),
               _("Nothing was changed."));
  else if (outcome == NULL)
    {
      /* Back to the choices: a wrong job or exit code can be fixed. */
      gtk_stack_set_visible_child_name (self->stack, "options");
      show_error (self, error->message);
      update_import_button (self);
    }
  else
    {
      g_autofree char *text = custody_import_result_describe (outcome);
      show_done (self, "emblem-ok-symbolic", _("Imported"), text);
    }
}

static void
on_import_clicked_cb (CustodyImportDialog *self)
{
  g_autofree char *zone = NULL;
  CustodyImportOptions options;
  int code;

  if (!gtk_widget_get_sensitive (self->import_button) || !typed_exit_code (self, &code))
    return;

  custody_import_options_init (&options);
  if (needs_copy (self))
    {
      options.job = selected_string (self->job_row);
      options.copy = selected_string (self->copy_row);
    }
  if (gtk_widget_get_visible (GTK_WIDGET (self->zone_row)))
    {
      zone = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->zone_row))));
      if (zone[0] != '\0')
        options.time_zone = zone;
    }
  options.exit_code = code;
  options.create = gtk_widget_get_visible (self->create_row) &&
                   gtk_switch_get_active (self->create_switch);

  show_error (self, NULL);
  self->importing = TRUE;
  self->import_cancellable = g_cancellable_new ();
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  gtk_stack_set_visible_child_name (self->stack, "importing");
  update_import_button (self);

  custody_import_run_async (self->session, self->source, &options, self->progress_bar,
                            self->import_cancellable, import_cb, g_object_ref (self));
}

/* Closing while importing cancels: the window stays until the store says
 * the import was undone. */
static gboolean
custody_import_dialog_close_request (GtkWindow *window)
{
  CustodyImportDialog *self = CUSTODY_IMPORT_DIALOG (window);

  if (self->importing)
    {
      g_cancellable_cancel (self->import_cancellable);
      gtk_widget_set_sensitive (self->cancel_button, FALSE);
      return TRUE;
    }

  g_cancellable_cancel (self->cancellable);
  return GTK_WINDOW_CLASS (custody_import_dialog_parent_class)->close_request (window);
}

/*
 * GObject
 */

static void
custody_import_dialog_dispose (GObject *object)
{
  CustodyImportDialog *self = (CustodyImportDialog *) object;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), CUSTODY_TYPE_IMPORT_DIALOG);

  G_OBJECT_CLASS (custody_import_dialog_parent_class)->dispose (object);
}

static void
custody_import_dialog_finalize (GObject *object)
{
  CustodyImportDialog *self = (CustodyImportDialog *) object;

  g_clear_object (&self->session);
  g_clear_pointer (&self->source, custody_import_source_unref);
  g_clear_object (&self->jobs);
  g_clear_object (&self->copies);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->import_cancellable);

  G_OBJECT_CLASS (custody_import_dialog_parent_class)->finalize (object);
}

static void
custody_import_dialog_class_init (CustodyImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = custody_import_dialog_dispose;
  object_class->finalize = custody_import_dialog_finalize;
  window_class->close_request = custody_import_dialog_close_request;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/custody/Custody/ui/"
                                               "custody-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CustodyImportDialog, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, CustodyImportDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, CustodyImportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, CustodyImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, CustodyImportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, CustodyImportDialog, kind_group);
  gtk_widget_class_bind_template_child (widget_class, CustodyImportDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, CustodyImportDialog, target_group);
  gtk_widget_class_bind_template_child (widget_class, CustodyImportDialog, job_row);
  gtk_widget_class_bind_template_child (widget_class, CustodyImportDialog, copy_row);
  gtk_widget_class_bind_template_child (widget_class, CustodyImportDialog, options_group);
  gtk_widget_class_bind_template_child (widget_class, CustodyImportDialog, zone_row);
  gtk_widget_class_bind_template_child (widget_class, CustodyImportDialog, exit_row);
  gtk_widget_class_bind_template_child (widget_class, CustodyImportDialog, create_row);
  gtk_widget_class_bind_template_child (widget_class, CustodyImportDialog, create_switch);
  gtk_widget_class_bind_template_child (widget_class, CustodyImportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, CustodyImportDialog, done_page);
  gtk_widget_class_bind_template_callback (widget_class, on_import_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_job_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_options_changed_cb);
}

static void
custody_import_dialog_init (CustodyImportDialog *self)
{
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();

  gtk_widget_init_template (GTK_WIDGET (self));
  custody_spin_while_mapped (self->loading_spinner);

  self->cancellable = g_cancellable_new ();
  self->jobs = gtk_string_list_new (NULL);
  self->copies = gtk_string_list_new (NULL);
  adw_combo_row_set_model (self->job_row, G_LIST_MODEL (self->jobs));
  adw_combo_row_set_model (self->copy_row, G_LIST_MODEL (self->copies));
  /* What borg and Bareos times are read in unless said otherwise. */
  gtk_editable_set_text (GTK_EDITABLE (self->zone_row), g_time_zone_get_identifier (local));
}

/**
 * custody_import_dialog_new:
 * @file: what to import
 *
 * Returns: (transfer floating): the dialog, reading @file
 */
CustodyImportDialog *
custody_import_dialog_new (GtkWindow      *parent,
                           CustodySession *session,
                           GFile          *file)
{
  CustodyImportDialog *self;
  g_autofree char *name = NULL;

  g_return_val_if_fail (CUSTODY_IS_SESSION (session), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  self = g_object_new (CUSTODY_TYPE_IMPORT_DIALOG, "transient-for", parent, NULL);
  self->session = g_object_ref (session);

  name = g_file_get_basename (file);
  adw_window_title_set_subtitle (self->window_title, name);
  custody_import_source_load_async (file, self->cancellable, load_cb, g_object_ref (self));

  return self;
}
