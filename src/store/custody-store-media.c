/* custody-store-media.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custody-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "custody-json.h"
#include "custody-store-private.h"
#include "custody-time.h"
#include "custody-volser.h"

static gboolean insert_medium (CustodyStore   *self,
                               CustodyMedium  *medium,
                               const char     *volser,
                               gint64          pool_id,
                               gint64          location_id,
                               GError        **error);

CustodyMedium *
custody_store_medium_from_row (sqlite3_stmt *stmt)
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
  g_free (m->slot);
  m->slot = g_strdup (custody_sql_text (stmt, 18));

  return m;
}

static CustodyMedium *
load_medium (CustodyStore  *self,
             const char    *volser,
             GError       **error)
{
  sqlite3_stmt *stmt = custody_store_prepare (self, CUSTODY_MEDIA_AT_SELECT
                                              " WHERE m.volser = ?2 AND m.created_at <= ?1", error);
  CustodyMedium *m = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, custody_store_now (self));
  sqlite3_bind_text (stmt, 2, volser, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    m = custody_store_medium_from_row (stmt);
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

  if (mv->at == CUSTODY_TIME_NONE)
    mv->at = custody_store_now (self);
  mv->recorded_at = custody_time_now ();

  if (!custody_store_check_name (mv->by, FALSE, error) ||
      !custody_store_check_name (mv->courier, FALSE, error) ||
      !custody_store_check_name (mv->container, FALSE, error) ||
      !custody_store_check_name (mv->seal, FALSE, error) ||
      !custody_store_check_text (mv->note, error))
    return FALSE;

  stmt = custody_store_prepare (self,
                                "INSERT INTO movements (media_id, from_location_id, to_location_id,"
                                "  at, by, courier, container, seal, note, source, recorded_at)"
                                " SELECT ?1, (SELECT mv.to_location_id FROM movements mv"
                                "              WHERE mv.media_id = ?1 AND mv.at <= ?3"
                                "              ORDER BY mv.at DESC, mv.id DESC LIMIT 1),"
                                "        ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, medium_id);
  sqlite3_bind_int64 (stmt, 2, to_location_id);
  sqlite3_bind_int64 (stmt, 3, mv->at);
  sqlite3_bind_text (stmt, 4, mv->by != NULL ? mv->by : custody_store_get_actor (self), -1,
                     SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, mv->courier != NULL ? mv->courier : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, mv->container != NULL ? mv->container : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, mv->seal != NULL ? mv->seal : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, mv->note != NULL ? mv->note : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, mv->source != NULL ? mv->source : "move", -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 10, mv->recorded_at);
  if (!custody_store_step_done (self, stmt, error))
    return FALSE;

  mv->id = sqlite3_last_insert_rowid (custody_store_get_db (self));

  /* A slot says where in a library; a volume found anywhere is no longer
   * missing. */
  stmt = custody_store_prepare (self,
                                "UPDATE media SET slot = '' WHERE id = ?1 AND slot != ''"
                                "   AND (SELECT kind FROM locations WHERE id = ?2) != 'library'",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, medium_id);
  sqlite3_bind_int64 (stmt, 2, to_location_id);
  if (!custody_store_step_done (self, stmt, error))
    return FALSE;

  stmt = custody_store_prepare (self,
                                "UPDATE alerts SET resolved_at = ?2 WHERE resolved_at IS NULL"
                                "   AND cause = 'media-missing:'"
                                "               || (SELECT volser FROM media WHERE id = ?1)",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, medium_id);
  sqlite3_bind_int64 (stmt, 2, mv->at);
  if (!custody_store_step_done (self, stmt, error))
    return FALSE;

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
  gint64 pool_id = 0, location_id = 0;

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

  if (!insert_medium (self, medium, volser, pool_id, location_id, error))
    goto fail;

  added = load_medium (self, volser, error);
  if (added == NULL)
    goto fail;
  medium->id = added->id;

  entity = g_strconcat ("media:", volser, NULL);
  return custody_store_write_commit (self, "media.add", entity, NULL,
                                     custody_json_medium (added, NULL), error);

fail:
  custody_store_write_rollback (self);
  return FALSE;
}

/* The id of the volume @volser names, typed in its normal form or not (0
 * and an error when there is none); @stored, if not %NULL, gets the volser
 * it was found by. */
