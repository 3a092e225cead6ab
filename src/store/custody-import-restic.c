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
#include "custody-time.h"

/* restic (doc/075_scripting.rst):
 *
 *  - `restic snapshots --json`: an array of snapshots (with --group-by, an
 *    array of groups holding them), each an execution keyed by its id.
 *    Times come from summary.backup_start/backup_end (restic >= 0.17),
 *    else from `time`, when the backup started.
 *  - `restic backup --json`: JSON lines ending in a summary that names the
 *    snapshot; with --exit-code 3 ("some source files could not be read")
 *    the run is a warning. Before 0.17 the summary has no times: the
 *    snapshot must have been imported from the snapshot list first.
 *  - `restic check`: text (0.14-0.16) or JSON lines (>= 0.17), with the
 *    exit code, as a checksum verification. */

#define RESTIC_EXIT_PARTIAL 3

static gboolean
is_snapshot_id (const char *id,
                gsize       min_length)
{
  gsize len = strlen (id);

  if (len < min_length || len > 64)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isxdigit (id[i]) || g_ascii_isupper (id[i]))
      return FALSE;
  return TRUE;
}

/* "ws-01: /srv/projects, /etc": where the snapshot came from. */
static char *
describe_source (CustodyImportContext  *ctx,
                 CustodyJsonDoc        *doc,
                 CustodyJsonNode        snapshot,
                 const char            *what,
                 GError               **error)
{
  g_autofree char *host = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  CustodyJsonNode paths = custody_json_doc_member (doc, snapshot, "paths");

  if (!custody_import_get_string (ctx, doc, snapshot, "hostname", FALSE, what, &host, error))
    return NULL;
  if (host != NULL)
    g_string_append_printf (text, "%s:", host);

  if (paths != 0 && custody_json_doc_kind (doc, paths) != CUSTODY_JSON_NULL)
    {
      CustodyJsonNode path;

      if (custody_json_doc_kind (doc, paths) != CUSTODY_JSON_ARRAY)
        {
          custody_import_fail_at (ctx, custody_json_doc_get_offset (doc, paths), error,
                                  _("%s: \"paths\" should be a list of paths, not %s"), what,
                                  custody_json_doc_kind_name (doc, paths));
          return NULL;
        }
      path = custody_json_doc_first (doc, paths);
      for (guint i = 0; i < custody_json_doc_get_length (doc, paths); i++)
        {
          g_autofree char *p = NULL;

          if (custody_json_doc_kind (doc, path) != CUSTODY_JSON_STRING)
            {
              custody_import_fail_at (ctx, custody_json_doc_get_offset (doc, path), error,
                                      _("%s: each path should be a string, not %s"), what,
                                      custody_json_doc_kind_name (doc, path));
              return NULL;
            }
          p = custody_json_doc_dup_string (doc, path);
          g_string_append_printf (text, "%s%s", i == 0 ? (host != NULL ? " " : "") : ", ", p);
          path = custody_json_doc_next (doc, path);
        }
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The summary's counts, when there is one. */
static gboolean
read_summary_counts (CustodyImportContext  *ctx,
                     CustodyJsonDoc        *doc,
                     CustodyJsonNode        summary,
                     const char            *what,
                     CustodyImportRun      *run,
                     GError               **error)
{
  return custody_import_get_count (ctx, doc, summary, "total_bytes_processed", FALSE, what,
                                   &run->bytes, error) &&
         custody_import_get_count (ctx, doc, summary, "total_files_processed", FALSE, what,
                                   &run->files, error);
}

static gboolean
check_order (CustodyImportContext  *ctx,
             CustodyJsonDoc        *doc,
             CustodyJsonNode        node,
             const char            *what,
             const CustodyImportRun *run,
             GError               **error)
{
  g_autofree char *s = NULL, *f = NULL;

  if (run->finished == CUSTODY_TIME_NONE || run->finished >= run->started)
    return TRUE;

  s = custody_time_format (run->started);
  f = custody_time_format (run->finished);
  return custody_import_fail_at (ctx, custody_json_doc_get_offset (doc, node), error,
                                 _("%s: it ends (%s) before it starts (%s)"), what, f, s);
}

/* Whether the array @list of strings holds @value. */
static gboolean
has_string (CustodyJsonDoc  *doc,
            CustodyJsonNode  list,
            const char      *value)
{
  CustodyJsonNode item;

  if (list == 0 || custody_json_doc_kind (doc, list) != CUSTODY_JSON_ARRAY)
    return FALSE;
  item = custody_json_doc_first (doc, list);
  for (guint i = 0; i < custody_json_doc_get_length (doc, list); i++)
    {
      g_autofree char *text = custody_json_doc_dup_string (doc, item);

      if (g_strcmp0 (text, value) == 0)
        return TRUE;
      item = custody_json_doc_next (doc, item);
    }
  return FALSE;
}

/* restic's own filters, with its meaning (restic snapshots --host --path
 * --tag): one of the hosts; all of the paths; all the tags of one of the
 * tag lists. In a repository that several hosts share, the others'
 * snapshots are not this job's. */
static gboolean
snapshot_selected (const CustodyImportOptions *options,
                   CustodyJsonDoc             *doc,
                   CustodyJsonNode             snapshot)
{
  if (options->hosts != NULL && options->hosts[0] != NULL)
    {
      CustodyJsonNode node = custody_json_doc_member (doc, snapshot, "hostname");
      g_autofree char *host = node != 0 ? custody_json_doc_dup_string (doc, node) : NULL;

      if (host == NULL || !g_strv_contains (options->hosts, host))
        return FALSE;
    }

  if (options->paths != NULL)
    {
      CustodyJsonNode paths = custody_json_doc_member (doc, snapshot, "paths");

      for (guint i = 0; options->paths[i] != NULL; i++)
        if (!has_string (doc, paths, options->paths[i]))
          return FALSE;
    }

  if (options->tags != NULL && options->tags[0] != NULL)
    {
      CustodyJsonNode tags = custody_json_doc_member (doc, snapshot, "tags");
      gboolean any = FALSE;

      for (guint i = 0; !any && options->tags[i] != NULL; i++)
        {
          g_auto(GStrv) list = g_strsplit (options->tags[i], ",", -1);

          any = TRUE;
          for (guint j = 0; any && list[j] != NULL; j++)
            if (list[j][0] != '\0' && !has_string (doc, tags, list[j]))
              any = FALSE;
        }
      if (!any)
        return FALSE;
    }

  return TRUE;
}

static gboolean
read_snapshot (CustodyImportContext  *ctx,
               CustodyJsonDoc        *doc,
               CustodyJsonNode        snapshot,
               guint                  index,
               gint64                 copy_id,
               GArray                *volume_ids,
               GHashTable            *seen,
               GError               **error)
{
  g_autofree char *what = g_strdup_printf (_("snapshot %u"), index);
  g_autofree char *id = NULL;
  g_autofree char *message = NULL;
  CustodyImportRun run = { 0, };
  CustodyJsonNode summary;
  gint64 time = CUSTODY_TIME_NONE;
  gpointer other;

  if (custody_json_doc_kind (doc, snapshot) != CUSTODY_JSON_OBJECT)
    return custody_import_fail_at (ctx, custody_json_doc_get_offset (doc, snapshot), error,
                                   _("%s should be an object, not %s"), what,
                                   custody_json_doc_kind_name (doc, snapshot));

  if (!snapshot_selected (ctx->options, doc, snapshot))
    {
      ctx->left_out++;
      return TRUE;
    }

  if (custody_json_doc_member (doc, snapshot, "id") == 0 &&
      custody_json_doc_member (doc, snapshot, "tree") != 0)
    return custody_import_fail_at (ctx, custody_json_doc_get_offset (doc, snapshot), error,
                                   _("%s has no \"id\": 'restic cat snapshot' prints none; "
                                     "import 'restic snapshots --json' instead"), what);
  if (!custody_import_get_string (ctx, doc, snapshot, "id", TRUE, what, &id, error))
    return FALSE;
  if (!is_snapshot_id (id, 64))
    {
      CustodyJsonNode node = custody_json_doc_member (doc, snapshot, "id");
      return custody_import_fail_at (ctx, custody_json_doc_get_offset (doc, node), error,
                                     _("%s: \"%s\" is not a restic snapshot id (64 hexadecimal digits)"),
                                     what, id);
    }
  g_free (what);
  what = g_strdup_printf (_("snapshot %u (%.8s)"), index, id);

  if (g_hash_table_lookup_extended (seen, id, NULL, &other))
    return custody_import_fail_at (ctx, custody_json_doc_get_offset (doc, snapshot), error,
                                   _("%s appears twice (also snapshot %u)"), what,
                                   GPOINTER_TO_UINT (other));
  g_hash_table_insert (seen, g_strdup (id), GUINT_TO_POINTER (index));

  if (!custody_import_get_time (ctx, doc, snapshot, "time", TRUE, what, &time, error))
    return FALSE;

  run.copy_id = copy_id;
  run.run_id = id;
  run.status = CUSTODY_RUN_SUCCESS;
  /* A snapshot says nothing of how its backup ended: a warning recorded
   * from the backup's own output stays, with what it said. */
  run.flags = CUSTODY_IMPORT_RUN_STATUS_ASSUMED | CUSTODY_IMPORT_RUN_MESSAGE_ASSUMED;
  run.started = run.finished = time;
  run.bytes = run.files = -1;
  run.position = index;

  summary = custody_json_doc_member (doc, snapshot, "summary");
  if (summary != 0 && custody_json_doc_kind (doc, summary) != CUSTODY_JSON_NULL)
    {
      gint64 start = CUSTODY_TIME_NONE, end = CUSTODY_TIME_NONE;

      if (custody_json_doc_kind (doc, summary) != CUSTODY_JSON_OBJECT)
        return custody_import_fail_at (ctx, custody_json_doc_get_offset (doc, summary), error,
                                       _("%s: \"summary\" should be an object, not %s"), what,
                                       custody_json_doc_kind_name (doc, summary));
      if (!custody_import_get_time (ctx, doc, summary, "backup_start", FALSE, what, &start, error) ||
          !custody_import_get_time (ctx, doc, summary, "backup_end", FALSE, what, &end, error) ||
          !read_summary_counts (ctx, doc, summary, what, &run, error))
        return FALSE;
      if (start != CUSTODY_TIME_NONE)
        run.started = start;
      if (end != CUSTODY_TIME_NONE)
        run.finished = end;
      else
        run.flags |= CUSTODY_IMPORT_RUN_FINISH_ASSUMED;
    }
  else
    run.flags |= CUSTODY_IMPORT_RUN_FINISH_ASSUMED;

  if (!check_order (ctx, doc, snapshot, what, &run, error))
    return FALSE;

  message = describe_source (ctx, doc, snapshot, what, error);
  if (message == NULL)
    return FALSE;
  run.message = message;

  if (volume_ids == NULL)
    run.flags |= CUSTODY_IMPORT_RUN_VOLUMES_UNKNOWN;
  custody_run_batch_add (ctx->runs, &run, volume_ids);
  return TRUE;
}

/* A snapshot of the list, or a group of them (--group-by). */
static gboolean
read_snapshot_list (CustodyImportContext  *ctx,
                    CustodyJsonDoc        *doc,
                    CustodyJsonNode        list,
                    gint64                 copy_id,
                    GArray                *volume_ids,
                    GError               **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  CustodyJsonNode element = custody_json_doc_first (doc, list);
  guint index = 0;

  for (guint i = 0; i < custody_json_doc_get_length (doc, list); i++)
    {
      CustodyJsonNode group = custody_json_doc_member (doc, element, "snapshots");

      if (group != 0 && custody_json_doc_member (doc, element, "group_key") != 0)
        {
          CustodyJsonNode snapshot = custody_json_doc_first (doc, group);

          if (custody_json_doc_kind (doc, group) != CUSTODY_JSON_ARRAY)
            return custody_import_fail_at (ctx, custody_json_doc_get_offset (doc, group), error,
                                           _("group %u: \"snapshots\" should be an array, not %s"),
                                           i + 1, custody_json_doc_kind_name (doc, group));
          for (guint j = 0; j < custody_json_doc_get_length (doc, group); j++)
            {
              if (!read_snapshot (ctx, doc, snapshot, ++index, copy_id, volume_ids, seen, error))
                return FALSE;
              snapshot = custody_json_doc_next (doc, snapshot);
            }
        }
      else if (!read_snapshot (ctx, doc, element, ++index, copy_id, volume_ids, seen, error))
        return FALSE;

      element = custody_json_doc_next (doc, element);
      if (index % 8192 == 0 && g_cancellable_set_error_if_cancelled (ctx->cancellable, error))
        return FALSE;
    }

  return TRUE;
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
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return custody_store_fail (ctx->store, rc, error);

  if (found != 1)
    g_clear_pointer (full_id, g_free);
  return TRUE;
}

static gboolean
read_backup_output (CustodyImportContext  *ctx,
                    CustodyJsonDoc        *doc,
                    gint64                 copy_id,
                    GArray                *volume_ids,
                    GError               **error)
{
  g_autofree char *snapshot_id = NULL;
  g_autofree char *full_id = NULL;
  g_autofree char *first_error = NULL;
  g_autofree char *fatal = NULL;
  g_autofree char *message = NULL;
  CustodyJsonNode summary = 0;
  CustodyImportRun run = { 0, };
  guint errors = 0;
  int exit_code = ctx->options->exit_code;

  for (guint i = 0; i < custody_json_doc_get_n_roots (doc); i++)
    {
      CustodyJsonNode record = custody_json_doc_get_root (doc, i);
      g_autofree char *what = g_strdup_printf (_("record %u"), i + 1);
      g_autofree char *type = NULL;

      if (custody_json_doc_kind (doc, record) != CUSTODY_JSON_OBJECT)
        return custody_import_fail_at (ctx, custody_json_doc_get_offset (doc, record), error,
                                       _("%s should be an object, not %s"), what,
                                       custody_json_doc_kind_name (doc, record));
      if (!custody_import_get_string (ctx, doc, record, "message_type", TRUE, what, &type, error))
        return FALSE;

      /* Other message types come and go between versions: ignored. */
      if (g_str_equal (type, "summary"))
        {
          if (summary != 0)
            return custody_import_fail_at (ctx, custody_json_doc_get_offset (doc, record), error,
                                           _("%s: a second summary"), what);
          summary = record;
        }
      else if (g_str_equal (type, "error"))
        {
          CustodyJsonNode item = custody_json_doc_member (doc, record, "item");

          if (errors++ == 0 && item != 0 && custody_json_doc_kind (doc, item) == CUSTODY_JSON_STRING)
            first_error = custody_json_doc_dup_string (doc, item);
        }
      else if (g_str_equal (type, "exit_error"))
        {
          if (!custody_import_get_string (ctx, doc, record, "message", FALSE, what, &fatal, error))
            return FALSE;
          if (fatal == NULL)
            fatal = g_strdup ("exit_error");
        }
    }

  if (summary == 0)
    {
      if (exit_code > 0 || fatal != NULL)
        return custody_import_fail_at (ctx, 0, error,
                                       _("the backup made no snapshot (exit code %d%s%s): record the "
                                         "failed run with 'custodyctl record --status failed'"),
                                       exit_code, fatal != NULL ? ": " : "",
                                       fatal != NULL ? fatal : "");
      return custody_import_fail_at (ctx, ctx->length, error,
                                     _("the output ends without its summary: the backup did not "
                                       "finish"));
    }

  if (!custody_import_get_string (ctx, doc, summary, "snapshot_id", TRUE, _("the summary"),
                                  &snapshot_id, error))
    return FALSE;
  if (!is_snapshot_id (snapshot_id, 8))
    return custody_import_fail_at (ctx, custody_json_doc_get_offset (doc, summary), error,
                                   _("the summary: \"%s\" is not a restic snapshot id"),
                                   snapshot_id);

  run.copy_id = copy_id;
  run.bytes = run.files = -1;
  run.started = run.finished = CUSTODY_TIME_NONE;
  run.position = 1;
  if (!custody_import_get_time (ctx, doc, summary, "backup_start", FALSE, _("the summary"),
                                &run.started, error) ||
      !custody_import_get_time (ctx, doc, summary, "backup_end", FALSE, _("the summary"),
                                &run.finished, error) ||
      !read_summary_counts (ctx, doc, summary, _("the summary"), &run, error))
    return FALSE;

  if (run.started == CUSTODY_TIME_NONE || run.finished == CUSTODY_TIME_NONE ||
      strlen (snapshot_id) < 64)
    {
      /* restic < 0.17: no times here; the snapshot list has them. */
      if (!find_recorded_snapshot (ctx, copy_id, snapshot_id, &run, &full_id, error))
        return FALSE;
      if (full_id == NULL)
        return custody_import_fail_at (ctx, custody_json_doc_get_offset (doc, summary), error,
                                       _("this restic prints no times in its backup summary: import "
                                         "'restic snapshots --json' first, then this output (snapshot %s "
                                         "is not recorded in this copy)"), snapshot_id);
    }
  run.run_id = full_id != NULL ? full_id : snapshot_id;

  if (exit_code < 0)
    exit_code = errors > 0 ? RESTIC_EXIT_PARTIAL : 0;
  if (exit_code == 0)
    run.status = CUSTODY_RUN_SUCCESS;
  else if (exit_code == RESTIC_EXIT_PARTIAL)
    {
      run.status = CUSTODY_RUN_WARNING;
      if (first_error != NULL)
        message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "%u source file could not be read (%s)",
                                                "%u source files could not be read (first: %s)",
                                                errors), errors, first_error);
      else
        message = g_strdup (_("some source files could not be read"));
    }
  else
    {
      run.status = CUSTODY_RUN_FAILED;
      message = g_strdup_printf (_("restic backup exited with %d"), exit_code);
    }
  /* The snapshot list names its source; a clean run leaves it be. */
  run.message = message;
  run.flags = run.finished == CUSTODY_TIME_NONE ? CUSTODY_IMPORT_RUN_FINISH_ASSUMED : 0;
  if (volume_ids == NULL)
    run.flags |= CUSTODY_IMPORT_RUN_VOLUMES_UNKNOWN;

  if (run.finished != CUSTODY_TIME_NONE && run.finished < run.started)
    return check_order (ctx, doc, summary, _("the summary"), &run, error);

  custody_run_batch_add (ctx->runs, &run, volume_ids);
  return TRUE;
}

