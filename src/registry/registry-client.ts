import type { CredentialStore } from "./docker-credential-store.js";
import { headerValue, type HttpResponse } from "./http-request.js";
import { MANIFEST_ACCEPT, MediaType } from "./media-types.js";
import type { Descriptor, Manifest } from "./oci-types.js";
import { parseManifest } from "./parse-manifest.js";
import { parseTagList } from "./parse-tag-list.js";
import {
  formatReference,
  parseReference,
  parseRepository,
  type ImageReference,
  type Repository,
} from "./parse-reference.js";
import { RegistryError, wrapRegistryError } from "./registry-error.js";
import { RegistryTransport, type RegistryTarget, type TransportRequest } from "./registry-transport.js";
import type { RegistryHosts } from "./scheme-for.js";
import { statusError } from "./status-error.js";
import { uploadBlob } from "./upload-blob.js";
import { sha256Digest, verifyDigest } from "./verify-digest.js";
import { withDeadline } from "./with-deadline.js";
import { READ_RETRY, withRetry, type RetryPolicy } from "./retry.js";

/** Defaults of {@link RegistryClientOptions}, merged once in the constructor. */
export const REGISTRY_CLIENT_DEFAULTS = Object.freeze({
  /** One manifest, tag or referrers call, auth round trips included: generous for slow registries, still bounded. */
  timeoutMs: 60_000,
  /** One blob transfer: layers of tens of MiB over a slow link. */
  blobTimeoutMs: 600_000,
  /** The OCI distribution spec asks registries to accept manifests of at least 4 MiB; we read up to 16 MiB. */
  maxManifestBytes: 16 * 1024 * 1024,
  /** Blobs are buffered in memory: this client is for configs, attestations and small layers. */
  maxBlobBytes: 1024 * 1024 * 1024,
  /** Redirects followed on GET and HEAD (blob storage behind a CDN). */
  maxRedirects: 5,
  userAgent: "kiln",
  /** Reads (GET, HEAD) are retried on 5xx, 408, 429, network errors and timeouts; writes are not. */
  readRetry: READ_RETRY as RetryPolicy,
});

export interface RegistryClientOptions {
  /** Where credentials come from; without a store every request is anonymous. */
  readonly credentials?: CredentialStore;
  /** Per-host scheme and CA, see {@link schemeFor}. */
  readonly hosts?: RegistryHosts;
  readonly timeoutMs?: number;
  readonly blobTimeoutMs?: number;
  readonly maxManifestBytes?: number;
  readonly maxBlobBytes?: number;
  readonly maxRedirects?: number;
  readonly userAgent?: string;
  readonly readRetry?: RetryPolicy;
}

/** Options every call takes: the caller's signal and a deadline that overrides the client's default. */
export interface CallOptions {
  readonly signal?: AbortSignal;
  readonly timeoutMs?: number;
}

/** A manifest as fetched, verified against its digest. */
export type FetchedManifest = Manifest & {
  readonly digest: string;
  readonly size: number;
  /** The exact bytes: hash them, store them, push them elsewhere. */
  readonly bytes: Buffer;
};

/** How {@link RegistryClient.mountOrUploadBlob} got the blob into the repository. */
export interface BlobPushResult {
  readonly descriptor: Descriptor;
  readonly outcome: "exists" | "mounted" | "uploaded";
}

type RefInput = ImageReference | string;
type RepoInput = Repository | string;

/**
 * A client for the OCI distribution API (opencontainers/distribution-spec v1.1) that also speaks to
 * distribution 2.8. Every method verifies digests of what it reads and throws {@link RegistryError} with a
 * "failed to <verb> <ref>: ..." message. Holds connection pools and a token cache: `close()` when done.
 */
export class RegistryClient {
  readonly #transport: RegistryTransport;
  readonly #settings: Required<Omit<RegistryClientOptions, "credentials" | "hosts">>;

