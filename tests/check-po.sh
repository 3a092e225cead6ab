#!/bin/sh
# check-po.sh SRCDIR: every file with translatable strings is in
# po/POTFILES.in (sorted, all existing), and po/ja.po is valid and complete
# for the strings of today's sources.
set -u
src=$1
cd "$src" || exit 1
status=0

expected=$(mktemp); listed=$(mktemp); pot=$(mktemp); merged=$(mktemp)
trap 'rm -f "$expected" "$listed" "$pot" "$merged"' EXIT

{
  ls data/*.in.in data/*.gschema.xml
  grep -rlE '\b_\(|N_\(|g_dngettext|C_\(' src --include='*.c'
  grep -l 'translatable="yes"' ui/*.ui ui/gtk/*.ui
} | sort -u > "$expected"
grep -v '^#' po/POTFILES.in | sed '/^$/d' > "$listed"

if ! sort -c po/POTFILES.in 2>/dev/null; then
  echo "po/POTFILES.in is not sorted"; status=1
fi
missing=$(comm -23 "$expected" "$listed")
[ -n "$missing" ] && { echo "not in po/POTFILES.in:"; echo "$missing"; status=1; }
stale=$(comm -13 "$expected" "$listed")
[ -n "$stale" ] && { echo "in po/POTFILES.in but without strings or gone:"; echo "$stale"; status=1; }

if ! command -v msgfmt >/dev/null || ! command -v xgettext >/dev/null; then
  echo "gettext tools not found, skipping the translation checks"
  [ $status -eq 0 ] && exit 77
  exit $status
fi

msgfmt --check -o /dev/null po/ja.po || status=1

# The same extraction as meson's glib preset.
xgettext --from-code=UTF-8 --add-comments --keyword=_ --keyword=N_ --keyword=C_:1c,2 \
  --keyword=NC_:1c,2 --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 \
  --keyword=g_dpgettext2:2c,3 --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format \
  --flag=NC_:2:pass-c-format --flag=g_dngettext:2:pass-c-format \
  --flag=g_strdup_printf:1:c-format --flag=g_string_printf:2:c-format \
  --flag=g_string_append_printf:2:c-format --flag=g_error_new:3:c-format \
  --flag=g_set_error:4:c-format --flag=g_markup_printf_escaped:1:c-format \
  --flag=g_log:3:c-format --flag=g_print:1:c-format --flag=g_printerr:1:c-format \
  --flag=g_printf:1:c-format --flag=g_fprintf:2:c-format --flag=g_sprintf:2:c-format \
  --flag=g_snprintf:3:c-format \
  -f po/POTFILES.in -o "$pot" 2>/dev/null || { echo "xgettext failed"; exit 1; }
msgmerge --quiet --no-fuzzy-matching -o "$merged" po/ja.po "$pot" || exit 1
stats=$(msgfmt --statistics -o /dev/null "$merged" 2>&1)
echo "po/ja.po against today's sources: $stats"
case "$stats" in
  *untranslated*|*fuzzy*)
    echo "po/ja.po is not complete: run 'meson compile -C BUILD custody-update-po' and translate"
    msgattrib --untranslated "$merged" | grep '^msgid' | head -20
    status=1 ;;
esac

exit $status
