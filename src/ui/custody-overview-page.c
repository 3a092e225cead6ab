/* custody-overview-page.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custody-overview-page"

#include "config.h"

#include <glib/gi18n.h>

#include "custody-as-of-banner.h"
#include "custody-as-of-button.h"
#include "custody-job-item.h"
#include "custody-overview-page.h"
#include "custody-time.h"
#include "custody-trend-loaders.h"
#include "custody-ui-utils.h"

/* "Are we safe, and if not, why and what do I do", in one glance: every
 * figure opens the list behind it. */
struct _CustodyOverviewPage
{
  CustodyPage          parent_instance;

  GtkSpinner          *loading_spinner;
  GtkWidget           *as_of_button;
  AdwWindowTitle      *window_title;
  GtkStack            *stack;
  GtkLabel            *headline;
  GtkFlowBox          *cards;
  AdwPreferencesGroup *rules_group;
  AdwActionRow        *alerts_row;
  GtkImage            *alerts_icon;
  AdwPreferencesGroup *failures_group;
  AdwPreferencesGroup *desk_group;
  CustodyTrendChart   *trend_chart;
  CustodyAsOfBanner   *banner;
  GtkLabel            *card_counts[CUSTODY_N_STATUSES];
  AdwActionRow        *rule_rows[CUSTODY_N_RULES];
  AdwActionRow        *desk_rows[CUSTODY_N_DESK_LISTS];
  GtkImage            *desk_icons[CUSTODY_N_DESK_LISTS];
  GtkImage            *rule_icons[CUSTODY_N_RULES];
  GPtrArray           *failure_rows;
};

G_DEFINE_FINAL_TYPE (CustodyOverviewPage, custody_overview_page, CUSTODY_TYPE_PAGE)

static const char *status_keys[CUSTODY_N_STATUSES] = { "compliant", "at-risk", "violation" };

static char *
desk_title (CustodyDeskList list,
            guint           n)
{
  switch (list)
    {
    case CUSTODY_DESK_SEND_OFFSITE:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u volume to send off site",
                                           "%u volumes to send off site", n), n);
    case CUSTODY_DESK_RECALL:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u volume to recall from the vault",
                                           "%u volumes to recall from the vault", n), n);
    case CUSTODY_DESK_EXPIRING:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u volume expiring soon",
                                           "%u volumes expiring soon", n), n);
    case CUSTODY_DESK_OVERDUE:
    case CUSTODY_N_DESK_LISTS:
    default:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u volume overdue",
                                           "%u volumes overdue", n),
                              n);
    }
}

/* The desk's four lists as counts; each opens the Today page. */
static void
update_desk (CustodyOverviewPage *self,
             CustodyDesk         *desk)
{
  gtk_widget_set_visible (GTK_WIDGET (self->desk_group), desk != NULL);
  if (desk == NULL)
    return;

  for (guint l = 0; l < CUSTODY_N_DESK_LISTS; l++)
    {
      guint n = desk->lists[l]->len;
      g_autofree char *title = desk_title (l, n);
      g_autoptr(GString) subtitle = g_string_new (NULL);

      for (guint i = 0; i < MIN (n, 4); i++)
        g_string_append_printf (subtitle, "%s%s", i > 0 ? ", " : "",
                                ((CustodyDeskItem *)
                                 g_ptr_array_index (desk->lists[l], i))->volser);
      if (n > 4)
        g_string_append (subtitle, "…");
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->desk_rows[l]), title);
      adw_action_row_set_subtitle (self->desk_rows[l], subtitle->str);
      custody_add_css_class_if (GTK_WIDGET (self->desk_icons[l]), "warning",
                                l == CUSTODY_DESK_OVERDUE && n > 0);
      custody_add_css_class_if (GTK_WIDGET (self->desk_icons[l]), "dim-label", n == 0);
    }
}

