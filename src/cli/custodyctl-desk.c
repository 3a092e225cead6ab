/* custodyctl-desk.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custodyctl"

#include "config.h"

#include <gio/gunixinputstream.h>
#include <glib/gi18n.h>
#include <stdio.h>
#include <unistd.h>

#include "custody-json.h"
#include "custody-mtx.h"
#include "custody-rotation.h"
#include "custody-scan-session.h"
#include "custody-input.h"
#include "custody-time.h"
#include "custody-volser.h"
#include "custodyctl-context.h"
#include "custodyctl-desk.h"

/* The tape desk's commands: today's lists, scans, library inventories,
 * pools and volumes. Those that print (labels, hand-off sheets,
 * reconciliations with their certificate) are in custodyctl-desk-print.c. */

#define MAX_INPUT_BYTES (16 * 1024 * 1024)

/*
 * Helpers, shared with custodyctl-desk-print.c
 */

GInputStream *
ctl_open_input (const char  *path,
                GError     **error)
{
  g_autoptr(GFile) file = NULL;

  if (g_str_equal (path, "-"))
    return g_unix_input_stream_new (STDIN_FILENO, FALSE);

  file = g_file_new_for_commandline_arg (path);
  return G_INPUT_STREAM (g_file_read (file, NULL, error));
}

/* The whole of a file or standard input, as text: refused whole, with
 * the line, if a NUL or a byte that is not UTF-8 is anywhere in it. */
char *
ctl_read_text (const char  *path,
               GError     **error)
{
  g_autoptr(GInputStream) input = ctl_open_input (path, error);
  g_autoptr(GBytes) data = NULL;
  g_autoptr(GError) local = NULL;

  if (input == NULL)
    return NULL;

  data = custody_input_read_text (input, MAX_INPUT_BYTES, NULL, &local);
  if (data == NULL)
    {
      g_set_error (error, CUSTODY_PARSE_ERROR, CUSTODY_PARSE_ERROR_INVALID,
                   "%s: %s", g_str_equal (path, "-") ? _("standard input") : path,
                   local->message);
      return NULL;
    }
  /* The bytes end in a NUL that custody_input_read_text () kept. */
  return g_strdup (g_bytes_get_data (data, NULL));
}

/* One item per non-blank line, trimmed (a scanner's CR LF included). */
GStrv
ctl_split_lines (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_strstrip (lines[i]);
      if (lines[i][0] != '\0')
        g_strv_builder_add (builder, lines[i]);
    }
  return g_strv_builder_end (builder);
}

/* "A00001L9-A00120L9": the dash between two halves of equal length. */
gboolean
ctl_split_range (const char  *range,
                 char       **first,
                 char       **last)
{
  gsize len = strlen (range);
  const char *dash = NULL;

  if (len % 2 == 1 && range[len / 2] == '-')
    dash = range + len / 2;
  else
    dash = strchr (range, '-');
  if (dash == NULL || dash == range || dash[1] == '\0')
    return FALSE;

  *first = g_strndup (range, dash - range);
  *last = g_strdup (dash + 1);
  return TRUE;
}

void
ctl_add_strv (JsonBuilder        *b,
              const char         *member,
              const char * const *strv)
{
  json_builder_set_member_name (b, member);
  json_builder_begin_array (b);
  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    json_builder_add_string_value (b, strv[i]);
  json_builder_end_array (b);
}

void
ctl_print_list (const char         *title,
                const char * const *strv)
{
  g_autofree char *joined = g_strjoinv (" ", (char **) strv);

  /* Padded by the cells a terminal gives the title: 二重スキャン takes
   * twelve, not eighteen bytes or six characters. */
  ctl_print_padded (title, 25);
  printf ("%u%s%s\n", g_strv_length ((char **) strv), strv[0] != NULL ? "  " : "", joined);
}

/*
 * media today
 */

