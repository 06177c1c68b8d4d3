// Image archives against the stack's real Docker daemon: save an image pinned by digest, remove it, load the
// archive back, and the daemon knows the pinned reference again with the same image ID.
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  DockerError,
  inspectImage,
  loadImages,
  parseDockerHost,
  saveImages,
  type DockerHost,
} from "../../src/docker/index.js";
import type { ImageIndex } from "../helpers/registry-http.js";
import { docker, loadStackEnv, uniqueTag, type StackEnv } from "../helpers/stack-env.js";
import { pushUniqueIndex } from "../helpers/unique-index.js";
import { parseTar } from "../helpers/tar.js";

/** A unique multi-platform index pushed by `pushUniqueIndex`, then pulled by `name:tag@digest` as the BuildKit image is. */
async function pulledUniqueIndex(env: StackEnv): Promise<string> {
  const ref = await pushUniqueIndex(env, "kiln-itg/image-archive-index");
  await docker(env, ["pull", "--quiet", ref]);
  return ref;
}

/** A single-platform image with a layer no other image has, pushed, removed, then pulled back by digest. */
async function pulledUniqueImage(env: StackEnv): Promise<string> {
  const tag = uniqueTag("img");
  const named = `${env.KILN_REGISTRY}/kiln-itg/image-archive-image:${tag}`;
  const container = `kiln-itg-archive-${tag}`;
  await docker(env, ["run", "--name", container, env.KILN_BASE_IMAGE, "sh", "-c", `echo ${tag} > /unique`]);
  try {
    await docker(env, ["commit", container, named]);
  } finally {
    await docker(env, ["rm", "-f", container]);
  }
  const pushed = await docker(env, ["push", named]);
  const digest = /digest: (sha256:[0-9a-f]{64})/.exec(pushed.stdout)?.[1];
  if (!digest) throw new Error(`no digest in push output: ${pushed.stdout}`);
  await docker(env, ["rmi", named]);
  const ref = `${named}@${digest}`;
  await docker(env, ["pull", "--quiet", ref]);
  return ref;
}

/** `name@digest`, the name the daemon keeps for an image pulled by digest. */
const digestName = (ref: string): string => ref.replace(/:[^/@]+@/, "@");

describe("saveImages and loadImages", () => {
  let env: StackEnv;
  let host: DockerHost;
  let dir: string;
  const made: string[] = [];

  beforeAll(async () => {
    env = await loadStackEnv();
    host = parseDockerHost(env.DOCKER_HOST);
    dir = await mkdtemp(join(tmpdir(), "kiln-itg-image-archive-"));
  });

  afterAll(async () => {
    for (const ref of made) await docker(env, ["rmi", digestName(ref)]).catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  });

  test.each([
    ["a multi-platform index pinned by digest, as the BuildKit image is", pulledUniqueIndex],
    ["a single-platform image with a layer of its own", pulledUniqueImage],
  ])("%s is saved, removed and loaded back under its pinned reference with the same ID", async (_what, make) => {
    const ref = await make(env);
    made.push(ref);
    const before = await inspectImage(host, ref);
    expect(before?.Id).toMatch(/^sha256:[0-9a-f]{64}$/);

    const file = join(dir, `${uniqueTag("archive")}.tar`);
    await saveImages(host, [ref], file);
    const entries = parseTar(await readFile(file));
    const index = JSON.parse(entries.find((e) => e.name === "index.json")!.data.toString("utf8")) as ImageIndex;
    const digest = ref.slice(ref.indexOf("@") + 1);
    expect(index.manifests.find((m) => m.digest === digest)?.annotations?.["io.containerd.image.name"]).toBe(
      digestName(ref),
    );
    expect(await readdir(dir)).toEqual(expect.not.arrayContaining([expect.stringMatching(/\.tmp$/)]));

    await docker(env, ["rmi", digestName(ref)]);
    expect(await inspectImage(host, ref)).toBeUndefined();

    const loaded = await loadImages(host, file);
    expect(loaded.images).toContain(digestName(ref));
    const after = await inspectImage(host, ref);
    expect(after?.Id).toBe(before?.Id);
    expect(after?.RepoDigests).toContain(digestName(ref));
  });

  test("saving an image the daemon lacks fails with the daemon's reason and leaves no file", async () => {
    const missing = `${env.KILN_REGISTRY}/kiln-itg/never-pulled:${uniqueTag()}`;
    const file = join(dir, "missing.tar");
    const err = await saveImages(host, [missing], file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DockerError);
    expect((err as DockerError).message).toMatch(new RegExp(`^failed to save ${missing}: .*`));
    await expect(stat(file)).rejects.toThrow(/ENOENT/);
    expect(await readdir(dir)).toEqual(expect.not.arrayContaining([expect.stringMatching(/^missing\.tar/)]));
  });

  test("loading a file that is not an image archive fails with the daemon's reason", async () => {
    const file = join(dir, "not-an-archive.tar");
    await writeFile(file, "this is not a tar archive\n".repeat(100));
    const err = await loadImages(host, file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DockerError);
    expect((err as DockerError).message).toMatch(
      /^failed to load images from .*not-an-archive\.tar: .*invalid tar header/,
    );
  });

  test("a canceled load rejects with 'canceled'", async () => {
    const file = join(dir, "canceled.tar");
    await writeFile(file, Buffer.alloc(1 << 20));
    const err = await loadImages(host, file, { signal: AbortSignal.abort() }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DockerError);
    expect((err as DockerError).message).toBe(`failed to load images from ${file}: canceled`);
  });
});
