#!/usr/bin/env bash
# Installs what Pace needs beyond its npm packages. `npm test` runs it first (the `pretest` script); run it by
# hand with `bash scripts/setup.sh`. Idempotent: when everything is present it only checks, in well under a second.
#
#   setup_browser    Debian's chromium and a CJK font, for the browser tests (test/browser/)
#
# Each setup_* function sets up one thing; add one per new need and call it from main.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf 'setup: %s\n' "$*"; }
fail() {
  printf 'setup: %s\n' "$*" >&2
  exit 1
}

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

# Runs a command as root: directly when root, else through sudo when it needs no password; otherwise says what to run.
as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    sudo -n "$@"
  else
    fail "needs root to run: $* — run it as root (or give this user password-less sudo), then run npm test again"
  fi
}

# Installs the Debian packages given that are missing, in one apt-get call. A lock keeps two concurrent setups
# (two test runs started at once) from fighting over apt's own lock.
ensure_debian_packages() {
  local missing=() p
  for p in "$@"; do installed "$p" || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  command -v apt-get >/dev/null || fail "missing ${missing[*]}, and no apt-get here: install them with this system's package manager"
  log "installing ${missing[*]} (Debian packages, once)"
  local apt=(env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 -q)
  (
    flock 9
    # A fresh machine has empty package lists; an old one may list versions the mirror no longer has.
    as_root "${apt[@]}" update >/dev/null
    as_root "${apt[@]}" install -y --no-install-recommends "${missing[@]}" >/dev/null
  ) 9>"${TMPDIR:-/tmp}/pace-setup.lock"
  for p in "${missing[@]}"; do installed "$p" || fail "$p did not install"; done
}

# Playwright drives Debian's chromium (never a browser of its own download). Chinese items need a CJK font, or
# chromium draws boxes.
setup_browser() {
  ensure_debian_packages chromium fonts-noto-cjk
  [ -x /usr/bin/chromium ] || fail "/usr/bin/chromium is missing although the chromium package is installed"
}

main() {
  setup_browser
}

main "$@"
