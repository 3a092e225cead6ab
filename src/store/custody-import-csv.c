/* custody-import-csv.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custody-import"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "custody-csv.h"
#include "custody-import-private.h"
#include "custody-json.h"
#include "custody-time.h"
#include "custody-volser.h"

/* The three CSV imports of cli.md. Each is one transaction: the first bad
 * row rejects the whole file, and its error names the line. */

typedef struct
{
  const char *const *columns;
  int                index[16];   /* column -> field, or -1 */
  CustodyCsvReader  *reader;
} Header;

static const char *const job_columns[] = {
  "job", "source", "owner", "rpo_hours", "verify_days", "copy", "media_type", "location",
  "immutable", "air_gapped", NULL
};
enum { J_JOB, J_SOURCE, J_OWNER, J_RPO, J_VERIFY, J_COPY, J_MEDIA_TYPE, J_LOCATION,
       J_IMMUTABLE, J_AIR_GAPPED };

static const char *const media_columns[] = {
  "volser", "type", "pool", "location", "retention_until", "worm", NULL
};
enum { M_VOLSER, M_TYPE, M_POOL, M_LOCATION, M_RETENTION, M_WORM };

static const char *const execution_columns[] = {
  "job", "copy", "started", "finished", "status", "bytes", "files", "volumes", "run_id",
  "message", NULL
};
enum { E_JOB, E_COPY, E_STARTED, E_FINISHED, E_STATUS, E_BYTES, E_FILES, E_VOLUMES, E_RUN_ID,
       E_MESSAGE };

static gboolean
line_error (Header      *h,
            GError     **error,
            const char  *format,
            ...) G_GNUC_PRINTF (3, 4);

static gboolean
line_error (Header      *h,
            GError     **error,
            const char  *format,
            ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, CUSTODY_STORE_ERROR, CUSTODY_STORE_ERROR_INVALID,
               _("line %u: %s"), custody_csv_reader_get_line (h->reader), message);
  return FALSE;
}

/* Names without control characters, texts as the store takes them. */
static gboolean
check_cells (Header       *h,
             const char  **names,
             const char  **texts,
             GError      **error)
{
  g_autoptr(GError) local = NULL;

  for (guint i = 0; names[i] != NULL; i++)
    if (!custody_store_check_name (names[i], FALSE, &local))
      return line_error (h, error, "%s", local->message);
  for (guint i = 0; texts[i] != NULL; i++)
    if (!custody_store_check_text (texts[i], &local))
      return line_error (h, error, "%s", local->message);
  return TRUE;
}

static gboolean
read_header (Header        *h,
             const char    *required,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autofree char *expected = g_strjoinv (", ", (char **) h->columns);
  g_autoptr(GError) local_error = NULL;
  guint n;

  for (guint i = 0; i < G_N_ELEMENTS (h->index); i++)
    h->index[i] = -1;

  if (!custody_csv_reader_next (h->reader, cancellable, &local_error))
    {
      if (local_error != NULL)
        {
          custody_import_error_as_invalid (&local_error);
          g_propagate_error (error, g_steal_pointer (&local_error));
        }
      else
        g_set_error (error, CUSTODY_STORE_ERROR, CUSTODY_STORE_ERROR_INVALID,
                     _("the file is empty: it needs a header line (%s)"), expected);
      return FALSE;
    }

  n = custody_csv_reader_get_n_fields (h->reader);
  for (guint f = 0; f < n; f++)
    {
      g_autofree char *name = g_strstrip (g_strdup (custody_csv_reader_get_field (h->reader, f)));
      gboolean known = FALSE;

      for (guint c = 0; h->columns[c] != NULL; c++)
        {
          if (g_str_equal (name, h->columns[c]))
            {
              if (h->index[c] != -1)
                return line_error (h, error, _("column '%s' appears twice"), name);
              h->index[c] = (int) f;
              known = TRUE;
            }
        }
      if (!known)
        return line_error (h, error, _("unknown column '%s' (the columns are %s)"), name, expected);
    }

  for (guint c = 0; h->columns[c] != NULL; c++)
    if (h->index[c] == -1 && strstr (required, h->columns[c]) != NULL)
      return line_error (h, error, _("the header has no column '%s'"), h->columns[c]);

  return TRUE;
}

