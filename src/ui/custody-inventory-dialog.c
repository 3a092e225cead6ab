/* custody-inventory-dialog.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custody-inventory-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "custody-form.h"
#include "custody-inventory-dialog.h"

/* Imports a library's inventory ("mtx status"): which library it
 * describes. The page asks for the file next. */
struct _CustodyInventoryDialog
{
  AdwMessageDialog parent_instance;

  AdwComboRow *library_row;
};

G_DEFINE_FINAL_TYPE (CustodyInventoryDialog, custody_inventory_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
custody_inventory_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CUSTODY_TYPE_INVENTORY_DIALOG);

  G_OBJECT_CLASS (custody_inventory_dialog_parent_class)->dispose (object);
}

static void
custody_inventory_dialog_class_init (CustodyInventoryDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = custody_inventory_dialog_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/custody/Custody/ui/"
                                               "custody-inventory-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CustodyInventoryDialog, library_row);
}

static void
custody_inventory_dialog_init (CustodyInventoryDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

CustodyInventoryDialog *
custody_inventory_dialog_new (GtkWidget          *parent,
                              const char * const *libraries)
{
  CustodyInventoryDialog *self = custody_form_dialog_new (CUSTODY_TYPE_INVENTORY_DIALOG, parent);

  custody_form_set_names (self->library_row, libraries, NULL);
  return self;
}

/* Returns: (nullable): the library chosen */
const char *
custody_inventory_dialog_get_library (CustodyInventoryDialog *self)
{
  g_return_val_if_fail (CUSTODY_IS_INVENTORY_DIALOG (self), NULL);

  return custody_form_get_choice (self->library_row);
}
