// The real test stack works end to end: the daemon's BuildKit builds a two-platform image (the arm64 RUN step
// under QEMU), attaches max-mode provenance, and pushes an index the registry serves back. The standalone
// BuildKit (v0.26.3, scripts/stack/buildkit.sh) does the same through buildctl, answers on its mTLS address only
// with a client certificate, runs as a moby/buildkit-like container, and refuses the plain registry under its
// non-loopback alias unless it is configured to use plain HTTP there.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BuildkitAddress, BuildctlCase } from "./helpers/buildctl-build.js";
import { buildctlBuild, buildctlGlobalArgs, stackBuildkit } from "./helpers/buildctl-build.js";
import { stackOwnBuildkitd, startOwnBuildkitd } from "./helpers/own-buildkitd.js";
import type { Descriptor, ImageIndex, ImageManifest, RegistryTarget } from "./helpers/registry-http.js";
import { getBlob, getManifest, parseReference, platformString } from "./helpers/registry-http.js";
import type { StackEnv } from "./helpers/stack-env.js";
import { docker, loadStackEnv, run, uniqueTag } from "./helpers/stack-env.js";
import { findEntry, parseLayer } from "./helpers/tar.js";

const ATTESTATION_TYPE = "vnd.docker.reference.type";
const ATTESTATION_DIGEST = "vnd.docker.reference.digest";
const PREDICATE_TYPE = "in-toto.io/predicate-type";
const SLSA_V02 = "https://slsa.dev/provenance/v0.2";

describe("test stack", () => {
  let env: StackEnv;
  let contextDir: string;

  beforeAll(async () => {
    env = await loadStackEnv();
    contextDir = await mkdtemp(path.join(tmpdir(), "kiln-itg-stack-"));
    await writeFile(path.join(contextDir, "Dockerfile"), `FROM ${env.KILN_BASE_IMAGE}\nRUN uname -m > /arch\n`);
  });

  afterAll(async () => {
    if (contextDir) await rm(contextDir, { recursive: true, force: true });
  });

  it("builds, attests and pushes a linux/amd64 + linux/arm64 image through the daemon's BuildKit", async () => {
    const repository = "itg/stack";
    const tag = uniqueTag("stack");
    const target: RegistryTarget = { registry: env.KILN_REGISTRY, repository };

    await docker(env, [
      "buildx",
      "build",
      "--builder",
      "default",
      "--platform",
      "linux/amd64,linux/arm64",
      "--provenance=mode=max",
      "--no-cache", // the arm64 RUN step must really run under QEMU, not come from the cache
      "--push",
      "--tag",
      `${env.KILN_REGISTRY}/${repository}:${tag}`,
      contextDir,
    ]);

    await expectTwoPlatformIndex(target, tag);
  });
});

