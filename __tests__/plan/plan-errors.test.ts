import { describe, expect, test } from "vitest";
import { InputErrors } from "../../src/plan/input-error.js";
import { readInputs } from "../../src/plan/inputs.js";
import type { RunContext } from "../../src/plan/run-context.js";
import { RUN } from "./run-context-fixture.js";
import { planBuild } from "../../src/plan/plan.js";

/** The messages `planBuild` reports for inputs given by their action.yml names. */
function errorsOf(given: Record<string, string>, run: RunContext = RUN): string[] {
  try {
    planBuild(
      readInputs((name) => given[name] ?? ""),
      run,
    );
  } catch (err) {
    if (err instanceof InputErrors) return err.errors.map((e) => e.message);
    throw err;
  }
  throw new Error("expected planBuild to reject the inputs");
}

const PLATFORMS = 'platforms: expected a list like "linux/amd64,linux/arm64"';
const ANNOTATIONS =
  'annotations: expected KEY=VALUE lines, keys optionally prefixed like "index:", "manifest:" or "manifest[linux/amd64]:"';
const CONTEXTS =
  "build-contexts: expected NAME=VALUE lines where VALUE is a path, docker-image://REF, target:STAGE or a git or https URL";
const MALFORMED = 'expected type=<type>,key=value,... with "..." around values holding commas';

