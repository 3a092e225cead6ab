#!/bin/sh
# check-dbus-activation.sh CUSTODY CUSTODYCTL DESKTOP-FILE: run under a display
# (xvfb-run); it starts its own private session bus. Custody is started by
# D-Bus activation through its service file, its actions answer
# `gapplication`, and it is one instance: a second launch on another store
# opens a window in the running one, a second launch on the same store
# starts nothing new.
set -u
app=io.github.custody.Custody
fail() { echo "FAIL: $*"; exit 1; }

if [ "${1:-}" != --on-bus ]; then
  custody=$(realpath "$1") || exit 1
  custodyctl=$(realpath "$2") || exit 1
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  mkdir -p "$tmp/share/dbus-1/services" "$tmp/share/applications" "$tmp/data"
  grep -qx 'DBusActivatable=true' "$3" || fail "$3 does not say DBusActivatable=true"
  cp "$3" "$tmp/share/applications/$app.desktop"
  # A desktop file counts only when its Exec is found in PATH.
  PATH="$(dirname "$custody"):$PATH"
  # What the activated app runs with is the bus's environment.
  XDG_DATA_HOME="$tmp/data"
  export PATH XDG_DATA_HOME
  unset CUSTODY_DB
  printf '[D-BUS Service]\nName=%s\nExec=%s --gapplication-service\n' "$app" "$custody" \
    > "$tmp/share/dbus-1/services/$app.service"
  # The bus finds the service file through its own environment.
  XDG_DATA_DIRS="$tmp/share:${XDG_DATA_DIRS:-/usr/local/share:/usr/share}" \
    dbus-run-session -- sh "$0" --on-bus "$custody" "$custodyctl" "$tmp"
  exit $?
fi
custody=$2
custodyctl=$3
tmp=$4
trap 'gapplication action $app quit >/dev/null 2>&1' EXIT

"$custodyctl" --db "$tmp/data/custody/custody.db" init >/dev/null || fail "custodyctl init"
"$custodyctl" --db "$tmp/other.db" init >/dev/null || fail "custodyctl init other"

owner() {
  gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
    --method org.freedesktop.DBus.NameHasOwner "$app" 2>/dev/null
}
pid_of_app() {
  gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
    --method org.freedesktop.DBus.GetConnectionUnixProcessID "$app" 2>/dev/null \
    | sed 's/^(uint32 \([0-9]*\),)$/\1/'
}
wait_for() {  # wait_for SECONDS COMMAND...
  n=$(($1 * 10)); shift
  while [ $n -gt 0 ]; do "$@" && return 0; sleep 0.1; n=$((n - 1)); done
  return 1
}
has_open() { ls -l "/proc/$1/fd" 2>/dev/null | grep -q "$2"; }

"$custody" --version | grep -qx 'custody [0-9][0-9.]*' || fail "custody --version"

case "$(owner)" in *true*) fail "$app is on the bus before anything started it" ;; esac
gapplication action $app about || fail "gapplication action $app about"
wait_for 20 sh -c "gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus --method org.freedesktop.DBus.NameHasOwner $app | grep -q true" \
  || fail "D-Bus activation did not start $app"
echo "ok: started by D-Bus activation"

actions=$(gdbus call --session --dest $app --object-path /io/github/custody/Custody \
  --method org.gtk.Actions.List) || fail "org.gtk.Actions.List"
for a in about preferences quit show-view; do
  case "$actions" in *"'$a'"*) ;; *) fail "action '$a' is not exported (have: $actions)" ;; esac
done
echo "ok: actions exported: $actions"

pid=$(pid_of_app)
[ -n "$pid" ] || fail "no process owns $app"
wait_for 20 has_open "$pid" "$tmp/data/custody/custody.db" || fail "the first window did not open the default store"

# A second launch on another store: a window in the running instance.
timeout 20 "$custody" --db "$tmp/other.db" || fail "second launch failed or did not return"
wait_for 20 has_open "$pid" "$tmp/other.db" || fail "the running instance did not open the other store"
echo "ok: a second store opens in the running instance"

# Again on the same store: no new process, no second window on it.
before=$(ls -l "/proc/$pid/fd" | grep -c "$tmp/other.db\$")
timeout 20 "$custody" --db "$tmp/other.db" --view media || fail "third launch"
sleep 1
[ "$(pid_of_app)" = "$pid" ] || fail "another process took the name"
count=$(pgrep -f -c -- "^$custody( |$)" || true)
[ "$count" -le 1 ] || fail "$count custody processes run"
after=$(ls -l "/proc/$pid/fd" | grep -c "$tmp/other.db\$")
[ "$after" -eq "$before" ] || fail "the other store was opened again ($before, then $after descriptors)"
echo "ok: one instance, one window a store"

gapplication action $app quit || fail "gapplication action $app quit"
wait_for 20 sh -c "! kill -0 $pid 2>/dev/null" || fail "app.quit did not end the instance"
echo "ok: app.quit"
