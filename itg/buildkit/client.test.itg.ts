import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { mkdtemp, readFile, writeFile, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  BuildkitClient,
  BuildkitError,
  auth,
  dockerfileFrontendAttrs,
  imageExporter,
  type SolveStatus,
} from "../../src/buildkit/index.js";
import { dockerEndpoint } from "../../src/builder/docker-endpoint.js";
import { parseDockerHost } from "../../src/docker/index.js";
import { dockerCredentialStore } from "../../src/registry/index.js";
import { loadStackEnv, uniqueTag, type StackEnv } from "../helpers/stack-env.js";
import { getManifest, parseReference } from "../helpers/registry-http.js";
import { contextWith, dockerfileSolve } from "../helpers/build-fixture.js";

let env: StackEnv;
let client: BuildkitClient;

beforeAll(async () => {
  env = await loadStackEnv();
  client = await BuildkitClient.connect(dockerEndpoint(parseDockerHost(env.DOCKER_HOST)));
});
afterAll(async () => {
  await client?.close();
});

describe("the Control API", () => {
  test("Info and ListWorkers describe the daemon's BuildKit, with emulated arm64 listed", async () => {
    const info = await client.info();
    expect(info.package).toBe("github.com/moby/buildkit");
    const workers = await client.listWorkers();
    expect(workers.length).toBeGreaterThan(0);
    expect(workers[0]!.platforms).toContain("linux/arm64");
    expect(workers[0]!.labels["org.mobyproject.buildkit.worker.snapshotter"]).toBe("overlayfs");
  });

  test("DiskUsage reports records after a build and Prune removes unused ones", async () => {
    const ctx = await contextWith({ Dockerfile: `FROM ${env.KILN_BASE_IMAGE}\nRUN echo ${uniqueTag()} > /f\n` });
    await client.solve(dockerfileSolve(ctx));
    const before = await client.diskUsage();
    expect(before.length).toBeGreaterThan(0);
    const removed = await client.prune({ all: true });
    expect(removed.length).toBeGreaterThan(0);
    const after = await client.diskUsage();
    expect(after.length).toBeLessThan(before.length);
  });

  test("ListenBuildHistory lists a recorded solve with its step counts, and a solve with recordHistory false is absent", async () => {
    const ctx = await contextWith({ Dockerfile: `FROM ${env.KILN_BASE_IMAGE}\nRUN echo ${uniqueTag()} > /f\n` });
    const recorded = await client.solve(dockerfileSolve(ctx));
    const skipped = await client.solve({ ...dockerfileSolve(ctx), recordHistory: false });
    const [record] = await client.buildHistory({ ref: recorded.ref });
    expect(record).toMatchObject({ ref: recorded.ref, frontend: "dockerfile.v0" });
    expect(record!.completedAt!.getTime()).toBeGreaterThanOrEqual(record!.createdAt!.getTime());
    expect(record!.totalSteps).toBeGreaterThanOrEqual(2);
    const all = (await client.buildHistory()).map((r) => r.ref);
    expect(all).toContain(recorded.ref);
    expect(all).not.toContain(skipped.ref);
  });

  test("an unreachable daemon fails with an error that names the endpoint", async () => {
    const bad = await BuildkitClient.connect(dockerEndpoint(parseDockerHost("unix:///nonexistent/docker.sock")));
    try {
      await expect(bad.info({ timeoutMs: 5_000 })).rejects.toThrow(/unix:\/\/\/nonexistent\/docker\.sock/);
    } finally {
      await bad.close();
    }
  });
});

describe("solve errors", () => {
  test.each([
    ["a syntax error", "FROM BASE\nRUNN echo hi\n", 2, /unknown instruction: RUNN/i],
    ["a failing RUN", "FROM BASE\nRUN true\nRUN exit 3\n", 3, /exit code: 3/],
    ["a missing COPY source", "FROM BASE\nCOPY nope.txt /\n", 2, /nope\.txt/],
  ])("%s keeps the daemon's message and points at the Dockerfile line", async (_name, dockerfile, line, message) => {
    const ctx = await contextWith({ Dockerfile: dockerfile.replace("BASE", env.KILN_BASE_IMAGE) });
    const err = await client.solve(dockerfileSolve(ctx)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BuildkitError);
    const e = err as BuildkitError;
    expect(e.message).toMatch(/^failed to solve: /);
    expect(e.message).toMatch(message);
    expect(e.source).toEqual({ filename: "Dockerfile", startLine: line, endLine: line });
  });

  test("aborting cancels the solve promptly and the step shows as canceled", async () => {
    const ctx = await contextWith({ Dockerfile: `FROM ${env.KILN_BASE_IMAGE}\nRUN sleep 60 # ${uniqueTag()}\n` });
    const abort = new AbortController();
    const statuses: SolveStatus[] = [];
    const started = Date.now();
    const solving = client.solve(dockerfileSolve(ctx), { signal: abort.signal, onStatus: (s) => statuses.push(s) });
    setTimeout(() => abort.abort(), 2_000);
    const err = (await solving.catch((e: unknown) => e)) as BuildkitError;
    expect(err).toBeInstanceOf(BuildkitError);
    expect(err.code).toBe("canceled");
    expect(Date.now() - started).toBeLessThan(15_000);
    // The client still works: the canceled session did not poison the channel.
    await expect(client.info()).resolves.toMatchObject({ package: "github.com/moby/buildkit" });
  });
});

