import { lstatSync, readdirSync, readlinkSync } from "node:fs";
import { join } from "node:path";
import { BuildkitError, Code } from "../errors.js";
import { basePath, cleanPath, compareUtf8, dirPath, joinPath, matchGlob } from "./fs-gopath.js";
import { newPatternMatcher, patternWithoutTrailingGlob, type MatchInfo, type PatternMatcher } from "./fs-patterns.js";
import { messageOf } from "../../shared/message-of.js";
import { bytesToName, nameToBytes } from "./byte-names.js";

/**
 * fsutil's FilterFS (filter.go) as the session provider configures it, and `FollowLinks` (followlinks.go), both
 * unchanged in behaviour from the copy buildx v0.13.1 vendors (7525a1a) to HEAD.
 */

/** The DiffCopy filter options, as the session provider reads them from the call metadata. */
export interface FilterOptions {
  readonly includePatterns: readonly string[];
  readonly excludePatterns: readonly string[];
  readonly followPaths: readonly string[];
}

export interface Filter {
  readonly include: PatternMatcher | undefined;
  readonly exclude: PatternMatcher | undefined;
  /** Include patterns (without trailing glob, plus "/") that may match below a directory; undefined: walk all. */
  readonly includePrefixes: readonly string[] | undefined;
  /** Exclude exceptions likewise; undefined: walk every excluded directory. */
  readonly exceptionPrefixes: readonly string[] | undefined;
}

// fsutil filter.go: a pattern containing one of these (after its trailing glob) can match anywhere.
const PATTERN_CHARS = /[*[\]?^\\]/;

/** fsutil `NewFilterFS` for the session's options: followpaths join the includes, matchers are compiled. */
export function newFilter(root: string, options: FilterOptions): Filter {
  let includes: readonly string[] | undefined = options.includePatterns;
  if (options.followPaths.length > 0) {
    let targets: string[] | undefined;
    try {
      targets = followLinks(root, options.followPaths);
    } catch (cause) {
      throw new BuildkitError(`failed to resolve followpaths in ${root}: ${messageOf(cause)}`, Code.Unknown, { cause });
    }
    if (targets !== undefined) includes = dedupePaths([...includes, ...targets]);
  }
  const compile = (patterns: readonly string[], kind: string): PatternMatcher => {
    try {
      return newPatternMatcher(patterns);
    } catch (cause) {
      throw new BuildkitError(`failed to compile ${kind}: ${messageOf(cause)}`, Code.InvalidArgument, { cause });
    }
  };
  const include = includes !== undefined && includes.length > 0 ? compile(includes, "includepatterns") : undefined;
  const exclude = options.excludePatterns.length > 0 ? compile(options.excludePatterns, "excludepatterns") : undefined;

  const prefixes = (m: PatternMatcher | undefined, exceptions: boolean): string[] | undefined => {
    if (m === undefined) return [];
    const relevant = m.patterns.filter((p) => p.exclusion === exceptions);
    const stems = relevant.map((p) => patternWithoutTrailingGlob(p));
    return stems.some((s) => PATTERN_CHARS.test(s)) ? undefined : stems.map((s) => s + "/");
  };
  return { include, exclude, includePrefixes: prefixes(include, false), exceptionPrefixes: prefixes(exclude, true) };
}

export interface Decision {
  readonly prune: boolean;
  readonly skip: boolean;
  readonly include: MatchInfo | undefined;
  readonly exclude: MatchInfo | undefined;
}

const PRUNE: Decision = { prune: true, skip: true, include: undefined, exclude: undefined };

function matchOrThrow(m: PatternMatcher, path: string, parent: MatchInfo | undefined, kind: string) {
  try {
    return m.matchesUsingParentResults(path, parent);
  } catch (cause) {
    throw new BuildkitError(`failed to match ${kind}: ${messageOf(cause)}`, Code.InvalidArgument, { cause });
  }
}

/**
 * fsutil filterFS.Walk's per-entry decision: `prune` skips a directory without reading it (filepath.SkipDir),
 * `skip` walks it but sends it only if something below is sent.
 */
export function decide(f: Filter, path: string, isDir: boolean, parent: Decision | undefined): Decision {
  let skip = false;
  let include: MatchInfo | undefined;
  let exclude: MatchInfo | undefined;
  const below = (prefixes: readonly string[]) => prefixes.some((p) => p.startsWith(path + "/"));
  if (f.include !== undefined) {
    const r = matchOrThrow(f.include, path, parent?.include, "includepatterns");
    include = r.info;
    if (!r.matched) {
      if (isDir && f.includePrefixes !== undefined && !below(f.includePrefixes)) return PRUNE;
      skip = true;
    }
  }
  if (f.exclude !== undefined) {
    const r = matchOrThrow(f.exclude, path, parent?.exclude, "excludepatterns");
    exclude = r.info;
    if (r.matched) {
      if (isDir && f.exceptionPrefixes !== undefined) {
        if (!f.exclude.exclusions || !below(f.exceptionPrefixes)) return PRUNE;
      }
      skip = true;
    }
  }
  return { prune: false, skip, include, exclude };
}

