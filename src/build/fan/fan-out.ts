import { hostname } from "node:os";
import { promisify } from "node:util";
import { INPUT_NAMES } from "../../plan/index.js";
import {
  IN_TOTO_PREDICATE_TYPE_ANNOTATION,
  formatReference,
  isAttestationDescriptor,
  parseReference,
  type Descriptor,
  type ImageReference,
  type RegistryClient,
} from "../../registry/index.js";
import { parseAnnotations, type Annotation } from "../../plan/outputs/parse-annotations.js";
import { isSlsaPredicate, SPDX_PREDICATE } from "../verify-push.js";
import type { BuildOutcome } from "../run-build.js";
import { parsePlatform } from "../../shared/platform.js";
import { PART_RECORD_KIND, type PartRecord } from "./part-record.js";

/**
 * The inputs of a fan-out leg: the build as asked, but pushed by digest to the tags' repository instead of under
 * the tags (the fan-in tags the joined index). Throws one line naming `flag(name)` when the inputs cannot make a
 * leg: no push, no tag, tags in several repositories, or outputs of its own.
 */
export function fanOutInput(
  input: (name: string) => string,
  flag: (name: string) => string = (n) => n,
): { readonly input: (name: string) => string; readonly image: string } {
  const fail = (why: string): never => {
    throw new Error(`fan-out: ${why}`);
  };
  const tags = input(INPUT_NAMES.tags)
    .split(/[\n,]/)
    .map((t) => t.trim())
    .filter((t) => t !== "");
  if (!/^true$/i.test(input(INPUT_NAMES.push).trim()))
    fail(`expected ${flag(INPUT_NAMES.push)}: a leg pushes its part by digest`);
  if (tags.length === 0) fail(`expected ${flag(INPUT_NAMES.tags)} naming the image, e.g. ghcr.io/owner/app:latest`);
  // The part is filed under its platforms, and the fan-in checks them against the set it needs.
  if (input(INPUT_NAMES.platforms).trim() === "") {
    fail(`expected ${flag(INPUT_NAMES.platforms)} naming this leg's platform(s), e.g. linux/arm64`);
  }
  if (input(INPUT_NAMES.outputs).trim() !== "" || /^true$/i.test(input(INPUT_NAMES.load).trim())) {
    fail(
      `${flag(INPUT_NAMES.outputs)} and ${flag(INPUT_NAMES.load)} do not go with a fan-out leg, which only pushes by digest`,
    );
  }
  const repos = new Set(
    tags.map((t) => {
      try {
        const r = parseReference(t);
        return `${r.registry}/${r.repository}`;
      } catch (err) {
        return fail(`${flag(INPUT_NAMES.tags)}: ${(err as Error).message}`);
      }
    }),
  );
  if (repos.size > 1)
    fail(`${flag(INPUT_NAMES.tags)} name ${[...repos].join(" and ")}: a fan-out joins one repository`);
  const image = [...repos][0]!;
  // rewrite-timestamp stays with the plan's default; only the destination changes.
  const output = `type=image,name=${image},push=true,push-by-digest=true`;
  const annotations = legAnnotations(input(INPUT_NAMES.annotations));
  return {
    image,
    input: (name) =>
      name === INPUT_NAMES.tags || name === INPUT_NAMES.push
        ? ""
        : name === INPUT_NAMES.outputs
          ? output
          : name === INPUT_NAMES.annotations
            ? annotations
            : input(name),
  };
}

/**
 * The leg's `annotations` without the index-level ones: the leg's own index is never tagged, so those belong on the
 * joined index, which the fan-in annotates from its own `annotations`. Manifest-level ones stay: the manifests are
 * pushed here and joined as they are. Input the parser refuses is passed on untouched, for the plan to report.
 */
function legAnnotations(text: string): string {
  let parsed: Annotation[];
  try {
    parsed = parseAnnotations(text);
  } catch {
    return text;
  }
  return parsed
    .filter((a) => a.level !== "index" && a.level !== "index-descriptor")
    .map((a) => {
      if (a.level === undefined) return `${a.key}=${a.value}`;
      const platform = "platform" in a && a.platform !== undefined ? `[${a.platform}]` : "";
      return `${a.level}${platform}:${a.key}=${a.value}`;
    })
    .join("\n");
}

