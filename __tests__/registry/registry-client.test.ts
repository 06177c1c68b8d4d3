import { afterEach, describe, expect, test } from "vitest";
import {
  MediaType,
  RegistryClient,
  RegistryError,
  dockerCredentialStore,
  type CredentialStore,
  type Credentials,
} from "../../src/registry/index.js";
import { FakeRegistry, sha256, type FakeRegistryOptions } from "./fake-registry.js";

const INDEX = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: MediaType.OciIndex, manifests: [] }));

const servers: FakeRegistry[] = [];
const clients: RegistryClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await Promise.all(servers.splice(0).map((s) => s.stop()));
  // Closing the client and the servers leaves no socket behind (handles close asynchronously: allow 1 s).
  const sockets = (): string[] => process.getActiveResourcesInfo().filter((r) => r.startsWith("TCP"));
  for (let i = 0; i < 100 && sockets().length > 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(sockets()).toStrictEqual([]);
});

async function registry(options: FakeRegistryOptions = {}): Promise<FakeRegistry> {
  const r = await FakeRegistry.start(options);
  servers.push(r);
  r.putManifest("team/app", "v1", INDEX, MediaType.OciIndex);
  return r;
}

function client(credentials?: Credentials, timeoutMs?: number): RegistryClient {
  const store: CredentialStore = { get: () => Promise.resolve(credentials) };
  const c = new RegistryClient({ credentials: store, ...(timeoutMs === undefined ? {} : { timeoutMs }) });
  clients.push(c);
  return c;
}

async function rejection(p: Promise<unknown>): Promise<RegistryError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof RegistryError)) throw new Error(`expected a RegistryError, got ${String(err)}`);
  return err;
}

describe("Basic auth (distribution with htpasswd)", () => {
  test("answers the challenge with the user's credentials, then sends them up front", async () => {
    const r = await registry({ auth: "basic", users: { kiln: "pw" } });
    const c = client({ username: "kiln", secret: "pw" });
    const m = await c.getManifest(`${r.host}/team/app:v1`);
    expect(m.bytes.equals(INDEX)).toBe(true);
    await c.getManifest(`${r.host}/team/app:v1`);
    expect(r.log.map((l) => l.authorization)).toStrictEqual([
      undefined,
      `Basic ${Buffer.from("kiln:pw").toString("base64")}`,
      `Basic ${Buffer.from("kiln:pw").toString("base64")}`,
    ]);
  });

  test("without credentials fails as unauthorized and says how to log in", async () => {
    const r = await registry({ auth: "basic", users: { kiln: "pw" } });
    const err = await rejection(client().getManifest(`${r.host}/team/app:v1`));
    expect(err.code).toBe("unauthorized");
    expect(err.message).toBe(
      `failed to get manifest ${r.host}/team/app:v1: ${r.host} requires authentication and there are no credentials for it: log in (docker login ${r.host}) or pass credentials`,
    );
  });

  test("with a wrong password fails as unauthorized naming the user", async () => {
    const r = await registry({ auth: "basic", users: { kiln: "pw" } });
    const err = await rejection(client({ username: "kiln", secret: "nope" }).getManifest(`${r.host}/team/app:v1`));
    expect(err.code).toBe("unauthorized");
    expect(err.message).toContain(`${r.host} refused the credentials of user "kiln" (HTTP 401)`);
  });

  test("takes credentials from a docker config", async () => {
    const r = await registry({ auth: "basic", users: { kiln: "pw" } });
    const store = dockerCredentialStore({
      config: { auths: { [r.host]: { auth: Buffer.from("kiln:pw").toString("base64") } } },
    });
    const c = new RegistryClient({ credentials: store });
    clients.push(c);
    expect((await c.getManifest(`${r.host}/team/app:v1`)).digest).toBe(sha256(INDEX));
  });
});

