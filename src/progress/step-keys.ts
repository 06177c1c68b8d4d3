import { createHash } from "node:crypto";
import type { StepRecord } from "./build-record.js";

// Bumped when the key's recipe changes, so durations recorded under the old recipe never match.
const recipe = "kiln-step-key-v2";

const stepNumber = /^\d+\/\d+$/;
const platform = /^[^/\s]+\/[^/\s]+(\/[^/\s]+)?$/;

/** The name without its stage label and step number: "[linux/arm64 build 2/4] RUN make" -> "[linux/arm64] RUN make". */
export function stableStepName(name: string): string {
  const m = /^\[([^\]]*)\] ([\s\S]*)$/.exec(name);
  if (!m) return name;
  const tokens = m[1]!.split(" ");
  const at = tokens.findIndex((t) => stepNumber.test(t));
  if (at < 0) return name;
  const stage = at > 0 && !platform.test(tokens[at - 1]!) ? at - 1 : at;
  return `[${[...tokens.slice(0, stage), ...tokens.slice(at + 1)].join(" ")}] ${m[2]}`;
}

/**
 * A key per step that is the same in every run of the same build step: sha256 over the step's name and the keys of
 * its inputs, 32 hex digits.
 *
 * Why not the vertex digest: the Dockerfile frontend's local source op carries the session ID
 * (`local.session`, moby/buildkit v0.13 frontend/dockerfile/dockerfile2llb), so every step downstream of the
 * build context gets a new digest each run, even when BuildKit reports it cached (measured on Docker 26.1's
 * BuildKit v0.13: `COPY a.txt` and every later step of its stage changed digest between two cached runs). Names
 * are stable (`FROM` carries the resolved image digest), and chaining the inputs' keys tells apart identical lines
 * in different positions of the graph.
 *
 * The stage label and step number are left out of the name ("[build 1/5] FROM x" -> "[] FROM x", the platform
 * kept): an op that two stages share, such as the same FROM, is one vertex, and the daemon names it after either
 * stage, not always the same one (seen on BuildKit v0.13: "[build 1/5] FROM ..." in one run, "[stage-1 1/5] FROM
 * ..." in the next). Where a step sits is still in the key, through its inputs.
 *
 * Names can hold build-arg values, which is why only this hash is ever stored, never a name.
 */
export function stepKeys(steps: readonly StepRecord[]): Map<string, string> {
  const byDigest = new Map(steps.map((s) => [s.digest, s]));
  const keys = new Map<string, string>();
  const visiting = new Set<string>();
  const keyOf = (digest: string): string => {
    const known = keys.get(digest);
    if (known !== undefined) return known;
    const step = byDigest.get(digest);
    // An input the daemon never reported (or a cycle, which LLB cannot have): its digest is the best key there is.
    if (step === undefined || visiting.has(digest)) return digest;
    visiting.add(digest);
    const inputs = step.inputs.map(keyOf).sort();
    visiting.delete(digest);
    const key = createHash("sha256")
      .update(`${recipe}\0${stableStepName(step.name)}\0${inputs.join(",")}`)
      .digest("hex")
      .slice(0, 32);
    keys.set(digest, key);
    return key;
  };
  for (const step of steps) keyOf(step.digest);
  return keys;
}
