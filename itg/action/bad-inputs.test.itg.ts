import { beforeAll, describe, expect, test } from "vitest";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { loadStackEnv, type StackEnv } from "../helpers/stack-env.js";
import { contextWith } from "../helpers/build-fixture.js";
import { runAction } from "../helpers/run-action.js";

let env: StackEnv;
let workspace: string;

beforeAll(async () => {
  env = await loadStackEnv();
  workspace = await contextWith({ Dockerfile: `FROM ${env.KILN_BASE_IMAGE}\n`, "subdir/x": "x" });
  // A Dockerfile in Latin-1: "é" as the single byte 0xe9.
  await writeFile(
    join(workspace, "latin1.Dockerfile"),
    Buffer.from([...Buffer.from("FROM scratch\n# caf"), 0xe9, 0x0a]),
  );
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
  // Builder inputs (#11); those that need the stack's paths are in builder-inputs.test.itg.ts.
  [
    "insecure-registries on driver docker (Kiln cannot configure that daemon)",
    { "insecure-registries": "registry.lan:5000" },
    "insecure-registries",
  ],
  ["an insecure registry given as a URL", { "insecure-registries": "http://registry.lan:5000" }, "insecure-registries"],
  ["a registry mirror with a space", { "registry-mirrors": "mirror gcr.io" }, "registry-mirrors"],
  ["a driver-opts key the driver does not take", { "driver-opts": "image=moby/buildkit:latest" }, "driver-opts"],
  ["a driver-opts item without =", { driver: "docker-container", "driver-opts": "network" }, "driver-opts"],
  ["a binfmt-image with a space", { "binfmt-image": "tonistiigi/binfmt latest" }, "binfmt-image"],
  ["keep-state that is not a boolean", { driver: "docker-container", "keep-state": "forever" }, "keep-state"],
  [
    "both buildkitd-config and buildkitd-config-inline",
    { driver: "docker-container", "buildkitd-config": "b.toml", "buildkitd-config-inline": "debug = true" },
    "buildkitd-config",
  ],
  // Paths on disk, checked before anything starts (src/plan/check-paths.ts).
  ["a context directory that does not exist", { context: "no-such-dir" }, "context"],
  ["a context that is a file", { context: "Dockerfile" }, "context"],
  ["a Dockerfile that does not exist", { context: ".", file: "Missing.Dockerfile" }, "file"],
  ["a Dockerfile that is a directory", { file: "subdir" }, "file"],
  ["a Dockerfile that is not UTF-8", { file: "latin1.Dockerfile" }, "file"],
  ["a secret file that does not exist", { "secret-files": "tok=missing.txt" }, "secret-files"],
  ["a secret file that is a directory", { "secret-files": "tok=subdir" }, "secret-files"],
  ["a build context directory that does not exist", { "build-contexts": "base=./missing-dir" }, "build-contexts"],
  // A bad tag is one line, not a second, false "push: ... got no tags".
  ["a tag with a space, pushed", { tags: "kiln/app:bad tag", push: "true" }, "tags"],
  ["an upper-case repository, pushed", { tags: "127.0.0.1:5000/Kiln/App:1", push: "true" }, "tags"],
  ["a tag that is only a colon, pushed", { tags: ":", push: "true" }, "tags"],
  ["a negative shm-size", { "shm-size": "-1" }, "shm-size"],
  ["a ulimit with words for numbers", { ulimit: "nofile=a:b" }, "ulimit"],
  ["an add-host with a bad address", { "add-hosts": "host:not-an-ip" }, "add-hosts"],
  ["an attests line of an unknown type", { attests: "type=nope" }, "attests"],
  ["a registry cache import without ref", { "cache-from": "type=registry" }, "cache-from"],
  ["a local cache export without dest", { "cache-to": "type=local" }, "cache-to"],
  ["a local cache import without src", { "cache-from": "type=local" }, "cache-from"],
  ["a local output without dest", { outputs: "type=local" }, "outputs"],
  ["a tar output without dest", { outputs: "type=tar" }, "outputs"],
  ["a label without =", { labels: "novalue" }, "labels"],
  ["a build-arg without a name", { "build-args": "=v" }, "build-args"],
  ["a secret without =", { secrets: "justanid" }, "secrets"],
  ["a secret env without =", { "secret-envs": "noequals" }, "secret-envs"],
  ["an ssh line without an id", { ssh: "=x" }, "ssh"],
  ["a target with a space", { target: "two words" }, "target"],
  ["a negative source-date-epoch", { "source-date-epoch": "-5" }, "source-date-epoch"],
  ["record-history that is not a boolean", { "record-history": "often" }, "record-history"],
  ["cleanup that is not a boolean", { cleanup: "nah" }, "cleanup"],
  ["nodes without push", { nodes: "linux/arm64=unix:///run/x.sock" }, "nodes"],
  ["an unknown platform among good ones", { platforms: "linux/amd64,windows/sparc" }, "platforms"],
  [
    "an annotation for a platform the build does not make",
    { platforms: "linux/amd64", annotations: "manifest[linux/s390x]:org.example=1" },
    "annotations",
  ],
  // Keys the type's BuildKit backend or exporter does not read (src/plan/cache/cache-keys.ts, outputs/output-keys.ts).
  ["a mistyped cache-to key", { "cache-to": "type=registry,ref=127.0.0.1:5000/c:1,mod=max" }, "cache-to"],
  ["a cache-from key of another type", { "cache-from": "type=local,src=.,bucket=b" }, "cache-from"],
  [
    "a mistyped cache credential key (its value is not printed)",
    { "cache-from": `type=gha,scope=s,tokn=${secretValue}` },
    "cache-from",
  ],
  ["an image output key the local exporter does not take", { outputs: "type=local,dest=out,push=true" }, "outputs"],
  ["a mistyped image output key", { outputs: "type=image,name=kiln/app:1,push-by-digets=true" }, "outputs"],
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
