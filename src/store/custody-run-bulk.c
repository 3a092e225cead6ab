/* custody-run-bulk.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custody-import"

#include "config.h"

#include "custody-import-private.h"

/* New runs go in many to a statement: a statement's own cost (cursors
 * opened and closed on the table, its four indexes and its parent) is
 * paid once for CUSTODY_RUN_BULK_SIZE rows instead of once per row, which
 * is most of the time of a large first import. */

#define RUN_COLUMNS 9
#define VOLUME_CHUNK 128
#define VOLUME_COLUMNS 3

typedef struct
{
  gint64 execution_id;
  gint64 media_id;
  int    position;
} PendingVolume;

struct _CustodyRunBulk
{
  CustodyStore *store;
  GHashTable   *written;
  sqlite3_stmt *insert_runs;
  sqlite3_stmt *insert_volumes;
  GArray       *volumes;    /* PendingVolume of runs inserted, not yet written */
  gint64        next_id;
};

static sqlite3_stmt *
prepare_rows (CustodyStore  *store,
              const char    *head,
              guint          rows,
              guint          columns,
              GError       **error)
{
  g_autoptr(GString) sql = g_string_new (head);
  sqlite3_stmt *stmt = NULL;
  int rc;

  for (guint i = 0; i < rows; i++)
    {
      g_string_append (sql, i == 0 ? " (?" : ", (?");
      for (guint j = 1; j < columns; j++)
        g_string_append (sql, ", ?");
      g_string_append_c (sql, ')');
    }

  rc = sqlite3_prepare_v3 (custody_store_get_db (store), sql->str, (int) sql->len,
                           SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      custody_store_fail (store, rc, error);
      return NULL;
    }
  return stmt;
}

/**
 * custody_run_bulk_new:
 * @written: where the volumes that good runs wrote to are noted
 *
 * For one write transaction. Nothing is read or prepared until the first
 * bulk insert: a small import pays nothing for it.
 */
CustodyRunBulk *
custody_run_bulk_new (CustodyStore *store,
                      GHashTable   *written)
{
  CustodyRunBulk *bulk = g_new0 (CustodyRunBulk, 1);

  bulk->store = store;
  bulk->written = written;
  bulk->volumes = g_array_new (FALSE, FALSE, sizeof (PendingVolume));

  return bulk;
}

/* The statements, and the first id free in the transaction (past those
 * claimed already by runs inserted on their own). */
