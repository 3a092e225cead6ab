/* custody-session.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custody-session"

#include "config.h"

#include <glib/gi18n.h>

#include "custody-array-model.h"
#include "custody-job-item.h"
#include "custody-session.h"
#include "custody-time.h"
#include "custody-ui-utils.h"

/* The app's view of one store. It opens the store and reads it in worker
 * threads only, keeps the lists the pages show (jobs with their verdicts,
 * open alerts), and notices writes by other programs (custodyctl, cron)
 * by polling the audit head, so that they show within about a second. */

#define DEFAULT_POLL_MS 1000
#define RECENT_FAILURES 8
/* A first read of thousands of jobs enters the list this many at a time,
 * one main-loop iteration each, so that no frame waits on it (and, above
 * the redraw, no slow frame holds it back). */
#define LOAD_CHUNK      200

struct _CustodySession
{
  GObject            parent_instance;

  char              *db_path;
  CustodyStore      *store;
  CustodyArrayModel *jobs;            /* CustodyJobItem, by name */
  GListStore        *alerts;          /* CustodyAlert, newest first */
  GPtrArray         *recent_failures;
  CustodyDesk       *desk;            /* today's lists; NULL until read */
  CustodyPolicy      policy;
  gint64             evaluated_at;
  gint64             data_version;
  GCancellable      *cancellable;
  guint              poll_source;
  guint              poll_interval;
  GPtrArray         *loading_items;   /* CustodyJobItem still to add */
  GPtrArray         *updating_jobs;   /* fresh CustodyJob records still to swap in */
  guint              updated;         /* how many of them are swapped in */
  guint              loading_source;

  /* The moment the window looks at, and what the store says of it. */
  gint64             as_of;           /* CUSTODY_TIME_NONE: now */
  GListStore        *past_jobs;       /* CustodyJobItem at as_of */
  CustodyDesk       *past_desk;       /* the desk's lists at as_of */
  GPtrArray         *past_alerts;     /* CustodyAlert open at as_of, as they were */
  GPtrArray         *past_failures;   /* CustodyExecution, the latest failed by as_of */
  GCancellable      *past_cancellable;
  gint64             past_version;    /* data_version when the past was read */
  guint              reloading : 1;
  guint              reload_again : 1;
  guint              polling : 1;
  guint              loaded : 1;
};

G_DEFINE_FINAL_TYPE (CustodySession, custody_session, G_TYPE_OBJECT)

enum { PROP_0, PROP_LOADED, PROP_AS_OF, PROP_PAST_LOADING, N_PROPS };
static GParamSpec *properties[N_PROPS];

