#!/bin/sh
# Debian's packages the tests need; idempotent, run by `make install`:
# PostgreSQL for the store's tests (tests/store and tests/search run every test
# on SQLite and on a throwaway PostgreSQL server) and chromium for the
# dashboard's browser tests (tests/web: Playwright drives /usr/bin/chromium,
# so no browser is downloaded). Installs only what is missing, with sudo when
# not root.
set -eu
missing=""
if ! command -v initdb >/dev/null 2>&1 && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    missing="$missing postgresql"
fi
if [ ! -x /usr/bin/chromium ]; then
    missing="$missing chromium"
fi
[ -n "$missing" ] || exit 0
if [ "$(id -u)" -eq 0 ]; then
    SUDO=""
elif command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
else
    echo "missing:$missing; run this script as root (apt-get install$missing)" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
ls /usr/lib/postgresql/*/bin/initdb /usr/bin/chromium
