import {
  Client,
  connectivityState,
  credentials,
  Metadata,
  type ChannelCredentials,
  type ClientReadableStream,
  type ClientDuplexStream,
  type MethodDefinition,
  type ServiceError,
} from "@grpc/grpc-js";
import type * as ControlService from "./control-service.js";
import type { ControlMethod, Request, RequestInit, Response } from "./control-service.js";
import { grpcChannelOptions } from "./limits.js";
import { BuildkitError, codeFromGrpcStatus } from "./errors.js";
import { describeEndpoint, type Endpoint } from "./transport/endpoint.js";
import { LocalProxy } from "./transport/local-proxy.js";
import { messageOf } from "../shared/message-of.js";

let service: Promise<typeof ControlService> | undefined;

/**
 * Control's codecs (control-service.ts), loaded once. Node reads and compiles a dynamically imported module before
 * `import()` returns, blocking the event loop: loading them only after `ready` keeps that from holding back the
 * calls already waiting for the connection.
 */
function controlService(ready: Promise<void>): Promise<typeof ControlService> {
  // Each channel waits for its own connection: one daemon that never answers must not hold up the others (nodes).
  return ready.then(() => (service ??= import("./control-service.js")));
}

/** The gRPC paths of the unary methods that may go out before the codecs are loaded (a unit test checks them). */
export const CONTROL_PATHS = {
  info: "/moby.buildkit.v1.Control/Info",
  listWorkers: "/moby.buildkit.v1.Control/ListWorkers",
  diskUsage: "/moby.buildkit.v1.Control/DiskUsage",
  solve: "/moby.buildkit.v1.Control/Solve",
} as const satisfies Partial<Record<ControlMethod, string>>;
type UnaryMethod = keyof typeof CONTROL_PATHS;

const noBytes = Buffer.alloc(0);
const passBytes = (b: Buffer): Buffer => b;

export interface CallOptions {
  readonly signal?: AbortSignal;
  /** Deadline for a unary call; streaming calls end with their signal. */
  readonly timeoutMs?: number;
  readonly metadata?: Metadata;
}

/**
 * A typed grpc-js channel to the Control service. It owns the local proxy when the endpoint needs one, and
 * turns every gRPC failure into a BuildkitError that names the endpoint.
 */
export class ControlChannel {
  private settled: Promise<void> | undefined;

  private constructor(
    private readonly client: Client,
    readonly endpoint: Endpoint,
    private readonly proxy: LocalProxy | undefined,
    private readonly dialFailures: { readonly last?: unknown } = {},
  ) {}

  /**
   * Resolves one event-loop turn after the connection is up (grpc-js then starts the calls that waited for it) or
   * has failed (they fail on their own), at most 30 s after the first ask: work queued behind this runs once the
   * first calls are on the wire, while the daemon answers them.
   */
  connected(): Promise<void> {
    this.settled ??= new Promise((resolve) => {
      const channel = this.client.getChannel();
      const deadline = Date.now() + 30_000;
      const watch = (error?: Error): void => {
        const state = channel.getConnectivityState(true);
        if (error || state === connectivityState.READY || state === connectivityState.TRANSIENT_FAILURE) {
          setImmediate(resolve);
        } else if (state === connectivityState.SHUTDOWN) resolve();
        else channel.watchConnectivityState(state, deadline, watch);
      };
      watch();
    });
    return this.settled;
  }

  static async open(endpoint: Endpoint): Promise<ControlChannel> {
    if (endpoint.kind === "dial") {
      // The proxy reports dial failures here so a later UNAVAILABLE can say why the connection failed.
      const failures: { last?: unknown } = {};
      const proxy = await LocalProxy.start(endpoint.dial, (err) => (failures.last = err));
      const client = new Client(proxy.target, credentials.createInsecure(), grpcChannelOptions);
      return new ControlChannel(client, endpoint, proxy, failures);
    }
    return ControlChannel.openAddress(endpoint);
  }

  /** A channel to an address grpc-js dials itself: nothing to start first, so no await. */
  static openAddress(endpoint: Exclude<Endpoint, { kind: "dial" }>): ControlChannel {
    if (endpoint.kind === "unix") {
      return new ControlChannel(
        new Client(`unix:${endpoint.path}`, credentials.createInsecure(), grpcChannelOptions),
        endpoint,
        undefined,
      );
    }
    const tls = endpoint.tls;
    let creds: ChannelCredentials = credentials.createInsecure();
    const options: Record<string, string | number> = { ...grpcChannelOptions };
    if (tls) {
      creds = credentials.createSsl(tls.ca ?? null, tls.key ?? null, tls.cert ?? null);
      if (tls.serverName) options["grpc.ssl_target_name_override"] = tls.serverName;
    }
    const host = endpoint.host.includes(":") ? `[${endpoint.host}]` : endpoint.host;
    return new ControlChannel(new Client(`${host}:${endpoint.port}`, creds, options), endpoint, undefined);
  }