/* The cell of a column in the current row: "" if the column or the cell
 * is missing. */
static const char *
cell (Header *h,
      int     column)
{
  int f = h->index[column];

  if (f < 0 || (guint) f >= custody_csv_reader_get_n_fields (h->reader))
    return "";
  return custody_csv_reader_get_field (h->reader, (guint) f);
}

static gboolean
check_width (Header  *h,
             guint    header_fields,
             GError **error)
{
  guint n = custody_csv_reader_get_n_fields (h->reader);

  if (n != header_fields)
    return line_error (h, error, _("%u fields, but the header has %u"), n, header_fields);
  return TRUE;
}

static gboolean
parse_int (Header      *h,
           int          column,
           gint64       fallback,
           gint64       min,
           gint64      *out,
           GError     **error)
{
  const char *text = cell (h, column);
  gint64 value;

  if (text[0] == '\0')
    {
      *out = fallback;
      return TRUE;
    }
  if (!g_ascii_string_to_signed (text, 10, min, G_MAXINT64, &value, NULL))
    return line_error (h, error, _("%s '%s' is not a whole number of at least %lld"),
                       h->columns[column], text, (long long) min);
  *out = value;
  return TRUE;
}

static gboolean
parse_bool (Header    *h,
            int        column,
            gboolean  *out,
            GError   **error)
{
  const char *text = cell (h, column);

  if (text[0] == '\0' || g_str_equal (text, "false"))
    *out = FALSE;
  else if (g_str_equal (text, "true"))
    *out = TRUE;
  else
    return line_error (h, error, _("%s '%s' is not true or false"), h->columns[column], text);
  return TRUE;
}

static gboolean
parse_time (Header    *h,
            int        column,
            gint64    *out,
            GError   **error)
{
  const char *text = cell (h, column);

  if (text[0] == '\0')
    {
      *out = CUSTODY_TIME_NONE;
      return TRUE;
    }
  if (!custody_time_parse (text, out, NULL))
    return line_error (h, error,
                       _("%s '%s' is not a time (use 2026-11-20T02:00:00Z or 2026-11-20 02:00)"),
                       h->columns[column], text);
  return TRUE;
}

/*
 * jobs
 */

/* A job's ?1 to ?5, the same in its comparison, UPDATE and INSERT. */
static void
bind_job_cells (sqlite3_stmt *stmt,
                Header       *h,
                const char   *name,
                gint64        rpo,
                gint64        verify)
{
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, cell (h, J_SOURCE), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, cell (h, J_OWNER), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, rpo);
  sqlite3_bind_int64 (stmt, 5, verify);
}

/* A copy's ?1 to ?6, the same in its comparison, UPDATE and INSERT. */
static void
bind_copy_cells (sqlite3_stmt     *stmt,
                 gint64            job_id,
                 const char       *copy,
                 CustodyMediaType  media_type,
                 gint64            location_id,
                 gboolean          immutable,
                 gboolean          air_gapped)
{
  sqlite3_bind_int64 (stmt, 1, job_id);
  sqlite3_bind_text (stmt, 2, copy, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, custody_media_type_to_string (media_type), -1, SQLITE_STATIC);
  custody_sql_bind_id_or_null (stmt, 4, location_id);
  sqlite3_bind_int (stmt, 5, immutable);
  sqlite3_bind_int (stmt, 6, air_gapped);
}

typedef struct
{
  guint   line;
  char   *values[5];   /* source, owner, rpo, verify as given */
  gint64  id;
  gboolean changed;
} SeenJob;

static void
seen_job_free (gpointer data)
{
  SeenJob *seen = data;

  for (guint i = 0; i < G_N_ELEMENTS (seen->values); i++)
    g_free (seen->values[i]);
  g_free (seen);
}

