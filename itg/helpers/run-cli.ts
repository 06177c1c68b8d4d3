import { execFile } from "node:child_process";
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

export interface CliExit {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `kiln ARGS` from the sources like {@link runCli}, in `cwd`, and reports how it exited instead of rejecting. */
export function cliExit(args: readonly string[], env: NodeJS.ProcessEnv, cwd = REPO_ROOT): Promise<CliExit> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      // tsx by path: a bare "tsx" resolves from cwd, which need not be the repository.
      [
        "--import",
        join(REPO_ROOT, "node_modules", "tsx", "dist", "loader.mjs"),
        join(REPO_ROOT, "src", "cli.ts"),
        ...args,
      ],
      { env, cwd, timeout: 600_000, maxBuffer: 64 * 1024 * 1024, encoding: "utf8" },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
