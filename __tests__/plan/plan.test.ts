import { describe, expect, test } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse as parseYaml } from "yaml";
import { readInputs } from "../../src/plan/inputs.js";
import { runContextFromEnv, type RunContext } from "../../src/plan/run-context.js";
import { RESULTS_URL, RUN, RUN_URL } from "./run-context-fixture.js";
import { planBuild, type BuildPlan } from "../../src/plan/plan.js";

function plan(given: Record<string, string>, run: RunContext = RUN): BuildPlan {
  return planBuild(
    readInputs((name) => given[name] ?? ""),
    run,
  );
}

describe("planBuild with no inputs", () => {
  test("builds the workspace with Kiln's defaults: provenance max, SBOM, SOURCE_DATE_EPOCH from HEAD", () => {
    expect(plan({})).toStrictEqual({
      builder: { driver: "docker-container" },
      nodes: [],
      context: { kind: "local", dir: "/work/repo" },
      dockerfile: { kind: "local", dir: "/work/repo", filename: "Dockerfile" },
      namedContexts: [],
      platforms: [],
      tags: [],
      buildArgs: {},
      labels: {},
      annotations: [],
      outputs: [],
      cacheFrom: [],
      cacheTo: [],
      noCache: false,
      noCacheFilters: [],
      pull: false,
      recordHistory: false,
      secrets: [],
      ssh: [],
      network: "default",
      addHosts: [],
      ulimits: [],
      entitlements: [],
      attestations: { provenance: { mode: "max", builderId: RUN_URL }, sbom: {}, byDefault: ["provenance", "sbom"] },
      sourceDateEpoch: { seconds: 1_700_000_000, from: "commit" },
      cleanup: true,
      prComment: false,
      call: { name: "build" },
      warnings: [],
    } satisfies BuildPlan);
  });

  test("the plan is frozen all the way down", () => {
    const p = plan({ tags: "app", push: "true" });
    expect(Object.isFrozen(p)).toBe(true);
    expect(Object.isFrozen(p.outputs)).toBe(true);
    expect(Object.isFrozen(p.outputs[0])).toBe(true);
  });
});

describe("a multi-platform push", () => {
  const p = plan({
    context: "app",
    file: "docker/app.Dockerfile",
    platforms: "linux/amd64, linux/arm64/v8\nlinux/arm",
    tags: "ghcr.io/octo/app:1.0\nghcr.io/octo/app:latest",
    push: "TRUE",
    "build-args": "VERSION=1.0\nFLAGS=-a,-b",
    labels: '"org.opencontainers.image.description=An app, small"',
    annotations: "index,manifest:org.opencontainers.image.title=app\nmanifest[linux/arm64]:com.example.arch=arm",
    target: "release",
    "no-cache-filters": "deps,build",
    "record-history": "true",
  });

  test.each<[keyof BuildPlan, unknown]>([
    ["context", { kind: "local", dir: "/work/repo/app" }],
    ["dockerfile", { kind: "local", dir: "/work/repo/docker", filename: "app.Dockerfile" }],
    ["platforms", ["linux/amd64", "linux/arm64", "linux/arm/v7"]],
    ["recordHistory", true],
    ["tags", ["ghcr.io/octo/app:1.0", "ghcr.io/octo/app:latest"]],
    ["outputs", [{ type: "image", names: ["ghcr.io/octo/app:1.0", "ghcr.io/octo/app:latest"], push: true, attrs: {} }]],
    ["buildArgs", { VERSION: "1.0", FLAGS: "-a,-b" }],
    ["labels", { "org.opencontainers.image.description": "An app, small" }],
    [
      "annotations",
      [
        { level: "index", key: "org.opencontainers.image.title", value: "app" },
        { level: "manifest", key: "org.opencontainers.image.title", value: "app" },
        { level: "manifest", platform: "linux/arm64", key: "com.example.arch", value: "arm" },
      ],
    ],
    ["target", "release"],
    ["noCacheFilters", ["deps", "build"]],
  ])("%s", (key, expected) => {
    expect(p[key]).toStrictEqual(expected);
  });
});

