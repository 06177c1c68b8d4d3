// buildOnNodes against an in-process registry and stand-in BuildKit clients that "push by digest" straight into
// it. The real thing (two Docker daemons, a real registry) runs in itg/builder/nodes.test.itg.ts; this covers
// the orchestration: per-part solve options, tagging only after every part, cancellation and error naming.
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import {
  BuildkitError,
  Code,
  type BuildkitClient,
  type SolveCallOptions,
  type SolveOptions,
  type SolveResult,
} from "../../src/buildkit/index.js";
import { buildOnNodes, planNodes, type NodePart } from "../../src/builder/nodes/index.js";
import { MediaType, RegistryClient } from "../../src/registry/index.js";
import { FakeRegistry, sha256 } from "../registry/fake-registry.js";

interface Call {
  readonly options: SolveOptions;
  readonly signal: AbortSignal | undefined;
}

let registry: FakeRegistry;
let client: RegistryClient;

beforeEach(async () => {
  registry = await FakeRegistry.start();
  client = new RegistryClient();
});
afterEach(async () => {
  client.close();
  await registry.stop();
});

/** Pushes what BuildKit would for `platforms` into every repository named by the exporter; answers like v0.13. */
function push(options: SolveOptions, attest: boolean): Record<string, string> {
  const attrs = options.exporters[0]!.attrs;
  const platforms = (options.frontendAttrs["platform"] ?? "").split(",");
  const repos = (attrs["name"] ?? "").split(",").map((n) => n.slice(n.indexOf("/") + 1));
  const manifests = [];
  const attestations = [];
  for (const platform of platforms) {
    const [os = "", architecture = ""] = platform.split("/");
    const bytes = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: MediaType.OciManifest, image: platform }));
    const image = {
      mediaType: MediaType.OciManifest,
      digest: sha256(bytes),
      size: bytes.length,
      platform: { os, architecture },
    };
    manifests.push({ image, bytes });
    const att = Buffer.from(
      JSON.stringify({ schemaVersion: 2, mediaType: MediaType.OciManifest, about: image.digest }),
    );
    attestations.push({
      descriptor: {
        mediaType: MediaType.OciManifest,
        digest: sha256(att),
        size: att.length,
        annotations: {
          "vnd.docker.reference.digest": image.digest,
          "vnd.docker.reference.type": "attestation-manifest",
        },
        platform: { architecture: "unknown", os: "unknown" },
      },
      bytes: att,
    });
  }
  for (const repo of repos) {
    for (const m of manifests) registry.putManifest(repo, m.image.digest, m.bytes, MediaType.OciManifest);
    for (const a of attestations) registry.putManifest(repo, a.descriptor.digest, a.bytes, MediaType.OciManifest);
  }
  if (!attest) {
    const only = manifests[0]!.image;
    return {
      "containerimage.digest": only.digest,
      "containerimage.descriptor": Buffer.from(JSON.stringify(only)).toString("base64"),
    };
  }
  const index = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: MediaType.OciIndex,
      manifests: [...manifests.map((m) => m.image), ...attestations.map((a) => a.descriptor)],
    }),
  );
  const digest = sha256(index);
  for (const repo of repos) registry.putManifest(repo, digest, index, MediaType.OciIndex);
  const descriptor = { mediaType: MediaType.OciIndex, digest, size: index.length };
  return {
    "containerimage.digest": digest,
    "containerimage.descriptor": Buffer.from(JSON.stringify(descriptor)).toString("base64"),
  };
}

/** A stand-in client: `behave` decides what its solve does. */
function fakeClient(
  calls: Call[],
  behave: (options: SolveOptions, signal: AbortSignal | undefined) => Promise<Record<string, string>>,
): BuildkitClient {
  const solve = async (options: SolveOptions, call: SolveCallOptions = {}): Promise<SolveResult> => {
    calls.push({ options, signal: call.signal });
    call.onStatus?.({ vertexes: [], statuses: [], logs: [], warnings: [] } as never);
    return { ref: "r", exporterResponse: await behave(options, call.signal) };
  };
  return { solve } as unknown as BuildkitClient;
}

const canceledOnAbort = (signal: AbortSignal | undefined): Promise<never> =>
  new Promise((_, reject) =>
    signal?.addEventListener("abort", () => reject(new BuildkitError("solve canceled", Code.Canceled)), { once: true }),
  );

const solve: Omit<SolveOptions, "exporters"> = {
  frontend: "dockerfile.v0",
  frontendAttrs: {
    filename: "Dockerfile",
    platform: "linux/amd64,linux/arm64,linux/riscv64",
    "multi-platform": "true",
    "attest:provenance": "mode=max",
    "build-arg:SOURCE_DATE_EPOCH": "1700000000",
  },
  cacheImports: [],
  cacheExports: [],
  entitlements: [],
  localDirs: new Map([["context", "/src"]]),
};

const plan = planNodes(
  ["linux/amd64", "linux/arm64", "linux/riscv64"],
  [{ platforms: ["linux/arm64", "linux/riscv64"], endpoint: "tcp://arm:1234" }],
);

