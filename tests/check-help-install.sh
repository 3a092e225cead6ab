#!/bin/sh
# check-help-install.sh SRCDIR BUILDDIR HELP-RESOLVE: F1 in Japanese opens
# the Japanese help. `meson install --destdir` puts the help pages in a
# temporary tree; then, for the URI custody_show_help builds for every view
# (help:DOCUMENT/SECTION of src/ui), help-resolve finds the page as Yelp does,
# with that tree's share folder as XDG_DATA_DIRS: under LANGUAGE=ja and under
# LANG=ja_JP.UTF-8 it must be the page of help/ja, under LANGUAGE=fr the
# English one of help/C.
set -u
src=$1
build=$2
resolve=$3
status=0
fail() { echo "FAIL: $*"; status=1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if ! meson install -C "$build" --no-rebuild --tags doc --destdir "$tmp/root" > "$tmp/log" 2>&1; then
  cat "$tmp/log"
  echo "meson install failed"
  exit 1
fi
index=$(find "$tmp/root" -path '*/share/help/C/*/index.page' | head -n 1)
[ -n "$index" ] || { echo "meson install put no help/C/*/index.page in its tree"; exit 1; }
share=${index%/help/C/*}

document=$(sed -n 's|.*"help:\([A-Za-z0-9._-]*\)/%s".*|\1|p' "$src/src/ui/custody-ui-utils.c")
[ -n "$document" ] || { echo "no help:DOCUMENT/%s URI in src/ui/custody-ui-utils.c"; exit 1; }
# The views' sections, and index: the main menu's Help.
sections=$({ echo index; sed -n 's/.*help_section = "\([^"]*\)".*/\1/p' "$src"/src/ui/*.c; } \
  | sort -u)
[ "$sections" != index ] || { echo "no help_section found in src/ui"; exit 1; }

# resolve EXPECTED-LANG VAR=VALUE...: every section under that environment
resolve() {
  want=$1
  shift
  before=$status
  status=0
  for section in $sections; do
    uri=help:$document/$section
    [ "$section" = index ] && uri=help:$document
    page=$(env -u LC_ALL -u LC_MESSAGES -u LANGUAGE -u LANG XDG_DATA_HOME="$tmp/nohome" \
      XDG_DATA_DIRS="$share" "$@" "$resolve" "$uri") || { fail "$* $uri: not found"; continue; }
    case "$page" in
      "$share/help/$want/$document/$section.page") ;;
      *) fail "$* $uri opens $page, not the page of help/$want"; continue ;;
    esac
    if [ "$want" != C ] && ! grep -q "xml:lang=\"$want\"" "$page"; then
      fail "$page is not the $want translation"
      continue
    fi
  done
  [ $status -eq 0 ] && echo "ok: $*: help:$document/… opens help/$want"
  [ $before -eq 0 ] || status=$before
}

resolve ja LANGUAGE=ja
resolve ja LANG=ja_JP.UTF-8
resolve C LANGUAGE=fr LANG=fr_FR.UTF-8
exit $status
