// A gha cache on this machine's Docker daemon: Engine 26.1 embeds BuildKit v0.13 and reports it as
// "v0.0.0+unknown", while GitHub's cache service v2 needs BuildKit v0.20. Kiln says so once and builds anyway.
import { beforeAll, describe, expect, test } from "vitest";
import { runCli } from "../helpers/run-cli.js";
import { docker, loadStackEnv, stackProcessEnv, type StackEnv } from "../helpers/stack-env.js";
import { cacheContext, EPOCH } from "./cache-fixture.js";

let env: StackEnv;

const b64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString("base64url");
/**
 * An unsigned JWT with the claims the cache client checks (tonistiigi/go-actions-cache `New`): `ac`, the scopes
 * this job may use, and `nbf` and `exp`, 2023 to 2100.
 */
const fakeRuntimeToken = (): string =>
  [
    b64url({ alg: "none", typ: "JWT" }),
    b64url({
      ac: JSON.stringify([{ Scope: "refs/heads/main", Permission: 3 }]),
      nbf: 1_700_000_000,
      exp: 4_102_444_800,
    }),
    "x",
  ].join(".");
beforeAll(async () => {
  env = await loadStackEnv();
});

describe("type=gha on a BuildKit older than v0.20", () => {
  test("the docker driver's embedded BuildKit: one warning naming the version derived from the Engine; the build succeeds", async () => {
    const engine = (await docker(env, ["version", "--format", "{{.Server.Version}}"])).stdout.trim();
    expect(engine).toMatch(/^26\.1\./);
    // What a GitHub Actions job gives an action; nothing listens on port 9, so the cache calls fail. BuildKit
    // v0.13 reads the cache scopes from the runtime token's JWT claims (unverified) before any call, and refuses
    // to configure the cache for a token that is not a JWT: the fake one has the runner token's shape.
    const runner = {
      ACTIONS_RUNTIME_TOKEN: fakeRuntimeToken(),
      ACTIONS_RESULTS_URL: "http://127.0.0.1:9/",
      ACTIONS_CACHE_SERVICE_V2: "true",
    };
    const { stderr, outputs } = await runCli(
      [
        "build",
        "--driver",
        "docker",
        "--sbom",
        "false",
        "--provenance",
        "false",
        "--source-date-epoch",
        String(EPOCH),
        "--cache-from",
        "type=gha",
        "--cache-to",
        "type=gha,mode=max",
        await cacheContext(env),
      ],
      { ...stackProcessEnv(env), ...runner },
    );
    const warnings = stderr.split("\n").filter((l) => l.startsWith("warning: type=gha cache needs BuildKit v0.20"));
    expect(warnings).toEqual([
      `warning: type=gha cache needs BuildKit v0.20 or later (GitHub's cache service v2; v1 was shut down); this ` +
        `builder is the BuildKit embedded in Docker Engine ${engine} (it reports its version as "v0.0.0+unknown"; ` +
        `Docker Engine 26.1 vendors BuildKit v0.13): the gha cache entries will most likely fail and are ignored, ` +
        `so the build runs without that cache`,
    ]);
    expect(outputs["cache-stats"]).toMatchObject({ cached: 0 });
  });
});
