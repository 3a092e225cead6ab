/* custody-import-common.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custody-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "custody-import-private.h"
#include "custody-json.h"
#include "custody-text.h"
#include "custody-time.h"
#include "custody-tool-text.h"
#include "custody-volser.h"

/*
 * Runs, written in one pass
 */

struct _CustodyRunBatch
{
  GArray        *runs;         /* CustodyImportRun */
  GArray        *volumes;      /* gint64 media ids, runs point into it */
  GStringChunk  *strings;
  gboolean       merge;
  char        *(*describe) (guint position);
};

CustodyRunBatch *
custody_run_batch_new (gboolean   merge,
                       char    *(*describe) (guint position))
{
  CustodyRunBatch *batch = g_new0 (CustodyRunBatch, 1);

  batch->runs = g_array_new (FALSE, FALSE, sizeof (CustodyImportRun));
  batch->volumes = g_array_new (FALSE, FALSE, sizeof (gint64));
  batch->strings = g_string_chunk_new (64 * 1024);
  batch->merge = merge;
  batch->describe = describe;

  return batch;
}

void
custody_run_batch_free (CustodyRunBatch *batch)
{
  if (batch == NULL)
    return;

  g_array_unref (batch->runs);
  g_array_unref (batch->volumes);
  g_string_chunk_free (batch->strings);
  g_free (batch);
}

void
custody_run_batch_add (CustodyRunBatch        *batch,
                       const CustodyImportRun *run,
                       GArray                 *volume_ids)
{
  CustodyImportRun copy = *run;

  copy.run_id = run->run_id != NULL ? g_string_chunk_insert (batch->strings, run->run_id) : NULL;
  /* Most runs say nothing, and many say the same: stored once each. */
  if (run->message != NULL && run->message[0] == '\0')
    copy.message = "";
  else if (run->message != NULL)
    copy.message = g_string_chunk_insert_const (batch->strings, run->message);
  copy.first_volume = batch->volumes->len;
  copy.n_volumes = volume_ids != NULL ? volume_ids->len : 0;
  if (volume_ids != NULL)
    g_array_append_vals (batch->volumes, volume_ids->data, volume_ids->len);
  g_array_append_val (batch->runs, copy);
}

void
custody_import_stats_count (CustodyImportStats  *stats,
                            CustodyUpsertResult  result)
{
  switch (result)
    {
    case CUSTODY_UPSERT_ADDED:
      stats->added++;
      break;
    case CUSTODY_UPSERT_UPDATED:
      stats->updated++;
      break;
    case CUSTODY_UPSERT_UNCHANGED:
      stats->unchanged++;
      break;
    default:
      g_assert_not_reached ();
    }
}

/* Adds "added", "updated" and "unchanged" to the object @builder is
 * building: what an import's audit entry and its JSON output count. */
void
custody_import_stats_add_json (JsonBuilder               *builder,
                               const CustodyImportStats  *stats)
{
  json_builder_set_member_name (builder, "added");
  json_builder_add_int_value (builder, (gint64) stats->added);
  json_builder_set_member_name (builder, "updated");
  json_builder_add_int_value (builder, (gint64) stats->updated);
  json_builder_set_member_name (builder, "unchanged");
  json_builder_add_int_value (builder, (gint64) stats->unchanged);
}

/* By copy, then start, then input order: each copy's index entries go in
 * together, in order, which keeps SQLite's B-trees warm; a run listed
 * twice is written in the order of the input. The keys are sorted, not
 * the runs, which are five times their size. */
typedef struct
{
  gint64 copy_id;
  gint64 started;
  guint  index;
} RunOrder;

static int
compare_run_order (gconstpointer a,
                   gconstpointer b)
{
  const RunOrder *ra = a, *rb = b;

  if (ra->copy_id != rb->copy_id)
    return ra->copy_id < rb->copy_id ? -1 : 1;
  if (ra->started != rb->started)
    return ra->started < rb->started ? -1 : 1;
  return ra->index < rb->index ? -1 : ra->index > rb->index;
}

static gboolean
copy_has_runs (CustodyStore  *store,
               gint64         copy_id,
               gboolean      *has_runs,
               GError       **error)
{
  sqlite3_stmt *stmt = custody_store_prepare (store,
                                              "SELECT 1 FROM executions WHERE copy_id = ? LIMIT 1",
                                              error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, copy_id);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return custody_store_fail (store, rc, error);

  *has_runs = rc == SQLITE_ROW;
  return TRUE;
}

/* Fills what the tool does not say from the run as stored, so that
 * importing `borg list` after `borg info`, or restic's snapshot list after
 * a warning was recorded, takes nothing away. */