describe("platforms are normalised like containerd's platforms.Parse", () => {
  test.each([
    ["linux/x86_64", ["linux/amd64"]],
    ["linux/aarch64", ["linux/arm64"]],
    ["linux/arm64/v8,linux/arm64", ["linux/arm64"]],
    ["linux/armhf,linux/arm/7,linux/armel", ["linux/arm/v7", "linux/arm/v6"]],
    ["Linux/AMD64", ["linux/amd64"]],
    ["linux/amd64/v3", ["linux/amd64/v3"]],
    ["linux/i386", ["linux/386"]],
    ["windows/amd64\nlinux/riscv64", ["windows/amd64", "linux/riscv64"]],
  ])("%s", (input, expected) => {
    expect(plan({ platforms: input }).platforms).toStrictEqual(expected);
  });
});

describe("outputs, push and load", () => {
  const loadTarball = "/tmp/runner/kiln-load.tar";
  test.each<[string, Record<string, string>, BuildPlan["outputs"]]>([
    ["a bare path is a local directory", { outputs: "out" }, [{ type: "local", dest: "/work/repo/out", attrs: {} }]],
    [
      "type=registry pushes its name, not unpacked",
      { outputs: "type=registry,name=ghcr.io/o/a:1,compression=zstd" },
      [{ type: "image", names: ["ghcr.io/o/a:1"], push: true, attrs: { unpack: "false", compression: "zstd" } }],
    ],
    [
      "tags name every image output",
      { tags: "ghcr.io/o/a:2", outputs: "type=image,name=ignored,push=true,oci-mediatypes=true" },
      [{ type: "image", names: ["ghcr.io/o/a:2"], push: true, attrs: { "oci-mediatypes": "true" } }],
    ],
    [
      "type=docker without dest loads",
      { tags: "app:dev", outputs: "type=docker" },
      [{ type: "load", names: ["app:dev"], tarball: loadTarball, attrs: {} }],
    ],
    [
      "type=docker with dest writes a tarball",
      { outputs: "type=docker,dest=img.tar,name=app" },
      [{ type: "docker", names: ["app"], dest: "/work/repo/img.tar", attrs: {} }],
    ],
    [
      "type=oci writes a layout tarball, quoted name list kept whole",
      { outputs: 'type=oci,dest=/out/oci.tar,"name=a:1,a:2"' },
      [{ type: "oci", names: ["a:1", "a:2"], dest: "/out/oci.tar", attrs: {} }],
    ],
    ["type=cacheonly", { outputs: "type=cacheonly" }, [{ type: "cacheonly" }]],
    [
      "push and load together",
      { tags: "ghcr.io/o/a:1", push: "true", load: "true" },
      [
        { type: "image", names: ["ghcr.io/o/a:1"], push: true, attrs: {} },
        { type: "load", names: ["ghcr.io/o/a:1"], tarball: loadTarball, attrs: {} },
      ],
    ],
    [
      "push: true next to a registry output pushes once",
      { tags: "ghcr.io/o/a:1", push: "true", outputs: "type=registry" },
      [{ type: "image", names: ["ghcr.io/o/a:1"], push: true, attrs: { unpack: "false" } }],
    ],
    [
      "load: true next to type=docker loads once",
      { load: "true", outputs: "type=docker" },
      [{ type: "load", names: [], tarball: loadTarball, attrs: {} }],
    ],
    [
      "load with one platform",
      { platforms: "linux/arm64", load: "true" },
      [{ type: "load", names: [], tarball: loadTarball, attrs: {} }],
    ],
  ])("%s", (_name, given, expected) => {
    expect(plan(given).outputs).toStrictEqual(expected);
  });
});

