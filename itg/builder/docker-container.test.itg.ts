// The docker-container driver against the stack's real Docker daemon and a REAL standalone BuildKit: the stack's
// image (KILN_BUILDKIT_IMAGE, buildkitd/buildctl v0.26 assembled by scripts/stack-up.sh and pushed to the plain
// registry). The container runs with network=host (Kiln's default), so its buildkitd reaches the stack's
// 127.0.0.1 registries; the plain one is declared http in the generated buildkitd.toml.
// `moby/buildkit` itself cannot be pulled here (no Docker Hub): the pinned default's pull runs in
// .github/workflows/real-runners.yml; here an image no registry has shows the pull failure's one line.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BuildkitClient } from "../../src/buildkit/index.js";
import {
  BuilderError,
  bootstrapContainer,
  planContainer,
  removeBuilder,
  type DockerContainerOptions,
} from "../../src/builder/docker-container/index.js";
import { execEndpoint } from "../../src/builder/exec-endpoint.js";
import { execRun, inspectContainer, inspectImage, parseDockerHost, type DockerHost } from "../../src/docker/index.js";
import { docker, loadStackEnv, uniqueTag, type StackEnv } from "../helpers/stack-env.js";
import { dockerfileSolve } from "../helpers/build-fixture.js";

describe("docker-container driver with the stack's BuildKit image", () => {
  let env: StackEnv;
  let host: DockerHost;
  const builders: string[] = [];

  const builderName = (): string => {
    const name = uniqueTag("itg");
    builders.push(name);
    return name;
  };
  const realOptions = (name: string, extra: Partial<DockerContainerOptions> = {}): DockerContainerOptions => ({
    name,
    image: env.KILN_BUILDKIT_IMAGE,
    registries: [{ host: env.KILN_REGISTRY, http: true }],
    ...extra,
  });

  beforeAll(async () => {
    env = await loadStackEnv();
    host = parseDockerHost(env.DOCKER_HOST);
  });

  afterAll(async () => {
    for (const name of builders) await removeBuilder(host, name);
  });

  it("fails fast with one line naming the image when it cannot be pulled", async () => {
    const absent = `${env.KILN_REGISTRY}/kiln-itg/absent-buildkit:v0@sha256:${"0".repeat(64)}`;
    expect(await inspectImage(host, absent)).toBeUndefined();
    const name = builderName();
    const started = Date.now();
    const err = await bootstrapContainer(host, planContainer({ name, image: absent }), { pullTimeoutMs: 30_000 }).catch(
      (e: unknown) => e,
    );
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(err).toBeInstanceOf(BuilderError);
    expect((err as BuilderError).code).toBe("image-pull");
    const message = (err as Error).message;
    expect(message.startsWith(`failed to pull ${absent}: `)).toBe(true);
    expect(message).not.toContain("\n");
    expect(await inspectContainer(host, `kiln_buildkit_${name}`)).toBeUndefined();
  });

  it("creates the container, copies the config in, starts buildkitd with it and answers Info", async () => {
    const name = builderName();
    const ca = "-----BEGIN CERTIFICATE-----\nMIIBnotused\n-----END CERTIFICATE-----\n";
    const plan = planContainer(
      realOptions(name, {
        registries: [
          { host: env.KILN_REGISTRY, http: true },
          { host: "registry.corp:5443", ca: [ca] },
          { host: "docker.io", mirrors: ["mirror.gcr.io"] },
        ],
        userConfig: {
          source: "buildkitd-config-inline",
          content: '[worker.oci]\nlabels = { "kiln.itg" = "user-config" }\n',
        },
      }),
    );
    const steps: string[] = [];
    const created: string[] = [];
    const booted = await bootstrapContainer(host, plan, {
      onStep: (s) => steps.push(s),
      onCreated: (c) => created.push(c),
    });
    expect(booted.reused).toBe(false);
    expect(booted.containerName).toBe(`kiln_buildkit_${name}`);
    expect(created).toEqual([booted.containerName]);
    // The real daemon answered, not a stand-in.
    expect(booted.info.version).toBe(env.KILN_BUILDKIT_VERSION);
    expect(steps).toContain(`creating container kiln_buildkit_${name}`);

    const inspected = JSON.parse((await docker(env, ["container", "inspect", booted.containerName])).stdout) as [
      {
        Config: { Image: string; Cmd: string[]; Labels: Record<string, string> };
        HostConfig: { Privileged: boolean; NetworkMode: string };
        Mounts: { Type: string; Name: string; Destination: string }[];
        State: { Running: boolean };
      },
    ];
    const c = inspected[0];
    expect(c.State.Running).toBe(true);
    expect(c.Config.Image).toBe(env.KILN_BUILDKIT_IMAGE);
    expect(c.Config.Cmd.slice(0, 2)).toEqual(["--config", "/etc/buildkit/buildkitd.toml"]);
    expect(c.Config.Labels).toMatchObject({ "kiln.builder": name, "kiln.config-hash": plan.configHash });
    expect(c.HostConfig).toMatchObject({ Privileged: true, NetworkMode: "host" });
    expect(c.Mounts).toEqual([
      expect.objectContaining({
        Type: "volume",
        Name: `kiln_buildkit_${name}_state`,
        Destination: "/var/lib/buildkit",
      }),
    ]);

    // The exact bytes Kiln planned are where buildkitd read them.
    const toml = await execRun(host, booted.containerName, { cmd: ["cat", "/etc/buildkit/buildkitd.toml"] });
    expect(toml.stdout).toBe(plan.toml);
    expect(plan.toml).toContain(`[registry."${env.KILN_REGISTRY}"]`);
    const cert = await execRun(host, booted.containerName, {
      cmd: ["cat", "/etc/buildkit/certs/registry.corp_5443/ca-1.pem"],
    });
    expect(cert.stdout).toBe(ca);

    const client = await BuildkitClient.connect(booted.endpoint);
    try {
      const workers = await client.listWorkers();
      expect(workers.flatMap((w) => w.platforms)).toContain("linux/amd64");
      // The daemon runs with the user's part of the config (buildkitd-config-inline), merged with Kiln's.
      expect(workers[0]?.labels["kiln.itg"]).toBe("user-config");
    } finally {
      await client.close();
    }
  });

  it("reuses a running container with the same configuration, replaces one whose configuration changed, keeps state", async () => {
    const name = builderName();
    const first = await bootstrapContainer(host, planContainer(realOptions(name)));
    const firstId = (await inspectContainer(host, first.containerName))?.Id;

    const steps: string[] = [];
    const again = await bootstrapContainer(host, planContainer(realOptions(name)), { onStep: (s) => steps.push(s) });
    expect(again.reused).toBe(true);
    expect(steps).toEqual([`reusing container kiln_buildkit_${name}`]);
    expect((await inspectContainer(host, again.containerName))?.Id).toBe(firstId);

    // State written by the first container survives the replacement (the volume is kept).
    await execRun(host, first.containerName, { cmd: ["sh", "-c", "echo cache > /var/lib/buildkit/marker"] });
    const changed = planContainer(realOptions(name, { flags: ["--debug"] }));
    const replaced = await bootstrapContainer(host, changed, { onStep: (s) => steps.push(s) });
    expect(replaced.reused).toBe(false);
    expect(replaced.info.version).toBe(env.KILN_BUILDKIT_VERSION);
    expect(steps.slice(1)).toEqual(
      expect.arrayContaining([
        `replacing container kiln_buildkit_${name}: its configuration differs`,
        `creating container kiln_buildkit_${name}`,
      ]),
    );
    const now = await inspectContainer(host, replaced.containerName);
    expect(now?.Id).not.toBe(firstId);
    expect(now?.Config.Labels?.["kiln.config-hash"]).toBe(changed.configHash);
    expect((await execRun(host, replaced.containerName, { cmd: ["cat", "/var/lib/buildkit/marker"] })).stdout).toBe(
      "cache\n",
    );

    // A stopped container with the same configuration is started again, not recreated.
    await docker(env, ["stop", "--time", "1", replaced.containerName]);
    const restarted = await bootstrapContainer(host, changed);
    expect(restarted.reused).toBe(false);
    expect((await inspectContainer(host, restarted.containerName))?.Id).toBe(now?.Id);
    expect(restarted.info.version).toBe(env.KILN_BUILDKIT_VERSION);
  });

  it("post step: removes the container, keeps the state volume when asked, else removes it too", async () => {
    const name = builderName();
    const booted = await bootstrapContainer(host, planContainer(realOptions(name)));
    await removeBuilder(host, name, { keepState: true });
    expect(await inspectContainer(host, booted.containerName)).toBeUndefined();
    await docker(env, ["volume", "inspect", `kiln_buildkit_${name}_state`]);
    await removeBuilder(host, name);
    await expect(docker(env, ["volume", "inspect", `kiln_buildkit_${name}_state`])).rejects.toThrow();
    await removeBuilder(host, name); // nothing left: still fine
  });

  it("fails at once when buildkitd exits, with its exit code and log", async () => {
    const name = builderName();
    const plan = planContainer(realOptions(name, { flags: ["--no-such-flag"] }));
    const started = Date.now();
    const err = await bootstrapContainer(host, plan, { readyTimeoutMs: 30_000 }).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect((err as BuilderError).code).toBe("not-ready");
    expect((err as Error).message).toMatch(
      new RegExp(`^container kiln_buildkit_${name} stopped \\(exit code \\d+\\): `),
    );
    // buildkitd's own complaint is kept, although its usage text follows it.
    expect((err as Error).message).toContain("flag provided but not defined: -no-such-flag");
  });

  it("runs a solve with a file-sync session over the exec endpoint, FROM the plain registry", async () => {
    const name = builderName();
    const booted = await bootstrapContainer(host, planContainer(realOptions(name)));
    const context = await mkdtemp(path.join(tmpdir(), "kiln-itg-dc-ctx-"));
    try {
      const marker = uniqueTag("marker");
      await writeFile(path.join(context, "hello.txt"), `${marker}\n`);
      await writeFile(
        path.join(context, "Dockerfile"),
        `FROM ${env.KILN_BASE_IMAGE}\nCOPY hello.txt /\nRUN cat /hello.txt\n`,
      );
      const endpoint = execEndpoint(host, booted.containerName);
      expect(endpoint).toMatchObject({
        kind: "dial",
        name: `docker-container ${booted.containerName} on ${env.DOCKER_HOST}`,
      });
      const client = await BuildkitClient.connect(endpoint);
      const logs: string[] = [];
      try {
        await client.solve(dockerfileSolve(context, { frontendAttrs: { filename: "Dockerfile", "no-cache": "" } }), {
          onStatus: (s) => logs.push(...s.logs.map((l) => Buffer.from(l.data).toString("utf8"))),
        });
      } finally {
        await client.close();
      }
      expect(logs.join("")).toContain(marker);
    } finally {
      await rm(context, { recursive: true, force: true });
    }
  });
});
