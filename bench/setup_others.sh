#!/usr/bin/env bash
# Creates the virtual environments that hold the competitor tools for the
# benchmarks (bench/zwnj.py, bench/text_speed.py). They are kept apart from
# the project venv so that rasad's own pins are never disturbed.
#
#   bench/.venv-others  shekar 1.7.0 and parsivar 0.2.3.1
#   bench/.venv-hazm    hazm 0.10.0 alone
#
# hazm 0.10.0 pins numpy==1.24.3 while shekar 1.7.0 needs numpy>=2, so pip
# cannot put them in one environment; hazm gets its own. The benchmarks look
# for hazm in .venv-hazm first and fall back to .venv-others.
#
# Usage: bash bench/setup_others.sh [--fresh]
#   --fresh  delete both venvs first and build them again from nothing.
# Needs python3.11 on PATH (or PY=/path/to/python3.11) and access to PyPI.
set -euo pipefail

cd "$(dirname "$0")"
PY="${PY:-python3.11}"

if [[ "${1:-}" == "--fresh" ]]; then
    rm -rf .venv-others .venv-hazm
fi

make_venv() {
    local dir="$1"
    shift
    if [[ ! -x "$dir/bin/python" ]]; then
        "$PY" -m venv "$dir"
    fi
    "$dir/bin/python" -m pip install --quiet --upgrade pip
    "$dir/bin/python" -m pip install --quiet "$@"
}

make_venv .venv-others "shekar==1.7.0" "parsivar==0.2.3.1"
make_venv .venv-hazm "hazm==0.10.0"

# Smoke test: each normalizer loads and runs once.
.venv-others/bin/python -c "
from shekar import Normalizer
from parsivar import Normalizer as P
print('shekar  ', Normalizer()('می خواهم'))
print('parsivar', P().normalize('می خواهم'))"
.venv-hazm/bin/python -c "
from hazm import Normalizer
print('hazm    ', Normalizer().normalize('می خواهم'))"
