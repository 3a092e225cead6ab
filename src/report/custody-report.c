/* custody-report.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custody-report"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <langinfo.h>

#include "custody-report-private.h"
#include "custody-time.h"

#define DAY (24 * 3600)

struct _CustodyReport
{
  GObject                    parent_instance;

  CustodyReportKind          kind;
  gint64                     from;
  gint64                     to;
  gint64                     generated_at;
  CustodyReportPaper         paper;
  char                      *author;
  CustodyReportProgressFunc  progress;
  gpointer                   progress_data;

  /* Of the last run */
  gint64                     last_generated_at;
  guint                      n_pages;
  guint                      unknown_glyphs;
  double                     page_width;
  double                     page_height;
};

G_DEFINE_FINAL_TYPE (CustodyReport, custody_report, G_TYPE_OBJECT)
G_DEFINE_QUARK (custody-report-error-quark, custody_report_error)

static const struct
{
  const char               *key;
  const char               *title;
  const char               *description;
  gboolean                  has_period;
  gint64                    default_span;
  double                    prepare_share;   /* of the progress */
  CustodyReportPrepareFunc  prepare;
  CustodyReportBuildFunc    build;
} kinds[CUSTODY_N_REPORT_KINDS] = {
  [CUSTODY_REPORT_COMPLIANCE] = {
    "compliance", N_("Compliance Report"),
    N_("Every job against the 3-2-1-1-0 rule at one moment, "
       "with the copies and reasons behind each verdict"),
    FALSE, 0, 0.1, custody_report_compliance_prepare, custody_report_compliance_build },
  [CUSTODY_REPORT_AUDIT] = {
    "audit", N_("Audit Report"),
    N_("What happened in a period: runs, verifications, alerts, acknowledgements, media movements "
       "and the audit trail"),
    TRUE, 30 * DAY, 0.1, custody_report_audit_prepare, custody_report_audit_build },
  [CUSTODY_REPORT_MEDIA] = {
    "media", N_("Media and Vault Report"),
    N_("Volumes by location and pool, and the desk's lists for the day"),
    FALSE, 0, 0.05, custody_report_media_prepare, custody_report_media_build },
  [CUSTODY_REPORT_SUMMARY] = {
    "summary", N_("Executive Summary"),
    N_("Key figures and trends: compliance, backup success and stored data over a period"),
    TRUE, 365 * DAY, 0.8, custody_report_summary_prepare, custody_report_summary_build },
};

/*
 * Kinds and paper
 */

const char *
custody_report_kind_to_string (CustodyReportKind kind)
{
  g_return_val_if_fail (kind < CUSTODY_N_REPORT_KINDS, NULL);

  return kinds[kind].key;
}

gboolean
custody_report_kind_from_string (const char        *str,
                                 CustodyReportKind *out)
{
  for (guint i = 0; i < CUSTODY_N_REPORT_KINDS; i++)
    if (g_strcmp0 (str, kinds[i].key) == 0)
      {
        *out = i;
        return TRUE;
      }
  return FALSE;
}

const char *
custody_report_kind_get_title (CustodyReportKind kind)
{
  g_return_val_if_fail (kind < CUSTODY_N_REPORT_KINDS, NULL);

  return g_dgettext (GETTEXT_PACKAGE, kinds[kind].title);
}

const char *
custody_report_kind_get_description (CustodyReportKind kind)
{
  g_return_val_if_fail (kind < CUSTODY_N_REPORT_KINDS, NULL);

  return g_dgettext (GETTEXT_PACKAGE, kinds[kind].description);
}

/* Whether the report covers a period (else it shows one moment). */
gboolean
custody_report_kind_has_period (CustodyReportKind kind)
{
  g_return_val_if_fail (kind < CUSTODY_N_REPORT_KINDS, FALSE);

  return kinds[kind].has_period;
}

/* The length of the period when none is given, in seconds. */
gint64
custody_report_kind_default_span (CustodyReportKind kind)
{
  g_return_val_if_fail (kind < CUSTODY_N_REPORT_KINDS, 0);

  return kinds[kind].default_span;
}

/* Letter where the locale's paper is 8.5 inches wide (the Americas), else A4. */
CustodyReportPaper
custody_report_paper_for_locale (void)
{
#ifdef _NL_PAPER_WIDTH
  union { char *string; gintptr number; } width;

  width.string = nl_langinfo (_NL_PAPER_WIDTH);
  if (width.number == 216)
    return CUSTODY_REPORT_PAPER_LETTER;
#endif
  return CUSTODY_REPORT_PAPER_A4;
}

