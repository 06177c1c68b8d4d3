import type { BuilderSpec } from "../../builder/spec.js";
import type { CacheBackend } from "../cache/parse-cache-spec.js";
import type { Output } from "../outputs/parse-outputs.js";

/** The "host[:port]" an image reference names, or "docker.io". */
function hostOf(ref: string): string {
  const first = ref.split("/")[0] ?? "";
  return ref.includes("/") && (first.includes(".") || first.includes(":") || first === "localhost")
    ? first
    : "docker.io";
}

/**
 * Marks pushes and registry caches that go to an `insecure-registries` host with BuildKit's `registry.insecure=true`
 * (image exporter and registry cache attribute), as buildx users write by hand. The generated buildkitd.toml already
 * tells the daemon's resolver; the attribute makes the intent visible in the solve and covers exporters that
 * resolve on their own. A user's explicit `registry.insecure` is kept.
 */
export function markInsecure<T extends Output | CacheBackend>(items: readonly T[], builder: BuilderSpec): T[] {
  const insecure = new Set(builder.registries?.insecure ?? []);
  if (insecure.size === 0) return [...items];
  return items.map((item) => {
    if (item.type === "image" && "push" in item && item.push && item.names.some((n) => insecure.has(hostOf(n)))) {
      return { ...item, attrs: { "registry.insecure": "true", ...item.attrs } };
    }
    if (item.type === "registry" && "ref" in item && insecure.has(hostOf(item.ref))) {
      return { ...item, extra: { "registry.insecure": "true", ...item.extra } };
    }
    return item;
  });
}
