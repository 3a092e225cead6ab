/* test-ui-reports.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Reports view in a real window on a demo store: generating a report
 * in the background while the main loop keeps running, the preview that
 * renders only the pages in view, cancelling, saving, and printing through
 * GtkPrintOperation (exported to a PDF here, then read back with poppler),
 * wide and narrow. With REPORTS_SCREENSHOTS_DIR set, it also saves
 * pictures of the view, light and dark, for people to look at.
 */
#include "config.h"

#include <adwaita.h>
#include <gdk/x11/gdkx.h>
#include <glib/gstdio.h>
#include <poppler.h>
#include <time.h>

#include "custody-pdf-test-utils.h"
#include "custody-reports-page.h"
#include "custody-store.h"
#include "custody-ui-test-utils.h"
#include "custody-window.h"

#define TIMEOUT_MS 60000

typedef struct
{
  char          *dir;
  char          *db;
  CustodyWindow *window;
  CustodyReportsPage *page;
} Fixture;

/*
 * Helpers
 */

static gboolean
file_is_pdf (gpointer data)
{
  g_autofree char *contents = NULL;
  gsize len = 0;

  return g_file_get_contents (data, &contents, &len, NULL) && len > 5 &&
         memcmp (contents, "%PDF-", 5) == 0 && strstr (contents + MAX (0, (gssize) len - 64),
                                                       "%%EOF") != NULL;
}

static void
fill_store (const char *path,
            guint       jobs)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CustodyStore) store = custody_store_open (path, CUSTODY_STORE_OPEN_CREATE, &error);

  g_assert_no_error (error);
  g_assert_true (custody_store_fill_demo (store, jobs, 0, 42, &error));
  g_assert_no_error (error);
}

static void
open_window (Fixture *f,
             int      width,
             int      height)
{
  f->window = custody_test_open_window (f->db, width, height, 0, 20000);
  custody_window_show_view (f->window, "reports");
  f->page = CUSTODY_REPORTS_PAGE (custody_window_get_page (f->window, "reports"));
  custody_test_iterate (200);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = custody_test_make_tmpdir ();
  f->db = g_build_filename (f->dir, "demo.db", NULL);
  fill_store (f->db, GPOINTER_TO_UINT (data) > 0 ? GPOINTER_TO_UINT (data) : 22);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->window != NULL)
    gtk_window_destroy (GTK_WINDOW (f->window));
  custody_test_iterate (100);
  custody_test_remove_tmpdir (f->dir);
  g_free (f->dir);
  g_free (f->db);
}

