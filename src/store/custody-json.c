/* custody-json.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custody-json"

#include "config.h"

#include <math.h>
#include <string.h>

#include "custody-json.h"
#include "custody-time.h"

void
custody_json_add_time (JsonBuilder *builder,
                       const char  *member,
                       gint64       t)
{
  g_autofree char *text = custody_time_format (t);

  json_builder_set_member_name (builder, member);
  if (text != NULL)
    json_builder_add_string_value (builder, text);
  else
    json_builder_add_null_value (builder);
}

static void
add_string (JsonBuilder *builder,
            const char  *member,
            const char  *value)
{
  json_builder_set_member_name (builder, member);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_int (JsonBuilder *builder,
         const char  *member,
         gint64       value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_int_value (builder, value);
}

static void
add_int_or_null (JsonBuilder *builder,
                 const char  *member,
                 gint64       value)
{
  json_builder_set_member_name (builder, member);
  if (value >= 0)
    json_builder_add_int_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_bool (JsonBuilder *builder,
          const char  *member,
          gboolean     value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_boolean_value (builder, value);
}

JsonNode *
custody_json_copy (CustodyCopy *copy)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  add_string (b, "name", copy->name);
  add_string (b, "media_type", custody_media_type_to_string (copy->media_type));
  add_string (b, "location", copy->location);
  add_bool (b, "immutable", copy->immutable);
  add_bool (b, "air_gapped", copy->air_gapped);
  add_int (b, "retention_days", copy->retention_days);
  custody_json_add_time (b, "created_at", copy->created_at);
  json_builder_end_object (b);

  return json_builder_get_root (b);
}

/* A job's own fields, as `job list` and `job show` give them. */
static void
add_job_fields (JsonBuilder *b,
                const char  *name,
                const char  *source,
                const char  *owner,
                gint64       rpo_hours,
                gint64       verify_days,
                const char  *tags,
                gint64       created_at,
                int          status)
{
  add_string (b, "name", name);
  add_string (b, "source", source);
  add_string (b, "owner", owner);
  add_int (b, "rpo_hours", rpo_hours);
  add_int (b, "verify_days", verify_days);
  add_string (b, "tags", tags);
  custody_json_add_time (b, "created_at", created_at);
  if (status >= 0)
    add_string (b, "status", custody_status_to_string (status));
}

JsonNode *
custody_json_job (CustodyJob *job,
                  GPtrArray  *copies)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  add_job_fields (b, job->name, job->source, job->owner, job->rpo_hours, job->verify_days,
                  job->tags, job->created_at,
                  job->verdict != NULL ? (int) job->verdict->status : job->status);
  if (copies != NULL)
    {
      json_builder_set_member_name (b, "copies");
      json_builder_begin_array (b);
      for (guint i = 0; i < copies->len; i++)
        json_builder_add_value (b, custody_json_copy (g_ptr_array_index (copies, i)));
      json_builder_end_array (b);
    }
  json_builder_end_object (b);

  return json_builder_get_root (b);
}

JsonNode *
custody_json_job_status (const CustodyJobStatus *job)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  add_job_fields (b, job->name, job->source, job->owner, job->rpo_hours, job->verify_days,
                  job->tags, job->created_at, job->status);
  json_builder_end_object (b);

  return json_builder_get_root (b);
}

JsonNode *
custody_json_execution (CustodyExecution *e)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  add_string (b, "job", e->job);
  add_string (b, "copy", e->copy);
  custody_json_add_time (b, "started", e->started);
  custody_json_add_time (b, "finished", e->finished);
  add_string (b, "status", custody_run_status_to_string (e->status));
  add_int_or_null (b, "bytes", e->bytes);
  add_int_or_null (b, "files", e->files);
  json_builder_set_member_name (b, "volumes");
  json_builder_begin_array (b);
  for (guint i = 0; e->volumes[i] != NULL; i++)
    json_builder_add_string_value (b, e->volumes[i]);
  json_builder_end_array (b);
  add_string (b, "run_id", e->run_id);
  add_string (b, "message", e->message);
  json_builder_end_object (b);

  return json_builder_get_root (b);
}

