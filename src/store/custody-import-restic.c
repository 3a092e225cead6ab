/* custody-import-restic.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custody-import"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "custody-import-private.h"
#include "custody-restic.h"
#include "custody-time.h"

/* restic's snapshot list, backup output and check (read by
 * custody-restic.c), written to the store: snapshots and backups as runs
 * of the copy, a check as a checksum verification. */

static void
add_snapshots (CustodyImportContext *ctx,
               GArray               *snapshots,
               gint64                copy_id,
               GArray               *volume_ids)
{
  for (guint i = 0; i < snapshots->len; i++)
    {
      const CustodyResticSnapshot *s = &g_array_index (snapshots, CustodyResticSnapshot, i);
      CustodyImportRun run = { 0, };

      run.copy_id = copy_id;
      run.run_id = s->id;
      run.status = CUSTODY_RUN_SUCCESS;
      /* A snapshot says nothing of how its backup ended: a warning recorded
       * from the backup's own output stays, with what it said. */
      run.flags = CUSTODY_IMPORT_RUN_STATUS_ASSUMED | CUSTODY_IMPORT_RUN_MESSAGE_ASSUMED;
      if (!s->finish_known)
        run.flags |= CUSTODY_IMPORT_RUN_FINISH_ASSUMED;
      if (volume_ids == NULL)
        run.flags |= CUSTODY_IMPORT_RUN_VOLUMES_UNKNOWN;
      run.started = s->started;
      run.finished = s->finished;
      run.bytes = s->bytes;
      run.files = s->files;
      run.position = s->index;
      run.message = s->source;
      custody_run_batch_add (ctx->runs, &run, volume_ids);
    }
}

/* A snapshot recorded before whose id starts with @id: how restic before
 * 0.15 names the snapshot in its backup summary. */
static gboolean
find_recorded_snapshot (CustodyImportContext  *ctx,
                        gint64                 copy_id,
                        const char            *id,
                        CustodyImportRun      *run,
                        char                 **full_id,
                        GError               **error)
{
  g_autofree char *pattern = g_strconcat (id, "%", NULL);
  sqlite3_stmt *stmt;
  guint found = 0;
  int rc;

  stmt = custody_store_prepare (ctx->store,
                                "SELECT run_id, started, finished FROM executions"
                                " WHERE copy_id = ? AND run_id LIKE ? LIMIT 2", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, copy_id);
  sqlite3_bind_text (stmt, 2, pattern, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (found++ == 0)
        {
          *full_id = g_strdup (custody_sql_text (stmt, 0));
          run->started = sqlite3_column_int64 (stmt, 1);
          run->finished = custody_sql_time (stmt, 2);
        }
    }
  if (!custody_store_finish_steps (ctx->store, stmt, rc, error))
    return FALSE;

  if (found != 1)
    g_clear_pointer (full_id, g_free);
  return TRUE;
}

static gboolean
add_backup (CustodyImportContext  *ctx,
            CustodyJsonDoc        *doc,
            gint64                 copy_id,
            GArray                *volume_ids,
            GError               **error)
{
  g_auto(CustodyResticBackup) backup = { 0, };
  g_autofree char *full_id = NULL;
  CustodyImportRun run = { 0, };

  if (!custody_restic_read_backup (&ctx->text, doc, ctx->options->exit_code, &backup, error))
    return FALSE;

  run.copy_id = copy_id;
  run.bytes = backup.bytes;
  run.files = backup.files;
  run.started = backup.started;
  run.finished = backup.finished;
  run.position = 1;

  if (run.started == CUSTODY_TIME_NONE || run.finished == CUSTODY_TIME_NONE ||
      strlen (backup.snapshot_id) < 64)
    {
      /* restic < 0.17: no times here; the snapshot list has them. */
      if (!find_recorded_snapshot (ctx, copy_id, backup.snapshot_id, &run, &full_id, error))
        return FALSE;
      if (full_id == NULL)
        return custody_tool_text_fail_at (&ctx->text, backup.summary_offset, error,
                                          _("this restic prints no times in its backup summary: "
                                            "import 'restic snapshots --json' first, then this "
                                            "output (snapshot %s is not recorded in this copy)"),
                                          backup.snapshot_id);
    }
  run.run_id = full_id != NULL ? full_id : backup.snapshot_id;
  run.status = backup.status;
  /* The snapshot list names its source; a clean run leaves it be. */
  run.message = backup.message;
  run.flags = run.finished == CUSTODY_TIME_NONE ? CUSTODY_IMPORT_RUN_FINISH_ASSUMED : 0;
  if (volume_ids == NULL)
    run.flags |= CUSTODY_IMPORT_RUN_VOLUMES_UNKNOWN;

  if (!custody_restic_check_order (&ctx->text, backup.summary_offset, _("the summary"),
                                   run.started, run.finished, error))
    return FALSE;

  custody_run_batch_add (ctx->runs, &run, volume_ids);
  return TRUE;
}