describe("cache-from and cache-to", () => {
  const gha = { scope: "CI", url: RESULTS_URL, urlV2: RESULTS_URL, token: "runtime-token", version: 2 } as const;
  test.each<[string, Record<string, string>, RunContext, Pick<BuildPlan, "cacheFrom" | "cacheTo">]>([
    [
      "gha v2 filled from the runner, one scope per workflow (no ref), errors ignored on export",
      { "cache-from": "type=gha", "cache-to": "type=gha,mode=max" },
      RUN,
      {
        cacheFrom: [{ type: "gha", ...gha, extra: {} }],
        cacheTo: [{ type: "gha", ...gha, mode: "max", ignoreError: true, extra: {} }],
      },
    ],
    [
      "gha export gets repository and ghtoken from github-token",
      { "cache-to": "type=gha,scope=web,ignore-error=false,timeout=5m", "github-token": "ghs_x" },
      RUN,
      {
        cacheFrom: [],
        cacheTo: [
          {
            type: "gha",
            ...gha,
            scope: "web",
            ignoreError: false,
            repository: "octo/app",
            ghToken: "ghs_x",
            extra: { timeout: "5m" },
          },
        ],
      },
    ],
    [
      "gha v1 on a server without v2",
      { "cache-from": "type=gha" },
      { ...RUN, ghaCache: { ACTIONS_RUNTIME_TOKEN: "t", ACTIONS_CACHE_URL: "https://ghes/cache/" } },
      {
        cacheFrom: [{ type: "gha", scope: "CI", url: "https://ghes/cache/", token: "t", version: 1, extra: {} }],
        cacheTo: [],
      },
    ],
    [
      "registry shorthand, several refs",
      { "cache-from": '"ghcr.io/o/a:cache,ghcr.io/o/a:main"' },
      RUN,
      {
        cacheFrom: [
          { type: "registry", ref: "ghcr.io/o/a:cache", extra: {} },
          { type: "registry", ref: "ghcr.io/o/a:main", extra: {} },
        ],
        cacheTo: [],
      },
    ],
    [
      "registry export options; export-only attributes dropped on import",
      {
        "cache-from": "type=registry,ref=ghcr.io/o/a:cache,mode=max",
        "cache-to":
          "type=registry,ref=ghcr.io/o/a:cache,mode=max,image-manifest=true,oci-mediatypes=true,compression=zstd",
      },
      RUN,
      {
        cacheFrom: [{ type: "registry", ref: "ghcr.io/o/a:cache", extra: {} }],
        cacheTo: [
          {
            type: "registry",
            ref: "ghcr.io/o/a:cache",
            mode: "max",
            imageManifest: true,
            ociMediaTypes: true,
            extra: { compression: "zstd" },
          },
        ],
      },
    ],
    [
      "local directories relative to the workspace",
      { "cache-from": "type=local,src=.cache/bk", "cache-to": "type=local,dest=/var/cache/bk,mode=max" },
      RUN,
      {
        cacheFrom: [{ type: "local", dir: "/work/repo/.cache/bk", extra: {} }],
        cacheTo: [{ type: "local", dir: "/var/cache/bk", mode: "max", extra: {} }],
      },
    ],
    ["inline export", { "cache-to": "type=inline" }, RUN, { cacheFrom: [], cacheTo: [{ type: "inline", extra: {} }] }],
  ])("%s", (_name, given, run, expected) => {
    const p = plan(given, run);
    expect({ cacheFrom: p.cacheFrom, cacheTo: p.cacheTo }).toStrictEqual(expected);
  });

  test("gha outside a job is skipped with a warning, as buildx does", () => {
    const p = plan({ "cache-to": "type=gha" }, { ...RUN, ghaCache: {} });
    expect(p.cacheTo).toStrictEqual([]);
    expect(p.warnings).toStrictEqual([
      "cache-to: skipped type=gha: ACTIONS_RUNTIME_TOKEN is not set (the cache works only inside a GitHub Actions job)",
    ]);
  });

  test.each<[string, string, Partial<RunContext>, unknown]>([
    [
      "s3 credentials, region and endpoint from the AWS variables",
      "type=s3,bucket=cache,use_path_style=true,name=app",
      {
        aws: {
          AWS_ACCESS_KEY_ID: "AKID",
          AWS_SECRET_ACCESS_KEY: "SECRET",
          AWS_SESSION_TOKEN: "SESSION",
          AWS_DEFAULT_REGION: "eu-west-1",
          AWS_ENDPOINT_URL_S3: "http://127.0.0.1:4568",
        },
      },
      {
        type: "s3",
        bucket: "cache",
        region: "eu-west-1",
        endpointUrl: "http://127.0.0.1:4568",
        usePathStyle: true,
        accessKeyId: "AKID",
        secretAccessKey: "SECRET",
        sessionToken: "SESSION",
        extra: { name: "app" },
      },
    ],
    [
      "s3 keys given in the spec leave the session token out",
      "type=s3,bucket=cache,region=us-east-1,access_key_id=K,secret_access_key=S,mode=max",
      { aws: { AWS_SESSION_TOKEN: "SESSION", AWS_REGION: "eu-west-1" } },
      {
        type: "s3",
        bucket: "cache",
        region: "us-east-1",
        accessKeyId: "K",
        secretAccessKey: "S",
        mode: "max",
        extra: {},
      },
    ],
    [
      "azblob from an Azurite connection string",
      "type=azblob,name=app",
      {
        azure: {
          AZURE_STORAGE_CONNECTION_STRING:
            "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=KEY==;BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;",
        },
      },
      {
        type: "azblob",
        accountUrl: "http://127.0.0.1:10000/devstoreaccount1",
        accountName: "devstoreaccount1",
        secretAccessKey: "KEY==",
        extra: { name: "app" },
      },
    ],
    [
      "azblob from the Azure CLI's account and key",
      "type=azblob,container=c",
      { azure: { AZURE_STORAGE_ACCOUNT: "kiln", AZURE_STORAGE_KEY: "K" } },
      {
        type: "azblob",
        accountUrl: "https://kiln.blob.core.windows.net",
        accountName: "kiln",
        secretAccessKey: "K",
        extra: { container: "c" },
      },
    ],
  ])("%s", (_name, spec, env, expected) => {
    expect(plan({ "cache-to": spec }, { ...RUN, ...env }).cacheTo).toStrictEqual([expected]);
  });
});

