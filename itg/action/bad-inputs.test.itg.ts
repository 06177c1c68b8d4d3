import { beforeAll, describe, expect, test } from "vitest";
import { loadStackEnv, type StackEnv } from "../helpers/stack-env.js";
import { contextWith } from "../helpers/build-fixture.js";
import { runAction } from "../helpers/run-action.js";

let env: StackEnv;
let workspace: string;

beforeAll(async () => {
  env = await loadStackEnv();
  workspace = await contextWith({ Dockerfile: `FROM ${env.KILN_BASE_IMAGE}\n` });
});

const secretValue = "hunter2-do-not-print";

// Each row: the inputs to set (over a valid docker-driver build), and the input the one error must name.
const cases: [string, Record<string, string>, string][] = [
  ["an unknown platform", { platforms: "linux/amd65" }, "platforms"],
  ["a platform without an architecture", { platforms: "linux" }, "platforms"],
  ["an upper-case repository in a tag", { tags: "127.0.0.1:5000/Kiln/App:1" }, "tags"],
  ["a tag with a space", { tags: "kiln/app:bad tag" }, "tags"],
  ["push without tags", { push: "true" }, "push"],
  ["push that is not a boolean", { push: "yes please" }, "push"],
  ["load that is not a boolean", { load: "maybe" }, "load"],
  ["no-cache that is not a boolean", { "no-cache": "sometimes" }, "no-cache"],
  ["pull that is not a boolean", { pull: "2" }, "pull"],
  ["load with two platforms", { load: "true", tags: "kiln/app:1", platforms: "linux/amd64,linux/arm64" }, "load"],
  ["a build-arg without =", { "build-args": "JUSTAKEY" }, "build-args"],
  ["a label without a key", { labels: "=value" }, "labels"],
  ["a malformed build context", { "build-contexts": "no-equals-sign" }, "build-contexts"],
  ["an unknown output type", { outputs: "type=floppy,dest=/tmp/x" }, "outputs"],
  ["an output pair without =", { outputs: "type=local,dest" }, "outputs"],
  ["an unknown cache type", { "cache-from": "type=memcached,ref=x" }, "cache-from"],
  ["a registry cache without ref", { "cache-to": "type=registry,mode=max" }, "cache-to"],
  [
    "a cache mode that does not exist",
    { "cache-to": `type=registry,ref=${"127.0.0.1:5000/c:1"},mode=maximal` },
    "cache-to",
  ],
  ["an s3 cache on the docker driver", { "cache-to": "type=s3,bucket=b,region=us-east-1" }, "cache-to"],
  ["a secret without an id", { secrets: `=${secretValue}` }, "secrets"],
  ["a secret file that is malformed", { "secret-files": "token" }, "secret-files"],
  ["a secret env naming an unset variable", { "secret-envs": "tok=KILN_SURELY_UNSET_VARIABLE" }, "secret-envs"],
  ["an unknown network mode", { network: "bridge-ish" }, "network"],
  ["an add-host without an address", { "add-hosts": "just-a-host" }, "add-hosts"],
  ["a shm-size that is not a size", { "shm-size": "lots" }, "shm-size"],
  ["a malformed ulimit", { ulimit: "nofile" }, "ulimit"],
  ["an unknown entitlement", { allow: "root.everything" }, "allow"],
  ["a provenance mode that does not exist", { provenance: "mode=maximum" }, "provenance"],
  ["an sbom value that is not understood", { sbom: "perhaps" }, "sbom"],
  ["a source-date-epoch that is not a number", { "source-date-epoch": "yesterday" }, "source-date-epoch"],
  ["an unknown driver", { driver: "kubernetes-ish" }, "driver"],
  ["a malformed endpoint", { driver: "remote", endpoint: "http://builder" }, "endpoint"],
  ["a Dockerfile given as a URL", { file: "https://example.com/Dockerfile" }, "file"],
];

describe("a bad input fails the step before anything starts, with one ::error naming the input", () => {
  test.each(cases)("%s", async (_name, overrides, input) => {
    const run = await runAction(
      "main",
      { driver: "docker", "source-date-epoch": "0", ...overrides },
      { GITHUB_WORKSPACE: workspace, DOCKER_HOST: env.DOCKER_HOST },
    );
    expect(run.code).toBe(1);
    const errors = run.stdout.split("\n").filter((l) => l.startsWith("::error"));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(new RegExp(`^::error::${input.replace(/[-]/g, "\\-")}: `));
    const all = run.stdout + run.stderr;
    expect(all).not.toMatch(/\n\s+at /);
    expect(all).not.toContain(secretValue);
    expect(run.outputs).toEqual({});
  });
});
