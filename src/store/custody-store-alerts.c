/* custody-store-alerts.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custody-store"

#include "config.h"

#include <locale.h>

#include <glib/gi18n-lib.h>

#include "custody-json.h"
#include "custody-store-private.h"
#include "custody-time.h"

/* Alerts follow the engine's verdicts: one open alert per cause (a job in
 * violation, a copy whose latest run failed, a copy whose verification is
 * overdue), raised when the cause appears and resolved when it goes. */

typedef struct
{
  char            *cause;
  const char      *kind;
  CustodySeverity  severity;
  char            *subject;
  char            *detail;
} Cause;

static void
cause_free (gpointer data)
{
  Cause *c = data;

  g_free (c->cause);
  g_free (c->subject);
  g_free (c->detail);
  g_free (c);
}

static void
add_cause (GHashTable      *causes,
           char            *cause,
           const char      *kind,
           CustodySeverity  severity,
           const char      *subject,
           const char      *detail)
{
  Cause *c = g_new0 (Cause, 1);

  c->cause = cause;
  c->kind = kind;
  c->severity = severity;
  c->subject = g_strdup (subject);
  c->detail = g_strdup (detail);
  g_hash_table_replace (causes, c->cause, c);
}

static GHashTable *
causes_from_verdicts (GPtrArray *verdicts)
{
  GHashTable *causes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, cause_free);

  for (guint i = 0; i < verdicts->len; i++)
    {
      CustodyVerdict *v = g_ptr_array_index (verdicts, i);

      if (v->status == CUSTODY_STATUS_VIOLATION)
        {
          g_autoptr(GString) rules = g_string_new (NULL);

          for (guint r = 0; r < CUSTODY_N_RULES; r++)
            if (!v->rules[r].pass)
              g_string_append_printf (rules, "%s%s", rules->len > 0 ? ", " : "",
                                      custody_rule_to_string (r));
          add_cause (causes, g_strconcat ("violation:", v->job, NULL), "violation",
                     CUSTODY_SEVERITY_CRITICAL, v->job, rules->str);
        }

      for (guint c = 0; c < v->n_copies; c++)
        {
          const CustodyCopyVerdict *cv = &v->copies[c];

          if (cv->latest_run_failed)
            add_cause (causes, g_strdup_printf ("failed-run:%s/%s", v->job, cv->name), "failed-run",
                       CUSTODY_SEVERITY_WARNING, v->job, cv->name);
          if (cv->verification == CUSTODY_VERIFICATION_MISSING)
            add_cause (causes, g_strdup_printf ("verification-overdue:%s/%s", v->job, cv->name),
                       "verification-overdue", CUSTODY_SEVERITY_WARNING, v->job, cv->name);
        }
    }

  return causes;
}

static gboolean
is_engine_kind (const char *kind)
{
  return g_str_equal (kind, "violation") || g_str_equal (kind, "failed-run") ||
         g_str_equal (kind, "verification-overdue");
}

/* The copy an engine alert is about, from its detail; NULL for a violation. */
static const char *
engine_alert_copy (const char *kind,
                   const char *detail)
{
  return g_str_equal (kind, "violation") ? NULL : detail;
}

/* Each of @jobs judged at @at, by name. The engine words its reasons in
 * the calling thread's language: with @english, in English, whatever
 * the reader's, for what the store keeps. */
