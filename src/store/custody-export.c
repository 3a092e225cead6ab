/* custody-export.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custody-export"

#include "config.h"

#include "custody-json.h"
#include "custody-store-private.h"
#include "custody-time.h"

/* The whole store as one JSON document, written table by table straight
 * from SQL so that a million executions never sit in memory at once. */

typedef struct
{
  GOutputStream *output;
  GString       *buffer;
  JsonGenerator *generator;
  gboolean       first;
} Writer;

static gboolean
flush (Writer        *w,
       gboolean       force,
       GCancellable  *cancellable,
       GError       **error)
{
  if (w->buffer->len < 256 * 1024 && !force)
    return TRUE;
  if (!g_output_stream_write_all (w->output, w->buffer->str, w->buffer->len, NULL, cancellable,
                                  error))
    return FALSE;
  g_string_truncate (w->buffer, 0);
  return TRUE;
}

static void
append_value (Writer        *w,
              sqlite3_stmt  *stmt,
              int            col)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_VALUE);
  g_autofree char *text = NULL;
  const char *name = sqlite3_column_name (stmt, col);

  switch (sqlite3_column_type (stmt, col))
    {
    case SQLITE_INTEGER:
      /* Columns named like times are written as times. */
      if (g_str_has_suffix (name, "_at") || g_str_equal (name, "at") ||
          g_str_equal (name, "started") || g_str_equal (name, "finished") ||
          g_str_has_suffix (name, "_until") || g_str_equal (name, "last_written"))
        {
          text = custody_time_format (sqlite3_column_int64 (stmt, col));
          json_node_set_string (node, text);
        }
      else
        json_node_set_int (node, sqlite3_column_int64 (stmt, col));
      break;
    case SQLITE_FLOAT:
      /* json-glib would write 0.1 as 0.10000000000000001. */
      custody_json_append_double (w->buffer, sqlite3_column_double (stmt, col));
      return;
    case SQLITE_NULL:
      json_node_init_null (node);
      break;
    case SQLITE_TEXT:
    case SQLITE_BLOB:
    default:
      json_node_set_string (node, (const char *) sqlite3_column_text (stmt, col));
      break;
    }

  json_generator_set_root (w->generator, node);
  text = json_generator_to_data (w->generator, NULL);
  g_string_append (w->buffer, text);
}

static gboolean
write_table (CustodyStore  *self,
             Writer        *w,
             const char    *member,
             const char    *sql,
             GCancellable  *cancellable,
             GError       **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean first_row = TRUE;
  int rc;

  rc = sqlite3_prepare_v2 (custody_store_get_db (self), sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return custody_store_fail (self, rc, error);

  g_string_append_printf (w->buffer, ",\n  \"%s\": [", member);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int n = sqlite3_column_count (stmt);

      g_string_append (w->buffer, first_row ? "\n    {" : ",\n    {");
      first_row = FALSE;
      for (int col = 0; col < n; col++)
        {
          g_string_append_printf (w->buffer, "%s\"%s\": ", col > 0 ? ", " : "",
                                  sqlite3_column_name (stmt, col));
          append_value (w, stmt, col);
        }
      g_string_append_c (w->buffer, '}');

      if (!flush (w, FALSE, cancellable, error))
        {
          sqlite3_finalize (stmt);
          return FALSE;
        }
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return custody_store_fail (self, rc, error);

  g_string_append (w->buffer, first_row ? "]" : "\n  ]");
  return TRUE;
}

gboolean
custody_store_export_json (CustodyStore   *self,
                           GOutputStream  *output,
                           GCancellable   *cancellable,
                           GError        **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  static const struct
  {
    const char *member;
    const char *sql;
  } tables[] = {
    { "locations", "SELECT name, kind, note, created_at FROM locations ORDER BY name" },
    { "pools", "SELECT name, media_type, scheme, params, created_at FROM pools ORDER BY name" },
    { "jobs", "SELECT name, source, owner, rpo_hours, verify_days, tags, created_at"
              " FROM jobs ORDER BY name" },
    { "copies", "SELECT j.name AS job, c.name, c.media_type, l.name AS location, c.immutable,"
                " c.air_gapped, c.retention_days, c.created_at"
                " FROM copies c JOIN jobs j ON j.id = c.job_id"
                " LEFT JOIN locations l ON l.id = c.location_id ORDER BY j.name, c.name" },
    { "media", "SELECT m.volser, m.type, p.name AS pool, m.status, m.retention_until,"
               " m.capacity_bytes, m.bytes_written, m.mounts, m.errors, m.worm, m.last_written,"
               " m.note, m.created_at"
               " FROM media m LEFT JOIN pools p ON p.id = m.pool_id ORDER BY m.volser" },
    { "movements", "SELECT m.volser, f.name AS \"from\", t.name AS \"to\", mv.at, mv.by,"
                   " mv.courier, mv.container, mv.seal, mv.note, mv.source, mv.recorded_at"
                   " FROM movements mv JOIN media m ON m.id = mv.media_id"
                   " LEFT JOIN locations f ON f.id = mv.from_location_id"
                   " JOIN locations t ON t.id = mv.to_location_id ORDER BY mv.id" },
    { "executions", "SELECT j.name AS job, c.name AS copy, e.started, e.finished, e.status,"
                    " e.bytes, e.files,"
                    " (SELECT group_concat (m.volser, ';') FROM execution_volumes ev"
                    "   JOIN media m ON m.id = ev.media_id"
                    "   WHERE ev.execution_id = e.id) AS volumes,"
                    " e.run_id, e.message"
                    " FROM executions e JOIN copies c ON c.id = e.copy_id"
                    " JOIN jobs j ON j.id = c.job_id ORDER BY e.id" },
    { "verifications", "SELECT j.name AS job, c.name AS copy, v.kind, v.at, v.result, v.errors,"
                       " v.duration_s, v.by, v.note"
                       " FROM verifications v JOIN copies c ON c.id = v.copy_id"
                       " JOIN jobs j ON j.id = c.job_id ORDER BY v.id" },
    { "alerts", "SELECT cause, kind, severity, subject, message, raised_at, resolved_at,"
                " acknowledged_by, acknowledged_at, acknowledged_note FROM alerts ORDER BY id" },
    { "audit", "SELECT id, at, business_at, actor, action, entity, before, after, prev_hash, hash"
               " FROM audit ORDER BY id" },
  };
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GString) buffer = g_string_sized_new (512 * 1024);
  g_autofree char *now = NULL;
  Writer w = { output, buffer, generator, TRUE };
  gboolean ok = TRUE;

  g_return_val_if_fail (CUSTODY_IS_STORE (self), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (output), FALSE);

  locker = g_mutex_locker_new (custody_store_get_mutex (self));

  now = custody_time_format (custody_time_now ());
  g_string_append_printf (buffer,
                          "{\n  \"version\": 1,\n  \"schema\": %d,\n  \"exported_at\": \"%s\"",
                          CUSTODY_STORE_SCHEMA_VERSION, now);

  /* One read transaction: every table from the same moment. */
  if (!custody_store_exec (self, "BEGIN", error))
    return FALSE;
  for (guint i = 0; ok && i < G_N_ELEMENTS (tables); i++)
    ok = write_table (self, &w, tables[i].member, tables[i].sql, cancellable, error);
  sqlite3_exec (custody_store_get_db (self), "COMMIT", NULL, NULL, NULL);

  if (!ok)
    return FALSE;

  g_string_append (buffer, "\n}\n");
  return flush (&w, TRUE, cancellable, error);
}
