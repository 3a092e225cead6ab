/* custody-media-page-actions.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custody-media-page"

#include "config.h"

#include <glib/gi18n.h>

#include "custody-add-media-dialog.h"
#include "custody-desk-list-window.h"
#include "custody-form.h"
#include "custody-handoff-dialog.h"
#include "custody-inventory-dialog.h"
#include "custody-labels-dialog.h"
#include "custody-media-page-private.h"
#include "custody-medium-editor.h"
#include "custody-move-dialog.h"
#include "custody-print.h"
#include "custody-reconcile-dialog.h"
#include "custody-reconciliation-certificate.h"
#include "custody-reconciliation-dialog.h"
#include "custody-release-dialog.h"
#include "custody-time.h"
#include "custody-ui-utils.h"
#include "custody-volser.h"

/* The media page's actions: the dialogs that add, edit, move and release
 * volumes, print labels and hand-off sheets, reconcile a location and
 * import a library's inventory, and the writes they end in. A write the
 * compliance guard refuses is asked about, then done again confirmed. */

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

      adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "confirm",
                                        _("Do It _Anyway"), NULL);
      adw_message_dialog_set_response_appearance (dialog, "confirm", ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_set_default_response (dialog, "cancel");
      adw_message_dialog_set_close_response (dialog, "cancel");
      g_signal_connect_data (dialog, "response", G_CALLBACK (on_confirm_response_cb),
                             g_steal_pointer (&r), (GClosureNotify) reply_free, 0);
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  custody_page_toast_error (CUSTODY_PAGE (r->page), r->failed, error);
}

