/* custody-medium-detail.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custody-medium-detail"

#include "config.h"

#include <glib/gi18n.h>

#include "custody-as-of-banner.h"
#include "custody-medium-detail.h"
#include "custody-time.h"
#include "custody-ui-utils.h"

/* One volume: what it is, where it is, the restore points on it and
 * every movement it made (who, when, from, to, courier, case, seal). The
 * history is read in a worker when a volume is shown. */
struct _CustodyMediumDetail
{
  AdwBin               parent_instance;

  GtkWidget           *back_button;
  AdwWindowTitle      *window_title;
  GtkWidget           *menu_button;
  GtkWidget           *move_button;
  GtkStack            *stack;
  CustodyAsOfBanner   *banner;
  AdwPreferencesGroup *facts_group;
  AdwPreferencesGroup *restore_group;
  AdwPreferencesGroup *movements_group;

  CustodySession      *session;
  CustodyMedium       *medium;
  GPtrArray           *rows;          /* (group, row) pairs to take out */
  GCancellable        *cancellable;
  gboolean             show_back;
};

G_DEFINE_FINAL_TYPE (CustodyMediumDetail, custody_medium_detail, ADW_TYPE_BIN)

enum { BACK, N_SIGNALS };
static guint signals[N_SIGNALS];

static GtkWidget *
add_row (CustodyMediumDetail *self,
         AdwPreferencesGroup *group,
         const char          *title,
         const char          *subtitle)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *escaped_title = g_markup_escape_text (title, -1);
  g_autofree char *escaped = subtitle != NULL ? g_markup_escape_text (subtitle, -1) : NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped_title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->rows, group);
  g_ptr_array_add (self->rows, row);
  return row;
}

/* A fact: its name, and its value on the right, wrapped when narrow. */
static void
add_fact (CustodyMediumDetail *self,
          const char          *title,
          const char          *value)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *label = gtk_label_new (value);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 1.0);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_RIGHT);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (label, "dim-label");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  adw_preferences_group_add (self->facts_group, row);
  g_ptr_array_add (self->rows, self->facts_group);
  g_ptr_array_add (self->rows, row);
}

static void
clear_rows (CustodyMediumDetail *self,
            AdwPreferencesGroup *only)
{
  for (guint i = 0; i + 1 < self->rows->len;)
    {
      AdwPreferencesGroup *group = g_ptr_array_index (self->rows, i);

      if (only != NULL && group != only)
        {
          i += 2;
          continue;
        }
      adw_preferences_group_remove (group, g_ptr_array_index (self->rows, i + 1));
      g_ptr_array_remove_range (self->rows, i, 2);
    }
}

static void
show_facts (CustodyMediumDetail *self)
{
  CustodyMedium *m = self->medium;
  g_autofree char *since = custody_format_time (m->location_since);
  g_autofree char *where = NULL;
  g_autofree char *retention = NULL;
  g_autofree char *written = custody_format_time (m->last_written);
  g_autofree char *usage = NULL;
  g_autofree char *wear = NULL;
  g_autofree char *mounts = NULL;
  g_autofree char *errors = NULL;
  g_autofree char *bytes = g_format_size (m->bytes_written);
  g_autofree char *type = m->worm ? g_strdup_printf ("%s · WORM", m->type) : g_strdup (m->type);

  if (m->location == NULL)
    where = g_strdup (_("Never moved: no location recorded"));
  else if (m->slot[0] != '\0')
    /* Translators: "Tape library (Library) · slot 5 · since 2026-11-20 08:00" */
    where = g_strdup_printf (_("%s (%s) · %s · since %s"), m->location,
                             custody_location_kind_get_label (m->location_kind), m->slot, since);
  else
    where = g_strdup_printf (_("%s (%s) · since %s"), m->location,
                             custody_location_kind_get_label (m->location_kind), since);

  if (m->retention_until == CUSTODY_TIME_NONE)
    retention = g_strdup (_("Not set: the pool’s rotation decides"));
  else
    retention = custody_format_time (m->retention_until);

  if (m->capacity_bytes > 0)
    {
      g_autofree char *capacity = g_format_size (m->capacity_bytes);
      /* Translators: "1.2 TB of 18.0 TB" */
      usage = g_strdup_printf (_("%s of %s"), bytes, capacity);
    }
  else
    usage = g_strdup (bytes);
  mounts = g_strdup_printf ("%" G_GINT64_FORMAT, m->mounts);
  errors = g_strdup_printf ("%" G_GINT64_FORMAT, m->errors);
  /* Translators: "12 mounts · 0 errors" */
  wear = g_strdup_printf (_("%s mounts · %s errors"), mounts, errors);

  clear_rows (self, self->facts_group);
  add_fact (self, _("Status"), custody_medium_status_get_label (m->status));
  add_fact (self, _("Location"), where);
  if (m->container != NULL)
    add_fact (self, _("Case"), m->container);
  add_fact (self, _("Pool"), m->pool != NULL ? m->pool : _("None"));
  add_fact (self, _("Type"), type);
  add_fact (self, _("Retention Until"), retention);
  add_fact (self, _("Last Written"), written);
  add_fact (self, _("Written"), usage);
  add_fact (self, _("Wear"), wear);
  if (m->note[0] != '\0')
    add_fact (self, _("Note"), m->note);
}

