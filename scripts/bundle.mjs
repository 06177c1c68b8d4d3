// Builds the committed bundles in dist/: TypeScript to build/ with tsc, then one self-contained file per
// entry point with @vercel/ncc, so the action runs on a runner with nothing installed.
import { execFileSync } from "node:child_process";
import { rmSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ncc from "@vercel/ncc";

const root = join(import.meta.dirname, "..");
const entries = { main: "action/main.js", post: "action/post.js", cli: "cli.js" };

rmSync(join(root, "build"), { recursive: true, force: true });
execFileSync(join(root, "node_modules/.bin/tsc"), ["-p", join(root, "tsconfig.build.json")], { stdio: "inherit" });
rmSync(join(root, "dist"), { recursive: true, force: true });

for (const [name, entry] of Object.entries(entries)) {
  const { code, assets } = await ncc(join(root, "build", entry), {
    minify: false,
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
rmSync(join(root, "build"), { recursive: true, force: true });
