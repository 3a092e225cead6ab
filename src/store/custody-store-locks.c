/* custody-store-locks.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * SQLite's unix VFS locks a store with classic POSIX record locks, which
 * belong to the process: any close() of any descriptor of the file in the
 * process drops them all (SQLite's "How To Corrupt", section 2.2). GIO
 * sniffing the store's folder in a file dialog is enough; the next
 * custodyctl then believes it is the last connection, checkpoints and
 * deletes the -wal and -shm under the app, and the app's later writes go
 * into deleted files.
 *
 * So SQLite's "fcntl" is replaced, for the whole process and before any
 * connection opens, by one that takes open-file-description locks
 * (F_OFD_SETLK, Linux 3.15): they belong to one open file description and
 * no other descriptor's close releases them, and they conflict with other
 * processes' classic locks as before, so older versions and the sqlite3
 * shell still see them.
 *
 * OFD locks on two descriptions of one file conflict even in one process,
 * unlike classic locks, while SQLite takes each connection's locks on that
 * connection's own descriptor and counts the process's locks per file
 * itself (unixInodeInfo). So every lock request on a file goes through one
 * description per file, opened here on the first lock and closed with the
 * last of SQLite's descriptors of it: the process holds its locks once, as
 * SQLite expects. SQLite never closes a descriptor of a file while the
 * process holds a lock on it, so closing the lock description then drops
 * nothing it holds.
 */
#define G_LOG_DOMAIN "custody-store"
#define _GNU_SOURCE

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <sys/stat.h>
#include <unistd.h>

#include "custody-store-private.h"

#ifdef F_OFD_SETLK

typedef int (*CloseFunc) (int fd);
typedef int (*FcntlFunc) (int fd, int cmd, ...);

/* One file that SQLite locked: the description the locks are taken on. */
typedef struct
{
  dev_t dev;
  ino_t ino;
  int   lock_fd;
  guint n_fds;    /* SQLite's descriptors of the file that locked through it */
} LockedFile;

static CloseFunc real_close;
static FcntlFunc real_fcntl;
static GMutex files_mutex;
static GHashTable *files_by_fd;     /* SQLite's fd -> LockedFile */
static GHashTable *files_by_inode;  /* LockedFile -> itself */
static gint ofd_unsupported;

static guint
file_hash (gconstpointer key)
{
  const LockedFile *file = key;

  return (guint) (file->ino ^ (file->ino >> 32)) ^ (guint) file->dev;
}

static gboolean
file_equal (gconstpointer a,
            gconstpointer b)
{
  const LockedFile *x = a;
  const LockedFile *y = b;

  return x->dev == y->dev && x->ino == y->ino;
}

/* A description of @fd's file of its own, for writing if the process may,
 * so that a connection that may write can take write locks on it even
 * when a read-only one locked the file first. */
static int
open_lock_description (int fd)
{
  g_autofree char *self_path = g_strdup_printf ("/proc/self/fd/%d", fd);
  int lock_fd = open (self_path, O_RDWR | O_CLOEXEC | O_NOCTTY);

  if (lock_fd < 0)
    lock_fd = real_fcntl (fd, F_DUPFD_CLOEXEC, 3);
  return lock_fd;
}

/* The description to lock @fd's file through, or -1 (errno set). */
static int
lock_fd_for (int fd)
{
  LockedFile key = { 0 };
  LockedFile *file;
  struct stat st;
  int lock_fd;

  g_mutex_lock (&files_mutex);

  file = g_hash_table_lookup (files_by_fd, GINT_TO_POINTER (fd));
  if (file == NULL)
    {
      if (fstat (fd, &st) != 0)
        {
          g_mutex_unlock (&files_mutex);
          return -1;
        }
      key.dev = st.st_dev;
      key.ino = st.st_ino;
      file = g_hash_table_lookup (files_by_inode, &key);
      if (file == NULL)
        {
          int new_fd = open_lock_description (fd);

          if (new_fd < 0)
            {
              g_mutex_unlock (&files_mutex);
              return -1;
            }
          file = g_new0 (LockedFile, 1);
          file->dev = key.dev;
          file->ino = key.ino;
          file->lock_fd = new_fd;
          g_hash_table_add (files_by_inode, file);
        }
      file->n_fds++;
      g_hash_table_insert (files_by_fd, GINT_TO_POINTER (fd), file);
    }
  lock_fd = file->lock_fd;

  g_mutex_unlock (&files_mutex);
  return lock_fd;
}