static gboolean
prepare (CustodyRunBulk  *bulk,
         GError         **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = custody_store_prepare (bulk->store, "SELECT coalesce (max (id), 0) + 1 FROM executions",
                                error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    bulk->next_id = MAX (bulk->next_id, sqlite3_column_int64 (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    return custody_store_fail (bulk->store, rc, error);

  bulk->insert_runs = prepare_rows (bulk->store,
                                    "INSERT OR IGNORE INTO executions (id, copy_id, started,"
                                    " finished, status, bytes, files, run_id, message) VALUES",
                                    CUSTODY_RUN_BULK_SIZE, RUN_COLUMNS, error);
  if (bulk->insert_runs == NULL)
    return FALSE;
  bulk->insert_volumes = prepare_rows (bulk->store,
                                       "INSERT OR FAIL INTO execution_volumes (execution_id,"
                                       " position, media_id) VALUES",
                                       VOLUME_CHUNK, VOLUME_COLUMNS, error);
  return bulk->insert_volumes != NULL;
}

void
custody_run_bulk_free (CustodyRunBulk *bulk)
{
  if (bulk == NULL)
    return;

  sqlite3_finalize (bulk->insert_runs);
  sqlite3_finalize (bulk->insert_volumes);
  g_array_unref (bulk->volumes);
  g_free (bulk);
}

static gboolean
write_volumes (CustodyRunBulk  *bulk,
               gboolean         all,
               GError         **error)
{
  sqlite3_stmt *stmt = bulk->insert_volumes;
  guint done = 0;

  for (; bulk->volumes->len - done >= VOLUME_CHUNK; done += VOLUME_CHUNK)
    {
      for (guint i = 0; i < VOLUME_CHUNK; i++)
        {
          const PendingVolume *v = &g_array_index (bulk->volumes, PendingVolume, done + i);
          int param = (int) (i * VOLUME_COLUMNS);

          sqlite3_bind_int64 (stmt, param + 1, v->execution_id);
          sqlite3_bind_int (stmt, param + 2, v->position);
          sqlite3_bind_int64 (stmt, param + 3, v->media_id);
        }
      if (!custody_store_step_done (bulk->store, stmt, error))
        return FALSE;
    }

  for (; all && done < bulk->volumes->len; done++)
    {
      const PendingVolume *v = &g_array_index (bulk->volumes, PendingVolume, done);

      stmt = custody_store_prepare (bulk->store,
                                    "INSERT INTO execution_volumes (execution_id, position,"
                                    " media_id) VALUES (?, ?, ?)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, v->execution_id);
      sqlite3_bind_int (stmt, 2, v->position);
      sqlite3_bind_int64 (stmt, 3, v->media_id);
      if (!custody_store_step_done (bulk->store, stmt, error))
        return FALSE;
    }

  g_array_remove_range (bulk->volumes, 0, done);
  return TRUE;
}

static gboolean
run_exists (CustodyRunBulk  *bulk,
            gint64           id,
            gboolean        *exists,
            GError         **error)
{
  sqlite3_stmt *stmt = custody_store_prepare (bulk->store,
                                              "SELECT 1 FROM executions WHERE id = ?", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return custody_store_fail (bulk->store, rc, error);

  *exists = rc == SQLITE_ROW;
  return TRUE;
}

static void
queue_volumes (CustodyRunBulk         *bulk,
               const CustodyImportRun *run,
               const gint64           *volumes,
               gint64                  id)
{
  const gint64 *media_ids = volumes + run->first_volume;

  for (guint i = 0; i < run->n_volumes; i++)
    {
      PendingVolume v = { id, media_ids[i], (int) i };

      g_array_append_val (bulk->volumes, v);
    }
  custody_store_note_written (bulk->written, run->status, run->finished, media_ids, run->n_volumes);
}

/**
 * custody_run_bulk_insert:
 * @runs: CUSTODY_RUN_BULK_SIZE runs, none of which needs what is stored
 *   merged into it
 * @volumes: the media ids the runs' first_volume and n_volumes point into
 * @ids: (out caller-allocates): the id each run was added with, or 0 where
 *   its run key was taken (a run listed twice): the caller upserts those
 *   one by one, after custody_run_bulk_flush()
 *
 * Inserts the runs with the next free ids and queues their volumes.
 */
gboolean
custody_run_bulk_insert (CustodyRunBulk          *bulk,
                         const CustodyImportRun **runs,
                         const gint64            *volumes,
                         gint64                  *ids,
                         GError                 **error)
{
  sqlite3_stmt *stmt;
  gboolean all_added;

  if (bulk->insert_runs == NULL && !prepare (bulk, error))
    return FALSE;
  stmt = bulk->insert_runs;

  for (guint i = 0; i < CUSTODY_RUN_BULK_SIZE; i++)
    {
      const CustodyImportRun *run = runs[i];
      int param = (int) (i * RUN_COLUMNS);

      sqlite3_bind_int64 (stmt, param + 1, bulk->next_id + i);
      sqlite3_bind_int64 (stmt, param + 2, run->copy_id);
      sqlite3_bind_int64 (stmt, param + 3, run->started);
      custody_sql_bind_time (stmt, param + 4, run->finished);
      sqlite3_bind_text (stmt, param + 5, custody_run_status_to_string (run->status), -1,
                         SQLITE_STATIC);
      custody_sql_bind_count (stmt, param + 6, run->bytes);
      custody_sql_bind_count (stmt, param + 7, run->files);
      if (run->run_id != NULL)
        sqlite3_bind_text (stmt, param + 8, run->run_id, -1, SQLITE_STATIC);
      else
        sqlite3_bind_null (stmt, param + 8);
      sqlite3_bind_text (stmt, param + 9, run->message != NULL ? run->message : "", -1,
                         SQLITE_STATIC);
    }
  if (!custody_store_step_done (bulk->store, stmt, error))
    return FALSE;

  all_added = sqlite3_changes (custody_store_get_db (bulk->store)) == CUSTODY_RUN_BULK_SIZE;
  for (guint i = 0; i < CUSTODY_RUN_BULK_SIZE; i++)
    {
      gboolean added = TRUE;

      if (!all_added && !run_exists (bulk, bulk->next_id + i, &added, error))
        return FALSE;
      ids[i] = added ? bulk->next_id + i : 0;
      if (added)
        queue_volumes (bulk, runs[i], volumes, ids[i]);
    }
  bulk->next_id += CUSTODY_RUN_BULK_SIZE;

  return write_volumes (bulk, FALSE, error);
}

/**
 * custody_run_bulk_claim_id:
 *
 * Keeps the ids of later bulk inserts clear of @id, which a run inserted
 * on its own was given.
 */
void
custody_run_bulk_claim_id (CustodyRunBulk *bulk,
                           gint64          id)
{
  bulk->next_id = MAX (bulk->next_id, id + 1);
}

/**
 * custody_run_bulk_flush:
 *
 * Writes the volumes still queued: needed before any run is read or
 * written on its own, and at the end.
 */
gboolean
custody_run_bulk_flush (CustodyRunBulk  *bulk,
                        GError         **error)
{
  return write_volumes (bulk, TRUE, error);
}
