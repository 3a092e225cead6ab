/* custody-output.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custody-output"

#include "config.h"

#include "custody-output.h"

#include <errno.h>
#include <fcntl.h>
#include <gio/gunixoutputstream.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "custody-store.h"

struct _CustodyOutput
{
  char          *path;
  char          *store_path;
  char          *tmp_path;
  GOutputStream *stream;
  int            fd;
};

/* The files SQLite keeps beside a store. */
static const char * const store_suffixes[] = { "", "-wal", "-shm", "-journal" };

static gboolean
same_inode (const struct stat *a,
            const struct stat *b)
{
  return a->st_dev == b->st_dev && a->st_ino == b->st_ino;
}

static gboolean
same_directory (const char *a,
                const char *b)
{
  struct stat sa, sb;

  return stat (a, &sa) == 0 && stat (b, &sb) == 0 && same_inode (&sa, &sb);
}

/* Whether @path is @store (a path as given, or as resolved) or one of its
 * files: by inode for the files that exist (@target, when @path exists),
 * by directory inode and name for the -wal or -journal SQLite may create
 * at any moment. */
static gboolean
is_store_file (const char        *path,
               const struct stat *target,
               const char        *store)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *store_dir = g_path_get_dirname (store);
  g_autofree char *store_base = g_path_get_basename (store);
  gboolean in_store_dir = g_str_has_prefix (base, store_base) && same_directory (dir, store_dir);

  for (guint i = 0; i < G_N_ELEMENTS (store_suffixes); i++)
    {
      g_autofree char *sidecar = g_strconcat (store, store_suffixes[i], NULL);
      struct stat st;

      if (target != NULL && stat (sidecar, &st) == 0 && same_inode (&st, target))
        return TRUE;
      if (in_store_dir && g_str_equal (base + strlen (store_base), store_suffixes[i]))
        return TRUE;
    }

  return FALSE;
}

/* SQLite's own headers: a database (a store, a backup) or a write-ahead
 * log is never an output. */
static const char *
sqlite_kind (const char *path)
{
  static const char db_magic[16] = "SQLite format 3";
  guint8 head[16] = { 0 };
  ssize_t n;
  int fd;

  fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW, 0);
  if (fd < 0)
    return NULL;
  n = read (fd, head, sizeof head);
  close (fd);

  if (n == (ssize_t) sizeof head && memcmp (head, db_magic, sizeof db_magic) == 0)
    return "database";
  if (n >= 4 && head[0] == 0x37 && head[1] == 0x7f && head[2] == 0x06 &&
      (head[3] == 0x82 || head[3] == 0x83))
    return "wal";
  return NULL;
}

/**
 * custody_output_check_target:
 * @path: where the user asked for a file
 * @store_path: (nullable): the store in use
 *
 * Refuses a @path that is the store, one of its -wal/-shm/-journal files
 * (compared by device and inode, and for files that do not exist yet by
 * directory and name), any SQLite database or write-ahead log (a backup,
 * another store), a symbolic link (it names where it points: a report
 * written through a link lands on a file the user did not name), or
 * something other than a regular file.
 */
gboolean
custody_output_check_target (const char  *path,
                             const char  *store_path,
                             GError     **error)
{
  g_autofree char *resolved_store = NULL;
  struct stat link_st, st;
  gboolean exists, is_link;
  const char *kind;

  g_return_val_if_fail (path != NULL, FALSE);

  if (store_path != NULL && g_str_equal (store_path, ":memory:"))
    store_path = NULL;
  if (store_path != NULL)
    resolved_store = realpath (store_path, NULL);

  is_link = lstat (path, &link_st) == 0 && S_ISLNK (link_st.st_mode);
  exists = stat (path, &st) == 0;

  if (store_path != NULL &&
      (is_store_file (path, exists ? &st : NULL, store_path) ||
       (resolved_store != NULL && is_store_file (path, exists ? &st : NULL, resolved_store))))
    {
      g_set_error (error, CUSTODY_STORE_ERROR, CUSTODY_STORE_ERROR_REFUSED,
                   _("refusing to write over the store '%s': choose another file"), store_path);
      return FALSE;
    }

  if (is_link)
    {
      g_autofree char *target = g_file_read_link (path, NULL);

      g_set_error (error, CUSTODY_STORE_ERROR, CUSTODY_STORE_ERROR_REFUSED,
                   _("'%s' is a symbolic link to '%s'; refusing to write through it: give the file "
                     "itself or another name"),
                   path, target != NULL ? target : "?");
      return FALSE;
    }

  if (!exists)
    return TRUE;

  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, CUSTODY_STORE_ERROR, CUSTODY_STORE_ERROR_REFUSED,
                   S_ISDIR (st.st_mode) ? _("'%s' is a folder, not a file")
                                        : _("'%s' is not a regular file"),
                   path);
      return FALSE;
    }

  kind = sqlite_kind (path);
  if (kind != NULL)
    {
      g_set_error (error, CUSTODY_STORE_ERROR, CUSTODY_STORE_ERROR_REFUSED,
                   g_str_equal (kind, "wal")
                   ? _("refusing to write over '%s': it is a database's write-ahead log")
                   : _("refusing to write over '%s': "
                       "it is a database (a store or a backup of one)"),
                   path);
      return FALSE;
    }

  return TRUE;
}

