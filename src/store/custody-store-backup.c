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
#include <signal.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "custody-json.h"
#include "custody-store-private.h"
#include "custody-time.h"

/* A generation is "custody-<first 8 of the site id>-<UTC time>Z-<µs>.db".
 * Older versions wrote "custody-<UTC time>Z-<µs>.db"; those are rotated
 * too, but only once their site id shows they are this store's. */
#define BACKUP_PREFIX "custody-"
#define BACKUP_SUFFIX ".db"
#define BACKUP_ID_LENGTH 8
/* A temporary is ".custody-backup-<host>-<pid>-XXXXXX.tmp": the next
 * backup removes it once its writer is gone. */
#define TMP_PREFIX ".custody-backup-"
#define TMP_SUFFIX ".tmp"
/* A temporary whose writer cannot be asked (another host, an older
 * version) is stale after a day: no backup takes that long. */
#define TMP_STALE_SECONDS (24 * 60 * 60)

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

/*
 * Checking a file before it is trusted
 */

static char *
read_site_id (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  char *id = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT value FROM meta WHERE key = 'site-id'", -1, &stmt,
                          NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_text (stmt, 0) != NULL)
    id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return id;
}

/* integrity_check, foreign_key_check and the audit chain, on any
 * connection; what they find goes into @check. */
static int
check_db (sqlite3           *db,
          CustodyStoreCheck *check)
{
  g_autoptr(GString) integrity = g_string_new (NULL);
  g_autofree char *prev = g_strnfill (64, '0');
  sqlite3_stmt *stmt = NULL;
  gint64 expected_id = 1;
  int rc;

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
    return rc;

  rc = sqlite3_prepare_v2 (db, "PRAGMA foreign_key_check", -1, &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_string_append_printf (integrity, "%sforeign key broken in %s row %" G_GINT64_FORMAT,
                              integrity->len > 0 ? "; " : "",
                              sqlite3_column_text (stmt, 0),
                              (gint64) sqlite3_column_int64 (stmt, 1));
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return rc;
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
          check->problem = g_strdup (_("its content does not match its hash: "
                                       "it was changed after it was written"));
        }

      g_free (prev);
      prev = g_strdup (hash);
      expected_id = id + 1;
    }
  sqlite3_finalize (stmt);

  return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* Opens @path read-only and runs what db check runs, plus the schema's
 * tables, indexes and triggers against those this version makes. Returns
 * FALSE with an error if it cannot be read; what is wrong with a readable
 * file is in @problem (NULL when it is a whole, untampered store). */
static gboolean
check_file (const char  *path,
            char       **problem,
            gint64      *schema,
            GError     **error)
{
  CustodyStoreCheck check = { 0, };
  g_autofree char *differences = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  *problem = NULL;
  *schema = 0;

  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL);
  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      *schema = sqlite3_column_int64 (stmt, 0);
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);

  /* Not a store of a schema this version knows: nothing more to check,
   * the caller says so. */
  if (rc == SQLITE_OK && (*schema < 1 || *schema > CUSTODY_STORE_SCHEMA_VERSION))
    {
      sqlite3_close_v2 (db);
      return TRUE;
    }

  if (rc == SQLITE_OK)
    rc = check_db (db, &check);

  if (rc == SQLITE_OK && g_str_equal (check.integrity, "ok") && check.first_broken == 0)
    differences = custody_store_schema_problems (db, (int) *schema, &rc);

  if (rc != SQLITE_OK)
    {
      g_set_error (error, CUSTODY_STORE_ERROR, CUSTODY_STORE_ERROR_CORRUPT,
                   _("'%s' cannot be read as a store: %s"), path,
                   db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
      custody_store_check_clear (&check);
      sqlite3_close_v2 (db);
      return FALSE;
    }
  sqlite3_close_v2 (db);

  if (!g_str_equal (check.integrity, "ok"))
    *problem = g_strdup (check.integrity);
  else if (check.first_broken != 0)
    *problem = g_strdup_printf (_("audit entry %lld is broken: %s"), (long long) check.first_broken,
                                check.problem);
  else if (differences != NULL)
    *problem = g_strdup_printf (_("its schema is not the one Custody makes: %s"), differences);

  custody_store_check_clear (&check);
  return TRUE;
}

