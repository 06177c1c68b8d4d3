// The second reference client: BuildKit's own `buildctl` (the stack's standalone v0.26.3) against a buildkitd
// address, building a case the way `docker buildx build` does (itg/helpers/reference-build.ts): Dockerfile
// frontend, SOURCE_DATE_EPOCH as a build argument, max-mode provenance, a reproducible push. The digest comes
// from the exporter's response (`--metadata-file`), never from a run that failed.
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { CorpusCase } from "../buildkit/corpus.js";
import type { StackEnv } from "./stack-env.js";

/** A build case: the corpus's own type, so every corpus case builds with buildctl as it is. */
export type BuildctlCase = CorpusCase;

/** Where buildctl connects, and with which client TLS material (tcp:// with mTLS). */
export interface BuildkitAddress {
  /** Absolute path of buildctl. */
  readonly buildctl: string;
  /** unix:///... or tcp://host:port */
  readonly addr: string;
  readonly tls?: {
    readonly ca: string;
    readonly cert?: string;
    readonly key?: string;
    readonly serverName?: string;
  };
}

/** The stack's standalone buildkitd: on its unix socket, or on loopback TCP with the stack's client certificate. */
export function stackBuildkit(env: StackEnv, via: "unix" | "tcp" = "unix"): BuildkitAddress {
  if (via === "unix") return { buildctl: env.KILN_BUILDCTL, addr: env.KILN_BUILDKIT_HOST };
  return {
    buildctl: env.KILN_BUILDCTL,
    addr: env.KILN_BUILDKIT_TCP,
    tls: { ca: env.KILN_BUILDKIT_TLS_CA, cert: env.KILN_BUILDKIT_TLS_CERT, key: env.KILN_BUILDKIT_TLS_KEY },
  };
}

/** buildctl's global flags for `target`: --addr and the TLS files. */
export function buildctlGlobalArgs(target: BuildkitAddress): string[] {
  const args = ["--addr", target.addr];
  if (target.tls) {
    args.push("--tlscacert", target.tls.ca);
    if (target.tls.cert) args.push("--tlscert", target.tls.cert);
    if (target.tls.key) args.push("--tlskey", target.tls.key);
    if (target.tls.serverName) args.push("--tlsservername", target.tls.serverName);
  }
  return args;
}

export interface BuildctlOptions {
  /** The `attest:provenance` value; default "mode=max" (buildx `--provenance=mode=max`); false for none. */
  readonly provenance?: string | false;
  /** The `attest:sbom` value (e.g. "generator=<image>"); default none. */
  readonly sbom?: string;
  /** Resolve FROM images from the registry (buildx `--pull`); default true. */
  readonly pull?: boolean;
  /** Run every step (`--no-cache`). */
  readonly noCache?: boolean;
  /** Push the image (default true). With false the image exporter only records it in the daemon's store. */
  readonly push?: boolean;
  /** Further `--output` attributes, e.g. { "oci-mediatypes": "true" }. */
  readonly outputAttrs?: Readonly<Record<string, string>>;
  /** More `buildctl build` arguments, placed before --output. */
  readonly extraArgs?: readonly string[];
  readonly timeoutMs?: number;
}

export interface BuildctlResult {
  /** The exporter's `containerimage.digest`: the pushed index (multi-platform or with attestations) or manifest. */
  readonly digest: string;
  /** All of --metadata-file. */
  readonly metadata: Readonly<Record<string, unknown>>;
  /** buildctl's plain progress and messages. */
  readonly output: string;
  readonly ms: number;
}

