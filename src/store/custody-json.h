/* custody-json.h
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "custody-compliance.h"
#include "custody-records.h"
#include "custody-rotation.h"
#include "custody-store.h"

G_BEGIN_DECLS

/* The JSON shapes of cli.md, shared by `--json`, the export and the audit
 * trail's before/after. Times are UTC with Z; unset values are null. */

JsonNode *custody_json_job           (CustodyJob          *job,
                                      GPtrArray           *copies);
JsonNode *custody_json_job_status    (const CustodyJobStatus *job);
JsonNode *custody_json_copy          (CustodyCopy         *copy);
JsonNode *custody_json_execution     (CustodyExecution    *execution);
JsonNode *custody_json_verification  (CustodyVerification *verification);
JsonNode *custody_json_location      (CustodyLocation     *location);
JsonNode *custody_json_rotation      (const CustodyRotationPolicy *policy);
JsonNode *custody_json_medium        (CustodyMedium       *medium,
                                      GPtrArray           *movements);
JsonNode *custody_json_movement      (CustodyMovement     *movement);
JsonNode *custody_json_verdict       (CustodyVerdict      *verdict);
void      custody_json_append_verdict (GString            *out,
                                       CustodyVerdict     *verdict,
                                       guint               indent);
void      custody_json_append_string (GString            *out,
                                      const char          *value);
void      custody_json_add_time      (JsonBuilder         *builder,
                                      const char          *member,
                                      gint64               t);
char     *custody_json_to_string     (JsonNode            *node,
                                      gboolean             pretty);
void      custody_json_append_double (GString             *out,
                                      double               value);
gboolean  custody_json_check_depth   (const char          *data,
                                      gsize                length,
                                      guint                max_depth);

G_END_DECLS
