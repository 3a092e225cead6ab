/* custody-csv.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custody-csv"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "custody-csv.h"
#include "custody-time.h"

#define BUFFER_SIZE   (64 * 1024)
#define MAX_FIELDS    256
#define MAX_FIELD_LEN (1024 * 1024)

struct _CustodyCsvReader
{
  GInputStream *input;
  char         *buffer;
  gsize         len;
  gsize         pos;
  gboolean      eof;
  gboolean      started;
  guint         line;         /* physical line the reader is on */
  guint         record_line;  /* where the current record started */
  GPtrArray    *fields;       /* GString *, reused */
  guint         n_fields;
};

static void
free_field (gpointer data)
{
  g_string_free (data, TRUE);
}

CustodyCsvReader *
custody_csv_reader_new (GInputStream *input)
{
  CustodyCsvReader *self = g_new0 (CustodyCsvReader, 1);

  self->input = g_object_ref (input);
  self->buffer = g_malloc (BUFFER_SIZE);
  self->line = 1;
  self->fields = g_ptr_array_new_with_free_func (free_field);

  return self;
}

void
custody_csv_reader_free (CustodyCsvReader *self)
{
  if (self == NULL)
    return;

  g_ptr_array_unref (self->fields);
  g_object_unref (self->input);
  g_free (self->buffer);
  g_free (self);
}

/* The next byte, or -1 at the end of the input. */
static int
next_byte (CustodyCsvReader  *self,
           GCancellable      *cancellable,
           GError           **error)
{
  if (self->pos == self->len)
    {
      gssize n;

      if (self->eof)
        return -1;
      n = g_input_stream_read (self->input, self->buffer, BUFFER_SIZE, cancellable, error);
      if (n < 0)
        return -2;
      if (n == 0)
        {
          self->eof = TRUE;
          return -1;
        }
      self->len = (gsize) n;
      self->pos = 0;
    }

  return (guchar) self->buffer[self->pos++];
}

static int
peek_byte (CustodyCsvReader  *self,
           GCancellable      *cancellable,
           GError           **error)
{
  int c = next_byte (self, cancellable, error);

  if (c >= 0)
    self->pos--;
  return c;
}

/* Reads until at least @n bytes wait in the buffer, or the input ends.
 * Only at the start, when the buffer has room: a pipe may hand over
 * fewer bytes than a byte order mark at a time. */
static gboolean
fill_start (CustodyCsvReader  *self,
            gsize              n,
            GCancellable      *cancellable,
            GError           **error)
{
  while (self->len - self->pos < n && !self->eof)
    {
      gssize got = g_input_stream_read (self->input, self->buffer + self->len,
                                        BUFFER_SIZE - self->len, cancellable, error);

      if (got < 0)
        return FALSE;
      if (got == 0)
        self->eof = TRUE;
      self->len += (gsize) got;
    }

  return TRUE;
}

static GString *
new_field (CustodyCsvReader *self)
{
  GString *field;

  if (self->n_fields < self->fields->len)
    {
      field = g_ptr_array_index (self->fields, self->n_fields);
      g_string_truncate (field, 0);
    }
  else
    {
      field = g_string_sized_new (32);
      g_ptr_array_add (self->fields, field);
    }
  self->n_fields++;

  return field;
}

static gboolean
fail (CustodyCsvReader  *self,
      GError           **error,
      const char        *message)
{
  g_set_error (error, CUSTODY_PARSE_ERROR, CUSTODY_PARSE_ERROR_INVALID,
               _("line %u: %s"), self->record_line, message);
  return FALSE;
}

/**
 * custody_csv_reader_next:
 *
 * Reads the next record. Returns %FALSE at the end of the input (with
 * @error unset) or on a malformed record (with @error set, naming the line
 * where the record starts). Empty lines are skipped.
 */
