/* test-report.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The four PDF reports, generated from a real store in a temporary folder
 * whose history is known to the minute, then read back with poppler as a
 * reader would: the pages, the metadata, the outline, "Page N of M" on
 * every page, and the headings, job names and figures in the text. The
 * Japanese reports run in a child process under a ja_JP.UTF-8 locale
 * generated into the build tree (Debian's `locales` package), with the
 * build tree's message catalogs.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <poppler.h>
#include <sqlite3.h>

#include "custody-formats-test-utils.h"
#include "custody-report-trend.h"
#include "custody-report.h"
#include "custody-store-test-utils.h"
#include "custody-store.h"
#include "custody-test-utils.h"
#include "custody-time.h"

/* A fixed fortnight: the store is set up on SETUP, backups run each
 * evening, a tape goes to the vault on the morning of NOW. */
#define SETUP      "2026-11-01T00:00:00Z"
#define FROM       "2026-11-15T00:00:00Z"
#define IN_TRUCK   "2026-11-20T06:00:00Z"
#define IN_VAULT   "2026-11-20T08:00:00Z"
#define NOW        "2026-11-20T09:00:00Z"
#define GENERATED  "2026-11-20T09:30:00Z"
#define AUTHOR     "Carla Ruiz"

typedef struct
{
  char         *dir;
  char         *db_path;
  CustodyStore *store;
} Fixture;

typedef struct
{
  PopplerDocument *document;
  GPtrArray       *pages;   /* char *: the text of each page */
  char            *text;    /* all of it */
  gsize            size;    /* bytes */
} Pdf;

/*
 * Helpers
 */

static void
record (CustodyStore     *store,
        const char       *job,
        const char       *copy,
        int               day,
        CustodyRunStatus  status,
        const char       *volume)
{
  g_autoptr(CustodyExecution) e = custody_execution_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *started = g_strdup_printf ("2026-11-%02dT22:00:00Z", day);

  e->job = g_strdup (job);
  e->copy = g_strdup (copy);
  e->started = custody_test_time (started);
  e->finished = e->started + 3600;
  e->status = status;
  e->bytes = 1000000000;
  g_free (e->message);
  e->message = g_strdup (status == CUSTODY_RUN_FAILED ? "repository locked by another process"
                                                      : "");
  if (volume != NULL)
    {
      g_strfreev (e->volumes);
      e->volumes = g_new0 (char *, 2);
      e->volumes[0] = g_strdup (volume);
    }
  g_assert_true (custody_store_record_execution (store, e, NULL, &error));
  g_assert_no_error (error);
}

static void
verify (CustodyStore *store,
        const char   *job,
        const char   *copy,
        const char   *at,
        gboolean      passed,
        gint64        errors)
{
  g_autoptr(CustodyVerification) v = custody_verification_new ();
  g_autoptr(GError) error = NULL;

  v->job = g_strdup (job);
  v->copy = g_strdup (copy);
  v->kind = CUSTODY_VERIFY_RESTORE_TEST;
  v->at = custody_test_time (at);
  v->passed = passed;
  v->errors = errors;
  g_free (v->by);
  v->by = g_strdup ("Ben Okafor");
  g_assert_true (custody_store_add_verification (store, v, &error));
  g_assert_no_error (error);
}

static void
move (CustodyStore *store,
      const char   *volser,
      const char   *to,
      const char   *at)
{
  const char *volsers[] = { volser, NULL };
  g_autoptr(CustodyMovement) m = custody_movement_new ();
  g_autoptr(GError) error = NULL;

  m->to = g_strdup (to);
  g_free (m->courier);
  m->courier = g_strdup ("Iron Mountain");
  g_free (m->container);
  m->container = g_strdup ("CASE-7");
  g_free (m->seal);
  m->seal = g_strdup ("S123456");
  custody_store_set_clock (store, custody_test_time (at));
  g_assert_true (custody_store_move_media (store, volsers, m, TRUE, &error));
  g_assert_no_error (error);
}

/* The store of the tests:
 * - payroll-db: a NAS, a tape that reaches the vault, an immutable cloud
 *   copy, all verified: compliant.
 * - 給与-db (a Japanese name): a NAS and an immutable cloud copy: compliant.
 * - erp-db: its NAS run failed last night: in violation (0 errors).
 * - mail-server: one NAS copy: in violation of four rules.
 * and volumes for the desk lists: one whose retention ended in the vault,
 * one in transit for two days. */
