/* test-desk.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The tape desk on real stores in temporary folders: mtx inventories
 * read from real outputs, reconciliations, the last-copy guard on scans
 * and retirements, undo, the alerts the desk raises, and the geometry of
 * the LTO labels as drawn.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>
#include <string.h>

#include "custody-formats-test-utils.h"
#include "custody-labels.h"
#include "custody-store-test-utils.h"
#include "custody-store.h"
#include "custody-test-utils.h"
#include "custody-time.h"

typedef struct
{
  char         *dir;
  CustodyStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("custody-desk-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "custody.db", NULL);
  f->store = custody_store_open (path, CUSTODY_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  custody_store_set_actor (f->store, "Desk Tester");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_finalize_object (f->store);
  custody_test_remove_tmpdir (f->dir);
  g_free (f->dir);
}

static void
move (Fixture    *f,
      const char *volser,
      const char *to,
      const char *when)
{
  g_autoptr(CustodyMovement) mv = custody_movement_new ();
  g_autoptr(GError) error = NULL;
  const char *volsers[] = { volser, NULL };

  custody_store_set_clock (f->store, custody_test_time (when));
  mv->to = g_strdup (to);
  custody_store_move_media (f->store, volsers, mv, TRUE, &error);
  g_assert_no_error (error);
}

/* payroll: a NAS copy and a tape copy whose latest restore point is on
 * TAPE01L9, in the vault: it is payroll's only offsite and offline copy. */
static void
build_payroll (Fixture *f)
{
  g_autoptr(CustodyJob) job = custody_job_new ();
  g_autoptr(CustodyCopy) nas = custody_copy_new ();
  g_autoptr(CustodyCopy) tape = custody_copy_new ();
  g_autoptr(GError) error = NULL;
  const char *copies[] = { "nas", "tape" };

  custody_store_set_clock (f->store, custody_test_time ("2026-11-01T00:00:00Z"));
  custody_test_add_location (f->store, "Library", CUSTODY_LOCATION_LIBRARY);
  custody_test_add_location (f->store, "NAS", CUSTODY_LOCATION_ONSITE_REPO);
  custody_test_add_location (f->store, "Truck", CUSTODY_LOCATION_TRANSIT);
  custody_test_add_location (f->store, "Vault", CUSTODY_LOCATION_OFFSITE_VAULT);

  job->name = g_strdup ("payroll");
  job->rpo_hours = 24 * 7;
  job->verify_days = 30;
  custody_store_add_job (f->store, job, &error);
  g_assert_no_error (error);
  nas->job = g_strdup ("payroll");
  nas->name = g_strdup ("nas");
  nas->media_type = CUSTODY_MEDIA_TYPE_DISK;
  nas->location = g_strdup ("NAS");
  custody_store_add_copy (f->store, nas, &error);
  g_assert_no_error (error);
  tape->job = g_strdup ("payroll");
  tape->name = g_strdup ("tape");
  tape->media_type = CUSTODY_MEDIA_TYPE_TAPE;
  custody_store_add_copy (f->store, tape, &error);
  g_assert_no_error (error);

  custody_test_add_medium (f->store, "TAPE01L9", "Weekly", CUSTODY_MEDIUM_SCRATCH,
                           CUSTODY_TIME_NONE, "Library");
  custody_test_add_medium (f->store, "TAPE02L9", "Weekly", CUSTODY_MEDIUM_SCRATCH,
                           CUSTODY_TIME_NONE, "Library");

  for (guint i = 0; i < G_N_ELEMENTS (copies); i++)
    {
      g_autoptr(CustodyExecution) e = custody_execution_new ();
      static const char *volumes[] = { "TAPE01L9", NULL };

      e->job = g_strdup ("payroll");
      e->copy = g_strdup (copies[i]);
      e->started = custody_test_time ("2026-11-19T22:00:00Z");
      e->finished = custody_test_time ("2026-11-19T23:00:00Z");
      e->status = CUSTODY_RUN_SUCCESS;
      if (i == 1)
        {
          g_strfreev (e->volumes);
          e->volumes = g_strdupv ((char **) volumes);
        }
      custody_store_set_clock (f->store, custody_test_time ("2026-11-19T23:30:00Z"));
      custody_store_record_execution (f->store, e, NULL, &error);
      g_assert_no_error (error);

      {
        g_autoptr(CustodyVerification) v = custody_verification_new ();

        v->job = g_strdup ("payroll");
        v->copy = g_strdup (copies[i]);
        v->at = custody_test_time ("2026-11-19T23:30:00Z");
        v->passed = TRUE;
        custody_store_add_verification (f->store, v, &error);
        g_assert_no_error (error);
      }
    }

  move (f, "TAPE01L9", "Truck", "2026-11-20T06:00:00Z");
  move (f, "TAPE01L9", "Vault", "2026-11-20T08:00:00Z");
  custody_store_set_clock (f->store, custody_test_time ("2026-11-20T09:00:00Z"));
}