static gint64
find_typed_medium_id (CustodyStore  *self,
                      const char    *volser,
                      char         **stored,
                      GError       **error)
{
  g_autofree char *normalized = custody_volser_normalize (volser, NULL);
  const char *name = normalized != NULL ? normalized : volser;

  if (stored != NULL)
    *stored = g_strdup (name);
  return custody_store_find_medium_id (self, name, error);
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
  return custody_store_list_media_at (self, location, pool, CUSTODY_TIME_NONE, error);
}

/* The volumes that existed at @at, each where it was then (CUSTODY_TIME_NONE:
 * now); @location matches where a volume was at @at. */
GPtrArray *
custody_store_list_media_at (CustodyStore  *self,
                             const char    *location,
                             const char    *pool,
                             gint64         at,
                             GError       **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(GPtrArray) media = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CUSTODY_IS_STORE (self), NULL);

  locker = g_mutex_locker_new (custody_store_get_mutex (self));

  if (location != NULL && custody_store_find_location_id (self, location, error) == 0)
    return NULL;
  if (pool != NULL && custody_store_find_pool_id (self, pool, FALSE, error) == 0)
    return NULL;

  stmt = custody_store_prepare (self, CUSTODY_MEDIA_AT_SELECT
                                " WHERE m.created_at <= ?1 AND (?2 IS NULL OR l.name = ?2)"
                                "   AND (?3 IS NULL OR p.name = ?3)"
                                " ORDER BY m.volser", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, at != CUSTODY_TIME_NONE ? at : custody_store_now (self));
  custody_sql_bind_text_or_null (stmt, 2, location);
  custody_sql_bind_text_or_null (stmt, 3, pool);

  if (!custody_store_collect_rows (self, stmt, (CustodyRowReader) custody_store_medium_from_row,
                                   media, error))
    return NULL;

  return g_steal_pointer (&media);
}

GPtrArray *
custody_store_list_movements (CustodyStore  *self,
                              const char    *volser,
                              GError       **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *stored = NULL;
  sqlite3_stmt *stmt;
  gint64 medium_id;
  int rc;

  g_return_val_if_fail (CUSTODY_IS_STORE (self), NULL);

  locker = g_mutex_locker_new (custody_store_get_mutex (self));

  medium_id = find_typed_medium_id (self, volser, &stored, error);
  if (medium_id == 0)
    return NULL;

  stmt = custody_store_prepare (self,
                                "SELECT mv.id, f.name, t.name, mv.at, mv.by, mv.courier,"
                                "       mv.container, mv.seal, mv.note, mv.source, mv.recorded_at"
                                " FROM movements mv"
                                " LEFT JOIN locations f ON f.id = mv.from_location_id"
                                " JOIN locations t ON t.id = mv.to_location_id"
                                " WHERE mv.media_id = ? AND mv.at <= ? ORDER BY mv.at, mv.id",
                                error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, medium_id);
  sqlite3_bind_int64 (stmt, 2, custody_store_now (self));

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CustodyMovement *mv = custody_movement_new ();

      mv->id = sqlite3_column_int64 (stmt, 0);
      mv->volser = g_strdup (stored);
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
  if (!custody_store_finish_steps (self, stmt, rc, error))
    return NULL;

  return g_steal_pointer (&list);
}

/* The names of the jobs that have restore points on these volumes,
 * NULL-terminated. */
