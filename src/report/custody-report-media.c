/* custody-report-media.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custody-report"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "custody-report-private.h"
#include "custody-time.h"

/* The media and vault report: every volume at a moment, counted by
 * location and by pool, the desk's lists for that day (send off-site,
 * recall from the vault, expiring, overdue), then every volume, location
 * by location.
 *
 * The desk's lists are those of the tape desk (custody_store_get_desk_at()):
 * the pools' rotation policies applied to the volumes on the report's date. */

/*
 * The report
 */

typedef struct
{
  char   *name;      /* NULL: volumes never moved */
  CustodyLocationKind kind;
  gint64  volumes;
  gint64  by_status[CUSTODY_N_MEDIUM_STATUSES];
  gint64  worm;
} LocationCount;

typedef struct
{
  char   *name;      /* NULL: no pool */
  gint64  volumes;
  gint64  onsite;
  gint64  transit;
  gint64  offsite;
  gint64  capacity;
  gint64  written;
} PoolCount;

typedef struct
{
  GPtrArray *locations;   /* LocationCount, in the walk's order */
  GPtrArray *pools;       /* PoolCount, by name */
  GHashTable *pools_by_name;
  gint64     volumes;
  gint64     by_kind[CUSTODY_N_LOCATION_KINDS + 1];   /* the last: never moved */
} Media;

static void
location_count_free (gpointer data)
{
  LocationCount *l = data;

  g_free (l->name);
  g_free (l);
}

static void
pool_count_free (gpointer data)
{
  PoolCount *p = data;

  g_free (p->name);
  g_free (p);
}

static void
media_free (gpointer data)
{
  Media *m = data;

  g_clear_pointer (&m->locations, g_ptr_array_unref);
  g_clear_pointer (&m->pools_by_name, g_hash_table_unref);
  g_clear_pointer (&m->pools, g_ptr_array_unref);
  g_free (m);
}

static gboolean
count_volume_cb (gconstpointer row,
                 gpointer      user_data)
{
  const CustodyReportVolume *v = row;
  Media *m = user_data;
  LocationCount *l = m->locations->len > 0 ? g_ptr_array_index (m->locations, m->locations->len - 1)
                                           : NULL;
  const char *pool_key = v->pool != NULL ? v->pool : "";
  PoolCount *p = g_hash_table_lookup (m->pools_by_name, pool_key);

  if (l == NULL || g_strcmp0 (l->name, v->location) != 0)
    {
      l = g_new0 (LocationCount, 1);
      l->name = g_strdup (v->location);
      l->kind = v->location_kind;
      g_ptr_array_add (m->locations, l);
    }
  l->volumes++;
  l->by_status[v->status]++;
  if (v->worm)
    l->worm++;

  if (p == NULL)
    {
      p = g_new0 (PoolCount, 1);
      p->name = g_strdup (v->pool);
      g_ptr_array_add (m->pools, p);
      g_hash_table_insert (m->pools_by_name, g_strdup (pool_key), p);
    }
  p->volumes++;
  p->capacity += v->capacity_bytes;
  p->written += v->bytes_written;
  if (v->location_kind == CUSTODY_LOCATION_TRANSIT)
    p->transit++;
  else if (v->location_kind != CUSTODY_LOCATION_NONE &&
           custody_location_kind_is_offsite (v->location_kind))
    p->offsite++;
  else if (v->location_kind != CUSTODY_LOCATION_DESTROYED)
    p->onsite++;

  m->volumes++;
  m->by_kind[v->location_kind == CUSTODY_LOCATION_NONE ? CUSTODY_N_LOCATION_KINDS
             : v->location_kind]++;
  return TRUE;
}

static int
compare_pools (gconstpointer a,
               gconstpointer b)
{
  const PoolCount *pa = *(PoolCount * const *) a;
  const PoolCount *pb = *(PoolCount * const *) b;

  /* No pool last. */
  if (pa->name == NULL || pb->name == NULL)
    return (pa->name == NULL) - (pb->name == NULL);
  return g_utf8_collate (pa->name, pb->name);
}

gboolean
custody_report_media_prepare (CustodyReportContext  *ctx,
                              GError               **error)
{
  Media *m = g_new0 (Media, 1);

  ctx->data = m;
  ctx->data_free = media_free;
  m->locations = g_ptr_array_new_with_free_func (location_count_free);
  m->pools = g_ptr_array_new_with_free_func (pool_count_free);
  m->pools_by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (!custody_store_report_volumes (ctx->store, ctx->to, count_volume_cb, m, error))
    return FALSE;
  g_ptr_array_sort (m->pools, compare_pools);
  return TRUE;
}

