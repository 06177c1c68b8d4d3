import { DEFAULT_BUILDKIT_IMAGE } from "../../builder/docker-container/index.js";
import type { DockerHost } from "../../docker/index.js";
import { actionsRunnerCache, type RunnerCache } from "./actions-cache.js";
import {
  dockerImageStore,
  restoreBuilderImages,
  saveBuilderImages,
  parseImageCacheState,
  serializeImageCacheState,
} from "./images.js";
import { localCacheScope, runSuffix } from "./keys.js";
import { matrixLegId } from "../matrix-leg.js";
import { restoreLocalCacheDir, saveLocalCacheDir, type LocalCacheRestore } from "./local-dirs.js";
import type { BuildPlan } from "../../plan/plan.js";
import { saveStepTimesFromState } from "./step-times.js";

export { actionsRunnerCache };

/** What main hands from before the build to after it (local cache directories it restored). */
export interface RestoredCaches {
  readonly cache: RunnerCache;
  readonly localDirs: readonly LocalCacheRestore[];
  /** Serialized image-cache state for the post step, which saves images this run pulled. */
  readonly imageState: string | undefined;
}

/** Directories that are both a `cache-from` src and a `cache-to` dest: persisted across runs through the runner cache. */
function persistedLocalDirs(plan: BuildPlan): string[] {
  const to = new Set(plan.cacheTo.flatMap((b) => (b.type === "local" ? [b.dir] : [])));
  return plan.cacheFrom.flatMap((b) => (b.type === "local" && to.has(b.dir) ? [b.dir] : []));
}

/**
 * Before the build, on a GitHub runner: loads the pinned BuildKit image from the runner cache (so a warm run pulls
 * nothing from Docker Hub) and restores local cache directories saved by earlier runs. Cache trouble only logs.
 */
export async function restoreRunnerCaches(
  plan: BuildPlan,
  context: { env: NodeJS.ProcessEnv; dockerHost: DockerHost; tempDir: string; log: (line: string) => void },
): Promise<RestoredCaches> {
  const cache = actionsRunnerCache();
  let imageState: string | undefined;
  if (plan.builder.driver === "docker-container") {
    const { state } = await restoreBuilderImages({
      store: dockerImageStore(context.dockerHost),
      cache,
      tempDir: context.tempDir,
      images: [plan.builder.container?.image ?? DEFAULT_BUILDKIT_IMAGE],
      log: context.log,
    });
    imageState = serializeImageCacheState(state);
  }
  const scope = localCacheScope(context.env, matrixLegId(plan, context.env["GITHUB_SHA"]));
  const run = runSuffix(context.env);
  const localDirs = await Promise.all(
    persistedLocalDirs(plan).map((dir) => restoreLocalCacheDir({ cache, dir, scope, run, log: context.log })),
  );
  return { cache, localDirs, imageState };
}

/** After a successful build: saves each persisted local cache directory the export replaced. */
export async function saveLocalCaches(restored: RestoredCaches, log: (line: string) => void): Promise<void> {
  for (const r of restored.localDirs) await saveLocalCacheDir({ cache: restored.cache, restored: r, log });
}

/** In the post step: saves the builder images this run had to pull. */
export async function saveImagesFromState(
  state: string,
  dockerHost: DockerHost,
  log: (line: string) => void,
): Promise<void> {
  if (!state) return;
  await saveBuilderImages({
    store: dockerImageStore(dockerHost),
    cache: actionsRunnerCache(),
    state: parseImageCacheState(state),
    log,
  });
}

/** In the post step: saves the job's step-times record (see step-times-cache.ts) when this step wrote it last. */
export async function saveStepTimes(state: string, log: (line: string) => void): Promise<void> {
  await saveStepTimesFromState(state, actionsRunnerCache(), log);
}
