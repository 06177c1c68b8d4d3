import { decodeRune, hasEscapes, nameToBytes } from "./byte-names.js";

/**
 * Go's `path/filepath` semantics for `/`-separated paths, as fsutil and moby/patternmatcher rely on them on
 * Linux and macOS: `Clean`, `Join`, `Dir`, `Base` and the shell-pattern `Match`.
 *
 * `matchGlob` works on the bytes of the names (UTF-8, or the raw bytes of an escaped name), like Go, so `?` and `[...]` consume one code point while literal characters
 * compare byte by byte. Like `filepath.Match` (unlike `path.Match`, which validates the rest of the pattern), a
 * syntax error after the first mismatch goes unreported.
 */

/** Raised for a malformed pattern, like Go's `filepath.ErrBadPattern`. */
export class BadPatternError extends Error {
  override readonly name = "BadPatternError";
  constructor(pattern: string) {
    super(`syntax error in pattern: ${JSON.stringify(pattern)}`);
  }
}

/**
 * Go's string order (byte-wise over UTF-8) for JS strings, as `os.ReadDir` and `sort.Strings` sort names.
 * UTF-16 order differs only where a surrogate pair (a code point above U+FFFF) meets U+E000..U+FFFF. Escaped names
 * (byte-names.ts) compare as the bytes they stand for.
 */
export function compareUtf8(a: string, b: string): number {
  if (hasEscapes(a) || hasEscapes(b)) return Buffer.compare(nameToBytes(a), nameToBytes(b));
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800 && y >= 0xd800) {
      x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
      y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
    }
    return x - y;
  }
  return a.length - b.length;
}

/** Go `filepath.Clean` for `/` separators: lexical `.`/`..` removal, no trailing slash, `""` becomes `"."`. */
export function cleanPath(p: string): string {
  if (p === "") return ".";
  const rooted = p.startsWith("/");
  const out: string[] = [];
  for (const elem of p.split("/")) {
    if (elem === "" || elem === ".") continue;
    if (elem === "..") {
      if (out.length > 0 && out[out.length - 1] !== "..") out.pop();
      else if (!rooted) out.push("..");
      continue;
    }
    out.push(elem);
  }
  const joined = out.join("/");
  if (rooted) return "/" + joined;
  return joined === "" ? "." : joined;
}

/** Go `filepath.Join`: empty elements are dropped, the rest joined and cleaned; all-empty gives `""`. */
export function joinPath(...elems: string[]): string {
  const parts = elems.filter((e) => e !== "");
  return parts.length === 0 ? "" : cleanPath(parts.join("/"));
}

/** Go `filepath.Dir`: everything before the last `/`, cleaned (`"."` when there is no `/`). */
export function dirPath(p: string): string {
  return cleanPath(p.slice(0, p.lastIndexOf("/") + 1));
}

/** Go `filepath.Base`: the last element, ignoring trailing slashes; `""` gives `"."`, all slashes `"/"`. */
export function basePath(p: string): string {
  if (p === "") return ".";
  const trimmed = p.replace(/\/+$/, "");
  if (trimmed === "") return "/";
  return trimmed.slice(trimmed.lastIndexOf("/") + 1);
}

const SLASH = 0x2f;
const BACKSLASH = 0x5c;
const STAR = 0x2a;
const QUESTION = 0x3f;
const LBRACKET = 0x5b;
const RBRACKET = 0x5d;
const CARET = 0x5e;
const DASH = 0x2d;

/** Splits off the next chunk: leading stars, then everything up to the next star outside `[...]`. */
function scanChunk(p: Uint8Array): { star: boolean; chunk: Uint8Array; rest: Uint8Array } {
  let star = false;
  let start = 0;
  while (p[start] === STAR) {
    start++;
    star = true;
  }
  let inRange = false;
  let i = start;
  scan: for (; i < p.length; i++) {
    switch (p[i]) {
      case BACKSLASH:
        if (i + 1 < p.length) i++;
        break;
      case LBRACKET:
        inRange = true;
        break;
      case RBRACKET:
        inRange = false;
        break;
      case STAR:
        if (!inRange) break scan;
        break;
    }
  }
  return { star, chunk: p.subarray(start, i), rest: p.subarray(i) };
}