static const char *
location_name (const char *name)
{
  return name != NULL ? name : _("Never moved");
}

static void
summary (CustodyReportLayout *layout,
         Media               *m)
{
  char b[4][CUSTODY_REPORT_BUF];
  gint64 offsite = m->by_kind[CUSTODY_LOCATION_OFFSITE_VAULT] +
                   m->by_kind[CUSTODY_LOCATION_OFFSITE_REPO];
  gint64 transit = m->by_kind[CUSTODY_LOCATION_TRANSIT];
  gint64 destroyed = m->by_kind[CUSTODY_LOCATION_DESTROYED];
  CustodyReportFigure figures[] = {
    { custody_report_count (m->volumes, b[0]), _("Volumes"), CUSTODY_REPORT_TONE_STRONG },
    { custody_report_count (m->volumes - offsite - transit - destroyed, b[1]), _("On site"),
      CUSTODY_REPORT_TONE_NORMAL },
    { custody_report_count (transit, b[2]), _("In transit"),
      transit > 0 ? CUSTODY_REPORT_TONE_WARNING : CUSTODY_REPORT_TONE_MUTED },
    { custody_report_count (offsite, b[3]), _("Off site"), CUSTODY_REPORT_TONE_GOOD },
  };

  custody_report_layout_section (layout, _("Summary"));
  custody_report_layout_figures (layout, figures, G_N_ELEMENTS (figures));
}

static void
desk_list (CustodyReportLayout *layout,
           GPtrArray           *list,
           const char          *title,
           const char          *empty)
{
  const CustodyReportColumn columns[] = {
    { _("Volume"), 1.2, CUSTODY_REPORT_ALIGN_START, CUSTODY_REPORT_SAMPLE_VOLSER },
    { _("Pool"), 1.2, CUSTODY_REPORT_ALIGN_START },
    { _("Location"), 1.8, CUSTODY_REPORT_ALIGN_START },
    { _("Reason"), 5, CUSTODY_REPORT_ALIGN_START },
  };

  custody_report_layout_subsection (layout, title);
  if (list->len == 0)
    {
      custody_report_layout_paragraph (layout, CUSTODY_REPORT_TONE_MUTED, empty);
      return;
    }

  custody_report_layout_begin_table (layout, columns, G_N_ELEMENTS (columns), 0);
  for (guint i = 0; i < list->len; i++)
    {
      CustodyDeskItem *e = g_ptr_array_index (list, i);
      const char *cells[] = { e->volser, e->pool, location_name (e->location), e->reason };
      static const CustodyReportTone tones[] = {
        CUSTODY_REPORT_TONE_STRONG, CUSTODY_REPORT_TONE_NORMAL, CUSTODY_REPORT_TONE_NORMAL,
        CUSTODY_REPORT_TONE_NORMAL,
      };

      if (!custody_report_layout_row (layout, cells, tones))
        break;
    }
  custody_report_layout_end_table (layout);
}

static void
desk_lists (CustodyReportLayout *layout,
            CustodyDesk         *lists)
{
  char date[CUSTODY_REPORT_BUF];
  g_autofree char *title = g_strdup_printf (_("Desk Lists for %s"),
                                            custody_report_date (lists->day, date));

  custody_report_layout_section (layout, title);
  custody_report_layout_paragraph (layout, CUSTODY_REPORT_TONE_MUTED,
                                   _("From each pool's rotation: what the tape desk's Today page "
                                     "showed that day."));
  desk_list (layout, lists->lists[CUSTODY_DESK_SEND_OFFSITE], _("Send Off-site"),
             _("Nothing to send off-site."));
  desk_list (layout, lists->lists[CUSTODY_DESK_RECALL], _("Recall from the Vault"),
             _("Nothing to recall."));
  desk_list (layout, lists->lists[CUSTODY_DESK_EXPIRING], _("Expiring Soon"),
             _("No retention ends soon."));
  desk_list (layout, lists->lists[CUSTODY_DESK_OVERDUE], _("Overdue"),
             _("Nothing is overdue."));
}

