// File names are bytes, as in BuildKit's fsutil: a context holding names that are not valid UTF-8 (one excluded by
// a .dockerignore glob, others COPY'd) builds through Kiln, and the image equals the reference client's on the same daemon
// after a prune: buildx on Docker's embedded BuildKit v0.13, buildctl on a standalone v0.26 of this file's own (its
// prunes never touch the shared daemon).
import { mkdtemp, mkdir, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { BuildkitClient } from "../../src/buildkit/index.js";
import { dockerEndpoint } from "../../src/builder/docker-endpoint.js";
import { parseDockerHost } from "../../src/docker/index.js";
import { buildctlBuild } from "../helpers/buildctl-build.js";
import { kilnBuild } from "../helpers/kiln-build.js";
import { stackOwnBuildkitd, startOwnBuildkitd, type OwnBuildkitd } from "../helpers/own-buildkitd.js";
import { buildxBuild, pruneAll } from "../helpers/reference-build.js";
import { getBlob, getManifest, parseReference, platformDigests, type ImageManifest } from "../helpers/registry-http.js";
import { loadStackEnv, type StackEnv } from "../helpers/stack-env.js";
import { corpusInputs, runKiln } from "../standalone/kiln-pipeline.js";
import type { CorpusCase } from "./corpus.js";

const epoch = 1_700_000_000;
const run = Date.now().toString(36);
const bytes = (text: string, ...tail: number[]) => Buffer.from([...Buffer.from(text), ...tail]);

/**
 * Included: "f\xff.txt", "d\xe9/inner.txt", a link to the first, and "ex\xfe.bin" although .dockerignore names it
 * byte for byte: the frontend puts the patterns in the LLB as JSON, which turns the invalid byte into U+FFFD, so the
 * exact pattern names "ex\uFFFD.bin" and matches nothing (buildx and buildctl include it; a matcher that collapsed
 * invalid bytes to U+FFFD would exclude it and differ). Excluded by the glob `x?`: "x\xfd".
 */
const INCLUDED = bytes("f", 0xff, 0x2e, 0x74, 0x78, 0x74);
const IN_DIR = bytes("d", 0xe9);
const LISTED_RAW = bytes("ex", 0xfe, 0x2e, 0x62, 0x69, 0x6e);
const EXCLUDED_GLOB = bytes("x", 0xfd);

let env: StackEnv;
let c: CorpusCase;

async function makeContext(base: string): Promise<CorpusCase> {
  const ctx = await mkdtemp(join(tmpdir(), "kiln-non-utf8-"));
  const at = (...parts: Buffer[]) => Buffer.concat([Buffer.from(ctx), ...parts.flatMap((p) => [Buffer.from("/"), p])]);
  await writeFile(join(ctx, "Dockerfile"), `FROM ${base}\nCOPY . /ctx/\n`);
  // An exact line with the raw byte (it reaches the walk as U+FFFD) and a glob matching one invalid byte.
  await writeFile(join(ctx, ".dockerignore"), Buffer.concat([LISTED_RAW, bytes("\nx?\n")]));
  await writeFile(at(INCLUDED), "not UTF-8 in the name\n");
  await mkdir(at(IN_DIR));
  await writeFile(at(IN_DIR, bytes("inner.txt")), "inside\n");
  await symlink(INCLUDED, at(bytes("link")));
  await writeFile(at(LISTED_RAW), "listed in .dockerignore, kept\n");
  await writeFile(at(EXCLUDED_GLOB), "excluded too\n");
  return { name: "non-utf8-names", context: ctx, dockerfile: join(ctx, "Dockerfile"), platforms: ["linux/amd64"] };
}

/** The uncompressed tar of the image's last layer (the COPY). */
async function lastLayer(ref: string): Promise<Buffer> {
  const { registry, repository } = parseReference(ref);
  const digest = (await platformDigests(ref))["linux/amd64"]!;
  const manifest = (await getManifest<ImageManifest>({ registry, repository }, digest)).body;
  const layer = manifest.layers[manifest.layers.length - 1]!;
  return gunzipSync(await getBlob({ registry, repository }, layer.digest));
}

beforeAll(async () => {
  env = await loadStackEnv();
  c = await makeContext(env.KILN_BASE_IMAGE);
});

describe("Docker's embedded BuildKit: Kiln's digest equals buildx's", () => {
  let client: BuildkitClient;
  beforeAll(async () => {
    client = await BuildkitClient.connect(dockerEndpoint(parseDockerHost(env.DOCKER_HOST)));
  });
  afterAll(async () => {
    await client?.close();
  });

  test("a context with non-UTF-8 names, included and excluded", async () => {
    const repo = `${env.KILN_REGISTRY}/non-utf8-names/docker`;
    await pruneAll();
    await buildxBuild(c, `${repo}:buildx-${run}`, epoch);
    const reference = await platformDigests(`${repo}:buildx-${run}`);

    await pruneAll();
    await kilnBuild(client, c, `${repo}:kiln-${run}`, epoch);
    expect(await platformDigests(`${repo}:kiln-${run}`)).toEqual(reference);

    // The names arrived as bytes: the included ones are in the layer, the excluded one is not.
    const tar = await lastLayer(`${repo}:kiln-${run}`);
    expect(tar.includes(Buffer.concat([bytes("ctx/"), INCLUDED]))).toBe(true);
    expect(tar.includes(Buffer.concat([bytes("ctx/"), IN_DIR, bytes("/inner.txt")]))).toBe(true);
    expect(tar.includes(Buffer.concat([bytes("ctx/"), LISTED_RAW]))).toBe(true);
    expect(tar.includes(Buffer.concat([bytes("ctx/"), EXCLUDED_GLOB]))).toBe(false);
  });
});

describe("standalone BuildKit v0.26: Kiln's pipeline (driver remote) gives buildctl's digest", () => {
  let daemon: OwnBuildkitd;
  beforeAll(async () => {
    daemon = await startOwnBuildkitd({ ...stackOwnBuildkitd(env), killOnExit: true });
  });
  afterAll(async () => {
    await daemon?.stop();
  });

  test("a context with non-UTF-8 names, included and excluded", async () => {
    const repo = `${env.KILN_REGISTRY}/non-utf8-names/standalone`;
    await daemon.prune();
    await buildctlBuild({ buildctl: env.KILN_BUILDCTL, addr: daemon.address }, c, `${repo}:buildctl-${run}`, epoch);
    const reference = await platformDigests(`${repo}:buildctl-${run}`);

    await daemon.prune();
    const ref = `${repo}:kiln-${run}`;
    await runKiln({ ...corpusInputs(c, ref, epoch), driver: "remote", endpoint: daemon.address });
    expect(await platformDigests(ref)).toEqual(reference);
    const tar = await lastLayer(ref);
    expect(tar.includes(Buffer.concat([bytes("ctx/"), INCLUDED]))).toBe(true);
    expect(tar.includes(Buffer.concat([bytes("ctx/"), LISTED_RAW]))).toBe(true);
    expect(tar.includes(Buffer.concat([bytes("ctx/"), EXCLUDED_GLOB]))).toBe(false);
  });
});
