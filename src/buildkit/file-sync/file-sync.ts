import { status, type Server, type ServerDuplexStream, type Metadata } from "@grpc/grpc-js";
import { create } from "@bufbuild/protobuf";
import { closeSync, openSync, readSync } from "node:fs";
import { FileSync } from "../gen/moby/filesync/v1/filesync_pb.js";
import { PacketSchema, Packet_PacketType as PacketType, type Packet } from "../gen/fsutil/types/wire_pb.js";
import { grpcService, methodPath } from "../grpc-service.js";
import { walkDir } from "./fs-walk.js";
import { dataHeaderReserve, encodeDataPacket } from "./data-packet.js";
import { encodeStatPacket } from "./stat-packet.js";
import type { Attachable } from "../session/attachable.js";
import { messageOf } from "../../shared/message-of.js";
import { bytesToName } from "./byte-names.js";
import { BufferPool } from "../../shared/buffer-pool.js";

// moby/buildkit v0.13 session/filesync/filesync.go: metadata keys of a DiffCopy call.
const keyDirName = "dir-name";
const keyIncludePatterns = "include-patterns";
const keyExcludePatterns = "exclude-patterns";
const keyFollowPaths = "followpaths";

/**
 * Bigger than fsutil's 32 KiB: the receiver writes whatever arrives, and fewer messages cost less here.
 * Chunking does not change what the daemon stores. 128 KiB rather than 512 KiB: the same CPU time, and peak RSS
 * on a 370 MiB context fell from ~160 to ~140 MiB (each in-flight chunk is a buffer until the session sends it).
 */
const chunkBytes = 128 * 1024;
/** Files read at once while answering requests (fsutil's sender uses 4 workers). */
const fileWorkers = 4;
/**
 * Whole chunks are read into reused blocks, given back once grpc-js has copied them into a frame. Enough blocks for
 * what the stream buffers before it pushes back (16 messages, each worker's next chunk).
 */
const chunkPool = new BufferPool(dataHeaderReserve + chunkBytes, 24);

/**
 * Go `url.QueryUnescape` to bytes, as an escaped string (byte-names.ts): a pattern naming a file that is not UTF-8
 * arrives as `%FF`-style escapes that `decodeURIComponent` would reject. Go returns "" for a malformed escape.
 */
function queryUnescape(v: string): string {
  const bytes: number[] = [];
  const text = Buffer.from(v.replace(/\+/g, " "), "utf8");
  for (let i = 0; i < text.length; i++) {
    const b = text[i] as number;
    if (b !== 0x25) {
      bytes.push(b);
      continue;
    }
    const hex = text.subarray(i + 1, i + 3).toString("latin1");
    if (!/^[0-9a-fA-F]{2}$/.test(hex)) return "";
    bytes.push(parseInt(hex, 16));
    i += 2;
  }
  return bytesToName(Buffer.from(bytes));
}

/**
 * grpc-js receives a repeated header as one string joined with ", " (Node's http2 joins duplicates), so a
 * multi-valued key is split back. Values may be URL-escaped when the daemon sets "<key>-encoded".
 */
export function metadataList(metadata: Metadata, key: string): string[] {
  const values = metadata
    .get(key)
    .flatMap((v) => String(v).split(", "))
    .filter((v) => v !== "");
  const encoded = metadata.get(`${key}-encoded`).some((v) => String(v) === "1");
  return encoded ? values.map(queryUnescape) : values;
}

function packet(init: Parameters<typeof create<typeof PacketSchema>>[1]): Packet {
  return create(PacketSchema, init);
}

/** A file the daemon may ask for: where to read it (undefined: fsutil would refuse to open it) and its size. */
interface RequestableFile {
  readonly source: string | Buffer | undefined;
  readonly size: number;
}

/**
 * Packets at most this big are buffered up to {@link smallPacketsBuffered} before the sender waits: the stream's own
 * limit (16 messages) made a 10,000-file listing stop and wait for the socket every 16 stats.
 */
const smallPacketBytes = 64 * 1024;
const smallPacketsBuffered = 512;

/**
 * Writes with backpressure: resolves once the stream can take more. Buffers are packets already encoded; `written`
 * runs once the stream has serialised the packet (grpc-js copies it into its frame), when its buffer may be reused.
 */
