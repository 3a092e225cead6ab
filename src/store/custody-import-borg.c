/* custody-import-borg.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custody-import"

#include "config.h"

#include <fnmatch.h>
#include <glib/gi18n-lib.h>
#include <math.h>

#include "custody-import-private.h"
#include "custody-time.h"

/* borg (docs/internals/frontends.rst):
 *
 *  - `borg list --json` (1.x), `borg repo-list --json` (2.x), `borg info
 *    --json [--last N | ::ARCHIVE]`: {"archives": [...], "repository":
 *    {"id", ...}}; `borg create --json`: {"archive": {...}, ...}. Each
 *    archive is an execution keyed by its id. borg 1.x writes local times
 *    without an offset: they are read in --timezone, else this machine's
 *    zone. Archives named NAME.checkpoint[.N] are what an interrupted
 *    `borg create` left (listed with --consider-checkpoints): failed runs.
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

static gboolean
read_archive (CustodyImportContext  *ctx,
              CustodyJsonDoc        *doc,
              CustodyJsonNode        archive,
              guint                  index,
              gboolean               created,
              gint64                 copy_id,
              GArray                *volume_ids,
              GHashTable            *seen,
              GError               **error)
{
  g_autofree char *what = g_strdup_printf (_("archive %u"), index);
  g_autofree char *id = NULL, *name = NULL, *message = NULL;
  CustodyImportRun run = { 0, };
  CustodyJsonNode stats, duration;
  gint64 start = CUSTODY_TIME_NONE, end = CUSTODY_TIME_NONE;
  int exit_code = ctx->options->exit_code;
  gpointer other;

  if (custody_json_doc_kind (doc, archive) != CUSTODY_JSON_OBJECT)
    return custody_import_fail_at (ctx, custody_json_doc_get_offset (doc, archive), error,
                                   _("%s should be an object, not %s"), what,
                                   custody_json_doc_kind_name (doc, archive));

  if (!custody_import_get_string (ctx, doc, archive, "id", TRUE, what, &id, error))
    return FALSE;
  if (!is_hex_id (id))
    {
      CustodyJsonNode node = custody_json_doc_member (doc, archive, "id");
      return custody_import_fail_at (ctx, custody_json_doc_get_offset (doc, node), error,
                                     _("%s: \"%s\" is not a borg archive id (64 hexadecimal digits)"),
                                     what, id);
    }
  if (!custody_import_get_string (ctx, doc, archive, "name", FALSE, what, &name, error) ||
      (name == NULL &&
       !custody_import_get_string (ctx, doc, archive, "archive", TRUE, what, &name, error)))
    return FALSE;
  if (!created && ctx->options->glob_archives != NULL &&
      !glob_matches (ctx->options->glob_archives, name))
    {
      ctx->left_out++;
      return TRUE;
    }
  g_free (what);
  what = g_strdup_printf (_("archive %u (%s)"), index, name);

  if (g_hash_table_lookup_extended (seen, id, NULL, &other))
    return custody_import_fail_at (ctx, custody_json_doc_get_offset (doc, archive), error,
                                   _("%s: its id appears twice (also archive %u)"), what,
                                   GPOINTER_TO_UINT (other));
  g_hash_table_insert (seen, g_strdup (id), GUINT_TO_POINTER (index));

  if (!custody_import_get_time (ctx, doc, archive, "start", FALSE, what, &start, error) ||
      (start == CUSTODY_TIME_NONE &&
       !custody_import_get_time (ctx, doc, archive, "time", TRUE, what, &start, error)) ||
      !custody_import_get_time (ctx, doc, archive, "end", FALSE, what, &end, error))
    return FALSE;

  run.copy_id = copy_id;
  run.run_id = id;
  run.started = start;
  run.bytes = run.files = -1;
  run.position = index;

  duration = custody_json_doc_member (doc, archive, "duration");
  if (end == CUSTODY_TIME_NONE && duration != 0)
    {
      double seconds;

      if (!custody_json_doc_get_double (doc, duration, &seconds) || seconds < 0 ||
          seconds > 100.0 * 365 * 86400)
        {
          g_autofree char *text = custody_json_doc_dup_text (doc, duration, 40);
          return custody_import_fail_at (ctx, custody_json_doc_get_offset (doc, duration), error,
                                         _("%s: \"duration\" %s is not a number of seconds"), what,
                                         text);
        }
      end = start + (gint64) ceil (seconds);
    }
  if (end == CUSTODY_TIME_NONE)
    {
      end = start;
      run.flags |= CUSTODY_IMPORT_RUN_FINISH_ASSUMED;
    }
  run.finished = end;
  if (run.finished < run.started)
    {
      g_autofree char *s = custody_time_format (run.started);
      g_autofree char *f = custody_time_format (run.finished);
      return custody_import_fail_at (ctx, custody_json_doc_get_offset (doc, archive), error,
                                     _("%s: it ends (%s) before it starts (%s)"), what, f, s);
    }

  stats = custody_json_doc_member (doc, archive, "stats");
  if (stats != 0 && custody_json_doc_kind (doc, stats) != CUSTODY_JSON_NULL)
    {
      if (custody_json_doc_kind (doc, stats) != CUSTODY_JSON_OBJECT)
        return custody_import_fail_at (ctx, custody_json_doc_get_offset (doc, stats), error,
                                       _("%s: \"stats\" should be an object, not %s"), what,
                                       custody_json_doc_kind_name (doc, stats));
      if (!custody_import_get_count (ctx, doc, stats, "original_size", FALSE, what, &run.bytes,
                                     error) ||
          !custody_import_get_count (ctx, doc, stats, "nfiles", FALSE, what, &run.files, error))
        return FALSE;
    }

  if (is_checkpoint (name))
    {
      run.status = CUSTODY_RUN_FAILED;
      message = g_strdup_printf (_("%s: interrupted, borg kept a checkpoint"), name);
    }
  else if (created && exit_code >= 0)
    {
      /* borg create --json: its exit code says how the run went. */
      run.status = exit_code == 0 ? CUSTODY_RUN_SUCCESS
                   : exit_code == 1 ? CUSTODY_RUN_WARNING : CUSTODY_RUN_FAILED;
      if (exit_code == 0)
        message = g_strdup (name);
      else
        message = g_strdup_printf (_("%s: borg create exited with %d"), name, exit_code);
    }
  else
    {
      run.status = CUSTODY_RUN_SUCCESS;
      run.flags |= CUSTODY_IMPORT_RUN_STATUS_ASSUMED;
      message = g_strdup (name);
    }
  run.message = message;

  if (volume_ids == NULL)
    run.flags |= CUSTODY_IMPORT_RUN_VOLUMES_UNKNOWN;
  custody_run_batch_add (ctx->runs, &run, volume_ids);
  return TRUE;
}

