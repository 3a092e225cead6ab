/* custodyctl-jobs.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custodyctl"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "custody-text.h"
#include "custody-time.h"
#include "custody-volser.h"
#include "custodyctl-context.h"

/* Commands about jobs, copies, runs, verifications, the policy and the
 * compliance check. */

#define ARGS_OR_RETURN(n, what)                                            \
  G_STMT_START {                                                           \
    if (argc - 1 < (n))                                                    \
      return ctl_usage (_("missing %s"), (what));                          \
    if (argc - 1 > (n))                                                    \
      return ctl_usage (_("unexpected argument '%s'"), argv[(n) + 1]);     \
  } G_STMT_END

static char *
yes_no (gboolean value)
{
  return g_strdup (value ? _("yes") : _("no"));
}

/* A job's copies as `job show` and `copy list` print them. */
static void
print_copies (GPtrArray *copies)
{
  g_autoptr(CtlTable) table = ctl_table_new (_("COPY"), _("MEDIA"), _("LOCATION"),
                                             _("IMMUTABLE"), _("AIR-GAPPED"), NULL);

  for (guint i = 0; i < copies->len; i++)
    {
      CustodyCopy *c = g_ptr_array_index (copies, i);
      g_autofree char *immutable = yes_no (c->immutable);
      g_autofree char *air_gapped = yes_no (c->air_gapped);

      ctl_table_add_row (table, c->name, custody_media_type_get_text_label (c->media_type),
                         c->location != NULL ? c->location : "-", immutable, air_gapped, NULL);
    }
  ctl_table_print (table);
}

int
ctl_init (CtlContext  *ctx,
          int          argc,
          char       **argv)
{
  gboolean existed;

  PARSE_OR_RETURN (NULL);
  ARGS_OR_RETURN (0, "");

  existed = g_file_test (ctx->db_path, G_FILE_TEST_EXISTS);
  OPEN_OR_RETURN (TRUE);

  if (ctx->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "path");
      json_builder_add_string_value (b, ctx->db_path);
      json_builder_set_member_name (b, "created");
      json_builder_add_boolean_value (b, !existed);
      json_builder_end_object (b);
      ctl_print_json (json_builder_get_root (b));
    }
  else if (existed)
    printf (_("The store %s already exists.\n"), ctx->db_path);
  else
    printf (_("Created the store %s.\n"), ctx->db_path);

  return CTL_EXIT_OK;
}

/*
 * Locations
 */

int
ctl_location_add (CtlContext  *ctx,
                  int          argc,
                  char       **argv)
{
  g_autofree char *kind_text = NULL;
  g_autoptr(GError) error = NULL;
  CustodyLocationKind kind;
  GOptionEntry entries[] = {
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind_text,
      N_("library, onsite-repo, onsite-shelf, transit, offsite-vault, offsite-repo or destroyed"),
      N_("KIND") },
    { NULL }
  };

  PARSE_OR_RETURN (entries);
  ARGS_OR_RETURN (1, _("the location's name"));

  if (kind_text == NULL)
    return ctl_usage (_("location add needs --kind"));
  if (!custody_location_kind_from_string (kind_text, &kind))
    {
      g_autofree char *keys = custody_location_kind_list_keys ();
      return ctl_usage (_("kind '%s' is not one of %s"), kind_text, keys);
    }

  OPEN_OR_RETURN (FALSE);
  if (!custody_store_add_location (ctx->store, argv[1], kind, &error))
    return ctl_fail (g_steal_pointer (&error));

  if (!ctx->json)
    printf (_("Added location %s (%s).\n"), argv[1], kind_text);
  else
    {
      g_autoptr(CustodyLocation) location = custody_location_new ();
      location->name = g_strdup (argv[1]);
      location->kind = kind;
      location->created_at = custody_store_get_clock (ctx->store);
      ctl_print_json (custody_json_location (location));
    }

  return CTL_EXIT_OK;
}

int
ctl_location_list (CtlContext  *ctx,
                   int          argc,
                   char       **argv)
{
  g_autoptr(GPtrArray) locations = NULL;
  g_autoptr(GError) error = NULL;

  PARSE_OR_RETURN (NULL);
  ARGS_OR_RETURN (0, "");
  OPEN_OR_RETURN (FALSE);

  locations = custody_store_list_locations (ctx->store, &error);
  if (locations == NULL)
    return ctl_fail (g_steal_pointer (&error));

  if (ctx->json)
    {
      g_autoptr(JsonArray) array = json_array_new ();
      JsonNode *node = json_node_new (JSON_NODE_ARRAY);

      for (guint i = 0; i < locations->len; i++)
        json_array_add_element (array, custody_json_location (g_ptr_array_index (locations, i)));
      json_node_set_array (node, array);
      ctl_print_json (node);
    }
  else
    {
      g_autoptr(CtlTable) table = ctl_table_new (_("NAME"), _("KIND"), NULL);

      for (guint i = 0; i < locations->len; i++)
        {
          CustodyLocation *l = g_ptr_array_index (locations, i);
          ctl_table_add_row (table, l->name, custody_location_kind_get_text_label (l->kind), NULL);
        }
      ctl_table_print (table);
    }

  return CTL_EXIT_OK;
}

