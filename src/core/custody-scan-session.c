/* custody-scan-session.c
 *
 * Copyright 2026 The Custody authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "custody-scan-session"

#include "config.h"

#include "custody-scan-session.h"
#include "custody-volser.h"

struct _CustodyScanSession
{
  GObject     parent_instance;

  GHashTable *expected;   /* volser set; NULL: no list */
  GPtrArray  *entries;    /* CustodyScanEntry, in scan order */
  GHashTable *moved;      /* volser -> count of entries moving it (pending or moved) */
  guint       next_serial;
};

G_DEFINE_FINAL_TYPE (CustodyScanSession, custody_scan_session, G_TYPE_OBJECT)

static const char * const outcomes[] = {
  "pending", "moved", "unexpected", "unknown", "duplicate", "refused", "failed",
};

G_STATIC_ASSERT (G_N_ELEMENTS (outcomes) == CUSTODY_N_SCAN_OUTCOMES);

void
custody_scan_entry_free (CustodyScanEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->text);
  g_free (entry->volser);
  g_free (entry->message);
  g_free (entry);
}

static gboolean
moves (CustodyScanOutcome outcome)
{
  return outcome == CUSTODY_SCAN_PENDING || outcome == CUSTODY_SCAN_MOVED ||
         outcome == CUSTODY_SCAN_UNEXPECTED;
}

static void
count_move (CustodyScanSession *self,
            const char         *volser,
            int                 delta)
{
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (self->moved, volser));

  n = delta > 0 ? n + 1 : (n > 0 ? n - 1 : 0);
  if (n == 0)
    g_hash_table_remove (self->moved, volser);
  else
    g_hash_table_insert (self->moved, g_strdup (volser), GUINT_TO_POINTER (n));
}

static void
custody_scan_session_finalize (GObject *object)
{
  CustodyScanSession *self = (CustodyScanSession *) object;

  g_clear_pointer (&self->expected, g_hash_table_unref);
  g_ptr_array_unref (self->entries);
  g_hash_table_unref (self->moved);

  G_OBJECT_CLASS (custody_scan_session_parent_class)->finalize (object);
}

static void
custody_scan_session_class_init (CustodyScanSessionClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = custody_scan_session_finalize;
}

static void
custody_scan_session_init (CustodyScanSession *self)
{
  self->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) custody_scan_entry_free);
  self->moved = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->next_serial = 1;
}

/**
 * custody_scan_session_new:
 * @expected: (nullable): the volumes the session should see, or %NULL
 *   when there is no list
 */
CustodyScanSession *
custody_scan_session_new (const char * const *expected)
{
  CustodyScanSession *self = g_object_new (CUSTODY_TYPE_SCAN_SESSION, NULL);

  if (expected != NULL)
    {
      self->expected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      for (guint i = 0; expected[i] != NULL; i++)
        {
          char *volser = custody_volser_normalize (expected[i], NULL);
          if (volser != NULL)
            g_hash_table_add (self->expected, volser);
        }
    }

  return self;
}

gboolean
custody_scan_session_is_expected (CustodyScanSession *self,
                                  const char         *volser)
{
  g_return_val_if_fail (CUSTODY_IS_SCAN_SESSION (self), FALSE);

  return self->expected == NULL ||
         (volser != NULL && g_hash_table_contains (self->expected, volser));
}

/**
 * custody_scan_session_add:
 * @text: what the scanner typed
 *
 * Records one scan. A text that is no label is unknown at once, a volume
 * this session already moves is a duplicate; anything else is pending
 * until custody_scan_session_resolve() says what the store made of it.
 *
 * Returns: (transfer none): the new entry
 */
