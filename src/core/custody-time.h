/* custody-time.h
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Times are seconds since the Unix epoch, UTC, everywhere below the UI. */
#define CUSTODY_TIME_NONE G_MININT64

#define CUSTODY_PARSE_ERROR (custody_parse_error_quark ())
typedef enum
{
  CUSTODY_PARSE_ERROR_INVALID,
} CustodyParseError;

GQuark    custody_parse_error_quark      (void);

gboolean  custody_time_parse             (const char *str,
                                          gint64     *out,
                                          GError    **error);
char     *custody_time_format            (gint64      t);
char     *custody_time_format_local      (gint64      t);
char     *custody_time_format_date       (gint64      t);
gboolean  custody_time_is_local_text     (void);
char     *custody_time_format_text       (gint64      t);
char     *custody_time_format_text_date  (gint64      t);
char     *custody_time_zone_text         (gint64      t);
gint64    custody_time_now               (void);
char     *custody_duration_describe      (gint64      seconds);

G_END_DECLS
