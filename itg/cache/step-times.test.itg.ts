// The summary's "time saved": durations measured when steps ran, recorded under $XDG_CACHE_HOME/kiln, and summed
// for the steps a later build reports cached. Runs the CLI against the stack's daemon.
import { mkdtemp, readdir, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { parseStepTimes } from "../../src/progress/step-times.js";
import { runCli } from "../helpers/run-cli.js";
import { loadStackEnv, stackProcessEnv, type StackEnv } from "../helpers/stack-env.js";
import { cacheContext, EPOCH } from "./cache-fixture.js";

let env: StackEnv;
beforeAll(async () => {
  env = await loadStackEnv();
});

interface CacheStats {
  cached: number;
  total: number;
  savedMs?: number;
}

describe("time saved against earlier uncached runs (CLI, docker driver)", () => {
  test("a rebuild from cache saves exactly the recorded durations of the steps the first build ran", async () => {
    // The salted context makes every step after FROM new to the daemon, so the first build runs them all, as it
    // would after a prune, without emptying the build cache that other work on this daemon relies on.
    const context = await cacheContext(env);
    const cacheHome = await mkdtemp(join(tmpdir(), "kiln-xdg-"));
    const cliEnv = { ...stackProcessEnv(env), XDG_CACHE_HOME: cacheHome };
    const args = ["build", "--driver", "docker", "--sbom", "false", "--provenance", "false"];
    args.push("--source-date-epoch", String(EPOCH), context);

    const first = await runCli(args, cliEnv);
    const firstStats = first.outputs["cache-stats"] as CacheStats;
    expect(firstStats.cached).toBe(0);
    expect(firstStats.total).toBeGreaterThan(0);
    expect(firstStats.savedMs).toBeUndefined();
    expect(first.stderr).not.toContain("saved against");
    // No gha cache entry, no BuildKit version warning.
    expect(first.stderr).not.toContain("type=gha");

    // One record for this builder, holding a duration for every step that ran (the cacheable steps leave FROM out).
    const dir = join(cacheHome, "kiln", "step-times");
    const files = await readdir(dir);
    expect(files).toEqual([expect.stringMatching(/^[0-9a-f]{16}\.json$/)]);
    const recordText = await readFile(join(dir, files[0]!), "utf8");
    const recorded = parseStepTimes(recordText);
    expect(recorded.size).toBe(firstStats.total);
    // Keys and durations only: no step names (they can carry build-arg values).
    expect(recordText).not.toContain("RUN");

    const second = await runCli(args, cliEnv);
    const secondStats = second.outputs["cache-stats"] as CacheStats;
    expect(secondStats).toMatchObject({ total: firstStats.total, cached: firstStats.total });
    const sum = [...recorded.values()].reduce((a, b) => a + b, 0);
    expect(sum).toBeGreaterThan(0);
    // On a mismatch, the step names of both builds show which key changed.
    const steps = (stderr: string): string => [...new Set(stderr.match(/^#\d+ \[.*$/gm) ?? [])].sort().join("\n");
    expect(secondStats.savedMs, `first build:\n${steps(first.stderr)}\nrebuild:\n${steps(second.stderr)}`).toBe(sum);
    expect(second.stderr).toContain(
      `${recorded.size}/${firstStats.total} steps cached, ~${(sum / 1000).toFixed(1)} s saved against earlier uncached runs`,
    );
  });
});
