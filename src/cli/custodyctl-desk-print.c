/* custodyctl-desk-print.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custodyctl"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "custody-handoff-sheet.h"
#include "custody-labels.h"
#include "custody-mtx.h"
#include "custody-output.h"
#include "custody-reconciliation-certificate.h"
#include "custody-time.h"
#include "custody-volser.h"
#include "custodyctl-context.h"
#include "custodyctl-desk.h"

/* The tape desk's commands that print: labels, hand-off sheets, and
 * reconciliations with their certificate. They link cairo and Pango, so
 * they live in custodyctl-print, which custodyctl runs for them. */


/*
 * media labels
 */

int
ctl_media_labels (CtlContext  *ctx,
                  int          argc,
                  char       **argv)
{
  g_autoptr(CustodyLabels) labels = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) volsers = NULL;
  g_autofree char *range = NULL;
  g_autofree char *output = NULL;
  g_autofree char *layout_text = NULL;
  CustodyLabelLayout layout = CUSTODY_LABELS_A4;
  GOptionEntry entries[] = {
    { "range", 0, 0, G_OPTION_ARG_STRING, &range, N_("Every label from FIRST to LAST"),
      N_("FIRST-LAST") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The PDF file to write"), N_("FILE") },
    { "layout", 0, 0, G_OPTION_ARG_STRING, &layout_text,
      N_("a4 or letter (sheets of 30 labels), or label (one a page, for a label printer)"),
      N_("LAYOUT") },
    { NULL }
  };

  PARSE_OR_RETURN (entries);
  if (output == NULL)
    return ctl_usage (_("media labels needs --output FILE.pdf"));
  if (layout_text != NULL && !custody_label_layout_from_string (layout_text, &layout))
    return ctl_usage (_("--layout: '%s' is not one of a4, letter, label"), layout_text);
  if ((range == NULL) == (argc < 2))
    return ctl_usage (_("media labels takes volumes or --range FIRST-LAST, not both"));

  if (range != NULL)
    {
      g_autofree char *first = NULL, *last = NULL;

      if (!ctl_split_range (range, &first, &last))
        return ctl_usage (_("--range: '%s' is not FIRST-LAST"), range);
      volsers = custody_volser_range (first, last, CUSTODY_STORE_MAX_RANGE, &error);
      if (volsers == NULL)
        return ctl_usage ("--range: %s", error->message);
    }
  else
    {
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

      for (int i = 1; i < argc; i++)
        {
          g_autofree char *volser = custody_volser_normalize (argv[i], &error);

          if (volser == NULL)
            return ctl_fail (g_steal_pointer (&error));
          g_strv_builder_add (builder, volser);
        }
      volsers = g_strv_builder_end (builder);
    }

  /* Labels need no store: they are printed before the tapes are added. */
  labels = custody_labels_new ((const char * const *) volsers, layout, &error);
  if (labels == NULL)
    return ctl_fail (g_steal_pointer (&error));
  if (!custody_printable_write_pdf (CUSTODY_PRINTABLE (labels), output, ctx->db_path, &error))
    return ctl_usage ("%s", error->message);

  if (ctx->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "output");
      json_builder_add_string_value (b, output);
      json_builder_set_member_name (b, "labels");
      json_builder_add_int_value (b, g_strv_length (volsers));
      json_builder_set_member_name (b, "pages");
      json_builder_add_int_value (b, custody_printable_get_n_pages (CUSTODY_PRINTABLE (labels)));
      json_builder_end_object (b);
      ctl_print_json (json_builder_get_root (b));
    }
  else
    printf (g_dngettext (GETTEXT_PACKAGE, "Wrote %u label to %s.\n", "Wrote %u labels to %s.\n",
                         g_strv_length (volsers)), g_strv_length (volsers), output);

  return CTL_EXIT_OK;
}

/*
 * media handoff
 */

/* The hand-off sheet of one of today's lists. */
static CustodyHandoffSheet *
ctl_handoff_sheet_for (CustodyDesk      *desk,
                       CustodyDeskList   list,
                       const char       *courier,
                       const char       *container,
                       const char       *seal)
{
  CustodyHandoffSheet *sheet;

  sheet = custody_handoff_sheet_new (list == CUSTODY_DESK_RECALL
                                       ? _("Courier Hand-off: Recall from the Vault")
                                       : _("Courier Hand-off: Send Off Site"),
                                     desk->day);
  custody_handoff_sheet_set_courier (sheet, courier, container, seal);
  for (guint i = 0; i < desk->lists[list]->len; i++)
    {
      CustodyDeskItem *item = g_ptr_array_index (desk->lists[list], i);
      custody_handoff_sheet_add_volume (sheet, item->volser, item->type, item->pool, item->location,
                                        item->reason);
    }
  return sheet;
}

