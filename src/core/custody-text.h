/* custody-text.h
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean  custody_text_validate        (const char  *data,
                                        gsize        length,
                                        GError     **error);
gboolean  custody_text_check_name      (const char  *name,
                                        gboolean     is_new,
                                        GError     **error);
gboolean  custody_text_check_free      (const char  *text,
                                        GError     **error);
char     *custody_text_escape_controls (const char  *text);

G_END_DECLS
