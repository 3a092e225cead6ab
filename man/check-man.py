#!/usr/bin/env python3
# check-man.py PAGE PROGRAM EXE SRCDIR: the man page renders without a
# warning, has its sections, and lists what the program's --help lists:
# for custodyctl every command and each command's options, for custody
# every option; and every environment variable the sources read.

import glob
import os
import re
import subprocess
import sys

page, program, exe, srcdir = sys.argv[1:5]
env = dict(os.environ, LC_ALL='C', LANGUAGE='', DBUS_SESSION_BUS_ADDRESS='disabled:',
           GSETTINGS_BACKEND='memory', ASAN_OPTIONS='detect_leaks=0')
failures = []


def run(argv):
    return subprocess.run(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          check=True).stdout.decode()


# Rendering: any warning fails.
warnings = subprocess.run(['groff', '-man', '-ww', '-z', page], env=env,
                          stderr=subprocess.PIPE, check=False).stderr.decode()
if warnings:
    failures.append('groff warns:\n' + warnings)

# The page as a reader sees it: no hyphenation, lines long enough that
# nothing is broken.
text = subprocess.run(['groff', '-man', '-Tascii', '-P-cbou', '-rHY=0', '-rLL=400n', page],
                      env=env, stdout=subprocess.PIPE, check=True).stdout.decode()
sections = {}
current = None
for line in text.split('\n'):
    if re.match(r'^[A-Z][A-Z ]+$', line):
        current = line
        sections[current] = []
    elif current is not None:
        sections[current].append(line)

required = ['NAME', 'SYNOPSIS', 'DESCRIPTION', 'ENVIRONMENT', 'FILES', 'SEE ALSO']
if program == 'custodyctl':
    required += ['COMMANDS', 'GLOBAL OPTIONS', 'EXIT STATUS', 'EXAMPLES']
else:
    required += ['OPTIONS']
for name in required:
    if name not in sections:
        failures.append('no %s section' % name)


def options_of(help_text):
    """The long options a GOptionContext --help shows, but --help's own."""
    return [o for o in re.findall(r'^\s+(?:-\w, )?(--[\w-]+)', help_text, re.M)
            if not o.startswith('--help')]


def items_of(section_text):
    """The options a section describes, each an item of its own (not
    those its usage line mentions)."""
    return re.findall(r'^ {7}(?:-\w, )?(--[\w-]+)', section_text, re.M)


if program == 'custodyctl':
    help_text = run([exe, '--help'])
    listing = help_text.split('Commands:\n', 1)[1].split('\n\n', 1)[0]
    # Subsections of COMMANDS: "   job add", then the text under it.
    commands_text = sections.get('COMMANDS', [])
    subsections = {}
    current = None
    for line in commands_text:
        m = re.match(r'^   (\S.*)$', line)
        if m:
            current = m.group(1).strip()
            subsections[current] = ''
        elif current is not None:
            subsections[current] += line + '\n'
    global_text = '\n'.join(sections.get('GLOBAL OPTIONS', []))
    n = 0
    for entry in listing.split('\n'):
        words = entry.split()
        # One word or two, before the summary, which starts with a capital.
        name = ' '.join(words[:2]) if len(words) > 1 and words[1][:1].islower() else words[0]
        n += 1
        if name not in subsections:
            failures.append('command "%s" is not in COMMANDS' % name)
            continue
        for option in options_of(run([exe] + name.split() + ['--help'])):
            where = global_text if option in ('--json', '--db', '--at') else subsections[name]
            if option not in items_of(where):
                failures.append('"%s": %s is not in the page' % (name, option))
    if n < 40:
        failures.append('only %d commands in custodyctl --help' % n)
else:
    options_text = items_of('\n'.join(sections.get('OPTIONS', [])))
    for option in options_of(run([exe, '--help-all'])):
        if option not in options_text:
            failures.append('%s is not in OPTIONS' % option)

environment = '\n'.join(sections.get('ENVIRONMENT', []))
for source in glob.glob(os.path.join(srcdir, '**', '*.c'), recursive=True):
    with open(source, encoding='utf-8') as f:
        for variable in re.findall(r'g_getenv \("(CUSTODY_\w+)"\)', f.read()):
            if variable not in environment:
                failures.append('%s (read in %s) is not in ENVIRONMENT' % (variable, source))

for failure in failures:
    print('FAIL: ' + failure)
print('%s: %s' % (page, 'ok' if not failures else '%d problems' % len(failures)))
sys.exit(1 if failures else 0)
