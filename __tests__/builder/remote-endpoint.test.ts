import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer as createHttp2Server, type Http2Server } from "node:http2";
import { createServer, type AddressInfo, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { BuildkitError, Code, type Endpoint } from "../../src/buildkit/index.js";
import { explainConnectError, readTls, remoteEndpoint } from "../../src/builder/remote-endpoint.js";
import { thrown } from "./thrown.js";

// Shaped like PEM; remoteEndpoint only checks the markers (the TLS stack judges the content).
const CERT = "-----BEGIN CERTIFICATE-----\nMIIBfake\n-----END CERTIFICATE-----";
const KEY = "-----BEGIN PRIVATE KEY-----\nMIIEsecret-key-material\n-----END PRIVATE KEY-----";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "kiln-remote-unit-"));
  await writeFile(join(dir, "ca.pem"), `${CERT}\n`);
  await writeFile(join(dir, "cert.pem"), `${CERT}\n`);
  await writeFile(join(dir, "key.pem"), `${KEY}\n`);
  await writeFile(join(dir, "rsa-key.pem"), "-----BEGIN RSA PRIVATE KEY-----\nx\n-----END RSA PRIVATE KEY-----\n");
  await writeFile(join(dir, "junk.pem"), "not a certificate\n");
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("remoteEndpoint parses BuildKit addresses", () => {
  test.each<[string, Endpoint]>([
    ["tcp://buildkitd:1234", { kind: "tcp", host: "buildkitd", port: 1234 }],
    [
      "tcp://buildkitd.buildkit.svc.cluster.local:1234",
      { kind: "tcp", host: "buildkitd.buildkit.svc.cluster.local", port: 1234 },
    ],
    ["tcp://10.0.0.7:1234", { kind: "tcp", host: "10.0.0.7", port: 1234 }],
    ["tcp://[::1]:1234", { kind: "tcp", host: "::1", port: 1234 }],
    ["  tcp://buildkitd:1234\n", { kind: "tcp", host: "buildkitd", port: 1234 }],
    ["unix:///run/buildkit/buildkitd.sock", { kind: "unix", path: "/run/buildkit/buildkitd.sock" }],
    // Everything after unix:// is the path, as BuildKit's own client reads it.
    ["unix://buildkitd.sock", { kind: "unix", path: "buildkitd.sock" }],
    ["unix://run/buildkit.sock", { kind: "unix", path: "run/buildkit.sock" }],
  ])("%s", (endpoint, expected) => {
    expect(remoteEndpoint({ endpoint })).toEqual(expected);
  });

  test.each([
    "",
    "buildkitd:1234",
    "http://buildkitd:1234",
    "tcp://buildkitd",
    "tcp://buildkitd:0",
    "unix://",
    "docker-container://buildx_buildkit",
  ])("rejects %j naming the endpoint input", (endpoint) => {
    const err = thrown(() => remoteEndpoint({ endpoint }));
    expect(err.code).toBe(Code.InvalidArgument);
    expect(err.message).toBe(
      `endpoint: expected "tcp://host:port" or "unix:///path/to/buildkitd.sock", got "${endpoint}"`,
    );
  });
});

