#!/usr/bin/env bash
# The Node.js that GitHub's runner starts the action with (`runs.using: node24`): the official Node.js 24 build,
# not Debian's nodejs. The bench times the action's bundle with it, and the integration tests run the bundles with
# it, because start-up differs a lot between the two (here `node -e 0`: Node 24 27 ms, Debian's Node 20 71 ms).
#
#   scripts/stack/runner-node.sh up    install it (idempotent)
#   scripts/stack/runner-node.sh env   print KILN_RUNNER_NODE=<path of the node binary>
#
# Source: the npm registry's node-linux-<arch> package, which carries the official release binary; the tarball's
# sha512 is pinned below and checked before anything is unpacked. Installed once per machine under
# /var/lib/kiln-stack/node/<version> (root) or .stack/node/<version>.
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

NODE_VERSION=24.22.3
declare -A INTEGRITY=(
  [x64]="sha512-KHsob+Fv9YerATvYujMbiyJqnRCvLtrcr/eTNqRqiOSGp97EOiRP1yP47+knGgQ/xnc3XY8xzkW587dlZzNqRA=="
  [arm64]="sha512-IZx0J52/1NDwAsY2iyWR9nlPIYuYviTWetjj8+ElvYQh2+XRhLfCfkbFEF/2O5vGI2hcUbyPNHV+nz342FbJXw=="
)

case "$(uname -m)" in
  x86_64) ARCH=x64 ;;
  aarch64) ARCH=arm64 ;;
  *) echo "runner-node.sh: no official Node.js 24 package for $(uname -m)" >&2 && exit 1 ;;
esac
if [[ "$(id -u)" == 0 ]]; then HOME_DIR=/var/lib/kiln-stack/node; else HOME_DIR="$STACK_DIR/node"; fi
DEST="$HOME_DIR/$NODE_VERSION"
NODE_BIN="$DEST/bin/node"

installed() { [[ -x "$NODE_BIN" ]] && [[ "$("$NODE_BIN" --version 2>/dev/null)" == "v$NODE_VERSION" ]]; }

up() {
  installed && return 0
  local work tarball expected actual
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' RETURN
  (cd "$work" && npm pack --silent "node-linux-$ARCH@$NODE_VERSION" >/dev/null)
  tarball="$work/node-linux-$ARCH-$NODE_VERSION.tgz"
  expected="${INTEGRITY[$ARCH]}"
  actual="sha512-$(openssl dgst -sha512 -binary "$tarball" | base64 -w0)"
  if [[ "$actual" != "$expected" ]]; then
    echo "runner-node.sh: node-linux-$ARCH@$NODE_VERSION has integrity $actual, expected $expected" >&2
    exit 1
  fi
  mkdir -p "$work/unpacked" "$HOME_DIR"
  tar -xzf "$tarball" -C "$work/unpacked"
  rm -rf "$DEST.tmp"
  mkdir -p "$DEST.tmp"
  cp -a "$work/unpacked/package/bin" "$DEST.tmp/"
  rm -rf "$DEST"
  mv "$DEST.tmp" "$DEST"
  installed || { echo "runner-node.sh: $NODE_BIN does not run as v$NODE_VERSION" >&2 && exit 1; }
}

case "${1:-}" in
  up) up ;;
  env) installed && echo "KILN_RUNNER_NODE=$NODE_BIN" ;;
  *) echo "usage: $0 up|env" >&2 && exit 2 ;;
esac
