/* custody-as-of-banner.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custody-as-of-banner"

#include "config.h"

#include <glib/gi18n.h>

#include "custody-as-of-banner.h"
#include "custody-time.h"
#include "custody-ui-utils.h"

/* The one banner every view shows while the window looks at a moment in
 * the past (the session's "as-of"), drawn like libadwaita 1.3's AdwBanner,
 * which 1.2 lacks: which moment, what the view cannot show as it was then
 * (the note), and Return to Now, which brings every view back. */
struct _CustodyAsOfBanner
{
  AdwBin          parent_instance;

  GtkRevealer    *revealer;
  GtkLabel       *label;
  GtkLabel       *note_label;
  GtkSpinner     *spinner;

  CustodySession *session;
  char           *note;
  gulong          as_of_id;
  gulong          loading_id;
  gboolean        busy;
};

G_DEFINE_FINAL_TYPE (CustodyAsOfBanner, custody_as_of_banner, ADW_TYPE_BIN)

enum { PROP_0, PROP_SESSION, PROP_NOTE, PROP_BUSY, N_PROPS };
static GParamSpec *properties[N_PROPS];

static void
update (CustodyAsOfBanner *self)
{
  gint64 at = self->session != NULL ? custody_session_get_as_of (self->session)
                                    : CUSTODY_TIME_NONE;
  gboolean busy = at != CUSTODY_TIME_NONE &&
                  (self->busy || custody_session_get_past_loading (self->session));

  if (at != CUSTODY_TIME_NONE)
    {
      g_autofree char *when = custody_format_time (at);
      g_autofree char *text = g_strdup_printf (_("Showing the state at %s"), when);

      gtk_label_set_label (self->label, text);
    }
  gtk_label_set_label (self->note_label, self->note);
  gtk_widget_set_visible (GTK_WIDGET (self->note_label), self->note != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_revealer_set_reveal_child (self->revealer, at != CUSTODY_TIME_NONE);
}

/*
 * Callbacks
 */

static void
on_return_clicked_cb (CustodyAsOfBanner *self)
{
  if (self->session != NULL)
    custody_session_set_as_of (self->session, CUSTODY_TIME_NONE);
}

/*
 * GObject
 */

static void
custody_as_of_banner_dispose (GObject *object)
{
  CustodyAsOfBanner *self = CUSTODY_AS_OF_BANNER (object);

  custody_as_of_banner_set_session (self, NULL);
  /* The template made the bin's child: the bin lets go of it first. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CUSTODY_TYPE_AS_OF_BANNER);

  G_OBJECT_CLASS (custody_as_of_banner_parent_class)->dispose (object);
}

static void
custody_as_of_banner_finalize (GObject *object)
{
  CustodyAsOfBanner *self = CUSTODY_AS_OF_BANNER (object);

  g_free (self->note);

  G_OBJECT_CLASS (custody_as_of_banner_parent_class)->finalize (object);
}

static void
custody_as_of_banner_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  CustodyAsOfBanner *self = CUSTODY_AS_OF_BANNER (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_NOTE:
      g_value_set_string (value, self->note);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
custody_as_of_banner_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  CustodyAsOfBanner *self = CUSTODY_AS_OF_BANNER (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      custody_as_of_banner_set_session (self, g_value_get_object (value));
      break;
    case PROP_NOTE:
      custody_as_of_banner_set_note (self, g_value_get_string (value));
      break;
    case PROP_BUSY:
      custody_as_of_banner_set_busy (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
custody_as_of_banner_class_init (CustodyAsOfBannerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = custody_as_of_banner_dispose;
  object_class->finalize = custody_as_of_banner_finalize;
  object_class->get_property = custody_as_of_banner_get_property;
  object_class->set_property = custody_as_of_banner_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, CUSTODY_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NOTE] =
    g_param_spec_string ("note", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/custody/Custody/ui/"
                                               "custody-as-of-banner.ui");
  gtk_widget_class_bind_template_child (widget_class, CustodyAsOfBanner, revealer);
  gtk_widget_class_bind_template_child (widget_class, CustodyAsOfBanner, label);
  gtk_widget_class_bind_template_child (widget_class, CustodyAsOfBanner, note_label);
  gtk_widget_class_bind_template_child (widget_class, CustodyAsOfBanner, spinner);
  gtk_widget_class_bind_template_callback (widget_class, on_return_clicked_cb);
}

static void
custody_as_of_banner_init (CustodyAsOfBanner *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update (self);
}

/*
 * Public API
 */

CustodySession *
custody_as_of_banner_get_session (CustodyAsOfBanner *self)
{
  g_return_val_if_fail (CUSTODY_IS_AS_OF_BANNER (self), NULL);

  return self->session;
}

void
custody_as_of_banner_set_session (CustodyAsOfBanner *self,
                                  CustodySession    *session)
{
  g_return_if_fail (CUSTODY_IS_AS_OF_BANNER (self));
  g_return_if_fail (session == NULL || CUSTODY_IS_SESSION (session));

  if (self->session == session)
    return;

  if (self->session != NULL)
    {
      g_clear_signal_handler (&self->as_of_id, self->session);
      g_clear_signal_handler (&self->loading_id, self->session);
    }
  g_set_object (&self->session, session);
  if (session != NULL)
    {
      self->as_of_id = g_signal_connect_swapped (session, "notify::as-of",
                                                 G_CALLBACK (update), self);
      self->loading_id = g_signal_connect_swapped (session, "notify::past-loading",
                                                   G_CALLBACK (update), self);
    }
  if (self->revealer != NULL)
    update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

const char *
custody_as_of_banner_get_note (CustodyAsOfBanner *self)
{
  g_return_val_if_fail (CUSTODY_IS_AS_OF_BANNER (self), NULL);

  return self->note;
}

/* What the view shows as it is now, not as it was at the moment. */
void
custody_as_of_banner_set_note (CustodyAsOfBanner *self,
                               const char        *note)
{
  g_return_if_fail (CUSTODY_IS_AS_OF_BANNER (self));

  if (g_strcmp0 (self->note, note) == 0)
    return;

  g_free (self->note);
  self->note = g_strdup (note);
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTE]);
}

gboolean
custody_as_of_banner_get_busy (CustodyAsOfBanner *self)
{
  g_return_val_if_fail (CUSTODY_IS_AS_OF_BANNER (self), FALSE);

  return self->busy;
}

/* Whether the view is still reading the moment (the session's own read
 * shows by itself). */
void
custody_as_of_banner_set_busy (CustodyAsOfBanner *self,
                               gboolean           busy)
{
  g_return_if_fail (CUSTODY_IS_AS_OF_BANNER (self));

  busy = !!busy;
  if (self->busy == busy)
    return;

  self->busy = busy;
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}
