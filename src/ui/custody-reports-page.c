/* custody-reports-page.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custody-reports-page"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "custody-output.h"
#include "custody-report-preview.h"
#include "custody-report.h"
#include "custody-reports-page.h"
#include "custody-time.h"

/* The Reports view: choose a report, its period and moment, and the paper;
 * generate it (in a worker thread, on a store connection of its own, with
 * progress and cancel); look through its pages (rendered by poppler only
 * as they come into view); save it as PDF or print it. Printing draws the
 * pages with the report's own layout code, recorded in the worker and
 * replayed by GtkPrintOperation. */

#define DAY              (24 * 3600)
#define MAX_PRINT_PAGES  500

static const gint64 period_spans[] = { 7 * DAY, 30 * DAY, 90 * DAY, 365 * DAY };

struct _CustodyReportsPage
{
  CustodyPage            parent_instance;

  /* Template */
  AdwWindowTitle        *window_title;
  GtkWidget             *back_button;
  AdwLeaflet            *leaflet;
  GtkWidget             *options_pane;
  GtkWidget             *preview_pane;
  AdwActionRow          *compliance_row;
  AdwActionRow          *audit_row;
  AdwActionRow          *media_row;
  AdwActionRow          *summary_row;
  GtkCheckButton        *compliance_check;
  GtkCheckButton        *audit_check;
  GtkCheckButton        *media_check;
  GtkCheckButton        *summary_check;
  AdwComboRow           *period_row;
  AdwActionRow          *as_of_row;
  GtkMenuButton         *as_of_button;
  GtkPopover            *as_of_popover;
  GtkCalendar           *calendar;
  AdwComboRow           *paper_row;
  GtkLabel              *preview_label;
  GtkStack              *preview_stack;
  AdwStatusPage         *busy_status;
  AdwStatusPage         *error_status;
  GtkProgressBar        *progress_bar;
  GtkWidget             *cancel_button;
  GtkWidget             *generate_button;
  GtkListView           *pages_view;

  /* What is chosen */
  CustodyReportKind      kind;
  gint64                 as_of;          /* CUSTODY_TIME_NONE: now */

  /* What is shown: the last report generated */
  CustodyReportKind      shown_kind;
  gint64                 shown_from;
  gint64                 shown_to;
  CustodyReportPaper     shown_paper;
  char                  *pdf_path;       /* a temporary file, ours */
  CustodyReportPreview  *preview;
  GtkStringList         *page_numbers;
  GHashTable            *bound;          /* page -> GtkPicture */
  GHashTable            *requested;      /* pages in view, asked of the preview */
  guint                  visible_source;
  int                    sized_width;

  /* Work in progress */
  GCancellable          *working;        /* generating or preparing to print */
  gpointer               progress;       /* Progress, for the worker */
  gboolean               for_printing;

  /* Printing */
  GPtrArray             *print_pages;    /* cairo_surface_t, in points */
  double                 print_width;
  double                 print_height;
  char                  *print_export;   /* print to this PDF, without a dialog */
};

G_DEFINE_FINAL_TYPE (CustodyReportsPage, custody_reports_page, CUSTODY_TYPE_PAGE)

enum { PROP_0, PROP_BUSY, N_PROPS };
static GParamSpec *properties[N_PROPS];