static void
fill_store (CustodyStore *store)
{
  custody_store_set_clock (store, custody_test_time (SETUP));
  custody_store_set_actor (store, "Aiko Tanaka");
  custody_test_add_location (store, "Server room NAS", CUSTODY_LOCATION_ONSITE_REPO);
  custody_test_add_location (store, "Tape library", CUSTODY_LOCATION_LIBRARY);
  custody_test_add_location (store, "Courier", CUSTODY_LOCATION_TRANSIT);
  custody_test_add_location (store, "Iron vault", CUSTODY_LOCATION_OFFSITE_VAULT);
  custody_test_add_location (store, "Cloud eu-west", CUSTODY_LOCATION_OFFSITE_REPO);

  custody_test_add_job_full (store, "payroll-db", "Emma Lindqvist", 24, 30);
  custody_test_add_copy (store, "payroll-db", "nas", CUSTODY_MEDIA_TYPE_DISK, "Server room NAS",
                         FALSE);
  custody_test_add_copy (store, "payroll-db", "tape", CUSTODY_MEDIA_TYPE_TAPE, NULL, FALSE);
  custody_test_add_copy (store, "payroll-db", "cloud", CUSTODY_MEDIA_TYPE_OBJECT_STORAGE,
                         "Cloud eu-west", TRUE);
  custody_test_add_job_full (store, "給与-db", "田中 愛子", 24, 30);
  custody_test_add_copy (store, "給与-db", "nas", CUSTODY_MEDIA_TYPE_DISK, "Server room NAS", FALSE);
  custody_test_add_copy (store, "給与-db", "cloud", CUSTODY_MEDIA_TYPE_OBJECT_STORAGE,
                         "Cloud eu-west", TRUE);
  custody_test_add_job_full (store, "erp-db", "Dmitri Volkov", 24, 30);
  custody_test_add_copy (store, "erp-db", "nas", CUSTODY_MEDIA_TYPE_DISK, "Server room NAS", FALSE);
  custody_test_add_copy (store, "erp-db", "cloud", CUSTODY_MEDIA_TYPE_OBJECT_STORAGE,
                         "Cloud eu-west", TRUE);
  custody_test_add_job_full (store, "mail-server", "Farid Haddad", 24, 30);
  custody_test_add_copy (store, "mail-server", "nas", CUSTODY_MEDIA_TYPE_DISK, "Server room NAS",
                         FALSE);

  custody_test_add_medium (store, "A00001L9", "Daily", CUSTODY_MEDIUM_IN_USE, CUSTODY_TIME_NONE,
                           "Tape library");
  custody_test_add_medium (store, "A00003L9", "Monthly", CUSTODY_MEDIUM_IN_USE,
                           custody_test_time ("2026-11-10T00:00:00Z"), "Iron vault");
  custody_test_add_medium (store, "A00004L9", "Weekly", CUSTODY_MEDIUM_IN_USE,
                           custody_test_time ("2026-11-30T00:00:00Z"), "Tape library");

  for (int day = 17; day <= 19; day++)
    {
      record (store, "payroll-db", "nas", day, CUSTODY_RUN_SUCCESS, NULL);
      record (store, "payroll-db", "tape", day, CUSTODY_RUN_SUCCESS, "A00001L9");
      record (store, "payroll-db", "cloud", day, CUSTODY_RUN_SUCCESS, NULL);
      record (store, "給与-db", "nas", day, CUSTODY_RUN_SUCCESS, NULL);
      record (store, "給与-db", "cloud", day, CUSTODY_RUN_SUCCESS, NULL);
      record (store, "erp-db", "nas", day, day == 19 ? CUSTODY_RUN_FAILED : CUSTODY_RUN_SUCCESS,
              NULL);
      record (store, "erp-db", "cloud", day, CUSTODY_RUN_SUCCESS, NULL);
      record (store, "mail-server", "nas", day, CUSTODY_RUN_SUCCESS, NULL);
    }

  verify (store, "payroll-db", "nas", "2026-11-19T23:30:00Z", TRUE, 0);
  verify (store, "payroll-db", "tape", "2026-11-19T23:30:00Z", TRUE, 0);
  verify (store, "payroll-db", "cloud", "2026-11-19T23:30:00Z", TRUE, 0);
  verify (store, "給与-db", "nas", "2026-11-19T23:30:00Z", TRUE, 0);
  verify (store, "給与-db", "cloud", "2026-11-19T23:30:00Z", TRUE, 0);
  verify (store, "erp-db", "nas", "2026-11-19T23:30:00Z", TRUE, 0);
  verify (store, "erp-db", "cloud", "2026-11-19T23:30:00Z", TRUE, 0);
  verify (store, "mail-server", "nas", "2026-11-18T23:30:00Z", FALSE, 2);

  move (store, "A00004L9", "Courier", "2026-11-18T07:00:00Z");
  move (store, "A00001L9", "Courier", IN_TRUCK);
  move (store, "A00001L9", "Iron vault", IN_VAULT);

  /* Alerts as the app raises them at NOW, one acknowledged. */
  custody_store_set_clock (store, custody_test_time (NOW));
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) verdicts = custody_store_evaluate (store, NULL, &error);
    g_autoptr(GPtrArray) alerts = NULL;
    g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
    guint raised = 0;

    g_assert_no_error (error);
    g_assert_true (custody_store_sync_alerts (store, verdicts, &raised, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (raised, >, 0);

    alerts = custody_store_list_alerts (store, FALSE, &error);
    g_assert_no_error (error);
    for (guint i = 0; i < alerts->len; i++)
      {
        CustodyAlert *a = g_ptr_array_index (alerts, i);

        if (g_str_equal (a->kind, "failed-run"))
          g_array_append_val (ids, a->id);
      }
    g_assert_cmpuint (ids->len, ==, 1);
    g_assert_cmpint (custody_store_acknowledge_alerts (store, ids, "Farid Haddad", NULL, NULL,
                                                       &error), ==, 1);
    g_assert_no_error (error);
  }
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("custody-report-XXXXXX", &error);
  g_assert_no_error (error);
  f->db_path = g_build_filename (f->dir, "custody.db", NULL);
  f->store = custody_store_open (f->db_path, CUSTODY_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  fill_store (f->store);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_assert_finalize_object (f->store);
  custody_test_remove_tmpdir (f->dir);
  g_free (f->db_path);
  g_free (f->dir);
}

static void
pdf_free (Pdf *pdf)
{
  g_clear_object (&pdf->document);
  g_clear_pointer (&pdf->pages, g_ptr_array_unref);
  g_free (pdf->text);
  g_free (pdf);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Pdf, pdf_free)

typedef struct
{
  gunichar c;
  double   x1, x2, y;
} Glyph;

static int
compare_glyphs (gconstpointer a,
                gconstpointer b)
{
  const Glyph *ga = a, *gb = b;

  /* By line (baselines within 2 pt are one line), then left to right. */
  if (ABS (ga->y - gb->y) > 2)
    return ga->y < gb->y ? -1 : 1;
  return ga->x1 < gb->x1 ? -1 : ga->x1 > gb->x1;
}

/* A page's text as it looks: characters by line, left to right, with a
 * space wherever there is a gap, whatever order poppler's own text takes
 * (it joins the cells of table rows). */
static char *
page_lines (PopplerPage *page)
{
  g_autofree char *text = poppler_page_get_text (page);
  g_autofree PopplerRectangle *rects = NULL;
  g_autoptr(GArray) glyphs = g_array_new (FALSE, FALSE, sizeof (Glyph));
  g_autoptr(GString) out = g_string_new (NULL);
  guint n_rects = 0, i = 0;
  const char *p;

  g_assert_true (poppler_page_get_text_layout (page, &rects, &n_rects));
  for (p = text; *p != '\0' && i < n_rects; p = g_utf8_next_char (p), i++)
    {
      Glyph g = { g_utf8_get_char (p), rects[i].x1, rects[i].x2, (rects[i].y1 + rects[i].y2) / 2 };

      if (!g_unichar_isspace (g.c))
        g_array_append_val (glyphs, g);
    }
  g_array_sort (glyphs, compare_glyphs);

  for (i = 0; i < glyphs->len; i++)
    {
      const Glyph *g = &g_array_index (glyphs, Glyph, i);
      const Glyph *prev = i > 0 ? &g_array_index (glyphs, Glyph, i - 1) : NULL;

      if (prev != NULL && ABS (g->y - prev->y) > 2)
        g_string_append_c (out, '\n');
      else if (prev != NULL && g->x1 - prev->x2 > 1.2)
        g_string_append_c (out, ' ');
      g_string_append_unichar (out, g->c);
    }
  g_string_append_c (out, '\n');

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static Pdf *
read_pdf (GBytes *bytes)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) all = g_string_new (NULL);
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);
  Pdf *pdf = g_new0 (Pdf, 1);

  g_assert_cmpuint (size, >, 5);
  g_assert_true (memcmp (data, "%PDF-", 5) == 0);

  pdf->size = size;
  pdf->document = poppler_document_new_from_bytes (bytes, NULL, &error);
  g_assert_no_error (error);
  pdf->pages = g_ptr_array_new_with_free_func (g_free);
  for (int i = 0; i < poppler_document_get_n_pages (pdf->document); i++)
    {
      PopplerPage *page = poppler_document_get_page (pdf->document, i);
      char *text = page_lines (page);

      g_object_unref (page);
      g_ptr_array_add (pdf->pages, text);
      g_string_append (all, text);
    }
  pdf->text = g_string_free (g_steal_pointer (&all), FALSE);

  return pdf;
}

