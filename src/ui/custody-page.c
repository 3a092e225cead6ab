/* custody-page.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custody-page"

#include "config.h"

#include "custody-page.h"

typedef struct
{
  CustodySession *session;
  GCancellable   *cancellable;
  gboolean        folded;

  /* A list beside the detail of one of its items, when the page has one. */
  AdwLeaflet     *leaflet;
  GtkWidget      *list_pane;
  GtkWidget      *detail;
  CustodyPageShowBackFunc show_back;
} CustodyPagePrivate;

G_DEFINE_TYPE_WITH_PRIVATE (CustodyPage, custody_page, ADW_TYPE_BIN)

enum { PROP_0, PROP_SESSION, PROP_FOLDED, N_PROPS };
static GParamSpec *properties[N_PROPS];

static void
custody_page_dispose (GObject *object)
{
  CustodyPagePrivate *priv = custody_page_get_instance_private (CUSTODY_PAGE (object));

  g_cancellable_cancel (priv->cancellable);
  g_clear_object (&priv->session);
  priv->leaflet = NULL;
  priv->list_pane = NULL;
  priv->detail = NULL;

  G_OBJECT_CLASS (custody_page_parent_class)->dispose (object);
}

static void
custody_page_finalize (GObject *object)
{
  CustodyPagePrivate *priv = custody_page_get_instance_private (CUSTODY_PAGE (object));

  g_clear_object (&priv->cancellable);

  G_OBJECT_CLASS (custody_page_parent_class)->finalize (object);
}

