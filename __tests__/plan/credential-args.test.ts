import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { credentialBuildArgs } from "../../src/plan/secrets/credential-args.js";
import { valuesToMask } from "../../src/plan/secrets/mask-values.js";
import { readInputs } from "../../src/plan/inputs.js";
import { planBuild } from "../../src/plan/plan.js";
import { RUN } from "./run-context-fixture.js";

function plan(given: Record<string, string>, env: Record<string, string> = {}): ReturnType<typeof planBuild> {
  return planBuild(
    readInputs((name) => given[name] ?? ""),
    { ...RUN, lookupEnv: (name) => env[name] },
  );
}

const pem =
  "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\nQyNTUxOQAAACDm\n-----END OPENSSH PRIVATE KEY-----\n";

describe("credentialBuildArgs", () => {
  it("names args whose name or value looks like a credential, with mode=max only", () => {
    const args = {
      TOKEN: "abc",
      NPM_TOKEN: "x1",
      GITHUB: "ghp_0123456789abcdefghij0123456789abcd",
      PAT: "github_pat_11AAAAAAA0123456789_abcdefghijklmnop",
      AWS: "AKIAIOSFODNN7EXAMPLE",
      SLACK: "xoxb-1234567890-abcdef",
      DB_PASSWORD: "hunter2",
      API_KEY: "k",
      AWS_SECRET_ACCESS_KEY: "s",
      DEPLOY_KEY: pem,
      MONKEY: "banana",
      KEYBOARD: "us",
      VERSION: "1.2.3",
      EMPTY_TOKEN: "",
    };
    expect(credentialBuildArgs(args, "max").map((a) => a.name)).toEqual([
      "TOKEN",
      "NPM_TOKEN",
      "GITHUB",
      "PAT",
      "AWS",
      "SLACK",
      "DB_PASSWORD",
      "API_KEY",
      "AWS_SECRET_ACCESS_KEY",
      "DEPLOY_KEY",
    ]);
    expect(credentialBuildArgs(args, "min")).toEqual([]);
    expect(credentialBuildArgs(args, undefined)).toEqual([]);
  });

  it("the warning names the arg and the fix, never the value", () => {
    const [arg] = credentialBuildArgs({ GITHUB_TOKEN: "ghp_0123456789abcdefghij0123456789abcd" }, "max");
    expect(arg!.warning).toMatch(/^build-args: GITHUB_TOKEN looks like a credential.*`secrets`/);
    expect(arg!.warning).not.toContain("ghp_");
  });
});

describe("valuesToMask", () => {
  it("masks every line of a multi-line secret, secret-files contents and secret-envs values", () => {
    const dir = mkdtempSync(join(tmpdir(), "kiln-mask-"));
    writeFileSync(join(dir, "f"), "file-line-one\nfile-line-two\n");
    const values = valuesToMask(
      [
        { id: "pem", source: { kind: "value", value: pem } },
        { id: "f", source: { kind: "file", path: join(dir, "f") } },
        { id: "gone", source: { kind: "file", path: join(dir, "missing") } },
        { id: "e", source: { kind: "env", name: "E" } },
      ],
      ["extra-value"],
      (name) => (name === "E" ? "env-value" : undefined),
    );
    expect(values).toEqual(
      expect.arrayContaining([
        pem,
        "-----BEGIN OPENSSH PRIVATE KEY-----",
        "b3BlbnNzaC1rZXktdjEAAAAA",
        "QyNTUxOQAAACDm",
        "-----END OPENSSH PRIVATE KEY-----",
        "file-line-one",
        "file-line-two",
        "env-value",
        "extra-value",
      ]),
    );
    expect(values).not.toContain("");
  });
});

describe("planBuild", () => {
  it("warns once per credential-looking build arg under the default provenance mode=max, not under mode=min", () => {
    const args = { "build-args": "GITHUB_TOKEN=ghp_0123456789abcdefghij0123456789abcd\nVERSION=1" };
    expect(plan(args).warnings.filter((w) => w.startsWith("build-args:"))).toEqual([
      expect.stringMatching(/^build-args: GITHUB_TOKEN looks like a credential/),
    ]);
    expect(plan({ ...args, provenance: "mode=min" }).warnings.filter((w) => w.startsWith("build-args:"))).toEqual([]);
  });

  it("BUILDX_NO_DEFAULT_ATTESTATIONS turns the default attestations off; inputs still turn them on", () => {
    expect(plan({}, { BUILDX_NO_DEFAULT_ATTESTATIONS: "1" }).attestations).toEqual({ byDefault: [] });
    expect(plan({}, { BUILDX_NO_DEFAULT_ATTESTATIONS: "false" }).attestations.byDefault).toEqual([
      "provenance",
      "sbom",
    ]);
    expect(
      plan({ provenance: "mode=max" }, { BUILDX_NO_DEFAULT_ATTESTATIONS: "1" }).attestations.provenance?.mode,
    ).toBe("max");
  });
});
