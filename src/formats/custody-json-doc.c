/* custody-json-doc.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custody-json"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "custody-json-doc.h"
#include "custody-time.h"

enum
{
  FLAG_TRUE    = 1 << 0,   /* booleans */
  FLAG_ESCAPED = 1 << 1,   /* strings with a backslash */
  FLAG_INTEGER = 1 << 2,   /* numbers without fraction or exponent */
};

/* 16 bytes: a snapshot list of 100,000 entries is about three million. */
typedef struct
{
  guint8  kind;
  guint8  flags;
  guint16 reserved;
  guint32 offset;   /* where the value starts; strings: after the quote */
  guint32 length;   /* strings, numbers: bytes; arrays: elements; objects: members */
  guint32 end;      /* the node after this value and everything inside it */
} Node;

struct _CustodyJsonDoc
{
  const char *data;
  gsize       length;
  Node       *nodes;   /* index 0 is "no value" */
  guint32     n_nodes;
  guint32     capacity;
  GArray     *roots;   /* CustodyJsonNode */
};

/* Keys seen in one object, compared directly while it is small. */
#define SMALL_OBJECT 16

typedef struct
{
  guint32     node;
  GHashTable *keys;   /* for a large object: char * -> NULL */
} Frame;

typedef struct
{
  CustodyJsonDoc *doc;
  const char     *p;
  const char     *end;
  Frame           stack[CUSTODY_JSON_MAX_DEPTH];
  guint           depth;
} Parser;

#define NODE(doc, i) (&(doc)->nodes[(i)])

/*
 * Positions
 */

/**
 * custody_text_position:
 * @offset: a byte offset into @data
 *
 * The line and column (both from 1, the column in characters) of a byte.
 */
void
custody_text_position (const char *data,
                       gsize       offset,
                       guint      *line,
                       guint      *column)
{
  const char *line_start = data;
  guint l = 1;

  for (gsize i = 0; i < offset; i++)
    if (data[i] == '\n')
      {
        l++;
        line_start = data + i + 1;
      }

  *line = l;
  /* Characters, not bytes: what an editor shows. Invalid UTF-8 counts
   * byte by byte. */
  *column = 1;
  for (const char *c = line_start; c < data + offset; c++)
    if (((guchar) *c & 0xC0) != 0x80)
      (*column)++;
}

static gboolean
fail_at (Parser      *parser,
         const char  *where,
         GError     **error,
         const char  *format,
         ...) G_GNUC_PRINTF (4, 5);

static gboolean
fail_at (Parser      *parser,
         const char  *where,
         GError     **error,
         const char  *format,
         ...)
{
  g_autofree char *message = NULL;
  guint line, column;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  custody_text_position (parser->doc->data, (gsize) (where - parser->doc->data), &line, &column);
  g_set_error (error, CUSTODY_PARSE_ERROR, CUSTODY_PARSE_ERROR_INVALID,
               _("line %u, column %u: %s"), line, column, message);
  return FALSE;
}

/* What was found where something else was expected. */
static char *
describe_here (Parser *parser)
{
  gunichar c;

  if (parser->p >= parser->end)
    return g_strdup (_("the end of the document"));

  c = g_utf8_get_char_validated (parser->p, parser->end - parser->p);
  if (c == (gunichar) -1 || c == (gunichar) -2 || c < 0x20 || c == 0x7F)
    return g_strdup_printf (_("byte 0x%02X"), (guchar) *parser->p);
  return g_strdup_printf ("'%.*s'", (int) (g_utf8_next_char (parser->p) - parser->p), parser->p);
}

static gboolean
fail_unexpected (Parser      *parser,
                 const char  *expected,
                 GError     **error)
{
  g_autofree char *found = NULL;

  if (parser->p >= parser->end && parser->depth > 0)
    {
      Node *open = NODE (parser->doc, parser->stack[parser->depth - 1].node);
      guint line, column;

      custody_text_position (parser->doc->data, open->offset, &line, &column);
      return fail_at (parser, parser->p, error,
                      open->kind == CUSTODY_JSON_OBJECT
                        ? _("the document ends early, inside the object that opens on line %u, "
                            "column %u")
                        : _("the document ends early, inside the array that opens on line %u, "
                            "column %u"),
                      line, column);
    }

  found = describe_here (parser);
  /* Translators: "expected a value, found 'x'" */
  return fail_at (parser, parser->p, error, _("expected %s, found %s"), expected, found);
}

