#!/usr/bin/env bash
# Regenerates src/buildkit/gen from proto/ with Debian's protoc and protoc-gen-es from node_modules.
# The output is committed; CI does not run this.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v protoc >/dev/null || [ ! -f /usr/include/google/protobuf/timestamp.proto ]; then
  apt-get install -y -q --no-install-recommends protobuf-compiler libprotobuf-dev >/dev/null
fi
rm -rf src/buildkit/gen
mkdir -p src/buildkit/gen
mapfile -t protos < <(cd proto && find . -name '*.proto' -printf '%P\n' | LC_ALL=C sort)
protoc --plugin=protoc-gen-es=node_modules/.bin/protoc-gen-es \
  --es_out=src/buildkit/gen --es_opt=target=ts,import_extension=js \
  -I proto -I /usr/include "${protos[@]}"
npx prettier --log-level warn --write src/buildkit/gen
