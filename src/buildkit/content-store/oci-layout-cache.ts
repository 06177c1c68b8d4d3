import { mkdir, readFile, stat } from "node:fs/promises";
import type { Attachable } from "../session/attachable.js";
import { blobPath, LocalContentStore } from "./content-store.js";
import { contentStores } from "./content-store-service.js";
import { BuildkitError, Code } from "../errors.js";
import { collectGarbage, findTagged, putTagged, readOciIndex, type OciDescriptor } from "./oci-layout.js";
import type { CacheEntry } from "../solve/solve-request.js";

// moby/buildkit v0.13 cache/remotecache/local/local.go: the store ID is this prefix plus `src`/`dest` verbatim.
const storeIdPrefix = "local:";
// moby/buildkit v0.13 cache/remotecache/export.go `ExporterResponseManifestDesc`: the exported cache manifest's
// descriptor (JSON) in the solve response. Every cache exporter writes this key; the last one wins.
export const cacheManifestKey = "cache.manifest";
// moby/buildkit v0.13 cache/remotecache/v1/spec.go `CacheConfigMediaTypeV0`.
const cacheConfigMediaType = "application/vnd.buildkit.cacheconfig.v0";
const defaultTag = "latest";

/** What a local cache export left in its directory. */
export interface LocalCacheExport {
  readonly dir: string;
  readonly tag: string;
  readonly manifest: OciDescriptor;
  /** Blobs of earlier exports that no tag reaches any more, deleted. */
  readonly removedBlobs: number;
  readonly freedBytes: number;
}

/** The `type=local` part of one solve: rewritten cache entries, the session's content stores, and the epilogue. */
export interface OciLayoutCache {
  readonly cacheImports: readonly CacheEntry[];
  readonly cacheExports: readonly CacheEntry[];
  /** Empty when the solve has no local cache entry. */
  readonly attachables: readonly Attachable[];
  /** Local imports left out, each a sentence (a directory that holds no cache yet is normal on a first run). */
  readonly notes: readonly string[];
  /**
   * After a successful solve: records the exported cache manifest in each export directory's index.json under
   * its `tag` (default "latest"), replacing the previous entry, then deletes blobs no tag reaches.
   */
  finish(exporterResponse: Readonly<Record<string, string>>): Promise<LocalCacheExport[]>;
  /** Removes partial uploads. Call once the solve is over, whatever its outcome. */
  close(): Promise<void>;
}

const isLocal = (e: CacheEntry): boolean => e.type === "local";

/**
 * Prepares `type=local` cache entries the way BuildKit's Go client does (client/solve.go `parseCacheOptions`):
 * each `dest` (created if missing) and `src` directory is an OCI layout served to the daemon as the content store
 * `local:<dir>`; an import without `digest` gets the digest of index.json's entry tagged `tag` (default "latest").
 * Unlike the Go client, an import whose directory, index.json or tag is missing is left out with a note instead
 * of failing the build: a cache miss must never cost more than the rebuild.
 */
