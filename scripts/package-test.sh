#!/usr/bin/env bash
# Installs the .deb that `make package` built on this machine, drives the installed app
# through its first run, removes and purges it (the vault stays), then upgrades an older
# package in place (ui/e2e-package/installed.test.mjs). dpkg needs root.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
deb=$(ls -t "$root"/target/release/bundle/deb/Amparo_*_amd64.deb 2>/dev/null | head -n 1 || true)
[ -n "$deb" ] || { echo "package test: no .deb in target/release/bundle/deb (run make package)"; exit 1; }
SUDO=$( [ "$(id -u)" = 0 ] || echo sudo )
# The test installs and purges the package "amparo": never on a machine where someone
# installed it to use it, unless told to.
if dpkg-query -W -f='${Status}' amparo 2>/dev/null | grep -q "ok installed" && [ -z "${AMPARO_PACKAGE_TEST_REPLACE:-}" ]; then
  echo "package test: the amparo package is installed here; set AMPARO_PACKAGE_TEST_REPLACE=1 to let the test replace and remove it"
  exit 1
fi

work=$(mktemp -d /tmp/amparo-package.XXXXXX)
trap 'rm -rf "$work"' EXIT
# The "previous release": this package relabelled with a lower version, so dpkg takes the
# second install as an upgrade. (0.1.0 is the first release; there is no older .deb.)
dpkg-deb -R "$deb" "$work/previous"
sed -i 's/^Version: .*/Version: 0.0.1~previous/' "$work/previous/DEBIAN/control"
dpkg-deb -b --root-owner-group "$work/previous" "$work/amparo-previous.deb" >/dev/null

echo "package test: $(basename "$deb"), $(du -h "$deb" | cut -f1)"
# sudo resets PATH (secure_path): tauri-driver and node are passed on as they are found here.
run_as_root=()
[ -z "$SUDO" ] || run_as_root=(sudo env PATH="$PATH" HOME="$HOME")
"${run_as_root[@]}" env AMPARO_DEB="$deb" AMPARO_OLD_DEB="$work/amparo-previous.deb" E2E_APP=/usr/bin/amparo-app \
  E2E_ONLY=e2e-package/installed.test.mjs "$root/scripts/e2e.sh"
