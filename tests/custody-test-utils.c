/* custody-test-utils.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "custody-test-utils.h"

int
custody_test_spawn (const char         *dir,
                    char              **env,
                    const char * const *argv,
                    const char         *stdin_text,
                    char              **out,
                    char              **err)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stdin_path = NULL;
  g_autofree char *stdout_text = NULL;
  g_autofree char *stderr_text = NULL;

  /* The input goes through a file, not a pipe: a program that exits
   * without reading it (a usage error, a missing store) is not a failure
   * of the test's own writing. */
  if (stdin_text != NULL)
    {
      int fd = g_file_open_tmp ("custody-test-stdin-XXXXXX", &stdin_path, &error);

      g_assert_no_error (error);
      g_close (fd, NULL);
      g_file_set_contents (stdin_path, stdin_text, -1, &error);
      g_assert_no_error (error);
    }

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_set_stdin_file_path (launcher,
                                             stdin_path != NULL ? stdin_path : "/dev/null");
  g_subprocess_launcher_set_environ (launcher, env);
  g_subprocess_launcher_set_cwd (launcher, dir);
  process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);

  g_subprocess_communicate_utf8 (process, NULL, NULL, &stdout_text, &stderr_text, &error);
  g_assert_no_error (error);
  if (stdin_path != NULL)
    g_unlink (stdin_path);

  if (g_test_verbose ())
    {
      g_autofree char *line = g_strjoinv (" ", (char **) argv);
      g_test_message ("$ %s\n%s%s", line, stdout_text, stderr_text);
    }

  if (out != NULL)
    *out = g_steal_pointer (&stdout_text);
  if (err != NULL)
    *err = g_steal_pointer (&stderr_text);

  if (!g_subprocess_get_if_exited (process))
    return -1;
  return g_subprocess_get_exit_status (process);
}
