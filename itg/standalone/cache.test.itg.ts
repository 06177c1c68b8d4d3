// Cache round trips on the standalone BuildKit v0.26, through Kiln's pipeline (`cache-to`/`cache-from` inputs,
// driver: remote). Each build has a RUN step that writes random bytes: it can only come back with the same
// image digest if the step is CACHED, i.e. its result came from the exported cache, since the daemon (this
// file's own buildkitd, own-buildkitd.ts) is pruned between export and import.
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { contextWith } from "../helpers/build-fixture.js";
import { loadStackEnv, uniqueTag, type StackEnv } from "../helpers/stack-env.js";
import { runKiln, type Inputs, type KilnRun } from "./kiln-pipeline.js";
import { startOwnBuildkitd, type OwnBuildkitd } from "./own-buildkitd.js";

let env: StackEnv;
let daemon: OwnBuildkitd;

beforeAll(async () => {
  env = await loadStackEnv();
  daemon = await startOwnBuildkitd(env);
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
    endpoint: daemon.unix.addr,
    ...(cache.to ? { "cache-to": cache.to } : {}),
    ...(cache.from ? { "cache-from": cache.from } : {}),
  };
  return runKiln(inputs);
}

const digestOf = (run: KilnRun): string => run.outcome.exporterResponse["containerimage.digest"] ?? "";

/**
 * Export with `to`, prune, import with `from`: every step CACHED (BuildRecord.cacheStats) and the same digest.
 * `reexport` exports again on the import: inline cache lives in the image's config, so the image only stays the
 * same when the rebuild writes it too.
 */
async function roundTrip(
  name: string,
  to: string,
  from: string | ((ref: string) => string),
  options: { reexport?: boolean } = {},
): Promise<void> {
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
  expect(digestOf(second)).toBe(digestOf(first));

  // The control: without the cache, after a prune, the random bytes change the digest.
  await daemon.prune();
  const third = await build(context, ref, {});
  expect(third.outcome.record.cacheStats()).toEqual({ cached: 0, total: STEPS });
  expect(digestOf(third)).not.toBe(digestOf(first));
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
    await roundTrip("inline", "type=inline", (ref) => `type=registry,ref=${ref}`, { reexport: true });
  });
});