enum { RELOADED, FAILED, PAST_CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

typedef struct
{
  GPtrArray     *jobs;      /* CustodyJob with verdicts */
  GPtrArray     *alerts;
  GPtrArray     *failures;
  CustodyDesk   *desk;
  CustodyPolicy  policy;
  gint64         evaluated_at;
  gint64         data_version;
} Snapshot;

static void
snapshot_free (gpointer data)
{
  Snapshot *s = data;

  g_clear_pointer (&s->jobs, g_ptr_array_unref);
  g_clear_pointer (&s->alerts, g_ptr_array_unref);
  g_clear_pointer (&s->failures, g_ptr_array_unref);
  g_clear_pointer (&s->desk, custody_desk_unref);
  g_free (s);
}

static void schedule_poll (CustodySession *self);
static void read_past     (CustodySession *self);

/*
 * Reloading
 */

static void
reload_worker (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  CustodyStore *store = task_data;
  g_autoptr(GError) error = NULL;
  Snapshot *s = g_new0 (Snapshot, 1);
  g_autoptr(GPtrArray) verdicts = g_ptr_array_new ();

  /* Read the version first: a write that lands while we read makes the
   * next poll see a newer one and read again. */
  s->data_version = custody_store_get_data_version (store);
  s->evaluated_at = custody_store_get_clock (store);
  s->jobs = custody_store_list_jobs (store, TRUE, &error);

  for (guint i = 0; s->jobs != NULL && i < s->jobs->len; i++)
    {
      CustodyJob *job = g_ptr_array_index (s->jobs, i);

      if (job->verdict != NULL)
        g_ptr_array_add (verdicts, job->verdict);
    }

  if (s->jobs != NULL && !custody_store_get_read_only (store))
    {
      g_autoptr(GError) alert_error = NULL;
      g_autoptr(GError) desk_error = NULL;

      /* Raising alerts is a write; a locked store only delays it. */
      if (!custody_store_sync_alerts (store, verdicts, NULL, NULL, &alert_error))
        g_debug ("Alerts not synced: %s", alert_error->message);
      else
        s->data_version = custody_store_get_data_version (store);

      /* The desk's lists, and the alerts of what is overdue. */
      s->desk = custody_store_get_desk (store, &error);
      if (s->desk == NULL)
        g_clear_pointer (&s->jobs, g_ptr_array_unref);
      else if (!custody_store_sync_desk_alerts (store, s->desk, verdicts, &desk_error))
        g_debug ("Desk alerts not synced: %s", desk_error->message);
      else
        s->data_version = custody_store_get_data_version (store);
    }
  else if (s->jobs != NULL)
    {
      s->desk = custody_store_get_desk (store, &error);
      if (s->desk == NULL)
        g_clear_pointer (&s->jobs, g_ptr_array_unref);
    }

  if (s->jobs != NULL)
    s->alerts = custody_store_list_alerts_judged (store, FALSE, verdicts, &error);
  if (s->alerts != NULL)
    s->failures = custody_store_list_recent_failures (store, RECENT_FAILURES, &error);
  if (s->failures != NULL && !custody_store_get_policy (store, &s->policy, &error))
    g_clear_pointer (&s->failures, g_ptr_array_unref);

  if (s->failures == NULL)
    {
      snapshot_free (s);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, s, snapshot_free);
}

static void finish_reload (CustodySession *self);

static gboolean
update_chunk_cb (gpointer user_data)
{
  CustodySession *self = user_data;
  guint end = MIN (self->updated + LOAD_CHUNK, self->updating_jobs->len);

  for (; self->updated < end; self->updated++)
    {
      g_autoptr(CustodyJobItem) item = g_list_model_get_item (G_LIST_MODEL (self->jobs),
                                                              self->updated);
      custody_job_item_set_job (item, g_ptr_array_index (self->updating_jobs, self->updated));
    }

  if (self->updated < self->updating_jobs->len)
    return G_SOURCE_CONTINUE;

  self->loading_source = 0;
  g_clear_pointer (&self->updating_jobs, g_ptr_array_unref);
  finish_reload (self);
  return G_SOURCE_REMOVE;
}

static gboolean
load_chunk_cb (gpointer user_data)
{
  CustodySession *self = user_data;
  guint n = MIN (LOAD_CHUNK, self->loading_items->len);
  guint position = g_list_model_get_n_items (G_LIST_MODEL (self->jobs));

  custody_array_model_splice (self->jobs, position, 0, self->loading_items->pdata, n);
  g_ptr_array_remove_range (self->loading_items, 0, n);

  if (self->loading_items->len > 0)
    return G_SOURCE_CONTINUE;

  self->loading_source = 0;
  g_clear_pointer (&self->loading_items, g_ptr_array_unref);
  finish_reload (self);
  return G_SOURCE_REMOVE;
}

/* Brings the jobs list in line with a fresh read, keeping the items of
 * jobs that still exist: both lists are sorted by name. Returns FALSE if
 * the list is still being filled, a chunk per main-loop iteration. */
static gboolean
merge_jobs (CustodySession *self,
            GPtrArray      *fresh)
{
  g_autoptr(GHashTable) by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                                       g_object_unref);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->jobs));
  gboolean same_order = n == fresh->len;

  for (guint i = 0; i < n; i++)
    {
      CustodyJobItem *item = g_list_model_get_item (G_LIST_MODEL (self->jobs), i);
      CustodyJob *job = custody_job_item_get_job (item);

      if (same_order && ((CustodyJob *) g_ptr_array_index (fresh, i))->id != job->id)
        same_order = FALSE;
      g_hash_table_insert (by_id, &job->id, item);
    }

  if (same_order)
    {
      /* The usual case: nothing added or removed. Rows update in place, a
       * chunk per main-loop iteration. */
      self->updating_jobs = g_ptr_array_ref (fresh);
      self->updated = 0;
      self->loading_source = custody_add_chunk_source (update_chunk_cb, self);
      return FALSE;
    }

  for (guint i = 0; i < fresh->len; i++)
    {
      CustodyJob *job = g_ptr_array_index (fresh, i);
      CustodyJobItem *item = g_hash_table_lookup (by_id, &job->id);

      if (item != NULL)
        {
          custody_job_item_set_job (item, job);
          g_ptr_array_add (items, g_object_ref (item));
        }
      else
        g_ptr_array_add (items, custody_job_item_new (job));
    }

  if (n == 0 && items->len > LOAD_CHUNK)
    {
      self->loading_items = g_steal_pointer (&items);
      self->loading_source = custody_add_chunk_source (load_chunk_cb, self);
      return FALSE;
    }

  custody_array_model_splice (self->jobs, 0, n, items->pdata, items->len);
  return TRUE;
}

