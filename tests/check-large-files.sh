#!/bin/sh
# check-large-files.sh SRCDIR: no file tracked by git is over 1 MiB unless
# it is named in tests/large-files-allowed. Every clone and every dist
# tarball carries such a file forever; generated or scratch data belongs in
# the build tree or a temporary directory.
set -u
cd "$1" || exit 1

if ! git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  echo "not a git checkout (a dist tarball?): nothing to check"
  exit 77
fi

git ls-files -z | xargs -0 -r stat -c '%s %n' 2>/dev/null | awk '
  BEGIN {
    while ((getline line < "tests/large-files-allowed") > 0)
      if (line !~ /^#/ && line != "") allowed[line] = 1
  }
  {
    size = $1; path = substr($0, length($1) + 2)
    if (size > 1048576 && !(path in allowed)) {
      printf "%s: %d bytes, over 1 MiB (name it in tests/large-files-allowed if it must be in git)\n", path, size
      bad = 1
    }
  }
  END { exit bad }'
