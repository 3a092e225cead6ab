/* custody-jobs-page.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custody-jobs-page"

#include "config.h"

#include <glib/gi18n.h>

#include "custody-jobs-page.h"

struct _CustodyJobsPage
{
  CustodyPage parent_instance;
};

G_DEFINE_FINAL_TYPE (CustodyJobsPage, custody_jobs_page, CUSTODY_TYPE_PAGE)

static void
custody_jobs_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CUSTODY_TYPE_JOBS_PAGE);

  G_OBJECT_CLASS (custody_jobs_page_parent_class)->dispose (object);
}

static void
custody_jobs_page_class_init (CustodyJobsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  CustodyPageClass *page_class = CUSTODY_PAGE_CLASS (klass);

  object_class->dispose = custody_jobs_page_dispose;
  page_class->help_section = "jobs";

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/custody/Custody/ui/custody-jobs-page.ui");
}

static void
custody_jobs_page_init (CustodyJobsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