gboolean
custody_import_restic (CustodyImportContext  *ctx,
                       GError               **error)
{
  g_autoptr(CustodyJsonDoc) doc = NULL;
  g_autoptr(GArray) volume_ids = NULL;
  CustodyJsonNode root;
  gint64 copy_id, volume;

  doc = custody_import_parse_json (ctx, CUSTODY_JSON_PARSE_MANY, error);
  if (doc == NULL)
    return FALSE;
  root = custody_json_doc_get_root (doc, 0);

  copy_id = custody_import_find_copy (ctx, ctx->options->job, ctx->options->copy,
                                      CUSTODY_MEDIA_TYPE_DISK, error);
  if (copy_id == 0)
    return FALSE;

  if (ctx->options->repository_id != NULL && !is_snapshot_id (ctx->options->repository_id, 64))
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

  if (custody_json_doc_get_n_roots (doc) == 1 &&
      custody_json_doc_kind (doc, root) == CUSTODY_JSON_ARRAY)
    {
      if (ctx->options->exit_code >= 0)
        {
          g_set_error (error, CUSTODY_STORE_ERROR, CUSTODY_STORE_ERROR_INVALID,
                       _("--exit-code goes with the output of 'restic backup --json', not with "
                         "the snapshot list"));
          return FALSE;
        }
      if (!read_snapshot_list (ctx, doc, root, copy_id, volume_ids, error))
        return FALSE;
      if (ctx->left_out > 0)
        custody_import_note (ctx, g_dngettext (GETTEXT_PACKAGE,
                                               "Left out %u snapshot of other hosts, paths or tags.",
                                               "Left out %u snapshots of other hosts, paths or tags.",
                                               ctx->left_out), ctx->left_out);
      return TRUE;
    }

  if (custody_json_doc_kind (doc, root) == CUSTODY_JSON_OBJECT &&
      custody_json_doc_member (doc, root, "message_type") != 0)
    return read_backup_output (ctx, doc, copy_id, volume_ids, error);

  if (custody_json_doc_get_n_roots (doc) == 1 &&
      custody_json_doc_kind (doc, root) == CUSTODY_JSON_OBJECT &&
      (custody_json_doc_member (doc, root, "tree") != 0 ||
       custody_json_doc_member (doc, root, "id") != 0))
    {
      g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      return read_snapshot (ctx, doc, root, 1, copy_id, volume_ids, seen, error);
    }

  return custody_import_fail_at (ctx, custody_json_doc_get_offset (doc, root), error,
                                 _("this is neither restic's snapshot list ('restic snapshots "
                                   "--json') nor its backup output ('restic backup --json')"));
}

