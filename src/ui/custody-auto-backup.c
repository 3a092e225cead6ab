/* custody-auto-backup.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custody-auto-backup"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "custody-auto-backup.h"
#include "custody-time.h"

#define SETTINGS_ID "io.github.custody.Custody"

/* Backs the store up by itself when the user wants it ("auto-backup"):
 * once a day at most, into the "backups" folder beside the store, keeping
 * "backup-keep" generations. It looks 30 seconds after start, so as not
 * to slow the start, then every 6 hours; the age of the newest file in
 * the folder decides, so a backup made by hand or by custodyctl counts
 * too, and restarting the app never makes extra ones. Everything that
 * touches files runs in a worker. */

struct _CustodyAutoBackup
{
  GObject         parent_instance;

  CustodySession *session;
  GSettings      *settings;
  GCancellable   *cancellable;
  guint           timeout_id;
  guint           running : 1;
};

G_DEFINE_FINAL_TYPE (CustodyAutoBackup, custody_auto_backup, G_TYPE_OBJECT)

enum { BACKED_UP, FAILED, N_SIGNALS };
static guint signals[N_SIGNALS];

/*
 * Worker
 */

typedef struct
{
  guint    keep;
  gboolean made;    /* FALSE: the newest backup was young enough */
} RunData;

static gpointer
backup_if_due_read (CustodyStore  *store,
                    gpointer       data,
                    GError       **error)
{
  RunData *run = data;
  g_autofree char *directory = custody_store_dup_backup_directory (store);
  g_autofree char *latest = NULL;
  gint64 modified = 0;

  latest = custody_auto_backup_find_latest (directory, &modified);
  if (latest != NULL && custody_time_now () - modified < CUSTODY_AUTO_BACKUP_MIN_AGE_S)
    {
      g_debug ("Newest backup %s is recent enough", latest);
      run->made = FALSE;
      return g_steal_pointer (&latest);
    }

  run->made = TRUE;
  return custody_store_backup (store, directory, run->keep, error);
}

static void
backup_if_due_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RunData *run = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  char *path = custody_session_read_finish (CUSTODY_SESSION (source), result, &error);

  if (path == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else if (!run->made)
    {
      g_free (path);
      g_task_return_pointer (task, NULL, NULL);
    }
  else
    g_task_return_pointer (task, path, g_free);
}

/*
 * Timer
 */

static void
scheduled_run_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  CustodyAutoBackup *self = CUSTODY_AUTO_BACKUP (source);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  self->running = FALSE;
  if (!custody_auto_backup_run_finish (self, result, &path, &error))
    {
      if (error == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_debug ("Automatic backup failed: %s", error->message);
      g_signal_emit (self, signals[FAILED], 0, error);
      return;
    }

  g_debug ("Backed up the store to %s", path);
  g_signal_emit (self, signals[BACKED_UP], 0, path);
}

static gboolean
interval_cb (gpointer user_data)
{
  CustodyAutoBackup *self = user_data;

  /* Not while one runs, nor before the store is open: the next turn. */
  if (!self->running && custody_session_get_store (self->session) != NULL)
    {
      self->running = TRUE;
      custody_auto_backup_run_async (self, self->cancellable, scheduled_run_cb, NULL);
    }
  return G_SOURCE_CONTINUE;
}

static gboolean
first_cb (gpointer user_data)
{
  CustodyAutoBackup *self = user_data;

  self->timeout_id = g_timeout_add_seconds (CUSTODY_AUTO_BACKUP_INTERVAL_S, interval_cb, self);
  interval_cb (self);
  return G_SOURCE_REMOVE;
}

/*
 * GObject
 */

