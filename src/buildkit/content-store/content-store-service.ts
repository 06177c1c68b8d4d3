import {
  status as GrpcStatus,
  type Metadata,
  type Server,
  type ServerDuplexStream,
  type ServerUnaryCall,
  type ServerWritableStream,
  type sendUnaryData,
} from "@grpc/grpc-js";
import { create } from "@bufbuild/protobuf";
import { EmptySchema, timestampFromMs, type Empty, type Timestamp } from "@bufbuild/protobuf/wkt";
import {
  Content,
  InfoSchema,
  InfoResponseSchema,
  ListContentResponseSchema,
  ListStatusesResponseSchema,
  ReadContentResponseSchema,
  StatusSchema,
  StatusResponseSchema,
  WriteAction,
  WriteContentResponseSchema,
  type AbortRequest,
  type DeleteContentRequest,
  type Info,
  type InfoRequest,
  type InfoResponse,
  type ListContentRequest,
  type ListContentResponse,
  type ListStatusesRequest,
  type ListStatusesResponse,
  type ReadContentRequest,
  type ReadContentResponse,
  type Status,
  type StatusRequest,
  type StatusResponse,
  type UpdateRequest,
  type UpdateResponse,
  type WriteContentRequest,
  type WriteContentResponse,
} from "../gen/containerd/services/content/v1/content_pb.js";
import { grpcService, methodPath } from "../grpc-service.js";
import type { Attachable } from "../session/attachable.js";
import {
  ContentStoreError,
  checkDigest,
  type BlobInfo,
  type IngestStatus,
  type IngestWriter,
  type LocalContentStore,
} from "./content-store.js";
import { messageOf } from "../../shared/message-of.js";

/** moby/buildkit v0.13 session/content/attachable.go `GRPCHeaderID`: the header that picks the store. */
export const storeIdHeader = "buildkit-attachable-store-id";

/**
 * Read replies carry at most this much data each. containerd's server uses a 1 MiB buffer
 * (services/content/contentserver); it is far below the 16 MiB message limit and keeps memory flat.
 */
const readChunkBytes = 1 << 20;

/** ListContent replies carry this many entries each, as containerd's server does. */
const listBlockSize = 100;

type GrpcError = { code: GrpcStatus; details: string };

function toGrpc(err: unknown): GrpcError {
  if (err instanceof ContentStoreError) return { code: err.grpcCode, details: err.message };
  return { code: GrpcStatus.UNKNOWN, details: messageOf(err) };
}

/**
 * The store the request names. grpc-js hands a repeated header over as one string joined with ", ": the Go
 * server uses the first value, so a joined value that is not itself a store ID is split.
 */
function choose(stores: ReadonlyMap<string, LocalContentStore>, metadata: Metadata): LocalContentStore {
  const raw = metadata.get(storeIdHeader).map(String)[0];
  if (raw === undefined) {
    throw new ContentStoreError(`request lacks metadata "${storeIdHeader}"`, GrpcStatus.INVALID_ARGUMENT);
  }
  const store = stores.get(raw) ?? stores.get(raw.split(", ")[0] ?? "");
  if (!store) throw new ContentStoreError(`unknown store ${raw}`, GrpcStatus.NOT_FOUND);
  return store;
}

/** A protobuf Timestamp from ms; file times have fractions of a millisecond, which Timestamp.nanos cannot take. */
const timestamp = (ms: number): Timestamp => timestampFromMs(Math.floor(ms));

function infoMessage(b: BlobInfo): Info {
  return create(InfoSchema, {
    digest: b.digest,
    size: BigInt(b.sizeBytes),
    createdAt: timestamp(b.createdMs),
    updatedAt: timestamp(b.updatedMs),
  });
}

function statusMessage(s: IngestStatus): Status {
  return create(StatusSchema, {
    ref: s.ref,
    offset: BigInt(s.offset),
    total: BigInt(s.total),
    expected: s.expected,
    startedAt: timestamp(s.startedMs),
    updatedAt: timestamp(s.updatedMs),
  });
}

