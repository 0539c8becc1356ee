#!/usr/bin/env bash
# Go scenario: for the OAS 3.0.3 and the 3.1.0 schema, take the `desk` group's Go client
# generated from the example's clientgen.toml (module example.com/supportdesk/desk) into
# tests/go/generated/drf-live, check it with gofmt -l and go vet, and run tests/go/scenario
# against the live backend. The two clients must be identical.
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"
cd "$root/tests/go"
export GOTOOLCHAIN=local GOFLAGS=-mod=mod
for version in 30 31; do
  project_variable="DRF_PROJECT_$version"
  echo "go client of group desk from ${!project_variable}"
  rm -rf generated/drf-live
  cp -r "${!project_variable}/clients/go/custom/desk" generated/drf-live
  rm -rf "$E2E_WORK/go-$version"
  cp -r generated/drf-live "$E2E_WORK/go-$version"
  unformatted="$(gofmt -l generated/drf-live scenario)"
  if [[ -n "$unformatted" ]]; then
    echo "FAIL: not gofmt-clean: $unformatted" >&2
    exit 1
  fi
  (cd generated/drf-live && go vet ./...)
  (cd scenario && go vet . && go run .)
done
# The loader's 3.0 → 3.1 upgrade must make both schemas mean the same thing.
if ! diff -r -q -x .clientgen "$E2E_WORK/go-30" "$E2E_WORK/go-31" >/dev/null; then
  echo "FAIL: the Go clients generated from the 3.0.3 and 3.1.0 schemas differ:" >&2
  diff -r -x .clientgen "$E2E_WORK/go-30" "$E2E_WORK/go-31" | head -40 >&2
  exit 1
fi
echo "the 3.0.3 and 3.1.0 schemas give byte-identical Go clients"
