// Per-platform nodes for real: linux/amd64 on the stack's Docker daemon, linux/arm64 on a second daemon
// (scripts/stack/second-daemon.sh), reached as a remote node through a unix socket. The parts are pushed by
// digest and merged into one index; its platform images must equal a single-daemon two-platform build.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { BuildkitClient, dockerfileFrontendAttrs, imageExporter, type SolveOptions } from "../../src/buildkit/index.js";
import { dockerEndpoint } from "../../src/builder/docker-endpoint.js";
import { buildOnNodes, planNodes, type NodePart } from "../../src/builder/nodes/index.js";
import { parseNodes } from "../../src/plan/builder/parse-nodes.js";
import { remoteEndpoint } from "../../src/builder/remote-endpoint.js";
import { parseDockerHost, type DockerHost } from "../../src/docker/index.js";
import { RegistryClient } from "../../src/registry/index.js";
import {
  getBlob,
  getManifest,
  platformDigests,
  platformString,
  type ImageIndex,
  type ImageManifest,
} from "../helpers/registry-http.js";
import { loadStackEnv, run, STACK_ENV_PATH, uniqueTag, type StackEnv } from "../helpers/stack-env.js";
import { startUnixForwarder, type Forwarder } from "../helpers/tls-forwarder.js";
import { dockerfileSolve } from "../helpers/build-fixture.js";

const epoch = 1_700_000_000;
const both = ["linux/amd64", "linux/arm64"];
const ATTESTATION_TYPE = "vnd.docker.reference.type";
const ATTESTATION_DIGEST = "vnd.docker.reference.digest";
const PREDICATE_TYPE = "in-toto.io/predicate-type";

let env: StackEnv;
let docker2: DockerHost;
let daemon1: BuildkitClient;
let daemon2: BuildkitClient;
let armNode: Forwarder;
let registry: RegistryClient;
let dir: string;

/** KILN_DOCKER2_HOST from the stack env, and a check that the second daemon answers with the containerd store. */
async function secondDaemon(): Promise<DockerHost> {
  const hint = "start it with `bash scripts/stack-up.sh` as root (scripts/stack/second-daemon.sh up)";
  const record = JSON.parse(await readFile(STACK_ENV_PATH, "utf8")) as Record<string, unknown>;
  const host = record["KILN_DOCKER2_HOST"];
  if (typeof host !== "string" || host === "") throw new Error(`${STACK_ENV_PATH} lacks KILN_DOCKER2_HOST: ${hint}`);
  let status: string;
  try {
    status = (
      await run("docker", ["info", "--format", "{{json .DriverStatus}}"], {
        env: { ...process.env, DOCKER_HOST: host },
        timeoutMs: 30_000,
      })
    ).stdout;
  } catch (cause) {
    throw new Error(`the second Docker daemon at ${host} is unreachable: ${hint}`, { cause });
  }
  if (!status.includes("io.containerd.snapshotter.v1")) {
    throw new Error(`the second Docker daemon at ${host} does not use the containerd image store: ${hint}`);
  }
  return parseDockerHost(host);
}

function solveFor(context: string, platforms: readonly string[]): SolveOptions {
  const attrs = dockerfileFrontendAttrs({
    platforms,
    sourceDateEpoch: epoch,
    provenance: { mode: "max" },
    sbom: { generator: env.KILN_SBOM_GENERATOR },
  });
  return dockerfileSolve(context, { frontendAttrs: attrs, sharedKey: "kiln-itg-nodes" }, [...platforms]);
}

async function pruneBoth(): Promise<void> {
  await Promise.all([daemon1.prune({ all: true }), daemon2.prune({ all: true })]);
}

beforeAll(async () => {
  env = await loadStackEnv();
  docker2 = await secondDaemon();
  daemon1 = await BuildkitClient.connect(dockerEndpoint(parseDockerHost(env.DOCKER_HOST)));
  daemon2 = await BuildkitClient.connect(dockerEndpoint(docker2));
  // The arm64 node as the remote driver sees one: a BuildKit address (here a unix socket piped to daemon 2).
  armNode = await startUnixForwarder({ docker: docker2 });
  registry = new RegistryClient();
  dir = await mkdtemp(join(tmpdir(), "kiln-itg-nodes-"));
  await writeFile(
    join(dir, "Dockerfile"),
    `FROM ${env.KILN_BASE_IMAGE}\nARG TARGETARCH\nRUN echo "$TARGETARCH" > /targetarch && uname -m > /uname\nCOPY hello.txt /hello.txt\n`,
  );
  await writeFile(join(dir, "hello.txt"), "hello from two daemons\n");
});

