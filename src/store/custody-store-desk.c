/* custody-store-desk.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custody-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "custody-json.h"
#include "custody-store-private.h"
#include "custody-time.h"
#include "custody-volser.h"

/* The tape desk: pools and their rotation, the day's lists, the alerts
 * they raise, and reconciliations of what is physically somewhere. */

/*
 * Pools
 */

static char *
policy_to_json (const CustodyRotationPolicy *p)
{
  g_autoptr(JsonNode) root = custody_json_rotation (p);

  return custody_json_to_string (root, FALSE);
}

/* The params column, as written by policy_to_json; what is missing or
 * not understood keeps the scheme's default. */
static void
policy_from_json (const char            *scheme,
                  const char            *params,
                  CustodyRotationPolicy *p)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  CustodyRotationScheme s = CUSTODY_ROTATION_NONE;
  JsonObject *o;

  custody_rotation_scheme_from_string (scheme, &s);
  custody_rotation_policy_init (p, s);

  if (params == NULL || !custody_json_check_depth (params, strlen (params), 8) ||
      !json_parser_load_from_data (parser, params, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return;

  o = json_node_get_object (json_parser_get_root (parser));
  p->keep_daily = json_object_get_int_member_with_default (o, "daily", p->keep_daily);
  p->keep_weekly = json_object_get_int_member_with_default (o, "weekly", p->keep_weekly);
  p->keep_monthly = json_object_get_int_member_with_default (o, "monthly", p->keep_monthly);
  p->keep_yearly = json_object_get_int_member_with_default (o, "yearly", p->keep_yearly);
  custody_weekday_from_string (json_object_get_string_member_with_default (o, "full_day", NULL),
                               &p->full_day);
  p->cycle_weeks = json_object_get_int_member_with_default (o, "cycle_weeks", p->cycle_weeks);
  /* null (and -1, as written before) : the pool stays on site. */
  if (json_object_has_member (o, "offsite_after_days") &&
      json_object_get_null_member (o, "offsite_after_days"))
    p->offsite_after_days = -1;
  else
    p->offsite_after_days = json_object_get_int_member_with_default (o, "offsite_after_days",
                                                                     p->offsite_after_days);
  p->recall_days = json_object_get_int_member_with_default (o, "recall_days", p->recall_days);
  p->return_to_scratch = json_object_get_boolean_member_with_default (o, "return_to_scratch",
                                                                      p->return_to_scratch);
}

static gboolean
validate_pool (CustodyPool  *pool,
               GError      **error)
{
  g_autoptr(GError) local = NULL;

  if (pool->name == NULL || g_strstrip (pool->name)[0] == '\0')
    {
      g_set_error (error, CUSTODY_STORE_ERROR, CUSTODY_STORE_ERROR_INVALID,
                   _("a pool needs a name"));
      return FALSE;
    }
  if (!custody_rotation_policy_validate (&pool->policy, &local))
    {
      g_set_error (error, CUSTODY_STORE_ERROR, CUSTODY_STORE_ERROR_INVALID,
                   _("pool '%s': %s"), pool->name, local->message);
      return FALSE;
    }
  return TRUE;
}

static JsonNode *
pool_json (CustodyPool *pool)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *params = policy_to_json (&pool->policy);
  g_autoptr(JsonParser) parser = json_parser_new ();

  json_parser_load_from_data (parser, params, -1, NULL);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, pool->name);
  json_builder_set_member_name (b, "media_type");
  json_builder_add_string_value (b, pool->media_type != NULL ? pool->media_type : "");
  json_builder_set_member_name (b, "scheme");
  json_builder_add_string_value (b, custody_rotation_scheme_to_string (pool->policy.scheme));
  json_builder_set_member_name (b, "rotation");
  json_builder_add_value (b, json_node_copy (json_parser_get_root (parser)));
  json_builder_end_object (b);

  return json_builder_get_root (b);
}

