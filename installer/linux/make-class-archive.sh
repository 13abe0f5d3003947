#!/bin/sh
# Dumps LabBench's class-data archive (labbench.jsa) beside this script, for the paths the app is
# installed at. The launcher passes -XX:SharedArchiveFile=$APPDIR/labbench.jsa, so the JVM maps the
# classes the window needs at start-up from the archive instead of reading and verifying them from
# the jars; a missing or stale archive is ignored by the JVM without a word.
# Why at install time: the archive records the class path and each jar's size and time, so it can
# only be made where the jars end up. The package's postinst calls this; as root it can be run again.
set -eu
app=$(cd "$(dirname "$0")" && pwd)
java="$app/../runtime/bin/java"
# The class path exactly as the launcher builds it from labbench.cfg, in the same order.
classpath=$(sed -n "s#^app\.classpath=\\\$APPDIR#$app#p" "$app/labbench.cfg" | paste -sd: -)
log=$(mktemp)
trap 'rm -f "$log" "$app/labbench.jsa.new"' EXIT
if "$java" -Xshare:dump -XX:SharedClassListFile="$app/labbench.classlist" \
     -XX:SharedArchiveFile="$app/labbench.jsa.new" -cp "$classpath" >"$log" 2>&1; then
  mv -f "$app/labbench.jsa.new" "$app/labbench.jsa"
  echo "LabBench: class-data archive written ($(du -m "$app/labbench.jsa" | cut -f1) MB); the window starts faster."
else
  echo "LabBench: no class-data archive (the window starts, only slower). The JVM said:" >&2
  tail -5 "$log" >&2
  exit 1
fi
