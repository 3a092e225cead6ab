/* custody-job-item.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custody-job-item"

#include "config.h"

#include "custody-job-item.h"

/* One job in the app's lists. It stays the same object across reloads, so
 * rows and selections survive them: a reload swaps the record inside and
 * notifies only what changed. */
struct _CustodyJobItem
{
  GObject     parent_instance;

  CustodyJob *job;
  char       *search_key;   /* name, owner and source, case-folded */
  guint       hidden : 1;   /* deleted, waiting for its Undo toast */
};

G_DEFINE_FINAL_TYPE (CustodyJobItem, custody_job_item, G_TYPE_OBJECT)

enum { PROP_0, PROP_NAME, PROP_STATUS, PROP_JOB, PROP_HIDDEN, N_PROPS };
static GParamSpec *properties[N_PROPS];

static char *
make_search_key (CustodyJob *job)
{
  g_autofree char *joined = g_strjoin ("\n", job->name, job->owner, job->source, job->tags, NULL);
  return g_utf8_casefold (joined, -1);
}

static void
custody_job_item_finalize (GObject *object)
{
  CustodyJobItem *self = (CustodyJobItem *) object;

  g_clear_object (&self->job);
  g_free (self->search_key);

  G_OBJECT_CLASS (custody_job_item_parent_class)->finalize (object);
}

static void
custody_job_item_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CustodyJobItem *self = CUSTODY_JOB_ITEM (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->job->name);
      break;
    case PROP_STATUS:
      g_value_set_int (value, custody_job_item_get_status (self));
      break;
    case PROP_JOB:
      g_value_set_object (value, self->job);
      break;
    case PROP_HIDDEN:
      g_value_set_boolean (value, self->hidden);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
custody_job_item_class_init (CustodyJobItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = custody_job_item_finalize;
  object_class->get_property = custody_job_item_get_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS] =
    g_param_spec_int ("status", NULL, NULL, 0, CUSTODY_N_STATUSES, 0,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_JOB] =
    g_param_spec_object ("job", NULL, NULL, CUSTODY_TYPE_JOB,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HIDDEN] =
    g_param_spec_boolean ("hidden", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
custody_job_item_init (CustodyJobItem *self)
{
}

CustodyJobItem *
custody_job_item_new (CustodyJob *job)
{
  CustodyJobItem *self = g_object_new (CUSTODY_TYPE_JOB_ITEM, NULL);

  self->job = g_object_ref (job);
  self->search_key = make_search_key (job);

  return self;
}

CustodyJob *
custody_job_item_get_job (CustodyJobItem *self)
{
  g_return_val_if_fail (CUSTODY_IS_JOB_ITEM (self), NULL);

  return self->job;
}

static gboolean
same_verdict (CustodyVerdict *a,
              CustodyVerdict *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  if (a->status != b->status)
    return FALSE;
  for (guint r = 0; r < CUSTODY_N_RULES; r++)
    if (a->rules[r].pass != b->rules[r].pass || a->rules[r].have != b->rules[r].have)
      return FALSE;
  return TRUE;
}

/* Swaps in a fresh record of the same job; notifies "job" only when
 * something a row shows has changed. */
void
custody_job_item_set_job (CustodyJobItem *self,
                          CustodyJob     *job)
{
  CustodyJob *old;
  gboolean renamed, restatused, changed;

  g_return_if_fail (CUSTODY_IS_JOB_ITEM (self));
  g_return_if_fail (CUSTODY_IS_JOB (job));

  old = self->job;
  renamed = g_strcmp0 (old->name, job->name) != 0;
  restatused = custody_job_item_get_status (self) !=
               (job->verdict != NULL ? job->verdict->status : CUSTODY_STATUS_COMPLIANT);
  changed = renamed || !same_verdict (old->verdict, job->verdict) ||
            g_strcmp0 (old->owner, job->owner) != 0 || g_strcmp0 (old->source, job->source) != 0 ||
            old->rpo_hours != job->rpo_hours || old->verify_days != job->verify_days ||
            g_strcmp0 (old->tags, job->tags) != 0;

  self->job = g_object_ref (job);
  g_object_unref (old);

  if (!changed)
    return;

  g_free (self->search_key);
  self->search_key = make_search_key (job);

  if (renamed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
  if (restatused)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_JOB]);
}

const char *
custody_job_item_get_name (CustodyJobItem *self)
{
  g_return_val_if_fail (CUSTODY_IS_JOB_ITEM (self), NULL);

  return self->job->name;
}

CustodyStatus
custody_job_item_get_status (CustodyJobItem *self)
{
  g_return_val_if_fail (CUSTODY_IS_JOB_ITEM (self), CUSTODY_STATUS_COMPLIANT);

  return self->job->verdict != NULL ? self->job->verdict->status : CUSTODY_STATUS_COMPLIANT;
}

CustodyVerdict *
custody_job_item_get_verdict (CustodyJobItem *self)
{
  g_return_val_if_fail (CUSTODY_IS_JOB_ITEM (self), NULL);

  return self->job->verdict;
}

/* @folded_needle: already case-folded (g_utf8_casefold) */
gboolean
custody_job_item_matches (CustodyJobItem *self,
                          const char     *folded_needle)
{
  g_return_val_if_fail (CUSTODY_IS_JOB_ITEM (self), FALSE);

  return folded_needle == NULL || folded_needle[0] == '\0' ||
         strstr (self->search_key, folded_needle) != NULL;
}

gboolean
custody_job_item_get_hidden (CustodyJobItem *self)
{
  g_return_val_if_fail (CUSTODY_IS_JOB_ITEM (self), FALSE);

  return self->hidden;
}

void
custody_job_item_set_hidden (CustodyJobItem *self,
                             gboolean        hidden)
{
  g_return_if_fail (CUSTODY_IS_JOB_ITEM (self));

  hidden = !!hidden;
  if (self->hidden == hidden)
    return;

  self->hidden = hidden;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HIDDEN]);
}
