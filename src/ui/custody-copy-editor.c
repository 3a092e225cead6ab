/* custody-copy-editor.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custody-copy-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "custody-copy-editor.h"

/* Adds or edits one copy of a job; the page writes what it gathers. */
struct _CustodyCopyEditor
{
  AdwWindow       parent_instance;

  AdwEntryRow    *name_row;
  AdwComboRow    *media_row;
  AdwComboRow    *location_row;
  GtkSwitch      *immutable_switch;
  GtkSwitch      *air_gapped_switch;
  GtkSpinButton  *retention_spin;
  GtkWidget      *save_button;
  GtkLabel       *error_label;

  char           *job;
  CustodyCopy    *original;
  GPtrArray      *location_names;   /* index 0 is "no location" */
};

G_DEFINE_FINAL_TYPE (CustodyCopyEditor, custody_copy_editor, ADW_TYPE_WINDOW)

enum { SAVE, N_SIGNALS };
static guint signals[N_SIGNALS];

static gboolean
is_valid (CustodyCopyEditor *self)
{
  g_autofree char *name =
    g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));

  return name[0] != '\0';
}

static void
on_changed_cb (CustodyCopyEditor *self)
{
  gtk_widget_set_sensitive (self->save_button, is_valid (self));
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
}

static void
on_save_cb (CustodyCopyEditor *self)
{
  if (!is_valid (self))
    {
      custody_copy_editor_show_error (self, _("A copy needs a name."));
      return;
    }
  if (gtk_widget_get_sensitive (self->save_button))
    g_signal_emit (self, signals[SAVE], 0);
}

static void
custody_copy_editor_dispose (GObject *object)
{
  CustodyCopyEditor *self = (CustodyCopyEditor *) object;

  g_clear_object (&self->original);
  gtk_widget_dispose_template (GTK_WIDGET (self), CUSTODY_TYPE_COPY_EDITOR);

  G_OBJECT_CLASS (custody_copy_editor_parent_class)->dispose (object);
}

static void
custody_copy_editor_finalize (GObject *object)
{
  CustodyCopyEditor *self = (CustodyCopyEditor *) object;

  g_free (self->job);
  g_clear_pointer (&self->location_names, g_ptr_array_unref);

  G_OBJECT_CLASS (custody_copy_editor_parent_class)->finalize (object);
}

static void
custody_copy_editor_class_init (CustodyCopyEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = custody_copy_editor_dispose;
  object_class->finalize = custody_copy_editor_finalize;

  signals[SAVE] = g_signal_new ("save", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/custody/Custody/ui/"
                                               "custody-copy-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CustodyCopyEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, CustodyCopyEditor, media_row);
  gtk_widget_class_bind_template_child (widget_class, CustodyCopyEditor, location_row);
  gtk_widget_class_bind_template_child (widget_class, CustodyCopyEditor, immutable_switch);
  gtk_widget_class_bind_template_child (widget_class, CustodyCopyEditor, air_gapped_switch);
  gtk_widget_class_bind_template_child (widget_class, CustodyCopyEditor, retention_spin);
  gtk_widget_class_bind_template_child (widget_class, CustodyCopyEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, CustodyCopyEditor, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_save_cb);
}

static void
custody_copy_editor_init (CustodyCopyEditor *self)
{
  g_autoptr(GtkStringList) types = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint t = 0; t < CUSTODY_N_MEDIA_TYPES; t++)
    gtk_string_list_append (types, custody_media_type_get_label (t));
  adw_combo_row_set_model (self->media_row, G_LIST_MODEL (types));
}

/**
 * custody_copy_editor_new:
 * @copy: (nullable): the copy to edit, or %NULL to add one
 * @locations: (element-type CustodyLocation): the store's locations
 */
CustodyCopyEditor *
custody_copy_editor_new (GtkWindow   *parent,
                         const char  *job,
                         CustodyCopy *copy,
                         GPtrArray   *locations)
{
  CustodyCopyEditor *self = g_object_new (CUSTODY_TYPE_COPY_EDITOR,
                                          "transient-for", parent,
                                          "title", copy != NULL ? _("Edit Copy") : _("Add Copy"),
                                          NULL);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint selected = 0;

  self->job = g_strdup (job);
  self->location_names = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->location_names, NULL);
  gtk_string_list_append (names, _("None"));
  for (guint i = 0; locations != NULL && i < locations->len; i++)
    {
      CustodyLocation *l = g_ptr_array_index (locations, i);
      g_autofree char *label = g_strdup_printf ("%s (%s)", l->name,
                                                custody_location_kind_get_label (l->kind));

      g_ptr_array_add (self->location_names, g_strdup (l->name));
      gtk_string_list_append (names, label);
      if (copy != NULL && g_strcmp0 (copy->location, l->name) == 0)
        selected = i + 1;
    }
  adw_combo_row_set_model (self->location_row, G_LIST_MODEL (names));

  if (copy != NULL)
    {
      self->original = g_object_ref (copy);
      gtk_editable_set_text (GTK_EDITABLE (self->name_row), copy->name);
      adw_combo_row_set_selected (self->media_row, copy->media_type);
      adw_combo_row_set_selected (self->location_row, selected);
      gtk_switch_set_active (self->immutable_switch, copy->immutable);
      gtk_switch_set_active (self->air_gapped_switch, copy->air_gapped);
      gtk_spin_button_set_value (self->retention_spin, (double) copy->retention_days);
    }
  else
    gtk_button_set_label (GTK_BUTTON (self->save_button), _("_Add"));

  on_changed_cb (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));

  return self;
}

/* Returns: (transfer full) */
CustodyCopy *
custody_copy_editor_dup_copy (CustodyCopyEditor *self)
{
  CustodyCopy *copy = custody_copy_new ();
  guint location = adw_combo_row_get_selected (self->location_row);

  copy->job = g_strdup (self->job);
  copy->name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  copy->media_type = (CustodyMediaType) adw_combo_row_get_selected (self->media_row);
  if (location != GTK_INVALID_LIST_POSITION && location < self->location_names->len)
    copy->location = g_strdup (g_ptr_array_index (self->location_names, location));
  copy->immutable = gtk_switch_get_active (self->immutable_switch);
  copy->air_gapped = gtk_switch_get_active (self->air_gapped_switch);
  copy->retention_days = gtk_spin_button_get_value_as_int (self->retention_spin);

  return copy;
}

const char *
custody_copy_editor_get_original_name (CustodyCopyEditor *self)
{
  g_return_val_if_fail (CUSTODY_IS_COPY_EDITOR (self), NULL);

  return self->original != NULL ? self->original->name : NULL;
}

void
custody_copy_editor_set_busy (CustodyCopyEditor *self,
                              gboolean           busy)
{
  g_return_if_fail (CUSTODY_IS_COPY_EDITOR (self));

  gtk_widget_set_sensitive (self->save_button, !busy && is_valid (self));
}

void
custody_copy_editor_show_error (CustodyCopyEditor *self,
                                const char        *message)
{
  g_return_if_fail (CUSTODY_IS_COPY_EDITOR (self));

  gtk_label_set_label (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
}
