/* custody-mtx.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custody-mtx"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "custody-mtx.h"
#include "custody-time.h"
#include "custody-volser.h"

/* mtx 1.3 prints (mtx.c):
 *
 *   Storage Changer %s:%d Drives, %d Slots ( %d Import/Export )
 * Data Transfer Element %d:Empty
 * Data Transfer Element %d:Full (Storage Element %d Loaded):VolumeTag = %s
 * Data Transfer Element %d:Full (Unknown Storage Element Loaded):VolumeTag = %s
 *       Storage Element %d:Empty
 *       Storage Element %d IMPORT/EXPORT:Full :VolumeTag=%s
 *
 * Tags are padded with blanks, may be missing (a cartridge without a
 * label) and may be followed by :AlternateVolumeTag. Lines of anything
 * else (an inquiry printed after it) are not ours and are skipped. */

static void
element_clear (gpointer data)
{
  CustodyMtxElement *e = data;

  g_free (e->volser);
}

void
custody_mtx_inventory_free (CustodyMtxInventory *inventory)
{
  if (inventory == NULL)
    return;
  g_free (inventory->changer);
  g_array_unref (inventory->elements);
  g_free (inventory);
}

static gboolean
read_number (const char  **p,
             guint        *out)
{
  char *end = NULL;
  guint64 n;

  while (**p == ' ')
    (*p)++;
  if (!g_ascii_isdigit (**p))
    return FALSE;
  n = g_ascii_strtoull (*p, &end, 10);
  if (end == *p || n > G_MAXUINT)
    return FALSE;
  *out = (guint) n;
  *p = end;
  return TRUE;
}

static gboolean
skip (const char **p,
      const char  *word)
{
  while (**p == ' ')
    (*p)++;
  if (!g_str_has_prefix (*p, word))
    return FALSE;
  *p += strlen (word);
  return TRUE;
}

/* The text after "VolumeTag" up to an AlternateVolumeTag: "" if none. */
static gboolean
read_tag (const char  *p,
          char       **volser,
          GError     **error)
{
  g_autofree char *tag = NULL;
  const char *alt;

  *volser = NULL;
  while (*p == ' ' || *p == ':')
    p++;
  if (*p == '\0')
    return TRUE;
  if (!skip (&p, "VolumeTag"))
    return FALSE;
  while (*p == ' ')
    p++;
  if (*p != '=')
    return FALSE;
  p++;

  alt = strstr (p, ":AlternateVolumeTag");
  tag = alt != NULL ? g_strndup (p, alt - p) : g_strdup (p);
  g_strstrip (tag);
  if (tag[0] == '\0')
    return TRUE;

  *volser = custody_volser_normalize (tag, error);
  return *volser != NULL;
}

gboolean
custody_mtx_looks_like (const char *text)
{
  const char *p = text;

  while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
    p++;
  return g_str_has_prefix (p, "Storage Changer ");
}

/**
 * custody_mtx_parse:
 * @text: the output of `mtx status`
 *
 * Returns: (transfer full): the inventory, or %NULL with @error naming the
 *   line that is not what mtx prints
 */