describe("session features", () => {
  test("pushes to an htpasswd registry with credentials from a docker config.json, and fails clearly without", async () => {
    const ctx = await contextWith({ Dockerfile: `FROM ${env.KILN_BASE_IMAGE}\nRUN echo ${uniqueTag()} > /f\n` });
    const ref = `${env.KILN_AUTH_REGISTRY}/itg/auth:${uniqueTag()}`;
    const push = imageExporter({ names: [ref], push: true, store: false });

    const denied = await client.solve(dockerfileSolve(ctx, { exporters: [push] })).catch((e: unknown) => e);
    expect(denied).toBeInstanceOf(BuildkitError);
    expect((denied as Error).message).toMatch(/401|unauthorized|authorization/i);

    const configDir = await mkdtemp(join(tmpdir(), "kiln-docker-config-"));
    const basic = Buffer.from(`${env.KILN_AUTH_USER}:${env.KILN_AUTH_PASSWORD}`).toString("base64");
    await writeFile(
      join(configDir, "config.json"),
      JSON.stringify({ auths: { [env.KILN_AUTH_REGISTRY]: { auth: basic } } }),
    );
    const store = dockerCredentialStore({ configPath: join(configDir, "config.json") });
    const result = await client.solve(
      dockerfileSolve(ctx, { exporters: [push], attachables: [auth((host) => store.get(host))] }),
    );
    const digest = result.exporterResponse["containerimage.digest"];
    expect(digest).toMatch(/^sha256:[0-9a-f]{64}$/);

    const { registry, repository, tag } = parseReference(ref);
    const read = await getManifest({ registry, repository, authorization: `Basic ${basic}` }, tag);
    expect(read.digest).toBe(digest);
  });

  test("a secret used by RUN --mount=type=secret reaches the step but no log, layer, config, cache or attestation", async () => {
    const secret = `kiln-secret-${uniqueTag()}-value`;
    const ctx = await contextWith({
      Dockerfile: `FROM ${env.KILN_BASE_IMAGE}\nRUN --mount=type=secret,id=tok sha256sum /run/secrets/tok > /tok.sha && cat /run/secrets/tok | wc -c\n`,
    });
    const secretFile = join(ctx, "..", `${uniqueTag()}.secret`);
    await writeFile(secretFile, secret);
    const ref = `${env.KILN_REGISTRY}/itg/secret:${uniqueTag()}`;
    const cacheRef = `${env.KILN_REGISTRY}/itg/secret-cache:${uniqueTag()}`;
    const { secrets } = await import("../../src/buildkit/index.js");
    const logs: string[] = [];
    await client.solve(
      {
        ...dockerfileSolve(ctx),
        frontendAttrs: dockerfileFrontendAttrs({
          platforms: ["linux/amd64"],
          provenance: { mode: "max" },
          sbom: { generator: env.KILN_SBOM_GENERATOR },
        }),
        exporters: [imageExporter({ names: [ref], push: true, store: false })],
        cacheExports: [{ type: "registry", attrs: { ref: cacheRef, mode: "max" } }],
        attachables: [secrets(new Map([["tok", { kind: "file", path: secretFile }]]))],
      },
      {
        onStatus: (s) => {
          for (const l of s.logs) logs.push(Buffer.from(l.data).toString("utf8"));
          for (const v of s.vertexes) logs.push(v.name, v.error);
        },
      },
    );
    expect(logs.join("\n")).toContain(String(secret.length));
    expect(logs.join("\n")).not.toContain(secret);

    const blobs = await allBlobs(ref);
    const cacheBlobs = await allBlobs(cacheRef);
    expect(blobs.length).toBeGreaterThan(4);
    expect(cacheBlobs.length).toBeGreaterThan(1);
    const { gunzipSync } = await import("node:zlib");
    for (const blob of [...blobs, ...cacheBlobs]) {
      const text = (blob[0] === 0x1f && blob[1] === 0x8b ? gunzipSync(blob) : blob).toString("latin1");
      expect(text).not.toContain(secret);
    }
  });

  test("after one file changes in a 10,000-file context, the next build transfers only that file", async () => {
    const files: Record<string, string> = { Dockerfile: `FROM ${env.KILN_BASE_IMAGE}\nCOPY . /ctx/\n` };
    for (let d = 0; d < 100; d++) for (let f = 0; f < 100; f++) files[`d${d}/f${f}.txt`] = `${d}-${f}\n`;
    const ctx = await contextWith(files);
    const sharedKey = `incremental-${uniqueTag()}`;
    const transfers = async (): Promise<{ files: number; stats: number }> => {
      let filesSent = 0;
      let stats = 0;
      await client.solve(
        { ...dockerfileSolve(ctx), sharedKey },
        {
          onFileSync: (t) => {
            if (t.dir !== "context") return;
            filesSent += t.filesSent;
            stats += t.statsSent;
          },
        },
      );
      return { files: filesSent, stats };
    };
    const first = await transfers();
    expect(first.files).toBe(10_001);
    await writeFile(join(ctx, "d42/f7.txt"), "changed\n");
    const second = await transfers();
    expect(second.stats).toBeGreaterThanOrEqual(10_001);
    expect(second.files).toBe(1);
  });
});

