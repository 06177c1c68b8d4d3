import { Metadata, Server, ServerCredentials } from "@grpc/grpc-js";
import type { Duplex } from "node:stream";
import type { Attachable } from "./attachable.js";
import type { ControlChannel } from "../control-client.js";
import type { SessionHeaders } from "../transport/endpoint.js";
import { health } from "./health.js";
import { newId } from "../identity.js";
import { maxMessageBytes } from "../limits.js";
import { sessionBytesStream } from "./session-bytes-stream.js";
import { BuildkitError, Code } from "../errors.js";
import { messageOf } from "../../shared/message-of.js";

// moby/buildkit v0.13 session/session.go: header names; HTTP canonicalises them, gRPC metadata lower-cases them.
const headerSessionId = "x-docker-expose-session-uuid";
const headerSharedKey = "x-docker-expose-session-sharedkey";
const headerMethod = "x-docker-expose-session-grpc-method";

export interface SessionOptions {
  /**
   * Scopes the daemon's cache of synced local directories: the same key on the next build lets the daemon
   * ask only for files that changed. buildx uses the context directory's base name plus a node ID.
   */
  readonly sharedKey?: string;
  readonly attachables: readonly Attachable[];
}

/** A session connected to the daemon; `closed` settles when the connection ends. */
export interface ConnectedSession {
  readonly closed: Promise<void>;
  close(): void;
}

/**
 * The client side of a BuildKit session: a gRPC server the daemon calls back into for files, credentials and
 * secrets. It is served over a stream the client dials, because the daemon cannot dial the client.
 */
export class Session {
  readonly id = newId();
  readonly sharedKey: string;
  private readonly server = new Server({
    "grpc.max_receive_message_length": maxMessageBytes,
    "grpc.max_send_message_length": maxMessageBytes,
  });
  private readonly methods: readonly string[];

  constructor(options: SessionOptions) {
    this.sharedKey = options.sharedKey ?? "";
    this.methods = [health(), ...options.attachables].flatMap((a) => a.register(this.server));
  }

  headers(): SessionHeaders {
    return { [headerSessionId]: [this.id], [headerSharedKey]: [this.sharedKey], [headerMethod]: this.methods };
  }

  /** Opens the session's connection: the endpoint's session dialer when it has one, else Control.Session. */
  async connect(channel: ControlChannel, signal: AbortSignal): Promise<ConnectedSession> {
    const endpoint = channel.endpoint;
    let stream: Duplex;
    if (endpoint.kind === "dial" && endpoint.dialSession) {
      try {
        stream = await endpoint.dialSession(this.headers(), signal);
      } catch (cause) {
        throw new BuildkitError(
          `failed to open a session with ${endpoint.name}: ${messageOf(cause)}`,
          Code.Unavailable,
          { cause },
        );
      }
    } else {
      const metadata = new Metadata();
      for (const [key, values] of Object.entries(this.headers())) for (const v of values) metadata.add(key, v);
      stream = sessionBytesStream(await channel.bidiStream("session", { metadata, signal }));
    }
    const injector = this.server.createConnectionInjector(ServerCredentials.createInsecure());
    const closed = new Promise<void>((resolve) => {
      stream.once("close", () => resolve());
    });
    stream.on("error", () => {
      // The end of the session surfaces through Solve; a broken pipe after that is expected.
    });
    injector.injectConnection(stream);
    return {
      closed,
      close: () => {
        injector.destroy();
        stream.destroy();
        this.server.forceShutdown();
      },
    };
  }
}