enum { PRINTED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void update_actions (CustodyReportsPage *self);
static void schedule_visible_update (CustodyReportsPage *self);

/*
 * Progress from the worker
 *
 * The worker only ever posts numbers to the main loop; the page is looked
 * up there, through a weak reference, so that no widget is touched or
 * finalized in the worker.
 */

typedef struct
{
  gatomicrefcount ref_count;
  GWeakRef        page;
  GCancellable   *cancellable;   /* the work it belongs to */
} Progress;

typedef struct
{
  Progress *progress;
  double    fraction;
} ProgressUpdate;

static Progress *
progress_new (CustodyReportsPage *self,
              GCancellable       *cancellable)
{
  Progress *p = g_new0 (Progress, 1);

  g_atomic_ref_count_init (&p->ref_count);
  g_weak_ref_init (&p->page, self);
  p->cancellable = g_object_ref (cancellable);
  return p;
}

static Progress *
progress_ref (Progress *p)
{
  g_atomic_ref_count_inc (&p->ref_count);
  return p;
}

static void
progress_unref (Progress *p)
{
  if (!g_atomic_ref_count_dec (&p->ref_count))
    return;
  g_weak_ref_clear (&p->page);
  g_object_unref (p->cancellable);
  g_free (p);
}

static gboolean
progress_update_cb (gpointer data)
{
  ProgressUpdate *update = data;
  g_autoptr(CustodyReportsPage) self = g_weak_ref_get (&update->progress->page);

  if (self != NULL && self->working == update->progress->cancellable)
    {
      g_autofree char *text = g_strdup_printf ("%.0f%%", update->fraction * 100);

      gtk_progress_bar_set_fraction (self->progress_bar, update->fraction);
      gtk_progress_bar_set_text (self->progress_bar, text);
    }
  return G_SOURCE_REMOVE;
}

static void
progress_update_free (gpointer data)
{
  ProgressUpdate *update = data;

  progress_unref (update->progress);
  g_free (update);
}

/* Called in the worker. */
static void
report_progress_cb (double   fraction,
                    gpointer user_data)
{
  ProgressUpdate *update = g_new0 (ProgressUpdate, 1);

  update->progress = progress_ref (user_data);
  update->fraction = fraction;
  g_main_context_invoke_full (NULL, G_PRIORITY_DEFAULT, progress_update_cb, update,
                              progress_update_free);
}

/*
 * Generating, in a worker
 */

typedef struct
{
  char               *db_path;
  char               *out_path;      /* NULL: record pages for printing */
  CustodyReportKind   kind;
  gint64              from;
  gint64              to;
  CustodyReportPaper  paper;
  char               *author;
  Progress           *progress;

  /* Results */
  guint               n_pages;
  double              page_width;
  double              page_height;
  GPtrArray          *pages;
} Generation;

static void
generation_free (gpointer data)
{
  Generation *g = data;

  g_free (g->db_path);
  if (g->out_path != NULL)
    {
      /* A report that did not make it to the page is not kept. */
      g_unlink (g->out_path);
      g_free (g->out_path);
    }
  g_free (g->author);
  g_clear_pointer (&g->pages, g_ptr_array_unref);
  progress_unref (g->progress);
  g_free (g);
}

static void
generate_worker (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  Generation *g = task_data;
  g_autoptr(CustodyStore) store = NULL;
  g_autoptr(CustodyReport) report = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  /* A connection of the report's own: its read transaction blocks
   * nobody, and the session's connection stays free for the views. */
  store = custody_store_open (g->db_path, CUSTODY_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  report = custody_report_new (g->kind);
  custody_report_set_period (report, g->from, g->to);
  custody_report_set_paper (report, g->paper);
  if (g->author != NULL)
    custody_report_set_author (report, g->author);
  custody_report_set_progress_func (report, report_progress_cb, g->progress);

  if (g->out_path != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_path (g->out_path);
      g_autoptr(GFileOutputStream) output = g_file_replace (file, NULL, FALSE,
                                                            G_FILE_CREATE_PRIVATE,
                                                            cancellable, &error);

      ok = output != NULL &&
           custody_report_write_pdf (report, store, G_OUTPUT_STREAM (output), cancellable,
                                     &error) &&
           g_output_stream_close (G_OUTPUT_STREAM (output), cancellable, &error);
    }
  else
    {
      g->pages = custody_report_record_pages (report, store, cancellable, &error);
      ok = g->pages != NULL;
    }

  if (!ok)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g->n_pages = custody_report_get_n_pages (report);
  custody_report_get_page_size (report, &g->page_width, &g->page_height);
  g_task_return_boolean (task, TRUE);
}

/*
 * Helpers
 */

static CustodyReportPaper
chosen_paper (CustodyReportsPage *self)
{
  return adw_combo_row_get_selected (self->paper_row) == 1 ? CUSTODY_REPORT_PAPER_LETTER
                                                           : CUSTODY_REPORT_PAPER_A4;
}

static void
chosen_period (CustodyReportsPage *self,
               gint64             *from,
               gint64             *to)
{
  guint span = adw_combo_row_get_selected (self->period_row);

  *to = self->as_of != CUSTODY_TIME_NONE ? self->as_of : custody_time_now ();
  *from = CUSTODY_TIME_NONE;
  if (custody_report_kind_has_period (self->kind))
    *from = *to - period_spans[MIN (span, G_N_ELEMENTS (period_spans) - 1)];
}

static void
set_working (CustodyReportsPage *self,
             GCancellable       *cancellable)
{
  gboolean was = self->working != NULL;

  g_clear_object (&self->working);
  if (cancellable != NULL)
    self->working = g_object_ref (cancellable);
  if (was != (self->working != NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
  update_actions (self);
}

static void
update_actions (CustodyReportsPage *self)
{
  gboolean busy = self->working != NULL;
  gboolean shown = self->preview != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.generate",
                                 !busy && custody_page_get_session (CUSTODY_PAGE (self)) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.cancel", busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.save", shown && !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.print", shown && !busy);
}

static void
update_options (CustodyReportsPage *self)
{
  g_autofree char *label = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->period_row),
                          custody_report_kind_has_period (self->kind));

  if (self->as_of == CUSTODY_TIME_NONE)
    label = g_strdup (_("Now"));
  else
    label = custody_time_format_date (self->as_of);
  gtk_menu_button_set_label (self->as_of_button, label);
}

static void
forget_report (CustodyReportsPage *self)
{
  if (self->preview != NULL)
    g_clear_object (&self->preview);
  g_hash_table_remove_all (self->bound);
  g_hash_table_remove_all (self->requested);
  gtk_string_list_splice (self->page_numbers, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->page_numbers)), NULL);
  if (self->pdf_path != NULL)
    {
      g_unlink (self->pdf_path);
      g_clear_pointer (&self->pdf_path, g_free);
    }
  gtk_label_set_label (self->preview_label, "");
  adw_window_title_set_subtitle (self->window_title, NULL);
}

/* One back button, in the header bar: narrow, from the pages to the
 * options; from the options (or when wide) to the list of views, when
 * the window shows one view at a time. */
static gboolean
showing_preview_folded (CustodyReportsPage *self)
{
  return adw_leaflet_get_folded (self->leaflet) &&
         adw_leaflet_get_visible_child (self->leaflet) == self->preview_pane;
}

static void
update_back_button (CustodyReportsPage *self)
{
  gtk_widget_set_visible (self->back_button,
                          custody_page_get_folded (CUSTODY_PAGE (self)) ||
                          showing_preview_folded (self));
}

/* Keeps the keyboard focus in the view, where its shortcuts (Ctrl+S,
 * Ctrl+P, Escape) are heard: a pressed Generate turns insensitive, and
 * narrow it goes off screen, and either way the window's focus went
 * with it. */
