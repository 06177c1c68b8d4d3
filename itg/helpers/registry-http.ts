// Minimal OCI distribution reads over plain HTTP(S) with fetch, for checking what a build pushed.
// (Deliberately independent of src/registry/: the tests check Kiln's output with a separate reader.)

export const INDEX_MEDIA_TYPES = [
  "application/vnd.oci.image.index.v1+json",
  "application/vnd.docker.distribution.manifest.list.v2+json",
] as const;
export const MANIFEST_MEDIA_TYPES = [
  "application/vnd.oci.image.manifest.v1+json",
  "application/vnd.docker.distribution.manifest.v2+json",
] as const;

export interface Platform {
  architecture: string;
  os: string;
  variant?: string;
}

export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  platform?: Platform;
  annotations?: Record<string, string>;
}

export interface ImageIndex {
  schemaVersion: number;
  mediaType?: string;
  manifests: Descriptor[];
  annotations?: Record<string, string>;
}

export interface ImageManifest {
  schemaVersion: number;
  mediaType?: string;
  config: Descriptor;
  layers: Descriptor[];
  annotations?: Record<string, string>;
}

export interface FetchedManifest<T> {
  /** Content-Type the registry answered with. */
  mediaType: string;
  /** Docker-Content-Digest header. */
  digest: string;
  body: T;
  raw: Buffer;
}

export interface RegistryTarget {
  /** host:port */
  registry: string;
  repository: string;
  /** "https" for TLS registries (Node must trust the CA, e.g. NODE_EXTRA_CA_CERTS); default "http". */
  scheme?: "http" | "https";
  /** Value of an Authorization header, e.g. `Basic ...`. */
  authorization?: string;
}

function url(target: RegistryTarget, kind: "manifests" | "blobs", reference: string): string {
  return `${target.scheme ?? "http"}://${target.registry}/v2/${target.repository}/${kind}/${reference}`;
}

function headers(target: RegistryTarget, accept?: readonly string[]): Record<string, string> {
  const result: Record<string, string> = {};
  if (accept) result["accept"] = accept.join(", ");
  if (target.authorization) result["authorization"] = target.authorization;
  return result;
}

export async function getManifest<T = ImageIndex | ImageManifest>(
  target: RegistryTarget,
  reference: string,
): Promise<FetchedManifest<T>> {
  const response = await fetch(url(target, "manifests", reference), {
    headers: headers(target, [...INDEX_MEDIA_TYPES, ...MANIFEST_MEDIA_TYPES]),
  });
  if (!response.ok) {
    throw new Error(`GET ${target.repository} manifest ${reference}: HTTP ${response.status} ${await response.text()}`);
  }
  const raw = Buffer.from(await response.arrayBuffer());
  return {
    mediaType: (response.headers.get("content-type") ?? "").split(";")[0] ?? "",
    digest: response.headers.get("docker-content-digest") ?? "",
    body: JSON.parse(raw.toString("utf8")) as T,
    raw,
  };
}

export async function getBlob(target: RegistryTarget, digest: string): Promise<Buffer> {
  const response = await fetch(url(target, "blobs", digest), { headers: headers(target) });
  if (!response.ok) throw new Error(`GET ${target.repository} blob ${digest}: HTTP ${response.status}`);
  return Buffer.from(await response.arrayBuffer());
}

export function platformString(platform: Platform | undefined): string {
  if (!platform) return "";
  return [platform.os, platform.architecture, platform.variant].filter(Boolean).join("/");
}

/** Splits "host:port/repo/name:tag" into registry, repository and tag. */
export function parseReference(reference: string): { registry: string; repository: string; tag: string } {
  const slash = reference.indexOf("/");
  const registry = reference.slice(0, slash);
  const rest = reference.slice(slash + 1);
  const colon = rest.lastIndexOf(":");
  return { registry, repository: rest.slice(0, colon), tag: rest.slice(colon + 1) };
}

/** Platform ("linux/arm64") -> image manifest digest of an index in a plain-HTTP registry, attestations left out. */
export async function platformDigests(reference: string): Promise<Record<string, string>> {
  const { registry, repository, tag } = parseReference(reference);
  const { body } = await getManifest<ImageIndex>({ registry, repository }, tag);
  const out: Record<string, string> = {};
  for (const m of body.manifests ?? []) {
    if (m.annotations?.["vnd.docker.reference.type"] === "attestation-manifest") continue;
    out[platformString(m.platform)] = m.digest;
  }
  return out;
}
