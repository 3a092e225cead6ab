/* custodyctl-data.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custodyctl"

#include "config.h"

#include <gio/gunixinputstream.h>
#include <gio/gunixoutputstream.h>
#include <glib/gi18n.h>
#include <stdio.h>
#include <unistd.h>

#include "custody-output.h"
#include "custodyctl-context.h"

/* Commands that move data in and out of the store, and look after it. */

static JsonNode *
stats_json (const CustodyImportStats *stats)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "added");
  json_builder_add_int_value (b, (gint64) stats->added);
  json_builder_set_member_name (b, "updated");
  json_builder_add_int_value (b, (gint64) stats->updated);
  json_builder_set_member_name (b, "unchanged");
  json_builder_add_int_value (b, (gint64) stats->unchanged);
  json_builder_end_object (b);

  return json_builder_get_root (b);
}

static GInputStream *
open_input (const char  *path,
            GError     **error)
{
  g_autoptr(GFile) file = NULL;

  if (g_str_equal (path, "-"))
    return g_unix_input_stream_new (STDIN_FILENO, FALSE);

  file = g_file_new_for_commandline_arg (path);
  return G_INPUT_STREAM (g_file_read (file, NULL, error));
}

int
ctl_import_csv (CtlContext  *ctx,
                int          argc,
                char       **argv)
{
  g_autoptr(GInputStream) input = NULL;
  g_autoptr(GError) error = NULL;
  CustodyImportStats stats;

  PARSE_OR_RETURN (NULL);
  if (argc != 2)
    return ctl_usage (argc < 2 ? _("missing the file to import (or - for standard input)")
                               : _("import takes one file"));

  if (ctl_open_store (ctx, FALSE) == NULL)
    return CTL_EXIT_STORE;

  input = open_input (argv[1], &error);
  if (input == NULL)
    return ctl_usage ("%s", error->message);

  if (!custody_store_import_csv (ctx->store, ctx->command->words[1], input, &stats, NULL, &error))
    return ctl_fail (g_steal_pointer (&error));

  if (ctx->json)
    ctl_print_json (stats_json (&stats));
  else
    printf (_("Added %llu, updated %llu, unchanged %llu.\n"),
            (unsigned long long) stats.added, (unsigned long long) stats.updated,
            (unsigned long long) stats.unchanged);

  return CTL_EXIT_OK;
}

int
ctl_export (CtlContext  *ctx,
            int          argc,
            char       **argv)
{
  g_autoptr(GOutputStream) stdout_stream = NULL;
  g_autoptr(CustodyOutput) output = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &path,
      N_("Write to this file instead of standard output"), N_("FILE") },
    { NULL }
  };

  PARSE_OR_RETURN (entries);
  if (argc > 1)
    return ctl_usage (_("unexpected argument '%s'"), argv[1]);
  if (path != NULL && !custody_output_check_target (path, ctx->db_path, &error))
    return ctl_fail (g_steal_pointer (&error));
  if (ctl_open_store (ctx, FALSE) == NULL)
    return CTL_EXIT_STORE;

  if (path != NULL)
    {
      /* Replaced whole, so a failed export never leaves half a file, and
       * never over the store. */
      output = custody_output_new (path, ctx->db_path, &error);
      if (output == NULL)
        return ctl_fail (g_steal_pointer (&error));
      if (!custody_store_export_json (ctx->store, custody_output_get_stream (output), NULL, &error))
        {
          if (error->domain == G_IO_ERROR)
        g_prefix_error (&error, _("cannot write '%s': "), path);
          return ctl_fail (g_steal_pointer (&error));
        }
      if (!custody_output_commit (output, &error))
        return ctl_fail (g_steal_pointer (&error));
      return CTL_EXIT_OK;
    }

  stdout_stream = g_unix_output_stream_new (STDOUT_FILENO, FALSE);
  if (!custody_store_export_json (ctx->store, stdout_stream, NULL, &error) ||
      !g_output_stream_close (stdout_stream, NULL, &error))
    return ctl_fail (g_steal_pointer (&error));

  return CTL_EXIT_OK;
}

int
ctl_db_backup (CtlContext  *ctx,
               int          argc,
               char       **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  gint keep = 5;
  GOptionEntry entries[] = {
    { "keep", 0, 0, G_OPTION_ARG_INT, &keep, N_("Generations to keep (default 5)"), N_("N") },
    { "dir", 0, 0, G_OPTION_ARG_FILENAME, &dir,
      N_("Where to keep them (default: backups/ beside the store)"), N_("DIR") },
    { NULL }
  };

  PARSE_OR_RETURN (entries);
  if (argc > 1)
    return ctl_usage (_("unexpected argument '%s'"), argv[1]);
  if (keep < 1)
    return ctl_usage (_("--keep must be at least 1"));
  if (ctl_open_store (ctx, FALSE) == NULL)
    return CTL_EXIT_STORE;

  path = custody_store_backup (ctx->store, dir, (guint) keep, &error);
  if (path == NULL)
    return ctl_fail (g_steal_pointer (&error));

  if (ctx->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "backup");
      json_builder_add_string_value (b, path);
      json_builder_set_member_name (b, "keep");
      json_builder_add_int_value (b, keep);
      json_builder_end_object (b);
      ctl_print_json (json_builder_get_root (b));
    }
  else
    printf (_("Backed up to %s.\n"), path);

  return CTL_EXIT_OK;
}