int
ctl_media_handoff (CtlContext  *ctx,
                   int          argc,
                   char       **argv)
{
  g_autoptr(CustodyHandoffSheet) sheet = NULL;
  g_autoptr(CustodyDesk) desk = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  g_autofree char *courier = NULL;
  g_autofree char *container = NULL;
  g_autofree char *seal = NULL;
  CustodyDeskList list;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The PDF file to write"), N_("FILE") },
    { "courier", 0, 0, G_OPTION_ARG_STRING, &courier, N_("Who carries them"), N_("NAME") },
    { "container", 0, 0, G_OPTION_ARG_STRING, &container, N_("The case they travel in"), N_("ID") },
    { "seal", 0, 0, G_OPTION_ARG_STRING, &seal, N_("The case's seal number"), N_("ID") },
    { NULL }
  };

  PARSE_OR_RETURN (entries);
  if (argc != 2 || (!g_str_equal (argv[1], "send-offsite") && !g_str_equal (argv[1], "recall")))
    return ctl_usage (_("media handoff takes one list: send-offsite or recall"));
  if (output == NULL)
    return ctl_usage (_("media handoff needs --output FILE.pdf"));
  list = g_str_equal (argv[1], "recall") ? CUSTODY_DESK_RECALL : CUSTODY_DESK_SEND_OFFSITE;
  if (!custody_output_check_target (output, ctx->db_path, &error))
    return ctl_fail (g_steal_pointer (&error));
  OPEN_OR_RETURN (FALSE);

  desk = custody_store_get_desk (ctx->store, &error);
  if (desk == NULL)
    return ctl_fail (g_steal_pointer (&error));

  sheet = ctl_handoff_sheet_for (desk, list, courier, container, seal);
  if (!custody_printable_write_pdf (CUSTODY_PRINTABLE (sheet), output, ctx->db_path, &error))
    return ctl_usage ("%s", error->message);

  if (ctx->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "output");
      json_builder_add_string_value (b, output);
      json_builder_set_member_name (b, "volumes");
      json_builder_add_int_value (b, desk->lists[list]->len);
      json_builder_end_object (b);
      ctl_print_json (json_builder_get_root (b));
    }
  else
    printf (g_dngettext (GETTEXT_PACKAGE, "Wrote the hand-off sheet of %u volume to %s.\n",
                         "Wrote the hand-off sheet of %u volumes to %s.\n", desk->lists[list]->len),
            desk->lists[list]->len, output);

  return CTL_EXIT_OK;
}

/*
 * media reconcile
 */

static GStrv
volsers_of_mtx (const char  *text,
                GError     **error)
{
  g_autoptr(CustodyMtxInventory) inv = custody_mtx_parse (text, -1, error);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (inv == NULL)
    return NULL;
  for (guint i = 0; i < inv->elements->len; i++)
    {
      CustodyMtxElement *e = &g_array_index (inv->elements, CustodyMtxElement, i);
      if (e->volser != NULL)
        g_strv_builder_add (builder, e->volser);
    }
  return g_strv_builder_end (builder);
}

int
ctl_media_reconcile (CtlContext  *ctx,
                     int          argc,
                     char       **argv)
{
  g_autoptr(CustodyReconciliation) r = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) scanned = NULL;
  g_autofree char *text = NULL;
  g_autofree char *location = NULL;
  g_autofree char *note = NULL;
  g_autofree char *certificate = NULL;
  gboolean mtx;
  GOptionEntry entries[] = {
    { "location", 0, 0, G_OPTION_ARG_STRING, &location, N_("Where the volumes were scanned"),
      N_("NAME") },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_("A note"), N_("TEXT") },
    { "certificate", 0, 0, G_OPTION_ARG_FILENAME, &certificate,
      N_("Also write the certificate to this PDF file"), N_("FILE") },
    { NULL }
  };

  PARSE_OR_RETURN (entries);
  if (argc != 2)
    return ctl_usage (_("media reconcile takes one file of volumes, one a line "
                        "(or - for standard input)"));
  if (location == NULL)
    return ctl_usage (_("media reconcile needs --location"));
  /* Refused before anything is recorded, not after. */
  if (certificate != NULL && !custody_output_check_target (certificate, ctx->db_path, &error))
    return ctl_fail (g_steal_pointer (&error));

  text = ctl_read_text (argv[1], &error);
  if (text == NULL)
    return ctl_usage ("%s", error->message);

  /* The output of mtx status is an inventory too. */
  mtx = custody_mtx_looks_like (text);
  scanned = mtx ? volsers_of_mtx (text, &error) : ctl_split_lines (text);
  if (scanned == NULL)
    return ctl_usage ("%s", error->message);

  OPEN_OR_RETURN (FALSE);
  r = custody_store_reconcile (ctx->store, location, (const char * const *) scanned, note,
                               mtx ? "mtx" : "scan", &error);
  if (r == NULL)
    return ctl_fail (g_steal_pointer (&error));

  if (certificate != NULL)
    {
      g_autoptr(CustodyReconciliationCertificate) pdf = custody_reconciliation_certificate_new (r);

      if (!custody_printable_write_pdf (CUSTODY_PRINTABLE (pdf), certificate, ctx->db_path, &error))
        {
          /* The reconciliation is saved: say where it is. */
          return ctl_error (CTL_EXIT_USAGE, "%s (%s %" G_GINT64_FORMAT ")", error->message,
                            _("the reconciliation is saved as number"), r->id);
        }
    }

  if (ctx->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_int_value (b, r->id);
      json_builder_set_member_name (b, "location");
      json_builder_add_string_value (b, r->location);
      custody_json_add_time (b, "at", r->at);
      ctl_add_strv (b, "present", (const char * const *) r->present);
      ctl_add_strv (b, "missing", (const char * const *) r->missing);
      ctl_add_strv (b, "surplus", (const char * const *) r->surplus);
      ctl_add_strv (b, "unknown", (const char * const *) r->unknown);
      ctl_add_strv (b, "duplicates", (const char * const *) r->duplicates);
      json_builder_end_object (b);
      ctl_print_json (json_builder_get_root (b));
    }
  else
    {
      g_autofree char *when = custody_time_format_text (r->at);

      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, r->id);

      printf (_("Reconciliation %s of %s at %s\n"), number, r->location, when);
      ctl_print_list (_("Present:"), (const char * const *) r->present);
      ctl_print_list (_("Missing:"), (const char * const *) r->missing);
      ctl_print_list (_("Surplus:"), (const char * const *) r->surplus);
      if (r->duplicates[0] != NULL)
        ctl_print_list (_("Scanned twice:"), (const char * const *) r->duplicates);
    }

  return CTL_EXIT_OK;
}