static void
keep_focus (CustodyReportsPage *self,
            GtkWidget          *widget)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self)) &&
      gtk_widget_is_sensitive (focus) && gtk_widget_get_mapped (focus))
    return;
  if (gtk_widget_get_mapped (widget) && gtk_widget_grab_focus (widget))
    return;
  if (!gtk_widget_child_focus (self->preview_pane, GTK_DIR_TAB_FORWARD))
    gtk_widget_child_focus (GTK_WIDGET (self), GTK_DIR_TAB_FORWARD);
}

static void
show_pages (CustodyReportsPage *self)
{
  if (self->preview != NULL)
    gtk_stack_set_visible_child_name (self->preview_stack, "pages");
  else
    gtk_stack_set_visible_child_name (self->preview_stack, "empty");
}

static void
toast (CustodyReportsPage *self,
       const char         *text)
{
  custody_page_toast (CUSTODY_PAGE (self), adw_toast_new (text));
}

/* Starts a generation: a PDF for the preview, or recorded pages to print. */
static void
start_generation (CustodyReportsPage  *self,
                  CustodyReportKind    kind,
                  gint64               from,
                  gint64               to,
                  CustodyReportPaper   paper,
                  gboolean             for_printing,
                  GAsyncReadyCallback  callback);

/*
 * Preview rows
 */

/* Each page as wide as the list allows, at its paper's proportions. */
static void
size_picture (CustodyReportsPage *self,
              GtkWidget          *picture)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self->pages_view));
  double page_width, page_height;

  if (self->preview == NULL)
    return;
  if (width <= 0)
    width = 800;
  width = MAX (width - 36, 120);
  custody_report_preview_get_page_size (self->preview, &page_width, &page_height);
  gtk_widget_set_size_request (picture, -1, (int) (width * page_height / page_width));
}

static int
render_width (CustodyReportsPage *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self->pages_view));

  if (width <= 0)
    width = 800;
  return (width - 36) * gtk_widget_get_scale_factor (GTK_WIDGET (self));
}

/* Asks for the pages in view (and one either side), and lets go of the
 * others: the list keeps more rows than it shows, and a report can have
 * thousands of pages. All pages are the same size, so the scroll position
 * says which are in view. */
static gboolean
update_visible_cb (gpointer user_data)
{
  CustodyReportsPage *self = user_data;
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->pages_view));
  guint n_pages, first, last;
  double row;
  GHashTableIter iter;
  gpointer page;

  self->visible_source = 0;
  if (self->preview == NULL || adjustment == NULL)
    return G_SOURCE_REMOVE;

  /* The list changed width: every page follows. */
  if (gtk_widget_get_width (GTK_WIDGET (self->pages_view)) != self->sized_width)
    {
      GHashTableIter bound;
      gpointer picture;

      self->sized_width = gtk_widget_get_width (GTK_WIDGET (self->pages_view));
      g_hash_table_iter_init (&bound, self->bound);
      while (g_hash_table_iter_next (&bound, NULL, &picture))
        size_picture (self, picture);
    }

  n_pages = custody_report_preview_get_n_pages (self->preview);
  row = n_pages > 0 ? gtk_adjustment_get_upper (adjustment) / n_pages : 0;

  /* Until the list is laid out, nothing is in view. */
  if (row < 64 || gtk_adjustment_get_page_size (adjustment) <= 0)
    return G_SOURCE_REMOVE;

  first = (guint) MAX (0, gtk_adjustment_get_value (adjustment) / row - 1);
  last = (guint) MIN ((double) n_pages - 1,
                      (gtk_adjustment_get_value (adjustment) +
                       gtk_adjustment_get_page_size (adjustment)) / row + 1);

  g_hash_table_iter_init (&iter, self->requested);
  while (g_hash_table_iter_next (&iter, &page, NULL))
    if (GPOINTER_TO_UINT (page) < first || GPOINTER_TO_UINT (page) > last)
      {
        custody_report_preview_release (self->preview, GPOINTER_TO_UINT (page));
        g_hash_table_iter_remove (&iter);
      }

  for (guint p = first; p <= last && p < n_pages; p++)
    {
      g_hash_table_add (self->requested, GUINT_TO_POINTER (p));
      custody_report_preview_request (self->preview, p, render_width (self));
    }

  return G_SOURCE_REMOVE;
}

static void
schedule_visible_update (CustodyReportsPage *self)
{
  /* Once scrolling and layout settle: a fling through a long report
   * asks for the pages it stops at, not for every page it passed. */
  if (self->visible_source == 0)
    self->visible_source = g_timeout_add (60, update_visible_cb, self);
}

static void
on_page_setup_cb (GtkListItemFactory *factory,
                  GtkListItem        *item,
                  CustodyReportsPage *self)
{
  GtkWidget *picture = gtk_picture_new ();

  gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
  gtk_picture_set_content_fit (GTK_PICTURE (picture), GTK_CONTENT_FIT_CONTAIN);
  gtk_widget_add_css_class (picture, "custody-report-page");
  gtk_list_item_set_child (item, picture);
  gtk_list_item_set_activatable (item, FALSE);
}

static void
on_page_bind_cb (GtkListItemFactory *factory,
                 GtkListItem        *item,
                 CustodyReportsPage *self)
{
  GtkPicture *picture = GTK_PICTURE (gtk_list_item_get_child (item));
  guint page = gtk_list_item_get_position (item);
  g_autofree char *name = NULL;
  GdkTexture *texture;
  double width, height;

  if (self->preview == NULL)
    return;

  texture = custody_report_preview_get_texture (self->preview, page);
  if (texture != NULL)
    gtk_picture_set_paintable (picture, GDK_PAINTABLE (texture));
  else
    {
      /* A blank page of the right shape until poppler has drawn it. */
      g_autoptr(GdkPaintable) blank = NULL;

      custody_report_preview_get_page_size (self->preview, &width, &height);
      blank = gdk_paintable_new_empty ((int) width, (int) height);
      gtk_picture_set_paintable (picture, blank);
    }

  /* Translators: the accessible name of a page of a report's preview */
  name = g_strdup_printf (_("Page %u of %u"), page + 1,
                          custody_report_preview_get_n_pages (self->preview));
  gtk_picture_set_alternative_text (picture, name);

  size_picture (self, GTK_WIDGET (picture));
  g_hash_table_insert (self->bound, GUINT_TO_POINTER (page), picture);
  schedule_visible_update (self);
}

