// load: true with two platforms through the action's main bundle (needs `npm run build` first): the stack's Docker
// 26 uses the containerd image store, which holds a multi-platform index, so the image is loaded under its tag and
// runs as either platform (arm64 under the stack's QEMU); through its embedded BuildKit (driver docker: the moby
// exporter) and from a standalone BuildKit (driver remote: an OCI tarball with an index, POST /images/load). The
// classic-store daemon holds one image per name: there the same inputs are one ::error naming load.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { contextWith } from "../helpers/build-fixture.js";
import { runAction } from "../helpers/run-action.js";
import { readStackJson, run, uniqueTag } from "../helpers/stack-env.js";

const KEYS = [
  "DOCKER_HOST",
  "KILN_DOCKER_CLASSIC_HOST",
  "KILN_BUILDKIT_HOST",
  "KILN_BUILDKIT_IMAGE",
  "KILN_BASE_IMAGE",
] as const;
let stack: Record<(typeof KEYS)[number], string>;
let workspace: string;
const loaded: { tag: string; host: string }[] = [];

const docker = (args: string[], host = stack.DOCKER_HOST) =>
  run("docker", args, { env: { ...process.env, DOCKER_HOST: host } });

beforeAll(async () => {
  stack = await readStackJson(KEYS);
  workspace = await contextWith({ Dockerfile: "ARG BASE\nFROM ${BASE}\nRUN uname -m > /arch\n" });
});

afterAll(async () => {
  for (const { tag, host } of loaded) await docker(["image", "rm", tag], host).catch(() => undefined);
});

const inputs = (tag: string): Record<string, string> => ({
  context: ".",
  load: "true",
  platforms: "linux/amd64,linux/arm64",
  tags: tag,
  "build-args": `BASE=${stack.KILN_BASE_IMAGE}`,
});

describe("load: true with platforms linux/amd64,linux/arm64", () => {
  test.each([
    ["driver docker (the Engine's BuildKit, moby exporter)", { driver: "docker" }],
    ["driver remote (standalone BuildKit, OCI tarball through /images/load)", { driver: "remote" }],
    ["driver docker-container (the stack's BuildKit image, OCI tarball)", { driver: "docker-container" }],
  ])("%s: the containerd store holds the tag, and it runs as each platform", async (_name, builder) => {
    const tag = `kiln-itg/multi:${uniqueTag()}`;
    loaded.push({ tag, host: stack.DOCKER_HOST });
    const extra =
      builder.driver === "remote"
        ? { endpoint: stack.KILN_BUILDKIT_HOST }
        : builder.driver === "docker-container"
          ? { "driver-opts": `image=${stack.KILN_BUILDKIT_IMAGE},network=host` }
          : {};
    const runner = { GITHUB_WORKSPACE: workspace, DOCKER_HOST: stack.DOCKER_HOST };
    const r = await runAction("main", { ...inputs(tag), ...builder, ...extra }, runner);
    if (builder.driver === "docker-container") await runAction("post", {}, runner, r.state);
    expect(r.stdout, r.stdout + r.stderr).not.toMatch(/::error/);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const inspect = JSON.parse((await docker(["image", "inspect", tag])).stdout) as {
      Id: string;
      RepoTags: string[];
    }[];
    expect(inspect[0]!.RepoTags).toContain(tag);
    // The containerd store's image id is the index digest, which is what buildx reports as imageid.
    expect(r.outputs["imageid"]).toBe(inspect[0]!.Id);
    for (const [platform, arch] of [
      ["linux/arm64", "aarch64"],
      ["linux/amd64", "x86_64"],
    ] as const) {
      const out = await docker(["run", "--rm", "--pull=never", "--platform", platform, tag, "cat", "/arch"]);
      expect(out.stdout).toBe(`${arch}\n`);
    }
  });

  test("a standalone BuildKit loading one platform into the classic-store daemon: a docker tarball, tagged and runnable", async () => {
    const tag = `kiln-itg/multi:${uniqueTag()}`;
    loaded.push({ tag, host: stack.KILN_DOCKER_CLASSIC_HOST });
    const r = await runAction(
      "main",
      { ...inputs(tag), platforms: "linux/arm64", driver: "remote", endpoint: stack.KILN_BUILDKIT_HOST },
      { GITHUB_WORKSPACE: workspace, DOCKER_HOST: stack.KILN_DOCKER_CLASSIC_HOST },
    );
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const out = await docker(["run", "--rm", "--pull=never", tag, "cat", "/arch"], stack.KILN_DOCKER_CLASSIC_HOST);
    expect(out.stdout).toBe("aarch64\n");
  });

  test("a remote BuildKit with no Docker daemon to load into: one ::error naming load and the daemon's address", async () => {
    const r = await runAction(
      "main",
      { ...inputs(`kiln-itg/multi:${uniqueTag()}`), driver: "remote", endpoint: stack.KILN_BUILDKIT_HOST },
      { GITHUB_WORKSPACE: workspace, DOCKER_HOST: "unix:///nonexistent/docker.sock" },
    );
    expect(r.code, r.stdout + r.stderr).not.toBe(0);
    const errors = (r.stdout + r.stderr).split("\n").filter((l) => l.startsWith("::error"));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(
      /^::error::load: the image goes into the Docker daemon, which did not answer: .*unix:\/\/\/nonexistent\/docker\.sock/,
    );
  });

  test("the classic-store daemon (driver docker via endpoint): one ::error naming load, nothing loaded", async () => {
    const tag = `kiln-itg/multi:${uniqueTag()}`;
    const r = await runAction(
      "main",
      { ...inputs(tag), driver: "docker", endpoint: stack.KILN_DOCKER_CLASSIC_HOST },
      { GITHUB_WORKSPACE: workspace, DOCKER_HOST: stack.DOCKER_HOST },
    );
    expect(r.code, r.stdout + r.stderr).not.toBe(0);
    const errors = (r.stdout + r.stderr).split("\n").filter((l) => l.startsWith("::error"));
    expect(errors).toEqual([
      `::error::load: expected a single platform to load into the Docker daemon's classic image store, got "linux/amd64,linux/arm64" (turn on the containerd image store, push instead, or build one platform)`,
    ]);
    await expect(docker(["image", "inspect", tag], stack.KILN_DOCKER_CLASSIC_HOST)).rejects.toThrow();
  });
});
