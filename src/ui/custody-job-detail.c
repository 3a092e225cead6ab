/* custody-job-detail.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custody-job-detail"

#include "config.h"

#include <glib/gi18n.h>

#include "custody-as-of-banner.h"
#include "custody-execution-model.h"
#include "custody-job-detail.h"
#include "custody-time.h"
#include "custody-trend-loaders.h"
#include "custody-ui-utils.h"

/* Why a job passes or fails: its rules with their reasons, its copies and
 * where they are, its verifications, and its run history, read lazily. */
struct _CustodyJobDetail
{
  AdwBin                 parent_instance;

  AdwHeaderBar          *header;
  GtkWidget             *back_button;
  GtkWidget             *menu_button;
  AdwWindowTitle        *window_title;
  GtkStack              *stack;
  GtkScrolledWindow     *job_scroll;
  GtkImage              *status_icon;
  GtkLabel              *status_label;
  GtkLabel              *summary_label;
  AdwPreferencesGroup   *rules_group;
  AdwPreferencesGroup   *copies_group;
  AdwPreferencesGroup   *verifications_group;
  AdwActionRow          *runs_row;
  AdwActionRow          *source_row;
  AdwActionRow          *owner_row;
  AdwActionRow          *rpo_row;
  AdwActionRow          *verify_row;
  GtkStack              *history_stack;
  GtkListView           *history_view;
  CustodyTrendChart     *compliance_chart;
  CustodyAsOfBanner     *banner;
  CustodyTrendChart     *duration_chart;
  CustodyTrendChart     *bytes_chart;

  CustodySession        *session;
  CustodyJobItem        *item;
  gulong                 notify_id;
  CustodyExecutionModel *runs;
  gulong                 runs_changed_id;
  GPtrArray             *dynamic_rows;   /* rows added to the groups, to remove */
  GCancellable          *cancellable;
  gboolean               show_back;
};

G_DEFINE_FINAL_TYPE (CustodyJobDetail, custody_job_detail, ADW_TYPE_BIN)

enum { BACK, N_SIGNALS };
static guint signals[N_SIGNALS];

/*
 * Rows
 */

static void
add_row (CustodyJobDetail    *self,
         AdwPreferencesGroup *group,
         GtkWidget           *row)
{
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->dynamic_rows, g_object_ref (row));
}

static void
clear_rows (CustodyJobDetail *self)
{
  for (guint i = 0; i < self->dynamic_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->dynamic_rows, i);
      GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);

      if (group != NULL)
        adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), row);
    }
  g_ptr_array_set_size (self->dynamic_rows, 0);
}

static GtkWidget *
reason_row (const char *reason)
{
  GtkWidget *label = gtk_label_new (reason);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_set_margin_top (label, 8);
  gtk_widget_set_margin_bottom (label, 8);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);

  return label;
}

static GtkWidget *
mark_icon (gboolean pass)
{
  GtkWidget *icon = gtk_image_new_from_icon_name (pass ? "emblem-ok-symbolic"
                                                       : "window-close-symbolic");

  gtk_widget_add_css_class (icon, pass ? "success" : "error");
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  pass ? _("Passes") : _("Fails"), -1);
  return icon;
}

static void
fill_rules (CustodyJobDetail *self,
            CustodyVerdict   *v)
{
  for (guint r = 0; r < CUSTODY_N_RULES; r++)
    {
      const CustodyRuleVerdict *rule = &v->rules[r];
      g_autofree char *figures = custody_rule_figures (v, r);
      g_autofree char *subtitle = NULL;
      GtkWidget *row;

      /* Translators: "Passes: production + 3 valid copies = 4, needs 3" */
      subtitle = g_strdup_printf (rule->pass ? _("Passes: %s") : _("Fails: %s"), figures);

      /* A failing rule opens on its reasons; a passing one has none. */
      if (rule->reasons->len > 0)
        {
          row = adw_expander_row_new ();
          adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
          adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row), mark_icon (rule->pass));
          for (guint i = 0; i < rule->reasons->len; i++)
            adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                                      reason_row (g_ptr_array_index (rule->reasons, i)));
          adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), !rule->pass);
        }
      else
        {
          row = adw_action_row_new ();
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
          adw_action_row_add_prefix (ADW_ACTION_ROW (row), mark_icon (rule->pass));
        }
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), custody_rule_get_label (r));
      add_row (self, self->rules_group, row);
    }

  for (guint i = 0; i < v->risks->len; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      gtk_widget_add_css_class (icon, "warning");
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("At risk"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), g_ptr_array_index (v->risks, i));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      add_row (self, self->rules_group, row);
    }
}

