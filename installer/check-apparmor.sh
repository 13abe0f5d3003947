#!/usr/bin/env bash
# Checks LabBench's AppArmor profile (linux/labbench.apparmor) and the script the package's postinst and
# prerm run (linux/apparmor-profile.sh), as far as a machine without AppArmor 4 allows: the profile
# names the installed launcher and runtime, it parses (apparmor_parser's dry run: --skip-kernel-load),
# and the script installs, loads, unloads and removes it, or leaves everything alone, without failing.
# Needs apparmor_parser (Debian's apparmor package); skips with the reason otherwise.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
profile="$here/linux/labbench.apparmor"
script="$here/linux/apparmor-profile.sh"
fail() { echo "apparmor check: FAILED: $*"; exit 1; }
if ! command -v apparmor_parser >/dev/null; then
  echo "apparmor check: skipped (no apparmor_parser; sudo apt-get install apparmor)"
  exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The paths the deb installs (check-deb.sh runs both): the launcher, and the bundled runtime's java
# that the launcher starts the lab's daemon with (LabDaemonLauncher uses java.home/bin/java).
attachment=$(sed -n 's/^profile labbench \([^ ]*\) flags=(unconfined) {$/\1/p' "$profile")
[ "$attachment" = "/opt/labbench/{bin/labbench,lib/runtime/bin/java}" ] \
  || fail "the profile attaches to '$attachment', not the launcher and runtime the deb installs"
grep -qx '  userns,' "$profile" || fail "the profile has no userns rule"

version=$(apparmor_parser --version | sed -n '1s/.*version \([0-9][0-9]*\)\..*/\1/p')
if [ "$version" -ge 4 ]; then
  apparmor_parser --skip-kernel-load --skip-cache --quiet "$profile" 2>"$tmp/err" || { cat "$tmp/err"; fail "apparmor_parser rejects the profile"; }
  parsed="as shipped"
else
  # AppArmor 3 (Debian 12) knows neither abi 4.0 nor the userns rule: everything else must parse under abi 3.0
  sed 's|^abi <abi/4.0>,$|abi <abi/3.0>,|; /^  userns,$/d' "$profile" > "$tmp/abi3"
  apparmor_parser --skip-kernel-load --skip-cache --quiet "$tmp/abi3" 2>"$tmp/err" || { cat "$tmp/err"; fail "apparmor_parser rejects the profile"; }
  [ "$(apparmor_parser --names "$tmp/abi3" 2>/dev/null)" = "labbench" ] || fail "the profile is not named labbench"
  if apparmor_parser --skip-kernel-load --skip-cache --quiet "$profile" >/dev/null 2>&1; then
    fail "AppArmor $version accepted abi 4.0 and userns: then the test above should parse it as shipped"
  fi
  parsed="without abi 4.0 and userns (AppArmor $version knows neither)"
fi

run() {  # run the postinst/prerm script against the scratch folder
  env LABBENCH_APPARMOR_SOURCE="$profile" LABBENCH_APPARMOR_DIR="$tmp/etc" "$@"
}
mkdir -p "$tmp/etc"
# With this machine's parser and AppArmor inactive: installed exactly when the parser knows userns.
out=$(run LABBENCH_APPARMOR_ACTIVE=no sh "$script" install) || fail "install exited non-zero with this machine's parser"
if [ "$version" -ge 4 ]; then
  cmp -s "$profile" "$tmp/etc/labbench" || fail "install did not copy the profile"
else
  [ ! -e "$tmp/etc/labbench" ] || fail "install copied a profile AppArmor $version cannot load"
  echo "$out" | grep -q "does not know the userns rule" || fail "install said nothing about skipping the profile: $out"
fi
rm -f "$tmp/etc/labbench"

# With AppArmor 4's parser, active: a stand-in that records its calls (AppArmor 4 is not in Debian 12).
cat > "$tmp/parser" <<STUB
#!/bin/sh
echo "\$*" >> "$tmp/calls"
case "\$*" in *--replace*) exit \${LOAD_EXIT:-0} ;; esac
exit 0
STUB
chmod +x "$tmp/parser"
run LABBENCH_APPARMOR_PARSER="$tmp/parser" LABBENCH_APPARMOR_ACTIVE=yes sh "$script" install >/dev/null || fail "install exited non-zero"
cmp -s "$profile" "$tmp/etc/labbench" || fail "install did not copy the profile to the profile folder"
grep -qx -- "--replace --write-cache $tmp/etc/labbench" "$tmp/calls" || fail "install did not load the profile: $(cat "$tmp/calls")"
run LABBENCH_APPARMOR_PARSER="$tmp/parser" LABBENCH_APPARMOR_ACTIVE=yes sh "$script" remove || fail "remove exited non-zero"
[ ! -e "$tmp/etc/labbench" ] || fail "remove left $tmp/etc/labbench"
grep -qx -- "--remove $tmp/etc/labbench" "$tmp/calls" || fail "remove did not unload the profile: $(cat "$tmp/calls")"

# AppArmor inactive: copied, not loaded. A profile that does not load never fails the installation.
: > "$tmp/calls"
run LABBENCH_APPARMOR_PARSER="$tmp/parser" LABBENCH_APPARMOR_ACTIVE=no sh "$script" install >/dev/null || fail "install exited non-zero"
! grep -q -- "--replace" "$tmp/calls" || fail "install loaded a profile while AppArmor is inactive"
rm -f "$tmp/etc/labbench"
out=$(run LOAD_EXIT=1 LABBENCH_APPARMOR_PARSER="$tmp/parser" LABBENCH_APPARMOR_ACTIVE=yes sh "$script" install) \
  || fail "a profile that did not load failed the installation"
echo "$out" | grep -q "sudo apparmor_parser -r $tmp/etc/labbench" || fail "a failed load did not give the command that loads it: $out"
# No AppArmor at all: nothing happens.
rm -rf "$tmp/etc"/*
run LABBENCH_APPARMOR_PARSER=/nonexistent/apparmor_parser sh "$script" install || fail "install without AppArmor exited non-zero"
[ -z "$(ls -A "$tmp/etc")" ] || fail "install without AppArmor wrote $(ls "$tmp/etc")"

echo "apparmor check: passed (the profile names /opt/labbench/bin/labbench and its runtime's java, parses $parsed; install, load, unload and removal checked)"
