#!/usr/bin/env bash
# Installs the pinned proto toolchain: grpcio-tools (protoc with the Python gRPC plugin) into
# tests/proto/.venv, and the Buf CLI (@bufbuild/buf) into tests/proto/node_modules, unless
# they already match requirements.txt and package-lock.json.
set -euo pipefail
cd "$(dirname "$0")"
if [[ ! -x .venv/bin/python ]] || ! cmp -s requirements.txt .venv/.clientgen-installed-requirements 2>/dev/null; then
  python3 -m venv .venv
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
  cp requirements.txt .venv/.clientgen-installed-requirements
fi
if [[ ! -f node_modules/.package-lock.json ]] || ! cmp -s package-lock.json node_modules/.clientgen-installed-lock 2>/dev/null; then
  # npm ci rejects this lock file (it cannot record the optional per-platform binaries), so
  # install from it with npm install; package.json pins the exact version.
  npm install --no-audit --no-fund --loglevel=error
  cp package-lock.json node_modules/.clientgen-installed-lock
fi
