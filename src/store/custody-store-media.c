/* custody-store-media.c
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

/* A volume's movement as of ?1: the latest one kept by the trigger when it
 * is not after ?1, else a look back through its history. */
#define MEDIA_AT_SELECT \
  "SELECT m.id, m.volser, m.type, p.name, m.status, l.name, l.kind, mv.at, nullif (mv.container, '')," \
  "       m.retention_until, m.capacity_bytes, m.bytes_written, m.mounts, m.errors, m.worm," \
  "       m.last_written, m.created_at, m.note" \
  " FROM media m" \
  " LEFT JOIN pools p ON p.id = m.pool_id" \
  " LEFT JOIN movements cur ON cur.id = m.movement_id" \
  " LEFT JOIN movements mv ON mv.id = CASE WHEN cur.at <= ?1 THEN cur.id ELSE" \
  "   (SELECT h.id FROM movements h WHERE h.media_id = m.id AND h.at <= ?1" \
  "     ORDER BY h.at DESC, h.id DESC LIMIT 1) END" \
  " LEFT JOIN locations l ON l.id = mv.to_location_id"

static CustodyMedium *
medium_from_row (sqlite3_stmt *stmt)
{
  CustodyMedium *m = custody_medium_new ();

  m->id = sqlite3_column_int64 (stmt, 0);
  m->volser = g_strdup (custody_sql_text (stmt, 1));
  m->type = g_strdup (custody_sql_text (stmt, 2));
  m->pool = custody_sql_dup_or_null (stmt, 3);
  custody_medium_status_from_string (custody_sql_text (stmt, 4), &m->status);
  m->location = custody_sql_dup_or_null (stmt, 5);
  if (m->location != NULL)
    custody_location_kind_from_string (custody_sql_text (stmt, 6), &m->location_kind);
  m->location_since = custody_sql_time (stmt, 7);
  m->container = custody_sql_dup_or_null (stmt, 8);
  m->retention_until = custody_sql_time (stmt, 9);
  m->capacity_bytes = sqlite3_column_int64 (stmt, 10);
  m->bytes_written = sqlite3_column_int64 (stmt, 11);
  m->mounts = sqlite3_column_int64 (stmt, 12);
  m->errors = sqlite3_column_int64 (stmt, 13);
  m->worm = sqlite3_column_int (stmt, 14);
  m->last_written = custody_sql_time (stmt, 15);
  m->created_at = sqlite3_column_int64 (stmt, 16);
  g_free (m->note);
  m->note = g_strdup (custody_sql_text (stmt, 17));

  return m;
}

static CustodyMedium *
load_medium (CustodyStore  *self,
             const char    *volser,
             GError       **error)
{
  sqlite3_stmt *stmt = custody_store_prepare (self, MEDIA_AT_SELECT
                                              " WHERE m.volser = ?2 AND m.created_at <= ?1", error);
  CustodyMedium *m = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, custody_store_now (self));
  sqlite3_bind_text (stmt, 2, volser, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    m = medium_from_row (stmt);
  else if (rc == SQLITE_DONE)
    g_set_error (error, CUSTODY_STORE_ERROR, CUSTODY_STORE_ERROR_NOT_FOUND,
                 _("unknown volume '%s'"), volser);
  else
    custody_store_fail (self, rc, error);
  sqlite3_reset (stmt);

  return m;
}

