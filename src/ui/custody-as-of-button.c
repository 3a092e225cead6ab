/* custody-as-of-button.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custody-as-of-button"

#include "config.h"

#include <glib/gi18n.h>

#include "custody-as-of-button.h"
#include "custody-time.h"
#include "custody-ui-utils.h"

/* The header button that chooses the moment every view shows (the
 * session's "as-of"): a day, an hour and a minute in the past, or now. */
struct _CustodyAsOfButton
{
  AdwBin            parent_instance;

  GtkMenuButton    *button;
  AdwButtonContent *content;
  GtkPopover       *popover;
  GtkCalendar      *calendar;
  GtkSpinButton    *hour_spin;
  GtkSpinButton    *minute_spin;
  GtkLabel         *future_label;

  CustodySession   *session;
  gulong            as_of_id;
  gboolean          compact;
};

G_DEFINE_FINAL_TYPE (CustodyAsOfButton, custody_as_of_button, ADW_TYPE_BIN)

enum { PROP_0, PROP_SESSION, PROP_COMPACT, N_PROPS };
static GParamSpec *properties[N_PROPS];

static void
update (CustodyAsOfButton *self)
{
  gint64 at = self->session != NULL ? custody_session_get_as_of (self->session)
                                    : CUSTODY_TIME_NONE;
  g_autofree char *when = at != CUSTODY_TIME_NONE ? custody_format_time (at) : NULL;

  /* In a header bar, an icon: the banner says the moment. */
  if (self->compact)
    {
      gtk_menu_button_set_icon_name (self->button, "document-open-recent-symbolic");
      gtk_menu_button_set_always_show_arrow (self->button, FALSE);
      self->content = NULL;
    }
  else
    adw_button_content_set_label (self->content, when != NULL ? when : _("Now"));
  custody_add_css_class_if (GTK_WIDGET (self->button), "accent", when != NULL);
}

/* The moment the popover shows: the chosen one, or the current minute. */
static GDateTime *
popover_moment (CustodyAsOfButton *self)
{
  g_autoptr(GDateTime) day = gtk_calendar_get_date (self->calendar);

  return g_date_time_new_local (g_date_time_get_year (day),
                                g_date_time_get_month (day),
                                g_date_time_get_day_of_month (day),
                                gtk_spin_button_get_value_as_int (self->hour_spin),
                                gtk_spin_button_get_value_as_int (self->minute_spin),
                                0);
}

/*
 * Callbacks
 */

static void
on_popover_show_cb (CustodyAsOfButton *self)
{
  gint64 at = self->session != NULL ? custody_session_get_as_of (self->session)
                                    : CUSTODY_TIME_NONE;
  g_autoptr(GDateTime) moment = at != CUSTODY_TIME_NONE ? g_date_time_new_from_unix_local (at)
                                                        : g_date_time_new_now_local ();

  gtk_calendar_select_day (self->calendar, moment);
  gtk_spin_button_set_value (self->hour_spin, g_date_time_get_hour (moment));
  gtk_spin_button_set_value (self->minute_spin, g_date_time_get_minute (moment));
  gtk_widget_grab_focus (GTK_WIDGET (self->calendar));
}

static void
on_moment_changed_cb (CustodyAsOfButton *self)
{
  g_autoptr(GDateTime) moment = popover_moment (self);
  gboolean future = moment == NULL || g_date_time_to_unix (moment) > custody_time_now ();

  gtk_widget_set_visible (GTK_WIDGET (self->future_label), future);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "as-of.show", !future);
}

/* Two digits, as a clock shows them. */
static gboolean
on_spin_output_cb (GtkSpinButton     *spin,
                   CustodyAsOfButton *self)
{
  g_autofree char *text = g_strdup_printf ("%02d", gtk_spin_button_get_value_as_int (spin));

  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (spin)), text) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), text);
  return TRUE;
}

/*
 * Actions
 */