static CustodyVerdict *
payroll (Fixture *f)
{
  g_autoptr(GPtrArray) verdicts = NULL;
  g_autoptr(GError) error = NULL;
  const char *jobs[] = { "payroll", NULL };

  verdicts = custody_store_evaluate (f->store, jobs, &error);
  g_assert_no_error (error);
  g_assert_cmpint (verdicts->len, ==, 1);
  return custody_verdict_ref (g_ptr_array_index (verdicts, 0));
}

static JsonObject *
last_audit (Fixture     *f,
            JsonNode   **keep)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *audit;

  custody_store_export_json (f->store, out, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_close (out, NULL, NULL);
  json_parser_load_from_data (parser,
                              g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (out)),
                              g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (out)),
                              &error);
  g_assert_no_error (error);
  *keep = json_node_copy (json_parser_get_root (parser));
  audit = json_object_get_array_member (json_node_get_object (*keep), "audit");
  return json_array_get_object_element (audit, json_array_get_length (audit) - 1);
}

static guint
count_movements (Fixture    *f,
                 const char *volser)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;

  list = custody_store_list_movements (f->store, volser, &error);
  g_assert_no_error (error);
  return list->len;
}

static CustodyAlert *
open_alert (Fixture    *f,
            const char *cause)
{
  g_autoptr(GPtrArray) alerts = NULL;
  g_autoptr(GError) error = NULL;

  alerts = custody_store_list_alerts (f->store, FALSE, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < alerts->len; i++)
    {
      CustodyAlert *a = g_ptr_array_index (alerts, i);
      if (g_str_equal (a->cause, cause))
        return g_object_ref (a);
    }
  return NULL;
}

/*
 * mtx (its parser: test-formats-mtx.c)
 */

static void
import_text (Fixture            *f,
             const char         *text,
             CustodyImportStats *stats)
{
  g_autoptr(GInputStream) input = g_memory_input_stream_new_from_data (g_strdup (text), -1, g_free);
  g_autoptr(GError) error = NULL;

  custody_store_import_mtx (f->store, input, "Library", stats, NULL, NULL, &error);
  g_assert_no_error (error);
}

/* An inventory is an observed fact: a tape the records put in the vault
 * is in the library, whatever that does to payroll; it says so. */