static gboolean
write_add (CustodyStore  *store,
           gpointer       data,
           GError       **error)
{
  Write *w = data;

  if (w->last != NULL && w->last[0] != '\0')
    return custody_store_add_media_range (store, w->first, w->last, w->medium, w->location, NULL,
                                          error);
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
on_add_response_cb (CustodyAddMediaDialog *dialog,
                    const char            *response,
                    CustodyMediaPage      *self)
{
  Write *w;
  g_autofree char *type = NULL;
  g_autofree char *done = NULL;
  const char *pool, *location;
  guint n = 1;

  if (!g_str_equal (response, "add"))
    return;

  w = g_new0 (Write, 1);
  w->first = custody_add_media_dialog_dup_first (dialog);
  w->last = custody_add_media_dialog_dup_last (dialog);
  type = custody_add_media_dialog_dup_type (dialog);
  pool = custody_add_media_dialog_get_pool (dialog);
  location = custody_add_media_dialog_get_location (dialog);

  if (type[0] == '\0')
    {
      g_free (type);
      type = custody_volser_media_type (w->first);
    }
  w->medium = custody_medium_new ();
  w->medium->type = g_strdup (type != NULL ? type : "");
  w->medium->pool = g_strdup (pool);
  w->location = g_strdup (location);

  if (w->last[0] != '\0')
    {
      g_auto(GStrv) range = custody_volser_range (w->first, w->last, CUSTODY_STORE_MAX_RANGE, NULL);
      n = range != NULL ? g_strv_length (range) : 0;
    }
  done = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Added %u volume", "Added %u volumes", n),
                          n);
  run_write (self, write_add, w, done, _("Nothing was added"));
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  CustodyMediaPage *self = CUSTODY_MEDIA_PAGE (widget);
  CustodyAddMediaDialog *dialog;

  dialog = custody_add_media_dialog_new (widget, self->pools, self->locations);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_add_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Edit */

static void
on_edit_response_cb (CustodyMediumEditor *dialog,
                     const char          *response,
                     CustodyMediaPage    *self)
{
  CustodyMedium *shown = custody_medium_detail_get_medium (self->detail);
  g_autofree char *done = NULL;
  g_autoptr(GError) error = NULL;
  Write *w;

  if (!g_str_equal (response, "save") || shown == NULL)
    return;

  w = g_new0 (Write, 1);
  w->volser = g_strdup (shown->volser);
  w->medium = custody_medium_editor_dup_medium (dialog, &error);
  if (w->medium == NULL)
    {
      custody_page_toast_error (CUSTODY_PAGE (self), _("Not saved"), error);
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
  CustodyMediumEditor *dialog;

  if (m == NULL)
    return;

  dialog = custody_medium_editor_new (widget, m, self->pools);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_edit_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Retire, return to scratch */

static void
on_release_response_cb (CustodyReleaseDialog *dialog,
                        const char           *response,
                        CustodyMediaPage     *self)
{
  CustodyMedium *m = custody_medium_detail_get_medium (self->detail);
  CustodyMediumStatus status = custody_release_dialog_get_status (dialog);
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
  w->medium->retention_until = status == CUSTODY_MEDIUM_SCRATCH ? CUSTODY_TIME_NONE
                               : m->retention_until;
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
  CustodyReleaseDialog *dialog;

  if (m == NULL)
    return;

  dialog = custody_release_dialog_new (widget, m,
                                       retire ? CUSTODY_MEDIUM_RETIRED : CUSTODY_MEDIUM_SCRATCH);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_release_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Move */

static void
on_move_response_cb (CustodyMoveDialog *dialog,
                     const char        *response,
                     CustodyMediaPage  *self)
{
  CustodyMedium *m = custody_medium_detail_get_medium (self->detail);
  g_autofree char *done = NULL;
  Write *w;

  if (!g_str_equal (response, "move") || m == NULL)
    return;

  w = g_new0 (Write, 1);
  w->volser = g_strdup (m->volser);
  w->movement = custody_move_dialog_dup_movement (dialog);
  if (w->movement == NULL)
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
  CustodyMoveDialog *dialog;

  if (m == NULL || self->locations == NULL || self->locations->len == 0)
    return;

  dialog = custody_move_dialog_new (widget, m, self->locations);
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

/* One of Today's lists, whole */
static void
desk_list_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CustodyDesk *desk = custody_media_page_get_desk (CUSTODY_MEDIA_PAGE (widget));
  CustodyDeskList list;

  if (desk == NULL || !custody_desk_list_from_string (g_variant_get_string (parameter, NULL),
                                                      &list))
    return;
  gtk_window_present (GTK_WINDOW (custody_desk_list_window_new (widget, desk, list)));
}

/* Labels */

static void
on_labels_response_cb (CustodyLabelsDialog *dialog,
                       const char          *response,
                       CustodyMediaPage    *self)
{
  g_autoptr(CustodyLabels) labels = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "print") && !g_str_equal (response, "save"))
    return;

  labels = custody_labels_dialog_dup_labels (dialog, &error);
  if (labels == NULL)
    {
      custody_page_toast_error (CUSTODY_PAGE (self), _("No labels"), error);
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
  CustodyLabelsDialog *dialog = custody_labels_dialog_new (GTK_WIDGET (self), first);

  g_signal_connect_object (dialog, "response", G_CALLBACK (on_labels_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Ctrl+P: the labels of the volume selected, if one is, else of a range to type. */
static void
print_labels_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CustodyMediaPage *self = CUSTODY_MEDIA_PAGE (widget);
  CustodyMedium *m = gtk_single_selection_get_selected_item (self->selection);

  print_labels_dialog (self, m != NULL ? m->volser : NULL);
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
on_handoff_response_cb (CustodyHandoffDialog *dialog,
                        const char           *response,
                        CustodyMediaPage     *self)
{
  CustodyDesk *desk = custody_media_page_get_desk (self);
  g_autoptr(CustodyHandoffSheet) sheet = NULL;

  if ((!g_str_equal (response, "print") && !g_str_equal (response, "save")) || desk == NULL)
    return;

  sheet = custody_handoff_dialog_dup_sheet (dialog, desk);
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
  CustodyDeskList list = CUSTODY_DESK_SEND_OFFSITE;
  CustodyHandoffDialog *dialog;

  custody_desk_list_from_string (g_variant_get_string (parameter, NULL), &list);
  dialog = custody_handoff_dialog_new (widget, list);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_handoff_response_cb), widget, 0);
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

  return custody_store_reconcile (store, d->location, (const char * const *) d->scanned, NULL,
                                  "scan", error);
}

static void
on_certificate_response_cb (CustodyReconciliationDialog *dialog,
                            const char                  *response,
                            CustodyMediaPage            *self)
{
  CustodyReconciliation *r = custody_reconciliation_dialog_get_reconciliation (dialog);
  g_autoptr(CustodyReconciliationCertificate) certificate =
    custody_reconciliation_certificate_new (r);

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
  CustodyReconciliationDialog *dialog;

  r = custody_session_read_finish (CUSTODY_SESSION (source), result, &error);
  if (r == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        custody_page_toast_error (CUSTODY_PAGE (self), _("Not reconciled"), error);
      return;
    }
  custody_session_reload (CUSTODY_SESSION (source));

  dialog = custody_reconciliation_dialog_new (GTK_WIDGET (self), r);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_certificate_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_reconcile_response_cb (CustodyReconcileDialog *dialog,
                          const char             *response,
                          CustodyMediaPage       *self)
{
  const char *location = custody_reconcile_dialog_get_location (dialog);
  ReconcileData *d;

  if (!g_str_equal (response, "reconcile") || location == NULL)
    return;

  d = g_new0 (ReconcileData, 1);
  d->location = g_strdup (location);
  d->scanned = custody_reconcile_dialog_dup_scanned (dialog);
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
  CustodyReconcileDialog *dialog;

  if (self->locations == NULL || self->locations->len == 0)
    return;

  dialog = custody_reconcile_dialog_new (widget, self->locations);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_reconcile_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Library inventory */

typedef struct
{
  CustodyMediaPage *page;
  GFile            *file;
  char             *library;
} InventoryData;

static void
inventory_data_free (gpointer data)
{
  InventoryData *d = data;

  g_clear_object (&d->page);
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
  if (!custody_store_import_mtx (store, G_INPUT_STREAM (input), d->library, stats, NULL, NULL,
                                 error))
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
  g_autofree CustodyImportStats *stats = custody_session_read_finish (CUSTODY_SESSION (source),
                                                                      result, &error);
  g_autofree char *text = NULL;
  g_autofree char *added = NULL, *updated = NULL, *unchanged = NULL;

  if (stats == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        custody_page_toast_error (CUSTODY_PAGE (self), _("Nothing was imported"), error);
      return;
    }
  custody_session_reload (CUSTODY_SESSION (source));
  added = g_strdup_printf ("%" G_GUINT64_FORMAT, stats->added);
  updated = g_strdup_printf ("%" G_GUINT64_FORMAT, stats->updated);
  unchanged = g_strdup_printf ("%" G_GUINT64_FORMAT, stats->unchanged);
  text = g_strdup_printf (_("Library inventory: %s added, %s updated, %s unchanged"), added,
                          updated, unchanged);
  custody_page_toast (CUSTODY_PAGE (self), adw_toast_new (text));
}

/* @chosen: the library, and the page to import for, while the file is
 * chosen */
static void
on_inventory_file_cb (GtkNativeDialog *chooser,
                      int              response,
                      InventoryData   *chosen)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      CustodyMediaPage *self = chosen->page;
      InventoryData *d = g_new0 (InventoryData, 1);

      d->file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      d->library = g_strdup (chosen->library);
      custody_session_read_async (custody_page_get_session (CUSTODY_PAGE (self)),
                                  import_inventory_worker, d, inventory_data_free, g_free,
                                  custody_page_get_cancellable (CUSTODY_PAGE (self)),
                                  import_inventory_cb, g_object_ref (self));
    }
  g_object_unref (chooser);
}

static void
on_inventory_response_cb (CustodyInventoryDialog *dialog,
                          const char             *response,
                          CustodyMediaPage       *self)
{
  GtkFileChooserNative *chooser;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  InventoryData *chosen;

  if (!g_str_equal (response, "choose"))
    return;

  chooser = gtk_file_chooser_native_new (_("Library Inventory (mtx status)"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), _("_Cancel"));
  chosen = g_new0 (InventoryData, 1);
  chosen->page = g_object_ref (self);
  chosen->library = g_strdup (custody_inventory_dialog_get_library (dialog));
  g_signal_connect_data (chooser, "response", G_CALLBACK (on_inventory_file_cb), chosen,
                         (GClosureNotify) inventory_data_free, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
import_inventory_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  CustodyMediaPage *self = CUSTODY_MEDIA_PAGE (widget);
  g_auto(GStrv) libraries = custody_form_names (self->locations, CUSTODY_FORM_LIBRARIES, NULL);
  CustodyInventoryDialog *dialog;

  if (libraries[0] == NULL)
    {
      custody_page_toast (CUSTODY_PAGE (self),
                          adw_toast_new (_("Add a location of kind library first: "
                                           "an inventory describes one")));
      return;
    }

  dialog = custody_inventory_dialog_new (widget, (const char * const *) libraries);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_inventory_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Navigation */

static void
open_volume_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  custody_media_page_select_volume (CUSTODY_MEDIA_PAGE (widget),
                                    g_variant_get_string (parameter, NULL));
}

void
custody_media_page_class_add_actions (CustodyMediaPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "media.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "media.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "media.move", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "media.release", "s", release_action);
  gtk_widget_class_install_action (widget_class, "media.scan", "s", scan_action);
  gtk_widget_class_install_action (widget_class, "media.desk-list", "s", desk_list_action);
  gtk_widget_class_install_action (widget_class, "media.print-labels", NULL, print_labels_action);
  gtk_widget_class_install_action (widget_class, "media.print-label", NULL, print_label_action);
  gtk_widget_class_install_action (widget_class, "media.handoff", "s", handoff_action);
  gtk_widget_class_install_action (widget_class, "media.reconcile", NULL, reconcile_action);
  gtk_widget_class_install_action (widget_class, "media.import-inventory", NULL,
                                   import_inventory_action);
  gtk_widget_class_install_action (widget_class, "media.open-volume", "s", open_volume_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "media.add",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK,
                                       "media.print-labels", NULL);
}