/*
 * History
 */

typedef struct
{
  char      *volser;
  GPtrArray *movements;
  GPtrArray *restore_points;
} History;

static void
history_free (gpointer data)
{
  History *h = data;

  g_free (h->volser);
  g_clear_pointer (&h->movements, g_ptr_array_unref);
  g_clear_pointer (&h->restore_points, g_ptr_array_unref);
  g_free (h);
}

static gpointer
read_history (CustodyStore  *store,
              gpointer       data,
              GError       **error)
{
  History *h = g_new0 (History, 1);

  h->volser = g_strdup (data);
  h->movements = custody_store_list_movements (store, h->volser, error);
  if (h->movements != NULL)
    h->restore_points = custody_store_list_restore_points (store, h->volser, error);
  if (h->restore_points == NULL)
    {
      history_free (h);
      return NULL;
    }
  return h;
}

static void
read_history_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(CustodyMediumDetail) self = user_data;
  g_autoptr(GError) error = NULL;
  History *h = custody_session_read_finish (CUSTODY_SESSION (source), result, &error);
  gint64 as_of;

  if (h == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("No history: %s", error->message);
      return;
    }
  if (self->medium == NULL || !g_str_equal (h->volser, self->medium->volser))
    {
      history_free (h);
      return;
    }

  clear_rows (self, self->restore_group);
  clear_rows (self, self->movements_group);

  for (guint i = 0; i < h->restore_points->len; i++)
    {
      CustodyExecution *e = g_ptr_array_index (h->restore_points, i);
      g_autofree char *title = g_strdup_printf ("%s · %s", e->job, e->copy);
      g_autofree char *when = custody_format_time (e->finished != CUSTODY_TIME_NONE ? e->finished
                                                   : e->started);
      g_autofree char *size = e->bytes >= 0 ? g_format_size (e->bytes) : NULL;
      g_autofree char *subtitle = size != NULL
        ? g_strdup_printf ("%s · %s · %s", when, custody_run_status_get_label (e->status), size)
        : g_strdup_printf ("%s · %s", when, custody_run_status_get_label (e->status));
      GtkWidget *row = add_row (self, self->restore_group, title, subtitle);

      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      /* Target first: a name without its target warns when the row maps. */
      gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", e->job);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.open-job");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("go-next-symbolic"));
    }
  if (h->restore_points->len == 0)
    add_row (self, self->restore_group, _("None"), _("No run has been recorded on this volume."));

  as_of = self->session != NULL ? custody_session_get_as_of (self->session) : CUSTODY_TIME_NONE;
  for (guint i = h->movements->len; i > 0; i--)
    {
      CustodyMovement *mv = g_ptr_array_index (h->movements, i - 1);
      g_autofree char *when = custody_format_time (mv->at);
      g_autofree char *title = mv->from != NULL ? g_strdup_printf ("%s → %s", mv->from, mv->to)
                                                : g_strdup_printf ("→ %s", mv->to);
      g_autoptr(GString) subtitle = g_string_new (when);

      if (mv->by[0] != '\0')
        g_string_append_printf (subtitle, " · %s", mv->by);
      if (mv->courier[0] != '\0')
        g_string_append_printf (subtitle, " · %s %s", _("courier"), mv->courier);
      if (mv->container[0] != '\0')
        g_string_append_printf (subtitle, " · %s %s", _("case"), mv->container);
      if (mv->seal[0] != '\0')
        g_string_append_printf (subtitle, " · %s %s", _("seal"), mv->seal);
      if (mv->note[0] != '\0')
        g_string_append_printf (subtitle, " · %s", mv->note);
      /* Looking at the past, the history still runs to now: say which part. */
      if (as_of != CUSTODY_TIME_NONE && mv->at > as_of)
        {
          g_string_prepend (subtitle, " · ");
          g_string_prepend (subtitle, _("After the moment shown"));
        }
      add_row (self, self->movements_group, title, subtitle->str);
    }

  history_free (h);
}

