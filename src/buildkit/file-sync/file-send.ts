import { status, type Server, type ServerDuplexStream } from "@grpc/grpc-js";
import { create, fromBinary, toBinary } from "@bufbuild/protobuf";
import { createWriteStream, type WriteStream } from "node:fs";
import { mkdir, symlink, link, chmod, lstat, lutimes, utimes, rename, rm } from "node:fs/promises";
import { randomBytes } from "node:crypto";
import { basename, dirname, isAbsolute, join, resolve, sep } from "node:path";
import { once } from "node:events";
import { BytesMessageSchema } from "../gen/moby/filesync/v1/filesync_pb.js";
import { PacketSchema, Packet_PacketType as PacketType, type Packet, type Stat } from "../gen/fsutil/types/wire_pb.js";
import { rawMethod } from "../grpc-service.js";
import { diskPath, displayName } from "./byte-names.js";
import { decodePacket } from "./stat-packet.js";
import type { Attachable } from "../session/attachable.js";
import type { Exporter } from "../solve/exporter.js";
import { messageOf } from "../../shared/message-of.js";

// moby/buildkit v0.13 session/filesync/filesync.go
const fileSendPath = "/moby.filesync.v1.FileSend/DiffCopy";
const keyExporterId = "buildkit-attachable-exporter-id";

// Go os.FileMode bits (io/fs).
const modeDir = 0x80000000;
const modeSymlink = 0x08000000;
const modeType = 0x8f280000;
const modeSetuid = 0x00800000;
const modeSetgid = 0x00400000;
const modeSticky = 0x00100000;

type ClientExport = { readonly index: number; readonly exporter: Extract<Exporter, { dest: string }> };

function unixMode(goMode: number): number {
  let m = goMode & 0o777;
  if (goMode & modeSetuid) m |= 0o4000;
  if (goMode & modeSetgid) m |= 0o2000;
  if (goMode & modeSticky) m |= 0o1000;
  return m;
}

/**
 * Calls `onMessage` for each message, one at a time, until the daemon closes its side. Async iteration is not
 * used because it destroys the call when the loop ends, and the reply (FIN, status) must still go out.
 */
function eachMessage(
  call: ServerDuplexStream<Buffer, Buffer>,
  onMessage: (raw: Buffer) => Promise<boolean | void>,
): Promise<void> {
  return new Promise((resolve, reject) => {
    let chain = Promise.resolve();
    let stopped = false;
    call.on("data", (raw: Buffer) => {
      call.pause();
      chain = chain
        .then(async () => {
          if (stopped) return;
          if ((await onMessage(raw)) === true) {
            stopped = true;
            resolve();
          }
          call.resume();
        })
        .catch((err: unknown) => {
          stopped = true;
          reject(err);
        });
    });
    call.on("end", () => void chain.then(() => resolve(), reject));
    call.on("error", reject);
  });
}

/**
 * Writes a single-file export (tar, oci, docker): BytesMessage chunks until the daemon closes its side. The bytes go
 * to a new file beside `dest` that is renamed over it, so a link already at `dest` is replaced, never followed.
 */
async function receiveFile(call: ServerDuplexStream<Buffer, Buffer>, dest: string): Promise<void> {
  await mkdir(dirname(dest), { recursive: true });
  const temp = tempName(dest);
  const out = createWriteStream(temp, { flags: "wx" });
  try {
    await eachMessage(call, async (raw) => {
      const { data } = fromBinary(BytesMessageSchema, raw);
      if (!out.write(data)) await once(out, "drain");
    });
    out.end();
    await once(out, "finish");
    await rename(temp, dest);
  } catch (err) {
    out.destroy();
    await rm(temp, { force: true });
    throw err;
  }
}

/** A fresh name beside `path` (same directory, so the rename is atomic and stays inside it). */
function tempName(path: string): string {
  return join(dirname(path), `.${basename(path)}.kiln-${randomBytes(6).toString("hex")}`);
}

