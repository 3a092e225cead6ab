/* custody-release-dialog.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custody-release-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "custody-form.h"
#include "custody-release-dialog.h"

/* Asks before a volume is retired or returned to scratch: either way the
 * restore points on it stop counting. */
struct _CustodyReleaseDialog
{
  AdwMessageDialog parent_instance;

  CustodyMediumStatus status;
};

G_DEFINE_FINAL_TYPE (CustodyReleaseDialog, custody_release_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
custody_release_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CUSTODY_TYPE_RELEASE_DIALOG);

  G_OBJECT_CLASS (custody_release_dialog_parent_class)->dispose (object);
}

static void
custody_release_dialog_class_init (CustodyReleaseDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = custody_release_dialog_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/custody/Custody/ui/"
                                               "custody-release-dialog.ui");
}

static void
custody_release_dialog_init (CustodyReleaseDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* @status: CUSTODY_MEDIUM_RETIRED or CUSTODY_MEDIUM_SCRATCH */
CustodyReleaseDialog *
custody_release_dialog_new (GtkWidget           *parent,
                            CustodyMedium       *medium,
                            CustodyMediumStatus  status)
{
  CustodyReleaseDialog *self = custody_form_dialog_new (CUSTODY_TYPE_RELEASE_DIALOG, parent);
  gboolean retire = status == CUSTODY_MEDIUM_RETIRED;
  g_autofree char *heading = g_strdup_printf (retire ? _("Retire %s?") : _("Return %s to Scratch?"),
                                              medium->volser);

  self->status = status;
  adw_message_dialog_set_heading (ADW_MESSAGE_DIALOG (self), heading);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self),
                               retire ? _("It leaves service. The restore points on it stop "
                                          "counting for their jobs.")
                                      : _("It may be overwritten. The restore points on it stop "
                                          "counting for their jobs."));
  if (!retire)
    adw_message_dialog_set_response_label (ADW_MESSAGE_DIALOG (self), "release",
                                           _("Return to _Scratch"));
  return self;
}

CustodyMediumStatus
custody_release_dialog_get_status (CustodyReleaseDialog *self)
{
  g_return_val_if_fail (CUSTODY_IS_RELEASE_DIALOG (self), CUSTODY_MEDIUM_SCRATCH);

  return self->status;
}
