import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { BuildkitClient } from "../../src/buildkit/index.js";
import { dockerEndpoint } from "../../src/builder/docker-endpoint.js";
import { parseDockerHost } from "../../src/docker/index.js";
import { loadStackEnv, type StackEnv } from "../helpers/stack-env.js";
import { makeCorpus, type CorpusCase } from "./corpus.js";
import { buildxBuild, pruneAll } from "../helpers/reference-build.js";
import { kilnBuild } from "../helpers/kiln-build.js";
import { platformDigests } from "../helpers/registry-http.js";

const epoch = 1_700_000_000;
const run = Date.now().toString(36);

let env: StackEnv;
let client: BuildkitClient;
let corpus: CorpusCase[];

beforeAll(async () => {
  env = await loadStackEnv();
  client = await BuildkitClient.connect(dockerEndpoint(parseDockerHost(env.DOCKER_HOST)));
  corpus = await makeCorpus(env.KILN_BASE_IMAGE);
});

afterAll(async () => {
  await client?.close();
});

// Each side builds after a full cache prune, so neither can reuse the other's layers.
describe("Kiln's per-platform image digests equal docker buildx build's", () => {
  test.each([
    "multistage-emulated",
    "heredocs",
    "copy-flags",
    "dockerignore",
    "awkward-fs",
    "secrets",
    "named-contexts",
    "dockerfile-outside-context",
  ])("%s", async (name) => {
    const c = corpus.find((x) => x.name === name)!;
    const repo = `${env.KILN_REGISTRY}/oracle/${name}`;
    await pruneAll();
    await buildxBuild(c, `${repo}:buildx-${run}`, epoch);
    const reference = await platformDigests(`${repo}:buildx-${run}`);
    expect(Object.keys(reference).sort()).toEqual([...c.platforms].sort());

    await pruneAll();
    await kilnBuild(client, c, `${repo}:kiln-${run}`, epoch);
    const ours = await platformDigests(`${repo}:kiln-${run}`);
    expect(ours).toEqual(reference);
  });
});
