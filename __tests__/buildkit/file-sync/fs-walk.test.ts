import { execFileSync } from "node:child_process";
import type { BigIntStats } from "node:fs";
import {
  chmodSync,
  linkSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { BuildkitError, Code } from "../../../src/buildkit/errors.js";
import { bytesToName, nameToBytes } from "../../../src/buildkit/file-sync/byte-names.js";
import { goFileMode, walkDir, type WalkEntry, type WalkOptions } from "../../../src/buildkit/file-sync/fs-walk.js";

// Go io/fs FileMode bits (disjoint, so tables add them: `|` would give a negative int32 with DIR).
const DIR = 0x80000000;
const SYMLINK = 0x08000000;
const DEVICE = 0x04000000;
const NAMED_PIPE = 0x02000000;
const SOCKET = 0x01000000;
const SETUID = 0x00800000;
const SETGID = 0x00400000;
const CHAR_DEVICE = 0x00200000;
const STICKY = 0x00100000;

const temps: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), "kiln-fs-walk-"));
  temps.push(d);
  return d;
}
afterAll(() => {
  for (const d of temps) rmSync(d, { recursive: true, force: true });
});

async function walk(root: string, options: Partial<WalkOptions> = {}): Promise<WalkEntry[]> {
  const out: WalkEntry[] = [];
  for await (const e of walkDir(root, { includePatterns: [], excludePatterns: [], followPaths: [], ...options })) {
    out.push(e);
  }
  return out;
}
const paths = (entries: readonly WalkEntry[]) => entries.map((e) => e.stat.path);
const byPath = (entries: readonly WalkEntry[], p: string): WalkEntry => {
  const e = entries.find((x) => x.stat.path === p);
  if (e === undefined) throw new Error(`${p} not sent`);
  return e;
};

/** A context with every case the walk has to get right (the modes are set after the files are written). */
let root = "";
beforeAll(() => {
  root = tempDir();
  const file = (p: string, data = p) => writeFileSync(join(root, p), data);
  for (const d of [
    "a/b/c",
    "Docs",
    "docs",
    "node_modules/bar",
    "node_modules/foo/lib",
    "real",
    "sp ace",
    "src/deep/er",
  ]) {
    mkdirSync(join(root, d), { recursive: true });
  }
  for (const f of ["A", "Dockerfile", "a/b/g.log", "a/x.go", "a-b", "a.b", "Docs/R.MD", "docs/r.md"]) file(f);
  for (const f of ["node_modules/bar/x.js", "node_modules/foo/lib/i.js", "node_modules/foo/package.json"]) file(f);
  for (const f of ["real/Dockerfile.real", "sp ace/f i", "src/deep/er/z.ts", "src/main.test.ts", "src/main.ts"])
    file(f);
  for (const f of ["é", "\uFF21", "\u{1F600}", ".dockerignore"]) file(f);
  file("a/b/c/f.txt", "hello");
  linkSync(join(root, "a/b/c/f.txt"), join(root, "docs/hard2"));
  linkSync(join(root, "a/b/c/f.txt"), join(root, "src/hard1"));
  symlinkSync("real/Dockerfile.real", join(root, "Dockerfile.sym"));
  symlinkSync("../../etc/passwd", join(root, "outside"));
  symlinkSync("src", join(root, "srclink"));
  execFileSync("mkfifo", [join(root, "fifo")]);
  chmodSync(join(root, "a/x.go"), 0o4755);
  chmodSync(join(root, "src/main.ts"), 0o2644);
  chmodSync(join(root, "docs/r.md"), 0o444);
  chmodSync(join(root, "Docs"), 0o1777);
});