GPtrArray *
custody_store_jobs_on_media (CustodyStore  *self,
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


/*
 * The last-copy guard
 */

void
custody_store_guard_clear (CustodyGuard *guard)
{
  g_clear_pointer (&guard->jobs, g_ptr_array_unref);
  g_clear_pointer (&guard->before, g_ptr_array_unref);
}

/* Judges the jobs with restore points on these volumes before a change. */
gboolean
custody_store_guard_begin (CustodyStore  *self,
                           GArray        *medium_ids,
                           CustodyGuard  *guard,
                           GError       **error)
{
  memset (guard, 0, sizeof *guard);

  if (!custody_store_read_policy (self, &guard->policy, error))
    return FALSE;
  guard->jobs = custody_store_jobs_on_media (self, medium_ids, error);
  if (guard->jobs == NULL)
    return FALSE;
  guard->before = custody_store_evaluate_locked (self, (const char * const *) guard->jobs->pdata,
                                                 &guard->policy, error);
  return guard->before != NULL;
}

/* ...and after it: the rules it breaks, "job (1-offsite)" each. */
GPtrArray *
custody_store_guard_end (CustodyStore  *self,
                         CustodyGuard  *guard,
                         GError       **error)
{
  g_autoptr(GPtrArray) after = NULL;

  after = custody_store_evaluate_locked (self, (const char * const *) guard->jobs->pdata,
                                         &guard->policy, error);
  if (after == NULL)
    return NULL;
  return custody_store_compare_verdicts (guard->before, after);
}

/* "payroll (1-offsite, 0-errors)", as the audit trail keeps it, in the reader's words:
 * the rules' names where the language has them, the keys where it has not (English
 * text output shows keys, as `check` does). */
static void
append_broken (GString    *list,
               const char *broken)
{
  const char *open = strrchr (broken, '(');
  g_auto(GStrv) keys = NULL;

  if (open == NULL || open == broken || !g_str_has_suffix (broken, ")"))
    {
      g_string_append (list, broken);
      return;
    }

  g_string_append_len (list, broken, open - broken - (open[-1] == ' ' ? 1 : 0));
  keys = g_strsplit (open + 1, ", ", -1);
  for (guint k = 0; keys[k] != NULL; k++)
    {
      const char *label = NULL;

      if (keys[k + 1] == NULL)
        keys[k][strlen (keys[k]) - 1] = '\0';   /* the closing parenthesis */
      for (guint r = 0; r < CUSTODY_N_RULES && label == NULL; r++)
        if (g_str_equal (keys[k], custody_rule_to_string (r)))
          label = custody_rule_get_text_label (r);
      /* Translators: a job and the rules a change would break, e.g. "payroll (1-offsite";
       * then ", 0-errors" for each further rule, then ")" */
      g_string_append_printf (list, k == 0 ? _(" (%s") : _(", %s"),
                              label != NULL ? label : keys[k]);
    }
  g_string_append (list, _(")"));
}

void
custody_store_set_refusal (GError     **error,
                           const char  *what,
                           GPtrArray   *broken)
{
  g_autoptr(GString) list = g_string_new (NULL);

  for (guint i = 0; i < broken->len; i++)
    {
      if (i > 0)
        g_string_append (list, _(", "));
      append_broken (list, g_ptr_array_index (broken, i));
    }
  /* Translators: "moving to 'Library' would break the compliance of payroll (1-offsite); ..." */
  g_set_error (error, CUSTODY_STORE_ERROR, CUSTODY_STORE_ERROR_REFUSED,
               _("%s would break the compliance of %s; add --confirm to go ahead anyway"),
               what, list->str);
}

void
custody_json_add_strings (JsonBuilder *b,
                          const char  *member,
                          GPtrArray   *strings)
{
  json_builder_set_member_name (b, member);
  json_builder_begin_array (b);
  for (guint i = 0; strings != NULL && i < strings->len; i++)
    if (g_ptr_array_index (strings, i) != NULL)
      json_builder_add_string_value (b, g_ptr_array_index (strings, i));
  json_builder_end_array (b);
}

/*
 * Moves
 */

/* Records the moves of @medium_ids inside a write; @broken gets the rules
 * they break and @movement_ids the movements. */
static gboolean
insert_moves (CustodyStore     *self,
              GArray           *medium_ids,
              gint64            to_id,
              CustodyMovement  *template,
              GArray           *movement_ids,
              GPtrArray       **broken,
              GError          **error)
{
  g_auto(CustodyGuard) guard = { 0, };

  if (!custody_store_guard_begin (self, medium_ids, &guard, error))
    return FALSE;

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
        return FALSE;
      if (movement_ids != NULL)
        g_array_append_val (movement_ids, mv->id);
    }

  *broken = custody_store_guard_end (self, &guard, error);
  return *broken != NULL;
}

static gboolean
lookup_media (CustodyStore        *self,
              const char * const  *volsers,
              GPtrArray           *normalized,
              GArray              *medium_ids,
              GError             **error)
{
  for (guint i = 0; volsers[i] != NULL; i++)
    {
      char *volser = custody_volser_normalize (volsers[i], error);
      gint64 id;

      if (volser == NULL)
        return FALSE;
      g_ptr_array_add (normalized, volser);
      id = custody_store_find_medium_id (self, volser, error);
      if (id == 0)
        return FALSE;
      g_array_append_val (medium_ids, id);
    }
  return TRUE;
}

