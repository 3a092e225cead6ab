/* custody-media-page-today.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custody-media-page"

#include "config.h"

#include <glib/gi18n.h>

#include "custody-media-page-private.h"
#include "custody-time.h"

/* The media page's Today: the day's lists (send off site, recall,
 * expiring, overdue), each with its hand-off sheet and scan session. */

/* The most rows a list of Today shows: each is a widget, and a few
 * hundred took the main loop 40 ms to build at every reload. */
#define TODAY_MAX_ROWS 12

static void
clear_desk_rows (CustodyMediaPage *self)
{
  for (guint i = 0; i + 1 < self->desk_rows->len; i += 2)
    adw_preferences_group_remove (g_ptr_array_index (self->desk_rows, i),
                                  g_ptr_array_index (self->desk_rows, i + 1));
  g_ptr_array_set_size (self->desk_rows, 0);
}

static void
add_desk_row (CustodyMediaPage    *self,
              AdwPreferencesGroup *group,
              GtkWidget           *row)
{
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->desk_rows, group);
  g_ptr_array_add (self->desk_rows, row);
}

static const char *
desk_icon (CustodyDeskList list)
{
  switch (list)
    {
    case CUSTODY_DESK_SEND_OFFSITE:
      return "mail-send-symbolic";
    case CUSTODY_DESK_RECALL:
      return "mail-send-receive-symbolic";
    case CUSTODY_DESK_EXPIRING:
      return "alarm-symbolic";
    case CUSTODY_DESK_OVERDUE:
    case CUSTODY_N_DESK_LISTS:
    default:
      return "task-past-due-symbolic";
    }
}

/* Rebuilds the rows from the session's desk, or marks them stale while
 * the inventory is shown. */