/*
 * restic check
 */

/* restic 0.14-0.16 print problems as "error: ...", "error for tree ...",
 * "pack ...: does not exist" or "Pack ID does not match ..."; packs "not
 * referenced in any index" are only a hint to prune. */
static gboolean
is_check_error_line (const char *line)
{
  if (g_ascii_strncasecmp (line, "error", 5) == 0)
    return TRUE;
  if (g_str_has_prefix (line, "Pack ID does not match"))
    return TRUE;
  if (g_ascii_strncasecmp (line, "pack ", 5) == 0 && strstr (line, "not referenced in any index") == NULL)
    return TRUE;
  return FALSE;
}

typedef struct
{
  gint64    errors;
  gboolean  summary;     /* a conclusion was printed */
  gboolean  clean;       /* ...and it says there is nothing wrong */
  char     *note;
} CheckOutcome;

static gboolean
read_check_text (CustodyImportContext  *ctx,
                 CheckOutcome          *outcome,
                 GError               **error)
{
  g_auto(GStrv) lines = g_strsplit (ctx->data, "\n", -1);
  g_autofree char *first_error = NULL;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);

      if (is_check_error_line (line))
        {
          outcome->errors++;
          if (first_error == NULL)
            first_error = g_strdup (line);
        }
      else if (g_str_equal (line, "no errors were found"))
        {
          outcome->summary = TRUE;
          outcome->clean = TRUE;
        }
      else if (g_str_has_prefix (line, "Fatal:"))
        {
          outcome->summary = TRUE;
          outcome->clean = FALSE;
          if (first_error == NULL)
            first_error = g_strdup (line);
          /* "Fatal: wrong password": the check could not run at all. */
          if (!g_str_equal (line, "Fatal: repository contains errors") && outcome->errors == 0)
            outcome->errors = 1;
        }
    }

  outcome->note = first_error != NULL ? g_strdup_printf ("restic check: %s", first_error)
                                      : g_strdup (outcome->clean ? "restic check: no errors were found"
                                                                 : "restic check");
  return TRUE;
}

