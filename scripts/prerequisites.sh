#!/usr/bin/env bash
# Installs what AdPolicy needs on a fresh Debian machine, only when it is missing:
#   postgres  - PostgreSQL server binaries (the app and the tests start their own clusters from them)
#   chromium  - Debian's Chromium, for the browser tests
#   servers   - the npm test servers in tests/servers (maildev for SMTP, s3rver for S3), from the committed lock;
#               installs Node.js and npm from Debian first when the machine has no npm
# Usage: scripts/prerequisites.sh postgres [chromium] [servers]
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
    servers)
      if ! command -v npm >/dev/null; then
        need_install+=(nodejs npm)
      fi
      servers=yes
      ;;
  esac
done

install_servers() {
  local folder
  folder="$(cd "$(dirname "$0")/.." && pwd)/tests/servers"
  # npm ci only when the lock changed since the last install: a stamp beside node_modules remembers it.
  if ! cmp -s "$folder/package-lock.json" "$folder/node_modules/.adpolicy-installed-lock" 2>/dev/null; then
    echo "Installing the npm test servers (maildev, s3rver) into tests/servers…"
    (cd "$folder" && npm ci --no-audit --no-fund --loglevel=error)
    cp "$folder/package-lock.json" "$folder/node_modules/.adpolicy-installed-lock"
  fi
}

if [ ${#need_install[@]} -eq 0 ]; then
  if [ "${servers:-}" = yes ]; then install_servers; fi
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
if [ "${servers:-}" = yes ]; then install_servers; fi
