/* custodyctl.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custodyctl"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>
#include <unistd.h>

#include "custody-text.h"
#include "custody-time.h"
#include "custodyctl-context.h"

/* The commands that print link cairo and Pango: custodyctl-print runs
 * them, and custodyctl hands them over (a NULL run). */
#ifdef CUSTODYCTL_PRINT
#define PRINTS(func) func
#else
#define PRINTS(func) NULL
#endif

static const CtlCommand commands[] = {
  { { "init", NULL }, "", N_("Create the store"), ctl_init },
  { { "location", "add" }, N_("NAME --kind KIND"), N_("Add a location"), ctl_location_add },
  { { "location", "list" }, "", N_("List locations"), ctl_location_list },
  { { "job", "add" }, N_("NAME [--source TEXT] [--owner TEXT] [--rpo-hours N] [--verify-days N]"),
    N_("Add a job"), ctl_job_add },
  { { "job", "edit" },
    N_("NAME [--name NEW] [--source TEXT] [--owner TEXT] [--rpo-hours N] [--verify-days N]"),
    N_("Change a job"), ctl_job_edit },
  { { "job", "list" }, "", N_("List jobs and their status"), ctl_job_list },
  { { "job", "show" }, N_("NAME"), N_("Show a job and its copies"), ctl_job_show },
  { { "job", "rm" }, N_("NAME"), N_("Remove a job with its copies, runs and verifications"),
    ctl_job_rm },
  { { "copy", "add" },
    N_("JOB COPY --media-type TYPE [--location NAME] [--immutable] [--air-gapped]"),
    N_("Add a copy to a job"), ctl_copy_add },
  { { "copy", "list" }, N_("JOB"), N_("List a job's copies"), ctl_copy_list },
  { { "copy", "rm" }, N_("JOB COPY"), N_("Remove a copy with its runs and verifications"),
    ctl_copy_rm },
  { { "record", NULL }, N_("JOB COPY --status STATUS --started TIME [--finished TIME] ..."),
    N_("Record a backup run"), ctl_record },
  { { "verify", NULL }, N_("JOB COPY --result passed|failed [--kind KIND] [--errors N] ..."),
    N_("Record a verification"), ctl_verify },
  { { "history", NULL }, N_("JOB [--limit N]"), N_("List a job's runs, newest first"),
    ctl_history },
  { { "media", "add" },
    N_("VOLSER|--range FIRST-LAST --type TYPE [--pool NAME] [--location NAME] ..."),
    N_("Add a volume, or a range of them"), ctl_media_add },
  { { "media", "move" },
    N_("VOLSER... --to LOCATION [--courier NAME] [--container ID] [--seal ID]"),
    N_("Move volumes"), ctl_media_move },
  { { "media", "list" }, N_("[--location NAME] [--pool NAME]"), N_("List volumes"),
    ctl_media_list },
  { { "media", "show" }, N_("VOLSER"), N_("Show a volume and its movements"), ctl_media_show },
  { { "media", "edit" }, N_("VOLSER [--type TYPE] [--pool NAME] [--status STATUS] ..."),
    N_("Change a volume"), ctl_media_edit },
  { { "media", "retire" }, N_("VOLSER [--confirm]"), N_("Take a volume out of service"),
    ctl_media_retire },
  { { "media", "scratch" }, N_("VOLSER [--confirm]"), N_("Return a volume to scratch for reuse"),
    ctl_media_scratch },
  { { "media", "today" }, "", N_("What the desk moves today"), ctl_media_today },
  { { "media", "scan" },
    N_("--to LOCATION [--courier NAME] [--container ID] [--seal ID] [--expect LIST] < VOLSERS"),
    N_("Move the volumes scanned, one a line"), ctl_media_scan },
  { { "media", "labels" }, N_("VOLSER...|--range FIRST-LAST --output FILE.pdf [--layout LAYOUT]"),
    N_("Print barcode labels to PDF"), PRINTS (ctl_media_labels) },
  { { "media", "handoff" }, N_("send-offsite|recall --output FILE.pdf [--courier NAME] ..."),
    N_("Print today's courier hand-off sheet to PDF"), PRINTS (ctl_media_handoff) },
  { { "media", "reconcile" }, N_("--location NAME FILE|- [--certificate FILE.pdf]"),
    N_("Compare what is at a location with the records"), PRINTS (ctl_media_reconcile) },
  { { "pool", "add" },
    N_("NAME --scheme gfs|cycle|none [--daily N] [--weekly N] [--monthly N] ..."),
    N_("Add a pool of volumes and its rotation"), ctl_pool_add },
  { { "pool", "edit" }, N_("NAME [--scheme SCHEME] [--name NEW] ..."), N_("Change a pool"),
    ctl_pool_edit },
  { { "pool", "list" }, "", N_("List pools and their rotation"), ctl_pool_list },
  { { "policy", "show" }, "", N_("Show the policy"), ctl_policy_show },
  { { "policy", "set" }, N_("KEY VALUE"), N_("Change the policy"), ctl_policy_set },
  { { "check", NULL }, N_("[JOB...]"), N_("Check jobs against the 3-2-1-1-0 rule"), ctl_check },
  { { "import", "jobs" }, N_("FILE|-"), N_("Import jobs and copies from CSV"), ctl_import_csv },
  { { "import", "media" }, N_("FILE|-"), N_("Import volumes from CSV"), ctl_import_csv },
  { { "import", "executions" }, N_("FILE|-"), N_("Import runs from CSV"), ctl_import_csv },
  { { "import", "restic" }, N_("--job JOB --copy COPY [--exit-code N] [--volume VOLSER] FILE|-"),
    N_("Import restic snapshots (snapshots --json, backup --json)"), ctl_import_tool },
  { { "import", "restic-check" }, N_("--job JOB --copy COPY [--exit-code N] FILE|-"),
    N_("Import what restic check printed as a verification"), ctl_import_tool },
  { { "import", "borg" }, N_("--job JOB --copy COPY [--timezone ZONE] [--exit-code N] FILE|-"),
    N_("Import borg archives (list, info, create --json; borg 2 repo-list)"), ctl_import_tool },
  { { "import", "borg-check" }, N_("--job JOB --copy COPY [--exit-code N] FILE|-"),
    N_("Import what borg check printed as a verification"), ctl_import_tool },
  { { "import", "bareos-jobs" }, N_("[--create] [--timezone ZONE] FILE|-"),
    N_("Import Bareos jobs (bconsole .api 2: list jobs, llist jobs)"), ctl_import_tool },
  { { "import", "bareos-volumes" }, N_("[--library LOCATION] [--shelf LOCATION] FILE|-"),
    N_("Import Bareos volumes (list volumes, llist media)"), ctl_import_tool },
  { { "import", "mtx" }, N_("FILE|- --library LOCATION"),
    N_("Import a tape library's inventory (mtx status)"), ctl_import_mtx },
  { { "export", NULL }, N_("[--output FILE]"), N_("Export the whole store as JSON"), ctl_export },
  { { "db", "backup" }, N_("[--keep N] [--dir DIR]"), N_("Back up the store"), ctl_db_backup },
  { { "db", "restore" }, N_("FILE"), N_("Restore the store from a backup"), ctl_db_restore },
  { { "db", "check" }, "", N_("Check the store's integrity and audit trail"), ctl_db_check },
  { { "demo", NULL }, N_("[--jobs N] [--executions N] [--seed N]"),
    N_("Fill an empty store with demo data"), ctl_demo },
  { { "report", "compliance" }, N_("--output FILE.pdf [--to TIME] [--paper a4|letter]"),
    N_("Write the compliance report (PDF)"), PRINTS (ctl_report) },
  { { "report", "audit" }, N_("--output FILE.pdf [--from TIME] [--to TIME] [--paper a4|letter]"),
    N_("Write the audit report of a period (PDF)"), PRINTS (ctl_report) },
  { { "report", "media" }, N_("--output FILE.pdf [--to TIME] [--paper a4|letter]"),
    N_("Write the media and vault report (PDF)"), PRINTS (ctl_report) },
  { { "report", "summary" }, N_("--output FILE.pdf [--from TIME] [--to TIME] [--paper a4|letter]"),
    N_("Write the executive summary of a period (PDF)"), PRINTS (ctl_report) },
  { { "alert", "list" }, N_("[--all]"), N_("List open alerts, or all of them"), ctl_alert_list },
  { { "alert", "ack" }, N_("ID... [--note TEXT]"), N_("Acknowledge alerts"), ctl_alert_ack },
  { { "version", NULL }, "", N_("Show the version and the store schema it knows"), ctl_version },
};

