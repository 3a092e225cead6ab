/* custody-reconciliation-certificate.h
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "custody-printable.h"
#include "custody-reconciliation.h"

G_BEGIN_DECLS

/* A reconciliation as a dated certificate: what was found at a location
 * against what should have been there. */

#define CUSTODY_TYPE_RECONCILIATION_CERTIFICATE (custody_reconciliation_certificate_get_type ())
G_DECLARE_FINAL_TYPE (CustodyReconciliationCertificate, custody_reconciliation_certificate,
                      CUSTODY, RECONCILIATION_CERTIFICATE, GObject)

CustodyReconciliationCertificate *
custody_reconciliation_certificate_new (CustodyReconciliation *reconciliation);

G_END_DECLS
