// A small tar reader for inspecting image layers in tests: ustar, GNU long names and pax path/linkpath/size.
import { gunzipSync } from "node:zlib";

export type TarEntryType = "file" | "directory" | "symlink" | "hardlink" | "other";

export interface TarEntry {
  name: string;
  type: TarEntryType;
  mode: number;
  size: number;
  linkname: string;
  data: Buffer;
}

const BLOCK = 512;

function cString(buf: Buffer, start: number, length: number): string {
  const field = buf.subarray(start, start + length);
  const end = field.indexOf(0);
  return field.subarray(0, end === -1 ? field.length : end).toString("utf8");
}

function octal(buf: Buffer, start: number, length: number): number {
  const first = buf[start] ?? 0;
  if (first & 0x80) {
    // GNU base-256 encoding for large values.
    let value = 0;
    for (let i = start + 1; i < start + length; i++) value = value * 256 + (buf[i] ?? 0);
    return value;
  }
  const text = cString(buf, start, length).trim();
  return text === "" ? 0 : parseInt(text, 8);
}

function parsePax(data: Buffer): Map<string, string> {
  const records = new Map<string, string>();
  let offset = 0;
  while (offset < data.length) {
    const space = data.indexOf(0x20, offset);
    if (space === -1) break;
    const length = parseInt(data.subarray(offset, space).toString("utf8"), 10);
    if (!Number.isFinite(length) || length <= 0) break;
    const record = data.subarray(space + 1, offset + length - 1).toString("utf8");
    const eq = record.indexOf("=");
    if (eq > 0) records.set(record.slice(0, eq), record.slice(eq + 1));
    offset += length;
  }
  return records;
}

function entryType(flag: string): TarEntryType {
  switch (flag) {
    case "0":
    case "\0":
    case "":
    case "7":
      return "file";
    case "5":
      return "directory";
    case "2":
      return "symlink";
    case "1":
      return "hardlink";
    default:
      return "other";
  }
}

/** Parses an uncompressed tar archive. */
export function parseTar(archive: Buffer): TarEntry[] {
  const entries: TarEntry[] = [];
  let offset = 0;
  let pax = new Map<string, string>();
  let longName: string | undefined;
  let longLink: string | undefined;
  while (offset + BLOCK <= archive.length) {
    const header = archive.subarray(offset, offset + BLOCK);
    if (header.every((byte) => byte === 0)) break;
    const flag = String.fromCharCode(header[156] ?? 0);
    let size = octal(header, 124, 12);
    if (pax.has("size")) size = Number(pax.get("size"));
    const dataStart = offset + BLOCK;
    const data = archive.subarray(dataStart, dataStart + size);
    offset = dataStart + Math.ceil(size / BLOCK) * BLOCK;
    if (flag === "x") {
      pax = parsePax(data);
      continue;
    }
    if (flag === "g") continue;
    if (flag === "L") {
      longName = cString(data, 0, data.length);
      continue;
    }
    if (flag === "K") {
      longLink = cString(data, 0, data.length);
      continue;
    }
    const magic = cString(header, 257, 6);
    const prefix = magic.startsWith("ustar") ? cString(header, 345, 155) : "";
    const baseName = cString(header, 0, 100);
    const name = pax.get("path") ?? longName ?? (prefix ? `${prefix}/${baseName}` : baseName);
    const linkname = pax.get("linkpath") ?? longLink ?? cString(header, 157, 100);
    entries.push({ name, type: entryType(flag), mode: octal(header, 100, 8), size, linkname, data: Buffer.from(data) });
    pax = new Map();
    longName = undefined;
    longLink = undefined;
  }
  return entries;
}

/** Parses a tar archive that may be gzip-compressed (detected by its magic bytes). */
export function parseLayer(blob: Buffer): TarEntry[] {
  const gzipped = blob[0] === 0x1f && blob[1] === 0x8b;
  return parseTar(gzipped ? gunzipSync(blob) : blob);
}

/** Finds an entry by path, ignoring a leading "./" or "/". */
export function findEntry(entries: readonly TarEntry[], wanted: string): TarEntry | undefined {
  const normalize = (name: string): string => name.replace(/^\.?\/+/, "").replace(/\/+$/, "");
  const target = normalize(wanted);
  return entries.find((entry) => normalize(entry.name) === target);
}
