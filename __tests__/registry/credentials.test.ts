import { chmod, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  RegistryError,
  credentialsFor,
  dockerConfigPath,
  dockerCredentialStore,
  runCredentialHelper,
  type CredentialSource,
  type DockerConfig,
  type ExplicitCredential,
} from "../../src/registry/index.js";

const b64 = (s: string): string => Buffer.from(s).toString("base64");
const HUB = "https://index.docker.io/v1/";

describe("credentialsFor", () => {
  test.each<[string, string, DockerConfig, ExplicitCredential[], CredentialSource]>([
    [
      "base64 auth",
      "127.0.0.1:5001",
      { auths: { "127.0.0.1:5001": { auth: b64("kiln:pw:with:colons") } } },
      [],
      { type: "config", key: "127.0.0.1:5001", credentials: { username: "kiln", secret: "pw:with:colons" } },
    ],
    [
      "username and password fields",
      "ghcr.io",
      { auths: { "ghcr.io": { username: "octo", password: "pat" } } },
      [],
      { type: "config", key: "ghcr.io", credentials: { username: "octo", secret: "pat" } },
    ],
    [
      "an identity token before a password",
      "myregistry.azurecr.io",
      { auths: { "myregistry.azurecr.io": { username: "u", password: "p", identitytoken: "refresh" } } },
      [],
      { type: "config", key: "myregistry.azurecr.io", credentials: { username: "", secret: "refresh" } },
    ],
    ...(["docker.io", "registry-1.docker.io", "index.docker.io", HUB].map((host) => [
      `Docker Hub as ${host}`,
      host,
      { auths: { [HUB]: { auth: b64("hubuser:hubpw") } } },
      [],
      { type: "config", key: HUB, credentials: { username: "hubuser", secret: "hubpw" } },
    ]) as [string, string, DockerConfig, ExplicitCredential[], CredentialSource][]),
    [
      "a key written as a URL with a path",
      "ghcr.io",
      { auths: { "https://ghcr.io/v2/": { auth: b64("a:b") } } },
      [],
      { type: "config", key: "https://ghcr.io/v2/", credentials: { username: "a", secret: "b" } },
    ],
    [
      "an exact key before a URL key",
      "ghcr.io",
      { auths: { "https://ghcr.io": { auth: b64("url:1") }, "ghcr.io": { auth: b64("exact:2") } } },
      [],
      { type: "config", key: "ghcr.io", credentials: { username: "exact", secret: "2" } },
    ],
    [
      "a per-host credential helper",
      "gcr.io",
      { auths: { "gcr.io": { auth: b64("x:y") } }, credHelpers: { "gcr.io": "gcloud" }, credsStore: "desktop" },
      [],
      { type: "helper", helper: "gcloud", serverUrl: "gcr.io" },
    ],
    [
      "the credentials store, with inline auths as fallback",
      "ghcr.io",
      { auths: { "ghcr.io": { auth: b64("x:y") } }, credsStore: "desktop" },
      [],
      { type: "helper", helper: "desktop", serverUrl: "ghcr.io", fallback: { username: "x", secret: "y" } },
    ],
    [
      "the credentials store for Docker Hub, asked with the Hub key",
      "registry-1.docker.io",
      { credsStore: "desktop" },
      [],
      { type: "helper", helper: "desktop", serverUrl: HUB },
    ],
    [
      "explicit credentials first",
      "docker.io",
      { auths: { [HUB]: { auth: b64("file:pw") } }, credsStore: "desktop" },
      [{ registry: "index.docker.io", username: "input", password: "tok" }],
      { type: "explicit", credentials: { username: "input", secret: "tok" } },
    ],
    [
      "nothing for another host",
      "quay.io",
      { auths: { "ghcr.io": { auth: b64("a:b") } }, credHelpers: { "gcr.io": "gcloud" } },
      [{ registry: "ghcr.io", username: "u", password: "p" }],
      { type: "none" },
    ],
    ["an entry without credentials", "ghcr.io", { auths: { "ghcr.io": {} } }, [], { type: "none" }],
  ])("%s", (_name, host, config, explicit, expected) => {
    expect(credentialsFor(host, config, explicit)).toStrictEqual(expected);
  });

  test("an auth field that is not user:password is invalid", () => {
    expect(() => credentialsFor("ghcr.io", { auths: { "ghcr.io": { auth: b64("nocolon") } } })).toThrow(
      expect.objectContaining({
        code: "invalid",
        message: expect.stringContaining("failed to read credentials for ghcr.io"),
      }),
    );
  });
});

test.each([
  [{ DOCKER_CONFIG: "/etc/dc" }, "/home/u", "/etc/dc/config.json"],
  [{ DOCKER_CONFIG: "" }, "/home/u", "/home/u/.docker/config.json"],
  [{}, "/home/u", "/home/u/.docker/config.json"],
])("docker config path for %j and home %s is %s", (env, home, path) => {
  expect(dockerConfigPath(env, home)).toBe(path);
});