function send(call: ServerDuplexStream<Packet, Packet>, p: Packet | Buffer, written?: () => void): Promise<void> {
  return new Promise((resolve, reject) => {
    if (call.destroyed) return reject(new Error("stream closed"));
    const small = !(p instanceof Buffer) || p.length <= smallPacketBytes;
    if (call.write(p as Packet, written) || (small && call.writableLength < smallPacketsBuffered)) resolve();
    else call.once("drain", () => resolve());
  });
}

/**
 * grpc-js's server stream has only `_write`, so Node's Writable hands it one message at a time and holds the next
 * until the previous one's bytes have reached the socket: every fsutil packet cost a writev of its own (10,000 for a
 * 10,000-file listing, where grpc-go coalesces), and the daemon read them one small frame at a time. With `_writev`,
 * everything buffered meanwhile goes to the HTTP/2 stream at once, whose own `_writev` sends it in one write.
 */
function batchWrites(call: ServerDuplexStream<Packet, Packet>): void {
  call._writev = (chunks, callback) => {
    let pending = chunks.length;
    let failed = false;
    for (const { chunk, encoding } of chunks) {
      call._write(chunk, encoding, (err?: Error | null) => {
        if (failed) return;
        if (err) {
          failed = true;
          callback(err);
        } else if (--pending === 0) callback();
      });
    }
  };
}

/** What one DiffCopy call sent: stats listed, then the files (and their bytes) the daemon asked for. */
export interface FileSyncTransfer {
  readonly dir: string;
  readonly statsSent: number;
  readonly filesSent: number;
  readonly bytesSent: number;
}

/** Opens a file for reading, or undefined when it cannot be opened (fsutil then sends it as empty). */
function openForRead(path: string | Buffer | undefined): number | undefined {
  if (path === undefined) return undefined;
  try {
    return openSync(path, "r");
  } catch {
    return undefined;
  }
}

/**
 * Sends one file. Like fsutil's sender, a file that cannot be opened (or that the filter refuses to open) is sent
 * as empty: only the end-of-file packet goes out.
 *
 * Reads are synchronous: a context is mostly small files in the page cache, where each read takes microseconds,
 * and the three thread-pool round trips of fs/promises (open, read, close) cost more CPU than the reads themselves.
 * The awaited send between chunks still lets the event loop serve the connection.
 */
async function sendFile(call: ServerDuplexStream<Packet, Packet>, id: number, file: RequestableFile): Promise<number> {
  const fd = openForRead(file.source);
  let total = 0;
  if (fd !== undefined)
    try {
      // Buffers sized to what is left of the file (most context files are small): allocating a full chunk per
      // file made garbage collection a large part of a 10,000-file transfer.
      let wanted = Math.min(Math.max(file.size - total, 1), chunkBytes);
      for (;;) {
        const buffer =
          wanted === chunkBytes
            ? chunkPool.take(dataHeaderReserve + wanted)
            : Buffer.allocUnsafe(dataHeaderReserve + wanted);
        const bytesRead = readSync(fd, buffer, dataHeaderReserve, wanted, null);
        if (bytesRead === 0) {
          chunkPool.give(buffer);
          break;
        }
        total += bytesRead;
        await send(call, encodeDataPacket(buffer, id, bytesRead), () => chunkPool.give(buffer));
        // A short read of a regular file is its end; a file that grew since its stat is read on in chunks.
        if (bytesRead < wanted) break;
        wanted = Math.min(Math.max(file.size - total, 1), chunkBytes);
      }
    } finally {
      closeSync(fd);
    }
  // An empty DATA packet ends the file (fsutil send.go).
  await send(call, encodeDataPacket(Buffer.allocUnsafe(dataHeaderReserve), id, 0));
  return total;
}

