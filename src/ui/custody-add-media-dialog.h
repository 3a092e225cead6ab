/* custody-add-media-dialog.h
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>


G_BEGIN_DECLS

#define CUSTODY_TYPE_ADD_MEDIA_DIALOG (custody_add_media_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CustodyAddMediaDialog, custody_add_media_dialog, CUSTODY, ADD_MEDIA_DIALOG,
                      AdwMessageDialog)

CustodyAddMediaDialog *custody_add_media_dialog_new          (GtkWidget             *parent,
                                                             GPtrArray             *pools,
                                                             GPtrArray             *locations);
char                  *custody_add_media_dialog_dup_first    (CustodyAddMediaDialog *self);
char                  *custody_add_media_dialog_dup_last     (CustodyAddMediaDialog *self);
char                  *custody_add_media_dialog_dup_type     (CustodyAddMediaDialog *self);
const char            *custody_add_media_dialog_get_pool     (CustodyAddMediaDialog *self);
const char            *custody_add_media_dialog_get_location (CustodyAddMediaDialog *self);

G_END_DECLS