const char *
custody_report_paper_to_string (CustodyReportPaper paper)
{
  return paper == CUSTODY_REPORT_PAPER_LETTER ? "letter" : "a4";
}

gboolean
custody_report_paper_from_string (const char         *str,
                                  CustodyReportPaper *out)
{
  if (g_ascii_strcasecmp (str, "a4") == 0)
    *out = CUSTODY_REPORT_PAPER_A4;
  else if (g_ascii_strcasecmp (str, "letter") == 0)
    *out = CUSTODY_REPORT_PAPER_LETTER;
  else
    return FALSE;
  return TRUE;
}

/*
 * Running a report
 */

/* The language the report's text is in, for Pango: "ja_JP", or "en". */
static char *
text_language (void)
{
  const char * const *names = g_get_language_names ();

  for (guint i = 0; names[i] != NULL; i++)
    {
      if (g_str_equal (names[i], "C") || g_str_equal (names[i], "POSIX"))
        break;
      if (strchr (names[i], '.') == NULL && strchr (names[i], '@') == NULL)
        return g_strdup (names[i]);
    }
  return g_strdup ("en");
}

static char *
time_zone_text (gint64 at)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_local ();
  g_autoptr(GDateTime) moment = g_date_time_new_from_unix_local (at);
  g_autofree char *offset = moment != NULL ? g_date_time_format (moment, "%:z")
                            : g_strdup ("+00:00");
  const char *id = g_time_zone_get_identifier (zone);

  /* Translators: the time zone of a report's times, e.g. "UTC+09:00 (Asia/Tokyo)" */
  return g_strdup_printf (_("Times are local: UTC%s (%s)"), offset, id);
}

void
custody_report_title_block (CustodyReportLayout  *layout,
                            CustodyReportContext *ctx)
{
  char a[CUSTODY_REPORT_BUF], b[CUSTODY_REPORT_BUF], c[CUSTODY_REPORT_BUF];
  g_autofree char *when = NULL;
  g_autofree char *store = NULL;
  g_autofree char *generated = NULL;
  g_autofree char *zone = time_zone_text (ctx->to);
  const char *lines[5];

  if (ctx->from != CUSTODY_TIME_NONE)
    when = g_strdup_printf (_("Period: %s to %s"), custody_report_time (ctx->from, a),
                            custody_report_time (ctx->to, b));
  else
    when = g_strdup_printf (_("As of %s"), custody_report_time (ctx->to, a));
  store = g_strdup_printf (_("Store: %s"), custody_store_get_path (ctx->store));
  generated = g_strdup_printf (_("Generated %s by %s with Custody %s"),
                               custody_report_time (ctx->generated_at, c), ctx->author,
                               PACKAGE_VERSION);

  lines[0] = when;
  lines[1] = store;
  lines[2] = generated;
  lines[3] = zone;
  lines[4] = NULL;
  custody_report_layout_title_block (layout, custody_report_kind_get_title (ctx->kind), lines);
}

void
custody_report_context_progress (CustodyReportContext *ctx,
                                 double                fraction)
{
  CustodyReport *self = ctx->report;

  if (self->progress != NULL)
    self->progress (kinds[self->kind].prepare_share * CLAMP (fraction, 0, 1), self->progress_data);
}

static void
layout_progress_cb (double   fraction,
                    gpointer user_data)
{
  CustodyReport *self = user_data;
  double share = kinds[self->kind].prepare_share;

  if (self->progress != NULL)
    self->progress (share + (1 - share) * fraction, self->progress_data);
}

static CustodyReportLayout *
make_layout (CustodyReport        *self,
             CustodyReportContext *ctx,
             GCancellable         *cancellable)
{
  CustodyReportLayout *layout = custody_report_layout_new (self->paper);
  g_autofree char *language = text_language ();
  g_autofree char *period = NULL;
  g_autofree char *footer = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *keywords = NULL;
  const char *title = custody_report_kind_get_title (self->kind);
  char a[CUSTODY_REPORT_BUF];

  if (ctx->from != CUSTODY_TIME_NONE)
    period = custody_report_period (ctx->from, ctx->to);
  else
    period = g_strdup_printf (_("As of %s"), custody_report_time (ctx->to, a));
  footer = g_strdup_printf (_("Generated %s by %s"), custody_report_time (ctx->generated_at, a),
                            ctx->author);
  /* Translators: a report PDF's subject: "Audit Report, 2026-10-26 09:00 – 2026-11-25 09:00" */
  subject = g_strdup_printf (C_("report subject", "%s, %s"), title, period);
  keywords = g_strdup_printf ("Custody, 3-2-1-1-0, %s", kinds[self->kind].key);

  custody_report_layout_set_language (layout, language);
  custody_report_layout_set_header (layout, title, period, footer);
  custody_report_layout_set_metadata (layout, ctx->author, subject, keywords, ctx->generated_at);
  custody_report_layout_set_progress_func (layout, layout_progress_cb, self);
  custody_report_layout_set_cancellable (layout, cancellable);

  return layout;
}