/*
 * Generations
 */

static gboolean
parse_digits (const char *s,
              guint       n)
{
  for (guint i = 0; i < n; i++)
    if (!g_ascii_isdigit (s[i]))
      return FALSE;
  return TRUE;
}

/* "20261120T090000Z-123456", where a generation's name has it. */
static gboolean
is_stamp (const char *s)
{
  return parse_digits (s, 8) && s[8] == 'T' && parse_digits (s + 9, 6) && s[15] == 'Z' &&
         s[16] == '-' && parse_digits (s + 17, 6);
}

/* The time part of a generation's name (what it sorts by), or NULL if
 * @name is not a generation's name; *@with_id says which pattern. */
static const char *
generation_stamp (const char *name,
                  const char *id8,
                  gboolean   *with_id)
{
  const char *rest;

  if (!g_str_has_prefix (name, BACKUP_PREFIX) || !g_str_has_suffix (name, BACKUP_SUFFIX))
    return NULL;
  rest = name + strlen (BACKUP_PREFIX);

  *with_id = strncmp (rest, id8, BACKUP_ID_LENGTH) == 0 && rest[BACKUP_ID_LENGTH] == '-';
  if (*with_id)
    rest += BACKUP_ID_LENGTH + 1;

  if (strlen (rest) < 23 + strlen (BACKUP_SUFFIX) || !is_stamp (rest))
    return NULL;
  /* The old pattern has nothing between the stamp and ".db". */
  if (!*with_id && !g_str_equal (rest + 23, BACKUP_SUFFIX))
    return NULL;
  return rest;
}

static gboolean
same_inode (const struct stat *a,
            const struct stat *b)
{
  return a->st_dev == b->st_dev && a->st_ino == b->st_ino;
}

/* Whether @path is a backup this store made: a regular file (not a link),
 * not the store or one of its files, holding this store's site id. */
static gboolean
is_own_generation (const char  *path,
                   const char  *store_path,
                   const char  *site_id)
{
  static const char * const store_suffixes[] = { "", "-wal", "-shm", "-journal" };
  g_autofree char *id = NULL;
  struct stat st;
  sqlite3 *db = NULL;

  if (lstat (path, &st) != 0 || !S_ISREG (st.st_mode))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (store_suffixes); i++)
    {
      g_autofree char *file = g_strconcat (store_path, store_suffixes[i], NULL);
      struct stat store_st;

      if (stat (file, &store_st) == 0 && same_inode (&st, &store_st))
        return FALSE;
    }

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK)
    id = read_site_id (db);
  sqlite3_close_v2 (db);

  return id != NULL && g_str_equal (id, site_id);
}

typedef struct
{
  char *stamp;   /* sorts oldest first */
  char *path;
} Generation;

static void
generation_free (gpointer data)
{
  Generation *g = data;

  g_free (g->stamp);
  g_free (g->path);
  g_free (g);
}

static gint
compare_generations (gconstpointer a,
                     gconstpointer b)
{
  const Generation *ga = *(const Generation * const *) a;
  const Generation *gb = *(const Generation * const *) b;

  return g_strcmp0 (ga->stamp, gb->stamp);
}

/* This store's generations in @directory, oldest first: not the store, not another
 * store's backups, not a file this store did not write. */