gboolean
custody_import_restic (CustodyImportContext  *ctx,
                       GError               **error)
{
  const CustodyResticFilter filter = {
    ctx->options->hosts, ctx->options->paths, ctx->options->tags,
  };
  g_autoptr(CustodyJsonDoc) doc = NULL;
  g_autoptr(GArray) volume_ids = NULL;
  g_autoptr(GArray) snapshots = NULL;
  CustodyResticKind kind;
  CustodyJsonNode root;
  gint64 copy_id, volume;

  doc = custody_tool_text_parse_json (&ctx->text, CUSTODY_JSON_PARSE_MANY, error);
  if (doc == NULL)
    return FALSE;

  copy_id = custody_import_find_copy (ctx, ctx->options->job, ctx->options->copy,
                                      CUSTODY_MEDIA_TYPE_DISK, error);
  if (copy_id == 0)
    return FALSE;

  if (ctx->options->repository_id != NULL &&
      !custody_restic_is_id (ctx->options->repository_id, 64))
    {
      g_set_error (error, CUSTODY_STORE_ERROR, CUSTODY_STORE_ERROR_INVALID,
                   _("--repository-id: '%s' is not a restic repository id (64 hexadecimal digits, "
                     "from 'restic cat config')"), ctx->options->repository_id);
      return FALSE;
    }
  if (!custody_import_find_repository_volume (ctx, ctx->options->repository_id, &volume, error))
    return FALSE;
  if (volume > 0)
    {
      volume_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_array_append_val (volume_ids, volume);
    }

  kind = custody_restic_detect (doc);
  root = custody_json_doc_get_root (doc, 0);
  if (kind == CUSTODY_RESTIC_SNAPSHOT_LIST && ctx->options->exit_code >= 0)
    {
      g_set_error (error, CUSTODY_STORE_ERROR, CUSTODY_STORE_ERROR_INVALID,
                   _("--exit-code goes with the output of 'restic backup --json', not with "
                     "the snapshot list"));
      return FALSE;
    }
  if (kind == CUSTODY_RESTIC_BACKUP)
    return add_backup (ctx, doc, copy_id, volume_ids, error);
  if (kind == CUSTODY_RESTIC_UNKNOWN)
    return custody_tool_text_fail_at (&ctx->text, custody_json_doc_get_offset (doc, root), error,
                                      _("this is neither restic's snapshot list ('restic "
                                        "snapshots --json') nor its backup output ('restic backup "
                                        "--json')"));

  snapshots = custody_restic_snapshots_new ();
  if (!custody_restic_read_snapshots (&ctx->text, doc, &filter, snapshots, &ctx->left_out, error))
    return FALSE;
  add_snapshots (ctx, snapshots, copy_id, volume_ids);
  if (kind == CUSTODY_RESTIC_SNAPSHOT_LIST && ctx->left_out > 0)
    custody_import_note (ctx, g_dngettext (GETTEXT_PACKAGE,
                                           "Left out %u snapshot of other hosts, paths or tags.",
                                           "Left out %u snapshots of other hosts, paths or tags.",
                                           ctx->left_out), ctx->left_out);
  return TRUE;
}

gboolean
custody_import_restic_check (CustodyImportContext  *ctx,
                             GError               **error)
{
  g_auto(CustodyResticCheck) check = { 0, };

  if (!custody_restic_read_check (&ctx->text, ctx->options->exit_code, &check, error))
    return FALSE;

  return custody_import_tool_check (ctx, "restic", check.passed, check.errors, CUSTODY_TIME_NONE,
                                    &check.note, check.digest, error);
}
