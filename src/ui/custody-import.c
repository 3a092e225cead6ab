/* custody-import.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custody-import"

#include "config.h"

#include <glib/gi18n.h>

#include "custody-import.h"

typedef struct
{
  GFile *file;
  char  *summary;
} ImportData;

static void
import_data_free (gpointer data)
{
  ImportData *d = data;

  g_clear_object (&d->file);
  g_free (d->summary);
  g_free (d);
}

/* The CSV imports of cli.md, told apart by their header's first column
 * names. */
static const char *
csv_kind (const char *header)
{
  if (g_str_has_prefix (header, "volser,") || strstr (header, ",volser,") != NULL)
    return "media";
  if (strstr (header, "started") != NULL && strstr (header, "status") != NULL)
    return "executions";
  if (strstr (header, "job") != NULL)
    return "jobs";
  return NULL;
}

static gboolean
import_worker (CustodyStore  *store,
               gpointer       user_data,
               GError       **error)
{
  ImportData *d = user_data;
  g_autoptr(GFileInputStream) input = NULL;
  g_autoptr(GBufferedInputStream) buffered = NULL;
  g_autofree char *header = NULL;
  g_autofree char *name = g_file_get_basename (d->file);
  CustodyImportStats stats;
  const char *kind;
  gsize available;
  const char *peek;

  input = g_file_read (d->file, NULL, error);
  if (input == NULL)
    return FALSE;

  buffered = G_BUFFERED_INPUT_STREAM (g_buffered_input_stream_new_sized (G_INPUT_STREAM (input),
                                                                          64 * 1024));
  if (g_buffered_input_stream_fill (buffered, -1, NULL, error) < 0)
    return FALSE;
  peek = g_buffered_input_stream_peek_buffer (buffered, &available);
  header = g_strndup (peek, MIN (available, 512));
  g_strdelimit (header, "\r\n", '\0');

  kind = csv_kind (g_str_has_prefix (header, "\xEF\xBB\xBF") ? header + 3 : header);
  if (kind == NULL)
    {
      g_set_error (error, CUSTODY_STORE_ERROR, CUSTODY_STORE_ERROR_INVALID,
                   _("“%s” is not a file Custody can import: its first line names no known columns"),
                   name);
      return FALSE;
    }

  if (!custody_store_import_csv (store, kind, G_INPUT_STREAM (buffered), &stats, NULL, error))
    {
      g_prefix_error (error, "%s: ", name);
      return FALSE;
    }

  d->summary = g_strdup_printf (_("Imported %s: %llu added, %llu updated, %llu unchanged"),
                                name, (unsigned long long) stats.added,
                                (unsigned long long) stats.updated,
                                (unsigned long long) stats.unchanged);
  return TRUE;
}

static void
import_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  ImportData *d = g_task_get_task_data (task);

  if (!custody_session_write_finish (CUSTODY_SESSION (source), result, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, g_strdup (d->summary), g_free);
}

void
custody_import_file_async (CustodySession      *session,
                           GFile               *file,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  GTask *task = g_task_new (session, cancellable, callback, user_data);
  ImportData *d = g_new0 (ImportData, 1);

  g_task_set_source_tag (task, custody_import_file_async);
  d->file = g_object_ref (file);
  /* The task keeps the data for its result; the write only borrows it. */
  g_task_set_task_data (task, d, import_data_free);
  custody_session_write_async (session, import_worker, d, NULL, cancellable, import_cb, task);
}

/* Returns: (transfer full): what the import did, for a toast */
char *
custody_import_file_finish (CustodySession  *session,
                            GAsyncResult    *result,
                            GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, session), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
