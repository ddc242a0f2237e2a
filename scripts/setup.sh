#!/usr/bin/env bash
# Installs what a fresh machine lacks for the full test suite (Chromium, PostgreSQL), then the npm dependencies.
set -euo pipefail
cd "$(dirname "$0")/.."

apt_install() {
  if [ "$(id -u)" -eq 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"
  else
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"
  fi
}

# Playwright cannot download its browsers here; Debian's Chromium is used instead.
if [ -z "${CHROMIUM_PATH:-}" ] && [ ! -x /usr/bin/chromium ]; then
  echo "setup: installing Debian's Chromium for the end-to-end tests"
  apt_install chromium
fi

# The job store's tests run against PostgreSQL as well as SQLite; they start a throwaway cluster.
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  echo "setup: installing Debian's PostgreSQL for the job-store tests"
  apt_install postgresql
fi

npm ci