gboolean
custody_import_borg (CustodyImportContext  *ctx,
                     GError               **error)
{
  g_autoptr(CustodyJsonDoc) doc = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GArray) volume_ids = NULL;
  g_autofree char *repository_id = NULL;
  CustodyJsonNode root, archives, archive, repository;
  gint64 copy_id, volume;

  doc = custody_import_parse_json (ctx, CUSTODY_JSON_PARSE_MANY, error);
  if (doc == NULL)
    return FALSE;
  root = custody_json_doc_get_root (doc, 0);

  if (custody_json_doc_kind (doc, root) == CUSTODY_JSON_OBJECT &&
      custody_json_doc_member (doc, root, "path") != 0 &&
      custody_json_doc_member (doc, root, "mode") != 0)
    return custody_import_fail_at (ctx, 0, error,
                                   _("this lists the files inside an archive ('borg list --json-lines "
                                     "ARCHIVE'): import the list of archives, 'borg list --json'"));
  if (custody_json_doc_get_n_roots (doc) > 1)
    {
      CustodyJsonNode second = custody_json_doc_get_root (doc, 1);
      return custody_import_fail_at (ctx, custody_json_doc_get_offset (doc, second), error,
                                     _("more data after the end of the document"));
    }
  if (custody_json_doc_kind (doc, root) != CUSTODY_JSON_OBJECT)
    return custody_import_fail_at (ctx, custody_json_doc_get_offset (doc, root), error,
                                   _("this is not what borg prints with --json: an object with "
                                     "\"archives\" (borg list, borg info) or \"archive\" (borg create)"));

  archives = custody_json_doc_member (doc, root, "archives");
  archive = custody_json_doc_member (doc, root, "archive");
  /* `borg info --json REPO` describes the repository (with its
   * security_dir), whatever it says of archives. */
  if ((archives == 0 && archive == 0) ||
      (custody_json_doc_member (doc, root, "security_dir") != 0 &&
       custody_json_doc_get_length (doc, archives) == 0))
    {
      if (custody_json_doc_member (doc, root, "repository") != 0)
        return custody_import_fail_at (ctx, 0, error,
                                       _("this describes the repository but lists no archives ('borg "
                                         "info --json REPO'): import 'borg list --json' instead"));
      return custody_import_fail_at (ctx, custody_json_doc_get_offset (doc, root), error,
                                     _("this is not what borg prints with --json: an object with "
                                       "\"archives\" (borg list, borg info) or \"archive\" (borg create)"));
    }
  if (archives != 0 && custody_json_doc_kind (doc, archives) != CUSTODY_JSON_ARRAY)
    return custody_import_fail_at (ctx, custody_json_doc_get_offset (doc, archives), error,
                                   _("\"archives\" should be an array, not %s"),
                                   custody_json_doc_kind_name (doc, archives));
  if (archives != 0 && ctx->options->exit_code >= 0)
    {
      g_set_error (error, CUSTODY_STORE_ERROR, CUSTODY_STORE_ERROR_INVALID,
                   _("--exit-code goes with the output of 'borg create --json', not with a list "
                     "of archives"));
      return FALSE;
    }

  repository = custody_json_doc_member (doc, root, "repository");
  if (repository != 0 && custody_json_doc_kind (doc, repository) != CUSTODY_JSON_NULL)
    {
      if (custody_json_doc_kind (doc, repository) != CUSTODY_JSON_OBJECT)
        return custody_import_fail_at (ctx, custody_json_doc_get_offset (doc, repository), error,
                                       _("\"repository\" should be an object, not %s"),
                                       custody_json_doc_kind_name (doc, repository));
      if (!custody_import_get_string (ctx, doc, repository, "id", FALSE, _("the repository"),
                                      &repository_id, error))
        return FALSE;
    }

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

  if (archive != 0)
    return read_archive (ctx, doc, archive, 1, TRUE, copy_id, volume_ids, seen, error);

  archive = custody_json_doc_first (doc, archives);
  for (guint i = 0; i < custody_json_doc_get_length (doc, archives); i++)
    {
      if (!read_archive (ctx, doc, archive, i + 1, FALSE, copy_id, volume_ids, seen, error))
        return FALSE;
      archive = custody_json_doc_next (doc, archive);
    }
  if (ctx->left_out > 0)
    custody_import_note (ctx, g_dngettext (GETTEXT_PACKAGE,
                                           "Left out %u archive that --glob-archives does not match.",
                                           "Left out %u archives that --glob-archives does not match.",
                                           ctx->left_out), ctx->left_out);

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
} BorgCheck;

