import { beforeAll, expect, test } from "vitest";
import { contextWith } from "../helpers/build-fixture.js";
import { outputsOf, runPipelineWith } from "../helpers/pipeline-run.js";
import { getManifest, parseReference, platformString, type ImageIndex } from "../helpers/registry-http.js";
import { loadStackEnv, stackProcessEnv, uniqueTag, type StackEnv } from "../helpers/stack-env.js";

let env: StackEnv;

beforeAll(async () => {
  env = await loadStackEnv();
});

// Found by fault injection: the read-back went by tag, so a build whose tag another build had already moved on
// reported that other build's digest, digests, attestations and buildinfo.
test("six builds of different content pushing the same tag at once: each step's outputs describe its own build", async () => {
  const tag = `${env.KILN_REGISTRY}/itg/push-race:${uniqueTag()}`;
  const builds = await Promise.all(
    Array.from({ length: 6 }, async (_, i) => {
      const context = await contextWith({
        Dockerfile: `FROM ${env.KILN_BASE_IMAGE}\nCOPY n.txt /\n`,
        "n.txt": `build ${i} of ${tag}\n`,
      });
      return runPipelineWith(
        {
          driver: "remote",
          endpoint: env.KILN_BUILDKIT_HOST,
          context,
          platforms: "linux/amd64",
          tags: tag,
          push: "true",
          provenance: "mode=max",
          sbom: "false",
          "source-date-epoch": "1700000000",
        },
        stackProcessEnv(env),
      );
    }),
  );
  for (const run of builds) outputsOf(run);
  const { registry, repository, tag: t } = parseReference(tag);
  const finalDigest = (await getManifest({ registry, repository }, t)).digest;
  const digests = new Set<string>();
  const moved: { own: string; w: string }[] = [];
  for (const run of builds) {
    const outputs = outputsOf(run);
    const metadata = JSON.parse(outputs["metadata"]!) as Record<string, string>;
    const own = metadata["containerimage.digest"]!;
    digests.add(own);
    expect(outputs["digest"]).toBe(own);
    // What the registry holds under this build's own digest is what its outputs say.
    const index = (await getManifest<ImageIndex>({ registry, repository }, own)).body;
    const image = index.manifests.find((m) => m.annotations?.["vnd.docker.reference.type"] !== "attestation-manifest")!;
    const attestation = index.manifests.find((m) => m.annotations?.["vnd.docker.reference.digest"] === image.digest)!;
    expect(JSON.parse(outputs["digests"]!)).toEqual({ [platformString(image.platform)]: image.digest });
    expect(JSON.parse(outputs["attestations"]!)).toEqual({ "linux/amd64": attestation.digest });
    expect(Object.keys(JSON.parse(outputs["buildinfo"]!) as object)).toEqual(["linux/amd64"]);
    moved.push(...run.warnings.filter((w) => w.includes(" now points at ")).map((w) => ({ own, w })));
  }
  // A build that found its tag moved on says so, naming the tag and both digests; the build holding the tag does not.
  for (const { own, w } of moved) {
    expect(own).not.toBe(finalDigest);
    expect(w).toMatch(new RegExp(`^${tag} now points at sha256:[0-9a-f]{64}, not at ${own} that this build pushed`));
    expect(digests).toContain(/now points at (\S+),/.exec(w)![1]);
  }
  // Different content: six different images, one of which holds the tag.
  expect(digests.size).toBe(6);
  expect(digests).toContain(finalDigest);
}, 300_000);