/* Generates a report of the fixture's store into memory. */
static GBytes *
generate (CustodyStore      *store,
          CustodyReport     *report,
          GError           **error)
{
  g_autoptr(GOutputStream) output = g_memory_output_stream_new_resizable ();

  if (!custody_report_write_pdf (report, store, output, NULL, error))
    return NULL;
  g_assert_true (g_output_stream_close (output, NULL, NULL));
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (output));
}

static CustodyReport *
new_report (CustodyReportKind kind)
{
  CustodyReport *report = custody_report_new (kind);

  custody_report_set_period (report,
                             custody_report_kind_has_period (kind) ? custody_test_time (FROM)
                                                                   : CUSTODY_TIME_NONE,
                             custody_test_time (NOW));
  custody_report_set_author (report, AUTHOR);
  custody_report_set_generated_at (report, custody_test_time (GENERATED));
  custody_report_set_paper (report, CUSTODY_REPORT_PAPER_A4);
  return report;
}

static Pdf *
generate_pdf (Fixture          *f,
              CustodyReportKind  kind,
              CustodyReport    **out_report)
{
  g_autoptr(CustodyReport) report = new_report (kind);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = generate (f->store, report, &error);
  Pdf *pdf;

  g_assert_no_error (error);
  pdf = read_pdf (bytes);
  g_assert_cmpint (poppler_document_get_n_pages (pdf->document), ==,
                   custody_report_get_n_pages (report));
  g_assert_cmpuint (custody_report_get_unknown_glyphs (report), ==, 0);
  if (out_report != NULL)
    *out_report = g_steal_pointer (&report);
  return pdf;
}

#define assert_text(pdf, needle) \
  G_STMT_START { \
    if (strstr ((pdf)->text, (needle)) == NULL) \
      g_error ("'%s' is not in the report's text:\n%s", (needle), (pdf)->text); \
  } G_STMT_END

#define assert_no_text(pdf, needle) \
  G_STMT_START { \
    if (strstr ((pdf)->text, (needle)) != NULL) \
      g_error ("'%s' should not be in the report's text", (needle)); \
  } G_STMT_END

/* Every page says which it is, of how many, in English or Japanese. */
static void
assert_page_numbers (Pdf      *pdf,
                     gboolean  japanese)
{
  guint n = pdf->pages->len;

  g_assert_cmpuint (n, >, 0);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *expected =
        japanese ? g_strdup_printf ("%u / %u \xe3\x83\x9a\xe3\x83\xbc\xe3\x82\xb8", i + 1, n)
                 : g_strdup_printf ("Page %u of %u", i + 1, n);
      const char *text = g_ptr_array_index (pdf->pages, i);

      if (strstr (text, expected) == NULL)
        g_error ("page %u does not say '%s':\n%s", i + 1, expected, text);
    }
}

/* The titles of the outline's top level, in order, joined by '|'. */
static char *
outline_titles (PopplerDocument *document,
                GPtrArray       *pages_of)
{
  g_autoptr(GString) titles = g_string_new (NULL);
  PopplerIndexIter *iter = poppler_index_iter_new (document);

  g_assert_nonnull (iter);
  do
    {
      PopplerAction *action = poppler_index_iter_get_action (iter);

      g_assert_cmpint (action->type, ==, POPPLER_ACTION_GOTO_DEST);
      if (titles->len > 0)
        g_string_append_c (titles, '|');
      g_string_append (titles, action->goto_dest.title);
      if (pages_of != NULL)
        {
          PopplerDest *dest = action->goto_dest.dest;

          g_assert_nonnull (dest);
          g_ptr_array_add (pages_of, GINT_TO_POINTER (dest->page_num));
        }
      poppler_action_free (action);
    }
  while (poppler_index_iter_next (iter));
  poppler_index_iter_free (iter);

  return g_string_free (g_steal_pointer (&titles), FALSE);
}

static void
assert_metadata (Pdf        *pdf,
                 const char *title)
{
  g_autofree char *doc_title = poppler_document_get_title (pdf->document);
  g_autofree char *author = poppler_document_get_author (pdf->document);
  g_autofree char *subject = poppler_document_get_subject (pdf->document);
  g_autofree char *creator = poppler_document_get_creator (pdf->document);

  g_assert_cmpstr (doc_title, ==, title);
  g_assert_cmpstr (author, ==, AUTHOR);
  g_assert_nonnull (subject);
  g_assert_true (g_str_has_prefix (subject, title));
  g_assert_true (g_str_has_prefix (creator, "Custody "));
  g_assert_cmpint (poppler_document_get_creation_date (pdf->document), ==,
                   custody_test_time (GENERATED));
}

/*
 * Tests
 */