/*
 * Parsing
 */

static void
skip_space (Parser *parser)
{
  while (parser->p < parser->end &&
         (*parser->p == ' ' || *parser->p == '\n' || *parser->p == '\r' || *parser->p == '\t'))
    parser->p++;
}

static guint32
add_node (Parser          *parser,
          CustodyJsonKind  kind,
          const char      *start)
{
  CustodyJsonDoc *doc = parser->doc;
  Node *node;

  if (G_UNLIKELY (doc->n_nodes == doc->capacity))
    {
      doc->capacity = doc->capacity * 2;
      doc->nodes = g_renew (Node, doc->nodes, doc->capacity);
    }

  node = &doc->nodes[doc->n_nodes];
  node->kind = kind;
  node->flags = 0;
  node->reserved = 0;
  node->offset = (guint32) (start - doc->data);
  node->length = 0;
  node->end = 0;

  return doc->n_nodes++;
}

static int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* The code unit of a \u escape (four hex digits) at @p, the backslash; or -1. */
static int
read_u_escape (const char *p,
               const char *end)
{
  int value = 0;

  if (end - p < 6 || p[1] != 'u')
    return -1;
  for (int i = 2; i < 6; i++)
    {
      int h = hex_value (p[i]);

      if (h < 0)
        return -1;
      value = value * 16 + h;
    }
  return value;
}

static gboolean
parse_string (Parser   *parser,
              guint32  *out,
              GError  **error)
{
  const char *start = ++parser->p;
  const char *p = start;
  guint8 flags = 0;
  guint32 index;

  for (;;)
    {
      while (p < parser->end && *p != '"' && *p != '\\' && (guchar) *p >= 0x20)
        p++;

      if (p >= parser->end)
        {
          parser->p = start - 1;
          return fail_at (parser, start - 1, error,
                          _("the document ends early, inside the string that starts here"));
        }
      if (*p == '"')
        break;
      if (*p != '\\')
        return fail_at (parser, p, error, _("a control character (0x%02X) inside a string"),
                        (guchar) *p);

      flags |= FLAG_ESCAPED;
      if (p + 1 >= parser->end)
        {
          p++;        /* reported as the end above */
          continue;
        }
      switch (p[1])
        {
        case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
          p += 2;
          break;
        case 'u':
          {
            int unit = read_u_escape (p, parser->end);

            if (unit < 0)
              return fail_at (parser, p, error, _("\\u needs four hexadecimal digits"));
            if (unit >= 0xDC00 && unit <= 0xDFFF)
              return fail_at (parser, p, error, _("a lone low surrogate (\\u%04X)"), (guint) unit);
            if (unit >= 0xD800 && unit <= 0xDBFF)
              {
                int low = read_u_escape (p + 6, parser->end);

                if (p + 6 >= parser->end || p[6] != '\\' || low < 0xDC00 || low > 0xDFFF)
                  return fail_at (parser, p, error,
                                  _("a high surrogate (\\u%04X) without its low half"),
                                  (guint) unit);
                p += 6;
              }
            p += 6;
          }
          break;
        default:
          return fail_at (parser, p, error, _("'\\%c' is not a JSON escape"),
                          g_ascii_isprint (p[1]) ? p[1] : '?');
        }
    }

  index = add_node (parser, CUSTODY_JSON_STRING, start);
  NODE (parser->doc, index)->length = (guint32) (p - start);
  NODE (parser->doc, index)->flags = flags;
  NODE (parser->doc, index)->end = index + 1;
  parser->p = p + 1;
  *out = index;
  return TRUE;
}