/* A copy is fine when it counts (valid) and the 0 errors rule finds
 * nothing wrong with it: a valid copy whose verification is overdue or
 * failed is not shown as fine. */
static gboolean
copy_is_fine (const CustodyCopyVerdict *c)
{
  return c->valid && c->why_errors->len == 0;
}

static char *
copy_state_text (const CustodyCopyVerdict *c,
                 gint64                    now)
{
  g_autoptr(GString) s = g_string_new (custody_media_type_get_label (c->media_type));
  g_autofree char *ago = custody_format_ago (c->last_success, now);

  g_string_append (s, " · ");
  if (!c->valid)
    g_string_append (s, _("not valid"));
  else if (c->why_errors->len > 0)
    /* Translators: a copy that counts as a copy, but fails the 0 errors rule */
    g_string_append (s, _("valid, with errors"));
  else
    g_string_append (s, _("valid"));
  if (c->valid)
    {
      g_string_append (s, " · ");
      g_string_append (s, c->offsite ? _("off-site") : _("on-site"));
      g_string_append (s, " · ");
      /* Translators: offline means air-gapped, not reachable over a network */
      g_string_append (s, c->immutable ? _("immutable") : c->offline ? _("offline") : _("online"));
    }
  g_string_append (s, " · ");
  /* Translators: "last success 3 hours ago" */
  g_string_append_printf (s, _("last success %s"), ago);

  return g_string_free (g_steal_pointer (&s), FALSE);
}

/* The job's data itself, when the policy counts it as one of the 3
 * copies: so that 4 reads as the 3 copies listed and production. */
static void
add_production_row (CustodyJobDetail *self,
                    CustodyVerdict   *v)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name ("drive-harddisk-system-symbolic");

  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Production"), -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  /* Translators: the job's live data, as opposed to its backup copies */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Production data"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                               _("The data itself counts as one of the 3 copies "
                                 "(a policy setting)"));
  add_row (self, self->copies_group, row);
}

static void
fill_copies (CustodyJobDetail *self,
             CustodyVerdict   *v)
{
  if (custody_production_counted (v))
    add_production_row (self, v);

  if (v->n_copies == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No copies yet"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   _("Add the places this job is backed up to: a disk repository, "
                                     "tapes, the cloud."));
      add_row (self, self->copies_group, row);
      return;
    }

  for (guint i = 0; i < v->n_copies; i++)
    {
      const CustodyCopyVerdict *c = &v->copies[i];
      GtkWidget *row = adw_expander_row_new ();
      GtkWidget *actions = gtk_menu_button_new ();
      g_autoptr(GMenu) menu = g_menu_new ();
      g_autofree char *subtitle = copy_state_text (c, v->evaluated_at);
      g_autofree char *actions_name = g_strdup_printf (_("Actions for copy “%s”"), c->name);
      static const struct { const char *label; const char *action; } items[] = {
        { N_("_Record Verification…"), "jobs.verify" },
        { N_("_Edit Copy…"), "jobs.edit-copy" },
        { N_("_Delete Copy"), "jobs.delete-copy" },
      };

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), c->name);
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
      adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row), mark_icon (copy_is_fine (c)));

      /* One menu, not a row of buttons: the copy's state keeps the width,
       * down to a phone's. */
      for (guint a = 0; a < G_N_ELEMENTS (items); a++)
        {
          g_autoptr(GMenuItem) item = g_menu_item_new (_(items[a].label), NULL);

          g_menu_item_set_action_and_target_value (item, items[a].action,
                                                   g_variant_new_string (c->name));
          g_menu_append_item (menu, item);
        }
      gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (actions), G_MENU_MODEL (menu));
      gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (actions), "view-more-symbolic");
      gtk_widget_set_tooltip_text (actions, _("Copy Actions"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (actions), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      actions_name, -1);
      gtk_widget_set_valign (actions, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (actions, "flat");
      adw_expander_row_add_action (ADW_EXPANDER_ROW (row), actions);

      for (guint r = 0; r < c->reasons->len; r++)
        adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                                  reason_row (g_ptr_array_index (c->reasons, r)));
      /* Why the 0 errors rule counts it, in the engine's words. */
      for (guint r = 0; r < c->why_errors->len; r++)
        adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                                  reason_row (g_ptr_array_index (c->why_errors, r)));
      if (c->valid_until != CUSTODY_TIME_NONE)
        {
          g_autofree char *until = custody_format_time (c->valid_until);
          g_autofree char *text = g_strdup_printf (_("valid until %s"), until);
          adw_expander_row_add_row (ADW_EXPANDER_ROW (row), reason_row (text));
        }
      add_row (self, self->copies_group, row);
    }
}