/*
 * Reporting
 */

/* Whether @text has a control character or a byte that is not UTF-8:
 * most text has neither, and costs one pass over its bytes. */
gboolean
ctl_needs_escape (const char *text)
{
  const guchar *p;

  for (p = (const guchar *) text; *p != '\0'; p++)
    {
      if (*p < 0x20 || *p == 0x7f)
        return TRUE;
      if (*p >= 0x80)
        break;
    }
  if (*p == '\0')
    return FALSE;
  if (!g_utf8_validate ((const char *) p, -1, NULL))
    return TRUE;
  for (; *p != '\0'; p++)
    if (*p < 0x20 || *p == 0x7f || (*p == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f))
      return TRUE;
  return FALSE;
}

/* An error for the terminal: line by line, controls escaped, after a
 * prefix in the reader's language ("custodyctl: error: " in English, as
 * docs/cli.md has it; --json errors are a JSON document instead). */
static void
print_error (const char *message)
{
  g_auto(GStrv) lines = NULL;
  /* Translators: the start of every error custodyctl prints, before the message */
  const char *prefix = C_("custodyctl error prefix", "error:");

  if (!ctl_needs_escape (message))
    {
      fprintf (stderr, "custodyctl: %s %s\n", prefix, message);
      return;
    }
  lines = g_strsplit (message, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *line = custody_text_escape_controls (lines[i]);

      if (i == 0)
        fprintf (stderr, "custodyctl: %s %s", prefix, line);
      else
        fprintf (stderr, "\n%s", line);
    }
  fputc ('\n', stderr);
}

