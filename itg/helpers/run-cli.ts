import { join } from "node:path";
import { REPO_ROOT, run } from "./stack-env.js";

export interface CliRun {
  readonly stderr: string;
  /** The step outputs the CLI prints on stdout, parsed. */
  readonly outputs: Record<string, unknown>;
}

/**
 * Runs `kiln build` from the sources (src/cli.ts through tsx, so the test needs no bundle), with exactly `env` as
 * its environment; rejects with the stderr tail when it exits non-zero.
 */
export async function runCli(args: readonly string[], env: NodeJS.ProcessEnv): Promise<CliRun> {
  const { stdout, stderr } = await run(
    process.execPath,
    ["--import", "tsx", join(REPO_ROOT, "src", "cli.ts"), ...args],
    {
      env,
      cwd: REPO_ROOT,
      timeoutMs: 600_000,
    },
  );
  return { stderr, outputs: JSON.parse(stdout) as Record<string, unknown> };
}
