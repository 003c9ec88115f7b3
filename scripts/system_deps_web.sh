#!/bin/sh
# Debian's chromium for the dashboard's browser tests (tests/web); idempotent.
# Playwright drives it at /usr/bin/chromium, so no browser is downloaded.
# Installs only where chromium is missing, with sudo when not root.
set -eu
if [ -x /usr/bin/chromium ]; then
    exit 0
fi
if [ "$(id -u)" -eq 0 ]; then
    SUDO=""
elif command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
else
    echo "chromium is missing: run this script as root (apt-get install chromium)" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends chromium >/dev/null
ls /usr/bin/chromium