static void
custody_auto_backup_dispose (GObject *object)
{
  CustodyAutoBackup *self = (CustodyAutoBackup *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_clear_object (&self->session);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (custody_auto_backup_parent_class)->dispose (object);
}

static void
custody_auto_backup_finalize (GObject *object)
{
  CustodyAutoBackup *self = (CustodyAutoBackup *) object;

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (custody_auto_backup_parent_class)->finalize (object);
}

static void
custody_auto_backup_class_init (CustodyAutoBackupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = custody_auto_backup_dispose;
  object_class->finalize = custody_auto_backup_finalize;

  /**
   * CustodyAutoBackup::backed-up:
   * @path: the new backup
   *
   * A scheduled backup was made.
   */
  signals[BACKED_UP] = g_signal_new ("backed-up", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * CustodyAutoBackup::failed:
   * @error: why
   *
   * A scheduled backup failed; the next turn tries again.
   */
  signals[FAILED] = g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
custody_auto_backup_init (CustodyAutoBackup *self)
{
  self->cancellable = g_cancellable_new ();
  self->settings = g_settings_new (SETTINGS_ID);
}

/*
 * Public API
 */

/**
 * custody_auto_backup_new:
 * @session: the store to back up
 *
 * Starts backing up @session's store on a schedule, for as long as the
 * object lives.
 */
CustodyAutoBackup *
custody_auto_backup_new (CustodySession *session)
{
  CustodyAutoBackup *self;

  g_return_val_if_fail (CUSTODY_IS_SESSION (session), NULL);

  self = g_object_new (CUSTODY_TYPE_AUTO_BACKUP, NULL);
  self->session = g_object_ref (session);
  self->timeout_id = g_timeout_add_seconds (CUSTODY_AUTO_BACKUP_FIRST_DELAY_S, first_cb, self);

  return self;
}

/**
 * custody_auto_backup_run_async:
 *
 * Backs the store up now if automatic backups are on and the newest
 * backup is at least a day old.
 */
void
custody_auto_backup_run_async (CustodyAutoBackup   *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  RunData *run;

  g_return_if_fail (CUSTODY_IS_AUTO_BACKUP (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, custody_auto_backup_run_async);

  if (!g_settings_get_boolean (self->settings, "auto-backup"))
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }

  /* GSettings only here, on the main thread; the worker gets values. */
  run = g_new0 (RunData, 1);
  run->keep = MAX (g_settings_get_uint (self->settings, "backup-keep"), 1);
  g_task_set_task_data (task, run, g_free);

  custody_session_read_async (self->session, backup_if_due_read, run, NULL, g_free, cancellable,
                              backup_if_due_cb, g_object_ref (task));
}

/**
 * custody_auto_backup_run_finish:
 * @path: (out) (optional) (nullable): the new backup, or %NULL when none
 *   was due
 *
 * Returns: %TRUE if a backup was made
 */
gboolean
custody_auto_backup_run_finish (CustodyAutoBackup  *self,
                                GAsyncResult       *result,
                                char              **path,
                                GError            **error)
{
  g_autofree char *made = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  made = g_task_propagate_pointer (G_TASK (result), error);
  if (path != NULL)
    *path = g_strdup (made);
  return made != NULL;
}

/**
 * custody_auto_backup_find_latest:
 * @directory: a backups folder
 * @modified: (out) (optional): when the newest backup was written
 *
 * Finds the newest backup generation ("custody-*.db") in @directory.
 *
 * Returns: (transfer full) (nullable): its path, or %NULL if there is none
 */
char *
custody_auto_backup_find_latest (const char *directory,
                                 gint64     *modified)
{
  g_autoptr(GDir) dir = g_dir_open (directory, 0, NULL);
  g_autofree char *latest = NULL;
  gint64 latest_time = G_MININT64;
  const char *name;

  if (dir == NULL)
    return NULL;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      GStatBuf st;

      if (!g_str_has_prefix (name, "custody-") || !g_str_has_suffix (name, ".db"))
        continue;
      path = g_build_filename (directory, name, NULL);
      if (g_stat (path, &st) != 0 || !S_ISREG (st.st_mode))
        continue;
      if ((gint64) st.st_mtime > latest_time)
        {
          latest_time = st.st_mtime;
          g_free (latest);
          latest = g_steal_pointer (&path);
        }
    }

  if (modified != NULL)
    *modified = latest != NULL ? latest_time : 0;
  return g_steal_pointer (&latest);
}