static gboolean
read_check_json (CustodyImportContext  *ctx,
                 CheckOutcome          *outcome,
                 GError               **error)
{
  g_autoptr(CustodyJsonDoc) doc = custody_import_parse_json (ctx, CUSTODY_JSON_PARSE_MANY, error);
  g_autofree char *first_error = NULL;
  gint64 listed = 0, counted = -1;

  if (doc == NULL)
    return FALSE;

  for (guint i = 0; i < custody_json_doc_get_n_roots (doc); i++)
    {
      CustodyJsonNode record = custody_json_doc_get_root (doc, i);
      g_autofree char *what = g_strdup_printf (_("record %u"), i + 1);
      g_autofree char *type = NULL;

      if (custody_json_doc_kind (doc, record) != CUSTODY_JSON_OBJECT)
        return custody_import_fail_at (ctx, custody_json_doc_get_offset (doc, record), error,
                                       _("%s should be an object, not %s"), what,
                                       custody_json_doc_kind_name (doc, record));
      if (!custody_import_get_string (ctx, doc, record, "message_type", TRUE, what, &type, error))
        return FALSE;

      if (g_str_equal (type, "summary"))
        {
          if (custody_json_doc_member (doc, record, "num_errors") == 0)
            return custody_import_fail_at (ctx, custody_json_doc_get_offset (doc, record), error,
                                           _("%s: the summary has no \"num_errors\""), what);
          if (!custody_import_get_count (ctx, doc, record, "num_errors", FALSE, what, &counted,
                                         error))
            return FALSE;
          outcome->summary = TRUE;
        }
      else if (g_str_equal (type, "error") || g_str_equal (type, "exit_error"))
        {
          g_autofree char *message = NULL;

          if (!custody_import_get_string (ctx, doc, record, "message", FALSE, what, &message, error))
            return FALSE;
          listed++;
          if (first_error == NULL)
            first_error = g_steal_pointer (&message);
          if (g_str_equal (type, "exit_error"))
            outcome->summary = TRUE;
        }
    }

  outcome->errors = MAX (counted, listed);
  outcome->clean = outcome->summary && outcome->errors == 0;
  outcome->note = first_error != NULL ? g_strdup_printf ("restic check: %s", first_error)
                                      : g_strdup_printf ("restic check: %" G_GINT64_FORMAT " errors",
                                                         outcome->errors);
  return TRUE;
}

