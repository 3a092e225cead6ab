/* custody-demo.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custody-demo"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "custody-json.h"
#include "custody-store-private.h"
#include "custody-time.h"

/* A realistic store for trying the app, for screenshots, reports and
 * benchmarks: two sites, a tape library with GFS pools and a vault, a year
 * of history, and the usual troubles (a failed run, a stale copy, an
 * overdue restore test, tapes on the move). Deterministic for a seed. */

#define HOUR 3600
#define DAY  86400
#define YEAR (365 * DAY)
#define VOLUMES_PER_TAPE_COPY 5

enum
{
  LOC_SERVER_ROOM, LOC_LIBRARY, LOC_SHELF, LOC_COURIER, LOC_VAULT, LOC_DR_SITE, LOC_CLOUD,
  LOC_SHREDDER, N_LOCATIONS
};

static const struct
{
  const char *name;
  const char *kind;
} demo_locations[N_LOCATIONS] = {
  { "Server room NAS", "onsite-repo" },
  { "Tape library", "library" },
  { "Operator shelf", "onsite-shelf" },
  { "Courier", "transit" },
  { "Iron vault", "offsite-vault" },
  { "DR site", "offsite-repo" },
  { "Cloud eu-west", "offsite-repo" },
  { "Shredder", "destroyed" },
};

static const char * const demo_names[] = {
  "payroll-db", "mail-server", "fileserver-home", "erp-db", "crm-db", "web-frontend",
  "git-server", "wiki", "vm-cluster-a", "ad-controller", "hr-documents", "finance-share",
  "ci-artifacts", "monitoring", "dns-dhcp", "print-server", "intranet", "ticketing",
  "lab-instruments", "cad-projects", "warehouse-db", "backup-catalog",
};

static const char * const demo_owners[] = {
  "Aiko Tanaka", "Ben Okafor", "Carla Ruiz", "Dmitri Volkov", "Emma Lindqvist", "Farid Haddad",
};

/* What goes wrong with a job, if anything. */
typedef enum
{
  TROUBLE_NONE,
  TROUBLE_LATEST_FAILED,      /* its NAS run failed last night */
  TROUBLE_TAPE_IN_TRANSIT,    /* its newest tape is with the courier */
  TROUBLE_TAPE_IN_LIBRARY,    /* its newest tape never left the library */
  TROUBLE_STALE_COPY,         /* the cloud upload stopped two weeks ago */
  TROUBLE_VERIFY_OVERDUE,     /* no restore test for 45 days */
  TROUBLE_VERIFY_EXPIRING,    /* at risk: the restore test expires in 3 days */
  TROUBLE_TWO_COPIES,         /* never got its third copy */
  TROUBLE_VERIFY_ERRORS,      /* a checksum found errors */
  N_TROUBLES
} Trouble;

static Trouble
pick_trouble (guint   index,
              GRand  *rand)
{
  /* The first jobs show each situation once; later ones are mostly fine. */
  static const Trouble first[] = {
    TROUBLE_NONE, TROUBLE_TAPE_IN_TRANSIT, TROUBLE_LATEST_FAILED, TROUBLE_VERIFY_OVERDUE,
    TROUBLE_VERIFY_EXPIRING, TROUBLE_TWO_COPIES, TROUBLE_STALE_COPY, TROUBLE_NONE,
    TROUBLE_TAPE_IN_LIBRARY, TROUBLE_NONE, TROUBLE_VERIFY_ERRORS, TROUBLE_NONE,
  };

  if (index < G_N_ELEMENTS (first))
    return first[index];
  if (g_rand_int_range (rand, 0, 100) < 85)
    return TROUBLE_NONE;
  return (Trouble) g_rand_int_range (rand, 1, N_TROUBLES);
}

typedef struct
{
  CustodyStore *store;
  GRand        *rand;
  gint64        now;
  gint64        location_ids[N_LOCATIONS];
  gint64        pool_daily, pool_weekly, pool_monthly;
  guint         next_volser;
  guint         runs_per_copy;
} Demo;

