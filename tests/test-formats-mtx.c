/* test-formats-mtx.c: the output of `mtx status` read without a store
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Real outputs (tests/fixtures/mtx), read whole and with their length as
 * the import reads them; and what is not mtx status, or no longer is
 * (cut short, a NUL byte, bytes that are not UTF-8): a clear error that
 * names the line, never a crash nor a partial inventory.
 */
#include "config.h"

#include <string.h>

#include "custody-formats-test-utils.h"
#include "custody-mtx.h"
#include "custody-time.h"

static CustodyMtxInventory *
parse_fixture (const char *name)
{
  gsize length;
  g_autofree char *text = custody_test_fixture ("mtx", name, &length);
  g_autoptr(CustodyMtxInventory) inv = NULL;
  g_autoptr(CustodyMtxInventory) whole = NULL;
  g_autoptr(GError) error = NULL;

  inv = custody_mtx_parse (text, (gssize) length, &error);
  g_assert_no_error (error);
  g_assert_nonnull (inv);
  g_assert_true (custody_mtx_looks_like (text));

  /* The same, read up to its NUL. */
  whole = custody_mtx_parse (text, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (whole->elements->len, ==, inv->elements->len);
  return g_steal_pointer (&inv);
}

static CustodyMtxElement *
element (CustodyMtxInventory   *inv,
         CustodyMtxElementKind  kind,
         guint                  number)
{
  for (guint i = 0; i < inv->elements->len; i++)
    {
      CustodyMtxElement *e = &g_array_index (inv->elements, CustodyMtxElement, i);
      if (e->kind == kind && e->number == number)
        return e;
    }
  g_assert_not_reached ();
  return NULL;
}

static guint
count_tagged (CustodyMtxInventory *inv)
{
  guint n = 0;

  for (guint i = 0; i < inv->elements->len; i++)
    n += g_array_index (inv->elements, CustodyMtxElement, i).volser != NULL ? 1 : 0;
  return n;
}

static void
test_real_outputs (void)
{
  g_autoptr(CustodyMtxInventory) impexp = parse_fixture ("mtx-status-impexp.txt");
  g_autoptr(CustodyMtxInventory) loaded = parse_fixture ("mtx-status-loaded1.txt");
  g_autoptr(CustodyMtxInventory) both = parse_fixture ("mtx-status-loadedboth.txt");
  g_autoptr(CustodyMtxInventory) real = parse_fixture ("mtx-status-real-7slot-lto5.txt");
  CustodyMtxElement *e;

  /* A changer with import/export slots, all four full. */
  g_assert_cmpstr (impexp->changer, ==, "/dev/sg0");
  g_assert_cmpint (impexp->drives, ==, 2);
  g_assert_cmpint (impexp->slots, ==, 24);
  g_assert_cmpint (impexp->import_export, ==, 4);
  g_assert_cmpint (impexp->elements->len, ==, 26);
  g_assert_cmpint (count_tagged (impexp), ==, 12);
  e = element (impexp, CUSTODY_MTX_IMPORT_EXPORT, 21);
  g_assert_true (e->full);
  g_assert_cmpstr (e->volser, ==, "000021L8");     /* the padding trimmed */
  e = element (impexp, CUSTODY_MTX_SLOT, 9);       /* an empty slot */
  g_assert_false (e->full);
  g_assert_null (e->volser);
  g_assert_false (element (impexp, CUSTODY_MTX_DRIVE, 1)->full);

  /* A drive loaded from slot 2, which is empty now. */
  e = element (loaded, CUSTODY_MTX_DRIVE, 0);
  g_assert_true (e->full);
  g_assert_cmpstr (e->volser, ==, "000002L8");
  g_assert_cmpint (e->home_slot, ==, 2);
  g_assert_false (element (loaded, CUSTODY_MTX_SLOT, 2)->full);
  g_assert_cmpint (count_tagged (loaded), ==, 8);

  g_assert_cmpint (element (both, CUSTODY_MTX_DRIVE, 1)->home_slot, ==, 4);
  g_assert_cmpstr (element (both, CUSTODY_MTX_DRIVE, 1)->volser, ==, "000004L8");

  /* A real autoloader, followed by the output of mtx inquiry. */
  g_assert_cmpint (real->drives, ==, 1);
  g_assert_cmpint (real->slots, ==, 7);
  g_assert_cmpint (real->import_export, ==, 0);
  g_assert_cmpint (real->elements->len, ==, 8);
  g_assert_cmpstr (element (real, CUSTODY_MTX_SLOT, 1)->volser, ==, "000711L4");
  g_assert_cmpstr (element (real, CUSTODY_MTX_SLOT, 7)->volser, ==, "000218L5");
  g_assert_cmpint (element (real, CUSTODY_MTX_SLOT, 7)->line, ==, 9);
}

/* Every element of a real output in order, as the desk names them. */
static void
test_describe (void)
{
  g_autoptr(CustodyMtxInventory) loaded = parse_fixture ("mtx-status-loaded1.txt");
  static const struct
  {
    guint       index;
    const char *description;
    guint       line;
  } cases[] = {
    { 0, "drive 0 (from slot 2)", 2 },
    { 1, "drive 1", 3 },
    { 2, "slot 1", 4 },
    { 21, "slot 20", 23 },
    { 22, "import/export slot 21", 24 },
    { 25, "import/export slot 24", 27 },
  };

  g_assert_cmpuint (loaded->elements->len, ==, 26);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const CustodyMtxElement *e = &g_array_index (loaded->elements, CustodyMtxElement,
                                                   cases[i].index);
      g_autofree char *description = custody_mtx_describe (e);

      g_assert_cmpstr (description, ==, cases[i].description);
      g_assert_cmpuint (e->line, ==, cases[i].line);
    }
}

