/* custodyctl-import.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custodyctl"

#include "config.h"

#include <gio/gunixinputstream.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <unistd.h>

#include "custody-input.h"
#include "custody-time.h"
#include "custodyctl-context.h"

/* `custodyctl import TOOL`: what restic, borg and Bareos printed, read by
 * the store's importers. What a post-backup hook calls. */

#define MAX_INPUT_BYTES (1024 * 1024 * 1024)

/* The whole input: the importers check a document before writing any of
 * it. A file is mapped rather than copied: a snapshot list can be 100 MB. */
static GBytes *
read_input (const char  *path,
            gint64      *modified,
            GError     **error)
{
  g_autoptr(GInputStream) input = NULL;
  g_autoptr(GError) local = NULL;
  GBytes *data;

  *modified = CUSTODY_TIME_NONE;

  if (!g_str_equal (path, "-"))
    {
      g_autoptr(GMappedFile) mapped = NULL;
      GStatBuf st;

      if (g_stat (path, &st) == 0 && S_ISREG (st.st_mode))
        {
          if (st.st_size > MAX_INPUT_BYTES)
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("%s is larger than 1 GB"), path);
              return NULL;
            }
          *modified = (gint64) st.st_mtime;
          mapped = g_mapped_file_new (path, FALSE, error);
          if (mapped == NULL)
            return NULL;
          return g_mapped_file_get_bytes (mapped);
        }

      /* A pipe or a device: read it like standard input. */
      {
        g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);

        input = G_INPUT_STREAM (g_file_read (file, NULL, error));
        if (input == NULL)
          return NULL;
      }
    }
  else
    input = g_unix_input_stream_new (STDIN_FILENO, FALSE);

  /* Streamed, and stopped at the limit: never the whole stream in memory. */
  data = custody_input_read_text (input, MAX_INPUT_BYTES, NULL, &local);
  if (data == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s: %s",
                   g_str_equal (path, "-") ? _("standard input") : path, local->message);
      return NULL;
    }
  return data;
}

static JsonNode *
result_json (const CustodyImportResult *result)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "added");
  json_builder_add_int_value (b, (gint64) result->stats.added);
  json_builder_set_member_name (b, "updated");
  json_builder_add_int_value (b, (gint64) result->stats.updated);
  json_builder_set_member_name (b, "unchanged");
  json_builder_add_int_value (b, (gint64) result->stats.unchanged);
  json_builder_set_member_name (b, "skipped");
  json_builder_add_int_value (b, (gint64) result->skipped);
  json_builder_set_member_name (b, "time_zone");
  if (result->time_zone != NULL)
    json_builder_add_string_value (b, result->time_zone);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "time_zone_source");
  if (result->time_zone != NULL)
    json_builder_add_string_value (b, result->time_zone_is_local ? "machine" : "option");
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "notes");
  json_builder_begin_array (b);
  for (guint i = 0; i < result->notes->len; i++)
    json_builder_add_string_value (b, g_ptr_array_index (result->notes, i));
  json_builder_end_array (b);
  json_builder_end_object (b);

  return json_builder_get_root (b);
}

static void
print_result (const CustodyImportResult *result)
{
  printf (_("Added %llu, updated %llu, unchanged %llu.\n"),
          (unsigned long long) result->stats.added, (unsigned long long) result->stats.updated,
          (unsigned long long) result->stats.unchanged);
  if (result->skipped > 0)
    printf (g_dngettext (GETTEXT_PACKAGE, "Skipped %llu job that is no backup run.\n",
                         "Skipped %llu jobs that are no backup runs.\n", (gulong) result->skipped),
            (unsigned long long) result->skipped);
  if (result->time_zone != NULL)
    {
      if (result->time_zone_is_local)
        printf (_("Times without a zone were read in %s, this machine's zone (--timezone "
                  "changes it).\n"), result->time_zone);
      else
        printf (_("Times without a zone were read in %s.\n"), result->time_zone);
    }
  for (guint i = 0; i < result->notes->len; i++)
    printf ("%s\n", (const char *) g_ptr_array_index (result->notes, i));
}

