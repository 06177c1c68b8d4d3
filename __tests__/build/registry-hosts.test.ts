import { describe, expect, it } from "vitest";
import { registryHostsFor } from "../../src/build/registry-hosts.js";

describe("registryHostsFor", () => {
  it("reaches registries the way the builder was told to: insecure-registries, and the user's http/insecure/ca", () => {
    const hosts = registryHostsFor({
      driver: "docker-container",
      registries: { insecure: ["registry.lan:5000", "127.0.0.1:5002"], mirrors: [] },
      container: {
        env: {},
        resources: {},
        keepState: false,
        config: {
          source: "buildkitd-config-inline",
          content:
            '[registry."plain.svc:5000"]\nhttp = true\n[registry."127.0.0.1:5002"]\nhttp = false\nca = ["ca.pem", "missing.pem"]\n[registry."skip.example"]\ninsecure = true\n',
          files: { "ca.pem": "-----BEGIN CERTIFICATE-----\nX\n-----END CERTIFICATE-----\n" },
        },
      },
    });
    expect(hosts).toEqual({
      "plain.svc:5000": { scheme: "http" },
      "127.0.0.1:5002": { caPem: "-----BEGIN CERTIFICATE-----\nX\n-----END CERTIFICATE-----\n", insecure: true },
      "skip.example": { insecure: true },
      "registry.lan:5000": { insecure: true },
    });
  });

  it("is empty for a builder told nothing, and ignores buildkitd config on other drivers", () => {
    expect(registryHostsFor({ driver: "docker-container" })).toEqual({});
    expect(registryHostsFor({ driver: "remote", endpoint: "tcp://b:1234" })).toEqual({});
  });
});
