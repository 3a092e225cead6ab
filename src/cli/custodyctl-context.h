/* custodyctl-context.h
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "custody-json.h"
#include "custody-store.h"

G_BEGIN_DECLS

/* Exit codes of cli.md. */
enum
{
  CTL_EXIT_OK = 0,
  CTL_EXIT_VIOLATION = 1,
  CTL_EXIT_USAGE = 2,
  CTL_EXIT_STORE = 3,
};

typedef struct _CtlCommand CtlCommand;

typedef struct
{
  const CtlCommand *command;
  char         *db_path;
  gboolean      json;
  char         *at_text;     /* --at as given, or NULL */
  gint64        at;          /* CUSTODY_TIME_NONE without --at */
  CustodyStore *store;
  GPtrArray    *complete_options; /* __complete: a command adds its options
                                   * here ("--flag", "--name=ARG") and stops */
} CtlContext;

typedef int (*CtlCommandFunc) (CtlContext *ctx,
                               int         argc,
                               char      **argv);

struct _CtlCommand
{
  const char     *words[2];   /* "job", "add"; the second may be NULL */
  const char     *parameters; /* "NAME [--source TEXT]..." for --help */
  const char     *summary;
  CtlCommandFunc  run;
};

/* In a command: parse @entries from argc/argv, or return the exit code. */
#define PARSE_OR_RETURN(entries)                                           \
  G_STMT_START {                                                           \
    int exit_code_;                                                        \
    if (!ctl_parse_options (ctx, (entries), &argc, &argv, &exit_code_))    \
      return exit_code_;                                                   \
  } G_STMT_END

/* In a command: open the store (creating it if @create), or return. */
#define OPEN_OR_RETURN(create)                                             \
  G_STMT_START {                                                           \
    if (ctl_open_store (ctx, (create)) == NULL)                            \
      return CTL_EXIT_STORE;                                               \
  } G_STMT_END

/* Opening the store: every command but init and demo needs an existing
 * one. Returns NULL after reporting the error. */
CustodyStore *ctl_open_store       (CtlContext      *ctx,
                                    gboolean         create);

/* Reporting; text output escapes what ctl_needs_escape () finds. */
gboolean      ctl_needs_escape     (const char      *text);
/* The cells @text takes in a terminal (two for a wide character). */
glong         ctl_display_width    (const char      *text);
/* Prints @text, then spaces up to @width cells. */
void          ctl_print_padded     (const char      *text,
                                    glong            width);
int           ctl_fail             (GError          *error);
int           ctl_usage            (const char      *format,
                                    ...) G_GNUC_PRINTF (1, 2);
int           ctl_error            (int              exit_code,
                                    const char      *format,
                                    ...) G_GNUC_PRINTF (2, 3);
int           ctl_exit_code_for    (const GError    *error);
/* Prints @node and frees it; an object gets the "version" member. */
void          ctl_print_json       (JsonNode        *node);
void          ctl_print_json_data  (JsonNode        *node);
gboolean      ctl_parse_options    (CtlContext      *ctx,
                                    GOptionEntry    *entries,
                                    int             *argc,
                                    char          ***argv,
                                    int             *exit_code);
gboolean      ctl_parse_time_option (const char     *name,
                                     const char     *text,
                                     gint64         *out,
                                     int            *exit_code);

/* The command table, and running custodyctl-print for what prints */
const CtlCommand *ctl_get_commands (guint           *n_commands);
int           ctl_exec_print       (char           **argv);

/* Shell completion: `custodyctl __complete WORD...` */
int           ctl_complete         (CtlContext      *ctx,
                                    int              n_words,
                                    char           **words,
                                    char           **argv);

/* Aligned text tables */
typedef struct _CtlTable CtlTable;

CtlTable     *ctl_table_new        (const char      *first_header,
                                    ...) G_GNUC_NULL_TERMINATED;
void          ctl_table_add_row    (CtlTable        *table,
                                    const char      *first_cell,
                                    ...) G_GNUC_NULL_TERMINATED;
void          ctl_table_print      (CtlTable        *table);
void          ctl_table_free       (CtlTable        *table);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CtlTable, ctl_table_free)

/* The commands */
int ctl_init            (CtlContext *ctx, int argc, char **argv);
int ctl_location_add    (CtlContext *ctx, int argc, char **argv);
int ctl_location_list   (CtlContext *ctx, int argc, char **argv);
int ctl_job_add         (CtlContext *ctx, int argc, char **argv);
int ctl_job_edit        (CtlContext *ctx, int argc, char **argv);
int ctl_job_list        (CtlContext *ctx, int argc, char **argv);
int ctl_job_show        (CtlContext *ctx, int argc, char **argv);
int ctl_job_rm          (CtlContext *ctx, int argc, char **argv);
int ctl_copy_add        (CtlContext *ctx, int argc, char **argv);
int ctl_copy_list       (CtlContext *ctx, int argc, char **argv);
int ctl_copy_rm         (CtlContext *ctx, int argc, char **argv);
int ctl_record          (CtlContext *ctx, int argc, char **argv);
int ctl_verify          (CtlContext *ctx, int argc, char **argv);
int ctl_history         (CtlContext *ctx, int argc, char **argv);
int ctl_media_add       (CtlContext *ctx, int argc, char **argv);
int ctl_media_move      (CtlContext *ctx, int argc, char **argv);
int ctl_media_list      (CtlContext *ctx, int argc, char **argv);
int ctl_media_show      (CtlContext *ctx, int argc, char **argv);
int ctl_media_edit      (CtlContext *ctx, int argc, char **argv);
int ctl_media_retire    (CtlContext *ctx, int argc, char **argv);
int ctl_media_scratch   (CtlContext *ctx, int argc, char **argv);
int ctl_media_today     (CtlContext *ctx, int argc, char **argv);
int ctl_media_scan      (CtlContext *ctx, int argc, char **argv);
int ctl_media_labels    (CtlContext *ctx, int argc, char **argv);
int ctl_media_handoff   (CtlContext *ctx, int argc, char **argv);
int ctl_media_reconcile (CtlContext *ctx, int argc, char **argv);
int ctl_import_mtx      (CtlContext *ctx, int argc, char **argv);
int ctl_pool_add        (CtlContext *ctx, int argc, char **argv);
int ctl_pool_edit       (CtlContext *ctx, int argc, char **argv);
int ctl_pool_list       (CtlContext *ctx, int argc, char **argv);
int ctl_policy_show     (CtlContext *ctx, int argc, char **argv);
int ctl_policy_set      (CtlContext *ctx, int argc, char **argv);
int ctl_check           (CtlContext *ctx, int argc, char **argv);
int ctl_import_csv      (CtlContext *ctx, int argc, char **argv);
int ctl_import_tool     (CtlContext *ctx, int argc, char **argv);
int ctl_export          (CtlContext *ctx, int argc, char **argv);
int ctl_db_backup       (CtlContext *ctx, int argc, char **argv);
int ctl_db_restore      (CtlContext *ctx, int argc, char **argv);
int ctl_db_check        (CtlContext *ctx, int argc, char **argv);
int ctl_demo            (CtlContext *ctx, int argc, char **argv);
int ctl_version         (CtlContext *ctx, int argc, char **argv);
int ctl_report          (CtlContext *ctx, int argc, char **argv);
int ctl_alert_list      (CtlContext *ctx, int argc, char **argv);
int ctl_alert_ack       (CtlContext *ctx, int argc, char **argv);

G_END_DECLS
