import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { BuildkitClient, dockerfileFrontendAttrs, imageExporter } from "../../src/buildkit/index.js";
import { dockerEndpoint } from "../../src/builder/docker-endpoint.js";
import { parseDockerHost } from "../../src/docker/index.js";
import {
  RegistryClient,
  readAttestationLayers,
  readImageIndex,
  type FetchedManifest,
} from "../../src/registry/index.js";
import { verifyPush } from "../../src/build/verify-push.js";
import { loadStackEnv, uniqueTag, type StackEnv } from "../helpers/stack-env.js";
import { contextWith, dockerfileSolve } from "../helpers/build-fixture.js";
import { platformDigests } from "../helpers/registry-http.js";

const platforms = ["linux/amd64", "linux/arm64"];

let env: StackEnv;
let client: BuildkitClient;
const registry = new RegistryClient();
/** Pushed once: provenance only, no SBOM. */
let withProvenance: string;
/** Pushed once: no attestations at all. */
let bare: string;
/** Pushed once: provenance and an SBOM. */
let withSbom: string;

async function push(ref: string, provenance: boolean, sbom = false): Promise<void> {
  const ctx = await contextWith({
    Dockerfile: `FROM ${env.KILN_BASE_IMAGE}\nCOPY tag.txt /\n`,
    "tag.txt": ref,
  });
  await client.solve(
    dockerfileSolve(
      ctx,
      {
        frontendAttrs: dockerfileFrontendAttrs({
          platforms,
          pull: true,
          sourceDateEpoch: 1_700_000_000,
          ...(provenance ? { provenance: { mode: "max" } } : {}),
          ...(sbom ? { sbom: { generator: env.KILN_SBOM_GENERATOR } } : {}),
        }),
        exporters: [imageExporter({ names: [ref], push: true, store: false, rewriteTimestamp: true })],
        recordHistory: false,
      },
      platforms,
    ),
  );
}

beforeAll(async () => {
  env = await loadStackEnv();
  client = await BuildkitClient.connect(dockerEndpoint(parseDockerHost(env.DOCKER_HOST)));
  withProvenance = `${env.KILN_REGISTRY}/itg/verify-push:${uniqueTag("prov")}`;
  bare = `${env.KILN_REGISTRY}/itg/verify-push:${uniqueTag("bare")}`;
  withSbom = `${env.KILN_REGISTRY}/itg/verify-push:${uniqueTag("sbom")}`;
  await push(withProvenance, true);
  await push(bare, false);
  await push(withSbom, true, true);
});

afterAll(async () => {
  await client?.close();
});

describe("verifyPush reads the pushed index back from the registry", () => {
  test("a complete image: the registry's per-platform digests, attestation manifests and pinned base image", async () => {
    const pushed = await verifyPush(registry, withProvenance, { platforms, sbom: false, provenance: true });
    expect(pushed.digests).toEqual(await platformDigests(withProvenance));
    expect(Object.keys(pushed.attestations).sort()).toEqual(platforms);
    for (const p of platforms) {
      expect(pushed.attestations[p]).not.toBe(pushed.digests[p]);
      expect(pushed.buildinfo[p]!.sources).toContainEqual(
        expect.objectContaining({ type: "docker-image", pin: expect.stringMatching(/^sha256:[0-9a-f]{64}$/) }),
      );
    }
  });

  test("attestation manifests named in advance are fetched with the index, once each; one it does not name is ignored", async () => {
    const expected = await verifyPush(registry, withProvenance, { platforms, sbom: false, provenance: true });
    const calls: string[] = [];
    class Recording extends RegistryClient {
      override getManifest(...args: Parameters<RegistryClient["getManifest"]>): Promise<FetchedManifest> {
        const ref = args[0];
        calls.push(`manifest ${typeof ref === "string" ? ref : (ref.digest ?? ref.tag)}`);
        return super.getManifest(...args);
      }
      override getBlob(...args: Parameters<RegistryClient["getBlob"]>): Promise<Buffer> {
        calls.push(`blob ${args[1]}`);
        return super.getBlob(...args);
      }
    }
    const recording = new Recording();
    const named = Object.values(expected.attestations);
    const stranger = `sha256:${"0".repeat(64)}`;
    const pushed = await verifyPush(
      recording,
      withProvenance,
      { platforms, sbom: false, provenance: true },
      { digest: expected.digest, attestationManifests: [...named, stranger] },
    );
    expect(pushed).toEqual(expected);
    // The index, then every named manifest before any blob: no wait for the index between them.
    expect(calls.slice(0, 4)).toEqual([
      `manifest ${expected.digest}`,
      ...[...named, stranger].map((d) => `manifest ${d}`),
    ]);
    for (const d of named) expect(calls.filter((c) => c === `manifest ${d}`)).toHaveLength(1);
    recording.close();
  });

  test("an SBOM is known by its layer's predicate type and never downloaded; the provenance is read and checked", async () => {
    const blobs: string[] = [];
    class Recording extends RegistryClient {
      override getBlob(...args: Parameters<RegistryClient["getBlob"]>): Promise<Buffer> {
        blobs.push(args[1]);
        return super.getBlob(...args);
      }
    }
    const recording = new Recording();
    const pushed = await verifyPush(recording, withSbom, { platforms, sbom: true, provenance: true });
    recording.close();
    expect(pushed.digests).toEqual(await platformDigests(withSbom));
    const index = await readImageIndex(registry, withSbom);
    const sboms: string[] = [];
    const provenances: string[] = [];
    for (const p of platforms) {
      expect(pushed.buildinfo[p]!.sources.length).toBeGreaterThan(0);
      for (const layer of await readAttestationLayers(registry, withSbom, pushed.digests[p]!, { index })) {
        if (layer.predicateType === "https://spdx.dev/Document") sboms.push(layer.digest);
        else provenances.push(layer.digest);
      }
    }
    expect(sboms).toHaveLength(2);
    expect(blobs.sort()).toEqual(provenances.sort());
  });

  test("an SBOM that was promised but is missing fails, naming each platform", async () => {
    await expect(verifyPush(registry, withProvenance, { platforms, sbom: true, provenance: true })).rejects.toThrow(
      /^verification of .* failed: linux\/amd64 has no SPDX SBOM; linux\/arm64 has no SPDX SBOM$/,
    );
  });

  test("an index without attestation manifests fails, naming each platform", async () => {
    await expect(verifyPush(registry, bare, { platforms, sbom: false, provenance: true })).rejects.toThrow(
      /linux\/amd64 has no attestation manifest; linux\/arm64 has no attestation manifest$/,
    );
  });

  test("a platform the build promised but the index lacks fails", async () => {
    await expect(
      verifyPush(registry, bare, { platforms: [...platforms, "linux/s390x"], sbom: false, provenance: false }),
    ).rejects.toThrow(/: linux\/s390x is missing from the index$/);
  });
});