static GtkWidget *
find_by_tooltip (GtkWidget  *root,
                 const char *tooltip)
{
  if (g_strcmp0 (gtk_widget_get_tooltip_text (root), tooltip) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_by_tooltip (child, tooltip);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Whether the header bar's button can be pressed: a disabled action
 * makes its button insensitive. */
static gboolean
button_enabled (Fixture    *f,
                const char *tooltip)
{
  GtkWidget *button = find_by_tooltip (GTK_WIDGET (f->page), tooltip);

  g_assert_nonnull (button);
  return gtk_widget_get_sensitive (button);
}

static const char *
visible_child (Fixture *f)
{
  GtkWidget *empty = custody_test_find (GTK_WIDGET (f->page), ADW_TYPE_STATUS_PAGE,
                                        "No Report Yet");
  GtkWidget *stack = gtk_widget_get_ancestor (empty, GTK_TYPE_STACK);

  g_assert_nonnull (stack);
  return gtk_stack_get_visible_child_name (GTK_STACK (stack));
}

/* Runs the main loop until the page is idle, watching how long any one
 * iteration took: the longest gap the user would have felt. @longest_cpu
 * (optional) gets the most processor time one iteration took: on a busy
 * machine the wall-clock gap also counts the time others ran. */
static gint64
generate_and_watch_cpu (Fixture *f,
                        gint64  *longest_cpu)
{
  gint64 deadline = g_get_monotonic_time () + TIMEOUT_MS * 1000;
  gint64 last = g_get_monotonic_time (), longest = 0;
  gint64 last_cpu = custody_test_thread_cpu_us (), most_cpu = 0;

  gtk_widget_activate_action (GTK_WIDGET (f->page), "reports.generate", NULL);
  g_assert_true (custody_reports_page_get_busy (f->page));
  g_assert_cmpstr (visible_child (f), ==, "busy");

  while (custody_reports_page_get_busy (f->page))
    {
      gint64 now, cpu;

      g_main_context_iteration (NULL, FALSE);
      now = g_get_monotonic_time ();
      cpu = custody_test_thread_cpu_us ();
      longest = MAX (longest, now - last);
      most_cpu = MAX (most_cpu, cpu - last_cpu);
      last = now;
      if (now > deadline)
        g_error ("The report did not finish in time");
      g_usleep (1000);
      last_cpu = custody_test_thread_cpu_us ();
    }
  if (longest_cpu != NULL)
    *longest_cpu = most_cpu;
  return longest;
}

static gint64
generate_and_watch (Fixture *f)
{
  return generate_and_watch_cpu (f, NULL);
}


/*
 * Real input, through xdotool on the X server
 */

static gboolean
can_type (void)
{
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");

  return xdotool != NULL && GDK_IS_X11_DISPLAY (gdk_display_get_default ());
}

static void
on_xdotool_exited_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      data)
{
  *(gboolean *) data = TRUE;
}

/* Runs xdotool with these arguments (NULL-terminated), the main loop
 * running meanwhile, and waits for it. */
static void
xdotool (const char *first,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  gboolean exited = FALSE;
  va_list args;

  g_ptr_array_add (argv, (char *) "xdotool");
  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char * const *) argv->pdata, G_SUBPROCESS_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_subprocess_wait_async (process, NULL, on_xdotool_exited_cb, &exited);
  g_assert_true (custody_test_wait_for (custody_test_flag_set, &exited, 20000));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
}

static char *
window_xid (Fixture *f)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (f->window));

  return g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (surface));
}

/* A real click in the middle of @widget, with the X input focus on the
 * window first, as a window manager would give it. */
static void
click (Fixture   *f,
       GtkWidget *widget)
{
  g_autofree char *xid = window_xid (f);
  g_autofree char *x = NULL, *y = NULL;
  graphene_rect_t bounds;
  double dx, dy;

  xdotool ("windowfocus", "--sync", xid, NULL);
  g_assert_true (gtk_widget_compute_bounds (widget, GTK_WIDGET (f->window), &bounds));
  gtk_native_get_surface_transform (GTK_NATIVE (f->window), &dx, &dy);
  x = g_strdup_printf ("%d", (int) (bounds.origin.x + bounds.size.width / 2 + dx));
  y = g_strdup_printf ("%d", (int) (bounds.origin.y + bounds.size.height / 2 + dy));
  xdotool ("mousemove", "--sync", "--window", xid, x, y, "click", "1", NULL);
}

static void
press (Fixture    *f,
       const char *keys)
{
  g_autofree char *xid = window_xid (f);

  xdotool ("windowfocus", "--sync", xid, NULL);
  xdotool ("key", keys, NULL);
}

static gboolean
not_busy (gpointer data)
{
  return !custody_reports_page_get_busy (data);
}

static gboolean
chooser_shown (gpointer data)
{
  return custody_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG) != NULL;
}

static gboolean
chooser_gone (gpointer data)
{
  return !chooser_shown (data);
}

/*
 * Tests
 */

