/* test-ui-import.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Import dialog on a real store: a file picked or dropped on the
 * window, told apart by its content, imported in a worker thread into
 * the job and copy chosen, with its progress, what it did, a Cancel that
 * leaves the store as it was, and errors that can be fixed on the spot.
 * With CUSTODY_TEST_SCREENSHOTS=DIR it saves what the dialog looks like.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "custody-import-dialog.h"
#include "custody-store-test-utils.h"
#include "custody-store.h"
#include "custody-time.h"
#include "custody-ui-test-utils.h"
#include "custody-window.h"

#define TIMEOUT_MS 20000

typedef CustodyTestWindowFixture Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CustodyStore) store = NULL;

  f->dir = custody_test_make_tmpdir ();
  f->db = g_build_filename (f->dir, "custody.db", NULL);
  store = custody_store_open (f->db, CUSTODY_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  custody_test_add_job (store, "alpha");
  custody_test_add_disk_copy (store, "alpha", "nas");
  custody_test_add_disk_copy (store, "alpha", "usb");
  custody_test_add_job (store, "ws");
  custody_test_add_disk_copy (store, "ws", "cloud");
  custody_test_add_disk_copy (store, "ws", "nas");
  g_clear_object (&store);

  f->window = custody_test_open_window (f->db, 0, 0, 250, 10000);
  custody_test_iterate (50);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  custody_test_window_fixture_clear (f, CUSTODY_TYPE_IMPORT_DIALOG, 50);
}

static gint64
count (Fixture    *f,
       const char *what)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CustodyStore) store = custody_store_open (f->db, CUSTODY_STORE_OPEN_DEFAULT, &error);
  g_autoptr(GPtrArray) runs = NULL;

  g_assert_no_error (error);
  if (g_str_equal (what, "media"))
    {
      g_autoptr(GPtrArray) media = custody_store_list_media (store, NULL, NULL, &error);
      g_assert_no_error (error);
      return media->len;
    }
  runs = custody_store_list_executions (store, what, 0, 1000000, &error);
  g_assert_no_error (error);
  return runs->len;
}

/*
 * The dialog, as a user sees it
 */

static GtkWidget *
dialog (void)
{
  return GTK_WIDGET (custody_test_find_toplevel (CUSTODY_TYPE_IMPORT_DIALOG));
}

static GtkStack *
dialog_stack (void)
{
  return GTK_STACK (custody_test_find (dialog (), GTK_TYPE_STACK, NULL));
}

typedef struct
{
  const char *page;
} PageWait;

static gboolean
dialog_shows (gpointer data)
{
  PageWait *wait = data;

  return dialog () != NULL && gtk_widget_get_mapped (dialog ()) &&
         g_strcmp0 (gtk_stack_get_visible_child_name (dialog_stack ()), wait->page) == 0;
}

static void
wait_for_page (const char *page)
{
  PageWait wait = { page };

  if (!custody_test_wait_for (dialog_shows, &wait, TIMEOUT_MS))
    g_error ("the import dialog never showed its '%s' page (it shows '%s')", page,
             dialog () != NULL ? gtk_stack_get_visible_child_name (dialog_stack ()) : "nothing");
  custody_test_iterate (50);
}

static GtkWidget *
import_button (void)
{
  GtkWidget *button = custody_test_find (dialog (), GTK_TYPE_BUTTON, "_Import");

  g_assert_nonnull (button);
  return button;
}

static gboolean
widget_sensitive (gpointer data)
{
  return gtk_widget_is_sensitive (data);
}

static AdwComboRow *
combo (const char *title)
{
  GtkWidget *row = custody_test_find (dialog (), ADW_TYPE_COMBO_ROW, title);

  g_assert_nonnull (row);
  return ADW_COMBO_ROW (row);
}

