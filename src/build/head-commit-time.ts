/**
 * Commit time of HEAD in `dir`, in Unix seconds: the default SOURCE_DATE_EPOCH, so the same commit builds the
 * same digests. Undefined outside a git checkout (or without git); planning then says so.
 */
export async function headCommitTime(dir: string, options: { timeoutMs?: number } = {}): Promise<number | undefined> {
  // Loaded here, not at start-up: most builds are given SOURCE_DATE_EPOCH and never run git, and node:child_process
  // (with the modules it pulls in) took ~4 ms of the action's time to its first gRPC call.
  const { execFile } = await import("node:child_process");
  return new Promise((resolve) => {
    execFile(
      "git",
      ["-C", dir, "log", "-1", "--format=%ct"],
      { timeout: options.timeoutMs ?? 10_000 },
      (err, stdout) => {
        const n = Number(stdout.trim());
        resolve(err || !Number.isInteger(n) || n <= 0 ? undefined : n);
      },
    );
  });
}