static void
on_page_unbind_cb (GtkListItemFactory *factory,
                   GtkListItem        *item,
                   CustodyReportsPage *self)
{
  guint page = gtk_list_item_get_position (item);

  if (g_hash_table_lookup (self->bound, GUINT_TO_POINTER (page)) == gtk_list_item_get_child (item))
    g_hash_table_remove (self->bound, GUINT_TO_POINTER (page));
}

static void
on_page_rendered_cb (CustodyReportPreview *preview,
                     guint                 page,
                     CustodyReportsPage   *self)
{
  GtkPicture *picture = g_hash_table_lookup (self->bound, GUINT_TO_POINTER (page));
  GdkTexture *texture = custody_report_preview_get_texture (preview, page);

  if (picture != NULL && texture != NULL)
    gtk_picture_set_paintable (picture, GDK_PAINTABLE (texture));
}

/*
 * Callbacks
 */

static void
generate_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(CustodyReportsPage) self = user_data;
  Generation *g = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *subtitle = NULL;
  char date[32];

  if (g_task_get_cancellable (G_TASK (result)) != self->working)
    return;
  set_working (self, NULL);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          show_pages (self);
          return;
        }
      adw_status_page_set_description (self->error_status, error->message);
      gtk_stack_set_visible_child_name (self->preview_stack, "error");
      keep_focus (self, self->generate_button);
      return;
    }

  forget_report (self);
  self->pdf_path = g_steal_pointer (&g->out_path);
  self->shown_kind = g->kind;
  self->shown_from = g->from;
  self->shown_to = g->to;
  self->shown_paper = g->paper;
  self->preview = custody_report_preview_new (self->pdf_path, g->n_pages, g->page_width,
                                              g->page_height);
  g_signal_connect_object (self->preview, "page-rendered", G_CALLBACK (on_page_rendered_cb), self,
                           0);

  for (guint i = 0; i < g->n_pages; i++)
    {
      g_snprintf (date, sizeof date, "%u", i + 1);
      gtk_string_list_append (self->page_numbers, date);
    }

  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %u page", "%s, %u pages",
                                           g->n_pages),
                              custody_report_kind_get_title (g->kind), g->n_pages);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_label_set_label (self->preview_label, subtitle);
  gtk_stack_set_visible_child_name (self->preview_stack, "pages");
  update_actions (self);
  keep_focus (self, GTK_WIDGET (self->pages_view));
}

static void
start_generation (CustodyReportsPage  *self,
                  CustodyReportKind    kind,
                  gint64               from,
                  gint64               to,
                  CustodyReportPaper   paper,
                  gboolean             for_printing,
                  GAsyncReadyCallback  callback)
{
  CustodySession *session = custody_page_get_session (CUSTODY_PAGE (self));
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GTask) task = NULL;
  g_autofree char *title = NULL;
  Generation *g;

  if (session == NULL)
    return;

  g = g_new0 (Generation, 1);
  g->db_path = g_strdup (custody_session_get_db_path (session));
  g->kind = kind;
  g->from = from;
  g->to = to;
  g->paper = paper;
  g->author = g_strdup (g_get_real_name ());
  g->progress = progress_new (self, cancellable);

  if (!for_printing)
    {
      g_autoptr(GError) error = NULL;
      int fd = g_file_open_tmp ("custody-report-XXXXXX.pdf", &g->out_path, &error);

      if (fd < 0)
        {
          generation_free (g);
          toast (self, error->message);
          return;
        }
      g_close (fd, NULL);
    }

  self->for_printing = for_printing;
  set_working (self, cancellable);

  title = g_strdup_printf (for_printing ? _("Preparing the %s for Printing")
                           : _("Generating the %s"),
                           custody_report_kind_get_title (kind));
  adw_status_page_set_title (self->busy_status, title);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_progress_bar_set_text (self->progress_bar, "0%");
  gtk_stack_set_visible_child_name (self->preview_stack, "busy");
  adw_leaflet_set_visible_child (self->leaflet, self->preview_pane);
  keep_focus (self, self->cancel_button);

  task = g_task_new (self, cancellable, callback, g_object_ref (self));
  g_task_set_source_tag (task, start_generation);
  g_task_set_task_data (task, g, generation_free);
  g_task_run_in_thread (task, generate_worker);
}

static void
on_kind_toggled_cb (CustodyReportsPage *self,
                    GtkCheckButton     *check)
{
  CustodyReportKind kind;

  if (!gtk_check_button_get_active (check))
    return;

  if (check == self->audit_check)
    kind = CUSTODY_REPORT_AUDIT;
  else if (check == self->media_check)
    kind = CUSTODY_REPORT_MEDIA;
  else if (check == self->summary_check)
    kind = CUSTODY_REPORT_SUMMARY;
  else
    kind = CUSTODY_REPORT_COMPLIANCE;

  if (self->kind == kind)
    return;
  self->kind = kind;

  /* The report on screen is of the old kind: it goes, and so does one
   * being made for the preview. Printing goes on with its own pages. */
  if (self->working != NULL && !self->for_printing)
    {
      g_cancellable_cancel (self->working);
      set_working (self, NULL);
    }
  if (self->working == NULL)
    {
      forget_report (self);
      show_pages (self);
      update_actions (self);
    }

  /* Each report's usual period: a month of audit, a year of trends. */
  adw_combo_row_set_selected (self->period_row, kind == CUSTODY_REPORT_SUMMARY ? 3 : 1);
  update_options (self);
}

