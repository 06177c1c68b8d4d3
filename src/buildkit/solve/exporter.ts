/**
 * One export of a solve. Exporters that write to the client carry where the bytes go; the daemon sends them
 * back over the session's FileSend (a single file stream, or an fsutil stream for `local`).
 */
export type Exporter =
  | { readonly type: "image" | "moby"; readonly attrs: Readonly<Record<string, string>> }
  | { readonly type: "oci" | "docker" | "tar"; readonly attrs: Readonly<Record<string, string>>; readonly dest: string }
  | { readonly type: "local"; readonly attrs: Readonly<Record<string, string>>; readonly dest: string };

export interface ImageExportOptions {
  /** Image references to name (and push) the result as. */
  readonly names: readonly string[];
  readonly push?: boolean;
  /** Push only the manifest, unnamed, so another step can assemble an index from several pushes. */
  readonly pushByDigest?: boolean;
  /** Keep the result in the daemon's image store (BuildKit's default: true). */
  readonly store?: boolean;
  readonly unpack?: boolean;
  readonly insecure?: boolean;
  readonly ociMediaTypes?: boolean;
  readonly compression?: "uncompressed" | "gzip" | "estargz" | "zstd";
  readonly compressionLevel?: number;
  readonly forceCompression?: boolean;
  /** Clamp file mtimes in new layers to SOURCE_DATE_EPOCH (BuildKit v0.13+), for reproducible digests. */
  readonly rewriteTimestamp?: boolean;
  /** Annotations keyed as BuildKit expects: "annotation.<k>", "annotation-index.<k>", "annotation-manifest[linux/amd64].<k>", ... */
  readonly annotations?: Readonly<Record<string, string>>;
  /** Attributes passed through as given, for options this type does not name. */
  readonly extra?: Readonly<Record<string, string>>;
}

const bool = (v: boolean): string => (v ? "true" : "false");

/** The image exporter's attributes (moby/buildkit exporter/containerimage/exptypes/keys.go). */
export function imageExporter(options: ImageExportOptions, type: "image" | "moby" = "image"): Exporter {
  const attrs: Record<string, string> = {};
  if (options.names.length > 0) attrs["name"] = options.names.join(",");
  if (options.push !== undefined) attrs["push"] = bool(options.push);
  if (options.pushByDigest !== undefined) attrs["push-by-digest"] = bool(options.pushByDigest);
  if (options.store !== undefined) attrs["store"] = bool(options.store);
  if (options.unpack !== undefined) attrs["unpack"] = bool(options.unpack);
  if (options.insecure !== undefined) attrs["registry.insecure"] = bool(options.insecure);
  if (options.ociMediaTypes !== undefined) attrs["oci-mediatypes"] = bool(options.ociMediaTypes);
  if (options.compression !== undefined) attrs["compression"] = options.compression;
  if (options.compressionLevel !== undefined) attrs["compression-level"] = String(options.compressionLevel);
  if (options.forceCompression !== undefined) attrs["force-compression"] = bool(options.forceCompression);
  if (options.rewriteTimestamp !== undefined) attrs["rewrite-timestamp"] = bool(options.rewriteTimestamp);
  for (const [k, v] of Object.entries(options.annotations ?? {})) attrs[k] = v;
  for (const [k, v] of Object.entries(options.extra ?? {})) attrs[k] = v;
  return { type, attrs };
}
