import { describe, expect, test } from "vitest";
import { InputError } from "../../src/plan/input-error.js";
import { readInputs } from "../../src/plan/inputs.js";
import type { RunContext } from "../../src/plan/run-context.js";
import { RESULTS_URL, RUN as PUSH_RUN, RUN_URL } from "./run-context-fixture.js";
import { planBuild, type BuildPlan } from "../../src/plan/plan.js";
import { cacheEntry } from "../../src/plan/cache/cache-entry.js";
import { toSolveDefinition, type DaemonTraits } from "../../src/plan/solve-definition.js";

/** The shared push run, with an SSH agent for the ssh cases. */
const RUN: RunContext = { ...PUSH_RUN, sshAuthSock: "/tmp/agent.sock" };
const DIGEST = "sha256:" + "b".repeat(64);

const CONTAINERD: DaemonTraits = { imageStore: "containerd" };
const CLASSIC: DaemonTraits = { imageStore: "classic" };
const ENV = { NPM_TOKEN: "npm-secret" };

function plan(given: Record<string, string>): BuildPlan {
  return planBuild(
    readInputs((name) => given[name] ?? ""),
    RUN,
  );
}

function solve(given: Record<string, string>, daemon: DaemonTraits = CONTAINERD) {
  return toSolveDefinition(plan(given), daemon, ENV);
}

describe("a reproducible, attested multi-platform push", () => {
  const pieces = solve({
    platforms: "linux/amd64,linux/arm64",
    tags: "ghcr.io/octo/app:1.0,ghcr.io/octo/app:latest",
    push: "true",
    "build-args": "VERSION=1.0",
    labels: "org.opencontainers.image.source=https://github.com/octo/app",
    annotations:
      "index:org.opencontainers.image.title=app\nmanifest[linux/arm64]:com.example.arch=arm\ncom.example.k=v",
    "cache-from": "type=gha",
    "cache-to": "type=gha,mode=max",
    "sbom-generator": "127.0.0.1:5000/kiln/scanner:1",
  });

  test("frontend attributes", () => {
    expect(pieces.frontend).toBe("dockerfile.v0");
    expect(pieces.frontendAttrs).toStrictEqual({
      filename: "Dockerfile",
      platform: "linux/amd64,linux/arm64",
      "multi-platform": "true",
      "build-arg:VERSION": "1.0",
      "build-arg:SOURCE_DATE_EPOCH": "1700000000",
      "label:org.opencontainers.image.source": "https://github.com/octo/app",
      "attest:sbom": "generator=127.0.0.1:5000/kiln/scanner:1",
      "attest:provenance": `mode=max,builder-id=${RUN_URL}`,
    });
  });

  test("the image exporter pushes without storing, with rewritten timestamps and annotations", () => {
    expect(pieces.exporters).toStrictEqual([
      {
        type: "image",
        attrs: {
          name: "ghcr.io/octo/app:1.0,ghcr.io/octo/app:latest",
          push: "true",
          store: "false",
          "rewrite-timestamp": "true",
          "annotation-index.org.opencontainers.image.title": "app",
          "annotation-manifest[linux/arm64].com.example.arch": "arm",
          "annotation.com.example.k": "v",
        },
      },
    ]);
    expect(pieces.loadTarball).toBeUndefined();
  });

  test("gha cache entries", () => {
    const gha = { scope: "CI", url: RESULTS_URL, url_v2: RESULTS_URL, token: "runtime-token", version: "2" };
    expect(pieces.cacheImports).toStrictEqual([{ type: "gha", attrs: gha }]);
    expect(pieces.cacheExports).toStrictEqual([
      { type: "gha", attrs: { ...gha, mode: "max", "ignore-error": "true" } },
    ]);
  });

  test("local directories, secrets, entitlements and the shared key", () => {
    expect(pieces.localDirs).toStrictEqual(
      new Map([
        ["context", "/work/repo"],
        ["dockerfile", "/work/repo"],
      ]),
    );
    expect(pieces.secrets).toStrictEqual(new Map());
    expect(pieces.entitlements).toStrictEqual([]);
    expect(pieces.sharedKey).toMatch(/^kiln-[0-9a-f]{16}$/);
    expect(solve({ context: "." }).sharedKey).toBe(pieces.sharedKey);
    expect(solve({ context: "other" }).sharedKey).not.toBe(pieces.sharedKey);
  });
});

