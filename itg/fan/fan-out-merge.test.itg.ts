import { afterAll, beforeAll, expect, test } from "vitest";
import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadStackEnv, readStackJson, REPO_ROOT, uniqueTag, type StackEnv } from "../helpers/stack-env.js";
import { getManifest, platformDigests, type ImageIndex } from "../helpers/registry-http.js";
import { contextWith } from "../helpers/build-fixture.js";
import { startRefusingProxy, type RefusingProxy } from "../helpers/refusing-registry-proxy.js";

// linux/amd64 on the stack's Docker daemon, linux/arm64 on the second dockerd (QEMU), each a `kiln build --fan-out`
// leg, then `kiln merge`. Legs push through a proxy of the plain registry that can refuse manifest PUTs.

interface Exit {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function kiln(args: readonly string[], env: NodeJS.ProcessEnv): Promise<Exit> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", join(REPO_ROOT, "src", "cli.ts"), ...args],
      { env, cwd: REPO_ROOT, timeout: 600_000, maxBuffer: 64 * 1024 * 1024, encoding: "utf8" },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const EPOCH = "1700000000";
const SHA = "1111111111111111111111111111111111111111";
let env: StackEnv;
let docker2: string;
let proxy: RefusingProxy;
let workspace: string;
let repo: string;
let parts: string;
// Tags of this run only: earlier runs left theirs in the registry.
const FINAL = uniqueTag("final");
const ALSO = uniqueTag("also");

const baseEnv = (dockerHost: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
  PATH: process.env["PATH"],
  HOME: process.env["HOME"],
  DOCKER_HOST: dockerHost,
  GITHUB_SHA: SHA,
  ...extra,
});

const buildFlags = (base: string): string[] => [
  "--driver",
  "docker",
  "--push",
  "--pull",
  "--source-date-epoch",
  EPOCH,
  "--build-arg",
  `BASE=${base}`,
  "--sbom-generator",
  env.KILN_SBOM_GENERATOR,
];

async function leg(
  dockerHost: string,
  platform: string,
  dir: string,
  base = env.KILN_BASE_IMAGE,
  extra: readonly string[] = [],
): Promise<void> {
  const run = await kiln(
    [
      "build",
      ...buildFlags(base),
      ...extra,
      "--platform",
      platform,
      "-t",
      `${repo}:${FINAL}`,
      "--fan-out",
      dir,
      workspace,
    ],
    baseEnv(dockerHost),
  );
  expect(run.stderr).not.toMatch(/^error:/m);
  expect(run.code).toBe(0);
}

/** Exactly one error line on stderr, matching `pattern`, exit 1. */
function expectOneLine(run: Exit, pattern: RegExp): void {
  expect(run.code).toBe(1);
  const lines = run.stderr
    .trim()
    .split("\n")
    // Progress lines: the parts chosen and, when verification fails after it, the index pushed by digest (no tag).
    .filter((l) => !l.startsWith("part ") && !l.startsWith("pushed index "));
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
  expect(run.stderr).not.toMatch(/\n\s+at /);
}

beforeAll(async () => {
  env = await loadStackEnv();
  docker2 = (await readStackJson(["KILN_DOCKER2_HOST"]))["KILN_DOCKER2_HOST"];
  proxy = await startRefusingProxy(env.KILN_REGISTRY);
  repo = `${proxy.host}/itg/fan`;
  workspace = await contextWith({
    Dockerfile: `ARG BASE\nFROM \${BASE}\nRUN uname -m > /arch\nCOPY app.txt /\n`,
    "app.txt": "fan\n",
  });
  parts = await mkdtemp(join(tmpdir(), "kiln-fan-"));
});

afterAll(async () => {
  await proxy?.close();
});

const direct = (): { registry: string; repository: string } => ({ registry: env.KILN_REGISTRY, repository: "itg/fan" });

