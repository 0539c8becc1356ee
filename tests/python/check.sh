#!/usr/bin/env bash
# Generates the Python client of every spec in ../shared/specs and every fixture in
# tests/fixtures, then checks each with the pinned toolchain of tests/python/.venv:
# ruff check, ruff format --check (the output must already be formatted), mypy --strict,
# pyright in strict mode, and an import of every module with every model validator built.
# Also checks that generating twice gives byte-identical output. Any failure fails the run.
#
# Usage: tests/python/check.sh [NAME...]   (spec or fixture names without extension)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root/tests/python"
clientgen="${CLIENTGEN:-$root/target/release/clientgen}"
shared="${CLIENTGEN_SHARED_SPECS:-$root/../shared/specs}"
venv="$root/tests/python/.venv/bin"
export PYRIGHT_PYTHON_IGNORE_WARNINGS=1

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

wanted=("$@")
failed=0
mkdir -p generated .work
for spec in "${specs[@]}"; do
  name="$(basename "${spec%.*}")"
  if (( ${#wanted[@]} > 0 )) && [[ ! " ${wanted[*]} " == *" $name "* ]]; then
    continue
  fi
  out="generated/$name"
  "$clientgen" generate --lang python --schema "$spec" --out "$out" --quiet
  "$clientgen" generate --lang python --schema "$spec" --out "generated/.again" --quiet
  if ! diff -r -q "$out" "generated/.again" >/dev/null; then
    echo "FAIL $name: two runs gave different output" >&2
    diff -r "$out" "generated/.again" | head -20 >&2
    failed=1
  fi
  rm -rf "generated/.again"
  package="$(basename "$(dirname "$(find "$out" -maxdepth 2 -name py.typed | head -1)")")"
  files=$(find "$out" -name '*.py' | wc -l)
  results=()
  check() {
    local label="$1"
    shift
    if "$@" >".work/$name-$label.log" 2>&1; then
      results+=("$label ok")
    else
      results+=("$label FAILED")
      failed=1
      echo "---- $name: $label" >&2
      head -40 ".work/$name-$label.log" >&2
    fi
  }
  check "ruff-check" "$venv/ruff" check --no-cache "$out"
  check "ruff-format" "$venv/ruff" format --check --no-cache "$out"
  check "mypy" "$venv/mypy" --strict --no-incremental --cache-dir=/dev/null "$out/$package"
  check "pyright" "$venv/pyright" -p pyrightconfig.json --pythonpath "$venv/python" "$out/$package"
  check "import" env PYTHONPATH="$out" "$venv/python" -W error "$root/tests/python/import_all.py" "$package"
  printf '  %-20s %5d files  %s\n' "$name" "$files" "$(IFS=,; echo "${results[*]}" | sed 's/,/, /g')"
done
exit "$failed"