/** What is at `path` itself (a link is not followed), or undefined. */
async function lstatOrUndefined(path: string): Promise<Awaited<ReturnType<typeof lstat>> | undefined> {
  return lstat(diskPath(path)).catch((err: NodeJS.ErrnoException) => {
    if (err.code === "ENOENT") return undefined;
    throw err;
  });
}

/**
 * Inside `root`, or an error: a hostile stream must not write outside the export directory, so absolute names and
 * `..` components are refused outright rather than resolved.
 */
function within(root: string, path: string): string {
  const refuse = (): never => {
    throw new Error(`refusing path outside the export directory: ${JSON.stringify(displayName(path))}`);
  };
  if (path === "" || isAbsolute(path) || path.split(/[/\\]/).includes("..")) refuse();
  const full = resolve(root, path);
  if (full !== root && !full.startsWith(root + sep)) refuse();
  return full;
}

/**
 * Makes every directory between `root` and `path` a real directory: a link (or file) left there by an earlier
 * export is removed, not followed, so nothing this export writes lands outside `root`. `checked` holds the
 * directories already made real in this export.
 */
async function realParents(root: string, path: string, checked: Set<string>): Promise<void> {
  const missing: string[] = [];
  for (let dir = dirname(path); !checked.has(dir) && dir.startsWith(root + sep); dir = dirname(dir))
    missing.unshift(dir);
  for (const dir of missing) await realDir(dir, checked);
}

async function realDir(dir: string, checked: Set<string>): Promise<void> {
  const st = await lstatOrUndefined(dir);
  if (st && !st.isDirectory()) await clear(dir);
  if (!st?.isDirectory()) await mkdir(diskPath(dir));
  checked.add(dir);
}

/** Clears `path` for an entry of another kind: whatever is there (a link, a file, a tree) goes; links are not followed. */
async function clear(path: string): Promise<void> {
  await rm(diskPath(path), { force: true, recursive: true });
}

/**
 * Receives a `local` export: the daemon is fsutil's sender on this stream, we ask for every regular file and
 * write the tree under `dest`, then say FIN (tonistiigi/fsutil receive.go). Links already in `dest` are never
 * followed: each entry replaces what is at its path, and files are written under a temporary name and renamed.
 * Names are bytes: Stat paths and link targets are escaped strings (byte-names.ts) and reach the disk as the exact
 * bytes the daemon sent, even when they are not UTF-8.
 */