function unary<Req, Res>(
  stores: ReadonlyMap<string, LocalContentStore>,
  handle: (store: LocalContentStore, request: Req) => Promise<Res> | Res,
): (call: ServerUnaryCall<Req, Res>, callback: sendUnaryData<Res>) => void {
  return (call, callback) => {
    Promise.resolve()
      .then(() => handle(choose(stores, call.metadata), call.request))
      .then(
        (res) => callback(null, res),
        (err: unknown) => callback(toGrpc(err)),
      );
  };
}

/** Resolves when the call can take more data, or when it is gone (then writing stops on the next check). */
function drained(call: ServerWritableStream<unknown, unknown> | ServerDuplexStream<unknown, unknown>): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      call.off("drain", done);
      call.off("cancelled", done);
      call.off("close", done);
      resolve();
    };
    call.on("drain", done);
    call.on("cancelled", done);
    call.on("close", done);
  });
}

async function serveRead(
  store: LocalContentStore,
  call: ServerWritableStream<ReadContentRequest, ReadContentResponse>,
): Promise<void> {
  const { digest, offset, size } = call.request;
  checkDigest(digest);
  let position = Math.max(0, Number(offset));
  const stream = await store.read(digest, position, Number(size), readChunkBytes);
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (call.cancelled) return;
      const ok = call.write(create(ReadContentResponseSchema, { offset: BigInt(position), data: chunk }));
      position += chunk.length;
      if (!ok) await drained(call);
    }
  } finally {
    stream.destroy();
  }
}

/**
 * One Write stream: the first message names the ref (and may announce size and digest), then STAT, WRITE and a
 * final COMMIT, each answered with the offset and digest so far, like containerd's contentserver. A stream that
 * ends without COMMIT leaves the ingest for a later stream with the same ref to resume.
 */
function serveWrite(
  stores: ReadonlyMap<string, LocalContentStore>,
  call: ServerDuplexStream<WriteContentRequest, WriteContentResponse>,
): void {
  let writer: IngestWriter | undefined;
  let finished = false;
  let chain = Promise.resolve();
  const finish = (err?: unknown): void => {
    if (finished) return;
    finished = true;
    void writer?.release();
    if (err === undefined) call.end();
    else call.emit("error", toGrpc(err));
  };

  const handle = async (req: WriteContentRequest): Promise<void> => {
    if (!writer) {
      if (req.ref === "") {
        throw new ContentStoreError("first message must have a reference", GrpcStatus.INVALID_ARGUMENT);
      }
      writer = await choose(stores, call.metadata).openWriter(req.ref, {
        total: Number(req.total),
        expected: req.expected,
      });
    }
    if (req.expected !== "") checkDigest(req.expected);
    if (req.expected !== "" && (await writer.skipIfStored(req.expected))) {
      throw new ContentStoreError(`blob with expected digest ${req.expected} exists`, GrpcStatus.ALREADY_EXISTS);
    }
    writer.announce(Number(req.total), req.expected);
    let reply: WriteContentResponse;
    switch (req.action) {
      case WriteAction.STAT: {
        const s = writer.status();
        reply = create(WriteContentResponseSchema, {
          action: req.action,
          offset: BigInt(s.offset),
          total: BigInt(s.total),
          digest: s.digest,
          startedAt: timestamp(s.startedMs),
          updatedAt: timestamp(s.updatedMs),
        });
        break;
      }
      case WriteAction.WRITE:
      case WriteAction.COMMIT: {
        const offset = await writer.write(req.data, Number(req.offset));
        const digest =
          req.action === WriteAction.COMMIT
            ? await writer.commit(Number(req.total), req.expected)
            : writer.status().digest;
        reply = create(WriteContentResponseSchema, { action: req.action, offset: BigInt(offset), digest });
        break;
      }
      default:
        throw new ContentStoreError(`unknown write action ${String(req.action)}`, GrpcStatus.INVALID_ARGUMENT);
    }
    call.write(reply);
    if (req.action === WriteAction.COMMIT) finish();
  };

  call.on("data", (req: WriteContentRequest) => {
    call.pause();
    chain = chain
      .then(() => (finished ? undefined : handle(req)))
      .then(
        () => {
          if (!finished) call.resume();
        },
        (err: unknown) => finish(err),
      );
  });
  call.on("end", () => void chain.then(() => finish()));
  call.on("cancelled", () => {
    finished = true;
    void writer?.release();
  });
  call.on("error", () => {
    finished = true;
    void writer?.release();
  });
}