  /** Wraps a gRPC failure: keeps the daemon's message, names the endpoint when the connection failed. */
  wrap(verb: string, err: unknown): BuildkitError {
    if (err instanceof BuildkitError) return err;
    const se = err as Partial<ServiceError>;
    const code = codeFromGrpcStatus(se.code);
    const details = se.details || messageOf(err);
    // grpc-js words a call that never got a connection as a deadline with channel internals ("Waiting for LB
    // pick", "name resolution"): that is an unreachable daemon, said with its endpoint.
    if (code === "deadline-exceeded" && /LB pick|name resolution|No connection established|connecting/i.test(details)) {
      const waited = /after ([\d.]+)s/.exec(details)?.[1];
      return new BuildkitError(
        `failed to ${verb}: BuildKit at ${describeEndpoint(this.endpoint)} did not answer${waited ? ` within ${Math.round(Number(waited))} s` : ""}`,
        code,
        { cause: err },
      );
    }
    if (code === "unavailable") {
      const dialError = this.dialFailures.last;
      const reason = dialError instanceof Error ? dialError.message : cleanGrpcDetails(details);
      return new BuildkitError(
        `failed to ${verb}: cannot reach BuildKit at ${describeEndpoint(this.endpoint)}: ${reason}`,
        code,
        { cause: dialError ?? err },
      );
    }
    return new BuildkitError(details, code, { cause: err });
  }

  /**
   * One Control call. A request with no fields set is zero bytes whatever its type, so it goes out at once; the
   * codecs load meanwhile and decode the answer (the first calls, Info and ListWorkers, are such requests).
   */
  async unary<K extends UnaryMethod>(method: K, init: RequestInit<K>, options: CallOptions = {}): Promise<Response<K>> {
    const codecs = Object.keys(init).length === 0 ? undefined : await controlService(this.connected());
    const bytes = codecs ? codecs.methodDefinition(method).requestSerialize(codecs.request(method, init)) : noBytes;
    const answer = this.call(
      { path: CONTROL_PATHS[method], requestSerialize: passBytes, responseDeserialize: passBytes },
      bytes,
      options,
    );
    // Both awaited together: a call that fails while the codecs load must not be left unhandled.
    const [loaded, raw] = await Promise.all([controlService(this.connected()), answer]);
    return loaded.methodDefinition(method).responseDeserialize(raw);
  }

  /**
   * One unary call of any service on this connection: the frontend gateway (LLBBridge) of a client-side build is
   * served on the same connection as Control, routed by the build ID in the call's metadata.
   */
  call<I, O>(
    def: Pick<MethodDefinition<I, O>, "path" | "requestSerialize" | "responseDeserialize">,
    request: I,
    options: CallOptions = {},
  ): Promise<O> {
    return new Promise((resolve, reject) => {
      const callOptions = options.timeoutMs === undefined ? {} : { deadline: Date.now() + options.timeoutMs };
      const call = this.client.makeUnaryRequest(
        def.path,
        def.requestSerialize,
        def.responseDeserialize,
        request,
        options.metadata ?? new Metadata(),
        callOptions,
        (err, value) => {
          options.signal?.removeEventListener("abort", onAbort);
          if (err) reject(err);
          else resolve(value as O);
        },
      );
      const onAbort = (): void => call.cancel();
      if (options.signal?.aborted) call.cancel();
      options.signal?.addEventListener("abort", onAbort, { once: true });
    });
  }

  async serverStream<K extends "status" | "prune" | "listenBuildHistory">(
    method: K,
    init: RequestInit<K>,
    options: CallOptions = {},
  ): Promise<ClientReadableStream<Response<K>>> {
    const codecs = await controlService(this.connected());
    const def = codecs.methodDefinition(method);
    const call = this.client.makeServerStreamRequest(
      def.path,
      def.requestSerialize,
      def.responseDeserialize,
      codecs.request(method, init),
      options.metadata ?? new Metadata(),
    );
    bindSignal(call, options.signal);
    return call;
  }

  /** Control.Session; a Buffer written to it is an already encoded message (session-bytes-stream.ts). */
  async bidiStream(
    method: "session",
    options: CallOptions = {},
  ): Promise<ClientDuplexStream<Request<"session"> | Buffer, Response<"session">>> {
    const def = (await controlService(this.connected())).methodDefinition(method);
    const call = this.client.makeBidiStreamRequest(
      def.path,
      (value: Request<"session"> | Buffer) => (Buffer.isBuffer(value) ? value : def.requestSerialize(value)),
      def.responseDeserialize,
      options.metadata ?? new Metadata(),
    );
    bindSignal(call, options.signal);
    return call;
  }

  async close(): Promise<void> {
    this.client.close();
    await this.proxy?.close();
  }
}

/** grpc-js wraps connection failures in its own words; keep only the underlying reason. */
function cleanGrpcDetails(details: string): string {
  return details
    .replace(/^No connection established\. Last error: (Error: )?/, "")
    .replace(/\. Resolution note: .*$/s, "")
    .trim();
}

function bindSignal(
  call: { cancel(): void; on(event: "close", f: () => void): unknown },
  signal: AbortSignal | undefined,
): void {
  if (!signal) return;
  if (signal.aborted) {
    call.cancel();
    return;
  }
  const onAbort = (): void => call.cancel();
  signal.addEventListener("abort", onAbort, { once: true });
  call.on("close", () => signal.removeEventListener("abort", onAbort));
}