static void
on_options_changed_cb (CustodyReportsPage *self)
{
  update_options (self);
}

/* The report's moment is the window's: every view shows it. */
static void
set_window_moment (CustodyReportsPage *self)
{
  CustodySession *session = custody_page_get_session (CUSTODY_PAGE (self));

  if (session != NULL)
    custody_session_set_as_of (session, self->as_of);
}

static void
on_session_as_of_cb (CustodyReportsPage *self,
                     GParamSpec         *pspec,
                     CustodySession     *session)
{
  self->as_of = custody_session_get_as_of (session);
  update_options (self);
}

static void
on_as_of_popover_show_cb (CustodyReportsPage *self)
{
  g_autoptr(GDateTime) day = self->as_of != CUSTODY_TIME_NONE
                             ? g_date_time_new_from_unix_local (self->as_of)
                             : g_date_time_new_now_local ();

  gtk_calendar_select_day (self->calendar, day);
  gtk_widget_grab_focus (GTK_WIDGET (self->calendar));
}

static void
on_day_selected_cb (CustodyReportsPage *self)
{
  g_autoptr(GDateTime) day = gtk_calendar_get_date (self->calendar);
  g_autoptr(GDateTime) end = NULL;
  gint64 at;

  if (!gtk_widget_get_visible (GTK_WIDGET (self->as_of_popover)))
    return;

  /* The end of the chosen day, or now for today and later. */
  end = g_date_time_new_local (g_date_time_get_year (day), g_date_time_get_month (day),
                               g_date_time_get_day_of_month (day), 23, 59, 59);
  at = end != NULL ? g_date_time_to_unix (end) : CUSTODY_TIME_NONE;
  self->as_of = at == CUSTODY_TIME_NONE || at >= custody_time_now () ? CUSTODY_TIME_NONE : at;
  update_options (self);
  gtk_popover_popdown (self->as_of_popover);
  set_window_moment (self);
}

/*
 * Saving
 */

typedef struct
{
  char *source;
  char *target;
  char *store_path;
} SaveData;

static void
save_data_free (gpointer data)
{
  SaveData *d = data;

  g_free (d->source);
  g_free (d->target);
  g_free (d->store_path);
  g_free (d);
}

/* A copy of the generated PDF, through the one output writer: never over
 * the store, whole or not at all. */
static void
save_worker (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SaveData *d = task_data;
  g_autoptr(GFile) source = g_file_new_for_path (d->source);
  g_autoptr(GFileInputStream) input = NULL;
  g_autoptr(CustodyOutput) output = NULL;
  g_autoptr(GError) error = NULL;

  output = custody_output_new (d->target, d->store_path, &error);
  if (output != NULL)
    input = g_file_read (source, cancellable, &error);
  if (input == NULL ||
      g_output_stream_splice (custody_output_get_stream (output), G_INPUT_STREAM (input),
                              G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE, cancellable, &error) < 0 ||
      !custody_output_commit (output, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
open_saved_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(CustodyReportsPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *text = g_strdup_printf (_("Cannot open the report: %s"), error->message);
      toast (self, text);
    }
}

/* The saved file, in the app the user has for PDFs: through the
 * OpenURI portal in a Flatpak, as GLib does by itself there. */
static void
on_saved_toast_open_cb (AdwToast           *saved,
                        CustodyReportsPage *self)
{
  const char *path = g_object_get_data (G_OBJECT (saved), "custody-saved-path");
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  g_autoptr(GdkAppLaunchContext) context = NULL;

  if (uri == NULL)
    return;
  context = gdk_display_get_app_launch_context (gtk_widget_get_display (GTK_WIDGET (self)));
  g_app_info_launch_default_for_uri_async (uri, G_APP_LAUNCH_CONTEXT (context),
                                           custody_page_get_cancellable (CUSTODY_PAGE (self)),
                                           open_saved_cb, g_object_ref (self));
}

static void
save_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(CustodyReportsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  SaveData *d = g_task_get_task_data (G_TASK (result));
  g_autofree char *name = g_path_get_basename (d->target);
  AdwToast *saved;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      AdwToast *failed;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      text = g_strdup_printf (_("Cannot save the report: %s"), error->message);
      failed = adw_toast_new (text);
      /* It stays until read: the user must know nothing was saved. */
      adw_toast_set_timeout (failed, 0);
      custody_page_toast (CUSTODY_PAGE (self), failed);
      return;
    }

  text = g_strdup_printf (_("Saved “%s”"), name);
  saved = adw_toast_new (text);
  adw_toast_set_button_label (saved, _("_Open"));
  g_object_set_data_full (G_OBJECT (saved), "custody-saved-path", g_strdup (d->target), g_free);
  g_signal_connect_object (saved, "button-clicked", G_CALLBACK (on_saved_toast_open_cb), self, 0);
  custody_page_toast (CUSTODY_PAGE (self), saved);
}

/**
 * custody_reports_page_save_to:
 * @file: where the shown report goes
 *
 * Saves the shown report (a copy of the generated PDF, in the
 * background); a toast says when it is done, or why it was not (a file
 * that is the store, a link, a folder).
 */
void
custody_reports_page_save_to (CustodyReportsPage *self,
                              GFile              *file)
{
  g_autoptr(GTask) task = NULL;
  CustodySession *session;
  SaveData *d;

  g_return_if_fail (CUSTODY_IS_REPORTS_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->pdf_path == NULL)
    return;

  d = g_new0 (SaveData, 1);
  d->source = g_strdup (self->pdf_path);
  d->target = g_file_get_path (file);
  session = custody_page_get_session (CUSTODY_PAGE (self));
  if (session != NULL)
    d->store_path = g_strdup (custody_session_get_db_path (session));

  task = g_task_new (NULL, custody_page_get_cancellable (CUSTODY_PAGE (self)), save_cb,
                     g_object_ref (self));
  g_task_set_source_tag (task, custody_reports_page_save_to);
  g_task_set_task_data (task, d, save_data_free);
  if (d->target == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("only files on this computer can be saved to"));
      return;
    }
  g_task_run_in_thread (task, save_worker);
}

