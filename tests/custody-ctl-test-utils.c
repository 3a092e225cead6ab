/* custody-ctl-test-utils.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "custody-ctl-test-utils.h"

void
ctl_fixture_set_up (CtlFixture    *f,
                    gconstpointer  data)
{
  f->dir = custody_test_make_tmpdir ();
  f->db = g_build_filename (f->dir, "custody.db", NULL);
  f->env = g_get_environ ();
  /* Tools keep caches and configuration under HOME. */
  f->env = g_environ_setenv (f->env, "HOME", f->dir, TRUE);
  f->env = g_environ_setenv (f->env, "XDG_CACHE_HOME", f->dir, TRUE);
  f->env = g_environ_unsetenv (f->env, "CUSTODY_DB");

  ctl_ok (f, "--at", "2026-11-01T00:00:00Z", "init", NULL);
}

void
ctl_fixture_set_up_ws (CtlFixture    *f,
                       gconstpointer  data)
{
  ctl_fixture_set_up (f, data);
  ctl_ok (f, "--at", "2026-11-01T00:00:00Z", "job", "add", "ws", NULL);
  ctl_ok (f, "--at", "2026-11-01T00:00:00Z", "copy", "add", "ws", "nas", "--media-type", "disk",
          NULL);
}

void
ctl_fixture_tear_down (CtlFixture    *f,
                       gconstpointer  data)
{
  /* Repositories are read-only on purpose; make them removable. */
  const char *argv[] = { "chmod", "-R", "u+rwX", f->dir, NULL };

  ctl_spawn (f, argv, NULL, NULL, NULL);
  custody_test_remove_tmpdir (f->dir);
  g_free (f->dir);
  g_free (f->db);
  g_strfreev (f->env);
}

void
ctl_fixture_setenv (CtlFixture *f,
                    const char *name,
                    const char *value)
{
  f->env = g_environ_setenv (f->env, name, value, TRUE);
}

char *
ctl_fixture_path (CtlFixture *f,
                  const char *name)
{
  return g_build_filename (f->dir, name, NULL);
}

char *
ctl_fixture_write (CtlFixture *f,
                   const char *name,
                   const char *contents,
                   gssize      length)
{
  g_autoptr(GError) error = NULL;
  char *path = ctl_fixture_path (f, name);

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
  return path;
}

int
ctl_spawn (CtlFixture         *f,
           const char * const *argv,
           const char         *stdin_text,
           char              **out,
           char              **err)
{
  return custody_test_spawn (f->dir, f->env, argv, stdin_text, out, err);
}

static int
run_va (CtlFixture  *f,
        const char  *stdin_text,
        char       **out,
        char       **err,
        const char  *first,
        va_list      ap)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  const char *ctl = g_getenv ("CUSTODYCTL");

  g_assert_nonnull (ctl);
  g_ptr_array_add (argv, (gpointer) ctl);
  g_ptr_array_add (argv, (gpointer) "--db");
  g_ptr_array_add (argv, f->db);
  for (const char *a = first; a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (argv, (gpointer) a);
  g_ptr_array_add (argv, NULL);

  return ctl_spawn (f, (const char * const *) argv->pdata, stdin_text, out, err);
}

int
ctl_run (CtlFixture  *f,
         const char  *stdin_text,
         char       **out,
         char       **err,
         const char  *first,
         ...)
{
  va_list ap;
  int status;

  va_start (ap, first);
  status = run_va (f, stdin_text, out, err, first, ap);
  va_end (ap);
  return status;
}

void
ctl_ok (CtlFixture *f,
        const char *first,
        ...)
{
  g_autofree char *out = NULL, *err = NULL;
  va_list ap;
  int status;

  va_start (ap, first);
  status = run_va (f, NULL, &out, &err, first, ap);
  va_end (ap);
  if (status != 0)
    g_test_message ("stderr: %s", err);
  g_assert_cmpint (status, ==, 0);
}

JsonNode *
ctl_json (CtlFixture *f,
          int         expected,
          const char *first,
          ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL, *err = NULL;
  const char *ctl = g_getenv ("CUSTODYCTL");
  va_list ap;
  int status;

  g_ptr_array_add (args, (gpointer) ctl);
  g_ptr_array_add (args, (gpointer) "--db");
  g_ptr_array_add (args, f->db);
  g_ptr_array_add (args, (gpointer) "--json");
  va_start (ap, first);
  for (const char *a = first; a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) a);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  status = ctl_spawn (f, (const char * const *) args->pdata, NULL, &out, &err);
  if (status != expected)
    g_test_message ("stderr: %s", err);
  g_assert_cmpint (status, ==, expected);

  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

/* The whole store as export prints it, without the time of the export. */
static char *
store_state (CtlFixture *f)
{
  g_autoptr(JsonNode) export = ctl_json (f, 0, "export", NULL);

  json_object_remove_member (json_node_get_object (export), "exported_at");
  return json_to_string (export, TRUE);
}

void
ctl_assert_fails (CtlFixture *f,
                  int         expected,
                  const char *message,
                  const char *first,
                  ...)
{
  g_autofree char *before = store_state (f);
  g_autofree char *after = NULL;
  g_autofree char *out = NULL, *err = NULL;
  va_list ap;
  int status;

  va_start (ap, first);
  status = run_va (f, NULL, &out, &err, first, ap);
  va_end (ap);

  g_assert_cmpint (status, ==, expected);
  g_assert_cmpstr (out, ==, "");
  if (strstr (err, message) == NULL)
    g_test_message ("expected \"%s\" in: %s", message, err);
  g_assert_nonnull (strstr (err, message));
  g_assert_true (g_str_has_prefix (err, "custodyctl: error: "));

  after = store_state (f);
  g_assert_cmpstr (after, ==, before);
}

gint64
ctl_query_int (CtlFixture *f,
               const char *sql)
{
  return custody_test_query_int (f->db, sql);
}

char *
ctl_query_text (CtlFixture *f,
                const char *sql)
{
  return custody_test_query_text (f->db, sql);
}

JsonObject *
ctl_find_by (JsonArray  *array,
             const char *member,
             const char *value)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *o = json_array_get_object_element (array, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (o, member, NULL), value) == 0)
        return o;
    }
  return NULL;
}

JsonObject *
ctl_check_job (JsonNode   *check,
               const char *job)
{
  JsonArray *jobs = json_object_get_array_member (json_node_get_object (check), "jobs");
  JsonObject *found = ctl_find_by (jobs, "job", job);

  g_assert_nonnull (found);
  return found;
}

gboolean
ctl_rule_passes (JsonObject *job,
                 const char *rule)
{
  JsonObject *r = ctl_find_by (json_object_get_array_member (job, "rules"), "rule", rule);

  g_assert_nonnull (r);
  return json_object_get_boolean_member (r, "pass");
}
