import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * vitest globalSetup (unit and integration runs): the run gets a temp directory of its own (TMPDIR, which
 * os.tmpdir() and every process the tests start read), removed when the run ends. Fixtures, corpora (59 MB each),
 * runner directories and the CLI's compile cache no longer pile up in /tmp from one run to the next.
 */
export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), "kiln-itg-"));
  const before = process.env["TMPDIR"];
  process.env["TMPDIR"] = dir;
  return () => {
    if (before === undefined) delete process.env["TMPDIR"];
    else process.env["TMPDIR"] = before;
    rmSync(dir, { recursive: true, force: true });
  };
}
