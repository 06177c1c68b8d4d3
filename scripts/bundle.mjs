// Builds the committed bundles in dist/: TypeScript with tsc, then one self-contained file per entry point with
// @vercel/ncc, so the action runs on a runner with nothing installed.
//
// ncc's module IDs are derived from absolute paths, so the same sources bundled from two checkouts at different
// paths differ byte for byte. Bundling always happens from one fixed staging directory (compiled output plus a
// hard-linked node_modules, ncc included), which makes dist/ the same wherever the repository lives and lets CI diff it.
import { execFileSync } from "node:child_process";
import { rmSync, mkdirSync, writeFileSync, copyFileSync, realpathSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { createRequire } from "node:module";

const root = join(import.meta.dirname, "..");
const stage = join(tmpdir(), "kiln-dist-stage");
const entries = { main: "action/main.js", post: "action/post.js", cli: "cli.js" };

// One bundling at a time on a machine: the staging directory is fixed, so two checkouts bundling at once would
// delete each other's stage. A lock directory, taken with mkdir (atomic), waited for up to five minutes.
const lock = `${stage}.lock`;
for (let waited = 0; ; waited += 200) {
  try {
    mkdirSync(lock);
    break;
  } catch (err) {
    if (err.code !== "EEXIST" || waited > 300_000) throw err;
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
  }
}
process.on("exit", () => rmSync(lock, { recursive: true, force: true }));

rmSync(stage, { recursive: true, force: true });
mkdirSync(stage, { recursive: true });
execFileSync(
  join(root, "node_modules/.bin/tsc"),
  ["-p", join(root, "tsconfig.build.json"), "--outDir", join(stage, "build")],
  {
    stdio: "inherit",
  },
);
execFileSync("cp", ["-al", realpathSync(join(root, "node_modules")), join(stage, "node_modules")]);
copyFileSync(join(root, "package.json"), join(stage, "package.json"));

// ncc's loaders are part of every module identifier, so ncc itself is loaded from the stage as well.
const { default: ncc } = await import(
  pathToFileURL(createRequire(join(stage, "package.json")).resolve("@vercel/ncc")).href
);

const cwd = process.cwd();
process.chdir(stage);
try {
  rmSync(join(root, "dist"), { recursive: true, force: true });
  for (const [name, entry] of Object.entries(entries)) {
    const { code, assets } = await ncc(join(stage, "build", entry), {
      minify: true,
      sourceMap: false,
      quiet: true,
      target: "es2022",
      license: "licenses.txt",
    });
    const out = join(root, "dist", name);
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, "index.js"), name === "cli" ? `#!/usr/bin/env node\n${code}` : code, { mode: 0o755 });
    for (const [file, asset] of Object.entries(assets ?? {})) {
      mkdirSync(join(out, file, ".."), { recursive: true });
      writeFileSync(join(out, file), asset.source);
    }
    writeFileSync(join(out, "package.json"), JSON.stringify({ type: "module" }) + "\n");
  }
} finally {
  process.chdir(cwd);
  rmSync(stage, { recursive: true, force: true });
}
