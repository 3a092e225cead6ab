/* custody-store.c
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
#include <sys/stat.h>
#include <unistd.h>

#include "custody-json.h"
#include "custody-store-private.h"
#include "custody-text.h"
#include "custody-time.h"

struct _CustodyStore
{
  GObject     parent_instance;

  GMutex      mutex;
  sqlite3    *db;
  char       *path;
  char       *actor;
  gint64      clock;       /* CUSTODY_TIME_NONE: the real clock */
  int         busy_timeout_ms;
  gint64      busy_since;     /* monotonic µs: when the lock was first found taken */
  GHashTable *statements;  /* const char *sql (static) -> sqlite3_stmt * */
  guint       read_only : 1;
  guint       bulk : 1;    /* statement journals in memory until the transaction ends */
  guint       not_permitted : 1;  /* read-only: this user may not write the file */
  guint       disk_full : 1;      /* read-only: opened on a full file system */
};

G_DEFINE_FINAL_TYPE (CustodyStore, custody_store, G_TYPE_OBJECT)
G_DEFINE_QUARK (custody-store-error-quark, custody_store_error)

#define DEFAULT_BUSY_TIMEOUT_MS 5000

/*
 * Helpers shared with the other store files
 */

GMutex *
custody_store_get_mutex (CustodyStore *self)
{
  return &self->mutex;
}

sqlite3 *
custody_store_get_db (CustodyStore *self)
{
  return self->db;
}

gint64
custody_store_now (CustodyStore *self)
{
  return self->clock != CUSTODY_TIME_NONE ? self->clock : custody_time_now ();
}

/* SQLite's own busy handler sleeps 1, 2, 5 ... up to 100 ms between tries, so a
 * writer behind a few others can keep missing the moments the lock is free and wait
 * far longer than their few milliseconds of work (bench/concurrency: p99 190 ms, up
 * to 850 ms). Writes here are short: try again every millisecond until the timeout. */
static int
wait_for_lock (void *data,
               int   attempt)
{
  CustodyStore *self = data;
  gint64 now = g_get_monotonic_time ();

  if (attempt == 0)
    self->busy_since = now;
  if (now - self->busy_since >= (gint64) self->busy_timeout_ms * 1000)
    return 0;

  g_usleep (1000);
  return 1;
}

void
custody_store_restore_busy_timeout (CustodyStore *self)
{
  sqlite3_busy_handler (self->db, self->busy_timeout_ms > 0 ? wait_for_lock : NULL, self);
}

const char *
custody_store_get_actor (CustodyStore *self)
{
  return self->actor;
}

static int
error_code_for (int rc)
{
  switch (rc & 0xff)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return CUSTODY_STORE_ERROR_LOCKED;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return CUSTODY_STORE_ERROR_CORRUPT;
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_CANTOPEN:
      return CUSTODY_STORE_ERROR_READ_ONLY;
    case SQLITE_CONSTRAINT:
      return CUSTODY_STORE_ERROR_INVALID;
    default:
      return CUSTODY_STORE_ERROR_FAILED;
    }
}

static gboolean
is_disk_full (CustodyStore *self,
              int           rc)
{
  if ((rc & 0xff) == SQLITE_FULL)
    return TRUE;
  /* Growing the -shm file, or syncing, on a full file system. */
  return (rc & 0xff) == SQLITE_IOERR && self->db != NULL &&
         sqlite3_system_errno (self->db) == ENOSPC;
}

static gboolean
fail_disk_full (CustodyStore  *self,
                GError       **error)
{
  g_set_error (error, CUSTODY_STORE_ERROR, CUSTODY_STORE_ERROR_FAILED,
               _("the store '%s' cannot be written: its file system is full; "
                 "free some space on it and try again"),
               self->path);
  return FALSE;
}

/* Turns an SQLite failure into a GError that says what it means for the
 * store. Always returns FALSE, for `return custody_store_fail (...)`. */
gboolean
custody_store_fail (CustodyStore  *self,
                    int            rc,
                    GError       **error)
{
  const char *detail = self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc);
  int code = error_code_for (rc);

  if (is_disk_full (self, rc))
    return fail_disk_full (self, error);

  switch (code)
    {
    case CUSTODY_STORE_ERROR_LOCKED:
      g_set_error (error, CUSTODY_STORE_ERROR, code,
                   _("the store '%s' is locked by another program (waited %.1f s)"),
                   self->path, self->busy_timeout_ms / 1000.0);
      break;
    case CUSTODY_STORE_ERROR_CORRUPT:
      g_set_error (error, CUSTODY_STORE_ERROR, code,
                   _("the store '%s' is corrupt (%s); "
                     "restore a backup with 'custodyctl db restore'"),
                   self->path, detail);
      break;
    case CUSTODY_STORE_ERROR_READ_ONLY:
      g_set_error (error, CUSTODY_STORE_ERROR, code,
                   _("the store '%s' is read-only (%s)"), self->path, detail);
      break;
    default:
      g_set_error (error, CUSTODY_STORE_ERROR, code, "%s", detail);
      break;
    }

  return FALSE;
}

sqlite3_stmt *
custody_store_prepare (CustodyStore  *self,
                       const char    *sql,
                       GError       **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);
  int rc;

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      custody_store_fail (self, rc, error);
      return NULL;
    }

  g_hash_table_insert (self->statements, (gpointer) sql, stmt);
  return stmt;
}

