import { createHash, randomBytes, type Hash } from "node:crypto";
import { createReadStream } from "node:fs";
import { Readable } from "node:stream";
import { chmod, link, mkdir, open, readdir, rm, rmdir, stat, type FileHandle } from "node:fs/promises";
import { join } from "node:path";
import { status as GrpcStatus } from "@grpc/grpc-js";

/**
 * A failure of the content store, carrying the gRPC status the Content service answers with. The daemon's
 * containerd proxy turns these codes back into errdefs (NotFound, AlreadyExists, Unavailable, ...) and relies on
 * them: AlreadyExists means "skip this blob", Unavailable means "ref is busy, retry". Internal to the library:
 * it never leaves the session service.
 */
export class ContentStoreError extends Error {
  override readonly name = "ContentStoreError";
  constructor(
    message: string,
    readonly grpcCode: GrpcStatus,
  ) {
    super(message);
  }
}

/** A committed blob. Times in ms since the epoch (the file's mtime; blobs are never modified). */
export interface BlobInfo {
  readonly digest: string;
  readonly sizeBytes: number;
  readonly createdMs: number;
  readonly updatedMs: number;
}

/** An ingest (a blob being written) by its ref, as containerd's `content.Status`. */
export interface IngestStatus {
  readonly ref: string;
  readonly offset: number;
  /** Expected size; 0 when not announced. */
  readonly total: number;
  /** Expected digest; "" when not announced. */
  readonly expected: string;
  readonly startedMs: number;
  readonly updatedMs: number;
}

/** sha256, sha384 and sha512 digests as OCI layouts store them (blobs/<algorithm>/<hex>). */
const digestPattern = /^(sha256:[a-f0-9]{64}|sha384:[a-f0-9]{96}|sha512:[a-f0-9]{128})$/;

/** Whether `digest` is a well-formed sha256, sha384 or sha512 digest. */
export function isDigest(digest: string): boolean {
  return digestPattern.test(digest);
}

/** Throws InvalidArgument unless `digest` is a well-formed OCI digest; containerd answers the same way. */
export function checkDigest(digest: string): void {
  if (!digestPattern.test(digest)) {
    throw new ContentStoreError(`${JSON.stringify(digest)} failed validation`, GrpcStatus.INVALID_ARGUMENT);
  }
}

/** Where an OCI layout keeps a blob: `<root>/blobs/<algorithm>/<hex>`. */
export function blobPath(root: string, digest: string): string {
  checkDigest(digest);
  const [algorithm, hex] = digest.split(":") as [string, string];
  return join(root, "blobs", algorithm, hex);
}

const notFound = (what: string): ContentStoreError =>
  new ContentStoreError(`content ${what}: not found`, GrpcStatus.NOT_FOUND);

interface Ingest {
  readonly ref: string;
  readonly path: string;
  handle: FileHandle | undefined;
  offset: number;
  total: number;
  expected: string;
  hash: Hash;
  readonly startedMs: number;
  updatedMs: number;
  locked: boolean;
}

/**
 * Writes one ingest. Data is only appended; a write at offset 0 over existing data starts again, as containerd's
 * content service does (services/content/contentserver). `release()` keeps the partial data so a later
 * `openWriter` with the same ref resumes at `offset`.
 */
export interface IngestWriter {
  status(): IngestStatus & { readonly digest: string };
  /** Appends `data` at `offset` (the current offset, or 0 to start over); resolves to the new offset. */
  write(data: Uint8Array, offset: number): Promise<number>;
  /**
   * Checks size and digest and moves the data into `blobs/`. Rejects with FailedPrecondition on a mismatch and
   * AlreadyExists when another writer committed the same blob first. Resolves to the blob's digest.
   */
  commit(total: number, expected: string): Promise<string>;
  /** Records a size or digest announced after the first message (0 and "" leave them as they are). */
  announce(total: number, expected: string): void;
  /**
   * When `expected` is already stored, drops this ingest and resolves true: the caller answers AlreadyExists and
   * the daemon skips the blob.
   */
  skipIfStored(expected: string): Promise<boolean>;
  /** Unlocks the ref, keeping the data written so far. */
  release(): Promise<void>;
}

/**
 * containerd's content store (content/local, as `buildctl` opens it with `contentlocal.NewStore`) over an OCI
 * image layout directory: blobs under `blobs/sha256/`, writes staged in a private directory under `ingest/` and
 * renamed into place on commit, so a blob is either complete or absent. Blobs are made read-only (0444) like
 * containerd's. Ingests live only as long as this object: `close()` removes the partial ones.
 */
