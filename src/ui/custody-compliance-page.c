/* custody-compliance-page.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custody-compliance-page"

#include "config.h"

#include <glib/gi18n.h>

#include "custody-as-of-banner.h"
#include "custody-as-of-button.h"
#include "custody-compliance-page.h"
#include "custody-job-item.h"
#include "custody-time.h"
#include "custody-ui-utils.h"

/* Jobs by rules, as a matrix: one row per job, a column per rule of
 * 3-2-1-1-0. The rows are a GtkColumnView over filter and sort models of
 * the session's job items, so 10,000 jobs cost no more than the rows on
 * screen; cells are recycled and never read the store.
 *
 * "As of" replays the engine at a past moment (custodyctl's --at) in a
 * worker thread. Its verdicts come back as CustodyJobItems of their own,
 * in a list that stands in for the session's while the banner says so:
 * the same rows, sorters, filter and search serve both.
 *
 * Narrower than the matrix, the page turns compact: the status and rule
 * columns hide and each row stacks the job's status and its five rule
 * verdicts under its name, so that nothing scrolls sideways out of
 * sight (libadwaita 1.2 has no breakpoints: the page's own width
 * decides). */

struct _CustodyCompliancePage
{
  CustodyPage         parent_instance;

  /* Template widgets */
  GtkToggleButton    *search_button;
  GtkSearchBar       *search_bar;
  GtkSearchEntry     *search_entry;
  GtkDropDown        *filter_dropdown;
  GtkLabel           *count_label;
  GtkSpinner         *busy_spinner;
  CustodyAsOfButton  *as_of_button;
  CustodyAsOfBanner  *banner;
  GtkStack           *stack;
  GtkColumnView      *column_view;
  AdwStatusPage      *empty_page;

  /* Models: base (session's jobs or past) → filter → sort → view */
  GtkFilterListModel *filter_model;
  GtkSortListModel   *sort_model;
  GtkCustomFilter    *filter;

  CustodySession     *session;         /* the one whose signals we hold */
  gulong              reloaded_id;
  gulong              as_of_id;
  gulong              past_id;

  char               *needle;          /* case-folded search, or NULL */
  int                 filter_rule;     /* a CustodyRule, or -1 */
  guint               filter_mode;
  gint64              as_of;           /* CUSTODY_TIME_NONE: now */
  guint               evaluating : 1;
  guint               live_stale : 1;  /* reloaded while the past showed */
  guint               compact : 1;     /* rules stacked under the name */
  guint               compact_source;
};

G_DEFINE_FINAL_TYPE (CustodyCompliancePage, custody_compliance_page, CUSTODY_TYPE_PAGE)

enum { PROP_0, PROP_FILTER, PROP_AS_OF, PROP_BUSY, PROP_COMPACT, N_PROPS };
static GParamSpec *properties[N_PROPS];

/* The filter dropdown's rows, in the order of the .ui. */
enum
{
  FILTER_ALL,
  FILTER_VIOLATIONS,
  FILTER_AT_RISK,
  FILTER_RULE,       /* FILTER_RULE + r: failing rule r */
};

static const char * const filter_keys[] = { "all", "violations", "at-risk" };

/* The matrix's columns: the job, its status, then one per rule. */
enum
{
  COLUMN_JOB,
  COLUMN_STATUS,
  COLUMN_RULE,       /* COLUMN_RULE + r */
  N_COLUMNS = COLUMN_RULE + CUSTODY_N_RULES
};

static const char * const rule_titles[CUSTODY_N_RULES] = {
  N_("3 Copies"),
  N_("2 Media"),
  N_("1 Off-Site"),
  /* Translators: offline means air-gapped, not reachable over a network */
  N_("1 Offline"),
  N_("0 Errors"),
};

/* Narrower than this, the rows stack: about the columns' widths. */
#define COMPACT_BELOW 800
#define JOB_COLUMN_WIDTH 180

static GQuark column_quark;

/*
 * Helpers
 */

/* The live jobs, only while the page is on screen: a column view follows
 * every change of its model, and a hidden one would pay for each reload
 * of thousands of jobs for nothing. */
