import { RegistryError, type RegistryClient } from "../registry/index.js";
import { movedTags, verifyPush, type Expectations, type MovedTag, type PushedImage } from "./verify-push.js";

type TagCheck = { readonly ok: true; readonly moved: MovedTag[] } | { readonly ok: false; readonly error: unknown };

/**
 * After the daemon pushed: reads the image back by the digest the exporter reported, then checks where the tags
 * point. A tag another build moved on is a warning naming both digests; the outputs still describe this build.
 * When the registry cannot be read (after the client's retries) the push itself has succeeded, so the step warns
 * "pushed <digest>, could not verify: ..." and still reports the digest. A read that shows the image is not what
 * was promised (a platform or attestation missing) throws.
 *
 * With the digest known the tags are looked up while the image is read, not after: both only read what the push
 * left behind.
 */
export async function readBack(
  registry: RegistryClient,
  names: readonly string[],
  digest: string | undefined,
  expect: Expectations,
  options: {
    signal?: AbortSignal;
    warn: (message: string) => void;
    /** The names are repositories pushed by digest (`push-by-digest`, fan-out legs): no tag to check. */
    byDigest?: boolean;
    /** Attestation manifests the daemon reported exporting: read alongside the index (verifyPush). */
    attestationManifests?: readonly string[];
  },
): Promise<PushedImage> {
  const call = options.signal ? { signal: options.signal } : {};
  const first = names[0]!;
  // A tag lookup still running when the image could not be read is stopped: its answer would not be used.
  const unused = new AbortController();
  const tagCall = { signal: options.signal ? AbortSignal.any([options.signal, unused.signal]) : unused.signal };
  const checkTags = (pushed: string): Promise<TagCheck> =>
    movedTags(registry, names, pushed, tagCall).then(
      (moved): TagCheck => ({ ok: true, moved }),
      (error: unknown): TagCheck => ({ ok: false, error }),
    );
  const early = options.byDigest || digest === undefined ? undefined : checkTags(digest);
  let pushed: PushedImage;
  try {
    pushed = await verifyPush(registry, first, expect, {
      ...call,
      ...(digest ? { digest } : {}),
      ...(options.attestationManifests ? { attestationManifests: options.attestationManifests } : {}),
    });
  } catch (err) {
    unused.abort();
    if (!(err instanceof RegistryError) || err.code !== "unavailable" || digest === undefined) throw err;
    options.warn(`pushed ${digest}, could not verify: ${err.message}`);
    return { digest, digests: {}, attestations: {}, buildinfo: {} };
  }
  if (options.byDigest) return pushed;
  const tags = await (early ?? checkTags(pushed.digest));
  if (!tags.ok) {
    if (!(tags.error instanceof RegistryError) || tags.error.code !== "unavailable") throw tags.error;
    options.warn(`pushed ${pushed.digest}, could not check where its tags point: ${tags.error.message}`);
    return pushed;
  }
  for (const moved of tags.moved) {
    options.warn(
      `${moved.name} now points at ${moved.now}, not at ${moved.pushed} that this build pushed: another push of the same tag came after it`,
    );
  }
  return pushed;
}
