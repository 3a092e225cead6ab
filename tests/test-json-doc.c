/* test-json-doc.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The strict JSON reader the importers parse tool output with: what it
 * accepts, what it refuses and where it says the problem is.
 */
#include "config.h"

#include <string.h>

#include "custody-json-doc.h"
#include "custody-time.h"

typedef struct
{
  const char *input;
  const char *message;   /* NULL: accepted */
} Case;

static void
test_syntax_table (void)
{
  static const Case cases[] = {
    { "[]", NULL },
    { " {\"a\": [1, -2.5e3, \"x\", true, false, null, {}]} \n", NULL },
    { "\"\\u00e9\\ud83d\\ude00\"", NULL },
    { "", "the document is empty" },
    { "  \n ", "the document is empty" },
    { "[1, 2",
      "line 1, column 6: the document ends early, inside the array that opens on line 1, "
      "column 1" },
    { "{\n  \"a\": [\n    {\"b\": 1}",
      "line 3, column 13: the document ends early, inside the array that opens on line 2, "
      "column 8" },
    { "{\"a\": \"abc",
      "line 1, column 7: the document ends early, inside the string that starts here" },
    { "[1,]", "line 1, column 4: expected a value, found ']'" },
    { "[1 2]", "line 1, column 4: expected ',' or ']', found '2'" },
    { "{\"a\" 1}", "line 1, column 6: expected ':', found '1'" },
    { "{a: 1}", "line 1, column 2: expected a key in double quotes, found 'a'" },
    { "[01]", "line 1, column 2: a number cannot start with 0" },
    { "[1.]", "line 1, column 4: expected a digit after the decimal point, found ']'" },
    { "[NaN]", "line 1, column 2: expected a value, found 'N'" },
    { "[tru]", "line 1, column 2: expected a value, found 't'" },
    { "[1] [2]", "line 1, column 5: more data after the end of the document" },
    { "{\"id\": 1, \"id\": 2}", "line 1, column 11: the key \"id\" appears twice in this object" },
    { "[\"a\nb\"]", "line 1, column 4: a control character (0x0A) inside a string" },
    { "[\"\\x\"]", "line 1, column 3: '\\x' is not a JSON escape" },
    { "[\"\\ud800\"]", "line 1, column 3: a high surrogate (\\uD800) without its low half" },
    { "[\"\\udc00\"]", "line 1, column 3: a lone low surrogate (\\uDC00)" },
    { "[\"\xff\"]", "line 1, column 3: the text is not valid UTF-8" },
    { "[\"é\", x]", "line 1, column 7: expected a value, found 'x'" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CustodyJsonDoc) doc = NULL;

      doc = custody_json_doc_parse (cases[i].input, strlen (cases[i].input), 0, &error);
      if (cases[i].message == NULL)
        {
          g_assert_no_error (error);
          g_assert_nonnull (doc);
        }
      else
        {
          g_assert_null (doc);
          g_assert_error (error, CUSTODY_PARSE_ERROR, CUSTODY_PARSE_ERROR_INVALID);
          g_assert_cmpstr (error->message, ==, cases[i].message);
        }
    }
}

/* A string cut after its backslash: found by fuzz-json-doc, where the
 * reader once looked at that backslash forever. */
static void
test_backslash_at_end (void)
{
  const char input[] = "[\"abc\\";
  g_autoptr(GError) error = NULL;
  g_autoptr(CustodyJsonDoc) doc = custody_json_doc_parse (input, strlen (input), 0, &error);

  g_assert_null (doc);
  g_assert_error (error, CUSTODY_PARSE_ERROR, CUSTODY_PARSE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "line 1, column 2: the document ends early, inside the string that starts here");
}

static void
test_nul_byte (void)
{
  g_autoptr(GError) error = NULL;
  CustodyJsonDoc *doc = custody_json_doc_parse ("[1,\0 2]", 7, 0, &error);

  g_assert_null (doc);
  g_assert_error (error, CUSTODY_PARSE_ERROR, CUSTODY_PARSE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "line 1, column 4: a NUL byte");
}