static GListModel *
live_jobs (CustodyCompliancePage *self)
{
  if (self->session == NULL || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return NULL;
  return custody_session_get_jobs (self->session);
}

static guint
n_base_items (CustodyCompliancePage *self)
{
  GListModel *base = gtk_filter_list_model_get_model (self->filter_model);

  return base != NULL ? g_list_model_get_n_items (base) : 0;
}

static char *
format_moment (gint64 at)
{
  return custody_format_time (at);
}

static const char *
filter_key (CustodyCompliancePage *self)
{
  if (self->filter_mode >= FILTER_RULE)
    return custody_rule_to_string (self->filter_rule);
  return filter_keys[self->filter_mode];
}

static char *
describe_rule (const CustodyVerdict *verdict,
               CustodyRule           r)
{
  const CustodyRuleVerdict *rule = &verdict->rules[r];
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *figures = custody_rule_figures (verdict, r);

  g_string_append_printf (text, rule->pass ? _("%s: passes (%s)") : _("%s: fails (%s)"),
                          custody_rule_get_label (r), figures);
  for (guint i = 0; rule->reasons != NULL && i < rule->reasons->len; i++)
    g_string_append_printf (text, "\n• %s", (const char *) g_ptr_array_index (rule->reasons, i));

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
describe_status (CustodyVerdict *verdict)
{
  g_autoptr(GString) text = g_string_new (custody_status_get_label (verdict->status));

  switch (verdict->status)
    {
    case CUSTODY_STATUS_VIOLATION:
      g_string_append_c (text, '\n');
      g_string_append (text, _("Fails:"));
      for (guint r = 0, n = 0; r < CUSTODY_N_RULES; r++)
        if (!verdict->rules[r].pass)
          g_string_append_printf (text, "%s %s", n++ > 0 ? "," : "", custody_rule_get_label (r));
      break;
    case CUSTODY_STATUS_AT_RISK:
      for (guint i = 0; verdict->risks != NULL && i < verdict->risks->len; i++)
        g_string_append_printf (text, "\n• %s",
                                (const char *) g_ptr_array_index (verdict->risks, i));
      break;
    case CUSTODY_STATUS_COMPLIANT:
      g_string_append_c (text, '\n');
      g_string_append (text, _("Passes every rule"));
      break;
    case CUSTODY_N_STATUSES:
    default:
      break;
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* A cell: an icon and a short text, coloured by pass or fail. The colour
 * is never alone: the icon's shape and the tooltip say it too. */
static GtkWidget *
make_cell (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *image = gtk_image_new ();
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (label, "numeric");
  gtk_box_append (GTK_BOX (box), image);
  gtk_box_append (GTK_BOX (box), label);
  gtk_widget_add_css_class (box, "compliance-cell");

  return box;
}

static void
set_cell (GtkWidget  *box,
          const char *icon_name,
          const char *icon_label,
          const char *text,
          const char *css_class)
{
  GtkWidget *image = gtk_widget_get_first_child (box);
  GtkWidget *label = gtk_widget_get_last_child (box);

  gtk_image_set_from_icon_name (GTK_IMAGE (image), icon_name);
  /* A rule's icon is all that says pass or fail to a screen reader; the
   * status's repeats the word next to it. */
  if (icon_label != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (image),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, icon_label,
                                    -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (image), GTK_ACCESSIBLE_PROPERTY_LABEL);
  gtk_label_set_label (GTK_LABEL (label), text);
  gtk_widget_remove_css_class (box, "success");
  gtk_widget_remove_css_class (box, "warning");
  gtk_widget_remove_css_class (box, "error");
  if (css_class != NULL)
    gtk_widget_add_css_class (box, css_class);
}

static guint
list_item_column (GtkListItem *list_item)
{
  return GPOINTER_TO_UINT (g_object_get_qdata (G_OBJECT (list_item), column_quark)) - 1;
}

/* Tooltips are made when asked for, not at every bind: setting one on
 * a shown widget makes GTK query the pointer, a round trip to the
 * display server for each of the hundreds of cells a sort rebinds. */
static char *
cell_tooltip (GtkListItem *list_item,
              guint        column)
{
  CustodyJobItem *item = gtk_list_item_get_item (list_item);
  CustodyVerdict *verdict;

  if (item == NULL)
    return NULL;

  if (column == COLUMN_JOB)
    {
      CustodyJob *job = custody_job_item_get_job (item);
      GString *text = g_string_new (job->name);

      /* The whole name, should the column cut it short. */
      if (job->source[0] != '\0')
        {
          g_string_append_c (text, '\n');
          /* Translators: what a job protects: a host, path, VM or database */
          g_string_append_printf (text, _("Source: %s"), job->source);
        }
      if (job->owner[0] != '\0')
        {
          g_string_append_c (text, '\n');
          /* Translators: who answers for a job */
          g_string_append_printf (text, _("Owner: %s"), job->owner);
        }
      return g_string_free (text, FALSE);
    }

  verdict = custody_job_item_get_verdict (item);
  if (verdict == NULL)
    return g_strdup (_("Not evaluated yet"));
  if (column == COLUMN_STATUS)
    return describe_status (verdict);
  return describe_rule (verdict, column - COLUMN_RULE);
}

/* A status or rule cell; @titled: with the rule's title, for the rows
 * that stack them without column headings. */
static void
update_verdict_cell (GtkWidget      *child,
                     CustodyJobItem *item,
                     guint           column,
                     gboolean        titled)
{
  CustodyVerdict *verdict = custody_job_item_get_verdict (item);

  if (verdict == NULL)
    set_cell (child, NULL, NULL, "—", NULL);
  else if (column == COLUMN_STATUS)
    set_cell (child, custody_status_icon_name (verdict->status), NULL,
              custody_status_get_label (verdict->status),
              custody_status_css_class (verdict->status));
  else
    {
      CustodyRule r = column - COLUMN_RULE;
      const CustodyRuleVerdict *rule = &verdict->rules[r];
      g_autofree char *text = NULL;

      /* "2/3": have of need. Zero errors needs none, so it shows the
       * count of errors alone. */
      if (r == CUSTODY_RULE_0_ERRORS)
        text = g_strdup_printf ("%" G_GINT64_FORMAT, rule->have);
      else
        text = g_strdup_printf ("%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT, rule->have, rule->need);
      if (titled)
        {
          g_autofree char *count = g_steal_pointer (&text);

          /* Translators: a rule and what a job has of it, in the narrow
           * view's rows: "3 Copies: 2/3" */
          text = g_strdup_printf (C_("rule and count", "%s: %s"), _(rule_titles[r]), count);
        }

      set_cell (child,
                rule->pass ? "emblem-ok-symbolic" : "dialog-error-symbolic",
                rule->pass ? _("Passes") : _("Fails"),
                text,
                rule->pass ? "success" : "error");
    }
}

static void
update_cell (GtkListItem *list_item)
{
  guint column = list_item_column (list_item);
  CustodyJobItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *child = gtk_list_item_get_child (list_item);

  if (item == NULL || child == NULL)
    return;

  if (column != COLUMN_JOB)
    {
      update_verdict_cell (child, item, column, FALSE);
      return;
    }

  /* The job: its name, and the stacked verdicts the narrow view shows
   * (see setup_cell_cb). */
  {
    GtkWidget *line = gtk_widget_get_first_child (child);
    GtkWidget *rules = gtk_widget_get_last_child (child);
    guint r = 0;

    gtk_label_set_label (GTK_LABEL (gtk_widget_get_first_child (line)),
                         custody_job_item_get_name (item));
    update_verdict_cell (gtk_widget_get_last_child (line), item, COLUMN_STATUS, TRUE);
    for (GtkWidget *chip = gtk_widget_get_first_child (rules); chip != NULL;
         chip = gtk_widget_get_next_sibling (chip))
      update_verdict_cell (gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (chip)), item,
                           COLUMN_RULE + r++, TRUE);
  }
}

static void
update_count (CustodyCompliancePage *self)
{
  guint total = n_base_items (self);
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->sort_model));
  g_autofree char *text = NULL;

  if (shown == total)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u job", "%u jobs", total), total);
  else
    /* Translators: "12 of 10000 jobs" */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u job", "%u of %u jobs", total),
                            shown, total);
  gtk_label_set_label (self->count_label, text);
}

static void
update_view (CustodyCompliancePage *self)
{
  guint total = n_base_items (self);
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->sort_model));

  update_count (self);

  if (total == 0)
    {
      if (self->as_of != CUSTODY_TIME_NONE)
        {
          g_autofree char *when = format_moment (self->as_of);
          g_autofree char *description =
            g_strdup_printf (_("None of the jobs existed on %s."), when);

          adw_status_page_set_title (self->empty_page, _("No Jobs at That Moment"));
          adw_status_page_set_description (self->empty_page, description);
        }
      else
        {
          const char *description =
            _("Add a job and its copies to see how it measures up to the 3-2-1-1-0 rule.");

          adw_status_page_set_title (self->empty_page, _("No Jobs"));
          adw_status_page_set_description (self->empty_page, description);
        }
      gtk_stack_set_visible_child_name (self->stack, "empty");
    }
  else if (shown == 0)
    gtk_stack_set_visible_child_name (self->stack, "no-results");
  else
    gtk_stack_set_visible_child_name (self->stack, "matrix");
}

