/* custody-input.h
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

GBytes *custody_input_read_text (GInputStream  *input,
                                 gsize          limit,
                                 GCancellable  *cancellable,
                                 GError       **error);

G_END_DECLS