static void
test_compliance (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(Pdf) pdf = generate_pdf (f, CUSTODY_REPORT_COMPLIANCE, NULL);
  g_autoptr(GPtrArray) pages_of = g_ptr_array_new ();
  g_autofree char *outline = outline_titles (pdf->document, pages_of);

  assert_metadata (pdf, "Compliance Report");
  assert_page_numbers (pdf, FALSE);
  g_assert_cmpstr (outline, ==, "Summary|Failures by Rule|Jobs by Rule|Reasons|Copies");
  for (guint i = 1; i < pages_of->len; i++)
    g_assert_cmpint (GPOINTER_TO_INT (g_ptr_array_index (pages_of, i)), >=,
                     GPOINTER_TO_INT (g_ptr_array_index (pages_of, i - 1)));

  assert_text (pdf, "As of 2026-11-20 09:00");
  assert_text (pdf, "Generated 2026-11-20 09:30 by " AUTHOR);
  /* The figures: 4 jobs, 2 compliant, none at risk, 2 in violation. */
  assert_text (pdf, "4 2 0 2\nJobs Compliant At risk In violation");
  assert_text (pdf, "Compliance rate 50.0%");

  /* Every job, with its owner and its verdict. */
  assert_text (pdf, "payroll-db Emma Lindqvist Compliant");
  assert_text (pdf, "給与-db 田中 愛子 Compliant");
  assert_text (pdf, "erp-db Dmitri Volkov Violation");
  assert_text (pdf, "mail-server Farid Haddad Violation");
  /* mail-server has 2 copies of 3 (production included), one media type. */
  assert_text (pdf, "mail-server Farid Haddad Violation 2/3 1/2 0/1 0/1");
  /* The reasons, and the copies behind the verdicts. */
  assert_text (pdf, "'nas': latest run failed");
  assert_text (pdf, "tape Tape Yes Yes Yes");
}

static void
test_audit (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(Pdf) pdf = generate_pdf (f, CUSTODY_REPORT_AUDIT, NULL);
  g_autofree char *outline = outline_titles (pdf->document, NULL);

  assert_metadata (pdf, "Audit Report");
  assert_page_numbers (pdf, FALSE);
  g_assert_cmpstr (outline, ==, "Summary|Backups by Job|Failed Runs|Verifications by Job|"
                                "Failed Verifications|Alerts|Acknowledgements|Media Movements|"
                                "Audit Trail");

  assert_text (pdf, "Period: 2026-11-15 00:00 to 2026-11-20 09:00");
  /* 24 runs in the period, one failed; 8 verifications, one failed. */
  assert_text (pdf, "24 95.8% 1 8\nBackup runs Succeeded Failed runs Verifications\n"
                    "1 3 3 5\nFailed verifications Alerts raised Media movements Audit entries");
  assert_text (pdf, "Data written by good runs 23.0 GB");
  assert_text (pdf, "Alerts acknowledged 1");
  /* Per job, and every failure. */
  assert_text (pdf, "erp-db 6 5 0 1 83.3% 5.0 GB 2026-11-19 23:00");
  assert_text (pdf, "給与-db 6 6 0 0 100.0% 6.0 GB 2026-11-19 23:00");
  assert_text (pdf,
               "2026-11-19 23:00 erp-db nas 2026-11-19 22:00 repository locked by another process");
  assert_text (pdf, "mail-server 1 1 2026-11-18 23:30");
  assert_text (pdf, "2026-11-18 23:30 mail-server nas Restore test Failed 2 Ben Okafor");

  /* The alerts the app raised, and who acknowledged the failed run. */
  assert_text (pdf, "2026-11-20 09:00 Open Warning erp-db The latest run of erp-db into nas failed "
                    "Farid Haddad,");
  assert_text (pdf, "2026-11-20 09:00 Open Critical mail-server mail-server breaks 3 copies,"
                    " 2 media");
  assert_text (pdf, "types, 1 off-site, 1 offline or immutable, 0\nerrors");
  assert_text (pdf, "2026-11-20 09:00 Farid Haddad erp-db The latest run of erp-db into nas failed "
                    "2026-11-20 09:00");

  /* The chain of custody, a day at a time. */
  assert_text (pdf, "2026-11-18\nTime Volume From To By Courier Case Seal Note\n"
                    "07:00 A00004L9 Tape library Courier Aiko Tanaka Iron Mountain CASE-7 S123456\n"
                    "2026-11-20\nTime Volume From To By Courier Case Seal Note\n"
                    "06:00 A00001L9 Tape library Courier Aiko Tanaka Iron Mountain CASE-7 S123456\n"
                    "08:00 A00001L9 Courier Iron vault Aiko Tanaka Iron Mountain CASE-7 S123456\n");

  /* The audit trail verifies, and lists what was written in the period,
   * with when it was dated. */
  assert_text (pdf, "The audit trail's hash chain verifies: all 58 entries are in order");
  assert_text (pdf, "56 2026-11-20 08:00");
  assert_text (pdf, "Aiko Tanaka alerts.acknowledge alerts");
}

/* The desk raises its own alerts (a volume missing at a reconciliation):
 * the audit report lists them with the rest. */
static void
test_audit_lists_desk_alerts (Fixture       *f,
                              gconstpointer  data)
{
  const char *scanned[] = { "A00001L9", NULL };
  g_autoptr(CustodyReconciliation) reconciliation = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(Pdf) pdf = NULL;

  custody_store_set_clock (f->store, custody_test_time ("2026-11-20T08:30:00Z"));
  reconciliation = custody_store_reconcile (f->store, "Iron vault", scanned, "", "scan", &error);
  g_assert_no_error (error);
  g_assert_nonnull (reconciliation);
  custody_store_set_clock (f->store, custody_test_time (NOW));

  pdf = generate_pdf (f, CUSTODY_REPORT_AUDIT, NULL);
  assert_text (pdf, "A00003L9 was not found when “Iron");
}

static void
test_audit_broken_chain (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(Pdf) pdf = NULL;

  /* Someone edits the history behind Custody's back. */
  g_clear_object (&f->store);
  custody_test_exec_sql (f->db_path, "DROP TRIGGER audit_no_update;"
                        "UPDATE audit SET actor = 'mallory' WHERE id = 5;");
  f->store = custody_store_open (f->db_path, CUSTODY_STORE_OPEN_DEFAULT, NULL);
  g_assert_nonnull (f->store);

  pdf = generate_pdf (f, CUSTODY_REPORT_AUDIT, NULL);
  assert_text (pdf, "does NOT verify: entry 5 is broken");
  assert_no_text (pdf, "hash chain verifies");
}

