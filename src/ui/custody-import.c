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
#include "custody-time.h"

struct _CustodyImportSource
{
  gatomicrefcount      ref_count;
  char                *name;
  GBytes              *data;
  gint64               modified;   /* CUSTODY_TIME_NONE: not known */
  const char          *csv_kind;   /* "jobs", "media", "executions", or NULL */
  CustodyImportFormat  format;     /* when csv_kind is NULL */
};

G_DEFINE_BOXED_TYPE (CustodyImportSource, custody_import_source,
                     custody_import_source_ref, custody_import_source_unref)

CustodyImportSource *
custody_import_source_ref (CustodyImportSource *self)
{
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
custody_import_source_unref (CustodyImportSource *self)
{
  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_free (self->name);
  g_bytes_unref (self->data);
  g_free (self);
}

/* The CSV imports of cli.md, told apart by their header's column names. */
static const char *
csv_kind (const char *header)
{
  if (g_str_has_prefix (header, "volser,") || strstr (header, ",volser,") != NULL)
    return "media";
  if (strstr (header, "started") != NULL && strstr (header, "status") != NULL)
    return "executions";
  if (g_str_has_prefix (header, "job,") || strstr (header, ",job,") != NULL)
    return "jobs";
  return NULL;
}

static void
load_worker (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GFile *file = task_data;
  g_autoptr(CustodyImportSource) source = g_new0 (CustodyImportSource, 1);
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *header = NULL;
  const char *data;
  gsize length;

  g_atomic_ref_count_init (&source->ref_count);
  source->name = g_file_get_basename (file);
  source->modified = CUSTODY_TIME_NONE;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_TIME_MODIFIED, G_FILE_QUERY_INFO_NONE,
                            cancellable, NULL);
  if (info != NULL && g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_TIME_MODIFIED))
    source->modified = (gint64) g_file_info_get_attribute_uint64 (info,
                                                                  G_FILE_ATTRIBUTE_TIME_MODIFIED);

  source->data = g_file_load_bytes (file, cancellable, NULL, &error);
  if (source->data == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  data = g_bytes_get_data (source->data, &length);
  if (data != NULL && custody_import_detect (data, length, &source->format))
    {
      g_task_return_pointer (task, g_steal_pointer (&source),
                             (GDestroyNotify) custody_import_source_unref);
      return;
    }

  header = g_strndup (data != NULL ? data : "", MIN (length, 512));
  g_strdelimit (header, "\r\n", '\0');
  source->csv_kind = csv_kind (g_str_has_prefix (header, "\xEF\xBB\xBF") ? header + 3 : header);
  if (source->csv_kind == NULL)
    {
      g_task_return_new_error (task, CUSTODY_STORE_ERROR, CUSTODY_STORE_ERROR_INVALID,
                               _("“%s” is not a file Custody can import: it is neither the output "
                                 "of restic, borg or Bareos nor a CSV file of jobs, media or runs"),
                               source->name);
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&source),
                         (GDestroyNotify) custody_import_source_unref);
}

void
custody_import_source_load_async (GFile               *file,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, custody_import_source_load_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, load_worker);
}

