import { createHash } from "node:crypto";
import type { StepRecord } from "./build-record.js";

// Bumped when the key's recipe changes, so durations recorded under the old recipe never match.
const recipe = "kiln-step-key-v1";

/**
 * A key per step that is the same in every run of the same build step: sha256 over the step's name and the keys of
 * its inputs, 32 hex digits.
 *
 * Why not the vertex digest: the Dockerfile frontend's local source op carries the session ID
 * (`local.session`, moby/buildkit v0.13 frontend/dockerfile/dockerfile2llb), so every step downstream of the
 * build context gets a new digest each run, even when BuildKit reports it cached (measured on Docker 26.1's
 * BuildKit v0.13: `COPY a.txt` and every later step of its stage changed digest between two cached runs). Names
 * are stable (`[build 3/4] COPY a.txt /a`, platform and stage included, `FROM` with the resolved image digest),
 * and chaining the inputs' keys tells apart identical lines in different positions of the graph.
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
      .update(`${recipe}\0${step.name}\0${inputs.join(",")}`)
      .digest("hex")
      .slice(0, 32);
    keys.set(digest, key);
    return key;
  };
  for (const step of steps) keyOf(step.digest);
  return keys;
}
