import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, expect, test } from "vitest";
import { contextWith } from "../helpers/build-fixture.js";
import { runAction } from "../helpers/run-action.js";
import { loadStackEnv, uniqueTag, type StackEnv } from "../helpers/stack-env.js";

let env: StackEnv;

beforeAll(async () => {
  env = await loadStackEnv();
});

const pem = [
  "-----BEGIN OPENSSH PRIVATE KEY-----",
  "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ",
  "QyNTUxOQAAACDmZXhhbXBsZWtleWZvcmtpbG50ZXN0",
  "-----END OPENSSH PRIVATE KEY-----",
].join("\n");
const token = "ghp_0123456789abcdefghijKLMNOPQRSTUVwxyz";

/** Every line holding `value` comes after the runner was told to mask it. */
function maskedBeforeShown(stdout: string, value: string): void {
  const lines = stdout.split("\n");
  const mask = lines.indexOf(`::add-mask::${value}`);
  expect(mask, `no ::add-mask:: for ${value}`).toBeGreaterThanOrEqual(0);
  lines.forEach((line, i) => {
    if (!line.startsWith("::add-mask::") && line.includes(value))
      expect(i, `${value} printed before it was masked`).toBeGreaterThan(mask);
  });
}

// Found by fault injection: a PEM was masked as one value but BuildKit prints it line by line; secret-files
// contents were never masked; a token passed as a build arg was published in the provenance with no word.
test("multi-line, file and env secrets are masked line by line; a credential-looking build arg is warned about once and masked", async () => {
  const files = await mkdtemp(join(tmpdir(), "kiln-secret-"));
  await writeFile(join(files, "file.txt"), "file-secret-line-1\nfile-secret-line-2\n");
  const workspace = await contextWith({
    Dockerfile: [
      `FROM ${env.KILN_BASE_IMAGE}`,
      "RUN --mount=type=secret,id=pem cat /run/secrets/pem",
      "RUN --mount=type=secret,id=file cat /run/secrets/file",
      "RUN --mount=type=secret,id=env cat /run/secrets/env",
      "ARG GITHUB_TOKEN",
      `RUN echo "${uniqueTag()} token=$GITHUB_TOKEN"`,
      "",
    ].join("\n"),
  });
  const run = await runAction(
    "main",
    {
      driver: "remote",
      endpoint: env.KILN_BUILDKIT_HOST,
      context: workspace,
      tags: `${env.KILN_REGISTRY}/itg/secrets:${uniqueTag()}`,
      push: "true",
      sbom: "false",
      provenance: "mode=max",
      secrets: `"pem=${pem}"`,
      "secret-files": `file=${join(files, "file.txt")}`,
      "secret-envs": "env=KILN_TEST_SECRET_ENV",
      "build-args": `GITHUB_TOKEN=${token}`,
    },
    { GITHUB_WORKSPACE: workspace, KILN_TEST_SECRET_ENV: "env-secret-value-42" },
  );
  expect(run.stdout + run.stderr).not.toMatch(/::error/);
  expect(run.code, run.stdout.slice(-3000) + run.stderr.slice(-2000)).toBe(0);
  for (const line of pem.split("\n")) maskedBeforeShown(run.stdout, line);
  maskedBeforeShown(run.stdout, "file-secret-line-1");
  maskedBeforeShown(run.stdout, "file-secret-line-2");
  maskedBeforeShown(run.stdout, "env-secret-value-42");
  maskedBeforeShown(run.stdout, token);
  // The secrets really reached the build (so the masking above was needed).
  expect(run.stdout).toContain("file-secret-line-2");
  expect(run.stdout).toContain(`token=${token}`);
  const warnings = run.stdout.split("\n").filter((l) => l.startsWith("::warning::build-args:"));
  expect(warnings, warnings.join("\n")).toHaveLength(1);
  expect(warnings[0]).toMatch(/build-args: GITHUB_TOKEN looks like a credential.*`secrets`/);
  expect(warnings[0]).not.toContain(token);
}, 180_000);
