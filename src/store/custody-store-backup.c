/* custody-store-backup.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custody-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "custody-json.h"
#include "custody-store-private.h"
#include "custody-time.h"

#define BACKUP_PREFIX "custody-"
#define BACKUP_SUFFIX ".db"

static gboolean
fsync_path (const char  *path,
            gboolean     directory,
            GError     **error)
{
  int fd = g_open (path, (directory ? O_RDONLY | O_DIRECTORY : O_RDWR) | O_CLOEXEC, 0);
  int saved_errno;

  if (fd < 0 || fsync (fd) != 0)
    {
      saved_errno = errno;
      if (fd >= 0)
        close (fd);
      g_set_error (error, CUSTODY_STORE_ERROR, CUSTODY_STORE_ERROR_FAILED,
                   _("cannot flush '%s' to disk: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }
  close (fd);
  return TRUE;
}

/* Runs integrity_check on a database file through its own connection,
 * read-only. */
static gboolean
check_file (const char  *path,
            char       **report,
            gint64      *schema,
            GError     **error)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  int rc;

  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL);
  if (rc == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    *schema = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  stmt = NULL;
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (text->len > 0)
        g_string_append (text, "; ");
      g_string_append (text, (const char *) sqlite3_column_text (stmt, 0));
      rc = SQLITE_OK;
    }
  if (rc != SQLITE_DONE)
    {
      g_set_error (error, CUSTODY_STORE_ERROR, CUSTODY_STORE_ERROR_CORRUPT,
                   _("'%s' cannot be read as a store: %s"), path,
                   db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
      sqlite3_finalize (stmt);
      sqlite3_close_v2 (db);
      return FALSE;
    }
  sqlite3_finalize (stmt);
  sqlite3_close_v2 (db);

  *report = g_string_free (g_steal_pointer (&text), FALSE);
  return TRUE;
}

static gint
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static void
prune_generations (const char *directory,
                   guint       keep)
{
  g_autoptr(GDir) dir = g_dir_open (directory, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (dir == NULL)
    return;

  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, BACKUP_PREFIX) && g_str_has_suffix (name, BACKUP_SUFFIX))
      g_ptr_array_add (names, g_strdup (name));

  /* Names carry a UTC timestamp, so they sort oldest first. */
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i + keep < names->len; i++)
    {
      g_autofree char *path = g_build_filename (directory, g_ptr_array_index (names, i), NULL);
      if (g_unlink (path) != 0)
        g_warning ("Cannot remove old backup %s: %s", path, g_strerror (errno));
    }
}

/**
 * custody_store_backup:
 * @directory: (nullable): where generations live; %NULL for "backups"
 *   beside the store
 * @keep: how many generations to keep
 *
 * Copies the live store with SQLite's online backup API in one step (a
 * consistent snapshot), flushes it to disk, checks its integrity, and only
 * then gives it its final name and prunes older generations.
 *
 * Returns: (transfer full): the new generation's path, or %NULL
 */