/*
 * Verifications
 */

static gpointer
read_verifications (CustodyStore  *store,
                    gpointer       data,
                    GError       **error)
{
  return custody_store_list_verifications (store, data, error);
}

static void
verifications_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(CustodyJobDetail) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = custody_session_read_finish (CUSTODY_SESSION (source), result,
                                                           &error);
  gint64 now = custody_time_now ();

  if (list == NULL)
    return;

  if (list->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Never verified"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   _("A restore test or a checksum proves a copy can be read back. "
                                     "Record one after each test."));
      add_row (self, self->verifications_group, row);
      return;
    }

  /* The latest few: enough to see a pattern without a long page. */
  for (guint i = 0; i < MIN (list->len, 6); i++)
    {
      CustodyVerification *v = g_ptr_array_index (list, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *title = NULL;
      g_autofree char *ago = custody_format_ago (v->at, now);
      g_autofree char *when = custody_format_time (v->at);
      g_autofree char *subtitle = NULL;

      if (v->passed && v->errors == 0)
        title = g_strdup_printf (_("%s of %s passed"), custody_verify_kind_get_label (v->kind),
                                 v->copy);
      else if (v->passed)
        title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s of %s passed with %lld error",
                                              "%s of %s passed with %lld errors", v->errors),
                                 custody_verify_kind_get_label (v->kind), v->copy,
                                 (long long) v->errors);
      else
        title = g_strdup_printf (_("%s of %s failed"), custody_verify_kind_get_label (v->kind),
                                 v->copy);

      subtitle = v->by[0] != '\0' ? g_strdup_printf (_("%s, by %s"), ago, v->by) : g_strdup (ago);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_set_tooltip_text (row, when);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), mark_icon (v->passed && v->errors == 0));
      add_row (self, self->verifications_group, row);
    }
}

/*
 * Run history
 */

static void
setup_run_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *icon = gtk_image_new ();
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);

  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (text), title);
  gtk_box_append (GTK_BOX (text), subtitle);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), text);
  gtk_list_item_set_child (list_item, box);
  gtk_list_item_set_activatable (list_item, FALSE);
}

static const char *
run_icon (CustodyRunStatus status)
{
  switch (status)
    {
    case CUSTODY_RUN_SUCCESS:
      return "emblem-ok-symbolic";
    case CUSTODY_RUN_WARNING:
      return "dialog-warning-symbolic";
    case CUSTODY_RUN_FAILED:
      return "window-close-symbolic";
    case CUSTODY_RUN_RUNNING:
    case CUSTODY_N_RUN_STATUSES:
    default:
      return "media-playback-start-symbolic";
    }
}