JsonNode *
custody_json_verification (CustodyVerification *v)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  add_string (b, "job", v->job);
  add_string (b, "copy", v->copy);
  add_string (b, "kind", custody_verify_kind_to_string (v->kind));
  custody_json_add_time (b, "at", v->at);
  add_string (b, "result", v->passed ? "passed" : "failed");
  add_int (b, "errors", v->errors);
  add_int_or_null (b, "duration_s", v->duration_s);
  add_string (b, "by", v->by);
  add_string (b, "note", v->note);
  json_builder_end_object (b);

  return json_builder_get_root (b);
}

/* A pool's rotation, as `pool list --json` shows it and the store keeps
 * it: offsite_after_days is null for a pool that stays on site. */
JsonNode *
custody_json_rotation (const CustodyRotationPolicy *p)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "daily");
  json_builder_add_int_value (b, p->keep_daily);
  json_builder_set_member_name (b, "weekly");
  json_builder_add_int_value (b, p->keep_weekly);
  json_builder_set_member_name (b, "monthly");
  json_builder_add_int_value (b, p->keep_monthly);
  json_builder_set_member_name (b, "yearly");
  json_builder_add_int_value (b, p->keep_yearly);
  json_builder_set_member_name (b, "full_day");
  json_builder_add_string_value (b, custody_weekday_to_string (p->full_day));
  json_builder_set_member_name (b, "cycle_weeks");
  json_builder_add_int_value (b, p->cycle_weeks);
  json_builder_set_member_name (b, "offsite_after_days");
  if (p->offsite_after_days < 0)
    json_builder_add_null_value (b);
  else
    json_builder_add_int_value (b, p->offsite_after_days);
  json_builder_set_member_name (b, "recall_days");
  json_builder_add_int_value (b, p->recall_days);
  json_builder_set_member_name (b, "return_to_scratch");
  json_builder_add_boolean_value (b, p->return_to_scratch);
  json_builder_end_object (b);

  return json_builder_get_root (b);
}

JsonNode *
custody_json_location (CustodyLocation *location)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  add_string (b, "name", location->name);
  add_string (b, "kind", custody_location_kind_to_string (location->kind));
  custody_json_add_time (b, "created_at", location->created_at);
  json_builder_end_object (b);

  return json_builder_get_root (b);
}

JsonNode *
custody_json_movement (CustodyMovement *m)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  custody_json_add_time (b, "at", m->at);
  add_string (b, "from", m->from);
  add_string (b, "to", m->to);
  add_string (b, "by", m->by);
  add_string (b, "courier", m->courier);
  add_string (b, "container", m->container);
  add_string (b, "seal", m->seal);
  add_string (b, "note", m->note);
  add_string (b, "source", m->source);
  custody_json_add_time (b, "recorded_at", m->recorded_at);
  json_builder_end_object (b);

  return json_builder_get_root (b);
}

JsonNode *
custody_json_medium (CustodyMedium *m,
                     GPtrArray     *movements)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  add_string (b, "volser", m->volser);
  add_string (b, "type", m->type);
  add_string (b, "pool", m->pool);
  add_string (b, "status", custody_medium_status_to_string (m->status));
  add_string (b, "location", m->location);
  add_string (b, "location_kind",
              m->location != NULL ? custody_location_kind_to_string (m->location_kind) : NULL);
  add_string (b, "container", m->container);
  custody_json_add_time (b, "retention_until", m->retention_until);
  add_bool (b, "worm", m->worm);
  add_int (b, "capacity_bytes", m->capacity_bytes);
  add_int (b, "bytes_written", m->bytes_written);
  add_int (b, "mounts", m->mounts);
  add_int (b, "errors", m->errors);
  custody_json_add_time (b, "last_written", m->last_written);
  custody_json_add_time (b, "created_at", m->created_at);
  add_string (b, "note", m->note);
  add_string (b, "slot", m->slot != NULL && m->slot[0] != '\0' ? m->slot : NULL);
  if (movements != NULL)
    {
      json_builder_set_member_name (b, "movements");
      json_builder_begin_array (b);
      for (guint i = 0; i < movements->len; i++)
        json_builder_add_value (b, custody_json_movement (g_ptr_array_index (movements, i)));
      json_builder_end_array (b);
    }
  json_builder_end_object (b);

  return json_builder_get_root (b);
}

/**
 * custody_json_append_string:
 * @value: (nullable): UTF-8 text, written as it is (non-ASCII included)
 *
 * JSON text, written directly: a check of ten thousand jobs writes
 * millions of values, which a JsonBuilder tree would hold all at once.
 * Also how a list of names becomes the JSON that json_each () reads.
 */
