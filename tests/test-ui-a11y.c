/* test-ui-a11y.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a screen reader says: every button that shows only an icon must
 * still have a name. Every view is visited on the demo store, with a job
 * open, and the preferences; GTK's test accessibility backend
 * (GTK_A11Y=test) tells which names were given.
 */
#include "config.h"

#include "custody-jobs-page.h"
#include "custody-preferences-window.h"
#include "custody-session.h"
#include "custody-store-test-utils.h"
#include "custody-store.h"
#include "custody-ui-test-utils.h"
#include "custody-window.h"

static gboolean
shows_text (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) && gtk_widget_get_visible (child) &&
          gtk_label_get_text (GTK_LABEL (child))[0] != '\0')
        return TRUE;
      if (shows_text (child))
        return TRUE;
    }
  return FALSE;
}

/* Only the label property: GTK 4.8's test backend reports a labelled-by
 * relation on every button. */
static gboolean
is_named (GtkWidget *widget)
{
  return gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL);
}

/* Buttons that show no text and have no name, as "Type in path". */
static void
collect_unnamed (GtkWidget  *widget,
                 const char *path,
                 GPtrArray  *unnamed)
{
  g_autofree char *here = g_strconcat (path, "/", G_OBJECT_TYPE_NAME (widget), NULL);

  /* A spin button is one control to a screen reader; GTK 4.8 leaves its
   * inner +/- buttons unnamed. */
  if (!gtk_widget_get_mapped (widget) || GTK_IS_SPIN_BUTTON (widget))
    return;

  if ((GTK_IS_BUTTON (widget) || GTK_IS_MENU_BUTTON (widget)) && !shows_text (widget) &&
      !is_named (widget))
    {
      /* A menu button's inner toggle takes its name from the menu button. */
      GtkWidget *parent = gtk_widget_get_parent (widget);

      if (!(GTK_IS_TOGGLE_BUTTON (widget) && parent != NULL && GTK_IS_MENU_BUTTON (parent) &&
            is_named (parent)))
        {
          const char *tooltip = gtk_widget_get_tooltip_text (widget);
          g_ptr_array_add (unnamed, g_strdup_printf ("%s (tooltip: %s)", here,
                                                     tooltip != NULL ? tooltip : "none"));
        }
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_unnamed (child, here, unnamed);
}

static void
test_icon_buttons_have_names (void)
{
  static const char *views[] = { "overview", "jobs", "media", "compliance", "alerts", "reports" };
  g_autofree char *dir = custody_test_make_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "demo.db", NULL);
  g_autoptr(GPtrArray) unnamed = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *job = NULL;
  CustodyWindow *window;
  GtkWidget *preferences;
  CustodySession *session;
  const int widths[] = { 1280, 400 };

  {
    g_autoptr(CustodyStore) store = custody_store_open (db, CUSTODY_STORE_OPEN_CREATE, &error);

    g_assert_no_error (error);
    g_assert_true (custody_store_fill_demo (store, 22, 0, 42, &error));
    g_assert_no_error (error);
  }
  job = custody_test_first_violating_job (db);

  /* The check itself: a tooltip describes a button but does not name it. */
  {
    GtkWidget *probe = gtk_window_new ();
    GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
    GtkWidget *bare = gtk_button_new_from_icon_name ("edit-find-symbolic");
    GtkWidget *described = gtk_button_new_from_icon_name ("edit-find-symbolic");
    GtkWidget *named = gtk_button_new_from_icon_name ("edit-find-symbolic");
    g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);

    gtk_widget_set_tooltip_text (described, "Search");
    gtk_accessible_update_property (GTK_ACCESSIBLE (named), GTK_ACCESSIBLE_PROPERTY_LABEL, "Search",
                                    -1);
    gtk_box_append (GTK_BOX (box), bare);
    gtk_box_append (GTK_BOX (box), described);
    gtk_box_append (GTK_BOX (box), named);
    gtk_window_set_child (GTK_WINDOW (probe), box);
    gtk_window_present (GTK_WINDOW (probe));
    custody_test_iterate (100);
    collect_unnamed (box, "probe", found);
    g_assert_cmpuint (found->len, ==, 2);
    gtk_window_destroy (GTK_WINDOW (probe));
  }

  for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
    {
      window = custody_test_open_window (db, widths[w], 800, 0, 20000);

      for (guint i = 0; i < G_N_ELEMENTS (views); i++)
        {
          custody_window_show_view (window, views[i]);
          custody_test_iterate (400);
          collect_unnamed (GTK_WIDGET (window), views[i], unnamed);
        }

      custody_window_show_view (window, "jobs");
      custody_jobs_page_select_job (CUSTODY_JOBS_PAGE (custody_window_get_page (window, "jobs")),
                                    job);
      custody_test_iterate (600);
      collect_unnamed (GTK_WIDGET (window), "job-detail", unnamed);

      session = custody_window_get_session (window);
      preferences = GTK_WIDGET (custody_preferences_window_new (GTK_WINDOW (window), session));
      gtk_window_present (GTK_WINDOW (preferences));
      custody_test_iterate (400);
      collect_unnamed (preferences, "preferences", unnamed);
      gtk_window_destroy (GTK_WINDOW (preferences));

      gtk_window_destroy (GTK_WINDOW (window));
      custody_test_iterate (100);
    }

  for (guint i = 0; i < unnamed->len; i++)
    g_test_message ("no accessible name: %s", (char *) g_ptr_array_index (unnamed, i));
  g_assert_cmpuint (unnamed->len, ==, 0);

  custody_test_remove_tmpdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  custody_test_ui_init (&argc, &argv);

  g_test_add_func ("/ui/a11y/icon-buttons-have-names", test_icon_buttons_have_names);

  return g_test_run ();
}