static void
test_depth (void)
{
  g_autoptr(GString) deep = g_string_new (NULL);
  g_autoptr(GString) ok = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CustodyJsonDoc) doc = NULL;

  for (guint i = 0; i < CUSTODY_JSON_MAX_DEPTH; i++)
    g_string_append_c (ok, '[');
  for (guint i = 0; i < CUSTODY_JSON_MAX_DEPTH; i++)
    g_string_append_c (ok, ']');
  doc = custody_json_doc_parse (ok->str, ok->len, 0, &error);
  g_assert_no_error (error);
  g_clear_pointer (&doc, custody_json_doc_free);

  /* A million brackets: refused at the 65th, without recursing. */
  for (guint i = 0; i < 1000000; i++)
    g_string_append_c (deep, '[');
  doc = custody_json_doc_parse (deep->str, deep->len, 0, &error);
  g_assert_null (doc);
  g_assert_error (error, CUSTODY_PARSE_ERROR, CUSTODY_PARSE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "line 1, column 65: nested deeper than 64 levels");
}

static void
test_numbers (void)
{
  const char *text = "[0, -1, 9223372036854775807, -9223372036854775808, 9223372036854775808,"
                     " 99999999999999999999, 1.5, 1e3, 1e400]";
  g_autoptr(GError) error = NULL;
  g_autoptr(CustodyJsonDoc) doc = custody_json_doc_parse (text, strlen (text), 0, &error);
  CustodyJsonNode root, n;
  gint64 v;
  double d;

  g_assert_no_error (error);
  root = custody_json_doc_get_root (doc, 0);
  g_assert_cmpuint (custody_json_doc_get_length (doc, root), ==, 9);

  n = custody_json_doc_first (doc, root);
  g_assert_true (custody_json_doc_get_int (doc, n, &v));
  g_assert_cmpint (v, ==, 0);
  n = custody_json_doc_next (doc, n);
  g_assert_true (custody_json_doc_get_int (doc, n, &v));
  g_assert_cmpint (v, ==, -1);
  n = custody_json_doc_next (doc, n);
  g_assert_true (custody_json_doc_get_int (doc, n, &v));
  g_assert_cmpint (v, ==, G_MAXINT64);
  n = custody_json_doc_next (doc, n);
  g_assert_true (custody_json_doc_get_int (doc, n, &v));
  g_assert_cmpint (v, ==, G_MININT64);
  /* Too large for 64 bits: refused, never wrapped. */
  n = custody_json_doc_next (doc, n);
  g_assert_false (custody_json_doc_get_int (doc, n, &v));
  n = custody_json_doc_next (doc, n);
  g_assert_false (custody_json_doc_get_int (doc, n, &v));
  {
    g_autofree char *written = custody_json_doc_dup_text (doc, n, 64);
    g_assert_cmpstr (written, ==, "99999999999999999999");
  }
  /* Not whole numbers. */
  n = custody_json_doc_next (doc, n);
  g_assert_false (custody_json_doc_get_int (doc, n, &v));
  g_assert_true (custody_json_doc_get_double (doc, n, &d));
  g_assert_cmpfloat (d, ==, 1.5);
  n = custody_json_doc_next (doc, n);
  g_assert_false (custody_json_doc_get_int (doc, n, &v));
  n = custody_json_doc_next (doc, n);
  g_assert_false (custody_json_doc_get_double (doc, n, &d));
}