static JsonNode *
desk_json (CustodyDesk *desk)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  g_autofree char *date = custody_time_format_date (desk->day);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "date");
  json_builder_add_string_value (b, date);
  for (guint l = 0; l < CUSTODY_N_DESK_LISTS; l++)
    {
      json_builder_set_member_name (b, custody_desk_list_to_string (l));
      json_builder_begin_array (b);
      for (guint i = 0; i < desk->lists[l]->len; i++)
        {
          CustodyDeskItem *item = g_ptr_array_index (desk->lists[l], i);
          g_autofree char *due = custody_time_format_date (item->due);

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "volser");
          json_builder_add_string_value (b, item->volser);
          json_builder_set_member_name (b, "reason");
          json_builder_add_string_value (b, item->reason);
          json_builder_set_member_name (b, "due");
          json_builder_add_string_value (b, due);
          json_builder_set_member_name (b, "type");
          json_builder_add_string_value (b, item->type);
          json_builder_set_member_name (b, "pool");
          if (item->pool != NULL)
            json_builder_add_string_value (b, item->pool);
          else
            json_builder_add_null_value (b);
          json_builder_set_member_name (b, "location");
          if (item->location != NULL)
            json_builder_add_string_value (b, item->location);
          else
            json_builder_add_null_value (b);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
    }
  json_builder_end_object (b);

  return json_builder_get_root (b);
}

int
ctl_media_today (CtlContext  *ctx,
                 int          argc,
                 char       **argv)
{
  g_autoptr(CustodyDesk) desk = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *date = NULL;

  PARSE_OR_RETURN (NULL);
  if (argc > 1)
    return ctl_usage (_("unexpected argument '%s'"), argv[1]);
  OPEN_OR_RETURN (FALSE);

  desk = custody_store_get_desk (ctx->store, &error);
  if (desk == NULL)
    return ctl_fail (g_steal_pointer (&error));

  if (ctx->json)
    {
      ctl_print_json (desk_json (desk));
      return CTL_EXIT_OK;
    }

  date = custody_time_format_text_date (desk->day);
  printf (_("The desk on %s\n"), date);
  for (guint l = 0; l < CUSTODY_N_DESK_LISTS; l++)
    {
      GPtrArray *list = desk->lists[l];

      /* Translators: one of the desk's lists and how many volumes it has */
      printf (_("\n%s (%u)\n"), custody_desk_list_get_label (l), list->len);
      if (list->len == 0)
        {
          printf ("  %s\n", _("nothing"));
          continue;
        }
      {
        g_autoptr(CtlTable) table = ctl_table_new (_("VOLSER"), _("POOL"), _("LOCATION"),
                                                   _("REASON"), NULL);

        for (guint i = 0; i < list->len; i++)
          {
            CustodyDeskItem *item = g_ptr_array_index (list, i);
            ctl_table_add_row (table, item->volser, item->pool != NULL ? item->pool : "-",
                               item->location != NULL ? item->location : "-", item->reason, NULL);
          }
        ctl_table_print (table);
      }
    }

  return CTL_EXIT_OK;
}

/*
 * media scan
 */

static GStrv
expected_volsers (CtlContext       *ctx,
                  CustodyDeskList   list,
                  GError          **error)
{
  g_autoptr(CustodyDesk) desk = custody_store_get_desk (ctx->store, error);

  return desk != NULL ? custody_desk_dup_expected (desk, list) : NULL;
}

