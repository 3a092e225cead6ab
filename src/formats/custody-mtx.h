/* custody-mtx.h
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The output of `mtx status`: a changer's drives (data transfer
 * elements), storage slots and import/export slots, and the volume tag
 * of the cartridge in each. */

typedef enum
{
  CUSTODY_MTX_DRIVE,
  CUSTODY_MTX_SLOT,
  CUSTODY_MTX_IMPORT_EXPORT,
} CustodyMtxElementKind;

typedef struct
{
  CustodyMtxElementKind  kind;
  guint                  number;      /* drives from 0, slots from 1 */
  gboolean               full;
  char                  *volser;      /* normalized; NULL when empty or untagged */
  guint                  home_slot;   /* drives: the slot its cartridge came from; 0 */
  guint                  line;        /* in the input, from 1 */
} CustodyMtxElement;

typedef struct
{
  char       *changer;                /* "/dev/sg0" */
  guint       drives;
  guint       slots;
  guint       import_export;
  GArray     *elements;               /* CustodyMtxElement, in order */
} CustodyMtxInventory;

CustodyMtxInventory *custody_mtx_parse          (const char          *text,
                                                 gssize               length,
                                                 GError             **error);
void                 custody_mtx_inventory_free (CustodyMtxInventory *inventory);
char                *custody_mtx_describe       (const CustodyMtxElement *element);
gboolean             custody_mtx_looks_like     (const char          *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CustodyMtxInventory, custody_mtx_inventory_free)

G_END_DECLS
