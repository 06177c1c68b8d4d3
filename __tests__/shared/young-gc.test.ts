import { constants, PerformanceObserver } from "node:perf_hooks";
import { describe, expect, it } from "vitest";
import { youngGcEvery } from "../../src/shared/young-gc.js";

/** Minor collections V8 reports while `run` runs (and one turn of the event loop after, when entries arrive). */
async function minorCollections(run: () => void): Promise<number> {
  let minor = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries())
      if ((entry as { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MINOR) minor++;
  });
  observer.observe({ entryTypes: ["gc"] });
  run();
  await new Promise((resolve) => setTimeout(resolve, 20));
  observer.disconnect();
  return minor;
}

describe("youngGcEvery", () => {
  it("runs a young-generation collection each time the bytes counted pass the mark", async () => {
    const counted = youngGcEvery(1000);
    const minor = await minorCollections(() => {
      for (let i = 0; i < 10; i++) counted(1000);
    });
    expect(minor).toBeGreaterThanOrEqual(10);
  });
});
