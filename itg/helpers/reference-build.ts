import { execFile } from "node:child_process";
import { relative } from "node:path";
import type { CorpusCase } from "../buildkit/corpus.js";

export interface ReferenceResult {
  readonly output: string;
  readonly ms: number;
}

/**
 * Builds a case with `docker buildx build` (the reference client), pushing `ref` reproducibly.
 * buildx 0.13.1's docker driver follows a push with "pushing <ref> with docker", which fails with
 * "tag does not exist" when store=false although BuildKit already pushed the index; that one failure is
 * accepted (and the caller reads the registry to prove the push happened).
 */
export function buildxBuild(
  c: CorpusCase,
  ref: string,
  epoch: number,
  extraArgs: readonly string[] = [],
): Promise<ReferenceResult> {
  const args = [
    "buildx",
    "build",
    "--progress=plain",
    "--platform",
    c.platforms.join(","),
    "-f",
    c.dockerfile,
    "--provenance=mode=max",
    // The docker driver prefers an image in the daemon's store over the registry's; Kiln's side pulls, so the
    // reference does too, or a stale local copy of the base image makes the digests differ.
    "--pull",
  ];
  for (const [k, v] of Object.entries(c.buildArgs ?? {})) args.push("--build-arg", `${k}=${v}`);
  for (const [id, src] of Object.entries(c.secretFiles ?? {})) args.push("--secret", `id=${id},src=${src}`);
  for (const [name, value] of Object.entries(c.namedContexts ?? {})) args.push("--build-context", `${name}=${value}`);
  if (c.target) args.push("--target", c.target);
  args.push(
    "--output",
    `type=image,name=${ref},push=true,rewrite-timestamp=true,store=false`,
    ...extraArgs,
    relative(process.cwd(), c.context) || ".",
  );
  const started = Date.now();
  return new Promise((resolve, reject) => {
    execFile(
      "docker",
      args,
      { env: { ...process.env, SOURCE_DATE_EPOCH: String(epoch) }, maxBuffer: 64 * 1024 * 1024 },
      (err, stdout, stderr) => {
        const output = `${stdout}${stderr}`;
        const ms = Date.now() - started;
        if (err && !/pushing .* with docker[\s\S]*tag does not exist/.test(output)) {
          reject(new Error(`docker buildx build failed for ${c.name}:\n${output.slice(-4000)}`));
        } else resolve({ output, ms });
      },
    );
  });
}

export function pruneAll(): Promise<void> {
  return new Promise((resolve, reject) =>
    execFile("docker", ["buildx", "prune", "-af"], (err, _o, stderr) =>
      err ? reject(new Error(`prune failed: ${stderr}`)) : resolve(),
    ),
  );
}
