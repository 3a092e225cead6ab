/* custody-application.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custody-application"

#include "config.h"

#include <glib/gi18n.h>

#include "custody-application.h"
#include "custody-preferences-window.h"
#include "custody-store.h"
#include "custody-window.h"

struct _CustodyApplication
{
  AdwApplication  parent_instance;

  char           *db_path;
  char           *view;           /* --view: the view the first window shows */
  gboolean        preferences;    /* --preferences: open them at start */
};

G_DEFINE_FINAL_TYPE (CustodyApplication, custody_application, ADW_TYPE_APPLICATION)

static void
custody_application_activate (GApplication *app)
{
  CustodyApplication *self = CUSTODY_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = GTK_WINDOW (custody_window_new (self, self->db_path));

  if (self->view != NULL && CUSTODY_IS_WINDOW (window))
    custody_window_show_view (CUSTODY_WINDOW (window), self->view);
  g_clear_pointer (&self->view, g_free);

  gtk_window_present (window);

  if (self->preferences)
    {
      self->preferences = FALSE;
      g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
    }
}

static int
custody_application_handle_local_options (GApplication *app,
                                          GVariantDict *options)
{
  CustodyApplication *self = CUSTODY_APPLICATION (app);
  const char *db = NULL;
  const char *view = NULL;

  if (g_variant_dict_lookup (options, "db", "&s", &db))
    {
      g_free (self->db_path);
      self->db_path = g_strdup (db);
    }
  if (g_variant_dict_lookup (options, "view", "&s", &view))
    {
      g_free (self->view);
      self->view = g_strdup (view);
    }
  self->preferences = g_variant_dict_contains (options, "preferences");

  return -1;
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

  adw_show_about_window (gtk_application_get_active_window (app),
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

static void
preferences_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  CustodyWindow *window = find_main_window (GTK_APPLICATION (user_data));
  CustodyPreferencesWindow *preferences;

  if (window == NULL)
    return;

  preferences = custody_preferences_window_new (GTK_WINDOW (window),
                                                custody_window_get_session (window));
  gtk_window_present (GTK_WINDOW (preferences));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_activated },
  { "about", about_activated },
  { "preferences", preferences_activated },
};

static void
custody_application_startup (GApplication *app)
{
  G_APPLICATION_CLASS (custody_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit",
                                         (const char *[]) { "<Control>q", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.preferences",
                                         (const char *[]) { "<Control>comma", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "window.close",
                                         (const char *[]) { "<Control>w", NULL });
}

static void
custody_application_finalize (GObject *object)
{
  CustodyApplication *self = (CustodyApplication *) object;

  g_free (self->db_path);
  g_free (self->view);

  G_OBJECT_CLASS (custody_application_parent_class)->finalize (object);
}

static void
custody_application_class_init (CustodyApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = custody_application_finalize;
  app_class->activate = custody_application_activate;
  app_class->startup = custody_application_startup;
  app_class->handle_local_options = custody_application_handle_local_options;
}

static void
custody_application_init (CustodyApplication *self)
{
  const GOptionEntry options[] = {
    { "db", 0, 0, G_OPTION_ARG_STRING, NULL, N_("Open this store"), N_("PATH") },
    { "view", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("Start on this view (overview, jobs, media, compliance, alerts or reports)"), N_("NAME") },
    { "preferences", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Open the preferences"), NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), options);
  self->db_path = custody_store_default_path ();
}

CustodyApplication *
custody_application_new (const char *application_id)
{
  return g_object_new (CUSTODY_TYPE_APPLICATION,
                       "application-id", application_id,
                       "flags", G_APPLICATION_DEFAULT_FLAGS | G_APPLICATION_NON_UNIQUE,
                       "resource-base-path", "/io/github/custody/Custody",
                       NULL);
}

const char *
custody_application_get_db_path (CustodyApplication *self)
{
  g_return_val_if_fail (CUSTODY_IS_APPLICATION (self), NULL);

  return self->db_path;
}