int
ctl_media_scan (CtlContext  *ctx,
                int          argc,
                char       **argv)
{
  g_autoptr(CustodyMovement) template = custody_movement_new ();
  g_autoptr(CustodyScanSession) session = NULL;
  g_autoptr(GPtrArray) to_move = g_ptr_array_new ();
  g_autoptr(GArray) serials = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) expected = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) moved = NULL, unexpected = NULL, unknown = NULL, duplicate = NULL;
  g_auto(GStrv) not_scanned = NULL;
  g_autofree char *text = NULL;
  g_autofree char *to = NULL;
  g_autofree char *courier = NULL;
  g_autofree char *container = NULL;
  g_autofree char *seal = NULL;
  g_autofree char *note = NULL;
  g_autofree char *expect = NULL;
  gboolean confirm = FALSE;
  GOptionEntry entries[] = {
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("Where they go"), N_("LOCATION") },
    { "courier", 0, 0, G_OPTION_ARG_STRING, &courier, N_("Who carries them"), N_("NAME") },
    { "container", 0, 0, G_OPTION_ARG_STRING, &container, N_("The case they travel in"), N_("ID") },
    { "seal", 0, 0, G_OPTION_ARG_STRING, &seal, N_("The case's seal number"), N_("ID") },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_("A note"), N_("TEXT") },
    { "expect", 0, 0, G_OPTION_ARG_STRING, &expect,
      N_("The list the scans should match: today-offsite or today-recall"), N_("LIST") },
    { "confirm", 0, 0, G_OPTION_ARG_NONE, &confirm, N_("Move even if it breaks a job's compliance"),
      NULL },
    { NULL }
  };

  PARSE_OR_RETURN (entries);
  if (argc > 1)
    return ctl_usage (_("media scan reads the volumes from standard input, one a line; "
                        "unexpected argument '%s'"),
                      argv[1]);
  if (to == NULL)
    return ctl_usage (_("media scan needs --to"));
  if (expect != NULL && !g_str_equal (expect, "today-offsite") &&
      !g_str_equal (expect, "today-recall"))
    return ctl_usage (_("--expect: '%s' is not one of today-offsite, today-recall"), expect);

  text = ctl_read_text ("-", &error);
  if (text == NULL)
    return ctl_usage ("%s", error->message);
  lines = ctl_split_lines (text);

  OPEN_OR_RETURN (FALSE);

  if (expect != NULL)
    {
      expected = expected_volsers (ctx,
                                   g_str_equal (expect, "today-offsite") ? CUSTODY_DESK_SEND_OFFSITE
                                                                         : CUSTODY_DESK_RECALL,
                                   &error);
      if (expected == NULL)
        return ctl_fail (g_steal_pointer (&error));
    }
  session = custody_scan_session_new ((const char * const *) expected);

  /* Judge each scan; what the store does not know is flagged, not fatal. */
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const CustodyScanEntry *entry = custody_scan_session_add (session, lines[i]);
      g_autoptr(CustodyMedium) medium = NULL;

      if (entry->outcome != CUSTODY_SCAN_PENDING)
        continue;
      medium = custody_store_get_medium (ctx->store, entry->volser, NULL);
      if (medium == NULL)
        {
          custody_scan_session_resolve (session, entry->serial, CUSTODY_SCAN_UNKNOWN, 0, NULL);
          continue;
        }
      g_ptr_array_add (to_move, entry->volser);
      g_array_append_val (serials, entry->serial);
    }

  /* The moves are one transaction: all of them, or none if one breaks a
   * job's compliance without --confirm. */
  if (to_move->len > 0)
    {
      template->to = g_steal_pointer (&to);
      template->courier = g_steal_pointer (&courier);
      template->container = g_steal_pointer (&container);
      template->seal = g_steal_pointer (&seal);
      template->note = g_steal_pointer (&note);
      template->source = g_strdup ("scan");
      g_ptr_array_add (to_move, NULL);
      if (!custody_store_move_media (ctx->store, (const char * const *) to_move->pdata, template,
                                     confirm, &error))
        return ctl_fail (g_steal_pointer (&error));
      for (guint i = 0; i < serials->len; i++)
        custody_scan_session_resolve (session, g_array_index (serials, guint, i),
                                      CUSTODY_SCAN_MOVED, 0, NULL);
    }
  else
    {
      g_autoptr(GError) location_error = NULL;
      g_autoptr(GPtrArray) locations = custody_store_list_locations (ctx->store, &location_error);
      gboolean known = FALSE;

      for (guint i = 0; locations != NULL && i < locations->len; i++)
        known |= g_str_equal (((CustodyLocation *) g_ptr_array_index (locations, i))->name, to);
      if (!known)
        return ctl_usage (_("unknown location '%s'"), to);
    }

  moved = custody_scan_session_dup_volsers (session, CUSTODY_SCAN_MOVED);
  unexpected = custody_scan_session_dup_volsers (session, CUSTODY_SCAN_UNEXPECTED);
  unknown = custody_scan_session_dup_volsers (session, CUSTODY_SCAN_UNKNOWN);
  duplicate = custody_scan_session_dup_volsers (session, CUSTODY_SCAN_DUPLICATE);
  not_scanned = custody_scan_session_dup_not_scanned (session);

  if (ctx->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(GStrvBuilder) all = g_strv_builder_new ();
      g_auto(GStrv) all_moved = NULL;

      g_strv_builder_addv (all, (const char **) moved);
      g_strv_builder_addv (all, (const char **) unexpected);
      all_moved = g_strv_builder_end (all);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "to");
      json_builder_add_string_value (b, template->to != NULL ? template->to : to);
      ctl_add_strv (b, "moved", (const char * const *) all_moved);
      ctl_add_strv (b, "unexpected", (const char * const *) unexpected);
      ctl_add_strv (b, "unknown", (const char * const *) unknown);
      ctl_add_strv (b, "duplicate", (const char * const *) duplicate);
      ctl_add_strv (b, "expected_not_scanned", (const char * const *) not_scanned);
      json_builder_end_object (b);
      ctl_print_json (json_builder_get_root (b));
    }
  else
    {
      ctl_print_list (_("Moved:"), (const char * const *) moved);
      ctl_print_list (_("Moved, not on the list:"), (const char * const *) unexpected);
      ctl_print_list (_("Unknown:"), (const char * const *) unknown);
      ctl_print_list (_("Scanned twice:"), (const char * const *) duplicate);
      if (expected != NULL)
        ctl_print_list (_("Expected, not scanned:"), (const char * const *) not_scanned);
    }

  return CTL_EXIT_OK;
}