static GPtrArray *
collect_generations (const char *directory,
                     const char *store_path,
                     const char *site_id)
{
  g_autoptr(GDir) dir = g_dir_open (directory, 0, NULL);
  GPtrArray *generations = g_ptr_array_new_with_free_func (generation_free);
  g_autofree char *id8 = g_strndup (site_id, BACKUP_ID_LENGTH);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      const char *stamp;
      gboolean with_id;
      Generation *g;

      stamp = generation_stamp (name, id8, &with_id);
      if (stamp == NULL)
        continue;
      path = g_build_filename (directory, name, NULL);
      if (!is_own_generation (path, store_path, site_id))
        continue;

      g = g_new0 (Generation, 1);
      g->stamp = g_strdup (stamp);
      g->path = g_steal_pointer (&path);
      g_ptr_array_add (generations, g);
    }

  /* Names carry a UTC timestamp, so they sort oldest first. */
  g_ptr_array_sort (generations, compare_generations);
  return generations;
}

/* Removes this store's generations beyond the @keep newest, and nothing else. */
static void
prune_generations (const char *directory,
                   const char *store_path,
                   const char *site_id,
                   guint       keep)
{
  g_autoptr(GPtrArray) generations = collect_generations (directory, store_path, site_id);

  for (guint i = 0; i + keep < generations->len; i++)
    {
      Generation *g = g_ptr_array_index (generations, i);

      /* A concurrent backup may have removed it already. */
      if (g_unlink (g->path) != 0 && errno != ENOENT)
        g_warning ("Cannot remove old backup %s: %s", g->path, g_strerror (errno));
    }
}

/* Whether the temporary @name (a killed backup's?) may go: its writer
 * is gone, or it is too old to have one. */
static gboolean
tmp_is_stale (const char *name,
              const char *path,
              const char *host)
{
  g_autofree char *middle = NULL;
  struct stat st;
  char *dash;
  gint64 pid;
  char *end;

  if (lstat (path, &st) != 0 || !S_ISREG (st.st_mode))
    return FALSE;
  if (time (NULL) - st.st_mtime > TMP_STALE_SECONDS)
    return TRUE;

  /* "<host>-<pid>-XXXXXX", read from the end: host names have dashes. */
  middle = g_strndup (name + strlen (TMP_PREFIX),
                      strlen (name) - strlen (TMP_PREFIX) - strlen (TMP_SUFFIX));
  dash = strrchr (middle, '-');
  if (dash == NULL)
    return FALSE;
  *dash = '\0';
  dash = strrchr (middle, '-');
  if (dash == NULL)
    return FALSE;
  *dash = '\0';
  pid = g_ascii_strtoll (dash + 1, &end, 10);
  if (*end != '\0' || pid <= 0 || pid > G_MAXINT || !g_str_equal (middle, host))
    return FALSE;

  return pid != getpid () && kill ((pid_t) pid, 0) != 0 && errno == ESRCH;
}

/* Removes what killed backups left: their temporaries and the rollback
 * journals SQLite kept beside them. */
static void
remove_stale_temporaries (const char *directory,
                          const char *host)
{
  g_autoptr(GDir) dir = g_dir_open (directory, 0, NULL);
  const char *name;

  if (dir == NULL)
    return;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autofree char *journal = NULL;

      if (!g_str_has_prefix (name, TMP_PREFIX) || !g_str_has_suffix (name, TMP_SUFFIX))
        continue;
      path = g_build_filename (directory, name, NULL);
      if (!tmp_is_stale (name, path, host))
        continue;

      g_debug ("Removing %s, left by a backup that did not finish", path);
      journal = g_strconcat (path, "-journal", NULL);
      g_unlink (journal);
      g_unlink (path);
    }
}

/* Creates @dir (and its missing parents) 0700, or 02770 inside a
 * group-shared directory; as root, owned by the store's owner, so that
 * root backing up a user's store leaves nothing the user cannot remove. */
