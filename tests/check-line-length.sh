#!/bin/sh
# check-line-length.sh SRCDIR: no line of a C source or header in src/,
# tests/, bench/ or fuzz/ is over 100 columns (docs/style.md, .editorconfig).
# Columns are characters, not bytes: "…" or "·" counts as one.
set -u
cd "$1" || exit 1
max=100

# grep counts characters only in a UTF-8 locale; C.UTF-8 is in every glibc
# since 2.35 (Debian 12). Without one, bytes would be counted: skip rather
# than blame lines with an ellipsis.
utf8=
for locale in C.UTF-8 C.utf8 en_US.UTF-8; do
  if [ "$(printf '\342\200\246\n' | LC_ALL=$locale grep -c '^.$' 2>/dev/null)" = 1 ]; then
    utf8=$locale
    break
  fi
done
if [ -z "$utf8" ]; then
  echo "no UTF-8 locale to count characters with: nothing checked"
  exit 77
fi
LC_ALL=$utf8
export LC_ALL

list=$(mktemp)
trap 'rm -f "$list"' EXIT
find src tests bench fuzz -type f \( -name '*.c' -o -name '*.h' \) -print0 2>/dev/null |
  sort -z | xargs -0 -r grep -Hn ".\{$((max + 1)),\}" | cut -d: -f1,2 > "$list"

if [ -s "$list" ]; then
  sed "s/\$/: over $max columns/" "$list"
  echo "$(wc -l < "$list") lines over $max columns: wrap them (docs/style.md)"
  exit 1
fi
echo "ok: no line over $max columns"