gboolean
custody_store_insert_movement (CustodyStore     *self,
                               gint64            medium_id,
                               gint64            to_location_id,
                               CustodyMovement  *mv,
                               GError          **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (mv->at == CUSTODY_TIME_NONE)
    mv->at = custody_store_now (self);
  mv->recorded_at = custody_time_now ();

  stmt = custody_store_prepare (self,
                                "INSERT INTO movements (media_id, from_location_id, to_location_id, at,"
                                "  by, courier, container, seal, note, source, recorded_at)"
                                " SELECT ?1, (SELECT mv.to_location_id FROM movements mv"
                                "              WHERE mv.media_id = ?1 AND mv.at <= ?3"
                                "              ORDER BY mv.at DESC, mv.id DESC LIMIT 1),"
                                "        ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, medium_id);
  sqlite3_bind_int64 (stmt, 2, to_location_id);
  sqlite3_bind_int64 (stmt, 3, mv->at);
  sqlite3_bind_text (stmt, 4, mv->by != NULL ? mv->by : custody_store_get_actor (self), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, mv->courier != NULL ? mv->courier : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, mv->container != NULL ? mv->container : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, mv->seal != NULL ? mv->seal : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, mv->note != NULL ? mv->note : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, mv->source != NULL ? mv->source : "move", -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 10, mv->recorded_at);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return custody_store_fail (self, rc, error);

  mv->id = sqlite3_last_insert_rowid (custody_store_get_db (self));

  /* Where a volume is decides offsite and offline for what it holds. */
  return custody_store_forget_media_status (self, medium_id, error);
}

gboolean
custody_store_add_medium (CustodyStore   *self,
                          CustodyMedium  *medium,
                          const char     *location,
                          GError        **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autofree char *volser = NULL;
  g_autofree char *entity = NULL;
  g_autoptr(CustodyMedium) added = NULL;
  sqlite3_stmt *stmt;
  gint64 pool_id = 0, location_id = 0;
  int rc;

  g_return_val_if_fail (CUSTODY_IS_STORE (self), FALSE);
  g_return_val_if_fail (CUSTODY_IS_MEDIUM (medium), FALSE);

  volser = custody_volser_normalize (medium->volser != NULL ? medium->volser : "", error);
  if (volser == NULL)
    return FALSE;
  if (medium->type == NULL || medium->type[0] == '\0')
    {
      g_set_error (error, CUSTODY_STORE_ERROR, CUSTODY_STORE_ERROR_INVALID,
                   _("volume '%s' needs a type (LTO-9, RDX, USB-HDD...)"), volser);
      return FALSE;
    }

  locker = g_mutex_locker_new (custody_store_get_mutex (self));

  if (!custody_store_write_begin (self, error))
    return FALSE;

  if (medium->pool != NULL && medium->pool[0] != '\0')
    {
      pool_id = custody_store_find_pool_id (self, medium->pool, TRUE, error);
      if (pool_id == 0)
        goto fail;
    }
  if (location != NULL && location[0] != '\0')
    {
      location_id = custody_store_find_location_id (self, location, error);
      if (location_id == 0)
        goto fail;
    }

  stmt = custody_store_prepare (self,
                                "INSERT INTO media (volser, type, pool_id, status, retention_until,"
                                "  capacity_bytes, worm, note, created_at)"
                                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, volser, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, medium->type, -1, SQLITE_STATIC);
  if (pool_id > 0)
    sqlite3_bind_int64 (stmt, 3, pool_id);
  else
    sqlite3_bind_null (stmt, 3);
  sqlite3_bind_text (stmt, 4, custody_medium_status_to_string (medium->status), -1, SQLITE_STATIC);
  custody_sql_bind_time (stmt, 5, medium->retention_until);
  sqlite3_bind_int64 (stmt, 6, medium->capacity_bytes);
  sqlite3_bind_int (stmt, 7, medium->worm ? 1 : 0);
  sqlite3_bind_text (stmt, 8, medium->note, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 9, custody_store_now (self));
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if ((rc & 0xff) == SQLITE_CONSTRAINT)
    {
      g_set_error (error, CUSTODY_STORE_ERROR, CUSTODY_STORE_ERROR_EXISTS,
                   _("volume '%s' already exists"), volser);
      goto fail;
    }
  if (rc != SQLITE_DONE)
    {
      custody_store_fail (self, rc, error);
      goto fail;
    }
  medium->id = sqlite3_last_insert_rowid (custody_store_get_db (self));

  if (location_id > 0)
    {
      g_autoptr(CustodyMovement) mv = custody_movement_new ();

      mv->source = g_strdup ("add");
      mv->note = g_strdup (_("added to the inventory"));
      if (!custody_store_insert_movement (self, medium->id, location_id, mv, error))
        goto fail;
    }

  added = load_medium (self, volser, error);
  if (added == NULL)
    goto fail;

  entity = g_strconcat ("media:", volser, NULL);
  return custody_store_write_commit (self, "media.add", entity, NULL,
                                     custody_json_medium (added, NULL), error);

fail:
  custody_store_write_rollback (self);
  return FALSE;
}

CustodyMedium *
custody_store_get_medium (CustodyStore  *self,
                          const char    *volser,
                          GError       **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autofree char *normalized = NULL;

  g_return_val_if_fail (CUSTODY_IS_STORE (self), NULL);

  normalized = custody_volser_normalize (volser, NULL);
  if (normalized == NULL)
    {
      g_set_error (error, CUSTODY_STORE_ERROR, CUSTODY_STORE_ERROR_NOT_FOUND,
                   _("unknown volume '%s'"), volser);
      return NULL;
    }

  locker = g_mutex_locker_new (custody_store_get_mutex (self));
  return load_medium (self, normalized, error);
}

GPtrArray *
custody_store_list_media (CustodyStore  *self,
                          const char    *location,
                          const char    *pool,
                          GError       **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(GPtrArray) media = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CUSTODY_IS_STORE (self), NULL);

  locker = g_mutex_locker_new (custody_store_get_mutex (self));

  if (location != NULL && custody_store_find_location_id (self, location, error) == 0)
    return NULL;
  if (pool != NULL && custody_store_find_pool_id (self, pool, FALSE, error) == 0)
    return NULL;

  stmt = custody_store_prepare (self, MEDIA_AT_SELECT
                                " WHERE m.created_at <= ?1 AND (?2 IS NULL OR l.name = ?2)"
                                "   AND (?3 IS NULL OR p.name = ?3)"
                                " ORDER BY m.volser", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, custody_store_now (self));
  custody_sql_bind_text_or_null (stmt, 2, location);
  custody_sql_bind_text_or_null (stmt, 3, pool);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (media, medium_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      custody_store_fail (self, rc, error);
      return NULL;
    }

  return g_steal_pointer (&media);
}