static void
update_as_of (CustodyCompliancePage *self)
{
  /* The button and the banner follow the session by themselves. */
  custody_as_of_banner_set_busy (self->banner, self->evaluating);
  gtk_widget_set_visible (GTK_WIDGET (self->busy_spinner), self->evaluating);
  gtk_spinner_set_spinning (self->busy_spinner, self->evaluating);
}

static void
set_evaluating (CustodyCompliancePage *self,
                gboolean               evaluating)
{
  evaluating = !!evaluating;
  if (self->evaluating == evaluating)
    return;

  self->evaluating = evaluating;
  update_as_of (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
refilter (CustodyCompliancePage *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

/* Shows the live items again, or the past ones. */
static void
set_base (CustodyCompliancePage *self,
          GListModel            *base)
{
  if (gtk_filter_list_model_get_model (self->filter_model) != base)
    gtk_filter_list_model_set_model (self->filter_model, base);
  update_view (self);
}

/*
 * Filtering and sorting
 */

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  CustodyCompliancePage *self = user_data;
  CustodyJobItem *job_item = item;
  CustodyVerdict *verdict = custody_job_item_get_verdict (job_item);

  if (custody_job_item_get_hidden (job_item))
    return FALSE;
  if (!custody_job_item_matches (job_item, self->needle))
    return FALSE;

  switch (self->filter_mode)
    {
    case FILTER_ALL:
      return TRUE;
    case FILTER_VIOLATIONS:
      return verdict != NULL && verdict->status == CUSTODY_STATUS_VIOLATION;
    case FILTER_AT_RISK:
      return verdict != NULL && verdict->status == CUSTODY_STATUS_AT_RISK;
    default:
      return verdict != NULL && !verdict->rules[self->filter_rule].pass;
    }
}

static int
compare_names (CustodyJobItem *a,
               CustodyJobItem *b)
{
  return strcmp (custody_job_item_get_name (a), custody_job_item_get_name (b));
}

/* Most severe first, so that the first click shows violations on top. */
static int
compare_status (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  CustodyVerdict *va = custody_job_item_get_verdict ((CustodyJobItem *) a);
  CustodyVerdict *vb = custody_job_item_get_verdict ((CustodyJobItem *) b);
  int sa = va != NULL ? (int) va->status : -1;
  int sb = vb != NULL ? (int) vb->status : -1;

  if (sa != sb)
    return sb - sa;
  return compare_names ((CustodyJobItem *) a, (CustodyJobItem *) b);
}

/* Failing first, then the furthest from passing. */
static int
compare_rule (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  CustodyRule r = GPOINTER_TO_UINT (user_data);
  CustodyVerdict *va = custody_job_item_get_verdict ((CustodyJobItem *) a);
  CustodyVerdict *vb = custody_job_item_get_verdict ((CustodyJobItem *) b);

  if (va == NULL || vb == NULL)
    {
      if (va != vb)
        return va == NULL ? 1 : -1;
    }
  else
    {
      const CustodyRuleVerdict *ra = &va->rules[r];
      const CustodyRuleVerdict *rb = &vb->rules[r];
      gint64 sa = r == CUSTODY_RULE_0_ERRORS ? -ra->have : ra->have - ra->need;
      gint64 sb = r == CUSTODY_RULE_0_ERRORS ? -rb->have : rb->have - rb->need;

      if (ra->pass != rb->pass)
        return ra->pass ? 1 : -1;
      if (sa != sb)
        return sa < sb ? -1 : 1;
    }

  return compare_names ((CustodyJobItem *) a, (CustodyJobItem *) b);
}

/*
 * Cells
 */

static void
on_item_job_changed_cb (CustodyJobItem *item,
                        GParamSpec     *pspec,
                        GtkListItem    *list_item)
{
  update_cell (list_item);
}

static gboolean
on_cell_query_tooltip_cb (GtkWidget   *widget,
                          int          x,
                          int          y,
                          gboolean     keyboard_mode,
                          GtkTooltip  *tooltip,
                          GtkListItem *list_item)
{
  g_autofree char *text = NULL;
  gpointer column = g_object_get_qdata (G_OBJECT (widget), column_quark);

  text = cell_tooltip (list_item, column != NULL ? GPOINTER_TO_UINT (column) - 1
                                                 : list_item_column (list_item));

  if (text == NULL)
    return FALSE;

  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  CustodyCompliancePage *self = g_object_get_data (G_OBJECT (factory), "custody-page");
  guint column = GPOINTER_TO_UINT (user_data);
  GtkWidget *child;

  g_object_set_qdata (G_OBJECT (list_item), column_quark, GUINT_TO_POINTER (column + 1));

  if (column == COLUMN_JOB)
    {
      GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      GtkWidget *name = gtk_label_new (NULL);
      GtkWidget *rules = gtk_flow_box_new ();
      GtkWidget *status = make_cell ();

      /* The name, then, only in the narrow view, the status beside it
       * and the rules under it. */
      child = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
      gtk_label_set_xalign (GTK_LABEL (name), 0);
      gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
      gtk_widget_set_hexpand (name, TRUE);
      gtk_widget_add_css_class (name, "compliance-cell");
      gtk_widget_set_has_tooltip (name, TRUE);
      g_signal_connect_object (name, "query-tooltip", G_CALLBACK (on_cell_query_tooltip_cb),
                               list_item, 0);
      gtk_box_append (GTK_BOX (line), name);

      /* Stacked, the verdicts are whole: the rows are wrapped instead. */
      gtk_label_set_ellipsize (GTK_LABEL (gtk_widget_get_last_child (status)),
                               PANGO_ELLIPSIZE_NONE);
      g_object_set_qdata (G_OBJECT (status), column_quark, GUINT_TO_POINTER (COLUMN_STATUS + 1));
      gtk_widget_set_has_tooltip (status, TRUE);
      g_signal_connect_object (status, "query-tooltip", G_CALLBACK (on_cell_query_tooltip_cb),
                               list_item, 0);
      g_object_bind_property (self, "compact", status, "visible", G_BINDING_SYNC_CREATE);
      gtk_box_append (GTK_BOX (line), status);
      gtk_box_append (GTK_BOX (child), line);

      gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (rules), GTK_SELECTION_NONE);
      gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (rules), TRUE);
      gtk_flow_box_set_min_children_per_line (GTK_FLOW_BOX (rules), 2);
      gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (rules), CUSTODY_N_RULES);
      gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (rules), 12);
      gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (rules), 2);
      gtk_widget_set_focusable (rules, FALSE);
      gtk_widget_add_css_class (rules, "compliance-rules");
      for (guint r = 0; r < CUSTODY_N_RULES; r++)
        {
          GtkWidget *chip = make_cell ();

          gtk_label_set_ellipsize (GTK_LABEL (gtk_widget_get_last_child (chip)),
                                   PANGO_ELLIPSIZE_NONE);

          g_object_set_qdata (G_OBJECT (chip), column_quark,
                              GUINT_TO_POINTER (COLUMN_RULE + r + 1));
          gtk_widget_set_has_tooltip (chip, TRUE);
          g_signal_connect_object (chip, "query-tooltip", G_CALLBACK (on_cell_query_tooltip_cb),
                                   list_item, 0);
          gtk_flow_box_insert (GTK_FLOW_BOX (rules), chip, -1);
          gtk_widget_set_focusable (gtk_widget_get_parent (chip), FALSE);
        }
      g_object_bind_property (self, "compact", rules, "visible", G_BINDING_SYNC_CREATE);
      gtk_box_append (GTK_BOX (child), rules);
    }
  else
    {
      child = make_cell ();
      gtk_widget_set_has_tooltip (child, TRUE);
      g_signal_connect_object (child, "query-tooltip", G_CALLBACK (on_cell_query_tooltip_cb),
                               list_item, 0);
    }

  gtk_list_item_set_child (list_item, child);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  CustodyJobItem *item = gtk_list_item_get_item (list_item);

  /* Reloads swap the record inside the item and say so. */
  g_signal_connect (item, "notify::job", G_CALLBACK (on_item_job_changed_cb), list_item);
  update_cell (list_item);
}