gboolean
custody_csv_reader_next (CustodyCsvReader  *self,
                         GCancellable      *cancellable,
                         GError           **error)
{
  GString *field;
  gboolean quoted = FALSE;
  gboolean after_quote = FALSE;
  int c;

  if (!self->started)
    {
      self->started = TRUE;
      /* A byte order mark that spreadsheets like to write. */
      if (!fill_start (self, 3, cancellable, error))
        return FALSE;
      if (self->len - self->pos >= 3 && memcmp (self->buffer + self->pos, "\xEF\xBB\xBF", 3) == 0)
        self->pos += 3;
    }

  for (;;)
    {
      self->n_fields = 0;
      self->record_line = self->line;
      field = new_field (self);
      quoted = after_quote = FALSE;

      for (;;)
        {
          c = next_byte (self, cancellable, error);
          if (c == -2)
            return FALSE;

          if (quoted)
            {
              if (c == -1)
                return fail (self, error, _("a quoted field is not closed"));
              if (c == '"')
                {
                  if (peek_byte (self, cancellable, error) == '"')
                    {
                      next_byte (self, cancellable, error);
                      g_string_append_c (field, '"');
                    }
                  else
                    {
                      quoted = FALSE;
                      after_quote = TRUE;
                    }
                  continue;
                }
              if (c == '\n' || (c == '\r' && peek_byte (self, cancellable, error) != '\n'))
                self->line++;
              g_string_append_c (field, (char) c);
            }
          else if (c == ',')
            {
              if (self->n_fields >= MAX_FIELDS)
                return fail (self, error, _("too many fields"));
              field = new_field (self);
              after_quote = FALSE;
              continue;
            }
          else if (c == '\r' || c == '\n' || c == -1)
            {
              if (c == '\r' && peek_byte (self, cancellable, error) == '\n')
                next_byte (self, cancellable, error);
              if (c != -1)
                self->line++;
              break;
            }
          else if (after_quote)
            return fail (self, error, _("text after a closing quote"));
          else if (c == '"')
            {
              if (field->len > 0)
                return fail (self, error, _("a quote inside an unquoted field"));
              quoted = TRUE;
            }
          else
            g_string_append_c (field, (char) c);

          if (field->len > MAX_FIELD_LEN)
            return fail (self, error, _("a field is longer than 1 MiB"));
        }

      /* Skip blank lines; stop at the end. */
      if (self->n_fields == 1 && field->len == 0 && !after_quote)
        {
          if (c == -1)
            return FALSE;
          continue;
        }

      for (guint i = 0; i < self->n_fields; i++)
        {
          GString *f = g_ptr_array_index (self->fields, i);

          if (!g_utf8_validate_len (f->str, f->len, NULL) || memchr (f->str, '\0', f->len) != NULL)
            return fail (self, error, _("the text is not valid UTF-8"));
        }

      return TRUE;
    }
}

guint
custody_csv_reader_get_line (CustodyCsvReader *self)
{
  return self->record_line;
}

guint
custody_csv_reader_get_n_fields (CustodyCsvReader *self)
{
  return self->n_fields;
}

const char *
custody_csv_reader_get_field (CustodyCsvReader *self,
                              guint             index)
{
  g_return_val_if_fail (index < self->n_fields, NULL);

  return ((GString *) g_ptr_array_index (self->fields, index))->str;
}

/**
 * custody_csv_quote:
 *
 * One field for a CSV export: quoted when it must be, and with a leading
 * ' before =, +, -, @, tab or CR so that a spreadsheet never runs it as a
 * formula.
 */
char *
custody_csv_quote (const char *field)
{
  g_autoptr(GString) out = g_string_new (NULL);
  gboolean guard = field[0] == '=' || field[0] == '+' || field[0] == '-' || field[0] == '@' ||
                   field[0] == '\t' || field[0] == '\r';
  gboolean quote = guard || strpbrk (field, ",\"\r\n") != NULL;

  if (!quote)
    return g_strdup (field);

  g_string_append_c (out, '"');
  if (guard)
    g_string_append_c (out, '\'');
  for (const char *p = field; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');

  return g_string_free (g_steal_pointer (&out), FALSE);
}