/*
 * import mtx
 */

int
ctl_import_mtx (CtlContext  *ctx,
                int          argc,
                char       **argv)
{
  g_autoptr(GInputStream) input = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *library = NULL;
  CustodyImportStats stats = { 0, };
  guint untagged = 0;
  GOptionEntry entries[] = {
    { "library", 0, 0, G_OPTION_ARG_STRING, &library, N_("The library it describes"),
      N_("LOCATION") },
    { NULL }
  };

  PARSE_OR_RETURN (entries);
  if (argc != 2)
    return ctl_usage (argc < 2 ? _("missing the file to import (or - for standard input)")
                               : _("import takes one file"));
  if (library == NULL)
    return ctl_usage (_("import mtx needs --library"));
  OPEN_OR_RETURN (FALSE);

  input = ctl_open_input (argv[1], &error);
  if (input == NULL)
    return ctl_usage ("%s", error->message);

  if (!custody_store_import_mtx (ctx->store, input, library, &stats, &untagged, NULL, &error))
    return ctl_fail (g_steal_pointer (&error));

  if (ctx->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "added");
      json_builder_add_int_value (b, (gint64) stats.added);
      json_builder_set_member_name (b, "updated");
      json_builder_add_int_value (b, (gint64) stats.updated);
      json_builder_set_member_name (b, "unchanged");
      json_builder_add_int_value (b, (gint64) stats.unchanged);
      json_builder_set_member_name (b, "untagged");
      json_builder_add_int_value (b, untagged);
      json_builder_end_object (b);
      ctl_print_json (json_builder_get_root (b));
    }
  else
    {
      g_autofree char *added = g_strdup_printf ("%" G_GUINT64_FORMAT, stats.added);
      g_autofree char *updated = g_strdup_printf ("%" G_GUINT64_FORMAT, stats.updated);
      g_autofree char *unchanged = g_strdup_printf ("%" G_GUINT64_FORMAT, stats.unchanged);

      printf (_("Added %s, updated %s, unchanged %s.\n"), added, updated, unchanged);
      if (untagged > 0)
        printf (g_dngettext (GETTEXT_PACKAGE, "%u cartridge has no readable label.\n",
                             "%u cartridges have no readable label.\n", untagged), untagged);
    }

  return CTL_EXIT_OK;
}

