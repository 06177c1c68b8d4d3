import { request as httpRequestRaw, type Agent as HttpAgent, type IncomingHttpHeaders } from "node:http";
import { request as httpsRequestRaw, type Agent as HttpsAgent } from "node:https";
import { RegistryError } from "./registry-error.js";
import { messageOf } from "../shared/message-of.js";

export interface HttpRequest {
  readonly method: "GET" | "HEAD" | "PUT" | "POST" | "PATCH" | "DELETE";
  readonly url: URL;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: Uint8Array;
}

export interface HttpResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  /** Every value of a repeated header, e.g. several `WWW-Authenticate`. */
  readonly headersDistinct: NodeJS.Dict<string[]>;
  readonly body: Buffer;
  /** Where the answer came from, after redirects. */
  readonly url: URL;
}

export interface HttpRequestOptions {
  readonly signal: AbortSignal;
  /** The agent for a URL: keeps connections and carries the CA for TLS registries. */
  readonly agentFor: (url: URL) => HttpAgent | HttpsAgent;
  /** Redirects followed for GET and HEAD (blob downloads are often redirected to storage). */
  readonly maxRedirects: number;
  /** Larger answers fail with `unavailable` instead of filling memory. */
  readonly maxBodyBytes: number;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * One HTTP exchange with the whole body buffered. Network and TLS failures become `RegistryError`s whose
 * message says what to check; HTTP error statuses are returned, not thrown. `Authorization` is dropped when a
 * redirect leaves the origin, as browsers and Go's net/http do.
 */
export async function httpRequest(req: HttpRequest, options: HttpRequestOptions): Promise<HttpResponse> {
  let current = req;
  for (let redirects = 0; ; redirects++) {
    const res = await once(current, options);
    const location = res.headers.location;
    const follow = (req.method === "GET" || req.method === "HEAD") && REDIRECTS.has(res.status);
    if (!follow || location === undefined) return res;
    if (redirects >= options.maxRedirects) {
      throw new RegistryError(`too many redirects (last to ${location})`, "unavailable");
    }
    const next = new URL(location, current.url);
    const headers = { ...current.headers };
    if (next.origin !== current.url.origin) delete headers["authorization"];
    current = { method: req.method, url: next, headers };
  }
}

function once(req: HttpRequest, options: HttpRequestOptions): Promise<HttpResponse> {
  const { url } = req;
  const send = url.protocol === "https:" ? httpsRequestRaw : httpRequestRaw;
  const headers: Record<string, string> = { ...req.headers };
  if (req.body !== undefined) headers["content-length"] = String(req.body.byteLength);
  return new Promise<HttpResponse>((resolve, reject) => {
    const fail = (err: unknown): void => reject(describeNetworkError(err, url, options.signal));
    if (options.signal.aborted) {
      fail(options.signal.reason);
      return;
    }
    const cr = send(url, { method: req.method, headers, agent: options.agentFor(url), signal: options.signal });
    cr.on("error", fail);
    cr.on("response", (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on("data", (chunk: Buffer) => {
        size += chunk.byteLength;
        if (size > options.maxBodyBytes) {
          res.destroy(
            new RegistryError(`answer from ${url.host} exceeds ${options.maxBodyBytes} bytes`, "unavailable"),
          );
          return;
        }
        chunks.push(chunk);
      });
      res.on("error", fail);
      res.on("end", () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          headersDistinct: res.headersDistinct,
          body: Buffer.concat(chunks),
          url,
        }),
      );
    });
    cr.end(req.body);
  });
}

// Node's TLS verification error codes (node/src/crypto/crypto_common.cc) that mean "not trusted".
const UNTRUSTED_CERT_CODES = new Set([
  "SELF_SIGNED_CERT_IN_CHAIN",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "CERT_UNTRUSTED",
  "CERT_HAS_EXPIRED",
  "ERR_TLS_CERT_ALTNAME_INVALID",
]);

function describeNetworkError(err: unknown, url: URL, signal: AbortSignal): RegistryError {
  if (err instanceof RegistryError) return err;
  if (signal.aborted) {
    const reason: unknown = signal.reason;
    return reason instanceof Error && reason.name === "TimeoutError"
      ? new RegistryError(`timed out waiting for ${url.host}`, "unavailable", { cause: reason })
      : new RegistryError("aborted", "aborted", { cause: reason });
  }
  const code = typeof err === "object" && err !== null && "code" in err ? String(err.code) : "";
  const message = messageOf(err);
  let reason: string;
  if (UNTRUSTED_CERT_CODES.has(code)) {
    reason = `TLS certificate of ${url.host} is not trusted (${message}): give the registry's CA certificate`;
  } else if (code === "ECONNREFUSED") {
    reason = `connection to ${url.host} refused: is the registry running?`;
  } else if (code === "ERR_SSL_WRONG_VERSION_NUMBER" || /wrong version number|packet length too long/i.test(message)) {
    reason = `${url.host} does not speak TLS (${message}): use http for this registry`;
  } else if (url.protocol === "http:" && (code.startsWith("HPE_") || code === "ECONNRESET")) {
    reason = `${url.origin} answered with something that is not HTTP (${message}): does the registry want https?`;
  } else {
    reason = `request to ${url.origin} failed: ${message}`;
  }
  return new RegistryError(reason, "unavailable", { cause: err });
}

/** The first value of a response header. */
export function headerValue(res: HttpResponse, name: string): string | undefined {
  const value = res.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}
