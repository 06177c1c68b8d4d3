// What Kiln meets on BuildKit v0.26 that Docker 26's embedded v0.13 never sends, checked through the pipeline
// (driver: remote) on the stack's shared standalone daemon (read-only here: nothing is pruned).
import { beforeAll, expect, test } from "vitest";
import { contextWith } from "../helpers/build-fixture.js";
import { getBlob, getManifest, parseReference, type ImageIndex, type ImageManifest } from "../helpers/registry-http.js";
import { loadStackEnv, uniqueTag, type StackEnv } from "../helpers/stack-env.js";
import { kilnFailures, runKiln } from "./kiln-pipeline.js";

let env: StackEnv;
beforeAll(async () => {
  env = await loadStackEnv();
});

test("the v0.26 Dockerfile frontend's lint warnings reach Kiln's log and its annotations, once each, with the line", async () => {
  const context = await contextWith({
    Dockerfile: `FROM ${env.KILN_BASE_IMAGE} as build\nRUN echo ${uniqueTag()}\nFROM build\nENV a b\n`,
  });
  const kiln = await runKiln({
    context,
    // Two platforms: BuildKit sends each finding once per platform.
    platforms: "linux/amd64,linux/arm64",
    driver: "remote",
    endpoint: env.KILN_BUILDKIT_HOST,
    outputs: "type=cacheonly",
    provenance: "false",
    sbom: "false",
  });
  expect(kiln.log.filter((l) => / WARN: /.test(l))).toEqual(
    expect.arrayContaining([
      expect.stringMatching(/WARN: FromAsCasing: .*\(Dockerfile:1\)$/),
      expect.stringMatching(/WARN: LegacyKeyValueFormat: .*\(Dockerfile:4\)$/),
    ]),
  );
  expect(kiln.warnings).toEqual([
    {
      message: expect.stringMatching(/^FromAsCasing: /) as string,
      where: expect.objectContaining({ file: expect.stringMatching(/Dockerfile$/) as string, startLine: 1 }) as object,
    },
    {
      message: expect.stringMatching(/^LegacyKeyValueFormat: /) as string,
      where: expect.objectContaining({ file: expect.stringMatching(/Dockerfile$/) as string, startLine: 4 }) as object,
    },
  ]);
});

test("v0.26 still writes SLSA v0.2 provenance (mode=max) and SPDX SBOM statements per platform", async () => {
  const context = await contextWith({ Dockerfile: `FROM ${env.KILN_BASE_IMAGE}\nRUN echo ${uniqueTag()} > /x\n` });
  const ref = `${env.KILN_REGISTRY}/standalone-facts/attest:${uniqueTag()}`;
  const kiln = await runKiln({
    context,
    platforms: "linux/amd64,linux/arm64",
    tags: ref,
    push: "true",
    provenance: "mode=max",
    sbom: `generator=${env.KILN_SBOM_GENERATOR}`,
    "source-date-epoch": "1700000000",
    driver: "remote",
    endpoint: env.KILN_BUILDKIT_HOST,
  });
  // The exporter response has the keys Kiln reads on v0.13 too.
  expect(Object.keys(kiln.outcome.exporterResponse).sort()).toEqual([
    "containerimage.descriptor",
    "containerimage.digest",
    "image.name",
  ]);
  const { registry, repository } = parseReference(ref);
  const target = { registry, repository };
  const { body: index } = await getManifest<ImageIndex>(target, kiln.outputs["digest"]!);
  const attestations = index.manifests.filter(
    (m) => m.annotations?.["vnd.docker.reference.type"] === "attestation-manifest",
  );
  expect(attestations).toHaveLength(2);
  for (const a of attestations) {
    const { body } = await getManifest<ImageManifest>(target, a.digest);
    const types = body.layers.map((l) => l.annotations?.["in-toto.io/predicate-type"]).sort();
    expect(types).toEqual(["https://slsa.dev/provenance/v0.2", "https://spdx.dev/Document"]);
    const provenance = body.layers.find((l) => l.annotations?.["in-toto.io/predicate-type"]?.includes("slsa"))!;
    const statement = JSON.parse((await getBlob(target, provenance.digest)).toString("utf8")) as {
      predicate: { buildType: string; metadata: { "https://mobyproject.org/buildkit@v1#metadata"?: unknown } };
    };
    expect(statement.predicate.buildType).toBe("https://mobyproject.org/buildkit@v1");
    // mode=max: BuildKit's own metadata (the LLB, the sources) is in the predicate.
    expect(statement.predicate.metadata["https://mobyproject.org/buildkit@v1#metadata"]).toBeDefined();
  }
});

test("a daemon started without --allow-insecure-entitlement refuses network: host; Kiln's one line says which flag", async () => {
  const context = await contextWith({ Dockerfile: `FROM ${env.KILN_BASE_IMAGE}\nRUN echo ${uniqueTag()}\n` });
  const failures = await kilnFailures({
    context,
    network: "host",
    driver: "remote",
    endpoint: env.KILN_BUILDKIT_HOST,
    outputs: "type=cacheonly",
    provenance: "false",
    sbom: "false",
  });
  expect(failures).toEqual([
    {
      message: expect.stringMatching(
        /^failed to solve: granting entitlement network\.host is not allowed by build daemon configuration: the builder's buildkitd must be started with --allow-insecure-entitlement network\.host /,
      ) as string,
    },
  ]);
  expect(failures[0]!.message).not.toContain("\n");
});