static void
test_untagged_and_unknown_source (void)
{
  g_autoptr(CustodyMtxInventory) inv = NULL;
  g_autoptr(GError) error = NULL;
  const char *text =
    "  Storage Changer /dev/sg3:1 Drives, 3 Slots ( 0 Import/Export )\n"
    "Data Transfer Element 0:Full (Unknown Storage Element Loaded):VolumeTag = CLN001CU    \n"
    "      Storage Element 1:Full \n"
    "      Storage Element 2:Full :VolumeTag=ABC123L7  :AlternateVolumeTag=X\n"
    "      Storage Element 3:Empty\n";

  inv = custody_mtx_parse (text, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (element (inv, CUSTODY_MTX_DRIVE, 0)->volser, ==, "CLN001CU");
  g_assert_cmpint (element (inv, CUSTODY_MTX_DRIVE, 0)->home_slot, ==, 0);
  /* A cartridge without a label: full, no tag. */
  g_assert_true (element (inv, CUSTODY_MTX_SLOT, 1)->full);
  g_assert_null (element (inv, CUSTODY_MTX_SLOT, 1)->volser);
  g_assert_cmpstr (element (inv, CUSTODY_MTX_SLOT, 2)->volser, ==, "ABC123L7");
}

static void
test_refuses_what_is_not_mtx (void)
{
  struct
  {
    const char *text;
    const char *message;
  } cases[] = {
    { "hello\n", "not the output of mtx status" },
    { "      Storage Element 1:Full :VolumeTag=A\n", "line 1" },
    { "  Storage Changer /dev/sg0:1 Drives, 2 Slots ( 0 Import/Export )\n"
      "      Storage Element 1:Full :VolumeTag=A00001L9\n"
      "      Storage Element x:Full :VolumeTag=A00002L9\n", "line 3" },
    { "  Storage Changer /dev/sg0:1 Drives, 2 Slots ( 0 Import/Export )\n"
      "Data Transfer Element 0:Loaded\n", "line 2" },
    { "  Storage Changer /dev/sg0:1 Drives, 2 Slots ( 0 Import/Export )\n"
      "      Storage Element 1:Full :VolumeTag=A0?001L9\n", "line 2" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(CustodyMtxInventory) inv = NULL;
      g_autoptr(GError) error = NULL;

      inv = custody_mtx_parse (cases[i].text, -1, &error);
      g_assert_null (inv);
      g_assert_error (error, CUSTODY_PARSE_ERROR, CUSTODY_PARSE_ERROR_INVALID);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, cases[i].message));
    }
}

