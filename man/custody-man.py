#!/usr/bin/env python3
# custody-man.py: writes the custody(1) or custodyctl(1) man page from what
# the built program's --help says, so that the page cannot drift from it.
#
#   custody-man.py custodyctl EXE VERSION README OUTPUT
#   custody-man.py custody EXE VERSION OUTPUT
#
# custodyctl: the top-level --help gives the commands; `custodyctl CMD
# --help` gives each command's usage, summary and options. custody: its
# --help-all. Both run under LC_ALL=C, away from the user's store and any
# session bus.

import os
import re
import subprocess
import sys
import tempfile

GLOBAL_OPTIONS = ('--json', '--db', '--at')

ENVIRONMENT = [
    ('CUSTODY_DB', 'The store, when no --db is given.'),
    ('XDG_DATA_HOME', 'Where the default store is: '
     '$XDG_DATA_HOME/custody/custody.db (~/.local/share/custody/custody.db when unset).'),
    ('CUSTODY_BUSY_TIMEOUT_MS', 'How long to wait for a store another program is writing, '
     'in milliseconds (default 5000), before giving up with exit status 3.'),
    ('CUSTODY_LOCALEDIR', 'Where to find the message catalogs instead of the installed ones '
     '(an uninstalled build: _build/po).'),
]

FILES = [
    ('$XDG_DATA_HOME/custody/custody.db',
     'The default store, shared by custody and custodyctl.'),
]


def esc(text):
    """Text for a troff line: backslashes, hyphens, and a leading . or '."""
    text = text.replace('\\', '\\e').replace('-', '\\-')
    if text.startswith(('.', "'")):
        text = '\\&' + text
    return text


def run(argv, env):
    result = subprocess.run(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            check=False)
    if result.returncode != 0:
        sys.exit('%s exited with %d: %s' % (' '.join(argv), result.returncode,
                                            result.stderr.decode(errors='replace')))
    return result.stdout.decode()


def private_env(home):
    """The C locale, a home of its own, no session bus, no store."""
    env = {
        'PATH': os.environ.get('PATH', '/usr/bin:/bin'),
        'LC_ALL': 'C',
        'LANGUAGE': '',
        'HOME': home,
        'XDG_RUNTIME_DIR': home,
        'XDG_DATA_HOME': os.path.join(home, 'data'),
        'XDG_CONFIG_HOME': os.path.join(home, 'config'),
        'DBUS_SESSION_BUS_ADDRESS': 'disabled:',
        'GSETTINGS_BACKEND': 'memory',
        'CUSTODY_DB': os.path.join(home, 'none.db'),
        # A sanitized build: --help exits from inside GLib.
        'ASAN_OPTIONS': os.environ.get('ASAN_OPTIONS', 'detect_leaks=0'),
    }
    for name in ('LD_LIBRARY_PATH', 'UBSAN_OPTIONS'):
        if name in os.environ:
            env[name] = os.environ[name]
    return env


def parse_options(text, section='Application Options:'):
    """[(option, argument or None, description)] of a GOptionContext help."""
    options = []
    lines = text.split('\n')
    try:
        start = lines.index(section) + 1
    except ValueError:
        return options
    for line in lines[start:]:
        if not line.strip():
            break
        m = re.match(r'^\s+(?:(-\w), )?(--[\w-]+)(?:=(\S+))?\s{2,}(.*)$', line)
        if m:
            name = m.group(2) if m.group(1) is None else m.group(1) + ', ' + m.group(2)
            options.append((name, m.group(3), m.group(4).strip()))
        elif options and line.startswith(' ' * 8):
            # A description that goes on over the next line.
            name, arg, desc = options[-1]
            options[-1] = (name, arg, desc + ' ' + line.strip())
    return options


def parse_command_help(text):
    """(usage parameters, summary, options) of `custodyctl CMD --help`."""
    lines = text.split('\n')
    usage = lines[lines.index('Usage:') + 1].strip()
    # "custodyctl [OPTION?] job add NAME [--source TEXT]"
    usage = re.sub(r'^custodyctl \[OPTION.?\] ', '', usage)
    summary = ''
    for i, line in enumerate(lines):
        if line == 'Usage:':
            for l in lines[i + 2:]:
                if l.strip() and not l.endswith('Options:'):
                    summary = l.strip()
                    break
                if l.endswith('Options:'):
                    break
            break
    return usage, summary, parse_options(text)