GPtrArray *
custody_store_list_movements (CustodyStore  *self,
                              const char    *volser,
                              GError       **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *normalized = NULL;
  sqlite3_stmt *stmt;
  gint64 medium_id;
  int rc;

  g_return_val_if_fail (CUSTODY_IS_STORE (self), NULL);

  normalized = custody_volser_normalize (volser, NULL);

  locker = g_mutex_locker_new (custody_store_get_mutex (self));

  medium_id = custody_store_find_medium_id (self, normalized != NULL ? normalized : volser, error);
  if (medium_id == 0)
    return NULL;

  stmt = custody_store_prepare (self,
                                "SELECT mv.id, f.name, t.name, mv.at, mv.by, mv.courier, mv.container,"
                                "       mv.seal, mv.note, mv.source, mv.recorded_at"
                                " FROM movements mv"
                                " LEFT JOIN locations f ON f.id = mv.from_location_id"
                                " JOIN locations t ON t.id = mv.to_location_id"
                                " WHERE mv.media_id = ? AND mv.at <= ? ORDER BY mv.at, mv.id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, medium_id);
  sqlite3_bind_int64 (stmt, 2, custody_store_now (self));

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CustodyMovement *mv = custody_movement_new ();

      mv->id = sqlite3_column_int64 (stmt, 0);
      mv->volser = g_strdup (normalized != NULL ? normalized : volser);
      mv->from = custody_sql_dup_or_null (stmt, 1);
      mv->to = g_strdup (custody_sql_text (stmt, 2));
      mv->at = sqlite3_column_int64 (stmt, 3);
      mv->by = g_strdup (custody_sql_text (stmt, 4));
      mv->courier = g_strdup (custody_sql_text (stmt, 5));
      mv->container = g_strdup (custody_sql_text (stmt, 6));
      mv->seal = g_strdup (custody_sql_text (stmt, 7));
      mv->note = g_strdup (custody_sql_text (stmt, 8));
      mv->source = g_strdup (custody_sql_text (stmt, 9));
      mv->recorded_at = sqlite3_column_int64 (stmt, 10);
      g_ptr_array_add (list, mv);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      custody_store_fail (self, rc, error);
      return NULL;
    }

  return g_steal_pointer (&list);
}

/* The names of the jobs that have restore points on these volumes. */
static GPtrArray *
jobs_on_media (CustodyStore  *self,
               GArray        *medium_ids,
               GError       **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  sqlite3_stmt *stmt;
  int rc;

  stmt = custody_store_prepare (self,
                                "SELECT DISTINCT j.name FROM execution_volumes ev"
                                " JOIN executions e ON e.id = ev.execution_id"
                                " JOIN copies c ON c.id = e.copy_id"
                                " JOIN jobs j ON j.id = c.job_id"
                                " WHERE ev.media_id = ?", error);
  if (stmt == NULL)
    return NULL;

  for (guint i = 0; i < medium_ids->len; i++)
    {
      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, g_array_index (medium_ids, gint64, i));
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          const char *name = custody_sql_text (stmt, 0);

          if (!g_hash_table_contains (seen, name))
            {
              char *copy = g_strdup (name);
              g_ptr_array_add (names, copy);
              g_hash_table_add (seen, copy);
            }
        }
      if (rc != SQLITE_DONE)
        {
          sqlite3_reset (stmt);
          custody_store_fail (self, rc, error);
          return NULL;
        }
    }
  sqlite3_reset (stmt);
  g_ptr_array_add (names, NULL);

  return g_steal_pointer (&names);
}

/* Which rules a set of moves breaks: every rule a job passed before and
 * fails after. Returns the jobs broken, "job (1-offsite)" each. */
GPtrArray *
custody_store_compare_verdicts (GPtrArray *before,
                                GPtrArray *after)
{
  GPtrArray *broken = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < after->len && i < before->len; i++)
    {
      CustodyVerdict *b = g_ptr_array_index (before, i);
      CustodyVerdict *a = g_ptr_array_index (after, i);
      g_autoptr(GString) rules = g_string_new (NULL);

      for (guint r = 0; r < CUSTODY_N_RULES; r++)
        {
          if (b->rules[r].pass && !a->rules[r].pass)
            g_string_append_printf (rules, "%s%s", rules->len > 0 ? ", " : "",
                                    custody_rule_to_string (r));
        }
      if (rules->len > 0)
        g_ptr_array_add (broken, g_strdup_printf ("%s (%s)", a->job, rules->str));
    }

  return broken;
}