int
ctl_exit_code_for (const GError *error)
{
  if (error->domain == CUSTODY_STORE_ERROR)
    {
      switch ((CustodyStoreError) error->code)
        {
        case CUSTODY_STORE_ERROR_INVALID:
        case CUSTODY_STORE_ERROR_NOT_FOUND:
        case CUSTODY_STORE_ERROR_EXISTS:
        case CUSTODY_STORE_ERROR_REFUSED:
          return CTL_EXIT_USAGE;
        case CUSTODY_STORE_ERROR_FAILED:
        case CUSTODY_STORE_ERROR_MISSING:
        case CUSTODY_STORE_ERROR_SCHEMA_TOO_NEW:
        case CUSTODY_STORE_ERROR_CORRUPT:
        case CUSTODY_STORE_ERROR_LOCKED:
        case CUSTODY_STORE_ERROR_READ_ONLY:
        default:
          return CTL_EXIT_STORE;
        }
    }

  /* Options, times, volsers, input files: what the user gave. */
  return CTL_EXIT_USAGE;
}

/* Set in main when --json is on the command line: a script that asked
 * for JSON gets its errors as JSON too. */
static gboolean json_errors;

static int
report_error (int         exit_code,
              const char *message)
{
  if (json_errors)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *text = NULL;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "error");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "message");
      json_builder_add_string_value (b, message);
      json_builder_set_member_name (b, "exit_code");
      json_builder_add_int_value (b, exit_code);
      json_builder_end_object (b);
      json_builder_set_member_name (b, "version");
      json_builder_add_string_value (b, PACKAGE_VERSION);
      json_builder_end_object (b);
      root = json_builder_get_root (b);
      text = custody_json_to_string (root, FALSE);
      fprintf (stderr, "%s\n", text);
    }
  else
    print_error (message);

  return exit_code;
}

int
ctl_fail (GError *error)
{
  int code = report_error (ctl_exit_code_for (error), error->message);

  g_error_free (error);

  return code;
}

int
ctl_usage (const char *format,
           ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  return report_error (CTL_EXIT_USAGE, message);
}

