import { InputError } from "../input-error.js";

// Attributes each BuildKit v0.26.3 exporter reads (moby/buildkit tag v0.26.3):
// - every exporter: source-date-epoch (exporter/exptypes/keys.go, exporter/util/epoch);
// - image commit options shared by image, oci and docker: exporter/containerimage/opts.go with the keys of
//   exporter/containerimage/exptypes/keys.go, util/compression/attrs.go and the annotation prefixes of
//   exporter/containerimage/exptypes/annotations.go; buildinfo and buildinfo-attrs are still sent by buildx and
//   accepted (ignored) by BuildKit;
// - image: exporter/containerimage/export.go (push, unpack, store, names...); `insecure` is buildx's alias;
// - oci/docker: exporter/oci/export.go (tar); local/tar: exporter/local/fs.go (platform-split, attestation-prefix).
// `type`, `dest` and `name` are taken by the parser itself.
const COMMIT = [
  "name",
  "oci-mediatypes",
  "oci-artifact",
  "attestation-inline",
  "prefer-nondist-layers",
  "rewrite-timestamp",
  "compression",
  "compression-level",
  "force-compression",
  "buildinfo",
  "buildinfo-attrs",
  "source-date-epoch",
];
const IMAGE = [
  ...COMMIT,
  "push",
  "push-by-digest",
  "registry.insecure",
  "insecure",
  "unpack",
  "store",
  "dangling-name-prefix",
  "danging-name-empty-only", // sic: BuildKit's spelling of the key
  "name-canonical",
];
const ARCHIVE = [...COMMIT, "dest", "tar"];
const FILES = ["dest", "platform-split", "attestation-prefix", "source-date-epoch"];

export const OUTPUT_KEYS: Readonly<Record<string, readonly string[]>> = {
  image: IMAGE,
  registry: IMAGE,
  docker: ARCHIVE,
  oci: ARCHIVE,
  tar: FILES,
  local: FILES,
  cacheonly: [],
};

// annotation.<key>, annotation-index.<key>, annotation-manifest[linux/arm64].<key>, ... (exptypes/annotations.go).
const ANNOTATION = /^annotation(?:-(?:index|index-descriptor|manifest|manifest-descriptor)(?:\[[^\]]+\])?)?\./;
const TAKES_ANNOTATIONS = new Set(["image", "registry", "docker", "oci"]);

/**
 * Throws one line naming the input and the first key this exporter does not read: BuildKit keeps unknown exporter
 * keys as metadata and says nothing, so a typo (`push-by-digets`) would change nothing without a word. The value is
 * not printed.
 */
export function checkOutputKeys(keys: Iterable<string>, type: string, name: string): void {
  const allowed = OUTPUT_KEYS[type];
  if (allowed === undefined) return;
  for (const key of keys) {
    if (key === "type" || allowed.includes(key)) continue;
    if (TAKES_ANNOTATIONS.has(type) && ANNOTATION.test(key)) continue;
    const takes = allowed.length === 0 ? "it takes no other key" : `it takes ${allowed.join(", ")}`;
    const annotations = TAKES_ANNOTATIONS.has(type) ? " and annotation.<key>" : "";
    throw new InputError(name, `unknown key ${JSON.stringify(key)} for type=${type}; ${takes}${annotations}`);
  }
}