static gboolean
run (Demo        *d,
     const char  *sql,
     GError     **error)
{
  return custody_store_exec (d->store, sql, error);
}

static gint64
last_id (Demo *d)
{
  return sqlite3_last_insert_rowid (custody_store_get_db (d->store));
}

static gboolean
add_locations_and_pools (Demo    *d,
                         GError **error)
{
  static const char * const pools[] = { "Daily", "Weekly", "Monthly" };
  /* The rotation the demo's tapes follow: the dailies go round five
   * tapes, leave the same evening and come back the day before reuse;
   * the weeklies go round five weeks. */
  static const char * const schemes[] = { "gfs", "cycle", "gfs" };
  /* With fewer runs a year, the tapes go round more slowly. */
  gint64 days = MAX (1, (YEAR / d->runs_per_copy + DAY - 1) / DAY);
  g_autofree char *daily = g_strdup_printf ("{\"daily\":%" G_GINT64_FORMAT ","
                                            "\"weekly\":5,\"monthly\":12,"
                                            "\"offsite_after_days\":0,\"recall_days\":1}",
                                            VOLUMES_PER_TAPE_COPY * days);
  g_autofree char *weekly = g_strdup_printf ("{\"cycle_weeks\":%" G_GINT64_FORMAT ","
                                             "\"offsite_after_days\":1,\"recall_days\":2}",
                                             VOLUMES_PER_TAPE_COPY * days);
  const char *params[] = {
    daily, weekly,
    "{\"daily\":7,\"weekly\":5,\"monthly\":12,\"offsite_after_days\":1,\"recall_days\":2}",
  };

  sqlite3_stmt *stmt;

  stmt = custody_store_prepare (d->store,
                                "INSERT INTO locations (name, kind, created_at) VALUES (?, ?, ?)",
                                error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < N_LOCATIONS; i++)
    {
      sqlite3_bind_text (stmt, 1, demo_locations[i].name, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, demo_locations[i].kind, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 3, d->now - YEAR - 30 * DAY);
      if (!custody_store_step_done (d->store, stmt, error))
        return FALSE;
      d->location_ids[i] = last_id (d);
    }

  stmt = custody_store_prepare (d->store,
                                "INSERT INTO pools (name, media_type, scheme, params, created_at)"
                                " VALUES (?1, 'LTO-9', ?3, ?4, ?2)", error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (pools); i++)
    {
      sqlite3_bind_text (stmt, 1, pools[i], -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, d->now - YEAR - 30 * DAY);
      sqlite3_bind_text (stmt, 3, schemes[i], -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, params[i], -1, SQLITE_STATIC);
      if (!custody_store_step_done (d->store, stmt, error))
        return FALSE;
      if (i == 0)
        d->pool_daily = last_id (d);
      else if (i == 1)
        d->pool_weekly = last_id (d);
      else
        d->pool_monthly = last_id (d);
    }

  return TRUE;
}

static gboolean
add_movement (Demo     *d,
              gint64    medium_id,
              int       from,
              int       to,
              gint64    at,
              const char *courier,
              const char *container,
              GError  **error)
{
  sqlite3_stmt *stmt = custody_store_prepare (d->store,
                                              "INSERT INTO movements (media_id, from_location_id,"
                                              " to_location_id, at, by, courier, container, seal,"
                                              " source, recorded_at)"
                                              " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'demo', ?)", error);
  g_autofree char *seal = NULL;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, medium_id);
  if (from >= 0)
    sqlite3_bind_int64 (stmt, 2, d->location_ids[from]);
  else
    sqlite3_bind_null (stmt, 2);
  sqlite3_bind_int64 (stmt, 3, d->location_ids[to]);
  sqlite3_bind_int64 (stmt, 4, at);
  sqlite3_bind_text (stmt, 5, demo_owners[medium_id % G_N_ELEMENTS (demo_owners)], -1,
                     SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, courier, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, container, -1, SQLITE_STATIC);
  seal = container[0] != '\0' ? g_strdup_printf ("S%07u", (guint) (at / 3600) % 10000000)
         : g_strdup ("");
  sqlite3_bind_text (stmt, 8, seal, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 9, at);
  return custody_store_step_done (d->store, stmt, error);
}

