/* custody-bareos.h
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "custody-tool-text.h"
#include "custody-types.h"

G_BEGIN_DECLS

/* What Bareos' bconsole prints, read into plain values: its JSON-RPC
 * answers (.api 2) and its volume listings, in JSON or as text tables.
 * Errors name the line (and column) of what is wrong
 * (%CUSTODY_PARSE_ERROR). */

typedef struct
{
  char                *volser;        /* normalized */
  char                *pool;          /* NULL: not said */
  char                *type;          /* Bareos' MediaType: "LTO-8", "File" */
  char                *volstatus;     /* as Bareos says it */
  CustodyMediumStatus  status;
  char                *storage;       /* NULL: not said */
  gint64               bytes;         /* -1: not said */
  gint64               retention_s;   /* -1: not said */
  gint64               retention_until;   /* CUSTODY_TIME_NONE: none */
  gint64               last_written;  /* CUSTODY_TIME_NONE: never */
  gint64               errors;        /* -1: not said */
  gint64               mounts;        /* -1: not said */
  gint64               slot;          /* -1: not said */
  int                  in_changer;    /* -1: not said */
  gsize                offset;        /* JSON input: where the volume is */
  guint                line;          /* text input: its line, else 0 */
  guint                listing;       /* which listing of the input it is in */
} CustodyBareosVolume;

/* Each answer is an object, none an error: "bconsole answered with an
 * error: ..." names the first. */
gboolean         custody_bareos_check_answers (CustodyToolText  *text,
                                               CustodyJsonDoc   *doc,
                                               GError          **error);
/* What a command returned: the "result" of a JSON-RPC answer, or a bare
 * result object; 0 for neither. */
CustodyJsonNode  custody_bareos_result        (CustodyJsonDoc   *doc,
                                               CustodyJsonNode   root);

/* The volumes of `list volumes`, `llist volumes all`, `llist media` (JSON
 * mode) or the text tables of api mode 0, into @volumes (of
 * CustodyBareosVolume; it clears them). A volume listed again later in
 * the input (a session that lists, updates and lists again) is read as
 * listed last. */
GArray          *custody_bareos_volumes_new   (void);
gboolean         custody_bareos_read_volumes  (CustodyToolText  *text,
                                               GArray           *volumes,
                                               GError          **error);

G_END_DECLS