/**
 * Serves `containerd.services.content.v1.Content` on the session from the given stores, keyed by the ID the
 * daemon sends in `buildkit-attachable-store-id` ("local:<dir>" for type=local cache, with <dir> exactly as in the
 * cache entry's `src`/`dest`). Like moby/buildkit v0.13 session/content/attachable.go over containerd's
 * contentserver, with the local store's behaviour: Update is refused (no label store), List and ListStatuses
 * take no filters.
 */
export function contentStores(stores: ReadonlyMap<string, LocalContentStore>): Attachable {
  return {
    register(server: Server) {
      server.addService(grpcService(Content), {
        info: unary<InfoRequest, InfoResponse>(stores, async (store, req) => {
          checkDigest(req.digest);
          return create(InfoResponseSchema, { info: infoMessage(await store.info(req.digest)) });
        }),
        update: unary<UpdateRequest, UpdateResponse>(stores, () => {
          throw new ContentStoreError(
            "update not supported on immutable content store",
            GrpcStatus.FAILED_PRECONDITION,
          );
        }),
        list(call: ServerWritableStream<ListContentRequest, ListContentResponse>) {
          (async () => {
            const store = choose(stores, call.metadata);
            if (call.request.filters.length > 0) {
              throw new ContentStoreError("list filters are not supported", GrpcStatus.INVALID_ARGUMENT);
            }
            const blobs = await store.list();
            for (let i = 0; i < blobs.length; i += listBlockSize) {
              const info = blobs.slice(i, i + listBlockSize).map(infoMessage);
              if (!call.write(create(ListContentResponseSchema, { info }))) await drained(call);
            }
          })().then(
            () => call.end(),
            (err: unknown) => call.emit("error", toGrpc(err)),
          );
        },
        delete: unary<DeleteContentRequest, Empty>(stores, async (store, req) => {
          checkDigest(req.digest);
          await store.delete(req.digest);
          return create(EmptySchema);
        }),
        read(call: ServerWritableStream<ReadContentRequest, ReadContentResponse>) {
          Promise.resolve()
            .then(() => serveRead(choose(stores, call.metadata), call))
            .then(
              () => call.end(),
              (err: unknown) => call.emit("error", toGrpc(err)),
            );
        },
        status: unary<StatusRequest, StatusResponse>(stores, (store, req) =>
          create(StatusResponseSchema, { status: statusMessage(store.status(req.ref)) }),
        ),
        listStatuses: unary<ListStatusesRequest, ListStatusesResponse>(stores, (store, req) => {
          if (req.filters.length > 0) {
            throw new ContentStoreError("status filters are not supported", GrpcStatus.INVALID_ARGUMENT);
          }
          return create(ListStatusesResponseSchema, { statuses: store.listStatuses().map(statusMessage) });
        }),
        write(call: ServerDuplexStream<WriteContentRequest, WriteContentResponse>) {
          serveWrite(stores, call);
        },
        abort: unary<AbortRequest, Empty>(stores, async (store, req) => {
          await store.abort(req.ref);
          return create(EmptySchema);
        }),
      });
      return Content.methods.map(methodPath);
    },
  };
}