int
ctl_error (int         exit_code,
           const char *format,
           ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  return report_error (exit_code, message);
}

/* Prints a document whose keys are data (`policy show`): as it is. */
void
ctl_print_json_data (JsonNode *node)
{
  g_autofree char *text = custody_json_to_string (node, TRUE);

  fputs (text, stdout);
  fputc ('\n', stdout);
  json_node_unref (node);
}

/* Every object document says which version wrote it; arrays stay
 * arrays (help/C/custodyctl.page). */
void
ctl_print_json (JsonNode *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    json_object_set_string_member (json_node_get_object (node), "version", PACKAGE_VERSION);
  ctl_print_json_data (node);
}

gboolean
ctl_parse_time_option (const char *name,
                       const char *text,
                       gint64     *out,
                       int        *exit_code)
{
  g_autoptr(GError) error = NULL;

  if (!custody_time_parse (text, out, &error))
    {
      *exit_code = ctl_usage ("--%s: %s", name, error->message);
      return FALSE;
    }
  return TRUE;
}

CustodyStore *
ctl_open_store (CtlContext *ctx,
                gboolean    create)
{
  g_autoptr(GError) error = NULL;

  if (ctx->store != NULL)
    return ctx->store;

  ctx->store = custody_store_open (ctx->db_path,
                                   create ? CUSTODY_STORE_OPEN_CREATE : CUSTODY_STORE_OPEN_DEFAULT,
                                   &error);
  if (ctx->store == NULL)
    {
      ctl_fail (g_steal_pointer (&error));
      return NULL;
    }

  if (ctx->at != CUSTODY_TIME_NONE)
    custody_store_set_clock (ctx->store, ctx->at);

  return ctx->store;
}

/* Parses a command's options; --json, --db and (except for verify, whose
 * --at is its own) --at may also come after the command. */
gboolean
ctl_parse_options (CtlContext        *ctx,
                   GOptionEntry      *entries,
                   int               *argc,
                   char            ***argv,
                   int               *exit_code)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *db = NULL;
  g_autofree char *at = NULL;
  g_autofree char *name = NULL;
  const CtlCommand *command = ctx->command;
  gboolean json = FALSE;
  gboolean is_verify = command->run == ctl_verify;
  GOptionEntry common[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Machine output: one JSON document"), NULL },
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, N_("The store"), N_("PATH") },
    { is_verify ? NULL : "at", 0, 0, G_OPTION_ARG_STRING, &at, N_("Act as if it were this time"),
      N_("TIME") },
    { NULL }
  };

  if (ctx->complete_options != NULL)
    {
      /* Completion asks the command's own tables, without parsing. */
      for (guint t = 0; t < 2; t++)
        for (const GOptionEntry *e = t == 0 ? entries : common; e != NULL && e->long_name != NULL;
             e++)
          if (!(e->flags & G_OPTION_FLAG_HIDDEN))
            g_ptr_array_add (ctx->complete_options,
                             e->arg == G_OPTION_ARG_NONE
                             ? g_strdup_printf ("--%s", e->long_name)
                             : g_strdup_printf ("--%s=%s", e->long_name,
                                                e->arg_description != NULL ? e->arg_description
                                                : ""));
      *exit_code = CTL_EXIT_OK;
      return FALSE;
    }

  name = command->words[1] != NULL ? g_strdup_printf ("%s %s", command->words[0], command->words[1])
                                   : g_strdup (command->words[0]);
  {
    g_autofree char *parameter = g_strdup_printf ("%s %s", name, _(command->parameters));
    context = g_option_context_new (parameter);
  }
  g_option_context_set_summary (context, _(command->summary));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, common, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      *exit_code = ctl_usage ("%s: %s", name, error->message);
      return FALSE;
    }

  /* GOption stops at "--" but leaves it: what follows is an argument
   * even if it starts with '-' (a job named "--help"). */
  for (int i = 1; i < *argc; i++)
    {
      if (g_str_equal ((*argv)[i], "--"))
        {
          memmove (&(*argv)[i], &(*argv)[i + 1], (size_t) (*argc - i) * sizeof (char *));
          (*argc)--;
          break;
        }
    }

  if (json)
    ctx->json = TRUE;
  if (db != NULL)
    {
      g_free (ctx->db_path);
      ctx->db_path = g_steal_pointer (&db);
    }
  if (at != NULL)
    {
      if (!ctl_parse_time_option ("at", at, &ctx->at, exit_code))
        return FALSE;
    }

  return TRUE;
}