/*
 * Jobs
 */

static int
job_from_options (CustodyJob  *job,
                  const char  *source,
                  const char  *owner,
                  gint64       rpo_hours,
                  gint64       verify_days)
{
  if (source != NULL)
    {
      g_free (job->source);
      job->source = g_strdup (source);
    }
  if (owner != NULL)
    {
      g_free (job->owner);
      job->owner = g_strdup (owner);
    }
  if (rpo_hours != G_MININT64)
    {
      if (rpo_hours <= 0)
        return ctl_usage (_("--rpo-hours must be a positive number of hours"));
      job->rpo_hours = rpo_hours;
    }
  if (verify_days != G_MININT64)
    {
      if (verify_days <= 0)
        return ctl_usage (_("--verify-days must be a positive number of days"));
      job->verify_days = verify_days;
    }
  return CTL_EXIT_OK;
}

int
ctl_job_add (CtlContext  *ctx,
             int          argc,
             char       **argv)
{
  g_autoptr(CustodyJob) job = custody_job_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *source = NULL;
  g_autofree char *owner = NULL;
  gint64 rpo_hours = G_MININT64, verify_days = G_MININT64;
  int status;
  GOptionEntry entries[] = {
    { "source", 0, 0, G_OPTION_ARG_STRING, &source,
      N_("What is backed up: host, path, VM, database"), N_("TEXT") },
    { "owner", 0, 0, G_OPTION_ARG_STRING, &owner, N_("Who answers for it"), N_("TEXT") },
    { "rpo-hours", 0, 0, G_OPTION_ARG_INT64, &rpo_hours, N_("Freshness window (default 24)"),
      N_("N") },
    { "verify-days", 0, 0, G_OPTION_ARG_INT64, &verify_days, N_("Verification window (default 30)"),
      N_("N") },
    { NULL }
  };

  PARSE_OR_RETURN (entries);
  ARGS_OR_RETURN (1, _("the job's name"));

  job->name = g_strdup (argv[1]);
  status = job_from_options (job, source, owner, rpo_hours, verify_days);
  if (status != CTL_EXIT_OK)
    return status;

  OPEN_OR_RETURN (FALSE);
  if (!custody_store_add_job (ctx->store, job, &error))
    return ctl_fail (g_steal_pointer (&error));

  if (ctx->json)
    ctl_print_json (custody_json_job (job, NULL));
  else
    printf (_("Added job %s.\n"), job->name);

  return CTL_EXIT_OK;
}

int
ctl_job_edit (CtlContext  *ctx,
              int          argc,
              char       **argv)
{
  g_autoptr(CustodyJob) job = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *source = NULL;
  g_autofree char *owner = NULL;
  gint64 rpo_hours = G_MININT64, verify_days = G_MININT64;
  int status;
  GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("A new name"), N_("NAME") },
    { "source", 0, 0, G_OPTION_ARG_STRING, &source, N_("What is backed up"), N_("TEXT") },
    { "owner", 0, 0, G_OPTION_ARG_STRING, &owner, N_("Who answers for it"), N_("TEXT") },
    { "rpo-hours", 0, 0, G_OPTION_ARG_INT64, &rpo_hours, N_("Freshness window"), N_("N") },
    { "verify-days", 0, 0, G_OPTION_ARG_INT64, &verify_days, N_("Verification window"), N_("N") },
    { NULL }
  };

  PARSE_OR_RETURN (entries);
  ARGS_OR_RETURN (1, _("the job's name"));
  OPEN_OR_RETURN (FALSE);

  job = custody_store_get_job (ctx->store, argv[1], &error);
  if (job == NULL)
    return ctl_fail (g_steal_pointer (&error));
  g_clear_pointer (&job->verdict, custody_verdict_unref);

  if (name != NULL)
    {
      g_free (job->name);
      job->name = g_strdup (name);
    }
  status = job_from_options (job, source, owner, rpo_hours, verify_days);
  if (status != CTL_EXIT_OK)
    return status;

  if (!custody_store_update_job (ctx->store, argv[1], job, &error))
    return ctl_fail (g_steal_pointer (&error));

  if (ctx->json)
    ctl_print_json (custody_json_job (job, NULL));
  else
    printf (_("Changed job %s.\n"), job->name);

  return CTL_EXIT_OK;
}

