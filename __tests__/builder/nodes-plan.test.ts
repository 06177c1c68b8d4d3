import { describe, expect, test } from "vitest";
import { planNodes } from "../../src/builder/nodes/index.js";
import type { NodeSpec } from "../../src/builder/spec.js";
import { thrown } from "./thrown.js";

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
