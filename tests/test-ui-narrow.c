/* test-ui-narrow.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window at 360 pixels, GNOME's narrowest (a phone held upright), on
 * the demo store, in English and in Japanese: no view asks for more
 * width than that, no header bar's title is cut short, nor what Today
 * says to do with a volume. When a view
 * is too wide, the test names the widgets that ask
 * for it, as GtkInspector would show them. With CUSTODY_TEST_SCREENSHOTS=DIR
 * it also leaves each view there, light and dark, to look at.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "custody-jobs-page.h"
#include "custody-media-page.h"
#include "custody-store-test-utils.h"
#include "custody-store.h"
#include "custody-ui-test-utils.h"
#include "custody-window.h"

#define NARROW 360

/* GNU gettext keeps what it translated: a change of LANGUAGE must tell
 * it, as its manual says. */
extern int _nl_msg_cat_cntr;

typedef struct
{
  char          *dir;
  char          *db;
  CustodyWindow *window;
} Fixture;

static const char *views[] = { "overview", "jobs", "media", "compliance", "alerts", "reports" };

static void
set_language (const char *language)
{
  g_setenv ("LANGUAGE", language, TRUE);
  ++_nl_msg_cat_cntr;
}

static int
min_width (GtkWidget *widget)
{
  int min = 0;

  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
  return min;
}

static void
describe (GtkWidget *widget,
          GString   *out)
{
  g_auto(GStrv) classes = gtk_widget_get_css_classes (widget);
  const char *text = NULL;

  g_string_append (out, G_OBJECT_TYPE_NAME (widget));
  for (guint i = 0; classes != NULL && classes[i] != NULL; i++)
    g_string_append_printf (out, ".%s", classes[i]);
  if (GTK_IS_LABEL (widget))
    text = gtk_label_get_label (GTK_LABEL (widget));
  else if (GTK_IS_BUTTON (widget))
    text = gtk_button_get_label (GTK_BUTTON (widget));
  else if (ADW_IS_PREFERENCES_ROW (widget))
    text = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget));
  if (text != NULL)
    g_string_append_printf (out, " “%s”", text);
}

/* The widgets under @widget that ask for more than @limit: down each
 * child that asks for more by itself, and where none does (a box whose
 * children add up), the children side by side with their widths. */
static void
explain (GtkWidget *widget,
         int        limit,
         int        depth,
         GString   *out)
{
  gboolean one_too_wide = FALSE;

  g_string_append_printf (out, "%*s", depth * 2, "");
  describe (widget, out);
  g_string_append_printf (out, ": %d\n", min_width (widget));

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_get_visible (child) && min_width (child) > limit)
      {
        one_too_wide = TRUE;
        explain (child, limit, depth + 1, out);
      }
  if (one_too_wide)
    return;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_get_visible (child) && min_width (child) > 0)
      {
        g_string_append_printf (out, "%*s", depth * 2 + 2, "");
        describe (child, out);
        g_string_append_printf (out, ": %d\n", min_width (child));
      }
}

/* Adds to @failures what makes @widget wider than 360, if it is. */
static void
check_narrow_enough (GtkWidget  *widget,
                     const char *what,
                     GString    *failures)
{
  int min = min_width (widget);

  if (min > NARROW)
    {
      g_string_append_printf (failures, "%s needs %d pixels, more than %d:\n", what, min,
                              NARROW);
      explain (widget, NARROW, 0, failures);
    }
}

/* Adds to @failures each title in a header bar of @page on screen that
 * is cut short: a title says where one is, it must be read whole. */
static void
check_titles_whole (GtkWidget  *page,
                    const char *what,
                    GString    *failures)
{
  g_autoptr(GPtrArray) bars = g_ptr_array_new ();

  custody_test_collect (page, ADW_TYPE_HEADER_BAR, bars);
  for (guint i = 0; i < bars->len; i++)
    {
      GtkWidget *title = adw_header_bar_get_title_widget (g_ptr_array_index (bars, i));
      g_autoptr(GPtrArray) labels = g_ptr_array_new ();

      if (title == NULL || !gtk_widget_get_mapped (title))
        continue;
      custody_test_collect (title, GTK_TYPE_LABEL, labels);
      for (guint l = 0; l < labels->len; l++)
        {
          GtkLabel *label = g_ptr_array_index (labels, l);

          if (gtk_widget_get_mapped (GTK_WIDGET (label)) &&
              pango_layout_is_ellipsized (gtk_label_get_layout (label)))
            g_string_append_printf (failures, "%s: the title “%s” is cut short\n", what,
                                    gtk_label_get_label (label));
        }
    }
}

/* Adds to @failures each label under @root of the style class @css_class
 * (shown or scrolled to) that is cut short. */