/* Forgets @fd before it is closed, so that its number, once reused, is
 * not taken for this file. */
static void
forget_fd (int fd)
{
  LockedFile *file;

  g_mutex_lock (&files_mutex);
  file = g_hash_table_lookup (files_by_fd, GINT_TO_POINTER (fd));
  if (file != NULL)
    {
      g_hash_table_remove (files_by_fd, GINT_TO_POINTER (fd));
      if (--file->n_fds == 0)
        {
          g_hash_table_remove (files_by_inode, file);
          real_close (file->lock_fd);
          g_free (file);
        }
    }
  g_mutex_unlock (&files_mutex);
}

static int
ofd_command (int cmd)
{
  switch (cmd)
    {
    case F_GETLK:
      return F_OFD_GETLK;
    case F_SETLK:
      return F_OFD_SETLK;
    case F_SETLKW:
      return F_OFD_SETLKW;
    default:
      return -1;
    }
}

static int
ofd_lock (int           fd,
          int           cmd,
          struct flock *lock)
{
  struct flock ofd = *lock;
  int lock_fd;
  int rc;

  if (g_atomic_int_get (&ofd_unsupported))
    return real_fcntl (fd, cmd, lock);

  lock_fd = lock_fd_for (fd);
  if (lock_fd < 0)
    return -1;

  ofd.l_pid = 0;
  rc = real_fcntl (lock_fd, ofd_command (cmd), &ofd);
  if (rc != 0 && errno == EINVAL)
    {
      /* A kernel before 3.15: classic locks, as SQLite takes them. */
      g_atomic_int_set (&ofd_unsupported, TRUE);
      return real_fcntl (fd, cmd, lock);
    }
  if (rc == 0 && cmd == F_GETLK)
    *lock = ofd;
  return rc;
}

/*
 * SQLite's system calls
 */

static int
locks_fcntl (int fd,
             int cmd,
             ...)
{
  va_list args;
  int rc;

  va_start (args, cmd);
  switch (cmd)
    {
    case F_GETLK:
    case F_SETLK:
    case F_SETLKW:
      rc = ofd_lock (fd, cmd, va_arg (args, struct flock *));
      break;
    case F_GETFD:
    case F_GETFL:
      rc = real_fcntl (fd, cmd);
      break;
    case F_SETFD:
    case F_SETFL:
    case F_DUPFD:
    case F_DUPFD_CLOEXEC:
      rc = real_fcntl (fd, cmd, va_arg (args, int));
      break;
    default:
      rc = real_fcntl (fd, cmd, va_arg (args, void *));
      break;
    }
  va_end (args);

  return rc;
}

static int
locks_close (int fd)
{
  forget_fd (fd);
  return real_close (fd);
}

#endif /* F_OFD_SETLK */

static gsize
install (void)
{
#ifdef F_OFD_SETLK
  sqlite3_vfs *vfs = sqlite3_vfs_find (NULL);

  if (vfs == NULL || vfs->iVersion < 3 || vfs->xGetSystemCall == NULL ||
      g_strcmp0 (vfs->zName, "unix") != 0)
    return 1;

  real_close = (CloseFunc) vfs->xGetSystemCall (vfs, "close");
  real_fcntl = (FcntlFunc) vfs->xGetSystemCall (vfs, "fcntl");
  if (real_close == NULL || real_fcntl == NULL)
    return 1;

  files_by_fd = g_hash_table_new (NULL, NULL);
  files_by_inode = g_hash_table_new (file_hash, file_equal);

  /* close first: a lock taken through the new fcntl must be forgotten
   * when its descriptor closes. */
  if (vfs->xSetSystemCall (vfs, "close", (sqlite3_syscall_ptr) locks_close) != SQLITE_OK ||
      vfs->xSetSystemCall (vfs, "fcntl", (sqlite3_syscall_ptr) locks_fcntl) != SQLITE_OK)
    {
      vfs->xSetSystemCall (vfs, "close", (sqlite3_syscall_ptr) real_close);
      g_warning ("SQLite refused a replacement system call: the store keeps classic locks");
    }
#endif
  return 1;
}

/**
 * custody_store_init_locking:
 *
 * Makes SQLite lock stores with locks that only SQLite's own descriptors
 * hold, for the whole process. Called before any connection opens; later
 * calls do nothing.
 */
void
custody_store_init_locking (void)
{
  static gsize done;

  if (g_once_init_enter (&done))
    g_once_init_leave (&done, install ());
}
