/* custody-job-row.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custody-job-row"

#include "config.h"

#include <glib/gi18n.h>

#include "custody-drawn-row.h"
#include "custody-job-row.h"
#include "custody-ui-utils.h"

/* One job in the list: its status as icon and word, its name, who owns
 * it, and its five rules as "3✓ 2✓ 1✗ 1✓ 0✓", which read without colour.
 *
 * It is one widget that draws its text itself. GTK 4.8's list views keep
 * about two hundred rows alive, so a row made of a dozen labels costs
 * hundreds of milliseconds to create and to rebind on every keystroke of a
 * search; one widget with three Pango layouts costs a few. */
struct _CustodyJobRow
{
  GtkWidget       parent_instance;

  CustodyJobItem *item;
  gulong          notify_id;

  PangoLayout    *name_layout;
  PangoLayout    *subtitle_layout;
  PangoLayout    *marks_layout;
  char           *subtitle;
  guint           pass_mask;     /* bit r: rule r passes */
  CustodyStatus   status;
  gboolean        has_verdict;
  gboolean        dirty;         /* the layouts lag behind the item */
};

G_DEFINE_FINAL_TYPE (CustodyJobRow, custody_job_row, GTK_TYPE_WIDGET)

#define MARKS_WIDTH 120   /* "3✓ 2✓ 1✓ 1✓ 0✓" at the default size, with room */

static const char *digits[CUSTODY_N_RULES] = { "3", "2", "1", "1", "0" };

static void
lookup_color (GtkWidget  *widget,
              const char *name,
              GdkRGBA    *color,
              const char *fallback)
{
  GtkStyleContext *context = gtk_widget_get_style_context (widget);

  if (!gtk_style_context_lookup_color (context, name, color))
    gdk_rgba_parse (color, fallback);
}

static void
ensure_layouts (CustodyJobRow *self)
{
  if (self->name_layout != NULL)
    return;

  self->name_layout = custody_drawn_row_layout_new (GTK_WIDGET (self), TRUE, FALSE);
  self->subtitle_layout = custody_drawn_row_layout_new (GTK_WIDGET (self), FALSE, TRUE);
  self->marks_layout = custody_drawn_row_layout_new (GTK_WIDGET (self), FALSE, FALSE);
  pango_layout_set_ellipsize (self->marks_layout, PANGO_ELLIPSIZE_NONE);
}

static void
update_marks (CustodyJobRow  *self,
              CustodyVerdict *verdict)
{
  g_autoptr(GString) text = g_string_new (NULL);
  PangoAttrList *attrs = pango_attr_list_new ();
  GdkRGBA pass_color, fail_color;

  lookup_color (GTK_WIDGET (self), "success_color", &pass_color, "#1b8553");
  lookup_color (GTK_WIDGET (self), "error_color", &fail_color, "#c01c28");
  pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum=1"));

  self->pass_mask = 0;
  for (guint r = 0; r < CUSTODY_N_RULES; r++)
    {
      gboolean pass = verdict != NULL && verdict->rules[r].pass;
      guint start = text->len;
      const GdkRGBA *c = pass ? &pass_color : &fail_color;
      PangoAttribute *color;

      if (r > 0)
        g_string_append_c (text, ' ');
      start = text->len;
      g_string_append (text, digits[r]);
      if (verdict != NULL)
        /* ✓ U+2713 CHECK MARK, ✗ U+2717 BALLOT X */
        g_string_append (text, pass ? "\u2713" : "\u2717");
      self->pass_mask |= pass ? 1u << r : 0;

      if (verdict == NULL)
        continue;
      color = pango_attr_foreground_new ((guint16) (c->red * 65535), (guint16) (c->green * 65535),
                                         (guint16) (c->blue * 65535));
      color->start_index = start;
      color->end_index = text->len;
      pango_attr_list_insert (attrs, color);
    }

  pango_layout_set_text (self->marks_layout, text->str, -1);
  pango_layout_set_attributes (self->marks_layout, attrs);
  pango_attr_list_unref (attrs);
}

static char *
rules_summary (CustodyVerdict *verdict)
{
  g_autoptr(GString) summary = g_string_new (NULL);

  for (guint r = 0; verdict != NULL && r < CUSTODY_N_RULES; r++)
    {
      g_autofree char *figures = custody_rule_figures (verdict, r);

      if (summary->len > 0)
        g_string_append_c (summary, '\n');
      /* Translators: "1 off-site: fails (has 0, needs 1)" */
      g_string_append_printf (summary, verdict->rules[r].pass ? _("%s: passes (%s)")
                                                              : _("%s: fails (%s)"),
                              custody_rule_get_label (r), figures);
    }

  return g_string_free (g_steal_pointer (&summary), FALSE);
}