/*
 * Pools
 */

typedef struct
{
  char     *name;
  char     *scheme;
  char     *media_type;
  int       daily, weekly, monthly, yearly, weeks, recall_days;
  char     *full_day;
  char     *offsite_after;
  gboolean  keep;
} PoolOptions;

static void
pool_options_clear (PoolOptions *o)
{
  g_free (o->name);
  g_free (o->scheme);
  g_free (o->media_type);
  g_free (o->full_day);
  g_free (o->offsite_after);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PoolOptions, pool_options_clear)

/* Applies the options given over @pool's policy. */
static gboolean
apply_pool_options (PoolOptions  *o,
                    CustodyPool  *pool,
                    gboolean      scheme_changed,
                    int          *exit_code)
{
  CustodyRotationPolicy *p = &pool->policy;

  if (o->scheme != NULL)
    {
      CustodyRotationScheme scheme;

      if (!custody_rotation_scheme_from_string (o->scheme, &scheme))
        {
          *exit_code = ctl_usage (_("--scheme: '%s' is not one of gfs, cycle, none"), o->scheme);
          return FALSE;
        }
      if (scheme_changed)
        custody_rotation_policy_init (p, scheme);
      p->scheme = scheme;
    }
  if (o->media_type != NULL)
    {
      g_free (pool->media_type);
      pool->media_type = g_strdup (o->media_type);
    }
#define SET_COUNT(field, option, name)                                             \
  if (option >= 0)                                                                 \
    p->field = option;                                                             \
  else if (option != -1)                                                           \
    {                                                                              \
      *exit_code = ctl_usage (_("--%s cannot be negative"), name);                 \
      return FALSE;                                                                \
    }
  SET_COUNT (keep_daily, o->daily, "daily");
  SET_COUNT (keep_weekly, o->weekly, "weekly");
  SET_COUNT (keep_monthly, o->monthly, "monthly");
  SET_COUNT (keep_yearly, o->yearly, "yearly");
  SET_COUNT (cycle_weeks, o->weeks, "weeks");
  SET_COUNT (recall_days, o->recall_days, "recall-days");
#undef SET_COUNT
  if (o->full_day != NULL && !custody_weekday_from_string (o->full_day, &p->full_day))
    {
      *exit_code = ctl_usage (_("--full-day: '%s' is not a day of the week"), o->full_day);
      return FALSE;
    }
  if (o->offsite_after != NULL)
    {
      guint64 days;

      if (g_str_equal (o->offsite_after, "never"))
        p->offsite_after_days = -1;
      else if (g_ascii_string_to_unsigned (o->offsite_after, 10, 0, 366, &days, NULL))
        p->offsite_after_days = (int) days;
      else
        {
          *exit_code = ctl_usage (_("--offsite-after: '%s' is not a number of days "
                                    "(0 to 366) or never"),
                                  o->offsite_after);
          return FALSE;
        }
    }
  if (o->keep)
    p->return_to_scratch = FALSE;

  return TRUE;
}

static JsonNode *
pool_json (CustodyPool *pool)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  const CustodyRotationPolicy *p = &pool->policy;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, pool->name);
  json_builder_set_member_name (b, "media_type");
  json_builder_add_string_value (b, pool->media_type);
  json_builder_set_member_name (b, "scheme");
  json_builder_add_string_value (b, custody_rotation_scheme_to_string (p->scheme));
  json_builder_set_member_name (b, "volumes");
  json_builder_add_int_value (b, pool->n_media);
  json_builder_set_member_name (b, "rotation");
  json_builder_add_value (b, custody_json_rotation (p));
  json_builder_end_object (b);

  return json_builder_get_root (b);
}