/*
 * Tables
 */

/* Cells are kept in one string chunk, row after row, with the width each
 * takes on a terminal: a table of ten thousand jobs costs no allocation a
 * cell. */
struct _CtlTable
{
  guint         n_columns;
  GStringChunk *text;
  GPtrArray    *cells;    /* const char *, n_columns a row, the header first */
  GArray       *widths;   /* glong, one a cell */
};

/* The cells a terminal gives @text: two for a wide (CJK) character, none
 * for a combining mark, so that Japanese headers and cells line up. */
glong
ctl_display_width (const char *text)
{
  glong width = 0;
  const char *p;

  /* Most cells are ASCII: one cell a byte, without Unicode tables. */
  for (p = text; *p != '\0' && (guchar) *p < 0x80; p++)
    ;
  if (*p == '\0')
    return p - text;

  if (!g_utf8_validate (text, -1, NULL))
    return (glong) strlen (text);
  for (p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_iszerowidth (c))
        width += g_unichar_iswide (c) ? 2 : 1;
    }
  return width;
}

void
ctl_print_padded (const char *text,
                  glong       width)
{
  fputs (text, stdout);
  for (glong pad = ctl_display_width (text); pad < width; pad++)
    putchar (' ');
}

static void
add_cell (CtlTable   *table,
          const char *cell)
{
  g_autofree char *escaped = NULL;
  const char *copy;
  glong width;

  /* A name holding ESC must not drive the terminal it is printed on. */
  if (cell != NULL && ctl_needs_escape (cell))
    cell = escaped = custody_text_escape_controls (cell);
  copy = g_string_chunk_insert (table->text, cell != NULL ? cell : "");
  width = ctl_display_width (copy);

  g_ptr_array_add (table->cells, (gpointer) copy);
  g_array_append_val (table->widths, width);
}

CtlTable *
ctl_table_new (const char *first_header,
               ...)
{
  CtlTable *table = g_new0 (CtlTable, 1);
  va_list args;

  table->text = g_string_chunk_new (64 * 1024);
  table->cells = g_ptr_array_new ();
  table->widths = g_array_new (FALSE, FALSE, sizeof (glong));

  va_start (args, first_header);
  for (const char *h = first_header; h != NULL; h = va_arg (args, const char *))
    add_cell (table, h);
  va_end (args);
  table->n_columns = table->cells->len;

  return table;
}

void
ctl_table_add_row (CtlTable   *table,
                   const char *first_cell,
                   ...)
{
  const char *cell = first_cell;
  va_list args;

  va_start (args, first_cell);
  for (guint i = 0; i < table->n_columns; i++)
    {
      add_cell (table, cell);
      if (i + 1 < table->n_columns)
        cell = va_arg (args, const char *);
    }
  va_end (args);
}

void
ctl_table_print (CtlTable *table)
{
  g_autofree glong *widths = g_new0 (glong, table->n_columns);
  g_autoptr(GString) line = g_string_new (NULL);
  const glong *cell_widths = (const glong *) table->widths->data;

  for (guint i = 0; i < table->cells->len; i++)
    widths[i % table->n_columns] = MAX (widths[i % table->n_columns], cell_widths[i]);

  for (guint r = 0; r < table->cells->len; r += table->n_columns)
    {
      g_string_truncate (line, 0);
      for (guint c = 0; c < table->n_columns; c++)
        {
          g_string_append (line, g_ptr_array_index (table->cells, r + c));
          if (c + 1 < table->n_columns)
            for (glong pad = cell_widths[r + c]; pad < widths[c] + 2; pad++)
              g_string_append_c (line, ' ');
        }
      while (line->len > 0 && line->str[line->len - 1] == ' ')
        g_string_truncate (line, line->len - 1);
      g_string_append_c (line, '\n');
      fputs (line->str, stdout);
    }
}