/** One DiffCopy call: we are fsutil's sender, the daemon is the receiver that asks for changed files. */
async function diffCopy(
  call: ServerDuplexStream<Packet, Packet>,
  dirs: ReadonlyMap<string, string>,
): Promise<FileSyncTransfer> {
  const dirName = metadataList(call.metadata, keyDirName)[0] ?? "";
  const root = dirs.get(dirName);
  if (root === undefined) {
    throw Object.assign(new Error(`no access allowed to dir "${dirName}"`), { code: status.NOT_FOUND });
  }
  batchWrites(call);
  const files = new Map<number, RequestableFile>();
  let statsSent = 0;
  let filesSent = 0;
  let bytesSent = 0;
  const queue: number[] = [];
  const waiters: (() => void)[] = [];
  const wake = (): void => waiters.splice(0).forEach((resolve) => resolve());
  let finished = false;
  let failure: unknown;

  const received = new Promise<void>((resolve, reject) => {
    call.on("data", (p: Packet) => {
      switch (p.type) {
        case PacketType.PACKET_REQ:
          queue.push(p.ID);
          wake();
          break;
        case PacketType.PACKET_FIN:
          finished = true;
          wake();
          resolve();
          break;
        case PacketType.PACKET_ERR:
          reject(new Error(`error from receiver: ${Buffer.from(p.data).toString("utf8")}`));
          break;
      }
    });
    call.on("end", () => resolve());
    call.on("error", reject);
  });

  const walk = (async () => {
    let id = 0;
    for await (const entry of walkDir(root, {
      includePatterns: metadataList(call.metadata, keyIncludePatterns),
      excludePatterns: metadataList(call.metadata, keyExcludePatterns),
      followPaths: metadataList(call.metadata, keyFollowPaths),
      signal: call.cancelled ? AbortSignal.abort() : new AbortController().signal,
    })) {
      if (entry.requestable) files.set(id, { source: entry.source, size: Number(entry.stat.size) });
      id++;
      statsSent++;
      await send(call, encodeStatPacket(entry.stat));
    }
    // A STAT packet without a stat ends the listing.
    await send(call, packet({ type: PacketType.PACKET_STAT }));
  })();

  const worker = async (): Promise<void> => {
    for (;;) {
      const id = queue.shift();
      if (id === undefined) {
        if (finished || failure !== undefined) return;
        await new Promise<void>((resolve) => waiters.push(resolve));
        continue;
      }
      if (!files.has(id)) throw new Error(`invalid file id ${id}`);
      const file = files.get(id)!;
      files.delete(id);
      bytesSent += await sendFile(call, id, file);
      filesSent++;
    }
  };
  const workers = Array.from({ length: fileWorkers }, () => worker());
  try {
    await Promise.all([walk, received, ...workers]);
  } catch (err) {
    failure = err;
    wake();
    throw err;
  }
  await send(call, packet({ type: PacketType.PACKET_FIN }));
  return { dir: dirName, statsSent, filesSent, bytesSent };
}

const fileSyncDefinition = grpcService(FileSync);
const diffCopyDefinition = fileSyncDefinition["diffCopy"]!;
/** DiffCopy's serializer also passes through the STAT and DATA packets encoded here. */
const fileSyncService = {
  ...fileSyncDefinition,
  diffCopy: {
    ...diffCopyDefinition,
    responseSerialize: (value: unknown): Buffer =>
      Buffer.isBuffer(value) ? value : diffCopyDefinition.responseSerialize(value),
  },
};

/**
 * Serves local directories (build context, Dockerfile dir, named contexts) by name, sending exactly what
 * fsutil's sender would so the daemon's cache keys and the image bytes match the Go client's.
 */
export function fileSync(dirs: ReadonlyMap<string, string>, onTransfer?: (t: FileSyncTransfer) => void): Attachable {
  return {
    register(server: Server) {
      server.addService(fileSyncService, {
        diffCopy(call: ServerDuplexStream<Packet, Packet>) {
          diffCopy(call, dirs).then(
            (transfer) => {
              onTransfer?.(transfer);
              call.end();
            },
            (err: unknown) => {
              const code = (err as { code?: number }).code ?? status.UNKNOWN;
              const message = messageOf(err);
              if (!call.destroyed) call.write(packet({ type: PacketType.PACKET_ERR, data: Buffer.from(message) }));
              call.emit("error", { code, details: message });
            },
          );
        },
      });
      return FileSync.methods.map(methodPath);
    },
  };
}
