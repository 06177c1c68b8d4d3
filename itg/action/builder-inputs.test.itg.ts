// The builder inputs (#11) through the action's dist bundles, as a runner runs them, on a REAL standalone BuildKit:
// driver docker-container with the stack's BuildKit image (driver-opts image=...,network=host).
// Needs `npm run build` first (dist is what action.yml names).
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { removeBuilder } from "../../src/builder/docker-container/index.js";
import { inspectContainer, parseDockerHost } from "../../src/docker/index.js";
import { docker, loadStackEnv, uniqueTag, type StackEnv } from "../helpers/stack-env.js";
import {
  getBlob,
  getManifest,
  parseReference,
  platformDigests,
  type ImageIndex,
  type ImageManifest,
} from "../helpers/registry-http.js";
import { contextWith } from "../helpers/build-fixture.js";
import { runAction, type ActionRun } from "../helpers/run-action.js";

let env: StackEnv;
const builders: string[] = [];

beforeAll(async () => {
  env = await loadStackEnv();
});
afterAll(async () => {
  for (const name of builders) await removeBuilder(parseDockerHost(env.DOCKER_HOST), name);
});

/** Runs main with a docker-container builder of its own (GITHUB_ACTION makes the builder name unique per test). */
async function runContainerBuild(
  workspace: string,
  inputs: Record<string, string>,
): Promise<{ run: ActionRun; step: string }> {
  const step = uniqueTag("step");
  const run = await runAction(
    "main",
    {
      driver: "docker-container",
      "driver-opts": `image=${env.KILN_BUILDKIT_IMAGE},network=host`,
      "source-date-epoch": "0",
      // The workspace is a plain directory (not a checkout), so the path context, not the Git context.
      context: ".",
      ...inputs,
    },
    { GITHUB_WORKSPACE: workspace, DOCKER_HOST: env.DOCKER_HOST, GITHUB_ACTION: step },
  );
  const container = run.state["container"];
  if (container) builders.push(container.replace(/^kiln_buildkit_/, ""));
  return { run, step };
}

const errorsOf = (run: ActionRun): string[] => run.stdout.split("\n").filter((l) => l.startsWith("::error"));

describe("driver docker-container with the stack's BuildKit image", () => {
  test("a two-platform build (arm64 under QEMU) pushes an index with SBOM and provenance per platform; post removes the container and keeps the state volume", async () => {
    const workspace = await contextWith({
      Dockerfile: `FROM ${env.KILN_BASE_IMAGE}\nRUN uname -m > /arch\nCOPY app.txt /\n`,
      "app.txt": "builder inputs\n",
    });
    const tag = `${env.KILN_REGISTRY}/itg/builder-inputs:${uniqueTag()}`;
    const { run } = await runContainerBuild(workspace, {
      platforms: "linux/amd64,linux/arm64",
      tags: tag,
      push: "true",
      "sbom-generator": env.KILN_SBOM_GENERATOR,
      provenance: "mode=max",
      "keep-state": "true",
    });
    expect(run.stdout + run.stderr).not.toMatch(/::error/);
    expect(run.code).toBe(0);
    // The build ran on the standalone daemon in the container, not on Docker's embedded one.
    const container = run.state["container"]!;
    expect(container).toMatch(/^kiln_buildkit_kiln_build_[0-9a-f]{12}$/);
    const inspected = await inspectContainer(parseDockerHost(env.DOCKER_HOST), container);
    expect(inspected?.Config.Image).toBe(env.KILN_BUILDKIT_IMAGE);
    expect(run.state["keep-state"]).toBe("true");

    const { registry, repository, tag: t } = parseReference(tag);
    const index = await getManifest<ImageIndex>({ registry, repository }, t);
    expect(run.outputs["digest"]).toBe(index.digest);
    const digests = JSON.parse(run.outputs["digests"]!) as Record<string, string>;
    expect(digests).toEqual(await platformDigests(tag));
    expect(Object.keys(digests).sort()).toEqual(["linux/amd64", "linux/arm64"]);

    const attestations = index.body.manifests.filter(
      (d) => d.annotations?.["vnd.docker.reference.type"] === "attestation-manifest",
    );
    expect(attestations.map((a) => a.annotations?.["vnd.docker.reference.digest"]).sort()).toEqual(
      Object.values(digests).sort(),
    );
    for (const a of attestations) {
      const m = await getManifest<ImageManifest>({ registry, repository }, a.digest);
      const predicates = m.body.layers.map((l) => l.annotations?.["in-toto.io/predicate-type"]).sort();
      expect(predicates).toEqual(["https://slsa.dev/provenance/v0.2", "https://spdx.dev/Document"]);
    }
    // arm64 really ran under emulation: its layer says so.
    const arm = await getManifest<ImageManifest>({ registry, repository }, digests["linux/arm64"]!);
    const config = JSON.parse((await getBlob({ registry, repository }, arm.body.config.digest)).toString()) as {
      architecture: string;
    };
    expect(config.architecture).toBe("arm64");

    const post = await runAction("post", {}, { DOCKER_HOST: env.DOCKER_HOST }, run.state);
    expect(post.code).toBe(0);
    expect(post.stdout).not.toMatch(/::(error|warning)/);
    expect(await inspectContainer(parseDockerHost(env.DOCKER_HOST), container)).toBeUndefined();
    await docker(env, ["volume", "inspect", `${container}_state`]);
    await docker(env, ["volume", "rm", `${container}_state`]);
  });
});