void
ctl_table_free (CtlTable *table)
{
  g_string_chunk_free (table->text);
  g_ptr_array_unref (table->cells);
  g_array_unref (table->widths);
  g_free (table);
}

/*
 * main
 */

static void
print_help (void)
{
  int width = 0;

  printf ("%s\n\n", _("Usage: custodyctl [--db PATH] [--json] [--at TIME] COMMAND [ARGS...]"));
  printf ("%s\n\n", _("Keeps backups honest against the 3-2-1-1-0 rule."));
  printf ("%s\n", _("Commands:"));
  /* The summaries line up after the longest command name. */
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    width = MAX (width, (int) (strlen (commands[i].words[0]) +
                               (commands[i].words[1] != NULL
                                ? 1 + strlen (commands[i].words[1]) : 0)));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *name = commands[i].words[1] != NULL
        ? g_strdup_printf ("%s %s", commands[i].words[0], commands[i].words[1])
        : g_strdup (commands[i].words[0]);
      printf ("  %-*s %s\n", width, name, _(commands[i].summary));
    }
  printf ("\n%s\n", _("'custodyctl COMMAND --help' tells more about a command."));
}

const CtlCommand *
ctl_get_commands (guint *n_commands)
{
  *n_commands = G_N_ELEMENTS (commands);
  return commands;
}

/* "custodyctl help media", "custodyctl media --help", and "custodyctl
 * media" alone: the group's subcommands. Alone, it is an error, said
 * first, as every error is (cli.md). */
static int
group_help (const char *group,
            gboolean    asked)
{
  FILE *out = asked ? stdout : stderr;
  int width = 0;
  int status = CTL_EXIT_OK;

  if (!asked)
    status = ctl_usage (_("'%s' needs a subcommand (see 'custodyctl --help')"), group);

  /* A script that asked for JSON gets one line of JSON on stderr. */
  if (asked || !json_errors)
    {
      fprintf (out, _("Usage: custodyctl [OPTIONS] %s SUBCOMMAND [ARGS...]"), group);
      fprintf (out, "\n\n%s\n", _("Subcommands:"));
      for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
        if (g_str_equal (commands[i].words[0], group) && commands[i].words[1] != NULL)
          width = MAX (width, (int) strlen (commands[i].words[1]));
      for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
        if (g_str_equal (commands[i].words[0], group) && commands[i].words[1] != NULL)
          fprintf (out, "  %-*s %s\n", width, commands[i].words[1], _(commands[i].summary));
      fputc ('\n', out);
      fprintf (out, _("'custodyctl %s SUBCOMMAND --help' tells more about a subcommand."), group);
      fputc ('\n', out);
    }

  return status;
}

static const CtlCommand *
find_command (int    argc,
              char **argv,
              int    first,
              int   *consumed)
{
  const CtlCommand *fallback = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      const CtlCommand *c = &commands[i];

      if (!g_str_equal (argv[first], c->words[0]))
        continue;
      if (c->words[1] == NULL)
        {
          *consumed = 1;
          return c;
        }
      if (first + 1 < argc && g_str_equal (argv[first + 1], c->words[1]))
        {
          *consumed = 2;
          return c;
        }
      fallback = c;
    }

  *consumed = fallback != NULL ? -1 : 0;
  return NULL;
}

/* Runs custodyctl-print with the same arguments: beside this program in
 * a build tree, else where it is installed. Returns only on failure. */
int
ctl_exec_print (char **argv)
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *dir = self != NULL ? g_path_get_dirname (self) : NULL;
  g_autofree char *beside = dir != NULL ? g_build_filename (dir, "custodyctl-print", NULL) : NULL;
  const char *helper = beside != NULL && g_file_test (beside, G_FILE_TEST_IS_EXECUTABLE)
                       ? beside : LIBEXECDIR "/custodyctl-print";
  int saved;

  fflush (stdout);
  execv (helper, argv);
  saved = errno;
  return ctl_error (CTL_EXIT_STORE, _("cannot run %s: %s"), helper, g_strerror (saved));
}

