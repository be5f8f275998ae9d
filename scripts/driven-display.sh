# Sourced by scripts/e2e.sh and scripts/bench-start.sh: a throw-away HOME, an Xvfb
# display and tauri-driver, all removed or stopped (by pid) when the script exits.
# A caller exports what the app must inherit between the two steps, since the app is
# started by the driver and takes the driver's environment.

# start_display NAME: makes $work (with $work/home), starts Xvfb, points HOME and the XDG
# folders into $work/home.
start_display() {
  driver=$(command -v tauri-driver || echo "$HOME/.cargo/bin/tauri-driver")
  work=$(mktemp -d "/tmp/amparo-$1.XXXXXX")
  mkdir -p "$work/home"
  trap stop_display EXIT
  display=":$((90 + RANDOM % 500))"
  Xvfb "$display" -screen 0 1366x900x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
  xvfb_pid=$!
  sleep 1
  export DISPLAY="$display" HOME="$work/home" XDG_DATA_HOME="$work/home/.local/share" \
    XDG_CONFIG_HOME="$work/home/.config" XDG_CACHE_HOME="$work/home/.cache" NO_AT_BRIDGE=1
  unset AMPARO_VAULT AMPARO_PASSPHRASE
}

# start_driver: starts tauri-driver on a free-ish port and waits for it; sets WEBDRIVER_URL.
start_driver() {
  local port=$((4444 + RANDOM % 1000))
  "$driver" --port "$port" --native-port $((port + 1000)) >"$work/driver.log" 2>&1 &
  driver_pid=$!
  for _ in $(seq 50); do
    curl -fs "http://127.0.0.1:$port/status" >/dev/null 2>&1 && break
    sleep 0.2
  done
  export WEBDRIVER_URL="http://127.0.0.1:$port"
}

stop_display() {
  [ -n "${driver_pid:-}" ] && kill "$driver_pid" 2>/dev/null || true
  [ -n "${xvfb_pid:-}" ] && kill "$xvfb_pid" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