static void
show_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CustodyAsOfButton *self = CUSTODY_AS_OF_BUTTON (widget);
  g_autoptr(GDateTime) moment = popover_moment (self);

  if (moment == NULL || g_date_time_to_unix (moment) > custody_time_now ())
    return;

  gtk_popover_popdown (self->popover);
  if (self->session != NULL)
    custody_session_set_as_of (self->session, g_date_time_to_unix (moment));
}

static void
now_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  CustodyAsOfButton *self = CUSTODY_AS_OF_BUTTON (widget);

  gtk_popover_popdown (self->popover);
  if (self->session != NULL)
    custody_session_set_as_of (self->session, CUSTODY_TIME_NONE);
}

/*
 * GObject
 */

static void
custody_as_of_button_dispose (GObject *object)
{
  CustodyAsOfButton *self = CUSTODY_AS_OF_BUTTON (object);

  custody_as_of_button_set_session (self, NULL);
  /* The template made the bin's child: the bin lets go of it first. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CUSTODY_TYPE_AS_OF_BUTTON);

  G_OBJECT_CLASS (custody_as_of_button_parent_class)->dispose (object);
}

static void
custody_as_of_button_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  CustodyAsOfButton *self = CUSTODY_AS_OF_BUTTON (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_COMPACT:
      g_value_set_boolean (value, self->compact);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
custody_as_of_button_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  CustodyAsOfButton *self = CUSTODY_AS_OF_BUTTON (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      custody_as_of_button_set_session (self, g_value_get_object (value));
      break;
    case PROP_COMPACT:
      self->compact = g_value_get_boolean (value);
      update (self);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
custody_as_of_button_class_init (CustodyAsOfButtonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = custody_as_of_button_dispose;
  object_class->get_property = custody_as_of_button_get_property;
  object_class->set_property = custody_as_of_button_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, CUSTODY_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Only an icon, for a header bar; set once, when built. */
  properties[PROP_COMPACT] =
    g_param_spec_boolean ("compact", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/custody/Custody/ui/"
                                               "custody-as-of-button.ui");
  gtk_widget_class_bind_template_child (widget_class, CustodyAsOfButton, button);
  gtk_widget_class_bind_template_child (widget_class, CustodyAsOfButton, content);
  gtk_widget_class_bind_template_child (widget_class, CustodyAsOfButton, popover);
  gtk_widget_class_bind_template_child (widget_class, CustodyAsOfButton, calendar);
  gtk_widget_class_bind_template_child (widget_class, CustodyAsOfButton, hour_spin);
  gtk_widget_class_bind_template_child (widget_class, CustodyAsOfButton, minute_spin);
  gtk_widget_class_bind_template_child (widget_class, CustodyAsOfButton, future_label);
  gtk_widget_class_bind_template_callback (widget_class, on_popover_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_moment_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_spin_output_cb);

  gtk_widget_class_install_action (widget_class, "as-of.show", NULL, show_action);
  gtk_widget_class_install_action (widget_class, "as-of.now", NULL, now_action);
}

static void
custody_as_of_button_init (CustodyAsOfButton *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update (self);
}

/*
 * Public API
 */

CustodySession *
custody_as_of_button_get_session (CustodyAsOfButton *self)
{
  g_return_val_if_fail (CUSTODY_IS_AS_OF_BUTTON (self), NULL);

  return self->session;
}

void
custody_as_of_button_set_session (CustodyAsOfButton *self,
                                  CustodySession    *session)
{
  g_return_if_fail (CUSTODY_IS_AS_OF_BUTTON (self));
  g_return_if_fail (session == NULL || CUSTODY_IS_SESSION (session));

  if (self->session == session)
    return;

  if (self->session != NULL)
    g_clear_signal_handler (&self->as_of_id, self->session);
  g_set_object (&self->session, session);
  if (session != NULL)
    self->as_of_id = g_signal_connect_swapped (session, "notify::as-of",
                                               G_CALLBACK (update), self);
  if (self->button != NULL)
    update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

/* Opens the popover, its calendar focused. */
void
custody_as_of_button_popup (CustodyAsOfButton *self)
{
  g_return_if_fail (CUSTODY_IS_AS_OF_BUTTON (self));

  gtk_menu_button_popup (self->button);
}
