import type { CacheEntry } from "../../buildkit/index.js";
import type { CacheBackend } from "./parse-cache-spec.js";

const boolAttr = (v: boolean): string => (v ? "true" : "false");

/** A plan's cache backend as BuildKit's `CacheOptionsEntry` (attribute names from moby/buildkit cache/remotecache). */
export function cacheEntry(backend: CacheBackend, direction: "import" | "export"): CacheEntry {
  const attrs: Record<string, string> = {};
  const set = (key: string, value: string | boolean | undefined): void => {
    if (value !== undefined) attrs[key] = typeof value === "boolean" ? boolAttr(value) : value;
  };
  switch (backend.type) {
    case "registry":
      set("ref", backend.ref);
      set("image-manifest", backend.imageManifest);
      set("oci-mediatypes", backend.ociMediaTypes);
      break;
    case "local":
      set(direction === "import" ? "src" : "dest", backend.dir);
      break;
    case "inline":
      break;
    case "gha":
      set("scope", backend.scope);
      set("url", backend.url);
      set("url_v2", backend.urlV2);
      set("token", backend.token);
      set("version", String(backend.version));
      set("repository", backend.repository);
      set("ghtoken", backend.ghToken);
      break;
    case "s3":
      set("bucket", backend.bucket);
      set("region", backend.region);
      set("endpoint_url", backend.endpointUrl);
      set("use_path_style", backend.usePathStyle);
      set("access_key_id", backend.accessKeyId);
      set("secret_access_key", backend.secretAccessKey);
      set("session_token", backend.sessionToken);
      break;
    case "azblob":
      set("account_url", backend.accountUrl);
      set("account_name", backend.accountName);
      set("secret_access_key", backend.secretAccessKey);
      break;
  }
  if (backend.type !== "inline" && direction === "export") {
    set("mode", backend.mode);
    set("ignore-error", backend.ignoreError);
  }
  return { type: backend.type, attrs: { ...attrs, ...backend.extra } };
}
