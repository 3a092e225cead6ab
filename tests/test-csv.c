/* test-csv.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The RFC 4180 reader behind the CSV imports, and the quoting of the CSV
 * exports. Each input is read twice: in one piece, and one byte per read,
 * as a slow pipe hands it over, so that no record depends on where the
 * reads happen to end.
 */
#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "custody-csv.h"
#include "custody-input.h"
#include "custody-text.h"
#include "custody-time.h"

/*
 * A stream that hands over one byte per read
 */

#define CSV_TYPE_TRICKLE_STREAM (csv_trickle_stream_get_type ())
G_DECLARE_FINAL_TYPE (CsvTrickleStream, csv_trickle_stream, CSV, TRICKLE_STREAM, GInputStream)

struct _CsvTrickleStream
{
  GInputStream  parent_instance;

  GBytes       *bytes;
  gsize         pos;
};

G_DEFINE_FINAL_TYPE (CsvTrickleStream, csv_trickle_stream, G_TYPE_INPUT_STREAM)

static gssize
csv_trickle_stream_read (GInputStream  *stream,
                          void          *buffer,
                          gsize          count,
                          GCancellable  *cancellable,
                          GError       **error)
{
  CsvTrickleStream *self = CSV_TRICKLE_STREAM (stream);
  gsize size;
  const guint8 *data = g_bytes_get_data (self->bytes, &size);

  if (self->pos >= size || count == 0)
    return 0;

  ((guint8 *) buffer)[0] = data[self->pos++];
  return 1;
}

static void
csv_trickle_stream_finalize (GObject *object)
{
  CsvTrickleStream *self = CSV_TRICKLE_STREAM (object);

  g_clear_pointer (&self->bytes, g_bytes_unref);

  G_OBJECT_CLASS (csv_trickle_stream_parent_class)->finalize (object);
}

static void
csv_trickle_stream_class_init (CsvTrickleStreamClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = csv_trickle_stream_finalize;
  G_INPUT_STREAM_CLASS (klass)->read_fn = csv_trickle_stream_read;
}

static void
csv_trickle_stream_init (CsvTrickleStream *self)
{
}

static GInputStream *
trickle_stream_new (const char *data,
                    gsize       len)
{
  CsvTrickleStream *self = g_object_new (CSV_TYPE_TRICKLE_STREAM, NULL);

  self->bytes = g_bytes_new (data, len);
  return G_INPUT_STREAM (self);
}

/*
 * Helpers
 */

/* Reads all of @data, and describes each record as "LINE:[f1|f2|...]",
 * one per line; an error ends the description with "error: MESSAGE". */
