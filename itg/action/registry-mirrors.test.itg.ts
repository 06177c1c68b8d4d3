// registry-mirrors (#11) through the action's dist bundles, as a runner runs them, OFFLINE: Docker Hub cannot be
// reached from here, so anything that resolves at docker.io can only come through the mirror. The stack's plain
// registry plays the mirror: a Docker Hub path "docker.io/<repo>" is served by the mirror as "/v2/<repo>", with
// official images under "library/". Needs `npm run build` first (dist is what action.yml names).
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { removeBuilder } from "../../src/builder/docker-container/index.js";
import { inspectContainer, inspectImage, parseDockerHost } from "../../src/docker/index.js";
import { docker, loadStackEnv, uniqueTag, type StackEnv } from "../helpers/stack-env.js";
import { getManifest, parseReference, type ImageIndex } from "../helpers/registry-http.js";
import { contextWith } from "../helpers/build-fixture.js";
import { runAction, type ActionRun } from "../helpers/run-action.js";

let env: StackEnv;
const builders: string[] = [];
const images: string[] = [];

beforeAll(async () => {
  env = await loadStackEnv();
});
afterAll(async () => {
  for (const name of builders) await removeBuilder(parseDockerHost(env.DOCKER_HOST), name);
  for (const image of images) await docker(env, ["rmi", image]).catch(() => undefined);
});

/**
 * Copies `from` (an image or index on the plain registry, pinned by digest or tag) to `to` on the same registry,
 * byte for byte: child manifests and blobs are mounted across repositories, then the manifests are put as fetched.
 */
async function copyImage(from: string, to: string): Promise<void> {
  const [named = from, digest] = from.split("@");
  const src = parseReference(named);
  const dst = parseReference(to);
  const base = `http://${dst.registry}/v2`;
  const copyManifest = async (reference: string, tag: string): Promise<void> => {
    const m = await getManifest<ImageIndex & { config?: { digest: string }; layers?: { digest: string }[] }>(
      { registry: src.registry, repository: src.repository },
      reference,
    );
    for (const child of m.body.manifests ?? []) await copyManifest(child.digest, child.digest);
    for (const blob of [...(m.body.config ? [m.body.config] : []), ...(m.body.layers ?? [])]) {
      const mounted = await fetch(
        `${base}/${dst.repository}/blobs/uploads/?mount=${blob.digest}&from=${src.repository}`,
        { method: "POST" },
      );
      if (mounted.status !== 201)
        throw new Error(`mount ${blob.digest} into ${dst.repository}: HTTP ${mounted.status}`);
    }
    const put = await fetch(`${base}/${dst.repository}/manifests/${tag}`, {
      method: "PUT",
      headers: { "content-type": m.mediaType },
      body: m.raw,
    });
    if (put.status !== 201) throw new Error(`put ${dst.repository}:${tag}: HTTP ${put.status} ${await put.text()}`);
  };
  await copyManifest(digest ?? src.tag, dst.tag);
}

/** Runs main with a docker-container builder of its own (GITHUB_ACTION makes the builder name unique per run). */
async function runContainerBuild(workspace: string, inputs: Record<string, string>): Promise<ActionRun> {
  const run = await runAction(
    "main",
    {
      driver: "docker-container",
      "driver-opts": `image=${env.KILN_BUILDKIT_IMAGE},network=host`,
      context: ".",
      sbom: "false",
      provenance: "false",
      ...inputs,
    },
    { GITHUB_WORKSPACE: workspace, DOCKER_HOST: env.DOCKER_HOST, GITHUB_ACTION: uniqueTag("step") },
  );
  const container = run.state["container"];
  if (container) builders.push(container.replace(/^kiln_buildkit_/, ""));
  return run;
}

const errorsOf = (run: ActionRun): string[] => run.stdout.split("\n").filter((l) => l.startsWith("::error"));

async function post(run: ActionRun): Promise<void> {
  if (!run.state["container"]) return;
  const done = await runAction("post", {}, { DOCKER_HOST: env.DOCKER_HOST }, run.state);
  expect(done.code).toBe(0);
  expect(await inspectContainer(parseDockerHost(env.DOCKER_HOST), run.state["container"])).toBeUndefined();
}

