#!/usr/bin/env bash
# Builds the deb, installs it with apt, starts the installed launcher under Xvfb with
# --startup-probe, and uninstalls it again. Needs root (dpkg -i) and Xvfb; skips with a reason otherwise.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
if [ "$(id -u)" != 0 ] || ! command -v dpkg >/dev/null || ! command -v Xvfb >/dev/null; then
  echo "installer check: skipped (needs root, dpkg and Xvfb)"
  exit 0
fi
start=$(date +%s)
./mvnw -B -ntp -q -Pinstallers -pl installer -am -DskipTests package
echo "installer check: packages built in $(( $(date +%s) - start )) s"
deb=$(ls installer/target/packages/labbench_*.deb)
ls -l "$deb" installer/target/packages
# apt resolves the package's dependencies (xdg-utils for the menu entry, the local lab's tools) as a
# learner's `sudo apt install ./labbench_….deb` would.
# The package's post-install script registers the menu entry with xdg-desktop-menu, which needs the
# system menu folders that every desktop has but a bare CI machine lacks.
mkdir -p /usr/share/applications /usr/share/desktop-directories
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$PWD/$deb" >/dev/null
trap 'dpkg -r labbench >/dev/null 2>&1 || true' EXIT
launcher=/opt/labbench/bin/labbench
"$launcher" --version
# The AppArmor profile names these two programs; postinst installs it where AppArmor knows its userns
# rule (AppArmor 4) and leaves it out elsewhere (Debian 12's AppArmor 3 neither knows nor needs it).
test -x /opt/labbench/bin/labbench && test -x /opt/labbench/lib/runtime/bin/java \
  || { echo "installer check: FAILED: the paths the AppArmor profile names are not installed"; exit 1; }
if command -v apparmor_parser >/dev/null && [ "$(apparmor_parser --version | sed -n '1s/.*version \([0-9][0-9]*\)\..*/\1/p')" -ge 4 ]; then
  cmp -s /opt/labbench/lib/app/labbench.apparmor /etc/apparmor.d/labbench \
    || { echo "installer check: FAILED: postinst did not install the AppArmor profile"; exit 1; }
elif [ -e /etc/apparmor.d/labbench ]; then
  echo "installer check: FAILED: postinst installed an AppArmor profile this AppArmor cannot load"; exit 1
fi
# postinst made the class-data archive for the installed paths; -Xshare:on makes the JVM refuse to
# start unless it can map it (by default a missing or stale archive is skipped silently).
archive=/opt/labbench/lib/app/labbench.jsa
test -f "$archive" || { echo "installer check: FAILED: postinst made no class-data archive ($archive)"; exit 1; }
JAVA_TOOL_OPTIONS=-Xshare:on "$launcher" --version >/dev/null 2>&1 \
  || { echo "installer check: FAILED: the installed app cannot map its class-data archive $archive"; exit 1; }
echo "installer check: class-data archive $archive ($(du -m "$archive" | cut -f1) MB) is mapped"
display=:$(( 90 + RANDOM % 9 ))
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null || true; dpkg -r labbench >/dev/null 2>&1 || true' EXIT
sleep 1
home=$(mktemp -d)
# The launcher runs on the runtime jlink put inside the package (lib/runtime), whatever JDK the machine has.
test -x /opt/labbench/lib/runtime/bin/java
# The probe's figures are on standard output, its last line the milliseconds alone; the JVM's and
# JavaFX's log lines go to standard error and are shown only when something fails.
out=$(env -i DISPLAY="$display" HOME="$home" PATH=/usr/sbin:/usr/bin:/sbin:/bin \
      XDG_CONFIG_HOME="$home/config" XDG_DATA_HOME="$home/data" XDG_STATE_HOME="$home/state" \
      timeout 120 "$launcher" --startup-probe --backend shells 2>"$home/probe.err") \
  || { echo "$out"; tail -20 "$home/probe.err"; echo "installer check: FAILED: the installed app did not start"; exit 1; }
echo "$out"
echo "$out" | tail -1 | grep -Eq '^[0-9]+$' \
  || { tail -20 "$home/probe.err"; echo "installer check: FAILED: no start-up time printed"; exit 1; }
# The local lab runs in a daemon started from the packaged runtime: build it and take it down again.
if command -v ip >/dev/null && command -v iptables >/dev/null; then
  env -i HOME="$home" PATH=/usr/sbin:/usr/bin:/sbin:/bin XDG_STATE_HOME="$home/state" \
      timeout 180 "$launcher" lab up --json > "$home/up.json" \
    || { cat "$home/up.json"; cat "$home"/state/labbench/locallab/*daemon.log 2>/dev/null | tail -20;
         echo "installer check: FAILED: the installed app could not start the local lab"; exit 1; }
  grep -q '"running" *: *true' "$home/up.json" || { cat "$home/up.json"; echo "installer check: FAILED: lab up did not report a running lab"; exit 1; }
  env -i HOME="$home" PATH=/usr/sbin:/usr/bin:/sbin:/bin XDG_STATE_HOME="$home/state" timeout 120 "$launcher" lab down
  echo "installer check: the installed app started and removed the local lab"
fi
dpkg -r labbench >/dev/null
# prerm removes the archive and the AppArmor profile dpkg does not know about, so nothing is left behind.
if [ -e /opt/labbench ] || [ -e /etc/apparmor.d/labbench ]; then
  echo "installer check: FAILED: removing the package left files behind:"; find /opt/labbench | head; exit 1
fi
echo "installer check: passed (installed from $deb; the app ran on its bundled runtime; removal left nothing)"
