/* custody-audit.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custody-audit"

#include "config.h"

#include "custody-store-private.h"

static void
feed_field (GChecksum  *checksum,
            const char *value)
{
  /* Length-prefixed, so no choice of field contents can make two
   * different entries hash alike. NULL and "" differ too. */
  g_autofree char *prefix = NULL;

  if (value == NULL)
    {
      g_checksum_update (checksum, (const guchar *) "-;", 2);
      return;
    }
  prefix = g_strdup_printf ("%zu:", strlen (value));
  g_checksum_update (checksum, (const guchar *) prefix, -1);
  g_checksum_update (checksum, (const guchar *) value, -1);
  g_checksum_update (checksum, (const guchar *) ";", 1);
}

/**
 * custody_audit_hash:
 *
 * The SHA-256 of one audit entry, its predecessor's hash included: change
 * any entry and every later hash stops matching.
 *
 * Returns: (transfer full): 64 hex digits
 */
char *
custody_audit_hash (gint64      id,
                    gint64      at,
                    gint64      business_at,
                    const char *actor,
                    const char *action,
                    const char *entity,
                    const char *before,
                    const char *after,
                    const char *prev_hash)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree char *numbers = g_strdup_printf ("custody-audit-v1;%" G_GINT64_FORMAT ";%"
                                              G_GINT64_FORMAT ";%" G_GINT64_FORMAT ";",
                                              id, at, business_at);

  g_checksum_update (checksum, (const guchar *) numbers, -1);
  feed_field (checksum, actor);
  feed_field (checksum, action);
  feed_field (checksum, entity);
  feed_field (checksum, before);
  feed_field (checksum, after);
  feed_field (checksum, prev_hash);

  return g_strdup (g_checksum_get_string (checksum));
}