void
custody_json_append_string (GString    *out,
                            const char *value)
{
  if (value == NULL)
    {
      g_string_append (out, "null");
      return;
    }

  g_string_append_c (out, '"');
  for (const char *p = value; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      switch (c)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        default:
          if (c < 0x20)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, (char) c);
          break;
        }
    }
  g_string_append_c (out, '"');
}

static void
append_time (GString *out,
             gint64   t)
{
  g_autofree char *text = custody_time_format (t);
  custody_json_append_string (out, text);
}

static void
append_strings (GString    *out,
                GPtrArray  *strings,
                const char *indent)
{
  if (strings == NULL || strings->len == 0)
    {
      g_string_append (out, "[]");
      return;
    }

  g_string_append (out, "[\n");
  for (guint i = 0; i < strings->len; i++)
    {
      g_string_append_printf (out, "%s  ", indent);
      custody_json_append_string (out, g_ptr_array_index (strings, i));
      g_string_append (out, i + 1 < strings->len ? ",\n" : "\n");
    }
  g_string_append_printf (out, "%s]", indent);
}

#define BOOL(b) ((b) ? "true" : "false")

/**
 * custody_json_append_verdict:
 * @indent: spaces before each line
 *
 * Appends one job's check, in the shape of `check --json` (cli.md).
 */
void
custody_json_append_verdict (GString        *out,
                             CustodyVerdict *v,
                             guint           indent)
{
  g_autofree char *pad = g_strnfill (indent, ' ');

  g_string_append_printf (out, "%s{\n%s  \"job\": ", pad, pad);
  custody_json_append_string (out, v->job);
  g_string_append_printf (out, ",\n%s  \"status\": \"%s\",\n%s  \"rules\": [\n",
                          pad, custody_status_to_string (v->status), pad);
  for (guint r = 0; r < CUSTODY_N_RULES; r++)
    {
      g_autofree char *inner = g_strdup_printf ("%s    ", pad);

      g_string_append_printf (out,
                              "%s    {\"rule\": \"%s\", \"pass\": %s, \"have\": %" G_GINT64_FORMAT
                              ", \"need\": %" G_GINT64_FORMAT ", \"reasons\": ",
                              pad, custody_rule_to_string (r), BOOL (v->rules[r].pass),
                              v->rules[r].have, v->rules[r].need);
      append_strings (out, v->rules[r].reasons, inner);
      g_string_append (out, r + 1 < CUSTODY_N_RULES ? "},\n" : "}\n");
    }
  g_string_append_printf (out, "%s  ],\n%s  \"copies\": [", pad, pad);
  for (guint i = 0; i < v->n_copies; i++)
    {
      const CustodyCopyVerdict *c = &v->copies[i];
      g_autofree char *inner = g_strdup_printf ("%s    ", pad);

      g_string_append_printf (out, "%s\n%s    {\"copy\": ", i > 0 ? "," : "", pad);
      custody_json_append_string (out, c->name);
      g_string_append_printf (out,
                              ", \"media_type\": \"%s\", \"valid\": %s, \"offsite\": %s,"
                              " \"offline\": %s, \"immutable\": %s, \"last_success\": ",
                              custody_media_type_to_string (c->media_type), BOOL (c->valid),
                              BOOL (c->offsite), BOOL (c->offline), BOOL (c->immutable));
      append_time (out, c->last_success);
      g_string_append (out, ", \"valid_until\": ");
      append_time (out, c->valid_until);
      g_string_append (out, ", \"reasons\": ");
      append_strings (out, c->reasons, inner);
      g_string_append_c (out, '}');
    }
  if (v->n_copies > 0)
    g_string_append_printf (out, "\n%s  ]", pad);
  else
    g_string_append_c (out, ']');
  g_string_append_printf (out, ",\n%s  \"risks\": ", pad);
  {
    g_autofree char *inner = g_strdup_printf ("%s  ", pad);
    append_strings (out, v->risks, inner);
  }
  g_string_append_printf (out, "\n%s}", pad);
}

JsonNode *
custody_json_verdict (CustodyVerdict *v)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();

  custody_json_append_verdict (text, v, 0);
  if (!json_parser_load_from_data (parser, text->str, (gssize) text->len, NULL))
    g_assert_not_reached ();

  return json_node_copy (json_parser_get_root (parser));
}

