import { describe, expect, test } from "vitest";
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseBuildArgs } from "../../src/cli/parse-build-args.js";
import { parseSecretFlags } from "../../src/cli/secret-flag.js";
import { flagForInput, BUILD_FLAGS } from "../../src/cli/flags.js";
import { flagMessage } from "../../src/cli/run-build-command.js";
import { checkLocalContext } from "../../src/cli/local-context-check.js";
import { CliError } from "../../src/cli/cli-error.js";
import { KILN_VERSION } from "../../src/cli/version.js";
import { BUILD_USAGE } from "../../src/cli/help.js";
import { INPUT_NAMES } from "../../src/plan/inputs.js";

function cliError(fn: () => unknown): CliError {
  try {
    fn();
  } catch (err) {
    if (err instanceof CliError) return err;
    throw err;
  }
  throw new Error("expected a CliError");
}

describe("kiln build's flags become the action's inputs", () => {
  test("repeatable flags join one per line, switches become true, the positional is the context", () => {
    const cmd = parseBuildArgs(
      [
        "-t",
        "a:1",
        "--tag",
        "a:2",
        "--platform",
        "linux/amd64,linux/arm64",
        "--push",
        "--ssh",
        "default",
        "--nodes",
        "linux/arm64=tcp://arm:1234",
        "ctx",
      ],
      {},
    );
    expect(Object.fromEntries(cmd.inputs)).toEqual({
      tags: "a:1\na:2",
      platforms: "linux/amd64,linux/arm64",
      push: "true",
      ssh: "default",
      nodes: "linux/arm64=tcp://arm:1234",
      context: "ctx",
    });
    expect(cmd.progress).toBe("plain");
  });

  test.each([
    [["--progress", "rawjson"], "rawjson", false],
    [["-q"], "quiet", true],
    [["--quiet", "--progress", "plain"], "plain", true],
  ] as const)("%j gives progress %s, quiet %s", (args, progress, quiet) => {
    const cmd = parseBuildArgs(args, {});
    expect([cmd.progress, cmd.quiet]).toEqual([progress, quiet]);
  });

  test("--metadata-file and --iidfile are the CLI's own, not inputs", () => {
    const cmd = parseBuildArgs(["--metadata-file", "m.json", "--iidfile", "iid"], {});
    expect([cmd.metadataFile, cmd.iidFile]).toEqual(["m.json", "iid"]);
    expect([...cmd.inputs.keys()]).toEqual(["context"]);
  });

  test.each([
    [["--frob"], /^Unknown option '--frob'/, 2],
    [["a", "b"], /^expected one build context, got 2: a b$/, 2],
    [["--progress", "tty"], /^--progress: expected one of plain, quiet, rawjson, got "tty"$/, 1],
  ])("%j is refused in one line (exit %#)", (args, message, code) => {
    const err = cliError(() => parseBuildArgs(args, {}));
    expect(err.message).toMatch(message);
    expect(err.exitCode).toBe(code);
  });

  test("--help is a flag of build too", () => {
    expect(parseBuildArgs(["--help"], {}).help).toBe(true);
    expect(parseBuildArgs(["-h"], {}).help).toBe(true);
  });

  test("every flag is in kiln build --help", () => {
    for (const f of BUILD_FLAGS) expect(BUILD_USAGE).toContain(`--${f.name}`);
  });
});

