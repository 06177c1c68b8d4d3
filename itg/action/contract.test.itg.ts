import { beforeAll, describe, expect, test } from "vitest";
import { execFileSync } from "node:child_process";
import { loadStackEnv, uniqueTag, type StackEnv } from "../helpers/stack-env.js";
import { getManifest, parseReference, platformDigests, type ImageIndex } from "../helpers/registry-http.js";
import { contextWith } from "../helpers/build-fixture.js";
import { pruneAll } from "../helpers/reference-build.js";
import { runAction } from "../helpers/run-action.js";

let env: StackEnv;
let workspace: string;

beforeAll(async () => {
  env = await loadStackEnv();
  workspace = await contextWith({
    Dockerfile: `ARG BASE\nFROM \${BASE} AS build\nRUN uname -m > /arch\nCOPY app.txt /app.txt\n\nFROM \${BASE}\nCOPY --from=build /arch /app.txt /\n`,
    "app.txt": "contract\n",
  });
  // The default SOURCE_DATE_EPOCH is the checked-out commit's time, as on a runner after actions/checkout.
  const git = (...args: string[]): string => execFileSync("git", ["-C", workspace, ...args], { encoding: "utf8" });
  git("init", "-q");
  git("add", ".");
  execFileSync(
    "git",
    [
      "-C",
      workspace,
      "-c",
      "user.name=ci",
      "-c",
      "user.email=ci@example.com",
      "commit",
      "-qm",
      "fixture",
      "--date=2024-01-02T03:04:05Z",
    ],
    {
      env: { ...process.env, GIT_COMMITTER_DATE: "2024-01-02T03:04:05Z" },
    },
  );
});

function baseInputs(tag: string): Record<string, string> {
  return {
    driver: "docker",
    platforms: "linux/amd64,linux/arm64",
    tags: tag,
    push: "true",
    "build-args": `BASE=${env.KILN_BASE_IMAGE}`,
    "sbom-generator": env.KILN_SBOM_GENERATOR,
    // Resolve the base image from the registry: with the docker driver the frontend otherwise prefers the daemon's
    // local copy (as buildx does), which other tests may have pulled from an older push.
    pull: "true",
  };
}

