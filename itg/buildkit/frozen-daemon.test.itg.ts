import { afterAll, beforeAll, expect, test } from "vitest";
import { contextWith } from "../helpers/build-fixture.js";
import { runPipelineWith } from "../helpers/pipeline-run.js";
import { stackOwnBuildkitd, startOwnBuildkitd, type OwnBuildkitd } from "../helpers/own-buildkitd.js";
import { loadStackEnv, stackProcessEnv, uniqueTag, type StackEnv } from "../helpers/stack-env.js";

let env: StackEnv;
let daemon: OwnBuildkitd;

beforeAll(async () => {
  env = await loadStackEnv();
  daemon = await startOwnBuildkitd({ ...stackOwnBuildkitd(env), killOnExit: true });
  // Longer than the helper's 60 s start-up limit, so a daemon that never answers fails with its log, not a timeout.
}, 90_000);

afterAll(async () => {
  await daemon?.stop();
}, 30_000);

// Found by fault injection: a daemon frozen during a RUN left the step waiting until the workflow's timeout.
test("a daemon frozen during a RUN fails the step within two minutes, naming the endpoint and the step", async () => {
  const context = await contextWith({
    Dockerfile: `FROM ${env.KILN_BASE_IMAGE}\nRUN echo ${uniqueTag()} && sleep 30\n`,
  });
  let frozenAt = 0;
  const run = await runPipelineWith(
    {
      driver: "remote",
      endpoint: daemon.address,
      context,
      platforms: "linux/amd64",
      sbom: "false",
      provenance: "false",
    },
    stackProcessEnv(env),
    {
      onLog: (line) => {
        // The RUN has started (its own log line is out): freeze the daemon.
        if (frozenAt === 0 && /RUN echo .* && sleep 30/.test(line)) {
          frozenAt = Date.now();
          process.kill(daemon.pid, "SIGSTOP");
        }
      },
    },
  );
  const elapsed = Date.now() - frozenAt;
  expect(frozenAt, run.log.join("\n")).toBeGreaterThan(0);
  expect(run.result.ok).toBe(false);
  if (run.result.ok) return;
  expect(run.result.failures.map((f) => f.message)).toEqual([
    expect.stringMatching(
      new RegExp(
        `^BuildKit at ${daemon.address} stopped answering for \\d+ s during "\\[\\d/\\d\\] RUN echo .* && sleep 30"$`,
      ),
    ),
  ]);
  expect(elapsed).toBeLessThan(120_000);
}, 180_000);

// Found by fault injection: a daemon frozen before the build failed after 31 s with raw grpc-js channel text
// ("Deadline exceeded after 30.011s,name resolution: ... Waiting for LB pick") that named no endpoint.
test("a daemon frozen before the build: one line naming the endpoint, no gRPC channel text", async () => {
  process.kill(daemon.pid, "SIGSTOP");
  const context = await contextWith({ Dockerfile: `FROM ${env.KILN_BASE_IMAGE}\n` });
  const started = Date.now();
  const run = await runPipelineWith(
    { driver: "remote", endpoint: daemon.address, context, sbom: "false", provenance: "false" },
    stackProcessEnv(env),
  );
  expect(run.result.ok).toBe(false);
  if (run.result.ok) return;
  const messages = run.result.failures.map((f) => f.message);
  expect(messages).toEqual([expect.stringContaining(`BuildKit at ${daemon.address} did not answer`)]);
  expect(messages[0]).not.toMatch(/LB pick|name resolution|Deadline exceeded/);
  expect(Date.now() - started).toBeLessThan(60_000);
}, 120_000);
