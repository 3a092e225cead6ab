/* custody-bareos.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custody-formats"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "custody-bareos.h"
#include "custody-time.h"
#include "custody-volser.h"

/* Bareos, through bconsole's JSON mode (`.api 2`; DeveloperGuide/api.rst):
 * one JSON-RPC object per command, {"result": {...}} or {"error": {...}},
 * keys the catalog's column names in lower case, values mostly strings.
 * Several commands in one bconsole session print several objects.
 *
 * Volumes (`list volumes`: an object of pools; `llist volumes all`,
 * `llist media`: a list; or the text table of api mode 0) are read with
 * their pool, status, counts and InChanger flag.
 *
 * Times are the director's local time without an offset. */

/* The error bconsole answered with, or NULL. */
static char *
rpc_error (CustodyJsonDoc  *doc,
           CustodyJsonNode  root)
{
  CustodyJsonNode error = custody_json_doc_member (doc, root, "error");
  CustodyJsonNode data, messages, list, message;
  g_autoptr(GString) text = NULL;

  if (error == 0 || custody_json_doc_kind (doc, error) != CUSTODY_JSON_OBJECT)
    return NULL;

  text = g_string_new (NULL);
  data = custody_json_doc_member (doc, error, "data");
  messages = custody_json_doc_member (doc, data, "messages");
  list = custody_json_doc_member (doc, messages, "error");
  message = custody_json_doc_first (doc, list);
  for (guint i = 0; i < custody_json_doc_get_length (doc, list); i++)
    {
      if (custody_json_doc_kind (doc, message) == CUSTODY_JSON_STRING)
        {
          g_autofree char *m = custody_json_doc_dup_string (doc, message);

          g_strstrip (m);
          if (text->len > 0)
            g_string_append (text, " ");
          g_string_append (text, m);
        }
      message = custody_json_doc_next (doc, message);
    }
  if (text->len == 0)
    {
      g_autofree char *m = NULL;
      CustodyJsonNode node = custody_json_doc_member (doc, error, "message");

      if (node != 0 && custody_json_doc_kind (doc, node) == CUSTODY_JSON_STRING)
        m = custody_json_doc_dup_string (doc, node);
      g_string_append (text, m != NULL ? m : "error");
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* What a command returned: the "result" of a JSON-RPC answer, or a bare
 * result object. */
CustodyJsonNode
custody_bareos_result (CustodyJsonDoc  *doc,
                       CustodyJsonNode  root)
{
  CustodyJsonNode result = custody_json_doc_member (doc, root, "result");

  if (result != 0 && custody_json_doc_kind (doc, result) == CUSTODY_JSON_OBJECT)
    return result;
  if (custody_json_doc_member (doc, root, "jsonrpc") == 0 &&
      custody_json_doc_kind (doc, root) == CUSTODY_JSON_OBJECT)
    return root;
  return 0;
}

gboolean
custody_bareos_check_answers (CustodyToolText  *text,
                              CustodyJsonDoc   *doc,
                              GError          **error)
{
  for (guint i = 0; i < custody_json_doc_get_n_roots (doc); i++)
    {
      CustodyJsonNode root = custody_json_doc_get_root (doc, i);
      g_autofree char *failed = NULL;

      if (custody_json_doc_kind (doc, root) != CUSTODY_JSON_OBJECT)
        return custody_tool_text_fail_at (text, custody_json_doc_get_offset (doc, root), error,
                                          _("this is not what bconsole prints in JSON mode (.api "
                                            "2): expected an object, found %s"),
                                          custody_json_doc_kind_name (doc, root));
      failed = rpc_error (doc, root);
      if (failed != NULL)
        return custody_tool_text_fail_at (text, custody_json_doc_get_offset (doc, root), error,
                                          _("bconsole answered with an error: %s"), failed);
    }
  return TRUE;
}

static void
volume_row_clear (gpointer data)
{
  CustodyBareosVolume *row = data;

  g_free (row->volser);
  g_free (row->pool);
  g_free (row->type);
  g_free (row->volstatus);
  g_free (row->storage);
}

gboolean
custody_bareos_volume_fail (CustodyToolText            *text,
                            const CustodyBareosVolume  *volume,
                            GError                    **error,
                            const char                 *format,
                            ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (volume->line > 0)
    return custody_tool_text_fail_line (volume->line, error, "%s", message);
  return custody_tool_text_fail_at (text, volume->offset, error, "%s", message);
}

static const struct
{
  const char          *bareos;
  CustodyMediumStatus  status;
} volume_statuses[] = {
  { "Append", CUSTODY_MEDIUM_IN_USE },
  { "Full", CUSTODY_MEDIUM_FULL },
  { "Used", CUSTODY_MEDIUM_FULL },
  { "Archive", CUSTODY_MEDIUM_FULL },
  { "Read-Only", CUSTODY_MEDIUM_FULL },
  { "Busy", CUSTODY_MEDIUM_IN_USE },
  { "Recycle", CUSTODY_MEDIUM_SCRATCH },
  { "Purged", CUSTODY_MEDIUM_SCRATCH },
  { "Error", CUSTODY_MEDIUM_ERROR },
  { "Disabled", CUSTODY_MEDIUM_RETIRED },
  { "Cleaning", CUSTODY_MEDIUM_RETIRED },
};

#define KNOWN_VOLUME_STATUSES \
  "Append, Full, Used, Archive, Read-Only, Busy, Recycle, Purged, Error, Disabled, Cleaning"

/* Checks a row and adds it, the later of two listings of a volume
 * winning (a console session that lists, updates and lists again). */
static gboolean
add_volume (CustodyToolText      *text,
            GArray                *rows,
            GHashTable            *seen,
            CustodyBareosVolume             *row,
            GError               **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *volser = custody_volser_normalize (row->volser, &local_error);
  gpointer found;

  if (volser == NULL)
    {
      custody_bareos_volume_fail (text, row, error, "%s", local_error->message);
      volume_row_clear (row);
      return FALSE;
    }
  g_free (row->volser);
  row->volser = g_steal_pointer (&volser);
  if (row->type == NULL || row->type[0] == '\0')
    {
      custody_bareos_volume_fail (text, row, error, _("volume %s has no media type"), row->volser);
      volume_row_clear (row);
      return FALSE;
    }
  if (row->volstatus == NULL)
    {
      custody_bareos_volume_fail (text, row, error, _("volume %s has no volstatus"), row->volser);
      volume_row_clear (row);
      return FALSE;
    }

  found = g_hash_table_lookup (seen, row->volser);
  if (found != NULL)
    {
      CustodyBareosVolume *other = &g_array_index (rows, CustodyBareosVolume,
                                                   GPOINTER_TO_UINT (found) - 1);

      if (other->listing == row->listing)
        {
          custody_bareos_volume_fail (text, row, error,
                                      _("volume %s appears twice in one listing"), row->volser);
          volume_row_clear (row);
          return FALSE;
        }
      volume_row_clear (other);
      *other = *row;
      return TRUE;
    }

  g_array_append_val (rows, *row);
  g_hash_table_insert (seen, g_strdup (row->volser), GUINT_TO_POINTER (rows->len));
  return TRUE;
}

static gboolean
read_volume_object (CustodyToolText      *text,
                    CustodyJsonDoc        *doc,
                    CustodyJsonNode        object,
                    const char            *pool,
                    guint                  index,
                    guint                  listing,
                    GArray                *rows,
                    GHashTable            *seen,
                    GError               **error)
{
  g_autofree char *what = g_strdup_printf (_("volume %u"), index);
  CustodyBareosVolume row = { 0, };
  gint64 flag = -1;

  if (custody_json_doc_kind (doc, object) != CUSTODY_JSON_OBJECT)
    return custody_tool_text_fail_at (text, custody_json_doc_get_offset (doc, object), error,
                                      _("%s should be an object, not %s"), what,
                                      custody_json_doc_kind_name (doc, object));

  row.offset = custody_json_doc_get_offset (doc, object);
  row.listing = listing;
  row.bytes = row.errors = row.mounts = row.slot = row.retention_s = -1;
  row.last_written = CUSTODY_TIME_NONE;
  row.in_changer = -1;
  row.pool = g_strdup (pool);

  if (!custody_tool_text_get_string (text, doc, object, "volumename", TRUE, what, &row.volser,
                                     error) ||
      (row.pool == NULL &&
       !custody_tool_text_get_string (text, doc, object, "pool", FALSE, what, &row.pool,
                                      error)) ||
      (row.pool == NULL &&
       !custody_tool_text_get_string (text, doc, object, "poolname", FALSE, what, &row.pool,
                                      error)) ||
      !custody_tool_text_get_string (text, doc, object, "mediatype", TRUE, what, &row.type,
                                     error) ||
      !custody_tool_text_get_string (text, doc, object, "volstatus", TRUE, what, &row.volstatus,
                                     error) ||
      !custody_tool_text_get_string (text, doc, object, "storage", FALSE, what, &row.storage,
                                     error) ||
      !custody_tool_text_get_count (text, doc, object, "volbytes", TRUE, what, &row.bytes,
                                    error) ||
      !custody_tool_text_get_count (text, doc, object, "volretention", TRUE, what, &row.retention_s,
                                    error) ||
      !custody_tool_text_get_count (text, doc, object, "volerrors", TRUE, what, &row.errors,
                                    error) ||
      !custody_tool_text_get_count (text, doc, object, "volmounts", TRUE, what, &row.mounts,
                                    error) ||
      !custody_tool_text_get_count (text, doc, object, "slot", TRUE, what, &row.slot, error) ||
      !custody_tool_text_get_count (text, doc, object, "inchanger", TRUE, what, &flag, error) ||
      !custody_tool_text_get_time (text, doc, object, "lastwritten", FALSE, what, &row.last_written,
                                   error))
    {
      volume_row_clear (&row);
      return FALSE;
    }
  if (flag > 1)
    {
      CustodyJsonNode node = custody_json_doc_member_nocase (doc, object, "inchanger");
      volume_row_clear (&row);
      return custody_tool_text_fail_at (text, custody_json_doc_get_offset (doc, node), error,
                                        _("%s: inchanger should be 0 or 1"), what);
    }
  row.in_changer = (int) flag;

  return add_volume (text, rows, seen, &row, error);
}

static gboolean
read_volumes_json (CustodyToolText      *text,
                   GArray                *rows,
                   GHashTable            *seen,
                   GError               **error)
{
  g_autoptr(CustodyJsonDoc) doc = custody_tool_text_parse_json (text, CUSTODY_JSON_PARSE_MANY,
                                                                 error);
  guint index = 0;
  gboolean any = FALSE;

  if (doc == NULL || !custody_bareos_check_answers (text, doc, error))
    return FALSE;

  for (guint r = 0; r < custody_json_doc_get_n_roots (doc); r++)
    {
      CustodyJsonNode result = custody_bareos_result (doc, custody_json_doc_get_root (doc, r));
      CustodyJsonNode volumes = custody_json_doc_member (doc, result, "volumes");
      CustodyJsonNode node;

      if (volumes == 0)
        volumes = custody_json_doc_member (doc, result, "media");
      if (volumes == 0)
        volumes = custody_json_doc_member (doc, result, "volume");
      if (volumes == 0)
        continue;
      any = TRUE;

      switch (custody_json_doc_kind (doc, volumes))
        {
        case CUSTODY_JSON_ARRAY:
          node = custody_json_doc_first (doc, volumes);
          for (guint i = 0; i < custody_json_doc_get_length (doc, volumes); i++)
            {
              if (!read_volume_object (text, doc, node, NULL, ++index, r, rows, seen, error))
                return FALSE;
              node = custody_json_doc_next (doc, node);
            }
          break;

        case CUSTODY_JSON_OBJECT:
          /* `list volumes`: pools by name; `llist volume=X`: one volume. */
          if (custody_json_doc_member_nocase (doc, volumes, "volumename") != 0)
            {
              if (!read_volume_object (text, doc, volumes, NULL, ++index, r, rows, seen, error))
                return FALSE;
              break;
            }
          node = custody_json_doc_first (doc, volumes);
          for (guint i = 0; i < custody_json_doc_get_length (doc, volumes); i++)
            {
              CustodyJsonNode list = custody_json_doc_member_value (doc, node);
              g_autofree char *pool = custody_json_doc_dup_string (doc, node);
              CustodyJsonNode volume;

              if (custody_json_doc_kind (doc, list) != CUSTODY_JSON_ARRAY)
                return custody_tool_text_fail_at (text, custody_json_doc_get_offset (doc, list),
                                                  error,
                                                  _("pool '%s' should list its volumes in an "
                                                    "array, not %s"),
                                                  pool, custody_json_doc_kind_name (doc, list));
              volume = custody_json_doc_first (doc, list);
              for (guint j = 0; j < custody_json_doc_get_length (doc, list); j++)
                {
                  if (!read_volume_object (text, doc, volume, pool, ++index, r, rows, seen, error))
                    return FALSE;
                  volume = custody_json_doc_next (doc, volume);
                }
              node = custody_json_doc_next_member (doc, node);
            }
          break;

        case CUSTODY_JSON_NULL:
        case CUSTODY_JSON_BOOLEAN:
        case CUSTODY_JSON_NUMBER:
        case CUSTODY_JSON_STRING:
        default:
          return custody_tool_text_fail_at (text, custody_json_doc_get_offset (doc, volumes),
                                            error,
                                            _("\"volumes\" should be an array or an object of "
                                              "pools, not %s"),
                                            custody_json_doc_kind_name (doc, volumes));
        }
    }

  if (!any)
    return custody_tool_text_fail_at (text, 0, error,
                                      _("no volumes here: give bconsole's 'list volumes' or "
                                        "'llist media'"));
  return TRUE;
}

/* The text tables of bconsole's api mode 0:
 *   Pool: Full
 *   +---------+------------+-----------+ ...
 *   | MediaId | VolumeName | VolStatus | ...
 *   +---------+------------+-----------+ ...
 *   | 1       | Full-0001  | Append    | ...
 * Numbers may carry thousands separators; a "*command" line starts a new
 * listing, and "pool=NAME" in it names the pool of the tables that follow. */
static GStrv
split_cells (const char *line)
{
  g_auto(GStrv) parts = g_strsplit (line, "|", -1);
  g_autoptr(GStrvBuilder) cells = g_strv_builder_new ();
  guint n = g_strv_length (parts);

  /* "| a | b |": the first and last parts are outside the table. */
  for (guint i = 1; i + 1 < n; i++)
    g_strv_builder_add (cells, g_strstrip (parts[i]));
  if (n >= 2 && g_strstrip (parts[n - 1])[0] != '\0')
    g_strv_builder_add (cells, parts[n - 1]);
  return g_strv_builder_end (cells);
}

static int
column_of (GStrv        header,
           const char  *name)
{
  for (guint i = 0; header != NULL && header[i] != NULL; i++)
    if (g_ascii_strcasecmp (header[i], name) == 0)
      return (int) i;
  return -1;
}

static gboolean
text_count (GStrv        cells,
            GStrv        header,
            const char  *name,
            guint        line,
            gint64      *out,
            GError     **error)
{
  int c = column_of (header, name);

  if (c < 0 || cells[c][0] == '\0')
    return TRUE;
  if (!custody_tool_parse_count (cells[c], out))
    return custody_tool_text_fail_line (line, error,
                                        _("%s '%s' is not a whole number from 0 to %lld"),
                                        header[c], cells[c], (long long) G_MAXINT64);
  return TRUE;
}

static gboolean
read_volumes_text (CustodyToolText      *text,
                   GArray                *rows,
                   GHashTable            *seen,
                   GError               **error)
{
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) header = NULL;
  g_autofree char *copy = g_strndup (text->data, text->length);
  g_autofree char *pool = NULL;
  g_autofree char *command_pool = NULL;
  guint listing = 0;
  gboolean any = FALSE, in_rows = FALSE;

  lines = g_strsplit (copy, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);
      guint number = i + 1;

      if (line[0] == '*')
        {
          const char *arg = strstr (line, "pool=");

          listing++;
          g_clear_pointer (&pool, g_free);
          g_clear_pointer (&command_pool, g_free);
          if (arg != NULL)
            command_pool = g_strndup (arg + 5, strcspn (arg + 5, " \t"));
          g_clear_pointer (&header, g_strfreev);
          in_rows = FALSE;
        }
      else if (g_str_has_prefix (line, "Pool:"))
        {
          g_free (pool);
          pool = g_strstrip (g_strdup (line + 5));
          g_clear_pointer (&header, g_strfreev);
          in_rows = FALSE;
        }
      else if (line[0] == '+')
        {
          /* The rule under the header starts the rows; the one after
           * them ends the table. */
          if (header != NULL && !in_rows)
            in_rows = TRUE;
          else if (in_rows)
            {
              g_clear_pointer (&header, g_strfreev);
              in_rows = FALSE;
            }
        }
      else if (line[0] == '|')
        {
          g_auto(GStrv) cells = split_cells (line);
          CustodyBareosVolume row = { 0, };
          gint64 flag = -1;
          int c;

          if (header == NULL)
            {
              if (column_of (cells, "volumename") < 0)
                continue;
              header = g_steal_pointer (&cells);
              continue;
            }
          if (!in_rows)
            continue;
          if (g_strv_length (cells) != g_strv_length (header))
            return custody_tool_text_fail_line (number, error,
                                                _("this row has %u of the table's %u columns: the "
                                                  "listing is cut short or damaged"),
                                                g_strv_length (cells), g_strv_length (header));

          row.line = number;
          row.listing = listing;
          row.bytes = row.errors = row.mounts = row.slot = row.retention_s = -1;
          row.last_written = CUSTODY_TIME_NONE;
          row.volser = g_strdup (cells[column_of (header, "volumename")]);
          row.pool = g_strdup (pool != NULL ? pool : command_pool);
          if ((c = column_of (header, "mediatype")) >= 0)
            row.type = g_strdup (cells[c]);
          if ((c = column_of (header, "volstatus")) >= 0)
            row.volstatus = g_strdup (cells[c]);
          if ((c = column_of (header, "storage")) >= 0 && cells[c][0] != '\0')
            row.storage = g_strdup (cells[c]);
          if ((c = column_of (header, "lastwritten")) >= 0 && cells[c][0] != '\0' &&
              !g_str_has_prefix (cells[c], "0000-00-00") &&
              !custody_tool_text_parse_time (text, cells[c], &row.last_written))
            {
              volume_row_clear (&row);
              return custody_tool_text_fail_line (number, error,
                                                  _("lastwritten '%s' is not a time"), cells[c]);
            }
          if (!text_count (cells, header, "volbytes", number, &row.bytes, error) ||
              !text_count (cells, header, "volretention", number, &row.retention_s, error) ||
              !text_count (cells, header, "volerrors", number, &row.errors, error) ||
              !text_count (cells, header, "volmounts", number, &row.mounts, error) ||
              !text_count (cells, header, "slot", number, &row.slot, error) ||
              !text_count (cells, header, "inchanger", number, &flag, error))
            {
              volume_row_clear (&row);
              return FALSE;
            }
          if (flag > 1)
            {
              volume_row_clear (&row);
              return custody_tool_text_fail_line (number, error, _("inchanger should be 0 or 1"));
            }
          row.in_changer = (int) flag;
          any = TRUE;
          if (!add_volume (text, rows, seen, &row, error))
            return FALSE;
        }
    }

  if (!any)
    {
      g_set_error (error, CUSTODY_PARSE_ERROR, CUSTODY_PARSE_ERROR_INVALID,
                   _("no table of volumes here: give bconsole's 'list volumes' (JSON mode, or the "
                     "text table with a VolumeName column)"));
      return FALSE;
    }
  return TRUE;
}