describe("Bearer token flow", () => {
  test.each(["token", "access_token"] as const)(
    "gets a %s with Basic credentials for the scope and reuses it per scope",
    async (tokenField) => {
      const r = await registry({ auth: "bearer", users: { kiln: "pw" }, tokenField });
      const c = client({ username: "kiln", secret: "pw" });
      await c.getManifest(`${r.host}/team/app:v1`);
      await c.getManifest(`${r.host}/team/app:v1`);
      expect(await c.blobExists(`${r.host}/team/app`, sha256(Buffer.from("x")))).toBe(false);
      expect(r.tokenRequests).toHaveLength(1);
      const first = new URL(r.tokenRequests[0]?.url ?? "", "http://x");
      expect(first.searchParams.get("service")).toBe("fake");
      expect(first.searchParams.getAll("scope")).toStrictEqual(["repository:team/app:pull"]);
      expect(r.tokenRequests[0]?.authorization).toBe(`Basic ${Buffer.from("kiln:pw").toString("base64")}`);

      await c.putManifest(`${r.host}/team/app:v2`, INDEX, MediaType.OciIndex);
      expect(r.tokenRequests).toHaveLength(2);
      expect(new URL(r.tokenRequests[1]?.url ?? "", "http://x").searchParams.getAll("scope")).toStrictEqual([
        "repository:team/app:pull,push",
      ]);
      expect((await c.getManifest(`${r.host}/team/app:v2`)).bytes.equals(INDEX)).toBe(true);
    },
  );

  test("exchanges an identity token with an OAuth2 refresh_token POST", async () => {
    const r = await registry({ auth: "bearer", refreshTokens: ["refresh-me"], tokenField: "access_token" });
    await client({ username: "", secret: "refresh-me" }).getManifest(`${r.host}/team/app:v1`);
    expect(r.tokenRequests).toHaveLength(1);
    expect(r.tokenRequests[0]?.method).toBe("POST");
    const form = new URLSearchParams(r.tokenRequests[0]?.body);
    expect(Object.fromEntries(form)).toStrictEqual({
      grant_type: "refresh_token",
      refresh_token: "refresh-me",
      client_id: "kiln",
      service: "fake",
      scope: "repository:team/app:pull",
    });
  });

  test("pulls anonymously when the token server allows it, and fails to push clearly", async () => {
    const r = await registry({ auth: "bearer", anonymousPull: true });
    const c = client();
    expect((await c.getManifest(`${r.host}/team/app:v1`)).kind).toBe("index");
    expect(r.tokenRequests[0]?.authorization).toBeUndefined();
    const err = await rejection(c.putManifest(`${r.host}/team/app:v2`, INDEX, MediaType.OciIndex));
    expect(err.code).toBe("unauthorized");
    expect(err.message).toMatch(/^failed to put manifest .*requires authentication and there are no credentials/);
  });

  test("a token server refusing the credentials is unauthorized", async () => {
    const r = await registry({ auth: "bearer", users: { kiln: "pw" } });
    const err = await rejection(client({ username: "kiln", secret: "bad" }).getManifest(`${r.host}/team/app:v1`));
    expect(err.code).toBe("unauthorized");
    expect(err.message).toContain(`token server http://${r.host}/token refused the credentials (HTTP 401)`);
  });
});

describe("digest verification", () => {
  test("a manifest whose bytes do not match Docker-Content-Digest is rejected", async () => {
    const r = await registry();
    r.intercept = (req, res) => {
      if (req.method !== "GET" || !req.url?.includes("/manifests/")) return false;
      res.writeHead(200, { "content-type": MediaType.OciIndex, "docker-content-digest": sha256(Buffer.from("other")) });
      res.end(INDEX);
      return true;
    };
    const err = await rejection(client().getManifest(`${r.host}/team/app:v1`));
    expect(err.code).toBe("invalid");
    expect(err.message).toMatch(
      new RegExp(
        `^failed to get manifest ${r.host}/team/app:v1: digest mismatch: expected ${sha256(Buffer.from("other"))}`,
      ),
    );
  });

  test("a manifest fetched by digest must hash to that digest", async () => {
    const r = await registry();
    const wanted = sha256(INDEX);
    r.intercept = (req, res) => {
      if (req.method !== "GET" || !req.url?.includes("/manifests/")) return false;
      res.writeHead(200, { "content-type": MediaType.OciIndex });
      res.end(Buffer.from(JSON.stringify({ schemaVersion: 2, manifests: [], tampered: true })));
      return true;
    };
    const err = await rejection(client().getManifest(`${r.host}/team/app@${wanted}`));
    expect(err).toMatchObject({
      code: "invalid",
      message: expect.stringContaining(`digest mismatch: expected ${wanted}`),
    });
  });

  test("a blob whose bytes do not match its digest is rejected", async () => {
    const r = await registry();
    const digest = sha256(Buffer.from("layer"));
    r.blobs.set(digest, Buffer.from("corrupted"));
    const err = await rejection(client().getBlob(`${r.host}/team/app`, digest));
    expect(err.code).toBe("invalid");
    expect(err.message).toBe(
      `failed to get blob ${r.host}/team/app@${digest}: digest mismatch: expected ${digest}, the 9 bytes received hash to ${sha256(Buffer.from("corrupted"))}`,
    );
  });

  test("pushing bytes under a digest they do not have is refused before sending", async () => {
    const r = await registry();
    const err = await rejection(
      client().putManifest(`${r.host}/team/app@${sha256(Buffer.from("x"))}`, INDEX, MediaType.OciIndex),
    );
    expect(err.code).toBe("invalid");
    expect(r.log).toHaveLength(0);
  });

  test.each(["md5:abc", "sha256:XYZ", "sha256:abc"])("an unusable digest %s is invalid", async (digest) => {
    const r = await registry();
    r.blobs.set(digest, Buffer.from("x"));
    expect((await rejection(client().getBlob(`${r.host}/team/app`, digest))).code).toBe("invalid");
  });
});