static void
test_generate_and_preview (Fixture       *f,
                           gconstpointer  data)
{
  CustodyReportPreview *preview;
  GtkScrolledWindow *scroller;
  GtkAdjustment *adjustment;
  guint n_pages, rendered;
  gint64 longest, longest_cpu;

  open_window (f, 1280, 800);
  g_assert_cmpstr (visible_child (f), ==, "empty");
  g_assert_false (button_enabled (f, "Save as PDF…"));
  g_assert_false (button_enabled (f, "Print…"));

  custody_reports_page_set_kind (f->page, CUSTODY_REPORT_AUDIT);
  longest = generate_and_watch_cpu (f, &longest_cpu);
  g_test_message ("longest main-loop gap while generating: %.0f ms (%.0f ms of its own work)",
                  longest / 1000.0, longest_cpu / 1000.0);
  /* The report is made in a worker: the window keeps drawing (timings
   * under sanitizers say nothing about a user's machine). The main
   * thread's own work is held to 250 ms; the wall-clock gap, which also
   * counts other programs on a busy machine, to a second. */
  if (g_getenv ("CUSTODY_TEST_SANITIZED") == NULL)
    {
      g_assert_cmpint (longest_cpu, <, 250 * 1000);
      g_assert_cmpint (longest, <, 1000 * 1000);
    }

  g_assert_cmpstr (visible_child (f), ==, "pages");
  g_assert_true (button_enabled (f, "Save as PDF…"));
  g_assert_true (button_enabled (f, "Print…"));
  preview = custody_reports_page_get_preview (f->page);
  g_assert_nonnull (preview);
  n_pages = custody_report_preview_get_n_pages (preview);
  g_assert_cmpuint (n_pages, >=, 10);

  /* Only the pages in view are rendered. */
  custody_test_iterate (1500);
  rendered = custody_report_preview_get_n_rendered (preview);
  g_assert_cmpuint (rendered, >=, 1);
  g_assert_cmpuint (rendered, <, n_pages / 2);

  /* Scrolling to the end renders the last page. */
  scroller = GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (
    custody_test_find (GTK_WIDGET (f->page), GTK_TYPE_LIST_VIEW, NULL), GTK_TYPE_SCROLLED_WINDOW));
  g_assert_nonnull (scroller);
  adjustment = gtk_scrolled_window_get_vadjustment (scroller);
  for (int i = 0; i < 50 && custody_report_preview_get_texture (preview, n_pages - 1) == NULL; i++)
    {
      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
      custody_test_iterate (100);
    }
  g_assert_nonnull (custody_report_preview_get_texture (preview, n_pages - 1));
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  open_window (f, 1280, 800);
  custody_reports_page_set_kind (f->page, CUSTODY_REPORT_SUMMARY);

  gtk_widget_activate_action (GTK_WIDGET (f->page), "reports.generate", NULL);
  g_assert_true (custody_reports_page_get_busy (f->page));
  custody_test_iterate (50);
  gtk_widget_activate_action (GTK_WIDGET (f->page), "reports.cancel", NULL);
  g_assert_false (custody_reports_page_get_busy (f->page));
  g_assert_cmpstr (visible_child (f), ==, "empty");

  /* The cancelled work ends quietly, and the view works on. */
  custody_test_iterate (1000);
  g_assert_cmpstr (visible_child (f), ==, "empty");
  custody_reports_page_set_kind (f->page, CUSTODY_REPORT_COMPLIANCE);
  generate_and_watch (f);
  g_assert_cmpstr (visible_child (f), ==, "pages");
}

static void
on_printed_cb (CustodyReportsPage *page,
               gboolean            printed,
               int                *state)
{
  *state = printed ? 1 : -1;
}

static gboolean
print_finished (gpointer data)
{
  return *(int *) data != 0;
}