// Go filepath.WalkDir order: pre-order, each directory's names sorted by os.ReadDir (bytes of UTF-8), so "a/..."
// comes before "a-b" and U+FF21 (EF BC A1) before U+1F600 (F0 9F 98 80), unlike UTF-16 order.
const ALL = [
  ".dockerignore",
  "A",
  "Dockerfile",
  "Dockerfile.sym",
  "Docs",
  "Docs/R.MD",
  "a",
  "a/b",
  "a/b/c",
  "a/b/c/f.txt",
  "a/b/g.log",
  "a/x.go",
  "a-b",
  "a.b",
  "docs",
  "docs/hard2",
  "docs/r.md",
  "fifo",
  "node_modules",
  "node_modules/bar",
  "node_modules/bar/x.js",
  "node_modules/foo",
  "node_modules/foo/lib",
  "node_modules/foo/lib/i.js",
  "node_modules/foo/package.json",
  "outside",
  "real",
  "real/Dockerfile.real",
  "sp ace",
  "sp ace/f i",
  "src",
  "src/deep",
  "src/deep/er",
  "src/deep/er/z.ts",
  "src/hard1",
  "src/main.test.ts",
  "src/main.ts",
  "srclink",
  "é",
  "\uFF21",
  "\u{1F600}",
];

describe("walk order and stats", () => {
  test("sends every entry depth-first, names sorted by UTF-8 bytes, the root itself not sent", async () => {
    expect(paths(await walk(root))).toEqual(ALL);
    expect(["\uFF21", "\u{1F600}"].sort()).toEqual(["\u{1F600}", "\uFF21"]); // what UTF-16 order would do
  });

  test.each<[string, number, bigint]>([
    // fsutil stat.go mkstat: Mode = Go FileMode, Size only for non-directories, symlink size = target length.
    ["a", DIR + 0o755, 0n],
    ["Docs", DIR + STICKY + 0o777, 0n],
    ["a/x.go", SETUID + 0o755, 6n],
    ["src/main.ts", SETGID + 0o644, 11n],
    ["docs/r.md", 0o444, 9n],
    ["a/b/c/f.txt", 0o644, 5n],
    ["fifo", NAMED_PIPE + 0o644, 0n],
    ["outside", SYMLINK + 0o777, 16n],
    ["srclink", SYMLINK + 0o777, 3n],
  ])("%s has mode %o and size %d", async (p, mode, size) => {
    const e = byPath(await walk(root), p);
    expect(e.stat.mode).toBe(mode);
    expect(e.stat.size).toBe(size);
  });

  test("every entry is sent as uid 0, gid 0 (buildkit client/solve.go resetUIDAndGID) with no xattrs", async () => {
    for (const e of await walk(root)) {
      expect([e.stat.uid, e.stat.gid, Object.keys(e.stat.xattrs).length]).toEqual([0, 0, 0]);
    }
  });

  test("a symlink pointing outside the root is sent as a link, never followed", async () => {
    const e = byPath(await walk(root), "outside");
    expect(e.stat.linkname).toBe("../../etc/passwd");
    expect([e.source, e.requestable]).toEqual([undefined, false]);
  });

  test("regular files can be requested and point at the resolved root; others cannot", async () => {
    const entries = await walk(root);
    const real = realpathSync(root);
    expect(byPath(entries, "sp ace/f i")).toMatchObject({ source: join(real, "sp ace/f i"), requestable: true });
    for (const p of ["a", "fifo", "srclink"]) {
      expect(byPath(entries, p)).toMatchObject({ source: undefined, requestable: false });
    }
  });

  test("hardlinks: the first path walked keeps the data, later ones name it and keep their size (mkstat)", async () => {
    const entries = await walk(root);
    expect(byPath(entries, "a/b/c/f.txt").stat.linkname).toBe("");
    for (const p of ["docs/hard2", "src/hard1"]) {
      expect(byPath(entries, p).stat).toMatchObject({ linkname: "a/b/c/f.txt", size: 5n });
    }
  });

  test("hardlinks: when the first path is filtered out, the first one sent takes its place (hardlinks.go)", async () => {
    // a/b/c/f.txt is walked (a/b/c is not excluded) but not sent: fsutil HEAD's WithHardlinkReset re-points the
    // others at docs/hard2. (buildx v0.13's fsutil sends the dangling name and the daemon rejects the transfer.)
    const entries = await walk(root, { excludePatterns: ["a/b/c/f.txt"] });
    expect(byPath(entries, "docs/hard2").stat.linkname).toBe("");
    expect(byPath(entries, "src/hard1").stat.linkname).toBe("docs/hard2");
  });

  test("mtime is sent in nanoseconds (ModTime().UnixNano())", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "f"), "");
    execFileSync("touch", ["-h", "-d", "@1672628645.123456789", join(dir, "f")]);
    const [e] = await walk(dir);
    expect(e?.stat.modTime).toBe(1672628645123456789n);
    expect(e?.stat.modTime).toBe(lstatSync(join(dir, "f"), { bigint: true }).mtimeNs);
  });

  test("a socket is sent with its type bit cleared, requestable, with no data to read", async () => {
    const dir = tempDir();
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(join(dir, "sock"), resolve));
    try {
      const [e] = await walk(dir);
      expect(e?.stat.mode).toBe(Number(lstatSync(join(dir, "sock")).mode) & 0o777);
      expect([e?.requestable, e?.source]).toEqual([true, undefined]);
    } finally {
      server.close();
    }
  });

  test("a root given through a symlink is resolved first (fsutil NewFS EvalSymlinks)", async () => {
    const link = join(tempDir(), "ctx");
    symlinkSync(root, link);
    const entries = await walk(link);
    expect(paths(entries)).toEqual(ALL);
    expect(byPath(entries, "A").source).toBe(join(realpathSync(root), "A"));
  });

  test.each([
    ["a missing root", "does-not-exist", Code.NotFound],
    ["a root that is a file", "A", Code.NotFound],
  ])("%s fails", async (_, p, code) => {
    await expect(walk(join(root, p))).rejects.toMatchObject({ code });
  });

  test("an aborted signal stops the walk", async () => {
    const err: unknown = await walk(root, { signal: AbortSignal.abort() }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BuildkitError);
    expect((err as BuildkitError).code).toBe(Code.Canceled);
  });
});