def parse_commands(text):
    """[(command, summary)] of `custodyctl --help`, and its first lines."""
    lines = text.split('\n')
    start = lines.index('Commands:') + 1
    entries = []
    column = None
    for line in lines[start:]:
        if not line.startswith('  '):
            break
        entries.append(line)
        m = re.match(r'^  \S+(?: \S+)?\s{2,}', line)
        if m and (column is None or m.end() > column):
            column = m.end()
    commands = []
    for line in entries:
        commands.append((line[2:column].strip(), line[column:].strip()))
    return lines[0], lines[2], commands


def option_item(name, arg, desc):
    # "-o, --output": each name in bold.
    head = ', '.join('\\fB%s\\fR' % esc(n) for n in name.split(', '))
    if arg:
        head += '=\\fI%s\\fR' % esc(arg)
    return '.TP\n%s\n%s\n' % (head, esc(desc))


def header(name, version):
    return ('.\\" Generated by man/custody-man.py from %s --help: do not edit.\n'
            '.TH %s 1 "" "custody %s" "User Commands"\n' % (name, name.upper(), version))


def readme_examples(readme):
    """The README's shell blocks that run an installed custodyctl."""
    with open(readme, encoding='utf-8') as f:
        text = f.read()
    examples = []
    for block in re.findall(r'```sh\n(.*?)```', text, re.S):
        commands = re.sub(r'\\\n\s*', ' ', block).strip().split('\n')
        if all('custodyctl ' in c and '_build' not in c and 'flatpak' not in c
               for c in commands):
            examples.append(block.rstrip('\n'))
    return examples


def custodyctl_page(exe, version, readme, home):
    env = private_env(home)
    usage, tagline, commands = parse_commands(run([exe, '--help'], env))
    out = [header('custodyctl', version)]

    # "Keeps backups honest..." as a NAME line: "custodyctl - keeps ..."
    out.append('.SH NAME\ncustodyctl \\- %s\n' % esc(tagline[:1].lower() + tagline[1:].rstrip('.')))
    out.append('.SH SYNOPSIS\n.B custodyctl\n%s\n' %
               esc(usage.replace('Usage: custodyctl ', '')))
    out.append('.SH DESCRIPTION\n'
               '.B custodyctl\n'
               '%s. It is the command line of the Custody application, for scripts, cron '
               'jobs and post\\-backup hooks: every command prints aligned text, or one JSON '
               'document with \\fB\\-\\-json\\fR.\n'
               '.PP\n'
               'The store is the file given with \\fB\\-\\-db\\fR, else \\fB$CUSTODY_DB\\fR, '
               'else the store of the application (see \\fBFILES\\fR). Every command but '
               '\\fBinit\\fR and \\fBdemo\\fR needs an existing store.\n'
               '.PP\n'
               'With \\fB\\-\\-json\\fR, lists are arrays and every other document is an object '
               'with a "version" member (except \\fBpolicy show\\fR, a map of the policy, and '
               '\\fBexport\\fR, whose "version" is its format\'s); an error is then one line of '
               'JSON on standard error: {"error": {"message": ..., "exit_code": N}, '
               '"version": ...}.\n' % esc(tagline[:1].lower() + tagline[1:].rstrip('.')))

    out.append('.SH COMMANDS\n')
    global_options = {}
    for name, summary in commands:
        parameters, command_summary, options = parse_command_help(
            run([exe] + name.split(' ') + ['--help'], env))
        args = parameters[len(name):].strip() if parameters.startswith(name) else parameters
        out.append('.SS "%s"\n' % esc(name))
        out.append('.B custodyctl %s\n' % esc(name))
        if args:
            out.append('%s\n' % esc(args))
        out.append('.PP\n%s\n' % esc(command_summary or summary))
        own = [o for o in options if o[0] not in GLOBAL_OPTIONS]
        for option in options:
            if option[0] in GLOBAL_OPTIONS:
                global_options.setdefault(option[0], option)
        if own:
            out.append('.PP\nOptions:\n')
            for option in own:
                out.append(option_item(*option))

    out.append('.SH GLOBAL OPTIONS\n'
               'Before the command, or after it among its own options:\n')
    for name in GLOBAL_OPTIONS:
        if name in global_options:
            out.append(option_item(*global_options[name]))
    out.append(option_item('--help', None,
                           'Show the commands; after a command, or as "custodyctl help '
                           'COMMAND", what the command takes.'))
    out.append(option_item('--version', None, 'Print the version and exit.'))

    out.append('.SH EXIT STATUS\n')
    for code, meaning in (('0', 'Success.'),
                          ('1', '\\fBcheck\\fR found a job in violation of the 3\\-2\\-1\\-1\\-0 '
                                'rule.'),
                          ('2', 'A usage or input error: an unknown command or option, a bad '
                                'value, a name that does not exist. Nothing was written.'),
                          ('3', 'A store error: the store is missing, locked past the busy '
                                'timeout, corrupt, or made by a newer version.')):
        out.append('.TP\n.B %s\n%s\n' % (code, meaning))

    out.append(environment_section())
    out.append(files_section())

    examples = readme_examples(readme)
    if examples:
        out.append('.SH EXAMPLES\n')
        for block in examples:
            out.append('.PP\n.nf\n.RS 4\n')
            for line in block.split('\n'):
                out.append(esc(line) + '\n')
            out.append('.RE\n.fi\n')

    out.append('.SH SEE ALSO\n'
               '.BR custody (1),\n'
               '.BR sqlite3 (1),\n'
               '.BR restic (1),\n'
               '.BR borg (1).\n'
               'The Custody help, "The custodyctl command": '
               '\\fByelp help:custody/custodyctl\\fR.\n')
    return ''.join(out)