describe("exporters per builder and image store", () => {
  const tarball = "/tmp/runner/kiln-load.tar";
  test.each<[string, Record<string, string>, DaemonTraits, unknown[], string | undefined]>([
    [
      "load through the Docker daemon's BuildKit is the moby exporter, without rewrite-timestamp (it always unpacks)",
      { driver: "docker", tags: "app:dev", load: "true" },
      CONTAINERD,
      [{ type: "moby", attrs: { name: "app:dev" } }],
      undefined,
    ],
    [
      "the same on the classic store",
      { driver: "docker", tags: "app:dev", load: "true" },
      CLASSIC,
      [{ type: "moby", attrs: { name: "app:dev" } }],
      undefined,
    ],
    [
      "load from a standalone BuildKit is an OCI tarball for the containerd store",
      { tags: "app:dev", load: "true" },
      CONTAINERD,
      [{ type: "oci", attrs: { name: "app:dev", "rewrite-timestamp": "true" }, dest: tarball }],
      tarball,
    ],
    [
      "two platforms load through the moby exporter on the containerd store (it holds the index)",
      { driver: "docker", tags: "app:dev", load: "true", platforms: "linux/amd64,linux/arm64" },
      CONTAINERD,
      [{ type: "moby", attrs: { name: "app:dev" } }],
      undefined,
    ],
    [
      "and as one OCI tarball from a standalone BuildKit",
      { tags: "app:dev", load: "true", platforms: "linux/amd64,linux/arm64" },
      CONTAINERD,
      [{ type: "oci", attrs: { name: "app:dev", "rewrite-timestamp": "true" }, dest: tarball }],
      tarball,
    ],
    [
      "and a docker tarball for the classic store",
      { tags: "app:dev", load: "true" },
      CLASSIC,
      [{ type: "docker", attrs: { name: "app:dev", "rewrite-timestamp": "true" }, dest: tarball }],
      tarball,
    ],
    [
      "push and load through the Docker daemon: two exporters",
      {
        driver: "docker",
        tags: "127.0.0.1:5000/app:1",
        push: "true",
        load: "true",
        provenance: "false",
        sbom: "false",
      },
      CONTAINERD,
      [
        {
          type: "image",
          attrs: { name: "127.0.0.1:5000/app:1", push: "true", store: "false", "rewrite-timestamp": "true" },
        },
        { type: "moby", attrs: { name: "127.0.0.1:5000/app:1" } },
      ],
      undefined,
    ],
    [
      "without SOURCE_DATE_EPOCH no timestamps are rewritten",
      { tags: "ghcr.io/o/a:1", push: "true", "source-date-epoch": "none" },
      CONTAINERD,
      [{ type: "image", attrs: { name: "ghcr.io/o/a:1", push: "true", store: "false" } }],
      undefined,
    ],
    [
      "outputs pass their own attributes, which win",
      { outputs: "type=registry,name=ghcr.io/o/a:1,compression=zstd,store=true,push-by-digest=true" },
      CONTAINERD,
      [
        {
          type: "image",
          attrs: {
            name: "ghcr.io/o/a:1",
            push: "true",
            store: "true",
            "rewrite-timestamp": "true",
            unpack: "false",
            compression: "zstd",
            "push-by-digest": "true",
          },
        },
      ],
      undefined,
    ],
    [
      "files and directories",
      {
        outputs:
          "type=oci,dest=out/img.tar,name=a\ntype=docker,dest=/d.tar\ntype=tar,dest=fs.tar\ntype=local,dest=out/fs\ntype=cacheonly",
      },
      CONTAINERD,
      [
        { type: "oci", attrs: { name: "a", "rewrite-timestamp": "true" }, dest: "/work/repo/out/img.tar" },
        { type: "docker", attrs: { "rewrite-timestamp": "true" }, dest: "/d.tar" },
        { type: "tar", attrs: {}, dest: "/work/repo/fs.tar" },
        { type: "local", attrs: {}, dest: "/work/repo/out/fs" },
      ],
      undefined,
    ],
  ])("%s", (_name, given, daemon, exporters, loadTarball) => {
    const pieces = solve(given, daemon);
    expect(pieces.exporters).toStrictEqual(exporters);
    expect(pieces.loadTarball).toBe(loadTarball);
  });

  test("the docker driver prefers the daemon's images unless pull is set, as buildx does", () => {
    expect(solve({ driver: "docker" }).frontendAttrs["image-resolve-mode"]).toBe("local");
    expect(solve({ driver: "docker", pull: "true" }).frontendAttrs["image-resolve-mode"]).toBe("pull");
    expect(solve({}).frontendAttrs["image-resolve-mode"]).toBeUndefined();
  });
});

