# fbi-sdk: `make demo` builds everything and shows it; `make test` installs
# what is missing and runs every test. See README.md.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c

# The wasm-bindgen CLI must match the crate's pinned version (Cargo.toml).
WASM_BINDGEN_VERSION := 0.2.130
WASM_TARGET := wasm32-unknown-unknown
CARGO_BIN := $(HOME)/.cargo/bin
export PATH := $(CARGO_BIN):$(CURDIR)/node_modules/.bin:$(PATH)

WASM := target/$(WASM_TARGET)/release/fbi_sdk.wasm
GLUE := target/wasm-bindgen/web
OPT_WASM := target/wasm-bindgen/fbi_sdk_bg.opt.wasm
LITE_GLUE := target/wasm-bindgen/lite
LITE_OPT_WASM := target/wasm-bindgen/fbi_sdk_bg.lite.opt.wasm
# wasm-opt must be told which features rustc's wasm32 target emits.
WASM_OPT_FLAGS := -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
	--enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue

.PHONY: all deps pkg sandbox demo test test-audit test-rust test-wasm test-node test-fuzz lint size bench fuzz fuzz-deps clean

all: pkg

## deps: install what is missing (idempotent, quick when all is there)
deps: node_modules/.installed
	@rustup target list --installed | grep -qx $(WASM_TARGET) || rustup target add $(WASM_TARGET)
	@rustup component list --installed | grep -q '^clippy' || rustup component add clippy
	@rustup component list --installed | grep -q '^rustfmt' || rustup component add rustfmt
	@wasm-bindgen --version 2>/dev/null | grep -q " $(WASM_BINDGEN_VERSION)$$" \
		|| cargo install wasm-bindgen-cli --version =$(WASM_BINDGEN_VERSION)
	@command -v chromium >/dev/null && command -v chromedriver >/dev/null \
		|| { apt-get update -qq && apt-get install -y -qq chromium chromium-driver >/dev/null; }

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

## pkg: the npm package in pkg/: the full build, and `fbi-sdk/lite`
## (building and validating only: no sending, no schedule)
pkg: deps
	cargo build --release --target $(WASM_TARGET) --lib --no-default-features
	wasm-bindgen --target web --out-dir $(LITE_GLUE) $(WASM)
	wasm-opt $(WASM_OPT_FLAGS) $(LITE_GLUE)/fbi_sdk_bg.wasm -o $(LITE_OPT_WASM)
	cargo build --release --target $(WASM_TARGET) --lib
	wasm-bindgen --target web --out-dir $(GLUE) $(WASM)
	wasm-opt $(WASM_OPT_FLAGS) $(GLUE)/fbi_sdk_bg.wasm -o $(OPT_WASM)
	node scripts/assemble-pkg.mjs $(GLUE) $(OPT_WASM) $(LITE_GLUE) $(LITE_OPT_WASM) pkg

## sandbox: the local FBI platform, target/release/fbi-sandbox
SANDBOX := target/release/fbi-sandbox
sandbox:
	cargo build --release -p fbi-sandbox

## demo: build everything, print the seed's example requests signed, and
## serve the console with the sandbox (demo lender) until Ctrl-C
DEMO_PORT ?= 8787
demo: pkg sandbox
	node scripts/demo.mjs
	@echo
	@echo "Open http://127.0.0.1:$(DEMO_PORT)/ (the sandbox; Ctrl-C stops it)"
	$(SANDBOX) --port $(DEMO_PORT) --db target/demo.sqlite --www www --pkg pkg

## test: every test, after installing what is missing
test: deps lint test-audit test-rust test-wasm test-node test-fuzz

lint:
	cargo fmt --all --check
	cargo clippy --workspace --all-targets -- -D warnings
	cargo clippy --target $(WASM_TARGET) --lib -- -D warnings
	cargo clippy --target $(WASM_TARGET) --lib --no-default-features -- -D warnings

# Licenses, duplicate crates and sources (deny.toml); the package's runtime
# dependencies (it has none) against npm's advisories.
test-audit:
	@command -v cargo-deny >/dev/null || cargo install cargo-deny --locked --version =0.20.2
	cargo deny check licenses bans sources
	npm audit --omit=dev

test-rust:
	cargo test --workspace

# The wasm boundary's tests, in Node and in headless Chromium, beside a
# sandbox (FBI_SANDBOX_URL) that they send to.
WASM_TEST := node scripts/sandbox.mjs --cors '*' --lender wasmtest:wasm-secret -- \
	env CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
	cargo test --target $(WASM_TARGET) --test wasm --test wasm_sandbox
test-wasm: sandbox
	$(WASM_TEST)
	WASM_BINDGEN_USE_BROWSER=1 CHROMEDRIVER=/usr/bin/chromedriver $(WASM_TEST)

test-node: pkg sandbox
	node scripts/pack-and-install.mjs pkg target/npm-test
	tsc --noEmit -p target/npm-test/app
	node --test --test-concurrency=1 tests/node/

## size: raw and gzip sizes of the wasm, its glue and the packed package
size: pkg
	node scripts/pack-and-install.mjs pkg target/npm-test >/dev/null
	node scripts/size.mjs pkg

## bench: the package against plain JavaScript; writes bench/results.json
bench: pkg sandbox
	node scripts/pack-and-install.mjs pkg target/npm-test >/dev/null
	node --expose-gc bench/run.mjs

## fuzz: each cargo-fuzz target for FUZZ_SECONDS (default 300), growing fuzz/corpus/
FUZZ_SECONDS ?= 300
FUZZ_TARGETS := forms wire schedule
fuzz-deps:
	@rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
	@command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --version =0.13.2
fuzz: fuzz-deps
	for t in $(FUZZ_TARGETS); do cargo +nightly fuzz run $$t -- -max_total_time=$(FUZZ_SECONDS) || exit 1; done

# The smoke CI runs: 20 s a target, starting from the kept corpus; what it
# finds goes to a scratch folder, so the work tree stays as it was.
test-fuzz: fuzz-deps
	for t in $(FUZZ_TARGETS); do \
		scratch=$$(mktemp -d); \
		cargo +nightly fuzz run $$t $$scratch fuzz/corpus/$$t -- -max_total_time=20 || exit 1; \
		rm -rf $$scratch; \
	done

clean:
	rm -rf target/wasm-bindgen pkg target/npm-test
