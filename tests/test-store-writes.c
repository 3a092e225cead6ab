/* test-store-writes.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The store's contract for each write, at the store's own API on a real
 * SQLite file: a write is seen by the readers and appends one audit entry
 * naming it; a refused write returns its error code and leaves the store
 * exactly as it was (every table's row count, the audit chain's head, and
 * SQLite's data_version as another connection sees it: nothing committed).
 */
#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "custody-store-test-utils.h"
#include "custody-store.h"
#include "custody-test-utils.h"

typedef struct
{
  char         *dir;
  char         *path;
  CustodyStore *store;
  sqlite3      *watch;      /* another connection, for data_version */
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(CustodyCopy) copy = custody_copy_new ();
  g_autoptr(CustodyMedium) medium = custody_medium_new ();
  g_autoptr(GError) error = NULL;

  f->dir = custody_test_make_tmpdir ();
  f->path = g_build_filename (f->dir, "custody.db", NULL);
  f->store = custody_store_open (f->path, CUSTODY_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);

  /* What the writes below work on. */
  g_assert_true (custody_store_add_location (f->store, "Vault", CUSTODY_LOCATION_OFFSITE_VAULT,
                                             &error));
  g_assert_true (custody_store_add_location (f->store, "Library", CUSTODY_LOCATION_LIBRARY,
                                             &error));
  custody_test_add_job (f->store, "payroll");
  copy->job = g_strdup ("payroll");
  copy->name = g_strdup ("nas");
  copy->media_type = CUSTODY_MEDIA_TYPE_DISK;
  g_assert_true (custody_store_add_copy (f->store, copy, &error));
  medium->volser = g_strdup ("A00001L9");
  medium->type = g_strdup ("LTO-9");
  g_assert_true (custody_store_add_medium (f->store, medium, "Library", &error));
  g_assert_no_error (error);

  g_assert_cmpint (sqlite3_open_v2 (f->path, &f->watch, SQLITE_OPEN_READONLY, NULL), ==,
                   SQLITE_OK);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  sqlite3_close (f->watch);
  custody_test_remove_tmpdir (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

/* Every table's row count and the audit chain's last hash: any write
 * changes one of them. */
static char *
fingerprint (Fixture *f)
{
  g_autoptr(GString) s = g_string_new (NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (f->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_schema WHERE type = 'table' "
                                       "ORDER BY name", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *table = (const char *) sqlite3_column_text (stmt, 0);
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM \"%s\"", table);

      g_string_append_printf (s, "%s=%" G_GINT64_FORMAT " ", table,
                              custody_test_query_int (f->path, sql));
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_string_append (s, custody_test_query_text (f->path, "SELECT hash FROM audit "
                                                        "ORDER BY id DESC LIMIT 1"));
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static gint64
audit_count (Fixture *f)
{
  return custody_test_query_int (f->path, "SELECT count(*) FROM audit");
}

/* Changes with every commit of another connection (the store's). */
static gint64
data_version (Fixture *f)
{
  sqlite3_stmt *stmt = NULL;
  gint64 version;

  g_assert_cmpint (sqlite3_prepare_v2 (f->watch, "PRAGMA data_version", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  version = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return version;
}

static GInputStream *
input_of (const char *text,
          gssize      length)
{
  gsize n = length < 0 ? strlen (text) : (gsize) length;

  return g_memory_input_stream_new_from_data (g_memdup2 (text, n), n, g_free);
}

static char *
fixture_text (const char *name,
              gsize      *length)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", name, NULL);
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, length, &error);
  g_assert_no_error (error);
  return text;
}

/* A tool's output, imported as `custodyctl import` does, into payroll/nas. */
static gboolean
import_tool (CustodyStore         *store,
             CustodyImportFormat   format,
             const char           *text,
             gssize                length,
             CustodyImportResult  *result,
             GError              **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, length < 0 ? strlen (text) : (gsize) length);
  CustodyImportOptions options;

  custody_import_options_init (&options);
  options.job = "payroll";
  options.copy = "nas";
  options.time_zone = "UTC";
  options.library = "Library";
  options.shelf = "Vault";
  return custody_store_import (store, format, bytes, &options, result, NULL, error);
}

/* payroll's only offsite copy: a tape run on A00001L9, in the vault. */
static void
rely_on_the_tape (CustodyStore *store)
{
  g_autoptr(CustodyMovement) mv = custody_movement_new ();
  g_autoptr(GError) error = NULL;
  const char *volsers[] = { "A00001L9", NULL };
  gint64 now = custody_store_get_clock (store);

  custody_test_add_copy (store, "payroll", "tape", CUSTODY_MEDIA_TYPE_TAPE, NULL, FALSE);
  custody_test_record_run (store, "payroll", "tape", CUSTODY_RUN_SUCCESS, now - 7200,
                           now - 3600, "A00001L9");
  mv->to = g_strdup ("Vault");
  g_assert_true (custody_store_move_media (store, volsers, mv, TRUE, &error));
  g_assert_no_error (error);
}

/* The alerts the engine raises today: payroll has no run at all. */
static void
raise_alerts (CustodyStore *store)
{
  g_autoptr(GPtrArray) verdicts = NULL;
  g_autoptr(GPtrArray) alerts = NULL;
  g_autoptr(GError) error = NULL;
  guint raised = 0;

  verdicts = custody_store_evaluate (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (custody_store_sync_alerts (store, verdicts, &raised, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (raised, >, 0);
  alerts = custody_store_list_alerts (store, FALSE, &error);
  g_assert_cmpuint (alerts->len, ==, raised);
}

static gint64
first_alert_id (CustodyStore *store)
{
  g_autoptr(GPtrArray) alerts = custody_store_list_alerts (store, FALSE, NULL);

  g_assert_nonnull (alerts);
  g_assert_cmpuint (alerts->len, >, 0);
  return ((CustodyAlert *) g_ptr_array_index (alerts, 0))->id;
}

/*
 * Writes that are refused
 */

typedef gboolean (*Write) (CustodyStore *store, GError **error);

static gboolean
add_job_twice (CustodyStore  *store,
               GError       **error)
{
  g_autoptr(CustodyJob) job = custody_job_new ();

  job->name = g_strdup ("payroll");
  return custody_store_add_job (store, job, error);
}

static gboolean
update_unknown_job (CustodyStore  *store,
                    GError       **error)
{
  g_autoptr(CustodyJob) job = custody_job_new ();

  job->name = g_strdup ("mail");
  return custody_store_update_job (store, "mail", job, error);
}

static gboolean
remove_unknown_job (CustodyStore  *store,
                    GError       **error)
{
  return custody_store_remove_job (store, "mail", error);
}

static gboolean
add_copy_to_unknown_job (CustodyStore  *store,
                         GError       **error)
{
  g_autoptr(CustodyCopy) copy = custody_copy_new ();

  copy->job = g_strdup ("mail");
  copy->name = g_strdup ("nas");
  return custody_store_add_copy (store, copy, error);
}

static gboolean
add_copy_twice (CustodyStore  *store,
                GError       **error)
{
  g_autoptr(CustodyCopy) copy = custody_copy_new ();

  copy->job = g_strdup ("payroll");
  copy->name = g_strdup ("nas");
  return custody_store_add_copy (store, copy, error);
}

static gboolean
remove_unknown_copy (CustodyStore  *store,
                     GError       **error)
{
  return custody_store_remove_copy (store, "payroll", "tape", error);
}

static gboolean
record_for_unknown_copy (CustodyStore  *store,
                         GError       **error)
{
  g_autoptr(CustodyExecution) e = custody_execution_new ();

  e->job = g_strdup ("payroll");
  e->copy = g_strdup ("tape");
  e->status = CUSTODY_RUN_SUCCESS;
  e->started = 1000;
  e->finished = 2000;
  return custody_store_record_execution (store, e, NULL, error);
}

static gboolean
verify_unknown_job (CustodyStore  *store,
                    GError       **error)
{
  g_autoptr(CustodyVerification) v = custody_verification_new ();

  v->job = g_strdup ("mail");
  v->copy = g_strdup ("nas");
  v->passed = TRUE;
  v->at = 3000;
  return custody_store_add_verification (store, v, error);
}

static gboolean
add_location_twice (CustodyStore  *store,
                    GError       **error)
{
  return custody_store_add_location (store, "Vault", CUSTODY_LOCATION_OFFSITE_VAULT, error);
}

static gboolean
add_medium_twice (CustodyStore  *store,
                  GError       **error)
{
  g_autoptr(CustodyMedium) medium = custody_medium_new ();

  medium->volser = g_strdup ("A00001L9");
  medium->type = g_strdup ("LTO-9");
  return custody_store_add_medium (store, medium, "Library", error);
}

static gboolean
move_to_unknown_location (CustodyStore  *store,
                          GError       **error)
{
  g_autoptr(CustodyMovement) mv = custody_movement_new ();
  const char *volsers[] = { "A00001L9", NULL };

  mv->to = g_strdup ("Moon");
  return custody_store_move_media (store, volsers, mv, TRUE, error);
}

static gboolean
move_unknown_medium (CustodyStore  *store,
                     GError       **error)
{
  g_autoptr(CustodyMovement) mv = custody_movement_new ();
  const char *volsers[] = { "Z99999L9", NULL };

  mv->to = g_strdup ("Vault");
  return custody_store_move_media (store, volsers, mv, TRUE, error);
}

static gboolean
set_unknown_policy_key (CustodyStore  *store,
                        GError       **error)
{
  return custody_store_set_policy_value (store, "no-such-key", "1", error);
}

static gboolean
set_invalid_policy_value (CustodyStore  *store,
                          GError       **error)
{
  return custody_store_set_policy_value (store, "at-risk-rpo-fraction", "1.5", error);
}

static gboolean
update_unknown_pool (CustodyStore  *store,
                     GError       **error)
{
  g_autoptr(CustodyPool) pool = custody_pool_new ("Monthly");

  return custody_store_update_pool (store, "Monthly", pool, error);
}

static gboolean
edit_unknown_medium (CustodyStore  *store,
                     GError       **error)
{
  g_autoptr(CustodyMedium) changes = custody_medium_new ();

  changes->type = g_strdup ("LTO-9");
  return custody_store_update_medium (store, "Z99999L9", changes, FALSE, error);
}

static gboolean
edit_medium_without_type (CustodyStore  *store,
                          GError       **error)
{
  g_autoptr(CustodyMedium) changes = custody_store_get_medium (store, "A00001L9", error);

  g_clear_pointer (&changes->type, g_free);
  changes->note = (g_free (changes->note), g_strdup ("no type"));
  return custody_store_update_medium (store, "A00001L9", changes, FALSE, error);
}

/* Refused after its new pool was made inside the write: that goes too. */
static gboolean
release_relied_on (CustodyStore         *store,
                   CustodyMediumStatus   status,
                   GError              **error)
{
  g_autoptr(CustodyMedium) changes = custody_store_get_medium (store, "A00001L9", error);

  changes->status = status;
  changes->pool = (g_free (changes->pool), g_strdup ("Retired tapes"));
  return custody_store_update_medium (store, "A00001L9", changes, FALSE, error);
}

static gboolean
retire_relied_on_medium (CustodyStore  *store,
                         GError       **error)
{
  return release_relied_on (store, CUSTODY_MEDIUM_RETIRED, error);
}

static gboolean
scratch_relied_on_medium (CustodyStore  *store,
                          GError       **error)
{
  return release_relied_on (store, CUSTODY_MEDIUM_SCRATCH, error);
}

static void
add_weekly_pool (CustodyStore *store)
{
  g_autoptr(CustodyPool) pool = custody_pool_new ("Weekly");
  g_autoptr(GError) error = NULL;

  g_assert_true (custody_store_add_pool (store, pool, &error));
  g_assert_no_error (error);
}

static gboolean
add_pool_twice (CustodyStore  *store,
                GError       **error)
{
  g_autoptr(CustodyPool) pool = custody_pool_new ("Weekly");

  return custody_store_add_pool (store, pool, error);
}

/* The known alert is not acknowledged either. */
static gboolean
acknowledge_unknown_alert (CustodyStore  *store,
                           GError       **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 unknown = 999999;
  gint64 known = first_alert_id (store);

  g_array_append_val (ids, known);
  g_array_append_val (ids, unknown);
  return custody_store_acknowledge_alerts (store, ids, "Ben Okafor", NULL, NULL, error) >= 0;
}

/* The first record is good, the second is not: neither is imported. */
static gboolean
import_csv_with_a_bad_line (CustodyStore  *store,
                            GError       **error)
{
  g_autoptr(GInputStream) input = input_of ("job,copy,started,finished,status\n"
                                            "payroll,nas,2026-11-19T22:00:00Z,"
                                            "2026-11-19T23:00:00Z,success\n"
                                            "payroll,nas,2026-11-20T22:00:00Z,"
                                            "yesterday,success\n", -1);
  CustodyImportStats stats;

  return custody_store_import_csv (store, "executions", input, &stats, NULL, error);
}

static gboolean
import_tool_cut_short (CustodyStore         *store,
                       CustodyImportFormat   format,
                       const char           *fixture,
                       GError              **error)
{
  gsize length;
  g_autofree char *text = fixture_text (fixture, &length);
  CustodyImportResult result = { 0, };
  gboolean ok = import_tool (store, format, text, length * 2 / 3, &result, error);

  custody_import_result_clear (&result);
  return ok;
}

static gboolean
import_restic_cut_short (CustodyStore  *store,
                         GError       **error)
{
  return import_tool_cut_short (store, CUSTODY_IMPORT_RESTIC,
                                "import/restic-0.19-snapshots.json", error);
}

static gboolean
import_borg_cut_short (CustodyStore  *store,
                       GError       **error)
{
  return import_tool_cut_short (store, CUSTODY_IMPORT_BORG, "import/borg-1.2-list.json", error);
}

static gboolean
import_bareos_error (CustodyStore  *store,
                     GError       **error)
{
  gsize length;
  g_autofree char *text = fixture_text ("import/bareos-api2-error.json", &length);
  CustodyImportResult result = { 0, };
  gboolean ok = import_tool (store, CUSTODY_IMPORT_BAREOS_JOBS, text, length, &result, error);

  custody_import_result_clear (&result);
  return ok;
}

static gboolean
import_bareos_volumes_cut_short (CustodyStore  *store,
                                 GError       **error)
{
  gsize length;
  g_autofree char *text = fixture_text ("import/bareos-list-volumes-issue2694.txt", &length);
  CustodyImportResult result = { 0, };
  gboolean ok = import_tool (store, CUSTODY_IMPORT_BAREOS_VOLUMES, text, length, &result, error);

  custody_import_result_clear (&result);
  return ok;
}

/* A NUL byte after the first slot: the rest of the changer is not lost. */
static gboolean
import_mtx_with_a_nul (CustodyStore  *store,
                       GError       **error)
{
  static const char text[] =
    "  Storage Changer /dev/sg0:1 Drives, 3 Slots ( 0 Import/Export )\n"
    "Data Transfer Element 0:Empty\n"
    "      Storage Element 1:Full :VolumeTag=A00001L9\n"
    "\0     Storage Element 2:Full :VolumeTag=A00002L9\n";
  g_autoptr(GInputStream) input = input_of (text, sizeof text - 1);
  CustodyImportStats stats;

  return custody_store_import_mtx (store, input, "Library", &stats, NULL, NULL, error);
}

static gboolean
import_mtx_into_unknown_location (CustodyStore  *store,
                                  GError       **error)
{
  gsize length;
  g_autofree char *text = fixture_text ("mtx/mtx-status-impexp.txt", &length);
  g_autoptr(GInputStream) input = input_of (text, length);
  CustodyImportStats stats;

  return custody_store_import_mtx (store, input, "Moon", &stats, NULL, NULL, error);
}

typedef void (*Prepare) (CustodyStore *store);

static const struct
{
  const char *name;
  Write       write;
  int         code;
  Prepare     prepare;    /* what the write is refused on, before it */
} refused[] = {
  { "add-job-twice", add_job_twice, CUSTODY_STORE_ERROR_EXISTS },
  { "update-unknown-job", update_unknown_job, CUSTODY_STORE_ERROR_NOT_FOUND },
  { "remove-unknown-job", remove_unknown_job, CUSTODY_STORE_ERROR_NOT_FOUND },
  { "add-copy-to-unknown-job", add_copy_to_unknown_job, CUSTODY_STORE_ERROR_NOT_FOUND },
  { "add-copy-twice", add_copy_twice, CUSTODY_STORE_ERROR_EXISTS },
  { "remove-unknown-copy", remove_unknown_copy, CUSTODY_STORE_ERROR_NOT_FOUND },
  { "record-for-unknown-copy", record_for_unknown_copy, CUSTODY_STORE_ERROR_NOT_FOUND },
  { "verify-unknown-job", verify_unknown_job, CUSTODY_STORE_ERROR_NOT_FOUND },
  { "add-location-twice", add_location_twice, CUSTODY_STORE_ERROR_EXISTS },
  { "add-medium-twice", add_medium_twice, CUSTODY_STORE_ERROR_EXISTS },
  { "move-to-unknown-location", move_to_unknown_location, CUSTODY_STORE_ERROR_NOT_FOUND },
  { "move-unknown-medium", move_unknown_medium, CUSTODY_STORE_ERROR_NOT_FOUND },
  { "set-unknown-policy-key", set_unknown_policy_key, CUSTODY_STORE_ERROR_INVALID },
  { "set-invalid-policy-value", set_invalid_policy_value, CUSTODY_STORE_ERROR_INVALID },
  { "update-unknown-pool", update_unknown_pool, CUSTODY_STORE_ERROR_NOT_FOUND },
  { "add-pool-twice", add_pool_twice, CUSTODY_STORE_ERROR_EXISTS, add_weekly_pool },
  { "edit-unknown-medium", edit_unknown_medium, CUSTODY_STORE_ERROR_NOT_FOUND },
  { "edit-medium-without-type", edit_medium_without_type, CUSTODY_STORE_ERROR_INVALID },
  { "retire-relied-on-medium", retire_relied_on_medium, CUSTODY_STORE_ERROR_REFUSED,
    rely_on_the_tape },
  { "scratch-relied-on-medium", scratch_relied_on_medium, CUSTODY_STORE_ERROR_REFUSED,
    rely_on_the_tape },
  { "acknowledge-unknown-alert", acknowledge_unknown_alert, CUSTODY_STORE_ERROR_NOT_FOUND,
    raise_alerts },
  { "import-csv-with-a-bad-line", import_csv_with_a_bad_line, CUSTODY_STORE_ERROR_INVALID },
  { "import-restic-cut-short", import_restic_cut_short, CUSTODY_STORE_ERROR_INVALID },
  { "import-borg-cut-short", import_borg_cut_short, CUSTODY_STORE_ERROR_INVALID },
  { "import-bareos-error", import_bareos_error, CUSTODY_STORE_ERROR_INVALID },
  { "import-bareos-volumes-cut-short", import_bareos_volumes_cut_short,
    CUSTODY_STORE_ERROR_INVALID },
  { "import-mtx-with-a-nul", import_mtx_with_a_nul, CUSTODY_STORE_ERROR_INVALID },
  { "import-mtx-into-unknown-location", import_mtx_into_unknown_location,
    CUSTODY_STORE_ERROR_NOT_FOUND },
};

static void
test_refused_write_changes_nothing (Fixture       *f,
                                    gconstpointer  data)
{
  guint i = GPOINTER_TO_UINT (data);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  gint64 version;

  if (refused[i].prepare != NULL)
    refused[i].prepare (f->store);
  before = fingerprint (f);
  version = data_version (f);

  g_assert_false (refused[i].write (f->store, &error));
  g_assert_nonnull (error);
  g_test_message ("%s: %s", refused[i].name, error->message);
  g_assert_error (error, CUSTODY_STORE_ERROR, refused[i].code);

  after = fingerprint (f);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (data_version (f), ==, version);
}

/*
 * Writes that are done
 */

/* The last audit entry is @action on @entity, and the only new one. */
static void
assert_audited (Fixture    *f,
                gint64      entries_before,
                const char *action,
                const char *entity)
{
  g_autofree char *last_action = custody_test_query_text (f->path, "SELECT action FROM audit "
                                                                   "ORDER BY id DESC LIMIT 1");
  g_autofree char *last_entity = custody_test_query_text (f->path, "SELECT entity FROM audit "
                                                                   "ORDER BY id DESC LIMIT 1");

  g_assert_cmpint (audit_count (f), ==, entries_before + 1);
  g_assert_cmpstr (last_action, ==, action);
  g_assert_cmpstr (last_entity, ==, entity);
}

static void
test_job_writes_are_seen_and_audited (Fixture       *f,
                                      gconstpointer  data)
{
  g_autoptr(CustodyJob) job = NULL;
  g_autoptr(CustodyJob) changes = custody_job_new ();
  g_autoptr(GError) error = NULL;
  gint64 n = audit_count (f);

  custody_test_add_job (f->store, "mail");
  assert_audited (f, n, "job.add", "job:mail");

  changes->name = g_strdup ("mail");
  changes->rpo_hours = 48;
  g_assert_true (custody_store_update_job (f->store, "mail", changes, &error));
  g_assert_no_error (error);
  assert_audited (f, n + 1, "job.update", "job:mail");
  job = custody_store_get_job (f->store, "mail", &error);
  g_assert_no_error (error);
  g_assert_cmpint (job->rpo_hours, ==, 48);

  g_assert_true (custody_store_remove_job (f->store, "mail", &error));
  g_assert_no_error (error);
  assert_audited (f, n + 2, "job.remove", "job:mail");
  g_clear_object (&job);
  job = custody_store_get_job (f->store, "mail", &error);
  g_assert_null (job);
  g_assert_error (error, CUSTODY_STORE_ERROR, CUSTODY_STORE_ERROR_NOT_FOUND);
}

static void
test_copy_run_and_verification_are_seen_and_audited (Fixture       *f,
                                                     gconstpointer  data)
{
  g_autoptr(CustodyCopy) copy = custody_copy_new ();
  g_autoptr(CustodyExecution) e = custody_execution_new ();
  g_autoptr(CustodyVerification) v = custody_verification_new ();
  g_autoptr(GPtrArray) copies = NULL;
  g_autoptr(GPtrArray) verifications = NULL;
  g_autoptr(GError) error = NULL;
  gboolean added = FALSE;
  gint64 n = audit_count (f);

  copy->job = g_strdup ("payroll");
  copy->name = g_strdup ("tape");
  copy->media_type = CUSTODY_MEDIA_TYPE_TAPE;
  g_assert_true (custody_store_add_copy (f->store, copy, &error));
  g_assert_no_error (error);
  assert_audited (f, n, "copy.add", "copy:payroll/tape");
  copies = custody_store_list_copies (f->store, "payroll", &error);
  g_assert_cmpuint (copies->len, ==, 2);

  e->job = g_strdup ("payroll");
  e->copy = g_strdup ("nas");
  e->status = CUSTODY_RUN_SUCCESS;
  e->started = custody_store_get_clock (f->store) - 7200;
  e->finished = e->started + 3600;
  g_assert_true (custody_store_record_execution (f->store, e, &added, &error));
  g_assert_no_error (error);
  g_assert_true (added);
  g_assert_cmpint (custody_store_count_executions (f->store, "payroll", &error), ==, 1);
  g_assert_cmpint (audit_count (f), ==, n + 2);

  v->job = g_strdup ("payroll");
  v->copy = g_strdup ("nas");
  v->passed = TRUE;
  v->at = e->finished;
  g_assert_true (custody_store_add_verification (f->store, v, &error));
  g_assert_no_error (error);
  verifications = custody_store_list_verifications (f->store, "payroll", &error);
  g_assert_cmpuint (verifications->len, ==, 1);
  g_assert_cmpint (audit_count (f), ==, n + 3);

  g_assert_true (custody_store_remove_copy (f->store, "payroll", "tape", &error));
  g_assert_no_error (error);
  assert_audited (f, n + 3, "copy.remove", "copy:payroll/tape");
}

static void
test_media_and_location_writes_are_seen_and_audited (Fixture       *f,
                                                     gconstpointer  data)
{
  g_autoptr(CustodyMovement) mv = custody_movement_new ();
  g_autoptr(CustodyMedium) medium = NULL;
  g_autoptr(GPtrArray) locations = NULL;
  g_autoptr(GError) error = NULL;
  const char *volsers[] = { "A00001L9", NULL };
  gint64 n = audit_count (f);

  g_assert_true (custody_store_add_location (f->store, "Truck", CUSTODY_LOCATION_TRANSIT, &error));
  g_assert_no_error (error);
  assert_audited (f, n, "location.add", "location:Truck");
  locations = custody_store_list_locations (f->store, &error);
  g_assert_cmpuint (locations->len, ==, 3);

  mv->to = g_strdup ("Truck");
  g_assert_true (custody_store_move_media (f->store, volsers, mv, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (audit_count (f), ==, n + 2);
  medium = custody_store_get_medium (f->store, "A00001L9", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (medium->location, ==, "Truck");
}

static void
test_policy_write_is_seen_and_audited (Fixture       *f,
                                       gconstpointer  data)
{
  CustodyPolicy policy;
  g_autoptr(GError) error = NULL;
  gint64 n = audit_count (f);

  g_assert_true (custody_store_set_policy_value (f->store, "at-risk-verify-days", "10", &error));
  g_assert_no_error (error);
  g_assert_cmpint (audit_count (f), ==, n + 1);
  g_assert_true (custody_store_get_policy (f->store, &policy, &error));
  g_assert_cmpint (policy.at_risk_verify_days, ==, 10);
}

static CustodyMedium *
get_medium (Fixture    *f,
            const char *volser)
{
  g_autoptr(GError) error = NULL;
  CustodyMedium *medium = custody_store_get_medium (f->store, volser, &error);

  g_assert_no_error (error);
  g_assert_nonnull (medium);
  return medium;
}

/* An edit, a retirement and a return to scratch: each seen, each its own
 * audit entry on the volume. */
static void
test_media_edit_retire_scratch_are_seen_and_audited (Fixture       *f,
                                                     gconstpointer  data)
{
  g_autoptr(CustodyMedium) medium = get_medium (f, "A00001L9");
  g_autoptr(CustodyMedium) after = NULL;
  g_autoptr(GError) error = NULL;
  gint64 n = audit_count (f);
  gint64 pools = custody_test_query_int (f->path, "SELECT count(*) FROM pools");

  g_free (medium->note);
  medium->note = g_strdup ("label peeling");
  g_free (medium->pool);
  medium->pool = g_strdup ("Weekly");
  medium->status = CUSTODY_MEDIUM_IN_USE;
  g_assert_true (custody_store_update_medium (f->store, "A00001L9", medium, FALSE, &error));
  g_assert_no_error (error);
  assert_audited (f, n, "media.edit", "media:A00001L9");
  after = get_medium (f, "A00001L9");
  g_assert_cmpstr (after->note, ==, "label peeling");
  g_assert_cmpstr (after->pool, ==, "Weekly");
  g_assert_cmpint (after->status, ==, CUSTODY_MEDIUM_IN_USE);
  /* The pool it names is made by the same write. */
  g_assert_cmpint (custody_test_query_int (f->path, "SELECT count(*) FROM pools"), ==,
                   pools + 1);

  after->status = CUSTODY_MEDIUM_RETIRED;
  g_assert_true (custody_store_update_medium (f->store, "A00001L9", after, FALSE, &error));
  g_assert_no_error (error);
  assert_audited (f, n + 1, "media.retire", "media:A00001L9");
  g_clear_object (&after);
  after = get_medium (f, "A00001L9");
  g_assert_cmpint (after->status, ==, CUSTODY_MEDIUM_RETIRED);

  after->status = CUSTODY_MEDIUM_IN_USE;
  g_assert_true (custody_store_update_medium (f->store, "A00001L9", after, FALSE, &error));
  g_assert_no_error (error);
  assert_audited (f, n + 2, "media.edit", "media:A00001L9");
  after->status = CUSTODY_MEDIUM_SCRATCH;
  g_assert_true (custody_store_update_medium (f->store, "A00001L9", after, FALSE, &error));
  g_assert_no_error (error);
  assert_audited (f, n + 3, "media.scratch", "media:A00001L9");
  g_clear_object (&after);
  after = get_medium (f, "A00001L9");
  g_assert_cmpint (after->status, ==, CUSTODY_MEDIUM_SCRATCH);
}

/* Confirmed, a retirement that breaks payroll is done, and says so. */
static void
test_confirmed_retirement_is_audited_as_such (Fixture       *f,
                                              gconstpointer  data)
{
  g_autoptr(CustodyMedium) medium = NULL;
  g_autoptr(CustodyMedium) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *details = NULL;
  gint64 n;

  rely_on_the_tape (f->store);
  n = audit_count (f);
  medium = get_medium (f, "A00001L9");
  medium->status = CUSTODY_MEDIUM_RETIRED;
  g_assert_true (custody_store_update_medium (f->store, "A00001L9", medium, TRUE, &error));
  g_assert_no_error (error);
  assert_audited (f, n, "media.retire-confirmed", "media:A00001L9");
  details = custody_test_query_text (f->path, "SELECT after FROM audit ORDER BY id DESC LIMIT 1");
  g_assert_nonnull (strstr (details, "payroll"));
  after = get_medium (f, "A00001L9");
  g_assert_cmpint (after->status, ==, CUSTODY_MEDIUM_RETIRED);
}

static CustodyPool *
find_pool (Fixture    *f,
           const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pools = custody_store_list_pools (f->store, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < pools->len; i++)
    {
      CustodyPool *pool = g_ptr_array_index (pools, i);

      if (g_str_equal (pool->name, name))
        return g_object_ref (pool);
    }
  return NULL;
}

static void
test_pool_writes_are_seen_and_audited (Fixture       *f,
                                       gconstpointer  data)
{
  g_autoptr(CustodyPool) pool = custody_pool_new ("Monthly");
  g_autoptr(CustodyPool) found = NULL;
  g_autoptr(GError) error = NULL;
  gint64 n = audit_count (f);

  g_free (pool->media_type);
  pool->media_type = g_strdup ("LTO-9");
  g_assert_true (custody_store_add_pool (f->store, pool, &error));
  g_assert_no_error (error);
  assert_audited (f, n, "pool.add", "pool:Monthly");
  found = find_pool (f, "Monthly");
  g_assert_nonnull (found);
  g_assert_cmpstr (found->media_type, ==, "LTO-9");

  g_free (pool->media_type);
  pool->media_type = g_strdup ("LTO-8");
  g_assert_true (custody_store_update_pool (f->store, "Monthly", pool, &error));
  g_assert_no_error (error);
  assert_audited (f, n + 1, "pool.edit", "pool:Monthly");
  g_clear_object (&found);
  found = find_pool (f, "Monthly");
  g_assert_cmpstr (found->media_type, ==, "LTO-8");
}

/* Acknowledged once, by the first who does; again, nothing is written. */
static void
test_alert_acknowledgement_is_seen_and_audited (Fixture       *f,
                                                gconstpointer  data)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) alerts = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 id, n, version;
  CustodyAlert *alert = NULL;

  raise_alerts (f->store);
  id = first_alert_id (f->store);
  g_array_append_val (ids, id);
  n = audit_count (f);
  version = data_version (f);

  g_assert_cmpint (custody_store_acknowledge_alerts (f->store, ids, "Ben Okafor", NULL, NULL,
                                                     &error), ==, 1);
  g_assert_no_error (error);
  assert_audited (f, n, "alerts.acknowledge", "alerts");
  /* What the refused writes are held to: a commit is seen. */
  g_assert_cmpint (data_version (f), !=, version);
  alerts = custody_store_list_alerts (f->store, FALSE, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < alerts->len; i++)
    if (((CustodyAlert *) g_ptr_array_index (alerts, i))->id == id)
      alert = g_ptr_array_index (alerts, i);
  g_assert_nonnull (alert);
  g_assert_cmpstr (alert->acknowledged_by, ==, "Ben Okafor");

  before = fingerprint (f);
  version = data_version (f);
  g_assert_cmpint (custody_store_acknowledge_alerts (f->store, ids, "Ana Silva", NULL, NULL,
                                                     &error), ==, 0);
  g_assert_no_error (error);
  after = fingerprint (f);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (data_version (f), ==, version);
}

/* Each import is one write with one audit entry, "import.<kind>"; the
 * same input again changes nothing and commits nothing. */
static void
assert_import_again_changes_nothing (Fixture    *f,
                                     const char *before)
{
  g_autofree char *after = fingerprint (f);

  g_assert_cmpstr (after, ==, before);
}

static void
test_csv_import_is_seen_and_audited (Fixture       *f,
                                     gconstpointer  data)
{
  const char *csv = "job,copy,started,finished,status\n"
                    "payroll,nas,2026-11-19T22:00:00Z,2026-11-19T23:00:00Z,success\n"
                    "payroll,nas,2026-11-20T22:00:00Z,2026-11-20T23:00:00Z,failed\n";
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  CustodyImportStats stats;
  gint64 n = audit_count (f);
  gint64 version = -1;

  for (guint round = 0; round < 2; round++)
    {
      g_autoptr(GInputStream) input = input_of (csv, -1);

      if (round == 1)
        {
          before = fingerprint (f);
          version = data_version (f);
        }
      g_assert_true (custody_store_import_csv (f->store, "executions", input, &stats, NULL,
                                               &error));
      g_assert_no_error (error);
      g_assert_cmpuint (stats.added, ==, round == 0 ? 2 : 0);
      g_assert_cmpuint (stats.unchanged, ==, round == 0 ? 0 : 2);
    }
  assert_audited (f, n, "import.executions", "import");
  g_assert_cmpint (custody_store_count_executions (f->store, "payroll", &error), ==, 2);
  assert_import_again_changes_nothing (f, before);
  g_assert_cmpint (data_version (f), ==, version);
}

static void
test_tool_imports_are_seen_and_audited (Fixture       *f,
                                        gconstpointer  data)
{
  static const struct
  {
    CustodyImportFormat  format;
    const char          *fixture;
    const char          *action;
    const char          *sql;        /* what it wrote */
    gint64               rows;
  } cases[] = {
    { CUSTODY_IMPORT_RESTIC, "import/restic-0.14-snapshots.json", "import.restic",
      "SELECT count(*) FROM executions WHERE run_id LIKE '69a11be7%'", 1 },
    { CUSTODY_IMPORT_BORG, "import/borg-1.2-list.json", "import.borg",
      "SELECT count(*) FROM executions WHERE run_id = '5c8cba5279364c3191282201948f79d7"
      "2bd3e49d56eecbcc5b509347216d8dc7'", 1 },
    { CUSTODY_IMPORT_BAREOS_VOLUMES, "import/bareos-list-volumes-docs.txt",
      "import.bareos-volumes", "SELECT count(*) FROM media WHERE volser = 'FULL-0001'", 1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gsize length;
      g_autofree char *text = fixture_text (cases[i].fixture, &length);
      g_autofree char *before = NULL;
      g_autoptr(GError) error = NULL;
      CustodyImportResult result = { 0, };
      gint64 n = audit_count (f);
      gint64 version;

      g_test_message ("%s", cases[i].fixture);
      g_assert_true (import_tool (f->store, cases[i].format, text, length, &result, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (result.stats.added + result.stats.updated, >, 0);
      custody_import_result_clear (&result);
      assert_audited (f, n, cases[i].action, "import");
      g_assert_cmpint (custody_test_query_int (f->path, cases[i].sql), ==, cases[i].rows);

      before = fingerprint (f);
      version = data_version (f);
      g_assert_true (import_tool (f->store, cases[i].format, text, length, &result, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (result.stats.added + result.stats.updated, ==, 0);
      custody_import_result_clear (&result);
      assert_import_again_changes_nothing (f, before);
      g_assert_cmpint (data_version (f), ==, version);
    }
}

static void
test_mtx_import_is_seen_and_audited (Fixture       *f,
                                     gconstpointer  data)
{
  gsize length;
  g_autofree char *text = fixture_text ("mtx/mtx-status-impexp.txt", &length);
  g_autofree char *before = NULL;
  g_autoptr(GError) error = NULL;
  CustodyImportStats stats;
  gint64 n = audit_count (f);
  gint64 version = -1;

  for (guint round = 0; round < 2; round++)
    {
      g_autoptr(GInputStream) input = input_of (text, length);

      if (round == 1)
        {
          before = fingerprint (f);
          version = data_version (f);
        }
      g_assert_true (custody_store_import_mtx (f->store, input, "Library", &stats, NULL, NULL,
                                               &error));
      g_assert_no_error (error);
      g_assert_cmpuint (stats.added, ==, round == 0 ? 12 : 0);
    }
  assert_audited (f, n, "import.mtx", "location:Library");
  g_assert_cmpint (custody_test_query_int (f->path, "SELECT count(*) FROM media WHERE volser"
                                                    " = '000021L8'"), ==, 1);
  assert_import_again_changes_nothing (f, before);
  g_assert_cmpint (data_version (f), ==, version);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autofree char *path = g_strdup_printf ("/store/writes/refused/%s", refused[i].name);

      g_test_add (path, Fixture, GUINT_TO_POINTER (i), fixture_set_up,
                  test_refused_write_changes_nothing, fixture_tear_down);
    }
  g_test_add ("/store/writes/job", Fixture, NULL, fixture_set_up,
              test_job_writes_are_seen_and_audited, fixture_tear_down);
  g_test_add ("/store/writes/copy-run-verification", Fixture, NULL, fixture_set_up,
              test_copy_run_and_verification_are_seen_and_audited, fixture_tear_down);
  g_test_add ("/store/writes/media-and-location", Fixture, NULL, fixture_set_up,
              test_media_and_location_writes_are_seen_and_audited, fixture_tear_down);
  g_test_add ("/store/writes/policy", Fixture, NULL, fixture_set_up,
              test_policy_write_is_seen_and_audited, fixture_tear_down);
  g_test_add ("/store/writes/media-edit-retire-scratch", Fixture, NULL, fixture_set_up,
              test_media_edit_retire_scratch_are_seen_and_audited, fixture_tear_down);
  g_test_add ("/store/writes/media-retire-confirmed", Fixture, NULL, fixture_set_up,
              test_confirmed_retirement_is_audited_as_such, fixture_tear_down);
  g_test_add ("/store/writes/pool", Fixture, NULL, fixture_set_up,
              test_pool_writes_are_seen_and_audited, fixture_tear_down);
  g_test_add ("/store/writes/alert-acknowledgement", Fixture, NULL, fixture_set_up,
              test_alert_acknowledgement_is_seen_and_audited, fixture_tear_down);
  g_test_add ("/store/writes/import-csv", Fixture, NULL, fixture_set_up,
              test_csv_import_is_seen_and_audited, fixture_tear_down);
  g_test_add ("/store/writes/import-tools", Fixture, NULL, fixture_set_up,
              test_tool_imports_are_seen_and_audited, fixture_tear_down);
  g_test_add ("/store/writes/import-mtx", Fixture, NULL, fixture_set_up,
              test_mtx_import_is_seen_and_audited, fixture_tear_down);

  return g_test_run ();
}
