/* custody-medium-row.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custody-medium-row"

#include "config.h"

#include <glib/gi18n.h>

#include "custody-medium-row.h"

/* One volume in the inventory: where it is as an icon, its label, what
 * and where it is in a line below, its status on the right. Made of
 * GtkInscriptions, which cost little: a list view keeps two hundred rows
 * alive and rebinds them as one scrolls through fifty thousand. */
struct _CustodyMediumRow
{
  GtkWidget       parent_instance;

  CustodyMedium  *medium;
  GtkWidget      *icon;
  GtkWidget      *volser;
  GtkWidget      *subtitle;
  GtkWidget      *status;
};

G_DEFINE_FINAL_TYPE (CustodyMediumRow, custody_medium_row, GTK_TYPE_WIDGET)

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
custody_medium_row_dispose (GObject *object)
{
  CustodyMediumRow *self = (CustodyMediumRow *) object;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->medium);

  G_OBJECT_CLASS (custody_medium_row_parent_class)->dispose (object);
}

static void
custody_medium_row_class_init (CustodyMediumRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = custody_medium_row_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "mediumrow");
}

static GtkWidget *
inscription (gboolean xalign_end)
{
  GtkWidget *widget = gtk_inscription_new (NULL);

  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (widget), GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_inscription_set_min_chars (GTK_INSCRIPTION (widget), 4);
  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (widget), 12);
  if (xalign_end)
    gtk_inscription_set_xalign (GTK_INSCRIPTION (widget), 1.0);
  return widget;
}

static void
custody_medium_row_init (CustodyMediumRow *self)
{
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self))), 12);
  gtk_widget_set_margin_top (GTK_WIDGET (self), 8);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self), 8);
  gtk_widget_set_margin_start (GTK_WIDGET (self), 6);
  gtk_widget_set_margin_end (GTK_WIDGET (self), 6);

  self->icon = gtk_image_new ();
  gtk_widget_set_valign (self->icon, GTK_ALIGN_CENTER);
  gtk_widget_set_parent (self->icon, GTK_WIDGET (self));

  self->volser = inscription (FALSE);
  gtk_widget_add_css_class (self->volser, "heading");
  self->subtitle = inscription (FALSE);
  gtk_widget_add_css_class (self->subtitle, "dim-label");
  gtk_widget_add_css_class (self->subtitle, "caption");
  gtk_box_append (GTK_BOX (text), self->volser);
  gtk_box_append (GTK_BOX (text), self->subtitle);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_widget_set_parent (text, GTK_WIDGET (self));

  self->status = inscription (TRUE);
  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (self->status), 8);
  gtk_widget_add_css_class (self->status, "caption");
  gtk_widget_set_valign (self->status, GTK_ALIGN_CENTER);
  gtk_widget_set_parent (self->status, GTK_WIDGET (self));
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
  g_autoptr(GString) subtitle = NULL;

  g_return_if_fail (CUSTODY_IS_MEDIUM_ROW (self));

  if (!g_set_object (&self->medium, medium) || medium == NULL)
    return;

  subtitle = g_string_new (medium->type);
  if (medium->pool != NULL)
    g_string_append_printf (subtitle, " · %s", medium->pool);
  g_string_append_printf (subtitle, " · %s", medium->location != NULL ? medium->location : _("nowhere yet"));

  gtk_image_set_from_icon_name (GTK_IMAGE (self->icon),
                                custody_location_kind_icon_name (medium->location != NULL
                                                                 ? medium->location_kind
                                                                 : CUSTODY_LOCATION_NONE));
  gtk_inscription_set_text (GTK_INSCRIPTION (self->volser), medium->volser);
  gtk_inscription_set_text (GTK_INSCRIPTION (self->subtitle), subtitle->str);
  gtk_inscription_set_text (GTK_INSCRIPTION (self->status),
                            custody_medium_status_get_label (medium->status));
  gtk_widget_remove_css_class (self->status, "error");
  gtk_widget_remove_css_class (self->status, "dim-label");
  if (medium->status == CUSTODY_MEDIUM_ERROR)
    gtk_widget_add_css_class (self->status, "error");
  else if (medium->status == CUSTODY_MEDIUM_RETIRED || medium->status == CUSTODY_MEDIUM_SCRATCH)
    gtk_widget_add_css_class (self->status, "dim-label");
}

/* Returns: (transfer none) (nullable) */
CustodyMedium *
custody_medium_row_get_medium (CustodyMediumRow *self)
{
  g_return_val_if_fail (CUSTODY_IS_MEDIUM_ROW (self), NULL);

  return self->medium;
}