/* "24h", "30d" ("24 時間", "30 日" in Japanese): printf costs more than
 * the rest of a row of `job list`. @unit is at most 16 bytes. */
static const char *
format_with_unit (char        buf[48],
                  gint64      value,
                  const char *unit)
{
  char *p = buf + 47 - strlen (unit);
  guint64 magnitude = value < 0 ? -(guint64) value : (guint64) value;

  strcpy (p, unit);
  do
    *--p = (char) ('0' + magnitude % 10);
  while ((magnitude /= 10) > 0);
  if (value < 0)
    *--p = '-';
  return p;
}

int
ctl_job_list (CtlContext  *ctx,
              int          argc,
              char       **argv)
{
  g_autoptr(CustodyJobStatuses) statuses = NULL;
  g_autoptr(GError) error = NULL;
  GArray *jobs;

  PARSE_OR_RETURN (NULL);
  ARGS_OR_RETURN (0, "");
  OPEN_OR_RETURN (FALSE);

  statuses = custody_store_list_jobs_with_status (ctx->store, &error);
  if (statuses == NULL)
    return ctl_fail (g_steal_pointer (&error));
  jobs = statuses->jobs;

  if (ctx->json)
    {
      g_autoptr(JsonArray) array = json_array_new ();
      JsonNode *node = json_node_new (JSON_NODE_ARRAY);

      for (guint i = 0; i < jobs->len; i++)
        {
          const CustodyJobStatus *j = &g_array_index (jobs, CustodyJobStatus, i);

          json_array_add_element (array, custody_json_job_status (j));
        }
      json_node_set_array (node, array);
      ctl_print_json (node);
    }
  else
    {
      g_autoptr(CtlTable) table = ctl_table_new (_("NAME"), _("STATUS"), _("RPO"), _("VERIFY"),
                                                 _("OWNER"), _("SOURCE"), NULL);

      /* Translators: after a number of hours in `custodyctl job list` ("24h") */
      const char *hours = C_("unit", "h");
      /* Translators: after a number of days in `custodyctl job list` ("30d") */
      const char *days = C_("unit", "d");

      for (guint i = 0; i < jobs->len; i++)
        {
          const CustodyJobStatus *j = &g_array_index (jobs, CustodyJobStatus, i);
          char rpo[48], verify[48];

          ctl_table_add_row (table, j->name,
                             j->status >= 0 ? custody_status_get_text_label (j->status) : "",
                             format_with_unit (rpo, j->rpo_hours, hours),
                             format_with_unit (verify, j->verify_days, days), j->owner, j->source,
                             NULL);
        }
      ctl_table_print (table);
    }

  return CTL_EXIT_OK;
}

int
ctl_job_show (CtlContext  *ctx,
              int          argc,
              char       **argv)
{
  g_autoptr(CustodyJob) job = NULL;
  g_autoptr(GPtrArray) copies = NULL;
  g_autoptr(GError) error = NULL;

  PARSE_OR_RETURN (NULL);
  ARGS_OR_RETURN (1, _("the job's name"));
  OPEN_OR_RETURN (FALSE);

  job = custody_store_get_job (ctx->store, argv[1], &error);
  if (job == NULL)
    return ctl_fail (g_steal_pointer (&error));
  copies = custody_store_list_copies (ctx->store, argv[1], &error);
  if (copies == NULL)
    return ctl_fail (g_steal_pointer (&error));

  if (ctx->json)
    {
      JsonNode *node = custody_json_job (job, copies);

      if (job->verdict != NULL)
        json_object_set_member (json_node_get_object (node), "check",
                                custody_json_verdict (job->verdict));
      ctl_print_json (node);
    }
  else
    {
      g_autoptr(CtlTable) info = ctl_table_new (_("Job"), job->name, NULL);
      g_autofree char *rpo = g_strdup_printf (_("%lld hours"),
                                              (long long) job->rpo_hours);
      g_autofree char *verify = g_strdup_printf (_("%lld days"),
                                                 (long long) job->verify_days);

      ctl_table_add_row (info, _("Source"), job->source, NULL);
      ctl_table_add_row (info, _("Owner"), job->owner, NULL);
      ctl_table_add_row (info, _("RPO"), rpo, NULL);
      ctl_table_add_row (info, _("Verification window"), verify, NULL);
      if (job->verdict != NULL)
        ctl_table_add_row (info, _("Status"), custody_status_get_text_label (job->verdict->status),
                           NULL);
      ctl_table_print (info);
      printf ("\n");

      print_copies (copies);
    }

  return CTL_EXIT_OK;
}

