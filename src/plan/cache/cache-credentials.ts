import type { CacheBackend } from "./parse-cache-spec.js";

/**
 * Every credential a cache entry carries (s3 keys, azblob key, gha tokens), so the entry point can mask them in the
 * runner's log before anything prints. Pure.
 */
export function cacheCredentials(backends: readonly CacheBackend[]): string[] {
  const out: string[] = [];
  for (const b of backends) {
    switch (b.type) {
      case "s3":
        if (b.secretAccessKey) out.push(b.secretAccessKey);
        if (b.sessionToken) out.push(b.sessionToken);
        break;
      case "azblob":
        if (b.secretAccessKey) out.push(b.secretAccessKey);
        break;
      case "gha":
        out.push(b.token);
        if (b.ghToken) out.push(b.ghToken);
        break;
      default:
        break;
    }
  }
  return out.filter((s) => s !== "");
}