static void
bind_run_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             gpointer                  user_data)
{
  CustodyExecution *e = gtk_list_item_get_item (list_item);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *icon = gtk_widget_get_first_child (box);
  GtkWidget *text = gtk_widget_get_next_sibling (icon);
  GtkWidget *title = gtk_widget_get_first_child (text);
  GtkWidget *subtitle = gtk_widget_get_next_sibling (title);
  g_autofree char *started = NULL;
  g_autofree char *title_text = NULL;
  g_autoptr(GString) details = NULL;

  gtk_widget_remove_css_class (icon, "success");
  gtk_widget_remove_css_class (icon, "warning");
  gtk_widget_remove_css_class (icon, "error");

  if (e->id == 0)
    {
      /* Its page is still being read. */
      gtk_image_set_from_icon_name (GTK_IMAGE (icon), "content-loading-symbolic");
      gtk_label_set_label (GTK_LABEL (title), "…");
      gtk_label_set_label (GTK_LABEL (subtitle), "");
      return;
    }

  gtk_image_set_from_icon_name (GTK_IMAGE (icon), run_icon (e->status));
  gtk_widget_add_css_class (icon, e->status == CUSTODY_RUN_SUCCESS ? "success"
                                  : e->status == CUSTODY_RUN_WARNING ? "warning" : "error");

  started = custody_format_time (e->started);
  /* Translators: "2026-11-25 01:00 · nas · Success" */
  title_text = g_strdup_printf (_("%s · %s · %s"), started, e->copy,
                                custody_run_status_get_label (e->status));
  gtk_label_set_label (GTK_LABEL (title), title_text);

  details = g_string_new (NULL);
  if (e->finished != CUSTODY_TIME_NONE)
    {
      g_autofree char *took = custody_duration_describe (e->finished - e->started);
      g_string_append_printf (details, _("took %s"), took);
    }
  if (e->bytes >= 0)
    {
      g_autofree char *size = g_format_size ((guint64) e->bytes);
      g_string_append_printf (details, "%s%s", details->len > 0 ? " · " : "", size);
    }
  if (e->volumes[0] != NULL)
    {
      g_autofree char *volumes = g_strjoinv (", ", e->volumes);
      g_string_append_printf (details, "%s%s", details->len > 0 ? " · " : "", volumes);
    }
  if (e->message[0] != '\0')
    g_string_append_printf (details, "%s%s", details->len > 0 ? " · " : "", e->message);
  gtk_label_set_label (GTK_LABEL (subtitle), details->str);
  gtk_widget_set_tooltip_text (subtitle, e->message[0] != '\0' ? e->message : NULL);
}

static void
on_runs_changed_cb (CustodyJobDetail *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->runs));
  g_autofree char *subtitle = NULL;

  if (!custody_execution_model_get_counted (self->runs))
    return;

  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u run", "%u runs", n), n);
  adw_action_row_set_subtitle (self->runs_row, subtitle);
  gtk_stack_set_visible_child_name (self->history_stack, n > 0 ? "list" : "empty");
}

/*
 * Filling
 */

static void
update_header (CustodyJobDetail *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->stack);
  gboolean history = g_strcmp0 (page, "history") == 0;
  CustodyJob *job = self->item != NULL ? custody_job_item_get_job (self->item) : NULL;

  adw_window_title_set_title (self->window_title,
                              history ? _("Run History") : job != NULL ? job->name : "");
  adw_window_title_set_subtitle (self->window_title, history && job != NULL ? job->name : NULL);
  gtk_widget_set_visible (self->back_button, self->show_back || history);
  gtk_widget_set_visible (self->menu_button, job != NULL && !history);
}

/*
 * Trends
 */

/* The charts read when they are shown, and again when the store changes. */
static void
set_trends (CustodyJobDetail *self)
{
  CustodySession *session = self->item != NULL ? self->session : NULL;
  const char *job = self->item != NULL ? custody_job_item_get_name (self->item) : NULL;

  custody_trend_chart_set_source (self->compliance_chart, session,
                                  custody_trend_load_compliance, job);
  custody_trend_chart_set_source (self->duration_chart, session,
                                  custody_trend_load_run_durations, job);
  custody_trend_chart_set_source (self->bytes_chart, session,
                                  custody_trend_load_run_bytes, job);
}

