/* custody-verification-editor.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custody-verification-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "custody-time.h"
#include "custody-verification-editor.h"

/* Records one test of a copy: a restore test, a checksum, a boot test. */
struct _CustodyVerificationEditor
{
  AdwWindow       parent_instance;

  AdwComboRow    *copy_row;
  AdwComboRow    *kind_row;
  AdwComboRow    *result_row;
  GtkSpinButton  *errors_spin;
  AdwEntryRow    *when_row;
  GtkSpinButton  *duration_spin;
  AdwEntryRow    *by_row;
  AdwEntryRow    *note_row;
  GtkWidget      *save_button;
  GtkLabel       *error_label;

  char           *job;
  GStrv           copies;
};

G_DEFINE_FINAL_TYPE (CustodyVerificationEditor, custody_verification_editor, ADW_TYPE_WINDOW)

enum { SAVE, N_SIGNALS };
static guint signals[N_SIGNALS];

static gboolean
parse_when (CustodyVerificationEditor *self,
            gint64                    *at)
{
  return custody_time_parse (gtk_editable_get_text (GTK_EDITABLE (self->when_row)), at, NULL);
}

static void
on_changed_cb (CustodyVerificationEditor *self)
{
  gint64 at;
  gboolean valid = parse_when (self, &at);

  if (valid)
    gtk_widget_remove_css_class (GTK_WIDGET (self->when_row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->when_row), "error");
  gtk_widget_set_sensitive (self->save_button, valid && self->copies[0] != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
}

static void
on_save_cb (CustodyVerificationEditor *self)
{
  gint64 at;

  if (!parse_when (self, &at))
    {
      custody_verification_editor_show_error (self, _("Give the time as 2026-11-25 14:30."));
      return;
    }
  if (gtk_widget_get_sensitive (self->save_button))
    g_signal_emit (self, signals[SAVE], 0);
}

static void
custody_verification_editor_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CUSTODY_TYPE_VERIFICATION_EDITOR);

  G_OBJECT_CLASS (custody_verification_editor_parent_class)->dispose (object);
}

static void
custody_verification_editor_finalize (GObject *object)
{
  CustodyVerificationEditor *self = (CustodyVerificationEditor *) object;

  g_free (self->job);
  g_strfreev (self->copies);

  G_OBJECT_CLASS (custody_verification_editor_parent_class)->finalize (object);
}

static void
custody_verification_editor_class_init (CustodyVerificationEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = custody_verification_editor_dispose;
  object_class->finalize = custody_verification_editor_finalize;

  signals[SAVE] = g_signal_new ("save", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/custody/Custody/ui/"
                                               "custody-verification-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CustodyVerificationEditor, copy_row);
  gtk_widget_class_bind_template_child (widget_class, CustodyVerificationEditor, kind_row);
  gtk_widget_class_bind_template_child (widget_class, CustodyVerificationEditor, result_row);
  gtk_widget_class_bind_template_child (widget_class, CustodyVerificationEditor, errors_spin);
  gtk_widget_class_bind_template_child (widget_class, CustodyVerificationEditor, when_row);
  gtk_widget_class_bind_template_child (widget_class, CustodyVerificationEditor, duration_spin);
  gtk_widget_class_bind_template_child (widget_class, CustodyVerificationEditor, by_row);
  gtk_widget_class_bind_template_child (widget_class, CustodyVerificationEditor, note_row);
  gtk_widget_class_bind_template_child (widget_class, CustodyVerificationEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, CustodyVerificationEditor, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_save_cb);
}

static void
custody_verification_editor_init (CustodyVerificationEditor *self)
{
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) results = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint k = 0; k < CUSTODY_N_VERIFY_KINDS; k++)
    gtk_string_list_append (kinds, custody_verify_kind_get_label (k));
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kinds));
  gtk_string_list_append (results, C_("verification result", "Passed"));
  gtk_string_list_append (results, C_("verification result", "Failed"));
  adw_combo_row_set_model (self->result_row, G_LIST_MODEL (results));
}

/**
 * custody_verification_editor_new:
 * @copies: the job's copies
 * @copy: (nullable): the copy to select
 */
CustodyVerificationEditor *
custody_verification_editor_new (GtkWindow          *parent,
                                 const char         *job,
                                 const char * const *copies,
                                 const char         *copy)
{
  CustodyVerificationEditor *self = g_object_new (CUSTODY_TYPE_VERIFICATION_EDITOR,
                                                  "transient-for", parent,
                                                  NULL);
  g_autoptr(GtkStringList) names = gtk_string_list_new ((const char * const *) copies);
  g_autofree char *now = custody_time_format_local (custody_time_now ());
  const char *who = g_get_real_name ();

  self->job = g_strdup (job);
  self->copies = g_strdupv ((char **) copies);
  adw_combo_row_set_model (self->copy_row, G_LIST_MODEL (names));
  for (guint i = 0; copy != NULL && copies[i] != NULL; i++)
    if (g_str_equal (copies[i], copy))
      adw_combo_row_set_selected (self->copy_row, i);

  gtk_editable_set_text (GTK_EDITABLE (self->when_row), now);
  gtk_editable_set_text (GTK_EDITABLE (self->by_row),
                         who != NULL && who[0] != '\0' && !g_str_equal (who, "Unknown")
                           ? who : g_get_user_name ());
  on_changed_cb (self);

  return self;
}

/* Returns: (transfer full) */
CustodyVerification *
custody_verification_editor_dup_verification (CustodyVerificationEditor *self)
{
  CustodyVerification *v = custody_verification_new ();
  guint copy = adw_combo_row_get_selected (self->copy_row);
  int minutes = gtk_spin_button_get_value_as_int (self->duration_spin);

  v->job = g_strdup (self->job);
  v->copy = g_strdup (copy < g_strv_length (self->copies) ? self->copies[copy] : "");
  v->kind = (CustodyVerifyKind) adw_combo_row_get_selected (self->kind_row);
  v->passed = adw_combo_row_get_selected (self->result_row) == 0;
  v->errors = gtk_spin_button_get_value_as_int (self->errors_spin);
  if (!parse_when (self, &v->at))
    v->at = custody_time_now ();
  v->duration_s = minutes > 0 ? minutes * 60 : -1;
  g_free (v->by);
  v->by = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->by_row))));
  g_free (v->note);
  v->note = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->note_row))));

  return v;
}

void
custody_verification_editor_set_busy (CustodyVerificationEditor *self,
                                      gboolean                   busy)
{
  g_return_if_fail (CUSTODY_IS_VERIFICATION_EDITOR (self));

  gtk_widget_set_sensitive (self->save_button, !busy);
}

void
custody_verification_editor_show_error (CustodyVerificationEditor *self,
                                        const char                *message)
{
  g_return_if_fail (CUSTODY_IS_VERIFICATION_EDITOR (self));

  gtk_label_set_label (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
}