static void
unbind_cell_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                gpointer                  user_data)
{
  CustodyJobItem *item = gtk_list_item_get_item (list_item);

  if (item != NULL)
    g_signal_handlers_disconnect_by_func (item, on_item_job_changed_cb, list_item);
}

static void
add_column (CustodyCompliancePage *self,
            guint                  column,
            const char            *title,
            GtkSorter             *sorter)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkColumnViewColumn) view_column = NULL;

  g_object_set_data (G_OBJECT (factory), "custody-page", self);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), GUINT_TO_POINTER (column));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), GUINT_TO_POINTER (column));
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cell_cb), GUINT_TO_POINTER (column));

  view_column = gtk_column_view_column_new (title, g_object_ref (factory));
  gtk_column_view_column_set_sorter (view_column, sorter);
  gtk_column_view_column_set_resizable (view_column, TRUE);
  if (column == COLUMN_JOB)
    {
      gtk_column_view_column_set_expand (view_column, TRUE);
      gtk_column_view_column_set_fixed_width (view_column, JOB_COLUMN_WIDTH);
    }
  else
    gtk_column_view_column_set_fixed_width (view_column, column == COLUMN_STATUS ? 124 : 100);

  gtk_column_view_append_column (self->column_view, view_column);

  if (column == COLUMN_STATUS)
    gtk_column_view_sort_by_column (self->column_view, view_column, GTK_SORT_ASCENDING);
}