describe("standalone BuildKit", () => {
  let env: StackEnv;
  let contextDir: string;
  let aliasBase: string;

  beforeAll(async () => {
    env = await loadStackEnv();
    contextDir = await mkdtemp(path.join(tmpdir(), "kiln-itg-buildkit-"));
    await writeFile(path.join(contextDir, "Dockerfile"), `FROM ${env.KILN_BASE_IMAGE}\nRUN uname -m > /arch\n`);
    // The base image, named through the plain registry's non-loopback alias.
    const base = parseReference(env.KILN_BASE_IMAGE);
    aliasBase = `${env.KILN_REGISTRY_ALIAS}/${base.repository}:${base.tag}`;
  });

  afterAll(async () => {
    if (contextDir) await rm(contextDir, { recursive: true, force: true });
  });

  /** A case with one Dockerfile whose context is otherwise empty. */
  async function dockerfileCase(name: string, dockerfile: string, platforms: string[]): Promise<BuildctlCase> {
    const dir = await mkdtemp(path.join(contextDir, `${name}-`));
    await writeFile(path.join(dir, "Dockerfile"), dockerfile);
    return { name, context: dir, dockerfile: path.join(dir, "Dockerfile"), platforms };
  }

  it("is the pinned version on both addresses", async () => {
    const { stdout } = await run(env.KILN_BUILDKITD, ["--version"]);
    expect(stdout).toContain(` ${env.KILN_BUILDKIT_VERSION} `);
    const { stdout: client } = await run(env.KILN_BUILDCTL, ["--version"]);
    expect(client).toContain(` ${env.KILN_BUILDKIT_VERSION} `);
    for (const via of ["unix", "tcp"] as const) {
      const { stdout: workers } = await run(
        env.KILN_BUILDCTL,
        [...buildctlGlobalArgs(stackBuildkit(env, via)), "debug", "workers", "-v"],
        { timeoutMs: 30_000 },
      );
      expect(workers, via).toContain("linux/arm64");
      expect(workers, via).toMatch(/org\.mobyproject\.buildkit\.worker\.executor:\s+oci/);
      expect(workers, via).toMatch(new RegExp(`BuildKit:\\s+github\\.com/moby/buildkit ${env.KILN_BUILDKIT_VERSION} `));
    }
  });

  it("builds, attests and pushes a linux/amd64 + linux/arm64 image through buildctl on the unix socket", async () => {
    const repository = "itg/stack-buildkit";
    const tag = uniqueTag("buildctl");
    const target: RegistryTarget = { registry: env.KILN_REGISTRY, repository };
    const c: BuildctlCase = {
      name: "two-platform",
      context: contextDir,
      dockerfile: path.join(contextDir, "Dockerfile"),
      platforms: ["linux/amd64", "linux/arm64"],
    };

    // --no-cache: the arm64 RUN step must really run under QEMU, not come from the cache.
    const result = await buildctlBuild(stackBuildkit(env, "unix"), c, `${env.KILN_REGISTRY}/${repository}:${tag}`, 0, {
      noCache: true,
    });

    expect(await expectTwoPlatformIndex(target, tag)).toBe(result.digest);
  });

  it("serves the mTLS address only to a client with a certificate from the stack's CA", async () => {
    const tcp = stackBuildkit(env, "tcp");
    const { stdout } = await run(env.KILN_BUILDCTL, [...buildctlGlobalArgs(tcp), "debug", "workers"], {
      timeoutMs: 30_000,
    });
    expect(stdout).toContain("linux/amd64");

    const withoutClientCert: BuildkitAddress = { ...tcp, tls: { ca: env.KILN_BUILDKIT_TLS_CA } };
    await expect(
      run(env.KILN_BUILDCTL, [...buildctlGlobalArgs(withoutClientCert), "debug", "workers"], { timeoutMs: 30_000 }),
    ).rejects.toThrow(/failed to list workers/);

    // The server's certificate is checked too: without the CA the client refuses the daemon.
    const withoutCa = ["--addr", env.KILN_BUILDKIT_TCP, "--tlscert", env.KILN_BUILDKIT_TLS_CERT];
    await expect(
      run(env.KILN_BUILDCTL, [...withoutCa, "--tlskey", env.KILN_BUILDKIT_TLS_KEY, "debug", "workers"], {
        timeoutMs: 30_000,
      }),
    ).rejects.toThrow(/certificate/);
  });

  it("runs as a moby/buildkit-like container that serves buildctl through docker exec", async () => {
    expect(env.KILN_BUILDKIT_IMAGE).toMatch(/@sha256:[0-9a-f]{64}$/);
    const name = uniqueTag("kiln-itg-buildkit");
    await docker(env, ["run", "-d", "--name", name, "--privileged", env.KILN_BUILDKIT_IMAGE]);
    try {
      let workers = "";
      let lastError: unknown;
      for (let i = 0; i < 120 && !workers; i++) {
        try {
          workers = (await docker(env, ["exec", name, "buildctl", "debug", "workers", "-v"], 30_000)).stdout;
        } catch (error) {
          lastError = error;
          await new Promise((resolve) => setTimeout(resolve, 500));
        }
      }
      expect(workers, `buildctl in the container never answered: ${String(lastError)}`).toContain("linux/arm64");
      expect(workers).toMatch(/org\.mobyproject\.buildkit\.worker\.executor:\s+oci/);
      const { stdout: version } = await docker(env, ["exec", name, "buildkitd", "--version"]);
      expect(version).toContain(` ${env.KILN_BUILDKIT_VERSION} `);
    } finally {
      await docker(env, ["rm", "-f", name]);
    }
  });

  it("refuses the plain registry under its alias unless the daemon is configured for plain HTTP there", async () => {
    const c = await dockerfileCase("alias", `FROM ${aliasBase}\nRUN echo via-alias > /alias\n`, ["linux/amd64"]);
    const ref = `${env.KILN_REGISTRY}/itg/stack-alias:${uniqueTag("alias")}`;

    // The stack's daemon trusts 127.0.0.1:5000 as plain HTTP, but was told nothing about the alias.
    await expect(
      buildctlBuild(stackBuildkit(env, "unix"), c, ref, 0, { provenance: false, push: false }),
    ).rejects.toThrow(/server gave HTTP response to HTTPS client/);

    // A throwaway daemon (same binaries) told to use plain HTTP for the alias, and only for it, pulls through it.
    const daemon = await startOwnBuildkitd({
      ...stackOwnBuildkitd(env),
      plainHttpRegistries: [env.KILN_REGISTRY_ALIAS],
      killOnExit: true,
    });
    try {
      const throwaway: BuildkitAddress = { buildctl: env.KILN_BUILDCTL, addr: daemon.address };
      const result = await buildctlBuild(throwaway, c, ref, 0, { provenance: false, push: false });
      expect(result.output).toContain(aliasBase);
      expect(result.digest).toMatch(/^sha256:/);
    } finally {
      await daemon.stop();
    }
  });
});

