#!/bin/zsh
# check-completion-zsh.zsh CUSTODYCTL COMPLETION-FILE: runs the zsh
# completion function with compadd, _files and _call_program stood in for,
# as the completion system would call it, on a real store.
ctl=$1
completion=$2
dir=$(mktemp -d) || exit 1
trap 'rm -rf "$dir"' EXIT
export CUSTODY_DB="$dir/custody.db"
integer failed=0

$ctl init >/dev/null &&
$ctl location add "Cloud eu-west" --kind offsite-repo >/dev/null &&
$ctl job add payroll >/dev/null &&
$ctl job add pay-slips >/dev/null &&
$ctl copy add payroll nas --media-type disk >/dev/null || exit 1

_call_program() { shift; eval "$@"; }
compadd() { [[ $1 == -a ]] && got=("${(@P)2}"); }
_files() { got=(FILES); }

# expect "EXPECTED" WORD... (the last word is what is typed)
expect() {
  local expected=$1; shift
  local -a words got
  local CURRENT PREFIX
  words=($ctl "$@")
  CURRENT=${#words}
  PREFIX=${words[CURRENT]}
  source $completion
  if [[ "${(j: :)got}" == "$expected" ]]; then
    print "ok: $*"
  else
    print "FAIL: custodyctl $* <TAB>: expected '$expected', got '${(j: :)got}'"
    failed=1
  fi
}

expect "job" j
expect "pay-slips payroll" job show pay
expect "nas" copy rm payroll ""
expect "Cloud eu-west" media move A00001L9 --to C
expect "--verbose" check --verb
expect "FILES" export --output ""
exit $failed
