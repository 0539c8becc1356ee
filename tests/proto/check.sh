#!/usr/bin/env bash
# Generates the proto files of every spec in ../shared/specs and every fixture in
# tests/fixtures, then runs the three protoc commands of the generated README.md with protoc
# from grpcio-tools: Python messages and gRPC stubs (then imported), Go with protoc-gen-go and
# protoc-gen-go-grpc (then `go vet`, which builds them, against tests/proto/go/go.mod), and
# TypeScript with ts-proto (then `tsc --strict`); and lints the files with `buf lint` against
# the buf.yaml clientgen writes (Buf's STANDARD rules minus the documented exceptions). protox
# compiles the same output inside the Rust tests (crates/clientgen-emit-proto). Also checks
# that generating twice gives byte-identical output. Any failure fails the run.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root/tests/proto"
clientgen="${CLIENTGEN:-$root/target/release/clientgen}"
shared="${CLIENTGEN_SHARED_SPECS:-$root/../shared/specs}"
python="$PWD/.venv/bin/python"
buf="$PWD/node_modules/.bin/buf"
tsc="$PWD/node_modules/.bin/tsc"
ts_proto="$PWD/node_modules/.bin/protoc-gen-ts_proto"
export PATH="$PWD/.gobin:$PATH"

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
  # The Go and TypeScript commands of the README: every proto file but googleapis' own.
  gen_go="generated/.go-$name"
  gen_ts="generated/.ts-$name"
  rm -rf "$gen_go" "$gen_ts" && mkdir -p "$gen_go" "$gen_ts"
  cp go/go.mod go/go.sum "$gen_go/"
  mapfile -t protos < <(cd "$out" && find . -name '*.proto' -not -path './google/*' -printf '%P\n' | sort)
  if (cd "$out" && "$python" -m grpc_tools.protoc -I . --go_out="../../$gen_go" --go_opt=paths=source_relative \
        --go-grpc_out="../../$gen_go" --go-grpc_opt=paths=source_relative "${protos[@]}" >&2) \
     && (cd "$gen_go" && go vet ./... >&2); then
    result="$result, go ok"
  else
    result="$result, go FAILED"
    failed=1
  fi
  printf '{"compilerOptions": {"target": "ES2022", "module": "ESNext", "moduleResolution": "Bundler", "strict": true, "noEmit": true, "skipLibCheck": true, "esModuleInterop": true, "types": []}, "include": ["**/*.ts"]}\n' > "$gen_ts/tsconfig.json"
  if (cd "$out" && "$python" -m grpc_tools.protoc -I . --plugin="protoc-gen-ts_proto=$ts_proto" --ts_proto_out="../../$gen_ts" \
        --ts_proto_opt=outputServices=grpc-js,esModuleInterop=true "${protos[@]}" >&2) \
     && (cd "$gen_ts" && ln -s ../../node_modules node_modules && "$tsc" -p . >&2); then
    result="$result, ts ok"
  else
    result="$result, ts FAILED"
    failed=1
  fi
  rm -rf "$gen_go" "$gen_ts"
  if (cd "$out" && "$buf" lint >&2); then
    result="$result, buf lint ok"
  else
    result="$result, buf lint FAILED"
    failed=1
  fi
  printf '  %-28s %5d files  %s\n' "$name" "$files" "$result"
done
exit "$failed"