int
ctl_job_rm (CtlContext  *ctx,
            int          argc,
            char       **argv)
{
  g_autoptr(GError) error = NULL;

  PARSE_OR_RETURN (NULL);
  ARGS_OR_RETURN (1, _("the job's name"));
  OPEN_OR_RETURN (FALSE);

  if (!custody_store_remove_job (ctx->store, argv[1], &error))
    return ctl_fail (g_steal_pointer (&error));

  if (ctx->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "removed");
      json_builder_add_string_value (b, argv[1]);
      json_builder_end_object (b);
      ctl_print_json (json_builder_get_root (b));
    }
  else
    printf (_("Removed job %s with its copies, runs and verifications.\n"), argv[1]);

  return CTL_EXIT_OK;
}

/*
 * Copies
 */

int
ctl_copy_add (CtlContext  *ctx,
              int          argc,
              char       **argv)
{
  g_autoptr(CustodyCopy) copy = custody_copy_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *media_type = NULL;
  g_autofree char *location = NULL;
  gboolean immutable = FALSE, air_gapped = FALSE;
  gint64 retention_days = 0;
  GOptionEntry entries[] = {
    { "media-type", 0, 0, G_OPTION_ARG_STRING, &media_type,
      N_("disk, object-storage, tape, removable-disk or optical"), N_("TYPE") },
    { "location", 0, 0, G_OPTION_ARG_STRING, &location, N_("Where the repository is"), N_("NAME") },
    { "immutable", 0, 0, G_OPTION_ARG_NONE, &immutable, N_("WORM or object lock"), NULL },
    { "air-gapped", 0, 0, G_OPTION_ARG_NONE, &air_gapped, N_("Not reachable over a network"),
      NULL },
    { "retention-days", 0, 0, G_OPTION_ARG_INT64, &retention_days,
      N_("How long it keeps restore points"), N_("N") },
    { NULL }
  };

  PARSE_OR_RETURN (entries);
  ARGS_OR_RETURN (2, _("the job and the copy's name"));

  if (media_type == NULL)
    return ctl_usage (_("copy add needs --media-type"));
  if (!custody_media_type_from_string (media_type, &copy->media_type))
    {
      g_autofree char *keys = custody_media_type_list_keys ();
      return ctl_usage (_("media type '%s' is not one of %s"), media_type, keys);
    }

  copy->job = g_strdup (argv[1]);
  copy->name = g_strdup (argv[2]);
  copy->location = g_steal_pointer (&location);
  copy->immutable = immutable;
  copy->air_gapped = air_gapped;
  copy->retention_days = retention_days;

  OPEN_OR_RETURN (FALSE);
  if (!custody_store_add_copy (ctx->store, copy, &error))
    return ctl_fail (g_steal_pointer (&error));

  if (ctx->json)
    ctl_print_json (custody_json_copy (copy));
  else
    printf (_("Added copy %s to job %s.\n"), copy->name, copy->job);

  return CTL_EXIT_OK;
}

int
ctl_copy_list (CtlContext  *ctx,
               int          argc,
               char       **argv)
{
  g_autoptr(GPtrArray) copies = NULL;
  g_autoptr(GError) error = NULL;

  PARSE_OR_RETURN (NULL);
  ARGS_OR_RETURN (1, _("the job's name"));
  OPEN_OR_RETURN (FALSE);

  copies = custody_store_list_copies (ctx->store, argv[1], &error);
  if (copies == NULL)
    return ctl_fail (g_steal_pointer (&error));

  if (ctx->json)
    {
      g_autoptr(JsonArray) array = json_array_new ();
      JsonNode *node = json_node_new (JSON_NODE_ARRAY);

      for (guint i = 0; i < copies->len; i++)
        json_array_add_element (array, custody_json_copy (g_ptr_array_index (copies, i)));
      json_node_set_array (node, array);
      ctl_print_json (node);
    }
  else
    print_copies (copies);

  return CTL_EXIT_OK;
}

int
ctl_copy_rm (CtlContext  *ctx,
             int          argc,
             char       **argv)
{
  g_autoptr(GError) error = NULL;

  PARSE_OR_RETURN (NULL);
  ARGS_OR_RETURN (2, _("the job and the copy's name"));
  OPEN_OR_RETURN (FALSE);

  if (!custody_store_remove_copy (ctx->store, argv[1], argv[2], &error))
    return ctl_fail (g_steal_pointer (&error));

  if (!ctx->json)
    printf (_("Removed copy %s of job %s.\n"), argv[2], argv[1]);
  else
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "removed");
      json_builder_add_string_value (b, argv[2]);
      json_builder_end_object (b);
      ctl_print_json (json_builder_get_root (b));
    }

  return CTL_EXIT_OK;
}

