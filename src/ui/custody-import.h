/* custody-import.h
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "custody-session.h"

G_BEGIN_DECLS

/* A file a user picked or dropped: read once, in a worker thread, and told
 * apart by its content (a backup tool's output or one of the CSV files). */
#define CUSTODY_TYPE_IMPORT_SOURCE (custody_import_source_get_type ())

typedef struct _CustodyImportSource CustodyImportSource;

GType                 custody_import_source_get_type     (void) G_GNUC_CONST;
CustodyImportSource  *custody_import_source_ref          (CustodyImportSource  *self);
void                  custody_import_source_unref        (CustodyImportSource  *self);
void                  custody_import_source_load_async   (GFile                *file,
                                                          GCancellable         *cancellable,
                                                          GAsyncReadyCallback   callback,
                                                          gpointer              user_data);
CustodyImportSource  *custody_import_source_load_finish  (GAsyncResult         *result,
                                                          GError              **error);
const char           *custody_import_source_get_name     (CustodyImportSource  *self);
const char           *custody_import_source_get_label    (CustodyImportSource  *self);
gsize                 custody_import_source_get_size     (CustodyImportSource  *self);
/* FALSE for a CSV file. */
gboolean              custody_import_source_get_format   (CustodyImportSource  *self,
                                                          CustodyImportFormat  *format);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CustodyImportSource, custody_import_source_unref)

/* Imports it with @options (strings copied), in a worker thread: the
 * progress bar follows, @cancellable stops it and leaves the store as it
 * was. The result is a CustodyImportResult to free with
 * custody_import_result_free (). */
void                  custody_import_run_async           (CustodySession              *session,
                                                          CustodyImportSource         *source,
                                                          const CustodyImportOptions  *options,
                                                          GtkProgressBar              *progress,
                                                          GCancellable                *cancellable,
                                                          GAsyncReadyCallback          callback,
                                                          gpointer                     user_data);
CustodyImportResult  *custody_import_run_finish          (CustodySession              *session,
                                                          GAsyncResult                *result,
                                                          GError                     **error);
void                  custody_import_result_free         (CustodyImportResult         *result);
char                 *custody_import_result_describe     (const CustodyImportResult   *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CustodyImportResult, custody_import_result_free)

G_END_DECLS
