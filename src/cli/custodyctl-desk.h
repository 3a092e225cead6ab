/* custodyctl-desk.h
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Shared by the desk's commands, printing or not. */
GInputStream *ctl_open_input  (const char          *path,
                               GError             **error);
char         *ctl_read_text   (const char          *path,
                               GError             **error);
GStrv         ctl_split_lines (const char          *text);
gboolean      ctl_split_range (const char          *range,
                               char               **first,
                               char               **last);
void          ctl_add_strv    (JsonBuilder         *b,
                               const char          *member,
                               const char * const  *strv);
void          ctl_print_list  (const char          *title,
                               const char * const  *strv);

G_END_DECLS