static gboolean
upsert_job (CustodyStore         *self,
            Header               *h,
            GHashTable           *seen_jobs,
            gint64               *job_id,
            CustodyUpsertResult  *result,
            GError              **error)
{
  static const int job_fields[] = { J_SOURCE, J_OWNER, J_RPO, J_VERIFY };
  const char *name = cell (h, J_JOB);
  SeenJob *seen = g_hash_table_lookup (seen_jobs, name);
  gint64 rpo, verify;
  sqlite3_stmt *stmt;
  int rc;

  if (seen != NULL)
    {
      for (guint i = 0; i < G_N_ELEMENTS (job_fields); i++)
        {
          const char *value = cell (h, job_fields[i]);

          if (!g_str_equal (value, seen->values[i]))
            return line_error (h, error, _("job '%s' has %s '%s' here but '%s' on line %u"),
                               name, h->columns[job_fields[i]], value, seen->values[i],
                               seen->line);
        }
      *job_id = seen->id;
      *result = CUSTODY_UPSERT_UNCHANGED;
      return TRUE;
    }

  if (!parse_int (h, J_RPO, 24, 1, &rpo, error) || !parse_int (h, J_VERIFY, 30, 1, &verify, error))
    return FALSE;

  seen = g_new0 (SeenJob, 1);
  seen->line = custody_csv_reader_get_line (h->reader);
  for (guint i = 0; i < G_N_ELEMENTS (job_fields); i++)
    seen->values[i] = g_strdup (cell (h, job_fields[i]));
  g_hash_table_insert (seen_jobs, g_strdup (name), seen);

  stmt = custody_store_prepare (self,
                                "SELECT id, source IS ?2 AND owner IS ?3 AND rpo_hours IS ?4"
                                "   AND verify_days IS ?5 FROM jobs WHERE name = ?1", error);
  if (stmt == NULL)
    return FALSE;
  bind_job_cells (stmt, h, name, rpo, verify);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *job_id = sqlite3_column_int64 (stmt, 0);
      *result = sqlite3_column_int (stmt, 1) ? CUSTODY_UPSERT_UNCHANGED : CUSTODY_UPSERT_UPDATED;
    }
  else
    *result = CUSTODY_UPSERT_ADDED;
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return custody_store_fail (self, rc, error);

  if (*result == CUSTODY_UPSERT_UPDATED)
    stmt = custody_store_prepare (self,
                                  "UPDATE jobs SET source = ?2, owner = ?3, rpo_hours = ?4,"
                                  " verify_days = ?5 WHERE name = ?1", error);
  else if (*result == CUSTODY_UPSERT_ADDED)
    stmt = custody_store_prepare (self,
                                  "INSERT INTO jobs (name, source, owner, rpo_hours, verify_days,"
                                  " created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);
  else
    {
      seen->id = *job_id;
      return TRUE;
    }
  if (stmt == NULL)
    return FALSE;
  bind_job_cells (stmt, h, name, rpo, verify);
  if (*result == CUSTODY_UPSERT_ADDED)
    sqlite3_bind_int64 (stmt, 6, custody_store_now (self));
  if (!custody_store_step_done (self, stmt, error))
    return FALSE;
  if (*result == CUSTODY_UPSERT_ADDED)
    *job_id = sqlite3_last_insert_rowid (custody_store_get_db (self));

  seen->id = *job_id;
  return TRUE;
}