static void
test_mtx_import_observed_fact_raises_alert (Fixture       *f,
                                            gconstpointer  data)
{
  g_autoptr(CustodyVerdict) before = NULL;
  g_autoptr(CustodyVerdict) after = NULL;
  g_autoptr(CustodyMedium) tape = NULL;
  g_autoptr(CustodyAlert) alert = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  CustodyImportStats stats;
  JsonObject *last;
  const char *text =
    "  Storage Changer /dev/sg0:1 Drives, 3 Slots ( 0 Import/Export )\n"
    "Data Transfer Element 0:Full (Storage Element 3 Loaded):VolumeTag = TAPE02L9\n"
    "      Storage Element 1:Full :VolumeTag=TAPE01L9  \n"
    "      Storage Element 2:Full :VolumeTag=NEW001L8\n"
    "      Storage Element 3:Empty\n";

  build_payroll (f);
  before = payroll (f);
  g_assert_true (before->rules[CUSTODY_RULE_1_OFFSITE].pass);

  import_text (f, text, &stats);
  g_assert_cmpint (stats.added, ==, 1);     /* NEW001L8 */
  g_assert_cmpint (stats.updated, ==, 2);   /* TAPE01L9 came back, TAPE02L9 got a slot */
  g_assert_cmpint (stats.unchanged, ==, 0);

  tape = custody_store_get_medium (f->store, "TAPE01L9", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tape->location, ==, "Library");
  g_assert_cmpstr (tape->slot, ==, "slot 1");
  g_clear_object (&tape);
  tape = custody_store_get_medium (f->store, "NEW001L8", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tape->type, ==, "LTO-8");
  g_assert_cmpstr (tape->location, ==, "Library");

  after = payroll (f);
  g_assert_false (after->rules[CUSTODY_RULE_1_OFFSITE].pass);
  alert = open_alert (f, "observed-break:payroll");
  g_assert_nonnull (alert);
  g_assert_cmpint (alert->severity, ==, CUSTODY_SEVERITY_CRITICAL);
  /* The rule by its name, not its key. */
  g_assert_nonnull (strstr (alert->message, "(1 off-site"));
  g_assert_null (strstr (alert->message, "1-offsite"));
  last = last_audit (f, &root);
  g_assert_cmpstr (json_object_get_string_member (last, "action"), ==, "import.mtx");
  g_assert_nonnull (strstr (json_object_get_string_member (last, "after"), "payroll"));

  /* The same inventory again changes nothing. */
  import_text (f, text, &stats);
  g_assert_cmpint (stats.added, ==, 0);
  g_assert_cmpint (stats.updated, ==, 0);
  g_assert_cmpint (stats.unchanged, ==, 3);
  g_assert_cmpint (count_movements (f, "TAPE01L9"), ==, 4);

  /* The alert goes once payroll is compliant again. */
  move (f, "TAPE01L9", "Vault", "2026-11-20T10:00:00Z");
  {
    g_autoptr(CustodyDesk) desk = custody_store_get_desk (f->store, &error);
    g_autoptr(GPtrArray) verdicts = custody_store_evaluate (f->store, NULL, &error);
    g_autoptr(CustodyAlert) gone = NULL;

    g_assert_no_error (error);
    custody_store_sync_desk_alerts (f->store, desk, verdicts, &error);
    g_assert_no_error (error);
    gone = open_alert (f, "observed-break:payroll");
    g_assert_null (gone);
  }
}

/*
 * Reconciliation
 */

static void
assert_strv (GStrv       strv,
             const char *expected)
{
  g_autofree char *joined = g_strjoinv (" ", strv);

  g_assert_cmpstr (joined, ==, expected);
}