static gboolean
run (CustodyReport  *self,
     CustodyStore   *store,
     GOutputStream  *output,
     GPtrArray     **pages,
     GCancellable   *cancellable,
     GError        **error)
{
  g_autoptr(CustodyReportLayout) layout = NULL;
  CustodyReportContext ctx = { 0, };
  gint64 started = g_get_monotonic_time ();
  gboolean ok;

  ctx.report = self;
  ctx.store = store;
  ctx.cancellable = cancellable;
  ctx.kind = self->kind;
  ctx.to = self->to != CUSTODY_TIME_NONE ? self->to : custody_store_get_clock (store);
  ctx.from = CUSTODY_TIME_NONE;
  if (kinds[self->kind].has_period)
    ctx.from = self->from != CUSTODY_TIME_NONE ? self->from
               : ctx.to - kinds[self->kind].default_span;
  ctx.generated_at = self->generated_at != CUSTODY_TIME_NONE ? self->generated_at
                     : custody_time_now ();
  self->last_generated_at = ctx.generated_at;
  ctx.author = self->author != NULL ? self->author : g_get_real_name ();
  if (ctx.author == NULL || ctx.author[0] == '\0' || g_str_equal (ctx.author, "Unknown"))
    ctx.author = g_get_user_name ();

  if (ctx.from != CUSTODY_TIME_NONE && ctx.from >= ctx.to)
    {
      char a[CUSTODY_REPORT_BUF], b[CUSTODY_REPORT_BUF];

      g_set_error (error, CUSTODY_REPORT_ERROR, CUSTODY_REPORT_ERROR_INVALID,
                   _("the period starts (%s) after it ends (%s)"),
                   custody_report_time (ctx.from, a), custody_report_time (ctx.to, b));
      return FALSE;
    }

  layout = make_layout (self, &ctx, cancellable);

  if (!custody_store_begin_read (store, error))
    return FALSE;

  if (self->kind == CUSTODY_REPORT_MEDIA)
    ctx.desk = custody_store_get_desk_at (store, ctx.to, error);

  ok = (self->kind != CUSTODY_REPORT_MEDIA || ctx.desk != NULL) &&
       kinds[self->kind].prepare (&ctx, error);
  g_debug ("Prepared the %s report in %.3f s", kinds[self->kind].key,
           (g_get_monotonic_time () - started) / 1e6);
  if (ok && output != NULL)
    ok = custody_report_layout_write_pdf (layout, output, kinds[self->kind].build, &ctx, error);
  else if (ok)
    {
      *pages = custody_report_layout_record (layout, kinds[self->kind].build, &ctx, error);
      ok = *pages != NULL;
    }

  custody_store_end_read (store);
  if (ctx.data_free != NULL)
    ctx.data_free (ctx.data);
  g_clear_pointer (&ctx.desk, custody_desk_unref);

  self->n_pages = custody_report_layout_get_n_pages (layout);
  self->unknown_glyphs = custody_report_layout_get_unknown_glyphs (layout);
  custody_report_layout_get_page_size (layout, &self->page_width, &self->page_height);

  return ok;
}

/*
 * GObject
 */

static void
custody_report_finalize (GObject *object)
{
  CustodyReport *self = (CustodyReport *) object;

  g_free (self->author);

  G_OBJECT_CLASS (custody_report_parent_class)->finalize (object);
}

static void
custody_report_class_init (CustodyReportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = custody_report_finalize;
}

static void
custody_report_init (CustodyReport *self)
{
  self->from = CUSTODY_TIME_NONE;
  self->to = CUSTODY_TIME_NONE;
  self->generated_at = CUSTODY_TIME_NONE;
  self->last_generated_at = CUSTODY_TIME_NONE;
  self->paper = custody_report_paper_for_locale ();
}

/*
 * Public API
 */