static gboolean
parse_number (Parser   *parser,
              GError  **error)
{
  const char *start = parser->p;
  const char *p = start;
  guint8 flags = FLAG_INTEGER;
  guint32 index;

  if (*p == '-')
    p++;
  if (p < parser->end && *p == '0')
    {
      p++;
      if (p < parser->end && g_ascii_isdigit (*p))
        return fail_at (parser, start, error, _("a number cannot start with 0"));
    }
  else if (p < parser->end && g_ascii_isdigit (*p))
    {
      while (p < parser->end && g_ascii_isdigit (*p))
        p++;
    }
  else
    {
      parser->p = p;
      return fail_unexpected (parser, _("a digit"), error);
    }

  if (p < parser->end && *p == '.')
    {
      flags = 0;
      p++;
      if (p >= parser->end || !g_ascii_isdigit (*p))
        {
          parser->p = p;
          return fail_unexpected (parser, _("a digit after the decimal point"), error);
        }
      while (p < parser->end && g_ascii_isdigit (*p))
        p++;
    }
  if (p < parser->end && (*p == 'e' || *p == 'E'))
    {
      flags = 0;
      p++;
      if (p < parser->end && (*p == '+' || *p == '-'))
        p++;
      if (p >= parser->end || !g_ascii_isdigit (*p))
        {
          parser->p = p;
          return fail_unexpected (parser, _("a digit in the exponent"), error);
        }
      while (p < parser->end && g_ascii_isdigit (*p))
        p++;
    }

  index = add_node (parser, CUSTODY_JSON_NUMBER, start);
  NODE (parser->doc, index)->length = (guint32) (p - start);
  NODE (parser->doc, index)->flags = flags;
  NODE (parser->doc, index)->end = index + 1;
  parser->p = p;
  return TRUE;
}

static gboolean
parse_literal (Parser      *parser,
               GError     **error)
{
  static const struct { const char *word; CustodyJsonKind kind; guint8 flags; } literals[] = {
    { "true", CUSTODY_JSON_BOOLEAN, FLAG_TRUE },
    { "false", CUSTODY_JSON_BOOLEAN, 0 },
    { "null", CUSTODY_JSON_NULL, 0 },
  };
  gsize left = parser->end - parser->p;

  for (guint i = 0; i < G_N_ELEMENTS (literals); i++)
    {
      gsize n = strlen (literals[i].word);
      guint32 index;

      if (left < n || memcmp (parser->p, literals[i].word, n) != 0 ||
          (left > n && g_ascii_isalnum (parser->p[n])))
        continue;
      index = add_node (parser, literals[i].kind, parser->p);
      NODE (parser->doc, index)->flags = literals[i].flags;
      NODE (parser->doc, index)->end = index + 1;
      parser->p += n;
      return TRUE;
    }

  return fail_unexpected (parser, _("a value"), error);
}

static gboolean
same_key (CustodyJsonDoc *doc,
          guint32         a,
          guint32         b)
{
  Node *na = NODE (doc, a), *nb = NODE (doc, b);

  return na->length == nb->length &&
         memcmp (doc->data + na->offset, doc->data + nb->offset, na->length) == 0;
}

/* Adds the key just read to its object, refusing one seen before. */
static gboolean
check_key (Parser   *parser,
           guint32   key,
           GError  **error)
{
  CustodyJsonDoc *doc = parser->doc;
  Frame *frame = &parser->stack[parser->depth - 1];
  Node *object = NODE (doc, frame->node);
  Node *k = NODE (doc, key);
  gboolean seen = FALSE;

  if (frame->keys == NULL && object->length < SMALL_OBJECT)
    {
      guint32 other = frame->node + 1;

      for (guint i = 0; i < object->length && !seen; i++)
        {
          seen = same_key (doc, other, key);
          other = NODE (doc, other + 1)->end;
        }
    }
  else
    {
      if (frame->keys == NULL)
        {
          guint32 other = frame->node + 1;

          frame->keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
          for (guint i = 0; i < object->length; i++)
            {
              Node *o = NODE (doc, other);

              g_hash_table_add (frame->keys, g_strndup (doc->data + o->offset, o->length));
              other = NODE (doc, other + 1)->end;
            }
        }
      seen = !g_hash_table_add (frame->keys, g_strndup (doc->data + k->offset, k->length));
    }

  if (seen)
    {
      g_autofree char *name = g_strndup (doc->data + k->offset, MIN (k->length, 64));
      return fail_at (parser, doc->data + k->offset - 1, error,
                      _("the key \"%s\" appears twice in this object"), name);
    }

  object->length++;
  return TRUE;
}

