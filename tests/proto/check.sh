#!/usr/bin/env bash
# Generates the proto files of every spec in ../shared/specs and every fixture in
# tests/fixtures, then compiles each with protoc from grpcio-tools (Python messages and gRPC
# stubs, which are also imported), and lints it with `buf lint` against the buf.yaml clientgen
# writes (Buf's STANDARD rules minus the documented exceptions). protox compiles the same
# output inside the Rust tests (crates/clientgen-emit-proto). Also checks that generating
# twice gives byte-identical output. Any failure fails the run.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root/tests/proto"
clientgen="${CLIENTGEN:-$root/target/release/clientgen}"
shared="${CLIENTGEN_SHARED_SPECS:-$root/../shared/specs}"
python="$PWD/.venv/bin/python"
buf="$PWD/node_modules/.bin/buf"

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

failed=0
mkdir -p generated
for spec in "${specs[@]}"; do
  name="$(basename "${spec%.*}")"
  out="generated/$name"
  "$clientgen" generate --schema "$spec" --lang proto --out "$out" --quiet
  "$clientgen" generate --schema "$spec" --lang proto --out "generated/.again" --quiet
  if ! diff -r -q -x .clientgen "$out" "generated/.again" >/dev/null; then
    echo "FAIL $name: two runs gave different output" >&2
    diff -r -x .clientgen "$out" "generated/.again" | head -20 >&2
    failed=1
  fi
  rm -rf "generated/.again"
  files=$(find "$out" -name '*.proto' | wc -l)
  stubs="generated/.stubs-$name"
  rm -rf "$stubs" && mkdir -p "$stubs"
  result=""
  if (cd "$out" && find . -name '*.proto' -printf '%P\n' | sort | xargs "$python" -m grpc_tools.protoc -I . --python_out="../../$stubs" --grpc_python_out="../../$stubs" >&2); then
    # Import every generated module: the stubs must load, not just exist.
    if (cd "$stubs" && find . -name '*.py' -printf '%P\n' | sed 's/\.py$//; s#/#.#g' | sort | "$python" -c '
import importlib, sys
for line in sys.stdin:
    importlib.import_module(line.strip())
' >&2); then
      result="protoc+python ok"
    else
      result="python import FAILED"
      failed=1
    fi
  else
    result="protoc FAILED"
    failed=1
  fi
  rm -rf "$stubs"
  if (cd "$out" && "$buf" lint >&2); then
    result="$result, buf lint ok"
  else
    result="$result, buf lint FAILED"
    failed=1
  fi
  printf '  %-28s %5d files  %s\n' "$name" "$files" "$result"
done
exit "$failed"
