/* custody-job-editor.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custody-job-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "custody-job-editor.h"

/* Adds or edits a job. It only gathers and checks what is typed; the page
 * that opened it writes to the store and tells it how that went. */
struct _CustodyJobEditor
{
  AdwWindow       parent_instance;

  AdwEntryRow    *name_row;
  AdwEntryRow    *source_row;
  AdwEntryRow    *owner_row;
  GtkSpinButton  *rpo_spin;
  GtkSpinButton  *verify_spin;
  GtkWidget      *save_button;
  GtkLabel       *error_label;

  CustodyJob     *original;
};

G_DEFINE_FINAL_TYPE (CustodyJobEditor, custody_job_editor, ADW_TYPE_WINDOW)

enum { SAVE, N_SIGNALS };
static guint signals[N_SIGNALS];

static gboolean
is_valid (CustodyJobEditor *self)
{
  g_autofree char *name =
    g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));

  return name[0] != '\0';
}

static void
on_changed_cb (CustodyJobEditor *self)
{
  gboolean valid = is_valid (self);

  gtk_widget_set_sensitive (self->save_button, valid);
  if (valid)
    gtk_widget_remove_css_class (GTK_WIDGET (self->name_row), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
}

static void
on_save_cb (CustodyJobEditor *self)
{
  if (!is_valid (self))
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->name_row), "error");
      custody_job_editor_show_error (self, _("A job needs a name."));
      gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
      return;
    }
  if (!gtk_widget_get_sensitive (self->save_button))
    return;

  g_signal_emit (self, signals[SAVE], 0);
}

static void
custody_job_editor_dispose (GObject *object)
{
  CustodyJobEditor *self = (CustodyJobEditor *) object;

  g_clear_object (&self->original);
  gtk_widget_dispose_template (GTK_WIDGET (self), CUSTODY_TYPE_JOB_EDITOR);

  G_OBJECT_CLASS (custody_job_editor_parent_class)->dispose (object);
}

static void
custody_job_editor_class_init (CustodyJobEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = custody_job_editor_dispose;

  /* The page connects here, writes, then closes the editor or shows why
   * it could not. */
  signals[SAVE] = g_signal_new ("save", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/custody/Custody/ui/"
                                               "custody-job-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CustodyJobEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, CustodyJobEditor, source_row);
  gtk_widget_class_bind_template_child (widget_class, CustodyJobEditor, owner_row);
  gtk_widget_class_bind_template_child (widget_class, CustodyJobEditor, rpo_spin);
  gtk_widget_class_bind_template_child (widget_class, CustodyJobEditor, verify_spin);
  gtk_widget_class_bind_template_child (widget_class, CustodyJobEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, CustodyJobEditor, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_save_cb);
}

static void
custody_job_editor_init (CustodyJobEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * custody_job_editor_new:
 * @job: (nullable): the job to edit, or %NULL to add one
 */
CustodyJobEditor *
custody_job_editor_new (GtkWindow  *parent,
                        CustodyJob *job,
                        gint64      default_rpo_hours,
                        gint64      default_verify_days)
{
  CustodyJobEditor *self = g_object_new (CUSTODY_TYPE_JOB_EDITOR,
                                         "transient-for", parent,
                                         "title", job != NULL ? _("Edit Job") : _("Add Job"),
                                         NULL);

  if (job != NULL)
    {
      self->original = g_object_ref (job);
      gtk_editable_set_text (GTK_EDITABLE (self->name_row), job->name);
      gtk_editable_set_text (GTK_EDITABLE (self->source_row), job->source);
      gtk_editable_set_text (GTK_EDITABLE (self->owner_row), job->owner);
      gtk_spin_button_set_value (self->rpo_spin, (double) job->rpo_hours);
      gtk_spin_button_set_value (self->verify_spin, (double) job->verify_days);
    }
  else
    {
      gtk_spin_button_set_value (self->rpo_spin, (double) default_rpo_hours);
      gtk_spin_button_set_value (self->verify_spin, (double) default_verify_days);
      gtk_button_set_label (GTK_BUTTON (self->save_button), _("_Add"));
    }

  on_changed_cb (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));

  return self;
}

/* Returns: (transfer full): what the form holds, as a job record */
CustodyJob *
custody_job_editor_dup_job (CustodyJobEditor *self)
{
  CustodyJob *job = custody_job_new ();

  g_return_val_if_fail (CUSTODY_IS_JOB_EDITOR (self), NULL);

  job->name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  g_free (job->source);
  job->source = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->source_row))));
  g_free (job->owner);
  job->owner = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->owner_row))));
  job->rpo_hours = gtk_spin_button_get_value_as_int (self->rpo_spin);
  job->verify_days = gtk_spin_button_get_value_as_int (self->verify_spin);
  if (self->original != NULL)
    {
      g_free (job->tags);
      job->tags = g_strdup (self->original->tags);
    }

  return job;
}

/* Returns: (nullable): the name of the job being edited, or %NULL when adding */
const char *
custody_job_editor_get_original_name (CustodyJobEditor *self)
{
  g_return_val_if_fail (CUSTODY_IS_JOB_EDITOR (self), NULL);

  return self->original != NULL ? self->original->name : NULL;
}

void
custody_job_editor_set_busy (CustodyJobEditor *self,
                             gboolean          busy)
{
  g_return_if_fail (CUSTODY_IS_JOB_EDITOR (self));

  gtk_widget_set_sensitive (self->save_button, !busy && is_valid (self));
}

void
custody_job_editor_show_error (CustodyJobEditor *self,
                               const char       *message)
{
  g_return_if_fail (CUSTODY_IS_JOB_EDITOR (self));

  gtk_label_set_label (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
}
