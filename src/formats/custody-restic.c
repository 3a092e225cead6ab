/* custody-restic.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custody-formats"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "custody-restic.h"
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

/* "ws-01: /srv/projects, /etc": where the snapshot came from. */
static char *
describe_source (CustodyToolText       *text,
                 CustodyJsonDoc        *doc,
                 CustodyJsonNode        snapshot,
                 const char            *what,
                 GError               **error)
{
  g_autofree char *host = NULL;
  g_autoptr(GString) source = g_string_new (NULL);
  CustodyJsonNode paths = custody_json_doc_member (doc, snapshot, "paths");

  if (!custody_tool_text_get_string (text, doc, snapshot, "hostname", FALSE, what, &host, error))
    return NULL;
  if (host != NULL)
    g_string_append_printf (source, "%s:", host);

  if (paths != 0 && custody_json_doc_kind (doc, paths) != CUSTODY_JSON_NULL)
    {
      CustodyJsonNode path;

      if (custody_json_doc_kind (doc, paths) != CUSTODY_JSON_ARRAY)
        {
          custody_tool_text_fail_at (text, custody_json_doc_get_offset (doc, paths), error,
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
              custody_tool_text_fail_at (text, custody_json_doc_get_offset (doc, path), error,
                                         _("%s: each path should be a string, not %s"), what,
                                         custody_json_doc_kind_name (doc, path));
              return NULL;
            }
          p = custody_json_doc_dup_string (doc, path);
          g_string_append_printf (source, "%s%s", i == 0 ? (host != NULL ? " " : "") : ", ", p);
          path = custody_json_doc_next (doc, path);
        }
    }

  return g_string_free (g_steal_pointer (&source), FALSE);
}

/* The summary's counts, when there is one. */
static gboolean
read_summary_counts (CustodyToolText       *text,
                     CustodyJsonDoc        *doc,
                     CustodyJsonNode        summary,
                     const char            *what,
                     gint64                *bytes,
                     gint64                *files,
                     GError               **error)
{
  return custody_tool_text_get_count (text, doc, summary, "total_bytes_processed", FALSE, what,
                                      bytes, error) &&
         custody_tool_text_get_count (text, doc, summary, "total_files_processed", FALSE, what,
                                      files, error);
}