def environment_section():
    out = ['.SH ENVIRONMENT\n']
    for name, meaning in ENVIRONMENT:
        out.append('.TP\n.B %s\n%s\n' % (name, esc(meaning)))
    return ''.join(out)


def files_section():
    out = ['.SH FILES\n']
    for name, meaning in FILES:
        out.append('.TP\n.I %s\n%s\n' % (esc(name), esc(meaning)))
    return ''.join(out)


def custody_page(exe, version, home):
    env = private_env(home)
    text = run([exe, '--help-all'], env)
    options = parse_options(text)
    gapplication = parse_options(text, 'GApplication options')
    out = [header('custody', version)]
    out.append('.SH NAME\ncustody \\- keep backups honest against the 3\\-2\\-1\\-1\\-0 rule\n')
    out.append('.SH SYNOPSIS\n.B custody\n[\\fIOPTION\\fR...]\n')
    out.append('.SH DESCRIPTION\n'
               '.B custody\n'
               'is a desktop application that keeps an inventory of backup jobs, their copies '
               'and the media they are on, and checks every job against the 3\\-2\\-1\\-1\\-0 '
               'rule: three copies, on two media, one off site, one offline or immutable, and '
               'zero errors in the last verification. It keeps the chain of custody of tapes '
               'and disks, and writes compliance and audit reports.\n'
               '.PP\n'
               'One window shows one store. Launching it again on the same store brings that '
               'window forward; with another \\fB\\-\\-db\\fR, it opens a window for that '
               'store. Scripts use \\fBcustodyctl\\fR(1) on the same store.\n')
    out.append('.SH OPTIONS\n')
    for option in options:
        out.append(option_item(*option))
    for option in gapplication:
        out.append(option_item(*option))
    out.append(option_item('--help', None, 'Show the options.'))
    out.append(environment_section())
    out.append(files_section())
    out.append('.SH SEE ALSO\n'
               '.BR custodyctl (1),\n'
               '.BR gapplication (1).\n'
               'The Custody help: \\fByelp help:custody\\fR.\n')
    return ''.join(out)


def main():
    with tempfile.TemporaryDirectory(prefix='custody-man-') as home:
        if len(sys.argv) == 6 and sys.argv[1] == 'custodyctl':
            page = custodyctl_page(sys.argv[2], sys.argv[3], sys.argv[4], home)
        elif len(sys.argv) == 5 and sys.argv[1] == 'custody':
            page = custody_page(sys.argv[2], sys.argv[3], home)
        else:
            sys.exit('usage: custody-man.py custodyctl EXE VERSION README OUTPUT\n'
                     '       custody-man.py custody EXE VERSION OUTPUT')
    with open(sys.argv[-1], 'w', encoding='utf-8') as f:
        f.write(page)


if __name__ == '__main__':
    main()
