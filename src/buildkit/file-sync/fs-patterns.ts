import { BadPatternError, dirPath, matchGlob, cleanPath } from "./fs-gopath.js";

/**
 * `.dockerignore`-style pattern matching with the semantics of moby/patternmatcher v0.6.0/v0.6.1 (the versions
 * vendored by buildx v0.13 and by current BuildKit; they differ only in panics on invalid patterns), which
 * fsutil uses for FileSync include/exclude patterns.
 *
 * A pattern is trimmed, `filepath.Clean`ed, and a leading `!` (checked after cleaning) makes it an exception.
 * Later patterns override earlier ones. Patterns compile the way patternmatcher does: plain text compares exactly,
 * `prefix/**` by prefix, a leading `**` by suffix, anything else through the RE2 expression patternmatcher builds,
 * which is translated to an equivalent JavaScript expression here (see `translateRe2`).
 */

/** Per-pattern results for a directory, handed to its children (patternmatcher `MatchInfo`). */
export interface MatchInfo {
  readonly parentMatched: readonly boolean[];
}

export interface Pattern {
  /** The cleaned pattern without its `!` (patternmatcher `Pattern.String()`). */
  readonly text: string;
  /** True for `!` exceptions (patternmatcher `Pattern.Exclusion()`). */
  readonly exclusion: boolean;
  /** Whether `path` (clean, `/`-separated, relative) matches this single pattern. */
  match(path: string): boolean;
}

export interface PatternMatcher {
  readonly patterns: readonly Pattern[];
  /** True when any pattern is a `!` exception. */
  readonly exclusions: boolean;
  /**
   * patternmatcher `MatchesUsingParentResults`: matches `path`, reusing the parent directory's per-pattern results
   * (pass undefined for top-level entries); returns this entry's results for its children.
   */
  matchesUsingParentResults(path: string, parent: MatchInfo | undefined): { matched: boolean; info: MatchInfo };
  /** patternmatcher `MatchesOrParentMatches`: matches `path` or any of its parent directories. */
  matchesOrParentMatches(path: string): boolean;
}

type MatchType = "exact" | "prefix" | "suffix" | "regexp";

// Go's strings.TrimSpace (unicode.IsSpace): JS `\s` minus U+FEFF, plus U+0085.
const GO_TRIM_SPACE =
  /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g;

// Characters that patternmatcher escapes before handing text to Go's regexp. Its `shouldEscape` lists `.+()|{}$`
// but stores them in a byte bitmap indexed by `c/8`, which overflows for `|`, `{` and `}` (c >= 64): those reach
// the regexp unescaped, as alternation and repetition.
const REGEXP_ESCAPED = new Set([...".+()$"]);

/** Builds the RE2 source and match type for a cleaned pattern, as patternmatcher's `Pattern.compile` does. */
function compilePattern(pattern: string): { type: MatchType; re2: string } {
  const chars = Array.from(pattern);
  let re2 = "^";
  let type: MatchType = "exact";
  let pos = 0;
  for (let i = 0; pos < chars.length; i++) {
    const ch = chars[pos++] as string;
    if (ch === "*") {
      if (chars[pos] === "*") {
        pos++;
        if (chars[pos] === "/") pos++;
        if (pos >= chars.length) {
          if (type === "exact") {
            type = "prefix";
          } else {
            re2 += ".*";
            type = "regexp";
          }
        } else {
          re2 += "(.*/)?";
          type = "regexp";
        }
        if (i === 0) type = "suffix";
      } else {
        re2 += "[^/]*";
        type = "regexp";
      }
    } else if (ch === "?") {
      re2 += "[^/]";
      type = "regexp";
    } else if (REGEXP_ESCAPED.has(ch)) {
      re2 += "\\" + ch;
    } else if (ch === "\\") {
      const next = chars[pos];
      if (next !== undefined) {
        pos++;
        re2 += "\\" + next;
        type = "regexp";
      } else {
        re2 += "\\";
      }
    } else if (ch === "[" || ch === "]") {
      re2 += ch;
      type = "regexp";
    } else {
      re2 += ch;
    }
  }
  return { type, re2: type === "regexp" ? re2 + "$" : re2 };
}

