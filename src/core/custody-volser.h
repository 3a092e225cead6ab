/* custody-volser.h
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CUSTODY_VOLSER_MAX 32

char     *custody_volser_normalize   (const char  *text,
                                      GError     **error);
char     *custody_volser_media_type  (const char  *volser);
GStrv     custody_volser_range       (const char  *first,
                                      const char  *last,
                                      guint        max,
                                      GError     **error);

G_END_DECLS
