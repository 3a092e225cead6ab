#!/bin/sh
# check-help-ja.sh SRCDIR BUILDDIR: the translated help of every language in
# help/LINGUAS (help/LANG/LANG.po), as the build made it in BUILDDIR/help/LANG.
# - every page of help/C is built in that language and passes
#   `yelp-check validate`;
# - LANG.po is complete for today's pages: merged with a help.pot made from
#   help/C, it has no untranslated and no fuzzy message (a sentence added to
#   help/C shows here until it is translated);
# - every <gui> of the translated pages is what the app shows in that language:
#   an msgstr of po/LANG.po without its mnemonic ("保存(_S)" is 保存, "_Save"
#   is Save), a label composed at run time from such strings ("%u 本すべてを表示"
#   written "… 本すべてを表示"; "%s: %s" parts), or no word at all (+, 2/3).
set -u
src=$1
build=$2
LC_ALL=C.UTF-8
LANGUAGE=
export LC_ALL LANGUAGE
status=0

for tool in itstool msgmerge msgfmt msgattrib yelp-check python3; do
  command -v $tool >/dev/null || { echo "$tool not found, skipping"; exit 77; }
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$src/help/C" && itstool -o "$tmp/help.pot" ./*.page legal.xml) || exit 1

langs=$(grep -v '^#' "$src/help/LINGUAS" | tr -s ' \t' '\n' | sed '/^$/d')
[ -n "$langs" ] || { echo "help/LINGUAS names no language: F1 shows only English"; exit 1; }

for lang in $langs; do
  po=$src/help/$lang/$lang.po
  out=$build/help/$lang
  [ -f "$po" ] || { echo "help/$lang/$lang.po is missing"; status=1; continue; }

  for page in "$src"/help/C/*.page; do
    name=${page##*/}
    [ -f "$out/$name" ] || { echo "$lang: $name was not built in $out"; status=1; }
  done
  if (cd "$out" && yelp-check validate ./*.page); then
    echo "ok: $lang: the built pages are valid Mallard"
  else
    echo "$lang: yelp-check validate fails on the built pages"; status=1
  fi

  msgmerge --quiet --no-fuzzy-matching -o "$tmp/$lang.po" "$po" "$tmp/help.pot" || exit 1
  stats=$(msgfmt --check --statistics -o /dev/null "$tmp/$lang.po" 2>&1)
  echo "help/$lang/$lang.po against today's help/C: $stats"
  case "$stats" in
    *untranslated*|*fuzzy*)
      echo "help/$lang/$lang.po is not complete: run 'ninja -C BUILD help-custody-update-po'"
      echo "and translate:"
      msgattrib --only-fuzzy --no-wrap "$tmp/$lang.po" | sed -n 's/^msgid "\(..*\)"$/  fuzzy: \1/p'
      msgattrib --untranslated --no-fuzzy --no-wrap "$tmp/$lang.po" \
        | sed -n 's/^msgid "\(..*\)"$/  untranslated: \1/p'
      status=1 ;;
    *error*) status=1 ;;
  esac

  if [ -f "$src/po/$lang.po" ]; then
    msgattrib --translated --no-fuzzy --no-obsolete --no-wrap -o "$tmp/app-$lang.po" \
      "$src/po/$lang.po" || exit 1
    python3 - "$lang" "$tmp/app-$lang.po" "$out"/*.page <<'EOF' || status=1
import re, sys
import xml.etree.ElementTree as ET

MAL = '{http://projectmallard.org/1.0/}'
FORMAT = re.compile(r"%(?:\d+\$)?[-+ #0']*\d*(?:\.\d+)?(?:hh|h|ll|l|z)?[diouxXsc]")

def unquote(s):
    return re.sub(r'\\(.)', lambda m: {'n': '\n', 't': '\t'}.get(m.group(1), m.group(1)), s)

def msgstrs(path):
    """Every msgstr of a --no-wrap po file, without mnemonics."""
    found = set()
    for m in re.finditer(r'^msgstr(?:\[\d+\])? "(.*)"$', open(path, encoding='utf-8').read(), re.M):
        s = unquote(m.group(1))
        s = re.sub(r'\(_[^)]\)', '', s)          # 保存(_S)…  ->  保存…
        found.add(s.replace('_', '').strip())
    found.discard('')
    return found

def wordless(label):
    return not any(c.isalpha() for c in label)

lang = sys.argv[1]
strings = msgstrs(sys.argv[2])
patterns = []
for s in strings:
    if FORMAT.search(s) and any(c.isalpha() for c in FORMAT.sub('', s)):
        parts = [re.escape(p) for p in FORMAT.split(s)]
        patterns.append(re.compile('^' + '.+'.join(parts) + '$'))

def known(label):
    if wordless(label) or label in strings:
        return True
    if any(p.match(label) for p in patterns):
        return True
    # "rule and count": the narrow compliance rows join two strings with ": ".
    parts = label.split(': ')
    return len(parts) > 1 and all(known(p) for p in parts)

unknown = 0
for page in sys.argv[3:]:
    for gui in ET.parse(page).getroot().iter(MAL + 'gui'):
        label = ' '.join(''.join(gui.itertext()).split())
        if not known(label):
            print('%s/%s: <gui>%s</gui> is no msgstr of po/%s.po'
                  % (lang, page.rsplit('/', 1)[-1], label, lang))
            unknown += 1
if unknown:
    print('%d <gui> labels are not what the app shows in %s: write the label as po/%s.po '
          'translates it' % (unknown, lang, lang))
    sys.exit(1)
print('ok: %s: every <gui> label is a string the app shows' % lang)
EOF
  fi
done
exit $status
