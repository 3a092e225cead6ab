/* custody-array-model.h
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CUSTODY_TYPE_ARRAY_MODEL (custody_array_model_get_type ())
G_DECLARE_FINAL_TYPE (CustodyArrayModel, custody_array_model, CUSTODY, ARRAY_MODEL, GObject)

CustodyArrayModel *custody_array_model_new    (GType              item_type);
void               custody_array_model_splice (CustodyArrayModel *self,
                                               guint              position,
                                               guint              n_removals,
                                               gpointer          *additions,
                                               guint              n_additions);

G_END_DECLS