static void
custody_page_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  CustodyPage *self = CUSTODY_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, custody_page_get_session (self));
      break;
    case PROP_FOLDED:
      g_value_set_boolean (value, custody_page_get_folded (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
custody_page_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  CustodyPage *self = CUSTODY_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      custody_page_set_session (self, g_value_get_object (value));
      break;
    case PROP_FOLDED:
      custody_page_set_folded (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
custody_page_class_init (CustodyPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = custody_page_dispose;
  object_class->finalize = custody_page_finalize;
  object_class->get_property = custody_page_get_property;
  object_class->set_property = custody_page_set_property;

  klass->help_section = "index";

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, CUSTODY_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FOLDED] =
    g_param_spec_boolean ("folded", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
custody_page_init (CustodyPage *self)
{
  CustodyPagePrivate *priv = custody_page_get_instance_private (self);

  priv->cancellable = g_cancellable_new ();
}

CustodySession *
custody_page_get_session (CustodyPage *self)
{
  CustodyPagePrivate *priv;

  g_return_val_if_fail (CUSTODY_IS_PAGE (self), NULL);

  priv = custody_page_get_instance_private (self);
  return priv->session;
}

void
custody_page_set_session (CustodyPage    *self,
                          CustodySession *session)
{
  CustodyPagePrivate *priv;

  g_return_if_fail (CUSTODY_IS_PAGE (self));
  g_return_if_fail (session == NULL || CUSTODY_IS_SESSION (session));

  priv = custody_page_get_instance_private (self);
  if (!g_set_object (&priv->session, session))
    return;

  /* Work started for the old session is of no use any more. */
  g_cancellable_cancel (priv->cancellable);
  g_clear_object (&priv->cancellable);
  priv->cancellable = g_cancellable_new ();

  if (CUSTODY_PAGE_GET_CLASS (self)->session_changed != NULL)
    CUSTODY_PAGE_GET_CLASS (self)->session_changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

gboolean
custody_page_get_folded (CustodyPage *self)
{
  CustodyPagePrivate *priv;

  g_return_val_if_fail (CUSTODY_IS_PAGE (self), FALSE);

  priv = custody_page_get_instance_private (self);
  return priv->folded;
}

void
custody_page_set_folded (CustodyPage *self,
                         gboolean     folded)
{
  CustodyPagePrivate *priv;

  g_return_if_fail (CUSTODY_IS_PAGE (self));

  priv = custody_page_get_instance_private (self);
  folded = !!folded;
  if (priv->folded == folded)
    return;

  priv->folded = folded;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLDED]);
}

/* The selection of a list-and-detail page: one row at most, none at first, and
 * @changed (swapped: @data first) when it changes. Takes @model. */
GtkSingleSelection *
custody_page_new_list_selection (GListModel *model,
                                 GCallback   changed,
                                 gpointer    data)
{
  GtkSingleSelection *selection = gtk_single_selection_new (model);

  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_single_selection_set_can_unselect (selection, TRUE);
  g_signal_connect_swapped (selection, "notify::selected-item", changed, data);
  return selection;
}

/* A primary click on @list_view calls @released (swapped: @data first, then the
 * press count and the point), before the list's own handling: the page opens the
 * row under the pointer, where single-click mode would follow the hover. */
void
custody_page_add_list_click (GtkListView *list_view,
                             GCallback    released,
                             gpointer     data)
{
  GtkGesture *click = gtk_gesture_click_new ();

  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect_swapped (click, "released", released, data);
  gtk_widget_add_controller (GTK_WIDGET (list_view), GTK_EVENT_CONTROLLER (click));
}

/* A toast that stays until dismissed: "@what: the error's message". */
void
custody_page_toast_error (CustodyPage  *self,
                          const char   *what,
                          const GError *error)
{
  g_autofree char *text = g_strdup_printf ("%s: %s", what, error->message);
  AdwToast *toast = adw_toast_new (text);

  adw_toast_set_timeout (toast, 0);
  custody_page_toast (self, toast);
}

/* Shows @widget only while the page is not folded: for a header bar's secondary
 * button that a narrow window has no room for. */
void
custody_page_hide_when_folded (CustodyPage *self,
                               GtkWidget   *widget)
{
  g_return_if_fail (CUSTODY_IS_PAGE (self));
  g_return_if_fail (GTK_IS_WIDGET (widget));

  g_object_bind_property (self, "folded", widget, "visible",
                          G_BINDING_SYNC_CREATE | G_BINDING_INVERT_BOOLEAN);
}

const char *
custody_page_get_help_section (CustodyPage *self)
{
  g_return_val_if_fail (CUSTODY_IS_PAGE (self), NULL);

  return CUSTODY_PAGE_GET_CLASS (self)->help_section;
}

/* Ctrl+F: returns FALSE if the page has nothing to search. */
gboolean
custody_page_search (CustodyPage *self)
{
  g_return_val_if_fail (CUSTODY_IS_PAGE (self), FALSE);

  if (CUSTODY_PAGE_GET_CLASS (self)->search == NULL)
    return FALSE;
  return CUSTODY_PAGE_GET_CLASS (self)->search (self);
}

/* Shows a toast in the window's overlay. */
void
custody_page_toast (CustodyPage *self,
                    AdwToast    *toast)
{
  GtkWidget *overlay;

  g_return_if_fail (CUSTODY_IS_PAGE (self));

  overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  else
    g_object_unref (toast);
}

/* Returns: (transfer none): cancelled when the page goes or its session changes */
GCancellable *
custody_page_get_cancellable (CustodyPage *self)
{
  CustodyPagePrivate *priv;

  g_return_val_if_fail (CUSTODY_IS_PAGE (self), NULL);

  priv = custody_page_get_instance_private (self);
  return priv->cancellable;
}

static void
on_leaflet_folded_cb (CustodyPage *self)
{
  CustodyPagePrivate *priv = custody_page_get_instance_private (self);

  priv->show_back (priv->detail, adw_leaflet_get_folded (priv->leaflet));
}

/**
 * custody_page_set_list_detail:
 * @leaflet: the leaflet holding @list_pane and @detail
 * @detail: a widget with a "back" signal
 * @show_back: shows or hides @detail's back button
 *
 * Makes the page a list beside the detail of one item: folded, the
 * detail shows a back button to the list.
 */
void
custody_page_set_list_detail (CustodyPage             *self,
                              AdwLeaflet              *leaflet,
                              GtkWidget               *list_pane,
                              GtkWidget               *detail,
                              CustodyPageShowBackFunc  show_back)
{
  CustodyPagePrivate *priv;

  g_return_if_fail (CUSTODY_IS_PAGE (self));
  g_return_if_fail (ADW_IS_LEAFLET (leaflet));

  priv = custody_page_get_instance_private (self);
  priv->leaflet = leaflet;
  priv->list_pane = list_pane;
  priv->detail = detail;
  priv->show_back = show_back;
  g_signal_connect_object (leaflet, "notify::folded", G_CALLBACK (on_leaflet_folded_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (detail, "back", G_CALLBACK (custody_page_show_list), self,
                           G_CONNECT_SWAPPED);
  on_leaflet_folded_cb (self);
}

/* Shows the list, when folded. */
void
custody_page_show_list (CustodyPage *self)
{
  CustodyPagePrivate *priv;

  g_return_if_fail (CUSTODY_IS_PAGE (self));

  priv = custody_page_get_instance_private (self);
  adw_leaflet_set_visible_child (priv->leaflet, priv->list_pane);
}

/* Shows the detail, when folded. */
void
custody_page_show_detail (CustodyPage *self)
{
  CustodyPagePrivate *priv;

  g_return_if_fail (CUSTODY_IS_PAGE (self));

  priv = custody_page_get_instance_private (self);
  adw_leaflet_set_visible_child (priv->leaflet, priv->detail);
}

/* Whether the list and the detail are shown one at a time. */
gboolean
custody_page_get_list_folded (CustodyPage *self)
{
  CustodyPagePrivate *priv;

  g_return_val_if_fail (CUSTODY_IS_PAGE (self), FALSE);

  priv = custody_page_get_instance_private (self);
  return adw_leaflet_get_folded (priv->leaflet);
}