CustodyReport *
custody_report_new (CustodyReportKind kind)
{
  CustodyReport *self;

  g_return_val_if_fail (kind < CUSTODY_N_REPORT_KINDS, NULL);

  self = g_object_new (CUSTODY_TYPE_REPORT, NULL);
  self->kind = kind;
  return self;
}

/**
 * custody_report_set_period:
 * @from: the period's start, or %CUSTODY_TIME_NONE for the default span
 *   before @to; ignored by reports of a moment
 * @to: the period's end, or the moment; %CUSTODY_TIME_NONE for the store's
 *   clock
 */
void
custody_report_set_period (CustodyReport *self,
                           gint64         from,
                           gint64         to)
{
  g_return_if_fail (CUSTODY_IS_REPORT (self));

  self->from = from;
  self->to = to;
}

void
custody_report_set_paper (CustodyReport      *self,
                          CustodyReportPaper  paper)
{
  g_return_if_fail (CUSTODY_IS_REPORT (self));

  self->paper = paper;
}

/* Who the report says generated it; the user's name by default. */
void
custody_report_set_author (CustodyReport *self,
                           const char    *author)
{
  g_return_if_fail (CUSTODY_IS_REPORT (self));

  g_free (self->author);
  self->author = g_strdup (author);
}

/* When the report says it was generated; now by default. */
void
custody_report_set_generated_at (CustodyReport *self,
                                 gint64         at)
{
  g_return_if_fail (CUSTODY_IS_REPORT (self));

  self->generated_at = at;
}

/* When the last report was generated, or the time set for it. */
gint64
custody_report_get_generated_at (CustodyReport *self)
{
  g_return_val_if_fail (CUSTODY_IS_REPORT (self), CUSTODY_TIME_NONE);

  if (self->generated_at != CUSTODY_TIME_NONE)
    return self->generated_at;
  return self->last_generated_at;
}

/* @func is called in the thread that generates the report. */
void
custody_report_set_progress_func (CustodyReport             *self,
                                  CustodyReportProgressFunc  func,
                                  gpointer                   user_data)
{
  g_return_if_fail (CUSTODY_IS_REPORT (self));

  self->progress = func;
  self->progress_data = user_data;
}

/**
 * custody_report_write_pdf:
 * @store: a store this report may read alone: the report holds a read
 *   transaction on it while it runs (open a connection of its own)
 * @output: where the PDF goes; left open
 *
 * Generates the report. It reads the store twice, inside one read
 * transaction, and keeps no more than a page in memory.
 */
gboolean
custody_report_write_pdf (CustodyReport  *self,
                          CustodyStore   *store,
                          GOutputStream  *output,
                          GCancellable   *cancellable,
                          GError        **error)
{
  g_return_val_if_fail (CUSTODY_IS_REPORT (self), FALSE);
  g_return_val_if_fail (CUSTODY_IS_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (output), FALSE);

  return run (self, store, output, NULL, cancellable, error);
}

/**
 * custody_report_record_pages:
 *
 * Generates the report as one cairo recording surface per page, drawn by
 * the same code as the PDF, in points: what printing replays.
 *
 * Returns: (transfer full) (element-type cairo_surface_t): the pages
 */
GPtrArray *
custody_report_record_pages (CustodyReport  *self,
                             CustodyStore   *store,
                             GCancellable   *cancellable,
                             GError        **error)
{
  GPtrArray *pages = NULL;

  g_return_val_if_fail (CUSTODY_IS_REPORT (self), NULL);
  g_return_val_if_fail (CUSTODY_IS_STORE (store), NULL);

  if (!run (self, store, NULL, &pages, cancellable, error))
    return NULL;
  return pages;
}

/* The number of pages of the last report generated. */
guint
custody_report_get_n_pages (CustodyReport *self)
{
  g_return_val_if_fail (CUSTODY_IS_REPORT (self), 0);

  return self->n_pages;
}

/* Characters of the last report that no font could draw: 0 means no tofu. */
guint
custody_report_get_unknown_glyphs (CustodyReport *self)
{
  g_return_val_if_fail (CUSTODY_IS_REPORT (self), 0);

  return self->unknown_glyphs;
}

void
custody_report_get_page_size (CustodyReport *self,
                              double        *width,
                              double        *height)
{
  g_return_if_fail (CUSTODY_IS_REPORT (self));

  if (self->page_width == 0)
    {
      g_autoptr(CustodyReportLayout) layout = custody_report_layout_new (self->paper);
      custody_report_layout_get_page_size (layout, &self->page_width, &self->page_height);
    }
  *width = self->page_width;
  *height = self->page_height;
}
