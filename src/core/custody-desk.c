/* custody-desk.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custody-desk"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "custody-desk.h"
#include "custody-time.h"

G_DEFINE_FINAL_TYPE (CustodyDeskItem, custody_desk_item, G_TYPE_OBJECT)
G_DEFINE_BOXED_TYPE (CustodyDesk, custody_desk, custody_desk_ref, custody_desk_unref)

static const char * const lists[][2] = {
  { "send_offsite", N_("Send off site") },
  { "recall", N_("Recall from the vault") },
  { "expiring", N_("Expiring soon") },
  { "overdue", N_("Overdue") },
};

G_STATIC_ASSERT (G_N_ELEMENTS (lists) == CUSTODY_N_DESK_LISTS);

const char *
custody_desk_list_to_string (CustodyDeskList list)
{
  g_return_val_if_fail ((guint) list < CUSTODY_N_DESK_LISTS, NULL);
  return lists[list][0];
}

gboolean
custody_desk_list_from_string (const char      *str,
                               CustodyDeskList *out)
{
  for (guint i = 0; str != NULL && i < G_N_ELEMENTS (lists); i++)
    {
      if (g_str_equal (str, lists[i][0]))
        {
          *out = (CustodyDeskList) i;
          return TRUE;
        }
    }
  return FALSE;
}

const char *
custody_desk_list_get_label (CustodyDeskList list)
{
  g_return_val_if_fail ((guint) list < CUSTODY_N_DESK_LISTS, NULL);
  return g_dgettext (GETTEXT_PACKAGE, lists[list][1]);
}

/*
 * CustodyDeskItem
 */

static void
custody_desk_item_finalize (GObject *object)
{
  CustodyDeskItem *self = (CustodyDeskItem *) object;

  g_free (self->volser);
  g_free (self->type);
  g_free (self->pool);
  g_free (self->location);
  g_free (self->reason);

  G_OBJECT_CLASS (custody_desk_item_parent_class)->finalize (object);
}

static void
custody_desk_item_class_init (CustodyDeskItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = custody_desk_item_finalize;
}

static void
custody_desk_item_init (CustodyDeskItem *self)
{
  self->location_kind = CUSTODY_LOCATION_NONE;
  self->due = CUSTODY_TIME_NONE;
}

/*
 * CustodyDesk
 */

