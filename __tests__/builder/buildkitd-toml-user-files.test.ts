import { describe, expect, it } from "vitest";
import { parse } from "smol-toml";
import { buildkitdToml, registryFilePaths } from "../../src/builder/docker-container/buildkitd-toml.js";

describe("the user's registry certificate files in buildkitd.toml", () => {
  const content =
    '[registry."registry.corp:5443"]\nca = ["/runner/ca.pem"]\n[[registry."registry.corp:5443".keypair]]\nkey = "/runner/key.pem"\ncert = "/runner/cert.pem"\n[registry."other:5000"]\nca = "/elsewhere/ca.pem"\n';

  it("lists every ca and keypair path the registry tables name", () => {
    expect(registryFilePaths(parse(content))).toEqual([
      "/runner/ca.pem",
      "/runner/key.pem",
      "/runner/cert.pem",
      "/elsewhere/ca.pem",
    ]);
    expect(registryFilePaths(parse("debug = true\n"))).toEqual([]);
  });

  it("copies the files read on the runner under certs/<host>/ and rewrites their paths; unread ones stay as written", () => {
    const { toml, files } = buildkitdToml([], {
      source: "buildkitd-config-inline",
      content,
      files: { "/runner/ca.pem": "CA\n", "/runner/key.pem": "KEY\n", "/runner/cert.pem": "CERT\n" },
    });
    expect(files).toEqual([
      { path: "certs/registry.corp_5443/user-ca-1.pem", content: "CA\n", mode: 0o644 },
      { path: "certs/registry.corp_5443/user-key-1.pem", content: "KEY\n", mode: 0o600 },
      { path: "certs/registry.corp_5443/user-cert-1.pem", content: "CERT\n", mode: 0o644 },
    ]);
    const merged = parse(toml) as { registry: Record<string, Record<string, unknown>> };
    expect(merged.registry["registry.corp:5443"]).toEqual({
      ca: ["/etc/buildkit/certs/registry.corp_5443/user-ca-1.pem"],
      keypair: [
        {
          key: "/etc/buildkit/certs/registry.corp_5443/user-key-1.pem",
          cert: "/etc/buildkit/certs/registry.corp_5443/user-cert-1.pem",
        },
      ],
    });
    expect(merged.registry["other:5000"]).toEqual({ ca: "/elsewhere/ca.pem" });
  });
});
