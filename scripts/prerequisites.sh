#!/usr/bin/env bash
# Installs what AdPolicy needs on a fresh Debian machine, only when it is missing:
#   postgres  - PostgreSQL server binaries (the app and the tests start their own clusters from them)
#   chromium  - Debian's Chromium, for the browser tests
# Usage: scripts/prerequisites.sh postgres [chromium]
set -euo pipefail

need_install=()
for what in "$@"; do
  case "$what" in
    postgres)
      if ! compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null && ! command -v initdb >/dev/null; then
        need_install+=(postgresql)
      fi
      ;;
    chromium)
      if [ ! -x "${ADPOLICY_CHROMIUM:-/usr/bin/chromium}" ]; then
        need_install+=(chromium)
      fi
      ;;
  esac
done

if [ ${#need_install[@]} -eq 0 ]; then
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null; then SUDO=sudo; else
    echo "Missing: ${need_install[*]}. Install them (apt-get install ${need_install[*]}) or run this as root." >&2
    exit 1
  fi
else
  SUDO=
fi

echo "Installing ${need_install[*]} (first run on this machine)…"
# We start our own clusters; don't let the package create and start a system-wide one.
$SUDO mkdir -p /etc/postgresql-common
echo "create_main_cluster = false" | $SUDO tee /etc/postgresql-common/createcluster.conf >/dev/null
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${need_install[@]}" >/dev/null
echo "Installed ${need_install[*]}."
