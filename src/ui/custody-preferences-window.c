/* custody-preferences-window.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custody-preferences-window"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "custody-preferences-window.h"

#define SETTINGS_ID "io.github.custody.Custody"
#define SPIN_DELAY_MS 400

/* Preferences of two kinds. The policy belongs to the store: every user
 * of it sees the same, so it is written to the store in a worker, and a
 * write that fails (a locked or read-only store) puts the control back as
 * it was. Defaults for new jobs and the store's own backups belong to this
 * user and live in GSettings. */

enum
{
  POLICY_PRODUCTION_COUNTS,
  POLICY_WARNING_COUNTS,
  POLICY_AT_RISK_RPO_FRACTION,
  POLICY_AT_RISK_VERIFY_DAYS,
  N_POLICY_KEYS
};

static const char * const policy_keys[N_POLICY_KEYS] = {
  "production-counts",
  "warning-counts",
  "at-risk-rpo-fraction",
  "at-risk-verify-days",
};

struct _CustodyPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* Template */
  GtkSwitch            *production_switch;
  GtkSwitch            *warning_switch;
  GtkSpinButton        *rpo_fraction_spin;
  GtkSpinButton        *verify_days_spin;
  GtkSpinButton        *default_rpo_spin;
  GtkSpinButton        *default_verify_spin;
  AdwActionRow         *location_row;
  GtkSwitch            *auto_backup_switch;
  GtkSpinButton        *backup_keep_spin;
  AdwActionRow         *backup_row;

  CustodySession       *session;
  GSettings            *settings;
  GCancellable         *cancellable;
  guint                 spin_timeouts[N_POLICY_KEYS];
  guint                 pending_writes;
  guint                 syncing : 1;
  guint                 backing_up : 1;
};

G_DEFINE_FINAL_TYPE (CustodyPreferencesWindow, custody_preferences_window,
                     ADW_TYPE_PREFERENCES_WINDOW)

enum { PROP_0, PROP_SESSION, N_PROPS };
static GParamSpec *properties[N_PROPS];

/*
 * Policy
 */

/* Shows the store's policy, unless the user is in the middle of changing
 * it: then the reload that follows the last write brings it. */
static void
sync_policy_controls (CustodyPreferencesWindow *self)
{
  const CustodyPolicy *policy;

  if (self->session == NULL || self->pending_writes > 0)
    return;
  for (guint i = 0; i < N_POLICY_KEYS; i++)
    if (self->spin_timeouts[i] != 0)
      return;

  policy = custody_session_get_policy (self->session);
  self->syncing = TRUE;
  gtk_switch_set_active (self->production_switch, policy->production_counts);
  gtk_switch_set_active (self->warning_switch, policy->warning_counts);
  gtk_spin_button_set_value (self->rpo_fraction_spin, round (policy->at_risk_rpo_fraction * 100.0));
  gtk_spin_button_set_value (self->verify_days_spin, policy->at_risk_verify_days);
  self->syncing = FALSE;
}

static char *
dup_policy_value (CustodyPreferencesWindow *self,
                  guint                     key)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  int percent;

  switch (key)
    {
    case POLICY_PRODUCTION_COUNTS:
      return g_strdup (gtk_switch_get_active (self->production_switch) ? "true" : "false");
    case POLICY_WARNING_COUNTS:
      return g_strdup (gtk_switch_get_active (self->warning_switch) ? "true" : "false");
    case POLICY_AT_RISK_RPO_FRACTION:
      percent = gtk_spin_button_get_value_as_int (self->rpo_fraction_spin);
      return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.2f", percent / 100.0));
    case POLICY_AT_RISK_VERIFY_DAYS:
      return g_strdup_printf ("%d", gtk_spin_button_get_value_as_int (self->verify_days_spin));
    default:
      g_assert_not_reached ();
    }
}

typedef struct
{
  const char *key;
  char       *value;
} PolicyWrite;

static void
policy_write_free (gpointer data)
{
  PolicyWrite *write = data;

  g_free (write->value);
  g_free (write);
}

static gboolean
set_policy_write (CustodyStore  *store,
                  gpointer       data,
                  GError       **error)
{
  PolicyWrite *write = data;

  return custody_store_set_policy_value (store, write->key, write->value, error);
}

static void
set_policy_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(CustodyPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!custody_session_write_finish (CUSTODY_SESSION (source), result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->pending_writes--;
  if (error != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Cannot change the policy: %s"), error->message);

      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (text));
      /* No reload follows a failed write: put the controls back now. */
      sync_policy_controls (self);
    }
}

