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

// Each dist/<entry>/index.js only turns on Node's compile cache (module.enableCompileCache: Node >= 22.1, the
// action's node24; absent on Node 20, where this does nothing) and then imports the bundle, body.js. Enabled
// inside the bundle it would come too late: the bundle is compiled before its first line runs. With the cache
// warm (the CLI's second run, a self-hosted runner's next job: it lives under os.tmpdir() unless NODE_COMPILE_CACHE
// says otherwise) the main bundle reached its first gRPC call in 129 ms instead of 186 (Node 24.22, medians of 8);
// the run that writes the cache was no slower. A cache that cannot be written only costs speed, hence the catch.
const wrapper =
  'import nodeModule from "node:module";\n' +
  "try {\n  nodeModule.enableCompileCache?.();\n} catch {}\n" +
  'await import("./body.js");\n';

// esbuild (already in the tree through tsx and vitest; pinned as a devDependency) minifies the chunk files. A chunk's
// exports (id, ids, modules) are how the entry finds it; esbuild keeps export names.
async function minifyChunk(file, source) {
  const { transform } = await import("esbuild");
  const { code } = await transform(String(source), {
    format: "esm",
    target: "es2022",
    minify: true,
    legalComments: "none",
    sourcefile: file,
  });
  return code;
}

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
      // grpc-js requires @grpc/proto-loader (and through it protobufjs) only to serve channelz and ORCA, which a
      // client never does: left out, each bundle is ~120 KB (and three directories of .proto assets) smaller, and
      // that much less is parsed before the first gRPC call.
      externals: ["@grpc/proto-loader"],
      minify: true,
      sourceMap: false,
      quiet: true,
      target: "es2022",
      license: "licenses.txt",
    });
    const out = join(root, "dist", name);
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, "body.js"), code);
    writeFileSync(join(out, "index.js"), name === "cli" ? `#!/usr/bin/env node\n${wrapper}` : wrapper, { mode: 0o755 });
    for (const [file, asset] of Object.entries(assets ?? {})) {
      mkdirSync(join(out, file, ".."), { recursive: true });
      // ncc minifies only the entry's code; the chunks that dynamic imports load (the solve's modules, the
      // runner cache, the artifact client) come out as written, comments and all, and are parsed at run time too.
      const source = file.endsWith(".js") ? await minifyChunk(file, asset.source) : asset.source;
      writeFileSync(join(out, file), source);
    }
    writeFileSync(join(out, "package.json"), JSON.stringify({ type: "module" }) + "\n");
  }
} finally {
  process.chdir(cwd);
  rmSync(stage, { recursive: true, force: true });
}