static GHashTable *
verdicts_by_job_locked (CustodyStore  *self,
                        GPtrArray     *jobs,
                        gint64         at,
                        gboolean       english,
                        GError       **error)
{
  g_autoptr(GHashTable) by_job = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                        (GDestroyNotify) custody_verdict_unref);
  g_autoptr(CustodySnapshot) snapshot = NULL;
  g_autoptr(GPtrArray) verdicts = NULL;
  CustodyPolicy policy;
  locale_t c_locale = (locale_t) 0;
  locale_t previous = (locale_t) 0;

  if (!custody_store_read_policy (self, &policy, error))
    return NULL;
  g_ptr_array_add (jobs, NULL);
  snapshot = custody_store_load_snapshot_locked (self, (const char * const *) jobs->pdata, at,
                                                 error);
  g_ptr_array_remove_index (jobs, jobs->len - 1);
  if (snapshot == NULL)
    return NULL;

  /* gettext leaves every message untranslated in the C locale, even
   * with LANGUAGE set; uselocale() changes this thread's alone. */
  if (english)
    {
      c_locale = newlocale (LC_ALL_MASK, "C", (locale_t) 0);
      if (c_locale != (locale_t) 0)
        previous = uselocale (c_locale);
    }
  verdicts = custody_snapshot_evaluate (snapshot, &policy);
  if (c_locale != (locale_t) 0)
    {
      uselocale (previous);
      freelocale (c_locale);
    }

  for (guint i = 0; i < verdicts->len; i++)
    {
      CustodyVerdict *v = g_ptr_array_index (verdicts, i);
      g_hash_table_replace (by_job, v->job, custody_verdict_ref (v));
    }

  return g_steal_pointer (&by_job);
}

/* Whether the reader's language is other than the store's English. */
static gboolean
reader_translates (void)
{
  return !g_str_equal (custody_rule_get_label (CUSTODY_RULE_3_COPIES),
                       custody_rule_get_english_label (CUSTODY_RULE_3_COPIES));
}

/* Words the engine's alerts with the verdicts behind them, in the
 * reader's language: an open alert with its job's verdict now (why it is
 * still open, today), a resolved one with the verdict that raised it (the
 * same reasons the store keeps, translated). An English reader of a
 * resolved alert reads what the store keeps; a verdict that no longer
 * shows the cause leaves the alert as it was. */
static void
word_engine_alerts_locked (CustodyStore *self,
                           GPtrArray    *alerts,
                           GPtrArray    *details,
                           gboolean      translates,
                           GPtrArray    *now_verdicts)
{
  g_autoptr(GHashTable) by_time = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                         (GDestroyNotify) g_ptr_array_unref);
  gint64 now = custody_store_now (self);
  GHashTableIter iter;
  gpointer key, value;

  for (guint i = 0; i < alerts->len; i++)
    {
      CustodyAlert *a = g_ptr_array_index (alerts, i);
      gboolean open = a->resolved_at == CUSTODY_TIME_NONE || a->resolved_at > now;
      gint64 at = open ? now : a->raised_at;
      GPtrArray *group;

      if (!is_engine_kind (a->kind) || g_ptr_array_index (details, i) == NULL ||
          (!open && !translates))
        continue;
      group = g_hash_table_lookup (by_time, &at);
      if (group == NULL)
        {
          group = g_ptr_array_new ();
          g_hash_table_insert (by_time, g_memdup2 (&at, sizeof at), group);
        }
      g_ptr_array_add (group, GUINT_TO_POINTER (i));
    }

  g_hash_table_iter_init (&iter, by_time);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GPtrArray *group = value;
      g_autoptr(GPtrArray) jobs = g_ptr_array_new ();
      g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
      g_autoptr(GHashTable) verdicts = NULL;
      g_autoptr(GError) error = NULL;

      for (guint k = 0; k < group->len; k++)
        {
          CustodyAlert *a = g_ptr_array_index (alerts, GPOINTER_TO_UINT (group->pdata[k]));

          if (g_hash_table_add (seen, a->subject))
            g_ptr_array_add (jobs, a->subject);
        }
      /* The caller judged every job now already (the app's reload does): those
       * verdicts word the open alerts, rather than judging their jobs again. */
      if (now_verdicts != NULL && *(gint64 *) key == now)
        {
          verdicts = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                            (GDestroyNotify) custody_verdict_unref);
          for (guint k = 0; k < now_verdicts->len; k++)
            {
              CustodyVerdict *v = g_ptr_array_index (now_verdicts, k);

              g_hash_table_replace (verdicts, v->job, custody_verdict_ref (v));
            }
        }
      else
        verdicts = verdicts_by_job_locked (self, jobs, *(gint64 *) key, FALSE, &error);
      if (verdicts == NULL)
        {
          g_debug ("Alerts worded as stored: %s", error->message);
          continue;
        }
      for (guint k = 0; k < group->len; k++)
        {
          guint i = GPOINTER_TO_UINT (group->pdata[k]);
          CustodyAlert *a = g_ptr_array_index (alerts, i);
          CustodyVerdict *v = g_hash_table_lookup (verdicts, a->subject);
          const char *copy = engine_alert_copy (a->kind, g_ptr_array_index (details, i));
          char *message;

          if (v == NULL)
            continue;
          message = custody_alert_describe_verdict (a->kind, v, copy, TRUE);
          if (message != NULL)
            {
              g_free (a->message);
              a->message = message;
            }
        }
    }
}