/* Chooses the item of a combo row that says @text. */
static void
choose (const char *title,
        const char *text)
{
  AdwComboRow *row = combo (title);
  GListModel *model = adw_combo_row_get_model (row);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

      if (g_str_equal (gtk_string_object_get_string (item), text))
        {
          adw_combo_row_set_selected (row, i);
          return;
        }
    }
  g_error ("%s offers no '%s'", title, text);
}

typedef struct
{
  const char *title;
  const char *text;
} OfferWait;

static gboolean
combo_offers (gpointer data)
{
  OfferWait *wait = data;
  GListModel *model = adw_combo_row_get_model (combo (wait->title));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

      if (g_str_equal (gtk_string_object_get_string (item), wait->text))
        return TRUE;
    }
  return FALSE;
}

static void
wait_for_offer (const char *title,
                const char *text)
{
  OfferWait wait = { title, text };

  g_assert_true (custody_test_wait_for (combo_offers, &wait, TIMEOUT_MS));
}

static void
click (GtkWidget *button)
{
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

static const char *
done_description (void)
{
  GtkWidget *page = gtk_stack_get_visible_child (dialog_stack ());

  g_assert_true (ADW_IS_STATUS_PAGE (page));
  return adw_status_page_get_description (ADW_STATUS_PAGE (page));
}

static const char *
done_title (void)
{
  GtkWidget *page = gtk_stack_get_visible_child (dialog_stack ());

  g_assert_true (ADW_IS_STATUS_PAGE (page));
  return adw_status_page_get_title (ADW_STATUS_PAGE (page));
}

/* With CUSTODY_TEST_SCREENSHOTS=DIR, the dialog as it is now, as a PNG. */
static void
screenshot (const char *name)
{
  const char *dir = g_getenv ("CUSTODY_TEST_SCREENSHOTS");
  GtkWidget *widget = dialog ();
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  GskRenderer *renderer;

  if (dir == NULL || widget == NULL)
    return;
  custody_test_iterate (300);
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, gtk_widget_get_width (widget),
                          gtk_widget_get_height (widget));
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    return;
  renderer = gtk_native_get_renderer (GTK_NATIVE (widget));
  texture = gsk_renderer_render_texture (renderer, node, NULL);
  path = g_build_filename (dir, name, NULL);
  gdk_texture_save_to_png (texture, path);
}

static gboolean
progress_full (gpointer data)
{
  GtkProgressBar *bar = GTK_PROGRESS_BAR (custody_test_find (dialog (), GTK_TYPE_PROGRESS_BAR,
                                                             NULL));

  return gtk_progress_bar_get_fraction (bar) >= 1.0;
}

/*
 * Tests
 */

/* restic names no job: the dialog asks for it, imports into it, and says
 * what it did. */
static void
test_restic_snapshots_go_to_the_job_chosen (Fixture       *f,
                                            gconstpointer  data)
{
  g_autofree char *path = custody_test_fixture_path ("import", "restic-0.19-snapshots.json");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  AdwPreferencesGroup *kind;

  custody_window_import_file (f->window, file);
  wait_for_page ("options");

  kind = ADW_PREFERENCES_GROUP (custody_test_find (dialog (), ADW_TYPE_PREFERENCES_GROUP, NULL));
  g_assert_cmpstr (adw_preferences_group_get_title (kind), ==, "restic snapshots");
  g_assert_true (g_str_has_prefix (adw_preferences_group_get_description (kind),
                                   "restic-0.19-snapshots.json, "));
  /* Nothing to ask of restic but the job and copy. */
  g_assert_false (gtk_widget_get_mapped (custody_test_find (dialog (), ADW_TYPE_ENTRY_ROW,
                                                            "_Time Zone of Times Written Without "
                                                            "One")));

  choose ("_Job", "ws");
  wait_for_offer ("C_opy", "cloud");
  choose ("C_opy", "nas");
  g_assert_true (custody_test_wait_for (widget_sensitive, import_button (), TIMEOUT_MS));
  screenshot ("import-options.png");
  click (import_button ());

  wait_for_page ("done");
  g_assert_cmpstr (done_title (), ==, "Imported");
  g_assert_cmpstr (done_description (), ==, "2 added, 0 updated, 0 already known");
  g_assert_true (custody_test_wait_for (progress_full, NULL, TIMEOUT_MS));
  screenshot ("import-done.png");
  g_assert_cmpint (count (f, "ws"), ==, 2);
  g_assert_cmpint (count (f, "alpha"), ==, 0);

  /* The same file again: already known, nothing added. */
  gtk_window_destroy (GTK_WINDOW (dialog ()));
  custody_window_import_file (f->window, file);
  wait_for_page ("options");
  choose ("_Job", "ws");
  wait_for_offer ("C_opy", "cloud");
  choose ("C_opy", "nas");
  g_assert_true (custody_test_wait_for (widget_sensitive, import_button (), TIMEOUT_MS));
  click (import_button ());
  wait_for_page ("done");
  g_assert_cmpstr (done_description (), ==, "0 added, 0 updated, 2 already known");
  g_assert_cmpint (count (f, "ws"), ==, 2);
}

