import { RegistryError, type RegistryClient } from "../registry/index.js";
import { movedTags, verifyPush, type Expectations, type PushedImage } from "./verify-push.js";

/**
 * After the daemon pushed: reads the image back by the digest the exporter reported, then checks where the tags
 * point. A tag another build moved on is a warning naming both digests; the outputs still describe this build.
 * When the registry cannot be read (after the client's retries) the push itself has succeeded, so the step warns
 * "pushed <digest>, could not verify: ..." and still reports the digest. A read that shows the image is not what
 * was promised (a platform or attestation missing) throws.
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
  },
): Promise<PushedImage> {
  const call = options.signal ? { signal: options.signal } : {};
  const first = names[0]!;
  let pushed: PushedImage;
  try {
    pushed = await verifyPush(registry, first, expect, { ...call, ...(digest ? { digest } : {}) });
  } catch (err) {
    if (!(err instanceof RegistryError) || err.code !== "unavailable" || digest === undefined) throw err;
    options.warn(`pushed ${digest}, could not verify: ${err.message}`);
    return { digest, digests: {}, attestations: {}, buildinfo: {} };
  }
  if (options.byDigest) return pushed;
  try {
    for (const moved of await movedTags(registry, names, pushed.digest, call)) {
      options.warn(
        `${moved.name} now points at ${moved.now}, not at ${moved.pushed} that this build pushed: another push of the same tag came after it`,
      );
    }
  } catch (err) {
    if (!(err instanceof RegistryError) || err.code !== "unavailable") throw err;
    options.warn(`pushed ${pushed.digest}, could not check where its tags point: ${err.message}`);
  }
  return pushed;
}
