import type { BigIntStats, Dirent } from "node:fs";
import { lstatSync, readdirSync, readlinkSync, realpathSync, statSync } from "node:fs";
import { create } from "@bufbuild/protobuf";
import { BuildkitError, Code } from "../errors.js";
import { decide, newFilter, openRefused, type Decision, type Filter } from "./fs-filter.js";
import { StatSchema, type Stat } from "../gen/fsutil/types/wire_pb.js";
import { messageOf } from "../../shared/message-of.js";
import { isUtf8 } from "node:buffer";
import { bytesToName, displayName, nameToBytes } from "./byte-names.js";

/**
 * The stat stream of a FileSync `DiffCopy`, exactly as the Go client sends it: buildx/BuildKit's client wraps
 * `fsutil.NewFS(dir)` in a FilterFS whose map resets uid/gid (client/solve.go `prepareSyncedFiles`, buildx
 * build.go), the session provider wraps that in a FilterFS with the daemon's include/exclude/followpaths
 * (session/filesync/filesync.go `handle`), and fsutil's sender walks it (send.go), HEAD adding
 * `WithHardlinkReset` (hardlinks.go, fsutil 16fccd4, after the copy buildx v0.13.1 vendors).
 * Sources read: tonistiigi/fsutil 7525a1a (buildx v0.13.1 vendor/modules.txt) and 6d9dc2e (HEAD), moby/buildkit
 * v0.13.0 and HEAD, moby/patternmatcher v0.6.0 and v0.6.1.
 */

export interface WalkOptions {
  /** `include-patterns` from the call metadata; empty means no include filter. */
  readonly includePatterns: readonly string[];
  /** `exclude-patterns` (the parsed `.dockerignore`), `!` exceptions included. */
  readonly excludePatterns: readonly string[];
  /** `followpaths`: resolved through symlinks and added to the include patterns. */
  readonly followPaths: readonly string[];
  readonly signal?: AbortSignal;
}

export interface WalkEntry {
  /**
   * `path` and `linkname` are escaped strings (byte-names.ts): a name that is not valid UTF-8 keeps its bytes, which
   * encodeStatPacket puts on the wire unchanged, as the Go client does.
   */
  readonly stat: Stat;
  /**
   * Absolute path on disk to open for file data; undefined for non-regular entries, and for the rare regular file
   * that fsutil's filtered `Open` refuses (`MatchesOrParentMatches` disagreeing with the walk's
   * `MatchesUsingParentResults`): the Go sender then answers a request with no data, so the file arrives empty.
   */
  readonly source: string | Buffer | undefined;
  /**
   * Whether the receiver may request data for it (fsutil `fileCanRequestData` on the sent mode): regular files,
   * and sockets, which are sent with their type bit cleared. When `source` is undefined, or opening it fails,
   * fsutil answers a request with the end-of-file packet alone.
   */
  readonly requestable: boolean;
}

// Go io/fs FileMode bits.
const MODE_DIR = 0x80000000;
const MODE_SYMLINK = 0x08000000;
const MODE_DEVICE = 0x04000000;
const MODE_NAMED_PIPE = 0x02000000;
const MODE_SOCKET = 0x01000000;
const MODE_SETUID = 0x00800000;
const MODE_SETGID = 0x00400000;
const MODE_CHAR_DEVICE = 0x00200000;
const MODE_STICKY = 0x00100000;
/** Dir|Symlink|NamedPipe|Socket|Device|CharDevice|Irregular. */
const MODE_TYPE = 0x8f280000;

const S_IFMT = 0o170000;
const S_IFBLK = 0o060000;
const S_IFCHR = 0o020000;

/** Go `os.FileMode` of an lstat result, as Go's `fillFileStatFromSys` builds it on Linux and macOS. */
export function goFileMode(st: BigIntStats): number {
  const m = Number(st.mode);
  let mode = m & 0o777;
  switch (m & S_IFMT) {
    case S_IFBLK:
      mode |= MODE_DEVICE;
      break;
    case S_IFCHR:
      mode |= MODE_DEVICE | MODE_CHAR_DEVICE;
      break;
    case 0o040000:
      mode |= MODE_DIR;
      break;
    case 0o010000:
      mode |= MODE_NAMED_PIPE;
      break;
    case 0o120000:
      mode |= MODE_SYMLINK;
      break;
    case 0o140000:
      mode |= MODE_SOCKET;
      break;
  }
  if (m & 0o2000) mode |= MODE_SETGID;
  if (m & 0o4000) mode |= MODE_SETUID;
  if (m & 0o1000) mode |= MODE_STICKY;
  return mode >>> 0;
}

