/* test-import-detect.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a file dropped on the window is, told from its content: every
 * real sample of tests/fixtures/import, and what is none of them.
 */
#include "config.h"

#include <string.h>

#include "custody-store.h"

static void
test_samples (void)
{
  static const struct
  {
    const char *file;
    int         format;   /* -1: not a tool's output */
  } cases[] = {
    { "restic-0.14-snapshots.json", CUSTODY_IMPORT_RESTIC },
    { "restic-0.19-snapshots.json", CUSTODY_IMPORT_RESTIC },
    { "restic-0.18.1-cat-snapshot.json", CUSTODY_IMPORT_RESTIC },
    { "restic-0.9-snapshots-json-element.json", CUSTODY_IMPORT_RESTIC },
    { "restic-0.9.6-backup-summary.json", CUSTODY_IMPORT_RESTIC },
    { "restic-0.19-backup-json.jsonl", CUSTODY_IMPORT_RESTIC },
    { "restic-0.14-check-ok.txt", CUSTODY_IMPORT_RESTIC_CHECK },
    { "restic-0.19-check-json.jsonl", CUSTODY_IMPORT_RESTIC_CHECK },
    { "borg-1.2-list.json", CUSTODY_IMPORT_BORG },
    { "borg-1.2-info-archive.json", CUSTODY_IMPORT_BORG },
    { "borg1-info-last1.json", CUSTODY_IMPORT_BORG },
    { "borg1-list-last1.json", CUSTODY_IMPORT_BORG },
    { "borg2-info-last1.json", CUSTODY_IMPORT_BORG },
    { "borg1-info-repo.json", CUSTODY_IMPORT_BORG },
    { "borg-1.2-check-ok.txt", CUSTODY_IMPORT_BORG_CHECK },
    { "bareos-api2-list-jobs.json", CUSTODY_IMPORT_BAREOS_JOBS },
    { "bareos-api2-llist-jobs.json", CUSTODY_IMPORT_BAREOS_JOBS },
    { "bareos-api2-error.json", CUSTODY_IMPORT_BAREOS_JOBS },
    { "bareos-list-volumes-docs.txt", CUSTODY_IMPORT_BAREOS_VOLUMES },
    { "bareos-list-volumes-issue2694.txt", CUSTODY_IMPORT_BAREOS_VOLUMES },
    /* What the importer refuses, explaining what to give it instead. */
    { "borg-1.2-info-repo.json", CUSTODY_IMPORT_BORG },
    { "borg1-list-json-lines.jsonl", CUSTODY_IMPORT_BORG },
    { "bareos-media-vault-joblog.txt", -1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "import",
                                                     cases[i].file, NULL);
      g_autofree char *data = NULL;
      CustodyImportFormat format;
      gsize length;
      gboolean found;

      g_assert_true (g_file_get_contents (path, &data, &length, NULL));
      found = custody_import_detect (data, length, &format);
      g_test_message ("%s", cases[i].file);
      if (cases[i].format < 0)
        g_assert_false (found);
      else
        {
          g_assert_true (found);
          g_assert_cmpstr (custody_import_format_to_string (format), ==,
                           custody_import_format_to_string (cases[i].format));
        }
    }
}

static void
test_not_tool_output (void)
{
  static const char *inputs[] = {
    "job,copy,media_type\npayroll,nas,disk\n",
    "volser,type\nA00001L9,LTO-9\n",
    "Remember the Friday tapes.\n",
    "",
    "{\"name\": \"something else\"}",
  };
  CustodyImportFormat format;

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    g_assert_false (custody_import_detect (inputs[i], strlen (inputs[i]), &format));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/custody/import/detect/samples", test_samples);
  g_test_add_func ("/custody/import/detect/not-tool-output", test_not_tool_output);

  return g_test_run ();
}
