/* custody-json-doc.h
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A strict, read-only JSON document for the importers: RFC 8259 exactly
 * (no trailing data, no leading zeros, no duplicate keys, valid UTF-8 and
 * escapes), a nesting limit, and every value's position in the input, so
 * that an error can name the line and column of what is wrong.
 *
 * Why not json-glib here: json-glib 1.6 wraps integers that overflow
 * (99999999999999999999 reads as -1), ignores what follows the first
 * value, keeps the last of duplicate keys and parses about 20 MB/s; a
 * restic repository's snapshot list is tens of MB. Nothing here recurses,
 * so deep nesting cannot exhaust the stack.
 *
 * Values are numbered nodes; 0 is "no value". The document borrows the
 * input, which must outlive it. */
typedef struct _CustodyJsonDoc CustodyJsonDoc;
typedef guint32 CustodyJsonNode;

typedef enum
{
  CUSTODY_JSON_NULL,
  CUSTODY_JSON_BOOLEAN,
  CUSTODY_JSON_NUMBER,
  CUSTODY_JSON_STRING,
  CUSTODY_JSON_ARRAY,
  CUSTODY_JSON_OBJECT,
} CustodyJsonKind;

typedef enum
{
  CUSTODY_JSON_PARSE_DEFAULT = 0,
  /* Several values one after the other, separated by white space: JSON
   * lines, or what bconsole prints for several commands. */
  CUSTODY_JSON_PARSE_MANY    = 1 << 0,
} CustodyJsonParseFlags;

#define CUSTODY_JSON_MAX_DEPTH 64

CustodyJsonDoc  *custody_json_doc_parse          (const char             *data,
                                                  gsize                   length,
                                                  CustodyJsonParseFlags   flags,
                                                  GError                **error);
void             custody_json_doc_free           (CustodyJsonDoc         *self);

guint            custody_json_doc_get_n_roots    (CustodyJsonDoc         *self);
CustodyJsonNode  custody_json_doc_get_root       (CustodyJsonDoc         *self,
                                                  guint                   index);

CustodyJsonKind  custody_json_doc_kind           (CustodyJsonDoc         *self,
                                                  CustodyJsonNode         node);
const char      *custody_json_doc_kind_name      (CustodyJsonDoc         *self,
                                                  CustodyJsonNode         node);
/* Arrays: elements; objects: members. */
guint            custody_json_doc_get_length     (CustodyJsonDoc         *self,
                                                  CustodyJsonNode         node);
CustodyJsonNode  custody_json_doc_first          (CustodyJsonDoc         *self,
                                                  CustodyJsonNode         node);
/* Walk get_length () of them from first (): the next element of an
 * array, or the next member of an object (a member is its key's node). */
CustodyJsonNode  custody_json_doc_next           (CustodyJsonDoc         *self,
                                                  CustodyJsonNode         element);
CustodyJsonNode  custody_json_doc_next_member    (CustodyJsonDoc         *self,
                                                  CustodyJsonNode         key);
CustodyJsonNode  custody_json_doc_member_value   (CustodyJsonDoc         *self,
                                                  CustodyJsonNode         key);
/* An object's member by name (case-sensitive), or 0. */
CustodyJsonNode  custody_json_doc_member         (CustodyJsonDoc         *self,
                                                  CustodyJsonNode         object,
                                                  const char             *name);
/* The same, ignoring ASCII case: Bareos' own examples mix "Type" and "type". */
CustodyJsonNode  custody_json_doc_member_nocase  (CustodyJsonDoc         *self,
                                                  CustodyJsonNode         object,
                                                  const char             *name);

char            *custody_json_doc_dup_string     (CustodyJsonDoc         *self,
                                                  CustodyJsonNode         node);
gboolean         custody_json_doc_get_boolean    (CustodyJsonDoc         *self,
                                                  CustodyJsonNode         node);
/* A number without fraction or exponent that fits in 64 bits. */
gboolean         custody_json_doc_get_int        (CustodyJsonDoc         *self,
                                                  CustodyJsonNode         node,
                                                  gint64                 *out);
gboolean         custody_json_doc_get_double     (CustodyJsonDoc         *self,
                                                  CustodyJsonNode         node,
                                                  double                 *out);
/* A number's or any value's text as written. */
char            *custody_json_doc_dup_text       (CustodyJsonDoc         *self,
                                                  CustodyJsonNode         node,
                                                  gsize                   max_length);

gsize            custody_json_doc_get_offset     (CustodyJsonDoc         *self,
                                                  CustodyJsonNode         node);
void             custody_json_doc_get_position   (CustodyJsonDoc         *self,
                                                  CustodyJsonNode         node,
                                                  guint                  *line,
                                                  guint                  *column);

void             custody_text_position           (const char             *data,
                                                  gsize                   offset,
                                                  guint                  *line,
                                                  guint                  *column);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CustodyJsonDoc, custody_json_doc_free)

G_END_DECLS