static gboolean
write_pool (CustodyStore  *self,
            const char    *old_name,
            CustodyPool   *pool,
            GError       **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autofree char *params = NULL;
  g_autofree char *entity = NULL;
  sqlite3_stmt *stmt;
  gint64 id = 0;

  if (!validate_pool (pool, error) ||
      !custody_store_check_name (pool->name, g_strcmp0 (pool->name, old_name) != 0, error))
    return FALSE;
  params = policy_to_json (&pool->policy);

  locker = g_mutex_locker_new (custody_store_get_mutex (self));

  if (!custody_store_write_begin (self, error))
    return FALSE;

  if (old_name != NULL)
    {
      id = custody_store_find_pool_id (self, old_name, FALSE, error);
      if (id == 0)
        goto fail;
      stmt = custody_store_prepare (self,
                                    "UPDATE pools SET name = ?1, media_type = ?2, scheme = ?3,"
                                    "  params = ?4 WHERE id = ?5", error);
    }
  else
    stmt = custody_store_prepare (self,
                                  "INSERT INTO pools (name, media_type, scheme, params, created_at)"
                                  " VALUES (?1, ?2, ?3, ?4, ?5)", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, pool->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, pool->media_type != NULL ? pool->media_type : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, custody_rotation_scheme_to_string (pool->policy.scheme), -1,
                     SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, params, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, old_name != NULL ? id : custody_store_now (self));
  if (!custody_store_step_unique (self, stmt, error,
                                  _("pool '%s' already exists"), pool->name))
    goto fail;

  entity = g_strconcat ("pool:", pool->name, NULL);
  return custody_store_write_commit (self, old_name != NULL ? "pool.edit" : "pool.add", entity,
                                     NULL, pool_json (pool), error);

fail:
  custody_store_write_rollback (self);
  return FALSE;
}

/**
 * custody_store_add_pool:
 *
 * Adds a pool with its rotation. Volumes name their pool when added; a
 * name no pool has yet makes one without rotation.
 */
gboolean
custody_store_add_pool (CustodyStore  *self,
                        CustodyPool   *pool,
                        GError       **error)
{
  g_return_val_if_fail (CUSTODY_IS_STORE (self), FALSE);
  g_return_val_if_fail (CUSTODY_IS_POOL (pool), FALSE);

  return write_pool (self, NULL, pool, error);
}

gboolean
custody_store_update_pool (CustodyStore  *self,
                           const char    *name,
                           CustodyPool   *pool,
                           GError       **error)
{
  g_return_val_if_fail (CUSTODY_IS_STORE (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (CUSTODY_IS_POOL (pool), FALSE);

  return write_pool (self, name, pool, error);
}

/* Returns: (transfer full) (element-type CustodyPool): by name */
GPtrArray *
custody_store_list_pools (CustodyStore  *self,
                          GError       **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(GPtrArray) pools = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CUSTODY_IS_STORE (self), NULL);

  locker = g_mutex_locker_new (custody_store_get_mutex (self));

  stmt = custody_store_prepare (self,
                                "SELECT p.id, p.name, p.media_type, p.scheme, p.params,"
                                "       p.created_at,"
                                "  (SELECT count (*) FROM media m WHERE m.pool_id = p.id"
                                "     AND m.created_at <= ?1)"
                                " FROM pools p WHERE p.created_at <= ?1 ORDER BY p.name", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, custody_store_now (self));

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CustodyPool *pool = custody_pool_new (custody_sql_text (stmt, 1));

      pool->id = sqlite3_column_int64 (stmt, 0);
      g_free (pool->media_type);
      pool->media_type = g_strdup (custody_sql_text (stmt, 2));
      policy_from_json (custody_sql_text (stmt, 3), custody_sql_text (stmt, 4), &pool->policy);
      pool->created_at = sqlite3_column_int64 (stmt, 5);
      pool->n_media = sqlite3_column_int64 (stmt, 6);
      g_ptr_array_add (pools, pool);
    }
  if (!custody_store_finish_steps (self, stmt, rc, error))
    return NULL;

  return g_steal_pointer (&pools);
}

/*
 * The day's lists
 */

static GTimeZone *
desk_zone (void)
{
  static gsize zone;

  if (g_once_init_enter (&zone))
    g_once_init_leave (&zone, (gsize) g_time_zone_new_local ());
  return (GTimeZone *) zone;
}

/* Only what the lists need, each volume's strings in one chunk (pools,
 * types and locations once each): fifty thousand volumes take a few
 * megabytes here, where full CustodyMedium objects took tens. */
#define DESK_MEDIA_SELECT \
  "SELECT m.volser, m.type, p.name, m.status, l.name, l.kind, mv.at, m.retention_until," \
  "       m.last_written" \
  CUSTODY_MEDIA_AT_FROM \
  " WHERE m.created_at <= ?1 AND m.status != 'retired'"

static const char *
chunk_text_or_null (GStringChunk *chunk,
                    sqlite3_stmt *stmt,
                    int           column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return NULL;
  return g_string_chunk_insert_const (chunk, (const char *) sqlite3_column_text (stmt, column));
}