CustodyMtxInventory *
custody_mtx_parse (const char  *text,
                   gssize       length,
                   GError     **error)
{
  g_autoptr(CustodyMtxInventory) inv = g_new0 (CustodyMtxInventory, 1);
  g_autofree char *copy = NULL;
  g_auto(GStrv) lines = NULL;
  gboolean header = FALSE;

  g_return_val_if_fail (text != NULL, NULL);

  copy = length < 0 ? g_strdup (text) : g_strndup (text, length);
  inv->elements = g_array_new (FALSE, TRUE, sizeof (CustodyMtxElement));
  g_array_set_clear_func (inv->elements, element_clear);

  /* A NUL byte ends the copy: what follows it would be lost unsaid. */
  if (!g_utf8_validate (copy, -1, NULL) ||
      (length >= 0 && memchr (text, '\0', length) != NULL))
    {
      g_set_error (error, CUSTODY_PARSE_ERROR, CUSTODY_PARSE_ERROR_INVALID,
                   _("this is not text: not the output of mtx status"));
      return NULL;
    }

  lines = g_strsplit (copy, "\n", -1);
  for (guint n = 0; lines[n] != NULL; n++)
    {
      g_autoptr(GError) tag_error = NULL;
      CustodyMtxElement e = { 0, };
      const char *p = lines[n];
      const char *rest;

      g_strchomp (lines[n]);
      while (*p == ' ' || *p == '\t')
        p++;
      e.line = n + 1;

      if (g_str_has_prefix (p, "Storage Changer "))
        {
          const char *colon = strrchr (p, ':');

          if (header)
            {
              g_set_error (error, CUSTODY_PARSE_ERROR, CUSTODY_PARSE_ERROR_INVALID,
                           _("line %u: a second changer: give one mtx status at a time"), e.line);
              return NULL;
            }
          rest = colon != NULL ? colon + 1 : NULL;
          if (rest == NULL || !read_number (&rest, &inv->drives) || !skip (&rest, "Drives,") ||
              !read_number (&rest, &inv->slots) || !skip (&rest, "Slots"))
            goto bad_line;
          if (skip (&rest, "(") && !(read_number (&rest, &inv->import_export) &&
                                     skip (&rest, "Import/Export")))
            goto bad_line;
          inv->changer = g_strndup (p + strlen ("Storage Changer "),
                                    colon - (p + strlen ("Storage Changer ")));
          header = TRUE;
          continue;
        }

      if (g_str_has_prefix (p, "Data Transfer Element "))
        {
          rest = p + strlen ("Data Transfer Element ");
          e.kind = CUSTODY_MTX_DRIVE;
          if (!read_number (&rest, &e.number) || *rest++ != ':')
            goto bad_line;
          if (skip (&rest, "Empty"))
            e.full = FALSE;
          else if (skip (&rest, "Full"))
            {
              e.full = TRUE;
              if (skip (&rest, "(Storage Element"))
                {
                  if (!read_number (&rest, &e.home_slot) || !skip (&rest, "Loaded)"))
                    goto bad_line;
                }
              else if (!skip (&rest, "(Unknown Storage Element Loaded)"))
                goto bad_line;
              if (!read_tag (rest, &e.volser, &tag_error))
                goto bad_tag;
            }
          else
            goto bad_line;
        }
      else if (g_str_has_prefix (p, "Storage Element "))
        {
          rest = p + strlen ("Storage Element ");
          e.kind = CUSTODY_MTX_SLOT;
          if (!read_number (&rest, &e.number))
            goto bad_line;
          if (skip (&rest, "IMPORT/EXPORT"))
            e.kind = CUSTODY_MTX_IMPORT_EXPORT;
          if (*rest++ != ':')
            goto bad_line;
          if (skip (&rest, "Empty"))
            e.full = FALSE;
          else if (skip (&rest, "Full"))
            {
              e.full = TRUE;
              if (!read_tag (rest, &e.volser, &tag_error))
                goto bad_tag;
            }
          else
            goto bad_line;
        }
      else
        continue;

      if (!header)
        {
          g_set_error (error, CUSTODY_PARSE_ERROR, CUSTODY_PARSE_ERROR_INVALID,
                       _("line %u: an element before the \"Storage Changer\" line: not the "
                         "output of mtx status"),
                       e.line);
          return NULL;
        }
      g_array_append_val (inv->elements, e);
      continue;

    bad_tag:
      g_set_error (error, CUSTODY_PARSE_ERROR, CUSTODY_PARSE_ERROR_INVALID,
                   _("line %u: %s"), e.line,
                   tag_error != NULL ? tag_error->message : _("the volume tag is not readable"));
      g_free (e.volser);
      return NULL;

    bad_line:
      g_set_error (error, CUSTODY_PARSE_ERROR, CUSTODY_PARSE_ERROR_INVALID,
                   _("line %u: '%s' is not what mtx status prints"), e.line, p);
      g_free (e.volser);
      return NULL;
    }

  if (!header)
    {
      g_set_error (error, CUSTODY_PARSE_ERROR, CUSTODY_PARSE_ERROR_INVALID,
                   _("no \"Storage Changer\" line: not the output of mtx status"));
      return NULL;
    }

  return g_steal_pointer (&inv);
}

/* "slot 5", "drive 0 (from slot 2)", "import/export slot 21" */
char *
custody_mtx_describe (const CustodyMtxElement *e)
{
  switch (e->kind)
    {
    case CUSTODY_MTX_DRIVE:
      if (e->home_slot > 0)
        return g_strdup_printf (_("drive %u (from slot %u)"), e->number, e->home_slot);
      return g_strdup_printf (_("drive %u"), e->number);
    case CUSTODY_MTX_IMPORT_EXPORT:
      return g_strdup_printf (_("import/export slot %u"), e->number);
    case CUSTODY_MTX_SLOT:
    default:
      return g_strdup_printf (_("slot %u"), e->number);
    }
}