/** The `buildctl build` arguments for a case (after the global flags), with the metadata file to write. */
export function buildctlBuildArgs(
  c: BuildctlCase,
  ref: string,
  epoch: number,
  metadataFile: string,
  options: BuildctlOptions = {},
): string[] {
  const args = [
    "build",
    "--progress=plain",
    "--frontend",
    "dockerfile.v0",
    "--local",
    `context=${c.context}`,
    "--local",
    `dockerfile=${path.dirname(c.dockerfile)}`,
    "--opt",
    `filename=${path.basename(c.dockerfile)}`,
    "--opt",
    `platform=${c.platforms.join(",")}`,
    // What buildx does with SOURCE_DATE_EPOCH in its environment.
    "--opt",
    `build-arg:SOURCE_DATE_EPOCH=${epoch}`,
  ];
  for (const [k, v] of Object.entries(c.buildArgs ?? {})) args.push("--opt", `build-arg:${k}=${v}`);
  for (const [id, src] of Object.entries(c.secretFiles ?? {})) args.push("--secret", `id=${id},src=${src}`);
  let n = 0;
  for (const [name, value] of Object.entries(c.namedContexts ?? {})) {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
      args.push("--opt", `context:${name}=${value}`);
    } else {
      const local = `named-context-${n++}`;
      args.push("--local", `${local}=${value}`, "--opt", `context:${name}=local:${local}`);
    }
  }
  if (c.target) args.push("--opt", `target=${c.target}`);
  if (options.pull ?? true) args.push("--opt", "image-resolve-mode=pull");
  const provenance = options.provenance ?? "mode=max";
  if (provenance !== false) args.push("--opt", `attest:provenance=${provenance}`);
  if (options.sbom) args.push("--opt", `attest:sbom=${options.sbom}`);
  if (options.noCache) args.push("--no-cache");
  const output: Record<string, string> = {
    type: "image",
    name: ref,
    push: String(options.push ?? true),
    "rewrite-timestamp": "true",
    ...options.outputAttrs,
  };
  args.push(
    ...(options.extraArgs ?? []),
    "--output",
    Object.entries(output)
      .map(([k, v]) => `${k}=${v}`)
      .join(","),
    "--metadata-file",
    metadataFile,
  );
  return args;
}

const DIGEST = /^sha256:[0-9a-f]{64}$/;

/**
 * Builds a case with `buildctl` against `target`, pushing `ref` reproducibly, and returns the exporter's digest.
 * Rejects (with buildctl's output) when buildctl fails, and when it "succeeds" without a digest in its metadata.
 */
export async function buildctlBuild(
  target: BuildkitAddress,
  c: BuildctlCase,
  ref: string,
  epoch: number,
  options: BuildctlOptions = {},
): Promise<BuildctlResult> {
  const dir = await mkdtemp(path.join(tmpdir(), "kiln-buildctl-"));
  const metadataFile = path.join(dir, "metadata.json");
  const args = [...buildctlGlobalArgs(target), ...buildctlBuildArgs(c, ref, epoch, metadataFile, options)];
  const started = Date.now();
  try {
    const output = await new Promise<string>((resolve, reject) => {
      execFile(
        target.buildctl,
        args,
        { maxBuffer: 64 * 1024 * 1024, timeout: options.timeoutMs ?? 600_000, encoding: "utf8" },
        (err, stdout, stderr) => {
          const text = `${stdout}${stderr}`;
          if (err) {
            reject(
              new Error(`buildctl build failed for ${c.name} (${err.message.split("\n")[0]}):\n${text.slice(-4000)}`, {
                cause: err,
              }),
            );
          } else resolve(text);
        },
      );
    });
    let metadata: Record<string, unknown>;
    try {
      metadata = JSON.parse(await readFile(metadataFile, "utf8")) as Record<string, unknown>;
    } catch (error) {
      throw new Error(`buildctl build for ${c.name} wrote no readable metadata file:\n${output.slice(-2000)}`, {
        cause: error,
      });
    }
    const digest = metadata["containerimage.digest"];
    if (typeof digest !== "string" || !DIGEST.test(digest)) {
      throw new Error(
        `buildctl build for ${c.name} reported no containerimage.digest: ${JSON.stringify(metadata).slice(0, 2000)}`,
      );
    }
    return { digest, metadata, output, ms: Date.now() - started };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
