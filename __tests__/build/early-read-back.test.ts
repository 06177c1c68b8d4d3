import { describe, expect, it } from "vitest";
import type { SolveStatus, VertexProgress } from "../../src/buildkit/index.js";
import { EarlyReadBack } from "../../src/build/early-read-back.js";
import type { PushedImage } from "../../src/build/verify-push.js";

const D1 = `sha256:${"1".repeat(64)}`;
const D2 = `sha256:${"2".repeat(64)}`;
const D3 = `sha256:${"3".repeat(64)}`;

function status(...progress: Partial<VertexProgress>[]): SolveStatus {
  const statuses = progress.map((p) => ({ id: "", vertex: "v", name: "", current: 0, total: 0, completedMs: 1, ...p }));
  return { vertexes: [], statuses, logs: [], warnings: [] };
}

function image(digest: string): PushedImage {
  return { digest, digests: {}, attestations: {}, buildinfo: {} };
}

describe("EarlyReadBack", () => {
  it("starts once every name's manifest push has completed with one digest, and answers for that digest", async () => {
    const reads: string[] = [];
    const early = new EarlyReadBack(["r/a:1", "r/a:latest"], (digest, warn) => {
      reads.push(digest);
      warn("a warning from the read");
      return Promise.resolve(image(digest));
    });
    early.observe(status({ id: `pushing manifest for r/a:1@${D1}`, completedMs: undefined }));
    early.observe(status({ id: `pushing manifest for r/a:1@${D1}` }));
    expect(reads).toEqual([]);
    early.observe(status({ id: `pushing manifest for r/a:latest@${D1}` }, { id: "exporting manifest list" }));
    early.observe(status({ id: `pushing manifest for r/a:latest@${D1}` }));
    expect(reads).toEqual([D1]);
    const warned: string[] = [];
    expect(await early.resultFor(D1, (m) => warned.push(m))).toEqual(image(D1));
    expect(warned).toEqual(["a warning from the read"]);
  });

  it("hands the read the attestation manifests the daemon reported exporting, so it fetches them with the index", async () => {
    const handed: (readonly string[])[] = [];
    const early = new EarlyReadBack(["r/a:1"], (digest, _warn, attestations) => {
      handed.push(attestations);
      return Promise.resolve(image(digest));
    });
    early.observe(
      status(
        { id: `exporting manifest ${D1}` },
        { id: `exporting attestation manifest ${D2}`, completedMs: undefined },
        { id: `exporting attestation manifest ${D2}` },
        { id: `exporting attestation manifest ${D3}` },
        { id: `exporting manifest list ${D1}` },
      ),
    );
    expect(handed).toEqual([]);
    early.observe(status({ id: `pushing manifest for r/a:1@${D1}` }));
    expect(handed).toEqual([[D2, D3]]);
  });

  it("answers nothing for another digest or when no push was seen, so the caller reads back itself", async () => {
    const early = new EarlyReadBack(["r/a:1"], (digest) => Promise.resolve(image(digest)));
    expect(await early.resultFor(D1, () => {})).toBeUndefined();
    early.observe(status({ id: `pushing manifest for docker.io/r/a:1@${D1}` }));
    expect(await early.resultFor(D1, () => {})).toBeUndefined();
    early.observe(status({ id: `pushing manifest for r/a:1@${D2}` }));
    expect(await early.resultFor(D1, () => {})).toBeUndefined();
  });

  it("does not start while the names' digests disagree, and passes a failed read on as the read's error", async () => {
    const early = new EarlyReadBack(["r/a:1", "r/b:1"], () => Promise.reject(new Error("verification failed")));
    early.observe(status({ id: `pushing manifest for r/a:1@${D1}` }, { id: `pushing manifest for r/b:1@${D2}` }));
    expect(await early.resultFor(D1, () => {})).toBeUndefined();
    early.observe(status({ id: `pushing manifest for r/b:1@${D1}` }));
    await expect(early.resultFor(D1, () => {})).rejects.toThrow("verification failed");
  });
});