describe("what a builder cannot do is an error naming the input", () => {
  test.each<[string, Record<string, string>, DaemonTraits, string]>([
    [
      "pushing from the classic store",
      { driver: "docker", tags: "ghcr.io/o/a:1", push: "true", provenance: "false", sbom: "false" },
      CLASSIC,
      "push: pushing needs the Docker daemon's containerd image store; turn it on or use driver: docker-container",
    ],
    [
      "asked-for attestations on the classic store",
      { driver: "docker", outputs: "type=local,dest=out", provenance: "mode=max" },
      CLASSIC,
      "provenance: attestations need the Docker daemon's containerd image store or driver: docker-container; set provenance: false and sbom: false to build without them",
    ],
    [
      "several platforms on the classic store",
      { driver: "docker", platforms: "linux/amd64,linux/arm64", provenance: "false", sbom: "false" },
      CLASSIC,
      "platforms: expected one platform with the Docker daemon's classic image store; turn on the containerd image store or use driver: docker-container",
    ],
    [
      "an OCI tarball from the classic store",
      { driver: "docker", outputs: "type=oci,dest=o.tar", provenance: "false", sbom: "false" },
      CLASSIC,
      "outputs: type=oci needs the Docker daemon's containerd image store; turn it on or use driver: docker-container",
    ],
    [
      "loading two platforms into the classic store, through its own BuildKit",
      { driver: "docker", tags: "a", load: "true", platforms: "linux/amd64,linux/arm64" },
      CLASSIC,
      'load: expected a single platform to load into the Docker daemon\'s classic image store, got "linux/amd64,linux/arm64" (turn on the containerd image store, push instead, or build one platform)',
    ],
    [
      "or from a standalone BuildKit",
      { tags: "a", load: "true", platforms: "linux/amd64,linux/arm64", provenance: "false", sbom: "false" },
      CLASSIC,
      'load: expected a single platform to load into the Docker daemon\'s classic image store, got "linux/amd64,linux/arm64" (turn on the containerd image store, push instead, or build one platform)',
    ],
    [
      "loading attestations into the classic store",
      { tags: "a", load: "true", provenance: "true" },
      CLASSIC,
      "load: attestations cannot be loaded into the Docker daemon's classic image store; set provenance: false and sbom: false, or turn on the containerd image store",
    ],
    [
      "host-gateway without a gateway address",
      { "add-hosts": "host.docker.internal:host-gateway" },
      CONTAINERD,
      "add-hosts: expected an IP address; this builder reports no address for host-gateway",
    ],
  ])("%s", (_name, given, daemon, message) => {
    expect(() => solve(given, daemon)).toThrow(
      new InputError(message.slice(0, message.indexOf(":")), message.slice(message.indexOf(":") + 2)),
    );
  });
});

describe("defaults the builder cannot honour are left out", () => {
  test("the classic store drops default attestations, with a note", () => {
    const pieces = solve({ driver: "docker", outputs: "type=local,dest=out" }, CLASSIC);
    expect(pieces.frontendAttrs["attest:provenance"]).toBeUndefined();
    expect(pieces.frontendAttrs["attest:sbom"]).toBeUndefined();
    expect(pieces.notes).toStrictEqual([
      "provenance and sbom left out: the Docker daemon's classic image store cannot hold attestations",
    ]);
  });

  test("the containerd store keeps them", () => {
    const pieces = solve({ driver: "docker", outputs: "type=local,dest=out" }, CONTAINERD);
    expect(pieces.frontendAttrs["attest:provenance"]).toBe(`mode=max,builder-id=${RUN_URL}`);
    expect(pieces.frontendAttrs["attest:sbom"]).toBe("");
    expect(pieces.notes).toStrictEqual([]);
  });
});