static void
read_message (BorgCheck  *check,
              const char *message)
{
  g_autofree char *lower = g_ascii_strdown (message, -1);

  if (strstr (lower, "no problems found") != NULL)
    {
      if (!check->finished)
        check->clean = TRUE;
      check->finished = TRUE;
    }
  else if (strstr (lower, "errors found") != NULL || strstr (lower, "problems found") != NULL)
    {
      check->finished = TRUE;
      check->clean = FALSE;
    }
  else if (is_problem (message))
    {
      check->problems++;
      if (check->first == NULL)
        check->first = g_strdup (message);
    }
}

static gboolean
read_log_json (CustodyImportContext  *ctx,
               BorgCheck             *check,
               GError               **error)
{
  g_autoptr(CustodyJsonDoc) doc = custody_import_parse_json (ctx, CUSTODY_JSON_PARSE_MANY, error);

  if (doc == NULL)
    return FALSE;

  for (guint i = 0; i < custody_json_doc_get_n_roots (doc); i++)
    {
      CustodyJsonNode record = custody_json_doc_get_root (doc, i);
      g_autofree char *what = g_strdup_printf (_("record %u"), i + 1);
      g_autofree char *type = NULL, *message = NULL, *level = NULL;
      CustodyJsonNode time;

      if (custody_json_doc_kind (doc, record) != CUSTODY_JSON_OBJECT)
        return custody_import_fail_at (ctx, custody_json_doc_get_offset (doc, record), error,
                                       _("%s should be an object, not %s"), what,
                                       custody_json_doc_kind_name (doc, record));
      if (!custody_import_get_string (ctx, doc, record, "type", TRUE, what, &type, error))
        return FALSE;
      /* Progress and file status lines say nothing about the result. */
      if (!g_str_equal (type, "log_message"))
        continue;
      if (!custody_import_get_string (ctx, doc, record, "message", TRUE, what, &message, error) ||
          !custody_import_get_string (ctx, doc, record, "levelname", FALSE, what, &level, error))
        return FALSE;

      time = custody_json_doc_member (doc, record, "time");
      if (time != 0)
        {
          double seconds;

          if (!custody_json_doc_get_double (doc, time, &seconds) || seconds < 0 || seconds > 1e11)
            {
              g_autofree char *text = custody_json_doc_dup_text (doc, time, 40);
              return custody_import_fail_at (ctx, custody_json_doc_get_offset (doc, time), error,
                                             _("%s: \"time\" %s is not a Unix time"), what, text);
            }
          check->at = MAX (check->at, (gint64) seconds);
        }

      read_message (check, message);
      if ((g_strcmp0 (level, "ERROR") == 0 || g_strcmp0 (level, "CRITICAL") == 0) &&
          check->problems == 0 && !check->finished && check->first == NULL)
        {
          /* An error borg words differently: still a problem. */
          check->problems++;
          check->first = g_strdup (message);
        }
    }

  return TRUE;
}