static gboolean
import_jobs_row (CustodyStore        *self,
                 Header              *h,
                 GHashTable          *seen_jobs,
                 GHashTable          *seen_copies,
                 CustodyImportStats  *stats,
                 GError             **error)
{
  const char *job = cell (h, J_JOB);
  const char *copy = cell (h, J_COPY);
  const char *location = cell (h, J_LOCATION);
  g_autofree char *copy_key = NULL;
  CustodyUpsertResult job_result, copy_result;
  CustodyMediaType media_type;
  gboolean immutable, air_gapped;
  gint64 job_id = 0, location_id = 0;
  sqlite3_stmt *stmt;
  int rc;

  if (job[0] == '\0')
    return line_error (h, error, _("job is empty"));
  if (!check_cells (h, (const char *[]) { job, copy, NULL },
                    (const char *[]) { cell (h, J_SOURCE), cell (h, J_OWNER), NULL }, error))
    return FALSE;

  if (!upsert_job (self, h, seen_jobs, &job_id, &job_result, error))
    return FALSE;

  if (copy[0] == '\0')
    {
      if (cell (h, J_MEDIA_TYPE)[0] != '\0' || location[0] != '\0')
        return line_error (h, error,
                           _("a row without a copy cannot give a media type or location"));
      if (job_result == CUSTODY_UPSERT_UPDATED &&
          !custody_store_forget_job_status (self, job_id, error))
        return FALSE;
      custody_import_stats_count (stats, job_result);
      return TRUE;
    }

  copy_key = g_strdup_printf ("%s\x1f%s", job, copy);
  if (g_hash_table_contains (seen_copies, copy_key))
    return line_error (h, error, _("copy '%s' of job '%s' appears twice"), copy, job);
  g_hash_table_add (seen_copies, g_steal_pointer (&copy_key));

  if (!custody_media_type_from_string (cell (h, J_MEDIA_TYPE), &media_type))
    {
      g_autofree char *keys = custody_media_type_list_keys ();
      return line_error (h, error, _("media_type '%s' is not one of %s"), cell (h, J_MEDIA_TYPE),
                         keys);
    }
  if (!parse_bool (h, J_IMMUTABLE, &immutable, error) ||
      !parse_bool (h, J_AIR_GAPPED, &air_gapped, error))
    return FALSE;
  if (location[0] != '\0')
    {
      g_autoptr(GError) local_error = NULL;

      location_id = custody_store_find_location_id (self, location, &local_error);
      if (location_id == 0)
        return line_error (h, error, "%s", local_error->message);
    }

  stmt = custody_store_prepare (self,
                                "SELECT id, media_type IS ?3 AND location_id IS ?4"
                                "   AND immutable IS ?5 AND air_gapped IS ?6"
                                " FROM copies WHERE job_id = ?1 AND name = ?2",
                                error);
  if (stmt == NULL)
    return FALSE;
  bind_copy_cells (stmt, job_id, copy, media_type, location_id, immutable, air_gapped);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    copy_result = sqlite3_column_int (stmt, 1) ? CUSTODY_UPSERT_UNCHANGED : CUSTODY_UPSERT_UPDATED;
  else
    copy_result = CUSTODY_UPSERT_ADDED;
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return custody_store_fail (self, rc, error);

  if (copy_result != CUSTODY_UPSERT_UNCHANGED)
    {
      if (copy_result == CUSTODY_UPSERT_UPDATED)
        stmt = custody_store_prepare (self,
                                      "UPDATE copies SET media_type = ?3, location_id = ?4,"
                                      " immutable = ?5, air_gapped = ?6"
                                      " WHERE job_id = ?1 AND name = ?2", error);
      else
        stmt = custody_store_prepare (self,
                                      "INSERT INTO copies (job_id, name, media_type, location_id,"
                                      " immutable, air_gapped, created_at)"
                                      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", error);
      if (stmt == NULL)
        return FALSE;
      bind_copy_cells (stmt, job_id, copy, media_type, location_id, immutable, air_gapped);
      if (copy_result == CUSTODY_UPSERT_ADDED)
        sqlite3_bind_int64 (stmt, 7, custody_store_now (self));
      if (!custody_store_step_done (self, stmt, error))
        return FALSE;
    }

  if ((job_result != CUSTODY_UPSERT_UNCHANGED || copy_result != CUSTODY_UPSERT_UNCHANGED) &&
      !custody_store_forget_job_status (self, job_id, error))
    return FALSE;

  /* A row is as new as the newest thing it made. */
  if (copy_result == CUSTODY_UPSERT_ADDED || job_result == CUSTODY_UPSERT_ADDED)
    custody_import_stats_count (stats, CUSTODY_UPSERT_ADDED);
  else if (copy_result == CUSTODY_UPSERT_UPDATED || job_result == CUSTODY_UPSERT_UPDATED)
    custody_import_stats_count (stats, CUSTODY_UPSERT_UPDATED);
  else
    custody_import_stats_count (stats, CUSTODY_UPSERT_UNCHANGED);

  return TRUE;
}

/*
 * media
 */

/* A volume's ?1 to ?5, the same in its comparison, UPDATE and INSERT. */
static void
bind_media_cells (sqlite3_stmt *stmt,
                  const char   *volser,
                  const char   *type,
                  gint64        pool_id,
                  gint64        retention,
                  gboolean      worm)
{
  sqlite3_bind_text (stmt, 1, volser, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, type, -1, SQLITE_STATIC);
  custody_sql_bind_id_or_null (stmt, 3, pool_id);
  custody_sql_bind_time (stmt, 4, retention);
  sqlite3_bind_int (stmt, 5, worm);
}

static gboolean
import_media_row (CustodyStore        *self,
                  Header              *h,
                  GHashTable          *seen,
                  CustodyImportStats  *stats,
                  GError             **error)
{
  g_autofree char *volser = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *type = cell (h, M_TYPE);
  const char *pool = cell (h, M_POOL);
  const char *location = cell (h, M_LOCATION);
  CustodyUpsertResult result;
  gint64 retention, pool_id = 0, location_id = 0, medium_id = 0, current_location = 0;
  gboolean worm;
  sqlite3_stmt *stmt;
  int rc;

  volser = custody_volser_normalize (cell (h, M_VOLSER), &local_error);
  if (volser == NULL)
    return line_error (h, error, "%s", local_error->message);
  if (g_hash_table_contains (seen, volser))
    return line_error (h, error, _("volume '%s' appears twice"), volser);
  g_hash_table_add (seen, g_strdup (volser));

  if (type[0] == '\0')
    return line_error (h, error, _("volume '%s' has no type"), volser);
  if (!parse_time (h, M_RETENTION, &retention, error) || !parse_bool (h, M_WORM, &worm, error))
    return FALSE;
  if (pool[0] != '\0')
    {
      pool_id = custody_store_find_pool_id (self, pool, TRUE, error);
      if (pool_id == 0)
        return FALSE;
    }
  if (location[0] != '\0')
    {
      location_id = custody_store_find_location_id (self, location, &local_error);
      if (location_id == 0)
        return line_error (h, error, "%s", local_error->message);
    }

  stmt = custody_store_prepare (self,
                                "SELECT m.id, m.type IS ?2 AND m.pool_id IS ?3"
                                "   AND m.retention_until IS ?4 AND m.worm IS ?5,"
                                "   (SELECT to_location_id FROM movements WHERE id = m.movement_id)"
                                " FROM media m WHERE m.volser = ?1", error);
  if (stmt == NULL)
    return FALSE;
  bind_media_cells (stmt, volser, type, pool_id, retention, worm);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      medium_id = sqlite3_column_int64 (stmt, 0);
      result = sqlite3_column_int (stmt, 1) ? CUSTODY_UPSERT_UNCHANGED : CUSTODY_UPSERT_UPDATED;
      current_location = sqlite3_column_int64 (stmt, 2);
    }
  else
    result = CUSTODY_UPSERT_ADDED;
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return custody_store_fail (self, rc, error);

  if (result != CUSTODY_UPSERT_UNCHANGED)
    {
      if (result == CUSTODY_UPSERT_UPDATED)
        stmt = custody_store_prepare (self,
                                      "UPDATE media SET type = ?2, pool_id = ?3,"
                                      " retention_until = ?4, worm = ?5 WHERE volser = ?1",
                                      error);
      else
        stmt = custody_store_prepare (self,
                                      "INSERT INTO media (volser, type, pool_id,"
                                      " retention_until, worm, created_at)"
                                      " VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);
      if (stmt == NULL)
        return FALSE;
      bind_media_cells (stmt, volser, type, pool_id, retention, worm);
      if (result == CUSTODY_UPSERT_ADDED)
        sqlite3_bind_int64 (stmt, 6, custody_store_now (self));
      if (!custody_store_step_done (self, stmt, error))
        return FALSE;
      if (result == CUSTODY_UPSERT_ADDED)
        medium_id = sqlite3_last_insert_rowid (custody_store_get_db (self));
      else if (!custody_store_forget_media_status (self, medium_id, error))
        return FALSE;
    }

  /* A location in the file is an observation: a movement when it differs. */
  if (location_id > 0 && location_id != current_location)
    {
      g_autoptr(CustodyMovement) mv = custody_movement_new ();

      mv->source = g_strdup ("import");
      if (!custody_store_insert_movement (self, medium_id, location_id, mv, error))
        return FALSE;
      if (result == CUSTODY_UPSERT_UNCHANGED)
        result = CUSTODY_UPSERT_UPDATED;
    }

  custody_import_stats_count (stats, result);
  return TRUE;
}

/*
 * executions
 */

typedef struct
{
  GHashTable *copies;      /* "job\x1fcopy" -> gint64 copy id */
  GHashTable *volumes;     /* volser -> gint64 media id */
  GArray     *volume_ids;
  GString    *key;         /* the copies key of the current row */
} ExecutionCache;

static gint64
lookup_copy (CustodyStore    *self,
             Header          *h,
             ExecutionCache  *cache,
             GError         **error)
{
  const char *job = cell (h, E_JOB);
  const char *copy = cell (h, E_COPY);
  gpointer found;
  g_autoptr(GError) local_error = NULL;
  gint64 copy_id;

  g_string_assign (cache->key, job);
  g_string_append_c (cache->key, '\x1f');
  g_string_append (cache->key, copy);
  found = g_hash_table_lookup (cache->copies, cache->key->str);
  if (found != NULL)
    return *(gint64 *) found;

  copy_id = custody_store_find_job_copy_id (self, job, copy, &local_error);
  if (copy_id == 0)
    {
      line_error (h, error, "%s", local_error->message);
      return 0;
    }

  g_hash_table_insert (cache->copies, g_strdup (cache->key->str),
                       g_memdup2 (&copy_id, sizeof copy_id));
  return copy_id;
}

static gboolean
lookup_volumes (CustodyStore    *self,
                Header          *h,
                ExecutionCache  *cache,
                GError         **error)
{
  g_auto(GStrv) volsers = NULL;
  const char *text = cell (h, E_VOLUMES);

  g_array_set_size (cache->volume_ids, 0);
  if (text[0] == '\0')
    return TRUE;

  volsers = g_strsplit (text, ";", -1);
  for (guint i = 0; volsers[i] != NULL; i++)
    {
      g_autoptr(GError) local_error = NULL;
      g_autofree char *volser = custody_volser_normalize (volsers[i], &local_error);
      gpointer found;
      gint64 id;

      if (volser == NULL)
        return line_error (h, error, "%s", local_error->message);

      found = g_hash_table_lookup (cache->volumes, volser);
      if (found != NULL)
        id = *(gint64 *) found;
      else
        {
          id = custody_store_find_medium_id (self, volser, &local_error);
          if (id == 0)
            return line_error (h, error,
                               _("unknown volume '%s' (add it with 'custodyctl media add')"),
                               volser);
          g_hash_table_insert (cache->volumes, g_strdup (volser), g_memdup2 (&id, sizeof id));
        }

      for (guint j = 0; j < cache->volume_ids->len; j++)
        if (g_array_index (cache->volume_ids, gint64, j) == id)
          return line_error (h, error, _("volume '%s' is listed twice"), volser);
      g_array_append_val (cache->volume_ids, id);
    }

  return TRUE;
}

static gboolean
parse_executions_row (CustodyStore      *self,
                      Header            *h,
                      ExecutionCache    *cache,
                      CustodyExecution  *e,
                      CustodyRunBatch   *runs,
                      GError           **error)
{
  g_autoptr(GError) local_error = NULL;
  CustodyImportRun run = { 0, };

  run.copy_id = lookup_copy (self, h, cache, error);
  if (run.copy_id == 0)
    return FALSE;

  if (!custody_run_status_from_string (cell (h, E_STATUS), &e->status))
    {
      g_autofree char *keys = custody_run_status_list_keys ();
      return line_error (h, error, _("status '%s' is not one of %s"), cell (h, E_STATUS), keys);
    }
  if (!parse_time (h, E_STARTED, &e->started, error) ||
      !parse_time (h, E_FINISHED, &e->finished, error) ||
      !parse_int (h, E_BYTES, -1, 0, &e->bytes, error) ||
      !parse_int (h, E_FILES, -1, 0, &e->files, error) ||
      !lookup_volumes (self, h, cache, error))
    return FALSE;

  g_clear_pointer (&e->run_id, g_free);
  if (cell (h, E_RUN_ID)[0] != '\0')
    e->run_id = g_strdup (cell (h, E_RUN_ID));

  if (!custody_store_validate_execution (e, &local_error))
    return line_error (h, error, "%s", local_error->message);

  run.started = e->started;
  run.finished = e->finished;
  run.status = e->status;
  run.bytes = e->bytes;
  run.files = e->files;
  run.run_id = e->run_id;
  run.message = cell (h, E_MESSAGE);
  run.position = custody_csv_reader_get_line (h->reader);
  custody_run_batch_add (runs, &run, cache->volume_ids);

  return TRUE;
}

static char *
describe_line (guint line)
{
  return g_strdup_printf (_("line %u"), line);
}

/**
 * custody_store_import_csv:
 * @kind: "jobs", "media" or "executions"
 * @stats: (out): what the import did
 *
 * Imports one CSV file in one transaction: all of it, or nothing and an
 * error naming the line of the first bad record. Importing the same file
 * again changes nothing.
 */
gboolean
custody_store_import_csv (CustodyStore        *self,
                          const char          *kind,
                          GInputStream        *input,
                          CustodyImportStats  *stats,
                          GCancellable        *cancellable,
                          GError             **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(CustodyCsvReader) reader = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                      seen_job_free);
  g_autoptr(GHashTable) seen_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(CustodyExecution) execution = custody_execution_new ();
  g_autoptr(CustodyRunBatch) runs = custody_run_batch_new (FALSE, describe_line);
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *action = NULL;
  ExecutionCache cache = { 0, };
  Header h = { 0, };
  guint header_fields;
  guint64 rows = 0;
  gboolean ok = FALSE;

  g_return_val_if_fail (CUSTODY_IS_STORE (self), FALSE);
  g_return_val_if_fail (G_IS_INPUT_STREAM (input), FALSE);
  g_return_val_if_fail (stats != NULL, FALSE);

  memset (stats, 0, sizeof *stats);

  if (g_strcmp0 (kind, "jobs") == 0)
    h.columns = job_columns;
  else if (g_strcmp0 (kind, "media") == 0)
    h.columns = media_columns;
  else if (g_strcmp0 (kind, "executions") == 0)
    h.columns = execution_columns;
  else
    {
      g_set_error (error, CUSTODY_STORE_ERROR, CUSTODY_STORE_ERROR_INVALID,
                   _("unknown import '%s' (jobs, media or executions)"), kind);
      return FALSE;
    }

  reader = custody_csv_reader_new (input);
  h.reader = reader;

  cache.copies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  cache.volumes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  cache.volume_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  cache.key = g_string_new (NULL);

  locker = g_mutex_locker_new (custody_store_get_mutex (self));

  if (!custody_store_write_begin_bulk (self, error))
    goto out;

  if (!read_header (&h, h.columns == job_columns ? "job" :
                        h.columns == media_columns ? "volser type" : "job copy started status",
                    cancellable, error))
    goto rollback;
  header_fields = custody_csv_reader_get_n_fields (reader);

  while (custody_csv_reader_next (reader, cancellable, &local_error))
    {
      gboolean row_ok;

      if (!check_width (&h, header_fields, error))
        goto rollback;

      if (h.columns == job_columns)
        row_ok = import_jobs_row (self, &h, seen, seen_keys, stats, error);
      else if (h.columns == media_columns)
        row_ok = import_media_row (self, &h, seen_keys, stats, error);
      else
        /* Runs are all read and checked first, then written in order. */
        row_ok = parse_executions_row (self, &h, &cache, execution, runs, error);

      if (!row_ok)
        goto rollback;

      if (++rows % 8192 == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        goto rollback;
    }

  if (local_error != NULL)
    {
      custody_import_error_as_invalid (&local_error);
      g_propagate_error (error, g_steal_pointer (&local_error));
      goto rollback;
    }

  if (h.columns == execution_columns &&
      !custody_run_batch_write (runs, self, stats, NULL, NULL, cancellable, error))
    goto rollback;

  if (stats->added == 0 && stats->updated == 0)
    {
      /* Nothing changed: nothing to commit or audit. */
      custody_store_write_rollback (self);
      ok = TRUE;
      goto out;
    }

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "rows");
  json_builder_add_int_value (b, (gint64) rows);
  custody_import_stats_add_json (b, stats);
  json_builder_end_object (b);
  action = g_strconcat ("import.", kind, NULL);
  ok = custody_store_write_commit (self, action, "import", NULL, json_builder_get_root (b), error);
  goto out;

rollback:
  custody_store_write_rollback (self);
  memset (stats, 0, sizeof *stats);
out:
  g_hash_table_unref (cache.copies);
  g_hash_table_unref (cache.volumes);
  g_array_unref (cache.volume_ids);
  g_string_free (cache.key, TRUE);
  return ok;
}
