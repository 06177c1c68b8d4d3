import { BuildkitClient, type BuildkitInfo, type WorkerInfo } from "../buildkit/index.js";
import { remoteEndpoint } from "./remote-endpoint.js";

/** A remote builder's client with its first two calls already out. */
export interface Preconnected {
  readonly client: BuildkitClient;
  readonly info: Promise<BuildkitInfo>;
  readonly workers: Promise<WorkerInfo[]>;
}

/**
 * A connection to a remote builder opened from the raw `endpoint` input before the rest of the program has loaded
 * or planned: the connection (a TCP or TLS handshake, for a daemon across a network) and the daemon's first answers
 * overlap the loading and planning instead of following them. It is only a head start: the plan still decides, and
 * {@link openBuilder} adopts the client only for a remote builder at this same endpoint with no TLS options;
 * otherwise it is closed. Failures wait for whoever adopts it, who reports them as a connection of its own would.
 */
export class Preconnection {
  private held: Preconnected | undefined;

  private constructor(
    /** The endpoint input as given. */
    readonly endpoint: string,
    opened: Preconnected,
  ) {
    this.held = opened;
  }

  /** Starts connecting to `endpoint`; undefined when it does not parse (planning will say why). */
  static open(endpoint: string): Preconnection | undefined {
    let client: BuildkitClient;
    try {
      const address = remoteEndpoint({ endpoint });
      if (address.kind === "dial") return undefined;
      client = BuildkitClient.open(address);
    } catch {
      return undefined;
    }
    const info = client.info();
    const workers = client.listWorkers();
    // Nobody may adopt it: its failures must not become unhandled rejections.
    info.catch(() => {});
    workers.catch(() => {});
    return new Preconnection(endpoint, { client, info, workers });
  }

  /** The client, now the caller's to close; undefined once taken or closed. */
  take(): Preconnected | undefined {
    const held = this.held;
    this.held = undefined;
    return held;
  }

  /** Closes the client unless it was taken. */
  async close(): Promise<void> {
    await this.take()?.client.close();
  }
}
