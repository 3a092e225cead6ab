/* custodyctl-media.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custodyctl"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "custody-time.h"
#include "custodyctl-context.h"

/* Commands about volumes and their movements. */

int
ctl_media_add (CtlContext  *ctx,
               int          argc,
               char       **argv)
{
  g_autoptr(CustodyMedium) medium = custody_medium_new ();
  g_autoptr(CustodyMedium) added = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *type = NULL;
  g_autofree char *pool = NULL;
  g_autofree char *location = NULL;
  g_autofree char *retention = NULL;
  g_autofree char *range = NULL;
  gboolean worm = FALSE;
  int exit_code;
  GOptionEntry entries[] = {
    { "range", 0, 0, G_OPTION_ARG_STRING, &range, N_("Every volume from FIRST to LAST"),
      N_("FIRST-LAST") },
    { "type", 0, 0, G_OPTION_ARG_STRING, &type, N_("LTO-9, RDX, USB-HDD..."), N_("TYPE") },
    { "pool", 0, 0, G_OPTION_ARG_STRING, &pool, N_("Its pool"), N_("NAME") },
    { "location", 0, 0, G_OPTION_ARG_STRING, &location, N_("Where it is now"), N_("NAME") },
    { "retention-until", 0, 0, G_OPTION_ARG_STRING, &retention, N_("Keep its data until"),
      N_("TIME") },
    { "worm", 0, 0, G_OPTION_ARG_NONE, &worm, N_("Write once, read many"), NULL },
    { NULL }
  };

  PARSE_OR_RETURN (entries);
  if (range != NULL ? argc != 1 : argc != 2)
    return ctl_usage (argc < 2 && range == NULL ? _("missing the volume's label")
                                                : _("media add takes one volume, or --range"));
  if (type == NULL)
    return ctl_usage (_("media add needs --type"));
  if (retention != NULL &&
      !ctl_parse_time_option ("retention-until", retention, &medium->retention_until, &exit_code))
    return exit_code;

  if (range != NULL)
    {
      g_autofree char *first = NULL, *last = NULL;
      const char *dash = strlen (range) % 2 == 1 && range[strlen (range) / 2] == '-'
                         ? range + strlen (range) / 2 : strchr (range, '-');
      guint n_added = 0;

      if (dash == NULL || dash == range || dash[1] == '\0')
        return ctl_usage (_("--range: '%s' is not FIRST-LAST"), range);
      first = g_strndup (range, dash - range);
      last = g_strdup (dash + 1);
      medium->type = g_steal_pointer (&type);
      medium->pool = g_steal_pointer (&pool);
      medium->worm = worm;

      OPEN_OR_RETURN (FALSE);
      if (!custody_store_add_media_range (ctx->store, first, last, medium, location, &n_added,
                                          &error))
        return ctl_fail (g_steal_pointer (&error));
      if (ctx->json)
        {
          g_autoptr(JsonBuilder) b = json_builder_new ();

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "added");
          json_builder_add_int_value (b, n_added);
          json_builder_end_object (b);
          ctl_print_json (json_builder_get_root (b));
        }
      else
        printf (g_dngettext (GETTEXT_PACKAGE, "Added %u volume.\n", "Added %u volumes.\n", n_added),
                n_added);
      return CTL_EXIT_OK;
    }

  medium->volser = g_strdup (argv[1]);
  medium->type = g_steal_pointer (&type);
  medium->pool = g_steal_pointer (&pool);
  medium->worm = worm;

  OPEN_OR_RETURN (FALSE);
  if (!custody_store_add_medium (ctx->store, medium, location, &error))
    return ctl_fail (g_steal_pointer (&error));

  added = custody_store_get_medium (ctx->store, argv[1], &error);
  if (added == NULL)
    return ctl_fail (g_steal_pointer (&error));

  if (ctx->json)
    ctl_print_json (custody_json_medium (added, NULL));
  else
    printf (_("Added volume %s.\n"), added->volser);

  return CTL_EXIT_OK;
}

int
ctl_media_move (CtlContext  *ctx,
                int          argc,
                char       **argv)
{
  g_autoptr(CustodyMovement) mv = custody_movement_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *to = NULL;
  g_autofree char *courier = NULL;
  g_autofree char *container = NULL;
  g_autofree char *seal = NULL;
  g_autofree char *note = NULL;
  gboolean confirm = FALSE;
  GOptionEntry entries[] = {
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("Where they go"), N_("LOCATION") },
    { "courier", 0, 0, G_OPTION_ARG_STRING, &courier, N_("Who carries them"), N_("NAME") },
    { "container", 0, 0, G_OPTION_ARG_STRING, &container, N_("The case they travel in"), N_("ID") },
    { "seal", 0, 0, G_OPTION_ARG_STRING, &seal, N_("The case's seal number"), N_("ID") },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_("A note"), N_("TEXT") },
    { "confirm", 0, 0, G_OPTION_ARG_NONE, &confirm, N_("Move even if it breaks a job's compliance"),
      NULL },
    { NULL }
  };

  PARSE_OR_RETURN (entries);
  if (argc < 2)
    return ctl_usage (_("missing the volumes to move"));
  if (to == NULL)
    return ctl_usage (_("media move needs --to"));

  mv->to = g_steal_pointer (&to);
  mv->courier = g_steal_pointer (&courier);
  mv->container = g_steal_pointer (&container);
  mv->seal = g_steal_pointer (&seal);
  mv->note = g_steal_pointer (&note);

  OPEN_OR_RETURN (FALSE);
  if (!custody_store_move_media (ctx->store, (const char * const *) argv + 1, mv, confirm, &error))
    return ctl_fail (g_steal_pointer (&error));

  if (ctx->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "moved");
      json_builder_begin_array (b);
      for (int i = 1; i < argc; i++)
        json_builder_add_string_value (b, argv[i]);
      json_builder_end_array (b);
      json_builder_set_member_name (b, "to");
      json_builder_add_string_value (b, mv->to);
      json_builder_end_object (b);
      ctl_print_json (json_builder_get_root (b));
    }
  else
    printf (g_dngettext (GETTEXT_PACKAGE, "Moved %d volume to %s.\n", "Moved %d volumes to %s.\n",
                         argc - 1), argc - 1, mv->to);

  return CTL_EXIT_OK;
}