/* The shortest text that reads back as @value: json-glib 1.6 prints
 * doubles with %.17g, which turns 0.1 into 0.10000000000000001. A value
 * without a fraction keeps ".0" so that it reads back as a double. */
void
custody_json_append_double (GString *out,
                            double   value)
{
  static const char * const formats[] = { "%.15g", "%.16g", "%.17g" };
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (value))
    {
      /* JSON has no infinities nor NaN. */
      g_string_append (out, "null");
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_ascii_formatd (buf, sizeof buf, formats[i], value);
      if (g_ascii_strtod (buf, NULL) == value)
        break;
    }
  g_string_append (out, buf);
  if (strpbrk (buf, ".eE") == NULL)
    g_string_append (out, ".0");
}

static void
append_node (GString  *out,
             JsonNode *node,
             gboolean  pretty,
             guint     depth);

static void
append_newline_indent (GString  *out,
                       gboolean  pretty,
                       guint     depth)
{
  if (!pretty)
    return;
  g_string_append_c (out, '\n');
  for (guint i = 0; i < depth * 2; i++)
    g_string_append_c (out, ' ');
}

static void
append_valid_string (GString    *out,
                     const char *value)
{
  g_autofree char *valid = NULL;

  /* Names and messages may come from arguments in any encoding; the
   * document stays UTF-8. */
  if (value != NULL && !g_utf8_validate (value, -1, NULL))
    value = valid = g_utf8_make_valid (value, -1);
  custody_json_append_string (out, value);
}

static void
append_value (GString  *out,
              JsonNode *node)
{
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
      break;
    case G_TYPE_DOUBLE:
      custody_json_append_double (out, json_node_get_double (node));
      break;
    case G_TYPE_BOOLEAN:
      g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
      break;
    case G_TYPE_STRING:
      append_valid_string (out, json_node_get_string (node));
      break;
    default:
      g_string_append (out, "null");
      break;
    }
}

static void
append_node (GString  *out,
             JsonNode *node,
             gboolean  pretty,
             guint     depth)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_node_get_object (node);
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;
        gboolean first = TRUE;

        g_string_append_c (out, '{');
        json_object_iter_init_ordered (&iter, object);
        while (json_object_iter_next_ordered (&iter, &name, &member))
          {
            if (!first)
              g_string_append_c (out, ',');
            first = FALSE;
            append_newline_indent (out, pretty, depth + 1);
            append_valid_string (out, name);
            g_string_append (out, pretty ? " : " : ":");
            append_node (out, member, pretty, depth + 1);
          }
        if (!first)
          append_newline_indent (out, pretty, depth);
        g_string_append_c (out, '}');
      }
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);

        g_string_append_c (out, '[');
        for (guint i = 0; i < n; i++)
          {
            if (i > 0)
              g_string_append_c (out, ',');
            append_newline_indent (out, pretty, depth + 1);
            append_node (out, json_array_get_element (array, i), pretty, depth + 1);
          }
        if (n > 0)
          append_newline_indent (out, pretty, depth);
        g_string_append_c (out, ']');
      }
      break;

    case JSON_NODE_VALUE:
      append_value (out, node);
      break;

    case JSON_NODE_NULL:
    default:
      g_string_append (out, "null");
      break;
    }
}

/* The one JSON writer of documents built as trees: json-glib's layout
 * (two spaces, " : "), with numbers that read as they were written. */
char *
custody_json_to_string (JsonNode *node,
                        gboolean  pretty)
{
  GString *out = g_string_new (NULL);

  append_node (out, node, pretty, 0);

  return g_string_free (out, FALSE);
}

/* json-glib 1.6 overflows its stack on deeply nested input: refuse it
 * before parsing anything untrusted. */
gboolean
custody_json_check_depth (const char *data,
                          gsize       length,
                          guint       max_depth)
{
  guint depth = 0;
  gboolean in_string = FALSE;

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }

      switch (c)
        {
        case '"':
          in_string = TRUE;
          break;
        case '[':
        case '{':
          if (++depth > max_depth)
            return FALSE;
          break;
        case ']':
        case '}':
          if (depth > 0)
            depth--;
          break;
        default:
          break;
        }
    }

  return TRUE;
}