static void
check_labels_whole (GtkWidget  *root,
                    const char *css_class,
                    const char *what,
                    GString    *failures)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  custody_test_collect (root, GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    {
      GtkLabel *label = g_ptr_array_index (labels, i);

      if (gtk_widget_get_mapped (GTK_WIDGET (label)) &&
          gtk_widget_has_css_class (GTK_WIDGET (label), css_class) &&
          pango_layout_is_ellipsized (gtk_label_get_layout (label)))
        g_string_append_printf (failures, "%s: “%s” is cut short\n", what,
                                gtk_label_get_label (label));
    }
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CustodyStore) store = NULL;

  f->dir = custody_test_make_tmpdir ();
  f->db = g_build_filename (f->dir, "demo.db", NULL);
  store = custody_store_open (f->db, CUSTODY_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  /* What `custodyctl demo` makes. */
  g_assert_true (custody_store_fill_demo (store, 22, 0, 42, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  set_language ("");
  custody_test_window_fixture_clear ((CustodyTestWindowFixture *) f, G_TYPE_INVALID, 100);
}

static void
shoot (Fixture    *f,
       const char *view,
       const char *language)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  static const AdwColorScheme schemes[] = {
    ADW_COLOR_SCHEME_FORCE_LIGHT, ADW_COLOR_SCHEME_FORCE_DARK,
  };

  if (g_getenv ("CUSTODY_TEST_SCREENSHOTS") == NULL)
    return;

  for (guint s = 0; s < G_N_ELEMENTS (schemes); s++)
    {
      g_autofree char *name = g_strdup_printf ("%s-%s-%s-%d.png", view, language,
                                               s == 0 ? "light" : "dark", NARROW);

      adw_style_manager_set_color_scheme (style, schemes[s]);
      custody_test_save_screenshot (GTK_WIDGET (f->window), name);
    }
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
}

/* Every view at 360 pixels: the window's content asks for no more, and
 * the window really is that narrow. */
static void
test_every_view_fits (Fixture       *f,
                      gconstpointer  data)
{
  const char *language = data;
  g_autoptr(GString) failures = g_string_new (NULL);
  GtkWidget *content;

  set_language (g_str_equal (language, "ja") ? "ja" : "");
  if (g_str_equal (language, "ja") && g_strcmp0 (_("Jobs"), "Jobs") == 0)
    {
      g_test_skip ("No Japanese catalog (CUSTODY_LOCALEDIR unset)");
      return;
    }

  f->window = custody_test_open_window (f->db, NARROW, 720, 0, 20000);
  content = adw_application_window_get_content (ADW_APPLICATION_WINDOW (f->window));
  custody_test_iterate (500);

  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      g_autofree char *what = g_strdup_printf ("The %s view (%s)", views[i], language);

      custody_window_show_view (f->window, views[i]);
      custody_test_iterate (300);
      check_narrow_enough (GTK_WIDGET (custody_window_get_page (f->window, views[i])), what,
                           failures);
    }
  check_narrow_enough (content, "The window's content", failures);
  if (failures->len > 0)
    g_error ("%s", failures->str);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->window)), <=, NARROW);

  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      g_autofree char *what = g_strdup_printf ("The %s view (%s)", views[i], language);

      custody_window_show_view (f->window, views[i]);
      custody_test_iterate (500);
      check_titles_whole (GTK_WIDGET (custody_window_get_page (f->window, views[i])), what,
                          failures);
      shoot (f, views[i], language);
    }
  custody_window_show_view (f->window, "media");
  custody_media_page_show_today (CUSTODY_MEDIA_PAGE (custody_window_get_page (f->window,
                                                                              "media")));
  custody_test_iterate (500);
  check_titles_whole (GTK_WIDGET (custody_window_get_page (f->window, "media")),
                      "Media's Today", failures);
  /* What the operator must do with each volume, whole. */
  check_labels_whole (GTK_WIDGET (custody_window_get_page (f->window, "media")), "subtitle",
                      "Media's Today", failures);
  shoot (f, "media-today", language);

  /* A job and a volume, opened from their lists. */
  custody_window_show_view (f->window, "media");
  custody_media_page_show_inventory (CUSTODY_MEDIA_PAGE (custody_window_get_page (f->window,
                                                                                  "media")));
  custody_media_page_select_volume (CUSTODY_MEDIA_PAGE (custody_window_get_page (f->window,
                                                                                 "media")),
                                    "A00001L9");
  custody_test_iterate (500);
  check_titles_whole (GTK_WIDGET (custody_window_get_page (f->window, "media")),
                      "A volume's detail", failures);
  shoot (f, "medium-detail", language);
  {
    g_autofree char *job = custody_test_first_violating_job (f->db);

    custody_window_show_view (f->window, "jobs");
    custody_jobs_page_select_job (CUSTODY_JOBS_PAGE (custody_window_get_page (f->window,
                                                                              "jobs")), job);
    custody_test_iterate (800);
    check_titles_whole (GTK_WIDGET (custody_window_get_page (f->window, "jobs")),
                        "A job's detail", failures);
    shoot (f, "job-detail", language);
  }
  if (failures->len > 0)
    g_error ("%s", failures->str);
}

int
main (int   argc,
      char *argv[])
{
  const char *localedir = g_getenv ("CUSTODY_LOCALEDIR");

  custody_test_ui_init (&argc, &argv);
  /* CUSTODY_LOCALEDIR=_build/po: the build's catalogs, for Japanese. */
  if (localedir != NULL)
    {
      setlocale (LC_ALL, "");
      bindtextdomain (GETTEXT_PACKAGE, localedir);
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      textdomain (GETTEXT_PACKAGE);
    }

  g_test_add ("/ui/narrow/every-view-fits-360/en", Fixture, "en", fixture_set_up,
              test_every_view_fits, fixture_tear_down);
  g_test_add ("/ui/narrow/every-view-fits-360/ja", Fixture, "ja", fixture_set_up,
              test_every_view_fits, fixture_tear_down);

  return g_test_run ();
}
