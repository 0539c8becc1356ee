#!/usr/bin/env bash
# Python scenario: for the OAS 3.0.3 and the 3.1.0 schema, take the `desk` group's client
# generated from the example's clientgen.toml (package desk_client) into
# tests/python/generated/drf-live, install it with `pip install -e` into the pinned venv of
# tests/python, type-check it (mypy --strict, pyright strict) and run the pytest scenario on
# the live backend with the async and the sync client. The two clients must be identical.
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"
cd "$root/tests/python"
venv="$root/tests/python/.venv/bin"
export PYRIGHT_PYTHON_IGNORE_WARNINGS=1
for version in 30 31; do
  project_variable="DRF_PROJECT_$version"
  echo "python client of group desk from ${!project_variable}"
  rm -rf generated/drf-live
  cp -r "${!project_variable}/clients/python/custom/desk" generated/drf-live
  rm -rf "$E2E_WORK/python-$version"
  cp -r generated/drf-live "$E2E_WORK/python-$version"
  "$venv/python" -m pip install --quiet --disable-pip-version-check --no-build-isolation --no-deps -e generated/drf-live
  "$venv/mypy" --strict --no-incremental --cache-dir=/dev/null generated/drf-live/desk_client
  "$venv/pyright" -p pyrightconfig.json --pythonpath "$venv/python" generated/drf-live/desk_client
  "$venv/python" -m pytest -q -p no:cacheprovider scenario
done
# The loader's 3.0 → 3.1 upgrade must make both schemas mean the same thing.
if ! diff -r -q -x .clientgen "$E2E_WORK/python-30" "$E2E_WORK/python-31" >/dev/null; then
  echo "FAIL: the clients generated from the 3.0.3 and 3.1.0 schemas differ:" >&2
  diff -r -x .clientgen "$E2E_WORK/python-30" "$E2E_WORK/python-31" | head -40 >&2
  exit 1
fi
echo "the 3.0.3 and 3.1.0 schemas give byte-identical Python clients"
