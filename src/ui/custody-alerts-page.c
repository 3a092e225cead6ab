/* custody-alerts-page.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custody-alerts-page"

#include "config.h"

#include <glib/gi18n.h>

#include "custody-alerts-page.h"

struct _CustodyAlertsPage
{
  CustodyPage parent_instance;
};

G_DEFINE_FINAL_TYPE (CustodyAlertsPage, custody_alerts_page, CUSTODY_TYPE_PAGE)

static void
custody_alerts_page_dispose (GObject *object)
{
  /* The template made the bin's child: the bin lets go of it first. */
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), CUSTODY_TYPE_ALERTS_PAGE);

  G_OBJECT_CLASS (custody_alerts_page_parent_class)->dispose (object);
}

static void
custody_alerts_page_class_init (CustodyAlertsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  CustodyPageClass *page_class = CUSTODY_PAGE_CLASS (klass);

  object_class->dispose = custody_alerts_page_dispose;
  page_class->help_section = "alerts";

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/custody/Custody/ui/custody-alerts-page.ui");
}

static void
custody_alerts_page_init (CustodyAlertsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
