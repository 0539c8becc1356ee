#!/usr/bin/env bash
# The Go checks need the go command (1.24 or later: the generated code uses the omitzero
# struct tag option). The generated modules use the standard library only, so nothing is
# downloaded.
set -euo pipefail
if ! command -v go >/dev/null 2>&1; then
  echo "error: the go command is not installed (Go 1.24 or later is needed)" >&2
  exit 1
fi
version="$(go env GOVERSION)"
minor="$(echo "$version" | sed -E 's/^go1\.([0-9]+).*/\1/')"
if [[ "$minor" =~ ^[0-9]+$ ]] && (( minor < 24 )); then
  echo "error: $version is too old; Go 1.24 or later is needed" >&2
  exit 1
fi
echo "using $version"