static void
update (CustodyOverviewPage *self)
{
  CustodySession *session = custody_page_get_session (CUSTODY_PAGE (self));
  GListModel *jobs;
  g_autoptr(GPtrArray) alerts = NULL;
  gint64 as_of;
  gboolean past;
  guint counts[CUSTODY_N_STATUSES] = { 0, };
  guint failing[CUSTODY_N_RULES] = { 0, };
  guint n_jobs, n_alerts = 0, n_critical = 0;
  GPtrArray *failures;
  g_autofree char *headline = NULL;
  g_autofree char *when = NULL;
  g_autofree char *checked = NULL;

  if (session == NULL || !custody_session_get_loaded (session))
    {
      gtk_stack_set_visible_child_name (self->stack, "loading");
      return;
    }

  /* At a moment in the past, every figure is the one of then. */
  as_of = custody_session_get_as_of (session);
  past = as_of != CUSTODY_TIME_NONE;
  jobs = past ? custody_session_get_past_jobs (session) : custody_session_get_jobs (session);
  n_jobs = g_list_model_get_n_items (jobs);
  if (past && custody_session_get_past_loading (session) && n_jobs == 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "loading");
      return;
    }
  gtk_stack_set_visible_child_name (self->stack, n_jobs > 0 || past ? "summary" : "empty");

  for (guint i = 0; i < n_jobs; i++)
    {
      g_autoptr(CustodyJobItem) item = g_list_model_get_item (jobs, i);
      CustodyVerdict *v = custody_job_item_get_verdict (item);

      if (v == NULL)
        continue;
      counts[v->status]++;
      for (guint r = 0; r < CUSTODY_N_RULES; r++)
        failing[r] += v->rules[r].pass ? 0 : 1;
    }

  if (counts[CUSTODY_STATUS_VIOLATION] > 0)
    headline = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u job breaks the rule",
                                             "%u jobs break the rule",
                                             counts[CUSTODY_STATUS_VIOLATION]),
                                counts[CUSTODY_STATUS_VIOLATION]);
  else if (counts[CUSTODY_STATUS_AT_RISK] > 0)
    headline = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Safe, but %u job is at risk",
                                             "Safe, but %u jobs are at risk",
                                             counts[CUSTODY_STATUS_AT_RISK]),
                                counts[CUSTODY_STATUS_AT_RISK]);
  else if (n_jobs == 0)
    headline = g_strdup (_("No jobs existed at that moment"));
  else
    headline = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "The job is safe",
                                             "All %u jobs are safe", n_jobs),
                                n_jobs);
  gtk_label_set_label (self->headline, headline);

  when = custody_format_time (past ? as_of : custody_session_get_evaluated_at (session));
  /* Translators: the Overview's subtitle at a moment in the past */
  checked = past ? g_strdup_printf (_("As of %s"), when)
                 : g_strdup_printf (_("Checked at %s"), when);
  adw_window_title_set_subtitle (self->window_title, checked);

  for (guint s = 0; s < CUSTODY_N_STATUSES; s++)
    {
      g_autofree char *text = g_strdup_printf ("%u", counts[s]);
      gtk_label_set_label (self->card_counts[s], text);
    }

  for (guint r = 0; r < CUSTODY_N_RULES; r++)
    {
      g_autofree char *subtitle = failing[r] == 0
        ? g_strdup (_("Every job passes"))
        : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u job fails", "%u jobs fail",
                                        failing[r]),
                           failing[r]);

      adw_action_row_set_subtitle (self->rule_rows[r], subtitle);
      gtk_image_set_from_icon_name (self->rule_icons[r],
                                    failing[r] == 0 ? "emblem-ok-symbolic"
                                    : "window-close-symbolic");
      custody_add_css_class_if (GTK_WIDGET (self->rule_icons[r]), "success", failing[r] == 0);
      custody_add_css_class_if (GTK_WIDGET (self->rule_icons[r]), "error", failing[r] > 0);
    }

  alerts = g_ptr_array_new_with_free_func (g_object_unref);
  if (past && custody_session_get_past_alerts (session) != NULL)
    for (guint i = 0; i < custody_session_get_past_alerts (session)->len; i++)
      g_ptr_array_add (alerts,
                       g_object_ref (g_ptr_array_index (custody_session_get_past_alerts (session),
                                                        i)));
  else if (!past)
    for (guint i = 0; i < g_list_model_get_n_items (custody_session_get_alerts (session)); i++)
      g_ptr_array_add (alerts, g_list_model_get_item (custody_session_get_alerts (session), i));
  for (guint i = 0; i < alerts->len; i++)
    {
      CustodyAlert *alert = g_ptr_array_index (alerts, i);

      if (alert->acknowledged_by != NULL)
        continue;
      n_alerts++;
      n_critical += alert->severity == CUSTODY_SEVERITY_CRITICAL ? 1 : 0;
    }
  {
    g_autofree char *title = n_alerts == 0
      ? g_strdup (_("No alerts waiting"))
      : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u alert waiting for someone",
                                      "%u alerts waiting for someone", n_alerts), n_alerts);
    g_autofree char *subtitle = n_critical > 0
      ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u critical", "%u critical", n_critical),
                         n_critical)
      : NULL;

    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->alerts_row), title);
    adw_action_row_set_subtitle (self->alerts_row, subtitle);
    gtk_image_set_from_icon_name (self->alerts_icon,
                                  n_alerts == 0 ? "emblem-ok-symbolic" : "dialog-warning-symbolic");
    custody_add_css_class_if (GTK_WIDGET (self->alerts_icon), "warning", n_alerts > 0);
    custody_add_css_class_if (GTK_WIDGET (self->alerts_icon), "success", n_alerts == 0);
  }

  update_desk (self, past ? custody_session_get_past_desk (session)
                          : custody_session_get_desk (session));

  for (guint i = 0; i < self->failure_rows->len; i++)
    adw_preferences_group_remove (self->failures_group, g_ptr_array_index (self->failure_rows, i));
  g_ptr_array_set_size (self->failure_rows, 0);

  failures = past ? custody_session_get_past_failures (session)
                  : custody_session_get_recent_failures (session);
  for (guint i = 0; failures != NULL && i < failures->len; i++)
    {
      CustodyExecution *e = g_ptr_array_index (failures, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name ("window-close-symbolic");
      g_autofree char *title = g_strdup_printf ("%s · %s", e->job, e->copy);
      g_autofree char *ago =
        custody_format_ago (e->finished, past ? as_of : custody_session_get_evaluated_at (session));
      g_autofree char *subtitle = e->message[0] != '\0'
                                  ? g_strdup_printf ("%s · %s", ago, e->message)
                                  : g_strdup (ago);

      gtk_widget_add_css_class (icon, "error");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      /* Target first: a name without its target warns when the row maps. */
      gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", e->job);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.open-job");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("go-next-symbolic"));
      adw_preferences_group_add (self->failures_group, row);
      g_ptr_array_add (self->failure_rows, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->failures_group), failures != NULL && failures->len > 0);
}