/**
 * custody_store_sync_alerts:
 * @verdicts: (element-type CustodyVerdict): every job's verdict, now
 * @raised: (out) (optional): how many alerts were raised
 * @resolved: (out) (optional): how many were resolved
 *
 * Raises an alert for each new cause and resolves those whose cause is
 * gone, in one transaction; writes nothing when nothing changed.
 */
gboolean
custody_store_sync_alerts (CustodyStore  *self,
                           GPtrArray     *verdicts,
                           guint         *raised,
                           guint         *resolved,
                           GError       **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(GHashTable) causes = NULL;
  g_autoptr(GHashTable) open = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) new_jobs = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) new_job_names = g_ptr_array_new ();
  g_autoptr(GHashTable) english = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  GHashTableIter iter;
  gpointer key, value;
  sqlite3_stmt *stmt;
  guint n_raised = 0, n_resolved = 0;
  gint64 now;
  int rc;

  g_return_val_if_fail (CUSTODY_IS_STORE (self), FALSE);
  g_return_val_if_fail (verdicts != NULL, FALSE);

  causes = causes_from_verdicts (verdicts);

  locker = g_mutex_locker_new (custody_store_get_mutex (self));
  now = custody_store_now (self);

  if (!custody_store_write_begin (self, error))
    return FALSE;

  /* Only the causes the verdicts decide: the desk raises and resolves
   * its own (missing and overdue volumes). */
  stmt = custody_store_prepare (self,
                                "SELECT id, cause, message FROM alerts WHERE resolved_at IS NULL"
                                "   AND kind IN ('violation', 'failed-run',"
                                "                'verification-overdue')", error);
  if (stmt == NULL)
    goto fail;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (open, g_strdup (custody_sql_text (stmt, 1)),
                         g_memdup2 (&(gint64) { sqlite3_column_int64 (stmt, 0) }, sizeof (gint64)));
  if (!custody_store_finish_steps (self, stmt, rc, error))
    goto fail;

  /* Resolve what no longer holds. */
  g_hash_table_iter_init (&iter, open);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      if (g_hash_table_contains (causes, key))
        continue;
      stmt = custody_store_prepare (self, "UPDATE alerts SET resolved_at = ? WHERE id = ?", error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, now);
      sqlite3_bind_int64 (stmt, 2, *(gint64 *) value);
      if (!custody_store_step_done (self, stmt, error))
        goto fail;
      n_resolved++;
    }

  /* What is new is worded with the engine's reasons, in English. */
  g_hash_table_iter_init (&iter, causes);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Cause *c = value;

      if (!g_hash_table_contains (open, key) && g_hash_table_add (new_jobs, c->subject))
        g_ptr_array_add (new_job_names, c->subject);
    }
  if (new_job_names->len > 0)
    {
      english = verdicts_by_job_locked (self, new_job_names, now, TRUE, error);
      if (english == NULL)
        goto fail;
    }

  /* Raise what is new; an open alert for the same cause stays as it is. */
  g_hash_table_iter_init (&iter, causes);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Cause *c = value;
      g_autofree char *message = NULL;
      CustodyVerdict *v;

      if (g_hash_table_contains (open, key))
        continue;
      v = english != NULL ? g_hash_table_lookup (english, c->subject) : NULL;
      if (v != NULL)
        message = custody_alert_describe_verdict (c->kind, v,
                                                  engine_alert_copy (c->kind, c->detail), FALSE);
      if (message == NULL)
        message = custody_alert_describe (c->kind, c->subject, c->detail, FALSE);
      stmt = custody_store_prepare (self,
                                    "INSERT INTO alerts (cause, kind, severity, subject, message,"
                                    " detail, raised_at) VALUES (?, ?, ?, ?, ?, ?, ?)", error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_text (stmt, 1, c->cause, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, c->kind, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, custody_severity_to_string (c->severity), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, c->subject, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, message, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 6, c->detail, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 7, now);
      if (!custody_store_step_done (self, stmt, error))
        goto fail;
      n_raised++;
    }

  if (raised != NULL)
    *raised = n_raised;
  if (resolved != NULL)
    *resolved = n_resolved;

  if (n_raised == 0 && n_resolved == 0)
    {
      custody_store_write_rollback (self);
      return TRUE;
    }

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "raised");
  json_builder_add_int_value (b, n_raised);
  json_builder_set_member_name (b, "resolved");
  json_builder_add_int_value (b, n_resolved);
  json_builder_end_object (b);
  return custody_store_write_commit (self, "alerts.sync", "alerts", NULL, json_builder_get_root (b),
                                     error);

