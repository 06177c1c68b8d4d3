// Engine API calls against an in-process HTTP server on a unix socket: how answers and failures surface.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DockerError, inspectImage, pullImage, version, type DockerHost } from "../../src/docker/index.js";

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

describe("Engine API calls", () => {
  let dir: string;
  let server: Server;
  let host: DockerHost;
  let handler: Handler = (_req, res) => res.end();

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "kiln-engine-"));
    const socketPath = path.join(dir, "docker.sock");
    server = createServer((req, res) => handler(req, res));
    await new Promise<void>((resolve) => server.listen(socketPath, resolve));
    host = { kind: "unix", socketPath };
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await rm(dir, { recursive: true, force: true });
  });

  it("parses a JSON answer", async () => {
    handler = (req, res) => {
      expect(req.url).toBe("/version");
      res.setHeader("Content-Type", "application/json");
      res.end(JSON.stringify({ Version: "26.1.5", ApiVersion: "1.45", Os: "linux", Arch: "amd64" }));
    };
    expect((await version(host)).ApiVersion).toBe("1.45");
  });

  it.each([
    [
      "a JSON message",
      500,
      '{"message":"boom: disk full"}',
      "failed to read the Docker daemon's version: boom: disk full",
    ],
    ["plain text", 502, "Bad Gateway\n", "failed to read the Docker daemon's version: Bad Gateway"],
    ["an empty body", 503, "", "failed to read the Docker daemon's version: HTTP 503"],
  ])("turns an error answer with %s into a DockerError with the status", async (_name, status, body, message) => {
    handler = (_req, res) => {
      res.statusCode = status;
      res.end(body);
    };
    const err = await version(host).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DockerError);
    expect(err).toMatchObject({ message, status });
  });

  it("answers undefined for an image the daemon does not have (404)", async () => {
    handler = (req, res) => {
      expect(req.url).toBe("/images/moby%2Fbuildkit%3Av1/json");
      res.statusCode = 404;
      res.end('{"message":"No such image: moby/buildkit:v1"}');
    };
    expect(await inspectImage(host, "moby/buildkit:v1")).toBeUndefined();
  });

  it("reports an error that arrives inside the pull progress stream", async () => {
    handler = (req, res) => {
      expect(req.url).toBe("/images/create?fromImage=moby%2Fbuildkit&tag=v1");
      res.write('{"status":"Pulling from moby/buildkit","id":"v1"}\n{"status":"Downloading"');
      setTimeout(
        () => res.end(',"id":"abc"}\n{"errorDetail":{"message":"unexpected EOF"},"error":"unexpected EOF"}\n'),
        5,
      );
    };
    const seen: string[] = [];
    const err = await pullImage(host, "moby/buildkit:v1", { onProgress: (p) => seen.push(`${p.status}`) }).catch(
      (e: unknown) => e,
    );
    expect(seen).toEqual(["Pulling from moby/buildkit", "Downloading"]);
    expect(err).toBeInstanceOf(DockerError);
    expect((err as Error).message).toBe("failed to pull moby/buildkit:v1: unexpected EOF");
  });

  it("gives up on a daemon that does not answer within the deadline", async () => {
    handler = () => {
      // never answers
    };
    const started = Date.now();
    await expect(version(host, { timeoutMs: 200 })).rejects.toThrow(/no answer within 200 ms/);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("bounds a pull that stalls mid-stream", async () => {
    handler = (_req, res) => res.write('{"status":"Waiting"}\n');
    await expect(pullImage(host, "moby/buildkit:v1", { timeoutMs: 300 })).rejects.toThrow(
      "failed to pull moby/buildkit:v1: no result within 300 ms",
    );
  });
});