char *
custody_store_backup (CustodyStore  *self,
                      const char    *directory,
                      guint          keep,
                      GError       **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *stamp = NULL;
  g_autofree char *final_path = NULL;
  g_autofree char *tmp_path = NULL;
  g_autofree char *report = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  sqlite3 *dest = NULL;
  sqlite3_backup *backup;
  gint64 schema = 0;
  int rc;

  g_return_val_if_fail (CUSTODY_IS_STORE (self), NULL);
  g_return_val_if_fail (keep > 0, NULL);

  if (directory != NULL)
    dir = g_strdup (directory);
  else
    {
      g_autofree char *parent = g_path_get_dirname (custody_store_get_path (self));
      dir = g_build_filename (parent, "backups", NULL);
    }

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, CUSTODY_STORE_ERROR, CUSTODY_STORE_ERROR_FAILED,
                   _("cannot create '%s': %s"), dir, g_strerror (saved_errno));
      return NULL;
    }

  stamp = g_date_time_format (now, "%Y%m%dT%H%M%S");
  final_path = g_strdup_printf ("%s/" BACKUP_PREFIX "%sZ-%06d" BACKUP_SUFFIX, dir, stamp,
                                g_date_time_get_microsecond (now));
  tmp_path = g_strdup_printf ("%s/.custody-backup-%s.tmp", dir, stamp);
  g_unlink (tmp_path);

  rc = sqlite3_open_v2 (tmp_path, &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, CUSTODY_STORE_ERROR, CUSTODY_STORE_ERROR_FAILED,
                   _("cannot create '%s': %s"), tmp_path, sqlite3_errstr (rc));
      sqlite3_close_v2 (dest);
      return NULL;
    }

  {
    STORE_LOCK (self);

    /* All pages in one step: a copy made in several steps restarts
     * whenever another process writes. */
    backup = sqlite3_backup_init (dest, "main", custody_store_get_db (self), "main");
    if (backup == NULL)
      rc = sqlite3_errcode (dest);
    else
      {
        rc = sqlite3_backup_step (backup, -1);
        sqlite3_backup_finish (backup);
      }
  }

  /* The copy inherits WAL mode; fold it into one self-contained file. */
  if (rc == SQLITE_DONE)
    rc = sqlite3_exec (dest, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
  sqlite3_close_v2 (dest);

  if (rc != SQLITE_OK && rc != SQLITE_DONE)
    {
      g_set_error (error, CUSTODY_STORE_ERROR,
                   (rc & 0xff) == SQLITE_BUSY ? CUSTODY_STORE_ERROR_LOCKED : CUSTODY_STORE_ERROR_FAILED,
                   _("the backup failed: %s"), sqlite3_errstr (rc));
      g_unlink (tmp_path);
      return NULL;
    }

  if (!fsync_path (tmp_path, FALSE, error) ||
      !check_file (tmp_path, &report, &schema, error))
    {
      g_unlink (tmp_path);
      return NULL;
    }

  if (!g_str_equal (report, "ok"))
    {
      g_set_error (error, CUSTODY_STORE_ERROR, CUSTODY_STORE_ERROR_CORRUPT,
                   _("the backup did not pass its integrity check (%s); the older generations were kept"),
                   report);
      g_unlink (tmp_path);
      return NULL;
    }

  if (g_rename (tmp_path, final_path) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, CUSTODY_STORE_ERROR, CUSTODY_STORE_ERROR_FAILED,
                   _("cannot rename the backup to '%s': %s"), final_path, g_strerror (saved_errno));
      g_unlink (tmp_path);
      return NULL;
    }
  if (!fsync_path (dir, TRUE, error))
    return NULL;

  prune_generations (dir, keep);

  return g_steal_pointer (&final_path);
}

/**
 * custody_store_restore:
 * @file: a backup generation
 *
 * Replaces the store's content with @file's after checking that @file is a
 * whole Custody store this version can read. The content is copied in with
 * the backup API, inside SQLite's locking, so other programs that have the
 * store open see either the old store or the restored one.
 */
gboolean
custody_store_restore (CustodyStore  *self,
                       const char    *file,
                       GError       **error)
{
  g_autofree char *report = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(GError) local_error = NULL;
  sqlite3 *src = NULL;
  sqlite3_backup *backup;
  gint64 schema = 0;
  int rc;

  g_return_val_if_fail (CUSTODY_IS_STORE (self), FALSE);

  if (!g_file_test (file, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, CUSTODY_STORE_ERROR, CUSTODY_STORE_ERROR_INVALID,
                   _("no backup at '%s'"), file);
      return FALSE;
    }

  /* A damaged backup is bad input, not a damaged store: the store is
   * fine and stays as it is. */
  if (!check_file (file, &report, &schema, &local_error))
    {
      g_set_error (error, CUSTODY_STORE_ERROR, CUSTODY_STORE_ERROR_INVALID,
                   _("%s; the store was not touched"), local_error->message);
      return FALSE;
    }
  if (!g_str_equal (report, "ok"))
    {
      g_set_error (error, CUSTODY_STORE_ERROR, CUSTODY_STORE_ERROR_INVALID,
                   _("'%s' failed its integrity check (%s); the store was not touched"),
                   file, report);
      return FALSE;
    }
  if (schema < 1 || schema > CUSTODY_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, CUSTODY_STORE_ERROR, CUSTODY_STORE_ERROR_INVALID,
                   _("'%s' is not a Custody store this version can read (schema %d); the store was not touched"),
                   file, (int) schema);
      return FALSE;
    }

  rc = sqlite3_open_v2 (file, &src, SQLITE_OPEN_READONLY, NULL);
  if (rc != SQLITE_OK)
    {
      sqlite3_close_v2 (src);
      g_set_error (error, CUSTODY_STORE_ERROR, CUSTODY_STORE_ERROR_INVALID,
                   _("cannot open '%s': %s"), file, sqlite3_errstr (rc));
      return FALSE;
    }

  {
    STORE_LOCK (self);

    if (custody_store_get_read_only (self))
      {
        sqlite3_close_v2 (src);
        g_set_error (error, CUSTODY_STORE_ERROR, CUSTODY_STORE_ERROR_READ_ONLY,
                     _("the store '%s' is read-only"), custody_store_get_path (self));
        return FALSE;
      }

    backup = sqlite3_backup_init (custody_store_get_db (self), "main", src, "main");
    if (backup == NULL)
      rc = sqlite3_errcode (custody_store_get_db (self));
    else
      {
        rc = sqlite3_backup_step (backup, -1);
        sqlite3_backup_finish (backup);
      }
    sqlite3_close_v2 (src);

    if (rc != SQLITE_DONE)
      return custody_store_fail (self, rc, error);

    /* The restored history keeps its own chain; the restore itself is
     * recorded on top of it. */
    if (!custody_store_write_begin (self, error))
      return FALSE;
    json_builder_begin_object (b);
    json_builder_set_member_name (b, "file");
    json_builder_add_string_value (b, file);
    json_builder_end_object (b);
    return custody_store_write_commit (self, "store.restore", "store", NULL,
                                       json_builder_get_root (b), error);
  }
}