describe("buildx's --secret forms", () => {
  test.each([
    ["id=npm,src=.npmrc", {}, { files: ["npm=.npmrc"], envs: [] }],
    ["id=npm,source=.npmrc", {}, { files: ["npm=.npmrc"], envs: [] }],
    ["id=tok,env=GH_TOKEN", {}, { files: [], envs: ["tok=GH_TOKEN"] }],
    ["id=tok,type=env,src=GH_TOKEN", {}, { files: [], envs: ["tok=GH_TOKEN"] }],
    ["type=file,id=npm,src=.npmrc", {}, { files: ["npm=.npmrc"], envs: [] }],
    ["id=TOKEN", { TOKEN: "x" }, { files: [], envs: ["TOKEN=TOKEN"] }],
    ["id=TOKEN", {}, { files: ["TOKEN=TOKEN"], envs: [] }],
    ["id=TOKEN,type=env", {}, { files: [], envs: ["TOKEN=TOKEN"] }],
  ])("%s (env %j) -> %j", (spec, env, expected) => {
    expect(parseSecretFlags([spec], env)).toEqual(expected);
  });

  test.each([
    ["src=.npmrc", '--secret: expected an id, like "id=npmrc,src=.npmrc"'],
    ["id=a,type=ssh", '--secret: expected type=file or type=env, got "type=ssh"'],
    ["id=a,mode=0400", '--secret: unknown field "mode"'],
    ["npmrc", '--secret: expected key=value fields, got "npmrc"'],
  ])("%s is refused naming --secret", (spec, message) => {
    expect(cliError(() => parseSecretFlags([spec], {})).message).toBe(message);
  });
});

describe("errors name the flag that set the input", () => {
  test.each([
    [INPUT_NAMES.secretFiles, "--secret"],
    [INPUT_NAMES.secretEnvs, "--secret"],
    [INPUT_NAMES.tags, "--tag"],
    [INPUT_NAMES.platforms, "--platform"],
    [INPUT_NAMES.buildArgs, "--build-arg"],
    [INPUT_NAMES.context, "CONTEXT"],
    [INPUT_NAMES.cgroupParent, "--cgroup-parent"],
    [INPUT_NAMES.call, "--call"],
    [INPUT_NAMES.builder, "--builder"],
  ])("%s -> %s", (input, flag) => expect(flagForInput(input)).toBe(flag));

  test("a failure's input prefix is replaced by the flag", () => {
    expect(
      flagMessage({
        message: 'secret-envs: expected environment variable X (for secret "a") to be set',
        input: "secret-envs",
      }),
    ).toBe('--secret: expected environment variable X (for secret "a") to be set');
    expect(
      flagMessage({ message: "failed to solve: boom", annotation: { file: "Dockerfile", startLine: 3, endLine: 3 } }),
    ).toBe("Dockerfile:3: failed to solve: boom");
  });
});

describe("a local context is checked before anything is sent", () => {
  const dir = mkdtempSync(join(tmpdir(), "kiln-cli-ctx-"));
  mkdirSync(join(dir, "empty"));
  mkdirSync(join(dir, "app"));
  writeFileSync(join(dir, "app", "Dockerfile"), "FROM scratch\n");

  test("a directory without a Dockerfile is refused in one line", () => {
    const err = cliError(() => checkLocalContext("empty", undefined, dir));
    expect(err.message).toBe(`no Dockerfile in ${join(dir, "empty")}: expected CONTEXT to hold one, or -f/--file PATH`);
    expect(err.exitCode).toBe(1);
  });

  test.each([
    ["missing", undefined, /^CONTEXT: expected a directory, got "missing"/],
    ["app", "nope/Dockerfile", /^--file: expected a Dockerfile, got "nope\/Dockerfile", which does not exist$/],
  ])("context %s with file %s is refused", (context, file, message) => {
    expect(cliError(() => checkLocalContext(context, file, dir)).message).toMatch(message);
  });

  test.each([
    ["app", undefined],
    ["empty", "app/Dockerfile"],
    ["https://github.com/o/r.git#main", undefined],
  ])("context %s with file %s passes", (context, file) => {
    expect(() => checkLocalContext(context, file, dir)).not.toThrow();
  });
});

test("kiln --version is package.json's version", () => {
  const pkg = JSON.parse(readFileSync(join(import.meta.dirname, "..", "..", "package.json"), "utf8")) as {
    version: string;
  };
  expect(KILN_VERSION).toBe(pkg.version);
});
