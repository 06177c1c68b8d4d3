import { isUtf8 } from "node:buffer";

/**
 * File names are bytes (fsutil sends Go strings, which hold any bytes, and the daemon's generated unmarshalers copy
 * the Stat path without checking UTF-8), but the walk matches and keys paths as JS strings. A name that is not
 * valid UTF-8 is carried losslessly as an "escaped" string: each byte Go's `utf8.DecodeRune` finds invalid (width
 * 1) becomes the lone surrogate U+DC00+byte, as Python's surrogateescape does. Valid UTF-8 never decodes to a lone
 * surrogate, so the mapping is one-to-one, and a valid name is its plain decoding (the fast path).
 *
 * Pattern matching on escaped strings agrees with Go: its regexp reads an invalid byte as one U+FFFD rune, so `*`,
 * `?` and negated classes match it as they match one lone surrogate here; literal text compares byte for byte.
 * (A class naming U+FFFD itself is the one difference: Go would match an invalid byte with it.)
 */

const ESCAPE_BASE = 0xdc00;
/** An escape: a low surrogate in U+DC80..U+DCFF that is not the second half of a pair. */
const ESCAPE = /(?<![\ud800-\udbff])[\udc80-\udcff]/;
const ESCAPES = new RegExp(ESCAPE.source, "g");

/** The escaped string of a name or path given as bytes. */
export function bytesToName(raw: Uint8Array): string {
  if (isUtf8(raw)) return Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString("utf8");
  let out = "";
  let start = 0;
  for (let i = 0; i < raw.length;) {
    const { r, n } = decodeRune(raw, i);
    if (r === 0xfffd && n === 1 && (raw[i] as number) >= 0x80) {
      out += Buffer.from(raw.buffer, raw.byteOffset + start, i - start).toString("utf8");
      out += String.fromCharCode(ESCAPE_BASE + (raw[i] as number));
      start = i + 1;
    }
    i += n;
  }
  return out + Buffer.from(raw.buffer, raw.byteOffset + start, raw.length - start).toString("utf8");
}

/** Whether an escaped string stands for bytes that are not valid UTF-8. */
export function hasEscapes(name: string): boolean {
  return ESCAPE.test(name);
}

/** The bytes an escaped string stands for. */
export function nameToBytes(name: string): Buffer {
  if (!hasEscapes(name)) return Buffer.from(name, "utf8");
  const parts: Buffer[] = [];
  let start = 0;
  for (const m of name.matchAll(ESCAPES)) {
    const i = m.index;
    const c = name.charCodeAt(i);
    parts.push(Buffer.from(name.slice(start, i), "utf8"), Buffer.of(c - ESCAPE_BASE));
    start = i + 1;
  }
  parts.push(Buffer.from(name.slice(start), "utf8"));
  return Buffer.concat(parts);
}

/** An escaped path as node:fs takes it: the plain string when it is valid UTF-8, else the bytes it stands for. */
export function diskPath(name: string): string | Buffer {
  return hasEscapes(name) ? nameToBytes(name) : name;
}

/** A name for messages: invalid bytes shown as `\xff`, the way Go's %q shows them. */
export function displayName(name: string): string {
  return name.replace(ESCAPES, (c) => `\\x${(c.charCodeAt(0) - ESCAPE_BASE).toString(16)}`);
}

/** One code point decoded from UTF-8 like Go's `utf8.DecodeRune`: invalid input gives U+FFFD of width 1. */
export function decodeRune(b: Uint8Array, i: number): { r: number; n: number } {
  const b0 = b[i];
  if (b0 === undefined) return { r: 0xfffd, n: 0 };
  if (b0 < 0x80) return { r: b0, n: 1 };
  const cont = (k: number): number => {
    const c = b[i + k];
    return c !== undefined && (c & 0xc0) === 0x80 ? c & 0x3f : -1;
  };
  if (b0 >= 0xc2 && b0 <= 0xdf) {
    const c1 = cont(1);
    if (c1 >= 0) return { r: ((b0 & 0x1f) << 6) | c1, n: 2 };
  } else if (b0 >= 0xe0 && b0 <= 0xef) {
    const c1 = cont(1);
    const c2 = cont(2);
    if (c1 >= 0 && c2 >= 0) {
      const r = ((b0 & 0x0f) << 12) | (c1 << 6) | c2;
      if (r >= 0x800 && (r < 0xd800 || r > 0xdfff)) return { r, n: 3 };
    }
  } else if (b0 >= 0xf0 && b0 <= 0xf4) {
    const c1 = cont(1);
    const c2 = cont(2);
    const c3 = cont(3);
    if (c1 >= 0 && c2 >= 0 && c3 >= 0) {
      const r = ((b0 & 0x07) << 18) | (c1 << 12) | (c2 << 6) | c3;
      if (r >= 0x10000 && r <= 0x10ffff) return { r, n: 4 };
    }
  }
  return { r: 0xfffd, n: 1 };
}