/*
 * Narrow
 */

static void
set_compact (CustodyCompliancePage *self,
             gboolean               compact)
{
  GListModel *columns;

  compact = !!compact;
  if (self->compact == compact)
    return;

  self->compact = compact;
  columns = gtk_column_view_get_columns (self->column_view);
  for (guint c = 0; c < g_list_model_get_n_items (columns); c++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, c);

      /* The job's column alone, as wide as its stacked rows ask (GTK 4.8
       * gives an expanding column no more than its fixed width). */
      if (c == COLUMN_JOB)
        gtk_column_view_column_set_fixed_width (column, compact ? -1 : JOB_COLUMN_WIDTH);
      else
        gtk_column_view_column_set_visible (column, !compact);
    }
  if (compact)
    gtk_widget_add_css_class (GTK_WIDGET (self->column_view), "compact");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->column_view), "compact");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPACT]);
}

static gboolean
apply_compact_cb (gpointer user_data)
{
  CustodyCompliancePage *self = user_data;

  self->compact_source = 0;
  set_compact (self, gtk_widget_get_width (GTK_WIDGET (self)) < COMPACT_BELOW);
  return G_SOURCE_REMOVE;
}

/*
 * "As of"
 */

static void on_session_reloaded_cb (CustodyCompliancePage *self,
                                    CustodySession        *session);

/* The session reads the moment for every view; the page shows its jobs
 * once they are in, and the live ones again at now. */
static void
on_session_past_changed_cb (CustodyCompliancePage *self)
{
  if (self->as_of == CUSTODY_TIME_NONE)
    return;

  set_evaluating (self, FALSE);
  set_base (self, custody_session_get_past_jobs (self->session));
}

static void
apply_as_of (CustodyCompliancePage *self)
{
  gint64 at = self->session != NULL ? custody_session_get_as_of (self->session)
                                    : CUSTODY_TIME_NONE;

  if (self->as_of == at)
    return;

  self->as_of = at;
  if (at == CUSTODY_TIME_NONE)
    {
      set_evaluating (self, FALSE);
      set_base (self, live_jobs (self));
      /* Items may have changed in place while the past showed. */
      if (self->live_stale)
        on_session_reloaded_cb (self, self->session);
    }
  else
    set_evaluating (self, custody_session_get_past_loading (self->session));

  update_as_of (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AS_OF]);
}

/*
 * Callbacks
 */

static void
on_session_reloaded_cb (CustodyCompliancePage *self,
                        CustodySession        *session)
{
  /* Items changed in place: filter and sort them again. Past verdicts
   * stay as they were evaluated. */
  if (self->as_of != CUSTODY_TIME_NONE)
    {
      self->live_stale = TRUE;
      return;
    }

  self->live_stale = FALSE;
  refilter (self);
  gtk_sorter_changed (gtk_column_view_get_sorter (self->column_view), GTK_SORTER_CHANGE_DIFFERENT);
  update_view (self);
}

