/* custody-store-schema.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custody-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>

#include "custody-store-private.h"

/* Each migration takes the schema from version N to N + 1. They are
 * applied in one transaction at open, and never edited once released:
 * a change is a new migration. */
static const char * const migrations[] = {
  /* 1: every entity of domain.md */
  "CREATE TABLE meta ("
  "  key TEXT PRIMARY KEY,"
  "  value TEXT NOT NULL"
  ") STRICT;"

  "CREATE TABLE locations ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE,"
  "  kind TEXT NOT NULL CHECK (kind = 'library' OR kind = 'onsite-repo' OR"
  "    kind = 'onsite-shelf' OR kind = 'transit' OR kind = 'offsite-vault' OR"
  "    kind = 'offsite-repo' OR kind = 'destroyed'),"
  "  note TEXT NOT NULL DEFAULT '',"
  "  created_at INTEGER NOT NULL"
  ") STRICT;"

  "CREATE TABLE pools ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE,"
  "  media_type TEXT NOT NULL DEFAULT '',"
  "  scheme TEXT NOT NULL DEFAULT 'none' CHECK (scheme = 'none' OR scheme = 'gfs' OR "
  "  scheme = 'cycle'),"
  "  params TEXT NOT NULL DEFAULT '{}',"
  "  created_at INTEGER NOT NULL"
  ") STRICT;"

  "CREATE TABLE jobs ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE,"
  "  source TEXT NOT NULL DEFAULT '',"
  "  owner TEXT NOT NULL DEFAULT '',"
  "  rpo_hours INTEGER NOT NULL CHECK (rpo_hours > 0),"
  "  verify_days INTEGER NOT NULL CHECK (verify_days > 0),"
  "  tags TEXT NOT NULL DEFAULT '',"
  "  created_at INTEGER NOT NULL"
  ") STRICT;"

  "CREATE TABLE copies ("
  "  id INTEGER PRIMARY KEY,"
  "  job_id INTEGER NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,"
  "  name TEXT NOT NULL,"
  "  media_type TEXT NOT NULL CHECK (media_type = 'disk' OR media_type = 'object-storage' OR "
  "  media_type = 'tape' OR media_type = 'removable-disk' OR media_type = 'optical'),"
  "  location_id INTEGER REFERENCES locations (id),"
  "  immutable INTEGER NOT NULL DEFAULT 0 CHECK (immutable = 0 OR immutable = 1),"
  "  air_gapped INTEGER NOT NULL DEFAULT 0 CHECK (air_gapped = 0 OR air_gapped = 1),"
  "  retention_days INTEGER NOT NULL DEFAULT 0,"
  "  pool_id INTEGER REFERENCES pools (id),"
  "  created_at INTEGER NOT NULL,"
  "  UNIQUE (job_id, name)"
  ") STRICT;"
  "CREATE INDEX copies_location ON copies (location_id);"
  "CREATE INDEX copies_pool ON copies (pool_id);"

  "CREATE TABLE containers ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE,"
  "  seal TEXT NOT NULL DEFAULT '',"
  "  note TEXT NOT NULL DEFAULT '',"
  "  created_at INTEGER NOT NULL"
  ") STRICT;"

  /* movement_id is the latest movement (by date, then by order of
   * recording), kept by the movements_locate trigger so that "where is it
   * now" is one read. */
  "CREATE TABLE media ("
  "  id INTEGER PRIMARY KEY,"
  "  volser TEXT NOT NULL UNIQUE,"
  "  type TEXT NOT NULL,"
  "  pool_id INTEGER REFERENCES pools (id),"
  "  status TEXT NOT NULL DEFAULT 'scratch' CHECK (status = 'scratch' OR status = 'in-use' OR "
  "  status = 'full' OR status = 'retired' OR status = 'error'),"
  "  retention_until INTEGER,"
  "  capacity_bytes INTEGER NOT NULL DEFAULT 0,"
  "  bytes_written INTEGER NOT NULL DEFAULT 0,"
  "  mounts INTEGER NOT NULL DEFAULT 0,"
  "  errors INTEGER NOT NULL DEFAULT 0,"
  "  worm INTEGER NOT NULL DEFAULT 0 CHECK (worm = 0 OR worm = 1),"
  "  last_written INTEGER,"
  "  note TEXT NOT NULL DEFAULT '',"
  "  created_at INTEGER NOT NULL,"
  "  movement_id INTEGER REFERENCES movements (id)"
  ") STRICT;"
  "CREATE INDEX media_pool ON media (pool_id);"

  "CREATE TABLE movements ("
  "  id INTEGER PRIMARY KEY,"
  "  media_id INTEGER NOT NULL REFERENCES media (id),"
  "  from_location_id INTEGER REFERENCES locations (id),"
  "  to_location_id INTEGER NOT NULL REFERENCES locations (id),"
  "  at INTEGER NOT NULL,"
  "  by TEXT NOT NULL DEFAULT '',"
  "  courier TEXT NOT NULL DEFAULT '',"
  "  container TEXT NOT NULL DEFAULT '',"
  "  seal TEXT NOT NULL DEFAULT '',"
  "  note TEXT NOT NULL DEFAULT '',"
  "  source TEXT NOT NULL DEFAULT 'move',"
  "  recorded_at INTEGER NOT NULL"
  ") STRICT;"
  "CREATE INDEX movements_media ON movements (media_id, at, id);"
  "CREATE INDEX movements_at ON movements (at);"
  "CREATE TRIGGER movements_no_update BEFORE UPDATE ON movements"
  "  BEGIN SELECT RAISE (ABORT, 'movements are append-only'); END;"
  "CREATE TRIGGER movements_no_delete BEFORE DELETE ON movements"
  "  BEGIN SELECT RAISE (ABORT, 'movements are append-only'); END;"
  "CREATE TRIGGER movements_locate AFTER INSERT ON movements"
  "  BEGIN"
  "    UPDATE media SET movement_id = NEW.id"
  "     WHERE id = NEW.media_id"
  "       AND (movement_id IS NULL"
  "            OR (SELECT at FROM movements WHERE id = media.movement_id) <= NEW.at);"
  "  END;"

  /* run_key identifies a run within its copy: the tool's run id, or its
   * start time when the tool gives none (cli.md). */
  "CREATE TABLE executions ("
  "  id INTEGER PRIMARY KEY,"
  "  copy_id INTEGER NOT NULL REFERENCES copies (id) ON DELETE CASCADE,"
  "  started INTEGER NOT NULL,"
  "  finished INTEGER,"
  "  status TEXT NOT NULL CHECK (status = 'success' OR status = 'warning' OR status = 'failed' OR "
  "  status = 'running'),"
  "  bytes INTEGER,"
  "  files INTEGER,"
  "  run_id TEXT,"
  "  message TEXT NOT NULL DEFAULT '',"
  "  run_key TEXT NOT NULL GENERATED ALWAYS AS (COALESCE (run_id, char (31) || started)) VIRTUAL,"
  "  CHECK (status = 'running' OR finished IS NOT NULL)"
  ") STRICT;"
  "CREATE UNIQUE INDEX executions_run ON executions (copy_id, run_key);"
  "CREATE INDEX executions_latest ON executions (copy_id, status, finished);"
  "CREATE INDEX executions_history ON executions (copy_id, started);"
  "CREATE INDEX executions_failed ON executions (finished) WHERE status = 'failed';"

  "CREATE TABLE execution_volumes ("
  "  execution_id INTEGER NOT NULL REFERENCES executions (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  media_id INTEGER NOT NULL REFERENCES media (id),"
  "  PRIMARY KEY (execution_id, position)"
  ") STRICT, WITHOUT ROWID;"
  "CREATE INDEX execution_volumes_media ON execution_volumes (media_id);"

  "CREATE TABLE verifications ("
  "  id INTEGER PRIMARY KEY,"
  "  copy_id INTEGER NOT NULL REFERENCES copies (id) ON DELETE CASCADE,"
  "  kind TEXT NOT NULL CHECK (kind = 'restore-test' OR kind = 'checksum' OR kind = 'boot-test'),"
  "  at INTEGER NOT NULL,"
  "  result TEXT NOT NULL CHECK (result = 'passed' OR result = 'failed'),"
  "  errors INTEGER NOT NULL DEFAULT 0,"
  "  duration_s INTEGER,"
  "  by TEXT NOT NULL DEFAULT '',"
  "  note TEXT NOT NULL DEFAULT '',"
  "  source_id TEXT"
  ") STRICT;"
  "CREATE INDEX verifications_copy ON verifications (copy_id, at, result);"
  "CREATE UNIQUE INDEX verifications_source ON verifications (copy_id, source_id)"
  "  WHERE source_id IS NOT NULL;"

  /* The latest facts of each copy, as the engine reads them, kept in the
   * same transaction as every write to executions and verifications. They
   * answer for any moment at or after their own dates; for an earlier one
   * the snapshot asks the history instead. */
  "CREATE TABLE copy_state ("
  "  copy_id INTEGER PRIMARY KEY REFERENCES copies (id) ON DELETE CASCADE,"
  "  success_id INTEGER, success_started INTEGER, success_finished INTEGER,"
  "  warning_id INTEGER, warning_started INTEGER, warning_finished INTEGER,"
  "  failed_id INTEGER, failed_started INTEGER, failed_finished INTEGER,"
  "  verified_at INTEGER, verified_passed INTEGER, verified_errors INTEGER,"
  "  newest INTEGER NOT NULL"
  ") STRICT;"

  "CREATE TABLE alerts ("
  "  id INTEGER PRIMARY KEY,"
  "  cause TEXT NOT NULL,"
  "  kind TEXT NOT NULL,"
  "  severity TEXT NOT NULL CHECK (severity = 'info' OR severity = 'warning' OR "
  "  severity = 'critical'),"
  "  subject TEXT NOT NULL,"
  "  message TEXT NOT NULL,"
  "  raised_at INTEGER NOT NULL,"
  "  resolved_at INTEGER,"
  "  acknowledged_by TEXT,"
  "  acknowledged_at INTEGER"
  ") STRICT;"
  "CREATE UNIQUE INDEX alerts_open ON alerts (cause) WHERE resolved_at IS NULL;"
  "CREATE INDEX alerts_raised ON alerts (raised_at);"

  "CREATE TABLE audit ("
  "  id INTEGER PRIMARY KEY,"
  "  at INTEGER NOT NULL,"
  "  business_at INTEGER NOT NULL,"
  "  actor TEXT NOT NULL,"
  "  action TEXT NOT NULL,"
  "  entity TEXT NOT NULL,"
  "  before TEXT,"
  "  after TEXT,"
  "  prev_hash TEXT NOT NULL,"
  "  hash TEXT NOT NULL"
  ") STRICT;"
  "CREATE INDEX audit_at ON audit (business_at);"
  "CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit"
  "  BEGIN SELECT RAISE (ABORT, 'the audit trail is append-only'); END;"
  "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit"
  "  BEGIN SELECT RAISE (ABORT, 'the audit trail is append-only'); END;",

  /* 2: each job's last status, kept while nothing it depends on changes
   * and time alone cannot change it: what `job list` reads. Every write
   * that touches a job's facts forgets its row. */
  "CREATE TABLE job_state ("
  "  job_id INTEGER PRIMARY KEY REFERENCES jobs (id) ON DELETE CASCADE,"
  "  status TEXT NOT NULL CHECK (status = 'compliant' OR status = 'at-risk' OR"
  "    status = 'violation'),"
  "  evaluated_at INTEGER NOT NULL,"
  "  stable_until INTEGER NOT NULL"
  ") STRICT;"
  /* Whether any fact is dated after now, in one seek each. */
  "CREATE INDEX copy_state_newest ON copy_state (newest);"
  "CREATE INDEX copies_created ON copies (created_at);",

  /* 3: what an engine alert is about (the failing rules, the copy), so
   * that its message is worded in the reader's language, not the one of
   * whoever raised it; message keeps the English wording. */
  "ALTER TABLE alerts ADD COLUMN detail TEXT;",

  /* 4: which volume holds a backup tool's repository, by the repository's
   * own id (restic cat config, borg's repository.id): runs imported from a
   * rotated disk land on the disk that holds them. */
  "CREATE TABLE media_repositories ("
  "  repository_id TEXT PRIMARY KEY,"
  "  media_id INTEGER NOT NULL REFERENCES media (id) ON DELETE CASCADE"
  ") STRICT, WITHOUT ROWID;"
  "CREATE INDEX media_repositories_media ON media_repositories (media_id);",

  /* 5: the tape desk. A volume retired or returned to scratch no longer
   * holds the restore points written to it before (released_at); an mtx
   * inventory says where in its library a volume sits (slot); a
   * reconciliation keeps what was found at a location against what was
   * expected, append-only like the movements. */
  "ALTER TABLE media ADD COLUMN released_at INTEGER;"
  "ALTER TABLE media ADD COLUMN slot TEXT NOT NULL DEFAULT '';"
  "CREATE TABLE reconciliations ("
  "  id INTEGER PRIMARY KEY,"
  "  location_id INTEGER NOT NULL REFERENCES locations (id),"
  "  at INTEGER NOT NULL,"
  "  by TEXT NOT NULL DEFAULT '',"
  "  note TEXT NOT NULL DEFAULT '',"
  "  source TEXT NOT NULL DEFAULT 'scan',"
  "  scans INTEGER NOT NULL DEFAULT 0,"
  "  recorded_at INTEGER NOT NULL"
  ") STRICT;"
  "CREATE INDEX reconciliations_at ON reconciliations (at);"
  "CREATE TABLE reconciliation_items ("
  "  reconciliation_id INTEGER NOT NULL REFERENCES reconciliations (id),"
  "  volser TEXT NOT NULL,"
  "  media_id INTEGER REFERENCES media (id),"
  "  result TEXT NOT NULL CHECK (result = 'present' OR result = 'missing' OR"
  "    result = 'surplus'),"
  "  scans INTEGER NOT NULL DEFAULT 0,"
  "  PRIMARY KEY (reconciliation_id, volser)"
  ") STRICT, WITHOUT ROWID;"
  "CREATE TRIGGER reconciliations_no_update BEFORE UPDATE ON reconciliations"
  "  BEGIN SELECT RAISE (ABORT, 'reconciliations are append-only'); END;"
  "CREATE TRIGGER reconciliations_no_delete BEFORE DELETE ON reconciliations"
  "  BEGIN SELECT RAISE (ABORT, 'reconciliations are append-only'); END;"
  "CREATE TRIGGER reconciliation_items_no_update BEFORE UPDATE ON reconciliation_items"
  "  BEGIN SELECT RAISE (ABORT, 'reconciliations are append-only'); END;"
  "CREATE TRIGGER reconciliation_items_no_delete BEFORE DELETE ON reconciliation_items"
  "  BEGIN SELECT RAISE (ABORT, 'reconciliations are append-only'); END;",

  /* 6: the chain of custody in time order, read from the index alone: the
   * audit report walks a year of movements this way, and a walk by
   * movements_at jumped to a table row for every one. It replaces
   * movements_at, which it starts with. */
  "CREATE INDEX movements_log ON movements"
  "  (at, id, media_id, from_location_id, to_location_id, by, courier, container, seal, note);"
  "DROP INDEX movements_at;",

  /* 7: why an alert was acknowledged, in the words of who did it. */
  "ALTER TABLE alerts ADD COLUMN acknowledged_note TEXT;",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == CUSTODY_STORE_SCHEMA_VERSION);

