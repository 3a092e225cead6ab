/* custodyctl-complete.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custodyctl"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "custody-store-names.h"
#include "custodyctl-context.h"

/* `custodyctl __complete WORD...`, for the bash and zsh completions
 * (data/completions): the words after "custodyctl", the last one being
 * what is typed so far. Prints the candidates, one a line. The command
 * table and each command's own option entries say what there is; names
 * come from the store, read-only, and a store that cannot be read gives
 * none. It never fails: a shell must not print errors while typing. */

/* What each positional argument names: J a job, C a copy of the job
 * before it, V a volume, P a pool, A an open alert's id; '*' repeats the
 * kind before it. */
static const struct
{
  const char *words[2];
  const char *kinds;
} positionals[] = {
  { { "job", "show" }, "J" },
  { { "job", "edit" }, "J" },
  { { "job", "rm" }, "J" },
  { { "copy", "add" }, "J" },
  { { "copy", "list" }, "J" },
  { { "copy", "rm" }, "JC" },
  { { "record", NULL }, "JC" },
  { { "verify", NULL }, "JC" },
  { { "history", NULL }, "J" },
  { { "check", NULL }, "J*" },
  { { "media", "show" }, "V" },
  { { "media", "edit" }, "V" },
  { { "media", "retire" }, "V" },
  { { "media", "scratch" }, "V" },
  { { "media", "move" }, "V*" },
  { { "media", "labels" }, "V*" },
  { { "pool", "edit" }, "P" },
  { { "alert", "ack" }, "A*" },
};

typedef struct
{
  const char *db;
  const char *prefix;
  const char *job;     /* the job named so far (for copies) */
} Completion;

static void
print_names (Completion *c,
             char        kind)
{
  g_autoptr(GPtrArray) names = NULL;
  CustodyNames which;

  switch (kind)
    {
    case 'J':
      which = CUSTODY_NAMES_JOBS;
      break;
    case 'C':
      if (c->job == NULL)
        return;
      which = CUSTODY_NAMES_COPIES;
      break;
    case 'L':
      which = CUSTODY_NAMES_LOCATIONS;
      break;
    case 'P':
      which = CUSTODY_NAMES_POOLS;
      break;
    case 'V':
      which = CUSTODY_NAMES_VOLSERS;
      break;
    case 'A':
      which = CUSTODY_NAMES_OPEN_ALERTS;
      break;
    default:
      return;
    }

  names = custody_store_peek_names (c->db, which, c->job, c->prefix);
  for (guint i = 0; i < names->len; i++)
    printf ("%s\n", (const char *) g_ptr_array_index (names, i));
}

/* What the value of an option ("--to=LOCATION", as the command's entries
 * gave it) names. */
static char
option_value_kind (const char *option)
{
  static const struct
  {
    const char *option;
    char        kind;
  } kinds[] = {
    { "--job=", 'J' },
    { "--copy=", 'C' },
    { "--location=", 'L' },
    { "--library=", 'L' },
    { "--shelf=", 'L' },
    { "--to=LOCATION", 'L' },  /* a report's --to is a time */
    { "--pool=", 'P' },
    { "--volume=", 'V' },
  };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      const char *o = kinds[i].option;

      if (o[strlen (o) - 1] == '=' ? g_str_has_prefix (option, o) : g_str_equal (option, o))
        return kinds[i].kind;
    }
  return 0;
}

/* The entry of @options for @word ("--pool"), or NULL. */
static const char *
find_option (GPtrArray  *options,
             const char *word)
{
  gsize len = strlen (word);

  for (guint i = 0; i < options->len; i++)
    {
      const char *o = g_ptr_array_index (options, i);

      if (strncmp (o, word, len) == 0 && (o[len] == '\0' || o[len] == '='))
        return o;
    }
  return NULL;
}

static void
print_commands (const char *group,
                const char *prefix)
{
  guint n_commands;
  const CtlCommand *commands = ctl_get_commands (&n_commands);
  const char *last = NULL;

  for (guint i = 0; i < n_commands; i++)
    {
      const char *word = group == NULL ? commands[i].words[0] : commands[i].words[1];

      if (group != NULL && !g_str_equal (commands[i].words[0], group))
        continue;
      /* The table keeps a group's subcommands together. */
      if (word == NULL || (last != NULL && g_str_equal (word, last)) ||
          !g_str_has_prefix (word, prefix))
        continue;
      printf ("%s\n", word);
      last = word;
    }
  if (group == NULL && g_str_has_prefix ("help", prefix))
    printf ("help\n");
}

static const CtlCommand *
find_command (const char *first,
              const char *second,
              gboolean   *is_group)
{
  guint n_commands;
  const CtlCommand *commands = ctl_get_commands (&n_commands);

  *is_group = FALSE;
  for (guint i = 0; i < n_commands; i++)
    {
      if (!g_str_equal (commands[i].words[0], first))
        continue;
      if (commands[i].words[1] == NULL)
        return &commands[i];
      *is_group = TRUE;
      if (second != NULL && g_str_equal (commands[i].words[1], second))
        return &commands[i];
    }
  return NULL;
}