CustodyDesk *
custody_desk_ref (CustodyDesk *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
custody_desk_unref (CustodyDesk *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  for (guint i = 0; i < CUSTODY_N_DESK_LISTS; i++)
    g_ptr_array_unref (self->lists[i]);
  g_free (self);
}

typedef struct
{
  CustodyDesk *desk;
  GTimeZone   *zone;
  GDate        today;
} Computation;

static void
add_item (Computation             *c,
          CustodyDeskList          list,
          const CustodyDeskVolume *v,
          const GDate             *due,
          char                    *reason)
{
  CustodyDeskItem *item = g_object_new (CUSTODY_TYPE_DESK_ITEM, NULL);

  item->list = list;
  item->volser = g_strdup (v->volser);
  item->type = g_strdup (v->type != NULL ? v->type : "");
  item->pool = g_strdup (v->pool);
  item->location = g_strdup (v->location);
  item->location_kind = v->location != NULL ? v->location_kind : CUSTODY_LOCATION_NONE;
  item->reason = reason;
  item->due = custody_date_to_time (due, c->zone);
  g_ptr_array_add (c->desk->lists[list], item);
}

static int
compare_items (gconstpointer a,
               gconstpointer b)
{
  const CustodyDeskItem *ia = *(CustodyDeskItem * const *) a;
  const CustodyDeskItem *ib = *(CustodyDeskItem * const *) b;

  if (ia->due != ib->due)
    return ia->due < ib->due ? -1 : 1;
  return g_strcmp0 (ia->volser, ib->volser);
}

static gboolean
kind_is_onsite (CustodyLocationKind kind)
{
  switch (kind)
    {
    case CUSTODY_LOCATION_NONE:
    case CUSTODY_LOCATION_LIBRARY:
    case CUSTODY_LOCATION_ONSITE_REPO:
    case CUSTODY_LOCATION_ONSITE_SHELF:
      return TRUE;
    case CUSTODY_LOCATION_TRANSIT:
    case CUSTODY_LOCATION_OFFSITE_VAULT:
    case CUSTODY_LOCATION_OFFSITE_REPO:
    case CUSTODY_LOCATION_DESTROYED:
    case CUSTODY_N_LOCATION_KINDS:
    default:
      return FALSE;
    }
}

/* Decides which list, if any, one volume is on today. Each volume is on
 * one list at most: overdue first, then what to move today, then what
 * expires soon. */
static void
place_volume (Computation             *c,
              const CustodyDeskVolume *v)
{
  const CustodyRotationPolicy *policy = v->policy;
  gboolean rotates = policy != NULL && policy->scheme != CUSTODY_ROTATION_NONE;
  GDate written, expiry, recall, offsite;
  gboolean has_expiry = FALSE;
  int days;

  if (v->status == CUSTODY_MEDIUM_RETIRED || v->location_kind == CUSTODY_LOCATION_DESTROYED)
    return;

  g_date_clear (&written, 1);
  g_date_clear (&expiry, 1);
  if (v->last_written != CUSTODY_TIME_NONE)
    custody_date_from_time (v->last_written, c->zone, &written);

  if (v->retention_until != CUSTODY_TIME_NONE)
    {
      custody_date_from_time (v->retention_until, c->zone, &expiry);
      has_expiry = g_date_valid (&expiry);
    }
  else if (rotates && g_date_valid (&written))
    {
      custody_rotation_expiry (policy, &written, &expiry);
      has_expiry = TRUE;
    }

  /* With the courier: it should have arrived by now. */
  if (v->location != NULL && v->location_kind == CUSTODY_LOCATION_TRANSIT)
    {
      GDate since, due;

      custody_date_from_time (v->location_since, c->zone, &since);
      due = since;
      g_date_add_days (&due, CUSTODY_DESK_TRANSIT_DAYS);
      if (g_date_compare (&c->today, &due) >= 0)
        {
          g_autofree char *when = custody_date_format (&since);
          add_item (c, CUSTODY_DESK_OVERDUE, v, &due,
                    g_strdup_printf (_("in transit since %s: it should have arrived by now"),
                                     when));
        }
      return;
    }

  /* An empty volume has nothing to protect or bring back. */
  if (v->status == CUSTODY_MEDIUM_SCRATCH)
    return;

  if (has_expiry)
    custody_rotation_recall_date (policy, &expiry, &recall);

  if (v->location != NULL && !kind_is_onsite (v->location_kind))
    {
      if (has_expiry)
        {
          g_autofree char *ends = custody_date_format (&expiry);
          g_autofree char *by = custody_date_format (&recall);

          if (g_date_compare (&c->today, &expiry) >= 0)
            {
              add_item (c, CUSTODY_DESK_OVERDUE, v, &recall,
                        g_strdup_printf (_("retention ended on %s: "
                                           "it should have left the vault on %s"),
                                         ends, by));
              return;
            }
          if (g_date_compare (&c->today, &recall) >= 0)
            {
              add_item (c, CUSTODY_DESK_RECALL, v, &recall,
                        g_strdup_printf (_("retention ends on %s: bring it back for reuse"), ends));
              return;
            }
        }
      /* A rotating volume off site comes back by its recall date: that
       * list says when, the expiring one would only repeat it. */
      if (rotates)
        return;
    }
  else if (rotates && g_date_valid (&written) &&
           custody_rotation_offsite_date (policy, &written, &offsite) &&
           !(has_expiry && g_date_compare (&c->today, &recall) >= 0))
    {
      g_autofree char *when = custody_date_format (&written);
      const char *tier = custody_rotation_tier_get_label (custody_rotation_tier (policy, &written));

      days = g_date_days_between (&offsite, &c->today);
      if (days == 0)
        {
          /* Translators: "written on 2026-11-20 (Weekly): goes off site today" */
          add_item (c, CUSTODY_DESK_SEND_OFFSITE, v, &offsite,
                    g_strdup_printf (_("written on %s (%s): goes off site today"), when, tier));
          return;
        }
      if (days > 0)
        {
          g_autofree char *due = custody_date_format (&offsite);
          add_item (c, CUSTODY_DESK_OVERDUE, v, &offsite,
                    g_strdup_printf (_("written on %s (%s): it should have gone off site on %s"),
                                     when, tier, due));
          return;
        }
    }

  if (!has_expiry)
    return;

  days = g_date_days_between (&c->today, &expiry);
  if (days <= 0)
    {
      g_autofree char *ends = custody_date_format (&expiry);

      if (policy == NULL || policy->return_to_scratch)
        add_item (c, CUSTODY_DESK_EXPIRING, v, &expiry,
                  g_strdup_printf (_("retention ended on %s: return it to scratch"), ends));
    }
  else if (days < CUSTODY_DESK_EXPIRING_DAYS)
    {
      g_autofree char *ends = custody_date_format (&expiry);
      add_item (c, CUSTODY_DESK_EXPIRING, v, &expiry,
                g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "retention ends on %s, in %d day",
                                              "retention ends on %s, in %d days", days),
                                 ends, days));
    }
}