interface Item {
  /** Escaped (byte-names.ts), as is `abs`. */
  readonly path: string;
  readonly abs: string;
  /** What Node opens: `abs` itself, or its bytes when a name on the way is not UTF-8 (kept off the fast path). */
  readonly disk: string | Buffer;
  readonly isDir: boolean;
  readonly decision: Decision;
}

interface Info {
  readonly st: BigIntStats;
  readonly linkname: string;
}

interface Frame {
  readonly items: readonly Item[];
  next: number;
  /** The directory this frame lists; undefined for the root. */
  readonly dir: { readonly stat: Stat; sent: boolean } | undefined;
}

/**
 * Entries handled between turns of the event loop. lstat is synchronous: through libuv's thread pool it costs
 * about six times as much per call (measured on 10,000 files), so the walk takes short synchronous runs instead.
 * Listing directories, resolving the root and the followpaths are synchronous for the same reason: each thread-pool
 * round trip cost a small DiffCopy (the Dockerfile's directory) about half a millisecond while the daemon waited.
 */
const ENTRIES_PER_TURN = 256;

function errCode(err: unknown): unknown {
  return (err as { code?: unknown }).code;
}

/** Go `isNotExist`: fsutil turns these into filepath.SkipDir (the entry vanished while walking). */
function isNotExist(err: unknown): boolean {
  const code = errCode(err);
  return code === "ENOENT" || code === "ENOTDIR";
}

function walkError(path: string, cause: unknown): BuildkitError {
  const code = errCode(cause);
  const c =
    code === "ENOENT" || code === "ENOTDIR"
      ? Code.NotFound
      : code === "EACCES" || code === "EPERM"
        ? Code.PermissionDenied
        : Code.Unknown;
  const reason = messageOf(cause);
  return new BuildkitError(`failed to walk ${displayName(path)}: ${reason}`, c, { cause });
}

function readInfo(item: Item): Info {
  const abs = item.disk;
  const st = lstatSync(abs, { bigint: true });
  // mkstat reads the link only to send it; a filtered-out link is never sent.
  if (!st.isSymbolicLink() || item.decision.skip) return { st, linkname: "" };
  return { st, linkname: bytesToName(readlinkSync(abs, { encoding: "buffer" })) };
}

/** Lists a directory in Go `os.ReadDir` order (bytes of the names) with each entry's filter decision. */
function listDir(
  filter: Filter,
  relDir: string,
  absDir: string,
  diskDir: string | Buffer,
  parent: Decision | undefined,
  isRoot: boolean,
): Item[] {
  let dirents: Dirent<Buffer>[];
  try {
    dirents = readdirSync(diskDir, { encoding: "buffer", withFileTypes: true });
  } catch (err) {
    // fsutil's walker returns before looking at the error for the root; elsewhere a vanished dir is skipped.
    if (isRoot || isNotExist(err)) return [];
    throw walkError(absDir, err);
  }
  dirents.sort((a, b) => Buffer.compare(a.name, b.name));
  const items: Item[] = [];
  const absPrefix = absDir.endsWith("/") ? absDir : absDir + "/";
  for (const d of dirents) {
    const utf8 = isUtf8(d.name);
    const name = utf8 ? d.name.toString("utf8") : bytesToName(d.name);
    const path = relDir === "" ? name : relDir + "/" + name;
    const isDir = d.isDirectory();
    const decision = decide(filter, path, isDir, parent);
    if (decision.prune) continue;
    const abs = absPrefix + name;
    items.push({ path, abs, disk: utf8 && typeof diskDir === "string" ? abs : nameToBytes(abs), isDir, decision });
  }
  return items;
}

function newFrame(items: Item[], dir: Frame["dir"]): Frame {
  return { items, next: 0, dir };
}

/** Go `major`/`minor` as fsutil's stat_unix.go defines them (the old Linux dev_t layout). */
const major = (dev: bigint): bigint => (dev >> 8n) & 0xfffn;
const minor = (dev: bigint): bigint => (dev & 0xffn) | ((dev >> 12n) & 0xfff00n);

/**
 * Yields entries in exactly the order and form fsutil's sender would send them (after buildkit client's uid/gid
 * reset to 0): depth-first pre-order, names sorted byte-wise, the root itself not sent, directories sent only when
 * they match or something below them does. Stats come from lstat; symlinks are sent, never followed.
 *
 * Differences from the Go client: extended attributes are never sent (Node has no xattr API; fsutil sends them,
 * minus `com.apple.*` at HEAD); entries that change or vanish
 * during the walk are not handled identically.
 */
