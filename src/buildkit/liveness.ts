import type { SolveStatus } from "./solve/solve-status.js";

/**
 * How a running solve checks the daemon still answers. A frozen daemon (SIGSTOP, a cut network) keeps the TCP or
 * unix connection open and simply stops replying, so neither Solve nor Status ever ends; an Info call with a short
 * deadline is answered in milliseconds by a daemon that is merely busy.
 */
export const LIVENESS: LivenessSettings = Object.freeze({
  probeEveryMs: 10_000,
  probeTimeoutMs: 10_000,
  /** Without any answer (probe or status) for this long the solve fails. Well under two minutes in all. */
  silentLimitMs: 60_000,
  /**
   * A manifest push (a few KiB) with no progress for this long: the registry took the request and never answered.
   * BuildKit's registry client has no response timeout, so without this the push waits forever.
   */
  manifestPushLimitMs: 60_000,
});

export interface LivenessSettings {
  readonly probeEveryMs: number;
  readonly probeTimeoutMs: number;
  readonly silentLimitMs: number;
  readonly manifestPushLimitMs: number;
}

/**
 * Watches a solve: `probe` runs every `probeEveryMs` (one at a time); a probe that resolves or a status batch counts
 * as an answer. After `silentLimitMs` without one, `onSilent` is called once with the silence and the step that was
 * running. `stop()` ends the watch.
 */
export class LivenessWatch {
  #lastAnswer = Date.now();
  #probing = false;
  #lastProbe = Date.now();
  #stopped = false;
  readonly #timer: NodeJS.Timeout;
  /** Vertex digest -> name, for those started and not completed: the last one started is "the step". */
  readonly #running = new Map<string, string>();

  constructor(
    probe: (timeoutMs: number) => Promise<unknown>,
    onSilent: (silentMs: number, step: string) => void,
    settings: LivenessSettings = LIVENESS,
    onPushStalled: (stalledMs: number, push: string) => void = () => {},
  ) {
    this.#timer = setInterval(() => {
      if (this.#stopped) return;
      const now = Date.now();
      const silent = now - this.#lastAnswer;
      if (silent >= settings.silentLimitMs) {
        this.stop();
        onSilent(silent, this.step);
        return;
      }
      const push = [...this.#pushes.values()][0];
      if (push && now - push.since >= settings.manifestPushLimitMs) {
        this.stop();
        onPushStalled(now - push.since, push.name);
        return;
      }
      if (this.#probing || Date.now() - this.#lastProbe < settings.probeEveryMs) return;
      this.#probing = true;
      this.#lastProbe = Date.now();
      probe(settings.probeTimeoutMs).then(
        () => {
          this.#probing = false;
          this.#lastAnswer = Date.now();
        },
        () => (this.#probing = false),
      );
      // Ticks every second so the limit is noticed on time, whatever the probe interval.
    }, 1_000);
    this.#timer.unref();
  }

  /** Manifest pushes under way: status item id -> the reference pushed, since when. */
  readonly #pushes = new Map<string, { name: string; since: number }>();

  /** A status batch: the daemon is alive, and which step runs now. */
  saw(status: SolveStatus): void {
    const now = Date.now();
    this.#lastAnswer = now;
    for (const p of status.statuses) {
      // BuildKit's one-off items carry their text as the ID ("pushing manifest for <ref>@<digest>").
      const text = p.name || p.id;
      if (!text.startsWith("pushing manifest for ")) continue;
      if (p.completedMs !== undefined) this.#pushes.delete(p.id);
      else if (!this.#pushes.has(p.id))
        this.#pushes.set(p.id, { name: text.slice("pushing manifest for ".length), since: now });
    }
    for (const v of status.vertexes) {
      if (v.startedMs !== undefined && v.completedMs === undefined) {
        this.#running.delete(v.digest);
        this.#running.set(v.digest, v.name);
      } else if (v.completedMs !== undefined) this.#running.delete(v.digest);
    }
  }

  get step(): string {
    const names = [...this.#running.values()];
    return names.length > 0 ? `"${names[names.length - 1]!}"` : "the solve";
  }

  stop(): void {
    this.#stopped = true;
    clearInterval(this.#timer);
  }
}