/* Runs a statement that returns no row (an INSERT, UPDATE or DELETE) and
 * resets it; a failure becomes the store's error, as custody_store_fail(). */
gboolean
custody_store_step_done (CustodyStore  *self,
                         sqlite3_stmt  *stmt,
                         GError       **error)
{
  return custody_store_finish_steps (self, stmt, sqlite3_step (stmt), error);
}

/* Ends the steps of @stmt, whose last step returned @rc: resets it and,
 * unless its rows ran out (SQLITE_DONE), turns @rc into the store's error
 * as custody_store_fail() does. */
gboolean
custody_store_finish_steps (CustodyStore  *self,
                            sqlite3_stmt  *stmt,
                            int            rc,
                            GError       **error)
{
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return custody_store_fail (self, rc, error);
  return TRUE;
}

/* Steps @stmt to its end, adding what @read makes of each row to @list,
 * and resets it; a failed step is the store's error. */
gboolean
custody_store_collect_rows (CustodyStore      *self,
                            sqlite3_stmt      *stmt,
                            CustodyRowReader   read,
                            GPtrArray         *list,
                            GError           **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (list, read (stmt));
  return custody_store_finish_steps (self, stmt, rc, error);
}

/* Like custody_store_step_done(), for an INSERT or UPDATE of a row with a
 * unique name: a broken constraint means the name is taken, and becomes
 * CUSTODY_STORE_ERROR_EXISTS saying @format. */
gboolean
custody_store_step_unique (CustodyStore  *self,
                           sqlite3_stmt  *stmt,
                           GError       **error,
                           const char    *format,
                           ...)
{
  int rc = sqlite3_step (stmt);
  va_list args;

  sqlite3_reset (stmt);
  if ((rc & 0xff) == SQLITE_CONSTRAINT)
    {
      g_autofree char *message = NULL;

      va_start (args, format);
      message = g_strdup_vprintf (format, args);
      va_end (args);
      g_set_error_literal (error, CUSTODY_STORE_ERROR, CUSTODY_STORE_ERROR_EXISTS, message);
      return FALSE;
    }
  if (rc != SQLITE_DONE)
    return custody_store_fail (self, rc, error);
  return TRUE;
}

gboolean
custody_store_exec (CustodyStore  *self,
                    const char    *sql,
                    GError       **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return custody_store_fail (self, rc, error);

  return TRUE;
}

const char *
custody_sql_text (sqlite3_stmt *stmt,
                  int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);
  return text != NULL ? text : "";
}

char *
custody_sql_dup_or_null (sqlite3_stmt *stmt,
                         int           column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return NULL;
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

gint64
custody_sql_time (sqlite3_stmt *stmt,
                  int           column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return CUSTODY_TIME_NONE;
  return sqlite3_column_int64 (stmt, column);
}

void
custody_sql_bind_time (sqlite3_stmt *stmt,
                       int           param,
                       gint64        t)
{
  if (t == CUSTODY_TIME_NONE)
    sqlite3_bind_null (stmt, param);
  else
    sqlite3_bind_int64 (stmt, param, t);
}

/* A count or size; negative: unknown, stored as NULL. */
void
custody_sql_bind_count (sqlite3_stmt *stmt,
                        int           param,
                        gint64        value)
{
  if (value < 0)
    sqlite3_bind_null (stmt, param);
  else
    sqlite3_bind_int64 (stmt, param, value);
}

/* A row's id; 0: none, stored as NULL. */
void
custody_sql_bind_id_or_null (sqlite3_stmt *stmt,
                             int           param,
                             gint64        id)
{
  if (id > 0)
    sqlite3_bind_int64 (stmt, param, id);
  else
    sqlite3_bind_null (stmt, param);
}

void
custody_sql_bind_text_or_null (sqlite3_stmt *stmt,
                               int           param,
                               const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, param);
  else
    sqlite3_bind_text (stmt, param, text, -1, SQLITE_TRANSIENT);
}

