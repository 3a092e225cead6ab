#!/bin/sh
# F1 opens the help page a view names (its class's help_section): each such
# page must exist in help/C and be installed by help/meson.build.
set -eu
top=$1
status=0
sections=$(sed -n 's/.*help_section = "\([^"]*\)".*/\1/p' "$top"/src/ui/*.c | sort -u)
[ -n "$sections" ] || { echo "no help_section found in src/ui"; exit 1; }
for section in $sections; do
  if [ ! -f "$top/help/C/$section.page" ]; then
    echo "help/C/$section.page is missing: F1 in that view would open nothing"
    status=1
  elif ! grep -q "'$section.page'" "$top/help/meson.build"; then
    echo "help/C/$section.page is not installed: add it to help/meson.build"
    status=1
  else
    echo "ok: $section"
  fi
done
exit $status