describe("planBuild rejects each bad input with one line naming it and what was expected", () => {
  test.each<[string, Record<string, string>, string]>([
    ["unknown architecture", { platforms: "linux/amd65" }, `${PLATFORMS}, got "linux/amd65"`],
    ["os without architecture", { platforms: "linux" }, `${PLATFORMS}, got "linux"`],
    ["unknown os in a list", { platforms: "linux/amd64,windoze/amd64" }, `${PLATFORMS}, got "windoze/amd64"`],
    [
      "uppercase repository in a tag",
      { tags: "ghcr.io/Octo/app:1" },
      'tags: expected image references like "ghcr.io/owner/app:1.0", got "ghcr.io/Octo/app:1" (repository name must be lowercase)',
    ],
    [
      "bad tag characters",
      { tags: "octo/app:v1!" },
      'tags: expected image references like "ghcr.io/owner/app:1.0", got "octo/app:v1!" (invalid tag "v1!")',
    ],
    ["build-arg without a value", { "build-args": "VERSION" }, 'build-args: expected KEY=VALUE lines, got "VERSION"'],
    ["label without a key", { labels: "=x" }, 'labels: expected KEY=VALUE lines, got "=x"'],
    [
      "annotation without =",
      { annotations: "org.opencontainers.image.title" },
      `${ANNOTATIONS}, got "org.opencontainers.image.title"`,
    ],
    [
      "unknown annotation type",
      { annotations: "image:k=v" },
      `${ANNOTATIONS}, got "image:k=v" (unknown annotation type "image")`,
    ],
    [
      "index annotation with a platform",
      { annotations: "index[linux/amd64]:k=v" },
      `${ANNOTATIONS}, got "index[linux/amd64]:k=v" (index annotations apply to every platform)`,
    ],
    [
      "annotation for an unknown platform",
      { annotations: "manifest[linux/amd65]:k=v" },
      `${ANNOTATIONS}, got "manifest[linux/amd65]:k=v" (unknown platform "linux/amd65")`,
    ],
    ["build context without a value", { "build-contexts": "alpine" }, `${CONTEXTS}, got "alpine"`],
    [
      "uppercase build context name",
      { "build-contexts": "Alpine=docker-image://alpine:3.20" },
      'build-contexts: expected a lowercase image or stage name before "=", got "Alpine"',
    ],
    [
      "bad image in a build context",
      { "build-contexts": "base=docker-image://Alpine" },
      'build-contexts: expected docker-image://<image reference>, got "docker-image://Alpine" (repository name must be lowercase)',
    ],
    [
      "oci-layout build context",
      { "build-contexts": "base=oci-layout://./layout" },
      'build-contexts: oci-layout:// contexts are not supported yet, got "oci-layout://./layout"',
    ],
    [
      "unknown URL scheme in a build context",
      { "build-contexts": "base=ftp://host/x" },
      `${CONTEXTS}, got "ftp://host/x"`,
    ],
    ["push is not a boolean", { push: "yes" }, 'push: expected true or false, got "yes"'],
    ["load is not a boolean", { load: "1" }, 'load: expected true or false, got "1"'],
    ["no-cache typo", { "no-cache": "ture" }, 'no-cache: expected true or false, got "ture"'],
    ["pull is not a boolean", { pull: "always" }, 'pull: expected true or false, got "always"'],
    ["push without tags", { push: "true" }, "push: expected tags to name the image to push, got no tags"],
    [
      "unknown output type",
      { outputs: "type=s3,dest=x" },
      'outputs: expected type to be one of image, registry, docker, oci, tar, local, cacheonly, got "type=s3,dest=x"',
    ],
    [
      "local output without dest",
      { outputs: "type=local" },
      'outputs: expected dest=<path> for type=local, got "type=local"',
    ],
    ["output with a bare field", { outputs: "type=local,dest" }, `outputs: ${MALFORMED}, got "type=local,dest"`],
    [
      "output with an unclosed quote",
      { outputs: 'type=image,"name=a' },
      `outputs: ${MALFORMED}, got "type=image,\\"name=a"`,
    ],
    [
      "output with a bad boolean",
      { outputs: "type=image,push=maybe" },
      'outputs: expected push=true or push=false, got "type=image,push=maybe"',
    ],
    [
      "registry output without a name",
      { outputs: "type=registry" },
      "outputs: expected name=<image> or tags for a pushed image, got neither",
    ],
    [
      "output to the log",
      { outputs: "type=tar,dest=-" },
      'outputs: expected a destination file for type=tar; writing to the log is not supported, got "type=tar,dest=-"',
    ],
    [
      "unknown cache type",
      { "cache-from": "type=redis,ref=x" },
      'cache-from: expected type to be one of registry, local, inline, gha, s3, azblob, got "type=redis,ref=x"',
    ],
    [
      "registry cache without ref",
      { "cache-to": "type=registry,mode=max" },
      'cache-to: expected ref=<value> for type=registry, got "type=registry,mode=max"',
    ],
    [
      "local cache export without dest",
      { "cache-to": "type=local,src=/c" },
      'cache-to: expected dest=<value> for type=local, got "type=local,src=/c"',
    ],
    [
      "local cache import without src",
      { "cache-from": "type=local,dest=/c" },
      'cache-from: expected src=<value> for type=local, got "type=local,dest=/c"',
    ],
    [
      "s3 cache without bucket",
      { "cache-to": "type=s3,region=eu-west-1" },
      'cache-to: expected bucket=<value> for type=s3 (or AWS_BUCKET), got "type=s3,region=eu-west-1"',
    ],
    [
      "s3 cache without region",
      { "cache-to": "type=s3,bucket=b" },
      'cache-to: expected region=<value> for type=s3 (or AWS_REGION), got "type=s3,bucket=b"',
    ],
    [
      "azblob cache without account_url",
      { "cache-to": "type=azblob,name=app" },
      'cache-to: expected account_url=<value> for type=azblob (or AZURE_STORAGE_CONNECTION_STRING), got "type=azblob,name=app"',
    ],
    [
      "bad cache mode",
      { "cache-to": "type=registry,ref=ghcr.io/o/app:cache,mode=maximum" },
      'cache-to: expected mode=min or mode=max, got "type=registry,ref=ghcr.io/o/app:cache,mode=maximum"',
    ],
    [
      "bad cache mode, credentials masked",
      { "cache-to": "type=s3,bucket=b,region=r,secret_access_key=TOPSECRET,mode=fast" },
      'cache-to: expected mode=min or mode=max, got "type=s3,bucket=b,region=r,secret_access_key=***,mode=fast"',
    ],
    [
      "cache spec with a bare field",
      { "cache-to": "type=registry,ref=x,max" },
      `cache-to: ${MALFORMED}, got "type=registry,ref=x,max"`,
    ],
    [
      "malformed cache spec, credentials masked",
      { "cache-to": 'type=s3,token=TOPSECRET,bu"cket' },
      `cache-to: ${MALFORMED}, got "type=s3,token=***"`,
    ],
    [
      "inline cache import",
      { "cache-from": "type=inline" },
      'cache-from: expected a cache to import from; an inline cache is read back with type=registry,ref=<image>, got "type=inline"',
    ],
    [
      "s3 cache with the docker driver",
      { driver: "docker", "cache-to": "type=s3,bucket=b,region=r" },
      "cache-to: expected a cache type the Docker daemon's BuildKit has (registry, local and inline, and gha with the containerd image store), got type=s3 (use driver: docker-container)",
    ],
    [
      "secret line without =",
      { secrets: "hunter2" },
      'secrets: expected id=value lines, got a line without "=" (item 1)',
    ],
    [
      "secret line without id",
      { secrets: "A=1\n=hunter2" },
      'secrets: expected id=value lines with an id before "=" (item 2)',
    ],
    [
      "secret with an empty value",
      { secrets: "TOKEN=" },
      'secrets: expected a value after "TOKEN=", got an empty value',
    ],
    [
      "secret id given twice",
      { secrets: "npm=a", "secret-envs": "npm=NPM_TOKEN" },
      'secret-envs: expected each secret id once, got "npm" again',
    ],
    ["secret file without path", { "secret-files": "key" }, 'secret-files: expected id=path lines, got "key"'],
    [
      "secret env that is not set",
      { "secret-envs": "npm=NPM_TOKEN,gh=GH_PAT" },
      'secret-envs: expected environment variable GH_PAT (for secret "gh") to be set',
    ],
    [
      "ssh default without an agent",
      { ssh: "default" },
      'ssh: expected SSH_AUTH_SOCK to be set for "default" (start an ssh-agent first) or a key path, like "default=/home/runner/.ssh/id_ed25519"',
    ],
    ["ssh with an empty path", { ssh: "github=" }, 'ssh: expected items like "default" or "id=path", got "github="'],
    ["unknown network", { network: "bridge" }, 'network: expected default, none or host, got "bridge"'],
    [
      "host with a bad IP",
      { "add-hosts": "db:999.1.1.1" },
      'add-hosts: expected items like "host:10.0.0.1" or "host=10.0.0.1", got "db:999.1.1.1"',
    ],
    ["shm-size in words", { "shm-size": "2 gigs" }, 'shm-size: expected a size like "64m" or "2g", got "2 gigs"'],
    [
      "ulimit with soft above hard",
      { ulimit: "nofile=2048:1024" },
      'ulimit: expected the soft limit to be at most the hard limit, got "nofile=2048:1024"',
    ],
    [
      "unknown ulimit",
      { ulimit: "files=1024" },
      'ulimit: expected name=soft[:hard] lines like "nofile=1024:2048", got "files=1024"',
    ],
    [
      "unknown entitlement",
      { allow: "network.none" },
      'allow: expected network.host or security.insecure, got "network.none"',
    ],
    [
      "provenance mode",
      { provenance: "mode=maximum" },
      'provenance: expected true, false or mode=min|max[,builder-id=<url>], got "mode=maximum"',
    ],
    [
      "provenance word",
      { provenance: "yes" },
      'provenance: expected true, false or mode=min|max[,builder-id=<url>], got "yes"',
    ],
    [
      "unknown provenance attribute",
      { provenance: "mode=max,colour=blue" },
      'provenance: expected provenance attributes among mode, builder-id, inline-only, filename, reproducible, version, got "mode=max,colour=blue"',
    ],
    [
      "sbom generator that is not an image",
      { sbom: "generator=Scanner" },
      'sbom: expected generator=<image reference>, got "generator=Scanner" (repository name must be lowercase)',
    ],
    [
      "unknown attestation type",
      { attests: "type=vuln" },
      'attests: expected type=sbom or type=provenance lines, with key=value attributes, got "type=vuln"',
    ],
    [
      "sbom-generator that is not an image",
      { "sbom-generator": "my scanner" },
      'sbom-generator: expected an image reference, got "my scanner" (invalid repository name "library/my scanner")',
    ],
    [
      "source-date-epoch in words",
      { "source-date-epoch": "yesterday" },
      'source-date-epoch: expected whole seconds since 1970 like "1700000000", or "none", got "yesterday"',
    ],
    [
      "unknown driver",
      { driver: "kubernetes" },
      'driver: expected docker, docker-container or remote, got "kubernetes"',
    ],
    [
      "remote driver without endpoint",
      { driver: "remote" },
      'endpoint: expected a BuildKit address for driver remote, like "tcp://buildkitd:1234"',
    ],
    [
      "endpoint with a web URL",
      { driver: "remote", endpoint: "http://buildkitd:1234" },
      'endpoint: expected an address like "unix:///run/buildkit/buildkitd.sock" or "tcp://host:1234", got "http://buildkitd:1234"',
    ],
    ["Dockerfile from stdin", { file: "-" }, 'file: expected a path to a Dockerfile, got "-"'],
    [
      "target with a space",
      { target: "build stage" },
      'target: expected the name of a stage in the Dockerfile, got "build stage"',
    ],
    [
      "unclosed quote in a list",
      { labels: '"a=1' },
      'labels: expected a closing " for the quoted value that starts on line 1',
    ],
  ])("%s", (_name, given, message) => {
    const errors = errorsOf(given);
    expect(errors).toStrictEqual([message]);
    expect(message).not.toMatch(/[\r\n]/);
  });

  test("the environment's SOURCE_DATE_EPOCH is checked too", () => {
    expect(errorsOf({}, { ...RUN, sourceDateEpoch: "1.5" })).toStrictEqual([
      `source-date-epoch: expected the environment's SOURCE_DATE_EPOCH to be whole seconds since 1970, got "1.5"`,
    ]);
  });

  test("{{defaultContext}} needs the run's repository", () => {
    expect(errorsOf({ context: "{{defaultContext}}:app" }, { ...RUN, github: {} })).toStrictEqual([
      'context: {{defaultContext}} needs GITHUB_SERVER_URL, GITHUB_REPOSITORY and GITHUB_SHA, got "{{defaultContext}}:app"',
    ]);
  });

  test("no message holds a secret value", () => {
    const given = {
      secrets: "hunter2\nTOKEN=",
      "cache-to":
        "type=s3,bucket=b,region=r,access_key_id=AKIDSECRET,secret_access_key=TOPSECRET,session_token=SESSIONSECRET,mode=x",
      "cache-from": "type=gha,token=GHASECRET,version=3",
    };
    const text = errorsOf(given).join("\n");
    for (const secret of ["hunter2", "AKIDSECRET", "TOPSECRET", "SESSIONSECRET", "GHASECRET"])
      expect(text).not.toContain(secret);
  });

  test("every bad input is reported at once, in input order", () => {
    expect(
      errorsOf({
        platforms: "linux/amd65",
        push: "yes",
        "cache-to": "type=foo",
        network: "bridge",
        "shm-size": "lots",
      }),
    ).toStrictEqual([
      `${PLATFORMS}, got "linux/amd65"`,
      'push: expected true or false, got "yes"',
      'cache-to: expected type to be one of registry, local, inline, gha, s3, azblob, got "type=foo"',
      'network: expected default, none or host, got "bridge"',
      'shm-size: expected a size like "64m" or "2g", got "lots"',
    ]);
  });
});

