// The remote driver against real transports: an mTLS listener and a unix socket, both piping to the stack
// daemon's BuildKit (the Engine's hijacked /grpc). Builds must push the same platform images as the docker
// driver; TLS mistakes must fail with a message that says what is wrong.
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  BuildkitClient,
  BuildkitError,
  Code,
  dockerfileFrontendAttrs,
  imageExporter,
  type Endpoint,
} from "../../src/buildkit/index.js";
import { dockerEndpoint } from "../../src/builder/docker-endpoint.js";
import { explainConnectError, remoteEndpoint, type RemoteTlsInput } from "../../src/builder/remote-endpoint.js";
import { parseDockerHost, type DockerHost } from "../../src/docker/index.js";
import { platformDigests } from "../helpers/registry-http.js";
import { loadStackEnv, uniqueTag, type StackEnv } from "../helpers/stack-env.js";
import { startTlsForwarder, startUnixForwarder, type Forwarder } from "../helpers/tls-forwarder.js";
import { dockerfileSolve } from "../helpers/build-fixture.js";

const exec = promisify(execFile);
const epoch = 1_700_000_000;
const both = ["linux/amd64", "linux/arm64"];

let env: StackEnv;
let docker: DockerHost;
let tlsNode: Forwarder;
let dir: string;
let context: string;
/** A CA the forwarder does not know, and a client certificate it signed. */
let other: { ca: string; cert: string; key: string };
let goodTls: RemoteTlsInput;

/** Builds the context for both platforms reproducibly and pushes it to `ref`. */
async function buildAndPush(endpoint: Endpoint, ref: string): Promise<void> {
  const client = await BuildkitClient.connect(endpoint);
  try {
    await client.prune({ all: true });
    await client.solve(
      dockerfileSolve(
        context,
        {
          frontendAttrs: dockerfileFrontendAttrs({
            platforms: both,
            sourceDateEpoch: epoch,
            provenance: { mode: "max" },
          }),
          exporters: [imageExporter({ names: [ref], push: true, rewriteTimestamp: true, store: false })],
          sharedKey: "kiln-itg-remote",
        },
        both,
      ),
    );
  } finally {
    await client.close();
  }
}

/** client.info() through the endpoint; resolves to the error it fails with, explained. */
async function infoError(endpoint: Endpoint): Promise<{ raw: BuildkitError; explained: BuildkitError }> {
  const client = await BuildkitClient.connect(endpoint);
  try {
    await client.info({ timeoutMs: 20_000 });
  } catch (err) {
    expect(err).toBeInstanceOf(BuildkitError);
    const explained = await explainConnectError(endpoint, err);
    expect(explained).toBeInstanceOf(BuildkitError);
    return { raw: err as BuildkitError, explained: explained as BuildkitError };
  } finally {
    await client.close();
  }
  throw new Error(`info() through ${tlsNode.address} succeeded, but should have failed`);
}

async function openssl(args: readonly string[]): Promise<void> {
  await exec("openssl", args, { cwd: dir });
}

beforeAll(async () => {
  env = await loadStackEnv();
  docker = parseDockerHost(env.DOCKER_HOST);
  const tlsDir = join(env.KILN_TLS_CA, "..");
  tlsNode = await startTlsForwarder({
    docker,
    cert: await readFile(join(tlsDir, "server.pem")),
    key: await readFile(join(tlsDir, "server-key.pem")),
    ca: await readFile(env.KILN_TLS_CA),
  });
  goodTls = { caFile: env.KILN_TLS_CA, certFile: env.KILN_TLS_CLIENT_CERT, keyFile: env.KILN_TLS_CLIENT_KEY };

  dir = await mkdtemp(join(tmpdir(), "kiln-itg-remote-"));
  context = join(dir, "context");
  await mkdir(context);
  await writeFile(
    join(context, "Dockerfile"),
    `FROM ${env.KILN_BASE_IMAGE}\nARG TARGETARCH\nRUN echo "$TARGETARCH" > /targetarch && uname -m > /uname\nCOPY app.txt /app.txt\n`,
  );
  await writeFile(join(context, "app.txt"), "built through a remote endpoint\n");

  // A second CA, unknown to the forwarder, with a client certificate of its own.
  const sh = (line: string): Promise<void> => openssl(line.split(" "));
  await sh(
    "req -x509 -newkey rsa:2048 -nodes -sha256 -days 2 -keyout other-ca-key.pem -out other-ca.pem " +
      "-subj /CN=kiln-itg-other-ca -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign",
  );
  await writeFile(join(dir, "client.ext"), "basicConstraints=CA:FALSE\nextendedKeyUsage=clientAuth\n");
  await sh("req -newkey rsa:2048 -nodes -keyout other-client-key.pem -out other-client.csr -subj /CN=intruder");
  await sh(
    "x509 -req -sha256 -days 2 -in other-client.csr -CA other-ca.pem -CAkey other-ca-key.pem -CAcreateserial " +
      "-out other-client.pem -extfile client.ext",
  );
  other = {
    ca: join(dir, "other-ca.pem"),
    cert: join(dir, "other-client.pem"),
    key: join(dir, "other-client-key.pem"),
  };
});