gboolean
custody_store_write_begin (CustodyStore  *self,
                           GError       **error)
{
  int rc;

  if (self->disk_full)
    return fail_disk_full (self, error);
  if (self->not_permitted)
    {
      g_set_error (error, CUSTODY_STORE_ERROR, CUSTODY_STORE_ERROR_READ_ONLY,
                   _("the store '%s' is read-only: you may read it but not write to it"),
                   self->path);
      return FALSE;
    }
  if (self->read_only)
    {
      g_set_error (error, CUSTODY_STORE_ERROR, CUSTODY_STORE_ERROR_READ_ONLY,
                   _("the store '%s' is read-only"), self->path);
      return FALSE;
    }

  /* IMMEDIATE: a deferred transaction that reads first would get
   * SQLITE_BUSY at once, ignoring the busy timeout, whenever another
   * process wrote in between. */
  rc = sqlite3_exec (self->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    return custody_store_fail (self, rc, error);

  return TRUE;
}

static void
end_bulk (CustodyStore *self)
{
  if (self->bulk)
    sqlite3_exec (self->db, "PRAGMA temp_store = DEFAULT", NULL, NULL, NULL);
  self->bulk = FALSE;
}

/**
 * custody_store_write_begin_bulk:
 *
 * Like custody_store_write_begin(), for a transaction whose statements
 * write many rows each: such a statement keeps a journal of the pages it
 * changes, which SQLite would otherwise spill to a temporary file page by
 * page. Where it goes is settled when the transaction begins.
 */
gboolean
custody_store_write_begin_bulk (CustodyStore  *self,
                                GError       **error)
{
  /* Only faster: the import goes on where SQLite refuses it. */
  self->bulk = sqlite3_exec (self->db, "PRAGMA temp_store = MEMORY", NULL, NULL, NULL) == SQLITE_OK;
  if (!custody_store_write_begin (self, error))
    {
      end_bulk (self);
      return FALSE;
    }
  return TRUE;
}

void
custody_store_write_rollback (CustodyStore *self)
{
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  end_bulk (self);
}

static gboolean
append_audit (CustodyStore  *self,
              const char    *action,
              const char    *entity,
              JsonNode      *before,
              JsonNode      *after,
              GError       **error)
{
  g_autofree char *before_text = before != NULL ? custody_json_to_string (before, FALSE) : NULL;
  g_autofree char *after_text = after != NULL ? custody_json_to_string (after, FALSE) : NULL;
  g_autofree char *prev_hash = NULL;
  g_autofree char *hash = NULL;
  sqlite3_stmt *stmt;
  gint64 id = 1;
  gint64 at = custody_time_now ();
  gint64 business_at = custody_store_now (self);
  int rc;

  stmt = custody_store_prepare (self, "SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      id = sqlite3_column_int64 (stmt, 0) + 1;
      prev_hash = g_strdup (custody_sql_text (stmt, 1));
    }
  else if (rc == SQLITE_DONE)
    prev_hash = g_strnfill (64, '0');
  else
    return custody_store_fail (self, rc, error);
  sqlite3_reset (stmt);

  hash = custody_audit_hash (id, at, business_at, self->actor, action, entity,
                             before_text, after_text, prev_hash);

  stmt = custody_store_prepare (self,
                                "INSERT INTO audit (id, at, business_at, actor, action, entity,"
                                "                   before, after, prev_hash, hash)"
                                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, at);
  sqlite3_bind_int64 (stmt, 3, business_at);
  sqlite3_bind_text (stmt, 4, self->actor, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, action, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, entity, -1, SQLITE_STATIC);
  custody_sql_bind_text_or_null (stmt, 7, before_text);
  custody_sql_bind_text_or_null (stmt, 8, after_text);
  sqlite3_bind_text (stmt, 9, prev_hash, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 10, hash, -1, SQLITE_STATIC);
  if (!custody_store_step_done (self, stmt, error))
    return FALSE;

  return TRUE;
}

/* Ends a write: appends its audit entry, then commits, both or neither. */
gboolean
custody_store_write_commit (CustodyStore  *self,
                            const char    *action,
                            const char    *entity,
                            JsonNode      *before,
                            JsonNode      *after,
                            GError       **error)
{
  int rc;

  if (!append_audit (self, action, entity, before, after, error))
    {
      custody_store_write_rollback (self);
      return FALSE;
    }

  rc = sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      custody_store_fail (self, rc, error);
      custody_store_write_rollback (self);
      return FALSE;
    }

  end_bulk (self);
  return TRUE;
}

static gint64
find_id (CustodyStore *self,
         const char   *sql,
         const char   *name,
         GError      **error)
{
  sqlite3_stmt *stmt = custody_store_prepare (self, sql, error);
  gint64 id = 0;
  int rc;

  if (stmt == NULL)
    return -1;

  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  else if (rc != SQLITE_DONE)
    custody_store_fail (self, rc, error), id = -1;
  sqlite3_reset (stmt);

  return id;
}

/* Every writer of a name or a text passes here: the command line, CSV
 * cells, imported documents and the app's fields alike. */
gboolean
custody_store_check_name (const char  *name,
                          gboolean     is_new,
                          GError     **error)
{
  g_autoptr(GError) local = NULL;

  if (name == NULL || custody_text_check_name (name, is_new, &local))
    return TRUE;
  g_set_error_literal (error, CUSTODY_STORE_ERROR, CUSTODY_STORE_ERROR_INVALID, local->message);
  return FALSE;
}

gboolean
custody_store_check_text (const char  *text,
                          GError     **error)
{
  g_autoptr(GError) local = NULL;

  if (text == NULL || custody_text_check_free (text, &local))
    return TRUE;
  g_set_error_literal (error, CUSTODY_STORE_ERROR, CUSTODY_STORE_ERROR_INVALID, local->message);
  return FALSE;
}

gint64
custody_store_find_job_id (CustodyStore  *self,
                           const char    *name,
                           GError       **error)
{
  gint64 id = find_id (self, "SELECT id FROM jobs WHERE name = ?", name, error);

  if (id == 0)
    g_set_error (error, CUSTODY_STORE_ERROR, CUSTODY_STORE_ERROR_NOT_FOUND,
                 _("unknown job '%s'"), name);
  return MAX (id, 0);
}