/** A class member: one (possibly escaped) code point; throws on the syntax errors Go's `getEsc` reports. */
function classChar(chunk: Uint8Array, pos: number, pattern: string): { r: number; next: number } {
  let i = pos;
  const c = chunk[i];
  if (c === undefined || c === DASH || c === RBRACKET) throw new BadPatternError(pattern);
  if (c === BACKSLASH) {
    i++;
    if (i >= chunk.length) throw new BadPatternError(pattern);
  }
  const { r, n } = decodeRune(chunk, i);
  if (r === 0xfffd && n === 1) throw new BadPatternError(pattern);
  if (i + n >= chunk.length) throw new BadPatternError(pattern);
  return { r, next: i + n };
}

/**
 * Matches one star-free chunk at the start of `s`; returns the unmatched rest, or undefined on mismatch.
 * Like Go, it keeps scanning the chunk after a mismatch so that syntax errors are always reported.
 */
function matchChunk(chunk: Uint8Array, s: Uint8Array, pattern: string): Uint8Array | undefined {
  let failed = false;
  let ci = 0;
  let si = 0;
  while (ci < chunk.length) {
    if (!failed && si >= s.length) failed = true;
    const c = chunk[ci];
    if (c === LBRACKET) {
      let r = -1;
      if (!failed) {
        const d = decodeRune(s, si);
        r = d.r;
        si += d.n;
      }
      ci++;
      let negated = false;
      if (chunk[ci] === CARET) {
        negated = true;
        ci++;
      }
      let match = false;
      let nrange = 0;
      for (;;) {
        if (chunk[ci] === RBRACKET && nrange > 0) {
          ci++;
          break;
        }
        const lo = classChar(chunk, ci, pattern);
        ci = lo.next;
        let hi = lo.r;
        if (chunk[ci] === DASH) {
          const h = classChar(chunk, ci + 1, pattern);
          ci = h.next;
          hi = h.r;
        }
        if (lo.r <= r && r <= hi) match = true;
        nrange++;
      }
      if (match === negated) failed = true;
    } else if (c === QUESTION) {
      if (!failed) {
        if (s[si] === SLASH) failed = true;
        si += decodeRune(s, si).n;
      }
      ci++;
    } else {
      if (c === BACKSLASH) {
        ci++;
        if (ci >= chunk.length) throw new BadPatternError(pattern);
      }
      if (!failed) {
        if (chunk[ci] !== s[si]) failed = true;
        si++;
      }
      ci++;
    }
  }
  return failed ? undefined : s.subarray(si);
}

/**
 * Go `filepath.Match(pattern, name)` on a Unix host: `*` (no `/`), `?`, `[...]`/`[^...]` classes and `\`
 * escapes, anchored at both ends.
 * @throws BadPatternError when the pattern is malformed.
 */
export function matchGlob(pattern: string, name: string): boolean {
  // Escaped names (byte-names.ts) match as the bytes they stand for, as Go matches its strings.
  let pat: Uint8Array = nameToBytes(pattern);
  let s: Uint8Array = nameToBytes(name);
  outer: while (pat.length > 0) {
    const { star, chunk, rest } = scanChunk(pat);
    pat = rest;
    if (star && chunk.length === 0) return !s.includes(SLASH);
    const t = matchChunk(chunk, s, pattern);
    if (t !== undefined && (t.length === 0 || pat.length > 0)) {
      s = t;
      continue;
    }
    if (star) {
      for (let i = 0; i < s.length && s[i] !== SLASH; i++) {
        const t2 = matchChunk(chunk, s.subarray(i + 1), pattern);
        if (t2 !== undefined) {
          if (pat.length === 0 && t2.length > 0) continue;
          s = t2;
          continue outer;
        }
      }
    }
    return false;
  }
  return s.length === 0;
}
