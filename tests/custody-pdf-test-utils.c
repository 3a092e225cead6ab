/* custody-pdf-test-utils.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <poppler.h>

#include "custody-pdf-test-utils.h"

char *
custody_test_pdf_text (const char  *path,
                       int         *n_pages,
                       char       **title)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = g_filename_to_uri (path, NULL, &error);
  g_autoptr(GObject) document = NULL;
  GString *text = g_string_new (NULL);

  g_assert_no_error (error);
  document = G_OBJECT (poppler_document_new_from_file (uri, NULL, &error));
  g_assert_no_error (error);
  *n_pages = poppler_document_get_n_pages (POPPLER_DOCUMENT (document));
  if (title != NULL)
    *title = poppler_document_get_title (POPPLER_DOCUMENT (document));
  for (int i = 0; i < *n_pages; i++)
    {
      g_autoptr(GObject) page = G_OBJECT (poppler_document_get_page (POPPLER_DOCUMENT (document),
                                                                     i));
      g_autofree char *page_text = poppler_page_get_text (POPPLER_PAGE (page));

      g_string_append (text, page_text);
      g_string_append_c (text, '\n');
    }
  return g_string_free (text, FALSE);
}