static void
update (CustodyJobRow *self)
{
  CustodyJob *job = custody_job_item_get_job (self->item);
  g_autofree char *summary = NULL;
  g_autofree char *accessible = NULL;

  self->status = custody_job_item_get_status (self->item);
  self->has_verdict = job->verdict != NULL;

  g_free (self->subtitle);
  if (job->owner[0] != '\0')
    /* Translators: "Violation · Aiko Tanaka" */
    self->subtitle = g_strdup_printf (_("%s · %s"), custody_status_get_label (self->status),
                                      job->owner);
  else
    self->subtitle = g_strdup (custody_status_get_label (self->status));

  summary = rules_summary (job->verdict);
  accessible = g_strdup_printf ("%s, %s. %s", job->name, self->subtitle, summary);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);

  /* Laid out when drawn: of the rows a list keeps, few are on screen. */
  self->dirty = TRUE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
fill_layouts (CustodyJobRow *self)
{
  CustodyJob *job = custody_job_item_get_job (self->item);

  ensure_layouts (self);
  if (!self->dirty)
    return;

  pango_layout_set_text (self->name_layout, job->name, -1);
  pango_layout_set_text (self->subtitle_layout, self->subtitle, -1);
  update_marks (self, job->verdict);
  self->dirty = FALSE;
}

static gboolean
on_query_tooltip_cb (GtkWidget  *widget,
                     int         x,
                     int         y,
                     gboolean    keyboard,
                     GtkTooltip *tooltip,
                     gpointer    user_data)
{
  CustodyJobRow *self = CUSTODY_JOB_ROW (widget);
  g_autofree char *summary = NULL;

  if (self->item == NULL || !self->has_verdict)
    return FALSE;

  summary = rules_summary (custody_job_item_get_verdict (self->item));
  gtk_tooltip_set_text (tooltip, summary);
  return TRUE;
}

/*
 * GtkWidget
 */

static void
custody_job_row_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  /* Room for the icon, a few letters of the name, and the marks. */
  custody_drawn_row_measure (widget, orientation, 48, MARKS_WIDTH, 160, minimum, natural);
}

static void
custody_job_row_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  CustodyJobRow *self = CUSTODY_JOB_ROW (widget);
  GdkRGBA fg, dim, status_color;

  if (self->item == NULL)
    return;

  fill_layouts (self);
  custody_drawn_row_get_colors (widget, &fg, &dim);

  switch (self->status)
    {
    case CUSTODY_STATUS_VIOLATION:
      lookup_color (widget, "error_color", &status_color, "#c01c28");
      break;
    case CUSTODY_STATUS_AT_RISK:
      lookup_color (widget, "warning_color", &status_color, "#9c6e03");
      break;
    case CUSTODY_STATUS_COMPLIANT:
    case CUSTODY_N_STATUSES:
    default:
      lookup_color (widget, "success_color", &status_color, "#1b8553");
      break;
    }

  custody_drawn_row_snapshot (widget, snapshot, custody_status_icon_name (self->status),
                              &status_color, self->name_layout, self->subtitle_layout,
                              self->marks_layout, 0, &fg);
}

static void
custody_job_row_css_changed (GtkWidget         *widget,
                             GtkCssStyleChange *change)
{
  CustodyJobRow *self = CUSTODY_JOB_ROW (widget);

  GTK_WIDGET_CLASS (custody_job_row_parent_class)->css_changed (widget, change);

  /* Fonts or colours changed (dark mode, text scaling): lay out again. */
  g_clear_object (&self->name_layout);
  g_clear_object (&self->subtitle_layout);
  g_clear_object (&self->marks_layout);
  self->dirty = TRUE;
  gtk_widget_queue_resize (widget);
}

/*
 * GObject
 */

static void
custody_job_row_dispose (GObject *object)
{
  CustodyJobRow *self = (CustodyJobRow *) object;

  custody_job_row_set_item (self, NULL);

  G_OBJECT_CLASS (custody_job_row_parent_class)->dispose (object);
}

static void
custody_job_row_finalize (GObject *object)
{
  CustodyJobRow *self = (CustodyJobRow *) object;

  g_clear_object (&self->name_layout);
  g_clear_object (&self->subtitle_layout);
  g_clear_object (&self->marks_layout);
  g_free (self->subtitle);

  G_OBJECT_CLASS (custody_job_row_parent_class)->finalize (object);
}

static void
custody_job_row_class_init (CustodyJobRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = custody_job_row_dispose;
  object_class->finalize = custody_job_row_finalize;
  widget_class->measure = custody_job_row_measure;
  widget_class->snapshot = custody_job_row_snapshot;
  widget_class->css_changed = custody_job_row_css_changed;

  gtk_widget_class_set_css_name (widget_class, "jobrow");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
}

static void
custody_job_row_init (CustodyJobRow *self)
{
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip_cb), NULL);
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