gint64
custody_store_find_copy_id (CustodyStore  *self,
                            gint64         job_id,
                            const char    *job,
                            const char    *name,
                            GError       **error)
{
  sqlite3_stmt *stmt = custody_store_prepare (self,
                                              "SELECT id FROM copies WHERE job_id = ? AND name = ?",
                                              error);
  gint64 id = 0;
  int rc;

  if (stmt == NULL)
    return 0;

  sqlite3_bind_int64 (stmt, 1, job_id);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  else if (rc != SQLITE_DONE)
    custody_store_fail (self, rc, error);
  else
    g_set_error (error, CUSTODY_STORE_ERROR, CUSTODY_STORE_ERROR_NOT_FOUND,
                 _("job '%s' has no copy '%s'"), job, name);
  sqlite3_reset (stmt);

  return id;
}

/* The id of the copy @copy of the job @job, or 0 and an error when there is
 * no such job or no such copy. */
gint64
custody_store_find_job_copy_id (CustodyStore  *self,
                                const char    *job,
                                const char    *copy,
                                GError       **error)
{
  gint64 job_id = custody_store_find_job_id (self, job, error);

  if (job_id == 0)
    return 0;
  return custody_store_find_copy_id (self, job_id, job, copy, error);
}

gint64
custody_store_find_location_id (CustodyStore  *self,
                                const char    *name,
                                GError       **error)
{
  gint64 id = find_id (self, "SELECT id FROM locations WHERE name = ?", name, error);

  if (id == 0)
    g_set_error (error, CUSTODY_STORE_ERROR, CUSTODY_STORE_ERROR_NOT_FOUND,
                 _("unknown location '%s'"), name);
  return MAX (id, 0);
}

gint64
custody_store_find_medium_id (CustodyStore  *self,
                              const char    *volser,
                              GError       **error)
{
  gint64 id = find_id (self, "SELECT id FROM media WHERE volser = ?", volser, error);

  if (id == 0)
    g_set_error (error, CUSTODY_STORE_ERROR, CUSTODY_STORE_ERROR_NOT_FOUND,
                 _("unknown volume '%s'"), volser);
  return MAX (id, 0);
}

gint64
custody_store_find_pool_id (CustodyStore  *self,
                            const char    *name,
                            gboolean       create,
                            GError       **error)
{
  gint64 id = find_id (self, "SELECT id FROM pools WHERE name = ?", name, error);
  sqlite3_stmt *stmt;

  if (id != 0)
    return MAX (id, 0);

  if (!create)
    {
      g_set_error (error, CUSTODY_STORE_ERROR, CUSTODY_STORE_ERROR_NOT_FOUND,
                   _("unknown pool '%s'"), name);
      return 0;
    }

  if (!custody_store_check_name (name, TRUE, error))
    return 0;
  stmt = custody_store_prepare (self, "INSERT INTO pools (name, created_at) VALUES (?, ?)", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, custody_store_now (self));
  if (!custody_store_step_done (self, stmt, error))
    return FALSE;

  return sqlite3_last_insert_rowid (self->db);
}

static gboolean
forget (CustodyStore  *self,
        const char    *sql,
        gint64         id,
        GError       **error)
{
  sqlite3_stmt *stmt = custody_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!custody_store_step_done (self, stmt, error))
    return FALSE;
  return TRUE;
}

/* @job_id: a job, or 0 for every job */
gboolean
custody_store_forget_job_status (CustodyStore  *self,
                                 gint64         job_id,
                                 GError       **error)
{
  return forget (self, "DELETE FROM job_state WHERE ?1 = 0 OR job_id = ?1", job_id, error);
}

gboolean
custody_store_forget_copy_status (CustodyStore  *self,
                                  gint64         copy_id,
                                  GError       **error)
{
  return forget (self,
                 "DELETE FROM job_state WHERE job_id = (SELECT job_id FROM copies WHERE id = ?)",
                 copy_id, error);
}

/* The jobs with restore points on a volume that moved or changed. */
gboolean
custody_store_forget_media_status (CustodyStore  *self,
                                   gint64         medium_id,
                                   GError       **error)
{
  return forget (self,
                 "DELETE FROM job_state WHERE job_id IN"
                 " (SELECT c.job_id FROM execution_volumes ev"
                 "   JOIN executions e ON e.id = ev.execution_id"
                 "   JOIN copies c ON c.id = e.copy_id WHERE ev.media_id = ?)",
                 medium_id, error);
}

/*
 * Opening
 */

static gboolean
query_int (sqlite3     *db,
           const char  *sql,
           gint64      *out,
           int         *rc_out)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          *out = sqlite3_column_int64 (stmt, 0);
          rc = SQLITE_OK;
        }
    }
  sqlite3_finalize (stmt);
  *rc_out = rc;

  return rc == SQLITE_OK;
}

static int
busy_timeout_ms (void)
{
  const char *env = g_getenv ("CUSTODY_BUSY_TIMEOUT_MS");

  if (env != NULL && g_ascii_isdigit (env[0]))
    return (int) g_ascii_strtoll (env, NULL, 10);
  return DEFAULT_BUSY_TIMEOUT_MS;
}

/* A folder shared with a group on purpose: group-writable and setgid, so
 * that what is made in it belongs to that group. */
gboolean
custody_store_dir_is_shared (const char *dir)
{
  struct stat st;

  return g_stat (dir, &st) == 0 && (st.st_mode & S_IWGRP) && (st.st_mode & S_ISGID);
}

