/* test-store-writes.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The store's contract for each write, at the store's own API on a real
 * SQLite file: a write is seen by the readers and appends one audit entry
 * naming it; a refused write returns its error code and leaves the store
 * exactly as it was (every table's row count and the audit chain's head).
 */
#include "config.h"

#include <sqlite3.h>

#include "custody-store-test-utils.h"
#include "custody-store.h"
#include "custody-test-utils.h"

typedef struct
{
  char         *dir;
  char         *path;
  CustodyStore *store;
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
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
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

static const struct
{
  const char *name;
  Write       write;
  int         code;
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
};

static void
test_refused_write_changes_nothing (Fixture       *f,
                                    gconstpointer  data)
{
  guint i = GPOINTER_TO_UINT (data);
  g_autofree char *before = fingerprint (f);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (refused[i].write (f->store, &error));
  g_assert_nonnull (error);
  g_test_message ("%s: %s", refused[i].name, error->message);
  g_assert_error (error, CUSTODY_STORE_ERROR, refused[i].code);

  after = fingerprint (f);
  g_assert_cmpstr (after, ==, before);
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

  return g_test_run ();
}