static void
on_sort_model_items_changed_cb (CustodyCompliancePage *self)
{
  update_view (self);
}

static void
on_search_entry_search_changed_cb (CustodyCompliancePage *self,
                                   GtkSearchEntry        *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  g_clear_pointer (&self->needle, g_free);
  if (text[0] != '\0')
    self->needle = g_utf8_casefold (text, -1);
  refilter (self);
}

static void
on_filter_dropdown_selected_cb (CustodyCompliancePage *self)
{
  guint selected = gtk_drop_down_get_selected (self->filter_dropdown);

  if (selected == GTK_INVALID_LIST_POSITION || selected >= FILTER_RULE + CUSTODY_N_RULES)
    selected = FILTER_ALL;
  if (selected == self->filter_mode)
    return;

  self->filter_mode = selected;
  self->filter_rule = selected >= FILTER_RULE ? (int) (selected - FILTER_RULE) : -1;
  refilter (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILTER]);
}

static void
on_column_view_activate_cb (CustodyCompliancePage *self,
                            guint                  position)
{
  GListModel *model = G_LIST_MODEL (gtk_column_view_get_model (self->column_view));
  g_autoptr(CustodyJobItem) item = g_list_model_get_item (model, position);

  /* The window opens it in the Jobs view, if it can. */
  if (item != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.open-job", "s",
                                custody_job_item_get_name (item));
}

/*
 * Actions
 */

static void
return_to_now_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CustodyCompliancePage *self = CUSTODY_COMPLIANCE_PAGE (widget);

  custody_compliance_page_set_as_of (self, CUSTODY_TIME_NONE);
}

static void
show_all_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  custody_compliance_page_set_filter (CUSTODY_COMPLIANCE_PAGE (widget), "all");
}

/*
 * CustodyPage
 */

static void
custody_compliance_page_session_changed (CustodyPage *page)
{
  CustodyCompliancePage *self = CUSTODY_COMPLIANCE_PAGE (page);
  CustodySession *session = custody_page_get_session (page);

  if (self->session != NULL)
    {
      g_clear_signal_handler (&self->reloaded_id, self->session);
      g_clear_signal_handler (&self->as_of_id, self->session);
      g_clear_signal_handler (&self->past_id, self->session);
      g_clear_object (&self->session);
    }

  /* Each store has its own moment. */
  self->as_of = CUSTODY_TIME_NONE;
  set_evaluating (self, FALSE);

  if (session != NULL)
    {
      self->session = g_object_ref (session);
      self->reloaded_id = g_signal_connect_object (session, "reloaded",
                                                   G_CALLBACK (on_session_reloaded_cb), self,
                                                   G_CONNECT_SWAPPED);
      self->as_of_id = g_signal_connect_object (session, "notify::as-of",
                                                G_CALLBACK (apply_as_of), self,
                                                G_CONNECT_SWAPPED);
      self->past_id = g_signal_connect_object (session, "past-changed",
                                               G_CALLBACK (on_session_past_changed_cb), self,
                                               G_CONNECT_SWAPPED);
    }

  set_base (self, live_jobs (self));
  apply_as_of (self);
  if (self->as_of != CUSTODY_TIME_NONE && !custody_session_get_past_loading (session))
    on_session_past_changed_cb (self);
  update_as_of (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AS_OF]);
}

static void
custody_compliance_page_map (GtkWidget *widget)
{
  CustodyCompliancePage *self = CUSTODY_COMPLIANCE_PAGE (widget);

  GTK_WIDGET_CLASS (custody_compliance_page_parent_class)->map (widget);
  if (self->as_of == CUSTODY_TIME_NONE)
    set_base (self, live_jobs (self));
}

/* The page lays out its one child itself (no layout manager, unlike
 * AdwBin) to know its width as it is allocated. */
static void
custody_compliance_page_measure (GtkWidget      *widget,
                                 GtkOrientation  orientation,
                                 int             for_size,
                                 int            *minimum,
                                 int            *natural,
                                 int            *minimum_baseline,
                                 int            *natural_baseline)
{
  GtkWidget *child = adw_bin_get_child (ADW_BIN (widget));

  if (child != NULL && gtk_widget_should_layout (child))
    gtk_widget_measure (child, orientation, for_size, minimum, natural, minimum_baseline,
                        natural_baseline);
}

static GtkSizeRequestMode
custody_compliance_page_get_request_mode (GtkWidget *widget)
{
  GtkWidget *child = adw_bin_get_child (ADW_BIN (widget));

  return child != NULL ? gtk_widget_get_request_mode (child) : GTK_SIZE_REQUEST_CONSTANT_SIZE;
}

/* Columns come and go after this allocation, not during it. */
static void
custody_compliance_page_size_allocate (GtkWidget *widget,
                                       int        width,
                                       int        height,
                                       int        baseline)
{
  CustodyCompliancePage *self = CUSTODY_COMPLIANCE_PAGE (widget);
  GtkWidget *child = adw_bin_get_child (ADW_BIN (widget));

  if (child != NULL && gtk_widget_should_layout (child))
    gtk_widget_allocate (child, width, height, baseline, NULL);
  if ((width < COMPACT_BELOW) != self->compact && self->compact_source == 0)
    self->compact_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, apply_compact_cb, self, NULL);
}