static void
fill (CustodyJobDetail *self)
{
  CustodyJob *job;
  CustodyVerdict *v;
  g_autofree char *rpo = NULL;
  g_autofree char *verify = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *when = NULL;

  clear_rows (self);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  set_trends (self);

  if (self->item == NULL || self->session == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      update_header (self);
      return;
    }

  job = custody_job_item_get_job (self->item);
  v = job->verdict;

  if (v != NULL)
    {
      gtk_image_set_from_icon_name (self->status_icon, custody_status_icon_name (v->status));
      custody_set_status_classes (GTK_WIDGET (self->status_icon), v->status);
      gtk_label_set_label (self->status_label, custody_status_get_label (v->status));
      when = custody_format_time (v->evaluated_at);
      summary = g_strdup_printf (_("Checked against the 3-2-1-1-0 rule at %s"), when);
      gtk_label_set_label (self->summary_label, summary);
      fill_rules (self, v);
      fill_copies (self, v);
    }

  rpo = job->rpo_hours % 24 == 0 && job->rpo_hours >= 48
    ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%lld day", "%lld days",
                                    job->rpo_hours / 24), (long long) (job->rpo_hours / 24))
    : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%lld hour", "%lld hours",
                                    job->rpo_hours), (long long) job->rpo_hours);
  verify = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%lld day", "%lld days",
                                         job->verify_days), (long long) job->verify_days);
  adw_action_row_set_subtitle (self->source_row,
                               job->source[0] != '\0' ? job->source : _("Not given"));
  adw_action_row_set_subtitle (self->owner_row,
                               job->owner[0] != '\0' ? job->owner : _("Not given"));
  adw_action_row_set_subtitle (self->rpo_row, rpo);
  adw_action_row_set_subtitle (self->verify_row, verify);

  custody_session_read_async (self->session, read_verifications, g_strdup (job->name), g_free,
                              (GDestroyNotify) g_ptr_array_unref, self->cancellable,
                              verifications_cb, g_object_ref (self));

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "history") != 0)
    gtk_stack_set_visible_child_name (self->stack, "job");
  update_header (self);
}

static void
set_runs_model (CustodyJobDetail *self)
{
  g_autoptr(GtkNoSelection) selection = NULL;

  if (self->runs != NULL)
    g_clear_signal_handler (&self->runs_changed_id, self->runs);
  g_clear_object (&self->runs);
  adw_action_row_set_subtitle (self->runs_row, NULL);

  if (self->item != NULL && self->session != NULL)
    {
      self->runs = custody_execution_model_new (self->session,
                                                custody_job_item_get_name (self->item));
      self->runs_changed_id = g_signal_connect_swapped (self->runs, "items-changed",
                                                        G_CALLBACK (on_runs_changed_cb), self);
      selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->runs)));
    }
  gtk_list_view_set_model (self->history_view, GTK_SELECTION_MODEL (selection));
}

/*
 * Callbacks
 */

static void
on_back_clicked_cb (CustodyJobDetail *self)
{
  custody_job_detail_go_back (self);
}

static void
on_runs_row_activated_cb (CustodyJobDetail *self)
{
  custody_job_detail_show_history (self);
}

static void
on_item_notify_job_cb (CustodyJobDetail *self)
{
  fill (self);
  if (self->runs != NULL)
    custody_execution_model_refresh (self->runs);
}

/*
 * GObject
 */

