/* custodyctl-report.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custodyctl"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "custody-output.h"
#include "custody-report.h"
#include "custody-time.h"
#include "custodyctl-context.h"

/* custodyctl report compliance|audit|media|summary --output FILE.pdf */

static void
add_time_member (JsonBuilder *b,
                 const char  *name,
                 gint64       t)
{
  g_autofree char *text = custody_time_format (t);

  json_builder_set_member_name (b, name);
  if (text != NULL)
    json_builder_add_string_value (b, text);
  else
    json_builder_add_null_value (b);
}

int
ctl_report (CtlContext  *ctx,
            int          argc,
            char       **argv)
{
  g_autoptr(CustodyReport) report = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(CustodyOutput) output = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autofree char *path = NULL;
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  g_autofree char *paper_text = NULL;
  g_autofree char *author = NULL;
  g_autofree char *shown = NULL;
  CustodyReportKind kind;
  CustodyReportPaper paper = custody_report_paper_for_locale ();
  gint64 from = CUSTODY_TIME_NONE, to = CUSTODY_TIME_NONE;
  int exit_code;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &path, N_("The PDF file to write"), N_("FILE") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from_text, N_("Start of the period (audit, summary)"),
      N_("TIME") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to_text,
      N_("End of the period, or the moment (default: now or --at)"), N_("TIME") },
    { "paper", 0, 0, G_OPTION_ARG_STRING, &paper_text,
      N_("a4 or letter (default: from the locale)"), N_("SIZE") },
    { "author", 0, 0, G_OPTION_ARG_STRING, &author,
      N_("Who the report says generated it (default: you)"), N_("NAME") },
    { NULL }
  };

  if (!ctl_parse_options (ctx, entries, &argc, &argv, &exit_code))
    return exit_code;
  if (argc > 1)
    return ctl_usage (_("unexpected argument '%s'"), argv[1]);

  custody_report_kind_from_string (ctx->command->words[1], &kind);

  if (path == NULL)
    return ctl_usage (_("report %s needs --output FILE.pdf"), ctx->command->words[1]);
  if (paper_text != NULL && !custody_report_paper_from_string (paper_text, &paper))
    return ctl_usage (_("--paper must be a4 or letter, not '%s'"), paper_text);
  if (from_text != NULL && !custody_report_kind_has_period (kind))
    return ctl_usage (_("the %s report shows one moment: give it with --to or --at, not --from"),
                      ctx->command->words[1]);
  if (from_text != NULL && !ctl_parse_time_option ("from", from_text, &from, &exit_code))
    return exit_code;
  if (to_text != NULL && !ctl_parse_time_option ("to", to_text, &to, &exit_code))
    return exit_code;

  file = g_file_new_for_commandline_arg (path);
  g_free (path);
  path = g_file_get_path (file);
  if (path == NULL)
    return ctl_usage (_("--output must be a local file"));
  if (!custody_output_check_target (path, ctx->db_path, &error))
    return ctl_fail (g_steal_pointer (&error));

  if (ctl_open_store (ctx, FALSE) == NULL)
    return CTL_EXIT_STORE;

  report = custody_report_new (kind);
  custody_report_set_period (report, from, to);
  custody_report_set_paper (report, paper);
  if (author != NULL)
    custody_report_set_author (report, author);

  /* Written whole or not at all, never over the store. */
  output = custody_output_new (path, ctx->db_path, &error);
  if (output == NULL)
    return ctl_fail (g_steal_pointer (&error));

  if (!custody_report_write_pdf (report, ctx->store, custody_output_get_stream (output), NULL,
                                 &error))
    {
      if (error->domain == G_IO_ERROR)
        g_prefix_error (&error, _("cannot write '%s': "), path);
      return ctl_fail (g_steal_pointer (&error));
    }
  if (!custody_output_commit (output, &error))
    return ctl_fail (g_steal_pointer (&error));

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE, NULL,
                            NULL);
  shown = g_file_get_path (file);
  if (shown == NULL)
    shown = g_file_get_uri (file);

  if (ctx->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      gint64 end = to != CUSTODY_TIME_NONE ? to : custody_store_get_clock (ctx->store);
      gint64 start = CUSTODY_TIME_NONE;

      if (custody_report_kind_has_period (kind))
        start = from != CUSTODY_TIME_NONE ? from : end - custody_report_kind_default_span (kind);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "report");
      json_builder_add_string_value (b, custody_report_kind_to_string (kind));
      json_builder_set_member_name (b, "output");
      json_builder_add_string_value (b, shown);
      json_builder_set_member_name (b, "pages");
      json_builder_add_int_value (b, custody_report_get_n_pages (report));
      json_builder_set_member_name (b, "bytes");
      json_builder_add_int_value (b, info != NULL ? g_file_info_get_size (info) : 0);
      json_builder_set_member_name (b, "paper");
      json_builder_add_string_value (b, custody_report_paper_to_string (paper));
      add_time_member (b, "from", start);
      add_time_member (b, "to", end);
      add_time_member (b, "generated_at", custody_report_get_generated_at (report));
      json_builder_end_object (b);
      ctl_print_json (json_builder_get_root (b));
    }
  else
    {
      g_autofree char *size = g_format_size (info != NULL ? (guint64) g_file_info_get_size (info)
                                             : 0);

      printf (g_dngettext (GETTEXT_PACKAGE, "Wrote the %s (%u page, %s) to %s.\n",
                           "Wrote the %s (%u pages, %s) to %s.\n",
                           custody_report_get_n_pages (report)),
              custody_report_kind_get_title (kind), custody_report_get_n_pages (report), size,
              shown);
    }

  return CTL_EXIT_OK;
}