static void
test_reconcile_present_missing_surplus (Fixture       *f,
                                        gconstpointer  data)
{
  g_autoptr(CustodyReconciliation) r = NULL;
  g_autoptr(CustodyReconciliation) saved = NULL;
  g_autoptr(CustodyReconciliation) again = NULL;
  g_autoptr(CustodyAlert) missing = NULL;
  g_autoptr(CustodyAlert) resolved = NULL;
  g_autoptr(CustodyMedium) found = NULL;
  g_autoptr(GPtrArray) verdicts = NULL;
  g_autoptr(GError) error = NULL;
  const char *scanned[] = { "VLT001L9", " vlt001l9\r", "VLT003L9", "LIB001L9", "NOPE99L9", "",
                            NULL };
  const char *second[] = { "VLT001L9", "VLT002L9", "VLT003L9", "LIB001L9", NULL };

  custody_store_set_clock (f->store, custody_test_time ("2026-11-01T00:00:00Z"));
  custody_test_add_location (f->store, "Library", CUSTODY_LOCATION_LIBRARY);
  custody_test_add_location (f->store, "Vault", CUSTODY_LOCATION_OFFSITE_VAULT);
  custody_test_add_medium (f->store, "VLT001L9", "Weekly", CUSTODY_MEDIUM_SCRATCH,
                           CUSTODY_TIME_NONE, "Vault");
  custody_test_add_medium (f->store, "VLT002L9", "Weekly", CUSTODY_MEDIUM_SCRATCH,
                           CUSTODY_TIME_NONE, "Vault");
  custody_test_add_medium (f->store, "VLT003L9", "Weekly", CUSTODY_MEDIUM_SCRATCH,
                           CUSTODY_TIME_NONE, "Vault");
  custody_test_add_medium (f->store, "LIB001L9", "Weekly", CUSTODY_MEDIUM_SCRATCH,
                           CUSTODY_TIME_NONE, "Library");
  custody_store_set_clock (f->store, custody_test_time ("2026-11-20T09:00:00Z"));

  r = custody_store_reconcile (f->store, "Vault", scanned, "shelf B", NULL, &error);
  g_assert_no_error (error);
  assert_strv (r->present, "VLT001L9 VLT003L9");
  assert_strv (r->missing, "VLT002L9");
  assert_strv (r->surplus, "LIB001L9 NOPE99L9");
  assert_strv (r->unknown, "NOPE99L9");
  assert_strv (r->duplicates, "VLT001L9");   /* scanned twice, counted once */
  g_assert_cmpint (r->scans, ==, 5);
  g_assert_cmpint (r->at, ==, custody_test_time ("2026-11-20T09:00:00Z"));

  /* Saved, dated, and read back the same. */
  saved = custody_store_get_reconciliation (f->store, r->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (saved->location, ==, "Vault");
  g_assert_cmpstr (saved->by, ==, "Desk Tester");
  g_assert_cmpstr (saved->note, ==, "shelf B");
  assert_strv (saved->present, "VLT001L9 VLT003L9");
  assert_strv (saved->missing, "VLT002L9");
  assert_strv (saved->surplus, "LIB001L9 NOPE99L9");
  assert_strv (saved->unknown, "NOPE99L9");
  assert_strv (saved->duplicates, "VLT001L9");

  /* Found in the vault: it is in the vault now. */
  found = custody_store_get_medium (f->store, "LIB001L9", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (found->location, ==, "Vault");

  /* The missing volume raises an alert, which the verdicts' alert sync
   * leaves alone. */
  missing = open_alert (f, "media-missing:VLT002L9");
  g_assert_nonnull (missing);
  g_assert_cmpint (missing->severity, ==, CUSTODY_SEVERITY_CRITICAL);
  verdicts = custody_store_evaluate (f->store, NULL, &error);
  g_assert_no_error (error);
  custody_store_sync_alerts (f->store, verdicts, NULL, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&missing);
  missing = open_alert (f, "media-missing:VLT002L9");
  g_assert_nonnull (missing);

  /* Found the next time: resolved; a volume now expected is present. */
  custody_store_set_clock (f->store, custody_test_time ("2026-11-21T09:00:00Z"));
  again = custody_store_reconcile (f->store, "Vault", second, NULL, NULL, &error);
  g_assert_no_error (error);
  assert_strv (again->present, "LIB001L9 VLT001L9 VLT002L9 VLT003L9");
  assert_strv (again->missing, "");
  assert_strv (again->surplus, "");
  resolved = open_alert (f, "media-missing:VLT002L9");
  g_assert_null (resolved);

  {
    g_autoptr(GPtrArray) list = custody_store_list_reconciliations (f->store, &error);

    g_assert_no_error (error);
    g_assert_cmpint (list->len, ==, 2);
    g_assert_cmpint (((CustodyReconciliation *) g_ptr_array_index (list, 0))->id, ==, again->id);
  }
}

/*
 * The last-copy guard
 */

static void
test_scan_guard_and_undo (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(CustodyMovement) template = custody_movement_new ();
  g_autoptr(GPtrArray) broken = NULL;
  g_autoptr(CustodyVerdict) v = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *last;
  gint64 movement = 0;

  build_payroll (f);
  template->to = g_strdup ("Library");
  template->courier = g_strdup ("Ann");

  /* Its only offsite and offline restore point: refused, naming it. */
  g_assert_false (custody_store_scan_volume (f->store, "TAPE01L9", template, FALSE, &movement,
                                             &broken, &error));
  g_assert_error (error, CUSTODY_STORE_ERROR, CUSTODY_STORE_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "payroll"));
  g_assert_nonnull (strstr (error->message, "--confirm"));
  g_assert_cmpint (broken->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (broken, 0), ==, "payroll (1-offsite, 1-offline)");
  g_assert_cmpint (count_movements (f, "TAPE01L9"), ==, 3);
  g_clear_error (&error);
  g_clear_pointer (&broken, g_ptr_array_unref);

  /* The preview says the same before anything happens. */
  {
    const char *volsers[] = { "TAPE01L9", NULL };
    g_assert_true (custody_store_preview_move (f->store, volsers, "Library", &broken, &error));
    g_assert_no_error (error);
    g_assert_cmpint (broken->len, ==, 1);
    g_assert_cmpint (count_movements (f, "TAPE01L9"), ==, 3);
    g_clear_pointer (&broken, g_ptr_array_unref);
  }

  /* Confirmed: recorded, and the audit says it was. */
  g_assert_true (custody_store_scan_volume (f->store, "TAPE01L9", template, TRUE, &movement,
                                            &broken, &error));
  g_assert_no_error (error);
  g_assert_cmpint (movement, >, 0);
  g_assert_cmpint (count_movements (f, "TAPE01L9"), ==, 4);
  last = last_audit (f, &root);
  g_assert_cmpstr (json_object_get_string_member (last, "action"), ==, "media.scan-confirmed");
  g_assert_nonnull (strstr (json_object_get_string_member (last, "after"), "payroll (1-offsite"));
  v = payroll (f);
  g_assert_false (v->rules[CUSTODY_RULE_1_OFFSITE].pass);
  g_clear_pointer (&v, custody_verdict_unref);

  /* Undo takes it back to the vault. */
  g_assert_true (custody_store_undo_movement (f->store, movement, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_movements (f, "TAPE01L9"), ==, 5);
  v = payroll (f);
  g_assert_true (v->rules[CUSTODY_RULE_1_OFFSITE].pass);
  g_clear_pointer (&root, json_node_unref);
  last = last_audit (f, &root);
  g_assert_cmpstr (json_object_get_string_member (last, "action"), ==, "media.undo-move");

  /* Only the latest movement can be taken back. */
  g_assert_false (custody_store_undo_movement (f->store, movement, &error));
  g_assert_error (error, CUSTODY_STORE_ERROR, CUSTODY_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* An unknown volume is not found, and nothing is written. */
  g_assert_false (custody_store_scan_volume (f->store, "NOPE01L9", template, TRUE, NULL, NULL,
                                             &error));
  g_assert_error (error, CUSTODY_STORE_ERROR, CUSTODY_STORE_ERROR_NOT_FOUND);
}

static void
test_retire_guard (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(CustodyMedium) tape = NULL;
  g_autoptr(CustodyMedium) other = NULL;
  g_autoptr(CustodyVerdict) v = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *last;

  build_payroll (f);

  /* An unused volume retires quietly. */
  other = custody_store_get_medium (f->store, "TAPE02L9", &error);
  other->status = CUSTODY_MEDIUM_RETIRED;
  g_assert_true (custody_store_update_medium (f->store, "TAPE02L9", other, FALSE, &error));
  g_assert_no_error (error);

  /* Returning payroll's only offsite tape to scratch is refused. */
  tape = custody_store_get_medium (f->store, "TAPE01L9", &error);
  tape->status = CUSTODY_MEDIUM_SCRATCH;
  g_assert_false (custody_store_update_medium (f->store, "TAPE01L9", tape, FALSE, &error));
  g_assert_error (error, CUSTODY_STORE_ERROR, CUSTODY_STORE_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "payroll"));
  g_clear_error (&error);
  g_clear_object (&tape);
  tape = custody_store_get_medium (f->store, "TAPE01L9", &error);
  g_assert_cmpint (tape->status, ==, CUSTODY_MEDIUM_IN_USE);

  /* Confirmed, its restore point no longer counts. */
  tape->status = CUSTODY_MEDIUM_RETIRED;
  g_assert_true (custody_store_update_medium (f->store, "TAPE01L9", tape, TRUE, &error));
  g_assert_no_error (error);
  last = last_audit (f, &root);
  g_assert_cmpstr (json_object_get_string_member (last, "action"), ==, "media.retire-confirmed");
  g_assert_nonnull (strstr (json_object_get_string_member (last, "after"), "payroll"));
  v = payroll (f);
  g_assert_false (v->rules[CUSTODY_RULE_1_OFFSITE].pass);
  g_assert_false (v->copies[1].valid);
  g_assert_nonnull (strstr (v->copies[1].why_invalid, "retired"));

  /* Judged as of before the retirement, it still counted then. */
  {
    gint64 before_retirement = custody_test_time ("2026-11-20T08:30:00Z");
    g_autoptr(GPtrArray) then = custody_store_evaluate_at (f->store, NULL, before_retirement,
                                                           &error);
    CustodyVerdict *payroll_then;

    g_assert_no_error (error);
    payroll_then = g_ptr_array_index (then, 0);
    g_assert_true (payroll_then->rules[CUSTODY_RULE_1_OFFSITE].pass);
  }
}

/*
 * Desk alerts
 */

static void
test_overdue_alerts (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(CustodyDesk) desk = NULL;
  g_autoptr(CustodyAlert) alert = NULL;
  g_autoptr(GError) error = NULL;

  build_payroll (f);
  /* TAPE01L9 left with the courier on the 20th and never arrived. */
  move (f, "TAPE01L9", "Truck", "2026-11-21T06:00:00Z");
  custody_store_set_clock (f->store, custody_test_time ("2026-11-24T09:00:00Z"));

  desk = custody_store_get_desk (f->store, &error);
  g_assert_no_error (error);
  g_assert_nonnull (custody_desk_find (desk, "TAPE01L9"));
  g_assert_cmpint (custody_desk_find (desk, "TAPE01L9")->list, ==, CUSTODY_DESK_OVERDUE);
  custody_store_sync_desk_alerts (f->store, desk, NULL, &error);
  g_assert_no_error (error);
  alert = open_alert (f, "media-overdue");
  g_assert_nonnull (alert);
  {
    /* Worded from what is stored, in the reader's language: here English. */
    g_autofree char *due = custody_time_format_date (custody_desk_find (desk, "TAPE01L9")->due);
    g_autofree char *expected = g_strdup_printf ("1 volume is overdue at the desk since %s: "
                                                 "TAPE01L9", due);

    g_assert_cmpstr (alert->message, ==, expected);
    g_assert_cmpstr (alert->subject, ==, "Tape desk");
  }

  /* It arrives: the alert goes with the next sync. */
  move (f, "TAPE01L9", "Vault", "2026-11-24T10:00:00Z");
  g_clear_pointer (&desk, custody_desk_unref);
  desk = custody_store_get_desk (f->store, &error);
  g_assert_no_error (error);
  custody_store_sync_desk_alerts (f->store, desk, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&alert);
  alert = open_alert (f, "media-overdue");
  g_assert_null (alert);
}

/*
 * Labels
 */

/* Runs of dark and light pixels along one row of an image. */
static GArray *
runs_along (cairo_surface_t *surface,
            int              row)
{
  GArray *runs = g_array_new (FALSE, FALSE, sizeof (int));
  unsigned char *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  int width = cairo_image_surface_get_width (surface);
  gboolean dark = FALSE;
  int run = 0;

  for (int x = 0; x < width; x++)
    {
      guint32 pixel = *(guint32 *) (data + row * stride + 4 * x);
      gboolean d = (pixel & 0xff) < 128;

      if (d != dark)
        {
          g_array_append_val (runs, run);
          run = 0;
          dark = d;
        }
      run++;
    }
  g_array_append_val (runs, run);
  return runs;
}

/* The label as drawn: bars 0.432 mm and 2.75 times that, 11.1 mm tall,
 * quiet zones of at least ten narrow bars, on a 79 x 17 mm label. */
static void
test_label_geometry (void)
{
  const char *volsers[] = { "A00001L9", NULL };
  g_autoptr(CustodyLabels) labels = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) runs = NULL;
  g_autofree char *pattern = NULL;
  const double px_per_mm = 50.0;
  cairo_surface_t *surface;
  cairo_t *cr;
  double w, h, narrow = 0.432 * px_per_mm;   /* the specification, not our constant */
  guint bars = 0;
  int row, top = -1, bottom = -1, column;

  labels = custody_labels_new (volsers, CUSTODY_LABELS_SINGLE, &error);
  g_assert_no_error (error);
  custody_printable_get_page_size (CUSTODY_PRINTABLE (labels), &w, &h);
  g_assert_cmpfloat_with_epsilon (w / CUSTODY_MM, 79.0, 0.01);
  g_assert_cmpfloat_with_epsilon (h / CUSTODY_MM, 17.0, 0.01);

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) (79 * px_per_mm),
                                        (int) (17 * px_per_mm));
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, px_per_mm / CUSTODY_MM, px_per_mm / CUSTODY_MM);
  custody_printable_draw_page (CUSTODY_PRINTABLE (labels), cr, 0);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  /* Along a row through the bars, near the label's foot. */
  row = (int) ((17 - 0.8 - 1.0) * px_per_mm);
  runs = runs_along (surface, row);
  pattern = custody_code39_pattern ("A00001L9", &error);
  g_assert_no_error (error);
  /* light, then bar, space, bar... then light */
  g_assert_cmpint (runs->len, ==, strlen (pattern) + 2);
  g_assert_cmpfloat (g_array_index (runs, int, 0), >=, 10 * narrow);
  g_assert_cmpfloat (g_array_index (runs, int, runs->len - 1), >=, 10 * narrow);
  for (guint i = 0; pattern[i] != '\0'; i++)
    {
      double expected = pattern[i] == 'w' ? narrow * 2.75 : narrow;
      int got = g_array_index (runs, int, i + 1);

      g_assert_cmpfloat (ABS (got - expected), <=, 1.5);
      bars += i % 2 == 0 ? 1 : 0;
    }
  g_assert_cmpint (bars, ==, 10 * 5);   /* ten characters of five bars */

  /* The bars' height, down the first bar. */
  column = g_array_index (runs, int, 0) + 1;
  for (row = 0; row < cairo_image_surface_get_height (surface); row++)
    {
      guint32 pixel = *(guint32 *) (cairo_image_surface_get_data (surface) +
                                    row * cairo_image_surface_get_stride (surface) + 4 * column);
      if ((pixel & 0xff) < 128)
        {
          if (top < 0)
            top = row;
          bottom = row;
        }
    }
  g_assert_cmpfloat (ABS ((bottom + 1 - top) - 11.1 * px_per_mm), <=, 2);
  cairo_surface_destroy (surface);

  /* What is no label is refused. */
  {
    const char *bad[] = { "A00001L9X", NULL };
    const char *star[] = { "A0*001", NULL };
    g_autoptr(CustodyLabels) none = custody_labels_new (bad, CUSTODY_LABELS_A4, &error);

    g_assert_null (none);
    g_assert_error (error, CUSTODY_PARSE_ERROR, CUSTODY_PARSE_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_null (custody_labels_new (star, CUSTODY_LABELS_A4, &error));
    g_assert_error (error, CUSTODY_PARSE_ERROR, CUSTODY_PARSE_ERROR_INVALID);
  }
}

