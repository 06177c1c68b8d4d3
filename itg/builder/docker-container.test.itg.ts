// The docker-container driver against the stack's real Docker daemon.
//
// `moby/buildkit` cannot be pulled here (no Docker Hub), so:
// - the real pinned image is used only to show the clear, fast error when its pull fails;
// - everything else runs with a stand-in image built here from the stack's busybox: its `buildkitd` prints
//   its arguments and sleeps, its `buildctl dial-stdio` is `nc` to a forwarder in this test process that
//   hijacks the daemon's `/grpc`. So Info, ListWorkers and a solve with a file-sync session really travel over
//   `docker exec` stdio (stdcopy-demuxed) to a real BuildKit (the daemon's embedded one); the container's spec,
//   config copy, readiness wait, reuse, replacement and removal are Kiln's real code against the real daemon.
// The real image runs in .github/workflows on GitHub's runners.
import { createServer, type Server, type Socket } from "node:net";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BuildkitClient } from "../../src/buildkit/index.js";
import {
  BuilderError,
  DEFAULT_BUILDKIT_IMAGE,
  bootstrapContainer,
  planContainer,
  removeBuilder,
  type DockerContainerOptions,
} from "../../src/builder/docker-container/index.js";
import { execEndpoint } from "../../src/builder/exec-endpoint.js";
import {
  execRun,
  hijack,
  inspectContainer,
  inspectImage,
  parseDockerHost,
  type DockerHost,
} from "../../src/docker/index.js";
import { docker, loadStackEnv, uniqueTag, type StackEnv } from "../helpers/stack-env.js";
import { dockerfileSolve } from "../helpers/build-fixture.js";

const fakeBuildkitd = `#!/bin/sh
echo "stand-in buildkitd $*"
echo "stand-in buildkitd ready" >&2
if [ -n "$KILN_FAKE_EXIT" ]; then exit "$KILN_FAKE_EXIT"; fi
exec sleep 1000000
`;
const fakeBuildctl = `#!/bin/sh
[ "$1" = dial-stdio ] || { echo "stand-in buildctl: only dial-stdio" >&2; exit 2; }
exec nc 127.0.0.1 "$KILN_FAKE_BUILDKIT_PORT"
`;

