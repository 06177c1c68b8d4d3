import { readFileSync } from "node:fs";
import { connect as netConnect, isIP, type Socket } from "node:net";
import { connect as tlsConnect } from "node:tls";
import {
  BuildkitError,
  Code,
  describeEndpoint,
  parseAddress,
  type Endpoint,
  type TlsOptions,
} from "../buildkit/index.js";

/**
 * TLS material for a remote BuildKit daemon, as setup-buildx-action's remote driver takes it (`cacert`, `cert`,
 * `key`, `servername` driver options): each piece either inline PEM (a secret) or a file path, not both.
 */
export interface RemoteTlsInput {
  /** PEM CA bundle that signs the daemon's certificate; the system roots when neither is given. */
  readonly caPem?: string;
  readonly caFile?: string;
  /** Client certificate and key for mTLS: both or neither. */
  readonly certPem?: string;
  readonly certFile?: string;
  readonly keyPem?: string;
  readonly keyFile?: string;
  /** Name to verify the daemon's certificate against, when it differs from the endpoint's host. */
  readonly serverName?: string;
}

export interface RemoteEndpointInput {
  /** The `endpoint` input: "tcp://host:port" or "unix:///path/to/buildkitd.sock" (BuildKit's --addr syntax). */
  readonly endpoint: string;
  /** Present means TLS, even when empty (system roots, no client certificate); tcp endpoints only. */
  readonly tls?: RemoteTlsInput;
}

/**
 * The remote driver: a BuildKit daemon the user already runs, on a tcp (optionally TLS/mTLS) or unix address.
 * grpc-js dials it directly; the session runs over Control.Session on the same connection, as with buildctl.
 * Reads TLS files synchronously (they are small and read once per run). Throws a BuildkitError with code
 * `invalid-argument` whose message names the offending input.
 */
export function remoteEndpoint(input: RemoteEndpointInput): Endpoint {
  const address = input.endpoint.trim();
  const endpoint = address.startsWith("unix://") ? unixEndpoint(address) : parseAddress(address);
  if (endpoint === undefined || (endpoint.kind === "tcp" && !validPort(endpoint.port))) {
    throw invalid(`endpoint: expected "tcp://host:port" or "unix:///path/to/buildkitd.sock", got "${input.endpoint}"`);
  }
  if (input.tls === undefined) return endpoint;
  if (endpoint.kind !== "tcp") {
    throw invalid(`endpoint: TLS options apply to tcp:// endpoints only, got "${input.endpoint}"`);
  }
  return { ...endpoint, tls: readTls(input.tls) };
}

/** Reads every piece of TLS material once, checking that each looks like PEM of the right kind. */
export function readTls(tls: RemoteTlsInput): TlsOptions {
  const ca = pem("CA certificate", "ca", tls.caPem, tls.caFile, /-----BEGIN CERTIFICATE-----/);
  const cert = pem("client certificate", "cert", tls.certPem, tls.certFile, /-----BEGIN CERTIFICATE-----/);
  const key = pem("client key", "key", tls.keyPem, tls.keyFile, /-----BEGIN [A-Z ]*PRIVATE KEY-----/);
  if ((cert === undefined) !== (key === undefined)) {
    throw invalid(
      cert === undefined
        ? "tls: a client key was given without a client certificate (mTLS needs both)"
        : "tls: a client certificate was given without its key (mTLS needs both)",
    );
  }
  return {
    ...(ca === undefined ? {} : { ca }),
    ...(cert === undefined ? {} : { cert }),
    ...(key === undefined ? {} : { key }),
    ...(tls.serverName ? { serverName: tls.serverName } : {}),
  };
}

function pem(
  what: string,
  name: "ca" | "cert" | "key",
  inline: string | undefined,
  file: string | undefined,
  marker: RegExp,
): Buffer | undefined {
  if (inline !== undefined && inline.trim() !== "" && file !== undefined && file !== "") {
    throw invalid(`tls: give the ${what} inline (${name}Pem) or as a file (${name}File), not both`);
  }
  let bytes: Buffer;
  let source: string;
  if (inline !== undefined && inline.trim() !== "") {
    bytes = Buffer.from(inline.trim() + "\n", "utf8");
    source = `inline ${name}Pem`;
  } else if (file !== undefined && file !== "") {
    try {
      bytes = readFileSync(file);
    } catch (cause) {
      const reason = (cause as NodeJS.ErrnoException).code ?? (cause as Error).message;
      throw invalid(`tls: cannot read the ${what} file ${file} (${name}File): ${reason}`, cause);
    }
    source = `${name}File ${file}`;
  } else {
    return undefined;
  }
  // Never echo the content: a key is a secret.
  if (!marker.test(bytes.toString("latin1"))) throw invalid(`tls: the ${what} (${source}) is not PEM`);
  return bytes;
}

