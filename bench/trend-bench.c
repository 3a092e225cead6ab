/* trend-bench.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Times the Overview's compliance trend as the app reads it (90 days, a
 * point a day within the executive summary's budget) on a store:
 *   _build-bench/bench/trend-bench STORE [JOB]
 */
#include "config.h"

#include <math.h>

#include "custody-time.h"
#include "custody-trend-loaders.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(CustodyStore) store = NULL;
  g_autoptr(CustodyTrendData) data = NULL;
  g_autoptr(GError) error = NULL;
  gint64 started;

  if (argc < 2)
    {
      g_printerr ("Usage: %s STORE [JOB]\n", argv[0]);
      return 2;
    }

  store = custody_store_open (argv[1], 0, &error);
  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 3;
    }

  started = g_get_monotonic_time ();
  data = custody_trend_load_compliance (store, argc > 2 ? argv[2] : NULL, custody_time_now (),
                                        NULL, &error);
  if (data == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 3;
    }
  g_print ("%s: %u of %u days judged in %.2f s\n%s\n", argc > 2 ? argv[2] : "team",
           custody_trend_data_count (data), data->n_points,
           (g_get_monotonic_time () - started) / 1e6,
           data->description != NULL ? data->description : "");
  return 0;
}
