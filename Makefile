# Amparo: two commands on a fresh Debian 12 machine.
#   make run   installs what is missing, builds, opens the app on the default vault
#   make test  installs what is missing, runs every test (Rust, UI, end-to-end under Xvfb)
# Every step is idempotent: a second run installs nothing and rebuilds only what changed.

SHELL := /bin/bash
.SHELLFLAGS := -eo pipefail -c
.DEFAULT_GOAL := run

# python3-xlib: the end-to-end tests close the app's window as a window manager does
# (WM_DELETE_WINDOW), to see that closing it locks the vault.
# desktop-file-utils, shared-mime-info: the package test validates the menu entry and the
# .deb depends on them (its file types).
# fonts-sil-abyssinica: Ge'ez script (Tigrinya, Amharic names), which a bare machine's
# fonts lack; without it the app under test draws those names as boxes.
APT_PACKAGES := build-essential pkg-config curl file libssl-dev libwebkit2gtk-4.1-dev \
	libayatana-appindicator3-dev librsvg2-dev libxdo-dev webkit2gtk-driver xvfb xauth \
	gir1.2-ical-3.0 python3-gi fonts-sil-abyssinica python3-xlib desktop-file-utils shared-mime-info
CARGO_BIN := $(HOME)/.cargo/bin
export PATH := $(CARGO_BIN):$(PATH)
STAMP := target/.stamps

.PHONY: run test bench package test-package bench-start deps system-deps tauri-driver cargo-fuzz ui-deps s3-deps py-deps ui build check-bindings test-rust test-ui test-e2e fuzz clean

# The app a user runs is a release build: no web inspector (debug builds have one), the
# optimised SQLCipher, and the page served from inside the binary (tauri/custom-protocol,
# as the packages have it, so `make run` and `make package` share one build). The tests
# use the debug build.
RELEASE_APP := cargo build --release -p amparo-app --bin amparo-app --features tauri/custom-protocol
run: deps ui
	$(RELEASE_APP)
	@echo "Opening Amparo (vault: $${AMPARO_VAULT:-default location}) ..."
	./target/release/amparo-app $(if $(VAULT),--vault "$(VAULT)")

test: deps build test-rust check-bindings test-ui test-e2e fuzz test-package
	@echo "All tests passed."

deps: system-deps tauri-driver ui-deps

# apt-get only when a package is missing, so the second run needs no network or root.
system-deps:
	@missing=$$(for p in $(APT_PACKAGES); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "Installing system packages: $$missing"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

tauri-driver:
	@command -v tauri-driver >/dev/null || cargo install tauri-driver --locked --version 2.1.0

cargo-fuzz:
	@command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked --version 0.13.2

# The Rust tests' S3 server (SeaweedFS, pinned, in .venv); only the tests need it, not make run.
# Debian's python3 makes a venv only with python3-venv (ensurepip), installed the system-deps way.
s3-deps:
	@python3 -c 'import ensurepip' 2>/dev/null || $(MAKE) --no-print-directory system-deps APT_PACKAGES=python3-venv
	@scripts/s3-server.sh install

ui-deps: ui/node_modules/.package-lock.json
ui/node_modules/.package-lock.json: ui/package-lock.json
	cd ui && npm ci --no-audit --no-fund
	@touch $@

ui: ui-deps
	cd ui && npm run build

build: ui
	cargo build --workspace --all-targets

# The TypeScript types are generated from Rust by the tests (ts-rs); stale ones fail here.
check-bindings:
	@if [ -n "$$(git status --porcelain -- ui/src/lib/bindings)" ]; then \
		echo "ui/src/lib/bindings is stale: commit what 'cargo test' regenerated:"; \
		git status --porcelain -- ui/src/lib/bindings; exit 1; \
	fi

# Formatting is checked where rustfmt is part of the toolchain (it is on these machines).
# Python's icalendar reads the calendars Amparo writes, as an independent parser (pinned, in .venv).
ICALENDAR_VERSION := 7.3.2
py-deps: s3-deps
	@.venv/bin/python -c 'import icalendar, sys; sys.exit(icalendar.__version__ != "$(ICALENDAR_VERSION)")' 2>/dev/null || \
		.venv/bin/pip install --disable-pip-version-check -q "icalendar==$(ICALENDAR_VERSION)"

test-rust: s3-deps py-deps
	if cargo fmt --version >/dev/null 2>&1; then cargo fmt --all --check; fi
	AMPARO_ALL_PARSERS=1 cargo test --workspace
	# The scale suite as a smoke: a small vault, encrypted and plain, every query once and
	# the two answers compared; nothing timed (make bench times it).
	cargo test --features bench-plain --bench scale

test-ui: ui-deps
	cd ui && npm run check && npm test

test-e2e: build
	scripts/e2e.sh

# The .deb a volunteer installs (Debian 12, Ubuntu 22.04 and 24.04), by Tauri's bundler
# from the CLI pinned in ui/package.json; no AppImage (docs/PLATFORMS.md says why).
package: deps ui
	$(RELEASE_APP)
	TAURI_FRONTEND_PATH=ui ui/node_modules/.bin/tauri build --bundles deb --ci
	@ls -l target/release/bundle/deb/*.deb

# Cold start of the release app to its unlock screen beside a blank Tauri window
# (docs/BENCHMARKS.md); the installed package when there is one.
bench-start: deps ui
	$(RELEASE_APP)
	cargo build --release -p amparo-app --example blank --features tauri/custom-protocol
	cargo build --bin amparo
	scripts/bench-start.sh

# Installs that package, drives its first run, removes it, upgrades over an older one.
test-package: package
	scripts/package-test.sh

# Fuzz the parsers of outside input for FUZZ_SECONDS each (10 in make test, whose 45-min
# budget the release package now shares; more on demand: FUZZ_SECONDS=600 make fuzz). cargo-fuzz needs -Z flags; RUSTC_BOOTSTRAP lets the one
# stable toolchain on these machines accept them, as no nightly can be installed here.
FUZZ_SECONDS ?= 10
FUZZ_TARGETS := vault_header identifiers backup_file clinic_bundle import_rows column_mapper document_file
fuzz: cargo-fuzz
	cd fuzz && for t in $(FUZZ_TARGETS); do \
		mkdir -p corpus/$$t && \
		RUSTC_BOOTSTRAP=1 cargo fuzz run -O $$t corpus/$$t seeds/$$t -- -max_total_time=$(FUZZ_SECONDS) 2>&1 | tail -n 2 || exit 1; \
	done

# Speed at clinic scale (docs/BENCHMARKS.md): encrypted and plain vaults of 1k and 10k
# clients; BENCH_SCALES=1000,10000,100000 for the 100k row (about 15 minutes more).
BENCH_SCALES ?= 1000,10000
# Then the release app's cold start and memory beside a blank Tauri window (bench-start).
bench: deps
	AMPARO_BENCH_SCALES=$(BENCH_SCALES) cargo bench --features bench-plain --bench scale
	$(MAKE) --no-print-directory bench-start

clean:
	cargo clean
	rm -rf ui/node_modules ui/dist
