import { InputError } from "../input-error.js";
import type { BuilderSpec } from "../../builder/spec.js";
import type { CacheBackend } from "./parse-cache-spec.js";

/**
 * Refuses cache exports the Docker daemon's embedded BuildKit cannot run on Docker's classic image store (the
 * store GitHub's hosted runners use): moby's classic-store builder registers only the `inline` cache exporter
 * (moby builder-next controller.go: the registry/local/gha exporters come only with the containerd snapshotter),
 * and BuildKit rejects an unknown exporter before `ignore-error` applies, so the whole build would fail late with
 * BuildKit's words. Which store the daemon uses is known only once the builder is open, so this runs then, not in
 * `planBuild`. One InputError naming `cache-to`; nothing for other drivers or the containerd store.
 */
export function checkCacheExportsForStore(
  driver: BuilderSpec["driver"],
  imageStore: "containerd" | "classic",
  cacheTo: readonly CacheBackend[],
  inputName: string,
): void {
  if (driver !== "docker" || imageStore !== "classic") return;
  const refused = [...new Set(cacheTo.filter((b) => b.type !== "inline").map((b) => b.type))];
  if (refused.length === 0) return;
  throw new InputError(
    inputName,
    `expected only type=inline with driver: docker on a daemon with the classic image store, got ${refused
      .map((t) => `type=${t}`)
      .join(", ")} (use driver: docker-container, or enable the containerd image store)`,
  );
}