static void
test_save_and_print (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *saved = g_build_filename (f->dir, "Compliance Report.pdf", NULL);
  g_autofree char *printed = g_build_filename (f->dir, "printed.pdf", NULL);
  g_autofree char *saved_text = NULL;
  g_autofree char *printed_text = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (saved);
  int print_state = 0, saved_pages = 0, printed_pages = 0;
  guint n_pages;

  open_window (f, 1280, 800);
  generate_and_watch (f);
  n_pages = custody_report_preview_get_n_pages (custody_reports_page_get_preview (f->page));

  custody_reports_page_save_to (f->page, file);
  g_assert_true (custody_test_wait_for (file_is_pdf, saved, 20000));
  saved_text = custody_test_pdf_text (saved, &saved_pages, NULL);
  g_assert_cmpint (saved_pages, ==, n_pages);
  g_assert_nonnull (strstr (saved_text, "Compliance Report"));
  g_assert_nonnull (strstr (saved_text, "payroll-db"));

  /* Printing draws the same pages with the same layout code, replayed by
   * GtkPrintOperation: exported to a PDF here instead of a printer. */
  custody_reports_page_set_print_export (f->page, printed);
  g_signal_connect (f->page, "printed", G_CALLBACK (on_printed_cb), &print_state);
  gtk_widget_activate_action (GTK_WIDGET (f->page), "reports.print", NULL);
  g_assert_true (custody_test_wait_for (print_finished, &print_state, TIMEOUT_MS));
  g_assert_cmpint (print_state, ==, 1);
  g_signal_handlers_disconnect_by_func (f->page, on_printed_cb, &print_state);

  printed_text = custody_test_pdf_text (printed, &printed_pages, NULL);
  g_assert_cmpint (printed_pages, ==, n_pages);
  g_assert_nonnull (strstr (printed_text, "Compliance Report"));
  g_assert_nonnull (strstr (printed_text, "payroll-db"));
  {
    g_autofree char *last = g_strdup_printf ("Page %u of %u", n_pages, n_pages);
    g_assert_nonnull (strstr (printed_text, last));
  }
  g_assert_cmpstr (visible_child (f), ==, "pages");
}

/* At 400 pixels the options and the pages take turns. */
static void
test_narrow (Fixture       *f,
             gconstpointer  data)
{
  AdwLeaflet *leaflet;

  open_window (f, 400, 800);
  leaflet = ADW_LEAFLET (custody_test_find (GTK_WIDGET (f->page), ADW_TYPE_LEAFLET, NULL));
  g_assert_true (adw_leaflet_get_folded (leaflet));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->window)), <=, 400);
  g_assert_true (gtk_widget_is_ancestor (custody_test_find (GTK_WIDGET (f->page), GTK_TYPE_BUTTON,
                                                            "_Generate"),
                                         adw_leaflet_get_visible_child (leaflet)));

  generate_and_watch (f);
  g_assert_cmpstr (visible_child (f), ==, "pages");
  g_assert_true (gtk_widget_is_ancestor (custody_test_find (GTK_WIDGET (f->page),
                                                            GTK_TYPE_LIST_VIEW, NULL),
                                         adw_leaflet_get_visible_child (leaflet)));

  gtk_widget_activate_action (GTK_WIDGET (f->page), "reports.show-options", NULL);
  custody_test_iterate (500);
  g_assert_true (gtk_widget_is_ancestor (custody_test_find (GTK_WIDGET (f->page), GTK_TYPE_BUTTON,
                                                            "_Generate"),
                                         adw_leaflet_get_visible_child (leaflet)));
}

/* Pictures for people to look at: the view before and after a report,
 * light and dark, wide and narrow. */
static void
test_screenshots (Fixture       *f,
                  gconstpointer  data)
{
  const char *dir = g_getenv ("REPORTS_SCREENSHOTS_DIR");
  const int sizes[][2] = { { 1280, 800 }, { 400, 800 } };
  const char *schemes[] = { "light", "dark" };

  if (dir == NULL)
    {
      g_test_skip ("REPORTS_SCREENSHOTS_DIR is not set");
      return;
    }
  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      open_window (f, sizes[s][0], sizes[s][1]);
      custody_reports_page_set_kind (f->page, CUSTODY_REPORT_SUMMARY);

      for (guint step = 0; step < 2; step++)
        {
          if (step == 1)
            {
              generate_and_watch (f);
              custody_test_iterate (2000);
            }
          for (guint c = 0; c < G_N_ELEMENTS (schemes); c++)
            {
              g_autofree char *name = g_strdup_printf ("reports-%s-%s-%dx%d.png",
                                                       step == 0 ? "options" : "preview",
                                                       schemes[c], sizes[s][0], sizes[s][1]);
              g_autofree char *path = g_build_filename (dir, name, NULL);
              g_autoptr(GdkTexture) texture = NULL;

              adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                                  c == 0 ? ADW_COLOR_SCHEME_FORCE_LIGHT
                                                         : ADW_COLOR_SCHEME_FORCE_DARK);
              custody_test_iterate (800);
              texture = custody_test_render (GTK_WIDGET (f->window));
              g_assert_true (gdk_texture_save_to_png (texture, path));
              g_test_message ("wrote %s", path);
            }
        }
      adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                          ADW_COLOR_SCHEME_DEFAULT);
      gtk_window_destroy (GTK_WINDOW (f->window));
      f->window = NULL;
      custody_test_iterate (200);
    }
}