describe("frontend attributes for the RUN options and contexts", () => {
  test("every RUN option", () => {
    const pieces = toSolveDefinition(
      plan({
        target: "release",
        "no-cache-filters": "deps",
        pull: "true",
        network: "host",
        allow: "security.insecure",
        "add-hosts": "db:10.0.0.2,gw=host-gateway",
        "shm-size": "128m",
        ulimit: "nofile=1024:2048",
        provenance: "false",
        sbom: "false",
        "source-date-epoch": "none",
      }),
      { imageStore: "containerd", hostGatewayIp: "172.17.0.1" },
      ENV,
    );
    expect(pieces.frontendAttrs).toStrictEqual({
      filename: "Dockerfile",
      target: "release",
      "no-cache": "deps",
      "image-resolve-mode": "pull",
      "force-network-mode": "host",
      "add-hosts": "db=10.0.0.2,gw=172.17.0.1",
      "shm-size": String(128 * 1024 * 1024),
      ulimit: "nofile=1024:2048",
    });
    expect(pieces.entitlements).toStrictEqual(["security.insecure", "network.host"]);
  });

  test("no-cache wins over no-cache-filters", () => {
    expect(solve({ "no-cache": "true", "no-cache-filters": "deps" }).frontendAttrs["no-cache"]).toBe("");
  });

  test("named contexts get their frontend values and local directories", () => {
    const pieces = solve({
      "build-contexts": [
        `alpine=docker-image://alpine:3.20@${DIGEST}`,
        "golang=target:go",
        "base=./base",
        "dockerfile=/abs/df",
        "src=https://github.com/o/src.git#main",
      ].join("\n"),
      provenance: "false",
      sbom: "false",
      "source-date-epoch": "none",
    });
    expect(pieces.frontendAttrs).toStrictEqual({
      filename: "Dockerfile",
      "context:alpine": `docker-image://alpine:3.20@${DIGEST}`,
      "context:golang": "target:go",
      "context:base": "local:base",
      "context:dockerfile": "local:_dockerfile",
      "context:src": "https://github.com/o/src.git#main",
      "frontend.caps": "moby.buildkit.frontend.contexts+forward",
    });
    expect(pieces.localDirs).toStrictEqual(
      new Map([
        ["base", "/work/repo/base"],
        ["_dockerfile", "/abs/df"],
        ["context", "/work/repo"],
        ["dockerfile", "/work/repo"],
      ]),
    );
  });

  test.each<[string, Record<string, string>, Record<string, string>, [string, string][]]>([
    [
      "a git context with the Dockerfile inside it",
      { context: "https://github.com/octo/lib.git#v1", file: "docker/Dockerfile" },
      { filename: "docker/Dockerfile", context: "https://github.com/octo/lib.git#v1" },
      [],
    ],
    [
      "a git context with a local Dockerfile",
      { context: "https://github.com/octo/lib.git#v1", file: "/work/repo/lib.Dockerfile" },
      { filename: "lib.Dockerfile", context: "https://github.com/octo/lib.git#v1", dockerfilekey: "dockerfile" },
      [["dockerfile", "/work/repo"]],
    ],
    [
      "a local context with a Dockerfile elsewhere",
      { context: "app", file: "build/app.Dockerfile" },
      { filename: "app.Dockerfile" },
      [
        ["context", "/work/repo/app"],
        ["dockerfile", "/work/repo/build"],
      ],
    ],
  ])("%s", (_name, given, attrs, dirs) => {
    const pieces = solve({ ...given, provenance: "false", sbom: "false", "source-date-epoch": "none" });
    expect(pieces.frontendAttrs).toStrictEqual(attrs);
    expect(pieces.localDirs).toStrictEqual(new Map(dirs));
  });

  test("secrets become session sources; env secrets read the given environment", () => {
    const env = { NPM_TOKEN: "npm-secret" };
    const pieces = toSolveDefinition(
      plan({ secrets: "a=1", "secret-files": "b=keys/b.pem", "secret-envs": "c=NPM_TOKEN" }),
      CONTAINERD,
      env,
    );
    expect(pieces.secrets).toStrictEqual(
      new Map([
        ["a", { kind: "value", value: "1" }],
        ["c", { kind: "env", name: "NPM_TOKEN", env }],
        ["b", { kind: "file", path: "/work/repo/keys/b.pem" }],
      ]),
    );
  });

  test("ssh specs pass through for the session", () => {
    expect(solve({ ssh: "default,gh=/keys/gh" }).ssh).toStrictEqual([
      { id: "default", paths: [] },
      { id: "gh", paths: ["/keys/gh"] },
    ]);
  });
});

