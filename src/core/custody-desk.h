/* custody-desk.h
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "custody-rotation.h"
#include "custody-types.h"

G_BEGIN_DECLS

/* The tape desk's lists for one day: what goes off site, what comes back
 * from the vault, what expires soon, and what should have moved and has
 * not. A pure function of the volumes and their pools' rotation. */

typedef enum
{
  CUSTODY_DESK_SEND_OFFSITE,
  CUSTODY_DESK_RECALL,
  CUSTODY_DESK_EXPIRING,
  CUSTODY_DESK_OVERDUE,
  CUSTODY_N_DESK_LISTS
} CustodyDeskList;

/* A volume in transit longer than this is overdue at the vault. */
#define CUSTODY_DESK_TRANSIT_DAYS  2
/* Retention ending within this many days is "expiring soon". */
#define CUSTODY_DESK_EXPIRING_DAYS 7

/* What the lists are computed from; strings are borrowed. */
typedef struct
{
  const char                  *volser;
  const char                  *type;
  const char                  *pool;            /* NULL: none */
  const CustodyRotationPolicy *policy;          /* NULL: the pool does not rotate */
  CustodyMediumStatus          status;
  const char                  *location;        /* NULL: never moved */
  CustodyLocationKind          location_kind;
  gint64                       location_since;
  gint64                       last_written;    /* CUSTODY_TIME_NONE: never */
  gint64                       retention_until; /* set on the volume; NONE: from the pool */
} CustodyDeskVolume;

#define CUSTODY_TYPE_DESK_ITEM (custody_desk_item_get_type ())
G_DECLARE_FINAL_TYPE (CustodyDeskItem, custody_desk_item, CUSTODY, DESK_ITEM, GObject)

struct _CustodyDeskItem
{
  GObject              parent_instance;

  CustodyDeskList      list;
  char                *volser;
  char                *type;
  char                *pool;        /* NULL: none */
  char                *location;    /* NULL: never moved */
  CustodyLocationKind  location_kind;
  char                *reason;      /* for people, translated */
  gint64               due;         /* the day it was or is due, at its first second */
};

typedef struct _CustodyDesk CustodyDesk;

struct _CustodyDesk
{
  /*< private >*/
  gatomicrefcount  ref_count;

  /*< public >*/
  gint64           day;                           /* the day's first second */
  GPtrArray       *lists[CUSTODY_N_DESK_LISTS];   /* CustodyDeskItem, by due day then volser */
};

#define CUSTODY_TYPE_DESK (custody_desk_get_type ())

GType        custody_desk_get_type        (void) G_GNUC_CONST;
CustodyDesk *custody_desk_ref             (CustodyDesk              *self);
void         custody_desk_unref           (CustodyDesk              *self);

CustodyDesk *custody_desk_compute         (const CustodyDeskVolume  *volumes,
                                           guint                     n_volumes,
                                           gint64                    now,
                                           GTimeZone                *zone);
CustodyDeskItem *custody_desk_find        (CustodyDesk              *self,
                                           const char               *volser);
GStrv        custody_desk_dup_expected    (CustodyDesk              *self,
                                           CustodyDeskList           list);

const char  *custody_desk_list_to_string  (CustodyDeskList           list);
gboolean     custody_desk_list_from_string (const char              *str,
                                            CustodyDeskList         *out);
const char  *custody_desk_list_get_label  (CustodyDeskList           list);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CustodyDesk, custody_desk_unref)

G_END_DECLS