/*
 * Runs and verifications
 */

int
ctl_record (CtlContext  *ctx,
            int          argc,
            char       **argv)
{
  g_autoptr(CustodyExecution) e = custody_execution_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *status = NULL;
  g_autofree char *started = NULL;
  g_autofree char *finished = NULL;
  g_autofree char *volumes = NULL;
  g_autofree char *run_id = NULL;
  g_autofree char *message = NULL;
  gint64 bytes = -1, files = -1;
  gboolean added = FALSE;
  int exit_code;
  GOptionEntry entries[] = {
    { "status", 0, 0, G_OPTION_ARG_STRING, &status, N_("success, warning, failed or running"),
      N_("STATUS") },
    { "started", 0, 0, G_OPTION_ARG_STRING, &started, N_("When it started"), N_("TIME") },
    { "finished", 0, 0, G_OPTION_ARG_STRING, &finished, N_("When it finished"), N_("TIME") },
    { "bytes", 0, 0, G_OPTION_ARG_INT64, &bytes, N_("Bytes written"), N_("N") },
    { "files", 0, 0, G_OPTION_ARG_INT64, &files, N_("Files written"), N_("N") },
    { "volumes", 0, 0, G_OPTION_ARG_STRING, &volumes, N_("The volumes it wrote, comma-separated"),
      N_("V1,V2,...") },
    { "run-id", 0, 0, G_OPTION_ARG_STRING, &run_id, N_("The tool's id for the run"), N_("ID") },
    { "message", 0, 0, G_OPTION_ARG_STRING, &message, N_("What the tool said"), N_("TEXT") },
    { NULL }
  };

  PARSE_OR_RETURN (entries);
  ARGS_OR_RETURN (2, _("the job and the copy"));

  if (status == NULL)
    return ctl_usage (_("record needs --status"));
  if (!custody_run_status_from_string (status, &e->status))
    {
      g_autofree char *keys = custody_run_status_list_keys ();
      return ctl_usage (_("status '%s' is not one of %s"), status, keys);
    }
  if (started == NULL)
    return ctl_usage (_("record needs --started"));
  if (!ctl_parse_time_option ("started", started, &e->started, &exit_code))
    return exit_code;
  if (finished != NULL && !ctl_parse_time_option ("finished", finished, &e->finished, &exit_code))
    return exit_code;
  if (bytes < -1 || files < -1)
    return ctl_usage (_("--bytes and --files cannot be negative"));

  e->job = g_strdup (argv[1]);
  e->copy = g_strdup (argv[2]);
  e->bytes = bytes;
  e->files = files;
  e->run_id = g_steal_pointer (&run_id);
  if (message != NULL)
    {
      g_free (e->message);
      e->message = g_steal_pointer (&message);
    }
  if (volumes != NULL && volumes[0] != '\0')
    {
      g_strfreev (e->volumes);
      e->volumes = g_strsplit (volumes, ",", -1);
      for (guint i = 0; e->volumes[i] != NULL; i++)
        {
          g_autoptr(GError) volser_error = NULL;
          char *volser = custody_volser_normalize (e->volumes[i], &volser_error);

          if (volser == NULL)
            return ctl_usage ("--volumes: %s", volser_error->message);
          g_free (e->volumes[i]);
          e->volumes[i] = volser;
        }
    }

  OPEN_OR_RETURN (FALSE);
  if (!custody_store_record_execution (ctx->store, e, &added, &error))
    return ctl_fail (g_steal_pointer (&error));

  if (ctx->json)
    {
      JsonNode *node = custody_json_execution (e);
      json_object_set_boolean_member (json_node_get_object (node), "added", added);
      ctl_print_json (node);
    }
  else
    printf (added ? _("Recorded a %s run of %s into %s.\n")
            : _("Updated a %s run of %s into %s.\n"),
            custody_run_status_to_string (e->status), e->job, e->copy);

  return CTL_EXIT_OK;
}

