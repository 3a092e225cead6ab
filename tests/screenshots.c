/* screenshots.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pictures of every view on the demo store, light and dark, wide and
 * narrow, for people to look at (SCREENSHOTS_DIR, else the current
 * directory). What a picture cannot say by itself is asserted: the
 * window really is as narrow as asked (nothing forces it wider), and
 * dark mode really darkens every view.
 */
#include "config.h"

#include <glib/gstdio.h>

#include "custody-jobs-page.h"
#include "custody-media-page.h"
#include "custody-preferences-window.h"
#include "custody-reports-page.h"
#include "custody-session.h"
#include "custody-store-test-utils.h"
#include "custody-store.h"
#include "custody-ui-test-utils.h"
#include "custody-window.h"

typedef struct
{
  int width;
  int height;
} Size;

static const Size sizes[] = { { 1280, 800 }, { 400, 800 } };

/* What each picture shows: a view, or a view with something opened. */
static const char *shots[] = {
  "overview", "jobs", "job-detail", "media", "media-today", "medium-detail", "scan", "compliance",
  "alerts", "reports", "report-preview", "preferences",
};

typedef struct
{
  char *dir;
  char *db;
  char *out_dir;
} Fixture;

/* Mean luminance, 0 (black) to 255 (white). */
static double
mean_luminance (GdkTexture *texture)
{
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  gsize stride = (gsize) width * 4;
  g_autofree guchar *pixels = g_malloc (stride * height);
  double sum = 0;

  gdk_texture_download (texture, pixels, stride);
  for (gsize i = 0; i < stride * height; i += 4)
    {
      /* CAIRO_FORMAT_ARGB32 in memory: B, G, R, A on little-endian. */
      sum += 0.0722 * pixels[i] + 0.7152 * pixels[i + 1] + 0.2126 * pixels[i + 2];
    }

  return sum / ((double) width * height);
}

static GtkWidget *
open_preferences (CustodyWindow *window)
{
  CustodyPreferencesWindow *preferences =
    custody_preferences_window_new (GTK_WINDOW (window), custody_window_get_session (window));

  gtk_window_present (GTK_WINDOW (preferences));
  return GTK_WIDGET (preferences);
}

static gboolean
report_shown (gpointer data)
{
  CustodyReportsPage *page = data;
  CustodyReportPreview *preview = custody_reports_page_get_preview (page);

  return !custody_reports_page_get_busy (page) && preview != NULL &&
         custody_report_preview_get_n_pages (preview) > 0 &&
         custody_report_preview_get_texture (preview, 0) != NULL;
}

