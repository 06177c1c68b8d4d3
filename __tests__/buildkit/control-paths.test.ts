import { describe, expect, it } from "vitest";
import { CONTROL_PATHS } from "../../src/buildkit/control-client.js";
import { methodPath } from "../../src/buildkit/grpc-service.js";
import { Control } from "../../src/buildkit/gen/moby/buildkit/v1/control_pb.js";

describe("CONTROL_PATHS", () => {
  it("are the paths of Control's methods as its descriptor declares them", () => {
    for (const [method, path] of Object.entries(CONTROL_PATHS)) {
      expect(path).toBe(methodPath(Control.method[method as keyof typeof CONTROL_PATHS]));
    }
  });
});

describe("a Control call to a daemon that is not there", () => {
  it("rejects with the endpoint named while the codecs load, and leaves no rejection unhandled", async () => {
    const { BuildkitClient } = await import("../../src/buildkit/client.js");
    const client = await BuildkitClient.connect({ kind: "unix", path: "/nonexistent/kiln-test/buildkitd.sock" });
    try {
      await expect(client.info({ timeoutMs: 5_000 })).rejects.toThrow(/\/nonexistent\/kiln-test\/buildkitd\.sock/);
    } finally {
      await client.close();
    }
  });
});
