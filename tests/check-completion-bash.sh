#!/bin/bash
# check-completion-bash.sh CUSTODYCTL COMPLETION-FILE: sources the bash
# completion and drives _custodyctl as bash does (COMP_WORDS, COMP_CWORD)
# on a real store, checking what it offers in COMPREPLY.
set -u
ctl=$1
completion=$2
dir=$(mktemp -d) || exit 1
trap 'rm -rf "$dir"' EXIT
export CUSTODY_DB="$dir/custody.db"
status=0

"$ctl" init >/dev/null &&
"$ctl" location add "Cloud eu-west" --kind offsite-repo >/dev/null &&
"$ctl" location add Vault --kind offsite-vault >/dev/null &&
"$ctl" job add payroll >/dev/null &&
"$ctl" job add pay-slips >/dev/null &&
"$ctl" job add mail >/dev/null &&
"$ctl" copy add payroll nas --media-type disk >/dev/null &&
"$ctl" copy add payroll tape-weekly --media-type tape >/dev/null &&
"$ctl" copy add mail cloud --media-type object-storage >/dev/null || exit 1

# shellcheck source=/dev/null
. "$completion" || exit 1

# expect "EXPECTED REPLIES, one a line" WORD... (the last word is completed)
expect() {
    local expected=$1; shift
    COMP_WORDS=("$ctl" "$@")
    COMP_CWORD=$#
    COMPREPLY=()
    _custodyctl
    local got
    got=$(printf '%s\n' "${COMPREPLY[@]}")
    if [ "$got" = "$expected" ]; then
        echo "ok: $*"
    else
        echo "FAIL: custodyctl $* <TAB>"
        echo "  expected: $(echo "$expected" | tr '\n' ' ')"
        echo "  got:      $(echo "$got" | tr '\n' ' ')"
        status=1
    fi
}

expect "job" j
expect "add
edit
list
show
rm" job ""
expect "pay-slips
payroll" job show pay
expect "nas
tape-weekly" copy rm payroll ""
expect "cloud" record mail c
expect "Cloud\\ eu-west" media move A00001L9 --to Cl
expect "Cloud\\ eu-west" media move A00001L9 --to "Cloud\\ e"
expect "--verbose" check --verb
expect "--job" import restic --jo
expect "nas
tape-weekly" import restic --job payroll --copy ""
expect "mail" check payroll m
expect "" job show nobody
exit $status
