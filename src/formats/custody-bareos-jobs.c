/* custody-bareos-jobs.c
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

/* Bareos' jobs, through bconsole's JSON mode (`.api 2`;
 * DeveloperGuide/api.rst): `list jobs` and `llist jobs` give one object
 * per job, keyed by JobId; `llist jobmedia` one row per file range a job
 * wrote to a volume. Each job is read whole here, with what it becomes
 * (a run, a verification, or nothing); which Custody job and copy it is
 * of, and which media its volumes are, is the store's to find. */

/* JobStatus letters (core/src/include/job_status.h). */
typedef enum
{
  OUTCOME_SUCCESS,
  OUTCOME_WARNING,
  OUTCOME_FAILED,
  OUTCOME_DIFFERENCES,
  OUTCOME_RUNNING,
} Outcome;

static const struct
{
  char     letter;
  Outcome  outcome;
} job_statuses[] = {
  { 'T', OUTCOME_SUCCESS },      /* terminated normally */
  { 'W', OUTCOME_WARNING },      /* terminated with warnings */
  { 'E', OUTCOME_FAILED },       /* terminated in error */
  { 'e', OUTCOME_FAILED },       /* non-fatal error */
  { 'f', OUTCOME_FAILED },       /* fatal error */
  { 'A', OUTCOME_FAILED },       /* canceled */
  { 'D', OUTCOME_DIFFERENCES },  /* verify found differences */
  { 'R', OUTCOME_RUNNING },      /* running */
  { 'C', OUTCOME_RUNNING },      /* created, not yet running */
  { 'B', OUTCOME_RUNNING },      /* blocked */
  { 'F', OUTCOME_RUNNING },      /* waiting on the file daemon */
  { 'S', OUTCOME_RUNNING },      /* waiting on the storage daemon */
  { 'm', OUTCOME_RUNNING },      /* waiting for a new volume */
  { 'M', OUTCOME_RUNNING },      /* waiting for a mount */
  { 's', OUTCOME_RUNNING },      /* waiting for storage */
  { 'j', OUTCOME_RUNNING },      /* waiting for a job */
  { 'c', OUTCOME_RUNNING },      /* waiting for the client */
  { 'd', OUTCOME_RUNNING },      /* waiting for the maximum jobs */
  { 't', OUTCOME_RUNNING },      /* waiting for the start time */
  { 'p', OUTCOME_RUNNING },      /* waiting for a higher priority job */
  { 'a', OUTCOME_RUNNING },      /* SD despooling attributes */
  { 'i', OUTCOME_RUNNING },      /* doing batch insert of attributes */
  { 'l', OUTCOME_RUNNING },      /* despooling data */
  { 'L', OUTCOME_RUNNING },      /* committing data */
  { 'q', OUTCOME_RUNNING },      /* queued waiting for a device */
};

#define KNOWN_JOB_STATUSES \
  "T, W, E, e, f, A, D, R, C, B, F, S, m, M, s, j, c, d, t, p, a, i, l, L, q"

static void
job_clear (gpointer data)
{
  CustodyBareosJob *job = data;

  g_free (job->name);
  g_free (job->pool);
  g_free (job->status);
  g_free (job->message);
}

static void
job_media_clear (gpointer data)
{
  CustodyBareosJobMedia *row = data;

  g_free (row->volser);
}

/* "4651943" or 4651943: a JobId. */
static gboolean
get_id (CustodyToolText   *text,
        CustodyJsonDoc    *doc,
        CustodyJsonNode    object,
        const char        *member,
        const char        *what,
        gint64            *out,
        GError           **error)
{
  *out = -1;
  if (!custody_tool_text_get_count (text, doc, object, member, TRUE, what, out, error))
    return FALSE;
  if (*out < 0)
    return custody_tool_text_fail_at (text, custody_json_doc_get_offset (doc, object), error,
                                      _("%s has no \"%s\""), what, member);
  return TRUE;
}

static const char *
level_name (const char *level)
{
  if (g_strcmp0 (level, "F") == 0)
    return "Full";
  if (g_strcmp0 (level, "I") == 0)
    return "Incremental";
  if (g_strcmp0 (level, "D") == 0)
    return "Differential";
  return level;
}

/* What a backup, copy or verify job says, into @job (its JobId, type,
 * index and offset are read). */