/**
 * custody_output_new:
 * @path: the file to write
 * @store_path: (nullable): the store in use, which @path must not be
 *
 * Checks @path (custody_output_check_target()) and opens a temporary file
 * beside it. Write to custody_output_get_stream(), then
 * custody_output_commit(); freeing it uncommitted removes the temporary
 * file and leaves @path as it was. A new file gets 0666 less the umask,
 * a replaced one keeps its permissions.
 */
CustodyOutput *
custody_output_new (const char  *path,
                    const char  *store_path,
                    GError     **error)
{
  g_autoptr(CustodyOutput) self = NULL;
  g_autofree char *dir = NULL;
  struct stat st;
  int saved_errno;

  g_return_val_if_fail (path != NULL, NULL);

  if (!custody_output_check_target (path, store_path, error))
    return NULL;

  dir = g_path_get_dirname (path);
  self = g_new0 (CustodyOutput, 1);
  self->fd = -1;
  self->path = g_strdup (path);
  self->store_path = g_strdup (store_path);
  self->tmp_path = g_build_filename (dir, ".custody-output-XXXXXX.tmp", NULL);

  /* Created with 0666: the kernel takes the umask off, as for any new
   * file (mkstemp() would make it 0600). */
  self->fd = g_mkstemp_full (self->tmp_path, O_WRONLY | O_CLOEXEC, 0666);
  if (self->fd < 0)
    {
      saved_errno = errno;
      g_clear_pointer (&self->tmp_path, g_free);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("cannot write '%s': %s"), path, g_strerror (saved_errno));
      return NULL;
    }

  if (stat (path, &st) == 0 && S_ISREG (st.st_mode))
    fchmod (self->fd, st.st_mode & 07777);

  self->stream = g_unix_output_stream_new (self->fd, FALSE);
  return g_steal_pointer (&self);
}

GOutputStream *
custody_output_get_stream (CustodyOutput *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->stream;
}

/**
 * custody_output_commit:
 *
 * Flushes the temporary file to disk and renames it over the target,
 * after checking the target once more (it may have changed while the
 * content was written).
 */
gboolean
custody_output_commit (CustodyOutput  *self,
                       GError        **error)
{
  g_autofree char *dir = NULL;
  int saved_errno;
  int dir_fd;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (self->tmp_path != NULL, FALSE);

  if (!g_output_stream_flush (self->stream, NULL, error))
    return FALSE;

  if (fsync (self->fd) != 0)
    {
      saved_errno = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("cannot write '%s': %s"), self->path, g_strerror (saved_errno));
      return FALSE;
    }

  if (!custody_output_check_target (self->path, self->store_path, error))
    return FALSE;

  /* rename() replaces the name: it never follows a link made since. */
  if (g_rename (self->tmp_path, self->path) != 0)
    {
      saved_errno = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("cannot write '%s': %s"), self->path, g_strerror (saved_errno));
      return FALSE;
    }
  g_clear_pointer (&self->tmp_path, g_free);

  dir = g_path_get_dirname (self->path);
  dir_fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
  if (dir_fd >= 0)
    {
      fsync (dir_fd);
      close (dir_fd);
    }

  return TRUE;
}

void
custody_output_free (CustodyOutput *self)
{
  if (self == NULL)
    return;

  g_clear_object (&self->stream);
  if (self->fd >= 0)
    close (self->fd);
  if (self->tmp_path != NULL)
    g_unlink (self->tmp_path);
  g_free (self->tmp_path);
  g_free (self->store_path);
  g_free (self->path);
  g_free (self);
}