static void
load_history (CustodyMediumDetail *self)
{
  if (self->session == NULL || self->medium == NULL)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  custody_session_read_async (self->session, read_history, g_strdup (self->medium->volser), g_free,
                              history_free, self->cancellable, read_history_cb,
                              g_object_ref (self));
}

/*
 * Callbacks
 */

static void
on_back_clicked_cb (CustodyMediumDetail *self)
{
  g_signal_emit (self, signals[BACK], 0);
}

static void
update (CustodyMediumDetail *self)
{
  gboolean has = self->medium != NULL;

  gtk_widget_set_visible (self->back_button, self->show_back);
  gtk_widget_set_visible (self->menu_button, has);
  gtk_widget_set_visible (self->move_button, has);
  gtk_stack_set_visible_child_name (self->stack, has ? "volume" : "empty");
  adw_window_title_set_title (self->window_title, has ? self->medium->volser : _("Media"));
  adw_window_title_set_subtitle (self->window_title, has ? self->medium->location : NULL);
  if (has)
    show_facts (self);
}

/*
 * GObject
 */

static void
custody_medium_detail_dispose (GObject *object)
{
  CustodyMediumDetail *self = (CustodyMediumDetail *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CUSTODY_TYPE_MEDIUM_DETAIL);
  g_clear_object (&self->session);
  g_clear_object (&self->medium);

  G_OBJECT_CLASS (custody_medium_detail_parent_class)->dispose (object);
}

static void
custody_medium_detail_finalize (GObject *object)
{
  CustodyMediumDetail *self = (CustodyMediumDetail *) object;

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (custody_medium_detail_parent_class)->finalize (object);
}

static void
custody_medium_detail_class_init (CustodyMediumDetailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = custody_medium_detail_dispose;
  object_class->finalize = custody_medium_detail_finalize;

  signals[BACK] = g_signal_new ("back", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/custody/Custody/ui/"
                                               "custody-medium-detail.ui");
  gtk_widget_class_bind_template_child (widget_class, CustodyMediumDetail, back_button);
  gtk_widget_class_bind_template_child (widget_class, CustodyMediumDetail, window_title);
  gtk_widget_class_bind_template_child (widget_class, CustodyMediumDetail, menu_button);
  gtk_widget_class_bind_template_child (widget_class, CustodyMediumDetail, move_button);
  gtk_widget_class_bind_template_child (widget_class, CustodyMediumDetail, stack);
  gtk_widget_class_bind_template_child (widget_class, CustodyMediumDetail, banner);
  gtk_widget_class_bind_template_child (widget_class, CustodyMediumDetail, facts_group);
  gtk_widget_class_bind_template_child (widget_class, CustodyMediumDetail, restore_group);
  gtk_widget_class_bind_template_child (widget_class, CustodyMediumDetail, movements_group);
  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked_cb);

  g_type_ensure (CUSTODY_TYPE_AS_OF_BANNER);
}

static void
custody_medium_detail_init (CustodyMediumDetail *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();
  self->cancellable = g_cancellable_new ();
  update (self);
}

/*
 * Public API
 */

void
custody_medium_detail_set_session (CustodyMediumDetail *self,
                                   CustodySession      *session)
{
  g_return_if_fail (CUSTODY_IS_MEDIUM_DETAIL (self));

  if (!g_set_object (&self->session, session))
    return;
  custody_as_of_banner_set_session (self->banner, session);
  custody_medium_detail_set_medium (self, NULL);
}

/* Shows a volume, or nothing; the same volume again (fresher) reloads
 * its history. */
void
custody_medium_detail_set_medium (CustodyMediumDetail *self,
                                  CustodyMedium       *medium)
{
  g_return_if_fail (CUSTODY_IS_MEDIUM_DETAIL (self));

  g_set_object (&self->medium, medium);
  if (medium == NULL)
    {
      clear_rows (self, NULL);
      g_cancellable_cancel (self->cancellable);
    }
  update (self);
  load_history (self);
}

/* Returns: (transfer none) (nullable) */
CustodyMedium *
custody_medium_detail_get_medium (CustodyMediumDetail *self)
{
  g_return_val_if_fail (CUSTODY_IS_MEDIUM_DETAIL (self), NULL);

  return self->medium;
}

void
custody_medium_detail_set_show_back (CustodyMediumDetail *self,
                                     gboolean             show_back)
{
  g_return_if_fail (CUSTODY_IS_MEDIUM_DETAIL (self));

  self->show_back = show_back;
  gtk_widget_set_visible (self->back_button, show_back);
  /* Beside the list, the list's banner says it. */
  gtk_widget_set_visible (GTK_WIDGET (self->banner), show_back);
}