async function receiveTree(call: ServerDuplexStream<Buffer, Buffer>, dest: string): Promise<void> {
  const root = resolve(dest);
  await mkdir(root, { recursive: true });
  const stats: Stat[] = [];
  const writers = new Map<number, WriteStream>();
  let pending = 0;
  let listed = false;
  let allWritten: () => void = () => {};
  const written = new Promise<void>((r) => (allWritten = r));
  const send = (p: Packet): void => {
    call.write(Buffer.from(toBinary(PacketSchema, p)));
  };

  const checked = new Set<string>([root]);
  /** File id -> [temporary name, final name]. */
  const targets = new Map<number, readonly [string, string]>();
  /** [source, path] of each hardlink: made once every file is written, as its source arrives under a temporary name. */
  const hardlinks: (readonly [string, string])[] = [];
  const onListed = async (): Promise<void> => {
    for (const [id, st] of stats.entries()) {
      const path = within(root, st.path);
      if (path === root) continue;
      await realParents(root, path, checked);
      if (st.mode & modeDir) {
        await realDir(path, checked);
      } else if (st.mode & modeSymlink) {
        await clear(path);
        await symlink(diskPath(st.linkname), diskPath(path));
      } else if ((st.mode & modeType) === 0 && st.linkname !== "") {
        await clear(path);
        hardlinks.push([within(root, st.linkname), path]);
      } else if ((st.mode & modeType) === 0) {
        const temp = tempName(path);
        writers.set(id, createWriteStream(diskPath(temp), { flags: "wx", mode: unixMode(st.mode) }));
        targets.set(id, [temp, path]);
        pending++;
        send(create(PacketSchema, { type: PacketType.PACKET_REQ, ID: id }));
      }
    }
    if (pending === 0) allWritten();
  };

  const finishFile = async (id: number): Promise<void> => {
    const w = writers.get(id);
    if (!w) throw new Error(`data for unrequested file id ${id}`);
    writers.delete(id);
    w.end();
    await once(w, "finish");
    const [temp, path] = targets.get(id)!;
    // A directory there goes first; a link or file is replaced by the rename itself.
    if ((await lstatOrUndefined(path))?.isDirectory()) await clear(path);
    await rename(diskPath(temp), diskPath(path));
    if (--pending === 0) allWritten();
  };

  const reading = eachMessage(call, async (raw) => {
    const p = decodePacket(raw);
    switch (p.type) {
      case PacketType.PACKET_STAT:
        if (p.stat) stats.push(p.stat);
        else if (!listed) {
          listed = true;
          await onListed();
        }
        return false;
      case PacketType.PACKET_DATA:
        if (p.data.length === 0) await finishFile(p.ID);
        else {
          const w = writers.get(p.ID);
          if (!w) throw new Error(`data for unrequested file id ${p.ID}`);
          if (!w.write(p.data)) await once(w, "drain");
        }
        return false;
      case PacketType.PACKET_ERR:
        throw new Error(`error from sender: ${Buffer.from(p.data).toString("utf8")}`);
      case PacketType.PACKET_FIN:
        return true;
      default:
        return false;
    }
  });

  await Promise.race([written, reading]);
  // link(2) does not follow a link named as its source; the source is an entry of this export, written by now.
  for (const [source, path] of hardlinks) await link(diskPath(source), diskPath(path));
  // Modes and times last, deepest first, so creating children does not disturb their parents' mtimes.
  for (const st of [...stats].reverse()) {
    const path = within(root, st.path);
    if (path === root) continue;
    const seconds = Number(st.modTime) / 1e9;
    // chmod and utimes follow links: anything that is a link now only gets lutimes.
    if (st.mode & modeSymlink || (await lstatOrUndefined(path))?.isSymbolicLink() !== false)
      await lutimes(diskPath(path), seconds, seconds).catch(() => {});
    else {
      await chmod(diskPath(path), unixMode(st.mode));
      await utimes(diskPath(path), seconds, seconds);
    }
  }
  send(create(PacketSchema, { type: PacketType.PACKET_FIN }));
  await reading;
}

/**
 * Receives what exporters send to the client. The daemon names the exporter by its index in the solve request
 * (metadata "buildkit-attachable-exporter-id"; absent means 0).
 */
export function fileSend(exports: readonly ClientExport[]): Attachable {
  return {
    register(server: Server) {
      server.register(
        fileSendPath,
        (call: ServerDuplexStream<Buffer, Buffer>) => {
          const id = Number(call.metadata.get(keyExporterId)[0] ?? "0");
          const target = exports.find((e) => e.index === id);
          if (!target) {
            call.emit("error", { code: status.NOT_FOUND, details: `no client export with id ${id}` });
            return;
          }
          const dest = target.exporter.dest;
          const work = target.exporter.type === "local" ? receiveTree(call, dest) : receiveFile(call, join(dest));
          work.then(
            () => call.end(),
            (err: unknown) =>
              call.emit("error", {
                code: status.INTERNAL,
                details: `failed to write export to ${dest}: ${messageOf(err)}`,
              }),
          );
        },
        rawMethod(fileSendPath, true, true).requestDeserialize,
        rawMethod(fileSendPath, true, true).responseSerialize,
        "bidi",
      );
      return [fileSendPath];
    },
  };
}
