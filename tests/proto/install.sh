#!/usr/bin/env bash
# Installs the pinned proto toolchain: grpcio-tools (protoc with the Python gRPC plugin) into
# tests/proto/.venv; the Buf CLI, ts-proto, grpc-js and TypeScript into tests/proto/node_modules;
# protoc-gen-go and protoc-gen-go-grpc into tests/proto/.gobin, and the Go modules the
# generated Go code needs (tests/proto/go/go.mod) into the module cache; each unless it is
# already there in the pinned version.
set -euo pipefail
cd "$(dirname "$0")"
if [[ ! -x .venv/bin/python ]] || ! cmp -s requirements.txt .venv/.clientgen-installed-requirements 2>/dev/null; then
  python3 -m venv .venv
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
  cp requirements.txt .venv/.clientgen-installed-requirements
fi
if [[ ! -f node_modules/.package-lock.json ]] || ! cmp -s package-lock.json node_modules/.clientgen-installed-lock 2>/dev/null; then
  # npm ci rejects this lock file (it cannot record the optional per-platform binaries), so
  # install from it with npm install; package.json pins the exact version.
  npm install --no-audit --no-fund --loglevel=error
  cp package-lock.json node_modules/.clientgen-installed-lock
fi
# The Go plugins the generated README's Go commands use, in pinned versions.
protoc_gen_go=v1.36.11
protoc_gen_go_grpc=v1.6.2
stamp="$protoc_gen_go $protoc_gen_go_grpc"
if [[ ! -x .gobin/protoc-gen-go || ! -x .gobin/protoc-gen-go-grpc ]] || [[ "$(cat .gobin/.clientgen-installed 2>/dev/null)" != "$stamp" ]]; then
  GOBIN="$PWD/.gobin" go install "google.golang.org/protobuf/cmd/protoc-gen-go@$protoc_gen_go"
  GOBIN="$PWD/.gobin" go install "google.golang.org/grpc/cmd/protoc-gen-go-grpc@$protoc_gen_go_grpc"
  echo "$stamp" > .gobin/.clientgen-installed
fi
(cd go && go mod download)