int
main (int    argc,
      char **argv)
{
  CtlContext ctx = { NULL, NULL, FALSE, NULL, CUSTODY_TIME_NONE, NULL };
  const CtlCommand *command;
  g_autoptr(GPtrArray) sub_argv = g_ptr_array_new ();
  const char *localedir = g_getenv ("CUSTODY_LOCALEDIR");
  int i, consumed = 0, status;

  setlocale (LC_ALL, "");
  /* Machine output stays in English, whatever the locale. */
  for (i = 1; i < argc; i++)
    if (g_str_equal (argv[i], "--json"))
      {
        setlocale (LC_MESSAGES, "C");
        json_errors = TRUE;
      }
  /* An uninstalled build takes its translations from the build tree
   * (CUSTODY_LOCALEDIR=_build/po), as the app does. */
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && *localedir != '\0' ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* Global options, before the command. */
  for (i = 1; i < argc; i++)
    {
      const char *arg = argv[i];

      if (g_str_equal (arg, "--json"))
        ctx.json = TRUE;
      else if (g_str_equal (arg, "--db") || g_str_equal (arg, "--at"))
        {
          if (i + 1 >= argc)
            return ctl_usage (_("%s needs a value"), arg);
          if (g_str_equal (arg, "--db"))
            ctx.db_path = g_strdup (argv[++i]);
          else
            ctx.at_text = g_strdup (argv[++i]);
        }
      else if (g_str_has_prefix (arg, "--db="))
        ctx.db_path = g_strdup (arg + strlen ("--db="));
      else if (g_str_has_prefix (arg, "--at="))
        ctx.at_text = g_strdup (arg + strlen ("--at="));
      else if (g_str_equal (arg, "--help") || g_str_equal (arg, "-h"))
        {
          print_help ();
          return CTL_EXIT_OK;
        }
      else if (g_str_equal (arg, "--version"))
        {
          printf ("custodyctl %s\n", PACKAGE_VERSION);
          return CTL_EXIT_OK;
        }
      else if (arg[0] == '-')
        return ctl_usage (_("unknown option '%s' (see 'custodyctl --help')"), arg);
      else
        break;
    }

  if (i >= argc)
    {
      print_help ();
      return ctl_usage (_("missing a command (see 'custodyctl --help')"));
    }

  if (g_str_equal (argv[i], "help"))
    {
      if (i + 1 >= argc)
        {
          print_help ();
          return CTL_EXIT_OK;
        }
      /* "custodyctl help job add" is "custodyctl job add --help". */
      argv[i] = (char *) "--help";
      for (int j = i; j + 1 < argc; j++)
        {
          char *tmp = argv[j];
          argv[j] = argv[j + 1];
          argv[j + 1] = tmp;
        }
    }

  if (g_str_equal (argv[i], "__complete"))
    return ctl_complete (&ctx, argc - i - 1, argv + i + 1, argv);

  command = find_command (argc, argv, i, &consumed);
  if (command == NULL)
    {
      if (consumed < 0)
        return group_help (argv[i], i + 1 < argc && (g_str_equal (argv[i + 1], "--help") ||
                                                      g_str_equal (argv[i + 1], "-h")));
      return ctl_usage (_("unknown command '%s' (see 'custodyctl --help')"), argv[i]);
    }

  if (command->run == NULL)
    return ctl_exec_print (argv);

  if (ctx.at_text != NULL)
    {
      if (!ctl_parse_time_option ("at", ctx.at_text, &ctx.at, &status))
        return status;
    }
  if (ctx.db_path == NULL)
    ctx.db_path = custody_store_default_path ();

  /* The command sees argv[0] = its name, then its own arguments. */
  g_ptr_array_add (sub_argv, argv[0]);
  for (int j = i + consumed; j < argc; j++)
    g_ptr_array_add (sub_argv, argv[j]);
  g_ptr_array_add (sub_argv, NULL);

  ctx.command = command;
  status = command->run (&ctx, (int) sub_argv->len - 1, (char **) sub_argv->pdata);

  g_clear_object (&ctx.store);
  g_free (ctx.db_path);
  g_free (ctx.at_text);

  return status;
}