/**
 * custody_desk_compute:
 * @volumes: (array length=n_volumes): every volume
 * @now: the moment; its day in @zone is "today"
 * @zone: the desk's time zone
 *
 * Returns: (transfer full): the day's lists
 */
CustodyDesk *
custody_desk_compute (const CustodyDeskVolume *volumes,
                      guint                    n_volumes,
                      gint64                   now,
                      GTimeZone               *zone)
{
  Computation c;

  g_return_val_if_fail (n_volumes == 0 || volumes != NULL, NULL);
  g_return_val_if_fail (zone != NULL, NULL);

  c.desk = g_new0 (CustodyDesk, 1);
  g_atomic_ref_count_init (&c.desk->ref_count);
  for (guint i = 0; i < CUSTODY_N_DESK_LISTS; i++)
    c.desk->lists[i] = g_ptr_array_new_with_free_func (g_object_unref);
  c.zone = zone;
  custody_date_from_time (now, zone, &c.today);
  c.desk->day = custody_date_to_time (&c.today, zone);

  for (guint i = 0; i < n_volumes; i++)
    place_volume (&c, &volumes[i]);

  for (guint i = 0; i < CUSTODY_N_DESK_LISTS; i++)
    g_ptr_array_sort (c.desk->lists[i], compare_items);

  return c.desk;
}

/* Returns: (transfer none) (nullable): the item of a volume on any list */
CustodyDeskItem *
custody_desk_find (CustodyDesk *self,
                   const char  *volser)
{
  g_return_val_if_fail (self != NULL, NULL);

  for (guint l = 0; l < CUSTODY_N_DESK_LISTS; l++)
    for (guint i = 0; i < self->lists[l]->len; i++)
      {
        CustodyDeskItem *item = g_ptr_array_index (self->lists[l], i);
        if (g_str_equal (item->volser, volser))
          return item;
      }
  return NULL;
}

/**
 * custody_desk_dup_expected:
 * @list: %CUSTODY_DESK_SEND_OFFSITE or %CUSTODY_DESK_RECALL
 *
 * What a scan session for that move should see: the list, and what is
 * overdue for the same move (not sent yet, not recalled yet).
 *
 * Returns: (transfer full): volsers
 */
GStrv
custody_desk_dup_expected (CustodyDesk     *self,
                           CustodyDeskList  list)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  GPtrArray *overdue;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (list == CUSTODY_DESK_SEND_OFFSITE || list == CUSTODY_DESK_RECALL, NULL);

  for (guint i = 0; i < self->lists[list]->len; i++)
    g_strv_builder_add (builder,
                        ((CustodyDeskItem *) g_ptr_array_index (self->lists[list], i))->volser);

  overdue = self->lists[CUSTODY_DESK_OVERDUE];
  for (guint i = 0; i < overdue->len; i++)
    {
      CustodyDeskItem *item = g_ptr_array_index (overdue, i);
      gboolean offsite = item->location_kind == CUSTODY_LOCATION_OFFSITE_VAULT ||
                         item->location_kind == CUSTODY_LOCATION_OFFSITE_REPO;
      gboolean onsite = item->location_kind != CUSTODY_LOCATION_TRANSIT && !offsite;

      if ((list == CUSTODY_DESK_SEND_OFFSITE && onsite) || (list == CUSTODY_DESK_RECALL && offsite))
        g_strv_builder_add (builder, item->volser);
    }

  return g_strv_builder_end (builder);
}