int
ctl_media_list (CtlContext  *ctx,
                int          argc,
                char       **argv)
{
  g_autoptr(GPtrArray) media = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *location = NULL;
  g_autofree char *pool = NULL;
  GOptionEntry entries[] = {
    { "location", 0, 0, G_OPTION_ARG_STRING, &location, N_("Only volumes at this location"),
      N_("NAME") },
    { "pool", 0, 0, G_OPTION_ARG_STRING, &pool, N_("Only volumes of this pool"), N_("NAME") },
    { NULL }
  };

  PARSE_OR_RETURN (entries);
  if (argc > 1)
    return ctl_usage (_("unexpected argument '%s'"), argv[1]);
  OPEN_OR_RETURN (FALSE);

  media = custody_store_list_media (ctx->store, location, pool, &error);
  if (media == NULL)
    return ctl_fail (g_steal_pointer (&error));

  if (ctx->json)
    {
      g_autoptr(JsonArray) array = json_array_new ();
      JsonNode *node = json_node_new (JSON_NODE_ARRAY);

      for (guint i = 0; i < media->len; i++)
        json_array_add_element (array, custody_json_medium (g_ptr_array_index (media, i), NULL));
      json_node_set_array (node, array);
      ctl_print_json (node);
    }
  else
    {
      g_autoptr(CtlTable) table = ctl_table_new (_("VOLSER"), _("TYPE"), _("POOL"), _("STATUS"),
                                                 _("LOCATION"), _("RETENTION UNTIL"), _("WORM"),
                                                 NULL);

      for (guint i = 0; i < media->len; i++)
        {
          CustodyMedium *m = g_ptr_array_index (media, i);
          g_autofree char *retention = custody_time_format_text (m->retention_until);

          ctl_table_add_row (table, m->volser, m->type, m->pool != NULL ? m->pool : "-",
                             custody_medium_status_get_text_label (m->status),
                             m->location != NULL ? m->location : "-",
                             retention != NULL ? retention : "-", m->worm ? _("yes") : _("no"),
                             NULL);
        }
      ctl_table_print (table);
    }

  return CTL_EXIT_OK;
}

int
ctl_media_show (CtlContext  *ctx,
                int          argc,
                char       **argv)
{
  g_autoptr(CustodyMedium) medium = NULL;
  g_autoptr(GPtrArray) movements = NULL;
  g_autoptr(GError) error = NULL;

  PARSE_OR_RETURN (NULL);
  if (argc != 2)
    return ctl_usage (argc < 2 ? _("missing the volume's label")
                      : _("media show takes one volume"));
  OPEN_OR_RETURN (FALSE);

  medium = custody_store_get_medium (ctx->store, argv[1], &error);
  if (medium == NULL)
    return ctl_fail (g_steal_pointer (&error));
  movements = custody_store_list_movements (ctx->store, argv[1], &error);
  if (movements == NULL)
    return ctl_fail (g_steal_pointer (&error));

  if (ctx->json)
    ctl_print_json (custody_json_medium (medium, movements));
  else
    {
      g_autoptr(CtlTable) info = ctl_table_new (_("Volume"), medium->volser, NULL);
      g_autoptr(CtlTable) table = ctl_table_new (_("AT"), _("FROM"), _("TO"), _("BY"), _("COURIER"),
                                                 _("CONTAINER"), _("SEAL"), _("NOTE"), NULL);
      g_autofree char *retention = custody_time_format_text (medium->retention_until);

      ctl_table_add_row (info, _("Type"), medium->type, NULL);
      ctl_table_add_row (info, _("Pool"), medium->pool != NULL ? medium->pool : "-", NULL);
      ctl_table_add_row (info, _("Status"), custody_medium_status_get_text_label (medium->status),
                         NULL);
      ctl_table_add_row (info, _("Location"), medium->location != NULL ? medium->location : "-",
                         NULL);
      if (medium->slot[0] != '\0')
        ctl_table_add_row (info, _("Slot"), medium->slot, NULL);
      ctl_table_add_row (info, _("Retention until"), retention != NULL ? retention : "-", NULL);
      ctl_table_add_row (info, _("WORM"), medium->worm ? _("yes") : _("no"), NULL);
      ctl_table_print (info);
      printf ("\n");

      for (guint i = 0; i < movements->len; i++)
        {
          CustodyMovement *mv = g_ptr_array_index (movements, i);
          g_autofree char *at = custody_time_format_text (mv->at);

          ctl_table_add_row (table, at, mv->from != NULL ? mv->from : "-", mv->to, mv->by,
                             mv->courier, mv->container, mv->seal, mv->note, NULL);
        }
      ctl_table_print (table);
    }

  return CTL_EXIT_OK;
}