static CustodyDesk *
load_desk (CustodyStore  *self,
           gint64         now,
           GError       **error)
{
  g_autoptr(GHashTable) policies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GArray) volumes = g_array_new (FALSE, TRUE, sizeof (CustodyDeskVolume));
  GStringChunk *chunk = g_string_chunk_new (64 * 1024);
  CustodyDesk *desk = NULL;
  sqlite3_stmt *stmt;
  int rc;

  stmt = custody_store_prepare (self, "SELECT name, scheme, params FROM pools", error);
  if (stmt == NULL)
    goto out;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CustodyRotationPolicy *p = g_new0 (CustodyRotationPolicy, 1);

      policy_from_json (custody_sql_text (stmt, 1), custody_sql_text (stmt, 2), p);
      g_hash_table_insert (policies, g_strdup (custody_sql_text (stmt, 0)), p);
    }
  if (!custody_store_finish_steps (self, stmt, rc, error))
    goto out;

  stmt = custody_store_prepare (self, DESK_MEDIA_SELECT, error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int64 (stmt, 1, now);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CustodyDeskVolume v = { 0 };
      gint64 last_written = custody_sql_time (stmt, 8);

      v.volser = g_string_chunk_insert (chunk, custody_sql_text (stmt, 0));
      v.type = g_string_chunk_insert_const (chunk, custody_sql_text (stmt, 1));
      v.pool = chunk_text_or_null (chunk, stmt, 2);
      v.policy = v.pool != NULL ? g_hash_table_lookup (policies, v.pool) : NULL;
      custody_medium_status_from_string (custody_sql_text (stmt, 3), &v.status);
      v.location = chunk_text_or_null (chunk, stmt, 4);
      v.location_kind = CUSTODY_LOCATION_NONE;
      if (v.location != NULL)
        custody_location_kind_from_string (custody_sql_text (stmt, 5), &v.location_kind);
      v.location_since = custody_sql_time (stmt, 6);
      v.retention_until = custody_sql_time (stmt, 7);
      /* A write after now has not happened yet. */
      v.last_written = last_written != CUSTODY_TIME_NONE && last_written <= now
                       ? last_written : CUSTODY_TIME_NONE;
      g_array_append_val (volumes, v);
    }
  if (!custody_store_finish_steps (self, stmt, rc, error))
    goto out;

  desk = custody_desk_compute ((CustodyDeskVolume *) volumes->data, volumes->len, now,
                               desk_zone ());

out:
  g_string_chunk_free (chunk);
  return desk;
}

/**
 * custody_store_get_desk:
 *
 * The desk's lists for the day of the store's clock, in local time.
 *
 * Returns: (transfer full)
 */
CustodyDesk *
custody_store_get_desk (CustodyStore  *self,
                        GError       **error)
{
  g_return_val_if_fail (CUSTODY_IS_STORE (self), NULL);

  return custody_store_get_desk_at (self, custody_store_now (self), error);
}

/**
 * custody_store_get_desk_at:
 * @at: the moment whose day the lists are for
 *
 * The desk's lists as they stood, or will stand, on the day of @at: the
 * media report prints those of its date. Inside a read transaction
 * (custody_store_begin_read()) it reads in that transaction.
 *
 * Returns: (transfer full)
 */
CustodyDesk *
custody_store_get_desk_at (CustodyStore  *self,
                           gint64         at,
                           GError       **error)
{
  CustodyDesk *desk;
  gboolean own_transaction;

  g_return_val_if_fail (CUSTODY_IS_STORE (self), NULL);

  {
    STORE_LOCK (self);

    /* One read transaction: the pools and the media of one moment. */
    own_transaction = sqlite3_get_autocommit (custody_store_get_db (self));
    if (own_transaction && !custody_store_exec (self, "BEGIN", error))
      return NULL;
    desk = load_desk (self, at, error);
    if (own_transaction)
      sqlite3_exec (custody_store_get_db (self), "COMMIT", NULL, NULL, NULL);
  }

  return desk;
}

/*
 * Alerts
 */

/* The message is kept in English; readers word it in their language from
 * the kind, subject and detail (custody_alert_describe()). */
