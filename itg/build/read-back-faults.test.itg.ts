import { beforeAll, expect, test } from "vitest";
import { contextWith } from "../helpers/build-fixture.js";
import { startFaultProxy } from "../helpers/fault-proxy.js";
import { outputsOf, runPipelineWith } from "../helpers/pipeline-run.js";
import { getManifest, type ImageIndex } from "../helpers/registry-http.js";
import { loadStackEnv, stackProcessEnv, uniqueTag, type StackEnv } from "../helpers/stack-env.js";

let env: StackEnv;
let context: string;

beforeAll(async () => {
  env = await loadStackEnv();
  context = await contextWith({ Dockerfile: `FROM ${env.KILN_BASE_IMAGE}\nCOPY f /\n`, f: `${uniqueTag()}\n` });
});

function inputs(tag: string): Record<string, string> {
  return {
    driver: "remote",
    endpoint: env.KILN_BUILDKIT_HOST,
    context,
    platforms: "linux/amd64",
    tags: tag,
    push: "true",
    provenance: "mode=max",
    sbom: "false",
    "source-date-epoch": "1700000000",
  };
}

// Found by fault injection: one GET with no retry, so a transient 500 after a successful push failed the step.
test("transient 500s on the read-back after the push are retried: full outputs, no warning", async () => {
  const proxy = await startFaultProxy(env.KILN_REGISTRY, { failReadsAfterPush: 2 });
  try {
    const tag = `${proxy.address}/itg/read-back:${uniqueTag()}`;
    const run = await runPipelineWith(inputs(tag), stackProcessEnv(env));
    const outputs = outputsOf(run);
    expect(proxy.failedReads).toBe(2);
    expect(run.warnings).toEqual([]);
    const digest = outputs["digest"]!;
    const index = await getManifest<ImageIndex>({ registry: env.KILN_REGISTRY, repository: "itg/read-back" }, digest);
    expect(index.digest).toBe(digest);
    const image = index.body.manifests.find((m) => m.platform?.os === "linux")!;
    expect(JSON.parse(outputs["digests"]!)).toEqual({ "linux/amd64": image.digest });
  } finally {
    await proxy.close();
  }
}, 120_000);

test("a registry that keeps failing reads after the push: the step says 'pushed <digest>, could not verify' and sets digest", async () => {
  const proxy = await startFaultProxy(env.KILN_REGISTRY, { failReadsAfterPush: Infinity });
  try {
    const tag = `${proxy.address}/itg/read-back:${uniqueTag()}`;
    const started = Date.now();
    const run = await runPipelineWith(inputs(tag), stackProcessEnv(env));
    const outputs = outputsOf(run);
    const metadata = JSON.parse(outputs["metadata"]!) as Record<string, string>;
    const digest = metadata["containerimage.digest"]!;
    expect(outputs["digest"]).toBe(digest);
    expect(run.warnings).toEqual([
      expect.stringMatching(
        new RegExp(
          `^pushed ${digest}, could not verify: failed to get manifest ${proxy.address}/itg/read-back@${digest}: .*HTTP 500`,
        ),
      ),
    ]);
    // Retried, but bounded: four tries of the index with backoff, seconds not minutes.
    const tries = (path: string): number => proxy.failedPaths.filter((p) => p === path).length;
    expect(tries(`/v2/itg/read-back/manifests/${digest}`)).toBe(4);
    expect(Date.now() - started).toBeLessThan(60_000);
    // What was read alongside the index (the tag, the attestation manifest) was tried at most as often, and stopped
    // when the step gave up: nothing more reaches the registry afterwards.
    for (const path of new Set(proxy.failedPaths)) expect(tries(path)).toBeLessThanOrEqual(4);
    const after = proxy.failedReads;
    await new Promise((r) => setTimeout(r, 1500));
    expect(proxy.failedReads).toBe(after);
    // The push itself is in the registry under that digest.
    expect((await getManifest({ registry: env.KILN_REGISTRY, repository: "itg/read-back" }, digest)).digest).toBe(
      digest,
    );
  } finally {
    await proxy.close();
  }
}, 120_000);

// Found by fault injection: a registry that never answers the index PUT left the step waiting forever (BuildKit's
// registry client has no response timeout).
test("a registry that never answers the tag's manifest PUT: bounded, one line naming the registry", async () => {
  const proxy = await startFaultProxy(env.KILN_REGISTRY, { hangTagPut: true });
  try {
    const tag = `${proxy.address}/itg/read-back:${uniqueTag()}`;
    const started = Date.now();
    const run = await runPipelineWith(inputs(tag), stackProcessEnv(env));
    expect(run.result.ok).toBe(false);
    if (run.result.ok) return;
    expect(run.result.failures.map((f) => f.message)).toEqual([
      expect.stringMatching(
        new RegExp(
          `^registry ${proxy.address} did not answer the manifest push for ${tag}@sha256:[0-9a-f]{64} within \\d+ s$`,
        ),
      ),
    ]);
    expect(Date.now() - started).toBeLessThan(120_000);
  } finally {
    await proxy.close();
  }
}, 180_000);
