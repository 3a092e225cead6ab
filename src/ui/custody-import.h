/* custody-import.h
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "custody-session.h"

G_BEGIN_DECLS

/* Imports a file a user picked or dropped, telling its kind from its
 * content, in a worker thread. */
void     custody_import_file_async  (CustodySession       *session,
                                     GFile                *file,
                                     GCancellable         *cancellable,
                                     GAsyncReadyCallback   callback,
                                     gpointer              user_data);
char    *custody_import_file_finish (CustodySession       *session,
                                     GAsyncResult         *result,
                                     GError              **error);

G_END_DECLS
