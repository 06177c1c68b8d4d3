import { MediaType } from "./media-types.js";
import type { InTotoStatement } from "./oci-types.js";
import { formatReference, parseReference, type ImageReference } from "./parse-reference.js";
import type { CallOptions, FetchedManifest, RegistryClient } from "./registry-client.js";
import { RegistryError, wrapRegistryError } from "./registry-error.js";
import { readImageIndex, type ImageIndexView } from "./read-image-index.js";
import { wholeOperation } from "./with-deadline.js";

/** The annotation BuildKit puts on each in-toto layer of an attestation manifest. */
const PREDICATE_TYPE = "in-toto.io/predicate-type";

/** One in-toto layer of an attestation manifest, not yet fetched. */
export interface AttestationLayer {
  readonly digest: string;
  /** From the layer's `in-toto.io/predicate-type` annotation; undefined when it has none. */
  readonly predicateType: string | undefined;
  /** Fetches and parses the statement. */
  read(): Promise<InTotoStatement>;
}

/**
 * The in-toto layers (provenance, SBOM, ...) BuildKit attached to one platform image of an index: finds the
 * attestation manifest whose `vnd.docker.reference.digest` is `platformManifestDigest` and lists its in-toto layers
 * with their predicate types, so a caller fetches only the statements it needs (an SBOM can run to megabytes). Pass
 * `index` when it has been read already, and in `manifests` attestation manifests already being fetched by digest (a
 * failed one is fetched again). `not-found` if the image has no attestations. `timeoutMs` bounds the whole read.
 */
export async function readAttestationLayers(
  client: RegistryClient,
  ref: ImageReference | string,
  platformManifestDigest: string,
  options: CallOptions & {
    readonly index?: ImageIndexView;
    readonly manifests?: ReadonlyMap<string, Promise<FetchedManifest>>;
  } = {},
): Promise<AttestationLayer[]> {
  const reference = typeof ref === "string" ? parseReference(ref) : ref;
  const { index } = options;
  const call = wholeOperation(options);
  const view = index ?? (await readImageIndex(client, reference, call));
  const what = `read attestations of ${platformManifestDigest} in ${formatReference(reference)}`;
  const attestation = view.attestations.find((a) => a.subjectDigest === platformManifestDigest);
  if (attestation === undefined) {
    throw new RegistryError(`failed to ${what}: the index has no attestation manifest for it`, "not-found");
  }
  const repo = { registry: reference.registry, repository: reference.repository };
  const fetch = (): Promise<FetchedManifest> =>
    client.getManifest({ ...repo, digest: attestation.descriptor.digest }, call);
  const manifest = await (options.manifests?.get(attestation.descriptor.digest)?.catch(fetch) ?? fetch());
  if (manifest.kind !== "image") {
    throw new RegistryError(`failed to ${what}: ${attestation.descriptor.digest} is not an image manifest`, "invalid");
  }
  return manifest.json.layers
    .filter((l) => l.mediaType === MediaType.InToto)
    .map((layer) => ({
      digest: layer.digest,
      predicateType: layer.annotations?.[PREDICATE_TYPE],
      read: async () => {
        const blob = await client.getBlob(repo, layer.digest, call);
        try {
          return parseInTotoStatement(blob);
        } catch (err: unknown) {
          throw wrapRegistryError(`${what}: layer ${layer.digest}`, err);
        }
      },
    }));
}

/** Parses one in-toto statement and checks the fields every statement has. */
export function parseInTotoStatement(bytes: Uint8Array): InTotoStatement {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(bytes).toString("utf8"));
  } catch (err: unknown) {
    throw new RegistryError("in-toto statement is not JSON", "invalid", { cause: err });
  }
  if (typeof json !== "object" || json === null)
    throw new RegistryError("in-toto statement is not an object", "invalid");
  const s = json as Record<string, unknown>;
  const subjects = s["subject"];
  const subjectsOk =
    Array.isArray(subjects) &&
    subjects.every(
      (x: unknown) =>
        typeof x === "object" &&
        x !== null &&
        "name" in x &&
        typeof x.name === "string" &&
        "digest" in x &&
        typeof x.digest === "object" &&
        x.digest !== null,
    );
  if (typeof s["_type"] !== "string" || typeof s["predicateType"] !== "string" || !subjectsOk) {
    throw new RegistryError("in-toto statement lacks _type, predicateType or subject", "invalid");
  }
  return json as InTotoStatement;
}
