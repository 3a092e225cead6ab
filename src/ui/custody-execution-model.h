/* custody-execution-model.h
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "custody-session.h"

G_BEGIN_DECLS

#define CUSTODY_TYPE_EXECUTION_MODEL (custody_execution_model_get_type ())
G_DECLARE_FINAL_TYPE (CustodyExecutionModel, custody_execution_model, CUSTODY, EXECUTION_MODEL,
                      GObject)

CustodyExecutionModel *custody_execution_model_new     (CustodySession        *session,
                                                        const char            *job);
void                   custody_execution_model_refresh (CustodyExecutionModel *self);
gboolean               custody_execution_model_get_counted (CustodyExecutionModel *self);

G_END_DECLS
