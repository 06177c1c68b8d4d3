import { describe, expect, test } from "vitest";
import { checkCacheExportsForStore } from "../../src/plan/cache/store-cache-rules.js";
import { InputError } from "../../src/plan/input-error.js";
import type { CacheBackend } from "../../src/plan/cache/parse-cache-spec.js";

const local: CacheBackend = { type: "local", dir: "/c", mode: "max", extra: {} };
const registry: CacheBackend = { type: "registry", ref: "r/c:cache", extra: {} };
const inline: CacheBackend = { type: "inline", extra: {} };

describe("cache exports against the Docker daemon's image store", () => {
  test("driver docker on the classic store refuses registry/local exports in one line naming cache-to", () => {
    let error: unknown;
    try {
      checkCacheExportsForStore("docker", "classic", [inline, local, registry, local], "cache-to");
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toBe(
      "cache-to: expected only type=inline with driver: docker on a daemon with the classic image store, got type=local, type=registry (use driver: docker-container, or enable the containerd image store)",
    );
  });

  test.each([
    ["docker", "classic", [inline]],
    ["docker", "containerd", [local, registry]],
    ["docker-container", "classic", [local, registry]],
    ["remote", "classic", [local]],
  ] as const)("%s on the %s store with these exports is fine", (driver, store, exports) => {
    expect(() => checkCacheExportsForStore(driver, store, exports, "cache-to")).not.toThrow();
  });
});