describe("attestations", () => {
  const provenance = { mode: "max", builderId: RUN_URL } as const;
  test.each<[string, Record<string, string>, BuildPlan["attestations"]]>([
    ["both off", { provenance: "false", sbom: "False" }, { byDefault: [] }],
    ["provenance true is mode=max", { provenance: "true", sbom: "false" }, { provenance, byDefault: [] }],
    [
      "provenance min, SBOM by default",
      { provenance: "mode=min" },
      { provenance: { mode: "min", builderId: RUN_URL }, sbom: {}, byDefault: ["sbom"] },
    ],
    [
      "provenance with its own builder id and parameters",
      { provenance: "builder-id=https://ci.example/1,inline-only=true", sbom: "false" },
      {
        provenance: { mode: "max", builderId: "https://ci.example/1", params: { "inline-only": "true" } },
        byDefault: [],
      },
    ],
    [
      "an SBOM scanner",
      { sbom: "generator=127.0.0.1:5000/scanner:1" },
      { provenance, sbom: { generator: "127.0.0.1:5000/scanner:1" }, byDefault: ["provenance"] },
    ],
    [
      "the sbom-generator input names the scanner of the default SBOM",
      { "sbom-generator": "127.0.0.1:5000/scanner:1" },
      { provenance, sbom: { generator: "127.0.0.1:5000/scanner:1" }, byDefault: ["provenance", "sbom"] },
    ],
    [
      "attests lines",
      { attests: "type=provenance,mode=min\ntype=sbom,generator=scanner,scan-context=true" },
      {
        provenance: { mode: "min", builderId: RUN_URL },
        sbom: { generator: "scanner", params: { "scan-context": "true" } },
        byDefault: [],
      },
    ],
    [
      "provenance and sbom inputs win over attests",
      { attests: "type=provenance,mode=min\ntype=sbom,disabled=true", provenance: "true", sbom: "true" },
      { provenance, sbom: {}, byDefault: [] },
    ],
    ["no defaults when only loading", { load: "true" }, { byDefault: [] }],
    ["no defaults when only the cache is exported", { outputs: "type=cacheonly" }, { byDefault: [] }],
    ["explicit SBOM with a cacheonly output", { outputs: "type=cacheonly", sbom: "true" }, { sbom: {}, byDefault: [] }],
    ["explicit provenance when only loading", { load: "true", provenance: "true" }, { provenance, byDefault: [] }],
    [
      "defaults when pushing and loading",
      { load: "true", push: "true", tags: "a" },
      { provenance, sbom: {}, byDefault: ["provenance", "sbom"] },
    ],
  ])("%s", (_name, given, expected) => {
    expect(plan(given).attestations).toStrictEqual(expected);
  });

  test("no builder id outside GitHub", () => {
    expect(plan({}, { ...RUN, github: {} }).attestations).toStrictEqual({
      provenance: { mode: "max" },
      sbom: {},
      byDefault: ["provenance", "sbom"],
    });
  });
});