const CustodyScanEntry *
custody_scan_session_add (CustodyScanSession *self,
                          const char         *text)
{
  CustodyScanEntry *entry;

  g_return_val_if_fail (CUSTODY_IS_SCAN_SESSION (self), NULL);
  g_return_val_if_fail (text != NULL, NULL);

  entry = g_new0 (CustodyScanEntry, 1);
  entry->serial = self->next_serial++;
  entry->text = g_strstrip (g_strdup (text));
  entry->volser = custody_volser_normalize (text, NULL);

  if (entry->volser == NULL)
    entry->outcome = CUSTODY_SCAN_UNKNOWN;
  else if (g_hash_table_contains (self->moved, entry->volser))
    entry->outcome = CUSTODY_SCAN_DUPLICATE;
  else
    {
      entry->outcome = CUSTODY_SCAN_PENDING;
      count_move (self, entry->volser, +1);
    }

  g_ptr_array_add (self->entries, entry);
  return entry;
}

/**
 * custody_scan_session_resolve:
 * @outcome: %CUSTODY_SCAN_MOVED, %CUSTODY_SCAN_UNKNOWN,
 *   %CUSTODY_SCAN_REFUSED or %CUSTODY_SCAN_FAILED
 * @movement_id: the movement recorded, for a move
 * @message: (nullable): why it was refused or failed
 *
 * What the store made of a pending scan. A move of a volume that was not
 * on the expected list becomes %CUSTODY_SCAN_UNEXPECTED.
 *
 * Returns: (transfer none) (nullable): the entry, or %NULL if it is gone
 */
const CustodyScanEntry *
custody_scan_session_resolve (CustodyScanSession *self,
                              guint               serial,
                              CustodyScanOutcome  outcome,
                              gint64              movement_id,
                              const char         *message)
{
  CustodyScanEntry *entry = (CustodyScanEntry *) custody_scan_session_find (self, serial);

  g_return_val_if_fail (outcome != CUSTODY_SCAN_PENDING && outcome != CUSTODY_SCAN_DUPLICATE, NULL);

  if (entry == NULL || entry->outcome != CUSTODY_SCAN_PENDING)
    return entry;

  if (outcome == CUSTODY_SCAN_MOVED && !custody_scan_session_is_expected (self, entry->volser))
    outcome = CUSTODY_SCAN_UNEXPECTED;
  if (!moves (outcome))
    count_move (self, entry->volser, -1);

  entry->outcome = outcome;
  entry->movement_id = movement_id;
  g_free (entry->message);
  entry->message = g_strdup (message);

  return entry;
}

/**
 * custody_scan_session_undo_last:
 *
 * Takes the latest scan out of the session. If it moved a volume, the
 * caller takes the movement back.
 *
 * Returns: (transfer full) (nullable): the entry, or %NULL if none
 */
CustodyScanEntry *
custody_scan_session_undo_last (CustodyScanSession *self)
{
  g_return_val_if_fail (CUSTODY_IS_SCAN_SESSION (self), NULL);

  if (self->entries->len == 0)
    return NULL;

  return custody_scan_session_take (self,
                                    ((CustodyScanEntry *)
                                     g_ptr_array_index (self->entries,
                                                        self->entries->len - 1))->serial);
}

/**
 * custody_scan_session_take:
 * @serial: a scan
 *
 * Takes one scan out of the session, as undo does: the one the operator
 * meant when later scans are already under way.
 *
 * Returns: (transfer full) (nullable): the entry, or %NULL if it is gone
 */
CustodyScanEntry *
custody_scan_session_take (CustodyScanSession *self,
                           guint               serial)
{
  g_return_val_if_fail (CUSTODY_IS_SCAN_SESSION (self), NULL);

  for (guint i = self->entries->len; i > 0; i--)
    {
      CustodyScanEntry *entry = g_ptr_array_index (self->entries, i - 1);

      if (entry->serial != serial)
        continue;
      entry = g_ptr_array_steal_index (self->entries, i - 1);
      if (moves (entry->outcome))
        count_move (self, entry->volser, -1);
      return entry;
    }
  return NULL;
}

