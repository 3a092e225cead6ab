/* custody-print.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custody-print"

#include "config.h"

#include <glib/gi18n.h>

#include "custody-print.h"

/*
 * Printing
 */

static void
on_draw_page_cb (GtkPrintOperation *operation,
                 GtkPrintContext   *context,
                 int                page,
                 CustodyPrintable  *printable)
{
  custody_printable_draw_page (printable, gtk_print_context_get_cairo_context (context), page);
}

static void
on_print_done_cb (GtkPrintOperation       *operation,
                  GtkPrintOperationResult  result,
                  GtkWidget               *parent)
{
  g_autoptr(GError) error = NULL;

  if (result != GTK_PRINT_OPERATION_RESULT_ERROR)
    return;

  gtk_print_operation_get_error (operation, &error);
  if (error != NULL && GTK_IS_WINDOW (parent))
    {
      AdwMessageDialog *dialog =
        ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (parent), _("Cannot Print"),
                                                    error->message));

      adw_message_dialog_add_response (dialog, "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
    }
}

/**
 * custody_print_printable:
 *
 * Opens the print dialog for a document, on paper of its own size (a
 * label roll, A4), drawn from the paper's corner in points.
 */
void
custody_print_printable (GtkWidget        *parent,
                         CustodyPrintable *printable)
{
  g_autoptr(GtkPrintOperation) operation = gtk_print_operation_new ();
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GError) error = NULL;
  GtkPaperSize *paper;
  GtkRoot *root = parent != NULL ? gtk_widget_get_root (parent) : NULL;
  double width, height;

  g_return_if_fail (CUSTODY_IS_PRINTABLE (printable));

  custody_printable_get_page_size (printable, &width, &height);
  paper = gtk_paper_size_new_custom ("custody", custody_printable_get_title (printable), width,
                                     height, GTK_UNIT_POINTS);
  gtk_page_setup_set_paper_size (setup, paper);
  gtk_page_setup_set_orientation (setup, width > height ? GTK_PAGE_ORIENTATION_LANDSCAPE
                                                        : GTK_PAGE_ORIENTATION_PORTRAIT);
  gtk_paper_size_free (paper);

  gtk_print_operation_set_job_name (operation, custody_printable_get_title (printable));
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_n_pages (operation, custody_printable_get_n_pages (printable));
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_allow_async (operation, TRUE);
  /* The pages are drawn after this returns, once the dialog is answered:
   * the operation's handler keeps the document until then (the callers'
   * copy is long gone, and a page drawn from nothing prints blank). */
  g_signal_connect_data (operation, "draw-page", G_CALLBACK (on_draw_page_cb),
                         g_object_ref (printable), (GClosureNotify) g_object_unref, 0);
  if (root != NULL)
    g_signal_connect_object (operation, "done", G_CALLBACK (on_print_done_cb), root, 0);

  gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                           GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, &error);
  if (error != NULL)
    g_warning ("Cannot print: %s", error->message);
}

/*
 * Saving as PDF
 */

/* A PDF to write, and where: the chooser's answer, then the worker's
 * task data. */
typedef struct
{
  CustodyPage      *page;        /* borrowed: the chooser's handler goes with it */
  CustodyPrintable *printable;
  char             *path;
  char             *store_path;  /* never written over; NULL if none */
} SaveData;

static void
save_data_free (SaveData *save)
{
  g_clear_object (&save->printable);
  g_free (save->path);
  g_free (save->store_path);
  g_free (save);
}

static void
write_worker (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  SaveData *save = task_data;
  g_autoptr(GError) error = NULL;

  if (custody_printable_write_pdf (save->printable, save->path, save->store_path, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static void
write_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(CustodyPage) page = user_data;
  g_autoptr(GError) error = NULL;
  SaveData *save = g_task_get_task_data (G_TASK (result));
  g_autofree char *basename = g_path_get_basename (save->path);
  g_autofree char *text = NULL;
  AdwToast *toast;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      text = g_strdup_printf (_("Cannot save the PDF: %s"), error->message);
      toast = adw_toast_new (text);
      adw_toast_set_timeout (toast, 0);
    }
  else
    {
      text = g_strdup_printf (_("Saved %s"), basename);
      toast = adw_toast_new (text);
    }
  custody_page_toast (page, toast);
}

static void
on_save_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     SaveData        *chosen)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autoptr(GTask) task = g_task_new (NULL, NULL, write_cb, g_object_ref (chosen->page));
      char *path = g_file_get_path (file);
      CustodySession *session = custody_page_get_session (chosen->page);

      if (path != NULL)
        {
          SaveData *save = g_new0 (SaveData, 1);

          save->printable = g_object_ref (chosen->printable);
          save->path = path;
          /* Never over the store: the worker refuses, and the toast says why. */
          if (session != NULL)
            save->store_path = g_strdup (custody_session_get_db_path (session));
          g_task_set_task_data (task, save, (GDestroyNotify) save_data_free);
          g_task_run_in_thread (task, write_worker);
        }
    }
  g_object_unref (chooser);
}

/**
 * custody_save_printable:
 * @suggested_name: "labels.pdf"
 *
 * Asks where, then writes the PDF away from the main thread; a toast
 * says how it went.
 */
void
custody_save_printable (CustodyPage      *page,
                        CustodyPrintable *printable,
                        const char       *suggested_name)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (page));
  SaveData *chosen;
  GClosure *closure;

  g_return_if_fail (CUSTODY_IS_PAGE (page));
  g_return_if_fail (CUSTODY_IS_PRINTABLE (printable));

  chooser = gtk_file_chooser_native_new (_("Save as PDF"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_suffix (filter, "pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), suggested_name);
  /* The handler holds the document; it goes with the page, as a handler
   * connected with g_signal_connect_object would. */
  chosen = g_new0 (SaveData, 1);
  chosen->page = page;
  chosen->printable = g_object_ref (printable);
  closure = g_cclosure_new (G_CALLBACK (on_save_response_cb), chosen,
                            (GClosureNotify) save_data_free);
  g_object_watch_closure (G_OBJECT (page), closure);
  g_signal_connect_closure (chooser, "response", closure, FALSE);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