static void
test_media (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(Pdf) pdf = generate_pdf (f, CUSTODY_REPORT_MEDIA, NULL);
  g_autofree char *outline = outline_titles (pdf->document, NULL);

  assert_metadata (pdf, "Media and Vault Report");
  assert_page_numbers (pdf, FALSE);
  g_assert_cmpstr (outline, ==, "Summary|Desk Lists for 2026-11-20|Volumes by Location|"
                                "Volumes by Pool|Every Volume");

  assert_text (pdf, "3 0 1 2\nVolumes On site In transit Off site");
  /* The tape desk's lists of that day: A00003L9's retention ended in
   * the vault and nobody recalled it, A00004L9 has been with the courier
   * for two days. */
  assert_text (pdf, "Send Off-site\nNothing to send off-site.");
  assert_text (pdf, "Recall from the Vault\nNothing to recall.");
  assert_text (pdf, "Expiring Soon\nNo retention ends soon.");
  assert_text (pdf, "Overdue\nVolume Pool Location Reason\n"
                    "A00003L9 Monthly Iron vault retention ended on 2026-11-10");
  assert_text (pdf, "A00004L9 Weekly Courier in transit since 2026-11-18");
  /* The inventory, by location and pool, then every volume. */
  assert_text (pdf, "Courier In transit 1 1 0 0 0 0 0");
  assert_text (pdf, "Iron vault Off-site vault 2 2 0 0 0 0 0");
  assert_text (pdf, "Daily 1 0 0 1");
  assert_text (pdf, "Iron vault\nVolume Type Pool Status There since Case Retention Last written\n"
                    "until\n"
                    "A00001L9 LTO-9 Daily In use 2026-11-20 08:00 CASE-7");
}

/* The desk lists are the tape desk's: a pool that rotates sends its
 * written volume off site on the day its policy says, with the desk's
 * reason, in the report of that date and not in one of the day before. */
static void
test_media_desk_lists_follow_rotation (Fixture       *f,
                                       gconstpointer  data)
{
  g_autoptr(CustodyPool) pool = custody_pool_new ("Offsite weekly");
  g_autoptr(CustodyReport) report = new_report (CUSTODY_REPORT_MEDIA);
  g_autoptr(CustodyReport) before = new_report (CUSTODY_REPORT_MEDIA);
  g_autoptr(CustodyDesk) desk = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(Pdf) pdf = NULL;
  g_autoptr(Pdf) pdf_before = NULL;
  CustodyDeskItem *item;
  g_autofree char *row = NULL;

  custody_rotation_policy_init (&pool->policy, CUSTODY_ROTATION_GFS);
  pool->policy.offsite_after_days = 2;
  custody_store_set_clock (f->store, custody_test_time (SETUP));
  g_assert_true (custody_store_add_pool (f->store, pool, &error));
  g_assert_no_error (error);
  custody_test_add_medium (f->store, "B00001L9", "Offsite weekly", CUSTODY_MEDIUM_IN_USE,
                           CUSTODY_TIME_NONE, "Tape library");
  record (f->store, "payroll-db", "tape", 18, CUSTODY_RUN_SUCCESS, "B00001L9");
  custody_store_set_clock (f->store, custody_test_time (NOW));

  desk = custody_store_get_desk_at (f->store, custody_test_time (NOW), &error);
  g_assert_no_error (error);
  item = custody_desk_find (desk, "B00001L9");
  g_assert_nonnull (item);
  g_assert_cmpint (item->list, ==, CUSTODY_DESK_SEND_OFFSITE);

  bytes = generate (f->store, report, &error);
  g_assert_no_error (error);
  pdf = read_pdf (bytes);
  row = g_strdup_printf ("B00001L9 Offsite weekly Tape library %s", item->reason);
  assert_text (pdf, "From each pool's rotation");
  assert_text (pdf, row);

  custody_report_set_period (before, CUSTODY_TIME_NONE, custody_test_time ("2026-11-18T12:00:00Z"));
  g_clear_pointer (&bytes, g_bytes_unref);
  bytes = generate (f->store, before, &error);
  g_assert_no_error (error);
  pdf_before = read_pdf (bytes);
  assert_text (pdf_before, "Desk Lists for 2026-11-18");
  assert_text (pdf_before, "Send Off-site\nNothing to send off-site.");
  assert_no_text (pdf_before, row);
}

static gboolean
build_wide_figures (CustodyReportLayout  *layout,
                    gpointer              data,
                    GError              **error)
{
  const CustodyReportFigure figures[] = {
    { "+81.8 percentage points", "Change in the share of compliant jobs",
      CUSTODY_REPORT_TONE_GOOD },
    { "4", "Jobs in violation now", CUSTODY_REPORT_TONE_BAD },
    { "29.7 TB", "Data stored now", CUSTODY_REPORT_TONE_STRONG },
    { "98.5%", "Backup runs that succeeded", CUSTODY_REPORT_TONE_GOOD },
  };

  custody_report_layout_figures (layout, figures, G_N_ELEMENTS (figures));
  return TRUE;
}

static PopplerRectangle
text_box (PopplerPage *page,
          const char  *text)
{
  GList *found = poppler_page_find_text (page, text);
  PopplerRectangle box;

  g_assert_nonnull (found);
  box = *(PopplerRectangle *) found->data;
  g_list_free_full (found, (GDestroyNotify) poppler_rectangle_free);
  return box;
}

/* A key figure wider than its box is set smaller: it ends before the
 * next box's figure begins, with the gap between the boxes to spare. */
