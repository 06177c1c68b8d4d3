import { expect, test } from "vitest";
import { parseWwwAuthenticate } from "../../src/registry/index.js";

test.each([
  ['Basic realm="kiln-registry"', [{ scheme: "basic", realm: "kiln-registry" }]],
  ["basic", [{ scheme: "basic" }]],
  [
    'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/alpine:pull"',
    [
      {
        scheme: "bearer",
        realm: "https://auth.docker.io/token",
        service: "registry.docker.io",
        scope: "repository:library/alpine:pull",
      },
    ],
  ],
  [
    'Bearer realm="https://ghcr.io/token",service="ghcr.io",scope="repository:o/r:pull,push"',
    [{ scheme: "bearer", realm: "https://ghcr.io/token", service: "ghcr.io", scope: "repository:o/r:pull,push" }],
  ],
  ['BEARER Realm = "https://x/token" , Service="x"', [{ scheme: "bearer", realm: "https://x/token", service: "x" }]],
  ["Bearer realm=https://x/token,service=x", [{ scheme: "bearer", realm: "https://x/token", service: "x" }]],
  ['Bearer realm="https://x/t\\"q\\"",service="a,b"', [{ scheme: "bearer", realm: 'https://x/t"q"', service: "a,b" }]],
  [
    'Basic realm="r", Bearer realm="https://x/token"',
    [
      { scheme: "basic", realm: "r" },
      { scheme: "bearer", realm: "https://x/token" },
    ],
  ],
  ['Bearer service="no realm"', [{ scheme: "unsupported", name: "bearer" }]],
  [
    "Negotiate abc==, Basic realm=r",
    [
      { scheme: "unsupported", name: "negotiate" },
      { scheme: "basic", realm: "r" },
    ],
  ],
  ["", []],
])("%j parses to %j", (header, expected) => {
  expect(parseWwwAuthenticate(header)).toStrictEqual(expected);
});

test("several header values are all read", () => {
  expect(parseWwwAuthenticate(['Basic realm="a"', 'Bearer realm="https://b/token"'])).toStrictEqual([
    { scheme: "basic", realm: "a" },
    { scheme: "bearer", realm: "https://b/token" },
  ]);
});
