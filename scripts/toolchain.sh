# Installs what building and testing need, once, and puts it on PATH.
# Sourced by scripts/serve and scripts/test; each function fails with a message that says
# what is missing and how to get it.

TOOLS_DIR="$PWD/.tools"
# Tools install into the usual Cargo home even when CARGO_HOME points elsewhere (CI runs
# with an empty one, to prove that nothing relies on crates downloaded earlier).
INSTALL_ROOT="${CARGO_INSTALL_ROOT:-$HOME/.cargo}"
export PATH="$INSTALL_ROOT/bin:$PATH"
TRUNK_VERSION='~0.21'
CARGO_DENY_VERSION=0.20.2
BINARYEN_VERSION=132

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf '\033[31merror:\033[0m %s\n' "$*" >&2; exit 1; }

need() {
  command -v "$1" >/dev/null 2>&1 || die "$1 is required but not installed. $2"
}

# Runs a command as root, through sudo when needed.
as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else die "installing system packages needs root: run as root, or install them yourself: $*"
  fi
}

# Installs Debian packages, waiting for another apt/dpkg run to finish first.
apt_install() {
  need apt-get "Install these packages with your system's package manager: $*"
  say "Installing $* with apt-get"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 update -qq \
    || die "apt-get update failed"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq \
    --no-install-recommends "$@" || die "apt-get could not install $*"
}

# The wasm-bindgen version that Cargo.lock pins; the CLI must match it exactly.
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock
}

ensure_rust() {
  need cargo "Install Rust with rustup: https://rustup.rs"
  need rustup "Install Rust with rustup: https://rustup.rs"
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "Adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown || die "rustup could not add the wasm32 target"
  fi
}

ensure_trunk() {
  if trunk --version 2>/dev/null | grep -q '^trunk 0\.21\.'; then return; fi
  say "Installing trunk $TRUNK_VERSION (compiles from crates.io; about 12 minutes on 2 cores, once)"
  cargo install --root "$INSTALL_ROOT" trunk --version "$TRUNK_VERSION" --locked || die "cargo could not install trunk"
}

ensure_wasm_bindgen() {
  local want
  want=$(wasm_bindgen_version)
  [ -n "$want" ] || die "Cargo.lock does not pin wasm-bindgen; run cargo generate-lockfile"
  if wasm-bindgen --version 2>/dev/null | grep -q " $want\$"; then return; fi
  say "Installing wasm-bindgen-cli $want (matches Cargo.lock; about 3 minutes, once)"
  # Not --locked: its lockfile pins a crate version the registry no longer serves.
  cargo install --root "$INSTALL_ROOT" wasm-bindgen-cli --version "$want" || die "cargo could not install wasm-bindgen-cli $want"
}

# cargo-deny, for the licence check (deny.toml).
ensure_cargo_deny() {
  if cargo deny --version 2>/dev/null | grep -q "^cargo-deny $CARGO_DENY_VERSION\$"; then return; fi
  say "Installing cargo-deny $CARGO_DENY_VERSION (compiles from crates.io; about 3 minutes on 2 cores, once)"
  cargo install --root "$INSTALL_ROOT" cargo-deny --version "$CARGO_DENY_VERSION" --locked || die "cargo could not install cargo-deny"
}

ensure_node() {
  if command -v npm >/dev/null 2>&1 && command -v node >/dev/null 2>&1; then return; fi
  apt_install nodejs npm
}

ensure_wasm_opt() {
  export PATH="$TOOLS_DIR/node_modules/.bin:$PATH"
  if wasm-opt --version 2>/dev/null | grep -q "version_$BINARYEN_VERSION"; then return; fi
  ensure_node
  say "Installing wasm-opt (binaryen $BINARYEN_VERSION from npm) into .tools/"
  mkdir -p "$TOOLS_DIR"
  npm install --prefix "$TOOLS_DIR" --no-audit --no-fund --loglevel=error "binaryen@$BINARYEN_VERSION" >&2 \
    || die "npm could not install binaryen@$BINARYEN_VERSION"
  wasm-opt --version >/dev/null || die "wasm-opt does not run after installing binaryen"
}

ensure_build_tools() {
  ensure_rust
  ensure_trunk
  ensure_wasm_bindgen
  ensure_wasm_opt
}

ensure_browser() {
  if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then return; fi
  apt_install chromium chromium-driver
  [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] || die "chromium and chromedriver are still missing"
}

# The test tools from the npm registry, pinned by tests/package-lock.json.
ensure_test_packages() {
  ensure_node
  if [ -d tests/node_modules ] && cmp -s tests/package-lock.json tests/node_modules/.package-lock.json 2>/dev/null; then
    return
  fi
  say "Installing the browser test packages (tests/package-lock.json)"
  npm ci --prefix tests --no-audit --no-fund --loglevel=error >&2 || die "npm could not install the test packages"
}

# Downloads every crate Cargo.lock names, those of optional features included, so that the
# offline steps after it (the licence check, Trunk's offline build) find them all.
fetch_crates() {
  say "cargo fetch --locked (every crate Cargo.lock names)"
  cargo fetch --locked || die "cargo could not download the crates that Cargo.lock pins: check the network to crates.io, or run cargo generate-lockfile if Cargo.lock is out of date"
}

# Builds the release site into dist/.
build_site() {
  say "Building the release site into dist/"
  trunk build --release || die "the build failed (see above)"
}

# Builds the test variant of the site into target/dist-test: a second version, from a copy
# of content/ with one sentence added (for the offline app's update test), with the
# test-only hooks that release builds leave out (for the panic test). Built first, so that
# the real build after it is what dist/ and the cached native tools end up with.
build_test_site() {
  say "Building the test variant of the site into target/dist-test/"
  rm -rf target/content-v2 && cp -r content target/content-v2
  printf '\nThis is version two of the site.\n' >> target/content-v2/site.md
  PYUSES_CONTENT="$PWD/target/content-v2" PYUSES_TEST_HOOKS=1 \
    trunk build --release --dist target/dist-test || die "the test build failed (see above)"
}
