import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { NO_BUILDER_INPUTS, parseBuilder, type BuilderInputs } from "../../src/plan/builder/parse-builder.js";
import { InputError } from "../../src/plan/input-error.js";

const parse = (inputs: Partial<BuilderInputs>, workspace = "/ws", hasNodes = false) => {
  const warnings: string[] = [];
  const spec = parseBuilder({ ...NO_BUILDER_INPUTS, ...inputs }, { workspace, hasNodes, warnings });
  return { spec, warnings };
};
const refusal = (inputs: Partial<BuilderInputs>): InputError => {
  try {
    parse(inputs);
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).not.toContain("\n");
    return err as InputError;
  }
  throw new Error("expected an InputError");
};

describe("parseBuilder", () => {
  it("defaults to docker-container with nothing to configure", () => {
    expect(parse({}).spec).toEqual({ driver: "docker-container" });
  });

  it("gathers the docker-container builder's options", () => {
    const { spec, warnings } = parse({
      driverOpts: "image=reg:5000/buildkit:v0.26.3,network=host,env.A=1",
      buildkitdFlags: "--debug --allow-insecure-entitlement 'security.insecure'",
      buildkitdConfigInline: "[worker.oci]\nmax-parallelism = 4\n",
      insecureRegistries: "registry.internal:5000\nregistry.internal:5000, 10.0.0.5:5000",
      registryMirrors: "https://mirror.gcr.io",
      binfmtImage: "tonistiigi/binfmt:qemu-v9.2.2",
      keepState: "true",
    });
    expect(warnings).toEqual([]);
    expect(spec).toEqual({
      driver: "docker-container",
      container: {
        image: "reg:5000/buildkit:v0.26.3",
        network: "host",
        env: { A: "1" },
        resources: {},
        keepState: true,
        flags: ["--debug", "--allow-insecure-entitlement", "security.insecure"],
        config: { source: "buildkitd-config-inline", content: "[worker.oci]\nmax-parallelism = 4\n" },
      },
      registries: { insecure: ["registry.internal:5000", "10.0.0.5:5000"], mirrors: ["mirror.gcr.io"] },
      binfmtImage: "tonistiigi/binfmt:qemu-v9.2.2",
    });
  });

  it("reads buildkitd-config from the workspace", async () => {
    const ws = await mkdtemp(path.join(tmpdir(), "kiln-parse-builder-"));
    await writeFile(path.join(ws, "buildkitd.toml"), "debug = true\n");
    const { spec } = parse({ buildkitdConfig: "buildkitd.toml" }, ws);
    expect(spec.driver === "docker-container" && spec.container?.config).toEqual({
      source: "buildkitd-config",
      content: "debug = true\n",
    });
  });

  it("reads the certificate files the inline config's registry tables name, relative to the workspace", async () => {
    const ws = await mkdtemp(path.join(tmpdir(), "kiln-parse-builder-"));
    await writeFile(path.join(ws, "ca.pem"), "CA\n");
    const content = '[registry."127.0.0.1:5002"]\nhttp = false\nca = ["ca.pem"]\n';
    const { spec } = parse({ buildkitdConfigInline: content }, ws);
    expect(spec.driver === "docker-container" && spec.container?.config).toEqual({
      source: "buildkitd-config-inline",
      content,
      files: { "ca.pem": "CA\n" },
    });
    const err = refusal({ buildkitdConfigInline: '[registry."r:5000"]\nca = ["/nonexistent/ca.pem"]\n' });
    expect(err.message).toBe(
      'buildkitd-config-inline: expected registry certificate files that exist on the runner (ENOENT), got "/nonexistent/ca.pem"',
    );
  });

  it("gives remote its TLS and warns that its owner configures registries; daemon-side inputs are ignored with a warning", () => {
    const { spec, warnings } = parse({
      driver: "remote",
      endpoint: "tcp://buildkitd:1234",
      driverOpts: "cacert=ca.pem,cert=cert.pem,key=key.pem",
      insecureRegistries: "registry.svc:5000",
      keepState: "true",
    });
    expect(spec).toEqual({
      driver: "remote",
      endpoint: "tcp://buildkitd:1234",
      tls: { caFile: "/ws/ca.pem", certFile: "/ws/cert.pem", keyFile: "/ws/key.pem" },
      registries: { insecure: ["registry.svc:5000"], mirrors: [] },
    });
    expect(warnings).toEqual([
      'insecure-registries, registry-mirrors: a remote BuildKit is configured by its owner: its buildkitd.toml needs [registry."registry.svc:5000"] http = true, insecure = true',
      "keep-state: driver remote does not start a BuildKit of its own; ignored",
    ]);
  });

  it("refuses insecure-registries on driver docker, saying what the daemon needs", () => {
    const err = refusal({ driver: "docker", insecureRegistries: "registry.lan:5000" });
    expect(err.input).toBe("insecure-registries");
    expect(err.message).toMatch(/daemon\.json.*driver: docker-container/);
  });

  it("refuses each malformed builder input in one line naming it", () => {
    const cases: [Partial<BuilderInputs>, string, RegExp][] = [
      [{ driver: "kubernetes" }, "driver", /docker, docker-container or remote/],
      [{ driver: "remote" }, "endpoint", /for driver remote/],
      [{ endpoint: "http://x" }, "endpoint", /tcp:\/\/host:1234/],
      [{ insecureRegistries: "http://registry:5000" }, "insecure-registries", /without a scheme/],
      [{ registryMirrors: "mirror gcr" }, "registry-mirrors", /host\[:port\]/],
      [{ binfmtImage: "tonistiigi/binfmt latest" }, "binfmt-image", /image reference/],
      [{ keepState: "sometimes" }, "keep-state", /./],
      [{ buildkitdConfigInline: '[registry."x"\nhttp = ' }, "buildkitd-config-inline", /expected TOML.*line 1/],
      [{ buildkitdConfig: "missing.toml" }, "buildkitd-config", /readable buildkitd\.toml file \(ENOENT\)/],
      [{ buildkitdConfig: "a.toml", buildkitdConfigInline: "debug = true" }, "buildkitd-config", /got both/],
      [{ buildkitdFlags: "--debug 'unterminated" }, "buildkitd-flags", /./],
    ];
    for (const [inputs, input, says] of cases) {
      const err = refusal(inputs);
      expect(err.input, JSON.stringify(inputs)).toBe(input);
      expect(err.message.startsWith(`${input}: `)).toBe(true);
      expect(err.message).toMatch(says);
    }
  });
});
