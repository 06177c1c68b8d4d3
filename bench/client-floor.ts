import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { median } from "./stats.js";
import { timedRun } from "./timed-run.js";

/** Medians (ms) of one Control.Info call, whole process: a bare grpc-js bundle on a Node, and buildctl. */
export interface ClientFloor {
  readonly nodeGrpcMs: number;
  readonly buildctlMs: number;
}

/**
 * Times the floor under every Node client: bench/floor/info-call.mjs bundled by ncc (as dist/ is), started the way
 * the CLI is (an index.js that turns on the compile cache, kept warm between runs), against `buildctl debug info`,
 * interleaved. A failed call throws; it is never timed.
 */
export async function measureClientFloor(
  repoRoot: string,
  node: string,
  buildctl: string,
  address: string,
  runs: number,
): Promise<ClientFloor> {
  const dir = await mkdtemp(join(tmpdir(), "kiln-bench-floor-"));
  try {
    const { default: ncc } = await import("@vercel/ncc");
    const { code } = await ncc(join(repoRoot, "bench", "floor", "info-call.mjs"), {
      minify: true,
      quiet: true,
      externals: ["@grpc/proto-loader"],
    });
    await writeFile(join(dir, "package.json"), '{"type":"module"}\n');
    await writeFile(join(dir, "body.js"), code);
    await writeFile(
      join(dir, "index.js"),
      'import m from "node:module";\ntry {\n  m.enableCompileCache?.();\n} catch {}\nawait import("./body.js");\n',
    );
    const env = { ...process.env, NODE_COMPILE_CACHE: join(dir, "compile-cache") };
    const nodeMs: number[] = [];
    const buildctlMs: number[] = [];
    const check = (what: string, r: { code: number; stderr: string }): void => {
      if (r.code !== 0) throw new Error(`${what} exited ${r.code}: ${r.stderr.trim()}`);
    };
    // One untimed run each: the compile cache is written, buildctl's binary is in the page cache.
    check("the grpc-js Info call", await timedRun(node, [join(dir, "index.js"), address], { env }));
    check("buildctl debug info", await timedRun(buildctl, ["--addr", address, "debug", "info"]));
    for (let i = 0; i < runs; i++) {
      const n = await timedRun(node, [join(dir, "index.js"), address], { env });
      check("the grpc-js Info call", n);
      nodeMs.push(n.ms);
      const b = await timedRun(buildctl, ["--addr", address, "debug", "info"]);
      check("buildctl debug info", b);
      buildctlMs.push(b.ms);
    }
    return { nodeGrpcMs: median(nodeMs), buildctlMs: median(buildctlMs) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