fail:
  custody_store_write_rollback (self);
  return FALSE;
}

GPtrArray *
custody_store_list_alerts (CustodyStore  *self,
                           gboolean       include_resolved,
                           GError       **error)
{
  return custody_store_list_alerts_judged (self, include_resolved, NULL, error);
}

/**
 * custody_store_list_alerts_judged:
 * @now_verdicts: (nullable) (element-type CustodyVerdict): every job's verdict now, in the
 *   reader's language, if the caller has them
 *
 * custody_store_list_alerts(), wording the open alerts with @now_verdicts instead
 * of judging their jobs again.
 */
GPtrArray *
custody_store_list_alerts_judged (CustodyStore  *self,
                                  gboolean       include_resolved,
                                  GPtrArray     *now_verdicts,
                                  GError       **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(GPtrArray) alerts = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) details = g_ptr_array_new_with_free_func (g_free);
  gboolean translates = reader_translates ();
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CUSTODY_IS_STORE (self), NULL);

  locker = g_mutex_locker_new (custody_store_get_mutex (self));

  /* The gravest first and, within a severity, the newest: what changed
   * since the operator last looked, as monitoring consoles list it. */
  stmt = custody_store_prepare (self,
                                "SELECT id, cause, kind, severity, subject, message, raised_at,"
                                "       resolved_at, acknowledged_by, acknowledged_at, detail,"
                                "       acknowledged_note"
                                " FROM alerts WHERE raised_at <= ?1"
                                "   AND (?2 OR resolved_at IS NULL OR resolved_at > ?1)"
                                " ORDER BY CASE severity WHEN 'critical' THEN 0"
                                "                        WHEN 'warning' THEN 1 ELSE 2 END,"
                                "          raised_at DESC, id DESC", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, custody_store_now (self));
  sqlite3_bind_int (stmt, 2, include_resolved);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CustodyAlert *a = custody_alert_new ();

      a->id = sqlite3_column_int64 (stmt, 0);
      a->cause = g_strdup (custody_sql_text (stmt, 1));
      a->kind = g_strdup (custody_sql_text (stmt, 2));
      custody_severity_from_string (custody_sql_text (stmt, 3), &a->severity);
      a->subject = g_strdup (custody_alert_subject (a->kind, custody_sql_text (stmt, 4)));
      /* Worded for the reader when the alert says what it is about; the
       * engine's own are worded again below, with their reasons. */
      if (sqlite3_column_type (stmt, 10) != SQLITE_NULL &&
          (translates || !is_engine_kind (a->kind)))
        a->message = custody_alert_describe (a->kind, a->subject, custody_sql_text (stmt, 10),
                                             TRUE);
      if (a->message == NULL)
        a->message = g_strdup (custody_sql_text (stmt, 5));
      a->raised_at = sqlite3_column_int64 (stmt, 6);
      a->resolved_at = custody_sql_time (stmt, 7);
      a->acknowledged_by = custody_sql_dup_or_null (stmt, 8);
      a->acknowledged_at = custody_sql_time (stmt, 9);
      a->acknowledged_note = custody_sql_dup_or_null (stmt, 11);
      g_ptr_array_add (alerts, a);
      g_ptr_array_add (details, custody_sql_dup_or_null (stmt, 10));
    }
  if (!custody_store_finish_steps (self, stmt, rc, error))
    return NULL;

  word_engine_alerts_locked (self, alerts, details, translates, now_verdicts);

  return g_steal_pointer (&alerts);
}