static void
on_save_response_cb (GtkNativeDialog    *chooser,
                     int                 response,
                     CustodyReportsPage *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      custody_reports_page_save_to (self, file);
    }
  g_object_unref (chooser);
}

static char *
suggested_name (CustodyReportsPage *self)
{
  g_autofree char *date = custody_time_format_date (self->shown_to);

  /* Translators: the file name a report is saved under: "Audit Report 2026-11-25.pdf" */
  return g_strdup_printf (_("%s %s.pdf"), custody_report_kind_get_title (self->shown_kind), date);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CustodyReportsPage *self = CUSTODY_REPORTS_PAGE (widget);
  GtkNative *native = gtk_widget_get_native (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = suggested_name (self);
  GtkFileChooserNative *chooser;

  if (self->pdf_path == NULL)
    return;

  /* A native chooser: in a Flatpak the portal's, with no file system
   * access of our own needed. */
  chooser = gtk_file_chooser_native_new (_("Save the Report"),
                                         GTK_IS_WINDOW (native) ? GTK_WINDOW (native) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_suffix (filter, "pdf");
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_save_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/*
 * Printing
 */

static void
on_begin_print_cb (GtkPrintOperation  *operation,
                   GtkPrintContext    *context,
                   CustodyReportsPage *self)
{
  gtk_print_operation_set_n_pages (operation, self->print_pages->len);
}

/* Replays the page the report's layout drew, fitted to the paper. */
static void
on_draw_page_cb (GtkPrintOperation  *operation,
                 GtkPrintContext    *context,
                 int                 page,
                 CustodyReportsPage *self)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double width = gtk_print_context_get_width (context);
  double height = gtk_print_context_get_height (context);
  double scale = MIN (width / self->print_width, height / self->print_height);

  if (page < 0 || (guint) page >= self->print_pages->len)
    return;

  cairo_save (cr);
  cairo_scale (cr, scale, scale);
  cairo_set_source_surface (cr, g_ptr_array_index (self->print_pages, page), 0, 0);
  cairo_paint (cr);
  cairo_restore (cr);
}

static void
on_print_done_cb (GtkPrintOperation       *operation,
                  GtkPrintOperationResult  result,
                  CustodyReportsPage      *self)
{
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->print_pages, g_ptr_array_unref);
  show_pages (self);

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autofree char *text = NULL;

      gtk_print_operation_get_error (operation, &error);
      text = g_strdup_printf (_("Cannot print the report: %s"),
                              error != NULL ? error->message : "");
      toast (self, text);
    }
  g_signal_emit (self, signals[PRINTED], 0, result == GTK_PRINT_OPERATION_RESULT_APPLY);
  g_object_unref (operation);
}

static void
run_print_operation (CustodyReportsPage *self)
{
  GtkPrintOperation *operation = gtk_print_operation_new ();
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) paper =
    gtk_paper_size_new (self->shown_paper == CUSTODY_REPORT_PAPER_LETTER
                        ? GTK_PAPER_NAME_LETTER : GTK_PAPER_NAME_A4);
  g_autofree char *title = suggested_name (self);
  GtkNative *native = gtk_widget_get_native (GTK_WIDGET (self));
  GtkPrintOperationAction action = GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG;
  g_autoptr(GError) error = NULL;

  gtk_page_setup_set_paper_size (setup, paper);
  gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_PORTRAIT);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_job_name (operation, title);
  gtk_print_operation_set_allow_async (operation, TRUE);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  g_signal_connect (operation, "begin-print", G_CALLBACK (on_begin_print_cb), self);
  g_signal_connect (operation, "draw-page", G_CALLBACK (on_draw_page_cb), self);
  g_signal_connect (operation, "done", G_CALLBACK (on_print_done_cb), self);

  if (self->print_export != NULL)
    {
      gtk_print_operation_set_export_filename (operation, self->print_export);
      action = GTK_PRINT_OPERATION_ACTION_EXPORT;
    }

  gtk_print_operation_run (operation, action, GTK_IS_WINDOW (native) ? GTK_WINDOW (native) : NULL,
                           &error);
  if (error != NULL)
    g_debug ("Printing did not start: %s", error->message);
}

static void
prepare_print_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(CustodyReportsPage) self = user_data;
  Generation *g = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (g_task_get_cancellable (G_TASK (result)) != self->working)
    return;
  set_working (self, NULL);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      show_pages (self);
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *text = g_strdup_printf (_("Cannot print the report: %s"),
                                                   error->message);
          toast (self, text);
        }
      return;
    }

  self->print_pages = g_steal_pointer (&g->pages);
  self->print_width = g->page_width;
  self->print_height = g->page_height;
  run_print_operation (self);
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  CustodyReportsPage *self = CUSTODY_REPORTS_PAGE (widget);
  guint n_pages;

  if (self->preview == NULL || self->working != NULL)
    return;

  n_pages = custody_report_preview_get_n_pages (self->preview);
  if (n_pages > MAX_PRINT_PAGES)
    {
      g_autofree char *text = g_strdup_printf (_("%u pages are too many to print from here: "
                                                 "save the report and print it from a PDF viewer, "
                                                 "or choose a shorter period"),
                                               n_pages);
      toast (self, text);
      return;
    }

  /* The same report, drawn again by its layout code for the printer. */
  start_generation (self, self->shown_kind, self->shown_from, self->shown_to, self->shown_paper,
                    TRUE, prepare_print_cb);
}

