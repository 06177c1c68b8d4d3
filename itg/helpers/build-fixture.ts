import { dockerfileFrontendAttrs, type SolveOptions } from "../../src/buildkit/index.js";
import { mkdtemp, mkdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";

/** A temporary build context made of the given files (path -> content). */
export async function contextWith(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "kiln-ctx-"));
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), content);
  }
  return dir;
}

/**
 * A Dockerfile solve of `context` (Dockerfile at its root) for one platform, with nothing exported; tests override
 * what they exercise.
 */
export function dockerfileSolve(
  context: string,
  overrides: Partial<SolveOptions> = {},
  platforms = ["linux/amd64"],
): SolveOptions {
  return {
    frontend: "dockerfile.v0",
    frontendAttrs: dockerfileFrontendAttrs({ platforms, sourceDateEpoch: 1_700_000_000 }),
    exporters: [],
    cacheImports: [],
    cacheExports: [],
    entitlements: [],
    localDirs: new Map([
      ["context", context],
      ["dockerfile", context],
    ]),
    ...overrides,
  };
}
