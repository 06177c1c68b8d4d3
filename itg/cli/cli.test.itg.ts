// `kiln` as a Docker user would type it: help, version, unknown commands and flags, and buildx's flags for a build
// run against the stack's standalone BuildKit (remote driver), checked against what the registry and files hold.
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { contextWith } from "../helpers/build-fixture.js";
import { getManifest, parseReference } from "../helpers/registry-http.js";
import { cliExit } from "../helpers/run-cli.js";
import { loadStackEnv, uniqueTag, type StackEnv } from "../helpers/stack-env.js";

let env: StackEnv;
let base: NodeJS.ProcessEnv;
beforeAll(async () => {
  env = await loadStackEnv();
  base = {
    PATH: process.env["PATH"] ?? "",
    HOME: process.env["HOME"] ?? "/root",
    XDG_CACHE_HOME: await mkdtemp(join(tmpdir(), "kiln-xdg-")),
  };
});

describe("help, version and usage errors", () => {
  test.each([[["--help"]], [["-h"]], [["help"]]])("kiln %j lists the commands on stdout and exits 0", async (args) => {
    const r = await cliExit(args, base);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: kiln COMMAND/);
    expect(r.stdout).toContain("  build ");
  });

  test.each([[["build", "--help"]], [["build", "-h"]], [["help", "build"]], [["build", "--push", "--help"]]])(
    "kiln %j prints the build flags and exits 0 without building",
    async (args) => {
      const r = await cliExit(args, base);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^Usage: kiln build \[OPTIONS\] \[CONTEXT\]/);
      for (const flag of ["--secret", "--progress", "--quiet", "--metadata-file", "--iidfile", "--ssh", "--nodes"])
        expect(r.stdout).toContain(flag);
      expect(r.stderr).toBe("");
    },
  );

  test.each([[["--version"]], [["-v"]], [["version"]]])("kiln %j prints package.json's version", async (args) => {
    const pkg = JSON.parse(await readFile(join(import.meta.dirname, "..", "..", "package.json"), "utf8")) as {
      version: string;
    };
    const r = await cliExit(args, base);
    expect([r.code, r.stdout]).toEqual([0, `kiln ${pkg.version}\n`]);
  });

  test.each([
    [["frobnicate"], 'kiln: unknown command "frobnicate"; see kiln --help\n'],
    [["help", "frobnicate"], 'kiln: unknown command "frobnicate"; see kiln --help\n'],
    [["build", "--frob"], /^kiln: Unknown option '--frob'; see kiln --help\n$/],
    [["build", "a", "b"], "kiln: expected one build context, got 2: a b; see kiln --help\n"],
  ])("kiln %j names what was wrong in one line and exits 2", async (args, message) => {
    const r = await cliExit(args, base);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(typeof message === "string" ? new RegExp(`^${escape(message)}$`) : message);
    expect(r.stdout).toBe("");
  });

  test("kiln build in a directory without a Dockerfile refuses before sending anything", async () => {
    const dir = await mkdtemp(join(tmpdir(), "kiln-nodockerfile-"));
    await writeFile(join(dir, "big.bin"), Buffer.alloc(1024 * 1024));
    const started = Date.now();
    const r = await cliExit(["build", "--driver", "remote", "--endpoint", env.KILN_BUILDKIT_HOST], base, dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`kiln: no Dockerfile in ${dir}: expected CONTEXT to hold one, or -f/--file PATH\n`);
    // No builder was contacted: nothing in the output but the one line.
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  test("a bad secret env names --secret, not the action input it maps to", async () => {
    const ctx = await contextWith({ Dockerfile: "FROM scratch\n" });
    const r = await cliExit(["build", "--secret", "id=tok,env=KILN_SURELY_UNSET", ctx], base);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'error: --secret: expected environment variable KILN_SURELY_UNSET (for secret "tok") to be set\n',
    );
  });
});

