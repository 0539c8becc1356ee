#!/usr/bin/env bash
# Live end-to-end test: installs the example DRF backend into its own venv (pinned
# requirements), runs its Django test suite, migrates a fresh SQLite database, seeds demo
# data, dumps the schema as OAS 3.0.3 and 3.1.0, starts the server on a free port of
# 127.0.0.1, then runs every tests/e2e/languages/<language>.sh against it. Those scripts get
# CLIENTGEN (the binary), DRF_BASE_URL, DRF_SCHEMA_30, DRF_SCHEMA_31, DRF_PROJECT_30 and
# DRF_PROJECT_31 (the example's clientgen.toml generated from each schema) and E2E_WORK (a
# scratch directory removed afterwards) in their environment.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
backend="$root/examples/drf-backend"
venv="$backend/.venv"
clientgen="$root/target/release/clientgen"

if [[ ! -x "$venv/bin/python" ]] || ! cmp -s "$backend/requirements.txt" "$venv/.clientgen-installed-requirements" 2>/dev/null; then
  echo "installing the example backend's Python packages into $venv"
  python3 -m venv "$venv"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$backend/requirements.txt"
  cp "$backend/requirements.txt" "$venv/.clientgen-installed-requirements"
fi
python="$venv/bin/python"

work="$(mktemp -d)"
server_pid=""
cleanup() {
  if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

export DRF_BACKEND_DB="$work/db.sqlite3"
export DRF_BACKEND_MEDIA="$work/media"
export DRF_BACKEND_DEBUG=0
cd "$backend"

echo "backend: Django test suite"
"$python" -W error manage.py test --verbosity 0 2>&1 | tail -3

echo "backend: migrate, seed, dump schemas"
"$python" manage.py migrate --noinput --verbosity 0
"$python" manage.py seed_demo --verbosity 0 >/dev/null
"$python" manage.py spectacular --validate --fail-on-warn --file "$work/schema-3.0.yaml"
SPECTACULAR_OAS_VERSION=3.1.0 "$python" manage.py spectacular --validate --fail-on-warn --file "$work/schema-3.1.yaml"
grep -q "^openapi: 3.0.3" "$work/schema-3.0.yaml"
grep -q "^openapi: 3.1.0" "$work/schema-3.1.yaml"
# examples/drf-backend/openapi.yaml is the bundled example the README generates from.
if ! cmp -s "$work/schema-3.0.yaml" "$backend/openapi.yaml"; then
  echo "FAIL: examples/drf-backend/openapi.yaml is stale; regenerate it with" >&2
  echo "  (cd examples/drf-backend && .venv/bin/python manage.py spectacular --validate --fail-on-warn --file openapi.yaml)" >&2
  diff "$backend/openapi.yaml" "$work/schema-3.0.yaml" | head -20 >&2
  exit 1
fi

port="$("$python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
"$python" manage.py runserver "127.0.0.1:$port" --noreload >"$work/server.log" 2>&1 &
server_pid=$!
base_url="http://127.0.0.1:$port"
"$python" - "$base_url" <<'PY'
import sys, time, urllib.request
url = sys.argv[1] + "/api/health/"
deadline = time.time() + 60
while True:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            if response.status == 200:
                break
    except OSError:
        pass
    if time.time() > deadline:
        sys.exit(f"the backend did not answer {url} within 60 s")
    time.sleep(0.2)
PY
echo "backend: listening on $base_url"

# The example backend's clientgen.toml (three groups, one in the cfg zone), generated for each
# schema version; the scenarios run on the `desk` group's clients.
for version in 3.0 3.1; do
  project="$work/project-${version/./}"
  mkdir -p "$project"
  sed -e "s|^schema = .*|schema = \"$work/schema-$version.yaml\"|" -e 's|^output_dir = .*|output_dir = "out"|' \
    "$backend/clientgen.toml" >"$project/clientgen.toml"
  "$clientgen" generate --config "$project/clientgen.toml" --quiet
  for expected in clients/typescript/custom/desk clients/python/cfg/cfg_support clients/go/custom/public \
    clients/proto/cfg/cfg_support schemas/custom/desk/openapi.json; do
    if [[ ! -e "$project/out/$expected" ]]; then
      echo "FAIL: the project generation did not write $expected" >&2
      exit 1
    fi
  done
done
echo "backend: generated the clientgen.toml project (3 groups × 4 languages) for both schemas"

# Each language's scenario is a script in tests/e2e/languages/, run with the server up.
export CLIENTGEN="$clientgen"
export DRF_BASE_URL="$base_url"
export DRF_SCHEMA_30="$work/schema-3.0.yaml"
export DRF_SCHEMA_31="$work/schema-3.1.yaml"
# Generated outputs of the example's clientgen.toml: <project>/clients/<language>/<zone>/<group>.
export DRF_PROJECT_30="$work/project-30/out"
export DRF_PROJECT_31="$work/project-31/out"
export E2E_WORK="$work"
for scenario in "$root"/tests/e2e/languages/*.sh; do
  [[ -x "$scenario" ]] || continue
  echo
  echo "scenario: $(basename "$scenario" .sh)"
  "$scenario"
done
