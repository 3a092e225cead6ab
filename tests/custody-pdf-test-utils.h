/* custody-pdf-test-utils.h
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reading back the PDFs Custody writes, with poppler, as a user's viewer
 * would: what the report, desk and UI tests share.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The text of the PDF at @path, each page's followed by a newline, and
 * its number of pages; @title (NULL: not wanted) gets its title. */
char *custody_test_pdf_text (const char  *path,
                             int         *n_pages,
                             char       **title);

G_END_DECLS
