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

/* The five rules of a job as five small marks, "3 2 1 1 0", each a digit
 * with a tick or a cross: they read without colour, and colour adds to
 * them. The tooltip and the accessible label say the rule in words. */
struct _CustodyRuleMarks
{
  GtkWidget  parent_instance;

  GtkWidget *marks[CUSTODY_N_RULES];
  GtkWidget *icons[CUSTODY_N_RULES];
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
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
custody_rule_marks_init (CustodyRuleMarks *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 4);

  for (guint r = 0; r < CUSTODY_N_RULES; r++)
    {
      GtkWidget *mark = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 1);
      GtkWidget *digit = gtk_label_new (digits[r]);

      self->icons[r] = gtk_image_new ();
      gtk_image_set_pixel_size (GTK_IMAGE (self->icons[r]), 12);
      gtk_widget_add_css_class (digit, "numeric");
      gtk_box_append (GTK_BOX (mark), digit);
      gtk_box_append (GTK_BOX (mark), self->icons[r]);
      gtk_widget_add_css_class (mark, "rule-mark");
      gtk_widget_set_parent (mark, GTK_WIDGET (self));
      self->marks[r] = mark;
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
      gboolean known = verdict != NULL;
      gboolean pass = known && verdict->rules[r].pass;
      g_autofree char *tooltip = NULL;

      gtk_image_set_from_icon_name (GTK_IMAGE (self->icons[r]),
                                    !known ? "content-loading-symbolic"
                                    : pass ? "emblem-ok-symbolic" : "window-close-symbolic");
      if (known)
        {
          /* Translators: "1 off-site: fails (0 of 1)" */
          tooltip = g_strdup_printf (pass ? _("%s: passes (%" G_GINT64_FORMAT " of %" G_GINT64_FORMAT ")")
                                          : _("%s: fails (%" G_GINT64_FORMAT " of %" G_GINT64_FORMAT ")"),
                                     custody_rule_get_label (r), verdict->rules[r].have,
                                     verdict->rules[r].need);
          g_string_append_printf (summary, "%s%s", summary->len > 0 ? ", " : "", tooltip);
        }
      gtk_widget_set_tooltip_text (self->marks[r], tooltip);
      gtk_widget_remove_css_class (self->marks[r], pass ? "error" : "success");
      if (known)
        gtk_widget_add_css_class (self->marks[r], pass ? "success" : "error");
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  summary->str, -1);
}