/* A new store, and each backup, is its owner's alone whatever the umask,
 * or its group's too in a shared folder. SQLite gives the -wal and -shm
 * files the store's own mode. */
mode_t
custody_store_file_mode_in (const char *dir)
{
  return custody_store_dir_is_shared (dir) ? 0660 : 0600;
}

static gboolean
create_store_file (const char  *path,
                   GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  mode_t mode;
  int fd;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, CUSTODY_STORE_ERROR, CUSTODY_STORE_ERROR_FAILED,
                   _("cannot create '%s': %s"), dir, g_strerror (saved_errno));
      return FALSE;
    }

  mode = custody_store_file_mode_in (dir);
  fd = open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
  if (fd < 0)
    {
      int saved_errno = errno;

      /* Another program made it first: it is opened as it is. */
      if (saved_errno == EEXIST)
        return TRUE;
      g_set_error (error, CUSTODY_STORE_ERROR, CUSTODY_STORE_ERROR_FAILED,
                   _("cannot create '%s': %s"), path, g_strerror (saved_errno));
      return FALSE;
    }
  /* Not narrowed by the umask. */
  if (fchmod (fd, mode) != 0)
    g_debug ("fchmod %s: %s", path, g_strerror (errno));
  close (fd);

  return TRUE;
}

/* The URI that opens @path for reading only, for a user who may not write
 * the store. SQLite would otherwise make the -wal and -shm files a writer
 * needs, owned by that user and in the store's mode, which the owner then
 * cannot write. When they exist (a writer has the store open, or left
 * them), they are read as they are; when not, the store file is whole and
 * is read as a file that does not change. */
static char *
read_only_uri (const char *path,
               gboolean    immutable)
{
  g_autofree char *escaped = g_uri_escape_string (path, "/", TRUE);

  return g_strdup_printf ("file:%s?mode=ro%s", escaped, immutable ? "&immutable=1" : "");
}

static gboolean
wal_in_use (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  return g_file_test (wal, G_FILE_TEST_EXISTS) && g_file_test (shm, G_FILE_TEST_EXISTS);
}

static gboolean
wal_is_empty (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  struct stat st;

  return g_stat (wal, &st) != 0 || st.st_size == 0;
}

static gboolean
read_header (sqlite3 *db,
             gint64  *version,
             gint64  *n_tables,
             int     *rc)
{
  return query_int (db, "PRAGMA user_version", version, rc) &&
         query_int (db, "SELECT count(*) FROM sqlite_schema", n_tables, rc);
}

static int
open_connection (CustodyStore *self,
                 const char   *uri,
                 int           open_flags)
{
  int rc = sqlite3_open_v2 (uri != NULL ? uri : self->path, &self->db, open_flags, NULL);

  if (rc != SQLITE_OK)
    return rc;

  sqlite3_extended_result_codes (self->db, TRUE);
  self->busy_timeout_ms = busy_timeout_ms ();
  custody_store_restore_busy_timeout (self);
  return SQLITE_OK;
}