describe("buildOnNodes", () => {
  test("solves each part with its platforms, pushed by digest, and tags one merged index", async () => {
    const calls: Call[] = [];
    const statusOf: string[] = [];
    const clients = {
      default: fakeClient(calls, async (o) => push(o, true)),
      node: fakeClient(calls, async (o) => push(o, true)),
    };
    const result = await buildOnNodes({
      plan,
      clientFor: (part: NodePart) => clients[part.kind],
      solve,
      tags: [`${registry.host}/octo/app:v1`, `${registry.host}/octo/app:latest`, `${registry.host}/mirror/app:v1`],
      registry: client,
      image: { annotations: { "annotation.org.opencontainers.image.title": "app" } },
      onStatus: (part) => statusOf.push(part.kind),
    });

    expect(calls.map((c) => c.options.frontendAttrs["platform"])).toEqual(["linux/amd64", "linux/arm64,linux/riscv64"]);
    expect(calls.map((c) => c.options.frontendAttrs["multi-platform"])).toEqual([undefined, "true"]);
    for (const c of calls) {
      expect(c.options.frontendAttrs["attest:provenance"]).toBe("mode=max");
      expect(c.options.exporters).toEqual([
        {
          type: "image",
          attrs: {
            name: `${registry.host}/octo/app,${registry.host}/mirror/app`,
            push: "true",
            "push-by-digest": "true",
            store: "false",
            "rewrite-timestamp": "true",
            "annotation.org.opencontainers.image.title": "app",
          },
        },
      ]);
    }
    expect(statusOf.sort()).toEqual(["default", "node"]);

    expect(Object.keys(result.digests)).toEqual(["linux/amd64", "linux/arm64", "linux/riscv64"]);
    expect(Object.keys(result.attestations)).toEqual(["linux/amd64", "linux/arm64", "linux/riscv64"]);
    for (const [repo, tag] of [
      ["octo/app", "v1"],
      ["octo/app", "latest"],
      ["mirror/app", "v1"],
    ] as const) {
      const stored = registry.manifests.get(`${repo}@${tag}`);
      expect(stored?.type).toBe(MediaType.OciIndex);
      expect(stored?.bytes.equals(result.index.bytes)).toBe(true);
    }
    // Each tag is written only after its repository was checked for all six manifests (3 images, 3 attestations).
    const log = registry.log.map((l) => `${l.method} ${l.url}`);
    const puts = log.flatMap((l, at) => (l.startsWith("PUT ") ? [at] : []));
    expect(puts).toHaveLength(3);
    for (const at of puts) {
      const repo = /^PUT \/v2\/(.+)\/manifests\//.exec(log[at]!)?.[1];
      const before = log.slice(0, at).filter((l) => l.startsWith(`HEAD /v2/${repo}/manifests/sha256:`));
      expect(new Set(before).size).toBe(6);
    }
  });

  test("takes parts built without attestations (a single manifest each)", async () => {
    const calls: Call[] = [];
    const noAttest = fakeClient(calls, async (o) => push(o, false));
    const result = await buildOnNodes({
      plan: planNodes(["linux/amd64", "linux/arm64"], [{ platforms: ["linux/arm64"], endpoint: "tcp://arm:1234" }]),
      clientFor: () => noAttest,
      solve,
      tags: [`${registry.host}/octo/app:v1`],
      registry: client,
      image: { rewriteTimestamp: false },
    });
    expect(calls[0]?.options.exporters[0]?.attrs["rewrite-timestamp"]).toBe("false");
    expect(result.index.index.manifests.map((m) => m.platform?.architecture)).toEqual(["amd64", "arm64"]);
    expect(result.attestations).toEqual({});
  });

  test("a failing part cancels the others, names its node and leaves no tag", async () => {
    const calls: Call[] = [];
    const source = { filename: "Dockerfile", startLine: 3, endLine: 3 };
    const failing = fakeClient(calls, async () => {
      throw new BuildkitError('process "/bin/sh -c make" did not complete successfully: exit code: 2', Code.Unknown, {
        source,
      });
    });
    const slow = fakeClient(calls, (_, signal) => canceledOnAbort(signal));
    const err = await buildOnNodes({
      plan,
      clientFor: (part) => (part.kind === "node" ? failing : slow),
      solve,
      tags: [`${registry.host}/octo/app:v1`],
      registry: client,
    }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(BuildkitError);
    expect((err as BuildkitError).message).toBe(
      'failed to build linux/arm64, linux/riscv64 on tcp://arm:1234: process "/bin/sh -c make" did not complete successfully: exit code: 2',
    );
    expect((err as BuildkitError).source).toEqual(source);
    expect(calls.every((c) => c.signal?.aborted === true)).toBe(true);
    expect(registry.log).toEqual([]);
  });

  test("stops when the caller aborts", async () => {
    const calls: Call[] = [];
    const slow = fakeClient(calls, (_, signal) => canceledOnAbort(signal));
    const abort = new AbortController();
    const pending = buildOnNodes({
      plan,
      clientFor: () => slow,
      solve,
      tags: [`${registry.host}/octo/app:v1`],
      registry: client,
      signal: abort.signal,
    });
    abort.abort();
    await expect(pending).rejects.toMatchObject({ code: Code.Canceled });
    expect(registry.log).toEqual([]);
  });

  test("needs a tag", async () => {
    await expect(
      buildOnNodes({ plan, clientFor: () => fakeClient([], async () => ({})), solve, tags: [], registry: client }),
    ).rejects.toThrow("failed to build on nodes: per-platform nodes push, so at least one tag is needed");
  });
});