static void
close_frame (Parser *parser)
{
  Frame *frame = &parser->stack[--parser->depth];

  NODE (parser->doc, frame->node)->end = parser->doc->n_nodes;
  g_clear_pointer (&frame->keys, g_hash_table_unref);
}

/* One complete value at the parser's position, with everything inside. */
static gboolean
parse_value (Parser  *parser,
             GError **error)
{
  gboolean need_value = TRUE;

  for (;;)
    {
      if (need_value)
        {
          char c;

          skip_space (parser);
          if (parser->p >= parser->end)
            return fail_unexpected (parser, _("a value"), error);

          c = *parser->p;
          if (c == '{' || c == '[')
            {
              guint32 index;

              if (parser->depth == CUSTODY_JSON_MAX_DEPTH)
                return fail_at (parser, parser->p, error,
                                _("nested deeper than %d levels"), CUSTODY_JSON_MAX_DEPTH);
              if (parser->depth > 0 &&
                  NODE (parser->doc,
                        parser->stack[parser->depth - 1].node)->kind == CUSTODY_JSON_ARRAY)
                NODE (parser->doc, parser->stack[parser->depth - 1].node)->length++;
              index = add_node (parser, c == '{' ? CUSTODY_JSON_OBJECT : CUSTODY_JSON_ARRAY,
                                parser->p);
              parser->stack[parser->depth].node = index;
              parser->stack[parser->depth].keys = NULL;
              parser->depth++;
              parser->p++;
              skip_space (parser);

              if (c == '[')
                {
                  if (parser->p < parser->end && *parser->p == ']')
                    {
                      parser->p++;
                      close_frame (parser);
                      need_value = FALSE;
                    }
                  /* else: the first element */
                  continue;
                }

              if (parser->p < parser->end && *parser->p == '}')
                {
                  parser->p++;
                  close_frame (parser);
                  need_value = FALSE;
                  continue;
                }
              goto member;
            }

          if (parser->depth > 0 &&
              NODE (parser->doc, parser->stack[parser->depth - 1].node)->kind == CUSTODY_JSON_ARRAY)
            NODE (parser->doc, parser->stack[parser->depth - 1].node)->length++;

          if (c == '"')
            {
              guint32 ignored;

              if (!parse_string (parser, &ignored, error))
                return FALSE;
            }
          else if (c == '-' || g_ascii_isdigit (c))
            {
              if (!parse_number (parser, error))
                return FALSE;
            }
          else if (!parse_literal (parser, error))
            return FALSE;
          need_value = FALSE;
        }

      /* After a value: the end of the document, or what its container
       * allows next. */
      if (parser->depth == 0)
        return TRUE;

      skip_space (parser);
      if (NODE (parser->doc, parser->stack[parser->depth - 1].node)->kind == CUSTODY_JSON_ARRAY)
        {
          if (parser->p < parser->end && *parser->p == ',')
            {
              parser->p++;
              need_value = TRUE;
            }
          else if (parser->p < parser->end && *parser->p == ']')
            {
              parser->p++;
              close_frame (parser);
            }
          else
            return fail_unexpected (parser, _("',' or ']'"), error);
          continue;
        }

      if (parser->p < parser->end && *parser->p == '}')
        {
          parser->p++;
          close_frame (parser);
          continue;
        }
      if (parser->p >= parser->end || *parser->p != ',')
        return fail_unexpected (parser, _("',' or '}'"), error);
      parser->p++;
      skip_space (parser);

member:
      {
        guint32 key;

        if (parser->p >= parser->end || *parser->p != '"')
          return fail_unexpected (parser, _("a key in double quotes"), error);
        if (!parse_string (parser, &key, error) || !check_key (parser, key, error))
          return FALSE;
        skip_space (parser);
        if (parser->p >= parser->end || *parser->p != ':')
          return fail_unexpected (parser, _("':'"), error);
        parser->p++;
        need_value = TRUE;
      }
    }
}

