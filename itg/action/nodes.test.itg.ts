import { afterAll, beforeAll, expect, test } from "vitest";
import { readFile } from "node:fs/promises";
import { execFileSync } from "node:child_process";
import { parseDockerHost } from "../../src/docker/index.js";
import { loadStackEnv, STACK_ENV_PATH, uniqueTag, type StackEnv } from "../helpers/stack-env.js";
import { getManifest, parseReference, platformDigests, type ImageIndex } from "../helpers/registry-http.js";
import { contextWith } from "../helpers/build-fixture.js";
import { runAction } from "../helpers/run-action.js";
import { startUnixForwarder, type Forwarder } from "../helpers/tls-forwarder.js";

let env: StackEnv;
let workspace: string;
let node: Forwarder;
let docker2: string;

beforeAll(async () => {
  env = await loadStackEnv();
  const record = JSON.parse(await readFile(STACK_ENV_PATH, "utf8")) as Record<string, string>;
  docker2 = record["KILN_DOCKER2_HOST"] ?? "";
  if (!docker2) throw new Error(`${STACK_ENV_PATH} lacks KILN_DOCKER2_HOST: run \`bash scripts/stack-up.sh\``);
  // The second daemon's embedded BuildKit, reachable as a plain BuildKit unix socket (Control.Session sessions).
  node = await startUnixForwarder({ docker: parseDockerHost(docker2) });
  workspace = await contextWith({
    Dockerfile: `ARG BASE\nFROM \${BASE}\nRUN uname -m > /arch\nCOPY app.txt /\n`,
    "app.txt": "nodes\n",
  });
});

afterAll(async () => {
  await node?.close();
});

test("nodes: linux/arm64 on a second BuildKit and linux/amd64 on the first make one attested index equal to a single-daemon build", async () => {
  const inputs = (tag: string): Record<string, string> => ({
    driver: "docker",
    platforms: "linux/amd64,linux/arm64",
    tags: tag,
    push: "true",
    "source-date-epoch": "1700000000",
    "build-args": `BASE=${env.KILN_BASE_IMAGE}`,
    "sbom-generator": env.KILN_SBOM_GENERATOR,
    // Both daemons must resolve the base image from the registry, not from whatever each holds locally.
    pull: "true",
  });
  const prune = (host: string): void => {
    execFileSync("docker", ["buildx", "prune", "-af"], { env: { ...process.env, DOCKER_HOST: host }, stdio: "pipe" });
  };
  prune(env.DOCKER_HOST);
  prune(docker2);
  const split = `${env.KILN_REGISTRY}/itg/nodes:${uniqueTag("split")}`;
  const run = await runAction(
    "main",
    { ...inputs(split), nodes: `linux/arm64=${node.address}` },
    { GITHUB_WORKSPACE: workspace, DOCKER_HOST: env.DOCKER_HOST },
  );
  expect(run.stdout).not.toMatch(/::error/);
  expect(run.code).toBe(0);
  expect(node.accepted()).toBeGreaterThan(0);

  const { registry, repository, tag } = parseReference(split);
  const index = await getManifest<ImageIndex>({ registry, repository }, tag);
  expect(run.outputs["digest"]).toBe(index.digest);
  const attestations = index.body.manifests.filter(
    (m) => m.annotations?.["vnd.docker.reference.type"] === "attestation-manifest",
  );
  expect(attestations).toHaveLength(2);
  expect(Object.keys(JSON.parse(run.outputs["attestations"]!) as object).sort()).toEqual([
    "linux/amd64",
    "linux/arm64",
  ]);

  prune(env.DOCKER_HOST);
  const single = `${env.KILN_REGISTRY}/itg/nodes:${uniqueTag("single")}`;
  const reference = await runAction("main", inputs(single), {
    GITHUB_WORKSPACE: workspace,
    DOCKER_HOST: env.DOCKER_HOST,
  });
  expect(reference.code).toBe(0);
  expect(await platformDigests(split)).toEqual(await platformDigests(single));
});
