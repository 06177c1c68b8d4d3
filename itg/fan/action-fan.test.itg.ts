import { afterAll, beforeAll, expect, test } from "vitest";
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadStackEnv, readStackJson, uniqueTag, type StackEnv } from "../helpers/stack-env.js";
import { loadGithubStack, runnerStep, type GithubStack } from "../helpers/github-runner.js";
import { getManifest, parseReference, type ImageIndex } from "../helpers/registry-http.js";
import { contextWith } from "../helpers/build-fixture.js";
import { runAction, type ActionRun } from "../helpers/run-action.js";

// The action's fan-out legs and fan-in through the dist bundles (`npm run build` first), handing parts over the
// GitHub results-service emulator's artifact service with the real @actions/artifact client: one workflow run
// (one run backend ID), one job per leg.

const FILE_COMMANDS = ["GITHUB_OUTPUT", "GITHUB_ENV", "GITHUB_PATH", "GITHUB_STATE", "GITHUB_STEP_SUMMARY"];
const SHA = "3333333333333333333333333333333333333333";
let env: StackEnv;
let gh: GithubStack;
let docker2: string;
let workspace: string;
let temp: string;
let image: string;
const runBackendId = randomUUID();
const runId = String(2_000_000 + Math.floor(Math.random() * 1_000_000));

beforeAll(async () => {
  env = await loadStackEnv();
  gh = await loadGithubStack();
  docker2 = (await readStackJson(["KILN_DOCKER2_HOST"]))["KILN_DOCKER2_HOST"];
  workspace = await contextWith({
    Dockerfile: `ARG BASE\nFROM \${BASE}\nRUN uname -m > /arch\nCOPY app.txt /\n`,
    "app.txt": "action fan\n",
  });
  temp = await mkdtemp(join(tmpdir(), "kiln-itg-fan-action-"));
  image = `${env.KILN_REGISTRY}/itg/fan-action`;
});

afterAll(async () => {
  await rm(temp, { recursive: true, force: true });
});

/** One job's Kiln step in this workflow run. */
async function job(name: string, inputs: Record<string, string>, dockerHost: string, attempt = 1): Promise<ActionRun> {
  const step = await runnerStep(gh, {
    ref: "refs/heads/main",
    defaultBranch: "main",
    dir: join(temp, `${name}-${attempt}`),
    job: name,
    runId,
    runAttempt: attempt,
    sha: SHA,
    runBackendId,
  });
  const stepEnv = Object.fromEntries(Object.entries(step.env).filter(([k]) => !FILE_COMMANDS.includes(k)));
  return runAction("main", inputs, { ...stepEnv, GITHUB_WORKSPACE: workspace, DOCKER_HOST: dockerHost });
}

const legInputs = (platform: string, tag: string): Record<string, string> => ({
  // The workspace is no git checkout: name the directory, or the action builds the repository's Git context.
  context: workspace,
  driver: "docker",
  "fan-out": "true",
  push: "true",
  tags: tag,
  platforms: platform,
  pull: "true",
  "source-date-epoch": "1700000000",
  "build-args": `BASE=${env.KILN_BASE_IMAGE}`,
  "sbom-generator": env.KILN_SBOM_GENERATOR,
  // Only for the joined index: the leg drops it from its own.
  annotations: "index:org.example.leg=dropped",
});

