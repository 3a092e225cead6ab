/* custody-form.h
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* What the small dialogs of the tape desk share: names into a combo row,
 * text and choices back out of their rows, a dialog over a page. */

typedef enum
{
  CUSTODY_FORM_POOLS,
  CUSTODY_FORM_LOCATIONS,
  CUSTODY_FORM_LIBRARIES,
} CustodyFormNames;

GStrv       custody_form_names        (GPtrArray          *objects,
                                       CustodyFormNames    kind,
                                       const char         *none);
void        custody_form_set_names    (AdwComboRow        *row,
                                       const char * const *names,
                                       const char         *selected);
const char *custody_form_get_choice   (AdwComboRow        *row);
char       *custody_form_dup_text     (AdwEntryRow        *row);
gpointer    custody_form_dialog_new   (GType               type,
                                       GtkWidget          *parent);

G_END_DECLS
