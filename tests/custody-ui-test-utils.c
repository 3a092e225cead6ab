/* custody-ui-test-utils.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gdk/x11/gdkx.h>
#include <glib/gstdio.h>
#include <time.h>

#include "custody-ui-test-utils.h"

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until @condition holds or @timeout_ms passed. */
gboolean
custody_test_wait_for (CustodyTestCondition condition,
                       gpointer             data,
                       guint                timeout_ms)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (timeout_ms, timeout_cb, &timed_out);

  while (!condition (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (!timed_out)
    g_source_remove (id);
  return condition (data);
}

void
custody_test_iterate (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static const char *
widget_text (GtkWidget *widget)
{
  if (ADW_IS_PREFERENCES_ROW (widget))
    return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget));
  if (GTK_IS_BUTTON (widget))
    return gtk_button_get_label (GTK_BUTTON (widget));
  if (GTK_IS_LABEL (widget))
    return gtk_label_get_label (GTK_LABEL (widget));
  if (ADW_IS_STATUS_PAGE (widget))
    return adw_status_page_get_title (ADW_STATUS_PAGE (widget));
  return NULL;
}

/* The first descendant of @root of @type whose label or title is @text
 * (or any, for a NULL @text). */
GtkWidget *
custody_test_find (GtkWidget  *root,
                   GType       type,
                   const char *text)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) &&
      (text == NULL || g_strcmp0 (widget_text (root), text) == 0))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = custody_test_find (child, type, text);
      if (found != NULL)
        return found;
    }

  return NULL;
}

GtkWindow *
custody_test_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }

  return NULL;
}

/* The app's own style sheet, as AdwApplication loads it: windows made
 * without the application would otherwise look unlike the app. */
void
custody_test_load_style (void)
{
  g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

  gtk_css_provider_load_from_resource (provider, "/io/github/custody/Custody/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

gboolean
custody_test_window_loaded (gpointer window)
{
  CustodySession *session = custody_window_get_session (window);

  return session != NULL && custody_session_get_loaded (session);
}

CustodyWindow *
custody_test_open_window (const char *db,
                          int         width,
                          int         height,
                          guint       poll_ms,
                          guint       timeout_ms)
{
  CustodyWindow *window = custody_window_new (NULL, db);

  if (poll_ms > 0)
    custody_session_set_poll_interval (custody_window_get_session (window), poll_ms);
  if (width > 0)
    gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (custody_test_wait_for (custody_test_window_loaded, window, timeout_ms));
  return window;
}

GdkTexture *
custody_test_render (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);

  return gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
}

gint64
custody_test_thread_cpu_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

void
custody_test_collect (GtkWidget *root,
                      GType      type,
                      GPtrArray *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    g_ptr_array_add (found, root);

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    custody_test_collect (child, type, found);
}

void
custody_test_ui_init (int    *argc,
                      char ***argv)
{
  gtk_test_init (argc, argv, NULL);
  adw_init ();
  custody_test_load_style ();
}

void
custody_test_window_fixture_clear (CustodyTestWindowFixture *f,
                                   GType                     also_close,
                                   guint                     settle_ms)
{
  GtkWindow *other = also_close != G_TYPE_INVALID ? custody_test_find_toplevel (also_close)
                                                  : NULL;

  if (other != NULL)
    gtk_window_destroy (other);
  if (f->window != NULL)
    gtk_window_destroy (GTK_WINDOW (f->window));
  custody_test_iterate (settle_ms);
  custody_test_remove_tmpdir (f->dir);
  g_free (f->dir);
  g_free (f->db);
}

gboolean
custody_test_flag_set (gpointer flag)
{
  return *(gboolean *) flag;
}

/* With CUSTODY_TEST_SCREENSHOTS=DIR, @widget as it is now, as DIR/@name (a PNG):
 * what a test shows, to look at. */
void
custody_test_save_screenshot (GtkWidget  *widget,
                              const char *name)
{
  const char *dir = g_getenv ("CUSTODY_TEST_SCREENSHOTS");
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;

  if (dir == NULL || widget == NULL)
    return;
  custody_test_iterate (300);
  texture = custody_test_render (widget);
  path = g_build_filename (dir, name, NULL);
  gdk_texture_save_to_png (texture, path);
}

gboolean
custody_test_can_xdotool (void)
{
  g_autofree char *path = g_find_program_in_path ("xdotool");

  return path != NULL && GDK_IS_X11_DISPLAY (gdk_display_get_default ());
}

static void
xdotool_exited_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      data)
{
  *(gboolean *) data = TRUE;
}

void
custody_test_xdotool (const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  gboolean exited = FALSE;

  g_ptr_array_add (argv, (gpointer) "xdotool");
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  process = g_subprocess_newv ((const char * const *) argv->pdata, G_SUBPROCESS_FLAGS_NONE,
                               &error);
  g_assert_no_error (error);
  g_subprocess_wait_async (process, NULL, xdotool_exited_cb, &exited);
  g_assert_true (custody_test_wait_for (custody_test_flag_set, &exited, 5000));
  custody_test_iterate (300);
}

void
custody_test_pointer_over (GtkWidget *widget,
                           gboolean   click)
{
  GtkNative *native = gtk_widget_get_native (widget);
  graphene_rect_t bounds;
  graphene_point_t middle;
  g_autofree char *x = NULL, *y = NULL, *xid = NULL;
  double dx, dy;

  g_assert_true (gtk_widget_compute_bounds (widget, GTK_WIDGET (native), &bounds));
  graphene_rect_get_center (&bounds, &middle);
  gtk_native_get_surface_transform (native, &dx, &dy);
  x = g_strdup_printf ("%d", (int) (middle.x + dx));
  y = g_strdup_printf ("%d", (int) (middle.y + dy));
  xid = g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (gtk_native_get_surface (native)));
  /* Not --sync: that waits for a move, and the pointer may be there. */
  custody_test_xdotool ((const char *[]) { "mousemove", "--window", xid, x, y,
                                           click ? "click" : NULL, "1", NULL });
}

GtkWidget *
custody_test_find_label_containing (GtkWidget  *root,
                                    const char *text)
{
  if (GTK_IS_LABEL (root) && gtk_widget_get_mapped (root) &&
      strstr (gtk_label_get_text (GTK_LABEL (root)), text) != NULL)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = custody_test_find_label_containing (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}
