import type { ImageManifestMediaType, IndexMediaType } from "./media-types.js";

// Shapes from opencontainers/image-spec v1.1 (descriptor.md, image-index.md, manifest.md). Docker's schema2
// manifest and manifest list have the same fields, so one set of types reads both.

/** Where an image runs: `{ os: "linux", architecture: "arm64", variant: "v8" }`. */
export interface Platform {
  readonly os: string;
  readonly architecture: string;
  readonly variant?: string;
  readonly "os.version"?: string;
  readonly "os.features"?: readonly string[];
}

/** Points at content by digest: a manifest, config or layer. */
export interface Descriptor {
  readonly mediaType: string;
  /** `sha256:<64 hex>`. */
  readonly digest: string;
  /** Size in bytes. */
  readonly size: number;
  readonly annotations?: Readonly<Record<string, string>>;
  readonly platform?: Platform;
  readonly artifactType?: string;
  readonly urls?: readonly string[];
}

/** An image index (OCI) or manifest list (Docker): one manifest per platform, plus attestations. */
export interface ImageIndex {
  readonly schemaVersion: 2;
  readonly mediaType?: IndexMediaType;
  readonly artifactType?: string;
  readonly manifests: readonly Descriptor[];
  readonly subject?: Descriptor;
  readonly annotations?: Readonly<Record<string, string>>;
}

/** An image manifest: a config and its layers. Attestation manifests are image manifests too. */
export interface ImageManifest {
  readonly schemaVersion: 2;
  readonly mediaType?: ImageManifestMediaType;
  readonly artifactType?: string;
  readonly config: Descriptor;
  readonly layers: readonly Descriptor[];
  readonly subject?: Descriptor;
  readonly annotations?: Readonly<Record<string, string>>;
}

/** A manifest as fetched: which kind it is follows from its media type. */
export type Manifest =
  | { readonly kind: "index"; readonly mediaType: IndexMediaType; readonly json: ImageIndex }
  | { readonly kind: "image"; readonly mediaType: ImageManifestMediaType; readonly json: ImageManifest };

/** An in-toto statement (in-toto/attestation spec v1, statement.md) as stored in an attestation layer. */
export interface InTotoStatement {
  readonly _type: string;
  readonly predicateType: string;
  readonly subject: readonly { readonly name: string; readonly digest: Readonly<Record<string, string>> }[];
  readonly predicate: unknown;
}