export class LocalContentStore {
  private readonly ingests = new Map<string, Ingest>();
  private readonly seen = new Set<string>();
  private ingestDir: Promise<string> | undefined;
  private ingestCount = 0;

  constructor(readonly root: string) {}

  /**
   * Digests the daemon wrote, or offered to write and found present, through this store: after a cache export
   * these are exactly the blobs of that export.
   */
  get touched(): ReadonlySet<string> {
    return this.seen;
  }

  async info(digest: string): Promise<BlobInfo> {
    const path = blobPath(this.root, digest);
    const st = await stat(path).catch(() => undefined);
    if (!st?.isFile()) throw notFound(digest);
    return { digest, sizeBytes: st.size, createdMs: st.mtimeMs, updatedMs: st.mtimeMs };
  }

  /** Whether the blob is present, without the cost of an error when it is not. */
  async has(digest: string): Promise<boolean> {
    return (await stat(blobPath(this.root, digest)).catch(() => undefined))?.isFile() ?? false;
  }

  /**
   * A stream of the blob's bytes from `offset`, `size` bytes long; `size <= 0` or past the end means to the end.
   * Rejects with OutOfRange when `offset` is past the end, as containerd does.
   */
  async read(digest: string, offset: number, size: number, chunkBytes: number): Promise<Readable> {
    const info = await this.info(digest);
    const start = Math.max(0, offset);
    if (start > info.sizeBytes) {
      throw new ContentStoreError(`read past object length ${info.sizeBytes} bytes`, GrpcStatus.OUT_OF_RANGE);
    }
    const length = size <= 0 || start + size > info.sizeBytes ? info.sizeBytes - start : size;
    // createReadStream's `end` is inclusive, so it cannot express an empty range (a read at the very end).
    if (length === 0) return Readable.from([]);
    return createReadStream(blobPath(this.root, digest), { start, end: start + length - 1, highWaterMark: chunkBytes });
  }

  /** Every committed blob (sha256, sha384, sha512). */
  async list(): Promise<BlobInfo[]> {
    const out: BlobInfo[] = [];
    for (const algorithm of ["sha256", "sha384", "sha512"]) {
      const names = await readdir(join(this.root, "blobs", algorithm)).catch(() => [] as string[]);
      for (const hex of names) {
        const digest = `${algorithm}:${hex}`;
        if (!digestPattern.test(digest)) continue;
        const info = await this.info(digest).catch(() => undefined);
        if (info) out.push(info);
      }
    }
    return out;
  }

  async delete(digest: string): Promise<void> {
    if (!(await this.has(digest))) throw notFound(digest);
    await rm(blobPath(this.root, digest), { force: true });
  }

  status(ref: string): IngestStatus {
    const ingest = this.ingests.get(ref);
    if (!ingest) throw notFound(`ref ${ref}`);
    return statusOf(ingest);
  }

  listStatuses(): IngestStatus[] {
    return [...this.ingests.values()].map(statusOf);
  }

  /** Drops an ingest and its data. NotFound when there is none; Unavailable while a writer holds it. */
  async abort(ref: string): Promise<void> {
    const ingest = this.ingests.get(ref);
    if (!ingest) throw notFound(`ref ${ref}`);
    if (ingest.locked) throw new ContentStoreError(`ref ${ref} locked`, GrpcStatus.UNAVAILABLE);
    await this.drop(ingest);
  }

  /**
   * Opens (or resumes) the ingest `ref`. Rejects with AlreadyExists when `expected` is already stored (the daemon
   * then skips the blob) and with Unavailable while another stream writes the same ref (the daemon retries).
   */
  async openWriter(ref: string, options: { total: number; expected: string }): Promise<IngestWriter> {
    if (ref === "") throw new ContentStoreError("ref must not be empty", GrpcStatus.INVALID_ARGUMENT);
    if (options.expected !== "") {
      checkDigest(options.expected);
      if (await this.has(options.expected)) {
        this.seen.add(options.expected);
        throw new ContentStoreError(`content ${options.expected}: already exists`, GrpcStatus.ALREADY_EXISTS);
      }
    }
    const dir = await this.ingestRoot();
    let ingest = this.ingests.get(ref);
    if (ingest?.locked) throw new ContentStoreError(`ref ${ref} locked`, GrpcStatus.UNAVAILABLE);
    if (!ingest) {
      const now = Date.now();
      ingest = {
        ref,
        path: join(dir, String(this.ingestCount++)),
        handle: undefined,
        offset: 0,
        total: 0,
        expected: "",
        hash: createHash("sha256"),
        startedMs: now,
        updatedMs: now,
        locked: false,
      };
      this.ingests.set(ref, ingest);
    }
    ingest.locked = true;
    if (options.total > 0) ingest.total = options.total;
    if (options.expected !== "") ingest.expected = options.expected;
    try {
      // Opened once per ingest and kept open across resumes; writes are positional.
      ingest.handle ??= await open(ingest.path, "w");
    } catch (err) {
      ingest.locked = false;
      throw err;
    }
    return this.writer(ingest);
  }

