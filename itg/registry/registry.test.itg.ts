// The registry client against the real registries of the test stack (distribution 2.8: plain http on
// KILN_REGISTRY, htpasswd Basic auth on KILN_AUTH_REGISTRY, TLS from the stack's CA on KILN_TLS_REGISTRY).
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { formatPlatform } from "../../src/shared/platform.js";
import {
  ATTESTATION_MANIFEST_TYPE,
  ATTESTATION_REFERENCE_DIGEST_ANNOTATION,
  ATTESTATION_REFERENCE_TYPE_ANNOTATION,
  IN_TOTO_PREDICATE_TYPE_ANNOTATION,
  MediaType,
  RegistryClient,
  RegistryError,
  dockerCredentialStore,
  parseReference,
  pushIndex,
  readAttestationLayers,
  readImageIndex,
  sha256Digest,
  type Descriptor,
  type Platform,
} from "../../src/registry/index.js";
import { uniqueTag } from "../helpers/stack-env.js";
import { loadRegistryStack, type RegistryStack } from "./registry-stack.js";

let env: RegistryStack;
let tmp: string;
const clients: RegistryClient[] = [];

function client(...args: ConstructorParameters<typeof RegistryClient>): RegistryClient {
  const c = new RegistryClient(...args);
  clients.push(c);
  return c;
}

beforeAll(async () => {
  env = await loadRegistryStack();
  tmp = await mkdtemp(join(tmpdir(), "kiln-registry-itg-"));
});

afterAll(async () => {
  for (const c of clients) c.close();
  if (tmp !== undefined) await rm(tmp, { recursive: true, force: true });
});

async function rejection(p: Promise<unknown>): Promise<RegistryError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof RegistryError)) throw new Error(`expected a RegistryError, got ${String(err)}`);
  return err;
}

/** Pushes a one-layer image for `platform` (layer, config, manifest by digest) and returns its descriptor. */
async function pushImage(c: RegistryClient, repo: string, platform: Platform, text: string): Promise<Descriptor> {
  const layer = await c.mountOrUploadBlob(repo, Buffer.from(text), { mediaType: MediaType.OciLayer });
  const config = Buffer.from(
    JSON.stringify({
      architecture: platform.architecture,
      os: platform.os,
      ...(platform.variant === undefined ? {} : { variant: platform.variant }),
      config: {},
      rootfs: { type: "layers", diff_ids: [layer.descriptor.digest] },
    }),
  );
  const cfg = await c.mountOrUploadBlob(repo, config, { mediaType: MediaType.OciConfig });
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: MediaType.OciManifest,
      config: cfg.descriptor,
      layers: [layer.descriptor],
    }),
  );
  const pushed = await c.putManifest(`${repo}@${sha256Digest(manifest)}`, manifest, MediaType.OciManifest);
  return { ...pushed, platform };
}

