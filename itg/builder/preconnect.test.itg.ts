// A remote builder connection opened before planning (the action's main.ts does this): openBuilder must adopt it
// for the same endpoint (one connection, not two), close it for any other builder, and report an unreachable
// daemon exactly as a connection of its own would. Sockets are forwarders to the stack daemon's BuildKit that count
// the connections they accept.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { openBuilder, Preconnection, type OpenBuilder } from "../../src/builder/index.js";
import { parseDockerHost, type DockerHost } from "../../src/docker/index.js";
import { loadStackEnv } from "../helpers/stack-env.js";
import { startUnixForwarder } from "../helpers/tls-forwarder.js";

let docker: DockerHost;
let dir: string;

beforeAll(async () => {
  docker = parseDockerHost((await loadStackEnv()).DOCKER_HOST);
  dir = await mkdtemp(join(tmpdir(), "kiln-preconnect-"));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function openRemote(endpoint: string, preconnected: Preconnection | undefined): Promise<OpenBuilder> {
  return openBuilder({ driver: "remote", endpoint }, [], {
    env: {},
    log: () => {},
    ...(preconnected ? { preconnected } : {}),
  });
}

describe("Preconnection", () => {
  test("is adopted by a remote builder at the same endpoint: one connection serves both", async () => {
    const node = await startUnixForwarder({ docker });
    const pre = Preconnection.open(node.address);
    expect(pre).toBeDefined();
    // Dialled already (in the action, the rest of the step loads meanwhile); a second connection would count.
    await vi.waitFor(() => expect(node.accepted()).toBe(1));
    const builder = await openRemote(node.address, pre);
    try {
      expect(builder.report.buildkitVersion).toMatch(/^v\d+\.\d+/);
      expect((await builder.client.info()).version).toMatch(/^v\d+\.\d+/);
      expect(node.accepted()).toBe(1);
      expect(pre!.take()).toBeUndefined();
    } finally {
      await builder.client.close();
      await node.close();
    }
  });

  test("is closed when the plan names another builder, which connects on its own", async () => {
    const [early, planned] = await Promise.all([startUnixForwarder({ docker }), startUnixForwarder({ docker })]);
    const pre = Preconnection.open(early.address);
    await vi.waitFor(() => expect(early.accepted()).toBe(1));
    const builder = await openRemote(planned.address, pre);
    try {
      expect(planned.accepted()).toBe(1);
      expect(pre!.take()).toBeUndefined();
      // The early client is closed: nothing dials its socket again.
      const before = early.accepted();
      await builder.client.info();
      expect(early.accepted()).toBe(before);
    } finally {
      await builder.client.close();
      await Promise.all([early.close(), planned.close()]);
    }
  });

  test("fails like a connection of the builder's own when nothing listens", async () => {
    const address = `unix://${join(dir, "nobody.sock")}`;
    const expected = `failed to connect to ${address}: no socket at ${join(dir, "nobody.sock")}: is BuildKit running?`;
    await expect(openRemote(address, Preconnection.open(address))).rejects.toThrow(expected);
    await expect(openRemote(address, undefined)).rejects.toThrow(expected);
  });

  test("opens nothing for an endpoint that does not parse", () => {
    expect(Preconnection.open("http://builder")).toBeUndefined();
    expect(Preconnection.open("")).toBeUndefined();
  });
});