static JsonNode *
move_details (CustodyStore    *self,
              GPtrArray       *normalized,
              CustodyMovement *template,
              GPtrArray       *broken)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "to");
  json_builder_add_string_value (b, template->to);
  custody_json_add_strings (b, "volumes", normalized);
  custody_json_add_time (b, "at", template->at != CUSTODY_TIME_NONE ? template->at
                                                                    : custody_store_now (self));
  json_builder_set_member_name (b, "courier");
  json_builder_add_string_value (b, template->courier != NULL ? template->courier : "");
  json_builder_set_member_name (b, "container");
  json_builder_add_string_value (b, template->container != NULL ? template->container : "");
  json_builder_set_member_name (b, "seal");
  json_builder_add_string_value (b, template->seal != NULL ? template->seal : "");
  if (broken->len > 0)
    custody_json_add_strings (b, "confirmed_breaking", broken);
  json_builder_end_object (b);

  return json_builder_get_root (b);
}

static gboolean
move_media (CustodyStore        *self,
            const char * const  *volsers,
            CustodyMovement     *template,
            gboolean             confirm,
            GArray              *movement_ids,
            GPtrArray          **broken_out,
            GError             **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(GArray) medium_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) normalized = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) broken = NULL;
  g_autofree char *entity = NULL;
  g_autofree char *what = NULL;
  g_autofree char *action = NULL;
  gint64 to_id;

  locker = g_mutex_locker_new (custody_store_get_mutex (self));

  if (!custody_store_write_begin (self, error))
    return FALSE;

  to_id = custody_store_find_location_id (self, template->to, error);
  if (to_id == 0 || !lookup_media (self, volsers, normalized, medium_ids, error) ||
      !insert_moves (self, medium_ids, to_id, template, movement_ids, &broken, error))
    goto fail;

  if (broken_out != NULL)
    *broken_out = g_ptr_array_ref (broken);

  if (broken->len > 0 && !confirm)
    {
      what = g_strdup_printf (_("moving to '%s'"), template->to);
      custody_store_set_refusal (error, what, broken);
      goto fail;
    }

  entity = g_strconcat ("media:", (const char *) g_ptr_array_index (normalized, 0),
                        normalized->len > 1 ? "..." : "", NULL);
  action = g_strconcat (g_strcmp0 (template->source, "scan") == 0 ? "media.scan" : "media.move",
                        broken->len > 0 ? "-confirmed" : "", NULL);
  return custody_store_write_commit (self, action, entity, NULL,
                                     move_details (self, normalized, template, broken), error);

fail:
  custody_store_write_rollback (self);
  return FALSE;
}

/**
 * custody_store_move_media:
 * @volsers: the volumes
 * @template: where to (its @to), and the courier, container, seal, note
 *   and date of every movement; a @source of "scan" records a scan
 * @confirm: move even if it breaks a job's compliance
 *
 * Moves volumes in one transaction. A move that makes a job fail a rule it
 * passed (the volume holds its only offsite or offline restore point) is
 * refused with %CUSTODY_STORE_ERROR_REFUSED naming the jobs, unless
 * confirmed; the audit entry records the confirmation.
 */
gboolean
custody_store_move_media (CustodyStore        *self,
                          const char * const  *volsers,
                          CustodyMovement     *template,
                          gboolean             confirm,
                          GError             **error)
{
  g_return_val_if_fail (CUSTODY_IS_STORE (self), FALSE);
  g_return_val_if_fail (volsers != NULL && volsers[0] != NULL, FALSE);
  g_return_val_if_fail (template != NULL && template->to != NULL, FALSE);

  return move_media (self, volsers, template, confirm, NULL, NULL, error);
}

/**
 * custody_store_scan_volume:
 * @movement_id: (out) (optional): the movement recorded
 * @broken: (out) (optional) (transfer full): the rules the move breaks,
 *   "job (rule)" each, whether refused or confirmed
 *
 * One scan at the desk: moves one volume as custody_store_move_media()
 * does, recorded as a scan.
 */
