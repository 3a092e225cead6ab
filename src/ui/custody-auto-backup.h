/* custody-auto-backup.h
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "custody-session.h"

G_BEGIN_DECLS

#define CUSTODY_TYPE_AUTO_BACKUP (custody_auto_backup_get_type ())
G_DECLARE_FINAL_TYPE (CustodyAutoBackup, custody_auto_backup, CUSTODY, AUTO_BACKUP, GObject)

/* The first check comes this long after start, then one every interval;
 * a backup is made when the newest one is at least a day old. */
#define CUSTODY_AUTO_BACKUP_FIRST_DELAY_S  30
#define CUSTODY_AUTO_BACKUP_INTERVAL_S     (6 * 60 * 60)
#define CUSTODY_AUTO_BACKUP_MIN_AGE_S      (24 * 60 * 60)

CustodyAutoBackup *custody_auto_backup_new          (CustodySession       *session);
void               custody_auto_backup_run_async    (CustodyAutoBackup    *self,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
gboolean           custody_auto_backup_run_finish   (CustodyAutoBackup    *self,
                                                     GAsyncResult         *result,
                                                     char                **path,
                                                     GError              **error);
char              *custody_auto_backup_find_latest  (const char           *directory,
                                                     gint64               *modified);

G_END_DECLS