static gboolean
read_job_details (CustodyToolText   *text,
                  CustodyJsonDoc    *doc,
                  CustodyJsonNode    row,
                  CustodyBareosJob  *job,
                  GError           **error)
{
  g_autofree char *what = g_strdup_printf (_("job %u (JobId %lld)"), job->index,
                                           (long long) job->jobid);
  g_autofree char *level = NULL;
  gint64 start = CUSTODY_TIME_NONE, end = CUSTODY_TIME_NONE, real_end = CUSTODY_TIME_NONE;
  gint64 scheduled = CUSTODY_TIME_NONE, errors = 0;
  Outcome outcome = OUTCOME_FAILED;
  gboolean known = FALSE;

  if (!custody_tool_text_get_string (text, doc, row, "name", TRUE, what, &job->name, error) ||
      !custody_tool_text_get_string (text, doc, row, "jobstatus", TRUE, what, &job->status,
                                     error) ||
      !custody_tool_text_get_string (text, doc, row, "level", FALSE, what, &level, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (job_statuses) && strlen (job->status) == 1; i++)
    if (job_statuses[i].letter == job->status[0])
      {
        outcome = job_statuses[i].outcome;
        known = TRUE;
      }
  if (!known)
    {
      CustodyJsonNode node = custody_json_doc_member_nocase (doc, row, "jobstatus");
      return custody_tool_text_fail_at (text, custody_json_doc_get_offset (doc, node), error,
                                        _("%s: jobstatus '%s' is not a Bareos job status (%s)"),
                                        what, job->status, KNOWN_JOB_STATUSES);
    }

  if (!custody_tool_text_get_time (text, doc, row, "starttime", FALSE, what, &start, error) ||
      !custody_tool_text_get_time (text, doc, row, "endtime", FALSE, what, &end, error) ||
      !custody_tool_text_get_time (text, doc, row, "realendtime", FALSE, what, &real_end,
                                   error) ||
      !custody_tool_text_get_time (text, doc, row, "schedtime", FALSE, what, &scheduled, error))
    return FALSE;
  if (real_end != CUSTODY_TIME_NONE)
    end = real_end;
  if (start == CUSTODY_TIME_NONE)
    start = scheduled != CUSTODY_TIME_NONE ? scheduled : end;
  if (start == CUSTODY_TIME_NONE)
    return custody_tool_text_fail_at (text, job->offset, error,
                                      _("%s has no time: no \"starttime\", \"schedtime\" or "
                                        "\"endtime\""), what);
  if (!custody_tool_text_get_count (text, doc, row, "joberrors", TRUE, what, &errors, error))
    return FALSE;
  if (job->type == 'V' &&
      !custody_tool_text_get_count (text, doc, row, "priorjobid", TRUE, what, &job->prior_jobid,
                                    error))
    return FALSE;
  if (!custody_tool_text_get_string (text, doc, row, "poolname", FALSE, what, &job->pool, error))
    return FALSE;
  if (job->pool != NULL && job->pool[0] == '\0')
    g_clear_pointer (&job->pool, g_free);

  job->running = outcome == OUTCOME_RUNNING;
  job->started = start;

  /* A verification counts once it is over; one still running is read
   * all the same, for its copy. */
  if (job->type == 'V' || outcome == OUTCOME_DIFFERENCES)
    {
      job->kind = CUSTODY_BAREOS_JOB_VERIFICATION;
      job->finished = end != CUSTODY_TIME_NONE ? end : start;
      job->finish_known = end != CUSTODY_TIME_NONE;
      job->passed = outcome == OUTCOME_SUCCESS || outcome == OUTCOME_WARNING;
      job->errors = job->passed ? 0 : MAX (errors, 1);
      job->duration_s = end != CUSTODY_TIME_NONE && end >= start ? end - start : -1;
      job->message = g_strdup_printf ("Bareos JobId %" G_GINT64_FORMAT " %s: jobstatus %s",
                                      job->jobid, job->name, job->status);
      return TRUE;
    }

  job->kind = CUSTODY_BAREOS_JOB_RUN;
  switch (outcome)
    {
    case OUTCOME_SUCCESS:
      job->run_status = CUSTODY_RUN_SUCCESS;
      break;
    case OUTCOME_WARNING:
      job->run_status = CUSTODY_RUN_WARNING;
      break;
    case OUTCOME_RUNNING:
      job->run_status = CUSTODY_RUN_RUNNING;
      break;
    case OUTCOME_FAILED:
    case OUTCOME_DIFFERENCES:
    default:
      job->run_status = CUSTODY_RUN_FAILED;
      break;
    }
  if (job->running)
    job->finished = CUSTODY_TIME_NONE;
  else
    {
      job->finished = end != CUSTODY_TIME_NONE ? end : start;
      job->finish_known = end != CUSTODY_TIME_NONE;
      if (job->finished < job->started)
        {
          g_autofree char *s = custody_time_format (job->started);
          g_autofree char *f = custody_time_format (job->finished);
          return custody_tool_text_fail_at (text, job->offset, error,
                                            _("%s: it ends (%s) before it starts (%s)"), what, f,
                                            s);
        }
    }

  job->bytes = job->files = -1;
  if (!custody_tool_text_get_count (text, doc, row, "jobbytes", TRUE, what, &job->bytes,
                                    error) ||
      !custody_tool_text_get_count (text, doc, row, "jobfiles", TRUE, what, &job->files, error))
    return FALSE;

  job->message = g_strdup_printf ("Bareos JobId %" G_GINT64_FORMAT "%s%s, jobstatus %s",
                                  job->jobid, level != NULL ? ", " : "",
                                  level != NULL ? level_name (level) : "", job->status);
  return TRUE;
}

/* The jobs of one list, checked and added in the order listed. */
static gboolean
read_job_list (CustodyToolText    *text,
               CustodyJsonDoc     *doc,
               CustodyJsonNode     list,
               CustodyBareosJobs  *jobs,
               GHashTable         *seen,
               GError            **error)
{
  CustodyJsonNode row;

  if (custody_json_doc_kind (doc, list) != CUSTODY_JSON_ARRAY)
    return custody_tool_text_fail_at (text, custody_json_doc_get_offset (doc, list), error,
                                      _("\"jobs\" should be an array, not %s"),
                                      custody_json_doc_kind_name (doc, list));

  row = custody_json_doc_first (doc, list);
  for (guint i = 0; i < custody_json_doc_get_length (doc, list); i++)
    {
      g_autofree char *what = g_strdup_printf (_("job %u"), jobs->jobs->len + 1);
      g_autofree char *type = NULL;
      CustodyBareosJob job = { 0, };
      gpointer other;

      if (custody_json_doc_kind (doc, row) != CUSTODY_JSON_OBJECT)
        return custody_tool_text_fail_at (text, custody_json_doc_get_offset (doc, row), error,
                                          _("%s should be an object, not %s"), what,
                                          custody_json_doc_kind_name (doc, row));
      if (!get_id (text, doc, row, "jobid", what, &job.jobid, error) ||
          !custody_tool_text_get_string (text, doc, row, "type", FALSE, what, &type, error))
        return FALSE;
      if (type != NULL && strlen (type) != 1)
        {
          CustodyJsonNode node = custody_json_doc_member_nocase (doc, row, "type");
          return custody_tool_text_fail_at (text, custody_json_doc_get_offset (doc, node), error,
                                            _("%s: type '%s' is not a Bareos job type (B, C, V, "
                                              "R...)"), what, type);
        }
      job.type = type != NULL ? type[0] : 'B';
      job.index = jobs->jobs->len + 1;
      job.offset = custody_json_doc_get_offset (doc, row);
      job.kind = CUSTODY_BAREOS_JOB_SKIPPED;

      if (g_hash_table_lookup_extended (seen, &job.jobid, NULL, &other))
        return custody_tool_text_fail_at (text, job.offset, error,
                                          _("%s: JobId %lld appears twice (also job %u)"),
                                          what, (long long) job.jobid, GPOINTER_TO_UINT (other));
      g_hash_table_insert (seen, g_memdup2 (&job.jobid, sizeof job.jobid),
                           GUINT_TO_POINTER (job.index));

      /* Restores, admin jobs and the like say nothing of a copy. */
      if ((job.type == 'B' || job.type == 'C' || job.type == 'V') &&
          !read_job_details (text, doc, row, &job, error))
        {
          job_clear (&job);
          return FALSE;
        }
      g_array_append_val (jobs->jobs, job);

      if (i % 1024 == 1023 && g_cancellable_set_error_if_cancelled (text->cancellable, error))
        return FALSE;
      row = custody_json_doc_next (doc, row);
    }

  return TRUE;
}

/* The rows of one `llist jobmedia`. */
static gboolean
read_job_media (CustodyToolText    *text,
                CustodyJsonDoc     *doc,
                CustodyJsonNode     list,
                CustodyBareosJobs  *jobs,
                GError            **error)
{
  CustodyJsonNode row;

  if (custody_json_doc_kind (doc, list) != CUSTODY_JSON_ARRAY)
    return custody_tool_text_fail_at (text, custody_json_doc_get_offset (doc, list), error,
                                      _("\"jobmedia\" should be an array, not %s"),
                                      custody_json_doc_kind_name (doc, list));

  row = custody_json_doc_first (doc, list);
  for (guint i = 0; i < custody_json_doc_get_length (doc, list); i++)
    {
      g_autofree char *what = g_strdup_printf (_("jobmedia row %u"), i + 1);
      g_autofree char *name = NULL;
      g_autoptr(GError) local_error = NULL;
      CustodyBareosJobMedia media = { 0, };

      media.offset = custody_json_doc_get_offset (doc, row);
      if (custody_json_doc_kind (doc, row) != CUSTODY_JSON_OBJECT)
        return custody_tool_text_fail_at (text, media.offset, error,
                                          _("%s should be an object, not %s"), what,
                                          custody_json_doc_kind_name (doc, row));
      if (!get_id (text, doc, row, "jobid", what, &media.jobid, error) ||
          !custody_tool_text_get_string (text, doc, row, "volumename", TRUE, what, &name, error))
        return FALSE;

      media.volser = custody_volser_normalize (name, &local_error);
      if (media.volser == NULL)
        return custody_tool_text_fail_at (text, media.offset, error, "%s: %s", what,
                                          local_error->message);
      media.index = i + 1;
      g_array_append_val (jobs->media, media);

      row = custody_json_doc_next (doc, row);
    }

  return TRUE;
}

void
custody_bareos_jobs_clear (CustodyBareosJobs *jobs)
{
  g_clear_pointer (&jobs->jobs, g_array_unref);
  g_clear_pointer (&jobs->media, g_array_unref);
}

/**
 * custody_bareos_read_jobs:
 *
 * Reads bconsole's lists of jobs and of jobmedia rows (JSON, .api 2).
 */
gboolean
custody_bareos_read_jobs (CustodyToolText    *text,
                          CustodyBareosJobs  *jobs,
                          GError            **error)
{
  g_autoptr(CustodyJsonDoc) doc = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  gboolean any_list = FALSE;

  custody_bareos_jobs_clear (jobs);
  jobs->jobs = g_array_new (FALSE, TRUE, sizeof (CustodyBareosJob));
  g_array_set_clear_func (jobs->jobs, job_clear);
  jobs->media = g_array_new (FALSE, TRUE, sizeof (CustodyBareosJobMedia));
  g_array_set_clear_func (jobs->media, job_media_clear);

  doc = custody_tool_text_parse_json (text, CUSTODY_JSON_PARSE_MANY, error);
  if (doc == NULL || !custody_bareos_check_answers (text, doc, error))
    return FALSE;

  /* In the order printed: the first record that is wrong is the one named. */
  for (guint r = 0; r < custody_json_doc_get_n_roots (doc); r++)
    {
      CustodyJsonNode result = custody_bareos_result (doc, custody_json_doc_get_root (doc, r));
      CustodyJsonNode list = custody_json_doc_member (doc, result, "jobs");
      CustodyJsonNode media = custody_json_doc_member (doc, result, "jobmedia");

      if (list != 0)
        {
          any_list = TRUE;
          if (!read_job_list (text, doc, list, jobs, seen, error))
            return FALSE;
        }
      if (media != 0 && !read_job_media (text, doc, media, jobs, error))
        return FALSE;
    }

  if (!any_list)
    return custody_tool_text_fail_at (text, 0, error,
                                      _("no list of jobs here: give bconsole's 'llist jobs' in "
                                        "JSON mode (.api 2)"));
  return TRUE;
}