test("legs on two daemons, each pushed by digest, merge into one attested index equal to single builds on each daemon", async () => {
  // An index annotation on a leg would only land on the leg's own, never-tagged index: the leg drops it.
  const legIndexAnnotation = ["--annotation", "index:org.example.leg=dropped"];
  await Promise.all([
    leg(env.DOCKER_HOST, "linux/amd64", parts, env.KILN_BASE_IMAGE, legIndexAnnotation),
    leg(docker2, "linux/arm64", parts, env.KILN_BASE_IMAGE, legIndexAnnotation),
  ]);
  expect((await readdir(parts)).sort()).toEqual(["linux_amd64.json", "linux_arm64.json"]);
  // A leg tags nothing: the tag is still absent before the merge.
  await expect(getManifest(direct(), FINAL)).rejects.toThrow(/HTTP 404/);

  const merged = await kiln(
    [
      "merge",
      "--tag",
      `${repo}:${FINAL}`,
      "--tag",
      `${repo}:${ALSO}`,
      "--platform",
      "linux/amd64,linux/arm64",
      "--annotation",
      "index:org.opencontainers.image.title=fan",
      "--annotation",
      "index-descriptor:org.example.descriptor=d1",
      parts,
    ],
    baseEnv(env.DOCKER_HOST),
  );
  expect(merged.stderr).not.toMatch(/error/);
  expect(merged.code).toBe(0);
  const outputs = JSON.parse(merged.stdout) as Record<string, unknown>;
  const index = await getManifest<ImageIndex>(direct(), FINAL);
  expect(outputs["digest"]).toBe(index.digest);
  expect((await getManifest(direct(), ALSO)).digest).toBe(index.digest);
  const platforms = index.body.manifests
    .filter((m) => m.platform?.os !== "unknown")
    .map((m) => `${m.platform?.os}/${m.platform?.architecture}`);
  expect(platforms).toEqual(["linux/amd64", "linux/arm64"]);
  const attestations = index.body.manifests.filter(
    (m) => m.annotations?.["vnd.docker.reference.type"] === "attestation-manifest",
  );
  expect(attestations).toHaveLength(2);
  const digests = outputs["digests"] as Record<string, string>;
  expect(Object.keys(outputs["attestations"] as object).sort()).toEqual(["linux/amd64", "linux/arm64"]);
  expect(Object.keys(outputs["buildinfo"] as object).sort()).toEqual(["linux/amd64", "linux/arm64"]);
  // The fan-in's index annotations are on the joined index, the descriptor ones on the reported descriptor.
  expect(index.body.annotations).toEqual({ "org.opencontainers.image.title": "fan" });
  // The outputs describe that one index: imageid as buildx falls back for multi-platform, metadata and digests too.
  expect(outputs["imageid"]).toBe(index.digest);
  const metadata = outputs["metadata"] as Record<string, unknown>;
  expect(metadata["containerimage.digest"]).toBe(index.digest);
  expect(metadata["containerimage.descriptor"]).toEqual({
    mediaType: index.mediaType,
    digest: index.digest,
    size: index.raw.length,
    annotations: { "org.example.descriptor": "d1" },
  });
  expect(metadata["image.name"]).toBe(`${repo}:${FINAL},${repo}:${ALSO}`);
  expect(digests).toEqual(
    Object.fromEntries(
      index.body.manifests
        .filter((m) => m.platform?.os !== "unknown")
        .map((m) => [`${m.platform?.os}/${m.platform?.architecture}`, m.digest]),
    ),
  );
  // The legs' own records agree with what the index holds, and say both statements were attested.
  for (const name of ["linux_amd64.json", "linux_arm64.json"]) {
    const part = JSON.parse(await readFile(join(parts, name), "utf8")) as {
      digests: Record<string, string>;
      commit: string;
      pushed: string;
      attested: unknown;
    };
    expect(part.commit).toBe(SHA);
    expect(part.attested).toEqual({ sbom: true, provenance: true });
    for (const [p, d] of Object.entries(part.digests)) expect(digests[p]).toBe(d);
    const own = await getManifest<ImageIndex>(direct(), part.pushed.slice(part.pushed.indexOf("@") + 1));
    expect(own.body.annotations?.["org.example.leg"]).toBeUndefined();
  }

  // The reference: one two-platform build on each daemon, same epoch; each platform compared on the daemon that built its leg.
  const refOn = async (dockerHost: string, tag: string): Promise<Record<string, string>> => {
    const ref = `${env.KILN_REGISTRY}/itg/fan-ref:${uniqueTag(tag)}`;
    const run = await kiln(
      ["build", ...buildFlags(env.KILN_BASE_IMAGE), "--platform", "linux/amd64,linux/arm64", "-t", ref, workspace],
      baseEnv(dockerHost),
    );
    expect(run.code).toBe(0);
    return platformDigests(ref);
  };
  const [one, two] = await Promise.all([refOn(env.DOCKER_HOST, "d1"), refOn(docker2, "d2")]);
  expect(digests["linux/amd64"]).toBe(one["linux/amd64"]);
  expect(digests["linux/arm64"]).toBe(two["linux/arm64"]);
});

test.each([
  {
    name: "a missing platform",
    prepare: async (): Promise<string> => {
      const dir = await mkdtemp(join(tmpdir(), "kiln-fan-missing-"));
      await leg(env.DOCKER_HOST, "linux/amd64", dir);
      return dir;
    },
    env: {},
    args: [],
    pattern: /^kiln: fan-in: no part holds linux\/arm64 /,
  },
  {
    name: "a part from another commit",
    prepare: (): Promise<string> => Promise.resolve(parts),
    env: { GITHUB_SHA: "2222222222222222222222222222222222222222" },
    args: [],
    pattern: /^kiln: fan-in: .* was built from commit 1{40}, not 2{40}/,
  },
  {
    name: "a part from another commit than --commit",
    prepare: (): Promise<string> => Promise.resolve(parts),
    env: { GITHUB_SHA: "" },
    args: ["--commit", "4444444444444444444444444444444444444444"],
    pattern: /^kiln: fan-in: .* was built from commit 1{40}, not 4{40}/,
  },
  {
    name: "a manifest-level annotation (the legs' manifests are joined unchanged)",
    prepare: (): Promise<string> => Promise.resolve(parts),
    env: {},
    args: ["--annotation", "manifest:org.example.m=1"],
    pattern:
      /^kiln: --annotation: expected only "index:" or "index-descriptor:" annotations at the fan-in, got manifest-level "org\.example\.m"/,
  },
])("merge refuses $name with one line and moves no tag", async ({ prepare, env: extra, args, pattern }) => {
  const dir = await prepare();
  const guard = await guardTag();
  const run = await kiln(
    ["merge", "--tag", `${repo}:${guard.tag}`, "--platform", "linux/amd64,linux/arm64", ...args, dir],
    baseEnv(env.DOCKER_HOST, extra),
  );
  expectOneLine(run, pattern);
  expect((await getManifest(direct(), guard.tag)).digest).toBe(guard.digest);
});