static void
by_location (CustodyReportLayout *layout,
             Media               *m)
{
  const CustodyReportColumn columns[] = {
    { _("Location"), 2.4, CUSTODY_REPORT_ALIGN_START },
    { _("Kind"), 1.8, CUSTODY_REPORT_ALIGN_START },
    { _("Volumes"), 1, CUSTODY_REPORT_ALIGN_END },
    { custody_medium_status_get_label (CUSTODY_MEDIUM_IN_USE), 1, CUSTODY_REPORT_ALIGN_END },
    { custody_medium_status_get_label (CUSTODY_MEDIUM_FULL), 1, CUSTODY_REPORT_ALIGN_END },
    { custody_medium_status_get_label (CUSTODY_MEDIUM_SCRATCH), 1, CUSTODY_REPORT_ALIGN_END },
    { custody_medium_status_get_label (CUSTODY_MEDIUM_RETIRED), 1, CUSTODY_REPORT_ALIGN_END },
    { custody_medium_status_get_label (CUSTODY_MEDIUM_ERROR), 1, CUSTODY_REPORT_ALIGN_END },
    { "WORM", 0.9, CUSTODY_REPORT_ALIGN_END },
  };

  custody_report_layout_section (layout, _("Volumes by Location"));
  if (m->locations->len == 0)
    {
      custody_report_layout_paragraph (layout, CUSTODY_REPORT_TONE_MUTED,
                                       _("The store holds no volume."));
      return;
    }

  custody_report_layout_begin_table (layout, columns, G_N_ELEMENTS (columns), 0);
  for (guint i = 0; i < m->locations->len; i++)
    {
      LocationCount *l = g_ptr_array_index (m->locations, i);
      char b[7][CUSTODY_REPORT_BUF];
      const char *cells[] = {
        location_name (l->name),
        l->name != NULL ? custody_location_kind_get_label (l->kind) : "",
        custody_report_count (l->volumes, b[0]),
        custody_report_count (l->by_status[CUSTODY_MEDIUM_IN_USE], b[1]),
        custody_report_count (l->by_status[CUSTODY_MEDIUM_FULL], b[2]),
        custody_report_count (l->by_status[CUSTODY_MEDIUM_SCRATCH], b[3]),
        custody_report_count (l->by_status[CUSTODY_MEDIUM_RETIRED], b[4]),
        custody_report_count (l->by_status[CUSTODY_MEDIUM_ERROR], b[5]),
        custody_report_count (l->worm, b[6]),
      };
      const CustodyReportTone tones[] = {
        CUSTODY_REPORT_TONE_STRONG, CUSTODY_REPORT_TONE_MUTED, CUSTODY_REPORT_TONE_STRONG,
        CUSTODY_REPORT_TONE_NORMAL, CUSTODY_REPORT_TONE_NORMAL, CUSTODY_REPORT_TONE_NORMAL,
        CUSTODY_REPORT_TONE_MUTED,
        l->by_status[CUSTODY_MEDIUM_ERROR] > 0 ? CUSTODY_REPORT_TONE_BAD
        : CUSTODY_REPORT_TONE_MUTED,
        CUSTODY_REPORT_TONE_NORMAL,
      };

      custody_report_layout_row (layout, cells, tones);
    }
  custody_report_layout_end_table (layout);
}

static void
by_pool (CustodyReportLayout *layout,
         Media               *m)
{
  const CustodyReportColumn columns[] = {
    { _("Pool"), 2, CUSTODY_REPORT_ALIGN_START },
    { _("Volumes"), 1, CUSTODY_REPORT_ALIGN_END },
    { _("On site"), 1, CUSTODY_REPORT_ALIGN_END },
    { _("In transit"), 1, CUSTODY_REPORT_ALIGN_END },
    { _("Off site"), 1, CUSTODY_REPORT_ALIGN_END },
    { _("Capacity"), 1.3, CUSTODY_REPORT_ALIGN_END },
    { _("Written"), 1.3, CUSTODY_REPORT_ALIGN_END },
  };

  if (m->pools->len == 0)
    return;

  custody_report_layout_section (layout, _("Volumes by Pool"));
  custody_report_layout_begin_table (layout, columns, G_N_ELEMENTS (columns), 0);
  for (guint i = 0; i < m->pools->len; i++)
    {
      PoolCount *p = g_ptr_array_index (m->pools, i);
      char b[4][CUSTODY_REPORT_BUF];
      g_autofree char *capacity = custody_report_bytes (p->capacity);
      g_autofree char *written = custody_report_bytes (p->written);
      const char *cells[] = {
        p->name != NULL ? p->name : _("No pool"), custody_report_count (p->volumes, b[0]),
        custody_report_count (p->onsite, b[1]), custody_report_count (p->transit, b[2]),
        custody_report_count (p->offsite, b[3]), capacity, written,
      };
      const CustodyReportTone tones[] = {
        CUSTODY_REPORT_TONE_STRONG, CUSTODY_REPORT_TONE_STRONG, CUSTODY_REPORT_TONE_NORMAL,
        p->transit > 0 ? CUSTODY_REPORT_TONE_WARNING : CUSTODY_REPORT_TONE_MUTED,
        CUSTODY_REPORT_TONE_NORMAL, CUSTODY_REPORT_TONE_NORMAL, CUSTODY_REPORT_TONE_NORMAL,
      };

      custody_report_layout_row (layout, cells, tones);
    }
  custody_report_layout_end_table (layout);
}