static void
replace_all (GListStore *store,
             GPtrArray  *items)
{
  g_list_store_splice (store, 0, g_list_model_get_n_items (G_LIST_MODEL (store)),
                       items->pdata, items->len);
}

static void
reload_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(CustodySession) self = user_data;
  g_autoptr(GError) error = NULL;
  Snapshot *s = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (s == NULL)
    {
      self->reloading = FALSE;
      g_debug ("Cannot read the store: %s", error->message);
      g_signal_emit (self, signals[FAILED], 0, error);
      schedule_poll (self);
      return;
    }

  replace_all (self->alerts, s->alerts);
  g_clear_pointer (&self->recent_failures, g_ptr_array_unref);
  self->recent_failures = g_steal_pointer (&s->failures);
  if (s->desk != NULL)
    {
      g_clear_pointer (&self->desk, custody_desk_unref);
      self->desk = g_steal_pointer (&s->desk);
    }
  self->policy = s->policy;
  self->evaluated_at = s->evaluated_at;
  self->data_version = s->data_version;

  if (merge_jobs (self, s->jobs))
    finish_reload (self);
  snapshot_free (s);
}

static void
finish_reload (CustodySession *self)
{
  self->reloading = FALSE;

  if (!self->loaded)
    {
      self->loaded = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
    }
  g_signal_emit (self, signals[RELOADED], 0);

  /* The store changed: what it says of the past may have too (a movement
   * recorded late, a job added with its history). */
  if (self->as_of != CUSTODY_TIME_NONE && self->data_version != self->past_version)
    read_past (self);

  if (self->reload_again)
    {
      self->reload_again = FALSE;
      custody_session_reload (self);
    }
  else
    schedule_poll (self);
}

/*
 * Polling for other programs' writes
 */

static void
version_worker (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  g_task_return_int (task, custody_store_get_data_version (task_data));
}

static void
version_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(CustodySession) self = user_data;
  g_autoptr(GError) error = NULL;
  gssize version = g_task_propagate_int (G_TASK (result), &error);

  self->polling = FALSE;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* A new minute can change verdicts too (copies go stale): re-evaluate
   * at least every minute even when nobody wrote. */
  if (version != self->data_version || custody_time_now () - self->evaluated_at >= 60)
    custody_session_reload (self);
  else
    schedule_poll (self);
}

static gboolean
poll_cb (gpointer user_data)
{
  CustodySession *self = user_data;
  g_autoptr(GTask) task = NULL;

  self->poll_source = 0;
  if (self->reloading || self->polling || self->store == NULL)
    return G_SOURCE_REMOVE;

  self->polling = TRUE;
  task = g_task_new (self, self->cancellable, version_cb, g_object_ref (self));
  g_task_set_source_tag (task, poll_cb);
  g_task_set_task_data (task, g_object_ref (self->store), g_object_unref);
  g_task_run_in_thread (task, version_worker);

  return G_SOURCE_REMOVE;
}