/*
 * Actions
 */

static void
generate_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  CustodyReportsPage *self = CUSTODY_REPORTS_PAGE (widget);
  gint64 from, to;

  if (self->working != NULL)
    return;
  chosen_period (self, &from, &to);
  start_generation (self, self->kind, from, to, chosen_paper (self), FALSE, generate_cb);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CustodyReportsPage *self = CUSTODY_REPORTS_PAGE (widget);

  if (self->working == NULL)
    return;
  g_cancellable_cancel (self->working);
  set_working (self, NULL);
  show_pages (self);
  keep_focus (self, self->preview != NULL ? GTK_WIDGET (self->pages_view) : self->generate_button);
}

static void
as_of_now_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CustodyReportsPage *self = CUSTODY_REPORTS_PAGE (widget);

  self->as_of = CUSTODY_TIME_NONE;
  update_options (self);
  gtk_popover_popdown (self->as_of_popover);
  set_window_moment (self);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CustodyReportsPage *self = CUSTODY_REPORTS_PAGE (widget);

  if (showing_preview_folded (self))
    adw_leaflet_set_visible_child (self->leaflet, self->options_pane);
  else
    gtk_widget_activate_action (widget, "win.show-sidebar", NULL);
}

static void
show_options_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CustodyReportsPage *self = CUSTODY_REPORTS_PAGE (widget);

  adw_leaflet_set_visible_child (self->leaflet, self->options_pane);
}

/*
 * CustodyPage
 */

static void
custody_reports_page_session_changed (CustodyPage *page)
{
  CustodyReportsPage *self = CUSTODY_REPORTS_PAGE (page);

  /* A report of another store is of no use any more. */
  if (self->working != NULL)
    g_cancellable_cancel (self->working);
  set_working (self, NULL);
  forget_report (self);
  show_pages (self);

  if (custody_page_get_session (page) != NULL)
    {
      CustodySession *session = custody_page_get_session (page);

      g_signal_connect_object (session, "notify::as-of", G_CALLBACK (on_session_as_of_cb), self,
                               G_CONNECT_SWAPPED);
      on_session_as_of_cb (self, NULL, session);
    }
}

/*
 * GObject
 */

static void
custody_reports_page_dispose (GObject *object)
{
  CustodyReportsPage *self = CUSTODY_REPORTS_PAGE (object);

  if (self->working != NULL)
    g_cancellable_cancel (self->working);
  g_clear_object (&self->working);
  g_clear_handle_id (&self->visible_source, g_source_remove);
  if (self->bound != NULL)
    forget_report (self);
  g_clear_pointer (&self->print_pages, g_ptr_array_unref);

  /* The template made the bin's child: the bin lets go of it first. */
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), CUSTODY_TYPE_REPORTS_PAGE);

  G_OBJECT_CLASS (custody_reports_page_parent_class)->dispose (object);
}

static void
custody_reports_page_finalize (GObject *object)
{
  CustodyReportsPage *self = CUSTODY_REPORTS_PAGE (object);

  g_clear_pointer (&self->bound, g_hash_table_unref);
  g_clear_pointer (&self->requested, g_hash_table_unref);
  g_clear_object (&self->page_numbers);
  g_free (self->print_export);

  G_OBJECT_CLASS (custody_reports_page_parent_class)->finalize (object);
}