static gboolean
make_directory (const char         *dir,
                const struct stat  *owner,
                GError            **error)
{
  g_autofree char *parent = NULL;
  mode_t mode = 0700;
  int saved_errno;

  if (g_file_test (dir, G_FILE_TEST_IS_DIR))
    return TRUE;

  parent = g_path_get_dirname (dir);
  if (!g_str_equal (parent, dir) && !make_directory (parent, owner, error))
    return FALSE;

  if (custody_store_dir_is_shared (parent))
    mode = 02770;

  if (g_mkdir (dir, mode) != 0 && errno != EEXIST)
    {
      saved_errno = errno;
      g_set_error (error, CUSTODY_STORE_ERROR, CUSTODY_STORE_ERROR_FAILED,
                   _("cannot create '%s': %s"), dir, g_strerror (saved_errno));
      return FALSE;
    }
  /* The umask may have taken the group's bits. In a shared folder (0660)
   * the group is the folder's; elsewhere the store owner's. */
  g_chmod (dir, mode);
  if (owner != NULL && geteuid () == 0 &&
      chown (dir, owner->st_uid, mode & S_ISGID ? (gid_t) -1 : owner->st_gid) != 0)
    g_debug ("Cannot give %s to the store's owner: %s", dir, g_strerror (errno));

  return TRUE;
}

/* Gives the new generation its name, never over an existing file. */
static char *
name_generation (const char  *tmp_path,
                 const char  *dir,
                 const char  *id8,
                 GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%dT%H%M%S");
  int saved_errno = 0;

  for (guint attempt = 0; attempt < 100; attempt++)
    {
      g_autofree char *suffix = attempt > 0 ? g_strdup_printf ("-%u", attempt) : g_strdup ("");
      g_autofree char *path = g_strdup_printf ("%s/" BACKUP_PREFIX "%s-%sZ-%06d%s" BACKUP_SUFFIX,
                                               dir, id8, stamp, g_date_time_get_microsecond (now),
                                               suffix);

      /* link() fails on an existing name where rename() would replace it. */
      if (link (tmp_path, path) == 0)
        {
          g_unlink (tmp_path);
          return g_steal_pointer (&path);
        }
      saved_errno = errno;
      if (saved_errno == EEXIST)
        continue;

      /* A file system without hard links (FAT, some network ones). */
      if (!g_file_test (path, G_FILE_TEST_EXISTS) && g_rename (tmp_path, path) == 0)
        return g_steal_pointer (&path);
      saved_errno = errno;
      break;
    }

  g_set_error (error, CUSTODY_STORE_ERROR, CUSTODY_STORE_ERROR_FAILED,
               _("cannot name the backup in '%s': %s"), dir, g_strerror (saved_errno));
  return NULL;
}

/* Reads the site id that names this store's generations. */
static char *
store_site_id (CustodyStore  *self,
               GError       **error)
{
  char *id;

  {
    STORE_LOCK (self);
    id = read_site_id (custody_store_get_db (self));
  }
  if (id == NULL || strlen (id) < BACKUP_ID_LENGTH)
    {
      g_free (id);
      g_set_error (error, CUSTODY_STORE_ERROR, CUSTODY_STORE_ERROR_CORRUPT,
                   _("the store '%s' has no site id to name its backups by"),
                   custody_store_get_path (self));
      return NULL;
    }
  return id;
}

/* Creates the temporary the copy goes into: a unique name, 0600 (0660 in
 * a group-shared directory), and as root the store owner's. */
