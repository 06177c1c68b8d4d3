import type { IncomingMessage } from "node:http";
import { DockerError } from "./docker-error.js";
import { formatDockerHost, type DockerHost } from "./docker-host.js";
import { dockerRequest } from "./docker-request.js";

/** Options every Engine API call takes. */
export interface EngineCallOptions {
  readonly signal?: AbortSignal;
  /** Deadline for the whole call (connect, request, response); a stream's caller bounds it through `signal`. */
  readonly timeoutMs?: number;
}

/** Query parameters; undefined values are left out. */
export type Query = Readonly<Record<string, string | number | boolean | undefined>>;

export interface EngineRequest extends EngineCallOptions {
  readonly method: "GET" | "POST" | "PUT" | "DELETE" | "HEAD";
  readonly path: string;
  readonly query?: Query;
  /** A Buffer is sent as is (with `contentType`); anything else is sent as JSON. */
  readonly body?: unknown;
  readonly contentType?: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** What the call does, for messages: "failed to <verb>: <daemon's message>". */
  readonly verb: string;
  /**
   * Statuses that mean there is nothing to do (404: already gone or not there, 304: already so): `engineJson`
   * resolves to undefined for them instead of failing.
   */
  readonly nothingToDo?: readonly number[];
}

export const engineDefaults = Object.freeze({
  /**
   * The Engine answers metadata calls in milliseconds; 30 s covers a daemon busy with a large pull or prune.
   * Long operations (pull, logs) are streams, bounded by their own deadline.
   */
  timeoutMs: 30_000,
});

/** `path?query`, with the query's undefined values left out. */
export function withQuery(path: string, query: Query | undefined): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/**
 * Sends one request and resolves to the response once its status line arrived, whatever the status.
 * The response body is the caller's to read. The deadline covers only the wait for the status line when
 * `streaming` is set (the caller then bounds the body with its own signal).
 */
export function engineSend(host: DockerHost, req: EngineRequest, streaming = false): Promise<IncomingMessage> {
  const timeoutMs = req.timeoutMs ?? engineDefaults.timeoutMs;
  const deadline = AbortSignal.timeout(timeoutMs);
  const signal = req.signal ? AbortSignal.any([req.signal, deadline]) : deadline;
  const where = `${formatDockerHost(host)}`;
  let payload: Buffer | undefined;
  let contentType = req.contentType;
  if (Buffer.isBuffer(req.body)) {
    payload = req.body;
    contentType ??= "application/octet-stream";
  } else if (req.body !== undefined) {
    payload = Buffer.from(JSON.stringify(req.body));
    contentType = "application/json";
  }
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { ...req.headers };
    if (payload) {
      headers["Content-Type"] = contentType ?? "application/octet-stream";
      headers["Content-Length"] = String(payload.length);
    }
    const request = dockerRequest(host, {
      method: req.method,
      path: withQuery(req.path, req.query),
      headers,
      signal: streaming ? req.signal : signal,
    });
    const onDeadline = (): void => {
      request.destroy(new Error(`no answer within ${timeoutMs} ms`));
    };
    if (streaming) deadline.addEventListener("abort", onDeadline, { once: true });
    request.on("response", (res) => {
      deadline.removeEventListener("abort", onDeadline);
      resolve(res);
    });
    request.on("error", (cause) => {
      deadline.removeEventListener("abort", onDeadline);
      const reason = signal.aborted && deadline.aborted ? `no answer within ${timeoutMs} ms` : cause.message;
      reject(new DockerError(`failed to ${req.verb}: Docker daemon at ${where}: ${reason}`, { cause }));
    });
    request.end(payload);
  });
}

/** Reads a whole response body, bounded by `signal`. */
export function readBody(res: IncomingMessage, signal?: AbortSignal): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const onAbort = (): void => {
      res.destroy();
      reject(new DockerError("response canceled", { cause: signal?.reason }));
    };
    if (signal?.aborted) return onAbort();
    signal?.addEventListener("abort", onAbort, { once: true });
    res.on("data", (c: Buffer) => chunks.push(c));
    res.on("end", () => {
      signal?.removeEventListener("abort", onAbort);
      resolve(Buffer.concat(chunks));
    });
    res.on("error", (err) => {
      signal?.removeEventListener("abort", onAbort);
      reject(err);
    });
  });
}

/** The daemon's own words from an error body (`{"message": "..."}`), else the raw text, else the status. */
export function daemonMessage(status: number | undefined, body: Buffer): string {
  const text = body.toString("utf8").trim();
  try {
    const parsed = JSON.parse(text) as { message?: unknown };
    if (typeof parsed.message === "string" && parsed.message) return parsed.message;
  } catch {
    // not JSON: some proxies and old daemons answer text
  }
  return text || `HTTP ${status ?? "?"}`;
}

/** Turns a non-2xx response into a DockerError with the daemon's message and the HTTP status. */
export async function errorFromResponse(res: IncomingMessage, verb: string): Promise<DockerError> {
  const body = await readBody(res).catch(() => Buffer.alloc(0));
  const status = res.statusCode ?? 0;
  return new DockerError(`failed to ${verb}: ${daemonMessage(status, body)}`, { status });
}

/**
 * One JSON call: resolves to the parsed body (undefined for an empty body), throws a DockerError carrying
 * the daemon's message and status for anything but 2xx.
 */
export async function engineJson<T>(host: DockerHost, req: EngineRequest): Promise<T> {
  const timeoutMs = req.timeoutMs ?? engineDefaults.timeoutMs;
  const res = await engineSend(host, req);
  const status = res.statusCode ?? 0;
  const body = await readBody(res, AbortSignal.timeout(timeoutMs));
  if (req.nothingToDo?.includes(status)) return undefined as T;
  if (status < 200 || status > 299) {
    throw new DockerError(`failed to ${req.verb}: ${daemonMessage(status, body)}`, { status });
  }
  if (body.length === 0) return undefined as T;
  try {
    return JSON.parse(body.toString("utf8")) as T;
  } catch (cause) {
    throw new DockerError(`failed to ${req.verb}: the daemon answered invalid JSON`, { cause, status });
  }
}

/** A call whose answer is a stream: resolves to the response once the daemon accepted (2xx). */
export async function engineStream(host: DockerHost, req: EngineRequest): Promise<IncomingMessage> {
  const res = await engineSend(host, req, true);
  const status = res.statusCode ?? 0;
  if (status < 200 || status > 299) throw await errorFromResponse(res, req.verb);
  return res;
}
