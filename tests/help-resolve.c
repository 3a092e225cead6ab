/* help-resolve.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * help-resolve help:DOCUMENT[/PAGE]: the page Yelp opens for the URI that
 * F1 gives it (custody_show_help), found the way Yelp finds it: in the
 * user's data folder, then in each folder of XDG_DATA_DIRS, the first
 * help/LANG/DOCUMENT that has an index.page, LANG going through GLib's
 * language names (LANGUAGE, LC_ALL, LC_MESSAGES, LANG, then C). Prints the
 * page's path; exit status 1 when there is none.
 */
#include <string.h>

#include <glib.h>

int
main (int   argc,
      char *argv[])
{
  const char * const *langs = g_get_language_names ();
  const char * const *system_dirs = g_get_system_data_dirs ();
  g_autoptr(GPtrArray) dirs = g_ptr_array_new ();
  g_autofree char *document = NULL;
  const char *page = "index";
  const char *slash;

  if (argc != 2 || !g_str_has_prefix (argv[1], "help:"))
    {
      g_printerr ("usage: help-resolve help:DOCUMENT[/PAGE]\n");
      return 2;
    }
  slash = strchr (argv[1] + 5, '/');
  if (slash != NULL)
    {
      document = g_strndup (argv[1] + 5, slash - (argv[1] + 5));
      page = slash + 1;
    }
  else
    {
      document = g_strdup (argv[1] + 5);
    }

  g_ptr_array_add (dirs, (gpointer) g_get_user_data_dir ());
  for (guint i = 0; system_dirs[i] != NULL; i++)
    g_ptr_array_add (dirs, (gpointer) system_dirs[i]);

  /* Folders first, then languages, as Yelp: the document of the first
   * folder that has it in any of the languages. */
  for (guint d = 0; d < dirs->len; d++)
    for (guint l = 0; langs[l] != NULL; l++)
      {
        g_autofree char *dir = g_build_filename (g_ptr_array_index (dirs, d), "help", langs[l],
                                                 document, NULL);
        g_autofree char *index = g_build_filename (dir, "index.page", NULL);
        g_autofree char *name = g_strconcat (page, ".page", NULL);
        g_autofree char *file = g_build_filename (dir, name, NULL);

        if (!g_file_test (index, G_FILE_TEST_IS_REGULAR))
          continue;
        if (!g_file_test (file, G_FILE_TEST_IS_REGULAR))
          {
            g_printerr ("%s: %s has no %s\n", argv[1], dir, name);
            return 1;
          }
        g_print ("%s\n", file);
        return 0;
      }
  g_printerr ("%s: no help/LANG/%s/index.page in the data folders\n", argv[1], document);
  return 1;
}
