/* fuzz-json-doc.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The strict JSON reader the importers share: any input parses or is
 * refused, and every value of what parses can be walked and read.
 */
#include "config.h"

#include "custody-json-doc.h"
#include "fuzz-common.h"

static void
walk (CustodyJsonDoc  *doc,
      CustodyJsonNode  root)
{
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (CustodyJsonNode));

  g_array_append_val (stack, root);
  while (stack->len > 0)
    {
      CustodyJsonNode node = g_array_index (stack, CustodyJsonNode, stack->len - 1);
      g_autofree char *text = NULL;
      gint64 i;
      double d;
      guint line, column;

      g_array_set_size (stack, stack->len - 1);
      custody_json_doc_get_position (doc, node, &line, &column);
      text = custody_json_doc_dup_text (doc, node, 64);
      (void) custody_json_doc_kind_name (doc, node);

      switch (custody_json_doc_kind (doc, node))
        {
        case CUSTODY_JSON_STRING:
          g_free (custody_json_doc_dup_string (doc, node));
          break;
        case CUSTODY_JSON_NUMBER:
          custody_json_doc_get_int (doc, node, &i);
          custody_json_doc_get_double (doc, node, &d);
          break;
        case CUSTODY_JSON_BOOLEAN:
          custody_json_doc_get_boolean (doc, node);
          break;
        case CUSTODY_JSON_ARRAY:
          {
            CustodyJsonNode child = custody_json_doc_first (doc, node);

            for (guint n = custody_json_doc_get_length (doc, node); n > 0; n--)
              {
                g_array_append_val (stack, child);
                child = custody_json_doc_next (doc, child);
              }
          }
          break;
        case CUSTODY_JSON_OBJECT:
          {
            CustodyJsonNode key = custody_json_doc_first (doc, node);

            for (guint n = custody_json_doc_get_length (doc, node); n > 0; n--)
              {
                CustodyJsonNode value = custody_json_doc_member_value (doc, key);
                g_autofree char *name = custody_json_doc_dup_string (doc, key);

                custody_json_doc_member_nocase (doc, node, name);
                g_array_append_val (stack, value);
                key = custody_json_doc_next_member (doc, key);
              }
            custody_json_doc_member (doc, node, "id");
          }
          break;
        case CUSTODY_JSON_NULL:
        default:
          break;
        }
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(CustodyJsonDoc) doc = NULL;
  g_autoptr(GError) error = NULL;
  CustodyJsonParseFlags flags;

  if (size < 1)
    return 0;
  flags = data[0] & 1 ? CUSTODY_JSON_PARSE_MANY : CUSTODY_JSON_PARSE_DEFAULT;
  doc = custody_json_doc_parse ((const char *) data + 1, size - 1, flags, &error);
  if (doc == NULL)
    return 0;
  for (guint r = 0; r < custody_json_doc_get_n_roots (doc); r++)
    walk (doc, custody_json_doc_get_root (doc, r));
  return 0;
}
