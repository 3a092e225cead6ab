/* custody-medium-row.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custody-medium-row"

#include "config.h"

#include <glib/gi18n.h>

#include "custody-drawn-row.h"
#include "custody-medium-row.h"
#include "custody-ui-utils.h"

/* One volume in the inventory: where it is as an icon, its label, what
 * and where it is in a line below, its status on the right.
 *
 * Like the jobs' rows it is one widget that draws its text itself, and
 * measures itself from the font's metrics: GTK 4.8's list views keep
 * about two hundred rows alive, and shaping their text to measure them
 * would hold the main loop for a fifth of a second when a store of
 * fifty thousand volumes is shown. Text is laid out only when drawn. */
struct _CustodyMediumRow
{
  GtkWidget       parent_instance;

  CustodyMedium  *medium;
  PangoLayout    *volser_layout;
  PangoLayout    *subtitle_layout;
  PangoLayout    *status_layout;
  gboolean        dirty;
};

G_DEFINE_FINAL_TYPE (CustodyMediumRow, custody_medium_row, GTK_TYPE_WIDGET)

#define STATUS_WIDTH 72

const char *
custody_location_kind_icon_name (CustodyLocationKind kind)
{
  switch (kind)
    {
    case CUSTODY_LOCATION_LIBRARY:
      return "media-tape-symbolic";
    case CUSTODY_LOCATION_ONSITE_REPO:
      return "drive-harddisk-symbolic";
    case CUSTODY_LOCATION_ONSITE_SHELF:
      return "folder-symbolic";
    case CUSTODY_LOCATION_TRANSIT:
      return "mail-send-symbolic";
    case CUSTODY_LOCATION_OFFSITE_VAULT:
      return "security-high-symbolic";
    case CUSTODY_LOCATION_OFFSITE_REPO:
      return "folder-remote-symbolic";
    case CUSTODY_LOCATION_DESTROYED:
      return "user-trash-symbolic";
    case CUSTODY_LOCATION_NONE:
    case CUSTODY_N_LOCATION_KINDS:
    default:
      return "dialog-question-symbolic";
    }
}

static void
fill_layouts (CustodyMediumRow *self)
{
  CustodyMedium *m = self->medium;
  g_autoptr(GString) subtitle = NULL;

  if (self->volser_layout == NULL)
    {
      self->volser_layout = custody_drawn_row_layout_new (GTK_WIDGET (self), TRUE, FALSE);
      self->subtitle_layout = custody_drawn_row_layout_new (GTK_WIDGET (self), FALSE, TRUE);
      self->status_layout = custody_drawn_row_layout_new (GTK_WIDGET (self), FALSE, TRUE);
      pango_layout_set_alignment (self->status_layout, PANGO_ALIGN_RIGHT);
      self->dirty = TRUE;
    }
  if (!self->dirty)
    return;

  subtitle = g_string_new (m->type);
  if (m->pool != NULL)
    g_string_append_printf (subtitle, " · %s", m->pool);
  g_string_append_printf (subtitle, " · %s", m->location != NULL ? m->location : _("nowhere yet"));

  pango_layout_set_text (self->volser_layout, m->volser, -1);
  pango_layout_set_text (self->subtitle_layout, subtitle->str, -1);
  pango_layout_set_text (self->status_layout, custody_medium_status_get_label (m->status), -1);
  self->dirty = FALSE;
}

static void
custody_medium_row_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  /* Room for the icon, a label, and the status. */
  custody_drawn_row_measure (widget, orientation, 96, STATUS_WIDTH, 120, minimum, natural);
}

static void
custody_medium_row_snapshot (GtkWidget   *widget,
                             GtkSnapshot *snapshot)
{
  CustodyMediumRow *self = CUSTODY_MEDIUM_ROW (widget);
  GtkStyleContext *context = gtk_widget_get_style_context (widget);
  GdkRGBA fg, dim, status_color;

  if (self->medium == NULL)
    return;

  fill_layouts (self);
  custody_drawn_row_get_colors (widget, &fg, &dim);
  status_color = fg;
  if (self->medium->status == CUSTODY_MEDIUM_ERROR)
    {
      if (!gtk_style_context_lookup_color (context, "error_color", &status_color))
        gdk_rgba_parse (&status_color, "#c01c28");
    }
  else if (self->medium->status == CUSTODY_MEDIUM_RETIRED ||
           self->medium->status == CUSTODY_MEDIUM_SCRATCH)
    status_color = dim;

  custody_drawn_row_snapshot (widget, snapshot,
                              custody_location_kind_icon_name (self->medium->location != NULL
                                                               ? self->medium->location_kind
                                                               : CUSTODY_LOCATION_NONE),
                              &fg, self->volser_layout, self->subtitle_layout, self->status_layout,
                              STATUS_WIDTH, &status_color);
}

static void
custody_medium_row_css_changed (GtkWidget         *widget,
                                GtkCssStyleChange *change)
{
  CustodyMediumRow *self = CUSTODY_MEDIUM_ROW (widget);

  GTK_WIDGET_CLASS (custody_medium_row_parent_class)->css_changed (widget, change);

  /* Fonts or colours changed (dark mode, text scaling): lay out again. */
  g_clear_object (&self->volser_layout);
  g_clear_object (&self->subtitle_layout);
  g_clear_object (&self->status_layout);
  gtk_widget_queue_resize (widget);
}

static void
custody_medium_row_dispose (GObject *object)
{
  CustodyMediumRow *self = (CustodyMediumRow *) object;

  g_clear_object (&self->medium);

  G_OBJECT_CLASS (custody_medium_row_parent_class)->dispose (object);
}

static void
custody_medium_row_finalize (GObject *object)
{
  CustodyMediumRow *self = (CustodyMediumRow *) object;

  g_clear_object (&self->volser_layout);
  g_clear_object (&self->subtitle_layout);
  g_clear_object (&self->status_layout);

  G_OBJECT_CLASS (custody_medium_row_parent_class)->finalize (object);
}

static void
custody_medium_row_class_init (CustodyMediumRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = custody_medium_row_dispose;
  object_class->finalize = custody_medium_row_finalize;
  widget_class->measure = custody_medium_row_measure;
  widget_class->snapshot = custody_medium_row_snapshot;
  widget_class->css_changed = custody_medium_row_css_changed;

  gtk_widget_class_set_css_name (widget_class, "mediumrow");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
}

static void
custody_medium_row_init (CustodyMediumRow *self)
{
}

GtkWidget *
custody_medium_row_new (void)
{
  return g_object_new (CUSTODY_TYPE_MEDIUM_ROW, NULL);
}

void
custody_medium_row_set_medium (CustodyMediumRow *self,
                               CustodyMedium    *medium)
{
  g_autofree char *accessible = NULL;

  g_return_if_fail (CUSTODY_IS_MEDIUM_ROW (self));

  if (!g_set_object (&self->medium, medium) || medium == NULL)
    return;

  /* Translators: "A00001L9, In use, LTO-9, in Iron vault" for screen readers */
  accessible = g_strdup_printf (_("%s, %s, %s, in %s"), medium->volser,
                                custody_medium_status_get_label (medium->status), medium->type,
                                medium->location != NULL ? medium->location : _("nowhere yet"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);

  /* Laid out when drawn: of the rows a list keeps, few are on screen. */
  self->dirty = TRUE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

CustodyMedium *
custody_medium_row_get_medium (CustodyMediumRow *self)
{
  g_return_val_if_fail (CUSTODY_IS_MEDIUM_ROW (self), NULL);

  return self->medium;
}
