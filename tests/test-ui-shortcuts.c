/* test-ui-shortcuts.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Shortcuts window against the shortcuts the app really has: the
 * application's accelerators (gtk_application_set_accels_for_action) and
 * the shortcut controllers of the app's own widgets (class key bindings
 * and controllers added by hand), in the main window with every view and
 * in the scan window. A shortcut the window lists that nothing installs
 * fails, and so does one installed that the window leaves out.
 */
#include "config.h"

#include <adwaita.h>

#include "custody-application.h"
#include "custody-media-page.h"
#include "custody-scan-window.h"
#include "custody-store.h"
#include "custody-ui-test-utils.h"
#include "custody-window.h"

/*
 * Accelerators as one string each
 */

static char *
normalize (guint           keyval,
           GdkModifierType mods)
{
  return gtk_accelerator_name (gdk_keyval_to_lower (keyval), mods);
}

static void
add_accelerator (GHashTable *set,
                 const char *accel,
                 const char *where)
{
  guint keyval = 0;
  GdkModifierType mods = 0;

  g_assert_true (gtk_accelerator_parse (accel, &keyval, &mods));
  g_hash_table_insert (set, normalize (keyval, mods), g_strdup (where));
}

/* A GtkShortcutsShortcut's accelerator: several, separated by spaces,
 * and ranges such as "<Control>1...6". */
static void
add_listed (GHashTable *set,
            const char *accelerators,
            const char *title)
{
  g_auto(GStrv) parts = g_strsplit (accelerators, " ", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *range = strstr (parts[i], "...");

      if (parts[i][0] == '\0')
        continue;
      if (range != NULL)
        {
          g_autofree char *first = g_strndup (parts[i], range - parts[i]);
          guint from = 0, to = 0;
          GdkModifierType mods = 0, last_mods = 0;

          g_assert_true (gtk_accelerator_parse (first, &from, &mods));
          g_assert_true (gtk_accelerator_parse (range + 3, &to, &last_mods));
          g_assert_cmpuint (from, <=, to);
          for (guint k = from; k <= to; k++)
            g_hash_table_insert (set, normalize (k, mods), g_strdup (title));
        }
      else
        add_accelerator (set, parts[i], title);
    }
}

static void
add_trigger (GHashTable         *set,
             GtkShortcutTrigger *trigger,
             const char         *where)
{
  if (GTK_IS_ALTERNATIVE_TRIGGER (trigger))
    {
      add_trigger (set, gtk_alternative_trigger_get_first (GTK_ALTERNATIVE_TRIGGER (trigger)),
                   where);
      add_trigger (set, gtk_alternative_trigger_get_second (GTK_ALTERNATIVE_TRIGGER (trigger)),
                   where);
    }
  else if (GTK_IS_KEYVAL_TRIGGER (trigger))
    {
      GtkKeyvalTrigger *keys = GTK_KEYVAL_TRIGGER (trigger);

      g_hash_table_insert (set,
                           normalize (gtk_keyval_trigger_get_keyval (keys),
                                      gtk_keyval_trigger_get_modifiers (keys)),
                           g_strdup (where));
    }
  /* Mnemonics (Alt and a label's letter) are not for the Shortcuts
   * window. */
}

/* The triggers of every shortcut controller of @widget itself. */
static void
add_controllers (GHashTable *set,
                 GtkWidget  *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);

          add_trigger (set, gtk_shortcut_get_trigger (shortcut), G_OBJECT_TYPE_NAME (widget));
        }
    }
}

/* The shortcuts a widget of ours adds to those of the library class it
 * derives from (GtkWindow's inspector keys and the like are not ours). */
static void
add_own_shortcuts (GHashTable *set,
                   GtkWidget  *widget)
{
  GType base = G_OBJECT_TYPE (widget);
  g_autoptr(GHashTable) own = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) inherited = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                           g_free);
  GtkWidget *plain;
  GHashTableIter iter;
  gpointer accel, where;

  while (g_str_has_prefix (g_type_name (base), "Custody"))
    base = g_type_parent (base);
  /* GtkWidget itself binds no keys. */
  if (!G_TYPE_IS_ABSTRACT (base))
    {
      plain = g_object_ref_sink (g_object_new (base, NULL));
      add_controllers (inherited, plain);
      if (GTK_IS_WINDOW (plain))
        gtk_window_destroy (GTK_WINDOW (plain));
      g_object_unref (plain);
    }

  add_controllers (own, widget);
  g_hash_table_iter_init (&iter, own);
  while (g_hash_table_iter_next (&iter, &accel, &where))
    if (!g_hash_table_contains (inherited, accel))
      g_hash_table_insert (set, g_strdup (accel), g_strdup (where));
}