static gboolean
merge_stored (CustodyStore             *store,
              const CustodyImportRun *run,
              CustodyExecution       *e,
              GArray                 *volume_ids,
              GError                **error)
{
  sqlite3_stmt *stmt;
  gint64 id;
  int rc;

  stmt = custody_store_prepare (store,
                                "SELECT id, finished, status, bytes, files, message FROM executions"
                                " WHERE copy_id = ?1 AND run_key = coalesce (?2, char (31) || ?3)",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, run->copy_id);
  custody_sql_bind_text_or_null (stmt, 2, run->run_id);
  sqlite3_bind_int64 (stmt, 3, run->started);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (!custody_store_finish_steps (store, stmt, rc, error))
        return FALSE;
      return TRUE;
    }

  id = sqlite3_column_int64 (stmt, 0);
  {
    CustodyRunStatus stored;
    gint64 finished = custody_sql_time (stmt, 1);

    if (custody_run_status_from_string (custody_sql_text (stmt, 2), &stored) &&
        stored != CUSTODY_RUN_RUNNING)
      {
        if (run->flags & CUSTODY_IMPORT_RUN_STATUS_ASSUMED)
          e->status = stored;
        if ((run->flags & CUSTODY_IMPORT_RUN_FINISH_ASSUMED) && finished != CUSTODY_TIME_NONE &&
            finished >= e->started)
          e->finished = finished;
      }
  }
  if (e->bytes < 0 && sqlite3_column_type (stmt, 3) != SQLITE_NULL)
    e->bytes = sqlite3_column_int64 (stmt, 3);
  if (e->files < 0 && sqlite3_column_type (stmt, 4) != SQLITE_NULL)
    e->files = sqlite3_column_int64 (stmt, 4);
  if (run->message == NULL ||
      ((run->flags & CUSTODY_IMPORT_RUN_MESSAGE_ASSUMED) && custody_sql_text (stmt, 5)[0] != '\0'))
    {
      g_free (e->message);
      e->message = g_strdup (custody_sql_text (stmt, 5));
    }
  sqlite3_reset (stmt);

  if (!(run->flags & CUSTODY_IMPORT_RUN_VOLUMES_UNKNOWN))
    return TRUE;

  stmt = custody_store_prepare (store,
                                "SELECT media_id FROM execution_volumes WHERE execution_id = ?"
                                " ORDER BY position", error);
  if (stmt == NULL)
    return FALSE;
  g_array_set_size (volume_ids, 0);
  sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 media_id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (volume_ids, media_id);
    }
  if (!custody_store_finish_steps (store, stmt, rc, error))
    return FALSE;

  return TRUE;
}

static gboolean
run_needs_merge (const CustodyImportRun *run)
{
  return run->flags != 0 || run->bytes < 0 || run->files < 0 || run->message == NULL;
}

typedef struct
{
  CustodyRunBatch    *batch;
  CustodyStore       *store;
  CustodyImportStats *stats;
  CustodyRunBulk     *bulk;
  RunOrder           *order;
  CustodyExecution   *e;
  GHashTable         *written;
  GArray             *volume_ids;
  GArray             *touched;        /* copies whose history is read again */
  CustodyCopyLatest   added;          /* the runs added to the current copy */
  gboolean            copy_changed;
  gboolean            copy_added;
} BatchWriter;

static const CustodyImportRun *
run_at (BatchWriter *w,
        guint        i)
{
  return &g_array_index (w->batch->runs, CustodyImportRun, w->order[i].index);
}

/* Counts run @i (in write order) and, after a copy's last run, brings its
 * latest facts up to date: merged from the runs added, unless one was
 * changed; then its history is read again at the end. */
static gboolean
account (BatchWriter          *w,
         guint                 i,
         CustodyUpsertResult   result,
         gint64                id,
         CustodyRunStatus      status,
         gint64                started,
         gint64                finished,
         GError              **error)
{
  const CustodyImportRun *run = run_at (w, i);
  gboolean last_of_copy = i + 1 == w->batch->runs->len ||
                          run_at (w, i + 1)->copy_id != run->copy_id;

  custody_import_stats_count (w->stats, result);
  if (result == CUSTODY_UPSERT_UPDATED)
    w->copy_changed = TRUE;
  else if (result == CUSTODY_UPSERT_ADDED && status != CUSTODY_RUN_RUNNING)
    {
      CustodyRunRef *ref = &w->added.runs[status == CUSTODY_RUN_SUCCESS ? 0
                                          : status == CUSTODY_RUN_WARNING ? 1 : 2];

      if (ref->id == 0 || finished >= ref->finished)
        {
          ref->id = id;
          ref->started = started;
          ref->finished = finished;
        }
      w->copy_added = TRUE;
    }

  if (last_of_copy)
    {
      if (w->copy_changed)
        g_array_append_val (w->touched, run->copy_id);
      else if (w->copy_added && !custody_store_merge_copy_state (w->store, run->copy_id, &w->added,
                                                                  error))
        return FALSE;
      memset (&w->added, 0, sizeof w->added);
      w->copy_changed = w->copy_added = FALSE;
    }

  return TRUE;
}

