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

. "$root/scripts/driven-display.sh"
start_display start
# An existing vault, so the app starts on its unlock screen as it does every day after the first.
AMPARO_VAULT="$XDG_DATA_HOME/amparo/vault.amparo" AMPARO_PASSPHRASE="tangerine orbit velvet harbor" \
  "$cli" init --json >/dev/null
start_driver
cd "$root/ui"
export AMPARO_APP="$app" BLANK_APP="$blank" BENCH_PASS="tangerine orbit velvet harbor"
node e2e-package/start.bench.mjs
# The same on a vault with BENCH_CLIENTS made-up clients (default 1,000): unlock to dashboard, memory.
vault="$XDG_DATA_HOME/amparo/vault.amparo"
rm -f "$vault" "$vault"-*
AMPARO_VAULT="$vault" AMPARO_PASSPHRASE="$BENCH_PASS" "$cli" init --json >/dev/null
AMPARO_VAULT="$vault" AMPARO_PASSPHRASE="$BENCH_PASS" "$cli" seed --clients "${BENCH_CLIENTS:=1000}" --json >/dev/null
RUNS=0 SEEDED=1 BENCH_CLIENTS="$BENCH_CLIENTS" node e2e-package/start.bench.mjs
