// What a docker/build-push-action user gets by renaming the step: imageid for multi-platform builds, warnings as
// annotations with file and line, a job summary that names the image (also on failure) and that can be turned off.
// Runs the main bundle as a runner would, against the stack's standalone BuildKit (remote driver).
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, readFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { contextWith } from "../helpers/build-fixture.js";
import { getManifest, parseReference } from "../helpers/registry-http.js";
import { runAction } from "../helpers/run-action.js";
import { loadStackEnv, uniqueTag, type StackEnv } from "../helpers/stack-env.js";

let env: StackEnv;
let remote: Record<string, string>;
beforeAll(async () => {
  env = await loadStackEnv();
  remote = { driver: "remote", endpoint: env.KILN_BUILDKIT_HOST, sbom: "false", provenance: "false" };
});

describe("the Git context of the commit when there is no checkout", () => {
  let daemon: ChildProcess | undefined;
  afterAll(() => {
    daemon?.kill();
  });

  /** A bare repository kiln/app.git with one commit, served by `git daemon` on a free loopback port. */
  async function servedRepository(): Promise<{ serverUrl: string; sha: string }> {
    const base = await mkdtemp(join(tmpdir(), "kiln-gitd-"));
    const work = await contextWith({
      Dockerfile: `FROM ${env.KILN_BASE_IMAGE} AS build\nCOPY hello.txt /out/\nFROM scratch\nCOPY --from=build /out/ /\n`,
      "hello.txt": "from the commit\n",
    });
    const git = (cwd: string, ...args: string[]): string =>
      execFileSync("git", ["-c", "user.name=ci", "-c", "user.email=ci@example.com", ...args], {
        cwd,
        encoding: "utf8",
      }).trim();
    git(work, "init", "-q");
    git(work, "add", ".");
    git(work, "commit", "-qm", "app");
    const sha = git(work, "rev-parse", "HEAD");
    execFileSync("mkdir", ["-p", join(base, "kiln")]);
    git(base, "clone", "-q", "--bare", work, join(base, "kiln", "app.git"));
    // BuildKit fetches the commit by its SHA.
    git(join(base, "kiln", "app.git"), "config", "uploadpack.allowAnySHA1InWant", "true");
    const port = await freePort();
    daemon = spawn(
      "git",
      ["daemon", "--reuseaddr", "--export-all", `--base-path=${base}`, "--listen=127.0.0.1", `--port=${port}`, base],
      {
        stdio: "ignore",
      },
    );
    for (let i = 0; i < 50; i++) {
      try {
        execFileSync("git", ["ls-remote", `git://127.0.0.1:${port}/kiln/app.git`], { stdio: "pipe" });
        break;
      } catch {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    return { serverUrl: `git://127.0.0.1:${port}`, sha };
  }

  test("no context input and an empty workspace build the commit from its Git URL, with a one-line note", async () => {
    const { serverUrl, sha } = await servedRepository();
    const workspace = await mkdtemp(join(tmpdir(), "kiln-nocheckout-"));
    const dest = await mkdtemp(join(tmpdir(), "kiln-gitctx-out-"));
    const run = await runAction(
      "main",
      { ...remote, outputs: `type=local,dest=${dest}`, "source-date-epoch": "0" },
      { GITHUB_WORKSPACE: workspace, GITHUB_SERVER_URL: serverUrl, GITHUB_REPOSITORY: "kiln/app", GITHUB_SHA: sha },
    );
    expect(run.code, run.stdout.slice(-3000)).toBe(0);
    expect(await readFile(join(dest, "hello.txt"), "utf8")).toBe("from the commit\n");
    expect(run.stdout).toContain(
      `context: no checkout in ${workspace}, building the Git context ${serverUrl}/kiln/app.git#${sha}`,
    );
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

describe("imageid", () => {
  test("a two-platform push reports the index digest as imageid, as buildx does", async () => {
    const ctx = await contextWith({ Dockerfile: `FROM ${env.KILN_BASE_IMAGE}\nRUN echo imageid > /f\n` });
    const tag = `${env.KILN_REGISTRY}/itg/dropin-imageid:${uniqueTag()}`;
    const run = await runAction(
      "main",
      { ...remote, platforms: "linux/amd64,linux/arm64", tags: tag, push: "true", "source-date-epoch": "0" },
      { GITHUB_WORKSPACE: ctx },
    );
    expect(run.stdout).not.toMatch(/::error/);
    expect(run.code).toBe(0);
    const { registry, repository, tag: t } = parseReference(tag);
    const index = await getManifest({ registry, repository }, t);
    expect(run.outputs["imageid"]).toBe(index.digest);
    expect(run.outputs["digest"]).toBe(index.digest);
  });
});

describe("SBOM only when an image is exported", () => {
  // A scanner image the registry does not have: any SBOM run fails the build, so success proves none ran.
  const missingScanner = (): string => `${env.KILN_REGISTRY}/itg/no-such-scanner:${uniqueTag()}`;

  test.each([
    ["type=cacheonly by default runs no SBOM scan", {}, 0],
    ["type=cacheonly with sbom: true does run it (the scanner is missing, so it fails)", { sbom: "true" }, 1],
  ])("%s", async (_name, extra, code) => {
    const ctx = await contextWith({ Dockerfile: `FROM ${env.KILN_BASE_IMAGE}\nRUN echo ${uniqueTag()} > /f\n` });
    const run = await runAction(
      "main",
      {
        driver: "remote",
        endpoint: env.KILN_BUILDKIT_HOST,
        outputs: "type=cacheonly",
        "sbom-generator": missingScanner(),
        "source-date-epoch": "0",
        ...extra,
      },
      { GITHUB_WORKSPACE: ctx },
    );
    expect(run.code, run.stdout.slice(-3000)).toBe(code);
    if (code === 1) expect(run.stdout).toMatch(/::error::.*no-such-scanner/);
  });
});

describe("warnings a user should see are annotations", () => {
  test("Dockerfile build-check findings point at their file and line, once each", async () => {
    // FromAsCasing (line 1) and LegacyKeyValueFormat (line 2), two platforms: each finding must appear once.
    const ctx = await contextWith({
      "docker/app.Dockerfile": `FROM ${env.KILN_BASE_IMAGE} as base\nENV greeting hello\nRUN echo $greeting\n`,
    });
    const run = await runAction(
      "main",
      { ...remote, file: "docker/app.Dockerfile", platforms: "linux/amd64,linux/arm64", "source-date-epoch": "0" },
      { GITHUB_WORKSPACE: ctx },
    );
    expect(run.code, run.stdout).toBe(0);
    const warnings = run.stdout.split("\n").filter((l) => l.startsWith("::warning"));
    expect(warnings).toEqual([
      expect.stringMatching(
        /^::warning file=docker\/app\.Dockerfile,line=1,endLine=1::.*'as' and 'FROM' keywords' casing do not match/,
      ),
      expect.stringMatching(
        /^::warning file=docker\/app\.Dockerfile,line=2,endLine=2::.*"ENV key=value" should be used/,
      ),
    ]);
  });

  test("builder is refused in one line, not ignored", async () => {
    const ctx = await contextWith({ Dockerfile: `FROM ${env.KILN_BASE_IMAGE}\n` });
    const run = await runAction("main", { ...remote, builder: "builder-1a2b" }, { GITHUB_WORKSPACE: ctx });
    expect(run.code).toBe(1);
    expect(run.stdout.split("\n").filter((l) => l.startsWith("::error"))).toEqual([
      expect.stringMatching(/^::error::builder: expected no value \(Kiln runs its own BuildKit; .*got "builder-1a2b"$/),
    ]);
  });

  test("the not-reproducible warning (no epoch, no git) is an annotation, not a log line", async () => {
    const ctx = await contextWith({ Dockerfile: `FROM ${env.KILN_BASE_IMAGE}\n` });
    const run = await runAction("main", remote, { GITHUB_WORKSPACE: ctx });
    expect(run.code, run.stdout).toBe(0);
    expect(run.stdout).toContain(
      "::warning::source-date-epoch: no input, no SOURCE_DATE_EPOCH and no HEAD commit time: the image will not be reproducible",
    );
  });
});

describe("the build log", () => {
  test("is buildx's plain format: times with units, a step's own lines before its DONE", async () => {
    const ctx = await contextWith({
      Dockerfile: `FROM ${env.KILN_BASE_IMAGE}\nRUN printf "first\\nlast-without-newline" && echo ${uniqueTag()} >/dev/null\n`,
    });
    const run = await runAction("main", { ...remote, "source-date-epoch": "0" }, { GITHUB_WORKSPACE: ctx });
    expect(run.code, run.stdout.slice(-3000)).toBe(0);
    const log = run.stdout.split("\n").filter((l) => /^#\d+ /.test(l));
    const done = log.filter((l) => / DONE/.test(l));
    expect(done.length).toBeGreaterThan(0);
    for (const l of done) expect(l).toMatch(/^#\d+ DONE \d+\.\ds$/);
    const n = /^#(\d+) \[2\/2\] RUN printf/.exec(log.find((l) => /\[2\/2\] RUN printf/.test(l))!)![1];
    const own = log.filter((l) => l.startsWith(`#${n} `) && !l.includes("RUN printf"));
    expect(own.map((l) => l.replace(/^#\d+ \d+\.\d{3} /, "").replace(/DONE .*/, "DONE"))).toEqual([
      "first",
      "last-without-newline",
      `#${n} DONE`,
    ]);
  });
});

describe("the job summary", () => {
  test("names the image and tags, the builder once with its real BuildKit version, and counts the rows it shows", async () => {
    const ctx = await contextWith({
      Dockerfile: `FROM ${env.KILN_BASE_IMAGE}\nRUN echo ${uniqueTag()} > /a\nRUN cat /a > /b\nRUN cat /b > /c\n`,
    });
    const repo = `${env.KILN_REGISTRY}/itg/dropin-summary`;
    const tags = [`${repo}:${uniqueTag()}`, `${repo}:${uniqueTag("b")}`];
    const run = await runAction(
      "main",
      { ...remote, tags: tags.join("\n"), push: "true", "source-date-epoch": "0" },
      { GITHUB_WORKSPACE: ctx },
    );
    expect(run.code, run.stdout).toBe(0);
    const s = run.summary;
    expect(s.split("\n")[0]).toBe(`## Kiln build: \`${tags[0]}\``);
    expect(s).toContain(`Tags: \`${tags[0]}\`, \`${tags[1]}\``);
    expect(s).toContain(`Builder: remote driver at ${env.KILN_BUILDKIT_HOST}, BuildKit ${env.KILN_BUILDKIT_VERSION}`);
    expect(s.match(/remote/g)).toHaveLength(1);
    expect(s).toContain("Cache: 0 of 3 steps cached (0%)");
    expect(s).toContain("<summary>The 3 steps</summary>");
    expect(s.split("\n").filter((l) => /^\| \[\d\/4\] RUN/.test(l))).toHaveLength(3);
  });

  test("the embedded BuildKit of Docker's daemon is shown by the version its Engine vendors, not v0.0.0+unknown", async () => {
    const ctx = await contextWith({ Dockerfile: `FROM ${env.KILN_BASE_IMAGE}\n` });
    const run = await runAction(
      "main",
      { driver: "docker", sbom: "false", provenance: "false", "source-date-epoch": "0" },
      { GITHUB_WORKSPACE: ctx, DOCKER_HOST: env.DOCKER_HOST },
    );
    expect(run.code, run.stdout).toBe(0);
    expect(run.summary).toMatch(
      /^Builder: docker driver at unix:\/\/\S+, BuildKit v0\.\d+(\.\d+)?( \(embedded in Docker Engine \d+\.\d+\.\d+\S*\))?$/m,
    );
    expect(run.summary).not.toContain("unknown");
  });

  test("a failed build writes the summary with the error block", async () => {
    const ctx = await contextWith({ Dockerfile: `FROM ${env.KILN_BASE_IMAGE}\nRUN exit 3\n` });
    const tag = `${env.KILN_REGISTRY}/itg/dropin-failed:${uniqueTag()}`;
    const run = await runAction("main", { ...remote, tags: tag, "source-date-epoch": "0" }, { GITHUB_WORKSPACE: ctx });
    expect(run.code).toBe(1);
    const lines = run.summary.split("\n");
    expect(lines[0]).toBe(`## Kiln build failed: \`${tag}\``);
    const start = lines.indexOf("```text") + 1;
    const block = lines.slice(start, lines.indexOf("```", start));
    expect(block).toEqual([expect.stringMatching(/^Dockerfile:2: failed to solve: .*exit code: 3$/)]);
  });

  test.each([
    ["succeeds", `FROM busybox-placeholder\n`],
    ["fails", `FROM busybox-placeholder\nRUN exit 3\n`],
  ])("DOCKER_BUILD_SUMMARY=false writes none when the build %s", async (_outcome, dockerfile) => {
    const ctx = await contextWith({ Dockerfile: dockerfile.replace("busybox-placeholder", env.KILN_BASE_IMAGE) });
    const run = await runAction(
      "main",
      { ...remote, "source-date-epoch": "0" },
      { GITHUB_WORKSPACE: ctx, DOCKER_BUILD_SUMMARY: "false" },
    );
    expect(run.code).toBe(dockerfile.includes("exit") ? 1 : 0);
    expect(run.summary).toBe("");
  });
});
