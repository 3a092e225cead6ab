/* custody-print.h
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "custody-page.h"
#include "custody-printable.h"

G_BEGIN_DECLS

/* Printing the desk's documents through GtkPrintOperation, and saving
 * them as PDF, with the same drawing. GTK 4.10's GtkPrintDialog would
 * replace the first: this file is where that change goes. */

void custody_print_printable (GtkWidget        *parent,
                              CustodyPrintable *printable);
void custody_save_printable  (CustodyPage      *page,
                              CustodyPrintable *printable,
                              const char       *suggested_name);

G_END_DECLS
