import { beforeAll, expect, test } from "vitest";
import { contextWith } from "../helpers/build-fixture.js";
import { runPipelineWith } from "../helpers/pipeline-run.js";
import { loadStackEnv, stackProcessEnv, uniqueTag, type StackEnv } from "../helpers/stack-env.js";

let env: StackEnv;

beforeAll(async () => {
  env = await loadStackEnv();
});

test("a failing RUN's last output line is printed even without a trailing newline", async () => {
  const marker = uniqueTag("last-words");
  const context = await contextWith({
    Dockerfile: `FROM ${env.KILN_BASE_IMAGE}\nRUN printf 'first line\\n${marker}' && exit 3\n`,
  });
  const run = await runPipelineWith(
    { driver: "remote", endpoint: env.KILN_BUILDKIT_HOST, context, sbom: "false", provenance: "false" },
    stackProcessEnv(env),
  );
  expect(run.result.ok).toBe(false);
  const last = run.log.findIndex((l) => l.includes(marker));
  expect(last, run.log.join("\n")).toBeGreaterThan(0);
  // Before the step's ERROR line, as buildx prints it.
  expect(run.log.findIndex((l) => /^#\d+ ERROR: /.test(l))).toBeGreaterThan(last);
}, 120_000);
