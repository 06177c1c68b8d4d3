#!/usr/bin/env bash
# Fails when the committed dist/ bundles are not what the sources build to.
set -euo pipefail
cd "$(dirname "$0")/.."
before=$(mktemp -d)
cp -a dist "$before/dist" 2>/dev/null || mkdir -p "$before/dist"
npm run --silent build >/dev/null
if ! diff -r -q "$before/dist" dist >/dev/null; then
  diff -r -q "$before/dist" dist | head -20 >&2 || true
  echo "dist/ is stale: the committed bundles differ from what src/ builds to. Fix: run 'npm run build' and commit dist/." >&2
  rm -rf dist && cp -a "$before/dist" dist
  rm -rf "$before"
  exit 1
fi
rm -rf "$before"
echo "dist/ is up to date"
