import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BuildkitClient, BuildkitError, auth, type Attachable } from "../../src/buildkit/index.js";
import { dockerEndpoint } from "../../src/builder/docker-endpoint.js";
import { parseDockerHost } from "../../src/docker/index.js";
import { dockerCredentialStore } from "../../src/registry/index.js";
import { getManifest, parseReference } from "../helpers/registry-http.js";
import { loadStackEnv, uniqueTag, type StackEnv } from "../helpers/stack-env.js";
import { cacheBuild, cacheContext, pruneBuildCache, stepsAfterFrom, STEPS_AFTER_FROM } from "./cache-fixture.js";

let env: StackEnv;
let client: BuildkitClient;
let registryAuth: Attachable;
let basic: string;

beforeAll(async () => {
  env = await loadStackEnv();
  client = await BuildkitClient.connect(dockerEndpoint(parseDockerHost(env.DOCKER_HOST)));
  const configDir = await mkdtemp(join(tmpdir(), "kiln-docker-config-"));
  basic = Buffer.from(`${env.KILN_AUTH_USER}:${env.KILN_AUTH_PASSWORD}`).toString("base64");
  await writeFile(
    join(configDir, "config.json"),
    JSON.stringify({ auths: { [env.KILN_AUTH_REGISTRY]: { auth: basic } } }),
  );
  const store = dockerCredentialStore({ configPath: join(configDir, "config.json") });
  registryAuth = auth((host) => store.get(host));
});
afterAll(async () => {
  await client?.close();
});

describe("registry cache", () => {
  test("mode=max on the htpasswd registry: export, prune, import; every step after FROM is cached, same digest", async () => {
    const ctx = await cacheContext(env);
    const ref = `${env.KILN_REGISTRY}/itg/cache-registry:${uniqueTag()}`;
    const cacheRef = `${env.KILN_AUTH_REGISTRY}/itg/cache-registry-cache:${uniqueTag()}`;

    const first = await cacheBuild(client, ctx, {
      ref,
      cacheExports: [{ type: "registry", attrs: { ref: cacheRef, mode: "max" } }],
      attachables: [registryAuth],
    });
    expect(stepsAfterFrom(first.record)).toMatchObject({ total: STEPS_AFTER_FROM, cached: 0 });
    // The cache really is on the authenticated registry: an OCI index holding the layers and the cache config.
    const { registry, repository, tag } = parseReference(cacheRef);
    const cacheManifest = await getManifest({ registry, repository, authorization: `Basic ${basic}` }, tag);
    expect(cacheManifest.mediaType).toBe("application/vnd.oci.image.index.v1+json");

    await pruneBuildCache(env);
    const second = await cacheBuild(client, ctx, {
      ref,
      cacheImports: [{ type: "registry", attrs: { ref: cacheRef } }],
      attachables: [registryAuth],
    });
    expect(stepsAfterFrom(second.record)).toEqual({ total: STEPS_AFTER_FROM, cached: STEPS_AFTER_FROM, uncached: [] });
    expect(second.digest).toBe(first.digest);
  });

  test("importing from the htpasswd registry without credentials caches nothing but does not fail the build", async () => {
    const ctx = await cacheContext(env);
    const ref = `${env.KILN_REGISTRY}/itg/cache-registry-noauth:${uniqueTag()}`;
    const cacheRef = `${env.KILN_AUTH_REGISTRY}/itg/cache-registry-noauth-cache:${uniqueTag()}`;
    const first = await cacheBuild(client, ctx, {
      ref,
      cacheExports: [{ type: "registry", attrs: { ref: cacheRef, mode: "max" } }],
      attachables: [registryAuth],
    });
    await pruneBuildCache(env);
    const second = await cacheBuild(client, ctx, {
      ref,
      cacheImports: [{ type: "registry", attrs: { ref: cacheRef } }],
    });
    expect(stepsAfterFrom(second.record)).toMatchObject({ total: STEPS_AFTER_FROM, cached: 0 });
    expect(second.digest).toBe(first.digest);
  });
});

describe("inline cache", () => {
  test("exported with the pushed image and imported with type=registry,ref=<image> after a prune", async () => {
    const ctx = await cacheContext(env);
    const ref = `${env.KILN_REGISTRY}/itg/cache-inline:${uniqueTag()}`;
    const first = await cacheBuild(client, ctx, { ref, cacheExports: [{ type: "inline", attrs: {} }] });
    await pruneBuildCache(env);
    // The image config carries the inline cache, so the rebuild exports it too, as a workflow would.
    const second = await cacheBuild(client, ctx, {
      ref,
      cacheImports: [{ type: "registry", attrs: { ref } }],
      cacheExports: [{ type: "inline", attrs: {} }],
    });
    const stats = stepsAfterFrom(second.record);
    // Inline cache is mode=min: it describes the final image's layers, which is enough to hit every step after
    // FROM here, the build stage included, because the final stage's cache keys chain through it.
    expect(stats).toEqual({ total: STEPS_AFTER_FROM, cached: STEPS_AFTER_FROM, uncached: [] });
    expect(second.digest).toBe(first.digest);
  });
});

describe("ignore-error on a cache export", () => {
  // Nothing listens on port 1: the export fails at once with "connection refused".
  const unreachable = "127.0.0.1:1/itg/cache-unreachable:latest";

  test("ignore-error=true: an unreachable cache registry does not fail the build", async () => {
    const ref = `${env.KILN_REGISTRY}/itg/cache-ignore:${uniqueTag()}`;
    const build = await cacheBuild(client, await cacheContext(env), {
      ref,
      cacheExports: [{ type: "registry", attrs: { ref: unreachable, mode: "max", "ignore-error": "true" } }],
    });
    expect(build.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    const { registry, repository, tag } = parseReference(ref);
    expect((await getManifest({ registry, repository }, tag)).digest).toBe(build.digest);
  });

  test("without ignore-error the build fails, naming the cache registry and the cause", async () => {
    const err = await cacheBuild(client, await cacheContext(env), {
      ref: `${env.KILN_REGISTRY}/itg/cache-noignore:${uniqueTag()}`,
      cacheExports: [{ type: "registry", attrs: { ref: unreachable, mode: "max" } }],
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BuildkitError);
    expect((err as Error).message).toMatch(/127\.0\.0\.1:1/);
    expect((err as Error).message).toMatch(/connection refused/);
  });
});
