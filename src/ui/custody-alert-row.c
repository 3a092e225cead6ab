/* custody-alert-row.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custody-alert-row"

#include "config.h"

#include <glib/gi18n.h>

#include "custody-alert-row.h"
#include "custody-time.h"
#include "custody-ui-utils.h"

/* One alert in the Alerts view: its severity as an icon and a word, the
 * message, the job it is about, when it was raised, and who acknowledged
 * it. In selection mode a check button shows whether it is selected. */
struct _CustodyAlertRow
{
  AdwBin        parent_instance;

  GtkImage     *severity_icon;
  GtkLabel     *severity_label;
  GtkLabel     *subject_label;
  GtkLabel     *message_label;
  GtkLabel     *raised_label;
  GtkLabel     *acknowledged_label;
  GtkLabel     *resolved_label;
  GtkWidget    *acknowledge_button;

  CustodyAlert *alert;
  guint         selection_mode : 1;
  guint         selected : 1;
};

G_DEFINE_FINAL_TYPE (CustodyAlertRow, custody_alert_row, ADW_TYPE_BIN)

enum { PROP_0, PROP_ALERT, PROP_SELECTION_MODE, PROP_SELECTED, N_PROPS };
static GParamSpec *properties[N_PROPS];

static const char *
severity_css_class (CustodySeverity severity)
{
  switch (severity)
    {
    case CUSTODY_SEVERITY_CRITICAL:
      return "error";
    case CUSTODY_SEVERITY_WARNING:
      return "warning";
    case CUSTODY_SEVERITY_INFO:
    default:
      return "accent";
    }
}

static void
set_severity_class (GtkWidget       *widget,
                    CustodySeverity  severity)
{
  gtk_widget_remove_css_class (widget, "error");
  gtk_widget_remove_css_class (widget, "warning");
  gtk_widget_remove_css_class (widget, "accent");
  gtk_widget_add_css_class (widget, severity_css_class (severity));
}

static void
update_acknowledge_button (CustodyAlertRow *self)
{
  gtk_widget_set_visible (self->acknowledge_button,
                          self->alert != NULL && self->alert->acknowledged_by == NULL &&
                          !self->selection_mode);
}

/* Sets @label to "PREFIX ago" with the exact time as its tooltip, or hides
 * it when @t is unset. */
static void
set_time_label (GtkLabel   *label,
                const char *text,
                gint64      t)
{
  g_autofree char *exact = NULL;

  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL);
  if (text == NULL)
    return;

  exact = custody_format_time (t);
  gtk_label_set_label (label, text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (label), exact);
}

/*
 * GObject
 */

static void
custody_alert_row_dispose (GObject *object)
{
  CustodyAlertRow *self = (CustodyAlertRow *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), CUSTODY_TYPE_ALERT_ROW);
  g_clear_object (&self->alert);

  G_OBJECT_CLASS (custody_alert_row_parent_class)->dispose (object);
}

