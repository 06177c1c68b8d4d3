import { assembleIndex, type AssembledIndex, type AssembleIndexOptions } from "./assemble-index.js";
import type { Descriptor } from "./oci-types.js";
import { formatReference, parseReference, type ImageReference } from "./parse-reference.js";
import type { CallOptions, RegistryClient } from "./registry-client.js";
import { RegistryError } from "./registry-error.js";
import { wholeOperation } from "./with-deadline.js";

/**
 * Assembles an index from manifests already pushed by digest to the reference's repository (per-platform
 * builds on separate nodes) and puts it under the reference's tag. Each manifest is looked up first, so a
 * missing one is reported by digest rather than by the registry's generic error. `timeoutMs` bounds the whole push.
 */
export async function pushIndex(
  client: RegistryClient,
  ref: ImageReference | string,
  manifests: readonly Descriptor[],
  options: CallOptions & AssembleIndexOptions = {},
): Promise<AssembledIndex> {
  const reference = typeof ref === "string" ? parseReference(ref) : ref;
  const { annotations } = options;
  const call = wholeOperation(options);
  const assembled = assembleIndex(manifests, annotations === undefined ? {} : { annotations });
  const repo = { registry: reference.registry, repository: reference.repository };
  const found = await Promise.all(manifests.map((d) => client.headManifest({ ...repo, digest: d.digest }, call)));
  const missing = manifests.filter((_, i) => found[i] === undefined).map((d) => d.digest);
  const resized = manifests.filter((d, i) => found[i] !== undefined && found[i]?.size !== d.size);
  if (missing.length > 0) {
    throw new RegistryError(
      `failed to push index ${formatReference(reference)}: ${missing.join(", ")} not in ${repo.registry}/${repo.repository}: push the manifests first`,
      "not-found",
    );
  }
  if (resized.length > 0) {
    throw new RegistryError(
      `failed to push index ${formatReference(reference)}: the registry's size of ${resized.map((d) => d.digest).join(", ")} differs from the descriptor`,
      "invalid",
    );
  }
  await client.putManifest(reference, assembled.bytes, assembled.descriptor.mediaType, call);
  return assembled;
}
