import { mkdir, rm, stat } from "node:fs/promises";
import { dirname, join } from "node:path";
import {
  findPinnedImage,
  loadImages,
  pinnedImageAlias,
  saveImages,
  tagImage,
  version,
  type DockerHost,
  type EngineCallOptions,
} from "../../docker/index.js";
import { imageCacheKey, type DaemonPlatform } from "./keys.js";
import { messageOf } from "../../shared/message-of.js";
import type { RunnerCache } from "./actions-cache.js";

/** The daemon operations the image cache needs; `dockerImageStore` is the real one. */
export interface ImageStore {
  platform(options?: EngineCallOptions): Promise<DaemonPlatform>;
  /**
   * The image's ID, or undefined when the daemon knows it neither by that reference nor, for a ref pinned by
   * digest, by its local alias tag (what a restored archive carries on the classic image store).
   */
  imageId(ref: string, options?: EngineCallOptions): Promise<string | undefined>;
  save(refs: readonly string[], file: string, options?: EngineCallOptions): Promise<void>;
  load(file: string, options?: EngineCallOptions): Promise<void>;
}

export function dockerImageStore(host: DockerHost): ImageStore {
  return {
    platform: async (o) => {
      const v = await version(host, o);
      return { os: v.Os, arch: v.Arch };
    },
    imageId: async (ref, o) => (await findPinnedImage(host, ref, o))?.id,
    // Each pinned image goes into the archive under its pinned ref and its local alias tag too: the classic image
    // store drops the digest ref on save and reads only tags on load, so after a restore there the builder finds
    // the image by the alias (findPinnedImage); the containerd store keeps both names.
    save: async (refs, file, o) => {
      const aliases: string[] = [];
      for (const ref of refs) {
        const alias = pinnedImageAlias(ref);
        if (alias === undefined) continue;
        await tagImage(host, ref, alias, o);
        aliases.push(alias);
      }
      await saveImages(host, [...refs, ...aliases], file, o);
    },
    load: async (file, o) => {
      await loadImages(host, file, o);
    },
  };
}

/** What happened to one image, for the log and the summary. */
export type ImageCacheOutcome =
  /** The daemon already had it: nothing restored, nothing to save. */
  | "present"
  /** Loaded from the runner cache; the daemon knows it by its pinned reference. */
  | "restored"
  /** Not in the runner cache: whoever needs it pulls it, and the post step saves it. */
  | "missed"
  /** Saved to the runner cache by the post step. */
  | "saved"
  /** The post step found the image still missing: this run never pulled it (e.g. no emulation was needed). */
  | "not-pulled"
  /** Not pinned by digest, so never cached. */
  | "not-pinned"
  /** The runner cache is not available here. */
  | "unavailable"
  /** Restoring, loading or saving failed; `detail` says how. The build goes on either way. */
  | "failed";

export interface ImageCacheEntry {
  readonly image: string;
  readonly outcome: ImageCacheOutcome;
  readonly key?: string;
  readonly detail?: string;
}

/** What the main step hands to the post step (as JSON in GITHUB_STATE): the archives to save once pulled. */
export interface ImageCacheState {
  readonly pending: readonly { readonly image: string; readonly key: string; readonly archive: string }[];
}

/** The GITHUB_STATE name the action keeps `ImageCacheState` under. */
export const imageCacheStateKey = "image-cache";

export function serializeImageCacheState(state: ImageCacheState): string {
  return JSON.stringify(state);
}

/** Reads the main step's state back; anything else (absent, empty, malformed) means nothing to save. */
export function parseImageCacheState(text: string | undefined): ImageCacheState {
  try {
    const parsed = JSON.parse(text || "{}") as { pending?: unknown };
    const pending = Array.isArray(parsed.pending) ? (parsed.pending as Partial<ImageCacheState["pending"][0]>[]) : [];
    return {
      pending: pending.flatMap((p) =>
        typeof p.image === "string" && typeof p.key === "string" && typeof p.archive === "string"
          ? [{ image: p.image, key: p.key, archive: p.archive }]
          : [],
      ),
    };
  } catch {
    return { pending: [] };
  }
}

export interface ImageCacheOptions {
  readonly store: ImageStore;
  readonly cache: RunnerCache;
  readonly log: (line: string) => void;
  readonly signal?: AbortSignal;
}

export interface RestoreImagesOptions extends ImageCacheOptions {
  /** Images the builder is about to pull when missing (the BuildKit image, the binfmt image when emulating). */
  readonly images: readonly string[];
  /**
   * Where archives are written. `@actions/cache` versions entries by their path, so this must be the same in
   * every run: RUNNER_TEMP (kept for the whole job, so the post step finds it too).
   */
  readonly tempDir: string;
}