static void
test_wide_figure_stays_in_its_box (void)
{
  g_autoptr(CustodyReportLayout) layout = custody_report_layout_new (CUSTODY_REPORT_PAPER_A4);
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(Pdf) pdf = NULL;
  g_autoptr(GObject) page = NULL;
  PopplerRectangle wide, next, label;

  custody_report_layout_set_header (layout, "Figures", "", "");
  g_assert_true (custody_report_layout_write_pdf (layout, out, build_wide_figures, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (out, NULL, NULL));
  bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
  pdf = read_pdf (bytes);
  assert_text (pdf, "+81.8 percentage points");

  page = G_OBJECT (poppler_document_get_page (pdf->document, 0));
  wide = text_box (POPPLER_PAGE (page), "+81.8 percentage points");
  next = text_box (POPPLER_PAGE (page), "Jobs in violation now");
  label = text_box (POPPLER_PAGE (page), "Change in the share");
  g_assert_cmpfloat (wide.x1, <=, label.x1 + 0.5);
  g_assert_cmpfloat (wide.x2, <, next.x1 - 8);
}

static void
test_summary (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(CustodyReport) report = NULL;
  g_autoptr(Pdf) pdf = generate_pdf (f, CUSTODY_REPORT_SUMMARY, &report);
  g_autofree char *outline = outline_titles (pdf->document, NULL);

  assert_metadata (pdf, "Executive Summary");
  assert_page_numbers (pdf, FALSE);
  g_assert_cmpstr (outline, ==, "Key Figures|Trends|Jobs Needing Attention");

  /* History starts once there are runs and verifications: the change counts from there. */
  assert_text (pdf, "50.0% 2 +50.0 pts 95.8%\n"
                    "Jobs compliant now Jobs in violation now Change in compliance since "
                    "Backup runs that succeeded\n2026-11-19, when history starts");
  assert_text (pdf, "1 8 8.0 GB");
  /* The charts: titles, legends, axes with their units and dates. */
  assert_text (pdf,
               "Compliance over Time\nShare of jobs Compliant or at risk Compliant, not at risk\n"
               "100%\n80%");
  assert_text (pdf, "Backup Success over Time");
  /* Every share is above a half: the axis is cut, and says so. */
  assert_text (pdf, "Share of the runs that finished in each interval (axis from 80%) Succeeded, "
                    "warnings included");
  assert_text (pdf, "Stored Data over Time\nStored data Newest restore point of every copy\n8 GB");
  assert_text (pdf, "0 B\n2026-11-15 2026-11-16 2026-11-17 2026-11-18 2026-11-19 2026-11-20\n");
  /* Who needs attention, and why. */
  assert_text (pdf, "erp-db 3 copies, 2 media types, 0 errors 2 of 3 copies, production included");
  assert_text (pdf, "mail-server 3 copies, 2 media types, 1 off-site,");
}

static void
count_progress_cb (double   fraction,
                   gpointer user_data)
{
  double *last = user_data;

  g_assert_cmpfloat (fraction, >, *last);
  *last = fraction;
}

/* The trend the app draws is the summary's: the same points, the same
 * shares, from where history starts; for one job, that job's. */
static void
test_trend_matches_summary (Fixture       *f,
                            gconstpointer  data)
{
  const char *payroll[] = { "payroll-db", NULL };
  const char *erp[] = { "erp-db", NULL };
  g_autoptr(Pdf) pdf = generate_pdf (f, CUSTODY_REPORT_SUMMARY, NULL);
  g_autoptr(CustodyReportTrend) trend = NULL;
  g_autoptr(CustodyReportTrend) job = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *now = NULL;
  g_autofree char *change = NULL;
  g_autofree char *since = NULL;
  g_autofree char *date = NULL;
  double progress = 0;
  guint first = G_MAXUINT;
  gint64 from = custody_test_time (FROM), to = custody_test_time (NOW);

  trend = custody_report_trend_compute (f->store, NULL, from, to, 13, NULL, count_progress_cb,
                                        &progress, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (trend->n_points, ==, 13);
  g_assert_cmpfloat (progress, ==, 1.0);
  for (guint i = 0; i < trend->n_points && first == G_MAXUINT; i++)
    if (!isnan (trend->compliant[i]))
      first = i;
  g_assert_cmpuint (first, >, 0);
  g_assert_cmpuint (custody_report_trend_count (trend), ==, trend->n_points - first);
  g_assert_cmpint (trend->times[12], ==, custody_test_time (NOW));

  /* The summary's key figures, from the trend's values. */
  now = g_strdup_printf ("%.1f%% %u %+.1f pts", trend->compliant[12] * 100,
                         trend->by_status[CUSTODY_STATUS_VIOLATION],
                         (trend->compliant[12] - trend->compliant[first]) * 100);
  assert_text (pdf, now);
  g_assert_cmpstr (now, ==, "50.0% 2 +50.0 pts");
  date = custody_time_format_date (trend->times[first]);
  since = g_strdup_printf ("%s, when history starts", date);
  assert_text (pdf, since);
  g_assert_cmpuint (trend->verdicts->len, ==, 4);

  /* One job: its own history and verdicts. */
  job = custody_report_trend_compute (f->store, payroll, from, to, 13, NULL, NULL, NULL,
                                      &error);
  g_assert_no_error (error);
  g_assert_cmpuint (job->verdicts->len, ==, 1);
  g_assert_cmpfloat (job->compliant[12], ==, 1.0);
  g_clear_pointer (&job, custody_report_trend_free);
  job = custody_report_trend_compute (f->store, erp, from, to, 13, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (job->compliant[12], ==, 0.0);
  g_clear_pointer (&job, custody_report_trend_free);

  /* Cancelled: nothing, and says so. */
  g_cancellable_cancel (cancellable);
  job = custody_report_trend_compute (f->store, NULL, from, to, 13, cancellable, NULL, NULL,
                                      &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (job);
}

/* A store whose history starts mid-period, compliant from its first run: the
 * summary must not claim a rise from the empty days before it. */
static void
test_summary_starts_where_history_starts (void)
{
  g_autofree char *dir = custody_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "custody.db", NULL);
  g_autoptr(CustodyStore) store = NULL;
  g_autoptr(CustodyReport) report = new_report (CUSTODY_REPORT_SUMMARY);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(Pdf) pdf = NULL;

  store = custody_store_open (path, CUSTODY_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  custody_store_set_clock (store, custody_test_time (SETUP));
  custody_test_add_location (store, "Server room NAS", CUSTODY_LOCATION_ONSITE_REPO);
  custody_test_add_location (store, "Cloud eu-west", CUSTODY_LOCATION_OFFSITE_REPO);
  custody_test_add_job_full (store, "payroll-db", "Emma Lindqvist", 24, 30);
  custody_test_add_copy (store, "payroll-db", "nas", CUSTODY_MEDIA_TYPE_DISK, "Server room NAS",
                         FALSE);
  custody_test_add_copy (store, "payroll-db", "cloud", CUSTODY_MEDIA_TYPE_OBJECT_STORAGE,
                         "Cloud eu-west", TRUE);
  for (int day = 17; day <= 19; day++)
    {
      record (store, "payroll-db", "nas", day, CUSTODY_RUN_SUCCESS, NULL);
      record (store, "payroll-db", "cloud", day, CUSTODY_RUN_SUCCESS, NULL);
    }
  verify (store, "payroll-db", "nas", "2026-11-17T23:30:00Z", TRUE, 0);
  verify (store, "payroll-db", "cloud", "2026-11-17T23:30:00Z", TRUE, 0);

  bytes = generate (store, report, &error);
  g_assert_no_error (error);
  pdf = read_pdf (bytes);
  /* Compliant at every moment with history: no change, and no "0%" before it. */
  assert_text (pdf, "100.0% 0 +0.0 pts");
  assert_text (pdf, "Change in compliance since");
  assert_no_text (pdf, "+100.0 pts");
  assert_no_text (pdf, "Share of jobs Compliant or at risk Compliant, not at risk\n100%\n80%\n60%"
                       "\n40%\n20%\n0%");

  g_clear_object (&store);
  custody_test_remove_tmpdir (dir);
}

static void
test_paper (Fixture       *f,
            gconstpointer  data)
{
  const struct
  {
    CustodyReportPaper paper;
    double             width, height;
  } papers[] = {
    { CUSTODY_REPORT_PAPER_A4, 595.28, 841.89 },
    { CUSTODY_REPORT_PAPER_LETTER, 612, 792 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (papers); i++)
    {
      g_autoptr(CustodyReport) report = new_report (CUSTODY_REPORT_COMPLIANCE);
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(Pdf) pdf = NULL;

      custody_report_set_paper (report, papers[i].paper);
      bytes = generate (f->store, report, &error);
      g_assert_no_error (error);
      pdf = read_pdf (bytes);
      for (int p = 0; p < poppler_document_get_n_pages (pdf->document); p++)
        {
          PopplerPage *page = poppler_document_get_page (pdf->document, p);
          double width, height;

          poppler_page_get_size (page, &width, &height);
          g_object_unref (page);
          g_assert_cmpfloat_with_epsilon (width, papers[i].width, 0.01);
          g_assert_cmpfloat_with_epsilon (height, papers[i].height, 0.01);
        }
    }

  {
    CustodyReportPaper paper = CUSTODY_REPORT_PAPER_A4;

    g_assert_true (custody_report_paper_from_string ("Letter", &paper));
    g_assert_cmpint (paper, ==, CUSTODY_REPORT_PAPER_LETTER);
    g_assert_false (custody_report_paper_from_string ("A3", &paper));
  }
}

/* Many jobs: tables cross pages, repeat their header, and go on. */
static void
test_long_tables (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(Pdf) pdf = NULL;
  guint continued = 0;

  custody_store_set_clock (f->store, custody_test_time (SETUP));
  for (guint i = 0; i < 120; i++)
    {
      g_autofree char *name = g_strdup_printf ("fileserver-%03u", i);

      custody_test_add_job_full (f->store, name,
                                 i == 7 ? "Maximilian Alexander von Hohenberg-Schwarzenstein, "
                                          "Infrastructure and Storage Operations"
                                        : "Ben Okafor",
                                 24, 30);
      custody_test_add_copy (f->store, name, "nas", CUSTODY_MEDIA_TYPE_DISK, "Server room NAS",
                             FALSE);
    }
  custody_store_set_clock (f->store, custody_test_time (NOW));

  pdf = generate_pdf (f, CUSTODY_REPORT_COMPLIANCE, NULL);
  g_assert_cmpuint (pdf->pages->len, >=, 4);
  assert_page_numbers (pdf, FALSE);

  for (guint i = 0; i < 120; i++)
    {
      g_autofree char *name = g_strdup_printf ("fileserver-%03u", i);
      assert_text (pdf, name);
    }
  /* A long owner wraps in its cell, whole: its words come one after the
   * other, over several lines of the row. */
  {
    const char *words[] = { "Maximilian", "Alexander", "von", "Hohenberg-", "Schwarzenstein,",
                            "Infrastructure", "and", "Storage", "Operations", NULL };
    const char *p = strstr (pdf->text, "fileserver-007");
    const char *line_end;

    g_assert_nonnull (p);
    line_end = strchr (p, '\n');
    for (guint i = 0; words[i] != NULL; i++)
      {
        p = strstr (p, words[i]);
        if (p == NULL)
          g_error ("'%s' is not in the report:\n%s", words[i], pdf->text);
      }
    g_assert_true (p > line_end);
  }

  for (guint i = 1; i < pdf->pages->len; i++)
    {
      const char *text = g_ptr_array_index (pdf->pages, i);

      if (strstr (text, "Jobs by Rule (continued)") != NULL)
        {
          continued++;
          /* The header row, again. */
          g_assert_nonnull (strstr (text, "Job Owner Status"));
        }
    }
  g_assert_cmpuint (continued, >=, 1);
}

static void
test_cancelled (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(CustodyReport) report = new_report (CUSTODY_REPORT_AUDIT);
  g_autoptr(GOutputStream) output = g_memory_output_stream_new_resizable ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  g_assert_false (custody_report_write_pdf (report, f->store, output, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  /* The store is fine after it, and can be written. */
  custody_test_add_location (f->store, "Second vault", CUSTODY_LOCATION_OFFSITE_VAULT);
}

static void
test_period_backwards (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(CustodyReport) report = new_report (CUSTODY_REPORT_AUDIT);
  g_autoptr(GOutputStream) output = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  custody_report_set_period (report, custody_test_time (NOW), custody_test_time (FROM));
  g_assert_false (custody_report_write_pdf (report, f->store, output, NULL, &error));
  g_assert_error (error, CUSTODY_REPORT_ERROR, CUSTODY_REPORT_ERROR_INVALID);
}

/* Printing replays the same drawing: one recording per page, in points. */
static void
test_record_pages (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(CustodyReport) report = new_report (CUSTODY_REPORT_COMPLIANCE);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pages = custody_report_record_pages (report, f->store, NULL, &error);
  double width, height;

  g_assert_no_error (error);
  g_assert_cmpuint (pages->len, ==, custody_report_get_n_pages (report));
  custody_report_get_page_size (report, &width, &height);
  for (guint i = 0; i < pages->len; i++)
    {
      cairo_surface_t *surface = g_ptr_array_index (pages, i);
      double x0, y0, w, h;

      g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
      cairo_recording_surface_ink_extents (surface, &x0, &y0, &w, &h);
      /* Something is drawn, inside the page. */
      g_assert_cmpfloat (w, >, 100);
      g_assert_cmpfloat (x0 + w, <=, width);
      g_assert_cmpfloat (y0 + h, <=, height);
    }
}

/*
 * Japanese, in a child process with its own locale
 */

static gboolean
use_japanese_locale (void)
{
  const char *locpath = g_getenv ("CUSTODY_TEST_LOCPATH");
  const char *localedir = g_getenv ("CUSTODY_LOCALEDIR");

  /* The locale generated into the build tree, not the machine's: the test
   * must pass on a clean machine too. */
  if (locpath == NULL)
    g_error ("No ja_JP.UTF-8 locale was generated: install Debian's 'locales' package "
             "(./dev does), then reconfigure the build");
  g_assert_nonnull (localedir);
  g_setenv ("LOCPATH", locpath, TRUE);
  g_unsetenv ("LANGUAGE");
  if (setlocale (LC_ALL, "ja_JP.UTF-8") == NULL)
    return FALSE;
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  return TRUE;
}

static guint
count_text (const char *text,
            const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (text, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

static void
test_japanese (Fixture       *f,
               gconstpointer  data)
{
  const struct
  {
    CustodyReportKind  kind;
    const char        *title;
    const char        *heading;
    const char        *data;
  } reports[] = {
    { CUSTODY_REPORT_COMPLIANCE, "コンプライアンスレポート", "ルール別のジョブ", "給与-db 田中 愛子 準拠" },
    { CUSTODY_REPORT_AUDIT, "監査レポート", "メディアの移動", "給与-db 6 6 0 0 100.0%" },
    { CUSTODY_REPORT_MEDIA, "メディア・保管庫レポート", "保管場所別のボリューム", "A00003L9 Monthly Iron vault" },
    { CUSTODY_REPORT_SUMMARY, "エグゼクティブサマリー", "コンプライアンスの推移", "erp-db" },
  };
  /* Long katakana words of the reports' headers and cells: each without
   * its last character (three bytes) is what a break would leave. */
  const char *loanwords[] = { "イミュータブル", "オブジェクトストレージ", "エアギャップ" };

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 120 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_passed ();
      return;
    }

  g_assert_true (use_japanese_locale ());

  for (guint i = 0; i < G_N_ELEMENTS (reports); i++)
    {
      g_autoptr(CustodyReport) report = NULL;
      g_autoptr(Pdf) pdf = generate_pdf (f, reports[i].kind, &report);
      g_autofree char *title = poppler_document_get_title (pdf->document);
      PopplerFontInfo *fonts = poppler_font_info_new (pdf->document);
      PopplerFontsIter *iter = NULL;
      gboolean japanese_face = FALSE;

      g_assert_cmpstr (custody_report_kind_get_title (reports[i].kind), ==, reports[i].title);
      g_assert_cmpstr (title, ==, reports[i].title);
      assert_text (pdf, reports[i].title);
      assert_text (pdf, reports[i].heading);
      assert_page_numbers (pdf, TRUE);
      /* The data stays as it was entered, in the same fonts. */
      assert_text (pdf, reports[i].data);

      /* No tofu: every glyph came from a font that has it (checked as
       * the report was laid out), and that font is the Japanese one. */
      g_assert_cmpuint (custody_report_get_unknown_glyphs (report), ==, 0);
      g_assert_true (poppler_font_info_scan (fonts, pdf->pages->len, &iter));
      do
        {
          const char *name = poppler_fonts_iter_get_name (iter);

          if (name != NULL &&
              (strstr (name, "IPAexGothic") != NULL || strstr (name, "NotoSansCJKjp") != NULL))
            japanese_face = TRUE;
        }
      while (poppler_fonts_iter_next (iter));
      poppler_fonts_iter_free (iter);
      g_object_unref (fonts);
      g_assert_true (japanese_face);

      /* Times in Japanese order and local time, the zone named once; no
       * ISO date, size in English or key of the store's is left. */
      assert_text (pdf, "時刻はローカル時刻: UTC+00:00");
      assert_text (pdf, "2026年11月");
      g_assert_false (g_regex_match_simple ("[0-9]{4}-[0-9]{2}-[0-9]{2}", pdf->text, 0, 0));
      assert_no_text (pdf, "bytes");
      assert_no_text (pdf, "onsite-repo");
      assert_no_text (pdf, "offsite-repo");
      assert_no_text (pdf, "; ");
      /* A column of times is as wide as a Japanese time: none wraps,
       * which would leave its hour alone on a line. */
      g_assert_false (g_regex_match_simple ("^\\s*[0-9]{2}:[0-9]{2}\\s*$", pdf->text,
                                            G_REGEX_MULTILINE, 0));
      assert_no_text (pdf, "3-copies");
      assert_no_text (pdf, "0-errors");

      /* Katakana loanwords are not broken between lines (イミュータブ|ル):
       * wherever a word starts, it is there whole. */
      for (guint w = 0; w < G_N_ELEMENTS (loanwords); w++)
        {
          g_autofree char *stem = g_strndup (loanwords[w], strlen (loanwords[w]) - 3);

          g_assert_cmpuint (count_text (pdf->text, stem), ==,
                            count_text (pdf->text, loanwords[w]));
        }

      /* The Japanese face is subset as the Latin ones are: a page costs
       * tens of kilobytes, not the half megabyte of a whole CJK font
       * (under 200 kB for a report of four pages). */
      g_test_message ("%s: %u pages, %" G_GSIZE_FORMAT " bytes", reports[i].title,
                      pdf->pages->len, pdf->size);
      g_assert_cmpuint (pdf->size, <, 50 * 1000 * MAX (pdf->pages->len, 1));
    }
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/report/compliance", test_compliance);
  ADD ("/report/audit", test_audit);
  ADD ("/report/audit/broken-chain", test_audit_broken_chain);
  ADD ("/report/audit/desk-alerts", test_audit_lists_desk_alerts);
  ADD ("/report/media", test_media);
  ADD ("/report/media/desk-lists-follow-rotation", test_media_desk_lists_follow_rotation);
  ADD ("/report/summary", test_summary);
  ADD ("/report/summary/trend-matches", test_trend_matches_summary);
  g_test_add_func ("/report/summary/starts-where-history-starts",
                   test_summary_starts_where_history_starts);
  g_test_add_func ("/report/layout/wide-figure-stays-in-its-box",
                   test_wide_figure_stays_in_its_box);
  ADD ("/report/paper", test_paper);
  ADD ("/report/long-tables", test_long_tables);
  ADD ("/report/cancelled", test_cancelled);
  ADD ("/report/period-backwards", test_period_backwards);
  ADD ("/report/record-pages", test_record_pages);
  ADD ("/report/japanese", test_japanese);

  return g_test_run ();
}
