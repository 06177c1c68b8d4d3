import { afterAll, beforeAll, expect, test } from "vitest";
import { readFile } from "node:fs/promises";
import { parseDockerHost } from "../../src/docker/index.js";
import { loadStackEnv, STACK_ENV_PATH, uniqueTag, type StackEnv } from "../helpers/stack-env.js";
import { contextWith } from "../helpers/build-fixture.js";
import { startFaultProxy, type FaultProxy } from "../helpers/fault-proxy.js";
import { runAction } from "../helpers/run-action.js";
import { startUnixForwarder, type Forwarder } from "../helpers/tls-forwarder.js";

let env: StackEnv;
let workspace: string;
let node: Forwarder;
let proxy: FaultProxy;

beforeAll(async () => {
  env = await loadStackEnv();
  const record = JSON.parse(await readFile(STACK_ENV_PATH, "utf8")) as Record<string, string>;
  const docker2 = record["KILN_DOCKER2_HOST"] ?? "";
  if (!docker2) throw new Error(`${STACK_ENV_PATH} lacks KILN_DOCKER2_HOST: run \`bash scripts/stack-up.sh\``);
  node = await startUnixForwarder({ docker: parseDockerHost(docker2) });
  workspace = await contextWith({ Dockerfile: `FROM ${env.KILN_BASE_IMAGE}\nCOPY f /\n`, f: `${uniqueTag()}\n` });
  // The node pushes its manifests by digest through the proxy; Kiln's own index PUT by tag is never answered.
  proxy = await startFaultProxy(env.KILN_REGISTRY, { hangTagPut: true });
});

afterAll(async () => {
  await proxy?.close();
  await node?.close();
});

// Found by fault injection: on the nodes path Kiln writes the index itself, and a registry that never answered
// that PUT left the step waiting for the job's timeout.
test("nodes: a registry that never answers the index PUT fails the step, bounded, in one line naming the registry", async () => {
  const tag = `${proxy.address}/itg/nodes-hang:${uniqueTag()}`;
  const started = Date.now();
  const run = await runAction(
    "main",
    {
      driver: "docker",
      platforms: "linux/amd64",
      nodes: `linux/amd64=${node.address}`,
      tags: tag,
      push: "true",
      provenance: "false",
      sbom: "false",
      "source-date-epoch": "1700000000",
    },
    { GITHUB_WORKSPACE: workspace, DOCKER_HOST: env.DOCKER_HOST },
  );
  const elapsedS = (Date.now() - started) / 1000;
  console.log(`nodes index PUT hang: failed after ${elapsedS.toFixed(1)} s`);
  expect(run.code).toBe(1);
  expect(node.accepted()).toBeGreaterThan(0);
  const errors = run.stdout.split("\n").filter((l) => l.startsWith("::error"));
  // RegistryClient's per-request bound (REGISTRY_CLIENT_DEFAULTS.timeoutMs, 60 s) ends the PUT.
  const ref = tag.replace(/[.]/g, "\\.");
  expect(errors).toEqual([
    expect.stringMatching(new RegExp(`^::error::failed to put manifest ${ref}: timed out after 60000 ms$`)),
  ]);
  expect(run.stdout + run.stderr).not.toMatch(/\n\s+at /);
  expect(run.outputs).toEqual({});
  expect(elapsedS).toBeLessThan(120);
}, 240_000);
