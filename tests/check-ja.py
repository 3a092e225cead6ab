#!/usr/bin/env python3
"""check-ja.py SRCDIR: po/ja.po keeps to po/ja-glossary.md, and no window has two
mnemonics on one key.

1. Terms: for each row of the glossary's "Checked forms" table, a msgstr whose msgid
   names the English term (or any msgstr, for `*`) must not use a form of the `Not`
   column once the preferred forms are taken out of it.
2. Punctuation: no msgstr uses a form of the "Punctuation forms" table's `Not` column
   once its `Allowed` forms are taken out.
3. Mnemonics: in each ui/*.ui file (one window or dialog), and in each menu of it, no two
   mnemonics share a key, neither in English nor in the Japanese of po/ja.po; a label with
   a mnemonic keeps one in Japanese.

Prints one line per problem and exits 1 if there is any.
"""

import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path


def unquote(text):
    """The value of a PO string literal without its quotes."""
    escapes = {'n': '\n', 't': '\t', '"': '"', '\\': '\\'}
    return re.sub(r'\\(.)', lambda m: escapes.get(m.group(1), '\\' + m.group(1)), text[1:-1])


def read_po(path):
    """The translated entries of a PO file: (context, msgid, [msgstr...], line)."""
    entries = []
    entry = None
    field = None
    for number, line in enumerate(path.read_text(encoding='utf-8').split('\n'), 1):
        line = line.strip()
        if line.startswith('#~'):
            continue
        if entry is not None and entry['strs'] and (
                line.startswith('#') or line.startswith('msgctxt') or line.startswith('msgid ')):
            entries.append(entry)  # an entry without the blank line after it
            entry = None
        if not line or line.startswith('#'):
            if line == '' and entry is not None:
                entries.append(entry)
                entry = None
            if line.startswith('#,') and entry is None:
                entry = {'ctx': None, 'id': '', 'strs': [], 'line': number, 'fuzzy': False}
            if line.startswith('#,') and 'fuzzy' in line:
                entry['fuzzy'] = True
            continue
        if entry is None:
            entry = {'ctx': None, 'id': '', 'strs': [], 'line': number, 'fuzzy': False}
        match = re.match(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+(".*")$', line)
        if match:
            field = match.group(1)
            value = unquote(match.group(2))
            if field == 'msgctxt':
                entry['ctx'] = value
            elif field == 'msgid':
                entry['id'] = value
                entry['line'] = number
            elif field.startswith('msgstr'):
                entry['strs'].append(value)
        elif line.startswith('"'):
            value = unquote(line)
            if field == 'msgctxt':
                entry['ctx'] += value
            elif field == 'msgid':
                entry['id'] += value
            elif field and field.startswith('msgstr'):
                entry['strs'][-1] += value
    if entry is not None:
        entries.append(entry)
    return [e for e in entries if e['id'] and not e['fuzzy'] and any(e['strs'])]


def read_tables(path):
    """The rows of the tables under each heading with "(checked)": the first cell's text,
    then each other cell as the list of the forms written in backticks in it."""
    tables = {}
    heading = None
    for line in path.read_text(encoding='utf-8').split('\n'):
        if line.startswith('#'):
            heading = line.lstrip('#').strip() if '(checked)' in line else None
            continue
        if heading and line.startswith('|') and not line.startswith('|---'):
            cells = [cell.strip() for cell in line.strip().strip('|').split('|')]
            forms = [re.findall(r'`([^`]*)`', cell) for cell in cells[1:]]
            if any(forms):
                tables.setdefault(heading, []).append([cells[0]] + forms)
    return tables


def without(text, patterns):
    for pattern in patterns:
        text = re.sub(pattern, '\u2060', text)
    return text


def check_terms(entries, rows, problems):
    for first, preferred, forbidden in rows:
        english = re.findall(r'`([^`]*)`', first)
        for entry in entries:
            if english != ['*'] and not any(
                    re.search(r'\b' + word, entry['id'].replace('_', ''), re.IGNORECASE)
                    for word in english):
                continue
            for msgstr in entry['strs']:
                rest = without(msgstr, preferred)
                for form in forbidden:
                    found = re.search(form, rest)
                    if found:
                        problems.append(
                            f'po/ja.po:{entry["line"]}: "{found.group(0)}" where the glossary '
                            f'has {" / ".join(preferred)} (msgid "{entry["id"][:60]}")')


def check_punctuation(entries, rows, problems):
    for what, allowed, forbidden in rows:
        for entry in entries:
            for msgstr in entry['strs']:
                rest = without(msgstr, allowed)
                for form in forbidden:
                    found = re.search(form, rest)
                    if found:
                        problems.append(
                            f'po/ja.po:{entry["line"]}: {what}: "{found.group(0)}" in '
                            f'"{msgstr[:60]}"')


def mnemonic_key(text):
    """The key of the first mnemonic of a label, lower case, or None."""
    match = re.search(r'_([^_\s])', text.replace('__', ''))
    return match.group(1).lower() if match else None


def underlined(element, parent_of):
    """Whether a translatable element's text is a label with a mnemonic."""
    if element.tag == 'response':
        return True  # AdwMessageDialog responses always use underlines
    if element.tag == 'attribute':
        return element.get('name') == 'label'  # GMenu items always do
    if element.tag != 'property' or element.get('name') not in ('label', 'title'):
        return False
    owner = parent_of.get(element)
    for sibling in owner if owner is not None else []:
        if (sibling.tag == 'property' and
                sibling.get('name') in ('use-underline', 'use_underline') and
                (sibling.text or '').strip().lower() in ('true', 'yes', '1')):
            return True
    return False


def check_mnemonics(ui_files, translations, problems):
    for path in ui_files:
        root = ET.parse(path).getroot()
        parent_of = {child: parent for parent in root.iter() for child in parent}

        def scope_of(element):
            # A menu and each of its submenus is a scope of its own (a submenu's own label
            # is in the menu above it); the rest of the file is one window or dialog.
            node = parent_of.get(element)
            if node is not None and node.tag == 'submenu':
                node = parent_of.get(node)
            while node is not None:
                if node.tag in ('menu', 'submenu'):
                    return node
                node = parent_of.get(node)
            return root

        scopes = {}
        for element in root.iter():
            if element.get('translatable') not in ('yes', 'true', '1') or not element.text:
                continue
            if not underlined(element, parent_of):
                continue
            scopes.setdefault(scope_of(element), []).append(element)
        for node, elements in scopes.items():
            scope = 'window' if node is root else f'{node.tag} "{node.get("id") or "?"}"'
            for language in ('English', 'Japanese'):
                keys = {}
                for element in elements:
                    text = element.text
                    if language == 'Japanese':
                        text = translations.get((element.get('context'), text))
                        if text is None:
                            continue
                    key = mnemonic_key(text)
                    if key is None:
                        if language == 'Japanese' and mnemonic_key(element.text):
                            problems.append(f'{path.as_posix()}: "{element.text}" has a mnemonic, '
                                            f'its Japanese "{text}" none')
                        continue
                    keys.setdefault(key, []).append(text)
                for key, texts in sorted(keys.items()):
                    if len(texts) > 1:
                        problems.append(
                            f'{path.as_posix()}: {scope}: {language} mnemonic "{key}" on '
                            + ', '.join(f'"{text}"' for text in texts))


def main():
    src = Path(sys.argv[1] if len(sys.argv) > 1 else '.')
    entries = read_po(src / 'po' / 'ja.po')
    tables = read_tables(src / 'po' / 'ja-glossary.md')
    terms = next((rows for name, rows in tables.items() if name.startswith('Checked forms')), [])
    marks = next((rows for name, rows in tables.items() if name.startswith('Punctuation')), [])
    problems = [f'po/ja-glossary.md: a row without three columns: {row[0]}'
                for row in terms + marks if len(row) != 3]
    terms = [row for row in terms if len(row) == 3]
    marks = [row for row in marks if len(row) == 3]
    if not terms or not marks:
        problems.append('po/ja-glossary.md: no "Checked forms" or "Punctuation forms" table')
    check_terms(entries, terms, problems)
    check_punctuation(entries, marks, problems)
    translations = {(e['ctx'], e['id']): e['strs'][0] for e in entries}
    check_mnemonics(sorted(src.glob('ui/*.ui')) + sorted(src.glob('ui/gtk/*.ui')),
                    translations, problems)
    for problem in problems:
        print(problem)
    print(f'{len(problems)} problem(s) in po/ja.po and ui/*.ui against po/ja-glossary.md')
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
