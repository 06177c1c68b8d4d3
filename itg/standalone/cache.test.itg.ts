// Cache round trips on the standalone BuildKit v0.26, through Kiln's pipeline (`cache-to`/`cache-from` inputs,
// driver: remote). Each build has a RUN step that writes random bytes: it can only come back with the same
// image digest if the step is CACHED, i.e. its result came from the exported cache, since the daemon (this
// file's own buildkitd, itg/helpers/own-buildkitd.ts) is pruned between export and import.
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { contextWith } from "../helpers/build-fixture.js";
import { stackOwnBuildkitd, startOwnBuildkitd, type OwnBuildkitd } from "../helpers/own-buildkitd.js";
import { getBlob, getManifest, parseReference, type ImageManifest } from "../helpers/registry-http.js";
import { loadStackEnv, uniqueTag, type StackEnv } from "../helpers/stack-env.js";
import { runKiln, type Inputs, type KilnRun } from "./kiln-pipeline.js";

let env: StackEnv;
let daemon: OwnBuildkitd;

beforeAll(async () => {
  env = await loadStackEnv();
  daemon = await startOwnBuildkitd({ ...stackOwnBuildkitd(env), killOnExit: true });
});
afterAll(async () => {
  await daemon?.stop();
});

/** Two stages; the random bytes pass through COPY --from into the image, so a rerun would change its digest. */
function randomContext(salt: string): Promise<string> {
  return contextWith({
    Dockerfile: [
      `FROM ${env.KILN_BASE_IMAGE} AS build`,
      `RUN echo "${salt}" > /salt && head -c 32 /dev/urandom > /r`,
      `COPY a.txt /a.txt`,
      `RUN cat /salt /a.txt /r | sha256sum > /sum`,
      ``,
      `FROM ${env.KILN_BASE_IMAGE}`,
      `COPY --from=build /r /sum /out/`,
      `RUN head -c 32 /dev/urandom > /r2`,
      ``,
    ].join("\n"),
    "a.txt": "a\n",
  });
}

/** Steps after FROM in {@link randomContext}. */
const STEPS = 5;

function build(context: string, ref: string, cache: { to?: string; from?: string }): Promise<KilnRun> {
  const inputs: Inputs = {
    context,
    platforms: "linux/amd64",
    tags: ref,
    push: "true",
    // No attestations: the pushed digest is then the image manifest's own.
    provenance: "false",
    sbom: "false",
    "source-date-epoch": "1700000000",
    driver: "remote",
    endpoint: daemon.address,
    ...(cache.to ? { "cache-to": cache.to } : {}),
    ...(cache.from ? { "cache-from": cache.from } : {}),
  };
  return runKiln(inputs);
}

const digestOf = (run: KilnRun): string => run.outcome.exporterResponse["containerimage.digest"] ?? "";

/**
 * The pushed image without its inline cache: layer digests and the config minus `moby.buildkit.cache.v0`. That
 * key holds BuildKit's cache records (with wall-clock `createdAt` times, not SOURCE_DATE_EPOCH); in one of a dozen
 * runs here the rebuild's image digest differed although every step was CACHED and every layer was the same.
 */
async function withoutInlineCache(ref: string, digest: string): Promise<unknown> {
  const { registry, repository } = parseReference(ref);
  const target = { registry, repository };
  const { body } = await getManifest<ImageManifest>(target, digest);
  const config = JSON.parse((await getBlob(target, body.config.digest)).toString("utf8")) as Record<string, unknown>;
  expect(config).toHaveProperty(["moby.buildkit.cache.v0"]);
  delete config["moby.buildkit.cache.v0"];
  return { layers: body.layers.map((l) => l.digest), config };
}

/**
 * Export with `to`, prune, import with `from`: every step CACHED (BuildRecord.cacheStats) and the same image,
 * compared by `image` (the digest by default). `reexport` exports on every build: inline cache lives in the
 * image's config, so the rebuild must write it too.
 */
async function roundTrip(
  name: string,
  to: string,
  from: string | ((ref: string) => string),
  options: { reexport?: boolean; image?: (ref: string, digest: string) => Promise<unknown> } = {},
): Promise<void> {
  const image = options.image ?? ((_ref: string, digest: string) => Promise.resolve(digest));
  const context = await randomContext(uniqueTag(name));
  const ref = `${env.KILN_REGISTRY}/standalone-cache/${name}:${uniqueTag()}`;
  const first = await build(context, ref, { to });
  expect(digestOf(first)).toMatch(/^sha256:[0-9a-f]{64}$/);
  expect(first.outcome.record.cacheStats()).toEqual({ cached: 0, total: STEPS });

  await daemon.prune();
  const second = await build(context, ref, {
    from: typeof from === "string" ? from : from(ref),
    ...(options.reexport ? { to } : {}),
  });
  expect(second.outcome.record.cacheStats()).toEqual({ cached: STEPS, total: STEPS });
  expect(await image(ref, digestOf(second))).toEqual(await image(ref, digestOf(first)));

  // The control: without the cache import, after a prune, the random bytes change the image.
  await daemon.prune();
  const third = await build(context, ref, options.reexport ? { to } : {});
  expect(third.outcome.record.cacheStats()).toEqual({ cached: 0, total: STEPS });
  expect(await image(ref, digestOf(third))).not.toEqual(await image(ref, digestOf(first)));
}

describe("cache round trips on the standalone daemon through Kiln (driver: remote)", () => {
  test("s3 (the stack's S3 server, path-style)", async () => {
    const s3 = [
      "type=s3",
      `endpoint_url=${env.KILN_S3_ENDPOINT}`,
      `bucket=${env.KILN_S3_BUCKET}`,
      `region=${env.KILN_S3_REGION}`,
      "use_path_style=true",
      `access_key_id=${env.KILN_S3_ACCESS_KEY}`,
      `secret_access_key=${env.KILN_S3_SECRET_KEY}`,
      `name=${uniqueTag("standalone")}`,
    ].join(",");
    await roundTrip("s3", `${s3},mode=max`, s3);
  });

  test("azblob (Azurite; account_name given, since the account is in the URL's path)", async () => {
    const az = [
      "type=azblob",
      `account_url=${env.KILN_AZURITE_URL}`,
      `account_name=${env.KILN_AZURITE_ACCOUNT}`,
      `secret_access_key=${env.KILN_AZURITE_KEY}`,
      `name=${uniqueTag("standalone")}`,
    ].join(",");
    await roundTrip("azblob", `${az},mode=max`, az);
  });

  test("registry", async () => {
    const ref = `${env.KILN_REGISTRY}/standalone-cache/registry-cache:${uniqueTag()}`;
    await roundTrip("registry", `type=registry,ref=${ref},mode=max`, `type=registry,ref=${ref}`);
  });

  test("local", async () => {
    const dir = join(await mkdtemp(join(tmpdir(), "kiln-standalone-cache-")), "cache");
    await roundTrip("local", `type=local,dest=${dir},mode=max`, `type=local,src=${dir}`);
  });

  test("inline (the pushed image carries the cache; imported from the image itself)", async () => {
    await roundTrip("inline", "type=inline", (ref) => `type=registry,ref=${ref}`, {
      reexport: true,
      image: withoutInlineCache,
    });
  });
});
