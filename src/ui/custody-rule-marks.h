/* custody-rule-marks.h
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "custody-compliance.h"

G_BEGIN_DECLS

#define CUSTODY_TYPE_RULE_MARKS (custody_rule_marks_get_type ())
G_DECLARE_FINAL_TYPE (CustodyRuleMarks, custody_rule_marks, CUSTODY, RULE_MARKS, GtkWidget)

GtkWidget *custody_rule_marks_new         (void);
void       custody_rule_marks_set_verdict (CustodyRuleMarks *self,
                                           CustodyVerdict   *verdict);

G_END_DECLS