describe("SOURCE_DATE_EPOCH", () => {
  test.each<[string, string, Partial<RunContext>, BuildPlan["sourceDateEpoch"]]>([
    ["the input wins", "1600000000", { sourceDateEpoch: "1500000000" }, { seconds: 1_600_000_000, from: "input" }],
    ["then the environment", "", { sourceDateEpoch: "1500000000" }, { seconds: 1_500_000_000, from: "env" }],
    ["then HEAD's commit time", "", {}, { seconds: 1_700_000_000, from: "commit" }],
    ["none turns it off", "None", { sourceDateEpoch: "1500000000" }, { seconds: undefined, from: "none" }],
  ])("%s", (_name, input, run, expected) => {
    expect(plan({ "source-date-epoch": input }, { ...RUN, ...run }).sourceDateEpoch).toStrictEqual(expected);
  });

  test("without any source the build goes on, with a warning", () => {
    const noHead: RunContext = { ...RUN };
    delete (noHead as { headCommitTime?: number }).headCommitTime;
    const p = plan({}, noHead);
    expect(p.sourceDateEpoch).toStrictEqual({ seconds: undefined, from: "unknown" });
    expect(p.warnings).toStrictEqual([
      "source-date-epoch: no input, no SOURCE_DATE_EPOCH and no HEAD commit time: the image will not be reproducible",
    ]);
  });
});

describe("contexts", () => {
  test.each<[string, Record<string, string>, Pick<BuildPlan, "context" | "dockerfile">]>([
    [
      "a git context reads a relative file inside it",
      { context: "https://github.com/octo/lib.git#v1:src", file: "build/Dockerfile" },
      {
        context: { kind: "git", url: "https://github.com/octo/lib.git#v1:src" },
        dockerfile: { kind: "context", filename: "build/Dockerfile" },
      },
    ],
    [
      "a git context with an absolute local Dockerfile",
      { context: "git@github.com:octo/lib.git", file: "/work/repo/Dockerfile.lib" },
      {
        context: { kind: "git", url: "git@github.com:octo/lib.git" },
        dockerfile: { kind: "local", dir: "/work/repo", filename: "Dockerfile.lib" },
      },
    ],
    [
      "an https tarball",
      { context: "https://example.com/ctx.tar.gz" },
      {
        context: { kind: "http", url: "https://example.com/ctx.tar.gz" },
        dockerfile: { kind: "context", filename: "Dockerfile" },
      },
    ],
    [
      "build-push-action's {{defaultContext}}",
      { context: "{{defaultContext}}:app" },
      {
        context: { kind: "git", url: "https://github.com/octo/app.git#0123abc:app" },
        dockerfile: { kind: "context", filename: "Dockerfile" },
      },
    ],
  ])("%s", (_name, given, expected) => {
    const p = plan(given);
    expect({ context: p.context, dockerfile: p.dockerfile }).toStrictEqual(expected);
  });

  test("github-token reaches a git context on the run's server as GIT_AUTH_TOKEN.<host>", () => {
    const p = plan({ context: "https://github.com/octo/private.git", "github-token": "ghs_tok" });
    expect(p.secrets).toStrictEqual([{ id: "GIT_AUTH_TOKEN.github.com", source: { kind: "value", value: "ghs_tok" } }]);
  });

  test.each([
    ["another host", { context: "https://gitlab.com/octo/lib.git", "github-token": "ghs_tok" }],
    ["a local context", { "github-token": "ghs_tok" }],
    [
      "a GIT_AUTH_TOKEN given",
      { context: "https://github.com/o/r.git", "github-token": "t", secrets: "GIT_AUTH_TOKEN=mine" },
    ],
  ])("github-token is not sent to %s", (_name, given) => {
    expect(plan(given).secrets.filter((s) => s.id.startsWith("GIT_AUTH_TOKEN.")).length).toBe(0);
  });

  test("named contexts, in docker's short form", () => {
    expect(
      plan({
        "build-contexts": [
          "alpine=docker-image://alpine:3.20@sha256:" + "a".repeat(64),
          "docker.io/library/golang:latest=target:go",
          "ghcr.io/o/base:1=./base",
          "src=https://github.com/o/src.git#main",
          "context=/abs/ctx",
        ].join("\n"),
      }).namedContexts,
    ).toStrictEqual([
      { name: "alpine", source: { kind: "image", ref: "alpine:3.20@sha256:" + "a".repeat(64) } },
      { name: "golang", source: { kind: "target", stage: "go" } },
      { name: "ghcr.io/o/base:1", source: { kind: "local", dir: "/work/repo/base" } },
      { name: "src", source: { kind: "git", url: "https://github.com/o/src.git#main" } },
      { name: "context", source: { kind: "local", dir: "/abs/ctx" } },
    ]);
  });
});