/**
 * `tag` in `target` is an OCI index of a linux/amd64 and a linux/arm64 image, each with an attestation manifest
 * carrying SLSA v0.2 provenance about it, and the last layer of each image holds /arch written by `uname -m` for
 * its platform (arm64 under QEMU). Returns the index's digest.
 */
async function expectTwoPlatformIndex(target: RegistryTarget, tag: string): Promise<string> {
  const index = await getManifest<ImageIndex>(target, tag);
  expect(index.mediaType).toBe("application/vnd.oci.image.index.v1+json");
  expect(index.body.manifests).toHaveLength(4);

  const isAttestation = (d: Descriptor): boolean => d.annotations?.[ATTESTATION_TYPE] === "attestation-manifest";
  const images = index.body.manifests.filter((d) => !isAttestation(d));
  const attestations = index.body.manifests.filter(isAttestation);
  expect(images.map((d) => platformString(d.platform)).sort()).toEqual(["linux/amd64", "linux/arm64"]);
  for (const image of images) expect(image.mediaType).toBe("application/vnd.oci.image.manifest.v1+json");
  expect(attestations).toHaveLength(2);
  expect(attestations.map((d) => d.annotations?.[ATTESTATION_DIGEST]).sort()).toEqual(
    images.map((d) => d.digest).sort(),
  );

  for (const attestation of attestations) {
    const manifest = await getManifest<ImageManifest>(target, attestation.digest);
    expect(manifest.digest).toBe(attestation.digest);
    const predicateTypes = manifest.body.layers.map((layer) => layer.annotations?.[PREDICATE_TYPE]);
    expect(predicateTypes).toContain(SLSA_V02);
    const provenanceLayer = manifest.body.layers.find((l) => l.annotations?.[PREDICATE_TYPE] === SLSA_V02);
    const statement = JSON.parse((await getBlob(target, provenanceLayer!.digest)).toString("utf8")) as {
      predicateType: string;
      subject: { digest: Record<string, string> }[];
      predicate: { buildType?: string; metadata?: { completeness?: Record<string, boolean> } };
    };
    expect(statement.predicateType).toBe(SLSA_V02);
    const subjectDigests = statement.subject.map((s) => `sha256:${s.digest["sha256"]}`);
    expect(subjectDigests).toContain(attestation.annotations?.[ATTESTATION_DIGEST]);
  }

  // The RUN step really executed for each platform: arm64 under QEMU.
  const expectedArch: Record<string, string> = { "linux/amd64": "x86_64", "linux/arm64": "aarch64" };
  for (const image of images) {
    const manifest = await getManifest<ImageManifest>(target, image.digest);
    const lastLayer = manifest.body.layers.at(-1);
    expect(lastLayer).toBeDefined();
    const entries = parseLayer(await getBlob(target, lastLayer!.digest));
    const arch = findEntry(entries, "/arch");
    expect(arch, `no /arch in the last layer of ${platformString(image.platform)}`).toBeDefined();
    expect(arch!.data.toString("utf8").trim()).toBe(expectedArch[platformString(image.platform)]);
  }
  return index.digest;
}