afterAll(async () => {
  await tlsNode?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("remote driver over mTLS", () => {
  test.each([
    ["files", () => goodTls],
    [
      "inline PEM",
      async (): Promise<RemoteTlsInput> => ({
        caPem: await readFile(env.KILN_TLS_CA, "utf8"),
        certPem: await readFile(env.KILN_TLS_CLIENT_CERT, "utf8"),
        keyPem: await readFile(env.KILN_TLS_CLIENT_KEY, "utf8"),
      }),
    ],
  ])("connects with TLS material from %s and lists the daemon's platforms", async (_, tls) => {
    const client = await BuildkitClient.connect(remoteEndpoint({ endpoint: tlsNode.address, tls: await tls() }));
    try {
      const info = await client.info();
      expect(info.package).toBe("github.com/moby/buildkit");
      const workers = await client.listWorkers();
      expect(workers.flatMap((w) => w.platforms)).toEqual(expect.arrayContaining(both));
    } finally {
      await client.close();
    }
  });

  test("builds and pushes the same platform images as the docker driver", async () => {
    const repo = `${env.KILN_REGISTRY}/itg/remote`;
    const tag = uniqueTag("tls");
    await buildAndPush(remoteEndpoint({ endpoint: tlsNode.address, tls: goodTls }), `${repo}:${tag}`);
    await buildAndPush(dockerEndpoint(docker), `${repo}:${tag}-docker`);
    const remote = await platformDigests(`${repo}:${tag}`);
    expect(Object.keys(remote)).toEqual(both);
    expect(remote).toEqual(await platformDigests(`${repo}:${tag}-docker`));
  });

  test("fails clearly when the CA does not sign the daemon's certificate", async () => {
    const endpoint = remoteEndpoint({
      endpoint: tlsNode.address,
      tls: { caFile: other.ca, certFile: env.KILN_TLS_CLIENT_CERT, keyFile: env.KILN_TLS_CLIENT_KEY },
    });
    const { raw, explained } = await infoError(endpoint);
    expect(raw.code).toBe(Code.Unavailable);
    expect(raw.message).toContain(`cannot reach BuildKit at ${tlsNode.address}`);
    expect(raw.message).toContain("certificate");
    expect(explained.message).toMatch(
      new RegExp(`^failed to connect to ${tlsNode.address}: certificate signed by unknown authority: .*the CA given`),
    );
    expect(explained.cause).toBe(raw);
  });

  test("fails clearly without a client certificate", async () => {
    const { raw, explained } = await infoError(
      remoteEndpoint({ endpoint: tlsNode.address, tls: { caFile: env.KILN_TLS_CA } }),
    );
    expect(raw.code).toBe(Code.Unavailable);
    expect(explained.message).toBe(
      `failed to connect to ${tlsNode.address}: certificate required: the daemon asks for a client certificate (mTLS): give cert and key`,
    );
    expect(tlsNode.tlsErrors().some((e) => e.includes("peer did not return a certificate"))).toBe(true);
  });

  test("fails clearly when the daemon does not trust the client certificate", async () => {
    const { explained } = await infoError(
      remoteEndpoint({
        endpoint: tlsNode.address,
        tls: { caFile: env.KILN_TLS_CA, certFile: other.cert, keyFile: other.key },
      }),
    );
    // Node's TLS server (the forwarder) checks the client certificate after the handshake and hangs up without
    // an alert; Go's buildkitd sends "bad certificate", which is explained as "certificate rejected".
    expect(explained.message).toMatch(
      new RegExp(`^failed to connect to ${tlsNode.address}: .*rejected the client certificate`),
    );
  });

  test("fails clearly when the name does not match the daemon's certificate", async () => {
    const { explained } = await infoError(
      remoteEndpoint({ endpoint: tlsNode.address, tls: { ...goodTls, serverName: "buildkitd.example" } }),
    );
    expect(explained.message).toMatch(
      new RegExp(`^failed to connect to ${tlsNode.address}: certificate is not valid for buildkitd.example: `),
    );
  });
});

describe("remote driver over a unix socket", () => {
  test("builds and pushes the same platform images as the docker driver", async () => {
    const node = await startUnixForwarder({ docker });
    try {
      expect(node.address.startsWith(`unix://${tmpdir()}/`)).toBe(true);
      const repo = `${env.KILN_REGISTRY}/itg/remote`;
      const tag = uniqueTag("unix");
      await buildAndPush(remoteEndpoint({ endpoint: node.address }), `${repo}:${tag}`);
      await buildAndPush(dockerEndpoint(docker), `${repo}:${tag}-docker`);
      expect(node.accepted()).toBeGreaterThan(0);
      const remote = await platformDigests(`${repo}:${tag}`);
      expect(Object.keys(remote)).toEqual(both);
      expect(remote).toEqual(await platformDigests(`${repo}:${tag}-docker`));
    } finally {
      await node.close();
    }
  });

  test("fails clearly when nothing listens on the socket", async () => {
    const endpoint = remoteEndpoint({ endpoint: `unix://${join(dir, "nobody.sock")}` });
    const { explained } = await infoError(endpoint);
    expect(explained.message).toBe(
      `failed to connect to unix://${join(dir, "nobody.sock")}: no socket at ${join(dir, "nobody.sock")}: is BuildKit running?`,
    );
  });
});