static char *
create_temporary (const char         *dir,
                  const struct stat  *owner,
                  const char         *host,
                  GError            **error)
{
  g_autofree char *tmpl = g_strdup_printf ("%s/" TMP_PREFIX "%s-%d-XXXXXX" TMP_SUFFIX, dir, host,
                                           (int) getpid ());
  mode_t mode = custody_store_file_mode_in (dir);
  int saved_errno;
  int fd;

  fd = g_mkstemp_full (tmpl, O_RDWR | O_CLOEXEC, mode);
  if (fd < 0)
    {
      saved_errno = errno;
      g_set_error (error, CUSTODY_STORE_ERROR, CUSTODY_STORE_ERROR_FAILED,
                   _("cannot create a backup in '%s': %s"), dir, g_strerror (saved_errno));
      return NULL;
    }
  /* The umask may have taken the group's bits. In a shared folder (0660)
   * the group is the folder's; elsewhere the store owner's. */
  fchmod (fd, mode);
  if (owner != NULL && geteuid () == 0 &&
      fchown (fd, owner->st_uid, mode == 0660 ? (gid_t) -1 : owner->st_gid) != 0)
    g_debug ("Cannot give %s to the store's owner: %s", tmpl, g_strerror (errno));
  close (fd);

  return g_steal_pointer (&tmpl);
}

static void
remove_temporary (const char *tmp_path)
{
  g_autofree char *journal = g_strconcat (tmp_path, "-journal", NULL);

  g_unlink (journal);
  g_unlink (tmp_path);
}

/**
 * custody_store_dup_backup_directory:
 *
 * Returns: (transfer full): where the store's backups go by default: the
 *   "backups" folder beside it
 */
char *
custody_store_dup_backup_directory (CustodyStore *self)
{
  g_autofree char *parent = g_path_get_dirname (custody_store_get_path (self));

  return g_build_filename (parent, "backups", NULL);
}

/* @directory, or the default one when it is %NULL. */
static char *
backup_directory (CustodyStore *self,
                  const char   *directory)
{
  return directory != NULL ? g_strdup (directory) : custody_store_dup_backup_directory (self);
}

/**
 * custody_store_backup:
 * @directory: (nullable): where generations live; %NULL for "backups"
 *   beside the store
 * @keep: how many generations to keep
 *
 * Copies the live store with SQLite's online backup API in one step (a
 * consistent snapshot) into a temporary file of a unique name, flushes it
 * to disk, checks it as db check would, and only then gives it its final
 * name, "custody-<site id>-<time>.db", and prunes this store's older
 * generations (and nothing else). Temporaries left by killed backups are
 * removed on the way.
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
  g_autofree char *site_id = NULL;
  g_autofree char *id8 = NULL;
  g_autofree char *final_path = NULL;
  g_autofree char *tmp_path = NULL;
  g_autofree char *problem = NULL;
  g_autofree char *host = NULL;
  const char *store_path;
  struct stat store_st;
  gboolean have_owner;
  sqlite3 *dest = NULL;
  sqlite3_backup *backup;
  gint64 schema = 0;
  int rc;

  g_return_val_if_fail (CUSTODY_IS_STORE (self), NULL);
  g_return_val_if_fail (keep > 0, NULL);

  store_path = custody_store_get_path (self);
  have_owner = stat (store_path, &store_st) == 0;

  site_id = store_site_id (self, error);
  if (site_id == NULL)
    return NULL;
  id8 = g_strndup (site_id, BACKUP_ID_LENGTH);

  dir = backup_directory (self, directory);

  if (!make_directory (dir, have_owner ? &store_st : NULL, error))
    return NULL;

  /* No dashes or slashes of its own: the name is read back by them. */
  host = g_strdup (g_get_host_name ());
  g_strdelimit (host, "-/", '_');
  remove_stale_temporaries (dir, host);

  tmp_path = create_temporary (dir, have_owner ? &store_st : NULL, host, error);
  if (tmp_path == NULL)
    return NULL;

  rc = sqlite3_open_v2 (tmp_path, &dest, SQLITE_OPEN_READWRITE, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, CUSTODY_STORE_ERROR, CUSTODY_STORE_ERROR_FAILED,
                   _("cannot create '%s': %s"), tmp_path, sqlite3_errstr (rc));
      sqlite3_close_v2 (dest);
      remove_temporary (tmp_path);
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
                   (rc & 0xff) == SQLITE_BUSY ? CUSTODY_STORE_ERROR_LOCKED
                   : CUSTODY_STORE_ERROR_FAILED,
                   _("the backup failed: %s"), sqlite3_errstr (rc));
      remove_temporary (tmp_path);
      return NULL;
    }

  if (!fsync_path (tmp_path, FALSE, error) ||
      !check_file (tmp_path, &problem, &schema, error))
    {
      remove_temporary (tmp_path);
      return NULL;
    }

  if (problem != NULL)
    {
      g_set_error (error, CUSTODY_STORE_ERROR, CUSTODY_STORE_ERROR_CORRUPT,
                   _("the backup did not pass its check (%s); the older generations were kept"),
                   problem);
      remove_temporary (tmp_path);
      return NULL;
    }

  final_path = name_generation (tmp_path, dir, id8, error);
  if (final_path == NULL)
    {
      remove_temporary (tmp_path);
      return NULL;
    }
  if (!fsync_path (dir, TRUE, error))
    return NULL;

  prune_generations (dir, store_path, site_id, keep);

  return g_steal_pointer (&final_path);
}

