import { randomBytes } from "node:crypto";
import { readdir, readFile, rename, rm, rmdir, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { blobPath, isDigest } from "./content-store.js";
import { BuildkitError, Code } from "../errors.js";
import { messageOf } from "../../shared/message-of.js";

/** An OCI content descriptor (image-spec descriptor.md); other fields are kept as they are. */
export interface OciDescriptor {
  readonly mediaType?: string;
  readonly digest: string;
  readonly size: number;
  readonly annotations?: Readonly<Record<string, string>>;
  readonly [field: string]: unknown;
}

/** An OCI layout's `index.json`. Unknown fields are kept when it is rewritten. */
export interface OciIndex {
  readonly schemaVersion: number;
  readonly mediaType?: string;
  readonly manifests: readonly OciDescriptor[];
  readonly [field: string]: unknown;
}

/** image-spec annotations.md: the tag of an index.json entry (BuildKit client/ociindex keys entries by it). */
export const refNameAnnotation = "org.opencontainers.image.ref.name";

const indexMediaType = "application/vnd.oci.image.index.v1+json";

/** Media types whose blobs are JSON that refers to further blobs. */
const parentMediaTypes = new Set([
  indexMediaType,
  "application/vnd.oci.image.manifest.v1+json",
  "application/vnd.docker.distribution.manifest.list.v2+json",
  "application/vnd.docker.distribution.manifest.v2+json",
]);

const readError = (what: string, cause: unknown): BuildkitError =>
  new BuildkitError(`failed to read ${what}: ${messageOf(cause)}`, Code.InvalidArgument, { cause });

/** Reads `<dir>/index.json`; undefined when there is none. A file that is not an OCI index is an error. */
export async function readOciIndex(dir: string): Promise<OciIndex | undefined> {
  const path = join(dir, "index.json");
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw readError(path, err);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw readError(path, err);
  }
  const index = parsed as Partial<OciIndex> | null;
  if (
    typeof index !== "object" ||
    index === null ||
    (index.manifests !== undefined && !Array.isArray(index.manifests))
  ) {
    throw readError(path, new Error("not an OCI image index"));
  }
  return { ...index, schemaVersion: index.schemaVersion ?? 2, manifests: index.manifests ?? [] };
}

/** The entry tagged `tag` (annotation org.opencontainers.image.ref.name), as BuildKit's ociindex `Get`. */
export function findTagged(index: OciIndex, tag: string): OciDescriptor | undefined {
  return index.manifests.find((m) => m.annotations?.[refNameAnnotation] === tag);
}

/** Writes a file by renaming a sibling temporary file over it, so readers never see half of it. */
async function writeAtomically(path: string, text: string): Promise<void> {
  const tmp = `${path}.${randomBytes(6).toString("hex")}.tmp`;
  await writeFile(tmp, text, { mode: 0o644 });
  try {
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

/**
 * Records `desc` in `<dir>/index.json` under `tag`, replacing every entry with that tag, and writes `oci-layout`,
 * as BuildKit's client/ociindex `Put` does after a local cache export. Entries with other tags stay.
 */
export async function putTagged(dir: string, desc: OciDescriptor, tag: string): Promise<OciIndex> {
  const old = await readOciIndex(dir);
  const entry: OciDescriptor = { ...desc, annotations: { ...desc.annotations, [refNameAnnotation]: tag } };
  const index: OciIndex = {
    ...old,
    schemaVersion: old?.schemaVersion ?? 2,
    mediaType: old?.mediaType ?? indexMediaType,
    manifests: [...(old?.manifests ?? []).filter((m) => m.annotations?.[refNameAnnotation] !== tag), entry],
  };
  await writeAtomically(join(dir, "oci-layout"), JSON.stringify({ imageLayoutVersion: "1.0.0" }));
  await writeAtomically(join(dir, "index.json"), JSON.stringify(index));
  return index;
}

function childrenOf(json: unknown): OciDescriptor[] {
  if (typeof json !== "object" || json === null) return [];
  const doc = json as Record<string, unknown>;
  const out: unknown[] = [];
  for (const key of ["manifests", "layers", "blobs"]) if (Array.isArray(doc[key])) out.push(...(doc[key] as unknown[]));
  for (const key of ["config", "subject"]) if (doc[key] !== undefined) out.push(doc[key]);
  return out.filter(
    (d): d is OciDescriptor => typeof d === "object" && d !== null && typeof (d as OciDescriptor).digest === "string",
  );
}

/**
 * Every digest reachable from the index's entries: indexes and manifests are read and followed (manifests,
 * config, layers, blobs, subject), other blobs are leaves. A referenced blob that is absent is still listed; a
 * present index or manifest that cannot be parsed is an error, because what it refers to cannot be known.
 */
export async function reachableBlobs(dir: string, index: OciIndex): Promise<Set<string>> {
  const seen = new Set<string>();
  const pending = [...index.manifests];
  for (let d = pending.pop(); d !== undefined; d = pending.pop()) {
    if (seen.has(d.digest)) continue;
    seen.add(d.digest);
    if (d.mediaType !== undefined && !parentMediaTypes.has(d.mediaType)) continue;
    let text: string;
    try {
      text = await readFile(blobPath(dir, d.digest), "utf8");
    } catch {
      continue;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (err) {
      // A descriptor without a media type may point at anything; one that says it is a manifest must parse.
      if (d.mediaType === undefined) continue;
      throw readError(`${d.mediaType} ${d.digest} in ${dir}`, err);
    }
    pending.push(...childrenOf(json));
  }
  return seen;
}

export interface GarbageCollection {
  readonly removedBlobs: number;
  readonly freedBytes: number;
}

/**
 * Deletes every blob under `<dir>/blobs/` that `index.json` does not reach, so a directory that receives one
 * cache export after another holds only what its tags refer to (BuildKit's `reset=true`, client/solve.go
 * `resetCacheStore`, made the default). Also removes `ingest/` when it is empty. Without an index.json nothing is
 * deleted.
 */
export async function collectGarbage(dir: string): Promise<GarbageCollection> {
  const index = await readOciIndex(dir);
  if (!index) return { removedBlobs: 0, freedBytes: 0 };
  const keep = await reachableBlobs(dir, index);
  let removedBlobs = 0;
  let freedBytes = 0;
  for (const algorithm of ["sha256", "sha384", "sha512"]) {
    const names = await readdir(join(dir, "blobs", algorithm)).catch(() => [] as string[]);
    for (const name of names) {
      // Only files named like digests: anything else under blobs/ is not this layout's to delete.
      if (!isDigest(`${algorithm}:${name}`) || keep.has(`${algorithm}:${name}`)) continue;
      const path = join(dir, "blobs", algorithm, name);
      const st = await stat(path).catch(() => undefined);
      if (!st?.isFile()) continue;
      await rm(path, { force: true });
      removedBlobs++;
      freedBytes += st.size;
    }
  }
  await rmdir(join(dir, "ingest")).catch(() => {});
  return { removedBlobs, freedBytes };
}