afterAll(async () => {
  await daemon1?.close();
  await daemon2?.close();
  await armNode?.close();
  registry?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("per-platform nodes", () => {
  test("the second daemon's BuildKit answers and can build linux/arm64", async () => {
    const workers = await daemon2.listWorkers();
    expect(workers.flatMap((w) => w.platforms)).toContain("linux/arm64");
  });

  test("amd64 on daemon 1 and arm64 on daemon 2 make one index with both platforms and their attestations, equal to a single-daemon build", async () => {
    const repo = `${env.KILN_REGISTRY}/itg/nodes`;
    const tag = uniqueTag("nodes");
    const plan = planNodes(both, parseNodes(`linux/arm64=${armNode.address}`));
    expect(plan.parts).toEqual([
      { kind: "default", platforms: ["linux/amd64"] },
      { kind: "node", endpoint: armNode.address, platforms: ["linux/arm64"] },
    ]);
    const nodeClient = await BuildkitClient.connect(remoteEndpoint({ endpoint: armNode.address }));
    const seen = new Set<string>();
    try {
      await pruneBoth();
      const result = await buildOnNodes({
        plan,
        clientFor: (part: NodePart) => (part.kind === "default" ? daemon1 : nodeClient),
        solve: solveFor(dir, both),
        tags: [`${repo}:${tag}`, `${repo}:${tag}-again`],
        registry,
        onStatus: (part) => seen.add(part.kind),
      });
      expect([...seen].sort()).toEqual(["default", "node"]);
      // Each node really built its platform: the arm64 part came through the forwarder to daemon 2.
      expect(armNode.accepted()).toBeGreaterThan(0);

      // Read back with the tests' own registry reader.
      const target = { registry: env.KILN_REGISTRY, repository: "itg/nodes" };
      const index = await getManifest<ImageIndex>(target, tag);
      expect(index.digest).toBe(result.index.descriptor.digest);
      expect(index.raw.equals(result.index.bytes)).toBe(true);
      expect((await getManifest<ImageIndex>(target, `${tag}-again`)).digest).toBe(index.digest);
      expect(index.mediaType).toBe("application/vnd.oci.image.index.v1+json");
      const manifests = index.body.manifests;
      expect(manifests).toHaveLength(4);
      const images = manifests.slice(0, 2);
      const attestations = manifests.slice(2);
      expect(images.map((d) => platformString(d.platform))).toEqual(both);
      for (const [i, a] of attestations.entries()) {
        expect(a.annotations?.[ATTESTATION_TYPE]).toBe("attestation-manifest");
        expect(a.annotations?.[ATTESTATION_DIGEST]).toBe(images[i]!.digest);
        expect(platformString(a.platform)).toBe("unknown/unknown");
        const m = await getManifest<ImageManifest>(target, a.digest);
        const types = m.body.layers.map((l) => l.annotations?.[PREDICATE_TYPE]);
        expect(types).toContain("https://slsa.dev/provenance/v0.2");
        expect(types).toContain("https://spdx.dev/Document");
      }
      expect(result.digests).toEqual({ "linux/amd64": images[0]!.digest, "linux/arm64": images[1]!.digest });
      expect(result.attestations).toEqual({
        "linux/amd64": attestations[0]!.digest,
        "linux/arm64": attestations[1]!.digest,
      });
      // The arm64 image really ran its RUN step as arm64 (under QEMU on daemon 2).
      const arm = await getManifest<ImageManifest>(target, images[1]!.digest);
      const config = JSON.parse((await getBlob(target, arm.body.config.digest)).toString("utf8")) as {
        architecture: string;
      };
      expect(config.architecture).toBe("arm64");

      // Reference: the same input, both platforms in one solve on daemon 1, after pruning both caches.
      await pruneBoth();
      const single = `${repo}:${tag}-single`;
      await daemon1.solve({
        ...solveFor(dir, both),
        exporters: [imageExporter({ names: [single], push: true, rewriteTimestamp: true, store: false })],
      });
      expect(await platformDigests(`${repo}:${tag}`)).toEqual(await platformDigests(single));
    } finally {
      await nodeClient.close();
    }
  });

  test("a failing part leaves no tag behind and names its node", async () => {
    const repo = `${env.KILN_REGISTRY}/itg/nodes-fail`;
    const tag = uniqueTag("fail");
    const failing = await mkdtemp(join(tmpdir(), "kiln-itg-nodes-fail-"));
    await writeFile(
      join(failing, "Dockerfile"),
      `FROM ${env.KILN_BASE_IMAGE}\nARG TARGETARCH\nRUN test "$TARGETARCH" != arm64 || (echo no arm64 here >&2; exit 3)\n`,
    );
    const nodeClient = await BuildkitClient.connect(remoteEndpoint({ endpoint: armNode.address }));
    try {
      const plan = planNodes(both, parseNodes(`linux/arm64=${armNode.address}`));
      await expect(
        buildOnNodes({
          plan,
          clientFor: (part) => (part.kind === "default" ? daemon1 : nodeClient),
          solve: solveFor(failing, both),
          tags: [`${repo}:${tag}`],
          registry,
        }),
      ).rejects.toThrow(`failed to build linux/arm64 on ${armNode.address}:`);
      const res = await fetch(`http://${env.KILN_REGISTRY}/v2/itg/nodes-fail/manifests/${tag}`, {
        method: "HEAD",
        headers: { accept: "application/vnd.oci.image.index.v1+json" },
      });
      expect(res.status).toBe(404);
    } finally {
      await nodeClient.close();
      await rm(failing, { recursive: true, force: true });
    }
  });
});