/* Whether @file is a whole backup of a schema this version reads. A damaged backup
 * is bad input, not a damaged store: the error says the store was not touched. */
static gboolean
check_backup (const char  *file,
              GError     **error)
{
  g_autofree char *problem = NULL;
  g_autoptr(GError) local_error = NULL;
  gint64 schema = 0;

  if (!g_file_test (file, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, CUSTODY_STORE_ERROR, CUSTODY_STORE_ERROR_INVALID,
                   _("no backup at '%s'"), file);
      return FALSE;
    }
  if (!check_file (file, &problem, &schema, &local_error))
    {
      g_set_error (error, CUSTODY_STORE_ERROR, CUSTODY_STORE_ERROR_INVALID,
                   _("%s; the store was not touched"), local_error->message);
      return FALSE;
    }
  if (schema < 1 || schema > CUSTODY_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, CUSTODY_STORE_ERROR, CUSTODY_STORE_ERROR_INVALID,
                   _("'%s' is not a Custody store this version can read (schema %d); "
                     "the store was not touched"), file, (int) schema);
      return FALSE;
    }
  if (problem != NULL)
    {
      g_set_error (error, CUSTODY_STORE_ERROR, CUSTODY_STORE_ERROR_INVALID,
                   _("'%s' failed its check (%s); the store was not touched"),
                   file, problem);
      return FALSE;
    }

  return TRUE;
}

/**
 * custody_store_restore:
 * @file: a backup generation
 *
 * Replaces the store's content with @file's after checking that @file is a
 * whole Custody store this version can read, as db check would (integrity,
 * foreign keys, the audit chain) and with the tables, indexes and
 * append-only triggers this version makes. The content is copied in with
 * the backup API, inside SQLite's locking, so other programs that have the
 * store open see either the old store or the restored one.
 */
gboolean
custody_store_restore (CustodyStore  *self,
                       const char    *file,
                       GError       **error)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  sqlite3 *src = NULL;
  sqlite3_backup *backup;
  int rc;

  g_return_val_if_fail (CUSTODY_IS_STORE (self), FALSE);

  if (!check_backup (file, error))
    return FALSE;

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

/* The UTC time of a generation's stamp "20261120T090000Z-123456", in seconds. */
static gint64
stamp_time (const char *stamp)
{
  g_autofree char *iso = g_strndup (stamp, 16);
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

  when = g_date_time_new_from_iso8601 (iso, utc);
  return when != NULL ? g_date_time_to_unix (when) : CUSTODY_TIME_NONE;
}

static gint64
count_rows (sqlite3    *db,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

void
custody_backup_info_free (CustodyBackupInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->path);
  g_free (info);
}