void
custody_media_page_update_today (CustodyMediaPage *self)
{
  CustodyDesk *desk = custody_media_page_get_desk (self);
  g_autofree char *date = NULL;
  g_autofree char *headline = NULL;
  guint to_move;

  if (desk == NULL)
    {
      clear_desk_rows (self);
      gtk_label_set_label (self->today_headline, _("Reading the Store…"));
      return;
    }

  adw_view_stack_page_set_needs_attention (self->today_page,
                                           desk->lists[CUSTODY_DESK_OVERDUE]->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "media.handoff",
                                 !custody_media_page_get_past (self));

  /* The rows are widgets, rebuilt at every reload of the store: they are
   * built when the Today page is shown, not while the inventory is. */
  self->today_stale = g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack),
                                 "today") != 0;
  if (self->today_stale)
    return;

  clear_desk_rows (self);
  date = custody_time_format_date (desk->day);
  to_move = desk->lists[CUSTODY_DESK_SEND_OFFSITE]->len + desk->lists[CUSTODY_DESK_RECALL]->len;
  if (desk->lists[CUSTODY_DESK_OVERDUE]->len > 0)
    headline = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s: %u volume is overdue",
                                             "%s: %u volumes are overdue",
                                             desk->lists[CUSTODY_DESK_OVERDUE]->len),
                                date, desk->lists[CUSTODY_DESK_OVERDUE]->len);
  else if (to_move > 0)
    headline = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s: %u volume to move",
                                             "%s: %u volumes to move", to_move), date, to_move);
  else
    headline = g_strdup_printf (_("%s: nothing to move today"), date);
  gtk_label_set_label (self->today_headline, headline);

  for (guint l = 0; l < CUSTODY_N_DESK_LISTS; l++)
    {
      GPtrArray *list = desk->lists[l];

      /* A big site's lists run into thousands: the first ones are shown,
       * the scan session and the hand-off sheet take them all. */
      for (guint i = 0; i < MIN (list->len, TODAY_MAX_ROWS); i++)
        {
          CustodyDeskItem *item = g_ptr_array_index (list, i);
          GtkWidget *row = adw_action_row_new ();
          g_autofree char *title = NULL;
          g_autofree char *reason = g_markup_escape_text (item->reason, -1);

          title = item->location != NULL ? g_strdup_printf ("%s · %s", item->volser, item->location)
                                         : g_strdup (item->volser);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), reason);
          /* Few lines each: wrapped labels are measured again and again,
           * and a few hundred of them held the main loop 200 ms. The lists
           * stop at TODAY_MAX_ROWS rows, so the reason may take two lines:
           * at a phone's width one line cut off what the operator must do. */
          adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 1);
          adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
          gtk_widget_set_tooltip_text (row, item->reason);
          adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                                     gtk_image_new_from_icon_name (desk_icon (l)));
          adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                     gtk_image_new_from_icon_name ("go-next-symbolic"));
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
          gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "media.open-volume");
          gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", item->volser);
          add_desk_row (self, self->desk_groups[l], row);
        }
      if (list->len == 0)
        {
          GtkWidget *row = adw_action_row_new ();

          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Nothing today"));
          gtk_widget_add_css_class (row, "dim-label");
          add_desk_row (self, self->desk_groups[l], row);
        }
      else if (list->len > TODAY_MAX_ROWS)
        {
          GtkWidget *row = adw_action_row_new ();
          g_autofree char *more = NULL;

          /* Translators: the last row of one of Today's lists, which opens it whole */
          more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Show All %u Volumes",
                                               "Show All %u Volumes", list->len), list->len);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), more);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                       _("A scan session expects them all; the hand-off sheet "
                                         "lists them all."));
          adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                     gtk_image_new_from_icon_name ("go-next-symbolic"));
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
          gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "media.desk-list");
          gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s",
                                            custody_desk_list_to_string (l));
          add_desk_row (self, self->desk_groups[l], row);
        }
    }

  /* The overdue go first: they are late already. */
  gtk_box_reorder_child_after (GTK_BOX (self->today_box),
                               GTK_WIDGET (self->desk_groups[CUSTODY_DESK_OVERDUE]),
                               desk->lists[CUSTODY_DESK_OVERDUE]->len > 0
                               ? GTK_WIDGET (self->today_headline)
                               : GTK_WIDGET (self->desk_groups[CUSTODY_DESK_EXPIRING]));
}

static GtkWidget *
desk_group_button (const char *icon,
                   const char *tooltip,
                   const char *action,
                   const char *target)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip,
                                  -1);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", target);
  return button;
}

/* Builds the four lists' groups, their buttons on the first two. */
void
custody_media_page_init_today (CustodyMediaPage *self)
{
  static const char *descriptions[CUSTODY_N_DESK_LISTS] = {
    N_("Written and due at the vault: case them for the courier."),
    N_("Their retention ends soon: the courier brings them back for reuse."),
    N_("Retention ends within a week, or has ended: return them to scratch."),
    N_("Should have moved and have not."),
  };

  self->desk_rows = g_ptr_array_new ();
  for (guint l = 0; l < CUSTODY_N_DESK_LISTS; l++)
    {
      GtkWidget *group = adw_preferences_group_new ();
      GtkWidget *suffix = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group),
                                       custody_desk_list_get_label (l));
      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), _(descriptions[l]));
      if (l == CUSTODY_DESK_SEND_OFFSITE || l == CUSTODY_DESK_RECALL)
        {
          gtk_box_append (GTK_BOX (suffix), desk_group_button ("document-print-symbolic",
                                                               _("Hand-off Sheet…"),
                                                               "media.handoff",
                                                               custody_desk_list_to_string (l)));
          gtk_box_append (GTK_BOX (suffix), desk_group_button ("scanner-symbolic", _("Scan These…"),
                                                               "media.scan",
                                                               custody_desk_list_to_string (l)));
          adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), suffix);
        }
      gtk_box_append (GTK_BOX (self->today_box), group);
      self->desk_groups[l] = ADW_PREFERENCES_GROUP (group);
    }
}