/* One tape's life: added to the library a year ago, then, for its last few
 * writes, out through the courier to the vault and back. Where it is now
 * follows from when it was last written. */
static gboolean
add_tape_history (Demo    *d,
                  gint64   medium_id,
                  GArray  *writes,
                  gboolean keep_in_library,
                  gboolean in_transit,
                  GError **error)
{
  guint first = writes->len > 3 ? writes->len - 3 : 0;
  g_autofree char *container = g_strdup_printf ("CASE-%02u", (guint) (medium_id % 40) + 1);

  if (!add_movement (d, medium_id, -1, LOC_LIBRARY, d->now - YEAR - 20 * DAY, "", "", error))
    return FALSE;

  for (guint i = first; i < writes->len; i++)
    {
      gint64 written = g_array_index (writes, gint64, i);
      gboolean last = i + 1 == writes->len;

      if (i > first)
        {
          /* Recalled from the vault before it is written again. */
          if (!add_movement (d, medium_id, LOC_VAULT, LOC_COURIER, written - 30 * HOUR,
                             "Iron Mountain", container, error) ||
              !add_movement (d, medium_id, LOC_COURIER, LOC_LIBRARY, written - 26 * HOUR,
                             "Iron Mountain", container, error))
            return FALSE;
        }

      if (last && keep_in_library)
        break;
      if (written + 2 * HOUR > d->now)
        break;
      if (!add_movement (d, medium_id, LOC_LIBRARY, LOC_COURIER, written + 2 * HOUR,
                         "Iron Mountain", container, error))
        return FALSE;
      if (last && in_transit)
        break;
      if (written + 26 * HOUR > d->now)
        break;
      if (!add_movement (d, medium_id, LOC_COURIER, LOC_VAULT, written + 26 * HOUR,
                         "Iron Mountain", container, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
add_medium (Demo     *d,
            gint64    pool_id,
            gboolean  worm,
            gint64   *medium_id,
            GError  **error)
{
  sqlite3_stmt *stmt = custody_store_prepare (d->store,
                                              "INSERT INTO media (volser, type, pool_id, status,"
                                              " capacity_bytes, worm, created_at)"
                                              " VALUES (?, 'LTO-9', ?, 'in-use', 18000000000000,"
                                              "         ?, ?)", error);
  char volser[16];
  guint n = d->next_volser++;

  if (stmt == NULL)
    return FALSE;
  /* A00001L9 ... Z99999L9; LZ is the LTO-9 WORM media id. */
  g_snprintf (volser, sizeof volser, "%c%05u%s", 'A' + (n / 99999) % 26, n % 99999 + 1,
              worm ? "LZ" : "L9");
  sqlite3_bind_text (stmt, 1, volser, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, pool_id);
  sqlite3_bind_int (stmt, 3, worm);
  sqlite3_bind_int64 (stmt, 4, d->now - YEAR - 20 * DAY);
  if (!custody_store_step_done (d->store, stmt, error))
    return FALSE;
  *medium_id = last_id (d);
  return TRUE;
}

static gboolean
add_copy (Demo       *d,
          gint64      job_id,
          const char *name,
          const char *media_type,
          int         location,
          gboolean    immutable,
          gint64     *copy_id,
          GError    **error)
{
  sqlite3_stmt *stmt = custody_store_prepare (d->store,
                                              "INSERT INTO copies (job_id, name, media_type,"
                                              " location_id, immutable, retention_days, created_at)"
                                              " VALUES (?, ?, ?, ?, ?, 90, ?)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, job_id);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, media_type, -1, SQLITE_STATIC);
  if (location >= 0)
    sqlite3_bind_int64 (stmt, 4, d->location_ids[location]);
  else
    sqlite3_bind_null (stmt, 4);
  sqlite3_bind_int (stmt, 5, immutable);
  sqlite3_bind_int64 (stmt, 6, d->now - YEAR - DAY);
  if (!custody_store_step_done (d->store, stmt, error))
    return FALSE;
  *copy_id = last_id (d);
  return TRUE;
}

static gboolean
add_execution (Demo       *d,
               gint64      copy_id,
               gint64      started,
               gint64      finished,
               const char *status,
               gint64      bytes,
               const char *message,
               gint64     *execution_id,
               GError    **error)
{
  sqlite3_stmt *stmt = custody_store_prepare (d->store,
                                              "INSERT INTO executions (copy_id, started, finished,"
                                              " status, bytes, files, run_id, message)"
                                              " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", error);
  char run_id[32];

  if (stmt == NULL)
    return FALSE;
  g_snprintf (run_id, sizeof run_id, "demo-%" G_GINT64_FORMAT "-%" G_GINT64_FORMAT, copy_id,
              started);
  sqlite3_bind_int64 (stmt, 1, copy_id);
  sqlite3_bind_int64 (stmt, 2, started);
  sqlite3_bind_int64 (stmt, 3, finished);
  sqlite3_bind_text (stmt, 4, status, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, bytes);
  sqlite3_bind_int64 (stmt, 6, bytes / 250000);
  sqlite3_bind_text (stmt, 7, run_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 8, message, -1, SQLITE_STATIC);
  if (!custody_store_step_done (d->store, stmt, error))
    return FALSE;
  *execution_id = last_id (d);
  return TRUE;
}

static gboolean
add_verification (Demo       *d,
                  gint64      copy_id,
                  const char *kind,
                  gint64      at,
                  gboolean    passed,
                  gint64      errors,
                  GError    **error)
{
  sqlite3_stmt *stmt = custody_store_prepare (d->store,
                                              "INSERT INTO verifications (copy_id, kind, at,"
                                              " result, errors, duration_s, by, note)"
                                              " VALUES (?, ?, ?, ?, ?, ?, ?, '')", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, copy_id);
  sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, at);
  sqlite3_bind_text (stmt, 4, passed ? "passed" : "failed", -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, errors);
  sqlite3_bind_int64 (stmt, 6, 600 + copy_id % 3000);
  sqlite3_bind_text (stmt, 7, demo_owners[copy_id % G_N_ELEMENTS (demo_owners)], -1, SQLITE_STATIC);
  return custody_store_step_done (d->store, stmt, error);
}

typedef enum { COPY_NAS, COPY_TAPE, COPY_CLOUD } CopyRole;

/* Runs of one copy over the year, @n of them, the newest @newest_age
 * seconds ago; tape runs go round their volumes. */
static gboolean
add_history (Demo     *d,
             gint64    copy_id,
             CopyRole  role,
             guint     n,
             gint64    newest_age,
             gboolean  latest_fails,
             GArray   *volume_ids,
             GArray  **writes,
             GError  **error)
{
  gint64 interval = n > 1 ? (YEAR - newest_age) / (n - 1) : DAY;
  gint64 bytes = (gint64) g_rand_int_range (d->rand, 20, 900) * 1000000000;

  interval = MAX (interval, 60);

  for (guint k = 0; k < n; k++)
    {
      gint64 started = d->now - newest_age - (gint64) (n - 1 - k) * interval - 2 * HOUR;
      gint64 finished = started + HOUR + g_rand_int_range (d->rand, 0, 3600);
      gboolean last = k + 1 == n;
      const char *status = "success";
      const char *message = "";
      gint64 execution_id;
      int dice = g_rand_int_range (d->rand, 0, 1000);

      if (last && latest_fails)
        {
          status = "failed";
          message = "repository locked by another process";
        }
      else if (!last && dice < 15)
        {
          status = "failed";
          message = "connection reset by peer";
        }
      else if (dice < 45)
        {
          status = "warning";
          message = "3 files changed during backup";
        }

      if (!add_execution (d, copy_id, started, finished, status, bytes + k * 10000000, message,
                          &execution_id, error))
        return FALSE;

      if (role == COPY_TAPE && volume_ids->len > 0 && !g_str_equal (status, "failed"))
        {
          guint v = k % volume_ids->len;
          gint64 medium_id = g_array_index (volume_ids, gint64, v);
          sqlite3_stmt *stmt = custody_store_prepare (d->store,
                                                      "INSERT INTO execution_volumes"
                                                      " (execution_id, position, media_id)"
                                                      " VALUES (?, 0, ?)", error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, execution_id);
          sqlite3_bind_int64 (stmt, 2, medium_id);
          if (!custody_store_step_done (d->store, stmt, error))
            return FALSE;
          g_array_append_val (writes[v], finished);
        }
    }

  return TRUE;
}

static gboolean
add_verifications (Demo     *d,
                   gint64    copy_id,
                   gint64    verify_days,
                   Trouble   trouble,
                   gboolean  errors_on_this_copy,
                   GError  **error)
{
  gint64 newest;

  switch (trouble)
    {
    case TROUBLE_VERIFY_OVERDUE:
      newest = d->now - (verify_days + 15) * DAY;
      break;
    case TROUBLE_VERIFY_EXPIRING:
      newest = d->now - (verify_days - 3) * DAY;
      break;
    case TROUBLE_NONE:
    case TROUBLE_LATEST_FAILED:
    case TROUBLE_TAPE_IN_TRANSIT:
    case TROUBLE_TAPE_IN_LIBRARY:
    case TROUBLE_STALE_COPY:
    case TROUBLE_TWO_COPIES:
    case TROUBLE_VERIFY_ERRORS:
    case N_TROUBLES:
    default:
      newest = d->now - g_rand_int_range (d->rand, 1, (int) MAX (2, verify_days / 2)) * DAY;
      break;
    }

  /* Monthly tests back through the year, the newest as above. */
  for (gint64 at = newest; at > d->now - YEAR; at -= verify_days * DAY)
    {
      gboolean latest = at == newest;
      gboolean bad = latest && errors_on_this_copy;

      if (!add_verification (d, copy_id,
                             (copy_id + at / DAY) % 3 == 0 ? "checksum" : "restore-test",
                             at, !bad, bad ? 3 : 0, error))
        return FALSE;
    }

  return TRUE;
}

static char *
job_name (guint index)
{
  if (index < G_N_ELEMENTS (demo_names))
    return g_strdup (demo_names[index]);
  return g_strdup_printf ("%s-%05u", demo_names[index % G_N_ELEMENTS (demo_names)], index);
}

static gboolean
add_job (Demo     *d,
         guint     index,
         guint     runs_per_copy,
         GError  **error)
{
  g_autofree char *name = job_name (index);
  g_autofree char *source = NULL;
  g_autoptr(GArray) volume_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GArray *writes[VOLUMES_PER_TAPE_COPY];
  Trouble trouble = pick_trouble (index, d->rand);
  gboolean weekly = index % 3 == 1;
  gint64 rpo_hours = weekly ? 168 : 48;
  gint64 verify_days = 30;
  gint64 job_id, nas_id, tape_id, cloud_id;
  sqlite3_stmt *stmt;
  gboolean ok = TRUE;

  source = g_strdup_printf ("%s.corp.example:/srv/%s", name, name);
  stmt = custody_store_prepare (d->store,
                                "INSERT INTO jobs (name, source, owner, rpo_hours, verify_days,"
                                " tags, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, source, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, demo_owners[index % G_N_ELEMENTS (demo_owners)], -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, rpo_hours);
  sqlite3_bind_int64 (stmt, 5, verify_days);
  sqlite3_bind_text (stmt, 6, weekly ? "weekly" : "daily", -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 7, d->now - YEAR - 2 * DAY);
  if (!custody_store_step_done (d->store, stmt, error))
    return FALSE;
  job_id = last_id (d);

  /* Copy 1: the NAS in the server room, every run. */
  if (!add_copy (d, job_id, "nas", "disk", LOC_SERVER_ROOM, FALSE, &nas_id, error) ||
      !add_history (d, nas_id, COPY_NAS, runs_per_copy, g_rand_int_range (d->rand, 1, 8) * HOUR,
                    trouble == TROUBLE_LATEST_FAILED, volume_ids, NULL, error) ||
      !add_verifications (d, nas_id, verify_days, trouble, FALSE, error))
    return FALSE;

  /* Copy 2: tapes, rotated through the vault. */
  for (guint v = 0; v < VOLUMES_PER_TAPE_COPY; v++)
    {
      gint64 medium_id;

      if (!add_medium (d, weekly ? d->pool_weekly : d->pool_daily, FALSE, &medium_id, error))
        return FALSE;
      g_array_append_val (volume_ids, medium_id);
      writes[v] = g_array_new (FALSE, FALSE, sizeof (gint64));
    }

  if (!add_copy (d, job_id, weekly ? "tape-weekly" : "tape-daily", "tape", -1, FALSE, &tape_id,
                 error))
    ok = FALSE;
  else
    {
      /* The newest tape run: hours ago if it is still in the library or
       * with the courier, a day or more ago once it has reached the vault. */
      gint64 newest_age = trouble == TROUBLE_TAPE_IN_LIBRARY ? HOUR
                        : trouble == TROUBLE_TAPE_IN_TRANSIT ? 8 * HOUR
                        : (gint64) g_rand_int_range (d->rand, 28, weekly ? 120 : 34) * HOUR;
      guint tape_runs = weekly ? MAX (runs_per_copy / 7, 2) : runs_per_copy;

      ok = add_history (d, tape_id, COPY_TAPE, tape_runs, newest_age, FALSE, volume_ids, writes,
                        error) &&
           add_verifications (d, tape_id, verify_days, trouble, trouble == TROUBLE_VERIFY_ERRORS,
                              error);
    }

  for (guint v = 0; v < VOLUMES_PER_TAPE_COPY; v++)
    {
      if (ok)
        ok = add_tape_history (d, g_array_index (volume_ids, gint64, v), writes[v],
                               trouble == TROUBLE_TAPE_IN_LIBRARY,
                               trouble == TROUBLE_TAPE_IN_TRANSIT, error);
      if (ok && writes[v]->len > 0)
        {
          /* When it was last written decides where it goes next; what it
           * holds is that last run (a rotated tape is overwritten). */
          stmt = custody_store_prepare (d->store,
                                        "UPDATE media SET last_written = ?1, mounts = ?3,"
                                        " bytes_written = coalesce ((SELECT e.bytes"
                                        "   FROM execution_volumes ev"
                                        "   JOIN executions e ON e.id = ev.execution_id"
                                        "   WHERE ev.media_id = ?2"
                                        "   ORDER BY e.finished DESC LIMIT 1), 0)"
                                        " WHERE id = ?2", error);
          ok = stmt != NULL;
          if (ok)
            {
              sqlite3_bind_int64 (stmt, 1, g_array_index (writes[v], gint64, writes[v]->len - 1));
              sqlite3_bind_int64 (stmt, 2, g_array_index (volume_ids, gint64, v));
              sqlite3_bind_int64 (stmt, 3, writes[v]->len);
              ok = custody_store_step_done (d->store, stmt, error);
            }
        }
      g_array_unref (writes[v]);
    }
  if (!ok)
    return FALSE;

  /* Copy 3: immutable object storage in the cloud. */
  if (trouble == TROUBLE_TWO_COPIES)
    return TRUE;
  return add_copy (d, job_id, "cloud", "object-storage", LOC_CLOUD, index % 2 == 0, &cloud_id,
                   error) &&
         add_history (d, cloud_id, COPY_CLOUD, runs_per_copy,
                      trouble == TROUBLE_STALE_COPY ? (rpo_hours + 14 * 24) * HOUR
                                                    : g_rand_int_range (d->rand, 2, 10) * HOUR,
                      FALSE, volume_ids, NULL, error) &&
         add_verifications (d, cloud_id, verify_days, trouble, FALSE, error);
}

/**
 * custody_store_fill_demo:
 * @jobs: how many jobs
 * @executions: about how many runs in all, or 0 for a year of daily runs
 * @seed: the random seed
 *
 * Fills an empty store with a year of realistic history, dated up to the
 * store's clock. Refuses a store that already holds jobs.
 */
gboolean
custody_store_fill_demo (CustodyStore  *self,
                         guint          jobs,
                         guint64        executions,
                         guint32        seed,
                         GError       **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  sqlite3_stmt *stmt;
  Demo d = { 0, };
  guint runs_per_copy;
  gint64 existing = 0;
  int rc;

  g_return_val_if_fail (CUSTODY_IS_STORE (self), FALSE);

  if (jobs == 0)
    {
      g_set_error (error, CUSTODY_STORE_ERROR, CUSTODY_STORE_ERROR_INVALID,
                   _("the demo needs at least one job"));
      return FALSE;
    }

  runs_per_copy = executions > 0 ? (guint) MAX (executions / ((guint64) jobs * 3), 2) : 365;

  locker = g_mutex_locker_new (custody_store_get_mutex (self));

  d.store = self;
  d.rand = rand;
  d.now = custody_store_now (self);
  d.runs_per_copy = runs_per_copy;

  if (!custody_store_write_begin (self, error))
    return FALSE;

  stmt = custody_store_prepare (self,
                                "SELECT (SELECT count(*) FROM jobs) + (SELECT count(*) FROM media)"
                                " + (SELECT count(*) FROM locations)", error);
  if (stmt == NULL)
    goto fail;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    existing = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (existing > 0)
    {
      g_set_error (error, CUSTODY_STORE_ERROR, CUSTODY_STORE_ERROR_REFUSED,
                   _("the store '%s' is not empty: the demo only fills an empty store"),
                   custody_store_get_path (self));
      goto fail;
    }

  if (!add_locations_and_pools (&d, error))
    goto fail;

  for (guint i = 0; i < jobs; i++)
    if (!add_job (&d, i, runs_per_copy, error))
      goto fail;

  /* Every copy's latest facts, in one statement per copy. */
  {
    g_autoptr(GArray) copy_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

    stmt = custody_store_prepare (self, "SELECT id FROM copies", error);
    if (stmt == NULL)
      goto fail;
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      g_array_append_val (copy_ids, (gint64) { sqlite3_column_int64 (stmt, 0) });
    sqlite3_reset (stmt);
    for (guint i = 0; i < copy_ids->len; i++)
      if (!custody_store_refresh_copy_state (self, g_array_index (copy_ids, gint64, i), error))
        goto fail;
  }

  if (!run (&d, "ANALYZE", error))
    goto fail;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "jobs");
  json_builder_add_int_value (b, jobs);
  json_builder_set_member_name (b, "runs_per_copy");
  json_builder_add_int_value (b, runs_per_copy);
  json_builder_set_member_name (b, "seed");
  json_builder_add_int_value (b, seed);
  json_builder_end_object (b);
  return custody_store_write_commit (self, "store.demo", "store", NULL,
                                     json_builder_get_root (b), error);

fail:
  custody_store_write_rollback (self);
  return FALSE;
}
