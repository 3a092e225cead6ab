/* custody-types.h
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The five classes of media a copy can be written to (domain.md). */
typedef enum
{
  CUSTODY_MEDIA_TYPE_DISK,
  CUSTODY_MEDIA_TYPE_OBJECT_STORAGE,
  CUSTODY_MEDIA_TYPE_TAPE,
  CUSTODY_MEDIA_TYPE_REMOVABLE_DISK,
  CUSTODY_MEDIA_TYPE_OPTICAL,
  CUSTODY_N_MEDIA_TYPES
} CustodyMediaType;

typedef enum
{
  CUSTODY_LOCATION_NONE = -1,  /* nothing recorded */
  CUSTODY_LOCATION_LIBRARY,
  CUSTODY_LOCATION_ONSITE_REPO,
  CUSTODY_LOCATION_ONSITE_SHELF,
  CUSTODY_LOCATION_TRANSIT,
  CUSTODY_LOCATION_OFFSITE_VAULT,
  CUSTODY_LOCATION_OFFSITE_REPO,
  CUSTODY_LOCATION_DESTROYED,
  CUSTODY_N_LOCATION_KINDS
} CustodyLocationKind;

typedef enum
{
  CUSTODY_RUN_SUCCESS,
  CUSTODY_RUN_WARNING,
  CUSTODY_RUN_FAILED,
  CUSTODY_RUN_RUNNING,
  CUSTODY_N_RUN_STATUSES
} CustodyRunStatus;

typedef enum
{
  CUSTODY_VERIFY_RESTORE_TEST,
  CUSTODY_VERIFY_CHECKSUM,
  CUSTODY_VERIFY_BOOT_TEST,
  CUSTODY_N_VERIFY_KINDS
} CustodyVerifyKind;

typedef enum
{
  CUSTODY_MEDIUM_SCRATCH,
  CUSTODY_MEDIUM_IN_USE,
  CUSTODY_MEDIUM_FULL,
  CUSTODY_MEDIUM_RETIRED,
  CUSTODY_MEDIUM_ERROR,
  CUSTODY_N_MEDIUM_STATUSES
} CustodyMediumStatus;

typedef enum
{
  CUSTODY_STATUS_COMPLIANT,
  CUSTODY_STATUS_AT_RISK,
  CUSTODY_STATUS_VIOLATION,
  CUSTODY_N_STATUSES
} CustodyStatus;

typedef enum
{
  CUSTODY_RULE_3_COPIES,
  CUSTODY_RULE_2_MEDIA,
  CUSTODY_RULE_1_OFFSITE,
  CUSTODY_RULE_1_OFFLINE,
  CUSTODY_RULE_0_ERRORS,
  CUSTODY_N_RULES
} CustodyRule;

/* Each table maps a value to the key used in the store, the CLI and JSON.
 * Parsers return FALSE for an unknown key and leave *out untouched. */
const char *custody_media_type_to_string    (CustodyMediaType     type);
gboolean    custody_media_type_from_string  (const char          *str,
                                             CustodyMediaType    *out);
const char *custody_media_type_get_label    (CustodyMediaType     type);
const char *custody_media_type_get_text_label (CustodyMediaType type);
gboolean    custody_media_type_is_removable (CustodyMediaType     type);

const char *custody_location_kind_to_string   (CustodyLocationKind  kind);
gboolean    custody_location_kind_from_string (const char          *str,
                                               CustodyLocationKind *out);
const char *custody_location_kind_get_label   (CustodyLocationKind  kind);
const char *custody_location_kind_get_text_label (CustodyLocationKind kind);
gboolean    custody_location_kind_is_offsite  (CustodyLocationKind  kind);
gboolean    custody_location_kind_is_offline  (CustodyLocationKind  kind);

const char *custody_run_status_to_string   (CustodyRunStatus     status);
gboolean    custody_run_status_from_string (const char          *str,
                                            CustodyRunStatus    *out);
const char *custody_run_status_get_label   (CustodyRunStatus     status);
const char *custody_run_status_get_text_label (CustodyRunStatus status);

const char *custody_verify_kind_to_string   (CustodyVerifyKind    kind);
gboolean    custody_verify_kind_from_string (const char          *str,
                                             CustodyVerifyKind   *out);
const char *custody_verify_kind_get_label   (CustodyVerifyKind    kind);
const char *custody_verify_kind_get_text_label (CustodyVerifyKind kind);

const char *custody_medium_status_to_string   (CustodyMediumStatus  status);
gboolean    custody_medium_status_from_string (const char          *str,
                                               CustodyMediumStatus *out);
const char *custody_medium_status_get_label   (CustodyMediumStatus  status);
const char *custody_medium_status_get_text_label (CustodyMediumStatus status);

const char *custody_status_to_string (CustodyStatus        status);
const char *custody_status_get_label (CustodyStatus        status);
const char *custody_status_get_text_label (CustodyStatus status);

const char *custody_rule_to_string   (CustodyRule          rule);
const char *custody_rule_get_label   (CustodyRule          rule);
const char *custody_rule_get_text_label (CustodyRule rule);
const char *custody_rule_get_english_label (CustodyRule    rule);

/* "success, warning, failed, running": the keys of a table, for error messages. */
char       *custody_media_type_list_keys    (void);
char       *custody_location_kind_list_keys (void);
char       *custody_run_status_list_keys    (void);
char       *custody_verify_kind_list_keys   (void);
char       *custody_medium_status_list_keys (void);

G_END_DECLS
