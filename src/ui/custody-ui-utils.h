/* custody-ui-utils.h
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "custody-records.h"

G_BEGIN_DECLS

/* Small things every page needs, and the wrappers around dialogs and URIs
 * whose newer APIs (GtkFileDialog, AdwAlertDialog, GtkUriLauncher) Debian
 * 12 lacks: moving to them changes this file only. */

void        custody_show_help             (GtkWidget     *widget,
                                           const char    *section);
guint       custody_add_chunk_source      (GSourceFunc    function,
                                           gpointer       data);
void        custody_spin_while_mapped     (GtkSpinner    *spinner);
const char *custody_status_icon_name      (CustodyStatus  status);
const char *custody_status_css_class      (CustodyStatus  status);
const char *custody_severity_icon_name    (CustodySeverity severity);
char       *custody_format_ago            (gint64         t,
                                           gint64         now);
char       *custody_format_time           (gint64         t);
void        custody_set_status_classes    (GtkWidget     *widget,
                                           CustodyStatus  status);
AdwMessageDialog *custody_message_dialog_new (GtkWidget  *parent,
                                              const char *heading,
                                              const char *body);
void        custody_add_css_class_if      (GtkWidget     *widget,
                                           const char    *css_class,
                                           gboolean       condition);
int         custody_line_height           (GtkWidget     *widget,
                                           double         scale);
gboolean    custody_production_counted    (const CustodyVerdict *verdict);
char       *custody_rule_figures          (const CustodyVerdict *verdict,
                                           CustodyRule           rule);

G_END_DECLS