static void
write_policy (CustodyPreferencesWindow *self,
              guint                     key)
{
  PolicyWrite *write;

  g_clear_handle_id (&self->spin_timeouts[key], g_source_remove);
  if (self->session == NULL)
    return;

  write = g_new0 (PolicyWrite, 1);
  write->key = policy_keys[key];
  write->value = dup_policy_value (self, key);
  g_debug ("Setting policy %s to %s", write->key, write->value);

  self->pending_writes++;
  custody_session_write_async (self->session, set_policy_write, write, policy_write_free,
                               self->cancellable, set_policy_cb, g_object_ref (self));
}

static gboolean
rpo_fraction_timeout_cb (gpointer user_data)
{
  CustodyPreferencesWindow *self = user_data;

  self->spin_timeouts[POLICY_AT_RISK_RPO_FRACTION] = 0;
  write_policy (self, POLICY_AT_RISK_RPO_FRACTION);
  return G_SOURCE_REMOVE;
}

static gboolean
verify_days_timeout_cb (gpointer user_data)
{
  CustodyPreferencesWindow *self = user_data;

  self->spin_timeouts[POLICY_AT_RISK_VERIFY_DAYS] = 0;
  write_policy (self, POLICY_AT_RISK_VERIFY_DAYS);
  return G_SOURCE_REMOVE;
}

/* Writes what is still waiting for the spin buttons to settle. */
static void
flush_spin_writes (CustodyPreferencesWindow *self)
{
  for (guint i = 0; i < N_POLICY_KEYS; i++)
    if (self->spin_timeouts[i] != 0)
      write_policy (self, i);
}

/*
 * Backups
 */

static gpointer
backup_read (CustodyStore  *store,
             gpointer       data,
             GError       **error)
{
  return custody_store_backup (store, NULL, GPOINTER_TO_UINT (data), error);
}

static void
backup_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(CustodyPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = custody_session_read_finish (CUSTODY_SESSION (source), result, &error);
  g_autofree char *text = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->backing_up = FALSE;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "prefs.back-up", TRUE);

  if (path == NULL)
    {
      text = g_strdup_printf (_("Cannot back up the store: %s"), error->message);
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (text));
      return;
    }

  /* Translators: the argument is the path of the new backup file */
  text = g_strdup_printf (_("Backed up to %s"), path);
  adw_action_row_set_subtitle (self->backup_row, text);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (text));
}

/*
 * Callbacks
 */

static void
on_policy_switch_cb (CustodyPreferencesWindow *self,
                     GParamSpec               *pspec,
                     GtkSwitch                *widget)
{
  if (self->syncing)
    return;
  write_policy (self, widget == self->production_switch ? POLICY_PRODUCTION_COUNTS
                                                        : POLICY_WARNING_COUNTS);
}

/* Spin buttons write once they settle, not once per click. */
static void
on_policy_spin_cb (CustodyPreferencesWindow *self,
                   GtkSpinButton            *spin)
{
  guint key = spin == self->rpo_fraction_spin ? POLICY_AT_RISK_RPO_FRACTION
                                              : POLICY_AT_RISK_VERIFY_DAYS;

  if (self->syncing)
    return;

  g_clear_handle_id (&self->spin_timeouts[key], g_source_remove);
  self->spin_timeouts[key] = g_timeout_add (SPIN_DELAY_MS,
                                            key == POLICY_AT_RISK_RPO_FRACTION
                                              ? rpo_fraction_timeout_cb
                                              : verify_days_timeout_cb,
                                            self);
}

static void
on_session_reloaded_cb (CustodyPreferencesWindow *self)
{
  sync_policy_controls (self);
}

static gboolean
on_close_request_cb (CustodyPreferencesWindow *self)
{
  flush_spin_writes (self);
  return FALSE;
}

/*
 * Actions
 */

static void
open_store_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (widget));

  /* The main window opens it; these preferences would be of the old
   * store. */
  if (parent != NULL)
    gtk_widget_activate_action (GTK_WIDGET (parent), "win.open-store", NULL);
  gtk_window_close (GTK_WINDOW (widget));
}

static void
back_up_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CustodyPreferencesWindow *self = CUSTODY_PREFERENCES_WINDOW (widget);
  guint keep = g_settings_get_uint (self->settings, "backup-keep");

  if (self->session == NULL || self->backing_up)
    return;

  self->backing_up = TRUE;
  gtk_widget_action_set_enabled (widget, "prefs.back-up", FALSE);
  adw_action_row_set_subtitle (self->backup_row, _("Backing up…"));
  custody_session_read_async (self->session, backup_read, GUINT_TO_POINTER (MAX (keep, 1)), NULL,
                              g_free, self->cancellable, backup_cb, g_object_ref (self));
}