static double
take (Fixture       *f,
      CustodyWindow *window,
      const char    *shot,
      const char    *scheme,
      const Size    *size)
{
  g_autofree char *name = g_strdup_printf ("%s-%s-%dx%d.png", shot, scheme, size->width,
                                           size->height);
  g_autofree char *path = g_build_filename (f->out_dir, name, NULL);
  g_autoptr(GdkTexture) texture = NULL;
  GtkWidget *subject = GTK_WIDGET (window);
  GtkWidget *preferences = NULL;
  GtkWidget *scan = NULL;
  CustodyMediaPage *media = CUSTODY_MEDIA_PAGE (custody_window_get_page (window, "media"));

  if (g_str_equal (shot, "preferences"))
    {
      preferences = open_preferences (window);
      gtk_window_set_default_size (GTK_WINDOW (preferences), MIN (size->width, 640),
                                   MIN (size->height, 720));
      subject = preferences;
    }
  else if (g_str_equal (shot, "media-today"))
    {
      custody_window_show_view (window, "media");
      custody_media_page_show_today (media);
    }
  else if (g_str_equal (shot, "medium-detail"))
    {
      custody_window_show_view (window, "media");
      custody_media_page_show_inventory (media);
      custody_media_page_select_volume (media, "A00001L9");
    }
  else if (g_str_equal (shot, "scan"))
    {
      custody_window_show_view (window, "media");
      scan = GTK_WIDGET (custody_media_page_open_scan (media, CUSTODY_DESK_RECALL));
      g_assert_nonnull (scan);
      gtk_window_set_default_size (GTK_WINDOW (scan), MIN (size->width, 640),
                                   MIN (size->height, 720));
      subject = scan;
    }
  else if (g_str_equal (shot, "reports"))
    {
      /* The options, even when a preview was opened before. */
      custody_window_show_view (window, "reports");
      gtk_widget_activate_action (GTK_WIDGET (custody_window_get_page (window, "reports")),
                                  "reports.show-options", NULL);
    }
  else if (g_str_equal (shot, "report-preview"))
    {
      CustodyReportsPage *reports = CUSTODY_REPORTS_PAGE (custody_window_get_page (window,
                                                                                   "reports"));

      custody_window_show_view (window, "reports");
      custody_reports_page_set_kind (reports, CUSTODY_REPORT_COMPLIANCE);
      gtk_widget_activate_action (GTK_WIDGET (reports), "reports.generate", NULL);
      g_assert_true (custody_test_wait_for (report_shown, reports, 30000));
    }
  else if (g_str_equal (shot, "job-detail"))
    {
      g_autofree char *job = custody_test_first_violating_job (f->db);

      custody_window_show_view (window, "jobs");
      custody_jobs_page_select_job (CUSTODY_JOBS_PAGE (custody_window_get_page (window, "jobs")),
                                    job);
    }
  else
    custody_window_show_view (window, shot);

  /* Lists load in chunks and the history lazily: let them settle. */
  custody_test_iterate (1200);

  texture = custody_test_render (subject);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("wrote %s", path);

  if (subject == GTK_WIDGET (window))
    g_assert_cmpint (gdk_texture_get_width (texture), <=, size->width);

  if (preferences != NULL)
    gtk_window_destroy (GTK_WINDOW (preferences));
  if (scan != NULL)
    gtk_window_destroy (GTK_WINDOW (scan));

  return mean_luminance (texture);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *out = g_getenv ("SCREENSHOTS_DIR");

  f->dir = custody_test_make_tmpdir ();
  f->db = g_build_filename (f->dir, "demo.db", NULL);
  f->out_dir = g_strdup (out != NULL ? out : ".");
  g_assert_cmpint (g_mkdir_with_parents (f->out_dir, 0755), ==, 0);

  {
    g_autoptr(CustodyStore) store = custody_store_open (f->db, CUSTODY_STORE_OPEN_CREATE, &error);

    g_assert_no_error (error);
    /* What `custodyctl demo` makes. */
    g_assert_true (custody_store_fill_demo (store, 22, 0, 42, &error));
    g_assert_no_error (error);
  }
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  custody_test_remove_tmpdir (f->dir);
  g_free (f->dir);
  g_free (f->db);
  g_free (f->out_dir);
}

static void
test_every_view (Fixture       *f,
                 gconstpointer  data)
{
  AdwStyleManager *style = adw_style_manager_get_default ();

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      double light[G_N_ELEMENTS (shots)];
      CustodyWindow *window = custody_test_open_window (f->db, sizes[s].width, sizes[s].height,
                                                        0, 20000);


      /* Nothing in any view may force the window wider than asked (less
       * the frame that client-side decorations draw without a compositor). */
      custody_test_iterate (300);
      g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, sizes[s].width);
      g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), >=, sizes[s].width - 20);

      adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
      for (guint i = 0; i < G_N_ELEMENTS (shots); i++)
        light[i] = take (f, window, shots[i], "light", &sizes[s]);

      adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
      for (guint i = 0; i < G_N_ELEMENTS (shots); i++)
        {
          double dark = take (f, window, shots[i], "dark", &sizes[s]);

          /* A report's preview is white paper in both schemes. */
          if (dark >= light[i] * 0.7 && !g_str_equal (shots[i], "report-preview"))
            g_error ("%s at %dx%d is hardly darker in dark mode (%.0f vs %.0f)", shots[i],
                     sizes[s].width, sizes[s].height, dark, light[i]);
        }

      adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
      gtk_window_destroy (GTK_WINDOW (window));
      custody_test_iterate (100);
    }
}

int
main (int   argc,
      char *argv[])
{
  custody_test_ui_init (&argc, &argv);

  g_test_add ("/screenshots/every-view-light-and-dark-wide-and-narrow", Fixture, NULL,
              fixture_set_up, test_every_view, fixture_tear_down);

  return g_test_run ();
}
