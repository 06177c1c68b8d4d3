import { InputError } from "../input-error.js";
import type { CacheType } from "./parse-cache-spec.js";

// Attributes each cache backend reads, from moby/buildkit v0.26.3: cache/remotecache/{registry,local,gha,s3,azblob}
// (the attr* constants), util/compression/attrs.go (compression keys, read by the registry and local backends) and
// control/control.go (mode, ignore-error for every export). `type` itself is taken before the check.
const EXPORT_COMMON = ["mode", "ignore-error"];
const COMPRESSION = ["compression", "compression-level", "force-compression"];
const SHARED: Readonly<Record<CacheType, readonly string[]>> = {
  registry: ["ref", "registry.insecure", "image-manifest", "oci-mediatypes", ...COMPRESSION],
  local: ["image-manifest", "oci-mediatypes", ...COMPRESSION],
  inline: [],
  gha: ["scope", "timeout", "token", "url", "url_v2", "repository", "ghtoken", "version"],
  s3: [
    "bucket",
    "region",
    "prefix",
    "manifests_prefix",
    "blobs_prefix",
    "name",
    "touch_refresh",
    "endpoint_url",
    "access_key_id",
    "secret_access_key",
    "session_token",
    "use_path_style",
    "upload_parallelism",
  ],
  azblob: [
    "account_url",
    "account_name",
    "secret_access_key",
    "container",
    "prefix",
    "manifests_prefix",
    "blobs_prefix",
    "name",
  ],
};
// Only a local cache names its directory differently per direction (src + digest to import, dest to export).
const LOCAL_DIR = { import: ["src", "digest"], export: ["dest"] } as const;

/**
 * The keys a `cache-from` (import) or `cache-to` (export) line of this type may carry. An import line may still hold
 * the export-only keys (mode, ignore-error, compression): the same line is often written for both inputs, buildx
 * passes them on and BuildKit's importers ignore them.
 */
export function cacheKeys(type: CacheType, direction: "import" | "export"): readonly string[] {
  return [...SHARED[type], ...(type === "local" ? LOCAL_DIR[direction] : []), ...EXPORT_COMMON];
}

/**
 * Throws one line naming the input and the first key this backend does not read; a typo (`scpoe=`) would otherwise
 * reach BuildKit, which ignores it silently. The value is never printed: a mistyped key may hold a credential.
 */
export function checkCacheKeys(
  keys: Iterable<string>,
  type: CacheType,
  direction: "import" | "export",
  name: string,
): void {
  const allowed = cacheKeys(type, direction);
  for (const key of keys) {
    if (key === "type" || allowed.includes(key)) continue;
    throw new InputError(name, `unknown key ${JSON.stringify(key)} for type=${type}; it takes ${allowed.join(", ")}`);
  }
}