/**
 * custody_json_doc_parse:
 * @data: the input, which the document borrows
 *
 * Reads a JSON document, or with %CUSTODY_JSON_PARSE_MANY every value of a
 * stream of them. Errors (%CUSTODY_PARSE_ERROR) start with the line and
 * column of the first thing wrong.
 *
 * Returns: (transfer full) (nullable): the document
 */
CustodyJsonDoc *
custody_json_doc_parse (const char             *data,
                        gsize                   length,
                        CustodyJsonParseFlags   flags,
                        GError                **error)
{
  g_autoptr(CustodyJsonDoc) doc = g_new0 (CustodyJsonDoc, 1);
  const char *invalid = NULL;
  Parser parser = { 0, };
  Node none = { 0, };

  doc->data = data;
  doc->length = length;
  /* Reserved, not touched: pages count only once nodes fill them. Tool
   * output runs to about one node per 12 bytes. */
  doc->capacity = (guint32) MAX (16, length / 8);
  doc->nodes = g_new (Node, doc->capacity);
  doc->roots = g_array_new (FALSE, FALSE, sizeof (CustodyJsonNode));
  doc->nodes[0] = none;
  doc->n_nodes = 1;

  parser.doc = doc;
  parser.p = data;
  parser.end = data + length;

  if (length >= G_MAXUINT32)
    {
      g_set_error (error, CUSTODY_PARSE_ERROR, CUSTODY_PARSE_ERROR_INVALID,
                   _("the document is larger than 4 GB"));
      return NULL;
    }
  if (!g_utf8_validate (data, (gssize) length, &invalid))
    {
      fail_at (&parser, invalid, error, "%s",
               *invalid == '\0' ? _("a NUL byte") : _("the text is not valid UTF-8"));
      return NULL;
    }

  /* A byte order mark is not JSON, but editors on some systems add one. */
  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    parser.p += 3;

  skip_space (&parser);
  if (parser.p >= parser.end)
    {
      g_set_error (error, CUSTODY_PARSE_ERROR, CUSTODY_PARSE_ERROR_INVALID,
                   _("the document is empty"));
      return NULL;
    }

  while (parser.p < parser.end)
    {
      CustodyJsonNode root = doc->n_nodes;
      gboolean ok = parse_value (&parser, error);

      while (parser.depth > 0)
        close_frame (&parser);
      if (!ok)
        return NULL;

      g_array_append_val (doc->roots, root);
      skip_space (&parser);
      if (parser.p < parser.end && !(flags & CUSTODY_JSON_PARSE_MANY))
        {
          fail_at (&parser, parser.p, error, "%s", _("more data after the end of the document"));
          return NULL;
        }
    }

  return g_steal_pointer (&doc);
}

void
custody_json_doc_free (CustodyJsonDoc *self)
{
  if (self == NULL)
    return;

  g_free (self->nodes);
  g_array_unref (self->roots);
  g_free (self);
}

/*
 * Reading
 */

guint
custody_json_doc_get_n_roots (CustodyJsonDoc *self)
{
  return self->roots->len;
}

CustodyJsonNode
custody_json_doc_get_root (CustodyJsonDoc *self,
                           guint           index)
{
  g_return_val_if_fail (index < self->roots->len, 0);

  return g_array_index (self->roots, CustodyJsonNode, index);
}

CustodyJsonKind
custody_json_doc_kind (CustodyJsonDoc  *self,
                       CustodyJsonNode  node)
{
  g_return_val_if_fail (node > 0 && node < self->n_nodes, CUSTODY_JSON_NULL);

  return NODE (self, node)->kind;
}

/* For messages: "a string", "a number"... */
const char *
custody_json_doc_kind_name (CustodyJsonDoc  *self,
                            CustodyJsonNode  node)
{
  switch ((CustodyJsonKind) custody_json_doc_kind (self, node))
    {
    case CUSTODY_JSON_NULL:
      return _("null");
    case CUSTODY_JSON_BOOLEAN:
      return _("true or false");
    case CUSTODY_JSON_NUMBER:
      return _("a number");
    case CUSTODY_JSON_STRING:
      return _("a string");
    case CUSTODY_JSON_ARRAY:
      return _("an array");
    case CUSTODY_JSON_OBJECT:
      return _("an object");
    default:
      g_assert_not_reached ();
    }
}

