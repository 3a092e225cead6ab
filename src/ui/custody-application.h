/* custody-application.h
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CUSTODY_TYPE_APPLICATION (custody_application_get_type ())
G_DECLARE_FINAL_TYPE (CustodyApplication, custody_application, CUSTODY, APPLICATION,
                      AdwApplication)

CustodyApplication *custody_application_new          (const char         *application_id);

G_END_DECLS