describe("insecure-registries on a docker-container builder", () => {
  // The plain-HTTP registry by a non-loopback name, as a cluster service or LAN registry is reached: the same
  // registry as KILN_REGISTRY, so the base image is already there under the alias.
  test("FROM and push on the plain-HTTP alias registry: fails without insecure-registries in one line naming it, works with it", async () => {
    const alias = env.KILN_REGISTRY_ALIAS;
    const { repository, tag: baseTag } = parseReference(env.KILN_BASE_IMAGE);
    const workspace = await contextWith({
      Dockerfile: `FROM ${alias}/${repository}:${baseTag}\nRUN echo alias > /a\n`,
    });
    const tag = `${alias}/itg/insecure:${uniqueTag()}`;
    const inputs = { tags: tag, push: "true", sbom: "false", provenance: "false" };

    const { run: refused } = await runContainerBuild(workspace, inputs);
    expect(refused.code).toBe(1);
    const errors = errorsOf(refused);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(alias);
    expect(errors[0]).toContain("insecure-registries");
    expect(refused.stdout + refused.stderr).not.toMatch(/\n\s+at /);

    const { run } = await runContainerBuild(workspace, { ...inputs, "insecure-registries": alias });
    expect(errorsOf(run)).toEqual([]);
    expect(run.code).toBe(0);
    const index = await getManifest(
      { registry: env.KILN_REGISTRY, repository: "itg/insecure" },
      parseReference(tag).tag,
    );
    expect(run.outputs["digest"]).toBe(index.digest);
    // The post step removes the builder of a failed build as well as of a successful one.
    for (const r of [refused, run]) {
      expect(r.state["container"]).toBeDefined();
      await runAction("post", {}, { DOCKER_HOST: env.DOCKER_HOST }, r.state);
      expect(await inspectContainer(parseDockerHost(env.DOCKER_HOST), r.state["container"]!)).toBeUndefined();
    }
  });

  test("push to a registry whose certificate comes from an unknown CA: fails without insecure-registries, works with it", async () => {
    const tls = env.KILN_TLS_REGISTRY;
    const workspace = await contextWith({ Dockerfile: `FROM ${env.KILN_BASE_IMAGE}\nRUN echo tls > /t\n` });
    const tag = `${tls}/itg/untrusted:${uniqueTag()}`;
    const inputs = { tags: tag, push: "true", sbom: "false", provenance: "false" };

    const { run: refused } = await runContainerBuild(workspace, inputs);
    expect(refused.code).toBe(1);
    const errors = errorsOf(refused);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(tls);
    expect(errors[0]).toContain("insecure-registries");

    const { run } = await runContainerBuild(workspace, { ...inputs, "insecure-registries": tls });
    expect(errorsOf(run)).toEqual([]);
    expect(run.code).toBe(0);
    expect(run.outputs["digest"]).toMatch(/^sha256:[0-9a-f]{64}$/);
    for (const r of [refused, run]) await runAction("post", {}, { DOCKER_HOST: env.DOCKER_HOST }, r.state);
  });
});

describe("a registry CA through buildkitd-config-inline on a docker-container builder", () => {
  // The CA file is on the runner: Kiln copies it into the container and rewrites the path. `http = false` because
  // BuildKit otherwise speaks plain HTTP to a loopback registry.
  test("push to the TLS registry verifies its certificate with the CA given, no insecure-registries", async () => {
    const tls = env.KILN_TLS_REGISTRY;
    const workspace = await contextWith({ Dockerfile: `FROM ${env.KILN_BASE_IMAGE}\nRUN echo ca > /c\n` });
    const tag = `${tls}/itg/trusted-ca:${uniqueTag()}`;
    const { run } = await runContainerBuild(workspace, {
      tags: tag,
      push: "true",
      sbom: "false",
      provenance: "false",
      "buildkitd-config-inline": `[registry."${tls}"]\nhttp = false\nca = ["${env.KILN_TLS_CA}"]\n`,
    });
    expect(errorsOf(run)).toEqual([]);
    expect(run.code).toBe(0);
    expect(run.outputs["digest"]).toMatch(/^sha256:[0-9a-f]{64}$/);
    const container = run.state["container"]!;
    const toml = await docker(env, ["exec", container, "cat", "/etc/buildkit/buildkitd.toml"]);
    expect(toml.stdout).toContain(`"/etc/buildkit/certs/127.0.0.1_5002/user-ca-1.pem"`);
    await runAction("post", {}, { DOCKER_HOST: env.DOCKER_HOST }, run.state);
  });
});