static void
custody_alert_row_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  CustodyAlertRow *self = CUSTODY_ALERT_ROW (object);

  switch (prop_id)
    {
    case PROP_ALERT:
      g_value_set_object (value, self->alert);
      break;
    case PROP_SELECTION_MODE:
      g_value_set_boolean (value, self->selection_mode);
      break;
    case PROP_SELECTED:
      g_value_set_boolean (value, self->selected);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
custody_alert_row_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  CustodyAlertRow *self = CUSTODY_ALERT_ROW (object);

  switch (prop_id)
    {
    case PROP_SELECTION_MODE:
      custody_alert_row_set_selection_mode (self, g_value_get_boolean (value));
      break;
    case PROP_SELECTED:
      custody_alert_row_set_selected (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
custody_alert_row_class_init (CustodyAlertRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = custody_alert_row_dispose;
  object_class->get_property = custody_alert_row_get_property;
  object_class->set_property = custody_alert_row_set_property;

  properties[PROP_ALERT] =
    g_param_spec_object ("alert", NULL, NULL, CUSTODY_TYPE_ALERT,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTION_MODE] =
    g_param_spec_boolean ("selection-mode", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED] =
    g_param_spec_boolean ("selected", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/custody/Custody/ui/"
                                               "custody-alert-row.ui");
  gtk_widget_class_bind_template_child (widget_class, CustodyAlertRow, severity_icon);
  gtk_widget_class_bind_template_child (widget_class, CustodyAlertRow, severity_label);
  gtk_widget_class_bind_template_child (widget_class, CustodyAlertRow, subject_label);
  gtk_widget_class_bind_template_child (widget_class, CustodyAlertRow, message_label);
  gtk_widget_class_bind_template_child (widget_class, CustodyAlertRow, raised_label);
  gtk_widget_class_bind_template_child (widget_class, CustodyAlertRow, acknowledged_label);
  gtk_widget_class_bind_template_child (widget_class, CustodyAlertRow, resolved_label);
  gtk_widget_class_bind_template_child (widget_class, CustodyAlertRow, acknowledge_button);
}

static void
custody_alert_row_init (CustodyAlertRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/*
 * Public API
 */

GtkWidget *
custody_alert_row_new (void)
{
  return g_object_new (CUSTODY_TYPE_ALERT_ROW, NULL);
}

/* Returns: (nullable) (transfer none) */
CustodyAlert *
custody_alert_row_get_alert (CustodyAlertRow *self)
{
  g_return_val_if_fail (CUSTODY_IS_ALERT_ROW (self), NULL);

  return self->alert;
}

/**
 * custody_alert_row_set_alert:
 * @alert: (nullable): the alert to show
 * @now: the moment "3 hours ago" counts from
 */
void
custody_alert_row_set_alert (CustodyAlertRow *self,
                             CustodyAlert    *alert,
                             gint64           now)
{
  g_autofree char *raised = NULL;
  g_autofree char *acknowledged = NULL;
  g_autofree char *resolved = NULL;

  g_return_if_fail (CUSTODY_IS_ALERT_ROW (self));
  g_return_if_fail (alert == NULL || CUSTODY_IS_ALERT (alert));

  if (g_set_object (&self->alert, alert))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ALERT]);

  if (alert == NULL)
    return;

  gtk_image_set_from_icon_name (self->severity_icon, custody_severity_icon_name (alert->severity));
  set_severity_class (GTK_WIDGET (self->severity_icon), alert->severity);
  set_severity_class (GTK_WIDGET (self->severity_label), alert->severity);
  gtk_label_set_label (self->severity_label, custody_severity_get_label (alert->severity));
  gtk_label_set_label (self->subject_label, alert->subject);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->subject_label), alert->subject);
  gtk_label_set_label (self->message_label, alert->message);

  if (alert->raised_at != CUSTODY_TIME_NONE)
    {
      g_autofree char *ago = custody_format_ago (alert->raised_at, now);
      /* Translators: "Raised 3 hours ago"; the argument comes from "%s ago" */
      raised = g_strdup_printf (_("Raised %s"), ago);
    }
  set_time_label (self->raised_label, raised, alert->raised_at);

  if (alert->acknowledged_by != NULL)
    {
      g_autofree char *ago = custody_format_ago (alert->acknowledged_at, now);
      if (alert->acknowledged_note != NULL)
        /* Translators: "Acknowledged by Ann Smith, 2 hours ago: “tape goes out today”" */
        acknowledged = g_strdup_printf (_("Acknowledged by %s, %s: “%s”"), alert->acknowledged_by,
                                        ago, alert->acknowledged_note);
      else
        /* Translators: "Acknowledged by Ann Smith, 2 hours ago" */
        acknowledged = g_strdup_printf (_("Acknowledged by %s, %s"), alert->acknowledged_by, ago);
    }
  set_time_label (self->acknowledged_label, acknowledged, alert->acknowledged_at);

  if (alert->resolved_at != CUSTODY_TIME_NONE)
    {
      g_autofree char *ago = custody_format_ago (alert->resolved_at, now);
      /* Translators: "Resolved 1 hour ago": the cause of the alert went away */
      resolved = g_strdup_printf (_("Resolved %s"), ago);
    }
  set_time_label (self->resolved_label, resolved, alert->resolved_at);

  /* The name only once there is a target: it takes the alert's id. */
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->acknowledge_button), "x", alert->id);
  if (gtk_actionable_get_action_name (GTK_ACTIONABLE (self->acknowledge_button)) == NULL)
    gtk_actionable_set_action_name (GTK_ACTIONABLE (self->acknowledge_button),
                                    "alerts.acknowledge-one");
  update_acknowledge_button (self);
}

void
custody_alert_row_set_selection_mode (CustodyAlertRow *self,
                                      gboolean         selection_mode)
{
  g_return_if_fail (CUSTODY_IS_ALERT_ROW (self));

  selection_mode = !!selection_mode;
  if (self->selection_mode == selection_mode)
    return;

  self->selection_mode = selection_mode;
  update_acknowledge_button (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTION_MODE]);
}

gboolean
custody_alert_row_get_selected (CustodyAlertRow *self)
{
  g_return_val_if_fail (CUSTODY_IS_ALERT_ROW (self), FALSE);

  return self->selected;
}

void
custody_alert_row_set_selected (CustodyAlertRow *self,
                                gboolean         selected)
{
  g_return_if_fail (CUSTODY_IS_ALERT_ROW (self));

  selected = !!selected;
  if (self->selected == selected)
    return;

  self->selected = selected;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
}