/**
 * custody_store_list_backups:
 * @directory: (nullable): where generations live; %NULL for "backups" beside the store
 *
 * This store's own backups in @directory (what custody_store_backup() made, never
 * another store's or a stranger file), newest first, each with the time in its
 * name, its size and what it holds. A generation that cannot be read as a store of
 * this version is listed with @readable FALSE and counts of -1.
 *
 * Returns: (transfer full) (element-type CustodyBackupInfo): the generations
 */
GPtrArray *
custody_store_list_backups (CustodyStore  *self,
                            const char    *directory,
                            GError       **error)
{
  g_autoptr(GPtrArray) generations = NULL;
  g_autofree char *site_id = NULL;
  g_autofree char *dir = NULL;
  GPtrArray *backups;

  g_return_val_if_fail (CUSTODY_IS_STORE (self), NULL);

  site_id = store_site_id (self, error);
  if (site_id == NULL)
    return NULL;
  dir = backup_directory (self, directory);
  generations = collect_generations (dir, custody_store_get_path (self), site_id);

  backups = g_ptr_array_new_with_free_func ((GDestroyNotify) custody_backup_info_free);
  for (guint i = generations->len; i > 0; i--)
    {
      Generation *g = g_ptr_array_index (generations, i - 1);
      CustodyBackupInfo *info = g_new0 (CustodyBackupInfo, 1);
      sqlite3 *db = NULL;
      struct stat st;

      info->path = g_strdup (g->path);
      info->taken_at = stamp_time (g->stamp);
      info->size = stat (g->path, &st) == 0 ? (gint64) st.st_size : -1;
      info->jobs = info->runs = info->media = -1;

      if (sqlite3_open_v2 (g->path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK)
        {
          gint64 schema = count_rows (db, "PRAGMA user_version");

          if (schema >= 1 && schema <= CUSTODY_STORE_SCHEMA_VERSION)
            {
              info->jobs = count_rows (db, "SELECT count(*) FROM jobs");
              info->runs = count_rows (db, "SELECT count(*) FROM executions");
              info->media = count_rows (db, "SELECT count(*) FROM media");
              info->readable = info->jobs >= 0 && info->runs >= 0 && info->media >= 0;
            }
        }
      sqlite3_close_v2 (db);
      g_ptr_array_add (backups, info);
    }

  return backups;
}

/**
 * custody_store_restore_keeping:
 * @file: the backup to restore
 * @directory: (nullable): where to keep the current store first; %NULL for "backups"
 * @kept: (out) (optional): the backup of the store as it was
 *
 * Backs the store up as it is now (pruning nothing, so that @file stays whatever its
 * age), then restores @file over it as custody_store_restore() does. If the backup
 * fails, nothing is restored.
 */
gboolean
custody_store_restore_keeping (CustodyStore  *self,
                               const char    *file,
                               const char    *directory,
                               char         **kept,
                               GError       **error)
{
  g_autoptr(GPtrArray) generations = NULL;
  g_autofree char *site_id = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (CUSTODY_IS_STORE (self), FALSE);

  if (!check_backup (file, error))
    return FALSE;
  /* One more generation than there are: the backup made now prunes none. */
  site_id = store_site_id (self, error);
  if (site_id == NULL)
    return FALSE;
  dir = backup_directory (self, directory);
  generations = collect_generations (dir, custody_store_get_path (self), site_id);
  path = custody_store_backup (self, directory, generations->len + 1, error);
  if (path == NULL)
    return FALSE;
  if (!custody_store_restore (self, file, error))
    return FALSE;

  if (kept != NULL)
    *kept = g_steal_pointer (&path);
  return TRUE;
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
  int rc;

  g_return_val_if_fail (CUSTODY_IS_STORE (self), FALSE);

  memset (check, 0, sizeof *check);

  {
    STORE_LOCK (self);

    rc = check_db (custody_store_get_db (self), check);
    if (rc != SQLITE_OK)
      {
        custody_store_check_clear (check);
        return custody_store_fail (self, rc, error);
      }
  }

  return TRUE;
}
