import { describe, expect, test } from "vitest";
import { Code } from "../../src/buildkit/index.js";
import { normalizePlatform, parseNodes, planNodes, type NodeSpec } from "../../src/builder/nodes/index.js";
import { thrown } from "./thrown.js";

describe("parseNodes reads the nodes input", () => {
  test("one node per line, platforms normalised, blank lines and comments skipped", () => {
    const input = `
      linux/arm64=tcp://arm-builder:1234
      # riscv runs elsewhere
      linux/riscv64 , linux/arm/v7=unix:///run/buildkit/other.sock

      LINUX/AARCH64/v8=tcp://arm-builder:1234
    `;
    expect(() => parseNodes(input)).toThrow("linux/arm64 is given to two nodes");
    expect(parseNodes(input.replace("LINUX/AARCH64/v8", "linux/ppc64le"))).toEqual([
      { platforms: ["linux/arm64"], endpoint: "tcp://arm-builder:1234" },
      { platforms: ["linux/riscv64", "linux/arm/v7"], endpoint: "unix:///run/buildkit/other.sock" },
      { platforms: ["linux/ppc64le"], endpoint: "tcp://arm-builder:1234" },
    ]);
  });

  test("an empty input is no nodes", () => {
    expect(parseNodes("")).toEqual([]);
    expect(parseNodes("\n  \n")).toEqual([]);
  });

  test("a CRLF input (a workflow edited on Windows) reads the same", () => {
    expect(parseNodes("linux/arm64=tcp://a:1\r\nlinux/amd64=tcp://b:2\r\n")).toEqual([
      { platforms: ["linux/arm64"], endpoint: "tcp://a:1" },
      { platforms: ["linux/amd64"], endpoint: "tcp://b:2" },
    ]);
  });

  test.each([
    ["linux/arm64", 'nodes: expected lines like "linux/arm64=tcp://arm-builder:1234", got "linux/arm64"'],
    ["linux/arm64=", 'nodes: expected lines like "linux/arm64=tcp://arm-builder:1234", got "linux/arm64="'],
    ["=tcp://a:1", 'nodes: expected lines like "linux/arm64=tcp://arm-builder:1234", got "=tcp://a:1"'],
    [
      "linux/arm64,=tcp://a:1",
      'nodes: expected lines like "linux/arm64=tcp://arm-builder:1234", got "linux/arm64,=tcp://a:1"',
    ],
    [
      "linux/arm64=arm-builder:1234",
      'nodes: expected lines like "linux/arm64=tcp://arm-builder:1234", got "linux/arm64=arm-builder:1234"',
    ],
    [
      "linux/arm64=tcp://arm-builder",
      'nodes: expected lines like "linux/arm64=tcp://arm-builder:1234", got "linux/arm64=tcp://arm-builder"',
    ],
    ["arm64=tcp://a:1", 'nodes: "arm64" is not a platform (os/arch[/variant]) in "arm64=tcp://a:1"'],
    [
      "linux/arm64=tcp://a:1\nlinux/arm64=tcp://b:1",
      "nodes: linux/arm64 is given to two nodes (tcp://a:1 and tcp://b:1); give each platform one node",
    ],
  ])("rejects %j", (input, message) => {
    const err = thrown(() => parseNodes(input));
    expect(err.code).toBe(Code.InvalidArgument);
    expect(err.message).toBe(message);
  });

  test("takes the caller's platform normaliser", () => {
    const upper = (p: string): string | undefined => (p.startsWith("linux/") ? p.toUpperCase() : undefined);
    expect(parseNodes("linux/arm64=tcp://a:1", { normalizePlatform: upper })).toEqual([
      { platforms: ["LINUX/ARM64"], endpoint: "tcp://a:1" },
    ]);
  });
});

describe("normalizePlatform", () => {
  test.each([
    ["linux/amd64", "linux/amd64"],
    ["linux/x86_64", "linux/amd64"],
    ["linux/amd64/v1", "linux/amd64"],
    ["linux/amd64/v3", "linux/amd64/v3"],
    ["linux/aarch64", "linux/arm64"],
    ["linux/arm64/v8", "linux/arm64"],
    ["linux/arm", "linux/arm/v7"],
    ["linux/arm/v6", "linux/arm/v6"],
    ["Linux/ARM64", "linux/arm64"],
  ])("%s is %s", (input, expected) => {
    expect(normalizePlatform(input)).toBe(expected);
  });

  test.each(["", "linux", "linux/", "a/b/c/d", "linux/arm 64"])("%j is not a platform", (input) => {
    expect(normalizePlatform(input)).toBeUndefined();
  });
});

describe("planNodes splits platforms over the nodes", () => {
  const arm: NodeSpec = { platforms: ["linux/arm64", "linux/arm/v7"], endpoint: "tcp://arm:1234" };
  const riscv: NodeSpec = { platforms: ["linux/riscv64"], endpoint: "tcp://riscv:1234" };

  test("each node builds its requested platforms in one part, the rest goes to the default builder", () => {
    expect(
      planNodes(["linux/amd64", "linux/arm64", "linux/riscv64", "linux/arm/v7", "linux/s390x"], [arm, riscv]),
    ).toEqual({
      parts: [
        { kind: "default", platforms: ["linux/amd64", "linux/s390x"] },
        { kind: "node", endpoint: "tcp://arm:1234", platforms: ["linux/arm64", "linux/arm/v7"] },
        { kind: "node", endpoint: "tcp://riscv:1234", platforms: ["linux/riscv64"] },
      ],
      unused: [],
    });
  });

  test("parts come in the order of their first platform", () => {
    expect(planNodes(["linux/arm64", "linux/amd64"], [arm]).parts).toEqual([
      { kind: "node", endpoint: "tcp://arm:1234", platforms: ["linux/arm64"] },
      { kind: "default", platforms: ["linux/amd64"] },
    ]);
  });

  test("every platform on a node leaves the default builder out", () => {
    expect(planNodes(["linux/arm64"], [arm, riscv])).toEqual({
      parts: [{ kind: "node", endpoint: "tcp://arm:1234", platforms: ["linux/arm64"] }],
      unused: [riscv],
    });
  });

  test("platforms match across aliases but keep the requested spelling", () => {
    expect(planNodes(["linux/arm64/v8"], [arm]).parts).toEqual([
      { kind: "node", endpoint: "tcp://arm:1234", platforms: ["linux/arm64/v8"] },
    ]);
  });

  test("without nodes everything is one part on the default builder", () => {
    expect(planNodes(["linux/amd64", "linux/arm64"], [])).toEqual({
      parts: [{ kind: "default", platforms: ["linux/amd64", "linux/arm64"] }],
      unused: [],
    });
  });

  test("without platforms the default builder builds its own, and no node is used", () => {
    expect(planNodes([], [arm])).toEqual({ parts: [{ kind: "default", platforms: [] }], unused: [arm] });
  });

  test("a repeated platform is built once", () => {
    expect(planNodes(["linux/arm64", "linux/arm64"], [arm]).parts).toEqual([
      { kind: "node", endpoint: "tcp://arm:1234", platforms: ["linux/arm64"] },
    ]);
  });

  test("refuses a platform given to two nodes", () => {
    const err = thrown(() => planNodes(["linux/arm64"], [arm, { platforms: ["linux/arm64"], endpoint: "tcp://b:1" }]));
    expect(err.message).toBe("nodes: linux/arm64 is given to two nodes (tcp://arm:1234 and tcp://b:1)");
  });
});