static const char *
positional_kinds (const CtlCommand *command)
{
  for (guint i = 0; i < G_N_ELEMENTS (positionals); i++)
    if (g_str_equal (positionals[i].words[0], command->words[0]) &&
        g_strcmp0 (positionals[i].words[1], command->words[1]) == 0)
      return positionals[i].kinds;
  return "";
}

/* The index in @kinds of the argument after @n_given ones, or -1. */
static int
positional_kind (const char *kinds,
                 guint       n_given)
{
  for (int k = 0; kinds[k] != '\0'; k++)
    {
      if (kinds[k] == '*')
        return k - 1;
      if ((guint) k == n_given)
        return k;
    }
  return -1;
}

int
ctl_complete (CtlContext  *ctx,
              int          n_words,
              char       **words,
              char       **argv)
{
  g_autoptr(GPtrArray) rest = g_ptr_array_new ();
  g_autoptr(GPtrArray) options = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autofree char *default_db = NULL;
  Completion c = { ctx->db_path, n_words > 0 ? words[n_words - 1] : "", NULL };
  const CtlCommand *command;
  const char *pending = NULL;
  const char *kinds;
  char *fake_argv[] = { argv[0], NULL };
  gboolean is_group, help = FALSE;
  guint consumed;
  int k;

  /* The global options, wherever they are; the rest is the command. */
  for (int i = 0; i + 1 < n_words; i++)
    {
      const char *w = words[i];

      if (g_str_equal (w, "--db") || g_str_equal (w, "--at"))
        {
          if (i + 2 >= n_words)
            return CTL_EXIT_OK;  /* a file or a time: the shell's own */
          if (g_str_equal (w, "--db"))
            c.db = words[i + 1];
          i++;
        }
      else if (g_str_has_prefix (w, "--db="))
        c.db = w + strlen ("--db=");
      else if (!g_str_equal (w, "--json") && !g_str_has_prefix (w, "--at="))
        g_ptr_array_add (rest, (gpointer) w);
    }
  if (c.db == NULL)
    c.db = default_db = custody_store_default_path ();

  if (rest->len > 0 && g_str_equal (g_ptr_array_index (rest, 0), "help"))
    {
      help = TRUE;
      g_ptr_array_remove_index (rest, 0);
    }

  if (rest->len == 0)
    {
      if (c.prefix[0] == '-')
        printf ("--db\n--json\n--at\n--help\n--version\n");
      else
        print_commands (NULL, c.prefix);
      return CTL_EXIT_OK;
    }

  command = find_command (g_ptr_array_index (rest, 0),
                          rest->len > 1 ? g_ptr_array_index (rest, 1) : NULL, &is_group);
  if (command == NULL)
    {
      if (is_group && rest->len == 1)
        print_commands (g_ptr_array_index (rest, 0), c.prefix);
      return CTL_EXIT_OK;
    }
  if (help)
    return CTL_EXIT_OK;

  /* The printing commands' options are in custodyctl-print. */
  if (command->run == NULL)
    return ctl_exec_print (argv);

  ctx->command = command;
  ctx->complete_options = options;
  command->run (ctx, 1, fake_argv);
  ctx->complete_options = NULL;

  /* Positional arguments, and option values, after the command words. */
  consumed = command->words[1] != NULL ? 2 : 1;
  for (guint i = consumed; i < rest->len; i++)
    {
      const char *w = g_ptr_array_index (rest, i);
      const char *option = w[0] == '-' ? find_option (options, w) : NULL;

      if (option != NULL && strchr (option, '=') != NULL && strchr (w, '=') == NULL)
        {
          if (i + 1 >= rest->len)
            pending = option;
          else if (g_str_equal (w, "--job"))
            c.job = g_ptr_array_index (rest, i + 1);
          i++;
        }
      else if (w[0] != '-')
        g_ptr_array_add (args, (gpointer) w);
    }

  if (pending != NULL)
    {
      print_names (&c, option_value_kind (pending));
      return CTL_EXIT_OK;
    }

  if (c.prefix[0] == '-')
    {
      for (guint i = 0; i < options->len; i++)
        {
          const char *o = g_ptr_array_index (options, i);
          const char *eq = strchr (o, '=');
          g_autofree char *name = eq != NULL ? g_strndup (o, eq - o) : g_strdup (o);

          if (g_str_has_prefix (name, c.prefix))
            printf ("%s\n", name);
        }
      if (g_str_has_prefix ("--help", c.prefix))
        printf ("--help\n");
      return CTL_EXIT_OK;
    }

  kinds = positional_kinds (command);
  k = positional_kind (kinds, args->len);
  if (k < 0)
    return CTL_EXIT_OK;
  if (kinds[k] == 'C' && k > 0)
    c.job = g_ptr_array_index (args, k - 1);
  print_names (&c, kinds[k]);

  return CTL_EXIT_OK;
}