static gboolean
refusal_shown (gpointer data)
{
  return custody_test_find_label_containing (data, "refusing to write over the store") != NULL;
}

static void
test_save_refuses_the_store (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GFile) store_file = g_file_new_for_path (f->db);
  g_autofree char *wal_path = g_strconcat (f->db, "-wal", NULL);
  g_autoptr(GFile) wal_file = g_file_new_for_path (wal_path);
  g_autofree char *contents = NULL;
  g_autoptr(CustodyStore) store = NULL;
  g_autoptr(GPtrArray) jobs = NULL;
  g_autoptr(GError) error = NULL;
  gsize len = 0;

  open_window (f, 1280, 800);
  generate_and_watch (f);

  /* Saving the report over the store, or its -wal, is refused with a
   * toast that says why. */
  custody_reports_page_save_to (f->page, store_file);
  g_assert_true (custody_test_wait_for (refusal_shown, f->window, 20000));
  custody_reports_page_save_to (f->page, wal_file);
  custody_test_iterate (500);
  g_assert_true (refusal_shown (f->window));

  /* ...and the store lost nothing. */
  g_assert_true (g_file_get_contents (f->db, &contents, &len, NULL));
  g_assert_cmpmem (contents, 16, "SQLite format 3", 16);
  store = custody_store_open (f->db, CUSTODY_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  jobs = custody_store_list_jobs (store, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (jobs->len, ==, 22);
}


/* Clicking Generate, then Ctrl+S and Ctrl+P, as real X events: the keys
 * reach the view whatever became of the focus the click gave Generate
 * (it is insensitive while the report is made). */
static void
test_keys_after_generate (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *printed = g_build_filename (f->dir, "printed.pdf", NULL);
  GtkWidget *generate;
  int print_state = 0;

  if (!can_type ())
    {
      g_test_skip ("xdotool on X11 is needed for real keys");
      return;
    }

  open_window (f, 1280, 800);
  generate = custody_test_find (GTK_WIDGET (f->page), GTK_TYPE_BUTTON, "_Generate");
  g_assert_nonnull (generate);
  click (f, generate);
  g_assert_true (custody_test_wait_for (not_busy, f->page, TIMEOUT_MS));
  g_assert_cmpstr (visible_child (f), ==, "pages");
  custody_test_iterate (200);

  /* Ctrl+S asks where to save it. */
  press (f, "ctrl+s");
  g_assert_true (custody_test_wait_for (chooser_shown, NULL, 10000));
  xdotool ("key", "Escape", NULL);
  g_assert_true (custody_test_wait_for (chooser_gone, NULL, 10000));
  custody_test_iterate (200);

  /* Ctrl+P prints it (to a PDF here). */
  custody_reports_page_set_print_export (f->page, printed);
  g_signal_connect (f->page, "printed", G_CALLBACK (on_printed_cb), &print_state);
  press (f, "ctrl+p");
  g_assert_true (custody_test_wait_for (print_finished, &print_state, TIMEOUT_MS));
  g_assert_cmpint (print_state, ==, 1);
  g_signal_handlers_disconnect_by_func (f->page, on_printed_cb, &print_state);
  g_assert_true (file_is_pdf (printed));
}

/* The mapped buttons under @root that go back. */
static guint
n_back_buttons (GtkWidget *root)
{
  guint n = 0;

  if (GTK_IS_BUTTON (root) && gtk_widget_get_mapped (root) &&
      g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (root)), "go-previous-symbolic") == 0)
    n++;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += n_back_buttons (child);
  return n;
}