/* A file dropped on the window is imported like one picked. */
static void
test_dropped_bareos_volumes_are_imported (Fixture       *f,
                                          gconstpointer  data)
{
  g_autofree char *path = custody_test_fixture_path ("import", "bareos-list-volumes-docs.txt");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GtkDropTarget *target = NULL;
  g_auto(GValue) value = G_VALUE_INIT;
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (f->window));
  GSList *files = g_slist_prepend (NULL, file);
  gboolean accepted = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && target == NULL; i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        target = GTK_DROP_TARGET (controller);
    }
  g_assert_nonnull (target);

  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_list (files));
  g_slist_free (files);
  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &accepted);
  g_assert_true (accepted);

  wait_for_page ("options");
  /* Bareos names its pools: no job to ask for; its local times need a zone. */
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (combo ("_Job"))));
  g_assert_true (gtk_widget_get_mapped (custody_test_find (dialog (), ADW_TYPE_ENTRY_ROW,
                                                           "_Time Zone of Times Written Without "
                                                           "One")));
  g_assert_true (custody_test_wait_for (widget_sensitive, import_button (), TIMEOUT_MS));
  click (import_button ());

  wait_for_page ("done");
  g_assert_cmpstr (done_title (), ==, "Imported");
  g_assert_true (g_str_has_prefix (done_description (), "1 added, 0 updated, 0 already known\n"
                                                        "Times without a zone were read in UTC"));
  g_assert_cmpint (count (f, "media"), ==, 1);
}

/* 60,000 snapshots take a while: Cancel stops the import, and the store
 * is as it was. */
