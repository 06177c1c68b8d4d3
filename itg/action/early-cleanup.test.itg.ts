// The post step removes the docker-container builder even when the builder fails to open after its container
// was created (here: an image whose entrypoint is no buildkitd, so the container never answers). Main saves the
// container's name to the step state as soon as it exists (issue 16), through the action's bundles.
// Needs `npm run build` first.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { inspectContainer, parseDockerHost } from "../../src/docker/index.js";
import { runAction } from "../helpers/run-action.js";
import { loadStackEnv, type StackEnv } from "../helpers/stack-env.js";

describe("a builder that fails to open after its container was created", () => {
  let env: StackEnv;
  let workspace: string;

  beforeAll(async () => {
    env = await loadStackEnv();
    workspace = await mkdtemp(join(tmpdir(), "kiln-itg-early-cleanup-"));
    await writeFile(join(workspace, "Dockerfile"), `FROM ${env.KILN_BASE_IMAGE}\n`);
  });

  afterAll(async () => {
    await rm(workspace, { recursive: true, force: true });
  });

  test("is in main's state and removed by the post step", async () => {
    const inputs = {
      context: ".",
      driver: "docker-container",
      // busybox: the container is created, but `buildkitd` flags are no command it can run.
      "driver-opts": `image=${env.KILN_BASE_IMAGE}`,
    };
    const runEnv = {
      DOCKER_HOST: env.DOCKER_HOST,
      GITHUB_WORKSPACE: workspace,
      GITHUB_JOB: `early${process.pid}`,
    };
    const main = await runAction("main", inputs, runEnv);
    expect(main.code).toBe(1);
    expect(main.stdout).toMatch(/^::error::/m);
    const container = main.state["container"] ?? "";
    expect(container).toMatch(/^kiln_buildkit_/);
    const host = parseDockerHost(env.DOCKER_HOST);
    expect(await inspectContainer(host, container)).not.toBeUndefined();

    const post = await runAction("post", inputs, runEnv, main.state);
    expect(post.code).toBe(0);
    expect(post.stdout).toContain(`removed builder ${container}`);
    expect(await inspectContainer(host, container)).toBeUndefined();
  });
});
