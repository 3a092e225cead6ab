/* test-faults-concurrent.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Four processes recording runs in a loop and two reading (check, job
 * list) on one store for a few seconds: every run whose `record` exited
 * 0 is in the store, and the store checks clean. Whether a writer waits
 * or gives up "locked" is another matter: the failures are counted and
 * printed, not judged here.
 */
#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "faults-utils.h"

#define SETUP      "2026-11-01T00:00:00Z"
#define N_WRITERS  4
#define N_READERS  2
#define SECONDS    8

typedef struct
{
  CtlFixture *f;
  guint       index;
  gint64      deadline;
  GPtrArray  *acknowledged;  /* run ids whose record exited 0 */
  guint       attempts;
  guint       failures;
  char       *last_error;
} Worker;

static gpointer
writer_worker (gpointer data)
{
  Worker *w = data;
  const char *ctl = g_getenv ("CUSTODYCTL");

  while (g_get_monotonic_time () < w->deadline)
    {
      g_autofree char *run_id = g_strdup_printf ("w%u-%u", w->index, w->attempts);
      g_autofree char *out = NULL, *err = NULL;
      const char *argv[] = { ctl, "--db", w->f->db, "record", "ws", "nas", "--status", "success",
                             "--started", "2026-11-02T01:00:00Z", "--finished",
                             "2026-11-02T02:00:00Z", "--run-id", run_id, NULL };
      int status = ctl_spawn (w->f, argv, NULL, &out, &err);

      w->attempts++;
      /* Refused is allowed; a crash never is. */
      g_assert_cmpint (status, !=, -1);
      if (status == 0)
        g_ptr_array_add (w->acknowledged, g_steal_pointer (&run_id));
      else
        {
          w->failures++;
          g_free (w->last_error);
          w->last_error = g_steal_pointer (&err);
        }
    }
  return NULL;
}

static gpointer
reader_worker (gpointer data)
{
  Worker *w = data;
  const char *ctl = g_getenv ("CUSTODYCTL");

  while (g_get_monotonic_time () < w->deadline)
    {
      const char *check[] = { ctl, "--db", w->f->db, "check", NULL };
      const char *list[] = { ctl, "--db", w->f->db, "job", "list", NULL };
      g_autofree char *out = NULL, *err = NULL;
      int status = ctl_spawn (w->f, w->attempts % 2 == 0 ? check : list, NULL, &out, &err);

      w->attempts++;
      g_assert_cmpint (status, !=, -1);
      /* check exits 1 for the job in violation. */
      if (status != 0 && status != 1)
        {
          w->failures++;
          g_free (w->last_error);
          w->last_error = g_steal_pointer (&err);
        }
    }
  return NULL;
}

static GHashTable *
stored_run_ids (CtlFixture *f)
{
  GHashTable *ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (f->db, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT run_id FROM executions", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_add (ids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return ids;
}

static void
test_concurrent (CtlFixture    *f,
                 gconstpointer  data)
{
  Worker workers[N_WRITERS + N_READERS] = { { 0, }, };
  GThread *threads[N_WRITERS + N_READERS];
  g_autoptr(GHashTable) stored = NULL;
  gint64 deadline = g_get_monotonic_time () + SECONDS * G_USEC_PER_SEC;
  guint writes = 0, written = 0, write_failures = 0, reads = 0, read_failures = 0;

  ctl_ok (f, "--at", SETUP, "job", "add", "ws", NULL);
  ctl_ok (f, "--at", SETUP, "copy", "add", "ws", "nas", "--media-type", "disk", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (workers); i++)
    {
      workers[i].f = f;
      workers[i].index = i;
      workers[i].deadline = deadline;
      workers[i].acknowledged = g_ptr_array_new_with_free_func (g_free);
      threads[i] = g_thread_new ("faults-worker", i < N_WRITERS ? writer_worker : reader_worker,
                                 &workers[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (workers); i++)
    g_thread_join (threads[i]);

  faults_assert_store_ok (f, f->db);
  stored = stored_run_ids (f);

  for (guint i = 0; i < G_N_ELEMENTS (workers); i++)
    {
      Worker *w = &workers[i];

      if (i < N_WRITERS)
        {
          /* No write that said it was done is lost. */
          for (guint k = 0; k < w->acknowledged->len; k++)
            {
              const char *run_id = g_ptr_array_index (w->acknowledged, k);

              if (!g_hash_table_contains (stored, run_id))
                g_test_message ("run %s was acknowledged and is not in the store", run_id);
              g_assert_true (g_hash_table_contains (stored, run_id));
            }
          writes += w->attempts;
          written += w->acknowledged->len;
          write_failures += w->failures;
        }
      else
        {
          reads += w->attempts;
          read_failures += w->failures;
        }
      if (w->last_error != NULL)
        g_test_message ("%s %u's last error: %s", i < N_WRITERS ? "writer" : "reader", i,
                        w->last_error);
      g_ptr_array_unref (w->acknowledged);
      g_free (w->last_error);
    }

  /* Nothing the writers did not say they wrote, either. */
  g_assert_cmpuint (g_hash_table_size (stored), ==, written);
  g_assert_cmpuint (written, >, 0);
  g_test_message ("%u writers and %u readers for %d s: %u of %u writes failed, "
                  "%u of %u reads failed",
                  N_WRITERS, N_READERS, SECONDS, write_failures, writes, read_failures, reads);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/faults/concurrent", CtlFixture, NULL, ctl_fixture_set_up, test_concurrent,
              ctl_fixture_tear_down);
  return g_test_run ();
}