describe("registry-mirrors with the stack's plain registry as the Docker Hub mirror", () => {
  test("FROM an official Docker Hub image: fails without the mirror (no Docker Hub here), builds and pushes through it", async () => {
    // A tag no other test uses: the image exists only on the mirror, as Docker Hub's library/kiln-busybox.
    const hubTag = uniqueTag("hub");
    await copyImage(env.KILN_BASE_IMAGE, `${env.KILN_REGISTRY}/library/kiln-busybox:${hubTag}`);
    const workspace = await contextWith({
      Dockerfile: `FROM kiln-busybox:${hubTag}\nRUN echo mirrored > /m\n`,
    });
    const tag = `${env.KILN_REGISTRY}/itg/registry-mirrors:${uniqueTag()}`;
    const inputs = { tags: tag, push: "true" };

    const refused = await runContainerBuild(workspace, inputs);
    expect(refused.code).toBe(1);
    const errors = errorsOf(refused);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/docker\.io\/library\/kiln-busybox/);
    // Docker Hub itself was asked (and cannot be reached from here), not the mirror.
    expect(errors[0]).toContain("registry-1.docker.io");
    expect(refused.stdout + refused.stderr).not.toMatch(/\n\s+at /);

    const run = await runContainerBuild(workspace, { ...inputs, "registry-mirrors": env.KILN_REGISTRY });
    expect(errorsOf(run)).toEqual([]);
    expect(run.code).toBe(0);
    const { registry, repository, tag: t } = parseReference(tag);
    const pushed = await getManifest({ registry, repository }, t);
    expect(run.outputs["digest"]).toBe(pushed.digest);
    await post(refused);
    await post(run);
  });

  test("a plain-HTTP mirror reached by a non-loopback name needs insecure-registries for it too: without, the build fails; with both, FROM comes through it", async () => {
    // BuildKit speaks plain HTTP to a mirror only when the mirror's own [registry."host"] entry says so; loopback
    // hosts are the exception (the first test). The alias is the same registry, so the copy is there under it.
    const alias = env.KILN_REGISTRY_ALIAS;
    const hubTag = uniqueTag("hub");
    await copyImage(env.KILN_BASE_IMAGE, `${env.KILN_REGISTRY}/library/kiln-busybox:${hubTag}`);
    const workspace = await contextWith({ Dockerfile: `FROM kiln-busybox:${hubTag}\nRUN echo alias-mirror > /m\n` });
    const tag = `${env.KILN_REGISTRY}/itg/registry-mirrors:${uniqueTag()}`;
    const inputs = { tags: tag, push: "true", "registry-mirrors": alias };

    const refused = await runContainerBuild(workspace, inputs);
    expect(refused.code).toBe(1);
    const errors = errorsOf(refused);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/docker\.io\/library\/kiln-busybox/);
    // The mirror was tried (over HTTPS) and the line names the input that makes it speak plain HTTP.
    expect(errors[0]).toContain(`https://${alias}/v2/library/kiln-busybox/`);
    expect(errors[0]).toContain(`${alias} speaks plain HTTP: add it to insecure-registries`);

    const run = await runContainerBuild(workspace, { ...inputs, "insecure-registries": alias });
    expect(errorsOf(run)).toEqual([]);
    expect(run.code).toBe(0);
    const pushed = await getManifest(
      { registry: env.KILN_REGISTRY, repository: "itg/registry-mirrors" },
      parseReference(tag).tag,
    );
    expect(run.outputs["digest"]).toBe(pushed.digest);
    await post(refused);
    await post(run);
  });

  test("the BuildKit image itself, named on Docker Hub, is pulled through the mirror; without it the pull fails in one line", async () => {
    const buildkitTag = uniqueTag("mirror");
    const hubImage = `docker.io/kiln/buildkit:${buildkitTag}`;
    const mirrored = `${env.KILN_REGISTRY}/kiln/buildkit:${buildkitTag}`;
    await copyImage(env.KILN_BUILDKIT_IMAGE, mirrored);
    // Neither name may be in the daemon already: the image must really be pulled.
    images.push(hubImage, mirrored);
    for (const image of [hubImage, mirrored]) await docker(env, ["rmi", image]).catch(() => undefined);
    const host = parseDockerHost(env.DOCKER_HOST);
    expect(await inspectImage(host, hubImage)).toBeFalsy();
    expect(await inspectImage(host, mirrored)).toBeFalsy();

    const workspace = await contextWith({ Dockerfile: `FROM ${env.KILN_BASE_IMAGE}\nRUN echo pulled > /p\n` });
    const tag = `${env.KILN_REGISTRY}/itg/registry-mirrors:${uniqueTag()}`;
    const inputs = { "driver-opts": `image=${hubImage},network=host`, tags: tag, push: "true" };

    const refused = await runContainerBuild(workspace, inputs);
    expect(refused.code).toBe(1);
    const errors = errorsOf(refused);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(hubImage);
    expect(errors[0]).toContain("registry-mirrors");
    expect(await inspectImage(host, mirrored)).toBeFalsy();

    const run = await runContainerBuild(workspace, { ...inputs, "registry-mirrors": env.KILN_REGISTRY });
    expect(errorsOf(run)).toEqual([]);
    expect(run.code).toBe(0);
    expect(run.stdout + run.stderr).toContain(`pulling image ${mirrored} (mirror ${env.KILN_REGISTRY})`);
    // The builder runs the copy the mirror served, and the daemon now holds it under the mirror's name.
    const inspected = await inspectContainer(host, run.state["container"]!);
    expect(inspected?.Config.Image).toBe(mirrored);
    expect(await inspectImage(host, mirrored)).toBeTruthy();
    const pushed = await getManifest(
      { registry: env.KILN_REGISTRY, repository: "itg/registry-mirrors" },
      parseReference(tag).tag,
    );
    expect(run.outputs["digest"]).toBe(pushed.digest);
    await post(refused);
    await post(run);
  });
});