static void
custody_compliance_page_unmap (GtkWidget *widget)
{
  CustodyCompliancePage *self = CUSTODY_COMPLIANCE_PAGE (widget);

  GTK_WIDGET_CLASS (custody_compliance_page_parent_class)->unmap (widget);
  if (self->as_of == CUSTODY_TIME_NONE)
    set_base (self, NULL);
}

static gboolean
custody_compliance_page_search (CustodyPage *page)
{
  CustodyCompliancePage *self = CUSTODY_COMPLIANCE_PAGE (page);

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  return TRUE;
}

/*
 * GObject
 */

static void
custody_compliance_page_dispose (GObject *object)
{
  CustodyCompliancePage *self = (CustodyCompliancePage *) object;

  g_clear_handle_id (&self->compact_source, g_source_remove);
  if (self->session != NULL)
    {
      g_clear_signal_handler (&self->reloaded_id, self->session);
      g_clear_signal_handler (&self->as_of_id, self->session);
      g_clear_signal_handler (&self->past_id, self->session);
    }
  g_clear_object (&self->session);

  /* The column view re-sorts as its columns go: nothing to show then. */
  if (self->sort_model != NULL)
    g_signal_handlers_disconnect_by_data (self->sort_model, self);

  /* The template made the bin's child: the bin lets go of it first. */
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), CUSTODY_TYPE_COMPLIANCE_PAGE);

  g_clear_object (&self->sort_model);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->filter);

  G_OBJECT_CLASS (custody_compliance_page_parent_class)->dispose (object);
}

static void
custody_compliance_page_finalize (GObject *object)
{
  CustodyCompliancePage *self = (CustodyCompliancePage *) object;

  g_free (self->needle);

  G_OBJECT_CLASS (custody_compliance_page_parent_class)->finalize (object);
}

static void
custody_compliance_page_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  CustodyCompliancePage *self = CUSTODY_COMPLIANCE_PAGE (object);

  switch (prop_id)
    {
    case PROP_FILTER:
      g_value_set_string (value, custody_compliance_page_get_filter (self));
      break;
    case PROP_AS_OF:
      g_value_set_int64 (value, self->as_of);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->evaluating);
      break;
    case PROP_COMPACT:
      g_value_set_boolean (value, self->compact);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
custody_compliance_page_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  CustodyCompliancePage *self = CUSTODY_COMPLIANCE_PAGE (object);

  switch (prop_id)
    {
    case PROP_FILTER:
      custody_compliance_page_set_filter (self, g_value_get_string (value));
      break;
    case PROP_AS_OF:
      custody_compliance_page_set_as_of (self, g_value_get_int64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
custody_compliance_page_class_init (CustodyCompliancePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  CustodyPageClass *page_class = CUSTODY_PAGE_CLASS (klass);

  object_class->dispose = custody_compliance_page_dispose;
  object_class->finalize = custody_compliance_page_finalize;
  object_class->get_property = custody_compliance_page_get_property;
  object_class->set_property = custody_compliance_page_set_property;

  page_class->help_section = "compliance";
  page_class->session_changed = custody_compliance_page_session_changed;
  widget_class->map = custody_compliance_page_map;
  widget_class->unmap = custody_compliance_page_unmap;
  widget_class->get_request_mode = custody_compliance_page_get_request_mode;
  widget_class->measure = custody_compliance_page_measure;
  widget_class->size_allocate = custody_compliance_page_size_allocate;
  page_class->search = custody_compliance_page_search;

  /**
   * CustodyCompliancePage:filter:
   *
   * "all", "violations", "at-risk", or a rule key such as "1-offsite"
   * for the jobs failing that rule.
   */
  properties[PROP_FILTER] =
    g_param_spec_string ("filter", NULL, NULL, "all",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * CustodyCompliancePage:as-of:
   *
   * The moment shown, in Unix seconds, or %CUSTODY_TIME_NONE for now.
   */
  properties[PROP_AS_OF] =
    g_param_spec_int64 ("as-of", NULL, NULL, G_MININT64, G_MAXINT64, CUSTODY_TIME_NONE,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * CustodyCompliancePage:busy:
   *
   * Whether a past moment is being evaluated.
   */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * CustodyCompliancePage:compact:
   *
   * Whether the page is too narrow for the matrix, and each row stacks
   * the job's status and rules under its name instead.
   */
  properties[PROP_COMPACT] =
    g_param_spec_boolean ("compact", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/custody/Custody/ui/custody-compliance-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CustodyCompliancePage, search_button);
  gtk_widget_class_bind_template_child (widget_class, CustodyCompliancePage, search_bar);
  gtk_widget_class_bind_template_child (widget_class, CustodyCompliancePage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CustodyCompliancePage, filter_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CustodyCompliancePage, count_label);
  gtk_widget_class_bind_template_child (widget_class, CustodyCompliancePage, busy_spinner);
  gtk_widget_class_bind_template_child (widget_class, CustodyCompliancePage, as_of_button);
  gtk_widget_class_bind_template_child (widget_class, CustodyCompliancePage, banner);
  gtk_widget_class_bind_template_child (widget_class, CustodyCompliancePage, stack);
  gtk_widget_class_bind_template_child (widget_class, CustodyCompliancePage, column_view);
  gtk_widget_class_bind_template_child (widget_class, CustodyCompliancePage, empty_page);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_dropdown_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_column_view_activate_cb);

  gtk_widget_class_install_action (widget_class, "compliance.return-to-now", NULL,
                                   return_to_now_action);
  gtk_widget_class_install_action (widget_class, "compliance.show-all", NULL, show_all_action);

  column_quark = g_quark_from_static_string ("custody-compliance-column");

  g_type_ensure (CUSTODY_TYPE_AS_OF_BANNER);
  g_type_ensure (CUSTODY_TYPE_AS_OF_BUTTON);
}

static void
custody_compliance_page_init (CustodyCompliancePage *self)
{
  GtkSorter *sorters[N_COLUMNS];
  g_autoptr(GtkNoSelection) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_layout_manager (GTK_WIDGET (self), NULL);

  self->as_of = CUSTODY_TIME_NONE;
  self->filter_rule = -1;
  self->filter_mode = FILTER_ALL;

  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self));

  /* Sorters: by name for the job, by severity for the status, failing
   * first for each rule. */
  sorters[COLUMN_JOB] =
    GTK_SORTER (gtk_string_sorter_new (gtk_property_expression_new (CUSTODY_TYPE_JOB_ITEM, NULL,
                                                                    "name")));
  sorters[COLUMN_STATUS] = GTK_SORTER (gtk_custom_sorter_new (compare_status, NULL, NULL));
  for (guint r = 0; r < CUSTODY_N_RULES; r++)
    sorters[COLUMN_RULE + r] =
      GTK_SORTER (gtk_custom_sorter_new (compare_rule, GUINT_TO_POINTER (r), NULL));

  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->filter_model = gtk_filter_list_model_new (NULL, g_object_ref (GTK_FILTER (self->filter)));
  self->sort_model =
    gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->filter_model)),
                             g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  g_signal_connect_swapped (self->sort_model, "items-changed",
                            G_CALLBACK (on_sort_model_items_changed_cb), self);

  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->sort_model)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));

  add_column (self, COLUMN_JOB, _("Job"), sorters[COLUMN_JOB]);
  add_column (self, COLUMN_STATUS, _("Status"), sorters[COLUMN_STATUS]);
  for (guint r = 0; r < CUSTODY_N_RULES; r++)
    add_column (self, COLUMN_RULE + r, _(rule_titles[r]), sorters[COLUMN_RULE + r]);
  for (guint c = 0; c < N_COLUMNS; c++)
    g_object_unref (sorters[c]);

  update_as_of (self);
  update_view (self);
}

