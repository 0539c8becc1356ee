#!/usr/bin/env bash
# TypeScript scenario: for the OAS 3.0.3 and the 3.1.0 schema, take the `desk` group's client
# generated from the example's clientgen.toml into tests/typescript/generated/drf-live,
# type-check the scenario and the React usage file against it, and run the scenario on the
# live backend. The two clients must be identical.
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"
cd "$root/tests/typescript"
for version in 30 31; do
  project_variable="DRF_PROJECT_$version"
  echo "typescript client of group desk from ${!project_variable}"
  rm -rf generated/drf-live
  cp -r "${!project_variable}/clients/typescript/custom/desk" generated/drf-live
  rm -rf "$E2E_WORK/typescript-$version"
  cp -r generated/drf-live "$E2E_WORK/typescript-$version"
  ./node_modules/.bin/tsc -p tsconfig.json
  ./node_modules/.bin/tsx scenario/support-desk.ts
done
# The loader's 3.0 → 3.1 upgrade must make both schemas mean the same thing.
if ! diff -r -q -x .clientgen "$E2E_WORK/typescript-30" "$E2E_WORK/typescript-31" >/dev/null; then
  echo "FAIL: the clients generated from the 3.0.3 and 3.1.0 schemas differ:" >&2
  diff -r -x .clientgen "$E2E_WORK/typescript-30" "$E2E_WORK/typescript-31" | head -40 >&2
  exit 1
fi
echo "the 3.0.3 and 3.1.0 schemas give byte-identical TypeScript clients"
