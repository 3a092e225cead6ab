/* fuzz-mtx.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The reader of `mtx status`, given the input with its length as
 * `import mtx` does, and as a C string as `media reconcile` does.
 */
#include "config.h"

#include "custody-mtx.h"
#include "fuzz-common.h"

static void
describe_all (CustodyMtxInventory *inventory)
{
  for (guint i = 0; inventory != NULL && i < inventory->elements->len; i++)
    g_free (custody_mtx_describe (&g_array_index (inventory->elements, CustodyMtxElement, i)));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = fuzz_dup_text (data, size);
  g_autoptr(CustodyMtxInventory) sized = NULL;
  g_autoptr(CustodyMtxInventory) terminated = NULL;

  sized = custody_mtx_parse ((const char *) data, (gssize) size, NULL);
  describe_all (sized);
  if (custody_mtx_looks_like (text))
    {
      terminated = custody_mtx_parse (text, -1, NULL);
      describe_all (terminated);
    }
  return 0;
}
