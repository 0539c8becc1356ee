#!/usr/bin/env bash
# Installs the pinned TypeScript toolchain (tsc 5.9, tsgo 7, zod 4, swr 2, react 19, tsx)
# unless node_modules already matches package-lock.json.
set -euo pipefail
cd "$(dirname "$0")"
if [[ -f node_modules/.package-lock.json ]] && cmp -s package-lock.json node_modules/.clientgen-installed-lock 2>/dev/null; then
  exit 0
fi
npm ci --no-audit --no-fund --loglevel=error
cp package-lock.json node_modules/.clientgen-installed-lock