int
ctl_verify (CtlContext  *ctx,
            int          argc,
            char       **argv)
{
  g_autoptr(CustodyVerification) v = custody_verification_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *result = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *at = NULL;
  g_autofree char *by = NULL;
  g_autofree char *note = NULL;
  gint64 errors = 0, duration = -1;
  int exit_code;
  GOptionEntry entries[] = {
    { "result", 0, 0, G_OPTION_ARG_STRING, &result, N_("passed or failed"), N_("RESULT") },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind, N_("restore-test (default), checksum or boot-test"),
      N_("KIND") },
    { "errors", 0, 0, G_OPTION_ARG_INT64, &errors, N_("Errors found"), N_("N") },
    { "at", 0, 0, G_OPTION_ARG_STRING, &at, N_("When it was done (default: now)"), N_("TIME") },
    { "duration-s", 0, 0, G_OPTION_ARG_INT64, &duration, N_("How long it took, in seconds"),
      N_("N") },
    { "by", 0, 0, G_OPTION_ARG_STRING, &by, N_("Who did it"), N_("NAME") },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_("A note"), N_("TEXT") },
    { NULL }
  };

  PARSE_OR_RETURN (entries);
  ARGS_OR_RETURN (2, _("the job and the copy"));

  if (result == NULL)
    return ctl_usage (_("verify needs --result passed or --result failed"));
  if (g_str_equal (result, "passed"))
    v->passed = TRUE;
  else if (g_str_equal (result, "failed"))
    v->passed = FALSE;
  else
    return ctl_usage (_("result '%s' is not one of passed, failed"), result);
  if (kind != NULL && !custody_verify_kind_from_string (kind, &v->kind))
    {
      g_autofree char *keys = custody_verify_kind_list_keys ();
      return ctl_usage (_("kind '%s' is not one of %s"), kind, keys);
    }
  if (errors < 0)
    return ctl_usage (_("--errors cannot be negative"));
  if (duration < -1)
    return ctl_usage (_("--duration-s cannot be negative"));
  if (at != NULL && !ctl_parse_time_option ("at", at, &v->at, &exit_code))
    return exit_code;

  v->job = g_strdup (argv[1]);
  v->copy = g_strdup (argv[2]);
  v->errors = errors;
  v->duration_s = duration;
  if (by != NULL)
    {
      g_free (v->by);
      v->by = g_steal_pointer (&by);
    }
  else
    {
      g_free (v->by);
      v->by = g_strdup (g_get_user_name ());
    }
  if (note != NULL)
    {
      g_free (v->note);
      v->note = g_steal_pointer (&note);
    }

  OPEN_OR_RETURN (FALSE);
  if (!custody_store_add_verification (ctx->store, v, &error))
    return ctl_fail (g_steal_pointer (&error));

  if (ctx->json)
    ctl_print_json (custody_json_verification (v));
  else
    printf (_("Recorded a %s %s of %s/%s.\n"), v->passed ? _("passed") : _("failed"),
            custody_verify_kind_to_string (v->kind), v->job, v->copy);

  return CTL_EXIT_OK;
}

int
ctl_history (CtlContext  *ctx,
             int          argc,
             char       **argv)
{
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(GError) error = NULL;
  gint limit = 50;
  GOptionEntry entries[] = {
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, N_("At most this many runs (default 50)"), N_("N") },
    { NULL }
  };

  PARSE_OR_RETURN (entries);
  ARGS_OR_RETURN (1, _("the job's name"));
  if (limit <= 0)
    return ctl_usage (_("--limit must be positive"));
  OPEN_OR_RETURN (FALSE);

  runs = custody_store_list_executions (ctx->store, argv[1], 0, (guint) limit, &error);
  if (runs == NULL)
    return ctl_fail (g_steal_pointer (&error));

  if (ctx->json)
    {
      g_autoptr(JsonArray) array = json_array_new ();
      JsonNode *node = json_node_new (JSON_NODE_ARRAY);

      for (guint i = 0; i < runs->len; i++)
        json_array_add_element (array, custody_json_execution (g_ptr_array_index (runs, i)));
      json_node_set_array (node, array);
      ctl_print_json (node);
    }
  else
    {
      g_autoptr(CtlTable) table = ctl_table_new (_("STARTED"), _("FINISHED"), _("COPY"),
                                                 _("STATUS"), _("BYTES"), _("VOLUMES"),
                                                 _("MESSAGE"), NULL);

      for (guint i = 0; i < runs->len; i++)
        {
          CustodyExecution *e = g_ptr_array_index (runs, i);
          g_autofree char *started = custody_time_format_text (e->started);
          g_autofree char *finished = custody_time_format_text (e->finished);
          g_autofree char *bytes = e->bytes >= 0 ? g_format_size ((guint64) e->bytes)
                                   : g_strdup ("-");
          g_autofree char *volumes = g_strjoinv (",", e->volumes);

          ctl_table_add_row (table, started, finished != NULL ? finished : "-", e->copy,
                             custody_run_status_get_text_label (e->status), bytes, volumes,
                             e->message, NULL);
        }
      ctl_table_print (table);
    }

  return CTL_EXIT_OK;
}