static char *
describe_with (GInputStream *input)
{
  g_autoptr(CustodyCsvReader) reader = custody_csv_reader_new (input);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  while (custody_csv_reader_next (reader, NULL, &error))
    {
      g_string_append_printf (out, "%u:[", custody_csv_reader_get_line (reader));
      for (guint i = 0; i < custody_csv_reader_get_n_fields (reader); i++)
        g_string_append_printf (out, "%s%s", i > 0 ? "|" : "",
                                custody_csv_reader_get_field (reader, i));
      g_string_append (out, "]\n");
    }
  if (error != NULL)
    {
      g_assert_true (g_error_matches (error, CUSTODY_PARSE_ERROR, CUSTODY_PARSE_ERROR_INVALID));
      g_string_append_printf (out, "error: %s\n", error->message);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Both ways of reading must agree; returns the description. */
static char *
describe_len (const char *data,
              gsize       len)
{
  g_autoptr(GInputStream) whole = g_memory_input_stream_new_from_data (data, (gssize) len, NULL);
  g_autoptr(GInputStream) trickle = trickle_stream_new (data, len);
  g_autofree char *at_once = describe_with (whole);
  char *byte_by_byte = describe_with (trickle);

  g_assert_cmpstr (byte_by_byte, ==, at_once);
  return byte_by_byte;
}

static char *
describe (const char *data)
{
  return describe_len (data, strlen (data));
}

static void
assert_reads_as (const char *data,
                 const char *expected)
{
  g_autofree char *got = describe (data);

  g_assert_cmpstr (got, ==, expected);
}

/*
 * Tests
 */

static void
test_plain_records (void)
{
  assert_reads_as ("job,copy\npayroll,nas\nmail,tape\n",
                   "1:[job|copy]\n2:[payroll|nas]\n3:[mail|tape]\n");
}

static void
test_quoted_field_with_comma_newline_and_escaped_quote (void)
{
  assert_reads_as ("a,\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\nnext,1,2,3\n",
                   "1:[a|x, y|say \"hi\"|two\nlines]\n3:[next|1|2|3]\n");
}

static void
test_empty_fields_and_quoted_empty_field (void)
{
  assert_reads_as ("a,,\"\",b,\n,\n",
                   "1:[a|||b|]\n" "2:[|]\n");
  /* A line holding only "" is a record with one empty field, not a blank line. */
  assert_reads_as ("h\n\"\"\nz\n", "1:[h]\n2:[]\n3:[z]\n");
}

static void
test_line_endings_crlf_lf_cr (void)
{
  assert_reads_as ("a,b\r\nc,d\r\n", "1:[a|b]\n2:[c|d]\n");
  assert_reads_as ("a,b\nc,d\n", "1:[a|b]\n2:[c|d]\n");
  assert_reads_as ("a,b\rc,d\r", "1:[a|b]\n2:[c|d]\n");
  /* Mixed in one file, as files passed between systems are. */
  assert_reads_as ("a\r\nb\nc\rd", "1:[a]\n2:[b]\n3:[c]\n4:[d]\n");
  /* Inside quotes, every kind of line break is kept as it is. */
  assert_reads_as ("\"1\r\n2\",\"3\r4\",\"5\n6\"\nnext\n", "1:[1\r\n2|3\r4|5\n6]\n5:[next]\n");
}

static void
test_last_record_without_line_break (void)
{
  assert_reads_as ("a,b\nc,d", "1:[a|b]\n2:[c|d]\n");
  assert_reads_as ("a,\"b\"", "1:[a|b]\n");
}

static void
test_bom_is_skipped (void)
{
  assert_reads_as ("\xEF\xBB\xBFjob,copy\r\nx,y\r\n", "1:[job|copy]\n2:[x|y]\n");
  /* Only at the very start: later it is text like any other. */
  assert_reads_as ("a\n\xEF\xBB\xBF" "b\n", "1:[a]\n2:[\xEF\xBB\xBF" "b]\n");
  /* A BOM and nothing else is an empty file. */
  assert_reads_as ("\xEF\xBB\xBF", "");
}

static void
test_character_that_starts_like_a_bom_is_kept (void)
{
  /* U+FEC0 is EF BB 80: it shares two bytes with the BOM but is text. */
  assert_reads_as ("\xEF\xBB\x80x,y\n", "1:[\xEF\xBB\x80x|y]\n");
}

static void
test_blank_lines_are_skipped (void)
{
  assert_reads_as ("\n\r\na,b\n\n\nc,d\r\n\r\n\n", "3:[a|b]\n6:[c|d]\n");
  assert_reads_as ("", "");
  assert_reads_as ("\n\n", "");
}

static void
test_records_spanning_lines_keep_line_numbers (void)
{
  /* The record on line 2 spans three lines (one of them a CRLF inside
   * quotes); the next record starts on line 5, and an error there says so. */
  assert_reads_as ("h1,h2\n\"one\ntwo\r\nthree\",x\nbad\"quote,y\n",
                   "1:[h1|h2]\n2:[one\ntwo\r\nthree|x]\n"
                   "error: line 5: a quote inside an unquoted field\n");
  assert_reads_as ("a\n\"b\rc\"\nd\n", "1:[a]\n2:[b\rc]\n4:[d]\n");
}

static void
test_unterminated_quote_names_the_line (void)
{
  assert_reads_as ("job,message\npayroll,ok\nmail,\"never closed\nmore text\n",
                   "1:[job|message]\n2:[payroll|ok]\n"
                   "error: line 3: a quoted field is not closed\n");
}

static void
test_text_after_closing_quote_is_an_error (void)
{
  assert_reads_as ("h\n\"abc\"def\n", "1:[h]\nerror: line 2: text after a closing quote\n");
  assert_reads_as ("\"abc\" ,x\n", "error: line 1: text after a closing quote\n");
  assert_reads_as ("\"a\"\"\n", "error: line 1: a quoted field is not closed\n");
}

static void
test_quote_inside_unquoted_field_is_an_error (void)
{
  assert_reads_as ("h\nab\"c\n", "1:[h]\nerror: line 2: a quote inside an unquoted field\n");
}

static void
test_invalid_utf8_is_an_error (void)
{
  static const char nul_inside[] = "a,b\nc,d\0e\n";

  assert_reads_as ("a,b\nc,\xC3\x28\n", "1:[a|b]\nerror: line 2: the text is not valid UTF-8\n");
  assert_reads_as ("h\n\"quoted \xFF\"\n", "1:[h]\nerror: line 2: the text is not valid UTF-8\n");
  /* Latin-1 as spreadsheets on Windows write it: "café". */
  assert_reads_as ("caf\xE9\n", "error: line 1: the text is not valid UTF-8\n");

  {
    g_autofree char *got = describe_len (nul_inside, sizeof nul_inside - 1);
    g_assert_cmpstr (got, ==, "1:[a|b]\nerror: line 2: the text is not valid UTF-8\n");
  }

  /* Valid UTF-8 of every length passes. */
  assert_reads_as ("é,€,𝄞\n", "1:[é|€|𝄞]\n");
}

static void
test_too_many_fields_is_an_error (void)
{
  g_autoptr(GString) ok = g_string_new (NULL);
  g_autoptr(GString) too_many = NULL;
  g_autofree char *got = NULL;

  for (guint i = 0; i < 256; i++)
    g_string_append (ok, i > 0 ? ",x" : "x");
  too_many = g_string_new (ok->str);
  g_string_append (too_many, ",x\n");
  g_string_append_c (ok, '\n');

  got = describe (ok->str);
  g_assert_true (g_str_has_prefix (got, "1:[x|x|"));
  g_free (got);
  got = describe (too_many->str);
  g_assert_cmpstr (got, ==, "error: line 1: too many fields\n");
}

static void
test_field_longer_than_one_mib_is_an_error (void)
{
  g_autoptr(GString) text = g_string_new ("h\n\"");
  g_autoptr(GInputStream) input = NULL;
  g_autoptr(CustodyCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 1024 * 1024 + 1; i++)
    g_string_append_c (text, 'x');
  g_string_append (text, "\"\n");

  input = g_memory_input_stream_new_from_data (text->str, (gssize) text->len, NULL);
  reader = custody_csv_reader_new (input);
  g_assert_true (custody_csv_reader_next (reader, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (custody_csv_reader_next (reader, NULL, &error));
  g_assert_error (error, CUSTODY_PARSE_ERROR, CUSTODY_PARSE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "line 2: a field is longer than 1 MiB");
}

static void
test_records_across_buffer_refills (void)
{
  /* 20,000 records of about 40 bytes: several 64 KiB refills, with
   * quotes, escapes and CRLFs landing on the boundaries somewhere. */
  g_autoptr(GString) text = g_string_new ("id,note\r\n");
  g_autoptr(GInputStream) input = NULL;
  g_autoptr(CustodyCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  guint n = 0;

  for (guint i = 0; i < 20000; i++)
    g_string_append_printf (text, "%u,\"say \"\"%u\"\", then\r\nstop\"\r\n", i, i);

  input = g_memory_input_stream_new_from_data (text->str, (gssize) text->len, NULL);
  reader = custody_csv_reader_new (input);
  g_assert_true (custody_csv_reader_next (reader, NULL, &error));
  while (custody_csv_reader_next (reader, NULL, &error))
    {
      g_autofree char *id = g_strdup_printf ("%u", n);
      g_autofree char *note = g_strdup_printf ("say \"%u\", then\r\nstop", n);

      g_assert_cmpint (custody_csv_reader_get_n_fields (reader), ==, 2);
      g_assert_cmpstr (custody_csv_reader_get_field (reader, 0), ==, id);
      g_assert_cmpstr (custody_csv_reader_get_field (reader, 1), ==, note);
      g_assert_cmpint (custody_csv_reader_get_line (reader), ==, 2 + 2 * n);
      n++;
    }
  g_assert_no_error (error);
  g_assert_cmpint (n, ==, 20000);
}

/*
 * Quoting for exports
 */

static void
assert_quotes_as (const char *field,
                  const char *expected)
{
  g_autofree char *quoted = custody_csv_quote (field);

  g_assert_cmpstr (quoted, ==, expected);
}

static void
test_quote_only_when_needed (void)
{
  assert_quotes_as ("payroll-db", "payroll-db");
  assert_quotes_as ("", "");
  assert_quotes_as ("a,b", "\"a,b\"");
  assert_quotes_as ("say \"hi\"", "\"say \"\"hi\"\"\"");
  assert_quotes_as ("two\nlines", "\"two\nlines\"");
  assert_quotes_as ("cr\rhere", "\"cr\rhere\"");
  assert_quotes_as ("café", "café");
}

static void
test_quote_guards_against_formula_injection (void)
{
  assert_quotes_as ("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"");
  assert_quotes_as ("+1", "\"'+1\"");
  assert_quotes_as ("-2+3", "\"'-2+3\"");
  assert_quotes_as ("@SUM(A1)", "\"'@SUM(A1)\"");
  assert_quotes_as ("\tcmd", "\"'\tcmd\"");
  assert_quotes_as ("\rcmd", "\"'\rcmd\"");
  /* Only a leading sign is dangerous. */
  assert_quotes_as ("a=b", "a=b");
  assert_quotes_as ("x-1", "x-1");
}

static void
test_quoted_fields_read_back (void)
{
  static const char *fields[] = {
    "plain", "", "a,b", "say \"hi\"", "two\r\nlines", "=1+1", "-", "\"\"", "é,\"",
  };
  g_autoptr(GString) line = g_string_new (NULL);
  g_autoptr(GInputStream) input = NULL;
  g_autoptr(CustodyCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autofree char *quoted = custody_csv_quote (fields[i]);
      g_string_append_printf (line, "%s%s", i > 0 ? "," : "", quoted);
    }
  g_string_append (line, "\r\n");

  input = g_memory_input_stream_new_from_data (line->str, (gssize) line->len, NULL);
  reader = custody_csv_reader_new (input);
  g_assert_true (custody_csv_reader_next (reader, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (custody_csv_reader_get_n_fields (reader), ==, G_N_ELEMENTS (fields));
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      const char *read = custody_csv_reader_get_field (reader, i);
      const char *first = fields[i];

      /* The guard stays: the reader gives back exactly what was written. */
      if (first[0] == '=' || first[0] == '-')
        {
          g_assert_true (read[0] == '\'');
          read++;
        }
      g_assert_cmpstr (read, ==, fields[i]);
    }
  g_assert_false (custody_csv_reader_next (reader, NULL, &error));
  g_assert_no_error (error);
}

/* The reader stops once it holds more than its limit: a stream that
 * never ends costs the limit, not the machine. */
static void
test_input_stops_at_the_limit (void)
{
  const gsize limit = 1024 * 1024;
  const gsize sent = 10 * limit;
  char *text = g_malloc (sent);
  g_autoptr(GInputStream) input = NULL;
  g_autoptr(GBytes) data = NULL;
  g_autoptr(GError) error = NULL;
  goffset read;

  memset (text, 'a', sent);
  input = g_memory_input_stream_new_from_data (text, (gssize) sent, g_free);
  data = custody_input_read_text (input, limit, NULL, &error);
  g_assert_null (data);
  g_assert_error (error, CUSTODY_PARSE_ERROR, CUSTODY_PARSE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "the input is larger than 1.0\xc2\xa0MiB");
  read = g_seekable_tell (G_SEEKABLE (input));
  g_assert_cmpint (read, ==, (goffset) limit + 1);
}

static void
test_input_up_to_the_limit (void)
{
  const gsize limit = 200 * 1024 + 7;
  char *text = g_malloc (limit);
  g_autoptr(GInputStream) input = NULL;
  g_autoptr(GBytes) data = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;
  const char *bytes;

  memset (text, 'b', limit);
  input = g_memory_input_stream_new_from_data (text, (gssize) limit, g_free);
  data = custody_input_read_text (input, limit, NULL, &error);
  g_assert_no_error (error);
  bytes = g_bytes_get_data (data, &length);
  g_assert_cmpuint (length, ==, limit);
  /* Followed by a NUL, for readers that want a C string. */
  g_assert_cmpint (bytes[length], ==, '\0');
  g_assert_cmpuint (strlen (bytes), ==, limit);
}

/* A NUL or bad UTF-8 anywhere, named by its line; never the end of it. */
static void
test_input_refuses_nul_and_bad_utf8 (void)
{
  static const struct
  {
    const char *bytes;
    gsize       length;
    const char *message;
  } cases[] = {
#define BYTES(s) s, sizeof s - 1
    { BYTES ("\0"), "line 1: a NUL byte: this is not text" },
    { BYTES ("a\nb\n\0c\n"), "line 3: a NUL byte: this is not text" },
    { BYTES ("a\nb\nc\n\0"), "line 4: a NUL byte: this is not text" },
    { BYTES ("名前\r\n\xe5\x90\n"), "line 2: the text is not valid UTF-8" },
    { BYTES ("ok\n\xed\xa0\x80\n"), "line 2: the text is not valid UTF-8" },
    { BYTES ("\xc0\xaf"), "line 1: the text is not valid UTF-8" },
#undef BYTES
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GInputStream) input = g_memory_input_stream_new_from_data (cases[i].bytes,
                                                                           (gssize) cases[i].length,
                                                                           NULL);
      g_autoptr(GBytes) data = NULL;
      g_autoptr(GError) error = NULL;

      data = custody_input_read_text (input, 1024, NULL, &error);
      g_assert_null (data);
      g_assert_error (error, CUSTODY_PARSE_ERROR, CUSTODY_PARSE_ERROR_INVALID);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/csv/plain-records", test_plain_records);
  g_test_add_func ("/input/stops-at-the-limit", test_input_stops_at_the_limit);
  g_test_add_func ("/input/up-to-the-limit", test_input_up_to_the_limit);
  g_test_add_func ("/input/refuses-nul-and-bad-utf8", test_input_refuses_nul_and_bad_utf8);
  g_test_add_func ("/csv/quoted-field-with-comma-newline-and-escaped-quote",
                   test_quoted_field_with_comma_newline_and_escaped_quote);
  g_test_add_func ("/csv/empty-fields-and-quoted-empty-field",
                   test_empty_fields_and_quoted_empty_field);
  g_test_add_func ("/csv/line-endings-crlf-lf-cr", test_line_endings_crlf_lf_cr);
  g_test_add_func ("/csv/last-record-without-line-break", test_last_record_without_line_break);
  g_test_add_func ("/csv/bom-is-skipped", test_bom_is_skipped);
  g_test_add_func ("/csv/character-that-starts-like-a-bom-is-kept",
                   test_character_that_starts_like_a_bom_is_kept);
  g_test_add_func ("/csv/blank-lines-are-skipped", test_blank_lines_are_skipped);
  g_test_add_func ("/csv/records-spanning-lines-keep-line-numbers",
                   test_records_spanning_lines_keep_line_numbers);
  g_test_add_func ("/csv/unterminated-quote-names-the-line",
                   test_unterminated_quote_names_the_line);
  g_test_add_func ("/csv/text-after-closing-quote-is-an-error",
                   test_text_after_closing_quote_is_an_error);
  g_test_add_func ("/csv/quote-inside-unquoted-field-is-an-error",
                   test_quote_inside_unquoted_field_is_an_error);
  g_test_add_func ("/csv/invalid-utf8-is-an-error", test_invalid_utf8_is_an_error);
  g_test_add_func ("/csv/too-many-fields-is-an-error", test_too_many_fields_is_an_error);
  g_test_add_func ("/csv/field-longer-than-one-mib-is-an-error",
                   test_field_longer_than_one_mib_is_an_error);
  g_test_add_func ("/csv/records-across-buffer-refills", test_records_across_buffer_refills);
  g_test_add_func ("/csv/quote-only-when-needed", test_quote_only_when_needed);
  g_test_add_func ("/csv/quote-guards-against-formula-injection",
                   test_quote_guards_against_formula_injection);
  g_test_add_func ("/csv/quoted-fields-read-back", test_quoted_fields_read_back);

  return g_test_run ();
}