describe("goFileMode", () => {
  // Go os/stat_linux.go fillFileStatFromSys.
  test.each<[string, number, number]>([
    ["regular file", 0o100644, 0o644],
    ["directory", 0o040755, DIR + 0o755],
    ["symlink", 0o120777, SYMLINK + 0o777],
    ["block device", 0o060660, DEVICE + 0o660],
    ["char device", 0o020666, DEVICE + CHAR_DEVICE + 0o666],
    ["named pipe", 0o010644, NAMED_PIPE + 0o644],
    ["socket", 0o140755, SOCKET + 0o755],
    ["setuid+setgid+sticky", 0o107777, SETUID + SETGID + STICKY + 0o777],
  ])("%s", (_, mode, expected) => {
    expect(goFileMode({ mode: BigInt(mode) } as BigIntStats)).toBe(expected);
  });
});

/*
 * Filters. Each expectation follows fsutil filter.go filterFS.Walk with moby/patternmatcher, and was checked against
 * fsutil itself (7525a1a with HEAD's hardlinks.go) walking the same tree.
 */
describe("include, exclude and followpaths", () => {
  const nodeModules = ["node_modules/bar", "node_modules/bar/x.js", "node_modules/foo", "node_modules/foo/lib"];
  const without = (...drop: string[]) => ALL.filter((p) => !drop.includes(p));

  test.each<[string, Partial<WalkOptions>, string[]]>([
    // An excluded directory with no exceptions is not walked (filepath.SkipDir).
    [
      "excluded directory",
      { excludePatterns: ["node_modules"] },
      without("node_modules", ...nodeModules, "node_modules/foo/lib/i.js", "node_modules/foo/package.json"),
    ],
    // An exception below an excluded directory: the directory is walked and sent once something below is.
    [
      "exception below an excluded directory",
      { excludePatterns: ["node_modules", "!node_modules/foo"] },
      without("node_modules/bar", "node_modules/bar/x.js"),
    ],
    // A wildcard exception makes every excluded directory walked (onlyPrefixExcludeExceptions false).
    [
      "wildcard exception",
      { excludePatterns: ["*", "!src/**/*.ts"] },
      ["src", "src/deep", "src/deep/er", "src/deep/er/z.ts", "src/main.test.ts", "src/main.ts"],
    ],
    ["** matches in any directory", { excludePatterns: ["**/*.log", "a/x.go"] }, without("a/b/g.log", "a/x.go")],
    [
      "character class",
      { excludePatterns: ["[Dd]ocs"] },
      without("Docs", "Docs/R.MD", "docs", "docs/hard2", "docs/r.md"),
    ],
    // filepath.Clean drops ".." but keeps a leading "/", which then matches nothing (the daemon strips it first).
    ["./ is cleaned, / is kept", { excludePatterns: ["/a", "./src"] }, ALL.filter((p) => !/^src(\/|$)/.test(p))],
    // Include patterns: a matching directory sends everything below it.
    ["included directory", { includePatterns: ["src"] }, ALL.filter((p) => /^src(\/|$)/.test(p))],
    // Parents of included files are sent lazily; directories no prefix can reach are not walked.
    [
      "included files",
      { includePatterns: ["a/b/c/f.txt", "docs/r.md"] },
      ["a", "a/b", "a/b/c", "a/b/c/f.txt", "docs", "docs/r.md"],
    ],
    ["include glob", { includePatterns: ["src/*.ts"] }, ["src", "src/main.test.ts", "src/main.ts"]],
    ["exception inside includes", { includePatterns: ["a", "!a/b"] }, ["a", "a/x.go"]],
    ["include and exclude", { includePatterns: ["docs"], excludePatterns: ["docs/r.md"] }, ["docs", "docs/hard2"]],
    ["nothing included", { includePatterns: ["nomatch"] }, []],
    // followpaths (followlinks.go FollowLinks): the path itself, plus symlink targets inside the root.
    ["followpaths of the Dockerfile", { followPaths: ["Dockerfile", "Dockerfile.dockerignore"] }, ["Dockerfile"]],
    [
      "followpaths through a symlink",
      { followPaths: ["Dockerfile.sym"] },
      ["Dockerfile.sym", "real", "real/Dockerfile.real"],
    ],
    ["followpaths through a symlinked dir", { followPaths: ["srclink/main.ts"] }, ["src", "src/main.ts", "srclink"]],
    ["followpaths to a target outside the root", { followPaths: ["outside"] }, ["outside"]],
    [
      "followpaths wildcard",
      { followPaths: ["Dockerfile*"] },
      ["Dockerfile", "Dockerfile.sym", "real", "real/Dockerfile.real"],
    ],
    // dedupePaths returns nil when "." is present: no include filter at all.
    ["followpaths of the root", { followPaths: ["."] }, ALL],
    ["include . with followpaths", { includePatterns: ["."], followPaths: ["Dockerfile"] }, ALL],
    [
      "followpaths add to includes",
      { includePatterns: ["docs"], followPaths: ["Dockerfile"] },
      ["Dockerfile", "docs", "docs/hard2", "docs/r.md"],
    ],
  ])("%s", async (_, options, expected) => {
    expect(paths(await walk(root, options))).toEqual(expected);
  });

  test("hardlinks count only walked files: with a/ not walked, docs/hard2 is the first", async () => {
    const entries = await walk(root, { includePatterns: ["docs"], excludePatterns: ["docs/r.md"] });
    expect(byPath(entries, "docs/hard2").stat.linkname).toBe("");
  });

  test("a file the walk sends but fsutil's filtered Open refuses has no source (it arrives empty)", async () => {
    // Walk: MatchesUsingParentResults keeps a/x.go (the third pattern was skipped for "a"); Open:
    // MatchesOrParentMatches re-excludes it through its parent.
    const entries = await walk(root, { excludePatterns: ["a", "!a/x.go", "a"] });
    expect(paths(entries)).toEqual(without("a/b", "a/b/c", "a/b/c/f.txt", "a/b/g.log"));
    expect(byPath(entries, "a/x.go")).toMatchObject({ source: undefined, requestable: true });
  });

  test.each([
    ["a lone !", { excludePatterns: ["!"] }],
    ["a bad glob", { excludePatterns: ["[a-"] }],
    ["a bad include", { includePatterns: ["a\\"] }],
  ])("%s fails with InvalidArgument", async (_, options) => {
    await expect(walk(root, options)).rejects.toMatchObject({ code: Code.InvalidArgument });
  });
});