describe("plain registry (KILN_REGISTRY)", () => {
  test("reads the base image index, both platform manifests, their configs and a layer", async () => {
    const c = client();
    const view = await readImageIndex(c, env.KILN_BASE_IMAGE);
    expect(view.manifests.map((m) => formatPlatform(m.platform)).sort()).toStrictEqual(["linux/amd64", "linux/arm64"]);
    expect(view.digest).toBe(sha256Digest(view.bytes));
    const ref = parseReference(env.KILN_BASE_IMAGE);
    for (const { descriptor, platform } of view.manifests) {
      const m = await c.getManifest({ ...ref, digest: descriptor.digest });
      expect(m.kind).toBe("image");
      expect(m.size).toBe(descriptor.size);
      if (m.kind !== "image") continue;
      const config = JSON.parse((await c.getBlob(ref, m.json.config.digest)).toString()) as Record<string, unknown>;
      expect(config["architecture"]).toBe(platform.architecture);
      expect(config["os"]).toBe(platform.os);
      const layer = m.json.layers.at(-1);
      if (layer === undefined) throw new Error(`${descriptor.digest} has no layers`);
      const bytes = await c.getBlob(ref, layer.digest);
      expect(bytes.byteLength).toBe(layer.size);
      expect(await c.blobExists(ref, layer.digest)).toBe(true);
    }
    expect(await c.listTags(ref)).toContain(ref.tag);
  });

  test("assembles an index from two pushed manifests and an attestation, and reads back the exact bytes", async () => {
    const c = client();
    const repo = `${env.KILN_REGISTRY}/kiln/itg-registry`;
    const amd64 = await pushImage(c, repo, { os: "linux", architecture: "amd64" }, `amd64 ${uniqueTag()}`);
    const arm64 = await pushImage(
      c,
      repo,
      { os: "linux", architecture: "arm64", variant: "v8" },
      `arm64 ${uniqueTag()}`,
    );

    // An attestation manifest laid out like BuildKit's (moby/buildkit docs/attestations/attestation-storage.md).
    const statement = {
      _type: "https://in-toto.io/Statement/v0.1",
      predicateType: "https://slsa.dev/provenance/v0.2",
      subject: [
        { name: `pkg:docker/kiln/itg-registry?platform=linux%2Famd64`, digest: { sha256: amd64.digest.slice(7) } },
      ],
      predicate: { builder: { id: "kiln-itg" } },
    };
    const statementLayer = await c.mountOrUploadBlob(repo, Buffer.from(JSON.stringify(statement)), {
      mediaType: MediaType.InToto,
    });
    const attConfig = await c.mountOrUploadBlob(
      repo,
      Buffer.from(
        JSON.stringify({
          architecture: "unknown",
          os: "unknown",
          config: {},
          rootfs: { type: "layers", diff_ids: [] },
        }),
      ),
      { mediaType: MediaType.OciConfig },
    );
    const attManifest = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: MediaType.OciManifest,
        config: attConfig.descriptor,
        layers: [
          {
            ...statementLayer.descriptor,
            annotations: { [IN_TOTO_PREDICATE_TYPE_ANNOTATION]: statement.predicateType },
          },
        ],
      }),
    );
    const att = await c.putManifest(`${repo}@${sha256Digest(attManifest)}`, attManifest, MediaType.OciManifest);
    const attestation: Descriptor = {
      ...att,
      platform: { os: "unknown", architecture: "unknown" },
      annotations: {
        [ATTESTATION_REFERENCE_DIGEST_ANNOTATION]: amd64.digest,
        [ATTESTATION_REFERENCE_TYPE_ANNOTATION]: ATTESTATION_MANIFEST_TYPE,
      },
    };

    const tag = uniqueTag("merged");
    const pushed = await pushIndex(c, `${repo}:${tag}`, [amd64, arm64, attestation], {
      annotations: { "org.opencontainers.image.title": "kiln itg" },
    });
    const back = await c.getManifest(`${repo}:${tag}`);
    expect(back.bytes.equals(pushed.bytes)).toBe(true);
    expect(back.digest).toBe(pushed.descriptor.digest);
    expect(back.mediaType).toBe(MediaType.OciIndex);
    expect(await c.headManifest(`${repo}:${tag}`)).toStrictEqual(pushed.descriptor);

    const view = await readImageIndex(c, `${repo}:${tag}`);
    expect(
      view.manifests.map((m) => [formatPlatform(m.platform), m.descriptor.digest, m.attestation?.digest]),
    ).toStrictEqual([
      ["linux/amd64", amd64.digest, att.digest],
      ["linux/arm64/v8", arm64.digest, undefined],
    ]);
    expect(view.attestations).toStrictEqual([{ descriptor: attestation, subjectDigest: amd64.digest }]);
    const layers = await readAttestationLayers(c, `${repo}:${tag}`, amd64.digest, { index: view });
    expect(await Promise.all(layers.map((l) => l.read()))).toStrictEqual([statement]);
    const none = await rejection(readAttestationLayers(c, `${repo}:${tag}`, arm64.digest));
    expect(none.code).toBe("not-found");
    expect(await c.listTags(repo)).toContain(tag);
  });

  test("pushing an index whose manifests are not in the repository names the missing digest", async () => {
    const c = client();
    const missing: Descriptor = {
      mediaType: MediaType.OciManifest,
      digest: sha256Digest(Buffer.from(uniqueTag())),
      size: 10,
      platform: { os: "linux", architecture: "amd64" },
    };
    const err = await rejection(pushIndex(c, `${env.KILN_REGISTRY}/kiln/itg-registry:never`, [missing]));
    expect(err.code).toBe("not-found");
    expect(err.message).toContain(missing.digest);
  });

  test("referrers: distribution 2.8 has no API, so the sha256-<hex> tag is read", async () => {
    const c = client();
    const repo = `${env.KILN_REGISTRY}/kiln/itg-registry`;
    const subject = await pushImage(c, repo, { os: "linux", architecture: "amd64" }, `subject ${uniqueTag()}`);
    expect(await c.getReferrers(repo, subject.digest)).toStrictEqual([]);
    const empty = await c.mountOrUploadBlob(repo, Buffer.from("{}"), { mediaType: MediaType.OciEmpty });
    const sbom = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: MediaType.OciManifest,
        artifactType: "application/spdx+json",
        config: empty.descriptor,
        layers: [empty.descriptor],
        subject: { mediaType: subject.mediaType, digest: subject.digest, size: subject.size },
      }),
    );
    const sbomDescriptor = await c.putManifest(`${repo}@${sha256Digest(sbom)}`, sbom, MediaType.OciManifest);
    const referrers = { ...sbomDescriptor, artifactType: "application/spdx+json" };
    const tagIndex = Buffer.from(
      JSON.stringify({ schemaVersion: 2, mediaType: MediaType.OciIndex, manifests: [referrers] }),
    );
    await c.putManifest(`${repo}:${subject.digest.replace(":", "-")}`, tagIndex, MediaType.OciIndex);
    expect(await c.getReferrers(repo, subject.digest)).toStrictEqual([referrers]);
  });

  test("mounts a blob from another repository of the same registry", async () => {
    const c = client();
    const base = parseReference(env.KILN_BASE_IMAGE);
    const view = await readImageIndex(c, base);
    const first = view.manifests[0];
    if (first === undefined) throw new Error("base image has no manifests");
    const m = await c.getManifest({ ...base, digest: first.descriptor.digest });
    if (m.kind !== "image") throw new Error("not an image manifest");
    const config = await c.getBlob(base, m.json.config.digest);
    const target = `${env.KILN_REGISTRY}/kiln/itg-mount-${uniqueTag()}`;
    const result = await c.mountOrUploadBlob(target, config, { mountFrom: base });
    expect(result.outcome).toBe("mounted");
    expect((await c.getBlob(target, m.json.config.digest)).equals(config)).toBe(true);
  });
});