gboolean
custody_store_scan_volume (CustodyStore     *self,
                           const char       *volser,
                           CustodyMovement  *template,
                           gboolean          confirm,
                           gint64           *movement_id,
                           GPtrArray       **broken,
                           GError          **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(CustodyMovement) scan = NULL;
  const char *volsers[] = { volser, NULL };

  g_return_val_if_fail (CUSTODY_IS_STORE (self), FALSE);
  g_return_val_if_fail (volser != NULL, FALSE);
  g_return_val_if_fail (template != NULL && template->to != NULL, FALSE);

  scan = custody_movement_new ();
  scan->to = g_strdup (template->to);
  scan->at = template->at;
  scan->by = g_strdup (template->by);
  scan->courier = g_strdup (template->courier);
  scan->container = g_strdup (template->container);
  scan->seal = g_strdup (template->seal);
  scan->note = g_strdup (template->note);
  scan->source = g_strdup ("scan");

  if (!move_media (self, volsers, scan, confirm, ids, broken, error))
    return FALSE;
  if (movement_id != NULL)
    *movement_id = g_array_index (ids, gint64, 0);
  return TRUE;
}

/**
 * custody_store_preview_move:
 * @broken: (out) (transfer full): the rules the move would break
 *
 * What moving these volumes would do to the jobs on them, without moving
 * them: to warn before it happens.
 */
gboolean
custody_store_preview_move (CustodyStore        *self,
                            const char * const  *volsers,
                            const char          *to,
                            GPtrArray          **broken,
                            GError             **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(GArray) medium_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) normalized = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(CustodyMovement) template = custody_movement_new ();
  gboolean ok;
  gint64 to_id;

  g_return_val_if_fail (CUSTODY_IS_STORE (self), FALSE);
  g_return_val_if_fail (volsers != NULL, FALSE);
  g_return_val_if_fail (broken != NULL, FALSE);

  locker = g_mutex_locker_new (custody_store_get_mutex (self));

  /* The moves are made and taken back in one transaction. */
  if (!custody_store_write_begin (self, error))
    return FALSE;
  template->to = g_strdup (to);
  to_id = custody_store_find_location_id (self, to, error);
  ok = to_id != 0 && lookup_media (self, volsers, normalized, medium_ids, error) &&
       insert_moves (self, medium_ids, to_id, template, NULL, broken, error);
  custody_store_write_rollback (self);

  return ok;
}

/**
 * custody_store_undo_movement:
 * @movement_id: a movement, the latest of its volume
 *
 * Takes a movement back, as the undo of a scan: history is never
 * rewritten, so a movement back to where the volume was is recorded. It
 * is the operator's explicit wish, so it is not refused; the audit entry
 * names what it breaks.
 */
gboolean
custody_store_undo_movement (CustodyStore  *self,
                             gint64         movement_id,
                             GError       **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(GArray) medium_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) broken = NULL;
  g_autoptr(CustodyMovement) back = custody_movement_new ();
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_auto(CustodyGuard) guard = { 0, };
  g_autofree char *volser = NULL;
  g_autofree char *entity = NULL;
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, movement_id);
  sqlite3_stmt *stmt;
  gint64 medium_id = 0, from_id = 0, latest_id = 0;
  int rc;

  g_return_val_if_fail (CUSTODY_IS_STORE (self), FALSE);

  locker = g_mutex_locker_new (custody_store_get_mutex (self));

  if (!custody_store_write_begin (self, error))
    return FALSE;

  stmt = custody_store_prepare (self,
                                "SELECT mv.media_id, mv.from_location_id, m.volser, m.movement_id,"
                                "       mv.courier, mv.container, mv.seal"
                                " FROM movements mv JOIN media m ON m.id = mv.media_id"
                                " WHERE mv.id = ?", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, movement_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      medium_id = sqlite3_column_int64 (stmt, 0);
      from_id = sqlite3_column_int64 (stmt, 1);
      volser = g_strdup (custody_sql_text (stmt, 2));
      latest_id = sqlite3_column_int64 (stmt, 3);
      back->courier = g_strdup (custody_sql_text (stmt, 4));
      back->container = g_strdup (custody_sql_text (stmt, 5));
      back->seal = g_strdup (custody_sql_text (stmt, 6));
    }
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, CUSTODY_STORE_ERROR, CUSTODY_STORE_ERROR_NOT_FOUND,
                   _("there is no movement %s to undo"), number);
      goto fail;
    }
  if (rc != SQLITE_ROW)
    {
      custody_store_fail (self, rc, error);
      goto fail;
    }
  if (latest_id != movement_id)
    {
      g_set_error (error, CUSTODY_STORE_ERROR, CUSTODY_STORE_ERROR_INVALID,
                   _("volume '%s' has moved again since: move it back instead"), volser);
      goto fail;
    }
  if (from_id == 0)
    {
      g_set_error (error, CUSTODY_STORE_ERROR, CUSTODY_STORE_ERROR_INVALID,
                   _("volume '%s' had no location before: there is nowhere to take it back to"),
                   volser);
      goto fail;
    }

  g_array_append_val (medium_ids, medium_id);
  if (!custody_store_guard_begin (self, medium_ids, &guard, error))
    goto fail;
  back->source = g_strdup ("undo");
  back->note = g_strdup_printf (_("takes back movement %s"), number);
  if (!custody_store_insert_movement (self, medium_id, from_id, back, error))
    goto fail;
  broken = custody_store_guard_end (self, &guard, error);
  if (broken == NULL)
    goto fail;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "undoes");
  json_builder_add_int_value (b, movement_id);
  json_builder_set_member_name (b, "movement");
  json_builder_add_int_value (b, back->id);
  if (broken->len > 0)
    custody_json_add_strings (b, "confirmed_breaking", broken);
  json_builder_end_object (b);

  entity = g_strconcat ("media:", volser, NULL);
  return custody_store_write_commit (self, "media.undo-move", entity, NULL,
                                     json_builder_get_root (b), error);