static int
pool_write (CtlContext  *ctx,
            int          argc,
            char       **argv,
            gboolean     add)
{
  g_autoptr(CustodyPool) pool = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(PoolOptions) o = { NULL, NULL, NULL, -1, -1, -1, -1, -1, -1, NULL, NULL, FALSE };
  int exit_code;
  GOptionEntry entries[] = {
    { "scheme", 0, 0, G_OPTION_ARG_STRING, &o.scheme, N_("gfs, cycle or none"), N_("SCHEME") },
    { "media-type", 0, 0, G_OPTION_ARG_STRING, &o.media_type, N_("The type of its volumes"),
      N_("TYPE") },
    { "daily", 0, 0, G_OPTION_ARG_INT, &o.daily, N_("GFS: keep dailies N days"), N_("N") },
    { "weekly", 0, 0, G_OPTION_ARG_INT, &o.weekly, N_("GFS: keep weeklies N weeks"), N_("N") },
    { "monthly", 0, 0, G_OPTION_ARG_INT, &o.monthly, N_("GFS: keep monthlies N months"), N_("N") },
    { "yearly", 0, 0, G_OPTION_ARG_INT, &o.yearly, N_("GFS: keep yearlies N years (0: none)"),
      N_("N") },
    { "full-day", 0, 0, G_OPTION_ARG_STRING, &o.full_day, N_("GFS: the day of the weekly full"),
      N_("DAY") },
    { "weeks", 0, 0, G_OPTION_ARG_INT, &o.weeks, N_("Cycle: a volume comes round after N weeks"),
      N_("N") },
    { "offsite-after", 0, 0, G_OPTION_ARG_STRING, &o.offsite_after,
      N_("Days from writing to going off site, or never"), N_("DAYS") },
    { "recall-days", 0, 0, G_OPTION_ARG_INT, &o.recall_days,
      N_("Recall from the vault N days before reuse"), N_("N") },
    { "keep-after-retention", 0, 0, G_OPTION_ARG_NONE, &o.keep,
      N_("Do not return volumes to scratch when retention ends"), NULL },
    { add ? NULL : "name", 0, 0, G_OPTION_ARG_STRING, &o.name, N_("A new name"), N_("NAME") },
    { NULL }
  };

  PARSE_OR_RETURN (entries);
  if (argc != 2)
    return ctl_usage (argc < 2 ? _("missing the pool's name") : _("give one pool"));
  if (add && o.scheme == NULL)
    return ctl_usage (_("pool add needs --scheme gfs|cycle|none"));
  OPEN_OR_RETURN (FALSE);

  if (add)
    pool = custody_pool_new (argv[1]);
  else
    {
      g_autoptr(GPtrArray) pools = custody_store_list_pools (ctx->store, &error);

      if (pools == NULL)
        return ctl_fail (g_steal_pointer (&error));
      for (guint i = 0; i < pools->len; i++)
        if (g_str_equal (((CustodyPool *) g_ptr_array_index (pools, i))->name, argv[1]))
          pool = g_object_ref (g_ptr_array_index (pools, i));
      if (pool == NULL)
        return ctl_usage (_("unknown pool '%s'"), argv[1]);
    }

  if (!apply_pool_options (&o, pool,
                           add || (o.scheme != NULL &&
                                   !g_str_equal (o.scheme, custody_rotation_scheme_to_string (
                                                             pool->policy.scheme))),
                           &exit_code))
    return exit_code;
  if (o.name != NULL)
    {
      g_free (pool->name);
      pool->name = g_strdup (o.name);
    }

  if (add ? !custody_store_add_pool (ctx->store, pool, &error)
          : !custody_store_update_pool (ctx->store, argv[1], pool, &error))
    return ctl_fail (g_steal_pointer (&error));

  if (ctx->json)
    ctl_print_json (pool_json (pool));
  else
    {
      g_autofree char *description = custody_rotation_policy_describe (&pool->policy);
      printf (add ? _("Added pool %s: %s.\n") : _("Changed pool %s: %s.\n"), pool->name,
              description);
    }

  return CTL_EXIT_OK;
}