gboolean
custody_import_borg_check (CustodyImportContext  *ctx,
                           GError               **error)
{
  g_autoptr(CustodyVerification) v = custody_verification_new ();
  g_autofree char *source_id = NULL;
  g_autofree char *digest = NULL;
  g_autofree char *text = NULL;
  BorgCheck check = { 0, };
  gsize length = ctx->text.length;
  const char *p;
  gint64 copy_id;
  int exit_code;

  check.at = CUSTODY_TIME_NONE;
  if (!custody_import_take_exit_code (ctx, &length, &exit_code, error))
    return FALSE;
  ctx->text.length = length;
  text = g_strndup (ctx->text.data, length);
  ctx->text.data = text;

  p = text;
  while (*p != '\0' && g_ascii_isspace (*p))
    p++;

  if (*p == '{' || *p == '[')
    {
      if (!read_log_json (ctx, &check, error))
        {
          g_free (check.first);
          return FALSE;
        }
    }
  else
    {
      g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

      for (guint i = 0; lines[i] != NULL; i++)
        read_message (&check, g_strstrip (lines[i]));
    }

  /* Without -v, a check that finds nothing prints nothing. */
  if (exit_code < 0 && !check.finished && check.problems == 0)
    {
      g_free (check.first);
      g_set_error (error, CUSTODY_STORE_ERROR, CUSTODY_STORE_ERROR_INVALID,
                   _("the output does not say how the check ended: give the exit code of borg "
                     "check (--exit-code)"));
      return FALSE;
    }

  copy_id = custody_import_find_copy (ctx, ctx->options->job, ctx->options->copy,
                                      CUSTODY_MEDIA_TYPE_DISK, error);
  if (copy_id == 0)
    {
      g_free (check.first);
      return FALSE;
    }

  v->kind = CUSTODY_VERIFY_CHECKSUM;
  if (check.at != CUSTODY_TIME_NONE)
    v->at = check.at;
  else if (ctx->options->checked_at != CUSTODY_TIME_NONE)
    v->at = ctx->options->checked_at;
  else
    v->at = custody_store_now (ctx->store);

  /* 1 is a warning: problems if it reported any, else a pass with a note. */
  if (exit_code >= 0)
    v->passed = exit_code == 0 || (exit_code == 1 && check.problems == 0 &&
                                   (check.clean || !check.finished));
  else
    v->passed = check.problems == 0 && check.clean;
  v->errors = check.problems;
  if (!v->passed && v->errors == 0)
    v->errors = 1;

  g_free (v->by);
  v->by = g_strdup ("borg");
  g_free (v->note);
  if (check.first != NULL)
    v->note = g_strdup_printf ("borg check: %s", check.first);
  else if (v->passed)
    v->note = g_strdup ("borg check: no problems found");
  else
    v->note = g_strdup ("borg check: errors found");
  if (exit_code > 0)
    {
      char *with_code = g_strdup_printf ("%s (exit code %d)", v->note, exit_code);
      g_free (v->note);
      v->note = with_code;
    }
  g_free (check.first);

  digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, length);
  source_id = g_strdup_printf ("borg-check:%.16s@%" G_GINT64_FORMAT, digest, v->at);

  return custody_import_upsert_verification (ctx, copy_id, v, source_id, error);
}