/* Adds or updates run @i on its own, after filling what it does not say
 * from the run as stored when @merge. */
static gboolean
write_one (BatchWriter  *w,
           guint         i,
           gboolean      merge,
           GError      **error)
{
  const CustodyImportRun *run = run_at (w, i);
  CustodyExecution *e = w->e;
  CustodyUpsertResult result;

  if (!custody_run_bulk_flush (w->bulk, error))
    return FALSE;

  e->started = run->started;
  e->finished = run->finished;
  e->status = run->status;
  e->bytes = run->bytes;
  e->files = run->files;
  g_free (e->run_id);
  e->run_id = g_strdup (run->run_id);
  g_free (e->message);
  e->message = g_strdup (run->message != NULL ? run->message : "");
  g_array_set_size (w->volume_ids, 0);
  /* Runs without volumes: the batch's array may have no storage at all. */
  if (run->n_volumes > 0)
    g_array_append_vals (w->volume_ids,
                         &g_array_index (w->batch->volumes, gint64, run->first_volume),
                         run->n_volumes);

  if (merge && run_needs_merge (run) && !merge_stored (w->store, run, e, w->volume_ids, error))
    return FALSE;

  if (!custody_store_upsert_execution (w->store, run->copy_id, e, w->volume_ids, w->written,
                                       &result, error))
    {
      g_autofree char *where = w->batch->describe (run->position);

      g_prefix_error (error, "%s: ", where);
      return FALSE;
    }
  if (result == CUSTODY_UPSERT_ADDED)
    custody_run_bulk_claim_id (w->bulk, e->id);

  return account (w, i, result, e->id, e->status, e->started, e->finished, error);
}

/* Writes runs @chunk (write-order positions) of copies that had none. */
static gboolean
write_chunk (BatchWriter  *w,
             const guint  *chunk,
             guint         n,
             GError      **error)
{
  const CustodyImportRun *runs[CUSTODY_RUN_BULK_SIZE];
  gint64 ids[CUSTODY_RUN_BULK_SIZE];

  if (n < CUSTODY_RUN_BULK_SIZE)
    {
      for (guint k = 0; k < n; k++)
        if (!write_one (w, chunk[k], FALSE, error))
          return FALSE;
      return TRUE;
    }

  for (guint k = 0; k < n; k++)
    runs[k] = run_at (w, chunk[k]);
  if (!custody_run_bulk_insert (w->bulk, runs, (const gint64 *) w->batch->volumes->data, ids,
                                error))
    return FALSE;

  for (guint k = 0; k < n; k++)
    {
      gboolean ok = ids[k] != 0 ? account (w, chunk[k], CUSTODY_UPSERT_ADDED, ids[k],
                                           runs[k]->status, runs[k]->started,
                                           runs[k]->finished, error)
                                : write_one (w, chunk[k], FALSE, error);
      if (!ok)
        return FALSE;
    }
  return TRUE;
}

/**
 * custody_run_batch_write:
 *
 * Writes the runs: each added or updated by its run key (those of copies
 * that had none many to a statement), the volumes good runs wrote to
 * marked written, each copy's copy_state merged from the runs added or,
 * when a run changed, read again; custody_store_upsert_execution and the
 * copy_state functions forget the job_state they affect.
 */