describe("inputs Kiln refuses rather than ignores", () => {
  test.each([
    [
      { call: "describe" },
      'call: expected "build", "check", "outline" or "targets" (outline and targets may add ",format=json"), got "describe"',
    ],
    [
      { call: "outline,format=yaml" },
      'call: expected "format=json" or "format=text" after "outline", got "format=yaml"',
    ],
    [{ call: "check,format=json" }, 'call: expected no options after "check", got "check,format=json"'],
    [
      { builder: "builder-123" },
      'builder: expected no value (Kiln runs its own BuildKit; choose it with driver and endpoint, e.g. driver: remote, endpoint: tcp://host:1234), got "builder-123"',
    ],
  ])("%j", (given, message) => {
    expect(() =>
      planBuild(
        readInputs((n) => (given as Record<string, string>)[n] ?? ""),
        RUN,
      ),
    ).toThrow(message);
  });
});

describe("call", () => {
  test.each([
    ["", { name: "build" }],
    ["build", { name: "build" }],
    [" Check ", { name: "check" }],
    ["outline", { name: "outline", format: "text" }],
    ["targets,format=json", { name: "targets", format: "json" }],
    ["Outline, format=JSON", { name: "outline", format: "json" }],
    ["targets,format=text", { name: "targets", format: "text" }],
  ])("%j -> %j", (call, expected) => {
    expect(
      planBuild(
        readInputs((n) => (n === "call" ? call : "")),
        RUN,
      ).call,
    ).toEqual(expected);
  });
});
