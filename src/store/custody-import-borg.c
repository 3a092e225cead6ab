/* custody-import-borg.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custody-import"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "custody-borg.h"
#include "custody-import-private.h"
#include "custody-time.h"

/* borg's archive lists, create output and check (read by custody-borg.c),
 * written to the store: archives as runs of the copy, on the volume that
 * holds the repository; a check as a checksum verification. */

static void
add_archives (CustodyImportContext *ctx,
              GArray               *archives,
              gint64                copy_id,
              GArray               *volume_ids)
{
  for (guint i = 0; i < archives->len; i++)
    {
      const CustodyBorgArchive *a = &g_array_index (archives, CustodyBorgArchive, i);
      CustodyImportRun run = { 0, };

      run.copy_id = copy_id;
      run.run_id = a->id;
      run.started = a->started;
      run.finished = a->finished;
      run.bytes = a->bytes;
      run.files = a->files;
      run.position = a->index;
      run.status = a->status;
      run.message = a->message;
      if (!a->finish_known)
        run.flags |= CUSTODY_IMPORT_RUN_FINISH_ASSUMED;
      if (!a->status_known)
        run.flags |= CUSTODY_IMPORT_RUN_STATUS_ASSUMED;
      if (volume_ids == NULL)
        run.flags |= CUSTODY_IMPORT_RUN_VOLUMES_UNKNOWN;
      custody_run_batch_add (ctx->runs, &run, volume_ids);
    }
}

gboolean
custody_import_borg (CustodyImportContext  *ctx,
                     GError               **error)
{
  g_autoptr(CustodyJsonDoc) doc = NULL;
  g_autoptr(GArray) volume_ids = NULL;
  g_autoptr(GArray) archives = NULL;
  g_autofree char *repository_id = NULL;
  gint64 copy_id, volume;

  doc = custody_tool_text_parse_json (&ctx->text, CUSTODY_JSON_PARSE_MANY, error);
  if (doc == NULL)
    return FALSE;
  if (!custody_borg_read_repository (&ctx->text, doc, ctx->options->exit_code, &repository_id,
                                     error))
    return FALSE;

  copy_id = custody_import_find_copy (ctx, ctx->options->job, ctx->options->copy,
                                      CUSTODY_MEDIA_TYPE_DISK, error);
  if (copy_id == 0)
    return FALSE;
  if (!custody_import_find_repository_volume (ctx, repository_id, &volume, error))
    return FALSE;
  if (volume > 0)
    {
      volume_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_array_append_val (volume_ids, volume);
    }

  archives = custody_borg_archives_new ();
  if (!custody_borg_read_archives (&ctx->text, doc, ctx->options->exit_code,
                                   ctx->options->glob_archives, archives, &ctx->left_out, error))
    return FALSE;
  add_archives (ctx, archives, copy_id, volume_ids);
  if (ctx->left_out > 0)
    custody_import_note (ctx,
                         g_dngettext (GETTEXT_PACKAGE,
                                      "Left out %u archive that --glob-archives does not match.",
                                      "Left out %u archives that --glob-archives does not match.",
                                      ctx->left_out), ctx->left_out);
  return TRUE;
}

gboolean
custody_import_borg_check (CustodyImportContext  *ctx,
                           GError               **error)
{
  g_auto(CustodyBorgCheck) check = { 0, };

  if (!custody_borg_read_check (&ctx->text, ctx->options->exit_code, &check, error))
    return FALSE;

  return custody_import_tool_check (ctx, "borg", check.passed, check.errors, check.at,
                                    &check.note, check.digest, error);
}