gboolean
custody_run_batch_write (CustodyRunBatch          *batch,
                         CustodyStore             *store,
                         CustodyImportStats       *stats,
                         CustodyRunBatchProgress   progress,
                         gpointer                  progress_data,
                         GCancellable             *cancellable,
                         GError                  **error)
{
  g_autoptr(CustodyExecution) e = custody_execution_new ();
  g_autoptr(GHashTable) written = custody_store_media_written_new ();
  g_autoptr(GArray) volume_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) touched = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(CustodyRunBulk) bulk = custody_run_bulk_new (store, written);
  g_autofree RunOrder *order = g_new (RunOrder, MAX (batch->runs->len, 1));
  BatchWriter w = { batch, store, stats, bulk, order, e, written, volume_ids, touched, };
  guint chunk[CUSTODY_RUN_BULK_SIZE];
  guint n_chunk = 0;
  gboolean copy_has_history = FALSE;

  for (guint i = 0; i < batch->runs->len; i++)
    {
      const CustodyImportRun *run = &g_array_index (batch->runs, CustodyImportRun, i);

      order[i] = (RunOrder) { run->copy_id, run->started, i };
    }
  qsort (order, batch->runs->len, sizeof *order, compare_run_order);

  for (guint i = 0; i < batch->runs->len; i++)
    {
      const CustodyImportRun *run = run_at (&w, i);

      if ((i == 0 || run_at (&w, i - 1)->copy_id != run->copy_id) &&
          !copy_has_runs (store, run->copy_id, &copy_has_history, error))
        return FALSE;

      if (!copy_has_history)
        {
          chunk[n_chunk++] = i;
          if (n_chunk == CUSTODY_RUN_BULK_SIZE)
            {
              if (!write_chunk (&w, chunk, n_chunk, error))
                return FALSE;
              n_chunk = 0;
            }
        }
      else
        {
          if (!write_chunk (&w, chunk, n_chunk, error) ||
              !write_one (&w, i, batch->merge, error))
            return FALSE;
          n_chunk = 0;
        }

      if (i % 4096 == 4095)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return FALSE;
          if (progress != NULL)
            progress (i + 1, batch->runs->len, progress_data);
        }
    }

  if (!write_chunk (&w, chunk, n_chunk, error) || !custody_run_bulk_flush (bulk, error))
    return FALSE;

  for (guint i = 0; i < touched->len; i++)
    if (!custody_store_refresh_copy_state (store, g_array_index (touched, gint64, i), error))
      return FALSE;

  return custody_store_media_mark_written (store, written, error);
}

/*
 * Errors that name the place
 */

gboolean
custody_import_error_as_invalid (GError **error)
{
  if (error != NULL && *error != NULL && (*error)->domain == CUSTODY_PARSE_ERROR)
    {
      (*error)->domain = CUSTODY_STORE_ERROR;
      (*error)->code = CUSTODY_STORE_ERROR_INVALID;
    }
  return FALSE;
}

/*
 * Jobs, copies, verifications, volumes
 */

void
custody_import_note (CustodyImportContext *ctx,
                     const char           *format,
                     ...)
{
  va_list args;
  char *note;

  va_start (args, format);
  note = g_strdup_vprintf (format, args);
  va_end (args);

  for (guint i = 0; i < ctx->result->notes->len; i++)
    if (g_str_equal (g_ptr_array_index (ctx->result->notes, i), note))
      {
        g_free (note);
        return;
      }
  g_ptr_array_add (ctx->result->notes, note);
}

static gint64
insert_named (CustodyStore  *store,
              const char    *sql,
              gint64         parent,
              const char    *name,
              const char    *media_type,
              GError       **error)
{
  sqlite3_stmt *stmt = custody_store_prepare (store, sql, error);

  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, custody_store_now (store));
  if (parent > 0)
    {
      sqlite3_bind_int64 (stmt, 3, parent);
      sqlite3_bind_text (stmt, 4, media_type, -1, SQLITE_STATIC);
    }
  if (!custody_store_step_done (store, stmt, error))
    return FALSE;

  return sqlite3_last_insert_rowid (custody_store_get_db (store));
}

gint64
custody_import_find_copy (CustodyImportContext  *ctx,
                          const char            *job,
                          const char            *copy,
                          CustodyMediaType       media_type,
                          GError               **error)
{
  g_autoptr(GError) local_error = NULL;
  gint64 job_id, copy_id;

  if (ctx->options->media_type >= 0)
    media_type = (CustodyMediaType) ctx->options->media_type;

  job_id = custody_store_find_job_id (ctx->store, job, &local_error);
  if (job_id == 0)
    {
      if (!ctx->options->create)
        {
          g_set_error (error, CUSTODY_STORE_ERROR, CUSTODY_STORE_ERROR_NOT_FOUND,
                       _("unknown job '%s' (add it with 'custodyctl job add', or import with "
                         "--create)"),
                       job);
          return 0;
        }
      if (!custody_store_check_name (job, TRUE, error))
        return 0;
      job_id = insert_named (ctx->store,
                             "INSERT INTO jobs (name, created_at, rpo_hours, verify_days)"
                             " VALUES (?1, ?2, 24, 30)", 0, job, NULL, error);
      if (job_id == 0)
        return 0;
      ctx->changed = TRUE;
      custody_import_note (ctx, _("Added job '%s'."), job);
    }
  g_clear_error (&local_error);

  copy_id = custody_store_find_copy_id (ctx->store, job_id, job, copy, &local_error);
  if (copy_id != 0)
    return copy_id;

  if (!ctx->options->create)
    {
      g_set_error (error, CUSTODY_STORE_ERROR, CUSTODY_STORE_ERROR_NOT_FOUND,
                   _("job '%s' has no copy '%s' (add it with 'custodyctl copy add', or import "
                     "with --create)"),
                   job, copy);
      return 0;
    }
  if (!custody_store_check_name (copy, TRUE, error))
    return 0;
  copy_id = insert_named (ctx->store,
                          "INSERT INTO copies (name, created_at, job_id, media_type)"
                          " VALUES (?1, ?2, ?3, ?4)",
                          job_id, copy, custody_media_type_to_string (media_type), error);
  if (copy_id == 0 || !custody_store_forget_job_status (ctx->store, job_id, error))
    return 0;
  ctx->changed = TRUE;
  custody_import_note (ctx, _("Added copy '%s' of job '%s' on %s."), copy, job,
                       custody_media_type_to_string (media_type));

  return copy_id;
}