describe("the main bundle named in action.yml, run as a runner runs it", () => {
  test("pushes an attested two-platform image whose outputs equal what the registry holds, then post cleans up", async () => {
    const tag = `${env.KILN_REGISTRY}/itg/contract:${uniqueTag()}`;
    const run = await runAction("main", baseInputs(tag), { GITHUB_WORKSPACE: workspace, DOCKER_HOST: env.DOCKER_HOST });
    expect(run.stderr + run.stdout).not.toMatch(/::error/);
    expect(run.code).toBe(0);

    const { registry, repository, tag: t } = parseReference(tag);
    const index = await getManifest<ImageIndex>({ registry, repository }, t);
    expect(run.outputs["digest"]).toBe(index.digest);
    expect(JSON.parse(run.outputs["digests"]!)).toEqual(await platformDigests(tag));
    const attestations = JSON.parse(run.outputs["attestations"]!) as Record<string, string>;
    for (const m of index.body.manifests.filter(
      (d) => d.annotations?.["vnd.docker.reference.type"] === "attestation-manifest",
    )) {
      const platform = Object.entries(JSON.parse(run.outputs["digests"]!) as Record<string, string>).find(
        ([, d]) => d === m.annotations?.["vnd.docker.reference.digest"],
      )?.[0];
      expect(platform && attestations[platform]).toBe(m.digest);
    }
    expect(Object.keys(attestations).sort()).toEqual(["linux/amd64", "linux/arm64"]);

    // buildinfo pins the base image by the digest the registry serves for its tag.
    const base = parseReference(env.KILN_BASE_IMAGE);
    const baseIndex = await getManifest({ registry: base.registry, repository: base.repository }, base.tag);
    const buildinfo = JSON.parse(run.outputs["buildinfo"]!) as Record<
      string,
      { sources: { type: string; ref: string; pin: string }[] }
    >;
    for (const platform of ["linux/amd64", "linux/arm64"]) {
      expect(buildinfo[platform]!.sources).toContainEqual({
        type: "docker-image",
        ref: env.KILN_BASE_IMAGE,
        pin: baseIndex.digest,
      });
    }
    expect(JSON.parse(run.outputs["builder"]!)).toMatchObject({ driver: "docker" });
    expect(run.summary).toContain(index.digest);
    expect(run.summary).toMatch(/Cache: \d+ of \d+ steps cached/);

    const post = await runAction("post", {}, { DOCKER_HOST: env.DOCKER_HOST }, run.state);
    expect(post.code).toBe(0);
    expect(post.stdout).not.toMatch(/::(error|warning)/);
  });

  test("two runs with the same SOURCE_DATE_EPOCH, each after a cache prune, give identical per-platform digests", async () => {
    const digests: unknown[] = [];
    for (const i of [1, 2]) {
      await pruneAll();
      const tag = `${env.KILN_REGISTRY}/itg/repro:${uniqueTag(`r${i}`)}`;
      const run = await runAction("main", baseInputs(tag), {
        GITHUB_WORKSPACE: workspace,
        DOCKER_HOST: env.DOCKER_HOST,
      });
      expect(run.code).toBe(0);
      digests.push(JSON.parse(run.outputs["digests"]!));
    }
    expect(digests[0]).toEqual(digests[1]);
    expect(Object.keys(digests[0] as object).sort()).toEqual(["linux/amd64", "linux/arm64"]);
  });

  test("a Dockerfile error fails the step with one annotation at the file and line, and a summary of why", async () => {
    const run7 = `RUN echo compiling && echo "error: kiln-seven" >&2 && printf 'last words' && exit 7`;
    const broken = await contextWith({ Dockerfile: `FROM ${env.KILN_BASE_IMAGE}\n${run7}\nUSER nobody\n` });
    const run = await runAction(
      "main",
      { driver: "docker", "source-date-epoch": "0", sbom: "false", provenance: "false" },
      {
        GITHUB_WORKSPACE: broken,
        DOCKER_HOST: env.DOCKER_HOST,
      },
    );
    expect(run.code).not.toBe(0);
    const errors = run.stdout.split("\n").filter((l) => l.startsWith("::error"));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^::error file=Dockerfile,line=2,endLine=2::failed to solve: .*exit code: 7/);
    expect(run.stdout + run.stderr).not.toMatch(/\n\s+at /);
    // The job summary: the error at its line, the failing step with its last lines (the unterminated one too), and
    // the Dockerfile around the failing instruction.
    expect(run.summary).toContain("## Kiln build failed");
    expect(run.summary).toMatch(/^Dockerfile:2: failed to solve: .*exit code: 7$/m);
    expect(run.summary).toContain(`Failed step: \`[2/2] ${run7}\``);
    // stdout and stderr reach BuildKit as two streams, so the first two lines come in either order.
    const tail = /Its last 3 lines:\n\n```text\n([^`]*)```/.exec(run.summary)?.[1]?.trimEnd().split("\n");
    expect(tail?.slice(0, 2).sort()).toEqual(["compiling", "error: kiln-seven"]);
    expect(tail?.[2]).toBe("last words");
    expect(run.summary).toContain(
      ["```dockerfile", `    1 | FROM ${env.KILN_BASE_IMAGE}`, `>>> 2 | ${run7}`, "    3 | USER nobody", "```"].join(
        "\n",
      ),
    );
  });
});

describe("load", () => {
  test("load: true puts a single-platform image into the runner's Docker daemon under its tag", async () => {
    const tag = `kiln-itg/load:${uniqueTag()}`;
    const run = await runAction(
      "main",
      { driver: "docker", load: "true", tags: tag, "build-args": `BASE=${env.KILN_BASE_IMAGE}` },
      { GITHUB_WORKSPACE: workspace, DOCKER_HOST: env.DOCKER_HOST },
    );
    expect(run.stdout).not.toMatch(/::error/);
    expect(run.code).toBe(0);
    const out = execFileSync("docker", ["run", "--rm", tag, "cat", "/app.txt"], {
      env: { ...process.env, DOCKER_HOST: env.DOCKER_HOST },
      encoding: "utf8",
    });
    expect(out).toBe("contract\n");
    expect(run.outputs["imageid"]).toMatch(/^sha256:[0-9a-f]{64}$/);
    execFileSync("docker", ["image", "rm", tag], {
      env: { ...process.env, DOCKER_HOST: env.DOCKER_HOST },
      stdio: "pipe",
    });
  });
});