export async function openOciLayoutCache(
  imports: readonly CacheEntry[],
  exports: readonly CacheEntry[],
): Promise<OciLayoutCache> {
  const stores = new Map<string, LocalContentStore>();
  const storeFor = (dir: string): LocalContentStore => {
    const id = storeIdPrefix + dir;
    let store = stores.get(id);
    if (!store) stores.set(id, (store = new LocalContentStore(dir)));
    return store;
  };
  const targets: { dir: string; tag: string; store: LocalContentStore }[] = [];
  for (const e of exports.filter(isLocal)) {
    const dir = e.attrs["dest"];
    if (!dir) throw new BuildkitError("local cache exporter requires dest", Code.InvalidArgument);
    await mkdir(dir, { recursive: true }).catch((cause: unknown) => {
      throw new BuildkitError(`failed to create the local cache directory ${dir}`, Code.InvalidArgument, { cause });
    });
    targets.push({ dir, tag: e.attrs["tag"] ?? defaultTag, store: storeFor(dir) });
  }

  const notes: string[] = [];
  const cacheImports: CacheEntry[] = [];
  for (const e of imports) {
    if (!isLocal(e)) {
      cacheImports.push(e);
      continue;
    }
    const dir = e.attrs["src"];
    if (!dir) throw new BuildkitError("local cache importer requires src", Code.InvalidArgument);
    let digest = e.attrs["digest"] ?? "";
    if (digest === "") {
      const tag = e.attrs["tag"] ?? defaultTag;
      const index = await readOciIndex(dir);
      const entry = index && findTagged(index, tag);
      if (!entry) {
        notes.push(
          index
            ? `local cache ${dir} has no entry tagged "${tag}" in index.json; not importing it`
            : `local cache ${dir} holds no cache yet (no index.json); not importing it`,
        );
        continue;
      }
      digest = entry.digest;
    }
    storeFor(dir);
    cacheImports.push({ type: e.type, attrs: { ...e.attrs, digest } });
  }

  return {
    cacheImports,
    cacheExports: exports,
    attachables: stores.size > 0 ? [contentStores(stores)] : [],
    notes,
    async finish(exporterResponse) {
      const raw = exporterResponse[cacheManifestKey];
      if (raw === undefined || targets.length === 0) return [];
      let reported: OciDescriptor | undefined;
      try {
        reported = JSON.parse(raw) as OciDescriptor;
      } catch {
        reported = undefined; // then found among the blobs written, below
      }
      const done: LocalCacheExport[] = [];
      for (const { dir, tag, store } of targets) {
        const manifest = await manifestIn(store, reported);
        // No manifest here: this export failed with ignore-error=true, or was skipped for an empty result.
        if (!manifest) continue;
        try {
          await putTagged(dir, manifest, tag);
          done.push({ dir, tag, manifest, ...(await collectGarbage(dir)) });
        } catch (cause) {
          if (cause instanceof BuildkitError) throw cause;
          throw new BuildkitError(`failed to update the local cache index ${dir}/index.json`, Code.Internal, { cause });
        }
      }
      return done;
    },
    async close() {
      await Promise.all([...stores.values()].map((s) => s.close()));
    },
  };
}

/**
 * The cache manifest this solve exported into `store`. Usually the one the response names; but the response holds
 * only the last cache exporter's manifest, so with several exports (local plus registry, or two local ones with
 * different modes) the right one is found among the blobs the daemon wrote here: the index or manifest that
 * refers to a BuildKit cache config.
 */
async function manifestIn(
  store: LocalContentStore,
  reported: OciDescriptor | undefined,
): Promise<OciDescriptor | undefined> {
  const pick = ({ mediaType, digest, size }: OciDescriptor): OciDescriptor => ({
    ...(mediaType === undefined ? {} : { mediaType }),
    digest,
    size,
  });
  if (reported && store.touched.has(reported.digest)) return pick(reported);
  for (const digest of store.touched) {
    const path = blobPath(store.root, digest);
    const st = await stat(path).catch(() => undefined);
    // Cache manifests are small JSON; layers are not worth opening.
    if (!st || st.size > 4 << 20) continue;
    let doc: { mediaType?: unknown; config?: { mediaType?: unknown }; manifests?: { mediaType?: unknown }[] };
    try {
      doc = JSON.parse(await readFile(path, "utf8")) as typeof doc;
    } catch {
      continue;
    }
    const refersToCacheConfig =
      doc.config?.mediaType === cacheConfigMediaType ||
      (Array.isArray(doc.manifests) && doc.manifests.some((m) => m.mediaType === cacheConfigMediaType));
    if (refersToCacheConfig && typeof doc.mediaType === "string") {
      return { mediaType: doc.mediaType, digest, size: st.size };
    }
  }
  return undefined;
}
