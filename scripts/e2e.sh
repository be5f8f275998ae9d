#!/usr/bin/env bash
# Runs the real-app end-to-end tests: Xvfb, tauri-driver, the built app, in a throw-away
# HOME so that the vault and the webview's data are fresh and can be scanned afterwards.
set -euo pipefail
# E2E_ONLY=e2e/desk.test.mjs runs one file while working on it.
root=$(cd "$(dirname "$0")/.." && pwd)
# E2E_APP: another build of the app (the installed package: scripts/package-test.sh).
app="${E2E_APP:-$root/target/debug/amparo-app}"
# (The package test installs its app as it goes, so it is not there yet.)
[ -n "${E2E_APP:-}" ] || [ -x "$app" ] || { echo "e2e: $app is not built (run make build)"; exit 1; }
driver=$(command -v tauri-driver || echo "$HOME/.cargo/bin/tauri-driver")

work=$(mktemp -d /tmp/amparo-e2e.XXXXXX)
mkdir -p "$work/home"
cleanup() {
  [ -n "${driver_pid:-}" ] && kill "$driver_pid" 2>/dev/null || true
  [ -n "${xvfb_pid:-}" ] && kill "$xvfb_pid" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

display=":$((90 + RANDOM % 500))"
Xvfb "$display" -screen 0 1366x900x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
xvfb_pid=$!
sleep 1

port=$((4444 + RANDOM % 1000))
export DISPLAY="$display" HOME="$work/home" XDG_DATA_HOME="$work/home/.local/share" \
  XDG_CONFIG_HOME="$work/home/.config" XDG_CACHE_HOME="$work/home/.cache" AMPARO_USER=e2e NO_AT_BRIDGE=1
unset AMPARO_VAULT AMPARO_PASSPHRASE
# Documents (ui/e2e/documents.test.mjs): WebDriver cannot reach a native dialog, so under
# the driver the app "picks" and "saves" here (src-tauri/src/documents.rs); the private
# copies go to a runtime folder of this run; no viewer is really started.
install -d -m 0700 "$work/home/run"
export AMPARO_E2E_PICK="$work/home/documents-pick/Pasaporte Haile.pdf" \
  AMPARO_E2E_SAVE_DIR="$work/home/documents-saved" \
  AMPARO_VIEWER=true \
  XDG_RUNTIME_DIR="$work/home/run" E2E_RUNTIME_DIR="$work/home/run"
"$driver" --port "$port" --native-port $((port + 1000)) >"$work/driver.log" 2>&1 &
driver_pid=$!
for _ in $(seq 50); do
  curl -fs "http://127.0.0.1:$port/status" >/dev/null 2>&1 && break
  sleep 0.2
done

cd "$root/ui"
status=0
APP_BINARY="$app" E2E_HOME="$work/home" WEBDRIVER_URL="http://127.0.0.1:$port" \
  SCREENSHOT_DIR="${SCREENSHOT_DIR:-}" timeout "${E2E_TIMEOUT:-1500}" node --test --test-concurrency=1 ${E2E_ONLY:-e2e/*.test.mjs} || status=$?
if [ $status -ne 0 ]; then
  echo "--- tauri-driver log (last 40 lines) ---"; tail -40 "$work/driver.log" || true
fi
exit $status
