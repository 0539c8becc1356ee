#!/usr/bin/env bash
# Generates the Go client of every spec in ../shared/specs and every fixture in tests/fixtures,
# then checks each with `gofmt -l` (must list nothing: the output is gofmt-clean as written),
# `go vet ./...` and `go build ./...`, and runs `go test` with tests/go/fixtures/<name>_test.go
# (round trips through the generated JSON methods) where there is one. Also checks that
# generating twice gives byte-identical output. Any failure fails the run.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root/tests/go"
clientgen="${CLIENTGEN:-$root/target/release/clientgen}"
shared="${CLIENTGEN_SHARED_SPECS:-$root/../shared/specs}"
export GOFLAGS="${GOFLAGS:--mod=mod}"
export GOTOOLCHAIN=local

specs=()
if [[ -d "$shared" ]]; then
  for spec in "$shared"/*.yml "$shared"/*.yaml "$shared"/*.json; do
    [[ -f "$spec" ]] && specs+=("$spec")
  done
else
  echo "warning: $shared does not exist; only the fixtures are checked" >&2
fi
for spec in "$root"/tests/fixtures/*.yaml "$root"/tests/fixtures/*.json; do
  [[ -f "$spec" ]] && specs+=("$spec")
done
if [[ -n "${DRF_SCHEMA_30:-}" && -f "${DRF_SCHEMA_30:-}" ]]; then
  specs+=("$DRF_SCHEMA_30")
fi

failed=0
mkdir -p generated
for spec in "${specs[@]}"; do
  name="$(basename "${spec%.*}")"
  out="generated/$name"
  "$clientgen" generate --schema "$spec" --lang go --out "$out" --quiet
  "$clientgen" generate --schema "$spec" --lang go --out "generated/.again" --quiet
  if ! diff -r -q -x .clientgen "$out" "generated/.again" >/dev/null; then
    echo "FAIL $name: two runs gave different output" >&2
    diff -r -x .clientgen "$out" "generated/.again" | head -20 >&2
    failed=1
  fi
  rm -rf "generated/.again"
  files=$(find "$out" -name '*.go' | wc -l)
  result=""
  unformatted="$(gofmt -l "$out")"
  if [[ -n "$unformatted" ]]; then
    result="gofmt FAILED"
    gofmt -d "$out" 2>&1 | head -40 >&2 || true
    failed=1
  else
    result="gofmt ok"
  fi
  if (cd "$out" && go vet ./... >&2); then
    result="$result, vet ok"
  else
    result="$result, vet FAILED"
    failed=1
  fi
  if (cd "$out" && go build ./... >&2); then
    result="$result, build ok"
  else
    result="$result, build FAILED"
    failed=1
  fi
  # Round-trip tests of generated JSON methods, for the fixtures that have them.
  if [[ -f "fixtures/${name}_test.go" ]]; then
    cp "fixtures/${name}_test.go" "$out/"
    if (cd "$out" && go test ./... >&2); then
      result="$result, go test ok"
    else
      result="$result, go test FAILED"
      failed=1
    fi
    rm -f "$out/${name}_test.go"
  fi
  printf '  %-28s %5d files  %s\n' "$name" "$files" "$result"
done
exit "$failed"