guint
custody_json_doc_get_length (CustodyJsonDoc  *self,
                             CustodyJsonNode  node)
{
  CustodyJsonKind kind = custody_json_doc_kind (self, node);

  if (kind != CUSTODY_JSON_ARRAY && kind != CUSTODY_JSON_OBJECT)
    return 0;
  return NODE (self, node)->length;
}

CustodyJsonNode
custody_json_doc_first (CustodyJsonDoc  *self,
                        CustodyJsonNode  node)
{
  return custody_json_doc_get_length (self, node) > 0 ? node + 1 : 0;
}

CustodyJsonNode
custody_json_doc_next (CustodyJsonDoc  *self,
                       CustodyJsonNode  element)
{
  return NODE (self, element)->end;
}

CustodyJsonNode
custody_json_doc_next_member (CustodyJsonDoc  *self,
                              CustodyJsonNode  key)
{
  return NODE (self, key + 1)->end;
}

CustodyJsonNode
custody_json_doc_member_value (CustodyJsonDoc  *self,
                               CustodyJsonNode  key)
{
  return key + 1;
}

static CustodyJsonNode
find_member (CustodyJsonDoc  *self,
             CustodyJsonNode  object,
             const char      *name,
             gboolean         nocase)
{
  gsize len = strlen (name);
  CustodyJsonNode key;
  guint n;

  if (object == 0 || NODE (self, object)->kind != CUSTODY_JSON_OBJECT)
    return 0;

  n = NODE (self, object)->length;
  key = object + 1;
  for (guint i = 0; i < n; i++)
    {
      Node *k = NODE (self, key);

      if (k->length == len &&
          (nocase ? g_ascii_strncasecmp (self->data + k->offset, name, len) == 0
                  : memcmp (self->data + k->offset, name, len) == 0))
        return key + 1;
      key = NODE (self, key + 1)->end;
    }

  return 0;
}

CustodyJsonNode
custody_json_doc_member (CustodyJsonDoc  *self,
                         CustodyJsonNode  object,
                         const char      *name)
{
  return find_member (self, object, name, FALSE);
}

CustodyJsonNode
custody_json_doc_member_nocase (CustodyJsonDoc  *self,
                                CustodyJsonNode  object,
                                const char      *name)
{
  return find_member (self, object, name, TRUE);
}

static void
append_utf8 (GString  *out,
             gunichar  c)
{
  char buf[6];
  int n = g_unichar_to_utf8 (c, buf);

  g_string_append_len (out, buf, n);
}

char *
custody_json_doc_dup_string (CustodyJsonDoc  *self,
                             CustodyJsonNode  node)
{
  Node *n;
  const char *p, *end;
  GString *out;

  g_return_val_if_fail (custody_json_doc_kind (self, node) == CUSTODY_JSON_STRING, NULL);

  n = NODE (self, node);
  p = self->data + n->offset;
  end = p + n->length;
  if (!(n->flags & FLAG_ESCAPED))
    return g_strndup (p, n->length);

  /* The parser checked every escape. */
  out = g_string_sized_new (n->length);
  while (p < end)
    {
      if (*p != '\\')
        {
          g_string_append_c (out, *p++);
          continue;
        }
      switch (p[1])
        {
        case 'b': g_string_append_c (out, '\b'); break;
        case 'f': g_string_append_c (out, '\f'); break;
        case 'n': g_string_append_c (out, '\n'); break;
        case 'r': g_string_append_c (out, '\r'); break;
        case 't': g_string_append_c (out, '\t'); break;
        case 'u':
          {
            gunichar c = (gunichar) read_u_escape (p, end);

            if (c >= 0xD800 && c <= 0xDBFF)
              {
                c = 0x10000 + ((c - 0xD800) << 10) +
                    ((gunichar) read_u_escape (p + 6, end) - 0xDC00);
                p += 6;
              }
            /* A NUL would cut the C string short: keep it visible. */
            append_utf8 (out, c == 0 ? 0xFFFD : c);
            p += 6;
            continue;
          }
        default:
          g_string_append_c (out, p[1]);
          break;
        }
      p += 2;
    }

  return g_string_free (out, FALSE);
}

