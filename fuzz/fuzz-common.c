/* fuzz-common.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>

#include "fuzz-common.h"

static char *store_dir;
static CustodyStore *store;

char *
fuzz_dup_text (const uint8_t *data,
               size_t         size)
{
  return g_strndup ((const char *) data, size);
}

static void
remove_store (void)
{
  const char *suffixes[] = { "", "-wal", "-shm", "-journal" };

  g_clear_object (&store);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strconcat (store_dir, "/fuzz.db", suffixes[i], NULL);
      g_unlink (path);
    }
  g_rmdir (store_dir);
}

CustodyStore *
fuzz_get_store (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (store != NULL)
    return store;

  store_dir = g_dir_make_tmp ("custody-fuzz-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (store_dir, "fuzz.db", NULL);
  store = custody_store_open (path, CUSTODY_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  /* A fixed "now", so that a run reproduces. */
  custody_store_set_clock (store, 1795000000);
  atexit (remove_store);
  return store;
}