/* @text (@length bytes), case @i of a table, is refused saying @message. */
static void
assert_refused (const char *text,
                gsize       length,
                guint       i,
                const char *message)
{
  g_autoptr(CustodyMtxInventory) inv = NULL;
  g_autoptr(GError) error = NULL;

  inv = custody_mtx_parse (text, length, &error);
  g_assert_null (inv);
  custody_test_assert_invalid (error, i, message);
}

/* How far into @text the first @what ends. */
static gsize
end_of (const char *text,
        const char *what)
{
  const char *at = strstr (text, what);

  g_assert_nonnull (at);
  return at + strlen (what) - text;
}

/* A real output cut short inside a line, as a full disk or a killed
 * pipe leaves it: the line it ends in is named. */
static void
test_truncated (void)
{
  gsize length;
  g_autofree char *text = custody_test_fixture ("mtx", "mtx-status-loaded1.txt", &length);
  static const struct
  {
    const char *cut_after;
    const char *message;
  } cases[] = {
    { "  Storage Changer /dev/sg0:2 Dr",
      "line 1: 'Storage Changer /dev/sg0:2 Dr' is not what mtx status prints" },
    { "Data Transfer Element 0:Full (Storage Ele",
      "line 2: 'Data Transfer Element 0:Full (Storage Ele' is not what mtx status prints" },
    { "Data Transfer Element 1:Emp",
      "line 3: 'Data Transfer Element 1:Emp' is not what mtx status prints" },
    { "      Storage Element 3:Fu",
      "line 6: 'Storage Element 3:Fu' is not what mtx status prints" },
    { "      Storage Element 4:Full :Volume",
      "line 7: the volume tag is not readable" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    assert_refused (text, end_of (text, cases[i].cut_after), i, cases[i].message);
}

/* A NUL byte, or bytes that are not UTF-8, anywhere in what is given:
 * not text, whatever comes before them. */
static void
test_not_text (void)
{
  gsize length;
  g_autofree char *text = custody_test_fixture ("mtx", "mtx-status-impexp.txt", &length);
  static const struct
  {
    const char *after;
    const char *bytes;
    gsize       n_bytes;
  } cases[] = {
    { "Data Transfer Element 1:Empty\n", "\0", 1 },
    { "Storage Element 24 IMPORT/EXPORT:Full :VolumeTag=000024L8", "\0", 1 },
    { "Data Transfer Element 0:", "\xff\xfe", 2 },
    { "Storage Element 5:Full :VolumeTag=0000", "\xc3\x28", 2 },
    { "Storage Element 20:Empty\n", "\xe2\x82", 2 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gsize head = end_of (text, cases[i].after);
      g_autoptr(GByteArray) bytes = g_byte_array_new ();

      g_byte_array_append (bytes, (const guint8 *) text, head);
      g_byte_array_append (bytes, (const guint8 *) cases[i].bytes, cases[i].n_bytes);
      g_byte_array_append (bytes, (const guint8 *) text + head, length - head);
      assert_refused ((const char *) bytes->data, bytes->len, i,
                      "this is not text: not the output of mtx status");
    }
}

/* What an empty file, or one of blanks, says. */
static void
test_empty (void)
{
  const char *texts[] = { "", "\n", "   \n\t\n" };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_assert_false (custody_mtx_looks_like (texts[i]));
      assert_refused (texts[i], strlen (texts[i]), i,
                      "no \"Storage Changer\" line: not the output of mtx status");
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/custody/formats/mtx/real-outputs", test_real_outputs);
  g_test_add_func ("/custody/formats/mtx/describe", test_describe);
  g_test_add_func ("/custody/formats/mtx/untagged-and-unknown-source",
                   test_untagged_and_unknown_source);
  g_test_add_func ("/custody/formats/mtx/refuses-what-is-not-mtx", test_refuses_what_is_not_mtx);
  g_test_add_func ("/custody/formats/mtx/truncated", test_truncated);
  g_test_add_func ("/custody/formats/mtx/not-text", test_not_text);
  g_test_add_func ("/custody/formats/mtx/empty", test_empty);

  return g_test_run ();
}