describe("remoteEndpoint reads TLS material", () => {
  test("from files, with a server name", () => {
    const endpoint = remoteEndpoint({
      endpoint: "tcp://10.0.0.7:1234",
      tls: {
        caFile: join(dir, "ca.pem"),
        certFile: join(dir, "cert.pem"),
        keyFile: join(dir, "key.pem"),
        serverName: "buildkitd",
      },
    });
    expect(endpoint).toEqual({
      kind: "tcp",
      host: "10.0.0.7",
      port: 1234,
      tls: {
        ca: Buffer.from(`${CERT}\n`),
        cert: Buffer.from(`${CERT}\n`),
        key: Buffer.from(`${KEY}\n`),
        serverName: "buildkitd",
      },
    });
  });

  test("inline, as PEM inputs carry it (surrounding blank lines dropped)", () => {
    expect(readTls({ caPem: `\n${CERT}\n\n`, certPem: CERT, keyPem: KEY })).toEqual({
      ca: Buffer.from(`${CERT}\n`),
      cert: Buffer.from(`${CERT}\n`),
      key: Buffer.from(`${KEY}\n`),
    });
  });

  test("an RSA key file in PKCS#1 form is a key too", () => {
    expect(readTls({ certPem: CERT, keyFile: join(dir, "rsa-key.pem") }).key?.toString()).toContain("RSA PRIVATE KEY");
  });

  test("an empty TLS object means TLS with the system roots and no client certificate", () => {
    expect(remoteEndpoint({ endpoint: "tcp://buildkitd:1234", tls: {} })).toEqual({
      kind: "tcp",
      host: "buildkitd",
      port: 1234,
      tls: {},
    });
  });

  test("empty strings count as not given (unset action inputs are empty)", () => {
    expect(readTls({ caPem: "", caFile: join(dir, "ca.pem"), certFile: "", keyPem: "  " })).toEqual({
      ca: Buffer.from(`${CERT}\n`),
    });
  });

  test.each<[string, Parameters<typeof readTls>[0], string]>([
    [
      "both forms of the CA",
      { caPem: CERT, caFile: "/ca.pem" },
      "tls: give the CA certificate inline (caPem) or as a file (caFile), not both",
    ],
    [
      "a certificate without key",
      { certPem: CERT },
      "tls: a client certificate was given without its key (mTLS needs both)",
    ],
    [
      "a key without certificate",
      { keyPem: KEY },
      "tls: a client key was given without a client certificate (mTLS needs both)",
    ],
    ["a file that is not PEM", { caFile: "JUNK" }, "tls: the CA certificate (caFile JUNK) is not PEM"],
    [
      "a certificate where the key goes",
      { certPem: CERT, keyPem: CERT },
      "tls: the client key (inline keyPem) is not PEM",
    ],
  ])("rejects %s", (_, tls, message) => {
    const input = tls.caFile === "JUNK" ? { ...tls, caFile: join(dir, "junk.pem") } : tls;
    const err = thrown(() => readTls(input));
    expect(err.code).toBe(Code.InvalidArgument);
    expect(err.message).toBe(message.replace("JUNK", join(dir, "junk.pem")));
  });

  test("names the file it cannot read", () => {
    const err = thrown(() => readTls({ caFile: join(dir, "missing.pem") }));
    expect(err.message).toBe(`tls: cannot read the CA certificate file ${join(dir, "missing.pem")} (caFile): ENOENT`);
  });

  test("never echoes key material in errors", () => {
    const err = thrown(() => readTls({ certPem: KEY, keyPem: KEY }));
    expect(err.message).not.toContain("secret-key-material");
  });

  test("refuses TLS options on a unix socket", () => {
    const err = thrown(() => remoteEndpoint({ endpoint: "unix:///run/buildkit/buildkitd.sock", tls: { caPem: CERT } }));
    expect(err.message).toBe(
      'endpoint: TLS options apply to tcp:// endpoints only, got "unix:///run/buildkit/buildkitd.sock"',
    );
  });
});

describe("explainConnectError", () => {
  const unavailable = new BuildkitError("failed to get BuildKit info: cannot reach BuildKit at ...", Code.Unavailable);
  const servers: (Server | Http2Server)[] = [];
  const listen = async <S extends Server | Http2Server>(server: S): Promise<number> => {
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return (server.address() as AddressInfo).port;
  };
  afterAll(async () => {
    await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  });

  test("leaves other errors alone", async () => {
    const internal = new BuildkitError("boom", Code.Internal);
    const endpoint = remoteEndpoint({ endpoint: "tcp://127.0.0.1:1" });
    expect(await explainConnectError(endpoint, internal)).toBe(internal);
    const plain = new Error("not ours");
    expect(await explainConnectError(endpoint, plain)).toBe(plain);
  });

  test("says a refused connection is refused", async () => {
    const server = createServer();
    const port = await listen(server);
    await new Promise((resolve) => server.close(resolve));
    const endpoint = remoteEndpoint({ endpoint: `tcp://127.0.0.1:${port}` });
    const err = (await explainConnectError(endpoint, unavailable)) as BuildkitError;
    expect(err.message).toBe(
      `failed to connect to tcp://127.0.0.1:${port}: connection refused: is BuildKit listening there?`,
    );
    expect(err.code).toBe(Code.Unavailable);
    expect(err.cause).toBe(unavailable);
  });

  test("says a missing socket is missing", async () => {
    const path = join(dir, "nothing.sock");
    const err = (await explainConnectError(
      remoteEndpoint({ endpoint: `unix://${path}` }),
      unavailable,
    )) as BuildkitError;
    expect(err.message).toBe(`failed to connect to unix://${path}: no socket at ${path}: is BuildKit running?`);
  });

  test("says when the daemon does not speak TLS", async () => {
    const port = await listen(createServer((s) => s.once("data", () => s.end("HTTP/1.1 400 Bad Request\r\n\r\n"))));
    const endpoint = remoteEndpoint({ endpoint: `tcp://127.0.0.1:${port}`, tls: { caPem: CERT } });
    const err = (await explainConnectError(endpoint, unavailable)) as BuildkitError;
    expect(err.message).toBe(
      `failed to connect to tcp://127.0.0.1:${port}: TLS handshake failed: the daemon does not speak TLS on this port (drop the TLS options?)`,
    );
  });

  test("keeps the original error when the daemon answers HTTP/2", async () => {
    const port = await listen(createHttp2Server());
    const endpoint = remoteEndpoint({ endpoint: `tcp://127.0.0.1:${port}` });
    expect(await explainConnectError(endpoint, unavailable)).toBe(unavailable);
  });

  test("keeps the original error when aborted", async () => {
    const endpoint = remoteEndpoint({ endpoint: "tcp://127.0.0.1:1" });
    expect(await explainConnectError(endpoint, unavailable, { signal: AbortSignal.abort() })).toBe(unavailable);
  });
});
