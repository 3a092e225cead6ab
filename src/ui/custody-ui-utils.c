/* custody-ui-utils.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custody-ui-utils"

#include "config.h"

#include <glib/gi18n.h>

#include "custody-time.h"
#include "custody-ui-utils.h"

static void
show_help_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GtkWindow) parent = user_data;
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;

  if (gtk_show_uri_full_finish (parent, result, &error)
      || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* Without a help viewer GIO says only "Operation not supported". */
  g_debug ("Cannot show the help: %s", error->message);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, _("No Help Viewer"),
                                                       _("Install the Help viewer (yelp) to read "
                                                         "the manual.")));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* F1: the help page of a view, in Yelp (help:custody/SECTION); without
 * Yelp, a dialog says what to install. */
void
custody_show_help (GtkWidget  *widget,
                   const char *section)
{
  g_autofree char *uri = NULL;
  GtkRoot *root = widget != NULL ? gtk_widget_get_root (widget) : NULL;
  GtkWindow *parent = GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;

  if (section == NULL || g_str_equal (section, "index"))
    uri = g_strdup ("help:custody");
  else
    uri = g_strdup_printf ("help:custody/%s", section);

  gtk_show_uri_full (parent, uri, GDK_CURRENT_TIME, NULL, show_help_cb,
                     parent != NULL ? g_object_ref (parent) : NULL);
}

/* Work done a chunk per main-loop turn (thousands of rows entering a
 * list) runs above the redraw, so that it goes on however slow the frames
 * are: with software rendering a frame takes about 70 ms and the next is
 * due at once, so an idle below GDK_PRIORITY_REDRAW would never run while
 * anything animates. The millisecond between chunks gives a due frame its
 * turn. */
guint
custody_add_chunk_source (GSourceFunc function,
                          gpointer    data)
{
  return g_timeout_add_full (GDK_PRIORITY_REDRAW - 10, 1, function, data, NULL);
}

static void
on_spinner_map_cb (GtkSpinner *spinner)
{
  gtk_spinner_set_spinning (spinner, TRUE);
}

static void
on_spinner_unmap_cb (GtkSpinner *spinner)
{
  gtk_spinner_set_spinning (spinner, FALSE);
}

/* A spinning GtkSpinner animates through CSS even on a stack page that is
 * not shown, and keeps a frame due for ever: on slow frames that starves
 * every default idle, GTK's registration with the accessibility bus
 * among them. This one spins only while it can be seen. */
void
custody_spin_while_mapped (GtkSpinner *spinner)
{
  g_signal_connect (spinner, "map", G_CALLBACK (on_spinner_map_cb), NULL);
  g_signal_connect (spinner, "unmap", G_CALLBACK (on_spinner_unmap_cb), NULL);
  gtk_spinner_set_spinning (spinner, gtk_widget_get_mapped (GTK_WIDGET (spinner)));
}

const char *
custody_status_icon_name (CustodyStatus status)
{
  switch (status)
    {
    case CUSTODY_STATUS_COMPLIANT:
      return "emblem-ok-symbolic";
    case CUSTODY_STATUS_AT_RISK:
      return "dialog-warning-symbolic";
    case CUSTODY_STATUS_VIOLATION:
      return "dialog-error-symbolic";
    case CUSTODY_N_STATUSES:
    default:
      return "dialog-question-symbolic";
    }
}

const char *
custody_status_css_class (CustodyStatus status)
{
  switch (status)
    {
    case CUSTODY_STATUS_COMPLIANT:
      return "success";
    case CUSTODY_STATUS_AT_RISK:
      return "warning";
    case CUSTODY_STATUS_VIOLATION:
      return "error";
    case CUSTODY_N_STATUSES:
    default:
      return "dim-label";
    }
}

const char *
custody_severity_icon_name (CustodySeverity severity)
{
  switch (severity)
    {
    case CUSTODY_SEVERITY_CRITICAL:
      return "dialog-error-symbolic";
    case CUSTODY_SEVERITY_WARNING:
      return "dialog-warning-symbolic";
    case CUSTODY_SEVERITY_INFO:
    default:
      return "dialog-information-symbolic";
    }
}

/* Colours by state, never colour alone: callers pair it with an icon and
 * a word. */
void
custody_set_status_classes (GtkWidget     *widget,
                            CustodyStatus  status)
{
  for (guint s = 0; s < CUSTODY_N_STATUSES; s++)
    gtk_widget_remove_css_class (widget, custody_status_css_class (s));
  gtk_widget_add_css_class (widget, custody_status_css_class (status));
}

void
custody_add_css_class_if (GtkWidget  *widget,
                          const char *css_class,
                          gboolean    condition)
{
  if (condition)
    gtk_widget_add_css_class (widget, css_class);
  else
    gtk_widget_remove_css_class (widget, css_class);
}