typedef struct
{
  CustodyReportLayout *layout;
  gboolean             started;
  char                *location;
} Listing;

static const CustodyReportColumn listing_columns[] = {
  { N_("Volume"), 1.2, CUSTODY_REPORT_ALIGN_START, CUSTODY_REPORT_SAMPLE_VOLSER },
  { N_("Type"), 0.9, CUSTODY_REPORT_ALIGN_START },
  { N_("Pool"), 1.1, CUSTODY_REPORT_ALIGN_START },
  { N_("Status"), 0.9, CUSTODY_REPORT_ALIGN_START },
  { N_("There since"), 1.7, CUSTODY_REPORT_ALIGN_START, CUSTODY_REPORT_SAMPLE_TIME },
  { N_("Case"), 0.9, CUSTODY_REPORT_ALIGN_START },
  { N_("Retention until"), 1.3, CUSTODY_REPORT_ALIGN_START, CUSTODY_REPORT_SAMPLE_DATE },
  { N_("Last written"), 1.7, CUSTODY_REPORT_ALIGN_START, CUSTODY_REPORT_SAMPLE_TIME },
};

static gboolean
listed_volume_cb (gconstpointer row,
                  gpointer      user_data)
{
  const CustodyReportVolume *v = row;
  Listing *l = user_data;
  char since[CUSTODY_REPORT_BUF], retention[CUSTODY_REPORT_BUF], written[CUSTODY_REPORT_BUF];
  const char *cells[] = {
    v->volser, v->type, v->pool, custody_medium_status_get_label (v->status),
    custody_report_time (v->since, since), v->container,
    custody_report_date (v->retention_until, retention),
    custody_report_time (v->last_written, written),
  };
  const CustodyReportTone tones[] = {
    CUSTODY_REPORT_TONE_STRONG, CUSTODY_REPORT_TONE_NORMAL, CUSTODY_REPORT_TONE_NORMAL,
    v->status == CUSTODY_MEDIUM_ERROR ? CUSTODY_REPORT_TONE_BAD : CUSTODY_REPORT_TONE_NORMAL,
    CUSTODY_REPORT_TONE_NORMAL, CUSTODY_REPORT_TONE_NORMAL, CUSTODY_REPORT_TONE_NORMAL,
    CUSTODY_REPORT_TONE_MUTED,
  };

  if (!l->started || g_strcmp0 (l->location, v->location) != 0)
    {
      CustodyReportColumn columns[G_N_ELEMENTS (listing_columns)];

      if (l->started)
        custody_report_layout_end_table (l->layout);
      l->started = TRUE;
      g_free (l->location);
      l->location = g_strdup (v->location);
      custody_report_layout_subsection (l->layout, location_name (v->location));

      for (guint c = 0; c < G_N_ELEMENTS (listing_columns); c++)
        {
          columns[c] = listing_columns[c];
          columns[c].title = g_dgettext (GETTEXT_PACKAGE, listing_columns[c].title);
        }
      custody_report_layout_begin_table (l->layout, columns, G_N_ELEMENTS (columns), 0);
    }

  return custody_report_layout_row (l->layout, cells, tones);
}

static gboolean
listing (CustodyReportLayout   *layout,
         CustodyReportContext  *ctx,
         Media                 *m,
         GError               **error)
{
  Listing l = { layout, FALSE, NULL };
  gboolean ok;

  if (m->volumes == 0)
    return TRUE;

  custody_report_layout_section (layout, _("Every Volume"));
  ok = custody_store_report_volumes (ctx->store, ctx->to, listed_volume_cb, &l, error);
  custody_report_layout_end_table (layout);
  g_free (l.location);

  return ok;
}

gboolean
custody_report_media_build (CustodyReportLayout  *layout,
                            gpointer              data,
                            GError              **error)
{
  CustodyReportContext *ctx = data;
  Media *m = ctx->data;
  guint desk = 0;

  for (guint i = 0; i < CUSTODY_N_DESK_LISTS; i++)
    desk += ctx->desk->lists[i]->len;

  custody_report_layout_set_work (layout,
                                  m->volumes + m->locations->len + m->pools->len + desk + 4);
  custody_report_title_block (layout, ctx);
  summary (layout, m);
  desk_lists (layout, ctx->desk);
  by_location (layout, m);
  by_pool (layout, m);

  return listing (layout, ctx, m, error);
}
