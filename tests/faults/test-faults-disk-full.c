/* test-faults-disk-full.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A store on a 2 MiB tmpfs, filled up: writes that need more room than
 * is left, and writes at 0 bytes free, fail with exit 3 and an error and
 * leave nothing behind; once room is made the store checks clean and
 * takes writes again. Mounting needs root (or a user namespace); where it
 * is not allowed the test is skipped, saying so.
 */
#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "faults-utils.h"

#define SETUP "2026-11-01T00:00:00Z"
#define MOUNT_ENV "CUSTODY_FAULTS_TMPFS"

static char *
write_runs_csv (CtlFixture *f,
                guint       n)
{
  g_autoptr(GString) csv = g_string_new (CUSTODY_TEST_EXECUTIONS_HEADER);

  for (guint i = 0; i < n; i++)
    g_string_append_printf (csv,
                            "ws,nas,2026-10-%02uT01:00:00Z,2026-10-%02uT02:00:00Z,success,%u,%u,,"
                            "run-%u,a message long enough to take some room\n",
                            1 + i % 28, 1 + i % 28, i, i, i);
  return ctl_fixture_write (f, "runs.csv", csv->str, csv->len);
}

/* Writes zeros to @path until the file system has only @leave bytes
 * left, or none. */
static void
fill (const char *path,
      gsize       leave)
{
  g_autofree char *dir = g_path_get_dirname (path);
  static const char zeros[4096];
  struct statvfs st;
  FILE *file;

  g_assert_cmpint (statvfs (dir, &st), ==, 0);
  file = fopen (path, "ab");
  g_assert_nonnull (file);
  setvbuf (file, NULL, _IONBF, 0);
  for (guint64 free_bytes = (guint64) st.f_bavail * st.f_frsize; free_bytes > leave;
       free_bytes -= sizeof zeros)
    if (fwrite (zeros, 1, sizeof zeros, file) != sizeof zeros)
      {
        g_assert_cmpint (errno, ==, ENOSPC);
        break;
      }
  if (leave == 0)
    while (fwrite (zeros, 1, 1, file) == 1)
      ;
  fclose (file);
}

static char *
counts (CtlFixture *f)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT " jobs, %" G_GINT64_FORMAT " runs, %" G_GINT64_FORMAT
                          " volumes, %" G_GINT64_FORMAT " audit entries",
                          ctl_query_int (f, "SELECT COUNT(*) FROM jobs"),
                          ctl_query_int (f, "SELECT COUNT(*) FROM executions"),
                          ctl_query_int (f, "SELECT COUNT(*) FROM media"),
                          ctl_query_int (f, "SELECT COUNT(*) FROM audit"));
}

/* A write refused for want of room: exit 3 and an error. */
static void
assert_full (int         status,
             const char *out,
             const char *err)
{
  g_test_message ("on a full disk: exit %d, %s", status, err);
  g_assert_cmpint (status, ==, 3);
  g_assert_true (g_str_has_prefix (err, "custodyctl: error: "));
  g_assert_cmpstr (out, ==, "");
}

/* Runs in a child process, so that the parent unmounts whatever
 * happens here. */
static void
fill_the_disk (void)
{
  CtlFixture fixture, *f = &fixture;
  const char *mount_dir = g_getenv (MOUNT_ENV);
  g_autofree char *filler = g_build_filename (mount_dir, "filler", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *big = NULL;
  g_autofree char *small = NULL;
  int status;

  ctl_fixture_set_up (f, NULL);
  big = write_runs_csv (f, 20000);
  g_free (f->db);
  f->db = g_build_filename (mount_dir, "custody.db", NULL);
  ctl_ok (f, "--at", SETUP, "init", NULL);
  ctl_ok (f, "--at", SETUP, "job", "add", "ws", NULL);
  ctl_ok (f, "--at", SETUP, "copy", "add", "ws", "nas", "--media-type", "disk", NULL);
  before = counts (f);

  /* Room for a little, not for a large import. */
  fill (filler, 256 * 1024);
  {
    g_autofree char *out = NULL, *err = NULL;

    status = ctl_run (f, NULL, &out, &err, "import", "executions", big, NULL);
    assert_full (status, out, err);
  }
  {
    g_autofree char *out = NULL, *err = NULL;

    status = ctl_run (f, NULL, &out, &err, "media", "add", "--range", "A00000L9-A09999L9",
                      "--type", "lto9", NULL);
    assert_full (status, out, err);
  }

  /* No room at all. */
  fill (filler, 0);
  {
    g_autofree char *out = NULL, *err = NULL;

    status = ctl_run (f, NULL, &out, &err, "job", "add", "db01", NULL);
    assert_full (status, out, err);
  }
  {
    g_autofree char *out = NULL, *err = NULL;

    status = ctl_run (f, NULL, &out, &err, "record", "ws", "nas", "--status", "success",
                      "--started", "2026-11-02T01:00:00Z", "--finished", "2026-11-02T02:00:00Z",
                      NULL);
    assert_full (status, out, err);
  }

  /* Room again: nothing of the failed writes is there, and writes work. */
  g_assert_cmpint (g_unlink (filler), ==, 0);
  faults_assert_store_ok (f, f->db);
  after = counts (f);
  g_assert_cmpstr (after, ==, before);

  ctl_ok (f, "job", "add", "db01", NULL);
  ctl_ok (f, "record", "ws", "nas", "--status", "success", "--started", "2026-11-02T01:00:00Z",
          "--finished", "2026-11-02T02:00:00Z", NULL);
  small = write_runs_csv (f, 1000);
  ctl_ok (f, "import", "executions", small, NULL);
  g_assert_cmpint (ctl_query_int (f, "SELECT COUNT(*) FROM jobs"), ==, 2);
  g_assert_cmpint (ctl_query_int (f, "SELECT COUNT(*) FROM executions"), ==, 1001);
  faults_assert_store_ok (f, f->db);

  /* The store is the parent's to remove with the mount. */
  ctl_fixture_tear_down (f, NULL);
}

static void
test_disk_full (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;

  if (g_test_subprocess ())
    {
      fill_the_disk ();
      return;
    }

  dir = g_dir_make_tmp ("custody-tmpfs-XXXXXX", &error);
  g_assert_no_error (error);
  if (mount ("tmpfs", dir, "tmpfs", MS_NOSUID | MS_NODEV, "size=2m") != 0)
    {
      g_autofree char *why = g_strdup_printf ("cannot mount a 2 MiB tmpfs to fill (%s): "
                                              "this needs root or CAP_SYS_ADMIN",
                                              g_strerror (errno));
      g_rmdir (dir);
      g_test_skip (why);
      return;
    }

  g_setenv (MOUNT_ENV, dir, TRUE);
  g_test_trap_subprocess (NULL, 120 * G_USEC_PER_SEC,
                          G_TEST_SUBPROCESS_INHERIT_STDOUT | G_TEST_SUBPROCESS_INHERIT_STDERR);
  /* Unmounted whatever the child did. */
  g_assert_cmpint (umount2 (dir, MNT_DETACH), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/faults/disk-full", test_disk_full);
  return g_test_run ();
}