static gboolean
open_database (CustodyStore           *self,
               CustodyStoreOpenFlags   flags,
               GError                **error)
{
  int open_flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
  g_autofree char *uri = NULL;
  gint64 version = 0;
  gint64 n_tables = 0;
  int rc;

  /* Before any connection of this process takes a lock. */
  custody_store_init_locking ();

  if (!g_file_test (self->path, G_FILE_TEST_EXISTS))
    {
      if (!(flags & CUSTODY_STORE_OPEN_CREATE))
        {
          g_set_error (error, CUSTODY_STORE_ERROR, CUSTODY_STORE_ERROR_MISSING,
                       _("no store at '%s' (create one with 'custodyctl init')"), self->path);
          return FALSE;
        }
      if (!create_store_file (self->path, error))
        return FALSE;
    }
  else if (faccessat (AT_FDCWD, self->path, W_OK, AT_EACCESS) != 0 &&
           (errno == EACCES || errno == EROFS))
    {
      uri = read_only_uri (self->path, !wal_in_use (self->path));
      open_flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX;
      self->not_permitted = TRUE;
    }

  rc = open_connection (self, uri, open_flags);
  if (rc != SQLITE_OK)
    return custody_store_fail (self, rc, error);

  /* Look before touching anything: a store from a newer Custody, or a file
   * that is not ours, is left exactly as it is. */
  if (!read_header (self->db, &version, &n_tables, &rc))
    {
      /* With no space left SQLite cannot make the -shm file that reading
       * a WAL store needs. With nothing in the WAL the store file is
       * whole: read it as it is, and let writes say the disk is full. */
      if (!is_disk_full (self, rc) || !wal_is_empty (self->path))
        return custody_store_fail (self, rc, error);

      sqlite3_close_v2 (self->db);
      self->db = NULL;
      g_free (uri);
      uri = read_only_uri (self->path, TRUE);
      self->disk_full = TRUE;
      rc = open_connection (self, uri,
                            SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX);
      if (rc != SQLITE_OK || !read_header (self->db, &version, &n_tables, &rc))
        return custody_store_fail (self, rc, error);
    }

  if (version > CUSTODY_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, CUSTODY_STORE_ERROR, CUSTODY_STORE_ERROR_SCHEMA_TOO_NEW,
                   _("the store '%s' was made by a newer version of Custody (schema %d, this one "
                     "knows %d); it was left unchanged"),
                   self->path, (int) version, CUSTODY_STORE_SCHEMA_VERSION);
      return FALSE;
    }

  if (version == 0 && n_tables > 0)
    {
      g_set_error (error, CUSTODY_STORE_ERROR, CUSTODY_STORE_ERROR_CORRUPT,
                   _("'%s' is an SQLite database but not a Custody store; it was left unchanged"),
                   self->path);
      return FALSE;
    }

  self->read_only = sqlite3_db_readonly (self->db, "main") == 1;

  if (!self->read_only &&
      (!custody_store_exec (self, "PRAGMA journal_mode = WAL", error) ||
       !custody_store_exec (self, "PRAGMA synchronous = FULL", error)))
    return FALSE;

  /* A 32 MiB page cache and no memory mapping: judging every job reads a
   * little of many pages, and a mapped store would stay resident in the
   * app whole (measured: 350 MB instead of 180 MB at a million runs), for
   * about 10% less time. 64 MiB was no faster for `check` and took the
   * app to 211 MB once the desk's lists read every volume. */
  if (!custody_store_exec (self, "PRAGMA foreign_keys = ON", error) ||
      !custody_store_exec (self, "PRAGMA cache_size = -32768", error) ||
      !custody_store_exec (self, "PRAGMA mmap_size = 0", error) ||
      !custody_store_exec (self, "PRAGMA journal_size_limit = 67108864", error))
    return FALSE;

  if (version < CUSTODY_STORE_SCHEMA_VERSION)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      if (!custody_store_write_begin (self, error))
        return FALSE;

      /* Another process may have migrated while we waited for the lock. */
      if (!query_int (self->db, "PRAGMA user_version", &version, &rc))
        {
          custody_store_write_rollback (self);
          return custody_store_fail (self, rc, error);
        }

      if (version < CUSTODY_STORE_SCHEMA_VERSION)
        {
          g_autofree char *set_version =
            g_strdup_printf ("PRAGMA user_version = %d", CUSTODY_STORE_SCHEMA_VERSION);
          g_autofree char *site_id = g_uuid_string_random ();
          sqlite3_stmt *stmt;

          if (!custody_store_migrate (self, self->db, (int) version, error) ||
              !custody_store_exec (self, set_version, error))
            {
              custody_store_write_rollback (self);
              return FALSE;
            }

          if (version == 0)
            {
              stmt = custody_store_prepare (self,
                                            "INSERT INTO meta (key, value) VALUES ('site-id', ?)",
                                            error);
              if (stmt == NULL)
                {
                  custody_store_write_rollback (self);
                  return FALSE;
                }
              sqlite3_bind_text (stmt, 1, site_id, -1, SQLITE_STATIC);
              rc = sqlite3_step (stmt);
              sqlite3_reset (stmt);
              if (rc != SQLITE_DONE)
                {
                  custody_store_write_rollback (self);
                  return custody_store_fail (self, rc, error);
                }
            }

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "schema");
          json_builder_add_int_value (b, CUSTODY_STORE_SCHEMA_VERSION);
          json_builder_end_object (b);
          if (!custody_store_write_commit (self, version == 0 ? "store.create" : "store.migrate",
                                           "store", NULL, json_builder_get_root (b), error))
            return FALSE;
        }
      else
        custody_store_write_rollback (self);
    }

  return TRUE;
}

/*
 * GObject
 */

static void
finalize_statement (gpointer data)
{
  sqlite3_finalize (data);
}

static void
custody_store_finalize (GObject *object)
{
  CustodyStore *self = (CustodyStore *) object;

  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    {
      /* No checkpoint of our own: it would wait for every reader. SQLite
       * checkpoints as it goes without waiting, and folds the WAL back in
       * when the last connection closes. */
      sqlite3_close_v2 (self->db);
    }
  g_free (self->path);
  g_free (self->actor);
  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (custody_store_parent_class)->finalize (object);
}

static void
custody_store_class_init (CustodyStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = custody_store_finalize;
}

static void
custody_store_init (CustodyStore *self)
{
  g_mutex_init (&self->mutex);
  self->clock = CUSTODY_TIME_NONE;
  self->busy_timeout_ms = DEFAULT_BUSY_TIMEOUT_MS;
  self->statements = g_hash_table_new_full (NULL, NULL, NULL, finalize_statement);
  self->actor = g_strdup (g_get_user_name ());
}

/*
 * Public API
 */

char *
custody_store_default_path (void)
{
  const char *env = g_getenv ("CUSTODY_DB");

  if (env != NULL && env[0] != '\0')
    return g_strdup (env);

  return g_build_filename (g_get_user_data_dir (), "custody", "custody.db", NULL);
}

const char *
custody_store_sqlite_version (void)
{
  return sqlite3_libversion ();
}

/**
 * custody_store_open:
 * @path: the store's file
 * @flags: %CUSTODY_STORE_OPEN_CREATE to create it when missing
 * @error: a location for a #CUSTODY_STORE_ERROR
 *
 * Opens a store, creating or upgrading its schema. A store made by a newer
 * version, or a file that is not a store, is refused and left untouched.
 *
 * Returns: (transfer full): the store, or %NULL
 */
