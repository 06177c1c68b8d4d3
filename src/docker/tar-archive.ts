/** One regular file or directory of a tar archive. */
export interface TarEntry {
  /** Relative path inside the archive, "/"-separated; directories may end with "/". */
  readonly path: string;
  /** File content; absent for a directory. */
  readonly content?: Buffer | string;
  /** Permission bits; 0o644 for files and 0o755 for directories when absent. */
  readonly mode?: number;
  /** Modification time in seconds since the epoch; 0 keeps archives reproducible. */
  readonly mtimeSec?: number;
}

const block = 512;

function octal(value: number, width: number): string {
  // width - 1 digits and a NUL, as GNU tar and Go's archive/tar write numeric fields.
  return value.toString(8).padStart(width - 1, "0") + "\0";
}

function header(name: string, size: number, mode: number, mtimeSec: number, typeflag: "0" | "5"): Buffer {
  const h = Buffer.alloc(block, 0);
  const nameBytes = Buffer.from(name, "utf8");
  let prefix = Buffer.alloc(0);
  let short = nameBytes;
  if (nameBytes.length > 100) {
    // ustar splits a long name at a "/" into prefix (155 bytes) and name (100 bytes).
    const cut = name.lastIndexOf("/", name.length - 2);
    const p = Buffer.from(name.slice(0, cut), "utf8");
    short = Buffer.from(name.slice(cut + 1), "utf8");
    if (cut <= 0 || p.length > 155 || short.length > 100) throw new Error(`tar: path too long: ${name}`);
    prefix = p;
  }
  short.copy(h, 0);
  h.write(octal(mode, 8), 100, "ascii");
  h.write(octal(0, 8), 108, "ascii"); // uid 0
  h.write(octal(0, 8), 116, "ascii"); // gid 0
  h.write(octal(size, 12), 124, "ascii");
  h.write(octal(mtimeSec, 12), 136, "ascii");
  h.write("        ", 148, "ascii"); // checksum is computed with its own field as spaces
  h.write(typeflag, 156, "ascii");
  h.write("ustar\0", 257, "ascii");
  h.write("00", 263, "ascii");
  h.write("root", 265, "ascii");
  h.write("root", 297, "ascii");
  prefix.copy(h, 345);
  let sum = 0;
  for (const byte of h) sum += byte;
  h.write(octal(sum, 7) + " ", 148, "ascii");
  return h;
}

/**
 * A ustar archive of the given entries, owned by root, in the order given (what `PUT /containers/{id}/archive`
 * extracts). Parent directories are not implied: list them first.
 */
export function tarArchive(entries: readonly TarEntry[]): Buffer {
  const parts: Buffer[] = [];
  for (const entry of entries) {
    const mtime = entry.mtimeSec ?? 0;
    if (entry.content === undefined) {
      const name = entry.path.endsWith("/") ? entry.path : `${entry.path}/`;
      parts.push(header(name, 0, entry.mode ?? 0o755, mtime, "5"));
      continue;
    }
    const data = typeof entry.content === "string" ? Buffer.from(entry.content, "utf8") : entry.content;
    parts.push(header(entry.path, data.length, entry.mode ?? 0o644, mtime, "0"), data);
    const pad = (block - (data.length % block)) % block;
    if (pad) parts.push(Buffer.alloc(pad, 0));
  }
  parts.push(Buffer.alloc(block * 2, 0));
  return Buffer.concat(parts);
}
