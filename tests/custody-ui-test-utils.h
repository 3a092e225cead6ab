/* custody-ui-test-utils.h
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the UI tests share: waiting on the main loop for what a user would
 * see, and finding widgets the way a user does, by what they say.
 */
#pragma once

#include <adwaita.h>

#include "custody-test-utils.h"
#include "custody-window.h"

G_BEGIN_DECLS

typedef gboolean (*CustodyTestCondition) (gpointer data);

gboolean   custody_test_wait_for        (CustodyTestCondition  condition,
                                         gpointer              data,
                                         guint                 timeout_ms);
void       custody_test_iterate         (guint                 ms);
GtkWidget *custody_test_find            (GtkWidget            *root,
                                         GType                 type,
                                         const char           *text);
GtkWindow *custody_test_find_toplevel   (GType                 type);
/* A mapped label below @root whose text contains @text. */
GtkWidget *custody_test_find_label_containing (GtkWidget      *root,
                                               const char     *text);
/* Adds @root and every widget under it that is a @type to @found, depth
 * first. */
void       custody_test_collect         (GtkWidget            *root,
                                         GType                 type,
                                         GPtrArray            *found);
void       custody_test_load_style      (void);
void       custody_test_save_screenshot (GtkWidget            *widget,
                                         const char           *name);
/* gtk_test_init () and adw_init (), then the app's style sheet. */
void       custody_test_ui_init         (int                  *argc,
                                         char               ***argv);

/* @widget as it is drawn now. */
GdkTexture *custody_test_render         (GtkWidget            *widget);
/* The calling thread's own processor time, in microseconds: what it
 * spent working, whatever other programs took the processor meanwhile. */
gint64     custody_test_thread_cpu_us   (void);

/* A store in a temporary folder and a window on it. */
typedef struct
{
  char          *dir;
  char          *db;
  CustodyWindow *window;
} CustodyTestWindowFixture;

/* Closes a visible toplevel of @also_close (G_TYPE_INVALID: none) and
 * the window, lets GTK settle for @settle_ms and removes the folder. */
void       custody_test_window_fixture_clear (CustodyTestWindowFixture *f,
                                              GType                     also_close,
                                              guint                     settle_ms);

/* Whether xdotool can drive the display (X11, xdotool installed). */
gboolean   custody_test_can_xdotool     (void);
/* Runs xdotool with @args (NULL-terminated) and waits for it, then lets
 * GTK see what it did. */
void       custody_test_xdotool         (const char * const *args);
/* Moves the real pointer over @widget's middle, then clicks there if
 * @click. */
void       custody_test_pointer_over    (GtkWidget            *widget,
                                         gboolean              click);

/* A CustodyTestCondition: whether the gboolean at @flag is set. */
gboolean   custody_test_flag_set        (gpointer              flag);

/* Whether @window (a CustodyWindow) has a session that loaded. */
gboolean   custody_test_window_loaded   (gpointer              window);
/* A window on the store at @db, of @width x @height (0: its default
 * size), whose session looks for others' writes every @poll_ms (0: as
 * the app does), shown and loaded within @timeout_ms. */
CustodyWindow *custody_test_open_window (const char           *db,
                                         int                   width,
                                         int                   height,
                                         guint                 poll_ms,
                                         guint                 timeout_ms);

G_END_DECLS
