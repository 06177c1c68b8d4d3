import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { LivenessWatch } from "../../src/buildkit/liveness.js";
import type { SolveStatus } from "../../src/buildkit/index.js";

const settings = { probeEveryMs: 10_000, probeTimeoutMs: 10_000, silentLimitMs: 60_000, manifestPushLimitMs: 60_000 };
const never = (): Promise<never> => new Promise(() => {});

function running(digest: string, name: string, completed = false): SolveStatus {
  return {
    vertexes: [
      {
        digest,
        inputs: [],
        name,
        cached: false,
        startedMs: 1,
        completedMs: completed ? 2 : undefined,
        error: "",
        progressGroup: undefined,
      },
    ],
    statuses: [],
    logs: [],
    warnings: [],
  };
}

describe("LivenessWatch", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("reports a daemon that answers nothing after the limit, once, naming the last running step", async () => {
    const onSilent = vi.fn();
    const watch = new LivenessWatch(never, onSilent, settings);
    watch.saw(running("a", "[1/2] FROM base"));
    watch.saw(running("b", "[2/2] RUN sleep 30"));
    watch.saw(running("a", "[1/2] FROM base", true));
    await vi.advanceTimersByTimeAsync(59_000);
    expect(onSilent).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(2_000);
    expect(onSilent).toHaveBeenCalledTimes(1);
    expect(onSilent.mock.calls[0]![1]).toBe('"[2/2] RUN sleep 30"');
    await vi.advanceTimersByTimeAsync(120_000);
    expect(onSilent).toHaveBeenCalledTimes(1);
    watch.stop();
  });

  it("a daemon that answers its probes, silent as the build may be, is never reported", async () => {
    const onSilent = vi.fn();
    const probe = vi.fn(() => Promise.resolve());
    const watch = new LivenessWatch(probe, onSilent, settings);
    await vi.advanceTimersByTimeAsync(600_000);
    expect(onSilent).not.toHaveBeenCalled();
    // One probe per interval, not one per tick.
    expect(probe.mock.calls.length).toBeGreaterThanOrEqual(55);
    expect(probe.mock.calls.length).toBeLessThanOrEqual(60);
    watch.stop();
  });

  it("a manifest push with no progress past its limit is reported with the reference, even while the daemon answers", async () => {
    const onSilent = vi.fn();
    const onPush = vi.fn();
    const watch = new LivenessWatch(() => Promise.resolve(), onSilent, settings, onPush);
    const push = (completed: boolean): SolveStatus => ({
      vertexes: [],
      statuses: [
        {
          id: "pushing manifest for r/x:1@sha256:ab",
          vertex: "v",
          name: "",
          current: 0,
          total: 0,
          completedMs: completed ? 1 : undefined,
        },
      ],
      logs: [],
      warnings: [],
    });
    watch.saw(push(false));
    await vi.advanceTimersByTimeAsync(30_000);
    watch.saw(push(false));
    await vi.advanceTimersByTimeAsync(31_000);
    expect(onPush).toHaveBeenCalledTimes(1);
    expect(onPush.mock.calls[0]![1]).toBe("r/x:1@sha256:ab");
    expect(onSilent).not.toHaveBeenCalled();
    watch.stop();
  });

  it("a manifest push that completes is not reported", async () => {
    const onPush = vi.fn();
    const watch = new LivenessWatch(() => Promise.resolve(), vi.fn(), settings, onPush);
    const item = { id: "pushing manifest for r/x:1@sha256:ab", vertex: "v", name: "", current: 0, total: 0 };
    watch.saw({ vertexes: [], statuses: [{ ...item, completedMs: undefined }], logs: [], warnings: [] });
    watch.saw({ vertexes: [], statuses: [{ ...item, completedMs: 5 }], logs: [], warnings: [] });
    await vi.advanceTimersByTimeAsync(300_000);
    expect(onPush).not.toHaveBeenCalled();
    watch.stop();
  });
});
