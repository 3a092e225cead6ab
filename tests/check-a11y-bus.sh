#!/bin/sh
# The app shows on the accessibility bus, as screen readers (Orca) and
# pyatspi find it: on a private session bus with AT-SPI's registry, an
# accessible application must appear within 30 seconds, on an empty store
# and on the demo's, with the default GL renderer. GTK 4.8 names it by the
# program ("custody") and describes it by the application name ("Custody").
# Run under xvfb-run: check-a11y-bus.sh CUSTODY CUSTODYCTL
set -eu
app=$1
ctl=$2

if [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ]; then
  command -v dbus-run-session >/dev/null && [ -x /usr/libexec/at-spi-bus-launcher ] || {
    echo "1..0 # SKIP dbus-run-session or at-spi2-core is missing"
    exit 0
  }
  # The TAP lines go to fd 3: the bus's daemons print on stdout.
  exec 3>&1
  exec dbus-run-session -- sh "$0" "$@" >&2
fi

dir=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$dir"' EXIT
export XDG_RUNTIME_DIR="$dir/run"
mkdir -m 700 "$XDG_RUNTIME_DIR"
unset GTK_A11Y NO_AT_BRIDGE GSK_RENDERER
pid=

# The name and description of each application on the accessibility bus $1.
app_names() {
  gdbus call --address "$1" --dest org.a11y.atspi.Registry \
    --object-path /org/a11y/atspi/accessible/root \
    --method org.a11y.atspi.Accessible.GetChildren 2>/dev/null |
  grep -o "':[0-9.]*'" | tr -d "'" |
  while read -r name; do
    for property in Name Description; do
      gdbus call --address "$1" --dest "$name" --object-path /org/a11y/atspi/accessible/root \
        --method org.freedesktop.DBus.Properties.Get org.a11y.atspi.Accessible "$property" \
        2>/dev/null || true
    done | tr '\n' ' '
    echo
  done
}

"$ctl" --db "$dir/demo.db" demo --jobs 250 --executions 5000 >/dev/null

echo "1..2" >&3
n=0
for db in "$dir/empty.db" "$dir/demo.db"; do
  n=$((n + 1))
  "$app" --db "$db" &
  pid=$!
  found=
  start=$(date +%s%3N)
  while [ $(($(date +%s%3N) - start)) -lt 30000 ]; do
    addr=$(gdbus call --session --dest org.a11y.Bus --object-path /org/a11y/bus \
             --method org.a11y.Bus.GetAddress 2>/dev/null | sed -n "s/^('\(.*\)',)$/\1/p")
    if [ -n "$addr" ] && app_names "$addr" | grep -q "<'custody'>.*<'Custody'>"; then
      found=1
      break
    fi
    sleep 0.1
  done
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  if [ -n "$found" ]; then
    ms=$(($(date +%s%3N) - start))
    echo >&3 "ok $n $(basename "$db"): custody (Custody) on the accessibility bus after $ms ms"
  else
    echo >&3 "not ok $n $(basename "$db"): custody (Custody) not on the accessibility bus in 30 s"
    echo >&3 "# applications: $(app_names "${addr:-none}" | tr '\n' ' ')"
  fi
done