function newPattern(text: string, exclusion: boolean): Pattern {
  let compiled: { type: MatchType; re: RegExp | undefined } | undefined;
  return {
    text,
    exclusion,
    match(path: string): boolean {
      // Like patternmatcher, compile on first use: an expression Go's regexp rejects fails the match, not New.
      if (compiled === undefined) {
        const { type, re2 } = compilePattern(text);
        compiled = { type, re: type === "regexp" ? translateRe2(re2, text) : undefined };
      }
      switch (compiled.type) {
        case "exact":
          return path === text;
        case "prefix":
          return path.startsWith(text.slice(0, -2));
        case "suffix": {
          const suffix = text.slice(2);
          return path.endsWith(suffix) || (suffix.startsWith("/") && path === suffix.slice(1));
        }
        case "regexp":
          return (compiled.re as RegExp).test(path);
      }
    },
  };
}

const UNCLEAN = /(^|\/)\.{1,2}(\/|$)|\/\/|^\/|\/$/;

/** Parent directories of `path` from the top ("a/b/c" gives "a", "a/b"), split from Go's `filepath.Dir`. */
function parentPrefixes(path: string): string[] {
  let parent: string;
  if (UNCLEAN.test(path)) {
    parent = dirPath(path);
    if (parent === ".") return [];
  } else {
    // Walked paths are already clean: skip the Clean that Dir would do.
    const slash = path.lastIndexOf("/");
    if (slash < 0) return [];
    parent = path.slice(0, slash);
  }
  const out: string[] = [];
  for (let i = parent.indexOf("/"); i >= 0; i = parent.indexOf("/", i + 1)) out.push(parent.slice(0, i));
  out.push(parent);
  return out;
}

/**
 * patternmatcher `New`: compiles patterns (blank ones are dropped).
 * @throws BadPatternError for a lone `!` or a pattern Go's `filepath.Match` rejects.
 */
export function newPatternMatcher(patterns: readonly string[]): PatternMatcher {
  const compiled: Pattern[] = [];
  let exclusions = false;
  for (const raw of patterns) {
    let p = raw.replace(GO_TRIM_SPACE, "");
    if (p === "") continue;
    p = cleanPath(p);
    let exclusion = false;
    if (p.startsWith("!")) {
      if (p.length === 1) throw new BadPatternError("!");
      exclusion = true;
      exclusions = true;
      p = p.slice(1);
    }
    matchGlob(p, ".");
    compiled.push(newPattern(p, exclusion));
  }

  return {
    patterns: compiled,
    exclusions,
    matchesUsingParentResults(path, parent) {
      const parentMatched = parent?.parentMatched ?? [];
      if (parentMatched.length !== 0 && parentMatched.length !== compiled.length) {
        throw new Error("wrong number of values in parentMatched");
      }
      let matched = false;
      const info: boolean[] = new Array<boolean>(compiled.length).fill(false);
      compiled.forEach((pattern, i) => {
        let match = parentMatched[i] ?? false;
        if (!match) {
          // An include already matched, or no exclude matched yet: this pattern cannot change the result.
          if (pattern.exclusion !== matched) return;
          match = pattern.match(path);
          // Without parent results (top-level call), fall back to checking every parent directory.
          if (!match && parentMatched.length === 0) match = parentPrefixes(path).some((d) => pattern.match(d));
        }
        info[i] = match;
        if (match) matched = !pattern.exclusion;
      });
      return { matched, info: { parentMatched: info } };
    },
    matchesOrParentMatches(path) {
      let matched = false;
      let parents: string[] | undefined;
      for (const pattern of compiled) {
        if (pattern.exclusion !== matched) continue;
        const match = pattern.match(path) || (parents ??= parentPrefixes(path)).some((d) => pattern.match(d));
        if (match) matched = !pattern.exclusion;
      }
      return matched;
    },
  };
}

/** fsutil `patternWithoutTrailingGlob`: the pattern text without one trailing `/**` or `/*`. */
export function patternWithoutTrailingGlob(p: Pattern): string {
  let s = p.text;
  if (s.endsWith("/**")) s = s.slice(0, -3);
  if (s.endsWith("/*")) s = s.slice(0, -2);
  return s;
}

type Range = readonly [number, number];

