// A context directory or Dockerfile whose name is not UTF-8, passed on the command line as raw bytes (the way a
// shell passes them): Node reads argv as UTF-8 text, so the name can never be opened; the CLI says so in one line
// naming the flag, instead of "does not exist" or a failure inside BuildKit.
import { execFile } from "node:child_process";
import { mkdtemp, mkdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { REPO_ROOT, loadStackEnv, type StackEnv } from "../helpers/stack-env.js";
import { kilnFailures } from "../standalone/kiln-pipeline.js";

let env: StackEnv;
let top = "";
beforeAll(async () => {
  env = await loadStackEnv();
  top = await mkdtemp(join(tmpdir(), "kiln-non-utf8-paths-"));
  const topBytes = Buffer.from(top);
  // "ctx\xff/Dockerfile" and "ok/Docker\xfefile" exist on disk under those bytes.
  await mkdir(Buffer.concat([topBytes, Buffer.from("/ctx"), Buffer.of(0xff)]));
  await writeFile(
    Buffer.concat([topBytes, Buffer.from("/ctx"), Buffer.of(0xff), Buffer.from("/Dockerfile")]),
    "FROM scratch\n",
  );
  await mkdir(join(top, "ok"));
  await writeFile(join(top, "ok", "Dockerfile"), "FROM scratch\n");
  await writeFile(
    Buffer.concat([topBytes, Buffer.from("/ok/Docker"), Buffer.of(0xfe), Buffer.from("file")]),
    "FROM scratch\n",
  );
});

/** `kiln build ARGS` through sh, so `$'...'`-free printf escapes in ARGS become raw bytes in argv. */
function kilnViaShell(shellArgs: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const script = `exec "${process.execPath}" --import "${join(REPO_ROOT, "node_modules", "tsx", "dist", "loader.mjs")}" "${join(REPO_ROOT, "src", "cli.ts")}" build --driver remote --endpoint "${env.KILN_BUILDKIT_HOST}" ${shellArgs}`;
  return new Promise((resolve) => {
    execFile(
      "/bin/sh",
      ["-c", script],
      { cwd: top, env: { PATH: process.env["PATH"] ?? "", HOME: process.env["HOME"] ?? "/root" }, timeout: 120_000 },
      (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === "number" ? error.code : -1) : 0, stdout, stderr }),
    );
  });
}

describe("paths that are not UTF-8 on the command line", () => {
  test.each([
    ["a context directory", `"$(printf 'ctx\\377')"`, "CONTEXT"],
    ["a Dockerfile name", `--file "$(printf 'ok/Docker\\376file')" ok`, "--file"],
  ])("%s: one line naming the flag, no build", async (_what, args, flag) => {
    const started = Date.now();
    const r = await kilnViaShell(args);
    expect(r.code).toBe(1);
    const lines = r.stderr.trimEnd().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(flag);
    expect(lines[0]).toContain("not valid UTF-8");
    expect(lines[0]).not.toContain("does not exist");
    expect(Date.now() - started).toBeLessThan(60_000);
  });
});

describe("the same paths as action inputs (the pipeline's up-front path checks)", () => {
  // A runner hands inputs over as environment variables, which Node decodes as UTF-8: these are the strings it gets.
  const asNodeReadsIt = (...parts: Buffer[]) => Buffer.concat(parts).toString("utf8");

  test.each([
    ["context", () => ({ context: asNodeReadsIt(Buffer.from(top + "/ctx"), Buffer.of(0xff)) })],
    [
      "file",
      () => ({
        context: join(top, "ok"),
        file: asNodeReadsIt(Buffer.from(top + "/ok/Docker"), Buffer.of(0xfe), Buffer.from("file")),
      }),
    ],
  ])("%s: one failure naming the input", async (input, inputs) => {
    const failures = await kilnFailures({ ...inputs(), driver: "remote", endpoint: env.KILN_BUILDKIT_HOST });
    expect(failures).toHaveLength(1);
    expect(failures[0]!.input).toBe(input);
    expect(failures[0]!.message).toContain("whose name is not valid UTF-8");
  });
});
