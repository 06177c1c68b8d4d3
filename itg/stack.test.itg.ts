// The real test stack works end to end: the daemon's BuildKit builds a two-platform image (the arm64 RUN step
// under QEMU), attaches max-mode provenance, and pushes an index the registry serves back.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Descriptor, ImageIndex, ImageManifest, RegistryTarget } from "./helpers/registry-http.js";
import { getBlob, getManifest, platformString } from "./helpers/registry-http.js";
import type { StackEnv } from "./helpers/stack-env.js";
import { docker, loadStackEnv, uniqueTag } from "./helpers/stack-env.js";
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
  });
});