const MAX_RUNE = 0x10ffff;
/** Ranges written as pairs of characters: "09az" is [0-9a-z]. */
const pairs = (s: string): Range[] =>
  Array.from({ length: s.length / 2 }, (_, k) => [s.charCodeAt(2 * k), s.charCodeAt(2 * k + 1)] as const);
// Go regexp's Perl classes are ASCII-only; `\s` is [\t\n\f\r ] (no \v), unlike JavaScript's Unicode `\s`.
const PERL_CLASSES: Record<string, readonly Range[]> = { d: pairs("09"), s: pairs("\t\n\f\r  "), w: pairs("09AZ__az") };
// Go regexp/syntax posixGroup.
const POSIX_CLASSES: Record<string, readonly Range[]> = {
  alnum: pairs("09AZaz"),
  alpha: pairs("AZaz"),
  ascii: pairs("\x00\x7f"),
  blank: pairs("\t\t  "),
  cntrl: pairs("\x00\x1f\x7f\x7f"),
  digit: pairs("09"),
  graph: pairs("!~"),
  lower: pairs("az"),
  print: pairs(" ~"),
  punct: pairs("!/:@[`{~"),
  space: pairs("\t\r  "),
  upper: pairs("AZ"),
  word: pairs("09AZ__az"),
  xdigit: pairs("09AFaf"),
};

function negateRanges(ranges: readonly Range[]): Range[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: Range[] = [];
  let next = 0;
  for (const [lo, hi] of sorted) {
    if (lo > next) out.push([next, lo - 1]);
    next = Math.max(next, hi + 1);
  }
  if (next <= MAX_RUNE) out.push([next, MAX_RUNE]);
  return out;
}

const lit = (r: number): string => `\\u{${r.toString(16)}}`;
const classOf = (ranges: readonly Range[]): string =>
  "[" + ranges.map(([lo, hi]) => (lo === hi ? lit(lo) : `${lit(lo)}-${lit(hi)}`)).join("") + "]";

const isOctal = (c: string | undefined): boolean => c !== undefined && c >= "0" && c <= "7";
const isHex = (c: string | undefined): boolean => c !== undefined && /^[0-9a-fA-F]$/.test(c);

/**
 * Translates the RE2 source patternmatcher generates into a JavaScript RegExp with the same matches on valid UTF-8
 * paths. User text reaches that source almost verbatim (`[`, `]`, `^` and `\x` escapes pass through), so this
 * parses it with Go's rules: `]` first in a class is literal, `]` outside a class is literal, POSIX `[:name:]`
 * classes, Perl `\d\s\w` (ASCII), `\A`, `\z`, `\Q...\E`, octal and `\x` escapes, and `.` never matching `\n`.
 * Unicode classes (`\p{...}`) are not supported and rejected like a syntax error.
 * @throws BadPatternError when Go's regexp would reject the expression (or it uses `\p`).
 */