gboolean
custody_import_restic_check (CustodyImportContext  *ctx,
                             GError               **error)
{
  g_autoptr(CustodyVerification) v = custody_verification_new ();
  g_autofree char *source_id = NULL;
  g_autofree char *digest = NULL;
  CheckOutcome outcome = { 0, };
  gsize length = ctx->length;
  const char *p;
  int exit_code;
  gint64 copy_id;
  gboolean ok;

  if (!custody_import_take_exit_code (ctx, &length, &exit_code, error))
    return FALSE;
  ctx->length = length;

  p = ctx->data;
  while (p < ctx->data + length && g_ascii_isspace (*p))
    p++;
  if (p == ctx->data + length && exit_code < 0)
    {
      g_set_error (error, CUSTODY_STORE_ERROR, CUSTODY_STORE_ERROR_INVALID,
                   _("the output is empty: give the exit code of restic check (--exit-code)"));
      return FALSE;
    }

  if (*p == '{' || *p == '[')
    ok = read_check_json (ctx, &outcome, error);
  else
    {
      g_autofree char *text = g_strndup (ctx->data, length);
      const char *saved = ctx->data;

      ctx->data = text;
      ok = read_check_text (ctx, &outcome, error);
      ctx->data = saved;
    }
  if (!ok)
    {
      g_free (outcome.note);
      return FALSE;
    }

  if (exit_code < 0 && !outcome.summary)
    {
      g_free (outcome.note);
      g_set_error (error, CUSTODY_STORE_ERROR, CUSTODY_STORE_ERROR_INVALID,
                   _("the output does not say how the check ended: give the exit code of restic "
                     "check (--exit-code)"));
      return FALSE;
    }

  copy_id = custody_import_find_copy (ctx, ctx->options->job, ctx->options->copy,
                                      CUSTODY_MEDIA_TYPE_DISK, error);
  if (copy_id == 0)
    {
      g_free (outcome.note);
      return FALSE;
    }

  v->kind = CUSTODY_VERIFY_CHECKSUM;
  v->at = ctx->options->checked_at != CUSTODY_TIME_NONE ? ctx->options->checked_at
                                                         : custody_store_now (ctx->store);
  v->passed = exit_code >= 0 ? exit_code == 0 && outcome.errors == 0 : outcome.clean;
  v->errors = outcome.errors;
  if (!v->passed && v->errors == 0)
    v->errors = 1;
  g_free (v->by);
  v->by = g_strdup ("restic");
  g_free (v->note);
  if (exit_code > 0)
    v->note = g_strdup_printf ("%s (exit code %d)", outcome.note, exit_code);
  else
    v->note = g_steal_pointer (&outcome.note);
  g_free (outcome.note);

  /* The same output imported again is the same check. */
  digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, ctx->data, length);
  source_id = g_strdup_printf ("restic-check:%.16s@%" G_GINT64_FORMAT, digest, v->at);

  return custody_import_upsert_verification (ctx, copy_id, v, source_id, error);
}