describe("exports to the client", () => {
  test("oci, docker and tar write archives and local writes the tree, in one solve", async () => {
    const ctx = await contextWith({
      Dockerfile: `FROM ${env.KILN_BASE_IMAGE} AS base\nRUN mkdir -p /out/sub && echo one > /out/a.txt && echo two > /out/sub/b.txt && ln -s a.txt /out/link\n`,
    });
    const out = await mkdtemp(join(tmpdir(), "kiln-exports-"));
    const result = await client.solve(
      dockerfileSolve(ctx, {
        exporters: [
          { type: "oci", attrs: { name: "kiln/oci-export:1" }, dest: join(out, "image.oci.tar") },
          { type: "docker", attrs: { name: "kiln/docker-export:1" }, dest: join(out, "image.docker.tar") },
          { type: "tar", attrs: {}, dest: join(out, "rootfs.tar") },
          { type: "local", attrs: {}, dest: join(out, "rootfs") },
        ],
      }),
    );
    const { parseTar } = await import("../helpers/tar.js");
    const oci = parseTar(await readFile(join(out, "image.oci.tar")));
    const blob = (entries: typeof oci, digest: string): Buffer =>
      entries.find((e) => e.name === `blobs/sha256/${digest.slice("sha256:".length)}`)!.data;
    const index = JSON.parse(oci.find((e) => e.name === "index.json")!.data.toString("utf8")) as {
      manifests: { digest: string }[];
    };
    const ociManifest = JSON.parse(blob(oci, index.manifests[0]!.digest).toString("utf8")) as {
      config: { digest: string };
    };
    // Responses of several exporters are merged by the daemon, the last one winning; the config digest is the
    // same in OCI and Docker form, so it ties both archives to this solve.
    const configDigest = result.exporterResponse["containerimage.config.digest"];
    expect(ociManifest.config.digest).toBe(configDigest);
    const docker = parseTar(await readFile(join(out, "image.docker.tar")));
    const dockerManifest = JSON.parse(docker.find((e) => e.name === "manifest.json")!.data.toString("utf8")) as {
      Config: string;
    }[];
    expect(dockerManifest[0]!.Config).toBe(`blobs/sha256/${configDigest!.slice("sha256:".length)}`);
    const rootfs = parseTar(await readFile(join(out, "rootfs.tar")));
    expect(rootfs.find((e) => e.name === "out/sub/b.txt")?.data.toString()).toBe("two\n");
    expect(await readFile(join(out, "rootfs/out/a.txt"), "utf8")).toBe("one\n");
    expect(await readFile(join(out, "rootfs/out/sub/b.txt"), "utf8")).toBe("two\n");
    expect(await readdir(join(out, "rootfs/bin"))).toContain("busybox");
  });
});

async function allBlobs(ref: string): Promise<Buffer[]> {
  const { getBlob } = await import("../helpers/registry-http.js");
  const { registry, repository, tag } = parseReference(ref);
  const target = { registry, repository };
  const out: Buffer[] = [];
  const visit = async (reference: string): Promise<void> => {
    const m = await getManifest(target, reference);
    out.push(m.raw);
    type Desc = { digest: string; mediaType?: string };
    const body = m.body as { manifests?: Desc[]; layers?: Desc[]; config?: Desc };
    // A registry cache index lists its layer blobs among "manifests".
    const isManifest = (d: Desc): boolean => /manifest|index/.test(d.mediaType ?? "manifest");
    for (const child of body.manifests ?? []) {
      if (isManifest(child)) await visit(child.digest);
      else out.push(await getBlob(target, child.digest));
    }
    for (const d of [...(body.layers ?? []), ...(body.config ? [body.config] : [])])
      out.push(await getBlob(target, d.digest));
  };
  await visit(tag);
  return out;
}
