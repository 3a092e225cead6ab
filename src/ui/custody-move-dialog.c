/* custody-move-dialog.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custody-move-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "custody-form.h"
#include "custody-move-dialog.h"

/* Moves one volume: where to, and the courier, case and seal that took
 * it. */
struct _CustodyMoveDialog
{
  AdwMessageDialog parent_instance;

  AdwComboRow *to_row;
  AdwEntryRow *courier_row;
  AdwEntryRow *container_row;
  AdwEntryRow *seal_row;
  AdwEntryRow *note_row;
};

G_DEFINE_FINAL_TYPE (CustodyMoveDialog, custody_move_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
custody_move_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CUSTODY_TYPE_MOVE_DIALOG);

  G_OBJECT_CLASS (custody_move_dialog_parent_class)->dispose (object);
}

static void
custody_move_dialog_class_init (CustodyMoveDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = custody_move_dialog_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/custody/Custody/ui/"
                                               "custody-move-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CustodyMoveDialog, to_row);
  gtk_widget_class_bind_template_child (widget_class, CustodyMoveDialog, courier_row);
  gtk_widget_class_bind_template_child (widget_class, CustodyMoveDialog, container_row);
  gtk_widget_class_bind_template_child (widget_class, CustodyMoveDialog, seal_row);
  gtk_widget_class_bind_template_child (widget_class, CustodyMoveDialog, note_row);
}

static void
custody_move_dialog_init (CustodyMoveDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * custody_move_dialog_new:
 * @locations: (element-type CustodyLocation): the places to offer
 */
CustodyMoveDialog *
custody_move_dialog_new (GtkWidget     *parent,
                         CustodyMedium *medium,
                         GPtrArray     *locations)
{
  CustodyMoveDialog *self = custody_form_dialog_new (CUSTODY_TYPE_MOVE_DIALOG, parent);
  g_auto(GStrv) names = custody_form_names (locations, CUSTODY_FORM_LOCATIONS, NULL);
  g_autofree char *heading = g_strdup_printf (_("Move %s"), medium->volser);

  adw_message_dialog_set_heading (ADW_MESSAGE_DIALOG (self), heading);
  custody_form_set_names (self->to_row, (const char * const *) names, NULL);
  if (medium->container != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->container_row), medium->container);
  return self;
}

/* Returns: (transfer full) (nullable): the move, %NULL without a place */
CustodyMovement *
custody_move_dialog_dup_movement (CustodyMoveDialog *self)
{
  g_autoptr(CustodyMovement) movement = NULL;
  const char *to;

  g_return_val_if_fail (CUSTODY_IS_MOVE_DIALOG (self), NULL);

  to = custody_form_get_choice (self->to_row);
  if (to == NULL)
    return NULL;
  movement = custody_movement_new ();
  movement->to = g_strdup (to);
  movement->courier = custody_form_dup_text (self->courier_row);
  movement->container = custody_form_dup_text (self->container_row);
  movement->seal = custody_form_dup_text (self->seal_row);
  movement->note = custody_form_dup_text (self->note_row);
  return g_steal_pointer (&movement);
}