void
custody_store_check_clear (CustodyStoreCheck *check)
{
  g_clear_pointer (&check->problem, g_free);
  g_clear_pointer (&check->integrity, g_free);
}

/**
 * custody_store_check:
 * @check: (out caller-allocates): what was found
 *
 * Runs SQLite's integrity_check and foreign_key_check, then walks the
 * audit trail checking each entry's hash and its link to the previous
 * one. Returns %FALSE only if the checks could not run; what they found is
 * in @check.
 */
gboolean
custody_store_check (CustodyStore       *self,
                     CustodyStoreCheck  *check,
                     GError            **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(GString) integrity = g_string_new (NULL);
  g_autofree char *prev = g_strnfill (64, '0');
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db;
  gint64 expected_id = 1;
  int rc;

  g_return_val_if_fail (CUSTODY_IS_STORE (self), FALSE);

  memset (check, 0, sizeof *check);

  locker = g_mutex_locker_new (custody_store_get_mutex (self));
  db = custody_store_get_db (self);

  rc = sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (integrity->len > 0)
        g_string_append (integrity, "; ");
      g_string_append (integrity, (const char *) sqlite3_column_text (stmt, 0));
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return custody_store_fail (self, rc, error);

  rc = sqlite3_prepare_v2 (db, "PRAGMA foreign_key_check", -1, &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_string_append_printf (integrity, "%sforeign key broken in %s row %" G_GINT64_FORMAT,
                              integrity->len > 0 ? "; " : "",
                              sqlite3_column_text (stmt, 0), (gint64) sqlite3_column_int64 (stmt, 1));
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return custody_store_fail (self, rc, error);
  check->integrity = g_string_free (g_steal_pointer (&integrity), FALSE);

  rc = sqlite3_prepare_v2 (db,
                           "SELECT id, at, business_at, actor, action, entity, before, after,"
                           "       prev_hash, hash FROM audit ORDER BY id", -1, &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      const char *prev_hash = custody_sql_text (stmt, 8);
      const char *hash = custody_sql_text (stmt, 9);
      g_autofree char *computed = NULL;

      rc = SQLITE_OK;
      check->entries++;
      if (check->first_broken != 0)
        continue;

      computed = custody_audit_hash (id, sqlite3_column_int64 (stmt, 1),
                                     sqlite3_column_int64 (stmt, 2),
                                     custody_sql_text (stmt, 3), custody_sql_text (stmt, 4),
                                     custody_sql_text (stmt, 5),
                                     (const char *) sqlite3_column_text (stmt, 6),
                                     (const char *) sqlite3_column_text (stmt, 7), prev_hash);

      if (id != expected_id)
        {
          check->first_broken = id;
          check->problem = g_strdup_printf (_("entries %lld to %lld are missing"),
                                            (long long) expected_id, (long long) (id - 1));
        }
      else if (!g_str_equal (prev_hash, prev))
        {
          check->first_broken = id;
          check->problem = g_strdup (_("it does not link to the entry before it"));
        }
      else if (!g_str_equal (computed, hash))
        {
          check->first_broken = id;
          check->problem = g_strdup (_("its content does not match its hash: it was changed after it was written"));
        }

      g_free (prev);
      prev = g_strdup (hash);
      expected_id = id + 1;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return custody_store_fail (self, rc, error);

  return TRUE;
}
