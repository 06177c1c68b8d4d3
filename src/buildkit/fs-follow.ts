import { lstat, readdir, readlink } from "node:fs/promises";
import { join } from "node:path";
import { basePath, cleanPath, compareUtf8, dirPath, joinPath, matchGlob } from "./fs-gopath.js";

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
export async function followLinks(root: string, paths: readonly string[]): Promise<string[] | undefined> {
  const resolved = new Set<string>();

  const append = async (path: string): Promise<void> => {
    let rest = joinPath(".", path);
    let current = ".";
    for (;;) {
      const slash = rest.indexOf("/");
      const first = slash < 0 ? rest : rest.slice(0, slash);
      current = joinPath(current, first);
      const targets = await readSymlink(root, current, true);
      rest = slash < 0 ? "" : rest.slice(slash + 1);
      if ((rest === "" || targets !== undefined) && resolved.has(current)) return;
      if (targets !== undefined) {
        resolved.add(current);
        for (const target of targets) await append(joinPath(target, rest));
        return;
      }
      if (rest === "") {
        resolved.add(current);
        return;
      }
    }
  };

  for (const p of paths) await append(p);
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
async function readSymlink(root: string, p: string, allowWildcard: boolean): Promise<string[] | undefined> {
  const base = basePath(p);
  if (allowWildcard && containsWildcards(base)) {
    const names = await listDir(root, dirPath(p));
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
      const res = await readSymlink(root, joinPath(dirPath(p), name), false);
      if (res !== undefined) out = [...(out ?? []), ...res];
    }
    return out;
  }

  const rel = cleanPath(p);
  if (rel === "/" || rel === ".") return undefined;
  const abs = join(root, rel);
  try {
    const st = await lstat(abs);
    if (!st.isSymbolicLink()) return undefined;
  } catch (err) {
    if (isNotExist(err)) return undefined;
    throw err;
  }
  let target: string;
  try {
    target = await readlink(abs);
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
async function listDir(root: string, dir: string): Promise<string[] | undefined> {
  const rel = cleanPath(dir);
  const isRoot = rel === "/" || rel === ".";
  const abs = isRoot ? root : join(root, rel);
  if (!isRoot) {
    try {
      if (!(await lstat(abs)).isDirectory()) return undefined;
    } catch (err) {
      if (isNotExist(err)) return undefined;
      throw err;
    }
  }
  try {
    return (await readdir(abs)).sort(compareUtf8);
  } catch (err) {
    if (isRoot || isNotExist(err)) return [];
    throw err;
  }
}
