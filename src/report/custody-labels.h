/* custody-labels.h
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "custody-printable.h"

G_BEGIN_DECLS

/* LTO cartridge labels: the volser and media id as Code 39, drawn to the
 * IBM LTO Ultrium label specification (wide bars 2.75 times the 0.432 mm
 * narrow ones, 11.1 mm tall, quiet zones of ten narrow widths, on a
 * 79 x 17 mm label) with the characters printed above the bars. */

typedef enum
{
  CUSTODY_LABELS_A4,       /* sheets of 2 x 15 labels */
  CUSTODY_LABELS_LETTER,   /* the same on US Letter */
  CUSTODY_LABELS_SINGLE,   /* one label a page, for a label printer */
  CUSTODY_N_LABEL_LAYOUTS
} CustodyLabelLayout;

#define CUSTODY_LABEL_WIDTH_MM    79.0
#define CUSTODY_LABEL_HEIGHT_MM   17.0
#define CUSTODY_CODE39_NARROW_MM  0.432
#define CUSTODY_CODE39_RATIO      2.75
#define CUSTODY_CODE39_HEIGHT_MM  11.1
#define CUSTODY_CODE39_QUIET      10     /* narrow widths each side */
#define CUSTODY_LABEL_MAX_CHARS   8      /* what fits between the quiet zones */

#define CUSTODY_TYPE_LABELS (custody_labels_get_type ())
G_DECLARE_FINAL_TYPE (CustodyLabels, custody_labels, CUSTODY, LABELS, GObject)

CustodyLabels *custody_labels_new                 (const char * const *volsers,
                                                   CustodyLabelLayout  layout,
                                                   GError            **error);
guint          custody_labels_get_per_page        (CustodyLabels      *self);

gboolean       custody_label_layout_from_string   (const char         *str,
                                                   CustodyLabelLayout *out);

char          *custody_code39_pattern             (const char         *text,
                                                   GError            **error);
double         custody_code39_width_mm            (const char         *text);

G_END_DECLS
