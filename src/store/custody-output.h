/* custody-output.h
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The one way Custody writes a file the user named (a report, an export,
 * labels, a certificate): never over a store, its -wal/-shm/-journal
 * files or a backup, never through a symbolic link, and whole or not at
 * all (a temporary file beside the target, flushed, then renamed). */

typedef struct _CustodyOutput CustodyOutput;

gboolean       custody_output_check_target (const char     *path,
                                            const char     *store_path,
                                            GError        **error);
CustodyOutput *custody_output_new          (const char     *path,
                                            const char     *store_path,
                                            GError        **error);
GOutputStream *custody_output_get_stream   (CustodyOutput  *self);
gboolean       custody_output_commit       (CustodyOutput  *self,
                                            GError        **error);
void           custody_output_free         (CustodyOutput  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CustodyOutput, custody_output_free)

G_END_DECLS