/*
 * Policy
 */

int
ctl_policy_show (CtlContext  *ctx,
                 int          argc,
                 char       **argv)
{
  g_autoptr(GError) error = NULL;
  CustodyPolicy policy;

  PARSE_OR_RETURN (NULL);
  ARGS_OR_RETURN (0, "");
  OPEN_OR_RETURN (FALSE);

  if (!custody_store_get_policy (ctx->store, &policy, &error))
    return ctl_fail (g_steal_pointer (&error));

  if (ctx->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "production-counts");
      json_builder_add_boolean_value (b, policy.production_counts);
      json_builder_set_member_name (b, "warning-counts");
      json_builder_add_boolean_value (b, policy.warning_counts);
      json_builder_set_member_name (b, "at-risk-rpo-fraction");
      json_builder_add_double_value (b, policy.at_risk_rpo_fraction);
      json_builder_set_member_name (b, "at-risk-verify-days");
      json_builder_add_int_value (b, policy.at_risk_verify_days);
      json_builder_end_object (b);
      /* A flat map of the keys: nothing else in it (cli.md). */
      ctl_print_json_data (json_builder_get_root (b));
    }
  else
    {
      g_autoptr(CtlTable) table = ctl_table_new (_("KEY"), _("VALUE"), NULL);
      g_autoptr(GString) fraction = g_string_new (NULL);
      g_autofree char *days = g_strdup_printf ("%d", policy.at_risk_verify_days);

      /* As set: 0.125 stays 0.125, not 0.13. */
      custody_json_append_double (fraction, policy.at_risk_rpo_fraction);
      ctl_table_add_row (table, "production-counts", policy.production_counts ? "true" : "false",
                         NULL);
      ctl_table_add_row (table, "warning-counts", policy.warning_counts ? "true" : "false", NULL);
      ctl_table_add_row (table, "at-risk-rpo-fraction", fraction->str, NULL);
      ctl_table_add_row (table, "at-risk-verify-days", days, NULL);
      ctl_table_print (table);
    }

  return CTL_EXIT_OK;
}

int
ctl_policy_set (CtlContext  *ctx,
                int          argc,
                char       **argv)
{
  g_autoptr(GError) error = NULL;

  PARSE_OR_RETURN (NULL);
  ARGS_OR_RETURN (2, _("the key and the value"));
  OPEN_OR_RETURN (FALSE);

  if (!custody_store_set_policy_value (ctx->store, argv[1], argv[2], &error))
    return ctl_fail (g_steal_pointer (&error));

  if (!ctx->json)
    printf (_("Policy %s is now %s.\n"), argv[1], argv[2]);
  else
    return ctl_policy_show (ctx, 1, argv);

  return CTL_EXIT_OK;
}

/*
 * Check
 */

/* A job's rules, one a line: in English by their keys and pass/FAIL, as
 * docs/cli.md shows them; in a translation by their names and the
 * translated words, padded by the cells a terminal gives them. */