test("fan-out legs on two daemons hand their parts over the artifact service; the fan-in joins, tags, rolls them up; a re-run leg wins", async () => {
  const tag = `${image}:${uniqueTag("fan")}`;
  const [amd, arm] = await Promise.all([
    job("leg-amd64", legInputs("linux/amd64", tag), env.DOCKER_HOST),
    job("leg-arm64", legInputs("linux/arm64", tag), docker2),
  ]);
  for (const leg of [amd, arm]) {
    expect(leg.stdout).not.toMatch(/::error/);
    expect(leg.code).toBe(0);
    expect(leg.stdout).toMatch(
      /fan-out: linux\/(amd64|arm64) pushed by digest, no tag moved; part uploaded as kiln-part-/,
    );
    // The leg's summary stays short; the fan-in's rolls the legs up.
    expect(leg.summary).toMatch(
      /^## Kiln fan-out leg\n\n- linux\/(amd64, built natively|arm64, built under QEMU): `sha256:/,
    );
    const part = JSON.parse(leg.outputs["part"]!) as { pushed: string };
    expect(part).toMatchObject({
      version: 1,
      commit: SHA,
      run: { id: runId, attempt: 1 },
      attested: { sbom: true, provenance: true },
    });
    const [name, digest] = part.pushed.split("@") as [string, string];
    const ownIndex = await getManifest<ImageIndex>(parseReference(`${name}:x`), digest);
    expect(ownIndex.body.annotations?.["org.example.leg"]).toBeUndefined();
  }
  const { registry, repository, tag: tagName } = parseReference(tag);
  // The legs tagged nothing.
  await expect(getManifest({ registry, repository }, tagName)).rejects.toThrow(/HTTP 404/);

  const fanIn = await job(
    "fan-in",
    {
      "fan-in": "true",
      tags: tag,
      platforms: "linux/amd64,linux/arm64",
      annotations: "index:org.opencontainers.image.title=fan-action\nindex-descriptor:org.example.descriptor=a1",
    },
    env.DOCKER_HOST,
  );
  expect(fanIn.stdout).not.toMatch(/::error/);
  expect(fanIn.code).toBe(0);
  const index = await getManifest<ImageIndex>({ registry, repository }, tagName);
  expect(fanIn.outputs["digest"]).toBe(index.digest);
  // The fan-in's index annotations on the joined index; outputs that agree with it, as a single build's do.
  expect(index.body.annotations).toEqual({ "org.opencontainers.image.title": "fan-action" });
  expect(fanIn.outputs["imageid"]).toBe(index.digest);
  const metadata = JSON.parse(fanIn.outputs["metadata"]!) as Record<string, unknown>;
  expect(metadata["containerimage.digest"]).toBe(index.digest);
  expect(metadata["containerimage.descriptor"]).toEqual({
    mediaType: index.mediaType,
    digest: index.digest,
    size: index.raw.length,
    annotations: { "org.example.descriptor": "a1" },
  });
  const digests = JSON.parse(fanIn.outputs["digests"]!) as Record<string, string>;
  expect(digests).toEqual({
    ...(JSON.parse(amd.outputs["digests"]!) as object),
    ...(JSON.parse(arm.outputs["digests"]!) as object),
  });
  expect(Object.keys(JSON.parse(fanIn.outputs["attestations"]!) as object)).toEqual(["linux/amd64", "linux/arm64"]);
  expect(
    index.body.manifests.filter((m) => m.annotations?.["vnd.docker.reference.type"] === "attestation-manifest"),
  ).toHaveLength(2);
  // The summary rolls the legs up, one row per platform.
  expect(fanIn.summary).toContain(`Index \`${index.digest}\``);
  expect(fanIn.summary).toMatch(
    /\| linux\/amd64 \| kiln-emulated-runner \(Linux\/X64\) \| native \| [\d.]+s \| \d+\/\d+ \| `sha256:/,
  );
  expect(fanIn.summary).toMatch(
    /\| linux\/arm64 \| kiln-emulated-runner \(Linux\/X64\) \| (native|emulated \(QEMU\)) \|/,
  );

  // "Re-run failed jobs": the arm64 leg runs again as attempt 2 beside attempt 1's part; the fan-in takes it.
  const rerun = await job("leg-arm64", legInputs("linux/arm64", tag), docker2, 2);
  expect(rerun.code).toBe(0);
  expect(rerun.stdout).toContain("-linux_arm64-a2");
  const again = await job("fan-in", { "fan-in": "true", tags: tag }, env.DOCKER_HOST, 2);
  expect(again.code).toBe(0);
  expect(again.stdout).toMatch(/part linux\/arm64: artifact kiln-part-\S+-linux_arm64-a2/);
  expect(again.stdout).toMatch(/part linux\/amd64: artifact kiln-part-\S+-linux_amd64-a1/);
});

test("a manifest-level annotation at the fan-in fails with one ::error line naming the input and sets no tag", async () => {
  const tag = `${image}:${uniqueTag("manifest-annotation")}`;
  const fanIn = await job(
    "fan-in",
    { "fan-in": "true", tags: tag, annotations: "manifest[linux/amd64]:org.example.m=1" },
    env.DOCKER_HOST,
  );
  expect(fanIn.code).toBe(1);
  const errors = fanIn.stdout.split("\n").filter((l) => l.startsWith("::error"));
  expect(errors).toEqual([
    expect.stringMatching(
      /^::error::annotations: expected only "index:" or "index-descriptor:" annotations at the fan-in, got manifest-level "org\.example\.m"/,
    ),
  ]);
  const { registry, repository, tag: tagName } = parseReference(tag);
  await expect(getManifest({ registry, repository }, tagName)).rejects.toThrow(/HTTP 404/);
});

test("a fan-in missing a platform fails with one ::error line and sets no tag", async () => {
  const tag = `${image}:${uniqueTag("missing")}`;
  const fanIn = await job(
    "fan-in",
    { "fan-in": "true", tags: tag, platforms: "linux/amd64,linux/s390x" },
    env.DOCKER_HOST,
  );
  expect(fanIn.code).toBe(1);
  const errors = fanIn.stdout.split("\n").filter((l) => l.startsWith("::error"));
  expect(errors).toEqual([
    expect.stringMatching(/^::error::fan-in: no part holds linux\/s390x \(found linux\/amd64, linux\/arm64\)/),
  ]);
  const { registry, repository, tag: tagName } = parseReference(tag);
  await expect(getManifest({ registry, repository }, tagName)).rejects.toThrow(/HTTP 404/);
});
