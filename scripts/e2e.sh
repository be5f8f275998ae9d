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
. "$root/scripts/driven-display.sh"
start_display e2e
export AMPARO_USER=e2e
# Documents (ui/e2e/documents.test.mjs): WebDriver cannot reach a native dialog, so under
# the driver the app "picks" and "saves" here (src-tauri/src/documents.rs); the private
# copies go to a runtime folder of this run; no viewer is really started.
install -d -m 0700 "$work/home/run"
export AMPARO_E2E_PICK="$work/home/documents-pick/Pasaporte Haile.pdf" \
  AMPARO_E2E_SAVE_DIR="$work/home/documents-saved" \
  AMPARO_VIEWER=true \
  XDG_RUNTIME_DIR="$work/home/run" E2E_RUNTIME_DIR="$work/home/run"
start_driver

cd "$root/ui"
status=0
APP_BINARY="$app" E2E_HOME="$work/home" \
  SCREENSHOT_DIR="${SCREENSHOT_DIR:-}" timeout "${E2E_TIMEOUT:-1500}" node --test --test-concurrency=1 ${E2E_ONLY:-e2e/*.test.mjs} || status=$?
if [ $status -ne 0 ]; then
  echo "--- tauri-driver log (last 40 lines) ---"; tail -40 "$work/driver.log" || true
fi
exit $status
