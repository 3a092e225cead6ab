/* custodyctl-alerts.c
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

/* The alerts, in the words the app shows, and acknowledging them. */

static gboolean
is_job_alert (const CustodyAlert *alert)
{
  return g_str_equal (alert->kind, "violation") || g_str_equal (alert->kind, "failed-run") ||
         g_str_equal (alert->kind, "verification-overdue") ||
         g_str_equal (alert->kind, "observed-break");
}

/* Who acknowledges: the real name, or the login when there is none, as
 * the app records it. */
static char *
dup_acknowledger (void)
{
  const char *real_name = g_get_real_name ();

  if (real_name == NULL || real_name[0] == '\0' || g_str_equal (real_name, "Unknown"))
    return g_strdup (g_get_user_name ());
  return g_strdup (real_name);
}

static JsonNode *
alert_json (const CustodyAlert *alert)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_int_value (b, alert->id);
  json_builder_set_member_name (b, "job");
  if (is_job_alert (alert))
    json_builder_add_string_value (b, alert->subject);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "subject");
  json_builder_add_string_value (b, alert->subject);
  json_builder_set_member_name (b, "kind");
  json_builder_add_string_value (b, alert->kind);
  json_builder_set_member_name (b, "severity");
  json_builder_add_string_value (b, custody_severity_to_string (alert->severity));
  json_builder_set_member_name (b, "message");
  json_builder_add_string_value (b, alert->message);
  custody_json_add_time (b, "raised_at", alert->raised_at);
  custody_json_add_time (b, "resolved_at", alert->resolved_at);
  json_builder_set_member_name (b, "acknowledged_by");
  if (alert->acknowledged_by != NULL)
    json_builder_add_string_value (b, alert->acknowledged_by);
  else
    json_builder_add_null_value (b);
  custody_json_add_time (b, "acknowledged_at", alert->acknowledged_at);
  json_builder_set_member_name (b, "acknowledged_note");
  if (alert->acknowledged_note != NULL)
    json_builder_add_string_value (b, alert->acknowledged_note);
  else
    json_builder_add_null_value (b);
  json_builder_end_object (b);

  return json_builder_get_root (b);
}

/* "Acknowledged by Aiko Tanaka at 2026-12-01T09:00:00Z: on it". */
static char *
acknowledged_text (const CustodyAlert *alert)
{
  g_autofree char *at = NULL;

  if (alert->acknowledged_by == NULL)
    return g_strdup ("-");
  at = custody_time_format_text (alert->acknowledged_at);
  if (alert->acknowledged_note != NULL)
    /* Translators: "Aiko Tanaka, 2026-12-01T09:00:00Z: moving the tape today" */
    return g_strdup_printf (_("%s, %s: %s"), alert->acknowledged_by, at, alert->acknowledged_note);
  /* Translators: "Aiko Tanaka, 2026-12-01T09:00:00Z" */
  return g_strdup_printf (_("%s, %s"), alert->acknowledged_by, at);
}

int
ctl_alert_list (CtlContext  *ctx,
                int          argc,
                char       **argv)
{
  g_autoptr(GPtrArray) alerts = NULL;
  g_autoptr(GError) error = NULL;
  gboolean all = FALSE;
  GOptionEntry entries[] = {
    { "all", 0, 0, G_OPTION_ARG_NONE, &all, N_("Resolved alerts too, not only open ones"), NULL },
    { NULL }
  };

  PARSE_OR_RETURN (entries);
  if (argc > 1)
    return ctl_usage (_("unexpected argument '%s'"), argv[1]);
  OPEN_OR_RETURN (FALSE);

  alerts = custody_store_list_alerts (ctx->store, all, &error);
  if (alerts == NULL)
    return ctl_fail (g_steal_pointer (&error));

  if (ctx->json)
    {
      g_autoptr(JsonArray) array = json_array_new ();
      JsonNode *node = json_node_new (JSON_NODE_ARRAY);

      for (guint i = 0; i < alerts->len; i++)
        json_array_add_element (array, alert_json (g_ptr_array_index (alerts, i)));
      json_node_set_array (node, array);
      ctl_print_json (node);
    }
  else
    {
      g_autoptr(CtlTable) table = NULL;

      if (all)
        table = ctl_table_new (_("ID"), _("SEVERITY"), _("RAISED"), _("RESOLVED"), _("SUBJECT"),
                               _("MESSAGE"), _("ACKNOWLEDGED"), NULL);
      else
        table = ctl_table_new (_("ID"), _("SEVERITY"), _("RAISED"), _("SUBJECT"), _("MESSAGE"),
                               _("ACKNOWLEDGED"), NULL);

      for (guint i = 0; i < alerts->len; i++)
        {
          CustodyAlert *a = g_ptr_array_index (alerts, i);
          g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, a->id);
          g_autofree char *raised = custody_time_format_text (a->raised_at);
          g_autofree char *resolved = custody_time_format_text (a->resolved_at);
          g_autofree char *acknowledged = acknowledged_text (a);
          const char *severity = custody_severity_get_label (a->severity);

          if (all)
            ctl_table_add_row (table, id, severity, raised, resolved != NULL ? resolved : "-",
                               a->subject, a->message, acknowledged, NULL);
          else
            ctl_table_add_row (table, id, severity, raised, a->subject, a->message, acknowledged,
                               NULL);
        }
      ctl_table_print (table);
    }

  return CTL_EXIT_OK;
}

int
ctl_alert_ack (CtlContext  *ctx,
               int          argc,
               char       **argv)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) newly = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  g_autofree char *note = NULL;
  g_autofree char *by = NULL;
  int count;
  GOptionEntry entries[] = {
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_("Why, kept with the acknowledgement"),
      N_("TEXT") },
    { NULL }
  };

  PARSE_OR_RETURN (entries);
  if (argc < 2)
    return ctl_usage (_("missing the alerts to acknowledge"));

  /* Every id is read before anything is written: all or nothing. */
  for (int i = 1; i < argc; i++)
    {
      guint64 value;

      if (!g_ascii_string_to_unsigned (argv[i], 10, 1, G_MAXINT64, &value, NULL))
        return ctl_usage (_("'%s' is not an alert id (see custodyctl alert list)"), argv[i]);
      g_array_append_val (ids, value);
    }

  OPEN_OR_RETURN (FALSE);
  by = dup_acknowledger ();
  count = custody_store_acknowledge_alerts (ctx->store, ids, by, note, newly, &error);
  if (count < 0)
    return ctl_fail (g_steal_pointer (&error));

  if (ctx->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "acknowledged");
      json_builder_begin_array (b);
      for (guint i = 0; i < newly->len; i++)
        json_builder_add_int_value (b, g_array_index (newly, gint64, i));
      json_builder_end_array (b);
      json_builder_set_member_name (b, "already");
      json_builder_add_int_value (b, (gint64) ids->len - count);
      json_builder_set_member_name (b, "by");
      json_builder_add_string_value (b, by);
      json_builder_end_object (b);
      ctl_print_json (json_builder_get_root (b));
    }
  else
    {
      printf (g_dngettext (GETTEXT_PACKAGE, "Acknowledged %d alert.\n",
                           "Acknowledged %d alerts.\n", count), count);
      if ((guint) count < ids->len)
        printf (g_dngettext (GETTEXT_PACKAGE, "%u was acknowledged already.\n",
                             "%u were acknowledged already.\n", ids->len - (guint) count),
                ids->len - (guint) count);
    }

  return CTL_EXIT_OK;
}
