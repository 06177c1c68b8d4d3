import { afterAll, beforeAll, expect, test } from "vitest";
import { chmod, lstat, mkdtemp, readFile, readdir, readlink, stat, symlink, writeFile, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BuildkitClient, parseAddress } from "../../src/buildkit/index.js";
import { contextWith, dockerfileSolve } from "../helpers/build-fixture.js";
import { loadStackEnv, type StackEnv } from "../helpers/stack-env.js";

let env: StackEnv;
let client: BuildkitClient;

beforeAll(async () => {
  env = await loadStackEnv();
  client = await BuildkitClient.connect(parseAddress(env.KILN_BUILDKIT_HOST)!);
});

afterAll(async () => {
  await client?.close();
});

/** Outside the export directory: what a link left in `dest` points at; nothing may change here. */
async function outside(): Promise<{ dir: string; file: string }> {
  const root = await mkdtemp(join(tmpdir(), "kiln-outside-"));
  const dir = join(root, "dir");
  await mkdir(dir);
  await chmod(dir, 0o700);
  const file = join(root, "file");
  await writeFile(file, "original\n");
  return { dir, file };
}

/** A scratch image holding a directory `esc/` (with a file) and a file `escf`, exported from the Dockerfile. */
async function exportContext(): Promise<string> {
  return contextWith({
    Dockerfile: `FROM scratch\nCOPY esc /esc\nCOPY escf /escf\n`,
    "esc/pwned.txt": "from the export\n",
    escf: "the exported file\n",
  });
}

// Found by fault injection: a first export left `esc -> /some/dir` and `escf -> /some/file` in dest; the second
// export wrote /some/dir/pwned.txt, chmod-ed /some/dir and overwrote /some/file, and dest kept the old links.
test("type=local export: links already in dest are replaced, nothing outside dest changes", async () => {
  const target = await outside();
  const dest = await mkdtemp(join(tmpdir(), "kiln-dest-"));
  await symlink(target.dir, join(dest, "esc"));
  await symlink(target.file, join(dest, "escf"));
  const ctx = await exportContext();
  await client.solve(dockerfileSolve(ctx, { exporters: [{ type: "local", attrs: {}, dest }] }));

  expect(await readdir(target.dir)).toEqual([]);
  expect((await stat(target.dir)).mode & 0o777).toBe(0o700);
  expect(await readFile(target.file, "utf8")).toBe("original\n");
  expect((await lstat(join(dest, "esc"))).isDirectory()).toBe(true);
  expect(await readFile(join(dest, "esc", "pwned.txt"), "utf8")).toBe("from the export\n");
  expect((await lstat(join(dest, "escf"))).isFile()).toBe(true);
  expect(await readFile(join(dest, "escf"), "utf8")).toBe("the exported file\n");
  // No temporary names left behind.
  expect((await readdir(dest)).sort()).toEqual(["esc", "escf"]);
}, 120_000);

test("type=local export: a link the export itself holds is written as a link, not followed", async () => {
  const target = await outside();
  const dest = await mkdtemp(join(tmpdir(), "kiln-dest-"));
  const ctx = await contextWith({
    Dockerfile: `FROM ${env.KILN_BASE_IMAGE} AS b\nRUN mkdir /out && ln -s ${target.file} /out/l && ln -s ${target.dir} /out/d\nFROM scratch\nCOPY --from=b /out /\n`,
  });
  await client.solve(dockerfileSolve(ctx, { exporters: [{ type: "local", attrs: {}, dest }] }));
  expect(await readlink(join(dest, "l"))).toBe(target.file);
  expect(await readlink(join(dest, "d"))).toBe(target.dir);
  expect(await readFile(target.file, "utf8")).toBe("original\n");
  expect(await readdir(target.dir)).toEqual([]);
}, 120_000);

test("type=tar export: a link at dest is replaced by the archive, its target unchanged", async () => {
  const target = await outside();
  const destDir = await mkdtemp(join(tmpdir(), "kiln-dest-"));
  const dest = join(destDir, "out.tar");
  await symlink(target.file, dest);
  const ctx = await exportContext();
  await client.solve(dockerfileSolve(ctx, { exporters: [{ type: "tar", attrs: {}, dest }] }));
  expect(await readFile(target.file, "utf8")).toBe("original\n");
  expect((await lstat(dest)).isFile()).toBe(true);
  expect((await readFile(dest)).includes("the exported file")).toBe(true);
  expect(await readdir(destDir)).toEqual(["out.tar"]);
}, 120_000);