CustodyStore *
custody_store_open (const char             *path,
                    CustodyStoreOpenFlags   flags,
                    GError                **error)
{
  g_autoptr(CustodyStore) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (CUSTODY_TYPE_STORE, NULL);
  self->path = g_strdup (path);

  if (!open_database (self, flags, error))
    return NULL;

  return g_steal_pointer (&self);
}

const char *
custody_store_get_path (CustodyStore *self)
{
  g_return_val_if_fail (CUSTODY_IS_STORE (self), NULL);

  return self->path;
}

gboolean
custody_store_get_read_only (CustodyStore *self)
{
  g_return_val_if_fail (CUSTODY_IS_STORE (self), FALSE);

  return self->read_only;
}

void
custody_store_set_actor (CustodyStore *self,
                         const char   *actor)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_return_if_fail (CUSTODY_IS_STORE (self));
  g_return_if_fail (actor != NULL);

  locker = g_mutex_locker_new (custody_store_get_mutex (self));
  g_free (self->actor);
  self->actor = g_strdup (actor);
}

/**
 * custody_store_set_clock:
 * @at: the moment reads see and writes are dated, or %CUSTODY_TIME_NONE
 *   for the real clock
 *
 * Time travel (`--at`): reads ignore whatever is dated after @at.
 */
void
custody_store_set_clock (CustodyStore *self,
                         gint64        at)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_return_if_fail (CUSTODY_IS_STORE (self));

  locker = g_mutex_locker_new (custody_store_get_mutex (self));
  self->clock = at;
}

gint64
custody_store_get_clock (CustodyStore *self)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_return_val_if_fail (CUSTODY_IS_STORE (self), 0);

  locker = g_mutex_locker_new (custody_store_get_mutex (self));
  return custody_store_now (self);
}

/**
 * custody_store_get_data_version:
 *
 * A number that changes whenever any program commits to the store, read
 * cheaply without touching the data (SQLite's data_version plus the audit
 * head): what the app polls to notice writes by `custodyctl` or cron.
 */
gint64
custody_store_get_data_version (CustodyStore *self)
{
  g_autoptr(GMutexLocker) locker = NULL;
  gint64 head = 0;
  int rc;

  g_return_val_if_fail (CUSTODY_IS_STORE (self), 0);

  locker = g_mutex_locker_new (custody_store_get_mutex (self));
  if (!query_int (self->db, "SELECT coalesce (max (id), 0) FROM audit", &head, &rc))
    return -1;
  return head;
}

/* Policy */

static const struct
{
  const char *key;
  const char *fallback;
} policy_keys[] = {
  { "production-counts", "true" },
  { "warning-counts", "true" },
  { "at-risk-rpo-fraction", "0.10" },
  { "at-risk-verify-days", "7" },
};

static gboolean
parse_policy_value (const char     *key,
                    const char     *value,
                    CustodyPolicy  *policy,
                    GError        **error)
{
  if (g_str_equal (key, "production-counts") || g_str_equal (key, "warning-counts"))
    {
      gboolean b;

      if (g_str_equal (value, "true"))
        b = TRUE;
      else if (g_str_equal (value, "false"))
        b = FALSE;
      else
        {
          g_set_error (error, CUSTODY_STORE_ERROR, CUSTODY_STORE_ERROR_INVALID,
                       _("policy '%s' must be true or false, not '%s'"), key, value);
          return FALSE;
        }
      if (g_str_equal (key, "production-counts"))
        policy->production_counts = b;
      else
        policy->warning_counts = b;
    }
  else if (g_str_equal (key, "at-risk-rpo-fraction"))
    {
      char *end = NULL;
      double d = g_ascii_strtod (value, &end);

      if (end == value || *end != '\0' || !(d >= 0.0 && d < 1.0))
        {
          g_set_error (error, CUSTODY_STORE_ERROR, CUSTODY_STORE_ERROR_INVALID,
                       _("policy '%s' must be a fraction from 0 to below 1, not '%s'"),
                       key, value);
          return FALSE;
        }
      policy->at_risk_rpo_fraction = d;
    }
  else if (g_str_equal (key, "at-risk-verify-days"))
    {
      guint64 n;

      if (!g_ascii_string_to_unsigned (value, 10, 0, 3650, &n, NULL))
        {
          g_set_error (error, CUSTODY_STORE_ERROR, CUSTODY_STORE_ERROR_INVALID,
                       _("policy '%s' must be a number of days from 0 to 3650, not '%s'"),
                       key, value);
          return FALSE;
        }
      policy->at_risk_verify_days = (int) n;
    }
  else
    {
      g_set_error (error, CUSTODY_STORE_ERROR, CUSTODY_STORE_ERROR_INVALID,
                   _("unknown policy '%s' (one of production-counts, warning-counts, "
                     "at-risk-rpo-fraction, at-risk-verify-days)"),
                   key);
      return FALSE;
    }

  return TRUE;
}

