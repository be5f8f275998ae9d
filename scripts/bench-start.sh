#!/usr/bin/env bash
# Cold start of the release app to its unlock screen, beside a blank Tauri window built
# the same way (src-tauri/examples/blank.rs), under Xvfb and tauri-driver
# (ui/e2e-package/start.bench.mjs). Uses the installed package when there is one.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
app=/usr/bin/amparo-app
[ -x "$app" ] || app="$root/target/release/amparo-app"
blank="$root/target/release/examples/blank"
cli="$root/target/debug/amparo"
for b in "$app" "$blank" "$cli"; do [ -x "$b" ] || { echo "bench-start: $b is not built"; exit 1; }; done

driver=$(command -v tauri-driver || echo "$HOME/.cargo/bin/tauri-driver")

work=$(mktemp -d /tmp/amparo-start.XXXXXX)
trap 'kill ${driver_pid:-} ${xvfb_pid:-} 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT
mkdir -p "$work/home"
display=":$((90 + RANDOM % 500))"
Xvfb "$display" -screen 0 1366x900x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
xvfb_pid=$!
sleep 1
export DISPLAY="$display" HOME="$work/home" XDG_DATA_HOME="$work/home/.local/share" \
  XDG_CONFIG_HOME="$work/home/.config" XDG_CACHE_HOME="$work/home/.cache" NO_AT_BRIDGE=1
unset AMPARO_VAULT
# An existing vault, so the app starts on its unlock screen as it does every day after the first.
AMPARO_VAULT="$XDG_DATA_HOME/amparo/vault.amparo" AMPARO_PASSPHRASE="tangerine orbit velvet harbor" \
  "$cli" init --json >/dev/null
port=$((4444 + RANDOM % 1000))
"$driver" --port "$port" --native-port $((port + 1000)) >"$work/driver.log" 2>&1 &
driver_pid=$!
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$port/status" >/dev/null 2>&1 && break; sleep 0.2; done
cd "$root/ui"
export AMPARO_APP="$app" BLANK_APP="$blank" WEBDRIVER_URL="http://127.0.0.1:$port" BENCH_PASS="tangerine orbit velvet harbor"
node e2e-package/start.bench.mjs
# The same on a vault with BENCH_CLIENTS made-up clients (default 1,000): unlock to dashboard, memory.
vault="$XDG_DATA_HOME/amparo/vault.amparo"
rm -f "$vault" "$vault"-*
AMPARO_VAULT="$vault" AMPARO_PASSPHRASE="$BENCH_PASS" "$cli" init --json >/dev/null
AMPARO_VAULT="$vault" AMPARO_PASSPHRASE="$BENCH_PASS" "$cli" seed --clients "${BENCH_CLIENTS:=1000}" --json >/dev/null
RUNS=0 SEEDED=1 BENCH_CLIENTS="$BENCH_CLIENTS" node e2e-package/start.bench.mjs
