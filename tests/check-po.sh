#!/bin/sh
# check-po.sh SRCDIR: every file with translatable strings is in
# po/POTFILES.in (sorted, all existing), every string can be extracted
# whole, po/LINGUAS names the po/*.po files, and po/ja.po is valid and
# complete for the strings of today's sources.
set -u
src=$1
cd "$src" || exit 1
# sort, comm and the gettext tools' messages must not depend on the caller's locale.
LC_ALL=C
LANGUAGE=
export LC_ALL LANGUAGE
status=0

expected=$(mktemp); listed=$(mktemp); pot=$(mktemp); merged=$(mktemp); log=$(mktemp)
trap 'rm -f "$expected" "$listed" "$pot" "$merged" "$log"' EXIT

{
  ls data/*.in.in data/*.gschema.xml
  grep -rlE '(^|[^A-Za-z0-9_])(_|N_|C_|NC_|Q_|ngettext|g_dngettext|g_dpgettext2|g_dcgettext) ?\(' \
    src --include='*.c' --include='*.h'
  grep -l 'translatable="yes"' ui/*.ui ui/gtk/*.ui
} | sort -u > "$expected"
grep -v '^#' po/POTFILES.in | sed '/^$/d' | sort -u > "$listed"

if ! sort -c po/POTFILES.in 2>/dev/null; then
  echo "po/POTFILES.in is not sorted (LC_ALL=C sort)"; status=1
fi
missing=$(comm -23 "$expected" "$listed")
[ -n "$missing" ] && { echo "not in po/POTFILES.in:"; echo "$missing"; status=1; }
stale=$(comm -13 "$expected" "$listed")
[ -n "$stale" ] && { echo "in po/POTFILES.in but without strings or gone:"; echo "$stale"; status=1; }

linguas=$(grep -v '^#' po/LINGUAS | tr -s ' \t' '\n\n' | sed '/^$/d' | sort)
pos=$(ls po/*.po 2>/dev/null | sed 's|^po/||; s|\.po$||' | sort)
if [ "$linguas" != "$pos" ]; then
  echo "po/LINGUAS ($(echo $linguas)) does not name the po/*.po files ($(echo $pos))"; status=1
fi

if ! command -v msgfmt >/dev/null || ! command -v xgettext >/dev/null \
   || ! command -v msgmerge >/dev/null; then
  echo "gettext tools not found, skipping the translation checks"
  [ $status -eq 0 ] && exit 77
  exit $status
fi

msgfmt --check -o /dev/null po/ja.po || status=1

# The same extraction as meson's glib preset.
if ! xgettext --from-code=UTF-8 --add-comments --keyword=_ --keyword=N_ --keyword=C_:1c,2 \
  --keyword=NC_:1c,2 --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 \
  --keyword=g_dpgettext2:2c,3 --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format \
  --flag=NC_:2:pass-c-format --flag=g_dngettext:2:pass-c-format \
  --flag=g_strdup_printf:1:c-format --flag=g_string_printf:2:c-format \
  --flag=g_string_append_printf:2:c-format --flag=g_error_new:3:c-format \
  --flag=g_set_error:4:c-format --flag=g_markup_printf_escaped:1:c-format \
  --flag=g_log:3:c-format --flag=g_print:1:c-format --flag=g_printerr:1:c-format \
  --flag=g_printf:1:c-format --flag=g_fprintf:2:c-format --flag=g_sprintf:2:c-format \
  --flag=g_snprintf:3:c-format \
  -f po/POTFILES.in -o "$pot" 2> "$log"; then
  echo "xgettext failed:"; cat "$log"; exit 1
fi
# A warning means a string xgettext cannot take whole, such as a macro
# (G_GINT64_FORMAT) inside a translatable string: its msgid would be cut
# short and never match at run time.
if [ -s "$log" ]; then
  echo "xgettext cannot extract every string whole (use %lld/%llu with a cast, not G_GINT64_FORMAT):"
  cat "$log"
  status=1
fi

msgmerge --quiet --no-fuzzy-matching -o "$merged" po/ja.po "$pot" || exit 1
# The merged file carries today's format flags: check the translations against them.
msgfmt --check -o /dev/null "$merged" || status=1
stats=$(msgfmt --statistics -o /dev/null "$merged" 2>&1)
echo "po/ja.po against today's sources: $stats"
case "$stats" in
  *untranslated*|*fuzzy*)
    echo "po/ja.po is not complete: run 'meson compile -C BUILD custody-update-po' and translate"
    msgattrib --only-fuzzy --no-wrap "$merged" | sed -n 's/^msgid "\(..*\)"$/  fuzzy: \1/p' | head -20
    msgattrib --untranslated --no-fuzzy --no-wrap "$merged" \
      | sed -n 's/^msgid "\(..*\)"$/  untranslated: \1/p' | head -20
    status=1 ;;
esac

exit $status
