/* test-formats-bareos.c: Bareos' outputs read without a store
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "custody-bareos.h"
#include "custody-formats-test-utils.h"
#include "custody-time.h"

/* Reads @data as volume listings; NULL and *error on failure. */
static GArray *
read_volumes (const char  *data,
              gsize        length,
              GError     **error)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  CustodyToolText text = { data, length, utc, FALSE, NULL };
  g_autoptr(GArray) volumes = custody_bareos_volumes_new ();

  if (!custody_bareos_read_volumes (&text, volumes, error))
    return NULL;
  return g_steal_pointer (&volumes);
}

/* The text tables of api mode 0: the same volume listed twice in one
 * session (list, update, list) is read as listed last. */
static void
test_volumes_text (void)
{
  gsize length;
  g_autofree char *data = custody_test_fixture ("import", "bareos-list-volumes-docs.txt", &length);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) volumes = NULL;
  const CustodyBareosVolume *v;

  volumes = read_volumes (data, length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (volumes->len, ==, 1);
  v = &g_array_index (volumes, CustodyBareosVolume, 0);
  g_assert_cmpstr (v->volser, ==, "FULL-0001");
  g_assert_cmpstr (v->pool, ==, "Full");
  g_assert_cmpstr (v->type, ==, "File");
  g_assert_cmpstr (v->volstatus, ==, "Append");
  g_assert_cmpint (v->status, ==, CUSTODY_MEDIUM_IN_USE);
  g_assert_cmpstr (v->storage, ==, "File");
  g_assert_cmpint (v->bytes, ==, 38600329);
  g_assert_cmpint (v->retention_s, ==, 31536000);
  custody_test_assert_time (v->last_written, "2016-07-28T14:00:47Z");
  g_assert_cmpint (v->retention_until, ==, v->last_written + 31536000);
  g_assert_cmpint (v->in_changer, ==, 0);
  g_assert_cmpint (v->slot, ==, 0);
  g_assert_cmpuint (v->line, >, 0);
  g_assert_cmpuint (v->listing, ==, 3);   /* after "*list", "*update", "*list" */
}

static void
test_volumes_json (void)
{
  const char *data =
    "{\"jsonrpc\": \"2.0\", \"id\": null, \"result\": {\"volumes\": {\"Tape\": [\n"
    "  {\"volumename\": \"a00001l8\", \"mediatype\": \"LTO-8\", \"volstatus\": \"Full\","
    " \"volbytes\": \"12000000000\", \"volretention\": \"86400\", \"inchanger\": \"1\","
    " \"slot\": \"4\", \"lastwritten\": \"2026-11-20 02:00:00\", \"storage\": \"Autochanger\"},\n"
    "  {\"volumename\": \"A00002L8\", \"mediatype\": \"LTO-8\", \"volstatus\": \"Append\","
    " \"inchanger\": \"0\"}]}}}\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) volumes = NULL;
  const CustodyBareosVolume *v;

  volumes = read_volumes (data, strlen (data), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (volumes->len, ==, 2);

  v = &g_array_index (volumes, CustodyBareosVolume, 0);
  g_assert_cmpstr (v->volser, ==, "A00001L8");
  g_assert_cmpstr (v->pool, ==, "Tape");
  g_assert_cmpint (v->status, ==, CUSTODY_MEDIUM_FULL);
  g_assert_cmpint (v->bytes, ==, 12000000000);
  g_assert_cmpint (v->in_changer, ==, 1);
  g_assert_cmpint (v->slot, ==, 4);
  g_assert_cmpstr (v->storage, ==, "Autochanger");
  custody_test_assert_time (v->retention_until, "2026-11-21T02:00:00Z");
  g_assert_cmpuint (v->line, ==, 0);

  /* Labelled, never written: scratch, kept for no time. */
  v = &g_array_index (volumes, CustodyBareosVolume, 1);
  g_assert_cmpint (v->status, ==, CUSTODY_MEDIUM_SCRATCH);
  g_assert_cmpint (v->last_written, ==, CUSTODY_TIME_NONE);
  g_assert_cmpint (v->retention_until, ==, CUSTODY_TIME_NONE);
  g_assert_cmpint (v->bytes, ==, -1);
  g_assert_null (v->storage);
}

static void
test_volumes_errors (void)
{
  static const struct
  {
    const char *fixture;
    const char *text;
    const char *message;
  } cases[] = {
    { "bareos-list-volumes-issue2694.txt", NULL,
      "line 10: this row has 9 of the table's 14 columns: the listing is cut short or damaged" },
    { "bareos-media-vault-joblog.txt", NULL,
      "no table of volumes here: give bconsole's 'list volumes' (JSON mode, or the text table "
      "with a VolumeName column)" },
    { "bareos-api2-error.json", NULL,
      "line 1, column 1: bconsole answered with an error: ON or OFF keyword missing." },
    { NULL, "{\"result\": {\"volumes\": [\n  {\"volumename\": \"A1\", \"mediatype\": \"LTO\","
      " \"volstatus\": \"Lost\"}]}}",
      "line 2, column 3: volume A1: volstatus 'Lost' is not a Bareos volume status (Append, Full, "
      "Used, Archive, Read-Only, Busy, Recycle, Purged, Error, Disabled, Cleaning)" },
    { NULL, "{\"result\": {\"volumes\": [\n  {\"volumename\": \"A1\", \"mediatype\": \"LTO\","
      " \"volstatus\": \"Full\"},\n  {\"volumename\": \"a1\", \"mediatype\": \"LTO\","
      " \"volstatus\": \"Full\"}]}}",
      "line 3, column 3: volume A1 appears twice in one listing" },
    { NULL, "{\"result\": {\"volumes\": [{\"volumename\": \"A1\", \"mediatype\": \"LTO\",\n"
      " \"volstatus\": \"Full\", \"inchanger\": \"2\"}]}}",
      "line 2, column 36: volume 1: inchanger should be 0 or 1" },
    { NULL, "{\"result\": {\"volumes\": 3}}",
      "line 1, column 24: \"volumes\" should be an array or an object of pools, not a number" },
    { NULL, "{\"result\": {}}",
      "line 1, column 1: no volumes here: give bconsole's 'list volumes' or 'llist media'" },
    { NULL, "[1]",
      "line 1, column 1: this is not what bconsole prints in JSON mode (.api 2): expected an "
      "object, found an array" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gsize length = 0;
      g_autofree char *data = cases[i].fixture != NULL
                              ? custody_test_fixture ("import", cases[i].fixture, &length)
                              : g_strdup (cases[i].text);
      g_autoptr(GError) error = NULL;
      g_autoptr(GArray) volumes = NULL;

      if (cases[i].fixture == NULL)
        length = strlen (data);
      volumes = read_volumes (data, length, &error);
      g_assert_null (volumes);
      custody_test_assert_invalid (error, i, cases[i].message);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/custody/formats/bareos/volumes-text", test_volumes_text);
  g_test_add_func ("/custody/formats/bareos/volumes-json", test_volumes_json);
  g_test_add_func ("/custody/formats/bareos/volumes-errors", test_volumes_errors);

  return g_test_run ();
}
