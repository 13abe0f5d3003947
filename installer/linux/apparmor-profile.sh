#!/bin/sh
# Installs or removes LabBench's AppArmor profile (labbench.apparmor beside this script): run by the
# package's postinst ("install") and prerm ("remove"). Never fails: without AppArmor, or with an
# AppArmor too old to know the userns rule (then it does not restrict user namespaces either), there is
# nothing to do; a profile that does not load is reported with the command that loads it.
# The variables below exist for installer/check-apparmor.sh, which runs this against a scratch folder.
set -u
here="$(cd "$(dirname "$0")" && pwd)"
source_profile="${LABBENCH_APPARMOR_SOURCE:-$here/labbench.apparmor}"
profile_dir="${LABBENCH_APPARMOR_DIR:-/etc/apparmor.d}"
parser="${LABBENCH_APPARMOR_PARSER:-apparmor_parser}"
installed="$profile_dir/labbench"

apparmor_active() {
  case "${LABBENCH_APPARMOR_ACTIVE:-}" in
    yes) return 0 ;;
    no) return 1 ;;
  esac
  [ "$(cat /sys/module/apparmor/parameters/enabled 2>/dev/null)" = "Y" ] && [ -d /sys/kernel/security/apparmor ]
}

install_profile() {
  if ! command -v "$parser" >/dev/null 2>&1 || [ ! -d "$profile_dir" ]; then
    return 0
  fi
  # dry run: parse without loading or caching; an AppArmor before 4.0 rejects abi 4.0 and userns
  if ! "$parser" --skip-kernel-load --skip-cache --quiet "$source_profile" >/dev/null 2>&1; then
    echo "LabBench: AppArmor profile not installed: this AppArmor does not know the userns rule (nor restricts user namespaces)."
    return 0
  fi
  cp "$source_profile" "$installed.dpkg-new" && mv "$installed.dpkg-new" "$installed" || {
    echo "LabBench: could not write $installed; the local lab may need: sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0"
    return 0
  }
  if apparmor_active; then
    "$parser" --replace --write-cache "$installed" >/dev/null 2>&1 \
      || echo "LabBench: the AppArmor profile did not load; load it with: sudo apparmor_parser -r $installed"
  fi
  return 0
}

remove_profile() {
  [ -f "$installed" ] || return 0
  if apparmor_active && command -v "$parser" >/dev/null 2>&1; then
    "$parser" --remove "$installed" >/dev/null 2>&1 || true
  fi
  rm -f "$installed" "$installed.dpkg-new"
  return 0
}

case "${1:-}" in
  install) install_profile ;;
  remove) remove_profile ;;
  *) echo "usage: $0 install|remove" >&2; exit 2 ;;
esac
exit 0
