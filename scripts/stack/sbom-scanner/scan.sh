#!/bin/sh
# Kiln test-stack SBOM generator (busybox sh). Implements BuildKit's SBOM scanning protocol:
#   BUILDKIT_SCAN_SOURCE        (required) root filesystem of the build result
#   BUILDKIT_SCAN_DESTINATION   (required) directory to write <scan>.spdx.json files to
#   BUILDKIT_SCAN_SOURCE_EXTRAS (optional) directory of further root filesystems, one scan each
# Each output file is one in-toto statement (predicateType https://spdx.dev/Document) whose predicate is an
# SPDX 2.3 JSON document listing every regular file of the target with its SHA1 and SHA256.
set -eu

: "${BUILDKIT_SCAN_SOURCE:?BUILDKIT_SCAN_SOURCE is required}"
: "${BUILDKIT_SCAN_DESTINATION:?BUILDKIT_SCAN_DESTINATION is required}"

TOOL="kiln-sbom-scanner-1"
TMP="${TMPDIR:-/tmp}/kiln-sbom.$$"
mkdir -p "$TMP" "$BUILDKIT_SCAN_DESTINATION"
trap 'rm -rf "$TMP"' EXIT

if [ -n "${SOURCE_DATE_EPOCH:-}" ]; then
  CREATED="$(date -u -d "@$SOURCE_DATE_EPOCH" +%Y-%m-%dT%H:%M:%SZ)"
else
  CREATED="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
fi

# scan ROOT NAME: writes $BUILDKIT_SCAN_DESTINATION/NAME.spdx.json
scan() {
  root="$1"
  name="$2"
  (cd "$root" && find . -xdev -type f -print0 2>/dev/null | LC_ALL=C sort -z | xargs -0 -r sha1sum) >"$TMP/sha1" || true
  (cd "$root" && find . -xdev -type f -print0 2>/dev/null | LC_ALL=C sort -z | xargs -0 -r sha256sum) >"$TMP/sha256" || true
  ns="$(sha256sum "$TMP/sha256" | cut -c1-32)"
  awk -v name="$name" -v created="$CREATED" -v tool="$TOOL" -v ns="$ns" '
    function esc(s) {
      gsub(/\\/, "\\\\", s); gsub(/"/, "\\\"", s); gsub(/\t/, "\\t", s); gsub(/\r/, "\\r", s)
      return s
    }
    function path(line,    q) { q = substr(line, 67); sub(/^\.\//, "/", q); return q }
    FILENAME == ARGV[1] { sha1[substr($0, 43)] = substr($0, 1, 40); next }
    {
      h = substr($0, 1, 64); p = substr($0, 67); n++
      files = files (n > 1 ? ",\n" : "") sprintf("    {\"fileName\":\"%s\",\"SPDXID\":\"SPDXRef-File-%d\",\"checksums\":[{\"algorithm\":\"SHA1\",\"checksumValue\":\"%s\"},{\"algorithm\":\"SHA256\",\"checksumValue\":\"%s\"}],\"licenseConcluded\":\"NOASSERTION\",\"copyrightText\":\"NOASSERTION\"}", esc(path($0)), n, sha1[p], h)
      rels = rels sprintf(",\n    {\"spdxElementId\":\"SPDXRef-Package-rootfs\",\"relationshipType\":\"CONTAINS\",\"relatedSpdxElement\":\"SPDXRef-File-%d\"}", n)
    }
    END {
      printf "{\"_type\":\"https://in-toto.io/Statement/v0.1\",\"predicateType\":\"https://spdx.dev/Document\",\"subject\":[],\"predicate\":{\n"
      printf "  \"spdxVersion\":\"SPDX-2.3\",\"dataLicense\":\"CC0-1.0\",\"SPDXID\":\"SPDXRef-DOCUMENT\",\"name\":\"%s\",\n", esc(name)
      printf "  \"documentNamespace\":\"https://kiln.invalid/spdx/%s-%s\",\n", esc(name), ns
      printf "  \"creationInfo\":{\"created\":\"%s\",\"creators\":[\"Tool: %s\"]},\n", created, tool
      printf "  \"packages\":[{\"name\":\"%s\",\"SPDXID\":\"SPDXRef-Package-rootfs\",\"downloadLocation\":\"NOASSERTION\",\"filesAnalyzed\":false,\"licenseConcluded\":\"NOASSERTION\",\"licenseDeclared\":\"NOASSERTION\",\"copyrightText\":\"NOASSERTION\",\"primaryPackagePurpose\":\"CONTAINER\"}],\n", esc(name)
      printf "  \"files\":[\n%s\n  ],\n", files
      printf "  \"relationships\":[\n    {\"spdxElementId\":\"SPDXRef-DOCUMENT\",\"relationshipType\":\"DESCRIBES\",\"relatedSpdxElement\":\"SPDXRef-Package-rootfs\"}%s\n  ]\n", rels
      printf "}}\n"
    }
  ' "$TMP/sha1" "$TMP/sha256" >"$BUILDKIT_SCAN_DESTINATION/$name.spdx.json"
}

scan "$BUILDKIT_SCAN_SOURCE" "$(basename "$BUILDKIT_SCAN_SOURCE")"

if [ -n "${BUILDKIT_SCAN_SOURCE_EXTRAS:-}" ] && [ -d "$BUILDKIT_SCAN_SOURCE_EXTRAS" ]; then
  for extra in "$BUILDKIT_SCAN_SOURCE_EXTRAS"/*; do
    [ -d "$extra" ] || continue
    scan "$extra" "$(basename "$extra")"
  done
fi
