/* custody-csv.h
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* An RFC 4180 reader: commas, double quotes with "" inside, records ending
 * in CRLF, LF or CR, quoted fields spanning lines; UTF-8, an optional BOM. */
typedef struct _CustodyCsvReader CustodyCsvReader;

CustodyCsvReader *custody_csv_reader_new      (GInputStream      *input);
void              custody_csv_reader_free     (CustodyCsvReader  *self);
gboolean          custody_csv_reader_next     (CustodyCsvReader  *self,
                                               GCancellable      *cancellable,
                                               GError           **error);
guint             custody_csv_reader_get_line (CustodyCsvReader  *self);
guint             custody_csv_reader_get_n_fields (CustodyCsvReader *self);
const char       *custody_csv_reader_get_field (CustodyCsvReader *self,
                                                guint             index);

char             *custody_csv_quote           (const char        *field);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CustodyCsvReader, custody_csv_reader_free)

G_END_DECLS
