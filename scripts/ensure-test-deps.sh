#!/usr/bin/env bash
# Makes sure the real parts the tests run against are on this machine, installing them when missing:
#   Dovecot (private IMAP server per test file), Cyrus IMAP and Courier-IMAP (the same scenarios against other
#   servers, test/core/servers), OpenSSL (throw-away certificates), Chromium (UI tests), and better-sqlite3
#   built for this Node (not for Electron).
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
# Debian's IMAP servers all "Conflict: imap-server", so only Dovecot is installed the normal way. cyrus-imapd and
# courier-imap (a few binaries each) are unpacked here with dpkg-deb; their support packages (master, sasl,
# authdaemond, couriertcpd…) install normally. test/fixtures/server-process.ts reads the same path.
SERVERS_ROOT=${RELEVE_TEST_SERVERS_DIR:-/opt/releve-test-servers}
UNPACKED=(cyrus-imapd:usr/lib/cyrus/bin/imapd courier-imap:usr/bin/imapd)

missing_packages() {
  local pkgs=()
  { [ -x "$DOVECOT" ] && command -v doveadm >/dev/null 2>&1; } || pkgs+=(dovecot-imapd)
  [ -x "$CHROMIUM" ] || pkgs+=(chromium)
  command -v openssl >/dev/null 2>&1 || pkgs+=(openssl)
  # schedule tests: generated units checked by systemd-analyze verify, plists and task XML by python3.
  command -v systemd-analyze >/dev/null 2>&1 || pkgs+=(systemd)
  command -v python3 >/dev/null 2>&1 || pkgs+=(python3)
  [ -x /usr/lib/cyrus/bin/master ] || pkgs+=(cyrus-common)
  [ -x /usr/sbin/saslpasswd2 ] || pkgs+=(sasl2-bin)
  { [ -x /usr/sbin/couriertcpd ] && [ -x /usr/bin/couriertls ] && [ -x /usr/bin/maildirmake ]; } || pkgs+=(courier-base)
  [ -x /usr/lib/courier/courier-authlib/authdaemond ] || pkgs+=(courier-authdaemon)
  [ -x /usr/sbin/makeuserdb ] || pkgs+=(courier-authlib-userdb)
  # Libraries the unpacked imapd binaries need that no installed package pulls in.
  /sbin/ldconfig -p 2>/dev/null | grep -q 'libwrap\.so\.0' || pkgs+=(libwrap0)
  /sbin/ldconfig -p 2>/dev/null | grep -q 'libgamin-1\.so\.0' || pkgs+=(gamin libgamin0)
  { command -v unshare && command -v prlimit; } >/dev/null 2>&1 || pkgs+=(util-linux)
  echo "${pkgs[@]:-}"
}

missing_unpacked() {
  local out=()
  for entry in "${UNPACKED[@]}"; do
    [ -x "$SERVERS_ROOT/${entry%%:*}/${entry#*:}" ] || out+=("${entry%%:*}")
  done
  echo "${out[@]:-}"
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

# Unpack the server packages that cannot be installed beside Dovecot.
UNPACK=$(missing_unpacked)
if [ -n "$UNPACK" ]; then
  say "unpacking $UNPACK into $SERVERS_ROOT (apt-get download + dpkg-deb -x; not installed as packages)"
  if [ "$(id -u)" -eq 0 ]; then AS_ROOT=(); elif command -v sudo >/dev/null 2>&1; then AS_ROOT=(sudo); else
    die "not root and no sudo: cannot create $SERVERS_ROOT. Set RELEVE_TEST_SERVERS_DIR to a writable directory or run as root."
  fi
  DL=$(mktemp -d)
  chmod 755 "$DL" # apt's _apt user writes the download there
  # shellcheck disable=SC2086
  if ! (cd "$DL" && apt-get download $UNPACK) && ! { "${AS_ROOT[@]}" apt-get update && (cd "$DL" && apt-get download $UNPACK); }; then
    rm -rf "$DL"
    die "apt-get download $UNPACK failed (see above)."
  fi
  for pkg in $UNPACK; do
    deb=$(ls "$DL/${pkg}_"*.deb 2>/dev/null | head -1)
    [ -n "$deb" ] || die "apt-get download gave no .deb for $pkg"
    "${AS_ROOT[@]}" rm -rf "$SERVERS_ROOT/$pkg"
    "${AS_ROOT[@]}" mkdir -p "$SERVERS_ROOT/$pkg"
    "${AS_ROOT[@]}" dpkg-deb -x "$deb" "$SERVERS_ROOT/$pkg" || die "dpkg-deb -x $deb failed"
    dpkg-deb -f "$deb" Version | "${AS_ROOT[@]}" tee "$SERVERS_ROOT/$pkg/VERSION" >/dev/null
  done
  rm -rf "$DL"
  STILL=$(missing_unpacked)
  [ -z "$STILL" ] || die "still missing after unpacking: $STILL (under $SERVERS_ROOT)"
  say "unpacked: $UNPACK"
fi
for entry in "${UNPACKED[@]}"; do
  bin="$SERVERS_ROOT/${entry%%:*}/${entry#*:}"
  if ldd "$bin" | grep -q 'not found'; then
    die "$bin cannot run, libraries missing:" "$(ldd "$bin" | grep 'not found')" "(apt-get install the packages that provide them)"
  fi
done

# The tests start their own Dovecot, Cyrus and Courier instances (own dirs, random loopback ports); system
# daemons that apt may have started on 143/993 do not get in their way, so they are left alone. (cyrus-common's
# own service cannot serve IMAP anyway: its imapd lives in cyrus-imapd, which is only unpacked.)

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

say "ok: $("$DOVECOT" --version | cut -d' ' -f1) dovecot, cyrus $(cat "$SERVERS_ROOT/cyrus-imapd/VERSION" 2>/dev/null || echo '?'), courier-imap $(cat "$SERVERS_ROOT/courier-imap/VERSION" 2>/dev/null || echo '?'), $(openssl version | cut -d' ' -f2) openssl, chromium at $CHROMIUM"
