import { Duplex } from "node:stream";
import type { ClientDuplexStream } from "@grpc/grpc-js";
import type { BytesMessage } from "../gen/moby/buildkit/v1/control_pb.js";
import { youngGcEvery } from "../../shared/young-gc.js";
import { BufferPool } from "../../shared/buffer-pool.js";

/**
 * Most bytes one BytesMessage carries. BuildKit's gRPC server takes messages up to 16 MiB (grpc-go's default is
 * 4 MiB); 1 MiB stays far below either while still carrying a whole burst of HTTP/2 frames in one message.
 */
export const maxMessageData = 1024 * 1024;

/**
 * BytesMessage{data} encoded by hand, `chunks` concatenated as its data: field 1, wire type 2 (0x0a), the length
 * as a varint, the bytes. One allocation and one copy; protobuf-es copied every byte into a writer that grew
 * (ensureCapacity) and then sliced, which was a tenth of the client's CPU time sending a 370 MiB context.
 */
export function encodeBytesMessage(
  chunks: readonly Uint8Array[],
  allocate: (size: number) => Buffer = Buffer.allocUnsafe,
): Buffer {
  let length = 0;
  for (const c of chunks) length += c.byteLength;
  // proto3 leaves an empty field out: the empty message.
  if (length === 0) return Buffer.alloc(0);
  let header = 2;
  for (let n = length; n >= 0x80; n = Math.floor(n / 128)) header++;
  const out = allocate(header + length);
  let at = 0;
  out[at++] = 0x0a;
  for (let n = length; ; n = Math.floor(n / 128)) {
    if (n < 0x80) {
      out[at++] = n;
      break;
    }
    out[at++] = (n % 128) | 0x80;
  }
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/** `chunks` regrouped into messages of at most `limit` data bytes each (a larger chunk is split). */
export function groupChunks(chunks: readonly Uint8Array[], limit: number): Uint8Array[][] {
  const groups: Uint8Array[][] = [];
  let group: Uint8Array[] = [];
  let size = 0;
  for (let chunk of chunks) {
    while (chunk.byteLength > 0) {
      if (size === limit) {
        groups.push(group);
        group = [];
        size = 0;
      }
      const take = Math.min(chunk.byteLength, limit - size);
      group.push(take === chunk.byteLength ? chunk : chunk.subarray(0, take));
      size += take;
      chunk = chunk.subarray(take);
    }
  }
  if (group.length > 0) groups.push(group);
  return groups;
}

/** A whole message's header: field tag and a varint length of at most 3 bytes (< 2 MiB). */
const messageHeaderBytes = 4;
/**
 * Messages bigger than this are built in reused blocks (given back once grpc-js has copied them into its frame);
 * smaller ones are cheap to allocate, and a burst of them must not hold 1 MiB blocks each.
 */
const pooledMessageBytes = 64 * 1024;
/** A young-generation collection after every 4 MiB through the session (either way): see {@link youngGcEvery}. */
const gcEveryBytes = 4 * 1024 * 1024;

/**
 * Presents the Control.Session bidi stream as a byte stream: each BytesMessage carries raw HTTP/2 bytes of
 * the session connection (moby/buildkit session/grpchijack). Writes buffered meanwhile (the session server's
 * HTTP/2 frames) go out together as one message (`writev`), so a burst of small frames costs one gRPC message.
 * The call must serialise a Buffer as is: messages are encoded here.
 */
export function sessionBytesStream(call: ClientDuplexStream<BytesMessage | Buffer, BytesMessage>): Duplex {
  const counted = youngGcEvery(gcEveryBytes);
  const pool = new BufferPool(messageHeaderBytes + maxMessageData, 4);
  const allocate = (size: number): Buffer => (size > pooledMessageBytes ? pool.take(size) : Buffer.allocUnsafe(size));
  // After a pooled (big) message the next write is taken once the call has sent it, and its block is back in the
  // pool: the call's own queue takes 16 messages, up to 16 MiB of copies waiting for the socket. Small messages go
  // on as soon as the queue has room, as before: the session's request/response traffic is latency-bound.
  const send = (chunks: readonly Uint8Array[], callback: (error?: Error | null) => void): void => {
    let ok = true;
    let waitFor: Buffer | undefined;
    for (const group of groupChunks(chunks, maxMessageData)) {
      const message = encodeBytesMessage(group, allocate);
      counted(message.byteLength);
      const pooled = message.byteLength > pooledMessageBytes;
      if (pooled) waitFor = message;
      ok = call.write(message, (err?: Error | null) => {
        if (!pooled) return;
        pool.give(message);
        if (message === waitFor) callback(err);
      });
    }
    if (waitFor !== undefined) return;
    if (ok) callback();
    else call.once("drain", () => callback());
  };
  const duplex = new Duplex({
    read() {
      call.resume();
    },
    write(chunk: Buffer, _encoding, callback) {
      send([chunk], callback);
    },
    writev(chunks, callback) {
      send(
        chunks.map((c) => c.chunk as Buffer),
        callback,
      );
    },
    final(callback) {
      call.end();
      callback();
    },
    destroy(err, callback) {
      call.cancel();
      callback(err);
    },
  });
  call.on("data", (message: BytesMessage) => {
    counted(message.data.byteLength);
    if (!duplex.push(Buffer.from(message.data.buffer, message.data.byteOffset, message.data.byteLength))) call.pause();
  });
  call.on("end", () => duplex.push(null));
  call.on("error", (err) => duplex.destroy(err));
  return duplex;
}
