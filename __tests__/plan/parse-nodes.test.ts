import { describe, expect, test } from "vitest";
import { planNodes } from "../../src/builder/nodes/index.js";
import { InputError } from "../../src/plan/input-error.js";
import { parseNodes } from "../../src/plan/builder/parse-nodes.js";

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
    expect(() => parseNodes(input)).toThrow(InputError);
    expect(() => parseNodes(input)).toThrow(message);
  });

  test("alias spellings name the platform the platforms input names, so the node is used", () => {
    const nodes = parseNodes("linux/i386=tcp://x86:1\nlinux/armhf=tcp://pi:1\nlinux/aarch64=tcp://arm:1");
    expect(nodes.map((n) => n.platforms)).toEqual([["linux/386"], ["linux/arm/v7"], ["linux/arm64"]]);
    const plan = planNodes(["linux/386", "linux/arm/v7", "linux/arm64", "linux/amd64"], nodes);
    expect(plan.unused).toEqual([]);
    expect(plan.parts).toEqual([
      { kind: "node", endpoint: "tcp://x86:1", platforms: ["linux/386"] },
      { kind: "node", endpoint: "tcp://pi:1", platforms: ["linux/arm/v7"] },
      { kind: "node", endpoint: "tcp://arm:1", platforms: ["linux/arm64"] },
      { kind: "default", platforms: ["linux/amd64"] },
    ]);
  });
});