static void
schedule_poll (CustodySession *self)
{
  if (self->poll_source != 0 || self->store == NULL)
    return;
  self->poll_source = g_timeout_add (self->poll_interval, poll_cb, self);
}

/*
 * Opening
 */

static void
open_worker (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;
  CustodyStore *store = custody_store_open (task_data, CUSTODY_STORE_OPEN_CREATE, &error);

  if (store == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, store, g_object_unref);
}

static void
open_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(CustodySession) self = user_data;
  g_autoptr(GError) error = NULL;
  CustodyStore *store = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (store == NULL)
    {
      g_signal_emit (self, signals[FAILED], 0, error);
      return;
    }

  self->store = store;
  custody_session_reload (self);
}

/*
 * The past
 */

typedef struct
{
  gint64       at;
  GPtrArray   *verdicts;   /* CustodyVerdict */
  CustodyDesk *desk;
  GPtrArray   *alerts;
  GPtrArray   *failures;
} Past;

static void
past_free (gpointer data)
{
  Past *past = data;

  g_clear_pointer (&past->verdicts, g_ptr_array_unref);
  g_clear_pointer (&past->desk, custody_desk_unref);
  g_clear_pointer (&past->alerts, g_ptr_array_unref);
  g_clear_pointer (&past->failures, g_ptr_array_unref);
  g_free (past);
}

static gpointer
read_past_worker (CustodyStore  *store,
                  gpointer       data,
                  GError       **error)
{
  g_autoptr(GError) desk_error = NULL;
  g_autoptr(GPtrArray) alerts = NULL;
  Past *past = g_new0 (Past, 1);

  past->at = *(gint64 *) data;
  past->verdicts = custody_store_evaluate_at (store, NULL, past->at, error);
  if (past->verdicts != NULL)
    past->failures = custody_store_list_recent_failures_at (store, RECENT_FAILURES, past->at,
                                                            error);
  if (past->failures != NULL)
    alerts = custody_store_list_alerts (store, TRUE, error);
  if (alerts == NULL)
    {
      past_free (past);
      return NULL;
    }

  /* The alerts open then, acknowledged only if they were by then. */
  past->alerts = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < alerts->len; i++)
    {
      CustodyAlert *alert = g_ptr_array_index (alerts, i);

      if (alert->raised_at > past->at ||
          (alert->resolved_at != CUSTODY_TIME_NONE && alert->resolved_at <= past->at))
        continue;
      if (alert->acknowledged_by != NULL && alert->acknowledged_at > past->at)
        g_clear_pointer (&alert->acknowledged_by, g_free);
      g_ptr_array_add (past->alerts, g_object_ref (alert));
    }

  /* Without the desk, the rest still says what it knew. */
  past->desk = custody_store_get_desk_at (store, past->at, &desk_error);
  if (past->desk == NULL)
    g_debug ("No desk at %" G_GINT64_FORMAT ": %s", past->at, desk_error->message);
  return past;
}

/* Past records carry the live job's settings (owner, source, tags, RPO),
 * so that searches and the detail show the same job then as now; the
 * verdict is the one of the moment. */
static void
fill_past_jobs (CustodySession *self,
                GPtrArray      *verdicts)
{
  g_autoptr(GHashTable) by_name = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) items = g_ptr_array_new_full (verdicts->len, g_object_unref);
  GListModel *live = G_LIST_MODEL (self->jobs);
  guint n_live = g_list_model_get_n_items (live);

  for (guint i = 0; i < n_live; i++)
    {
      g_autoptr(CustodyJobItem) item = g_list_model_get_item (live, i);
      CustodyJob *job = custody_job_item_get_job (item);

      g_hash_table_insert (by_name, job->name, job);
    }

  for (guint i = 0; i < verdicts->len; i++)
    {
      CustodyVerdict *verdict = g_ptr_array_index (verdicts, i);
      CustodyJob *now = g_hash_table_lookup (by_name, verdict->job);
      g_autoptr(CustodyJob) job = custody_job_new ();

      job->name = g_strdup (verdict->job);
      job->verdict = custody_verdict_ref (verdict);
      job->status = verdict->status;
      if (now != NULL)
        {
          job->id = now->id;
          g_free (job->owner);
          job->owner = g_strdup (now->owner);
          g_free (job->source);
          job->source = g_strdup (now->source);
          g_free (job->tags);
          job->tags = g_strdup (now->tags);
          job->rpo_hours = now->rpo_hours;
          job->verify_days = now->verify_days;
          job->created_at = now->created_at;
        }
      g_ptr_array_add (items, custody_job_item_new (job));
    }

  g_list_store_splice (self->past_jobs, 0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->past_jobs)),
                       items->pdata, items->len);
}