describe("docker credential store with a credential helper on PATH", () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "kiln-creds-"));
    // A credential helper speaking docker-credential-helpers' protocol: server URL on stdin, JSON on stdout.
    await writeFile(
      join(dir, "docker-credential-fake"),
      `#!/bin/sh
[ "$1" = get ] || exit 2
url=$(cat)
echo "$url" >> "${dir}/calls.log"
case "$url" in
  ghcr.io) echo '{"ServerURL":"ghcr.io","Username":"octo","Secret":"from-helper"}' ;;
  ${HUB}) echo '{"ServerURL":"${HUB}","Username":"<token>","Secret":"identity"}' ;;
  broken.example) echo 'not json' ;;
  failing.example) echo 'keychain locked' >&2; exit 3 ;;
  *) echo 'credentials not found in native keychain'; exit 1 ;;
esac
`,
    );
    await chmod(join(dir, "docker-credential-fake"), 0o755);
    await writeFile(
      join(dir, "config.json"),
      JSON.stringify({
        auths: { "127.0.0.1:5001": { auth: b64("kiln:pw") }, "quay.io": { auth: b64("inline:fallback") } },
        credHelpers: { "ghcr.io": "fake", "missing.example": "nonexistent" },
        credsStore: "fake",
      }),
    );
    env = { ...process.env, PATH: `${dir}${delimiter}${process.env["PATH"] ?? ""}`, DOCKER_CONFIG: dir };
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test("a credHelpers entry runs docker-credential-<name> get once per host", async () => {
    const store = dockerCredentialStore({ env });
    expect(await store.get("ghcr.io")).toStrictEqual({ username: "octo", secret: "from-helper" });
    expect(await store.get("https://ghcr.io")).toStrictEqual({ username: "octo", secret: "from-helper" });
    const calls = (await readFile(join(dir, "calls.log"), "utf8")).split("\n").filter((l) => l === "ghcr.io");
    expect(calls).toHaveLength(1);
  });

  test("Docker Hub asks the helper with https://index.docker.io/v1/ and an identity token comes back with an empty user", async () => {
    const store = dockerCredentialStore({ env });
    expect(await store.get("registry-1.docker.io")).toStrictEqual({ username: "", secret: "identity" });
  });

  test("credsStore answering 'not found' falls back to inline auths, else anonymous", async () => {
    const store = dockerCredentialStore({ env });
    expect(await store.get("quay.io")).toStrictEqual({ username: "inline", secret: "fallback" });
    expect(await store.get("nothing.example")).toBeUndefined();
  });

  test("explicit credentials win over the config and its helpers", async () => {
    const store = dockerCredentialStore({ env, explicit: [{ registry: "ghcr.io", username: "in", password: "put" }] });
    expect(await store.get("ghcr.io")).toStrictEqual({ username: "in", secret: "put" });
  });

  test("the config is read from DOCKER_CONFIG of the given environment", async () => {
    const store = dockerCredentialStore({ env: { ...env, PATH: "/nonexistent" }, config: { auths: {} } });
    expect(await store.get("127.0.0.1:5001")).toBeUndefined();
    const fromFile = dockerCredentialStore({ env: { DOCKER_CONFIG: dir, PATH: env["PATH"] ?? "" } });
    // credsStore "fake" answers "not found" for this host, so the inline auths entry is used.
    expect(await fromFile.get("127.0.0.1:5001")).toStrictEqual({ username: "kiln", secret: "pw" });
  });

  test.each([
    [
      "missing.example",
      /failed to get credentials for missing.example from docker-credential-nonexistent: .* not found on PATH/,
    ],
    ["failing.example", /failed to get credentials for failing.example from docker-credential-fake: keychain locked/],
    ["broken.example", /failed to get credentials for broken.example from docker-credential-fake: unexpected output/],
  ])("a helper failing for %s is a clear unavailable error", async (host, message) => {
    const err = await dockerCredentialStore({ env })
      .get(host)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RegistryError);
    expect((err as RegistryError).code).toBe("unavailable");
    expect((err as RegistryError).message).toMatch(message);
  });

  test("a missing config file means no credentials; malformed JSON is invalid", async () => {
    expect(await dockerCredentialStore({ configPath: join(dir, "absent.json"), env }).get("ghcr.io")).toBeUndefined();
    await writeFile(join(dir, "bad.json"), "{ not json");
    const err = await dockerCredentialStore({ configPath: join(dir, "bad.json"), env })
      .get("ghcr.io")
      .catch((e: unknown) => e);
    expect(err).toMatchObject({
      code: "invalid",
      message: expect.stringContaining(`failed to read docker config ${join(dir, "bad.json")}`),
    });
  });

  test("a helper run can be aborted", async () => {
    const controller = new AbortController();
    controller.abort();
    const err = await runCredentialHelper("fake", "ghcr.io", { env, signal: controller.signal }).catch(
      (e: unknown) => e,
    );
    expect(err).toMatchObject({ code: "aborted" });
  });
});