int
ctl_pool_add (CtlContext  *ctx,
              int          argc,
              char       **argv)
{
  return pool_write (ctx, argc, argv, TRUE);
}

int
ctl_pool_edit (CtlContext  *ctx,
               int          argc,
               char       **argv)
{
  return pool_write (ctx, argc, argv, FALSE);
}

int
ctl_pool_list (CtlContext  *ctx,
               int          argc,
               char       **argv)
{
  g_autoptr(GPtrArray) pools = NULL;
  g_autoptr(GError) error = NULL;

  PARSE_OR_RETURN (NULL);
  if (argc > 1)
    return ctl_usage (_("unexpected argument '%s'"), argv[1]);
  OPEN_OR_RETURN (FALSE);

  pools = custody_store_list_pools (ctx->store, &error);
  if (pools == NULL)
    return ctl_fail (g_steal_pointer (&error));

  if (ctx->json)
    {
      g_autoptr(JsonArray) array = json_array_new ();
      JsonNode *node = json_node_new (JSON_NODE_ARRAY);

      for (guint i = 0; i < pools->len; i++)
        json_array_add_element (array, pool_json (g_ptr_array_index (pools, i)));
      json_node_set_array (node, array);
      ctl_print_json (node);
    }
  else
    {
      g_autoptr(CtlTable) table = ctl_table_new (_("POOL"), _("TYPE"), _("VOLUMES"), _("ROTATION"),
                                                 NULL);

      for (guint i = 0; i < pools->len; i++)
        {
          CustodyPool *pool = g_ptr_array_index (pools, i);
          g_autofree char *count = g_strdup_printf ("%" G_GINT64_FORMAT, pool->n_media);
          g_autofree char *rotation = custody_rotation_policy_describe (&pool->policy);

          ctl_table_add_row (table, pool->name,
                             pool->media_type[0] != '\0' ? pool->media_type : "-",
                             count, rotation, NULL);
        }
      ctl_table_print (table);
    }

  return CTL_EXIT_OK;
}

/*
 * media edit, retire, scratch
 */

static int
change_medium (CtlContext          *ctx,
               const char          *volser,
               CustodyMedium       *changes,
               gboolean             confirm)
{
  g_autoptr(CustodyMedium) after = NULL;
  g_autoptr(GError) error = NULL;

  if (!custody_store_update_medium (ctx->store, volser, changes, confirm, &error))
    return ctl_fail (g_steal_pointer (&error));
  after = custody_store_get_medium (ctx->store, volser, &error);
  if (after == NULL)
    return ctl_fail (g_steal_pointer (&error));

  if (ctx->json)
    ctl_print_json (custody_json_medium (after, NULL));
  else
    /* Translators: "Volume A00001L9: Retired." */
    printf (_("Volume %s: %s.\n"), after->volser, custody_medium_status_get_label (after->status));
  return CTL_EXIT_OK;
}

