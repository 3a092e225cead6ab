/* custody-import-mtx.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custody-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "custody-import-private.h"
#include "custody-input.h"
#include "custody-json.h"
#include "custody-mtx.h"
#include "custody-store-private.h"
#include "custody-time.h"
#include "custody-volser.h"

/* Reading a library's inventory: every tagged cartridge that `mtx status`
 * shows is in that library, in that slot or drive. */

#define MTX_MAX_INPUT (16 * 1024 * 1024)

typedef struct
{
  gint64  id;
  char   *location;
  char   *slot;
} Current;

static gboolean
current_state (CustodyStore  *self,
               const char    *volser,
               Current       *out,
               GError       **error)
{
  sqlite3_stmt *stmt = custody_store_prepare (self, CUSTODY_MEDIA_AT_SELECT " WHERE m.volser = ?2",
                                              error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, custody_store_now (self));
  sqlite3_bind_text (stmt, 2, volser, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      g_autoptr(CustodyMedium) m = custody_store_medium_from_row (stmt);

      out->id = m->id;
      out->location = g_steal_pointer (&m->location);
      out->slot = g_steal_pointer (&m->slot);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return custody_store_fail (self, rc, error);
  return TRUE;
}

static gboolean
set_slot (CustodyStore  *self,
          gint64         medium_id,
          const char    *slot,
          GError       **error)
{
  sqlite3_stmt *stmt = custody_store_prepare (self, "UPDATE media SET slot = ? WHERE id = ?",
                                              error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, slot, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, medium_id);
  if (!custody_store_step_done (self, stmt, error))
    return FALSE;
  return TRUE;
}

/**
 * custody_store_import_mtx:
 * @input: the output of `mtx status`
 * @library: the location of kind library it describes
 * @stats: (out): added (volumes new to the store), updated (moved into the
 *   library, or to another slot) and unchanged
 * @untagged: (out) (optional): cartridges without a readable label
 *
 * Records where every tagged cartridge is, in one transaction: a volume
 * the store places elsewhere gets a movement into the library, a volume
 * it does not know is added. It is an observed fact, so it is recorded
 * even if it breaks a job's compliance (a tape that should be in the
 * vault is in the library); that raises an alert. Importing the same
 * inventory again changes nothing.
 */
gboolean
custody_store_import_mtx (CustodyStore        *self,
                          GInputStream        *input,
                          const char          *library,
                          CustodyImportStats  *stats,
                          guint               *untagged,
                          GCancellable        *cancellable,
                          GError             **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(CustodyMtxInventory) inv = NULL;
  g_autoptr(GArray) moving = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) moving_slots = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) listed = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) broken = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(GError) parse_error = NULL;
  g_auto(CustodyGuard) guard = { 0, };
  g_autoptr(GBytes) text = NULL;
  const char *data;
  g_autofree char *entity = NULL;
  g_autofree char *what = NULL;
  CustodyImportStats counts = { 0, };
  sqlite3_stmt *stmt;
  gint64 library_id;
  guint n_untagged = 0;
  gsize length = 0;
  int rc;

  g_return_val_if_fail (CUSTODY_IS_STORE (self), FALSE);
  g_return_val_if_fail (G_IS_INPUT_STREAM (input), FALSE);
  g_return_val_if_fail (library != NULL, FALSE);

  /* Bounded: a library of thousands of slots prints well under a MiB. */
  text = custody_input_read_text (input, MTX_MAX_INPUT, cancellable, &parse_error);
  if (text == NULL)
    {
      g_set_error (error, CUSTODY_STORE_ERROR, CUSTODY_STORE_ERROR_INVALID,
                   _("not the output of mtx status: %s"), parse_error->message);
      return FALSE;
    }
  data = g_bytes_get_data (text, &length);
  inv = custody_mtx_parse (data, (gssize) length, &parse_error);
  if (inv == NULL)
    {
      g_set_error_literal (error, CUSTODY_STORE_ERROR, CUSTODY_STORE_ERROR_INVALID,
                           parse_error->message);
      return FALSE;
    }

  locker = g_mutex_locker_new (custody_store_get_mutex (self));

  if (!custody_store_write_begin (self, error))
    return FALSE;

  library_id = custody_store_find_location_id (self, library, error);
  if (library_id == 0)
    goto fail;
  stmt = custody_store_prepare (self, "SELECT kind FROM locations WHERE id = ?", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, library_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && !g_str_equal (custody_sql_text (stmt, 0), "library"))
    {
      g_set_error (error, CUSTODY_STORE_ERROR, CUSTODY_STORE_ERROR_INVALID,
                   _("'%s' is not a library (it is %s): an mtx inventory describes a tape library"),
                   library, custody_sql_text (stmt, 0));
      sqlite3_reset (stmt);
      goto fail;
    }
  sqlite3_reset (stmt);

  for (guint i = 0; i < inv->elements->len; i++)
    {
      CustodyMtxElement *e = &g_array_index (inv->elements, CustodyMtxElement, i);
      g_autofree char *slot = NULL;
      Current cur = { 0, };

      if (!e->full)
        continue;
      if (e->volser == NULL)
        {
          n_untagged++;
          continue;
        }
      if (!g_hash_table_add (listed, e->volser))
        {
          g_set_error (error, CUSTODY_STORE_ERROR, CUSTODY_STORE_ERROR_INVALID,
                       _("line %u: volume '%s' is listed twice"), e->line, e->volser);
          goto fail;
        }

      slot = custody_mtx_describe (e);
      if (!current_state (self, e->volser, &cur, error))
        goto fail;

      if (cur.id == 0)
        {
          g_autoptr(CustodyMedium) m = custody_medium_new ();
          g_autofree char *type = custody_volser_media_type (e->volser);

          m->volser = g_strdup (e->volser);
          m->type = type != NULL ? g_steal_pointer (&type) : g_strdup ("unknown");
          g_free (m->note);
          m->note = g_strdup_printf (_("found in '%s' by its mtx inventory"), library);
          stmt = custody_store_prepare (self,
                                        "INSERT INTO media (volser, type, status, note, created_at)"
                                        " VALUES (?, ?, 'scratch', ?, ?)", error);
          if (stmt == NULL)
            goto fail;
          sqlite3_bind_text (stmt, 1, m->volser, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 2, m->type, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 3, m->note, -1, SQLITE_STATIC);
          sqlite3_bind_int64 (stmt, 4, custody_store_now (self));
          if (!custody_store_step_done (self, stmt, error))
            goto fail;
          cur.id = sqlite3_last_insert_rowid (custody_store_get_db (self));
          counts.added++;
          g_array_append_val (moving, cur.id);
          g_ptr_array_add (moving_slots, g_steal_pointer (&slot));
        }
      else if (g_strcmp0 (cur.location, library) != 0)
        {
          counts.updated++;
          g_array_append_val (moving, cur.id);
          g_ptr_array_add (moving_slots, g_steal_pointer (&slot));
        }
      else if (g_strcmp0 (cur.slot, slot) != 0)
        {
          counts.updated++;
          if (!set_slot (self, cur.id, slot, error))
            {
              g_free (cur.location);
              g_free (cur.slot);
              goto fail;
            }
        }
      else
        counts.unchanged++;

      g_free (cur.location);
      g_free (cur.slot);
    }

  /* Moved into the library: recorded whatever it breaks. */
  what = g_strdup_printf (_("the mtx inventory of '%s'"), library);
  if (moving->len > 0)
    {
      if (!custody_store_guard_begin (self, moving, &guard, error))
        goto fail;
      for (guint i = 0; i < moving->len; i++)
        {
          g_autoptr(CustodyMovement) mv = custody_movement_new ();
          gint64 id = g_array_index (moving, gint64, i);

          mv->source = g_strdup ("mtx");
          mv->note = g_strdup_printf (_("in %s, by %s"),
                                      (const char *) g_ptr_array_index (moving_slots, i), what);
          if (!custody_store_insert_movement (self, id, library_id, mv, error) ||
              !set_slot (self, id, g_ptr_array_index (moving_slots, i), error))
            goto fail;
        }
      broken = custody_store_guard_end (self, &guard, error);
      if (broken == NULL || !custody_store_raise_observed_breaks (self, broken, library, error))
        goto fail;
    }

  /* A slot the inventory no longer shows is not known any more. */
  {
    g_autoptr(GString) names = g_string_new ("[");
    GHashTableIter iter;
    gpointer key;

    g_hash_table_iter_init (&iter, listed);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      g_string_append_printf (names, "%s\"%s\"", names->len > 1 ? "," : "", (const char *) key);
    g_string_append_c (names, ']');
    stmt = custody_store_prepare (self,
                                  "UPDATE media SET slot = '' WHERE slot != ''"
                                  "   AND volser NOT IN (SELECT value FROM json_each (?1))"
                                  "   AND (SELECT mv.to_location_id FROM movements mv"
                                  "         WHERE mv.id = media.movement_id) = ?2", error);
    if (stmt == NULL)
      goto fail;
    sqlite3_bind_text (stmt, 1, names->str, -1, SQLITE_STATIC);
    sqlite3_bind_int64 (stmt, 2, library_id);
    if (!custody_store_step_done (self, stmt, error))
      goto fail;
    counts.updated += sqlite3_changes (custody_store_get_db (self));
  }

  if (stats != NULL)
    *stats = counts;
  if (untagged != NULL)
    *untagged = n_untagged;

  if (counts.added == 0 && counts.updated == 0)
    {
      custody_store_write_rollback (self);
      return TRUE;
    }

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "library");
  json_builder_add_string_value (b, library);
  json_builder_set_member_name (b, "changer");
  json_builder_add_string_value (b, inv->changer);
  custody_import_stats_add_json (b, &counts);
  if (broken != NULL && broken->len > 0)
    custody_json_add_strings (b, "breaks", broken);
  json_builder_end_object (b);

  entity = g_strconcat ("location:", library, NULL);
  return custody_store_write_commit (self, "import.mtx", entity, NULL, json_builder_get_root (b),
                                     error);

fail:
  custody_store_write_rollback (self);
  return FALSE;
}