gboolean
custody_store_move_media (CustodyStore        *self,
                          const char * const  *volsers,
                          CustodyMovement     *template,
                          gboolean             confirm,
                          GError             **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(GArray) medium_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) normalized = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) jobs = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) broken = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *entity = NULL;
  CustodyPolicy policy;
  gint64 to_id;

  g_return_val_if_fail (CUSTODY_IS_STORE (self), FALSE);
  g_return_val_if_fail (volsers != NULL && volsers[0] != NULL, FALSE);
  g_return_val_if_fail (template != NULL && template->to != NULL, FALSE);

  for (guint i = 0; volsers[i] != NULL; i++)
    {
      char *volser = custody_volser_normalize (volsers[i], error);

      if (volser == NULL)
        return FALSE;
      g_ptr_array_add (normalized, volser);
    }

  locker = g_mutex_locker_new (custody_store_get_mutex (self));

  if (!custody_store_write_begin (self, error))
    return FALSE;

  to_id = custody_store_find_location_id (self, template->to, error);
  if (to_id == 0)
    goto fail;

  for (guint i = 0; i < normalized->len; i++)
    {
      gint64 id = custody_store_find_medium_id (self, g_ptr_array_index (normalized, i), error);

      if (id == 0)
        goto fail;
      g_array_append_val (medium_ids, id);
    }

  if (!custody_store_read_policy (self, &policy, error))
    goto fail;
  jobs = jobs_on_media (self, medium_ids, error);
  if (jobs == NULL)
    goto fail;
  before = custody_store_evaluate_locked (self, (const char * const *) jobs->pdata, &policy, error);
  if (before == NULL)
    goto fail;

  for (guint i = 0; i < medium_ids->len; i++)
    {
      g_autoptr(CustodyMovement) mv = custody_movement_new ();

      mv->at = template->at != CUSTODY_TIME_NONE ? template->at : custody_store_now (self);
      mv->by = g_strdup (template->by);
      mv->courier = g_strdup (template->courier);
      mv->container = g_strdup (template->container);
      mv->seal = g_strdup (template->seal);
      mv->note = g_strdup (template->note);
      mv->source = g_strdup (template->source != NULL ? template->source : "move");
      if (!custody_store_insert_movement (self, g_array_index (medium_ids, gint64, i), to_id, mv,
                                          error))
        goto fail;
    }

  after = custody_store_evaluate_locked (self, (const char * const *) jobs->pdata, &policy, error);
  if (after == NULL)
    goto fail;
  broken = custody_store_compare_verdicts (before, after);

  if (broken->len > 0 && !confirm)
    {
      g_autofree char *list = NULL;

      g_ptr_array_add (broken, NULL);
      list = g_strjoinv (", ", (char **) broken->pdata);
      g_set_error (error, CUSTODY_STORE_ERROR, CUSTODY_STORE_ERROR_REFUSED,
                   _("moving to '%s' would break the compliance of %s; add --confirm to move anyway"),
                   template->to, list);
      goto fail;
    }

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "to");
  json_builder_add_string_value (b, template->to);
  json_builder_set_member_name (b, "volumes");
  json_builder_begin_array (b);
  for (guint i = 0; i < normalized->len; i++)
    json_builder_add_string_value (b, g_ptr_array_index (normalized, i));
  json_builder_end_array (b);
  custody_json_add_time (b, "at", template->at != CUSTODY_TIME_NONE ? template->at
                                                                    : custody_store_now (self));
  json_builder_set_member_name (b, "courier");
  json_builder_add_string_value (b, template->courier != NULL ? template->courier : "");
  json_builder_set_member_name (b, "container");
  json_builder_add_string_value (b, template->container != NULL ? template->container : "");
  json_builder_set_member_name (b, "seal");
  json_builder_add_string_value (b, template->seal != NULL ? template->seal : "");
  if (broken->len > 0)
    {
      json_builder_set_member_name (b, "confirmed_breaking");
      json_builder_begin_array (b);
      for (guint i = 0; i < broken->len; i++)
        json_builder_add_string_value (b, g_ptr_array_index (broken, i));
      json_builder_end_array (b);
    }
  json_builder_end_object (b);

  entity = g_strconcat ("media:", (const char *) g_ptr_array_index (normalized, 0),
                        normalized->len > 1 ? "..." : "", NULL);
  return custody_store_write_commit (self, broken->len > 0 ? "media.move-confirmed" : "media.move",
                                     entity, NULL, json_builder_get_root (b), error);

fail:
  custody_store_write_rollback (self);
  return FALSE;
}