gboolean
custody_import_upsert_verification (CustodyImportContext  *ctx,
                                    gint64                 copy_id,
                                    CustodyVerification   *v,
                                    const char            *source_id,
                                    GError               **error)
{
  CustodyStore *store = ctx->store;
  CustodyUpsertResult result;
  sqlite3_stmt *stmt;
  int rc;

  stmt = custody_store_prepare (store,
                                "INSERT OR IGNORE INTO verifications (copy_id, kind, at, result,"
                                "  errors, duration_s, by, note, source_id)"
                                " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)", error);
  if (stmt == NULL)
    return FALSE;

  for (int pass = 0; pass < 2; pass++)
    {
      sqlite3_bind_int64 (stmt, 1, copy_id);
      sqlite3_bind_text (stmt, 2, custody_verify_kind_to_string (v->kind), -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 3, v->at);
      sqlite3_bind_text (stmt, 4, v->passed ? "passed" : "failed", -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 5, v->errors);
      if (v->duration_s >= 0)
        sqlite3_bind_int64 (stmt, 6, v->duration_s);
      else
        sqlite3_bind_null (stmt, 6);
      sqlite3_bind_text (stmt, 7, v->by, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 8, v->note, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 9, source_id, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE && rc != SQLITE_ROW)
        return custody_store_fail (store, rc, error);

      if (pass == 1)
        break;

      if (sqlite3_changes (custody_store_get_db (store)) == 1)
        {
          result = CUSTODY_UPSERT_ADDED;
          break;
        }

      /* Seen before: the same, or changed (a Bareos verify job that was
       * still running). */
      stmt = custody_store_prepare (store,
                                    "UPDATE verifications SET kind = ?2, at = ?3, result = ?4,"
                                    " errors = ?5, duration_s = ?6, by = ?7, note = ?8"
                                    " WHERE copy_id = ?1 AND source_id = ?9 AND NOT (kind IS ?2"
                                    " AND at IS ?3 AND result IS ?4 AND errors IS ?5"
                                    " AND duration_s IS ?6 AND by IS ?7 AND note IS ?8)", error);
      if (stmt == NULL)
        return FALSE;
    }

  if (rc == SQLITE_DONE && sqlite3_changes (custody_store_get_db (store)) == 0)
    result = CUSTODY_UPSERT_UNCHANGED;
  else if (result != CUSTODY_UPSERT_ADDED)
    result = CUSTODY_UPSERT_UPDATED;

  custody_import_stats_count (&ctx->result->stats, result);
  if (result != CUSTODY_UPSERT_UNCHANGED)
    g_hash_table_add (ctx->touched, g_memdup2 (&copy_id, sizeof copy_id));

  return TRUE;
}

gboolean
custody_import_tool_check (CustodyImportContext  *ctx,
                           const char            *tool,
                           gboolean               passed,
                           gint64                 errors,
                           gint64                 at,
                           char                 **note,
                           const char            *digest,
                           GError               **error)
{
  g_autoptr(CustodyVerification) v = custody_verification_new ();
  g_autofree char *source_id = NULL;
  gint64 copy_id;

  copy_id = custody_import_find_copy (ctx, ctx->options->job, ctx->options->copy,
                                      CUSTODY_MEDIA_TYPE_DISK, error);
  if (copy_id == 0)
    return FALSE;

  v->kind = CUSTODY_VERIFY_CHECKSUM;
  if (at != CUSTODY_TIME_NONE)
    v->at = at;
  else if (ctx->options->checked_at != CUSTODY_TIME_NONE)
    v->at = ctx->options->checked_at;
  else
    v->at = custody_store_now (ctx->store);
  v->passed = passed;
  v->errors = errors;
  g_free (v->by);
  v->by = g_strdup (tool);
  g_free (v->note);
  v->note = g_steal_pointer (note);

  /* The same output imported again is the same check. */
  source_id = g_strdup_printf ("%s-check:%.16s@%" G_GINT64_FORMAT, tool, digest, v->at);

  return custody_import_upsert_verification (ctx, copy_id, v, source_id, error);
}