fail:
  custody_store_write_rollback (self);
  return FALSE;
}

/*
 * Adding, changing and retiring
 */

static gboolean
insert_medium (CustodyStore   *self,
               CustodyMedium  *medium,
               const char     *volser,
               gint64          pool_id,
               gint64          location_id,
               GError        **error)
{
  sqlite3_stmt *stmt;

  stmt = custody_store_prepare (self,
                                "INSERT INTO media (volser, type, pool_id, status, retention_until,"
                                "  capacity_bytes, worm, note, created_at)"
                                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, volser, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, medium->type, -1, SQLITE_STATIC);
  custody_sql_bind_id_or_null (stmt, 3, pool_id);
  sqlite3_bind_text (stmt, 4, custody_medium_status_to_string (medium->status), -1, SQLITE_STATIC);
  custody_sql_bind_time (stmt, 5, medium->retention_until);
  sqlite3_bind_int64 (stmt, 6, medium->capacity_bytes);
  sqlite3_bind_int (stmt, 7, medium->worm ? 1 : 0);
  sqlite3_bind_text (stmt, 8, medium->note, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 9, custody_store_now (self));
  if (!custody_store_step_unique (self, stmt, error,
                                  _("volume '%s' already exists"), volser))
    return FALSE;

  if (location_id > 0)
    {
      g_autoptr(CustodyMovement) mv = custody_movement_new ();

      mv->source = g_strdup ("add");
      mv->note = g_strdup (_("added to the inventory"));
      if (!custody_store_insert_movement (self,
                                          sqlite3_last_insert_rowid (custody_store_get_db (self)),
                                          location_id, mv, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * custody_store_add_media_range:
 * @first: the first label, such as A00001L9
 * @last: the last, such as A00120L9
 * @template: the type, pool, retention and so on of every volume
 * @location: (nullable): where they are
 * @added: (out) (optional): how many were added
 *
 * Adds every volume of a range in one transaction: all of them, or none
 * if any exists already.
 */
gboolean
custody_store_add_media_range (CustodyStore   *self,
                               const char     *first,
                               const char     *last,
                               CustodyMedium  *template,
                               const char     *location,
                               guint          *added,
                               GError        **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_auto(GStrv) volsers = NULL;
  g_autofree char *entity = NULL;
  gint64 pool_id = 0, location_id = 0;
  guint n;

  g_return_val_if_fail (CUSTODY_IS_STORE (self), FALSE);
  g_return_val_if_fail (CUSTODY_IS_MEDIUM (template), FALSE);

  volsers = custody_volser_range (first, last, CUSTODY_STORE_MAX_RANGE, error);
  if (volsers == NULL)
    return FALSE;
  n = g_strv_length (volsers);
  if (template->type == NULL || template->type[0] == '\0')
    {
      g_set_error (error, CUSTODY_STORE_ERROR, CUSTODY_STORE_ERROR_INVALID,
                   _("volume '%s' needs a type (LTO-9, RDX, USB-HDD...)"), volsers[0]);
      return FALSE;
    }

  locker = g_mutex_locker_new (custody_store_get_mutex (self));

  if (!custody_store_write_begin (self, error))
    return FALSE;

  if (template->pool != NULL && template->pool[0] != '\0')
    {
      pool_id = custody_store_find_pool_id (self, template->pool, TRUE, error);
      if (pool_id == 0)
        goto fail;
    }
  if (location != NULL && location[0] != '\0')
    {
      location_id = custody_store_find_location_id (self, location, error);
      if (location_id == 0)
        goto fail;
    }

  for (guint i = 0; i < n; i++)
    if (!insert_medium (self, template, volsers[i], pool_id, location_id, error))
      goto fail;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "first");
  json_builder_add_string_value (b, volsers[0]);
  json_builder_set_member_name (b, "last");
  json_builder_add_string_value (b, volsers[n - 1]);
  json_builder_set_member_name (b, "count");
  json_builder_add_int_value (b, n);
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, template->type);
  json_builder_set_member_name (b, "pool");
  json_builder_add_string_value (b, template->pool != NULL ? template->pool : "");
  json_builder_set_member_name (b, "location");
  json_builder_add_string_value (b, location != NULL ? location : "");
  json_builder_end_object (b);

  entity = g_strdup_printf ("media:%s..%s", volsers[0], volsers[n - 1]);
  if (!custody_store_write_commit (self, "media.add-range", entity, NULL, json_builder_get_root (b),
                                   error))
    return FALSE;
  if (added != NULL)
    *added = n;
  return TRUE;

fail:
  custody_store_write_rollback (self);
  return FALSE;
}

static gboolean
is_released (CustodyMediumStatus status)
{
  return status == CUSTODY_MEDIUM_RETIRED || status == CUSTODY_MEDIUM_SCRATCH;
}

/**
 * custody_store_update_medium:
 * @volser: the volume to change
 * @changes: its new type, pool (%NULL or "" for none), status, retention,
 *   capacity, WORM flag and note
 * @confirm: change it even if that breaks a job's compliance
 *
 * Changes a volume. Retiring it or returning it to scratch gives up the
 * restore points on it: if a job relied on one (its only offsite or
 * offline copy), that is refused naming the jobs unless confirmed, and
 * the audit entry records the confirmation.
 */
gboolean
custody_store_update_medium (CustodyStore   *self,
                             const char     *volser,
                             CustodyMedium  *changes,
                             gboolean        confirm,
                             GError        **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(CustodyMedium) before = NULL;
  g_autoptr(CustodyMedium) after = NULL;
  g_autoptr(GArray) medium_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) broken = NULL;
  g_auto(CustodyGuard) guard = { 0, };
  g_autofree char *normalized = NULL;
  g_autofree char *entity = NULL;
  g_autofree char *action = NULL;
  JsonNode *after_json;
  sqlite3_stmt *stmt;
  gboolean releasing;
  gint64 pool_id = 0;

  g_return_val_if_fail (CUSTODY_IS_STORE (self), FALSE);
  g_return_val_if_fail (CUSTODY_IS_MEDIUM (changes), FALSE);

  normalized = custody_volser_normalize (volser, error);
  if (normalized == NULL)
    return FALSE;
  if (changes->type == NULL || changes->type[0] == '\0')
    {
      g_set_error (error, CUSTODY_STORE_ERROR, CUSTODY_STORE_ERROR_INVALID,
                   _("volume '%s' needs a type (LTO-9, RDX, USB-HDD...)"), normalized);
      return FALSE;
    }
  if (changes->capacity_bytes < 0)
    {
      g_set_error (error, CUSTODY_STORE_ERROR, CUSTODY_STORE_ERROR_INVALID,
                   _("the capacity of volume '%s' cannot be negative"), normalized);
      return FALSE;
    }

  locker = g_mutex_locker_new (custody_store_get_mutex (self));

  if (!custody_store_write_begin (self, error))
    return FALSE;

  before = load_medium (self, normalized, error);
  if (before == NULL)
    goto fail;
  if (changes->pool != NULL && changes->pool[0] != '\0')
    {
      pool_id = custody_store_find_pool_id (self, changes->pool, TRUE, error);
      if (pool_id == 0)
        goto fail;
    }

  releasing = is_released (changes->status) && !is_released (before->status);
  g_array_append_val (medium_ids, before->id);
  if (releasing && !custody_store_guard_begin (self, medium_ids, &guard, error))
    goto fail;

  stmt = custody_store_prepare (self,
                                "UPDATE media SET type = ?2, pool_id = ?3, status = ?4,"
                                "  retention_until = ?5, capacity_bytes = ?6, worm = ?7, note = ?8,"
                                "  released_at = CASE WHEN ?9 THEN ?10"
                                "                     WHEN ?4 IN ('retired', 'scratch')"
                                "                       THEN released_at"
                                "                     ELSE NULL END"
                                " WHERE id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, before->id);
  sqlite3_bind_text (stmt, 2, changes->type, -1, SQLITE_STATIC);
  custody_sql_bind_id_or_null (stmt, 3, pool_id);
  sqlite3_bind_text (stmt, 4, custody_medium_status_to_string (changes->status), -1, SQLITE_STATIC);
  custody_sql_bind_time (stmt, 5, changes->retention_until);
  sqlite3_bind_int64 (stmt, 6, changes->capacity_bytes);
  sqlite3_bind_int (stmt, 7, changes->worm ? 1 : 0);
  sqlite3_bind_text (stmt, 8, changes->note != NULL ? changes->note : "", -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 9, releasing);
  sqlite3_bind_int64 (stmt, 10, custody_store_now (self));
  if (!custody_store_step_done (self, stmt, error))
    goto fail;
  if (!custody_store_forget_media_status (self, before->id, error))
    goto fail;

  broken = releasing ? custody_store_guard_end (self, &guard, error)
                     : g_ptr_array_new_with_free_func (g_free);
  if (broken == NULL)
    goto fail;
  if (broken->len > 0 && !confirm)
    {
      g_autofree char *what = g_strdup_printf (changes->status == CUSTODY_MEDIUM_RETIRED
                                                 ? _("retiring '%s'")
                                                 : _("returning '%s' to scratch"),
                                               normalized);
      custody_store_set_refusal (error, what, broken);
      goto fail;
    }

  after = load_medium (self, normalized, error);
  if (after == NULL)
    goto fail;

  after_json = custody_json_medium (after, NULL);
  if (broken->len > 0)
    {
      g_autoptr(JsonArray) list = json_array_new ();

      for (guint i = 0; i < broken->len; i++)
        json_array_add_string_element (list, g_ptr_array_index (broken, i));
      json_object_set_array_member (json_node_get_object (after_json), "confirmed_breaking",
                                    g_steal_pointer (&list));
    }

  if (!releasing)
    action = g_strdup ("media.edit");
  else
    action = g_strconcat (changes->status == CUSTODY_MEDIUM_RETIRED ? "media.retire"
                          : "media.scratch",
                          broken->len > 0 ? "-confirmed" : "", NULL);
  entity = g_strconcat ("media:", normalized, NULL);
  return custody_store_write_commit (self, action, entity, custody_json_medium (before, NULL),
                                     after_json, error);

fail:
  custody_store_write_rollback (self);
  return FALSE;
}

/**
 * custody_store_list_restore_points:
 * @volser: a volume
 *
 * The runs that wrote to a volume, newest first, at most 200.
 *
 * Returns: (transfer full) (element-type CustodyExecution)
 */
GPtrArray *
custody_store_list_restore_points (CustodyStore  *self,
                                   const char    *volser,
                                   GError       **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  gint64 medium_id;

  g_return_val_if_fail (CUSTODY_IS_STORE (self), NULL);

  locker = g_mutex_locker_new (custody_store_get_mutex (self));

  medium_id = find_typed_medium_id (self, volser, NULL, error);
  if (medium_id == 0)
    return NULL;

  stmt = custody_store_prepare (self,
                                "SELECT " CUSTODY_EXECUTION_COLUMNS_OF ("j.name")
                                " FROM execution_volumes ev"
                                " JOIN executions e ON e.id = ev.execution_id"
                                " JOIN copies c ON c.id = e.copy_id"
                                " JOIN jobs j ON j.id = c.job_id"
                                " WHERE ev.media_id = ?1 AND coalesce (e.finished, e.started) <= ?2"
                                " ORDER BY e.started DESC, e.id DESC LIMIT 200", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, medium_id);
  sqlite3_bind_int64 (stmt, 2, custody_store_now (self));

  if (!custody_store_collect_rows (self, stmt, (CustodyRowReader) custody_store_execution_from_row,
                                   list, error))
    return NULL;

  return g_steal_pointer (&list);
}