int
ctl_media_edit (CtlContext  *ctx,
                int          argc,
                char       **argv)
{
  g_autoptr(CustodyMedium) changes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *type = NULL, *pool = NULL, *status = NULL, *retention = NULL, *note = NULL;
  gint64 capacity = -1;
  gboolean worm = FALSE, no_worm = FALSE, no_pool = FALSE, confirm = FALSE;
  int exit_code;
  GOptionEntry entries[] = {
    { "type", 0, 0, G_OPTION_ARG_STRING, &type, N_("LTO-9, RDX, USB-HDD..."), N_("TYPE") },
    { "pool", 0, 0, G_OPTION_ARG_STRING, &pool, N_("Its pool"), N_("NAME") },
    { "no-pool", 0, 0, G_OPTION_ARG_NONE, &no_pool, N_("Take it out of its pool"), NULL },
    { "status", 0, 0, G_OPTION_ARG_STRING, &status, N_("scratch, in-use, full, retired or error"),
      N_("STATUS") },
    { "retention-until", 0, 0, G_OPTION_ARG_STRING, &retention,
      N_("Keep its data until (none: not set)"), N_("TIME") },
    { "capacity", 0, 0, G_OPTION_ARG_INT64, &capacity, N_("Its capacity in bytes"), N_("BYTES") },
    { "worm", 0, 0, G_OPTION_ARG_NONE, &worm, N_("Write once, read many"), NULL },
    { "no-worm", 0, 0, G_OPTION_ARG_NONE, &no_worm, N_("Not WORM"), NULL },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_("A note"), N_("TEXT") },
    { "confirm", 0, 0, G_OPTION_ARG_NONE, &confirm,
      N_("Change it even if it breaks a job's compliance"), NULL },
    { NULL }
  };

  PARSE_OR_RETURN (entries);
  if (argc != 2)
    return ctl_usage (argc < 2 ? _("missing the volume's label")
                      : _("media edit takes one volume"));
  OPEN_OR_RETURN (FALSE);

  changes = custody_store_get_medium (ctx->store, argv[1], &error);
  if (changes == NULL)
    return ctl_fail (g_steal_pointer (&error));

  if (type != NULL)
    {
      g_free (changes->type);
      changes->type = g_steal_pointer (&type);
    }
  if (pool != NULL || no_pool)
    {
      g_free (changes->pool);
      changes->pool = no_pool ? NULL : g_steal_pointer (&pool);
    }
  if (status != NULL && !custody_medium_status_from_string (status, &changes->status))
    {
      g_autofree char *keys = custody_medium_status_list_keys ();
      return ctl_usage (_("--status: '%s' is not one of %s"), status, keys);
    }
  if (retention != NULL)
    {
      if (g_str_equal (retention, "none"))
        changes->retention_until = CUSTODY_TIME_NONE;
      else if (!ctl_parse_time_option ("retention-until", retention, &changes->retention_until,
                                       &exit_code))
        return exit_code;
    }
  if (capacity >= 0)
    changes->capacity_bytes = capacity;
  else if (capacity != -1)
    return ctl_usage (_("--capacity cannot be negative"));
  if (worm || no_worm)
    changes->worm = worm;
  if (note != NULL)
    {
      g_free (changes->note);
      changes->note = g_steal_pointer (&note);
    }

  return change_medium (ctx, argv[1], changes, confirm);
}

static int
release_medium (CtlContext           *ctx,
                int                   argc,
                char                **argv,
                CustodyMediumStatus   status)
{
  g_autoptr(CustodyMedium) changes = NULL;
  g_autoptr(GError) error = NULL;
  gboolean confirm = FALSE;
  GOptionEntry entries[] = {
    { "confirm", 0, 0, G_OPTION_ARG_NONE, &confirm,
      N_("Go ahead even if it breaks a job's compliance"), NULL },
    { NULL }
  };

  PARSE_OR_RETURN (entries);
  if (argc != 2)
    return ctl_usage (argc < 2 ? _("missing the volume's label") : _("give one volume"));
  OPEN_OR_RETURN (FALSE);

  changes = custody_store_get_medium (ctx->store, argv[1], &error);
  if (changes == NULL)
    return ctl_fail (g_steal_pointer (&error));
  changes->status = status;
  if (status == CUSTODY_MEDIUM_SCRATCH)
    changes->retention_until = CUSTODY_TIME_NONE;

  return change_medium (ctx, argv[1], changes, confirm);
}

int
ctl_media_retire (CtlContext  *ctx,
                  int          argc,
                  char       **argv)
{
  return release_medium (ctx, argc, argv, CUSTODY_MEDIUM_RETIRED);
}

int
ctl_media_scratch (CtlContext  *ctx,
                   int          argc,
                   char       **argv)
{
  return release_medium (ctx, argc, argv, CUSTODY_MEDIUM_SCRATCH);
}