static void
read_past_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(CustodySession) self = user_data;
  g_autoptr(GError) error = NULL;
  Past *past = custody_session_read_finish (self, result, &error);

  /* Another moment, the return to now, or the session going away. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (past != NULL && past->at != self->as_of)
    {
      past_free (past);
      return;
    }

  g_clear_object (&self->past_cancellable);
  if (past == NULL)
    {
      g_signal_emit (self, signals[FAILED], 0, error);
      custody_session_set_as_of (self, CUSTODY_TIME_NONE);
      return;
    }

  fill_past_jobs (self, past->verdicts);
  g_clear_pointer (&self->past_desk, custody_desk_unref);
  self->past_desk = g_steal_pointer (&past->desk);
  g_clear_pointer (&self->past_alerts, g_ptr_array_unref);
  self->past_alerts = g_steal_pointer (&past->alerts);
  g_clear_pointer (&self->past_failures, g_ptr_array_unref);
  self->past_failures = g_steal_pointer (&past->failures);
  past_free (past);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAST_LOADING]);
  g_signal_emit (self, signals[PAST_CHANGED], 0);
}

static void
read_past (CustodySession *self)
{
  gboolean was_loading = self->past_cancellable != NULL;

  g_cancellable_cancel (self->past_cancellable);
  g_clear_object (&self->past_cancellable);

  if (self->store == NULL || self->as_of == CUSTODY_TIME_NONE)
    {
      if (was_loading)
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAST_LOADING]);
      return;
    }

  self->past_cancellable = g_cancellable_new ();
  self->past_version = self->data_version;
  custody_session_read_async (self, read_past_worker,
                              g_memdup2 (&self->as_of, sizeof self->as_of), g_free,
                              past_free, self->past_cancellable, read_past_cb,
                              g_object_ref (self));
  if (!was_loading)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAST_LOADING]);
}

/*
 * GObject
 */

static void
custody_session_dispose (GObject *object)
{
  CustodySession *self = (CustodySession *) object;

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->past_cancellable);
  g_clear_object (&self->past_cancellable);
  g_clear_handle_id (&self->poll_source, g_source_remove);
  g_clear_handle_id (&self->loading_source, g_source_remove);
  g_clear_pointer (&self->loading_items, g_ptr_array_unref);
  g_clear_pointer (&self->updating_jobs, g_ptr_array_unref);

  G_OBJECT_CLASS (custody_session_parent_class)->dispose (object);
}

static void
custody_session_finalize (GObject *object)
{
  CustodySession *self = (CustodySession *) object;

  g_clear_object (&self->store);
  g_clear_object (&self->jobs);
  g_clear_object (&self->alerts);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->recent_failures, g_ptr_array_unref);
  g_clear_pointer (&self->desk, custody_desk_unref);
  g_clear_object (&self->past_jobs);
  g_clear_pointer (&self->past_desk, custody_desk_unref);
  g_clear_pointer (&self->past_alerts, g_ptr_array_unref);
  g_clear_pointer (&self->past_failures, g_ptr_array_unref);
  g_free (self->db_path);

  G_OBJECT_CLASS (custody_session_parent_class)->finalize (object);
}