gboolean
custody_store_raise_alert (CustodyStore     *self,
                           const char       *cause,
                           const char       *kind,
                           CustodySeverity   severity,
                           const char       *subject,
                           const char       *detail,
                           GError          **error)
{
  g_autofree char *message = custody_alert_describe (kind, subject, detail, FALSE);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (message != NULL, FALSE);

  stmt = custody_store_prepare (self,
                                "INSERT INTO alerts (cause, kind, severity, subject, message,"
                                "                    raised_at, detail)"
                                " SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7 WHERE NOT EXISTS"
                                "  (SELECT 1 FROM alerts WHERE cause = ?1 AND resolved_at IS NULL)",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, cause, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, custody_severity_to_string (severity), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, subject, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, message, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 6, custody_store_now (self));
  sqlite3_bind_text (stmt, 7, detail, -1, SQLITE_STATIC);
  if (!custody_store_step_done (self, stmt, error))
    return FALSE;
  return TRUE;
}

/* Observed facts are recorded whatever they break; what they break is
 * raised instead, one alert per job. */
gboolean
custody_store_raise_observed_breaks (CustodyStore  *self,
                                     GPtrArray     *broken,
                                     const char    *location,
                                     GError       **error)
{
  for (guint i = 0; i < broken->len; i++)
    {
      const char *entry = g_ptr_array_index (broken, i);
      g_autofree char *job = g_strndup (entry, strcspn (entry, " "));
      g_autofree char *cause = g_strconcat ("observed-break:", job, NULL);

      const char *open = strchr (entry, '(');
      g_autofree char *rules = open != NULL ? g_strndup (open + 1, strcspn (open + 1, ")"))
                               : g_strdup ("");
      g_autofree char *detail = g_strdup_printf ("%s\t%s", location, rules);

      if (!custody_store_raise_alert (self, cause, "observed-break", CUSTODY_SEVERITY_CRITICAL, job,
                                      detail, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
run_update (CustodyStore  *self,
            const char    *sql,
            gint64         now,
            const char    *text,
            guint         *changed,
            GError       **error)
{
  sqlite3_stmt *stmt = custody_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, now);
  sqlite3_bind_text (stmt, 2, text, -1, SQLITE_STATIC);
  if (!custody_store_step_done (self, stmt, error))
    return FALSE;
  *changed += sqlite3_changes (custody_store_get_db (self));
  return TRUE;
}

/* What is overdue, as one alert's message: a site with thousands of
 * late volumes gets one alert that says so, not thousands. */
/* The overdue alert's detail: how many, since when the oldest, and the
 * first few volsers (the lists run by due day). */
static char *
overdue_detail (GPtrArray *overdue)
{
  g_autoptr(GString) detail = g_string_new (NULL);
  g_autofree char *due =
    custody_time_format_date (((CustodyDeskItem *) g_ptr_array_index (overdue, 0))->due);

  g_string_printf (detail, "%u\t%s\t", overdue->len, due);
  for (guint i = 0; i < MIN (overdue->len, 5); i++)
    g_string_append_printf (detail, "%s%s", i > 0 ? ", " : "",
                            ((CustodyDeskItem *) g_ptr_array_index (overdue, i))->volser);
  if (overdue->len > 5)
    g_string_append (detail, "…");
  return g_string_free (g_steal_pointer (&detail), FALSE);
}

/**
 * custody_store_sync_desk_alerts:
 * @desk: today's lists
 * @verdicts: (nullable) (element-type CustodyVerdict): every job's verdict
 *
 * Keeps one alert open while volumes are overdue at the desk, saying
 * which; resolves the alerts of observed facts whose job is no longer in
 * violation. Writes nothing when nothing changes.
 */
gboolean
custody_store_sync_desk_alerts (CustodyStore  *self,
                                CustodyDesk   *desk,
                                GPtrArray     *verdicts,
                                GError       **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(GString) violating = g_string_new ("[");
  g_autofree char *detail = NULL;
  g_autofree char *message = NULL;
  GPtrArray *overdue;
  sqlite3_stmt *stmt;
  guint changed = 0;
  gint64 now;

  g_return_val_if_fail (CUSTODY_IS_STORE (self), FALSE);
  g_return_val_if_fail (desk != NULL, FALSE);

  overdue = desk->lists[CUSTODY_DESK_OVERDUE];
  detail = overdue->len > 0 ? overdue_detail (overdue) : NULL;
  message = detail != NULL ? custody_alert_describe ("media-overdue", "Tape desk", detail, FALSE)
            : NULL;
  for (guint i = 0; verdicts != NULL && i < verdicts->len; i++)
    {
      CustodyVerdict *v = g_ptr_array_index (verdicts, i);

      if (v->status != CUSTODY_STATUS_VIOLATION)
        continue;
      if (violating->len > 1)
        g_string_append_c (violating, ',');
      custody_json_append_string (violating, v->job);
    }
  g_string_append_c (violating, ']');

  locker = g_mutex_locker_new (custody_store_get_mutex (self));
  now = custody_store_now (self);

  if (!custody_store_write_begin (self, error))
    return FALSE;

  if (overdue->len == 0 &&
      !run_update (self,
                   "UPDATE alerts SET resolved_at = ?1 WHERE resolved_at IS NULL AND kind = ?2",
                   now, "media-overdue", &changed, error))
    goto fail;
  if (verdicts != NULL &&
      !run_update (self,
                   "UPDATE alerts SET resolved_at = ?1 WHERE resolved_at IS NULL"
                   "   AND kind = 'observed-break'"
                   "   AND subject NOT IN (SELECT value FROM json_each (?2))",
                   now, violating->str, &changed, error))
    goto fail;

  if (message != NULL)
    {
      /* The open alert says what is overdue now. */
      stmt = custody_store_prepare (self,
                                    "UPDATE alerts SET message = ?1, detail = ?2"
                                    " WHERE resolved_at IS NULL AND cause = 'media-overdue'"
                                    "   AND (message != ?1 OR detail IS NOT ?2)", error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_text (stmt, 1, message, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, detail, -1, SQLITE_STATIC);
      if (!custody_store_step_done (self, stmt, error))
        goto fail;
      changed += sqlite3_changes (custody_store_get_db (self));

      {
        int before = sqlite3_total_changes (custody_store_get_db (self));

        /* Stored in English, like every subject; readers translate it. */
        if (!custody_store_raise_alert (self, "media-overdue", "media-overdue",
                                        CUSTODY_SEVERITY_WARNING, "Tape desk", detail, error))
          goto fail;
        changed += sqlite3_total_changes (custody_store_get_db (self)) - before;
      }
    }

  if (changed == 0)
    {
      custody_store_write_rollback (self);
      return TRUE;
    }

  {
    g_autoptr(JsonBuilder) b = json_builder_new ();

    json_builder_begin_object (b);
    json_builder_set_member_name (b, "overdue");
    json_builder_add_int_value (b, overdue->len);
    json_builder_end_object (b);
    return custody_store_write_commit (self, "alerts.sync-desk", "alerts", NULL,
                                       json_builder_get_root (b), error);
  }

fail:
  custody_store_write_rollback (self);
  return FALSE;
}

/*
 * Reconciliation
 */

typedef struct
{
  char   *volser;
  gint64  medium_id;   /* 0: unknown */
  guint   scans;
  gboolean expected;
} Seen;

static void
seen_free (gpointer data)
{
  Seen *s = data;

  g_free (s->volser);
  g_free (s);
}

static GStrv
strv_from (GPtrArray *names)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < names->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (names, i));
  return g_strv_builder_end (builder);
}

static int
compare_seen (gconstpointer a,
              gconstpointer b)
{
  return g_strcmp0 ((*(Seen * const *) a)->volser, (*(Seen * const *) b)->volser);
}

static gboolean
insert_item (CustodyStore  *self,
             gint64         reconciliation_id,
             Seen          *seen,
             const char    *result,
             GError       **error)
{
  sqlite3_stmt *stmt = custody_store_prepare (self,
                                              "INSERT INTO reconciliation_items"
                                              " (reconciliation_id, volser, media_id, result,"
                                              "  scans) VALUES (?, ?, ?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, reconciliation_id);
  sqlite3_bind_text (stmt, 2, seen->volser, -1, SQLITE_STATIC);
  custody_sql_bind_id_or_null (stmt, 3, seen->medium_id);
  sqlite3_bind_text (stmt, 4, result, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 5, seen->scans);
  if (!custody_store_step_done (self, stmt, error))
    return FALSE;
  return TRUE;
}

/**
 * custody_store_reconcile:
 * @location: where the volumes were scanned
 * @scanned: what was scanned there, as read: duplicates, blanks and
 *   labels the store does not know included
 * @note: (nullable): a note
 * @source: (nullable): "scan" (default) or "mtx"
 *
 * Compares what is physically at a location with what the store says is
 * there: present, missing, surplus. The result is saved, dated, in one
 * transaction. The facts it observes are recorded regardless: a known
 * volume found there moves there, whatever it breaks (that raises an
 * alert); each missing volume raises an alert until it is found.
 *
 * Returns: (transfer full): the reconciliation
 */
CustodyReconciliation *
custody_store_reconcile (CustodyStore        *self,
                         const char          *location,
                         const char * const  *scanned,
                         const char          *note,
                         const char          *source,
                         GError             **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, seen_free);
  g_autoptr(GPtrArray) expected = g_ptr_array_new ();
  g_autoptr(GPtrArray) found = g_ptr_array_new ();
  g_autoptr(GPtrArray) present = g_ptr_array_new ();
  g_autoptr(GPtrArray) missing = g_ptr_array_new ();
  g_autoptr(GPtrArray) surplus = g_ptr_array_new ();
  g_autoptr(GPtrArray) unknown = g_ptr_array_new ();
  g_autoptr(GPtrArray) duplicates = g_ptr_array_new ();
  g_autoptr(GArray) moving = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) broken = NULL;
  g_autoptr(CustodyReconciliation) r = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *entity = NULL;
  g_autofree char *what = NULL;
  g_autofree char *when = NULL;
  g_auto(CustodyGuard) guard = { 0, };
  sqlite3_stmt *stmt;
  gint64 location_id, id, now;
  gint64 lines = 0;
  int rc;

  g_return_val_if_fail (CUSTODY_IS_STORE (self), NULL);
  g_return_val_if_fail (location != NULL, NULL);
  g_return_val_if_fail (scanned != NULL, NULL);

  locker = g_mutex_locker_new (custody_store_get_mutex (self));
  now = custody_store_now (self);

  if (!custody_store_write_begin (self, error))
    return NULL;

  location_id = custody_store_find_location_id (self, location, error);
  if (location_id == 0)
    goto fail;

  /* What the store says is there now. */
  stmt = custody_store_prepare (self, CUSTODY_MEDIA_AT_SELECT
                                " WHERE m.created_at <= ?1 AND mv.to_location_id = ?2"
                                " ORDER BY m.volser", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, now);
  sqlite3_bind_int64 (stmt, 2, location_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(CustodyMedium) m = custody_store_medium_from_row (stmt);
      Seen *s = g_new0 (Seen, 1);

      s->volser = g_strdup (m->volser);
      s->medium_id = m->id;
      s->expected = TRUE;
      g_hash_table_insert (seen, s->volser, s);
      g_ptr_array_add (expected, s);
    }
  if (!custody_store_finish_steps (self, stmt, rc, error))
    goto fail;

  /* What was found there. */
  for (guint i = 0; scanned[i] != NULL; i++)
    {
      g_autofree char *volser = NULL;
      g_autofree char *text = g_strstrip (g_strdup (scanned[i]));
      Seen *s;

      if (text[0] == '\0')
        continue;
      lines++;
      volser = custody_volser_normalize (text, NULL);
      if (volser == NULL)
        volser = g_steal_pointer (&text);

      s = g_hash_table_lookup (seen, volser);
      if (s == NULL)
        {
          s = g_new0 (Seen, 1);
          s->volser = g_strdup (volser);
          s->medium_id = MAX (custody_store_find_medium_id (self, volser, NULL), 0);
          g_hash_table_insert (seen, s->volser, s);
        }
      if (s->scans++ == 0)
        g_ptr_array_add (found, s);
      else if (s->scans == 2)
        g_ptr_array_add (duplicates, s->volser);
    }

  for (guint i = 0; i < expected->len; i++)
    {
      Seen *s = g_ptr_array_index (expected, i);
      g_ptr_array_add (s->scans > 0 ? present : missing, s);
    }
  g_ptr_array_sort (found, compare_seen);
  for (guint i = 0; i < found->len; i++)
    {
      Seen *s = g_ptr_array_index (found, i);

      if (s->expected)
        continue;
      g_ptr_array_add (surplus, s);
      if (s->medium_id == 0)
        g_ptr_array_add (unknown, s->volser);
      else
        g_array_append_val (moving, s->medium_id);
    }

  /* The reconciliation itself. */
  stmt = custody_store_prepare (self,
                                "INSERT INTO reconciliations (location_id, at, by, note, source,"
                                "  scans, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, location_id);
  sqlite3_bind_int64 (stmt, 2, now);
  sqlite3_bind_text (stmt, 3, custody_store_get_actor (self), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, note != NULL ? note : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, source != NULL ? source : "scan", -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 6, lines);
  sqlite3_bind_int64 (stmt, 7, custody_time_now ());
  if (!custody_store_step_done (self, stmt, error))
    goto fail;
  id = sqlite3_last_insert_rowid (custody_store_get_db (self));

  for (guint i = 0; i < present->len; i++)
    if (!insert_item (self, id, g_ptr_array_index (present, i), "present", error))
      goto fail;
  for (guint i = 0; i < missing->len; i++)
    if (!insert_item (self, id, g_ptr_array_index (missing, i), "missing", error))
      goto fail;
  for (guint i = 0; i < surplus->len; i++)
    if (!insert_item (self, id, g_ptr_array_index (surplus, i), "surplus", error))
      goto fail;

  when = custody_time_format (now);
  what = g_strdup_printf (_("the reconciliation of '%s' on %s"), location, when);

  /* Found here: it is here, whatever that breaks. */
  if (moving->len > 0)
    {
      if (!custody_store_guard_begin (self, moving, &guard, error))
        goto fail;
      for (guint i = 0; i < moving->len; i++)
        {
          g_autoptr(CustodyMovement) mv = custody_movement_new ();

          mv->source = g_strdup ("reconcile");
          mv->note = g_strdup_printf (_("found during %s"), what);
          if (!custody_store_insert_movement (self, g_array_index (moving, gint64, i), location_id,
                                              mv, error))
            goto fail;
        }
      broken = custody_store_guard_end (self, &guard, error);
      if (broken == NULL || !custody_store_raise_observed_breaks (self, broken, location, error))
        goto fail;
    }

  /* Found: no longer missing. Not found: missing until it is. */
  for (guint i = 0; i < present->len; i++)
    {
      g_autofree char *cause = g_strconcat ("media-missing:",
                                            ((Seen *) g_ptr_array_index (present, i))->volser,
                                            NULL);
      guint changed = 0;

      if (!run_update (self,
                       "UPDATE alerts SET resolved_at = ?1"
                       " WHERE resolved_at IS NULL AND cause = ?2",
                       now, cause, &changed, error))
        goto fail;
    }
  for (guint i = 0; i < missing->len; i++)
    {
      Seen *s = g_ptr_array_index (missing, i);
      g_autofree char *cause = g_strconcat ("media-missing:", s->volser, NULL);

      if (!custody_store_raise_alert (self, cause, "media-missing", CUSTODY_SEVERITY_CRITICAL,
                                      s->volser, location, error))
        goto fail;
    }

  r = custody_reconciliation_new ();
  r->id = id;
  r->location = g_strdup (location);
  r->at = now;
  g_free (r->by);
  r->by = g_strdup (custody_store_get_actor (self));
  g_free (r->note);
  r->note = g_strdup (note != NULL ? note : "");
  g_free (r->source);
  r->source = g_strdup (source != NULL ? source : "scan");
  r->scans = lines;
#define NAMES(array, out) \
  G_STMT_START { \
    g_autoptr(GPtrArray) names_ = g_ptr_array_new (); \
    for (guint i_ = 0; i_ < (array)->len; i_++) \
      g_ptr_array_add (names_, ((Seen *) g_ptr_array_index ((array), i_))->volser); \
    g_strfreev (out); \
    out = strv_from (names_); \
  } G_STMT_END
  NAMES (present, r->present);
  NAMES (missing, r->missing);
  NAMES (surplus, r->surplus);
#undef NAMES
  g_strfreev (r->unknown);
  r->unknown = strv_from (unknown);
  g_ptr_array_sort (duplicates, (GCompareFunc) g_strcmp0);
  g_strfreev (r->duplicates);
  r->duplicates = strv_from (duplicates);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_int_value (b, id);
  json_builder_set_member_name (b, "location");
  json_builder_add_string_value (b, location);
  json_builder_set_member_name (b, "present");
  json_builder_add_int_value (b, present->len);
  json_builder_set_member_name (b, "missing");
  json_builder_begin_array (b);
  for (guint i = 0; r->missing[i] != NULL; i++)
    json_builder_add_string_value (b, r->missing[i]);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "surplus");
  json_builder_begin_array (b);
  for (guint i = 0; r->surplus[i] != NULL; i++)
    json_builder_add_string_value (b, r->surplus[i]);
  json_builder_end_array (b);
  if (broken != NULL && broken->len > 0)
    custody_json_add_strings (b, "breaks", broken);
  json_builder_end_object (b);

  entity = g_strconcat ("location:", location, NULL);
  if (!custody_store_write_commit (self, "media.reconcile", entity, NULL, json_builder_get_root (b),
                                   error))
    return NULL;
  return g_steal_pointer (&r);

fail:
  custody_store_write_rollback (self);
  return NULL;
}

static CustodyReconciliation *
load_reconciliation (CustodyStore  *self,
                     sqlite3_stmt  *row)
{
  CustodyReconciliation *r = custody_reconciliation_new ();

  r->id = sqlite3_column_int64 (row, 0);
  r->location = g_strdup (custody_sql_text (row, 1));
  r->at = sqlite3_column_int64 (row, 2);
  g_free (r->by);
  r->by = g_strdup (custody_sql_text (row, 3));
  g_free (r->note);
  r->note = g_strdup (custody_sql_text (row, 4));
  g_free (r->source);
  r->source = g_strdup (custody_sql_text (row, 5));
  r->scans = sqlite3_column_int64 (row, 6);
  return r;
}

#define RECONCILIATION_SELECT \
  "SELECT r.id, l.name, r.at, r.by, r.note, r.source, r.scans" \
  " FROM reconciliations r JOIN locations l ON l.id = r.location_id"

static gboolean
load_items (CustodyStore           *self,
            CustodyReconciliation  *r,
            GError                **error)
{
  g_autoptr(GPtrArray) present = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) missing = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) surplus = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) unknown = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) duplicates = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = custody_store_prepare (self,
                                "SELECT volser, media_id IS NULL, result, scans"
                                " FROM reconciliation_items"
                                " WHERE reconciliation_id = ? ORDER BY volser", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, r->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *volser = custody_sql_text (stmt, 0);
      const char *result = custody_sql_text (stmt, 2);

      if (g_str_equal (result, "present"))
        g_ptr_array_add (present, g_strdup (volser));
      else if (g_str_equal (result, "missing"))
        g_ptr_array_add (missing, g_strdup (volser));
      else
        g_ptr_array_add (surplus, g_strdup (volser));
      if (g_str_equal (result, "surplus") && sqlite3_column_int (stmt, 1))
        g_ptr_array_add (unknown, g_strdup (volser));
      if (sqlite3_column_int (stmt, 3) > 1)
        g_ptr_array_add (duplicates, g_strdup (volser));
    }
  if (!custody_store_finish_steps (self, stmt, rc, error))
    return FALSE;

  g_strfreev (r->present);
  r->present = strv_from (present);
  g_strfreev (r->missing);
  r->missing = strv_from (missing);
  g_strfreev (r->surplus);
  r->surplus = strv_from (surplus);
  g_strfreev (r->unknown);
  r->unknown = strv_from (unknown);
  g_strfreev (r->duplicates);
  r->duplicates = strv_from (duplicates);
  return TRUE;
}