/** The commit being built: GITHUB_SHA, else the workspace's git HEAD, else "". */
export async function currentCommit(env: NodeJS.ProcessEnv, cwd: string): Promise<string> {
  if (env["GITHUB_SHA"]) return env["GITHUB_SHA"];
  try {
    const { execFile } = await import("node:child_process");
    const { stdout } = await promisify(execFile)("git", ["rev-parse", "HEAD"], { cwd, timeout: 10_000 });
    return stdout.trim();
  } catch {
    return "";
  }
}

/**
 * The part record of a finished leg, its manifests read back from the registry by the digest the exporter
 * pushed (sizes and annotations exactly as the fan-in must list them).
 */
export async function partRecordOf(
  outcome: BuildOutcome,
  context: { readonly image: string; readonly commit: string; readonly env: NodeJS.ProcessEnv },
  registry: RegistryClient,
  options: { signal?: AbortSignal } = {},
): Promise<PartRecord> {
  const pushed = outcome.pushed;
  if (pushed === undefined) throw new Error("fan-out: the build pushed nothing to record");
  const repo = parseReference(context.image);
  const top = await registry.getManifest(
    { registry: repo.registry, repository: repo.repository, digest: pushed.digest },
    options.signal ? { signal: options.signal } : {},
  );
  // A single manifest (no attestations) has no descriptor to carry its platform: take the one the leg built.
  const platform = parsePlatform(Object.keys(pushed.digests)[0] ?? "");
  const manifests =
    top.kind === "index"
      ? top.json.manifests
      : [{ mediaType: top.mediaType, digest: top.digest, size: top.size, ...(platform ? { platform } : {}) }];
  const env = context.env;
  const { cached, total } = outcome.record.cacheStats();
  return {
    kind: PART_RECORD_KIND,
    version: 1,
    image: `${repo.registry}/${repo.repository}`,
    commit: context.commit,
    run: { id: env["GITHUB_RUN_ID"] ?? "", attempt: Number(env["GITHUB_RUN_ATTEMPT"] ?? "1") || 1 },
    created: new Date().toISOString(),
    pushed: formatReference({ registry: repo.registry, repository: repo.repository, digest: pushed.digest }),
    digests: pushed.digests,
    attestations: pushed.attestations,
    manifests,
    buildinfo: pushed.buildinfo,
    builder: {
      driver: outcome.builder.driver,
      endpoint: outcome.builder.endpoint,
      buildkitVersion: outcome.builder.buildkitVersion,
      emulated: outcome.builder.emulated,
    },
    runner: {
      name: env["RUNNER_NAME"] ?? hostname(),
      os: env["RUNNER_OS"] ?? process.platform,
      arch: env["RUNNER_ARCH"] ?? process.arch,
    },
    durationMs: outcome.durationMs,
    cacheStats: { cached, total },
    attested: await attestedStatements(registry, repo, manifests, options.signal),
  };
}

/** Whether the leg's attestation manifests hold an SPDX SBOM and SLSA provenance, by their layers' predicate types. */
async function attestedStatements(
  registry: RegistryClient,
  repo: ImageReference,
  manifests: readonly Descriptor[],
  signal: AbortSignal | undefined,
): Promise<{ sbom: boolean; provenance: boolean }> {
  const types = await Promise.all(
    manifests.filter(isAttestationDescriptor).map(async (d) => {
      const m = await registry.getManifest(
        { registry: repo.registry, repository: repo.repository, digest: d.digest },
        signal ? { signal } : {},
      );
      return m.kind === "image"
        ? m.json.layers.map((l) => l.annotations?.[IN_TOTO_PREDICATE_TYPE_ANNOTATION] ?? "")
        : [];
    }),
  );
  const all = types.flat();
  return { sbom: all.includes(SPDX_PREDICATE), provenance: all.some(isSlsaPredicate) };
}