gboolean
custody_json_doc_get_boolean (CustodyJsonDoc  *self,
                              CustodyJsonNode  node)
{
  return custody_json_doc_kind (self, node) == CUSTODY_JSON_BOOLEAN &&
         (NODE (self, node)->flags & FLAG_TRUE);
}

gboolean
custody_json_doc_get_int (CustodyJsonDoc  *self,
                          CustodyJsonNode  node,
                          gint64          *out)
{
  Node *n;
  const char *p, *end;
  gboolean negative;
  guint64 value = 0;

  if (custody_json_doc_kind (self, node) != CUSTODY_JSON_NUMBER)
    return FALSE;
  n = NODE (self, node);
  if (!(n->flags & FLAG_INTEGER))
    return FALSE;

  p = self->data + n->offset;
  end = p + n->length;
  negative = *p == '-';
  if (negative)
    p++;
  for (; p < end; p++)
    {
      guint digit = (guint) (*p - '0');

      if (value > (G_MAXUINT64 - digit) / 10)
        return FALSE;
      value = value * 10 + digit;
    }

  if (negative)
    {
      if (value > (guint64) G_MAXINT64 + 1)
        return FALSE;
      *out = value == (guint64) G_MAXINT64 + 1 ? G_MININT64 : -(gint64) value;
    }
  else
    {
      if (value > G_MAXINT64)
        return FALSE;
      *out = (gint64) value;
    }
  return TRUE;
}

gboolean
custody_json_doc_get_double (CustodyJsonDoc  *self,
                             CustodyJsonNode  node,
                             double          *out)
{
  char buf[64];
  Node *n;
  double value;
  char *endptr;

  if (custody_json_doc_kind (self, node) != CUSTODY_JSON_NUMBER)
    return FALSE;
  n = NODE (self, node);
  if (n->length >= sizeof buf)
    return FALSE;
  memcpy (buf, self->data + n->offset, n->length);
  buf[n->length] = '\0';

  errno = 0;
  value = g_ascii_strtod (buf, &endptr);
  if (errno == ERANGE || *endptr != '\0')
    return FALSE;
  *out = value;
  return TRUE;
}

/* The value as written, cut to @max_length bytes with "…" for messages. */
char *
custody_json_doc_dup_text (CustodyJsonDoc  *self,
                           CustodyJsonNode  node,
                           gsize            max_length)
{
  Node *n = NODE (self, node);
  gsize start = n->offset - (n->kind == CUSTODY_JSON_STRING ? 1 : 0);
  gsize len;
  const char *cut;

  if (n->kind == CUSTODY_JSON_STRING)
    len = n->length + 2;
  else if (n->kind == CUSTODY_JSON_NUMBER)
    len = n->length;
  else if (n->kind == CUSTODY_JSON_ARRAY || n->kind == CUSTODY_JSON_OBJECT)
    return g_strdup (n->kind == CUSTODY_JSON_ARRAY ? "[…]" : "{…}");
  else
    len = n->kind == CUSTODY_JSON_NULL ? 4 : (n->flags & FLAG_TRUE) ? 4 : 5;

  if (len <= max_length)
    return g_strndup (self->data + start, len);

  cut = g_utf8_find_prev_char (self->data + start, self->data + start + max_length);
  if (cut == NULL)
    cut = self->data + start;
  return g_strdup_printf ("%.*s…", (int) (cut - (self->data + start)), self->data + start);
}

gsize
custody_json_doc_get_offset (CustodyJsonDoc  *self,
                             CustodyJsonNode  node)
{
  Node *n = NODE (self, node);

  return n->offset - (n->kind == CUSTODY_JSON_STRING ? 1 : 0);
}

void
custody_json_doc_get_position (CustodyJsonDoc  *self,
                               CustodyJsonNode  node,
                               guint           *line,
                               guint           *column)
{
  custody_text_position (self->data, custody_json_doc_get_offset (self, node), line, column);
}