guint
custody_scan_session_get_n_entries (CustodyScanSession *self)
{
  g_return_val_if_fail (CUSTODY_IS_SCAN_SESSION (self), 0);

  return self->entries->len;
}

/* Returns: (transfer none): the entry at @position, in scan order */
const CustodyScanEntry *
custody_scan_session_get_entry (CustodyScanSession *self,
                                guint               position)
{
  g_return_val_if_fail (CUSTODY_IS_SCAN_SESSION (self), NULL);
  g_return_val_if_fail (position < self->entries->len, NULL);

  return g_ptr_array_index (self->entries, position);
}

/* Returns: (transfer none) (nullable) */
const CustodyScanEntry *
custody_scan_session_find (CustodyScanSession *self,
                           guint               serial)
{
  g_return_val_if_fail (CUSTODY_IS_SCAN_SESSION (self), NULL);

  /* The newest first: that is what callers look for. */
  for (guint i = self->entries->len; i > 0; i--)
    {
      CustodyScanEntry *entry = g_ptr_array_index (self->entries, i - 1);

      if (entry->serial == serial)
        return entry;
      if (entry->serial < serial)
        break;
    }
  return NULL;
}

guint
custody_scan_session_count (CustodyScanSession *self,
                            CustodyScanOutcome  outcome)
{
  guint n = 0;

  g_return_val_if_fail (CUSTODY_IS_SCAN_SESSION (self), 0);

  for (guint i = 0; i < self->entries->len; i++)
    n += ((CustodyScanEntry *) g_ptr_array_index (self->entries, i))->outcome == outcome ? 1 : 0;
  return n;
}

/* Returns: (transfer full): the volumes (or texts, for what is no label)
 * with this outcome, each once, in scan order */
GStrv
custody_scan_session_dup_volsers (CustodyScanSession *self,
                                  CustodyScanOutcome  outcome)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  g_return_val_if_fail (CUSTODY_IS_SCAN_SESSION (self), NULL);

  for (guint i = 0; i < self->entries->len; i++)
    {
      CustodyScanEntry *entry = g_ptr_array_index (self->entries, i);
      const char *name = entry->volser != NULL ? entry->volser : entry->text;

      if (entry->outcome != outcome || !g_hash_table_add (seen, (gpointer) name))
        continue;
      g_strv_builder_add (builder, name);
    }

  return g_strv_builder_end (builder);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/**
 * custody_scan_session_get_progress:
 * @scanned: (out): how many of the expected volumes are scanned (moving or moved)
 * @expected: (out): how many are expected; 0 for a session without a list
 *
 * The session's progress through its list, cheap enough for every scan: it walks
 * what was scanned, not the list.
 */
void
custody_scan_session_get_progress (CustodyScanSession *self,
                                   guint              *scanned,
                                   guint              *expected)
{
  GHashTableIter iter;
  gpointer key;

  g_return_if_fail (CUSTODY_IS_SCAN_SESSION (self));

  *scanned = 0;
  *expected = self->expected != NULL ? g_hash_table_size (self->expected) : 0;
  if (self->expected == NULL)
    return;

  g_hash_table_iter_init (&iter, self->moved);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (g_hash_table_contains (self->expected, key))
      (*scanned)++;
}

/* Returns: (transfer full): what was expected and has not been moved, by
 * volser; empty without a list */
GStrv
custody_scan_session_dup_not_scanned (CustodyScanSession *self)
{
  g_autoptr(GPtrArray) missing = g_ptr_array_new ();
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  GHashTableIter iter;
  gpointer key;

  g_return_val_if_fail (CUSTODY_IS_SCAN_SESSION (self), NULL);

  if (self->expected != NULL)
    {
      g_hash_table_iter_init (&iter, self->expected);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        if (!g_hash_table_contains (self->moved, key))
          g_ptr_array_add (missing, key);
    }
  g_ptr_array_sort (missing, compare_strings);
  for (guint i = 0; i < missing->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (missing, i));

  return g_strv_builder_end (builder);
}
