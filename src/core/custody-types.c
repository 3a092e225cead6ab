/* custody-types.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custody-types"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "custody-types.h"

typedef struct
{
  const char *key;
  const char *label;
} KeyLabel;

static const KeyLabel media_types[] = {
  { "disk", N_("Disk") },
  { "object-storage", N_("Object storage") },
  { "tape", N_("Tape") },
  { "removable-disk", N_("Removable disk") },
  { "optical", N_("Optical") },
};

static const KeyLabel location_kinds[] = {
  { "library", N_("Library") },
  { "onsite-repo", N_("On-site repository") },
  /* Translators: a shelf in the building, where media sit offline */
  { "onsite-shelf", N_("On-site shelf") },
  { "transit", N_("In transit") },
  { "offsite-vault", N_("Off-site vault") },
  { "offsite-repo", N_("Off-site repository") },
  { "destroyed", N_("Destroyed") },
};

static const KeyLabel run_statuses[] = {
  { "success", N_("Success") },
  { "warning", N_("Warning") },
  { "failed", N_("Failed") },
  { "running", N_("Running") },
};

static const KeyLabel verify_kinds[] = {
  { "restore-test", N_("Restore test") },
  { "checksum", N_("Checksum") },
  { "boot-test", N_("Boot test") },
};

static const KeyLabel medium_statuses[] = {
  { "scratch", N_("Scratch") },
  { "in-use", N_("In use") },
  { "full", N_("Full") },
  { "retired", N_("Retired") },
  { "error", N_("Error") },
};

static const KeyLabel statuses[] = {
  { "compliant", N_("Compliant") },
  /* Translators: passes now, but will soon fail */
  { "at-risk", N_("At risk") },
  { "violation", N_("Violation") },
};

static const KeyLabel rules[] = {
  { "3-copies", N_("3 copies") },
  { "2-media", N_("2 media types") },
  { "1-offsite", N_("1 off-site") },
  /* Translators: offline means air-gapped, not reachable over a network */
  { "1-offline", N_("1 offline or immutable") },
  { "0-errors", N_("0 errors") },
};

static gboolean
lookup (const KeyLabel *table,
        guint           n,
        const char     *str,
        int            *out)
{
  if (str == NULL)
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      if (g_str_equal (table[i].key, str))
        {
          *out = (int) i;
          return TRUE;
        }
    }

  return FALSE;
}

static char *
list_keys (const KeyLabel *table,
           guint           n)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append (s, ", ");
      g_string_append (s, table[i].key);
    }

  return g_string_free (s, FALSE);
}

#define DEFINE_TABLE(prefix, Type, table)                                     \
  const char *                                                                \
  prefix##_to_string (Type value)                                             \
  {                                                                           \
    g_return_val_if_fail ((guint) value < G_N_ELEMENTS (table), NULL);        \
    return table[value].key;                                                  \
  }                                                                           \
                                                                              \
  const char *                                                                \
  prefix##_get_label (Type value)                                             \
  {                                                                           \
    g_return_val_if_fail ((guint) value < G_N_ELEMENTS (table), NULL);        \
    return g_dgettext (GETTEXT_PACKAGE, table[value].label);                  \
  }                                                                           \
                                                                              \
  /* The label in a translation, else the key that scripts and the docs    \
   * use: what a text table shows. */                                        \
  const char *                                                                \
  prefix##_get_text_label (Type value)                                        \
  {                                                                           \
    const char *label;                                                        \
                                                                              \
    g_return_val_if_fail ((guint) value < G_N_ELEMENTS (table), NULL);        \
    label = g_dgettext (GETTEXT_PACKAGE, table[value].label);                 \
    return label != table[value].label ? label : table[value].key;            \
  }

#define DEFINE_PARSER(prefix, Type, table)                                    \
  gboolean                                                                    \
  prefix##_from_string (const char *str,                                      \
                        Type       *out)                                      \
  {                                                                           \
    int idx;                                                                  \
                                                                              \
    if (!lookup (table, G_N_ELEMENTS (table), str, &idx))                     \
      return FALSE;                                                           \
    *out = (Type) idx;                                                        \
    return TRUE;                                                              \
  }                                                                           \
                                                                              \
  char *                                                                      \
  prefix##_list_keys (void)                                                   \
  {                                                                           \
    return list_keys (table, G_N_ELEMENTS (table));                           \
  }

DEFINE_TABLE (custody_media_type, CustodyMediaType, media_types)
DEFINE_PARSER (custody_media_type, CustodyMediaType, media_types)
DEFINE_TABLE (custody_location_kind, CustodyLocationKind, location_kinds)
DEFINE_PARSER (custody_location_kind, CustodyLocationKind, location_kinds)
DEFINE_TABLE (custody_run_status, CustodyRunStatus, run_statuses)
DEFINE_PARSER (custody_run_status, CustodyRunStatus, run_statuses)
DEFINE_TABLE (custody_verify_kind, CustodyVerifyKind, verify_kinds)
DEFINE_PARSER (custody_verify_kind, CustodyVerifyKind, verify_kinds)
DEFINE_TABLE (custody_medium_status, CustodyMediumStatus, medium_statuses)
DEFINE_PARSER (custody_medium_status, CustodyMediumStatus, medium_statuses)
DEFINE_TABLE (custody_status, CustodyStatus, statuses)
DEFINE_TABLE (custody_rule, CustodyRule, rules)

/* The rule's name in English, for what the store keeps. */
const char *
custody_rule_get_english_label (CustodyRule rule)
{
  g_return_val_if_fail ((guint) rule < G_N_ELEMENTS (rules), NULL);
  return rules[rule].label;
}

gboolean
custody_media_type_is_removable (CustodyMediaType type)
{
  /* Media copies take offsite/offline from where their volumes are;
   * repositories (disk, object storage) from their own location. */
  return type == CUSTODY_MEDIA_TYPE_TAPE ||
         type == CUSTODY_MEDIA_TYPE_REMOVABLE_DISK ||
         type == CUSTODY_MEDIA_TYPE_OPTICAL;
}

gboolean
custody_location_kind_is_offsite (CustodyLocationKind kind)
{
  return kind == CUSTODY_LOCATION_OFFSITE_VAULT || kind == CUSTODY_LOCATION_OFFSITE_REPO;
}

gboolean
custody_location_kind_is_offline (CustodyLocationKind kind)
{
  return kind == CUSTODY_LOCATION_ONSITE_SHELF ||
         kind == CUSTODY_LOCATION_TRANSIT ||
         kind == CUSTODY_LOCATION_OFFSITE_VAULT;
}