int
ctl_import_tool (CtlContext  *ctx,
                 int          argc,
                 char       **argv)
{
  g_autoptr(GBytes) data = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *job = NULL, *copy = NULL, *zone = NULL, *volume = NULL;
  g_autofree char *repository = NULL, *library = NULL, *shelf = NULL, *media_type = NULL;
  g_autofree char *glob_archives = NULL;
  g_auto(GStrv) hosts = NULL, paths = NULL, tags = NULL;
  CustodyImportOptions options;
  CustodyImportResult result = { 0, };
  CustodyImportFormat format;
  gboolean create = FALSE;
  gint exit_code = -1;
  gint64 modified;
  int status;
  GOptionEntry entries[] = {
    { "job", 0, 0, G_OPTION_ARG_STRING, &job, N_("The job the runs are of (restic, borg)"),
      N_("JOB") },
    { "copy", 0, 0, G_OPTION_ARG_STRING, &copy,
      N_("The copy they went to (restic, borg; Bareos jobs without a pool)"), N_("COPY") },
    { "exit-code", 0, 0, G_OPTION_ARG_INT, &exit_code, N_("The exit code the tool returned"),
      N_("N") },
    { "timezone", 0, 0, G_OPTION_ARG_STRING, &zone,
      N_("Zone of times written without one (default: this machine's)"), N_("ZONE") },
    { "volume", 0, 0, G_OPTION_ARG_STRING, &volume,
      N_("The volume (a rotated disk) holding the repository"), N_("VOLSER") },
    { "repository-id", 0, 0, G_OPTION_ARG_STRING, &repository,
      N_("The restic repository's id ('restic cat config'), to find its volume"), N_("ID") },
    { "library", 0, 0, G_OPTION_ARG_STRING, &library,
      N_("Where volumes in the changer are (Bareos volumes)"), N_("LOCATION") },
    { "shelf", 0, 0, G_OPTION_ARG_STRING, &shelf,
      N_("Where volumes taken out of the changer go (Bareos volumes)"), N_("LOCATION") },
    { "create", 0, 0, G_OPTION_ARG_NONE, &create, N_("Add unknown jobs and copies"), NULL },
    { "media-type", 0, 0, G_OPTION_ARG_STRING, &media_type,
      N_("Media type of copies --create adds (default: what the tool implies)"), N_("TYPE") },
    { "host", 0, 0, G_OPTION_ARG_STRING_ARRAY, &hosts,
      N_("Only snapshots of this host (restic; repeatable)"), N_("HOST") },
    { "path", 0, 0, G_OPTION_ARG_STRING_ARRAY, &paths,
      N_("Only snapshots including this path (restic; repeatable: all of them)"), N_("PATH") },
    { "tag", 0, 0, G_OPTION_ARG_STRING_ARRAY, &tags,
      N_("Only snapshots with all of these tags (restic; repeatable: any of the lists)"),
      N_("TAG[,TAG...]") },
    { "glob-archives", 0, 0, G_OPTION_ARG_STRING, &glob_archives,
      N_("Only archives whose names match this shell-style pattern (borg)"), N_("GLOB") },
    { NULL }
  };

  if (!custody_import_format_from_string (ctx->command->words[1], &format))
    g_assert_not_reached ();

  if (!ctl_parse_options (ctx, entries, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return ctl_usage (argc < 2 ? _("missing the file to import (or - for standard input)")
                               : _("import takes one file"));
  if (custody_import_format_needs_copy (format) && (job == NULL || copy == NULL))
    return ctl_usage (_("import %s needs --job JOB and --copy COPY"), ctx->command->words[1]);
  if (exit_code < -1 || exit_code > 255)
    return ctl_usage (_("--exit-code must be from 0 to 255"));
  if ((hosts != NULL || paths != NULL || tags != NULL) && format != CUSTODY_IMPORT_RESTIC)
    return ctl_usage (_("--host, --path and --tag choose restic snapshots; import %s has none"),
                      ctx->command->words[1]);
  if (glob_archives != NULL && format != CUSTODY_IMPORT_BORG)
    return ctl_usage (_("--glob-archives chooses borg archives; import %s has none"),
                      ctx->command->words[1]);
  if (glob_archives != NULL && g_regex_match_simple ("^(re|pp|pf|fm):", glob_archives, 0, 0))
    return ctl_usage (_("--glob-archives '%s': only shell-style patterns (sh:) are supported"),
                      glob_archives);

  custody_import_options_init (&options);
  options.job = job;
  options.copy = copy;
  options.time_zone = zone;
  options.volume = volume;
  options.repository_id = repository;
  options.library = library;
  options.shelf = shelf;
  options.exit_code = exit_code;
  options.create = create;
  options.hosts = (const char * const *) hosts;
  options.paths = (const char * const *) paths;
  options.tags = (const char * const *) tags;
  options.glob_archives = glob_archives;
  if (media_type != NULL)
    {
      CustodyMediaType type;

      if (!custody_media_type_from_string (media_type, &type))
        {
          g_autofree char *keys = custody_media_type_list_keys ();
          return ctl_usage (_("--media-type '%s' is not one of %s"), media_type, keys);
        }
      options.media_type = (int) type;
    }

  if (ctl_open_store (ctx, FALSE) == NULL)
    return CTL_EXIT_STORE;

  data = read_input (argv[1], &modified, &error);
  if (data == NULL)
    return ctl_usage ("%s", error->message);

  /* A check is dated by --at, else by when its output was written, else
   * now: re-importing the same file finds the same check. */
  if (custody_import_format_is_check (format))
    options.checked_at = ctx->at != CUSTODY_TIME_NONE ? ctx->at : modified;

  if (!custody_store_import (ctx->store, format, data, &options, &result, NULL, &error))
    return ctl_fail (g_steal_pointer (&error));

  if (ctx->json)
    ctl_print_json (result_json (&result));
  else
    print_result (&result);

  custody_import_result_clear (&result);
  return CTL_EXIT_OK;
}
