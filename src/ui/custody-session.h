/* custody-session.h
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "custody-store.h"

G_BEGIN_DECLS

#define CUSTODY_TYPE_SESSION (custody_session_get_type ())
G_DECLARE_FINAL_TYPE (CustodySession, custody_session, CUSTODY, SESSION, GObject)

/* A write to run in a worker thread; the session reloads after it. */
typedef gboolean (*CustodySessionWriteFunc) (CustodyStore  *store,
                                             gpointer       data,
                                             GError       **error);

/* A read to run in a worker thread; returns what the callback gets. */
typedef gpointer (*CustodySessionReadFunc)  (CustodyStore  *store,
                                             gpointer       data,
                                             GError       **error);

CustodySession *custody_session_new                 (const char              *db_path);
const char     *custody_session_get_db_path         (CustodySession          *self);
CustodyStore   *custody_session_get_store           (CustodySession          *self);
gboolean        custody_session_get_loaded          (CustodySession          *self);
GListModel     *custody_session_get_jobs            (CustodySession          *self);
GListModel     *custody_session_get_alerts          (CustodySession          *self);
GPtrArray      *custody_session_get_recent_failures (CustodySession          *self);
CustodyDesk    *custody_session_get_desk            (CustodySession          *self);
gint64          custody_session_get_evaluated_at    (CustodySession          *self);
gint64          custody_session_get_data_version    (CustodySession          *self);
const CustodyPolicy *custody_session_get_policy     (CustodySession          *self);
void            custody_session_set_poll_interval   (CustodySession          *self,
                                                     guint                    interval_ms);
gint64          custody_session_get_as_of           (CustodySession          *self);
void            custody_session_set_as_of           (CustodySession          *self,
                                                     gint64                   at);
gboolean        custody_session_get_past_loading    (CustodySession          *self);
GListModel     *custody_session_get_past_jobs       (CustodySession          *self);
CustodyDesk    *custody_session_get_past_desk       (CustodySession          *self);
GPtrArray      *custody_session_get_past_alerts     (CustodySession          *self);
GPtrArray      *custody_session_get_past_failures   (CustodySession          *self);
void            custody_session_open                (CustodySession          *self);
void            custody_session_reload              (CustodySession          *self);

void            custody_session_write_async         (CustodySession          *self,
                                                     CustodySessionWriteFunc  func,
                                                     gpointer                 data,
                                                     GDestroyNotify           data_free,
                                                     GCancellable            *cancellable,
                                                     GAsyncReadyCallback      callback,
                                                     gpointer                 user_data);
gboolean        custody_session_write_finish        (CustodySession          *self,
                                                     GAsyncResult            *result,
                                                     GError                 **error);
void            custody_session_read_async          (CustodySession          *self,
                                                     CustodySessionReadFunc   func,
                                                     gpointer                 data,
                                                     GDestroyNotify           data_free,
                                                     GDestroyNotify           result_free,
                                                     GCancellable            *cancellable,
                                                     GAsyncReadyCallback      callback,
                                                     gpointer                 user_data);
gpointer        custody_session_read_finish         (CustodySession          *self,
                                                     GAsyncResult            *result,
                                                     GError                 **error);

G_END_DECLS