/* Whether alert @id is in the store; NOT_FOUND, naming it, if not. */
static gboolean
alert_exists_locked (CustodyStore  *self,
                     gint64         id,
                     GError       **error)
{
  sqlite3_stmt *stmt = custody_store_prepare (self, "SELECT 1 FROM alerts WHERE id = ?", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, CUSTODY_STORE_ERROR, CUSTODY_STORE_ERROR_NOT_FOUND,
                   _("unknown alert %lld"), (long long) id);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    return custody_store_fail (self, rc, error);
  return TRUE;
}

/**
 * custody_store_acknowledge_alerts:
 * @ids: (element-type gint64): the alerts
 * @by: who acknowledges them
 * @note: (nullable): why, in their words; %NULL or "" for none
 * @newly: (element-type gint64) (nullable): filled with the alerts this
 *   call acknowledged, for an undo
 *
 * Records who acknowledged each alert, when, and why. An alert already
 * acknowledged keeps its first acknowledgement. An unknown id writes
 * nothing.
 *
 * Returns: the number of alerts newly acknowledged, or -1 on error
 */
gint
custody_store_acknowledge_alerts (CustodyStore  *self,
                                  GArray        *ids,
                                  const char    *by,
                                  const char    *note,
                                  GArray        *newly,
                                  GError       **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(GArray) done = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  gint64 now;

  g_return_val_if_fail (CUSTODY_IS_STORE (self), -1);
  g_return_val_if_fail (ids != NULL, -1);
  g_return_val_if_fail (by != NULL && by[0] != '\0', -1);

  if (note != NULL && note[0] == '\0')
    note = NULL;

  locker = g_mutex_locker_new (custody_store_get_mutex (self));
  now = custody_store_now (self);

  if (!custody_store_write_begin (self, error))
    return -1;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "by");
  json_builder_add_string_value (b, by);
  if (note != NULL)
    {
      json_builder_set_member_name (b, "note");
      json_builder_add_string_value (b, note);
    }
  json_builder_set_member_name (b, "alerts");
  json_builder_begin_array (b);

  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);

      if (!alert_exists_locked (self, id, error))
        goto fail;

      stmt = custody_store_prepare (self,
                                    "UPDATE alerts SET acknowledged_by = ?, acknowledged_at = ?,"
                                    "                  acknowledged_note = ?"
                                    " WHERE id = ? AND acknowledged_at IS NULL", error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_text (stmt, 1, by, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, now);
      if (note != NULL)
        sqlite3_bind_text (stmt, 3, note, -1, SQLITE_STATIC);
      else
        sqlite3_bind_null (stmt, 3);
      sqlite3_bind_int64 (stmt, 4, id);
      if (!custody_store_step_done (self, stmt, error))
        goto fail;
      if (sqlite3_changes (custody_store_get_db (self)) > 0)
        {
          g_array_append_val (done, id);
          json_builder_add_int_value (b, id);
        }
    }

  json_builder_end_array (b);
  json_builder_end_object (b);

  if (done->len == 0)
    {
      custody_store_write_rollback (self);
      return 0;
    }

  if (!custody_store_write_commit (self, "alerts.acknowledge", "alerts", NULL,
                                   json_builder_get_root (b), error))
    return -1;
  if (newly != NULL)
    g_array_append_vals (newly, done->data, done->len);
  return (gint) done->len;