test("a part that says its leg made an SBOM is joined only if every platform's attestation carries one", async () => {
  const dir = await mkdtemp(join(tmpdir(), "kiln-fan-nosbom-"));
  await leg(env.DOCKER_HOST, "linux/amd64", dir, env.KILN_BASE_IMAGE, ["--sbom", "false"]);
  const file = join(dir, "linux_amd64.json");
  const record = JSON.parse(await readFile(file, "utf8")) as { attested: { sbom: boolean; provenance: boolean } };
  expect(record.attested).toEqual({ sbom: false, provenance: true });
  // As recorded, the index has what the part claims: the merge passes.
  const ok = await kiln(["merge", "--tag", `${repo}:${uniqueTag("nosbom")}`, dir], baseEnv(env.DOCKER_HOST));
  expect(ok.stderr).not.toMatch(/error|failed/);
  expect(ok.code).toBe(0);
  // A part claiming an SBOM its attestation manifest lacks: verification fails before any tag.
  await writeFile(file, JSON.stringify({ ...record, attested: { sbom: true, provenance: true } }));
  const guard = await guardTag();
  const run = await kiln(["merge", "--tag", `${repo}:${guard.tag}`, dir], baseEnv(env.DOCKER_HOST));
  expectOneLine(run, /^kiln: verification of \S+itg\/fan@sha256:\w+ failed: linux\/amd64 has no SPDX SBOM$/);
  expect((await getManifest(direct(), guard.tag)).digest).toBe(guard.digest);
});

test("merge refuses legs that resolved the same base image to different digests", async () => {
  // A base tag that moves between the two legs: first the stack's base index, then the same images re-indexed.
  const base = await getManifest<ImageIndex>({ registry: env.KILN_REGISTRY, repository: "kiln/busybox" }, "latest");
  const moving = uniqueTag("moving");
  const put = async (body: Buffer): Promise<void> => {
    const res = await fetch(`http://${env.KILN_REGISTRY}/v2/kiln/busybox/manifests/${moving}`, {
      method: "PUT",
      headers: { "content-type": base.mediaType },
      body,
    });
    expect(res.status).toBe(201);
  };
  await put(base.raw);
  const dir = await mkdtemp(join(tmpdir(), "kiln-fan-moved-"));
  const baseRef = `${env.KILN_REGISTRY}/kiln/busybox:${moving}`;
  await leg(env.DOCKER_HOST, "linux/amd64", dir, baseRef);
  await put(Buffer.from(JSON.stringify({ ...base.body, annotations: { "org.example.moved": moving } })));
  await leg(docker2, "linux/arm64", dir, baseRef);
  const guard = await guardTag();
  const run = await kiln(["merge", "--tag", `${repo}:${guard.tag}`, dir], baseEnv(env.DOCKER_HOST));
  expectOneLine(
    run,
    /^kiln: fan-in: .*kiln\/busybox:moving-\S+ resolved to sha256:\w+ for .* but to sha256:\w+ for .*the tag moved between legs/,
  );
  expect((await getManifest(direct(), guard.tag)).digest).toBe(guard.digest);
});

test.each([403, 500] as const)(
  "a registry that answers %i to the index PUT fails the merge with one line and moves no tag",
  async (status) => {
    const guard = await guardTag();
    proxy.refuseManifestPuts(status);
    try {
      const run = await kiln(["merge", "--tag", `${repo}:${guard.tag}`, parts], baseEnv(env.DOCKER_HOST));
      expectOneLine(run, /^kiln: .*put manifest .*itg\/fan@sha256:/);
    } finally {
      proxy.refuseManifestPuts(0);
    }
    expect(proxy.refused()).toBeGreaterThan(0);
    expect((await getManifest(direct(), guard.tag)).digest).toBe(guard.digest);
  },
);

/** A tag in the parts' repository that already points at something (the amd64 leg's own push), to see it stay. */
async function guardTag(): Promise<{ tag: string; digest: string }> {
  const part = JSON.parse(await readFile(join(parts, "linux_amd64.json"), "utf8")) as { pushed: string };
  const digest = part.pushed.slice(part.pushed.indexOf("@") + 1);
  const existing = await getManifest(direct(), digest);
  const tag = uniqueTag("guard");
  const res = await fetch(`http://${env.KILN_REGISTRY}/v2/itg/fan/manifests/${tag}`, {
    method: "PUT",
    headers: { "content-type": existing.mediaType },
    body: existing.raw,
  });
  expect(res.status).toBe(201);
  return { tag, digest };
}