describe("docker-container driver", () => {
  let env: StackEnv;
  let host: DockerHost;
  let workDir: string;
  let forwarder: Server;
  let port: number;
  const forwarded = new Set<Socket>();
  const standIn = `kiln-itg/buildkit-stand-in:${uniqueTag()}`;
  const builders: string[] = [];

  const builderName = (): string => {
    const name = uniqueTag("itg");
    builders.push(name);
    return name;
  };
  const standInOptions = (name: string, extra: Partial<DockerContainerOptions> = {}): DockerContainerOptions => ({
    name,
    image: standIn,
    flags: ["--debug"],
    ...extra,
    env: { KILN_FAKE_BUILDKIT_PORT: String(port), ...extra.env },
  });

  beforeAll(async () => {
    env = await loadStackEnv();
    host = parseDockerHost(env.DOCKER_HOST);
    workDir = await mkdtemp(path.join(tmpdir(), "kiln-itg-dc-"));
    await writeFile(path.join(workDir, "buildkitd"), fakeBuildkitd, { mode: 0o755 });
    await writeFile(path.join(workDir, "buildctl"), fakeBuildctl, { mode: 0o755 });
    await writeFile(
      path.join(workDir, "Dockerfile"),
      `FROM ${env.KILN_BASE_IMAGE}\nCOPY buildkitd buildctl /usr/local/bin/\n` +
        `ENV PATH=/usr/local/bin:/usr/bin:/bin\nENTRYPOINT ["/usr/local/bin/buildkitd"]\n`,
    );
    await docker(env, ["buildx", "build", "--builder", "default", "--load", "--tag", standIn, workDir]);

    // The stand-in buildctl's other end: each connection becomes a hijacked /grpc on the daemon.
    forwarder = createServer((local) => {
      forwarded.add(local);
      local.on("close", () => forwarded.delete(local));
      local.pause();
      hijack(host, "/grpc", "h2c").then(
        (remote) => {
          local.pipe(remote);
          remote.pipe(local);
          local.resume();
          local.on("close", () => remote.destroy());
          remote.on("close", () => local.destroy());
          local.on("error", () => remote.destroy());
          remote.on("error", () => local.destroy());
        },
        () => local.destroy(),
      );
    });
    await new Promise<void>((resolve) => forwarder.listen(0, "127.0.0.1", resolve));
    port = (forwarder.address() as { port: number }).port;
  });

  afterAll(async () => {
    for (const name of builders) await removeBuilder(host, name);
    for (const socket of forwarded) socket.destroy();
    await new Promise((resolve) => forwarder?.close(resolve));
    await docker(env, ["image", "rm", "--force", standIn]).catch(() => undefined);
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  it("fails fast with one line naming the pinned image when it cannot be pulled", async () => {
    expect(await inspectImage(host, DEFAULT_BUILDKIT_IMAGE)).toBeUndefined();
    const name = builderName();
    const started = Date.now();
    const err = await bootstrapContainer(host, planContainer({ name }), { pullTimeoutMs: 30_000 }).catch(
      (e: unknown) => e,
    );
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(err).toBeInstanceOf(BuilderError);
    expect((err as BuilderError).code).toBe("image-pull");
    const message = (err as Error).message;
    expect(message.startsWith(`failed to pull ${DEFAULT_BUILDKIT_IMAGE}: `)).toBe(true);
    expect(message).not.toContain("\n");
    // The daemon's reason is kept (here: Docker Hub cannot be resolved or reached).
    expect(message.length).toBeGreaterThan(`failed to pull ${DEFAULT_BUILDKIT_IMAGE}: `.length + 10);
    expect(await inspectContainer(host, `kiln_buildkit_${name}`)).toBeUndefined();
  });

  it("starts the container as planned, copies the config in, and answers Info over docker exec stdio", async () => {
    const name = builderName();
    const ca = "-----BEGIN CERTIFICATE-----\nMIIBstandin\n-----END CERTIFICATE-----\n";
    const plan = planContainer(
      standInOptions(name, {
        registries: [
          { host: env.KILN_REGISTRY, http: true },
          { host: "registry.corp:5443", ca: [ca] },
          { host: "docker.io", mirrors: ["mirror.gcr.io"] },
        ],
        userConfig: { source: "buildkitd-config-inline", content: "debug = true\n" },
      }),
    );
    const steps: string[] = [];
    const booted = await bootstrapContainer(host, plan, { onStep: (s) => steps.push(s) });
    expect(booted.reused).toBe(false);
    expect(booted.containerName).toBe(`kiln_buildkit_${name}`);
    expect(booted.info.version).not.toBe("");
    expect(steps).toEqual([`creating container kiln_buildkit_${name}`]);

    const inspected = JSON.parse((await docker(env, ["container", "inspect", booted.containerName])).stdout) as [
      {
        Config: { Image: string; Cmd: string[]; Labels: Record<string, string> };
        HostConfig: { Privileged: boolean; Init: boolean; NetworkMode: string };
        Mounts: { Type: string; Name: string; Destination: string }[];
        State: { Running: boolean };
      },
    ];
    const c = inspected[0];
    expect(c.State.Running).toBe(true);
    expect(c.Config.Image).toBe(standIn);
    expect(c.Config.Cmd).toEqual([
      "--config",
      "/etc/buildkit/buildkitd.toml",
      "--debug",
      "--allow-insecure-entitlement=network.host",
    ]);
    expect(c.Config.Labels).toMatchObject({ "kiln.builder": name, "kiln.config-hash": plan.configHash });
    expect(c.HostConfig).toMatchObject({ Privileged: true, Init: true, NetworkMode: "host" });
    expect(c.Mounts).toEqual([
      expect.objectContaining({
        Type: "volume",
        Name: `kiln_buildkit_${name}_state`,
        Destination: "/var/lib/buildkit",
      }),
    ]);

    // The exact bytes Kiln planned are where buildkitd reads them.
    const toml = await execRun(host, booted.containerName, { cmd: ["cat", "/etc/buildkit/buildkitd.toml"] });
    expect(toml.stdout).toBe(plan.toml);
    expect(plan.toml).toContain(`[registry."${env.KILN_REGISTRY}"]\n  http = true\n`);
    const cert = await execRun(host, booted.containerName, {
      cmd: ["cat", "/etc/buildkit/certs/registry.corp_5443/ca-1.pem"],
    });
    expect(cert.stdout).toBe(ca);
    const logs = (await docker(env, ["logs", booted.containerName])).stdout;
    expect(logs).toContain("stand-in buildkitd --config /etc/buildkit/buildkitd.toml --debug");

    const client = await BuildkitClient.connect(booted.endpoint);
    try {
      const workers = await client.listWorkers();
      expect(workers.flatMap((w) => w.platforms)).toContain("linux/amd64");
    } finally {
      await client.close();
    }
  });

  it("reuses a running container with the same configuration and replaces one whose configuration changed", async () => {
    const name = builderName();
    const first = await bootstrapContainer(host, planContainer(standInOptions(name)));
    const firstId = (await inspectContainer(host, first.containerName))?.Id;

    const steps: string[] = [];
    const again = await bootstrapContainer(host, planContainer(standInOptions(name)), { onStep: (s) => steps.push(s) });
    expect(again.reused).toBe(true);
    expect(steps).toEqual([`reusing container kiln_buildkit_${name}`]);
    expect((await inspectContainer(host, again.containerName))?.Id).toBe(firstId);

    // State written by the first container survives the replacement (the volume is kept).
    await execRun(host, first.containerName, { cmd: ["sh", "-c", "echo cache > /var/lib/buildkit/marker"] });
    const changed = planContainer(standInOptions(name, { flags: ["--debug", "--trace"] }));
    const replaced = await bootstrapContainer(host, changed, { onStep: (s) => steps.push(s) });
    expect(replaced.reused).toBe(false);
    expect(steps.slice(1)).toEqual([
      `replacing container kiln_buildkit_${name}: its configuration differs`,
      `creating container kiln_buildkit_${name}`,
    ]);
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
  });

  it("post step: removes the container, keeps the state volume when asked, else removes it too", async () => {
    const name = builderName();
    const booted = await bootstrapContainer(host, planContainer(standInOptions(name)));
    await removeBuilder(host, name, { keepState: true });
    expect(await inspectContainer(host, booted.containerName)).toBeUndefined();
    await docker(env, ["volume", "inspect", `kiln_buildkit_${name}_state`]);
    await removeBuilder(host, name);
    await expect(docker(env, ["volume", "inspect", `kiln_buildkit_${name}_state`])).rejects.toThrow();
    await removeBuilder(host, name); // nothing left: still fine
  });

  it("reports a daemon that never answers with buildctl's reason and the container's log tail", async () => {
    const name = builderName();
    // Nothing listens on port 1 of the loopback: every dial-stdio fails.
    const plan = planContainer({ ...standInOptions(name), env: { KILN_FAKE_BUILDKIT_PORT: "1" } });
    const started = Date.now();
    const err = await bootstrapContainer(host, plan, { readyTimeoutMs: 3_000 }).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(err).toBeInstanceOf(BuilderError);
    expect((err as BuilderError).code).toBe("not-ready");
    const [first, ...rest] = (err as Error).message.split("\n");
    expect(first).toMatch(
      new RegExp(`^BuildKit in container kiln_buildkit_${name} did not answer within 3000 ms: .*buildctl: nc: `),
    );
    expect(rest.join("\n")).toContain("stand-in buildkitd --debug --allow-insecure-entitlement=network.host");
    expect(rest.join("\n")).toContain("stand-in buildkitd ready");
  });

  it("fails at once when the container exits, with its exit code and log", async () => {
    const name = builderName();
    const plan = planContainer(standInOptions(name, { env: { KILN_FAKE_EXIT: "3" } }));
    const started = Date.now();
    const err = await bootstrapContainer(host, plan, { readyTimeoutMs: 30_000 }).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect((err as BuilderError).code).toBe("not-ready");
    expect((err as Error).message).toMatch(new RegExp(`^container kiln_buildkit_${name} stopped \\(exit code 3\\): `));
    expect((err as Error).message).toContain("stand-in buildkitd");
  });

  it("runs a solve with a file-sync session over the exec endpoint (Control.Session on the same connection)", async () => {
    const name = builderName();
    const booted = await bootstrapContainer(host, planContainer(standInOptions(name)));
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
      expect("dialSession" in endpoint).toBe(false);
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
