import {
  describeIndex,
  formatReference,
  parseReference,
  readAttestationLayers,
  type FetchedManifest,
  type ImageIndexView,
  type ImageReference,
  type RegistryClient,
} from "../registry/index.js";
import { formatPlatform } from "../shared/platform.js";
import { buildInfoFromProvenance, type BuildInfo } from "./buildinfo.js";

/** The in-toto predicate type of BuildKit's SBOM statements. */
export const SPDX_PREDICATE = "https://spdx.dev/Document";
/** Any SLSA provenance version (BuildKit writes v0.2 or v1 depending on its version and the request). */
export const isSlsaPredicate = (t: string): boolean => t.startsWith("https://slsa.dev/provenance/");

export interface PushedImage {
  /** Digest of the index the tag points at. */
  readonly digest: string;
  /** Platform -> image manifest digest. */
  readonly digests: Readonly<Record<string, string>>;
  /** Platform -> attestation manifest digest. */
  readonly attestations: Readonly<Record<string, string>>;
  /** Platform -> sources the build resolved, from the provenance. */
  readonly buildinfo: Readonly<Record<string, BuildInfo>>;
}

export interface Expectations {
  readonly platforms: readonly string[];
  readonly sbom: boolean;
  readonly provenance: boolean;
}

/**
 * Reads a pushed image back from the registry and checks it is what the build promised: every platform present,
 * each with an attestation manifest that carries the SPDX and SLSA predicates asked for and whose statements name
 * that manifest as their subject (SBOMs are known by their layers' predicate-type annotation and not fetched).
 * Throws one error listing everything missing.
 *
 * With `digest` (the exporter's `containerimage.digest`) the image is read by that digest, never by tag: a tag can
 * move on to another build's push between the daemon's push and this read, and the outputs must describe this
 * build. {@link movedTags} says whether that happened.
 *
 * `attestationManifests` are digests the daemon reported exporting as attestation manifests: they are fetched
 * alongside the index instead of after it, and used only where the index names them.
 */
export async function verifyPush(
  client: RegistryClient,
  ref: string,
  expect: Expectations,
  options: { signal?: AbortSignal; digest?: string; attestationManifests?: readonly string[] } = {},
): Promise<PushedImage> {
  const call = options.signal ? { signal: options.signal } : {};
  const named = parseReference(ref);
  const repo = { registry: named.registry, repository: named.repository };
  const target = options.digest === undefined ? named : { ...repo, digest: options.digest };
  const reading = client.getManifest(target, call);
  // Prefetches still running when the verification ends (not named by the index, or the index failed) are stopped.
  const done = new AbortController();
  const prefetchSignal = options.signal ? AbortSignal.any([options.signal, done.signal]) : done.signal;
  const prefetched = new Map<string, Promise<FetchedManifest>>();
  for (const digest of options.attestationManifests ?? []) {
    const read = client.getManifest({ ...repo, digest }, { signal: prefetchSignal });
    // One the index does not name is never awaited; one it names and that failed is read again.
    read.catch(() => {});
    prefetched.set(digest, read);
  }
  try {
    return await verifyIndex(client, target, await reading, expect, call, prefetched);
  } finally {
    done.abort();
  }
}

