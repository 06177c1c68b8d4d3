import type { SolveStatus } from "./solve/solve-status.js";

/**
 * How a running solve checks the daemon still answers. A frozen daemon (SIGSTOP, a cut network) keeps the TCP or
 * unix connection open and simply stops replying, so neither Solve nor Status ever ends; an Info call with a short
 * deadline is answered in milliseconds by a daemon that is merely busy.
 */
export const LIVENESS = Object.freeze({
  probeEveryMs: 10_000,
  probeTimeoutMs: 10_000,
  /** Without any answer (probe or status) for this long the solve fails. Well under two minutes in all. */
  silentLimitMs: 60_000,
});

export type LivenessSettings = typeof LIVENESS;

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
  ) {
    this.#timer = setInterval(() => {
      if (this.#stopped) return;
      const silent = Date.now() - this.#lastAnswer;
      if (silent >= settings.silentLimitMs) {
        this.stop();
        onSilent(silent, this.step);
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

  /** A status batch: the daemon is alive, and which step runs now. */
  saw(status: SolveStatus): void {
    this.#lastAnswer = Date.now();
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