/*
 * GObject
 */

static void
custody_preferences_window_constructed (GObject *object)
{
  CustodyPreferencesWindow *self = (CustodyPreferencesWindow *) object;

  G_OBJECT_CLASS (custody_preferences_window_parent_class)->constructed (object);

  if (self->session != NULL)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->location_row),
                                     custody_session_get_db_path (self->session));
      g_signal_connect_object (self->session, "reloaded", G_CALLBACK (on_session_reloaded_cb), self,
                               G_CONNECT_SWAPPED);
    }
  else
    gtk_widget_set_sensitive (GTK_WIDGET (self->location_row), FALSE);

  sync_policy_controls (self);
}

static void
custody_preferences_window_dispose (GObject *object)
{
  CustodyPreferencesWindow *self = (CustodyPreferencesWindow *) object;

  for (guint i = 0; i < N_POLICY_KEYS; i++)
    g_clear_handle_id (&self->spin_timeouts[i], g_source_remove);
  g_cancellable_cancel (self->cancellable);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);
  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), CUSTODY_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (custody_preferences_window_parent_class)->dispose (object);
}

static void
custody_preferences_window_finalize (GObject *object)
{
  CustodyPreferencesWindow *self = (CustodyPreferencesWindow *) object;

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (custody_preferences_window_parent_class)->finalize (object);
}

static void
custody_preferences_window_get_property (GObject    *object,
                                         guint       prop_id,
                                         GValue     *value,
                                         GParamSpec *pspec)
{
  CustodyPreferencesWindow *self = CUSTODY_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
custody_preferences_window_set_property (GObject      *object,
                                         guint         prop_id,
                                         const GValue *value,
                                         GParamSpec   *pspec)
{
  CustodyPreferencesWindow *self = CUSTODY_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_set_object (&self->session, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
custody_preferences_window_class_init (CustodyPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = custody_preferences_window_constructed;
  object_class->dispose = custody_preferences_window_dispose;
  object_class->finalize = custody_preferences_window_finalize;
  object_class->get_property = custody_preferences_window_get_property;
  object_class->set_property = custody_preferences_window_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, CUSTODY_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/custody/Custody/ui/"
                                               "custody-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CustodyPreferencesWindow, production_switch);
  gtk_widget_class_bind_template_child (widget_class, CustodyPreferencesWindow, warning_switch);
  gtk_widget_class_bind_template_child (widget_class, CustodyPreferencesWindow, rpo_fraction_spin);
  gtk_widget_class_bind_template_child (widget_class, CustodyPreferencesWindow, verify_days_spin);
  gtk_widget_class_bind_template_child (widget_class, CustodyPreferencesWindow, default_rpo_spin);
  gtk_widget_class_bind_template_child (widget_class, CustodyPreferencesWindow,
                                        default_verify_spin);
  gtk_widget_class_bind_template_child (widget_class, CustodyPreferencesWindow, location_row);
  gtk_widget_class_bind_template_child (widget_class, CustodyPreferencesWindow, auto_backup_switch);
  gtk_widget_class_bind_template_child (widget_class, CustodyPreferencesWindow, backup_keep_spin);
  gtk_widget_class_bind_template_child (widget_class, CustodyPreferencesWindow, backup_row);
  gtk_widget_class_bind_template_callback (widget_class, on_policy_switch_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_policy_spin_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_close_request_cb);

  gtk_widget_class_install_action (widget_class, "prefs.open-store", NULL, open_store_action);
  gtk_widget_class_install_action (widget_class, "prefs.back-up", NULL, back_up_action);
}

static void
custody_preferences_window_init (CustodyPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->settings = g_settings_new (SETTINGS_ID);

  g_settings_bind (self->settings, "default-rpo-hours", self->default_rpo_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "default-verify-days", self->default_verify_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "auto-backup", self->auto_backup_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "backup-keep", self->backup_keep_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
}

/*
 * Public API
 */

/**
 * custody_preferences_window_new:
 * @parent: (nullable): the main window
 * @session: (nullable): the store whose policy to show
 */
CustodyPreferencesWindow *
custody_preferences_window_new (GtkWindow      *parent,
                                CustodySession *session)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (session == NULL || CUSTODY_IS_SESSION (session), NULL);

  return g_object_new (CUSTODY_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "session", session,
                       NULL);
}