static void
custody_reports_page_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  CustodyReportsPage *self = CUSTODY_REPORTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, self->working != NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
custody_reports_page_class_init (CustodyReportsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  CustodyPageClass *page_class = CUSTODY_PAGE_CLASS (klass);

  object_class->dispose = custody_reports_page_dispose;
  object_class->finalize = custody_reports_page_finalize;
  object_class->get_property = custody_reports_page_get_property;
  page_class->help_section = "reports";
  page_class->session_changed = custody_reports_page_session_changed;

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Emitted when a print operation ends, with whether it printed. */
  signals[PRINTED] = g_signal_new ("printed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/custody/Custody/ui/"
                                               "custody-reports-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CustodyReportsPage, window_title);
  gtk_widget_class_bind_template_child (widget_class, CustodyReportsPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, CustodyReportsPage, options_pane);
  gtk_widget_class_bind_template_child (widget_class, CustodyReportsPage, preview_pane);
  gtk_widget_class_bind_template_child (widget_class, CustodyReportsPage, compliance_row);
  gtk_widget_class_bind_template_child (widget_class, CustodyReportsPage, audit_row);
  gtk_widget_class_bind_template_child (widget_class, CustodyReportsPage, media_row);
  gtk_widget_class_bind_template_child (widget_class, CustodyReportsPage, summary_row);
  gtk_widget_class_bind_template_child (widget_class, CustodyReportsPage, compliance_check);
  gtk_widget_class_bind_template_child (widget_class, CustodyReportsPage, audit_check);
  gtk_widget_class_bind_template_child (widget_class, CustodyReportsPage, media_check);
  gtk_widget_class_bind_template_child (widget_class, CustodyReportsPage, summary_check);
  gtk_widget_class_bind_template_child (widget_class, CustodyReportsPage, period_row);
  gtk_widget_class_bind_template_child (widget_class, CustodyReportsPage, as_of_row);
  gtk_widget_class_bind_template_child (widget_class, CustodyReportsPage, as_of_button);
  gtk_widget_class_bind_template_child (widget_class, CustodyReportsPage, as_of_popover);
  gtk_widget_class_bind_template_child (widget_class, CustodyReportsPage, calendar);
  gtk_widget_class_bind_template_child (widget_class, CustodyReportsPage, paper_row);
  gtk_widget_class_bind_template_child (widget_class, CustodyReportsPage, preview_label);
  gtk_widget_class_bind_template_child (widget_class, CustodyReportsPage, preview_stack);
  gtk_widget_class_bind_template_child (widget_class, CustodyReportsPage, busy_status);
  gtk_widget_class_bind_template_child (widget_class, CustodyReportsPage, error_status);
  gtk_widget_class_bind_template_child (widget_class, CustodyReportsPage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, CustodyReportsPage, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, CustodyReportsPage, generate_button);
  gtk_widget_class_bind_template_child (widget_class, CustodyReportsPage, back_button);
  gtk_widget_class_bind_template_child (widget_class, CustodyReportsPage, pages_view);
  gtk_widget_class_bind_template_callback (widget_class, on_kind_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_options_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_as_of_popover_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_day_selected_cb);

  gtk_widget_class_install_action (widget_class, "reports.generate", NULL, generate_action);
  gtk_widget_class_install_action (widget_class, "reports.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "reports.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "reports.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "reports.as-of-now", NULL, as_of_now_action);
  gtk_widget_class_install_action (widget_class, "reports.show-options", NULL, show_options_action);
  gtk_widget_class_install_action (widget_class, "reports.back", NULL, back_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "reports.save",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "reports.print",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "reports.generate", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "reports.cancel", NULL);
}

static void
custody_reports_page_init (CustodyReportsPage *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkNoSelection) selection = NULL;
  AdwActionRow *rows[CUSTODY_N_REPORT_KINDS];

  gtk_widget_init_template (GTK_WIDGET (self));

  self->kind = CUSTODY_REPORT_COMPLIANCE;
  self->as_of = CUSTODY_TIME_NONE;
  self->bound = g_hash_table_new (NULL, NULL);
  self->requested = g_hash_table_new (NULL, NULL);
  self->page_numbers = gtk_string_list_new (NULL);

  rows[CUSTODY_REPORT_COMPLIANCE] = self->compliance_row;
  rows[CUSTODY_REPORT_AUDIT] = self->audit_row;
  rows[CUSTODY_REPORT_MEDIA] = self->media_row;
  rows[CUSTODY_REPORT_SUMMARY] = self->summary_row;
  for (guint kind = 0; kind < CUSTODY_N_REPORT_KINDS; kind++)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (rows[kind]),
                                     custody_report_kind_get_title (kind));
      adw_action_row_set_subtitle (rows[kind], custody_report_kind_get_description (kind));
    }
  gtk_check_button_set_active (self->compliance_check, TRUE);
  adw_combo_row_set_selected (self->period_row, 1);
  adw_combo_row_set_selected (self->paper_row,
                              custody_report_paper_for_locale () == CUSTODY_REPORT_PAPER_LETTER
                              ? 1 : 0);

  g_signal_connect (factory, "setup", G_CALLBACK (on_page_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (on_page_bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (on_page_unbind_cb), self);
  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->page_numbers)));
  gtk_list_view_set_factory (self->pages_view, factory);
  gtk_list_view_set_model (self->pages_view, GTK_SELECTION_MODEL (selection));
  g_signal_connect_object (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->pages_view)),
                           "changed",
                           G_CALLBACK (schedule_visible_update), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->pages_view)),
                           "value-changed",
                           G_CALLBACK (schedule_visible_update), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (self->leaflet, "notify::folded", G_CALLBACK (update_back_button), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->leaflet, "notify::visible-child", G_CALLBACK (update_back_button),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "notify::folded", G_CALLBACK (update_back_button), NULL);

  update_options (self);
  update_actions (self);
  update_back_button (self);
}

/*
 * Public API
 */

/* Chooses a report, as a click on its row does. */
void
custody_reports_page_set_kind (CustodyReportsPage *self,
                               CustodyReportKind   kind)
{
  GtkCheckButton *checks[] = {
    self->compliance_check, self->audit_check, self->media_check, self->summary_check,
  };

  g_return_if_fail (CUSTODY_IS_REPORTS_PAGE (self));
  g_return_if_fail (kind < CUSTODY_N_REPORT_KINDS);

  gtk_check_button_set_active (checks[kind], TRUE);
}

/* The report shown, or NULL. */
CustodyReportPreview *
custody_reports_page_get_preview (CustodyReportsPage *self)
{
  g_return_val_if_fail (CUSTODY_IS_REPORTS_PAGE (self), NULL);

  return self->preview;
}

gboolean
custody_reports_page_get_busy (CustodyReportsPage *self)
{
  g_return_val_if_fail (CUSTODY_IS_REPORTS_PAGE (self), FALSE);

  return self->working != NULL;
}

/**
 * custody_reports_page_set_print_export:
 * @path: (nullable): print into this PDF file without a dialog, or %NULL
 *   for the print dialog
 *
 * What GtkPrintOperation's export does; for scripted runs and tests.
 */
void
custody_reports_page_set_print_export (CustodyReportsPage *self,
                                       const char         *path)
{
  g_return_if_fail (CUSTODY_IS_REPORTS_PAGE (self));

  g_free (self->print_export);
  self->print_export = g_strdup (path);
}