export async function* walkDir(root: string, options: WalkOptions): AsyncGenerator<WalkEntry> {
  const signal = options.signal;
  // fsutil NewFS: the root is resolved through symlinks and must be a directory.
  let realRoot: string;
  try {
    realRoot = realpathSync.native(root);
    if (!statSync(realRoot).isDirectory()) {
      throw Object.assign(new Error("not a directory"), { code: "ENOTDIR" });
    }
  } catch (err) {
    throw walkError(root, err);
  }
  const filter = newFilter(realRoot, options);

  // Hardlinks: fsutil stat_unix.go `setUnixOpt` maps inode -> first path over every walked non-directory
  // (filtered-out ones too, keyed by inode only); hardlinks.go `hardlinkFilter` then re-points links whose first
  // path was not sent at the first one that was.
  const firstByInode = new Map<bigint, string>();
  const sentLinks = new Map<string, string>();

  let handled = 0;
  const stack: Frame[] = [newFrame(listDir(filter, "", realRoot, realRoot, undefined, true), undefined)];
  while (stack.length > 0) {
    if (signal?.aborted)
      throw new BuildkitError(`failed to walk ${root}: canceled`, Code.Canceled, { cause: signal.reason });
    const frame = stack[stack.length - 1] as Frame;
    if (frame.next >= frame.items.length) {
      stack.pop();
      continue;
    }
    if (++handled % ENTRIES_PER_TURN === 0) await new Promise((resolve) => setImmediate(resolve));
    const item = frame.items[frame.next++] as Item;
    let info: Info;
    try {
      info = readInfo(item);
    } catch (err) {
      if (err instanceof BuildkitError) throw err;
      if (!isNotExist(err)) throw walkError(item.abs, err);
      // filepath.SkipDir: for a directory skip it, for a file skip the rest of its directory.
      if (!item.isDir) frame.next = frame.items.length;
      continue;
    }

    const { st } = info;
    const mode = goFileMode(st);
    const isDir = (mode & MODE_DIR) !== 0;
    let size = 0n;
    let linkname = "";
    let devmajor = 0n;
    let devminor = 0n;
    if (!isDir) {
      // Go tests S_IFBLK|S_IFCHR bits, which symlinks and sockets also carry (their rdev is 0).
      const ifmt = Number(st.mode) & S_IFMT;
      if ((ifmt & S_IFBLK) !== 0) {
        devmajor = major(st.rdev);
        devminor = minor(st.rdev);
      }
      const first = st.nlink > 1n ? firstByInode.get(st.ino) : undefined;
      if (first !== undefined) linkname = first;
      else firstByInode.set(st.ino, item.path);
      // mkstat sets the size after setUnixOpt, so a hardlink keeps its full size.
      size = st.size;
      if ((mode & MODE_SYMLINK) !== 0) linkname = info.linkname;
    }
    const stat = create(StatSchema, {
      path: item.path,
      mode: (mode & ~MODE_SOCKET) >>> 0,
      uid: 0,
      gid: 0,
      size,
      modTime: st.mtimeNs,
      linkname,
      devmajor,
      devminor,
    });

    if (!item.decision.skip) {
      for (const f of stack) {
        if (f.dir === undefined || f.dir.sent) continue;
        f.dir.sent = true;
        yield { stat: f.dir.stat, source: undefined, requestable: false };
      }
      // fileCanRequestData looks at the mode as sent: a socket, its bit cleared, looks like a regular file and can
      // be requested, and fsutil answers with no data because opening a socket fails.
      const requestable = (stat.mode & MODE_TYPE) === 0;
      if (!isDir && (mode & MODE_SYMLINK) === 0) {
        if (linkname !== "") {
          const canonical = sentLinks.get(linkname);
          if (canonical === undefined) {
            sentLinks.set(linkname, item.path);
            stat.linkname = "";
          } else if (canonical !== item.path) {
            stat.linkname = canonical;
          }
        }
        sentLinks.set(item.path, item.path);
      }
      const regular = (mode & MODE_TYPE) === 0;
      const source = regular && !openRefused(filter, item.path) ? item.disk : undefined;
      yield { stat, source, requestable };
    }
    if (isDir) {
      const items = listDir(filter, item.path, item.abs, item.disk, item.decision, false);
      stack.push(newFrame(items, { stat, sent: !item.decision.skip }));
    }
  }
}