static void
test_cancel_leaves_the_store_as_it_was (Fixture       *f,
                                        gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "snapshots.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GString) json = g_string_new ("[");
  g_autoptr(GError) error = NULL;
  GtkWidget *cancel;

  for (guint i = 0; i < 60000; i++)
    g_string_append_printf (json,
                            "%s{\"time\":\"2026-11-%02uT%02u:%02u:00Z\",\"tree\":\"%064x\","
                            "\"paths\":[\"/srv\"],\"hostname\":\"h\",\"id\":\"%064x\"}",
                            i == 0 ? "" : ",", 1 + i / 2880, (i / 120) % 24, (i / 2) % 60, i, i);
  g_string_append (json, "]");
  g_file_set_contents (path, json->str, (gssize) json->len, &error);
  g_assert_no_error (error);

  custody_window_import_file (f->window, file);
  wait_for_page ("options");
  choose ("_Job", "alpha");
  wait_for_offer ("C_opy", "usb");
  choose ("C_opy", "usb");
  g_assert_true (custody_test_wait_for (widget_sensitive, import_button (), TIMEOUT_MS));
  click (import_button ());
  g_assert_cmpstr (gtk_stack_get_visible_child_name (dialog_stack ()), ==, "importing");
  screenshot ("import-progress.png");

  /* Closing while it imports is a Cancel: the dialog stays to say so. */
  cancel = custody_test_find (dialog (), GTK_TYPE_BUTTON, "_Cancel");
  g_assert_nonnull (cancel);
  gtk_widget_activate_action (cancel, "window.close", NULL);
  wait_for_page ("done");
  g_assert_cmpstr (done_title (), ==, "Import Cancelled");
  g_assert_cmpstr (done_description (), ==, "Nothing was changed.");
  g_assert_cmpint (count (f, "alpha"), ==, 0);
}

/* A broken file: the error names the place, the choices stay, and after
 * fixing what was chosen the import can be tried again. */
static void
test_errors_name_the_place_and_can_be_fixed (Fixture       *f,
                                             gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "check.txt", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  GtkLabel *label;
  GtkEditable *exit_code;

  /* restic check's text without its end: only the exit code says. */
  g_file_set_contents (path, "load indexes\ncheck all packs\ncheck snapshots, trees and blobs\n",
                       -1, &error);
  g_assert_no_error (error);

  custody_window_import_file (f->window, file);
  wait_for_page ("options");
  choose ("_Job", "alpha");
  wait_for_offer ("C_opy", "usb");
  choose ("C_opy", "nas");
  exit_code = GTK_EDITABLE (custody_test_find (dialog (), ADW_TYPE_ENTRY_ROW,
                                               "_Exit Code the Check Returned"));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (exit_code)));

  /* Not an exit code: Import waits. */
  gtk_editable_set_text (exit_code, "300");
  custody_test_iterate (50);
  g_assert_false (gtk_widget_is_sensitive (import_button ()));

  gtk_editable_set_text (exit_code, "");
  g_assert_true (custody_test_wait_for (widget_sensitive, import_button (), TIMEOUT_MS));
  click (import_button ());
  wait_for_page ("options");
  label = GTK_LABEL (custody_test_find (dialog (), GTK_TYPE_LABEL,
                                        "check.txt: the output does not say how the check ended: "
                                        "give the exit code of restic check (--exit-code)"));
  g_assert_nonnull (label);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (label)));
  screenshot ("import-error.png");

  gtk_editable_set_text (exit_code, "1");
  g_assert_true (custody_test_wait_for (widget_sensitive, import_button (), TIMEOUT_MS));
  click (import_button ());
  wait_for_page ("done");
  g_assert_cmpstr (done_description (), ==, "1 added, 0 updated, 0 already known");
}

/* Something Custody cannot import says so, naming it. */
static void
test_unknown_file_says_what_it_is_not (Fixture       *f,
                                       gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "notes.txt", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, "Remember to take the Friday tapes home.\n", -1, &error);
  g_assert_no_error (error);

  custody_window_import_file (f->window, file);
  wait_for_page ("done");
  g_assert_cmpstr (done_title (), ==, "Nothing Was Imported");
  g_assert_cmpstr (done_description (), ==,
                   "“notes.txt” is not a file Custody can import: it is neither the output of "
                   "restic, borg or Bareos nor a CSV file of jobs, media or runs");
  g_assert_null (custody_test_find (dialog (), GTK_TYPE_BUTTON, "_Cancel"));
  g_assert_nonnull (custody_test_find (dialog (), GTK_TYPE_BUTTON, "_Close"));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add ("/ui/import/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("restic-snapshots-go-to-the-job-chosen", test_restic_snapshots_go_to_the_job_chosen);
  ADD ("dropped-bareos-volumes-are-imported", test_dropped_bareos_volumes_are_imported);
  ADD ("cancel-leaves-the-store-as-it-was", test_cancel_leaves_the_store_as_it_was);
  ADD ("errors-name-the-place-and-can-be-fixed", test_errors_name_the_place_and_can_be_fixed);
  ADD ("unknown-file-says-what-it-is-not", test_unknown_file_says_what_it_is_not);

#undef ADD

  return g_test_run ();
}