gboolean
custody_import_find_repository_volume (CustodyImportContext  *ctx,
                                       const char            *repository_id,
                                       gint64                *volume,
                                       GError               **error)
{
  CustodyStore *store = ctx->store;
  sqlite3_stmt *stmt;
  gint64 bound = 0, given = 0;
  int rc;

  *volume = 0;
  if (ctx->options->volume != NULL)
    {
      g_autofree char *volser = custody_volser_normalize (ctx->options->volume, error);

      if (volser == NULL)
        return FALSE;
      given = custody_store_find_medium_id (store, volser, error);
      if (given == 0)
        {
          g_prefix_error (error, "--volume: ");
          return FALSE;
        }
    }

  if (repository_id == NULL)
    {
      *volume = given;
      return TRUE;
    }

  stmt = custody_store_prepare (store,
                                "SELECT media_id FROM media_repositories WHERE repository_id = ?",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, repository_id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    bound = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return custody_store_fail (store, rc, error);

  if (given == 0 || given == bound)
    {
      *volume = bound;
      return TRUE;
    }

  /* Bound from now on; a disk that was re-initialised holds a new
   * repository, and the volume follows it. */
  stmt = custody_store_prepare (store,
                                "INSERT OR REPLACE INTO media_repositories"
                                " (repository_id, media_id) VALUES (?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, repository_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, given);
  if (!custody_store_step_done (store, stmt, error))
    return FALSE;

  ctx->changed = TRUE;
  custody_import_note (ctx, _("Repository %.8s is on volume %s from now on."), repository_id,
                       ctx->options->volume);
  *volume = given;
  return TRUE;
}

/*
 * Formats
 */

static const struct
{
  const char *key;
  const char *label;
  gboolean    needs_copy;
  gboolean    check;
  gboolean  (*run) (CustodyImportContext *ctx, GError **error);
} formats[] = {
  [CUSTODY_IMPORT_RESTIC] = { "restic", N_("restic snapshots"), TRUE, FALSE,
                              custody_import_restic },
  [CUSTODY_IMPORT_RESTIC_CHECK] = { "restic-check", N_("restic check"), TRUE, TRUE,
                                    custody_import_restic_check },
  [CUSTODY_IMPORT_BORG] = { "borg", N_("borg archives"), TRUE, FALSE, custody_import_borg },
  [CUSTODY_IMPORT_BORG_CHECK] = { "borg-check", N_("borg check"), TRUE, TRUE,
                                  custody_import_borg_check },
  [CUSTODY_IMPORT_BAREOS_JOBS] = { "bareos-jobs", N_("Bareos jobs"), FALSE, FALSE,
                                   custody_import_bareos_jobs },
  [CUSTODY_IMPORT_BAREOS_VOLUMES] = { "bareos-volumes", N_("Bareos volumes"), FALSE, FALSE,
                                      custody_import_bareos_volumes },
};

G_STATIC_ASSERT (G_N_ELEMENTS (formats) == CUSTODY_N_IMPORT_FORMATS);

const char *
custody_import_format_to_string (CustodyImportFormat format)
{
  g_return_val_if_fail (format < CUSTODY_N_IMPORT_FORMATS, NULL);
  return formats[format].key;
}

gboolean
custody_import_format_from_string (const char          *str,
                                   CustodyImportFormat *out)
{
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (g_strcmp0 (str, formats[i].key) == 0)
      {
        *out = (CustodyImportFormat) i;
        return TRUE;
      }
  return FALSE;
}

const char *
custody_import_format_get_label (CustodyImportFormat format)
{
  g_return_val_if_fail (format < CUSTODY_N_IMPORT_FORMATS, NULL);
  return _(formats[format].label);
}

/* Whether the output names no job and copy itself: restic and borg. */
gboolean
custody_import_format_needs_copy (CustodyImportFormat format)
{
  g_return_val_if_fail (format < CUSTODY_N_IMPORT_FORMATS, FALSE);
  return formats[format].needs_copy;
}

gboolean
custody_import_format_is_check (CustodyImportFormat format)
{
  g_return_val_if_fail (format < CUSTODY_N_IMPORT_FORMATS, FALSE);
  return formats[format].check;
}

static gboolean
contains (const char *text,
          const char *needle)
{
  return strstr (text, needle) != NULL;
}

/**
 * custody_import_detect:
 * @format: (out): which tool printed it
 *
 * Tells from its beginning what a tool's output is, for a file a user
 * drops on the window. Returns %FALSE when it is none of them (a CSV file,
 * or something else).
 */
gboolean
custody_import_detect (const char          *data,
                       gsize                length,
                       CustodyImportFormat *format)
{
  g_autofree char *head = g_strndup (data, MIN (length, 64 * 1024));
  const char *p = head;

  while (g_ascii_isspace (*p))
    p++;

  if (*p == '{' || *p == '[')
    {
      if (contains (p, "\"jsonrpc\"") || contains (p, "\"jobs\"") || contains (p, "\"volumes\""))
        *format = contains (p, "\"volumes\"") || contains (p, "\"volume\"") ||
                  contains (p, "\"media\"") ? CUSTODY_IMPORT_BAREOS_VOLUMES
                                            : CUSTODY_IMPORT_BAREOS_JOBS;
      else if (contains (p, "\"message_type\"") && contains (p, "\"num_errors\""))
        *format = CUSTODY_IMPORT_RESTIC_CHECK;
      else if (contains (p, "\"message_type\"") || contains (p, "\"short_id\"") ||
               (contains (p, "\"tree\"") && contains (p, "\"paths\"")))
        *format = CUSTODY_IMPORT_RESTIC;
      else if (contains (p, "\"log_message\""))
        *format = CUSTODY_IMPORT_BORG_CHECK;
      /* borg's repository info and an archive's file list too: the
       * importer explains what to give it instead. */
      else if (contains (p, "\"archives\"") || contains (p, "\"archive\"") ||
               contains (p, "\"security_dir\"") || contains (p, "\"linktarget\""))
        *format = CUSTODY_IMPORT_BORG;
      else
        return FALSE;
      return TRUE;
    }

  if (contains (p, "no errors were found") || contains (p, "Fatal: repository contains errors") ||
      contains (p, "check snapshots, trees and blobs"))
    *format = CUSTODY_IMPORT_RESTIC_CHECK;
  else if (contains (p, "Starting repository check") || contains (p, "archive consistency check") ||
           contains (p, "Archive consistency check"))
    *format = CUSTODY_IMPORT_BORG_CHECK;
  else if (g_regex_match_simple ("^\\|.*volumename.*\\|", p,
                                 G_REGEX_CASELESS | G_REGEX_MULTILINE, 0))
    *format = CUSTODY_IMPORT_BAREOS_VOLUMES;
  else
    return FALSE;
  return TRUE;
}

void
custody_import_options_init (CustodyImportOptions *options)
{
  memset (options, 0, sizeof *options);
  options->exit_code = -1;
  options->checked_at = CUSTODY_TIME_NONE;
  options->media_type = -1;
}

void
custody_import_result_clear (CustodyImportResult *result)
{
  g_clear_pointer (&result->time_zone, g_free);
  g_clear_pointer (&result->notes, g_ptr_array_unref);
  memset (result, 0, sizeof *result);
}

static void
report_progress (CustodyImportContext *ctx,
                 double                fraction)
{
  if (ctx->options->progress != NULL)
    ctx->options->progress (fraction, ctx->options->progress_data);
}

static void
batch_progress (guint    done,
                guint    total,
                gpointer user_data)
{
  /* Reading took the first fifth. */
  report_progress (user_data, 0.2 + 0.75 * done / MAX (total, 1));
}

static char *
describe_record (guint position)
{
  return g_strdup_printf (_("record %u"), position);
}

/* The SHA-256 of the input, for the audit trail: on another core while
 * the import reads and writes (it is a fifth of a large import's time). */
static gpointer
digest_thread (gpointer data)
{
  return g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, data);
}

static JsonNode *
audit_details (CustodyImportContext *ctx,
               CustodyImportFormat   format,
               GBytes               *data,
               const char           *sha256)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  const CustodyImportStats *stats = &ctx->result->stats;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "format");
  json_builder_add_string_value (b, formats[format].key);
  /* The evidence behind the claim: which output this was. */
  json_builder_set_member_name (b, "sha256");
  json_builder_add_string_value (b, sha256);
  json_builder_set_member_name (b, "bytes");
  json_builder_add_int_value (b, (gint64) g_bytes_get_size (data));
  if (ctx->options->job != NULL)
    {
      json_builder_set_member_name (b, "job");
      json_builder_add_string_value (b, ctx->options->job);
    }
  if (ctx->options->copy != NULL)
    {
      json_builder_set_member_name (b, "copy");
      json_builder_add_string_value (b, ctx->options->copy);
    }
  if (ctx->result->time_zone != NULL)
    {
      json_builder_set_member_name (b, "time_zone");
      json_builder_add_string_value (b, ctx->result->time_zone);
    }
  custody_import_stats_add_json (b, stats);
  json_builder_end_object (b);

  return json_builder_get_root (b);
}

