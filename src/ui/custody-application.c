/* custody-application.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custody-application"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "custody-application.h"
#include "custody-preferences-window.h"
#include "custody-store.h"
#include "custody-window.h"

struct _CustodyApplication
{
  AdwApplication  parent_instance;
};

G_DEFINE_FINAL_TYPE (CustodyApplication, custody_application, ADW_TYPE_APPLICATION)

/* Two paths name the same store when they name the same file. */
static gboolean
same_store (const char *a,
            const char *b)
{
  GStatBuf sa, sb;

  if (g_strcmp0 (a, b) == 0)
    return TRUE;
  if (g_stat (a, &sa) != 0 || g_stat (b, &sb) != 0)
    return FALSE;
  return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/* The window showing @db_path, or NULL. */
static CustodyWindow *
find_window_for_store (GtkApplication *app,
                       const char     *db_path)
{
  for (GList *l = gtk_application_get_windows (app); l != NULL; l = l->next)
    if (CUSTODY_IS_WINDOW (l->data) &&
        same_store (custody_window_get_db_path (CUSTODY_WINDOW (l->data)), db_path))
      return CUSTODY_WINDOW (l->data);
  return NULL;
}

/* The main window the user works in: the active one, or any. */
static CustodyWindow *
find_main_window (GtkApplication *app)
{
  GtkWindow *active = gtk_application_get_active_window (app);

  if (CUSTODY_IS_WINDOW (active))
    return CUSTODY_WINDOW (active);
  for (GList *l = gtk_application_get_windows (app); l != NULL; l = l->next)
    if (CUSTODY_IS_WINDOW (l->data))
      return CUSTODY_WINDOW (l->data);
  return NULL;
}

/* The window on @db_path, made if there is none, presented. */
static CustodyWindow *
present_store (CustodyApplication *self,
               const char         *db_path)
{
  CustodyWindow *window = find_window_for_store (GTK_APPLICATION (self), db_path);

  if (window == NULL)
    window = custody_window_new (self, db_path);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

/* Any window, or one on the default store. */
static CustodyWindow *
ensure_main_window (CustodyApplication *self)
{
  CustodyWindow *window = find_main_window (GTK_APPLICATION (self));
  g_autofree char *db_path = NULL;

  if (window != NULL)
    return window;
  db_path = custody_store_default_path ();
  return present_store (self, db_path);
}

static void
custody_application_activate (GApplication *app)
{
  gtk_window_present (GTK_WINDOW (ensure_main_window (CUSTODY_APPLICATION (app))));
}

static int
custody_application_handle_local_options (GApplication *app,
                                          GVariantDict *options)
{
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("custody %s\n", PACKAGE_VERSION);
      return EXIT_SUCCESS;
    }

  /* The rest is for the instance that runs: this one, or the one already
   * running, which gets the command line. */
  return -1;
}

/* custody [--db PATH] [--view NAME] [--preferences], in the running
 * instance: one window a store, so a second launch on the same store
 * brings its window forward, and one on another store opens a window. */
static int
custody_application_command_line (GApplication            *app,
                                  GApplicationCommandLine *command_line)
{
  CustodyApplication *self = CUSTODY_APPLICATION (app);
  GVariantDict *options = g_application_command_line_get_options_dict (command_line);
  g_autofree char *db_path = NULL;
  const char *db = NULL;
  const char *view = NULL;
  CustodyWindow *window;

  if (g_variant_dict_lookup (options, "db", "^&ay", &db))
    {
      g_autoptr(GFile) file = g_application_command_line_create_file_for_arg (command_line, db);
      db_path = g_file_get_path (file);
    }
  if (db_path == NULL)
    db_path = custody_store_default_path ();

  window = present_store (self, db_path);

  if (g_variant_dict_lookup (options, "view", "&s", &view))
    custody_window_show_view (window, view);
  if (g_variant_dict_contains (options, "preferences"))
    g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);

  return EXIT_SUCCESS;
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  const char *developers[] = { "The Custody authors", NULL };
  g_autofree char *debug_info = g_strdup_printf ("GTK %u.%u.%u\nlibadwaita %u.%u.%u\nSQLite %s\n",
                                                 gtk_get_major_version (), gtk_get_minor_version (),
                                                 gtk_get_micro_version (), adw_get_major_version (),
                                                 adw_get_minor_version (), adw_get_micro_version (),
                                                 custody_store_sqlite_version ());

  adw_show_about_window (GTK_WINDOW (ensure_main_window (CUSTODY_APPLICATION (app))),
                         "application-name", _("Custody"),
                         "application-icon", APP_ID,
                         "developer-name", _("The Custody authors"),
                         "version", PACKAGE_VERSION,
                         "website", "https://github.com/custody/custody",
                         "issue-url", "https://github.com/custody/custody/issues",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "developers", developers,
                         "translator-credits", _("translator-credits"),
                         "debug-info", debug_info,
                         NULL);
}

static void
preferences_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  CustodyWindow *window = ensure_main_window (CUSTODY_APPLICATION (user_data));
  CustodyPreferencesWindow *preferences;

  preferences = custody_preferences_window_new (GTK_WINDOW (window),
                                                custody_window_get_session (window));
  gtk_window_present (GTK_WINDOW (preferences));
}

/* app.show-view('media'): for gapplication, and launchers' jump lists. */
static void
show_view_activated (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  CustodyWindow *window = ensure_main_window (CUSTODY_APPLICATION (user_data));

  custody_window_show_view (window, g_variant_get_string (parameter, NULL));
  gtk_window_present (GTK_WINDOW (window));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_activated },
  { "about", about_activated },
  { "preferences", preferences_activated },
  { "show-view", show_view_activated, "s" },
};

static void
custody_application_startup (GApplication *app)
{
  G_APPLICATION_CLASS (custody_application_parent_class)->startup (app);

  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit",
                                         (const char *[]) { "<Control>q", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.preferences",
                                         (const char *[]) { "<Control>comma", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "window.close",
                                         (const char *[]) { "<Control>w", NULL });
}

static void
custody_application_class_init (CustodyApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->activate = custody_application_activate;
  app_class->startup = custody_application_startup;
  app_class->handle_local_options = custody_application_handle_local_options;
  app_class->command_line = custody_application_command_line;
}

static void
custody_application_init (CustodyApplication *self)
{
  const GOptionEntry options[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, NULL, N_("Open this store"), N_("PATH") },
    { "view", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("Start on this view (overview, jobs, media, compliance, alerts or reports)"), N_("NAME") },
    { "preferences", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Open the preferences"), NULL },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Print the version and exit"), NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), options);
  /* Here, not at startup: the actions are on the bus as soon as the name
   * is, for `gapplication action` and D-Bus activation. */
  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions),
                                   self);
}

CustodyApplication *
custody_application_new (const char *application_id)
{
  return g_object_new (CUSTODY_TYPE_APPLICATION,
                       "application-id", application_id,
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE,
                       "resource-base-path", "/io/github/custody/Custody",
                       NULL);
}
