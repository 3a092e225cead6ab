/* custody-borg.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custody-formats"

#include "config.h"

#include <fnmatch.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "custody-borg.h"
#include "custody-time.h"

/* borg (docs/internals/frontends.rst):
 *
 *  - `borg list --json` (1.x), `borg repo-list --json` (2.x), `borg info
 *    --json [--last N | ::ARCHIVE]`: {"archives": [...], "repository":
 *    {"id", ...}}; `borg create --json`: {"archive": {...}, ...}. Each
 *    archive is an execution keyed by its id. borg 1.x writes local times
 *    without an offset: they are read in the text's zone. Archives named
 *    NAME.checkpoint[.N] are what an interrupted `borg create` left
 *    (listed with --consider-checkpoints): failed runs.
 *  - `borg check`: its messages (text, or --log-json lines) and its exit
 *    code (0 ok, 1 warning, 2 error) as a checksum verification. */

static gboolean
is_hex_id (const char *id)
{
  gsize len = strlen (id);

  if (len != 64)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isxdigit (id[i]))
      return FALSE;
  return TRUE;
}

static gboolean
is_checkpoint (const char *name)
{
  const char *mark = g_strrstr (name, ".checkpoint");
  const char *p;

  if (mark == NULL)
    return FALSE;
  p = mark + strlen (".checkpoint");
  if (*p == '\0')
    return TRUE;
  if (*p++ != '.' || *p == '\0')
    return FALSE;
  for (; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

/* borg's --glob-archives: a shell-style pattern ("sh:" rules, the prefix
 * optional) on the whole name. Archive names hold no '/', so "**" is "*". */
static gboolean
glob_matches (const char *glob,
              const char *name)
{
  g_autofree char *pattern = NULL;
  char *star;

  if (g_str_has_prefix (glob, "sh:"))
    glob += 3;
  pattern = g_strdup (glob);
  while ((star = strstr (pattern, "**")) != NULL)
    memmove (star, star + 1, strlen (star + 1) + 1);
  return fnmatch (pattern, name, 0) == 0;
}

static void
archive_clear (gpointer data)
{
  CustodyBorgArchive *archive = data;

  g_free (archive->id);
  g_free (archive->name);
  g_free (archive->message);
}

GArray *
custody_borg_archives_new (void)
{
  GArray *archives = g_array_new (FALSE, TRUE, sizeof (CustodyBorgArchive));

  g_array_set_clear_func (archives, archive_clear);
  return archives;
}

/* The document's shape: @archives (a list) or @archive (borg create). */
static gboolean
read_document (CustodyToolText  *text,
               CustodyJsonDoc   *doc,
               int               exit_code,
               CustodyJsonNode  *archives_out,
               CustodyJsonNode  *archive_out,
               char            **repository_id,
               GError          **error)
{
  CustodyJsonNode root = custody_json_doc_get_root (doc, 0);
  CustodyJsonNode archives, archive, repository;

  if (custody_json_doc_kind (doc, root) == CUSTODY_JSON_OBJECT &&
      custody_json_doc_member (doc, root, "path") != 0 &&
      custody_json_doc_member (doc, root, "mode") != 0)
    return custody_tool_text_fail_at (text, 0, error,
                                      _("this lists the files inside an archive ('borg list "
                                        "--json-lines ARCHIVE'): import the list of archives, "
                                        "'borg list --json'"));
  if (custody_json_doc_get_n_roots (doc) > 1)
    {
      CustodyJsonNode second = custody_json_doc_get_root (doc, 1);
      return custody_tool_text_fail_at (text, custody_json_doc_get_offset (doc, second), error,
                                        _("more data after the end of the document"));
    }
  if (custody_json_doc_kind (doc, root) != CUSTODY_JSON_OBJECT)
    return custody_tool_text_fail_at (text, custody_json_doc_get_offset (doc, root), error,
                                      _("this is not what borg prints with --json: an object with "
                                        "\"archives\" (borg list, borg info) or \"archive\" (borg "
                                        "create)"));

  archives = custody_json_doc_member (doc, root, "archives");
  archive = custody_json_doc_member (doc, root, "archive");
  /* `borg info --json REPO` describes the repository (with its
   * security_dir), whatever it says of archives. */
  if ((archives == 0 && archive == 0) ||
      (custody_json_doc_member (doc, root, "security_dir") != 0 &&
       custody_json_doc_get_length (doc, archives) == 0))
    {
      if (custody_json_doc_member (doc, root, "repository") != 0)
        return custody_tool_text_fail_at (text, 0, error,
                                          _("this describes the repository but lists no archives "
                                            "('borg info --json REPO'): import 'borg list --json' "
                                            "instead"));
      return custody_tool_text_fail_at (text, custody_json_doc_get_offset (doc, root), error,
                                        _("this is not what borg prints with --json: an object "
                                          "with \"archives\" (borg list, borg info) or "
                                          "\"archive\" (borg create)"));
    }
  if (archives != 0 && custody_json_doc_kind (doc, archives) != CUSTODY_JSON_ARRAY)
    return custody_tool_text_fail_at (text, custody_json_doc_get_offset (doc, archives), error,
                                      _("\"archives\" should be an array, not %s"),
                                      custody_json_doc_kind_name (doc, archives));
  if (archives != 0 && exit_code >= 0)
    {
      g_set_error (error, CUSTODY_PARSE_ERROR, CUSTODY_PARSE_ERROR_INVALID,
                   _("--exit-code goes with the output of 'borg create --json', not with a list "
                     "of archives"));
      return FALSE;
    }

  repository = custody_json_doc_member (doc, root, "repository");
  if (repository != 0 && custody_json_doc_kind (doc, repository) != CUSTODY_JSON_NULL)
    {
      if (custody_json_doc_kind (doc, repository) != CUSTODY_JSON_OBJECT)
        return custody_tool_text_fail_at (text, custody_json_doc_get_offset (doc, repository),
                                          error, _("\"repository\" should be an object, not %s"),
                                          custody_json_doc_kind_name (doc, repository));
      if (repository_id != NULL &&
          !custody_tool_text_get_string (text, doc, repository, "id", FALSE, _("the repository"),
                                         repository_id, error))
        return FALSE;
    }

  *archives_out = archives;
  *archive_out = archive;
  return TRUE;
}

/**
 * custody_borg_read_repository:
 *
 * Checks the document is one borg prints with --json and reads the id of
 * its repository, if it names one.
 */
gboolean
custody_borg_read_repository (CustodyToolText  *text,
                              CustodyJsonDoc   *doc,
                              int               exit_code,
                              char            **repository_id,
                              GError          **error)
{
  CustodyJsonNode archives, archive;

  *repository_id = NULL;
  return read_document (text, doc, exit_code, &archives, &archive, repository_id, error);
}

typedef struct
{
  CustodyToolText *text;
  CustodyJsonDoc  *doc;
  int              exit_code;
  const char      *glob_archives;
  GArray          *archives;
  guint           *left_out;
  GHashTable      *seen;      /* id → index */
} ArchiveReader;

/* How the run went, as far as borg says. */
static void
judge (ArchiveReader      *reader,
       CustodyBorgArchive *archive,
       gboolean            created)
{
  int exit_code = reader->exit_code;

  if (is_checkpoint (archive->name))
    {
      archive->status = CUSTODY_RUN_FAILED;
      archive->status_known = TRUE;
      archive->message = g_strdup_printf (_("%s: interrupted, borg kept a checkpoint"),
                                          archive->name);
    }
  else if (created && exit_code >= 0)
    {
      /* borg create --json: its exit code says how the run went. */
      archive->status = exit_code == 0 ? CUSTODY_RUN_SUCCESS
                        : exit_code == 1 ? CUSTODY_RUN_WARNING : CUSTODY_RUN_FAILED;
      archive->status_known = TRUE;
      if (exit_code == 0)
        archive->message = g_strdup (archive->name);
      else
        archive->message = g_strdup_printf (_("%s: borg create exited with %d"), archive->name,
                                            exit_code);
    }
  else
    {
      archive->status = CUSTODY_RUN_SUCCESS;
      archive->status_known = FALSE;
      archive->message = g_strdup (archive->name);
    }
}

static gboolean
read_archive (ArchiveReader    *reader,
              CustodyJsonNode   node,
              guint             index,
              gboolean          created,
              GError          **error)
{
  CustodyToolText *text = reader->text;
  CustodyJsonDoc *doc = reader->doc;
  g_autofree char *what = g_strdup_printf (_("archive %u"), index);
  g_autofree char *id = NULL, *name = NULL;
  CustodyBorgArchive archive = { 0, };
  CustodyJsonNode stats, duration;
  gint64 start = CUSTODY_TIME_NONE, end = CUSTODY_TIME_NONE;
  gint64 bytes = -1, files = -1;
  gboolean finish_known = TRUE;
  gpointer other;

  if (custody_json_doc_kind (doc, node) != CUSTODY_JSON_OBJECT)
    return custody_tool_text_fail_at (text, custody_json_doc_get_offset (doc, node), error,
                                      _("%s should be an object, not %s"), what,
                                      custody_json_doc_kind_name (doc, node));

  if (!custody_tool_text_get_string (text, doc, node, "id", TRUE, what, &id, error))
    return FALSE;
  if (!is_hex_id (id))
    {
      CustodyJsonNode member = custody_json_doc_member (doc, node, "id");
      return custody_tool_text_fail_at (text, custody_json_doc_get_offset (doc, member), error,
                                        _("%s: \"%s\" is not a borg archive id (64 hexadecimal "
                                          "digits)"), what, id);
    }
  if (!custody_tool_text_get_string (text, doc, node, "name", FALSE, what, &name, error) ||
      (name == NULL &&
       !custody_tool_text_get_string (text, doc, node, "archive", TRUE, what, &name, error)))
    return FALSE;
  if (!created && reader->glob_archives != NULL && !glob_matches (reader->glob_archives, name))
    {
      (*reader->left_out)++;
      return TRUE;
    }
  g_free (what);
  what = g_strdup_printf (_("archive %u (%s)"), index, name);

  if (g_hash_table_lookup_extended (reader->seen, id, NULL, &other))
    return custody_tool_text_fail_at (text, custody_json_doc_get_offset (doc, node), error,
                                      _("%s: its id appears twice (also archive %u)"), what,
                                      GPOINTER_TO_UINT (other));
  g_hash_table_insert (reader->seen, g_strdup (id), GUINT_TO_POINTER (index));

  if (!custody_tool_text_get_time (text, doc, node, "start", FALSE, what, &start, error) ||
      (start == CUSTODY_TIME_NONE &&
       !custody_tool_text_get_time (text, doc, node, "time", TRUE, what, &start, error)) ||
      !custody_tool_text_get_time (text, doc, node, "end", FALSE, what, &end, error))
    return FALSE;

  duration = custody_json_doc_member (doc, node, "duration");
  if (end == CUSTODY_TIME_NONE && duration != 0)
    {
      double seconds;

      if (!custody_json_doc_get_double (doc, duration, &seconds) || seconds < 0 ||
          seconds > 100.0 * 365 * 86400)
        {
          g_autofree char *value = custody_json_doc_dup_text (doc, duration, 40);
          return custody_tool_text_fail_at (text, custody_json_doc_get_offset (doc, duration),
                                            error,
                                            _("%s: \"duration\" %s is not a number of seconds"),
                                            what, value);
        }
      end = start + (gint64) ceil (seconds);
    }
  if (end == CUSTODY_TIME_NONE)
    {
      end = start;
      finish_known = FALSE;
    }
  if (end < start)
    {
      g_autofree char *s = custody_time_format (start);
      g_autofree char *f = custody_time_format (end);
      return custody_tool_text_fail_at (text, custody_json_doc_get_offset (doc, node), error,
                                        _("%s: it ends (%s) before it starts (%s)"), what, f, s);
    }

  stats = custody_json_doc_member (doc, node, "stats");
  if (stats != 0 && custody_json_doc_kind (doc, stats) != CUSTODY_JSON_NULL)
    {
      if (custody_json_doc_kind (doc, stats) != CUSTODY_JSON_OBJECT)
        return custody_tool_text_fail_at (text, custody_json_doc_get_offset (doc, stats), error,
                                          _("%s: \"stats\" should be an object, not %s"), what,
                                          custody_json_doc_kind_name (doc, stats));
      if (!custody_tool_text_get_count (text, doc, stats, "original_size", FALSE, what, &bytes,
                                        error) ||
          !custody_tool_text_get_count (text, doc, stats, "nfiles", FALSE, what, &files, error))
        return FALSE;
    }

  archive.id = g_steal_pointer (&id);
  archive.name = g_steal_pointer (&name);
  archive.started = start;
  archive.finished = end;
  archive.finish_known = finish_known;
  archive.bytes = bytes;
  archive.files = files;
  archive.index = index;
  judge (reader, &archive, created);
  g_array_append_val (reader->archives, archive);
  return TRUE;
}

/**
 * custody_borg_read_archives:
 *
 * Reads the archives of a list (`borg list --json`, `borg info --json`),
 * or the one `borg create --json` made, judged with @exit_code.
 */
gboolean
custody_borg_read_archives (CustodyToolText  *text,
                            CustodyJsonDoc   *doc,
                            int               exit_code,
                            const char       *glob_archives,
                            GArray           *archives,
                            guint            *left_out,
                            GError          **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  ArchiveReader reader = { text, doc, exit_code, glob_archives, archives, left_out, seen };
  CustodyJsonNode list, archive;

  g_array_set_size (archives, 0);
  if (!read_document (text, doc, exit_code, &list, &archive, NULL, error))
    return FALSE;

  if (archive != 0)
    return read_archive (&reader, archive, 1, TRUE, error);

  archive = custody_json_doc_first (doc, list);
  for (guint i = 0; i < custody_json_doc_get_length (doc, list); i++)
    {
      if (!read_archive (&reader, archive, i + 1, FALSE, error))
        return FALSE;
      archive = custody_json_doc_next (doc, archive);
    }
  return TRUE;
}

/*
 * borg check
 */

/* A message that reports a problem: "Data integrity error: ...", "Index
 * object count mismatch.", "... is missing". The conclusions ("Finished
 * full repository check, errors found.") are not counted again. */
static gboolean
is_problem (const char *message)
{
  g_autofree char *lower = g_ascii_strdown (message, -1);

  if (strstr (lower, "no problems found") != NULL || strstr (lower, "errors found") != NULL ||
      strstr (lower, "problems found") != NULL)
    return FALSE;
  return strstr (lower, "error") != NULL || strstr (lower, "mismatch") != NULL ||
         strstr (lower, "missing") != NULL || strstr (lower, "corrupt") != NULL ||
         strstr (lower, "damaged") != NULL;
}

typedef struct
{
  gint64    problems;
  gboolean  finished;   /* a conclusion was printed */
  gboolean  clean;      /* ...every one of them without problems */
  gint64    at;         /* --log-json: the last message's time */
  char     *first;
} CheckOutcome;

static void
read_message (CheckOutcome *outcome,
              const char   *message)
{
  g_autofree char *lower = g_ascii_strdown (message, -1);

  if (strstr (lower, "no problems found") != NULL)
    {
      if (!outcome->finished)
        outcome->clean = TRUE;
      outcome->finished = TRUE;
    }
  else if (strstr (lower, "errors found") != NULL || strstr (lower, "problems found") != NULL)
    {
      outcome->finished = TRUE;
      outcome->clean = FALSE;
    }
  else if (is_problem (message))
    {
      outcome->problems++;
      if (outcome->first == NULL)
        outcome->first = g_strdup (message);
    }
}

static gboolean
read_log_json (CustodyToolText  *text,
               CheckOutcome     *outcome,
               GError          **error)
{
  g_autoptr(CustodyJsonDoc) doc = custody_tool_text_parse_json (text, CUSTODY_JSON_PARSE_MANY,
                                                                 error);

  if (doc == NULL)
    return FALSE;

  for (guint i = 0; i < custody_json_doc_get_n_roots (doc); i++)
    {
      CustodyJsonNode record = custody_json_doc_get_root (doc, i);
      g_autofree char *what = g_strdup_printf (_("record %u"), i + 1);
      g_autofree char *type = NULL, *message = NULL, *level = NULL;
      CustodyJsonNode time;

      if (custody_json_doc_kind (doc, record) != CUSTODY_JSON_OBJECT)
        return custody_tool_text_fail_at (text, custody_json_doc_get_offset (doc, record), error,
                                          _("%s should be an object, not %s"), what,
                                          custody_json_doc_kind_name (doc, record));
      if (!custody_tool_text_get_string (text, doc, record, "type", TRUE, what, &type, error))
        return FALSE;
      /* Progress and file status lines say nothing about the result. */
      if (!g_str_equal (type, "log_message"))
        continue;
      if (!custody_tool_text_get_string (text, doc, record, "message", TRUE, what, &message,
                                         error) ||
          !custody_tool_text_get_string (text, doc, record, "levelname", FALSE, what, &level,
                                         error))
        return FALSE;

      time = custody_json_doc_member (doc, record, "time");
      if (time != 0)
        {
          double seconds;

          if (!custody_json_doc_get_double (doc, time, &seconds) || seconds < 0 || seconds > 1e11)
            {
              g_autofree char *value = custody_json_doc_dup_text (doc, time, 40);
              return custody_tool_text_fail_at (text, custody_json_doc_get_offset (doc, time),
                                                error, _("%s: \"time\" %s is not a Unix time"),
                                                what, value);
            }
          outcome->at = MAX (outcome->at, (gint64) seconds);
        }

      read_message (outcome, message);
      if ((g_strcmp0 (level, "ERROR") == 0 || g_strcmp0 (level, "CRITICAL") == 0) &&
          outcome->problems == 0 && !outcome->finished && outcome->first == NULL)
        {
          /* An error borg words differently: still a problem. */
          outcome->problems++;
          outcome->first = g_strdup (message);
        }
    }

  return TRUE;
}

/**
 * custody_borg_read_check:
 * @exit_code: borg check's, -1 when not given (the output may end in
 *   "rc=N")
 *
 * Reads what `borg check` printed: whether it passed, how many problems
 * it reported, and a note naming the first.
 */
gboolean
custody_borg_read_check (CustodyToolText   *text,
                         int                exit_code,
                         CustodyBorgCheck  *check,
                         GError           **error)
{
  CheckOutcome outcome = { 0, };
  CustodyToolText part = *text;
  g_autofree char *copy = NULL;
  gsize length = text->length;
  const char *p;
  gboolean ok = TRUE;

  memset (check, 0, sizeof *check);
  check->at = CUSTODY_TIME_NONE;
  outcome.at = CUSTODY_TIME_NONE;

  if (!custody_tool_text_take_exit_code (text, exit_code, &length, &exit_code, error))
    return FALSE;
  copy = g_strndup (text->data, length);
  part.data = copy;
  part.length = length;

  p = copy;
  while (*p != '\0' && g_ascii_isspace (*p))
    p++;

  if (*p == '{' || *p == '[')
    ok = read_log_json (&part, &outcome, error);
  else
    {
      g_auto(GStrv) lines = g_strsplit (copy, "\n", -1);

      for (guint i = 0; lines[i] != NULL; i++)
        read_message (&outcome, g_strstrip (lines[i]));
    }
  text->zone_used |= part.zone_used;
  if (!ok)
    {
      g_free (outcome.first);
      return FALSE;
    }

  /* Without -v, a check that finds nothing prints nothing. */
  if (exit_code < 0 && !outcome.finished && outcome.problems == 0)
    {
      g_free (outcome.first);
      g_set_error (error, CUSTODY_PARSE_ERROR, CUSTODY_PARSE_ERROR_INVALID,
                   _("the output does not say how the check ended: give the exit code of borg "
                     "check (--exit-code)"));
      return FALSE;
    }

  /* 1 is a warning: problems if it reported any, else a pass with a note. */
  if (exit_code >= 0)
    check->passed = exit_code == 0 || (exit_code == 1 && outcome.problems == 0 &&
                                       (outcome.clean || !outcome.finished));
  else
    check->passed = outcome.problems == 0 && outcome.clean;
  check->errors = outcome.problems;
  if (!check->passed && check->errors == 0)
    check->errors = 1;
  check->at = outcome.at;

  if (outcome.first != NULL)
    check->note = g_strdup_printf ("borg check: %s", outcome.first);
  else if (check->passed)
    check->note = g_strdup ("borg check: no problems found");
  else
    check->note = g_strdup ("borg check: errors found");
  if (exit_code > 0)
    {
      char *with_code = g_strdup_printf ("%s (exit code %d)", check->note, exit_code);
      g_free (check->note);
      check->note = with_code;
    }
  g_free (outcome.first);

  /* The same output imported again is the same check. */
  check->digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, copy, length);
  return TRUE;
}

void
custody_borg_check_clear (CustodyBorgCheck *check)
{
  g_clear_pointer (&check->note, g_free);
  g_clear_pointer (&check->digest, g_free);
}
