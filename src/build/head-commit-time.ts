import { execFile } from "node:child_process";

/**
 * Commit time of HEAD in `dir`, in Unix seconds: the default SOURCE_DATE_EPOCH, so the same commit builds the
 * same digests. Undefined outside a git checkout (or without git); planning then says so.
 */
export function headCommitTime(dir: string, options: { timeoutMs?: number } = {}): Promise<number | undefined> {
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