/**
 * Before bootstrapping: loads each image pinned by digest that the daemon lacks from the runner cache, so a warm
 * run pulls nothing from Docker Hub. Images still missing are recorded in the returned state; the post step
 * (`saveBuilderImages`) saves those the run then pulled. Never throws for cache trouble: each image's outcome
 * says what happened.
 */
export async function restoreBuilderImages(
  options: RestoreImagesOptions,
): Promise<{ entries: ImageCacheEntry[]; state: ImageCacheState }> {
  const { store, cache, log } = options;
  const call = options.signal ? { signal: options.signal } : {};
  if (cache.unavailable) {
    log(`image cache: ${cache.unavailable}; images are pulled`);
    return { entries: options.images.map((image) => ({ image, outcome: "unavailable" })), state: { pending: [] } };
  }
  const entries: ImageCacheEntry[] = [];
  const pending: ImageCacheState["pending"][0][] = [];
  let platform: DaemonPlatform | undefined;
  for (const image of options.images) {
    try {
      platform ??= await store.platform(call);
      const key = imageCacheKey(image, platform);
      if (!key) {
        log(`image cache: ${image} is not pinned by digest; not cached`);
        entries.push({ image, outcome: "not-pinned" });
        continue;
      }
      if ((await store.imageId(image, call)) !== undefined) {
        entries.push({ image, key, outcome: "present" });
        continue;
      }
      const archive = join(options.tempDir, "kiln-image-cache", `${key}.tar`);
      let hit: string | undefined;
      try {
        await mkdir(dirname(archive), { recursive: true });
        hit = await cache.restore([archive], key);
      } catch (err) {
        // A cache outage now may be over by the post step: still try to save.
        log(`image cache: could not restore ${image}: ${messageOf(err)}`);
        entries.push({ image, key, outcome: "failed", detail: messageOf(err) });
        pending.push({ image, key, archive });
        continue;
      }
      if (hit === undefined) {
        log(`image cache: ${image} is not in the runner cache (${key}); saving it after this run pulls it`);
        entries.push({ image, key, outcome: "missed" });
        pending.push({ image, key, archive });
        continue;
      }
      entries.push(await loadRestored(store, image, key, archive, log, call));
    } catch (err) {
      // The daemon did not answer an inspect: the bootstrap that follows reports that better than a cache note.
      log(`image cache: skipped ${image}: ${messageOf(err)}`);
      entries.push({ image, outcome: "failed", detail: messageOf(err) });
    }
  }
  return { entries, state: { pending } };
}

async function loadRestored(
  store: ImageStore,
  image: string,
  key: string,
  archive: string,
  log: (line: string) => void,
  call: EngineCallOptions,
): Promise<ImageCacheEntry> {
  try {
    await store.load(archive, call);
    const id = await store.imageId(image, call);
    if (id === undefined) {
      // Neither the pinned ref nor its alias tag: an archive saved without the alias (or by other tooling).
      const detail = "loaded, but the daemon knows it neither by its digest nor by its alias tag; it is pulled";
      log(`image cache: ${image}: ${detail}`);
      return { image, key, outcome: "failed", detail };
    }
    log(`image cache: restored ${image} from the runner cache (${key})`);
    return { image, key, outcome: "restored" };
  } catch (err) {
    log(`image cache: could not load ${image} from the runner cache: ${messageOf(err)}`);
    return { image, key, outcome: "failed", detail: messageOf(err) };
  } finally {
    await rm(archive, { force: true });
  }
}

/**
 * The post step: saves each image the main step found in neither the daemon nor the runner cache, now that the
 * run pulled it, under its key. Images still missing were never needed. Never throws for cache trouble.
 */
export async function saveBuilderImages(
  options: ImageCacheOptions & { readonly state: ImageCacheState },
): Promise<ImageCacheEntry[]> {
  const { store, cache, log } = options;
  const call = options.signal ? { signal: options.signal } : {};
  if (cache.unavailable || options.state.pending.length === 0) return [];
  const entries: ImageCacheEntry[] = [];
  for (const { image, key, archive } of options.state.pending) {
    try {
      if ((await store.imageId(image, call)) === undefined) {
        entries.push({ image, key, outcome: "not-pulled" });
        continue;
      }
      await mkdir(dirname(archive), { recursive: true });
      await store.save([image], archive, call);
      const bytes = (await stat(archive)).size;
      await cache.save([archive], key);
      log(`image cache: saved ${image} to the runner cache (${key}, ${bytes} bytes)`);
      entries.push({ image, key, outcome: "saved", detail: `${bytes} bytes` });
    } catch (err) {
      log(`image cache: could not save ${image}: ${messageOf(err)}`);
      entries.push({ image, key, outcome: "failed", detail: messageOf(err) });
    } finally {
      await rm(archive, { force: true });
    }
  }
  return entries;
}
