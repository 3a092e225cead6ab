/* custody-snapshot.h
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "custody-compliance.h"

G_BEGIN_DECLS

/* The facts of every job at one moment, as the engine reads them. It is
 * built in nesting order (a job, its copies, each copy's runs and their
 * volumes, its verifications), then sealed and evaluated. */
typedef struct _CustodySnapshot CustodySnapshot;

#define CUSTODY_TYPE_SNAPSHOT (custody_snapshot_get_type ())

GType                  custody_snapshot_get_type           (void) G_GNUC_CONST;
CustodySnapshot       *custody_snapshot_new                (gint64                 at);
CustodySnapshot       *custody_snapshot_ref                (CustodySnapshot       *self);
void                   custody_snapshot_unref              (CustodySnapshot       *self);

void                   custody_snapshot_add_job            (CustodySnapshot       *self,
                                                            const char            *name,
                                                            gint64                 rpo_hours,
                                                            gint64                 verify_days);
void                   custody_snapshot_add_copy           (CustodySnapshot       *self,
                                                            const char            *name,
                                                            CustodyMediaType       media_type,
                                                            const char            *location,
                                                            CustodyLocationKind    location_kind,
                                                            gboolean               immutable,
                                                            gboolean               air_gapped);
void                   custody_snapshot_add_run            (CustodySnapshot       *self,
                                                            gint64                 started,
                                                            gint64                 finished,
                                                            CustodyRunStatus       status);
void                   custody_snapshot_add_volume         (CustodySnapshot       *self,
                                                            const char            *volser,
                                                            const char            *location,
                                                            CustodyLocationKind    location_kind,
                                                            gboolean               worm);
void                   custody_snapshot_release_volume     (CustodySnapshot       *self);
void                   custody_snapshot_add_verification   (CustodySnapshot       *self,
                                                            gint64                 at,
                                                            gboolean               passed,
                                                            gint64                 errors);
void                   custody_snapshot_seal               (CustodySnapshot       *self);

const CustodyJobFacts *custody_snapshot_get_job            (CustodySnapshot       *self,
                                                            guint                  position);
GPtrArray             *custody_snapshot_evaluate           (CustodySnapshot       *self,
                                                            const CustodyPolicy   *policy);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CustodySnapshot, custody_snapshot_unref)

G_END_DECLS