/**
 * custody_store_list_reconciliations:
 *
 * Returns: (transfer full) (element-type CustodyReconciliation): newest
 *   first, without their volumes
 */
GPtrArray *
custody_store_list_reconciliations (CustodyStore  *self,
                                    GError       **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CUSTODY_IS_STORE (self), NULL);

  locker = g_mutex_locker_new (custody_store_get_mutex (self));

  stmt = custody_store_prepare (self, RECONCILIATION_SELECT
                                " WHERE r.at <= ? ORDER BY r.at DESC, r.id DESC", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, custody_store_now (self));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (list, load_reconciliation (self, stmt));
  if (!custody_store_finish_steps (self, stmt, rc, error))
    return NULL;

  return g_steal_pointer (&list);
}

/* Returns: (transfer full): one reconciliation with its volumes */
CustodyReconciliation *
custody_store_get_reconciliation (CustodyStore  *self,
                                  gint64         id,
                                  GError       **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(CustodyReconciliation) r = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CUSTODY_IS_STORE (self), NULL);

  locker = g_mutex_locker_new (custody_store_get_mutex (self));

  stmt = custody_store_prepare (self, RECONCILIATION_SELECT " WHERE r.id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    r = load_reconciliation (self, stmt);
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, id);
      g_set_error (error, CUSTODY_STORE_ERROR, CUSTODY_STORE_ERROR_NOT_FOUND,
                   _("there is no reconciliation %s"), number);
    }
  else if (rc != SQLITE_ROW)
    custody_store_fail (self, rc, error);
  if (r == NULL || !load_items (self, r, error))
    return NULL;

  return g_steal_pointer (&r);
}
