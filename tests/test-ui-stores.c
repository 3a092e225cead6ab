/* test-ui-stores.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opening stores from the main menu: the recent stores (the most recent
 * first, at most ten, those that are gone left out) and the demo data,
 * which says where its store is.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "custody-store.h"
#include "custody-ui-test-utils.h"
#include "custody-window.h"

#define N_STORES 12

typedef struct
{
  char          *dir;
  char          *paths[N_STORES];
  CustodyWindow *window;
  GSettings     *settings;
} Fixture;

static gboolean
session_loaded (gpointer data)
{
  CustodySession *session = custody_window_get_session (data);

  return session != NULL && custody_session_get_loaded (session);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = custody_test_make_tmpdir ();
  for (guint i = 0; i < N_STORES; i++)
    {
      g_autofree char *name = g_strdup_printf ("store_%02u.db", i);
      g_autoptr(CustodyStore) store = NULL;
      g_autoptr(GError) error = NULL;

      f->paths[i] = g_build_filename (f->dir, name, NULL);
      store = custody_store_open (f->paths[i], CUSTODY_STORE_OPEN_CREATE, &error);
      g_assert_no_error (error);
    }
  f->settings = g_settings_new ("io.github.custody.Custody");
  g_settings_reset (f->settings, "recent-stores");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->window != NULL)
    gtk_window_destroy (GTK_WINDOW (f->window));
  custody_test_iterate (100);
  g_settings_reset (f->settings, "recent-stores");
  g_clear_object (&f->settings);
  custody_test_remove_tmpdir (f->dir);
  g_free (f->dir);
  for (guint i = 0; i < N_STORES; i++)
    g_free (f->paths[i]);
}

static void
open_and_wait (Fixture    *f,
               const char *path)
{
  custody_window_open_store (f->window, path);
  g_assert_true (custody_test_wait_for (session_loaded, f->window, 20000));
  custody_test_iterate (50);
}

/* The main menu's button (F10's). */
static GtkWidget *
primary_menu_button (GtkWidget *root)
{
  if (GTK_IS_MENU_BUTTON (root) && gtk_menu_button_get_primary (GTK_MENU_BUTTON (root)))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = primary_menu_button (child);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The stores the main menu's "Open Recent" submenu offers, or NULL. */
static GStrv
recent_menu_labels (Fixture *f)
{
  GtkWidget *button = primary_menu_button (GTK_WIDGET (f->window));
  GMenuModel *menu = NULL;
  g_autoptr(GStrvBuilder) labels = g_strv_builder_new ();
  g_autoptr(GMenuModel) section = NULL;

  g_assert_nonnull (button);
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  custody_test_iterate (200);
  gtk_menu_button_popdown (GTK_MENU_BUTTON (button));

  menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (button));
  section = g_menu_model_get_item_link (menu, 0, G_MENU_LINK_SECTION);
  g_assert_nonnull (section);
  for (int i = 0; i < g_menu_model_get_n_items (section); i++)
    {
      g_autoptr(GMenuModel) submenu = g_menu_model_get_item_link (section, i,
                                                                  G_MENU_LINK_SUBMENU);

      if (submenu == NULL)
        continue;
      for (int j = 0; j < g_menu_model_get_n_items (submenu); j++)
        {
          g_autoptr(GVariant) target = g_menu_model_get_item_attribute_value (
            submenu, j, G_MENU_ATTRIBUTE_TARGET, G_VARIANT_TYPE_STRING);

          g_assert_nonnull (target);
          g_strv_builder_add (labels, g_variant_get_string (target, NULL));
        }
      return g_strv_builder_end (labels);
    }
  return NULL;
}

/*
 * Tests
 */