test("--builder is refused in one line naming the flag", async () => {
  const ctx = await contextWith({ Dockerfile: "FROM scratch\n" });
  const r = await cliExit(["build", "--builder", "mybuilder", ctx], base);
  expect(r.code).toBe(1);
  expect(r.stderr).toMatch(/^error: --builder: expected no value \(Kiln runs its own BuildKit; .*got "mybuilder"\n$/);
});

describe("buildx's build flags, on the standalone BuildKit", () => {
  let context: string;
  beforeAll(async () => {
    context = await contextWith({
      Dockerfile: `FROM ${env.KILN_BASE_IMAGE}\nRUN --mount=type=secret,id=TOKEN --mount=type=secret,id=npm cat /run/secrets/TOKEN /run/secrets/npm > /secrets.txt\n`,
      ".npmrc": "registry=local\n",
    });
  });
  const remote = (): string[] => [
    "--driver",
    "remote",
    "--endpoint",
    env.KILN_BUILDKIT_HOST,
    "--provenance",
    "false",
    "--sbom",
    "false",
  ];

  test("-q prints only the pushed digest; --metadata-file and --iidfile hold what buildx writes; bare id= and src= secrets reach RUN", async () => {
    const tag = `${env.KILN_REGISTRY}/itg/cli-flags:${uniqueTag()}`;
    const out = await mkdtemp(join(tmpdir(), "kiln-cli-out-"));
    const args = ["build", ...remote(), "-q", "-t", tag, "--push", "--source-date-epoch", "1700000000"];
    args.push("--secret", "id=TOKEN", "--secret", `id=npm,src=${join(context, ".npmrc")}`);
    args.push("--metadata-file", join(out, "meta.json"), "--iidfile", join(out, "iid"), context);
    const r = await cliExit(args, { ...base, TOKEN: "from-env\n" });
    expect(r.stderr).not.toMatch(/^#\d/m);
    expect(r.code, r.stderr).toBe(0);

    const { registry, repository, tag: t } = parseReference(tag);
    const manifest = await getManifest<{ config: { digest: string } }>({ registry, repository }, t);
    expect(r.stdout).toBe(`${manifest.digest}\n`);
    const meta = JSON.parse(await readFile(join(out, "meta.json"), "utf8")) as Record<string, unknown>;
    expect(meta["containerimage.digest"]).toBe(manifest.digest);
    expect(await readFile(join(out, "iid"), "utf8")).toBe(manifest.body.config.digest);
  });

  test("bare id= reads the environment variable and type=file,src= the file; the RUN sees both", async () => {
    const dest = await mkdtemp(join(tmpdir(), "kiln-cli-local-"));
    const args = ["build", ...remote(), "--progress", "quiet", "-o", `type=local,dest=${dest}`];
    args.push("--secret", "id=TOKEN", "--secret", "id=npm,type=file,src=.npmrc", context);
    const r = await cliExit(args, { ...base, TOKEN: "from-env\n" }, context);
    expect(r.code, r.stderr).toBe(0);
    expect(await readFile(join(dest, "secrets.txt"), "utf8")).toBe("from-env\nregistry=local\n");
    expect(r.stderr).not.toMatch(/^#\d/m);
  });

  test("--progress rawjson prints buildx's rawjson: one BuildKit SolveStatus per line, a second run's RUN step cached", async () => {
    const args = [
      "build",
      ...remote(),
      "--progress",
      "rawjson",
      "--secret",
      "id=TOKEN",
      "--secret",
      "id=npm,src=.npmrc",
    ];
    const build = () => cliExit([...args, context], { ...base, TOKEN: "x" }, context);
    expect((await build()).code).toBe(0); // the first run fills the cache; the second must report it
    const r = await build();
    expect(r.code, r.stderr).toBe(0);
    type Vertex = Record<string, unknown> & { name: string };
    const batches = r.stderr
      .split("\n")
      .filter((l) => l.startsWith("{"))
      .map((l) => JSON.parse(l) as { vertexes?: Vertex[]; statuses?: Record<string, unknown>[] });
    expect(batches.length).toBeGreaterThan(0);
    const vertexes = batches.flatMap((b) => b.vertexes ?? []);
    const goKeys = ["digest", "inputs", "name", "started", "completed", "cached", "error", "progressGroup"];
    for (const v of vertexes) for (const k of Object.keys(v)) expect(goKeys).toContain(k);
    const run = vertexes.filter((v) => /RUN --mount=type=secret/.test(v.name));
    expect(run).toContainEqual(expect.objectContaining({ cached: true }));
    const rfc3339Nano = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d*[1-9])?Z$/;
    for (const v of vertexes.filter((x) => x["completed"] !== undefined)) expect(v["completed"]).toMatch(rfc3339Nano);
    for (const s of batches.flatMap((b) => b.statuses ?? [])) {
      expect(s).toHaveProperty("id");
      expect(s["timestamp"]).toMatch(rfc3339Nano);
    }
    expect(r.stderr).not.toMatch(/^#\d/m);
  });
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