static void
custody_job_detail_dispose (GObject *object)
{
  CustodyJobDetail *self = (CustodyJobDetail *) object;

  g_cancellable_cancel (self->cancellable);
  custody_job_detail_set_item (self, NULL);
  g_clear_pointer (&self->dynamic_rows, g_ptr_array_unref);
  /* The template made the bin's child: the bin lets go of it first. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CUSTODY_TYPE_JOB_DETAIL);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (custody_job_detail_parent_class)->dispose (object);
}

static void
custody_job_detail_finalize (GObject *object)
{
  CustodyJobDetail *self = (CustodyJobDetail *) object;

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (custody_job_detail_parent_class)->finalize (object);
}

static void
custody_job_detail_class_init (CustodyJobDetailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = custody_job_detail_dispose;
  object_class->finalize = custody_job_detail_finalize;

  signals[BACK] = g_signal_new ("back", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/custody/Custody/ui/"
                                               "custody-job-detail.ui");
  gtk_widget_class_bind_template_child (widget_class, CustodyJobDetail, header);
  gtk_widget_class_bind_template_child (widget_class, CustodyJobDetail, back_button);
  gtk_widget_class_bind_template_child (widget_class, CustodyJobDetail, menu_button);
  gtk_widget_class_bind_template_child (widget_class, CustodyJobDetail, window_title);
  gtk_widget_class_bind_template_child (widget_class, CustodyJobDetail, stack);
  gtk_widget_class_bind_template_child (widget_class, CustodyJobDetail, job_scroll);
  gtk_widget_class_bind_template_child (widget_class, CustodyJobDetail, status_icon);
  gtk_widget_class_bind_template_child (widget_class, CustodyJobDetail, status_label);
  gtk_widget_class_bind_template_child (widget_class, CustodyJobDetail, summary_label);
  gtk_widget_class_bind_template_child (widget_class, CustodyJobDetail, rules_group);
  gtk_widget_class_bind_template_child (widget_class, CustodyJobDetail, copies_group);
  gtk_widget_class_bind_template_child (widget_class, CustodyJobDetail, verifications_group);
  gtk_widget_class_bind_template_child (widget_class, CustodyJobDetail, runs_row);
  gtk_widget_class_bind_template_child (widget_class, CustodyJobDetail, source_row);
  gtk_widget_class_bind_template_child (widget_class, CustodyJobDetail, owner_row);
  gtk_widget_class_bind_template_child (widget_class, CustodyJobDetail, rpo_row);
  gtk_widget_class_bind_template_child (widget_class, CustodyJobDetail, verify_row);
  gtk_widget_class_bind_template_child (widget_class, CustodyJobDetail, history_stack);
  gtk_widget_class_bind_template_child (widget_class, CustodyJobDetail, history_view);
  gtk_widget_class_bind_template_child (widget_class, CustodyJobDetail, compliance_chart);
  gtk_widget_class_bind_template_child (widget_class, CustodyJobDetail, duration_chart);
  gtk_widget_class_bind_template_child (widget_class, CustodyJobDetail, bytes_chart);
  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_runs_row_activated_cb);

  gtk_widget_class_bind_template_child (widget_class, CustodyJobDetail, banner);
  g_type_ensure (CUSTODY_TYPE_TREND_CHART);
  g_type_ensure (CUSTODY_TYPE_AS_OF_BANNER);
}

static void
custody_job_detail_init (CustodyJobDetail *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->dynamic_rows = g_ptr_array_new_with_free_func (g_object_unref);
  self->cancellable = g_cancellable_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_run_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_run_cb), NULL);
  gtk_list_view_set_factory (self->history_view, factory);

  update_header (self);
}

/*
 * Public API
 */

void
custody_job_detail_set_session (CustodyJobDetail *self,
                                CustodySession   *session)
{
  g_return_if_fail (CUSTODY_IS_JOB_DETAIL (self));

  if (!g_set_object (&self->session, session))
    return;
  custody_as_of_banner_set_session (self->banner, session);
  custody_job_detail_set_item (self, NULL);
}

CustodyJobItem *
custody_job_detail_get_item (CustodyJobDetail *self)
{
  g_return_val_if_fail (CUSTODY_IS_JOB_DETAIL (self), NULL);

  return self->item;
}

void
custody_job_detail_set_item (CustodyJobDetail *self,
                             CustodyJobItem   *item)
{
  g_return_if_fail (CUSTODY_IS_JOB_DETAIL (self));

  if (self->item == item)
    return;

  if (self->item != NULL)
    g_clear_signal_handler (&self->notify_id, self->item);
  g_set_object (&self->item, item);
  if (item != NULL)
    self->notify_id = g_signal_connect_swapped (item, "notify::job",
                                                G_CALLBACK (on_item_notify_job_cb), self);

  if (self->stack != NULL &&
      g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "history") == 0)
    gtk_stack_set_visible_child_name (self->stack, "job");
  /* Another job opens at its top, not where the last one was left. */
  if (self->job_scroll != NULL)
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->job_scroll), 0);
  set_runs_model (self);
  if (self->stack != NULL)
    fill (self);
}

void
custody_job_detail_set_show_back (CustodyJobDetail *self,
                                  gboolean          show_back)
{
  g_return_if_fail (CUSTODY_IS_JOB_DETAIL (self));

  self->show_back = show_back;
  /* Beside the list, the list's banner says it. */
  gtk_widget_set_visible (GTK_WIDGET (self->banner), show_back);
  update_header (self);
}

void
custody_job_detail_show_history (CustodyJobDetail *self)
{
  g_return_if_fail (CUSTODY_IS_JOB_DETAIL (self));

  if (self->item == NULL)
    return;
  gtk_stack_set_visible_child_name (self->stack, "history");
  on_runs_changed_cb (self);
  update_header (self);
}

/* Back from the history to the job, else out of the detail. Returns
 * whether there was somewhere to go back to inside the detail. */
gboolean
custody_job_detail_go_back (CustodyJobDetail *self)
{
  g_return_val_if_fail (CUSTODY_IS_JOB_DETAIL (self), FALSE);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "history") == 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "job");
      update_header (self);
      return TRUE;
    }

  g_signal_emit (self, signals[BACK], 0);
  return FALSE;
}