  constructor(options: RegistryClientOptions = {}) {
    const { credentials, hosts, ...rest } = options;
    this.#settings = { ...REGISTRY_CLIENT_DEFAULTS, ...rest };
    this.#transport = new RegistryTransport({
      ...(credentials === undefined ? {} : { credentials }),
      ...(hosts === undefined ? {} : { hosts }),
      userAgent: this.#settings.userAgent,
      maxRedirects: this.#settings.maxRedirects,
    });
  }

  /**
   * Fetches a manifest by tag or digest. The bytes are checked against the reference's digest, or else
   * against the registry's `Docker-Content-Digest`. `accept` defaults to {@link MANIFEST_ACCEPT}.
   */
  async getManifest(
    ref: RefInput,
    options: CallOptions & { readonly accept?: readonly string[] } = {},
  ): Promise<FetchedManifest> {
    const r = toRef(ref);
    return this.#call(
      `get manifest ${formatReference(r)}`,
      options,
      this.#settings.timeoutMs,
      async (signal) => {
        const res = await this.#send(r, ["pull"], manifestRequest("GET", r, options.accept), signal, "manifest");
        if (res.status !== 200) throw statusError(res);
        return this.#verifiedManifest(r, res);
      },
      true,
    );
  }

  /** Looks a manifest up without its body: its descriptor, or `undefined` if the registry has none. */
  async headManifest(
    ref: RefInput,
    options: CallOptions & { readonly accept?: readonly string[] } = {},
  ): Promise<Descriptor | undefined> {
    const r = toRef(ref);
    return this.#call(
      `head manifest ${formatReference(r)}`,
      options,
      this.#settings.timeoutMs,
      async (signal) => {
        const res = await this.#send(r, ["pull"], manifestRequest("HEAD", r, options.accept), signal, "manifest");
        if (res.status === 404) return undefined;
        if (res.status !== 200) throw statusError(res);
        const digest = headerValue(res, "docker-content-digest") ?? r.digest;
        const size = Number(headerValue(res, "content-length"));
        const mediaType = headerValue(res, "content-type")?.split(";")[0];
        if (digest === undefined || mediaType === undefined || !Number.isInteger(size)) {
          // The registry did not describe it: read it.
          const m = this.#verifiedManifest(
            r,
            await this.#send(r, ["pull"], manifestRequest("GET", r, options.accept), signal, "manifest"),
          );
          return { mediaType: m.mediaType, digest: m.digest, size: m.size };
        }
        return { mediaType, digest, size };
      },
      true,
    );
  }

  /** Uploads manifest bytes under the reference's tag (or digest). Resolves to the pushed manifest's descriptor. */
  async putManifest(
    ref: RefInput,
    bytes: Uint8Array,
    mediaType: string,
    options: CallOptions = {},
  ): Promise<Descriptor> {
    const r = toRef(ref);
    return this.#call(`put manifest ${formatReference(r)}`, options, this.#settings.timeoutMs, async (signal) => {
      if (r.digest !== undefined) verifyDigest(bytes, r.digest);
      const digest = sha256Digest(bytes);
      const target = r.tag ?? r.digest ?? digest;
      const res = await this.#send(
        r,
        ["pull", "push"],
        {
          method: "PUT",
          url: `/v2/${r.repository}/manifests/${target}`,
          headers: { "content-type": mediaType },
          body: bytes,
        },
        signal,
        "manifest",
      );
      if (res.status !== 201 && res.status !== 200) throw statusError(res);
      const stored = headerValue(res, "docker-content-digest");
      if (stored !== undefined && stored !== digest && stored.startsWith("sha256:")) {
        throw new RegistryError(
          `registry stored the manifest as ${stored}, but its bytes hash to ${digest}`,
          "invalid",
        );
      }
      return { mediaType, digest, size: bytes.byteLength };
    });
  }

  /** Downloads a blob and checks its digest. The whole blob is held in memory (see `maxBlobBytes`). */
  async getBlob(repo: RepoInput, digest: string, options: CallOptions = {}): Promise<Buffer> {
    const r = toRepo(repo);
    return this.#call(
      `get blob ${r.registry}/${r.repository}@${digest}`,
      options,
      this.#settings.blobTimeoutMs,
      async (signal) => {
        const res = await this.#send(
          r,
          ["pull"],
          { method: "GET", url: `/v2/${r.repository}/blobs/${digest}` },
          signal,
          "blob",
        );
        if (res.status !== 200) throw statusError(res);
        verifyDigest(res.body, digest);
        return res.body;
      },
      true,
    );
  }

  /** Whether the repository has the blob (HEAD, 200 or 404). */
  async blobExists(repo: RepoInput, digest: string, options: CallOptions = {}): Promise<boolean> {
    const r = toRepo(repo);
    return this.#call(
      `check blob ${r.registry}/${r.repository}@${digest}`,
      options,
      this.#settings.timeoutMs,
      (signal) => this.#blobExists(r, digest, signal),
      true,
    );
  }

  /**
   * Puts a blob into the repository: nothing if it is there already, else a cross-repository mount from
   * `mountFrom` (same registry) if given, else a monolithic upload (POST, then PUT with the bytes).
   */
  async mountOrUploadBlob(
    repo: RepoInput,
    bytes: Uint8Array,
    options: CallOptions & { readonly mountFrom?: RepoInput; readonly mediaType?: string } = {},
  ): Promise<BlobPushResult> {
    const r = toRepo(repo);
    const digest = sha256Digest(bytes);
    const descriptor: Descriptor = {
      mediaType: options.mediaType ?? "application/octet-stream",
      digest,
      size: bytes.byteLength,
    };
    return this.#call(
      `push blob ${r.registry}/${r.repository}@${digest}`,
      options,
      this.#settings.blobTimeoutMs,
      async (signal) => {
        if (await this.#blobExists(r, digest, signal)) return { descriptor, outcome: "exists" };
        const from = options.mountFrom === undefined ? undefined : toRepo(options.mountFrom);
        const mountFrom =
          from?.registry === r.registry && from.repository !== r.repository ? from.repository : undefined;
        const outcome = await uploadBlob(
          this.#transport,
          r,
          { digest, bytes, ...(mountFrom === undefined ? {} : { mountFrom }) },
          { signal, maxBodyBytes: this.#settings.maxManifestBytes },
        );
        return { descriptor, outcome };
      },
    );
  }

  /** Every tag of the repository, following `Link: <...>; rel="next"` pages. */
  async listTags(repo: RepoInput, options: CallOptions = {}): Promise<string[]> {
    const r = toRepo(repo);
    return this.#call(
      `list tags of ${r.registry}/${r.repository}`,
      options,
      this.#settings.timeoutMs,
      async (signal) => {
        const tags: string[] = [];
        let url: string | URL = `/v2/${r.repository}/tags/list`;
        for (let page = 0; page < 10_000; page++) {
          const res = await this.#send(r, ["pull"], { method: "GET", url }, signal, "manifest");
          if (res.status !== 200) throw statusError(res);
          const page = parseTagList(res);
          tags.push(...page.tags);
          if (page.next === undefined) return tags;
          url = page.next;
        }
        throw new RegistryError("tag list does not end", "invalid");
      },
      true,
    );
  }

  /**
   * Manifests that name `digest` as their `subject`: the OCI referrers API, or, where the registry has none
   * (distribution 2.8 answers 404), the referrers tag schema `sha256-<hex>`. Filters by `artifactType` if given.
   */
  async getReferrers(
    repo: RepoInput,
    digest: string,
    options: CallOptions & { readonly artifactType?: string } = {},
  ): Promise<Descriptor[]> {
    const r = toRepo(repo);
    return this.#call(
      `get referrers of ${r.registry}/${r.repository}@${digest}`,
      options,
      this.#settings.timeoutMs,
      async (signal) => {
        const filter =
          options.artifactType === undefined ? "" : `?artifactType=${encodeURIComponent(options.artifactType)}`;
        const res = await this.#send(
          r,
          ["pull"],
          { method: "GET", url: `/v2/${r.repository}/referrers/${digest}${filter}` },
          signal,
          "manifest",
        );
        let manifests: readonly Descriptor[];
        if (res.status === 200) {
          const index = parseManifest(res.body, headerValue(res, "content-type"));
          if (index.kind !== "index") throw new RegistryError("referrers answer is not an index", "invalid");
          manifests = index.json.manifests;
        } else if (res.status === 404 || res.status === 405) {
          // Referrers tag schema (distribution-spec v1.1 spec.md "Referrers Tag Schema").
          const tag = digest.replace(":", "-");
          const fallback = await this.#send(
            r,
            ["pull"],
            manifestRequest("GET", { ...r, tag }, [MediaType.OciIndex]),
            signal,
            "manifest",
          );
          if (fallback.status === 404) return [];
          if (fallback.status !== 200) throw statusError(fallback);
          const index = parseManifest(fallback.body, headerValue(fallback, "content-type"));
          if (index.kind !== "index") throw new RegistryError(`referrers tag ${tag} is not an index`, "invalid");
          manifests = index.json.manifests;
        } else {
          throw statusError(res);
        }
        return manifests.filter((d) => options.artifactType === undefined || d.artifactType === options.artifactType);
      },
      true,
    );
  }

  /** Closes pooled connections; later calls open new ones. */
  close(): void {
    this.#transport.close();
  }

  async #blobExists(r: Repository, digest: string, signal: AbortSignal): Promise<boolean> {
    const res = await this.#send(
      r,
      ["pull"],
      { method: "HEAD", url: `/v2/${r.repository}/blobs/${digest}` },
      signal,
      "manifest",
    );
    if (res.status === 200) return true;
    if (res.status === 404) return false;
    throw statusError(res);
  }

  #send(
    r: Repository,
    actions: RegistryTarget["actions"],
    req: TransportRequest,
    signal: AbortSignal,
    kind: "manifest" | "blob",
  ): Promise<HttpResponse> {
    const maxBodyBytes = kind === "blob" ? this.#settings.maxBlobBytes : this.#settings.maxManifestBytes;
    return this.#transport.request({ registry: r.registry, repository: r.repository, actions }, req, {
      signal,
      maxBodyBytes,
    });
  }

  #verifiedManifest(r: ImageReference, res: HttpResponse): FetchedManifest {
    if (res.status !== 200) throw statusError(res);
    // Parse first: distribution 2.8 rewrites an index to a signed schema 1 manifest when `accept` lacks the
    // stored type, and "schemaVersion 1" says more than the digest mismatch that would follow.
    const manifest = parseManifest(res.body, headerValue(res, "content-type"));
    const expected = r.digest ?? headerValue(res, "docker-content-digest");
    if (expected !== undefined) verifyDigest(res.body, expected);
    return { ...manifest, digest: expected ?? sha256Digest(res.body), size: res.body.byteLength, bytes: res.body };
  }

  /** One request with its own deadline, wrapped errors; `read` ones are retried (see {@link withRetry}). */
  async #call<T>(
    what: string,
    options: CallOptions,
    defaultTimeoutMs: number,
    fn: (signal: AbortSignal) => Promise<T>,
    read = false,
  ): Promise<T> {
    const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
    const once = async (): Promise<T> => {
      const deadline = withDeadline(options.signal, timeoutMs);
      try {
        return await fn(deadline.signal);
      } catch (err: unknown) {
        throw wrapRegistryError(what, deadline.signal.aborted ? deadline.abortError() : err);
      }
    };
    return read ? withRetry(this.#settings.readRetry, options.signal, once) : once();
  }
}

function manifestRequest(
  method: "GET" | "HEAD",
  r: ImageReference,
  accept: readonly string[] = MANIFEST_ACCEPT,
): TransportRequest {
  return {
    method,
    url: `/v2/${r.repository}/manifests/${r.digest ?? r.tag ?? "latest"}`,
    headers: { accept: accept.join(", ") },
  };
}

function toRef(ref: RefInput): ImageReference {
  return typeof ref === "string" ? parseReference(ref) : ref;
}

function toRepo(repo: RepoInput): Repository {
  return typeof repo === "string" ? parseRepository(repo) : { registry: repo.registry, repository: repo.repository };
}
