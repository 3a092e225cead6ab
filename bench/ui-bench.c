/* ui-bench.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One start of the app's window on a store, measured as a user feels it:
 *   first_frame_ms  process start (BENCH_T0_NS, Unix ns, from the caller) to the
 *                   window's first painted frame
 *   loaded_ms       process start to every job shown in the list
 *   key_max_ms      typing a search, one character at a time, then deleting it:
 *   key_median_ms   the main thread's time from each keystroke to the end of the
 *                   frame that shows the new list (filtering + layout + paint;
 *                   waiting for the frame clock's next tick is not work and is
 *                   left out)
 *   rss_mb          peak resident memory (VmHWM); anon_mb and file_mb split the
 *                   resident memory at the end into the process's own and the
 *                   pages of files it maps (the store, libraries, fonts)
 * printed as one line of KEY=VALUE pairs for bench/run-ui.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "custody-jobs-page.h"
#include "custody-session.h"
#include "custody-window.h"

typedef struct
{
  CustodyWindow *window;
  gboolean       painted;
  gint64         paint_end;   /* monotonic µs at the end of the latest paint */
  gint64         layout_start;
} Bench;

static gint64
thread_cpu_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static void
on_layout_cb (GdkFrameClock *clock,
              Bench         *b)
{
  b->layout_start = thread_cpu_us ();
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   Bench         *b)
{
  b->painted = TRUE;
  b->paint_end = thread_cpu_us ();
}

static void
iterate_until (gboolean (*done) (Bench *b),
               Bench    *b,
               guint     timeout_s)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_s * G_USEC_PER_SEC;

  while (!done (b))
    {
      if (g_get_monotonic_time () > deadline)
        {
          g_printerr ("ui-bench: timed out\n");
          exit (1);
        }
      g_main_context_iteration (NULL, TRUE);
    }
}

static gboolean
first_paint_done (Bench *b)
{
  return b->painted;
}

static CustodyJobsPage *
jobs_page (Bench *b)
{
  return CUSTODY_JOBS_PAGE (custody_window_get_page (b->window, "jobs"));
}

static gboolean
all_jobs_shown (Bench *b)
{
  CustodySession *session = custody_window_get_session (b->window);
  guint n;

  if (session == NULL || !custody_session_get_loaded (session))
    return FALSE;
  n = g_list_model_get_n_items (custody_session_get_jobs (session));
  return n > 0 && custody_jobs_page_get_n_shown (jobs_page (b)) == n;
}

static gboolean
store_is_empty_and_loaded (Bench *b)
{
  CustodySession *session = custody_window_get_session (b->window);

  return session != NULL && custody_session_get_loaded (session) &&
         g_list_model_get_n_items (custody_session_get_jobs (session)) == 0;
}

static gboolean
loaded (Bench *b)
{
  return all_jobs_shown (b) || store_is_empty_and_loaded (b);
}

static gboolean
repainted (Bench *b)
{
  return b->painted;
}

static double
since_start_ms (gint64 t0_ns)
{
  return ((double) g_get_real_time () * 1000.0 - (double) t0_ns) / 1e6;
}

/* A line of /proc/self/status, in kB. */
static long
status_kb (const char *key)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, key);
  return line != NULL ? strtol (line + strlen (key), NULL, 10) : -1;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

int
main (int   argc,
      char *argv[])
{
  const char *t0_text = g_getenv ("BENCH_T0_NS");
  gint64 t0_ns = t0_text != NULL ? g_ascii_strtoll (t0_text, NULL, 10) : g_get_real_time () * 1000;
  Bench b = { 0, };
  GdkFrameClock *clock;
  double first_frame_ms, loaded_ms;
  g_autoptr(GArray) keys = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *needle = NULL;

  if (argc != 2)
    {
      g_printerr ("usage: ui-bench STORE\n");
      return 2;
    }

  gtk_init ();
  adw_init ();
  {
    /* The app's style sheet, as AdwApplication loads it. */
    g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

    gtk_css_provider_load_from_resource (provider, "/io/github/custody/Custody/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                                GTK_STYLE_PROVIDER (provider),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  }

  b.window = custody_window_new (NULL, argv[1]);
  gtk_window_set_default_size (GTK_WINDOW (b.window), 1280, 800);
  custody_window_show_view (b.window, "jobs");
  gtk_widget_realize (GTK_WIDGET (b.window));
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (b.window));
  g_signal_connect (clock, "layout", G_CALLBACK (on_layout_cb), &b);
  g_signal_connect_after (clock, "paint", G_CALLBACK (on_after_paint_cb), &b);
  gtk_window_present (GTK_WINDOW (b.window));

  iterate_until (first_paint_done, &b, 60);
  first_frame_ms = since_start_ms (t0_ns);

  iterate_until (loaded, &b, 300);
  loaded_ms = since_start_ms (t0_ns);

  /* A search for one job, typed, then deleted: the list narrows to one
   * row, then widens back to every job. */
  if (g_list_model_get_n_items (custody_session_get_jobs (
                                  custody_window_get_session (b.window))) > 0)
    {
      g_autoptr(GObject) item =
        g_list_model_get_item (custody_session_get_jobs (custody_window_get_session (b.window)),
                               g_list_model_get_n_items (custody_session_get_jobs (
                                 custody_window_get_session (b.window))) / 3);
      g_object_get (item, "name", &needle, NULL);
    }
  else
    needle = g_strdup ("payroll");

  /* Ctrl+F first, as a user does, and the search bar settles. */
  custody_page_search (CUSTODY_PAGE (jobs_page (&b)));
  {
    gint64 until = g_get_monotonic_time () + 300 * 1000;
    while (g_get_monotonic_time () < until)
      g_main_context_iteration (NULL, FALSE);
  }

  for (guint step = 1; step < 2 * (guint) strlen (needle); step++)
    {
      guint len = step <= strlen (needle) ? step : 2 * (guint) strlen (needle) - step;
      g_autofree char *text = g_strndup (needle, len);
      gint64 start, filtered;

      b.painted = FALSE;
      start = thread_cpu_us ();
      custody_jobs_page_set_search_text (jobs_page (&b), text);
      filtered = thread_cpu_us ();
      iterate_until (repainted, &b, 10);
      {
        double ms = ((double) (filtered - start) + (double) (b.paint_end - b.layout_start)) /
                    1000.0;
        g_array_append_val (keys, ms);
      }
    }
  g_array_sort (keys, compare_doubles);

  printf ("first_frame_ms=%.1f loaded_ms=%.1f key_max_ms=%.2f key_median_ms=%.2f keys=%u"
          " rss_mb=%.1f anon_mb=%.1f file_mb=%.1f\n",
          first_frame_ms, loaded_ms, g_array_index (keys, double, keys->len - 1),
          g_array_index (keys, double, keys->len / 2), keys->len, status_kb ("VmHWM:") / 1024.0,
          status_kb ("RssAnon:") / 1024.0, status_kb ("RssFile:") / 1024.0);

  gtk_window_destroy (GTK_WINDOW (b.window));
  return 0;
}