describe("blobs, tags and referrers", () => {
  test("uploads a blob with POST then PUT, keeping the upload state, then finds it; mounts across repositories", async () => {
    const r = await registry({ auth: "bearer", users: { kiln: "pw" } });
    const c = client({ username: "kiln", secret: "pw" });
    const bytes = Buffer.from("hello layer");
    const first = await c.mountOrUploadBlob(`${r.host}/team/app`, bytes, { mediaType: MediaType.OciLayer });
    expect(first).toStrictEqual({
      descriptor: { mediaType: MediaType.OciLayer, digest: sha256(bytes), size: bytes.length },
      outcome: "uploaded",
    });
    expect(r.blobs.get(sha256(bytes))?.equals(bytes)).toBe(true);
    expect((await c.mountOrUploadBlob(`${r.host}/team/app`, bytes)).outcome).toBe("exists");

    r.log.length = 0;
    r.intercept = (req, res) => {
      // The target repository does not have it yet: only a mount brings it over.
      if (
        req.method === "HEAD" &&
        req.url?.startsWith("/v2/team/other/blobs/") === true &&
        req.headers.authorization !== undefined
      ) {
        res.writeHead(404).end();
        return true;
      }
      return false;
    };
    const mounted = await c.mountOrUploadBlob(`${r.host}/team/other`, bytes, { mountFrom: `${r.host}/team/app` });
    expect(mounted.outcome).toBe("mounted");
    const post = r.log.find((l) => l.method === "POST" && l.authorization !== undefined);
    expect(post?.url).toBe(`/v2/team/other/blobs/uploads/?mount=${encodeURIComponent(sha256(bytes))}&from=team%2Fapp`);
    const scopes = new URL(r.tokenRequests.at(-1)?.url ?? "", "http://x").searchParams.getAll("scope");
    expect(scopes).toStrictEqual(["repository:team/app:pull", "repository:team/other:pull,push"]);
  });

  test("lists every tag across Link pages", async () => {
    const r = await registry();
    for (const tag of ["a", "b", "c", "d"]) r.putManifest("team/app", tag, INDEX, MediaType.OciIndex);
    expect(await client().listTags(`${r.host}/team/app`)).toStrictEqual(["a", "b", "c", "d", "v1"]);
    expect(r.log.filter((l) => l.url.includes("/tags/list"))).toHaveLength(3);
  });

  test("falls back to the sha256-<hex> tag without a referrers API, and reads the API where there is one", async () => {
    const subject = sha256(INDEX);
    const sbom = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: MediaType.OciManifest,
        artifactType: "application/spdx+json",
        config: { mediaType: MediaType.OciEmpty, digest: sha256(Buffer.from("{}")), size: 2 },
        layers: [],
        subject: { mediaType: MediaType.OciIndex, digest: subject, size: INDEX.length },
      }),
    );
    const withoutApi = await registry();
    const sbomDigest = withoutApi.putManifest("team/app", "unused", sbom, MediaType.OciManifest);
    const referrersIndex = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: MediaType.OciIndex,
        manifests: [
          {
            mediaType: MediaType.OciManifest,
            digest: sbomDigest,
            size: sbom.length,
            artifactType: "application/spdx+json",
          },
        ],
      }),
    );
    const c = client();
    expect(await c.getReferrers(`${withoutApi.host}/team/app`, subject)).toStrictEqual([]);
    withoutApi.putManifest("team/app", subject.replace(":", "-"), referrersIndex, MediaType.OciIndex);
    expect(await c.getReferrers(`${withoutApi.host}/team/app`, subject)).toStrictEqual([
      {
        mediaType: MediaType.OciManifest,
        digest: sbomDigest,
        size: sbom.length,
        artifactType: "application/spdx+json",
      },
    ]);
    expect(await c.getReferrers(`${withoutApi.host}/team/app`, subject, { artifactType: "other" })).toStrictEqual([]);

    const withApi = await registry({ referrersApi: true });
    withApi.putManifest("team/app", "unused", sbom, MediaType.OciManifest);
    expect((await c.getReferrers(`${withApi.host}/team/app`, subject)).map((d) => d.digest)).toStrictEqual([
      sbomDigest,
    ]);
  });

  test("headManifest describes a manifest, or is undefined when there is none", async () => {
    const r = await registry();
    const c = client();
    expect(await c.headManifest(`${r.host}/team/app:v1`)).toStrictEqual({
      mediaType: MediaType.OciIndex,
      digest: sha256(INDEX),
      size: INDEX.length,
    });
    expect(await c.headManifest(`${r.host}/team/app:absent`)).toBeUndefined();
    const err = await rejection(c.getManifest(`${r.host}/team/app:absent`));
    expect(err.code).toBe("not-found");
    expect(err.message).toBe(
      `failed to get manifest ${r.host}/team/app:absent: MANIFEST_UNKNOWN: manifest unknown (HTTP 404)`,
    );
  });
});

