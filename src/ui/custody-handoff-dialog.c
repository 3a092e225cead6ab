/* custody-handoff-dialog.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custody-handoff-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "custody-form.h"
#include "custody-handoff-dialog.h"

/* The courier hand-off sheet of one of Today's lists: the courier, case
 * and seal, or lines to write them in by hand. */
struct _CustodyHandoffDialog
{
  AdwMessageDialog parent_instance;

  AdwEntryRow *courier_row;
  AdwEntryRow *container_row;
  AdwEntryRow *seal_row;

  CustodyDeskList list;
};

G_DEFINE_FINAL_TYPE (CustodyHandoffDialog, custody_handoff_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
custody_handoff_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CUSTODY_TYPE_HANDOFF_DIALOG);

  G_OBJECT_CLASS (custody_handoff_dialog_parent_class)->dispose (object);
}

static void
custody_handoff_dialog_class_init (CustodyHandoffDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = custody_handoff_dialog_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/custody/Custody/ui/"
                                               "custody-handoff-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CustodyHandoffDialog, courier_row);
  gtk_widget_class_bind_template_child (widget_class, CustodyHandoffDialog, container_row);
  gtk_widget_class_bind_template_child (widget_class, CustodyHandoffDialog, seal_row);
}

static void
custody_handoff_dialog_init (CustodyHandoffDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* @list: CUSTODY_DESK_SEND_OFFSITE or CUSTODY_DESK_RECALL */
CustodyHandoffDialog *
custody_handoff_dialog_new (GtkWidget       *parent,
                            CustodyDeskList  list)
{
  CustodyHandoffDialog *self = custody_form_dialog_new (CUSTODY_TYPE_HANDOFF_DIALOG, parent);

  self->list = list;
  adw_message_dialog_set_heading (ADW_MESSAGE_DIALOG (self),
                                  list == CUSTODY_DESK_RECALL ? _("Hand-off Sheet: Recall")
                                                              : _("Hand-off Sheet: Send Off Site"));
  return self;
}

/* Returns: (transfer full): the sheet of @desk's list, as the form has it */
CustodyHandoffSheet *
custody_handoff_dialog_dup_sheet (CustodyHandoffDialog *self,
                                  CustodyDesk          *desk)
{
  g_autofree char *courier = NULL;
  g_autofree char *container = NULL;
  g_autofree char *seal = NULL;
  CustodyHandoffSheet *sheet;
  const char *title;
  GPtrArray *items;

  g_return_val_if_fail (CUSTODY_IS_HANDOFF_DIALOG (self), NULL);

  courier = custody_form_dup_text (self->courier_row);
  container = custody_form_dup_text (self->container_row);
  seal = custody_form_dup_text (self->seal_row);
  title = self->list == CUSTODY_DESK_RECALL ? _("Courier Hand-off: Recall from the Vault")
                                            : _("Courier Hand-off: Send Off Site");
  sheet = custody_handoff_sheet_new (title, desk->day);
  custody_handoff_sheet_set_courier (sheet, courier, container, seal);
  items = desk->lists[self->list];
  for (guint i = 0; i < items->len; i++)
    {
      CustodyDeskItem *item = g_ptr_array_index (items, i);
      custody_handoff_sheet_add_volume (sheet, item->volser, item->type, item->pool, item->location,
                                        item->reason);
    }
  return sheet;
}