static void
print_verdict_text (CustodyVerdict *v)
{
  g_autofree char *job = ctl_needs_escape (v->job) ? custody_text_escape_controls (v->job) : NULL;
  /* Translators: a rule's result in custodyctl check, kept short (a column) */
  const char *pass = C_("rule result", "pass");
  /* Translators: a rule's result in custodyctl check, kept short (a column) */
  const char *fail = C_("rule result", "FAIL");
  glong name_width = 10, result_width = MAX (ctl_display_width (pass), ctl_display_width (fail));
  g_autofree char *indent = NULL;

  for (guint r = 0; r < CUSTODY_N_RULES; r++)
    name_width = MAX (name_width, ctl_display_width (custody_rule_get_text_label (r)));
  indent = g_strnfill (2 + name_width + 1, ' ');

  printf ("%s  %s\n", job != NULL ? job : v->job, custody_status_get_text_label (v->status));
  for (guint r = 0; r < CUSTODY_N_RULES; r++)
    {
      const CustodyRuleVerdict *rule = &v->rules[r];

      fputs ("  ", stdout);
      ctl_print_padded (custody_rule_get_text_label (r), name_width + 1);
      ctl_print_padded (rule->pass ? pass : fail, MAX (result_width, 4) + 1);
      printf ("%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT "\n", rule->have, rule->need);
      for (guint i = 0; i < rule->reasons->len; i++)
        printf ("%s%s\n", indent, (const char *) g_ptr_array_index (rule->reasons, i));
    }
  for (guint i = 0; i < v->risks->len; i++)
    printf ("  %s %s\n", _("at risk:"), (const char *) g_ptr_array_index (v->risks, i));
}

/* Written as text as it goes, not through a JsonBuilder: on 10,000 jobs
 * the tree costs more time and memory than the checking itself. */
static void
print_check_json (GPtrArray   *verdicts,
                  const guint *counts,
                  gint64       at)
{
  g_autoptr(GString) out = g_string_sized_new (64 * 1024);
  g_autofree char *when = custody_time_format (at);

  g_string_append_printf (out,
                          "{\n  \"evaluated_at\": \"%s\",\n  \"summary\": {\n"
                          "    \"jobs\": %u,\n    \"compliant\": %u,\n"
                          "    \"at_risk\": %u,\n    \"violation\": %u\n  },\n  \"jobs\": [",
                          when, verdicts->len, counts[CUSTODY_STATUS_COMPLIANT],
                          counts[CUSTODY_STATUS_AT_RISK], counts[CUSTODY_STATUS_VIOLATION]);
  for (guint i = 0; i < verdicts->len; i++)
    {
      g_string_append (out, i > 0 ? ",\n" : "\n");
      custody_json_append_verdict (out, g_ptr_array_index (verdicts, i), 4);
      if (out->len > 60 * 1024)
        {
          fwrite (out->str, 1, out->len, stdout);
          g_string_truncate (out, 0);
        }
    }
  g_string_append (out, verdicts->len > 0 ? "\n  ]" : "]");
  g_string_append (out, ",\n  \"version\": \"" PACKAGE_VERSION "\"\n}\n");
  fwrite (out->str, 1, out->len, stdout);
}

int
ctl_check (CtlContext  *ctx,
           int          argc,
           char       **argv)
{
  g_autoptr(GPtrArray) verdicts = NULL;
  g_autoptr(GError) error = NULL;
  gboolean any_violation = FALSE;
  guint counts[CUSTODY_N_STATUSES] = { 0, };
  gboolean verbose = FALSE;
  GOptionEntry entries[] = {
    { "verbose", 'v', 0, G_OPTION_ARG_NONE, &verbose,
      N_("Show every job's rules, not only the failing ones"), NULL },
    { NULL }
  };

  PARSE_OR_RETURN (entries);
  OPEN_OR_RETURN (FALSE);

  verdicts = custody_store_evaluate (ctx->store, argc > 1 ? (const char * const *) argv + 1 : NULL,
                                     &error);
  if (verdicts == NULL)
    return ctl_fail (g_steal_pointer (&error));

  /* Every job named must exist. */
  for (int i = 1; i < argc; i++)
    {
      gboolean found = FALSE;

      for (guint j = 0; j < verdicts->len && !found; j++)
        found = g_str_equal (((CustodyVerdict *) g_ptr_array_index (verdicts, j))->job, argv[i]);
      if (!found)
        return ctl_usage (_("unknown job '%s'"), argv[i]);
    }

  for (guint i = 0; i < verdicts->len; i++)
    {
      CustodyVerdict *v = g_ptr_array_index (verdicts, i);

      counts[v->status]++;
      any_violation |= v->status == CUSTODY_STATUS_VIOLATION;
    }

  if (ctx->json)
    print_check_json (verdicts, counts, custody_store_get_clock (ctx->store));
  else
    {
      gint64 clock = custody_store_get_clock (ctx->store);
      g_autofree char *time = custody_time_format_text (clock);
      g_autofree char *zone = custody_time_zone_text (clock);
      /* The zone named once, where the output first gives a time that is
       * not ISO 8601's own UTC. */
      g_autofree char *when = custody_time_is_local_text ()
        /* Translators: a time and its time zone: "2026年12月7日 19:06 JST" */
        ? g_strdup_printf (C_("time and zone", "%s %s"), time, zone) : g_strdup (time);

      for (guint i = 0; i < verdicts->len; i++)
        {
          CustodyVerdict *v = g_ptr_array_index (verdicts, i);

          if (verbose || argc > 1 || v->status != CUSTODY_STATUS_COMPLIANT)
            print_verdict_text (v);
        }
      printf (_("%u jobs: %u compliant, %u at risk, %u in violation (as of %s)\n"),
              verdicts->len, counts[CUSTODY_STATUS_COMPLIANT], counts[CUSTODY_STATUS_AT_RISK],
              counts[CUSTODY_STATUS_VIOLATION], when);
    }

  return any_violation ? CTL_EXIT_VIOLATION : CTL_EXIT_OK;
}