describe("transport", () => {
  test("keeps connections alive between calls and releases them on close()", async () => {
    const r = await registry();
    const c = client();
    await c.getManifest(`${r.host}/team/app:v1`);
    await c.headManifest(`${r.host}/team/app:v1`);
    expect(await r.connections()).toBe(1);
    c.close();
    for (let i = 0; i < 100 && (await r.connections()) > 0; i++)
      await new Promise((resolve) => setTimeout(resolve, 10));
    expect(await r.connections()).toBe(0);
  });

  test("a redirect to another origin does not carry the Authorization header", async () => {
    const storage = await registry();
    const bytes = Buffer.from("big layer");
    storage.blobs.set(sha256(bytes), bytes);
    const r = await registry({ auth: "basic", users: { kiln: "pw" } });
    r.intercept = (req, res) => {
      if (req.method !== "GET" || req.url?.includes("/blobs/") !== true || req.headers.authorization === undefined)
        return false;
      res.writeHead(307, { location: `http://${storage.host}${req.url}` }).end();
      return true;
    };
    const got = await client({ username: "kiln", secret: "pw" }).getBlob(`${r.host}/team/app`, sha256(bytes));
    expect(got.equals(bytes)).toBe(true);
    expect(storage.log).toStrictEqual([{ method: "GET", url: `/v2/team/app/blobs/${sha256(bytes)}` }]);
  });

  test("a registry that does not answer times out as unavailable", async () => {
    const r = await registry();
    r.intercept = () => true; // never answers
    const err = await rejection(client(undefined, 150).getManifest(`${r.host}/team/app:v1`));
    expect(err.code).toBe("unavailable");
    expect(err.message).toBe(`failed to get manifest ${r.host}/team/app:v1: timed out after 150 ms`);
  });

  test("the caller's signal aborts a call", async () => {
    const r = await registry();
    r.intercept = () => true;
    const controller = new AbortController();
    const pending = client().getManifest(`${r.host}/team/app:v1`, { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    const err = await rejection(pending);
    expect(err.code).toBe("aborted");
    expect(err.message).toBe(`failed to get manifest ${r.host}/team/app:v1: aborted`);
  });

  test("a refused connection is unavailable and says so", async () => {
    const r = await registry();
    const host = r.host;
    await r.stop();
    servers.splice(servers.indexOf(r), 1);
    const err = await rejection(client().getManifest(`${host}/team/app:v1`));
    expect(err.code).toBe("unavailable");
    expect(err.message).toBe(
      `failed to get manifest ${host}/team/app:v1: connection to ${host} refused: is the registry running?`,
    );
  });
});
