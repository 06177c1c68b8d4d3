import { parse as parseToml } from "smol-toml";
import { describe, expect, it } from "vitest";
import {
  BuilderError,
  CONFIG_HASH_LABEL,
  DEFAULT_BUILDKIT_IMAGE,
  planContainer,
  splitFlags,
  type DockerContainerOptions,
} from "../../src/builder/docker-container/index.js";

const pem = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";

describe("planContainer", () => {
  it("runs the pinned BuildKit image privileged with init, host network, a state volume and default flags", () => {
    const plan = planContainer({ name: "ci" });
    expect(plan.containerName).toBe("kiln_buildkit_ci");
    expect(plan.volumeName).toBe("kiln_buildkit_ci_state");
    expect(plan.image).toMatch(/^moby\/buildkit:v0\.\d+\.\d+@sha256:[0-9a-f]{64}$/);
    expect(plan.image).toBe(DEFAULT_BUILDKIT_IMAGE);
    expect(plan.toml).toBe("");
    expect(plan.files).toEqual([]);
    expect(plan.body).toEqual({
      Image: DEFAULT_BUILDKIT_IMAGE,
      Cmd: ["--allow-insecure-entitlement", "security.insecure", "--allow-insecure-entitlement", "network.host"],
      HostConfig: {
        Privileged: true,
        Init: true,
        NetworkMode: "host",
        Mounts: [{ Type: "volume", Source: "kiln_buildkit_ci_state", Target: "/var/lib/buildkit" }],
      },
      Labels: { "kiln.builder": "ci", [CONFIG_HASH_LABEL]: plan.configHash },
    });
  });

  type Case = [name: string, options: Omit<DockerContainerOptions, "name">, toml: unknown, files: string[]];
  const cases: Case[] = [
    [
      "an http registry",
      { registries: [{ host: "registry.local:5000", http: true }] },
      { registry: { "registry.local:5000": { http: true } } },
      ["buildkitd.toml"],
    ],
    [
      "an insecure registry",
      { registries: [{ host: "10.0.0.5:443", insecure: true }] },
      { registry: { "10.0.0.5:443": { insecure: true } } },
      ["buildkitd.toml"],
    ],
    [
      "a registry with a self-signed CA",
      { registries: [{ host: "registry.corp", ca: [pem, pem.trimEnd()] }] },
      {
        registry: {
          "registry.corp": {
            ca: ["/etc/buildkit/certs/registry.corp/ca-1.pem", "/etc/buildkit/certs/registry.corp/ca-2.pem"],
          },
        },
      },
      ["buildkitd.toml", "certs/registry.corp/ca-1.pem", "certs/registry.corp/ca-2.pem"],
    ],
    [
      "a Docker Hub mirror",
      { registries: [{ host: "docker.io", mirrors: ["mirror.gcr.io", "harbor.corp/proxy.docker.io"] }] },
      { registry: { "docker.io": { mirrors: ["mirror.gcr.io", "harbor.corp/proxy.docker.io"] } } },
      ["buildkitd.toml"],
    ],
    [
      "user config without registries",
      {
        userConfig: {
          source: "buildkitd-config-inline",
          content: "debug = true\n[worker.oci]\n  max-parallelism = 4\n",
        },
      },
      { debug: true, worker: { oci: { "max-parallelism": 4 } } },
      ["buildkitd.toml"],
    ],
    [
      "user config merged: the user's keys win, Kiln fills the rest, other registries added",
      {
        registries: [
          { host: "docker.io", mirrors: ["mirror.gcr.io"] },
          { host: "registry.local:5000", http: true, insecure: true },
        ],
        userConfig: {
          source: "buildkitd-config-inline",
          content:
            "debug = true\n\n" +
            '[registry."registry.local:5000"] # ours\n' +
            "  insecure = false\n" +
            '  [[registry."registry.local:5000".keypair]]\n' +
            '    key = "/k.pem"\n' +
            '    cert = "/c.pem"\n',
        },
      },
      {
        debug: true,
        registry: {
          "registry.local:5000": { http: true, insecure: false, keypair: [{ key: "/k.pem", cert: "/c.pem" }] },
          "docker.io": { mirrors: ["mirror.gcr.io"] },
        },
      },
      ["buildkitd.toml"],
    ],
    [
      "user registry settings as an inline table and as dotted keys merge the same way",
      {
        registries: [
          { host: "r", http: true, insecure: true },
          { host: "s", http: true },
        ],
        userConfig: {
          source: "buildkitd-config-inline",
          content: 'registry."r".http = false\n[registry.s]\nca = ["/x"]\n',
        },
      },
      { registry: { r: { http: false, insecure: true }, s: { http: true, ca: ["/x"] } } },
      ["buildkitd.toml"],
    ],
  ];

  it.each(cases)("generates buildkitd.toml for %s", (_name, options, toml, files) => {
    const plan = planContainer({ name: "ci", ...options });
    expect(parseToml(plan.toml)).toEqual(toml);
    expect(plan.files.map((f) => f.path)).toEqual(files);
    expect(plan.files[0]?.content).toBe(plan.toml);
    expect(plan.body.Cmd?.slice(0, 2)).toEqual(["--config", "/etc/buildkit/buildkitd.toml"]);
  });

  it("gives the image's pull mirrors from the merged config", () => {
    const plan = planContainer({
      name: "ci",
      image: "moby/buildkit:v0.26.3",
      userConfig: { source: "buildkitd-config", content: '[registry."docker.io"]\nmirrors = ["m1", "m2/p"]\n' },
    });
    expect(plan.pullMirrors).toEqual(["m1", "m2/p"]);
    expect(planContainer({ name: "ci", image: "127.0.0.1:5000/k/b:1" }).pullMirrors).toEqual([]);
  });

  it("puts resource limits into HostConfig", () => {
    const plan = planContainer({ name: "ci", resources: { memoryBytes: 1 << 30, cpuQuota: 50_000 } });
    expect(plan.body.HostConfig).toMatchObject({ Memory: 1 << 30, CpuQuota: 50_000 });
  });

  it("copies each CA certificate's exact bytes, newline-terminated, under a directory named for the registry", () => {
    const plan = planContainer({ name: "ci", registries: [{ host: "reg:5000", ca: [pem.trimEnd()] }] });
    expect(plan.files[1]).toEqual({ path: "certs/reg_5000/ca-1.pem", content: pem, mode: 0o644 });
  });

  it.each([
    [
      "user flags replace the defaults; --config stays first so theirs can override it",
      ["--debug"],
      "none",
      ["--debug"],
    ],
    [
      "network=host adds the network.host entitlement that buildx adds",
      ["--debug"],
      "host",
      ["--debug", "--allow-insecure-entitlement=network.host"],
    ],
    [
      "the entitlement is not added twice",
      ["--allow-insecure-entitlement=network.host"],
      "host",
      ["--allow-insecure-entitlement=network.host"],
    ],
  ])("flags: %s", (_name, flags, network, cmd) => {
    const plan = planContainer({ name: "ci", flags, network, registries: [{ host: "r", http: true }] });
    expect(plan.body.Cmd).toEqual(["--config", "/etc/buildkit/buildkitd.toml", ...cmd]);
    expect(plan.body.HostConfig?.NetworkMode).toBe(network);
  });

  it("passes env and a custom image through", () => {
    const plan = planContainer({
      name: "ci",
      image: "127.0.0.1:5000/mirror/buildkit:v1@sha256:" + "1".repeat(64),
      env: { BUILDKIT_STEP_LOG_MAX_SIZE: "10485760", JAEGER_TRACE: "localhost:6831" },
    });
    expect(plan.body.Image).toBe(plan.image);
    expect(plan.body.Env).toEqual(["BUILDKIT_STEP_LOG_MAX_SIZE=10485760", "JAEGER_TRACE=localhost:6831"]);
  });

  it("hashes everything that shapes the container, and only that", () => {
    const base = planContainer({ name: "ci", registries: [{ host: "r", http: true }] });
    expect(planContainer({ name: "ci", registries: [{ host: "r", http: true }] }).configHash).toBe(base.configHash);
    const changed = [
      planContainer({ name: "ci", registries: [{ host: "r", insecure: true }] }),
      planContainer({ name: "ci", registries: [{ host: "r", http: true, ca: [pem] }] }),
      planContainer({ name: "ci", registries: [{ host: "r", http: true }], flags: ["--debug"] }),
      planContainer({ name: "ci", registries: [{ host: "r", http: true }], env: { A: "1" } }),
      planContainer({ name: "ci", registries: [{ host: "r", http: true }], image: "x@sha256:" + "2".repeat(64) }),
    ];
    for (const plan of changed) expect(plan.configHash).not.toBe(base.configHash);
    expect(base.configHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each([
    [
      "a registry with a scheme",
      { registries: [{ host: "http://r:5000", http: true }] },
      /registry "http:\/\/r:5000": expected host\[:port\]/,
    ],
    [
      "a mirror with a scheme",
      { registries: [{ host: "docker.io", mirrors: ["https://m"] }] },
      /mirror "https:\/\/m" of registry "docker.io"/,
    ],
    ["the same registry twice", { registries: [{ host: "r" }, { host: "r" }] }, /registry "r" is configured twice/],
    [
      "a user config that is not TOML",
      { userConfig: { source: "buildkitd-config-inline", content: "[registry\n" } },
      /^buildkitd-config-inline: expected a buildkitd.toml \(TOML\), got a syntax error at line 1/,
    ],
    ["a bad env name", { env: { "A-B": "1" } }, /env: expected a variable name/],
  ])("rejects %s", (_name, options, message) => {
    const attempt = (): unknown => planContainer({ name: "ci", ...(options as Omit<DockerContainerOptions, "name">) });
    expect(attempt).toThrow(BuilderError);
    expect(attempt).toThrow(message);
  });

  it("rejects a builder name Docker cannot use", () => {
    expect(() => planContainer({ name: "my builder" })).toThrow(
      'builder name: expected letters, digits, "_", "." or "-", got "my builder"',
    );
  });
});

describe("splitFlags", () => {
  it.each([
    [
      "--debug --allow-insecure-entitlement security.insecure",
      ["--debug", "--allow-insecure-entitlement", "security.insecure"],
    ],
    ["  --oci-worker-gc-keepstorage=20000  \n --debug", ["--oci-worker-gc-keepstorage=20000", "--debug"]],
    [`--a "x y" --b 'z "w"' --c=\\ q ""`, ["--a", "x y", "--b", 'z "w"', "--c= q", ""]],
    ["", []],
  ])("splits %j", (text, words) => {
    expect(splitFlags(text)).toEqual(words);
  });

  it("rejects an unterminated quote", () => {
    expect(() => splitFlags('--a "b')).toThrow(/unterminated " quote/);
  });
});