/**
 * Everything after "unix://" is the path, as BuildKit's client dials it (moby/buildkit v0.13 client/client_unix.go
 * `dialer`): "unix:///run/buildkit/buildkitd.sock" is absolute, "unix://buildkitd.sock" relative.
 * (A URL parser would take "unix://run/x.sock" as host "run" and path "/x.sock".)
 */
function unixEndpoint(address: string): Endpoint | undefined {
  const path = address.slice("unix://".length);
  return path === "" ? undefined : { kind: "unix", path };
}

function validPort(port: number): boolean {
  return Number.isInteger(port) && port > 0 && port < 65536;
}

function invalid(message: string, cause?: unknown): BuildkitError {
  return new BuildkitError(message, Code.InvalidArgument, cause === undefined ? {} : { cause });
}

export interface ExplainOptions {
  readonly signal?: AbortSignal;
  /** Bound on the diagnostic connection; the daemon was already unreachable, so keep it short. */
  readonly timeoutMs?: number;
}

const explainDefaults = Object.freeze({
  /** A TLS handshake plus the first HTTP/2 frame take milliseconds on a reachable daemon. */
  timeoutMs: 10_000,
});

/** The HTTP/2 client connection preface and an empty SETTINGS frame (RFC 9113 section 3.4). */
const H2_PREFACE = Buffer.concat([
  Buffer.from("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", "latin1"),
  Buffer.from([0, 0, 0, 4, 0, 0, 0, 0, 0]),
]);

/**
 * Turns a failure to reach a remote daemon into an error that says why. grpc-js reports TLS failures as
 * UNAVAILABLE with the OpenSSL text buried in "No connection established. Last error: ..." (for a refused client
 * certificate, "tlsv13 alert certificate required" with a source path and a timestamp). So, when `error` is
 * `unavailable`, this connects once more with node:tls using the same material, sends the HTTP/2 preface (with TLS
 * 1.3 the daemon rejects a client certificate only after the client's handshake has finished) and waits for the
 * daemon's first frame. Resolves to a BuildkitError "failed to connect to tcp://host:port: <reason>" when the
 * probe finds the reason, else to `error` unchanged.
 *
 * Usage: `await client.info().catch(async (e) => { throw await explainConnectError(endpoint, e) })`.
 */
export async function explainConnectError(
  endpoint: Endpoint,
  error: unknown,
  options: ExplainOptions = {},
): Promise<unknown> {
  if (!(error instanceof BuildkitError) || error.code !== Code.Unavailable || endpoint.kind === "dial") return error;
  const reason = await probe(endpoint, { ...explainDefaults, ...options });
  if (reason === undefined) return error;
  return new BuildkitError(`failed to connect to ${describeEndpoint(endpoint)}: ${reason}`, Code.Unavailable, {
    cause: error,
  });
}

type ProbeEndpoint = Exclude<Endpoint, { kind: "dial" }>;