static void
test_recent_stores (Fixture       *f,
                    gconstpointer  data)
{
  const guint order[] = { 11, 10, 9, 8, 7, 6, 5, 3, 4, 2 };
  g_auto(GStrv) recent = NULL;
  g_auto(GStrv) shown = NULL;
  g_auto(GStrv) after = NULL;

  /* A store alone offers nothing yet. */
  f->window = custody_window_new (NULL, f->paths[0]);
  gtk_window_present (GTK_WINDOW (f->window));
  g_assert_true (custody_test_wait_for (session_loaded, f->window, 20000));
  custody_test_iterate (50);
  shown = recent_menu_labels (f);
  g_assert_null (shown);

  /* Twelve stores, one after the other, and store 3 again after store
   * 4: the ten most recent are kept, the latest first, each once. */
  for (guint i = 1; i < N_STORES; i++)
    {
      open_and_wait (f, f->paths[i]);
      if (i == 4)
        open_and_wait (f, f->paths[3]);
    }
  recent = g_settings_get_strv (f->settings, "recent-stores");
  g_assert_cmpuint (g_strv_length (recent), ==, G_N_ELEMENTS (order));
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    g_assert_cmpstr (recent[i], ==, f->paths[order[i]]);

  /* A store that was deleted is not offered; the one open is not either. */
  g_assert_cmpint (g_unlink (f->paths[7]), ==, 0);
  g_clear_pointer (&shown, g_strfreev);
  shown = recent_menu_labels (f);
  g_assert_nonnull (shown);
  g_assert_cmpuint (g_strv_length (shown), ==, 8);
  g_assert_cmpstr (shown[0], ==, f->paths[10]);
  g_assert_cmpstr (shown[2], ==, f->paths[8]);
  g_assert_cmpstr (shown[3], ==, f->paths[6]);
  g_assert_cmpstr (shown[5], ==, f->paths[3]);
  g_assert_cmpstr (shown[6], ==, f->paths[4]);
  g_assert_cmpstr (shown[7], ==, f->paths[2]);

  /* Choosing one opens it, and it comes first. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.open-recent", "s",
                                             f->paths[4]));
  g_assert_cmpstr (custody_window_get_db_path (f->window), ==, f->paths[4]);
  g_assert_true (custody_test_wait_for (session_loaded, f->window, 20000));
  custody_test_iterate (50);
  after = g_settings_get_strv (f->settings, "recent-stores");
  g_assert_cmpstr (after[0], ==, f->paths[4]);
  g_assert_cmpstr (after[1], ==, f->paths[11]);
  g_assert_false (g_strv_contains ((const char * const *) after, f->paths[7]));
  g_assert_cmpuint (g_strv_length (after), ==, 9);
}

static gboolean
demo_told (gpointer data)
{
  g_autofree char *where = g_build_filename (g_get_user_data_dir (), "custody", "demo.db", NULL);

  return custody_test_find_label_containing (data, where) != NULL;
}

/* Open Demo Data says where it put the store. */
static void
test_demo_says_where (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *where = g_build_filename (g_get_user_data_dir (), "custody", "demo.db", NULL);

  f->window = custody_window_new (NULL, f->paths[0]);
  gtk_window_present (GTK_WINDOW (f->window));
  g_assert_true (custody_test_wait_for (session_loaded, f->window, 20000));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.open-demo", NULL));
  g_assert_true (custody_test_wait_for (demo_told, f->window, 30000));
  g_assert_cmpstr (custody_window_get_db_path (f->window), ==, where);
  g_assert_true (g_file_test (where, G_FILE_TEST_IS_REGULAR));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = g_dir_make_tmp ("custody-stores-XXXXXX", NULL);
  int status;

  /* The demo store goes under a data directory of the test's own. */
  g_setenv ("XDG_DATA_HOME", home, TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/ui/stores/recent", Fixture, NULL, fixture_set_up, test_recent_stores,
              fixture_tear_down);
  g_test_add ("/ui/stores/demo-says-where", Fixture, NULL, fixture_set_up, test_demo_says_where,
              fixture_tear_down);

  status = g_test_run ();
  custody_test_remove_tmpdir (home);
  return status;
}
