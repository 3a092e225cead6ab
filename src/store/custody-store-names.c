/* custody-store-names.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custody-store"

#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "custody-store-names.h"
#include "custody-store.h"

/* What shell completion asks for while the user types: the store is
 * opened read-only and never created, upgraded or waited on long, and any
 * trouble (no store, a store too new, a lock) just gives no names. */

/* "Starts with ?1" as a range the unique indexes answer: every name
 * starting with ?1 sorts from ?1 to ?1 followed by the last character
 * Unicode has. */
#define STARTS_WITH(column) column " >= ?1 AND " column " < ?1 || char (1114111)"

static const char * const queries[] = {
  [CUSTODY_NAMES_JOBS] = "SELECT name FROM jobs WHERE " STARTS_WITH ("name") " ORDER BY name",
  [CUSTODY_NAMES_COPIES] = "SELECT c.name FROM copies c JOIN jobs j ON j.id = c.job_id"
                           " WHERE j.name = ?2 AND " STARTS_WITH ("c.name") " ORDER BY c.name",
  [CUSTODY_NAMES_LOCATIONS] = "SELECT name FROM locations WHERE " STARTS_WITH ("name")
                              " ORDER BY name",
  [CUSTODY_NAMES_POOLS] = "SELECT name FROM pools WHERE " STARTS_WITH ("name") " ORDER BY name",
  [CUSTODY_NAMES_VOLSERS] = "SELECT volser FROM media WHERE " STARTS_WITH ("volser")
                            " ORDER BY volser",
  [CUSTODY_NAMES_OPEN_ALERTS] = "SELECT CAST (id AS TEXT) FROM alerts"
                                " WHERE resolved_at IS NULL AND acknowledged_at IS NULL"
                                "   AND CAST (id AS TEXT) LIKE replace (replace (?1, '%', ''),"
                                "                                       '_', '') || '%'"
                                " ORDER BY id",
};

/**
 * custody_store_peek_names:
 * @path: the store's file
 * @names: which names
 * @job: for %CUSTODY_NAMES_COPIES, the job whose copies
 * @prefix: what the names start with
 *
 * Returns: (transfer full): the names, sorted; empty when they cannot be read
 */
GPtrArray *
custody_store_peek_names (const char   *path,
                          CustodyNames  names,
                          const char   *job,
                          const char   *prefix)
{
  GPtrArray *found = g_ptr_array_new_with_free_func (g_free);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  sqlite3_stmt *version = NULL;

  g_return_val_if_fail (names < G_N_ELEMENTS (queries), found);

  if (path == NULL ||
      sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
    goto out;
  sqlite3_busy_timeout (db, 50);

  /* Tables of a newer schema may mean something else. */
  if (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &version, NULL) != SQLITE_OK ||
      sqlite3_step (version) != SQLITE_ROW ||
      sqlite3_column_int (version, 0) > CUSTODY_STORE_SCHEMA_VERSION)
    goto out;

  if (sqlite3_prepare_v2 (db, queries[names], -1, &stmt, NULL) != SQLITE_OK)
    goto out;
  sqlite3_bind_text (stmt, 1, prefix != NULL ? prefix : "", -1, SQLITE_STATIC);
  if (names == CUSTODY_NAMES_COPIES)
    sqlite3_bind_text (stmt, 2, job != NULL ? job : "", -1, SQLITE_STATIC);

  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (found, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));

out:
  sqlite3_finalize (version);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return found;
}
