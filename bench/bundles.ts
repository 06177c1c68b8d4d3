import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { access, cp, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** The Kiln bundles one bench invocation measures, copied so a rebuild of dist/ mid-run changes nothing. */
export interface KilnBundles {
  /** dist/cli/index.js, copied. */
  readonly cli: string;
  /** dist/main/index.js, copied (the action's `main`). */
  readonly main: string;
  /** "<HEAD>, cli <sha256 prefix>, main <sha256 prefix>", with a note when dist/ differs from HEAD. */
  readonly revision: string;
  readonly dispose: () => Promise<void>;
}

function git(repoRoot: string, args: readonly string[]): Promise<string> {
  return new Promise((resolve) =>
    execFile("git", ["-C", repoRoot, ...args], (err, stdout) => resolve(err ? "" : stdout.trim())),
  );
}

async function digest(path: string): Promise<string> {
  return createHash("sha256")
    .update(await readFile(path))
    .digest("hex")
    .slice(0, 12);
}

/** Copies dist/cli and dist/main (each is self-contained: the bundle and its proto/ files) into a temp dir. */
export async function snapshotBundles(repoRoot: string): Promise<KilnBundles> {
  for (const entry of ["cli", "main"]) {
    const path = join(repoRoot, "dist", entry, "index.js");
    await access(path).catch((cause: unknown) => {
      throw new Error(`${path} is missing: run \`npm run build\` first`, { cause });
    });
  }
  const dir = await mkdtemp(join(tmpdir(), "kiln-bench-dist-"));
  await cp(join(repoRoot, "dist", "cli"), join(dir, "cli"), { recursive: true });
  await cp(join(repoRoot, "dist", "main"), join(dir, "main"), { recursive: true });
  const cli = join(dir, "cli", "index.js");
  const main = join(dir, "main", "index.js");
  const [head, dirty] = await Promise.all([
    git(repoRoot, ["rev-parse", "--short", "HEAD"]),
    git(repoRoot, ["status", "--porcelain", "--", "dist"]),
  ]);
  const revision =
    `${head || "unknown commit"}${dirty ? " (dist/ has uncommitted changes)" : ""}, ` +
    `cli ${await digest(join(dir, "cli", "body.js"))}, main ${await digest(join(dir, "main", "body.js"))} ` +
    "(sha256 prefixes of the bundles; index.js only enables the compile cache and imports body.js)";
  return { cli, main, revision, dispose: () => rm(dir, { recursive: true, force: true }) };
}