/** Connects like grpc-js would; resolves to a sentence on failure, undefined when the daemon answered. */
function probe(endpoint: ProbeEndpoint, options: ExplainOptions & { timeoutMs: number }): Promise<string | undefined> {
  return new Promise((resolve) => {
    let socket: Socket;
    const tls = endpoint.kind === "tcp" ? endpoint.tls : undefined;
    if (endpoint.kind === "unix") {
      socket = netConnect({ path: endpoint.path });
    } else if (tls === undefined) {
      socket = netConnect({ host: endpoint.host, port: endpoint.port });
    } else {
      const name = tls.serverName ?? endpoint.host;
      socket = tlsConnect({
        host: endpoint.host,
        port: endpoint.port,
        ALPNProtocols: ["h2"],
        // Node verifies against `servername`, else `host`; an IP as SNI is not allowed (RFC 6066).
        ...(isIP(name) === 0 ? { servername: name } : {}),
        ...(tls.ca === undefined ? {} : { ca: tls.ca }),
        ...(tls.cert === undefined ? {} : { cert: tls.cert }),
        ...(tls.key === undefined ? {} : { key: tls.key }),
      });
    }
    const finish = (reason: string | undefined): void => {
      clearTimeout(timer);
      options.signal?.removeEventListener("abort", onAbort);
      socket.destroy();
      resolve(reason);
    };
    const onAbort = (): void => finish(undefined);
    const timer = setTimeout(
      () => finish(tls === undefined ? undefined : `no answer within ${options.timeoutMs} ms after connecting`),
      options.timeoutMs,
    );
    if (options.signal?.aborted) return finish(undefined);
    options.signal?.addEventListener("abort", onAbort, { once: true });
    socket.once(tls === undefined ? "connect" : "secureConnect", () => socket.write(H2_PREFACE));
    socket.once("data", () => finish(undefined));
    socket.once("error", (err: NodeJS.ErrnoException) => finish(explain(err, endpoint, tls)));
    // A daemon that checks client certificates after the handshake (Node's TLS server does) just hangs up.
    socket.once("end", () =>
      finish(
        tls === undefined
          ? undefined
          : tls.cert === undefined
            ? "the daemon closed the connection right after the TLS handshake: it may require a client certificate (mTLS): give cert and key"
            : "the daemon closed the connection right after the TLS handshake: it most likely rejected the client certificate (is it signed by a CA the daemon trusts?)",
      ),
    );
  });
}

/** One sentence per failure users meet, naming what to change. */
function explain(err: NodeJS.ErrnoException, endpoint: ProbeEndpoint, tls: TlsOptions | undefined): string {
  const code = err.code ?? "";
  const ca = tls?.ca === undefined ? "the system's root CAs" : "the CA given (ca)";
  const detail = `${err.message.split("\n")[0]?.trim() ?? ""}${code && !err.message.includes(code) ? ` (${code})` : ""}`;
  switch (code) {
    case "ECONNREFUSED":
      return "connection refused: is BuildKit listening there?";
    case "ENOENT":
      return `no socket at ${endpoint.kind === "unix" ? endpoint.path : "that path"}: is BuildKit running?`;
    case "EACCES":
      return "permission denied on the socket";
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return `cannot resolve ${endpoint.kind === "tcp" ? endpoint.host : "the host"}`;
    case "SELF_SIGNED_CERT_IN_CHAIN":
    case "DEPTH_ZERO_SELF_SIGNED_CERT":
    case "UNABLE_TO_VERIFY_LEAF_SIGNATURE":
    case "UNABLE_TO_GET_ISSUER_CERT":
    case "UNABLE_TO_GET_ISSUER_CERT_LOCALLY":
      return `certificate signed by unknown authority: the daemon's certificate does not chain to ${ca}: ${detail}`;
    case "CERT_HAS_EXPIRED":
    case "CERT_NOT_YET_VALID":
      return `certificate is not valid now: ${detail}`;
    case "ERR_TLS_CERT_ALTNAME_INVALID":
      return `certificate is not valid for ${tls?.serverName ?? (endpoint.kind === "tcp" ? endpoint.host : "")}: ${detail}; set serverName to a name it lists`;
    case "ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED":
      return "certificate required: the daemon asks for a client certificate (mTLS): give cert and key";
    case "ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE":
    case "ERR_SSL_TLSV1_ALERT_UNKNOWN_CA":
    case "ERR_SSL_SSLV3_ALERT_CERTIFICATE_UNKNOWN":
      return tls?.cert === undefined
        ? `certificate required: the daemon refused the connection without a client certificate (mTLS): give cert and key (${code})`
        : `certificate rejected: the daemon does not accept the client certificate; is it signed by a CA the daemon trusts? (${code})`;
    case "ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE":
      return tls?.cert === undefined
        ? `TLS handshake failed: the daemon may require a client certificate (mTLS): ${detail}`
        : `TLS handshake failed: ${detail}`;
    case "ERR_SSL_WRONG_VERSION_NUMBER":
    case "ERR_SSL_PACKET_LENGTH_TOO_LONG":
      return "TLS handshake failed: the daemon does not speak TLS on this port (drop the TLS options?)";
    default:
      return tls !== undefined && /certificate|ssl|tls/i.test(`${code} ${err.message}`)
        ? `TLS handshake failed (certificate or protocol): ${detail}`
        : detail;
  }
}