// Rows whose values come from the stack (paths, addresses), so they live here rather than in bad-inputs' table.
describe("bad builder inputs fail the step with one ::error naming the input, no stack, within seconds", () => {
  const tlsOpts = (): string =>
    `cacert=${env.KILN_BUILDKIT_TLS_CA},cert=${env.KILN_BUILDKIT_TLS_CERT},key=${env.KILN_BUILDKIT_TLS_KEY}`;
  const cases: [string, () => Record<string, string>, string, RegExp][] = [
    [
      "a malformed buildkitd-config-inline",
      () => ({
        driver: "docker-container",
        "driver-opts": `image=${env.KILN_BUILDKIT_IMAGE}`,
        "buildkitd-config-inline": '[registry."x"\nhttp = ',
      }),
      "buildkitd-config-inline",
      /expected TOML .*line 1/,
    ],
    [
      "a CA that did not sign the remote daemon's certificate",
      () => ({
        driver: "remote",
        endpoint: env.KILN_BUILDKIT_TCP,
        // The client certificate is not the CA that signed the daemon's.
        "driver-opts": `cacert=${env.KILN_BUILDKIT_TLS_CERT},cert=${env.KILN_BUILDKIT_TLS_CERT},key=${env.KILN_BUILDKIT_TLS_KEY}`,
      }),
      "driver-opts",
      /unknown authority.*cacert=/,
    ],
    [
      "no client certificate for an mTLS daemon",
      () => ({
        driver: "remote",
        endpoint: env.KILN_BUILDKIT_TCP,
        "driver-opts": `cacert=${env.KILN_BUILDKIT_TLS_CA}`,
      }),
      "driver-opts",
      /client certificate.*cert= and key=/,
    ],
    [
      "a server name the daemon's certificate does not list",
      () => ({ driver: "remote", endpoint: env.KILN_BUILDKIT_TCP, "driver-opts": `${tlsOpts()},servername=wrong` }),
      "driver-opts",
      /not valid for wrong.*set servername=/,
    ],
    [
      "a certificate file that does not exist",
      () => ({
        driver: "remote",
        endpoint: env.KILN_BUILDKIT_TCP,
        "driver-opts": `cacert=/nonexistent/ca.pem,cert=${env.KILN_BUILDKIT_TLS_CERT},key=${env.KILN_BUILDKIT_TLS_KEY}`,
      }),
      "driver-opts",
      /\/nonexistent\/ca\.pem/,
    ],
    [
      "a BuildKit image that cannot be pulled",
      () => ({ driver: "docker-container", "driver-opts": `image=${env.KILN_REGISTRY}/nope:1` }),
      "driver-opts",
      /failed to pull 127\.0\.0\.1:5000\/nope:1: .*not found.*driver-opts: image=.*registry-mirrors/,
    ],
  ];

  test.each(cases)("%s", async (_name, inputs, input, says) => {
    const workspace = await contextWith({ Dockerfile: `FROM ${env.KILN_BASE_IMAGE}\n` });
    const started = Date.now();
    const run = await runAction(
      "main",
      { "source-date-epoch": "0", context: ".", sbom: "false", provenance: "false", ...inputs() },
      { GITHUB_WORKSPACE: workspace, DOCKER_HOST: env.DOCKER_HOST, GITHUB_ACTION: uniqueTag("bad") },
    );
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(run.code).toBe(1);
    const errors = errorsOf(run);
    expect(errors).toHaveLength(1);
    // Named first, except a pull failure, which names the image and then the inputs that avoid it.
    expect(errors[0]!.startsWith(`::error::${input}`) || errors[0]!.startsWith("::error::failed to pull ")).toBe(true);
    expect(errors[0]).toContain(input);
    expect(errors[0]).toMatch(says);
    expect(run.stdout + run.stderr).not.toMatch(/\n\s+at /);
    expect(run.outputs).toEqual({});
    if (run.state["container"]) await runAction("post", {}, { DOCKER_HOST: env.DOCKER_HOST }, run.state);
  });

  test("the same TLS material connects (the rows above fail for the reason they name)", async () => {
    const workspace = await contextWith({ Dockerfile: `FROM ${env.KILN_BASE_IMAGE}\nRUN true\n` });
    const run = await runAction(
      "main",
      {
        "source-date-epoch": "0",
        context: ".",
        sbom: "false",
        provenance: "false",
        driver: "remote",
        endpoint: env.KILN_BUILDKIT_TCP,
        "driver-opts": `${tlsOpts()},servername=localhost`,
      },
      { GITHUB_WORKSPACE: workspace, DOCKER_HOST: env.DOCKER_HOST },
    );
    expect(errorsOf(run)).toEqual([]);
    expect(run.code).toBe(0);
  });
});