static void
custody_overview_page_session_changed (CustodyPage *page)
{
  CustodySession *session = custody_page_get_session (page);

  if (session != NULL)
    {
      g_signal_connect_object (session, "reloaded", G_CALLBACK (update), page, G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "notify::as-of", G_CALLBACK (update), page,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "past-changed", G_CALLBACK (update), page,
                               G_CONNECT_SWAPPED);
    }
  /* Read when it shows, again when the store changes. */
  custody_trend_chart_set_source (CUSTODY_OVERVIEW_PAGE (page)->trend_chart, session,
                                  custody_trend_load_compliance, NULL);
  update (CUSTODY_OVERVIEW_PAGE (page));
}

static GtkWidget *
make_card (CustodyOverviewPage *self,
           CustodyStatus        status)
{
  static const char *descriptions[CUSTODY_N_STATUSES] = {
    N_("pass every rule"),
    N_("pass, but not for long"),
    N_("break a rule"),
  };
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *icon = gtk_image_new_from_icon_name (custody_status_icon_name (status));
  GtkWidget *count = gtk_label_new ("0");
  GtkWidget *label = gtk_label_new (custody_status_get_label (status));
  GtkWidget *description = gtk_label_new (_(descriptions[status]));

  gtk_widget_add_css_class (button, "card");
  gtk_widget_add_css_class (button, "status-card");
  gtk_widget_add_css_class (icon, custody_status_css_class (status));
  gtk_image_set_pixel_size (GTK_IMAGE (icon), 24);
  gtk_widget_add_css_class (count, "title-1");
  gtk_widget_add_css_class (count, "numeric");
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_add_css_class (description, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (count), 0);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_xalign (GTK_LABEL (description), 0);
  gtk_label_set_wrap (GTK_LABEL (description), TRUE);
  gtk_widget_set_valign (icon, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (top), icon);
  gtk_box_append (GTK_BOX (top), count);
  gtk_box_append (GTK_BOX (box), top);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), description);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.jobs-status");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", status_keys[status]);

  self->card_counts[status] = GTK_LABEL (count);
  return button;
}

