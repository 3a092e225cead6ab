/* custody-scan-session.h
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* What a scan session at the desk has seen: each scan in order, what
 * became of it, and what was expected and not scanned. It decides what
 * needs no store (a label that is not one, a volume scanned twice); the
 * caller moves the rest and reports back. Shared by `custodyctl media
 * scan` and the app's scan window, so both judge scans alike. */

typedef enum
{
  CUSTODY_SCAN_PENDING,     /* sent to the store, no answer yet */
  CUSTODY_SCAN_MOVED,
  CUSTODY_SCAN_UNEXPECTED,  /* moved, but not on the expected list */
  CUSTODY_SCAN_UNKNOWN,     /* not a label, or a volume the store does not know */
  CUSTODY_SCAN_DUPLICATE,   /* already moved in this session */
  CUSTODY_SCAN_REFUSED,     /* the move would break a job's compliance */
  CUSTODY_SCAN_FAILED,      /* the store refused it for another reason */
  CUSTODY_N_SCAN_OUTCOMES
} CustodyScanOutcome;

typedef struct
{
  guint               serial;       /* 1, 2, ... in scan order */
  char               *text;         /* as scanned */
  char               *volser;       /* normalized; NULL if not a label */
  CustodyScanOutcome  outcome;
  gint64              movement_id;  /* 0: none */
  char               *message;      /* why it was refused or failed; NULL */
} CustodyScanEntry;

void        custody_scan_entry_free          (CustodyScanEntry *entry);

#define CUSTODY_TYPE_SCAN_SESSION (custody_scan_session_get_type ())
G_DECLARE_FINAL_TYPE (CustodyScanSession, custody_scan_session, CUSTODY, SCAN_SESSION, GObject)

CustodyScanSession     *custody_scan_session_new              (const char * const *expected);
gboolean                custody_scan_session_is_expected      (CustodyScanSession *self,
                                                               const char         *volser);
const CustodyScanEntry *custody_scan_session_add              (CustodyScanSession *self,
                                                               const char         *text);
const CustodyScanEntry *custody_scan_session_resolve          (CustodyScanSession *self,
                                                               guint               serial,
                                                               CustodyScanOutcome  outcome,
                                                               gint64              movement_id,
                                                               const char         *message);
CustodyScanEntry       *custody_scan_session_undo_last        (CustodyScanSession *self);
CustodyScanEntry       *custody_scan_session_take             (CustodyScanSession *self,
                                                               guint               serial);
guint                   custody_scan_session_get_n_entries    (CustodyScanSession *self);
const CustodyScanEntry *custody_scan_session_get_entry        (CustodyScanSession *self,
                                                               guint               position);
const CustodyScanEntry *custody_scan_session_find             (CustodyScanSession *self,
                                                               guint               serial);
guint                   custody_scan_session_count            (CustodyScanSession *self,
                                                               CustodyScanOutcome  outcome);
GStrv                   custody_scan_session_dup_volsers      (CustodyScanSession *self,
                                                               CustodyScanOutcome  outcome);
GStrv                   custody_scan_session_dup_not_scanned  (CustodyScanSession *self);
void                    custody_scan_session_get_progress     (CustodyScanSession *self,
                                                               guint              *scanned,
                                                               guint              *expected);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CustodyScanEntry, custody_scan_entry_free)

G_END_DECLS
