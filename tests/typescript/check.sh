#!/usr/bin/env bash
# Generates the TypeScript client of every spec in ../shared/specs and every fixture in
# tests/fixtures, then type-checks each with tsc 5.9 and (where it runs) tsgo 7, using the
# strict tsconfig.json clientgen writes into each client, and runs tests/typescript/fixtures/
# <name>.test.ts with tsx (zod schemas on real values) where there is one. Any error fails the
# run. Also checks that generating twice gives byte-identical output.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root/tests/typescript"
clientgen="$root/target/release/clientgen"
shared="${CLIENTGEN_SHARED_SPECS:-$root/../shared/specs}"

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

tsgo=""
if ./node_modules/.bin/tsgo --version >/dev/null 2>&1; then
  tsgo=./node_modules/.bin/tsgo
else
  echo "note: tsgo (TypeScript 7) does not run on this machine; checking with tsc only" >&2
fi

failed=0
mkdir -p generated
for spec in "${specs[@]}"; do
  name="$(basename "${spec%.*}")"
  out="generated/$name"
  "$clientgen" generate --schema "$spec" --out "$out" --quiet
  "$clientgen" generate --schema "$spec" --out "generated/.again" --quiet
  if ! diff -r -q "$out" "generated/.again" >/dev/null; then
    echo "FAIL $name: two runs gave different output" >&2
    diff -r "$out" "generated/.again" | head -20 >&2
    failed=1
  fi
  rm -rf "generated/.again"
  files=$(find "$out" -name '*.ts' | wc -l)
  if ./node_modules/.bin/tsc -p "$out/tsconfig.json"; then
    tsc_result="tsc ok"
  else
    tsc_result="tsc FAILED"
    failed=1
  fi
  tsgo_result=""
  if [[ -n "$tsgo" ]]; then
    if "$tsgo" -p "$out/tsconfig.json"; then
      tsgo_result=", tsgo ok"
    else
      tsgo_result=", tsgo FAILED"
      failed=1
    fi
  fi
  run_result=""
  if [[ -f "fixtures/$name.test.ts" ]]; then
    if ./node_modules/.bin/tsx "fixtures/$name.test.ts" >&2; then
      run_result=", run ok"
    else
      run_result=", run FAILED"
      failed=1
    fi
  fi
  printf '  %-28s %5d files  %s%s%s\n' "$name" "$files" "$tsc_result" "$tsgo_result" "$run_result"
done
# The fixture tests themselves type-check against the clients generated above.
if ./node_modules/.bin/tsc -p fixtures/tsconfig.json; then
  echo "  fixture tests                        tsc ok"
else
  echo "  fixture tests                        tsc FAILED"
  failed=1
fi
exit "$failed"
