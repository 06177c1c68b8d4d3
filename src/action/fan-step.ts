import * as runner from "./runner-commands.js";
import { tmpdir } from "node:os";
import {
  currentCommit,
  fanInAnnotations,
  fanOutInput,
  partRecordOf,
  renderFanInSummary,
  renderLegSummary,
  runFanIn,
} from "../build/fan/index.js";
import type { BuildOutcome } from "../build/index.js";
import { INPUT_NAMES } from "../plan/index.js";
import { RegistryClient, dockerCredentialStore, parseReference, type ImageReference } from "../registry/index.js";
import { messageOf } from "../shared/message-of.js";
import { normalizePlatform } from "../shared/platform.js";
import { downloadParts, uploadPart, type PartArtifacts } from "./fan-artifacts.js";

/** A fan-in step: no build, only the join of this run's parts. */
export interface FanInStep {
  readonly kind: "fan-in";
  /** Joins, sets the outputs and the summary; throws one line on failure. */
  run(): Promise<void>;
}

/** A fan-out leg: the build with rewritten inputs, then its part handed to the run. */
export interface FanOutStep {
  readonly kind: "fan-out";
  readonly input: (name: string) => string;
  /** Uploads the part; resolves to the leg's short summary (Markdown). */
  handOver(outcome: BuildOutcome): Promise<string>;
}

const isTrue = (value: string, name: string): boolean => {
  const v = value.trim().toLowerCase();
  if (v === "" || v === "false") return false;
  if (v === "true") return true;
  throw new Error(`${name}: expected true or false, got "${value.trim()}"`);
};

const list = (value: string): string[] =>
  value
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter((s) => s !== "");

/**
 * Which fan step the inputs ask for (`fan-out: true`, `fan-in: true`), or `undefined` for a plain build. `get` reads
 * a raw input; `artifacts` is the run's artifact client (loaded only when a fan step needs it). Throws one line
 * naming the input when both are set or a value is not a boolean.
 */
export function fanStep(
  get: (name: string) => string,
  env: NodeJS.ProcessEnv,
  artifacts: () => Promise<PartArtifacts>,
): FanInStep | FanOutStep | undefined {
  const out = isTrue(get(INPUT_NAMES.fanOut), INPUT_NAMES.fanOut);
  const into = isTrue(get(INPUT_NAMES.fanIn), INPUT_NAMES.fanIn);
  if (out && into) throw new Error(`${INPUT_NAMES.fanIn}: a step is a fan-out leg or the fan-in, not both`);
  const tempDir = env["RUNNER_TEMP"] || tmpdir();
  if (into) return { kind: "fan-in", run: () => runFanInStep(get, env, artifacts, tempDir) };
  if (!out) return undefined;
  const leg = fanOutInput(get);
  return {
    kind: "fan-out",
    input: leg.input,
    handOver: async (outcome) => {
      const registry = new RegistryClient({ credentials: dockerCredentialStore({ env }) });
      try {
        const commit = await currentCommit(env, env["GITHUB_WORKSPACE"] || process.cwd());
        const record = await partRecordOf(outcome, { image: leg.image, commit, env }, registry);
        const name = await uploadPart(await artifacts(), record, { tempDir });
        runner.info(
          `fan-out: ${Object.keys(record.digests).join(", ")} pushed by digest, no tag moved; part uploaded as ${name}`,
        );
        runner.setOutput("part", JSON.stringify(record));
        return renderLegSummary(record, name);
      } finally {
        registry.close();
      }
    },
  };
}

async function runFanInStep(
  get: (name: string) => string,
  env: NodeJS.ProcessEnv,
  artifacts: () => Promise<PartArtifacts>,
  tempDir: string,
): Promise<void> {
  const tags = list(get(INPUT_NAMES.tags));
  if (tags.length === 0)
    throw new Error(`${INPUT_NAMES.tags}: expected the image reference(s) to tag the joined index`);
  const platforms = list(get(INPUT_NAMES.platforms)).map((p) => {
    const n = normalizePlatform(p);
    if (n === undefined)
      throw new Error(`${INPUT_NAMES.platforms}: expected a list like "linux/amd64,linux/arm64", got "${p}"`);
    return n;
  });
  const annotations = fanInAnnotations(get(INPUT_NAMES.annotations), INPUT_NAMES.annotations);
  const image = imageOf(tags[0]!);
  const found = await downloadParts(await artifacts(), image, { tempDir });
  runner.info(`fan-in: ${found.length} part(s) of ${image} in this run`);
  const result = await runFanIn({
    parts: found,
    tags,
    platforms,
    annotations,
    ...(env["GITHUB_SHA"] ? { commit: env["GITHUB_SHA"] } : {}),
    env,
    log: (line) => runner.info(line),
  });
  for (const [name, value] of Object.entries(result.outputs)) runner.setOutput(name, value);
  if (env["GITHUB_STEP_SUMMARY"]) runner.appendSummary(renderFanInSummary(result.parts, result, tags));
}

/** `registry/repository` of a tag, as part records name it (runFanIn checks all tags name one repository). */
function imageOf(tag: string): string {
  let ref: ImageReference;
  try {
    ref = parseReference(tag);
  } catch (err) {
    throw new Error(`${INPUT_NAMES.tags}: ${messageOf(err)}`);
  }
  return `${ref.registry}/${ref.repository}`;
}
