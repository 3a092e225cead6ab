/* custody-window.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custody-window"

#include "config.h"

#include <glib/gi18n.h>

#include "custody-store.h"
#include "custody-window.h"

struct _CustodyWindow
{
  AdwApplicationWindow  parent_instance;

  GtkStack             *stack;
  AdwStatusPage        *error_page;
  GtkLabel             *compliant_label;
  GtkLabel             *at_risk_label;
  GtkLabel             *violation_label;
  GtkLabel             *rules_label;

  char                 *db_path;
  GCancellable         *cancellable;
};

G_DEFINE_FINAL_TYPE (CustodyWindow, custody_window, ADW_TYPE_APPLICATION_WINDOW)

enum { PROP_0, PROP_DB_PATH, N_PROPS };
static GParamSpec *properties[N_PROPS];

/*
 * Loading
 */

static void
load_worker (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  const char *path = task_data;
  g_autoptr(CustodyStore) store = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *verdicts;

  store = custody_store_open (path, CUSTODY_STORE_OPEN_CREATE, &error);
  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  verdicts = custody_store_evaluate (store, NULL, &error);
  if (verdicts == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, verdicts, (GDestroyNotify) g_ptr_array_unref);
}

static void
show_summary (CustodyWindow *self,
              GPtrArray     *verdicts)
{
  guint counts[CUSTODY_N_STATUSES] = { 0, };
  guint failing[CUSTODY_N_RULES] = { 0, };
  g_autoptr(GString) rules = g_string_new (NULL);
  g_autofree char *compliant = NULL;
  g_autofree char *at_risk = NULL;
  g_autofree char *violation = NULL;

  for (guint i = 0; i < verdicts->len; i++)
    {
      CustodyVerdict *v = g_ptr_array_index (verdicts, i);

      counts[v->status]++;
      for (guint r = 0; r < CUSTODY_N_RULES; r++)
        failing[r] += v->rules[r].pass ? 0 : 1;
    }

  compliant = g_strdup_printf (_("%u compliant"), counts[CUSTODY_STATUS_COMPLIANT]);
  at_risk = g_strdup_printf (_("%u at risk"), counts[CUSTODY_STATUS_AT_RISK]);
  violation = g_strdup_printf (_("%u in violation"), counts[CUSTODY_STATUS_VIOLATION]);
  gtk_label_set_label (self->compliant_label, compliant);
  gtk_label_set_label (self->at_risk_label, at_risk);
  gtk_label_set_label (self->violation_label, violation);

  for (guint r = 0; r < CUSTODY_N_RULES; r++)
    g_string_append_printf (rules, "%s%s: %u", r > 0 ? "\n" : "", custody_rule_get_label (r),
                            failing[r]);
  gtk_label_set_label (self->rules_label, rules->str);

  gtk_stack_set_visible_child_name (self->stack, "summary");
}

static void
load_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(CustodyWindow) self = user_data;
  g_autoptr(GPtrArray) verdicts = NULL;
  g_autoptr(GError) error = NULL;

  verdicts = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (verdicts == NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  show_summary (self, verdicts);
}

static void
load (CustodyWindow *self)
{
  g_autoptr(GTask) task = g_task_new (self, self->cancellable, load_cb, g_object_ref (self));

  g_task_set_source_tag (task, load);
  g_task_set_task_data (task, g_strdup (self->db_path), g_free);
  g_task_run_in_thread (task, load_worker);
}

/*
 * GObject
 */

static void
custody_window_constructed (GObject *object)
{
  CustodyWindow *self = (CustodyWindow *) object;

  G_OBJECT_CLASS (custody_window_parent_class)->constructed (object);

  load (self);
}

static void
custody_window_dispose (GObject *object)
{
  CustodyWindow *self = (CustodyWindow *) object;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), CUSTODY_TYPE_WINDOW);

  G_OBJECT_CLASS (custody_window_parent_class)->dispose (object);
}

static void
custody_window_finalize (GObject *object)
{
  CustodyWindow *self = (CustodyWindow *) object;

  g_clear_object (&self->cancellable);
  g_free (self->db_path);

  G_OBJECT_CLASS (custody_window_parent_class)->finalize (object);
}

static void
custody_window_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  CustodyWindow *self = CUSTODY_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DB_PATH:
      g_free (self->db_path);
      self->db_path = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
custody_window_class_init (CustodyWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = custody_window_constructed;
  object_class->dispose = custody_window_dispose;
  object_class->finalize = custody_window_finalize;
  object_class->set_property = custody_window_set_property;

  properties[PROP_DB_PATH] =
    g_param_spec_string ("db-path", NULL, NULL, NULL,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/custody/Custody/ui/custody-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CustodyWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, CustodyWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, CustodyWindow, compliant_label);
  gtk_widget_class_bind_template_child (widget_class, CustodyWindow, at_risk_label);
  gtk_widget_class_bind_template_child (widget_class, CustodyWindow, violation_label);
  gtk_widget_class_bind_template_child (widget_class, CustodyWindow, rules_label);
}

static void
custody_window_init (CustodyWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

CustodyWindow *
custody_window_new (CustodyApplication *application,
                    const char         *db_path)
{
  return g_object_new (CUSTODY_TYPE_WINDOW,
                       "application", application,
                       "db-path", db_path,
                       NULL);
}