int
ctl_db_restore (CtlContext  *ctx,
                int          argc,
                char       **argv)
{
  g_autoptr(GError) error = NULL;

  PARSE_OR_RETURN (NULL);
  if (argc != 2)
    return ctl_usage (argc < 2 ? _("missing the backup to restore")
                      : _("db restore takes one file"));
  if (ctl_open_store (ctx, FALSE) == NULL)
    return CTL_EXIT_STORE;

  if (!custody_store_restore (ctx->store, argv[1], &error))
    return ctl_fail (g_steal_pointer (&error));

  if (ctx->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "restored");
      json_builder_add_string_value (b, argv[1]);
      json_builder_end_object (b);
      ctl_print_json (json_builder_get_root (b));
    }
  else
    printf (_("Restored the store from %s.\n"), argv[1]);

  return CTL_EXIT_OK;
}

int
ctl_db_check (CtlContext  *ctx,
              int          argc,
              char       **argv)
{
  g_autoptr(GError) error = NULL;
  CustodyStoreCheck check;
  gboolean healthy;

  PARSE_OR_RETURN (NULL);
  if (argc > 1)
    return ctl_usage (_("unexpected argument '%s'"), argv[1]);
  if (ctl_open_store (ctx, FALSE) == NULL)
    return CTL_EXIT_STORE;

  if (!custody_store_check (ctx->store, &check, &error))
    return ctl_fail (g_steal_pointer (&error));

  healthy = g_str_equal (check.integrity, "ok") && check.first_broken == 0;

  if (ctx->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "ok");
      json_builder_add_boolean_value (b, healthy);
      json_builder_set_member_name (b, "integrity");
      json_builder_add_string_value (b, check.integrity);
      json_builder_set_member_name (b, "audit_entries");
      json_builder_add_int_value (b, check.entries);
      json_builder_set_member_name (b, "first_broken_entry");
      if (check.first_broken != 0)
        json_builder_add_int_value (b, check.first_broken);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "problem");
      if (check.problem != NULL)
        json_builder_add_string_value (b, check.problem);
      else
        json_builder_add_null_value (b);
      json_builder_end_object (b);
      ctl_print_json (json_builder_get_root (b));
    }
  else
    {
      printf (_("Integrity: %s\n"), check.integrity);
      if (check.first_broken == 0)
        printf (_("Audit trail: %lld entries, the hash chain verifies.\n"),
                (long long) check.entries);
    }

  if (!healthy)
    {
      if (check.first_broken != 0)
        ctl_error (CTL_EXIT_STORE, _("audit entry %lld is broken: %s"),
                   (long long) check.first_broken, check.problem);
      if (!g_str_equal (check.integrity, "ok"))
        ctl_error (CTL_EXIT_STORE, _("the store is damaged: %s"), check.integrity);
    }

  custody_store_check_clear (&check);
  return healthy ? CTL_EXIT_OK : CTL_EXIT_STORE;
}

/* What scripts check before relying on a field: this program's version
 * and the newest store schema it reads and writes. */
int
ctl_version (CtlContext  *ctx,
             int          argc,
             char       **argv)
{
  PARSE_OR_RETURN (NULL);
  if (argc > 1)
    return ctl_usage (_("unexpected argument '%s'"), argv[1]);

  if (ctx->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "version");
      json_builder_add_string_value (b, PACKAGE_VERSION);
      json_builder_set_member_name (b, "schema");
      json_builder_add_int_value (b, CUSTODY_STORE_SCHEMA_VERSION);
      json_builder_end_object (b);
      ctl_print_json (json_builder_get_root (b));
    }
  else
    {
      printf ("custodyctl %s\n", PACKAGE_VERSION);
      printf (_("Store schema: %d\n"), CUSTODY_STORE_SCHEMA_VERSION);
    }

  return CTL_EXIT_OK;
}

int
ctl_demo (CtlContext  *ctx,
          int          argc,
          char       **argv)
{
  g_autoptr(GError) error = NULL;
  gint jobs = 22;
  gint64 executions = 0;
  gint seed = 42;
  GOptionEntry entries[] = {
    { "jobs", 0, 0, G_OPTION_ARG_INT, &jobs, N_("How many jobs (default 22)"), N_("N") },
    { "executions", 0, 0, G_OPTION_ARG_INT64, &executions,
      N_("About how many runs in all (default: a year of daily runs)"), N_("N") },
    { "seed", 0, 0, G_OPTION_ARG_INT, &seed, N_("Random seed (default 42)"), N_("N") },
    { NULL }
  };

  PARSE_OR_RETURN (entries);
  if (argc > 1)
    return ctl_usage (_("unexpected argument '%s'"), argv[1]);
  if (jobs < 1 || jobs > 1000000)
    return ctl_usage (_("--jobs must be from 1 to 1000000"));
  if (executions < 0 || executions > 100000000)
    return ctl_usage (_("--executions must be from 0 to 100000000"));
  if (ctl_open_store (ctx, TRUE) == NULL)
    return CTL_EXIT_STORE;

  if (!custody_store_fill_demo (ctx->store, (guint) jobs, (guint64) executions, (guint32) seed,
                                &error))
    return ctl_fail (g_steal_pointer (&error));

  if (ctx->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "path");
      json_builder_add_string_value (b, ctx->db_path);
      json_builder_set_member_name (b, "jobs");
      json_builder_add_int_value (b, jobs);
      json_builder_end_object (b);
      ctl_print_json (json_builder_get_root (b));
    }
  else
    printf (_("Filled %s with %d demo jobs.\n"), ctx->db_path, jobs);

  return CTL_EXIT_OK;
}
