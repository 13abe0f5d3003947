#!/usr/bin/env bash
# Rewrites labbench.classlist: the classes the installed window loads until its lab guide and watch
# dock are shown, recorded by the JVM while the app image starts once under Xvfb. The package's
# postinst turns the list into a class-data archive (make-class-archive.sh). Run it after changes
# that alter what the window loads at start-up; a stale list still works, it only archives less
# (classes that no longer exist are skipped, new ones load from the jars).
# Needs: the app image (./mvnw -Pinstallers -pl installer -am -DskipTests package) and Xvfb.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
image="$here/../target/packages/labbench"
[ -x "$image/bin/labbench" ] || { echo "no app image at $image: build it first (see the comment at the top)" >&2; exit 1; }
display=:$(( 90 + RANDOM % 9 ))
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
home=$(mktemp -d)
trap 'kill $xvfb 2>/dev/null || true; rm -rf "$home"' EXIT
sleep 1
list="$home/labbench.classlist"
env -i DISPLAY="$display" HOME="$home" PATH=/usr/sbin:/usr/bin:/sbin:/bin \
    JAVA_TOOL_OPTIONS="-XX:DumpLoadedClassList=$list" \
    timeout 120 "$image/bin/labbench" --startup-probe --backend shells | tail -1
# Lambda and proxy classes the JVM generates with a per-run name cannot be found again at dump time.
grep -v -E '\$\$Lambda\$|/\$Proxy[0-9]' "$list" > "$here/labbench.classlist"
echo "labbench.classlist: $(grep -vc '^#' "$here/labbench.classlist") classes"