/**
 * custody_store_import:
 * @data: the tool's output
 * @result: (out caller-allocates): what the import did; clear it with
 *   custody_import_result_clear ()
 *
 * Imports what a backup tool printed, in one transaction: all of it, or
 * nothing and an error naming where the input goes wrong. Importing the
 * same output again changes nothing.
 */
gboolean
custody_store_import (CustodyStore                *self,
                      CustodyImportFormat          format,
                      GBytes                      *data,
                      const CustodyImportOptions  *options,
                      CustodyImportResult         *result,
                      GCancellable                *cancellable,
                      GError                     **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(CustodyRunBatch) runs = NULL;
  g_autoptr(GHashTable) touched = NULL;
  g_autoptr(GTimeZone) zone = NULL;
  g_autofree char *action = NULL;
  g_autofree char *sha256 = NULL;
  CustodyImportContext ctx = { 0, };
  GThread *digest = NULL;
  GHashTableIter iter;
  gpointer key;

  g_return_val_if_fail (CUSTODY_IS_STORE (self), FALSE);
  g_return_val_if_fail (format < CUSTODY_N_IMPORT_FORMATS, FALSE);
  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (result != NULL, FALSE);

  memset (result, 0, sizeof *result);
  result->notes = g_ptr_array_new_with_free_func (g_free);

  if (formats[format].needs_copy && (options->job == NULL || options->copy == NULL))
    {
      g_set_error (error, CUSTODY_STORE_ERROR, CUSTODY_STORE_ERROR_INVALID,
                   _("%s names no job: say which job and copy it is of (--job, --copy)"),
                   _(formats[format].label));
      return FALSE;
    }

  if (options->time_zone != NULL)
    {
      zone = g_time_zone_new_identifier (options->time_zone);
      if (zone == NULL)
        {
          g_set_error (error, CUSTODY_STORE_ERROR, CUSTODY_STORE_ERROR_INVALID,
                       _("unknown time zone '%s' (use a name such as Europe/Berlin, or UTC)"),
                       options->time_zone);
          return FALSE;
        }
    }
  else
    zone = g_time_zone_new_local ();

  /* Whole, before anything is read: a NUL must not end the input early. */
  {
    gsize length;
    const char *bytes = g_bytes_get_data (data, &length);
    g_autoptr(GError) text_error = NULL;

    if (length > 0 && !custody_text_validate (bytes, length, &text_error))
      {
        g_set_error_literal (error, CUSTODY_STORE_ERROR, CUSTODY_STORE_ERROR_INVALID,
                             text_error->message);
        return FALSE;
      }
  }

  runs = custody_run_batch_new (TRUE, describe_record);
  touched = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  ctx.store = self;
  ctx.options = options;
  ctx.result = result;
  ctx.text.data = g_bytes_get_data (data, &ctx.text.length);
  if (ctx.text.data == NULL)
    ctx.text.data = "";
  ctx.text.cancellable = cancellable;
  ctx.runs = runs;
  ctx.touched = touched;
  ctx.text.zone = zone;

  report_progress (&ctx, 0.0);
  digest = g_thread_new ("custody-import-digest", digest_thread, data);

  locker = g_mutex_locker_new (custody_store_get_mutex (self));

  if (!custody_store_write_begin_bulk (self, error))
    goto fail;

  /* The readers of formats/ fail with CUSTODY_PARSE_ERROR: to the
   * store's callers bad input is CUSTODY_STORE_ERROR_INVALID. */
  if (!formats[format].run (&ctx, error))
    {
      custody_import_error_as_invalid (error);
      goto rollback;
    }

  report_progress (&ctx, 0.2);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto rollback;

  if (!custody_run_batch_write (runs, self, &result->stats, batch_progress, &ctx, cancellable,
                                error))
    goto rollback;

  g_hash_table_iter_init (&iter, touched);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!custody_store_refresh_copy_state (self, *(gint64 *) key, error))
      goto rollback;

  if (ctx.text.zone_used)
    {
      result->time_zone = g_strdup (g_time_zone_get_identifier (zone));
      result->time_zone_is_local = options->time_zone == NULL;
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto rollback;

  if (result->stats.added == 0 && result->stats.updated == 0 && !ctx.changed)
    {
      /* Nothing changed: nothing to commit or audit. */
      custody_store_write_rollback (self);
      g_free (g_thread_join (g_steal_pointer (&digest)));
      report_progress (&ctx, 1.0);
      return TRUE;
    }

  action = g_strconcat ("import.", formats[format].key, NULL);
  sha256 = g_thread_join (g_steal_pointer (&digest));
  if (!custody_store_write_commit (self, action, "import", NULL,
                                   audit_details (&ctx, format, data, sha256), error))
    goto fail;

  report_progress (&ctx, 1.0);
  return TRUE;

rollback:
  custody_store_write_rollback (self);
fail:
  if (digest != NULL)
    g_free (g_thread_join (digest));
  custody_import_result_clear (result);
  return FALSE;
}