gboolean
custody_store_migrate (CustodyStore  *self,
                       sqlite3       *db,
                       int            from_version,
                       GError       **error)
{
  for (int v = from_version; v < CUSTODY_STORE_SCHEMA_VERSION; v++)
    {
      char *errmsg = NULL;

      if (sqlite3_exec (db, migrations[v], NULL, NULL, &errmsg) != SQLITE_OK)
        {
          g_set_error (error, CUSTODY_STORE_ERROR, CUSTODY_STORE_ERROR_FAILED,
                       "cannot upgrade the store to version %d: %s", v + 1, errmsg);
          sqlite3_free (errmsg);
          return FALSE;
        }
    }

  return TRUE;
}

static GHashTable *
schema_objects (sqlite3 *db,
                int     *rc)
{
  GHashTable *objects = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sqlite3_stmt *stmt = NULL;

  /* SQLite's own tables (sqlite_stat1 after ANALYZE) and the indexes it
   * makes for UNIQUE columns (no sql) come and go with the data. */
  *rc = sqlite3_prepare_v2 (db,
                            "SELECT type || ' ' || name, sql FROM sqlite_schema"
                            " WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'",
                            -1, &stmt, NULL);
  while (*rc == SQLITE_OK && (*rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_hash_table_insert (objects, g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                           g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
      *rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  if (*rc == SQLITE_DONE)
    *rc = SQLITE_OK;

  return objects;
}

static gint
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/**
 * custody_store_schema_problems:
 * @db: a store, at schema @version
 *
 * Compares @db's tables, indexes, triggers and views with those this
 * version of Custody makes at schema @version: a dropped append-only
 * trigger or index, a changed one or one Custody never makes.
 *
 * Returns: (transfer full) (nullable): what differs, or %NULL
 */
char *
custody_store_schema_problems (sqlite3 *db,
                               int      version,
                               int     *rc)
{
  g_autoptr(GHashTable) expected = NULL;
  g_autoptr(GHashTable) actual = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autofree char **names = NULL;
  sqlite3 *fresh = NULL;
  guint n;

  g_return_val_if_fail (version >= 1 && version <= CUSTODY_STORE_SCHEMA_VERSION, NULL);

  *rc = sqlite3_open_v2 (":memory:", &fresh, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  for (int v = 0; *rc == SQLITE_OK && v < version; v++)
    *rc = sqlite3_exec (fresh, migrations[v], NULL, NULL, NULL);
  if (*rc == SQLITE_OK)
    expected = schema_objects (fresh, rc);
  sqlite3_close_v2 (fresh);
  if (*rc != SQLITE_OK)
    return NULL;

  actual = schema_objects (db, rc);
  if (*rc != SQLITE_OK)
    return NULL;

  names = (char **) g_hash_table_get_keys_as_array (expected, &n);
  qsort (names, n, sizeof *names, compare_strings);
  for (guint i = 0; i < n; i++)
    {
      const char *sql = g_hash_table_lookup (actual, names[i]);

      if (sql == NULL)
        g_ptr_array_add (problems, g_strdup_printf (_("%s is missing"), names[i]));
      else if (!g_str_equal (sql, g_hash_table_lookup (expected, names[i])))
        g_ptr_array_add (problems, g_strdup_printf (_("%s was changed"), names[i]));
    }
  g_clear_pointer (&names, g_free);

  names = (char **) g_hash_table_get_keys_as_array (actual, &n);
  qsort (names, n, sizeof *names, compare_strings);
  for (guint i = 0; i < n; i++)
    if (!g_hash_table_contains (expected, names[i]))
      g_ptr_array_add (problems, g_strdup_printf (_("%s is not one Custody makes"), names[i]));

  if (problems->len == 0)
    return NULL;
  g_ptr_array_add (problems, NULL);
  return g_strjoinv ("; ", (char **) problems->pdata);
}
