#!/usr/bin/env bash
# Makes sure the real parts the tests run against are on this machine, installing them when missing:
#   Dovecot (private IMAP server per test file), OpenSSL (throw-away certificates), Chromium (UI tests),
#   and better-sqlite3 built for this Node (not for Electron).
# Never skips: if something cannot be installed, it says so loudly and exits 1.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf 'ensure-test-deps: %s\n' "$*"; }
die() {
  printf '\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n' >&2
  printf '!! ensure-test-deps: %s\n' "$@" >&2
  printf '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n\n' >&2
  exit 1
}

DOVECOT=/usr/sbin/dovecot
CHROMIUM=/usr/bin/chromium

missing_packages() {
  local pkgs=()
  { [ -x "$DOVECOT" ] && command -v doveadm >/dev/null 2>&1; } || pkgs+=(dovecot-imapd)
  [ -x "$CHROMIUM" ] || pkgs+=(chromium)
  command -v openssl >/dev/null 2>&1 || pkgs+=(openssl)
  # schedule tests: generated units checked by systemd-analyze verify, plists and task XML by python3.
  command -v systemd-analyze >/dev/null 2>&1 || pkgs+=(systemd)
  command -v python3 >/dev/null 2>&1 || pkgs+=(python3)
  echo "${pkgs[@]:-}"
}

MISSING=$(missing_packages)
if [ -n "$MISSING" ]; then
  say "missing: $MISSING — installing with apt-get"
  command -v apt-get >/dev/null 2>&1 || die "apt-get not found: install $MISSING by hand (Dovecot at $DOVECOT, Chromium at $CHROMIUM, openssl on PATH)."
  if [ "$(id -u)" -eq 0 ]; then
    AS_ROOT=()
  elif command -v sudo >/dev/null 2>&1; then
    AS_ROOT=(sudo)
  else
    die "not root and no sudo: cannot apt-get install $MISSING. Run as root: apt-get install -y $MISSING"
  fi
  # shellcheck disable=SC2086 # the package list is meant to split
  if ! { "${AS_ROOT[@]}" apt-get update &&
    "${AS_ROOT[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y $MISSING; }; then
    die "apt-get install $MISSING failed (see above)."
  fi
  STILL=$(missing_packages)
  [ -z "$STILL" ] || die "still missing after apt-get: $STILL"
  say "installed: $MISSING"
fi

# The tests start their own Dovecot instances (own base_dir, random loopback ports); a system Dovecot that
# apt may have started on 143/993 does not get in their way, so it is left alone.

# better-sqlite3 must be built for this Node: after an Electron rebuild it would not load here.
if [ -d node_modules/better-sqlite3 ]; then
  if ! node -e "new (require('better-sqlite3'))(':memory:').close()" >/dev/null 2>&1; then
    say "better-sqlite3 does not load under Node $(node -v) (built for Electron?) — running npm rebuild better-sqlite3"
    npm rebuild better-sqlite3 || die "npm rebuild better-sqlite3 failed."
    node -e "new (require('better-sqlite3'))(':memory:').close()" ||
      die "better-sqlite3 still does not load under Node $(node -v) after the rebuild."
    say "better-sqlite3 rebuilt for Node $(node -v)"
  fi
else
  die "node_modules/better-sqlite3 is missing: run npm ci (or npm install) first."
fi

say "ok: $("$DOVECOT" --version | cut -d' ' -f1) dovecot, $(openssl version | cut -d' ' -f2) openssl, chromium at $CHROMIUM"