gboolean
custody_store_read_policy (CustodyStore   *self,
             CustodyPolicy  *policy,
             GError        **error)
{
  sqlite3_stmt *stmt;
  int rc;

  custody_policy_init_defaults (policy);

  stmt = custody_store_prepare (self, "SELECT key, value FROM meta WHERE key LIKE 'policy.%'",
                                error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *key = custody_sql_text (stmt, 0) + strlen ("policy.");
      g_autoptr(GError) local_error = NULL;

      if (!parse_policy_value (key, custody_sql_text (stmt, 1), policy, &local_error))
        g_warning ("Ignoring stored policy: %s", local_error->message);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    return custody_store_fail (self, rc, error);

  return TRUE;
}

gboolean
custody_store_get_policy (CustodyStore   *self,
                          CustodyPolicy  *policy,
                          GError        **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_return_val_if_fail (CUSTODY_IS_STORE (self), FALSE);
  g_return_val_if_fail (policy != NULL, FALSE);

  locker = g_mutex_locker_new (custody_store_get_mutex (self));
  return custody_store_read_policy (self, policy, error);
}

gboolean
custody_store_set_policy_value (CustodyStore  *self,
                                const char    *key,
                                const char    *value,
                                GError       **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(JsonBuilder) before = json_builder_new ();
  g_autoptr(JsonBuilder) after = json_builder_new ();
  g_autofree char *meta_key = NULL;
  g_autofree char *entity = NULL;
  CustodyPolicy policy;
  sqlite3_stmt *stmt;
  const char *old_value = NULL;

  g_return_val_if_fail (CUSTODY_IS_STORE (self), FALSE);

  custody_policy_init_defaults (&policy);
  if (!parse_policy_value (key, value, &policy, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (policy_keys); i++)
    if (g_str_equal (policy_keys[i].key, key))
      old_value = policy_keys[i].fallback;

  locker = g_mutex_locker_new (custody_store_get_mutex (self));

  if (!custody_store_write_begin (self, error))
    return FALSE;

  meta_key = g_strconcat ("policy.", key, NULL);
  stmt = custody_store_prepare (self, "SELECT value FROM meta WHERE key = ?", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, meta_key, -1, SQLITE_STATIC);
  json_builder_begin_object (before);
  json_builder_set_member_name (before, key);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    json_builder_add_string_value (before, custody_sql_text (stmt, 0));
  else
    json_builder_add_string_value (before, old_value);
  json_builder_end_object (before);
  sqlite3_reset (stmt);

  stmt = custody_store_prepare (self,
                                "INSERT INTO meta (key, value) VALUES (?, ?)"
                                " ON CONFLICT (key) DO UPDATE SET value = excluded.value", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, meta_key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
  if (!custody_store_step_done (self, stmt, error))
    goto fail;

  /* Every job is judged anew under the new policy. */
  if (!custody_store_forget_job_status (self, 0, error))
    goto fail;

  json_builder_begin_object (after);
  json_builder_set_member_name (after, key);
  json_builder_add_string_value (after, value);
  json_builder_end_object (after);
  entity = g_strconcat ("policy:", key, NULL);

  return custody_store_write_commit (self, "policy.set", entity,
                                     json_builder_get_root (before),
                                     json_builder_get_root (after), error);

fail:
  custody_store_write_rollback (self);
  return FALSE;
}

/* Locations */

gboolean
custody_store_add_location (CustodyStore         *self,
                            const char           *name,
                            CustodyLocationKind   kind,
                            GError              **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(CustodyLocation) location = custody_location_new ();
  g_autofree char *entity = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CUSTODY_IS_STORE (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if (name[0] == '\0')
    {
      g_set_error (error, CUSTODY_STORE_ERROR, CUSTODY_STORE_ERROR_INVALID,
                   _("a location needs a name"));
      return FALSE;
    }
  if (!custody_store_check_name (name, TRUE, error))
    return FALSE;

  locker = g_mutex_locker_new (custody_store_get_mutex (self));

  if (!custody_store_write_begin (self, error))
    return FALSE;

  location->name = g_strdup (name);
  location->kind = kind;
  location->created_at = custody_store_now (self);

  stmt = custody_store_prepare (self,
                                "INSERT INTO locations (name, kind, created_at) VALUES (?, ?, ?)",
                                error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, custody_location_kind_to_string (kind), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, location->created_at);
  if (!custody_store_step_unique (self, stmt, error,
                                  _("location '%s' already exists"), name))
    goto fail;

  entity = g_strconcat ("location:", name, NULL);
  return custody_store_write_commit (self, "location.add", entity, NULL,
                                     custody_json_location (location), error);

fail:
  custody_store_write_rollback (self);
  return FALSE;
}

GPtrArray *
custody_store_list_locations (CustodyStore  *self,
                              GError       **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(GPtrArray) locations = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CUSTODY_IS_STORE (self), NULL);

  locker = g_mutex_locker_new (custody_store_get_mutex (self));

  stmt = custody_store_prepare (self,
                                "SELECT id, name, kind, created_at FROM locations"
                                " WHERE created_at <= ? ORDER BY name", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, custody_store_now (self));

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CustodyLocation *location = custody_location_new ();

      location->id = sqlite3_column_int64 (stmt, 0);
      location->name = g_strdup (custody_sql_text (stmt, 1));
      custody_location_kind_from_string (custody_sql_text (stmt, 2), &location->kind);
      location->created_at = sqlite3_column_int64 (stmt, 3);
      g_ptr_array_add (locations, location);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      custody_store_fail (self, rc, error);
      return NULL;
    }

  return g_steal_pointer (&locations);
}
