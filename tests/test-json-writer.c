/* test-json-writer.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The writer custodyctl prints its JSON documents with.
 */
#include "config.h"

#include <json-glib/json-glib.h>

#include "custody-json.h"

/* The writer prints doubles as short as they read back: json-glib 1.6
 * alone writes 0.1 as 0.10000000000000001 and 1e20 as "1e+20.0". */
static void
test_writer_doubles (void)
{
  static const struct
  {
    double      value;
    const char *text;
  } cases[] = {
    { 0.1, "0.1" },
    { 0.25, "0.25" },
    { 1e-7, "1e-07" },
    { 1.0 / 3, "0.3333333333333333" },
    { 2.0 / 3, "0.6666666666666666" },
    { 0.1 + 0.2, "0.30000000000000004" },
    { 1.0, "1.0" },
    { -2.5, "-2.5" },
    { 1e20, "1e+20" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_VALUE);
      g_autofree char *text = NULL;

      json_node_set_double (node, cases[i].value);
      text = custody_json_to_string (node, FALSE);
      g_assert_cmpstr (text, ==, cases[i].text);
      g_assert_true (g_ascii_strtod (text, NULL) == cases[i].value);
    }
}

/* Everything else as json-glib writes it, integers as integers. */
static void
test_writer_layout (void)
{
  const char *in = "{\"n\": 3, \"big\": 9007199254740993, \"f\": 0.1, \"s\": "
                   "\"a\\\"\\u0001\u00e9\","
                   " \"l\": [true, null, []], \"o\": {}}";
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *compact = NULL;
  g_autofree char *pretty = NULL;

  json_parser_load_from_data (parser, in, -1, &error);
  g_assert_no_error (error);
  compact = custody_json_to_string (json_parser_get_root (parser), FALSE);
  g_assert_cmpstr (compact, ==,
                   "{\"n\":3,\"big\":9007199254740993,\"f\":0.1,\"s\":\"a\\\"\\u0001\u00e9\","
                   "\"l\":[true,null,[]],\"o\":{}}");
  pretty = custody_json_to_string (json_parser_get_root (parser), TRUE);
  g_assert_cmpstr (pretty, ==,
                   "{\n  \"n\" : 3,\n  \"big\" : 9007199254740993,\n  \"f\" : 0.1,\n"
                   "  \"s\" : \"a\\\"\\u0001\u00e9\",\n  \"l\" : [\n    true,\n    null,\n    []\n"
                   "  ],\n"
                   "  \"o\" : {}\n}");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/custody/json/writer-doubles", test_writer_doubles);
  g_test_add_func ("/custody/json/writer-layout", test_writer_layout);

  return g_test_run ();
}
