/* custody-store-alerts.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custody-store"

#include "config.h"

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
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      custody_store_fail (self, rc, error);
      goto fail;
    }

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
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        {
          custody_store_fail (self, rc, error);
          goto fail;
        }
      n_resolved++;
    }

  /* Raise what is new; an open alert for the same cause stays as it is. */
  g_hash_table_iter_init (&iter, causes);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Cause *c = value;
      g_autofree char *message = NULL;

      if (g_hash_table_contains (open, key))
        continue;
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
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        {
          custody_store_fail (self, rc, error);
          goto fail;
        }
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
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(GPtrArray) alerts = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CUSTODY_IS_STORE (self), NULL);

  locker = g_mutex_locker_new (custody_store_get_mutex (self));

  stmt = custody_store_prepare (self,
                                "SELECT id, cause, kind, severity, subject, message, raised_at,"
                                "       resolved_at, acknowledged_by, acknowledged_at, detail"
                                " FROM alerts WHERE raised_at <= ?1"
                                "   AND (?2 OR resolved_at IS NULL OR resolved_at > ?1)"
                                " ORDER BY raised_at DESC, id DESC", error);
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
      /* Worded for the reader when the alert says what it is about. */
      if (sqlite3_column_type (stmt, 10) != SQLITE_NULL)
        a->message = custody_alert_describe (a->kind, a->subject, custody_sql_text (stmt, 10),
                                             TRUE);
      if (a->message == NULL)
        a->message = g_strdup (custody_sql_text (stmt, 5));
      a->raised_at = sqlite3_column_int64 (stmt, 6);
      a->resolved_at = custody_sql_time (stmt, 7);
      a->acknowledged_by = custody_sql_dup_or_null (stmt, 8);
      a->acknowledged_at = custody_sql_time (stmt, 9);
      g_ptr_array_add (alerts, a);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      custody_store_fail (self, rc, error);
      return NULL;
    }

  return g_steal_pointer (&alerts);
}

/**
 * custody_store_acknowledge_alerts:
 * @ids: (element-type gint64): the alerts
 * @by: who acknowledges them
 *
 * Records who acknowledged each alert and when. An alert already
 * acknowledged keeps its first acknowledgement.
 *
 * Returns: the number of alerts newly acknowledged, or -1 on error
 */
gint
custody_store_acknowledge_alerts (CustodyStore  *self,
                                  GArray        *ids,
                                  const char    *by,
                                  GError       **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  sqlite3_stmt *stmt;
  gint count = 0;
  gint64 now;
  int rc;

  g_return_val_if_fail (CUSTODY_IS_STORE (self), -1);
  g_return_val_if_fail (ids != NULL, -1);
  g_return_val_if_fail (by != NULL && by[0] != '\0', -1);

  locker = g_mutex_locker_new (custody_store_get_mutex (self));
  now = custody_store_now (self);

  if (!custody_store_write_begin (self, error))
    return -1;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "by");
  json_builder_add_string_value (b, by);
  json_builder_set_member_name (b, "alerts");
  json_builder_begin_array (b);

  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);

      stmt = custody_store_prepare (self, "SELECT acknowledged_at FROM alerts WHERE id = ?", error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, id);
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
      if (rc == SQLITE_DONE)
        {
          g_set_error (error, CUSTODY_STORE_ERROR, CUSTODY_STORE_ERROR_NOT_FOUND,
                       _("unknown alert %lld"), (long long) id);
          goto fail;
        }
      if (rc != SQLITE_ROW)
        {
          custody_store_fail (self, rc, error);
          goto fail;
        }

      stmt = custody_store_prepare (self,
                                    "UPDATE alerts SET acknowledged_by = ?, acknowledged_at = ?"
                                    " WHERE id = ? AND acknowledged_at IS NULL", error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_text (stmt, 1, by, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, now);
      sqlite3_bind_int64 (stmt, 3, id);
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        {
          custody_store_fail (self, rc, error);
          goto fail;
        }
      if (sqlite3_changes (custody_store_get_db (self)) > 0)
        {
          count++;
          json_builder_add_int_value (b, id);
        }
    }

  json_builder_end_array (b);
  json_builder_end_object (b);

  if (count == 0)
    {
      custody_store_write_rollback (self);
      return 0;
    }

  if (!custody_store_write_commit (self, "alerts.acknowledge", "alerts", NULL,
                                   json_builder_get_root (b), error))
    return -1;
  return count;

fail:
  custody_store_write_rollback (self);
  return -1;
}