static void
collect_widgets (GHashTable *set,
                 GtkWidget  *widget)
{
  if (g_str_has_prefix (G_OBJECT_TYPE_NAME (widget), "Custody"))
    add_own_shortcuts (set, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_widgets (set, child);
}

/*
 * The test
 */

static gboolean
session_loaded (gpointer data)
{
  CustodySession *session = custody_window_get_session (data);

  return session != NULL && custody_session_get_loaded (session);
}

/* The scan window, once the Media view knows the locations to scan to. */
static gboolean
scan_window_opened (gpointer data)
{
  CustodyMediaPage *media = CUSTODY_MEDIA_PAGE (custody_window_get_page (data, "media"));

  custody_test_iterate (50);
  return custody_test_find_toplevel (CUSTODY_TYPE_SCAN_WINDOW) != NULL ||
         custody_media_page_open_scan (media, -1) != NULL;
}

static void
test_window_lists_every_shortcut (void)
{
  g_autoptr(CustodyApplication) app = custody_application_new (APP_ID);
  g_autoptr(GHashTable) installed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                           g_free);
  g_autoptr(GHashTable) listed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GtkBuilder) builder = NULL;
  g_autoptr(GSList) objects = NULL;
  g_auto(GStrv) actions = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) problems = g_string_new (NULL);
  g_autofree char *dir = custody_test_make_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "store.db", NULL);
  GListModel *toplevels;
  CustodyWindow *window;
  GHashTableIter iter;
  gpointer accel, where;

  {
    g_autoptr(CustodyStore) store = custody_store_open (db, CUSTODY_STORE_OPEN_CREATE, &error);

    g_assert_no_error (error);
    g_assert_true (custody_store_fill_demo (store, 6, 0, 42, &error));
    g_assert_no_error (error);
  }

  /* Started as the app starts, for its accelerators. */
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  actions = gtk_application_list_action_descriptions (GTK_APPLICATION (app));
  for (guint i = 0; actions[i] != NULL; i++)
    {
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                                    actions[i]);

      for (guint j = 0; accels[j] != NULL; j++)
        add_accelerator (installed, accels[j], actions[i]);
    }

  /* Every view of the main window, and the scan window. */
  window = custody_window_new (app, db);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (custody_test_wait_for (session_loaded, window, 20000));
  custody_window_show_view (window, "media");
  g_assert_true (custody_test_wait_for (scan_window_opened, window, 20000));
  custody_test_iterate (300);

  toplevels = gtk_window_get_toplevels ();
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) toplevel = g_list_model_get_item (toplevels, i);

      if (!GTK_IS_SHORTCUTS_WINDOW (toplevel))
        collect_widgets (installed, toplevel);
    }

  /* What the Shortcuts window lists. */
  builder = gtk_builder_new_from_resource ("/io/github/custody/Custody/gtk/help-overlay.ui");
  objects = gtk_builder_get_objects (builder);
  for (GSList *l = objects; l != NULL; l = l->next)
    {
      g_autofree char *accelerator = NULL;
      g_autofree char *title = NULL;
      GtkShortcutType type;

      if (!GTK_IS_SHORTCUTS_SHORTCUT (l->data))
        continue;
      g_object_get (l->data, "accelerator", &accelerator, "title", &title, "shortcut-type", &type,
                    NULL);
      if (type == GTK_SHORTCUT_ACCELERATOR && accelerator != NULL)
        add_listed (listed, accelerator, title);
    }
  g_assert_cmpuint (g_hash_table_size (listed), >, 10);

  g_hash_table_iter_init (&iter, installed);
  while (g_hash_table_iter_next (&iter, &accel, &where))
    {
      g_test_message ("installed: %s (%s)", (char *) accel, (char *) where);
      if (!g_hash_table_contains (listed, accel))
        g_string_append_printf (problems, "\n  %s (%s) is not in the Shortcuts window",
                                (char *) accel, (char *) where);
    }
  g_hash_table_iter_init (&iter, listed);
  while (g_hash_table_iter_next (&iter, &accel, &where))
    if (!g_hash_table_contains (installed, accel))
      g_string_append_printf (problems, "\n  %s (“%s”) is listed but does nothing",
                              (char *) accel, (char *) where);
  if (problems->len > 0)
    g_error ("The Shortcuts window and the app disagree:%s", problems->str);

  /* The window the app shows is that one. */
  g_assert_nonnull (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));

  for (guint i = g_list_model_get_n_items (toplevels); i > 0; i--)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i - 1);

      gtk_window_destroy (toplevel);
    }
  custody_test_iterate (200);
  custody_test_remove_tmpdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/ui/shortcuts/window-lists-every-shortcut", test_window_lists_every_shortcut);

  return g_test_run ();
}
