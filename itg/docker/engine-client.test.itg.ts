// The Engine API client against the stack's real Docker daemon: system calls, images, containers, volumes,
// archives, logs, and exec with hijacked stdio (stdin in, stdout and stderr demultiplexed apart).
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DockerError,
  containerLogs,
  createContainer,
  createVolume,
  execAttach,
  execRun,
  info,
  inspectContainer,
  inspectImage,
  parseDockerHost,
  ping,
  pullImage,
  putArchive,
  removeContainer,
  removeVolume,
  startContainer,
  tarArchive,
  usesContainerdStore,
  version,
  type DockerHost,
  type ExecStream,
} from "../../src/docker/index.js";
import { docker, loadStackEnv, uniqueTag, type StackEnv } from "../helpers/stack-env.js";

function collect(stream: ExecStream): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on("data", (c: Buffer) => chunks.push(c));
    stream.on("end", () => resolve(Buffer.concat(chunks)));
    stream.on("error", reject);
  });
}

describe("Docker Engine API client", () => {
  let env: StackEnv;
  let host: DockerHost;
  const name = uniqueTag("kiln-itg-engine");
  const volume = `${name}-vol`;

  beforeAll(async () => {
    env = await loadStackEnv();
    host = parseDockerHost(env.DOCKER_HOST);
    await createContainer(
      host,
      { Image: env.KILN_BASE_IMAGE, Cmd: ["sh", "-c", "echo started; echo warming >&2; exec sleep 3600"] },
      { name },
    );
    await startContainer(host, name);
  });

  afterAll(async () => {
    await removeContainer(host, name, { force: true });
    await removeVolume(host, volume);
  });

  it("pings, reads the version and detects the containerd image store", async () => {
    expect(await ping(host)).toBe("OK");
    const v = await version(host);
    expect(v.ApiVersion).toMatch(/^1\.\d+$/);
    expect(v.Os).toBe("linux");
    expect(usesContainerdStore(await info(host))).toBe(true);
  });

  it("inspects an image it has and answers undefined for one it has not", async () => {
    const image = await inspectImage(host, env.KILN_BASE_IMAGE);
    expect(image?.Id).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(await inspectImage(host, `${env.KILN_REGISTRY}/kiln/never-pulled:${uniqueTag()}`)).toBeUndefined();
  });

  it("pulls from the local registry with progress, and names the image and the daemon's reason when a pull fails", async () => {
    const seen: string[] = [];
    await pullImage(host, env.KILN_BASE_IMAGE, { onProgress: (p) => seen.push(p.status ?? "") });
    expect(seen.length).toBeGreaterThan(0);

    const missing = `${env.KILN_REGISTRY}/kiln/does-not-exist:${uniqueTag()}`;
    const err = await pullImage(host, missing, { timeoutMs: 30_000 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DockerError);
    expect((err as DockerError).message).toMatch(
      new RegExp(`^failed to pull ${missing.replace(/[.]/g, "\\.")}: .*not found`),
    );
  });

  it("echoes stdin to stdout through cat, byte for byte, across many stdcopy frames", async () => {
    const input = randomBytes(3 * 1024 * 1024 + 17);
    const stream = await execAttach(host, name, { cmd: ["cat"] });
    const output = collect(stream);
    stream.end(input);
    const echoed = await output;
    expect(echoed.length).toBe(input.length);
    expect(echoed.equals(input)).toBe(true);
    expect(stream.stderr).toBe("");
  });

  it("keeps stderr apart from stdout and reports the exit code", async () => {
    const result = await execRun(host, name, { cmd: ["sh", "-c", "echo out; echo err >&2; echo more; exit 3"] });
    expect(result).toEqual({ exitCode: 3, stdout: "out\nmore\n", stderr: "err\n" });
  });

  it("copies a tar archive into the container with exact bytes and modes", async () => {
    const content = '[registry."example.com"]\n  http = true\n';
    const tar = tarArchive([
      { path: "kiln-test/" },
      { path: "kiln-test/certs/", mode: 0o700 },
      { path: "kiln-test/buildkitd.toml", content },
      { path: "kiln-test/certs/ca.pem", content: "PEM\n", mode: 0o600 },
    ]);
    await putArchive(host, name, "/tmp", tar);
    const read = await execRun(host, name, {
      cmd: [
        "sh",
        "-c",
        "cat /tmp/kiln-test/buildkitd.toml; stat -c '%a %u' /tmp/kiln-test/certs /tmp/kiln-test/certs/ca.pem",
      ],
    });
    expect(read.stdout).toBe(`${content}700 0\n600 0\n`);
    // The docker CLI reads the same file back.
    expect((await docker(env, ["exec", name, "cat", "/tmp/kiln-test/buildkitd.toml"])).stdout).toBe(content);
  });

  it("reads a container's logs with stdout and stderr", async () => {
    const logs = await containerLogs(host, name, { tail: 10 });
    expect(logs).toContain("started\n");
    expect(logs).toContain("warming\n");
  });

  it("inspects containers, creates and removes volumes", async () => {
    const c = await inspectContainer(host, name);
    expect(c?.State.Running).toBe(true);
    expect(await inspectContainer(host, `${name}-absent`)).toBeUndefined();
    await createVolume(host, volume, { labels: { "kiln.test": "1" } });
    expect((await docker(env, ["volume", "inspect", "--format", "{{.Labels}}", volume])).stdout).toContain(
      "kiln.test:1",
    );
    await removeVolume(host, volume);
    await expect(docker(env, ["volume", "inspect", volume])).rejects.toThrow();
  });

  it("throws DockerError with the daemon's message and status", async () => {
    const err = await createContainer(host, { Image: `${env.KILN_REGISTRY}/kiln/absent:${uniqueTag()}` }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(DockerError);
    expect((err as DockerError).status).toBe(404);
    expect((err as DockerError).message).toMatch(/^failed to create container from .*: No such image/);
  });
});
