#!/usr/bin/env bash
# The README's first command: a real two-platform (linux/amd64 + linux/arm64 under QEMU) attested build of
# examples/hello, pushed to the local registry by the committed CLI bundle; prints digests and buildinfo.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d node_modules ] || npm ci --no-audit --no-fund >/dev/null
bash scripts/stack-up.sh
set -a
# shellcheck disable=SC1091
. .stack/env
set +a
node dist/cli/index.js build \
  --driver docker \
  --platform linux/amd64,linux/arm64 \
  --tag "$KILN_REGISTRY/kiln/demo:latest" \
  --push \
  --sbom-generator "$KILN_SBOM_GENERATOR" \
  --build-arg "BASE=$KILN_BASE_IMAGE" \
  examples/hello