/** verifyPush once the top manifest is read. */
async function verifyIndex(
  client: RegistryClient,
  target: ImageReference,
  top: FetchedManifest,
  expect: Expectations,
  call: { signal?: AbortSignal },
  prefetched: ReadonlyMap<string, Promise<FetchedManifest>>,
): Promise<PushedImage> {
  const ref = formatReference(target);
  if (top.kind === "image") {
    // One platform without attestations is pushed as a plain manifest, not an index.
    if (expect.sbom || expect.provenance)
      throw new Error(`verification of ${ref} failed: a single manifest carries no attestations`);
    const platform = expect.platforms[0] ?? "default";
    return { digest: top.digest, digests: { [platform]: top.digest }, attestations: {}, buildinfo: {} };
  }
  // The index was just fetched: describe it instead of fetching it again.
  const view: ImageIndexView = {
    reference: target,
    digest: top.digest,
    mediaType: top.mediaType,
    bytes: top.bytes,
    index: top.json,
    ...describeIndex(top.json),
  };
  const digests: Record<string, string> = {};
  const attestations: Record<string, string> = {};
  const buildinfo: Record<string, BuildInfo> = {};
  const problems: string[] = [];
  const attested = expect.sbom || expect.provenance;
  // Platforms are read in parallel: each costs two round trips (attestation manifest, then its statements).
  const checks = view.manifests.map(async (m): Promise<{ found: string[]; info?: BuildInfo }> => {
    const platform = formatPlatform(m.platform);
    digests[platform] = m.descriptor.digest;
    if (!attested) return { found: [] };
    const attestation = view.attestations.find((a) => a.subjectDigest === m.descriptor.digest);
    if (!attestation) return { found: [`${platform} has no attestation manifest`] };
    attestations[platform] = attestation.descriptor.digest;
    const found: string[] = [];
    const layers = await readAttestationLayers(client, ref, m.descriptor.digest, {
      ...call,
      index: view,
      manifests: prefetched,
    });
    // An SBOM is known by its layer's predicate-type annotation and not fetched: it can run to megabytes per
    // platform, and nothing Kiln reports comes from it. Every other statement is fetched and its subject checked.
    const sbomLayers = layers.filter((l) => l.predicateType === SPDX_PREDICATE);
    const statements = await Promise.all(layers.filter((l) => !sbomLayers.includes(l)).map((l) => l.read()));
    for (const s of statements) {
      const subjects = s.subject.map((x) => `sha256:${x.digest["sha256"] ?? ""}`);
      if (!subjects.includes(m.descriptor.digest))
        found.push(`${platform}: a ${s.predicateType} statement does not name ${m.descriptor.digest} as its subject`);
    }
    if (expect.sbom && sbomLayers.length === 0 && !statements.some((s) => s.predicateType === SPDX_PREDICATE))
      found.push(`${platform} has no SPDX SBOM`);
    const provenance = statements.find((s) => isSlsaPredicate(s.predicateType));
    if (expect.provenance && !provenance) found.push(`${platform} has no SLSA provenance`);
    return provenance ? { found, info: buildInfoFromProvenance(provenance.predicate) } : { found };
  });
  // Problems and buildinfo keep the index's platform order, whichever read finished first.
  const results = await Promise.all(checks);
  results.forEach(({ found, info }, i) => {
    problems.push(...found);
    if (info) buildinfo[formatPlatform(view.manifests[i]!.platform)] = info;
  });
  for (const p of expect.platforms) if (!(p in digests)) problems.push(`${p} is missing from the index`);
  if (problems.length > 0) {
    throw new Error(`verification of ${ref} failed: ${problems.join("; ")}`);
  }
  return { digest: view.digest, digests, attestations, buildinfo };
}

/** A tag that no longer names the image this build pushed. */
export interface MovedTag {
  readonly name: string;
  readonly pushed: string;
  readonly now: string;
}

/**
 * Which of `names` (image references with tags) no longer point at `digest`: another push of the same tag won the
 * race. The build's outputs still describe its own image; the caller warns so nobody deploys by tag unaware.
 */
export async function movedTags(
  client: RegistryClient,
  names: readonly string[],
  digest: string,
  options: { signal?: AbortSignal } = {},
): Promise<MovedTag[]> {
  const call = options.signal ? { signal: options.signal } : {};
  const checks = names.map(async (name): Promise<MovedTag | undefined> => {
    const ref = parseReference(name);
    if (ref.digest !== undefined) return undefined;
    const now = (await client.headManifest(ref, call))?.digest ?? "nothing";
    return now === digest ? undefined : { name, pushed: digest, now };
  });
  return (await Promise.all(checks)).filter((m): m is MovedTag => m !== undefined);
}
