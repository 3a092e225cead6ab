/* custody-job-row.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custody-job-row"

#include "config.h"

#include <glib/gi18n.h>

#include "custody-job-row.h"
#include "custody-rule-marks.h"
#include "custody-ui-utils.h"

/* One job in the list: its status as icon and word, its name, who owns
 * it, and its five rules. */
struct _CustodyJobRow
{
  AdwBin            parent_instance;

  GtkImage         *status_icon;
  GtkLabel         *name_label;
  GtkLabel         *subtitle_label;
  CustodyRuleMarks *marks;

  CustodyJobItem   *item;
  gulong            notify_id;
};

G_DEFINE_FINAL_TYPE (CustodyJobRow, custody_job_row, ADW_TYPE_BIN)

static void
update (CustodyJobRow *self)
{
  CustodyJob *job = custody_job_item_get_job (self->item);
  CustodyStatus status = custody_job_item_get_status (self->item);
  g_autofree char *subtitle = NULL;

  gtk_label_set_label (self->name_label, job->name);
  gtk_image_set_from_icon_name (self->status_icon, custody_status_icon_name (status));
  custody_set_status_classes (GTK_WIDGET (self->status_icon), status);

  if (job->owner[0] != '\0')
    /* Translators: "Violation · Aiko Tanaka" */
    subtitle = g_strdup_printf (_("%s · %s"), custody_status_get_label (status), job->owner);
  else
    subtitle = g_strdup (custody_status_get_label (status));
  gtk_label_set_label (self->subtitle_label, subtitle);

  custody_rule_marks_set_verdict (self->marks, job->verdict);
}

static void
custody_job_row_dispose (GObject *object)
{
  CustodyJobRow *self = (CustodyJobRow *) object;

  custody_job_row_set_item (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CUSTODY_TYPE_JOB_ROW);

  G_OBJECT_CLASS (custody_job_row_parent_class)->dispose (object);
}

static void
custody_job_row_class_init (CustodyJobRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = custody_job_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/custody/Custody/ui/custody-job-row.ui");
  gtk_widget_class_bind_template_child (widget_class, CustodyJobRow, status_icon);
  gtk_widget_class_bind_template_child (widget_class, CustodyJobRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, CustodyJobRow, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, CustodyJobRow, marks);

  g_type_ensure (CUSTODY_TYPE_RULE_MARKS);
}

static void
custody_job_row_init (CustodyJobRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
custody_job_row_new (void)
{
  return g_object_new (CUSTODY_TYPE_JOB_ROW, NULL);
}

CustodyJobItem *
custody_job_row_get_item (CustodyJobRow *self)
{
  g_return_val_if_fail (CUSTODY_IS_JOB_ROW (self), NULL);

  return self->item;
}

void
custody_job_row_set_item (CustodyJobRow  *self,
                          CustodyJobItem *item)
{
  g_return_if_fail (CUSTODY_IS_JOB_ROW (self));

  if (self->item == item)
    return;

  if (self->item != NULL)
    g_clear_signal_handler (&self->notify_id, self->item);
  g_set_object (&self->item, item);

  if (item != NULL)
    {
      self->notify_id = g_signal_connect_swapped (item, "notify::job", G_CALLBACK (update), self);
      update (self);
    }
}
