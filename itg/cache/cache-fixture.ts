// Shared by the cache integration tests: a multi-stage, multi-step build whose every step can come from cache,
// pushed reproducibly so the digest of a rebuild from imported cache can be compared with the first build's.
import { basename } from "node:path";
import {
  dockerfileFrontendAttrs,
  imageExporter,
  type Attachable,
  type BuildkitClient,
  type CacheEntry,
  type SolveResult,
} from "../../src/buildkit/index.js";
import { BuildRecord } from "../../src/progress/build-record.js";
import { contextWith } from "../helpers/build-fixture.js";
import { docker, uniqueTag, type StackEnv } from "../helpers/stack-env.js";

export const EPOCH = 1_700_000_000;

/**
 * A context with two stages, RUN and COPY steps, and a COPY --from, so mode=max has intermediate results to
 * export. `salt` makes the steps unique to one test, so nothing else in the daemon's cache can satisfy them.
 */
export function cacheContext(env: StackEnv, salt = uniqueTag("salt")): Promise<string> {
  return contextWith({
    Dockerfile: [
      `FROM ${env.KILN_BASE_IMAGE} AS build`,
      `RUN echo "${salt}" > /seed`,
      `COPY a.txt /src/a.txt`,
      `RUN cat /seed /src/a.txt | sha256sum > /out.sum`,
      `RUN mkdir -p /gen && for i in 1 2 3; do echo "$i ${salt}" > /gen/$i; done`,
      ``,
      `FROM ${env.KILN_BASE_IMAGE}`,
      `COPY --from=build /out.sum /out.sum`,
      `COPY --from=build /gen /gen`,
      `COPY dir/ /app/`,
      `RUN ls -R /app > /app.list && wc -c /out.sum >> /app.list`,
      ``,
    ].join("\n"),
    "a.txt": "input a\n",
    "dir/one.txt": "one\n",
    "dir/sub/two.txt": "two\n",
  });
}

export interface CacheBuild {
  readonly result: SolveResult;
  readonly digest: string;
  readonly record: BuildRecord;
  readonly notes: readonly string[];
}

/** Builds `context` for linux/amd64, pushing `ref` with rewrite-timestamp and store=false for a stable digest. */
export async function cacheBuild(
  client: BuildkitClient,
  context: string,
  options: {
    ref: string;
    cacheImports?: readonly CacheEntry[];
    cacheExports?: readonly CacheEntry[];
    attachables?: readonly Attachable[];
  },
): Promise<CacheBuild> {
  const record = new BuildRecord();
  const notes: string[] = [];
  const result = await client.solve(
    {
      frontend: "dockerfile.v0",
      frontendAttrs: dockerfileFrontendAttrs({ platforms: ["linux/amd64"], sourceDateEpoch: EPOCH }),
      exporters: [imageExporter({ names: [options.ref], push: true, rewriteTimestamp: true, store: false })],
      cacheImports: options.cacheImports ?? [],
      cacheExports: options.cacheExports ?? [],
      entitlements: [],
      localDirs: new Map([
        ["context", context],
        ["dockerfile", context],
      ]),
      sharedKey: basename(context),
      attachables: options.attachables ?? [],
    },
    { onStatus: (s) => record.add(s), onNote: (n) => notes.push(n) },
  );
  const digest = result.exporterResponse["containerimage.digest"] ?? "";
  return { result, digest, record, notes };
}

/** Empties the daemon's build cache, as `docker buildx prune -af` does for a user. */
export async function pruneBuildCache(env: StackEnv): Promise<void> {
  await docker(env, ["buildx", "prune", "-af"]);
}

/** The build steps of {@link cacheContext} after each stage's FROM: four per stage. */
export const STEPS_AFTER_FROM = 8;

/**
 * Whether a cacheable step is a stage's FROM. After a prune, BuildKit reports FROM steps as run, not cached,
 * even when every later step comes from imported cache: the base image is a source, resolved and (lazily)
 * pulled again, and `docker buildx build` shows exactly the same (no CACHED under `[1/n] FROM`).
 */
const isFrom = (name: string): boolean => /^\[[^\]]*\d+\/\d+\] FROM /.test(name);

/** Cache statistics of a build's steps after FROM, with the names of those not cached for a readable failure. */
export function stepsAfterFrom(record: BuildRecord): { total: number; cached: number; uncached: string[] } {
  const steps = record.cacheableSteps().filter((s) => !isFrom(s.name));
  return {
    total: steps.length,
    cached: steps.filter((s) => s.cached).length,
    uncached: steps.filter((s) => !s.cached).map((s) => s.name),
  };
}