describe("RUN options", () => {
  test("secrets from values, files and the environment", () => {
    expect(
      plan({
        secrets: '"CERT=-----BEGIN-----\nabc\n-----END-----"\nPAD= spaced ',
        "secret-files": "key=keys/id.pem",
        "secret-envs": "npm=NPM_TOKEN",
      }).secrets,
    ).toStrictEqual([
      { id: "CERT", source: { kind: "value", value: "-----BEGIN-----\nabc\n-----END-----" } },
      { id: "PAD", source: { kind: "value", value: " spaced " } },
      { id: "npm", source: { kind: "env", name: "NPM_TOKEN" } },
      { id: "key", source: { kind: "file", path: "/work/repo/keys/id.pem" } },
    ]);
  });

  test.each<[string, Record<string, string>, Partial<BuildPlan>]>([
    ["network host asks for its entitlement", { network: "host" }, { network: "host", entitlements: ["network.host"] }],
    [
      "allow keeps its order",
      { allow: "security.insecure,network.host" },
      { entitlements: ["security.insecure", "network.host"] },
    ],
    [
      "add-hosts in both forms, IPv6 in brackets",
      { "add-hosts": "db:10.0.0.2\ncache=[::1]\ngw=host-gateway" },
      {
        addHosts: [
          { host: "db", ip: "10.0.0.2" },
          { host: "cache", ip: "::1" },
          { host: "gw", ip: "host-gateway" },
        ],
      },
    ],
    ["shm-size in docker units", { "shm-size": "2g" }, { shmSizeBytes: 2 * 1024 ** 3 }],
    ["shm-size with a fraction", { "shm-size": "1.5GiB" }, { shmSizeBytes: 1.5 * 1024 ** 3 }],
    [
      "ulimits, soft only means hard too",
      { ulimit: "nofile=1024:2048\nnproc=512\ncore=-1" },
      {
        ulimits: [
          { name: "nofile", soft: 1024, hard: 2048 },
          { name: "nproc", soft: 512, hard: 512 },
          { name: "core", soft: -1, hard: -1 },
        ],
      },
    ],
    [
      "ssh keys and the agent",
      { ssh: "default,github=keys/gh" },
      {
        ssh: [
          { id: "default", paths: [] },
          { id: "github", paths: ["/work/repo/keys/gh"] },
        ],
      },
    ],
    [
      "remote driver",
      { driver: "remote", endpoint: "tcp://buildkitd:1234" },
      { builder: { driver: "remote", endpoint: "tcp://buildkitd:1234" } },
    ],
    [
      "docker driver on a socket",
      { driver: "docker", endpoint: "unix:///var/run/docker.sock" },
      { builder: { driver: "docker", dockerHost: "unix:///var/run/docker.sock" } },
    ],
  ])("%s", (_name, given, expected) => {
    const p = plan(given, { ...RUN, sshAuthSock: "/tmp/agent.sock" });
    for (const [key, value] of Object.entries(expected)) expect(p[key as keyof BuildPlan]).toStrictEqual(value);
  });
});