static void
custody_session_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CustodySession *self = CUSTODY_SESSION (object);

  switch (prop_id)
    {
    case PROP_LOADED:
      g_value_set_boolean (value, self->loaded);
      break;
    case PROP_AS_OF:
      g_value_set_int64 (value, self->as_of);
      break;
    case PROP_PAST_LOADING:
      g_value_set_boolean (value, custody_session_get_past_loading (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
custody_session_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  CustodySession *self = CUSTODY_SESSION (object);

  switch (prop_id)
    {
    case PROP_AS_OF:
      custody_session_set_as_of (self, g_value_get_int64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
custody_session_class_init (CustodySessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = custody_session_dispose;
  object_class->finalize = custody_session_finalize;
  object_class->get_property = custody_session_get_property;
  object_class->set_property = custody_session_set_property;

  properties[PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The moment every view shows; CUSTODY_TIME_NONE (G_MININT64) is now. */
  properties[PROP_AS_OF] =
    g_param_spec_int64 ("as-of", NULL, NULL, G_MININT64, G_MAXINT64, G_MININT64,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PAST_LOADING] =
    g_param_spec_boolean ("past-loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[RELOADED] = g_signal_new ("reloaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[FAILED] = g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
  /* The past jobs and desk were read again: for another moment, or
   * because the store changed. */
  signals[PAST_CHANGED] = g_signal_new ("past-changed", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
custody_session_init (CustodySession *self)
{
  self->jobs = custody_array_model_new (CUSTODY_TYPE_JOB_ITEM);
  self->alerts = g_list_store_new (CUSTODY_TYPE_ALERT);
  self->past_jobs = g_list_store_new (CUSTODY_TYPE_JOB_ITEM);
  self->as_of = CUSTODY_TIME_NONE;
  self->cancellable = g_cancellable_new ();
  self->poll_interval = DEFAULT_POLL_MS;
  self->data_version = -1;
  custody_policy_init_defaults (&self->policy);
}

/*
 * Public API
 */

CustodySession *
custody_session_new (const char *db_path)
{
  CustodySession *self = g_object_new (CUSTODY_TYPE_SESSION, NULL);

  self->db_path = g_strdup (db_path);
  return self;
}

const char *
custody_session_get_db_path (CustodySession *self)
{
  g_return_val_if_fail (CUSTODY_IS_SESSION (self), NULL);

  return self->db_path;
}

/* Returns: (nullable) (transfer none): the store, once open */
CustodyStore *
custody_session_get_store (CustodySession *self)
{
  g_return_val_if_fail (CUSTODY_IS_SESSION (self), NULL);

  return self->store;
}

gboolean
custody_session_get_loaded (CustodySession *self)
{
  g_return_val_if_fail (CUSTODY_IS_SESSION (self), FALSE);

  return self->loaded;
}

/* Returns: (transfer none): the jobs, CustodyJobItem by name */
GListModel *
custody_session_get_jobs (CustodySession *self)
{
  g_return_val_if_fail (CUSTODY_IS_SESSION (self), NULL);

  return G_LIST_MODEL (self->jobs);
}

/* Returns: (transfer none): the open alerts, CustodyAlert, newest first */
GListModel *
custody_session_get_alerts (CustodySession *self)
{
  g_return_val_if_fail (CUSTODY_IS_SESSION (self), NULL);

  return G_LIST_MODEL (self->alerts);
}

/* Returns: (nullable) (transfer none) (element-type CustodyExecution) */
GPtrArray *
custody_session_get_recent_failures (CustodySession *self)
{
  g_return_val_if_fail (CUSTODY_IS_SESSION (self), NULL);

  return self->recent_failures;
}

/* Returns: (nullable) (transfer none): today's lists at the desk */
CustodyDesk *
custody_session_get_desk (CustodySession *self)
{
  g_return_val_if_fail (CUSTODY_IS_SESSION (self), NULL);

  return self->desk;
}

gint64
custody_session_get_evaluated_at (CustodySession *self)
{
  g_return_val_if_fail (CUSTODY_IS_SESSION (self), 0);

  return self->evaluated_at;
}

/* What custody_store_get_data_version() said at the latest reload: it
 * changes with every write, by this app or another program. */
gint64
custody_session_get_data_version (CustodySession *self)
{
  g_return_val_if_fail (CUSTODY_IS_SESSION (self), -1);

  return self->data_version;
}

const CustodyPolicy *
custody_session_get_policy (CustodySession *self)
{
  g_return_val_if_fail (CUSTODY_IS_SESSION (self), NULL);

  return &self->policy;
}

void
custody_session_set_poll_interval (CustodySession *self,
                                   guint           interval_ms)
{
  g_return_if_fail (CUSTODY_IS_SESSION (self));
  g_return_if_fail (interval_ms > 0);

  self->poll_interval = interval_ms;
  if (self->poll_source != 0)
    {
      g_clear_handle_id (&self->poll_source, g_source_remove);
      schedule_poll (self);
    }
}

void
custody_session_open (CustodySession *self)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CUSTODY_IS_SESSION (self));
  g_return_if_fail (self->store == NULL);

  task = g_task_new (self, self->cancellable, open_cb, g_object_ref (self));
  g_task_set_source_tag (task, custody_session_open);
  g_task_set_task_data (task, g_strdup (self->db_path), g_free);
  g_task_run_in_thread (task, open_worker);
}

/* Reads everything again in a worker; a reload asked for during one runs
 * once more after it, never twice at the same time. */
void
custody_session_reload (CustodySession *self)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CUSTODY_IS_SESSION (self));

  if (self->store == NULL)
    return;
  if (self->reloading)
    {
      self->reload_again = TRUE;
      return;
    }

  g_clear_handle_id (&self->poll_source, g_source_remove);
  self->reloading = TRUE;
  task = g_task_new (self, self->cancellable, reload_cb, g_object_ref (self));
  g_task_set_source_tag (task, custody_session_reload);
  g_task_set_task_data (task, g_object_ref (self->store), g_object_unref);
  g_task_run_in_thread (task, reload_worker);
}

typedef struct
{
  CustodyStore            *store;
  CustodySessionWriteFunc  write;
  CustodySessionReadFunc   read;
  gpointer                 data;
  GDestroyNotify           data_free;
  GDestroyNotify           result_free;
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;

  if (job->data_free != NULL)
    job->data_free (job->data);
  g_clear_object (&job->store);
  g_free (job);
}

static void
write_worker (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(GError) error = NULL;

  if (job->write (job->store, job->data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static void
write_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GTask *outer = user_data;
  CustodySession *self = g_task_get_source_object (outer);
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    g_task_return_error (outer, g_steal_pointer (&error));
  else
    {
      custody_session_reload (self);
      g_task_return_boolean (outer, TRUE);
    }
  g_object_unref (outer);
}

/**
 * custody_session_write_async:
 * @func: the write, run in a worker thread with the store
 *
 * Runs a write away from the main thread, then reloads.
 */
void
custody_session_write_async (CustodySession          *self,
                             CustodySessionWriteFunc  func,
                             gpointer                 data,
                             GDestroyNotify           data_free,
                             GCancellable            *cancellable,
                             GAsyncReadyCallback      callback,
                             gpointer                 user_data)
{
  g_autoptr(GTask) inner = NULL;
  GTask *outer;
  Job *job;

  g_return_if_fail (CUSTODY_IS_SESSION (self));
  g_return_if_fail (func != NULL);

  outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (outer, custody_session_write_async);

  if (self->store == NULL)
    {
      if (data_free != NULL)
        data_free (data);
      g_task_return_new_error (outer, CUSTODY_STORE_ERROR, CUSTODY_STORE_ERROR_MISSING,
                               _("The store is not open"));
      g_object_unref (outer);
      return;
    }

  job = g_new0 (Job, 1);
  job->store = g_object_ref (self->store);
  job->write = func;
  job->data = data;
  job->data_free = data_free;

  inner = g_task_new (self, cancellable, write_done_cb, outer);
  g_task_set_task_data (inner, job, job_free);
  g_task_run_in_thread (inner, write_worker);
}

gboolean
custody_session_write_finish (CustodySession  *self,
                              GAsyncResult    *result,
                              GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
read_worker (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(GError) error = NULL;
  gpointer result = job->read (job->store, job->data, &error);

  if (result == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, result, job->result_free);
}

/**
 * custody_session_read_async:
 * @func: the read, run in a worker thread with the store; returns %NULL
 *   with an error on failure
 *
 * Runs a read away from the main thread.
 */
void
custody_session_read_async (CustodySession         *self,
                            CustodySessionReadFunc  func,
                            gpointer                data,
                            GDestroyNotify          data_free,
                            GDestroyNotify          result_free,
                            GCancellable           *cancellable,
                            GAsyncReadyCallback     callback,
                            gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_return_if_fail (CUSTODY_IS_SESSION (self));
  g_return_if_fail (func != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, custody_session_read_async);

  if (self->store == NULL)
    {
      if (data_free != NULL)
        data_free (data);
      g_task_return_new_error (task, CUSTODY_STORE_ERROR, CUSTODY_STORE_ERROR_MISSING,
                               _("The store is not open"));
      return;
    }

  job = g_new0 (Job, 1);
  job->store = g_object_ref (self->store);
  job->read = func;
  job->data = data;
  job->data_free = data_free;
  job->result_free = result_free;
  g_task_set_task_data (task, job, job_free);
  g_task_run_in_thread (task, read_worker);
}

gpointer
custody_session_read_finish (CustodySession  *self,
                             GAsyncResult    *result,
                             GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* The moment the views show: CUSTODY_TIME_NONE for now. */
gint64
custody_session_get_as_of (CustodySession *self)
{
  g_return_val_if_fail (CUSTODY_IS_SESSION (self), CUSTODY_TIME_NONE);

  return self->as_of;
}

/**
 * custody_session_set_as_of:
 * @at: a moment in the past, or CUSTODY_TIME_NONE for now
 *
 * Makes every view show the state at @at. A moment that is not in the
 * past is now. The jobs and the desk of that moment are read in a worker;
 * "past-changed" says when they are in.
 */
void
custody_session_set_as_of (CustodySession *self,
                           gint64          at)
{
  g_return_if_fail (CUSTODY_IS_SESSION (self));

  if (at != CUSTODY_TIME_NONE && at >= custody_time_now ())
    at = CUSTODY_TIME_NONE;
  if (self->as_of == at)
    return;

  self->as_of = at;
  if (at == CUSTODY_TIME_NONE)
    {
      g_list_store_remove_all (self->past_jobs);
      g_clear_pointer (&self->past_desk, custody_desk_unref);
      g_clear_pointer (&self->past_alerts, g_ptr_array_unref);
      g_clear_pointer (&self->past_failures, g_ptr_array_unref);
    }
  read_past (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AS_OF]);
}

/* Whether the state at the moment is still being read. */
gboolean
custody_session_get_past_loading (CustodySession *self)
{
  g_return_val_if_fail (CUSTODY_IS_SESSION (self), FALSE);

  return self->past_cancellable != NULL;
}

/* Returns: (transfer none): the jobs at the moment, CustodyJobItem with
 * the verdicts of then; empty at now and until read */
GListModel *
custody_session_get_past_jobs (CustodySession *self)
{
  g_return_val_if_fail (CUSTODY_IS_SESSION (self), NULL);

  return G_LIST_MODEL (self->past_jobs);
}

/* Returns: (nullable) (transfer none): the desk's lists at the moment */
CustodyDesk *
custody_session_get_past_desk (CustodySession *self)
{
  g_return_val_if_fail (CUSTODY_IS_SESSION (self), NULL);

  return self->past_desk;
}

/* Returns: (nullable) (transfer none): the alerts open at the moment,
 * CustodyAlert, acknowledged only if they were by then */
GPtrArray *
custody_session_get_past_alerts (CustodySession *self)
{
  g_return_val_if_fail (CUSTODY_IS_SESSION (self), NULL);

  return self->past_alerts;
}

/* Returns: (nullable) (transfer none): the latest failed runs by the
 * moment, CustodyExecution */
GPtrArray *
custody_session_get_past_failures (CustodySession *self)
{
  g_return_val_if_fail (CUSTODY_IS_SESSION (self), NULL);

  return self->past_failures;
}
