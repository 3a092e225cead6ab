#!/bin/sh
# check-metainfo-screenshots.sh SRCDIR: every screenshot the metainfo shows
# is a file in data/screenshots, so that its address serves a picture.
set -u
cd "$1" || exit 1
status=0
urls=$(sed -n 's|.*<image>\(.*\)</image>.*|\1|p' data/*.metainfo.xml.in.in)
[ -n "$urls" ] || { echo "the metainfo shows no screenshot"; exit 1; }
for url in $urls; do
  case "$url" in
    https://raw.githubusercontent.com/custody/custody/main/data/screenshots/*.png)
      file=data/screenshots/${url##*/}
      [ -f "$file" ] || { echo "$url: no $file"; status=1; } ;;
    *) echo "$url: not a picture in data/screenshots"; status=1 ;;
  esac
done
exit $status