/*
 * Public API
 */

const char *
custody_compliance_page_get_filter (CustodyCompliancePage *self)
{
  g_return_val_if_fail (CUSTODY_IS_COMPLIANCE_PAGE (self), NULL);

  return filter_key (self);
}

/**
 * custody_compliance_page_set_filter:
 * @filter: "all", "violations", "at-risk", or a rule key ("3-copies",
 *   "2-media", "1-offsite", "1-offline", "0-errors") for the jobs failing
 *   that rule
 *
 * Shows these jobs, as a link from another view does: the search is
 * cleared so that every such job shows.
 */
void
custody_compliance_page_set_filter (CustodyCompliancePage *self,
                                    const char            *filter)
{
  guint selected = G_MAXUINT;

  g_return_if_fail (CUSTODY_IS_COMPLIANCE_PAGE (self));
  g_return_if_fail (filter != NULL);

  for (guint i = 0; i < G_N_ELEMENTS (filter_keys); i++)
    if (g_str_equal (filter, filter_keys[i]))
      selected = i;
  for (guint r = 0; r < CUSTODY_N_RULES; r++)
    if (g_str_equal (filter, custody_rule_to_string (r)))
      selected = FILTER_RULE + r;
  g_return_if_fail (selected != G_MAXUINT);

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  gtk_drop_down_set_selected (self->filter_dropdown, selected);
}

/* Returns: the moment shown, or %CUSTODY_TIME_NONE for now */
gint64
custody_compliance_page_get_as_of (CustodyCompliancePage *self)
{
  g_return_val_if_fail (CUSTODY_IS_COMPLIANCE_PAGE (self), CUSTODY_TIME_NONE);

  return self->as_of;
}

/**
 * custody_compliance_page_set_as_of:
 * @at: a past moment in Unix seconds, or %CUSTODY_TIME_NONE for now
 *
 * Shows the state at @at in every view of the window (the session's
 * moment), evaluated in a worker thread; a newer call cancels an older one.
 */
void
custody_compliance_page_set_as_of (CustodyCompliancePage *self,
                                   gint64                 at)
{
  g_return_if_fail (CUSTODY_IS_COMPLIANCE_PAGE (self));

  if (self->session != NULL)
    custody_session_set_as_of (self->session, at);
}

/* Returns: whether a past moment is being evaluated */
gboolean
custody_compliance_page_get_busy (CustodyCompliancePage *self)
{
  g_return_val_if_fail (CUSTODY_IS_COMPLIANCE_PAGE (self), FALSE);

  return self->evaluating;
}