  /** Removes this store's ingest directory with any partial data; committed blobs stay. */
  async close(): Promise<void> {
    for (const ingest of this.ingests.values()) await ingest.handle?.close().catch(() => {});
    this.ingests.clear();
    const dir = await this.ingestDir?.catch(() => undefined);
    this.ingestDir = undefined;
    if (dir) {
      await rm(dir, { recursive: true, force: true });
      // ingest/ itself goes too unless another process is writing there.
      await rmdir(join(this.root, "ingest")).catch(() => {});
    }
  }

  private ingestRoot(): Promise<string> {
    // One directory per store object so two processes sharing a cache directory never touch each other's data.
    this.ingestDir ??= (async () => {
      const dir = join(this.root, "ingest", `kiln-${process.pid}-${randomBytes(6).toString("hex")}`);
      await mkdir(dir, { recursive: true });
      return dir;
    })();
    return this.ingestDir;
  }

  private async drop(ingest: Ingest): Promise<void> {
    this.ingests.delete(ingest.ref);
    await ingest.handle?.close().catch(() => {});
    ingest.handle = undefined;
    await rm(ingest.path, { force: true });
  }

  private writer(ingest: Ingest): IngestWriter {
    let open = true;
    const check = (): FileHandle => {
      if (!open || !ingest.handle)
        throw new ContentStoreError(`writer for ${ingest.ref} is closed`, GrpcStatus.ABORTED);
      return ingest.handle;
    };
    return {
      status: () => ({ ...statusOf(ingest), digest: `sha256:${ingest.hash.copy().digest("hex")}` }),
      write: async (data, offset) => {
        const handle = check();
        if (offset > 0 && offset !== ingest.offset) {
          throw new ContentStoreError(
            `write @${offset} must occur at current offset ${ingest.offset}`,
            GrpcStatus.OUT_OF_RANGE,
          );
        }
        if (offset === 0 && ingest.offset > 0) {
          await handle.truncate(0);
          ingest.offset = 0;
          ingest.hash = createHash("sha256");
        }
        if (data.length > 0) {
          await handle.write(data, 0, data.length, ingest.offset);
          ingest.hash.update(data);
          ingest.offset += data.length;
          ingest.updatedMs = Date.now();
        }
        return ingest.offset;
      },
      commit: async (total, expected) => {
        check();
        const size = total > 0 ? total : ingest.total;
        if (size > 0 && ingest.offset !== size) {
          throw new ContentStoreError(
            `unexpected commit size ${ingest.offset}, expected ${size}`,
            GrpcStatus.FAILED_PRECONDITION,
          );
        }
        const digest = `sha256:${ingest.hash.copy().digest("hex")}`;
        const want = expected !== "" ? expected : ingest.expected;
        if (want !== "" && want !== digest) {
          throw new ContentStoreError(
            `unexpected commit digest ${digest}, expected ${want}`,
            GrpcStatus.FAILED_PRECONDITION,
          );
        }
        open = false;
        ingest.locked = false;
        await ingest.handle?.close();
        ingest.handle = undefined;
        const target = blobPath(this.root, digest);
        await mkdir(join(target, ".."), { recursive: true });
        this.seen.add(digest);
        // link() fails when the target exists, so two writers of one blob cannot replace each other's file.
        const linked = await link(ingest.path, target).then(
          () => true,
          (err: NodeJS.ErrnoException) => {
            if (err.code === "EEXIST") return false;
            throw err;
          },
        );
        await this.drop(ingest);
        if (!linked) throw new ContentStoreError(`content ${digest}: already exists`, GrpcStatus.ALREADY_EXISTS);
        await chmod(target, 0o444);
        return digest;
      },
      announce: (total, expected) => {
        if (total > 0) ingest.total = total;
        if (expected !== "") ingest.expected = expected;
      },
      skipIfStored: async (expected) => {
        if (!(await this.has(expected))) return false;
        this.seen.add(expected);
        open = false;
        ingest.locked = false;
        await this.drop(ingest);
        return true;
      },
      release: () => {
        open = false;
        ingest.locked = false;
        return Promise.resolve();
      },
    };
  }
}

function statusOf(i: Ingest): IngestStatus {
  return {
    ref: i.ref,
    offset: i.offset,
    total: i.total,
    expected: i.expected,
    startedMs: i.startedMs,
    updatedMs: i.updatedMs,
  };
}