describe("names that are not valid UTF-8 (bytes, as fsutil sends them)", () => {
  const raw = (s: string, ...tail: number[]) => Buffer.from([...Buffer.from(s), ...tail]);
  let ctx = "";
  let ctxBytes = Buffer.alloc(0);
  const at = (...parts: Buffer[]) => Buffer.concat([ctxBytes, ...parts.flatMap((p) => [Buffer.from("/"), p])]);
  beforeAll(() => {
    ctx = realpathSync(tempDir());
    ctxBytes = Buffer.from(ctx);
    writeFileSync(at(raw("f", 0xff, 0x2e, 0x74, 0x78, 0x74)), "latin");
    mkdirSync(at(raw("d", 0xe9)));
    writeFileSync(at(raw("d", 0xe9), raw("inner")), "inner");
    writeFileSync(join(ctx, "plain"), "plain");
    linkSync(at(raw("f", 0xff, 0x2e, 0x74, 0x78, 0x74)), join(ctx, "zz-hard"));
    symlinkSync(at(raw("target", 0xfe)), join(ctx, "link"));
  });

  const wire = (e: WalkEntry) => nameToBytes(e.stat.path);

  test("every entry is sent with its raw bytes, sorted byte-wise, and its data can be read", async () => {
    const entries = await walk(ctx);
    expect(entries.map(wire)).toEqual([
      raw("d", 0xe9),
      raw("d", 0xe9, 0x2f, ...Buffer.from("inner")),
      raw("f", 0xff, 0x2e, 0x74, 0x78, 0x74),
      raw("link"),
      raw("plain"),
      raw("zz-hard"),
    ]);
    const file = entries[2] as WalkEntry;
    expect(readFileSync(file.source as Buffer, "utf8")).toBe("latin");
    expect(readFileSync((entries[1] as WalkEntry).source as Buffer, "utf8")).toBe("inner");
    expect(nameToBytes(byPath(entries, "link").stat.linkname)).toEqual(at(raw("target", 0xfe)));
    // The hardlink's first path is the non-UTF-8 file; it goes out as bytes too.
    expect(nameToBytes(byPath(entries, "zz-hard").stat.linkname)).toEqual(raw("f", 0xff, 0x2e, 0x74, 0x78, 0x74));
  });

  test.each([
    ["a glob", ["f*.txt"]],
    [
      "the exact name (percent-escaped by the daemon, decoded to the same bytes)",
      [bytesToName(raw("f", 0xff, 0x2e, 0x74, 0x78, 0x74))],
    ],
    ["`?` matching the one invalid byte", ["f?.txt"]],
  ])("an excluded non-UTF-8 name: %s", async (_what, excludePatterns) => {
    const sent = (await walk(ctx, { excludePatterns })).map((e) => e.stat.path);
    expect(sent).toEqual(["d\udce9", "d\udce9/inner", "link", "plain", "zz-hard"]);
  });

  test("an exact pattern for a different invalid byte does not match (no collapse to U+FFFD)", async () => {
    const sent = (await walk(ctx, { excludePatterns: [bytesToName(raw("f", 0xfe, 0x2e, 0x74, 0x78, 0x74))] })).length;
    expect(sent).toBe(6);
  });

  test("a directory with a non-UTF-8 name excluded by a glob is pruned with what it holds", async () => {
    const sent = (await walk(ctx, { excludePatterns: ["d?"] })).map((e) => e.stat.path);
    expect(sent).toEqual(["f\udcff.txt", "link", "plain", "zz-hard"]);
  });
});

describe("followpaths through names that are not valid UTF-8", () => {
  test("a link and its target, both non-UTF-8, are resolved and sent as bytes", async () => {
    const ctx = realpathSync(tempDir());
    const at = (...parts: number[][]) =>
      Buffer.concat([Buffer.from(ctx), ...parts.flatMap((p) => [Buffer.from("/"), Buffer.from(p)])]);
    mkdirSync(at([0x64, 0xe9]));
    writeFileSync(at([0x64, 0xe9], [...Buffer.from("in")]), "in");
    symlinkSync(Buffer.from([0x64, 0xe9]), at([0x6c, 0xff]));
    writeFileSync(join(ctx, "other"), "other");
    const entries = await walk(ctx, { followPaths: [bytesToName(Buffer.from([0x6c, 0xff]))] });
    expect(entries.map((e) => nameToBytes(e.stat.path))).toEqual([
      Buffer.from([0x64, 0xe9]),
      Buffer.from([0x64, 0xe9, 0x2f, ...Buffer.from("in")]),
      Buffer.from([0x6c, 0xff]),
    ]);
  });
});
