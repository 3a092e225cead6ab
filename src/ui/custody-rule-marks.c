/* custody-rule-marks.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custody-rule-marks"

#include "config.h"

#include <glib/gi18n.h>

#include "custody-rule-marks.h"

/* The five rules of a job as five small marks, "3✓ 2✓ 1✗ 1✓ 0✓": a digit
 * and a tick or a cross, so they read without colour; colour adds to
 * them. One label per mark and nothing more: a list of ten thousand jobs
 * makes hundreds of these. */
struct _CustodyRuleMarks
{
  GtkWidget  parent_instance;

  GtkWidget *marks[CUSTODY_N_RULES];
};

G_DEFINE_FINAL_TYPE (CustodyRuleMarks, custody_rule_marks, GTK_TYPE_WIDGET)

static const char *digits[CUSTODY_N_RULES] = { "3", "2", "1", "1", "0" };

static void
custody_rule_marks_dispose (GObject *object)
{
  CustodyRuleMarks *self = (CustodyRuleMarks *) object;

  for (guint r = 0; r < CUSTODY_N_RULES; r++)
    g_clear_pointer (&self->marks[r], gtk_widget_unparent);

  G_OBJECT_CLASS (custody_rule_marks_parent_class)->dispose (object);
}

static void
custody_rule_marks_class_init (CustodyRuleMarksClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = custody_rule_marks_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "rulemarks");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
custody_rule_marks_init (CustodyRuleMarks *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 4);

  for (guint r = 0; r < CUSTODY_N_RULES; r++)
    {
      self->marks[r] = gtk_label_new (digits[r]);
      gtk_widget_add_css_class (self->marks[r], "rule-mark");
      gtk_widget_add_css_class (self->marks[r], "numeric");
      gtk_widget_set_parent (self->marks[r], GTK_WIDGET (self));
    }
}

GtkWidget *
custody_rule_marks_new (void)
{
  return g_object_new (CUSTODY_TYPE_RULE_MARKS, NULL);
}

void
custody_rule_marks_set_verdict (CustodyRuleMarks *self,
                                CustodyVerdict   *verdict)
{
  g_autoptr(GString) summary = g_string_new (NULL);

  g_return_if_fail (CUSTODY_IS_RULE_MARKS (self));

  for (guint r = 0; r < CUSTODY_N_RULES; r++)
    {
      gboolean pass = verdict != NULL && verdict->rules[r].pass;
      g_autofree char *text = NULL;

      if (verdict == NULL)
        {
          gtk_label_set_label (GTK_LABEL (self->marks[r]), digits[r]);
          gtk_widget_remove_css_class (self->marks[r], "success");
          gtk_widget_remove_css_class (self->marks[r], "error");
          continue;
        }

      /* ✓ U+2713 CHECK MARK, ✗ U+2717 BALLOT X */
      text = g_strconcat (digits[r], pass ? "\u2713" : "\u2717", NULL);
      gtk_label_set_label (GTK_LABEL (self->marks[r]), text);
      gtk_widget_remove_css_class (self->marks[r], pass ? "error" : "success");
      gtk_widget_add_css_class (self->marks[r], pass ? "success" : "error");

      /* Translators: "1 off-site: fails (0 of 1)" */
      g_string_append_printf (summary, pass ? _("%s%s: passes (%" G_GINT64_FORMAT " of %" G_GINT64_FORMAT ")")
                                            : _("%s%s: fails (%" G_GINT64_FORMAT " of %" G_GINT64_FORMAT ")"),
                              summary->len > 0 ? "\n" : "", custody_rule_get_label (r),
                              verdict->rules[r].have, verdict->rules[r].need);
    }

  /* One tooltip and one accessible label for the five. */
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), summary->len > 0 ? summary->str : NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  summary->str, -1);
}