CustodyImportSource *
custody_import_source_load_finish (GAsyncResult  *result,
                                   GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

const char *
custody_import_source_get_name (CustodyImportSource *self)
{
  return self->name;
}

const char *
custody_import_source_get_label (CustodyImportSource *self)
{
  if (self->csv_kind == NULL)
    return custody_import_format_get_label (self->format);
  if (g_str_equal (self->csv_kind, "jobs"))
    return _("Jobs and copies (CSV)");
  if (g_str_equal (self->csv_kind, "media"))
    return _("Volumes (CSV)");
  return _("Runs (CSV)");
}

gsize
custody_import_source_get_size (CustodyImportSource *self)
{
  return g_bytes_get_size (self->data);
}

gboolean
custody_import_source_get_format (CustodyImportSource *self,
                                  CustodyImportFormat *format)
{
  if (self->csv_kind != NULL)
    return FALSE;
  *format = self->format;
  return TRUE;
}

/*
 * Running it
 */

typedef struct
{
  CustodyImportSource  *source;
  CustodyImportOptions  options;
  char                 *strings[7];   /* the options' own copies */
  GtkProgressBar       *progress;     /* owned; touched on the main thread only */
  GCancellable         *cancellable;
  CustodyImportResult  *result;
} RunData;

static void
run_data_free (gpointer data)
{
  RunData *d = data;

  custody_import_source_unref (d->source);
  for (guint i = 0; i < G_N_ELEMENTS (d->strings); i++)
    g_free (d->strings[i]);
  g_clear_object (&d->progress);
  g_clear_object (&d->cancellable);
  g_clear_pointer (&d->result, custody_import_result_free);
  g_free (d);
}

typedef struct
{
  GtkProgressBar *bar;
  double          fraction;
} ProgressUpdate;

static gboolean
update_progress_cb (gpointer user_data)
{
  ProgressUpdate *update = user_data;

  gtk_progress_bar_set_fraction (update->bar, update->fraction);
  return G_SOURCE_REMOVE;
}

static void
progress_update_free (gpointer data)
{
  ProgressUpdate *update = data;

  g_object_unref (update->bar);
  g_free (update);
}

/* Called in the worker: the bar is moved on the main thread. */
static void
report_progress (double   fraction,
                 gpointer user_data)
{
  RunData *d = user_data;
  ProgressUpdate *update;

  if (d->progress == NULL)
    return;
  update = g_new0 (ProgressUpdate, 1);
  update->bar = g_object_ref (d->progress);
  update->fraction = fraction;
  g_main_context_invoke_full (NULL, G_PRIORITY_DEFAULT, update_progress_cb, update,
                              progress_update_free);
}

static gboolean
run_worker (CustodyStore  *store,
            gpointer       user_data,
            GError       **error)
{
  RunData *d = user_data;
  g_autoptr(GInputStream) input = NULL;
  CustodyImportFormat format;

  d->result = g_new0 (CustodyImportResult, 1);

  if (custody_import_source_get_format (d->source, &format))
    return custody_store_import (store, format, d->source->data, &d->options, d->result,
                                 d->cancellable, error);

  d->result->notes = g_ptr_array_new_with_free_func (g_free);
  input = g_memory_input_stream_new_from_bytes (d->source->data);
  report_progress (0.1, d);
  if (!custody_store_import_csv (store, d->source->csv_kind, input, &d->result->stats,
                                 d->cancellable, error))
    return FALSE;
  report_progress (1.0, d);
  return TRUE;
}

static void
run_cb (GObject      *source,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  RunData *d = g_task_get_task_data (task);

  if (!custody_session_write_finish (CUSTODY_SESSION (source), result, &error))
    {
      g_prefix_error (&error, "%s: ", d->source->name);
      g_task_return_error (task, g_steal_pointer (&error));
    }
  else
    g_task_return_pointer (task, g_steal_pointer (&d->result),
                           (GDestroyNotify) custody_import_result_free);
}

void
custody_import_run_async (CustodySession              *session,
                          CustodyImportSource         *source,
                          const CustodyImportOptions  *options,
                          GtkProgressBar              *progress,
                          GCancellable                *cancellable,
                          GAsyncReadyCallback          callback,
                          gpointer                     user_data)
{
  GTask *task;
  RunData *d;

  g_return_if_fail (CUSTODY_IS_SESSION (session));
  g_return_if_fail (source != NULL);
  g_return_if_fail (options != NULL);

  task = g_task_new (session, cancellable, callback, user_data);
  g_task_set_source_tag (task, custody_import_run_async);

  d = g_new0 (RunData, 1);
  d->source = custody_import_source_ref (source);
  d->options = *options;
  d->options.job = d->strings[0] = g_strdup (options->job);
  d->options.copy = d->strings[1] = g_strdup (options->copy);
  d->options.time_zone = d->strings[2] = g_strdup (options->time_zone);
  d->options.volume = d->strings[3] = g_strdup (options->volume);
  d->options.repository_id = d->strings[4] = g_strdup (options->repository_id);
  d->options.library = d->strings[5] = g_strdup (options->library);
  d->options.shelf = d->strings[6] = g_strdup (options->shelf);
  d->options.progress = report_progress;
  d->options.progress_data = d;
  /* A check is dated by when its output was written, as in custodyctl. */
  if (d->options.checked_at == CUSTODY_TIME_NONE)
    d->options.checked_at = source->modified;
  d->progress = progress != NULL ? g_object_ref (progress) : NULL;
  d->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;

  /* The task keeps the data for its result; the write only borrows it. */
  g_task_set_task_data (task, d, run_data_free);
  custody_session_write_async (session, run_worker, d, NULL, cancellable, run_cb, task);
}

/* Returns: (transfer full): what the import did */
CustodyImportResult *
custody_import_run_finish (CustodySession  *session,
                           GAsyncResult    *result,
                           GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, session), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
custody_import_result_free (CustodyImportResult *result)
{
  if (result == NULL)
    return;
  custody_import_result_clear (result);
  g_free (result);
}

/* "12 added, 3 updated, 40 already there", then what else it says. */
char *
custody_import_result_describe (const CustodyImportResult *result)
{
  g_autoptr(GString) text = g_string_new (NULL);

  /* Translators: the three counts of an import: "12 added, 3 updated, 40 already known" */
  g_string_append_printf (text, _("%llu added, %llu updated, %llu already known"),
                          (unsigned long long) result->stats.added,
                          (unsigned long long) result->stats.updated,
                          (unsigned long long) result->stats.unchanged);
  if (result->skipped > 0)
    {
      g_string_append (text, "\n");
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                                 "%llu job skipped: not a backup run",
                                                 "%llu jobs skipped: not backup runs",
                                                 (gulong) result->skipped),
                              (unsigned long long) result->skipped);
    }
  if (result->time_zone != NULL)
    {
      g_string_append (text, "\n");
      if (result->time_zone_is_local)
        g_string_append_printf (text,
                                _("Times without a zone were read in %s, this computer’s zone."),
                                result->time_zone);
      else
        g_string_append_printf (text, _("Times without a zone were read in %s."),
                                result->time_zone);
    }
  for (guint i = 0; result->notes != NULL && i < result->notes->len; i++)
    {
      g_string_append (text, "\n");
      g_string_append (text, g_ptr_array_index (result->notes, i));
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}
