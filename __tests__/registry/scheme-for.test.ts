import { expect, test } from "vitest";
import { isLoopbackHost, schemeFor, type RegistryHosts } from "../../src/registry/index.js";

const PEM = "-----BEGIN CERTIFICATE-----\n...\n-----END CERTIFICATE-----\n";

test.each<[string, RegistryHosts, "http" | "https"]>([
  ["ghcr.io", {}, "https"],
  ["registry-1.docker.io", {}, "https"],
  ["registry.example:5000", {}, "https"],
  ["localhost", {}, "http"],
  ["LOCALHOST:5000", {}, "http"],
  ["127.0.0.1:5000", {}, "http"],
  ["127.1.2.3", {}, "http"],
  ["[::1]:5000", {}, "http"],
  ["[0:0:0:0:0:0:0:1]:5000", {}, "http"],
  ["128.0.0.1:5000", {}, "https"],
  ["10.0.0.5:5000", {}, "https"],
  ["localhost.example.com", {}, "https"],
  ["registry.lan:5000", { "registry.lan:5000": { scheme: "http" } }, "http"],
  ["registry.lan:5000", { "registry.lan": { scheme: "http" } }, "http"],
  ["registry.lan:5001", { "registry.lan:5000": { scheme: "http" } }, "https"],
  ["127.0.0.1:5002", { "127.0.0.1:5002": { scheme: "https" } }, "https"],
  ["127.0.0.1:5002", { "127.0.0.1:5002": { caPem: PEM } }, "https"],
  ["127.0.0.1:5002", { "127.0.0.1:5002": { caPem: PEM, scheme: "http" } }, "http"],
  ["127.0.0.1:5000", { "127.0.0.1:5002": { scheme: "https" } }, "http"],
])("%s with %j speaks %s", (host, hosts, scheme) => {
  expect(schemeFor(host, hosts)).toBe(scheme);
});

test.each([
  ["localhost", true],
  ["127.0.0.1", true],
  ["[::1]:443", true],
  ["::1", true],
  ["[::2]:5000", false],
  ["example.com", false],
])("isLoopbackHost(%s) is %s", (host, loopback) => {
  expect(isLoopbackHost(host)).toBe(loopback);
});