fail:
  custody_store_write_rollback (self);
  return -1;
}

/**
 * custody_store_unacknowledge_alerts:
 * @ids: (element-type gint64): the alerts
 *
 * Takes back the acknowledgement of each alert (an undo): who, when and
 * the note are cleared, and the audit trail keeps what they were. An
 * unknown id writes nothing.
 *
 * Returns: the number of alerts no longer acknowledged, or -1 on error
 */
gint
custody_store_unacknowledge_alerts (CustodyStore  *self,
                                    GArray        *ids,
                                    GError       **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(JsonBuilder) before = json_builder_new ();
  g_autoptr(JsonBuilder) after = json_builder_new ();
  sqlite3_stmt *stmt;
  gint count = 0;
  int rc;

  g_return_val_if_fail (CUSTODY_IS_STORE (self), -1);
  g_return_val_if_fail (ids != NULL, -1);

  locker = g_mutex_locker_new (custody_store_get_mutex (self));

  if (!custody_store_write_begin (self, error))
    return -1;

  json_builder_begin_array (before);
  json_builder_begin_object (after);
  json_builder_set_member_name (after, "alerts");
  json_builder_begin_array (after);

  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);

      if (!alert_exists_locked (self, id, error))
        goto fail;

      stmt = custody_store_prepare (self,
                                    "SELECT acknowledged_by, acknowledged_at, acknowledged_note"
                                    " FROM alerts WHERE id = ? AND acknowledged_at IS NOT NULL",
                                    error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, id);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          json_builder_begin_object (before);
          json_builder_set_member_name (before, "id");
          json_builder_add_int_value (before, id);
          json_builder_set_member_name (before, "by");
          json_builder_add_string_value (before, custody_sql_text (stmt, 0));
          json_builder_set_member_name (before, "at");
          json_builder_add_int_value (before, sqlite3_column_int64 (stmt, 1));
          if (sqlite3_column_type (stmt, 2) != SQLITE_NULL)
            {
              json_builder_set_member_name (before, "note");
              json_builder_add_string_value (before, custody_sql_text (stmt, 2));
            }
          json_builder_end_object (before);
        }
      sqlite3_reset (stmt);
      if (rc == SQLITE_DONE)
        continue;
      if (rc != SQLITE_ROW)
        {
          custody_store_fail (self, rc, error);
          goto fail;
        }

      stmt = custody_store_prepare (self,
                                    "UPDATE alerts SET acknowledged_by = NULL,"
                                    "  acknowledged_at = NULL, acknowledged_note = NULL"
                                    " WHERE id = ?", error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, id);
      if (!custody_store_step_done (self, stmt, error))
        goto fail;
      json_builder_add_int_value (after, id);
      count++;
    }

  json_builder_end_array (before);
  json_builder_end_array (after);
  json_builder_end_object (after);

  if (count == 0)
    {
      custody_store_write_rollback (self);
      return 0;
    }

  if (!custody_store_write_commit (self, "alerts.unacknowledge", "alerts",
                                   json_builder_get_root (before), json_builder_get_root (after),
                                   error))
    return -1;
  return count;

fail:
  custody_store_write_rollback (self);
  return -1;
}
