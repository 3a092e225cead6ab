/* main.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "custody-application.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(CustodyApplication) app = NULL;
  const char *localedir = g_getenv ("CUSTODY_LOCALEDIR");

  setlocale (LC_ALL, "");
  /* An uninstalled build (./dev run, the tests) takes its translations
   * from the build tree: CUSTODY_LOCALEDIR=_build/po. */
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && *localedir != '\0' ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  /* What screen readers call the app (GTK's accessible root): its name,
   * not the program's. */
  g_set_application_name (_("Custody"));

  app = custody_application_new (APP_ID);

  return g_application_run (G_APPLICATION (app), argc, argv);
}