/** fsutil filterFS.Open: the file is refused when the include filter or the exclude filter says so. */
export function openRefused(f: Filter, path: string): boolean {
  return (
    (f.include !== undefined && !f.include.matchesOrParentMatches(path)) ||
    (f.exclude !== undefined && f.exclude.matchesOrParentMatches(path))
  );
}

/**
 * fsutil `FollowLinks` (followlinks.go, unchanged from the v0.13 vendored copy to HEAD): resolves the daemon's
 * `followpaths` against the directory so that they can be added to the include patterns. Each path is walked
 * component by component; a component that is a symlink (or a wildcard matching symlinks) is replaced by its
 * target, kept relative to the root (absolute and escaping targets are re-rooted, the way `filepath.Join("/", ...)`
 * does), and both the link and the target end up in the result. Paths that do not exist are kept as they are.
 *
 * @returns the sorted, de-duplicated paths, or undefined when one of them resolves to the root itself (fsutil's
 *   `dedupePaths` then returns nil, and no include pattern is added).
 */
export function followLinks(root: string, paths: readonly string[]): string[] | undefined {
  const resolved = new Set<string>();

  const append = (path: string): void => {
    let rest = joinPath(".", path);
    let current = ".";
    for (;;) {
      const slash = rest.indexOf("/");
      const first = slash < 0 ? rest : rest.slice(0, slash);
      current = joinPath(current, first);
      const targets = readSymlink(root, current, true);
      rest = slash < 0 ? "" : rest.slice(slash + 1);
      if ((rest === "" || targets !== undefined) && resolved.has(current)) return;
      if (targets !== undefined) {
        resolved.add(current);
        for (const target of targets) append(joinPath(target, rest));
        return;
      }
      if (rest === "") {
        resolved.add(current);
        return;
      }
    }
  };

  for (const p of paths) append(p);
  return dedupePaths([...resolved].sort(compareUtf8));
}

/**
 * fsutil `dedupePaths`: drops paths below the previously kept one (input is expected sorted, and is not always:
 * NewFilterFS also runs it over include patterns followed by the followpaths targets). A `.` anywhere means
 * "everything", returned as undefined (Go's nil). The first comparison is against "/", so a leading-slash path
 * is dropped when it comes first.
 */
export function dedupePaths(paths: readonly string[]): string[] | undefined {
  const out: string[] = [];
  let last = "";
  for (const p of paths) {
    if (p === ".") return undefined;
    if (p.startsWith(last + "/")) continue;
    out.push(p);
    last = p;
  }
  return out;
}

/** fsutil `containsWildcards`: an unescaped `*`, `?` or `[`. */
function containsWildcards(name: string): boolean {
  for (let i = 0; i < name.length; i++) {
    const ch = name[i];
    if (ch === "\\") i++;
    else if (ch === "*" || ch === "?" || ch === "[") return true;
  }
  return false;
}

function isNotExist(err: unknown): boolean {
  const code = (err as { code?: unknown }).code;
  return code === "ENOENT" || code === "ENOTDIR";
}

/** fsutil `readSymlink`: the target(s) of `p` relative to the root, or undefined when `p` is not a symlink. */
function readSymlink(root: string, p: string, allowWildcard: boolean): string[] | undefined {
  const base = basePath(p);
  if (allowWildcard && containsWildcards(base)) {
    const names = listDir(root, dirPath(p));
    if (names === undefined) return undefined;
    let out: string[] | undefined;
    for (const name of names) {
      let ok = false;
      try {
        ok = matchGlob(base, name);
      } catch {
        ok = false;
      }
      if (!ok) continue;
      const res = readSymlink(root, joinPath(dirPath(p), name), false);
      if (res !== undefined) out = [...(out ?? []), ...res];
    }
    return out;
  }

  const rel = cleanPath(p);
  if (rel === "/" || rel === ".") return undefined;
  // Names are escaped strings (byte-names.ts); the system gets their bytes.
  const abs = nameToBytes(join(root, rel));
  try {
    const st = lstatSync(abs);
    if (!st.isSymbolicLink()) return undefined;
  } catch (err) {
    if (isNotExist(err)) return undefined;
    throw err;
  }
  let target: string;
  try {
    target = bytesToName(readlinkSync(abs, { encoding: "buffer" }));
  } catch (err) {
    if (isNotExist(err)) return undefined;
    throw err;
  }
  const link = cleanPath(target);
  if (link.startsWith("/")) return [link];
  return [joinPath("/", joinPath(dirPath(p), link))];
}

/**
 * fsutil `readDir` through `FS.Walk`: sorted names in `dir`; undefined when it is missing or not a directory.
 * Listing the root itself never fails (fsutil's walker ignores errors on the root).
 */
function listDir(root: string, dir: string): string[] | undefined {
  const rel = cleanPath(dir);
  const isRoot = rel === "/" || rel === ".";
  const abs = nameToBytes(isRoot ? root : join(root, rel));
  if (!isRoot) {
    try {
      if (!lstatSync(abs).isDirectory()) return undefined;
    } catch (err) {
      if (isNotExist(err)) return undefined;
      throw err;
    }
  }
  try {
    return readdirSync(abs, { encoding: "buffer" }).sort(Buffer.compare).map(bytesToName);
  } catch (err) {
    if (isRoot || isNotExist(err)) return [];
    throw err;
  }
}