static void
custody_overview_page_dispose (GObject *object)
{
  CustodyOverviewPage *self = (CustodyOverviewPage *) object;

  g_clear_pointer (&self->failure_rows, g_ptr_array_unref);
  /* The template made the bin's child: the bin lets go of it first. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CUSTODY_TYPE_OVERVIEW_PAGE);

  G_OBJECT_CLASS (custody_overview_page_parent_class)->dispose (object);
}

static void
custody_overview_page_class_init (CustodyOverviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  CustodyPageClass *page_class = CUSTODY_PAGE_CLASS (klass);

  object_class->dispose = custody_overview_page_dispose;
  page_class->help_section = "overview";
  page_class->session_changed = custody_overview_page_session_changed;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/custody/Custody/ui/"
                                               "custody-overview-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CustodyOverviewPage, as_of_button);
  gtk_widget_class_bind_template_child (widget_class, CustodyOverviewPage, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, CustodyOverviewPage, window_title);
  gtk_widget_class_bind_template_child (widget_class, CustodyOverviewPage, stack);
  gtk_widget_class_bind_template_child (widget_class, CustodyOverviewPage, headline);
  gtk_widget_class_bind_template_child (widget_class, CustodyOverviewPage, cards);
  gtk_widget_class_bind_template_child (widget_class, CustodyOverviewPage, rules_group);
  gtk_widget_class_bind_template_child (widget_class, CustodyOverviewPage, alerts_row);
  gtk_widget_class_bind_template_child (widget_class, CustodyOverviewPage, alerts_icon);
  gtk_widget_class_bind_template_child (widget_class, CustodyOverviewPage, failures_group);
  gtk_widget_class_bind_template_child (widget_class, CustodyOverviewPage, desk_group);
  gtk_widget_class_bind_template_child (widget_class, CustodyOverviewPage, trend_chart);
  gtk_widget_class_bind_template_child (widget_class, CustodyOverviewPage, banner);

  g_type_ensure (CUSTODY_TYPE_TREND_CHART);
  g_type_ensure (CUSTODY_TYPE_AS_OF_BANNER);
  g_type_ensure (CUSTODY_TYPE_AS_OF_BUTTON);
}

static void
custody_overview_page_init (CustodyOverviewPage *self)
{
  static const CustodyStatus order[] = {
    CUSTODY_STATUS_VIOLATION, CUSTODY_STATUS_AT_RISK, CUSTODY_STATUS_COMPLIANT,
  };

  gtk_widget_init_template (GTK_WIDGET (self));
  /* Narrow, the header has room for the title only; Compliance sets the moment. */
  custody_page_hide_when_folded (CUSTODY_PAGE (self), self->as_of_button);
  custody_spin_while_mapped (self->loading_spinner);
  self->failure_rows = g_ptr_array_new ();

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    gtk_flow_box_append (self->cards, make_card (self, order[i]));

  for (guint r = 0; r < CUSTODY_N_RULES; r++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), custody_rule_get_label (r));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.compliance-filter");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", custody_rule_to_string (r));
      adw_preferences_group_add (self->rules_group, row);
      self->rule_rows[r] = ADW_ACTION_ROW (row);
      self->rule_icons[r] = GTK_IMAGE (icon);
    }

  for (guint l = 0; l < CUSTODY_N_DESK_LISTS; l++)
    {
      static const char *icons[CUSTODY_N_DESK_LISTS] = {
        "mail-send-symbolic", "mail-send-receive-symbolic", "alarm-symbolic",
        "task-past-due-symbolic",
      };
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name (icons[l]);

      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.media-today");
      adw_preferences_group_add (self->desk_group, row);
      self->desk_rows[l] = ADW_ACTION_ROW (row);
      self->desk_icons[l] = GTK_IMAGE (icon);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->desk_group), FALSE);
}