static GtkWidget *
back_button (GtkWidget *root)
{
  if (GTK_IS_BUTTON (root) && gtk_widget_get_mapped (root) &&
      g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (root)), "go-previous-symbolic") == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = back_button (child);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Narrow, the preview has one back button: to the options, then from
 * the options to the views. */
static void
test_narrow_one_back_button (Fixture       *f,
                             gconstpointer  data)
{
  AdwLeaflet *leaflet, *window_leaflet;
  GtkWidget *generate;

  open_window (f, 360, 700);
  leaflet = ADW_LEAFLET (custody_test_find (GTK_WIDGET (f->page), ADW_TYPE_LEAFLET, NULL));
  generate = custody_test_find (GTK_WIDGET (f->page), GTK_TYPE_BUTTON, "_Generate");
  custody_test_iterate (500);
  g_assert_cmpuint (n_back_buttons (GTK_WIDGET (f->page)), ==, 1);

  generate_and_watch (f);
  custody_test_iterate (500);
  g_assert_false (gtk_widget_is_ancestor (generate, adw_leaflet_get_visible_child (leaflet)));
  g_assert_cmpuint (n_back_buttons (GTK_WIDGET (f->page)), ==, 1);

  /* Back goes to the options first... */
  gtk_widget_activate (back_button (GTK_WIDGET (f->page)));
  custody_test_iterate (500);
  g_assert_true (gtk_widget_is_ancestor (generate, adw_leaflet_get_visible_child (leaflet)));
  g_assert_cmpuint (n_back_buttons (GTK_WIDGET (f->page)), ==, 1);

  /* ...then to the list of views. */
  gtk_widget_activate (back_button (GTK_WIDGET (f->page)));
  custody_test_iterate (500);
  window_leaflet = ADW_LEAFLET (custody_test_find (GTK_WIDGET (f->window), ADW_TYPE_LEAFLET, NULL));
  g_assert_true (window_leaflet != leaflet);
  g_assert_false (gtk_widget_is_ancestor (GTK_WIDGET (f->page),
                                          adw_leaflet_get_visible_child (window_leaflet)));
}

/* A report of one kind does not stay on screen once another is chosen. */
static void
test_kind_clears_preview (Fixture       *f,
                          gconstpointer  data)
{
  open_window (f, 1280, 800);
  generate_and_watch (f);
  g_assert_cmpstr (visible_child (f), ==, "pages");
  g_assert_true (button_enabled (f, "Save as PDF…"));

  custody_reports_page_set_kind (f->page, CUSTODY_REPORT_MEDIA);
  custody_test_iterate (100);
  g_assert_null (custody_reports_page_get_preview (f->page));
  g_assert_cmpstr (visible_child (f), ==, "empty");
  g_assert_false (button_enabled (f, "Save as PDF…"));
  g_assert_false (button_enabled (f, "Print…"));
}

static GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  if (GTK_IS_BUTTON (root) && gtk_widget_get_mapped (root) &&
      g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
open_button_shown (gpointer data)
{
  return find_button (data, "_Open") != NULL;
}

static gboolean
file_exists (gpointer data)
{
  return g_file_test (data, G_FILE_TEST_EXISTS);
}

/* The toast that says the report was saved opens it, with the default
 * PDF viewer: here a script of the test's own, set as that default. */
static void
test_open_saved (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *saved = g_build_filename (f->dir, "Compliance Report.pdf", NULL);
  g_autofree char *marker = g_build_filename (g_get_user_data_dir (), "opened", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (saved);
  g_autofree char *opened = NULL;

  g_unlink (marker);
  open_window (f, 1280, 800);
  generate_and_watch (f);
  custody_reports_page_save_to (f->page, file);
  g_assert_true (custody_test_wait_for (open_button_shown, f->window, 20000));
  g_assert_true (file_is_pdf (saved));

  gtk_widget_activate (find_button (GTK_WIDGET (f->window), "_Open"));
  g_assert_true (custody_test_wait_for (file_exists, marker, 20000));
  custody_test_iterate (200);
  g_assert_true (g_file_get_contents (marker, &opened, NULL, NULL));
  g_assert_cmpstr (opened, ==, saved);
}

/* A PDF viewer of the test's own, the default for PDFs: it writes the
 * file it was asked to open into "opened". Before GLib reads the
 * variables. */
static void
set_up_viewer (void)
{
  g_autofree char *home = custody_test_make_tmpdir ();
  g_autofree char *data = g_build_filename (home, "data", NULL);
  g_autofree char *apps = g_build_filename (data, "applications", NULL);
  g_autofree char *config = g_build_filename (home, "config", NULL);
  g_autofree char *script = g_build_filename (home, "viewer.sh", NULL);
  g_autofree char *script_text = NULL;
  g_autofree char *desktop = g_build_filename (apps, "custody-test-viewer.desktop", NULL);
  g_autofree char *desktop_text = NULL;
  g_autofree char *mimeapps = g_build_filename (config, "mimeapps.list", NULL);

  g_assert_cmpint (g_mkdir_with_parents (apps, 0755), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (config, 0755), ==, 0);
  script_text = g_strdup_printf ("#!/bin/sh\nprintf '%%s' \"$1\" > %s/opened.tmp\n"
                                 "mv %s/opened.tmp %s/opened\n", data, data, data);
  g_assert_true (g_file_set_contents (script, script_text, -1, NULL));
  g_assert_cmpint (g_chmod (script, 0755), ==, 0);
  desktop_text = g_strdup_printf ("[Desktop Entry]\nType=Application\nName=Test Viewer\n"
                                  "Exec=%s %%f\nMimeType=application/pdf;\n", script);
  g_assert_true (g_file_set_contents (desktop, desktop_text, -1, NULL));
  g_assert_true (g_file_set_contents (mimeapps, "[Default Applications]\n"
                                      "application/pdf=custody-test-viewer.desktop\n", -1, NULL));
  g_setenv ("XDG_DATA_HOME", data, TRUE);
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  set_up_viewer ();
  custody_test_ui_init (&argc, &argv);

  g_test_add ("/ui/reports/generate-and-preview", Fixture, GUINT_TO_POINTER (60),
              fixture_set_up, test_generate_and_preview, fixture_tear_down);
  g_test_add ("/ui/reports/cancel", Fixture, GUINT_TO_POINTER (300),
              fixture_set_up, test_cancel, fixture_tear_down);
  g_test_add ("/ui/reports/save-and-print", Fixture, NULL,
              fixture_set_up, test_save_and_print, fixture_tear_down);
  g_test_add ("/ui/reports/save-refuses-the-store", Fixture, NULL,
              fixture_set_up, test_save_refuses_the_store, fixture_tear_down);
  g_test_add ("/ui/reports/narrow", Fixture, NULL,
              fixture_set_up, test_narrow, fixture_tear_down);
  g_test_add ("/ui/reports/keys-after-generate", Fixture, NULL,
              fixture_set_up, test_keys_after_generate, fixture_tear_down);
  g_test_add ("/ui/reports/narrow-one-back-button", Fixture, NULL,
              fixture_set_up, test_narrow_one_back_button, fixture_tear_down);
  g_test_add ("/ui/reports/kind-clears-preview", Fixture, NULL,
              fixture_set_up, test_kind_clears_preview, fixture_tear_down);
  g_test_add ("/ui/reports/open-saved", Fixture, NULL,
              fixture_set_up, test_open_saved, fixture_tear_down);
  g_test_add ("/ui/reports/screenshots", Fixture, NULL,
              fixture_set_up, test_screenshots, fixture_tear_down);

  return g_test_run ();
}