/* "3 hours ago", "in 2 days", "never" */
char *
custody_format_ago (gint64 t,
                    gint64 now)
{
  g_autofree char *span = NULL;

  if (t == CUSTODY_TIME_NONE)
    return g_strdup (_("never"));
  if (ABS (now - t) < 60)
    return g_strdup (_("just now"));

  span = custody_duration_describe (now - t);
  if (t <= now)
    /* Translators: "3 hours ago" */
    return g_strdup_printf (_("%s ago"), span);
  /* Translators: "in 3 hours" */
  return g_strdup_printf (_("in %s"), span);
}

/* A moment in the local zone, for people: "2026-11-25 09:14" */
char *
custody_format_time (gint64 t)
{
  if (t == CUSTODY_TIME_NONE)
    return g_strdup ("—");
  return custody_time_format_local (t);
}

AdwMessageDialog *
custody_message_dialog_new (GtkWidget  *parent,
                            const char *heading,
                            const char *body)
{
  GtkRoot *root = gtk_widget_get_root (parent);

  return ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root)
                                                                          : NULL,
                                                     heading, body));
}

/* The height of a line of text in the widget's font, from the font's
 * metrics: no text is shaped to measure a row. Pango computes metrics by
 * laying out a sample, so they are kept per font: all rows share them. */
int
custody_line_height (GtkWidget *widget,
                     double     scale)
{
  static GHashTable *cache;   /* "font description|scale" -> height */
  PangoContext *context = gtk_widget_get_pango_context (widget);
  const PangoFontDescription *base = pango_context_get_font_description (context);
  g_autofree char *base_text = pango_font_description_to_string (base);
  g_autofree char *key = g_strdup_printf ("%s|%g", base_text, scale);
  PangoFontDescription *font;
  PangoFontMetrics *metrics;
  gpointer cached;
  int height;

  if (cache == NULL)
    cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (g_hash_table_lookup_extended (cache, key, NULL, &cached))
    return GPOINTER_TO_INT (cached);

  font = pango_font_description_copy (base);
  if (scale != 1.0)
    pango_font_description_set_size (font, (int) (pango_font_description_get_size (font) * scale));
  metrics = pango_context_get_metrics (context, font, NULL);
  height = PANGO_PIXELS_CEIL (pango_font_metrics_get_height (metrics));
  if (height <= 0)
    height = PANGO_PIXELS_CEIL (pango_font_metrics_get_ascent (metrics) +
                                pango_font_metrics_get_descent (metrics));
  pango_font_metrics_unref (metrics);
  pango_font_description_free (font);

  g_hash_table_insert (cache, g_steal_pointer (&key), GINT_TO_POINTER (height));
  return height;
}

/* The backup copies that count: those valid now. */
static gint64
valid_copies (const CustodyVerdict *verdict)
{
  gint64 n = 0;

  for (guint i = 0; i < verdict->n_copies; i++)
    n += verdict->copies[i].valid ? 1 : 0;
  return n;
}

/**
 * custody_production_counted:
 * @verdict: a job's verdict
 *
 * Returns: whether the job's data itself counted as one of the 3 copies
 */
gboolean
custody_production_counted (const CustodyVerdict *verdict)
{
  g_return_val_if_fail (verdict != NULL, FALSE);

  return verdict->rules[CUSTODY_RULE_3_COPIES].have > valid_copies (verdict);
}

/**
 * custody_rule_figures:
 * @verdict: a job's verdict
 * @rule: one of its rules
 *
 * A rule's figures in words that explain themselves: "production + 3
 * valid copies = 4, needs 3", "3 errors found", "no errors".
 *
 * Returns: (transfer full): the text
 */
char *
custody_rule_figures (const CustodyVerdict *verdict,
                      CustodyRule           rule)
{
  const CustodyRuleVerdict *r;

  g_return_val_if_fail (verdict != NULL && rule < CUSTODY_N_RULES, NULL);

  r = &verdict->rules[rule];
  if (rule == CUSTODY_RULE_0_ERRORS)
    {
      if (r->have == 0)
        return g_strdup (_("no errors"));
      /* Translators: what the 0 errors rule counts: failed runs and missing,
       * failed or erroneous verifications */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%lld error found",
                                           "%lld errors found", r->have),
                              (long long) r->have);
    }
  if (rule == CUSTODY_RULE_3_COPIES && custody_production_counted (verdict))
    {
      gint64 valid = valid_copies (verdict);

      /* Translators: "production + 3 valid copies = 4, needs 3" */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "production + %lld valid copy = %lld, needs %lld",
                                           "production + %lld valid copies = %lld, needs %lld",
                                           valid),
                              (long long) valid, (long long) r->have, (long long) r->need);
    }
  /* Translators: "has 1, needs 2": what a rule counted and what it asks for */
  return g_strdup_printf (_("has %lld, needs %lld"), (long long) r->have, (long long) r->need);
}