/* The app syncs desk alerts on every poll: a job named in any script
 * must not make it fail ("malformed JSON" from g_strescape's octal). */
static void
test_sync_alerts_any_name (Fixture       *f,
                           gconstpointer  data)
{
  static const char * const names[] = { "名前", "💾 \"q\" \\", "\xe2\x80\xae" "gif.exe", "גיבוי" };
  g_autoptr(CustodyDesk) desk = NULL;
  g_autoptr(GPtrArray) verdicts = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "custody.db", NULL);
  sqlite3 *db = NULL;

  /* An open observed-break alert: only then does SQLite read the list. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO alerts (cause, kind, severity, subject, message,"
                                     " raised_at) VALUES ('observed-break:old', 'observed-break',"
                                     " 'critical', 'old', 'old', 0)", NULL, NULL, NULL), ==,
                   SQLITE_OK);
  sqlite3_close (db);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(CustodyJob) job = custody_job_new ();

      job->name = g_strdup (names[i]);
      job->rpo_hours = 24;
      job->verify_days = 30;
      custody_store_add_job (f->store, job, &error);
      g_assert_no_error (error);
    }

  desk = custody_store_get_desk (f->store, &error);
  g_assert_no_error (error);
  verdicts = custody_store_evaluate (f->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (verdicts->len, ==, G_N_ELEMENTS (names));
  g_assert_true (custody_store_sync_desk_alerts (f->store, desk, verdicts, &error));
  g_assert_no_error (error);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/desk/mtx/import-observed-fact-raises-alert", Fixture, NULL, fixture_set_up,
              test_mtx_import_observed_fact_raises_alert, fixture_tear_down);
  g_test_add ("/desk/reconcile/present-missing-surplus", Fixture, NULL, fixture_set_up,
              test_reconcile_present_missing_surplus, fixture_tear_down);
  g_test_add ("/desk/guard/scan-refused-confirmed-undone", Fixture, NULL, fixture_set_up,
              test_scan_guard_and_undo, fixture_tear_down);
  g_test_add ("/desk/guard/retire", Fixture, NULL, fixture_set_up, test_retire_guard,
              fixture_tear_down);
  g_test_add ("/desk/alerts/sync-with-any-name", Fixture, NULL, fixture_set_up,
              test_sync_alerts_any_name, fixture_tear_down);
  g_test_add ("/desk/alerts/overdue", Fixture, NULL, fixture_set_up, test_overdue_alerts,
              fixture_tear_down);
  g_test_add_func ("/desk/labels/lto-geometry", test_label_geometry);

  return g_test_run ();
}
