import { MediaType, isImageManifestMediaType, isIndexMediaType } from "./media-types.js";
import type { Descriptor, ImageIndex, ImageManifest, Manifest } from "./oci-types.js";
import { RegistryError } from "./registry-error.js";

/**
 * Parses manifest bytes into an index or an image manifest. The kind comes from the `Content-Type` the
 * registry stored, else the JSON's `mediaType`, else its shape (`manifests` vs `config` + `layers`), as
 * containerd does for OCI content without a media type. Schema 1 and unknown types are `invalid`.
 */
export function parseManifest(bytes: Uint8Array, contentType?: string): Manifest {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(bytes).toString("utf8"));
  } catch (err: unknown) {
    throw new RegistryError("manifest is not JSON", "invalid", { cause: err });
  }
  if (!isRecord(json)) throw new RegistryError("manifest is not a JSON object", "invalid");
  if (json["schemaVersion"] !== 2) {
    const hint = json["schemaVersion"] === 1 ? " (schema 1: ask for the stored media type in accept)" : "";
    throw new RegistryError(
      `unsupported manifest schemaVersion ${JSON.stringify(json["schemaVersion"])}${hint}`,
      "invalid",
    );
  }
  const declared = typeof json["mediaType"] === "string" ? json["mediaType"] : undefined;
  const header = contentType?.split(";")[0]?.trim();
  const mediaType =
    [header, declared].find((t) => t !== undefined && (isIndexMediaType(t) || isImageManifestMediaType(t))) ??
    (Array.isArray(json["manifests"]) ? MediaType.OciIndex : "config" in json ? MediaType.OciManifest : undefined);
  if (mediaType === undefined) {
    throw new RegistryError(`unsupported manifest media type ${JSON.stringify(header ?? declared)}`, "invalid");
  }
  if (isIndexMediaType(mediaType)) return { kind: "index", mediaType, json: toIndex(json) };
  if (isImageManifestMediaType(mediaType)) return { kind: "image", mediaType, json: toImageManifest(json) };
  throw new RegistryError(`unsupported manifest media type ${JSON.stringify(mediaType)}`, "invalid");
}

function toIndex(json: Record<string, unknown>): ImageIndex {
  const manifests = json["manifests"];
  if (!Array.isArray(manifests)) throw new RegistryError("index has no manifests list", "invalid");
  manifests.forEach((d, i) => checkDescriptor(d, `manifests[${i}]`));
  return json as unknown as ImageIndex;
}

function toImageManifest(json: Record<string, unknown>): ImageManifest {
  checkDescriptor(json["config"], "config");
  const layers = json["layers"];
  if (!Array.isArray(layers)) throw new RegistryError("manifest has no layers list", "invalid");
  layers.forEach((d, i) => checkDescriptor(d, `layers[${i}]`));
  return json as unknown as ImageManifest;
}

/** Throws `invalid` unless `value` has a descriptor's required fields. */
export function checkDescriptor(value: unknown, where: string): asserts value is Descriptor {
  const ok =
    isRecord(value) &&
    typeof value["mediaType"] === "string" &&
    typeof value["digest"] === "string" &&
    /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/.test(value["digest"]) &&
    typeof value["size"] === "number" &&
    Number.isInteger(value["size"]) &&
    value["size"] >= 0;
  if (!ok) throw new RegistryError(`${where} is not a valid descriptor`, "invalid");
  if (value["platform"] !== undefined) {
    const p = value["platform"];
    if (!isRecord(p) || typeof p["os"] !== "string" || typeof p["architecture"] !== "string") {
      throw new RegistryError(`${where}.platform needs os and architecture`, "invalid");
    }
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