export function translateRe2(src: string, pattern: string): RegExp {
  const cs = Array.from(src);
  let i = 0;
  const fail = (): never => {
    throw new BadPatternError(pattern);
  };

  // Go regexp/syntax parseEscape: one escaped code point; `i` points at the backslash.
  const escapedRune = (): number => {
    const c = cs[i + 1] ?? fail();
    i += 2;
    const code = c.codePointAt(0) as number;
    if (code < 0x80 && !/[0-9A-Za-z]/.test(c)) return code;
    if (c >= "1" && c <= "7" && !isOctal(cs[i])) fail(); // a backreference, which RE2 does not have
    if (c >= "0" && c <= "7") {
      let r = code - 0x30;
      for (let k = 1; k < 3 && isOctal(cs[i]); k++) r = r * 8 + (cs[i++] as string).charCodeAt(0) - 0x30;
      return r;
    }
    if (c === "x") {
      let hex = "";
      if (cs[i] === "{") {
        i++;
        while (isHex(cs[i])) hex += cs[i++];
        if (cs[i++] !== "}" || hex === "") fail();
      } else {
        for (let k = 0; k < 2; k++) hex += isHex(cs[i]) ? cs[i++] : fail();
      }
      const r = parseInt(hex, 16);
      return r > MAX_RUNE ? fail() : r;
    }
    const simple: Record<string, number> = { a: 7, f: 12, n: 10, r: 13, t: 9, v: 11 };
    return simple[c] ?? fail();
  };

  const perlClass = (): readonly Range[] | undefined => {
    const c = cs[i + 1];
    if (cs[i] !== "\\" || c === undefined) return undefined;
    if (c === "p" || c === "P") fail();
    const base = PERL_CLASSES[c.toLowerCase()];
    if (base === undefined || !/[dswDSW]/.test(c)) return undefined;
    i += 2;
    return c === c.toUpperCase() ? negateRanges(base) : base;
  };

  const parseClass = (): string => {
    i++; // [
    let negated = false;
    if (cs[i] === "^") {
      negated = true;
      i++;
    }
    const ranges: Range[] = [];
    let first = true;
    while (first || cs[i] !== "]") {
      if (i >= cs.length) fail(); // missing closing ]
      first = false;
      if (cs[i] === "[" && cs[i + 1] === ":") {
        const end = cs.indexOf(":", i + 2);
        if (end >= 0 && cs[end + 1] === "]") {
          let name = cs.slice(i + 2, end).join("");
          const neg = name.startsWith("^");
          if (neg) name = name.slice(1);
          const posix = POSIX_CLASSES[name] ?? fail();
          ranges.push(...(neg ? negateRanges(posix) : posix));
          i = end + 2;
          continue;
        }
      }
      const perl = perlClass();
      if (perl !== undefined) {
        ranges.push(...perl);
        continue;
      }
      const one = (): number => {
        if (i >= cs.length) fail();
        if (cs[i] === "\\") return escapedRune();
        return (cs[i++] as string).codePointAt(0) as number;
      };
      const lo = one();
      let hi = lo;
      if (cs[i] === "-" && cs[i + 1] !== undefined && cs[i + 1] !== "]") {
        i++;
        hi = one();
        if (hi < lo) fail();
      }
      ranges.push([lo, hi]);
    }
    i++; // ]
    return classOf(negated ? negateRanges(ranges) : ranges);
  };

  let out = "";
  while (i < cs.length) {
    const c = cs[i] as string;
    if (c === "\\") {
      const next = cs[i + 1] ?? fail();
      const assertion: Record<string, string> = { A: "(?:^)", z: "(?:$)", b: "(?:\\b)", B: "(?:\\B)" };
      if (assertion[next] !== undefined) {
        out += assertion[next];
        i += 2;
      } else if (next === "C") {
        fail();
      } else if (next === "Q") {
        const rest = cs.slice(i + 2);
        let end = rest.findIndex((ch, k) => ch === "\\" && rest[k + 1] === "E");
        if (end < 0) end = rest.length;
        out += rest
          .slice(0, end)
          .map((ch) => lit(ch.codePointAt(0) as number))
          .join("");
        i += 2 + Math.min(end + 2, rest.length);
      } else {
        const perl = perlClass();
        out += perl !== undefined ? classOf(perl) : lit(escapedRune());
      }
    } else if (c === "[") {
      out += parseClass();
    } else if (c === ".") {
      out += "[^\\n]";
      i++;
    } else if (c === "(") {
      out += "(?:";
      i++;
    } else if (c === "{") {
      // Go: `{n}`, `{n,}` or `{n,m}` (no leading zeros, at most 1000) repeats; any other `{` is literal.
      const rep = /^\{(0|[1-9][0-9]*)(,(0|[1-9][0-9]*)?)?\}/.exec(cs.slice(i, i + 24).join(""));
      if (rep === null) {
        out += lit(0x7b);
        i++;
      } else {
        const min = Number(rep[1]);
        const max = rep[2] === undefined ? min : rep[3] === undefined ? -1 : Number(rep[3]);
        if (min > 1000 || max > 1000 || (max >= 0 && min > max)) fail();
        out += rep[0];
        i += rep[0].length;
      }
    } else if (c === "^" || c === "$") {
      // Grouped: Go accepts a repeated assertion (`^{1}`, `^*`), JavaScript only a repeated group.
      out += `(?:${c})`;
      i++;
    } else if (")|*+?".includes(c)) {
      out += c;
      i++;
    } else {
      out += lit(c.codePointAt(0) as number);
      i++;
    }
  }
  try {
    return new RegExp(out, "u");
  } catch {
    return fail();
  }
}