static void
test_members_and_positions (void)
{
  const char *text = "{\n  \"name\": \"caf\\u00e9\",\n  \"list\": [1, {\"x\": null}],\n"
                     "  \"Type\": \"B\",\n  \"ok\": true\n}";
  g_autoptr(GError) error = NULL;
  g_autoptr(CustodyJsonDoc) doc = custody_json_doc_parse (text, strlen (text), 0, &error);
  g_autofree char *name = NULL;
  CustodyJsonNode root, list, key, second;
  guint line, column, count = 0;

  g_assert_no_error (error);
  root = custody_json_doc_get_root (doc, 0);
  g_assert_cmpint (custody_json_doc_kind (doc, root), ==, CUSTODY_JSON_OBJECT);
  g_assert_cmpuint (custody_json_doc_get_length (doc, root), ==, 4);

  name = custody_json_doc_dup_string (doc, custody_json_doc_member (doc, root, "name"));
  g_assert_cmpstr (name, ==, "café");

  list = custody_json_doc_member (doc, root, "list");
  g_assert_cmpint (custody_json_doc_kind (doc, list), ==, CUSTODY_JSON_ARRAY);
  second = custody_json_doc_next (doc, custody_json_doc_first (doc, list));
  g_assert_cmpint (custody_json_doc_kind (doc, custody_json_doc_member (doc, second, "x")), ==,
                   CUSTODY_JSON_NULL);
  custody_json_doc_get_position (doc, second, &line, &column);
  g_assert_cmpuint (line, ==, 3);
  g_assert_cmpuint (column, ==, 15);

  g_assert_cmpuint (custody_json_doc_member (doc, root, "type"), ==, 0);
  g_assert_cmpuint (custody_json_doc_member_nocase (doc, root, "type"), !=, 0);
  g_assert_true (custody_json_doc_get_boolean (doc, custody_json_doc_member (doc, root, "ok")));

  /* Walking the members in order. */
  key = custody_json_doc_first (doc, root);
  for (guint i = 0; i < custody_json_doc_get_length (doc, root); i++)
    {
      count++;
      key = custody_json_doc_next_member (doc, key);
    }
  g_assert_cmpuint (count, ==, 4);
}

static void
test_many_values (void)
{
  const char *text = "{\"a\": 1}\n{\"a\": 2}\n\n[3]\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(CustodyJsonDoc) doc = custody_json_doc_parse (text, strlen (text),
                                                          CUSTODY_JSON_PARSE_MANY, &error);
  guint line, column;

  g_assert_no_error (error);
  g_assert_cmpuint (custody_json_doc_get_n_roots (doc), ==, 3);
  custody_json_doc_get_position (doc, custody_json_doc_get_root (doc, 2), &line, &column);
  g_assert_cmpuint (line, ==, 4);
  g_assert_cmpuint (column, ==, 1);
}

static void
test_large_object_duplicate (void)
{
  g_autoptr(GString) text = g_string_new ("{");
  g_autoptr(GError) error = NULL;
  CustodyJsonDoc *doc;

  for (guint i = 0; i < 1000; i++)
    g_string_append_printf (text, "\"k%u\": %u, ", i, i);
  g_string_append (text, "\"k500\": 0}");

  doc = custody_json_doc_parse (text->str, text->len, 0, &error);
  g_assert_null (doc);
  g_assert_error (error, CUSTODY_PARSE_ERROR, CUSTODY_PARSE_ERROR_INVALID);
  g_assert_true (strstr (error->message, "the key \"k500\" appears twice") != NULL);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/custody/json-doc/syntax", test_syntax_table);
  g_test_add_func ("/custody/json-doc/backslash-at-end", test_backslash_at_end);
  g_test_add_func ("/custody/json-doc/nul-byte", test_nul_byte);
  g_test_add_func ("/custody/json-doc/depth", test_depth);
  g_test_add_func ("/custody/json-doc/numbers", test_numbers);
  g_test_add_func ("/custody/json-doc/members-and-positions", test_members_and_positions);
  g_test_add_func ("/custody/json-doc/many-values", test_many_values);
  g_test_add_func ("/custody/json-doc/large-object-duplicate", test_large_object_duplicate);

  return g_test_run ();
}