describe("readInputs and runContextFromEnv", () => {
  test("readInputs asks for every input by its action.yml name", () => {
    const asked: string[] = [];
    const inputs = readInputs((name) => {
      asked.push(name);
      return name === "build-args" ? "A=1" : "";
    });
    expect(inputs.buildArgs).toBe("A=1");
    expect(asked).toContain("secret-envs");
    expect(asked).toContain("sbom-generator");
    expect(asked).toContain("nodes");
    expect(asked).toContain("record-history");
    // Exactly the inputs action.yml declares: a name missing on either side is an input nobody can set or read.
    const declared = Object.keys(
      (parseYaml(readFileSync(join(import.meta.dirname, "..", "..", "action.yml"), "utf8")) as { inputs: object })
        .inputs,
    );
    expect([...asked].sort()).toEqual(declared.sort());
  });

  test("runContextFromEnv takes what the runner sets and nothing else", () => {
    const run = runContextFromEnv(
      {
        GITHUB_WORKSPACE: "/home/runner/work/app/app",
        RUNNER_TEMP: "/home/runner/work/_temp",
        GITHUB_SERVER_URL: "https://github.com",
        GITHUB_REPOSITORY: "octo/app",
        GITHUB_RUN_ID: "42",
        GITHUB_REF_NAME: "main",
        ACTIONS_RUNTIME_TOKEN: "tok",
        ACTIONS_CACHE_URL: "",
        AWS_REGION: "eu-west-1",
        SOURCE_DATE_EPOCH: "1",
        PATH: "/usr/bin",
      },
      { cwd: "/cwd", tmpdir: "/tmp", headCommitTime: 5 },
    );
    expect({ ...run, lookupEnv: undefined }).toStrictEqual({
      workspace: "/home/runner/work/app/app",
      tempDir: "/home/runner/work/_temp",
      headCommitTime: 5,
      sourceDateEpoch: "1",
      github: { serverUrl: "https://github.com", repository: "octo/app", runId: "42", refName: "main" },
      ghaCache: { ACTIONS_RUNTIME_TOKEN: "tok" },
      aws: { AWS_REGION: "eu-west-1" },
      azure: {},
      lookupEnv: undefined,
    });
    expect(run.lookupEnv("PATH")).toBe("/usr/bin");
  });
});

describe("the context when no context input is given", () => {
  test("without a checkout in the workspace, the Git context of the commit, said in one line", () => {
    const p = plan({}, { ...RUN, workspaceHasCheckout: false });
    expect(p.context).toEqual({ kind: "git", url: "https://github.com/octo/app.git#0123abc" });
    expect(p.dockerfile).toEqual({ kind: "context", filename: "Dockerfile" });
    expect(p.warnings).toContain(
      `context: no checkout in ${RUN.workspace}, building the Git context https://github.com/octo/app.git#0123abc`,
    );
  });

  test.each([
    ["with a checkout, the workspace", {}, true],
    ["with a context input, that context", { context: "." }, false],
  ])("%s", (_name, given, checkout) => {
    const p = plan(given, { ...RUN, workspaceHasCheckout: checkout });
    expect(p.context).toEqual({ kind: "local", dir: RUN.workspace });
    expect(p.warnings.filter((w) => w.startsWith("context:"))).toEqual([]);
  });
});

describe("cgroup-parent", () => {
  test("cgroup-parent is carried as given", () => {
    expect(plan({ "cgroup-parent": " /kiln-ci " }).cgroupParent).toBe("/kiln-ci");
    expect("cgroupParent" in plan({})).toBe(false);
  });
});