describe("cacheEntry uses BuildKit's attribute names", () => {
  test.each<[string, Parameters<typeof cacheEntry>[0], "import" | "export", unknown]>([
    [
      "registry export",
      {
        type: "registry",
        ref: "r/a:c",
        mode: "max",
        imageManifest: true,
        ociMediaTypes: false,
        ignoreError: true,
        extra: { compression: "zstd" },
      },
      "export",
      {
        type: "registry",
        attrs: {
          ref: "r/a:c",
          mode: "max",
          "image-manifest": "true",
          "oci-mediatypes": "false",
          "ignore-error": "true",
          compression: "zstd",
        },
      },
    ],
    [
      "registry import",
      { type: "registry", ref: "r/a:c", extra: {} },
      "import",
      { type: "registry", attrs: { ref: "r/a:c" } },
    ],
    [
      "local import",
      { type: "local", dir: "/c", extra: { digest: DIGEST } },
      "import",
      { type: "local", attrs: { src: "/c", digest: DIGEST } },
    ],
    [
      "local export",
      { type: "local", dir: "/c", mode: "max", extra: {} },
      "export",
      { type: "local", attrs: { dest: "/c", mode: "max" } },
    ],
    ["inline", { type: "inline", extra: {} }, "export", { type: "inline", attrs: {} }],
    [
      "gha v1 export with a REST token",
      {
        type: "gha",
        scope: "s",
        url: "https://u/",
        token: "t",
        version: 1,
        ignoreError: true,
        repository: "o/r",
        ghToken: "g",
        extra: {},
      },
      "export",
      {
        type: "gha",
        attrs: {
          scope: "s",
          url: "https://u/",
          token: "t",
          version: "1",
          repository: "o/r",
          ghtoken: "g",
          "ignore-error": "true",
        },
      },
    ],
    [
      "s3 export",
      {
        type: "s3",
        bucket: "b",
        region: "r",
        endpointUrl: "http://127.0.0.1:4568",
        usePathStyle: true,
        accessKeyId: "K",
        secretAccessKey: "S",
        sessionToken: "T",
        mode: "max",
        extra: { name: "app", prefix: "p/" },
      },
      "export",
      {
        type: "s3",
        attrs: {
          bucket: "b",
          region: "r",
          endpoint_url: "http://127.0.0.1:4568",
          use_path_style: "true",
          access_key_id: "K",
          secret_access_key: "S",
          session_token: "T",
          mode: "max",
          name: "app",
          prefix: "p/",
        },
      },
    ],
    [
      "azblob import",
      {
        type: "azblob",
        accountUrl: "http://127.0.0.1:10000/devstoreaccount1",
        accountName: "devstoreaccount1",
        secretAccessKey: "K",
        extra: { name: "app" },
      },
      "import",
      {
        type: "azblob",
        attrs: {
          account_url: "http://127.0.0.1:10000/devstoreaccount1",
          account_name: "devstoreaccount1",
          secret_access_key: "K",
          name: "app",
        },
      },
    ],
  ])("%s", (_name, backend, direction, expected) => {
    expect(cacheEntry(backend, direction)).toStrictEqual(expected);
  });
});

test("cgroup-parent is the frontend's cgroup-parent attribute, as buildx sends it", () => {
  expect(solve({ "cgroup-parent": "/kiln-ci" }).frontendAttrs["cgroup-parent"]).toBe("/kiln-ci");
  expect(solve({}).frontendAttrs["cgroup-parent"]).toBeUndefined();
});
