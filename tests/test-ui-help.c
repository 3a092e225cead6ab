/* test-ui-help.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Help and the app's icon, on a system without a help viewer: the main
 * menu's Help item works, F1 says what to install instead of GIO's
 * "Operation not supported", and the icon About and the welcome page
 * show is found by name.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <unistd.h>

#include "custody-application.h"
#include "custody-ui-test-utils.h"
#include "custody-window.h"

typedef struct
{
  char          *dir;
  CustodyWindow *window;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *db = NULL;

  f->dir = custody_test_make_tmpdir ();
  db = g_build_filename (f->dir, "custody.db", NULL);
  f->window = custody_window_new (NULL, db);
  gtk_window_present (GTK_WINDOW (f->window));
  custody_test_iterate (100);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  while (g_list_model_get_n_items (toplevels) > 0)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, 0);
      gtk_window_destroy (window);
    }
  custody_test_iterate (50);
  custody_test_remove_tmpdir (f->dir);
  g_free (f->dir);
}

/* Whether @model, or one of its sections, has an item labelled @label. */
static gboolean
model_has_label (GMenuModel *model,
                 const char *label)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autofree char *text = NULL;
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (model, i, G_MENU_LINK_SECTION);

      if (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_LABEL, "s", &text)
          && g_str_equal (text, label))
        return TRUE;
      if (section != NULL && model_has_label (section, label))
        return TRUE;
    }
  return FALSE;
}

/* The window's main menu button: the one with Help. */
static GtkWidget *
find_main_menu_button (GtkWidget *root)
{
  if (GTK_IS_MENU_BUTTON (root) && gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (root)) != NULL
      && model_has_label (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (root)), "_Help"))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_main_menu_button (child);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The menu item showing @text, once the menu is open. */
static GtkWidget *
find_menu_item (GtkWidget  *root,
                const char *text)
{
  g_autofree char *label = NULL;

  if (g_str_equal (G_OBJECT_TYPE_NAME (root), "GtkModelButton"))
    {
      g_object_get (root, "text", &label, NULL);
      if (g_strcmp0 (label, text) == 0)
        return root;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_menu_item (child, text);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_menu_help_enabled (Fixture       *f,
                        gconstpointer  data)
{
  GtkWidget *button = find_main_menu_button (GTK_WIDGET (f->window));
  GtkPopover *popover;
  GtkWidget *item;

  g_assert_nonnull (button);
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  custody_test_iterate (100);
  popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (button));
  g_assert_nonnull (popover);
  item = find_menu_item (GTK_WIDGET (popover), "Help");
  g_assert_nonnull (item);
  g_assert_true (gtk_widget_is_sensitive (item));
  gtk_menu_button_popdown (GTK_MENU_BUTTON (button));
}

static gboolean
message_shown (gpointer data)
{
  return custody_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL;
}

static void
test_help_without_viewer (Fixture       *f,
                          gconstpointer  data)
{
  AdwMessageDialog *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.help", NULL));
  g_assert_true (custody_test_wait_for (message_shown, NULL, 10000));
  dialog = ADW_MESSAGE_DIALOG (custody_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "No Help Viewer");
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==,
                   "Install the Help viewer (yelp) to read the manual.");
}

static void
test_icon_in_theme (void)
{
  g_autoptr(CustodyApplication) app = custody_application_new (APP_ID);
  g_autoptr(GError) error = NULL;
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gdk_display_get_default ());

  /* Started as the app starts: AdwApplication adds its resources' icons. */
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_assert_true (gtk_icon_theme_has_icon (theme, APP_ID));
  g_assert_true (gtk_icon_theme_has_icon (theme, "io.github.custody.Custody-symbolic"));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *empty = g_dir_make_tmp ("custody-no-viewer-XXXXXX", NULL);
  g_autofree char *mime = g_build_filename (empty, "mime", NULL);
  const char *dirs[] = { "XDG_DATA_DIRS", "XDG_DATA_HOME", "XDG_CONFIG_DIRS", "XDG_CONFIG_HOME" };
  const char * const *system = g_get_system_data_dirs ();
  int status;

  /* A system without Yelp, whatever this one has: no application and no
   * MIME association for help: URIs anywhere GIO looks; only the MIME
   * database, for GTK to tell an SVG icon. */
  for (guint i = 0; system[i] != NULL; i++)
    {
      g_autofree char *path = g_build_filename (system[i], "mime", NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR) && symlink (path, mime) == 0)
        break;
    }
  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    g_setenv (dirs[i], empty, TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/ui/help/menu-item-enabled", Fixture, NULL, fixture_set_up, test_menu_help_enabled,
              fixture_tear_down);
  g_test_add ("/ui/help/without-a-viewer-says-what-to-install", Fixture, NULL, fixture_set_up,
              test_help_without_viewer, fixture_tear_down);
  g_test_add_func ("/ui/help/app-icon-in-the-icon-theme", test_icon_in_theme);

  status = g_test_run ();
  g_unlink (mime);
  g_rmdir (empty);
  return status;
}