/* What Bareos' volstatus means here, and until when the volume is kept. */
static gboolean
judge_volume (CustodyToolText      *text,
              CustodyBareosVolume  *row,
              GError              **error)
{
  gboolean known = FALSE;

  row->status = CUSTODY_MEDIUM_IN_USE;
  for (guint i = 0; i < G_N_ELEMENTS (volume_statuses); i++)
    if (g_ascii_strcasecmp (row->volstatus, volume_statuses[i].bareos) == 0)
      {
        row->status = volume_statuses[i].status;
        known = TRUE;
      }
  if (!known)
    return custody_bareos_volume_fail (text, row, error,
                        _("volume %s: volstatus '%s' is not a Bareos volume status (%s)"),
                        row->volser, row->volstatus, KNOWN_VOLUME_STATUSES);
  /* Labelled, never written: scratch. */
  if (row->status == CUSTODY_MEDIUM_IN_USE && row->last_written == CUSTODY_TIME_NONE)
    row->status = CUSTODY_MEDIUM_SCRATCH;
  row->retention_until = CUSTODY_TIME_NONE;
  if (row->last_written != CUSTODY_TIME_NONE && row->retention_s > 0)
    row->retention_until = row->last_written + row->retention_s;
  return TRUE;
}

GArray *
custody_bareos_volumes_new (void)
{
  GArray *volumes = g_array_new (FALSE, TRUE, sizeof (CustodyBareosVolume));

  g_array_set_clear_func (volumes, volume_row_clear);
  return volumes;
}

/**
 * custody_bareos_read_volumes:
 *
 * Reads bconsole's volume listings, JSON (.api 2) or text tables.
 */
gboolean
custody_bareos_read_volumes (CustodyToolText  *text,
                             GArray           *volumes,
                             GError          **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char *p = text->data;
  gboolean ok;

  g_array_set_size (volumes, 0);
  while (p < text->data + text->length && g_ascii_isspace (*p))
    p++;
  if (p < text->data + text->length && (*p == '{' || *p == '['))
    ok = read_volumes_json (text, volumes, seen, error);
  else
    ok = read_volumes_text (text, volumes, seen, error);
  if (!ok)
    return FALSE;

  /* Statuses once every listing is read: a volume's last one counts. */
  for (guint i = 0; i < volumes->len; i++)
    if (!judge_volume (text, &g_array_index (volumes, CustodyBareosVolume, i), error))
      return FALSE;
  return TRUE;
}
