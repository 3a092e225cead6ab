/* custody-tool-text.h
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "custody-json-doc.h"

G_BEGIN_DECLS

/* What a backup tool printed, being read: the text, the zone for times
 * written without an offset, and errors (%CUSTODY_PARSE_ERROR) that name
 * where in the text the problem is. */
typedef struct
{
  const char   *data;
  gsize         length;
  GTimeZone    *zone;         /* for times written without an offset */
  gboolean      zone_used;    /* set when a time was read in @zone */
  GCancellable *cancellable;
} CustodyToolText;

/* "line 3, column 14: MESSAGE" for a byte of the text. */
gboolean  custody_tool_text_fail_at        (CustodyToolText       *text,
                                            gsize                  offset,
                                            GError               **error,
                                            const char            *format,
                                            ...) G_GNUC_PRINTF (4, 5);
gboolean  custody_tool_text_fail_at_valist (CustodyToolText       *text,
                                            gsize                  offset,
                                            GError               **error,
                                            const char            *format,
                                            va_list                args) G_GNUC_PRINTF (4, 0);
/* "line 3: MESSAGE" */
gboolean  custody_tool_text_fail_line      (guint                  line,
                                            GError               **error,
                                            const char            *format,
                                            ...) G_GNUC_PRINTF (3, 4);
/* The text's JSON, or an error naming where it goes wrong. */
CustodyJsonDoc *custody_tool_text_parse_json (CustodyToolText      *text,
                                              CustodyJsonParseFlags flags,
                                              GError              **error);

/* Typed members, with errors naming @what ("snapshot 3") and the place.
 * Optional members that are absent (or null) leave *out alone and return
 * TRUE. */
gboolean  custody_tool_text_get_string     (CustodyToolText       *text,
                                            CustodyJsonDoc        *doc,
                                            CustodyJsonNode        object,
                                            const char            *member,
                                            gboolean               required,
                                            const char            *what,
                                            char                 **out,
                                            GError               **error);
/* A whole number >= 0: a JSON number, or with @strings a string of digits
 * (Bareos prints numbers as strings, with thousands separators in text). */
gboolean  custody_tool_text_get_count      (CustodyToolText       *text,
                                            CustodyJsonDoc        *doc,
                                            CustodyJsonNode        object,
                                            const char            *member,
                                            gboolean               strings,
                                            const char            *what,
                                            gint64                *out,
                                            GError               **error);
/* A time: RFC 3339 with an offset, or a local time written without one,
 * read in the text's zone. */
gboolean  custody_tool_text_get_time       (CustodyToolText       *text,
                                            CustodyJsonDoc        *doc,
                                            CustodyJsonNode        object,
                                            const char            *member,
                                            gboolean               required,
                                            const char            *what,
                                            gint64                *out,
                                            GError               **error);
gboolean  custody_tool_text_parse_time     (CustodyToolText       *text,
                                            const char            *time,
                                            gint64                *out);
/* The fixtures and wrapper scripts end a tool's output with "rc=N", the
 * exit code the tool returned: read and removed from @length here. A
 * conflicting @given code (-1: none) is an error. */
gboolean  custody_tool_text_take_exit_code (CustodyToolText       *text,
                                            int                    given,
                                            gsize                 *length,
                                            int                   *exit_code,
                                            GError               **error);
/* "1,007,073,265,794" or "18": digits with optional thousands separators. */
gboolean  custody_tool_parse_count         (const char            *text,
                                            gint64                *out);

G_END_DECLS