gboolean
custody_restic_check_order (CustodyToolText  *text,
                            gsize             offset,
                            const char       *what,
                            gint64            started,
                            gint64            finished,
                            GError          **error)
{
  g_autofree char *s = NULL, *f = NULL;

  if (finished == CUSTODY_TIME_NONE || finished >= started)
    return TRUE;

  s = custody_time_format (started);
  f = custody_time_format (finished);
  return custody_tool_text_fail_at (text, offset, error,
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
snapshot_selected (const CustodyResticFilter *filter,
                   CustodyJsonDoc            *doc,
                   CustodyJsonNode            snapshot)
{
  if (filter->hosts != NULL && filter->hosts[0] != NULL)
    {
      CustodyJsonNode node = custody_json_doc_member (doc, snapshot, "hostname");
      g_autofree char *host = node != 0 ? custody_json_doc_dup_string (doc, node) : NULL;

      if (host == NULL || !g_strv_contains (filter->hosts, host))
        return FALSE;
    }

  if (filter->paths != NULL)
    {
      CustodyJsonNode paths = custody_json_doc_member (doc, snapshot, "paths");

      for (guint i = 0; filter->paths[i] != NULL; i++)
        if (!has_string (doc, paths, filter->paths[i]))
          return FALSE;
    }

  if (filter->tags != NULL && filter->tags[0] != NULL)
    {
      CustodyJsonNode tags = custody_json_doc_member (doc, snapshot, "tags");
      gboolean any = FALSE;

      for (guint i = 0; !any && filter->tags[i] != NULL; i++)
        {
          g_auto(GStrv) list = g_strsplit (filter->tags[i], ",", -1);

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

gboolean
custody_restic_is_id (const char *id,
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

static void
snapshot_clear (gpointer data)
{
  CustodyResticSnapshot *snapshot = data;

  g_free (snapshot->id);
  g_free (snapshot->source);
}

GArray *
custody_restic_snapshots_new (void)
{
  GArray *snapshots = g_array_new (FALSE, TRUE, sizeof (CustodyResticSnapshot));

  g_array_set_clear_func (snapshots, snapshot_clear);
  return snapshots;
}

typedef struct
{
  CustodyToolText           *text;
  CustodyJsonDoc            *doc;
  const CustodyResticFilter *filter;
  GArray                    *snapshots;
  guint                     *left_out;
  GHashTable                *seen;      /* id → index */
} SnapshotReader;

static gboolean
read_snapshot (SnapshotReader   *r,
               CustodyJsonNode   snapshot,
               guint             index,
               GError          **error)
{
  CustodyToolText *text = r->text;
  CustodyJsonDoc *doc = r->doc;
  g_autofree char *what = g_strdup_printf (_("snapshot %u"), index);
  g_autofree char *id = NULL;
  g_autofree char *source = NULL;
  CustodyResticSnapshot s = { 0, };
  CustodyJsonNode summary;
  gint64 time = CUSTODY_TIME_NONE;
  gpointer other;

  if (custody_json_doc_kind (doc, snapshot) != CUSTODY_JSON_OBJECT)
    return custody_tool_text_fail_at (text, custody_json_doc_get_offset (doc, snapshot), error,
                                      _("%s should be an object, not %s"), what,
                                      custody_json_doc_kind_name (doc, snapshot));

  if (!snapshot_selected (r->filter, doc, snapshot))
    {
      (*r->left_out)++;
      return TRUE;
    }

  if (custody_json_doc_member (doc, snapshot, "id") == 0 &&
      custody_json_doc_member (doc, snapshot, "tree") != 0)
    return custody_tool_text_fail_at (text, custody_json_doc_get_offset (doc, snapshot), error,
                                      _("%s has no \"id\": 'restic cat snapshot' prints none; "
                                        "import 'restic snapshots --json' instead"), what);
  if (!custody_tool_text_get_string (text, doc, snapshot, "id", TRUE, what, &id, error))
    return FALSE;
  if (!custody_restic_is_id (id, 64))
    {
      CustodyJsonNode node = custody_json_doc_member (doc, snapshot, "id");
      return custody_tool_text_fail_at (text, custody_json_doc_get_offset (doc, node), error,
                                        _("%s: \"%s\" is not a restic snapshot id (64 "
                                          "hexadecimal digits)"),
                                        what, id);
    }
  g_free (what);
  what = g_strdup_printf (_("snapshot %u (%.8s)"), index, id);

  if (g_hash_table_lookup_extended (r->seen, id, NULL, &other))
    return custody_tool_text_fail_at (text, custody_json_doc_get_offset (doc, snapshot), error,
                                      _("%s appears twice (also snapshot %u)"), what,
                                      GPOINTER_TO_UINT (other));
  g_hash_table_insert (r->seen, g_strdup (id), GUINT_TO_POINTER (index));

  if (!custody_tool_text_get_time (text, doc, snapshot, "time", TRUE, what, &time, error))
    return FALSE;

  s.started = s.finished = time;
  s.bytes = s.files = -1;
  s.index = index;

  summary = custody_json_doc_member (doc, snapshot, "summary");
  if (summary != 0 && custody_json_doc_kind (doc, summary) != CUSTODY_JSON_NULL)
    {
      gint64 start = CUSTODY_TIME_NONE, end = CUSTODY_TIME_NONE;

      if (custody_json_doc_kind (doc, summary) != CUSTODY_JSON_OBJECT)
        return custody_tool_text_fail_at (text, custody_json_doc_get_offset (doc, summary), error,
                                          _("%s: \"summary\" should be an object, not %s"), what,
                                          custody_json_doc_kind_name (doc, summary));
      if (!custody_tool_text_get_time (text, doc, summary, "backup_start", FALSE, what, &start,
                                       error) ||
          !custody_tool_text_get_time (text, doc, summary, "backup_end", FALSE, what, &end,
                                       error) ||
          !read_summary_counts (text, doc, summary, what, &s.bytes, &s.files, error))
        return FALSE;
      if (start != CUSTODY_TIME_NONE)
        s.started = start;
      if (end != CUSTODY_TIME_NONE)
        {
          s.finished = end;
          s.finish_known = TRUE;
        }
    }

  if (!custody_restic_check_order (text, custody_json_doc_get_offset (doc, snapshot), what,
                                   s.started, s.finished, error))
    return FALSE;

  source = describe_source (text, doc, snapshot, what, error);
  if (source == NULL)
    return FALSE;

  s.id = g_steal_pointer (&id);
  s.source = g_steal_pointer (&source);
  g_array_append_val (r->snapshots, s);
  return TRUE;
}

/* A snapshot of the list, or a group of them (--group-by). */
static gboolean
read_snapshot_list (SnapshotReader   *r,
                    CustodyJsonNode   list,
                    GError          **error)
{
  CustodyJsonDoc *doc = r->doc;
  CustodyJsonNode element = custody_json_doc_first (doc, list);
  guint index = 0;

  for (guint i = 0; i < custody_json_doc_get_length (doc, list); i++)
    {
      CustodyJsonNode group = custody_json_doc_member (doc, element, "snapshots");

      if (group != 0 && custody_json_doc_member (doc, element, "group_key") != 0)
        {
          CustodyJsonNode snapshot = custody_json_doc_first (doc, group);

          if (custody_json_doc_kind (doc, group) != CUSTODY_JSON_ARRAY)
            return custody_tool_text_fail_at (r->text, custody_json_doc_get_offset (doc, group),
                                              error,
                                              _("group %u: \"snapshots\" should be an "
                                                "array, not %s"),
                                              i + 1, custody_json_doc_kind_name (doc, group));
          for (guint j = 0; j < custody_json_doc_get_length (doc, group); j++)
            {
              if (!read_snapshot (r, snapshot, ++index, error))
                return FALSE;
              snapshot = custody_json_doc_next (doc, snapshot);
            }
        }
      else if (!read_snapshot (r, element, ++index, error))
        return FALSE;

      element = custody_json_doc_next (doc, element);
      if (index % 8192 == 0 && g_cancellable_set_error_if_cancelled (r->text->cancellable, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * custody_restic_detect:
 *
 * Which of restic's outputs @doc is: its snapshot list, its backup's JSON
 * lines, or a single snapshot of the list.
 */
CustodyResticKind
custody_restic_detect (CustodyJsonDoc *doc)
{
  CustodyJsonNode root = custody_json_doc_get_root (doc, 0);

  if (custody_json_doc_get_n_roots (doc) == 1 &&
      custody_json_doc_kind (doc, root) == CUSTODY_JSON_ARRAY)
    return CUSTODY_RESTIC_SNAPSHOT_LIST;
  if (custody_json_doc_kind (doc, root) == CUSTODY_JSON_OBJECT &&
      custody_json_doc_member (doc, root, "message_type") != 0)
    return CUSTODY_RESTIC_BACKUP;
  if (custody_json_doc_get_n_roots (doc) == 1 &&
      custody_json_doc_kind (doc, root) == CUSTODY_JSON_OBJECT &&
      (custody_json_doc_member (doc, root, "tree") != 0 ||
       custody_json_doc_member (doc, root, "id") != 0))
    return CUSTODY_RESTIC_SNAPSHOT;
  return CUSTODY_RESTIC_UNKNOWN;
}

/**
 * custody_restic_read_snapshots:
 *
 * Reads the snapshot list (or the single snapshot) @doc holds, as
 * custody_restic_detect () tells. Each snapshot is checked whole: its id,
 * its times, its counts, its paths.
 */
gboolean
custody_restic_read_snapshots (CustodyToolText            *text,
                               CustodyJsonDoc             *doc,
                               const CustodyResticFilter  *filter,
                               GArray                     *snapshots,
                               guint                      *left_out,
                               GError                    **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  SnapshotReader r = { text, doc, filter, snapshots, left_out, seen };
  CustodyJsonNode root = custody_json_doc_get_root (doc, 0);

  if (custody_json_doc_kind (doc, root) == CUSTODY_JSON_ARRAY)
    return read_snapshot_list (&r, root, error);
  return read_snapshot (&r, root, 1, error);
}

/* The "message_type" of a record of restic's --json output (one JSON
 * object a line), @what naming the record in errors. */
static gboolean
read_message_type (CustodyToolText  *text,
                   CustodyJsonDoc   *doc,
                   CustodyJsonNode   record,
                   const char       *what,
                   char            **type,
                   GError          **error)
{
  if (custody_json_doc_kind (doc, record) != CUSTODY_JSON_OBJECT)
    return custody_tool_text_fail_at (text, custody_json_doc_get_offset (doc, record), error,
                                      _("%s should be an object, not %s"), what,
                                      custody_json_doc_kind_name (doc, record));
  return custody_tool_text_get_string (text, doc, record, "message_type", TRUE, what, type,
                                       error);
}

/**
 * custody_restic_read_backup:
 *
 * Reads what `restic backup --json` printed: the snapshot it made, its
 * times and counts when restic says them, and how it ended.
 */
gboolean
custody_restic_read_backup (CustodyToolText      *text,
                            CustodyJsonDoc       *doc,
                            int                   exit_code,
                            CustodyResticBackup  *backup,
                            GError              **error)
{
  g_autofree char *snapshot_id = NULL;
  g_autofree char *first_error = NULL;
  g_autofree char *fatal = NULL;
  CustodyJsonNode summary = 0;
  guint errors = 0;

  memset (backup, 0, sizeof *backup);

  for (guint i = 0; i < custody_json_doc_get_n_roots (doc); i++)
    {
      CustodyJsonNode record = custody_json_doc_get_root (doc, i);
      g_autofree char *what = g_strdup_printf (_("record %u"), i + 1);
      g_autofree char *type = NULL;

      if (!read_message_type (text, doc, record, what, &type, error))
        return FALSE;

      /* Other message types come and go between versions: ignored. */
      if (g_str_equal (type, "summary"))
        {
          if (summary != 0)
            return custody_tool_text_fail_at (text, custody_json_doc_get_offset (doc, record),
                                              error, _("%s: a second summary"), what);
          summary = record;
        }
      else if (g_str_equal (type, "error"))
        {
          CustodyJsonNode item = custody_json_doc_member (doc, record, "item");

          if (errors++ == 0 && item != 0 &&
              custody_json_doc_kind (doc, item) == CUSTODY_JSON_STRING)
            first_error = custody_json_doc_dup_string (doc, item);
        }
      else if (g_str_equal (type, "exit_error"))
        {
          if (!custody_tool_text_get_string (text, doc, record, "message", FALSE, what, &fatal,
                                             error))
            return FALSE;
          if (fatal == NULL)
            fatal = g_strdup ("exit_error");
        }
    }

  if (summary == 0)
    {
      if (exit_code > 0 || fatal != NULL)
        return custody_tool_text_fail_at (text, 0, error,
                                          _("the backup made no snapshot (exit code %d%s%s): "
                                            "record the failed run with 'custodyctl record "
                                            "--status failed'"),
                                          exit_code, fatal != NULL ? ": " : "",
                                          fatal != NULL ? fatal : "");
      return custody_tool_text_fail_at (text, text->length, error,
                                        _("the output ends without its summary: the backup did not "
                                          "finish"));
    }

  if (!custody_tool_text_get_string (text, doc, summary, "snapshot_id", TRUE, _("the summary"),
                                     &snapshot_id, error))
    return FALSE;
  if (!custody_restic_is_id (snapshot_id, 8))
    return custody_tool_text_fail_at (text, custody_json_doc_get_offset (doc, summary), error,
                                      _("the summary: \"%s\" is not a restic snapshot id"),
                                      snapshot_id);

  backup->bytes = backup->files = -1;
  backup->started = backup->finished = CUSTODY_TIME_NONE;
  backup->summary_offset = custody_json_doc_get_offset (doc, summary);
  if (!custody_tool_text_get_time (text, doc, summary, "backup_start", FALSE, _("the summary"),
                                   &backup->started, error) ||
      !custody_tool_text_get_time (text, doc, summary, "backup_end", FALSE, _("the summary"),
                                   &backup->finished, error) ||
      !read_summary_counts (text, doc, summary, _("the summary"), &backup->bytes, &backup->files,
                            error))
    return FALSE;
  backup->snapshot_id = g_steal_pointer (&snapshot_id);

  if (exit_code < 0)
    exit_code = errors > 0 ? RESTIC_EXIT_PARTIAL : 0;
  if (exit_code == 0)
    backup->status = CUSTODY_RUN_SUCCESS;
  else if (exit_code == RESTIC_EXIT_PARTIAL)
    {
      backup->status = CUSTODY_RUN_WARNING;
      if (first_error != NULL)
        backup->message =
          g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                        "%u source file could not be read (%s)",
                                        "%u source files could not be read (first: %s)",
                                        errors), errors, first_error);
      else
        backup->message = g_strdup (_("some source files could not be read"));
    }
  else
    {
      backup->status = CUSTODY_RUN_FAILED;
      backup->message = g_strdup_printf (_("restic backup exited with %d"), exit_code);
    }
  return TRUE;
}

void
custody_restic_backup_clear (CustodyResticBackup *backup)
{
  g_clear_pointer (&backup->snapshot_id, g_free);
  g_clear_pointer (&backup->message, g_free);
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
  if (g_ascii_strncasecmp (line, "pack ", 5) == 0 &&
      strstr (line, "not referenced in any index") == NULL)
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
read_check_text (CustodyToolText       *text,
                 CheckOutcome          *outcome,
                 GError               **error)
{
  g_auto(GStrv) lines = g_strsplit (text->data, "\n", -1);
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

  outcome->note = first_error != NULL
                  ? g_strdup_printf ("restic check: %s", first_error)
                  : g_strdup (outcome->clean ? "restic check: no errors were found"
                                             : "restic check");
  return TRUE;
}

static gboolean
read_check_json (CustodyToolText       *text,
                 CheckOutcome          *outcome,
                 GError               **error)
{
  g_autoptr(CustodyJsonDoc) doc = custody_tool_text_parse_json (text, CUSTODY_JSON_PARSE_MANY,
                                                                 error);
  g_autofree char *first_error = NULL;
  gint64 listed = 0, counted = -1;

  if (doc == NULL)
    return FALSE;

  for (guint i = 0; i < custody_json_doc_get_n_roots (doc); i++)
    {
      CustodyJsonNode record = custody_json_doc_get_root (doc, i);
      g_autofree char *what = g_strdup_printf (_("record %u"), i + 1);
      g_autofree char *type = NULL;

      if (!read_message_type (text, doc, record, what, &type, error))
        return FALSE;

      if (g_str_equal (type, "summary"))
        {
          if (custody_json_doc_member (doc, record, "num_errors") == 0)
            return custody_tool_text_fail_at (text, custody_json_doc_get_offset (doc, record),
                                              error, _("%s: the summary has no \"num_errors\""),
                                              what);
          if (!custody_tool_text_get_count (text, doc, record, "num_errors", FALSE, what,
                                            &counted, error))
            return FALSE;
          outcome->summary = TRUE;
        }
      else if (g_str_equal (type, "error") || g_str_equal (type, "exit_error"))
        {
          g_autofree char *message = NULL;

          if (!custody_tool_text_get_string (text, doc, record, "message", FALSE, what, &message,
                                             error))
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
  outcome->note = first_error != NULL
                  ? g_strdup_printf ("restic check: %s", first_error)
                  : g_strdup_printf ("restic check: %" G_GINT64_FORMAT " errors",
                                     outcome->errors);
  return TRUE;
}

/**
 * custody_restic_read_check:
 * @exit_code: restic check's, -1 when not given (the output may end in
 *   "rc=N")
 *
 * Reads what `restic check` printed: whether it passed, how many errors
 * it found, and a note naming the first.
 */
gboolean
custody_restic_read_check (CustodyToolText     *text,
                           int                  exit_code,
                           CustodyResticCheck  *check,
                           GError             **error)
{
  CheckOutcome outcome = { 0, };
  CustodyToolText part = *text;
  gsize length = text->length;
  const char *p;
  gboolean ok;

  memset (check, 0, sizeof *check);

  if (!custody_tool_text_take_exit_code (text, exit_code, &length, &exit_code, error))
    return FALSE;
  part.length = length;

  p = text->data;
  while (p < text->data + length && g_ascii_isspace (*p))
    p++;
  if (p == text->data + length && exit_code < 0)
    {
      g_set_error (error, CUSTODY_PARSE_ERROR, CUSTODY_PARSE_ERROR_INVALID,
                   _("the output is empty: give the exit code of restic check (--exit-code)"));
      return FALSE;
    }

  if (*p == '{' || *p == '[')
    ok = read_check_json (&part, &outcome, error);
  else
    {
      g_autofree char *copy = g_strndup (text->data, length);

      part.data = copy;
      ok = read_check_text (&part, &outcome, error);
      part.data = text->data;
    }
  text->zone_used |= part.zone_used;
  if (!ok)
    {
      g_free (outcome.note);
      return FALSE;
    }

  if (exit_code < 0 && !outcome.summary)
    {
      g_free (outcome.note);
      g_set_error (error, CUSTODY_PARSE_ERROR, CUSTODY_PARSE_ERROR_INVALID,
                   _("the output does not say how the check ended: give the exit code of restic "
                     "check (--exit-code)"));
      return FALSE;
    }

  check->passed = exit_code >= 0 ? exit_code == 0 && outcome.errors == 0 : outcome.clean;
  check->errors = outcome.errors;
  if (!check->passed && check->errors == 0)
    check->errors = 1;
  if (exit_code > 0)
    {
      check->note = g_strdup_printf ("%s (exit code %d)", outcome.note, exit_code);
      g_free (outcome.note);
    }
  else
    check->note = outcome.note;

  /* The same output imported again is the same check. */
  check->digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text->data, length);
  return TRUE;
}

void
custody_restic_check_clear (CustodyResticCheck *check)
{
  g_clear_pointer (&check->note, g_free);
  g_clear_pointer (&check->digest, g_free);
}
