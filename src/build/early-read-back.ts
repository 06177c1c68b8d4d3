import type { SolveStatus } from "../buildkit/index.js";
import type { PushedImage } from "./verify-push.js";

/** BuildKit's progress line for a finished push of one name: "pushing manifest for <name>@<digest>". */
const PUSHED = /^pushing manifest for (.+)@(sha256:[0-9a-f]{64})$/;
/** Its line for each attestation manifest it wrote before pushing: "exporting attestation manifest <digest>". */
const ATTESTATION = /^exporting attestation manifest (sha256:[0-9a-f]{64})$/;

type Settled = { readonly ok: true; readonly image: PushedImage } | { readonly ok: false; readonly error: unknown };

/**
 * Starts reading a push back as soon as the status stream shows the manifest pushed under every name, instead of
 * once the solve returns: the daemon still finishes the job (and Kiln tears its session down) for 10-20 ms after
 * the push, and the read-back overlaps that. The read only counts when the exporter's response names the same
 * digest; otherwise (a name printed another way, a digest that differs) the caller reads back as before. The
 * attestation manifests the daemon reported exporting go to the read too, which fetches them with the index.
 */
export class EarlyReadBack {
  private readonly pushed = new Map<string, string>();
  private readonly attestationManifests = new Set<string>();
  private started: { readonly digest: string; readonly result: Promise<Settled> } | undefined;
  private readonly warnings: string[] = [];

  constructor(
    private readonly names: readonly string[],
    private readonly read: (
      digest: string,
      warn: (message: string) => void,
      attestationManifests: readonly string[],
    ) => Promise<PushedImage>,
  ) {}

  /** Feed every status batch; starts the read once each name's push has completed with one digest. */
  observe(status: SolveStatus): void {
    if (this.started || this.names.length === 0) return;
    for (const s of status.statuses) {
      const attestation = ATTESTATION.exec(s.id);
      if (attestation) this.attestationManifests.add(attestation[1]!);
      const m = s.completedMs === undefined ? null : PUSHED.exec(s.id);
      if (m) this.pushed.set(m[1]!, m[2]!);
    }
    const digests = new Set(this.names.map((n) => this.pushed.get(n)));
    const digest = digests.size === 1 ? [...digests][0] : undefined;
    if (digest === undefined) return;
    // Warnings wait for the caller, so they come after the build's log rather than inside it.
    const warn = (m: string): number => this.warnings.push(m);
    const result = this.read(digest, warn, [...this.attestationManifests]).then(
      (image): Settled => ({ ok: true, image }),
      (error: unknown): Settled => ({ ok: false, error }),
    );
    this.started = { digest, result };
  }

  /**
   * The early read's outcome when it read `digest` (its warnings replayed through `warn`, its error thrown);
   * undefined when there was none for that digest, after waiting out a read of another one.
   */
  async resultFor(digest: string | undefined, warn: (message: string) => void): Promise<PushedImage | undefined> {
    if (this.started === undefined) return undefined;
    const settled = await this.started.result;
    if (digest !== this.started.digest) return undefined;
    for (const w of this.warnings) warn(w);
    if (!settled.ok) throw settled.error;
    return settled.image;
  }
}