describe("htpasswd registry (KILN_AUTH_REGISTRY)", () => {
  test("pushes a blob, config and manifest with credentials from a docker config.json and reads them back", async () => {
    const configPath = join(tmp, "docker", "config.json");
    await mkdir(join(tmp, "docker"), { recursive: true });
    const auth = Buffer.from(`${env.KILN_AUTH_USER}:${env.KILN_AUTH_PASSWORD}`).toString("base64");
    await writeFile(configPath, JSON.stringify({ auths: { [env.KILN_AUTH_REGISTRY]: { auth } } }));
    const c = client({ credentials: dockerCredentialStore({ configPath }) });
    const repo = `${env.KILN_AUTH_REGISTRY}/kiln/itg-auth`;
    const image = await pushImage(c, repo, { os: "linux", architecture: "amd64" }, `auth ${uniqueTag()}`);
    const tag = uniqueTag("auth");
    const m = await c.getManifest(`${repo}@${image.digest}`);
    await c.putManifest(`${repo}:${tag}`, m.bytes, m.mediaType);
    const back = await c.getManifest(`${repo}:${tag}`);
    expect(back.bytes.equals(m.bytes)).toBe(true);
    expect(back.digest).toBe(image.digest);
    if (back.kind !== "image") throw new Error("not an image manifest");
    const layer = back.json.layers[0];
    if (layer === undefined) throw new Error("no layer");
    expect((await c.getBlob(repo, layer.digest)).toString()).toMatch(/^auth /);
    expect(await c.listTags(repo)).toContain(tag);
  });

  test("without credentials fails as unauthorized, saying there are none", async () => {
    const c = client({ credentials: dockerCredentialStore({ configPath: join(tmp, "absent.json") }) });
    const ref = `${env.KILN_AUTH_REGISTRY}/kiln/itg-auth:latest`;
    const err = await rejection(c.getManifest(ref));
    expect(err.code).toBe("unauthorized");
    expect(err.message).toBe(
      `failed to get manifest ${ref}: ${env.KILN_AUTH_REGISTRY} requires authentication and there are no credentials for it: log in (docker login ${env.KILN_AUTH_REGISTRY}) or pass credentials`,
    );
  });

  test("with a wrong password fails as unauthorized, naming the user", async () => {
    const c = client({
      credentials: dockerCredentialStore({
        config: {},
        explicit: [{ registry: env.KILN_AUTH_REGISTRY, username: env.KILN_AUTH_USER, password: "wrong" }],
      }),
    });
    const err = await rejection(
      c.blobExists(`${env.KILN_AUTH_REGISTRY}/kiln/itg-auth`, sha256Digest(Buffer.from("x"))),
    );
    expect(err.code).toBe("unauthorized");
    expect(err.message).toContain(`refused the credentials of user ${JSON.stringify(env.KILN_AUTH_USER)}`);
  });
});

describe("TLS registry (KILN_TLS_REGISTRY)", () => {
  test("with the stack's CA: pushes and reads back", async () => {
    const caPem = await readFile(env.KILN_TLS_CA, "utf8");
    const c = client({ hosts: { [env.KILN_TLS_REGISTRY]: { caPem } } });
    const repo = `${env.KILN_TLS_REGISTRY}/kiln/itg-tls`;
    const image = await pushImage(c, repo, { os: "linux", architecture: "arm64" }, `tls ${uniqueTag()}`);
    const back = await c.getManifest(`${repo}@${image.digest}`);
    expect(back.digest).toBe(image.digest);
    expect(back.size).toBe(image.size);
  });

  test("without the CA fails as unavailable and says the certificate is not trusted", async () => {
    const c = client({ hosts: { [env.KILN_TLS_REGISTRY]: { scheme: "https" } } });
    const ref = `${env.KILN_TLS_REGISTRY}/kiln/itg-tls:latest`;
    const err = await rejection(c.getManifest(ref));
    expect(err.code).toBe("unavailable");
    expect(err.message).toMatch(
      new RegExp(
        `^failed to get manifest ${ref}: TLS certificate of ${env.KILN_TLS_REGISTRY} is not trusted \\(.+\\): give the registry's CA certificate$`,
      ),
    );
  });

  test("speaking plain http to it (the loopback default) fails with the server's own complaint", async () => {
    const err = await rejection(client().getManifest(`${env.KILN_TLS_REGISTRY}/kiln/itg-tls:latest`));
    expect(err.code).toBe("invalid");
    expect(err.message).toContain("Client sent an HTTP request to an HTTPS server");
  });
});
